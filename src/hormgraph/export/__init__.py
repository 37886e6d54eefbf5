"""Exporters: each `to_x(...)` is pure and returns the content; each `write_x(...)` writes it."""

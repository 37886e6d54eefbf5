"""hormgraph: glossary entries about hormonal health -> a linked SKOS/OWL knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hormgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]

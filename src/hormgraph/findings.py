"""A check's finding, its levels, and the findings as a table, TSV or JSON."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum

from rdflib.term import Node

from hormgraph.namespaces import PREFIXES

ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
UNPRINTABLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}  # Zl, Zp: U+2028, U+2029 break lines


class Level(str, Enum):
    """How bad a finding is; `--fail-on LEVEL` fails on it and on anything worse."""

    ERROR = "ERROR"
    WARN = "WARN"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        """0 for ERROR, the worst."""
        return list(Level).index(self)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, on which entity, with which value."""

    level: Level
    check: str
    entity: str
    value: str
    message: str

    def key(self) -> tuple[int, str, str, str, str]:
        return (self.level.rank, self.check, self.entity, self.value, self.message)



def finding(level: Level, check: str, entity: Node, value: object, message: str) -> Finding:
    return Finding(level, check, str(entity), "" if value is None else str(value), message)


def curie(iri: str) -> str:
    """`iri` shortened with hormgraph's prefixes, for people to read.

    >>> curie("https://w3id.org/hormgraph/id/hormone/cortisol")
    'hormone:cortisol'
    """
    best = max((ns for ns in PREFIXES.values() if iri.startswith(str(ns))), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(str(best)):]}"


def count_levels(findings: Iterable[Finding]) -> dict[Level, int]:
    """How many findings of each level."""
    counts = dict.fromkeys(Level, 0)
    for finding in findings:
        counts[finding.level] += 1
    return counts


def failing(findings: Iterable[Finding], fail_on: Level) -> list[Finding]:
    """The findings at `fail_on` or worse."""
    return [f for f in findings if f.level.rank <= fail_on.rank]


def summary(findings: Iterable[Finding]) -> str:
    """'0 errors, 2 warnings, 5 info'."""
    counts = count_levels(findings)
    return (f"{counts[Level.ERROR]} errors, {counts[Level.WARN]} warnings, "
            f"{counts[Level.INFO]} info")


COLUMNS = ("level", "check", "entity", "value", "message")
WIDEST_VALUE = 48


def format_findings(findings: list[Finding], fmt: str) -> str:
    """The findings as an aligned table, TSV (full IRIs) or JSON (counts and findings)."""
    if fmt == "json":
        return json.dumps({"counts": {k.value: v for k, v in count_levels(findings).items()},
                           "findings": [asdict(f) for f in findings]},
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "tsv":
        return "".join("\t".join(_escape(c) for c in row) + "\n"
                       for row in [COLUMNS, *(_row(f) for f in findings)])
    rows = [tuple(c.upper() for c in COLUMNS),
            *((f.level.value, f.check, curie(f.entity), _shorten(curie(f.value)), f.message)
              for f in findings)]
    widths = [max(len(_escape(row[i])) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(_escape(c).ljust(w) for c, w in zip(row, widths, strict=False))
             + "  " + row[-1] for row in rows]
    return "\n".join([*lines, summary(findings)]) + "\n"


def _row(item: Finding) -> tuple[str, ...]:
    return (item.level.value, item.check, item.entity, item.value, item.message)


def _escape(text: str) -> str:
    """Backslash escapes for a backslash, line breaks, tabs and unprintable characters."""
    return "".join(ESCAPES.get(c) or (f"\\u{ord(c):04x}" if unicodedata.category(c)
                                      in UNPRINTABLE else c) for c in text)


def _shorten(text: str) -> str:
    return text if len(text) <= WIDEST_VALUE else text[: WIDEST_VALUE - 1] + "…"

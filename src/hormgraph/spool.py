"""The graph's N-Triples as the entries come: spooled (to disk when large) and put in the
outputs' order at the end."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from hormgraph.assemble import interleave
from hormgraph.emit import EntryTriples, Triples

#: The graph's N-Triples stay in memory up to this size, then go to a temporary file.
SPOOL_BYTES = 64 << 20


class GraphSpool:
    """The entries' triples as they come: term and evidence lines spooled (to disk when large),
    the small rest (source files, axioms, what spans entries) kept."""

    def __init__(self) -> None:
        self.terms = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.evidence = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.sources: list[tuple[str, ...]] = []
        self.axioms: list[str] = []
        self.summaries: list[EntryTriples] = []
        self.count = 0

    def add(self, emitted: EntryTriples) -> None:
        self.terms.write("".join(emitted.term).encode("utf-8"))
        self.evidence.write("".join(emitted.evidence).encode("utf-8"))
        self.sources.append(emitted.source)
        self.axioms.extend(emitted.axioms)
        self.count += len(emitted.term) + len(emitted.source) + len(emitted.evidence)
        self.summaries.append(replace(emitted, term=(), source=(), evidence=(), axioms=()))

    @staticmethod
    def _lines(spool: IO[bytes]) -> Iterator[str]:
        spool.seek(0)
        for line in spool:
            yield line.decode("utf-8")

    def write(self, fixed: Triples) -> tuple[IO[bytes], int]:
        """The whole graph as N-Triples, in a spool of its own, and its number of triples."""
        out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        count, batch = 0, []
        for line in interleave(fixed, self._lines(self.terms), self.sources,
                               self._lines(self.evidence)):
            batch.append(line)
            if len(batch) == 8192:
                out.write("".join(batch).encode("utf-8"))
                count, batch = count + len(batch), []
        out.write("".join(batch).encode("utf-8"))
        count += len(batch)
        self.evidence.close()
        return out, count

    def network(self, fixed: Triples) -> Iterator[str]:
        """The graph without its Web Annotations (terms, concepts, relations, axioms)."""
        return interleave(fixed, self._lines(self.terms), self.sources, self.axioms)



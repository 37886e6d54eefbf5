"""RDF syntaxes of the graph: Turtle (the main artifact), N-Triples, RDF/XML, JSON-LD.

Every syntax is written from the graph's N-Triples lines in the outputs' order (see
`hormgraph.order`), streamed: Turtle and RDF/XML by Oxigraph's serialisers (pyoxigraph), JSON-LD
by `write_jsonld`, one node object a line. An rdflib graph is put in that order first.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from hormgraph.namespaces import PREFIXES
from hormgraph.order import ordered_lines

NAMESPACES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
#: Longest namespace first, so an IRI takes its most specific prefix.
_BY_LENGTH = sorted(NAMESPACES.items(), key=lambda item: -len(item[1]))
_SUBJECT_START = re.compile(rb"\n(?=[^\t\n])")
SYNTAXES = {"turtle": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML}


def _triples(ntriples: IO[bytes] | bytes) -> Iterator[ox.Triple]:
    for found in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        yield found.triple


def write_syntax(ntriples: IO[bytes] | bytes, out: IO[bytes], syntax: str) -> None:
    """Write N-Triples (in the outputs' order) as Turtle or RDF/XML, with hormgraph's prefixes;
    triples of one subject stay together, as they come. Turtle gets its prefixes sorted and a
    blank line before each subject."""
    target: Any = _TurtleLayout(out) if syntax == "turtle" else out
    ox.serialize(_triples(ntriples), target, format=SYNTAXES[syntax], prefixes=NAMESPACES)
    if isinstance(target, _TurtleLayout):
        target.close()


class _TurtleLayout:
    """A stream that puts Oxigraph's Turtle in hormgraph's layout as it passes: the @prefix
    lines sorted, a blank line before each subject (a line that does not start with a tab)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.header, self.in_header, self.after_newline = out, b"", True, False

    def write(self, chunk: bytes) -> int:
        if self.in_header:
            self.header += chunk
            lines = self.header.split(b"\n")
            body = next((i for i, line in enumerate(lines[:-1])
                         if not line.startswith(b"@prefix")), None)
            if body is None:
                return len(chunk)
            self.in_header = False
            self.out.write(b"\n".join(sorted(lines[:body])) + b"\n")
            self.after_newline = True
            rest, self.header = b"\n".join(lines[body:]).lstrip(b"\n"), b""
            self._body(rest)
            return len(chunk)
        self._body(chunk)
        return len(chunk)

    def _body(self, chunk: bytes) -> None:
        if not chunk:
            return
        lead = b"\n" if self.after_newline and chunk[:1] not in (b"\t", b"\n") else b""
        self.after_newline = chunk.endswith(b"\n")
        self.out.write(lead + _SUBJECT_START.sub(b"\n\n", chunk))

    def flush(self) -> None:
        self.out.flush()

    def close(self) -> None:
        if self.in_header and self.header:
            self.out.write(self.header)
            self.header = b""


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: hormgraph's prefixes."""
    return dict(NAMESPACES)


def compact_iri(value: str) -> str:
    """A compact IRI with hormgraph's prefixes, or the IRI itself.

    >>> compact_iri("https://w3id.org/hormgraph/id/hormone/cortisol")
    'hormone:cortisol'
    """
    for prefix, namespace in _BY_LENGTH:
        rest = value[len(namespace):]
        if value.startswith(namespace) and rest and not rest.startswith("//"):
            return f"{prefix}:{rest}"
    return value


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": compact_iri(term.value)}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return {"@type": compact_iri(term.datatype.value), "@value": term.value}
        return {"@value": term.value}
    raise ValueError(f"not an IRI or a literal: {term}")


def _nodes(ntriples: IO[bytes] | bytes) -> Iterator[dict[str, Any]]:
    """One JSON-LD node object per subject (a subject's triples are consecutive)."""
    current: dict[str, Any] | None = None
    for triple in _triples(ntriples):
        if not isinstance(triple.subject, ox.NamedNode):
            raise ValueError(f"not an IRI: {triple.subject}")
        subject = compact_iri(triple.subject.value)
        if current is None or current["@id"] != subject:
            if current is not None:
                yield current
            current = {"@id": subject}
        predicate = triple.predicate.value
        if predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" and isinstance(
                triple.object, ox.NamedNode):
            current.setdefault("@type", []).append(compact_iri(triple.object.value))
        else:
            current.setdefault(compact_iri(predicate), []).append(_value(triple.object))
    if current is not None:
        yield current


def write_jsonld(ntriples: IO[bytes] | bytes, out: IO[bytes]) -> None:
    """JSON-LD with hormgraph's context: `{"@context": …, "@graph": [one node a line]}`."""
    context = json.dumps(jsonld_context(), sort_keys=True, ensure_ascii=False)
    out.write(b'{"@context": ' + context.encode("utf-8") + b',\n"@graph": [')
    first = True
    for node in _nodes(ntriples):
        out.write((b"\n" if first else b",\n")
                  + json.dumps(node, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        first = False
    out.write(b"\n]}\n")


def ntriples_bytes(lines: Iterable[str]) -> bytes:
    return "".join(lines).encode("utf-8")


def _render(graph: Graph, write: Any) -> str:
    out = io.BytesIO()
    write(ntriples_bytes(ordered_lines(graph)), out)
    return out.getvalue().decode("utf-8")


def to_turtle(graph: Graph) -> str:
    """The graph as Turtle, grouped by subject, with hormgraph's prefixes."""
    return _render(graph, lambda nt, out: write_syntax(nt, out, "turtle"))


def to_ntriples(graph: Graph) -> str:
    """The graph as N-Triples, one triple a line, in the outputs' order."""
    return "".join(ordered_lines(graph))


def to_rdfxml(graph: Graph) -> str:
    """The graph as RDF/XML (for tools built on the OWL API)."""
    return _render(graph, lambda nt, out: write_syntax(nt, out, "xml"))


def to_jsonld(graph: Graph) -> str:
    """The graph as JSON-LD with hormgraph's context."""
    return _render(graph, write_jsonld)

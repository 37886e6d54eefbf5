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
from functools import lru_cache
from json.encoder import encode_basestring
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph

from hormgraph.namespaces import PREFIXES
from hormgraph.order import ordered_lines

NAMESPACES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
#: Longest namespace first, so an IRI takes its most specific prefix.
_NAMESPACE = re.compile("|".join(re.escape(namespace) for namespace in sorted(
    NAMESPACES.values(), key=lambda namespace: -len(namespace))))
_PREFIX_OF = {namespace: prefix for prefix, namespace in NAMESPACES.items()}
_SUBJECT_START = re.compile(rb"\n(?=[^\t\n])")
_OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML}


def _triples(ntriples: IO[bytes] | bytes) -> Iterator[ox.Quad]:
    """The triples, as the parser gives them (quads of the default graph, which a serialiser of
    triples takes as they are: no Python step per triple)."""
    return ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)


def write_syntax(ntriples: IO[bytes] | bytes, out: IO[bytes], syntax: str) -> None:
    """Write N-Triples (in the outputs' order) as Turtle or RDF/XML, with hormgraph's prefixes;
    triples of one subject stay together, as they come. Turtle gets its prefixes sorted and a
    blank line before each subject."""
    target: Any = _TurtleLayout(out) if syntax == "turtle" else out
    ox.serialize(_triples(ntriples), target, format=_OXIGRAPH_FORMATS[syntax], prefixes=NAMESPACES)
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
    """A compact IRI with hormgraph's prefixes (the longest namespace that fits), or the IRI.

    >>> compact_iri("https://w3id.org/hormgraph/id/hormone/cortisol")
    'hormone:cortisol'
    """
    match = _NAMESPACE.match(value)
    if match is None:
        return value
    rest = value[match.end():]
    return f"{_PREFIX_OF[match.group()]}:{rest}" if rest and not rest.startswith("//") else value


_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _lines(ntriples: IO[bytes] | bytes) -> Iterator[str]:
    if isinstance(ntriples, bytes):
        yield from ntriples.decode("utf-8").splitlines(keepends=True)
    else:
        for line in ntriples:
            yield line.decode("utf-8")


_compact = lru_cache(maxsize=1 << 12)(compact_iri)
_key_json = lru_cache(maxsize=1 << 12)(encode_basestring)


@lru_cache(maxsize=1 << 16)
def _iri_json(iri: str) -> str:
    """An IRI, compacted, as a JSON string (cached: predicates, classes and concepts repeat)."""
    return encode_basestring(compact_iri(iri))


@lru_cache(maxsize=1 << 16)
def _id_json(iri: str) -> str:
    return '{"@id": ' + _iri_json(iri) + "}"


def _json_value(obj: str) -> str:
    """An N-Triples object as a JSON-LD value, as JSON text. An N-Triples string, as hormgraph
    writes it (escapes \\ \" \n \r \t \b \f and \\uXXXX), is already a JSON string."""
    if obj.startswith("<"):
        return _id_json(obj[1:-1])
    end = obj.rindex('"')
    value, rest = obj[:end + 1], obj[end + 1:]
    if rest.startswith("@"):
        return '{"@language": ' + encode_basestring(rest[1:]) + ', "@value": ' + value + "}"
    if rest.startswith("^^<") and rest[3:-1] != _STRING:
        return '{"@type": ' + _iri_json(rest[3:-1]) + ', "@value": ' + value + "}"
    return '{"@value": ' + value + "}"


def _node_json(subject: str, properties: dict[str, list[str]]) -> str:
    """One node object, its keys sorted (as json.dumps(sort_keys=True) would)."""
    parts = {"@id": encode_basestring(compact_iri(subject)),
             **{key: "[" + ", ".join(values) + "]" for key, values in properties.items()}}
    return "{" + ", ".join(f"{_key_json(key)}: {parts[key]}" for key in sorted(parts)) + "}"


def _nodes(ntriples: IO[bytes] | bytes) -> Iterator[str]:
    """One JSON-LD node object per subject (a subject's triples are consecutive), as text."""
    subject: str | None = None
    properties: dict[str, list[str]] = {}
    for line in _lines(ntriples):
        if not line.startswith("<"):
            if not line.strip():
                continue
            raise ValueError(f"not an IRI subject: {line[:60]}")
        s_end = line.index("> ")
        p_end = line.index("> ", s_end + 2)
        s, p, o = line[1:s_end], line[s_end + 3:p_end], line[p_end + 2:].rstrip()[:-1].rstrip()
        if s != subject:
            if subject is not None:
                yield _node_json(subject, properties)
            subject, properties = s, {}
        if p == _TYPE and o.startswith("<"):
            properties.setdefault("@type", []).append(_iri_json(o[1:-1]))
        else:
            properties.setdefault(_compact(p), []).append(_json_value(o))
    if subject is not None:
        yield _node_json(subject, properties)


def write_jsonld(ntriples: IO[bytes] | bytes, out: IO[bytes]) -> None:
    """JSON-LD with hormgraph's context: `{"@context": …, "@graph": [one node a line]}`,
    written straight from hormgraph's N-Triples lines."""
    context = json.dumps(jsonld_context(), sort_keys=True, ensure_ascii=False)
    out.write(b'{"@context": ' + context.encode("utf-8") + b',\n"@graph": [')
    first = True
    for node in _nodes(ntriples):
        out.write((b"\n" if first else b",\n") + node.encode("utf-8"))
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

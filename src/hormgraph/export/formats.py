"""The one registry of output formats: every file a build writes (its name, media type and
writer) and every RDF syntax a graph can be sent in. The build, the server, the CLI and the
tests read them here; a new format is one entry below."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

from rdflib import Graph

from hormgraph.evidence import MentionEvidence
from hormgraph.export.html import to_html
from hormgraph.export.rdf import (
    to_jsonld,
    to_ntriples,
    to_rdfxml,
    to_turtle,
    write_jsonld,
    write_syntax,
)
from hormgraph.export.tables import to_graphml, write_mentions_csv


@dataclass(frozen=True)
class Sources:
    """What the writers read, each made on a writer's call: the graph's N-Triples in the
    outputs' order (a fresh stream each time), the graph of its network (no Web Annotations;
    made once, on first use) and the mentions' evidence (a fresh iterator each time)."""

    ntriples: Callable[[], IO[bytes]]
    network: Callable[[], Graph]
    evidence: Callable[[], Iterable[MentionEvidence]]


Writer = Callable[[Sources, IO[bytes]], None]


@dataclass(frozen=True)
class OutputFile:
    """One file of the build's output set."""

    name: str
    media_type: str
    what: str
    write: Writer
    #: About how long it takes to write, against the others (the longest go first in parallel).
    effort: float = 1.0
    #: Whether the writer reads the network and the evidence (else only the N-Triples: it can
    #: start while the network is being made).
    reads_network: bool = False


@dataclass(frozen=True)
class Syntax:
    """An RDF syntax a graph (a CONSTRUCT's answer, a whole graph) can be rendered in."""

    name: str
    media_type: str
    suffix: str
    render: Callable[[Graph], str]


def _copy(sources: Sources, out: IO[bytes]) -> None:
    shutil.copyfileobj(sources.ntriples(), out)


def _syntax(name: str) -> Writer:
    def write(sources: Sources, out: IO[bytes]) -> None:
        write_syntax(sources.ntriples(), out, name)
    return write


def _jsonld(sources: Sources, out: IO[bytes]) -> None:
    write_jsonld(sources.ntriples(), out)


def _mentions_csv(sources: Sources, out: IO[bytes]) -> None:
    write_mentions_csv(sources.network(), sources.evidence(), out)


def _text(render: Callable[[Graph, Iterable[MentionEvidence]], str]) -> Writer:
    def write(sources: Sources, out: IO[bytes]) -> None:
        out.write(render(sources.network(), sources.evidence()).encode("utf-8"))
    return write


#: The build's output set, in the order it is written.
OUTPUTS: tuple[OutputFile, ...] = (
    OutputFile("hormgraph.ttl", "text/turtle", "the whole graph, self-contained (Turtle)",
               _syntax("turtle"), effort=3),
    OutputFile("hormgraph.nt", "application/n-triples", "the same graph as N-Triples", _copy,
               effort=0.5),
    OutputFile("hormgraph.jsonld", "application/ld+json", "the same graph as JSON-LD", _jsonld,
               effort=5),
    OutputFile("hormgraph.rdf", "application/rdf+xml",
               "the same graph as RDF/XML (OWL API tools: Protégé, ROBOT)", _syntax("xml"),
               effort=3),
    OutputFile("hormgraph.graphml", "application/graphml+xml",
               "the knowledge network for Gephi and Cytoscape", _text(to_graphml),
               effort=2, reads_network=True),
    OutputFile("mentions.csv", "text/csv", "one row per mention, for spreadsheets",
               _mentions_csv, reads_network=True),
    OutputFile("hormgraph.html", "text/html", "the network view, offline",
               _text(to_html), effort=2, reads_network=True),
)
#: The file other commands read by default.
MAIN_OUTPUT = OUTPUTS[0].name

#: The RDF syntaxes of a graph, the preferred first.
SYNTAXES: tuple[Syntax, ...] = (
    Syntax("turtle", "text/turtle", ".ttl", to_turtle),
    Syntax("ntriples", "application/n-triples", ".nt", to_ntriples),
    Syntax("rdfxml", "application/rdf+xml", ".rdf", to_rdfxml),
    Syntax("jsonld", "application/ld+json", ".jsonld", to_jsonld),
)

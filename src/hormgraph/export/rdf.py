"""RDF syntaxes of the graph: Turtle (the main artifact), N-Triples, RDF/XML, JSON-LD."""

from __future__ import annotations

from rdflib import Graph

from hormgraph.namespaces import bind_prefixes


def to_turtle(graph: Graph) -> str:
    """The graph as Turtle, grouped by subject, with hormgraph's prefixes."""
    return bind_prefixes(graph).serialize(format="turtle")


def to_ntriples(graph: Graph) -> str:
    """The graph as N-Triples, one triple a line, sorted so the file diffs cleanly."""
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"

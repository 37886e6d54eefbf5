"""Tables for other tools: GraphML (Gephi, Cytoscape) and mentions.csv (spreadsheets)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from hormgraph.evidence import MentionEvidence, from_graph
from hormgraph.export.graphml import graphml_lines
from hormgraph.model import SECTIONS, EntityType
from hormgraph.namespaces import HGO

KINDS = {HGO.GlossaryTerm: "term", **{HGO[t.class_name]: t.value for t in EntityType}}
TYPED_MENTIONS = {HGO[f"mentions{t.class_name}"] for t in EntityType}
MENTION_COLUMNS = ("term", "entity", "type", "section", "surface", "sentence", "start", "end",
                   "term_iri", "entity_iri")


def kinds(graph: Graph) -> dict[Node, str]:
    """Each glossary term and vocabulary entity, with its kind: term, hormone, enzyme, ..."""
    return {node: kind for cls, kind in KINDS.items() for node in graph.subjects(RDF.type, cls)}


def _label(graph: Graph, node: Node) -> str:
    labels = sorted(str(o) for o in graph.objects(node, SKOS.prefLabel))
    return labels[0] if labels else str(node)


def _local_name(iri: Node | str) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def knowledge_network(graph: Graph, evidence: Iterable[MentionEvidence] | None = None,
                      ) -> nx.MultiDiGraph[str]:
    """Terms and entities as nodes (label, type, iri); every link between two of them as an edge
    named after its property (mentions, broader, converts, ...), mentions weighted by how often
    the text makes them."""
    nodes = kinds(graph)
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in sorted(nodes, key=str):
        network.add_node(str(node), label=_label(graph, node), type=nodes[node], iri=str(node))
    occurrences = Counter((item.term, item.entity)
                          for item in (from_graph(graph) if evidence is None else evidence))
    links = sorted((str(s), str(p), str(o)) for s in nodes
                   for p, o in graph.predicate_objects(s)
                   if o in nodes and p not in TYPED_MENTIONS and p != RDF.type)
    for s, p, o in links:
        kind = _local_name(p)
        network.add_edge(s, o, key=kind, kind=kind, iri=p, weight=occurrences.get((s, o), 1))
    return network


def to_graphml(graph: Graph, evidence: Iterable[MentionEvidence] | None = None) -> str:
    """The knowledge network as GraphML, nodes and edges in a stable order."""
    return "\n".join(graphml_lines(knowledge_network(graph, evidence))) + "\n"


def mention_rows(graph: Graph,
                 evidence: Iterable[MentionEvidence] | None = None) -> Iterator[dict[str, str]]:
    """One row per mention occurrence (its evidence read from `graph` unless given), in text
    order."""
    for row in _mention_tuples(graph, evidence):
        yield dict(zip(MENTION_COLUMNS, row, strict=True))


def _mention_tuples(graph: Graph, evidence: Iterable[MentionEvidence] | None
                    ) -> list[tuple[str, ...]]:
    """The rows of `mention_rows` as tuples in MENTION_COLUMNS' order (a third of the memory of
    dicts: a large glossary has hundreds of thousands)."""
    nodes = kinds(graph)
    labels: dict[str, str] = {}

    def label(node: str) -> str:
        if node not in labels:
            labels[node] = _label(graph, URIRef(node))
        return labels[node]

    order = {section: i for i, section in enumerate(SECTIONS)}
    keyed = []
    for item in from_graph(graph) if evidence is None else evidence:
        kind = nodes.get(URIRef(item.entity), "term")
        if kind == "term":
            continue
        term = label(item.term)
        keyed.append(((term, item.term, order.get(item.section, len(order)), item.start,
                       item.end, item.entity),
                      (term, label(item.entity), kind, item.section, item.surface, item.excerpt,
                       str(item.start), str(item.end), item.term, item.entity)))
    keyed.sort(key=lambda pair: pair[0])
    return [row for _, row in keyed]


def write_mentions_csv(graph: Graph, evidence: Iterable[MentionEvidence] | None,
                       out: IO[bytes]) -> None:
    """mentions.csv (see `to_mentions_csv`) streamed to `out`, a row at a time."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(MENTION_COLUMNS)
    writer.writerows(tuple(neutralised(cell) for cell in row)
                     for row in _mention_tuples(graph, evidence))
    text.flush()
    text.detach()  # `out` stays open: its owner closes it


def to_mentions_csv(graph: Graph, evidence: Iterable[MentionEvidence] | None = None) -> str:
    """mentions.csv: term, entity, type, section, surface, sentence, start, end (code points in
    the section), and the term's and entity's IRIs. Quoted per RFC 4180 (CRLF row ends, so a
    line break inside a cell is always quoted), with formula-like cells neutralised."""
    out = io.BytesIO()
    write_mentions_csv(graph, evidence, out)
    return out.getvalue().decode("utf-8")


def neutralised(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: one beginning with "=", "+", "-", "@", a
    tab or a carriage return gets a leading single quote, as OWASP recommends.

    >>> neutralised("=HYPERLINK(1)"), neutralised("-1"), neutralised("cortisol")
    ("'=HYPERLINK(1)", "'-1", 'cortisol')
    """
    return f"'{cell}" if cell.startswith(_FORMULA_LEADS) else cell


_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

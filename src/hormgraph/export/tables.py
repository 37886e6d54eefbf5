"""Tables for other tools: GraphML (Gephi, Cytoscape) and mentions.csv (spreadsheets)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator

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
    nodes = kinds(graph)
    labels: dict[str, str] = {}

    def label(node: str) -> str:
        if node not in labels:
            labels[node] = _label(graph, URIRef(node))
        return labels[node]

    rows = []
    for item in from_graph(graph) if evidence is None else evidence:
        kind = nodes.get(URIRef(item.entity), "term")
        if kind == "term":
            continue
        rows.append({
            "term": label(item.term), "entity": label(item.entity), "type": kind,
            "section": item.section, "surface": item.surface, "sentence": item.excerpt,
            "start": str(item.start), "end": str(item.end),
            "term_iri": item.term, "entity_iri": item.entity,
        })
    order = {section: i for i, section in enumerate(SECTIONS)}
    yield from sorted(rows, key=lambda r: (r["term"], r["term_iri"],
                                           order.get(r["section"], len(order)),
                                           int(r["start"] or 0), int(r["end"] or 0),
                                           r["entity_iri"]))


def to_mentions_csv(graph: Graph, evidence: Iterable[MentionEvidence] | None = None) -> str:
    """mentions.csv: term, entity, type, section, surface, sentence, start, end (code points in
    the section), and the term's and entity's IRIs. Quoted per RFC 4180 (CRLF row ends, so a
    line break inside a cell is always quoted), with formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MENTION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: neutralised(v) for k, v in row.items()}
                     for row in mention_rows(graph, evidence))
    return out.getvalue()


def neutralised(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: one beginning with "=", "+", "-", "@", a
    tab or a carriage return gets a leading single quote, as OWASP recommends.

    >>> neutralised("=HYPERLINK(1)"), neutralised("-1"), neutralised("cortisol")
    ("'=HYPERLINK(1)", "'-1", 'cortisol')
    """
    return f"'{cell}" if cell.startswith(_FORMULA_LEADS) else cell


_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

"""The network view's data, from networkx (testable without a browser): the terms and
vocabulary entities of a graph as nodes, with their details, evidence, sizes and positions; its
mentions, relations and broader links as edges."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice, zip_longest
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from hormgraph.evidence import MentionEvidence, from_graph
from hormgraph.export.layout import layout
from hormgraph.export.legend import EDGE_KINDS, NODE_TYPES, NodeType
from hormgraph.namespaces import HGO, TYPED_MENTIONS

MENTION_PROPERTIES = (HGO.mentions, *TYPED_MENTIONS)
ORIGINS = {"text": "read from the text", "curated": "curated"}
#: Above this many nodes the view opens on an overview of the best-connected ones (the rest
#: are found by search or shown by expanding a node).
OVERVIEW_LIMIT = 600
#: A concept no term mentions is generic when this share of its type's nodes (or more) is
#: narrower than it, or when it tops a hierarchy: "hormone", "anatomical entity", "organ".
GENERIC_SHARE = 0.25
TERM_SIZE = 28.0
#: The most mention evidence a node carries into the view (see `_add_evidence`).
EVIDENCE_SHOWN = 12
OBO = "http://purl.obolibrary.org/obo/"
IDENTIFIERS_ORG = "https://identifiers.org/"


def to_network(graph: Graph,
               evidence: Iterable[MentionEvidence] | None = None) -> nx.MultiDiGraph[str]:
    """The terms and vocabulary entities of `graph` as nodes, with their details, evidence (read
    from `graph` unless given) and positions; its mentions, relations and skos:broader links as
    edges, each of a `kind` in EDGE_KINDS. A node is `generic` as generic_nodes says."""
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri, node_type in _typed_nodes(graph):
        network.add_node(str(iri), **_node_data(graph, iri, node_type))
    _add_mentions(graph, network)
    _add_relations(graph, network)
    _add_hierarchy(graph, network)
    _add_evidence(network, from_graph(graph) if evidence is None else evidence)
    generic = generic_nodes(network)
    for node, degree in network.degree():
        data = network.nodes[node]
        data["generic"] = node in generic
        data["size"] = TERM_SIZE if data["type"] == "term" else round(
            8 + 3 * math.log2(1 + degree), 1)
    for node, (x, y) in layout(network).items():
        network.nodes[node].update(x=round(x, 1), y=round(y, 1))
    return network


def generic_nodes(network: nx.MultiDiGraph[str]) -> set[str]:
    """The very general concepts that only link others, which the view folds away: those no term
    mentions that top a broader hierarchy or have GENERIC_SHARE of their type's nodes narrower.

    >>> g = nx.MultiDiGraph([("a", "top", "broader", {"kind": "hierarchy"}),
    ...                      ("t", "a", "mentions", {"kind": "mention"})])
    >>> nx.set_node_attributes(g, {"a": "hormone", "top": "hormone", "t": "term"}, "type")
    >>> sorted(generic_nodes(g))
    ['top']
    """
    hierarchy: nx.DiGraph[str] = nx.DiGraph()
    hierarchy.add_edges_from((u, v) for u, v, data in network.edges(data=True)
                             if data["kind"] == "hierarchy")
    mentioned = {v for _, v, data in network.edges(data=True) if data["kind"] == "mention"}
    of_type = Counter(str(data["type"]) for _, data in network.nodes(data=True))
    found = set()
    for node in sorted(n for n in hierarchy if hierarchy.in_degree(n) and n not in mentioned):
        below = len(nx.ancestors(hierarchy, node))  # edges point from narrower to broader
        top = hierarchy.out_degree(node) == 0
        if top or below >= GENERIC_SHARE * of_type[str(network.nodes[node]["type"])]:
            found.add(node)
    return found


def _typed_nodes(graph: Graph) -> Iterator[tuple[URIRef, NodeType]]:
    seen: set[URIRef] = set()
    for cls, node_type in NODE_TYPES.items():
        found = {n for n in graph.subjects(RDF.type, cls) if isinstance(n, URIRef)} - seen
        seen |= found
        for node in sorted(found):
            yield node, node_type


def _text(graph: Graph, node: Node, predicate: URIRef) -> str:
    """One value of a text property, English first, the same one every time."""
    values = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
    return min((o.language not in ("en", None), str(o)) for o in values)[1] if values else ""


def _node_data(graph: Graph, node: URIRef, node_type: NodeType) -> dict[str, Any]:
    label = _text(graph, node, SKOS.prefLabel) or str(node).rsplit("/", 1)[-1]
    source = graph.value(node, DCTERMS.source)
    return {
        "label": label,
        "type": node_type.name,
        "synonyms": sorted({str(o) for o in graph.objects(node, SKOS.altLabel)} - {label}),
        "definition": _text(graph, node, SKOS.definition),
        "matches": [{"iri": iri, "id": compact(iri), "match": match}
                    for predicate, match in ((SKOS.exactMatch, "exact"), (SKOS.closeMatch, "close"))
                    for iri in sorted(str(o) for o in graph.objects(node, predicate)
                                      if isinstance(o, URIRef))],
        "source": _text(graph, source, DCTERMS.identifier) if source is not None else "",
        "evidence": [],
        "evidence_total": 0,
    }


def compact(iri: str) -> str:
    """A short form of a standard-ontology identifier, for display.

    >>> compact("http://purl.obolibrary.org/obo/CHEBI_17650")
    'CHEBI:17650'
    >>> compact("https://identifiers.org/hgnc:11284")
    'hgnc:11284'
    """
    if iri.startswith(OBO) and "_" in iri:
        return iri[len(OBO):].replace("_", ":", 1)
    if iri.startswith(IDENTIFIERS_ORG):
        return iri[len(IDENTIFIERS_ORG):]
    return iri


def _add_mentions(graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    for predicate in MENTION_PROPERTIES:
        for term, entity in graph.subject_objects(predicate):
            if str(term) in network and str(entity) in network:
                network.add_edge(str(term), str(entity), key="mentions", kind="mention",
                                 label="mentions", title="mentions")


def _relation_origins(graph: Graph) -> dict[tuple[str, str, str], set[str]]:
    """Where each relation triple comes from ("text", "curated"), as its axiom annotations say
    (each annotation property read in one pass: a lookup per axiom is many times slower)."""
    origins: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    of = {p: {a: str(v) for a, v in graph.subject_objects(p)} for p in (
        OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget, HGO.product)}
    for basis, origin in ((HGO.text, "text"), (HGO.curated, "curated")):
        for axiom in graph.subjects(HGO.basis, basis):
            subject, predicate, obj = (of[p].get(axiom, "None") for p in (
                OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
            origins[(subject, predicate, obj)].add(origin)
            product = of[HGO.product].get(axiom)
            if product is not None:
                origins[(subject, str(HGO.produces), product)].add(origin)
                origins[(obj, str(HGO.convertedTo), product)].add(origin)
    return origins


def _add_relations(graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    """Every hgo: triple between two nodes other than a mention. One that no axiom annotation
    describes was copied from the vocabulary, so it counts as curated."""
    origins = _relation_origins(graph)
    for node in list(network):
        for predicate, obj in graph.predicate_objects(URIRef(node)):
            if (not str(predicate).startswith(str(HGO)) or predicate in MENTION_PROPERTIES
                    or str(obj) not in network):
                continue
            found = origins.get((node, str(predicate), str(obj))) or {"curated"}
            label = _text(graph, predicate, RDFS.label) or str(predicate).rsplit("#", 1)[-1]
            said = " and ".join(text for origin, text in ORIGINS.items() if origin in found)
            network.add_edge(node, str(obj), key=str(predicate), label=label,
                             kind="text" if "text" in found else "curated",
                             title=f"{label} ({said})")


def _add_hierarchy(graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    pairs = {(str(a), str(b)) for a, b in graph.subject_objects(SKOS.broader)}
    pairs |= {(str(b), str(a)) for a, b in graph.subject_objects(SKOS.narrower)}
    for narrower, broader in sorted(pairs):
        if narrower in network and broader in network and narrower != broader:
            network.add_edge(narrower, broader, key="broader", kind="hierarchy",
                             label="broader", title="broader")


def _add_evidence(network: nx.MultiDiGraph[str], evidence: Iterable[MentionEvidence]) -> None:
    """Each mention of a node: the sentence it was found in, split around the mention; at most
    EVIDENCE_SHOWN of them, spread over the terms (each term's first, then each one's second,
    ...), and in `evidence_total` how many there are (a hub of a large glossary has thousands:
    mentions.csv and SPARQL have them all)."""
    found: dict[str, dict[str, list[MentionEvidence]]] = defaultdict(lambda: defaultdict(list))
    for item in evidence:
        if item.entity in network and item.term in network:
            found[item.entity][item.term].append(item)
    for body, by_term in found.items():
        total = sum(len(items) for items in by_term.values())
        rounds = zip_longest(*(sorted(items, key=_in_text_order)
                               for _, items in sorted(by_term.items())))
        shown = sorted(islice((e for r in rounds for e in r if e is not None), EVIDENCE_SHOWN),
                       key=_in_text_order)
        data = network.nodes[body]
        data["evidence_total"] = total
        for item in shown:
            before, mention, after = item.in_sentence
            data["evidence"].append({"term": item.term, "section": item.section,
                                     "before": before, "mention": mention, "after": after})


def _in_text_order(item: MentionEvidence) -> tuple[str, str, int, str, str, str, str]:
    return (item.term, item.section, item.start, item.sentence, item.surface, item.prefix,
            item.suffix)


def summary(network: nx.MultiDiGraph[str]) -> str:
    """One line of counts: nodes by type, links by kind."""
    types = Counter(str(data["type"]) for _, data in network.nodes(data=True))
    kinds = Counter(str(data["kind"]) for _, _, data in network.edges(data=True))
    nodes = ", ".join(f"{types[t.name]} {t.name if types[t.name] == 1 else t.plural}"
                      for t in NODE_TYPES.values())
    edges = ", ".join(f"{kinds[k.name]} {k.short}" for k in EDGE_KINDS)
    shown = (f" · opens on the {OVERVIEW_LIMIT} best-connected; search or expand a node for "
             "the rest") if len(network) > OVERVIEW_LIMIT else ""
    return (f"{len(network)} nodes ({nodes}) · {network.number_of_edges()} links ({edges})"
            f"{shown}")


def overview(network: nx.MultiDiGraph[str], limit: int = OVERVIEW_LIMIT) -> set[str]:
    """The nodes the view opens on: all of them up to `limit`; beyond, the `limit` with the most
    links (the hubs a reader starts from), ties by label.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "a")])
    >>> sorted(overview(g, limit=2))
    ['a', 'b']
    """
    if len(network) <= limit:
        return set(network)
    ranked = sorted(network, key=lambda node: (-network.degree(node),
                                                str(network.nodes[node].get("label", node)),
                                                node))
    return set(ranked[:limit])



"""The network view: data from networkx first (testable without a browser), then an offline page."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template
from typing import Any

import networkx as nx
import numpy as np
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from hormgraph.errors import HormgraphError
from hormgraph.evidence import MentionEvidence, from_graph
from hormgraph.model import EntityType
from hormgraph.namespaces import HGO, TYPED_MENTIONS, type_class


@dataclass(frozen=True)
class NodeType:
    """How the view draws one type of node."""

    name: str
    plural: str
    colour: str
    shape: str
    symbol: str


@dataclass(frozen=True)
class EdgeKind:
    """How the view draws one kind of link."""

    name: str
    label: str
    short: str
    colour: str
    width: float
    dashes: bool | tuple[int, ...]
    font: int


#: How each entity type is drawn: colour, vis.js shape, legend symbol (a type not here: grey).
TYPE_STYLES = {
    EntityType.HORMONE: ("#d1495b", "dot", "●"),
    EntityType.ENZYME: ("#edae49", "diamond", "◆"),
    EntityType.TISSUE: ("#00798c", "triangle", "▲"),
    EntityType.PROCESS: ("#66a182", "hexagon", "⬢"),
    EntityType.RECEPTOR: ("#8e6cc2", "star", "★"),
}
#: In this order a node with several classes takes the first.
NODE_TYPES = {
    HGO.GlossaryTerm: NodeType("term", "terms", "#4c4c4c", "square", "■"),
    **{type_class(t): NodeType(t.value, t.plural, *TYPE_STYLES.get(t, ("#7f7f7f", "triangleDown",
                                                                          "▼")))
       for t in EntityType},
}
EDGE_KINDS = (
    EdgeKind("mention", "mentions (term → entity)", "mentions", "#a0a0a0", 1, False, 7),
    EdgeKind("text", "relation read from the text", "read from the text", "#d35400", 3, False,
             12),
    EdgeKind("curated", "curated relation", "curated", "#2c5aa0", 2.5, (8, 5), 12),
    EdgeKind("hierarchy", "broader (hierarchy)", "broader", "#6b6b6b", 1.5, (2, 4), 7),
)
MENTION_PROPERTIES = (HGO.mentions, *TYPED_MENTIONS)
ORIGINS = {"text": "read from the text", "curated": "curated"}
#: Above this many nodes spring_layout gets slow (seconds at 2,000): use the ring layout.
SPRING_LIMIT = 300
#: Above this many nodes the view opens on an overview of the best-connected ones (the rest
#: are found by search or shown by expanding a node).
OVERVIEW_LIMIT = 600
SEED = 20240601
SPACING = 60.0
#: The least distance between two nodes' centres, and the pull of a mention relative to others.
GAP = 45.0
MENTION_PULL = 0.2
OBO = "http://purl.obolibrary.org/obo/"
IDENTIFIERS_ORG = "https://identifiers.org/"
VIS = "templates/lib/vis-9.1.2"
SOURCE_MAP = re.compile(r"^(?://|/\*)# sourceMappingURL=\S*(?: \*/)?$", re.MULTILINE)
#: Node data the page needs besides what vis-network draws.
DETAILS = ("synonyms", "definition", "matches", "source", "evidence")


def to_network(graph: Graph,
               evidence: Iterable[MentionEvidence] | None = None) -> nx.MultiDiGraph[str]:
    """The terms and vocabulary entities of `graph` as nodes, with their details, evidence (read
    from `graph` unless given) and positions; its mentions, relations and skos:broader links as
    edges, each of a `kind` in EDGE_KINDS."""
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for iri, node_type in _typed_nodes(graph):
        network.add_node(str(iri), **_node_data(graph, iri, node_type))
    _add_mentions(graph, network)
    _add_relations(graph, network)
    _add_hierarchy(graph, network)
    _add_evidence(network, from_graph(graph) if evidence is None else evidence)
    for node, degree in network.degree():
        network.nodes[node]["size"] = round(10 + 4 * math.log2(1 + degree), 1)
    for node, (x, y) in layout(network).items():
        network.nodes[node].update(x=round(x, 1), y=round(y, 1))
    return network


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
    """Where each relation triple comes from ("text", "curated"), as its axiom annotations say."""
    origins: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for basis, origin in ((HGO.text, "text"), (HGO.curated, "curated")):
        for axiom in graph.subjects(HGO.basis, basis):
            subject, predicate, obj, product = (str(graph.value(axiom, p)) for p in (
                OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget, HGO.product))
            origins[(subject, predicate, obj)].add(origin)
            if (axiom, HGO.product, None) in graph:
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
    """Each mention of a node: the sentence it was found in, split around the mention."""
    found = sorted((e.entity, e.term, e.section, e.start, e.sentence, e.surface, e.prefix,
                    e.suffix, e) for e in evidence if e.entity in network and e.term in network)
    for body, term, section, *_, item in found:
        before, mention, after = item.in_sentence
        network.nodes[body]["evidence"].append({
            "term": term, "section": section, "before": before, "mention": mention,
            "after": after})


def layout(network: nx.MultiDiGraph[str]) -> dict[str, tuple[float, float]]:
    """Positions for every node, the same for the same network: a spring layout when small, else
    the ring layout, which takes linear time."""
    if len(network) > SPRING_LIMIT:
        return ring_layout(network)
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(network)
    # Mentions pull weakly, so that a term does not drag all it mentions into one heap.
    simple.add_edges_from((u, v, {"weight": MENTION_PULL if data["kind"] == "mention" else 1.0})
                          for u, v, data in network.edges(data=True))
    size = max(len(simple), 1)
    positions = nx.spring_layout(simple, k=1.5 / math.sqrt(size), iterations=100, seed=SEED,
                                 scale=SPACING * math.sqrt(size))
    nodes = list(positions)
    points = separate(np.array([positions[n] for n in nodes], dtype=float).reshape(-1, 2), GAP)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, points, strict=True)}


def separate(points: np.ndarray[Any, np.dtype[np.float64]], gap: float,
             rounds: int = 50) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Push apart points closer than `gap`, each pair by half the shortfall, until none are.
    Horizontal distances count half: labels are wider than they are tall."""
    for _ in range(rounds):
        delta = points[:, None, :] - points[None, :, :]
        distance = np.hypot(delta[..., 0] / 2, delta[..., 1])
        np.fill_diagonal(distance, np.inf)
        close = distance < gap
        if not close.any():
            break
        push = np.zeros_like(distance)
        push[close] = (gap - distance[close]) / 2 / np.maximum(distance[close], 1e-6)
        points = points + (delta * push[..., None]).sum(axis=1)
    return points


def ring_layout(network: nx.MultiDiGraph[str]) -> dict[str, tuple[float, float]]:
    """Entities evenly on a circle, by type then lineage (so estradiol sits by estrogens); terms
    on concentric rings inside, ordered by the mean position of what they mention: a term that
    mentions one entity lands near it, one that mentions many nearer the middle."""
    rank = {t.name: i for i, t in enumerate(NODE_TYPES.values())}
    types = {node: str(data["type"]) for node, data in network.nodes(data=True)}
    entities = sorted((n for n, t in types.items() if t != "term"),
                      key=lambda n: (rank[types[n]], _lineage(network, n)))
    terms = sorted(n for n, t in types.items() if t == "term")
    rings = _rings(len(terms))
    radius = max(SPACING * len(entities) / (2 * math.pi), SPACING * (len(rings) + 2))
    positions = {node: (radius * math.cos(2 * math.pi * i / len(entities)),
                        radius * math.sin(2 * math.pi * i / len(entities)))
                 for i, node in enumerate(entities)}
    targets = {term: _mean([positions[v] for _, v, data in network.out_edges(term, data=True)
                            if data["kind"] == "mention"]) for term in terms}
    by_distance = sorted(terms, key=lambda t: (_distance(targets[t]), t))
    gap = (radius - 2 * SPACING) / max(len(rings), 1)
    placed = 0
    for ring, slots in enumerate(rings):
        members = sorted(by_distance[placed: placed + slots], key=lambda t: (_angle(targets[t]), t))
        placed += slots
        for slot, term in enumerate(members):
            angle = 2 * math.pi * slot / len(members)
            positions[term] = (gap * (ring + 0.5) * math.cos(angle),
                               gap * (ring + 0.5) * math.sin(angle))
    return positions


def _rings(count: int) -> list[int]:
    """How many terms each ring holds, inside out, to seat `count` terms a ring's width apart."""
    rings: list[int] = []
    while sum(rings) < count:
        rings.append(max(1, int(2 * math.pi * (len(rings) + 0.5))))
    if rings:
        rings[-1] -= sum(rings) - count
    return rings


def _lineage(network: nx.MultiDiGraph[str], node: str) -> tuple[str, ...]:
    """The labels from the top of a node's broader chain down to the node."""
    chain = [node]
    while True:
        parents = sorted(v for _, v, data in network.out_edges(chain[-1], data=True)
                         if data["kind"] == "hierarchy" and v not in chain)
        if not parents:
            return tuple(str(network.nodes[n]["label"]).lower() for n in reversed(chain))
        chain.append(parents[0])


def _mean(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _angle(point: tuple[float, float] | None) -> float:
    return math.atan2(point[1], point[0]) % (2 * math.pi) if point else 0.0


def _distance(point: tuple[float, float] | None) -> float:
    """From the middle; a term that mentions nothing is farthest, for the outermost ring."""
    return math.hypot(*point) if point else math.inf


def to_pyvis(network: nx.MultiDiGraph[str]) -> Network:
    """vis-network's node and edge lists for the network, filled directly (pyvis's add_node and
    add_edge compare each new edge with all earlier ones), physics off: positions are given."""
    view = Network(height="100%", width="100%", directed=True)
    large = len(network) > SPRING_LIMIT
    view.nodes = [{"id": node, "label": network.nodes[node]["label"],
                   "group": network.nodes[node]["type"], **{
                       key: network.nodes[node][key] for key in ("x", "y", "size")}}
                  for node in sorted(network)]
    view.node_ids = [node["id"] for node in view.nodes]
    view.node_map = {node["id"]: node for node in view.nodes}
    # Mentions, most of the links, take the default style; the other kinds carry their own.
    styles = {kind.name: edge_style(kind) for kind in EDGE_KINDS[1:]}
    edges = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    view.edges = [{"id": index, "from": u, "to": v, "kind": data["kind"], "label": data["label"],
                   "title": data["title"], **styles.get(data["kind"], {})}
                  for index, (u, v, _, data) in enumerate(edges)]
    view.options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": not large, "tooltipDelay": 150, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "multiselect": False},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "color": "#222222"}},
        "edges": {**edge_style(EDGE_KINDS[0]),
                  "smooth": False if large else {"enabled": True, "type": "continuous",
                                                 "roundness": 0.3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  # Small labels (mentions, broader) show only once zoomed in.
                  "scaling": {"label": {"drawThreshold": 8}},
                  "font": {"size": EDGE_KINDS[0].font, "color": "#555555", "strokeWidth": 3,
                           "align": "middle"}},
        "groups": {t.name: {"shape": t.shape,
                            "color": {"background": t.colour, "border": t.colour,
                                      "highlight": {"background": t.colour, "border": "#000000"},
                                      "hover": {"background": t.colour, "border": "#000000"}}}
                   for t in NODE_TYPES.values()},
    }
    return view


def edge_style(kind: EdgeKind) -> dict[str, Any]:
    """vis-network's options for one kind of link."""
    return {"color": {"color": kind.colour, "highlight": kind.colour, "hover": kind.colour},
            "width": kind.width, "font": {"size": kind.font},
            "dashes": list(kind.dashes) if isinstance(kind.dashes, tuple) else kind.dashes}


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


def script_json(value: object) -> str:
    """JSON that can sit inside a <script> element: no "<", ">" or "&" that could end it.

    >>> script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def to_html(graph: Graph, evidence: Iterable[MentionEvidence] | None = None) -> str:
    """The network view of `graph` (its mention evidence read from it unless given) as one
    self-contained HTML page."""
    network = to_network(graph, evidence)
    view = to_pyvis(network)
    details = {node: {key: data[key] for key in DETAILS if data[key]}
               for node, data in network.nodes(data=True)}
    first = overview(network)
    data = {
        "nodes": [{**node, **details[node["id"]], "overview": node["id"] in first}
                  for node in view.nodes],
        "edges": view.edges,
        "options": view.options,
        "large": len(network) > SPRING_LIMIT,
        "overviewLimit": OVERVIEW_LIMIT,
        "types": [{"name": t.name, "plural": t.plural, "colour": t.colour, "symbol": t.symbol}
                  for t in NODE_TYPES.values()],
        "edgeKinds": [{"name": k.name, "label": k.label, "short": k.short, **edge_style(k)}
                      for k in EDGE_KINDS],
    }
    assets = _assets()
    return Template(assets["view.html"]).substitute(
        csp=_content_security_policy(assets), summary=html.escape(summary(network)),
        data=script_json(data), vis_css=assets["vis-network.css"], view_css=assets["view.css"],
        vis_js=assets["vis-network.js"], view_js=assets["view.js"])


@cache
def _assets() -> dict[str, str]:
    """The page's template, styles and scripts: ours, and vis-network as shipped in pyvis, less
    its source-map comment (a reference to a file that is not there)."""
    ours, vis = files("hormgraph.export") / "view", files("pyvis") / VIS
    try:
        assets = {name: (ours / name).read_text(encoding="utf-8")
                  for name in ("view.html", "view.css", "view.js")}
        for name, path in (("vis-network.css", "vis-network.css"),
                           ("vis-network.js", "vis-network.min.js")):
            assets[name] = SOURCE_MAP.sub("", (vis / path).read_text(encoding="utf-8"))
    except OSError as error:
        raise HormgraphError(f"cannot read the network view's files ({error})") from error
    return assets


def _content_security_policy(assets: dict[str, str]) -> str:
    """Allow only the page's own scripts and styles (by hash) and data: images: nothing can be
    fetched, and markup that slipped into the page could run no script."""
    def hashes(*names: str) -> str:
        return " ".join("'sha256-" + base64.b64encode(hashlib.sha256(
            assets[name].encode("utf-8")).digest()).decode("ascii") + "'" for name in names)

    return (f"default-src 'none'; script-src {hashes('vis-network.js', 'view.js')}; "
            f"style-src {hashes('vis-network.css', 'view.css')}; img-src data:; "
            "base-uri 'none'; form-action 'none'")

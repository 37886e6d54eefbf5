"""The network view: its data as networkx computes it, and the page itself in headless Chromium."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from hormgraph.evidence import MentionEvidence, locate
from hormgraph.export.html import to_html
from hormgraph.export.layout import layout, node_box
from hormgraph.export.legend import FONTS, NODE_TYPES
from hormgraph.export.network import EVIDENCE_SHOWN, summary, to_network
from hormgraph.graph import build_graph
from hormgraph.ingest import parse_entry
from hormgraph.namespaces import HG, HGO, PREFIXES, bind_prefixes
from hormgraph.pipeline import Build, Extractor, build
from hormgraph.vocabulary import Vocabulary

from .conftest import SEEDS, require_tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TYPE_OF_CLASS = {str(cls): t.name for cls, t in NODE_TYPES.items()}
MARKUP_TITLE = "Markup <i>Test</i>"
MARKUP_ENTRY = (
    "Markup Test, in the domain of hormonal health, refers to cortisol "
    "<script>window.__pwned=1</script> and <img src=x onerror=\"window.__pwned=1\"> in the skin.\n"
    "Mechanism\nIt lowers cortisol <b onmouseover=\"window.__pwned=1\">fast</b>.\n"
)
HOSTILE_LINK = "javascript:window.__pwned=1"


def select(graph: Graph, query: str) -> list[tuple[str, ...]]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return [tuple(str(v) for v in row) for row in graph.query(prefixes + query)]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def network(seeds_graph: Graph) -> nx.MultiDiGraph[str]:
    return to_network(seeds_graph)


def edges_of(network: nx.MultiDiGraph[str], kind: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, data in network.edges(data=True) if data["kind"] == kind}


# ---- the network data, without a browser ----


def test_a_node_for_every_term_and_entity_typed_by_its_class(
        seeds_graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    typed = select(seeds_graph, "SELECT ?n ?c WHERE { ?n a ?c . VALUES ?c { hgo:GlossaryTerm "
                                "hgo:Hormone hgo:Enzyme hgo:Tissue hgo:Process hgo:Receptor } }")
    assert set(network) == {node for node, _ in typed}
    for node, _ in typed:
        assert network.nodes[node]["type"] in {TYPE_OF_CLASS[c] for n, c in typed if n == node}
    mentioned = select(seeds_graph, "SELECT DISTINCT ?e WHERE { ?t hgo:mentions ?e }")
    assert mentioned and {e for (e,) in mentioned} <= set(network)


def test_mention_and_hierarchy_edges_are_the_graphs(seeds_graph: Graph,
                                                    network: nx.MultiDiGraph[str]) -> None:
    mentions = select(seeds_graph, "SELECT ?t ?e WHERE { ?t hgo:mentions ?e }")
    assert edges_of(network, "mention") == set(mentions)
    broader = {(a, b) for a, b in select(seeds_graph, "SELECT ?a ?b WHERE { ?a skos:broader ?b }")
               if a in network and b in network}
    assert broader and edges_of(network, "hierarchy") == broader


def test_relations_are_told_apart_by_where_they_come_from() -> None:
    graph = Graph()
    a, b, c = (HG[f"hormone/{name}"] for name in "abc")
    enzyme, skin = HG["enzyme/e"], HG["tissue/skin"]
    for node, cls in ((a, HGO.Hormone), (b, HGO.Hormone), (c, HGO.Hormone),
                      (enzyme, HGO.Enzyme), (skin, HGO.Tissue)):
        graph.add((node, RDF.type, cls))

    def statement(name: str, triple: tuple[URIRef, URIRef, URIRef], basis: URIRef,
                  product: URIRef | None = None) -> None:
        node = HG[f"statement/{name}"]
        graph.add(triple)
        parts = (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)
        for part, value in zip(parts, triple, strict=True):
            graph.add((node, part, value))
        graph.add((node, RDF.type, OWL.Axiom))
        graph.add((node, HGO.basis, basis))
        if product is not None:
            graph.add((node, HGO["product"], product))

    statement("read", (a, HGO.balancedWith, b), HGO.text)
    statement("curated", (enzyme, HGO.converts, a), HGO.curated, product=c)
    graph.add((enzyme, HGO.produces, c))
    graph.add((a, HGO.convertedTo, c))
    graph.add((a, HGO.actsOn, skin))
    statement("both-read", (b, HGO.actsOn, skin), HGO.text)
    statement("both-curated", (b, HGO.actsOn, skin), HGO.curated)
    graph.add((HGO.actsOn, RDFS.label, Literal("acts on", lang="en")))

    kinds = {(u, v, key): data for u, v, key, data in to_network(graph).edges(keys=True, data=True)}
    assert {k: d["kind"] for k, d in kinds.items()} == {
        (str(a), str(b), str(HGO.balancedWith)): "text",
        (str(enzyme), str(a), str(HGO.converts)): "curated",
        (str(enzyme), str(c), str(HGO.produces)): "curated",
        (str(a), str(c), str(HGO.convertedTo)): "curated",
        (str(a), str(skin), str(HGO.actsOn)): "curated",
        (str(b), str(skin), str(HGO.actsOn)): "text",
    }
    both = kinds[(str(b), str(skin), str(HGO.actsOn))]
    assert both["label"] == "acts on" and "read from the text and curated" in both["title"]


def test_evidence_is_each_annotation_with_its_mention_marked(
        seeds_graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    annotations = select(seeds_graph, """
        SELECT ?entity ?term ?sentence ?exact WHERE {
          ?a a oa:Annotation ; oa:hasBody ?entity ; hgo:inSentence/hgo:sentence ?sentence ;
             oa:hasTarget ?t . ?t oa:hasSource ?term ; oa:hasSelector/oa:exact ?exact .
          ?term a hgo:GlossaryTerm . ?entity a skos:Concept }""")
    shown = [(node, e["term"], e["before"] + e["mention"] + e["after"], e["mention"])
             for node, data in network.nodes(data=True) for e in data["evidence"]]
    # A long sentence is shown as a window around the mention, an ellipsis marking each cut.
    assert annotations and len(shown) == len(annotations)
    wanted = Counter((str(a[0]), str(a[1]), str(a[3])) for a in annotations)
    assert Counter((n, t, m) for n, t, _, m in shown) == wanted
    sentences = {(str(a[0]), str(a[1])): [] for a in annotations}
    for a in annotations:
        sentences[(str(a[0]), str(a[1]))].append(str(a[2]))
    for node, term, text, _ in shown:
        parts = [p for p in text.split("…") if p]
        assert any(all(p in sentence for p in parts) for sentence in sentences[(node, term)])


def test_a_hub_carries_a_sample_of_its_evidence_spread_over_the_terms() -> None:
    """A concept a large glossary mentions thousands of times carries EVIDENCE_SHOWN quotes
    into the view, each term's first before any term's second, and the total beside them."""
    graph = bind_prefixes(Graph())
    hub = HG["hormone/cortisol"]
    graph.add((hub, RDF.type, HGO.Hormone))
    graph.add((hub, SKOS.prefLabel, Literal("cortisol", lang="en")))
    terms = [HG[f"term/t{i:02d}"] for i in range(EVIDENCE_SHOWN + 3)]
    for term in terms:
        graph.add((term, RDF.type, HGO.GlossaryTerm))
        graph.add((term, HGO.mentions, hub))
    evidence = [MentionEvidence(str(term), str(hub), "mechanism", start, start + 8, "cortisol",
                                f"Sentence {start} names cortisol here.",
                                at=len(f"Sentence {start} names "))
                for term in terms for start in (40, 0)]
    data = to_network(graph, evidence).nodes[str(hub)]
    assert data["evidence_total"] == len(evidence)
    shown = [(e["term"], e["before"]) for e in data["evidence"]]
    assert len(shown) == EVIDENCE_SHOWN
    assert shown == sorted((str(t), "Sentence 0 names ") for t in terms[:EVIDENCE_SHOWN])
    few = to_network(graph, evidence[:4]).nodes[str(hub)]
    assert few["evidence_total"] == 4 and len(few["evidence"]) == 4


def test_locate_picks_the_occurrence_its_context_names() -> None:
    assert locate("T3 and T4; T3 again.", "T3", prefix="and T4; ") == (11, 13)
    assert locate("estrogen rises, estrogen dominance", "estrogen", suffix=" dominance") == (16, 24)
    assert locate("A sentence without it.", "cortisol") is None


def test_entity_details_come_from_the_graph(seeds_graph: Graph,
                                            network: nx.MultiDiGraph[str]) -> None:
    for node, data in network.nodes(data=True):
        iri = URIRef(node)
        labels = {str(o) for o in seeds_graph.objects(iri, SKOS.altLabel)}
        assert set(data["synonyms"]) == labels - {data["label"]}
        assert data["label"] in {str(o) for o in seeds_graph.objects(iri, SKOS.prefLabel)}
        matches = {str(o) for p in (SKOS.exactMatch, SKOS.closeMatch)
                   for o in seeds_graph.objects(iri, p)}
        assert {m["iri"] for m in data["matches"]} == matches
        definitions = {str(o) for o in seeds_graph.objects(iri, SKOS.definition)}
        assert data["definition"] in definitions | ({""} if not definitions else set())


def test_positions_are_repeatable_and_apart(seeds_graph: Graph,
                                            network: nx.MultiDiGraph[str]) -> None:
    again = to_network(seeds_graph)
    points = {n: (d["x"], d["y"]) for n, d in network.nodes(data=True)}
    assert points == {n: (d["x"], d["y"]) for n, d in again.nodes(data=True)}
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points.values())
    values = list(points.values())
    assert min(math.dist(p, q) for i, p in enumerate(values) for q in values[i + 1:]) > 10
    # No two nodes' boxes (shape and label, as estimated) overlap.
    boxes = [(x - half, y - above, x + half, y + below) for n, d in network.nodes(data=True)
             for x, y in [points[n]]
             for half, above, below in [node_box(d["label"], d["size"], FONTS[d["type"]])]]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def test_large_networks_get_a_ring_of_entities_around_the_terms() -> None:
    network: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    entities = [f"e{i:02d}" for i in range(40)]
    for i, entity in enumerate(entities):
        network.add_node(entity, type=("hormone", "tissue")[i % 2], label=entity)
    for i in range(400):
        term = f"t{i:03d}"
        network.add_node(term, type="term", label=term)
        for entity in entities[i % 40: i % 40 + 1 + i % 3]:
            network.add_edge(term, entity, kind="mention")
    positions = layout(network)
    assert positions == layout(network) and set(positions) == set(network)
    radii = {n: math.hypot(*positions[n]) for n in network}
    rim = radii["e00"]
    assert all(math.isclose(radii[e], rim) for e in entities)
    assert all(radii[t] < rim for t in network if t.startswith("t"))
    assert len({(round(x), round(y)) for x, y in positions.values()}) == len(network)
    # A term that mentions one entity is placed on its side of the ring.
    lone = next(t for t in network if t.startswith("t") and network.out_degree(t) == 1)
    near = next(iter(network.successors(lone)))
    assert math.dist(positions[lone], positions[near]) < rim


def test_summary_counts_nodes_by_type(seeds_graph: Graph, network: nx.MultiDiGraph[str]) -> None:
    line = summary(network)
    for cls, node_type in NODE_TYPES.items():
        (count,) = select(seeds_graph, f"SELECT (COUNT(?n) AS ?c) WHERE {{ ?n a <{cls}> }}")[0]
        assert f"{count} {node_type.name if count == '1' else node_type.plural}" in line


# ---- the page as a file ----


class Elements(HTMLParser):
    """The page's elements with their attributes, and the text of each script."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and self.scripts:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def seeds_html(seeds_graph: Graph) -> str:
    return to_html(seeds_graph)


def test_the_page_is_the_same_for_the_same_inputs(seeds_html: str, vocabulary: Vocabulary) -> None:
    assert to_html(build(SEEDS, vocabulary).graph) == seeds_html


def test_the_page_refers_to_nothing_outside_itself(seeds_html: str) -> None:
    tags = Elements(seeds_html).tags
    assert not [(tag, attrs) for tag, attrs in tags
                if {"src", "href", "srcset", "action"} & set(attrs) or tag in ("link", "iframe")]
    assert "sourceMappingURL" not in seeds_html and "@import" not in seeds_html
    policy = next(a["content"] for t, a in tags if a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and policy.startswith("default-src 'none';")


@pytest.fixture(scope="module")
def markup_graph(extractor: Extractor, vocabulary: Vocabulary) -> Graph:
    entry = parse_entry(MARKUP_ENTRY.encode("utf-8"), "markup.txt", MARKUP_TITLE)
    graph = build_graph([extractor.annotate(entry)], vocabulary)
    graph.add((HG["hormone/cortisol"], SKOS.exactMatch, URIRef(HOSTILE_LINK)))
    return graph


def test_entry_text_cannot_end_the_data_script(markup_graph: Graph) -> None:
    page = to_html(markup_graph)
    parsed = Elements(page)
    assert [t for t, _ in parsed.tags].count("script") == 3
    assert not [t for t, _ in parsed.tags if t in ("img", "b", "i")]
    data = json.loads(parsed.scripts[0])
    term = next(n for n in data["nodes"] if n["group"] == "term")
    assert term["label"] == MARKUP_TITLE
    assert "<script>window.__pwned=1</script>" in term["definition"]


# ---- the page in headless Chromium ----


@dataclass
class View:
    """A page of the network view, opened offline, with what it asked for and complained of."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def evaluate(self, script: str, argument: Any = None) -> Any:
        return self.page.evaluate(script, argument)

    def assert_offline_and_clean(self) -> None:
        assert self.requests and all(url.startswith("file:") for url in self.requests), \
            self.requests
        assert self.errors == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_view(browser: Browser, page_html: str, folder: Path) -> View:
    path = folder / "view.html"
    path.write_text(page_html, encoding="utf-8")
    view = View(browser.new_page(viewport={"width": 1400, "height": 900}))
    view.page.on("request", lambda request: view.requests.append(request.url))
    view.page.on("console", lambda m: view.errors.append(m.text) if m.type == "error" else None)
    view.page.on("pageerror", lambda error: view.errors.append(str(error)))
    view.page.route("**/*", lambda route: route.continue_()
                    if route.request.url.startswith("file:") else route.abort())
    view.page.goto(path.as_uri())
    view.page.wait_for_function("() => window.hormgraph && window.hormgraph.interactiveAt !== null")
    return view


@pytest.fixture
def seeds_view(browser: Browser, seeds_html: str, tmp_path: Path) -> Iterator[View]:
    view = open_view(browser, seeds_html, tmp_path)
    yield view
    view.page.close()


def screen_point(view: View, node: str) -> dict[str, float]:
    """Where `node` is on the page, in CSS pixels."""
    return view.evaluate("""(id) => {
        const network = window.hormgraph.network;
        const point = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById("network").getBoundingClientRect();
        return {x: box.left + point.x, y: box.top + point.y};
    }""", node)


@pytest.mark.system
def test_the_page_loads_offline_without_errors(seeds_view: View,
                                               network: nx.MultiDiGraph[str]) -> None:
    # Generic concepts start folded away, and the header counts what is shown.
    generic = sum(1 for _, d in network.nodes(data=True) if d["generic"])
    assert generic and (seeds_view.page.text_content("#summary") or "").startswith(
        f"{len(network) - generic} of {len(network)} nodes shown")
    assert seeds_view.page.locator("#type-filters input[type=checkbox]").count() == len(NODE_TYPES)
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_every_term_and_mentioned_entity_has_a_node(seeds_view: View, seeds_graph: Graph) -> None:
    shown = {n["id"]: n["label"] for n in
             seeds_view.evaluate("window.hormgraph.network.body.data.nodes.get()")}
    wanted = select(seeds_graph, """SELECT DISTINCT ?n ?label WHERE {
        { ?n a hgo:GlossaryTerm } UNION { ?t hgo:mentions ?n } ?n skos:prefLabel ?label }""")
    # A long label is drawn on two lines.
    assert wanted and all((shown.get(node) or "").replace("\n", " ") == label
                          for node, label in wanted)
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_the_search_box_finds_a_node_by_synonym_and_focuses_it(
        seeds_view: View, network: nx.MultiDiGraph[str]) -> None:
    names = Counter(name.lower() for _, d in network.nodes(data=True)
                    for name in (d["label"], *d["synonyms"]))
    node, synonym = next((n, s) for n, d in sorted(network.nodes(data=True))
                         for s in d["synonyms"] if names[s.lower()] == 1)
    page = seeds_view.page
    page.fill("#search", synonym)
    assert network.nodes[node]["label"] in page.locator("#suggestions li").all_text_contents()[0]
    page.press("#search", "Enter")
    assert seeds_view.evaluate("window.hormgraph.network.getSelectedNodes()") == [node]
    assert page.text_content("#panel-title") == network.nodes[node]["label"]
    # Centred in the part of the canvas the panel leaves visible, once the camera has moved.
    page.wait_for_function("""(id) => {
        const network = window.hormgraph.network;
        const point = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById("network").getBoundingClientRect();
        const panel = document.getElementById("panel").offsetWidth;
        return Math.abs(point.x - (box.width - panel) / 2) < 2
            && Math.abs(point.y - box.height / 2) < 2;
    }""", arg=node, timeout=5000)
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_a_click_on_a_node_shows_its_evidence(seeds_view: View,
                                              network: nx.MultiDiGraph[str]) -> None:
    node = next(n for n, d in sorted(network.nodes(data=True)) if d["evidence"])
    seeds_view.evaluate("""(id) => window.hormgraph.network.moveTo(
        {position: window.hormgraph.network.getPositions([id])[id], scale: 1.5})""", node)
    assert seeds_view.page.is_hidden("#panel")
    point = screen_point(seeds_view, node)
    seeds_view.page.mouse.click(point["x"], point["y"])
    seeds_view.page.wait_for_selector("#panel:not([hidden])")
    assert seeds_view.page.text_content("#panel-title") == network.nodes[node]["label"]
    quotes = seeds_view.page.locator("#panel blockquote").all_text_contents()
    marks = seeds_view.page.locator("#panel blockquote mark").all_text_contents()
    evidence = network.nodes[node]["evidence"]
    assert quotes == [e["before"] + e["mention"] + e["after"] for e in evidence]
    assert marks == [e["mention"] for e in evidence]
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_type_checkboxes_hide_and_show_nodes(seeds_view: View,
                                             network: nx.MultiDiGraph[str]) -> None:
    hormones = {n for n, d in network.nodes(data=True) if d["type"] == "hormone"}
    seeds_view.evaluate("window.hormgraph.setGenericVisible(true)")
    checkbox = seeds_view.page.locator("#type-filters label", has_text="hormones").locator("input")
    checkbox.click()
    visible = set(seeds_view.evaluate("window.hormgraph.visibleNodeIds()"))
    assert hormones and visible == set(network) - hormones
    hidden = seeds_view.evaluate("""() => window.hormgraph.network.body.data.nodes
        .get({filter: (node) => node.hidden}).map((node) => node.id)""")
    assert set(hidden) == hormones
    # The header counts what is shown.
    header = seeds_view.page.text_content("#summary") or ""
    assert header.startswith(f"{len(network) - len(hormones)} of {len(network)} nodes shown")
    assert ", 0 hormones," in header
    checkbox.click()
    assert set(seeds_view.evaluate("window.hormgraph.visibleNodeIds()")) == set(network)
    assert (seeds_view.page.text_content("#summary") or "").startswith(
        f"{len(network)} nodes shown")
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_the_panel_is_opaque_over_the_graph(seeds_view: View,
                                            network: nx.MultiDiGraph[str]) -> None:
    term = next(n for n, d in network.nodes(data=True) if d["type"] == "term")
    seeds_view.evaluate("(id) => window.hormgraph.selectNode(id)", term)
    background = seeds_view.evaluate(
        "getComputedStyle(document.getElementById('panel')).backgroundColor")
    assert background == "rgb(255, 255, 255)"


@pytest.mark.system
def test_an_entry_carrying_markup_runs_none_and_shows_it_as_text(
        browser: Browser, markup_graph: Graph, tmp_path: Path) -> None:
    view = open_view(browser, to_html(markup_graph), tmp_path)
    page = view.page
    page.fill("#search", "Markup")
    page.press("#search", "Enter")
    assert page.text_content("#panel-title") == MARKUP_TITLE
    assert "<script>window.__pwned=1</script>" in page.text_content("#panel-body")
    assert view.evaluate("(id) => window.hormgraph.selectNode(id)", str(HG["hormone/cortisol"]))
    quotes = " ".join(page.locator("#panel blockquote").all_text_contents())
    assert '<img src=x onerror="window.__pwned=1">' in quotes
    assert '<b onmouseover="window.__pwned=1">' in quotes
    assert page.locator("#panel img, #panel script, #panel b, #panel i").count() == 0
    links = page.locator("#panel a").evaluate_all("(anchors) => anchors.map((a) => a.href)")
    assert links and not [link for link in links if not link.startswith("http")]
    assert HOSTILE_LINK in page.text_content("#panel-body")
    page.hover("#panel blockquote")
    assert view.evaluate("typeof window.__pwned") == "undefined"
    view.assert_offline_and_clean()
    page.close()


@pytest.fixture(scope="module")
def large_html(seeds_build: Build, vocabulary: Vocabulary) -> str:
    """The seeds with every vocabulary concept: more nodes than the overview holds."""
    graph = build_graph(list(seeds_build.entries), vocabulary, full_vocabulary=True)
    return to_html(graph)


@pytest.mark.system
def test_a_large_view_opens_on_an_overview_and_search_and_expanding_reveal_the_rest(
        browser: Browser, large_html: str, tmp_path: Path) -> None:
    view = open_view(browser, large_html, tmp_path)
    try:
        total = view.evaluate("window.hormgraph.network.body.data.nodes.length")
        limit = view.evaluate("window.hormgraph.overviewLimit")
        view.evaluate("window.hormgraph.setGenericVisible(true)")
        first = set(view.evaluate("window.hormgraph.visibleNodeIds()"))
        assert total > limit and len(first) == limit
        terms = view.evaluate("""window.hormgraph.network.body.data.nodes.get()
            .filter((n) => n.group === 'term').map((n) => n.id)""")
        assert set(terms) <= first  # the terms mention the most: hubs of the overview
        labels = Counter(n["label"] for n in view.evaluate(
            "window.hormgraph.network.body.data.nodes.get()"))
        hidden = sorted((n["id"], n["label"]) for n in view.evaluate(
            "window.hormgraph.network.body.data.nodes.get()")
            if n.get("hidden") and labels[n["label"]] == 1)
        node, label = hidden[0]
        assert view.evaluate("(q) => window.hormgraph.search(q)", label) == node
        assert node in view.evaluate("window.hormgraph.visibleNodeIds()")
        # Expanding a node shows every node it links to.
        concept = next(n for n, _ in hidden[1:] if view.evaluate(
            "(id) => window.hormgraph.network.getConnectedNodes(id).length", n))
        assert view.evaluate("(id) => window.hormgraph.expand(id)", concept) >= 1
        neighbours = view.evaluate("(id) => window.hormgraph.network.getConnectedNodes(id)",
                                   concept)
        assert set(neighbours) <= set(view.evaluate("window.hormgraph.visibleNodeIds()"))
        view.assert_offline_and_clean()
    finally:
        view.page.close()


# ---- a view people can read ----

LABEL_OVERLAPS = """() => {
    const network = window.hormgraph.network;
    const boxes = network.body.nodeIndices.map((id) => network.body.nodes[id])
        .filter((node) => !node.options.hidden).map((node) => {
            const size = node.labelModule.size;
            return {label: node.options.label, left: size.left, top: size.top,
                    right: size.left + size.width, bottom: size.top + size.height,
                    font: node.options.font.size};
        });
    const pairs = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            pairs.push([a.label, b.label]);
        }
    }));
    const smallest = Math.min(...boxes.map((box) => box.font)) * network.getScale();
    return {shown: boxes.length, pairs, smallest};
}"""


@pytest.mark.system
def test_at_most_two_label_pairs_overlap_and_every_label_is_drawn_at_load(
        seeds_view: View, network: nx.MultiDiGraph[str]) -> None:
    measured = seeds_view.evaluate(LABEL_OVERLAPS)
    generic = sum(1 for _, d in network.nodes(data=True) if d["generic"])
    assert measured["shown"] == len(network) - generic
    assert len(measured["pairs"]) <= 2, measured["pairs"]
    # vis-network leaves out a label drawn smaller than 5 pixels (drawThreshold).
    assert measured["smallest"] >= 5
    # Shown again, the generic concepts have their room kept.
    seeds_view.evaluate("window.hormgraph.setGenericVisible(true)")
    measured = seeds_view.evaluate(LABEL_OVERLAPS)
    assert measured["shown"] == len(network) and len(measured["pairs"]) <= 2, measured["pairs"]
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_the_glossary_terms_are_set_apart(seeds_view: View,
                                          network: nx.MultiDiGraph[str]) -> None:
    drawn = seeds_view.evaluate("""() => Object.values(window.hormgraph.network.body.nodes)
        .filter((node) => node.options.group).map((node) => ({
            group: node.options.group, shape: node.options.shape, size: node.options.size,
            font: node.options.font.size, colour: node.options.color.background}))""")
    terms = [d for d in drawn if d["group"] == "term"]
    others = [d for d in drawn if d["group"] != "term"]
    assert len(terms) == sum(1 for _, d in network.nodes(data=True) if d["type"] == "term") > 0
    assert {d["shape"] for d in terms} == {"square"}
    assert "square" not in {d["shape"] for d in others}
    assert min(d["size"] for d in terms) > max(d["size"] for d in others)
    assert min(d["font"] for d in terms) > max(d["font"] for d in others)
    assert len({d["colour"] for d in terms}) == 1
    assert terms[0]["colour"] not in {d["colour"] for d in others}
    legend = seeds_view.page.locator("#type-filters label").first.text_content() or ""
    assert "glossary terms" in legend


@pytest.mark.system
def test_generic_concepts_are_folded_away_until_asked_for(
        seeds_view: View, network: nx.MultiDiGraph[str]) -> None:
    generic = {n for n, d in network.nodes(data=True) if d["generic"]}
    mentioned = {v for _, v, d in network.edges(data=True) if d["kind"] == "mention"}
    labels = {network.nodes[n]["label"] for n in generic}
    assert {"hormone", "anatomical entity", "biological process"} <= labels
    assert not generic & mentioned
    visible = set(seeds_view.evaluate("window.hormgraph.visibleNodeIds()"))
    assert visible == set(network) - generic
    toggle = seeds_view.page.locator("#show-generic")
    assert not toggle.is_checked()
    toggle.click()
    assert set(seeds_view.evaluate("window.hormgraph.visibleNodeIds()")) == set(network)
    assert (seeds_view.page.text_content("#summary") or "").startswith(
        f"{len(network)} nodes shown")
    toggle.click()
    assert set(seeds_view.evaluate("window.hormgraph.visibleNodeIds()")) == visible
    # Going to one from search shows it.
    node = sorted(generic)[0]
    assert seeds_view.evaluate("(id) => window.hormgraph.selectNode(id)", node)
    assert node in seeds_view.evaluate("window.hormgraph.visibleNodeIds()")
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
def test_a_click_on_a_node_focuses_its_neighbourhood_and_the_background_resets(
        seeds_view: View, network: nx.MultiDiGraph[str]) -> None:
    term = next(n for n, d in sorted(network.nodes(data=True)) if d["type"] == "term")
    seeds_view.evaluate("""(id) => window.hormgraph.network.moveTo(
        {position: window.hormgraph.network.getPositions([id])[id], scale: 1.5})""", term)
    point = screen_point(seeds_view, term)
    seeds_view.page.mouse.click(point["x"], point["y"])
    neighbours = set(network.successors(term)) | set(network.predecessors(term)) | {term}
    assert set(seeds_view.evaluate("window.hormgraph.focusedNodeIds()")) == neighbours
    opacity = {n["id"]: n.get("opacity", 1) for n in
               seeds_view.evaluate("window.hormgraph.network.body.data.nodes.get()")}
    assert all(opacity[n] == 1 for n in neighbours)
    assert all(opacity[n] < 0.5 for n in set(network) - neighbours)
    # A click where no node is: everything in full again.
    box = seeds_view.page.locator("#network").bounding_box()
    assert box is not None
    empty = {"x": box["x"] + 5, "y": box["y"] + box["height"] - 5}
    assert seeds_view.evaluate("""(p) => window.hormgraph.network.getNodeAt(
        {x: p.x, y: p.y})""", {"x": 5, "y": box["height"] - 5}) is None
    seeds_view.page.mouse.click(empty["x"], empty["y"])
    assert seeds_view.evaluate("window.hormgraph.focusedNodeIds()") is None
    assert all(n.get("opacity", 1) == 1 for n in
               seeds_view.evaluate("window.hormgraph.network.body.data.nodes.get()"))
    assert seeds_view.page.is_hidden("#panel")
    seeds_view.assert_offline_and_clean()


@pytest.mark.system
@pytest.mark.parametrize("size", [(1400, 900), (1000, 700)])
def test_search_moves_the_node_into_view_clear_of_the_panel(
        browser: Browser, seeds_html: str, network: nx.MultiDiGraph[str], tmp_path: Path,
        size: tuple[int, int]) -> None:
    view = open_view(browser, seeds_html, tmp_path)
    view.page.set_viewport_size({"width": size[0], "height": size[1]})
    try:
        for node in sorted(network)[::60]:
            label = network.nodes[node]["label"]
            view.page.fill("#search", label)
            view.page.press("#search", "Enter")
            assert view.evaluate("window.hormgraph.selectedNodeId()") == node
            view.page.wait_for_function("""(id) => {  // the camera's move
                const network = window.hormgraph.network;
                const point = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById("network").getBoundingClientRect();
                const panel = document.getElementById("panel").offsetWidth;
                return Math.abs(point.x - (box.width - panel) / 2) < 2
                    && Math.abs(point.y - box.height / 2) < 2;
            }""", arg=node, timeout=5000)
            where = view.evaluate("""(id) => {
                const network = window.hormgraph.network;
                const size = network.body.nodes[id].labelModule.size;
                const box = document.getElementById("network").getBoundingClientRect();
                const corner = network.canvasToDOM({x: size.left, y: size.top});
                const far = network.canvasToDOM({x: size.left + size.width,
                                                 y: size.top + size.height});
                return {left: box.left + corner.x, right: box.left + far.x,
                        top: box.top + corner.y, bottom: box.top + far.y,
                        networkLeft: box.left, networkTop: box.top, networkBottom: box.bottom,
                        panel: document.getElementById("panel").getBoundingClientRect().left};
            }""", node)
            assert where["networkLeft"] <= where["left"], (label, where)
            assert where["right"] <= where["panel"], (label, where)
            assert where["networkTop"] <= where["top"] and where["bottom"] <= where["networkBottom"]
        view.assert_offline_and_clean()
    finally:
        view.page.close()

"""Benchmark the network view: seconds to make it in Python, and in Chromium until interactive."""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from rdflib import Graph

from hormgraph.export.html import to_html
from hormgraph.export.network import to_network
from hormgraph.graph import build_graph
from hormgraph.ingest import parse_entry
from hormgraph.pipeline import Extractor, build
from hormgraph.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
OPENINGS = ("{term}, in the domain of hormonal health, refers to the interplay of {a} and {b}.",
            "{term} describes how {a} shapes {b} over time.")
SENTENCES = ("It depends on {a} in the {b}.", "Changes in {a} alter {b}.",
             "Clinicians watch {a} alongside {b}.")
#: In the page: call an API method, then wait for the next frame drawn; milliseconds.
TIME_UNTIL_DRAWN = """async ([method, ...args]) => {
  const api = window.hormgraph;
  const drawn = new Promise((done) => api.network.once("afterDrawing", done));
  const start = performance.now();
  api[method](...args);
  api.network.redraw();
  await drawn;
  return performance.now() - start;
}"""


# Glossaries of synthetic entries (sentences naming vocabulary concepts, run through the real
# pipeline with the full vocabulary) up to a 5,000-node view, beside the four seeds as the baseline.


def synthetic_entry(index: int, labels: Sequence[str], rng: random.Random) -> bytes:
    """One entry naming a handful of vocabulary labels, in definition, origin and mechanism."""
    term = f"Synthetic Concept {index:05d}"

    def sentence(patterns: Sequence[str]) -> str:
        a, b = rng.sample(labels, 2)
        return rng.choice(patterns).format(term=term, a=a, b=b)

    return "\n".join([sentence(OPENINGS) + " " + sentence(SENTENCES), "Origin",
                      sentence(SENTENCES), "Mechanism", sentence(SENTENCES) + " "
                      + sentence(SENTENCES)]).encode("utf-8")


def synthetic_graph(nodes: int, vocabulary: Vocabulary) -> Graph:
    """A graph of about `nodes` nodes: every vocabulary concept, and terms for the rest."""
    rng = random.Random(nodes)
    labels = sorted(c.pref_label for c in vocabulary.concepts.values() if c.extractable)
    extractor = Extractor.from_vocabulary(vocabulary)
    count = max(nodes - len(vocabulary.concepts), 1)
    entries = [extractor.annotate(parse_entry(synthetic_entry(i, labels, rng), f"{i:05d}.txt",
                                              f"Synthetic Concept {i:05d}"))
               for i in range(count)]
    return build_graph(entries, vocabulary, full_vocabulary=True)


def in_browser(page: Page, html: Path) -> dict[str, float]:
    """Milliseconds until the first frame, and for a search, a filter and a click to show."""
    blocked: list[str] = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (blocked.append(route.request.url), route.abort()))
    page.goto(html.as_uri())
    page.wait_for_function("() => window.hormgraph && window.hormgraph.interactiveAt !== null",
                           timeout=300_000)
    if blocked:
        raise SystemExit(f"{html}: the page asked for {blocked}")
    figures = {"interactive": page.evaluate("window.hormgraph.interactiveAt"),
               "shown": page.evaluate("window.hormgraph.visibleNodeIds().length"),
               "nodes": page.evaluate("window.hormgraph.network.body.data.nodes.length")}
    query = page.evaluate("window.hormgraph.network.body.data.nodes.get()[0].label")
    figures["search"] = page.evaluate(TIME_UNTIL_DRAWN, ["search", query])
    figures["filter"] = page.evaluate(TIME_UNTIL_DRAWN, ["setTypeVisible", "term", False])
    figures["unfilter"] = page.evaluate(TIME_UNTIL_DRAWN, ["setTypeVisible", "term", True])
    node = page.evaluate("window.hormgraph.selectedNodeId()")
    page.wait_for_timeout(500)  # the search's focus animation
    point = page.evaluate("""(id) => {
        const network = window.hormgraph.network;
        const dom = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById('network').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""", node)
    page.evaluate("window.hormgraph.network.unselectAll()")
    start = time.perf_counter()
    page.mouse.click(point["x"], point["y"])
    try:
        page.wait_for_function("(id) => window.hormgraph.selectedNodeId() === id", arg=node,
                               timeout=10_000)
        figures["click"] = (time.perf_counter() - start) * 1000
    except PlaywrightTimeout:  # the click met something else (the panel) first
        figures["click"] = float("nan")
    return figures


def measure(name: str, graph: Graph, page: Page, folder: Path) -> None:
    start = time.perf_counter()
    network = to_network(graph)
    network_seconds = time.perf_counter() - start
    start = time.perf_counter()
    html = to_html(graph)
    html_seconds = time.perf_counter() - start
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    figures = in_browser(page, path)
    print(f"{name:>10} {len(network):>6} {network.number_of_edges():>7} {network_seconds:>9.2f}"
          f" {html_seconds:>8.2f} {len(html.encode()) / 1e6:>6.1f}"
          f" {figures['interactive']:>11.0f} {figures['search']:>7.0f} {figures['filter']:>7.0f}"
          f" {figures['unfilter']:>8.0f} {figures['click']:>6.0f}", flush=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000],
                         help="nodes in each synthetic view (default: 1000 5000)")
    options.add_argument("--page", type=Path, nargs="*", default=[],
                         help="views built already (a build's hormgraph.html) to open too")
    arguments = options.parse_args()
    sizes = arguments.sizes
    vocabulary = load_vocabulary()
    print("network = to_network (s), html = to_html including to_network (s), MB = page size;"
          " in Chromium, ms:"
          " interactive = until the first frame, then until a search, hiding and showing the"
          " terms, and a click on a node show")
    print(f"{'view':>10} {'nodes':>6} {'links':>7} {'network':>9} {'html':>8} {'MB':>6}"
          f" {'interactive':>11} {'search':>7} {'filter':>7} {'unfilter':>8} {'click':>6}")
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        measure("seeds", build(ROOT / "seeds", vocabulary).graph, page, Path(temporary))
        for size in sizes:
            start = time.perf_counter()
            graph = synthetic_graph(size, vocabulary)
            print(f"{'':>10} (built {size:,}-node graph: {len(graph):,} triples in"
                  f" {time.perf_counter() - start:.0f} s)", flush=True)
            measure(f"synth-{size}", graph, page, Path(temporary))
        for built in arguments.page:
            figures = in_browser(page, built.resolve())
            print(f"{built.parent.name[:10]:>10} {int(figures['nodes']):>6} {'':>7} {'':>9}"
                  f" {'':>8} {built.stat().st_size / 1e6:>6.1f} {figures['interactive']:>11.0f}"
                  f" {figures['search']:>7.0f} {figures['filter']:>7.0f}"
                  f" {figures['unfilter']:>8.0f} {figures['click']:>6.0f}"
                  f"  (opens on {int(figures['shown'])} of {int(figures['nodes'])} nodes)",
                  flush=True)
        browser.close()


if __name__ == "__main__":
    main()

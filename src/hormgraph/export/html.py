"""The network view as one offline page: vis-network's data for the network, and the page's
template, styles and scripts (files beside this module) inlined."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from string import Template

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from hormgraph.errors import HormgraphError
from hormgraph.evidence import MentionEvidence
from hormgraph.export.layout import SPRING_LIMIT, wrap
from hormgraph.export.legend import EDGE_KINDS, FONT, NODE_TYPES, edge_style
from hormgraph.export.network import OVERVIEW_LIMIT, overview, summary, to_network

VIS = "templates/lib/vis-9.1.2"
SOURCE_MAP = re.compile(r"^(?://|/\*)# sourceMappingURL=\S*(?: \*/)?$", re.MULTILINE)
#: Node data the page needs besides what vis-network draws.
DETAILS = ("synonyms", "definition", "matches", "source", "evidence", "evidence_total")


def to_pyvis(network: nx.MultiDiGraph[str]) -> Network:
    """vis-network's node and edge lists for the network, filled directly (pyvis's add_node and
    add_edge compare each new edge with all earlier ones), physics off: positions are given."""
    view = Network(height="100%", width="100%", directed=True)
    large = len(network) > SPRING_LIMIT
    fonts = {t.name: {"font": {"size": t.font}} for t in NODE_TYPES.values() if t.font != FONT}
    view.nodes = [{"id": node, "label": wrap(network.nodes[node]["label"]),
                   "group": network.nodes[node]["type"], **{
                       key: network.nodes[node][key] for key in ("x", "y", "size")},
                   **fonts.get(network.nodes[node]["type"], {})}
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
        "nodes": {"borderWidth": 1, "font": {"size": FONT, "color": "#222222"}},
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
        "nodes": [{**node, **details[node["id"]], "label": network.nodes[node["id"]]["label"],
                   "shown": node["label"], "overview": node["id"] in first,
                   "generic": network.nodes[node["id"]]["generic"]} for node in view.nodes],
        "edges": view.edges,
        "options": view.options,
        "large": len(network) > SPRING_LIMIT,
        "overviewLimit": OVERVIEW_LIMIT,
        "types": [{"name": t.name, "plural": t.plural, "colour": t.colour, "symbol": t.symbol,
                   "font": t.font}
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

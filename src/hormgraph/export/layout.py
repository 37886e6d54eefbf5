"""Where the network view places its nodes: a spring layout whose labels do not overlap when
small, a ring layout in linear time when large; the same positions for the same network."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import numpy as np

from hormgraph.export.legend import FONT, FONTS, NODE_TYPES

#: Above this many nodes spring_layout and label separation get slow: use the ring layout.
SPRING_LIMIT = 300
SEED = 20240601
SPACING = 60.0
#: The pull of a mention relative to other links.
MENTION_PULL = 0.2
#: A label longer than this is broken into two lines, so that its box is less wide.
WRAP = 22
#: The room kept between two nodes' boxes (shape and label), in canvas pixels.
PAD = 8.0
#: vis-network draws a label this far below the node's shape.
LABEL_GAP = 5.0
#: Widths of characters in em, for a sans-serif face as wide as DejaVu Sans (wider than Arial,
#: so the estimate errs on the roomy side); every other character takes DEFAULT_WIDTH.
WIDTHS = {**dict.fromkeys("ijlI.,:;'!|", 0.3), **dict.fromkeys("ftr()-/ ", 0.4),
          **dict.fromkeys("mw", 0.98), **dict.fromkeys("MW", 1.0)}
CAPITAL_WIDTH = 0.76
DEFAULT_WIDTH = 0.64
Points = np.ndarray[Any, np.dtype[np.float64]]


def wrap(label: str, width: int = WRAP) -> str:
    """The label on one line, or on two broken at the space nearest its middle.

    >>> wrap("11β-hydroxysteroid dehydrogenase type 1")
    '11β-hydroxysteroid\\ndehydrogenase type 1'
    >>> wrap("cortisol")
    'cortisol'
    """
    spaces = [i for i, char in enumerate(label) if char == " "]
    if len(label) <= width or not spaces:
        return label
    cut = min(spaces, key=lambda i: (abs(len(label) - 2 * i), i))
    return label[:cut] + "\n" + label[cut + 1:]


def text_width(text: str, font: float) -> float:
    """An estimate of a line's width in pixels at `font` pixels."""
    return font * sum(WIDTHS.get(char, CAPITAL_WIDTH if char.isupper() else DEFAULT_WIDTH)
                      for char in text)


def node_box(label: str, size: float, font: float) -> tuple[float, float, float]:
    """Half the width of a node with its label, and how far the two reach above and below the
    node's centre: vis-network draws the label under the shape."""
    lines = wrap(label).split("\n")
    half = max(max(text_width(line, font) for line in lines), 2 * size) / 2
    return half, size, size + LABEL_GAP + font * len(lines)


def layout(network: nx.MultiDiGraph[str]) -> dict[str, tuple[float, float]]:
    """Positions for every node, the same for the same network: a spring layout, its nodes then
    pushed apart until no two nodes' boxes (shape and label) overlap, when small; else the ring
    layout, which takes linear time."""
    if len(network) > SPRING_LIMIT:
        return ring_layout(network)
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(network)
    # Mentions pull weakly, so that a term does not drag all it mentions into one heap.
    simple.add_edges_from((u, v, {"weight": MENTION_PULL if data["kind"] == "mention" else 1.0})
                          for u, v, data in network.edges(data=True))
    nodes = sorted(simple)
    boxes = np.array([node_box(str(network.nodes[n].get("label", n)),
                               float(network.nodes[n].get("size", 10)),
                               FONTS.get(str(network.nodes[n].get("type")), FONT))
                      for n in nodes], dtype=float).reshape(-1, 3)
    # Start about as spread as the boxes need when packed, a little wider than tall (a screen),
    # so that pushing them apart keeps the spring layout's neighbourhoods.
    area = float(((2 * boxes[:, 0] + PAD) * (boxes[:, 1] + boxes[:, 2] + PAD)).sum())
    size = max(len(simple), 1)
    positions = nx.spring_layout(simple, k=1.5 / math.sqrt(size), iterations=100, seed=SEED,
                                 scale=1.0)
    points = np.array([positions[n] for n in nodes], dtype=float).reshape(-1, 2)
    points *= math.sqrt(area / math.pi) * np.array([1.3, 0.8])
    points = separate(points, boxes)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, points, strict=True)}


def separate(points: Points, boxes: Points, pad: float = PAD, rounds: int = 1000) -> Points:
    """Push apart the nodes whose boxes overlap, until none do (or after `rounds`): each pair by
    half the overlap along the axis where it is smaller. `boxes` holds each node's half width
    and how far its box reaches above and below its centre."""
    half_width = boxes[:, 0]
    half_height = (boxes[:, 1] + boxes[:, 2]) / 2
    lift = (boxes[:, 2] - boxes[:, 1]) / 2  # from the node's centre to its box's
    order = np.sign(np.subtract.outer(np.arange(len(points)), np.arange(len(points))))
    for _ in range(rounds):
        dx = np.subtract.outer(points[:, 0], points[:, 0])
        dy = np.subtract.outer(points[:, 1] + lift, points[:, 1] + lift)
        over_x = np.add.outer(half_width, half_width) + pad - np.abs(dx)
        over_y = np.add.outer(half_height, half_height) + pad - np.abs(dy)
        close = (over_x > 0) & (over_y > 0)
        np.fill_diagonal(close, False)
        if not close.any():
            break
        along_x = close & (over_x <= over_y)
        along_y = close & ~along_x
        # Coincident nodes part by index, so that the result is the same every time.
        sign_x = np.where(dx == 0, order, np.sign(dx))
        sign_y = np.where(dy == 0, order, np.sign(dy))
        points = points + np.stack([(np.where(along_x, over_x, 0) * sign_x).sum(axis=1),
                                    (np.where(along_y, over_y, 0) * sign_y).sum(axis=1)],
                                   axis=1) / 2
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

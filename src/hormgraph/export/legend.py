"""How the network view draws each type of node and kind of link: one table for the page and its
legend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hormgraph.model import EntityType
from hormgraph.namespaces import HGO, type_class

#: The font size of a node's label unless its type says otherwise.
FONT = 14


@dataclass(frozen=True)
class NodeType:
    """How the view draws one type of node."""

    name: str
    plural: str
    colour: str
    shape: str
    symbol: str
    #: The label's font size; the glossary's own terms are drawn larger.
    font: int = FONT


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


#: In this order a node with several classes takes the first.
#: How each entity type is drawn: colour, vis.js shape, legend symbol (a type not here: grey).
TYPE_STYLES = {
    EntityType.HORMONE: ("#d1495b", "dot", "●"),
    EntityType.ENZYME: ("#edae49", "diamond", "◆"),
    EntityType.TISSUE: ("#00798c", "triangle", "▲"),
    EntityType.PROCESS: ("#66a182", "hexagon", "⬢"),
    EntityType.RECEPTOR: ("#8e6cc2", "star", "★"),
}
NODE_TYPES = {
    HGO.GlossaryTerm: NodeType("term", "glossary terms", "#1b2a41", "square", "■", 20),
    **{type_class(t): NodeType(t.value, t.plural, *TYPE_STYLES.get(t, ("#7f7f7f", "triangleDown",
                                                                          "▼")))
       for t in EntityType},
}
FONTS = {t.name: t.font for t in NODE_TYPES.values()}
EDGE_KINDS = (
    EdgeKind("mention", "mentions (term → entity)", "mentions", "#7a8ca8", 1.5, False, 7),
    EdgeKind("text", "relation read from the text", "read from the text", "#d35400", 3, False,
             12),
    EdgeKind("curated", "curated relation", "curated", "#2c5aa0", 2, (8, 5), 12),
    EdgeKind("hierarchy", "broader (hierarchy)", "broader", "#6b6b6b", 1.5, (2, 4), 7),
)


def edge_style(kind: EdgeKind) -> dict[str, Any]:
    """vis-network's options for one kind of link."""
    return {"color": {"color": kind.colour, "highlight": kind.colour, "hover": kind.colour},
            "width": kind.width, "font": {"size": kind.font},
            "dashes": list(kind.dashes) if isinstance(kind.dashes, tuple) else kind.dashes}

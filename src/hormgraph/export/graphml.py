"""GraphML, written as networkx's `generate_graphml` writes it (the same bytes), but as text
straight from the graph: networkx first builds an ElementTree of every node, edge and datum,
several times slower and held whole in memory."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

HEADER = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
#: GraphML's attribute types for Python's (bool before int: a bool is an int).
_TYPES: tuple[tuple[type, str], ...] = ((bool, "boolean"), (int, "long"), (float, "double"),
                                        (str, "string"))
#: What str.splitlines breaks at and ElementTree writes as is (the rest are character references).
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"})


def _ascii(text: str) -> str:
    """As ElementTree writes US-ASCII: every other character as a character reference."""
    return text if text.isascii() else text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _attribute(value: object) -> str:
    return _ascii(str(value).translate(_ATTRIBUTE))


def _type_name(value: object) -> str:
    return next((name for kind, name in _TYPES if isinstance(value, kind)), "string")


def graphml_lines(network: nx.MultiDiGraph[str]) -> Iterator[str]:
    """The lines of `network` as GraphML, exactly those of `nx.generate_graphml(network)` for a
    multigraph without graph attributes whose data are strings and numbers (a line break in a
    value breaks its line, as str.splitlines breaks networkx's text).

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="k", weight=2)
    'k'
    >>> g.nodes["a"]["label"] = "α & ω"
    >>> list(graphml_lines(g)) == list(nx.generate_graphml(g))
    True
    """
    for line in _lines(network):
        yield from line.splitlines() if _BREAKS.search(line) else (line,)


def _lines(network: nx.MultiDiGraph[str]) -> Iterator[str]:
    keys: dict[tuple[str, str, str], str] = {}  # (name, type, scope) -> "d<n>", in first use
    for scope, data_of in (("node", network.nodes(data=True)),
                           ("edge", network.edges(data=True))):
        for *_, data in data_of:
            for name, value in data.items():
                keys.setdefault((str(name), _type_name(value), scope), f"d{len(keys)}")
    yield HEADER
    for (name, kind, scope), key in reversed(keys.items()):
        yield (f'  <key id="{key}" for="{scope}" attr.name="{_attribute(name)}" '
               f'attr.type="{kind}" />')
    if not len(network):
        yield '  <graph edgedefault="directed" />'
        yield "</graphml>"
        return
    yield '  <graph edgedefault="directed">'
    for node, data in network.nodes(data=True):
        yield from _element(f'<node id="{_attribute(node)}"', "node", data, keys)
    for source, target, key, data in network.edges(keys=True, data=True):
        yield from _element(f'<edge source="{_attribute(source)}" target="{_attribute(target)}" '
                            f'id="{_attribute(key)}"', "edge", data, keys)
    yield "  </graph>"
    yield "</graphml>"


def _element(start: str, scope: str, data: dict[str, Any],
             keys: dict[tuple[str, str, str], str]) -> Iterator[str]:
    if not data:
        yield f"    {start} />"
        return
    yield f"    {start}>"
    for name, value in data.items():
        text = _ascii(str(value).translate(_TEXT))
        key = keys[(str(name), _type_name(value), scope)]
        yield (f'      <data key="{key}">{text}</data>' if text
               else f'      <data key="{key}" />')
    yield f"    </{start[1:5]}>"

"""Query answers as text: a table for reading, SPARQL 1.1 CSV and TSV, SPARQL JSON and XML."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.etree import ElementTree

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from hormgraph.errors import QueryError
from hormgraph.export.rdf import to_turtle
from hormgraph.graphfile import printable
from hormgraph.sparql import PREFIX_IRIS, Answer

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TABLE_CELL = 80
# Longest namespace first, so hormone:cortisol wins over hg:hormone/cortisol.
_COMPACT = sorted(PREFIX_IRIS.items(), key=lambda item: -len(item[1]))


def format_answer(answer: Answer, fmt: str = "table") -> str:
    """An answer as text: SELECT and ASK in `fmt` (table, csv, tsv, json, xml), graphs as Turtle."""
    if answer.graph is not None:
        return to_turtle(answer.graph)
    formatter = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_sparql_json,
                 "xml": to_sparql_xml}.get(fmt)
    if formatter is None:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(RESULT_FORMATS)})")
    return formatter(answer)


def compact(iri: str) -> str:
    """An IRI shortened with hormgraph's prefixes, for reading.

    >>> compact("https://w3id.org/hormgraph/id/hormone/cortisol")
    'hormone:cortisol'
    """
    for prefix, namespace in _COMPACT:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    # A literal's control characters escaped: a graph's text must not drive the terminal.
    text = printable(" ".join(str(term).split())) if isinstance(term, Literal) else f"_:{term}"
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def to_table(answer: Answer) -> str:
    """A table for reading: IRIs with prefixes, literals as their text, long values cut short."""
    if answer.kind == "ASK":
        return f"{str(answer.boolean).lower()}\n"
    cells = [list(answer.variables)] + [[_cell(t) for t in row] for row in answer.rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(answer.variables))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
             for line in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    count = len(answer.rows)
    return "\n".join([*lines, f"({count} row{'' if count == 1 else 's'})"]) + "\n"


def _boolean_line(answer: Answer) -> str | None:
    return f"{str(answer.boolean).lower()}\n" if answer.kind == "ASK" else None


def to_csv(answer: Answer) -> str:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends (ASK: one line, true or false)."""
    boolean = _boolean_line(answer)
    if boolean is not None:
        return boolean
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t)
                         for t in row])
    return out.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    text = str(term)
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"),
                         ("\t", "\\t")):
        text = text.replace(raw, escaped)
    if term.language:
        return f'"{text}"@{term.language}'
    return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'


def to_tsv(answer: Answer) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle syntax (ASK: one line, true or false)."""
    boolean = _boolean_line(answer)
    if boolean is not None:
        return boolean
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in answer.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def to_sparql_json(answer: Answer) -> str:
    """SPARQL 1.1 Query Results JSON."""
    document: dict[str, Any]
    if answer.kind == "ASK":
        document = {"head": {}, "boolean": answer.boolean}
    else:
        document = {"head": {"vars": list(answer.variables)}, "results": {"bindings": [
            {name: _json_term(term) for name, term in zip(answer.variables, row, strict=True)
             if term is not None} for row in answer.rows]}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _xml_term(parent: ElementTree.Element, term: Node) -> None:
    if isinstance(term, URIRef):
        ElementTree.SubElement(parent, "uri").text = str(term)
    elif isinstance(term, BNode):
        ElementTree.SubElement(parent, "bnode").text = str(term)
    else:
        assert isinstance(term, Literal)
        literal = ElementTree.SubElement(parent, "literal")
        literal.text = str(term)
        if term.language:
            literal.set(XML_LANG, term.language)
        elif term.datatype:
            literal.set("datatype", str(term.datatype))


def to_sparql_xml(answer: Answer) -> str:
    """SPARQL Query Results XML."""
    root = ElementTree.Element("sparql", xmlns=SPARQL_RESULTS)
    head = ElementTree.SubElement(root, "head")
    if answer.kind == "ASK":
        ElementTree.SubElement(root, "boolean").text = str(answer.boolean).lower()
    else:
        for name in answer.variables:
            ElementTree.SubElement(head, "variable", name=name)
        results = ElementTree.SubElement(root, "results")
        for row in answer.rows:
            result = ElementTree.SubElement(results, "result")
            for name, term in zip(answer.variables, row, strict=True):
                if term is not None:
                    _xml_term(ElementTree.SubElement(result, "binding", name=name), term)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

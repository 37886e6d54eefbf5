"""N-Triples terms written as text: the build's triples never become rdflib objects.

A triple is one line, `<s> <p> o .`; an object is an IRI or a literal in N-Triples syntax, so the
same line is valid N-Triples and, grouped by subject, the input of the Turtle writer.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from hormgraph.errors import HormgraphError

#: Echar escapes, and \\uXXXX for every other control character, so a line never breaks.
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f",
            **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)
               if c not in (0x08, 0x09, 0x0A, 0x0C, 0x0D)}}
NON_NEGATIVE = f"<{XSD.nonNegativeInteger}>"
LANG_STRING = str(RDF.langString)
STRING = str(XSD.string)


def iri(value: str) -> str:
    """`<value>`.

    >>> iri("https://w3id.org/hormgraph/id/hormone/cortisol")
    '<https://w3id.org/hormgraph/id/hormone/cortisol>'
    """
    return f"<{value}>"


def text(value: str, lang: str | None = "en") -> str:
    """A string literal, language-tagged unless `lang` is None.

    >>> text('say "hi"\\n'), text("x", None)
    ('"say \\\\"hi\\\\"\\\\n"@en', '"x"')
    """
    quoted = '"' + value.translate(_ESCAPES) + '"'
    return f"{quoted}@{lang}" if lang else quoted


def integer(value: int) -> str:
    """An xsd:nonNegativeInteger literal (an offset)."""
    return f'"{value}"^^{NON_NEGATIVE}'


def from_oxigraph(term: Any) -> Node | None:
    """The rdflib term for an Oxigraph IRI, blank node or literal (None for anything else, such
    as a quoted triple). RDF 1.1: a simple literal is an xsd:string; rdflib keeps it without a
    datatype."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == STRING else URIRef(datatype))
    return None


def node(term: Node) -> str:
    """An rdflib IRI or literal (from the schema or the vocabulary) in N-Triples syntax."""
    if isinstance(term, URIRef):
        return iri(str(term))
    if isinstance(term, Literal):
        quoted = text(str(term), None)
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype and str(term.datatype) not in (STRING, LANG_STRING):
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    kind = "a blank node" if isinstance(term, BNode) else type(term).__name__
    raise HormgraphError(f"the ontology holds {kind} ({term}); give every node an IRI")

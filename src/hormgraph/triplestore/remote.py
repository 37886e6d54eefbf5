"""Queries at a remote SPARQL 1.1 endpoint, answered as `hormgraph query` answers them."""

from __future__ import annotations

import io
import json
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from hormgraph.errors import QueryError
from hormgraph.query import PREFIX_IRIS, Answer, PreparedQuery, Row, check_bindings
from hormgraph.triplestore.client import NTRIPLES, Client, Reply, check_url, safe_url

#: Rows at which stores cut results by default without saying so in the body.
KNOWN_CAPS = {"virtuoso": 10_000}

RESULTS_JSON = "application/sparql-results+json"
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.I | re.M)
_USED = re.compile(r"(?<![\w.:?$-])([A-Za-z][\w.-]*)?:")
#: What may hide a "{" or a "WHERE" that is not the clause's: comments, strings, IRIs.
_TOKEN = re.compile(r"""
    \#[^\n]*                                     # a comment
  | "{3}(?:[^\\]|\\.)*?"{3} | '{3}(?:[^\\]|\\.)*?'{3}  # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'     # strings
  | <[^<>"{}|^`\\\s]*>                          # an IRI
  | (?<![?$\w])WHERE\b | \{
""", re.I | re.X)
_CONSTRUCT = re.compile(r"(?:\s|#[^\n]*|(?:PREFIX|BASE)\s[^<]*<[^>]*>)*CONSTRUCT\b", re.I)


@dataclass(frozen=True)
class RemoteAnswer:
    """An endpoint's answer, and why it may be incomplete (None when nothing says so)."""

    answer: Answer
    truncated: str | None = None


def with_prefixes(text: str) -> str:
    """The query with those of hormgraph's predeclared prefixes declared that it uses but does
    not declare, so that any endpoint reads it as `hormgraph query` does; a query that declares
    its prefixes goes unchanged.

    >>> with_prefixes("ASK { hgo:x ?p ?o } # skos:")
    'PREFIX hgo: <https://w3id.org/hormgraph/ontology#>\\nASK { hgo:x ?p ?o } # skos:'
    """
    code = _TOKEN.sub(lambda token: token[0] if token[0] == "{" or token[0].isalpha() else " ",
                      text)
    declared = {match[1] or "" for match in _DECLARED.finditer(code)}
    used = {match[1] or "" for match in _USED.finditer(code)}
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIX_IRIS.items()
                       if name in used - declared)
    return prologue + text


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block opening its WHERE clause, which binds the variables before
    the pattern is matched, as `hormgraph query --bind` does (a trailing VALUES would join after
    FILTERs ran, so a FILTER on a bound variable would see it unbound). The terms are written by
    rdflib; comments, strings and IRIs are skipped when looking for the clause.

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("urn:x")})
    'SELECT ?s WHERE { VALUES (?s) { (<urn:x>) } ?s ?p ?o }'
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    where = None
    for token in _TOKEN.finditer(text):
        if token[0].upper() == "WHERE":
            where = token.end()
        elif token[0] == "{" and (where is not None or not _CONSTRUCT.match(text, 0)):
            at = token.end()
            return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"
    raise QueryError("cannot bind variables: the query has no WHERE clause")


def run_remote(url: str, query: PreparedQuery, client: Client,
               bindings: Mapping[str, Identifier] | None = None,
               graph: str | None = None) -> RemoteAnswer:
    """Answer a prepared query at a SPARQL 1.1 endpoint, as `run_query` answers it locally;
    `graph` names the named graph to query as the default graph (default-graph-uri)."""
    check_url(url)
    bindings = dict(bindings or {})
    check_bindings(query, bindings)
    return remote_query(url, with_values(with_prefixes(query.text), bindings), query.kind,
                        client, graph)


def remote_query(url: str, text: str, kind: str, client: Client,
                 graph: str | None = None) -> RemoteAnswer:
    """POST a query (SPARQL 1.1 Protocol, form-encoded) and read the answer."""
    graph_answer = kind in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples, text/turtle;q=0.9" if graph_answer else RESULTS_JSON
    form = {"query": text} | ({"default-graph-uri": graph} if graph else {})
    reply = client.send("POST", url, urllib.parse.urlencode(form).encode("utf-8"),
                        {"Content-Type": "application/x-www-form-urlencoded",
                         "Accept": accept})
    media_type = (reply.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if graph_answer:
        syntax = "nt" if media_type in (NTRIPLES, "text/plain") else "turtle"
        try:
            found = Graph().parse(data=reply.body.decode("utf-8"), format=syntax)
        except Exception as error:  # rdflib's parsers raise several unrelated types
            raise QueryError(f"{safe_url(url)}: the store's graph did not parse "
                             f"({error})") from None
        return RemoteAnswer(Answer(kind, graph=found))
    answer = parse_results_json(reply.body, url)
    return RemoteAnswer(answer, _truncation(reply, answer))


def parse_results_json(body: bytes, source: str = "the store") -> Answer:
    """SPARQL 1.1 Query Results JSON as an Answer (Virtuoso's "typed-literal" included; an
    xsd:string datatype dropped, as rdflib keeps simple literals)."""
    try:
        document = json.load(io.BytesIO(body))
        if "boolean" in document:
            return Answer("ASK", boolean=bool(document["boolean"]))
        names = tuple(str(name) for name in document["head"]["vars"])
        rows: list[Row] = [tuple(_term(binding.get(name)) for name in names)
                           for binding in document["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise QueryError(f"{safe_url(source)}: not SPARQL JSON results ({error})") from None
    return Answer("SELECT", names, tuple(rows))


def _term(value: Mapping[str, str] | None) -> Node | None:
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown term type {kind!r}")
    language = value.get("xml:lang")
    datatype = value.get("datatype")
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=None if datatype in (None, str(XSD.string)) else datatype)


def _truncation(reply: Reply, answer: Answer) -> str | None:
    """Why the rows may be cut short: Virtuoso's X-SPARQL-MaxRows header, or exactly as many
    rows as a store's known default cap."""
    cap = reply.headers.get("X-SPARQL-MaxRows")
    if cap:
        return f"the store cut the answer at {cap.strip()} rows (X-SPARQL-MaxRows)"
    server = (reply.headers.get("Server") or "").lower()
    for name, rows in KNOWN_CAPS.items():
        if name in server and len(answer.rows) == rows:
            return f"exactly {rows} rows, {name.title()}'s default cap: the answer may be cut"
    return None

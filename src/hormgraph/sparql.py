"""Preparing SPARQL: hormgraph's prefixes, parsed queries and bindings, the bundled queries,
what a query returns, and running one on a store."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

from pyparsing import ParseException
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, Node

from hormgraph.errors import BindingError, QueryError
from hormgraph.namespaces import PREFIXES

PREFIX_IRIS: dict[str, str] = {name: str(namespace) for name, namespace in PREFIXES.items()}

Row = tuple[Node | None, ...]

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:(\S*)")
#: An absolute IRI, as Turtle and SPARQL write one between <>: a scheme, then no spaces,
#: controls or the characters <>"{}|^`\ (which every store rejects).
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]*")
_BIND_FORMS = '<IRI>, prefix:name, "text", "text"@en or "3"^^xsd:integer'
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"'
                     r"(?:@([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)|\^\^(\S+))?", re.S)
_UPDATE = re.compile(r"\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


@dataclass(frozen=True)
class Answer:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool = False
    graph: Graph | None = None
    #: Whether rows or triples beyond the limit the query ran with were left out.
    truncated: bool = False


@dataclass(frozen=True)
class PreparedQuery:
    """A query that parsed, with the name of where it came from (for error messages)."""

    text: str
    source: str
    parsed: Query = field(repr=False)

    @property
    def kind(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return str(self.parsed.algebra.name).removesuffix("Query").upper()


@dataclass(frozen=True)
class BundledQuery:
    """A competency query shipped with hormgraph: its name, its question and example bindings."""

    name: str
    question: str
    examples: tuple[str, ...]
    text: str


class Store(Protocol):
    """A graph that answers SPARQL queries."""

    name: str

    def __len__(self) -> int: ...

    def evaluate(self, query: PreparedQuery, bindings: Mapping[str, Identifier],
                 limit: int | None = None) -> Answer: ...


def first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"


# Preparing and running queries


def prepare_query(text: str, source: str = "query") -> PreparedQuery:
    """Parse a query with hormgraph's prefixes predeclared; a bad one raises a QueryError with its
    line and column. Queries that would reach out to the network (SERVICE, FROM) are refused."""
    try:
        parsed = prepareQuery(text, initNs=PREFIX_IRIS)
    except ParseException as error:
        where = f"{source}: line {error.lineno}, column {error.col}"
        if _UPDATE.match(error.pstr, error.loc):
            raise QueryError(f"{where}: updates are not supported: hormgraph only reads the "
                             "graph") from error
        near = error.line.strip()[:40] or "the end"
        raise QueryError(f"{where}: syntax error at {near!r} ({error.msg})") from error
    except Exception as error:  # rdflib reports an unknown prefix with a bare Exception
        raise QueryError(f"{source}: {_position_of_prefix(text, error)}") from error
    _refuse_remote(parsed, source)
    return PreparedQuery(text, source, parsed)


def _position_of_prefix(text: str, error: Exception) -> str:
    message = first_line(error)
    unknown = re.fullmatch(r"Unknown namespace prefix : (\S*)", message)
    if unknown is None:
        return message
    found = re.search(rf"(?<![\w:<]){re.escape(unknown[1])}:", text)
    if found is None:
        return f"unknown prefix {unknown[1]}:"
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - text.rfind("\n", 0, found.start())
    return f"line {line}, column {column}: unknown prefix {unknown[1]}:"


def _refuse_remote(parsed: Query, source: str) -> None:
    """The graph is the whole dataset: SERVICE and FROM would fetch graphs over the network."""
    if parsed.algebra.get("datasetClause"):
        raise QueryError(f"{source}: FROM and FROM NAMED are not supported: the graph is the "
                         "whole dataset")
    services: list[object] = []

    def visit(node: Any) -> None:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            services.append(node)

    traverse(parsed.algebra, visitPost=visit)
    if services:
        raise QueryError(f"{source}: SERVICE is not supported: queries run offline")


def run_query(store: Store, query: PreparedQuery | str,
              bindings: Mapping[str, Identifier] | None = None,
              limit: int | None = None) -> Answer:
    """Answer a query on a store, with variables bound to `bindings` (never spliced into text);
    with a `limit`, at most that many rows or triples (Answer.truncated says if more were left)."""
    prepared = query if isinstance(query, PreparedQuery) else prepare_query(query)
    bindings = dict(bindings or {})
    check_bindings(prepared, bindings)
    return store.evaluate(prepared, bindings, limit)


def check_bindings(prepared: PreparedQuery, bindings: Mapping[str, Identifier]) -> None:
    """Refuse a binding of a variable the query lacks, or, in a SELECT, does not select."""
    selected = {str(v) for v in prepared.parsed.algebra.get("PV") or ()}
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", prepared.text):
            raise QueryError(f"{prepared.source}: cannot bind ?{name}: the query has no such "
                             "variable")
        # As in SEP-0007, which oxigraph follows: a SELECT binds only the variables it selects.
        if prepared.kind == "SELECT" and name not in selected:
            raise QueryError(f"{prepared.source}: cannot bind ?{name}: add it to the SELECT "
                             "clause")


def parse_binding(text: str) -> tuple[str, Identifier]:
    """A `name=value` binding from the command line.

    >>> parse_binding("hormone=hormone:cortisol")
    ('hormone', rdflib.term.URIRef('https://w3id.org/hormgraph/id/hormone/cortisol'))
    """
    name, equals, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not equals or not _VARIABLE.fullmatch(name):
        raise BindingError(f"--bind {text!r}: expected name=value, e.g. "
                           "hormone=hormone:cortisol")
    try:
        return name, parse_value(value.strip())
    except BindingError as error:
        raise BindingError(f"--bind {text!r}: {error}") from error


def parse_value(value: str) -> Identifier:
    """A bound value: `<IRI>` or `prefix:name` (a predeclared prefix) is an IRI; a quoted Turtle
    literal (`"cortisol"@en`, `"3"^^xsd:integer`) is that literal. Anything else raises a
    BindingError: a bare word would silently match nothing where an IRI was meant.

    >>> parse_value('"cortisol"@en')
    rdflib.term.Literal('cortisol', lang='en')
    >>> parse_value("hormone:cortisol")
    rdflib.term.URIRef('https://w3id.org/hormgraph/id/hormone/cortisol')
    """
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1])
    if value.startswith('"'):
        return _parse_literal(value)
    prefixed = _PREFIXED.fullmatch(value)
    if prefixed is None:
        raise BindingError(f"{value!r} is neither an IRI nor a literal; write {_BIND_FORMS}")
    prefix = prefixed[1] or ""
    if prefix not in PREFIX_IRIS:
        raise BindingError(f"unknown prefix {prefix}: (known: "
                           f"{', '.join(f'{p}:' for p in sorted(PREFIX_IRIS) if p)})")
    return _iri(PREFIX_IRIS[prefix] + prefixed[2])


def _iri(text: str) -> URIRef:
    if not _ABSOLUTE_IRI.fullmatch(text):
        raise BindingError(f"<{text}> is not an absolute IRI (a scheme such as https:, then no "
                           "spaces, controls or <>\"{}|^`\\)")
    return URIRef(text)


def _parse_literal(value: str) -> Literal:
    quoted = _QUOTED.fullmatch(value)
    if quoted is None:
        raise BindingError(f"{value} is not a literal; write \"text\", \"text\"@en or "
                           "\"3\"^^xsd:integer")
    text = re.sub(r"\\(.)", r"\1", quoted[1], flags=re.S)
    if quoted[3] is None:
        return Literal(text, lang=quoted[2])
    datatype = parse_value(quoted[3])
    if not isinstance(datatype, URIRef):
        raise BindingError(f"the datatype {quoted[3]} is not an IRI")
    # rdflib logs a traceback for an ill-typed lexical form; the error below says it in a line.
    converter_log = logging.getLogger("rdflib.term")
    disabled, converter_log.disabled = converter_log.disabled, True
    try:
        literal = Literal(text, datatype=datatype)
    finally:
        converter_log.disabled = disabled
    if literal.ill_typed:
        raise BindingError(f"{text!r} is not a valid {quoted[3]}")
    return literal


# Bundled competency queries


def bundled_queries() -> dict[str, BundledQuery]:
    """The competency queries shipped in hormgraph/queries/, by name."""
    found = {}
    for item in sorted(files("hormgraph").joinpath("queries").iterdir(), key=lambda i: i.name):
        if item.name.endswith(".rq"):
            query = _bundled(item.name.removesuffix(".rq"), item.read_text(encoding="utf-8"))
            found[query.name] = query
    return found


def _bundled(name: str, text: str) -> BundledQuery:
    lines = text.splitlines()
    question = lines[0].removeprefix("# question:").strip() if lines else ""
    examples = tuple(line.removeprefix("# bind:").split()[0] for line in lines
                     if line.startswith("# bind:"))
    return BundledQuery(name, question, examples, text)


def read_query(spec: str) -> tuple[str, str]:
    """The (source, text) of a query given as a .rq file, a bundled query's name or SPARQL text."""
    if spec.endswith((".rq", ".sparql")):
        try:
            return spec, Path(spec).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"{spec}: cannot read the query ({first_line(error)})") from error
    bundled = bundled_queries()
    if spec in bundled:
        return spec, bundled[spec].text
    if re.search(r"[\s{]", spec):
        return "query", spec
    raise QueryError(f"{spec}: not a .rq file, a bundled query or SPARQL text "
                     "(hormgraph query --list names the bundled ones)")

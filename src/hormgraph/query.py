"""SPARQL over the graph: load it, run queries with hormgraph's prefixes, format the answers."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast
from xml.etree import ElementTree

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node

from hormgraph.errors import BindingError, QueryError
from hormgraph.export.rdf import to_turtle
from hormgraph.graphfile import MAX_GRAPH_BYTES, printable, read_graph, read_graph_file
from hormgraph.namespaces import PREFIXES
from hormgraph.ntriples import from_oxigraph

if TYPE_CHECKING:
    import pyoxigraph

STORES = ("rdflib", "oxigraph")
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
PREFIX_IRIS: dict[str, str] = {name: str(namespace) for name, namespace in PREFIXES.items()}
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TABLE_CELL = 80

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
_OXIGRAPH_POSITION = re.compile(r"error at (\d+):(\d+): ")
_OXIGRAPH_PARSE_POSITION = re.compile(
    r"Parser error at line (\d+) (?:between columns \d+ and \d+|column \d+): (.*?)"
    r"(?: \(line \d+\))?$")
# Longest namespace first, so hormone:cortisol wins over hg:hormone/cortisol.
_COMPACT = sorted(PREFIX_IRIS.items(), key=lambda item: -len(item[1]))


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


# Loading graphs into stores


def load_store(path: Path, store: str = "rdflib", max_bytes: int = MAX_GRAPH_BYTES) -> Store:
    """The graph file at `path` in a query store: "rdflib" (in memory) or "oxigraph"; either
    way the file is read with the checks of `graphfile.read_graph_file`."""
    if store == "oxigraph":
        return OxigraphStore.from_file(path, max_bytes)
    return make_store(read_graph(path, max_bytes), store)


def make_store(graph: Graph, store: str = "rdflib") -> Store:
    """A query store over an rdflib graph; the oxigraph store takes a copy."""
    if store not in STORES:
        raise QueryError(f"unknown store {store!r} (choose from {', '.join(STORES)})")
    return OxigraphStore.from_graph(graph) if store == "oxigraph" else RdflibStore(graph)


class _DescribedGraph(Graph):
    """A view of a graph whose DESCRIBE leaves out reifications, as oxigraph and Jena do."""

    def cbd(self, resource: Any, *, target_graph: Graph | None = None,
            include_reifications: bool = True) -> Graph:
        return super().cbd(resource, target_graph=target_graph, include_reifications=False)


class RdflibStore:
    """Queries evaluated by rdflib over its in-memory graph."""

    name = "rdflib"

    def __init__(self, graph: Graph) -> None:
        self.graph = _DescribedGraph(store=graph.store, identifier=graph.identifier)

    def __len__(self) -> int:
        return len(self.graph)

    def evaluate(self, query: PreparedQuery, bindings: Mapping[str, Identifier],
                 limit: int | None = None) -> Answer:
        try:
            result = self.graph.query(query.parsed, initBindings=dict(bindings))
            # SELECT solutions are computed lazily, so errors surface while reading them.
            rows = _at_most(limit, (tuple(cast(ResultRow, row)) for row in result)) \
                if result.type == "SELECT" else ()
        except Exception as error:  # rdflib's evaluator raises whatever its functions raise
            raise QueryError(f"{query.source}: cannot evaluate ({_first_line(error)})") from error
        if result.type == "SELECT":
            return Answer("SELECT", tuple(str(v) for v in result.vars or ()), rows[:limit],
                          truncated=limit is not None and len(rows) > limit)
        if result.type == "ASK":
            return Answer("ASK", boolean=bool(result.askAnswer))
        assert result.graph is not None
        return _graph_answer(query.kind, result.graph, limit)


class OxigraphStore:
    """Queries evaluated by pyoxigraph, fast on millions of triples; the same answers as rdflib,
    but for one thing: oxigraph stores the integer types derived from xsd:integer (such as the
    offsets' xsd:nonNegativeInteger) as xsd:integer, so their DATATYPE() differs. The bundled
    queries cast such values to xsd:integer, which gives both stores one answer."""

    name = "oxigraph"

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store = store

    @staticmethod
    def _module() -> Any:
        try:
            import pyoxigraph
        except ImportError as error:
            raise QueryError("the oxigraph store needs pyoxigraph: "
                             "pip install 'hormgraph[oxigraph]'") from error
        return pyoxigraph

    @classmethod
    def from_file(cls, path: Path, max_bytes: int = MAX_GRAPH_BYTES) -> OxigraphStore:
        """The RDF file at `path`, loaded by oxigraph's own parser (much faster than rdflib's),
        after the checks rdflib's reader makes, and with its messages."""
        ox = cls._module()
        file = read_graph_file(path, max_bytes)
        store = ox.Store()
        try:
            store.bulk_load(file.data, format=getattr(ox.RdfFormat, file.syntax.oxigraph),
                            base_iri=file.base)
        except (SyntaxError, ValueError) as error:
            raise file.invalid(_oxigraph_problem(error)) from error
        return cls(store)

    @classmethod
    def from_graph(cls, graph: Graph) -> OxigraphStore:
        """A copy of an rdflib graph."""
        ox = cls._module()
        store = ox.Store()
        store.bulk_load(graph.serialize(format="nt", encoding="utf-8"),
                        format=ox.RdfFormat.N_TRIPLES)
        return cls(store)

    def __len__(self) -> int:
        return len(self.store)

    def evaluate(self, query: PreparedQuery, bindings: Mapping[str, Identifier],
                 limit: int | None = None) -> Answer:
        ox = self._module()
        try:
            substitutions = {ox.Variable(name): _to_oxigraph(ox, value)
                             for name, value in bindings.items()}
        except ValueError as error:  # an IRI or language tag oxigraph finds malformed
            raise BindingError(f"{query.source}: cannot bind a value oxigraph rejects "
                               f"({_first_line(error)})") from error
        try:
            result = self.store.query(query.text, prefixes=PREFIX_IRIS, substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                return Answer("ASK", boolean=bool(result))
            if isinstance(result, ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                rows = _at_most(limit, (
                    tuple(None if solution[name] is None else _from_oxigraph(ox, solution[name])
                          for name in names)
                    for solution in result))
                return Answer("SELECT", names, rows[:limit],
                              truncated=limit is not None and len(rows) > limit)
            graph = Graph()
            for triple in _at_most(limit, iter(cast("pyoxigraph.QueryTriples", result))):
                graph.add((_from_oxigraph(ox, triple.subject), _from_oxigraph(ox, triple.predicate),
                           _from_oxigraph(ox, triple.object)))
        except (SyntaxError, OSError, RuntimeError) as error:
            raise QueryError(f"{query.source}: {_oxigraph_message(error)}") from error
        return _graph_answer(query.kind, graph, limit)


T = TypeVar("T")


def _at_most(limit: int | None, items: Iterator[T]) -> tuple[T, ...]:
    """The first `limit` items and one more, if there is one (which says that more were left)."""
    return tuple(items if limit is None else islice(items, limit + 1))


def _graph_answer(kind: str, graph: Graph, limit: int | None) -> Answer:
    if limit is None or len(graph) <= limit:
        return Answer(kind, graph=graph)
    kept = Graph()
    for triple in islice(iter(graph), limit):
        kept.add(triple)
    return Answer(kind, graph=kept, truncated=True)


def _to_oxigraph(ox: Any, term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals")


def _from_oxigraph(ox: Any, term: Any) -> Node:
    found = from_oxigraph(term)
    if found is None:
        raise QueryError(f"unsupported term in a result: {term!r}")
    return found


def _oxigraph_problem(error: Exception) -> str:
    """Where and why oxigraph could not parse a file, worded as for rdflib."""
    text = _first_line(error)
    located = _OXIGRAPH_PARSE_POSITION.match(text)
    if located:
        return f"line {located[1]}: {located[2]}"
    line = getattr(error, "lineno", None)
    return f"line {line}: {text}" if isinstance(line, int) else text


def _oxigraph_message(error: Exception) -> str:
    text = _first_line(error)
    position = _OXIGRAPH_POSITION.match(text)
    if position is None:
        return text
    return f"line {position[1]}, column {position[2]}: {text[position.end():]}"


def _first_line(error: Exception) -> str:
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
    message = _first_line(error)
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
            raise QueryError(f"{spec}: cannot read the query ({_first_line(error)})") from error
    bundled = bundled_queries()
    if spec in bundled:
        return spec, bundled[spec].text
    if re.search(r"[\s{]", spec):
        return "query", spec
    raise QueryError(f"{spec}: not a .rq file, a bundled query or SPARQL text "
                     "(hormgraph query --list names the bundled ones)")


# Formatting answers


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

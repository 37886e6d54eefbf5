"""Query stores: a graph in rdflib or in pyoxigraph, loaded from a file or copied from a graph."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node

from hormgraph.errors import BindingError, QueryError
from hormgraph.graphfile import MAX_GRAPH_BYTES, read_graph, read_graph_file
from hormgraph.ntriples import from_oxigraph
from hormgraph.sparql import PREFIX_IRIS, Answer, PreparedQuery, Store, first_line

if TYPE_CHECKING:
    import pyoxigraph

STORES = ("rdflib", "oxigraph")
_OXIGRAPH_POSITION = re.compile(r"error at (\d+):(\d+): ")
_OXIGRAPH_PARSE_POSITION = re.compile(
    r"Parser error at line (\d+) (?:between columns \d+ and \d+|column \d+): (.*?)"
    r"(?: \(line \d+\))?$")




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
            raise QueryError(f"{query.source}: cannot evaluate ({first_line(error)})") from error
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
                               f"({first_line(error)})") from error
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
    text = first_line(error)
    located = _OXIGRAPH_PARSE_POSITION.match(text)
    if located:
        return f"line {located[1]}: {located[2]}"
    line = getattr(error, "lineno", None)
    return f"line {line}: {text}" if isinstance(line, int) else text


def _oxigraph_message(error: Exception) -> str:
    text = first_line(error)
    position = _OXIGRAPH_POSITION.match(text)
    if position is None:
        return text
    return f"line {position[1]}, column {position[2]}: {text[position.end():]}"

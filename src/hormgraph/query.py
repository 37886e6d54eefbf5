"""SPARQL over the graph, in one import: prepare a query (`sparql`), run it on a store
(`stores`), format the answer (`results`)."""

from hormgraph.results import (
    RESULT_FORMATS,
    compact,
    format_answer,
    to_csv,
    to_sparql_json,
    to_sparql_xml,
    to_table,
    to_tsv,
)
from hormgraph.sparql import (
    PREFIX_IRIS,
    Answer,
    BundledQuery,
    PreparedQuery,
    Row,
    Store,
    bundled_queries,
    check_bindings,
    parse_binding,
    parse_value,
    prepare_query,
    read_query,
    run_query,
)
from hormgraph.stores import STORES, OxigraphStore, RdflibStore, load_store, make_store

__all__ = [
    "PREFIX_IRIS", "RESULT_FORMATS", "STORES", "Answer", "BundledQuery", "OxigraphStore",
    "PreparedQuery", "RdflibStore", "Row", "Store", "bundled_queries", "check_bindings",
    "compact", "format_answer", "load_store", "make_store", "parse_binding", "parse_value",
    "prepare_query", "read_query", "run_query", "to_csv", "to_sparql_json", "to_sparql_xml",
    "to_table", "to_tsv",
]

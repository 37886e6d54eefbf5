"""Remote triple stores: push a graph by the SPARQL 1.1 Graph Store Protocol (`push`), query an
endpoint (`remote`), over the standard library's HTTP client (`client`)."""

from hormgraph.triplestore.client import (
    NTRIPLES,
    Client,
    Credentials,
    Reply,
    StoreEndpoints,
    check_url,
    endpoints_for,
)
from hormgraph.triplestore.push import (
    CHUNK_TRIPLES,
    DEFAULT_GRAPH_IRI,
    PushPlan,
    PushReport,
    count_triples,
    ntriples_lines,
    plan_push,
    push,
    read_ntriples,
    update,
)
from hormgraph.triplestore.remote import (
    KNOWN_CAPS,
    RemoteAnswer,
    parse_results_json,
    remote_query,
    run_remote,
    with_prefixes,
    with_values,
)

__all__ = ["CHUNK_TRIPLES", "DEFAULT_GRAPH_IRI", "KNOWN_CAPS", "NTRIPLES", "Client", "Credentials",
           "PushPlan", "PushReport", "RemoteAnswer", "Reply", "StoreEndpoints", "check_url",
           "count_triples", "endpoints_for", "ntriples_lines", "parse_results_json", "plan_push",
           "push", "read_ntriples", "remote_query", "run_remote", "update", "with_prefixes",
           "with_values"]

"""A read-only SPARQL 1.1 Protocol endpoint over the graph, with a query page that works offline.

The endpoint is a plain WSGI application (PEP 3333). `make_server` hosts it on a threading
server (a thread per connection, so an idle or slow client holds up only itself) and answers
queries in worker processes that hold the graph: a worker whose query outlives the deadline
(`timeout`) is killed, which ends a runaway query and frees its memory at once, and a fresh one
takes its place while the others go on answering. Answers hold at most `max_rows` rows or
triples (an `X-SPARQL-MaxRows` header says when some were left out), and only requests whose
Host header names an allowed host are answered, against DNS rebinding.

Why not Oxigraph's own server (`oxigraph serve-read-only --timeout-s`)? Measured with 0.5.13 on
the seeds' graph: a 3-way cross product ran on for over 20 s under `--timeout-s 3`, both as
`SELECT *` and as `COUNT(*)`, so its timeout does not end runaway queries.
"""

from hormgraph.serve.endpoint import (
    LOOPBACK,
    MAX_ROWS,
    TIMEOUT,
    Endpoint,
    QueryTimeout,
    host_name,
    negotiate,
    render,
)
from hormgraph.serve.page import ENDPOINT, query_page
from hormgraph.serve.pool import QueryPool
from hormgraph.serve.server import Server, make_server

__all__ = ["ENDPOINT", "LOOPBACK", "MAX_ROWS", "TIMEOUT", "Endpoint", "QueryPool", "QueryTimeout",
           "Server", "host_name", "make_server", "negotiate", "query_page", "render"]

"""The HTTP server: a thread per connection, queries answered by the worker pool."""

from __future__ import annotations

import logging
import os
import socketserver
from collections.abc import Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from hormgraph.errors import HormgraphError
from hormgraph.query import Store
from hormgraph.serve.endpoint import LOOPBACK, MAX_ROWS, TIMEOUT, Endpoint
from hormgraph.serve.pool import QueryPool

LOG = logging.getLogger("hormgraph.serve")
#: How long a connection may stay silent (an idle keep-alive, a client sending a byte a second).
IDLE = 20.0


class _LoggingHandler(WSGIRequestHandler):
    """Requests go to the `hormgraph.serve` logger rather than straight to stderr; a connection
    silent for IDLE seconds is closed."""

    timeout = IDLE

    def log_message(self, format: str, *args: Any) -> None:
        LOG.info("%s %s", self.address_string(), format % args)


class Server(socketserver.ThreadingMixIn, WSGIServer):
    """A WSGI server with a thread per connection, and the query workers it stops on closing."""

    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 refuses connections under a burst of clients
    pool: QueryPool | None = None

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8000, *,
                timeout: float = TIMEOUT, max_rows: int = MAX_ROWS,
                allowed_hosts: Iterable[str] = LOOPBACK, workers: int | None = None) -> Server:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() to run it,
    server_close() to stop its workers. Each query runs for at most `timeout` seconds, in one
    of `workers` worker processes (default: two per CPU)."""
    if not 0 <= port <= 65535:
        raise HormgraphError(f"{host}:{port}: not a port (ports run from 1 to 65535)")
    if timeout <= 0 or max_rows < 1:
        raise HormgraphError("the timeout and the row cap must be above 0")
    allowed = (*allowed_hosts, host)
    try:
        server = Server((host, port), _LoggingHandler)
    except OSError as error:
        raise HormgraphError(f"{host}:{port}: cannot listen ({error.strerror or error})") from error
    pool = QueryPool(store, workers or 2 * (os.cpu_count() or 1), timeout, max_rows,
                     inherited=(server.socket,))
    server.pool = pool
    server.set_app(Endpoint(store, pool.run, allowed, max_rows))
    return server

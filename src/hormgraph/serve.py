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

from __future__ import annotations

import ctypes
import json
import logging
import multiprocessing
import os
import queue
import signal
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from multiprocessing.connection import Connection
from string import Template
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from rdflib import Graph

from hormgraph.errors import HormgraphError, QueryError
from hormgraph.export.formats import SYNTAXES
from hormgraph.query import (
    PREFIX_IRIS,
    Answer,
    PreparedQuery,
    Store,
    bundled_queries,
    prepare_query,
    run_query,
    to_csv,
    to_sparql_json,
    to_sparql_xml,
    to_tsv,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

LOG = logging.getLogger(__name__)
ENDPOINT = "/sparql"
MAX_BODY = 1 << 20
#: The Host names answered by default: this machine's, under which no other site can be.
LOOPBACK = ("localhost", "127.0.0.1", "::1")
TIMEOUT = 30.0
MAX_ROWS = 10_000
#: How long a connection may stay silent (an idle keep-alive, a client sending a byte a second).
IDLE = 20.0

Render = Callable[[Answer], str]


def _graph_as(export: Callable[[Graph], str]) -> Render:
    def render(answer: Answer) -> str:
        assert answer.graph is not None
        return export(answer.graph)

    return render


#: What each kind of answer can be sent as, the preferred media type first.
MEDIA_TYPES: dict[str, dict[str, Render]] = {
    "SELECT": {
        "application/sparql-results+json": to_sparql_json,
        "application/sparql-results+xml": to_sparql_xml,
        "text/csv": to_csv,
        "text/tab-separated-values": to_tsv,
        "application/json": to_sparql_json,
        "application/xml": to_sparql_xml,
    },
    "ASK": {
        "application/sparql-results+json": to_sparql_json,
        "application/sparql-results+xml": to_sparql_xml,
        "application/json": to_sparql_json,
        "application/xml": to_sparql_xml,
    },
    "GRAPH": {syntax.media_type: _graph_as(syntax.render) for syntax in SYNTAXES},
}


@dataclass(frozen=True)
class Response:
    """What the endpoint answers: a status line, a media type, a body and any further headers."""

    status: str
    media_type: str
    body: str
    headers: tuple[tuple[str, str], ...] = field(default=())


def _problem(status: str, message: str, *headers: tuple[str, str]) -> Response:
    return Response(status, "text/plain", message + "\n", headers)


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type that an Accept header likes best (ties go to the first offered);
    None when it accepts none of them.

    >>> negotiate("text/csv;q=0.5, application/*", ["text/turtle", "text/csv", "application/json"])
    'application/json'
    """
    if not accept or not accept.strip():
        return offered[0]
    ranges = [_media_range(part) for part in accept.split(",") if part.strip()]

    def quality(offer: str) -> float:
        # The most specific range that matches decides: type/subtype, then type/*, then */*.
        patterns = (offer, offer.split("/")[0] + "/*", "*/*")
        for pattern in patterns:
            matched = [q for media, q in ranges if media == pattern]
            if matched:
                return max(matched)
        return 0.0

    best = max(offered, key=lambda offer: (quality(offer), -offered.index(offer)))
    return best if quality(best) > 0 else None


def _media_range(part: str) -> tuple[str, float]:
    media, *parameters = (piece.strip() for piece in part.split(";"))
    q = 1.0
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                q = 0.0
    return media.lower(), q


class Endpoint:
    """The WSGI application: the query page at /, the read-only SPARQL endpoint at /sparql.
    Queries go to `run` (by default straight to the store, in this thread)."""

    def __init__(self, store: Store, run: Runner | None = None,
                 allowed_hosts: Iterable[str] = LOOPBACK, max_rows: int = MAX_ROWS) -> None:
        self.store = store
        self.run: Runner = run or (lambda prepared, media_type: render(store, prepared,
                                                                        media_type, max_rows))
        self.allowed_hosts = frozenset(host.lower() for host in allowed_hosts)
        self.max_rows = max_rows
        self.page = query_page()

    def __call__(self, environ: WSGIEnvironment,
                 start_response: StartResponse) -> Iterable[bytes]:
        response = self.respond(environ)
        body = response.body.encode("utf-8")
        start_response(response.status, [
            ("Content-Type", f"{response.media_type}; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *response.headers,
        ])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def respond(self, environ: WSGIEnvironment) -> Response:
        """The response to one request."""
        host = host_name(environ.get("HTTP_HOST", ""))
        if host not in self.allowed_hosts:
            return _problem("403 Forbidden", f"the Host header names {host or 'nothing'!r}, "
                            "not this server (hormgraph serve --allow-host adds a name)")
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/":
            if method not in ("GET", "HEAD"):
                return _problem("405 Method Not Allowed", "use GET", ("Allow", "GET, HEAD"))
            return Response("200 OK", "text/html", self.page, (
                ("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; "
                 "style-src 'unsafe-inline'; connect-src 'self'"),))
        if path != ENDPOINT:
            return _problem("404 Not Found", f"nothing at {path}; the endpoint is {ENDPOINT}")
        if method not in ("GET", "POST"):
            return _problem("405 Method Not Allowed", "use GET or POST",
                            ("Allow", "GET, POST"))
        try:
            text = _query_text(environ)
        except _Refused as refused:
            return refused.response
        return self.answer(text, environ.get("HTTP_ACCEPT"))

    def answer(self, text: str, accept: str | None) -> Response:
        """Run a query and send its answer in the media type the client prefers."""
        try:
            prepared = _prepared(text)
            kind = "GRAPH" if prepared.kind in ("CONSTRUCT", "DESCRIBE") else prepared.kind
            renderers = MEDIA_TYPES[kind]
            media_type = negotiate(accept, list(renderers))
            if media_type is None:
                return _problem("406 Not Acceptable",
                                f"{prepared.kind} answers come as {', '.join(renderers)}")
            body, truncated = self.run(prepared, media_type)
        except QueryTimeout as error:
            return _problem("503 Service Unavailable", str(error), ("Retry-After", "1"))
        except QueryError as error:
            return _problem("400 Bad Request", str(error))
        headers = [("Vary", "Accept")]
        if truncated:
            headers.append(("X-SPARQL-MaxRows", str(self.max_rows)))
        return Response("200 OK", media_type, body, tuple(headers))


#: Answers a prepared query in a media type: the text, and whether rows were left out.
Runner = Callable[[PreparedQuery, str], tuple[str, bool]]


def render(store: Store, prepared: PreparedQuery, media_type: str,
           max_rows: int) -> tuple[str, bool]:
    """A query's answer in one of the media types MEDIA_TYPES offers for its kind, and whether
    it was cut at `max_rows` rows or triples."""
    answer = run_query(store, prepared, limit=max_rows)
    kind = "GRAPH" if answer.graph is not None else answer.kind
    return MEDIA_TYPES[kind][media_type](answer), answer.truncated


_PARSING = threading.Lock()


def _prepared(text: str) -> PreparedQuery:
    """A parsed query. rdflib's parser (pyparsing, with its packrat cache) is not thread-safe:
    two threads parsing at once fail at random, so one parses at a time; and parsing costs more
    than most answers on a small graph while the same queries come often, so they are cached."""
    with _PARSING:
        return _prepare_cached(text)


@lru_cache(maxsize=256)
def _prepare_cached(text: str) -> PreparedQuery:
    return prepare_query(text)


def host_name(host: str) -> str:
    """The name in a Host header, without its port, in lower case.

    >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("127.0.0.1")
    ('localhost', '::1', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class QueryTimeout(QueryError):
    """A query ran past the server's deadline and was stopped, or no worker was free for it."""


class _Refused(Exception):
    """A request the endpoint will not run, with the response that says why."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.body)
        self.response = response


def _query_text(environ: WSGIEnvironment) -> str:
    """The query of a GET or POST request, as the SPARQL 1.1 Protocol sends it."""
    parameters: dict[str, list[str]] = parse_qs(environ.get("QUERY_STRING", ""),
                                                keep_blank_values=True)
    if environ.get("REQUEST_METHOD") == "POST":
        media_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        body = _body(environ)
        if media_type == "application/x-www-form-urlencoded":
            parameters.update(parse_qs(body, keep_blank_values=True))
        elif media_type == "application/sparql-query":
            parameters["query"] = [body]
        elif media_type == "application/sparql-update":
            parameters["update"] = [body]
        else:
            raise _Refused(_problem("415 Unsupported Media Type", "send the query as "
                                    "application/sparql-query or as a query= form field"))
    if "update" in parameters:
        raise _Refused(_problem("403 Forbidden", "this endpoint is read-only: no updates"))
    if "default-graph-uri" in parameters or "named-graph-uri" in parameters:
        raise _Refused(_problem("400 Bad Request", "the graph is the whole dataset: "
                                "default-graph-uri and named-graph-uri are not supported"))
    queries = parameters.get("query", [])
    if len(queries) != 1:
        raise _Refused(_problem("400 Bad Request", "send exactly one query parameter"))
    return queries[0]


def _body(environ: WSGIEnvironment) -> str:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 <= length <= MAX_BODY:
        raise _Refused(_problem("413 Content Too Large",
                                f"a request body holds at most {MAX_BODY} bytes"))
    try:
        return str(environ["wsgi.input"].read(length).decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _Refused(_problem("400 Bad Request", "the request body is not UTF-8")) from error


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


# Query workers


def _die_with_parent() -> None:
    """Have Linux kill this process when the server's dies, even in the middle of a query
    (prctl PR_SET_PDEATHSIG); elsewhere a worker ends when its pipe closes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the server died before prctl took effect
        os._exit(0)


class QueryPool:
    """Worker processes holding the store (inherited by fork), each answering one query at a
    time; a worker whose query outlives the deadline is killed, which ends the query and frees
    its memory at once, and a fresh one takes its place."""

    def __init__(self, store: Store, workers: int, timeout: float, max_rows: int,
                 inherited: Sequence[socket.socket] = ()) -> None:
        self.store = store
        self.inherited = tuple(inherited)
        self.timeout = timeout
        self.max_rows = max_rows
        self.context = multiprocessing.get_context("fork")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.lock = threading.Lock()
        for _ in range(max(1, workers)):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        # A worker closes its copies of the server's socket and of the other workers' pipes:
        # else a worker would keep the port, or another worker's pipe, open after the server.
        with self.lock:
            closing = [*self.inherited, *(worker.connection for worker in self.workers), ours]
        process = self.context.Process(target=_work,
                                       args=(theirs, self.store, self.max_rows, closing),
                                       daemon=True)
        # No thread may be inside rdflib's parser (whose packrat cache has a lock) while we
        # fork: the copy of a lock held at that moment would stay held in the new worker.
        with _PARSING:
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self.lock:
            self.workers.add(worker)
        return worker

    def run(self, prepared: PreparedQuery, media_type: str) -> tuple[str, bool]:
        """The answer to a query as `render` gives it, or QueryTimeout when it outlived the
        deadline (or waited that long for a free worker)."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {self.timeout:g} s; try "
                               "again") from None
        try:
            worker.connection.send((prepared.text, media_type))
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was "
                                   "stopped (hormgraph serve --timeout)")
            status, payload = worker.connection.recv()
        except (QueryTimeout, EOFError, OSError) as error:
            self._replace(worker)
            if isinstance(error, QueryTimeout):
                raise
            raise QueryError("the query's worker ended without an answer") from None
        self.idle.put(worker)
        if status == "error":
            raise QueryError(payload)
        rendered: tuple[str, bool] = payload
        return rendered

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self.lock:
            self.workers.discard(worker)
        self.idle.put(self._start())

    def close(self) -> None:
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            worker.process.kill()
            worker.process.join(5)
            worker.connection.close()


@dataclass(frozen=True, eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection


def _work(connection: Connection, store: Store, max_rows: int,
          closing: Sequence[socket.socket | Connection]) -> None:
    """A worker's loop: answer each query that comes, as ("ok", (text, cut)) or ("error",
    message); rendering here, not in the server, spreads that work over the workers too."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    for inherited in closing:
        inherited.close()
    while True:
        try:
            text, media_type = connection.recv()
        except (EOFError, OSError):
            return
        try:
            result: tuple[str, Any] = (
                "ok", render(store, _prepare_cached(text), media_type, max_rows))
        except QueryError as error:
            result = ("error", str(error))
        connection.send(result)


def query_page() -> str:
    """The query page: a form, the bundled queries to start from, results as a table; no
    external scripts, styles or fonts, so it works offline."""
    bundled = {name: {"question": q.question, "text": q.text}
               for name, q in bundled_queries().items()}
    return PAGE.substitute(
        endpoint=ENDPOINT.lstrip("/"),
        prefixes=escape(", ".join(f"{name}:" for name in PREFIX_IRIS)),
        bundled=_script_json(bundled),
        namespaces=_script_json(PREFIX_IRIS),
    )


def _script_json(value: object) -> str:
    # Escaping "<" keeps the data from closing its <script> element.
    return json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hormgraph SPARQL</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; color: #222; max-width: 75rem; margin: 1.5rem auto;
       padding: 0 1rem; }
textarea { width: 100%; height: 18rem; box-sizing: border-box; font: 13px/1.4 ui-monospace,
           monospace; }
select { max-width: 100%; }
table { border-collapse: collapse; margin-top: 1rem; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
pre { background: #f7f7f7; padding: .6rem; overflow: auto; }
.error { color: #a00; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>hormgraph SPARQL</h1>
<p>Ask the graph in SPARQL 1.1 (read-only). These prefixes are predeclared: $prefixes.
Other tools can send queries to <code>/$endpoint</code> (SPARQL 1.1 Protocol).
A bundled query's <code># bind:</code> lines are for <code>hormgraph query --bind</code>; here,
bind a value with VALUES inside WHERE, e.g. <code>VALUES ?hormone { hormone:cortisol }</code>.</p>
<form id="form">
<p><select id="examples"><option value="">Start from a bundled query…</option></select></p>
<textarea id="query" spellcheck="false">SELECT ?term ?label
WHERE { ?term a hgo:GlossaryTerm ; skos:prefLabel ?label }
ORDER BY ?label</textarea>
<p><button type="submit">Run</button> <span id="status"></span></p>
</form>
<div id="results"></div>
<script id="bundled" type="application/json">$bundled</script>
<script id="namespaces" type="application/json">$namespaces</script>
<script>
"use strict";
const bundled = JSON.parse(document.getElementById("bundled").textContent);
const namespaces = Object.entries(JSON.parse(document.getElementById("namespaces").textContent))
  .sort((a, b) => b[1].length - a[1].length);
const query = document.getElementById("query");
const examples = document.getElementById("examples");
const status = document.getElementById("status");
const results = document.getElementById("results");

for (const [name, item] of Object.entries(bundled)) {
  examples.append(new Option(name + ": " + item.question, name));
}
examples.addEventListener("change", () => {
  if (examples.value) query.value = bundled[examples.value].text;
});

function element(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function shown(term) {
  if (!term) return "";
  if (term.type === "uri") {
    for (const [prefix, namespace] of namespaces) {
      if (term.value.startsWith(namespace) && term.value.length > namespace.length) {
        return prefix + ":" + term.value.slice(namespace.length);
      }
    }
    return "<" + term.value + ">";
  }
  return term.type === "bnode" ? "_:" + term.value : term.value;
}

function table(data) {
  const head = element("tr");
  for (const name of data.head.vars) head.append(element("th", name));
  const rows = data.results.bindings.map((binding) => {
    const row = element("tr");
    for (const name of data.head.vars) {
      const cell = element("td", shown(binding[name]));
      if (binding[name]) cell.title = binding[name].value;
      row.append(cell);
    }
    return row;
  });
  const node = element("table");
  node.append(head, ...rows);
  return [node, rows.length + (rows.length === 1 ? " row" : " rows")];
}

document.getElementById("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  results.replaceChildren();
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("$endpoint", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: query.value,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text);
    let summary;
    if ((response.headers.get("Content-Type") || "").startsWith("text/turtle")) {
      results.append(element("pre", text));
      summary = "a graph";
    } else {
      const data = JSON.parse(text);
      if ("boolean" in data) {
        results.append(element("p", String(data.boolean)));
        summary = "an answer";
      } else {
        const [node, rows] = table(data);
        results.append(node);
        summary = rows;
      }
    }
    status.textContent = summary + " in " + Math.round(performance.now() - started) + " ms";
  } catch (error) {
    status.textContent = "";
    const message = element("p", error.message);
    message.className = "error";
    results.append(message);
  }
});
</script>
</body>
</html>
""")

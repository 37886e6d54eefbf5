"""A read-only SPARQL 1.1 Protocol endpoint over the graph, with a query page that works offline.

The endpoint is a plain WSGI application (PEP 3333), so any WSGI server can host it; `make_server`
runs it on the standard library's wsgiref server, which is enough for one local user and keeps
hormgraph free of further dependencies.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from string import Template
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as wsgi_server

from rdflib import Graph

from hormgraph.errors import HormgraphError, QueryError
from hormgraph.export.rdf import to_ntriples, to_rdfxml, to_turtle
from hormgraph.query import (
    PREFIX_IRIS,
    Answer,
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
    "GRAPH": {
        "text/turtle": _graph_as(to_turtle),
        "application/n-triples": _graph_as(to_ntriples),
        "application/rdf+xml": _graph_as(to_rdfxml),
    },
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
    """The WSGI application: the query page at /, the read-only SPARQL endpoint at /sparql."""

    def __init__(self, store: Store) -> None:
        self.store = store
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
            prepared = prepare_query(text)
            kind = "GRAPH" if prepared.kind in ("CONSTRUCT", "DESCRIBE") else prepared.kind
            renderers = MEDIA_TYPES[kind]
            media_type = negotiate(accept, list(renderers))
            if media_type is None:
                return _problem("406 Not Acceptable",
                                f"{prepared.kind} answers come as {', '.join(renderers)}")
            answer = run_query(self.store, prepared)
        except QueryError as error:
            return _problem("400 Bad Request", str(error))
        return Response("200 OK", media_type, renderers[media_type](answer),
                        (("Vary", "Accept"),))


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
    """Requests go to the `hormgraph.serve` logger rather than straight to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        LOG.info("%s %s", self.address_string(), format % args)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8000) -> WSGIServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() to run it."""
    if not 0 <= port <= 65535:
        raise HormgraphError(f"{host}:{port}: not a port (ports run from 1 to 65535)")
    try:
        return wsgi_server(host, port, Endpoint(store), handler_class=_LoggingHandler)
    except OSError as error:
        raise HormgraphError(f"{host}:{port}: cannot listen ({error.strerror or error})") from error


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

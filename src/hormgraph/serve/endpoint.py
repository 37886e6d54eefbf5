"""The read-only SPARQL 1.1 Protocol endpoint as a WSGI application (PEP 3333): requests,
content negotiation, the Host allow-list and the answers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from rdflib import Graph

from hormgraph.errors import QueryError
from hormgraph.export.formats import SYNTAXES
from hormgraph.query import (
    Answer,
    PreparedQuery,
    Store,
    prepare_query,
    run_query,
    to_csv,
    to_sparql_json,
    to_sparql_xml,
    to_tsv,
)
from hormgraph.serve.page import ENDPOINT, query_page

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

MAX_BODY = 1 << 20
#: The Host names answered by default: this machine's, under which no other site can be.
LOOPBACK = ("localhost", "127.0.0.1", "::1")
TIMEOUT = 30.0
MAX_ROWS = 10_000

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


PARSING = threading.Lock()


def _prepared(text: str) -> PreparedQuery:
    """A parsed query. rdflib's parser (pyparsing, with its packrat cache) is not thread-safe:
    two threads parsing at once fail at random, so one parses at a time; and parsing costs more
    than most answers on a small graph while the same queries come often, so they are cached."""
    with PARSING:
        return prepare_cached(text)


@lru_cache(maxsize=256)
def prepare_cached(text: str) -> PreparedQuery:
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

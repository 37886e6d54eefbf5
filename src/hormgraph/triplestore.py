"""Remote triple stores: push a graph by the SPARQL 1.1 Graph Store Protocol, query an endpoint.

Only the standard library's urllib talks to the store. A push that fits in one request is a
single PUT, which the store applies at once. A larger one goes, chunk by chunk, into a temporary
named graph, which one SPARQL Update `MOVE` then puts in the place of the target graph; a push
that fails before the MOVE deletes its temporary graph and leaves the target as it was.
Virtuoso cannot MOVE a large graph in one transaction with its default settings; see `_swap`.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPException
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from hormgraph.errors import AuthenticationError, QueryError, StoreError
from hormgraph.graphfile import MAX_GRAPH_BYTES, read_graph_file
from hormgraph.query import PREFIX_IRIS, Answer, PreparedQuery, Row, check_bindings

DEFAULT_GRAPH_IRI = "https://w3id.org/hormgraph/graph"
CHUNK_TRIPLES = 50_000
#: Rows at which stores cut results by default without saying so in the body.
KNOWN_CAPS = {"virtuoso": 10_000}
NTRIPLES = "application/n-triples"
RESULTS_JSON = "application/sparql-results+json"
_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.I | re.M)
_USED = re.compile(r"(?<![\w.:?$-])([A-Za-z][\w.-]*)?:")
_BASIC = re.compile(r"(?:^|,)\s*Basic\b", re.I)
_BNODE = re.compile(r"(?:^|\s)_:")
#: What may hide a "{" or a "WHERE" that is not the clause's: comments, strings, IRIs.
_TOKEN = re.compile(r"""
    \#[^\n]*                                     # a comment
  | "{3}(?:[^\\]|\\.)*?"{3} | '{3}(?:[^\\]|\\.)*?'{3}  # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'     # strings
  | <[^<>"{}|^`\\\s]*>                          # an IRI
  | (?<![?$\w])WHERE\b | \{
""", re.I | re.X)
_CONSTRUCT = re.compile(r"(?:\s|#[^\n]*|(?:PREFIX|BASE)\s[^<]*<[^>]*>)*CONSTRUCT\b", re.I)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Credentials:
    """A user name and password; the password never shows in a repr or a message."""

    user: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class StoreEndpoints:
    """Where a store takes graphs (Graph Store Protocol), queries and updates."""

    graph_store: str
    query: str
    update: str


def _replace_path(url: str, path: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def endpoints_for(graph_store: str, query: str | None = None,
                  update: str | None = None) -> StoreEndpoints:
    """The query and update endpoints that go with a Graph Store URL, as each store lays them
    out, unless given: Oxigraph `/store` → `/query`, `/update`; Virtuoso `/sparql-graph-crud-auth`
    → `/sparql`, `/sparql-auth`; Fuseki `/DATASET/data` → `/DATASET/query`, `/DATASET/update`;
    GraphDB `/repositories/R/rdf-graphs/service` → `/repositories/R`, `.../statements`.

    >>> endpoints_for("http://127.0.0.1:7878/store").query
    'http://127.0.0.1:7878/query'
    """
    check_url(graph_store)
    path = urllib.parse.urlsplit(graph_store).path.rstrip("/")
    layouts: list[tuple[str, str, str]] = [
        (r"(.*)/store", r"\1/query", r"\1/update"),  # Oxigraph
        (r"(.*)/sparql-graph-crud-auth", r"\1/sparql", r"\1/sparql-auth"),  # Virtuoso
        (r"(.*)/sparql-graph-crud", r"\1/sparql", r"\1/sparql"),  # Virtuoso, no auth
        (r"(.*/repositories/[^/]+)/rdf-graphs/service", r"\1", r"\1/statements"),  # GraphDB
        (r"(.*)/(?:data|get)", r"\1/query", r"\1/update"),  # Fuseki
    ]
    for pattern, query_path, update_path in layouts:
        matched = re.fullmatch(pattern, path)
        if matched:
            query = query or _replace_path(graph_store, matched.expand(query_path))
            update = update or _replace_path(graph_store, matched.expand(update_path))
            break
    if query is None or update is None:
        raise StoreError(f"{graph_store}: cannot tell this store's query and update endpoints "
                         "from its Graph Store URL; give --query-endpoint and --update-endpoint")
    check_url(query)
    check_url(update)
    return StoreEndpoints(graph_store, query, update)


def check_url(url: str) -> None:
    """Refuse a URL that is not http(s) or that carries a user name or password (they would
    show in messages and process lists: use --user and --password-env)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{_safe(url)}: not an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise StoreError(f"{_safe(url)}: put the user name and password in --user and "
                         "--password-env, not in the URL")


def _safe(url: str) -> str:
    """A URL with any user information removed, for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


# HTTP


@dataclass(frozen=True)
class Reply:
    """A store's HTTP answer."""

    status: int
    headers: Message
    body: bytes


class Client:
    """HTTP requests to a store, with Basic or Digest authentication (whichever the store asks
    for), a timeout, and retries with exponential backoff on 5xx answers and connection errors."""

    def __init__(self, credentials: Credentials | None = None, *, timeout: float = 60.0,
                 attempts: int = 5, backoff: float = 0.5,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.credentials = credentials
        self.timeout = timeout
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
        self.requests = 0
        self.passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self.digest = _DigestHandler(self.passwords)
        self.basic = _BasicHandler(self.passwords)
        self.opener = urllib.request.build_opener(
            *((self.digest, self.basic) if credentials is not None else ()))

    def send(self, method: str, url: str, body: bytes | None = None,
             headers: Mapping[str, str] | None = None, *, also: tuple[int, ...] = ()) -> Reply:
        """One request, retried on transient failures; a 4xx (but those in `also`) or a last
        failure raises. A chunk POSTed again after a lost answer does no harm: a graph is a
        set of triples."""
        if self.credentials is not None:
            self.passwords.add_password(None, url, self.credentials.user,
                                        self.credentials.password)
        for attempt in range(1, self.attempts + 1):
            request = urllib.request.Request(url, data=body, method=method,
                                             headers=dict(headers or {}))
            if self.credentials is not None:
                self.digest.authorize(request)
                self.basic.authorize(request, self.credentials)
            self.requests += 1
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return Reply(response.status, response.headers, response.read())
            except urllib.error.HTTPError as error:
                reply = Reply(error.code, error.headers, _read(error))
                if error.code in also:
                    return reply
                if error.code in (401, 403):
                    raise AuthenticationError(self._refused(url, error.code)) from None
                if error.code < 500 or error.code == 501 or attempt == self.attempts:
                    raise StoreError(f"{_safe(url)}: {method} failed with HTTP {error.code}"
                                     f"{_gist(reply.body)}") from None
            except (urllib.error.URLError, HTTPException, OSError) as error:
                if attempt == self.attempts:
                    reason = getattr(error, "reason", error)
                    raise StoreError(f"{_safe(url)}: cannot reach the store ({reason})") from None
            self.sleep(self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _refused(self, url: str, code: int) -> str:
        where = _safe(url).split("?")[0]
        if self.credentials is None:
            return (f"{where}: the store wants a user name and password (HTTP {code}); "
                    "give --user and --password-env")
        return f"{where}: the store refused the user name or password (HTTP {code})"


class _DigestHandler(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that gives up after one refused answer (urllib's own tries five
    times), and that, once challenged, authorises later requests up front: a store that answers
    an unauthorised upload with 401 may close the connection while the body is still being sent
    (Virtuoso does, on a chunk of 50,000 triples)."""

    challenge: dict[str, str] | None = None

    def http_error_401(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                       headers: Message) -> object:
        if req.get_header("Authorization"):
            self.challenge = None  # perhaps a stale nonce: the next request starts afresh
            return None
        return super().http_error_401(req, fp, code, msg, headers)  # type: ignore[arg-type]

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str) -> object:
        _, challenge = auth.split(" ", 1)
        self.challenge = urllib.request.parse_keqv_list(
            [item for item in urllib.request.parse_http_list(challenge) if item])
        return super().retry_http_digest_auth(req, auth)

    def authorize(self, req: urllib.request.Request) -> None:
        if self.challenge is not None:
            value = self.get_authorization(req, self.challenge)
            if value:
                req.add_unredirected_header("Authorization", f"Digest {value}")


class _BasicHandler(urllib.request.HTTPBasicAuthHandler):
    """Basic authentication, sent once it is asked for, and from then on up front (never before:
    Basic shows the password to whoever listens); a Digest challenge is left to _DigestHandler
    (urllib's Basic handler raises ValueError on it)."""

    asked = False

    def http_error_401(self, req: urllib.request.Request, fp: object, code: int, msg: str,
                       headers: Message) -> object:
        # Set before retrying: the retried request's own answer may be an error (a 404).
        challenges = ", ".join(headers.get_all("WWW-Authenticate") or [])
        self.asked = self.asked or bool(_BASIC.search(challenges))
        try:
            return super().http_error_401(req, fp, code, msg, headers)  # type: ignore[arg-type]
        except ValueError:
            return None

    def authorize(self, req: urllib.request.Request, credentials: Credentials) -> None:
        if self.asked:
            token = f"{credentials.user}:{credentials.password}".encode()
            req.add_unredirected_header("Authorization",
                                        f"Basic {base64.b64encode(token).decode('ascii')}")


def _read(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except (OSError, HTTPException):
        return b""


def _gist(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return f" ({text[:159]}…)" if len(text) > 160 else f" ({text})" if text else ""


# Push


@dataclass(frozen=True)
class PushPlan:
    """How a graph goes to the store: its N-Triples chunks, and whether a temporary graph is
    needed (more than one chunk)."""

    target: str
    chunks: tuple[tuple[str, ...], ...]

    @property
    def triples(self) -> int:
        return sum(len(chunk) for chunk in self.chunks)

    @property
    def staged(self) -> bool:
        return len(self.chunks) > 1


def ntriples_lines(graph: Graph) -> list[str]:
    """The graph's triples as N-Triples lines, sorted (so repeated pushes send the same
    chunks)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted({line for line in text.splitlines() if line.strip()})


def read_ntriples(path: Path, max_bytes: int = MAX_GRAPH_BYTES) -> list[str]:
    """The triples of an RDF file as sorted N-Triples lines, read as safely as every other
    graph file (`hormgraph.graphfile`) and parsed by pyoxigraph (many times faster than
    rdflib on large graphs)."""
    import pyoxigraph as ox

    file = read_graph_file(path, max_bytes)
    try:
        return sorted({f"{quad.triple} ." for quad in ox.parse(
            file.data, format=getattr(ox.RdfFormat, file.syntax.oxigraph),
            base_iri=file.base)})
    except SyntaxError as error:
        raise file.invalid(str(error).splitlines()[0]) from error


def plan_push(lines: Sequence[str], target: str = DEFAULT_GRAPH_IRI,
              chunk_size: int = CHUNK_TRIPLES) -> PushPlan:
    """Chunks of at most `chunk_size` triples. A blank node's label is local to one document, so
    every triple with a blank node goes in the last chunk, whatever its size.

    >>> plan_push(["<a> <b> <c> .", "<a> <b> _:x .", "<a> <b> <d> ."], "urn:g", 1).chunks
    (('<a> <b> <c> .',), ('<a> <b> <d> .',), ('<a> <b> _:x .',))
    """
    if chunk_size < 1:
        raise StoreError(f"chunk size {chunk_size}: must be at least 1 triple")
    plain = [line for line in lines if not _BNODE.search(line)]
    blank = tuple(line for line in lines if _BNODE.search(line))
    chunks = [tuple(plain[i:i + chunk_size]) for i in range(0, len(plain), chunk_size)]
    if blank:
        chunks.append(blank)
    return PushPlan(target, tuple(chunks) or ((),))


def _graph_url(graph_store: str, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(graph_store).query else "?"
    return f"{graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _ntriples(chunk: Iterable[str]) -> bytes:
    return "".join(line + "\n" for line in chunk).encode("utf-8")


@dataclass(frozen=True)
class PushReport:
    """What a push did: the triples sent, the requests it took, the count the store reports."""

    triples: int
    requests: int
    stored: int
    seconds: float


def push(plan: PushPlan, endpoints: StoreEndpoints, client: Client,
         progress: Progress | None = None) -> PushReport:
    """Replace the named graph `plan.target` in the store with the plan's triples, then check by
    SPARQL that the store holds as many; a mismatch raises a StoreError."""
    started = time.perf_counter()
    staging = f"urn:uuid:{uuid.uuid4()}" if plan.staged else plan.target
    # A cheap authenticated request first (the graph staging names does not exist yet, or is
    # the target): a wrong password fails before any data goes out.
    probe = client.send("GET", _graph_url(endpoints.graph_store, f"urn:uuid:{uuid.uuid4()}"),
                        None, {"Accept": NTRIPLES}, also=(404,))
    done = 0
    try:
        for index, chunk in enumerate(plan.chunks):
            client.send("PUT" if index == 0 else "POST",
                        _graph_url(endpoints.graph_store, staging), _ntriples(chunk),
                        {"Content-Type": NTRIPLES})
            done += len(chunk)
            if progress is not None:
                progress(done, plan.triples)
        if plan.staged:
            steps = _swap(probe, staging, plan.target)
            for step, text in enumerate(steps):
                try:
                    update(endpoints.update, text, client)
                except StoreError as error:
                    if step == len(steps) - 1:  # the target is whole (or untouched)
                        raise
                    raise StoreError(f"{error}; <{plan.target}> may now hold part of the "
                                     "graph: push again") from None
    except StoreError:
        if plan.staged:
            _drop_quietly(endpoints, staging, client)
        raise
    stored = count_triples(endpoints.query, plan.target, client)
    if stored != plan.triples:
        raise StoreError(f"{_safe(endpoints.query)}: the store holds {stored} triples in "
                         f"<{plan.target}>, but {plan.triples} were pushed")
    return PushReport(plan.triples, client.requests, stored, time.perf_counter() - started)


def _swap(probe: Reply, staging: str, target: str) -> list[str]:
    """The SPARQL Updates that put the temporary graph in the target's place: one MOVE, which
    stores apply as one transaction, so the target is either the old graph or the new one.

    Virtuoso logs every row a transaction changes and, with its default settings, aborts one
    whose log passes TransactionAfterImageLimit (50 MB: SR325), as a MOVE of a million triples
    onto a graph that holds as many does (750,000 still pass). There, `DEFINE sql:log-enable 3`
    commits row by row (still logged, so durable) in three steps, each safe to retry: CLEAR
    the target, ADD the temporary graph to it, DROP the temporary graph. Virtuoso thus cannot
    keep the target whole while it is replaced: from the CLEAR until the ADD ends (about 45 s for a
    million triples) readers see part of the new graph, and a failure then leaves part of it,
    which the error says. (`log-enable 0`, one unlogged transaction, keeps it whole but held
    locks for over 20 minutes on a million triples with the default buffers.)
    """
    server = (probe.headers.get("Server") or "").lower()
    if "virtuoso" not in server:
        return [f"MOVE GRAPH <{staging}> TO <{target}>"]
    return [f"DEFINE sql:log-enable 3\n{step}" for step in (
        f"CLEAR SILENT GRAPH <{target}>", f"ADD SILENT GRAPH <{staging}> TO <{target}>",
        f"DROP SILENT GRAPH <{staging}>")]


def _drop_quietly(endpoints: StoreEndpoints, graph: str, client: Client) -> None:
    # The push's own error says what went wrong; a leftover urn:uuid graph is harmless.
    with contextlib.suppress(StoreError):
        client.send("DELETE", _graph_url(endpoints.graph_store, graph))


def update(url: str, text: str, client: Client) -> None:
    """Run a SPARQL Update at the store's update endpoint."""
    client.send("POST", url, text.encode("utf-8"),
                {"Content-Type": "application/sparql-update"})


def count_triples(url: str, graph: str, client: Client) -> int:
    """How many triples the store holds in a named graph, by SPARQL."""
    answer = remote_query(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                               "{ ?s ?p ?o } }", "SELECT", client).answer
    try:
        return int(str(answer.rows[0][0]))
    except (IndexError, ValueError) as error:
        raise StoreError(f"{_safe(url)}: the count query gave no number") from error


# Remote queries


@dataclass(frozen=True)
class RemoteAnswer:
    """An endpoint's answer, and why it may be incomplete (None when nothing says so)."""

    answer: Answer
    truncated: str | None = None


def with_prefixes(text: str) -> str:
    """The query with those of hormgraph's predeclared prefixes declared that it uses but does
    not declare, so that any endpoint reads it as `hormgraph query` does; a query that declares
    its prefixes goes unchanged.

    >>> with_prefixes("ASK { hgo:x ?p ?o } # skos:")
    'PREFIX hgo: <https://w3id.org/hormgraph/ontology#>\\nASK { hgo:x ?p ?o } # skos:'
    """
    code = _TOKEN.sub(lambda token: token[0] if token[0] == "{" or token[0].isalpha() else " ",
                      text)
    declared = {match[1] or "" for match in _DECLARED.finditer(code)}
    used = {match[1] or "" for match in _USED.finditer(code)}
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIX_IRIS.items()
                       if name in used - declared)
    return prologue + text


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block opening its WHERE clause, which binds the variables before
    the pattern is matched, as `hormgraph query --bind` does (a trailing VALUES would join after
    FILTERs ran, so a FILTER on a bound variable would see it unbound). The terms are written by
    rdflib; comments, strings and IRIs are skipped when looking for the clause.

    >>> with_values("SELECT ?s WHERE { ?s ?p ?o }", {"s": URIRef("urn:x")})
    'SELECT ?s WHERE { VALUES (?s) { (<urn:x>) } ?s ?p ?o }'
    """
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    where = None
    for token in _TOKEN.finditer(text):
        if token[0].upper() == "WHERE":
            where = token.end()
        elif token[0] == "{" and (where is not None or not _CONSTRUCT.match(text, 0)):
            at = token.end()
            return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"
    raise QueryError("cannot bind variables: the query has no WHERE clause")


def run_remote(url: str, query: PreparedQuery, client: Client,
               bindings: Mapping[str, Identifier] | None = None,
               graph: str | None = None) -> RemoteAnswer:
    """Answer a prepared query at a SPARQL 1.1 endpoint, as `run_query` answers it locally;
    `graph` names the named graph to query as the default graph (default-graph-uri)."""
    check_url(url)
    bindings = dict(bindings or {})
    check_bindings(query, bindings)
    return remote_query(url, with_values(with_prefixes(query.text), bindings), query.kind,
                        client, graph)


def remote_query(url: str, text: str, kind: str, client: Client,
                 graph: str | None = None) -> RemoteAnswer:
    """POST a query (SPARQL 1.1 Protocol, form-encoded) and read the answer."""
    graph_answer = kind in ("CONSTRUCT", "DESCRIBE")
    accept = "application/n-triples, text/turtle;q=0.9" if graph_answer else RESULTS_JSON
    form = {"query": text} | ({"default-graph-uri": graph} if graph else {})
    reply = client.send("POST", url, urllib.parse.urlencode(form).encode("utf-8"),
                        {"Content-Type": "application/x-www-form-urlencoded",
                         "Accept": accept})
    media_type = (reply.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if graph_answer:
        syntax = "nt" if media_type in (NTRIPLES, "text/plain") else "turtle"
        try:
            found = Graph().parse(data=reply.body.decode("utf-8"), format=syntax)
        except Exception as error:  # rdflib's parsers raise several unrelated types
            raise QueryError(f"{_safe(url)}: the store's graph did not parse ({error})") from None
        return RemoteAnswer(Answer(kind, graph=found))
    answer = parse_results_json(reply.body, url)
    return RemoteAnswer(answer, _truncation(reply, answer))


def parse_results_json(body: bytes, source: str = "the store") -> Answer:
    """SPARQL 1.1 Query Results JSON as an Answer (Virtuoso's "typed-literal" included; an
    xsd:string datatype dropped, as rdflib keeps simple literals)."""
    try:
        document = json.load(io.BytesIO(body))
        if "boolean" in document:
            return Answer("ASK", boolean=bool(document["boolean"]))
        names = tuple(str(name) for name in document["head"]["vars"])
        rows: list[Row] = [tuple(_term(binding.get(name)) for name in names)
                           for binding in document["results"]["bindings"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise QueryError(f"{_safe(source)}: not SPARQL JSON results ({error})") from None
    return Answer("SELECT", names, tuple(rows))


def _term(value: Mapping[str, str] | None) -> Node | None:
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown term type {kind!r}")
    language = value.get("xml:lang")
    datatype = value.get("datatype")
    if language:
        return Literal(text, lang=language)
    return Literal(text, datatype=None if datatype in (None, str(XSD.string)) else datatype)


def _truncation(reply: Reply, answer: Answer) -> str | None:
    """Why the rows may be cut short: Virtuoso's X-SPARQL-MaxRows header, or exactly as many
    rows as a store's known default cap."""
    cap = reply.headers.get("X-SPARQL-MaxRows")
    if cap:
        return f"the store cut the answer at {cap.strip()} rows (X-SPARQL-MaxRows)"
    server = (reply.headers.get("Server") or "").lower()
    for name, rows in KNOWN_CAPS.items():
        if name in server and len(answer.rows) == rows:
            return f"exactly {rows} rows, {name.title()}'s default cap: the answer may be cut"
    return None

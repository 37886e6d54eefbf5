"""Where a store takes graphs, queries and updates, and the HTTP client that talks to it:
Basic or Digest authentication, timeouts, retries with backoff; standard-library urllib only."""

from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPException

from hormgraph.errors import AuthenticationError, StoreError

NTRIPLES = "application/n-triples"
_BASIC = re.compile(r"(?:^|,)\s*Basic\b", re.I)


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
        raise StoreError(f"{safe_url(url)}: not an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise StoreError(f"{safe_url(url)}: put the user name and password in --user and "
                         "--password-env, not in the URL")


def safe_url(url: str) -> str:
    """A URL with any user information removed, for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


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
                    raise StoreError(f"{safe_url(url)}: {method} failed with HTTP {error.code}"
                                     f"{_gist(reply.body)}") from None
            except (urllib.error.URLError, HTTPException, OSError) as error:
                if attempt == self.attempts:
                    reason = getattr(error, "reason", error)
                    raise StoreError(f"{safe_url(url)}: cannot reach the store "
                                     f"({reason})") from None
            self.sleep(self.backoff * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _refused(self, url: str, code: int) -> str:
        where = safe_url(url).split("?")[0]
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

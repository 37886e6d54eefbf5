"""Pushing to and querying real triple stores: an Oxigraph server and Virtuoso, started here on
127.0.0.1 and stopped after; the protocol details against a small fake store."""

from __future__ import annotations

import base64
import http.server
import re
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from hormgraph.cli import main
from hormgraph.errors import AuthenticationError, StoreError
from hormgraph.export.rdf import to_turtle
from hormgraph.query import (
    Answer,
    bundled_queries,
    make_store,
    parse_binding,
    prepare_query,
    run_query,
)
from hormgraph.triplestore import (
    Client,
    Credentials,
    StoreEndpoints,
    count_triples,
    endpoints_for,
    ntriples_lines,
    plan_push,
    push,
    remote_query,
    run_remote,
    with_prefixes,
)

from .conftest import free_port, require_oxigraph_server, require_tool, stop, wait_for_http

BUNDLED = bundled_queries()
GRAPH = "https://w3id.org/hormgraph/graph"
PASSWORD = "dba"
#: Virtuoso's row cap in these tests: above every bundled answer on the seeds, below the graph.
VIRTUOSO_ROWS = 2000


@dataclass(frozen=True)
class Running:
    """A store a test started: its name, its endpoints and the credentials it wants."""

    name: str
    endpoints: StoreEndpoints
    credentials: Credentials | None

    def push_args(self, graph: Path, named_graph: str, *more: str) -> list[str]:
        login = ["--user", self.credentials.user, "--password-env", "HG_TEST_PASSWORD"] \
            if self.credentials else []
        return ["push", "--graph", str(graph), "--endpoint", self.endpoints.graph_store,
                "--named-graph", named_graph, *login, *more]

    def client(self) -> Client:
        return Client(self.credentials)

    def count(self, named_graph: str) -> int:
        return count_triples(self.endpoints.query, named_graph, self.client())


@pytest.fixture(scope="module")
def oxigraph_server() -> Iterator[Running]:
    port = free_port()
    process = subprocess.Popen([require_oxigraph_server(), "serve", "--bind",
                                f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/query", process)
        yield Running("oxigraph", endpoints_for(f"http://127.0.0.1:{port}/store"), None)
    finally:
        stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = {rows}
MaxQueryExecutionTime = 60
"""


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Virtuoso on a private database folder and free loopback ports; dba's password is dba."""
    binary = require_tool("virtuoso-t")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port,
                                       rows=VIRTUOSO_ROWS), encoding="utf-8")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{http_port}/sparql", process, seconds=120)
    return process, http_port


#: The settings Debian's virtuoso-opensource ships, which a user who installs it gets.
DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def start_default_virtuoso(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Virtuoso with Debian's own virtuoso.ini, only its folders and ports moved."""
    binary = require_tool("virtuoso-t")
    if not DEBIAN_INI.is_file():
        pytest.fail(f"{DEBIAN_INI} is missing (Debian's virtuoso-opensource installs it)")
    http_port, sql_port = free_port(), free_port()
    text = DEBIAN_INI.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    text = text.replace("/var/lib/virtuoso-opensource-7/vsp", str(folder))
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\b", f"ServerPort\\1= 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\b", f"ServerPort\\1= 127.0.0.1:{http_port}",
                  text)
    assert f"127.0.0.1:{sql_port}" in text and f"127.0.0.1:{http_port}" in text
    ini = folder / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_http(f"http://127.0.0.1:{http_port}/sparql", process, seconds=120)
    return process, http_port


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    process, port = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield Running("virtuoso",
                      endpoints_for(f"http://127.0.0.1:{port}/sparql-graph-crud-auth"),
                      Credentials("dba", PASSWORD))
    finally:
        stop(process)


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest) -> Running:
    running: Running = request.getfixturevalue(f"{request.param}_server")
    return running


@pytest.fixture(scope="module")
def seeds_file(seeds_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push") / "hormgraph.ttl"
    path.write_text(to_turtle(seeds_graph), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pushed(store: Running, seeds_graph: Graph) -> Running:
    """The store with the seeds' graph in GRAPH."""
    push(plan_push(ntriples_lines(seeds_graph), GRAPH), store.endpoints, store.client())
    return store


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HG_TEST_PASSWORD", PASSWORD)


# Push


@pytest.mark.system
@pytest.mark.usefixtures("password")
def test_pushing_twice_leaves_one_copy(store: Running, seeds_file: Path, seeds_graph: Graph,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    named = f"urn:hormgraph:test:{store.name}:twice"
    for _ in range(2):
        assert main(store.push_args(seeds_file, named)) == 0
        assert store.count(named) == len(seeds_graph)
    out = capsys.readouterr().out
    assert out.count(f"the store holds {len(seeds_graph)}") == 2 and "in one PUT" in out


@pytest.mark.system
@pytest.mark.usefixtures("password")
def test_a_chunked_push_replaces_the_graph_through_a_temporary_one(
        store: Running, seeds_file: Path, seeds_graph: Graph,
        capsys: pytest.CaptureFixture[str]) -> None:
    named = f"urn:hormgraph:test:{store.name}:chunked"
    client = store.client()
    client.send("PUT", f"{store.endpoints.graph_store}?graph={named}",
                b"<urn:x:old> <urn:x:p> <urn:x:o> .\n", {"Content-Type": "application/n-triples"})
    assert main(store.push_args(seeds_file, named, "--chunk", "1000")) == 0
    assert "in 6 requests through a temporary graph" in capsys.readouterr().out
    assert store.count(named) == len(seeds_graph)
    graphs = remote_query(store.endpoints.query, "SELECT DISTINCT ?g WHERE { GRAPH ?g "
                          "{ ?s ?p ?o } }", "SELECT", client).answer
    assert not [row for row in graphs.rows if str(row[0]).startswith("urn:uuid:")]
    old = remote_query(store.endpoints.query, f"ASK {{ GRAPH <{named}> {{ <urn:x:old> ?p ?o }} }}",
                       "ASK", client).answer
    assert old.boolean is False


@pytest.mark.system
@pytest.mark.usefixtures("password")
def test_a_dry_run_sends_nothing(store: Running, seeds_file: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    named = f"urn:hormgraph:test:{store.name}:dry"
    assert main(store.push_args(seeds_file, named, "--dry-run")) == 0
    assert capsys.readouterr().out.startswith("would push ")
    assert store.count(named) == 0


def write_triples(path: Path, count: int, label: str) -> None:
    """`count` triples as N-Triples, a quarter of them literals that carry `label`."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count // 4):
            term = f"<https://w3id.org/hormgraph/test/t{i}>"
            out.write(f'{term} <http://www.w3.org/2004/02/skos/core#prefLabel> "{label} {i}"@en .\n'
                      f"{term} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                      "<http://www.w3.org/2004/02/skos/core#Concept> .\n"
                      f"{term} <http://www.w3.org/2004/02/skos/core#related> "
                      f"<https://w3id.org/hormgraph/test/t{i * 7919 % (count // 4)}> .\n"
                      f'{term} <http://www.w3.org/2004/02/skos/core#definition> "{label}: the '
                      f'definition of term {i}, about as long as a real one."@en .\n')


#: Triples in the large push: the MOVE of a million onto as many failed (SR325); 750,000 did not.
LARGE = 1_000_000


@pytest.mark.system
def test_a_million_triples_replace_a_million_in_virtuoso_with_its_default_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    process, port = start_default_virtuoso(tmp_path)
    try:
        running = Running("virtuoso",
                          endpoints_for(f"http://127.0.0.1:{port}/sparql-graph-crud-auth"),
                          Credentials("dba", PASSWORD))
        monkeypatch.setenv("HG_TEST_PASSWORD", PASSWORD)
        named = "urn:hormgraph:test:virtuoso:large"
        for label in ("first", "second"):
            graph = tmp_path / f"{label}.nt"
            write_triples(graph, LARGE, label)
            assert main(running.push_args(graph, named, "--timeout", "600")) == 0, \
                capsys.readouterr().err
            assert f"the store holds {LARGE}" in capsys.readouterr().out
        client = running.client()
        first = remote_query(running.endpoints.query, f'ASK {{ GRAPH <{named}> {{ ?s ?p '
                             '"first 7"@en } }', "ASK", client).answer
        assert first.boolean is False
        graphs = remote_query(running.endpoints.query, "SELECT DISTINCT ?g WHERE { GRAPH ?g "
                              "{ ?s ?p ?o } }", "SELECT", client).answer
        assert not [row for row in graphs.rows if str(row[0]).startswith("urn:uuid:")]
    finally:
        stop(process)


def test_a_dry_run_needs_no_store(seeds_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"http://127.0.0.1:{free_port()}/store"
    assert main(["push", "--graph", str(seeds_file), "--endpoint", closed, "--dry-run"]) == 0
    assert f"to <{GRAPH}> at {closed} in one PUT" in capsys.readouterr().out


@pytest.mark.system
def test_a_wrong_password_is_one_line_exit_1_and_no_graph(
        virtuoso_server: Running, seeds_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    secret = "not-the-password-7f3a"
    monkeypatch.setenv("HG_TEST_PASSWORD", secret)
    named = "urn:hormgraph:test:virtuoso:refused"
    for chunk in ("50000", "1000"):
        assert main(virtuoso_server.push_args(seeds_file, named, "--chunk", chunk)) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1 and secret not in captured.err
        assert "refused the user name or password" in captured.err
    assert virtuoso_server.count(named) == 0


@pytest.mark.system
def test_no_password_says_how_to_give_one(virtuoso_server: Running, seeds_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    args = ["push", "--graph", str(seeds_file), "--endpoint",
            virtuoso_server.endpoints.graph_store]
    assert main(args) == 1
    assert "give --user and --password-env" in capsys.readouterr().err


def test_a_missing_password_variable_is_a_usage_error(
        seeds_file: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HG_NO_SUCH_VARIABLE", raising=False)
    assert main(["push", "--graph", str(seeds_file), "--endpoint", "http://127.0.0.1:1/store",
                 "--user", "u", "--password-env", "HG_NO_SUCH_VARIABLE"]) == 2
    assert "HG_NO_SUCH_VARIABLE: no such environment variable" in capsys.readouterr().err


def test_a_password_in_the_url_is_refused_and_never_shown(
        seeds_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", "--graph", str(seeds_file), "--endpoint",
                 "http://dba:s3cret-in-url@127.0.0.1:1/store"]) == 1
    err = capsys.readouterr().err
    assert "s3cret-in-url" not in err and "--password-env" in err


def test_credentials_never_show_in_a_repr() -> None:
    assert "hunter2" not in repr(Credentials("dba", "hunter2"))


def test_endpoints_follow_each_stores_layout() -> None:
    assert endpoints_for("http://h:8890/sparql-graph-crud-auth") == StoreEndpoints(
        "http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql", "http://h:8890/sparql-auth")
    assert endpoints_for("http://h:3030/ds/data").update == "http://h:3030/ds/update"
    assert endpoints_for("http://h:7200/repositories/r/rdf-graphs/service").query == \
        "http://h:7200/repositories/r"
    with pytest.raises(StoreError, match="--query-endpoint"):
        endpoints_for("http://h/elsewhere")
    assert endpoints_for("http://h/elsewhere", "http://h/q", "http://h/u").query == "http://h/q"


def test_blank_nodes_travel_in_one_document() -> None:
    lines = [f"<urn:s{i}> <urn:p> <urn:o> ." for i in range(5)] + ["_:b <urn:p> _:c .",
                                                                   "<urn:s> <urn:p> _:b ."]
    plan = plan_push(lines, "urn:g", 2)
    assert [len(chunk) for chunk in plan.chunks] == [2, 2, 1, 2]
    assert all("_:" in line for line in plan.chunks[-1]) and plan.staged


# The protocol against a fake store on 127.0.0.1


class FakeStore(http.server.BaseHTTPRequestHandler):
    """Answers as scripted: `script` maps a method to the statuses it returns in turn (then
    201/200); every request is recorded."""

    script: dict[str, list[int]]
    seen: list[tuple[str, str]]
    updates: list[str]

    #: The Authorization header a request must carry, if any (Basic authentication).
    basic: str | None = None
    #: What an answer of 500 or more says.
    error_body: bytes = b""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.seen.append((self.command, self.path))
        if self.path == "/update":
            self.updates.append(body.decode("utf-8"))
        if self.basic is not None and self.headers.get("Authorization") != self.basic:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.seen.append(("401", self.path))
            return
        statuses = self.script.get(self.command, [])
        status = statuses.pop(0) if statuses else (404 if self.command == "GET" else 200)
        reply = self.error_body if status >= 500 else b""
        if self.command == "POST" and self.path == "/query" and status == 200:
            count = sum(1 for line in body.split(b"\n") if line.strip())
            reply = (b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal",'
                     b'"datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"%d"}}]}}'
                     % (count and 3))
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_PUT = do_POST = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[tuple[str, type[FakeStore]]]:
    handler = type("Handler", (FakeStore,), {"script": {}, "seen": [], "updates": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler
    server.shutdown()
    server.server_close()
    thread.join()


THREE = ["<urn:a> <urn:p> <urn:x> .", "<urn:b> <urn:p> <urn:x> .", "<urn:c> <urn:p> <urn:x> ."]


def test_transient_failures_are_retried_with_backoff(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.script["PUT"] = [503, 502]
    waits: list[float] = []
    client = Client(sleep=waits.append)
    report = push(plan_push(THREE, "urn:g"), endpoints_for(f"{url}/store"), client)
    assert report.stored == 3 and waits == [0.5, 1.0]
    assert [method for method, _ in handler.seen].count("PUT") == 3


def test_the_count_check_waits_while_the_store_is_busy_settling(
        fake: tuple[str, type[FakeStore]]) -> None:
    """Virtuoso answers a transaction timeout (SR171) for a while after a large push; the count
    check asks again, patiently, and any other failure is not waited for."""
    url, handler = fake
    handler.error_body = b"Virtuoso S1T00 Error SR171: Transaction timed out"
    handler.script["POST"] = [500] * 5  # the count query, each of the client's five attempts
    waits: list[float] = []
    report = push(plan_push(THREE, "urn:g"), endpoints_for(f"{url}/store"),
                  Client(sleep=waits.append))
    assert report.stored == 3 and waits == [0.5, 1.0, 2.0, 4.0, 2.0]
    handler.error_body, handler.script["POST"] = b"out of memory", [500] * 5
    with pytest.raises(StoreError, match="HTTP 500"):
        push(plan_push(THREE, "urn:g"), endpoints_for(f"{url}/store"), Client(sleep=waits.append))


def test_a_push_that_fails_half_way_drops_its_temporary_graph(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.script["POST"] = [400]
    with pytest.raises(StoreError, match="HTTP 400"):
        push(plan_push(THREE, "urn:g", 1), endpoints_for(f"{url}/store"),
             Client(sleep=lambda _: None))
    methods = [(method, path) for method, path in handler.seen]
    staging = methods[1][1]
    assert methods[1][0] == "PUT" and "urn%3Auuid%3A" in staging
    assert methods[-1] == ("DELETE", staging)
    assert not any("urn%3Ag" in path and method != "GET" for method, path in methods)


def test_other_stores_swap_in_the_temporary_graph_by_one_move(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    push(plan_push(THREE, "urn:g", 1), endpoints_for(f"{url}/store"), Client())
    assert len(handler.updates) == 1 and handler.updates[0].startswith("MOVE GRAPH <urn:uuid:")


def test_virtuoso_swaps_in_the_temporary_graph_row_by_row(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.server_version, handler.sys_version = "Virtuoso/07.20.3229", "(Linux)"
    push(plan_push(THREE, "urn:g", 1), endpoints_for(f"{url}/store"), Client())
    assert [text.split("\n") for text in handler.updates] == [
        ["DEFINE sql:log-enable 3", "CLEAR SILENT GRAPH <urn:g>"],
        ["DEFINE sql:log-enable 3", handler.updates[1].split("\n")[1]],
        ["DEFINE sql:log-enable 3", handler.updates[2].split("\n")[1]]]
    staging = handler.updates[2].split("<")[1].split(">")[0]
    assert staging.startswith("urn:uuid:")
    assert handler.updates[1].endswith(f"ADD SILENT GRAPH <{staging}> TO <urn:g>")


def test_a_virtuoso_swap_that_fails_says_the_target_may_be_partial(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.server_version, handler.sys_version = "Virtuoso/07.20.3229", "(Linux)"
    handler.script["POST"] = [201, 201, 200, 400]  # the last two chunks, the CLEAR; the ADD fails
    with pytest.raises(StoreError, match=r"HTTP 400.*<urn:g> may now hold part of the graph"):
        push(plan_push(THREE, "urn:g", 1), endpoints_for(f"{url}/store"),
             Client(sleep=lambda _: None))
    assert handler.seen[-1][0] == "DELETE"  # the temporary graph


def test_basic_authentication_is_sent_up_front_once_asked_for(
        fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.basic = "Basic " + base64.b64encode(b"admin:pw").decode()
    report = push(plan_push(THREE, "urn:g", 1), endpoints_for(f"{url}/store"),
                  Client(Credentials("admin", "pw"), sleep=lambda _: None))
    assert report.stored == 3
    assert [method for method, _ in handler.seen].count("401") == 1  # only the first request


def test_a_wrong_basic_password_is_refused_once(fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.basic = "Basic " + base64.b64encode(b"admin:pw").decode()
    with pytest.raises(AuthenticationError, match="refused the user name or password") as error:
        push(plan_push(THREE, "urn:g"), endpoints_for(f"{url}/store"),
             Client(Credentials("admin", "wrong-9c1"), sleep=lambda _: None))
    assert "wrong-9c1" not in str(error.value)
    assert [method for method, _ in handler.seen].count("GET") == 2  # asked, then refused
    assert "PUT" not in [method for method, _ in handler.seen]


def test_a_refused_request_is_not_retried(fake: tuple[str, type[FakeStore]]) -> None:
    url, handler = fake
    handler.script["GET"] = [401]
    with pytest.raises(AuthenticationError):
        push(plan_push(THREE, "urn:g"), endpoints_for(f"{url}/store"),
             Client(sleep=lambda _: None))
    assert [method for method, _ in handler.seen] == ["GET"]


def test_an_unreachable_store_is_one_line(seeds_file: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    closed = f"http://127.0.0.1:{free_port()}/store"
    assert main(["push", "--graph", str(seeds_file), "--endpoint", closed]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hormgraph: error: {closed}") and "cannot reach" in err
    assert err.count("\n") == 1


# Queries through the stores


def normal(term: Node | None) -> object:
    """A term as stores agree on it: numbers by value, literals by text, language (in lower
    case) and datatype (xsd:string as none), blank nodes all alike."""
    if isinstance(term, BNode):
        return "_:"
    if isinstance(term, Literal):
        if term.datatype is not None and isinstance(term.toPython(), (int, float, Decimal)) \
                and not isinstance(term.toPython(), bool):
            try:
                return ("number", Decimal(str(term)))
            except InvalidOperation:
                return ("number", str(term))
        datatype = None if term.datatype == XSD.string else term.datatype
        return (str(term), (term.language or "").lower(), datatype)
    return term


def example(name: str) -> dict[str, Identifier]:
    return dict(parse_binding(text) for text in BUNDLED[name].examples)


CASES = [*[(name, {}) for name in BUNDLED],
         *[(name, example(name)) for name in BUNDLED if BUNDLED[name].examples]]
CASE_IDS = [f"{name}{'-bound' if bound else ''}" for name, bound in CASES]


def test_every_bundled_query_declares_its_prefixes() -> None:
    store = pyoxigraph.Store()
    for query in BUNDLED.values():
        assert with_prefixes(query.text) == query.text, query.name
        store.query(query.text)  # no predeclared prefixes: an undeclared one raises


def comparable(answer: Answer, text: str) -> object:
    if answer.kind == "ASK":
        return answer.boolean
    if answer.graph is not None:
        return answer.graph
    rows = [tuple(normal(term) for term in row) for row in answer.rows]
    # Ties under ORDER BY may come in any order: compare the multiset, and the order of the
    # ordered columns' leading one.
    if "ORDER BY" in text:
        return Counter(rows), [row[0] for row in rows]
    return Counter(rows)


@pytest.mark.system
@pytest.mark.parametrize(("name", "bound"), CASES, ids=CASE_IDS)
def test_each_bundled_query_gives_the_local_rows_in_the_store(
        pushed: Running, seeds_graph: Graph, name: str, bound: dict[str, Identifier]) -> None:
    prepared = prepare_query(BUNDLED[name].text, name)
    local = run_query(make_store(seeds_graph), prepared, bound)
    remote = run_remote(pushed.endpoints.query, prepared, pushed.client(), bound, GRAPH)
    assert remote.truncated is None
    found, expected = comparable(remote.answer, prepared.text), comparable(local, prepared.text)
    if isinstance(found, Graph) and isinstance(expected, Graph):
        assert isomorphic(found, expected)
    else:
        assert found == expected


@pytest.mark.system
def test_a_competency_question_prints_the_same_through_the_store(
        pushed: Running, seeds_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    question = ["query", "terms-mentioning-hormone", "--bind", "hormone=hormone:cortisol",
                "--format", "csv"]
    assert main([*question, "--graph", str(seeds_file)]) == 0
    local = capsys.readouterr().out
    assert main([*question, "--endpoint", pushed.endpoints.query, "--named-graph", GRAPH]) == 0
    captured = capsys.readouterr()
    assert captured.out == local and local.count("\r\n") > 2 and captured.err == ""


@pytest.mark.system
def test_a_cut_answer_is_warned_about(virtuoso_server: Running, seeds_graph: Graph,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    push(plan_push(ntriples_lines(seeds_graph), GRAPH), virtuoso_server.endpoints,
         virtuoso_server.client())
    assert len(seeds_graph) > VIRTUOSO_ROWS
    assert main(["query", "SELECT * WHERE { ?s ?p ?o }", "--endpoint",
                 virtuoso_server.endpoints.query, "--named-graph", GRAPH, "--format",
                 "tsv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == VIRTUOSO_ROWS + 1
    assert f"cut the answer at {VIRTUOSO_ROWS} rows" in captured.err

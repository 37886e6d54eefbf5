"""The SPARQL endpoint, queried by a real SPARQL client (SPARQLWrapper) over HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.dom.minidom import Document

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS
from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from hormgraph.export.rdf import to_turtle
from hormgraph.namespaces import HG, HGO
from hormgraph.query import STORES, Store, bundled_queries, make_store, run_query
from hormgraph.serve import make_server, negotiate, query_page

TERMS = "SELECT ?term ?label WHERE { ?term a hgo:GlossaryTerm ; skos:prefLabel ?label }"
INSERT = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"


@pytest.fixture(scope="module", params=STORES)
def store(request: pytest.FixtureRequest, seeds_graph: Graph) -> Store:
    return make_store(seeds_graph, request.param)


@pytest.fixture(scope="module")
def endpoint(store: Store) -> Iterator[str]:
    server = make_server(store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()
    thread.join()


def client(endpoint: str, query: str, fmt: str, method: str = GET) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    else:
        sparql.setMethod(method)
    return sparql


def expected_rows(store: Store, query: str) -> set[tuple[str, ...]]:
    answer = run_query(store, query)
    return {tuple(str(term) for term in row) for row in answer.rows}


@pytest.mark.parametrize("method", [GET, POST, POSTDIRECTLY])
def test_select_as_json(endpoint: str, store: Store, method: str) -> None:
    result = client(endpoint, TERMS, JSON, method).queryAndConvert()
    assert isinstance(result, dict)
    assert result["head"]["vars"] == ["term", "label"]
    rows = {(b["term"]["value"], b["label"]["value"]) for b in result["results"]["bindings"]}
    assert rows == expected_rows(store, TERMS) and rows
    assert all(b["label"]["xml:lang"] == "en" for b in result["results"]["bindings"])


def test_select_as_xml(endpoint: str, store: Store) -> None:
    result = client(endpoint, TERMS, XML).queryAndConvert()
    assert isinstance(result, Document)
    rows = set()
    for node in result.getElementsByTagName("result"):
        values = {b.getAttribute("name"): "".join(
            text.nodeValue or "" for element in b.childNodes
            if element.nodeType == element.ELEMENT_NODE
            for text in element.childNodes) for b in node.getElementsByTagName("binding")}
        rows.add((values["term"], values["label"]))
    assert rows == expected_rows(store, TERMS) and rows


@pytest.mark.parametrize(("bound", "truth"), [("hormone:cortisol", True), ("<urn:x:none>", False)])
def test_ask(endpoint: str, bound: str, truth: bool) -> None:
    query = f"ASK WHERE {{ ?term hgo:mentionsHormone {bound} }}"
    result = client(endpoint, query, JSON).queryAndConvert()
    assert isinstance(result, dict) and result["boolean"] is truth


def test_construct_as_turtle(endpoint: str, store: Store) -> None:
    query = bundled_queries()["term-subgraph"].text
    turtle = client(endpoint, query, TURTLE).queryAndConvert()
    assert isinstance(turtle, bytes)
    answer = run_query(store, query)
    assert answer.graph is not None and len(answer.graph) > 0
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), answer.graph)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_construct_as_rdfxml_by_default(endpoint: str, store: Store) -> None:
    query = "CONSTRUCT WHERE { hormone:cortisol ?p ?o }"
    converted = client(endpoint, query, XML).queryAndConvert()
    assert isinstance(converted, Graph)
    answer = run_query(store, query)
    assert answer.graph is not None and isomorphic(converted, answer.graph)


def test_an_update_is_refused_and_the_graph_stays_as_it_was(endpoint: str, store: Store,
                                                            seeds_graph: Graph) -> None:
    size = len(store)
    for method in (POST, POSTDIRECTLY):  # as update= in a form, then as a sparql-update body
        with pytest.raises(urllib.error.HTTPError) as refused:
            client(endpoint, INSERT, JSON, method).query()
        assert refused.value.code == 403
    form = urllib.parse.urlencode({"query": INSERT}).encode()
    assert post(endpoint, form, "application/x-www-form-urlencoded")[0] == 400
    assert len(store) == size
    ask = client(endpoint, "ASK WHERE { <urn:x:a> ?p ?o }", JSON).queryAndConvert()
    assert isinstance(ask, dict) and ask["boolean"] is False
    assert (URIRef("urn:x:a"), None, None) not in seeds_graph


def post(endpoint: str, body: bytes, content_type: str,
         accept: str = "*/*") -> tuple[int, str, str]:
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": content_type, "Accept": accept})
    return fetch(request)


def get(url: str, accept: str = "*/*") -> tuple[int, str, str]:
    return fetch(urllib.request.Request(url, headers={"Accept": accept}))


def fetch(request: urllib.request.Request) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.mark.parametrize(("accept", "media_type"), [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml, application/sparql-results+json;q=0.5",
     "application/sparql-results+xml"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
])
def test_select_answers_in_the_media_type_asked_for(endpoint: str, accept: str,
                                                    media_type: str) -> None:
    url = endpoint + "?" + urllib.parse.urlencode({"query": TERMS})
    status, content_type, body = get(url, accept)
    assert status == 200 and content_type.startswith(media_type) and "skin-recalibration" in body


def test_csv_answers_follow_the_sparql_csv_format(endpoint: str, store: Store) -> None:
    url = endpoint + "?" + urllib.parse.urlencode({"query": TERMS + " ORDER BY ?term"})
    body = get(url, "text/csv")[2]
    lines = body.split("\r\n")
    assert lines[0] == "term,label"
    assert lines[1:-1] == [f"{t},{label}" for t, label in sorted(expected_rows(store, TERMS))]


def test_an_unacceptable_media_type_is_406(endpoint: str) -> None:
    url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    assert get(url, "image/png")[0] == 406
    assert get(url, "text/csv")[0] == 406


@pytest.mark.parametrize(("query", "status", "message"), [
    ("SELECT * WHERE {\n  ?s ?p }", 400, "line 2"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 400, "SERVICE"),
])
def test_a_bad_query_is_400_with_its_position(endpoint: str, query: str, status: int,
                                              message: str) -> None:
    code, content_type, body = post(endpoint, urllib.parse.urlencode({"query": query}).encode(),
                                    "application/x-www-form-urlencoded")
    assert (code, content_type) == (status, "text/plain; charset=utf-8") and message in body


def test_requests_the_protocol_does_not_allow_are_refused(endpoint: str) -> None:
    assert get(endpoint)[0] == 400
    assert post(endpoint, b"{}", "application/json")[0] == 415
    assert get(endpoint.replace("/sparql", "/elsewhere"))[0] == 404
    two = urllib.parse.urlencode([("query", "ASK {}"), ("default-graph-uri", "urn:x:g")])
    assert get(f"{endpoint}?{two}")[0] == 400


def test_the_query_page_is_served_and_loads_nothing_from_elsewhere(endpoint: str) -> None:
    status, content_type, page = get(endpoint.replace("/sparql", "/"))
    assert (status, content_type) == (200, "text/html; charset=utf-8")
    assert page == query_page()
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    bundled = re.search(r'<script id="bundled" type="application/json">(.*?)</script>', page,
                        re.S)
    assert bundled is not None
    assert set(json.loads(bundled[1])) == set(bundled_queries())


def test_the_server_listens_on_this_machine_only_by_default(store: Store) -> None:
    server = make_server(store, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_negotiation_follows_quality_and_specificity() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offered) == offered[0]
    assert negotiate("text/csv", offered) == "text/csv"
    assert negotiate("text/*;q=0.9, application/sparql-results+json;q=0.5", offered) == "text/csv"
    assert negotiate("*/*, text/csv;q=0", offered) == offered[0]
    assert negotiate("text/csv;q=0, application/json", offered) is None


def test_the_answers_are_the_librarys(endpoint: str, store: Store) -> None:
    query = bundled_queries()["counts-by-type"].text
    result = client(endpoint, query, JSON).queryAndConvert()
    assert isinstance(result, dict)
    served = {(b["term"]["value"], b["type"]["value"], int(b["entities"]["value"]))
              for b in result["results"]["bindings"]}
    answer = run_query(store, query)
    assert served == {(str(t), str(k), int(str(n))) for t, k, n in answer.rows}
    assert any(row[1] == str(HGO.Hormone) for row in served)
    assert HG["term/skin-recalibration"] in {row[0] for row in answer.rows}


def test_hormgraph_serve_answers_until_stopped(seeds_graph: Graph, tmp_path: Path) -> None:
    graph = tmp_path / "hormgraph.ttl"
    graph.write_text(to_turtle(seeds_graph), encoding="utf-8")
    command = [sys.executable, "-m", "hormgraph", "serve", "--graph", str(graph), "--port", "0",
               "--store", "oxigraph"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as server:
        try:
            announced = server.stdout.readline() if server.stdout else ""
            found = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", announced)
            assert found, announced + (server.stderr.read() if server.stderr else "")
            result = client(found[1], TERMS, JSON).queryAndConvert()
            assert isinstance(result, dict)
            labels = {b["label"]["value"] for b in result["results"]["bindings"]}
            assert labels == {str(label) for term in seeds_graph.subjects(RDF.type,
                                                                          HGO.GlossaryTerm)
                              for label in seeds_graph.objects(term, SKOS.prefLabel)}
        finally:
            server.terminate()


# Holding up as a server: concurrent clients, deadlines, row caps, Host names

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def guarded(seeds_graph: Graph) -> Iterator[str]:
    """A server with a 2-second deadline and a 50-row cap, on pyoxigraph."""
    server = make_server(make_store(seeds_graph, "oxigraph"), "127.0.0.1", 0, timeout=2,
                         max_rows=50, workers=3)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()
    thread.join()


def timed_select(endpoint: str) -> tuple[int, float]:
    started = time.monotonic()
    status = get(f"{endpoint}?{urllib.parse.urlencode({'query': TERMS})}",
                 "application/sparql-results+json")[0]
    return status, time.monotonic() - started


def test_an_idle_open_connection_does_not_hold_up_another_client(guarded: str) -> None:
    port = urllib.parse.urlsplit(guarded).port
    with socket.create_connection(("127.0.0.1", port)) as idle:
        idle.sendall(b"GET /sparql?query=ASK")  # and never finishes the request line
        status, seconds = timed_select(guarded)
    assert status == 200 and seconds < 1


def test_a_runaway_query_is_stopped_while_the_server_answers_others(guarded: str) -> None:
    outcome: dict[str, tuple[int, str, str]] = {}
    runaway = threading.Thread(target=lambda: outcome.setdefault("runaway", post(
        guarded, RUNAWAY.encode(), "application/sparql-query")))
    started = time.monotonic()
    runaway.start()
    time.sleep(0.3)
    status, seconds = timed_select(guarded)
    assert status == 200 and seconds < 1
    runaway.join(30)
    code, _, message = outcome["runaway"]
    assert code == 503 and "ran longer than 2 s and was stopped" in message
    assert time.monotonic() - started < 5
    assert timed_select(guarded)[0] == 200


def test_a_long_answer_is_cut_at_the_row_cap_and_says_so(guarded: str) -> None:
    request = urllib.request.Request(guarded, data=b"SELECT * WHERE { ?s ?p ?o }", headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["X-SPARQL-MaxRows"] == "50"
        assert len(json.load(response)["results"]["bindings"]) == 50


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io"])
def test_a_foreign_host_header_is_403(guarded: str, host: str) -> None:
    request = urllib.request.Request(f"{guarded}?{urllib.parse.urlencode({'query': TERMS})}",
                                     headers={"Host": host})
    assert fetch(request)[0] == 403


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST:8000", "127.0.0.1:1", "[::1]:8000"])
def test_loopback_host_headers_are_answered(guarded: str, host: str) -> None:
    request = urllib.request.Request(f"{guarded}?{urllib.parse.urlencode({'query': TERMS})}",
                                     headers={"Host": host})
    assert fetch(request)[0] == 200


def test_fifty_clients_at_once_all_get_answers(guarded: str) -> None:
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(lambda _: timed_select(guarded), range(200)))
    assert {status for status, _ in results} == {200}


def test_hormgraph_serve_takes_its_deadline_row_cap_and_host_names(seeds_graph: Graph,
                                                                   tmp_path: Path) -> None:
    graph = tmp_path / "hormgraph.ttl"
    graph.write_text(to_turtle(seeds_graph), encoding="utf-8")
    command = [sys.executable, "-m", "hormgraph", "serve", "--graph", str(graph), "--port", "0",
               "--store", "oxigraph", "--timeout", "2", "--max-rows", "3", "--workers", "2",
               "--allow-host", "graph.test"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as server:
        try:
            announced = server.stdout.readline() if server.stdout else ""
            found = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", announced)
            assert found, announced + (server.stderr.read() if server.stderr else "")
            endpoint = found[1]
            code, _, message = post(endpoint, RUNAWAY.encode(), "application/sparql-query")
            assert code == 503 and "ran longer than 2 s" in message
            request = urllib.request.Request(endpoint, data=TERMS.encode(), headers={
                "Content-Type": "application/sparql-query", "Host": "graph.test:80",
                "Accept": "text/csv"})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.headers["X-SPARQL-MaxRows"] == "3"
                assert response.read().decode().count("\r\n") == 4
        finally:
            server.terminate()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the workers")
def test_the_workers_end_with_the_server(seeds_graph: Graph, tmp_path: Path) -> None:
    graph = tmp_path / "hormgraph.ttl"
    graph.write_text(to_turtle(seeds_graph), encoding="utf-8")
    command = [sys.executable, "-m", "hormgraph", "serve", "--graph", str(graph), "--port", "0",
               "--workers", "3"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as server:
        assert server.stdout is not None and "SPARQL endpoint" in server.stdout.readline()
        children = [int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children")
                    .read_text().split()]
        assert len(children) == 3
        server.terminate()  # SIGTERM: no clean-up runs in the server
        server.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() and "Z" not in
                                              _state(pid) for pid in children):
        time.sleep(0.1)
    assert all(not Path(f"/proc/{pid}").exists() or "Z" in _state(pid) for pid in children)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except (OSError, IndexError):
        return "Z"

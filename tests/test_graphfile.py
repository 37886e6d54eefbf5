"""Graph files given on the command line: refused when unsafe, one line naming the file and the
line when invalid, never a network request; alike in both stores."""

from __future__ import annotations

import doctest
import os
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from hormgraph import graphfile
from hormgraph.cli import main
from hormgraph.errors import GraphError
from hormgraph.graphfile import MAX_GRAPH_BYTES, read_graph, size_text
from hormgraph.query import STORES, load_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:"'


def rdfxml(doctype: str, body: str = "") -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF {doctype}>\n<rdf:RDF {RDF}>\n'
            f'<rdf:Description rdf:about="urn:a"><x:p>{body}</x:p></rdf:Description>\n'
            "</rdf:RDF>\n")


def laughs() -> str:
    """The 'billion laughs': each entity ten of the one before (a few hundred bytes)."""
    entities = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">'
                                         for i in range(1, 10)]
    return rdfxml("[" + "\n".join(entities) + "]", "&l9;")


SECRET = "s3cr3t-do-not-read"

REFUSED = {
    "remote-context.jsonld": ('{"@context": "https://schema.org/", "name": "x"}',
                              "the JSON-LD @context 'https://schema.org/' is a document elsewhere"),
    "context-list.jsonld": ('{"@context": [{"x": "urn:x:"}, "http://example.org/c.jsonld"],'
                            ' "@id": "urn:a", "x:p": "v"}',
                            "@context 'http://example.org/c.jsonld'"),
    "scoped-context.jsonld": ('{"@context": {"x": {"@id": "urn:x", "@context": "http://e.org/c"}},'
                              ' "@id": "urn:a"}', "@context 'http://e.org/c'"),
    "import.jsonld": ('{"@context": {"@import": "http://example.org/c.jsonld"}, "@id": "urn:a"}',
                      "@import 'http://example.org/c.jsonld'"),
    "laughs.rdf": (laughs(), "entity 'l1' is defined by other entities"),
    "external-entity.rdf": (rdfxml('[<!ENTITY e SYSTEM "secret.txt">]', "&e;"),
                            "declares the external entity 'e'"),
    "external-dtd.rdf": (rdfxml('SYSTEM "http://example.org/rdf.dtd"'), "names an external DTD"),
    "parameter-entity.owl": (rdfxml('[<!ENTITY % p "x">]'), "declares the parameter entity %p;"),
    "long-entity.rdf": (rdfxml(f'[<!ENTITY e "{"a" * 2000}">]', "&e;"), "longer than 1024"),
    "entity-text.rdf": (rdfxml(f'[<!ENTITY e "{"a" * 1000}">]', "&e;" * 1100),
                        "entity references in the RDF/XML add more than 1 MiB"),
}

INVALID = {
    "broken.ttl": ("@prefix x: <urn:x:> .\nx:a x:b x:c\nx:d .\n", "not valid Turtle (line 3: "),
    "broken.nt": ("<urn:a> <urn:b> <urn:c> .\n<a> <b> .\n", "not valid N-Triples (line 2: "),
    "broken.rdf": (f"<rdf:RDF {RDF}>\n<rdf:Description>\n</rdf:RDF>\n",
                   "not valid RDF/XML ("),
    "broken.jsonld": ('{"@id": "urn:a",\n "urn:p": }', "not valid JSON-LD (line 2: "),
    "latin1.ttl": ("<urn:a> <urn:b> \"caf\xe9\" .\n", "not valid Turtle (line 1: "),
    # Found by the fuzzer (tests/test_fuzz.py): rdflib's Turtle parser raised an IndexError.
    "unclosed-base.ttl": ("@base<a", "not valid Turtle ("),
}


def query(path: Path, store: str, *extra: str) -> list[str]:
    return ["query", "--graph", str(path), "--store", store, *extra, COUNT]


def assert_one_line_error(capsys: pytest.CaptureFixture[str], *parts: str) -> None:
    err = capsys.readouterr().err
    assert err.startswith("hormgraph: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for part in parts:
        assert part in err, err


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unsafe_graph_files_are_refused_in_one_line(
        tmp_path: Path, name: str, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    text, problem = REFUSED[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    assert main(query(path, store)) == 1
    assert_one_line_error(capsys, f"{path}: ", problem)
    assert main(["check", "--graph", str(path)]) == 1
    err = capsys.readouterr().err
    assert problem in err and SECRET not in err
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("name", sorted(INVALID))
def test_an_invalid_graph_is_one_line_with_its_syntax_and_line(
        tmp_path: Path, name: str, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, problem = INVALID[name]
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1" if name == "latin1.ttl" else "utf-8"))
    assert main(query(path, store)) == 1
    assert_one_line_error(capsys, f"{path}: {problem}")


@pytest.mark.parametrize("store", STORES)
def test_control_characters_the_message_quotes_are_escaped(
        tmp_path: Path, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the fuzzer: a NUL (or an escape sequence) in a bad line reached the terminal."""
    path = tmp_path / "g.nt"
    path.write_bytes(b'\x00<urn:a> <urn:b> "a\x1b[31m" .\n')
    assert main(query(path, store)) == 1
    err = capsys.readouterr().err
    assert err.endswith("\n") and err[:-1].isprintable(), repr(err)
    assert "\\x00" in err and f"{path}: not valid N-Triples (line 1: " in err
    assert main(["check", "--graph", str(path)]) == 1
    assert_one_line_error(capsys, "\\x00<urn:a>", "\\x1b[31m")


@pytest.mark.parametrize("store", STORES)
def test_plain_entities_as_protege_writes_them_are_read(tmp_path: Path, store: str) -> None:
    path = tmp_path / "ontology.owl"
    path.write_text(rdfxml('[<!ENTITY owl "http://www.w3.org/2002/07/owl#">\n'
                           '<!ENTITY x "urn:x:">]', "&x;value").replace(
        'rdf:about="urn:a"', 'rdf:about="&x;a"'), encoding="utf-8")
    assert len(load_store(path, store)) == 1
    assert {str(o) for o in read_graph(path).objects()} == {"urn:x:value"}


@pytest.mark.parametrize("store", STORES)
def test_a_context_in_the_file_is_read(tmp_path: Path, store: str) -> None:
    path = tmp_path / "local.jsonld"
    path.write_text('{"@context": {"x": "urn:x:"}, "@id": "urn:a", "x:p": "v"}', encoding="utf-8")
    assert len(load_store(path, store)) == 1


@pytest.mark.parametrize("store", STORES)
def test_files_that_are_not_regular_are_refused(
        tmp_path: Path, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "folder.ttl").mkdir()
    cases = {tmp_path / "folder.ttl": "a directory, not a graph file"}
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo.ttl")
        cases[tmp_path / "fifo.ttl"] = "not a regular file"
    if Path("/dev/zero").exists():
        cases[Path("/dev/zero")] = "not a regular file"
    for path, problem in cases.items():
        assert main(query(path, store)) == 1
        assert_one_line_error(capsys, f"{path}: {problem}")
        assert main(["check", "--graph", str(path)]) == 1
        assert_one_line_error(capsys, f"{path}: {problem}")


@pytest.mark.parametrize("store", STORES)
def test_a_graph_over_the_size_limit_is_refused_naming_the_limit(
        tmp_path: Path, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "g.nt"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n" * 100, encoding="utf-8")
    assert main(query(path, store, "--max-graph-bytes", "1K")) == 1
    assert_one_line_error(capsys, f"{path}: larger than the limit of 1 KiB for a graph file",
                          "--max-graph-bytes")
    assert main(["check", "--graph", str(path), "--max-graph-bytes", "2000"]) == 1
    assert_one_line_error(capsys, "larger than the limit of 2000 bytes")
    assert main(query(path, store, "--max-graph-bytes", "4K")) == 0
    with pytest.raises(GraphError, match="limit of 10 bytes"):
        read_graph(path, 10)


def test_the_size_limit_takes_units_and_refuses_nonsense(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert size_text(MAX_GRAPH_BYTES) == "2 GiB"
    for value in ("0", "-1", "2X", "lots"):
        with pytest.raises(SystemExit) as exited:
            main(["check", "--max-graph-bytes", value])
        assert exited.value.code == 2
        assert "expected a size" in capsys.readouterr().err


@pytest.mark.parametrize("store", STORES)
def test_a_remote_context_makes_no_network_request(
        tmp_path: Path, store: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "http://example.org/context.jsonld", "@id": "urn:a", '
                    '"p": "v"}', encoding="utf-8")
    assert main(query(path, store)) == 1
    assert_one_line_error(capsys, "never fetches")
    assert main(["check", "--graph", str(path)]) == 1
    assert_one_line_error(capsys, "never fetches")
    assert attempts == []


def test_doctests() -> None:
    assert doctest.testmod(graphfile).failed == 0

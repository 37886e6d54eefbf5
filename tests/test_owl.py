"""The graph is OWL 2 DL and survives the OWL API: loaded, profile-checked and saved back as
Turtle by tests/tools/OwlCheck.java, every bundled query gives the same answer."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from hormgraph.namespaces import HG
from hormgraph.query import Answer, bundled_queries, make_store, parse_binding, run_query

from .conftest import require_tool

TOOL = Path(__file__).resolve().parent / "tools" / "OwlCheck.java"
JARS = Path("/usr/share/java")
#: The OWL API distribution and what it needs at run time, as Debian names the jars.
NEEDED = ("owlapi-distribution", "guava", "failureaccess", "commons-rdf-api", "commons-rdf-simple",
          "caffeine", "slf4j-api", "slf4j-nop", "commons-io", "commons-codec", "commons-lang3",
          "jsr305", "hppcrt", "jackson-*", "jsonld-java", "httpclient", "httpcore", "xz",
          "atinject-jsr330-api", "javax.inject", "guice", "aopalliance", "rdf4j-*")
BUNDLED = bundled_queries()


def classpath() -> str:
    """The jars of NEEDED that /usr/share/java holds (unversioned names, so each jar once);
    skip without the OWL API, but fail in CI, which installs it."""
    if not (JARS / "owlapi-distribution.jar").is_file():
        message = f"needs the OWL API: {JARS / 'owlapi-distribution.jar'} is missing"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    versioned = re.compile(r"-[0-9][0-9.]*(-[a-z]+)?\.jar$")
    jars = sorted({str(jar) for name in NEEDED for jar in JARS.glob(f"{name}.jar")
                   if not versioned.search(jar.name)})
    return ":".join(jars)


Check = Callable[[Path, Path], str]


@pytest.fixture(scope="module")
def owl_check(tmp_path_factory: pytest.TempPathFactory) -> Check:
    """OwlCheck compiled: a function from a Turtle file and where to save it to OwlCheck's
    report (the violations and their count)."""
    javac, java = require_tool("javac"), require_tool("java")
    jars = classpath()
    folder = tmp_path_factory.mktemp("owlapi")
    subprocess.run([javac, "-cp", jars, "-d", str(folder), str(TOOL)], check=True,
                   capture_output=True, timeout=300)

    def check(turtle: Path, saved: Path) -> str:
        done = subprocess.run([java, "-cp", f"{folder}:{jars}", "OwlCheck", str(turtle),
                               str(saved)], capture_output=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout.decode() + done.stderr.decode()

    return check


@pytest.fixture(scope="module")
def round_trip(outputs: Path, owl_check: Check,
               tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Graph]:
    """OwlCheck's report on the seeds' Turtle, and the graph the OWL API saved."""
    saved = tmp_path_factory.mktemp("saved") / "saved.ttl"
    report = owl_check(outputs / "hormgraph.ttl", saved)
    return report, Graph().parse(saved, format="turtle")


def comparable(answer: Answer) -> object:
    if answer.kind == "ASK":
        return answer.boolean
    if answer.graph is not None:
        return answer.graph
    return sorted(answer.rows, key=repr)


@pytest.mark.system
def test_the_graph_is_in_the_owl2_dl_profile(round_trip: tuple[str, Graph]) -> None:
    report, _ = round_trip
    assert re.search(r"^violations 0$", report, flags=re.MULTILINE), report


@pytest.mark.system
def test_the_profile_check_finds_a_reified_statement(seeds_graph: Graph, owl_check: Check,
                                                     tmp_path: Path) -> None:
    """The check can fail: an rdf:Statement node, the old relation model, is outside OWL 2 DL."""
    graph = Graph()
    graph += seeds_graph
    graph.add((HG["statement/planted"], RDF.type, RDF.Statement))
    graph.add((HG["statement/planted"], RDF.subject, HG["enzyme/aromatase"]))
    planted = tmp_path / "planted.ttl"
    graph.serialize(planted, format="turtle")
    report = owl_check(planted, tmp_path / "saved.ttl")
    found = re.search(r"^violations ([0-9]+)$", report, flags=re.MULTILINE)
    assert found and int(found[1]) > 0, report


@pytest.mark.system
@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_bundled_queries_answer_the_same_after_the_owl_api(seeds_graph: Graph, name: str,
                                                           round_trip: tuple[str, Graph]) -> None:
    _, saved = round_trip
    bound = dict(parse_binding(text) for text in BUNDLED[name].examples)
    for bindings in ({}, bound):
        before = run_query(make_store(seeds_graph), BUNDLED[name].text, bindings)
        after = run_query(make_store(saved), BUNDLED[name].text, bindings)
        if before.graph is not None and after.graph is not None:
            assert isomorphic(before.graph, after.graph)
        else:
            assert comparable(after) == comparable(before), bindings
    if name == "enzyme-conversions":
        after = run_query(make_store(saved), BUNDLED[name].text,
                          {"enzyme": HG["enzyme/aromatase"]})
        assert after.rows

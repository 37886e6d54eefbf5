"""The README documents every command, its SPARQL examples answer, and CI runs exactly the
README's test command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS, VOID
from rdflib.term import Node

from hormgraph.cli import parser
from hormgraph.export.formats import OUTPUTS
from hormgraph.model import EntityType
from hormgraph.query import make_store, run_query
from hormgraph.triplestore import DEFAULT_GRAPH_IRI

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_is_two_commands() -> None:
    commands = quickstart()
    assert len(commands) == 2
    assert "hormgraph build" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quickstart()[1] in ci


def test_every_command_is_documented() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`hormgraph {name}" in README, f"README does not document `hormgraph {name}`"


def readme_queries() -> list[str]:
    """Each query of the README's ```sparql blocks (a blank line parts two queries)."""
    blocks = re.findall(r"```sparql\n(.+?)\n```", README, flags=re.DOTALL)
    return [query.strip() for block in blocks for query in block.split("\n\n") if query.strip()]


def test_every_readme_sparql_example_answers_on_the_seeds(seeds_graph: Graph) -> None:
    queries = readme_queries()
    assert len(queries) >= 3
    store = make_store(seeds_graph)
    for query in queries:
        assert run_query(store, query).rows, f"no rows for the README example:\n{query}"


def test_the_readme_conversion_example_finds_the_curated_conversions(seeds_graph: Graph) -> None:
    (query,) = [q for q in readme_queries() if "testosterone, and into what" in q]
    rows = {tuple(str(v) for v in row) for row in run_query(make_store(seeds_graph), query).rows}
    assert {("aromatase", "estradiol"), ("5α-reductase", "dihydrotestosterone")} <= rows


def test_the_readme_library_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The Library section's code, run as a user would, in a folder holding the seeds."""
    section = README.split("## Library", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md (Library)", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.split()[0] in {t.value for t in EntityType} for line in printed)
    assert {p.name for p in (tmp_path / "output").iterdir()} == {o.name for o in OUTPUTS}


def test_the_readme_skosmos_config_names_what_the_graph_holds(seeds_graph: Graph) -> None:
    (block,) = re.findall(r"```turtle\n(.+?)\n```", README, flags=re.DOTALL)
    config = Graph().parse(data=block, format="turtle")
    skosmos = Namespace("http://purl.org/net/skosmos#")

    def setting(predicate: URIRef) -> Node:
        (value,) = config.objects(None, predicate)
        return value

    scheme = setting(skosmos.mainConceptScheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in seeds_graph
    assert str(setting(skosmos.sparqlGraph)) == DEFAULT_GRAPH_IRI
    space = str(setting(VOID.uriSpace))
    concepts = set(seeds_graph.subjects(RDF.type, SKOS.Concept))
    assert concepts and all(str(c).startswith(space) for c in concepts)
    language = str(setting(skosmos.language))
    assert all(label.language == language for c in concepts  # type: ignore[union-attr]
               for label in seeds_graph.objects(c, SKOS.prefLabel))
    tops = {str(seeds_graph.value(c, SKOS.prefLabel)) for c in seeds_graph.objects(
        scheme, SKOS.hasTopConcept)}
    assert tops and all(f'"{top}"' in README for top in tops)


def test_the_readme_names_the_graphml_columns(outputs: Path) -> None:
    keys = ElementTree.parse(outputs / "hormgraph.graphml").getroot().findall(
        "{http://graphml.graphdrawing.org/xmlns}key")
    for where in ("node", "edge"):
        names = sorted(key.get("attr.name") or "" for key in keys if key.get("for") == where)
        table = "node table" if where == "node" else "edge table"
        assert names and all(f"`{name}`" in README.split(table)[1][:80] for name in names), names

"""`hormgraph check`: the seeds' graph is clean; each planted fault is found under its own name."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from hormgraph.check import (
    Finding,
    Level,
    failing,
    format_findings,
    load_shapes,
    run_checks,
    summary,
)
from hormgraph.cli import main
from hormgraph.errors import GraphError
from hormgraph.graphfile import read_graph
from hormgraph.namespaces import HG, HGO, OA, ONTOLOGY_IRI, VOCABULARY_SCHEME
from hormgraph.pipeline import Build

from .conftest import SEEDS

ONTOLOGY = URIRef(ONTOLOGY_IRI)
NEW = HG["hormone/zz-planted"]
UNDECLARED = URIRef(f"{HGO}undeclaredProperty")


def test_the_seeds_graph_has_no_error_and_no_warning(seeds_graph: Graph) -> None:
    findings = run_checks(seeds_graph)
    assert failing(findings, Level.WARN) == [], format_findings(findings, "table")


def test_the_shapes_are_valid_shacl(seeds_graph: Graph) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(seeds_graph, shacl_graph=load_shapes(), meta_shacl=True)
    assert conforms, text


def test_the_build_ran_the_checks(seeds_build: Build) -> None:
    assert list(seeds_build.findings) == run_checks(seeds_build.graph)


def _child_and_parent(graph: Graph, skip: frozenset[URIRef] = frozenset()
                      ) -> tuple[URIRef, URIRef]:
    """A vocabulary concept of the graph and its broader concept."""
    pairs = sorted((s, o) for s, o in graph.subject_objects(SKOS.broader)
                   if isinstance(s, URIRef) and isinstance(o, URIRef)
                   and (s, SKOS.inScheme, VOCABULARY_SCHEME) in graph and not {s, o} & skip)
    return pairs[0]


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    value = graph.value(subject, predicate)
    assert value is not None, (subject, predicate)
    return value


def _plant(graph: Graph) -> dict[str, set[str]]:
    """Plant one fault per check into `graph`; the entities each check must name."""
    child, parent = _child_and_parent(graph)
    other, above = _child_and_parent(graph, frozenset({child, parent}))
    label = _one(graph, child, SKOS.prefLabel)
    definition = _one(graph, child, SKOS.definition)
    terms = sorted(graph.subjects(RDF.type, HGO.GlossaryTerm), key=str)
    annotation = sorted(graph.subjects(RDF.type, OA.Annotation), key=str)[0]
    position = next(s for s in graph.objects(_one(graph, annotation, OA.hasTarget),
                                              OA.hasSelector)
                    if (s, RDF.type, OA.TextPositionSelector) in graph)
    statement = sorted(graph.subjects(RDF.type, OWL.Axiom), key=str)[0]
    source = _one(graph, terms[1], DCTERMS.source)
    speaker = next(t for t in terms if (t, HGO.mentionsHormone, None) in graph)
    mention = _one(graph, speaker, HGO.mentionsHormone)
    unmentioned = next(c for c in sorted(graph.subjects(RDF.type, HGO.Hormone), key=str)
                       if (terms[3], HGO.mentions, c) not in graph)

    graph.add((child, SKOS.prefLabel, Literal(f"{label} planted", lang="en")))    # S14
    graph.add((parent, SKOS.broader, child))                                      # cycle
    graph.remove((ONTOLOGY, DCTERMS.license, None))                               # license
    graph.remove((ONTOLOGY, DCTERMS.title, None))
    graph.add((other, SKOS.related, above))                                       # S27
    graph.add((other, SKOS.altLabel, _one(graph, other, SKOS.prefLabel)))         # S13
    graph.add((above, RDF.type, SKOS.ConceptScheme))                              # S9
    graph.add((above, RDF.type, SKOS.Collection))                                 # S37
    graph.add((other, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/CHEBI_1")))
    graph.add((other, SKOS.broadMatch, URIRef("http://purl.obolibrary.org/obo/CHEBI_1")))
    graph.add((other, SKOS.closeMatch, Literal("CHEBI:17650")))                  # xref
    for triple in ((NEW, RDF.type, HGO.Hormone), (NEW, RDF.type, SKOS.Concept),   # orphan, ...
                   (NEW, SKOS.inScheme, VOCABULARY_SCHEME)):
        graph.add(triple)
    scheme = HG["scheme/planted"]
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))                             # no tops
    graph.add((scheme, SKOS.prefLabel, Literal("planted scheme", lang="en")))
    graph.add((terms[0], SKOS.broader, terms[1]))                                 # top/broader
    graph.add((terms[1], SKOS.prefLabel, _one(graph, terms[0], SKOS.prefLabel)))  # duplicate
    graph.add((terms[1], SKOS.definition, definition))                            # dup. def.
    graph.add((terms[2], SKOS.definition, Literal("A second definition.", lang="en")))
    graph.add((parent, SKOS.altLabel, Literal(str(label).upper(), lang="en")))   # overlap
    graph.add((child, SKOS.altLabel, Literal("zero\u200bwidth", lang="en")))     # unprintable
    graph.add((child, SKOS.altLabel, Literal("two  spaces", lang="en")))          # whitespace
    graph.add((child, SKOS.altLabel, Literal("line\nbreak", lang="en")))          # formatting
    start = int(str(_one(graph, position, OA.start)))
    graph.set((position, OA.start, Literal(start + 1, datatype=XSD.nonNegativeInteger)))
    graph.remove((speaker, HGO.mentionsHormone, mention))                         # untyped
    graph.add((terms[3], HGO.mentions, unmentioned))                              # no evidence
    graph.add((terms[3], HGO.mentionsHormone, unmentioned))
    subject, predicate, obj = (_one(graph, statement, p)
                               for p in (OWL.annotatedSource, OWL.annotatedProperty,
                                         OWL.annotatedTarget))
    graph.remove((subject, predicate, obj))                                       # unasserted
    graph.add((child, UNDECLARED, Literal("x")))                                  # undeclared
    graph.remove((source, HGO.sha256, None))                                      # SHACL
    graph.remove((terms[1], PROV.wasDerivedFrom, None))
    graph.add((NEW, RDF.type, HGO.Enzyme))
    return {
        "skos_S14": {str(child)}, "cyclic_hierarchy": {str(child), str(parent)},
        "missing_ontology_license": {str(ONTOLOGY)}, "missing_ontology_title": {str(ONTOLOGY)},
        "skos_S27": {str(other), str(above)}, "skos_S13": {str(other)},
        "skos_S9": {str(above)}, "skos_S37": {str(above)}, "skos_S46": {str(other)},
        "invalid_xref": {str(other)}, "orphan_concept": {str(NEW)},
        "missing_label": {str(NEW)}, "missing_definition": {str(NEW)},
        "undocumented_concept": {str(NEW)}, "omitted_top_concepts": {str(scheme)},
        "top_concept_has_broader": {str(terms[0])},
        "duplicate_label": {str(terms[0]), str(terms[1])},
        "duplicate_definition": {str(child), str(terms[1])},
        "multiple_definitions": {str(terms[2])}, "overlapping_labels": {str(child), str(parent)},
        "unprintable_characters": {str(child)}, "label_whitespace": {str(child)},
        "label_formatting": {str(child)}, "evidence_offsets": {str(annotation)},
        "untyped_mention": {str(speaker)}, "mention_without_evidence": {str(terms[3])},
        "unasserted_statement": {str(statement)}, "undeclared_term": {str(UNDECLARED)},
        "shacl_SourceFile-sha256": {str(source)},
        "shacl_GlossaryTerm-derivedFrom": {str(terms[1])}, "shacl_Entity": {str(NEW)},
    }


@pytest.fixture(scope="module")
def planted(seeds_graph: Graph) -> tuple[dict[str, set[str]], list[Finding]]:
    graph = Graph() + seeds_graph
    expected = _plant(graph)
    return expected, run_checks(graph)


@pytest.mark.parametrize("check", [
    "skos_S9", "skos_S13", "skos_S14", "skos_S27", "skos_S37", "skos_S46", "cyclic_hierarchy",
    "orphan_concept", "overlapping_labels", "omitted_top_concepts", "top_concept_has_broader",
    "unprintable_characters", "undocumented_concept", "missing_label", "duplicate_label",
    "missing_definition", "multiple_definitions", "duplicate_definition", "label_whitespace",
    "label_formatting", "missing_ontology_title", "missing_ontology_license", "invalid_xref",
    "evidence_offsets", "untyped_mention", "mention_without_evidence", "unasserted_statement",
    "undeclared_term", "shacl_SourceFile-sha256", "shacl_GlossaryTerm-derivedFrom",
    "shacl_Entity",
])
def test_each_planted_fault_is_found_by_its_check(
        planted: tuple[dict[str, set[str]], list[Finding]], check: str) -> None:
    expected, findings = planted
    named = {f.entity for f in findings if f.check == check}
    assert named & expected[check], f"{check} found nothing on {expected[check]}: {named}"


def test_faults_are_reported_at_their_levels(
        planted: tuple[dict[str, set[str]], list[Finding]]) -> None:
    levels = {f.check: f.level for f in planted[1]}
    assert levels["skos_S14"] is levels["missing_ontology_license"] is Level.ERROR
    assert levels["orphan_concept"] is levels["invalid_xref"] is Level.WARN
    assert levels["undocumented_concept"] is Level.INFO


def test_the_offsets_check_says_what_the_offsets_select(
        planted: tuple[dict[str, set[str]], list[Finding]]) -> None:
    finding = next(f for f in planted[1] if f.check == "evidence_offsets")
    assert "select" in finding.message and finding.value


def test_a_label_shared_on_purpose_is_not_an_overlap(seeds_graph: Graph) -> None:
    graph = Graph() + seeds_graph
    child, parent = _child_and_parent(graph)
    shared = Literal("shared label", lang="en")
    for concept in (child, parent):
        graph.add((concept, SKOS.altLabel, shared))
    assert any(f.check == "overlapping_labels" for f in run_checks(graph))
    for concept in (child, parent):
        graph.add((concept, HGO.ambiguousLabel, shared))
    assert not any(f.check == "overlapping_labels" for f in run_checks(graph))


def test_formats_hold_every_finding(planted: tuple[dict[str, set[str]], list[Finding]]) -> None:
    findings = planted[1]
    rows = list(csv.reader(io.StringIO(format_findings(findings, "tsv")), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
    assert rows[0] == ["level", "check", "entity", "value", "message"]
    assert [tuple(r[:3]) for r in rows[1:]] == [(f.level.value, f.check, f.entity)
                                                for f in findings]
    data = json.loads(format_findings(findings, "json"))
    assert sum(data["counts"].values()) == len(data["findings"]) == len(findings)
    table = format_findings(findings, "table").splitlines()
    assert table[0].split()[:3] == ["LEVEL", "CHECK", "ENTITY"]
    assert len(table) == len(findings) + 2 and table[-1] == summary(findings)


def _write(graph: Graph, path: Path) -> Path:
    graph.serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def warned(seeds_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' graph with one concept lacking a definition: warnings, no error."""
    graph = Graph() + seeds_graph
    for triple in ((NEW, RDF.type, HGO.Hormone), (NEW, RDF.type, SKOS.Concept),
                   (NEW, SKOS.inScheme, VOCABULARY_SCHEME),
                   (NEW, SKOS.prefLabel, Literal("planted hormone", lang="en"))):
        graph.add(triple)
    return _write(graph, tmp_path_factory.mktemp("warned") / "warned.ttl")


@pytest.mark.parametrize(("fail_on", "code"), [("ERROR", 0), ("WARN", 1), ("INFO", 1)])
def test_fail_on_sets_the_exit_code(warned: Path, fail_on: str, code: int,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--graph", str(warned), "--fail-on", fail_on]) == code
    assert "missing_definition" in capsys.readouterr().out


def test_check_reads_every_export_syntax(seeds_graph: Graph, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    for name, fmt in (("g.ttl", "turtle"), ("g.nt", "nt"), ("g.rdf", "xml"),
                      ("g.jsonld", "json-ld")):
        seeds_graph.serialize(tmp_path / name, format=fmt, encoding="utf-8")
        assert main(["check", "--graph", str(tmp_path / name), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["counts"]["ERROR"] == 0


@pytest.mark.parametrize(("content", "problem"), [
    (None, "no such file"), (b"<a> <b> .", "not valid Turtle (line 1: "),
    (b"\xff\xfe\x00", "not valid Turtle (line 1: not UTF-8"),
])
def test_an_unreadable_graph_is_one_line_naming_the_file(
        tmp_path: Path, content: bytes | None, problem: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", "--graph", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}: {problem}" in err and "Traceback" not in err
    with pytest.raises(GraphError):
        read_graph(path)


def test_the_build_summary_reports_the_checks(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--seeds", str(SEEDS), "--out", str(tmp_path)]) == 0
    assert "checks: 0 errors, 0 warnings" in capsys.readouterr().out


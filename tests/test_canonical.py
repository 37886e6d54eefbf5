"""The canonical Turtle layout: same triples, same bytes; and the formatter's command."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from hormgraph.canonical import canonical_text, format_ontology, subject_order, to_canonical_turtle
from hormgraph.cli import main
from hormgraph.errors import VocabularyError
from hormgraph.namespaces import HG, HGO

from .conftest import DATA

TINY = DATA / "tiny-ontology"
EX = Namespace("https://example.org/")
TOP, MIDDLE, LEAF = HG["hormone/zz-top"], HG["hormone/aa-middle"], HG["hormone/mm-leaf"]


def sample() -> Graph:
    graph = Graph()
    graph.add((LEAF, SKOS.broader, MIDDLE))
    graph.add((MIDDLE, SKOS.broader, TOP))
    graph.add((TOP, RDF.type, HGO.Hormone))
    graph.add((TOP, HGO.extractable, Literal(False)))
    graph.add((LEAF, SKOS.prefLabel, Literal('a "quoted" \\ label\nwith\ttabs, 17β', lang="en")))
    graph.add((LEAF, SKOS.altLabel, Literal("b", lang="en")))
    graph.add((LEAF, SKOS.altLabel, Literal("A", lang="en")))
    graph.add((LEAF, EX.rank, Literal(3)))
    graph.add((LEAF, EX.when, Literal("2024-01-01", datatype=XSD.date)))
    graph.add((LEAF, SKOS.exactMatch, URIRef("https://identifiers.org/ec-code:1.14.14.14")))
    graph.add((MIDDLE, RDF.type, HGO.Hormone))
    return graph


def test_round_trip_keeps_the_triples_and_is_a_fixed_point() -> None:
    text = to_canonical_turtle(sample())
    assert isomorphic(Graph().parse(data=text, format="turtle"), sample())
    assert canonical_text(text, "sample.ttl") == text


def test_text_does_not_depend_on_the_order_triples_were_added() -> None:
    triples = list(sample())
    random.Random(7).shuffle(triples)
    shuffled = Graph()
    for triple in triples:
        shuffled.add(triple)
    assert to_canonical_turtle(shuffled) == to_canonical_turtle(sample())


def test_parents_come_before_their_children_and_types_first() -> None:
    assert subject_order(sample()) == [TOP, MIDDLE, LEAF]
    text = to_canonical_turtle(sample())
    leaf = text[text.index("hormone:mm-leaf"):]
    assert leaf.index("skos:prefLabel") < leaf.index("skos:altLabel") < leaf.index("skos:broader")
    assert '"A"@en, "b"@en' in leaf
    assert "@prefix hormone:" in text and "@prefix owl:" not in text


def test_a_broader_cycle_still_lists_every_subject() -> None:
    graph = sample()
    graph.add((TOP, SKOS.broader, LEAF))
    assert sorted(subject_order(graph)) == sorted([TOP, MIDDLE, LEAF])


def test_blank_nodes_and_bad_turtle_are_one_line_errors() -> None:
    graph = sample()
    graph.add((LEAF, SKOS.note, BNode()))
    with pytest.raises(VocabularyError, match=r"x\.ttl: a blank node"):
        to_canonical_turtle(graph, "x.ttl")
    with pytest.raises(VocabularyError, match=r"y\.ttl: not valid Turtle"):
        canonical_text("<a> <b> .", "y.ttl")


def copy_of_tiny(tmp_path: Path) -> Path:
    root = tmp_path / "onto"
    for path in TINY.rglob("*.ttl"):
        target = root / path.relative_to(TINY)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return root


def test_format_rewrites_only_what_is_not_canonical(tmp_path: Path) -> None:
    root = copy_of_tiny(tmp_path)
    scrambled = root / "vocabulary" / "hormones.ttl"
    original = scrambled.read_bytes()
    scrambled.write_text(Graph().parse(data=original, format="turtle").serialize(format="turtle"),
                         encoding="utf-8")
    schema = root / "hormgraph.ttl"
    schema.write_text("# laid out by hand\n<https://a> <https://b> <https://c> .\n",
                      encoding="utf-8")
    assert format_ontology(root, write=False) == [scrambled]
    assert format_ontology(root) == [scrambled]
    assert scrambled.read_bytes() == original
    assert schema.read_text(encoding="utf-8").startswith("# laid out by hand")
    assert format_ontology(root, write=False) == []


def test_cli_check_lists_files_and_exits_1_until_formatted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_of_tiny(tmp_path)
    target = root / "relations.ttl"
    target.write_text(target.read_text(encoding="utf-8").replace(" ;\n    ", " ; "),
                      encoding="utf-8")
    assert main(["vocabulary", "--vocabulary", str(root), "--format", "--check"]) == 1
    assert f"would reformat {target}" in capsys.readouterr().out
    assert main(["vocabulary", "--vocabulary", str(root), "--format"]) == 0
    assert main(["vocabulary", "--vocabulary", str(root), "--format", "--check"]) == 0


def test_cli_format_of_a_missing_folder_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vocabulary", "--vocabulary", str(tmp_path / "nope"), "--format"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("hormgraph: error:") and "\n" not in error

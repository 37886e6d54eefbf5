"""Vocabulary growth: entity-looking phrases the vocabulary lacks are listed, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from hormgraph.candidates import Candidate, find_candidates, format_candidates
from hormgraph.cli import main
from hormgraph.model import EntityType, Entry
from hormgraph.tagger import Tagger
from hormgraph.vocabulary import Vocabulary

# Made-up names no vocabulary will hold, so the tests keep passing as ontology/ grows.
ENZYME_SENTENCE = "In the dermis, zymoquinase converts the precursor into its active form."
RECEPTOR_SENTENCE = "The hormone then binds vexillin receptors on sebocytes."
KNOWN = ("aromatase", "androgen receptor", "sebaceous glands", "collagen synthesis")


def entry(definition: str, mechanism: str = "", source: str = "900_test.txt") -> Entry:
    return Entry(term="Test", sections={"definition": definition, "mechanism": mechanism},
                 source=source, sha256="0" * 64)


def by_phrase(found: list[Candidate]) -> dict[str, Candidate]:
    return {c.phrase: c for c in found}


@pytest.fixture(scope="module")
def found(vocabulary: Vocabulary) -> dict[str, Candidate]:
    definition = (f"{ENZYME_SENTENCE} Levels increase with age, a release of tension in the "
                  "information age, as disease and the cells of these receptors show. "
                  f"{RECEPTOR_SENTENCE}")
    mechanism = ("Aromatase acts in sebaceous glands, where androgen receptor activity and "
                 "collagen synthesis change, and on skin androgen receptors; zymoquinases "
                 "also act there.")
    return by_phrase(find_candidates([entry(definition, mechanism)], vocabulary))


def test_a_new_ase_enzyme_is_listed_with_its_first_sentence(found: dict[str, Candidate]) -> None:
    enzyme = found["zymoquinase"]
    assert enzyme.type is EntityType.ENZYME
    assert enzyme.example == ENZYME_SENTENCE
    assert enzyme.count == 2 and enzyme.source == "900_test.txt"


def test_a_new_receptor_phrase_is_listed_in_the_singular(found: dict[str, Candidate]) -> None:
    receptor = found["vexillin receptor"]
    assert receptor.type is EntityType.RECEPTOR
    assert receptor.example == RECEPTOR_SENTENCE


def test_known_terms_are_not_listed(vocabulary: Vocabulary,
                                    found: dict[str, Candidate]) -> None:
    tagger = Tagger(vocabulary.concepts.values())
    for term in KNOWN:
        assert [(s, e) for s, e, _ in tagger.tag(term)][:1] == [(0, len(term))], term
    listed = {c.lower() for c in found}
    assert not listed & {t.lower() for t in KNOWN}
    assert not any(phrase.endswith(("receptor", "gland")) for phrase in listed
                   if phrase != "vexillin receptor")


def test_generic_words_are_not_listed(found: dict[str, Candidate]) -> None:
    assert not set(found) & {"increase", "release", "information", "disease", "cell",
                             "receptor", "these receptor"}


def test_a_locant_makes_a_known_class_word_new(vocabulary: Vocabulary) -> None:
    found = by_phrase(find_candidates([entry("Then 19γ-zymoreductase acts.")], vocabulary))
    assert found["19γ-zymoreductase"].type is EntityType.ENZYME


def test_process_phrases_in_either_order_are_one_candidate(vocabulary: Vocabulary) -> None:
    text = ("Vexillin secretion rises at night. The secretion of vexillin falls by day. "
            "The production of sebum is unchanged.")
    found = by_phrase(find_candidates([entry(text)], vocabulary))
    assert found["vexillin secretion"].count == 2
    assert found["vexillin secretion"].type is EntityType.PROCESS
    assert not [p for p in found if "sebum" in p]


def test_steroid_and_process_words_get_their_types(vocabulary: Vocabulary) -> None:
    text = "Zymosterone rises during vexillogenesis; spirovexolactone blocks it."
    found = by_phrase(find_candidates([entry(text)], vocabulary))
    assert found["zymosterone"].type is EntityType.HORMONE
    assert found["zymosterone"].score > found["spirovexolactone"].score
    assert found["vexillogenesis"].type is EntityType.PROCESS


def test_rank_is_strength_times_count_then_phrase(vocabulary: Vocabulary) -> None:
    text = ("Vexillin secretion, vexillin secretion and vexillin secretion occur. "
            "Zymoquinase acts. Alphaquinase acts.")
    ranked = find_candidates([entry(text)], vocabulary)
    assert [c.phrase for c in ranked] == ["vexillin secretion", "alphaquinase", "zymoquinase"]
    assert [c.score for c in ranked] == [3, 3, 3]
    assert find_candidates([entry(text)], vocabulary) == ranked


def test_tsv_has_one_row_per_candidate_and_no_stray_tabs(vocabulary: Vocabulary) -> None:
    ranked = find_candidates([entry(f"{ENZYME_SENTENCE}\t{RECEPTOR_SENTENCE}")], vocabulary)
    rows = [line.split("\t") for line in format_candidates(ranked, "tsv").splitlines()]
    assert rows[0][0] == "phrase" and len(rows) == len(ranked) + 1
    assert {len(row) for row in rows} == {7}


def test_cli_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = f"Zymoquinase, in hormonal health, is an enzyme. {ENZYME_SENTENCE}\nMechanism\n" \
           f"{RECEPTOR_SENTENCE}\n"
    (tmp_path / "900_test.txt").write_text(text, encoding="utf-8")
    assert main(["candidates", "--seeds", str(tmp_path), "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["score", "count", "type", "phrase"]
    assert len(lines) == 2 and "zymoquinase" in lines[1] and "900_test.txt" in lines[1]


def test_cli_rejects_a_negative_limit(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["candidates", "--limit", "-3"])
    assert "--limit" in capsys.readouterr().err

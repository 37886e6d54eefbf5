"""Planted bad inputs: every output valid in a strict reader, no entry merged or lost, no
traceback, every odd file in the seeds folder accounted for."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from hormgraph import errors, pipeline
from hormgraph import graph as build_module
from hormgraph.cli import main
from hormgraph.errors import BadInputs
from hormgraph.export import tables
from hormgraph.ingest import MAX_ENTRY_BYTES, MAX_LINE_CHARS, decode, parse_entry
from hormgraph.namespaces import HG
from hormgraph.normalize import slug
from hormgraph.pipeline import Build, build, read_entries, write_outputs
from hormgraph.vocabulary import Vocabulary

ENTRY = ("{title} is a state in which cortisol rises in the adrenal glands.\n"
         "Origin\nThe term comes from endocrinology.\n"
         "Mechanism\nAromatase converts testosterone into estradiol.\n")
#: What a safe IRI is made of (no controls, spaces, or characters outside printable ASCII).
SAFE_IRI = re.compile(r"[A-Za-z0-9:/#._~%-]+")
HOSTILE = "\x0e\x19\u2028\u0085\uffff\x0b\x0c\x01\x1b[31m"


def plant(folder: Path, name: str | bytes, text: str) -> None:
    folder.mkdir(exist_ok=True)
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else
                        os.fsencode(name))
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))


def built(tmp_path: Path, seeds: Path, vocabulary: Vocabulary) -> tuple[Build, Path]:
    result = build(seeds, vocabulary)
    out = tmp_path / "out"
    write_outputs(result, out)
    return result, out


def assert_outputs_valid(out: Path) -> None:
    """Every output accepted by a strict reader."""
    turtle = (out / "hormgraph.ttl").read_bytes()
    store = pyoxigraph.Store()
    store.load(turtle, format=pyoxigraph.RdfFormat.TURTLE)
    iris = {str(t.value) for q in store for t in (q.subject, q.predicate, q.object)
            if isinstance(t, pyoxigraph.NamedNode)}
    assert iris and all(SAFE_IRI.fullmatch(iri) for iri in iris), \
        [iri for iri in iris if not SAFE_IRI.fullmatch(iri)]
    pyoxigraph.Store().load((out / "hormgraph.nt").read_bytes(),
                            format=pyoxigraph.RdfFormat.N_TRIPLES)
    for line in (out / "hormgraph.nt").read_text("utf-8").split("\n"):
        if line:
            assert len(Graph().parse(data=line, format="nt")) == 1, line
    ET.fromstring((out / "hormgraph.rdf").read_bytes())
    ET.fromstring((out / "hormgraph.graphml").read_bytes())
    with open(out / "mentions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert all(len(row) == len(tables.MENTION_COLUMNS) for row in rows)


def test_hostile_titles_and_file_names_give_valid_outputs(tmp_path: Path,
                                                          vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, f"a{HOSTILE}b.txt", ENTRY.format(title="Plain"))
    plant(seeds, f"c{HOSTILE}.txt", ENTRY.format(title="the").replace("the is", "it is"))
    plant(seeds, "d.txt", ENTRY.format(title="Odd\x0e\x19Name"))
    with open(seeds / "catalog.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("file", "title"),
                                      (f"a{HOSTILE}b.txt", f"Hostile{HOSTILE}Term")])
    result, out = built(tmp_path, seeds, vocabulary)
    assert len(result.entries) == 3, result.problems
    assert {e.entry.term for e in result.entries} == {"Hostile [31mTerm", "c [31m", "OddName"}
    assert_outputs_valid(out)


def test_text_xml_cannot_carry_is_removed_with_a_warning(tmp_path: Path,
                                                         vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    text = ENTRY.format(title="Cortisol Drift").replace(
        "rises", "ri\x01ses\u2028in\x85the\x0cbody\x0band &#13;\uffff\ufffe still")
    plant(seeds, "drift.txt", text + "A sentence with &#1; and &#x2028; in it.\n")
    result, out = built(tmp_path, seeds, vocabulary)
    assert any(w.startswith("drift.txt: removed") for w in result.warnings), result.warnings
    assert "rises in the body and still" in result.entries[0].entry.sections["definition"]
    assert_outputs_valid(out)


def test_file_names_that_slug_alike_stay_separate_terms(tmp_path: Path,
                                                         vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    body = ENTRY.format(title="the").replace("the is", "it is")  # no title: the file name
    for name in ("a b.txt", "a-b.txt", "-.txt", "...txt"):
        plant(seeds, name, body.replace("endocrinology", name))
    result, out = built(tmp_path, seeds, vocabulary)
    graph = Graph().parse(out / "hormgraph.ttl")
    terms = build_module.term_iris(result.entries)
    sources = build_module.source_iris(result.entries)
    assert len(set(terms.values())) == len(set(sources.values())) == 4
    for term in terms.values():
        assert len(list(graph.objects(term, URIRef("http://purl.org/dc/terms/source")))) == 1
        assert len(list(graph.objects(term, URIRef(
            "http://www.w3.org/2004/02/skos/core#definition")))) == 1
    assert any("a b.txt, a-b.txt" in w for w in result.warnings)
    assert build_module.term_iris(result.entries) == terms  # deterministic
    assert_outputs_valid(out)


def test_mentions_csv_neutralises_formulas_and_quotes_line_breaks(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "f.txt", ENTRY.format(title="Drift"))
    plant(seeds, "catalog.csv", 'file,title\nf.txt,"=HYPERLINK(""http://x"",""y"")"\n')
    result, out = built(tmp_path, seeds, vocabulary)
    with open(out / "mentions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["term"] for r in rows} == {"'=HYPERLINK(\"http://x\",\"y\")"}
    for lead in "=+-@\t\r":
        assert tables.neutralised(f"{lead}1") == f"'{lead}1"
    # A carriage return inside a cell is quoted, so it cannot end a row.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["a\rb", "c"])
    assert tables.to_mentions_csv(result.graph).endswith("\r\n")
    assert list(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [["a\rb", "c"]]


def test_a_carriage_return_entity_does_not_break_csv_rows(tmp_path: Path,
                                                         vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "f.txt", ENTRY.format(title="Drift").replace("rises in", "rises&#13; in"))
    _, out = built(tmp_path, seeds, vocabulary)
    assert "\r" not in (out / "mentions.csv").read_bytes().replace(b"\r\n", b"").decode()
    assert_outputs_valid(out)


def test_a_file_name_not_utf8_is_one_warning_naming_it(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    try:
        plant(seeds, b"caf\xe9.txt", ENTRY.format(title="Bad Name"))
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "b'caf\\xe9.txt': the file name is not valid UTF-8" in err
    assert "Traceback" not in err
    assert main(["build", "--strict", "--seeds", str(seeds), "--out",
                 str(tmp_path / "strict")]) == 1
    assert not (tmp_path / "strict").exists()


def test_file_names_with_control_characters_are_shown_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    plant(seeds, "x\nhormgraph: warning: forged\x1b[2J.txt", "")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\nhormgraph: warning: forged" not in err
    assert "'x\\nhormgraph: warning: forged\\x1b[2J.txt': empty file" in err
    assert errors.shown("plain name.txt") == "plain name.txt"


def test_every_odd_file_is_accounted_for(tmp_path: Path, vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    plant(seeds, "UPPER.TXT", ENTRY.format(title="Upper Term"))
    (seeds / "folder.txt").mkdir()
    (seeds / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    outside = tmp_path / "secret"
    outside.write_text(ENTRY.format(title="Secret Term"))
    (seeds / "outside.txt").symlink_to(outside)
    (seeds / "inside.txt").symlink_to(seeds / "good.txt")
    os.mkfifo(seeds / "fifo.txt")
    entries, problems = read_entries(seeds)
    assert sorted(e.source for e in entries) == ["UPPER.TXT", "good.txt", "inside.txt"]
    found = {p.source: p.problem for p in problems}
    assert found == {
        "dangling.txt": "a dangling symbolic link",
        "fifo.txt": "not a regular file (a FIFO, socket or device)",
        "folder.txt": "a directory, not an entry file",
        "loop.txt": "a symbolic link loop",
        "outside.txt": "a symbolic link out of the seeds folder (refused)",
    }
    with pytest.raises(BadInputs) as raised:
        build(seeds, vocabulary, strict=True)
    assert len(raised.value.errors) == 5


def test_a_catalog_that_is_a_folder_is_a_problem(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    (seeds / "catalog.csv").mkdir()
    entries, problems = read_entries(seeds)
    assert len(entries) == 1 and [p.source for p in problems] == ["catalog.csv"]


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_read_as_utf32(codec: str) -> None:
    text = "Cortisol Drift is a state.\n"
    raw = text.encode(codec)
    if codec != "utf-32":
        raw = (codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE) + raw
    assert decode(raw, "x.txt").lstrip("\ufeff") == text
    assert parse_entry(raw, "x.txt").term == "Cortisol Drift"


def test_entries_over_the_limits_are_refused_in_one_line(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    plant(seeds, "long-line.txt", ENTRY.format(title="Long") + "x" * (MAX_LINE_CHARS + 1))
    plant(seeds, "huge.txt", (ENTRY.format(title="Huge") + "a b.\n" * 100) *
          (MAX_ENTRY_BYTES // 500))
    entries, problems = read_entries(seeds)
    assert [e.source for e in entries] == ["good.txt"]
    messages = sorted(str(p) for p in problems)
    assert messages == [
        f"huge.txt: larger than the limit of {MAX_ENTRY_BYTES} bytes for an entry "
        "(--max-entry-bytes raises it)",
        f"long-line.txt: a line longer than the limit of {MAX_LINE_CHARS} characters "
        "(--max-line-chars raises it)",
    ]


def test_a_sentence_crowded_with_mentions_is_not_read_for_relations(
        tmp_path: Path, vocabulary: Vocabulary) -> None:
    seeds = tmp_path / "seeds"
    crowded = "cortisol rises " * 2000
    plant(seeds, "crowded.txt", ENTRY.format(title="Crowded") + crowded + "\n")
    result = build(seeds, vocabulary)
    assert len(result.entries[0].mentions) > 2000
    assert any("relations are not read" in w for w in result.warnings)


def test_slugs_use_a_safe_alphabet() -> None:
    for text in (HOSTILE, "a\x0eb", "ϐ", "\udce9", "a\u0085b", "\x00"):
        assert re.fullmatch(r"[a-z0-9-]*", slug(text)), repr(text)
    assert HG["term/" + slug(HOSTILE)]


def test_doctests_of_the_robustness_helpers() -> None:
    import doctest

    for module in (errors, build_module, tables, pipeline):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_the_entry_limits_are_set_on_the_command_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    plant(seeds, "good.txt", ENTRY.format(title="Good Term"))
    plant(seeds, "long.txt", ENTRY.format(title="Long Term") + "word " * 400 + "\n")
    out = str(tmp_path / "out")
    assert main(["build", "--seeds", str(seeds), "--out", out, "--max-entry-bytes", "1K"]) == 0
    captured = capsys.readouterr()
    assert "skipped long.txt: larger than the limit of 1024 bytes for an entry" in captured.err
    assert "entries: 1 built, 1 skipped" in captured.out
    assert main(["build", "--seeds", str(seeds), "--out", out, "--max-line-chars", "1000",
                 "--strict"]) == 1
    assert "long.txt: a line longer than the limit of 1000 characters" in capsys.readouterr().err
    assert main(["build", "--seeds", str(seeds), "--out", out, "--max-entry-bytes", "4K",
                 "--strict"]) == 0
    assert "entries: 2 built, 0 skipped" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["build", "--max-entry-bytes", "big"])
    assert exited.value.code == 2

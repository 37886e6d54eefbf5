"""The command line end to end: build, determinism, bad input, strict mode, the committed output."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from hormgraph.cli import main
from hormgraph.namespaces import HGO

from .conftest import DATA, ROOT, SEEDS

TITLES = {"Skin Recalibration", "Hormonal Restoration", "Hormonal Gradient Optimization",
          "Steroid Hormone Modulation"}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hormgraph", *args], cwd=cwd, text=True,
                          capture_output=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "random"})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", "--seeds", str(SEEDS), "--out", str(out)]) == 0
    return out


def test_build_writes_turtle_and_html(built: Path) -> None:
    assert (built / "hormgraph.ttl").stat().st_size > 0
    assert "<html" in (built / "hormgraph.html").read_text(encoding="utf-8").lower()


def test_turtle_holds_the_four_terms_and_no_banner(built: Path) -> None:
    graph = Graph().parse(built / "hormgraph.ttl")
    terms = set(graph.subjects(RDF.type, HGO.GlossaryTerm))
    assert {str(graph.value(t, SKOS.prefLabel)) for t in terms} == TITLES
    assert len(terms) == 4
    literals = [o for o in graph.objects() if isinstance(o, Literal)]
    assert literals and not [o for o in literals if "cookie" in str(o).lower()]


def test_turtle_parses_in_pyoxigraph(built: Path) -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    with open(built / "hormgraph.ttl", "rb") as handle:
        quads = list(pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(built / "hormgraph.ttl"))


def test_two_builds_from_different_directories_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    (tmp_path / "elsewhere").mkdir()
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    assert run(["build", "--seeds", "seeds", "--out", "a"], tmp_path).returncode == 0
    assert run(["build", "--seeds", "../seeds", "--out", str(second)],
               tmp_path / "elsewhere").returncode == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_output_equals_a_fresh_build(built: Path) -> None:
    committed = ROOT / "output"
    for path in sorted(built.iterdir()):
        assert (committed / path.name).is_file(), f"output/{path.name} is not committed"
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"output/{path.name} differs from a fresh build: run `hormgraph build`")


@pytest.fixture
def mixed_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    shutil.copy(DATA / "bad" / "empty.txt", seeds / "empty.txt")
    shutil.copy(DATA / "bad" / "binary.txt", seeds / "binary.txt")
    return seeds


def test_default_build_names_bad_files_and_builds_the_rest(mixed_seeds: Path,
                                                             tmp_path: Path) -> None:
    result = run(["build", "--seeds", str(mixed_seeds), "--out", "out"], tmp_path)
    assert result.returncode == 0
    assert "empty.txt: empty file" in result.stderr
    assert "binary.txt: binary file" in result.stderr
    assert "Traceback" not in result.stderr
    graph = Graph().parse(tmp_path / "out" / "hormgraph.ttl")
    assert len(set(graph.subjects(RDF.type, HGO.GlossaryTerm))) == 4


def test_strict_build_fails_naming_every_bad_file_and_writes_nothing(mixed_seeds: Path,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "hormgraph.ttl").write_text("earlier output\n", encoding="utf-8")
    result = run(["build", "--strict", "--seeds", str(mixed_seeds), "--out", str(out)], tmp_path)
    assert result.returncode != 0
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "hormgraph.ttl").read_text(encoding="utf-8") == "earlier output\n"
    assert sorted(p.name for p in out.iterdir()) == ["hormgraph.ttl"]


def test_missing_seeds_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = run(["build", "--seeds", "nowhere", "--out", "out"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "hormgraph: error: nowhere: not a folder of entries"


def test_bad_vocabulary_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "broken.ttl").write_text("this is not turtle", encoding="utf-8")
    result = run(["build", "--vocabulary", str(tmp_path), "--out", "out"], ROOT)
    assert result.returncode == 1
    assert result.stderr.startswith("hormgraph: error: broken.ttl: not valid Turtle")
    assert len(result.stderr.strip().splitlines()) == 1


def test_build_summary(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--seeds", str(SEEDS), "--out", str(built)]) == 0
    out = capsys.readouterr().out
    assert "entries: 4 built, 0 skipped" in out
    assert "hormone" in out and "triples:" in out and "hormgraph.ttl" in out


def test_a_closed_pipe_is_not_a_traceback(built: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "hormgraph", "query", "--graph", str(built / "hormgraph.ttl"),
         "SELECT * WHERE { ?s ?p ?o }"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before the answer is written
    stderr = process.stderr.read().decode()
    process.wait()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


# Usage problems: exit 2 (1 for a failure), one line naming the problem, never a traceback


def exit_code_and_stderr(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code, err = exit_code_and_stderr(argv, capsys)
    assert err.count("\n") == 1 and err.startswith("hormgraph: error: "), err
    return code, err


def argparse_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one error line after the subcommand's own usage (argparse's layout)."""
    code, err = exit_code_and_stderr(argv, capsys)
    assert code == 2
    assert err.startswith(f"usage: hormgraph {argv[0]} "), err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and err.endswith(errors[0] + "\n"), err
    return errors[0]


@pytest.mark.parametrize(("value", "problem"), [
    ("hormone=cortisol", "'cortisol' is neither an IRI nor a literal; write <IRI>, prefix:name, "
                         '"text", "text"@en or "3"^^xsd:integer'),
    ("hormone=unknownprefix:foo", "unknown prefix unknownprefix: (known: "),
    ('hormone="abc"^^xsd:integer', "'abc' is not a valid xsd:integer"),
])
def test_a_bound_value_that_is_no_iri_or_literal_is_a_usage_error(
        built: Path, value: str, problem: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = one_line_error(["query", "--graph", str(built / "hormgraph.ttl"), "--bind", value,
                                "terms-mentioning-hormone"], capsys)
    assert code == 2
    assert err.startswith(f"hormgraph: error: --bind {value!r}: {problem}")


@pytest.mark.parametrize(("argv", "problem"), [
    (["--bind", "hormone", "counts-by-type"], "expected name=value"),
    ([], "give a query, a .rq file, a bundled query's name or -"),
])
def test_a_malformed_query_command_is_a_usage_error(argv: list[str], problem: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, err = one_line_error(["query", *argv], capsys)
    assert code == 2 and problem in err


@pytest.mark.parametrize("port", ["99999", "65536", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(port: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    line = argparse_error(["serve", "--port", port], capsys)
    assert line.startswith("hormgraph serve: error: argument --port: expected a port from 1 to "
                           "65535 (or 0 for a free one)")


def test_an_output_folder_that_is_a_file_is_named(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "README.md"
    file.write_text("not a folder\n", encoding="utf-8")
    for out in (file, file / "below"):
        code, err = one_line_error(["build", "--seeds", str(SEEDS), "--out", str(out)], capsys)
        assert code == 1
        assert err == f"hormgraph: error: {file}: is a file, not a folder\n"


def test_standard_output_is_no_output_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    line = argparse_error(["build", "--seeds", str(SEEDS), "--out", "-"], capsys)
    assert "'-' is not a folder" in line
    assert not (tmp_path / "-").exists()


def test_candidates_on_an_empty_folder_fails_as_build_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    build = one_line_error(["build", "--seeds", str(empty), "--out", str(tmp_path / "o")], capsys)
    candidates = one_line_error(["candidates", "--seeds", str(empty)], capsys)
    assert candidates == build == (1, f"hormgraph: error: {empty}: holds no .txt entries\n")


@pytest.mark.parametrize("command", ["build", "query", "serve", "check", "candidates"])
def test_an_unknown_flag_shows_the_subcommand_usage(command: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    line = argparse_error([command, "--no-such-flag"], capsys)
    assert line == f"hormgraph {command}: error: unrecognized arguments: --no-such-flag"


def test_query_dash_reads_the_query_from_standard_input(
        built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(
        "SELECT (COUNT(*) AS ?n) WHERE { ?t a hgo:GlossaryTerm }\n"))
    assert main(["query", "--graph", str(built / "hormgraph.ttl"), "--format", "csv", "-"]) == 0
    assert capsys.readouterr().out == "n\r\n4\r\n"


def test_choices_are_read_in_any_case(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    printed = set()
    for level, fmt in (("warn", "tsv"), ("WARN", "TSV"), ("Warn", "Tsv")):
        code = main(["check", "--graph", str(built / "hormgraph.ttl"), "--fail-on", level,
                     "--format", fmt])
        printed.add((code, capsys.readouterr().out))
    assert len(printed) == 1


def test_build_short_flags_quiet_and_verbose(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--seeds", str(SEEDS), "-o", str(tmp_path / "q"), "-q"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (tmp_path / "q" / "hormgraph.ttl").is_file()
    assert main(["build", "--seeds", str(SEEDS), "-o", str(tmp_path / "v"), "-v"]) == 0
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("extracting: ")] == [
        f"extracting: {done}/4 entries" for done in range(1, 5)]
    assert f"wrote {tmp_path / 'v' / 'hormgraph.ttl'}" in captured.out
    assert argparse_error(["build", "-q", "-v"], capsys).endswith(
        "argument -v/--verbose: not allowed with argument -q/--quiet")

"""The benchmark scripts run end to end on a small corpus (their figures are not asserted: speed
is read from the scripts' own output, on a quiet machine, not from a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import require_oxigraph_server, require_tool

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_tagger_benchmark_runs_every_method_on_the_same_corpus() -> None:
    pytest.importorskip("spacy")
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_tagger.py"), "--mb", "0.05",
                           "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = {line[:35].strip(): line[35:].split() for line in done.stdout.splitlines()
            if line.startswith(("tagger,", "regex", "spaCy", "control:"))}
    assert len(rows) == 7, done.stdout
    hits = {name: int(row[3].replace(",", "")) for name, row in rows.items()}
    # One string or entry-sized chunks: the same names are found.
    assert hits["tagger, full vocabulary, chunks"] == hits["tagger, full vocabulary, one string"]
    # A tenth of the vocabulary finds fewer names on the main corpus, about as many on the
    # control, whose names all come from that tenth.
    assert hits["tagger, tenth vocabulary, chunks"] < hits["tagger, full vocabulary, chunks"] / 3
    control = hits["control: tenth vocabulary, chunks"] / hits["control: full vocabulary, chunks"]
    assert control > 0.75
    assert all(h > 0 for h in hits.values())
    assert "targets (" in done.stdout


@pytest.mark.system
def test_push_benchmark_pushes_to_each_store_beside_its_baseline() -> None:
    require_oxigraph_server()
    require_tool("virtuoso-t")
    graph = BENCHMARKS.parent / "output" / "hormgraph.nt"
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_push.py"), "--graph",
                           str(graph)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rates = [line for line in done.stdout.splitlines() if line.endswith("triples/s")]
    assert len(rates) == 6 and "FAILED" not in done.stdout, done.stdout
    assert sum("baseline: one PUT" in line for line in rates) == 2


def test_build_benchmark_checks_the_rdflib_path_and_builds_a_long_sentence() -> None:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_build.py"), "--sizes", "12",
                           "--baseline-at", "12", "--long-sentence", "4,8", "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    row = next(line.split() for line in lines if line.lstrip().startswith("12 "))
    assert int(row[5].replace(",", "")) > 0  # triples
    assert "same triples: True" in done.stdout
    long = [line for line in lines if line.startswith("one entry of a single")]
    assert len(long) == 2 and all(" triples, outputs " in line for line in long)

"""The scaling build: the same bytes for any number of processes and for the small path, one
atomic output set (a kill at any moment leaves the old set or the new), evidence that grows
linearly with a sentence's length. Speed itself is measured by benchmarks/bench_build.py."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hormgraph.export.rdf import to_ntriples
from hormgraph.graph import build_graph
from hormgraph.pipeline import Extractor, build, write_outputs
from hormgraph.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 48, seed=3)
    return folder


def test_any_number_of_processes_writes_the_same_bytes(corpus: Path, vocabulary: Vocabulary,
                                                       tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_outputs(build(corpus, vocabulary, jobs=1), one)
    write_outputs(build(corpus, vocabulary, jobs=2), two, jobs=2)
    assert hashes(one) == hashes(two) and len(hashes(one)) == 7


def test_files_written_in_parallel_from_a_spool_on_disk_are_the_same_bytes(
        corpus: Path, vocabulary: Vocabulary, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked writers share the spool's file offset unless each reads with its own: with the
    spool forced to disk, three writers at once must still give the bytes of one."""
    write_outputs(build(corpus, vocabulary, jobs=1), tmp_path / "one")
    monkeypatch.setattr("hormgraph.spool.SPOOL_BYTES", 4096)
    result = build(corpus, vocabulary, jobs=1)
    assert result.ntriples._rolled  # type: ignore[attr-defined]
    write_outputs(result, tmp_path / "three", jobs=3)
    assert hashes(tmp_path / "one") == hashes(tmp_path / "three")


def test_the_streamed_graph_is_the_small_path_byte_for_byte(corpus: Path,
                                                            vocabulary: Vocabulary) -> None:
    result = build(corpus, vocabulary, jobs=2)
    result.ntriples.seek(0)
    streamed = result.ntriples.read().decode("utf-8")
    assert streamed == to_ntriples(build_graph(list(result.entries), vocabulary))
    assert result.triples == streamed.count("\n") > 10_000


def test_a_long_sentence_costs_its_length_once(vocabulary: Vocabulary, tmp_path: Path) -> None:
    """One sentence naming many entities: its text is stored once (on its hgo:Sentence), not
    once per mention, so the output grows with the sentence's length, not its square."""
    clause = ("cortisol and insulin act on the liver, where aromatase converts testosterone "
              "to estradiol, ")
    sizes = []
    for repeats in (60, 120):
        seeds = tmp_path / f"seeds-{repeats}"
        seeds.mkdir()
        body = "Long Entry, in the domain of hormonal health, refers to " + clause * repeats
        (seeds / "long.txt").write_text(body.rstrip(", ") + ".\n", encoding="utf-8")
        started = time.process_time()
        result = build(seeds, vocabulary, jobs=1)
        write_outputs(result, tmp_path / f"out-{repeats}")
        assert time.process_time() - started < 60
        sizes.append({p.name: p.stat().st_size for p in (tmp_path / f"out-{repeats}").iterdir()})
    # Every output, the view and mentions.csv included (they show a window of a long sentence
    # around each mention, not the whole of it).
    assert all(sizes[1][name] / sizes[0][name] < 2.3 for name in sizes[0]), sizes


def _build_command(seeds: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "hormgraph", "build", "--seeds", str(seeds), "--out",
            str(out), "-q", "-j", "1", "--no-cache"]


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0, 3.5, 5.0])
def test_a_build_killed_at_any_moment_leaves_the_old_set_or_the_new(
        corpus: Path, delay: float, tmp_path: Path) -> None:
    old_seeds = tmp_path / "old"
    old_seeds.mkdir()
    for path in sorted(corpus.iterdir())[:6]:
        (old_seeds / path.name).write_bytes(path.read_bytes())
    out, reference = tmp_path / "out", tmp_path / "reference"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(_build_command(old_seeds, out), check=True, env=env)
    subprocess.run(_build_command(corpus, reference), check=True, env=env)
    old, new = hashes(out), hashes(reference)
    assert old != new
    process = subprocess.Popen(_build_command(corpus, out), env=env)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert hashes(out) in (old, new)
    # The next build clears what the killed one left beside the folder.
    subprocess.run(_build_command(corpus, out), check=True, env=env)
    assert hashes(out) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old", "out", "reference"]


def test_two_builds_into_one_folder_take_turns(corpus: Path, tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    for path in sorted(corpus.iterdir())[:5]:
        (small / path.name).write_bytes(path.read_bytes())
    out, a, b = tmp_path / "out", tmp_path / "a", tmp_path / "b"
    subprocess.run(_build_command(small, a), check=True)
    subprocess.run(_build_command(corpus, b), check=True)
    runs = [subprocess.Popen(_build_command(seeds, out)) for seeds in (corpus, small)]
    assert [run.wait() for run in runs] == [0, 0]
    assert hashes(out) in (hashes(a), hashes(b))


def test_the_cache_rebuilds_only_what_changed_and_survives_damage(
        corpus: Path, vocabulary: Vocabulary, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import hormgraph.workers as workers

    seeds, cache = tmp_path / "seeds", tmp_path / ".out.cache"
    seeds.mkdir()
    for path in sorted(corpus.iterdir())[:12]:
        (seeds / path.name).write_bytes(path.read_bytes())
    build(seeds, vocabulary, cache=cache)
    made: list[str] = []
    real = workers._made

    def counted(work: tuple[Extractor, dict[str, str], dict[str, str]],
                entry: workers.Entry) -> workers.Made:
        made.append(entry.source)
        return real(work, entry)

    monkeypatch.setattr(workers, "_made", counted)
    build(seeds, vocabulary, cache=cache)
    assert made == []
    changed = sorted(seeds.iterdir())[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Origin", "Origin\nNew.", 1),
                       encoding="utf-8")
    again = build(seeds, vocabulary, cache=cache)
    assert made == [changed.name]
    fresh = build(seeds, vocabulary)
    for result in (again, fresh):
        result.ntriples.seek(0)
    assert again.ntriples.read() == fresh.ntriples.read()
    # A damaged cache file is built again, with one warning, and the same result.
    damaged = next(cache.glob("*/*.pickle"))
    damaged.write_bytes(b"not a pickle")
    made.clear()
    repaired = build(seeds, vocabulary, cache=cache)
    assert len(made) == 1
    assert [w for w in repaired.warnings if "could not be read" in w] == [
        f"{cache}: 1 cached entry could not be read; built again"]
    # Entries that left the folder leave the cache too.
    changed.unlink()
    build(seeds, vocabulary, cache=cache)
    assert len(list(cache.glob("*/*.pickle"))) == 11


def test_a_dask_cluster_builds_the_same_bytes(corpus: Path, vocabulary: Vocabulary,
                                              tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        on_dask = build(corpus, vocabulary, dask=cluster.scheduler_address)
    local = build(corpus, vocabulary, jobs=1)
    write_outputs(on_dask, tmp_path / "dask")
    write_outputs(local, tmp_path / "local")
    assert hashes(tmp_path / "dask") == hashes(tmp_path / "local")

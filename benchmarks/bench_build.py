"""Benchmark the build at scale: seeded corpora of N entries in the seeds' format, built into a
folder as `hormgraph build` does, each N in a fresh process; beside it, in the same run, the
plain rdflib path at one N (the same triples in an rdflib Graph, serialised as Turtle).

Prints per N: wall time, peak RSS (the process and its workers), triples, output MB and MB/s,
time per entry and its ratio to the N before, and each phase's time. The plain rdflib path's
triples are checked equal to the build's (the graph has no blank nodes, so equal sets of
N-Triples lines are isomorphic graphs).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

ONE_RUN = """
import json, resource, sys, time
from pathlib import Path
from hormgraph.pipeline import build, write_outputs
from hormgraph.vocabulary import load_vocabulary
start = time.perf_counter()
result = build(Path(sys.argv[1]), load_vocabulary(), jobs=int(sys.argv[3]))
write_outputs(result, Path(sys.argv[2]), jobs=int(sys.argv[3]))
wall = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"wall": wall, "rss_mb": rss / 1024, "triples": result.triples,
                  "timings": result.timings}))
"""

RDFLIB_PATH = """
import hashlib, json, resource, sys, time
from rdflib import Graph
start = time.perf_counter()
graph = Graph().parse(sys.argv[1], format="nt")
turtle = graph.serialize(format="turtle")
wall = time.perf_counter() - start
ours = sorted(set(open(sys.argv[1], encoding="utf-8").read().splitlines()))
theirs = sorted(set(Graph().parse(data=turtle, format="turtle").serialize(
    format="nt").splitlines()) - {""})
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"wall": wall, "rss_mb": rss / 1024, "triples": len(graph),
                  "same": ours == theirs}))
"""


LONG_SENTENCE = """
import json, sys, tempfile, time
from pathlib import Path
from hormgraph.pipeline import build, write_outputs
from hormgraph.vocabulary import load_vocabulary
clause = ("cortisol and insulin act on the liver, where aromatase converts testosterone to "
          "estradiol, ")
folder = Path(tempfile.mkdtemp())
(folder / "seeds").mkdir()
body = "Long Entry, in the domain of hormonal health, refers to " + clause * (
    int(sys.argv[1]) * 1000 // len(clause))
(folder / "seeds" / "long.txt").write_text(body.rstrip(", ") + ".\\n", encoding="utf-8")
vocabulary = load_vocabulary()
start = time.perf_counter()
result = build(folder / "seeds", vocabulary, jobs=1)
write_outputs(result, folder / "out", jobs=int(sys.argv[2]))
wall = time.perf_counter() - start
size = sum(p.stat().st_size for p in (folder / "out").iterdir())
print(json.dumps({"wall": wall, "triples": result.triples, "mb": size / 1e6}))
"""


def run(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=False)
    if done.returncode:
        raise SystemExit(done.stderr)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated numbers of entries (default 1000,10000)")
    parser.add_argument("--baseline-at", type=int, default=10000,
                        help="the N at which to run the plain rdflib path too (0: none)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--long-sentence", default="15,30,60",
                        help="KB of the single-sentence entries to build too (empty: none)")
    parser.add_argument("--work", type=Path, default=None,
                        help="where corpora and outputs go (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="hormgraph-bench-"))
    sizes = [int(n) for n in args.sizes.split(",")]
    print(f"hormgraph build benchmark: jobs={args.jobs}, cores={os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.1f}, work {work}")
    print(f"{'N':>8} {'wall s':>8} {'ms/entry':>9} {'ratio':>6} {'peak MB':>8} {'triples':>11} "
          f"{'out MB':>8} {'MB/s':>6}  phases (s)")
    before: float | None = None
    for n in sizes:
        seeds, out = work / f"corpus-{n}", work / f"out-{n}"
        if not seeds.is_dir():
            write_corpus(seeds, n)
        shutil.rmtree(out, ignore_errors=True)
        figures = run(ONE_RUN, str(seeds), str(out), str(args.jobs))
        wall = float(figures["wall"])  # type: ignore[arg-type]
        per_entry = wall / n * 1000
        ratio = f"{per_entry / before:.2f}" if before else "-"
        size = folder_mb(out)
        timings = figures["timings"]
        assert isinstance(timings, dict)
        phases = " ".join(f"{k.removeprefix('write:hormgraph')}={v:.1f}"
                          for k, v in timings.items())
        print(f"{n:>8} {wall:>8.1f} {per_entry:>9.2f} {ratio:>6} {figures['rss_mb']:>8.0f} "
              f"{figures['triples']:>11,} {size:>8.1f} {size / wall:>6.1f}  {phases}",
              flush=True)
        before = per_entry
        if n == args.baseline_at:
            start = time.perf_counter()
            plain = run(RDFLIB_PATH, str(out / "hormgraph.nt"))
            print(f"{'':>8} plain rdflib path at N={n} (parse the same triples into an rdflib "
                  f"Graph, serialize Turtle): {float(plain['wall']):.1f} s "  # type: ignore
                  f"({float(plain['wall']) / wall:.1f}x the whole build), "  # type: ignore
                  f"peak {float(plain['rss_mb']):.0f} MB, {plain['triples']:,} triples, "  # type: ignore
                  f"same triples: {plain['same']} (checked in {time.perf_counter() - start:.0f} s)",
                  flush=True)

    for kb in (int(k) for k in args.long_sentence.split(",") if k):
        long = run(LONG_SENTENCE, str(kb), str(args.jobs))
        print(f"one entry of a single {kb} KB sentence: {float(long['wall']):.1f} s, "  # type: ignore[arg-type]
              f"{long['triples']:,} triples, outputs {float(long['mb']):.1f} MB", flush=True)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

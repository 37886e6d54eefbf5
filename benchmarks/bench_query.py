"""Benchmark the bundled queries on a graph of a million triples: rdflib's store against pyoxigraph.

The graph is the seeds' graph replicated: copy k renames every IRI under
https://w3id.org/hormgraph/id/ (terms, entities, annotations, statements) to .../id/copy-k/...,
so each copy is a disjoint glossary with its own vocabulary, and only the schema and the two
concept schemes are shared. Copy 0 keeps its names, so the queries' example bindings still match.
Every query runs without bindings (the whole graph) and with its example bindings (a lookup).
rdflib, the baseline, runs each query once in a forked worker with a time limit; oxigraph runs
each query three times and keeps the fastest. Both must give the same rows.
"""

from __future__ import annotations

import argparse
import multiprocessing
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib.term import Identifier

from hormgraph.export.rdf import to_ntriples
from hormgraph.namespaces import HG
from hormgraph.pipeline import build
from hormgraph.query import (
    Answer,
    PreparedQuery,
    Store,
    bundled_queries,
    load_store,
    parse_binding,
    prepare_query,
    run_query,
)
from hormgraph.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SHARED = (f"<{HG}scheme/",)


def synthetic_graph(path: Path, triples: int) -> tuple[int, int]:
    """Write at least `triples` triples of replicated seeds to an N-Triples file; return the
    number of triples and of copies."""
    seeds = to_ntriples(build(ROOT / "seeds", load_vocabulary()).graph).splitlines()
    own = [line for line in seeds if f"<{HG}" in line and not
           all(part.startswith(SHARED) for part in line.split() if part.startswith(f"<{HG}"))]
    mine = set(own)
    shared = [line for line in seeds if line not in mine]
    copies = max(1, -(-(triples - len(shared)) // len(own)))
    with path.open("w", encoding="utf-8") as out:
        out.write("\n".join(shared) + "\n")
        for copy in range(copies):
            block = "\n".join(own) + "\n"
            if copy:
                block = block.replace(f"<{HG}", f"<{HG}copy-{copy}/")
                # The shared schemes were renamed with the rest; put their names back.
                block = block.replace(f"<{HG}copy-{copy}/scheme/", f"<{HG}scheme/")
            out.write(block)
    return len(shared) + copies * len(own), copies


@dataclass(frozen=True)
class Case:
    """One query to time: a bundled query, without bindings or with its example ones."""

    label: str
    query: PreparedQuery
    bindings: dict[str, Identifier]


def cases() -> list[Case]:
    found = []
    for name, bundled in bundled_queries().items():
        prepared = prepare_query(bundled.text, name)
        found.append(Case(name, prepared, {}))
        if bundled.examples:
            bindings = dict(parse_binding(example) for example in bundled.examples)
            found.append(Case(f"{name} (bound)", prepared, bindings))
    return found


def size(answer: Answer) -> str:
    if answer.kind == "ASK":
        return str(answer.boolean).lower()
    return f"{len(answer.graph)} triples" if answer.graph is not None else str(len(answer.rows))


def timed(store: Store, case: Case) -> tuple[float, Answer]:
    start = time.perf_counter()
    answer = run_query(store, case.query, case.bindings)
    return time.perf_counter() - start, answer


def _worker(store: Store, case: Case, pipe: Connection) -> None:
    pipe.send(timed(store, case))


def timed_with_limit(store: Store, case: Case, limit: float) -> tuple[float, Answer] | None:
    """The time and answer of one run in a forked worker (it shares the loaded graph), or None
    when the run takes longer than `limit` seconds."""
    receive, send = multiprocessing.Pipe(duplex=False)
    worker = multiprocessing.get_context("fork").Process(target=_worker, args=(store, case, send))
    worker.start()
    result = receive.recv() if receive.poll(limit) else None
    worker.kill()
    worker.join()
    return result


def load(path: Path, kind: str) -> tuple[float, Store]:
    start = time.perf_counter()
    store = load_store(path, kind)
    return time.perf_counter() - start, store


def same_answer(one: Answer, other: Answer) -> bool:
    if one.graph is not None and other.graph is not None:
        return len(one.graph) == len(other.graph) and set(one.graph) == set(other.graph)
    return (one.kind, one.variables, one.rows, one.boolean) == (
        other.kind, other.variables, other.rows, other.boolean)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--triples", type=int, default=1_000_000,
                         help="the least number of triples (default: 1,000,000)")
    options.add_argument("--limit", type=float, default=60.0,
                         help="seconds an rdflib query may take before it is stopped (default: 60)")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.nt"
        start = time.perf_counter()
        total, copies = synthetic_graph(path, args.triples)
        print(f"graph: {total:,} triples, {copies} copies of the seeds' graph "
              f"(written in {time.perf_counter() - start:.1f} s)")
        oxigraph_load, oxigraph = load(path, "oxigraph")
        rdflib_load, rdflib = load(path, "rdflib")
    print(f"load: rdflib {rdflib_load:.1f} s, oxigraph {oxigraph_load:.1f} s\n")
    header = f"{'query':<36} {'rows':>14} {'rdflib s':>9} {'oxigraph s':>11} {'speed-up':>9}"
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0]
    for case in cases():
        fastest, answer = min((timed(oxigraph, case) for _ in range(3)),
                              key=lambda run: run[0])
        baseline = timed_with_limit(rdflib, case, args.limit)
        if baseline is None:
            rdflib_cell, speed_up = f">{args.limit:.0f}", f">{args.limit / fastest:.0f}x"
        else:
            if not same_answer(baseline[1], answer):
                raise SystemExit(f"{case.label}: rdflib and oxigraph answer differently")
            rdflib_cell, speed_up = f"{baseline[0]:.3f}", f"{baseline[0] / fastest:.0f}x"
            totals[0] += baseline[0]
        totals[1] += fastest
        print(f"{case.label:<36} {size(answer):>14} {rdflib_cell:>9} {fastest:>11.3f} "
              f"{speed_up:>9}")
    print("-" * len(header))
    print(f"{'total (rdflib: finished runs only)':<36} {'':>14} {totals[0]:>9.1f} "
          f"{totals[1]:>11.2f}")


if __name__ == "__main__":
    main()

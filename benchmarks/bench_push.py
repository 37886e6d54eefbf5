"""Benchmark `hormgraph push`: the triples per second into a real Oxigraph server and a real
Virtuoso (with Debian's own virtuoso.ini), each started here on 127.0.0.1 and stopped after.

The graph is the build of a seeded corpus of N entries (benchmarks/corpus.py, default 1,000:
about 900,000 triples; 10,000 entries make about 9 million, too many for a few minutes), or
--graph FILE. For each store, in the same run: the push into an empty named graph, the push that
replaces it (the case a store's transaction limits bite), and a baseline beside them: the whole
graph as one Graph Store PUT, the naive way. Oxigraph runs in memory unless the store is named
oxigraph-on-disk (RocksDB: several times slower here). Times are wall times of the requests
(reading the file is not counted); a failure is printed with its error, and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from hormgraph.errors import HormgraphError
from hormgraph.triplestore import (
    Client,
    Credentials,
    PushPlan,
    StoreEndpoints,
    count_triples,
    endpoints_for,
    plan_push,
    push,
    read_ntriples,
)

DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
NTRIPLES = "application/n-triples"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped before answering at {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered at {url} within {seconds} s")


@contextlib.contextmanager
def running(command: list[str], url: str, cwd: Path) -> Iterator[None]:
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        wait_for(url, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph(folder: Path | None) -> tuple[list[str], str, Credentials | None]:
    """An Oxigraph server, in memory (as the tests start it) or on disk in `folder`."""
    binary = Path(sys.executable).parent / "oxigraph"
    port = free_port()
    command = [str(binary if binary.is_file() else shutil.which("oxigraph") or "oxigraph"),
               "serve", *(["--location", str(folder)] if folder else []),
               "--bind", f"127.0.0.1:{port}"]
    return command, f"http://127.0.0.1:{port}/store", None


def virtuoso(folder: Path) -> tuple[list[str], str, Credentials | None]:
    """Debian's virtuoso.ini with only its folders and ports moved (as tests/test_triplestore
    starts it)."""
    http_port, sql_port = free_port(), free_port()
    text = DEBIAN_INI.read_text(encoding="utf-8")
    for shipped in ("/var/lib/virtuoso-opensource-7/db", "/var/lib/virtuoso-opensource-7/vsp"):
        text = text.replace(shipped, str(folder))
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*1111\b", rf"ServerPort\1= 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort(\s*)=\s*8890\b", rf"ServerPort\1= 127.0.0.1:{http_port}", text)
    (folder / "virtuoso.ini").write_text(text, encoding="utf-8")
    return ([shutil.which("virtuoso-t") or "virtuoso-t", "-f", "-c", str(folder / "virtuoso.ini")],
            f"http://127.0.0.1:{http_port}/sparql-graph-crud-auth", Credentials("dba", "dba"))


STORES: dict[str, Callable[[Path], tuple[list[str], str, Credentials | None]]] = {
    "oxigraph": lambda folder: oxigraph(None), "oxigraph-on-disk": oxigraph,
    "virtuoso": virtuoso}


def timed(label: str, triples: int, action: Callable[[], object]) -> dict[str, object]:
    started = time.perf_counter()
    try:
        action()
    except HormgraphError as error:
        seconds = time.perf_counter() - started
        print(f"  {label:<28} FAILED after {seconds:.1f} s: {str(error)[:160]}", flush=True)
        return {"label": label, "seconds": seconds, "error": str(error)}
    seconds = time.perf_counter() - started
    print(f"  {label:<28} {triples:>10,} triples in {seconds:6.1f} s = "
          f"{triples / seconds:>8,.0f} triples/s", flush=True)
    return {"label": label, "seconds": seconds, "rate": triples / seconds}


def one_put(endpoints: StoreEndpoints, client: Client, graph: str, body: bytes,
            triples: int) -> None:
    """The naive baseline: the whole graph in one PUT, then the same count check."""
    # Authenticated first, as push is: Virtuoso drops a large upload that is challenged.
    client.send("GET", f"{endpoints.graph_store}?graph=urn:hormgraph:bench:none", None,
                {"Accept": NTRIPLES}, also=(404,))
    client.send("PUT", f"{endpoints.graph_store}?graph={graph}", body,
                {"Content-Type": NTRIPLES})
    stored = count_triples(endpoints.query, graph, client)
    if stored != triples:
        raise HormgraphError(f"the store holds {stored} triples, not {triples}")


def graph_file(args: argparse.Namespace, work: Path) -> Path:
    if args.graph is not None:
        return Path(args.graph)
    corpus, out = work / "corpus", work / "out"
    write_corpus(corpus, args.entries)
    print(f"building {args.entries} entries…", flush=True)
    subprocess.run([sys.executable, "-m", "hormgraph", "build", "--seeds", str(corpus), "-o",
                    str(out), "--no-cache"], check=True, stdout=subprocess.DEVNULL)
    return out / "hormgraph.nt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--graph", type=Path, default=None, help="push this file instead")
    parser.add_argument("--stores", default="oxigraph,virtuoso",
                        help=f"a comma-separated list of {', '.join(STORES)}")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per request")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-push-") as temporary:
        work = Path(temporary)
        path = graph_file(args, work)
        lines = read_ntriples(path)
        body = "".join(line + "\n" for line in lines).encode("utf-8")
        plan = plan_push(lines, "urn:hormgraph:bench:push")
        print(f"{plan.triples:,} triples ({len(body) / 1e6:.0f} MB of N-Triples), "
              f"{len(plan.chunks)} chunks", flush=True)
        for name in args.stores.split(","):
            folder = work / name
            folder.mkdir()
            print(f"{name}:", flush=True)
            bench_store(STORES[name](folder), folder, plan, body, args.timeout)


def bench_store(store: tuple[list[str], str, Credentials | None], folder: Path, plan: PushPlan,
                body: bytes, timeout: float) -> None:
    command, store_url, credentials = store
    endpoints = endpoints_for(store_url)
    with running(command, endpoints.query, folder):
        for label in ("push into an empty graph", "push replacing it"):
            timed(label, plan.triples,
                  lambda: push(plan, endpoints, Client(credentials, timeout=timeout)))
        timed("baseline: one PUT", plan.triples,
              lambda: one_put(endpoints, Client(credentials, timeout=timeout),
                              "urn:hormgraph:bench:put", body, plan.triples))


if __name__ == "__main__":
    main()

"""Benchmark `hormgraph serve`: concurrent clients sending the bundled queries for a while.

Starts `python -m hormgraph serve` on a free loopback port with the source tree given (so the
old server of another checkout can run in the same session, for comparison), then runs CLIENTS
threads, each sending the bundled queries in turn (SPARQL 1.1 Protocol, POST) for SECONDS, and
prints requests per second, latency percentiles, errors and timeouts.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from hormgraph.query import bundled_queries

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(source: Path, graph: Path, port: int, extra: list[str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "hormgraph", "serve", "--graph", str(graph), "--port", str(port),
         *extra], env={**os.environ, "PYTHONPATH": str(source)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def load(url: str, clients: int, seconds: float, timeout: float) -> dict[str, object]:
    queries = [query.text.encode() for query in bundled_queries().values()]
    latencies: list[float] = []
    errors = timeouts = 0
    lock = threading.Lock()
    reasons: Counter[str] = Counter()
    stop_at = time.monotonic() + seconds

    def client(offset: int) -> None:
        nonlocal errors, timeouts
        index = offset
        while time.monotonic() < stop_at:
            body = queries[index % len(queries)]
            index += 1
            request = urllib.request.Request(url, data=body, headers={
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"})
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    response.read()
                with lock:
                    latencies.append(time.monotonic() - started)
            except TimeoutError:
                with lock:
                    timeouts += 1
            except (urllib.error.URLError, OSError) as error:
                with lock:
                    errors += 1
                    reasons[str(getattr(error, "reason", error))[:60]] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies) or [0.0]
    return {"requests/s": len(latencies) / seconds, "p50 ms": 1000 * statistics.median(ordered),
            "p95 ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))],
            "max ms": 1000 * ordered[-1], "answered": len(latencies), "errors": errors,
            "timeouts": timeouts, "reasons": reasons}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="a src/ folder to serve from (repeatable; default: this tree)")
    parser.add_argument("--graph", type=Path, default=ROOT / "output" / "hormgraph.ttl")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--timeout", type=float, default=30,
                        help="a client gives up on a request after this long")
    parser.add_argument("serve_args", nargs="*", help="more `hormgraph serve` arguments "
                                                      "(after --)")
    args = parser.parse_args()
    for source in args.source or [ROOT / "src"]:
        port = free_port()
        process = start(source, args.graph, port, args.serve_args)
        try:
            figures = load(f"http://127.0.0.1:{port}/sparql", args.clients, args.seconds,
                           args.timeout)
        finally:
            process.terminate()
            process.wait(10)
        print(f"{source}: " + ", ".join(
            f"{name} {value:.0f}" if isinstance(value, float | int) else f"{name} {value}"
            for name, value in figures.items()), flush=True)


if __name__ == "__main__":
    main()

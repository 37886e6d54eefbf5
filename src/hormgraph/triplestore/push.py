"""Push a graph by the SPARQL 1.1 Graph Store Protocol, replacing a named graph.

A push that fits in one request is a single PUT, which the store applies at once. A larger one
goes, chunk by chunk, into a temporary named graph, which one SPARQL Update `MOVE` then puts in
the place of the target graph; a push that fails before the MOVE deletes its temporary graph and
leaves the target as it was. Virtuoso cannot MOVE a large graph in one transaction with its
default settings; see `_swap`.
"""

from __future__ import annotations

import contextlib
import re
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from hormgraph.errors import StoreError
from hormgraph.graphfile import MAX_GRAPH_BYTES, read_graph_file
from hormgraph.triplestore.client import NTRIPLES, Client, Reply, StoreEndpoints, safe_url
from hormgraph.triplestore.remote import remote_query

DEFAULT_GRAPH_IRI = "https://w3id.org/hormgraph/graph"
CHUNK_TRIPLES = 50_000
_BNODE = re.compile(r"(?:^|\s)_:")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PushPlan:
    """How a graph goes to the store: its N-Triples chunks, and whether a temporary graph is
    needed (more than one chunk)."""

    target: str
    chunks: tuple[tuple[str, ...], ...]

    @property
    def triples(self) -> int:
        return sum(len(chunk) for chunk in self.chunks)

    @property
    def staged(self) -> bool:
        return len(self.chunks) > 1


def ntriples_lines(graph: Graph) -> list[str]:
    """The graph's triples as N-Triples lines, sorted (so repeated pushes send the same
    chunks)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted({line for line in text.splitlines() if line.strip()})


def read_ntriples(path: Path, max_bytes: int = MAX_GRAPH_BYTES) -> list[str]:
    """The triples of an RDF file as sorted N-Triples lines, read as safely as every other
    graph file (`hormgraph.graphfile`) and parsed by pyoxigraph (many times faster than
    rdflib on large graphs)."""
    import pyoxigraph as ox

    file = read_graph_file(path, max_bytes)
    try:
        return sorted({f"{quad.triple} ." for quad in ox.parse(
            file.data, format=getattr(ox.RdfFormat, file.syntax.oxigraph),
            base_iri=file.base)})
    except SyntaxError as error:
        raise file.invalid(str(error).splitlines()[0]) from error


def plan_push(lines: Sequence[str], target: str = DEFAULT_GRAPH_IRI,
              chunk_size: int = CHUNK_TRIPLES) -> PushPlan:
    """Chunks of at most `chunk_size` triples. A blank node's label is local to one document, so
    every triple with a blank node goes in the last chunk, whatever its size.

    >>> plan_push(["<a> <b> <c> .", "<a> <b> _:x .", "<a> <b> <d> ."], "urn:g", 1).chunks
    (('<a> <b> <c> .',), ('<a> <b> <d> .',), ('<a> <b> _:x .',))
    """
    if chunk_size < 1:
        raise StoreError(f"chunk size {chunk_size}: must be at least 1 triple")
    plain = [line for line in lines if not _BNODE.search(line)]
    blank = tuple(line for line in lines if _BNODE.search(line))
    chunks = [tuple(plain[i:i + chunk_size]) for i in range(0, len(plain), chunk_size)]
    if blank:
        chunks.append(blank)
    return PushPlan(target, tuple(chunks) or ((),))


def graph_url(graph_store: str, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(graph_store).query else "?"
    return f"{graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _ntriples(chunk: Iterable[str]) -> bytes:
    return "".join(line + "\n" for line in chunk).encode("utf-8")


@dataclass(frozen=True)
class PushReport:
    """What a push did: the triples sent, the requests it took, the count the store reports."""

    triples: int
    requests: int
    stored: int
    seconds: float


def push(plan: PushPlan, endpoints: StoreEndpoints, client: Client,
         progress: Progress | None = None) -> PushReport:
    """Replace the named graph `plan.target` in the store with the plan's triples, then check by
    SPARQL that the store holds as many; a mismatch raises a StoreError."""
    started = time.perf_counter()
    staging = f"urn:uuid:{uuid.uuid4()}" if plan.staged else plan.target
    # A cheap authenticated request first (the graph staging names does not exist yet, or is
    # the target): a wrong password fails before any data goes out.
    probe = client.send("GET", graph_url(endpoints.graph_store, f"urn:uuid:{uuid.uuid4()}"),
                        None, {"Accept": NTRIPLES}, also=(404,))
    done = 0
    try:
        for index, chunk in enumerate(plan.chunks):
            client.send("PUT" if index == 0 else "POST",
                        graph_url(endpoints.graph_store, staging), _ntriples(chunk),
                        {"Content-Type": NTRIPLES})
            done += len(chunk)
            if progress is not None:
                progress(done, plan.triples)
        if plan.staged:
            steps = _swap(probe, staging, plan.target)
            for step, text in enumerate(steps):
                try:
                    update(endpoints.update, text, client)
                except StoreError as error:
                    if step == len(steps) - 1:  # the target is whole (or untouched)
                        raise
                    raise StoreError(f"{error}; <{plan.target}> may now hold part of the "
                                     "graph: push again") from None
    except StoreError:
        if plan.staged:
            _drop_quietly(endpoints, staging, client)
        raise
    stored = _settled_count(endpoints.query, plan.target, client)
    if stored != plan.triples:
        raise StoreError(f"{safe_url(endpoints.query)}: the store holds {stored} triples in "
                         f"<{plan.target}>, but {plan.triples} were pushed")
    return PushReport(plan.triples, client.requests, stored, time.perf_counter() - started)


def _swap(probe: Reply, staging: str, target: str) -> list[str]:
    """The SPARQL Updates that put the temporary graph in the target's place: one MOVE, which
    stores apply as one transaction, so the target is either the old graph or the new one.

    Virtuoso logs every row a transaction changes and, with its default settings, aborts one
    whose log passes TransactionAfterImageLimit (50 MB: SR325), as a MOVE of a million triples
    onto a graph that holds as many does (750,000 still pass). There, `DEFINE sql:log-enable 3`
    commits row by row (still logged, so durable) in three steps, each safe to retry: CLEAR
    the target, ADD the temporary graph to it, DROP the temporary graph. Virtuoso thus cannot
    keep the target whole while it is replaced: from the CLEAR until the ADD ends (about 45 s for a
    million triples) readers see part of the new graph, and a failure then leaves part of it,
    which the error says. (`log-enable 0`, one unlogged transaction, keeps it whole but held
    locks for over 20 minutes on a million triples with the default buffers.)
    """
    server = (probe.headers.get("Server") or "").lower()
    if "virtuoso" not in server:
        return [f"MOVE GRAPH <{staging}> TO <{target}>"]
    return [f"DEFINE sql:log-enable 3\n{step}" for step in (
        f"CLEAR SILENT GRAPH <{target}>", f"ADD SILENT GRAPH <{staging}> TO <{target}>",
        f"DROP SILENT GRAPH <{staging}>")]


def _drop_quietly(endpoints: StoreEndpoints, graph: str, client: Client) -> None:
    # The push's own error says what went wrong; a leftover urn:uuid graph is harmless.
    with contextlib.suppress(StoreError):
        client.send("DELETE", graph_url(endpoints.graph_store, graph))


def update(url: str, text: str, client: Client) -> None:
    """Run a SPARQL Update at the store's update endpoint."""
    client.send("POST", url, text.encode("utf-8"),
                {"Content-Type": "application/sparql-update"})


#: What Virtuoso answers a query while it is still busy with what a push sent: a transaction
#: timeout (SR171), for minutes on a loaded machine after a million triples.
_BUSY = ("SR171", "Transaction timed out")


def _settled_count(url: str, graph: str, client: Client) -> int:
    """`count_triples`, asked again (2, 4, 8, then every 15 seconds, for as long as the client's
    timeout) while the store says it is busy."""
    waited, pause = 0.0, 2.0
    while True:
        try:
            return count_triples(url, graph, client)
        except StoreError as error:
            if not any(sign in str(error) for sign in _BUSY) or waited >= client.timeout:
                raise
        client.sleep(pause)
        waited, pause = waited + pause, min(pause * 2, 15.0)


def count_triples(url: str, graph: str, client: Client) -> int:
    """How many triples the store holds in a named graph, by SPARQL."""
    answer = remote_query(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                               "{ ?s ?p ?o } }", "SELECT", client).answer
    try:
        return int(str(answer.rows[0][0]))
    except (IndexError, ValueError) as error:
        raise StoreError(f"{safe_url(url)}: the count query gave no number") from error

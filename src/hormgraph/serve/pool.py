"""Query worker processes: each holds the store and answers one query at a time; one that
outlives the deadline is killed and replaced."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from hormgraph.errors import QueryError
from hormgraph.query import PreparedQuery, Store
from hormgraph.serve.endpoint import PARSING, QueryTimeout, prepare_cached, render


def _die_with_parent() -> None:
    """Have Linux kill this process when the server's dies, even in the middle of a query
    (prctl PR_SET_PDEATHSIG); elsewhere a worker ends when its pipe closes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the server died before prctl took effect
        os._exit(0)


class QueryPool:
    """Worker processes holding the store (inherited by fork), each answering one query at a
    time; a worker whose query outlives the deadline is killed, which ends the query and frees
    its memory at once, and a fresh one takes its place."""

    def __init__(self, store: Store, workers: int, timeout: float, max_rows: int,
                 inherited: Sequence[socket.socket] = ()) -> None:
        self.store = store
        self.inherited = tuple(inherited)
        self.timeout = timeout
        self.max_rows = max_rows
        self.context = multiprocessing.get_context("fork")
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.lock = threading.Lock()
        for _ in range(max(1, workers)):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        # A worker closes its copies of the server's socket and of the other workers' pipes:
        # else a worker would keep the port, or another worker's pipe, open after the server.
        with self.lock:
            closing = [*self.inherited, *(worker.connection for worker in self.workers), ours]
        process = self.context.Process(target=_work,
                                       args=(theirs, self.store, self.max_rows, closing),
                                       daemon=True)
        # No thread may be inside rdflib's parser (whose packrat cache has a lock) while we
        # fork: the copy of a lock held at that moment would stay held in the new worker.
        with PARSING:
            process.start()
        theirs.close()
        worker = _Worker(process, ours)
        with self.lock:
            self.workers.add(worker)
        return worker

    def run(self, prepared: PreparedQuery, media_type: str) -> tuple[str, bool]:
        """The answer to a query as `render` gives it, or QueryTimeout when it outlived the
        deadline (or waited that long for a free worker)."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(f"every query worker stayed busy for {self.timeout:g} s; try "
                               "again") from None
        try:
            worker.connection.send((prepared.text, media_type))
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was "
                                   "stopped (hormgraph serve --timeout)")
            status, payload = worker.connection.recv()
        except (QueryTimeout, EOFError, OSError) as error:
            self._replace(worker)
            if isinstance(error, QueryTimeout):
                raise
            raise QueryError("the query's worker ended without an answer") from None
        self.idle.put(worker)
        if status == "error":
            raise QueryError(payload)
        rendered: tuple[str, bool] = payload
        return rendered

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self.lock:
            self.workers.discard(worker)
        self.idle.put(self._start())

    def close(self) -> None:
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            worker.process.kill()
            worker.process.join(5)
            worker.connection.close()


@dataclass(frozen=True, eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection


def _work(connection: Connection, store: Store, max_rows: int,
          closing: Sequence[socket.socket | Connection]) -> None:
    """A worker's loop: answer each query that comes, as ("ok", (text, cut)) or ("error",
    message); rendering here, not in the server, spreads that work over the workers too."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    for inherited in closing:
        inherited.close()
    while True:
        try:
            text, media_type = connection.recv()
        except (EOFError, OSError):
            return
        try:
            result: tuple[str, Any] = (
                "ok", render(store, prepare_cached(text), media_type, max_rows))
        except QueryError as error:
            result = ("error", str(error))
        connection.send(result)

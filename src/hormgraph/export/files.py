"""Write output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import ctypes
import fcntl
import io
import os
import pickle
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from hormgraph.errors import HormgraphError


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write `content` to `path` so that readers see the old file or the new one, never half."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are for sharing
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise HormgraphError(f"{path}: cannot write ({error.strerror})") from error
    return path


def write_all(outputs: Mapping[Path, str | bytes]) -> list[Path]:
    """Write several files, each atomically, once all of their contents are ready."""
    return [write_atomic(path, content) for path, content in outputs.items()]


Writer = Callable[[IO[bytes]], None]
#: Told, in the calling process, that a file of the set is written and how long it took.
Written = Callable[[Path, float], None]


def write_set(writers: Mapping[Path, Writer], jobs: int = 1,
              written: Written | None = None, carry_over: bool = True,
              prepare: Callable[[], object] | None = None,
              after: frozenset[Path] = frozenset()) -> list[Path]:
    """Write a set of files into one folder as one set: every file is streamed by its writer
    into a new folder beside it, which then takes the folder's place in one atomic exchange, so
    readers (and a build killed at any moment) see the old set or the new one, never a mix.
    Other files in the folder are carried over (unless not `carry_over`: the set is then the
    folder's whole content); builds into one folder take turns (a lock).

    With `jobs` above 1 the files are written by that many forked processes at once (the
    writers must then not depend on each other, and read shared streams with positions of
    their own: see `independent_reader`).

    `prepare`, when given, runs once in this process before the writers of the files in `after`
    start: with `jobs` above 1, as soon as every process slot is busy (or only those writers
    are left), so that what it makes overlaps the writing of the others; one at a time, before
    the first of them."""
    folders = {path.parent for path in writers}
    if len(folders) != 1:
        raise HormgraphError("the outputs of one set must share a folder")
    (folder,) = folders
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.parent):
        _remove_stale(folder)
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
        try:
            targets = [(new / path.name, write, path) for path, write in writers.items()]
            ready = _Prepare(prepare, after)
            if jobs > 1 and len(targets) > 1 and _can_fork():
                _write_forked(targets, jobs, written, ready)
            else:
                for target, write, path in targets:
                    ready.before(path)
                    start = time.perf_counter()
                    _write_file(target, write)
                    if written is not None:
                        written(path, time.perf_counter() - start)
            os.chmod(new, 0o755)
            if folder.is_dir():
                for other in folder.iterdir() if carry_over else ():
                    if other.is_file() and not (new / other.name).exists():
                        os.link(other, new / other.name)
                _exchange(new, folder)
            else:
                os.rename(new, folder)
        except OSError as error:
            raise HormgraphError(f"{error.filename or folder}: cannot write "
                                 f"({error.strerror})") from error
        finally:
            shutil.rmtree(new, ignore_errors=True)
    return list(writers)


class _Prepare:
    """`write_set`'s preparation, run once, before the first writer that needs it."""

    def __init__(self, prepare: Callable[[], object] | None, after: frozenset[Path]) -> None:
        self.prepare, self.after = prepare, after

    def before(self, path: Path) -> None:
        if path in self.after:
            self.now()

    def now(self) -> None:
        if self.prepare is not None:
            prepare, self.prepare = self.prepare, None
            prepare()


def _write_file(target: Path, write: Writer) -> None:
    with open(target, "wb") as out:
        write(out)
    os.chmod(target, 0o644)


def _can_fork() -> bool:
    """Forking is safe only with one thread (another thread's locks would stay held forever
    in the child)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _write_forked(targets: Sequence[tuple[Path, Writer, Path]], jobs: int,
                  written: Written | None, ready: _Prepare) -> None:
    """Write each target in a forked process of its own, `jobs` at a time, in the order given;
    a child's exception is raised here (the first one met), once the other children ended."""
    waiting = list(reversed(targets))
    running: dict[int, tuple[int, Path, float]] = {}  # pid -> (pipe, path, start)
    try:
        failure = _run_children(waiting, running, jobs, written, ready)
    except BaseException:  # interrupted: no child may write on into the folder being removed
        for pid, (pipe, _, _) in running.items():
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(pipe)
        raise
    if failure is not None:
        raise failure


def _run_children(waiting: list[tuple[Path, Writer, Path]],
                  running: dict[int, tuple[int, Path, float]], jobs: int,
                  written: Written | None, ready: _Prepare) -> BaseException | None:
    failure: BaseException | None = None
    while waiting or running:
        while waiting and len(running) < jobs and failure is None:
            if waiting[-1][2] in ready.after:
                ready.now()  # every writer that needs no preparation has started
            target, write, path = waiting.pop()
            read_end, write_end = os.pipe()
            start = time.perf_counter()
            pid = os.fork()
            if pid == 0:  # the child: write the file, report how it went, and leave at once
                os.close(read_end)
                os._exit(_child(target, write, write_end))
            os.close(write_end)
            running[pid] = (read_end, path, start)
        if not running:
            break
        if failure is None and any(path in ready.after for _, _, path in waiting):
            ready.now()  # every slot is busy: this process would only wait
        pid, status = os.wait()
        read_end, path, start = running.pop(pid)
        report = _read_all(read_end)
        if status != 0 and failure is None:
            failure = _failure(report, status, path)
        elif status == 0 and written is not None:
            written(path, time.perf_counter() - start)
    return failure


def _child(target: Path, write: Writer, pipe: int) -> int:
    """In a forked child: write `target`; on an exception, send it (pickled) through `pipe`."""
    try:
        _write_file(target, write)
        return 0
    except BaseException as error:  # everything must reach the parent
        try:
            report = pickle.dumps(error)
        except Exception:  # an exception that cannot be pickled
            report = pickle.dumps(HormgraphError(f"{target.name}: {error!r}"))
        os.write(pipe, report)
        return 1
    finally:
        os.close(pipe)


def _read_all(pipe: int) -> bytes:
    chunks = []
    while chunk := os.read(pipe, 1 << 16):
        chunks.append(chunk)
    os.close(pipe)
    return b"".join(chunks)


def _failure(report: bytes, status: int, path: Path) -> BaseException:
    if report:
        try:
            error = pickle.loads(report)  # our own child's report
            if isinstance(error, BaseException):
                return error
        except Exception:  # fall back to the status below
            pass
    return HormgraphError(f"{path.name}: the process writing it ended with status {status}")


def independent_reader(stream: IO[bytes]) -> IO[bytes]:
    """A new stream over `stream`'s bytes from the start, with a position of its own, so that
    forked processes can each read it whole (a forked child shares its parent's file offsets).
    A stream held in memory is copied."""
    rolled = getattr(stream, "_rolled", True)  # a SpooledTemporaryFile still in memory?
    if rolled:
        try:
            descriptor = stream.fileno()
        except (OSError, ValueError, AttributeError):
            descriptor = -1
        if descriptor >= 0:
            return io.BufferedReader(_PositionalReader(descriptor), buffer_size=1 << 20)
    stream.seek(0)
    return io.BytesIO(stream.read())


class _PositionalReader(io.RawIOBase):
    """Reads a file descriptor with `os.pread` from an offset of its own (closing it leaves
    the descriptor open: it belongs to the stream it was taken from)."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor, self.offset = descriptor, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = os.pread(self.descriptor, len(buffer), self.offset)
        buffer[:len(data)] = data
        self.offset += len(data)
        return len(data)


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """An exclusive lock on `directory` for the duration (waits for another build's turn)."""
    handle = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _remove_stale(folder: Path) -> None:
    """Remove what a killed build left beside `folder` (its half-written new folders)."""
    for stale in folder.parent.glob(f".{folder.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(new: Path, folder: Path) -> None:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); where that is missing,
    rename the old one aside and the new one in (a moment without the folder, never a mix)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(-100, os.fsencode(new), -100, os.fsencode(folder),
                                           _RENAME_EXCHANGE) == 0:
        return
    aside = new.with_name(new.name + ".old")
    os.rename(folder, aside)
    os.rename(new, folder)
    os.rename(aside, new)

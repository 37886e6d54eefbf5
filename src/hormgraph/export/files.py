"""Write output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import ctypes
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

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


def write_set(writers: Mapping[Path, Callable[[IO[bytes]], None]]) -> list[Path]:
    """Write a set of files into one folder as one set: every file is streamed by its writer
    into a new folder beside it, which then takes the folder's place in one atomic exchange, so
    readers (and a build killed at any moment) see the old set or the new one, never a mix.
    Other files in the folder are carried over; builds into one folder take turns (a lock)."""
    folders = {path.parent for path in writers}
    if len(folders) != 1:
        raise HormgraphError("the outputs of one set must share a folder")
    (folder,) = folders
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _locked(folder.parent):
        _remove_stale(folder)
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
        try:
            for path, write in writers.items():
                with open(new / path.name, "wb") as out:
                    write(out)
                os.chmod(new / path.name, 0o644)
            os.chmod(new, 0o755)
            if folder.is_dir():
                for other in folder.iterdir():
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

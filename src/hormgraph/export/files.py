"""Write output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
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
    """Write a set of files, each streamed by its writer into a temporary file beside its
    target; only once every one is complete are they renamed into place, so a failure leaves
    the old files (and no temporary one)."""
    done: list[tuple[str, Path]] = []
    try:
        for path, write in writers.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            done.append((temporary, path))
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.chmod(temporary, 0o644)
        for temporary, path in done:
            os.replace(temporary, path)
    except OSError as error:
        raise HormgraphError(f"{error.filename or path}: cannot write ({error.strerror})") \
            from error
    finally:
        for temporary, _ in done:
            Path(temporary).unlink(missing_ok=True)
    return list(writers)

"""Write output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

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

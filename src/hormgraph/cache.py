"""The build's cache: each built entry on disk, so a rebuild re-extracts only what changed."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from hormgraph import __version__
from hormgraph.emit import EntryTriples
from hormgraph.errors import HormgraphError
from hormgraph.model import AnnotatedEntry, Entry
from hormgraph.workers import Made


def cache_folder(out: Path) -> Path:
    """Where a build into `out` keeps its cache: a hidden folder beside it."""
    return out.parent / f".{out.name}.cache"


class EntryCache:
    """Built entries on disk, one file each, keyed by the entry (its file's bytes and title),
    its IRIs, the vocabulary's digest and the code's: safe to delete; a file that cannot be
    read is built again (with one warning for them all)."""

    def __init__(self, folder: Path, vocabulary_digest: str) -> None:
        self.folder, self.vocabulary = folder, vocabulary_digest
        self.corrupt = 0

    def key(self, entry: Entry, term: str, source: str) -> str:
        hasher = hashlib.sha256(pickle.dumps((entry, term, source), protocol=5))
        hasher.update(f"{self.vocabulary}:{code_digest()}".encode())
        return hasher.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Made | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            made = pickle.loads(data)
        except Exception:
            self.corrupt += 1
            return None
        ok = (isinstance(made, tuple) and len(made) == 2
              and isinstance(made[0], AnnotatedEntry) and isinstance(made[1], EntryTriples))
        if not ok:
            self.corrupt += 1
            return None
        return (made[0], made[1])

    def put(self, key: str, made: Made) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
            with os.fdopen(handle, "wb") as out:
                out.write(pickle.dumps(made, protocol=5))
            os.replace(temporary, path)
        except OSError as error:
            raise HormgraphError(f"{self.folder}: cannot write the cache "
                                 f"({error.strerror}); build with --no-cache") from error

    def keep_only(self, keys: Sequence[str]) -> None:
        """Remove the cache files of entries this build did not have (and stray temp files)."""
        wanted = {self._path(key) for key in keys}
        for path in self.folder.glob("*/*"):
            if path not in wanted:
                path.unlink(missing_ok=True)

    @property
    def warnings(self) -> tuple[str, ...]:
        return (f"{self.folder}: {self.corrupt} cached entr{'y' if self.corrupt == 1 else 'ies'}"
                " could not be read; built again",) if self.corrupt else ()


@cache
def code_digest() -> str:
    """A SHA-256 of hormgraph's own source, so a cache never outlives the code that made it."""
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()




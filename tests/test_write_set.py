"""Output sets written by parallel processes: a writer's failure in its process reaches the
caller, and the old set stays whole."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from hormgraph.errors import HormgraphError
from hormgraph.export.files import write_set


def _text(content: bytes) -> Callable[[IO[bytes]], None]:
    def write(out: IO[bytes]) -> None:
        out.write(content)
    return write


@pytest.fixture(autouse=True)
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writers run in forked processes even where the suite has other threads running
    (the build forks only with one thread; these writers take no lock)."""
    monkeypatch.setattr("hormgraph.export.files._can_fork", lambda: True)


def _failing(out: IO[bytes]) -> None:
    out.write(b"half")
    raise HormgraphError("b.txt: the writer gave up")


def test_parallel_writers_write_every_file_and_report_each(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    seen: list[str] = []
    writers = {folder / f"{n}.txt": _text(str(n).encode() * 1000) for n in range(5)}
    write_set(writers, jobs=2, written=lambda path, seconds: seen.append(path.name))
    assert sorted(seen) == sorted(p.name for p in writers)
    assert all((folder / f"{n}.txt").read_bytes() == str(n).encode() * 1000 for n in range(5))


def test_a_failing_writer_in_its_process_leaves_the_old_set(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    write_set({folder / "a.txt": _text(b"old a"), folder / "b.txt": _text(b"old b")})
    with pytest.raises(HormgraphError, match="the writer gave up"):
        write_set({folder / "a.txt": _text(b"new a"), folder / "b.txt": _failing,
                   folder / "c.txt": _text(b"new c")}, jobs=2)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"a.txt": b"old a",
                                                                 "b.txt": b"old b"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing left beside it


def test_a_writer_process_that_dies_is_an_error_naming_the_file(tmp_path: Path) -> None:
    parent = os.getpid()

    def dies(out: IO[bytes]) -> None:
        if os.getpid() != parent:  # never end the test run itself
            os._exit(3)
        raise AssertionError("the writer ran in the test's own process")

    with pytest.raises(HormgraphError, match=r"b\.txt: the process writing it ended"):
        write_set({tmp_path / "out" / "a.txt": _text(b"a"), tmp_path / "out" / "b.txt": dies},
                  jobs=2)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_preparation_overlaps_the_first_writers_and_precedes_the_rest(
        tmp_path: Path, jobs: int) -> None:
    """`prepare` runs while the writers that do not need it write (forked: a writer waiting
    for its mark ends only because it ran meanwhile), and before any writer that needs it."""
    mark = tmp_path / "prepared"

    def waits_for_the_mark(out: IO[bytes]) -> None:
        for _ in range(500 if jobs > 1 else 1):
            if mark.exists():
                break
            time.sleep(0.02)
        out.write(b"mark seen" if mark.exists() else b"no mark")

    def needs_the_mark(out: IO[bytes]) -> None:
        out.write(mark.read_bytes())

    folder = tmp_path / "out"
    writers = {folder / "a.txt": waits_for_the_mark, folder / "b.txt": waits_for_the_mark,
               folder / "c.txt": needs_the_mark, folder / "d.txt": needs_the_mark}
    calls: list[int] = []

    def prepare() -> None:
        calls.append(1)
        mark.write_bytes(b"ready")

    write_set(writers, jobs=jobs, prepare=prepare, after=frozenset(
        {folder / "c.txt", folder / "d.txt"}))
    assert calls == [1]
    seen = b"mark seen" if jobs > 1 else b"no mark"
    assert [(folder / n).read_bytes() for n in ("a.txt", "b.txt", "c.txt", "d.txt")] == \
        [seen, seen, b"ready", b"ready"]

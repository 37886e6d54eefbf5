"""N-Triples shards for the triple stores' bulk loaders (`oxigraph load`, Virtuoso's `ld_dir`):
a large graph cut into files of about N triples each, a subject's triples never split, written
as one set (see `hormgraph.export.files.write_set`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import IO

from hormgraph.errors import HormgraphError
from hormgraph.export.files import write_set

#: A blank node outside a literal: its label means the same node only within one file.
_BLANK = re.compile(rb'^_:|^<[^>]*> <[^>]*> _:')


def shard_ranges(ntriples: IO[bytes], triples: int) -> Iterator[tuple[int, int]]:
    """The byte ranges (start, end) of the shards of an N-Triples stream: about `triples`
    triples each, a shard ending only where the subject changes. Raises on a blank node, whose
    label would name a different node in each shard."""
    if triples < 1:
        raise HormgraphError("a shard must hold at least one triple")
    start = offset = count = 0
    subject = b""
    for number, line in enumerate(ntriples, 1):
        if _BLANK.match(line):
            raise HormgraphError(f"line {number}: a blank node; shards would break it apart "
                                 "(load the file whole)")
        this = line.split(b" ", 1)[0]
        if count >= triples and this != subject and offset > start:
            yield start, offset
            start, count = offset, 0
        if line.strip() and not line.startswith(b"#"):
            count += 1
            subject = this
        offset += len(line)
    if offset > start:
        yield start, offset


def _copy_range(source: Path, start: int, end: int, out: IO[bytes]) -> None:
    with open(source, "rb") as handle:
        handle.seek(start)
        left = end - start
        while left:
            chunk = handle.read(min(left, 1 << 20))
            if not chunk:
                raise HormgraphError(f"{source}: changed while being cut into shards")
            out.write(chunk)
            left -= len(chunk)


def write_shards(ntriples: Path, folder: Path, triples: int = 1_000_000,
                 jobs: int = 1) -> list[Path]:
    """Cut the N-Triples file `ntriples` into `folder` as `part-00001.nt`, … of about `triples`
    triples each. The folder is replaced as one set: no shard of an earlier cut stays behind."""
    try:
        with open(ntriples, "rb") as handle:
            ranges = list(shard_ranges(handle, triples))
    except OSError as error:
        raise HormgraphError(f"{ntriples}: cannot read ({error.strerror})") from error
    except HormgraphError as error:
        raise HormgraphError(f"{ntriples}: {error}") from error
    if not ranges:
        raise HormgraphError(f"{ntriples}: holds no triples")
    width = max(5, len(str(len(ranges))))
    writers = {folder / f"part-{i:0{width}d}.nt": partial(_copy_range, ntriples, start, end)
               for i, (start, end) in enumerate(ranges, 1)}
    # The set replaces the folder whole: no shard of a longer earlier cut stays behind.
    return write_set(writers, jobs, carry_over=False)

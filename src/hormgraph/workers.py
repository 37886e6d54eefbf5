"""Where entries are annotated and their triples written: in this process, in forked worker
processes (`--jobs`), or on a Dask distributed cluster (`--dask`); always in order."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator, Sequence

from hormgraph.emit import EntryTriples, entry_triples
from hormgraph.errors import HormgraphError
from hormgraph.extractor import Extractor
from hormgraph.model import AnnotatedEntry, Entry
from hormgraph.vocabulary import Vocabulary, vocabulary_from_sources

#: What each worker process needs (set before the processes fork, so it is not pickled).
_WORK: tuple[Extractor, dict[str, str], dict[str, str]] | None = None
#: Entries a worker takes at a time.
CHUNK = 8
Made = tuple[AnnotatedEntry, EntryTriples]


def _work(entry: Entry) -> Made:
    assert _WORK is not None
    return _made(_WORK, entry)


def _made(work: tuple[Extractor, dict[str, str], dict[str, str]], entry: Entry) -> Made:
    extractor, terms, sources = work
    item = extractor.annotate(entry)
    return item, entry_triples(item, terms[entry.source], sources[entry.source])


def annotate_and_emit(entries: Sequence[Entry], vocabulary: Vocabulary, terms: dict[str, str],
                       sources: dict[str, str], jobs: int, dask: str | None = None,
                       extractor: Extractor | None = None) -> Iterator[Made]:
    """Each entry annotated and its triples written, in order: on a Dask cluster, by `jobs`
    processes (forked, where the platform can), or in this one (also for a handful)."""
    global _WORK
    if not entries:
        return
    if dask is not None:
        yield from _on_dask(dask, entries, vocabulary, terms, sources)
        return
    work = (extractor or Extractor.from_vocabulary(vocabulary), terms, sources)
    if jobs <= 1 or len(entries) < 4 * CHUNK or "fork" not in mp.get_all_start_methods():
        # In this process, without the global: a build left unfinished (its generator closed
        # later, by the garbage collector) must not clear the work of the next build.
        for entry in entries:
            yield _made(work, entry)
        return
    _WORK = work
    try:
        with mp.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_work, entries, chunksize=CHUNK)
    finally:
        _WORK = None


#: A Dask task's share of the entries.
DASK_CHUNK = 64
_EXTRACTORS: dict[str, Extractor] = {}


def _dask_chunk(entries: list[Entry], terms: dict[str, str], sources: dict[str, str],
                vocabulary: tuple[tuple[str, str], ...], digest: str) -> list[Made]:
    """A Dask task: annotate and emit some entries, with the vocabulary rebuilt once per worker
    process from its Turtle (a worker on another machine needs no files of ours)."""
    global _WORK
    if digest not in _EXTRACTORS:
        _EXTRACTORS[digest] = Extractor.from_vocabulary(vocabulary_from_sources(vocabulary))
    _WORK = (_EXTRACTORS[digest], terms, sources)
    try:
        return [_work(entry) for entry in entries]
    finally:
        _WORK = None


def _on_dask(address: str, entries: Sequence[Entry], vocabulary: Vocabulary,
             terms: dict[str, str], sources: dict[str, str]) -> Iterator[Made]:
    try:
        from distributed import Client
    except ImportError as error:
        raise HormgraphError("--dask needs the distributed package: pip install "
                             "'hormgraph[dask]'") from error
    try:
        client = Client(address, timeout=30)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise HormgraphError(f"{address}: cannot reach the Dask scheduler ({error})") from error
    with client:
        shared = client.scatter(vocabulary.sources, broadcast=True)  # type: ignore[no-untyped-call]
        chunks = [list(entries[i:i + DASK_CHUNK]) for i in range(0, len(entries), DASK_CHUNK)]
        futures = [client.submit(
            _dask_chunk, chunk, {e.source: terms[e.source] for e in chunk},
            {e.source: sources[e.source] for e in chunk}, shared, vocabulary.digest,
            pure=False) for chunk in chunks]
        for future in futures:
            yield from future.result()



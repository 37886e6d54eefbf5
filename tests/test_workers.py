"""Where entries are annotated: a build left unfinished (its generator of entries closed later,
by the garbage collector, as after an error) must not disturb a build running meanwhile."""

from __future__ import annotations

from hormgraph.graph import ordered
from hormgraph.model import AnnotatedEntry
from hormgraph.pipeline import Extractor, build, read_entries
from hormgraph.vocabulary import Vocabulary
from hormgraph.workers import annotate_and_emit

from .conftest import SEEDS


def test_a_build_left_unfinished_does_not_break_the_next(vocabulary: Vocabulary,
                                                          extractor: Extractor) -> None:
    entries, _ = read_entries(SEEDS)
    _, terms, sources = ordered([AnnotatedEntry(entry, ()) for entry in entries])
    left = annotate_and_emit(entries, vocabulary, terms, sources, 1, extractor=extractor)
    next(left)

    def close_the_unfinished_one(phase: str, done: int, total: int) -> None:
        if phase == "extract" and done == 1:
            left.close()  # what the garbage collector does to a build an error abandoned

    result = build(SEEDS, vocabulary, progress=close_the_unfinished_one, extractor=extractor)
    alone = build(SEEDS, vocabulary, extractor=extractor)
    for made in (result, alone):
        made.ntriples.seek(0)
    assert len(result.entries) == len(entries) > 1
    assert result.ntriples.read() == alone.ntriples.read()

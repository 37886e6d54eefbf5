"""Benchmark hormgraph's tagger against a regex alternation and spaCy's PhraseMatcher."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import math
import os
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from hormgraph.extract import split_sentences
from hormgraph.model import Concept, EntityType
from hormgraph.pipeline import read_entries
from hormgraph.tagger import Tagger, spellings
from hormgraph.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "dev")
#: Three paragraphs (definition, Origin, Mechanism) make an entry-sized chunk of ~1.5 KB.
PARAGRAPH_CHARS = 400
#: A method runs on a prefix of PREFIX_BYTES when the whole corpus would take over the budget.
PREFIX_BYTES = 1_000_000
PROBE_BYTES = 100_000
BUDGET_SECONDS = 180.0
DESCRIPTION = """\
Generates a deterministic corpus in the seeds' style (the sentences of seeds/ and
tests/data/dev/, recombined, each vocabulary mention swapped for a random label of the same type,
non-ASCII characters kept), then times on it, in one run, best of N rounds of CPU time:
hormgraph's Tagger (normalisation included) per entry-sized chunk and on one string; the Tagger
with every tenth concept; one compiled regular-expression alternation of every label spelling;
spaCy's PhraseMatcher over a blank English pipeline (tokenisation included); and, as a control,
the full and the tenth Tagger on a corpus whose names all come from the tenth and hold no other
name of the full vocabulary, so that both find the same names.
"""
TARGETS = "tagger >= 20x regex, >= 2x spaCy, >= 25 MB/s, full vocabulary within 20% of a tenth"

Template = list[str | EntityType]
T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    """One method's best time on one text."""

    name: str
    size: int
    seconds: float
    hits: int
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.size / 1e6 / self.seconds


def templates(tagger: Tagger) -> list[Template]:
    """The sentences of the seeds and the development set, their mentions turned into slots."""
    found: list[Template] = []
    for folder in SOURCES:
        entries, _ = read_entries(folder)
        for entry in entries:
            for text in entry.sections.values():
                for start, end in split_sentences(text):
                    found.append(_template(text[start:end], tagger))
    return found


def _template(sentence: str, tagger: Tagger) -> Template:
    parts: Template = []
    last = 0
    for start, end, candidates in tagger.tag(sentence):
        if start < last:
            continue
        parts += [sentence[last:start], candidates[0].type]
        last = end
    parts.append(sentence[last:])
    return parts


def corpus(concepts: Iterable[Concept], tagger: Tagger, size: int, seed: int,
           whole: bool = False) -> list[str]:
    """Entry-sized chunks (definition, Origin, Mechanism) totalling at least `size` bytes, the
    names in them drawn from `concepts`; with `whole`, only names in which `tagger` finds
    nothing but the name itself ("insulin signaling" names insulin too, "insulin" does not)."""
    labels: dict[EntityType, list[str]] = defaultdict(list)
    for concept in concepts:
        labels[concept.type].extend(label for label in concept.labels
                                    if not whole or _alone(label, tagger))
    pool = templates(tagger)
    rng = random.Random(seed)

    def paragraph() -> str:
        sentences: list[str] = []
        while sum(map(len, sentences)) < PARAGRAPH_CHARS:
            template = rng.choice(pool)
            # EntityType is a str too: test for the slot, not the text.
            sentences.append("".join(rng.choice(labels[p]) if isinstance(p, EntityType) else p
                                     for p in template))
        return " ".join(sentences)

    chunks: list[str] = []
    total = 0
    while total < size:
        chunk = f"{paragraph()}\nOrigin\n{paragraph()}\nMechanism\n{paragraph()}"
        chunks.append(chunk)
        total += len(chunk.encode("utf-8")) + 1
    return chunks


def _alone(label: str, tagger: Tagger) -> bool:
    return [(start, end) for start, end, _ in tagger.tag(label)] == [(0, len(label))]


def cpu_seconds(run: Callable[[], int]) -> tuple[float, int]:
    """The CPU time of one run (other load on a shared machine does not count) and its hits."""
    gc.collect()
    start = time.process_time()
    hits = run()
    return time.process_time() - start, hits


def size_of(chunks: Sequence[str]) -> int:
    return sum(len(c.encode("utf-8")) for c in chunks)


def prefix(chunks: Sequence[str], size: int) -> list[str]:
    """The first chunks that together hold at least `size` bytes."""
    out: list[str] = []
    while size_of(out) < size and len(out) < len(chunks):
        out.append(chunks[len(out)])
    return out


@dataclass(frozen=True)
class Method:
    """A matcher to time: `run` takes texts and returns the hits it found in them."""

    name: str
    run: Callable[[Sequence[str]], int]
    joined: bool = False


def plan(method: Method, chunks: Sequence[str], repeat: int) -> tuple[list[str], str]:
    """The texts to time a method on: the chunks (or them joined into one string), or a prefix
    when a probe projects more than the budget. Chunks are independent, so their cost is
    linear; one string may cost more, so two probes measure how fast its cost grows."""

    def texts(part: Sequence[str]) -> list[str]:
        return ["\n".join(part)] if method.joined else list(part)

    probe, half = prefix(chunks, 2 * PROBE_BYTES), prefix(chunks, PROBE_BYTES)
    large = texts(probe)
    t_large, _ = cpu_seconds(lambda: method.run(large))
    growth = 1.0
    if method.joined and len(half) < len(probe):  # else the corpus is too small to tell
        small = texts(half)
        t_small, _ = cpu_seconds(lambda: method.run(small))
        ratio = math.log(t_large / max(t_small, 1e-9)) / math.log(size_of(large) / size_of(small))
        growth = max(1.0, ratio)
    projected = t_large * (size_of(chunks) / size_of(large)) ** growth * repeat
    if projected <= BUDGET_SECONDS:
        return texts(chunks), ""
    chosen = texts(prefix(chunks, PREFIX_BYTES))
    return chosen, (f"on a {size_of(chosen) / 1e6:.2f} MB prefix: the whole corpus would take "
                    f"~{projected / 60:.0f} min" + (f", cost ~ size^{growth:.1f}"
                                                    if method.joined else ""))


def measure(methods: Sequence[Method], chunks: Sequence[str], repeat: int) -> list[Result]:
    """Best of `repeat` rounds, each running every method once, so that a change of load on
    the machine during the run affects all methods alike."""
    plans = [plan(m, chunks, repeat) for m in methods]
    best = [math.inf] * len(methods)
    hits = [0] * len(methods)
    for _ in range(repeat):
        for i, (method, (texts, _)) in enumerate(zip(methods, plans, strict=True)):
            seconds, hits[i] = cpu_seconds(partial(method.run, texts))
            best[i] = min(best[i], seconds)
    return [Result(m.name, size_of(texts), seconds, found, note)
            for m, (texts, note), seconds, found in zip(methods, plans, best, hits, strict=True)]


def tagging(tagger: Tagger) -> Callable[[Sequence[str]], int]:
    return lambda texts: sum(len(tagger.tag(t)) for t in texts)


def searching(pattern: re.Pattern[str]) -> Callable[[Sequence[str]], int]:
    return lambda texts: sum(1 for t in texts for _ in pattern.finditer(t))


def phrase_matching(phrases: Sequence[str]) -> Callable[[Sequence[str]], int]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("VOCABULARY", [nlp.make_doc(p) for p in phrases])
    return lambda texts: sum(len(matcher(nlp.make_doc(t))) for t in texts)


def alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """One word-bounded, case-insensitive alternation, longest phrase first."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)


def timed(build: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    built = build()
    return built, time.perf_counter() - start


def report(results: list[Result], setup: dict[str, float]) -> None:
    print(f"\n{'method':<35} {'text MB':>8} {'best CPU s':>10} {'MB/s':>8} {'hits':>10}")
    for r in results:
        print(f"{r.name:<35} {r.size / 1e6:>8.2f} {r.seconds:>10.3f} {r.mb_per_s:>8.2f} "
              f"{r.hits:>10,}" + (f"  ({r.note})" if r.note else ""))
    print("\nsetup (one-off, not in the figures): "
          + ", ".join(f"{k} {v:.2f} s" for k, v in setup.items()))
    by = {r.name: r for r in results}
    tagger = by["tagger, full vocabulary, chunks"].mb_per_s
    tenth = by["tagger, tenth vocabulary, chunks"]
    ratios = {
        "tagger / regex": tagger / by["regex alternation, chunks"].mb_per_s,
        "tagger / spaCy": tagger / by["spaCy PhraseMatcher, chunks"].mb_per_s,
        "full / tenth on the control": by["control: full vocabulary, chunks"].mb_per_s
        / by["control: tenth vocabulary, chunks"].mb_per_s,
        "full / tenth on the main corpus": tagger / tenth.mb_per_s,
    }
    print("ratios (chunks): " + ", ".join(f"{k} = {v:.2f}x" for k, v in ratios.items()))
    more = by["tagger, full vocabulary, chunks"].hits / max(tenth.hits, 1)
    print(f"  (on the main corpus the full vocabulary finds {more:.1f}x the names the tenth "
          "finds, and each name found is a hit to build: that ratio measures output, not the "
          "vocabulary; the control holds the names found equal and varies only the vocabulary)")
    met = {
        ">= 20x regex": ratios["tagger / regex"] >= 20,
        ">= 2x spaCy": ratios["tagger / spaCy"] >= 2,
        ">= 25 MB/s": tagger >= 25,
        "full within 20% of tenth (control)": ratios["full / tenth on the control"] >= 0.8,
    }
    print(f"targets ({TARGETS}): "
          + ", ".join(f"{k} {'met' if ok else 'NOT met'}" for k, ok in met.items()))


def main(argv: Sequence[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__, epilog=DESCRIPTION,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--mb", type=float, default=10.0, help="corpus size (default 10)")
    options.add_argument("--repeat", type=int, default=3, help="timed runs per method (best)")
    options.add_argument("--seed", type=int, default=4, help="corpus random seed")
    args = options.parse_args(argv)
    if args.repeat < 1 or args.mb <= 0:
        options.error("--repeat must be >= 1 and --mb > 0")
    if importlib.util.find_spec("spacy") is None:
        options.error("the spaCy baseline needs spaCy: pip install -e '.[bench]'")

    concepts = list(load_vocabulary().concepts.values())
    tenth = concepts[::10]
    full, build_full = timed(lambda: Tagger(concepts))
    small, build_tenth = timed(lambda: Tagger(tenth))
    # The tagger indexes adjectives too ("dermal" -> dermis): the baselines get the same words.
    labels = [w for c in concepts if c.extractable for w in (*c.labels, *c.adjectives)]
    phrases = sorted({*labels, *(s for label in labels for s in spellings(label))})
    pattern, compile_regex = timed(lambda: alternation(phrases))
    chunks, generate = timed(lambda: corpus(concepts, full, int(args.mb * 1e6), args.seed))
    # A control: names drawn from the tenth only, and only names that hold no other name of the
    # full vocabulary, so both taggers find the same entities and the difference left is the
    # vocabulary's size, not the number of hits.
    control = corpus(tenth, full, int(args.mb * 1e6), args.seed, whole=True)
    text = "\n".join(chunks)
    non_ascii = sum(not c.isascii() for c in text)
    print(f"corpus: {size_of([text]) / 1e6:.2f} MB UTF-8 ({len(text):,} characters, "
          f"{non_ascii:,} non-ASCII), {len(chunks):,} chunks of ~{len(text) // len(chunks)} "
          f"characters, seed {args.seed}")
    print(f"vocabulary: {len(concepts)} concepts, tagger keys {full.size:,} (tenth: "
          f"{len(tenth)} concepts, {small.size:,} keys); baselines: {len(phrases):,} phrases "
          f"(labels + spellings); best of {args.repeat} runs; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    matching, build_spacy = timed(lambda: phrase_matching(phrases))
    methods = [
        Method("tagger, full vocabulary, chunks", tagging(full)),
        Method("tagger, full vocabulary, one string", tagging(full), joined=True),
        Method("tagger, tenth vocabulary, chunks", tagging(small)),
        Method("regex alternation, chunks", searching(pattern)),
        Method("spaCy PhraseMatcher, chunks", matching),
    ]
    results = measure(methods, chunks, args.repeat) + measure([
        Method("control: full vocabulary, chunks", tagging(full)),
        Method("control: tenth vocabulary, chunks", tagging(small)),
    ], control, args.repeat)
    report(results, {"tagger build": build_full, "tenth build": build_tenth,
                     "regex compile": compile_regex, "spaCy patterns": build_spacy,
                     "corpus": generate})
    return 0


if __name__ == "__main__":
    sys.exit(main())

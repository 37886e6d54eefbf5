"""The compiled label index: every spelling of every label in one Aho-Corasick automaton.

Matching cost grows with the text, not with the vocabulary: a DFA walks the folded text once and
reports the leftmost-longest keys; keys are padded with a space before, so every match starts on a
word, and whether it ends on one is one look at the next character.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import NamedTuple

import ahocorasick_rs

from hormgraph.elisions import elisions, restored, without
from hormgraph.model import Concept, EntityType
from hormgraph.normalize import fold, fold_label, is_symbol
from hormgraph.wordforms import (
    british,
    class_words,
    parent_spellings,
    plural,
    receptor_names,
    spellings,
    verb_forms,
)

__all__ = ["PROCESS_HEADS", "Candidate", "Hit", "Key", "Tagger", "british", "plural",
           "receptor_names", "spellings", "verb_forms"]

#: Nominal heads of process names that also come as "HEAD of ARGUMENT" ("synthesis of collagen").
PROCESS_HEADS = frozenset(
    "synthesis biosynthesis production secretion clearance loss turnover degradation breakdown"
    " healing"
    " metabolism formation uptake conversion release remodeling remodelling elimination"
    " excretion signaling signalling transport activation regulation storage deposition growth"
    " repair renewal proliferation differentiation oxidation hydroxylation sulfation"
    " glucuronidation methylation aromatization aromatisation inactivation detoxification"
    " absorption reabsorption digestion homeostasis contraction".split()
)
#: Words that end the modifiers between a head's "of" and its argument.
_STOP = frozenset("and or but by in into to from with for as which that while when than".split())


@dataclass(frozen=True)
class Candidate:
    """A concept a key may stand for, and how the key came from it."""

    concept: str
    type: EntityType
    label: str
    symbol: bool = False
    short: bool = False
    adjective: bool = False
    participle: bool = False  # the "-ized" form of a process verb ("aromatized")

    @property
    def form(self) -> str:
        """A symbol's letters and digits, for the case-exact check (DHEA-S -> DHEAS)."""
        return _symbol_form(self.label)


@dataclass(frozen=True, slots=True)
class Key:
    """What one automaton key stands for: concepts, and/or a process head word."""

    candidates: tuple[Candidate, ...]
    width: int  # of the key's words, in the folded text
    head: str | None = None
    case_checked: bool = False
    plain: bool = True  # neither a head word nor in need of a case check: the fast path
    inner: bool = False  # may stand nested in a longer name (not a process, not an adjective)
    words: int = 1
    blocker: bool = False  # a stop phrase: claims its words, names nothing
    floor: int = -1  # where nested names may begin in this key's span, or -1: none may
    #: The names standing on their own inside this key's words, past the floor: (start, end,
    #: candidates) relative to where the key's words start.
    nested: tuple[Span, ...] = ()


class Hit(NamedTuple):
    """A name found in a text: the span [start, end) of the text, and the concepts it may name."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


#: A hit in the middle of tagging, in the folded text's positions: a plain tuple, since tagging
#: makes and drops many.
Span = tuple[int, int, tuple[Candidate, ...]]
#: A plain span as a Hit, without a Python-level call per hit.
_as_hit = partial(tuple.__new__, Hit)



class Tagger:
    """Finds every vocabulary label, in any accepted spelling, in a text."""

    def __init__(self, concepts: Iterable[Concept], stop_phrases: Iterable[str] = ()) -> None:
        """Index the labels of `concepts`; `stop_phrases` ("at the heart of", "sex
        hormone-binding globulin") claim their words so that nothing inside them is tagged."""
        concepts = list(concepts)
        entries: dict[str, list[Candidate]] = defaultdict(list)
        blocked = {key for phrase in stop_phrases for key in spellings(phrase)}
        parents = parent_spellings(concepts)
        arguments: dict[str, dict[str, Candidate]] = defaultdict(dict)
        for concept in concepts:
            if not concept.extractable:
                continue
            verbs = [verb for label in concept.labels for verb in verb_forms(label)]
            for verb in verbs if concept.type is EntityType.PROCESS else ():
                for key in spellings(verb):
                    entries[key].append(Candidate(concept.iri, concept.type, verb,
                                                  participle=verb.endswith("ed")))
            for label in concept.labels:
                symbol = is_symbol(label)
                alnum = re.sub(r"[^0-9A-Za-z]", "", label)
                candidate = Candidate(concept.iri, concept.type, label, symbol=symbol,
                                      short=symbol and len(alnum) <= 2)
                for key in spellings(label):
                    entries[key].append(candidate)
                self._add_argument(arguments, concept, label)
            for named in receptor_names(concept):
                candidate = Candidate(concept.iri, concept.type, named)
                for key in spellings(named):
                    entries[key].append(candidate)
            for adjective in concept.adjectives:
                candidate = Candidate(concept.iri, concept.type, adjective, adjective=True)
                for key in spellings(adjective):
                    entries[key].append(candidate)
        self._arguments = dict(arguments)
        #: Tissue concepts the vocabulary divides into many kinds named by a modifier before the
        #: concept's label ("kisspeptin neuron", "AgRP neuron" ...): class words.
        self.class_words = class_words(concepts)
        self._argument_firsts = {head: frozenset(arg.split(" ", 1)[0] for arg in args)
                                 for head, args in arguments.items()}
        self._keys: dict[str, Key] = {}
        for key in sorted(set(entries) | set(self._arguments) | blocked):
            unique = {(c.concept, c.symbol): c for c in reversed(entries.get(key, []))}
            candidates = tuple(sorted(unique.values(), key=lambda c: (c.adjective, c.concept)))
            if key in blocked:
                candidates = ()
            head = key if key in self._arguments else None
            checked = any(c.symbol for c in candidates)
            self._keys[key] = Key(
                candidates, len(key), head=head,
                case_checked=checked, plain=head is None and not checked and key not in blocked,
                inner=bool(candidates) and not any(
                    c.adjective or c.type is EntityType.PROCESS for c in candidates),
                words=key.count(" ") + 1, blocker=key in blocked,
                floor=_nesting_floor(key, candidates, parents.get(key, ())))
        # Which names stand inside a key depends on the key alone: found once, here.
        self._keys.update({key: replace(info, nested=nested) for key, info in self._keys.items()
                           if info.floor >= 0 and (nested := self._nested(key, info))})
        # Keys are padded with a space before, so that a match starts on a word; whether it ends
        # on one is checked as it comes. A DFA: the cost of each character read does not grow
        # with the number of keys.
        self._infos = list(self._keys.values())
        self._automaton = ahocorasick_rs.AhoCorasick(
            [f" {key}" for key in self._keys],
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA)
        self.size = len(entries)
        #: For a case-checked key (by its id: the keys live as long as the tagger) and a way of
        #: writing it seen so far, the candidates left.
        self._cased: dict[tuple[int, str], tuple[Candidate, ...]] = {}

    @staticmethod
    def _add_argument(arguments: dict[str, dict[str, Candidate]], concept: Concept,
                      label: str) -> None:
        """Index a process name "ARGUMENT HEAD" so that "HEAD of ARGUMENT" is found too."""
        if concept.type is not EntityType.PROCESS or is_symbol(label):
            return
        parts = fold_label(label).split()
        if len(parts) < 2 or parts[-1] not in PROCESS_HEADS:
            return
        candidate = Candidate(concept.iri, concept.type, label)
        argument = parts[:-1]
        for head in {parts[-1], british(parts[-1])}:
            for arg in {" ".join(argument), " ".join([*argument[:-1], plural(argument[-1])])}:
                arguments[head].setdefault(arg, candidate)
                arguments[head].setdefault(british(arg), candidate)

    def tag(self, text: str) -> list[Hit]:
        """The entity hits in `text`, in order: leftmost-longest label matches, the entities
        named inside a process name or after its "of" ("cortisol awakening response"), the first
        half of a coordination ("granulosa and theca cells"), and "HEAD of ARGUMENT" paraphrases.
        A Greek letter in parentheses after its name ("beta (β) cells") and a short name in
        parentheses inside a cell type's name ("parafollicular (C) cells") are read as not there.
        """
        # Tagging allocates many small tuples and creates no cycles: the collector's passes
        # over them would cost more than the tagging itself on long texts.
        collecting = gc.isenabled()
        gc.disable()
        try:
            cuts = elisions(text) if "(" in text else []
            spans = self._tag(text) if not cuts else restored(self._tag(without(text, cuts)), cuts)
            return list(map(_as_hit, spans))
        finally:
            if collecting:
                gc.enable()

    def _tag(self, text: str) -> list[Span]:
        folded, positions = fold(text)
        # Spans are in the folded text's positions; `padded` has a space before and after, so
        # padded[i + 1] is folded[i].
        padded = f" {folded} "
        spans: list[Span] = []
        heads: list[tuple[int, int, str]] = []  # head words followed by "of"
        conjoined: list[int] = []  # starts of many-word spans right after "and" or "or"
        blocked = False
        push = spans.append
        infos, keys = self._infos, self._keys
        # The leftmost-longest matches, left to right, without overlaps, as [start, stop) of
        # `padded` with the space before the words: [start, stop - 1) of the folded text.
        for index, start, stop in self._automaton.find_matches_as_indexes(padded):
            key = infos[index]
            stop -= 1
            if padded[stop + 1] != " ":  # a longer word begins with the key
                if key.words == 1:
                    continue
                # The longest shorter key that ends on a word of this one
                # ("estrogen" in "estrogen receptorial").
                words = padded[start + 1: stop + 1].split(" ")[:-1]
                while words and " ".join(words) not in keys:
                    words.pop()
                if not words:
                    continue
                key = keys[" ".join(words)]
                stop = start + key.width
            candidates = key.candidates
            if not key.plain:
                if key.head is not None and padded.startswith(" of ", stop + 1):
                    heads.append((start, stop, key.head))
                if key.case_checked:
                    surface = text[start:stop] if positions is None else \
                        text[positions[start]: positions[stop - 1] + 1]
                    cased = self._cased.get((id(key), surface))
                    if cased is None:
                        cased = _case_filtered(candidates, surface)
                        if len(self._cased) < _CASE_CACHE:
                            self._cased[id(key), surface] = cased
                    candidates = cased
                blocked = blocked or key.blocker
            if candidates or key.blocker:
                push((start, stop, candidates))
                if key.nested:
                    spans += [(start + s, start + e, c) for s, e, c in key.nested]
                # padded[start - 1] ends the word before: the "d" of "and", the "r" of "or"
                if key.words > 1 and padded[start - 1] in "dr" \
                        and padded.endswith(_CONJUNCTIONS, 0, start + 1):
                    conjoined.append(start)
        if heads or conjoined:
            self._extend(padded, spans, heads, conjoined)
        if blocked:
            spans = [span for span in spans if span[2]]
        if positions is None:
            return spans
        return [(positions[s], positions[e - 1] + 1, c) for s, e, c in spans]

    def _nested(self, name: str, outer: Key) -> tuple[Span, ...]:
        """The names standing on their own inside a key's words (see `_nesting_floor`), their
        positions counted from the key's start."""
        words = name.split(" ")
        starts = [0]
        for word in words:
            starts.append(starts[-1] + len(word) + 1)
        # A class word in a process name is the general kind, not a mention ("nerve" in "nerve
        # conduction"): a text naming a particular one names it by its modifier.
        process = all(c.type is EntityType.PROCESS for c in outer.candidates)
        found: list[Span] = []
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                inner = self._keys.get(" ".join(words[i:j]))
                if (inner is not None and inner.inner and starts[i] >= outer.floor
                        and (i, j) != (0, len(words))
                        and not (process and all(c.concept in self.class_words
                                                 for c in inner.candidates))):
                    found.append((starts[i], starts[j] - 1, inner.candidates))
        found.sort(key=_order)
        kept: list[Span] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return tuple(kept)

    def _extend(self, padded: str, spans: list[Span], heads: list[tuple[int, int, str]],
                conjoined: list[int]) -> None:
        """Add coordinated first conjuncts and paraphrases to the sorted `spans`, in place."""
        starts = [s for s, _, _ in spans]
        extra = self._coordinated(padded, spans, starts, conjoined)
        for start, end, head in heads:
            if _covered(spans, starts, start, end):
                continue
            found = self._paraphrase(padded, end, head, spans, starts)
            if found is not None:
                extra.append((start, found[0], (found[1],)))
        for span in sorted(extra, key=_order):  # into place: a few, so no sort of them all
            i = bisect_left(starts, span[0])
            while i < len(spans) and spans[i][0] == span[0] and spans[i][1] >= span[1]:
                i += 1
            spans.insert(i, span)
            starts.insert(i, span[0])

    def _coordinated(self, padded: str, spans: list[Span], starts: list[int],
                     conjoined: list[int]) -> list[Span]:
        """"granulosa and theca cells": the first conjunct borrows the second's head noun."""
        extra: list[Span] = []
        for after in conjoined:
            i = bisect_left(starts, after)
            if i == len(starts) or starts[i] != after:
                continue  # a longer name took the span in
            at = padded.rfind(" ", 0, after)  # the space before "and"/"or", padded
            if padded[at - 1] == " ":
                at -= 1  # a serial comma: "carbohydrate, lipid, and protein metabolism"
            # Walk back over the conjuncts, "A, B and C x": a comma folds to a space, so two
            # spaces part them.
            while True:
                begin = padded.rfind(" ", 0, at) + 1
                found = self._borrow(padded[begin:at], spans[i], padded)
                if not found:
                    break
                k = bisect_left(starts, begin - 1)
                if k < len(spans) and spans[k][:2] == (begin - 1, at - 1) \
                        and all(c.adjective for c in spans[k][2]):
                    # "gastric and intestinal mucosa": the adjective names the borrowed thing
                    spans[k] = (begin - 1, at - 1, found)
                elif not _covered(spans, starts, begin - 1, at - 1):
                    extra.append((begin - 1, at - 1, found))
                if padded[begin - 2: begin] != "  ":
                    break
                at = begin - 2
        return extra

    def _borrow(self, first: str, second: Span, padded: str) -> tuple[Candidate, ...]:
        """The concepts named by `first` followed by all but the first word of `second`."""
        words = padded[second[0] + 1: second[1] + 1].split(" ", 1)
        if len(words) < 2 or not first:
            return ()
        key = self._keys.get(f"{first} {words[1]}")
        if key is None or any(c.symbol for c in key.candidates):
            return ()
        return key.candidates

    def _paraphrase(self, padded: str, end: int, head: str, spans: list[Span],
                    starts: list[int]) -> tuple[int, Candidate] | None:
        """After a head word ending at `end` and its "of": a few modifiers, then an argument."""
        arguments, firsts = self._arguments[head], self._argument_firsts[head]
        at = end + 4  # past " of ", in the folded text
        following = padded[at + 1: at + 121].split(" ")
        if firsts.isdisjoint(following[:12]):  # the usual case: no argument follows
            return None
        words: list[tuple[str, int]] = []  # the next words, and where they start
        for word in following:
            if word:
                words.append((word, at))
                if len(words) == 7:
                    break
            at += len(word) + 1
        for i, (word, start) in enumerate(words[:5]):
            if word in firsts:
                for size in (3, 2, 1):
                    phrase = words[i: i + size]
                    if len(phrase) != size:
                        continue
                    candidate = arguments.get(" ".join(w for w, _ in phrase))
                    stop = phrase[-1][1] + len(phrase[-1][0])
                    # An argument that ends a longer name ("growth hormone") or begins one
                    # ("estrogen receptor" in "estrogen receptor alpha") is not the argument.
                    if candidate is not None and not _covered(spans, starts, start - 1, start) \
                            and not _runs_past(spans, starts, start, stop):
                        return stop, candidate
            if word in _STOP:
                return None
        return None


_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_CONJUNCTIONS = (" and ", " or ")


@cache
def _symbol_form(label: str) -> str:
    return _NOT_ALNUM.sub("", label)

_CASE_CACHE = 65536  # ways of writing the symbols remembered


def _order(span: Span) -> tuple[int, int]:
    return span[0], -span[1]


def _covered(spans: list[Span], starts: list[int], start: int, end: int) -> bool:
    """Whether a span holds [start, end): spans are sorted by start, and only a few nest."""
    i = bisect_right(starts, start) - 1
    return any(end <= spans[j][1] for j in range(i, max(-1, i - 4), -1))


def _runs_past(spans: list[Span], starts: list[int], start: int, end: int) -> bool:
    """Whether a span that begins at `start` runs past `end`."""
    i = bisect_left(starts, start)
    while i < len(spans) and starts[i] == start:
        if spans[i][1] > end:
            return True
        i += 1
    return False


def _nesting_floor(key: str, candidates: tuple[Candidate, ...],
                   parents: Iterable[str] = ()) -> int:
    """Where, in a name, other entities may be named in their own right: anywhere in a process
    name ("cortisol awakening response"), after the "of" of other names ("arcuate nucleus of the
    hypothalamus"), at a broader concept's name that ends it ("dermal fibroblasts" names
    fibroblasts too: the modifier only narrows them), nowhere else ("androgen" in "androgen
    receptor" is not a mention; gold guidelines). `parents` are the spellings of the broader
    concepts' names.

    >>> tissue = (Candidate("t", EntityType.TISSUE, ""),)
    >>> _nesting_floor("arcuate nucleus of hypothalamus", tissue)
    19
    >>> _nesting_floor("dermal fibroblasts", tissue, ["fibroblast", "fibroblasts"])
    7
    """
    if not candidates:
        return -1
    if all(c.type is EntityType.PROCESS for c in candidates):
        return 0
    floors = [len(key) - len(parent) for parent in parents if key.endswith(f" {parent}")]
    of = key.find(" of ")
    if of >= 0:
        floors.append(of + 4)
    return min(floors, default=-1)



def _case_filtered(candidates: tuple[Candidate, ...], surface: str) -> tuple[Candidate, ...]:
    """The candidates that are not symbols, or are written in the text exactly as curated (a
    plural -s allowed)."""
    form = _NOT_ALNUM.sub("", surface)
    return tuple(c for c in candidates
                 if not c.symbol or form == c.form or form == c.form + "s")

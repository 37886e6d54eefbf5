"""The compiled label index: every spelling of every label in one Aho-Corasick automaton.

Matching cost grows with the text, not with the vocabulary: the automaton walks the folded text
once, and keys are padded with spaces, so every hit it reports already sits on word boundaries.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

import ahocorasick

from hormgraph.model import Concept, EntityType
from hormgraph.normalize import (
    GREEK,
    GREEK_NAMES,
    NAME_MARK,
    Positions,
    fold,
    fold_label,
    is_symbol,
)

#: Nominal heads of process names that also come as "HEAD of ARGUMENT" ("synthesis of collagen").
PROCESS_HEADS = frozenset(
    "synthesis biosynthesis production secretion clearance loss turnover degradation breakdown"
    " metabolism formation uptake conversion release remodeling remodelling elimination"
    " excretion signaling signalling transport activation regulation storage deposition growth"
    " repair renewal proliferation differentiation oxidation hydroxylation sulfation"
    " glucuronidation methylation aromatization aromatisation inactivation detoxification".split()
)
#: Words that end the modifiers between a head's "of" and its argument.
_STOP = frozenset("and or but by in into to from with for as which that while when than".split())
_BRITISH = [
    (re.compile(r"\bestr"), "oestr"),
    (re.compile(r"iz(ation|ations|e|ed|es|ing)\b"), r"is\1"),
    (re.compile(r"yz(e|ed|es|ing)\b"), r"ys\1"),
    (re.compile(r"\bhem"), "haem"),
    (re.compile(r"emia\b"), "aemia"),
    (re.compile(r"\bedema"), "oedema"),
    (re.compile(r"\baging\b"), "ageing"),
    (re.compile(r"trop(in|ic)\b"), r"troph\1"),
    (re.compile(r"(signa|mode|remode|labe)ling\b"), r"\1lling"),
    (re.compile(r"sulf"), "sulph"),
    (re.compile(r"(fib|cent)er\b"), r"\1re"),
    (re.compile(r"\b(esophag|fet)"), r"oe\1"),
    (re.compile(r"leuko"), "leuco"),
    (re.compile(r"tumor\b"), "tumour"),
]
_ATOMS = re.compile(r"[0-9]+|[a-z]+")
_MAX_FLEXIBLE_GAPS = 6


@dataclass(frozen=True)
class Candidate:
    """A concept a key may stand for, and how the key came from it."""

    concept: str
    type: EntityType
    label: str
    symbol: bool = False
    short: bool = False
    adjective: bool = False
    paraphrase: bool = False

    @property
    def form(self) -> str:
        """A symbol's letters and digits, for the case-exact check (DHEA-S -> DHEAS)."""
        return re.sub(r"[^0-9A-Za-z]", "", self.label)


@dataclass(frozen=True)
class Key:
    """What one automaton key stands for: concepts, and/or a process head word."""

    candidates: tuple[Candidate, ...]
    length: int
    head: str | None = None
    case_checked: bool = False
    plain: bool = True  # neither a head word nor in need of a case check: the fast path
    inner: bool = False  # may stand nested in a longer name (not a process, not an adjective)
    floor: int = -1  # where nested names may begin in this key's span, or -1: none may


class Hit(NamedTuple):
    """A span of the original text and the concepts it may name."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]


def plural(word: str) -> str:
    """The regular English plural of a word.

    >>> [plural(w) for w in ("gland", "testis", "ovary", "nucleus", "matrix", "follicle")]
    ['glands', 'testes', 'ovaries', 'nuclei', 'matrices', 'follicles']
    """
    if word.endswith("is"):
        return word[:-2] + "es"
    if word.endswith("us") and len(word) > 4:
        return word[:-2] + "i"
    if word.endswith("ix") or word.endswith("ex"):
        return word[:-2] + "ices"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def british(variant: str) -> str:
    """The British spelling of a folded label (the label itself when it has none).

    >>> british("estrogen sulfotransferase"), british("aromatization"), british("aging")
    ('oestrogen sulphotransferase', 'aromatisation', 'ageing')
    """
    for pattern, replacement in _BRITISH:
        variant = pattern.sub(replacement, variant)
    return variant


def spellings(label: str) -> set[str]:
    """Every folded spelling of a label the matcher accepts: dash, space and nothing alike between
    a number, a Greek letter and a word; regular plurals; British spellings.

    >>> {"5 alpha reductase", "5alpha reductases", "5\\x0e reductase"} <= spellings("5α-reductase")
    True
    >>> "oestrogen receptors" in spellings("estrogen receptor")
    True
    """
    spaced = "".join(f" {GREEK[c]} " if c in GREEK else c for c in label.lower())
    atoms: list[str] = []
    flexible: list[bool] = []
    for w, word in enumerate(fold_label(spaced).split()):
        for a, atom in enumerate(_ATOMS.findall(word)):
            if atoms:
                joined = a > 0
                near_code = any(x.isdigit() or x in GREEK_NAMES or len(x) <= 2
                                for x in (atoms[-1], atom))
                flexible.append(joined or near_code or _dashed(label, w))
            atoms.append(atom)
    if not atoms:
        return set()
    gap_choices = [(" ", "") if flex else (" ",) for flex in flexible]
    if sum(flexible) > _MAX_FLEXIBLE_GAPS:
        gap_choices = [(" ",)] * len(flexible)
    # A Greek letter is matched as its name ("alpha") and as the letter's stand-in in folded text.
    atom_choices = [(a, NAME_MARK[a]) if a in NAME_MARK else (a,) for a in atoms]
    found: set[str] = set()
    for gaps in product(*gap_choices):
        for spelled in product(*atom_choices):
            text = spelled[0] + "".join(g + a for g, a in zip(gaps, spelled[1:], strict=True))
            forms = {text}
            last = atoms[-1]
            if is_symbol(label):
                if last.isalpha():
                    forms.add(text + "s")
            elif last.isalpha() and len(last) > 2:
                forms.add(text[: -len(spelled[-1])] + plural(last))
            found |= forms | {british(f) for f in forms}
    return found


def _dashed(label: str, gap: int) -> bool:
    """Whether the `gap`-th word boundary of a label is written with a dash (or slash)."""
    separators = re.findall(r"[\s\-‐-―/]+", label.strip())
    return 0 < gap <= len(separators) and bool(set(separators[gap - 1]) - set(" \t"))


class Tagger:
    """Finds every vocabulary label, in any accepted spelling, in a text."""

    def __init__(self, concepts: Iterable[Concept], stop_phrases: Iterable[str] = ()) -> None:
        """Index the labels of `concepts`; `stop_phrases` ("at the heart of", "sex
        hormone-binding globulin") claim their words so that nothing inside them is tagged."""
        entries: dict[str, list[Candidate]] = defaultdict(list)
        blocked = {key for phrase in stop_phrases for key in spellings(phrase)}
        arguments: dict[str, dict[str, Candidate]] = defaultdict(dict)
        for concept in concepts:
            if not concept.extractable:
                continue
            for label in concept.labels:
                symbol = is_symbol(label)
                alnum = re.sub(r"[^0-9A-Za-z]", "", label)
                candidate = Candidate(concept.iri, concept.type, label, symbol=symbol,
                                      short=symbol and len(alnum) <= 2)
                for key in spellings(label):
                    entries[key].append(candidate)
                self._add_argument(arguments, concept, label)
            for adjective in concept.adjectives:
                candidate = Candidate(concept.iri, concept.type, adjective, adjective=True)
                for key in spellings(adjective):
                    entries[key].append(candidate)
        self._arguments = {head: args for head, args in arguments.items()}
        self._automaton = ahocorasick.Automaton()
        for key in sorted(set(entries) | set(self._arguments) | blocked):
            unique = {(c.concept, c.symbol): c for c in reversed(entries.get(key, []))}
            candidates = tuple(sorted(unique.values(), key=lambda c: (c.adjective, c.concept)))
            if key in blocked:
                candidates = ()
            head = key if key in self._arguments else None
            checked = any(c.symbol for c in candidates)
            info = Key(candidates, len(key) + 2, head, checked, head is None and not checked,
                       inner=bool(candidates) and not any(
                           c.adjective or c.type is EntityType.PROCESS for c in candidates),
                       floor=_nesting_floor(key, candidates))

            self._automaton.add_word(f" {key} ", info)
        self._automaton.make_automaton()
        self._blocking = bool(blocked)
        self.size = len(entries)

    @staticmethod
    def _add_argument(arguments: dict[str, dict[str, Candidate]], concept: Concept,
                      label: str) -> None:
        """Index a process name "ARGUMENT HEAD" so that "HEAD of ARGUMENT" is found too."""
        if concept.type is not EntityType.PROCESS or is_symbol(label):
            return
        parts = fold_label(label).split()
        if len(parts) < 2 or parts[-1] not in PROCESS_HEADS:
            return
        candidate = Candidate(concept.iri, concept.type, label, paraphrase=True)
        argument = parts[:-1]
        for head in {parts[-1], british(parts[-1])}:
            for arg in {" ".join(argument), " ".join([*argument[:-1], plural(argument[-1])])}:
                arguments[head].setdefault(arg, candidate)
                arguments[head].setdefault(british(arg), candidate)

    def tag(self, text: str) -> list[Hit]:
        """The entity hits in `text`: leftmost-longest label matches, the entities named inside
        a process name or after its "of" ("cortisol awakening response"), the first half of a
        coordination ("granulosa and theca cells"), and "HEAD of ARGUMENT" paraphrases."""
        # Tagging allocates many small tuples and creates no cycles: the collector's passes
        # over them would cost more than the tagging itself on long texts.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._tag(text)
        finally:
            if collecting:
                gc.enable()

    def _tag(self, text: str) -> list[Hit]:
        folded, positions = fold(text)
        padded = f" {folded} "
        # Hits arrive by end position. `outer` is a stack of leftmost-longest spans, each with
        # where its own nested spans begin in `nested`; a hit that starts at or before the top
        # one contains it and replaces it.
        outer: list[tuple[int, int, tuple[Candidate, ...], bool, int, int]] = []
        nested: list[Span] = []
        heads: list[tuple[int, int, str]] = []
        for last, key in self._automaton.iter(padded):
            # `last` indexes the key's closing space; the words are padded[start:last].
            start = last - key.length + 2
            candidates = key.candidates
            if not key.plain:
                if key.head is not None:
                    heads.append((start, last, key.head))
                if key.case_checked:
                    surface = text[_source(start, positions): _source(last - 1, positions) + 1]
                    candidates = tuple(c for c in candidates
                                       if not c.symbol or _same_case(c, surface))
                if not candidates:
                    continue
            if outer and outer[-1][0] >= start:
                mark = len(nested)
                while outer and outer[-1][0] >= start:
                    s, e, c, inner, own, _ = outer.pop()
                    del nested[own:]
                    mark = min(mark, own)
                    if key.floor >= 0 and inner and s >= start + key.floor:
                        nested.insert(mark, (s, e, c))
                outer.append((start, last, candidates, key.inner, mark, key.floor))
            elif outer and outer[-1][1] > start:
                top = outer[-1]
                if top[1] == last and key.inner and top[5] >= 0 and top[0] + top[5] <= start:
                    nested.append((start, last, candidates))
            else:
                outer.append((start, last, candidates, key.inner, len(nested), key.floor))
        spans = [(s, e, c) for s, e, c, _, _, _ in outer]
        if nested:
            spans = sorted(spans + nested, key=lambda h: (h[0], -h[1]))
        if heads or len(spans) > 1:
            spans = self._extend(padded, spans, heads)
        if self._blocking:
            spans = [span for span in spans if span[2]]
        if positions is None:
            return [Hit(s - 1, e - 1, c) for s, e, c in spans]
        return [Hit(positions[s - 1], positions[e - 2] + 1, c) for s, e, c in spans]

    def _extend(self, padded: str, spans: list[Span], heads: list[tuple[int, int, str]]
                ) -> list[Span]:
        """Add coordinated first conjuncts and paraphrases to the sorted `spans`."""
        starts = [s for s, _, _ in spans]
        extra = self._coordinated(padded, spans, starts)
        for start, end, head in heads:
            if _covered(spans, starts, start, end):
                continue
            found = self._paraphrase(padded, end, head, spans, starts)
            if found is not None:
                extra.append((start, found[0], (found[1],)))
        if not extra:
            return spans
        return sorted(spans + extra, key=lambda h: (h[0], -h[1]))

    def _coordinated(self, padded: str, spans: list[Span], starts: list[int]) -> list[Span]:
        """"granulosa and theca cells": the first conjunct borrows the second's head noun."""
        extra: list[Span] = []
        for start, end, _ in spans:
            if padded.find(" ", start, end) < 0 or padded[start - 5: start] not in (" and ",
                                                                                   "  or "):
                continue
            before = padded[max(0, start - 40): start].split()
            if len(before) < 2:
                continue
            first = before[-2]
            key = self._automaton.get(f" {first} {padded[start:end].split(' ', 1)[1]} ", None)
            if key is not None and key.candidates and not any(c.symbol for c in key.candidates):
                stop = padded.rfind(f" {first} ", 0, start) + 1
                if not _covered(spans, starts, stop, stop + len(first)):
                    extra.append((stop, stop + len(first), key.candidates))
        return extra

    def _paraphrase(self, padded: str, end: int, head: str, spans: list[Span],
                    starts: list[int]) -> tuple[int, Candidate] | None:
        """After a head word ending at `end`: "of", a few modifiers, then an argument."""
        if not padded.startswith(" of ", end):
            return None
        window = [(m.group(), m.start(), m.end())
                  for m in _WORD.finditer(padded, end, end + 120)][:8]
        arguments = self._arguments[head]
        for skip in range(1, 6):
            for size in (3, 2, 1):
                phrase = window[skip: skip + size]
                if len(phrase) != size:
                    continue
                candidate = arguments.get(" ".join(w for w, _, _ in phrase))
                # An argument that ends a longer name ("growth hormone") is not the argument.
                if candidate is not None and not _covered(spans, starts, phrase[0][1] - 1,
                                                          phrase[0][1]):
                    return phrase[-1][2], candidate
            if skip >= len(window) or window[skip][0] in _STOP:
                return None
        return None


_WORD = re.compile(r"[a-z0-9]+")
Span = tuple[int, int, tuple[Candidate, ...]]


def _covered(spans: list[Span], starts: list[int], start: int, end: int) -> bool:
    """Whether a span holds [start, end): spans are sorted by start, and only a few nest."""
    i = bisect_right(starts, start) - 1
    return any(end <= spans[j][1] for j in range(i, max(-1, i - 4), -1))


def _nesting_floor(key: str, candidates: tuple[Candidate, ...]) -> int:
    """Where, in a name, other entities may be named in their own right: anywhere in a process
    name ("cortisol awakening response"), after the "of" of other names ("arcuate nucleus of the
    hypothalamus"), nowhere else ("androgen" in "androgen receptor" is not a mention; gold
    guidelines).

    >>> _nesting_floor("arcuate nucleus of hypothalamus", (Candidate("t", EntityType.TISSUE, ""),))
    19
    """
    if candidates and all(c.type is EntityType.PROCESS for c in candidates):
        return 0
    of = key.find(" of ")
    return of + 4 if of >= 0 and candidates else -1


def _source(padded_index: int, positions: Positions | None) -> int:
    """The position in the original text of a position in the padded folded text."""
    return padded_index - 1 if positions is None else positions[padded_index - 1]


def _same_case(candidate: Candidate, surface: str) -> bool:
    """Whether a symbol is written in the text exactly as curated (a plural -s allowed)."""
    form = re.sub(r"[^0-9A-Za-z]", "", surface)
    return form == candidate.form or form == candidate.form + "s"

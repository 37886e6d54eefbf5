"""Find the vocabulary entities an entry mentions: `Entry` + `Tagger` -> `Mention`s."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from hormgraph.model import SECTIONS, EntityType, Entry, Mention
from hormgraph.tagger import Candidate, Hit, Tagger

#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset("e.g i.e vs etc dr approx cf al fig no ca".split())
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*\s+")
_KINDS = (EntityType.RECEPTOR, EntityType.ENZYME)
_DASH_MARKS = "-‐‑‒–—"
_DASHES = _DASH_MARKS + "/"  # what joins the names of an axis
#: A locant joined to what follows by a dash: "1α-", "3,5-", "17beta-".
_LOCANT = re.compile(rf"(?<![\w,])\d+(?:,\d+)*(?:[α-ω]|alpha|beta)?[{_DASH_MARKS}]\Z")
#: The rest of a dash-joined chain of names that ends in "axis" ("-pituitary-adrenal axis").
_AXIS = re.compile(rf"((?:[{_DASHES}]\w+)*)(?:\s*\(\w{{1,8}}\))?[{_DASHES}\s]ax[ie]s\b",
                   re.IGNORECASE)
#: A hormone word after a process name: the process names the hormone's role ("the satiety
#: hormone", "stress hormones"), not a process the text speaks of.
_ROLE = re.compile(r" (?:hormones?|peptides?)\b")
_DEFINED = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z0-9\-α-ω]{0,11})\s*\)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of `text`; a line break ends one too (an article's
    title, headings and list items are lines of their own).

    >>> text = "It acts, e.g. on skin. Then it stops.\\nEffects\\non bone"
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['It acts, e.g. on skin.', 'Then it stops.', 'Effects', 'on bone']
    """
    if "\n" not in text:
        return _line_sentences(text)
    spans = []
    offset = 0
    for line in text.split("\n"):
        spans += [(offset + s, offset + e) for s, e in _line_sentences(line)]
        offset += len(line) + 1
    return spans


def _line_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start: match.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        following = text[match.end(): match.end() + 1]
        if word in _ABBREVIATIONS or not following or not (following.isupper()
                                                           or following.isdigit()
                                                           or following in "\"“‘("):
            continue
        spans.append((start, match.end() - len(match.group()) + len(match.group().rstrip())))
        start = match.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def extract_mentions(entry: Entry, tagger: Tagger,
                     related: dict[str, frozenset[str]] | None = None,
                     ancestors: Mapping[str, frozenset[str]] | None = None) -> tuple[Mention, ...]:
    """Every mention of a vocabulary entity in the entry's sections, in reading order.

    `related` maps a concept to concepts it is related to (broader, curated relations); it breaks
    ties between concepts that share a label. `ancestors` maps a concept to every concept above
    it: a receptor or enzyme class named right before one of its kinds is one mention of that
    kind ("the melatonin receptor MT1").
    """
    hits = {name: tag_lines(tagger, entry.text(name)) for name in SECTIONS}
    aliases = _defined_abbreviations(entry, hits)
    for name, text in entry.sections.items():
        hits[name] = _with_aliases(hits.get(name, []), text, aliases)
    certain = {candidates[0].concept for found in hits.values() for _, _, candidates in found
               if len({c.concept for c in candidates}) == 1 and not candidates[0].short}
    mentions: list[Mention] = []
    for name in SECTIONS:
        text = entry.text(name)
        sentences = split_sentences(text)
        found = hits.get(name, [])
        for i, hit in enumerate(found):
            start, end, candidates = hit
            if _fragment(text, start, end):
                continue
            s_start, s_end = _sentence_of(start, sentences)
            candidate = _choose(candidates, certain, related or {},
                                _near(found, s_start, s_end) if len(candidates) > 1 else set())
            if candidate is None or _modified(found, i, candidate, text, tagger.class_words) or (
                    candidate.type is EntityType.PROCESS
                                     and _ROLE.match(text, end)):
                continue
            # "luteinized granulosa cells": a participle before a name describes it.
            if candidate.participle and i + 1 < len(found) and found[i + 1][0] == end + 1:
                continue
            if candidate.short and not _supported(candidate, hit, hits[name], certain,
                                                  s_start, s_end):
                continue
            mention = Mention(
                entity=candidate.concept, type=candidate.type, section=name,
                start=start, end=end, surface=text[start:end],
                sentence=text[s_start:s_end], sentence_start=s_start,
            )
            last = mentions[-1] if mentions else None
            if ancestors and last and _names_a_kind(last, mention, text, ancestors):
                mention = replace(mention, start=last.start, surface=text[last.start:end])
                mentions[-1] = mention
            else:
                mentions.append(mention)
    return tuple(mentions)


def tag_lines(tagger: Tagger, text: str) -> list[Hit]:
    """The tagger's hits in each line of `text` (no name runs across a line break: a heading's
    last word and the next line's first are not one name), in the text's positions."""
    if "\n" not in text:
        return tagger.tag(text)
    hits: list[Hit] = []
    offset = 0
    for line in text.split("\n"):
        hits += [Hit(offset + s, offset + e, c) for s, e, c in tagger.tag(line)]
        offset += len(line) + 1
    return hits


def _names_a_kind(before: Mention, mention: Mention, text: str,
                  ancestors: Mapping[str, frozenset[str]]) -> bool:
    """Whether `before` names a receptor or enzyme class and `mention`, right after it in the
    same section, one of its kinds. (Hormones are left apart: in "the mineralocorticoid
    aldosterone" both are named.)"""
    return (before.section == mention.section and mention.type in _KINDS
            and before.type is mention.type and text[before.end: mention.start] == " "
            and before.entity in ancestors.get(mention.entity, ()))


def _fragment(text: str, start: int, end: int) -> bool:
    """Whether a hit is only part of a name the vocabulary lacks: the end of a chemical name
    whose locant it lacks ("hydroxylation" in "1α-hydroxylation"), or one of the dash-joined
    organs that name an axis ("pituitary" in "hypothalamic-pituitary-adrenal axis").

    >>> _fragment("Renal 1α-hydroxylation rises.", 9, 22), _fragment("an HPA axis", 3, 6)
    (True, False)
    >>> text = "the hypothalamic–pituitary–adrenal (HPA) axis"
    >>> [_fragment(text, s, e) for s, e in [(4, 16), (17, 26), (27, 34)]]
    [True, True, True]
    """
    if start and text[start - 1] in _DASHES and _LOCANT.search(text, max(0, start - 12), start):
        return True
    axis = _AXIS.match(text, end)
    return axis is not None and bool(axis.group(1) or (start and text[start - 1] in _DASHES))


def _modified(found: list[Hit], i: int, candidate: Candidate, text: str,
              class_words: frozenset[str]) -> bool:
    """Whether a class word (see `Tagger.class_words`) stands after an organ's adjective, as
    the head of a kind the vocabulary lacks: "neurons" in "hypothalamic neurons". The adjective
    is kept; the head alone would name something broader than the text does."""
    if candidate.concept not in class_words or candidate.adjective or not i:
        return False
    before = found[i - 1]
    return (before.end + 1 == found[i].start and text[before.end] == " "
            and all(c.adjective and c.type is EntityType.TISSUE for c in before.candidates))


def _sentence_of(position: int, sentences: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in sentences:
        if position < end:
            return start, end
    return sentences[-1] if sentences else (0, 0)


def _choose(candidates: tuple[Candidate, ...], certain: set[str],
            related: dict[str, frozenset[str]], near: set[str]) -> Candidate | None:
    """Pick among concepts sharing a label the one the entry's other mentions support most,
    those of its own sentence (`near`) first; none when nothing in the entry speaks for any of
    them (a guess would be a coin toss)."""
    if len({c.concept for c in candidates}) == 1:
        return candidates[0]

    def support(candidate: Candidate) -> tuple[int, int, int, int]:
        neighbours = related.get(candidate.concept, frozenset())
        return (int(candidate.concept in certain), len(neighbours & near),
                len(neighbours & certain), -int(candidate.adjective))

    best = max(candidates, key=support)
    return best if support(best)[:3] != (0, 0, 0) else None


def _near(hits: list[Hit], start: int, end: int) -> set[str]:
    """The concepts named without ambiguity in the sentence [start, end)."""
    return {candidates[0].concept for s, _, candidates in hits
            if start <= s < end and len({c.concept for c in candidates}) == 1}


def _supported(candidate: Candidate, hit: Hit, section_hits: Iterable[Hit], certain: set[str],
               s_start: int, s_end: int) -> bool:
    """A two-character symbol (AR, E2) counts only beside its full name or another entity."""
    if candidate.concept in certain:
        return True
    return any(other is not hit and s_start <= other.start < s_end
               and not other.candidates[0].short
               for other in section_hits)


def _defined_abbreviations(entry: Entry, hits: dict[str, list[Hit]]) -> dict[str, Candidate]:
    """Abbreviations the entry defines after a mention: "dehydroepiandrosterone (DHEA)"."""
    aliases: dict[str, Candidate] = {}
    for name, found in hits.items():
        text = entry.text(name)
        for start, end, candidates in found:
            match = _DEFINED.match(text, end)
            if match and _abbreviates(match.group(1), text[start:end]):
                aliases.setdefault(match.group(1), candidates[0])
    return aliases


def _abbreviates(short: str, long: str) -> bool:
    """Whether `short` can abbreviate `long`: shorter, written with a capital or a digit, and
    starting with the first letter of one of its words.

    >>> _abbreviates("DHEA", "dehydroepiandrosterone"), _abbreviates("HRT", "cortisol")
    (True, False)
    """
    initials = {w[0].lower() for w in re.findall(r"[A-Za-z0-9]+", long)}
    return len(short) < len(long) and short[0].lower() in initials and any(
        c.isupper() or c.isdigit() for c in short)


def _with_aliases(found: list[Hit], text: str, aliases: dict[str, Candidate]) -> list[Hit]:
    """Add the hits of the entry's own abbreviations where no vocabulary hit already is."""
    extra: list[Hit] = []
    for short, candidate in aliases.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])", text):
            if not any(start < match.end() and match.start() < end for start, end, _ in found):
                alias = Candidate(candidate.concept, candidate.type, short)
                extra.append(Hit(match.start(), match.end(), (alias,)))
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda h: (h.start, -h.end))

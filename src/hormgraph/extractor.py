"""The vocabulary compiled for extraction, and the one call that annotates an entry: its
mentions (extract) and the relations between them (relate)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hormgraph.errors import shown
from hormgraph.extract import extract_mentions
from hormgraph.model import AnnotatedEntry, EntityType, Entry, Mention
from hormgraph.normalize import fold_label
from hormgraph.relate import relate
from hormgraph.tagger import Tagger
from hormgraph.vocabulary import Vocabulary
from hormgraph.wordforms import spellings

#: Reading relations costs more than the square of a sentence's mentions; real sentences name
#: at most about 15 entities, so a sentence naming more than this is a list or junk.
MAX_RELATION_MENTIONS = 32

_AMOUNT = re.compile(r"\s+(?:secretion|release|production|output|synthesis|biosynthesis|pulses?|"
                     r"surge|signall?ing|signaling)$", re.IGNORECASE)
_AMOUNT_OF = re.compile(r"^(?:secretion|release|production|output|synthesis|biosynthesis)\s+of\s+"
                        r"(?:the\s+)?", re.IGNORECASE)

#: The heads of a hormone's own process ("insulin secretion", "secretion of insulin", "estrogen
#: signalling", "estrogen metabolism", "cortisol rhythm", "LH surge", "vitamin D activation"):
#: annotators tag only the hormone there, so the process is not a mention.
_PROCESS_HEAD = (r"(?:secretion|release|production|synthesis|biosynthesis|signall?ing|metabolism|"
                 r"clearance|rhythm|surges?|activation)")
_HEAD_AFTER = re.compile(rf"\s+{_PROCESS_HEAD}", re.IGNORECASE)
_NAME_THEN_HEAD = re.compile(rf"(.+?)\s+{_PROCESS_HEAD}", re.IGNORECASE)
_HEAD_BEFORE = re.compile(rf"{_PROCESS_HEAD}\s+of\s+(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Extractor:
    """A vocabulary compiled for extraction: the tagger and the concepts' neighbourhoods."""

    vocabulary: Vocabulary
    tagger: Tagger
    related: dict[str, frozenset[str]]
    ancestors: dict[str, frozenset[str]]
    #: Every spelling of the names of hormone concepts too generic to tag ("hormone").
    generic_names: frozenset[str] = frozenset()

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Extractor:
        neighbours: dict[str, set[str]] = defaultdict(set)
        children: dict[str, set[str]] = defaultdict(set)
        for concept in vocabulary.concepts.values():
            for parent in concept.broader:
                children[parent].add(concept.iri)
                neighbours[concept.iri].add(parent)
                neighbours[parent].add(concept.iri)
        for relation in vocabulary.relations:
            neighbours[relation.subject].add(relation.object)
            neighbours[relation.object].add(relation.subject)
        # Concepts under one specific parent support each other ("corpus luteum" supports
        # "ovarian follicle": both are parts of the ovary).
        ancestors = {iri: frozenset(vocabulary.ancestors(iri)) for iri in vocabulary.concepts}
        for concept in vocabulary.concepts.values():
            for parent in ancestors[concept.iri]:
                if vocabulary.concepts[parent].extractable:
                    neighbours[concept.iri].add(parent)
                    neighbours[concept.iri].update(children.get(parent, ()))

        generic_names = frozenset(
            key for concept in vocabulary.concepts.values()
            if concept.type is EntityType.HORMONE and not concept.extractable
            for name in (*concept.labels, *concept.adjectives) for key in spellings(name))
        return cls(vocabulary, Tagger(vocabulary.concepts.values(), vocabulary.stop_phrases),
                   {k: frozenset(v) for k, v in neighbours.items()}, ancestors, generic_names)

    def annotate(self, entry: Entry) -> AnnotatedEntry:
        mentions = without_hormone_processes(
            extract_mentions(entry, self.tagger, self.related, self.ancestors),
            self.generic_names)
        per_sentence = Counter((m.section, m.sentence_start) for m in mentions)
        crowded = {place for place, count in per_sentence.items()
                   if count > MAX_RELATION_MENTIONS}
        if crowded:
            entry = replace(entry, warnings=(*entry.warnings, (
                f"{shown(entry.source)}: {len(crowded)} sentence(s) name more than "
                f"{MAX_RELATION_MENTIONS} entities; relations are not read from them")))
        readable = [m for m in mentions if (m.section, m.sentence_start) not in crowded]
        return AnnotatedEntry(entry, mentions, relate(self._hormone_amounts(readable)))

    def _hormone_amounts(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions relations are read from: a process named as a hormone's secretion,
        release, output or signalling ("growth hormone secretion", "secretion of growth
        hormone", "androgen signalling") stands for the hormone, as a reader takes "ghrelin
        restrains insulin secretion" to say ghrelin acts on insulin."""
        read = []
        for mention in mentions:
            span = _amount_of(mention) if mention.type is EntityType.PROCESS else None
            if span is None:
                read.append(mention)
                continue
            start, end = span
            hits = self.tagger.tag(mention.surface[start:end])
            if len(hits) == 1 and hits[0][:2] == (0, end - start) and \
                    hits[0].candidates[0].type is EntityType.HORMONE:
                read.append(replace(mention, entity=hits[0].candidates[0].concept,
                                    type=EntityType.HORMONE, start=mention.start + start,
                                    end=mention.start + end, surface=mention.surface[start:end]))
            else:
                read.append(mention)
        return read


def _amount_of(mention: Mention) -> tuple[int, int] | None:
    """Where a process's surface names a hormone, in "X secretion" or "secretion of X"."""
    suffix = _AMOUNT.search(mention.surface)
    if suffix:
        return 0, suffix.start()
    prefix = _AMOUNT_OF.match(mention.surface)
    after = mention.sentence[mention.end - mention.sentence_start:]
    if prefix is None or after.startswith(("-", "–")):  # "secretion of gonadotropin-releasing"
        return None
    return prefix.end(), len(mention.surface)


def without_hormone_processes(mentions: Sequence[Mention],
                              generic_names: frozenset[str] = frozenset()) -> tuple[Mention, ...]:
    """The mentions less each process that only names a hormone's secretion, release,
    production, synthesis, signalling, metabolism, clearance, rhythm, surge or activation: a
    hormone mention and a process head make its surface ("insulin secretion", "secretion of
    melatonin"), so the hormone mention inside it stands alone, as annotators tag only the
    hormone. After "of" the hormone's name may run on past the process ("secretion of
    gonadotropin-releasing hormone"). A name too generic to tag makes such a process too
    ("hormone metabolism"): `generic_names` are the spellings of those hormone concepts' names.
    Processes named after other substances ("collagen synthesis", "sebum production") and a
    receptor's signalling stay."""
    ends: dict[tuple[str, int], int] = {}
    for m in mentions:
        if m.type is EntityType.HORMONE:
            place = (m.section, m.start)
            ends[place] = max(ends.get(place, m.end), m.end)

    def only_a_hormone(m: Mention) -> bool:
        named = _NAME_THEN_HEAD.fullmatch(m.surface)
        if named and fold_label(named.group(1)) in generic_names:
            return True
        end = ends.get((m.section, m.start))
        if end is not None and end < m.end and _HEAD_AFTER.fullmatch(m.surface, end - m.start):
            return True
        head = _HEAD_BEFORE.match(m.surface)
        return head is not None and head.end() < len(m.surface) and \
            ends.get((m.section, m.start + head.end()), -1) >= m.end

    return tuple(m for m in mentions if m.type is not EntityType.PROCESS or not only_a_hormone(m))

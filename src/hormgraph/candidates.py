"""Vocabulary growth: phrases in the entries that look like domain entities but are not known."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from hormgraph.extract import split_sentences
from hormgraph.model import SECTIONS, EntityType, Entry
from hormgraph.normalize import fold_label
from hormgraph.tagger import Hit, Tagger
from hormgraph.vocabulary import Vocabulary
from hormgraph.wordforms import spellings


@dataclass(frozen=True)
class Rule:
    """A kind of entity-looking phrase, the type it suggests and how surely it is an entity."""

    name: str
    type: EntityType
    strength: int


@dataclass(frozen=True)
class Candidate:
    """A phrase the vocabulary does not know, how often it occurs and where it was first seen."""

    phrase: str
    type: EntityType
    rule: str
    count: int
    score: int
    example: str
    source: str


#: The rules, strongest first within a type. Strength: 3 = almost always an entity of that type
#: (glyoxalase, androsterone, kisspeptin receptor, melanogenesis), 2 = usually (estrone,
#: parotid gland, acetylation), 1 = often a plain English word too (glycation, leptin secretion,
#: spironolactone among cornerstones).
ENZYME = Rule("enzyme -ase", EntityType.ENZYME, 3)
STEROID = Rule("steroid name", EntityType.HORMONE, 3)
STEROID_LIKE = Rule("steroid stem", EntityType.HORMONE, 2)
ONE_OL = Rule("long -one/-ol name", EntityType.HORMONE, 1)
RECEPTOR = Rule("X receptor", EntityType.RECEPTOR, 3)
ANATOMY = Rule("X gland/cell/neuron", EntityType.TISSUE, 2)
GENESIS = Rule("-genesis/-lysis", EntityType.PROCESS, 3)
CHEMICAL_ATION = Rule("-ylation/-idation", EntityType.PROCESS, 2)
ATION = Rule("-ation", EntityType.PROCESS, 1)
PRODUCTION = Rule("X synthesis/production/secretion", EntityType.PROCESS, 1)

#: Head nouns of phrase rules, by their written forms, with the singular shown in the phrase.
HEADS = {
    **{w: ("receptor", RECEPTOR) for w in ("receptor", "receptors")},
    **{w: ("gland", ANATOMY) for w in ("gland", "glands")},
    **{w: ("cell", ANATOMY) for w in ("cell", "cells")},
    **{w: ("neuron", ANATOMY) for w in ("neuron", "neurons", "neurone", "neurones")},
    **{w: (w, PRODUCTION) for w in ("synthesis", "biosynthesis", "production", "secretion")},
}
#: Enzyme names that are classes, so the words before them are part of the name.
ENZYME_CLASSES = re.compile(
    r"(dehydrogenase|synthase|synthetase|kinase|reductase|oxidase|transferase|hydrolase"
    r"|isomerase|phosphatase|esterase|ligase|lyase|protease|peptidase|lipase|deiodinase)s?$"
)
#: Steroid stems, at the start of a word or after chemical prefixes ("restrain" has none).
STEROID_STEMS = re.compile(
    r"(?:de|di|tri|nor|epi|iso|allo|hydroxy|hydro|deoxy|keto|oxo|methyl|ethinyl)*"
    r"(?:o?estr|andr|cort|pregn|progest|gest|chol|calci|ergo|testo|aldo)"
)
#: Ordinary English words with an entity-like ending.
GENERIC = frozenset("""
    increase increases decrease decreases release releases disease diseases phase phases base
    bases case cases ease cease phrase phrases purchase database showcase lease please erase
    crease chase unease appease analysis paralysis catalysis dialysis genesis
    information situation relation relations population foundation education organization
    organisation generation consideration recommendation explanation observation combination
    presentation interpretation expectation representation implementation motivation
    orientation communication association location registration application administration
    concentration concentrations duration variation variations limitation operation declaration
    conversation inspiration imagination reputation preparation restoration optimization
    optimisation recalibration calibration modulation regulation dysregulation stimulation
    activation alteration alterations elevation fluctuation fluctuations accumulation integration
    adaptation adaptations degradation elimination transformation formation indication
    indications medication medications evaluation investigation determination demonstration
    documentation classification publication specification justification clarification
    qualification modification modifications identification validation nation station creation
    sensation frustration hesitation supplementation consultation examination formulation
    reformulation translation transition destination preservation
    conservation citation notation rotation ration proportion gradation graduation
    moderation deliberation celebration augmentation fragmentation differentiation
    orchestration exploration generalisation generalization compensation
    hormone hormones control protocol protocols alcohol tone zone none done bone bones someone
    everyone anyone ozone phone alone stone standalone milestone cornerstone undergone postpone
    telephone microphone backbone touchstone keystone
    """.split())
#: Words that end a phrase's modifiers: function words and vague qualifiers.
STOP = frozenset("""
    a an the this that these those its it their his her our your my each every all any some
    many most more less few several other such both either neither no not and or but nor of in
    on at to from by with for as into onto via per than then also only very so which who
    whose where when while is are was were be been being has have had do does did can may might
    will would should could must
    specific certain various different new old same key major main particular individual local
    nearby surrounding target targeted normal healthy abnormal overall total own additional
    related relevant respective corresponding adjacent neighbouring neighboring underlying
    greater higher lower larger smaller better worse excess excessive temporary daily human
    suppress stimulate activate inhibit promote regulate reduce increase decrease support
    protect restore affect influence drive block bind reach enter leave make help keep lose
    enzyme enzymes
    """.split())
_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑–][^\W_]+)*")
_LOCANT = re.compile(r"^(?:\d+[^\W\d_]?(?:,\d+[^\W\d_]?)*[-‐‑–])+")
_MAX_MODIFIERS = 2
_LONG_NAME = 9  # letters: shorter -one/-ol words are mostly English (alcohol, protocol)
_EXAMPLE_WIDTH = 100


@dataclass(frozen=True)
class _Found:
    """One occurrence of a candidate phrase in a section."""

    key: str
    surface: str
    rule: Rule
    start: int


class _Token(NamedTuple):
    text: str
    start: int
    end: int


class _Occurrence(NamedTuple):
    found: _Found
    sentence: str
    source: str


def find_candidates(entries: Iterable[Entry], vocabulary: Vocabulary) -> list[Candidate]:
    """The phrases of `entries` that look like entities the vocabulary lacks, best first.

    A phrase is known, and left out, when a vocabulary hit covers its head word together with
    the word before it (the whole word, for one-word phrases: "5β-reductase" is new even where
    "reductase" is known), or when its folded form is a spelling of a label.
    """
    tagger = Tagger(vocabulary.concepts.values())
    known = {s for c in vocabulary.concepts.values() for label in (*c.labels, *c.adjectives)
             for s in spellings(label)}
    seen: dict[str, list[_Occurrence]] = defaultdict(list)
    for entry in entries:
        for section in SECTIONS:
            text = entry.text(section)
            sentences = split_sentences(text)
            for found in find_phrases(text, tagger.tag(text)):
                if found.key in known:
                    continue
                start, end = _sentence(sentences, found.start)
                if found.start == start and found.surface[1:2].islower():
                    # A capital that only starts the sentence is not part of the name.
                    found = replace(found, surface=found.surface[0].lower() + found.surface[1:])
                seen[found.key].append(_Occurrence(found, text[start:end], entry.source))
    return _rank(seen)


def _rank(seen: dict[str, list[_Occurrence]]) -> list[Candidate]:
    """One candidate per phrase: its commonest spelling, strongest rule and first example.

    Score = the rule's strength x the phrase's occurrences; ties by occurrences, then phrase.
    """
    candidates = []
    for occurrences in seen.values():
        surfaces: dict[str, int] = defaultdict(int)
        for occurrence in occurrences:
            surfaces[occurrence.found.surface] += 1
        rule = max((o.found.rule for o in occurrences), key=lambda r: r.strength)
        first = occurrences[0]
        candidates.append(Candidate(
            phrase=max(surfaces, key=lambda s: (surfaces[s], s)), type=rule.type, rule=rule.name,
            count=len(occurrences), score=rule.strength * len(occurrences),
            example=first.sentence, source=first.source,
        ))
    return sorted(candidates, key=lambda c: (-c.score, -c.count, c.phrase.lower(), c.phrase))


def find_phrases(text: str, hits: Sequence[Hit]) -> Iterator[_Found]:
    """Every entity-looking phrase of `text` that the vocabulary `hits` do not already name."""
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    for i, token in enumerate(tokens):
        lower = token.text.lower()
        if lower in HEADS:
            yield from _headed(text, tokens, i, hits)
            continue
        rule = word_rule(token.text)
        if rule is None or _covered(hits, token.start, token.end):
            continue
        if rule is ENZYME and ENZYME_CLASSES.search(lower):
            modifiers = _modifiers(text, tokens, i)
            if modifiers and not _covered(hits, tokens[i - 1].start, token.end):
                yield _phrase(text, modifiers[0].start, token.start, rule, _singular(token.text))
                continue
        yield _phrase(text, token.start, token.start, rule, _singular(token.text))


def word_rule(word: str) -> Rule | None:
    """The rule a single word matches, if any.

    >>> [r.name if r else None for r in map(word_rule, ["glyoxalase", "release", "estrone"])]
    ['enzyme -ase', None, 'steroid stem']
    """
    lower = word.lower()
    stem = _LOCANT.sub("", lower)
    if stem in GENERIC or not stem.isalpha() or len(stem) < 6:
        return None
    if re.search(r"ases?$", stem):
        return ENZYME
    if re.search(r"(sterones?|sterols?|diols?|triols?|diones?)$", stem) or (
            stem != lower and re.search(r"(ones?|ols?)$", stem)):
        return STEROID
    if STEROID_STEMS.match(stem) and re.search(r"(ones?|ols?|ins?|oids?|gens?)$", stem):
        return STEROID_LIKE
    if len(stem) >= _LONG_NAME and re.search(r"(ones?|ols?)$", stem):
        return ONE_OL
    if re.search(r"(genesis|lysis)$", stem):
        return GENESIS
    if re.search(r"(ylation|idation)$", stem):
        return CHEMICAL_ATION
    if stem.endswith("ation"):
        return ATION
    return None


def _headed(text: str, tokens: list[_Token], i: int, hits: Sequence[Hit]) -> Iterator[_Found]:
    """"X receptor", "X cells", "X secretion" and, for processes, "secretion of X"."""
    head = tokens[i]
    singular, rule = HEADS[head.text.lower()]
    modifiers = _modifiers(text, tokens, i)
    if modifiers and not _covered(hits, tokens[i - 1].start, head.end):
        yield _phrase(text, modifiers[0].start, head.start, rule, singular)
    if rule is PRODUCTION:
        argument = _argument(text, tokens, i)
        if argument and not _covered(hits, head.start, argument[-1].end):
            words = text[argument[0].start: argument[-1].end]
            yield _Found(fold_label(f"{words} {singular}"), f"{words} {singular}", rule, head.start)


def _modifiers(text: str, tokens: list[_Token], i: int) -> list[_Token]:
    """The words right before token `i` that can qualify it (up to two, no punctuation)."""
    found: list[_Token] = []
    j = i - 1
    while j >= 0 and len(found) < _MAX_MODIFIERS and _joined(text, tokens[j], tokens[j + 1]):
        if not _modifier(tokens[j].text):
            break
        found.insert(0, tokens[j])
        j -= 1
    return found


def _argument(text: str, tokens: list[_Token], i: int) -> list[_Token]:
    """The words after "HEAD of (the)": up to two, ending before a function word."""
    j = i + 1
    if j >= len(tokens) or tokens[j].text.lower() != "of" or not _joined(text, tokens[i],
                                                                           tokens[j]):
        return []
    found: list[_Token] = []
    while j + 1 < len(tokens) and len(found) < _MAX_MODIFIERS and _joined(
            text, tokens[j], tokens[j + 1]):
        j += 1
        if tokens[j].text.lower() == "the" and not found:
            continue
        if not _modifier(tokens[j].text) or tokens[j].text.lower() in HEADS:
            break
        found.append(tokens[j])
    return found


def _modifier(word: str) -> bool:
    """Whether a word can be part of an entity name: not a function word, an adverb, a verb
    form or a plural (a plural noun seldom qualifies another; "inhibits" is a verb)."""
    lower = word.lower()
    plain = "-" not in lower and lower.isalpha()
    return lower not in STOP and not (
        plain and re.search(r"(ly|ing|ed)$|[^siu]s$", lower))


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """Whether only spaces separate two tokens (no comma, bracket or full stop)."""
    return not text[left.end: right.start].strip()


def _covered(hits: Sequence[Hit], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e, _ in hits)


def _phrase(text: str, start: int, head_start: int, rule: Rule, head: str) -> _Found:
    """The phrase from `start`, its head word (at `head_start`) written as `head`."""
    surface = " ".join([*text[start:head_start].split(), head])
    return _Found(fold_label(surface), surface, rule, start)


def _singular(word: str) -> str:
    """A word in -ases, -ones, -ols, -ins, -oids or -gens without its plural -s."""
    return word[:-1] if re.search(r"(ases|ones|ols|ins|oids|gens)$", word.lower()) else word


def _sentence(sentences: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The sentence holding `position`."""
    for start, end in sentences:
        if position < end:
            return start, end
    return sentences[-1]


def format_candidates(candidates: Sequence[Candidate], style: str = "table") -> str:
    """The candidates as an aligned table (examples shortened) or as tab-separated values."""
    if style == "tsv":
        rows = [("phrase", "type", "rule", "count", "score", "source", "example")]
        rows += [(c.phrase, c.type.value, c.rule, str(c.count), str(c.score), c.source,
                  " ".join(c.example.split())) for c in candidates]
        return "\n".join("\t".join(row) for row in rows)
    if not candidates:
        return "no candidates: the vocabulary knows every entity-looking phrase"
    width = max(len(c.phrase) for c in candidates)
    lines = [f"{'score':>5} {'count':>5}  {'type':<8}  {'phrase':<{width}}  example (source)"]
    for c in candidates:
        example = " ".join(c.example.split())
        if len(example) > _EXAMPLE_WIDTH:
            example = example[: _EXAMPLE_WIDTH - 1].rstrip() + "…"
        lines.append(f"{c.score:>5} {c.count:>5}  {c.type.value:<8}  {c.phrase:<{width}}  "
                     f"{example} ({c.source})")
    return "\n".join(lines)

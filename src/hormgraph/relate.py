"""Read typed entity-entity relations from the sentences of an entry (cue patterns), with evidence.

Each sentence is rewritten as a skeleton in which every mention is a typed slot (`{H0}` for the
first hormone, `{E1}` for an enzyme, ...); cue patterns are regular expressions over skeletons, so
one pattern serves every hormone, enzyme or receptor the vocabulary knows. Two entities in one
sentence with no cue between them are not related: co-occurrence is not a typed relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import groupby

from hormgraph.model import EntityType, Mention, Relation
from hormgraph.namespaces import HGO

_LETTER = {EntityType.HORMONE: "H", EntityType.ENZYME: "E", EntityType.TISSUE: "T",
           EntityType.PROCESS: "P", EntityType.RECEPTOR: "R"}
_GAP = r"(?:[^{}.;]{0,60}?)"
_FEW = r"(?:\s+(?!(?:in)?to\b)[\w\-’']+){0,4}?\s+"


def _slot(letters: str, name: str) -> str:
    return rf"\{{(?P<{name}>[{letters}]\d+)\}}"


# Each pattern names its slots `a` (subject), `b` (object) and, for conversions, `c` (product).
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_slot("E", "a") + _GAP + r"\b(?:convert|transform|metaboli[sz]|aromati[sz]|"
                r"catalyz|cataly[sz]|hydroxylat|reduc|oxidi[sz]|inactivat|conjugat|sulfat|"
                r"sulphat|glucuronidat|methylat|deiodinat|cleav)\w*"
                + _FEW.replace("{0,4}", "{0,3}")
                + r"(?:of\s+)?" + _slot("H", "b") + r"(?:" + _GAP + r"\b(?:in)?to\s+(?:\w+\s+)?"
                + _slot("H", "c") + r")?"), "converts"),
    (re.compile(_slot("H", "b") + _GAP + r"\b(?:is|are|gets?|being)\s+(?:\w+\s+)?(?:converted|"
                r"transformed|metaboli[sz]ed|aromati[sz]ed|reduced)\s+(?:in)?to\s+(?:\w+\s+)?"
                + _slot("H", "c") + _GAP + r"\bby\s+(?:\w+\s+){0,2}?" + _slot("E", "a")),
     "converts"),
    (re.compile(_slot("H", "b") + _GAP + r"\b(?:converted|transformed|metaboli[sz]ed)\s+by\s+"
                r"(?:\w+\s+){0,2}?" + _slot("E", "a")), "converts"),
    (re.compile(_slot("E", "a") + r"\s*(?:-|–)?\s*(?:mediated|driven|catalysed|catalyzed)\s+"
                r"(?:conversion|metabolism|transformation)\s+of\s+(?:\w+\s+)?" + _slot("H", "b")
                + r"(?:" + _GAP + r"\b(?:in)?to\s+(?:\w+\s+)?" + _slot("H", "c") + r")?"),
     "converts"),
    (re.compile(r"\b(?:conversion|transformation|metabolism|aromati[sz]ation)\s+of\s+(?:\w+\s+)?"
                + _slot("H", "b") + r"(?:\s+(?:in)?to\s+(?:\w+\s+)?" + _slot("H", "c") + r")?"
                + _GAP + r"\bby\s+(?:\w+\s+){0,2}?" + _slot("E", "a")), "converts"),
    (re.compile(_slot("HE", "a") + _GAP + r"\b(?:inhibit|block|antagoni[sz]|suppress|"
                r"downregulat)\w*" + _FEW.replace("{0,4}", "{0,2}") + r"(?:of\s+)?"
                + _slot("ER", "b")), "inhibits"),
    (re.compile(_slot("H", "a") + _GAP + r"\b(?:binds?|bound|binding|activat\w*|occup\w*|"
                r"engag\w*|signals?\s+through|acts?\s+(?:via|through))\s+(?:to\s+)?"
                r"(?:\w+\s+){0,3}?" + _slot("R", "b")), "binds"),
    (re.compile(_slot("R", "b") + _GAP + r"\b(?:bound|activated|occupied)\s+by\s+"
                r"(?:\w+\s+){0,2}?" + _slot("H", "a")), "binds"),
    (re.compile(_slot("H", "a") + _GAP + r"\b(?:acts?|acting)\s+(?:directly\s+)?(?:on|upon)\s+"
                r"(?:\w+\s+){0,3}?" + _slot("T", "b")), "actsOn"),
    (re.compile(_slot("H", "a") + _GAP + r"\b(?:targets?|stimulat\w*)\s+(?:\w+\s+){0,3}?"
                + _slot("T", "b")), "actsOn"),
    (re.compile(_slot("H", "a") + _GAP + r"\b(?:is|are)\s+(?:\w+\s+)?(?:produced|made|"
                r"synthesi[sz]ed|secreted|released)\s+(?:mainly\s+|primarily\s+|largely\s+)?"
                r"(?:in|by|from)\s+(?:the\s+)?(?:\w+\s+){0,2}?" + _slot("T", "b")), "producedIn"),
    (re.compile(_slot("T", "b") + _GAP + r"\b(?:produces?|secretes?|synthesi[sz]es?|releases?|"
                r"makes?)\s+(?:\w+\s+){0,2}?" + _slot("H", "a")), "producedIn"),
    (re.compile(_slot("HER", "a") + _GAP + r"\b(?:regulat|modulat|stimulat|promot|driv|"
                r"control|govern|increas|decreas|enhanc|suppress|inhibit|impair|accelerat|"
                r"slow|trigger|induc|boost|reduc)\w*\s+(?:\w+\s+){0,3}?" + _slot("P", "b")),
     "regulates"),
]
_BALANCE = re.compile(
    r"\b(?:ratios?|balance|relationships?|interplay|gradients?|equilibrium|axis)\s+"
    r"(?:between|of)\s+(?:\w+\s+){0,4}?(?P<rest>.*)")
_PAIR = re.compile(_slot("H", "a") + r"\s+(?:and|to|versus|vs\.?|relative\s+to)\s+"
                   + _slot("H", "b"))
_HYPHEN_PAIR = re.compile(_slot("H", "a") + r"\s*(?:-|–|/|:)\s*(?:to\s*(?:-|–)\s*)?"
                          + _slot("H", "b") + r"\s*(?:-|–)?\s*(?:ratio|balance)")


def relate(mentions: Iterable[Mention]) -> tuple[Relation, ...]:
    """The relations read from the sentences of one entry's mentions, each with its evidence."""
    found: dict[tuple[str, str, str, str | None], Relation] = {}
    ordered = sorted(mentions, key=lambda m: (m.section, m.sentence_start, m.start))
    for _, group in groupby(ordered, key=lambda m: (m.section, m.sentence_start)):
        for relation in _sentence_relations(list(group)):
            key = (relation.subject, relation.predicate, relation.object, relation.product)
            found.setdefault(key, relation)
    return tuple(found.values())


def _sentence_relations(mentions: list[Mention]) -> list[Relation]:
    sentence = mentions[0].sentence
    offset = mentions[0].sentence_start
    parts, slots, last = [], {}, 0
    for i, mention in enumerate(mentions):
        start = mention.start - offset
        if start < last:
            continue
        name = f"{_LETTER[mention.type]}{i}"
        parts.append(sentence[last:start])
        parts.append(f"{{{name}}}")
        slots[name] = mention
        last = mention.end - offset
    parts.append(sentence[last:])
    skeleton = "".join(parts)
    relations = []
    for pattern, predicate in PATTERNS:
        for match in pattern.finditer(skeleton):
            a, b = slots[match.group("a")], slots[match.group("b")]
            c = slots.get(match.groupdict().get("c") or "")
            if a.entity != b.entity:
                relations.append(Relation(a.entity, str(HGO[predicate]), b.entity,
                                          evidence=(a, b) if c is None else (a, b, c),
                                          product=c.entity if c else None))
    for match in _BALANCE.finditer(skeleton):
        rest = match.group("rest")
        for pair in _PAIR.finditer(rest):
            a, b = slots[pair.group("a")], slots[pair.group("b")]
            if a.entity != b.entity:
                relations.append(_balance(a, b))
    for pair in _HYPHEN_PAIR.finditer(skeleton):
        a, b = slots[pair.group("a")], slots[pair.group("b")]
        if a.entity != b.entity:
            relations.append(_balance(a, b))
    return relations


def _balance(a: Mention, b: Mention) -> Relation:
    """A symmetric balance, stated once, in a stable direction."""
    first, second = sorted((a, b), key=lambda m: m.entity)
    return Relation(first.entity, str(HGO.balancedWith), second.entity, evidence=(first, second))

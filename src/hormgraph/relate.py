"""Read typed entity-entity relations from the sentences of an entry, with evidence.

Each sentence is rewritten as a skeleton in which every mention is a typed slot (`{H0}` for a
hormone, `{E1}` an enzyme, `{T2}` a tissue, `{P3}` a process, `{R4}` a receptor). Slots of one
type joined by commas, "and" or "or" form a coordinated group, and every member of a group takes
part in the group's relations ("leptin acts on the hypothalamus and adipocytes" gives two).

The rules (in `relate_rules`) read the text between two groups; this module finds the groups,
decides which group can govern which, and reads pronouns, chains, products and balances.
Two entities with no cue between them are not related: co-occurrence is not a relation; negated
and hypothetical statements are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import groupby

from hormgraph import relate_patterns as rx
from hormgraph.model import EntityType, Mention, Relation
from hormgraph.namespaces import HGO
from hormgraph.relate_rules import RULES, Rule


@dataclass(frozen=True)
class _Group:
    """Coordinated mentions of one type: `start`/`end` span the group in the skeleton."""

    letter: str
    members: tuple[Mention, ...]
    start: int
    end: int


def relate(mentions: Iterable[Mention]) -> tuple[Relation, ...]:
    """The relations each sentence of one entry states, in reading order; a relation stated in
    two sentences is given twice, once with each sentence as evidence."""
    relations: list[Relation] = []
    ordered = sorted(mentions, key=lambda m: (m.section, m.sentence_start, m.start))
    for _, group in groupby(ordered, key=lambda m: (m.section, m.sentence_start)):
        seen: set[tuple[str, str, str, str | None]] = set()
        for relation in _sentence_relations(list(group)):
            key = (relation.subject, relation.predicate, relation.object, relation.product)
            if key not in seen:
                seen.add(key)
                relations.append(relation)
    return tuple(relations)


def _skeleton(mentions: list[Mention]) -> tuple[str, dict[str, Mention]]:
    sentence, offset = mentions[0].sentence, mentions[0].sentence_start
    parts: list[str] = []
    slots: dict[str, Mention] = {}
    last = 0
    for i, mention in enumerate(mentions):
        start = mention.start - offset
        if start < last:
            continue
        name = f"{rx.LETTERS[mention.type]}{i}"
        parts += [sentence[last:start], f"{{{name}}}"]
        slots[name] = mention
        last = mention.end - offset
    parts.append(sentence[last:])
    return "".join(parts), slots


def _groups(skeleton: str, slots: dict[str, Mention]) -> list[_Group]:
    """The skeleton's slots, coordinated ones of one type grouped; a slot in brackets right
    after another (an abbreviation) joins it."""
    groups: list[_Group] = []
    listed: list[bool] = []  # whether a group's members are joined by "and", "or" ...
    closed = False  # whether the last group's last member came after "and"/"or": a list's end
    for match in rx.SLOT_RE.finditer(skeleton):
        name = match.group()[1:-1]
        mention, letter = slots[name], name[0]
        if groups:
            last = groups[-1]
            between = skeleton[last.end:match.start()]
            inside = rx.BRACKETED.match(skeleton, last.end)
            if inside and match.end() <= inside.end() and \
                    all(n[1] == letter for n in rx.SLOT_RE.findall(inside.group())):
                close = inside.end()
                groups[-1] = _Group(last.letter, _add(last.members, mention), last.start, close)
                listed[-1] = True
                continue
            if letter == last.letter and not between.strip():  # "dermal fibroblasts": the head
                groups[-1] = _Group(letter, (*last.members[:-1], mention), last.start, match.end())
                continue
            list_comma = re.match(r"\s*,\s*(?:and|or)\s", between)
            conjunction = bool(re.search(r"\b(?:and|or|plus|as\s+well\s+as)\b", between))
            if letter == last.letter and rx.JOIN.match(between) and \
                    not re.search(rx.VERBS, between, re.IGNORECASE) and \
                    (len(last.members) > 1 or not list_comma) and \
                    not (closed and not conjunction):  # "A and B, high C ...": C is not listed
                groups[-1] = _Group(letter, _add(last.members, mention), last.start, match.end())
                listed[-1] = listed[-1] or bool(re.search(r"\w", between))
                closed = conjunction
                continue
        groups.append(_Group(letter, (mention,), match.start(), match.end()))
        listed.append(False)
        closed = False
    return [part for group, joined in zip(groups, listed, strict=True) for part in
            ([group] if joined or len(group.members) == 1 else _split(skeleton, slots, group))]


def _split(skeleton: str, slots: dict[str, Mention], group: _Group) -> list[_Group]:
    """A group joined by commas alone is not a list ("keep secreting A, B levels climb")."""
    parts = []
    for match in rx.SLOT_RE.finditer(skeleton, group.start, group.end):
        mention = slots[match.group()[1:-1]]
        if any(m is mention for m in group.members):
            parts.append(_Group(group.letter, (mention,), match.start(), match.end()))
    return parts


def _add(members: tuple[Mention, ...], mention: Mention) -> tuple[Mention, ...]:
    return members if any(m.entity == mention.entity for m in members) else (*members, mention)


def _sentence_relations(mentions: list[Mention]) -> Iterator[Relation]:
    # a process named by a verb form ("testosterone is aromatised") is the verb, not an entity
    mentions = [m for m in mentions if not (m.type is EntityType.PROCESS and
                                            rx.VERB_FORM.fullmatch(m.surface))]
    if not mentions:
        return
    mentions = _with_pronouns(mentions)
    skeleton, slots = _skeleton(mentions)
    groups = _groups(skeleton, slots)
    for i, left in enumerate(groups):
        for right in groups[i + 1:]:
            between = skeleton[left.end:right.start]
            if rx.NEG.search(rx.ASIDE.sub(" ", between)) or ";" in between:
                continue
            if rx.OBJECT_MODIFIER.match(skeleton[right.end:]) or (
                    right.letter == "T" and rx.TISSUE_OUTPUT.match(skeleton[right.end:])):
                continue
            modifier = next((g for g in groups if left.end <= g.start and g.end <= right.start
                             and rx.ADJACENT.match(skeleton, g.end, right.start)), None)
            if modifier is not None:  # "suppresses {T} {P}": the tissue qualifies the process
                between = skeleton[left.end:modifier.start] + "local "
            pre = ("⟨" if left.start <= 60 else "") + skeleton[max(0, left.start - 60):left.start]
            text = pre + "«" + between + "»" + skeleton[right.end:right.end + 80]
            yield from _pair_relations(skeleton, slots, groups, left, right, text)
    yield from _fronted(skeleton, slots, groups)
    yield from _pronoun_conversions(skeleton, groups)
    yield from _balances(skeleton, slots)


def _fronted(skeleton: str, slots: dict[str, Mention], groups: list[_Group]
             ) -> Iterator[Relation]:
    """A participle phrase opening the sentence describes the subject after its comma:
    "Secreted by the liver in response to GH, IGF-1 ..." reads as "IGF-1, secreted by ..."."""
    start = rx.FRONT.match(skeleton)
    if start is None:
        return
    for comma in re.finditer(rf",\s*{rx.DET}(?:[\w\-]+\s+)?(?={rx.SLOT})", skeleton[start.end():]):
        head = _group_at(groups, start.end() + comma.end())
        if head is None or head.letter not in "HER":
            continue
        for group in groups:
            if start.start("v") <= group.start and group.end <= head.start:
                text = ("«, " + skeleton[start.start("v"):group.start] + "»" +
                        skeleton[group.end:group.end + 80])
                yield from _pair_relations(skeleton, slots, groups, head, group, text)
        return


def _with_pronouns(mentions: list[Mention]) -> list[Mention]:
    """The mentions, and a mention for each "it" or "they" that begins a later clause as its
    subject ("cortisol binds GR, and it feeds back on the pituitary"): the pronoun names the
    sentence's first subject, a single hormone, enzyme or receptor."""
    sentence = mentions[0].sentence
    found = list(rx.PRONOUN.finditer(sentence))
    if not found:
        return mentions
    skeleton, slots = _skeleton(mentions)
    groups = _groups(skeleton, slots)
    subjects = [_copula_head(skeleton, groups, g) for g in groups if g.letter in "HER" and
                not _object_position(skeleton, g.start) and not rx.MODIFIER.match(skeleton[g.end:])]
    subjects = [g for g in subjects if len(g.members) == 1]
    offset = mentions[0].sentence_start
    extra = []
    for match in found:  # the pronoun names the last subject before it
        head = next((g.members[0] for g in reversed(subjects)
                     if g.members[0].end - offset <= match.start()), None)
        if head is not None and \
                (match.group("it").lower() == "it") == (head.surface.lower()[-1:] != "s"):
            extra.append(replace(head, start=offset + match.start("it"),
                                 end=offset + match.end("it"), surface=match.group("it")))
    return sorted((*mentions, *extra), key=lambda m: m.start)


def _pair_relations(skeleton: str, slots: dict[str, Mention], groups: list[_Group],
                    left: _Group, right: _Group, text: str) -> Iterator[Relation]:
    done: set[str] = set()
    for rule in RULES:
        if rule.predicate in done or left.letter not in rule.left or \
                right.letter not in rule.right:
            continue
        match = rule.pattern.search(text)
        if match is None:
            continue
        subject, obj = (left, right) if rule.subject == "left" else (right, left)
        subject = _copula_head(skeleton, groups, subject)
        if not _can_lead(skeleton, groups, left, right, rule):
            continue
        if rx.HEDGE.search(skeleton[:left.start]) and rule.subject == "left":
            continue
        products: tuple[Mention, ...] = ()
        if rule.predicate == "converts":
            product = match.groupdict().get("p")
            before = match.groupdict().get("q")  # "B, formed from A by E"
            if product:
                products = (slots[product[1:-1]],)
                if match.start("p") < text.index("«"):
                    products = ()
            elif before:
                products = _group_members(groups, slots[before[1:-1]])
            else:  # "E converts A to B", "A is converted by E into B"
                products = _products(skeleton, slots, groups, right)
        done.add(rule.predicate)
        for s, o, p in _combinations(skeleton, groups, subject, obj, products):
            if s.entity == o.entity:
                continue
            if p is None:
                yield Relation(s.entity, str(HGO[rule.predicate]), o.entity, evidence=(s, o))
            elif p.entity not in (s.entity, o.entity):
                yield Relation(s.entity, str(HGO[rule.predicate]), o.entity,
                               evidence=(s, o, p), product=p.entity)
        if rule.predicate == "converts" and products and rule.subject == "left":
            yield from _chain(skeleton, slots, subject, groups, products)


Triple = tuple[Mention, Mention, Mention | None]


def _combinations(skeleton: str, groups: list[_Group], subject: _Group, obj: _Group,
                  products: tuple[Mention, ...]) -> list[Triple]:
    """Every subject with every object (and product), as coordination states; but a list
    followed by "respectively" pairs member by member with the list of the same length
    ("A and B act on X and Y, respectively": A on X, B on Y)."""
    every: list[Triple] = [(s, o, p) for s in subject.members for o in obj.members
                           for p in (products or (None,))]
    listed = products or obj.members
    holder = next((g for g in groups if any(m is listed[-1] for m in g.members)), None)
    if len(listed) < 2 or holder is None or not rx.RESPECTIVELY.match(skeleton, holder.end):
        return every
    if len(subject.members) == len(listed):
        if products:
            return [(s, o, p) for s, p in zip(subject.members, products, strict=True)
                    for o in obj.members]
        return [(s, o, None) for s, o in zip(subject.members, obj.members, strict=True)]
    if products and len(obj.members) == len(products):
        return [(s, o, p) for s in subject.members
                for o, p in zip(obj.members, products, strict=True)]
    return every


def _copula_head(skeleton: str, groups: list[_Group], group: _Group) -> _Group:
    """The entity a class noun describes: in "glucagon is a peptide hormone released by alpha
    cells" (or "glucagon, a peptide hormone released by ...") what the peptide hormone does,
    glucagon does."""
    match = rx.COPULA.search(skeleton, 0, group.start)
    if match is None or match.end() != group.start:
        return group
    head = next((g for g in groups if g.end == match.end(1)), None)
    return head if head is not None and head.letter == group.letter else group


def _can_lead(skeleton: str, groups: list[_Group], left: _Group, right: _Group,
              rule: Rule) -> bool:
    """Whether the left group can govern the right one. A group that is the object of a
    preposition or of a verb governs only through a relative clause ("the liver, which makes
    ..."); a group named as a drug or gene ("GLP-1 receptor agonists") governs nothing; and a
    subject-like group between the two takes precedence ("A makes B, which binds C")."""
    between = skeleton[left.end:right.start]
    if rx.LEFT_MODIFIER.match(skeleton[left.end:]) and rule.predicate != "expressedIn":
        return False
    if rule.subject == "left":
        if rx.MODIFIER.match(skeleton[left.end:]):
            return False
        before = skeleton[:left.start]
        if rx.THROUGH.search(before) and rule.predicate != "expressedIn":
            return False
        if not rx.RELATIVE.match(between) and rx.EXAMPLE.search(before) and \
                rx.CONTINUES.match(between):
            return False
    # the left group governs: as subject, or as a tissue that acts ("the liver makes ..."),
    # unless an infinitive makes it the agent ("prompts the pituitary to release LH")
    # a tissue inside another ("enteroendocrine cells in the intestine release ...") is a place
    if left.letter == "T" and rule.subject == "right" and not rule.free and \
            rx.INSIDE.search(skeleton, 0, left.start):
        return False
    controlled = bool(rx.CONTROL.search(skeleton[:left.start]) and rx.TO_VERB.match(between) and
                      not re.search(r",\s+and\b", between))
    if (rule.subject == "left" or left.letter == "T") and not rule.free and not controlled and \
            not rx.RELATIVE.match(between) and not rx.INFINITIVE.match(between) and \
            not rx.THEIR.match(between) and \
            not (rx.EXAMPLE.search(skeleton[:left.start])
                 and between.lstrip().startswith(",")) and \
            _object_position(skeleton, left.start) and \
            (rx.SLOT_RE.search(between) or rx.CONTINUES.match(between) or
             rx.PARTICIPLE.search(between) or rx.CLOSES.match(between)):
        return False
    for other in groups if not rule.free else ():
        if not (left.end <= other.start and other.end <= right.start):
            continue
        if _copula_head(skeleton, groups, other) is left:
            continue
        if rx.RELATIVE.match(skeleton[other.end:]):
            return False
        before = _before(skeleton, other.start)
        if rx.NOT_SUBJECT.search(before) or rx.MODIFIER.match(skeleton[other.end:]) or \
                rx.EXAMPLE.search(before) or \
                (rx.APPOSITION.search(before) and rx.APPOSED.match(skeleton[other.end:])):
            continue
        if not rx.AFTER_VERB.search(before) and not skeleton[other.end:].startswith(("-", "–")):
            return False
    return True


def _before(skeleton: str, start: int) -> str:
    """The skeleton before a group, and before the group qualifying it ("{T} {P}")."""
    modifier = rx.MODIFIED.search(skeleton, 0, start)
    return skeleton[:modifier.start() if modifier else start]


def _object_position(skeleton: str, start: int) -> bool:
    before = _before(skeleton, start)
    if rx.CHANGE_OF.search(before):
        return False
    if re.search(r"\b(?:in|by|through|with|during)\s+which\s+$", before, re.IGNORECASE):
        return False  # "acne in which androgen signalling ...": the relative clause's subject
    generic = rx.GENERIC_OF.search(before)  # "cells of the zona fasciculata make ..."
    if generic:
        before = before[:generic.start()]
    return bool(rx.NOT_SUBJECT.search(before) or rx.AFTER_VERB.search(before))


_IT_TO = re.compile(rf"^\s*(?:\([^()]*\)\s*)?(?:\s(?:—|–|--)\s[^—–]*\s(?:—|–|--)\s)?,?\s*"
                    rf"(?:[\w\-]+\s+){{0,2}}?{rx.CONVERT}\s+(?:it|"
                    rf"them)\s+(?:in)?to\s+{rx.DET}{rx.FEW}(\{{H\d+\}})", re.IGNORECASE)


def _pronoun_conversions(skeleton: str, groups: list[_Group]) -> Iterator[Relation]:
    """"E converts it to B": "it" is the hormone named last before the enzyme."""
    for i, enzyme in enumerate(groups):
        match = _IT_TO.match(skeleton[enzyme.end:]) if enzyme.letter == "E" else None
        if match is None:
            continue
        substrate = next((g for g in reversed(groups[:i]) if g.letter == "H" and
                          not re.search(r"\b(?:in)?to\s+(?:\w+\s+)?$", skeleton[:g.start])), None)
        product = _group_at(groups, enzyme.end + match.start(1))
        if substrate is None or product is None:
            continue
        for e in enzyme.members:
            for a in substrate.members:
                for b in product.members:
                    if a.entity != b.entity:
                        yield Relation(e.entity, str(HGO.converts), a.entity,
                                       evidence=(e, a, b), product=b.entity)


def _products(skeleton: str, slots: dict[str, Mention], groups: list[_Group],
              substrate: _Group) -> tuple[Mention, ...]:
    after = skeleton[substrate.end:substrate.end + 90]
    match = re.match(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:\w+\s+){{0,3}}?(?:in)?to(?:wards?)"
                     rf"?\s+{rx.DET}{rx.FEW}(\{{H\d+\}})", after, re.IGNORECASE)
    if not match:
        return ()
    group = _group_at(groups, substrate.end + match.start(1))
    return group.members if group else (slots[match.group(1)[1:-1]],)


def _group_members(groups: list[_Group], mention: Mention) -> tuple[Mention, ...]:
    """The members of the group a mention belongs to."""
    return next((g.members for g in groups if any(m is mention for m in g.members)), (mention,))


def _group_at(groups: list[_Group], start: int) -> _Group | None:
    """The group that begins at `start` in the skeleton."""
    return next((g for g in groups if g.start == start), None)


def _chain(skeleton: str, slots: dict[str, Mention], enzyme: _Group, groups: list[_Group],
           products: tuple[Mention, ...]) -> Iterator[Relation]:
    """'turning A into B and B into C': every further step of a conversion chain."""
    last = max(products, key=lambda m: m.start)
    after = next((g.end for g in groups if any(m is last for m in g.members)), len(skeleton))
    for step in re.finditer(r"^\s*,?\s*(?:and\s+)?(?:then\s+)?(?:\w+\s+)?(\{H\d+\})\s+(?:in)"
                            r"?to\s+(?:\w+\s+)?(\{H\d+\})", skeleton[after:], re.IGNORECASE):
        a, b = slots[step.group(1)[1:-1]], slots[step.group(2)[1:-1]]
        for e in enzyme.members:
            yield Relation(e.entity, str(HGO.converts), a.entity, evidence=(e, a, b),
                           product=b.entity)


def _balances(skeleton: str, slots: dict[str, Mention]) -> Iterator[Relation]:
    for match in rx.BALANCE.finditer(skeleton):
        for pair in rx.PAIR.finditer(match.group("rest")):
            yield from _balance(slots[pair.group("a")[1:-1]], slots[pair.group("b")[1:-1]])
    for pair in (*rx.HYPHEN_PAIR.finditer(skeleton), *rx.MUTUAL.finditer(skeleton)):
        yield from _balance(slots[pair.group("a")[1:-1]], slots[pair.group("b")[1:-1]])


def _balance(a: Mention, b: Mention) -> Iterator[Relation]:
    """A symmetric balance, stated once, in a stable direction."""
    if a.entity != b.entity:
        first, second = sorted((a, b), key=lambda m: m.entity)
        yield Relation(first.entity, str(HGO.balancedWith), second.entity,
                       evidence=(first, second))

"""Mention evidence as the consumers (tables, the view, checks) read it: one record per mention
occurrence, made from the build's entries or read back from any graph's Web Annotations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from hormgraph.model import AnnotatedEntry
from hormgraph.namespaces import HGO, OA

CONTEXT = 32
#: How much of a long sentence the view and mentions.csv show either side of a mention.
WINDOW = 240


#: The evidence model's selector classes and node classes (named here only: the writer in
#: `emit`, the triple order and the checks take them from here).
QUOTE_SELECTOR = OA.TextQuoteSelector
POSITION_SELECTOR = OA.TextPositionSelector
TARGET = OA.SpecificResource
EVIDENCE_CLASSES = (OA.Annotation, TARGET, QUOTE_SELECTOR, POSITION_SELECTOR, HGO.Sentence)


def selectors_of(graph: Graph, target: Node) -> tuple[Node | None, Node | None]:
    """A Web Annotation target's quote and position selectors in `graph` (None if missing)."""
    found = set(graph.objects(target, OA.hasSelector))
    quote = next((s for s in found if (s, RDF.type, QUOTE_SELECTOR) in graph), None)
    position = next((s for s in found if (s, RDF.type, POSITION_SELECTOR) in graph), None)
    return quote, position


@dataclass(frozen=True, order=True)
class MentionEvidence:
    """Where a term's text mentions an entity: the section, the code-point offsets in it, the
    surface, the sentence, and up to CONTEXT characters before and after."""

    term: str
    entity: str
    section: str
    start: int
    end: int
    surface: str
    sentence: str
    prefix: str = ""
    suffix: str = ""
    #: Where the mention starts in the sentence, when known (else it is found by `locate`).
    at: int = -1

    @property
    def in_sentence(self) -> tuple[str, str, str]:
        """The sentence split around the mention: before, the mention, after; at most WINDOW
        characters either side (an ellipsis marks a cut), so that however long a sentence is,
        what the view and the tables repeat per mention stays short."""
        known = self.at >= 0 and self.sentence[self.at:self.at + len(self.surface)] == self.surface
        at = (self.at, self.at + len(self.surface)) if known else locate(
            self.sentence, self.surface, self.prefix, self.suffix)
        start, end = at or (len(self.sentence), len(self.sentence))
        before, after = self.sentence[:start], self.sentence[end:]
        if len(before) > WINDOW:  # cut at a word boundary
            cut = before[-WINDOW:]
            before = "…" + (cut[cut.find(" ") + 1:] if " " in cut else cut)
        if len(after) > WINDOW:
            cut = after[:WINDOW]
            after = (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"
        return before, self.sentence[start:end], after

    @property
    def excerpt(self) -> str:
        """The sentence, or WINDOW characters either side of the mention in a long one."""
        return "".join(self.in_sentence)


def from_entries(entries: Iterable[AnnotatedEntry],
                 terms: Mapping[str, str]) -> Iterator[MentionEvidence]:
    """The evidence of every mention of `entries`, whose terms have these IRIs (by source)."""
    for item in entries:
        term = terms[item.entry.source]
        for m in item.mentions:
            text = item.entry.text(m.section)
            yield MentionEvidence(
                term, m.entity, m.section, m.start, m.end, m.surface, m.sentence,
                text[max(0, m.start - CONTEXT):m.start], text[m.end:m.end + CONTEXT],
                m.start - m.sentence_start)


def from_graph(graph: Graph) -> Iterator[MentionEvidence]:
    """The evidence of every Web Annotation of `graph` whose target is a term's text (relation
    evidence included: its body is the relation's axiom node, its target the sentence)."""
    value = {p: _values(graph, p) for p in (OA.hasBody, OA.hasTarget, OA.hasSource, HGO.section,
                                            HGO.inSentence, HGO.sentence, OA.exact,
                                            OA.prefix, OA.suffix, OA.start, OA.end)}
    selectors: dict[str, list[str]] = defaultdict(list)
    for resource, selector in graph.subject_objects(OA.hasSelector):
        selectors[str(resource)].append(str(selector))

    def selected(target: str, predicate: URIRef) -> str:
        return min((value[predicate][s] for s in selectors[target] if s in value[predicate]),
                   default="")

    for annotation in graph.subjects(RDF.type, OA.Annotation):
        key = str(annotation)
        body, target = value[OA.hasBody].get(key), value[OA.hasTarget].get(key, "")
        term = value[OA.hasSource].get(target)
        if body is None or term is None:
            continue
        yield MentionEvidence(
            term, body, value[HGO.section].get(key, ""), _int(selected(target, OA.start)),
            _int(selected(target, OA.end)), selected(target, OA.exact),
            value[HGO.sentence].get(value[HGO.inSentence].get(key, ""), ""),
            selected(target, OA.prefix),
            selected(target, OA.suffix))


def _int(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _values(graph: Graph, predicate: URIRef) -> dict[str, str]:
    """Each subject's value of `predicate` (the least, should it have several)."""
    values: dict[str, str] = {}
    for subject, obj in graph.subject_objects(predicate):
        key, text = str(subject), str(obj) if isinstance(obj, (Literal, URIRef)) else ""
        if key not in values or text < values[key]:
            values[key] = text
    return values


def locate(sentence: str, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Where `exact` is in `sentence`; among repeats, the one whose surroundings agree most with
    the quote's `prefix` and `suffix` (which may run past the sentence's ends).

    >>> locate("T3 rises, then T3 falls.", "T3", prefix="rises, then ")
    (15, 17)
    >>> locate("No mention here.", "T4") is None
    True
    """
    best, best_score = None, -1
    at = sentence.find(exact) if exact else -1
    while at >= 0:
        end = at + len(exact)
        score = _shared(sentence[:at][::-1], prefix[::-1]) + _shared(sentence[end:], suffix)
        if score > best_score:
            best, best_score = (at, end), score
        at = sentence.find(exact, at + 1)
    return best


def _shared(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))

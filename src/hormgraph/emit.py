"""The build's triples, written as N-Triples lines entry by entry, in the order of the outputs.

An entry's triples depend on that entry alone (and its IRIs), so entries can be emitted in
parallel, cached and streamed; what spans entries (the vocabulary concepts mentioned, the curated
relations, the schemes' top concepts) is gathered from the entries' small summaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from hormgraph import __version__
from hormgraph.errors import shown
from hormgraph.evidence import POSITION_SELECTOR, QUOTE_SELECTOR, TARGET
from hormgraph.model import SECTIONS, AnnotatedEntry, EntityType, Mention, Relation
from hormgraph.namespaces import (
    GLOSSARY_SCHEME,
    HG,
    HGO,
    OA,
    SECTION_PROPERTY,
)
from hormgraph.normalize import slug
from hormgraph.ntriples import integer, iri, text
from hormgraph.order import GROUPS, subject_key, subject_lines

CONTEXT = 32
AGENT = f"{HG}agent/hormgraph-{__version__}"
ACTIVITY = f"{HG}activity/build-{__version__}"


def _p(term: object) -> str:
    return iri(str(term))


_CLASSES: dict[object, str] = {}


def _class(cls: object) -> str:
    found = _CLASSES.get(cls)
    if found is None:
        found = _CLASSES[cls] = _p(cls)
    return found


# The IRIs the triples use, written once (an rdflib namespace lookup costs a microsecond).
_DCTERMS_identifier = _p(DCTERMS.identifier)
_DCTERMS_title = _p(DCTERMS.title)
_HGO_basis = _p(HGO.basis)
_HGO_convertedTo = _p(HGO.convertedTo)
_HGO_evidence = _p(HGO.evidence)
_HGO_inSentence = _p(HGO.inSentence)
_HGO_mentions = _p(HGO.mentions)
_HGO_produces = _p(HGO.produces)
_HGO_product = _p(HGO.product)
_HGO_section = _p(HGO.section)
_HGO_sentence = _p(HGO.sentence)
_OA_end = _p(OA.end)
_OA_exact = _p(OA.exact)
_OA_hasBody = _p(OA.hasBody)
_OA_hasSelector = _p(OA.hasSelector)
_OA_hasSource = _p(OA.hasSource)
_OA_hasTarget = _p(OA.hasTarget)
_OA_identifying = _p(OA.identifying)
_OA_motivatedBy = _p(OA.motivatedBy)
_OA_prefix = _p(OA.prefix)
_OA_start = _p(OA.start)
_OA_suffix = _p(OA.suffix)
_OWL_annotatedProperty = _p(OWL.annotatedProperty)
_OWL_annotatedSource = _p(OWL.annotatedSource)
_OWL_annotatedTarget = _p(OWL.annotatedTarget)
_OWL_versionInfo = _p(OWL.versionInfo)
_PROV_used = _p(PROV.used)
_PROV_wasAssociatedWith = _p(PROV.wasAssociatedWith)
_PROV_wasDerivedFrom = _p(PROV.wasDerivedFrom)
_PROV_wasGeneratedBy = _p(PROV.wasGeneratedBy)
_RDF_type = _p(RDF.type)
_RDFS_comment = _p(RDFS.comment)
_RDFS_isDefinedBy = _p(RDFS.isDefinedBy)
_RDFS_label = _p(RDFS.label)
_SKOS_hasTopConcept = _p(SKOS.hasTopConcept)
_SKOS_inScheme = _p(SKOS.inScheme)
_SKOS_prefLabel = _p(SKOS.prefLabel)
_SKOS_topConceptOf = _p(SKOS.topConceptOf)
TYPE, LABEL, PREF = _RDF_type, _RDFS_label, _SKOS_prefLabel
MENTIONS = _HGO_mentions
MENTION_PROPERTY = {t: _p(HGO[f"mentions{t.class_name}"]) for t in EntityType}
SECTION = {name: _p(p) for name, p in SECTION_PROPERTY.items()}


class Triples:
    """Triples gathered by subject (IRIs as strings, predicates and objects in N-Triples)."""

    def __init__(self) -> None:
        self.pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.types: dict[str, list[str]] = defaultdict(list)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.pairs[subject].append((predicate, obj))
        if predicate == TYPE:
            self.types[subject].append(obj[1:-1])

    def typed(self, subject: str, *classes: object) -> None:
        for cls in classes:
            self.add(subject, TYPE, _class(cls))

    def blocks(self) -> list[tuple[tuple[int, bool, str, str], list[str]]]:
        """Each subject's key and lines, in order."""
        return sorted((subject_key(s, self.types[s]), subject_lines(s, pairs))
                      for s, pairs in self.pairs.items())


@dataclass(frozen=True)
class EntryTriples:
    """One entry's triples: its term's (group "terms"), its source file's, its evidence and text
    relation axioms', and the triples its relations assert between vocabulary concepts."""

    term: tuple[str, ...]
    source: tuple[str, ...]
    evidence: tuple[str, ...]
    axioms: tuple[str, ...]
    links: tuple[tuple[str, str, str], ...]
    mentioned: frozenset[str]


def entry_triples(item: AnnotatedEntry, term: str, source: str) -> EntryTriples:
    """The triples of one annotated entry whose term and source file have these IRIs."""
    triples = Triples()
    entry = item.entry
    triples.typed(term, HGO.GlossaryTerm, SKOS.Concept)
    triples.add(term, _SKOS_inScheme, _p(GLOSSARY_SCHEME))
    triples.add(term, _SKOS_topConceptOf, _p(GLOSSARY_SCHEME))
    triples.add(term, PREF, text(entry.term))
    triples.add(term, LABEL, text(entry.term))
    for section, body in entry.sections.items():
        triples.add(term, SECTION[section], text(body))
    for predicate in (DCTERMS.source, PROV.wasDerivedFrom):
        triples.add(term, _p(predicate), iri(source))
    triples.add(term, _PROV_wasGeneratedBy, iri(ACTIVITY))
    triples.typed(source, HGO.SourceFile, PROV.Entity)
    triples.add(source, _DCTERMS_identifier, text(shown(entry.source), None))
    triples.add(source, _p(HGO.sha256), text(entry.sha256, None))
    for mention in item.mentions:
        triples.add(term, MENTIONS, iri(mention.entity))
        triples.add(term, MENTION_PROPERTY[mention.type], iri(mention.entity))
        _mention(triples, term, mention, entry.text(mention.section))
    links = _text_relations(triples, term, item.relations)
    parts: dict[str, list[str]] = defaultdict(list)
    axiom = str(OWL.Axiom)
    for key, lines in triples.blocks():
        parts[_part(key[0])].extend(lines)
        if axiom in triples.types[key[3]]:  # the network keeps the axiom, not its evidence
            parts["axioms"].extend(line for line in lines if _HGO_evidence not in line)
    return EntryTriples(tuple(parts["term"]), tuple(parts["source"]), tuple(parts["evidence"]),
                        tuple(parts["axioms"]), tuple(links),
                        frozenset(m.entity for m in item.mentions))


def _part(group: int) -> str:
    return {GROUPS[str(HGO.GlossaryTerm)]: "term", GROUPS[str(HGO.SourceFile)]: "source"}.get(
        group, "evidence")


def annotation_iri(term: str, mention: Mention) -> str:
    """The stable IRI of the annotation of one mention occurrence."""
    name = term.rsplit("/", 1)[-1]
    return f"{HG}annotation/{name}/{mention.section}-{mention.start}-{mention.end}"


def sentence_iri(term: str, section: str, start: int) -> str:
    """The stable IRI of the sentence of a term's section that starts at `start`."""
    return f"{HG}sentence/{term.rsplit('/', 1)[-1]}/{section}-{start}"


def _sentence(triples: Triples, term: str, section: str, start: int, sentence: str) -> str:
    """The sentence node (its text stored once, however many annotations it holds)."""
    node_ = sentence_iri(term, section, start)
    if node_ not in triples.pairs:
        position = f"{node_}/position"
        triples.typed(node_, HGO.Sentence, TARGET)
        triples.add(node_, _HGO_sentence, text(sentence, None))
        triples.add(node_, _HGO_section, text(section, None))
        triples.add(node_, _OA_hasSource, iri(term))
        triples.add(node_, _OA_hasSelector, iri(position))
        triples.typed(position, POSITION_SELECTOR)
        triples.add(position, _OA_start, integer(start))
        triples.add(position, _OA_end, integer(start + len(sentence)))
    return node_


def _annotation(triples: Triples, node_: str, body: str, section: str, sentence: str) -> None:
    """The core of a W3C Web Annotation of a term's text: its body, section and sentence."""
    triples.typed(node_, OA.Annotation)
    triples.add(node_, _OA_motivatedBy, _OA_identifying)
    triples.add(node_, _OA_hasBody, iri(body))
    triples.add(node_, _HGO_section, text(section, None))
    triples.add(node_, _HGO_inSentence, iri(sentence))


def _mention(triples: Triples, term: str, mention: Mention, section_text: str) -> None:
    """The annotation of one mention: its target selects section_text[start:end] of the term,
    by quote (with up to CONTEXT characters either side) and by position."""
    node_, start, end = annotation_iri(term, mention), mention.start, mention.end
    sentence = _sentence(triples, term, mention.section, mention.sentence_start,
                         mention.sentence)
    _annotation(triples, node_, mention.entity, mention.section, sentence)
    target, quote, position = (f"{node_}/{part}" for part in ("target", "quote", "position"))
    triples.add(node_, _OA_hasTarget, iri(target))
    triples.typed(target, TARGET)
    triples.add(target, _OA_hasSource, iri(term))
    triples.add(target, _OA_hasSelector, iri(quote))
    triples.add(target, _OA_hasSelector, iri(position))
    triples.typed(quote, QUOTE_SELECTOR)
    triples.add(quote, _OA_exact, text(section_text[start:end], None))
    if start:
        triples.add(quote, _OA_prefix,
                    text(section_text[max(0, start - CONTEXT): start], None))
    if end < len(section_text):
        triples.add(quote, _OA_suffix, text(section_text[end: end + CONTEXT], None))
    triples.typed(position, POSITION_SELECTOR)
    triples.add(position, _OA_start, integer(start))
    triples.add(position, _OA_end, integer(end))


def statement_iri(relation: Relation, scope: str) -> str:
    """The stable IRI of a relation's axiom node, within a term (or "curated")."""
    parts = [relation.subject, relation.predicate, relation.object, relation.product or ""]
    return f"{HG}statement/{scope}/" + "--".join(
        slug(p.rsplit("/", 1)[-1].rsplit("#", 1)[-1]) for p in parts if p)


def axiom(triples: Triples, node_: str, relation: Relation,
           basis: object) -> list[tuple[str, str, str]]:
    """The axiom annotation node (owl:Axiom) of a relation; returns the triples it asserts
    between concepts (the relation, and a conversion's hgo:produces and hgo:convertedTo)."""
    s, p, o = relation.subject, relation.predicate, relation.object
    triples.typed(node_, OWL.Axiom)
    triples.add(node_, _OWL_annotatedSource, iri(s))
    triples.add(node_, _OWL_annotatedProperty, iri(p))
    triples.add(node_, _OWL_annotatedTarget, iri(o))
    triples.add(node_, _HGO_basis, _p(basis))
    asserted = [(s, iri(p), iri(o))]
    if relation.product:
        triples.add(node_, _HGO_product, iri(relation.product))
        asserted += [(s, _HGO_produces, iri(relation.product)),
                     (o, _HGO_convertedTo, iri(relation.product))]
    return asserted


RelationKey = tuple[str, str, str, str | None]


def merge_relations(relations: Iterable[Relation]) -> dict[RelationKey, list[Mention]]:
    """The relations of one entry merged by (subject, predicate, object, product), each with one
    evidence mention per distinct sentence (section, sentence start), in text order.

    >>> m = Mention("e", EntityType.ENZYME, "origin", 4, 5, "e", "A e b.", 0)
    >>> merged = merge_relations([Relation("e", "p", "b", evidence=(m,)),
    ...                           Relation("e", "p", "b", evidence=(m,))])
    >>> [(key, len(found)) for key, found in merged.items()]
    [(('e', 'p', 'b', None), 1)]
    """
    order = {section: i for i, section in enumerate(SECTIONS)}
    sentences: dict[RelationKey, dict[tuple[str, int], Mention]] = {}
    for relation in relations:
        found = sentences.setdefault(
            (relation.subject, relation.predicate, relation.object, relation.product), {})
        for mention in relation.evidence:
            found.setdefault((mention.section, mention.sentence_start), mention)
    return {key: [found[place] for place in sorted(
                found, key=lambda place: (order.get(place[0], len(order)), place))]
            for key, found in sorted(sentences.items(),
                                     key=lambda item: (*item[0][:3], item[0][3] or ""))}


def _text_relations(triples: Triples, term: str,
                    relations: Iterable[Relation]) -> list[tuple[str, str, str]]:
    """One axiom node per relation the entry states, with an evidence annotation of each
    sentence that states it (its target: the sentence)."""
    scope = term.rsplit("/", 1)[-1]
    links = []
    for (subject, predicate, obj, product), evidence in merge_relations(relations).items():
        relation = Relation(subject, predicate, obj, product=product)
        node_ = statement_iri(relation, scope)
        links += axiom(triples, node_, relation, HGO.text)
        triples.add(node_, _PROV_wasDerivedFrom, iri(term))
        for mention in evidence:
            sentence = _sentence(triples, term, mention.section, mention.sentence_start,
                                 mention.sentence)
            annotation = f"{node_}/evidence/{mention.section}-{mention.sentence_start}"
            triples.add(node_, _HGO_evidence, iri(annotation))
            _annotation(triples, annotation, node_, mention.section, sentence)
            triples.add(annotation, _OA_hasTarget, iri(sentence))
    return links

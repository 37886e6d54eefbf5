"""ROBOT-report-style checks (labels, definitions, metadata, cross-references) and the
checks of evidence, mentions and declarations: graph -> findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from hormgraph.evidence import selectors_of
from hormgraph.findings import Finding, Level, curie, finding
from hormgraph.namespaces import (
    HGO,
    OA,
    ONTOLOGY_IRI,
    SECTION_PROPERTY,
    TYPED_MENTIONS,
)
from hormgraph.skos_checks import (
    BUILT_IN,
    DECLARATIONS,
    DOCUMENTATION,
    LINE_BREAKS,
    MAPPINGS,
    XREF,
    _all_labels,
    _ambiguous,
    _by_language,
    _concepts,
    _label_key,
    _literals,
    _schema_terms,
    instances,
)


def undocumented_concept(graph: Graph) -> Iterator[Finding]:
    """A concept with no skos:note or sub-property of it (definition, scope note, ...)."""
    notes = set(DOCUMENTATION) | set(graph.transitive_subjects(RDFS.subPropertyOf, SKOS.note))
    for concept in _concepts(graph):
        if not any((concept, p, None) in graph for p in notes):
            yield finding(Level.INFO, "undocumented_concept", concept, None,
                           "no definition or other note says what the concept means")


# ROBOT-report style checks

def _labelled(graph: Graph) -> Iterator[tuple[Node, URIRef, URIRef | None]]:
    """Each entity that needs a label, with its label and definition properties."""
    for concept in _concepts(graph):
        yield concept, SKOS.prefLabel, SKOS.definition
    for scheme in sorted(instances(graph, SKOS.ConceptScheme), key=str):
        yield scheme, SKOS.prefLabel, None
    for term in _schema_terms(graph):
        yield term, RDFS.label, RDFS.comment


def missing_label(graph: Graph) -> Iterator[Finding]:
    """A concept or scheme without skos:prefLabel; an hgo: term without rdfs:label."""
    for entity, label, _ in _labelled(graph):
        if not _literals(graph, entity, label):
            yield finding(Level.ERROR, "missing_label", entity, None, f"no {curie(label)}")


def missing_definition(graph: Graph) -> Iterator[Finding]:
    """A concept without skos:definition; an hgo: term without rdfs:comment."""
    for entity, _, definition in _labelled(graph):
        if definition is not None and not _literals(graph, entity, definition):
            yield finding(Level.WARN, "missing_definition", entity, None,
                           f"no {curie(definition)}")


def _multiple(graph: Graph, predicate: URIRef, check: str) -> Iterator[Finding]:
    for subject in sorted(set(graph.subjects(predicate)), key=str):
        for language, values in sorted(_by_language(_literals(graph, subject,
                                                              predicate)).items()):
            if len(values) > 1:
                yield finding(Level.ERROR, check, subject, " | ".join(values),
                               f"{len(values)} {curie(predicate)} in language "
                               f"{language or '(none)'!r}")


def multiple_labels(graph: Graph) -> Iterator[Finding]:
    """More than one rdfs:label in a language (for skos:prefLabel, see skos_S14)."""
    return _multiple(graph, RDFS.label, "multiple_labels")


def multiple_definitions(graph: Graph) -> Iterator[Finding]:
    """More than one skos:definition in a language."""
    return _multiple(graph, SKOS.definition, "multiple_definitions")


def _duplicates(graph: Graph, predicate: URIRef, check: str) -> Iterator[Finding]:
    """Two of hormgraph's entities (concepts, schemes, hgo: terms) with one value of
    `predicate`; a term of another vocabulary may share its label with our sub-property of it."""
    ours = {entity for entity, _, _ in _labelled(graph)}
    holders: dict[Literal, set[Node]] = defaultdict(set)
    for subject, value in graph.subject_objects(predicate):
        if isinstance(value, Literal) and subject in ours:
            holders[value].add(subject)
    for value, subjects in sorted(holders.items(), key=lambda item: str(item[0])):
        if len(subjects) > 1 and _label_key(value) not in set.intersection(
                *(_ambiguous(graph, s) for s in subjects)):
            first, *others = sorted(subjects, key=str)
            yield finding(Level.ERROR, check, first, value,
                           f"the same {curie(predicate)} as "
                           + ", ".join(curie(str(s)) for s in others))


def duplicate_label(graph: Graph) -> Iterator[Finding]:
    """Two entities with the same skos:prefLabel or rdfs:label."""
    yield from _duplicates(graph, SKOS.prefLabel, "duplicate_label")
    yield from _duplicates(graph, RDFS.label, "duplicate_label")


def duplicate_definition(graph: Graph) -> Iterator[Finding]:
    """Two entities with the same skos:definition."""
    return _duplicates(graph, SKOS.definition, "duplicate_definition")


def label_whitespace(graph: Graph) -> Iterator[Finding]:
    """A label with leading or trailing whitespace, a double space or an unusual space (line
    breaks and tabs are label_formatting)."""
    for subject, label in _all_labels(graph):
        text = "".join(c for c in str(label) if c not in LINE_BREAKS)
        if text != text.strip() or "  " in text or any(c.isspace() and c != " " for c in text):
            yield finding(Level.ERROR, "label_whitespace", subject, label,
                           "leading, trailing, doubled or non-standard whitespace in a label")


def label_formatting(graph: Graph) -> Iterator[Finding]:
    """A label with a line break or a tab."""
    for subject, label in _all_labels(graph):
        if any(c in str(label) for c in LINE_BREAKS):
            yield finding(Level.ERROR, "label_formatting", subject, label,
                           "a label holds a line break or a tab")


def ontology_metadata(graph: Graph) -> Iterator[Finding]:
    """The ontology header lacks a title, a description or a license."""
    ontologies = sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str) or [
        URIRef(ONTOLOGY_IRI)]
    for ontology in ontologies:
        for predicate, what in ((DCTERMS.title, "title"), (DCTERMS.description, "description"),
                                (DCTERMS.license, "license")):
            if (ontology, predicate, None) not in graph:
                yield finding(Level.ERROR, f"missing_ontology_{what}", ontology, None,
                               f"the ontology header has no {curie(predicate)}")


def invalid_xref(graph: Graph) -> Iterator[Finding]:
    """A cross-reference that is not an OBO PURL, an EC number or an HGNC gene IRI."""
    for predicate in MAPPINGS:
        for subject, target in sorted(graph.subject_objects(predicate), key=str):
            if not (isinstance(target, URIRef) and XREF.fullmatch(str(target))):
                yield finding(Level.WARN, "invalid_xref", subject, target,
                               f"{curie(predicate)} is not an OBO PURL, identifiers.org "
                               "ec-code: or hgnc: IRI")


# The data contract

def evidence_offsets(graph: Graph) -> Iterator[Finding]:
    """Each annotation's offsets select exactly its quote (and its prefix and suffix) in the
    section text stored on the term."""
    for annotation in sorted(graph.subjects(RDF.type, OA.Annotation), key=str):
        problem = _offset_problem(graph, annotation)
        if problem:
            yield finding(Level.ERROR, "evidence_offsets", annotation, problem[0], problem[1])


def _offset_problem(graph: Graph, annotation: Node) -> tuple[str, str] | None:
    target = graph.value(annotation, OA.hasTarget)
    term = graph.value(target, OA.hasSource) if target is not None else None
    section = str(graph.value(annotation, HGO.section))
    text = graph.value(term, SECTION_PROPERTY[section]) if (
        term is not None and section in SECTION_PROPERTY) else None
    if text is None:
        return section, "no section text on the annotated term to check the offsets against"
    quote, position = selectors_of(graph, target) if target is not None else (None, None)
    begin, stop = (_integer(graph.value(position, p)) for p in (OA.start, OA.end))
    # A relation's evidence targets the sentence itself, whose text is its hgo:sentence.
    exact = graph.value(quote, OA.exact) if quote is not None else graph.value(
        target, HGO.sentence)
    if begin is None or stop is None or exact is None:
        return "", "no quote and position selectors with integer offsets to compare"
    prefix, suffix = (str(graph.value(quote, p) or "") for p in (OA.prefix, OA.suffix))
    body = str(text)
    if body[begin:stop] != str(exact):
        return f"{begin}-{stop}", f"the offsets select {body[begin:stop]!r}, not {str(exact)!r}"
    if not body[:begin].endswith(prefix) or not body[stop:].startswith(suffix):
        return f"{begin}-{stop}", "the quote's prefix or suffix does not surround it"
    return None


def _integer(node: Node | None) -> int | None:
    value = node.toPython() if isinstance(node, Literal) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def untyped_mention(graph: Graph) -> Iterator[Finding]:
    """A mention stated as hgo:mentions without its typed sub-property, or the other way round."""
    typed = {(s, o) for p in TYPED_MENTIONS for s, o in graph.subject_objects(p)}
    plain = set(graph.subject_objects(HGO.mentions))
    for term, entity in sorted(typed ^ plain, key=str):
        yield finding(Level.ERROR, "untyped_mention", term, entity,
                       "a mention needs both hgo:mentions and its typed sub-property")


def mention_without_evidence(graph: Graph) -> Iterator[Finding]:
    """A mention with no oa:Annotation of its entity in the term's text."""
    evidenced = {(graph.value(target, OA.hasSource), body)
                 for annotation in graph.subjects(RDF.type, OA.Annotation)
                 for body in graph.objects(annotation, OA.hasBody)
                 for target in graph.objects(annotation, OA.hasTarget)}
    for term, entity in sorted(graph.subject_objects(HGO.mentions), key=str):
        if (term, entity) not in evidenced:
            yield finding(Level.ERROR, "mention_without_evidence", term, entity,
                           "no annotation in the term's text has this entity as its body")


def unasserted_statement(graph: Graph) -> Iterator[Finding]:
    """An axiom annotation (owl:Axiom) whose annotated triple is not asserted in the graph."""
    for node in sorted(graph.subjects(RDF.type, OWL.Axiom), key=str):
        subject, predicate, obj = (graph.value(node, p) for p in (
            OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        if subject and predicate and obj and (subject, predicate, obj) not in graph:
            yield finding(Level.ERROR, "unasserted_statement", node, predicate,
                           "the triple the axiom annotation describes is not asserted")


def undeclared_term(graph: Graph) -> Iterator[Finding]:
    """An hgo: term used but not declared (ERROR); a property or class of another vocabulary
    used without an OWL declaration, which OWL tools then have to guess (WARN)."""
    declared = {s for kind in DECLARATIONS for s in graph.subjects(RDF.type, kind)}
    used = ({n for triple in graph for n in triple if isinstance(n, URIRef)
             and str(n).startswith(str(HGO))}
            | set(graph.predicates()) | set(graph.objects(None, RDF.type)))
    for term in sorted(used - declared, key=str):
        if isinstance(term, URIRef) and not str(term).startswith(BUILT_IN):
            ours = str(term).startswith(str(HGO))
            yield finding(Level.ERROR if ours else Level.WARN, "undeclared_term", term, None,
                           "used but not declared as an owl:Class or an OWL property")

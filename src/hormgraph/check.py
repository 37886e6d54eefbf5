"""Check a graph as SHACL, the SKOS reference, qSKOS and ROBOT's report would: graph -> findings."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from enum import Enum
from itertools import combinations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from hormgraph.evidence import MentionEvidence
from hormgraph.namespaces import HGO, OA, ONTOLOGY_IRI, PREFIXES, SECTION_PROPERTY
from hormgraph.vocabulary import SHAPES_FILE, default_ontology


class Level(str, Enum):
    """How bad a finding is; `--fail-on LEVEL` fails on it and on anything worse."""

    ERROR = "ERROR"
    WARN = "WARN"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        """0 for ERROR, the worst."""
        return list(Level).index(self)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, on which entity, with which value."""

    level: Level
    check: str
    entity: str
    value: str
    message: str

    def key(self) -> tuple[int, str, str, str, str]:
        return (self.level.rank, self.check, self.entity, self.value, self.message)


Check = Callable[[Graph], Iterator[Finding]]

LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
            SKOS.relatedMatch)
HIERARCHY = (SKOS.broader, SKOS.narrower, SKOS.broaderTransitive, SKOS.narrowerTransitive)
DOCUMENTATION = (SKOS.note, SKOS.definition, SKOS.scopeNote, SKOS.example, SKOS.historyNote,
                 SKOS.editorialNote, SKOS.changeNote)
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual)
BUILT_IN = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
TYPED_MENTIONS = (HGO.mentionsHormone, HGO.mentionsEnzyme, HGO.mentionsTissue,
                  HGO.mentionsProcess, HGO.mentionsReceptor)
#: Cross-references hormgraph makes: OBO PURLs, EC numbers and HGNC genes at identifiers.org.
XREF = re.compile(r"http://purl\.obolibrary\.org/obo/[A-Za-z][A-Za-z0-9]*_[0-9]+"
                  r"|https://identifiers\.org/ec-code:[0-9]+(?:\.(?:n?[0-9]+|-)){3}"
                  r"|https://identifiers\.org/hgnc:[0-9]+")
LINE_BREAKS = "\t\n\r"
ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
UNPRINTABLE = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}  # Zl, Zp: U+2028, U+2029 break lines


def _finding(level: Level, check: str, entity: Node, value: object, message: str) -> Finding:
    return Finding(level, check, str(entity), "" if value is None else str(value), message)


def curie(iri: str) -> str:
    """`iri` shortened with hormgraph's prefixes, for people to read.

    >>> curie("https://w3id.org/hormgraph/id/hormone/cortisol")
    'hormone:cortisol'
    """
    best = max((ns for ns in PREFIXES.values() if iri.startswith(str(ns))), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(str(best)):]}"


def instances(graph: Graph, cls: URIRef) -> set[Node]:
    """Everything typed `cls` or one of its sub-classes in `graph`."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def _concepts(graph: Graph) -> list[Node]:
    return sorted(instances(graph, SKOS.Concept), key=str)


def _schema_terms(graph: Graph) -> list[Node]:
    """hgo: classes and properties declared in the graph."""
    return sorted({s for kind in DECLARATIONS for s in graph.subjects(RDF.type, kind)
                   if str(s).startswith(str(HGO))}, key=str)


def _literals(graph: Graph, subject: Node, predicate: URIRef) -> list[Literal]:
    return sorted((o for o in graph.objects(subject, predicate) if isinstance(o, Literal)),
                  key=lambda o: (o.language or "", str(o)))


def _by_language(literals: Iterable[Literal]) -> dict[str, list[Literal]]:
    groups: dict[str, list[Literal]] = defaultdict(list)
    for literal in literals:
        groups[literal.language or ""].append(literal)
    return groups


def _broader_edges(graph: Graph) -> Iterator[tuple[Node, Node]]:
    """(narrower, broader) pairs from every SKOS hierarchical property, in either direction."""
    for predicate in HIERARCHY:
        for s, o in graph.subject_objects(predicate):
            yield (s, o) if predicate in (SKOS.broader, SKOS.broaderTransitive) else (o, s)


def _hierarchy(graph: Graph) -> nx.DiGraph[Node]:
    network: nx.DiGraph[Node] = nx.DiGraph()
    network.add_edges_from(sorted(_broader_edges(graph), key=str))
    return network


# SHACL

def load_shapes() -> Graph:
    """The packaged SHACL shapes, ontology/shapes.ttl."""
    return Graph().parse(data=(default_ontology() / SHAPES_FILE).read_text(encoding="utf-8"),
                         format="turtle")


SEVERITY = {SH.Violation: Level.ERROR, SH.Warning: Level.WARN, SH.Info: Level.INFO}


def shacl_findings(graph: Graph, shapes: Graph) -> Iterator[Finding]:
    """Every SHACL validation result, named after the shape that produced it."""
    from pyshacl import validate

    _, report, _ = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        name = (str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef)
                else str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1])
        message = report.value(result, SH.resultMessage)
        yield _finding(SEVERITY.get(report.value(result, SH.resultSeverity), Level.ERROR),
                       f"shacl_{name}", report.value(result, SH.focusNode),
                       report.value(result, SH.value), str(message or "fails " + name))


# The SKOS reference's integrity conditions

def skos_s9(graph: Graph) -> Iterator[Finding]:
    """S9: skos:ConceptScheme is disjoint with skos:Concept."""
    for node in sorted(instances(graph, SKOS.Concept) & instances(graph, SKOS.ConceptScheme),
                       key=str):
        yield _finding(Level.ERROR, "skos_S9", node, None,
                       "both a skos:Concept and a skos:ConceptScheme")


def skos_s13(graph: Graph) -> Iterator[Finding]:
    """S13: skos:prefLabel, skos:altLabel and skos:hiddenLabel are pairwise disjoint."""
    for subject in sorted({s for p in LABELS for s in graph.subjects(p)}, key=str):
        for first, second in combinations(LABELS, 2):
            for label in sorted(set(_literals(graph, subject, first))
                                & set(_literals(graph, subject, second)), key=str):
                yield _finding(Level.ERROR, "skos_S13", subject, label,
                               f"the same label is both {curie(first)} and {curie(second)}")


def skos_s14(graph: Graph) -> Iterator[Finding]:
    """S14: a resource has no more than one skos:prefLabel per language tag."""
    for subject in sorted(set(graph.subjects(SKOS.prefLabel)), key=str):
        for language, labels in sorted(_by_language(_literals(graph, subject,
                                                              SKOS.prefLabel)).items()):
            if len(labels) > 1:
                yield _finding(Level.ERROR, "skos_S14", subject, " | ".join(labels),
                               f"{len(labels)} skos:prefLabel in language "
                               f"{language or '(none)'!r}")


def skos_s27(graph: Graph) -> Iterator[Finding]:
    """S27: skos:related is disjoint with skos:broaderTransitive (in either direction)."""
    hierarchy = _hierarchy(graph)

    def below(node: Node, other: Node) -> bool:
        return node in hierarchy and other in nx.descendants(hierarchy, node)

    pairs = {tuple(sorted((s, o), key=str)) for s, o in graph.subject_objects(SKOS.related)}
    for a, b in sorted(pairs, key=str):
        if below(a, b) or below(b, a):
            yield _finding(Level.ERROR, "skos_S27", a, b,
                           "skos:related to a concept it is also above or below in the hierarchy")


def skos_s37(graph: Graph) -> Iterator[Finding]:
    """S37: skos:Collection is disjoint with skos:Concept and skos:ConceptScheme."""
    clash = instances(graph, SKOS.Collection) & (instances(graph, SKOS.Concept)
                                                 | instances(graph, SKOS.ConceptScheme))
    for node in sorted(clash, key=str):
        yield _finding(Level.ERROR, "skos_S37", node, None,
                       "a skos:Collection cannot also be a concept or a concept scheme")


def skos_s46(graph: Graph) -> Iterator[Finding]:
    """S46: skos:exactMatch is disjoint with skos:broadMatch and skos:relatedMatch."""
    def pairs(*predicates: URIRef) -> set[frozenset[Node]]:
        return {frozenset((s, o)) for p in predicates for s, o in graph.subject_objects(p)}

    clash = pairs(SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
    for a, b in sorted(graph.subject_objects(SKOS.exactMatch), key=str):
        if frozenset((a, b)) in clash:
            yield _finding(Level.ERROR, "skos_S46", a, b,
                           "skos:exactMatch and also skos:broadMatch, narrowMatch or relatedMatch")


# qSKOS quality issues

def cyclic_hierarchy(graph: Graph) -> Iterator[Finding]:
    """A concept is its own ancestor through skos:broader / skos:narrower."""
    hierarchy = _hierarchy(graph)
    cycles = [c for c in nx.strongly_connected_components(hierarchy) if len(c) > 1]
    cycles += [{node} for node, _ in nx.selfloop_edges(hierarchy)]
    for members in sorted((sorted(c, key=str) for c in cycles), key=str):
        cycle = nx.find_cycle(hierarchy.subgraph(members), source=members[0])
        path = " > ".join(curie(str(node)) for node, _ in [*cycle, cycle[0]])
        yield _finding(Level.ERROR, "cyclic_hierarchy", members[0], path,
                       "the broader hierarchy has a cycle")


def orphan_concept(graph: Graph) -> Iterator[Finding]:
    """A concept with no hierarchical or associative relation that is no scheme's top concept."""
    linked = {n for p in (*HIERARCHY, SKOS.related) for pair in graph.subject_objects(p)
              for n in pair}
    linked |= set(graph.subjects(SKOS.topConceptOf)) | set(graph.objects(None,
                                                                         SKOS.hasTopConcept))
    for concept in _concepts(graph):
        if concept not in linked:
            yield _finding(Level.WARN, "orphan_concept", concept, None,
                           "no skos:broader, narrower or related, and not a top concept")


def _schemes_of(graph: Graph, concept: Node) -> set[Node]:
    return (set(graph.objects(concept, SKOS.inScheme)) | set(graph.objects(concept,
                                                                           SKOS.topConceptOf))
            | set(graph.subjects(SKOS.hasTopConcept, concept)))


def _label_key(label: Literal) -> tuple[str, str]:
    return (label.language or "",
            " ".join(unicodedata.normalize("NFKC", str(label)).casefold().split()))


def _ambiguous(graph: Graph, concept: Node) -> set[tuple[str, str]]:
    return {_label_key(o) for o in _literals(graph, concept, HGO.ambiguousLabel)}


def overlapping_labels(graph: Graph) -> Iterator[Finding]:
    """Two concepts of one scheme share a label, ignoring case (unless both declare it
    hgo:ambiguousLabel; two equal prefLabels are a duplicate_label)."""
    holders: dict[tuple[Node, tuple[str, str]], dict[Node, list[tuple[URIRef, Literal]]]] = (
        defaultdict(lambda: defaultdict(list)))
    for concept in _concepts(graph):
        for predicate in LABELS:
            for label in _literals(graph, concept, predicate):
                for scheme in _schemes_of(graph, concept):
                    holders[(scheme, _label_key(label))][concept].append((predicate, label))
    reported: set[tuple[Node, Node, tuple[str, str]]] = set()
    for (_, key), by_concept in sorted(holders.items(), key=lambda i: (str(i[0][0]), i[0][1])):
        for a, b in combinations(sorted(by_concept, key=str), 2):
            if (a, b, key) in reported or key in _ambiguous(graph, a) & _ambiguous(graph, b):
                continue
            reported.add((a, b, key))
            if any(p == q == SKOS.prefLabel and x == y for p, x in by_concept[a]
                   for q, y in by_concept[b]):
                continue
            yield _finding(Level.WARN, "overlapping_labels", a, by_concept[a][0][1],
                           f"{curie(str(b))} has the label {str(by_concept[b][0][1])!r} too")


def omitted_top_concepts(graph: Graph) -> Iterator[Finding]:
    """A concept scheme without top concepts."""
    for scheme in sorted(instances(graph, SKOS.ConceptScheme), key=str):
        if (scheme, SKOS.hasTopConcept, None) not in graph and (
                None, SKOS.topConceptOf, scheme) not in graph:
            yield _finding(Level.WARN, "omitted_top_concepts", scheme, None,
                           "the concept scheme has no top concept")


def top_concept_has_broader(graph: Graph) -> Iterator[Finding]:
    """A top concept of a scheme with a broader concept."""
    tops = set(graph.subjects(SKOS.topConceptOf)) | set(graph.objects(None, SKOS.hasTopConcept))
    for narrower, broader in sorted(set(_broader_edges(graph)), key=str):
        if narrower in tops:
            yield _finding(Level.WARN, "top_concept_has_broader", narrower, broader,
                           "a top concept has a broader concept")


def _all_labels(graph: Graph) -> Iterator[tuple[Node, Literal]]:
    for predicate in (*LABELS, RDFS.label):
        for subject, label in sorted(graph.subject_objects(predicate), key=str):
            if isinstance(label, Literal):
                yield subject, label


def unprintable_characters(graph: Graph) -> Iterator[Finding]:
    """A label holds a control, format, private-use or unassigned character."""
    for subject, label in _all_labels(graph):
        bad = [c for c in str(label)
               if unicodedata.category(c) in UNPRINTABLE and c not in LINE_BREAKS]
        if bad:
            yield _finding(Level.WARN, "unprintable_characters", subject, label,
                           "unprintable character(s) " + ", ".join(f"U+{ord(c):04X}" for c in bad))


def undocumented_concept(graph: Graph) -> Iterator[Finding]:
    """A concept with no skos:note or sub-property of it (definition, scope note, ...)."""
    notes = set(DOCUMENTATION) | set(graph.transitive_subjects(RDFS.subPropertyOf, SKOS.note))
    for concept in _concepts(graph):
        if not any((concept, p, None) in graph for p in notes):
            yield _finding(Level.INFO, "undocumented_concept", concept, None,
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
            yield _finding(Level.ERROR, "missing_label", entity, None, f"no {curie(label)}")


def missing_definition(graph: Graph) -> Iterator[Finding]:
    """A concept without skos:definition; an hgo: term without rdfs:comment."""
    for entity, _, definition in _labelled(graph):
        if definition is not None and not _literals(graph, entity, definition):
            yield _finding(Level.WARN, "missing_definition", entity, None,
                           f"no {curie(definition)}")


def _multiple(graph: Graph, predicate: URIRef, check: str) -> Iterator[Finding]:
    for subject in sorted(set(graph.subjects(predicate)), key=str):
        for language, values in sorted(_by_language(_literals(graph, subject,
                                                              predicate)).items()):
            if len(values) > 1:
                yield _finding(Level.ERROR, check, subject, " | ".join(values),
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
            yield _finding(Level.ERROR, check, first, value,
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
            yield _finding(Level.ERROR, "label_whitespace", subject, label,
                           "leading, trailing, doubled or non-standard whitespace in a label")


def label_formatting(graph: Graph) -> Iterator[Finding]:
    """A label with a line break or a tab."""
    for subject, label in _all_labels(graph):
        if any(c in str(label) for c in LINE_BREAKS):
            yield _finding(Level.ERROR, "label_formatting", subject, label,
                           "a label holds a line break or a tab")


def ontology_metadata(graph: Graph) -> Iterator[Finding]:
    """The ontology header lacks a title, a description or a license."""
    ontologies = sorted(set(graph.subjects(RDF.type, OWL.Ontology)), key=str) or [
        URIRef(ONTOLOGY_IRI)]
    for ontology in ontologies:
        for predicate, what in ((DCTERMS.title, "title"), (DCTERMS.description, "description"),
                                (DCTERMS.license, "license")):
            if (ontology, predicate, None) not in graph:
                yield _finding(Level.ERROR, f"missing_ontology_{what}", ontology, None,
                               f"the ontology header has no {curie(predicate)}")


def invalid_xref(graph: Graph) -> Iterator[Finding]:
    """A cross-reference that is not an OBO PURL, an EC number or an HGNC gene IRI."""
    for predicate in MAPPINGS:
        for subject, target in sorted(graph.subject_objects(predicate), key=str):
            if not (isinstance(target, URIRef) and XREF.fullmatch(str(target))):
                yield _finding(Level.WARN, "invalid_xref", subject, target,
                               f"{curie(predicate)} is not an OBO PURL, identifiers.org "
                               "ec-code: or hgnc: IRI")


# The data contract

def evidence_offsets(graph: Graph) -> Iterator[Finding]:
    """Each annotation's offsets select exactly its quote (and its prefix and suffix) in the
    section text stored on the term."""
    for annotation in sorted(graph.subjects(RDF.type, OA.Annotation), key=str):
        problem = _offset_problem(graph, annotation)
        if problem:
            yield _finding(Level.ERROR, "evidence_offsets", annotation, problem[0], problem[1])


def _offset_problem(graph: Graph, annotation: Node) -> tuple[str, str] | None:
    target = graph.value(annotation, OA.hasTarget)
    term = graph.value(target, OA.hasSource) if target is not None else None
    section = str(graph.value(annotation, HGO.section))
    text = graph.value(term, SECTION_PROPERTY[section]) if (
        term is not None and section in SECTION_PROPERTY) else None
    if text is None:
        return section, "no section text on the annotated term to check the offsets against"
    selectors = set(graph.objects(target, OA.hasSelector))
    quote = next((s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph), None)
    position = next((s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph),
                    None)
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
        yield _finding(Level.ERROR, "untyped_mention", term, entity,
                       "a mention needs both hgo:mentions and its typed sub-property")


def mention_without_evidence(graph: Graph) -> Iterator[Finding]:
    """A mention with no oa:Annotation of its entity in the term's text."""
    evidenced = {(graph.value(target, OA.hasSource), body)
                 for annotation in graph.subjects(RDF.type, OA.Annotation)
                 for body in graph.objects(annotation, OA.hasBody)
                 for target in graph.objects(annotation, OA.hasTarget)}
    for term, entity in sorted(graph.subject_objects(HGO.mentions), key=str):
        if (term, entity) not in evidenced:
            yield _finding(Level.ERROR, "mention_without_evidence", term, entity,
                           "no annotation in the term's text has this entity as its body")


def unasserted_statement(graph: Graph) -> Iterator[Finding]:
    """An axiom annotation (owl:Axiom) whose annotated triple is not asserted in the graph."""
    for node in sorted(graph.subjects(RDF.type, OWL.Axiom), key=str):
        subject, predicate, obj = (graph.value(node, p) for p in (
            OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget))
        if subject and predicate and obj and (subject, predicate, obj) not in graph:
            yield _finding(Level.ERROR, "unasserted_statement", node, predicate,
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
            yield _finding(Level.ERROR if ours else Level.WARN, "undeclared_term", term, None,
                           "used but not declared as an owl:Class or an OWL property")


CHECKS: tuple[Check, ...] = (
    skos_s9, skos_s13, skos_s14, skos_s27, skos_s37, skos_s46,
    cyclic_hierarchy, orphan_concept, overlapping_labels, omitted_top_concepts,
    top_concept_has_broader, unprintable_characters, undocumented_concept,
    missing_label, multiple_labels, duplicate_label, missing_definition, multiple_definitions,
    duplicate_definition, label_whitespace, label_formatting, ontology_metadata, invalid_xref,
    evidence_offsets, untyped_mention, mention_without_evidence, unasserted_statement,
    undeclared_term,
)


#: The checks that read the Web Annotations (a network graph has none: its build checks its
#: entries' evidence itself, in `evidence_findings`).
EVIDENCE_CHECKS = (evidence_offsets, mention_without_evidence)


def run_checks(graph: Graph, shapes: Graph | None = None, shacl: bool = True,
               evidence: bool = True) -> list[Finding]:
    """Every check's findings on `graph`, worst first, in a stable order; without `shacl`, the
    SHACL shapes are not run, and without `evidence` neither are the checks of Web Annotations
    (for the graph of a build's network, whose evidence `evidence_findings` checks)."""
    findings = list(shacl_findings(graph, load_shapes() if shapes is None else shapes)) \
        if shacl else []
    for check in CHECKS if evidence else tuple(c for c in CHECKS if c not in EVIDENCE_CHECKS):
        findings.extend(check(graph))
    return sorted(set(findings), key=Finding.key)


def evidence_findings(evidence: Iterable[MentionEvidence],
                      sections: Mapping[str, Mapping[str, str]]) -> Iterator[Finding]:
    """`evidence_offsets` for mention evidence made by a build: the offsets select the surface
    in the section text of the term (`sections`: by term IRI)."""
    for item in evidence:
        body = sections.get(item.term, {}).get(item.section)
        if body is None:
            yield _finding(Level.ERROR, "evidence_offsets", URIRef(item.term), item.section,
                           "no section text on the annotated term to check the offsets against")
        elif body[item.start:item.end] != item.surface:
            yield _finding(Level.ERROR, "evidence_offsets", URIRef(item.term),
                           f"{item.start}-{item.end}", f"the offsets select "
                           f"{body[item.start:item.end]!r}, not {item.surface!r}")


def count_levels(findings: Iterable[Finding]) -> dict[Level, int]:
    """How many findings of each level."""
    counts = dict.fromkeys(Level, 0)
    for finding in findings:
        counts[finding.level] += 1
    return counts


def failing(findings: Iterable[Finding], fail_on: Level) -> list[Finding]:
    """The findings at `fail_on` or worse."""
    return [f for f in findings if f.level.rank <= fail_on.rank]


def summary(findings: Iterable[Finding]) -> str:
    """'0 errors, 2 warnings, 5 info'."""
    counts = count_levels(findings)
    return (f"{counts[Level.ERROR]} errors, {counts[Level.WARN]} warnings, "
            f"{counts[Level.INFO]} info")


COLUMNS = ("level", "check", "entity", "value", "message")
WIDEST_VALUE = 48


def format_findings(findings: list[Finding], fmt: str) -> str:
    """The findings as an aligned table, TSV (full IRIs) or JSON (counts and findings)."""
    if fmt == "json":
        return json.dumps({"counts": {k.value: v for k, v in count_levels(findings).items()},
                           "findings": [asdict(f) for f in findings]},
                          indent=2, ensure_ascii=False) + "\n"
    if fmt == "tsv":
        return "".join("\t".join(_escape(c) for c in row) + "\n"
                       for row in [COLUMNS, *(_row(f) for f in findings)])
    rows = [tuple(c.upper() for c in COLUMNS),
            *((f.level.value, f.check, curie(f.entity), _shorten(curie(f.value)), f.message)
              for f in findings)]
    widths = [max(len(_escape(row[i])) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(_escape(c).ljust(w) for c, w in zip(row, widths, strict=False))
             + "  " + row[-1] for row in rows]
    return "\n".join([*lines, summary(findings)]) + "\n"


def _row(finding: Finding) -> tuple[str, ...]:
    return (finding.level.value, finding.check, finding.entity, finding.value, finding.message)


def _escape(text: str) -> str:
    """Backslash escapes for a backslash, line breaks, tabs and unprintable characters."""
    return "".join(ESCAPES.get(c) or (f"\\u{ord(c):04x}" if unicodedata.category(c)
                                      in UNPRINTABLE else c) for c in text)


def _shorten(text: str) -> str:
    return text if len(text) <= WIDEST_VALUE else text[: WIDEST_VALUE - 1] + "…"

"""The SKOS reference's integrity conditions and qSKOS's quality checks: graph -> findings;
and the graph helpers every check shares."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from hormgraph.findings import UNPRINTABLE, Finding, Level, curie, finding
from hormgraph.namespaces import (
    HGO,
)

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
#: Cross-references hormgraph makes: OBO PURLs, EC numbers and HGNC genes at identifiers.org.
XREF = re.compile(r"http://purl\.obolibrary\.org/obo/[A-Za-z][A-Za-z0-9]*_[0-9]+"
                  r"|https://identifiers\.org/ec-code:[0-9]+(?:\.(?:n?[0-9]+|-)){3}"
                  r"|https://identifiers\.org/hgnc:[0-9]+")
LINE_BREAKS = "\t\n\r"



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


def skos_s9(graph: Graph) -> Iterator[Finding]:
    """S9: skos:ConceptScheme is disjoint with skos:Concept."""
    for node in sorted(instances(graph, SKOS.Concept) & instances(graph, SKOS.ConceptScheme),
                       key=str):
        yield finding(Level.ERROR, "skos_S9", node, None,
                       "both a skos:Concept and a skos:ConceptScheme")


def skos_s13(graph: Graph) -> Iterator[Finding]:
    """S13: skos:prefLabel, skos:altLabel and skos:hiddenLabel are pairwise disjoint."""
    for subject in sorted({s for p in LABELS for s in graph.subjects(p)}, key=str):
        for first, second in combinations(LABELS, 2):
            for label in sorted(set(_literals(graph, subject, first))
                                & set(_literals(graph, subject, second)), key=str):
                yield finding(Level.ERROR, "skos_S13", subject, label,
                               f"the same label is both {curie(first)} and {curie(second)}")


def skos_s14(graph: Graph) -> Iterator[Finding]:
    """S14: a resource has no more than one skos:prefLabel per language tag."""
    for subject in sorted(set(graph.subjects(SKOS.prefLabel)), key=str):
        for language, labels in sorted(_by_language(_literals(graph, subject,
                                                              SKOS.prefLabel)).items()):
            if len(labels) > 1:
                yield finding(Level.ERROR, "skos_S14", subject, " | ".join(labels),
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
            yield finding(Level.ERROR, "skos_S27", a, b,
                           "skos:related to a concept it is also above or below in the hierarchy")


def skos_s37(graph: Graph) -> Iterator[Finding]:
    """S37: skos:Collection is disjoint with skos:Concept and skos:ConceptScheme."""
    clash = instances(graph, SKOS.Collection) & (instances(graph, SKOS.Concept)
                                                 | instances(graph, SKOS.ConceptScheme))
    for node in sorted(clash, key=str):
        yield finding(Level.ERROR, "skos_S37", node, None,
                       "a skos:Collection cannot also be a concept or a concept scheme")


def skos_s46(graph: Graph) -> Iterator[Finding]:
    """S46: skos:exactMatch is disjoint with skos:broadMatch and skos:relatedMatch."""
    def pairs(*predicates: URIRef) -> set[frozenset[Node]]:
        return {frozenset((s, o)) for p in predicates for s, o in graph.subject_objects(p)}

    clash = pairs(SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
    for a, b in sorted(graph.subject_objects(SKOS.exactMatch), key=str):
        if frozenset((a, b)) in clash:
            yield finding(Level.ERROR, "skos_S46", a, b,
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
        yield finding(Level.ERROR, "cyclic_hierarchy", members[0], path,
                       "the broader hierarchy has a cycle")


def orphan_concept(graph: Graph) -> Iterator[Finding]:
    """A concept with no hierarchical or associative relation that is no scheme's top concept."""
    linked = {n for p in (*HIERARCHY, SKOS.related) for pair in graph.subject_objects(p)
              for n in pair}
    linked |= set(graph.subjects(SKOS.topConceptOf)) | set(graph.objects(None,
                                                                         SKOS.hasTopConcept))
    for concept in _concepts(graph):
        if concept not in linked:
            yield finding(Level.WARN, "orphan_concept", concept, None,
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
            yield finding(Level.WARN, "overlapping_labels", a, by_concept[a][0][1],
                           f"{curie(str(b))} has the label {str(by_concept[b][0][1])!r} too")


def omitted_top_concepts(graph: Graph) -> Iterator[Finding]:
    """A concept scheme without top concepts."""
    for scheme in sorted(instances(graph, SKOS.ConceptScheme), key=str):
        if (scheme, SKOS.hasTopConcept, None) not in graph and (
                None, SKOS.topConceptOf, scheme) not in graph:
            yield finding(Level.WARN, "omitted_top_concepts", scheme, None,
                           "the concept scheme has no top concept")


def top_concept_has_broader(graph: Graph) -> Iterator[Finding]:
    """A top concept of a scheme with a broader concept."""
    tops = set(graph.subjects(SKOS.topConceptOf)) | set(graph.objects(None, SKOS.hasTopConcept))
    for narrower, broader in sorted(set(_broader_edges(graph)), key=str):
        if narrower in tops:
            yield finding(Level.WARN, "top_concept_has_broader", narrower, broader,
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
            yield finding(Level.WARN, "unprintable_characters", subject, label,
                           "unprintable character(s) " + ", ".join(f"U+{ord(c):04X}" for c in bad))

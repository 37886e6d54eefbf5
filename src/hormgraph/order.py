"""The one order of a graph's triples that every output follows: subjects in groups, then each
subject's triples. The streaming build writes its triples in this order entry by entry, and
`ordered_lines` puts any rdflib graph in it, so both paths give the same bytes.

Groups: ontology header, classes, properties, schemes, glossary terms, vocabulary concepts, source
files, provenance, each entry's evidence and text relations (entry by entry), curated relations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from hormgraph.evidence import EVIDENCE_CLASSES
from hormgraph.namespaces import HG, HGO
from hormgraph.ntriples import iri, node

GROUPS: dict[str, int] = {str(k): v for k, v in {
    OWL.Ontology: 0, OWL.Class: 1, OWL.ObjectProperty: 2, OWL.DatatypeProperty: 2,
    OWL.AnnotationProperty: 2, OWL.NamedIndividual: 2, SKOS.ConceptScheme: 3,
    HGO.GlossaryTerm: 4, SKOS.Concept: 5, HGO.SourceFile: 6, PROV.Activity: 7,
    PROV.SoftwareAgent: 7, OWL.Axiom: 8, **dict.fromkeys(EVIDENCE_CLASSES, 8)}.items()}
TERMS, EVIDENCE, CURATED, OTHER = 4, 8, 9, len(GROUPS) + 1
OURS = "https://w3id.org/hormgraph/"
#: A subject's own triples: type, labels, definition and comment first, then by property.
FIRST = {iri(str(p)): i for i, p in enumerate(
    (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.definition, RDFS.comment))}
SCOPED = tuple(f"{HG}{kind}/" for kind in ("term", "annotation", "statement", "sentence"))
CURATED_SCOPE = f"{HG}statement/curated/"
SubjectKey = tuple[int, bool, str, str]


def scope(subject: str) -> str:
    """The entry a subject belongs to, as it sorts: the term's name and a slash ("" for others).

    >>> scope("https://w3id.org/hormgraph/id/annotation/skin/definition-0-4/quote")
    'skin/'
    """
    for prefix in SCOPED:
        if subject.startswith(prefix):
            return subject[len(prefix):].split("/", 1)[0] + "/"
    return ""


def subject_key(subject: str, types: Iterable[str]) -> SubjectKey:
    """Where a subject (an IRI) goes: its group, hormgraph's own first, its entry, its IRI."""
    group = min((GROUPS.get(t, OTHER) for t in types), default=OTHER)
    if group == EVIDENCE and subject.startswith(CURATED_SCOPE):
        group = CURATED
    return (group, not subject.startswith(OURS), scope(subject) if group in (TERMS, EVIDENCE)
            else "", subject)


def line_key(line: str) -> tuple[int, str]:
    """A triple line's place among its subject's: the property's rank, then the line."""
    predicate = line.split(" ", 2)[1]
    return (FIRST.get(predicate, len(FIRST)), line)


def subject_lines(subject: str, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """One subject's triple lines (predicate and object already in N-Triples), in order."""
    s = iri(subject)
    return sorted({f"{s} {p} {o} .\n" for p, o in pairs}, key=line_key)


def ordered_lines(graph: Graph) -> Iterator[str]:
    """Every triple of `graph` as an N-Triples line, in the order of the outputs."""
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    for s, p, o in graph:
        subject = node(s)[1:-1] if isinstance(s, URIRef) else node(s)
        pairs[subject].append((node(p), node(o)))
        if p == RDF.type and isinstance(o, URIRef):
            types[subject].append(str(o))
    for subject in sorted(pairs, key=lambda s: subject_key(s, types[s])):
        yield from subject_lines(subject, pairs[subject])

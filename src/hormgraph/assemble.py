"""What spans entries: the schema, the two schemes, the vocabulary concepts the entries mention
(with their ancestors), the curated relations and the build's provenance (the graph's fixed
part); and the whole graph assembled from it and the entries' own triples (see `emit`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS
from rdflib.term import Node

from hormgraph import __version__
from hormgraph.emit import (
    ACTIVITY,
    AGENT,
    LABEL,
    PREF,
    EntryTriples,
    Triples,
    axiom,
    statement_iri,
)
from hormgraph.errors import HormgraphError
from hormgraph.model import Relation
from hormgraph.namespaces import (
    GLOSSARY_SCHEME,
    HGO,
    ONTOLOGY_IRI,
    VOCABULARY_SCHEME,
    bind_prefixes,
)
from hormgraph.ntriples import from_oxigraph, iri, node, text
from hormgraph.order import GROUPS
from hormgraph.vocabulary import Vocabulary

_DCTERMS_title = iri(str(DCTERMS.title))
_OWL_versionInfo = iri(str(OWL.versionInfo))
_PROV_used = iri(str(PROV.used))
_PROV_wasAssociatedWith = iri(str(PROV.wasAssociatedWith))
_RDFS_comment = iri(str(RDFS.comment))
_RDFS_isDefinedBy = iri(str(RDFS.isDefinedBy))
_SKOS_hasTopConcept = iri(str(SKOS.hasTopConcept))
_SKOS_inScheme = iri(str(SKOS.inScheme))

def head(vocabulary: Vocabulary, terms: Sequence[str], sources: Sequence[str]) -> Triples:
    """The schema, the two schemes (the glossary's top concepts) and the build's provenance."""
    triples = Triples()
    for s, p, o in vocabulary.schema:
        triples.add(node(s)[1:-1], node(p), node(o))
    for scheme, name in ((str(GLOSSARY_SCHEME), "hormgraph glossary"),
                         (str(VOCABULARY_SCHEME), "hormgraph vocabulary")):
        triples.typed(scheme, SKOS.ConceptScheme)
        triples.add(scheme, PREF, text(name))
        triples.add(scheme, _DCTERMS_title, text(name))
        triples.add(scheme, _RDFS_isDefinedBy, iri(ONTOLOGY_IRI))
    for term in terms:
        triples.add(str(GLOSSARY_SCHEME), _SKOS_hasTopConcept, iri(term))
    triples.typed(AGENT, PROV.SoftwareAgent)
    triples.add(AGENT, LABEL, text(f"hormgraph {__version__}"))
    triples.add(AGENT, _OWL_versionInfo, text(__version__, None))
    triples.typed(ACTIVITY, PROV.Activity)
    triples.add(ACTIVITY, LABEL, text(f"hormgraph {__version__} build"))
    triples.add(ACTIVITY, _PROV_wasAssociatedWith, iri(AGENT))
    for source in sources:
        triples.add(ACTIVITY, _PROV_used, iri(source))
    return triples


def closure(vocabulary: Vocabulary, mentioned: Iterable[str]) -> set[str]:
    """The mentioned concepts, their ancestors and every type's top concept."""
    keep = {c.iri for c in vocabulary.concepts.values() if c.top}
    for concept in mentioned:
        if concept in vocabulary.concepts:
            keep.add(concept)
            keep.update(vocabulary.ancestors(concept))
    return keep


def curated_relations(vocabulary: Vocabulary, mentioned: set[str],
                      full_vocabulary: bool = False) -> list[Relation]:
    """The curated relations the graph takes: those with an end (subject, object or product)
    that an entry mentions, and those whose ends are all in the closure of the mentioned
    concepts (or all of them, with `full_vocabulary`); each end must be a vocabulary concept."""
    kept_closure = closure(vocabulary, mentioned)
    kept = []
    for relation in vocabulary.relations:
        ends = {relation.subject, relation.object} | ({relation.product} - {None})
        if not all(isinstance(end, str) and end in vocabulary.concepts for end in ends):
            continue
        if full_vocabulary or ends & mentioned or ends <= kept_closure:
            kept.append(relation)
    return kept


def vocabulary_part(triples: Triples, vocabulary: Vocabulary, mentioned: set[str],
                    links: Iterable[tuple[str, str, str]],
                    full_vocabulary: bool = False) -> None:
    """Add the vocabulary concepts the graph takes (with the triples the entries' relations
    assert between them) and the curated relations' axioms."""
    curated = curated_relations(vocabulary, mentioned, full_vocabulary)
    ends = {end for r in curated for end in (r.subject, r.object, r.product) if end}
    keep = (set(vocabulary.concepts) if full_vocabulary
            else closure(vocabulary, mentioned | ends))
    concepts = axioms = triples
    for concept_iri in sorted(keep):
        _concept(concepts, vocabulary, concept_iri, keep)
    for s, p, o in links:
        concepts.add(s, p, o)
    for relation in curated:
        node_ = statement_iri(relation, "curated")
        for s, p, o in axiom(axioms, node_, relation, HGO.curated):
            concepts.add(s, p, o)
        for comment in vocabulary.graph.objects(URIRef(node_), RDFS.comment):
            axioms.add(node_, _RDFS_comment, node(comment))


def _concept(triples: Triples, vocabulary: Vocabulary, concept_iri: str,
             keep: set[str]) -> None:
    concept = vocabulary.concepts[concept_iri]
    for predicate, obj in vocabulary.graph.predicate_objects(URIRef(concept_iri)):
        if predicate == SKOS.broader and str(obj) not in keep:
            continue
        triples.add(concept_iri, node(predicate), node(obj))
    triples.typed(concept_iri, SKOS.Concept)
    triples.add(concept_iri, _SKOS_inScheme, iri(str(VOCABULARY_SCHEME)))
    # OWL tools (Protégé, the OWL API) show rdfs:label, not skos:prefLabel; the concept that
    # names a type ("enzyme") would repeat its class's label, so it keeps skos:prefLabel alone
    if concept.pref_label.casefold() != concept.type.value:
        triples.add(concept_iri, LABEL, text(concept.pref_label))
    if concept.top:
        triples.add(str(VOCABULARY_SCHEME), _SKOS_hasTopConcept, iri(concept_iri))


def fixed_part(vocabulary: Vocabulary, entries: Sequence[EntryTriples], terms: Sequence[str],
               sources: Sequence[str], full_vocabulary: bool = False) -> Triples:
    """Everything but the entries' own triples: schema, schemes, vocabulary concepts (with the
    triples the entries' relations assert between them), provenance and curated relations."""
    mentioned = set().union(*(e.mentioned for e in entries))
    links = [link for e in entries for link in e.links]
    triples = head(vocabulary, terms, sources)
    vocabulary_part(triples, vocabulary, mentioned, links, full_vocabulary)
    return triples


def assemble(fixed: Triples, entries: Iterable[EntryTriples],
             evidence: bool = True) -> Iterator[str]:
    """Every line of the graph in the outputs' order: the fixed part's groups with the entries'
    terms, source files and (unless not `evidence`) evidence in their places, entries in the
    order given. Without evidence (the Web Annotations), the graph of the network: terms,
    concepts, relations and their axioms."""
    entries = list(entries)
    return interleave(fixed, (line for e in entries for line in e.term),
                      [e.source for e in entries],
                      (line for e in entries for line in (e.evidence if evidence else e.axioms)))


def interleave(fixed: Triples, terms: Iterable[str], sources: Iterable[Sequence[str]],
               evidence: Iterable[str]) -> Iterator[str]:
    """The fixed part's groups with the entries' term lines, source files' blocks (sorted here)
    and evidence lines (both already in order) in their places."""
    blocks = fixed.blocks()

    def fixed_lines(low: int, high: int) -> Iterator[str]:
        for key, lines in blocks:
            if low <= key[0] < high:
                yield from lines

    term_group, source_group = GROUPS[str(HGO.GlossaryTerm)], GROUPS[str(HGO.SourceFile)]
    axioms = GROUPS[str(OWL.Axiom)]
    yield from fixed_lines(0, term_group)
    yield from terms
    yield from fixed_lines(term_group, source_group)
    for lines in sorted(sources, key=lambda lines: lines[0].split(">", 1)[0]):
        yield from lines
    yield from fixed_lines(source_group, axioms)
    yield from evidence
    yield from fixed_lines(axioms, len(GROUPS) + 2)


def graph_of(lines: Iterable[str]) -> Graph:
    """An rdflib graph of N-Triples lines (for the library's callers and the checks), parsed by
    Oxigraph (rdflib's own N-Triples parser is twenty times slower). Each IRI becomes one
    rdflib term, however often it occurs (checking and making it is most of the time, and
    one object instead of many is less memory). The store is rdflib's SimpleMemory: a graph
    without named graphs, which adds a third faster than the default store and answers faster."""
    graph = bind_prefixes(Graph(store="SimpleMemory"))
    data = "".join(lines).encode("utf-8")
    made: dict[str, Node] = {}

    def named(term: Any) -> Node:
        if isinstance(term, ox.NamedNode):
            value = term.value
            found = made.get(value)
            if found is None:
                found = made[value] = URIRef(value)
            return found
        return _rdflib(term)

    graph.addN((named(t.subject), named(t.predicate), named(t.object), graph)
               for t in (q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))
    return graph


def _rdflib(term: Any) -> Node:
    found = from_oxigraph(term)
    if found is None:
        raise HormgraphError(f"not an IRI or a literal: {term}")
    return found

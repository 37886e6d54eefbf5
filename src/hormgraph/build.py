"""Build the knowledge graph: entries, mentions, relations and vocabulary -> rdflib.Graph.

Every node gets an IRI (no blank nodes), derived from stable slugs and offsets, so the same
inputs always give the same graph and byte-identical files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from hormgraph import __version__
from hormgraph.model import AnnotatedEntry, EntityType, Mention, Relation
from hormgraph.namespaces import (
    GLOSSARY_SCHEME,
    HG,
    HGO,
    OA,
    ONTOLOGY_IRI,
    SECTION_PROPERTY,
    VOCABULARY_SCHEME,
    bind_prefixes,
)
from hormgraph.normalize import slug
from hormgraph.vocabulary import Vocabulary

MENTION_PROPERTY = {t: HGO[f"mentions{t.class_name}"] for t in EntityType}
CONTEXT = 32
AGENT = HG[f"agent/hormgraph-{__version__}"]
ACTIVITY = HG[f"activity/build-{__version__}"]


def term_iris(entries: Sequence[AnnotatedEntry]) -> dict[str, URIRef]:
    """A stable IRI for each entry's term, keyed by source file; a repeated title gets the file's
    name as a suffix."""
    seen: dict[str, int] = {}
    for item in entries:
        seen[slug(item.entry.term)] = seen.get(slug(item.entry.term), 0) + 1
    iris = {}
    for item in entries:
        name = slug(item.entry.term) or slug(item.entry.source)
        if seen.get(slug(item.entry.term), 0) > 1:
            name = f"{name}--{slug(item.entry.source.rsplit('.', 1)[0])}"
        iris[item.entry.source] = HG[f"term/{name}"]
    return iris


def build_graph(entries: Sequence[AnnotatedEntry], vocabulary: Vocabulary,
                full_vocabulary: bool = False) -> Graph:
    """The whole graph: schema, schemes, provenance, terms, mentions, evidence, relations and the
    vocabulary concepts mentioned (with their ancestors), or all of them with `full_vocabulary`."""
    graph = bind_prefixes(Graph())
    graph += vocabulary.schema
    _add_schemes_and_provenance(graph)
    iris = term_iris(entries)
    mentioned: set[str] = set()
    for item in entries:
        term = iris[item.entry.source]
        _add_term(graph, item, term)
        for mention in item.mentions:
            mentioned.add(mention.entity)
            _add_mention(graph, term, mention)
        for relation in item.relations:
            _add_text_relation(graph, term, relation)
    concepts = set(vocabulary.concepts) if full_vocabulary else _closure(vocabulary, mentioned)
    _add_concepts(graph, vocabulary, concepts)
    _add_curated_relations(graph, vocabulary, concepts)
    return graph


def _closure(vocabulary: Vocabulary, mentioned: Iterable[str]) -> set[str]:
    """The mentioned concepts, their ancestors and every type's top concept."""
    keep = {c.iri for c in vocabulary.concepts.values() if c.top}
    for iri in mentioned:
        if iri in vocabulary.concepts:
            keep.add(iri)
            keep.update(vocabulary.ancestors(iri))
    return keep


def _add_schemes_and_provenance(graph: Graph) -> None:
    graph.add((GLOSSARY_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((GLOSSARY_SCHEME, SKOS.prefLabel, Literal("hormgraph glossary", lang="en")))
    graph.add((GLOSSARY_SCHEME, DCTERMS.title, Literal("hormgraph glossary", lang="en")))
    graph.add((GLOSSARY_SCHEME, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)))
    graph.add((VOCABULARY_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((VOCABULARY_SCHEME, SKOS.prefLabel, Literal("hormgraph vocabulary", lang="en")))
    graph.add((VOCABULARY_SCHEME, DCTERMS.title, Literal("hormgraph vocabulary", lang="en")))
    graph.add((VOCABULARY_SCHEME, RDFS.isDefinedBy, URIRef(ONTOLOGY_IRI)))
    graph.add((AGENT, RDF.type, PROV.SoftwareAgent))
    graph.add((AGENT, RDFS.label, Literal(f"hormgraph {__version__}", lang="en")))
    graph.add((AGENT, OWL.versionInfo, Literal(__version__)))
    graph.add((ACTIVITY, RDF.type, PROV.Activity))
    graph.add((ACTIVITY, RDFS.label, Literal(f"hormgraph {__version__} build", lang="en")))
    graph.add((ACTIVITY, PROV.wasAssociatedWith, AGENT))


def _add_term(graph: Graph, item: AnnotatedEntry, term: URIRef) -> None:
    entry = item.entry
    source = HG[f"source/{slug(entry.source)}"]
    graph.add((term, RDF.type, HGO.GlossaryTerm))
    graph.add((term, RDF.type, SKOS.Concept))
    graph.add((term, SKOS.inScheme, GLOSSARY_SCHEME))
    graph.add((term, SKOS.topConceptOf, GLOSSARY_SCHEME))
    graph.add((GLOSSARY_SCHEME, SKOS.hasTopConcept, term))
    graph.add((term, SKOS.prefLabel, Literal(entry.term, lang="en")))
    for section, text in entry.sections.items():
        graph.add((term, SECTION_PROPERTY[section], Literal(text, lang="en")))
    graph.add((term, DCTERMS.source, source))
    graph.add((term, PROV.wasDerivedFrom, source))
    graph.add((term, PROV.wasGeneratedBy, ACTIVITY))
    graph.add((source, RDF.type, HGO.SourceFile))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.identifier, Literal(entry.source)))
    graph.add((source, HGO.sha256, Literal(entry.sha256)))
    graph.add((ACTIVITY, PROV.used, source))


def annotation_iri(term: URIRef, mention: Mention) -> URIRef:
    """The stable IRI of the annotation of one mention occurrence."""
    name = str(term).rsplit("/", 1)[-1]
    return HG[f"annotation/{name}/{mention.section}-{mention.start}-{mention.end}"]


def _add_annotation(graph: Graph, node: URIRef, body: URIRef, term: URIRef, section: str,
                    start: int, end: int, text: str, sentence: str) -> None:
    """A W3C Web Annotation of text[start:end] of a term's section, with quote and position."""
    target, quote, position = (URIRef(f"{node}/{part}") for part in
                               ("target", "quote", "position"))
    graph.add((node, RDF.type, OA.Annotation))
    graph.add((node, OA.motivatedBy, OA.identifying))
    graph.add((node, OA.hasBody, body))
    graph.add((node, OA.hasTarget, target))
    graph.add((node, HGO.section, Literal(section)))
    graph.add((node, HGO.sentence, Literal(sentence)))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, term))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(text[start:end])))
    if start:
        graph.add((quote, OA.prefix, Literal(text[max(0, start - CONTEXT): start])))
    if end < len(text):
        graph.add((quote, OA.suffix, Literal(text[end: end + CONTEXT])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))


def _section_text(graph: Graph, term: URIRef, section: str) -> str:
    return str(graph.value(term, SECTION_PROPERTY[section]) or "")


def _add_mention(graph: Graph, term: URIRef, mention: Mention) -> None:
    entity = URIRef(mention.entity)
    graph.add((term, HGO.mentions, entity))
    graph.add((term, MENTION_PROPERTY[mention.type], entity))
    _add_annotation(graph, annotation_iri(term, mention), entity, term, mention.section,
                    mention.start, mention.end, _section_text(graph, term, mention.section),
                    mention.sentence)


def statement_iri(relation: Relation, scope: str) -> URIRef:
    """The stable IRI of a relation's statement node, within a term (or "curated")."""
    parts = [relation.subject, relation.predicate, relation.object, relation.product or ""]
    return HG["statement/" + scope + "/" + "--".join(
        slug(p.rsplit("/", 1)[-1].rsplit("#", 1)[-1]) for p in parts if p)]


def _add_statement(graph: Graph, node: URIRef, relation: Relation) -> None:
    subject, predicate, obj = (URIRef(x) for x in (relation.subject, relation.predicate,
                                                   relation.object))
    graph.add((subject, predicate, obj))
    graph.add((node, RDF.type, RDF.Statement))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, predicate))
    graph.add((node, RDF.object, obj))
    if relation.product:
        product = URIRef(relation.product)
        graph.add((node, HGO.product, product))
        graph.add((subject, HGO.produces, product))
        graph.add((obj, HGO.convertedTo, product))


def _add_text_relation(graph: Graph, term: URIRef, relation: Relation) -> None:
    node = statement_iri(relation, str(term).rsplit("/", 1)[-1])
    if (node, RDF.type, HGO.TextRelation) in graph:
        return
    _add_statement(graph, node, relation)
    graph.add((node, RDF.type, HGO.TextRelation))
    graph.add((node, PROV.wasDerivedFrom, term))
    first = relation.evidence[0]
    start = first.sentence_start
    end = start + len(first.sentence)
    evidence = URIRef(f"{node}/evidence")
    graph.add((node, HGO.evidence, evidence))
    _add_annotation(graph, evidence, node, term, first.section, start, end,
                    _section_text(graph, term, first.section), first.sentence)


def _add_concepts(graph: Graph, vocabulary: Vocabulary, keep: set[str]) -> None:
    for iri in sorted(keep):
        concept = vocabulary.concepts[iri]
        node = URIRef(iri)
        for predicate, obj in vocabulary.graph.predicate_objects(node):
            if predicate == SKOS.broader and str(obj) not in keep:
                continue
            graph.add((node, predicate, obj))
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, VOCABULARY_SCHEME))
        if concept.top:
            graph.add((VOCABULARY_SCHEME, SKOS.hasTopConcept, node))


def _add_curated_relations(graph: Graph, vocabulary: Vocabulary, keep: set[str]) -> None:
    for relation in vocabulary.relations:
        ends = {relation.subject, relation.object} | ({relation.product} - {None})
        if not ends <= keep:
            continue
        node = statement_iri(relation, "curated")
        _add_statement(graph, node, relation)
        graph.add((node, RDF.type, HGO.CuratedRelation))

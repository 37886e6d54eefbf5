"""Build the knowledge graph: entries, mentions, relations and vocabulary -> rdflib.Graph.

Every node gets an IRI (no blank nodes), derived from stable slugs and offsets, so the same
inputs always give the same graph and byte-identical files.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from hormgraph import __version__
from hormgraph.errors import shown
from hormgraph.model import SECTIONS, AnnotatedEntry, EntityType, Mention, Relation
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
    name as a suffix, and names that still collide (files named alike: "a b.txt", "a-b.txt")
    a short hash of the file name."""
    return {source: HG[f"term/{name}"] for source, name in distinct(_term_names(entries)).items()}


def source_iris(entries: Sequence[AnnotatedEntry]) -> dict[str, URIRef]:
    """A stable IRI for each entry's source file, distinct for files whose names slug alike."""
    return {source: HG[f"source/{name}"]
            for source, name in distinct(_source_names(entries)).items()}


def _term_names(entries: Sequence[AnnotatedEntry]) -> dict[str, str]:
    seen = Counter(slug(item.entry.term) for item in entries)
    names = {}
    for item in entries:
        name = slug(item.entry.term) or slug(item.entry.source) or "entry"
        if seen[slug(item.entry.term)] > 1:
            name = f"{name}--{slug(item.entry.source.rsplit('.', 1)[0])}"
        names[item.entry.source] = name
    return names


def _source_names(entries: Sequence[AnnotatedEntry]) -> dict[str, str]:
    return {item.entry.source: slug(item.entry.source) or "file" for item in entries}


def _shared(names: Mapping[str, str]) -> dict[str, list[str]]:
    """The names more than one source file has, with those files."""
    groups: dict[str, list[str]] = {}
    for source, name in names.items():
        groups.setdefault(name, []).append(source)
    return {name: sources for name, sources in groups.items() if len(sources) > 1}


def distinct(names: Mapping[str, str]) -> dict[str, str]:
    """`names` (by source file), each name that more than one file has suffixed with a short
    hash of its file name, so no two files share one.

    >>> distinct({"a b.txt": "a-b", "a-b.txt": "a-b", "c.txt": "c"})
    {'a b.txt': 'a-b-cd6c4a05', 'a-b.txt': 'a-b-427978a4', 'c.txt': 'c'}
    """
    shared = _shared(names)
    return {source: f"{name}-{_file_hash(source)}" if name in shared else name
            for source, name in names.items()}


def _file_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def shared_names(entries: Sequence[AnnotatedEntry]) -> list[str]:
    """A warning for each group of entries whose titles or file names make one IRI, so that a
    hash of the file name tells them apart."""
    return [f"{', '.join(shown(source) for source in sources)}: their names make one {kind} "
            f"IRI ({name}); each gets a hash of its file name"
            for kind, names in (("term", _term_names(entries)), ("source", _source_names(entries)))
            for name, sources in sorted(_shared(names).items())]


def build_graph(entries: Sequence[AnnotatedEntry], vocabulary: Vocabulary,
                full_vocabulary: bool = False) -> Graph:
    """The whole graph: schema, schemes, provenance, terms, mentions, evidence, relations and the
    vocabulary concepts mentioned (with their ancestors), or all of them with `full_vocabulary`."""
    graph = bind_prefixes(Graph())
    graph += vocabulary.schema
    _add_schemes_and_provenance(graph)
    iris, sources = term_iris(entries), source_iris(entries)
    mentioned: set[str] = set()
    for item in entries:
        term = iris[item.entry.source]
        _add_term(graph, item, term, sources[item.entry.source])
        for mention in item.mentions:
            mentioned.add(mention.entity)
            _add_mention(graph, term, mention)
        _add_text_relations(graph, term, item.relations)
    curated = curated_relations(vocabulary, mentioned, full_vocabulary)
    # The other ends of a curated relation enter as vocabulary concepts, not as mentions.
    ends = {end for r in curated for end in (r.subject, r.object, r.product) if end}
    concepts = (set(vocabulary.concepts) if full_vocabulary
                else _closure(vocabulary, mentioned | ends))
    _add_concepts(graph, vocabulary, concepts)
    _add_curated_relations(graph, vocabulary, curated)
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


def _add_term(graph: Graph, item: AnnotatedEntry, term: URIRef, source: URIRef) -> None:
    entry = item.entry
    graph.add((term, RDF.type, HGO.GlossaryTerm))
    graph.add((term, RDF.type, SKOS.Concept))
    graph.add((term, SKOS.inScheme, GLOSSARY_SCHEME))
    graph.add((term, SKOS.topConceptOf, GLOSSARY_SCHEME))
    graph.add((GLOSSARY_SCHEME, SKOS.hasTopConcept, term))
    graph.add((term, SKOS.prefLabel, Literal(entry.term, lang="en")))
    graph.add((term, RDFS.label, Literal(entry.term, lang="en")))
    for section, text in entry.sections.items():
        graph.add((term, SECTION_PROPERTY[section], Literal(text, lang="en")))
    graph.add((term, DCTERMS.source, source))
    graph.add((term, PROV.wasDerivedFrom, source))
    graph.add((term, PROV.wasGeneratedBy, ACTIVITY))
    graph.add((source, RDF.type, HGO.SourceFile))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.identifier, Literal(shown(entry.source))))
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
    """The stable IRI of a relation's axiom node, within a term (or "curated")."""
    parts = [relation.subject, relation.predicate, relation.object, relation.product or ""]
    return HG["statement/" + scope + "/" + "--".join(
        slug(p.rsplit("/", 1)[-1].rsplit("#", 1)[-1]) for p in parts if p)]


def _add_axiom(graph: Graph, node: URIRef, relation: Relation, basis: URIRef) -> None:
    """The asserted triple and its OWL 2 axiom annotation node (owl:Axiom with
    owl:annotatedSource/Property/Target), which says what the triple rests on."""
    subject, predicate, obj = (URIRef(x) for x in (relation.subject, relation.predicate,
                                                   relation.object))
    graph.add((subject, predicate, obj))
    graph.add((node, RDF.type, OWL.Axiom))
    graph.add((node, OWL.annotatedSource, subject))
    graph.add((node, OWL.annotatedProperty, predicate))
    graph.add((node, OWL.annotatedTarget, obj))
    graph.add((node, HGO.basis, basis))
    if relation.product:
        product = URIRef(relation.product)
        graph.add((node, HGO.product, product))
        graph.add((subject, HGO.produces, product))
        graph.add((obj, HGO.convertedTo, product))


RelationKey = tuple[str, str, str, str | None]


def merge_relations(relations: Iterable[Relation]) -> dict[RelationKey, list[Mention]]:
    """The relations of one entry merged by (subject, predicate, object, product), each with one
    evidence mention per distinct sentence (section, sentence start), in text order.

    >>> from hormgraph.model import EntityType
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
            for key, found in sorted(sentences.items(), key=lambda item: _sort_key(item[0]))}


def _sort_key(key: RelationKey) -> tuple[str, str, str, str]:
    return (key[0], key[1], key[2], key[3] or "")


def _add_text_relations(graph: Graph, term: URIRef, relations: Iterable[Relation]) -> None:
    """One axiom node per relation the entry states, however many sentences state it, with an
    evidence annotation of each of those sentences."""
    scope = str(term).rsplit("/", 1)[-1]
    for (subject, predicate, obj, product), evidence in merge_relations(relations).items():
        relation = Relation(subject, predicate, obj, product=product)
        node = statement_iri(relation, scope)
        _add_axiom(graph, node, relation, HGO.text)
        graph.add((node, PROV.wasDerivedFrom, term))
        for mention in evidence:
            start = mention.sentence_start
            end = start + len(mention.sentence)
            annotation = URIRef(f"{node}/evidence/{mention.section}-{start}")
            graph.add((node, HGO.evidence, annotation))
            _add_annotation(graph, annotation, node, term, mention.section, start, end,
                            _section_text(graph, term, mention.section), mention.sentence)


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
        # OWL tools (Protégé, the OWL API) show rdfs:label, not skos:prefLabel; the concept that
        # names a type ("enzyme") would repeat its class's label, so it keeps skos:prefLabel alone
        if concept.pref_label.casefold() != concept.type.value:
            graph.add((node, RDFS.label, Literal(concept.pref_label, lang="en")))
        if concept.top:
            graph.add((VOCABULARY_SCHEME, SKOS.hasTopConcept, node))


def curated_relations(vocabulary: Vocabulary, mentioned: set[str],
                      full_vocabulary: bool = False) -> list[Relation]:
    """The curated relations the graph takes: those with an end (subject, object or product)
    that an entry mentions, and those whose ends are all in the closure of the mentioned
    concepts (or all of them, with `full_vocabulary`); each end must be a vocabulary concept."""
    closure = _closure(vocabulary, mentioned)
    kept = []
    for relation in vocabulary.relations:
        ends = {relation.subject, relation.object} | ({relation.product} - {None})
        if not all(isinstance(end, str) and end in vocabulary.concepts for end in ends):
            continue
        if full_vocabulary or ends & mentioned or ends <= closure:
            kept.append(relation)
    return kept


def _add_curated_relations(graph: Graph, vocabulary: Vocabulary,
                           relations: Iterable[Relation]) -> None:
    for relation in relations:
        node = statement_iri(relation, "curated")
        _add_axiom(graph, node, relation, HGO.curated)
        for comment in vocabulary.graph.objects(node, RDFS.comment):
            graph.add((node, RDFS.comment, comment))

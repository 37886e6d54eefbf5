"""The graph's relation model: one OWL 2 axiom annotation per relation and basis, merged
evidence, curated background knowledge one hop out."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from hormgraph.graph import build_graph, statement_iri
from hormgraph.model import AnnotatedEntry, EntityType, Entry, Mention, Relation
from hormgraph.namespaces import HG, HGO, OA
from hormgraph.pipeline import Build
from hormgraph.vocabulary import Vocabulary

AROMATASE, TESTOSTERONE, ESTRADIOL = (HG["enzyme/aromatase"], HG["hormone/testosterone"],
                                      HG["hormone/estradiol"])
TEXT = ("Aromatase converts testosterone. Nothing else here. "
        "Aromatase converts testosterone into estradiol.")


def mention(entity: URIRef, kind: EntityType, start: int, sentence_start: int) -> Mention:
    sentence = next(s + "." for s in TEXT[sentence_start:].split(".") if s)
    end = start + len(str(entity).rsplit("/", 1)[-1])
    return Mention(str(entity), kind, "mechanism", start, end, TEXT[start:end], sentence,
                   sentence_start)


def entry_with_repeats() -> AnnotatedEntry:
    """One relation stated in two sentences, read three times (twice from the first sentence),
    as relate() gives one Relation per sentence occurrence."""
    second = TEXT.index("Aromatase", 1)
    first_mentions = (mention(AROMATASE, EntityType.ENZYME, 0, 0),
                      mention(TESTOSTERONE, EntityType.HORMONE, 19, 0))
    second_mentions = (mention(AROMATASE, EntityType.ENZYME, second, second),)
    converts = str(HGO.converts)
    relations = (
        Relation(str(AROMATASE), converts, str(TESTOSTERONE), evidence=second_mentions),
        Relation(str(AROMATASE), converts, str(TESTOSTERONE), evidence=first_mentions),
        Relation(str(AROMATASE), converts, str(TESTOSTERONE), evidence=first_mentions[:1]),
    )
    entry = Entry("Aromatase note", {"definition": "A note.", "mechanism": TEXT}, "note.txt",
                  "0" * 64)
    return AnnotatedEntry(entry, (*first_mentions, *second_mentions), relations)


def axioms(graph: Graph, subject: URIRef, predicate: URIRef, obj: URIRef) -> list[URIRef]:
    return sorted(a for a in graph.subjects(OWL.annotatedSource, subject)
                  if isinstance(a, URIRef) and (a, RDF.type, OWL.Axiom) in graph
                  and (a, OWL.annotatedProperty, predicate) in graph
                  and (a, OWL.annotatedTarget, obj) in graph)


def test_relations_stated_several_times_make_one_axiom_with_evidence_per_sentence(
        vocabulary: Vocabulary) -> None:
    graph = build_graph([entry_with_repeats()], vocabulary)
    found = axioms(graph, AROMATASE, HGO.converts, TESTOSTERONE)
    text = [a for a in found if (a, HGO.basis, HGO.text) in graph]
    assert len(text) == 1
    (node,) = text
    assert node == statement_iri(Relation(str(AROMATASE), str(HGO.converts), str(TESTOSTERONE)),
                                 "aromatase-note")
    assert (AROMATASE, HGO.converts, TESTOSTERONE) in graph
    assert (node, PROV.wasDerivedFrom, HG["term/aromatase-note"]) in graph
    evidence = sorted(graph.objects(node, HGO.evidence), key=str)
    second = TEXT.index("Aromatase", 1)
    assert evidence == [URIRef(f"{node}/evidence/mechanism-0"),
                        URIRef(f"{node}/evidence/mechanism-{second}")]
    assert [str(graph.value(graph.value(e, HGO.inSentence), HGO.sentence))
            for e in evidence] == [
        "Aromatase converts testosterone.", "Aromatase converts testosterone into estradiol."]
    # The evidence targets the sentence, a node of its own that the mentions in it share.
    assert [graph.value(e, OA.hasTarget) for e in evidence] == [
        graph.value(e, HGO.inSentence) for e in evidence]
    # The same triple is curated too: a second axiom node, of the other basis, without evidence.
    curated = [a for a in found if (a, HGO.basis, HGO.curated) in graph]
    assert len(curated) == 1 and (curated[0], HGO.evidence, None) not in graph


def test_a_build_is_the_same_whatever_the_order_of_the_relations(vocabulary: Vocabulary) -> None:
    item = entry_with_repeats()
    reordered = AnnotatedEntry(item.entry, item.mentions, tuple(reversed(item.relations)))
    first = build_graph([item], vocabulary).serialize(format="nt")
    assert sorted(first.splitlines()) == sorted(
        build_graph([reordered], vocabulary).serialize(format="nt").splitlines())


def test_curated_relations_come_in_one_hop_from_a_mentioned_concept(seeds_build: Build) -> None:
    graph = seeds_build.graph
    for enzyme, product in ((AROMATASE, ESTRADIOL),
                            (HG["enzyme/5-alpha-reductase"], HG["hormone/dihydrotestosterone"])):
        (node,) = [a for a in axioms(graph, enzyme, HGO.converts, TESTOSTERONE)
                   if (a, HGO.product, product) in graph]
        assert (node, HGO.basis, HGO.curated) in graph
        assert (enzyme, HGO.produces, product) in graph
        # the product enters as a vocabulary concept, typed, labelled, with its broader chain
        assert (product, RDF.type, HGO.Hormone) in graph
        assert (product, SKOS.prefLabel, None) in graph
        for parent in graph.objects(product, SKOS.broader):
            assert (parent, RDF.type, SKOS.Concept) in graph
    mentioned = set(graph.objects(None, HGO.mentions))
    assert ESTRADIOL not in mentioned  # a vocabulary concept, not a mention


def test_a_curated_relation_needs_a_mentioned_end(vocabulary: Vocabulary,
                                                  seeds_build: Build) -> None:
    graph = seeds_build.graph
    mentioned = {str(o) for o in graph.objects(None, HGO.mentions)}
    for relation in vocabulary.relations:
        ends = {relation.subject, relation.object, relation.product} - {None}
        node = statement_iri(relation, "curated")
        if (node, RDF.type, OWL.Axiom) in graph:
            continue
        assert not ends & mentioned, f"{node} has a mentioned end but is missing"


def test_axiom_annotations_use_annotation_properties_only(seeds_build: Build) -> None:
    graph = seeds_build.graph
    structural = {RDF.type, OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget,
                  RDFS.comment}  # rdfs:comment is a built-in annotation property
    for node in set(graph.subjects(RDF.type, OWL.Axiom)):
        for predicate in set(graph.predicates(node)) - structural:
            assert (predicate, RDF.type, OWL.AnnotationProperty) in graph, predicate
            assert (predicate, RDF.type, OWL.ObjectProperty) not in graph, predicate
    for predicate in (HGO.converts, HGO.binds, HGO.balancedWith):
        assert (predicate, RDF.type, OWL.ObjectProperty) in graph
        assert (predicate, RDF.type, OWL.AnnotationProperty) not in graph
    assert (None, RDF.subject, None) not in graph
    assert (None, RDF.type, RDF.Statement) not in graph


def test_curated_axioms_carry_their_comment(vocabulary: Vocabulary, seeds_build: Build) -> None:
    graph = seeds_build.graph
    commented = [node for node in graph.subjects(HGO.basis, HGO.curated)
                 if (node, RDFS.comment, None) in vocabulary.graph]
    assert commented
    for node in commented:
        assert set(graph.objects(node, RDFS.comment)) == set(
            vocabulary.graph.objects(node, RDFS.comment))


def test_concepts_and_terms_carry_an_rdfs_label_for_owl_tools(seeds_graph: Graph) -> None:
    """Protégé and the OWL API show rdfs:label: every term and concept has one equal to its
    preferred label, except the concepts that name a type ("enzyme"), which would repeat their
    class's label."""
    types = {t.value for t in EntityType}
    checked = 0
    for node in set(seeds_graph.subjects(RDF.type, SKOS.Concept)):
        label = seeds_graph.value(node, SKOS.prefLabel)
        assert label is not None
        if str(label).casefold() in types:
            assert seeds_graph.value(node, RDFS.label) is None
            continue
        assert set(seeds_graph.objects(node, RDFS.label)) == {label}, node
        checked += 1
    assert checked > 50

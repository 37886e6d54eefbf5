"""Independent validators accept the graph: pyoxigraph, Raptor, Jena, owlready2 with HermiT; and
the data contract holds when read back with SPARQL."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from hormgraph.namespaces import HGO, OA, SECTION_PROPERTY

from .conftest import JENA, ROOT, require_jena, require_tool

OXIGRAPH_FORMATS = {"hormgraph.ttl": "TURTLE", "hormgraph.nt": "N_TRIPLES",
                    "hormgraph.rdf": "RDF_XML", "hormgraph.jsonld": "JSON_LD"}
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual)
EVIDENCE = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX hgo: <https://w3id.org/hormgraph/ontology#>
SELECT ?a ?term ?section ?exact ?start ?end WHERE {
    ?a a oa:Annotation ; hgo:section ?section ; oa:hasTarget ?t .
    ?t oa:hasSource ?term ; oa:hasSelector ?p .
    ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    # A mention's target quotes it; a relation's evidence targets its sentence, whose text is
    # its hgo:sentence.
    { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact }
    UNION { ?t a hgo:Sentence ; hgo:sentence ?exact }
}"""


@pytest.mark.parametrize("name", sorted(OXIGRAPH_FORMATS))
def test_pyoxigraph_reads_every_rdf_export(outputs: Path, seeds_graph: Graph, name: str) -> None:
    pyoxigraph = pytest.importorskip("pyoxigraph")
    with open(outputs / name, "rb") as handle:
        quads = list(pyoxigraph.parse(handle, format=getattr(pyoxigraph.RdfFormat,
                                                             OXIGRAPH_FORMATS[name])))
    assert len(quads) == len(seeds_graph)


@pytest.mark.parametrize(("name", "syntax"), [("hormgraph.ttl", "turtle"),
                                              ("hormgraph.nt", "ntriples"),
                                              ("hormgraph.rdf", "rdfxml")])
@pytest.mark.system
def test_rapper_accepts_the_export_without_a_warning(outputs: Path, seeds_graph: Graph,
                                                     name: str, syntax: str) -> None:
    rapper = require_tool("rapper")
    result = subprocess.run([rapper, "-i", syntax, "-c", str(outputs / name)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower() and "error" not in result.stderr.lower()
    assert f"returned {len(seeds_graph)} triples" in result.stderr





@pytest.mark.system
@pytest.mark.parametrize("name", ["hormgraph.ttl", "hormgraph.nt", "hormgraph.rdf"])
def test_jena_riot_validates_the_export_without_a_warning(outputs: Path, name: str) -> None:
    require_jena()
    result = subprocess.run([str(JENA), "riot", "--validate", str(outputs / name)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "" and result.stderr.strip() == "", result.stderr


@pytest.mark.system
def test_jena_catches_a_bad_literal(tmp_path: Path) -> None:
    """The Jena check can fail: an ill-typed literal is a warning."""
    require_jena()
    bad = tmp_path / "bad.ttl"
    bad.write_text('<https://example.org/a> <https://example.org/b> '
                   '"x"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n')
    result = subprocess.run([str(JENA), "riot", "--validate", str(bad)],
                            capture_output=True, text=True, check=False)
    assert "WARN" in result.stdout + result.stderr or result.returncode != 0


def _reason(path: Path) -> list[str]:
    """Load an RDF/XML file in owlready2 and run HermiT; the names of its classes."""
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []
    return sorted(c.iri for c in ontology.classes())


@pytest.mark.system
def test_hermit_finds_the_ontology_consistent(outputs: Path) -> None:
    require_tool("java")
    classes = _reason(outputs / "hormgraph.rdf")
    assert {str(HGO.GlossaryTerm), str(HGO.Hormone), str(HGO.SourceFile)} <= set(classes)


@pytest.mark.system
def test_hermit_can_find_an_inconsistency(seeds_graph: Graph, tmp_path: Path) -> None:
    """The reasoner check can fail: a hormone that is also an enzyme, made disjoint, clashes."""
    owlready2 = pytest.importorskip("owlready2")
    require_tool("java")
    from hormgraph.export.rdf import to_rdfxml

    graph = Graph() + seeds_graph
    graph.add((HGO.Hormone, OWL.disjointWith, HGO.Enzyme))
    graph.add((next(graph.subjects(RDF.type, HGO.Hormone)), RDF.type, HGO.Enzyme))
    path = tmp_path / "inconsistent.rdf"
    path.write_text(to_rdfxml(graph), encoding="utf-8")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(path)


def test_every_annotation_selects_its_quote_in_the_stored_section(seeds_graph: Graph) -> None:
    rows = list(seeds_graph.query(EVIDENCE))
    assert rows and len(rows) == len(set(seeds_graph.subjects(RDF.type, OA.Annotation)))
    for annotation, term, section, exact, start, end in rows:  # type: ignore[misc]
        text = seeds_graph.value(term, SECTION_PROPERTY[str(section)])
        assert isinstance(text, Literal), (annotation, section)
        assert str(text)[int(start):int(end)] == str(exact), annotation


def test_every_hgo_term_used_is_declared_with_a_label_and_a_comment(seeds_graph: Graph) -> None:
    used = {n for triple in seeds_graph for n in triple
            if isinstance(n, URIRef) and str(n).startswith(str(HGO))}
    for term in sorted(used):
        assert any((term, RDF.type, kind) in seeds_graph for kind in DECLARATIONS), term
        assert seeds_graph.value(term, RDFS.label) and seeds_graph.value(term, RDFS.comment), term


def test_every_property_and_class_used_is_declared_for_owl_tools(seeds_graph: Graph) -> None:
    built_in = tuple(str(ns) for ns in (RDF, RDFS, OWL))
    declared = {s for kind in DECLARATIONS for s in seeds_graph.subjects(RDF.type, kind)}
    used = set(seeds_graph.predicates()) | set(seeds_graph.objects(None, RDF.type))
    assert {str(u) for u in used - declared if not str(u).startswith(built_in)} == set()


def test_the_hgo_namespace_lists_exactly_the_schemas_terms() -> None:
    schema = Graph().parse(ROOT / "ontology" / "hormgraph.ttl")
    declared = {str(s) for s in schema.subjects(RDF.type, None) if str(s).startswith(str(HGO))}
    assert declared == {str(HGO[name]) for name in HGO.__annotations__}
    with pytest.raises(AttributeError):
        HGO["mentionsHormones"]

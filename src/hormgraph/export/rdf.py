"""RDF syntaxes of the graph: Turtle (the main artifact), N-Triples, RDF/XML, JSON-LD."""

from __future__ import annotations

import io
import json
from collections.abc import Generator
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS
from rdflib.paths import Path
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from hormgraph.namespaces import HGO, OA, PREFIXES, bind_prefixes

#: Where a subject goes in the Turtle, by its type: header, schema, schemes, terms, vocabulary,
#: provenance, then relation axioms (owl:Axiom) and Web Annotations (each followed by its target
#: and selectors).
GROUPS: dict[Node, int] = {
    OWL.Ontology: 0, OWL.Class: 1, OWL.ObjectProperty: 2, OWL.DatatypeProperty: 2,
    OWL.AnnotationProperty: 2, OWL.NamedIndividual: 2, SKOS.ConceptScheme: 3,
    HGO.GlossaryTerm: 4, SKOS.Concept: 5,
    HGO.SourceFile: 6, PROV.Activity: 7, PROV.SoftwareAgent: 7, OWL.Axiom: 8,
    OA.Annotation: 8, OA.SpecificResource: 8, OA.TextQuoteSelector: 8,
    OA.TextPositionSelector: 8,
}
OURS = "https://w3id.org/hormgraph/"


class GroupedTurtle(TurtleSerializer):
    """rdflib's Turtle serializer, with subjects in groups (see GROUPS), hormgraph's own first,
    then by IRI, and each subject's type, labels and definition before its other properties."""

    def __init__(self, store: Graph) -> None:
        super().__init__(store)
        self.predicateOrder = [RDF.type, RDFS.label, SKOS.prefLabel, SKOS.altLabel,
                               SKOS.definition, RDFS.comment]

    def orderSubjects(self) -> list[Node]:
        def key(subject: Node) -> tuple[bool, int, bool, str]:
            types = self.store.objects(subject, RDF.type)
            group = min((GROUPS.get(t, len(GROUPS)) for t in types), default=len(GROUPS))
            return (isinstance(subject, BNode), group, not str(subject).startswith(OURS),
                    str(subject))

        return sorted(self._subjects, key=key)


def to_turtle(graph: Graph) -> str:
    """The graph as Turtle, grouped by subject, with hormgraph's prefixes."""
    stream = io.BytesIO()
    GroupedTurtle(bind_prefixes(graph)).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def to_ntriples(graph: Graph) -> str:
    """The graph as N-Triples, one triple a line, sorted so the file diffs cleanly."""
    lines = graph.serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _n3(node: Node) -> str:
    return node.n3() if isinstance(node, (URIRef, Literal, BNode)) else str(node)


class SortedGraph(Graph):
    """A graph whose subjects and (predicate, object) pairs iterate sorted: rdflib's RDF/XML
    serializer writes them in the store's order, which depends on the hash seed."""

    def subjects(self, predicate: Path | Node | None = None,
                 object: Node | list[Node] | None = None,
                 unique: bool = False) -> Generator[Node, None, None]:
        yield from sorted(set(super().subjects(predicate, object)), key=_n3)

    def predicate_objects(self, subject: Node | None = None,
                          unique: bool = False) -> Generator[tuple[Node, Node], None, None]:
        yield from sorted(set(super().predicate_objects(subject)),
                          key=lambda pair: (_n3(pair[0]), _n3(pair[1])))


def to_rdfxml(graph: Graph) -> str:
    """The graph as RDF/XML (for tools built on the OWL API), subjects and properties sorted."""
    ordered = bind_prefixes(SortedGraph())
    ordered += graph
    return ordered.serialize(format="xml")


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: hormgraph's prefixes."""
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def to_jsonld(graph: Graph) -> str:
    """The graph as compacted JSON-LD with hormgraph's context, nodes and values sorted."""
    data = json.loads(graph.serialize(format="json-ld", context=jsonld_context()))
    return json.dumps(_sort_values(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _sort_values(value: Any) -> Any:
    """JSON-LD arrays are sets (except under @list): sort them, recursively."""
    if isinstance(value, dict):
        return {k: v if k == "@list" else _sort_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sort_values(v) for v in value),
                      key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value

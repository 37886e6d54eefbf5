"""Load the curated vocabulary in ontology/ (the packaged default, or a folder the user gives)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import OWL, RDF, SKOS

from hormgraph.errors import VocabularyError
from hormgraph.model import Concept, EntityType, Relation
from hormgraph.namespaces import ENTITY_CLASSES, HGO, VOCABULARY_SCHEME

CLASS_TYPES = ENTITY_CLASSES
SCHEMA_FILE = "hormgraph.ttl"
SHAPES_FILE = "shapes.ttl"


@dataclass(frozen=True)
class Vocabulary:
    """The curated concepts, their curated relations, and the RDF they were read from."""

    concepts: dict[str, Concept]
    relations: tuple[Relation, ...]
    graph: Graph
    schema: Graph
    stop_phrases: tuple[str, ...] = ()
    #: The Turtle it was read from, (name, text) per file, the schema last: what a worker on
    #: another machine rebuilds it from, and what its digest is of.
    sources: tuple[tuple[str, str], ...] = ()

    @property
    def digest(self) -> str:
        """A SHA-256 of the Turtle the vocabulary was read from (a cache key)."""
        hasher = hashlib.sha256()
        for name, text in self.sources:
            hasher.update(f"{len(name)}:{name}{len(text)}:".encode())
            hasher.update(text.encode("utf-8"))
        return hasher.hexdigest()

    def ancestors(self, iri: str) -> list[str]:
        """Every concept above `iri` through skos:broader, nearest first, without repeats."""
        seen: dict[str, None] = {}
        frontier = list(self.concepts[iri].broader) if iri in self.concepts else []
        while frontier:
            parent = frontier.pop(0)
            if parent not in seen and parent in self.concepts:
                seen[parent] = None
                frontier.extend(self.concepts[parent].broader)
        return list(seen)

    def stats(self) -> dict[EntityType, int]:
        """How many concepts of each type the vocabulary holds."""
        counts = Counter(c.type for c in self.concepts.values())
        return {t: counts.get(t, 0) for t in EntityType}


def default_ontology() -> Traversable:
    """The vocabulary shipped inside the package."""
    return files("hormgraph") / "ontology"


def ontology_files(root: Traversable | Path) -> list[Traversable]:
    """The Turtle files of an ontology folder, in a stable order (the shapes are not vocabulary)."""
    found: list[tuple[str, Traversable]] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for child in folder.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".ttl") and child.name != SHAPES_FILE:
                found.append((prefix + child.name, child))

    if not root.is_dir():
        raise VocabularyError(f"{root}: not a folder of Turtle files")
    walk(root, "")
    return [child for _, child in sorted(found)]


def load_vocabulary(root: Traversable | Path | None = None) -> Vocabulary:
    """Read every Turtle file of `root` (default: the packaged ontology) into a Vocabulary.

    A folder without its own schema (hormgraph.ttl) gets the packaged one, so that graphs built
    from it still describe their classes and properties.
    """
    root = default_ontology() if root is None else root
    files_ = ontology_files(root)
    if not files_:
        raise VocabularyError(f"{root}: holds no Turtle (.ttl) files")
    schema_file = next((f for f in files_ if f.name == SCHEMA_FILE),
                       default_ontology() / SCHEMA_FILE)
    return vocabulary_from_sources(tuple((f.name, _read(f)) for f in (*files_, schema_file)))


def vocabulary_from_sources(sources: tuple[tuple[str, str], ...]) -> Vocabulary:
    """A vocabulary from the Turtle of its files, (name, text) each, the schema's last (as
    `Vocabulary.sources` holds them)."""
    graph, schema = Graph(), Graph()
    for name, text in sources[:-1]:
        _parse_turtle(name, text, graph)
    _parse_turtle(*sources[-1], schema)
    concepts = {c.iri: c for c in read_concepts(graph)}
    stop_phrases = tuple(sorted({str(o) for o in graph.objects(None, HGO.stopPhrase)}))
    return Vocabulary(concepts, tuple(read_relations(graph)), graph, schema, stop_phrases,
                      sources)


def _read(file: Traversable) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise VocabularyError(f"{file.name}: not valid Turtle (not UTF-8)") from error
    except OSError as error:
        raise VocabularyError(f"{file.name}: cannot read ({error.strerror})") from error


def _parse_turtle(name: str, text: str, graph: Graph) -> None:
    try:
        graph.parse(data=text, format="turtle")
    except (ParserError, SyntaxError, ValueError, UnicodeDecodeError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "?"
        raise VocabularyError(f"{name}: not valid Turtle ({first_line})") from error


def read_concepts(graph: Graph) -> Iterable[Concept]:
    """The concepts typed by one of hormgraph's entity classes, in IRI order."""
    for cls, type_ in sorted(CLASS_TYPES.items()):
        for subject in sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)):

            def values(predicate: URIRef, node: URIRef = subject) -> tuple[str, ...]:
                return tuple(sorted(str(o) for o in graph.objects(node, predicate)))

            pref = [str(o) for o in graph.objects(subject, SKOS.prefLabel)
                    if isinstance(o, Literal) and o.language in ("en", None)]
            definition = [str(o) for o in graph.objects(subject, SKOS.definition)]
            extractable = graph.value(subject, HGO.extractable)
            yield Concept(
                iri=str(subject),
                type=type_,
                pref_label=min(pref) if pref else str(subject).rsplit("/", 1)[-1],
                alt_labels=values(SKOS.altLabel),
                definition=min(definition) if definition else "",
                broader=values(SKOS.broader),
                exact_match=values(SKOS.exactMatch),
                close_match=values(SKOS.closeMatch),
                adjectives=values(HGO.adjective),
                ambiguous_labels=values(HGO.ambiguousLabel),
                extractable=not (isinstance(extractable, Literal) and not extractable.toPython()),
                top=(subject, SKOS.topConceptOf, VOCABULARY_SCHEME) in graph,
            )


def read_relations(graph: Graph) -> Iterable[Relation]:
    """The curated relations: axiom annotation nodes (owl:Axiom) with hgo:basis hgo:curated."""
    rows = []
    for node in graph.subjects(HGO.basis, HGO.curated):
        if (node, RDF.type, OWL.Axiom) not in graph:
            continue
        subject = graph.value(node, OWL.annotatedSource)
        predicate = graph.value(node, OWL.annotatedProperty)
        obj = graph.value(node, OWL.annotatedTarget)
        if subject is None or predicate is None or obj is None:
            continue
        product = graph.value(node, HGO.product)
        rows.append(Relation(str(subject), str(predicate), str(obj), curated=True,
                             product=str(product) if product is not None else None))
    return sorted(rows, key=lambda r: (r.subject, r.predicate, r.object, r.product or ""))

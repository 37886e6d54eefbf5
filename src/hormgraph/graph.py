"""The build's IRIs for terms and source files, and the graph of a set of annotated entries.

Every node gets an IRI (no blank nodes), derived from stable slugs and offsets, so the same
inputs always give the same graph and byte-identical files; the triples themselves are written
by `hormgraph.emit`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

from rdflib import Graph, URIRef

from hormgraph.assemble import assemble, fixed_part, graph_of
from hormgraph.emit import (
    EntryTriples,
    Triples,
    entry_triples,
    merge_relations,
)
from hormgraph.emit import statement_iri as _statement_iri
from hormgraph.errors import shown
from hormgraph.model import AnnotatedEntry, Relation
from hormgraph.namespaces import HG
from hormgraph.normalize import slug
from hormgraph.order import scope
from hormgraph.vocabulary import Vocabulary

__all__ = ["build_graph", "emit_entries", "merge_relations", "ordered", "statement_iri",
           "term_iris"]


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


def statement_iri(relation: Relation, scope: str) -> URIRef:
    """The stable IRI of a relation's axiom node, within a term (or "curated")."""
    return URIRef(_statement_iri(relation, scope))


def ordered(entries: Sequence[AnnotatedEntry]) -> tuple[list[AnnotatedEntry], dict[str, str],
                                                        dict[str, str]]:
    """The entries in the outputs' order (by term), and their term and source IRIs by file."""
    terms = {source: str(term) for source, term in term_iris(entries).items()}
    sources = {source: str(iri) for source, iri in source_iris(entries).items()}
    return sorted(entries, key=lambda item: scope(terms[item.entry.source])), terms, sources


def emit_entries(entries: Sequence[AnnotatedEntry], vocabulary: Vocabulary,
                 full_vocabulary: bool = False) -> tuple[Triples, list[EntryTriples],
                                                         dict[str, str]]:
    """The fixed part and each entry's triples, in the outputs' order; the term IRIs."""
    items, terms, sources = ordered(entries)
    emitted = [entry_triples(item, terms[item.entry.source], sources[item.entry.source])
               for item in items]
    fixed = fixed_part(vocabulary, emitted, [terms[i.entry.source] for i in items],
                       sorted(sources.values()), full_vocabulary)
    return fixed, emitted, terms


def build_graph(entries: Sequence[AnnotatedEntry], vocabulary: Vocabulary,
                full_vocabulary: bool = False) -> Graph:
    """The whole graph: schema, schemes, provenance, terms, mentions, evidence, relations and the
    vocabulary concepts mentioned (with their ancestors), or all of them with `full_vocabulary`."""
    fixed, emitted, _ = emit_entries(entries, vocabulary, full_vocabulary)
    return graph_of(assemble(fixed, emitted))

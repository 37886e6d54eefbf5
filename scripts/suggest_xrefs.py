"""Suggest cross-references for vocabulary concepts from the reference table, for review.

For each concept without skos:exactMatch, closeMatch or broadMatch (or every concept, with
`--all`), list the reference-table rows whose label or exact synonym agrees with one of the
concept's labels once case, dashes, spaces, Greek letters and plurals are set aside, limited to
the sources the concept's type may point to. Each candidate comes with the mapping the rules
suggest: exactMatch when a label agrees and the source names the same kind of thing, closeMatch
for a gene (HGNC) or a GO activity standing for an enzyme or receptor, and a note when another
concept already holds the target as its exactMatch. A concept with no candidate gets the targets
of its nearest linked ancestor as broadMatch suggestions. Nothing is written: a curator chooses.

    PYTHONPATH=src python scripts/suggest_xrefs.py [--all] [--type enzyme] [--reference TSV]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from hormgraph.model import Concept, EntityType
from hormgraph.normalize import MARK_NAME, fold_label
from hormgraph.tagger import spellings
from hormgraph.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "ontology-terms.tsv"
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
OBO = "http://purl.obolibrary.org/obo/"
#: The reference table's `ontology` values each type may point to ("GO" alone: a row of the
#: earlier extract, whose GO branch the table does not say).
SOURCES = {
    EntityType.HORMONE: ("CHEBI", "PR", "HGNC"),
    EntityType.ENZYME: ("EC", "HGNC", "GO:molecular_function", "GO"),
    EntityType.TISSUE: ("UBERON", "CL", "GO:cellular_component", "GO"),
    EntityType.PROCESS: ("GO:biological_process", "GO"),
    EntityType.RECEPTOR: ("PR", "HGNC", "GO:molecular_function", "GO:cellular_component", "GO"),
}
#: Sources whose entries are genes or activities, not the concept's own kind of thing: closeMatch.
CLOSE_ONLY = {
    EntityType.HORMONE: ("HGNC",),
    EntityType.ENZYME: ("HGNC", "GO:molecular_function", "GO"),
    EntityType.RECEPTOR: ("HGNC", "GO:molecular_function", "GO:cellular_component", "GO"),
}
#: Words GO adds to the name of an activity or a process ("aromatase activity").
SUFFIXES = {
    EntityType.ENZYME: ("activity",),
    EntityType.RECEPTOR: ("activity", "receptor activity"),
    EntityType.PROCESS: ("process",),
}
_SYNTHESIS = re.compile(r"(bio)?synthesis$")


@dataclass(frozen=True)
class Row:
    """One row of the reference table: an identifier, where it comes from, what it is called."""

    curie: str
    ontology: str
    label: str
    synonyms: tuple[str, ...]

    @property
    def source(self) -> str:
        """The ontology, without the table's note ("HGNC (label=approved symbol; ...)")."""
        return self.ontology.split(" ", 1)[0]

    @property
    def iri(self) -> str:
        prefix, local = self.curie.split(":", 1)
        if prefix == "EC":
            return f"https://identifiers.org/ec-code:{local}"
        if prefix == "HGNC":
            return f"https://identifiers.org/hgnc:{local}"
        return f"{OBO}{prefix}_{local}"


@dataclass(frozen=True)
class Suggestion:
    """A candidate target for a concept, and the mapping the rules make of it."""

    concept: Concept
    row: Row
    mapping: str
    via: str
    note: str


def key(name: str) -> str:
    """A name as the exactMatch rule compares it: case, dashes, spaces and Greek letters aside.

    >>> key("17β-Estradiol") == key("17beta estradiol") == "17betaestradiol"
    True
    """
    return fold_label(name).replace(" ", "")


def label_keys(label: str) -> set[str]:
    """The keys of a label and of the spellings the matcher accepts for it (plurals, British)."""
    found = {key(label)}
    for spelling in spellings(label):
        for mark, name in MARK_NAME.items():
            spelling = spelling.replace(mark, name)
        found.add(spelling.replace(" ", ""))
    return found


def read_reference(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(r["curie"], r["ontology"], r["label"],
                    tuple(s.strip() for s in (r["exact_synonyms"] or "").split("|") if s.strip()))
                for r in reader]


def name_index(rows: Iterable[Row]) -> dict[str, list[tuple[Row, str]]]:
    """Each row under the key of its label and of each exact synonym."""
    index: dict[str, list[tuple[Row, str]]] = defaultdict(list)
    for row in rows:
        for name in (row.label, *row.synonyms):
            entries = index[key(name)]
            if all(r.curie != row.curie for r, _ in entries):
                entries.append((row, name))
    return index


def linked(graph: Graph, concept: Concept) -> bool:
    node = URIRef(concept.iri)
    return any(graph.value(node, p) is not None for p in MAPPINGS)


def exact_holders(graph: Graph) -> dict[str, set[str]]:
    holders: dict[str, set[str]] = defaultdict(set)
    for subject, target in graph.subject_objects(SKOS.exactMatch):
        holders[str(target)].add(str(subject))
    return holders


def wanted_keys(concept: Concept) -> Iterator[tuple[str, str, bool]]:
    """The keys to look up for a concept, each with the label it came from and whether it is
    the label itself (an exactMatch candidate) or a GO-style rewording of it (closeMatch)."""
    for label in concept.labels:
        for base in label_keys(label):
            yield base, label, True
            for suffix in SUFFIXES.get(concept.type, ()):
                yield base + key(suffix), label, False
            if concept.type is EntityType.PROCESS and _SYNTHESIS.search(base):
                yield _SYNTHESIS.sub("biosyntheticprocess", base), label, False


def suggest(vocabulary: Vocabulary, index: dict[str, list[tuple[Row, str]]],
            concept: Concept) -> list[Suggestion]:
    holders = exact_holders(vocabulary.graph)
    found: dict[str, Suggestion] = {}
    for wanted, label, same in sorted(wanted_keys(concept), key=lambda w: not w[2]):
        for row, name in index.get(wanted, []):
            if row.source not in SOURCES[concept.type] or row.curie in found:
                continue
            close = row.source in CLOSE_ONLY.get(concept.type, ()) or not same
            others = sorted(holders.get(row.iri, set()) - {concept.iri})
            notes = [f"exactMatch of {', '.join(others)}"] if others else []
            if row.source == "HGNC" and name not in (row.label, *row.synonyms[:1]):
                notes.append("an alias or previous symbol, not the approved one")
            note = "; ".join(notes)
            found[row.curie] = Suggestion(concept, row, "closeMatch" if close else "exactMatch",
                                          f"{label!r} ~ {name!r}", note)
    return sorted(found.values(), key=lambda s: (s.mapping != "exactMatch", s.row.curie))


def broader_suggestions(vocabulary: Vocabulary, rows: dict[str, Row],
                        concept: Concept) -> list[Suggestion]:
    """The targets of the nearest ancestor that has any, as broadMatch candidates."""
    graph = vocabulary.graph
    for ancestor in vocabulary.ancestors(concept.iri):
        targets = sorted({str(o) for p in (SKOS.exactMatch, SKOS.closeMatch)
                          for o in graph.objects(URIRef(ancestor), p)})
        known = [rows[t] for t in targets if t in rows]
        if known:
            return [Suggestion(concept, row, "broadMatch", f"via {ancestor}", "")
                    for row in known if row.source in SOURCES[concept.type]]
    return []


def print_suggestions(suggestions: list[Suggestion], concept: Concept) -> None:
    print(f"## {concept.iri}\t{' | '.join(concept.labels)}")
    if not suggestions:
        print("\t(no candidate)")
    for s in suggestions:
        print("\t".join(("", s.mapping, s.row.curie, s.row.source, s.row.label,
                         s.via, s.note)).rstrip("\t"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE,
                        help="the reference table (default: %(default)s)")
    parser.add_argument("--all", action="store_true",
                        help="list candidates for every concept, linked or not")
    parser.add_argument("--type", choices=[t.value for t in EntityType],
                        help="only concepts of this type")
    args = parser.parse_args(argv)
    if not args.reference.is_file():
        print(f"{args.reference}: no reference table there (give --reference)", file=sys.stderr)
        return 2
    vocabulary = load_vocabulary()
    rows = read_reference(args.reference)
    index = name_index(rows)
    by_iri = {row.iri: row for row in rows}
    unlinked = 0
    for concept in sorted(vocabulary.concepts.values(), key=lambda c: (c.type.value, c.iri)):
        if args.type and concept.type.value != args.type:
            continue
        if linked(vocabulary.graph, concept) and not args.all:
            continue
        unlinked += not linked(vocabulary.graph, concept)
        suggestions = (suggest(vocabulary, index, concept)
                       or broader_suggestions(vocabulary, by_iri, concept))
        print_suggestions(suggestions, concept)
    print(f"# {unlinked} concepts without a cross-reference", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

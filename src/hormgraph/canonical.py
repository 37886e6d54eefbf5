"""The canonical Turtle layout of the curated ontology files: one fixed text for one graph.

Prefixes are those the file uses, sorted; subjects come root by root (by IRI), each followed
depth first by its skos:broader descendants (siblings by IRI); predicates come in a
fixed order (`a`, scheme, labels, definition, hierarchy, cross-references, axiom parts), then
by IRI; the objects of a predicate are sorted and share one line. The text depends on the triples
alone, so a file saved by Protégé or edited by hand comes back to the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.exceptions import ParserError
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from hormgraph.errors import VocabularyError
from hormgraph.export.files import write_atomic
from hormgraph.namespaces import HG, HGO, PREFIXES
from hormgraph.vocabulary import SCHEMA_FILE, default_ontology, ontology_files

#: The data contract's prefixes (but `hg:`, whose local names would hold a `/`), and one for the
#: curated statements.
CANONICAL_PREFIXES = {**{p: ns for p, ns in PREFIXES.items() if p != "hg"},
                      "curated": Namespace(f"{HG}statement/curated/")}
PREDICATE_ORDER = (
    RDF.type, SKOS.inScheme, SKOS.topConceptOf, SKOS.prefLabel, SKOS.altLabel,
    HGO.ambiguousLabel, HGO.adjective, SKOS.definition, SKOS.broader, SKOS.exactMatch,
    SKOS.closeMatch, HGO.extractable, OWL.annotatedSource, OWL.annotatedProperty,
    OWL.annotatedTarget, HGO.basis, HGO.product,
    RDFS.comment,
)
#: Files laid out by hand (with comments) and left alone by the formatter.
HAND_LAID = frozenset({SCHEMA_FILE})
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_BARE = {XSD.boolean: re.compile(r"true|false"), XSD.integer: re.compile(r"[+-]?[0-9]+")}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def to_canonical_turtle(graph: Graph, name: str = "graph") -> str:
    """`graph` as Turtle in the canonical layout; `name` (a file name) is used in errors.

    >>> g = Graph().parse(format="turtle", data="<https://w3id.org/hormgraph/id/hormone/e2> "
    ...                   "<http://www.w3.org/2004/02/skos/core#prefLabel> 'estradiol'@en .")
    >>> print(to_canonical_turtle(g), end="")
    @prefix hormone: <https://w3id.org/hormgraph/id/hormone/> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <BLANKLINE>
    hormone:e2 skos:prefLabel "estradiol"@en .
    """
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise VocabularyError(f"{name}: a blank node has no canonical form; give every node "
                                  f"an IRI (at <{triple[0]}> <{triple[1]}>)")
    writer = _Writer()
    blocks = [writer.block(graph, subject) for subject in subject_order(graph)]
    header = "".join(f"@prefix {p}: <{CANONICAL_PREFIXES[p]}> .\n" for p in sorted(writer.used))
    return header + "".join(f"\n{block}" for block in blocks)


def subject_order(graph: Graph) -> list[URIRef]:
    """The subjects of `graph`: hierarchy roots by IRI, each followed by its narrower subjects."""
    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef)})
    known = set(subjects)
    children: dict[URIRef, list[URIRef]] = defaultdict(list)
    roots: list[URIRef] = []
    for subject in subjects:
        parents = [p for p in graph.objects(subject, SKOS.broader)
                   if isinstance(p, URIRef) and p in known]
        for parent in parents:
            children[parent].append(subject)
        if not parents:
            roots.append(subject)
    order: dict[URIRef, None] = {}
    for start in [*roots, *subjects]:  # the subjects still left sit on a skos:broader cycle
        stack = [start]
        while stack:
            node = stack.pop()
            if node not in order:
                order[node] = None
                stack.extend(reversed(children[node]))
    return list(order)


class _Writer:
    """Renders subjects' blocks and remembers which prefixes they used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._namespaces = sorted(CANONICAL_PREFIXES.items(), key=lambda item: -len(item[1]))
        self._rank: dict[Node, int] = {p: i for i, p in enumerate(PREDICATE_ORDER)}

    def block(self, graph: Graph, subject: URIRef) -> str:
        predicates = sorted(set(graph.predicates(subject)),
                            key=lambda p: (self._rank.get(p, len(self._rank)), str(p)))
        lines = []
        for predicate in predicates:
            objects = sorted({self.term(o) for o in graph.objects(subject, predicate)},
                             key=lambda t: (t.casefold(), t))
            verb = "a" if predicate == RDF.type else self.term(predicate)
            lines.append(f"{verb} {', '.join(objects)}")
        return self.term(subject) + " " + " ;\n    ".join(lines) + " .\n"

    def term(self, node: Node) -> str:
        if isinstance(node, Literal):
            return self._literal(node)
        iri = str(node)
        for prefix, namespace in self._namespaces:
            if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(iri[len(namespace):]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(namespace):]}"
        return f"<{iri}>"

    def _literal(self, literal: Literal) -> str:
        lexical = str(literal)
        bare = _BARE.get(literal.datatype) if literal.datatype is not None else None
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        quoted = '"' + "".join(_escape(c) for c in lexical) + '"'
        if literal.language:
            return f"{quoted}@{literal.language}"
        if literal.datatype is not None and literal.datatype != XSD.string:
            return f"{quoted}^^{self.term(literal.datatype)}"
        return quoted


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04X}" if ord(char) < 0x20 or char == "\x7f" else char


def canonical_text(text: str, name: str) -> str:
    """Turtle `text`, read from the file `name`, rewritten in the canonical layout."""
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except (ParserError, SyntaxError, ValueError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else "?"
        raise VocabularyError(f"{name}: not valid Turtle ({first})") from error
    return to_canonical_turtle(graph, name)


def formatted_files(root: Path) -> list[Path]:
    """The Turtle files of an ontology folder that the formatter owns (all but the schema)."""
    return [Path(str(f)) for f in ontology_files(root) if f.name not in HAND_LAID]


def format_ontology(root: Path, write: bool = True) -> list[Path]:
    """The formatted files of `root` not in the canonical layout; rewritten there if `write`."""
    changed = []
    for path in formatted_files(root):
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise VocabularyError(f"{path}: cannot read ({error})") from error
        canonical = canonical_text(text, path.name)
        if canonical != text:
            changed.append(path)
            if write:
                write_atomic(path, canonical)
    return changed


def ontology_folder(root: Path | None = None) -> Path:
    """The folder of ontology files to format: `root`, or the packaged one when it is a folder."""
    folder = default_ontology() if root is None else root
    if not isinstance(folder, Path) or not folder.is_dir():
        raise VocabularyError(f"{folder}: not a folder of Turtle files (give --vocabulary DIR)")
    return folder

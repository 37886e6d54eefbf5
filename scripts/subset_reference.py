"""Write tests/data/reference/ontology-terms.tsv: the reference-table rows the ontology uses.

The whole reference table (../shared/reference/ontology-terms.tsv, 300k rows) lives only in the
project's workspace; the tests fall back to this subset, so that a plain clone checks every
identifier too. The subset holds, in the table's own order and columns, the row of each
identifier that a Turtle file under ontology/ names (OBO PURLs, EC numbers, HGNC genes); the
tests read labels and exact synonyms, not parents, so parents' rows are not added. Run it after
adding or changing a cross-reference; `--check` only says whether the subset is current.

    python scripts/subset_reference.py [--check] [--reference TSV] [--out TSV]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "ontology-terms.tsv"
SUBSET = ROOT / "tests" / "data" / "reference" / "ontology-terms.tsv"
ONTOLOGY = ROOT / "ontology"
#: The identifier IRIs hormgraph writes, each with the CURIE prefix the table uses.
IDENTIFIERS = (
    (re.compile(r"http://purl\.obolibrary\.org/obo/([A-Za-z]+)_([0-9]+)"), None),
    (re.compile(r"https://identifiers\.org/ec-code:([0-9.n]+)"), "EC"),
    (re.compile(r"https://identifiers\.org/hgnc:([0-9]+)"), "HGNC"),
)


def curie(iri: str) -> str | None:
    """The CURIE of an identifier IRI, or None for any other IRI.

    >>> curie("http://purl.obolibrary.org/obo/CHEBI_17650"), curie("https://identifiers.org/hgnc:2594")
    ('CHEBI:17650', 'HGNC:2594')
    """
    for pattern, prefix in IDENTIFIERS:
        match = pattern.fullmatch(iri)
        if match:
            return f"{prefix}:{match.group(1)}" if prefix else ":".join(match.groups())
    return None


def used_curies(ontology: Path) -> set[str]:
    """Every identifier that a Turtle file of the ontology folder names, in any position."""
    found: set[str] = set()
    for path in sorted(ontology.rglob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        for triple in graph:
            found.update(c for term in triple if isinstance(term, URIRef)
                         if (c := curie(str(term))) is not None)
    return found


def subset_text(reference: Path, curies: set[str]) -> str:
    """The table's header and the rows of `curies`, as they stand in the table."""
    with reference.open(encoding="utf-8", newline="\n") as handle:
        header = next(handle)
        return header + "".join(line for line in handle if line.split("\t", 1)[0] in curies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE,
                        help="the whole reference table (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=SUBSET, help="default: %(default)s")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the subset is not current")
    args = parser.parse_args(argv)
    if not args.reference.is_file():
        print(f"{args.reference}: no reference table there (give --reference)", file=sys.stderr)
        return 2
    curies = used_curies(ONTOLOGY)
    text = subset_text(args.reference, curies)
    rows = text.count("\n") - 1
    if args.check:
        current = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'current' if current else 'out of date'}", file=sys.stderr)
        return 0 if current else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {rows} rows for {len(curies)} identifiers used "
          f"({len(curies) - rows} not in the table)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

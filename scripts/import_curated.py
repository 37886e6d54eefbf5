"""Add curated relations from a TSV file (subject, predicate, object, product, comment; full IRIs,
predicate as the hgo: local name) to ontology/relations.ttl, as OWL axiom annotations.

    python scripts/import_curated.py NEW.tsv

Every end must be a vocabulary concept; a relation already curated is skipped. Run
`hormgraph vocabulary --format` afterwards to write the file in canonical form.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from hormgraph.graph import statement_iri
from hormgraph.model import Relation
from hormgraph.namespaces import HGO
from hormgraph.vocabulary import load_vocabulary

RELATIONS = Path(__file__).resolve().parents[1] / "ontology" / "relations.ttl"


def main(table: Path) -> int:
    vocabulary = load_vocabulary()
    graph = Graph().parse(RELATIONS)
    known = {(r.subject, r.predicate, r.object, r.product) for r in vocabulary.relations}
    added = 0
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            predicate = str(HGO[row["predicate"]])
            product = row["product"] or None
            ends = [row["subject"], row["object"], *([product] if product else [])]
            missing = [end for end in ends if end not in vocabulary.concepts]
            if missing:
                print(f"{table}: {', '.join(missing)}: not a vocabulary concept", file=sys.stderr)
                return 1
            key = (row["subject"], predicate, row["object"], product)
            if key in known:
                continue
            known.add(key)
            relation = Relation(row["subject"], predicate, row["object"], curated=True,
                                product=product)
            node = statement_iri(relation, "curated")
            graph.add((node, RDF.type, OWL.Axiom))
            graph.add((node, OWL.annotatedSource, URIRef(row["subject"])))
            graph.add((node, OWL.annotatedProperty, URIRef(predicate)))
            graph.add((node, OWL.annotatedTarget, URIRef(row["object"])))
            graph.add((node, HGO.basis, HGO.curated))
            if product:
                graph.add((node, HGO.product, URIRef(product)))
            if row.get("comment"):
                graph.add((node, RDFS.comment, Literal(row["comment"], lang="en")))
            added += 1
    graph.serialize(RELATIONS, format="turtle")
    print(f"{added} curated relations added to {RELATIONS.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

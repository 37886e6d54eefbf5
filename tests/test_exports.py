"""The exports beside hormgraph.ttl: each parses back to the same graph or the same facts."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from rdflib.query import ResultRow

from hormgraph.export.graphml import graphml_lines
from hormgraph.export.rdf import jsonld_context, to_jsonld, to_ntriples, to_rdfxml, to_turtle
from hormgraph.export.tables import (
    MENTION_COLUMNS,
    knowledge_network,
    to_graphml,
    to_mentions_csv,
)
from hormgraph.namespaces import HGO, ONTOLOGY_IRI, PREFIXES

from .conftest import ROOT

EXPORTS = {"hormgraph.ttl": "turtle", "hormgraph.nt": "nt", "hormgraph.rdf": "xml",
           "hormgraph.jsonld": "json-ld"}
MENTIONS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX hgo: <https://w3id.org/hormgraph/ontology#>
SELECT ?term ?entity ?section ?surface ?start ?end WHERE {
    ?term hgo:mentions ?entity .
    ?a a oa:Annotation ; oa:hasBody ?entity ; hgo:section ?section ; oa:hasTarget ?t .
    ?t oa:hasSource ?term ; oa:hasSelector ?q, ?p .
    ?q oa:exact ?surface . ?p oa:start ?start ; oa:end ?end .
}"""





@pytest.fixture(scope="module")
def turtle(outputs: Path) -> Graph:
    return Graph().parse(outputs / "hormgraph.ttl", format="turtle")


def test_the_turtle_is_the_graph(turtle: Graph, seeds_graph: Graph) -> None:
    assert isomorphic(turtle, seeds_graph)


@pytest.mark.parametrize("name", ["hormgraph.nt", "hormgraph.rdf", "hormgraph.jsonld"])
def test_each_rdf_export_round_trips_to_the_turtle(outputs: Path, turtle: Graph,
                                                   name: str) -> None:
    assert isomorphic(Graph().parse(outputs / name, format=EXPORTS[name]), turtle)


def test_the_jsonld_carries_a_context_of_hormgraphs_prefixes(outputs: Path) -> None:
    data = json.loads((outputs / "hormgraph.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == jsonld_context()
    assert data["@context"]["hgo"] == str(PREFIXES["hgo"])
    assert any(node.get("@id") == "term:skin-recalibration" for node in data["@graph"])


def test_the_turtle_opens_with_the_ontology_header(outputs: Path) -> None:
    text = (outputs / "hormgraph.ttl").read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line and not line.startswith("@prefix")]
    assert body[0].startswith(f"<{ONTOLOGY_IRI}> a owl:Ontology")
    prefixes = [line.split()[1] for line in text.splitlines() if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes) and "hgo:" in prefixes and "term:" in prefixes


def test_graphml_loads_in_networkx_with_terms_entities_and_mentions(outputs: Path,
                                                                   turtle: Graph) -> None:
    network = nx.read_graphml(outputs / "hormgraph.graphml", force_multigraph=True)
    classes = {HGO.GlossaryTerm, HGO.Hormone, HGO.Enzyme, HGO.Tissue, HGO.Process,
               HGO.Receptor}
    assert set(network.nodes) == {str(s) for c in classes for s in turtle.subjects(RDF.type, c)}
    mentions = {(u, v) for u, v, d in network.edges(data=True) if d["kind"] == "mentions"}
    assert mentions == {(str(s), str(o)) for s, o in turtle.subject_objects(HGO.mentions)}
    term = "https://w3id.org/hormgraph/id/term/skin-recalibration"
    assert network.nodes[term]["label"] == "Skin Recalibration"
    assert network.nodes[term]["type"] == "term"


def test_the_graphml_writer_gives_networkx_s_bytes(turtle: Graph) -> None:
    """Our streaming GraphML writer against networkx's own, on the seeds' network and on a
    network whose values need every kind of escaping."""
    assert list(graphml_lines(knowledge_network(turtle))) == \
        list(nx.generate_graphml(knowledge_network(turtle)))
    tricky: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    tricky.add_node('a "<&>"\t\n', label="", type="Ω")
    tricky.add_node("bare")
    tricky.add_edge("a", "b", key="k&1", weight=2, ratio=0.5, shown=True, text="é\u2028\r\nx")
    tricky.add_edge("a", "b", key="k2", weight="mixed types")
    assert list(graphml_lines(tricky)) == list(nx.generate_graphml(tricky))
    assert list(graphml_lines(nx.MultiDiGraph())) == list(nx.generate_graphml(nx.MultiDiGraph()))


def test_mentions_csv_has_one_row_per_mention_annotation(outputs: Path, turtle: Graph) -> None:
    with open(outputs / "mentions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and tuple(rows[0]) == MENTION_COLUMNS
    from_csv = sorted((r["term_iri"], r["entity_iri"], r["section"], r["surface"],
                       int(r["start"]), int(r["end"])) for r in rows)
    from_graph = []
    for row in turtle.query(MENTIONS):
        assert isinstance(row, ResultRow)
        values = row.asdict()
        from_graph.append((*(str(values[k]) for k in ("term", "entity", "section", "surface")),
                           int(values["start"]), int(values["end"])))
    from_graph.sort()
    assert from_csv == from_graph
    assert all(r["sentence"] and r["surface"] in r["sentence"] for r in rows)


def test_the_csv_names_terms_and_entities_by_label(outputs: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((outputs / "mentions.csv").read_text("utf-8"))))
    assert {"Skin Recalibration", "Hormonal Restoration"} <= {r["term"] for r in rows}
    assert {r["type"] for r in rows} <= {"hormone", "enzyme", "tissue", "process", "receptor"}


EXPORTERS = (to_turtle, to_ntriples, to_rdfxml, to_jsonld, to_graphml, to_mentions_csv)


def test_exports_do_not_depend_on_the_order_triples_were_added(seeds_graph: Graph) -> None:
    reversed_ = Graph()
    for triple in sorted(seeds_graph, key=str, reverse=True):
        reversed_.add(triple)
    for export in EXPORTERS:
        assert export(reversed_) == export(seeds_graph), export.__name__


DIGESTS = """
import hashlib, sys
from pathlib import Path
from hormgraph.export import rdf, tables
from hormgraph.pipeline import build
from hormgraph.vocabulary import load_vocabulary
graph = build(Path(sys.argv[1]), load_vocabulary()).graph
for export in (rdf.to_turtle, rdf.to_ntriples, rdf.to_rdfxml, rdf.to_jsonld, tables.to_graphml,
               tables.to_mentions_csv):
    print(export.__name__, hashlib.sha256(export(graph).encode()).hexdigest())
"""


def test_exports_do_not_depend_on_the_hash_seed() -> None:
    def digests(seed: str) -> str:
        return subprocess.run([sys.executable, "-c", DIGESTS, str(ROOT / "seeds")], check=True,
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout

    first = digests("1")
    assert first.count("\n") == len(EXPORTERS) and first == digests("2")


def test_write_outputs_writes_every_export(outputs: Path) -> None:
    names = {p.name for p in outputs.iterdir()}
    assert {*EXPORTS, "hormgraph.graphml", "mentions.csv", "hormgraph.html"} <= names
    assert all(path.stat().st_size > 0 for path in outputs.iterdir())

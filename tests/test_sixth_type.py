"""A sixth entity type, "symptom", added the way a curator would: one line in the model, its class
and mention property in the schema, its concepts in the vocabulary, and nothing else.

The model is a Python enum, read when hormgraph is imported, so the test makes the change where a
developer would: in a copy of the package, whose `model.py` gains the one line. The build, the
checks, the queries and the view then run from that copy (in a subprocess, so the enum of this
process stays as it is) on a copy of the tiny test ontology whose schema and vocabulary know the
new type. Everything else per type (IRI prefixes, mention properties, slot letters, counts, the
view's legend, the checks' typed mentions, the bundled queries) must follow by itself.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

import hormgraph
from hormgraph.namespaces import HG, HGO, OA

from .conftest import DATA

SYMPTOM = HG["symptom/hot-flush"]
HGO_NS = Namespace(str(HGO))
MODEL_LINE = '    RECEPTOR = "receptor"\n'
SCHEMA_ADDITION = """
hgo:Symptom a owl:Class ;
    rdfs:subClassOf skos:Concept ;
    rdfs:label "symptom"@en ;
    rdfs:comment "A symptom a person notices, such as a hot flush."@en .

hgo:mentionsSymptom a owl:ObjectProperty ;
    rdfs:subPropertyOf hgo:mentions ;
    rdfs:range hgo:Symptom ;
    rdfs:label "mentions symptom"@en ;
    rdfs:comment "The entry mentions a symptom."@en .
"""
SYMPTOMS = """@prefix hgo: <https://w3id.org/hormgraph/ontology#> .
@prefix scheme: <https://w3id.org/hormgraph/id/scheme/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix symptom: <https://w3id.org/hormgraph/id/symptom/> .

symptom:symptom a hgo:Symptom, skos:Concept ;
    skos:inScheme scheme:vocabulary ;
    skos:topConceptOf scheme:vocabulary ;
    skos:prefLabel "symptom"@en ;
    skos:definition "A test top concept for symptoms."@en ;
    hgo:extractable false .

symptom:hot-flush a hgo:Symptom, skos:Concept ;
    skos:inScheme scheme:vocabulary ;
    skos:prefLabel "hot flush"@en ;
    skos:altLabel "hot flash"@en ;
    skos:definition "A test symptom: a sudden feeling of heat."@en ;
    skos:broader symptom:symptom .
"""
ENTRY = ("Night Heat is a test term about estrogen and hot flushes.\n"
         "Origin\nThe name comes from the night.\n"
         "Mechanism\nFalling estrogen in the liver brings on a hot flash.\n")
VIEW_TYPES = """
import json, sys
from rdflib import Graph
from hormgraph.export.html import NODE_TYPES, to_network
network = to_network(Graph().parse(sys.argv[1]))
print(json.dumps({"legend": [t.name for t in NODE_TYPES.values()],
                  "nodes": {node: data["type"] for node, data in network.nodes(data=True)}}))
"""


@pytest.fixture(scope="module")
def sixth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package whose model has a sixth type, a fixture ontology that describes it,
    an entry that mentions it, and the outputs built from them."""
    root = tmp_path_factory.mktemp("sixth")
    package = root / "src" / "hormgraph"
    shutil.copytree(Path(hormgraph.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    model = package / "model.py"
    text = model.read_text(encoding="utf-8")
    assert text.count(MODEL_LINE) == 1
    model.write_text(text.replace(MODEL_LINE, MODEL_LINE + '    SYMPTOM = "symptom"\n'),
                     encoding="utf-8")
    ontology = root / "ontology"
    shutil.copytree(DATA / "tiny-ontology", ontology)
    schema = (package / "ontology" / "hormgraph.ttl").read_text(encoding="utf-8")
    (ontology / "hormgraph.ttl").write_text(schema + SCHEMA_ADDITION, encoding="utf-8")
    (ontology / "vocabulary" / "symptoms.ttl").write_text(SYMPTOMS, encoding="utf-8")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "night-heat.txt").write_text(ENTRY, encoding="utf-8")
    run(root, "build", "--vocabulary", str(ontology), "--seeds", str(seeds),
        "-o", str(root / "out"), "-j", "1", "--no-cache", "-q")
    return root


def run(root: Path, *argv: str, module: tuple[str, ...] = ("-m", "hormgraph")) -> str:
    done = subprocess.run([sys.executable, *module, *argv], capture_output=True, text=True,
                          env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"},
                          cwd=root, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_copy_has_six_types_and_this_process_five(sixth: Path) -> None:
    out = run(sixth, "-c", "from hormgraph.model import EntityType; "
                           "print(' '.join(t.value for t in EntityType))", module=())
    assert out.split() == ["hormone", "enzyme", "tissue", "process", "receptor", "symptom"]
    assert len(hormgraph.EntityType) == 5


def test_the_vocabulary_counts_symptoms(sixth: Path) -> None:
    counts = dict(line.split() for line in run(
        sixth, "vocabulary", "--vocabulary", str(sixth / "ontology")).splitlines())
    assert counts["symptom"] == "2"
    assert counts["hormone"] == "3"


def test_the_symptom_is_tagged_in_the_entry_and_in_the_tables(sixth: Path) -> None:
    with (sixth / "out" / "mentions.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    found = {(row["type"], row["surface"]) for row in rows}
    assert {("symptom", "hot flushes"), ("symptom", "hot flash"),
            ("hormone", "estrogen"), ("tissue", "liver")} <= found
    network = nx.read_graphml(sixth / "out" / "hormgraph.graphml")
    assert network.nodes[str(SYMPTOM)]["type"] == "symptom"


def test_the_symptom_is_typed_in_the_graph_with_evidence(sixth: Path) -> None:
    graph = Graph().parse(sixth / "out" / "hormgraph.ttl")
    term = HG["term/night-heat"]
    assert (SYMPTOM, RDF.type, HGO_NS.Symptom) in graph
    assert (term, HGO_NS.mentionsSymptom, SYMPTOM) in graph
    assert (term, HGO.mentions, SYMPTOM) in graph
    assert len(set(graph.subjects(OA.hasBody, SYMPTOM))) == 2  # one annotation per mention
    assert graph.namespace_manager.store.namespace("symptom") == HG["symptom/"]


def test_the_view_draws_symptoms(sixth: Path) -> None:
    drawn = json.loads(run(sixth, "-c", VIEW_TYPES, str(sixth / "out" / "hormgraph.ttl"),
                           module=()))
    assert drawn["legend"][-1] == "symptom"
    assert drawn["nodes"][str(SYMPTOM)] == "symptom"
    assert '"symptoms"' in (sixth / "out" / "hormgraph.html").read_text(encoding="utf-8")


def test_the_checks_know_the_symptom_mention(sixth: Path) -> None:
    run_checks = run(sixth, "check", "--graph", str(sixth / "out" / "hormgraph.ttl"),
                     "--format", "json", "--fail-on", "error")
    report = json.loads(run_checks)
    assert report["counts"]["ERROR"] == 0
    assert not [f for f in report["findings"] if f["check"] == "untyped_mention"]
    assert not [f for f in report["findings"] if str(SYMPTOM) in (f["entity"], f["value"])]


def test_the_bundled_queries_count_symptoms(sixth: Path) -> None:
    answer = run(sixth, "query", "--graph", str(sixth / "out" / "hormgraph.ttl"),
                 "--format", "csv", "counts-by-type")
    rows = list(csv.DictReader(answer.splitlines()))
    counts = {row["type"]: row["entities"] for row in rows}
    assert counts[str(HGO_NS.Symptom)] == "1"
    assert counts[str(HGO.Hormone)] == "1"

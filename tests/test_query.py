"""SPARQL over the graph: bundled queries against a triple walk, both stores and Jena ARQ."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, SKOS
from rdflib.query import Result
from rdflib.term import Identifier, Node

from hormgraph.cli import main
from hormgraph.errors import BindingError, QueryError
from hormgraph.export.rdf import to_turtle
from hormgraph.namespaces import HG, HGO, OA, VOCABULARY_SCHEME
from hormgraph.query import (
    RESULT_FORMATS,
    STORES,
    Answer,
    Store,
    bundled_queries,
    format_answer,
    load_store,
    make_store,
    parse_binding,
    parse_value,
    prepare_query,
    read_query,
    run_query,
)
from hormgraph.triplestore import with_prefixes, with_values

from .conftest import require_jena

TYPES = (HGO.Hormone, HGO.Enzyme, HGO.Tissue, HGO.Process, HGO.Receptor)
BUNDLED = bundled_queries()

Rows = list[tuple[Node | None, ...]]
Bindings = dict[str, Identifier]


def example(name: str) -> Bindings:
    return dict(parse_binding(text) for text in BUNDLED[name].examples)


#: Every bundled query without bindings and with its documented example, plus cases chosen to
#: give a different answer (an ASK that is false, a name matched in another case).
CASES: list[tuple[str, Bindings]] = [
    *[(name, {}) for name in BUNDLED],
    *[(name, example(name)) for name in BUNDLED if BUNDLED[name].examples],
    ("term-mentions-hormone", {"term": HG["term/hormonal-restoration"],
                               "hormone": HG["hormone/cortisol"]}),
    ("terms-mentioning-name", {"name": Literal("Cortisol")}),
    ("evidence-for-entity", {"entity": HG["tissue/skin"]}),
]
CASE_IDS = [f"{name}[{','.join(f'{k}={v.n3()}' for k, v in b.items())}]" for name, b in CASES]


# Expected answers, by walking the triples


def _labels(graph: Graph, node: Node) -> list[Node]:
    return list(graph.objects(node, SKOS.prefLabel))


def _terms(graph: Graph) -> list[Node]:
    return list(graph.subjects(RDF.type, HGO.GlossaryTerm))


def optional(found: list[Node]) -> list[Node | None]:
    """What an OPTIONAL pattern gives: the values found, or one unbound value."""
    return [*found] or [None]


def expect_terms_mentioning_hormone(graph: Graph, bound: Bindings) -> Rows:
    return [(hormone, hormone_label, term, term_label) for term in _terms(graph)
            for hormone in graph.objects(term, HGO.mentionsHormone)
            for term_label in _labels(graph, term) for hormone_label in _labels(graph, hormone)]


def expect_terms_mentioning_name(graph: Graph, bound: Bindings) -> Rows:
    if "name" not in bound:
        return []
    name = bound["name"]
    labels = [(entity, label) for predicate in (SKOS.prefLabel, SKOS.altLabel)
              for entity, label in graph.subject_objects(predicate)
              if str(label).lower() == str(name).lower()]
    return sorted({(name, entity, label, term, term_label) for entity, label in labels
                   for term in graph.subjects(HGO.mentions, entity)
                   if (term, RDF.type, HGO.GlossaryTerm) in graph
                   for term_label in _labels(graph, term)}, key=str)


def expect_enzymes_in_term(graph: Graph, bound: Bindings) -> Rows:
    rows: set[tuple[Node | None, ...]] = set()
    for term in _terms(graph):
        for enzyme in graph.objects(term, HGO.mentionsEnzyme):
            substrates = [s for s in graph.objects(enzyme, HGO.converts)
                          if (term, HGO.mentionsHormone, s) in graph]
            for label in _labels(graph, enzyme):
                rows.update((term, enzyme, label, s) for s in optional(substrates))
    return list(rows)


def expect_tissues_per_hormone(graph: Graph, bound: Bindings) -> Rows:
    terms: dict[tuple[Node, Node], set[Node]] = {}
    for term in _terms(graph):
        for hormone in graph.objects(term, HGO.mentionsHormone):
            for tissue in graph.objects(term, HGO.mentionsTissue):
                terms.setdefault((hormone, tissue), set()).add(term)
    return [(hormone, tissue, Literal(len(found))) for (hormone, tissue), found in terms.items()]


def expect_hormone_ratios(graph: Graph, bound: Bindings) -> Rows:
    rows: set[tuple[Node | None, ...]] = set()
    for axiom in graph.subjects(OWL.annotatedProperty, HGO.balancedWith):
        if (axiom, RDF.type, OWL.Axiom) not in graph:
            continue
        terms = optional(list(graph.objects(axiom, PROV.wasDerivedFrom)))
        for first in graph.objects(axiom, OWL.annotatedSource):
            for second in graph.objects(axiom, OWL.annotatedTarget):
                low, high = sorted((first, second), key=str)
                rows.update((low, high, term) for term in terms)
    return list(rows)


def expect_shared_entities(graph: Graph, bound: Bindings) -> Rows:
    rows: Rows = []
    for one, two in combinations(set(graph.subjects(HGO.mentions)), 2):
        first, second = sorted((one, two), key=str)
        shared = set(graph.objects(first, HGO.mentions)) & set(graph.objects(second, HGO.mentions))
        if len(shared) >= 2:
            rows.append((first, second, Literal(len(shared))))
    return rows


def expect_hormone_class_mentions(graph: Graph, bound: Bindings) -> Rows:
    return list({(cls, hormone, term)
                 for term, hormone in graph.subject_objects(HGO.mentionsHormone)
                 for cls in graph.transitive_objects(hormone, SKOS.broader)
                 if (cls, RDF.type, HGO.Hormone) in graph})


def expect_evidence_for_entity(graph: Graph, bound: Bindings) -> Rows:
    rows: Rows = []
    for annotation in graph.subjects(RDF.type, OA.Annotation):
        for entity in graph.objects(annotation, OA.hasBody):
            if (entity, RDF.type, SKOS.Concept) not in graph:
                continue
            for target in graph.objects(annotation, OA.hasTarget):
                selectors = list(graph.objects(target, OA.hasSelector))
                quotes = [s for s in selectors if (s, OA.exact, None) in graph]
                spans = [s for s in selectors if (s, OA.start, None) in graph]
                rows += [(entity, term, section, Literal(int(str(start))),
                          Literal(int(str(end))), exact, sentence)
                         for section in graph.objects(annotation, HGO.section)
                         for sentence in graph.objects(
                             graph.value(annotation, HGO.inSentence), HGO.sentence)
                         for term in graph.objects(target, OA.hasSource)
                         for quote in quotes for exact in graph.objects(quote, OA.exact)
                         for span in spans for start in graph.objects(span, OA.start)
                         for end in graph.objects(span, OA.end)]
    return rows


def expect_unmapped_entities(graph: Graph, bound: Bindings) -> Rows:
    rows: Rows = []
    for entity in set(graph.subjects(SKOS.inScheme, VOCABULARY_SCHEME)):
        if any(graph.objects(entity, SKOS.exactMatch)) or any(
                graph.objects(entity, SKOS.closeMatch)):
            continue
        rows += [(entity, type_, label) for type_ in graph.objects(entity, RDF.type)
                 if type_ in TYPES for label in _labels(graph, entity)]
    return rows


def expect_counts_by_type(graph: Graph, bound: Bindings) -> Rows:
    rows: Rows = []
    for term in _terms(graph):
        mentioned = set(graph.objects(term, HGO.mentions))
        for type_ in TYPES:
            count = sum((entity, RDF.type, type_) in graph for entity in mentioned)
            if count:
                rows.append((term, type_, Literal(count)))
    return rows


def expect_enzyme_conversions(graph: Graph, bound: Bindings) -> Rows:
    rows: set[tuple[Node | None, ...]] = set()
    for axiom in graph.subjects(OWL.annotatedProperty, HGO.converts):
        if (axiom, RDF.type, OWL.Axiom) not in graph:
            continue
        products = optional(list(graph.objects(axiom, HGO["product"])))
        rows.update((enzyme, substrate, product, basis)
                    for enzyme in graph.objects(axiom, OWL.annotatedSource)
                    for substrate in graph.objects(axiom, OWL.annotatedTarget)
                    for product in products for basis in graph.objects(axiom, HGO.basis))
    return list(rows)


def expect_relations_with_evidence(graph: Graph, bound: Bindings) -> Rows:
    return [(subject, predicate, obj, term, section, sentence)
            for axiom in graph.subjects(HGO.basis, HGO.text)
            if (axiom, RDF.type, OWL.Axiom) in graph
            for subject in graph.objects(axiom, OWL.annotatedSource)
            for predicate in graph.objects(axiom, OWL.annotatedProperty)
            for obj in graph.objects(axiom, OWL.annotatedTarget)
            for term in graph.objects(axiom, PROV.wasDerivedFrom)
            for evidence in graph.objects(axiom, HGO.evidence)
            for section in graph.objects(evidence, HGO.section)
            for sentence in graph.objects(
                graph.value(evidence, HGO.inSentence), HGO.sentence)]


def expect_term_mentions_hormone(graph: Graph, bound: Bindings) -> bool:
    return any(bound.get("hormone", cls) == cls for term in _terms(graph)
               if bound.get("term", term) == term
               for hormone in graph.objects(term, HGO.mentionsHormone)
               for cls in graph.transitive_objects(hormone, SKOS.broader))


def expect_term_subgraph(graph: Graph, bound: Bindings) -> Graph:
    expected = Graph()
    for term in _terms(graph):
        if bound.get("term", term) != term:
            continue
        for term_label in _labels(graph, term):
            for entity in graph.objects(term, HGO.mentions):
                for entity_label in _labels(graph, entity):
                    for type_ in set(graph.objects(entity, RDF.type)) - {OWL.NamedIndividual}:
                        expected += [(term, RDF.type, HGO.GlossaryTerm),
                                     (term, SKOS.prefLabel, term_label),
                                     (term, HGO.mentions, entity),
                                     (entity, RDF.type, type_),
                                     (entity, SKOS.prefLabel, entity_label)]
    return expected


EXPECTED: dict[str, Callable[[Graph, Bindings], object]] = {
    "terms-mentioning-hormone": expect_terms_mentioning_hormone,
    "terms-mentioning-name": expect_terms_mentioning_name,
    "enzymes-in-term": expect_enzymes_in_term,
    "tissues-per-hormone": expect_tissues_per_hormone,
    "hormone-ratios": expect_hormone_ratios,
    "shared-entities": expect_shared_entities,
    "hormone-class-mentions": expect_hormone_class_mentions,
    "evidence-for-entity": expect_evidence_for_entity,
    "unmapped-entities": expect_unmapped_entities,
    "counts-by-type": expect_counts_by_type,
    "enzyme-conversions": expect_enzyme_conversions,
    "relations-with-evidence": expect_relations_with_evidence,
    "term-mentions-hormone": expect_term_mentions_hormone,
    "term-subgraph": expect_term_subgraph,
}


def expected_answer(graph: Graph, name: str, bound: Bindings) -> object:
    """The triple walk's answer; a SELECT keeps the rows whose selected values were bound."""
    found = EXPECTED[name](graph, bound)
    if not isinstance(found, list) or name == "terms-mentioning-name":
        return found
    variables = [str(v) for v in prepare_query(BUNDLED[name].text).parsed.algebra["PV"]]
    return Counter(row for row in found if all(row[variables.index(k)] == v
                                               for k, v in bound.items()))


def comparable(answer: Answer) -> object:
    """An answer in a form that compares by content: rows as a multiset, graphs as graphs."""
    if answer.kind == "ASK":
        return answer.boolean
    if answer.graph is not None:
        return answer.graph
    return Counter(answer.rows)


def same(found: object, expected: object) -> bool:
    if isinstance(found, Graph) and isinstance(expected, Graph):
        return isomorphic(found, expected)
    return found == (Counter(expected) if isinstance(expected, list) else expected)


# The graphs and stores


def axiom(node: URIRef, subject: URIRef, predicate: URIRef, obj: URIRef,
          basis: URIRef = HGO.curated) -> list[tuple[Node, Node, Node]]:
    """A relation as the data contract shapes it: the triple and its axiom annotation."""
    return [(subject, predicate, obj), (node, RDF.type, OWL.Axiom),
            (node, OWL.annotatedSource, subject), (node, OWL.annotatedProperty, predicate),
            (node, OWL.annotatedTarget, obj), (node, HGO.basis, basis)]


def with_relations(seeds: Graph) -> Graph:
    """The seeds' graph plus curated conversions and a curated balance, shaped as the data
    contract says, so that the relation queries have more to find than the seeds give."""
    graph = Graph()
    graph += seeds
    curated = [("aromatase", "testosterone", "estradiol"),
               ("5-alpha-reductase", "testosterone", "dihydrotestosterone")]
    for enzyme, substrate, product in curated:
        node = HG[f"statement/curated/{enzyme}--converts--{substrate}--{product}"]
        subject, obj, made = (HG[f"enzyme/{enzyme}"], HG[f"hormone/{substrate}"],
                              HG[f"hormone/{product}"])
        graph += [*axiom(node, subject, HGO.converts, obj), (subject, HGO.produces, made),
                  (obj, HGO.convertedTo, made),
                  (node, HGO["product"], made), (made, RDF.type, HGO.Hormone),
                  (made, RDF.type, SKOS.Concept),
                  (made, SKOS.prefLabel, Literal(product, lang="en"))]
    balance = HG["statement/curated/estrogen--balancedwith--progesterone"]
    graph += axiom(balance, HG["hormone/estrogen"], HGO.balancedWith, HG["hormone/progesterone"])
    return graph


@pytest.fixture(scope="module", params=["seeds", "with-relations"])
def graph(request: pytest.FixtureRequest, seeds_graph: Graph) -> Graph:
    return seeds_graph if request.param == "seeds" else with_relations(seeds_graph)


@pytest.fixture(scope="module")
def stores(graph: Graph) -> dict[str, Store]:
    return {name: make_store(graph, name) for name in STORES}


# The bundled queries


def test_at_least_ten_bundled_queries_each_state_their_question() -> None:
    assert len(BUNDLED) >= 10
    assert set(BUNDLED) == set(EXPECTED)
    for name, query in BUNDLED.items():
        assert query.text.startswith("# question: "), name
        assert query.question.endswith("?"), name
        prepared = prepare_query(query.text, name)
        assert prepared.kind in ("SELECT", "ASK", "CONSTRUCT")
    kinds = {prepare_query(q.text).kind for q in BUNDLED.values()}
    assert kinds == {"SELECT", "ASK", "CONSTRUCT"}


@pytest.mark.parametrize(("name", "bound"), CASES, ids=CASE_IDS)
def test_each_bundled_query_gives_the_triple_walks_answer(stores: dict[str, Store],
                                                          graph: Graph, name: str,
                                                          bound: Bindings) -> None:
    expected = expected_answer(graph, name, bound)
    for store in stores.values():
        answer = run_query(store, prepare_query(BUNDLED[name].text, name), bound)
        assert same(comparable(answer), expected), f"{name} on {store.name}"


@pytest.mark.parametrize(("name", "bound"), [
    ("terms-mentioning-hormone", {"hormone": HG["hormone/cortisol"]}),
    ("counts-by-type", {}),
    ("evidence-for-entity", {"entity": HG["hormone/cortisol"]}),
    ("evidence-for-entity", {}),
])
def test_the_seeds_give_rows_where_they_surely_have_them(seeds_graph: Graph, name: str,
                                                         bound: Bindings) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED[name].text, bound)
    assert answer.rows


def test_the_relation_queries_find_the_added_relations(seeds_graph: Graph) -> None:
    store = make_store(with_relations(seeds_graph), "oxigraph")
    conversions = run_query(store, BUNDLED["enzyme-conversions"].text,
                            {"enzyme": HG["enzyme/aromatase"]})
    assert (HG["hormone/testosterone"], HG["hormone/estradiol"]) in [
        row[1:3] for row in conversions.rows]
    ratios = run_query(store, BUNDLED["hormone-ratios"].text)
    assert (HG["hormone/estrogen"], HG["hormone/progesterone"], None) in ratios.rows


@pytest.mark.parametrize(("name", "bound"), CASES, ids=CASE_IDS)
def test_both_stores_print_the_same_answer(stores: dict[str, Store], name: str,
                                           bound: Bindings) -> None:
    answers = [run_query(store, BUNDLED[name].text, bound) for store in stores.values()]
    for fmt in RESULT_FORMATS:
        assert len({format_answer(a, fmt) for a in answers}) == 1, fmt


def test_describe_gives_the_resources_own_triples_in_both_stores(stores: dict[str, Store],
                                                                graph: Graph) -> None:
    cortisol = HG["hormone/cortisol"]
    answers = [run_query(store, DESCRIBE) for store in stores.values()]
    own = Graph()
    own += graph.triples((cortisol, None, None))
    for answer in answers:
        assert answer.kind == "DESCRIBE" and answer.graph is not None
        assert isomorphic(answer.graph, own)


# Jena ARQ on the same Turtle





def for_arq(text: str, bound: Mapping[str, Identifier]) -> str:
    """The query as ARQ runs it, as `hormgraph query --endpoint` sends it: a bundled query
    unchanged (it declares its prefixes), bindings as a VALUES block opening the WHERE clause."""
    return with_values(with_prefixes(text), bound)


def run_arq(jena: Path, data: Path, query: Path, cache: Path) -> object:
    kind = prepare_query(query.read_text(encoding="utf-8")).kind
    graph_answer = kind in ("CONSTRUCT", "DESCRIBE")
    done = subprocess.run(
        [str(jena), "arq", "--data", str(data), "--query", str(query),
         "--results", "nt" if graph_answer else "json"],
        capture_output=True, timeout=300, check=False,
        env={**os.environ, "HORMGRAPH_JENA_CACHE": str(cache)})
    assert done.returncode == 0, done.stderr.decode()
    if graph_answer:
        return Graph().parse(data=done.stdout.decode(), format="nt")
    result = Result.parse(io.BytesIO(done.stdout), format="json")
    if result.type == "ASK":
        return bool(result.askAnswer)
    names = [v for v in result.vars or ()]
    return Counter(tuple(row.get(v) for v in names) for row in result.bindings)


def arq(graph: Graph, queries: list[tuple[str, Bindings]], folder: Path) -> list[object]:
    """ARQ's answers to queries on the graph's Turtle, run in parallel (each starts a Java VM)."""
    jena = require_jena()
    data = folder / "graph.ttl"
    data.write_text(to_turtle(graph), encoding="utf-8")
    paths = []
    for index, (text, bound) in enumerate(queries):
        paths.append(folder / f"{index}.rq")
        paths[-1].write_text(for_arq(text, bound), encoding="utf-8")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(lambda path: run_arq(jena, data, path, folder / "cache"), paths))


#: The queries whose answers the added relations change, checked against ARQ on that graph too.
RELATION_CASES = [(name, bound) for name, bound in CASES if name in (
    "enzyme-conversions", "enzymes-in-term", "hormone-ratios", "unmapped-entities")]
DESCRIBE = "DESCRIBE hormone:cortisol"


@pytest.fixture(scope="module")
def arq_on_seeds(seeds_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    queries = [(BUNDLED[name].text, bound) for name, bound in CASES]
    return arq(seeds_graph, [*queries, (DESCRIBE, {})], tmp_path_factory.mktemp("arq"))


@pytest.fixture(scope="module")
def arq_with_relations(seeds_graph: Graph,
                       tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    queries = [(BUNDLED[name].text, bound) for name, bound in RELATION_CASES]
    return arq(with_relations(seeds_graph), queries, tmp_path_factory.mktemp("arq"))


@pytest.mark.system
@pytest.mark.parametrize(("name", "bound"), CASES, ids=CASE_IDS)
def test_each_bundled_query_gives_arqs_answer_on_the_seeds(
        seeds_graph: Graph, arq_on_seeds: list[object], name: str, bound: Bindings) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED[name].text, bound)
    assert same(comparable(answer), arq_on_seeds[CASES.index((name, bound))])


@pytest.mark.system
@pytest.mark.parametrize(("name", "bound"), RELATION_CASES,
                         ids=[CASE_IDS[CASES.index(case)] for case in RELATION_CASES])
@pytest.mark.system
def test_the_relation_queries_give_arqs_answer_with_relations(
        seeds_graph: Graph, arq_with_relations: list[object], name: str,
        bound: Bindings) -> None:
    answer = run_query(make_store(with_relations(seeds_graph)), BUNDLED[name].text, bound)
    assert same(comparable(answer), arq_with_relations[RELATION_CASES.index((name, bound))])


@pytest.mark.system
def test_describe_gives_arqs_answer(seeds_graph: Graph, arq_on_seeds: list[object]) -> None:
    answer = run_query(make_store(seeds_graph), DESCRIBE)
    assert same(answer.graph, arq_on_seeds[-1])


# Result formats, read back by rdflib's own parsers


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_sparql_result_formats_parse_back_to_the_same_rows(seeds_graph: Graph,
                                                           fmt: str) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED["evidence-for-entity"].text)
    parsed = Result.parse(io.StringIO(format_answer(answer, fmt)), format=fmt)
    assert [str(v) for v in parsed.vars or ()] == list(answer.variables)
    rows = [tuple(row.get(v) for v in parsed.vars or ()) for row in parsed.bindings]
    assert rows == list(answer.rows)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_formats_parse_back(seeds_graph: Graph, fmt: str) -> None:
    name = "term-mentions-hormone"
    for bound, truth in ((example(name), True), ({"term": HG["term/hormonal-restoration"]},
                                                 False)):
        answer = run_query(make_store(seeds_graph), BUNDLED[name].text, bound)
        parsed = Result.parse(io.StringIO(format_answer(answer, fmt)), format=fmt)
        assert parsed.askAnswer is truth


def test_csv_has_a_header_plain_values_and_crlf_line_ends(seeds_graph: Graph) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED["counts-by-type"].text)
    lines = format_answer(answer, "csv").split("\r\n")
    assert lines[0] == "term,type,entities"
    assert lines[1].startswith(str(answer.rows[0][0]) + ",")
    assert len(lines) == len(answer.rows) + 2 and lines[-1] == ""


def test_the_table_shortens_iris_with_the_prefixes_and_counts_rows(seeds_graph: Graph) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED["terms-mentioning-hormone"].text,
                       example("terms-mentioning-hormone"))
    table = format_answer(answer).splitlines()
    assert table[0].split(" | ")[0].strip() == "hormone"
    assert all(line.startswith("hormone:cortisol ") for line in table[2:-1])
    assert table[-1] == f"({len(answer.rows)} rows)"


def test_a_construct_answer_prints_as_turtle(seeds_graph: Graph) -> None:
    answer = run_query(make_store(seeds_graph), BUNDLED["term-subgraph"].text)
    assert answer.graph is not None
    assert isomorphic(Graph().parse(data=format_answer(answer, "json"), format="turtle"),
                      answer.graph)


# Bindings


def test_values_are_iris_when_bracketed_or_prefixed_and_literals_when_quoted() -> None:
    assert parse_value("<http://example.org/x>") == URIRef("http://example.org/x")
    assert parse_value("hormone:cortisol") == HG["hormone/cortisol"]
    assert parse_value("owl:Thing") == OWL.Thing
    assert parse_value('"cortisol"@en') == Literal("cortisol", lang="en")
    assert parse_value('"3"^^xsd:integer') == Literal(3)
    assert parse_value('"say \\"hi\\""') == Literal('say "hi"')
    assert parse_value('"ratio 1:2"') == Literal("ratio 1:2")


@pytest.mark.parametrize(("text", "problem"), [
    ("cortisol", "neither an IRI nor a literal"),
    ("ratio 1:2", "neither an IRI nor a literal"),
    ("nosuchprefix:x", "unknown prefix nosuchprefix:"),
    ('"abc"^^xsd:integer', "'abc' is not a valid xsd:integer"),
    ('"x"^^nosuch:type', "unknown prefix nosuch:"),
])
def test_a_value_that_is_not_an_iri_or_a_literal_is_a_binding_error(text: str,
                                                                      problem: str) -> None:
    with pytest.raises(BindingError, match=re.escape(problem)):
        parse_value(text)


@pytest.mark.parametrize(("store", "value"), [
    *((store, value) for store in STORES for value in (
        "<a b>", "<http://x.org/{y}>", "<>", "<relative>", "hormone:{x}", '"x"@abcdefghijk')),
    # Well formed in characters, which is all hormgraph checks; oxigraph parses the authority.
    ("oxigraph", "<http://[::1>"),
])
def test_an_iri_no_store_accepts_is_a_usage_error_in_either_store(
        graph_file: Path, store: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["query", "--graph", str(graph_file), "--store", store, "terms-mentioning-hormone",
            "--bind", f"hormone={value}"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("hormgraph: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "ValueError" not in err


@pytest.mark.parametrize("text", ["hormone", "=x", "two words=x", '?x="unclosed', "x=word"])
def test_a_malformed_binding_is_a_binding_error(text: str) -> None:
    with pytest.raises(BindingError, match=re.escape(f"--bind {text!r}")):
        parse_binding(text)


def test_every_bundled_example_is_a_valid_binding() -> None:
    for query in BUNDLED.values():
        for text in query.examples:
            parse_binding(text)


def test_a_bound_value_is_never_spliced_into_the_query(seeds_graph: Graph) -> None:
    store = make_store(seeds_graph)
    hostile = Literal('cortisol")) } SELECT * WHERE { ?s ?p ?o } #')
    answer = run_query(store, BUNDLED["terms-mentioning-name"].text, {"name": hostile})
    assert answer.rows == ()


def test_binding_a_variable_the_query_lacks_or_does_not_select_is_an_error(
        seeds_graph: Graph) -> None:
    store = make_store(seeds_graph)
    with pytest.raises(QueryError, match=r"\?hormon: the query has no such variable"):
        run_query(store, BUNDLED["terms-mentioning-hormone"].text,
                  {"hormon": HG["hormone/cortisol"]})
    with pytest.raises(QueryError, match=r"cannot bind \?o: add it to the SELECT"):
        run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})


# Errors


@pytest.mark.parametrize(("text", "position"), [
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER( }", "line 3, column 3"),
    ("SELECT ?s WHERE { ?s nosuch:p ?o }", "line 1, column 22"),
    ("PREFIX x: <urn:x:>\nINSERT DATA { x:a x:b x:c }", "line 2, column 1"),
])
def test_a_malformed_query_names_its_line_and_column(seeds_graph: Graph, text: str,
                                                     position: str) -> None:
    for store in STORES:
        with pytest.raises(QueryError) as raised:
            run_query(make_store(seeds_graph, store), prepare_query(text, "mine.rq"))
        message = str(raised.value)
        assert message.startswith(f"mine.rq: {position}: ") and "\n" not in message


@pytest.mark.parametrize("text", [
    "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_queries_that_would_fetch_other_graphs_are_refused(text: str) -> None:
    with pytest.raises(QueryError, match="not supported"):
        prepare_query(text)


def test_a_query_is_read_from_a_file_a_bundled_name_or_text(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert read_query(str(path)) == (str(path), "ASK { ?s ?p ?o }")
    assert read_query("counts-by-type") == ("counts-by-type", BUNDLED["counts-by-type"].text)
    assert read_query("ASK { ?s ?p ?o }") == ("query", "ASK { ?s ?p ?o }")
    for spec in ("no-such-query", str(tmp_path / "missing.rq")):
        with pytest.raises(QueryError, match=re.escape(spec)):
            read_query(spec)


# The command line


@pytest.fixture(scope="module")
def graph_file(seeds_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "hormgraph.ttl"
    path.write_text(to_turtle(seeds_graph), encoding="utf-8")
    return path


def test_query_list_names_every_bundled_query_with_its_question(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name, query in BUNDLED.items():
        assert f"{name} " in out and query.question in out


@pytest.mark.parametrize("store", STORES)
def test_query_prints_the_bound_answer_as_sparql_json(graph_file: Path, seeds_graph: Graph,
                                                      store: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["query", "--graph", str(graph_file), "--store", store, "--format", "json",
            "terms-mentioning-hormone", "--bind", "hormone=hormone:cortisol"]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    terms = {b["term"]["value"] for b in printed["results"]["bindings"]}
    assert terms == {str(t) for t in seeds_graph.subjects(HGO.mentionsHormone,
                                                          HG["hormone/cortisol"])}


def test_both_stores_print_the_same_for_every_bundled_query(
        graph_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stores = {name: load_store(graph_file, name) for name in STORES}
    assert len({len(store) for store in stores.values()}) == 1
    for name in BUNDLED:
        printed = set()
        for store in STORES:
            assert main(["query", "--graph", str(graph_file), "--store", store, name]) == 0
            printed.add(capsys.readouterr().out)
        assert len(printed) == 1, name


@pytest.mark.parametrize(("argv", "message"), [
    (["SELECT * WHERE {\n ?s ?p ?o .\n FILTER( }"], "query: line 3, column 2: syntax error"),
    (["nosuch-query"], "nosuch-query: not a .rq file, a bundled query or SPARQL text"),
])
def test_query_errors_are_one_line(graph_file: Path, argv: list[str], message: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--graph", str(graph_file), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hormgraph: error: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("store", STORES)
def test_a_missing_or_broken_graph_is_a_one_line_error_naming_it(
        tmp_path: Path, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <urn:x:> .\nx:a x:b x:c\nx:d .\n", encoding="utf-8")
    for path, problem in ((tmp_path / "missing.ttl", "no such file"),
                          (broken, "not valid Turtle (line 3: ")):
        argv = ["query", "--graph", str(path), "--store", store, "counts-by-type"]
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert f"{path}: {problem}" in err and err.count("\n") == 1



def answered(answer: Answer) -> bool:
    """Whether an answer has something in it: rows, a true ASK or triples."""
    if answer.kind == "ASK":
        return answer.boolean
    return bool(answer.graph) if answer.graph is not None else bool(answer.rows)


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_every_bundled_query_answers_on_the_seeds_with_its_example(seeds_graph: Graph,
                                                                   name: str) -> None:
    assert answered(run_query(make_store(seeds_graph), BUNDLED[name].text, example(name)))


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_every_bundled_query_declares_its_own_prefixes(seeds_graph: Graph, name: str) -> None:
    """Each .rq runs unchanged elsewhere: oxigraph is given no prefixes here."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.bulk_load(seeds_graph.serialize(format="nt", encoding="utf-8"),
                    format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.query(BUNDLED[name].text)  # an undeclared prefix raises a SyntaxError

"""Property-based fuzzes: of the build (any folder of generated entry files, with hostile text,
encodings and names, builds without a traceback, accounts for every file, merges no two entries,
and writes only outputs that strict readers accept), of `--graph` files (a malformed Turtle,
N-Triples, RDF/XML or JSON-LD file is a one-line error in both stores) and of `check` (a damaged
graph gives findings, never an exception). Bounded (15 build examples) so the suite stays fast,
and derandomized, so CI sees the same cases every run; a longer run, with a seed of its own so
that runs differ: HORMGRAPH_FUZZ_EXAMPLES=2000 HORMGRAPH_FUZZ_SEED=7 pytest tests/test_fuzz.py,
or scripts/fuzz_campaign.py, which runs the build fuzz over several seeds and prints figures."""

from __future__ import annotations

import codecs
import csv
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD
from rdflib.term import Identifier

from hormgraph.check import Finding, format_findings, run_checks
from hormgraph.cli import main
from hormgraph.errors import GraphError, InputError, shown
from hormgraph.export.tables import mention_rows
from hormgraph.graphfile import read_graph
from hormgraph.ingest import EntryLimits
from hormgraph.model import AnnotatedEntry
from hormgraph.namespaces import HGO
from hormgraph.pipeline import Extractor, build, write_outputs
from hormgraph.query import STORES, load_store
from hormgraph.triplestore import read_ntriples
from hormgraph.vocabulary import Vocabulary

from .test_robust import ENTRY, assert_outputs_valid

EXAMPLES = int(os.environ.get("HORMGRAPH_FUZZ_EXAMPLES", "15"))
#: A seed for a long run; without one, the run is derandomized (the same cases every time).
SEED = os.environ.get("HORMGRAPH_FUZZ_SEED")
#: Small limits, so over-long entries and lines are cheap to generate and to refuse.
LIMITS = EntryLimits(entry_bytes=16 * 1024, line_chars=2000)
CONTROL = b"control.txt"
#: Characters and snippets the issue found breaking one output or another.
HOSTILE = ["\u2028", "\u2029", "\x85", "\uffff", "\ufffe", "\x0b", "\x0c", "\x0e", "\x19",
           "\x1b[31m", "\x00", "\x7f", "&#13;", "&#0;", "&#xFFFF;", "\r", "\r\n", "\ufeff",
           "\ud7ff", "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2", "\t", "\"", "<>&'",
           "We use cookies.", "Origin", "Mechanism:", "Definition", "\n\n", "α-reductase",
           "estradiol", "cortisol", "aromatase converts testosterone into estradiol. "]
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
             "utf-32-le", "utf-32-be"]
BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
#: Bytes no text encoding gives: a lone surrogate in UTF-8, a stray continuation byte, 0xff.
UNDECODABLE = [b"\xed\xa0\x80", b"\x80", b"\xff", b"caf\xe9"]

characters = st.characters(blacklist_categories=("Cs",))
name_characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00")


@dataclass
class Tally:
    """What the fuzz test has covered in this process (the campaign script prints it)."""

    folders: int = 0
    files: int = 0
    built: int = 0
    reported: int = 0


TALLY = Tally()


@dataclass(frozen=True)
class Planted:
    """A generated entry file: its name (bytes, as the file system has it) and content."""

    name: bytes
    content: bytes
    undecodable: bool


@st.composite
def file_names(draw: st.DrawFn) -> bytes:
    stem = draw(st.one_of(
        st.text(name_characters, max_size=16),
        st.sampled_from(["a b", "a-b", "a_b", "A B", "-", "...", "..", ".", " ", "a.b.c",
                         "Ünïcødé", "ελληνικά", "a\nb", "\x1b[31mred", "tab\there", "x" * 60]),
    ))
    suffix = draw(st.sampled_from([".txt", ".TXT", ".Txt"]))
    if draw(st.integers(0, 9)) == 0:
        return os.fsencode(stem) + b"\xe9" + suffix.encode()  # not UTF-8
    return (stem + suffix).encode("utf-8")


@st.composite
def contents(draw: st.DrawFn) -> tuple[bytes, bool]:
    title = draw(st.one_of(st.text(characters, max_size=30), st.sampled_from(HOSTILE)))
    pieces = draw(st.lists(st.one_of(
        st.text(characters, max_size=80),
        st.sampled_from(HOSTILE),
        st.integers(0, 3 * LIMITS.line_chars).map(lambda n: "x" * n),  # long lines
        st.just(ENTRY.format(title=title)),
    ), max_size=8))
    if draw(st.booleans()):
        pieces.insert(0, ENTRY.format(title=title))
    text = "".join(pieces)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(ENCODINGS))
    raw = BOMS.get(encoding, b"") + text.encode(encoding)
    undecodable = encoding == "utf-8" and draw(st.integers(0, 5)) == 0
    if undecodable:
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.sampled_from(UNDECODABLE)) + raw[cut:]
    if draw(st.integers(0, 9)) == 0:
        raw = raw * draw(st.integers(2, 40))  # sometimes over the entry limit
    return raw, undecodable


@st.composite
def seed_folders(draw: st.DrawFn) -> list[Planted]:
    names = draw(st.lists(file_names(), min_size=1, max_size=5, unique=True))
    planted = []
    for name in names:
        if name.lower() == CONTROL:
            continue
        content, undecodable = draw(contents())
        planted.append(Planted(name, content, undecodable))
    return planted


@pytest.fixture(scope="module")
def fuzz_extractor(vocabulary: Vocabulary) -> Extractor:
    return Extractor.from_vocabulary(vocabulary)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@seed(None if SEED is None else int(SEED))  # a seed given overrides derandomize
@given(planted=seed_folders())
def test_any_generated_seeds_build_into_valid_outputs(
        planted: list[Planted], vocabulary: Vocabulary, fuzz_extractor: Extractor) -> None:
    with tempfile.TemporaryDirectory() as folder:
        seeds, out = Path(folder) / "seeds", Path(folder) / "out"
        seeds.mkdir()
        (seeds / "control.txt").write_text(ENTRY.format(title="Control Term"), encoding="utf-8")
        for item in planted:
            with open(os.path.join(os.fsencode(seeds), item.name), "wb") as handle:
                handle.write(item.content)
        TALLY.folders += 1
        TALLY.files += 1 + len(planted)
        result = build(seeds, vocabulary, limits=LIMITS, extractor=fuzz_extractor)
        TALLY.built += len(result.entries)
        TALLY.reported += len(result.problems)
        write_outputs(result, out)
        assert_accounted_for(result.entries, result.problems, planted)
        for message in (*map(str, result.problems), *result.warnings):
            assert not any(c in message for c in "\n\r\x1b\x85\u2028"), repr(message)
        assert_outputs_valid(out)
        assert_one_term_per_entry(out, [item.entry.source for item in result.entries])
        assert_csv_has_a_row_per_mention(out)


def assert_accounted_for(entries: Sequence[AnnotatedEntry], problems: Sequence[InputError],
                         planted: list[Planted]) -> None:
    """Each file is built or is a problem, once; undecodable ones are problems."""
    built = [os.fsencode(item.entry.source) for item in entries]
    refused = [os.fsencode(problem.source) for problem in problems]
    assert CONTROL in built
    assert sorted(built + refused) == sorted([CONTROL, *(item.name for item in planted)])
    for item in planted:
        if item.undecodable:
            assert item.name in refused, item.name


def assert_one_term_per_entry(out: Path, sources: list[str]) -> None:
    """As many glossary terms as entries built, each with one source file of its own."""
    graph = Graph().parse(out / "hormgraph.ttl", format="turtle")
    terms = set(graph.subjects(RDF.type, HGO.GlossaryTerm))
    assert len(terms) == len(sources)
    identifiers = []
    for term in terms:
        (source,) = graph.objects(term, DCTERMS.source)
        assert len(list(graph.objects(term, SKOS.prefLabel))) == 1
        identifiers.append(str(graph.value(source, DCTERMS.identifier)))
    assert sorted(identifiers) == sorted(shown(s) for s in sources)
    assert all(isinstance(label, Literal) for label in graph.objects(None, SKOS.prefLabel))
    pyoxigraph.Store().load((out / "hormgraph.ttl").read_bytes(),
                            format=pyoxigraph.RdfFormat.TURTLE)


def assert_csv_has_a_row_per_mention(out: Path) -> None:
    with open(out / "mentions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    graph = Graph().parse(out / "hormgraph.nt", format="nt")
    assert len(rows) == 1 + len(list(mention_rows(graph)))


#: A valid document in each syntax `--graph` reads, to be mutated into malformed ones.
GRAPHS = {
    "ttl": b'@prefix x: <urn:x:> .\n@base <http://example.org/> .\nx:a x:p "caf\\u00e9"@fr, 1, '
           b'2.5e0, true ;\n  x:q [ x:r ( x:b "two" ) ] ; x:s """long\nline""" .\n<rel> a x:C .\n',
    "nt": b'<urn:x:a> <urn:x:p> "a\\tb"@en .\n_:b <urn:x:q> "1"^^<http://www.w3.org/2001/'
          b'XMLSchema#integer> .\n<urn:x:a> <urn:x:r> _:b .\n',
    "rdf": b'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x "urn:x:">]>\n<rdf:RDF xmlns:'
           b'rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:x="urn:x:">\n<rdf:Descri'
           b'ption rdf:about="&x;a"><x:p xml:lang="en">caf&#233;</x:p><x:q rdf:resource="rel"/>'
           b'<x:r rdf:parseType="Resource"><x:s>1</x:s></x:r></rdf:Description>\n</rdf:RDF>\n',
    "jsonld": b'{"@context": {"x": "urn:x:", "p": {"@id": "x:p", "@type": "@id"}},\n "@graph": '
              b'[{"@id": "x:a", "p": "x:b", "x:q": {"@value": "caf\\u00e9", "@language": "fr"}},'
              b'\n  {"@id": "_:b", "x:r": [1, 2.5, true, {"@list": ["x"]}]}]}\n',
    "nq": b'<urn:x:a> <urn:x:p> "v" <urn:x:g> .\n_:b <urn:x:q> _:c _:g .\n'
          b'<urn:x:a> <urn:x:r> "w"@en .\n',
    "trig": b'@prefix x: <urn:x:> .\nx:g { x:a x:p x:b ; x:q "v"@en . }\n{ x:c x:p ( 1 2 ) }\n',
    "n3": b'@prefix x: <urn:x:> .\n{ x:a x:p x:b } => { x:b x:q x:a } .\n'
          b'x:a x:p x:b ; x:q [ x:r 1 ] .\n',
}
#: Bytes that mean something to one of the parsers, or to none.
GRAPH_SNIPPETS = [b"<", b">", b'"', b"'", b'"""', b"\\", b"\\u", b"\\U0010FFFF", b"\\uD800",
                  b"\x00", b"\xff", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\n", b"\r", b"\x0b",
                  b".", b";",
                  b",", b"@prefix", b"@base <::> .", b"_:", b"[", b"]", b"(", b")", b"{", b"}",
                  b"^^", b"@", b"#", b"&", b"&x;", b"&#0;", b"&#xD800;", b"<!ENTITY y 'z'>",
                  b"<![CDATA[", b"rdf:parseType=\"Literal\"", b"rdf:ID=\"1\"", b"xml:lang=\"\"",
                  b'"@context"', b'"@id"', b'"@type"', b'"@value"', b'"@list"', b'"@reverse"',
                  b'"@graph"', b"null", b"1e999", b"[" * 200, b"{" * 200, b"<urn:x:a>",
                  b"\xe2\x80\xa8", b"x:" * 50, b"<http://[::1>", b"<a b>", b'"\\"', b"0x"]


@st.composite
def graph_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A graph file: a valid document of one syntax, cut, spliced and garbled."""
    extension = draw(st.sampled_from(sorted(GRAPHS)))
    data = GRAPHS[extension]
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 40)))
        data = data[:start] + draw(st.one_of(
            st.just(b""),  # a cut
            st.sampled_from(GRAPH_SNIPPETS),
            st.binary(max_size=8),
            st.just(data[start:end] * 2),  # a repeat
            st.sampled_from(sorted(GRAPHS.values())).map(lambda other, a=start, b=end: other[a:b]),
        )) + data[end:]
    return extension, data


@settings(max_examples=4 * EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@seed(None if SEED is None else int(SEED))
@given(graph=graph_files())
def test_any_malformed_graph_file_gives_one_line(graph: tuple[str, bytes]) -> None:
    """Read in both stores, and as push reads it: a graph, or an error of one line that names
    the file; never another exception."""
    extension, data = graph
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"g.{extension}"
        path.write_bytes(data)
        for read in (*(partial(load_store, store=store) for store in STORES), read_ntriples):
            try:
                read(path)
            except GraphError as error:
                message = str(error)
                assert message.startswith(f"{path}: ") and message.isprintable(), message


#: Objects a damaged graph may hold where the checks expect others.
ODD_OBJECTS = [Literal(""), Literal("x", lang="en"), Literal("\x1b[31m\u2028\x00"),
               Literal("abc", datatype=XSD.integer), Literal("2020-13-45", datatype=XSD.date),
               Literal("-1", datatype=XSD.integer), Literal("1e999", datatype=XSD.double),
               Literal("x", datatype=XSD.anyURI), Literal("yes", datatype=XSD.boolean),
               URIRef("urn:x:a"), URIRef("http://example.org/\u00e9"), BNode("b0"),
               RDF.type, SKOS.Concept, HGO.GlossaryTerm, RDF.nil]


@pytest.fixture(scope="module")
def small_graph(vocabulary: Vocabulary, fuzz_extractor: Extractor,
                tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The graph of a build of one entry: every kind of node the checks look at, and small."""
    seeds = tmp_path_factory.mktemp("one")
    (seeds / "term.txt").write_text(ENTRY.format(title="Control Term"), encoding="utf-8")
    return build(seeds, vocabulary, extractor=fuzz_extractor).graph


#: What may be done to one triple of a graph.
EDITS = ["remove", "replace", "add"]


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@seed(None if SEED is None else int(SEED))
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(EDITS),
                                st.sampled_from(ODD_OBJECTS)), min_size=1, max_size=25))
def test_check_on_any_damaged_graph_reports_findings(
        edits: list[tuple[int, str, Identifier]], small_graph: Graph) -> None:
    """`check` on a build's graph with triples removed, their objects replaced or given a
    second one (two labels, two sources): findings in every format, never an exception; the
    table shows no control character raw."""
    triples = sorted(small_graph)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    for index, edit, value in edits:
        subject, predicate, old = triples[index % len(triples)]
        if edit != "add":
            graph.remove((subject, predicate, old))
        if edit != "remove":
            graph.add((subject, predicate, value))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        findings = run_checks(read_graph(path))
    assert_findings_formatted(findings)


def assert_findings_formatted(findings: list[Finding]) -> None:
    """The findings as a table of printable lines, as TSV of one line each, and as JSON."""
    table = format_findings(findings, "table")
    assert all(line.isprintable() for line in table.split("\n")), table
    tsv = format_findings(findings, "tsv")
    assert len(tsv.splitlines()) == 1 + len(findings) == tsv.count("\n"), tsv
    assert len(json.loads(format_findings(findings, "json"))["findings"]) == len(findings)


def test_a_line_separator_in_a_label_is_escaped_in_the_findings(small_graph: Graph) -> None:
    """Found by the fuzzer: U+2028 in a label was written raw into the findings' table and TSV,
    splitting a finding's line in two."""
    graph = Graph()
    for triple in small_graph:
        graph.add(triple)
    term = next(graph.subjects(RDF.type, HGO.GlossaryTerm))
    graph.set((term, SKOS.prefLabel, Literal("Control\u2028Term")))
    findings = run_checks(graph)
    assert [f.value for f in findings if f.check == "label_whitespace"] == ["Control\u2028Term"]
    assert "Control\\u2028Term" in format_findings(findings, "table")
    assert_findings_formatted(findings)


@pytest.mark.parametrize("store", STORES)
def test_a_query_table_shows_the_graph_s_control_characters_escaped(
        tmp_path: Path, store: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Seen while fuzzing: an escape sequence or a NUL in a literal reached the terminal raw."""
    path = tmp_path / "g.nt"
    path.write_text('<urn:a> <urn:b> "a\\u001b[31m\\u0000b" .\n', encoding="utf-8")
    assert main(["query", "--graph", str(path), "--store", store,
                 "SELECT ?o { ?s ?p ?o }"]) == 0
    out = capsys.readouterr().out
    assert "a\\x1b[31m\\x00b" in out and all(line.isprintable() for line in out.split("\n"))

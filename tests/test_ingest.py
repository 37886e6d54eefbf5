"""Ingest: every input variant reads into one clean Entry; bad input is named, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from hormgraph.errors import InputError
from hormgraph.ingest import clean_text, parse_entry, read_catalog, read_entry

from .conftest import DATA, SEEDS

INGEST = DATA / "ingest"
DEFINITION = ("Adrenal Rhythm Support is a clinical approach that aligns cortisol output with the "
              "circadian rhythm of the adrenal glands.")
ORIGIN = "The phrase arose in integrative endocrinology during the 1990s."
MECHANISM = "It works by timing interventions so that cortisol peaks in the morning."
SAME = ["bom.txt", "crlf.txt", "colon_headings.txt", "upper_headings.txt", "banner_first.txt",
        "utf16.txt"]


@pytest.mark.parametrize("name", SAME)
def test_layout_variants_give_the_same_sections(name: str) -> None:
    entry = read_entry(INGEST / name)
    assert entry.sections == {"definition": DEFINITION, "origin": ORIGIN, "mechanism": MECHANISM}
    assert entry.term == "Adrenal Rhythm Support"
    assert entry.title_from == "opening sentence"


def test_nbsp_and_html_entities_are_unified() -> None:
    entry = read_entry(INGEST / "nbsp_entities.txt")
    assert entry.sections["definition"] == DEFINITION
    assert entry.sections["origin"].endswith("It is the skin’s & liver’s concern.")


def test_missing_sections_are_absent_not_empty() -> None:
    assert set(read_entry(INGEST / "missing_origin.txt").sections) == {"definition", "mechanism"}
    assert set(read_entry(INGEST / "missing_mechanism.txt").sections) == {"definition", "origin"}


@pytest.mark.parametrize(("name", "term", "origin"), [
    ("heading_title.txt", "Cortisol Timing", "heading"),
    ("refers_to.txt", "Thyroid Conversion Support", "opening sentence"),
    ("domain_of.txt", "Sebum Balancing", "opening sentence"),
    ("origin_clue.txt", "Ratio Stewardship", "origin"),
])
def test_title_sources_in_order(name: str, term: str, origin: str) -> None:
    entry = read_entry(INGEST / name)
    assert (entry.term, entry.title_from) == (term, origin)
    assert not entry.warnings


def test_heading_line_is_not_part_of_the_definition() -> None:
    assert read_entry(INGEST / "heading_title.txt").sections["definition"].startswith("It is")


def test_catalog_title_wins() -> None:
    entry = read_entry(INGEST / "refers_to.txt", title="Catalogued Name")
    assert (entry.term, entry.title_from) == ("Catalogued Name", "catalog")


def test_no_title_falls_back_to_file_name_with_a_warning() -> None:
    entry = read_entry(INGEST / "no_title.txt")
    assert entry.term == "no_title"
    assert entry.title_from == "filename"
    assert entry.warnings and "no_title.txt" in entry.warnings[0]


def test_banner_never_reaches_the_sections() -> None:
    for path in [*SEEDS.glob("*.txt"), *INGEST.glob("*.txt")]:
        entry = read_entry(path)
        assert not any("cookie" in text.lower() for text in entry.sections.values()), path.name


def test_banner_run_into_a_paragraph_leaves_the_paragraph() -> None:
    mechanism = " ".join([MECHANISM] * 4)
    banner = ("We use cookies to personalize content and marketing, and to analyze our traffic. "
              "Manage your preferences below.")
    raw = f"{DEFINITION}\nOrigin\n{ORIGIN}\nMechanism\n{mechanism} {banner}\n".encode()
    assert parse_entry(raw, "t.txt").sections["mechanism"] == mechanism
    # A short line that matches is a banner line and goes whole.
    raw = f"{DEFINITION}\nOrigin\n{ORIGIN}\nMechanism\n{MECHANISM}\n{banner}\n".encode()
    assert parse_entry(raw, "t.txt").sections["mechanism"] == MECHANISM


def test_informed_consent_is_not_boilerplate() -> None:
    origin = "Trials of the therapy asked for informed consent before estradiol was given."
    raw = f"{DEFINITION}\nOrigin\n{origin}\nMechanism\n{MECHANISM}\n".encode()
    assert parse_entry(raw, "t.txt").sections["origin"] == origin


def test_seed_titles_from_the_catalog() -> None:
    catalog = read_catalog(SEEDS / "catalog.csv")
    terms = {read_entry(p, catalog[p.name]).term for p in SEEDS.glob("*.txt")}
    assert terms == {"Skin Recalibration", "Hormonal Restoration",
                     "Hormonal Gradient Optimization", "Steroid Hormone Modulation"}


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    path = INGEST / "crlf.txt"
    assert read_entry(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "problem"), [
    ("empty.txt", "empty file"),
    ("blank.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("undecodable.txt", "not valid UTF-8"),
    ("no_definition.txt", "no definition"),
    ("only_banner.txt", "only boilerplate"),
])
def test_bad_input_is_one_line_naming_the_file(name: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_entry(DATA / "bad" / name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and problem in message
    assert "\n" not in message


def test_unreadable_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: cannot read"):
        read_entry(tmp_path / "missing.txt")


def test_clean_text_keeps_markup_as_text() -> None:
    assert clean_text("a <script>x</script> &lt;b&gt;") == "a <script>x</script> <b>"


def test_parse_entry_from_bytes() -> None:
    entry = parse_entry(b"Gut Axis is the link between gut and brain.\n", "x.txt")
    assert entry.term == "Gut Axis" and entry.sections == {
        "definition": "Gut Axis is the link between gut and brain."}


ARTICLE_BODY = [
    "Pancreatic Islet",
    "A pancreatic islet is a small cluster of endocrine cells scattered through the exocrine "
    "tissue of the pancreas. Islets make up only a few percent of the organ's mass, yet they "
    "receive a rich blood supply.",
    "Cell types",
    "The islet holds several kinds of hormone-secreting cell:",
    "alpha (α) cells, which release glucagon;",
    "beta (β) cells, the most numerous, which release insulin;",
    "delta cells, which release somatostatin",
    "PP cells, which release pancreatic polypeptide.",
    "Blood glucose",
    "Insulin lowers blood glucose, and glucagon raises it.",
]


def test_plain_article_is_one_section_of_lines() -> None:
    """Title, headings, paragraphs (wrapped lines joined) and list items, each a line of the one
    section; list marks, heading marks and citation marks gone."""
    entry = read_entry(INGEST / "article.txt")
    assert set(entry.sections) == {"definition"}
    assert entry.sections["definition"].split("\n") == ARTICLE_BODY
    assert (entry.term, entry.title_from) == ("Pancreatic Islet", "heading")


@pytest.mark.parametrize(("line", "kept"), [
    ("made in the pancreas.[1][2] It", "made in the pancreas. It"),
    ("beta cells [3–5] release insulin", "beta cells release insulin"),
    ("as shown [12, 14; 20-22].", "as shown."),
    ("the liver[citation needed], and", "the liver, and"),
    ("the liver[a] and [note 3] more", "the liver and more"),
    ("calcium [Ca2+] in the cell", "calcium [Ca2+] in the cell"),
])
def test_citation_marks_are_removed(line: str, kept: str) -> None:
    raw = f"Insulin\n\n{line}\n".encode()
    assert parse_entry(raw, "a.txt").sections["definition"] == f"Insulin\n{kept}"


def test_an_article_heading_named_like_a_section_is_text() -> None:
    """"History" and "Overview" are headings of an article, not Origin and definition."""
    raw = b"Thyroid\nThe thyroid is a gland.\n\nHistory\nIt was named in 1656.\n"
    entry = parse_entry(raw, "t.txt")
    assert entry.sections == {"definition": "Thyroid\nThe thyroid is a gland.\nHistory\n"
                                            "It was named in 1656."}


def test_a_wrapped_short_line_is_not_a_heading() -> None:
    raw = b"Cortisol\n\nCortisol is made by the\nadrenal cortex.\n"
    assert parse_entry(raw, "c.txt").sections["definition"] == (
        "Cortisol\nCortisol is made by the adrenal cortex.")


def test_a_glossary_entry_keeps_its_heading_out_of_the_text() -> None:
    entry = read_entry(INGEST / "heading_title.txt")
    assert "\n" not in entry.sections["definition"]
    assert not entry.sections["definition"].startswith("Cortisol Timing")


def test_an_articles_end_matter_is_not_text() -> None:
    raw = (b"Insulin\n\nInsulin is made by beta cells.\n\nSee also\n- Glucagon\n\nReferences\n"
           b"1. Smith J. Cortisol and the adrenal cortex. 2001.\n")
    assert parse_entry(raw, "i.txt").sections["definition"] == (
        "Insulin\nInsulin is made by beta cells.")

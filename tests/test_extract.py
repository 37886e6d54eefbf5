"""Extraction rules, each with a case that fails when the rule is taken out."""

from __future__ import annotations

import pytest
from rdflib import Graph

from hormgraph.extract import extract_mentions, split_sentences
from hormgraph.ingest import parse_entry, read_entry
from hormgraph.model import Concept, EntityType, Mention
from hormgraph.normalize import fold
from hormgraph.pipeline import Extractor
from hormgraph.tagger import Tagger
from hormgraph.vocabulary import Vocabulary

from .conftest import DATA

H, E, T, P, R = (EntityType.HORMONE, EntityType.ENZYME, EntityType.TISSUE, EntityType.PROCESS,
                 EntityType.RECEPTOR)
CONCEPTS = [
    Concept("h/hormone", H, "hormone", extractable=False),
    Concept("h/estradiol", H, "estradiol", ("17β-estradiol", "E2")),
    Concept("h/estrogen", H, "estrogen"),
    Concept("h/androgen", H, "androgen"),
    Concept("h/sex-steroid", H, "sex steroid"),
    Concept("h/thyroid-hormone", H, "thyroid hormone"),
    Concept("h/triiodothyronine", H, "triiodothyronine", ("T3",)),
    Concept("h/dhea", H, "dehydroepiandrosterone"),
    Concept("h/cortisol", H, "cortisol"),
    Concept("e/5ar", E, "5α-reductase"),
    Concept("t/gland", T, "gland", extractable=False),
    Concept("t/sebaceous-gland", T, "sebaceous gland"),
    Concept("t/fibroblast", T, "fibroblast"),
    Concept("t/adrenal-gland", T, "adrenal gland", adjectives=("adrenal",)),
    Concept("t/dermis", T, "dermis", adjectives=("dermal",)),
    Concept("t/liver", T, "liver", adjectives=("hepatic",)),
    Concept("t/skin", T, "skin", adjectives=("cutaneous",)),
    Concept("t/ovary", T, "ovary", adjectives=("ovarian",)),
    Concept("t/thyroid-gland", T, "thyroid gland", ("thyroid",)),
    Concept("p/collagen-synthesis", P, "collagen synthesis"),
    Concept("p/hormone-clearance", P, "hormone clearance"),
    Concept("p/sebum-production", P, "sebum production"),
    Concept("r/androgen-receptor", R, "androgen receptor", ("AR",)),
]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(CONCEPTS)


def found(tagger: Tagger, text: str) -> list[tuple[str, str]]:
    entry = parse_entry(text.encode(), "t.txt", title="T")
    return [(m.surface, m.entity) for m in extract_mentions(entry, tagger)]


@pytest.mark.parametrize(("text", "surface"), [
    ("Levels of 5α-reductase rise.", "5α-reductase"),
    ("Levels of 5-alpha reductase rise.", "5-alpha reductase"),
    ("Levels of 5 alpha-reductase rise.", "5 alpha-reductase"),
    ("Levels of 5alpha-reductase rise.", "5alpha-reductase"),
    ("Levels of 5-α-Reductase rise.", "5-α-Reductase"),
])
def test_greek_letters_names_dashes_spaces(tagger: Tagger, text: str, surface: str) -> None:
    assert found(tagger, text) == [(surface, "e/5ar")]


@pytest.mark.parametrize("text", ["transepidermal water loss", "trans-epidermal water loss",
                                  "trans epidermal water loss", "Trans‐epidermal water losses"])
def test_dash_space_and_nothing_after_a_combining_form(text: str) -> None:
    tagger = Tagger([Concept("p/tewl", P, "transepidermal water loss")])
    assert found(tagger, f"It raises {text} at night.") == [(text, "p/tewl")]


def test_organs_that_name_an_axis_are_not_mentions() -> None:
    tagger = Tagger([Concept("t/pituitary-gland", T, "pituitary gland", ("pituitary",)),
                     Concept("t/adrenal-gland", T, "adrenal gland", adjectives=("adrenal",)),
                     Concept("t/hypothalamus", T, "hypothalamus", adjectives=("hypothalamic",))])
    assert found(tagger, "Stress drives the hypothalamic–pituitary–adrenal axis.") == []
    assert found(tagger, "Stress drives the hypothalamic-pituitary-adrenal (HPA) axis.") == []
    assert found(tagger, "The pituitary-adrenal axis and the pituitary itself.") == [
        ("pituitary", "t/pituitary-gland")]


def test_a_name_missing_its_locant_is_not_a_mention() -> None:
    tagger = Tagger([Concept("p/hydroxylation", P, "hydroxylation"),
                     Concept("e/24h", E, "24-hydroxylase")])
    assert found(tagger, "Renal 1α-hydroxylation and 24-hydroxylase.") == [
        ("24-hydroxylase", "e/24h")]
    assert found(tagger, "Hydroxylation, then 2-step hydroxylation.") == [
        ("Hydroxylation", "p/hydroxylation"), ("hydroxylation", "p/hydroxylation")]


def test_a_participle_before_a_name_describes_it() -> None:
    tagger = Tagger([Concept("p/luteinization", P, "luteinization"),
                     Concept("t/granulosa-cell", T, "granulosa cell")])
    assert found(tagger, "Luteinised granulosa cells act; the follicle is luteinised.") == [
        ("granulosa cells", "t/granulosa-cell"), ("luteinised", "p/luteinization")]


def test_a_class_word_after_an_organ_adjective_is_left_to_the_adjective() -> None:
    kinds = [Concept(f"t/{name}-neuron", T, f"{name} neuron")
             for name in "AgRP POMC GnRH KNDy NPY MCH orexin kisspeptin".split()]
    tagger = Tagger([*kinds, Concept("t/neuron", T, "neuron"), Concept("t/fibroblast", T,
                     "fibroblast"), Concept("t/dermis", T, "dermis", adjectives=("dermal",)),
                     Concept("t/hypothalamus", T, "hypothalamus", adjectives=("hypothalamic",))])
    assert found(tagger, "Hypothalamic neurons and dermal fibroblasts; neurons.") == [
        ("Hypothalamic", "t/hypothalamus"), ("dermal", "t/dermis"),
        ("fibroblasts", "t/fibroblast"), ("neurons", "t/neuron")]


def test_a_process_before_hormone_names_the_hormones_role() -> None:
    tagger = Tagger([Concept("p/satiety", P, "satiety"), Concept("h/leptin", H, "leptin")])
    assert found(tagger, "Leptin, the satiety hormone, brings satiety.") == [
        ("Leptin", "h/leptin"), ("satiety", "p/satiety")]


@pytest.mark.parametrize("text", ["PPARα", "PPAR-α", "PPAR alpha", "PPARalpha", "PPAR-alpha"])
def test_dash_space_and_nothing_beside_a_capitalised_symbol(text: str) -> None:
    tagger = Tagger([Concept("r/ppara", R, "PPARα")])
    assert found(tagger, f"It binds {text} in liver.") == [(text, "r/ppara")]


def test_nfkc_and_case_folding(tagger: Tagger) -> None:
    assert found(tagger, "Dermal ﬁbroblasts and CORTISOL.") == [
        ("Dermal", "t/dermis"), ("ﬁbroblasts", "t/fibroblast"), ("CORTISOL", "h/cortisol")]


def test_plurals(tagger: Tagger) -> None:
    assert found(tagger, "The sebaceous glands and ovaries, and the adrenals.") == [
        ("sebaceous glands", "t/sebaceous-gland"), ("ovaries", "t/ovary"),
        ("adrenals", "t/adrenal-gland")]


def test_british_spellings(tagger: Tagger) -> None:
    assert found(tagger, "Oestrogen and oestradiol rise.") == [
        ("Oestrogen", "h/estrogen"), ("oestradiol", "h/estradiol")]


def test_possessives(tagger: Tagger) -> None:
    assert found(tagger, "The liver’s role and the skin's barrier.") == [
        ("liver", "t/liver"), ("skin", "t/skin")]


@pytest.mark.parametrize(("word", "entity"), [
    ("dermal", "t/dermis"), ("hepatic", "t/liver"), ("adrenal", "t/adrenal-gland"),
    ("cutaneous", "t/skin"), ("ovarian", "t/ovary")])
def test_adjectival_anatomy(tagger: Tagger, word: str, entity: str) -> None:
    assert found(tagger, f"The {word} response.") == [(word, entity)]


def test_longest_match_wins(tagger: Tagger) -> None:
    assert found(tagger, "Thyroid hormones act; the thyroid gland makes them.") == [
        ("Thyroid hormones", "h/thyroid-hormone"), ("thyroid gland", "t/thyroid-gland")]


def test_receptor_phrase_is_a_receptor_not_its_hormone(tagger: Tagger) -> None:
    assert found(tagger, "They antagonize androgen receptor activity.") == [
        ("androgen receptor", "r/androgen-receptor")]


def test_generic_words_are_not_entities(tagger: Tagger) -> None:
    assert found(tagger, "Hormones act on glands and cells to keep balance.") == []


def test_hormone_classes_are_entities(tagger: Tagger) -> None:
    assert found(tagger, "Sex steroids and androgens matter.") == [
        ("Sex steroids", "h/sex-steroid"), ("androgens", "h/androgen")]


@pytest.mark.parametrize(("text", "surface", "entity"), [
    ("It aids the synthesis of dermal collagen.", "synthesis of dermal collagen",
     "p/collagen-synthesis"),
    ("It aids the clearance of spent hormones.", "clearance of spent hormones",
     "p/hormone-clearance"),
    ("It limits production of sebum.", "production of sebum", "p/sebum-production"),
    ("It limits the production of the skin’s own sebum.", "production of the skin’s own sebum",
     "p/sebum-production"),
])
def test_process_paraphrases(tagger: Tagger, text: str, surface: str, entity: str) -> None:
    assert (surface, entity) in found(tagger, text)


def test_paraphrase_argument_is_a_whole_name(extractor: Extractor) -> None:
    """"signalling of estrogen receptor alpha" is no paraphrase of estrogen receptor
    signalling: the argument would be only the start of the receptor's name."""
    text = "Progesterone counters the signalling of estrogen receptor alpha."
    mentions = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T")).mentions
    assert [m.surface for m in mentions if m.type is P] == []
    assert "estrogen receptor alpha" in [m.surface for m in mentions]


def test_paraphrase_stops_at_a_conjunction(tagger: Tagger) -> None:
    assert found(tagger, "It aids the synthesis of proteins and collagen.") == []


def test_short_symbols_need_their_exact_case(tagger: Tagger) -> None:
    assert found(tagger, "Cortisol and E2 rise; cortisol and e2 fall.") == [
        ("Cortisol", "h/cortisol"), ("E2", "h/estradiol"), ("cortisol", "h/cortisol")]


def test_short_symbols_need_context(tagger: Tagger) -> None:
    assert found(tagger, "The AR was filed in May.") == []
    assert found(tagger, "DHT binds the AR in the skin.") == [("AR", "r/androgen-receptor"),
                                                               ("skin", "t/skin")]


def test_abbreviations_defined_in_the_text_become_aliases(tagger: Tagger) -> None:
    assert found(tagger, "Dehydroepiandrosterone (DHEA) falls. Low DHEA is common.") == [
        ("Dehydroepiandrosterone", "h/dhea"), ("DHEA", "h/dhea"), ("DHEA", "h/dhea")]


def test_undefined_abbreviation_is_not_guessed(tagger: Tagger) -> None:
    assert found(tagger, "Low DHEA is common.") == []


def test_mentions_carry_offsets_surface_and_sentence(tagger: Tagger) -> None:
    entry = parse_entry(b"Intro here. The liver clears cortisol.\nMechanism\nSkin acts.",
                        "t.txt", title="T")
    mentions = extract_mentions(entry, tagger)
    assert mentions[0] == Mention("t/liver", T, "definition", 16, 21, "liver",
                                  "The liver clears cortisol.", 12)
    for mention in mentions:
        text = entry.sections[mention.section]
        assert text[mention.start:mention.end] == mention.surface
        assert text[mention.sentence_start:].startswith(mention.sentence)
    assert mentions[-1].section == "mechanism"


def test_offsets_survive_characters_that_fold_longer(tagger: Tagger) -> None:
    entry = parse_entry("Ⅱ, ß and α: the 17β-estradiol level.".encode(), "t.txt", title="T")
    (mention,) = extract_mentions(entry, tagger)
    assert entry.sections["definition"][mention.start:mention.end] == "17β-estradiol"


@pytest.mark.parametrize("expanding", ["½", "Ⅱ", "ß", "ﬁ"])
def test_folding_is_the_same_whatever_mix_of_characters(expanding: str) -> None:
    # Each character folds on its own; a text mixing one-character folds and longer ones must
    # fold to the same, whichever order the kinds are met in.
    for single in "αβéü’—":
        text = f"A{single}b {expanding}-{single}C"
        assert fold(text)[0] == "".join(fold(c)[0] for c in text), text


def test_sentences_do_not_split_after_eg() -> None:
    text = "Enzymes (e.g., aromatase) act. Then they stop."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Enzymes (e.g., aromatase) act.", "Then they stop."]


def test_seed_entries_with_the_packaged_vocabulary(extractor: Extractor) -> None:
    entry = parse_entry(b"Specific ingredients antagonize androgen receptor activity in the "
                        b"sebaceous glands and support the synthesis of dermal collagen.",
                        "t.txt", title="T")
    types = {(m.surface, m.type) for m in extractor.annotate(entry).mentions}
    assert {("androgen receptor", R), ("sebaceous glands", T),
            ("synthesis of dermal collagen", P)} <= types


def test_doctests() -> None:
    import doctest

    from hormgraph import elisions, extract, ingest, normalize, tagger, wordforms

    for module in (normalize, ingest, wordforms, elisions, tagger, extract):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_stop_phrases_claim_their_words() -> None:
    tagger = Tagger([*CONCEPTS, Concept("t/heart", T, "heart")],
                    stop_phrases=["at the heart of", "thyroid-binding globulin"])
    assert found(tagger, "It is at the heart of care; thyroid-binding globulin rises.") == []
    assert found(tagger, "The heart and thyroid work.") == [("heart", "t/heart"),
                                                           ("thyroid", "t/thyroid-gland")]


def test_ambiguous_label_needs_support_from_the_entry() -> None:
    concepts = [Concept("t/ovary", T, "ovary"), Concept("t/skin", T, "skin"),
                Concept("t/ovarian-follicle", T, "ovarian follicle", ("follicle",), broader=(
                    "t/ovary",), ambiguous_labels=("follicle",)),
                Concept("t/hair-follicle", T, "hair follicle", ("follicle",), broader=(
                    "t/skin",), ambiguous_labels=("follicle",))]
    extractor = Extractor.from_vocabulary(_vocabulary(concepts))

    def entities(text: str) -> list[str]:
        entry = parse_entry(text.encode(), "t.txt", title="T")
        return [m.entity for m in extractor.annotate(entry).mentions]

    assert entities("The ovary releases the follicle.") == ["t/ovary", "t/ovarian-follicle"]
    assert entities("The skin holds the follicle.") == ["t/skin", "t/hair-follicle"]
    assert entities("The follicle matters.") == []
    # The follicle's own sentence speaks first.
    assert entities("The skin ages. The ovary matures the follicle.") == [
        "t/skin", "t/ovary", "t/ovarian-follicle"]


def test_a_class_named_before_one_of_its_kinds_is_one_mention_of_the_kind() -> None:
    concepts = [Concept("r/melatonin-receptor", R, "melatonin receptor"),
                Concept("r/mt1", R, "melatonin receptor 1A", ("MT1",),
                        broader=("r/melatonin-receptor",)),
                Concept("h/mineralocorticoid", H, "mineralocorticoid"),
                Concept("h/aldosterone", H, "aldosterone", broader=("h/mineralocorticoid",))]
    extractor = Extractor.from_vocabulary(_vocabulary(concepts))

    def mentions(text: str) -> list[tuple[str, str]]:
        entry = parse_entry(text.encode(), "t.txt", title="T")
        return [(m.surface, m.entity) for m in extractor.annotate(entry).mentions]

    assert mentions("It binds the melatonin receptor MT1 in skin.") == [
        ("melatonin receptor MT1", "r/mt1")]
    assert mentions("A melatonin receptor, MT1, is one.") == [
        ("melatonin receptor", "r/melatonin-receptor"), ("MT1", "r/mt1")]
    # Hormones: "the mineralocorticoid aldosterone" names both.
    assert mentions("The mineralocorticoid aldosterone acts.") == [
        ("mineralocorticoid", "h/mineralocorticoid"), ("aldosterone", "h/aldosterone")]


def _vocabulary(concepts: list[Concept]) -> Vocabulary:
    return Vocabulary({c.iri: c for c in concepts}, (), Graph(), Graph())


@pytest.mark.parametrize("text", ["granulosa and theca cells", "Granulosa or theca cells act.",
                                  "The granulosa and theca cells of the follicle act."])
def test_coordination_shares_the_head_noun(text: str) -> None:
    tagger = Tagger([Concept("t/granulosa-cell", T, "granulosa cell"),
                     Concept("t/theca-cell", T, "theca cell")])
    assert [e for _, e in found(tagger, text)] == ["t/granulosa-cell", "t/theca-cell"]


def test_coordination_needs_a_name_for_the_first_conjunct(tagger: Tagger) -> None:
    assert found(tagger, "Old and sebaceous glands.") == [("sebaceous glands",
                                                          "t/sebaceous-gland")]


def test_a_long_text_has_the_hits_of_its_parts(extractor: Extractor) -> None:
    paragraph = ("Aromatase converts testosterone into estradiol in adipose tissue, and "
                 "5α-reductase makes DHT in the sebaceous glands.\n")
    text = paragraph * 400
    assert len(text) > 40_000
    one = extractor.tagger.tag(paragraph)
    hits = extractor.tagger.tag(text)
    assert len(hits) == 400 * len(one)
    for start, end, _ in hits:
        base = start % len(paragraph)
        assert text[start:end] == paragraph[base: base + end - start]


def test_verbs_of_ization_processes() -> None:
    tagger = Tagger([Concept("p/aromatization", P, "aromatization")])
    assert found(tagger, "Testosterone is aromatised; fat aromatizes it.") == [
        ("aromatised", "p/aromatization"), ("aromatizes", "p/aromatization")]


def test_anatomical_adjective_on_a_narrower_cell_names_the_broader_cell_too() -> None:
    tagger = Tagger([Concept("t/dermis", T, "dermis", adjectives=("dermal",)),
                     Concept("t/fibroblast", T, "fibroblast",
                             exact_match=("http://purl.obolibrary.org/obo/CL_0000057",)),
                     Concept("t/dermal-fibroblast", T, "dermal fibroblast",
                             broader=("t/fibroblast",)),
                     Concept("t/muscle", T, "muscle"),
                     Concept("t/skeletal-muscle", T, "skeletal muscle", broader=("t/muscle",)),
                     Concept("t/kidney", T, "kidney", adjectives=("renal",)),
                     Concept("t/artery", T, "artery"),
                     Concept("t/renal-artery", T, "renal artery", broader=("t/artery",))])
    assert found(tagger, "Dermal fibroblasts and skeletal muscle.") == [
        ("Dermal fibroblasts", "t/dermal-fibroblast"), ("fibroblasts", "t/fibroblast"),
        ("skeletal muscle", "t/skeletal-muscle")]
    # a structure's name is a name of its own: the renal artery is not also "an artery"
    assert found(tagger, "the renal artery") == [("renal artery", "t/renal-artery")]


def test_healing_paraphrase() -> None:
    tagger = Tagger([Concept("p/wound-healing", P, "wound healing")])
    assert found(tagger, "It slows the healing of minor wounds.") == [
        ("healing of minor wounds", "p/wound-healing")]


@pytest.mark.parametrize(("text", "surface"), [
    ("Insulin comes from beta (β) cells.", "beta (β) cells"),
    ("Insulin comes from Beta (β)-cells.", "Beta (β)-cells"),
    ("Insulin comes from β (beta) cells.", "β (beta) cells"),
    ("Insulin comes from β-cells.", "β-cells"),
])
def test_a_greek_letter_in_parentheses_repeating_its_name_is_read_through(
        text: str, surface: str) -> None:
    tagger = Tagger([Concept("t/beta-cell", T, "beta cell")])
    assert [text[s:e] for s, e, _ in tagger.tag(text)] == [surface]


def test_a_parenthesised_letter_that_is_another_one_is_text() -> None:
    tagger = Tagger([Concept("t/beta-cell", T, "beta cell")])
    assert tagger.tag("the beta (γ) cells") == []


def test_names_do_not_run_across_the_lines_of_an_article() -> None:
    tagger = Tagger([Concept("t/islet", T, "pancreatic islet"), Concept("t/pancreas", T, "pancreas",
                                                                      adjectives=("pancreatic",))])
    entry = parse_entry(b"The Pancreatic\n\nIslets are small.\n", "a.txt")
    assert entry.sections["definition"] == "The Pancreatic\nIslets are small."
    assert [(m.surface, m.entity) for m in extract_mentions(entry, tagger)] == [
        ("Pancreatic", "t/pancreas")]


def test_an_article_title_heading_and_list_items_carry_mentions(extractor: Extractor) -> None:
    """Offsets stay exact against the stored text, with list and citation marks gone."""
    entry = read_entry(DATA / "ingest" / "article.txt")
    mentions = extractor.annotate(entry).mentions
    text = entry.sections["definition"]
    assert all(text[m.start:m.end] == m.surface for m in mentions)
    found = {(m.surface, m.entity.rsplit("/", 1)[-1]) for m in mentions}
    assert {("Pancreatic Islet", "islet-of-langerhans"), ("alpha (α) cells", "alpha-cell"),
            ("beta (β) cells", "beta-cell"), ("delta cells", "delta-cell"), ("PP cells", "pp-cell"),
            ("pancreatic polypeptide", "pancreatic-polypeptide")} <= found
    sentences = {m.sentence for m in mentions}
    assert "Pancreatic Islet" in sentences and "PP cells, which release pancreatic polypeptide." \
        in sentences


def test_a_short_name_in_parentheses_inside_a_cell_name_is_read_through() -> None:
    tagger = Tagger([Concept("t/c-cell", T, "parafollicular cell")])
    text = "Calcitonin comes from parafollicular (C) cells."
    assert [text[s:e] for s, e, _ in tagger.tag(text)] == ["parafollicular (C) cells"]


def test_an_adjective_first_conjunct_borrows_the_second_ones_head() -> None:
    """"gastric and intestinal mucosa" names the gastric mucosa, not only the stomach."""
    tagger = Tagger([Concept("t/stomach", T, "stomach", adjectives=("gastric",)),
                     Concept("t/gastric-mucosa", T, "gastric mucosa"),
                     Concept("t/intestinal-mucosa", T, "intestinal mucosa")])
    text = "cells of the gastric and intestinal mucosa"
    assert [(text[s:e], c[0].concept) for s, e, c in tagger.tag(text)] == [
        ("gastric", "t/gastric-mucosa"), ("intestinal mucosa", "t/intestinal-mucosa")]


@pytest.mark.parametrize(("text", "entity"), [
    ("PTH comes from the chief cells of the parathyroid glands.", "parathyroid-chief-cell"),
    ("Pepsinogen comes from the chief cells of the stomach.", "gastric-chief-cell"),
])
def test_a_shared_cell_name_is_read_from_its_organ(extractor: Extractor, text: str,
                                                   entity: str) -> None:
    entry = parse_entry(text.encode(), "c.txt")
    found = {m.entity.rsplit("/", 1)[-1] for m in extractor.annotate(entry).mentions
             if m.surface == "chief cells"}
    assert found == {entity}


@pytest.mark.parametrize("text", ["carbohydrate, lipid and protein metabolism",
                                  "carbohydrate, lipid, and protein metabolism"])
def test_every_conjunct_of_a_list_borrows_the_head(text: str) -> None:
    tagger = Tagger([Concept(f"p/{w}", P, f"{w} metabolism")
                     for w in ("carbohydrate", "lipid", "protein")])
    assert [c[0].concept for _, _, c in tagger.tag(text)] == [
        "p/carbohydrate", "p/lipid", "p/protein"]


@pytest.mark.parametrize(("text", "hormone", "kept"), [
    ("Ghrelin restrains insulin secretion.", "insulin", None),
    ("The secretion of melatonin rises at night.", "melatonin", None),
    ("Estrogen production in adipose tissue rises.", "estrogen", None),
    ("Androgen signalling drives sebum production.", "androgen", "sebum production"),
    ("Kisspeptin drives the secretion of gonadotropin-releasing hormone.",
     "gonadotropin-releasing hormone", None),
    ("Thyroid hormone synthesis needs iodine.", "thyroid hormone", None),
    ("Hepatic estrogen metabolism and cortisol rhythm differ.", "estrogen", None),
    ("Collagen synthesis falls with age.", None, "collagen synthesis"),
    ("Androgen receptor signalling rises in the scalp.", None, "androgen receptor signaling"),
    ("Rising estradiol triggers the LH surge.", "luteinizing hormone", None),
    ("Vitamin D activation takes place in the kidney.", "vitamin d", None),
    ("The liver dominates hormone metabolism.", None, None),
])
def test_a_hormones_own_process_is_only_the_hormone(extractor: Extractor, text: str,
                                                    hormone: str | None,
                                                    kept: str | None) -> None:
    """Issue 17's rule: in "insulin secretion", "secretion of melatonin", "estrogen signalling"
    annotators tag only the hormone, so the process is not a mention; a process named after
    another substance or a receptor stays."""
    mentions = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T")).mentions
    labels = {(m.type, extractor.vocabulary.concepts[m.entity].pref_label.lower())
              for m in mentions}
    processes = {label for type_, label in labels if type_ is P}
    assert processes == ({kept.lower()} if kept else set())
    if hormone:
        assert (H, hormone) in labels


@pytest.mark.parametrize(("text", "expected"), [
    ("The receptor activates JAK2, then MEK and ERK1/2, and inhibits GSK-3β.",
     {"janus-kinase-2", "mitogen-activated-protein-kinase-kinase",
      "extracellular-signal-regulated-kinase", "glycogen-synthase-kinase-3-beta"}),
    ("SULT2B1 and UGT enzymes conjugate steroids; PAPSS2 supplies the sulfate.",
     {"cholesterol-sulfotransferase", "udp-glucuronosyltransferase", "paps-synthase-2"}),
    ("Estradiol induces PR-A and PR-B; cortisol acts through GRα.",
     {"progesterone-receptor", "glucocorticoid-receptor"}),
    ("Prostaglandin D2 acts through the DP2 receptor in the scalp.",
     {"prostaglandin-d2-receptor-2"}),
    ("Gastrin acts on CCK2 receptors; PYY acts through the Y2 receptor; PKCε blocks it.",
     {"cholecystokinin-b-receptor", "neuropeptide-y-receptor-y2", "protein-kinase-c-epsilon"}),
    ("The Na⁺/K⁺-ATPase of the distal nephron.", {"sodium-potassium-atpase"}),
])
def test_signalling_kinases_conjugating_enzymes_and_isoforms_by_symbol(
        extractor: Extractor, text: str, expected: set[str]) -> None:
    mentions = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T")).mentions
    found = {m.entity.rsplit("/", 1)[-1] for m in mentions
             if m.type in (EntityType.ENZYME, EntityType.RECEPTOR)}
    assert found >= expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Calcium is needed for nerve conduction.", {(P, "nerve conduction")}),
    ("Angiotensin-(1-7) acts on the Mas receptor.",
     {(H, "angiotensin-(1-7)"), (R, "mas receptor")}),
])
def test_class_words_in_a_process_and_bracketed_fragments(extractor: Extractor, text: str,
                                                          expected: set[tuple[object, str]]
                                                          ) -> None:
    """A class word inside a process name ("nerve" in "nerve conduction") is the general kind,
    not a mention; a dash before a bracket does not hide a peptide fragment's name."""
    mentions = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T")).mentions
    assert {(m.type, extractor.vocabulary.concepts[m.entity].pref_label.lower())
            for m in mentions} == expected

"""Relations read from sentences: each cue pattern with a case, and co-occurrence is not enough."""

from __future__ import annotations

import pytest

from hormgraph.ingest import parse_entry
from hormgraph.namespaces import HGO
from hormgraph.pipeline import Extractor

ID = "https://w3id.org/hormgraph/id/"


def relations(extractor: Extractor, text: str) -> set[tuple[str, str, str, str | None]]:
    annotated = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T"))
    def short(iri: str | None) -> str | None:
        return iri.replace(ID, "") if iri else None
    return {(short(r.subject), r.predicate.replace(str(HGO), ""), short(r.object),
             short(r.product)) for r in annotated.relations}  # type: ignore[misc]


@pytest.mark.parametrize(("text", "expected"), [
    ("Aromatase converts testosterone into estradiol.",
     ("enzyme/aromatase", "converts", "hormone/testosterone", "hormone/estradiol")),
    ("Testosterone is converted to dihydrotestosterone by 5α-reductase.",
     ("enzyme/5-alpha-reductase", "converts", "hormone/testosterone",
      "hormone/dihydrotestosterone")),
    ("Cortisol is inactivated by 11β-HSD2 in the kidney.", None),
    ("DHT binds the androgen receptor in the follicle.",
     ("hormone/dihydrotestosterone", "binds", "receptor/androgen-receptor", None)),
    ("Estradiol acts on fibroblasts in the dermis.",
     ("hormone/estradiol", "actsOn", "tissue/fibroblast", None)),
    ("Cortisol is produced in the adrenal cortex.",
     ("hormone/cortisol", "producedIn", "tissue/adrenal-cortex", None)),
    ("Insulin promotes lipogenesis after meals.",
     ("hormone/insulin", "regulates", "process/lipogenesis", None)),
    ("It weighs the relationship between cortisol and DHEA.",
     ("hormone/cortisol", "balancedWith", "hormone/dehydroepiandrosterone", None)),
    ("A healthy progesterone-to-estradiol ratio matters.",
     ("hormone/estradiol", "balancedWith", "hormone/progesterone", None)),
])
def test_cue_patterns(extractor: Extractor, text: str,
                      expected: tuple[str, str, str, str | None] | None) -> None:
    found = relations(extractor, text)
    if expected is None:
        assert all(r[1] != "binds" for r in found)
    else:
        assert expected in found


def test_pronoun_object_does_not_take_the_product(extractor: Extractor) -> None:
    found = relations(extractor, "5α-reductase converts it into DHT in the scalp.")
    assert not any(r[1] == "converts" and r[2] == "hormone/dihydrotestosterone" for r in found)


def test_cooccurrence_alone_is_not_a_relation(extractor: Extractor) -> None:
    assert relations(extractor, "Cortisol, the skin and aromatase are all discussed here.") == set()


def test_relations_keep_their_evidence_sentence(extractor: Extractor) -> None:
    text = "Intro sentence here. Aromatase converts androstenedione into estrone."
    annotated = extractor.annotate(parse_entry(text.encode(), "t.txt", title="T"))
    (relation,) = [r for r in annotated.relations if r.predicate == str(HGO.converts)]
    assert relation.evidence[0].sentence == "Aromatase converts androstenedione into estrone."
    assert not relation.curated


@pytest.mark.parametrize(("text", "expected"), [
    # coordination: one relation per conjunct
    ("Leptin binds LEPR and acts on the hypothalamus and adipocytes.",
     {("hormone/leptin", "binds", "receptor/leptin-receptor", None),
      ("hormone/leptin", "actsOn", "tissue/hypothalamus", None),
      ("hormone/leptin", "actsOn", "tissue/adipocyte", None)}),
    ("Estradiol and progesterone act on the endometrium.",
     {("hormone/estradiol", "actsOn", "tissue/endometrium", None),
      ("hormone/progesterone", "actsOn", "tissue/endometrium", None)}),
    # passive with the enzyme after the product
    ("Androstenedione is converted by 17β-HSD into testosterone.",
     {("enzyme/17-beta-hydroxysteroid-dehydrogenase", "converts", "hormone/androstenedione",
       "hormone/testosterone")}),
    # nominalisation
    ("The conversion of cortisone to cortisol by 11β-HSD1 rises with age.",
     {("enzyme/11-beta-hydroxysteroid-dehydrogenase-type-1", "converts", "hormone/cortisone",
       "hormone/cortisol")}),
    # participle
    ("Insulin, secreted by beta cells, lowers blood glucose.",
     {("hormone/insulin", "producedIn", "tissue/beta-cell", None)}),
    # a hormone named only as made from another, by an enzyme
    ("5α-reductase produces DHT from testosterone.",
     {("enzyme/5-alpha-reductase", "converts", "hormone/testosterone",
       "hormone/dihydrotestosterone")}),
])
def test_constructions(extractor: Extractor, text: str,
                       expected: set[tuple[str, str, str, str | None]]) -> None:
    assert relations(extractor, text) >= expected


@pytest.mark.parametrize("text", [
    "Cortisol does not bind the androgen receptor.",
    "Whether melatonin acts on the liver is unknown.",
])
def test_negated_or_hypothetical_statements_are_not_read(extractor: Extractor,
                                                          text: str) -> None:
    assert relations(extractor, text) == set()


def test_locatives_give_expressed_in(extractor: Extractor) -> None:
    found = relations(extractor, "Type 2 deiodinase, abundant in brown fat and the pituitary, "
                                 "activates thyroxine.")
    tissues = {r[2] for r in found if r[1] == "expressedIn"}
    assert len(tissues) == 2


def test_a_relation_stated_twice_keeps_both_sentences(extractor: Extractor) -> None:
    annotated = extractor.annotate(parse_entry(
        b"Aromatase converts testosterone into estradiol. Later, aromatase converts "
        b"testosterone into estradiol again.", "t.txt", title="T"))
    starts = {r.evidence[0].sentence_start for r in annotated.relations
              if r.predicate == str(HGO.converts)}
    assert len(starts) == 2


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a tissue qualifying the process it precedes does not hide the process from its verb
    ("Cortisol suppresses fibroblast collagen synthesis.",
     {("hormone/cortisol", "regulates", "process/collagen-synthesis", None)},
     {("hormone/cortisol", "actsOn", "tissue/fibroblast", None)}),
    # a scene-setting locative places the enzymes and receptors of its clause ...
    ("In the liver, glucagon activates glycogen phosphorylase to release glucose.",
     {("enzyme/glycogen-phosphorylase", "expressedIn", "tissue/liver", None)}, set()),
    # ... and the hormone whose production the clause names
    ("In adipose tissue, cortisol lowers adiponectin production.",
     {("hormone/adiponectin", "producedIn", "tissue/adipose-tissue", None)}, set()),
    # ... but not an entity with a place of its own
    ("In the skin, cortisol binds the glucocorticoid receptor in fibroblasts.",
     {("receptor/glucocorticoid-receptor", "expressedIn", "tissue/fibroblast", None)},
     {("receptor/glucocorticoid-receptor", "expressedIn", "tissue/skin", None)}),
    # acting on a receptor in a tissue is acting on the tissue
    ("Thyroxine acts on the thyroid hormone receptor in the heart.",
     {("hormone/thyroxine", "actsOn", "tissue/heart", None)}, set()),
    ("Cortisol feeds back on the pituitary.",
     {("hormone/cortisol", "actsOn", "tissue/pituitary-gland", None)}, set()),
    # a class noun after a copula stands for the subject it describes
    ("Somatostatin is a peptide hormone secreted by delta cells.",
     {("hormone/somatostatin", "producedIn", "tissue/delta-cell", None)},
     {("hormone/peptide-hormone", "producedIn", "tissue/delta-cell", None)}),
    ("Somatostatin slows a peptide hormone secreted by delta cells.", set(),
     {("hormone/somatostatin", "producedIn", "tissue/delta-cell", None)}),
    ("Aromatase is the enzyme that makes estradiol from testosterone.",
     {("enzyme/aromatase", "converts", "hormone/testosterone", "hormone/estradiol")}, set()),
])
def test_more_constructions(extractor: Extractor, text: str,
                            expected: set[tuple[str, str, str, str | None]],
                            absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # "rising X" qualifies X: X still governs its verb
    ("Rising estradiol stimulates endometrial proliferation and angiogenesis.",
     {("hormone/estradiol", "regulates", "process/angiogenesis", None)}, set()),
    # a change in a hormone governs as the hormone does; verbs that move a tissue into a state
    ("The sudden fall in progesterone sends the endometrium into menstruation.",
     {("hormone/progesterone", "regulates", "process/menstruation", None)}, set()),
    ("The kidney is not only a target of aldosterone but also a source of renin.",
     {("hormone/aldosterone", "actsOn", "tissue/kidney", None)}, set()),
    ("The kidney is not a target of aldosterone.", set(),
     {("hormone/aldosterone", "actsOn", "tissue/kidney", None)}),
    # a receptor in apposition does not stand between a hormone and the tissue it acts on
    ("PTH acts through its receptor, PTH1R, on osteoblasts.",
     {("hormone/parathyroid-hormone", "actsOn", "tissue/osteoblast", None)}, set()),
    ("AdipoR2, predominant in the liver, binds adiponectin.",
     {("receptor/adiponectin-receptor-2", "expressedIn", "tissue/liver", None)}, set()),
    # a receptor named as the way a hormone acts is still placed by its locative
    ("Calcitriol, acting through the vitamin D receptor in keratinocytes, promotes "
     "differentiation.",
     {("receptor/vitamin-d-receptor", "expressedIn", "tissue/keratinocyte", None)}, set()),
    # coordinated passive participles
    ("Oxytocin is made in the hypothalamus and released from the posterior pituitary.",
     {("hormone/oxytocin", "producedIn", "tissue/posterior-pituitary", None)}, set()),
    # a possessive tissue qualifies the one it owns (a containing structure is not related)
    ("Calcitonin from the thyroid's parafollicular cells opposes PTH.",
     {("hormone/calcitonin", "producedIn", "tissue/parafollicular-cell", None)},
     {("hormone/calcitonin", "producedIn", "tissue/thyroid-gland", None)}),
    # "secretion of X" stands for X
    ("In the ovary, FSH increases secretion of estradiol from granulosa cells.",
     {("hormone/follicle-stimulating-hormone", "regulates", "hormone/estradiol", None),
      ("hormone/estradiol", "producedIn", "tissue/granulosa-cell", None)}, set()),
    # a tissue converting A into B makes B; an enzyme in a tissue converting does not say so
    ("Keratinocytes convert cortisone to cortisol.",
     {("hormone/cortisol", "producedIn", "tissue/keratinocyte", None)}, set()),
    ("Aromatase in adipose tissue converts testosterone into estradiol.",
     {("enzyme/aromatase", "expressedIn", "tissue/adipose-tissue", None)},
     {("hormone/estradiol", "producedIn", "tissue/adipose-tissue", None)}),
    ("The anagen phase is prolonged by estradiol.",
     {("hormone/estradiol", "regulates", "process/anagen", None)}, set()),
])
def test_subjects_modifiers_and_appositions(extractor: Extractor, text: str,
                                            expected: set[tuple[str, str, str, str | None]],
                                            absent: set[tuple[str, str, str, str | None]]
                                            ) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # "it" beginning a later clause names the last subject before it
    ("Cortisol binds glucocorticoid receptors in the liver, and it feeds back on the pituitary.",
     {("hormone/cortisol", "actsOn", "tissue/pituitary-gland", None)}, set()),
    ("Whereas estradiol acts on the uterus, progesterone calms it, and it acts on the breast.",
     {("hormone/progesterone", "actsOn", "tissue/breast", None)},
     {("hormone/estradiol", "actsOn", "tissue/breast", None)}),
    # "it" does not name a plural
    ("Estrogens act on the dermis; it thickens the epidermis.", set(),
     {("hormone/estrogen", "actsOn", "tissue/epidermis", None)}),
    # nominalised conversions that an enzyme carries out
    ("Ghrelin requires acylation by ghrelin O-acyltransferase to become active.",
     {("enzyme/ghrelin-o-acyltransferase", "converts", "hormone/ghrelin", None)}, set()),
    ("Type 1 deiodinase removes an iodine from the outer ring of thyroxine to produce "
     "triiodothyronine.",
     {("enzyme/type-1-deiodinase", "converts", "hormone/thyroxine",
       "hormone/triiodothyronine")}, set()),
    # only the product named: not a conversion
    ("Type 2 deiodinase strips an iodine atom to yield triiodothyronine.", set(),
     {("enzyme/type-2-deiodinase", "converts", "hormone/triiodothyronine", None)}),
    # definitions and appositions
    ("Leptin, in the language of endocrinology, refers to the hormone released by adipocytes.",
     {("hormone/leptin", "producedIn", "tissue/adipocyte", None)}, set()),
    ("Cortisol, a glucocorticoid produced by the adrenal cortex, rises at dawn.",
     {("hormone/cortisol", "producedIn", "tissue/adrenal-cortex", None)},
     {("hormone/glucocorticoid", "producedIn", "tissue/adrenal-cortex", None)}),
    ("Cortisol, the chief product of the zona fasciculata, rises in the morning.",
     {("hormone/cortisol", "producedIn", "tissue/zona-fasciculata", None)}, set()),
    ("Cortisol, released by the adrenal cortex in response to ACTH, mobilises glucose.",
     {("hormone/adrenocorticotropic-hormone", "regulates", "hormone/cortisol", None)}, set()),
])
def test_pronouns_definitions_and_nominal_conversions(
        extractor: Extractor, text: str, expected: set[tuple[str, str, str, str | None]],
        absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a process qualified by a tissue is an object like any other; verb phrases share a subject
    ("In the dermis, estradiol boosts fibroblast collagen synthesis, can push hair follicles "
     "into anagen and upregulates angiogenesis in endothelial cells.",
     {("hormone/estradiol", "regulates", "process/anagen", None),
      ("hormone/estradiol", "regulates", "process/angiogenesis", None)}, set()),
    ("LH acts through the LH receptor to increase cholesterol uptake and secretion of "
     "testosterone.",
     {("hormone/luteinizing-hormone", "regulates", "hormone/testosterone", None)}, set()),
    ("Insulin secretion is blunted by somatostatin and stimulated by GLP-1.",
     {("hormone/glucagon-like-peptide-1", "regulates", "hormone/insulin", None)}, set()),
    # examples after "such as" do not stand between a subject and its next verb
    ("Melatonin up-regulates enzymes such as catalase and dampens inflammation.",
     {("hormone/melatonin", "regulates", "process/inflammatory-response", None)}, set()),
    ("Cortisol can over-activate the mineralocorticoid receptor, impairing wound healing.",
     {("hormone/cortisol", "regulates", "process/wound-healing", None)}, set()),
    ("DHT formed by 5α-reductase in the dermal papilla alters IGF-1 output.",
     {("hormone/dihydrotestosterone", "producedIn", "tissue/dermal-papilla", None)}, set()),
    # a negation inside an aside does not negate the clause ...
    ("Unbound cortisol — the portion not carried by albumin — enters keratinocytes.",
     {("hormone/cortisol", "actsOn", "tissue/keratinocyte", None)}, set()),
    # ... one in the clause does
    ("GnRH prompts the pituitary to release LH.",
     {("hormone/gonadotropin-releasing-hormone", "actsOn", "tissue/pituitary-gland", None)},
     set()),
    ("GnRH does not prompt the pituitary to release LH.", set(),
     {("hormone/gonadotropin-releasing-hormone", "actsOn", "tissue/pituitary-gland", None)}),
])
def test_shared_subjects_and_asides(extractor: Extractor, text: str,
                                    expected: set[tuple[str, str, str, str | None]],
                                    absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("Cortisone is converted within the cell by 11β-HSD1 into cortisol.",
     {("enzyme/11-beta-hydroxysteroid-dehydrogenase-type-1", "converts", "hormone/cortisone",
       "hormone/cortisol")}, set()),
    ("Sebocytes with higher androgen receptor expression enlarge.",
     {("receptor/androgen-receptor", "expressedIn", "tissue/sebocyte", None)}, set()),
    ("The dermis is a genuine estrogen target tissue.",
     {("hormone/estrogen", "actsOn", "tissue/dermis", None)}, set()),
    # a tissue adjective before a hormone's output names where the hormone is made
    ("Elevated ovarian androgen production follows.",
     {("hormone/androgen", "producedIn", "tissue/ovary", None)}, set()),
    ("Elevated ovarian androgen follows.", set(),
     {("hormone/androgen", "producedIn", "tissue/ovary", None)}),
    # every listed object of "express"
    ("Keratinocytes and fibroblasts express estrogen receptors, the aromatase enzyme and more.",
     {("enzyme/aromatase", "expressedIn", "tissue/fibroblast", None)}, set()),
    ("Adipose tissue and skin, like other tissues, convert androstenedione into testosterone.",
     {("hormone/testosterone", "producedIn", "tissue/skin", None)}, set()),
])
def test_passives_targets_and_outputs(extractor: Extractor, text: str,
                                      expected: set[tuple[str, str, str, str | None]],
                                      absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a participle phrase opening the sentence describes the subject after its comma
    ("Secreted mainly by the liver in response to growth hormone, and produced locally in the "
     "dermal papilla, IGF-1 keeps keratinocytes dividing.",
     {("hormone/insulin-like-growth-factor-1", "producedIn", "tissue/liver", None),
      ("hormone/insulin-like-growth-factor-1", "producedIn", "tissue/dermal-papilla", None),
      ("hormone/growth-hormone", "regulates", "hormone/insulin-like-growth-factor-1", None)},
     set()),
    ("Once bound by estradiol, ERβ dimerises.",
     {("hormone/estradiol", "binds", "receptor/estrogen-receptor-beta", None)}, set()),
    # not a participle phrase: a subject of its own
    ("Insulin acts on the liver, and glucagon opposes it.", set(),
     {("hormone/glucagon", "actsOn", "tissue/liver", None)}),
    # mixed lists after express; a receptor's verb placed in a tissue
    ("Keratinocytes express CRH, its receptor CRH-R1, and the enzyme 11β-HSD1.",
     {("receptor/corticotropin-releasing-hormone-receptor-1", "expressedIn",
       "tissue/keratinocyte", None),
      ("hormone/corticotropin-releasing-hormone", "producedIn", "tissue/keratinocyte", None)},
     set()),
    ("ERα drives proliferation in the uterus.",
     {("receptor/estrogen-receptor-alpha", "expressedIn", "tissue/uterus", None)}, set()),
    ("ERβ is the dominant subtype in dermal fibroblasts.",
     {("receptor/estrogen-receptor-beta", "expressedIn", "tissue/fibroblast", None)}, set()),
    ("Estrogen production by aromatase in adipose tissue continues.",
     {("hormone/estrogen", "producedIn", "tissue/adipose-tissue", None)}, set()),
])
def test_fronted_participles_and_mixed_lists(extractor: Extractor, text: str,
                                             expected: set[tuple[str, str, str, str | None]],
                                             absent: set[tuple[str, str, str, str | None]]
                                             ) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # "respectively" pairs two lists member by member ...
    ("Estradiol and progesterone act on the endometrium and the myometrium, respectively.",
     {("hormone/estradiol", "actsOn", "tissue/endometrium", None),
      ("hormone/progesterone", "actsOn", "tissue/myometrium", None)},
     {("hormone/estradiol", "actsOn", "tissue/myometrium", None),
      ("hormone/progesterone", "actsOn", "tissue/endometrium", None)}),
    ("Aromatase and 5α-reductase convert testosterone to estradiol and DHT, respectively.",
     {("enzyme/aromatase", "converts", "hormone/testosterone", "hormone/estradiol"),
      ("enzyme/5-alpha-reductase", "converts", "hormone/testosterone",
       "hormone/dihydrotestosterone")},
     {("enzyme/aromatase", "converts", "hormone/testosterone", "hormone/dihydrotestosterone")}),
    ("Aromatase converts androstenedione and testosterone to estrone and estradiol, "
     "respectively.",
     {("enzyme/aromatase", "converts", "hormone/androstenedione", "hormone/estrone")},
     {("enzyme/aromatase", "converts", "hormone/androstenedione", "hormone/estradiol")}),
    # ... without it, every pair is stated
    ("Estradiol and progesterone act on the endometrium and the myometrium.",
     {("hormone/estradiol", "actsOn", "tissue/myometrium", None)}, set()),
    # nominalised regulation of a hormone's secretion
    ("Stimulation of testosterone secretion by LH occurs in Leydig cells.",
     {("hormone/luteinizing-hormone", "regulates", "hormone/testosterone", None)}, set()),
    ("LH-driven testosterone production rises.",
     {("hormone/luteinizing-hormone", "regulates", "hormone/testosterone", None)}, set()),
])
def test_respectively_and_nominal_regulation(extractor: Extractor, text: str,
                                             expected: set[tuple[str, str, str, str | None]],
                                             absent: set[tuple[str, str, str, str | None]]
                                             ) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a tissue named as a place does not make what the enzyme placed in it produces ...
    ("Type 1 deiodinase, found mainly in the liver, removes an iodine from thyroxine to "
     "produce triiodothyronine.",
     {("enzyme/type-1-deiodinase", "expressedIn", "tissue/liver", None)},
     {("hormone/triiodothyronine", "producedIn", "tissue/liver", None)}),
    # ... but an infinitive makes a tissue the agent, and "cells of" a tissue are the tissue
    ("GnRH prompts the pituitary to release LH.",
     {("hormone/luteinizing-hormone", "producedIn", "tissue/pituitary-gland", None)}, set()),
    ("In the ovary, cells of the corpus luteum use 3β-HSD to make progesterone.",
     {("hormone/progesterone", "producedIn", "tissue/corpus-luteum", None)},
     {("hormone/progesterone", "producedIn", "tissue/ovary", None)}),
])
def test_tissues_as_agents(extractor: Extractor, text: str,
                           expected: set[tuple[str, str, str, str | None]],
                           absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("Insulin crosses into the hypothalamus and binds the insulin receptor on cells of the "
     "arcuate nucleus.",
     {("hormone/insulin", "actsOn", "tissue/hypothalamus", None),
      ("receptor/insulin-receptor", "expressedIn", "tissue/arcuate-nucleus", None)}, set()),
    # turning a tissue into another state; the copula complement does not take precedence
    ("Estradiol is the sex hormone that turns the progesterone-primed endometrium into a thick "
     "layer.",
     {("hormone/estradiol", "actsOn", "tissue/endometrium", None)}, set()),
    ("Endocrinologists now view adipose tissue as both a target and a source of estrogen.",
     {("hormone/estrogen", "actsOn", "tissue/adipose-tissue", None),
      ("hormone/estrogen", "producedIn", "tissue/adipose-tissue", None)}, set()),
    # hormones stated to act on each other
    ("Calcitonin is the physiological counterpart of PTH.",
     {("hormone/calcitonin", "balancedWith", "hormone/parathyroid-hormone", None)}, set()),
    ("Cortisol and DHEA interact in the skin.",
     {("hormone/cortisol", "balancedWith", "hormone/dehydroepiandrosterone", None)}, set()),
    ("Cortisol and DHEA act in the skin.", set(),
     {("hormone/cortisol", "balancedWith", "hormone/dehydroepiandrosterone", None)}),
])
def test_targets_partners_and_transformations(extractor: Extractor, text: str,
                                              expected: set[tuple[str, str, str, str | None]],
                                              absent: set[tuple[str, str, str, str | None]]
                                              ) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a participle qualifying a subject does not make it an object
    ("Sustained cortisol exposure impairs barrier recovery and delays wound healing.",
     {("hormone/cortisol", "regulates", "process/wound-healing", None)}, set()),
    ("Raised cortisol suppresses CRH release, delaying wound healing and keeping DHEA low.",
     {("hormone/cortisol", "regulates", "process/wound-healing", None),
      ("hormone/cortisol", "regulates", "hormone/dehydroepiandrosterone", None)}, set()),
    # ... and a participle right before a process qualifies it
    ("Reduced IGF-1 limits angiogenesis, and reduced sebum production dries the skin.",
     {("hormone/insulin-like-growth-factor-1", "regulates", "process/angiogenesis", None)},
     {("hormone/insulin-like-growth-factor-1", "regulates", "process/sebum-production", None)}),
    # raising or lowering a hormone's level
    ("TSH upregulates thyroid peroxidase in thyrocytes, raising thyroxine.",
     {("hormone/thyroid-stimulating-hormone", "regulates", "hormone/thyroxine", None)}, set()),
    # the object of a control verb is the agent of the infinitive after it
    ("PKA activates glycogen phosphorylase to drive glycogenolysis.",
     {("enzyme/glycogen-phosphorylase", "regulates", "process/glycogenolysis", None)}, set()),
    # association is not regulation
    ("Elevated cortisol is associated with slower wound healing.", set(),
     {("hormone/cortisol", "regulates", "process/wound-healing", None)}),
    # coordinated passives and nominal regulation placed in a tissue
    ("Anagen is sustained by growth factors and is prolonged by estradiol.",
     {("hormone/estradiol", "regulates", "process/anagen", None)}, set()),
    ("The stimulation of lipogenesis in the liver by insulin is rapid.",
     {("hormone/insulin", "regulates", "process/lipogenesis", None)}, set()),
])
def test_qualifiers_levels_and_control(extractor: Extractor, text: str,
                                       expected: set[tuple[str, str, str, str | None]],
                                       absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("In breast tissue, DHEA-S is desulfated by steroid sulfatase.",
     {("enzyme/steroid-sulfatase", "converts", "hormone/dehydroepiandrosterone-sulfate", None)},
     set()),
    ("Ghrelin is acylated at its third residue with a fatty acid by GOAT.",
     {("enzyme/ghrelin-o-acyltransferase", "converts", "hormone/ghrelin", None)}, set()),
    # a nominalised conversion that an enzyme carries out keeps its product
    ("CYP11B1 completes the conversion of 11-deoxycortisol to cortisol.",
     {("enzyme/11-beta-hydroxylase", "converts", "hormone/11-deoxycortisol",
       "hormone/cortisol")}, set()),
    ("Progesterone reduces the activity of 5α-reductase.",
     {("hormone/progesterone", "inhibits", "enzyme/5-alpha-reductase", None)}, set()),
    # "converts it" past an aside
    ("The liver makes calcidiol, and 1α-hydroxylase — present in the kidney — converts it into "
     "calcitriol.",
     {("enzyme/1-alpha-hydroxylase", "converts", "hormone/calcidiol", "hormone/calcitriol")},
     set()),
    # a conversion noun is not a tissue's converting verb
    ("Ghrelin is produced in the stomach and requires acylation by GOAT.", set(),
     {("enzyme/ghrelin-o-acyltransferase", "expressedIn", "tissue/stomach", None)}),
])
def test_conversions_in_more_forms(extractor: Extractor, text: str,
                                   expected: set[tuple[str, str, str, str | None]],
                                   absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("Keratinocytes express the vitamin D receptor along with high levels of 1α-hydroxylase.",
     {("enzyme/1-alpha-hydroxylase", "expressedIn", "tissue/keratinocyte", None)}, set()),
    # an enzyme's activity in a tissue places the enzyme there
    ("Aromatase activity in breast tissue raises local estradiol.",
     {("enzyme/aromatase", "expressedIn", "tissue/breast", None)}, set()),
    # a scene-setting place with its containing structure
    ("Within the theca cells of the ovary, CYP17A1 converts progesterone into "
     "androstenedione.",
     {("enzyme/17-alpha-hydroxylase", "expressedIn", "tissue/theca-cell", None)},
     {("enzyme/17-alpha-hydroxylase", "expressedIn", "tissue/ovary", None)}),
    ("Leptin acts on the hypothalamus, where it activates POMC neurons.",
     {("hormone/leptin", "actsOn", "tissue/pomc-neuron", None)}, set()),
    ("Progesterone also modulates mast cells.",
     {("hormone/progesterone", "actsOn", "tissue/mast-cell", None)}, set()),
])
def test_places_and_activities(extractor: Extractor, text: str,
                               expected: set[tuple[str, str, str, str | None]],
                               absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # the verb after an appositive belongs to the appositive's head, not to a tissue inside it
    ("The corpus luteum, a structure formed from the ruptured follicle, secretes progesterone.",
     {("hormone/progesterone", "producedIn", "tissue/corpus-luteum", None)},
     {("hormone/progesterone", "producedIn", "tissue/ovarian-follicle", None)}),
    # a participle after the comma still describes the group before it
    ("The discovery of FGF23, secreted by osteocytes, changed bone biology.",
     {("hormone/fibroblast-growth-factor-23", "producedIn", "tissue/osteocyte", None)}, set()),
])
def test_appositive_heads(extractor: Extractor, text: str,
                          expected: set[tuple[str, str, str, str | None]],
                          absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # a list ended by "and" does not take in the next comma's group
    ("By suppressing kisspeptin and GnRH, high prolactin inhibits ovulation.",
     {("hormone/prolactin", "regulates", "process/ovulation", None)},
     {("hormone/kisspeptin", "regulates", "process/ovulation", None)}),
    # a tissue inside another is where the first sits, not an agent of its own
    ("Enteroendocrine cells in the intestinal epithelium release GLP-1.",
     {("hormone/glucagon-like-peptide-1", "producedIn", "tissue/enteroendocrine-cell", None)},
     {("hormone/glucagon-like-peptide-1", "producedIn", "tissue/intestinal-epithelium",
       None)}),
    # an infinitive's agent is the tissue before it, not one it contains or a farther one
    ("FSH stimulates granulosa cells in the ovary to produce estradiol.",
     {("hormone/estradiol", "producedIn", "tissue/granulosa-cell", None)},
     {("hormone/estradiol", "producedIn", "tissue/ovary", None)}),
    ("TRH from the hypothalamus signals the pituitary to release TSH.",
     {("hormone/thyroid-stimulating-hormone", "producedIn", "tissue/pituitary-gland", None)},
     {("hormone/thyroid-stimulating-hormone", "producedIn", "tissue/hypothalamus", None)}),
])
def test_lists_places_and_agents(extractor: Extractor, text: str,
                                 expected: set[tuple[str, str, str, str | None]],
                                 absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected", "absent"), [
    ("Melatonin is synthesised from serotonin in the pineal gland.",
     {("hormone/melatonin", "producedIn", "tissue/pineal-gland", None)}, set()),
    # an appositive between a hormone and its passive participle
    ("Ghrelin, the hunger hormone, is secreted by the stomach.",
     {("hormone/ghrelin", "producedIn", "tissue/stomach", None)}, set()),
    # a process named by a verb form is the verb
    ("Testosterone is aromatised to estradiol in adipose tissue by aromatase.",
     {("enzyme/aromatase", "converts", "hormone/testosterone", "hormone/estradiol")}, set()),
])
def test_participles_and_verb_forms(extractor: Extractor, text: str,
                                    expected: set[tuple[str, str, str, str | None]],
                                    absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected"), [
    ("DHT, formed from testosterone by 5α-reductase, binds the androgen receptor.",
     {("enzyme/5-alpha-reductase", "converts", "hormone/testosterone",
       "hormone/dihydrotestosterone")}),
    ("Estrone, which is made from androstenedione by aromatase, rises after menopause.",
     {("enzyme/aromatase", "converts", "hormone/androstenedione", "hormone/estrone")}),
])
def test_products_named_before_their_source(extractor: Extractor, text: str,
                                            expected: set[tuple[str, str, str, str | None]]
                                            ) -> None:
    assert relations(extractor, text) >= expected


@pytest.mark.parametrize(("text", "expected", "absent"), [
    # "H signalling" stands for the hormone, and a relative clause's subject governs
    ("Hormonal acne is acne in which androgen signalling in the skin drives sebum production.",
     {("hormone/androgen", "actsOn", "tissue/skin", None),
      ("hormone/androgen", "regulates", "process/sebum-production", None)}, set()),
    ("Androgen signalling increases sebocyte proliferation.",
     {("hormone/androgen", "regulates", "process/sebocyte-proliferation", None)}, set()),
    ("Androgen signalling does not act in the liver.", set(),
     {("hormone/androgen", "actsOn", "tissue/liver", None)}),
    # a hormone's secretion is the hormone, also when its name runs on past a process label
    ("Kisspeptin stimulates the secretion of gonadotropin-releasing hormone.",
     {("hormone/kisspeptin", "regulates", "hormone/gonadotropin-releasing-hormone", None)},
     {("hormone/kisspeptin", "regulates", "process/gonadotropin-secretion", None)}),
    ("Ghrelin restrains insulin secretion.",
     {("hormone/ghrelin", "regulates", "hormone/insulin", None)},
     {("hormone/ghrelin", "regulates", "process/insulin-secretion", None)}),
])
def test_hormone_signalling(extractor: Extractor, text: str,
                            expected: set[tuple[str, str, str, str | None]],
                            absent: set[tuple[str, str, str, str | None]]) -> None:
    found = relations(extractor, text)
    assert found >= expected
    assert not found & absent


@pytest.mark.parametrize(("text", "expected"), [
    ("Prolactin, through its established role in lactation, also affects the skin.",
     {("hormone/prolactin", "regulates", "process/lactation", None)}),
    ("Vasopressin is best known for its central role in water balance.",
     {("hormone/vasopressin", "regulates", "process/water-homeostasis", None)}),
])
def test_possessive_roles(extractor: Extractor, text: str,
                          expected: set[tuple[str, str, str, str | None]]) -> None:
    assert relations(extractor, text) >= expected


def test_a_receptor_acted_on_does_not_govern(extractor: Extractor) -> None:
    found = relations(extractor, "Adrenaline acting on beta-2 adrenergic receptors slows "
                                 "wound healing.")
    assert ("hormone/epinephrine", "regulates", "process/wound-healing", None) in found
    assert not any(r[0].startswith("receptor/") and r[1] == "regulates" for r in found)

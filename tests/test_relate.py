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

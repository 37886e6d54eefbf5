"""Score extraction against gold annotations (JSON Lines, the format of shared/gold/README.md).

Per file, a gold entity is found when the term mentions an entity of the same type one of whose
labels, in any spelling the matcher accepts, equals the gold canonical name or a surface form.
Precision = found / predictions that match no optional entity; recall = found / gold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hormgraph.errors import InputError
from hormgraph.model import AnnotatedEntry, EntityType
from hormgraph.normalize import fold_label
from hormgraph.vocabulary import Vocabulary
from hormgraph.wordforms import receptor_names, spellings


@dataclass(frozen=True)
class GoldEntity:
    type: EntityType
    canonical: str
    surfaces: tuple[str, ...]

    def names(self) -> set[str]:
        return {fold_label(s) for s in (self.canonical, *self.surfaces)}


@dataclass(frozen=True)
class GoldEntry:
    file: str
    term: str
    entities: tuple[GoldEntity, ...]
    optional: tuple[GoldEntity, ...]


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.found / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_type: dict[EntityType, Score] = field(default_factory=lambda: {t: Score()
                                                                       for t in EntityType})
    misses: list[tuple[str, EntityType, str]] = field(default_factory=list)
    false_hits: list[tuple[str, EntityType, str]] = field(default_factory=list)
    files: int = 0

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.by_type.values():
            total.found += score.found
            total.gold += score.gold
            total.predicted += score.predicted
        return total


def read_gold(path: Path) -> list[GoldEntry]:
    """Read a gold JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path.name, f"cannot read the gold file ({error})") from error

    def entities(items: Iterable[dict[str, Any]]) -> tuple[GoldEntity, ...]:
        return tuple(GoldEntity(EntityType(str(i["type"])), str(i["canonical"]),
                                tuple(str(s) for s in i.get("surface") or []))
                     for i in items)

    gold = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold.append(GoldEntry(row["file"], row.get("term", ""),
                                  entities(row.get("entities", [])),
                                  entities(row.get("optional", []))))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(path.name, f"line {number}: not a gold record ({error})") from error
    return gold


def evaluate(gold: Sequence[GoldEntry], annotated: Sequence[AnnotatedEntry],
             vocabulary: Vocabulary) -> Report:
    """Score the annotated entries against the gold, file by file."""
    by_file = {item.entry.source: item for item in annotated}
    names: dict[str, set[str]] = {}
    report = Report()
    for record in gold:
        item = by_file.get(record.file)
        if item is None:
            raise InputError(record.file, "named in the gold but not among the entries")
        report.files += 1
        predicted = sorted({(m.entity, m.type) for m in item.mentions})
        for iri, _ in predicted:
            if iri not in names:
                concept = vocabulary.concepts[iri]
                names[iri] = set().union(*(spellings(x) for x in (
                    *concept.labels, *concept.adjectives, *receptor_names(concept))))
        for type_, score in report.by_type.items():
            mine = [iri for iri, t in predicted if t is type_]
            gold_here = [g for g in record.entities if g.type is type_]
            optional = [g for g in record.optional if g.type is type_]
            matched_predictions = set()
            for g in gold_here:
                hits = [iri for iri in mine if names[iri] & g.names()]
                if hits:
                    score.found += 1
                    matched_predictions.update(hits)
                else:
                    report.misses.append((record.file, type_, g.canonical))
            for iri in mine:
                if any(names[iri] & o.names() for o in optional) and iri not in \
                        matched_predictions:
                    continue
                score.predicted += 1
                if iri not in matched_predictions:
                    report.false_hits.append((record.file, type_,
                                              vocabulary.concepts[iri].pref_label))
            score.gold += len(gold_here)
    return report


def format_report(report: Report) -> str:
    """The report as a plain-text table, then the misses and false hits."""
    lines = [f"{'type':<10} {'gold':>5} {'pred':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    rows = [*((t.value, s) for t, s in report.by_type.items()), ("overall", report.overall)]
    for name, s in rows:
        lines.append(f"{name:<10} {s.gold:>5} {s.predicted:>5} {s.found:>5} "
                     f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
    lines.append(f"\nmisses ({len(report.misses)}):")
    lines += [f"  {f}  {t.value:<9} {c}" for f, t, c in report.misses]
    lines.append(f"false hits ({len(report.false_hits)}):")
    lines += [f"  {f}  {t.value:<9} {c}" for f, t, c in report.false_hits]
    return "\n".join(lines)


@dataclass(frozen=True)
class GoldRelation:
    """One relation a sentence of an entry states, with its ends as written."""

    file: str
    type: str
    subject: str
    object: str
    product: str | None
    sentence: str


@dataclass
class RelationReport:
    by_type: dict[str, Score] = field(default_factory=dict)
    misses: list[GoldRelation] = field(default_factory=list)
    false_hits: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    products: Score = field(default_factory=Score)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.by_type.values():
            total.found += score.found
            total.gold += score.gold
            total.predicted += score.predicted
        return total


def read_relation_gold(path: Path) -> list[GoldRelation]:
    """Read relation gold: JSON Lines of file, type, subject, object, product, sentence."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path.name, f"cannot read the gold file ({error})") from error
    gold = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold.append(GoldRelation(str(row["file"]), str(row["type"]), str(row["subject"]),
                                     str(row["object"]),
                                     str(row["product"]) if row.get("product") else None,
                                     str(row.get("sentence") or "")))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(path.name, f"line {number}: not a relation record ({error})") \
                from error
    return gold


def _sentence_words(text: str) -> frozenset[str]:
    return frozenset(fold_label(text).split())


def _same_sentence(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences are the same when most of the shorter one's words are in the other (the
    gold's sentence may keep a heading or an entity the reader decoded)."""
    if not a or not b:
        return True
    return len(a & b) >= 0.7 * min(len(a), len(b))


def evaluate_relations(gold: Sequence[GoldRelation], annotated: Sequence[AnnotatedEntry],
                       vocabulary: Vocabulary) -> RelationReport:
    """Score the relations read from text against relation gold, sentence by sentence.

    A gold relation is found when a relation of its type was read from the same sentence with
    ends whose labels (or surfaces) match the gold's names; balancedWith matches either way round.
    A conversion's product is scored on its own (`products`).
    """
    by_file = {item.entry.source: item for item in annotated}
    cache: dict[str, set[str]] = {}

    def names(iri: str) -> set[str]:
        if iri not in cache:
            concept = vocabulary.concepts.get(iri)
            labels = (*concept.labels, *concept.adjectives) if concept else ()
            cache[iri] = set().union(set(), *(spellings(x) for x in labels))
        return cache[iri]

    report = RelationReport()
    predicted: dict[str, list[tuple[str, str, str, str | None, frozenset[str], set[str],
                                    set[str], bool]]] = {}
    for file in sorted({g.file for g in gold} - set(by_file)):
        raise InputError(file, "named in the relation gold but not among the entries")
    for file, item in sorted(by_file.items()):
        rows = predicted.setdefault(file, [])
        for relation in item.relations:
            if relation.curated:
                continue
            kind = relation.predicate.rsplit("#", 1)[-1]
            first, second = relation.evidence[0], relation.evidence[1]
            rows.append((kind, relation.subject, relation.object, relation.product,
                         _sentence_words(first.sentence),
                         names(relation.subject) | {fold_label(first.surface)},
                         names(relation.object) | {fold_label(second.surface)}, False))
    for g in gold:
        score = report.by_type.setdefault(g.type, Score())
        score.gold += 1
        words = _sentence_words(g.sentence)
        s_names, o_names = spellings(g.subject), spellings(g.object)
        rows = predicted[g.file]
        hit = None
        for i, (kind, _, _, _, sentence, subj, obj, _) in enumerate(rows):
            if kind != g.type or not _same_sentence(words, sentence):
                continue
            straight = _meet(subj, s_names) and _meet(obj, o_names)
            crossed = kind == "balancedWith" and _meet(subj, o_names) and _meet(obj, s_names)
            if straight or crossed:
                hit = i
                break
        if hit is None:
            report.misses.append(g)
            continue
        score.found += 1
        row = rows[hit]
        rows[hit] = (*row[:7], True)
        if g.product:
            report.products.gold += 1
            if row[3] and names(row[3]) & spellings(g.product):
                report.products.found += 1
    for file, rows in predicted.items():
        for kind, subject_iri, object_iri, _, _, _, _, matched in rows:
            score = report.by_type.setdefault(kind, Score())
            score.predicted += 1
            if not matched:
                report.false_hits.append((file, kind, _label(vocabulary, subject_iri),
                                          _label(vocabulary, object_iri), ""))
    return report


_GENERIC_HEAD = re.compile(r" (?:cells?|neurons?|tissues?|glands?)$")


def _meet(predicted: set[str], gold: set[str]) -> bool:
    """Whether a predicted end names the gold's: a spelling in common, or the gold names it
    with a modifier ("dermal fibroblasts" for fibroblasts) or a generic head ("Leydig cells")."""
    if predicted & gold:
        return True
    return any(g.endswith(" " + p) or _GENERIC_HEAD.sub("", g) == p
               for g in gold for p in predicted if p)


def _label(vocabulary: Vocabulary, iri: str) -> str:
    concept = vocabulary.concepts.get(iri)
    return concept.pref_label if concept else iri


def format_relation_report(report: RelationReport) -> str:
    """The relation report as a plain-text table, then the misses and false hits."""
    lines = [f"{'relation':<12} {'gold':>5} {'pred':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, s in [*sorted(report.by_type.items()), ("overall", report.overall)]:
        lines.append(f"{name:<12} {s.gold:>5} {s.predicted:>5} {s.found:>5} "
                     f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
    lines.append(f"products of found conversions: {report.products.found} of "
                 f"{report.products.gold}")
    lines.append(f"\nmisses ({len(report.misses)}):")
    lines += [f"  {g.file}  {g.type:<12} {g.subject} -> {g.object}"
              + (f" -> {g.product}" if g.product else "") + f"   | {g.sentence[:110]}"
              for g in report.misses]
    lines.append(f"false hits ({len(report.false_hits)}):")
    lines += [f"  {f}  {k:<12} {s} -> {o}" for f, k, s, o, _ in report.false_hits]
    return "\n".join(lines)

"""Check a graph as SHACL, the SKOS reference, qSKOS and ROBOT's report would: graph -> findings.

The checks live in `skos_checks` and `report_checks`, a finding and its formats in `findings`;
this module runs them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from hormgraph.evidence import MentionEvidence
from hormgraph.findings import (
    Finding,
    Level,
    count_levels,
    curie,
    failing,
    finding,
    format_findings,
    summary,
)
from hormgraph.report_checks import (
    duplicate_definition,
    duplicate_label,
    evidence_offsets,
    invalid_xref,
    label_formatting,
    label_whitespace,
    mention_without_evidence,
    missing_definition,
    missing_label,
    multiple_definitions,
    multiple_labels,
    ontology_metadata,
    unasserted_statement,
    undeclared_term,
    undocumented_concept,
    untyped_mention,
)
from hormgraph.skos_checks import (
    Check,
    cyclic_hierarchy,
    omitted_top_concepts,
    orphan_concept,
    overlapping_labels,
    skos_s9,
    skos_s13,
    skos_s14,
    skos_s27,
    skos_s37,
    skos_s46,
    top_concept_has_broader,
    unprintable_characters,
)
from hormgraph.vocabulary import SHAPES_FILE, default_ontology

__all__ = ["CHECKS", "EVIDENCE_CHECKS", "Check", "Finding", "Level", "count_levels", "curie",
           "evidence_findings", "failing", "format_findings", "load_shapes", "run_checks",
           "shacl_findings", "summary"]


def load_shapes() -> Graph:
    """The packaged SHACL shapes, ontology/shapes.ttl."""
    return Graph().parse(data=(default_ontology() / SHAPES_FILE).read_text(encoding="utf-8"),
                         format="turtle")


SEVERITY = {SH.Violation: Level.ERROR, SH.Warning: Level.WARN, SH.Info: Level.INFO}


def shacl_findings(graph: Graph, shapes: Graph) -> Iterator[Finding]:
    """Every SHACL validation result, named after the shape that produced it."""
    from pyshacl import validate

    _, report, _ = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        name = (str(shape).rsplit("#", 1)[-1] if isinstance(shape, URIRef)
                else str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1])
        message = report.value(result, SH.resultMessage)
        yield finding(SEVERITY.get(report.value(result, SH.resultSeverity), Level.ERROR),
                       f"shacl_{name}", report.value(result, SH.focusNode),
                       report.value(result, SH.value), str(message or "fails " + name))


# The SKOS reference's integrity conditions

CHECKS: tuple[Check, ...] = (
    skos_s9, skos_s13, skos_s14, skos_s27, skos_s37, skos_s46,
    cyclic_hierarchy, orphan_concept, overlapping_labels, omitted_top_concepts,
    top_concept_has_broader, unprintable_characters, undocumented_concept,
    missing_label, multiple_labels, duplicate_label, missing_definition, multiple_definitions,
    duplicate_definition, label_whitespace, label_formatting, ontology_metadata, invalid_xref,
    evidence_offsets, untyped_mention, mention_without_evidence, unasserted_statement,
    undeclared_term,
)


#: The checks that read the Web Annotations (a network graph has none: its build checks its
#: entries' evidence itself, in `evidence_findings`).
EVIDENCE_CHECKS = (evidence_offsets, mention_without_evidence)


def run_checks(graph: Graph, shapes: Graph | None = None, shacl: bool = True,
               evidence: bool = True) -> list[Finding]:
    """Every check's findings on `graph`, worst first, in a stable order; without `shacl`, the
    SHACL shapes are not run, and without `evidence` neither are the checks of Web Annotations
    (for the graph of a build's network, whose evidence `evidence_findings` checks)."""
    findings = list(shacl_findings(graph, load_shapes() if shapes is None else shapes)) \
        if shacl else []
    for check in CHECKS if evidence else tuple(c for c in CHECKS if c not in EVIDENCE_CHECKS):
        findings.extend(check(graph))
    return sorted(set(findings), key=Finding.key)


def evidence_findings(evidence: Iterable[MentionEvidence],
                      sections: Mapping[str, Mapping[str, str]]) -> Iterator[Finding]:
    """`evidence_offsets` for mention evidence made by a build: the offsets select the surface
    in the section text of the term (`sections`: by term IRI)."""
    for item in evidence:
        body = sections.get(item.term, {}).get(item.section)
        if body is None:
            yield finding(Level.ERROR, "evidence_offsets", URIRef(item.term), item.section,
                           "no section text on the annotated term to check the offsets against")
        elif body[item.start:item.end] != item.surface:
            yield finding(Level.ERROR, "evidence_offsets", URIRef(item.term),
                           f"{item.start}-{item.end}", f"the offsets select "
                           f"{body[item.start:item.end]!r}, not {item.surface!r}")

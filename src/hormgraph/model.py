"""Plain, frozen values passed between the pipeline's stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The kinds of vocabulary entity an entry can mention: the one list of them. Everything per
    type (its hgo: class and mention property, IRI prefix, slot letter, counts, checks, the view's
    legend) is derived from it; a new type is added here, in the schema (its class and
    hgo:mentionsX property), the SHACL shapes and the vocabulary (its concepts)."""

    HORMONE = "hormone"
    ENZYME = "enzyme"
    TISSUE = "tissue"
    PROCESS = "process"
    RECEPTOR = "receptor"

    @property
    def class_name(self) -> str:
        """The local name of the entity's hgo: class (Hormone, Enzyme, ...)."""
        return self.value.capitalize()

    @property
    def plural(self) -> str:
        """The type's name for many of them, as the view's legend shows it (hormones, processes)."""
        return self.value + ("es" if self.value.endswith("s") else "s")


SECTIONS = ("definition", "origin", "mechanism")


@dataclass(frozen=True)
class Entry:
    """One glossary entry: its term, its sections' text and where it came from."""

    term: str
    sections: dict[str, str]
    source: str
    sha256: str
    title_from: str = "catalog"
    warnings: tuple[str, ...] = ()

    def text(self, section: str) -> str:
        return self.sections.get(section, "")


@dataclass(frozen=True)
class Concept:
    """A vocabulary concept, as curated in ontology/."""

    iri: str
    type: EntityType
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    definition: str = ""
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()
    close_match: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    ambiguous_labels: tuple[str, ...] = ()
    extractable: bool = True
    top: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a vocabulary entity in a section of an entry.

    `start`/`end` count code points in the section's text; `sentence_start` is where the sentence
    begins in it.
    """

    entity: str
    type: EntityType
    section: str
    start: int
    end: int
    surface: str
    sentence: str
    sentence_start: int = 0


@dataclass(frozen=True)
class Relation:
    """A typed link between two entities, read from an entry's text or curated in ontology/."""

    subject: str
    predicate: str
    object: str
    curated: bool = False
    evidence: tuple[Mention, ...] = field(default=())
    product: str | None = None


@dataclass(frozen=True)
class AnnotatedEntry:
    """An entry with what the extractor found in it."""

    entry: Entry
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()

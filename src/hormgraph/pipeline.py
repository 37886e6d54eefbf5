"""The one place that wires the stages together: ingest -> extract -> relate -> build -> export."""

from __future__ import annotations

import errno
import re
import shutil
import stat
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from rdflib import Graph

from hormgraph.build import emit_entries, shared_names
from hormgraph.check import Finding, evidence_findings, run_checks
from hormgraph.emit import assemble, graph_of
from hormgraph.errors import BadInputs, HormgraphError, InputError, shown
from hormgraph.evidence import MentionEvidence, from_entries
from hormgraph.export.files import write_set
from hormgraph.export.html import to_html
from hormgraph.export.rdf import write_jsonld, write_syntax
from hormgraph.export.tables import to_graphml, to_mentions_csv
from hormgraph.extract import extract_mentions
from hormgraph.ingest import DEFAULT_LIMITS, EntryLimits, read_catalog, read_entry
from hormgraph.model import AnnotatedEntry, EntityType, Entry, Mention
from hormgraph.namespaces import bind_prefixes
from hormgraph.relate import relate
from hormgraph.tagger import Tagger
from hormgraph.vocabulary import Vocabulary

CATALOG = "catalog.csv"
#: Reading relations costs more than the square of a sentence's mentions; real sentences name
#: at most about 15 entities, so a sentence naming more than this is a list or junk.
MAX_RELATION_MENTIONS = 32
Progress = Callable[[int, int], None]
#: The graph's N-Triples stay in memory up to this size, then go to a temporary file.
SPOOL_BYTES = 256 << 20


_AMOUNT = re.compile(r"\s+(?:secretion|release|production|output|synthesis|biosynthesis|pulses?|"
                     r"surge)$", re.IGNORECASE)


@dataclass(frozen=True)
class Extractor:
    """A vocabulary compiled for extraction: the tagger and the concepts' neighbourhoods."""

    vocabulary: Vocabulary
    tagger: Tagger
    related: dict[str, frozenset[str]]
    ancestors: dict[str, frozenset[str]]

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Extractor:
        neighbours: dict[str, set[str]] = defaultdict(set)
        children: dict[str, set[str]] = defaultdict(set)
        for concept in vocabulary.concepts.values():
            for parent in concept.broader:
                children[parent].add(concept.iri)
                neighbours[concept.iri].add(parent)
                neighbours[parent].add(concept.iri)
        for relation in vocabulary.relations:
            neighbours[relation.subject].add(relation.object)
            neighbours[relation.object].add(relation.subject)
        # Concepts under one specific parent support each other ("corpus luteum" supports
        # "ovarian follicle": both are parts of the ovary).
        ancestors = {iri: frozenset(vocabulary.ancestors(iri)) for iri in vocabulary.concepts}
        for concept in vocabulary.concepts.values():
            for parent in ancestors[concept.iri]:
                if vocabulary.concepts[parent].extractable:
                    neighbours[concept.iri].add(parent)
                    neighbours[concept.iri].update(children.get(parent, ()))

        return cls(vocabulary, Tagger(vocabulary.concepts.values(), vocabulary.stop_phrases),
                   {k: frozenset(v) for k, v in neighbours.items()}, ancestors)

    def annotate(self, entry: Entry) -> AnnotatedEntry:
        mentions = extract_mentions(entry, self.tagger, self.related, self.ancestors)
        per_sentence = Counter((m.section, m.sentence_start) for m in mentions)
        crowded = {place for place, count in per_sentence.items()
                   if count > MAX_RELATION_MENTIONS}
        if crowded:
            entry = replace(entry, warnings=(*entry.warnings, (
                f"{shown(entry.source)}: {len(crowded)} sentence(s) name more than "
                f"{MAX_RELATION_MENTIONS} entities; relations are not read from them")))
        readable = [m for m in mentions if (m.section, m.sentence_start) not in crowded]
        return AnnotatedEntry(entry, mentions, relate(self._hormone_amounts(readable)))

    def _hormone_amounts(self, mentions: Sequence[Mention]) -> list[Mention]:
        """The mentions relations are read from: a process named as a hormone's secretion,
        release or output ("growth hormone secretion") stands for the hormone, as a reader
        takes "ghrelin restrains insulin secretion" to say ghrelin inhibits insulin."""
        read = []
        for mention in mentions:
            match = _AMOUNT.search(mention.surface) if mention.type is EntityType.PROCESS \
                else None
            hits = self.tagger.tag(mention.surface[:match.start()]) if match else []
            if match and len(hits) == 1 and hits[0][:2] == (0, match.start()) and \
                    hits[0][2][0].type is EntityType.HORMONE:
                concept = hits[0][2][0].concept
                read.append(replace(mention, entity=concept, type=EntityType.HORMONE,
                                    end=mention.start + match.start(),
                                    surface=mention.surface[:match.start()]))
            else:
                read.append(mention)
        return read


@dataclass
class Build:
    """What one build produced: the entries, the problems and warnings met, the graph as
    N-Triples in the outputs' order (spooled to disk when large), the graph of its network
    (without evidence: terms, concepts, relations) and the checks' findings."""

    entries: tuple[AnnotatedEntry, ...]
    problems: tuple[InputError, ...]
    warnings: tuple[str, ...]
    ntriples: IO[bytes]
    triples: int
    network: Graph
    terms: dict[str, str]
    findings: tuple[Finding, ...] = ()
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The whole graph, in rdflib (parsed on first use: for small builds and the library)."""
        if self._graph is None:
            self.ntriples.seek(0)
            data = self.ntriples.read().decode("utf-8")
            self._graph = bind_prefixes(Graph()).parse(data=data, format="nt")
        return self._graph

    def evidence(self) -> Iterator[MentionEvidence]:
        return from_entries(self.entries, self.terms)


def entry_files(seeds: Path) -> list[Path]:
    """The entry files of a seeds folder, by name (see `scan_entries` for what is left out)."""
    return scan_entries(seeds)[0]


def scan_entries(seeds: Path) -> tuple[list[Path], list[InputError]]:
    """The entry files of a seeds folder, by name: every name ending in ".txt", in any case
    ("UPPER.TXT" is an entry too); and a problem for each such name that is not a regular file
    in the folder (a directory, a FIFO, a dangling or looping link, a link leading out of the
    folder) or is not valid UTF-8."""
    if not seeds.is_dir():
        raise InputError(str(seeds), "not a folder of entries")
    root = seeds.resolve()
    files, problems = [], []
    for path in sorted(p for p in seeds.iterdir() if p.name.lower().endswith(".txt")):
        problem = _not_an_entry(path, root)
        if problem:
            problems.append(InputError(path.name, problem))
        else:
            files.append(path)
    return files, problems


def _not_an_entry(path: Path, root: Path) -> str | None:
    """Why `path` cannot be read as an entry, or None."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8; rename the file"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return "a symbolic link loop"
        except OSError as error:
            return ("a symbolic link loop" if error.errno == errno.ELOOP
                    else "a dangling symbolic link")
        if not target.is_relative_to(root):
            return "a symbolic link out of the seeds folder (refused)"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read the file ({error.strerror})"
    if stat.S_ISDIR(mode):
        return "a directory, not an entry file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device)"
    return None


def read_entries(seeds: Path, strict: bool = False, allow_empty: bool = True,
                 limits: EntryLimits = DEFAULT_LIMITS) -> tuple[list[Entry], list[InputError]]:
    """Read every entry of a folder; bad files are returned as problems (raised when strict).
    Unless `allow_empty`, a folder without a single good entry is an error. A file over the
    `limits` is a problem."""
    files, problems = scan_entries(seeds)
    try:
        catalog = read_catalog(seeds / CATALOG)
    except InputError as error:
        catalog = {}
        problems.append(error)
    entries = []
    for path in files:
        try:
            entries.append(read_entry(path, catalog.get(path.name), limits))
        except InputError as error:
            problems.append(error)
    if (strict or (not allow_empty and not entries)) and problems:
        raise BadInputs(problems)
    if not allow_empty and not entries:
        raise InputError(str(seeds), "holds no .txt entries")
    return entries, problems


def annotate_all(entries: Sequence[Entry], extractor: Extractor,
                 progress: Progress | None = None) -> list[AnnotatedEntry]:
    annotated = []
    for done, entry in enumerate(entries, 1):
        annotated.append(extractor.annotate(entry))
        if progress is not None:
            progress(done, len(entries))
    return annotated


def build(seeds: Path, vocabulary: Vocabulary, strict: bool = False,
          full_vocabulary: bool = False, progress: Progress | None = None,
          limits: EntryLimits = DEFAULT_LIMITS, extractor: Extractor | None = None) -> Build:
    """Read, extract, relate and build the graph of every entry in `seeds`; `extractor`, when
    given, is `vocabulary` compiled already (it takes a second or two), for repeated builds."""
    entries, problems = read_entries(seeds, strict, allow_empty=False, limits=limits)
    annotated = annotate_all(entries, extractor or Extractor.from_vocabulary(vocabulary),
                             progress)
    fixed, emitted, terms = emit_entries(annotated, vocabulary, full_vocabulary)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (Build owns it)
    triples = 0
    for line in assemble(fixed, emitted):
        spool.write(line.encode("utf-8"))
        triples += 1
    network = graph_of(assemble(fixed, emitted, evidence=False))
    warnings = (*(w for a in annotated for w in a.entry.warnings), *shared_names(annotated))
    sections = {terms[a.entry.source]: a.entry.sections for a in annotated}
    findings = [*run_checks(network, shacl=False, evidence=False),
                *evidence_findings(from_entries(annotated, terms), sections)]
    return Build(tuple(annotated), tuple(problems), warnings, spool, triples, network, terms,
                 tuple(sorted(set(findings), key=Finding.key)))


def check_output_folder(out: Path) -> None:
    """Raise unless `out` is a folder or can be made one (no file stands in its way)."""
    existing = next(path for path in (out, *out.parents) if path.exists() or path == Path())
    if not existing.is_dir():
        raise HormgraphError(f"{existing}: is a file, not a folder")


def write_outputs(result: Build, out: Path) -> list[Path]:
    """Render every output first, then write each atomically into `out`."""
    check_output_folder(out)

    def syntax(name: str) -> Callable[[IO[bytes]], None]:
        def write(handle: IO[bytes]) -> None:
            result.ntriples.seek(0)
            write_syntax(result.ntriples, handle, name)
        return write

    def copy(handle: IO[bytes]) -> None:
        result.ntriples.seek(0)
        shutil.copyfileobj(result.ntriples, handle)

    def jsonld(handle: IO[bytes]) -> None:
        result.ntriples.seek(0)
        write_jsonld(result.ntriples, handle)

    def text(render: Callable[[], str]) -> Callable[[IO[bytes]], None]:
        def write(handle: IO[bytes]) -> None:
            handle.write(render().encode("utf-8"))
        return write

    evidence = list(result.evidence())
    writers: dict[Path, Callable[[IO[bytes]], None]] = {
        out / "hormgraph.ttl": syntax("turtle"),
        out / "hormgraph.nt": copy,
        out / "hormgraph.jsonld": jsonld,
        out / "hormgraph.rdf": syntax("xml"),
        out / "hormgraph.graphml": text(lambda: to_graphml(result.network, evidence)),
        out / "mentions.csv": text(lambda: to_mentions_csv(result.network, evidence)),
        out / "hormgraph.html": text(lambda: to_html(result.network, evidence)),
    }
    return write_set(writers)

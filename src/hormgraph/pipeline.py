"""The one place that wires the stages together: ingest -> extract -> relate -> build -> export."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing as mp
import os
import pickle
import re
import shutil
import stat
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from rdflib import Graph

from hormgraph import __version__
from hormgraph.build import ordered, shared_names
from hormgraph.check import Finding, evidence_findings, run_checks
from hormgraph.emit import EntryTriples, Triples, entry_triples, fixed_part, graph_of, interleave
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
from hormgraph.vocabulary import Vocabulary, vocabulary_from_sources

CATALOG = "catalog.csv"
#: Reading relations costs more than the square of a sentence's mentions; real sentences name
#: at most about 15 entities, so a sentence naming more than this is a list or junk.
MAX_RELATION_MENTIONS = 32
Progress = Callable[[int, int], None]
#: The graph's N-Triples stay in memory up to this size, then go to a temporary file.
SPOOL_BYTES = 256 << 20


_AMOUNT = re.compile(r"\s+(?:secretion|release|production|output|synthesis|biosynthesis|pulses?|"
                     r"surge|signall?ing|signaling)$", re.IGNORECASE)
_AMOUNT_OF = re.compile(r"^(?:secretion|release|production|output|synthesis|biosynthesis)\s+of\s+"
                        r"(?:the\s+)?", re.IGNORECASE)


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
        release, output or signalling ("growth hormone secretion", "secretion of growth
        hormone", "androgen signalling") stands for the hormone, as a reader takes "ghrelin
        restrains insulin secretion" to say ghrelin acts on insulin."""
        read = []
        for mention in mentions:
            span = _amount_of(mention) if mention.type is EntityType.PROCESS else None
            if span is None:
                read.append(mention)
                continue
            start, end = span
            hits = self.tagger.tag(mention.surface[start:end])
            if len(hits) == 1 and hits[0][:2] == (0, end - start) and \
                    hits[0][2][0].type is EntityType.HORMONE:
                read.append(replace(mention, entity=hits[0][2][0].concept,
                                    type=EntityType.HORMONE, start=mention.start + start,
                                    end=mention.start + end, surface=mention.surface[start:end]))
            else:
                read.append(mention)
        return read


def _amount_of(mention: Mention) -> tuple[int, int] | None:
    """Where a process's surface names a hormone, in "X secretion" or "secretion of X"."""
    suffix = _AMOUNT.search(mention.surface)
    if suffix:
        return 0, suffix.start()
    prefix = _AMOUNT_OF.match(mention.surface)
    after = mention.sentence[mention.end - mention.sentence_start:]
    if prefix is None or after.startswith(("-", "–")):  # "secretion of gonadotropin-releasing"
        return None
    return prefix.end(), len(mention.surface)


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
    #: Seconds each phase took: read, extract (annotate and write triples), assemble,
    #: network, checks, and write:<file> once written.
    timings: dict[str, float] = field(default_factory=dict)
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
          jobs: int = 1, cache: Path | None = None, dask: str | None = None,
          limits: EntryLimits = DEFAULT_LIMITS, extractor: Extractor | None = None) -> Build:
    """Read, extract, relate and build the graph of every entry in `seeds`, extracting and
    writing the entries' triples in `jobs` processes, or on the Dask cluster at `dask` (the
    same bytes either way); with `cache`, an entry already built with this vocabulary and this
    version is taken from there. `extractor`, when given, is `vocabulary` compiled already (it
    takes a second or two), for repeated builds."""
    clock = _Clock()
    entries, problems = read_entries(seeds, strict, allow_empty=False, limits=limits)
    stubs, terms, sources = ordered([AnnotatedEntry(entry, ()) for entry in entries])
    clock.lap("read")
    store = EntryCache(cache, vocabulary.digest) if cache is not None else None
    keys = [store.key(s.entry, terms[s.entry.source], sources[s.entry.source])
            for s in stubs] if store else []
    found = {i: hit for i, key in enumerate(keys) if (hit := store and store.get(key))}
    todo = [stub.entry for i, stub in enumerate(stubs) if i not in found]
    made = _annotate_and_emit(todo, vocabulary, terms, sources, jobs, dask, extractor)
    graph = _Spools()
    annotated: list[AnnotatedEntry] = []
    for done in range(len(stubs)):
        item, emitted = found.get(done) or next(made)
        if store and done not in found:
            store.put(keys[done], (item, emitted))
        annotated.append(item)
        graph.add(emitted)
        if progress is not None:
            progress(done + 1, len(stubs))
    if store:
        store.keep_only(keys)
    clock.lap("extract")
    fixed = fixed_part(vocabulary, graph.summaries, [terms[a.entry.source] for a in annotated],
                       sorted(sources.values()), full_vocabulary)
    ntriples, count = graph.write(fixed)
    clock.lap("assemble")
    network = graph_of(graph.network(fixed))
    clock.lap("network")
    position = {entry.source: i for i, entry in enumerate(entries)}
    annotated.sort(key=lambda item: position[item.entry.source])  # back in file order
    warnings = (*(w for a in annotated for w in a.entry.warnings), *shared_names(annotated),
                *(store.warnings if store else ()))
    sections = {terms[a.entry.source]: a.entry.sections for a in annotated}
    findings = [*run_checks(network, shacl=False, evidence=False),
                *evidence_findings(from_entries(annotated, terms), sections)]
    clock.lap("checks")
    return Build(tuple(annotated), tuple(problems), warnings, ntriples, count, network, terms,
                 tuple(sorted(set(findings), key=Finding.key)), clock.laps)


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now


#: What each worker process needs (set before the processes fork, so it is not pickled).
_WORK: tuple[Extractor, dict[str, str], dict[str, str]] | None = None
#: Entries a worker takes at a time.
CHUNK = 8
Made = tuple[AnnotatedEntry, EntryTriples]


def _work(entry: Entry) -> Made:
    assert _WORK is not None
    extractor, terms, sources = _WORK
    item = extractor.annotate(entry)
    return item, entry_triples(item, terms[entry.source], sources[entry.source])


def _annotate_and_emit(entries: Sequence[Entry], vocabulary: Vocabulary, terms: dict[str, str],
                       sources: dict[str, str], jobs: int, dask: str | None = None,
                       extractor: Extractor | None = None) -> Iterator[Made]:
    """Each entry annotated and its triples written, in order: on a Dask cluster, by `jobs`
    processes (forked, where the platform can), or in this one (also for a handful)."""
    global _WORK
    if not entries:
        return
    if dask is not None:
        yield from _on_dask(dask, entries, vocabulary, terms, sources)
        return
    _WORK = (extractor or Extractor.from_vocabulary(vocabulary), terms, sources)
    try:
        if jobs <= 1 or len(entries) < 4 * CHUNK or "fork" not in mp.get_all_start_methods():
            yield from map(_work, entries)
            return
        with mp.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_work, entries, chunksize=CHUNK)
    finally:
        _WORK = None


#: A Dask task's share of the entries.
DASK_CHUNK = 64
_EXTRACTORS: dict[str, Extractor] = {}


def _dask_chunk(entries: list[Entry], terms: dict[str, str], sources: dict[str, str],
                vocabulary: tuple[tuple[str, str], ...], digest: str) -> list[Made]:
    """A Dask task: annotate and emit some entries, with the vocabulary rebuilt once per worker
    process from its Turtle (a worker on another machine needs no files of ours)."""
    global _WORK
    if digest not in _EXTRACTORS:
        _EXTRACTORS[digest] = Extractor.from_vocabulary(vocabulary_from_sources(vocabulary))
    _WORK = (_EXTRACTORS[digest], terms, sources)
    try:
        return [_work(entry) for entry in entries]
    finally:
        _WORK = None


def _on_dask(address: str, entries: Sequence[Entry], vocabulary: Vocabulary,
             terms: dict[str, str], sources: dict[str, str]) -> Iterator[Made]:
    try:
        from distributed import Client
    except ImportError as error:
        raise HormgraphError("--dask needs the distributed package: pip install "
                             "'hormgraph[dask]'") from error
    try:
        client = Client(address, timeout=30)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise HormgraphError(f"{address}: cannot reach the Dask scheduler ({error})") from error
    with client:
        shared = client.scatter(vocabulary.sources, broadcast=True)  # type: ignore[no-untyped-call]
        chunks = [list(entries[i:i + DASK_CHUNK]) for i in range(0, len(entries), DASK_CHUNK)]
        futures = [client.submit(
            _dask_chunk, chunk, {e.source: terms[e.source] for e in chunk},
            {e.source: sources[e.source] for e in chunk}, shared, vocabulary.digest,
            pure=False) for chunk in chunks]
        for future in futures:
            yield from future.result()


class EntryCache:
    """Built entries on disk, one file each, keyed by the entry (its file's bytes and title),
    its IRIs, the vocabulary's digest and the code's: safe to delete; a file that cannot be
    read is built again (with one warning for them all)."""

    def __init__(self, folder: Path, vocabulary_digest: str) -> None:
        self.folder, self.vocabulary = folder, vocabulary_digest
        self.corrupt = 0

    def key(self, entry: Entry, term: str, source: str) -> str:
        hasher = hashlib.sha256(pickle.dumps((entry, term, source), protocol=5))
        hasher.update(f"{self.vocabulary}:{CODE_DIGEST}".encode())
        return hasher.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Made | None:
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        try:
            made = pickle.loads(data)
        except Exception:
            self.corrupt += 1
            return None
        ok = (isinstance(made, tuple) and len(made) == 2
              and isinstance(made[0], AnnotatedEntry) and isinstance(made[1], EntryTriples))
        if not ok:
            self.corrupt += 1
            return None
        return (made[0], made[1])

    def put(self, key: str, made: Made) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".")
            with os.fdopen(handle, "wb") as out:
                out.write(pickle.dumps(made, protocol=5))
            os.replace(temporary, path)
        except OSError as error:
            raise HormgraphError(f"{self.folder}: cannot write the cache "
                                 f"({error.strerror}); build with --no-cache") from error

    def keep_only(self, keys: Sequence[str]) -> None:
        """Remove the cache files of entries this build did not have (and stray temp files)."""
        wanted = {self._path(key) for key in keys}
        for path in self.folder.glob("*/*"):
            if path not in wanted:
                path.unlink(missing_ok=True)

    @property
    def warnings(self) -> tuple[str, ...]:
        return (f"{self.folder}: {self.corrupt} cached entr{'y' if self.corrupt == 1 else 'ies'}"
                " could not be read; built again",) if self.corrupt else ()


def _code_digest() -> str:
    """A SHA-256 of hormgraph's own source, so a cache never outlives the code that made it."""
    hasher = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


CODE_DIGEST = _code_digest()


class _Spools:
    """The entries' triples as they come: term and evidence lines spooled (to disk when large),
    the small rest (source files, axioms, what spans entries) kept."""

    def __init__(self) -> None:
        self.terms = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.evidence = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        self.sources: list[tuple[str, ...]] = []
        self.axioms: list[str] = []
        self.summaries: list[EntryTriples] = []
        self.count = 0

    def add(self, emitted: EntryTriples) -> None:
        self.terms.write("".join(emitted.term).encode("utf-8"))
        self.evidence.write("".join(emitted.evidence).encode("utf-8"))
        self.sources.append(emitted.source)
        self.axioms.extend(emitted.axioms)
        self.count += len(emitted.term) + len(emitted.source) + len(emitted.evidence)
        self.summaries.append(replace(emitted, term=(), source=(), evidence=(), axioms=()))

    @staticmethod
    def _lines(spool: IO[bytes]) -> Iterator[str]:
        spool.seek(0)
        for line in spool:
            yield line.decode("utf-8")

    def write(self, fixed: Triples) -> tuple[IO[bytes], int]:
        """The whole graph as N-Triples, in a spool of its own, and its number of triples."""
        out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        count, batch = 0, []
        for line in interleave(fixed, self._lines(self.terms), self.sources,
                               self._lines(self.evidence)):
            batch.append(line)
            if len(batch) == 8192:
                out.write("".join(batch).encode("utf-8"))
                count, batch = count + len(batch), []
        out.write("".join(batch).encode("utf-8"))
        count += len(batch)
        self.evidence.close()
        return out, count

    def network(self, fixed: Triples) -> Iterator[str]:
        """The graph without its Web Annotations (terms, concepts, relations, axioms)."""
        return interleave(fixed, self._lines(self.terms), self.sources, self.axioms)


def cache_folder(out: Path) -> Path:
    """Where a build into `out` keeps its cache: a hidden folder beside it."""
    return out.parent / f".{out.name}.cache"


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
    def timed(name: str, write: Callable[[IO[bytes]], None]) -> Callable[[IO[bytes]], None]:
        def run(handle: IO[bytes]) -> None:
            start = time.perf_counter()
            write(handle)
            result.timings[f"write:{name}"] = time.perf_counter() - start
        return run

    return write_set({path: timed(path.name, write) for path, write in writers.items()})

"""The one place that wires the stages together: ingest -> extract -> relate -> build -> export.

The stages' own modules: `ingest` (a file -> Entry), `extractor` (Entry -> mentions and
relations), `workers` (where that runs), `emit` (an entry's triples), `spool` and `order` (the
graph's one order), `cache`, and `export` (the files)."""

from __future__ import annotations

import errno
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from rdflib import Graph

from hormgraph.assemble import fixed_part, graph_of
from hormgraph.cache import EntryCache, cache_folder
from hormgraph.check import Finding, evidence_findings, run_checks
from hormgraph.errors import BadInputs, HormgraphError, InputError
from hormgraph.evidence import MentionEvidence, from_entries
from hormgraph.export.files import independent_reader, write_set
from hormgraph.export.formats import OUTPUTS, Sources
from hormgraph.extractor import MAX_RELATION_MENTIONS, Extractor
from hormgraph.graph import ordered, shared_names
from hormgraph.ingest import DEFAULT_LIMITS, EntryLimits, read_catalog, read_entry
from hormgraph.model import AnnotatedEntry, Entry
from hormgraph.namespaces import bind_prefixes
from hormgraph.spool import GraphSpool
from hormgraph.vocabulary import Vocabulary
from hormgraph.workers import annotate_and_emit

__all__ = ["MAX_RELATION_MENTIONS", "Build", "Extractor", "build", "cache_folder",
           "read_entries", "write_outputs"]

CATALOG = "catalog.csv"
Progress = Callable[[int, int], None]
#: Told each phase's progress: ("read" | "extract" | "assemble" | "checks" | "write", done, total).
PhaseProgress = Callable[[str, int, int], None]



@dataclass
class Build:
    """What one build produced: the entries, the problems and warnings met, the graph as
    N-Triples in the outputs' order (spooled to disk when large), the graph of its network
    (without evidence: terms, concepts, relations) and the checks' findings. The network and
    the findings are made on first use (`write_outputs` makes them while the first files are
    written)."""

    entries: tuple[AnnotatedEntry, ...]
    problems: tuple[InputError, ...]
    warnings: tuple[str, ...]
    ntriples: IO[bytes]
    triples: int
    terms: dict[str, str]
    #: The network's N-Triples lines, each call afresh.
    network_lines: Callable[[], Iterable[str]] = field(repr=False)
    #: Seconds each phase took: read, extract (annotate and write triples), assemble,
    #: network, checks, and write:<file> once written.
    timings: dict[str, float] = field(default_factory=dict)
    progress: PhaseProgress | None = field(default=None, repr=False)
    _graph: Graph | None = field(default=None, repr=False)
    _network: Graph | None = field(default=None, repr=False)
    _findings: tuple[Finding, ...] | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The whole graph, in rdflib (parsed on first use: for small builds and the library)."""
        if self._graph is None:
            self.ntriples.seek(0)
            data = self.ntriples.read().decode("utf-8")
            self._graph = bind_prefixes(Graph()).parse(data=data, format="nt")
        return self._graph

    @property
    def network(self) -> Graph:
        """The graph without its Web Annotations: terms, concepts, relations and their axioms."""
        if self._network is None:
            started = time.perf_counter()
            self._network = graph_of(self.network_lines())
            self.timings["network"] = time.perf_counter() - started
        return self._network

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The build's checks (those of `run_checks` but SHACL, and each mention's offsets)."""
        if self._findings is None:
            network = self.network
            tell = self.progress or (lambda phase, done, total: None)
            tell("checks", 0, 1)
            started = time.perf_counter()
            sections = {self.terms[a.entry.source]: a.entry.sections for a in self.entries}
            found = [*run_checks(network, shacl=False, evidence=False),
                     *evidence_findings(self.evidence(), sections)]
            self._findings = tuple(sorted(set(found), key=Finding.key))
            self.timings["checks"] = time.perf_counter() - started
            tell("checks", 1, 1)
        return self._findings

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
          full_vocabulary: bool = False, progress: PhaseProgress | None = None,
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
    tell = progress or (lambda phase, done, total: None)
    tell("read", len(entries), len(entries))
    store = EntryCache(cache, vocabulary.digest) if cache is not None else None
    keys = [store.key(s.entry, terms[s.entry.source], sources[s.entry.source])
            for s in stubs] if store else []
    found = {i: hit for i, key in enumerate(keys) if (hit := store and store.get(key))}
    todo = [stub.entry for i, stub in enumerate(stubs) if i not in found]
    made = annotate_and_emit(todo, vocabulary, terms, sources, jobs, dask, extractor)
    graph = GraphSpool()
    annotated: list[AnnotatedEntry] = []
    for done in range(len(stubs)):
        item, emitted = found.get(done) or next(made)
        if store and done not in found:
            store.put(keys[done], (item, emitted))
        annotated.append(item)
        graph.add(emitted)
        if progress is not None:
            progress("extract", done + 1, len(stubs))
    if store:
        store.keep_only(keys)
    clock.lap("extract")
    tell("assemble", 0, 1)
    fixed = fixed_part(vocabulary, graph.summaries, [terms[a.entry.source] for a in annotated],
                       sorted(sources.values()), full_vocabulary)
    ntriples, count = graph.write(fixed)
    clock.lap("assemble")
    tell("assemble", 1, 1)
    position = {entry.source: i for i, entry in enumerate(entries)}
    annotated.sort(key=lambda item: position[item.entry.source])  # back in file order
    warnings = (*(w for a in annotated for w in a.entry.warnings), *shared_names(annotated),
                *(store.warnings if store else ()))
    return Build(tuple(annotated), tuple(problems), warnings, ntriples, count, terms,
                 partial(graph.network, fixed), clock.laps, progress)


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self.last
        self.last = now


def check_output_folder(out: Path) -> None:
    """Raise unless `out` is a folder or can be made one (no file stands in its way)."""
    existing = next(path for path in (out, *out.parents) if path.exists() or path == Path())
    if not existing.is_dir():
        raise HormgraphError(f"{existing}: is a file, not a folder")


def write_outputs(result: Build, out: Path, progress: PhaseProgress | None = None,
                  jobs: int = 1) -> list[Path]:
    """Write every output of the registry (`hormgraph.export.formats.OUTPUTS`) into `out`, as
    one set: the old set stays until the new one is complete. With `jobs` above 1 the files are
    written by that many processes at once, the longest first (the same bytes), and the network
    and the checks are made meanwhile (in this process: the writers of the view and the tables
    start once they are ready)."""
    check_output_folder(out)
    sources = Sources(partial(independent_reader, result.ntriples), lambda: result.network,
                      result.evidence)
    # Those that read only the N-Triples first: they are written while the network is made.
    outputs = sorted(OUTPUTS, key=lambda output: (output.reads_network, -output.effort)) \
        if jobs > 1 else OUTPUTS
    writers = {out / output.name: partial(output.write, sources) for output in outputs}
    later = frozenset(out / output.name for output in outputs if output.reads_network)

    def written(path: Path, seconds: float) -> None:
        result.timings[f"write:{path.name}"] = seconds
        if progress is not None:
            progress("write", sum(k.startswith("write:") for k in result.timings), len(writers))

    paths = write_set(writers, jobs, written, prepare=lambda: result.findings, after=later)
    return sorted(paths, key=[out / output.name for output in OUTPUTS].index)

"""The commands that make the graph: build, vocabulary, evaluate, candidates."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar

from hormgraph.cli.options import AddCommand, count, folder, jobs, size, vocabulary_of, warn
from hormgraph.graph import merge_relations
from hormgraph.graphfile import size_text
from hormgraph.ingest import MAX_ENTRY_BYTES, MAX_LINE_CHARS
from hormgraph.model import EntityType


class _Progress:
    """Each phase's progress on standard error: on a terminal one line that updates itself
    (counts and rates); when piped, nothing unless --verbose (then a line per entry)."""

    NAMES: ClassVar[dict[str, str]] = {
        "read": "reading", "extract": "extracting", "assemble": "assembling",
        "checks": "checking", "write": "writing"}

    def __init__(self, verbose: bool) -> None:
        self.verbose, self.tty = verbose, sys.stderr.isatty()
        self.phase, self.started, self.shown = "", 0.0, 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase != self.phase:
            self.phase, self.started = phase, now
        name = self.NAMES.get(phase, phase)
        unit = {"read": " entries", "extract": " entries", "write": " files"}.get(phase, "")
        if not self.tty:
            if self.verbose and phase == "extract":
                print(f"{name}: {done}/{total}{unit}", file=sys.stderr)
            return
        if done < total and now - self.shown < 0.1:
            return
        self.shown = now
        rate = done / (now - self.started) if phase == "extract" and now > self.started else 0
        line = (f"{name}…" if total == 1 else f"{name}: {done}/{total}{unit}"
                + (f" ({rate:,.0f}/s)" if rate else ""))
        print(f"\r\033[K{line}", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.tty:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    """Build the seeds into the graph and its views."""
    from hormgraph.check import summary
    from hormgraph.ingest import EntryLimits
    from hormgraph.pipeline import build, cache_folder, check_output_folder, write_outputs

    progress = None if args.quiet else _Progress(verbose=args.verbose)
    check_output_folder(args.out)  # before the build, not after it
    result = build(args.seeds, vocabulary_of(args), strict=args.strict,
                   full_vocabulary=args.full_vocabulary, progress=progress, jobs=args.jobs,
                   cache=None if args.no_cache else cache_folder(args.out), dask=args.dask,
                   limits=EntryLimits(args.max_entry_bytes, args.max_line_chars))
    if progress is not None:
        progress.done()  # the warnings start on a clean line
    for problem in () if args.quiet else result.problems:
        warn(f"skipped {problem}")
    for warning in () if args.quiet else result.warnings:
        warn(warning)
    written = write_outputs(result, args.out, progress, jobs=args.jobs)
    if progress is not None:
        progress.done()
    if args.quiet:
        return 0
    distinct = Counter(t for _, t in {(m.entity, m.type) for item in result.entries
                                      for m in item.mentions})
    mentions = sum(len(item.mentions) for item in result.entries)
    entries = len(result.entries)
    print(f"entries: {entries} built, {len(result.problems)} skipped")
    print("distinct entities: " + ", ".join(f"{t.value} {distinct.get(t, 0)}"
                                            for t in EntityType))
    print(f"mentions: {mentions} ({mentions / max(entries, 1):.1f} per entry)")
    read = sum(len(merge_relations(i.relations)) for i in result.entries)
    links = len({(s, p, o) for i in result.entries for s, p, o, _ in merge_relations(i.relations)})
    print(f"relations read from text: {read} statements, {links} distinct links between "
          "entities")
    print(f"triples: {result.triples}")
    print(f"checks: {summary(result.findings)} (details: hormgraph check --graph "
          f"{args.out / 'hormgraph.ttl'})")
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_vocabulary(args: argparse.Namespace) -> int:
    """Show the vocabulary's size, by type; or put its Turtle files in the canonical layout."""
    if args.format or args.check:
        return _format_vocabulary(args)
    vocabulary = vocabulary_of(args)
    for type_, number in vocabulary.stats().items():
        print(f"{type_.value:<10} {number:>5}")
    print(f"{'total':<10} {len(vocabulary.concepts):>5}")
    print(f"{'relations':<10} {len(vocabulary.relations):>5}")
    return 0


def _format_vocabulary(args: argparse.Namespace) -> int:
    from hormgraph.canonical import format_ontology, formatted_files, ontology_folder

    root = ontology_folder(args.vocabulary)
    changed = format_ontology(root, write=not args.check)
    for path in changed:
        print(f"{'would reformat' if args.check else 'reformatted'} {path}")
    if not changed:
        print(f"{len(formatted_files(root))} files already in canonical form")
    return 1 if args.check and changed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score extraction against gold annotations."""
    from hormgraph.evaluate import (
        evaluate,
        evaluate_relations,
        format_relation_report,
        format_report,
        read_gold,
        read_relation_gold,
    )
    from hormgraph.pipeline import Extractor, annotate_all, read_entries

    vocabulary = vocabulary_of(args)
    entries, problems = read_entries(args.seeds)
    for problem in problems:
        warn(f"skipped {problem}")
    annotated = annotate_all(entries, Extractor.from_vocabulary(vocabulary))
    if args.gold is None and args.relations is None:
        print("hormgraph evaluate: error: give --gold FILE.jsonl, --relations FILE.jsonl or both",
              file=sys.stderr)
        return 2
    if args.gold is not None:
        print(format_report(evaluate(read_gold(args.gold), annotated, vocabulary)))
    if args.relations is not None:
        gold = read_relation_gold(args.relations)
        print(format_relation_report(evaluate_relations(gold, annotated, vocabulary)))
    return 0


def cmd_candidates(args: argparse.Namespace) -> int:
    """List phrases of the entries that look like entities the vocabulary lacks."""
    from hormgraph.candidates import find_candidates, format_candidates
    from hormgraph.pipeline import read_entries

    entries, problems = read_entries(args.seeds, allow_empty=False)
    for problem in problems:
        warn(f"skipped {problem}")
    found = find_candidates(entries, vocabulary_of(args))
    print(format_candidates(found[: args.limit or None], args.format))
    return 0


def add_commands(command: AddCommand) -> None:
    """The parsers of build, vocabulary, evaluate and candidates."""
    build = command("build", cmd_build, "build seeds/*.txt into output/hormgraph.ttl and .html")
    build.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                       help="folder of entry files (default: seeds)")
    build.add_argument("-o", "--out", type=folder, default=Path("output"), metavar="DIR",
                       help="folder for the outputs (default: output)")
    build.add_argument("-j", "--jobs", type=jobs, default=os.cpu_count() or 1, metavar="N",
                       help="processes that extract and write entries (default: the machine's "
                            "cores; the output is the same for any N)")
    build.add_argument("--no-cache", action="store_true",
                       help="extract every entry afresh (the cache, .<out>.cache beside the "
                            "output folder, keeps each built entry; it is safe to delete)")
    build.add_argument("--dask", metavar="ADDRESS",
                       help="extract on a Dask distributed cluster, e.g. tcp://host:8786 (the "
                            "same output as on this machine)")
    build.add_argument("--strict", action="store_true",
                       help="stop on any bad input file and write nothing")
    build.add_argument("--full-vocabulary", action="store_true",
                       help="include every vocabulary concept, not only the mentioned ones")
    build.add_argument("--max-entry-bytes", type=size, default=MAX_ENTRY_BYTES, metavar="SIZE",
                       help="skip (or, with --strict, fail on) an entry file larger than this "
                            f"(default: {size_text(MAX_ENTRY_BYTES)}; e.g. 500K, 20M)")
    build.add_argument("--max-line-chars", type=size, default=MAX_LINE_CHARS, metavar="N",
                       help="skip an entry with a line longer than this many characters "
                            f"(default: {MAX_LINE_CHARS})")
    talk = build.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true",
                      help="print nothing but errors: no progress, warnings or summary")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="report progress after every entry, however few there are")
    vocab = command("vocabulary", cmd_vocabulary,
                    "show the vocabulary's counts by type, or format its Turtle files")
    vocab.add_argument("--stats", action="store_true", help="counts by type (the default)")
    vocab.add_argument("--format", action="store_true",
                       help="rewrite the ontology's Turtle files in the canonical layout")
    vocab.add_argument("--check", action="store_true",
                       help="with --format: change nothing; exit 1 listing the files that "
                            "are not in the canonical layout")
    evaluate = command("evaluate", cmd_evaluate, "score extraction against gold annotations")
    evaluate.add_argument("--gold", type=Path, metavar="FILE.jsonl",
                          help="entity gold: precision, recall and F1 per entity type")
    evaluate.add_argument("--relations", type=Path, metavar="FILE.jsonl",
                          help="relation gold: precision, recall and F1 per relation type")
    evaluate.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR")
    candidates = command("candidates", cmd_candidates,
                         "list phrases that look like entities missing from the vocabulary")
    candidates.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                            help="folder of entry files (default: seeds)")
    candidates.add_argument("--limit", type=count, default=50, metavar="N",
                            help="show the N best (default: 50; 0 shows all)")
    candidates.add_argument("--format", type=str.lower, choices=("table", "tsv"),
                            default="table",
                            help="an aligned table (the default) or tab-separated values")

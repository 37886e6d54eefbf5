"""The command line: parses arguments, calls the library, formats results and errors."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from hormgraph import __version__
from hormgraph.errors import BadInputs, HormgraphError, UsageError
from hormgraph.graph import merge_relations
from hormgraph.graphfile import MAX_GRAPH_BYTES, size_text
from hormgraph.ingest import MAX_ENTRY_BYTES, MAX_LINE_CHARS
from hormgraph.model import EntityType
from hormgraph.triplestore import CHUNK_TRIPLES, DEFAULT_GRAPH_IRI

if TYPE_CHECKING:
    from hormgraph.triplestore import Credentials
    from hormgraph.vocabulary import Vocabulary

Command = Callable[[argparse.Namespace], int]


def _vocabulary(args: argparse.Namespace) -> Vocabulary:
    from hormgraph.vocabulary import load_vocabulary

    return load_vocabulary(args.vocabulary)


def _warn(message: str) -> None:
    print(f"hormgraph: warning: {message}", file=sys.stderr)


def _jobs(text: str) -> int:
    """A --jobs value: a whole number of processes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return value


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
    result = build(args.seeds, _vocabulary(args), strict=args.strict,
                   full_vocabulary=args.full_vocabulary, progress=progress, jobs=args.jobs,
                   cache=None if args.no_cache else cache_folder(args.out), dask=args.dask,
                   limits=EntryLimits(args.max_entry_bytes, args.max_line_chars))
    if progress is not None:
        progress.done()  # the warnings start on a clean line
    for problem in () if args.quiet else result.problems:
        _warn(f"skipped {problem}")
    for warning in () if args.quiet else result.warnings:
        _warn(warning)
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
    vocabulary = _vocabulary(args)
    for type_, count in vocabulary.stats().items():
        print(f"{type_.value:<10} {count:>5}")
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

    vocabulary = _vocabulary(args)
    entries, problems = read_entries(args.seeds)
    for problem in problems:
        _warn(f"skipped {problem}")
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
        _warn(f"skipped {problem}")
    found = find_candidates(entries, _vocabulary(args))
    print(format_candidates(found[: args.limit or None], args.format))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check a graph; exit 1 if a finding is at the --fail-on level or worse."""
    from hormgraph.check import Level, failing, format_findings, run_checks
    from hormgraph.graphfile import read_graph

    findings = run_checks(read_graph(args.graph, args.max_graph_bytes))
    sys.stdout.write(format_findings(findings, args.format))
    return 1 if failing(findings, Level(args.fail_on)) else 0


def cmd_query(args: argparse.Namespace) -> int:
    """Run a SPARQL query, a .rq file or a bundled query on a graph; or list the bundled ones."""
    from hormgraph.query import (
        bundled_queries,
        format_answer,
        load_store,
        parse_binding,
        prepare_query,
        read_query,
        run_query,
    )

    if args.list:
        for name, bundled in bundled_queries().items():
            print(f"{name:<26} {bundled.question}")
            for example in bundled.examples:
                print(f"{'':<26}   --bind {example}")
        return 0
    if args.query is None:
        raise UsageError("give a query, a .rq file, a bundled query's name or - (standard "
                         "input); --list names the bundled queries")
    bindings = dict(parse_binding(binding) for binding in args.bind)
    source, text = ("<stdin>", sys.stdin.read()) if args.query == "-" else read_query(args.query)
    prepared = prepare_query(text, source)
    if args.endpoint is None:
        if args.named_graph is not None:
            raise UsageError("--named-graph needs --endpoint: a local graph file has no named "
                             "graphs")
        answer = run_query(load_store(args.graph, args.store, args.max_graph_bytes),
                           prepared, bindings)
    else:
        from hormgraph.triplestore import Client, run_remote

        remote = run_remote(args.endpoint, prepared, Client(_credentials(args)), bindings,
                            args.named_graph)
        if remote.truncated:
            _warn(remote.truncated)
        answer = remote.answer
    sys.stdout.write(format_answer(answer, args.format))
    return 0


def _credentials(args: argparse.Namespace) -> Credentials | None:
    """--user and the password in the environment variable --password-env names."""
    from hormgraph.triplestore import Credentials

    if (args.user is None) != (args.password_env is None):
        raise UsageError("give --user and --password-env together")
    if args.user is None:
        return None
    password = os.environ.get(args.password_env)
    if password is None:
        raise UsageError(f"--password-env {args.password_env}: no such environment variable")
    return Credentials(args.user, password)


def cmd_push(args: argparse.Namespace) -> int:
    """Replace a named graph in a triple store with the graph file, by the Graph Store
    Protocol; check the count by SPARQL."""
    from hormgraph.triplestore import Client, endpoints_for, plan_push, push, read_ntriples

    endpoints = endpoints_for(args.endpoint, args.query_endpoint, args.update_endpoint)
    credentials = _credentials(args)
    plan = plan_push(read_ntriples(args.graph), args.named_graph, args.chunk)
    how = (f"in {len(plan.chunks)} requests through a temporary graph, then MOVE"
           if plan.staged else "in one PUT")
    if args.dry_run:
        print(f"would push {plan.triples} triples from {args.graph} to <{plan.target}> at "
              f"{endpoints.graph_store} {how}; count check at {endpoints.query}")
        return 0
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        print(f"\rpushing: {done}/{total} triples", end="" if done < total else "\n",
              file=sys.stderr, flush=True)

    report = push(plan, endpoints, Client(credentials, timeout=args.timeout),
                  progress if tty else None)
    rate = report.triples / report.seconds if report.seconds else 0.0
    print(f"pushed {report.triples} triples to <{plan.target}> at {endpoints.graph_store} "
          f"{how}; the store holds {report.stored} ({report.seconds:.1f} s, "
          f"{rate:,.0f} triples/s)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a graph as a read-only SPARQL endpoint until interrupted."""
    from hormgraph.query import load_store
    from hormgraph.serve import ENDPOINT, LOOPBACK, make_server

    store = load_store(args.graph, args.store, args.max_graph_bytes)
    server = make_server(store, args.host, args.port, timeout=args.timeout,
                         max_rows=args.max_rows, allowed_hosts=(*LOOPBACK, *args.allow_host),
                         workers=args.workers)
    if args.host not in LOOPBACK:
        _warn(f"listening on {args.host}: anyone who can reach it can query the graph")
    url = f"http://{args.host}:{server.server_port}"
    print(f"serving {args.graph} ({len(store)} triples): query page {url}/, "
          f"SPARQL endpoint {url}{ENDPOINT}; Ctrl-C stops", flush=True)
    with server:
        server.serve_forever()
    return 0


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return int(value)


_SIZE = re.compile(r"(\d+)\s*(?:([KMG])(?:i?B)?|B)?", re.IGNORECASE)


def _size(value: str) -> int:
    """A size in bytes: a whole number, or one with K, M or G (powers of 1024: 5M, 2GiB)."""
    size = _SIZE.fullmatch(value.strip())
    if size is None or int(size[1]) == 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 5000000, 64K, 5M or 2G, got "
                                         f"{value!r}")
    return int(size[1]) << 10 * " KMG".index((size[2] or " ").upper())


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535 (or 0 for a free "
                                         f"one), got {value!r}")
    return int(value)


def _folder(value: str) -> Path:
    if value == "-":
        raise argparse.ArgumentTypeError("'-' is not a folder: the outputs are several files, "
                                         "so they cannot go to standard output")
    return Path(value)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="hormgraph",
        description="Turn glossary entries about hormonal health into a linked SKOS/OWL "
                    "knowledge graph: build it, check it, query it, serve it.")
    main.add_argument("--version", action="version", version=f"hormgraph {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Command, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        sub.set_defaults(handler=handler, command_parser=sub)
        sub.add_argument("--vocabulary", type=Path, default=None, metavar="DIR",
                         help="an ontology folder to use instead of the packaged vocabulary")
        return sub

    build = command("build", cmd_build, "build seeds/*.txt into output/hormgraph.ttl and .html")
    build.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                       help="folder of entry files (default: seeds)")
    build.add_argument("-o", "--out", type=_folder, default=Path("output"), metavar="DIR",
                       help="folder for the outputs (default: output)")
    build.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N",
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
    build.add_argument("--max-entry-bytes", type=_size, default=MAX_ENTRY_BYTES, metavar="SIZE",
                       help="skip (or, with --strict, fail on) an entry file larger than this "
                            f"(default: {size_text(MAX_ENTRY_BYTES)}; e.g. 500K, 20M)")
    build.add_argument("--max-line-chars", type=_size, default=MAX_LINE_CHARS, metavar="N",
                       help="skip an entry with a line longer than this many characters "
                            f"(default: {MAX_LINE_CHARS})")
    talk = build.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true",
                      help="print nothing but errors: no progress, warnings or summary")
    talk.add_argument("-v", "--verbose", action="store_true",
                      help="report progress after every entry, however few there are")
    vocabulary = command("vocabulary", cmd_vocabulary,
                         "show the vocabulary's counts by type, or format its Turtle files")
    vocabulary.add_argument("--stats", action="store_true", help="counts by type (the default)")
    vocabulary.add_argument("--format", action="store_true",
                            help="rewrite the ontology's Turtle files in the canonical layout")
    vocabulary.add_argument("--check", action="store_true",
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
    candidates.add_argument("--limit", type=_count, default=50, metavar="N",
                            help="show the N best (default: 50; 0 shows all)")
    candidates.add_argument("--format", type=str.lower, choices=("table", "tsv"),
                            default="table",
                            help="an aligned table (the default) or tab-separated values")
    check = command("check", cmd_check,
                    "check a graph: SHACL shapes, SKOS integrity, qSKOS and ROBOT-style report")
    check.add_argument("--graph", type=Path, default=Path("output/hormgraph.ttl"), metavar="FILE",
                       help="the RDF file to check (default: output/hormgraph.ttl)")
    _graph_limit(check)
    check.add_argument("--fail-on", type=str.upper, choices=("ERROR", "WARN", "INFO"),
                       default="ERROR", metavar="LEVEL",
                       help="exit 1 on a finding at LEVEL or worse: error (the default), warn "
                            "or info, in any case")
    check.add_argument("--format", type=str.lower, choices=("table", "tsv", "json"),
                       default="table",
                       help="an aligned table (the default), tab-separated values or JSON")
    query = command("query", cmd_query, "ask the graph a SPARQL query, or a bundled one")
    query.add_argument("query", nargs="?", metavar="QUERY|FILE.rq|NAME|-",
                       help="SPARQL text, a .rq file, a bundled query's name (see --list) or - "
                            "to read the query from standard input; "
                            "the prefixes hgo:, hg:, hormone:, skos:, oa:, ... are predeclared")
    query.add_argument("--list", action="store_true", help="list the bundled queries")
    query.add_argument("--format", type=str.lower,
                       choices=("table", "csv", "tsv", "json", "xml"),
                       default="table",
                       help="SELECT and ASK answers as an aligned table (the default) or as "
                            "SPARQL results in CSV, TSV, JSON or XML; graphs are always Turtle")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME to <IRI> or prefix:name (an IRI), or to \"text\", "
                            "\"text\"@en or \"3\"^^xsd:integer (a literal); repeatable")
    query.add_argument("--endpoint", metavar="URL", default=None,
                       help="ask a SPARQL 1.1 endpoint (a triple store) instead of --graph")
    query.add_argument("--named-graph", metavar="IRI", default=None,
                       help="with --endpoint: query this named graph (default-graph-uri), e.g. "
                            "the one hormgraph push filled")
    push = command("push", cmd_push, "replace a named graph in a triple store with the graph "
                                     "(SPARQL 1.1 Graph Store Protocol)")
    push.add_argument("--graph", type=Path, default=Path("output/hormgraph.ttl"),
                      metavar="FILE", help="the RDF file to push (default: output/hormgraph.ttl)")
    push.add_argument("--endpoint", required=True, metavar="URL",
                      help="the store's Graph Store URL: Oxigraph http://HOST:7878/store, "
                           "Virtuoso http://HOST:8890/sparql-graph-crud-auth, Fuseki "
                           "http://HOST:3030/DATASET/data, GraphDB "
                           "http://HOST:7200/repositories/REPO/rdf-graphs/service")
    push.add_argument("--named-graph", metavar="IRI", default=DEFAULT_GRAPH_IRI,
                      help=f"the named graph to replace (default: {DEFAULT_GRAPH_IRI})")
    push.add_argument("--query-endpoint", metavar="URL", default=None,
                      help="where to count the pushed triples (default: the store's own "
                           "layout, e.g. /store -> /query, /sparql-graph-crud-auth -> /sparql)")
    push.add_argument("--update-endpoint", metavar="URL", default=None,
                      help="where a chunked push moves its temporary graph (default: the "
                           "store's own layout, e.g. /update, /sparql-auth)")
    push.add_argument("--chunk", type=_positive, default=CHUNK_TRIPLES, metavar="N",
                      help=f"triples per request (default: {CHUNK_TRIPLES}); a larger graph "
                           "goes through a temporary graph")
    push.add_argument("--timeout", type=_positive, default=300, metavar="SECONDS",
                      help="give up on a request after SECONDS (default: 300)")
    push.add_argument("--dry-run", action="store_true",
                      help="say what would be sent, send nothing")
    for sub in (query, push):
        sub.add_argument("--user", default=None, help="the store's user name")
        sub.add_argument("--password-env", metavar="VAR", default=None,
                         help="the environment variable holding the password (never on the "
                              "command line)")
    serve = command("serve", cmd_serve, "serve the graph as a read-only SPARQL endpoint")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_port, default=8000, metavar="N",
                       help="the port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--timeout", type=_positive, default=30, metavar="SECONDS",
                       help="stop a query that runs longer, with an error (default: 30)")
    serve.add_argument("--max-rows", type=_positive, default=10_000, metavar="N",
                       help="send at most N rows or triples per answer; a cut answer has an "
                            "X-SPARQL-MaxRows header (default: 10000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="answer requests whose Host header names NAME, besides localhost, "
                            "127.0.0.1 and ::1 (repeatable; against DNS rebinding)")
    serve.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="queries answered at once (default: two per CPU)")
    for sub in (query, serve):
        sub.add_argument("--graph", type=Path, default=Path("output/hormgraph.ttl"),
                         metavar="FILE", help="the RDF file to query (default: "
                                              "output/hormgraph.ttl)")
        sub.add_argument("--store", type=str.lower, choices=("rdflib", "oxigraph"),
                         default="rdflib",
                         help="rdflib in memory (the default) or pyoxigraph, much faster on "
                              "large graphs; the answers are the same")
        _graph_limit(sub)
    return main


def _graph_limit(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--max-graph-bytes", type=_size, default=MAX_GRAPH_BYTES, metavar="SIZE",
                     help="refuse a graph file larger than this "
                          f"(default: {size_text(MAX_GRAPH_BYTES)}; e.g. 500M, 8G)")


def main(argv: Sequence[str] | None = None) -> int:
    args, unknown = parser().parse_known_args(argv)
    if unknown:
        # The subcommand's usage, not the top level's, says which flags it takes.
        args.command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.handler(args))
    except UsageError as error:
        print(f"hormgraph: error: {error}", file=sys.stderr)
        return 2
    except BadInputs as error:
        for problem in error.errors:
            print(f"hormgraph: error: {problem}", file=sys.stderr)
        print(f"hormgraph: error: {len(error.errors)} bad input file(s); nothing written",
              file=sys.stderr)
        return 1
    except HormgraphError as error:
        print(f"hormgraph: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`hormgraph query ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141

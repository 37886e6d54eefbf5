"""The commands that use the graph: check, query, push, serve, shard."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hormgraph.cli.options import AddCommand, graph_limit, port, positive, warn
from hormgraph.errors import UsageError
from hormgraph.triplestore import CHUNK_TRIPLES, DEFAULT_GRAPH_IRI

if TYPE_CHECKING:
    from hormgraph.triplestore import Credentials


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
            warn(remote.truncated)
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
        warn(f"listening on {args.host}: anyone who can reach it can query the graph")
    url = f"http://{args.host}:{server.server_port}"
    print(f"serving {args.graph} ({len(store)} triples): query page {url}/, "
          f"SPARQL endpoint {url}{ENDPOINT}; Ctrl-C stops", flush=True)
    with server:
        server.serve_forever()
    return 0


def cmd_shard(args: argparse.Namespace) -> int:
    """Cut an N-Triples file into shards for a store's bulk loader."""
    from hormgraph.shards import write_shards

    shards = write_shards(args.graph, args.out, args.triples, args.jobs)
    print(f"{len(shards)} shards of about {args.triples:,} triples in {args.out}/ "
          f"(part-*.nt): load them with `oxigraph load --file` or Virtuoso's ld_dir")
    return 0


def add_commands(command: AddCommand) -> None:
    """The parsers of check, query, push, serve and shard."""
    check = command("check", cmd_check,
                    "check a graph: SHACL shapes, SKOS integrity, qSKOS and ROBOT-style report")
    check.add_argument("--graph", type=Path, default=Path("output/hormgraph.ttl"), metavar="FILE",
                       help="the RDF file to check (default: output/hormgraph.ttl)")
    graph_limit(check)
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
    push.add_argument("--chunk", type=positive, default=CHUNK_TRIPLES, metavar="N",
                      help=f"triples per request (default: {CHUNK_TRIPLES}); a larger graph "
                           "goes through a temporary graph")
    push.add_argument("--timeout", type=positive, default=300, metavar="SECONDS",
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
    serve.add_argument("--port", type=port, default=8000, metavar="N",
                       help="the port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--timeout", type=positive, default=30, metavar="SECONDS",
                       help="stop a query that runs longer, with an error (default: 30)")
    serve.add_argument("--max-rows", type=positive, default=10_000, metavar="N",
                       help="send at most N rows or triples per answer; a cut answer has an "
                            "X-SPARQL-MaxRows header (default: 10000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="answer requests whose Host header names NAME, besides localhost, "
                            "127.0.0.1 and ::1 (repeatable; against DNS rebinding)")
    serve.add_argument("--workers", type=positive, default=None, metavar="N",
                       help="queries answered at once (default: two per CPU)")
    for sub in (query, serve):
        sub.add_argument("--graph", type=Path, default=Path("output/hormgraph.ttl"),
                         metavar="FILE", help="the RDF file to query (default: "
                                              "output/hormgraph.ttl)")
        default = "oxigraph" if sub is serve else "rdflib"
        sub.add_argument("--store", type=str.lower, choices=("rdflib", "oxigraph"),
                         default=default,
                         help=f"rdflib in memory or pyoxigraph, much faster on large graphs and "
                              f"under many clients (default: {default}); the answers are the "
                              "same")
        graph_limit(sub)
    shard = command("shard", cmd_shard, "cut the N-Triples graph into shards of about N "
                                        "triples for a store's bulk loader")
    shard.add_argument("--graph", type=Path, default=Path("output/hormgraph.nt"),
                       metavar="FILE", help="the N-Triples file (default: output/hormgraph.nt)")
    shard.add_argument("--triples", type=positive, default=1_000_000, metavar="N",
                       help="triples per shard (default: 1000000); a subject's triples stay "
                            "in one shard")
    shard.add_argument("-o", "--out", type=Path, default=Path("output/shards"), metavar="DIR",
                       help="the folder of shards, replaced whole (default: output/shards)")
    shard.add_argument("-j", "--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                       help="shards written at once (default: the cores)")

"""The command line, thin over the library: each command group's module parses its options,
calls the library and prints; here they are put together, and library errors become one line
on standard error and an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hormgraph import __version__
from hormgraph.cli import build, graph
from hormgraph.cli.options import Command
from hormgraph.errors import BadInputs, HormgraphError, UsageError

__all__ = ["main", "parser"]


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

    build.add_commands(command)
    graph.add_commands(command)
    return main


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

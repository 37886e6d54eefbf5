"""What every command shares: the types of option values, the vocabulary option, warnings."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hormgraph.graphfile import MAX_GRAPH_BYTES, size_text

if TYPE_CHECKING:
    from hormgraph.vocabulary import Vocabulary

Command = Callable[[argparse.Namespace], int]
#: Adds a subcommand (its name, its handler, its help) and returns its parser.
AddCommand = Callable[[str, Command, str], argparse.ArgumentParser]


def vocabulary_of(args: argparse.Namespace) -> Vocabulary:
    """The vocabulary --vocabulary names, else the packaged one."""
    from hormgraph.vocabulary import load_vocabulary

    return load_vocabulary(args.vocabulary)


def warn(message: str) -> None:
    print(f"hormgraph: warning: {message}", file=sys.stderr)


def jobs(text: str) -> int:
    """A --jobs value: a whole number of processes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return value


def count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {value!r}")
    return int(value)


_SIZE = re.compile(r"(\d+)\s*(?:([KMG])(?:i?B)?|B)?", re.IGNORECASE)



def size(value: str) -> int:
    """A size in bytes: a whole number, or one with K, M or G (powers of 1024: 5M, 2GiB)."""
    size = _SIZE.fullmatch(value.strip())
    if size is None or int(size[1]) == 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 5000000, 64K, 5M or 2G, got "
                                         f"{value!r}")
    return int(size[1]) << 10 * " KMG".index((size[2] or " ").upper())




def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {value!r}")
    return int(value)




def port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535 (or 0 for a free "
                                         f"one), got {value!r}")
    return int(value)




def folder(value: str) -> Path:
    if value == "-":
        raise argparse.ArgumentTypeError("'-' is not a folder: the outputs are several files, "
                                         "so they cannot go to standard output")
    return Path(value)



def graph_limit(sub: argparse.ArgumentParser) -> None:
    """Add --max-graph-bytes to a command that reads a graph file."""
    sub.add_argument("--max-graph-bytes", type=size, default=MAX_GRAPH_BYTES, metavar="SIZE",
                     help="refuse a graph file larger than this "
                          f"(default: {size_text(MAX_GRAPH_BYTES)}; e.g. 500M, 8G)")

"""hormgraph's own errors: each message names the file or entry and the problem in one line."""

from __future__ import annotations

import os
import re

#: What a name must not show raw on a terminal: controls (escape sequences, line breaks that would
#: forge a message line), line separators, and the surrogates that stand for undecodable bytes.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def shown(name: str) -> str:
    """A file name as messages show it: as it is when printable, else escaped (repr), and a name
    that is not UTF-8 as the repr of its bytes.

    >>> shown("a.txt"), shown("a\\nb.txt"), shown("caf\\udce9.txt")
    ('a.txt', "'a\\\\nb.txt'", "b'caf\\\\xe9.txt'")
    """
    if not _UNSAFE.search(name):
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return repr(os.fsencode(name))
    return repr(name)


class HormgraphError(Exception):
    """Base class of every error hormgraph raises on purpose."""


class InputError(HormgraphError):
    """An input file cannot be read as a glossary entry."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{shown(source)}: {problem}")
        self.source = source
        self.problem = problem


class BadInputs(HormgraphError):
    """Several inputs are bad (raised by a strict build, naming every one)."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        names = "; ".join(str(e) for e in errors)
        super().__init__(f"{len(errors)} bad input file(s): {names}")


class VocabularyError(HormgraphError):
    """The vocabulary in ontology/ cannot be loaded."""


class QueryError(HormgraphError):
    """A SPARQL query is malformed or cannot run."""


class UsageError(HormgraphError):
    """A value given on the command line has the wrong form (the command line exits 2)."""


class BindingError(QueryError, UsageError):
    """A query binding (`--bind name=value`) is not an IRI or a literal hormgraph can read."""


class GraphError(HormgraphError):
    """A graph file cannot be read."""


class StoreError(HormgraphError):
    """A triple store refused a request, could not be reached, or holds what it should not."""


class AuthenticationError(StoreError):
    """A triple store turned the user name and password down."""

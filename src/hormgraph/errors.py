"""hormgraph's own errors: each message names the file or entry and the problem in one line."""


class HormgraphError(Exception):
    """Base class of every error hormgraph raises on purpose."""


class InputError(HormgraphError):
    """An input file cannot be read as a glossary entry."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
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

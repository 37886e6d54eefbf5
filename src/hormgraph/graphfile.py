"""A graph file a user gives (`--graph`), read safely: limits, refusals, one-line parse errors."""

from __future__ import annotations

import json
import os
import pyexpat
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from xml.sax import SAXException, SAXParseException

from rdflib import Graph
from rdflib.exceptions import ParserError

from hormgraph.errors import GraphError, shown

#: The largest graph file read: a bound, so that a runaway file ends in an error, not a hang.
MAX_GRAPH_BYTES = 2 * 1024**3
#: An RDF/XML entity may stand for this many characters at most (Protégé declares namespace
#: IRIs as entities; a few dozen characters each).
MAX_ENTITY_CHARS = 1024
#: Entity references in RDF/XML element text may add this many characters in all: rdflib builds
#: a literal one reference at a time, at a cost that grows with the square of its length.
MAX_ENTITY_TEXT = 1024 * 1024
_READ_CHUNK = 64 * 1024
_LINES_AT_ONCE = 1000
_BAD_SYNTAX = re.compile(r"at line (\d+) of <[^>]*>:\s*Bad syntax \((.*?)\) at \^ in:", re.S)


@dataclass(frozen=True)
class Syntax:
    """An RDF syntax: its name in messages and its names in rdflib and in pyoxigraph."""

    name: str
    rdflib: str
    oxigraph: str


TURTLE = Syntax("Turtle", "turtle", "TURTLE")
N_TRIPLES = Syntax("N-Triples", "nt", "N_TRIPLES")
N_QUADS = Syntax("N-Quads", "nquads", "N_QUADS")
RDF_XML = Syntax("RDF/XML", "xml", "RDF_XML")
JSON_LD = Syntax("JSON-LD", "json-ld", "JSON_LD")
#: Syntaxes by file extension; any other extension is read as Turtle.
SYNTAXES = {
    "ttl": TURTLE, "turtle": TURTLE, "nt": N_TRIPLES, "nq": N_QUADS,
    "trig": Syntax("TriG", "trig", "TRIG"), "n3": Syntax("N3", "n3", "N3"),
    "rdf": RDF_XML, "owl": RDF_XML, "xml": RDF_XML, "jsonld": JSON_LD, "json": JSON_LD,
}


@dataclass(frozen=True)
class GraphFile:
    """The bytes of a graph file that passed every check before parsing, and its syntax."""

    path: Path
    syntax: Syntax
    data: bytes

    @property
    def base(self) -> str:
        """The base IRI of relative IRIs in the file: its own file: IRI."""
        return self.path.absolute().as_uri()

    def error(self, problem: str) -> GraphError:
        return GraphError(f"{shown(str(self.path))}: {problem}")

    def invalid(self, problem: str) -> GraphError:
        """The error for a file that is not valid in its syntax; `problem` says where and why,
        often quoting the file, whose control characters it shows escaped."""
        return self.error(f"not valid {self.syntax.name} ({printable(problem)})")


def printable(text: str) -> str:
    """`text` with every character a terminal would not show as itself escaped, as in a repr.

    >>> printable("line 1: \\x00<a> \\u2028 caf\\u00e9 'x'")
    "line 1: \\\\x00<a> \\\\u2028 café 'x'"
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def syntax_of(path: Path) -> Syntax:
    """The syntax of a graph file, from its extension (Turtle when unknown).

    >>> syntax_of(Path("g.owl")).name, syntax_of(Path("g.JSONLD")).name, syntax_of(Path("g")).name
    ('RDF/XML', 'JSON-LD', 'Turtle')
    """
    return SYNTAXES.get(path.suffix.lower().lstrip("."), TURTLE)


def size_text(count: int) -> str:
    """A number of bytes as people write it.

    >>> size_text(2 * 1024**3), size_text(5 * 1024**2), size_text(1000)
    ('2 GiB', '5 MiB', '1000 bytes')
    """
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"


def read_graph_file(path: Path, max_bytes: int = MAX_GRAPH_BYTES) -> GraphFile:
    """The bytes of the graph file at `path`, refused (a GraphError) when it is not a regular
    file, is larger than `max_bytes`, is JSON-LD naming a context elsewhere (which a parser would
    fetch over the network) or is RDF/XML declaring entities that could expand without bound or
    read other files."""
    file = GraphFile(path, syntax_of(path), _read_regular(path, max_bytes))
    if file.syntax is JSON_LD:
        _refuse_remote_contexts(file)
    elif file.syntax is RDF_XML:
        _refuse_unsafe_entities(file)
    return file


def read_graph(path: Path, max_bytes: int = MAX_GRAPH_BYTES) -> Graph:
    """Parse an RDF file with rdflib, its syntax guessed from its extension (Turtle when
    unknown), after the checks of `read_graph_file`."""
    file = read_graph_file(path, max_bytes)
    try:
        return Graph().parse(data=file.data, format=file.syntax.rdflib, publicID=file.base)
    except RecursionError as error:
        raise file.invalid("nested too deeply") from error
    except MemoryError:
        raise
    except Exception as error:  # rdflib's parsers fail on some bad input with an IndexError,...
        raise file.invalid(_rdflib_problem(file, error)) from error


def _read_regular(path: Path, max_bytes: int) -> bytes:
    name = shown(str(path))
    try:
        # Non-blocking, so that opening a FIFO without a writer returns, to be refused below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise GraphError(f"{name}: no such file") from error
    except OSError as error:
        raise GraphError(f"{name}: cannot read ({error.strerror})") from error
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise GraphError(f"{name}: a directory, not a graph file")
        if not stat.S_ISREG(status.st_mode):
            raise GraphError(f"{name}: not a regular file (a FIFO, socket or device); "
                             "graphs are read from files only")
        if status.st_size > max_bytes:
            raise _too_large(name, max_bytes)
        with open(descriptor, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise GraphError(f"{name}: cannot read ({error.strerror})") from error
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew since fstat
        raise _too_large(name, max_bytes)
    return data


def _too_large(name: str, max_bytes: int) -> GraphError:
    return GraphError(f"{name}: larger than the limit of {size_text(max_bytes)} for a graph file "
                      "(--max-graph-bytes raises it)")


def _rdflib_problem(file: GraphFile, error: Exception) -> str:
    """Where and why rdflib could not parse a file, on one line."""
    if isinstance(error, UnicodeDecodeError):
        return _not_utf8(file.data)
    if isinstance(error, SAXParseException):
        return f"line {error.getLineNumber()}: {error.getMessage()}"
    text = str(error)
    bad_syntax = _BAD_SYNTAX.search(text)
    if bad_syntax:
        return f"line {bad_syntax[1]}: {bad_syntax[2]}"
    message = _first_line(text) or type(error).__name__
    if not isinstance(error, (SyntaxError, ValueError, ParserError, SAXException)):
        message = f"rdflib's parser failed: {type(error).__name__}: {message}"
    if file.syntax in (N_TRIPLES, N_QUADS):
        line = _first_bad_line(file)
        if line is not None:
            return f"line {line}: {message}"
    return message


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    return first if len(first) <= 160 else first[:159] + "…"


def _not_utf8(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return f"line {line}: not UTF-8 (byte 0x{data[error.start]:02x})"
    return "not UTF-8"


def _first_bad_line(file: GraphFile) -> int | None:
    """The number of the first line rdflib rejects in a line-based syntax (rdflib's N-Triples
    errors do not say which line); only run once a parse has failed. Lines are tried a thousand
    at a time, then one by one in the first thousand that fails."""
    lines = file.data.splitlines(keepends=True)
    for start in range(0, len(lines), _LINES_AT_ONCE):
        block = lines[start:start + _LINES_AT_ONCE]
        if not _parses(b"".join(block), file.syntax):
            return next((start + number for number, line in enumerate(block, 1)
                         if not _parses(line, file.syntax)), None)
    return None


def _parses(data: bytes, syntax: Syntax) -> bool:
    try:
        Graph().parse(data=data, format=syntax.rdflib)
    except Exception:  # whatever the parser raised for the whole file
        return False
    return True


def _refuse_remote_contexts(file: GraphFile) -> None:
    """Refuse a JSON-LD document whose @context (or @import) names a document instead of holding
    it: rdflib would fetch it, over the network, and queries run offline."""
    try:
        document = json.loads(file.data)
    except json.JSONDecodeError as error:
        raise file.invalid(f"line {error.lineno}: {error.msg}") from error
    except UnicodeDecodeError as error:
        raise file.invalid(_not_utf8(file.data)) from error
    except RecursionError as error:
        raise file.invalid("nested too deeply") from error
    pending = [document]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            for key in ("@context", "@import"):
                named = _named_context(node.get(key))
                if named is not None:
                    raise file.error(f"the JSON-LD {key} {named[:80]!r} is a document "
                                     "elsewhere, and hormgraph never fetches one; put the "
                                     "context in the file")
            pending.extend(node.values())


def _named_context(value: object) -> str | None:
    """The first context `value` names by reference (a string) rather than holds."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            return item
    return None


class _PrologRead(Exception):
    """Raised from an expat handler to stop once the part that matters has been read."""


def _refuse_unsafe_entities(file: GraphFile) -> None:
    """Refuse RDF/XML with a DTD that reads other files (an external DTD or entity), declares
    parameter entities, or declares entities in terms of other entities (nested entities
    expand exponentially: "billion laughs"); plain entities (Protégé's namespace IRIs) pass,
    within MAX_ENTITY_CHARS each and MAX_ENTITY_TEXT in all of the element text."""
    parser = pyexpat.ParserCreate()
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    entities: dict[str, int] = {}
    expanded = 0

    def doctype(name: str, system_id: str | None, public_id: str | None,
                internal: int) -> None:
        if system_id or public_id:
            raise file.error(f"refused: the RDF/XML names an external DTD ({system_id!r}), "
                             "and hormgraph reads no other file or URL")

    def entity(name: str, parameter: int, value: str | None, base: str | None,
               system_id: str | None, public_id: str | None, notation: str | None) -> None:
        if value is None:
            raise file.error(f"refused: the RDF/XML declares the external entity {name!r} "
                             "(hormgraph reads no other file or URL)")
        if parameter:
            raise file.error(f"refused: the RDF/XML declares the parameter entity %{name};")
        if "&" in value or "%" in value:
            raise file.error(f"refused: the RDF/XML entity {name!r} is defined by other "
                             "entities (nested entities can expand without bound)")
        if len(value) > MAX_ENTITY_CHARS:
            raise file.error(f"refused: the RDF/XML entity {name!r} is longer than "
                             f"{MAX_ENTITY_CHARS} characters")
        entities[name] = len(value)

    def element(name: str, attributes: object) -> None:
        if not entities:
            raise _PrologRead
        # From here on, expat passes each reference in text to `reference` unexpanded.
        parser.StartElementHandler = None
        parser.DefaultHandler = reference

    def reference(data: str) -> None:
        nonlocal expanded
        if data.startswith("&") and data.endswith(";"):
            expanded += entities.get(data[1:-1], 0)
            if expanded > MAX_ENTITY_TEXT:
                raise file.error(f"refused: entity references in the RDF/XML add more than "
                                 f"{size_text(MAX_ENTITY_TEXT)} of text")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = element
    try:
        for start in range(0, len(file.data), _READ_CHUNK):
            parser.Parse(file.data[start:start + _READ_CHUNK], False)
        parser.Parse(b"", True)
    except _PrologRead:
        return
    except pyexpat.ExpatError as error:
        raise file.invalid(f"line {error.lineno}: {pyexpat.ErrorString(error.code)}") from error

"""hormgraph: glossary entries about hormonal health -> a linked SKOS/OWL knowledge graph.

The front door, for library use (each name is imported on first use, so `import hormgraph`
stays cheap):

    from hormgraph import build, load_vocabulary, write_outputs
    result = build(Path("seeds"), load_vocabulary())
    write_outputs(result, Path("output"))
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("hormgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

#: Each public name and the module it lives in.
_EXPORTS = {
    "build": "pipeline", "write_outputs": "pipeline", "read_entries": "pipeline",
    "Build": "pipeline", "Extractor": "extractor",
    "load_vocabulary": "vocabulary", "Vocabulary": "vocabulary",
    "read_entry": "ingest", "parse_entry": "ingest",
    "build_graph": "graph",
    "run_query": "query", "load_store": "query", "prepare_query": "query",
    "run_checks": "check",
    "Entry": "model", "Mention": "model", "Relation": "model", "AnnotatedEntry": "model",
    "EntityType": "model", "Concept": "model",
    "HormgraphError": "errors",
    "OUTPUTS": "export.formats",
}
__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f"hormgraph.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hormgraph' has no attribute {name!r}")

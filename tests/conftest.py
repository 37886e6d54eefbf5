"""Shared fixtures: the packaged vocabulary, the seeds' build, and system-tool requirements."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from hormgraph.pipeline import Build, Extractor, build, write_outputs
from hormgraph.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


JENA = Path(__file__).resolve().parent / "tools" / "jena"
JENA_CORE = Path("/usr/share/java/jena-core.jar")


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it, but fail in CI, which must install it."""
    path = shutil.which(name)
    if path is None:
        message = f"needs the system tool {name!r} (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_jena() -> Path:
    """tests/tools/jena, which runs Debian's Apache Jena: skip without Java and the Jena jars,
    but fail in CI, which installs them."""
    require_tool("java")
    if not JENA_CORE.is_file():
        message = f"needs Apache Jena: {JENA_CORE} is missing (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return JENA


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return load_vocabulary()


@pytest.fixture(scope="session")
def extractor(vocabulary: Vocabulary) -> Extractor:
    return Extractor.from_vocabulary(vocabulary)


@pytest.fixture(scope="session")
def seeds_build(vocabulary: Vocabulary) -> Build:
    return build(SEEDS, vocabulary)


@pytest.fixture(scope="session")
def seeds_graph(seeds_build: Build) -> Graph:
    return seeds_build.graph


@pytest.fixture(scope="session")
def outputs(seeds_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every output file of the seeds' build, written once."""
    out = tmp_path_factory.mktemp("outputs")
    write_outputs(seeds_build, out)
    return out

"""Shared fixtures: the packaged vocabulary, the seeds' build, and system-tool requirements."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Wait until a server started by a test answers at `url` (any HTTP status will do)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped before answering at {url} "
                        f"(exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing answered at {url} within {seconds} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server a test started: SIGTERM, then SIGKILL if it lingers."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def require_oxigraph_server() -> str:
    """The `oxigraph` command of PyPI's oxigraph (next to this Python, or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else require_tool("oxigraph")

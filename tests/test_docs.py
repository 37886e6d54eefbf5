"""The README documents every command, and CI runs exactly the README's test command."""

from __future__ import annotations

import re

from hormgraph.cli import parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart() -> list[str]:
    section = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_is_two_commands() -> None:
    commands = quickstart()
    assert len(commands) == 2
    assert "hormgraph build" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert quickstart()[1] in ci


def test_every_command_is_documented() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"`hormgraph {name}" in README, f"README does not document `hormgraph {name}`"

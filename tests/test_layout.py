"""The house rules of the source tree: no module over 450 lines, and every module drawn in the
README's layout."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "hormgraph"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_450_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert long == {}


def test_every_module_is_in_the_readme_layout() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("### Layout", 1)[1].split("```", 2)[1]
    drawn = set(re.findall(r"^\s+([\w/]+\.py)\s", tree, re.M))
    missing = {p.name for p in _modules() if p.name not in drawn}
    assert missing == set()


def test_the_evidence_model_s_classes_are_named_in_the_evidence_module_only() -> None:
    naming = sorted(str(p.relative_to(PACKAGE)) for p in _modules()
                    if re.search(r"TextQuoteSelector|TextPositionSelector|SpecificResource",
                                 p.read_text(encoding="utf-8")))
    assert naming == ["evidence.py"]

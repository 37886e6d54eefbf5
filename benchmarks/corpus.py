"""A seeded corpus of glossary entries in the seeds' format, for the build benchmarks.

Each entry recombines the sentences of seeds/ and tests/data/dev*/ (their vocabulary names kept,
so mention and relation density match real entries) into a definition, an Origin and a Mechanism
paragraph, followed by a cookie banner; its title opens the definition.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from pathlib import Path

from hormgraph.extract import split_sentences
from hormgraph.ingest import read_entry

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", *sorted((ROOT / "tests" / "data").glob("dev*")))
PARAGRAPH_CHARS = 450
BANNER = ("We use cookies to personalize content and marketing, and to analyze our traffic.\n"
          "Detailed Cookie Preferences\n"
          "Analytics cookies help us understand how visitors interact with our website.\n")
WORDS = (
    ("Adrenal", "Hormonal", "Thyroid", "Ovarian", "Dermal", "Metabolic", "Circadian", "Androgen",
     "Estrogen", "Cortisol", "Insulin", "Leptin", "Pituitary", "Follicular", "Luteal", "Hepatic",
     "Renal", "Skeletal", "Sebaceous", "Neuroendocrine", "Peptide", "Steroid", "Vascular",
     "Gonadal", "Pancreatic", "Hypothalamic", "Cutaneous", "Osseous", "Mammary", "Placental"),
    ("Axis", "Signal", "Gradient", "Rhythm", "Feedback", "Clearance", "Conversion", "Reserve",
     "Tone", "Response", "Sensitivity", "Pulse", "Flux", "Coupling", "Drive", "Window", "Load",
     "Turnover", "Priming", "Crosstalk", "Set Point", "Cascade", "Threshold", "Buffer"),
    ("Recalibration", "Optimization", "Restoration", "Modulation", "Mapping", "Support",
     "Balance", "Alignment", "Tuning", "Stabilization", "Recovery", "Assessment", "Profiling",
     "Synchronisation", "Resilience", "Adaptation", "Reset", "Priming", "Drift", "Maintenance"),
)


def sentences() -> list[str]:
    """Every sentence of the source entries, in a fixed order."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            entry = read_entry(path, None)
            for text in entry.sections.values():
                found.extend(text[start:end] for start, end in split_sentences(text))
    return found


def titles() -> list[str]:
    """Distinct titles, in a seeded order (14,400 of three words; more get a number)."""
    combos = [" ".join(words) for words in itertools.product(*WORDS)]
    random.Random(7).shuffle(combos)
    return combos


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write `count` entries into `folder`; the same count and seed give the same files."""
    rng = random.Random(seed)
    pool = sentences()
    names = titles()
    folder.mkdir(parents=True, exist_ok=True)

    def paragraph() -> str:
        chosen: list[str] = []
        while sum(map(len, chosen)) < PARAGRAPH_CHARS:
            chosen.append(rng.choice(pool))
        return " ".join(chosen)

    paths = []
    for index in range(count):
        title = names[index % len(names)]
        if index >= len(names):
            title = f"{title} {index // len(names) + 1}"
        body = paragraph()
        text = (f"{title}, in the domain of hormonal health, refers to {body[0].lower()}"
                f"{body[1:]}\nOrigin\n{paragraph()}\nMechanism\n{paragraph()}\n{BANNER}")
        digest = hashlib.sha256(title.encode()).hexdigest()[:16]
        path = folder / f"{index:06d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

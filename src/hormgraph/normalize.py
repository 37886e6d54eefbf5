"""Pure text normalisation shared by the vocabulary index and the text it is matched against.

Both sides go through `fold`, so a label and a phrase in an entry meet in one form: Unicode NFKC,
lower case, Greek letters spelled out, accents dropped, every character that is not a letter or a
digit turned into a space (so dashes, slashes and apostrophes separate words the way spaces do).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ω": "omega", "σ": "sigma", "τ": "tau", "θ": "theta",
}
GREEK_NAMES = frozenset(GREEK.values())

_ASCII_FOLD = bytes(
    (c + 32) if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32
    for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORDS = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one non-ASCII character: never empty, so positions can be mapped back.

    >>> fold_char("α"), fold_char("’"), fold_char("é"), fold_char("Ⅱ")
    ('alpha', ' ', 'e', 'ii')
    """
    text = unicodedata.normalize("NFKC", char).lower()
    out = []
    for c in text:
        if c in GREEK:
            out.append(GREEK[c])
            continue
        base = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
        out.append(base if base.isascii() and base.isalnum() else " ")
    folded = "".join(out).encode("ascii", "ignore").translate(_ASCII_FOLD).decode("ascii")
    return folded or " "


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold `text` for matching; also return, when lengths differ, each folded position's source.

    The folded text has only a-z, 0-9 and spaces. When every character folds to one character the
    positions agree and the map is None (the common, fast case).

    >>> fold("5α-Reductase’s")
    ('5alpha reductase s', [0, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    >>> fold("Sebaceous glands")
    ('sebaceous glands', None)
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii"), None
    parts: list[str] = []
    positions: list[int] | None = None
    last = 0
    for match in _NON_ASCII.finditer(text):
        start = match.start()
        folded = fold_char(match.group())
        if len(folded) != 1 and positions is None:
            positions = list(range(last))
        if positions is not None:
            positions.extend(range(last, start))
            positions.extend([start] * len(folded))
        parts.append(text[last:start])
        parts.append(folded)
        last = start + 1
    parts.append(text[last:])
    if positions is not None:
        positions.extend(range(last, len(text)))
    ascii_text = "".join(parts)
    return ascii_text.encode("ascii").translate(_ASCII_FOLD).decode("ascii"), positions


def fold_label(text: str) -> str:
    """A label's words, folded and joined by single spaces.

    >>> fold_label("17β-Estradiol"), fold_label("  sebaceous   glands ")
    ('17beta estradiol', 'sebaceous glands')
    """
    return " ".join(words(fold(text)[0]))


def words(folded: str) -> list[str]:
    """The words of folded text."""
    return _WORDS.findall(folded)


def iter_words(folded: str) -> Iterator[re.Match[str]]:
    """The words of folded text, with their positions."""
    return _WORDS.finditer(folded)


def slug(label: str) -> str:
    """The IRI slug of a label: folded, Greek letters spelled out, words joined by dashes.

    >>> slug("5α-reductase"), slug("Skin Recalibration"), slug("11β-HSD1")
    ('5-alpha-reductase', 'skin-recalibration', '11-beta-hsd1')
    """
    spaced = "".join(f" {GREEK[c]} " if c in GREEK else c for c in label.lower())
    return "-".join(words(fold(spaced)[0]))


def is_symbol(label: str) -> bool:
    """Whether a label is written in capitals and digits only (DHEA, E2, AR): matched case-exact.

    >>> is_symbol("DHEA-S"), is_symbol("E2"), is_symbol("Leydig cell"), is_symbol("5")
    (True, True, False, False)
    """
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)

"""Pure text normalisation shared by the vocabulary index and the text it is matched against.

Both sides go through `fold`, so a label and a phrase in an entry meet in one form: Unicode NFKC,
lower case, accents dropped, every character that is not a letter or a digit turned into a space
(so dashes, slashes and apostrophes separate words the way spaces do). A Greek letter folds to one
control character standing for it (α -> "\\x0e"), so that folding keeps the text's length and
positions need no map; the label index holds both that form and the spelled-out name ("alpha").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ω": "omega", "σ": "sigma", "τ": "tau", "θ": "theta",
}
GREEK_NAMES = frozenset(GREEK.values())
#: The one-character stand-in of each Greek letter in folded text (control characters that are
#: not tab or line ends), and back.
_MARK_BASE = 0x0E
GREEK_MARK = {letter: chr(i) for i, letter in enumerate(GREEK, _MARK_BASE)}
MARK_NAME = {mark: GREEK[letter] for letter, mark in GREEK_MARK.items()}
NAME_MARK = {name: mark for mark, name in MARK_NAME.items()}

_ASCII_FOLD = bytes(
    (c + 32) if 65 <= c <= 90
    else c if (48 <= c <= 57 or 97 <= c <= 122 or _MARK_BASE <= c < _MARK_BASE + len(GREEK))
    else 32
    for c in range(256)
)
_ASCII_BYTES = bytes(range(128))
_WORDS = re.compile(r"[a-z0-9\x0e-\x19]+")
_SLUG_WORDS = re.compile(r"[a-z0-9]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: A charge sign right after an ion's symbol ("Na⁺", "K+", "Ca²⁺"): it folds to nothing, since as a
#: space it would leave two between words ("Na⁺/K⁺-ATPase"), and a label's words have one.
_CHARGE = r"(?<=[A-Za-z0-9²³¹⁰-⁹])[+⁺](?![A-Za-z0-9])"
#: A dash that joins a word to a bracket ("angiotensin-(1-7)") folds to nothing for the same
#: reason: the bracket already becomes the one space between the words.
_SILENT = rf"{_CHARGE}|(?<=[A-Za-z0-9])-(?=[(\[])"
_HAS_SILENT = re.compile(_SILENT)
#: What the byte table cannot fold: charge signs, bracketing dashes, non-ASCII characters, and
#: control characters that would otherwise pass for Greek stand-ins.
_SPECIAL = re.compile(rf"(?P<silent>{_SILENT})|[^\t\n\r\x20-\x7e]")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one non-ASCII character: never empty, so positions can be mapped back.

    >>> fold_char("α"), fold_char("’"), fold_char("é"), fold_char("Ⅱ"), fold_char("\\x0e")
    ('\\x0e', ' ', 'e', 'ii', ' ')
    """
    if char in GREEK_MARK:
        return GREEK_MARK[char]
    text = unicodedata.normalize("NFKC", char).casefold()
    out = []
    for c in text:
        if c in GREEK_MARK:
            out.append(GREEK_MARK[c])
            continue
        base = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
        out.append(base if base.isascii() and base.isalnum() else " ")
    folded = "".join(out)
    if not all(c in MARK_NAME for c in folded):
        folded = folded.encode("ascii", "ignore").translate(_ASCII_FOLD).decode("ascii")
    return folded or " "


class Positions:
    """Where each position of folded text came from in the original, when some characters folded
    to several ("α" -> "alpha"): a few breakpoints, looked up by bisection, not a list per
    character.

    >>> folded, positions = fold("½α-R")
    >>> folded, [positions[i] for i in range(len(folded))]
    ('1 2\\x0e r', [0, 0, 0, 1, 2, 3])
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, int]] = []  # (folded start, width, original index)

    def expand(self, folded_start: int, width: int, original: int) -> None:
        self._starts.append(folded_start)
        self._spans.append((folded_start, width, original))

    def __getitem__(self, index: int) -> int:
        i = bisect_right(self._starts, index) - 1
        if i < 0:
            return index
        start, width, original = self._spans[i]
        return original if index < start + width else original + 1 + index - start - width


def fold(text: str) -> tuple[str, Positions | None]:
    """Fold `text` for matching; also say, when lengths differ, where folded positions came from.

    The folded text has only a-z, 0-9 and spaces. When every character folds to one character the
    positions agree and no map is needed (the common, fast case).

    >>> fold("Sebaceous glands")
    ('sebaceous glands', None)
    >>> fold("skin’s")[0], fold("5α-Reductase")
    ('skin s', ('5\\x0e reductase', None))

    A charge sign after an ion folds to nothing, so the ion's name meets a label's words:

    >>> folded, positions = fold("Na⁺/K⁺-ATPase")
    >>> folded, fold("Na+/K+-ATPase")[0], fold("Ca2+ rises")[0], fold("T3 + T4")[0]
    ('na k atpase', 'na k atpase', 'ca2 rises', 't3   t4')
    >>> [positions[i] for i in (0, 2, 3, 5, 10)]
    [0, 3, 4, 7, 12]

    So does a dash before a bracket, so a peptide's fragment meets its label's words:

    >>> folded, positions = fold("Angiotensin-(1-7) acts")
    >>> folded, fold_label("angiotensin-(1-7)"), positions[12]
    ('angiotensin 1 7  acts', 'angiotensin 1 7', 13)
    """
    if ("+" in text or "⁺" in text or "-(" in text or "-[" in text) and _HAS_SILENT.search(text):
        return _fold_expanding(text)
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii"), None
    return _fold_non_ascii(text)


def _fold_non_ascii(text: str) -> tuple[str, Positions | None]:
    """Replace each kind of non-ASCII character by its one-character fold (a few kinds per text,
    so a few passes in C), then fold the ASCII left with the byte table: indices stay equal to
    code-point indices. Characters folding to several ("½" -> "1 2", rare) or to none (a charge
    sign) need the slower walk that records positions."""
    replaced = text
    for char in set(text.encode("utf-8").translate(None, _ASCII_BYTES).decode("utf-8")):
        folded = fold_char(char)
        if len(folded) != 1:
            return _fold_expanding(text)
        replaced = replaced.replace(char, folded)
    return replaced.encode("ascii").translate(_ASCII_FOLD).decode("ascii"), None


def _fold_expanding(text: str) -> tuple[str, Positions]:
    parts: list[str] = []
    positions = Positions()
    last = length = 0  # `length`: of the folded text so far
    for match in _SPECIAL.finditer(text):
        start = match.start()
        folded = "" if match.group("silent") else fold_char(match.group())
        length += start - last
        if len(folded) != 1:
            positions.expand(length, len(folded), start)
        parts += [text[last:start], folded]
        length += len(folded)
        last = start + 1
    parts.append(text[last:])
    return "".join(parts).encode("ascii").translate(_ASCII_FOLD).decode("ascii"), positions


def fold_label(text: str) -> str:
    """A label's words, folded and joined by single spaces.

    >>> fold_label("17β-Estradiol"), fold_label("  sebaceous   glands ")
    ('17beta estradiol', 'sebaceous glands')
    """
    folded = " ".join(words(fold(text)[0]))
    for mark, name in MARK_NAME.items():
        folded = folded.replace(mark, name)
    return folded


def words(folded: str) -> list[str]:
    """The words of folded text."""
    return _WORDS.findall(folded)


def slug(label: str) -> str:
    """The IRI slug of a label: folded, Greek letters spelled out, words joined by dashes.

    Only a-z, 0-9 and "-" reach a slug: a control character in the label (one that would pass
    for a Greek stand-in, "\\x0e") separates words, and a Greek letter reached by folding ("ϐ")
    is spelled out.

    >>> slug("5α-reductase"), slug("Skin Recalibration"), slug("11β-HSD1")
    ('5-alpha-reductase', 'skin-recalibration', '11-beta-hsd1')
    >>> slug("a\\x0eb\\x19c\\u2028d\\uffff"), slug("ϐ-cell")
    ('a-b-c-d', 'beta-cell')
    """
    spaced = "".join(f" {GREEK[c]} " if c in GREEK else c for c in label.lower())
    folded = fold(_CONTROLS.sub(" ", spaced))[0]
    for mark, name in MARK_NAME.items():
        folded = folded.replace(mark, f" {name} ")
    return "-".join(_SLUG_WORDS.findall(folded))


def is_symbol(label: str) -> bool:
    """Whether a label is written in capitals and digits only (DHEA, E2, AR): matched case-exact.

    >>> is_symbol("DHEA-S"), is_symbol("E2"), is_symbol("Leydig cell"), is_symbol("5")
    (True, True, False, False)
    """
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)

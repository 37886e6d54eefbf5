"""What tagging reads as not there: parenthesised asides inside a name, cut out and put back."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TypeVar

from hormgraph.normalize import GREEK, GREEK_NAMES

T = TypeVar("T")
_GREEK_LETTERS = "".join(GREEK)
#: A Greek letter in parentheses after its name, or a name after its letter: "beta (β)",
#: "α (alpha)".
_REPEATED = re.compile(
    rf"(?i:\b({'|'.join(sorted(GREEK_NAMES))})|([{_GREEK_LETTERS}]))"
    rf"(\s*\(\s*(?:([{_GREEK_LETTERS}])|(?i:({'|'.join(sorted(GREEK_NAMES))})))\s*\))(?!\w)")


#: A short parenthesised name inside a cell type's name: "parafollicular (C) cells".
_INSIDE_CELL = re.compile(r"(?<=\w)(\s*\(\s*[\w/+-]{1,8}\s*\))(?=[\s-]+cells?\b)", re.IGNORECASE)


def elisions(text: str) -> list[tuple[int, int]]:
    """What tagging reads as not there: a Greek letter in parentheses repeating the one before it
    (see `_repeated_letters`) and a short name in parentheses before "cell(s)".

    >>> text = "parafollicular (C) cells and beta (β)-cells"
    >>> [text[s:e] for s, e in elisions(text)]
    [' (C)', ' (β)']
    """
    cuts = set(_repeated_letters(text))
    # a lone Greek letter counts only where it repeats its name ("beta (γ) cells" is no name)
    cuts.update(m.span(1) for m in _INSIDE_CELL.finditer(text)
                if m.group(1).strip(" ()") not in GREEK)
    return sorted(cuts)


def _repeated_letters(text: str) -> list[tuple[int, int]]:
    """The spans of parenthesised Greek letters (or names) that repeat the one before them.

    >>> text = "beta (β) cells and α (alpha) cells, but beta (γ) cells"
    >>> [text[s:e] for s, e in _repeated_letters(text)]
    [' (β)', ' (alpha)']
    """
    cuts = []
    for match in _REPEATED.finditer(text):
        name = (match.group(1) or GREEK[match.group(2)]).lower()
        repeated = GREEK[match.group(4)] if match.group(4) else match.group(5).lower()
        if name == repeated:
            cuts.append(match.span(3))
    return cuts


def without(text: str, cuts: list[tuple[int, int]]) -> str:
    """`text` with the spans `cuts` (sorted, apart) cut out.

    >>> without("beta (β) cells", [(4, 8)])
    'beta cells'
    """
    parts, last = [], 0
    for start, end in cuts:
        parts.append(text[last:start])
        last = end
    return "".join(parts) + text[last:]


def restored(spans: list[tuple[int, int, T]],
             cuts: list[tuple[int, int]]) -> list[tuple[int, int, T]]:
    """Spans in a text without `cuts`, in the positions of the text with them: a span starting
    right after a cut starts after it, one ending right before a cut ends before it.

    >>> restored([(5, 10, "beta cell")], [(4, 8)])
    [(9, 14, 'beta cell')]
    """
    removed = []  # (position in the shorter text, characters removed up to and with this cut)
    total = 0
    for start, end in cuts:
        total += end - start
        removed.append((start - (total - (end - start)), total))
    places = [at for at, _ in removed]

    def shift(position: int, inclusive: bool) -> int:
        i = (bisect_right if inclusive else bisect_left)(places, position)
        return position + (removed[i - 1][1] if i else 0)

    return [(shift(s, True), shift(e, False), c) for s, e, c in spans]

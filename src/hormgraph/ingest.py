"""Read glossary entry files into `Entry` values: decoding, boilerplate removal, sections, title."""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hormgraph.errors import InputError, shown
from hormgraph.extract import split_sentences
from hormgraph.model import Entry

#: A line is web boilerplate (cookie banners, consent and newsletter prompts) when it says so.
BOILERPLATE = re.compile(
    r"\bcookies?\b|(?<!informed )\bconsent\b|privacy (?:policy|preferences|settings)"
    r"|manage (?:your )?preferences"
    r"|\baccept all\b|\breject all\b|personali[sz]ed (?:marketing|content|advertising)"
    r"|our free resources|\bnewsletter\b|all rights reserved|terms of (?:use|service)"
    r"|skip to (?:main )?content|\bsubscribe\b|\bsign (?:up|in)\b|share this (?:page|article)",
    re.IGNORECASE,
)
SECTION_ALIASES = {
    "definition": "definition", "overview": "definition", "summary": "definition",
    "origin": "origin", "origins": "origin", "etymology": "origin", "history": "origin",
    "background": "origin",
    "mechanism": "mechanism", "mechanisms": "mechanism", "mechanism of action": "mechanism",
    "how it works": "mechanism",
}
#: The headings only a glossary entry has: an entry without any is a plain article, whose
#: body (title line, headings, paragraphs, list items) is one section, the definition.
GLOSSARY_HEADINGS = frozenset({"origin", "origins", "etymology", "mechanism", "mechanisms",
                               "mechanism of action", "how it works"})
HEADING = re.compile(
    r"^[#*\s]*(" + "|".join(sorted(map(re.escape, SECTION_ALIASES), key=len, reverse=True))
    + r")[*\s]*(?::|\s[-–—]\s|$)\s*(.*)$",
    re.IGNORECASE,
)
#: Citation marks of encyclopedia text ("[12]", "[3–5]", "[a]", "[citation needed]"), with the
#: space before them: they are not text, and they would keep a sentence from ending.
CITATION = re.compile(
    r"\s*\[(?:\d{1,4}(?:\s*[-‐–—,;]\s*\d{1,4})*|[a-z]|(?:note|nb|n) ?\d{1,3}"
    r"|(?:citation|clarification|verification|page|year|quotation|source) needed"
    r"|dubious(?: [–—-] discuss)?|who\?|when\?|which\?|by whom\?|according to whom\?"
    r"|better source needed|full citation needed|failed verification|update needed)\]",
    re.IGNORECASE,
)
#: The mark of a list item: a dash or bullet, or a number or letter with "." or ")".
_BULLET = re.compile(r"^(?:[-‐–—•‣▪◦●∙·*+]|\(?\d{1,3}[.)]|\(?[a-z][)]|\([a-z]\))\s+")
#: Markdown heading marks and emphasis around a heading line ("## Function", "**Function**").
_MARKUP = re.compile(r"^#{1,6}\s+|^\*\*(?=.*\*\*$)|\*\*$")
#: The headings after which an article holds apparatus, not text: what follows them goes.
_END_MATTER = re.compile(
    r"^(?:references|bibliography|sources|citations|notes|footnotes|further reading"
    r"|external links|see also|notes and references|works cited)$", re.IGNORECASE)
#: A line of rule characters (a Markdown rule, a Setext heading's underline).
_RULE = re.compile(r"^[-=_*~#]{3,}$")
#: Banner lines are short; a body paragraph is longer than this.
_BANNER_LINE = 240
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_OPENING = re.compile(
    r"^(?:the term\s+)?[\"“‘']?(?P<name>[A-Z0-9][\w'’\-α-ω]*(?:\s+[\w'’\-α-ω]+){0,5}?)[\"”’']?"
    r"(?:\s*\([^)]{1,40}\))?"
    r"(?:,\s+(?:in|within|also|or|as)\b|\s+(?:is|are|refers? to|describes|denotes|means)\b)"
)
_QUOTED = re.compile(r"[\"“‘']([A-Za-z][\w\- ]{1,40}?)[\"”’']")
_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())
#: Line breaks of every kind (vertical tab, form feed, NEL, the Unicode line and paragraph
#: separators): N-Triples ends a triple at some of them, so they all become one "\n".
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
#: What XML 1.0 cannot carry (C0 controls but tab and line ends, U+FFFE, U+FFFF, lone
#: surrogates), so no output can either.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: An entry larger than this is refused: glossary entries are a few kilobytes.
MAX_ENTRY_BYTES = 5 * 1024 * 1024
#: A line longer than this (in characters) is refused before any matching runs.
MAX_LINE_CHARS = 1024 * 1024


@dataclass(frozen=True)
class EntryLimits:
    """How large an entry file may be (bytes) and how long one of its lines (characters)."""

    entry_bytes: int = MAX_ENTRY_BYTES
    line_chars: int = MAX_LINE_CHARS


DEFAULT_LIMITS = EntryLimits()


def read_entry(path: Path, title: str | None = None,
               limits: EntryLimits = DEFAULT_LIMITS) -> Entry:
    """Read one glossary entry file; `title` (from a catalog) wins over titles found in the text."""
    try:
        with path.open("rb") as file:
            raw = file.read(limits.entry_bytes + 1)
    except OSError as error:
        raise InputError(path.name, f"cannot read the file ({error.strerror})") from error
    return parse_entry(raw, path.name, title, limits)


def parse_entry(raw: bytes, source: str, title: str | None = None,
                limits: EntryLimits = DEFAULT_LIMITS) -> Entry:
    """Parse the bytes of one entry; `source` names it in errors and in the graph."""
    if len(raw) > limits.entry_bytes:
        raise InputError(source, f"larger than the limit of {limits.entry_bytes} bytes for an "
                                 "entry (--max-entry-bytes raises it)")
    decoded = decode(raw, source)
    if max(map(len, decoded.splitlines()), default=0) > limits.line_chars:
        raise InputError(source, f"a line longer than the limit of {limits.line_chars} "
                                 "characters (--max-line-chars raises it)")
    text, removed = clean_counting(decoded)
    warnings: tuple[str, ...] = ()
    if removed:
        warnings = (f"{shown(source)}: removed {removed} character(s) that XML cannot carry "
                    "(control characters, U+FFFE, U+FFFF, lone surrogates)",)
    lines = [CITATION.sub("", kept) for line in text.split("\n")
             if (kept := without_boilerplate(line)) is not None]
    if not any(line.strip() for line in lines):
        raise InputError(source, "no entry text (the file holds only boilerplate)")
    if is_article(lines):
        heading, sections = split_article(lines)
    else:
        heading, sections = split_sections(lines)
    if not sections.get("definition"):
        raise InputError(source, "no definition paragraph before the first section heading")
    term, title_from = find_title(title and clean_line(title), heading, sections)
    if term is None:
        term, title_from = clean_line(Path(source).stem) or clean_line(source), "filename"
        warnings += (f"{shown(source)}: no title in the catalog or the text; using the file name",)
    return Entry(
        term=term,
        sections=sections,
        source=source,
        sha256=hashlib.sha256(raw).hexdigest(),
        title_from=title_from,
        warnings=warnings,
    )


def without_boilerplate(line: str) -> str | None:
    """A line without its web boilerplate, or None when it is all boilerplate. A banner line goes
    whole; a paragraph with a banner run into it (longer than any banner line) keeps its other
    sentences.

    >>> without_boilerplate("Analytics cookies help us understand visitors.") is None
    True
    >>> without_boilerplate("Cortisol peaks at dawn, and it falls by night. " * 6
    ...                     + "We use cookies to analyze our traffic.")[-22:]
    'and it falls by night.'
    """
    if not BOILERPLATE.search(line):
        return line
    if len(line) <= _BANNER_LINE:
        return None
    kept = " ".join(line[s:e] for s, e in split_sentences(line)
                    if not BOILERPLATE.search(line[s:e]))
    return kept or None


def decode(raw: bytes, source: str) -> str:
    """Decode UTF-8 (with or without a BOM) or BOM-marked UTF-32 or UTF-16 (UTF-32 first: its
    little-endian BOM begins with UTF-16's); anything else is an error."""
    if not raw.strip():
        raise InputError(source, "empty file")
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            return raw.decode("utf-32")
        except UnicodeDecodeError as error:
            raise InputError(source, f"invalid UTF-32 ({error.reason})") from error
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(source, f"invalid UTF-16 ({error.reason})") from error
    if b"\x00" in raw:
        raise InputError(source, "binary file (it holds NUL bytes), not a text entry")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"not valid UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}"
        ) from error
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise InputError(source, "binary file (it holds control bytes), not a text entry")
    return text


def clean_text(text: str) -> str:
    """Unify HTML entities, line ends and spaces; strip invisible characters. Entities go first,
    so "&#13;" is a line end like any other.

    >>> clean_text("skin&rsquo;s\\u00a0barrier\\r\\nOrigin&#58;")
    'skin’s barrier\\nOrigin:'
    >>> clean_text("a&#13;b\\u2028c\\x0cd\\x85e")
    'a\\nb\\nc\\nd\\ne'
    """
    return clean_counting(text)[0]


def clean_counting(text: str) -> tuple[str, int]:
    """`clean_text`, and how many characters XML cannot carry it removed."""
    if "&" in text:
        text = html.unescape(text)
    text, removed = _NOT_XML.subn("", _LINE_BREAKS.sub("\n", text))
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")), removed


def clean_line(text: str) -> str:
    """One line of text (a title) cleaned as entry text is, its line breaks made spaces.

    >>> clean_line("Skin\\u2028Barrier\\x00 ")
    'Skin Barrier'
    """
    return " ".join(clean_text(text).split())


def split_sections(lines: list[str]) -> tuple[str | None, dict[str, str]]:
    """Split cleaned lines into a title heading (if any) and the section texts."""
    parts: dict[str, list[str]] = {"definition": []}
    current = "definition"
    heading: str | None = None
    for line in lines:
        match = HEADING.match(line)
        if match and (match.group(2) or len(line) < 40):
            current = SECTION_ALIASES[match.group(1).lower()]
            parts.setdefault(current, [])
            if match.group(2):
                parts[current].append(match.group(2))
            continue
        if not line:
            parts[current].append("")
            continue
        if (heading is None and current == "definition" and not any(parts["definition"])
                and is_heading_line(line)):
            heading = line.lstrip("#* ").rstrip("*: ")
            continue
        parts[current].append(line)
    sections = {}
    for name, chunk in parts.items():
        paragraphs = [" ".join(p.split("\n")).strip() for p in "\n".join(chunk).split("\n\n")]
        body = " ".join(p for p in paragraphs if p)
        if body:
            sections[name] = body
    return heading, sections


def is_article(lines: list[str]) -> bool:
    """Whether cleaned lines are a plain article: no line is an Origin or Mechanism heading.

    >>> is_article(["Insulin", "Insulin is a peptide hormone.", "History", "It was found."])
    True
    >>> is_article(["Skin Timing is a method.", "Origin", "It arose in 1990."])
    False
    """
    for line in lines:
        match = HEADING.match(line)
        if match and (match.group(2) or len(line) < 40) \
                and match.group(1).lower() in GLOSSARY_HEADINGS:
            return False
    return True


def split_article(lines: list[str]) -> tuple[str | None, dict[str, str]]:
    """A plain article's title line (if any) and its body as the one "definition" section.

    The title, headings and list items stay in the text, each on a line of its own (they name
    entities too, and a line ends a sentence); the lines of one paragraph are joined by spaces;
    list marks, Markdown heading marks and rules go, and so does the end matter from a
    "References", "See also" or "External links" heading on (reference lists name papers, not
    what the article says).

    >>> heading, sections = split_article(
    ...     ["## Insulin", "", "Insulin is made by", "beta cells.", "", "Actions", "- on liver",
    ...      "- on muscle", "---"])
    >>> heading, sections["definition"].split("\\n")
    ('Insulin', ['Insulin', 'Insulin is made by beta cells.', 'Actions', 'on liver', 'on muscle'])
    """
    cleaned = [_MARKUP.sub("", line).strip() if not _RULE.match(line) else "" for line in lines]
    blocks: list[str] = []
    joinable = False  # whether the next line may continue the last block
    for i, line in enumerate(cleaned):
        if not line:
            joinable = False
            continue
        if _END_MATTER.match(line.rstrip(":")) and blocks:
            break
        item = _BULLET.match(line)
        if item:
            line = line[item.end():]
        following = cleaned[i + 1] if i + 1 < len(cleaned) else ""
        # A short line without closing punctuation is a heading, unless the next line goes on
        # with its sentence (a wrapped paragraph's short line).
        heading = not item and is_heading_line(line) and not following[:1].islower()
        if joinable and not item and not (heading and blocks[-1][-1] in ".!?:;"):
            blocks[-1] += " " + line
            continue
        blocks.append(line)
        joinable = not heading and (not item or line[-1] not in ".!?:;")
    title = blocks[0] if blocks and is_heading_line(blocks[0]) else None
    return title, {"definition": "\n".join(blocks)} if blocks else {}


def is_heading_line(line: str) -> bool:
    """A short line without closing punctuation, standing alone at the top: the term's name.

    >>> is_heading_line("Skin Recalibration"), is_heading_line("The skin is an organ.")
    (True, False)
    """
    stripped = line.lstrip("#* ").rstrip("*: ")
    return 0 < len(stripped.split()) <= 8 and stripped[-1] not in ".!?,;" and stripped[0].isupper()


def find_title(
    catalog_title: str | None, heading: str | None, sections: Mapping[str, str]
) -> tuple[str | None, str]:
    """The entry's term: catalog, heading line, opening sentence, clues in Origin, in that order."""
    if catalog_title:
        return catalog_title, "catalog"
    if heading:
        return heading, "heading"
    match = _OPENING.match(sections["definition"])
    if match and match.group("name").split()[0].lower() not in ("the", "a", "an", "this", "it"):
        return title_case(match.group("name")), "opening sentence"
    origin = sections.get("origin", "")
    named = re.search(r"\bterm\s+[\"“‘']([^\"”’']{3,60})[\"”’']", origin)
    if named:
        return title_case(named.group(1)), "origin"
    quoted = list(dict.fromkeys(q.strip() for q in _QUOTED.findall(origin)))
    if len(quoted) >= 2:
        return title_case(" ".join(quoted)), "origin"
    return None, "filename"


def title_case(phrase: str) -> str:
    """Capitalise a term's words, keeping small words and words with capitals as they are.

    >>> title_case("hormonal gradient optimization"), title_case("role of DHEA")
    ('Hormonal Gradient Optimization', 'Role of DHEA')
    """
    out = []
    for i, word in enumerate(phrase.split()):
        keep = word != word.lower() or (i > 0 and word in _SMALL_WORDS)
        out.append(word if keep else word[:1].upper() + word[1:])
    return " ".join(out)


def read_catalog(path: Path) -> dict[str, str]:
    """Read a `file,title` catalog; an absent catalog is empty."""
    if not path.exists():
        return {}
    if not path.is_file():
        raise InputError(path.name, "the catalog is not a regular file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path.name, f"cannot read the catalog ({error})") from error
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and not {"file", "title"} <= set(rows[0]):
        raise InputError(path.name, "the catalog needs the columns file,title")
    return {row["file"].strip(): row["title"].strip() for row in rows if row.get("file")}

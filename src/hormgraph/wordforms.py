"""Word forms of vocabulary labels: spellings, regular plurals, British spellings, verbs; and
what the vocabulary's shape says of its words (class words, the parents a phrase names)."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import product

from hormgraph.model import Concept, EntityType
from hormgraph.normalize import GREEK, GREEK_NAMES, NAME_MARK, fold_label, is_symbol

_BRITISH = [
    (re.compile(r"\bestr"), "oestr"),
    (re.compile(r"iz(ation|ations|e|ed|es|ing)\b"), r"is\1"),
    (re.compile(r"yz(e|ed|es|ing)\b"), r"ys\1"),
    (re.compile(r"\bhem"), "haem"),
    (re.compile(r"emia\b"), "aemia"),
    (re.compile(r"\bedema"), "oedema"),
    (re.compile(r"\baging\b"), "ageing"),
    (re.compile(r"trop(in|ic)\b"), r"troph\1"),
    (re.compile(r"(signa|mode|remode|labe)ling\b"), r"\1lling"),
    (re.compile(r"sulf"), "sulph"),
    (re.compile(r"(fib|cent)er(s?)\b"), r"\1re\2"),
    (re.compile(r"\b(esophag|fet)"), r"oe\1"),
    (re.compile(r"leuko"), "leuco"),
    (re.compile(r"tumor\b"), "tumour"),
]
_ATOMS = re.compile(r"[0-9]+|[a-z]+")
_MAX_FLEXIBLE_GAPS = 6
#: Combining forms that writers join to a word with a dash or without one (at least four letters
#: must follow).
_COMBINING = re.compile(
    r"(trans|neuro|gluco|mineralo|cortico|thyro|gonado|somato|photo|peri|post|anti|hyper|hypo"
    r"|intra|extra|inter|sub|epi|endo|para|melano|keratino|lipo|osteo|immuno|auto|cyto|pseudo"
    r"|dihydro|hydroxy|deoxy|iodo)[a-z]{4,}$")


def plural(word: str) -> str:
    """The regular English plural of a word.

    >>> [plural(w) for w in ("gland", "testis", "ovary", "nucleus", "matrix", "follicle")]
    ['glands', 'testes', 'ovaries', 'nuclei', 'matrices', 'follicles']
    """
    if word.endswith("is"):
        return word[:-2] + "es"
    if word.endswith("us") and len(word) > 4:
        return word[:-2] + "i"
    if word.endswith("ix") or word.endswith("ex"):
        return word[:-2] + "ices"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def british(variant: str) -> str:
    """The British spelling of a folded label (the label itself when it has none).

    >>> british("estrogen sulfotransferase"), british("aromatization"), british("aging")
    ('oestrogen sulphotransferase', 'aromatisation', 'ageing')
    >>> british("parasympathetic nerve fibers")
    'parasympathetic nerve fibres'
    """
    for pattern, replacement in _BRITISH:
        variant = pattern.sub(replacement, variant)
    return variant


def spellings(label: str) -> set[str]:
    """Every folded spelling of a label the matcher accepts: dash, space and nothing alike between
    a number, a Greek letter and a word; regular plurals; British spellings.

    >>> {"5 alpha reductase", "5alpha reductases", "5\\x0e reductase"} <= spellings("5α-reductase")
    True
    >>> "oestrogen receptors" in spellings("estrogen receptor")
    True
    """
    spaced = "".join(f" {GREEK[c]} " if c in GREEK else c for c in label.lower())
    capitals = {w.lower() for w in re.findall(r"[A-Za-z]+", label) if w.isupper()}
    atoms: list[str] = []
    flexible: list[bool] = []
    for w, word in enumerate(fold_label(spaced).split()):
        for a, atom in enumerate(_ATOMS.findall(word)):
            if atoms:
                # Dash, space and nothing are alike where the label joins two atoms ("IGF1"),
                # beside a code (digits, a Greek letter, a short or capitalised symbol: "5α",
                # "5alpha-reductase", "11β-HSD", "PPAR-α") and at a dash between words
                # ("anti-Müllerian"); elsewhere a space stands for any run of dashes and spaces.
                joined = a > 0
                codes = any(_code(x, capitals) for x in (atoms[-1], atom))
                flexible.append(joined or codes or _dashed(label, w))
            atoms.append(atom)
    if not atoms:
        return set()
    gap_choices = [(" ", "") if flex else (" ",) for flex in flexible]
    if sum(flexible) > _MAX_FLEXIBLE_GAPS:
        gap_choices = [(" ",)] * len(flexible)
    # A Greek letter is matched as its name ("alpha") and as the letter's stand-in in folded text;
    # a word made with a combining form also as written with a dash after it ("trans-epidermal").
    atom_choices = [(a, NAME_MARK[a]) if a in NAME_MARK else (a, *_prefixed(a)) for a in atoms]
    found: set[str] = set()
    for gaps in product(*gap_choices):
        for spelled in product(*atom_choices):
            text = spelled[0] + "".join(g + a for g, a in zip(gaps, spelled[1:], strict=True))
            forms = {text}
            last = atoms[-1]
            if is_symbol(label):
                if last.isalpha():
                    forms.add(text + "s")
            elif last.isalpha() and len(last) > 2:
                forms.add(text[: -len(spelled[-1])] + plural(spelled[-1] if " " in spelled[-1]
                                                           else last))
            found |= forms | {british(f) for f in forms}
    return found


def _code(atom: str, capitals: set[str]) -> bool:
    """Whether an atom of a label is a code: digits, a Greek letter, a short or capitalised
    symbol ("PPAR" in "PPARα")."""
    return atom.isdigit() or atom in GREEK_NAMES or len(atom) <= 3 or atom in capitals


def _prefixed(word: str) -> tuple[str, ...]:
    """A word written solid that begins with a combining form, split after it: dash, space and
    nothing are alike inside a term ("trans-epidermal" = "transepidermal").

    >>> _prefixed("transepidermal"), _prefixed("neuroendocrine"), _prefixed("thyroid")
    (('trans epidermal',), ('neuro endocrine',), ())
    """
    match = _COMBINING.match(word)
    return (f"{match.group(1)} {word[match.end(1):]}",) if match else ()


def _dashed(label: str, gap: int) -> bool:
    """Whether the `gap`-th word boundary of a label is written with a dash (or slash)."""
    separators = re.findall(r"[\s\-‐-―/]+", label.strip())
    return 0 < gap <= len(separators) and bool(set(separators[gap - 1]) - set(" \t"))



#: A receptor's symbol made of its ligand's, a number and "R" ("PTH1R", "MC4R", "GLP-1R").
_RECEPTOR_SYMBOL = re.compile(r"^([A-Z][A-Z0-9-]*\d[A-Z]?)R$")


def receptor_names(concept: Concept) -> list[str]:
    """The "SYMBOL receptor" names a receptor's symbols stand for, as prose writes them: "PTH1R"
    is the "PTH1 receptor", "MC4R" the "MC4 receptor".

    >>> receptor_names(Concept("r", EntityType.RECEPTOR, "melanocortin 4 receptor", ("MC4R",)))
    ['MC4 receptor']
    >>> receptor_names(Concept("r", EntityType.RECEPTOR, "PTH receptor 1", ("PTH1R", "PTHR")))
    ['PTH1 receptor']
    """
    if concept.type is not EntityType.RECEPTOR:
        return []
    names = []
    for label in concept.labels:
        match = _RECEPTOR_SYMBOL.match(label) if is_symbol(label) else None
        if match:
            names.append(f"{match.group(1)} receptor")
    return names


def verb_forms(label: str) -> list[str]:
    """The verb of a one-word "-ization" process name, which entries use as often as the noun.

    >>> verb_forms("aromatization"), verb_forms("collagen synthesis")
    (['aromatize', 'aromatized', 'aromatizes', 'aromatizing'], [])
    """
    if " " in label or not label.endswith(("ization", "isation")):
        return []
    stem = label[: -len("ation")]
    return [stem + "e", stem + "ed", stem + "es", stem + "ing"]


_CLASS_KINDS = 8  # named kinds that make a tissue label a class word


def class_words(concepts: list[Concept]) -> frozenset[str]:
    """The tissue concepts with at least `_CLASS_KINDS` other concepts named "MODIFIER LABEL"."""
    owner = {fold_label(label): c.iri for c in concepts if c.type is EntityType.TISSUE
             for label in c.labels}
    kinds: dict[str, set[str]] = defaultdict(set)
    for concept in concepts:
        for label in concept.labels if concept.type is EntityType.TISSUE else ():
            words = fold_label(label).split(" ")
            for i in range(1, len(words)):
                head = owner.get(" ".join(words[i:]))
                if head is not None and head != concept.iri:
                    kinds[head].add(concept.iri)
    return frozenset(iri for iri, named in kinds.items() if len(named) >= _CLASS_KINDS)


def parent_spellings(concepts: list[Concept]) -> dict[str, list[str]]:
    """For each spelling of a concept's label that is an anatomical adjective and the name of a
    broader cell type ("dermal fibroblast", "pancreatic beta cell"), that broader name: the phrase
    describes where the cells are, and names them too. Other modifiers make names of their own
    ("skeletal muscle", "17β-hydroxysteroid dehydrogenase"), and so does an adjective before a
    structure's name ("renal artery", "gastric mucosa", "hepatic portal vein" are named parts,
    not arteries, mucosae or portal veins that happen to lie somewhere). A cell type is a
    tissue concept mapped to the Cell Ontology; other kinds keep the rule ("adrenal androgens"
    names androgens)."""
    labels = {c.iri: c.labels for c in concepts if c.extractable and (
        c.type is not EntityType.TISSUE or any("/CL_" in x for x in (*c.exact_match,
                                                                      *c.close_match)))}
    places = {s for c in concepts for adjective in c.adjectives for s in spellings(adjective)}
    parents: dict[str, list[str]] = defaultdict(list)
    for concept in concepts:
        above = {s for iri in concept.broader for label in labels.get(iri, ())
                 for s in spellings(label)}
        for label in concept.labels if above else ():
            for key in spellings(label):
                parents[key] += [p for p in above
                                 if key.endswith(f" {p}") and key[: -len(p) - 1] in places]
    return parents

"""The rule table of the relation reader: the rules that read a relation from the text between
two groups of coordinated slots (their cue words and fragments are in `relate_patterns`).

A rule reads the text between two groups, with a little context on either side, marked
`pre«between»post` (`⟨` marks the start of the sentence when it is near); it names the relation,
which group is the subject, and the entity types each end may have. So one rule serves every
entity the vocabulary knows, and the rules read active and passive verbs, nominalisations ("the
conversion of A to B by E"), participles ("secreted by", "T-derived H"), locatives ("E in T",
"E, abundant in T", "In the kidney, ...") and relative clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hormgraph.relate_patterns import (
    ACT,
    BE,
    BIND,
    BOOST,
    BY,
    CELL_ACTIVITY,
    CONVERT,
    CONVERT_NOUN,
    CONVERTED,
    DEFINED,
    DET,
    EXPRESS,
    EXPRESSED,
    FEW,
    FRONTED,
    GAP,
    HORMONE_AMOUNT,
    INHIBIT,
    INHIBITED,
    ITEMS,
    MAKE,
    MOVE,
    NOT_ADJECTIVE,
    NOT_GOVERNED,
    OF_T,
    OUTPUT_NOUN,
    OUTPUTS,
    OWN_PLACE,
    PRODUCT,
    REGULATE,
    REGULATED,
    SECRETE,
    SECRETED,
    SLOT,
    STIMULATE,
    TARGET,
    TO_PRODUCT,
    W,
)


@dataclass(frozen=True)
class Rule:
    """A cue for a relation: `pattern` is searched in `pre«between»post`, `subject` says whether
    the left or the right group is the subject; `left` and `right` are the slot letters allowed.
    A named group `p` (a slot in the pattern) is a conversion's product."""

    predicate: str
    left: str
    right: str
    subject: str
    pattern: re.Pattern[str]
    #: A scene-setting rule ("In the kidney, ..."): groups between the two do not take precedence.
    free: bool = False


def _rule(predicate: str, left: str, right: str, subject: str, pattern: str,
          free: bool = False) -> Rule:
    return Rule(predicate, left, right, subject, re.compile(pattern, re.IGNORECASE), free)



RULES: tuple[Rule, ...] = (
    # converts: enzyme (subject), substrate (object), product when named
    _rule("converts", "H", "E", "right", rf"«{GAP}\b(?:requir|undergo|need)\w*\s+(?:\w+\s+)?"
                                         rf"{CONVERT_NOUN}{BY}"),
    _rule("converts", "E", "H", "left", rf"«{GAP}\b(?:remov|add|cleav|attach|transfer|strip)\w*"
                                        rf"\s+(?:[\w\-]+\s+){{1,6}}?(?:from|to(?!\s+{MAKE})|on|onto)\s+(?:the\s+)?"
                                        rf"(?:[\w\-]+\s+){{0,3}}?(?:of\s+)?{DET}{FEW}»(?:\s*\([^()]*"
                                        rf"\))?(?:\s*,?\s+(?:to|and|thereby)\s+(?:produce|form|"
                                        rf"yield|give|generate|make|release)s?\s+{DET}{FEW}"
                                        rf"{PRODUCT})?"),
    _rule("converts", "E", "H", "left", rf"«{GAP}{CONVERT}(?:\s+(?:down|off))?\s+{DET}{FEW}(?:"
                                        rf"of\s+{DET})?»"),
    _rule("converts", "H", "E", "right", rf"«{BE}(?:\w+\s+){{0,2}}?{CONVERTED}(?:\s+{FEW})"
                                         rf"?{TO_PRODUCT}?(?:\s+(?:in|within|inside)"
                                         rf"\s+{DET}{FEW}\{{T\d+\}})?{BY}"),
    # "must be acylated on serine-3 with an octanoyl group by E"
    _rule("converts", "H", "E", "right", rf"«{BE}(?:\w+\s+){{0,2}}?{CONVERTED}(?:\s+[^\s{{}}«»;,]"
                                         rf"+){{1,8}}?\s+by\s+{DET}(?:the\s+)?(?:enzymes?\s+)?{FEW}»"),
    # "B, formed from A by E": the product named before
    _rule("converts", "H", "E", "right", rf"(?P<q>\{{H\d+\}})(?:\s*\([^()]*\))?\s*,?\s*(?:which\s+"
                                         rf"is\s+|is\s+|are\s+)?(?:formed|made|produced|derived|"
                                         rf"generated|synthesi[sz]ed)\s+(?:\w+\s+)?from\s+{DET}"
                                         rf"{FEW}«(?:\s*\([^()]*\))?{BY}"),
    # "E completes the conversion of A to B"
    _rule("converts", "E", "H", "left", rf"«\s*(?:\([^()]*\)\s*)?(?:\w+\s+){{0,2}}?(?:complet|"
                                        rf"catalys|catalyz|carr\w*\s+out|perform|driv|mediat|"
                                        rf"accomplish|handl|govern|control|limit)\w*\s+(?:the\s+)?"
                                        rf"(?:[\w\-]+\s+)?{CONVERT_NOUN}\s+of\s+{DET}{FEW}»"),
    _rule("converts", "H", "E", "right", rf"{CONVERT_NOUN}\s+of\s+{DET}{FEW}«{TO_PRODUCT}?(?:\s"
                                         rf"+in\s+{DET}{FEW}\{{T\d+\}})?{BY}"),
    _rule("converts", "E", "H", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:mediated|driven|"
                                        rf"catalys\w+|catalyz\w+|dependent|based)?\s*{CONVERT_NOUN}"
                                        rf"\s+of\s+{DET}{FEW}»"),
    _rule("converts", "E", "H", "left", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:is|are|was)\s+)?(?:"
                                        rf"the\s+|an?\s+)?(?:[\w\-]+\s+)?(?:enzymes?\s+)?(?:that|"
                                        rf"which)\s+(?:\w+\s+)?(?:{MAKE})\s+{DET}{FEW}{PRODUCT}"
                                        rf"\s+from\s+{DET}{FEW}»"),
    _rule("converts", "E", "H", "left", rf"«{GAP}{MAKE}\s+{DET}{FEW}{PRODUCT}(?:\s*\([^()"
                                        rf"]*\))?\s+(?:from|out\s+of)\s+{DET}{FEW}»"),
    _rule("converts", "H", "E", "right",
          rf"«\s*(?:-|–)\s*to\s*(?:-|–)\s*{PRODUCT}\s+(?:{CONVERT_NOUN}"
                                         rf"|step)\s+(?:by|via|through)\s+{DET}{FEW}»"),
    _rule("converts", "H", "E", "right", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:which|that)"
                                         rf"\s+{DET}(?:enzymes?\s+)?{FEW}»(?:\s+(?:in|"
                                         rf"within)\s+{DET}{FEW}\{{T\d+\}}(?:\s+\{{T\d+\}})"
                                         rf"?)?\s+(?:then\s+|also\s+|further\s+|in\s+turn\s+)"
                                         rf"?{CONVERT}\s+(?:(?:it|them)\s+)?(?:in)?to\s+{DET}{FEW}"
                                         rf"{PRODUCT}"),
    _rule("converts", "H", "E", "right", rf"{CONVERT}\s+{DET}{FEW}«{TO_PRODUCT}\s+(?:through|"
                                         rf"via|using|by)\s+{DET}(?:the\s+)?(?:enzymes?\s+)"
                                         rf"?{FEW}»"),
    _rule("expressedIn", "T", "E", "right", rf"«{GAP}{CONVERT}\b(?<!ed)(?<!ion)(?<!ions){GAP}"
                                            rf"\b(?:through|via|using|by)\s+{DET}(?:the\s+)?(?:enzymes?\s+)"
                                            rf"?{FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«{GAP}\bexpress(?:es)?\s+{DET}{FEW}»"),
    # a tissue converting A into B makes B: "keratinocytes convert cortisone to cortisol"
    _rule("producedIn", "T", "H", "right", rf"{NOT_GOVERNED}«\s*(?:,[^«»;]*?,\s*|,\s*(?!which|"
                                           rf"that))?(?:(?!(?:is|are|was|were|be|been)\b)\w+\s+){{0,2}}?{CONVERT}\b(?<!ed)"
                                           rf"\s+{DET}(?:[\w\-]+\s+){{0,3}}?(?:{SLOT}(?:\s*"
                                           rf"\([^()]*\))?\s+)?(?:in)?to\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"{SECRETE}\s+{DET}{FEW}«\s+(?:in|within|"
                                          rf"inside)\s+{DET}{FEW}»"),
    # producedIn: hormone (subject), where it is made
    _rule("producedIn", "H", "T", "left", rf"«{DEFINED}(?:hormone|peptide|steroid|product|"
                                          rf"secretion|signal)s?\s+(?:\w+\s+)?{SECRETED}\s+"
                                          rf"(?:\w+\s+){{0,2}}?(?:in|by|from|within)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,\s+(?:the|a|an)\s+(?:\w+\s+)"
                                          rf"{{0,2}}?(?:product|hormone|secretion|output)s?\s+of"
                                          rf"\s+{DET}{FEW}»"),
    # regulates: a hormone released in response to another
    _rule("regulates", "H", "H", "right", rf"«{BE}(?:[\w\-]+\s+){{0,3}}?{SECRETED}[^;«»]{{0,60}}?"
                                          rf"\bin\s+response\s+to\s+{DET}{FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«{GAP}{SECRETE}\b(?<!ion)\s+{DET}(?:\w+\s+)"
                                           rf"{{0,3}}?(?:of\s+)?{DET}{FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«(?:(?!\{{)[^;:«»,]){{0,40}}?{OUTPUT_NOUN}\s+"
                                           rf"(?:\w+\s+){{0,2}}?of\s+{DET}"
                                           rf"{FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:-|–)\s*(?:derived|produced|secreted|"
                                           rf"made|released|generated|synthesi[sz]ed)"
                                           rf"\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{BE}(?:\w+\s+){{0,2}}?{SECRETED}\s+(?:\w+\s+)?by\s+"
                                          rf"{DET}{FEW}\{{E\d+\}}(?:\s*\([^()]*\))?(?:\s+[\w\-]+)"
                                          rf"{{0,2}}?\s+(?:in|"
                                          rf"within|inside)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{BE}(?:[\w\-]+\s+){{0,5}}?{SECRETED}\s+(?:\w+\s+)"
                                          rf"{{0,3}}?(?:from\s+{DET}{FEW}\{{H\d+\}}\s+)?(?:in|by|"
                                          rf"from|within|inside|at|"
                                          rf"out\s+of)\s+{DET}(?:(?:neurons|cells)\s+(?:of|in)\s+"
                                          rf"{DET})?{FEW}»"),
    _rule("regulates", "H", "H", "left",
          rf"«{GAP}{STIMULATE}[^;«»]{{0,60}}?\bto\s+(?:secrete|release|produce|make|"
          rf"synthesi[sz]e|generate)\s+{DET}{FEW}»"),
    _rule("expressedIn", "E", "T", "left",
          rf"«{GAP}{CONVERT}[^;«»]{{0,60}}?\b(?:in|within|inside)\s+{DET}{FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«{GAP}\bfeeds?\s+back\s+(?:\w+\s+)?(?:on|to|at|through|via)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"\b(?:{OUTPUTS}|making|formation|generation)"
                                          rf"\s+of\s+{DET}{FEW}«\s+(?:\w+\s+){{0,2}}?(?:in|"
                                          rf"by|from|within|inside)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:-|–)?\s*{OUTPUT_NOUN}\s+(?:\w+\s+)"
                                          rf"{{0,2}}?(?:by\s+{DET}{FEW}\{{E\d+\}}(?:\s*\([^()]*\))?"
                                          rf"\s+)?(?:in|by|from|within|inside)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:-|–)\s*(?:producing|secreting|releasing|"
                                          rf"synthesi[sz]ing|making|generating|manufacturing)"
                                          rf"\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s+(?:\w+\s+)?from\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{BE}{SECRETED}{GAP}\band\s+(?:is\s+|are\s+)?"
                                          rf"(?:\w+\s+)?{SECRETED}\s+(?:\w+\s+){{0,2}}?(?:in|by|"
                                          rf"from|within|into)\s+{DET}{FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{BE}(?:\w+\s+){{0,3}}?{SECRETED}[^;«»"
                                          rf"]{{0,60}}?,\s+(?:mainly|mostly|largely|"
                                          rf"chiefly|primarily|especially|also|partly)"
                                          rf"\s+(?:in|by|from|within)\s+{DET}{FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:’s|'s)\s+{FEW}»"),
    _rule("producedIn", "T", "H", "right", r"(?:ovarian|adrenal|testicular|placental|"
                                           r"pituitary|hypothalamic|pancreatic|hepatic|"
                                           r"thyroidal|gonadal|pineal|adipocyte|adipose|"
                                           r"intestinal|gastric|renal|cutaneous|epidermal|"
                                           r"dermal|follicular|luteal)«\s*(?:-|–)?\s*»"),
    # expressedIn: enzyme or receptor (subject), where it is found
    _rule("expressedIn", "ER", "T", "left", rf"«{BE}(?:[\w\-]+\s+){{0,6}}?{EXPRESSED}\s+(?:\w+\s"
                                            rf"+){{0,3}}?(?:in|on|within|throughout|"
                                            rf"by|at|inside|across)\s+{DET}{FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?(?:(?:signall?ing|activity)"
                                            rf"\s+)?(?:\w+\s+)?{REGULATE}\s+(?:[\w\-]+\s+){{1,3}}?(?:in|"
                                            rf"within)\s+{DET}{FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:activity\s+|"
                                            rf"expression\s+|levels?\s+|isoforms?\s+|"
                                            rf"enzymes?\s+|receptors?\s+)?(?:in|on|within|"
                                            rf"inside)\s+{DET}(?:(?:neurons|cells)\s+(?:of|in)\s+"
                                            rf"{DET})?{FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,\s+(?:a|an|the)"
                                            rf"\s+(?:[\w\-–]+\s+){{0,5}}?(?:in|on|of|"
                                            rf"within)\s+{DET}{FEW}»"),
    _rule("expressedIn", "T", "ER", "right", rf"«{GAP}{EXPRESS}\s+{DET}{ITEMS}(?:{SLOT}(?:\s*"
                                             rf"\([^()]*\))?\s+(?:(?:along|together)\s+with|as\s+well"
                                             rf"\s+as)\s+)?(?:(?:high|low|abundant|large)\s+)?(?:"
                                             rf"(?:levels?|amounts?)\s+of\s+)?{DET}{FEW}»"),
    _rule("expressedIn", "T", "ER", "right", r"«\s+with\s+(?:\w+\s+){0,2}?»\s*(?:expression|"
                                             r"activity|levels?)\b"),
    _rule("expressedIn", "T", "ER", "right", r"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:(?:specific|"
                                             r"resident|local|cell|cellular|tissue)\s+)"
                                             r"?»"),
    _rule("expressedIn", "T", "ER", "right", rf"«\s*,?\s*(?:where|in\s+which|within\s+which|"
                                             rf"whose)\s+{DET}{FEW}»"),
    _rule("expressedIn", "T", "E", "right", rf"(?:{CONVERTED}|{CONVERT_NOUN}|produced|"
                                            rf"made|formed)[^;«»]{{0,50}}?(?:in|within|"
                                            rf"inside)\s+{DET}{FEW}«\s*,?\s+by\s+{DET}{FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:-|–)\s*(?:expressing|positive|"
                                            rf"rich|bearing|containing|dense|laden|high)"
                                            rf"\s+{FEW}»"),
    _rule("expressedIn", "T", "ER", "right",
          rf"⟨\s*(?:in|within|inside)\s+{DET}{FEW}«\s*,\s*{DET}"
                                             rf"{FEW}»"),
    # a scene-setting locative: "In the kidney, PTH stimulates 1α-hydroxylase ..."
    _rule("expressedIn", "T", "ER", "right", rf"⟨\s*(?:in|within|inside)\s+{DET}{FEW}«{OF_T}\s*,"
                                             rf"{FRONTED}»{OWN_PLACE}", free=True),
    _rule("producedIn", "T", "H", "right", rf"⟨\s*(?:in|within|inside)\s+{DET}{FEW}«{OF_T}\s*,"
                                           rf"{FRONTED}»\s*(?:-|–)?\s*(?:{OUTPUTS})\b{OWN_PLACE}",
          free=True),
    # binds: hormone (subject), receptor
    _rule("binds", "H", "R", "left",
          rf"«{GAP}{BIND}\s+(?:\w+\s+){{0,2}}?(?:to|through|via|with|on|at|upon|into)"
          rf"?\s*{DET}{FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«{GAP}(?:{BIND}|{ACT}){GAP}\b(?:through|via|by\s+binding(?:\s+to)?|by\s+activatin"
          rf"g)\s+{DET}{FEW}(?:[\w\-]+\s*,\s*)?»"),
    _rule("binds", "R", "H", "right", rf"«{GAP}\b(?:bound|activated|occupied|engaged|"
                                      rf"stimulated|recogni[sz]ed|triggered|liganded)"
                                      rf"\s+by\s+{DET}{FEW}»"),
    _rule("binds", "R", "H", "right", rf"«{GAP}\b(?:binds?|recogni[sz]es|responds?\s+to|"
                                      rf"for|senses?|detects?)\s+{DET}{FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"(?:binding|attachment|docking)\s+of\s+{DET}{FEW}«\s+(?:to|with|on)\s+{DET}{FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«\s*(?:-|–)\s*(?:bound|activated|occupied|liganded|binding)\s+{FEW}»"),
    # inhibits: hormone, enzyme or receptor (subject); enzyme, receptor, hormone or cell type
    # a hormone's secretion suppressed is regulation of the hormone (below), not inhibition
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{GAP}{INHIBIT}\s+{DET}{FEW}»(?!\s*(?:-|–)?\s*{HORMONE_AMOUNT})"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{GAP}\bfeeds?\s+back\s+(?:\w+\s+)?negatively\s+(?:on|to)\s+{DET}{FEW}»"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{GAP}\b(?:holds?|keeps?|places?|puts?)\s+{DET}{FEW}»\s+(?:\w+\s+){{0,2}}?under\s+"
          rf"(?:\w+\s+){{0,2}}?(?:inhibition|restraint|check)"),
    _rule("inhibits", "ERHT", "HER", "right", rf"«\s*(?:{HORMONE_AMOUNT}\s*)?{BE}(?:\w+\s+)"
                                              rf"{{0,2}}?{INHIBITED}\s+(?:\w+\s+){{0,2}}?by\s+{DET}"
                                              rf"{FEW}»"),
    _rule("inhibits", "ERHT", "HER", "right", rf"\b(?:inhibition|suppression|blockade|"
                                              rf"antagonism|restraint)\s+of\s+{DET}{FEW}«(?:\s*{HORMONE_AMOUNT}"
                                              rf")?\s+by\s+{DET}{FEW}»"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:mediated|induced|driven)?\s*(?:inhibition|"
          rf"suppression|blockade|antagonism)\s+of\s+{DET}{FEW}»"),
    # reducing an enzyme's or receptor's activity is inhibiting it
    _rule("inhibits", "HER", "ER", "left", rf"«{GAP}\b(?:reduc|lower|decreas|diminish|curb|dampen|"
                                           rf"blunt|limit)\w*\s+(?:the\s+)?(?:activity|action|"
                                           rf"function|signall?ing)\s+of\s+{DET}{FEW}»"),
    # actsOn: hormone (subject), tissue or cell type
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}{STIMULATE}\s+{DET}{FEW}»(?:\s*\([^()]*\))?\s+to\s+(?:secrete|release|"
          rf"produce|make|synthesi[sz]e|generate)\b"),
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}{ACT}\s+(?:through|via|on|upon|at)\s+{DET}{FEW}(?:[\w\-]+\s*,\s*)?\{{R\d+\}}"
          rf"(?:\s*\([^()]*\))?\s*,?\s+(?:on|in|at|within)\s+{DET}{FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}{ACT}\s+(?:[\w\-]+\s+){{0,4}}?(?:on|upon|in|at|within|to|into)\s+{DET}(?:\w+\s+("
          rf"?:such\s+as|like|including)\s+)?{DET}{FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}\bfeeds?\s+back\s+(?:on|to|at|onto)\s+{DET}{FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}{TARGET}\s+{DET}(?:(?:cohort|pool|number|population)\s+of\s+)?{FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{GAP}\b(?:stimulation|activation|targeting|sensiti[sz]ation)\s+of\s+{DET}{FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{BE}(?:[\w\-]+\s+){{0,5}}?»\s*(?:-|–)\s*(?:sensitive|"
                                       rf"responsive|dependent|target)"),
    _rule("actsOn", "T", "H", "right", rf"«{BE}(?:[\w\-]+\s+){{0,5}}?»\s+targets?(?:\s+(?:tissue|"
                                       rf"organ|cell)s?)?\b"),
    # "ovarian androgen output"
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:-|–)?\s*»\s*(?:-|–)?\s*(?:{OUTPUTS})\b"),
    _rule("actsOn", "H", "T", "left", rf"«{GAP}{BOOST}\s+{DET}{FEW}»\s*{CELL_ACTIVITY}"),
    _rule("actsOn", "H", "T", "left",
          rf"«\s*(?:-|–)\s*(?:responsive|sensitive|dependent|stimulated|regulated|driven|"
          rf"targeted|primed|exposed)\s+{DET}{FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{GAP}\b(?:respond\w*|react\w*|sensitive|"
                                       rf"exposed|responsive|subject)\s+(?:\w+\s+){{0,2}}?to\s+{DET}"
                                       rf"{FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«\s+as\s+(?:both\s+)?(?:a|an|the)\s+(?:\w+\s+)?targets?"
                                       rf"\s+(?:and\s+(?:a|an)\s+(?:\w+\s+){{0,2}}?)?(?:of|for)\s+"
                                       rf"{DET}{FEW}»"),
    # a hormone turning a tissue into another state acts on it
    _rule("actsOn", "H", "T", "left", rf"«{GAP}\b(?:transform|convert|turn)\w*\s+{DET}{FEW}(?:"
                                      rf"{SLOT}\s*(?:-|–)\s*[\w\-]+\s+)?»\s+into\b"),
    _rule("balancedWith", "H", "H", "left", rf"«{BE}(?:[\w\-]+\s+){{0,3}}?(?:partner|counterpart|"
                                            rf"counterweight|counterbalance)\s+(?:of|to)\s+{DET}"
                                            rf"{FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{BE}(?:\w+\s+){{0,3}}?(?:targets?|sites?\s+of\s+action"
                                       rf")\s+(?:tissues?\s+|organs?\s+|cells?\s+)?(?:of|"
                                       rf"for)\s+{DET}{FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«\s*,?\s*{W}{{0,2}}?(?:targeted|stimulated|"
                                       rf"reached|influenced|affected|acted\s+on)\s+by\s+{DET}{FEW}"
                                       rf"»"),
    _rule("actsOn", "H", "T", "left",
          rf"(?:action|actions|effects?|influence|impact)\s+of\s+{DET}{FEW}«\s+(?:on|in|at|upon)"
          rf"\s+{DET}(?:[\w\-]+\s+(?:and\s+[\w\-]+\s+)?of\s+{DET})?{FEW}»"),
    _rule("expressedIn", "ER", "T", "left",
          rf"«{GAP},?\s+(?:and\s+)?(?:it|they)\s+(?:is|are)\s+(?:\w+\s+)?{EXPRESSED}\s+"
          rf"(?:in|on|within)\s+{DET}{FEW}»"),
    # regulates: hormone, enzyme or receptor (subject); a process or another hormone's output
    _rule("regulates", "HER", "P", "left", rf"«{GAP}(?:{REGULATE}|{MOVE})\s+{DET}{FEW}{SLOT}"
                                           rf"\s+(?:in)?to(?:wards?)?\s+{DET}{ITEMS}»"),
    _rule("regulates", "HER", "P", "left", rf"«{GAP}(?:{REGULATE}\b{NOT_ADJECTIVE}|\bsets?\s+"
                                           rf"the\s+(?:pace|tempo|timing))\s+{DET}(?:[\w\-’']+\s+)"
                                           rf"{{0,4}}?(?:of\s+{DET}(?:\w+\s+)?)?{ITEMS}»"),
    _rule("regulates", "HER", "H", "left", rf"«{GAP}{REGULATE}\s+{DET}{FEW}(?:of\s+{DET})"
                                           rf"?»\s*(?:-|–)?\s*{HORMONE_AMOUNT}"),
    _rule("regulates", "HER", "H", "left", rf"«{GAP}{REGULATE}\s+{DET}{ITEMS}(?:the\s+)?"
                                           rf"{HORMONE_AMOUNT}\s+of\s+{DET}{FEW}»"),
    # "H secretion is suppressed by A and stimulated by B"
    _rule("regulates", "H", "HER", "right", rf"«\s*{HORMONE_AMOUNT}{BE}(?:{GAP}\band\s+)?"
                                            rf"(?:\w+\s+){{0,2}}?{REGULATED}\s+(?:\w+\s+){{0,2}}?by"
                                            rf"\s+{DET}{FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)\s*(?:driven|induced|"
                                           rf"stimulated|mediated|dependent|regulated|"
                                           rf"controlled|triggered|promoted|suppressed|"
                                           rf"inhibited|evoked|fuell?ed|timed|gated|"
                                           rf"activated)\s+{DET}{FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"«{BE}(?:{GAP}\band\s+(?:is\s+|are\s+)?)?(?:\w+\s+)"
                                            rf"{{0,2}}?{REGULATED}\s+(?:\w+\s+){{0,2}}?by\s+{DET}"
                                            rf"{FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"\b(?:regulation|control|stimulation|induction|"
                                            rf"suppression|inhibition|promotion|timing)"
                                            rf"\s+of\s+{DET}{FEW}«(?:\s+(?:in|within)\s+{DET}"
                                            rf"{FEW}{SLOT})?\s+by\s+{DET}{FEW}»"),
    # a hormone's level raised or lowered, or kept low
    _rule("regulates", "HR", "H", "left", rf"«{GAP}\b(?:rais|lower|increas|decreas|elevat|boost|"
                                          rf"deplet|diminish)\w*\b(?<!ed)\s+(?:circulating\s+|free\s+|serum\s+"
                                          rf"|plasma\s+|blood\s+)?{DET}{FEW}»"),
    _rule("regulates", "HER", "H", "left", rf"«{GAP}\bkeep\w*\s+{DET}{FEW}»\s+(?:low|high|"
                                           rf"elevated|suppressed|down|up)\b"),
    _rule("regulates", "H", "HER", "right", rf"\b(?:regulation|control|stimulation|induction|"
                                            rf"suppression|inhibition|promotion|timing)"
                                            rf"\s+of\s+{DET}{FEW}«\s*{HORMONE_AMOUNT}\s+by\s+"
                                            rf"{DET}{FEW}»"),
    _rule("regulates", "HER", "H", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)\s*(?:driven|induced|"
                                           rf"stimulated|mediated|dependent|regulated|"
                                           rf"controlled|triggered|promoted|suppressed|"
                                           rf"inhibited|evoked|fuell?ed|timed|gated|"
                                           rf"activated)\s+{DET}{FEW}»\s*{HORMONE_AMOUNT}"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s+(?:effects?|actions?|"
                                           rf"influence|role|control|impact)\s+(?:\w+\s+)"
                                           rf"{{0,2}}?(?:on|in|over)\s+{DET}{FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«{GAP}\b(?:its|their)\s+(?:[\w\-]+\s+){{0,2}}?(?:"
                                           rf"roles?|effects?|actions?|influence)\s+(?:in|on)\s+{DET}"
                                           rf"{ITEMS}{FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"(?:effects?|actions?|influence|role|control|"
                                           rf"impact)\s+of\s+{DET}{FEW}«\s+(?:on|in|"
                                           rf"over)\s+{DET}{FEW}»"),
)

"""Read typed entity-entity relations from the sentences of an entry, with evidence.

Each sentence is rewritten as a skeleton in which every mention is a typed slot (`{H0}` for a
hormone, `{E1}` an enzyme, `{T2}` a tissue, `{P3}` a process, `{R4}` a receptor). Slots of one
type joined by commas, "and" or "or" form a coordinated group, and every member of a group takes
part in the group's relations ("leptin acts on the hypothalamus and adipocytes" gives two).

A rule reads the text between two groups, with a little context on either side, marked
`pre«between»post`; it names the relation, which group is the subject, and the entity types
each end may have. So one rule serves every entity the vocabulary knows, and the rules read
active and passive verbs, nominalisations ("the conversion of A to B by E"), participles
("secreted by", "T-derived H"), locatives ("E in T", "E, abundant in T") and relative clauses.
Two entities with no cue between them are not related: co-occurrence is not a relation; negated
and hypothetical statements are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from hormgraph.model import EntityType, Mention, Relation
from hormgraph.namespaces import HGO

_LETTER = {EntityType.HORMONE: "H", EntityType.ENZYME: "E", EntityType.TISSUE: "T",
           EntityType.PROCESS: "P", EntityType.RECEPTOR: "R"}
_SLOT = r"\{[HETPR]\d+\}"
#: A few words (adjectives, determiners) between a cue and the entity it governs.
_W = (r"(?:(?!(?:and|or|but|while|whereas|which|that|of|in|on|to|into|from|by|with|through|"
      r"via|at|it|them|this|these|for)\b)[\w\-’'/]+\s+)")
_FEW = _W + "{0,3}?"
_DET = r"(?:(?:the|a|an|its|their|this|these|those|local|circulating|active|free|both)\s+)*"
#: Text within one clause: no semicolon, colon or contrast word, no group boundary.
_GAP = (r"(?:(?!\b(?:while|whereas|but|although|though|unlike|because|if|when|whether)"
        r"\b|,\s+(?:this|these|there|so|then|thus|hence|such)\b)[^;:«»])*?")
_NEG = re.compile(r"\b(?:not|no|never|neither|nor|without|cannot|can't|doesn't|don't|"
                  r"fails?|failed|unlikely|unclear|unknown|lack\w*|absent|absence|instead of|"
                  r"rather than|apart from|except|independent\w*)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:whether|if)\b[^,;]*$", re.IGNORECASE)


def _stem(words: str) -> str:
    return rf"(?<![\w\-–])(?:{words})\w*"


_CONVERT = _stem(r"convert|transform|metaboli[sz]|aromati[sz]|catalys|catalyz|hydroxylat|"
                 r"oxidi[sz]|inactivat|reactivat|conjugat|deconjugat|sulfat|sulphat|"
                 r"glucuronidat|methylat|deiodinat|cleav|turn|degrad|recycl|hydroly[sz]|"
                 r"reduc|activat")
_CONVERT_NOUN = (r"\b(?:conversion|transformation|metabolism|aromati[sz]ation|hydroxylation|"
                 r"reduction|oxidation|inactivation|activation|reactivation|conjugation|"
                 r"sulfation|sulphation|glucuronidation|methylation|deiodination|cleavage|"
                 r"clearance|breakdown|regeneration|degradation|turnover)")
_CONVERTED = (r"\b(?:converted|transformed|metaboli[sz]ed|aromati[sz]ed|reduced|oxidi[sz]ed|"
              r"inactivated|activated|reactivated|conjugated|sulfated|sulphated|glucuronidated|"
              r"methylated|deiodinated|cleaved|hydroxylated|cleared|broken\s+down|degraded|"
              r"regenerated|recycled|turned)")
_MAKE = _stem(r"produc|mak|form|generat|synthesi[sz]|yield|creat|manufactur|releas|secret|"
              r"regenerat|reactivat|recycl|liberat|deriv")
_SECRETE = _stem(r"produc|secret|synthesi[sz]|releas|mak|manufactur|generat|pump|deliver|emit")
_SECRETED = (r"\b(?:produced|made|synthesi[sz]ed|secreted|released|generated|formed|manufactured|"
             r"derived|originating|originates?|stored|sourced|liberated|emitted|comes?|"
             r"coming)")
_OUTPUTS = r"output|production|secretion|release|synthesis|biosynthesis|source|sources"
_OUTPUT_NOUN = rf"\b(?:{_OUTPUTS})"
_EXPRESSED = (r"\b(?:expressed|present|found|abundant|active|located|locali[sz]ed|enriched|"
              r"concentrated|detected|displayed|housed|resident|situated|available|plentiful|"
              r"highest|high|dense|densest|upregulated)")
_EXPRESS = _stem(r"express|contain|carr|possess|harbou?r|display|us(?:e|es|ing)\b|rel(?:y|"
                 r"ies)\s+on|depend\w*\s+on|houses?|bears?")
_BIND = _stem(r"bind|bound|activat|occup|engag|signal|act|work|operat|ligand|agonist|"
              r"dock|attach|interact|recogni[sz]|latch|stimulat|couple|trigger|"
              r"dock")
_ACT = (r"\b(?:acts?|acting|act|actions?|effects?|works?|working|operat\w*|signals?|signall?ing|"
        r"exerts?\s+(?:\w+\s+){0,2}?effects?)")
_TARGET = _stem(r"target|stimulat|reach|influenc|affect|enter|sensiti[sz]|prim|instruct|"
                r"tell|signal\w*\s+to|travel\w*\s+to|circulat\w*\s+to|bathes?|enlarg|shrink|"
                r"thicken|thin|miniaturi[sz]|prepar|recruit|swell|mature|ripen|remodel")
_INHIBIT_WORDS = (r"inhibit|block|antagoni[sz]|suppress|restrain|blunt|dampen|curb|oppos|"
                  r"counteract|repress|silenc|attenuat|downregulat|down-regulat|shut\w*\s+down|"
                  r"switch\w*\s+off|quench|check")
_INHIBIT = _stem(_INHIBIT_WORDS)
_INHIBITED = (r"\b(?:inhibited|blocked|antagoni[sz]ed|suppressed|restrained|blunted|dampened|"
              r"repressed|opposed|counteracted|attenuated|curbed|silenced|downregulated|"
              r"held\s+(?:\w+\s+){0,2}?under\s+(?:\w+\s+){0,2}?(?:inhibition|restraint|"
              r"check))")
_REGULATE_WORDS = (r"prolong|shorten|lengthen|extend|regulat|modulat|stimulat|promot|driv|"
                   r"drove|control|govern|increas|"
                   r"decreas|enhanc|suppress|inhibit|impair|accelerat|slow|trigger|induc|"
                   r"boost|reduc|rais|lower|support|favou?r|fuel|limit|blunt|dampen|prevent|"
                   r"block|halt|permit|allow|initiat|orchestrat|coordinat|shap|tun|direct|"
                   r"sustain|maintain|restor|protect|mediat|spur|activat|switch\w*\s+on|"
                   r"curb|restrain|facilitat|amplif|augment|elevat|diminish|attenuat|"
                   r"counteract|oppos|antagoni[sz]|encourag|speed|delay|entrain|synchroni[sz]|"
                   r"affect|influenc|alter|disrupt|improv|worsen|ignit|launch|start|stop|"
                   r"prompt|provok|elicit|evok|caus|lead|accompan|push|tip|steer|guid|"
                   r"program|organi[sz]|trim|mobili[sz]|gate|licens|unlock|favor|potentiat|"
                   r"sensiti[sz]|underpin|govern|dictat|determin|terminat|arrest|repress|"
                   r"silenc|quench|downregulat|upregulat|up-regulat|down-regulat|contribut|"
                   r"participat|involv")
_REGULATE = _stem(_REGULATE_WORDS)
_BOOST = _stem(r"support|boost|enhanc|promot|stimulat|increas|driv|activat|rais|improv|"
               r"augment|sustain|maintain|restor|protect|fuel|spur|accelerat|preserv|"
               r"regulat|modulat|control|influenc|affect|alter")
_STIMULATE = rf"(?<![\w\-–])(?!(?:{_INHIBIT_WORDS}))(?:{_REGULATE_WORDS})\w*"
_REGULATED = (r"\b(?:regulated|controlled|driven|stimulated|promoted|triggered|induced|"
              r"suppressed|inhibited|governed|modulated|timed|orchestrated|mediated|influenced|"
              r"blocked|enhanced|increased|reduced|impaired|accelerated|slowed|dampened|"
              r"blunted|restrained|fuel(?:l)?ed|sustained|maintained|initiated|coordinated|"
              r"shaped|tuned|directed|entrained|set|paced|gated|caused|evoked|elicited|"
              r"boosted|raised|lowered|amplified|potentiated|attenuated|opposed|counteracted)")
_HORMONE_AMOUNT = (r"(?:secretion|release|production|output|synthesis|biosynthesis|levels?|"
                   r"concentrations?|pulses|pulsatility|surge|surges|load|excess|generation)"
                   r"\b")
_CELL_ACTIVITY = (r"(?:activity|function|proliferation|growth|differentiation|survival|"
                  r"turnover|renewal|maturation|number|size|metabolism|responses?)\b")


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


_PRODUCT = r"(?P<p>\{H\d+\})"
_TO_PRODUCT = rf"(?:\s+(?:in)?to(?:wards?)?\s+{_DET}{_FEW}{_PRODUCT}(?:\s*\([^()]*\))?)"
#: Earlier members of a list before the one a cue governs ("increase E expression, P and ...").
_ITEMS = (rf"(?:(?:{_SLOT}\s*)?(?:[\w\-]+\s+){{0,2}}?[\w\-]*(?:\s+(?:in|of|from)\s+{_DET}"
          rf"{_SLOT})?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+){_DET})*?")
_BY = (rf"\s*,?\s+(?:mainly\s+|largely\s+|primarily\s+|chiefly\s+|partly\s+|also\s+)?(?:by|"
       rf"via|through|using)\s+{_DET}(?:the\s+)?(?:enzymes?\s+|actions?\s+of\s+)?{_FEW}»")
#: The clause after a scene-setting locative, up to another tissue or a clause boundary.
_FRONTED = (r"(?:(?!\{T|\b(?:while|whereas|but|where|which)\b|,\s+(?:and|an?)\b)[^;:«»])*?")
#: An entity placed by a locative of its own ("R in the dermis") is not placed by another.
_OWN_PLACE = (r"(?!\s*(?:\([^()]*\)\s*)?(?:[\w\-]+\s+){0,2}?(?:on|in|within|at|from)\s+"
              r"(?:the\s+)?(?:[\w\-]+\s+)?\{T)")
_BE = (r"(?:\s*,?\s*(?:which|that|who)?\s*(?:is|are|was|were|being|been|be|gets?|get|"
       r"got|becomes?|can\s+be|may\s+be|is\s+then|are\s+then|is\s+also|are\s+also|must\s+be|"
       r"in\s+turn)?\s*)")

RULES: tuple[Rule, ...] = (
    # converts: enzyme (subject), substrate (object), product when named
    _rule("converts", "E", "H", "left", rf"«{_GAP}{_CONVERT}(?:\s+(?:down|off))?\s+{_DET}{_FEW}(?:"
                                        rf"of\s+{_DET})?»"),
    _rule("converts", "H", "E", "right", rf"«{_BE}(?:\w+\s+){{0,2}}?{_CONVERTED}(?:\s+{_FEW})"
                                         rf"?{_TO_PRODUCT}?(?:\s+(?:in|within|inside)"
                                         rf"\s+{_DET}{_FEW}\{{T\d+\}})?{_BY}"),
    _rule("converts", "H", "E", "right", rf"{_CONVERT_NOUN}\s+of\s+{_DET}{_FEW}«{_TO_PRODUCT}?(?:\s"
                                         rf"+in\s+{_DET}{_FEW}\{{T\d+\}})?{_BY}"),
    _rule("converts", "E", "H", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:mediated|driven|"
                                        rf"catalys\w+|catalyz\w+|dependent|based)?\s*{_CONVERT_NOUN}"
                                        rf"\s+of\s+{_DET}{_FEW}»"),
    _rule("converts", "E", "H", "left", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:is|are|was)\s+)?(?:"
                                        rf"the\s+|an?\s+)?(?:[\w\-]+\s+)?(?:enzymes?\s+)?(?:that|"
                                        rf"which)\s+(?:\w+\s+)?(?:{_MAKE})\s+{_DET}{_FEW}{_PRODUCT}"
                                        rf"\s+from\s+{_DET}{_FEW}»"),
    _rule("converts", "E", "H", "left", rf"«{_GAP}{_MAKE}\s+{_DET}{_FEW}{_PRODUCT}(?:\s*\([^()"
                                        rf"]*\))?\s+(?:from|out\s+of)\s+{_DET}{_FEW}»"),
    _rule("converts", "H", "E", "right",
          rf"«\s*(?:-|–)\s*to\s*(?:-|–)\s*{_PRODUCT}\s+(?:{_CONVERT_NOUN}"
                                         rf"|step)\s+(?:by|via|through)\s+{_DET}{_FEW}»"),
    _rule("converts", "H", "E", "right", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:which|that)"
                                         rf"\s+{_DET}(?:enzymes?\s+)?{_FEW}»(?:\s+(?:in|"
                                         rf"within)\s+{_DET}{_FEW}\{{T\d+\}}(?:\s+\{{T\d+\}})"
                                         rf"?)?\s+(?:then\s+|also\s+|further\s+|in\s+turn\s+)"
                                         rf"?{_CONVERT}\s+(?:(?:it|them)\s+)?(?:in)?to\s+{_DET}{_FEW}"
                                         rf"{_PRODUCT}"),
    _rule("converts", "H", "E", "right", rf"{_CONVERT}\s+{_DET}{_FEW}«{_TO_PRODUCT}\s+(?:through|"
                                         rf"via|using|by)\s+{_DET}(?:the\s+)?(?:enzymes?\s+)"
                                         rf"?{_FEW}»"),
    _rule("expressedIn", "T", "E", "right", rf"«{_GAP}{_CONVERT}{_GAP}\b(?:through|via|"
                                            rf"using)\s+{_DET}(?:the\s+)?(?:enzymes?\s+)"
                                            rf"?{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"{_SECRETE}\s+{_DET}{_FEW}«\s+(?:in|within|"
                                          rf"inside)\s+{_DET}{_FEW}»"),
    # producedIn: hormone (subject), where it is made
    _rule("producedIn", "T", "H", "right", rf"«{_GAP}{_SECRETE}\s+{_DET}(?:\w+\s+){{0,3}}?(?:of\s+"
                                           rf")?{_DET}{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«{_GAP}{_OUTPUT_NOUN}\s+(?:\w+\s+){{0,2}}?of\s+{_DET}"
                                           rf"{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:-|–)\s*(?:derived|produced|secreted|"
                                           rf"made|released|generated|synthesi[sz]ed)"
                                           rf"\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{_BE}(?:[\w\-]+\s+){{0,5}}?{_SECRETED}\s+(?:\w+\s+)"
                                          rf"{{0,3}}?(?:in|by|from|within|inside|at|"
                                          rf"out\s+of)\s+{_DET}(?:(?:neurons|cells)\s+(?:of|in)\s+"
                                          rf"{_DET})?{_FEW}»"),
    _rule("regulates", "H", "H", "left",
          rf"«{_GAP}{_STIMULATE}[^;«»]{{0,60}}?\bto\s+(?:secrete|release|produce|make|"
          rf"synthesi[sz]e|generate)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "E", "T", "left",
          rf"«{_GAP}{_CONVERT}[^;«»]{{0,60}}?\b(?:in|within|inside)\s+{_DET}{_FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«{_GAP}\bfeeds?\s+back\s+(?:\w+\s+)?(?:on|to|at|through|via)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"\b(?:{_OUTPUTS}|making|formation|generation)"
                                          rf"\s+of\s+{_DET}{_FEW}«\s+(?:\w+\s+){{0,2}}?(?:in|"
                                          rf"by|from|within|inside)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:-|–)?\s*{_OUTPUT_NOUN}\s+(?:\w+\s+)"
                                          rf"{{0,2}}?(?:in|by|from|within|inside)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:-|–)\s*(?:producing|secreting|releasing|"
                                          rf"synthesi[sz]ing|making|generating|manufacturing)"
                                          rf"\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s+(?:\w+\s+)?from\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{_BE}(?:\w+\s+){{0,3}}?{_SECRETED}[^;«»"
                                          rf"]{{0,60}}?,\s+(?:mainly|mostly|largely|"
                                          rf"chiefly|primarily|especially|also|partly)"
                                          rf"\s+(?:in|by|from|within)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:’s|'s)\s+{_FEW}»"),
    _rule("producedIn", "T", "H", "right", r"(?:ovarian|adrenal|testicular|placental|"
                                           r"pituitary|hypothalamic|pancreatic|hepatic|"
                                           r"thyroidal|gonadal|pineal|adipocyte|adipose|"
                                           r"intestinal|gastric|renal|cutaneous|epidermal|"
                                           r"dermal|follicular|luteal)«\s*(?:-|–)?\s*»"),
    # expressedIn: enzyme or receptor (subject), where it is found
    _rule("expressedIn", "ER", "T", "left", rf"«{_BE}(?:[\w\-]+\s+){{0,6}}?{_EXPRESSED}\s+(?:\w+\s"
                                            rf"+){{0,3}}?(?:in|on|within|throughout|"
                                            rf"by|at|inside|across)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?(?:activity\s+|"
                                            rf"expression\s+|levels?\s+|isoforms?\s+|"
                                            rf"enzymes?\s+|receptors?\s+)?(?:in|on|within|"
                                            rf"inside)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,\s+(?:a|an|the)"
                                            rf"\s+(?:[\w\-–]+\s+){{0,5}}?(?:in|on|of|"
                                            rf"within)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "T", "ER", "right", rf"«{_GAP}{_EXPRESS}\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "T", "ER", "right", r"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:(?:specific|"
                                             r"resident|local|cell|cellular|tissue)\s+)"
                                             r"?»"),
    _rule("expressedIn", "T", "ER", "right", rf"«\s*,?\s*(?:where|in\s+which|within\s+which|"
                                             rf"whose)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "T", "E", "right", rf"(?:{_CONVERTED}|{_CONVERT_NOUN}|produced|"
                                            rf"made|formed)[^;«»]{{0,50}}?(?:in|within|"
                                            rf"inside)\s+{_DET}{_FEW}«\s*,?\s+by\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:-|–)\s*(?:expressing|positive|"
                                            rf"rich|bearing|containing|dense|laden|high)"
                                            rf"\s+{_FEW}»"),
    _rule("expressedIn", "T", "ER", "right",
          rf"⟨\s*(?:in|within|inside)\s+{_DET}{_FEW}«\s*,\s*{_DET}"
                                             rf"{_FEW}»"),
    # a scene-setting locative: "In the kidney, PTH stimulates 1α-hydroxylase ..."
    _rule("expressedIn", "T", "ER", "right", rf"⟨\s*(?:in|within|inside)\s+{_DET}{_FEW}«\s*,"
                                             rf"{_FRONTED}»{_OWN_PLACE}", free=True),
    _rule("producedIn", "T", "H", "right", rf"⟨\s*(?:in|within|inside)\s+{_DET}{_FEW}«\s*,"
                                           rf"{_FRONTED}»\s*(?:-|–)?\s*(?:{_OUTPUTS})\b{_OWN_PLACE}",
          free=True),
    # binds: hormone (subject), receptor
    _rule("binds", "H", "R", "left",
          rf"«{_GAP}{_BIND}\s+(?:\w+\s+){{0,2}}?(?:to|through|via|with|on|at|upon|into)"
          rf"?\s*{_DET}{_FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«{_GAP}(?:{_BIND}|{_ACT}){_GAP}\b(?:through|via|by\s+binding(?:\s+to)?|by\s+activatin"
          rf"g)\s+{_DET}{_FEW}»"),
    _rule("binds", "R", "H", "right", rf"«{_GAP}\b(?:bound|activated|occupied|engaged|"
                                      rf"stimulated|recogni[sz]ed|triggered|liganded)"
                                      rf"\s+by\s+{_DET}{_FEW}»"),
    _rule("binds", "R", "H", "right", rf"«{_GAP}\b(?:binds?|recogni[sz]es|responds?\s+to|"
                                      rf"for|senses?|detects?)\s+{_DET}{_FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"(?:binding|attachment|docking)\s+of\s+{_DET}{_FEW}«\s+(?:to|with|on)\s+{_DET}{_FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«\s*(?:-|–)\s*(?:bound|activated|occupied|liganded|binding)\s+{_FEW}»"),
    # inhibits: hormone, enzyme or receptor (subject); enzyme, receptor, hormone or cell type
    # a hormone's secretion suppressed is regulation of the hormone (below), not inhibition
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{_GAP}{_INHIBIT}\s+{_DET}{_FEW}»(?!\s*(?:-|–)?\s*{_HORMONE_AMOUNT})"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{_GAP}\bfeeds?\s+back\s+(?:\w+\s+)?negatively\s+(?:on|to)\s+{_DET}{_FEW}»"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«{_GAP}\b(?:holds?|keeps?|places?|puts?)\s+{_DET}{_FEW}»\s+(?:\w+\s+){{0,2}}?under\s+"
          rf"(?:\w+\s+){{0,2}}?(?:inhibition|restraint|check)"),
    _rule("inhibits", "ERHT", "HER", "right", rf"«\s*(?:{_HORMONE_AMOUNT}\s*)?{_BE}(?:\w+\s+)"
                                              rf"{{0,2}}?{_INHIBITED}\s+(?:\w+\s+){{0,2}}?by\s+{_DET}"
                                              rf"{_FEW}»"),
    _rule("inhibits", "ERHT", "HER", "right", rf"\b(?:inhibition|suppression|blockade|"
                                              rf"antagonism|restraint)\s+of\s+{_DET}{_FEW}«(?:\s*{_HORMONE_AMOUNT}"
                                              rf")?\s+by\s+{_DET}{_FEW}»"),
    _rule("inhibits", "HER", "ERHT", "left",
          rf"«\s*(?:’s|'s)?\s*(?:-|–)?\s*(?:mediated|induced|driven)?\s*(?:inhibition|"
          rf"suppression|blockade|antagonism)\s+of\s+{_DET}{_FEW}»"),
    # actsOn: hormone (subject), tissue or cell type
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_ACT}\s+(?:through|via|on|upon|at)\s+{_DET}{_FEW}\{{R\d+\}}(?:\s*\([^()]*\))"
          rf"?\s+(?:on|in|at|within)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_ACT}\s+(?:\w+\s+){{0,2}}?(?:on|upon|in|at|within|to|into)\s+{_DET}(?:\w+\s+("
          rf"?:such\s+as|like|including)\s+)?{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}\bfeeds?\s+back\s+(?:on|to|at|onto)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_TARGET}\s+{_DET}(?:(?:cohort|pool|number|population)\s+of\s+)?{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}\b(?:stimulation|activation|targeting|sensiti[sz]ation)\s+of\s+{_DET}{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_BE}(?:[\w\-]+\s+){{0,5}}?»\s*(?:-|–)\s*(?:sensitive|"
                                       rf"responsive|dependent|target)"),
    _rule("actsOn", "H", "T", "left", rf"«{_GAP}{_BOOST}\s+{_DET}{_FEW}»\s*{_CELL_ACTIVITY}"),
    _rule("actsOn", "H", "T", "left",
          rf"«\s*(?:-|–)\s*(?:responsive|sensitive|dependent|stimulated|regulated|driven|"
          rf"targeted|primed|exposed)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_GAP}\b(?:respond\w*|react\w*|sensitive|"
                                       rf"exposed|responsive|subject)\s+(?:\w+\s+){{0,2}}?to\s+{_DET}"
                                       rf"{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_BE}(?:\w+\s+){{0,2}}?(?:targets?|sites?\s+of\s+action"
                                       rf")\s+(?:tissues?\s+|organs?\s+|cells?\s+)?(?:of|"
                                       rf"for)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«\s*,?\s*{_W}{{0,2}}?(?:targeted|stimulated|"
                                       rf"reached|influenced|affected|acted\s+on)\s+by\s+{_DET}{_FEW}"
                                       rf"»"),
    _rule("actsOn", "H", "T", "left",
          rf"(?:action|actions|effects?|influence|impact)\s+of\s+{_DET}{_FEW}«\s+(?:on|in|at|upon)"
          rf"\s+{_DET}(?:[\w\-]+\s+(?:and\s+[\w\-]+\s+)?of\s+{_DET})?{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left",
          rf"«{_GAP},?\s+(?:and\s+)?(?:it|they)\s+(?:is|are)\s+(?:\w+\s+)?{_EXPRESSED}\s+"
          rf"(?:in|on|within)\s+{_DET}{_FEW}»"),
    # regulates: hormone, enzyme or receptor (subject); a process or another hormone's output
    _rule("regulates", "HER", "P", "left", rf"«{_GAP}(?:{_REGULATE}|\bsets?\s+the\s+(?:pace|"
                                           rf"tempo|timing))\s+{_DET}(?:[\w\-’']+\s+)"
                                           rf"{{0,4}}?(?:of\s+{_DET}(?:\w+\s+)?)?{_ITEMS}»"),
    _rule("regulates", "HER", "H", "left", rf"«{_GAP}{_REGULATE}\s+{_DET}{_FEW}(?:of\s+{_DET})"
                                           rf"?»\s*(?:-|–)?\s*{_HORMONE_AMOUNT}"),
    _rule("regulates", "HER", "H", "left", rf"«{_GAP}{_REGULATE}\s+(?:the\s+)?{_HORMONE_AMOUNT}\s"
                                           rf"+of\s+{_DET}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)\s*(?:driven|induced|"
                                           rf"stimulated|mediated|dependent|regulated|"
                                           rf"controlled|triggered|promoted|suppressed|"
                                           rf"inhibited|evoked|fuell?ed|timed|gated|"
                                           rf"activated)\s+{_DET}{_FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"«{_BE}(?:\w+\s+){{0,2}}?{_REGULATED}\s+(?:\w+\s+)"
                                            rf"{{0,2}}?by\s+{_DET}{_FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"\b(?:regulation|control|stimulation|induction|"
                                            rf"suppression|inhibition|promotion|timing)"
                                            rf"\s+of\s+{_DET}{_FEW}«\s+by\s+{_DET}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s+(?:effects?|actions?|"
                                           rf"influence|role|control|impact)\s+(?:\w+\s+)"
                                           rf"{{0,2}}?(?:on|in|over)\s+{_DET}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"(?:effects?|actions?|influence|role|control|"
                                           rf"impact)\s+of\s+{_DET}{_FEW}«\s+(?:on|in|"
                                           rf"over)\s+{_DET}{_FEW}»"),
)

_BALANCE = re.compile(
    r"\b(?:ratios?|balance|relationships?|interplay|gradients?|equilibrium|axis|tug-of-war|seesaw|see-saw|counterbalance|opposition)\s+(?:between|of)\s+(?:\w+\s+){0,4}?(?P<rest>.*)",
    re.IGNORECASE)
_PAIR = re.compile(r"(?P<a>\{H\d+\})(?:\s*\([^()]*\))?\s+(?:and|to|versus|vs\.?|relative\s+to|"
                   r"with|against)\s+(?:\w+\s+){0,2}?(?P<b>\{H\d+\})")
_HYPHEN_PAIR = re.compile(r"(?P<a>\{H\d+\})\s*(?:-|–|/|:|\s+to\s+)\s*(?:to\s*(?:-|–)"
                          r"\s*)?(?:free\s+|total\s+|active\s+)?(?P<b>\{H\d+\})\s*(?:-|–)?\s*(?:ratio|balance|axis|"
                          r"interplay)",
                          re.IGNORECASE)
_SLOT_RE = re.compile(_SLOT)
#: Slots of one type joined as a list: commas, "and", "or", "as well as", with a few modifiers.
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or|as\s+well\s+as|"
                   r"plus|together\s+with|along\s+with|but\s+also|such\s+as|including|like|"
                   r"especially|notably)\s+|\s*/\s*)(?:(?:then|"
                   r"also|both|either|the|its|their|his|her|other|related|local|circulating|"
                   r"free|active|inactive|adjacent|neighbouring|neighboring|surrounding|"
                   r"nearby|in|on|to|of)\s+)*(?:(?<=the\s|its\s)(?:[a-z][\w\-]*\s+){0,3}|"
                   r"[a-z][\w\-]{2,13}\s+)?$",
                   re.IGNORECASE)
#: A bracket right after a group holding only slots: abbreviations or kinds ("R (A and B)").
_BRACKETED = re.compile(rf"\s*\(\s*{_SLOT}(?:\s*(?:,|and|or|/)\s*{_SLOT})*\s*\)")
_NOT_SUBJECT = re.compile(r"\b(?:on|in|of|to|through|via|by|from|with|into|within|inside|"
                          r"at|than|for|upon|across|over|under|between)\s+(?:[\w\-’']+\s+)"
                          r"{0,2}?$",
                          re.IGNORECASE)
_VERBS = "|".join((_CONVERT, _BIND, _INHIBIT, _REGULATE, _EXPRESS, _SECRETE, _TARGET, _MAKE))
_AFTER_VERB = re.compile(rf"(?:(?:{_VERBS})\s+(?:[\w\-’']+\s+){{0,3}}?|\b\w{{3,}}(?:ing|es)\s+"
                         rf"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?)$", re.IGNORECASE)
_RELATIVE = re.compile(r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:which|that|who)\b", re.IGNORECASE)
_MODIFIER = re.compile(r"^\s*(?:-|–)?\s*(?:agonists?|antagonists?|blockers?|inhibitors?|"
                       r"analogues?|analogs?|mimetics?|drugs?|therapy|therapies|medications?|"
                       r"supplements?|supplementation|genes?|mutations?|variants?|knockout|"
                       r"deficien\w*|antibod\w*|polymorphisms?)\b", re.IGNORECASE)
#: A group that qualifies the next one ("the liver's hepatocytes", "hepatic gluconeogenesis").
_OBJECT_MODIFIER = re.compile(r"^\s*(?:(?:(?:’s|'s)\s+|-?\s*)\{[TPH]\d+\}|(?:-|–)\s*(?:driven|"
                              r"mediated|dependent|induced|rich|positive|expressing|bearing)\b)")
_TISSUE_OUTPUT = re.compile(r"^\s+(?:output|production|secretion|synthesis|release)\b")
_THROUGH = re.compile(r"\b(?:acting|working|signall?ing|operating)\s+(?:through|via)\s+"
                      r"(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_LEFT_MODIFIER = re.compile(r"^\s*(?:reactivity|activity|function|size|thickness|number|"
                            r"mass|volume|tone|weight|density)\b", re.IGNORECASE)
_ADJACENT = re.compile(r"\s*(?:-|–)?\s*$")
_COPULA = re.compile(rf"({_SLOT})\s*(?:\([^()]*\)\s*)?,?\s*(?:is|was|are|were|remains?)\s+"
                     rf"(?:a|an|the|one)\s+(?:[\w\-]+\s+){{0,3}}?(?:of\s+the\s+)?$", re.IGNORECASE)
_CONTINUES = re.compile(r"^\s*(?:\([^()]*\)\s*)?[,—–-]*\s*(?:and\b|\w+ing\b)", re.IGNORECASE)
_PARTICIPLE = re.compile(r",\s+\w+ing\b")
_EXAMPLE = re.compile(r"\b(?:such\s+as|including|like|notably|especially)\s+(?:[\w\-’']+\s+)"
                      r"{0,2}?$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class _Group:
    """Coordinated mentions of one type: `start`/`end` span the group in the skeleton."""

    letter: str
    members: tuple[Mention, ...]
    start: int
    end: int


def relate(mentions: Iterable[Mention]) -> tuple[Relation, ...]:
    """The relations each sentence of one entry states, in reading order; a relation stated in
    two sentences is given twice, once with each sentence as evidence."""
    relations: list[Relation] = []
    ordered = sorted(mentions, key=lambda m: (m.section, m.sentence_start, m.start))
    for _, group in groupby(ordered, key=lambda m: (m.section, m.sentence_start)):
        seen: set[tuple[str, str, str, str | None]] = set()
        for relation in _sentence_relations(list(group)):
            key = (relation.subject, relation.predicate, relation.object, relation.product)
            if key not in seen:
                seen.add(key)
                relations.append(relation)
    return tuple(relations)


def _skeleton(mentions: list[Mention]) -> tuple[str, dict[str, Mention]]:
    sentence, offset = mentions[0].sentence, mentions[0].sentence_start
    parts: list[str] = []
    slots: dict[str, Mention] = {}
    last = 0
    for i, mention in enumerate(mentions):
        start = mention.start - offset
        if start < last:
            continue
        name = f"{_LETTER[mention.type]}{i}"
        parts += [sentence[last:start], f"{{{name}}}"]
        slots[name] = mention
        last = mention.end - offset
    parts.append(sentence[last:])
    return "".join(parts), slots


def _groups(skeleton: str, slots: dict[str, Mention]) -> list[_Group]:
    """The skeleton's slots, coordinated ones of one type grouped; a slot in brackets right
    after another (an abbreviation) joins it."""
    groups: list[_Group] = []
    listed: list[bool] = []  # whether a group's members are joined by "and", "or" ...
    for match in _SLOT_RE.finditer(skeleton):
        name = match.group()[1:-1]
        mention, letter = slots[name], name[0]
        if groups:
            last = groups[-1]
            between = skeleton[last.end:match.start()]
            inside = _BRACKETED.match(skeleton, last.end)
            if inside and match.end() <= inside.end() and \
                    all(n[1] == letter for n in _SLOT_RE.findall(inside.group())):
                close = inside.end()
                groups[-1] = _Group(last.letter, _add(last.members, mention), last.start, close)
                listed[-1] = True
                continue
            if letter == last.letter and not between.strip():  # "dermal fibroblasts": the head
                groups[-1] = _Group(letter, (*last.members[:-1], mention), last.start, match.end())
                continue
            list_comma = re.match(r"\s*,\s*(?:and|or)\s", between)
            if letter == last.letter and _JOIN.match(between) and \
                    not re.search(_VERBS, between, re.IGNORECASE) and \
                    (len(last.members) > 1 or not list_comma):
                groups[-1] = _Group(letter, _add(last.members, mention), last.start, match.end())
                listed[-1] = listed[-1] or bool(re.search(r"\w", between))
                continue
        groups.append(_Group(letter, (mention,), match.start(), match.end()))
        listed.append(False)
    return [part for group, joined in zip(groups, listed, strict=True) for part in
            ([group] if joined or len(group.members) == 1 else _split(skeleton, slots, group))]


def _split(skeleton: str, slots: dict[str, Mention], group: _Group) -> list[_Group]:
    """A group joined by commas alone is not a list ("keep secreting A, B levels climb")."""
    parts = []
    for match in _SLOT_RE.finditer(skeleton, group.start, group.end):
        mention = slots[match.group()[1:-1]]
        if any(m is mention for m in group.members):
            parts.append(_Group(group.letter, (mention,), match.start(), match.end()))
    return parts


def _add(members: tuple[Mention, ...], mention: Mention) -> tuple[Mention, ...]:
    return members if any(m.entity == mention.entity for m in members) else (*members, mention)


def _sentence_relations(mentions: list[Mention]) -> Iterator[Relation]:
    skeleton, slots = _skeleton(mentions)
    groups = _groups(skeleton, slots)
    for i, left in enumerate(groups):
        for right in groups[i + 1:]:
            between = skeleton[left.end:right.start]
            if _NEG.search(between) or ";" in between:
                continue
            if _OBJECT_MODIFIER.match(skeleton[right.end:]) or (
                    right.letter == "T" and _TISSUE_OUTPUT.match(skeleton[right.end:])):
                continue
            modifier = next((g for g in groups if left.end <= g.start and g.end <= right.start
                             and g.letter != right.letter and
                             _ADJACENT.match(skeleton, g.end, right.start)), None)
            if modifier is not None:  # "suppresses {T} {P}": the tissue qualifies the process
                between = skeleton[left.end:modifier.start] + "local "
            pre = ("⟨" if left.start <= 60 else "") + skeleton[max(0, left.start - 60):left.start]
            text = pre + "«" + between + "»" + skeleton[right.end:right.end + 80]
            yield from _pair_relations(skeleton, slots, groups, left, right, text)
    yield from _pronoun_conversions(skeleton, groups)
    yield from _balances(skeleton, slots)


def _pair_relations(skeleton: str, slots: dict[str, Mention], groups: list[_Group],
                    left: _Group, right: _Group, text: str) -> Iterator[Relation]:
    done: set[str] = set()
    for rule in RULES:
        if rule.predicate in done or left.letter not in rule.left or \
                right.letter not in rule.right:
            continue
        match = rule.pattern.search(text)
        if match is None:
            continue
        subject, obj = (left, right) if rule.subject == "left" else (right, left)
        subject = _copula_head(skeleton, groups, subject)
        if not _can_lead(skeleton, groups, left, right, rule):
            continue
        if _HEDGE.search(skeleton[:left.start]) and rule.subject == "left":
            continue
        products: tuple[Mention, ...] = ()
        if rule.predicate == "converts":
            product = match.groupdict().get("p")
            if product:
                products = (slots[product[1:-1]],)
                if match.start("p") < text.index("«"):
                    products = ()
            else:  # "E converts A to B", "A is converted by E into B"
                products = _products(skeleton, slots, groups, right)
        done.add(rule.predicate)
        for s in subject.members:
            for o in obj.members:
                if s.entity == o.entity:
                    continue
                if not products:
                    yield Relation(s.entity, str(HGO[rule.predicate]), o.entity, evidence=(s, o))
                for p in products:
                    if p.entity not in (s.entity, o.entity):
                        yield Relation(s.entity, str(HGO[rule.predicate]), o.entity,
                                       evidence=(s, o, p), product=p.entity)
        if rule.predicate == "converts" and products and rule.subject == "left":
            yield from _chain(skeleton, slots, subject, groups, products)


def _copula_head(skeleton: str, groups: list[_Group], group: _Group) -> _Group:
    """The entity a class noun describes: in "glucagon is a peptide hormone released by alpha
    cells" what the peptide hormone does, glucagon does."""
    match = _COPULA.search(skeleton, 0, group.start)
    if match is None or match.end() != group.start:
        return group
    head = next((g for g in groups if g.end == match.end(1)), None)
    return head if head is not None and head.letter == group.letter else group


def _can_lead(skeleton: str, groups: list[_Group], left: _Group, right: _Group,
              rule: Rule) -> bool:
    """Whether the left group can govern the right one. A group that is the object of a
    preposition or of a verb governs only through a relative clause ("the liver, which makes
    ..."); a group named as a drug or gene ("GLP-1 receptor agonists") governs nothing; and a
    subject-like group between the two takes precedence ("A makes B, which binds C")."""
    between = skeleton[left.end:right.start]
    if _LEFT_MODIFIER.match(skeleton[left.end:]):
        return False
    if rule.subject == "left":
        if _MODIFIER.match(skeleton[left.end:]):
            return False
        before = skeleton[:left.start]
        if _THROUGH.search(before):
            return False
        if not _RELATIVE.match(between) and (
                (_object_position(skeleton, left.start) and
                 (_SLOT_RE.search(between) or _CONTINUES.match(between) or
                  _PARTICIPLE.search(between))) or
                (_EXAMPLE.search(before) and _CONTINUES.match(between))):
            return False
    for other in groups if not rule.free else ():
        if not (left.end <= other.start and other.end <= right.start):
            continue
        if _RELATIVE.match(skeleton[other.end:]):
            return False
        before = skeleton[:other.start]
        if _NOT_SUBJECT.search(before) or _MODIFIER.match(skeleton[other.end:]):
            continue
        if not _AFTER_VERB.search(before) and not skeleton[other.end:].startswith(("-", "–")):
            return False
    return True


def _object_position(skeleton: str, start: int) -> bool:
    before = skeleton[:start]
    return bool(_NOT_SUBJECT.search(before) or _AFTER_VERB.search(before))


_IT_TO = re.compile(rf"^\s*(?:\([^()]*\)\s*)?,?\s*(?:[\w\-]+\s+){{0,2}}?{_CONVERT}\s+(?:it|"
                    rf"them)\s+(?:in)?to\s+{_DET}{_FEW}(\{{H\d+\}})", re.IGNORECASE)


def _pronoun_conversions(skeleton: str, groups: list[_Group]) -> Iterator[Relation]:
    """"E converts it to B": "it" is the hormone named last before the enzyme."""
    for i, enzyme in enumerate(groups):
        match = _IT_TO.match(skeleton[enzyme.end:]) if enzyme.letter == "E" else None
        if match is None:
            continue
        substrate = next((g for g in reversed(groups[:i]) if g.letter == "H" and
                          not re.search(r"\b(?:in)?to\s+(?:\w+\s+)?$", skeleton[:g.start])), None)
        product = _group_at(groups, enzyme.end + match.start(1))
        if substrate is None or product is None:
            continue
        for e in enzyme.members:
            for a in substrate.members:
                for b in product.members:
                    if a.entity != b.entity:
                        yield Relation(e.entity, str(HGO.converts), a.entity,
                                       evidence=(e, a, b), product=b.entity)


def _products(skeleton: str, slots: dict[str, Mention], groups: list[_Group],
              substrate: _Group) -> tuple[Mention, ...]:
    after = skeleton[substrate.end:substrate.end + 90]
    match = re.match(rf"\s*(?:\([^()]*\)\s*)?,?\s*(?:\w+\s+){{0,3}}?(?:in)?to(?:wards?)"
                     rf"?\s+{_DET}{_FEW}(\{{H\d+\}})", after, re.IGNORECASE)
    if not match:
        return ()
    group = _group_at(groups, substrate.end + match.start(1))
    return group.members if group else (slots[match.group(1)[1:-1]],)


def _group_at(groups: list[_Group], start: int) -> _Group | None:
    """The group that begins at `start` in the skeleton."""
    return next((g for g in groups if g.start == start), None)


def _chain(skeleton: str, slots: dict[str, Mention], enzyme: _Group, groups: list[_Group],
           products: tuple[Mention, ...]) -> Iterator[Relation]:
    """'turning A into B and B into C': every further step of a conversion chain."""
    last = max(products, key=lambda m: m.start)
    after = next((g.end for g in groups if any(m is last for m in g.members)), len(skeleton))
    for step in re.finditer(r"^\s*,?\s*(?:and\s+)?(?:then\s+)?(?:\w+\s+)?(\{H\d+\})\s+(?:in)"
                            r"?to\s+(?:\w+\s+)?(\{H\d+\})", skeleton[after:], re.IGNORECASE):
        a, b = slots[step.group(1)[1:-1]], slots[step.group(2)[1:-1]]
        for e in enzyme.members:
            yield Relation(e.entity, str(HGO.converts), a.entity, evidence=(e, a, b),
                           product=b.entity)


def _balances(skeleton: str, slots: dict[str, Mention]) -> Iterator[Relation]:
    for match in _BALANCE.finditer(skeleton):
        for pair in _PAIR.finditer(match.group("rest")):
            yield from _balance(slots[pair.group("a")[1:-1]], slots[pair.group("b")[1:-1]])
    for pair in _HYPHEN_PAIR.finditer(skeleton):
        yield from _balance(slots[pair.group("a")[1:-1]], slots[pair.group("b")[1:-1]])


def _balance(a: Mention, b: Mention) -> Iterator[Relation]:
    """A symmetric balance, stated once, in a stable direction."""
    if a.entity != b.entity:
        first, second = sorted((a, b), key=lambda m: m.entity)
        yield Relation(first.entity, str(HGO.balancedWith), second.entity,
                       evidence=(first, second))

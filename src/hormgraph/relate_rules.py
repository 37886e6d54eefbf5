"""The rule table of the relation reader: cue words, and the rules that read a relation from the
text between two groups of coordinated slots.

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

_SLOT = r"\{[HETPR]\d+\}"
#: A few words (adjectives, determiners) between a cue and the entity it governs.
_W = (r"(?:(?!(?:and|or|but|while|whereas|which|that|of|in|on|to|into|from|by|with|through|"
      r"via|at|it|them|this|these|for)\b)[\w\-’'/]+\s+)")
_FEW = _W + "{0,3}?"
_DET = r"(?:(?:the|a|an|its|their|this|these|those|local|circulating|active|free|both)\s+)*"
#: Text within one clause: no semicolon, colon or contrast word, no group boundary.
_GAP = (r"(?:(?!\b(?:while|whereas|but|although|though|unlike|because|since|if|when|whether|"
        r"associated\s+with|linked\s+(?:to|with)|correlated\s+with)\b|,\s+(?:this|these|there|"
        r"so|then|thus|hence|such)\b)[^;:«»])*?")
_NEG = re.compile(r"\b(?:not(?!\s+only\b)|no|never|neither|nor|without|cannot|can't|doesn't|don't|"
                  r"fails?|failed|unlikely|unclear|unknown|lack\w*|absent|absence|instead of|"
                  r"rather than|apart from|except|independent\w*)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:whether|if)\b[^,;]*$", re.IGNORECASE)


def _stem(words: str) -> str:
    return rf"(?:(?<=\bover-)|(?<=\bup-)|(?<=\bre-)|(?<![\w\-–]))(?:{words})\w*"


_CONVERT = _stem(r"convert|transform|metaboli[sz]|aromati[sz]|catalys|catalyz|hydroxylat|"
                 r"oxidi[sz]|inactivat|reactivat|conjugat|deconjugat|sulfat|sulphat|"
                 r"glucuronidat|methylat|deiodinat|cleav|turn|degrad|recycl|hydroly[sz]|"
                 r"reduc|activat|divert|shunt|channel|desulfat|desulphat|acylat|deacylat|"
                 r"interconvert")
_CONVERT_NOUN = (r"\b(?:conversion|transformation|metabolism|aromati[sz]ation|hydroxylation|"
                 r"reduction|oxidation|inactivation|activation|reactivation|conjugation|"
                 r"sulfation|sulphation|glucuronidation|methylation|deiodination|cleavage|"
                 r"clearance|breakdown|regeneration|degradation|turnover|acylation|"
                 r"deacylation|sulfonation|desulfation|hydrolysis|processing)")
_CONVERTED = (r"\b(?:converted|transformed|metaboli[sz]ed|aromati[sz]ed|reduced|oxidi[sz]ed|"
              r"inactivated|activated|reactivated|conjugated|sulfated|sulphated|glucuronidated|"
              r"methylated|deiodinated|cleaved|hydroxylated|cleared|broken\s+down|degraded|"
              r"regenerated|recycled|turned|desulfated|desulphated|acylated|deacylated|"
              r"hydroly[sz]ed|interconverted|processed)")
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
              r"highest|high|dense|densest|upregulated|predominant|prevalent|prominent|"
              r"widespread|rich|dominant|main|major|principal)")
_EXPRESS = _stem(r"express|contain|carr|possess|harbou?r|display|us(?:e|es|ing)\b|rel(?:y|"
                 r"ies)\s+on|depend\w*\s+on|houses?|bears?")
_BIND = _stem(r"bind|bound|activat|occup|engag|signal|act|work|operat|ligand|agonist|"
              r"dock|attach|interact|recogni[sz]|latch|stimulat|couple|trigger|"
              r"dock")
_ACT = (r"\b(?:acts?|acting|act|actions?|effects?|works?|working|operat\w*|signals?|signall?ing|"
        r"exerts?\s+(?:\w+\s+){0,2}?effects?)")
_TARGET = _stem(r"target|stimulat|reach|influenc|affect|enter|sensiti[sz]|prim|instruct|"
                r"tell|signal\w*\s+to|travel\w*\s+to|circulat\w*\s+to|bathes?|enlarg|shrink|"
                r"thicken|thin|miniaturi[sz]|prepar|recruit|swell|mature|ripen|remodel|"
                r"cross\w*\s+into|activat|modulat")
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
#: Verbs that move a tissue into a state ("sends follicles into catagen").
_MOVE = _stem(r"push|send|sent|tip|forc|shift|tilt|switch")
_BOOST = _stem(r"support|boost|enhanc|promot|stimulat|increas|driv|activat|rais|improv|"
               r"augment|sustain|maintain|restor|protect|fuel|spur|accelerat|preserv|"
               r"regulat|modulat|control|influenc|affect|alter")
_STIMULATE = rf"(?<![\w\-–])(?!(?:{_INHIBIT_WORDS}))(?:{_REGULATE_WORDS})\w*"
_REGULATED = (r"\b(?:regulated|controlled|driven|stimulated|promoted|triggered|induced|"
              r"suppressed|inhibited|governed|modulated|timed|orchestrated|mediated|influenced|"
              r"blocked|enhanced|increased|reduced|impaired|accelerated|slowed|dampened|"
              r"blunted|restrained|fuel(?:l)?ed|sustained|maintained|initiated|coordinated|"
              r"shaped|tuned|directed|entrained|set|paced|gated|caused|evoked|elicited|"
              r"boosted|raised|lowered|amplified|potentiated|attenuated|opposed|counteracted|"
              r"prolonged|shortened|lengthened|extended|delayed|favou?red|supported|activated|"
              r"switched\s+on|switched\s+off|halted|terminated|limited|restored|facilitated)")
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
_ITEMS = (rf"(?:(?:{_SLOT}(?:\s*\([^()]*\))?\s*)?(?:[\w\-]+\s+){{0,2}}?[\w\-]*(?:\s+(?:in|of|"
          rf"from)\s+{_DET}{_SLOT})?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+){_DET})*?")
_BY = (rf"(?:\s*,\s*|\s+|(?<=\s))(?:mainly\s+|largely\s+|primarily\s+|chiefly\s+|partly\s+|"
       rf"also\s+)?(?:by|via|through|using)\s+{_DET}(?:the\s+)?(?:enzymes?\s+|actions?\s+of\s+)?{_FEW}»")
#: The clause after a scene-setting locative, up to another tissue or a clause boundary.
_FRONTED = (r"(?:(?!\{T|\b(?:while|whereas|but|where|which)\b|,\s+(?:and|an?)\b)[^;:«»])*?")
#: "the zona reticularis of the adrenal cortex": the containing structure after a place.
_OF_T = r"(?:\s+of\s+(?:the\s+)?\{T\d+\})?"
#: An entity placed by a locative of its own ("R in the dermis") is not placed by another.
_OWN_PLACE = (r"(?!\s*(?:\([^()]*\)\s*)?(?:[\w\-]+\s+){0,2}?(?:on|in|within|at|from)\s+"
              r"(?:the\s+)?(?:[\w\-]+\s+)?\{T)")
#: A group not governed by a preposition (it can be a clause's subject).
_NOT_GOVERNED = (r"(?<!\bin\s)(?<!\bof\s)(?<!\bby\s)(?<!\bfrom\s)(?<!\bwithin\s)(?<!\bin\sthe\s)"
                 r"(?<!\bof\sthe\s)(?<!\bby\sthe\s)(?<!\bfrom\sthe\s)")
#: A participle right before its noun qualifies it ("reduced sebum output"): not a verb.
_NOT_ADJECTIVE = r"(?:(?<!ed)|(?!\s+»))"
_BE = (r"(?:(?:\s*,\s+(?:the|a|an)\s+[^,;«»{}]{1,40},)?\s*[,—–]?\s*(?:which|that|who)?\s*"
       r"(?:is|are|was|were|being|been|be|gets?|get|"
       r"got|becomes?|can\s+be|may\s+be|is\s+then|are\s+then|is\s+also|are\s+also|must\s+be|"
       r"in\s+turn)?\s*)")
#: A glossary definition's copula, after an aside: "X, in the domain of ..., refers to the".
_DEFINED = (r"(?:\s*(?:\([^()]*\)\s*)?(?:,[^,;«»{}]{1,60},\s*)?(?:is|are|refers?\s+to|describes?|"
            r"denotes?|names?)\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?)")

RULES: tuple[Rule, ...] = (
    # converts: enzyme (subject), substrate (object), product when named
    _rule("converts", "H", "E", "right", rf"«{_GAP}\b(?:requir|undergo|need)\w*\s+(?:\w+\s+)?"
                                         rf"{_CONVERT_NOUN}{_BY}"),
    _rule("converts", "E", "H", "left", rf"«{_GAP}\b(?:remov|add|cleav|attach|transfer|strip)\w*"
                                        rf"\s+(?:[\w\-]+\s+){{1,6}}?(?:from|to(?!\s+{_MAKE})|on|onto)\s+(?:the\s+)?"
                                        rf"(?:[\w\-]+\s+){{0,3}}?(?:of\s+)?{_DET}{_FEW}»(?:\s*\([^()]*"
                                        rf"\))?(?:\s*,?\s+(?:to|and|thereby)\s+(?:produce|form|"
                                        rf"yield|give|generate|make|release)s?\s+{_DET}{_FEW}"
                                        rf"{_PRODUCT})?"),
    _rule("converts", "E", "H", "left", rf"«{_GAP}{_CONVERT}(?:\s+(?:down|off))?\s+{_DET}{_FEW}(?:"
                                        rf"of\s+{_DET})?»"),
    _rule("converts", "H", "E", "right", rf"«{_BE}(?:\w+\s+){{0,2}}?{_CONVERTED}(?:\s+{_FEW})"
                                         rf"?{_TO_PRODUCT}?(?:\s+(?:in|within|inside)"
                                         rf"\s+{_DET}{_FEW}\{{T\d+\}})?{_BY}"),
    # "must be acylated on serine-3 with an octanoyl group by E"
    _rule("converts", "H", "E", "right", rf"«{_BE}(?:\w+\s+){{0,2}}?{_CONVERTED}(?:\s+[^\s{{}}«»;,]"
                                         rf"+){{1,8}}?\s+by\s+{_DET}(?:the\s+)?(?:enzymes?\s+)?{_FEW}»"),
    # "B, formed from A by E": the product named before
    _rule("converts", "H", "E", "right", rf"(?P<q>\{{H\d+\}})(?:\s*\([^()]*\))?\s*,?\s*(?:which\s+"
                                         rf"is\s+|is\s+|are\s+)?(?:formed|made|produced|derived|"
                                         rf"generated|synthesi[sz]ed)\s+(?:\w+\s+)?from\s+{_DET}"
                                         rf"{_FEW}«(?:\s*\([^()]*\))?{_BY}"),
    # "E completes the conversion of A to B"
    _rule("converts", "E", "H", "left", rf"«\s*(?:\([^()]*\)\s*)?(?:\w+\s+){{0,2}}?(?:complet|"
                                        rf"catalys|catalyz|carr\w*\s+out|perform|driv|mediat|"
                                        rf"accomplish|handl|govern|control|limit)\w*\s+(?:the\s+)?"
                                        rf"(?:[\w\-]+\s+)?{_CONVERT_NOUN}\s+of\s+{_DET}{_FEW}»"),
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
    _rule("expressedIn", "T", "E", "right", rf"«{_GAP}{_CONVERT}\b(?<!ed)(?<!ion)(?<!ions){_GAP}"
                                            rf"\b(?:through|via|using|by)\s+{_DET}(?:the\s+)?(?:enzymes?\s+)"
                                            rf"?{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«{_GAP}\bexpress(?:es)?\s+{_DET}{_FEW}»"),
    # a tissue converting A into B makes B: "keratinocytes convert cortisone to cortisol"
    _rule("producedIn", "T", "H", "right", rf"{_NOT_GOVERNED}«\s*(?:,[^«»;]*?,\s*|,\s*(?!which|"
                                           rf"that))?(?:(?!(?:is|are|was|were|be|been)\b)\w+\s+){{0,2}}?{_CONVERT}\b(?<!ed)"
                                           rf"\s+{_DET}(?:[\w\-]+\s+){{0,3}}?(?:{_SLOT}(?:\s*"
                                           rf"\([^()]*\))?\s+)?(?:in)?to\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"{_SECRETE}\s+{_DET}{_FEW}«\s+(?:in|within|"
                                          rf"inside)\s+{_DET}{_FEW}»"),
    # producedIn: hormone (subject), where it is made
    _rule("producedIn", "H", "T", "left", rf"«{_DEFINED}(?:hormone|peptide|steroid|product|"
                                          rf"secretion|signal)s?\s+(?:\w+\s+)?{_SECRETED}\s+"
                                          rf"(?:\w+\s+){{0,2}}?(?:in|by|from|within)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,\s+(?:the|a|an)\s+(?:\w+\s+)"
                                          rf"{{0,2}}?(?:product|hormone|secretion|output)s?\s+of"
                                          rf"\s+{_DET}{_FEW}»"),
    # regulates: a hormone released in response to another
    _rule("regulates", "H", "H", "right", rf"«{_BE}(?:[\w\-]+\s+){{0,3}}?{_SECRETED}[^;«»]{{0,60}}?"
                                          rf"\bin\s+response\s+to\s+{_DET}{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«{_GAP}{_SECRETE}\b(?<!ion)\s+{_DET}(?:\w+\s+)"
                                           rf"{{0,3}}?(?:of\s+)?{_DET}{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«(?:(?!\{{)[^;:«»,]){{0,40}}?{_OUTPUT_NOUN}\s+"
                                           rf"(?:\w+\s+){{0,2}}?of\s+{_DET}"
                                           rf"{_FEW}»"),
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:-|–)\s*(?:derived|produced|secreted|"
                                           rf"made|released|generated|synthesi[sz]ed)"
                                           rf"\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{_BE}(?:\w+\s+){{0,2}}?{_SECRETED}\s+(?:\w+\s+)?by\s+"
                                          rf"{_DET}{_FEW}\{{E\d+\}}(?:\s*\([^()]*\))?(?:\s+[\w\-]+)"
                                          rf"{{0,2}}?\s+(?:in|"
                                          rf"within|inside)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{_BE}(?:[\w\-]+\s+){{0,5}}?{_SECRETED}\s+(?:\w+\s+)"
                                          rf"{{0,3}}?(?:from\s+{_DET}{_FEW}\{{H\d+\}}\s+)?(?:in|by|"
                                          rf"from|within|inside|at|"
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
                                          rf"{{0,2}}?(?:by\s+{_DET}{_FEW}\{{E\d+\}}(?:\s*\([^()]*\))?"
                                          rf"\s+)?(?:in|by|from|within|inside)\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s*(?:-|–)\s*(?:producing|secreting|releasing|"
                                          rf"synthesi[sz]ing|making|generating|manufacturing)"
                                          rf"\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«\s+(?:\w+\s+)?from\s+{_DET}{_FEW}»"),
    _rule("producedIn", "H", "T", "left", rf"«{_BE}{_SECRETED}{_GAP}\band\s+(?:is\s+|are\s+)?"
                                          rf"(?:\w+\s+)?{_SECRETED}\s+(?:\w+\s+){{0,2}}?(?:in|by|"
                                          rf"from|within|into)\s+{_DET}{_FEW}»"),
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
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?(?:(?:signall?ing|activity)"
                                            rf"\s+)?(?:\w+\s+)?{_REGULATE}\s+(?:[\w\-]+\s+){{1,3}}?(?:in|"
                                            rf"within)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,?\s*(?:activity\s+|"
                                            rf"expression\s+|levels?\s+|isoforms?\s+|"
                                            rf"enzymes?\s+|receptors?\s+)?(?:in|on|within|"
                                            rf"inside)\s+{_DET}(?:(?:neurons|cells)\s+(?:of|in)\s+"
                                            rf"{_DET})?{_FEW}»"),
    _rule("expressedIn", "ER", "T", "left", rf"«\s*(?:\([^()]*\)\s*)?,\s+(?:a|an|the)"
                                            rf"\s+(?:[\w\-–]+\s+){{0,5}}?(?:in|on|of|"
                                            rf"within)\s+{_DET}{_FEW}»"),
    _rule("expressedIn", "T", "ER", "right", rf"«{_GAP}{_EXPRESS}\s+{_DET}{_ITEMS}(?:{_SLOT}(?:\s*"
                                             rf"\([^()]*\))?\s+(?:(?:along|together)\s+with|as\s+well"
                                             rf"\s+as)\s+)?(?:(?:high|low|abundant|large)\s+)?(?:"
                                             rf"(?:levels?|amounts?)\s+of\s+)?{_DET}{_FEW}»"),
    _rule("expressedIn", "T", "ER", "right", r"«\s+with\s+(?:\w+\s+){0,2}?»\s*(?:expression|"
                                             r"activity|levels?)\b"),
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
    _rule("expressedIn", "T", "ER", "right", rf"⟨\s*(?:in|within|inside)\s+{_DET}{_FEW}«{_OF_T}\s*,"
                                             rf"{_FRONTED}»{_OWN_PLACE}", free=True),
    _rule("producedIn", "T", "H", "right", rf"⟨\s*(?:in|within|inside)\s+{_DET}{_FEW}«{_OF_T}\s*,"
                                           rf"{_FRONTED}»\s*(?:-|–)?\s*(?:{_OUTPUTS})\b{_OWN_PLACE}",
          free=True),
    # binds: hormone (subject), receptor
    _rule("binds", "H", "R", "left",
          rf"«{_GAP}{_BIND}\s+(?:\w+\s+){{0,2}}?(?:to|through|via|with|on|at|upon|into)"
          rf"?\s*{_DET}{_FEW}»"),
    _rule("binds", "H", "R", "left",
          rf"«{_GAP}(?:{_BIND}|{_ACT}){_GAP}\b(?:through|via|by\s+binding(?:\s+to)?|by\s+activatin"
          rf"g)\s+{_DET}{_FEW}(?:[\w\-]+\s*,\s*)?»"),
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
    # reducing an enzyme's or receptor's activity is inhibiting it
    _rule("inhibits", "HER", "ER", "left", rf"«{_GAP}\b(?:reduc|lower|decreas|diminish|curb|dampen|"
                                           rf"blunt|limit)\w*\s+(?:the\s+)?(?:activity|action|"
                                           rf"function|signall?ing)\s+of\s+{_DET}{_FEW}»"),
    # actsOn: hormone (subject), tissue or cell type
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_STIMULATE}\s+{_DET}{_FEW}»(?:\s*\([^()]*\))?\s+to\s+(?:secrete|release|"
          rf"produce|make|synthesi[sz]e|generate)\b"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_ACT}\s+(?:through|via|on|upon|at)\s+{_DET}{_FEW}(?:[\w\-]+\s*,\s*)?\{{R\d+\}}"
          rf"(?:\s*\([^()]*\))?\s*,?\s+(?:on|in|at|within)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_ACT}\s+(?:[\w\-]+\s+){{0,4}}?(?:on|upon|in|at|within|to|into)\s+{_DET}(?:\w+\s+("
          rf"?:such\s+as|like|including)\s+)?{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}\bfeeds?\s+back\s+(?:on|to|at|onto)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}{_TARGET}\s+{_DET}(?:(?:cohort|pool|number|population)\s+of\s+)?{_FEW}»"),
    _rule("actsOn", "H", "T", "left",
          rf"«{_GAP}\b(?:stimulation|activation|targeting|sensiti[sz]ation)\s+of\s+{_DET}{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_BE}(?:[\w\-]+\s+){{0,5}}?»\s*(?:-|–)\s*(?:sensitive|"
                                       rf"responsive|dependent|target)"),
    _rule("actsOn", "T", "H", "right", rf"«{_BE}(?:[\w\-]+\s+){{0,5}}?»\s+targets?(?:\s+(?:tissue|"
                                       rf"organ|cell)s?)?\b"),
    # "ovarian androgen output"
    _rule("producedIn", "T", "H", "right", rf"«\s*(?:-|–)?\s*»\s*(?:-|–)?\s*(?:{_OUTPUTS})\b"),
    _rule("actsOn", "H", "T", "left", rf"«{_GAP}{_BOOST}\s+{_DET}{_FEW}»\s*{_CELL_ACTIVITY}"),
    _rule("actsOn", "H", "T", "left",
          rf"«\s*(?:-|–)\s*(?:responsive|sensitive|dependent|stimulated|regulated|driven|"
          rf"targeted|primed|exposed)\s+{_DET}{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_GAP}\b(?:respond\w*|react\w*|sensitive|"
                                       rf"exposed|responsive|subject)\s+(?:\w+\s+){{0,2}}?to\s+{_DET}"
                                       rf"{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«\s+as\s+(?:both\s+)?(?:a|an|the)\s+(?:\w+\s+)?targets?"
                                       rf"\s+(?:and\s+(?:a|an)\s+(?:\w+\s+){{0,2}}?)?(?:of|for)\s+"
                                       rf"{_DET}{_FEW}»"),
    # a hormone turning a tissue into another state acts on it
    _rule("actsOn", "H", "T", "left", rf"«{_GAP}\b(?:transform|convert|turn)\w*\s+{_DET}{_FEW}(?:"
                                      rf"{_SLOT}\s*(?:-|–)\s*[\w\-]+\s+)?»\s+into\b"),
    _rule("balancedWith", "H", "H", "left", rf"«{_BE}(?:[\w\-]+\s+){{0,3}}?(?:partner|counterpart|"
                                            rf"counterweight|counterbalance)\s+(?:of|to)\s+{_DET}"
                                            rf"{_FEW}»"),
    _rule("actsOn", "T", "H", "right", rf"«{_BE}(?:\w+\s+){{0,3}}?(?:targets?|sites?\s+of\s+action"
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
    _rule("regulates", "HER", "P", "left", rf"«{_GAP}(?:{_REGULATE}|{_MOVE})\s+{_DET}{_FEW}{_SLOT}"
                                           rf"\s+(?:in)?to(?:wards?)?\s+{_DET}{_ITEMS}»"),
    _rule("regulates", "HER", "P", "left", rf"«{_GAP}(?:{_REGULATE}\b{_NOT_ADJECTIVE}|\bsets?\s+"
                                           rf"the\s+(?:pace|tempo|timing))\s+{_DET}(?:[\w\-’']+\s+)"
                                           rf"{{0,4}}?(?:of\s+{_DET}(?:\w+\s+)?)?{_ITEMS}»"),
    _rule("regulates", "HER", "H", "left", rf"«{_GAP}{_REGULATE}\s+{_DET}{_FEW}(?:of\s+{_DET})"
                                           rf"?»\s*(?:-|–)?\s*{_HORMONE_AMOUNT}"),
    _rule("regulates", "HER", "H", "left", rf"«{_GAP}{_REGULATE}\s+{_DET}{_ITEMS}(?:the\s+)?"
                                           rf"{_HORMONE_AMOUNT}\s+of\s+{_DET}{_FEW}»"),
    # "H secretion is suppressed by A and stimulated by B"
    _rule("regulates", "H", "HER", "right", rf"«\s*{_HORMONE_AMOUNT}{_BE}(?:{_GAP}\band\s+)?"
                                            rf"(?:\w+\s+){{0,2}}?{_REGULATED}\s+(?:\w+\s+){{0,2}}?by"
                                            rf"\s+{_DET}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)\s*(?:driven|induced|"
                                           rf"stimulated|mediated|dependent|regulated|"
                                           rf"controlled|triggered|promoted|suppressed|"
                                           rf"inhibited|evoked|fuell?ed|timed|gated|"
                                           rf"activated)\s+{_DET}{_FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"«{_BE}(?:{_GAP}\band\s+(?:is\s+|are\s+)?)?(?:\w+\s+)"
                                            rf"{{0,2}}?{_REGULATED}\s+(?:\w+\s+){{0,2}}?by\s+{_DET}"
                                            rf"{_FEW}»"),
    _rule("regulates", "P", "HER", "right", rf"\b(?:regulation|control|stimulation|induction|"
                                            rf"suppression|inhibition|promotion|timing)"
                                            rf"\s+of\s+{_DET}{_FEW}«(?:\s+(?:in|within)\s+{_DET}"
                                            rf"{_FEW}{_SLOT})?\s+by\s+{_DET}{_FEW}»"),
    # a hormone's level raised or lowered, or kept low
    _rule("regulates", "HR", "H", "left", rf"«{_GAP}\b(?:rais|lower|increas|decreas|elevat|boost|"
                                          rf"deplet|diminish)\w*\b(?<!ed)\s+(?:circulating\s+|free\s+|serum\s+"
                                          rf"|plasma\s+|blood\s+)?{_DET}{_FEW}»"),
    _rule("regulates", "HER", "H", "left", rf"«{_GAP}\bkeep\w*\s+{_DET}{_FEW}»\s+(?:low|high|"
                                           rf"elevated|suppressed|down|up)\b"),
    _rule("regulates", "H", "HER", "right", rf"\b(?:regulation|control|stimulation|induction|"
                                            rf"suppression|inhibition|promotion|timing)"
                                            rf"\s+of\s+{_DET}{_FEW}«\s*{_HORMONE_AMOUNT}\s+by\s+"
                                            rf"{_DET}{_FEW}»"),
    _rule("regulates", "HER", "H", "left", rf"«\s*(?:’s|'s)?\s*(?:-|–)\s*(?:driven|induced|"
                                           rf"stimulated|mediated|dependent|regulated|"
                                           rf"controlled|triggered|promoted|suppressed|"
                                           rf"inhibited|evoked|fuell?ed|timed|gated|"
                                           rf"activated)\s+{_DET}{_FEW}»\s*{_HORMONE_AMOUNT}"),
    _rule("regulates", "HER", "P", "left", rf"«\s*(?:’s|'s)?\s+(?:effects?|actions?|"
                                           rf"influence|role|control|impact)\s+(?:\w+\s+)"
                                           rf"{{0,2}}?(?:on|in|over)\s+{_DET}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"«{_GAP}\b(?:its|their)\s+(?:[\w\-]+\s+){{0,2}}?(?:"
                                           rf"roles?|effects?|actions?|influence)\s+(?:in|on)\s+{_DET}"
                                           rf"{_ITEMS}{_FEW}»"),
    _rule("regulates", "HER", "P", "left", rf"(?:effects?|actions?|influence|role|control|"
                                           rf"impact)\s+of\s+{_DET}{_FEW}«\s+(?:on|in|"
                                           rf"over)\s+{_DET}{_FEW}»"),
)

_BALANCE = re.compile(
    r"\b(?:ratios?|balance|relationships?|interplay|gradients?|equilibrium|axis|tug-of-war|seesaw|see-saw|counterbalance|opposition)\s+(?:between|of)\s+(?:\w+\s+){0,4}?(?P<rest>.*)",
    re.IGNORECASE)
_PAIR = re.compile(r"(?P<a>\{H\d+\})(?:\s*\([^()]*\))?\s+(?:and|to|versus|vs\.?|relative\s+to|"
                   r"with|against)\s+(?:\w+\s+){0,2}?(?P<b>\{H\d+\})")
#: Two hormones stated to act on each other: "A and B interact", "A and B oppose each other".
_MUTUAL = re.compile(r"(?P<a>\{H\d+\})\s+and\s+(?P<b>\{H\d+\})\s+(?:\w+\s+)?(?:interact\w*|"
                     r"(?:counterbalance|balance|oppose|antagoni[sz]e|offset)\s+(?:each\s+other|"
                     r"one\s+another))\b", re.IGNORECASE)
_HYPHEN_PAIR = re.compile(r"(?P<a>\{H\d+\})\s*(?:-|–|/|:|\s+to\s+)\s*(?:to\s*(?:-|–)"
                          r"\s*)?(?:free\s+|total\s+|active\s+)?(?P<b>\{H\d+\})\s*(?:-|–)?\s*(?:ratio|balance|axis|"
                          r"interplay)",
                          re.IGNORECASE)

"""The regular expressions of the relation reader: the cue words (verb stems, nouns,
determiners, negation), the fragments its rules are built from, and the shape of a sentence
skeleton (lists, asides, appositions, pronouns). Each slot is named by its entity type's
letter, derived from the model."""

from __future__ import annotations

import re

from hormgraph.model import EntityType

#: The letter naming a slot of each entity type in a skeleton: `{H0}` a hormone, `{E1}` an enzyme.
LETTERS = {t: t.value[0].upper() for t in EntityType}
assert len(set(LETTERS.values())) == len(LETTERS), "entity types need distinct first letters"
SLOT = rf"\{{[{''.join(LETTERS.values())}]\d+\}}"
#: A few words (adjectives, determiners) between a cue and the entity it governs.
W = (r"(?:(?!(?:and|or|but|while|whereas|which|that|of|in|on|to|into|from|by|with|through|"
     r"via|at|it|them|this|these|for)\b)[\w\-’'/]+\s+)")
FEW = W + "{0,3}?"
DET = r"(?:(?:the|a|an|its|their|this|these|those|local|circulating|active|free|both)\s+)*"
#: Text within one clause: no semicolon, colon or contrast word, no group boundary.
GAP = (r"(?:(?!\b(?:while|whereas|but|although|though|unlike|because|since|if|when|whether|"
       r"associated\s+with|linked\s+(?:to|with)|correlated\s+with)\b|,\s+(?:this|these|there|"
       r"so|then|thus|hence|such)\b)[^;:«»])*?")
NEG = re.compile(r"\b(?:not(?!\s+only\b)|no|never|neither|nor|without|cannot|can't|doesn't|don't|"
                 r"fails?|failed|unlikely|unclear|unknown|lack\w*|absent|absence|instead of|"
                 r"rather than|apart from|except|independent\w*)\b", re.IGNORECASE)
HEDGE = re.compile(r"\b(?:whether|if)\b[^,;]*$", re.IGNORECASE)


def stem(words: str) -> str:
    return rf"(?:(?<=\bover-)|(?<=\bup-)|(?<=\bre-)|(?<![\w\-–]))(?:{words})\w*"


CONVERT = stem(r"convert|transform|metaboli[sz]|aromati[sz]|catalys|catalyz|hydroxylat|"
                r"oxidi[sz]|inactivat|reactivat|conjugat|deconjugat|sulfat|sulphat|"
                r"glucuronidat|methylat|deiodinat|cleav|turn|degrad|recycl|hydroly[sz]|"
                r"reduc|activat|divert|shunt|channel|desulfat|desulphat|acylat|deacylat|"
                r"interconvert")
CONVERT_NOUN = (r"\b(?:conversion|transformation|metabolism|aromati[sz]ation|hydroxylation|"
                r"reduction|oxidation|inactivation|activation|reactivation|conjugation|"
                r"sulfation|sulphation|glucuronidation|methylation|deiodination|cleavage|"
                r"clearance|breakdown|regeneration|degradation|turnover|acylation|"
                r"deacylation|sulfonation|desulfation|hydrolysis|processing)")
CONVERTED = (r"\b(?:converted|transformed|metaboli[sz]ed|aromati[sz]ed|reduced|oxidi[sz]ed|"
             r"inactivated|activated|reactivated|conjugated|sulfated|sulphated|glucuronidated|"
             r"methylated|deiodinated|cleaved|hydroxylated|cleared|broken\s+down|degraded|"
             r"regenerated|recycled|turned|desulfated|desulphated|acylated|deacylated|"
             r"hydroly[sz]ed|interconverted|processed)")
MAKE = stem(r"produc|mak|form|generat|synthesi[sz]|yield|creat|manufactur|releas|secret|"
             r"regenerat|reactivat|recycl|liberat|deriv")
SECRETE = stem(r"produc|secret|synthesi[sz]|releas|mak|manufactur|generat|pump|deliver|emit")
SECRETED = (r"\b(?:produced|made|synthesi[sz]ed|secreted|released|generated|formed|manufactured|"
            r"derived|originating|originates?|stored|sourced|liberated|emitted|comes?|"
            r"coming)")
OUTPUTS = r"output|production|secretion|release|synthesis|biosynthesis|source|sources"
OUTPUT_NOUN = rf"\b(?:{OUTPUTS})"
EXPRESSED = (r"\b(?:expressed|present|found|abundant|active|located|locali[sz]ed|enriched|"
             r"concentrated|detected|displayed|housed|resident|situated|available|plentiful|"
             r"highest|high|dense|densest|upregulated|predominant|prevalent|prominent|"
             r"widespread|rich|dominant|main|major|principal)")
EXPRESS = stem(r"express|contain|carr|possess|harbou?r|display|us(?:e|es|ing)\b|rel(?:y|"
                r"ies)\s+on|depend\w*\s+on|houses?|bears?")
BIND = stem(r"bind|bound|activat|occup|engag|signal|act|work|operat|ligand|agonist|"
             r"dock|attach|interact|recogni[sz]|latch|stimulat|couple|trigger|"
             r"dock")
ACT = (r"\b(?:acts?|acting|act|actions?|effects?|works?|working|operat\w*|signals?|signall?ing|"
       r"exerts?\s+(?:\w+\s+){0,2}?effects?)")
TARGET = stem(r"target|stimulat|reach|influenc|affect|enter|sensiti[sz]|prim|instruct|"
               r"tell|signal\w*\s+to|travel\w*\s+to|circulat\w*\s+to|bathes?|enlarg|shrink|"
               r"thicken|thin|miniaturi[sz]|prepar|recruit|swell|mature|ripen|remodel|"
               r"cross\w*\s+into|activat|modulat")
INHIBIT_WORDS = (r"inhibit|block|antagoni[sz]|suppress|restrain|blunt|dampen|curb|oppos|"
                 r"counteract|repress|silenc|attenuat|downregulat|down-regulat|shut\w*\s+down|"
                 r"switch\w*\s+off|quench|check")
INHIBIT = stem(INHIBIT_WORDS)
INHIBITED = (r"\b(?:inhibited|blocked|antagoni[sz]ed|suppressed|restrained|blunted|dampened|"
             r"repressed|opposed|counteracted|attenuated|curbed|silenced|downregulated|"
             r"held\s+(?:\w+\s+){0,2}?under\s+(?:\w+\s+){0,2}?(?:inhibition|restraint|"
             r"check))")
REGULATE_WORDS = (r"prolong|shorten|lengthen|extend|regulat|modulat|stimulat|promot|driv|"
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
REGULATE = stem(REGULATE_WORDS)
#: Verbs that move a tissue into a state ("sends follicles into catagen").
MOVE = stem(r"push|send|sent|tip|forc|shift|tilt|switch")
BOOST = stem(r"support|boost|enhanc|promot|stimulat|increas|driv|activat|rais|improv|"
              r"augment|sustain|maintain|restor|protect|fuel|spur|accelerat|preserv|"
              r"regulat|modulat|control|influenc|affect|alter")
STIMULATE = rf"(?<![\w\-–])(?!(?:{INHIBIT_WORDS}))(?:{REGULATE_WORDS})\w*"
REGULATED = (r"\b(?:regulated|controlled|driven|stimulated|promoted|triggered|induced|"
             r"suppressed|inhibited|governed|modulated|timed|orchestrated|mediated|influenced|"
             r"blocked|enhanced|increased|reduced|impaired|accelerated|slowed|dampened|"
             r"blunted|restrained|fuel(?:l)?ed|sustained|maintained|initiated|coordinated|"
             r"shaped|tuned|directed|entrained|set|paced|gated|caused|evoked|elicited|"
             r"boosted|raised|lowered|amplified|potentiated|attenuated|opposed|counteracted|"
             r"prolonged|shortened|lengthened|extended|delayed|favou?red|supported|activated|"
             r"switched\s+on|switched\s+off|halted|terminated|limited|restored|facilitated)")
HORMONE_AMOUNT = (r"(?:secretion|release|production|output|synthesis|biosynthesis|levels?|"
                  r"concentrations?|pulses|pulsatility|surge|surges|load|excess|generation)"
                  r"\b")
CELL_ACTIVITY = (r"(?:activity|function|proliferation|growth|differentiation|survival|"
                 r"turnover|renewal|maturation|number|size|metabolism|responses?)\b")

# Fragments of rules

PRODUCT = r"(?P<p>\{H\d+\})"
TO_PRODUCT = rf"(?:\s+(?:in)?to(?:wards?)?\s+{DET}{FEW}{PRODUCT}(?:\s*\([^()]*\))?)"
#: Earlier members of a list before the one a cue governs ("increase E expression, P and ...").
ITEMS = (rf"(?:(?:{SLOT}(?:\s*\([^()]*\))?\s*)?(?:[\w\-]+\s+){{0,2}}?[\w\-]*(?:\s+(?:in|of|"
         rf"from)\s+{DET}{SLOT})?\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+){DET})*?")
BY = (rf"(?:\s*,\s*|\s+|(?<=\s))(?:mainly\s+|largely\s+|primarily\s+|chiefly\s+|partly\s+|"
      rf"also\s+)?(?:by|via|through|using)\s+{DET}(?:the\s+)?(?:enzymes?\s+|actions?\s+of\s+)?{FEW}»")
#: The clause after a scene-setting locative, up to another tissue or a clause boundary.
FRONTED = (r"(?:(?!\{T|\b(?:while|whereas|but|where|which)\b|,\s+(?:and|an?)\b)[^;:«»])*?")
#: "the zona reticularis of the adrenal cortex": the containing structure after a place.
OF_T = r"(?:\s+of\s+(?:the\s+)?\{T\d+\})?"
#: An entity placed by a locative of its own ("R in the dermis") is not placed by another.
OWN_PLACE = (r"(?!\s*(?:\([^()]*\)\s*)?(?:[\w\-]+\s+){0,2}?(?:on|in|within|at|from)\s+"
             r"(?:the\s+)?(?:[\w\-]+\s+)?\{T)")
#: A group not governed by a preposition (it can be a clause's subject).
NOT_GOVERNED = (r"(?<!\bin\s)(?<!\bof\s)(?<!\bby\s)(?<!\bfrom\s)(?<!\bwithin\s)(?<!\bin\sthe\s)"
                r"(?<!\bof\sthe\s)(?<!\bby\sthe\s)(?<!\bfrom\sthe\s)")
#: A participle right before its noun qualifies it ("reduced sebum output"): not a verb.
NOT_ADJECTIVE = r"(?:(?<!ed)|(?!\s+»))"
BE = (r"(?:(?:\s*,\s+(?:the|a|an)\s+[^,;«»{}]{1,40},)?\s*[,—–]?\s*(?:which|that|who)?\s*"
      r"(?:is|are|was|were|being|been|be|gets?|get|"
      r"got|becomes?|can\s+be|may\s+be|is\s+then|are\s+then|is\s+also|are\s+also|must\s+be|"
      r"in\s+turn)?\s*)")
#: A glossary definition's copula, after an aside: "X, in the domain of ..., refers to the".
DEFINED = (r"(?:\s*(?:\([^()]*\)\s*)?(?:,[^,;«»{}]{1,60},\s*)?(?:is|are|refers?\s+to|describes?|"
           r"denotes?|names?)\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?)")

# Two hormones in balance

BALANCE = re.compile(
   r"\b(?:ratios?|balance|relationships?|interplay|gradients?|equilibrium|axis|tug-of-war|seesaw|see-saw|counterbalance|opposition)\s+(?:between|of)\s+(?:\w+\s+){0,4}?(?P<rest>.*)",
   re.IGNORECASE)
PAIR = re.compile(r"(?P<a>\{H\d+\})(?:\s*\([^()]*\))?\s+(?:and|to|versus|vs\.?|relative\s+to|"
                  r"with|against)\s+(?:\w+\s+){0,2}?(?P<b>\{H\d+\})")
#: Two hormones stated to act on each other: "A and B interact", "A and B oppose each other".
MUTUAL = re.compile(r"(?P<a>\{H\d+\})\s+and\s+(?P<b>\{H\d+\})\s+(?:\w+\s+)?(?:interact\w*|"
                    r"(?:counterbalance|balance|oppose|antagoni[sz]e|offset)\s+(?:each\s+other|"
                    r"one\s+another))\b", re.IGNORECASE)
HYPHEN_PAIR = re.compile(r"(?P<a>\{H\d+\})\s*(?:-|–|/|:|\s+to\s+)\s*(?:to\s*(?:-|–)"
                         r"\s*)?(?:free\s+|total\s+|active\s+)?(?P<b>\{H\d+\})\s*(?:-|–)?\s*(?:ratio|balance|axis|"
                         r"interplay)",
                         re.IGNORECASE)

# The shape of a skeleton

SLOT_RE = re.compile(SLOT)
#: Slots of one type joined as a list: commas, "and", "or", "as well as", with a few modifiers.
JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or|as\s+well\s+as|"
                  r"plus|together\s+with|along\s+with|but\s+also|such\s+as|including|like|"
                  r"especially|notably)\s+|\s*/\s*)(?:(?:then|"
                  r"also|both|either|the|its|their|his|her|other|related|local|circulating|"
                  r"free|active|inactive|adjacent|neighbouring|neighboring|surrounding|"
                  r"nearby|in|on|to|of)\s+)*(?:(?<=the\s|its\s)(?:[a-z][\w\-]*\s+){0,3}|"
                  r"[a-z][\w\-]{2,13}\s+)?$",
                  re.IGNORECASE)
#: A bracket right after a group holding only slots: abbreviations or kinds ("R (A and B)").
BRACKETED = re.compile(rf"\s*\(\s*{SLOT}(?:\s*(?:,|and|or|/)\s*{SLOT})*\s*\)")
NOT_SUBJECT = re.compile(r"\b(?:on|in|of|to|through|via|by|from|with|into|within|inside|"
                         r"at|than|for|upon|across|over|under|between)\s+(?:[\w\-’']+\s+)"
                         r"{0,2}?$",
                         re.IGNORECASE)
VERBS = "|".join((CONVERT, BIND, INHIBIT, REGULATE, EXPRESS, SECRETE, TARGET, MAKE,
                  MOVE))
#: "-ing" words that qualify a noun rather than govern it ("rising oestradiol").
ING_ADJECTIVE = (r"rising|falling|declining|increasing|decreasing|circulating|growing|surging|"
                 r"dropping|waning|fluctuating|lingering|existing|remaining|resulting|during|"
                 r"persisting|prevailing|ageing|aging|developing|maturing|fasting|morning|evening")
#: Participles that qualify the noun they precede ("sustained cortisol", "elevated prolactin").
QUALIFIER = (r"sustained|elevated|raised|increased|decreased|reduced|lowered|prolonged|"
             r"enhanced|impaired|excess|excessive|suppressed|activated|stimulated|"
             r"persistent|chronic|unopposed")
AFTER_VERB = re.compile(rf"(?:(?!(?:{QUALIFIER})\s+$)(?:{VERBS})\s+(?:[\w\-’']+\s+){{0,3}}?|"
                        rf"\b(?!(?:{ING_ADJECTIVE})\b)\w{{3,}}(?:ing|es)\s+(?:the\s+|a\s+|an\s+|"
                        rf"its\s+|their\s+)?)$",
                        re.IGNORECASE)
#: A change in an amount governs as its hormone does ("the fall in oestrogen sends ...").
CHANGE_OF = re.compile(r"\b(?:rise|rises|fall|falls|drop|decline|increase|decrease|surge|loss|"
                       r"lack|excess|deficiency|withdrawal|shift|change|changes)\s+(?:in|of)\s+"
                       r"(?:[\w\-]+\s+)?$", re.IGNORECASE)
RELATIVE = re.compile(r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:which|that|who)\b", re.IGNORECASE)
MODIFIER = re.compile(r"^\s*(?:-|–)?\s*(?:agonists?|antagonists?|blockers?|inhibitors?|"
                      r"analogues?|analogs?|mimetics?|drugs?|therapy|therapies|medications?|"
                      r"supplements?|supplementation|genes?|mutations?|variants?|knockout|"
                      r"deficien\w*|antibod\w*|polymorphisms?)\b", re.IGNORECASE)
#: A group that qualifies the next one ("the liver's hepatocytes", "hepatic gluconeogenesis").
OBJECT_MODIFIER = re.compile(r"^\s*(?:(?:(?:’s|'s)\s+|-?\s*)\{[TPH]\d+\}|(?:-|–)\s*(?:driven|"
                             r"mediated|dependent|induced|rich|positive|expressing|bearing)\b)")
TISSUE_OUTPUT = re.compile(r"^\s+(?:output|production|secretion|synthesis|release)\b")
THROUGH = re.compile(r"\b(?:acting|working|signall?ing|operating)\s+(?:through|via|on|at)\s+"
                     r"(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
LEFT_MODIFIER = re.compile(r"^\s*(?:reactivity|activity|function|size|thickness|number|"
                           r"mass|volume|tone|weight|density)\b", re.IGNORECASE)
#: A group named between commas after a noun ("its receptor, PTH1R, on ...") is in apposition.
APPOSITION = re.compile(r"\b[a-z][\w\-]*\s*,\s*$")
APPOSED = re.compile(r"^\s*(?:\([^()]*\)\s*)?,")
PRONOUN = re.compile(r"(?:,\s+(?:and|but|so|while|where)|;|:|\band\s+then)\s+(?:(?:in|within|on|"
                     r"at)\s+[^,;]{1,40}?\s+)?(?P<it>it|they)\s+(?!(?:is|are|was|were|has|have)\s+"
                     r"(?:thought|believed|known|unclear|likely|possible|not|been\s+\w+\s+to)\b)",
                     re.IGNORECASE)
#: A slot right before a group qualifies it; asides are not part of a clause's assertion.
MODIFIED = re.compile(rf"{SLOT}\s*(?:-|–|’s|'s)?\s*$")
ASIDE = re.compile(r"\s(?:—|–|--)\s[^—–]*\s(?:—|–|--)\s|\([^()]*\)")
#: A sentence opening with a participle ("Once bound by ...", "Secreted mainly by ...").
FRONT = re.compile(r"^\s*(?:(?:once|when|after|first|classically|mainly|largely|also)\s+)*"
                   r"(?:an?\s+(?:\S+\s+){0,3}?)?(?P<v>bound|activated|secreted|released|"
                   r"produced|made|formed|synthesi[sz]ed|expressed|found|derived|converted|"
                   r"metaboli[sz]ed|stimulated|inhibited|suppressed|triggered|driven|"
                   r"regulated|located|present|abundant)\b", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*respectively\b", re.IGNORECASE)
INFINITIVE = re.compile(r"^(?:\s*\([^()]*\))?(?:\s*,?\s*(?:and\s+)?\w+ing\s+(?:it|them))?\s+"
                        r"(?:(?:cells?|neurons?)\s+)?(?:(?:of|in|within)\s+(?:the\s+)?\{T\d+\}\s+)?"
                        r"to\s+(?:secrete|release|produce|make|synthesi[sz]e|generate|"
                        r"form|convert|express)\b", re.IGNORECASE)
CONTROL = re.compile(r"\b(?:stimulat|induc|prompt|caus|driv|trigger|signal|allow|enabl|"
                     r"activat|instruct|push|direct|recruit)\w*\s+(?:the\s+)?$", re.IGNORECASE)
TO_VERB = re.compile(r"^(?:\s*\([^()]*\))?\s+to\s+[a-z]", re.IGNORECASE)
#: A comma then a verb closes the phrase the group sits in ("a structure formed from the
#: follicle, secretes ..."): the verb belongs to the phrase's head.
CLOSES = re.compile(r"^\s*(?:\([^()]*\)\s*)?,\s*(?:also\s+|then\s+|in\s+turn\s+)?[a-z]+(?:s|es)\b"
                    r"(?<!ss)", re.IGNORECASE)
INSIDE = re.compile(r"\{T\d+\}(?:\s+cells?)?\s+(?:in|of|within|inside)\s+(?:the\s+)?$")
VERB_FORM = re.compile(r"[a-z]+(?:ised|ized|ated|ed|ises|izes|ates)")
THEIR = re.compile(r"^\s*,?\s*(?:and\s+)?(?:its|their)\s", re.IGNORECASE)
GENERIC_OF = re.compile(r"\b(?:cells?|neurons?)\s+(?:of|in|within)\s+(?:the\s+)?$", re.IGNORECASE)
ADJACENT = re.compile(r"\s*(?:-|–|’s|'s)?\s*$")
COPULA = re.compile(rf"({SLOT})\s*(?:\([^()]*\)\s*)?(?:,\s*|,?\s*(?:is|was|are|were|remains?)"
                    rf"\s+)(?:a|an|the|one)\s+(?:[\w\-]+\s+){{0,3}}?(?:of\s+the\s+)?$",
                    re.IGNORECASE)
CONTINUES = re.compile(r"^\s*(?:\([^()]*\)\s*)?[,—–-]*\s*(?:and\b|\w+ing\b)", re.IGNORECASE)
PARTICIPLE = re.compile(r",\s+\w+ing\b")
EXAMPLE = re.compile(r"\b(?:such\s+as|including|like|notably|especially)\s+(?:[\w\-’']+\s+)"
                     r"{0,2}?$",
                     re.IGNORECASE)

"""Round 41: text that defines or instructs rather than describes a patient, read on the finished result.

A chart-review guide, a data dictionary or a teaching definition names conditions to say how they are coded or what
they are, not that anyone has them:

- a reviewer's instruction ("Count cellulitis as current when ...", "Mark hidradenitis as ABSENT when the note states
  ...", "A rash ... should not be coded as a drug eruption") names the condition it tells the reader how to code: no
  finding of a patient, neither asserted nor negated (the instruction's "absent" is a code value, not a denial):
  uncertain, never the label;
- a statement of a disease's specificity ("Pyoderma gangrenosum is highly specific to IBD", "Gottron papules are
  pathognomonic of dermatomyositis") is general knowledge, not a case: uncertain, unless the sentence points at a
  picture or a case ("this", "here", "the patient");
- an enumeration constant of a schema ("PCT_LT_10: less than 10 % ...") is a code name: an abbreviation glued into it
  is no diagnosis;
- a bowel endoscopy's "ulcers", "erosions", "erythema", "fistula" and "mucosal" findings (a segment of the colon, an
  endoscopic score) are the gut's, not the skin's: those concepts are dropped where the text speaks of endoscopy or a
  bowel segment and names no skin.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

# the imperative to a reviewer at the sentence start ("Count X as current", "Do not code X as ...", "Mark X as ABSENT"),
# the verb followed within a few words by "as" and a code value; or the passive rule ("should not be coded as")
_VALUES = (r"present|absent|current|past|historical|history|suspected|positive|negative|active|inactive|resolved|"
           r"confirmed|possible|probable|unknown|yes|no|true|false|none")
INSTRUCTION = re.compile(
    r"(?:^|(?<=[.;:!?\n])|(?<=[.;:!?\n][ ]))[ ]*(?:(?:do[ ]+not|don'?t|never|please|always)[ ]+)?"
    r"(?:code|count|mark|record|classify|score|label|abstract|annotate|upcode|tag)[ ]+"
    r"(?:[^\s.;:]+[ ]+){0,6}?as[ ]+[\"'\u201c]?(?:" + _VALUES + r")(?![a-z])"
    r"|(?<![a-z])(?:should|must|may|can|shall)[ ]+(?:not[ ]+|only[ ]+)?be[ ]+(?:coded|counted|marked|recorded|"
    r"classified|scored|labell?ed|abstracted|annotated|upcoded)(?:[ ]+(?:as|present|absent))?(?![a-z])",
    re.IGNORECASE)
INSTRUCTION_WORDS = frozenset(("code", "count", "mark", "record", "classify", "score", "label", "abstract", "annotate",
                               "upcode", "tag", "coded", "counted", "marked", "recorded", "classified", "scored",
                               "labeled", "labelled", "abstracted", "annotated", "upcoded"))
# a disease's specificity stated as general knowledge
SPECIFIC = re.compile(r"(?<![a-z])(?:is|are)[ ]+(?:(?:highly|very|fairly|quite|relatively)[ ]+)?"
                      r"(?:specific[ ]+(?:to|for)|pathognomonic[ ]+(?:of|for))(?![a-z])", re.IGNORECASE)
SPECIFIC_WORDS = frozenset(("specific", "pathognomonic"))
# (not "in this clinical context": a guide's setting)
POINTS_AT_CASE = re.compile(r"(?<![a-z])(?:here|(?:this|these)(?![ ]+(?:clinical[ ]+)?(?:context|setting|population|group))|today|shown|pictured|image|photo|photograph|slide|case|"
                            r"patient|our|his|her|year[ -]old)(?![a-z])", re.IGNORECASE)
# a schema's enumeration constant, upper case words joined by underscores and a colon after it
ENUM_CONSTANT = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?=:)")
# the gut at endoscopy: the words that place a finding in a bowel segment or an endoscopic score
ENDOSCOPY_WORDS = frozenset(("endoscopy", "endoscopic", "endoscopically", "colonoscopy", "colonoscopic",
                             "sigmoidoscopy", "ileocolonoscopy", "enteroscopy", "segment", "segments", "uceis"))
SKIN_WORDS = frozenset(("skin", "cutaneous", "rash", "dermatologic", "dermatological", "extraintestinal"))
GUT_CONCEPTS = frozenset(("ulcer", "erosion", "erythema", "sinus-tract", "mucosal-involvement", "friable", "patch"))
GUT_CONDITIONS = frozenset(("skin-ulcer",))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or clause after a colon-free semicolon) around text[start:end]."""
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    stops = [i for i in (text.find(c, end) for c in (". ", "!", "?", "\n")) if i >= 0]
    return a, min(stops, default=len(text))


def reviewer_instruction(text: str, res: TagResult) -> None:
    """A reviewer's instruction (`INSTRUCTION`): every condition of its sentence is uncertain, never the label."""
    for m in INSTRUCTION.finditer(text):
        a, b = _sentence(text, m.start(), m.end())
        for c in res.conditions:
            if a <= c.span[0] < b:
                c.negated, c.uncertain, c.hedged, c.historical = False, True, False, False


def specificity(text: str, res: TagResult) -> None:
    """A disease's specificity as general knowledge (`SPECIFIC`): the conditions of its sentence are uncertain,
    unless the sentence points at a picture or a case."""
    for m in SPECIFIC.finditer(text):
        a, b = _sentence(text, m.start(), m.end())
        if POINTS_AT_CASE.search(text, a, b):
            continue
        for c in res.conditions:
            if a <= c.span[0] < b and not c.negated:
                c.uncertain, c.hedged = True, False


def enum_constants(text: str, res: TagResult) -> None:
    """Drop a condition named only by an abbreviation inside a schema's enumeration constant (`ENUM_CONSTANT`)."""
    spans = [m.span() for m in ENUM_CONSTANT.finditer(text)]
    if spans:
        res.conditions = [c for c in res.conditions if not any(a <= c.span[0] and c.span[1] <= b for a, b in spans)]


def endoscopy_findings(res: TagResult, words: set[str]) -> None:
    """Drop the gut's concepts (and a bare skin ulcer) from a text about endoscopy or a bowel segment that names no
    skin (`ENDOSCOPY_WORDS`, `SKIN_WORDS`)."""
    if not SKIN_WORDS.isdisjoint(words):
        return
    res.concepts = [c for c in res.concepts if c.id not in GUT_CONCEPTS]
    res.conditions = [c for c in res.conditions if c.id not in GUT_CONDITIONS]

"""Round 40: the statuses a clinical form sets on the names it prints, read on the finished result.

A form is not a finding. A review of systems is a checklist the clinician runs through every patient: what it records
as absent ("ROS: skin: denies rashes, lesions, changes in moles") is absent, and what it records as present ("positive
for easy bruising") is a symptom of the patient's background, never the pictured lesion's diagnosis (`historical`: kept
asserted, never the `disease_label`). An unfilled template ("Diagnosis: ____ (e.g. psoriasis, eczema)", "[ ] psoriasis
[ ] eczema", "Urticaria? [ ] yes [ ] no") names the choices it offers, none of which anyone chose: each is uncertain, never
the label; a ticked box ("[x] psoriasis") is the answer and stays.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.fastmatch import may
from derm1m_build.tagger.results import TagResult

# the review of systems' heading or phrase
# (a heading: a colon or a dash after it, or a finding word; "ROS-mediated inflammation" is reactive oxygen species;
# round 41: the systems it covers may stand in brackets between, "ROS (skin/hair/nails): denies ...")
ROS = re.compile(r"(?<![A-Za-z])(?:ROS|R\.O\.S\.|[Rr]eview of (?:the )?[Ss]ystems|[Ss]ystems? [Rr]eview|"
                 r"REVIEW OF SYSTEMS|SYSTEMS REVIEW)(?:[ ]*\([^()\n]{1,40}\))?(?:[ ]*[:\u2013\u2014]|[ ]+-[ ]|[ ]+(?=(?:negative|positive|otherwise|"
                 r"notable|unremarkable|significant|reveals|revealed|is|was|skin|for)(?![a-z])))")
# inside it, what the clinician marks absent and what present: the last cue before a name decides
ROS_CUE = re.compile(r"(?<![a-z])(?:(denies|denied|negative[ ]+for|no|none|nil|not)|(positive[ ]+for|reports|reported|"
                     r"endorses|endorsed|admits[ ]+to|admits|complains[ ]+of|notes|except(?:[ ]+for)?))(?![a-z])")
ROS_WORDS = frozenset(("ros", "review", "systems"))
# an unticked box, a ticked one, and a blank to fill in
OPEN_BOX = re.compile(r"(?:\[[ ]?\]|\(\s\)|\u2610)")
TICKED_BOX = re.compile(r"(?:\[[xX\u2713\u2714]\]|\u2611|\u2612)")
BLANK = re.compile(r"_{3,}")


def review_of_systems(text: str, res: TagResult) -> None:
    """A review of systems, from its heading to the end of its sentence (or the next line): a name after a denial cue
    is negated; one after a positive cue, or after none, is kept as it is and marked background (never the label)."""
    for r in ROS.finditer(text):
        stop = min((i for i in (text.find(". ", r.end()), text.find("\n", r.end())) if i >= 0), default=len(text))
        low = text[:stop].lower()
        for m in res.conditions:
            a = m.span[0]
            if not r.end() <= a < stop:
                continue
            cue = None
            for c in ROS_CUE.finditer(low, r.end(), a):
                cue = c
            if cue is not None and cue.group(1) is not None:
                m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
            elif not m.negated:
                m.historical = True


def unfilled_form(text: str, res: TagResult) -> None:
    """An unfilled template's choices: a name right after an unticked box ("[ ] eczema"), a question answered by
    unticked boxes only ("Urticaria? [ ] yes [ ] no"), and a name in the prompt after a blank ("Skin assessment: ____
    (describe any pressure injury, wound or ulcer)", to that clause's end) are uncertain, never the label. A name in a
    field filled before the blank ("Diagnosis: psoriasis. Severity: ____") stays."""
    blanks = [b.end() for b in BLANK.finditer(text)] if may(BLANK, text) else []  # (speed round 49: `fastmatch.may`)
    for m in res.conditions:
        a, b = m.span
        before = text[max(0, a - 6):a].rstrip()
        after = text[b:b + 24]
        open_before = OPEN_BOX.search(before) is not None and before.endswith(("]", ")", "\u2610"))
        asked = after.lstrip().startswith("?") and OPEN_BOX.match(after.lstrip()[1:].lstrip()) is not None \
            and TICKED_BOX.search(text, b, b + 40) is None
        prompt = False
        for e in blanks:
            if e <= a:
                clause = text[e:a]
                if "." not in clause and ";" not in clause and "\n" not in clause and ":" not in clause:
                    prompt = True
        if open_before or asked or prompt:
            m.negated, m.uncertain, m.hedged, m.historical = False, True, False, False

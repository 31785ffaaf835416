"""Round 58: a disease named as a public topic, no one's finding.

News headlines, leaflets and public-health prose name a disease as the topic of what people do about it, with no
patient in the text: "measles vaccinations could triple infections", "do not bring your kids to 'measles parties'",
"song and dance for leprosy education", "discrimination against leprosy", "jeeves asked about genital warts", "what
happens when you're infected with measles". The disease is a kind there (ANNOTATION.md rule 6's generic mention, the
settled research-prose reading of a disease in general, round 43): uncertain, never the label. Each reading is the
name's own words with the topic's:

- **a topic noun after the name**: a vaccination or a jab, a party, education, awareness, a campaign, stigma, myths,
  a scare (`TOPIC_AFTER`; "the shingles vaccine" was read `?` already by ConText's "vaccine", the plural here too);
  an outbreak, cases, an epidemic are not topics (set 43 asserts an outbreak's cases, as research prose's patients);
  "the leprosy service" and other services and societies are rule 3's and the vocabulary's (nothing);
- **a stance against it**: "discrimination / prejudice / stigma against", "fight / war / campaign / crusade against";
- **a question about it, reported**: "asked about X", "asks / ask about", "questions about" (a
  question is no assertion, round 57's `questions` for the question told in the third person); not "asked about her
  eczema", which is hers (the possessive before the name), nor "asks about the mole on her shoulder" (a determiner:
  one lesion, the patient's), nor a clinician's record of what the patient was asked
  about ("asked about itching: denies" keeps its own reading: a colon or a denial after the name);
- **a population's chance of it**: "(twice as / more) likely to get / develop X", "prone to X": a group's risk, not a
  physician's hedge about a patient (round 53's risk statement for the adjective; "might" before it made the name a
  hedge, and the hedge the label);
- **the reader as anyone**: "when / if you're / you are / you get / you catch ... X" with "infected with", "get",
  "catch" or "come down with" right before the name: the generic reader's hypothetical, as round 45's leaflet item
  addressed to the reader.

A negation read over the name by ConText ("do not bring your kids to 'measles parties'") denies the action, not the
disease: the kind stays uncertain. Gate (`core`): a word of `TOPIC_WORDS` among the text's words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.results import TagResult

TOPIC_AFTER = frozenset(("vaccination", "vaccinations", "vaccines", "jab", "jabs", "immunisation", "immunisations",
                         "immunization", "immunizations", "party", "parties", "education", "awareness", "campaign",
                         "campaigns", "stigma", "myth", "myths", "misinformation", "scare", "scares", "hysteria",
                         "eradication"))
STANCE_NOUNS = frozenset(("discrimination", "prejudice", "stigma", "fight", "war", "campaign", "crusade", "battle"))
ASK_VERBS = frozenset(("asked", "asks", "ask", "asking", "questions", "question"))
YOU_CUES = frozenset(("you", "you're", "youre"))
TOPIC_WORDS = TOPIC_AFTER | STANCE_NOUNS | ASK_VERBS | frozenset(("you", "likely", "prone", "apt"))

_NAME_THEN_TOPIC = re.compile(r"[ '\"\u2019]*([a-z]+)")
_STANCE_BEFORE = re.compile(r"(?<![a-z])(?:discrimination|prejudice|stigma|fight|war|campaign|crusade|battle)[ ]+"
                            r"(?:against|towards?|on)[ ]+(?:the[ ]+)?$")
_ASKED_BEFORE = re.compile(r"(?<![a-z])(?:asked|asks|ask|asking|questions?)[ ]+about[ ]+$")
_YOU_BEFORE = re.compile(r"(?<![a-z])(?:when|if|once)[ ]+you(?:'re|\u2019re|[ ]+are|[ ]+get|[ ]+catch|[ ]+have)?[ ]+"
                         r"(?:[a-z]+[ ]+){0,2}?(?:infected[ ]+with|come[ ]+down[ ]+with|get|catch|got)[ ]+$")
_LIKELY_BEFORE = re.compile(r"(?<![a-z])(?:likely|prone|apt)[ ]+to[ ]+(?:get|develop|catch|contract)[ ]+$")
_RECORD_AFTER = re.compile(r"[ ]*(?::|[,;]?[ ]+(?:denies|denied|none|no|nil|negative))")


def _topic(low: str, a: int, b: int, negated: bool) -> bool:
    """The name at low[a:b] named as a public topic (module docstring). A negated name is read only by the topic noun
    and the stance, whose negation is the action's; a question, the reader or a chance asked about a name another
    reading denies ("we wondered about pemphigus but the Nikolsky sign was not there") leaves it denied."""
    m = _NAME_THEN_TOPIC.match(low, b)
    if m is not None and m.group(1) in TOPIC_AFTER:
        return True
    before = low[max(0, a - 60):a]
    if _STANCE_BEFORE.search(before):
        return True
    if negated:
        return False
    if _ASKED_BEFORE.search(before):
        return _RECORD_AFTER.match(low, b) is None
    if "likely" in before or "prone" in before or "apt" in before:
        if _LIKELY_BEFORE.search(before):
            return True
    return _YOU_BEFORE.search(before) is not None


def public_topic(text: str, res: TagResult) -> None:
    """The conditions named as a public topic are uncertain kinds, never the label (module docstring)."""
    low = text.lower()
    for c in res.conditions:
        a, b = c.span
        if _topic(low, a, b, c.negated):
            c.negated, c.uncertain, c.hedged, c.historical, c.concluded = False, True, False, False, False

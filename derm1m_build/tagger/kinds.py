"""Round 53: a disease named as a kind in a general statement of risk, and words quoted as words.

- **A risk statement** in the simple present ("Sunburn in childhood raises the lifetime risk of melanoma", "Daily
  sunscreen reduces the number of new actinic keratoses in transplant recipients"): the risk factor before the verb and
  the disease after it are kinds, named by teaching or public-health prose, no patient's finding: uncertain, never the
  label (ANNOTATION.md rule 6's "risk factors for SCC"; round 49's general causal statement "UVB causes sunburn" read
  for the verbs of risk). A case is told with a determiner or a person before the verb ("this cream reduces ...", "her
  sunburn raised ...") or a pointer in the text ("in this patient", "no suspicious lesion today"); a question ("Does hidradenitis suppurativa
  raise the risk of squamous cell carcinoma? A registry study", a study's title) and a purpose ("wash the site to reduce
  the chance of infection") are no statement of it.
- **Words quoted as words** ("flags the words "rash", "hives" and "blister" in patient portal messages"): a name inside
  quotation marks in a sentence that speaks of words, terms or phrases is mentioned, not used: it names nothing
  (ANNOTATION.md rule 3's "not findings"), condition or concept.

- **Round 54, choices not verdicts**: names listed after a colon with commas and a last "or" (`colon_alternatives`),
  and a symptom in a differential's heading, which is the presentation's (`header_symptoms`).

Gates (`core`): the risk words (`RISK_NOUNS` and `RISK_VERBS` among the text's words) and a quotation mark with a word
of `MENTION_WORDS`.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.cues import POINTS_AT_CASE
from derm1m_build.tagger.results import TagResult

RISK_VERBS = frozenset(("raises", "raise", "increases", "increase", "reduces", "reduce", "lowers", "lower", "doubles",
                        "double", "halves", "halve", "triples", "triple"))
RISK_NOUNS = frozenset(("risk", "chance", "odds", "number", "incidence", "likelihood"))
RISK_STATEMENT = re.compile(
    r"(?<![a-z])(?<!to[ ])(?P<verb>raises?|increases?|reduces?|lowers?|doubles?|halves?|triples?)[ ]+"
    r"(?:(?:the|one[’']?s|a[ ]+person[’']?s)[ ]+)?(?:[a-z-]+[ ]+){0,2}?"
    r"(?:risk|chance|odds|number|incidence|likelihood)[ ]+of(?![a-z])", re.IGNORECASE)
# what makes the words before the verb one case's, not a kind: a determiner or a person
_CASE_SUBJECT = frozenset("this that these those his her our my your their its i we he she it you they".split())
# a question's auxiliary at the sentence start ("Does X raise the risk of Y?")
_ASKS = frozenset("does do did can could will would is are was were may might should".split())
_SUBJECT_WORDS = 6
_OBJECT_REACH = 40  # characters after "risk of" in which the disease at risk starts


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence around text[a:b]: from the last sentence end before it to the next one (its end mark kept)."""
    start = max(text.rfind(ch, 0, a) for ch in ".!?\n;:") + 1
    ends = [i for i in (text.find(ch, b) for ch in ".!?\n;") if i >= 0]
    return start, min(ends, default=len(text) - 1) + 1


def risk_statement(text: str, res: TagResult) -> None:
    """The conditions of a general statement of risk (`RISK_STATEMENT`) are uncertain kinds, never the label."""
    for m in RISK_STATEMENT.finditer(text):
        start, end = _sentence(text, m.start(), m.end())
        subject = text[start:m.start()].replace("(", " ").replace(",", " ").lower().split()
        if not subject or len(subject) > _SUBJECT_WORDS or subject[0] in _ASKS or not _CASE_SUBJECT.isdisjoint(subject):
            continue
        # (a pointer anywhere in the text makes the factors a patient's: "Risk counselling only: fair skin and many moles
        # raise the risk of melanoma; no suspicious lesion today" keeps the moles, set 17)
        if text[end - 1:end] == "?" or POINTS_AT_CASE.search(text):
            continue
        # the factor before the verb and the disease named right after it ("the lifetime risk of melanoma"): a spoken
        # run-on with no sentence end ("... may lower the risk of incomplete excision four hundred and eighty five
        # primary malignant skin tumours submitted for ...") goes on to other matters
        reach = min(end, m.end() + _OBJECT_REACH)
        for c in res.conditions:
            if start <= c.span[0] < reach and not c.negated:
                c.uncertain, c.hedged, c.historical, c.concluded = True, False, False, False


MENTION_WORDS = frozenset(("word", "words", "term", "terms", "phrase", "phrases", "keyword", "keywords"))
# (not "the word for it": "the community midwife's word for it was 'stork bite'" names the lesion by the quoted words)
MENTION_HEAD = re.compile(r"(?<![a-z])(?:words?|terms?|phrases?|keywords?)(?![a-z])(?![ ]+for[ ])", re.IGNORECASE)
_OPEN_QUOTES = frozenset("\"'\u201c\u2018")
_CLOSE_QUOTES = frozenset("\"'\u201d\u2019")


def _quoted(text: str, span) -> bool:
    a, b = span
    return a > 0 and b < len(text) and text[a - 1] in _OPEN_QUOTES and text[b] in _CLOSE_QUOTES


def quoted_words(text: str, res: TagResult) -> None:
    """Names inside quotation marks, in a sentence that speaks of words (`MENTION_HEAD` before them), are mentions:
    dropped, conditions and concepts."""
    def mentioned(m) -> bool:
        if not _quoted(text, m.span):
            return False
        start = max(text.rfind(ch, 0, m.span[0] - 1) for ch in ".!?\n") + 1
        return MENTION_HEAD.search(text, start, m.span[0]) is not None

    res.conditions = [c for c in res.conditions if not mentioned(c)]
    res.concepts = [c for c in res.concepts if not mentioned(c)]


# Round 54: alternatives listed after a colon ("Violaceous plaque on the foot of an elderly man: Kaposi sarcoma, pyogenic
# granuloma or acroangiodermatitis."). A legend or a teaching slide that describes a presentation and then lists names
# joined by commas and a last "or" to the sentence's end gives a differential, not a verdict: each name is one of the
# choices (uncertain, never the label), as round 23's "Differential for ...:" list is. One name after the colon is the
# conclusion (`COLON_CONCLUSION`), and a list joined by "and" names what is there; a list holding a negated name is left
# to the negation's reading. The last choice may be a name the vocabulary lacks ("or acroangiodermatitis").
_LIST_SEP = re.compile(r"(?:,|,?[ ]+or)[ ]+(?:(?:an?|the)[ ]+)?", re.IGNORECASE)
_LIST_OPEN = re.compile(r":[ ]+(?:(?:an?|the)[ ]+)?", re.IGNORECASE)
_LIST_TAIL = re.compile(r"(?:,?[ ]+or[ ]+[A-Za-z][\w' -]{0,40}?)?\.?[ ]*$")


def colon_alternatives(text: str, res: TagResult) -> None:
    """Names listed after a colon as alternatives (commas and a last "or", to the sentence's end) are made uncertain
    and not the label's hedge. Gate (`core`): ":" and "or" in the text, two conditions."""
    conds = sorted((c for c in res.conditions), key=lambda c: c.span[0])
    i = text.find(": ")
    while i >= 0:
        stop = text.find(". ", i)
        stop = len(text) if stop < 0 else stop + 1
        items = [c for c in conds if i < c.span[0] < stop]
        if len(items) > 1 and _LIST_OPEN.fullmatch(text, i, items[0].span[0]) is not None:
            seps = [text[x.span[1]:y.span[0]] for x, y in zip(items, items[1:])]
            tail = _LIST_TAIL.match(text, items[-1].span[1], stop)
            if (tail is not None and all(x.span[1] <= y.span[0] and _LIST_SEP.fullmatch(s) for x, y, s in
                                         zip(items, items[1:], seps))
                    and (any(" or " in f" {s} " for s in seps) or " or " in tail.group(0))
                    and not any(c.negated for c in items)):
                for c in items:
                    c.uncertain, c.hedged = True, False
        i = text.find(": ", i + 2)


def header_symptoms(res: TagResult, start: int, end: int, symptoms) -> None:
    """Round 54: a symptom named in a differential's heading ("Differential for the itchy papules on the wrists: lichen
    planus, scabies or ...") describes the presentation whose causes the list weighs: the patient has it (asserted),
    though the heading's "differential for" doubts the names after the colon. Only symptoms (`labels.SYMPTOMS`): a
    disease in the heading ("differential for a drug eruption: ...") is itself weighed. `start` / `end`: the heading's
    span (`core.DIFFERENTIAL_COLON`'s match)."""
    for c in res.conditions:
        if start <= c.span[0] < end and c.id in symptoms and c.uncertain and not c.negated:
            c.uncertain, c.hedged = False, False


# Round 57: a ranked list ("The black streak in the thumbnail: a subungual melanoma, a melanonychia from a naevus of the
# matrix, or old blood (haematoma), in that order of worry"; set 10's "tinea corporis, nummular eczema or subacute
# cutaneous lupus, in that order"): the ranking says the names are candidates, however each is worded (round 54's
# colon list needs bare names between its commas). Every name of the sentence that holds the ranking is one of the
# choices: uncertain, not the label's hedge; a negated name stays negated. Gate (`core`): "order" and two conditions.
RANKED = re.compile(r"(?<![a-z])in[ ]+(?:(?:that|this|descending|rough|roughly[ ]+that)[ ]+order(?:[ ]+of[ ]+[a-z]+)?|"
                    r"order[ ]+of[ ]+(?:likelihood|probability|worry|concern|suspicion))(?![a-z])", re.IGNORECASE)
RANKED_WORDS = frozenset(("order",))


def ranked_list(text: str, res: TagResult, symptoms) -> None:
    """The names in the sentence of a ranking phrase (`RANKED`) are made uncertain (not negated ones, nor a symptom the
    presentation has: `labels.SYMPTOMS`, as `header_symptoms` reads a heading's)."""
    for m in RANKED.finditer(text):
        start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
        stop = min((i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0), default=len(text))
        for c in res.conditions:
            if start <= c.span[0] < stop and not c.negated and c.id not in symptoms:
                c.uncertain, c.hedged = True, False

"""Round 57: a name the text sets aside after naming it, by a clause that follows the name.

ANNOTATION.md rule 5 negates a diagnosis the text excludes or replaces with another. These are the forms of it that
come after the name, in its own sentence, and that the trigger phrases of `context` cannot reach (their scope is a few
words, and a hedge or a "by ..." between the name and the verdict ends it):

- **A denial whose subject stands for the name** ("the referral said alopecia areata, which it isn't", "the wife
  thought they were melanomas, they are not", "angioedema never."): the clause ends on the denial, so it denies the
  name itself, not a feature after it ("eczema, they are not itchy" keeps its eczema).
- **A name that does not account for the findings** ("intertrigo, the referring diagnosis, does not explain the nails",
  "a drug rash would not explain the fever"): the diagnosis is weighed and found wanting.
- **A candidate raised and then dropped** ("an intradermal naevus was considered and put aside", "scabies had been
  suspected by his GP and was not supported", "Sarcoidosis considered: chest X-ray clear, ACE normal, so not pursued",
  "Calciphylaxis was raised by the renal team and is not seen"): round 55's "considered and set aside", with the one
  who raised it, the reasons between, and the other verbs of dropping.
- **A worry named as someone's, beside the diagnosis** ("Molluscum contagiosum; chickenpox was the mother's worry"):
  round 49's lay fear answered by a verdict, told the other way round; it needs another condition the text states or a
  physician hedges.
- **A candidate to be excluded, then a negative test** ("secondary syphilis is the thing you must not miss, so we did
  serology and it was negative"): the test excluded it (sets 19, 21, 22, 29 read "X must be excluded" alone as `?`,
  which stays).
- **A record's name amended in place** ("Diagnosis: pyogenic granuloma (amended after histology: amelanotic melanoma)",
  "BCC; revised to Bowen's disease"): the amendment names another condition right after its colon or "to".

Each pass takes the text and its `TagResult` and marks the set-aside condition negated (never a symptom, never one on
the same ontology path as the answer that replaces it). Gates (`core`): each pass's own words among the text's words
(`DENIAL_WORDS`, `EXPLAIN_WORDS`, `RAISED_WORDS` with `DROPPED_WORDS`, `WORRY_WORDS`, `AMENDED_WORDS`, `EXCLUDE_WORDS`
with `RESULT_WORDS`).
"""

from __future__ import annotations

import re

from derm1m_build.tagger.labels import SYMPTOMS
from derm1m_build.tagger.results import Match, TagResult

_NOT = r"(?:isn't|isn\u2019t|is\s+not|aren't|aren\u2019t|are\s+not|wasn't|wasn\u2019t|was\s+not|weren't|weren\u2019t|were\s+not)"
# ", which it isn't" / ", they are not" / " never." closing the clause right after the name
DENIED_AFTER = re.compile(r",\s*(?:(?:which|and|but)\s+)?(?:it|they|this|these|that)\s+" + _NOT
                          + r"(?=\s*(?:[.,;:!)]|$))|\s+never(?=\s*(?:[.;!]|$))")  # (read on the lower-cased text)
DENIAL_WORDS = frozenset(("not", "isn", "aren", "wasn", "weren", "never"))
# (what every comma form of `DENIED_AFTER` holds, looked for on the lower-cased text before the pattern)
DENIED_PIECES = re.compile(r", ?(?:(?:which|and|but) )?(?:it|they|this|these|that) ")
# "X(, the referring diagnosis,) does not explain ..."
EXPLAIN_AFTER = re.compile(r"(?:\s*,(?P<apposed>[^,.;:()]{1,40}),)?(?:\s+(?:alone|by\s+itself|by\s+themselves|on\s+its\s+own|"
                           r"on\s+their\s+own))?\s+(?:does\s+not|doesn't|doesn\u2019t|did\s+not|didn't|cannot|"
                           r"can't|can\u2019t|would\s+not|wouldn't|fails\s+to|failed\s+to)\s+(?:fully\s+)?"
                           r"(?:explain|account\s+for)(?![a-z])", re.IGNORECASE)
EXPLAIN_WORDS = frozenset(("explain", "account"))
RAISED_AFTER = re.compile(r"\s+(?:(?:was|were|is|are|had\s+been|has\s+been|have\s+been)\s+)?(?:considered|suspected|"
                          r"raised|queried|suggested|mooted|entertained)(?:\s+by\s+[^.;:,()]{1,40}?)?"
                          r"(?:\s*[,:]\s*|\s+and\s+|\s+but\s+)(?:[^.;]{0,80}?[\s,])?"
                          r"(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
                          r"(?:not\s+(?:supported|pursued|seen|found|confirmed|borne\s+out|upheld)|put\s+aside|"
                          r"set\s+aside|dismissed|discarded|abandoned|dropped|"
                          r"(?:thought|felt|deemed|judged)\s+(?:to\s+be\s+)?(?:very\s+|most\s+|highly\s+)?unlikely)(?![a-z])",
                          re.IGNORECASE)
# round 60: names joined to the raised one ("X and Y were considered and thought unlikely": X too)
# (the gap between the two, read whole: up to two words of the next name's own phrase, "and neonatal herpes")
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:(?:an?|the)\s+)?(?:[a-z-]+\s+){0,2}",
                    re.IGNORECASE)
# round 60: a raising in the pluperfect ("an SK had been queried", "the GP had queried Bowen's disease"): a view held
# before the finding the text now states
_RAISING = r"(?:queried|suspected|considered|raised|suggested|mooted|entertained)"
EARLIER_AFTER = re.compile(r"\s+had\s+been\s+" + _RAISING + r"(?![a-z])", re.IGNORECASE)
# round 60: a raising answered by a finding against it ("Sarcoidosis was considered, but the tuberculin test was strongly
# positive"): read as the pluperfect is, only beside another condition stated
RAISED_BUT = re.compile(r"\s+(?:was|were|had\s+been)\s+" + _RAISING + r"(?:\s+(?:clinically|initially|at\s+first))?"
                        r"\s*,?\s+but\s+(?!(?:not|also|still|is|was|it|this)\s)", re.IGNORECASE)
EARLIER_BEFORE = re.compile(r"(?<![a-z])had\s+(?:been\s+)?" + _RAISING + r"\s+(?:(?:an?|the)\s+)?$", re.IGNORECASE)
# round 60: a name denied the place of the diagnosis ("Frontal fibrosing alopecia was not considered, as ...", "Simple
# cellulitis is not the working diagnosis."): the clause closes on the denial or gives its reason
NOT_RAISED_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+not\s+(?:considered|favou?red|thought\s+likely|"
                              r"the\s+(?:working|likely|leading|favou?red|main|final)\s+diagnosis)"
                              r"(?=\s*(?:[.,;:!)]|$)|\s+(?:as|because|since|given|here)(?![a-z]))", re.IGNORECASE)
RAISED_WORDS = frozenset(("considered", "suspected", "raised", "queried", "suggested", "mooted", "entertained",
                          "working", "favoured", "favored"))
# (round 60: "unlikely" for "thought unlikely", "not" for `NOT_RAISED_AFTER`, "had" for the pluperfect, "but" for
# `RAISED_BUT`)
DROPPED_WORDS = frozenset(("supported", "pursued", "seen", "found", "confirmed", "borne", "upheld", "aside",
                           "dismissed", "discarded", "abandoned", "dropped", "unlikely", "not", "had", "but"))
WORRY_AFTER = re.compile(r"\s+(?:was|were|had\s+been)\s+(?:the|his|her|their|my|our)\s+(?:[a-z]+(?:'s|\u2019s|s'|s\u2019)\s+)?"
                         r"(?:first\s+)?(?:worry|fear|concern|guess|suspicion|assumption|"
                         r"(?:referring|referral|old|previous|original|initial|earlier|prior|first)\s+(?:diagnosis|label))"
                         r"(?![a-z])", re.IGNORECASE)
# (round 60: an earlier label, "X was the referring diagnosis" / "the old label", read as a worry is: the diagnosis
# stated beside it replaces it)
WORRY_WORDS = frozenset(("worry", "fear", "concern", "guess", "suspicion", "assumption", "referring", "referral",
                         "label", "previous", "original", "initial", "earlier", "prior"))
AMENDED_AFTER = re.compile(r"\s*[(;,]\s*(?:(?:diagnosis|label|dx)\s+)?(?:amended|revised|corrected|changed|updated|"
                           r"reclassified)(?:\s+(?:after|on|following|at|by|with)\s+[^:();.]{1,40}?)?"
                           r"\s*(?::|\s+to|\s+as)\s*(?:(?:an?|the)\s+)?", re.IGNORECASE)
AMENDED_WORDS = frozenset(("amended", "revised", "corrected", "changed", "updated", "reclassified"))


MUST_EXCLUDE = re.compile(r"\s+(?:(?:is|was)\s+the\s+(?:thing|one|diagnosis|condition)\s+(?:(?:that\s+)?(?:you|we)\s+)?"
                          r"(?:must\s+not|mustn't|mustn\u2019t|cannot|can't|can\u2019t|should\s+not|shouldn't|never)\s+miss|"
                          r"(?:must|had\s+to|has\s+to|needs?\s+to)\s+be\s+(?:excluded|ruled\s+out))(?![a-z])"
                          r"(?P<after>[^.;]*[.;]?[^.;]*)", re.IGNORECASE)
TEST_NEGATIVE = re.compile(r"(?<![a-z])(?:it|this|that|which|they|the\s+[a-z]+|[a-z]+\s+serology|serology|the\s+test|"
                           r"the\s+swab|the\s+biopsy)\s+(?:was|were|came\s+back)\s+(?:negative|normal|clear)(?![a-z])",
                           re.IGNORECASE)
LATER_EXCLUDED = re.compile(r"\s+(?:(?:was|is|has\s+been|were)\s+)?(?:excluded|ruled\s+out)(?![a-z])", re.IGNORECASE)
EXCLUDE_WORDS = frozenset(("miss", "excluded"))
RESULT_WORDS = frozenset(("negative", "normal", "clear"))


def _set_aside(m: Match) -> None:
    m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


def _named_before(text: str, res: TagResult, end: int) -> Match | None:
    """The condition named right before `end`: its kept mention ends there, or its name or the words of its kept
    mention do (a result keeps one mention per node: "patchy hair loss ... the referral said alopecia areata, which it
    isn't" keeps the first)."""
    for c in res.conditions:
        if c.span[1] == end:
            return c
    low = text[max(0, end - 60):end].lower()
    for c in res.conditions:
        said = text[c.span[0]:c.span[1]].lower()
        for form in (said, c.name.lower()):
            if form and low.endswith(form) and not low[-len(form) - 1:-len(form)].isalpha():
                return c
    return None


def denied_after(text: str, res: TagResult) -> None:
    """Negates the condition right before ", which it isn't" / ", they are not" / " never" closing its clause, and the
    one a "does not explain" clause follows (after an apposition between commas at most)."""
    # (the pieces are looked for in the text as written: the words after a comma are in lower case there)
    if " never" in text or DENIED_PIECES.search(text) is not None:
        low = text.lower()
        for m in DENIED_AFTER.finditer(low):
            _deny(_named_before(text, res, m.start()))
    if "xplain" not in text and "ccount" not in text:
        return
    for m in EXPLAIN_AFTER.finditer(text):
        j = m.start()
        if m.group("apposed") is not None and m.group("apposed").strip().lower().startswith(("the ", "a ", "an ")):
            _deny(_named_before(text, res, j))
        elif m.group("apposed") is None:
            _deny(_named_before(text, res, j))


def _deny(c: Match | None) -> None:
    if c is not None and not c.negated and c.id not in SYMPTOMS:
        _set_aside(c)


def raised_dropped(text: str, res: TagResult, path_ids=None) -> None:
    """Negates a condition named as raised, considered or suspected and, in the same sentence, dropped ("thought
    unlikely" among the verbs of dropping, round 60), or denied the place of the diagnosis (`NOT_RAISED_AFTER`); a name
    joined to it by "and" / "or" / a comma right before it shares its fate ("X and Y were considered and thought
    unlikely"). Round 60: a raising in the pluperfect (`EARLIER_AFTER`, `EARLIER_BEFORE`) is a view held before the
    finding, and one answered by "but" and a finding (`RAISED_BUT`) is a view the finding overturned: set aside
    where another condition, not on its path, is stated now (ANNOTATION.md rule 5: replaced by another); alone
    ("melanoma had been suspected") it stays as the context reads it."""
    conds = sorted(res.conditions, key=lambda c: c.span[0])
    dropped: set[int] = set()
    for i in range(len(conds) - 1, -1, -1):
        c = conds[i]
        if c.negated or c.id in SYMPTOMS:
            continue
        end = c.span[1]
        if RAISED_AFTER.match(text, end) is not None or NOT_RAISED_AFTER.match(text, end) is not None:
            dropped.add(i)
        elif i + 1 in dropped and JOINED.fullmatch(text, end, conds[i + 1].span[0]) is not None:
            dropped.add(i)
        elif path_ids is not None and ("had" in text or " but " in text) and _earlier_view(text, c, conds, path_ids):
            dropped.add(i)
    for i in dropped:
        _set_aside(conds[i])


def _earlier_view(text: str, c: Match, conds: list[Match], path_ids) -> bool:
    """A name raised in the pluperfect while another condition, off its path, stands asserted in the text."""
    if EARLIER_AFTER.match(text, c.span[1]) is None and RAISED_BUT.match(text, c.span[1]) is None \
            and EARLIER_BEFORE.search(text, max(0, c.span[0] - 40), c.span[0]) is None:
        return False
    kin = path_ids(c.id)
    return any(o is not c and o.asserted and not o.historical and o.id not in SYMPTOMS and o.id not in kin
               and c.id not in path_ids(o.id) for o in conds)


def named_worry(text: str, res: TagResult, path_ids) -> None:
    """Negates a condition named as someone's worry or guess ("X was the mother's worry") where another condition, not
    on its path, is stated or hedged by a physician."""
    for c in res.conditions:
        if c.negated or c.id in SYMPTOMS or WORRY_AFTER.match(text, c.span[1]) is None:
            continue
        kin = path_ids(c.id)
        if any(o is not c and not o.negated and (not o.uncertain or o.hedged) and o.id not in kin
               and c.id not in path_ids(o.id) and o.id not in SYMPTOMS for o in res.conditions):
            _set_aside(c)


def amended(text: str, res: TagResult, path_ids) -> None:
    """Negates a condition amended in place: an amendment right after it names another condition, not on its path,
    after its colon or "to"."""
    starts = {c.span[0]: c for c in res.conditions}
    for c in res.conditions:
        m = AMENDED_AFTER.match(text, c.span[1])
        if m is None or c.negated:
            continue
        new = starts.get(m.end())
        if new is not None and new.id not in path_ids(c.id) and c.id not in path_ids(new.id):
            _set_aside(c)


# "is this xanthelasma or is it syringoma ... so xanthelasma": a question's two alternatives, then the answer
ASKED = re.compile(r"(?<![a-z])(?:is|was)\s+(?:this|it|that)\s+(?:(?:an?|the)\s+)?", re.IGNORECASE)
ASKED_OR = re.compile(r"\s*,?\s+or\s+(?:(?:is|was)\s+(?:it|this|that)\s+)?(?:(?:an?|the)\s+)?", re.IGNORECASE)
ANSWERED = re.compile(r"(?<![a-z])(?:so(?:\s+(?:this|it)\s+is|\s+it's|\s+it\u2019s|\s+they\s+are|\s+these\s+are)?|"
                      r"(?:this|it|these|they)\s+(?:is|are)|it's|it\u2019s|they're|they\u2019re)\s*,?\s+"
                      r"(?:(?:an?|the)\s+)?", re.IGNORECASE)
ASKED_WORDS = frozenset(("or",))
# (the gate's look: "is this" / "is it" / "was that" ..., one case-folded search)
ASKED_PIECES = re.compile(r"(?:is|was)\s+(?:this|it|that)\s", re.IGNORECASE)
# "it's more than dandruff, ... so scalp psoriasis": the lesser reading set aside by the diagnosis after it
MORE_THAN = re.compile(r"(?<![a-z])(?:it's|it\u2019s|it\s+is|this\s+is|that's|that\u2019s|that\s+is|they're|they\s+are)"
                       r"\s+more\s+than\s+(?:(?:just|simply|merely|a|an|simple|plain|ordinary)\s+)*")  # (lower-cased text)
MORE_WORDS = frozenset(("more",))


def _said(text: str, c: Match) -> tuple[str, ...]:
    return tuple(f for f in (text[c.span[0]:c.span[1]].lower(), c.name.lower()) if f)


def _named_at(text: str, low: str, res: TagResult, at: int) -> Match | None:
    """The condition named at `at`: its kept mention starts there, or its words or its name do."""
    for c in res.conditions:
        if c.span[0] == at:
            return c
    rest = low[at:at + 80]
    for c in res.conditions:
        if any(rest.startswith(f) and not rest[len(f):len(f) + 1].isalpha() for f in _said(text, c)):
            return c
    return None


def asked_answered(text: str, res: TagResult) -> None:
    """Round 57: "is this X or is it Y", answered later in the text by one of the two ("so X", "it's Y"): the other is
    set aside and the one named in the answer stands asserted (the question made both uncertain)."""
    low = text.lower()
    for q in ASKED.finditer(text):
        x = _named_at(text, low, res, q.end())
        if x is None:
            continue
        x_end = q.end() + next(len(f) for f in _said(text, x) if low.startswith(f, q.end())) \
            if x.span[0] != q.end() else x.span[1]
        m = ASKED_OR.match(text, x_end)
        y = _named_at(text, low, res, m.end()) if m is not None else None
        if y is None or y is x:
            continue
        for a in ANSWERED.finditer(text, m.end()):
            chosen = _named_at(text, low, res, a.end())
            if chosen is x or chosen is y:
                other = y if chosen is x else x
                if not other.negated:
                    _set_aside(other)
                chosen.negated, chosen.uncertain, chosen.hedged = False, False, False
                break


def more_than(text: str, res: TagResult, path_ids) -> None:
    """Round 57: "it's more than X" with another condition, not on X's path, named after it: X is set aside."""
    if "more than" not in text:
        return
    low = text.lower()
    for m in MORE_THAN.finditer(low):
        c = _named_at(text, low, res, m.end())
        if c is None or c.negated or c.id in SYMPTOMS:
            continue
        if any(o.span[0] > m.end() and o is not c and not o.negated and o.id not in path_ids(c.id)
               and c.id not in path_ids(o.id) and o.id not in SYMPTOMS for o in res.conditions):
            _set_aside(c)


def excluded_by_test(text: str, res: TagResult, tag) -> None:
    """Negates a condition named as the one to exclude when a negative result follows in its sentence or the next, or
    when the text later says it was excluded (`LATER_EXCLUDED` after a mention of the same node, read with `tag`: "Later:
    ... rash fading; viral exanthem, meningococcaemia excluded", a mention the result kept no span of)."""
    for c in res.conditions:
        if c.negated or c.id in SYMPTOMS:
            continue
        m = MUST_EXCLUDE.match(text, c.span[1])
        if m is None:
            continue
        if TEST_NEGATIVE.search(m.group("after")) is not None:
            _set_aside(c)
            continue
        for k in LATER_EXCLUDED.finditer(text, m.end()):
            start = max(text.rfind(ch, 0, k.start()) for ch in ".;,:") + 1
            said = tag(text[start:k.start()]).conditions
            if said and max(said, key=lambda x: x.span[1]).id == c.id:
                _set_aside(c)
                break

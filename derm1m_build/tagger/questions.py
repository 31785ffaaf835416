"""Round 57: a question is not an assertion.

A sentence that asks ("DO I HAVE GENITAL WARTS", "CAN YOU GET A SUNBURN", "Is melanoma frequently fatal?", "do you have
any itching") names what it asks about as a doubt or a kind: uncertain, and a question alone gives no `disease_label`
(ANNOTATION.md rule 6: "questioned"; set 41's chatbot questions; round 43's general teaching). The tagger already
reads the words right before a "?" (`context`'s question window: "Is this melanoma?") and a question answered after
it ("is this a keratoacanthoma? no, ...", "Q: Is this hives? ... A (allergist): Yes, ..."); this pass reads the rest
of a question sentence, where those leave a name asserted:

- **Which sentence is a question**: one that opens with an interrogative (a yes/no auxiliary with its subject after
  it, "do", "does", "can", "is", "will" ...; "why" / "how" with an auxiliary after them; with "?" also "what",
  "which", "who" ...), after the
  text's start or a sentence mark, in any case. With a "?" in the text, a question runs to its "?" and is read only
  where nothing but further questions follows it: a statement after a question is the writer's own case or an answer
  ("Is it normal for psoriasis to crack? Mine have been awful", "Is narrowband UVB safe in children with vitiligo? A
  ten-year cohort", a reply's verdict), which the other passes read; nor a question about treating the name ("What
  cream works for eczema on a baby's face?": `context.TREATMENT_QUESTION`, as the question window reads it). In a text
  with no "?" at all (speech, a chatbot line typed in capitals), a question is read only where it runs to its sentence
  end with no comma, colon or answer's word inside ("is that a wart hmm no sorry it's a molluscum", "is it psoriasis no
  doubt about it", "does anyone else get hives in the cold doc said cold urticaria": the other passes read the
  answer or the report); there a sentence starts only
  at the text's start or after a full stop, a "!" or a line break: a note's clause after ";" or ":" drops its subject
  ("Psoriasis vulgaris recorded in error; should read pityriasis rubra pilaris").
- **What is not a question**: an auxiliary with no subject after it, a fragment of a list or a note ("Could be a
  dermatofibroma", "Have had shingles for four months", "Had a stye for three days", "Is associated with ...", "Do
  not mistake it for melasma"); a
  request to a clinician ("Could you kindly see this man with ..."); "Will" as a first name.
- **What a question presupposes** keeps its status: a name owned by a person ("What is the best treatment for her
  psoriasis?", "is my eczema infected"), a population's or a setting's ("Do leprosy patients take their dapsone?", "in
  children with vitiligo", "better than methotrexate in psoriasis"), the subject of "is it normal for X to ..." (a
  writer asking whether their own experience is usual), and a name the text also says outside its questions
  ("Diagnosed with rosacea 5 years ago ... Could the rosacea be in my eyes?") is the case's, not asked about.

Only asserted names change (to uncertain, not a physician's hedge, not a conclusion); a name the other passes negated,
hedged or set uncertain is left as they read it. Gate (`core`): a condition asserted, and `may_ask` (a "?" or an
opening word of `OPENERS` at the text's start or after a sentence mark).
"""

from __future__ import annotations

import re

from derm1m_build.tagger.context import TREATMENT_QUESTION
from derm1m_build.tagger.results import TagResult

# yes/no auxiliaries that open a question with their subject after them
AUXILIARIES = frozenset(("do", "does", "did", "can", "could", "will", "would", "should", "shall", "may", "might",
                         "must", "is", "are", "was", "were", "am", "has", "have", "had"))
# contracted negatives open a question only before a "?" ("Isn't this eczema?"; "Don't scratch the eczema" is an order)
NEGATIVE_AUXILIARIES = frozenset(("isn't", "doesn't", "don't", "can't", "won't", "aren't", "wasn't", "didn't",
                                  "couldn't", "wouldn't", "shouldn't", "hasn't", "haven't"))
# "why" and "how" ask about what follows them ("WHY DO INSECT BITES ITCH"); the others ask for a thing that a lecture
# often names right after them without a mark ("what do we see here target lesions ... this is erythema multiforme"):
# read only before a "?"
WH_ALWAYS = frozenset(("why", "how"))
WH_MARKED = frozenset(("what", "which", "who", "where", "when", "whats", "what's", "whose"))
OPENERS = AUXILIARIES | WH_ALWAYS
# a spoken lead-in before the opening word ("so is this ...", "okay, do you have ...")
LEAD_INS = frozenset(("so", "and", "but", "ok", "okay", "well", "also", "then", "hi", "hey", "um", "uh", "hmm", "now"))
# the words after an auxiliary that show it has no subject: a fragment, not a question
NOT_SUBJECT = frozenset(("be", "been", "being", "not", "also", "well", "often", "usually", "rarely", "sometimes",
                         "still", "always", "never", "only", "have", "has", "had", "present", "presents", "cause",
                         "causes", "occur", "occurs", "lead", "result", "appear", "affect", "develop", "include",
                         "involve", "mimic", "resemble", "become", "spread", "recur", "persist", "require", "need",
                         "arise", "follow", "show", "seen", "common", "rare", "told", "said", "given", "done", "use",
                         "read", "try", "apply", "consider", "start", "stop", "continue", "repeat", "treat", "get",
                         "give", "take", "make", "see", "help", "respond", "heal", "improve", "worsen", "return"))
# the auxiliaries whose question needs a pronoun or a determiner as subject ("has anyone had ...", "was it ..."): with
# another word they open a note's fragment with the subject dropped ("Had few breakouts until 23", "Was told ...")
BE_HAVE = frozenset(("is", "are", "was", "were", "am", "has", "have", "had"))  # a participle after them: passive
PRONOUN_SUBJECT = frozenset(("has", "have", "had", "was", "were", "am"))
PRONOUNS = frozenset(("i", "you", "he", "she", "it", "we", "they", "anyone", "anybody", "someone", "somebody",
                      "everyone", "there"))
# before a "?" a determiner's noun phrase is a subject too ("Has the rash spread?"); unmarked, it is a dropped
# subject's object ("Had a melanoma removed in 2019", "Had a stye on my lower eyelid for three days")
MARKED_SUBJECTS = PRONOUNS | frozenset(("this", "that", "these", "those", "the", "a", "an", "my", "your", "his", "her",
                                        "our", "their", "any", "some", "people"))
# an unmarked "how" or "why" asks only with an auxiliary after it ("WHY DO INSECT BITES ITCH"); "How we treat
# locoregional melanoma" is a title's indirect clause
WH_AUXILIARIES = AUXILIARIES | frozenset(("are", "is"))
# a request to a clinician or an assistant is no question about a condition ("Could you kindly see this man with ...")
REQUEST = re.compile(r"(?:could|would|can|will)[ ]+you[ ]+(?:please[ ]+|kindly[ ]+)?(?:see|review|assess|examine|"
                     r"check|refer|help|write|create|draft|make|send|give|prescribe|arrange|book)(?![a-z])",
                     re.IGNORECASE)
# what ends an unmarked question before its sentence does (a clause mark, an answer's first word, a verb of a report):
# an answered or a continued question, left to the other passes
UNMARKED_STOP = re.compile(r"[,:;.!\n]|(?<![a-z'])(?:no|yes|nope|hmm+|well|um+|uh+|so|because|but|it'?s|this is|"
                           r"that'?s|it is|there'?s|said|says|told|diagnosed|confirmed|reckons|thinks)(?![a-z'])",
                           re.IGNORECASE)
# a name owned by a person or a population keeps its status (the case's, presupposed by the question)
OWNER_BEFORE = re.compile(r"(?:(?<![a-z])(?:my|his|her|their|your|our|with|in)|'s)[ ]+(?:[a-z-]+[ ]+)?$|"
                          r"(?<![a-z])(?:normal|usual|ok|okay)[ ]+for[ ]+(?:[a-z-]+[ ]+)?$", re.IGNORECASE)
POPULATION_AFTER = re.compile(r"[ ]+(?:patients?|sufferers?|cases)(?![a-z])", re.IGNORECASE)
SENTENCE_MARKS = ".!?;:\n"
# the first two letters of each word `may_ask` looks for, in the three cases a text writes them; the words themselves
# after a full stop or a line break
_OPEN2 = frozenset(x for w in OPENERS | LEAD_INS for x in (w[:2], w[:2].upper(), w[:1].upper() + w[1:2]))
_CASED = "|".join(sorted({x for w in OPENERS | LEAD_INS for x in (w, w.upper(), w.capitalize())}, key=len, reverse=True))
_AFTER_STOP = re.compile(r"\. +(?:" + _CASED + r")(?![A-Za-z])")
_AFTER_BREAK = re.compile(r"\n *(?:" + _CASED + r")(?![A-Za-z])")
_WORD = re.compile(r"[A-Za-z']+")


def may_ask(text: str) -> bool:
    """False only where `question_spans` finds no question: no "?" in the text, and no opening word of `OPENERS` (or a
    lead-in), in one of its three casings, at the text's first letter or after ". " or a line break and spaces (the
    only sentence starts an unmarked text's questions are read at; most texts fail all). The start's first two letters are looked up before its word is cut out; a later
    sentence's opener is one search for ". " and the words (a regex with that literal prefix, which the engine skips
    to: a Python loop over the sentences cost ~1.5 us a caption, near 1 % of the tagger's time)."""
    if "?" in text:
        return True
    if text[:2] in _OPEN2 and _cased_opener(text, 0):
        return True
    if _AFTER_STOP.search(text) is not None:
        return True
    return "\n" in text and _AFTER_BREAK.search(text) is not None


def _cased_opener(text: str, j: int) -> bool:
    """An opening word or a lead-in starts right at `j`, written in lower case, capitals or with a capital first."""
    w, a = _first_word(text, j)
    low = w.lower()
    return a == j and (low in OPENERS or low in LEAD_INS) and w in (low, low.upper(), low.capitalize())


def _first_word(text: str, i: int) -> tuple[str, int]:
    m = _WORD.search(text, i)
    return (m.group(), m.start()) if m is not None else ("", len(text))


def _opens_question(text: str, start: int, marked: bool) -> int | None:
    """The offset of the question's opening word when the sentence from `start` opens with one (after a lead-in and
    an opening quote), else None. `marked`: the sentence ends with "?"."""
    w, a = _first_word(text, start)
    if text[start:a].strip(" \t\"'\u2018\u201c(*-"):
        return None
    low = w.lower()
    if low in LEAD_INS:
        w, a = _first_word(text, a + len(w))
        low = w.lower()
    if marked and (low in WH_ALWAYS or low in WH_MARKED):
        return a
    if low in WH_ALWAYS:
        return a if _first_word(text, a + len(w))[0].lower() in WH_AUXILIARIES else None
    if marked and low in NEGATIVE_AUXILIARIES:
        return a
    if low not in AUXILIARIES:
        return None
    nxt, b = _first_word(text, a + len(w))
    nlow = nxt.lower()
    if not nxt or nlow in NOT_SUBJECT or nlow in NEGATIVE_AUXILIARIES or (
            low in BE_HAVE and len(nlow) > 4 and nlow.endswith("ed")):  # "Is associated with", not "CAN HEATED ...
        return None
    if low in PRONOUN_SUBJECT and nlow not in (MARKED_SUBJECTS if marked else PRONOUNS):
        return None
    if low == "will" and w[:1] == "W" and nxt[:1].isupper() and not text.isupper():
        return None  # "Will Smith ..."
    if REQUEST.match(text, a) is not None:
        return None
    return a


def question_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each question sentence `ask_nothing` reads (module docstring)."""
    out = []
    if "?" in text:
        end = len(text.rstrip(" \t\n\"'\u2019\u201d)"))
        while end > 0 and text[end - 1] == "?":
            q = end - 1
            while q > 0 and text[q - 1] == "?":
                q -= 1
            start = max(text.rfind(ch, 0, q) for ch in SENTENCE_MARKS) + 1
            a = _opens_question(text, start, True)
            if a is not None and TREATMENT_QUESTION.search(text, a, q) is None:
                out.append((a, q))
            end = len(text[:start].rstrip(" \t\n\"'\u2019\u201d)")) if start else 0
        return out
    start = 0
    while start < len(text):
        stop = min((i for i in (text.find(ch, start) for ch in ".!\n") if i >= 0), default=len(text))
        # (the sentence starts `may_ask` reads: the text's first letter, after ". " or a line break and spaces)
        seg = text[start:stop]
        j = start + len(seg) - len(seg.lstrip(" "))
        if (j == 0 or (start and (text[start - 1] == "\n" or (text[start - 1] == "." and j > start)))) \
                and _cased_opener(text, j):
            a = _opens_question(text, j, False)
            if a is not None and UNMARKED_STOP.search(text, a + 1, stop) is None:
                out.append((a, stop))
        start = stop + 1
    return out


def ask_nothing(text: str, res: TagResult) -> None:
    """Asserted conditions inside a question sentence (`question_spans`) become uncertain kinds, never the label,
    unless a person or a population owns them (`OWNER_BEFORE`, `POPULATION_AFTER`)."""
    spans = question_spans(text)
    if not spans:
        return
    low = None
    for c in res.conditions:
        if c.negated or c.uncertain:
            continue
        a, b = c.span
        for qa, qb in spans:
            if qa <= a and b <= qb:
                if OWNER_BEFORE.search(text, max(qa, a - 30), a) is None \
                        and POPULATION_AFTER.match(text, b) is None:
                    low = text.lower() if low is None else low
                    if not _named_outside(low, low[a:b], spans):
                        c.uncertain, c.hedged, c.concluded = True, False, False
                break


def _named_outside(low: str, name: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the name is also said outside every question ("Diagnosed with rosacea 5 years ago ... Could the rosacea
    be in my eyes?"): a statement names the case, and the question asks about the case it named."""
    i = low.find(name)
    while i >= 0:
        if not any(qa <= i < qb for qa, qb in spans):
            return True
        i = low.find(name, i + 1)
    return False

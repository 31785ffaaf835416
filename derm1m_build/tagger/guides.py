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

from derm1m_build.tagger.cues import POINTS_AT_CASE
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


# round 43: a bare "abscess" in a heart or urinary tract guide ("Paravalvular extension and abscess formation", "Renal
# abscess or perinephric abscess | Abscess requires prolonged therapy"): the organ's abscess the text is about, not a
# skin abscess (rule 3 of the annotation guide), where the text names a heart valve, the heart, the kidney or the
# urinary tract and no skin or soft tissue
ORGAN_ABSCESS_WORDS = frozenset(("endocarditis", "valve", "valves", "valvular", "paravalvular", "perivalvular",
                                 "intracardiac", "echocardiogram", "echocardiography", "myocardial", "renal", "kidney",
                                 "kidneys", "perinephric", "pyelonephritis", "urinary", "prostatic", "uti"))
ORGAN_SKIN_WORDS = frozenset(("skin", "cutaneous", "subcutaneous", "soft", "wound", "boil", "boils", "furuncle",
                              "carbuncle", "cellulitis", "perianal", "pilonidal", "axilla", "axillary", "groin",
                              "buttock", "injection", "drug", "drugs", "iv"))


def organ_abscess(text: str, res: TagResult, words: set[str]) -> None:
    """Drop a bare "abscess" (the name alone) from a text about the heart or the urinary tract that names no skin
    (`ORGAN_ABSCESS_WORDS`, `ORGAN_SKIN_WORDS`)."""
    if not ORGAN_SKIN_WORDS.isdisjoint(words):
        return
    res.conditions = [c for c in res.conditions
                      if not (c.id == "abscess" and text[c.span[0]:c.span[1]].lower() in ("abscess", "abscesses"))]


# round 42: a sentence that describes a condition in general ("Burns are classified by depth ...", "Cellulitis
# presents with a hot, tender leg", "Keloids can follow acne on the chest"): a teaching text's or a guideline's subject
# is the disease as a kind, not a patient's lesion. The condition opens its clause (the sentence, or after a colon or a
# semicolon) after at most two words that are no determiner or possessive ("Facial burns", "Most keloids"; not "This
# rash", "Her psoriasis"), and its predicate is a generic present: "presents with / as", a passive of how the kind is
# classified, caused or treated, "is / are common / rare in ...", "occurs / arises in", or a modal of what it can do
# ("can follow", "may spread"). Neither the past ("was treated") nor an observation ("are seen", "are present") is one.
# The clause reaches to a contrast (", but", "whereas", "while"): "keloids can follow acne, but this patient has a
# hypertrophic scar" keeps the case's scar. A clause that points at a case or a picture (`POINTS_AT_CASE`, the writer
# or the reader: "my", "you can see") describes that case and is left.
GENERIC_PREDICATE = re.compile(
    r"(?:[ ]*\([^()]{1,60}\))?[ ]*(?:,[ ]*)?"
    r"(?:(?:presents?|manifests?)[ ]+(?:(?:typically|usually|classically|most[ ]+often|often|commonly)[ ]+)?(?:with|as)"
    r"|(?:is|are)[ ]+(?:(?:usually|typically|often|commonly|generally|mainly|mostly|best|traditionally)[ ]+)?"
    r"(?:classified|categori[sz]ed|graded|staged|divided|caused|transmitted|inherited|treated|managed|diagnosed)"
    # (round 44: what the kind becomes with age, "Seborrheic keratoses become more common with age")
    r"|(?:is|are|becomes?)[ ]+(?:(?:more|less|most|very|relatively|particularly|especially)[ ]+)?(?:common|rare|uncommon|frequent|"
    # (round 56: a season between, "Hand, foot and mouth disease outbreaks are common each autumn in our nurseries")
    r"prevalent)[ ]+(?:(?:each|every|in|in[ ]+the|during[ ]+the)[ ]+(?:spring|summer|autumn|fall|winter|year)[ ]+)?"
    r"(?:in|among|after|before|on|than|with)"
    r"|(?:occurs?|arises?)[ ]+(?:(?:most|more|mainly|mostly|usually|typically|often|commonly|predominantly)[ ]+){0,2}"
    r"(?:in|on|among|after|when)"
    r"|(?:can|may|might|could|tends?[ ]+to)[ ]+(?:(?:also|often|sometimes|occasionally|rarely|even)[ ]+)?"
    r"(?!be[ ]+(?:seen|noted|present|found|visible|shown|excluded|ruled|confirmed))[a-z]+"
    # round 43: an adverb of what the kind usually does, right after the name ("Psoriasis typically presents",
    # "Pemphigus vulgaris usually begins in the mouth", "Cellulitis is usually unilateral"); a definition or a share of
    # a class ("Urticaria is defined by wheals", "Onychomycosis accounts for half of all nail dystrophies"); where the
    # kind sits ("favours the scalp"); the kind as the commonest of a class ("is the commonest skin disease of")
    r"|(?P<r43>(?<![,])(?<![,][ ])(?:(?:is|are)[ ]+)?(?:usually|typically|classically|characteristically|generally|commonly|mainly|mostly|"
    r"predominantly|principally|chiefly|primarily)[ ]+[a-z]+"
    # round 49: "often" / "frequently" right before the kind's verb ("Atopic dermatitis often begins before the first
    # birthday"); after a copula it describes ("lesions are often elevated": a definition's features, left as stated)
    r"|(?:often|frequently)[ ]+(?!be[ ])[a-z]+(?:s|ed)(?=[ ])"
    # the kind placed in its class ("Rosacea is a chronic facial condition of adults", "Leprosy is a chronic
    # granulomatous infection principally affecting the skin") or as a class's cause ("... are a major cause of")
    r"|(?:is|are)[ ]+an?[ ]+(?:[a-z-]+[ ]+){0,3}?(?:diseases?|illness(?:es)?|disorders?|conditions?|infections?|"
    r"dermatos[ie]s|genodermatos[ie]s|tumou?rs?|neoplasms?|malignanc(?:y|ies)|cancers?|eruptions?)"
    # (round 49: an adverb before the class's relative, "a chronic infection principally affecting the skin")
    r"(?:[ ]+(?:(?:principally|mainly|mostly|primarily|chiefly|usually|typically|predominantly)[ ]+)?"
    r"(?:of|in|that|which|affecting|characteri[sz]ed|caused|among|seen)(?![a-z])|[ ]*[,.;]|$)"
    # round 49: what the kind is not, in general ("Scabies is not caused by poor hygiene", "Psoriasis is not
    # contagious"): a patient's lesion is told with a determiner ("this rash is not contagious")
    r"|(?:is|are)[ ]+not[ ]+(?:(?:usually|always|normally|generally)[ ]+)?(?:caused|transmitted|inherited|contagious|"
    r"infectious|catching)(?![a-z])"
    r"|(?:is|are)[ ]+(?:an?|the)[ ]+(?:major|main|leading|common|frequent|important|rare|recogni[sz]ed|well-known|"
    r"serious)[ ]+(?:causes?|complications?|features?|manifestations?)[ ]+of"
    r"|(?:is|are)[ ]+defined[ ]+(?:by|as)|accounts?[ ]+for|favou?rs"
    # round 44: the kind's nature and need of care ("Seborrhoeic keratoses are benign and need no treatment",
    # "Milia are harmless"): a patient's lesion is told with a determiner ("this one is benign")
    r"|(?:is|are)[ ]+(?:(?:always|usually|generally|almost[ ]+always|entirely)[ ]+)?(?:benign|harmless)(?=[ ]+and|[ ]*[,.;]|$)"
    # what the kind does, in the simple present ("Alopecia areata produces smooth patches", "Shingles follows a
    # dermatome", "Keloids extend beyond the wound"): a patient's lesion is told in the past or with a determiner
    r"|(?<![,])(?<![,][ ])(?:produces?|gives?|follows?|affects?|involves?|spreads?|begins?|starts?|extends?|spares?|heals?|"
    r"resolves?|recurs?|responds?|dimples?"
    # round 56: what the kind causes, in the simple present, "still" allowed ("Leprosy still causes numb pale patches
    # in parts of the world"); a patient's lesion is told in the past or with a determiner ("this rash caused")
    r"|(?:still[ ]+)?causes"
    # round 52: how the kind travels ("Scabies passes between people by prolonged skin-to-skin contact")
    r"|passes[ ]+(?:between|from|to|through|via)(?![a-z]))(?=[ ])"
    r"|(?:is|are)[ ]+(?:the[ ]+)?(?:commonest|most[ ]+common|leading|main)[ ]+(?:[a-z-]+[ ]+){0,2}?"
    r"(?:diseases?|disorders?|conditions?|infections?|causes?|tumou?rs?|cancers?|dermatos[ie]s|rash(?:es)?)"
    r"[ ]+(?:of|in|among)))(?![a-z])",
    re.IGNORECASE)
GENERIC_PREDICATE_WORDS = frozenset(("presents", "present", "manifests", "manifest", "classified", "categorised",
                                     "categorized", "graded", "staged", "divided", "caused", "transmitted", "inherited",
                                     "treated", "managed", "diagnosed", "common", "rare", "uncommon", "frequent",
                                     "prevalent", "occurs", "occur", "arises", "arise", "can", "may", "might", "could",
                                     "tend", "tends", "usually", "typically", "classically", "characteristically",
                                     "generally", "commonly", "defined", "accounts", "account", "favours", "favors",
                                     "commonest", "leading", "main", "produces", "produce", "gives", "give",
                                     "follows", "follow", "affects", "affect", "involves", "involve", "spreads",
                                     "spread", "begins", "begin", "starts", "start", "extends", "extend", "spares",
                                     "spare", "heals", "heal", "resolves", "resolve", "recurs", "recur", "responds",
                                     "respond", "dimples", "dimple", "mainly", "mostly", "predominantly",
                                     "principally", "chiefly", "primarily", "disease", "diseases", "illness",
                                     "disorder", "disorders", "condition", "conditions", "infection", "infections",
                                     "dermatosis", "dermatoses", "genodermatosis", "tumour", "tumor", "tumours",
                                     "tumors", "neoplasm", "malignancy", "cancer", "cancers", "eruption", "eruptions",
                                     "cause", "causes", "complication", "complications", "benign", "harmless",
                                     # round 49
                                     "often", "frequently", "contagious", "infectious", "catching",
                                     # round 52
                                     "passes"))
# the determiners and possessives that make a subject one lesion or one person's ("this rash", "her psoriasis")
_NOT_KIND = frozenset("this the that these those his her our my your their its a an one i we he she it you".split())
# the contrast that ends the general clause before a case ("..., but this patient has ...")
_CONTRAST = re.compile(r",[ ]*(?:but|whereas|while|although|though|however)(?![a-z])|[ ](?:whereas|but)[ ]")
# the writer or the reader at the case ("my", "you can see") in addition to `POINTS_AT_CASE`
_CASE_PERSON = re.compile(r"(?<![a-z])(?:i|my|me|we|you|your|mine)(?![a-z])", re.IGNORECASE)
_LIST_GAP = frozenset((",", "and", "or", "/", "and/or"))
_MODIFIED_HEAD = re.compile(r"(?:[ ]+[A-Za-z0-9][A-Za-z0-9-]*){1,3}?(?=[ ]+(?:can|may|might|could|tends?|is|are|presents?|occurs?|"
                            r"arises?)[ ])")
# words that make the run no noun phrase (a verb or a preposition: "Psoriasis was seen in ...", "Eczema on the hands")
_NOT_HEAD = frozenset("is are was were be been has have had do does did of on in at to for with from by and or but as "
                      "not no".split())


# round 43: what, after the general clause's semicolon, takes up the kind itself rather than turning to a patient: the
# lesion as "this one" / "these ones", a picture ("here", "shown", "image"), the writer or the reader at it ("you can
# see"): then the statement describes the case (a teaching caption); "this man", "her lesions" are the case beside it
_TAKES_UP_KIND = re.compile(r"(?<![a-z])(?:(?:this|that|these|those)[ ]+ones?|here|shown|pictured|image|photo|photograph|"
                            r"slide|you|we|i|my|(?:typical|classic|characteristic|diagnostic)[ ]+of[ ]+(?:it|them))"
                            r"(?![a-z])", re.IGNORECASE)
# (round 43) a title in title case ("Phytophotodermatitis Is an Occupational Dermatosis"): a title asserts its subject


def _title_case(text: str) -> bool:
    long = [w for w in text.split() if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _named_again(text: str, cond, conds, stop: int, end: int) -> bool:
    """Whether the case part of the sentence (text[stop:end]) names the condition again by the same words (a plural
    as its singular), not as a part of another condition's name ("a superficial spreading melanoma" is no second
    "melanoma")."""
    name = text[cond.span[0]:cond.span[1]].lower()
    name = name[:-1] if name.endswith("s") and len(name) > 4 else name
    if len(name) < 4:
        return False
    for g in re.finditer(r"(?<![a-z])" + re.escape(name) + r"(?:e?s)?(?![a-z])", text[:end].lower()[stop:]):
        i, j = stop + g.start(), stop + g.end()
        if not any(d is not cond and d.span[0] <= i and j <= d.span[1] and d.span[1] - d.span[0] > j - i for d in conds):
            return True
    return False


def _clause_start(text: str, a: int) -> int:
    """Where the clause of the mention at `a` starts: a sentence end, a colon or a semicolon before it."""
    # (speed round 44: six finds written out, no generator: ~1 us less a condition)
    return max(text.rfind(".", 0, a), text.rfind("!", 0, a), text.rfind("?", 0, a), text.rfind("\n", 0, a),
               text.rfind(":", 0, a), text.rfind(";", 0, a)) + 1


def _long_lead(text: str, a: int) -> bool:
    """Speed (round 44): whether the 48 characters before `a` alone show three or more words of the clause before the
    name (no clause end among them, so the clause starts before them and holds every word they hold): the name does
    not open its clause, as `general_subject`'s lead test would find after reading the whole clause. False where the
    window cannot tell (a clause end in it, or the text starts in it): the full test decides."""
    if a <= 48:
        return False
    w = text[a - 48:a]
    if "." in w or ":" in w or ";" in w or "\n" in w or "!" in w or "?" in w:
        return False
    return len(w.replace("(", " ").split(None, 3)) > 2


def general_subject(text: str, res: TagResult) -> None:
    """A condition that is the subject of a general statement (`GENERIC_PREDICATE`), and the conditions of its clause,
    are uncertain: named as a kind in teaching or guideline prose, not found in a patient; never the label."""
    conds = sorted(res.conditions, key=lambda c: c.span[0])
    done: set[int] = set()
    for i, c in enumerate(conds):
        if i in done or c.negated or _long_lead(text, c.span[0]):
            continue
        start = _clause_start(text, c.span[0])
        lead = text[start:c.span[0]].replace("(", " ").split()
        if len(lead) > 2 or any(w.lower().strip(",") in _NOT_KIND for w in lead):
            continue
        # a list of kinds may be the subject ("Atopic eczema, psoriasis and HS can ...")
        j, end = i, c.span[1]
        while j + 1 < len(conds) and conds[j + 1].span[0] >= end and set(
                text[end:conds[j + 1].span[0]].replace(",", " , ").split()) <= _LIST_GAP:
            j, end = j + 1, max(end, conds[j + 1].span[1])
        m = GENERIC_PREDICATE.match(text, end)
        if m is None:
            # the kind as a noun's modifier opening the subject ("Burn wound depth assessment may be inaccurate ...",
            # "Psoriasis flares can follow a sore throat"): up to three plain lower-case words, then the predicate
            g = _MODIFIED_HEAD.match(text, end)
            if g is None or not _NOT_KIND.isdisjoint(g.group(0).lower().split()) or not _NOT_HEAD.isdisjoint(
                    g.group(0).lower().split()):
                continue
            m = GENERIC_PREDICATE.match(text, g.end())
            if m is None:
                continue
        # round 43's predicates (an adverb, a simple present, a class) are read in written prose only: a spoken
        # lecture's "so shingles typically follows a dermatome" speaks over the slide it shows, and a title asserts
        if m.group("r43") is not None and (text.islower() or _title_case(text)):
            continue
        stop_m = _CONTRAST.search(text, m.end())
        sent_end = _sentence(text, c.span[0], m.end())[1]
        reach = min(stop_m.start(), sent_end) if stop_m is not None else sent_end
        # the clause after a semicolon is read for the case too ("... presents as a red nodule; this one was on the
        # cheek of an 80-year-old"), but only the general clause's names are the kind's
        semi = text.find(";", m.end(), reach)
        stop = semi if semi >= 0 else reach
        # round 43: a teaching statement beside a case in one sentence ("Psoriasis typically presents with ...; this
        # patient, however, has ...") is read per clause: the general clause must not point at a case; the clause
        # after its semicolon makes the statement the case's only where it takes up the kind itself ("this one",
        # "here", a picture: `_TAKES_UP_KIND`), not where it turns to a patient ("this man", "our 16-year-old")
        if POINTS_AT_CASE.search(text, start, stop) or _CASE_PERSON.search(text, start, stop) or (
                stop < reach and _TAKES_UP_KIND.search(text, stop, reach)):
            continue
        for k, d in enumerate(conds):
            if start <= d.span[0] < stop and not d.negated:
                # round 43: a name the case part of the sentence says again is the case's ("Impetigo is most common
                # in children, but this 70-year-old's crusts were impetigo too"): it keeps the case's status
                if _named_again(text, d, conds, stop, sent_end):
                    done.add(k)
                    continue
                d.uncertain, d.hedged, d.historical = True, False, False
                done.add(k)


# round 42: a knowledge-base or guide heading that lists what a disease looks like in general ("Key features of
# cellulitis: ...", "Red flags: rapidly spreading purpura with fever ...", "Typical signs:"): the entry names the
# condition as a kind and what to look for, not a patient's finding: uncertain, never the label, unless the entry
# points at a case or a picture.
FEATURES_HEADING = re.compile(
    r"(?:^|(?<=[.;!?\n])|(?<=[.;!?\n][ ]))[ ]*(?:(?:key|typical|classic|classical|cardinal|characteristic|"
    r"distinguishing)[ ]+(?:features|signs|clues)|red[ ]+flags?|warning[ ]+signs)"
    r"(?:[ ]+(?:of|for|in)[ ]+[^:.;]{1,60})?[ ]*:", re.IGNORECASE)
FEATURES_HEADING_WORDS = frozenset(("features", "signs", "clues", "flags", "flag"))


def features_heading(text: str, res: TagResult) -> None:
    """The conditions of an entry under a features heading (`FEATURES_HEADING`), to the entry's sentence end, are
    uncertain, unless the entry points at a case or a picture."""
    for m in FEATURES_HEADING.finditer(text):
        stops = [i for i in (text.find(c, m.end()) for c in (". ", "!", "?", "\n")) if i >= 0]
        stop = min(stops, default=len(text))
        if POINTS_AT_CASE.search(text, m.start(), stop) or _CASE_PERSON.search(text, m.start(), stop):
            continue
        for c in res.conditions:
            if m.start() <= c.span[0] < stop and not c.negated:
                c.uncertain, c.hedged, c.historical = True, False, False


# round 42: a guideline's instruction about a kind of patient ("Avoid nasotracheal intubation in patients with facial
# burns", "Refer children with widespread eczema herpeticum the same day", "Monitor ... in adults with extensive
# psoriasis"): the sentence opens with an imperative of care and names the condition as what defines the group, a
# "patients / children / adults ... with" phrase; advice for anyone with the disease, no case: uncertain, never the
# label. A study's subjects ("In patients with psoriasis, methotrexate reduced ...") open with no imperative, and a
# plan for the one patient in a letter names no group ("Refer to dermatology for the eczema").
CARE_IMPERATIVE = re.compile(
    r"(?:^|(?<=[.;:!?\n])|(?<=[.;:!?\n][ ]))[ ]*(?:(?:do[ ]+not|don'?t|always|never)[ ]+)?(?:avoid|monitor|consider|refer|"
    r"assess|screen|offer|give|initiate|admit|obtain|perform|treat|manage|prescribe|escalate|"
    r"examine|counsel|cover|cool|elevate|debride|swab)(?![a-z])", re.IGNORECASE)
CARE_IMPERATIVE_WORDS = frozenset(("avoid", "monitor", "consider", "refer", "assess", "screen", "offer", "give",
                                   "initiate", "admit", "obtain", "perform", "treat", "manage", "prescribe", "escalate",
                                   "examine", "counsel", "cover", "cool", "elevate", "debride", "swab"))
GROUP_WITH_BEFORE = re.compile(r"(?<![a-z])(?:patients|children|adults|people|individuals|infants|those|anyone|women|"
                               r"men)[ ]+with[ ]+(?:(?!the[ ]|this[ ]|these[ ]|that[ ])[a-z][a-z-]*[ ]+){0,2}$",
                               re.IGNORECASE)


def care_instruction(text: str, res: TagResult) -> None:
    """The conditions that define a group of patients (`GROUP_WITH_BEFORE`) in a sentence opening with an imperative
    of care (`CARE_IMPERATIVE`) are uncertain, unless the sentence points at a case or a picture."""
    for m in CARE_IMPERATIVE.finditer(text):
        a, b = _sentence(text, m.start(), m.end())
        if POINTS_AT_CASE.search(text, a, b) or _CASE_PERSON.search(text, a, b):
            continue
        for c in res.conditions:
            if a <= c.span[0] < b and not c.negated and GROUP_WITH_BEFORE.search(text, max(a, c.span[0] - 60),
                                                                                 c.span[0]):
                c.uncertain, c.hedged, c.historical = True, False, False


# round 42: a condition quantified as a kind at the start of its clause ("Any full-thickness burn should be referred",
# "All infected eczema needs ...", "The following burns are treated in a burn centre:"): every member of the kind, no
# one patient's: uncertain, never the label. Only plain modifiers between the quantifier and the name (not "All
# patients with psoriasis", a study's subjects, nor "all the warts", one patient's lesions), and no case or picture
# in the sentence.
QUANTIFIED_BEFORE = re.compile(r"(?:^|(?<=[.;:!?\n])|(?<=[.;:!?\n][ ]))[ ]*(?:any|all|every|the[ ]+following)[ ]+"
                               r"(?:[a-z0-9()-]+[ ]+){0,6}$", re.IGNORECASE)
QUANTIFIED_WORDS = frozenset(("any", "all", "every", "following"))
# (a preposition makes another noun the quantified head: "All therapies for vitiligo are limited" is about therapies;
# a verb makes "all" the subject of a case statement: "all had psoriasis" says what the study's patients had)
_NOT_QUANTIFIED_GAP = frozenset("the this these those his her their my our its of with for in on to against from after "
                                "about patients patients' children cases subjects people adults women men "
                                "had has have were was showed developed presented received".split())


def quantified_kind(text: str, res: TagResult) -> None:
    """A condition after `QUANTIFIED_BEFORE` at its clause start is uncertain, unless its sentence points at a case."""
    for c in res.conditions:
        a = c.span[0]
        m = QUANTIFIED_BEFORE.search(text, max(0, a - 60), a)
        if m is None or c.negated:
            continue
        gap = text[m.start():a].lower().replace("(", " ").replace(")", " ").split()[1:]
        if not _NOT_QUANTIFIED_GAP.isdisjoint(gap[1:] if gap[:1] == ["following"] else gap):
            continue
        s, e = _sentence(text, a, c.span[1])
        if POINTS_AT_CASE.search(text, s, e) or _CASE_PERSON.search(text, s, e):
            continue
        c.uncertain, c.hedged, c.historical = True, False, False


# Round 44: a guideline's recommendation carries its evidence grade in brackets ("(Strong, High)", "(Conditional, Very
# Low)", "(Class I, Level of Evidence B)", "(Class IIa, LOE B-R)", "(Grade A)"): a recommendation for patients in
# general, no patient's finding, even as a verbless fragment ("1 or more subcutaneous tophi (Strong, High)")
EVIDENCE_GRADE = re.compile(r"\((?:class[ ]+(?:i{1,3}|iia|iib|iv)|strong|conditional|weak|grade[ ]+[a-d1-2])(?:[ ]*[,:)]|[ ]+"
                            r"recommendation)|level[ ]+of[ ]+evidence|(?<![a-z])loe[ ]*:?[ ]*[a-c](?![a-z])",
                            re.IGNORECASE)
EVIDENCE_GRADE_WORDS = frozenset(("class", "strong", "conditional", "weak", "grade", "loe", "evidence", "recommendation"))


def graded_recommendation(text: str, res: TagResult) -> None:
    """Round 44: every condition of a text holding an evidence grade (`EVIDENCE_GRADE`) is uncertain (never the label);
    a negation stays."""
    if EVIDENCE_GRADE.search(text) is None:
        return
    for c in res.conditions:
        if not c.negated:
            c.uncertain, c.hedged, c.historical = True, False, False


# Round 45: a patient leaflet's list item that completes a lead-in ("Call 111 if:", "Ask for an urgent GP appointment
# if:") and so opens in lower case with the reader as its subject ("you're an adult and have chickenpox", "you have a
# weakened immune system and you've been near someone with chickenpox"). The item is a condition of the lead-in's
# advice: it names the generic reader's possible condition, not anyone's finding (as "if you have chickenpox" is).
# Only a one-clause item (no sentence end inside, at most `READER_ITEM_WORDS` words), so that a lower-case transcript
# line ("you have a classic plaque here. it's psoriasis") keeps its own reading; "you have to / you've got to" (a
# teaching imperative) is not the reader's state.
READER_ITEM = re.compile(r"you(?:'|\u2019| )?(?:re|are|have|ve)(?![a-z])(?! to )(?! got to )")
READER_ITEM_WORDS = 20


def reader_item(text: str, res: TagResult) -> None:
    """Round 45: the conditions of a lower-case leaflet item addressed to "you" (`READER_ITEM`) are the generic
    reader's possible ones: uncertain, never the label; a denied one ("haven't had chickenpox before") stays denied.
    The caller gates on the text's first character being "y"."""
    if READER_ITEM.match(text) is None or len(text.split()) > READER_ITEM_WORDS:
        return
    if any(ch in text[:-1] for ch in ".?!;:\n"):
        return
    for c in res.conditions:
        if not c.negated:
            c.uncertain, c.hedged, c.concluded = True, False, False


# Round 49: an exam's question about a disease ("Which of the following is true about jaundice?", "Exam question 4:
# which of the following is NOT a feature of dermatitis herpetiformis? (a) ... (b) ...") names it as a kind to be
# taught, not a patient's finding, and its "NOT" denies a feature, not the disease: uncertain, never the label
# (ANNOTATION.md's set-35 decision "a short question about a disease is general teaching"; sets 19-21, 25, 26, 35).
# The options lettered after the question belong to it; a case told after it ("Our patient today has ...") does not.
EXAM_STEM = re.compile(r"(?<![a-z])which[ ]+of[ ]+the[ ]+following(?![a-z])", re.IGNORECASE)
EXAM_OPTIONS = re.compile(r"[ ]*\(?[a-eA-E][).][ ]")
# round 53: a true/false question's numbered statements ("Which of the following statements are True/False? 1. Hirsutism,
# which is defined as ..., affects approximately 25% of women. 2. ..."): each a statement about the kinds it names
EXAM_STATEMENTS = re.compile(r"[ ]*\(?1[).][ ]")
# Round 49: a general causal statement in the simple present, its subject a kind ("Papillomaviruses cause warts and
# cancer", "UVB causes sunburn and skin cancer", "Nickel causes allergic contact dermatitis in many people"): the
# diseases named after "cause(s)" are kinds, uncertain, never the label; a case is told with a determiner or a person
# ("this cream caused my dermatitis", "the new watch strap causes her rash": `_NOT_KIND`, `_CASE_PERSON`)
CAUSE_BEFORE = re.compile(r"(?<![a-z])causes?[ ]+(?:(?:both|mainly|mostly|most|many|some|several)[ ]+)?$",
                          re.IGNORECASE)
GENERAL_ASK_WORDS = frozenset(("following", "cause", "causes"))


def exam_question(text: str, res: TagResult) -> None:
    """The conditions of a "which of the following" question (and of its lettered options) are uncertain kinds."""
    for m in EXAM_STEM.finditer(text):
        start = _clause_start(text, m.start())
        q = text.find("?", m.end())
        end = len(text) if q < 0 else q + 1
        if q >= 0 and EXAM_OPTIONS.match(text, end):
            nxt = text.find(". ", end)
            end = len(text) if nxt < 0 else nxt
        elif q >= 0 and EXAM_STATEMENTS.match(text, end):
            end = len(text)  # round 53: the numbered statements the question asks about, to the text's end
        for c in res.conditions:
            if start <= c.span[0] < end:
                c.negated = False
                c.uncertain, c.hedged, c.historical = True, False, False


# Round 50: an exam's open stem ("Fish tank granuloma is seen in -", "All are true about temporal arteritis except -",
# "Regarding Sjogren's syndrome, all are true except: September 2010", "'Patterned' abrasion is variety of:") is one
# short sentence that ends in the answer's blank (a dash, a colon or an underline with nothing after it, or only the
# exam's month and year): it asks about a disease as a kind, so the names in it are uncertain, never the label, as a
# "which of the following" question (above; ANNOTATION.md's set-35 decision "a short question about a disease is
# general teaching"). A guide's list heading reads the same ("The following burn injuries should be referred to a
# burn centre:", sets 29's teaching rows `?`). A stem about a case is told with a person, an age, a pronoun or a
# demonstrative ("A 6-year-old boy with ... is treated with -", "this rash is:"): `EXAM_STEM_CASE` keeps it as it is.
# Gate: the text's last character is one of `EXAM_STEM_LAST` (the blank's marks, or a digit for the trailing date).
EXAM_STEM_BLANK = "-:_\u2013\u2014"
EXAM_STEM_LAST = frozenset(EXAM_STEM_BLANK + "0123456789")
EXAM_STEM_WORDS = 25
# a stem asks: the word before its blank wants what follows (a preposition, a copula, "except", "true"), or a question
# word or an exam's verdict word stands in it ("Which is not true of erythema nodosum:", "Regarding X, ...")
EXAM_STEM_BEFORE_BLANK = frozenset("in of by for to with as at from on is are was were be except true false correct "
                                   "incorrect following include includes including".split())
EXAM_STEM_ASK = frozenset("which what regarding about true false except following".split())
EXAM_STEM_DATE = re.compile(r"[ ]*(?:January|February|March|April|May|June|July|August|September|October|November|"
                            r"December)[ ]+(?:19|20)[0-9]{2}[ ]*$")
EXAM_STEM_CASE = re.compile(
    r"(?<![a-z])(?:[0-9]+[ -]*(?:years?|yrs?|months?|weeks?|days?|hours?)|patients?|presents?|presented|man|woman|men|"
    r"women|boy|girl|child|baby|infant|he|she|his|her|him|i|my|me|we|our|you|your|this|these|here|shown|pictured|"
    r"photo|image|figure|fig)(?![a-z])", re.IGNORECASE)


def exam_stem(text: str, res: TagResult) -> None:
    """The conditions of a one-sentence exam stem ending in its blank (`EXAM_STEM_BLANK`, maybe followed by the
    exam's month and year) that tells no case (`EXAM_STEM_CASE`) are uncertain kinds. The caller gates on the text's
    last character (`EXAM_STEM_LAST`)."""
    t = text.rstrip()
    if t[-1:].isdigit():
        m = EXAM_STEM_DATE.search(t)
        if m is None:
            return
        t = t[:m.start()]
    if t[-1:] not in EXAM_STEM_BLANK:
        return
    body = t.rstrip(EXAM_STEM_BLANK + " ")
    # a dash joined to the word before it ("B36.-") is no blank; then one sentence: no other sentence end, colon or
    # line inside
    if not body or (t[len(body)] in "-\u2013\u2014" and t[-1] != ":"):
        return
    if len(body.split()) > EXAM_STEM_WORDS or any(ch in body for ch in "?!;\n:") or ". " in body or \
            body.endswith(".") or EXAM_STEM_CASE.search(body):
        return
    words = body.lower().replace(",", " ").replace("'", " ").split()
    if words[-1] not in EXAM_STEM_BEFORE_BLANK and EXAM_STEM_ASK.isdisjoint(words):
        return  # a row with an empty field ("Plaque psoriasis, left elbow -") asks nothing
    for c in res.conditions:
        c.negated = False
        c.uncertain, c.hedged, c.historical = True, False, False


# Round 51: the same stem with no blank: it ends on its copula ("Gene involved in Cowden syndrome is", "Drug of choice for
# scabies is?") or opens with the exam's verdict word ("False about obstructive jaundice", "All are true about X
# except"). A pronoun before the copula is a speaker's clause ("so epidermoid cyst it is", "no idea what it is"), no
# stem. Gates (`core`): the text ends in `EXAM_OPEN_END`, or its first four letters are one of `EXAM_OPEN_LEAD_START`.
EXAM_OPEN_END = (" is", " are", " is?", " are?")
EXAM_OPEN_LEAD = re.compile(r"(?:all[ ]+are[ ]+)?(?:true|false|not[ ]+true|untrue|incorrect|correct|wrong)[ ]+"
                            r"(?:about|regarding|of|statement|statements|in)(?![a-z])", re.IGNORECASE)
EXAM_OPEN_LEAD_START = frozenset(("true", "fals", "all ", "not ", "untr", "inco", "corr", "wron"))
EXAM_OPEN_WORDS = 20
_OPEN_PRONOUNS = frozenset("it what that this there they which who".split())


def exam_open_stem(text: str, res: TagResult) -> None:
    """The conditions of a one-sentence exam stem left open without a blank (`EXAM_OPEN_END`, `EXAM_OPEN_LEAD`) that
    tells no case (`EXAM_STEM_CASE`) are uncertain kinds, never the label, as `exam_stem` reads a stem ending in its
    blank."""
    t = text.strip()
    body = t.rstrip("?")
    words = body.split()
    if len(words) > EXAM_OPEN_WORDS or any(ch in body for ch in "!;\n:?") or ". " in body or \
            EXAM_STEM_CASE.search(body):
        return
    if not EXAM_OPEN_LEAD.match(body):
        if len(words) < 3 or words[-1].lower() not in ("is", "are") or words[-2].lower() in _OPEN_PRONOUNS:
            return
    for c in res.conditions:
        c.negated = False
        c.uncertain, c.hedged, c.historical = True, False, False


def general_cause(text: str, res: TagResult) -> None:
    """The conditions a general causal statement names after "cause(s)" are uncertain kinds (`CAUSE_BEFORE`)."""
    conds = sorted(res.conditions, key=lambda c: c.span[0])
    for i, c in enumerate(conds):
        if c.negated or not c.span[0]:
            continue
        m = CAUSE_BEFORE.search(text, max(0, c.span[0] - 40), c.span[0])
        if m is None:
            continue
        start = _clause_start(text, m.start())
        lead = text[start:m.start()].replace("(", " ").split()
        if not lead or len(lead) > 3 or any(w.lower().strip(",") in _NOT_KIND for w in lead) or \
                _CASE_PERSON.search(text, start, m.start()) or POINTS_AT_CASE.search(text, start, m.start()):
            continue
        # the list that follows "causes" ("causes sunburn and skin cancer") is the same statement's
        end = c.span[1]
        for d in conds[i:]:
            if d.span[0] >= end and set(text[end:d.span[0]].replace(",", " , ").split()) <= _LIST_GAP:
                end = d.span[1]
            if d is c or d.span[1] <= end:
                d.uncertain, d.hedged, d.historical = True, False, False


# Round 52: a request to an assistant ("Write a short poem for a teenager who is embarrassed about her acne", "Explain
# to a ten-year-old what chickenpox is", "Summarise why sunburn in childhood raises the risk of melanoma", set 37's
# `request` style beside its instruction prompts) opens with an imperative of writing: the conditions it names are the
# topic of the text to be written, kinds, no one's finding: uncertain, never the label. The writer's own condition
# stays ("Draft an email to my dermatologist: the cryotherapy on my plantar wart did not work", "I have had plaque
# psoriasis since college. Write me a care plan": the request is not the first sentence), and so does what follows a
# colon (the material handed over) or a pointer at a case or a picture (`_REQUEST_CASE`). Gate (`core`): the text's first word is one of
# `REQUEST_VERBS`.
REQUEST_VERBS = frozenset(("write", "explain", "summarise", "summarize", "draft", "compose", "create", "generate",
                           "rewrite", "outline", "describe",
                           # round 53: a table or a list asked for ("Make a table of five differences between psoriasis
                           # and eczema for second-year medical students"), and a role to play ("Act as a science
                           # teacher and briefly answer these questions. ... Athletes foot is a fungal disease ...")
                           "make", "list", "compare", "tabulate", "act"))
# round 53: a role-play request ("Act as a science teacher and answer these questions ...") sets the whole text: the
# questions that follow it are the request's, up to the text's end, unless the writer speaks of themself or of a case
# (`_ROLE_CASE`: "these questions" points at no lesion, so `_REQUEST_CASE`'s pronouns are not read there)
ROLE_PLAY = re.compile(r"act[ ]+as[ ]+(?:an?|the|my)[ ]+", re.IGNORECASE)
_ROLE_CASE = re.compile(r"(?<![a-z])(?:shown|pictured|image|photo|photograph|slide|case|patient|patient's)(?![a-z])",
                        re.IGNORECASE)
_REQUEST_END = ".!?:\n"
_FIRST_PERSON = re.compile(r"(?<![a-z])(?:i|my|me|mine|i'm|i've)(?![a-z])", re.IGNORECASE)
# a request about a case points at it ("Describe this rash", "the patient's", "the photo"); a request's audience ("for a
# teenager ... her acne", "to a ten-year-old") is no case, so `POINTS_AT_CASE`'s pronouns and ages are not read here
_REQUEST_CASE = re.compile(r"(?<![a-z])(?:this|these|here|shown|pictured|image|photo|photograph|slide|case|patient|"
                           r"patient's)(?![a-z])", re.IGNORECASE)


def assistant_request(text: str, res: TagResult) -> None:
    """Round 52: the conditions of a text's opening request sentence (`REQUEST_VERBS`) are uncertain kinds, never the
    label, unless the sentence speaks of the writer (`_FIRST_PERSON`) or points at a case (`_REQUEST_CASE`)."""
    if text[:4].lower() == "act " and ROLE_PLAY.match(text) is None:
        return  # "Act drmtitis solar rdiat": a catalogue's abbreviation of "actinic", no request
    if ROLE_PLAY.match(text):
        end = len(text)
        if _FIRST_PERSON.search(text) or _ROLE_CASE.search(text):
            return
    else:
        ends = [i for i in (text.find(ch) for ch in _REQUEST_END) if i >= 0]
        end = min(ends, default=len(text))
        if _FIRST_PERSON.search(text, 0, end) or _REQUEST_CASE.search(text, 0, end):
            return
    for c in res.conditions:
        if c.span[0] < end and not c.negated:
            c.uncertain, c.hedged, c.historical, c.concluded = True, False, False, False

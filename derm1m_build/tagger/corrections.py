"""Self-correction: a name the text takes back ("a hypertrophic scar, no actually it's a keloid", "hallow
nevus, halo nevus sorry"), what an earlier label said ("I called it X ... it's actually Y") and what a
label was before it was changed ("was X, now Y"). Mixed into `Tagger`."""

from __future__ import annotations

import re

from derm1m_build.tagger.cues import CLINICIANS, QUESTION_NO
from derm1m_build.tagger.labels import SYMPTOMS

_S = r"[ |]+"
# markers of a correction in the normalised text ("no, wait" is "no| wait" there)
CORRECTION = re.compile(r"(?<![a-z])(?:" + "|".join(p.replace(" ", _S) for p in (
    "no wait", "sorry", "or rather", "i should say", "but it s really", "but it s actually", "but its actually",
    "but look at", "but if you look at", "but this is",
    "but it is actually", "it s actually", "it is actually", "and it s not", "and it is not", "at first but",
    # round 60: the same denial in its other contraction ("everybody's first instinct is tinea, and it isn't tinea")
    "and it isn t", "and they aren t", "and they re not", "and they are not",
    "but (?:the |my |our |his |her )?(?:doctor|dr|doc|dermatologist|derm|gp|biopsy|pathology|histology|"
    "paediatrician|pediatrician|nurse|consultant|specialist|physician|pathologist|clinic|hospital|surgeon) "
    "(?:says|said|showed|shows|thinks|confirmed|reckons|came back)",
    # "labelled it cellulitis; on review it's erysipelas", "called it eczema; it is in fact mycosis
    # fungoides", "sure he had bed bugs but the bites were actually scabies", "label this a cherry angioma
    # but it's a pyogenic granuloma"
    "in fact", "on review", "on reflection", "were actually", "was actually", "is actually", "are actually",
    "but it s", "but it is", "but its", "but they re", "but they are",
    "no this is", "no it s", "no it is", "this is actually",
    "but on (?:dermoscopy|dermatoscopy|biopsy|histology|pathology|closer (?:look|inspection)|examination)",
    "but it s not", "but it is not",
    # round 8: "molluscum... no, these are too big ... they're keratoacanthomas"
    "no these are", "no they re", "no they are", "no those are",
    # round 9: "is that chicken pox no hold on ...", "seb k, scratch that, ... a bcc", "the slide says
    # psoriasis; that is an error, ...", a record's name replaced ("keyed as lentigo; corrected to lentigo
    # maligna", "the panel changed it to ...", "is reclassified as ...", "in the teaching file, wrong, it's ...")
    "hold on", "scratch that", "is an error", "was an error", "corrected to", "changed it to", "changed to",
    "reclassified as", "reclassified to",
    # round 14: the same verbs with their object ("the pathologist reclassified it as ...", "recoded the lesion as")
    "(?:reclassified|recoded|relabelled|relabeled|rediagnosed|corrected|changed|amended) (?:it|this|them|the lesion|"
    "the diagnosis|the label) (?:as|to)", "wrong it s", "wrong it is", "wrong this is",
    # "i want to call this eczema, hmm, no, ...", "a lipoma, ah no, it has a punctum"
    "hmm no", "ah no", "uh no", "um no", "er no", "oh no",
    # round 11: "vitiligo no hang on ... it's ...", a report's name swapped ("'X' replaced by 'Y'")
    "hang on", "replaced by", "replaced with",
    # round 29: a first answer turned down after a pause ("basal cell, isn't it? but no, ... so sebaceous hyperplasia");
    # only "but no" closed by a clause break, never "a rash but no scale"
    r"but no(?=\|)",
    # round 37: a spoken repair "X, I mean, Y" ("melanosis, I mean, this is a Becker naevus"); only with its commas,
    # never "I mean really itchy"
    r"(?<=\|) i mean(?=\|)",
)) + r")(?![a-z])")
CLINICIAN_VERBS = ("says", "said", "diagnosed", "confirmed", "thinks", "reckons")
CORRECTION_R6 = re.compile(r"(?<![a-z])(?:" + "|".join(p.replace(" ", _S) for p in (
    "no actually", "wait no", "correction", "nope", "turns out", "which makes it", "which makes this",
    "then biopsied", "and then biopsied",
    # round 7: "the form says chickenpox, uh, that was wrong, it's ...", "a dermatofibroma, no hold on that's
    # the wrong one, this is a DFSP", "sorry, I mixed up the slides"
    "that was wrong", "that s wrong", "thats wrong", "the wrong one", "wrong slide", "mixed up",
    # round 8: "first i said contact dermatitis but thinking about it ... so it's a photoallergic reaction",
    # "is this a basal cell? no no look again its a sebaceous hyperplasia", "a milium, no, look, ... molluscum",
    # "Previous diagnosis of fungal nail revised: nail psoriasis", an erratum's `for "X" read "Y"` (the
    # quotes are "|" in the normalised text)
    "thinking about it", "on second thought", "on second thoughts", "come to think of it", "no look",
    "look again", "revised", r"(?<=\|\s)read(?=\s\|)",
    # round 11: "a spitz or actually no ... it's a melanoma", "on second review ... so X", "although it resembled X
    # clinically, the final diagnosis was Y"
    "actually no", "on second review", "on second look", "on re review", "on rereview",
    "the final diagnosis was", "the final diagnosis is", "final diagnosis was",
    # round 15: a report's name withdrawn ("the diagnosis of dermatofibroma is withdrawn; ..."), an answer that
    # overrules what was written ("I wrote cellulitis above but the doctor actually said erysipelas")
    "is withdrawn", "was withdrawn", "has been withdrawn", "actually said", "actually says",
    # round 16: the same for a report's other words ("the previously reported BCC is retracted; ...")
    "is retracted", "was retracted", "has been retracted", "is rescinded", "was rescinded", "is revoked",
    # round 46: a name the writer struck through ("I wrote urticaria in the notes, then crossed it out: ... so urticarial
    # vasculitis"): taken back as "is withdrawn" is, when another name follows
    "(?:crossed|struck) (?:(?:it|that|this) )?(?:out|through)",
    # round 58: the same record changed in words ("I wrote guttate psoriasis in the notes, then changed it: ... so a drug
    # eruption", set 42)
    "(?:then|and|later|since) (?:changed|altered|amended|corrected) (?:it|that|this|the entry|the diagnosis)",
    # round 57: the speaker's own repair said in words ("I said tinea, let me correct myself, ... it's nummular eczema",
    # "I stand corrected"), and a slide's or a photo's caption declared wrong ("Slide 14 says scabies. Sorry, that's the
    # wrong caption: this is papular urticaria"; it may answer the sentence before, `ACROSS_SENTENCE`)
    "correct myself", "let me correct (?:that|this)", "stand corrected",
    "wrong (?:caption|legend|label|picture|image|photo|slide title)",
)) + r")(?![a-z])")
# round 15: a name someone stated earlier ("i said psoriasis a minute ago", "we called it hives", "first we thought
# impetigo", "the earlier report said 'dermatofibroma'", "the referral said 'query melanoma'") answered later in the
# text by another diagnosis after an answer marker ("it's actually", "turned out to be", "came back as", "on deeper
# levels", "on examination it is", "the report says") is set aside (negated); a third person's thought ("the GP
# thought it was cellulitis but it turned out to be ...") is not such a frame and stays a guess
PRIOR_FRAME = re.compile(r"(?<![a-z])(?:i said|i wrote|i put|i labelled it|i called it|we called it|we called this|"
                         # round 17: "i called that a seborrheic wart a second ago but ...", "we used to call this a
                         # keratoacanthoma but ...", "I said in my first post it was hives but ..."
                         r"i called that|i called this|we called that|(?:we|i|they|people) used to call (?:this|it|that|these|them)|"
                         r"i said in my (?:first|last|earlier|previous|original) (?:post|message|comment|reply)|"
                         r"we thought|we diagnosed|first i thought|"
                         # round 16: "we initially thought this was cellulitis", "i originally said"
                         r"(?:i|we)[ |]+(?:initially|originally|first|at[ |]+first)[ |]+(?:thought|said|called[ |]+it|"
                         # round 55: a first record ("I first recorded 'guttate psoriasis' but ...")
                         r"diagnosed|labelled[ |]+it|wrote|recorded|noted|documented|entered|typed|coded)|(?:earlier|previous|original|first) report said|"
                         r"referral said|request said|form said|"
                         # round 58: a search engine's naming, answered later by a clinician's (set 42: "google says
                         # scabies. Update: the GP looked at them and says they're bed bug bites"): round 46's lay naming
                         r"(?:dr[ |]+)?google[ |]+(?:says|said|thinks|reckons)|the[ |]+internet[ |]+(?:says|said)|"
                         r"(?:i[ |]+)?googled(?:[ |]+it)?(?:[ |]+and)?(?:[ |]+it)?[ |]+(?:says|said)|"
                         # round 29: a name typed or reported earlier ("I typed psoriasis; the real answer is ...",
                         # "the lesion was reported as a haemangioma; pathology shows ...")
                         r"i typed|i keyed|i put down|i wrote down|"
                         # round 41: the writer's belief on the way in ("Went in thinking I had ringworm ... but the
                         # GP ... said it was nummular eczema"), answered later as above
                         r"(?:(?:i|we|she|he)[ |]+)?(?:went|came)[ |]+in[ |]+(?:thinking|sure|convinced)[ |]+(?:that[ |]+)?"
                         r"(?:(?:i|we|she|he)[ |]+(?:had|d[ |]+got|had[ |]+got)|it[ |]+(?:was|s))|"
                         # round 36: a dictated name ("Earlier I dictated 'guttate psoriasis'; please amend ..."), and
                         # what another named it, answered later ("what my GP called eczema turned out to be scabies")
                         r"i dictated|we dictated|i had dictated|"
                         # round 38: the writer's own assumption ("what I assumed was athlete's foot turned out to be
                         # psoriasis", "I presumed it was eczema ... came back as ..."), answered later as above
                         r"(?:what[ |]+)?(?:i|we)[ |]+(?:had[ |]+)?(?:assumed|presumed)(?:[ |]+(?:was|were))?|"
                         r"what[ |]+(?:my|the|our|his|her|their)[ |]+(?:[a-z]+[ |]+){0,2}?(?:called|diagnosed|labelled|"
                         r"labeled|treated[ |]+as)|"
                         # round 45: another's mistaken belief in a relative clause ("had been using a steroid on what
                         # he thought was eczema ... what you're seeing is perioral dermatitis"), as "what my GP called"
                         # round 46: what lay people told the writer it was ("Everyone on here told me my itchy
                         # groin was jock itch ... a GP who said it's inverse psoriasis"): a lay naming, answered later
                         # by a clinician's (`PRIOR_ANSWER`); never a clinician's own "told me" (a guess kept `?`)
                         r"(?:everyone|everybody|people|friends|my[ |]+(?:friends?|mum|mom|mother|dad|father|wife|"
                         r"husband|partner|sister|brother|family))(?:[ |]+(?:on[ |]+here|online|at[ |]+work))?[ |]+"
                         r"(?:had[ |]+)?told[ |]+(?:me|us|him|her)(?:[ |]+(?:that|it|my|his|her|the|this)){0,2}"
                         r"(?:[ |]+[a-z]+){0,3}?[ |]+(?:was|were|is|are|s)|"
                         r"what[ |]+(?:he|she|they|you|we|i)[ |]+(?:had[ |]+)?thought"
                         r"(?:[ |]+(?:was|were))?|"
                         # round 45: a colleague's name for the lesion, answered by the speaker ("the resident called
                         # this cellulitis but ..., so this is stasis dermatitis"), as "we called this"
                         r"(?:the|my|our|a)[ |]+(?:resident|registrar|trainee|intern|student|junior|referrer|"
                         r"referring[ |]+(?:doctor|gp|clinician)|gp|doctor|nurse)[ |]+(?:called|labelled|labeled|diagnosed)"
                         r"[ |]+(?:this|it|that|these|them)(?:[ |]+as)?|"
                         r"(?:was|were)[ |]+(?:reported|labelled|labeled|coded|filed|signed[ |]+out)[ |]+as|"
                         # round 54: a forum story's first naming by someone who does not diagnose ("the school nurse
                         # said verruca", "the pharmacist said eczema"), answered in a later sentence by a physician
                         # who names another diagnosis (`PRIOR_ANSWER`'s "called it"):
                         # the story tells the guess to say it was wrong; with no such answer it stays a guess
                         r"(?:the|my|our|a|his|her)[ |]+(?:[a-z]+[ |]+)?(?:nurse|pharmacist|chemist|midwife|"
                         r"podiatrist|beautician|hairdresser|teacher|coach|trainer)[ |]+(?:said|says|thought|thinks)"
                         r"(?:[ |]+(?:it s|it is|it was|its|they re|they are|they were))?|"
                         # round 34: a record's first heading ("Provisional: cellulitis. Revised after review: ...",
                         # "Working diagnosis, impetigo; amended after the swab: ...")
                         # round 57: a first impression ("everyone's first thought is ringworm, but ..., so this is
                         # nummular eczema"), and what a lesion was treated as before the answer ("the GP froze it
                         # twice as an actinic keratosis. biopsy: Bowen's disease")
                         r"(?:(?:[a-z]+[ |]+s|the|my|our|his|her|their|your)[ |]+)?first[ |]+(?:thought|impression|"
                         r"instinct|guess)[ |]+(?:is|was|would[ |]+be|will[ |]+be)|"
                         r"(?:froze|frozen|treated|cauterised|cauterized|curetted|burned|burnt)[ |]+(?:it|them|this|that|"
                         r"the[ |]+lesion)(?:[ |]+(?:twice|once|repeatedly|again|(?:two|three|four|several|many)[ |]+times))?[ |]+as|"
                         r"(?:provisional|working|initial|preliminary|presumptive|admission)(?:[ |]+(?:diagnosis|"
                         r"impression|dx|label))?[ |]*\|)"
                         r"[ |]+(?:(?:it|this|that)[ |]+(?:was|is|s)[ |]+)?(?:(?:query|possible|exclude|rule out)[ |]+)?"
                         r"(?:an?[ |]+|the[ |]+)?$")
PRIOR_ANSWER = re.compile(r"(?<![a-z])(?:it s actually|it is actually|its actually|actually said|actually says|"
                          r"turned out to be|turned out to|came back as|"
                          # round 29: the speaker's own repair ("I said erythema nodosum ..., I meant erythema
                          # induratum"), the answer given ("the real answer is ..."), the slides' verdict
                          r"i meant|i mean|i meant to say|"
                          # round 36: a letter's correction ("please amend the letter to read pityriasis lichenoides")
                          r"amend(?:ed)?(?:[ |]+(?:the|this|my|that|our)[ |]+(?:letter|note|report|record|entry|"
                          r"diagnosis|label))?[ |]+to[ |]+(?:read|say)|"
                          # round 33: the repair without its subject ("I wrote lichen planus on the form but meant
                          # lichen sclerosus", "typed psoriasis, meant to type pityriasis rosea")
                          r"(?:but|and)[ |]+(?:i[ |]+)?(?:meant|intended)(?:[ |]+to[ |]+(?:write|type|say|put|enter))?|"
                          r"meant to (?:write|type|say|put|enter)|the (?:real|correct|right|true) (?:answer|diagnosis) is|"
                          r"(?:pathology|histology|histopathology|the biopsy|biopsy) (?:shows|showed|confirms|confirmed|"
                          r"said|says|came back)|deeper levels|on examination it is|"
                          # round 57: a result's heading ("biopsy: Bowen's disease", "histology: a pilomatricoma")
                          r"(?:pathology|histology|histopathology|biopsy|the biopsy)[ ]*\||"
                          # round 34: the heading that replaces a record's first one ("Revised after review: ...,
                          # so lipodermatosclerosis", "Amended: ...", "Final diagnosis: ..."): its answer may come after
                          # the reasons (`REVISED_REACH` words)
                          r"(?P<revised>revised|amended|updated|corrected|changed (?:after|on|following)|"
                          r"final (?:diagnosis|dx|impression))|"
                          r"on examination it s|the report says|the report said|report shows|so it s|so its|"
                          # round 45: a lecturer's answer about the slide ("what you're seeing is ...", "so this is ...")
                          r"what[ |]+(?:you|we)[ |]+(?:re|are)[ |]+(?:seeing|looking[ |]+at)(?:[ |]+here)?[ |]+is|"
                          r"so[ |]+this[ |]+is|"
                          # round 46: a clinician's verdict reported by the patient ("The doctor took a scraping and
                          # says it's scalp ringworm", "saw a GP who said it's inverse psoriasis")
                          # round 54: the physician's own naming a few words on in the story ("The dermatologist
                          # pared it and called it talon noir"), after a lay first naming (`PRIOR_FRAME`)
                          r"(?:doctor|dr|doc|gp|dermatologist|derm|consultant|specialist|physician|paediatrician|"
                          r"pediatrician)(?:[ |]+[a-z]+){0,6}?[ |]+(?:called|calls|diagnosed)[ |]+(?:it|them|this)"
                          r"(?:[ |]+as)?|"
                          r"(?:doctor|dr|doc|gp|dermatologist|derm|consultant|specialist|physician|paediatrician|"
                          r"pediatrician)(?:[ |]+who)?(?:[ |]+[a-z]+){0,5}?[ |]+(?:says|said)(?:[ |]+that)?[ |]+"
                          r"(?:it s|it is|its|it was|they re|they are|they were)|"
                          # round 17: a "but" and, a few words on, the new name ("but actually with those comma
                          # vessels it's a dermal naevus", "but the allergy clinic says it's angioedema", "but
                          # honestly it behaves like a well differentiated squamous cell carcinoma")
                          r"but(?:[ |]+[a-z]+){0,8}?[ |]+(?:it s|it is|its|it was|they re|they were|called it|calls it|behaves like|"
                          r"behave like))(?![a-z])")

REVISED_REACH = 12
# round 58: a repair announced before the name it takes back ("Let me correct myself from earlier: I said nail psoriasis
# for that picture, but those nails are fungal, onychomycosis", set 43): the frame's name is set aside when another
# diagnosis follows it, as round 57's "I said tinea, let me correct myself, ... it's nummular eczema" reads the repair
# after the name
REPAIR_AHEAD = re.compile(r"(?<![a-z])(?:correct[ |]+myself|let[ |]+me[ |]+correct|i[ |]+stand[ |]+corrected|"
                          r"a[ |]+correction)(?![a-z])[^.;]{0,40}$")
# round 55: a first record the same sentence goes on to overrule ("Note amended: I first recorded 'guttate psoriasis' but
# the lesions are crusted papules with a mica-like scale ...: pityriasis lichenoides chronica"): "first" says the record
# did not last, and the "but" brings its replacement, however many findings come before the new name (round 23 reads "at
# first we called it" so); only a frame that says "first" / "initially" / "originally", and only to the sentence's end
# (its gate, `core`: a verb of these and a word of `FIRST_WORDS` among the text's words)
FIRST_RECORD_WORDS = frozenset(("recorded", "noted", "documented", "entered"))
FIRST_WORDS = frozenset(("first", "initially", "originally"))
FIRST_FRAME = re.compile(r"(?<![a-z])(?:first|initially|originally)(?![a-z])")
FIRST_BUT = re.compile(r"[^.;!?]*?(?<![a-z])but(?![a-z])[^.;!?]*")

# round 7: "we called it eczema for years but it turned out to be mycosis fungoides" sets aside a name stated
# as fact; a guess before it stays a guess ("the GP thought it was cellulitis but it turned out to be ...")
TURNED_OUT = re.compile(r"(?<![a-z])but" + _S + r"(?:it|they|this|that)" + _S + r"turned" + _S + r"out(?![a-z])")
CORRECTION_R6_CLINICIAN = re.compile(r"(?<![a-z])(?:the|my|our|his|her)" + _S + r"(?:[a-z]+" + _S + r"){0,2}(?:"
                                     + "|".join(CLINICIANS) + ")" + _S + "(?:" + "|".join(CLINICIAN_VERBS)
                                     + r")(?![a-z])")
# a guess ("you'd think alopecia areata", "called a cold sore by the patient") answered after "but" by a
# finding named as the answer ("that's trichotillomania", "so herpes zoster") is set aside too; a plain
# "but" does not set aside a physician's statement, and "but it turned out to be" keeps the guess
# uncertain (as the gold set reads "the GP thought it was cellulitis but it turned out to be ...")
GUESS_BUT = re.compile(r"(?<![a-z])but(?![a-z])")
# round 46: the plural answer too ("many think milia but there's no white keratin inside, they are syringomas")
ANSWER_BEFORE = re.compile(r"(?<![a-z])(?:it s|it is|this is|that s|that is|so|so it s|its|thats|they are|they re|"
                           r"these are|those are)(?: an?| the)?"
                           # round 19: one describing word before the answer's name ("it's a ruptured epidermoid cyst")
                           r"(?: (?:ruptured|inflamed|irritated|thrombosed|infected|early|simple|typical|classic))?[ |]*$")
# round 19: a first impression named by its look ("what looks like an abscess but actually ... it's a ruptured
# epidermoid cyst"): a physician's hedge, yet answered after "but" as a guess is
RESEMBLANCE = re.compile(r"(?<![a-z])(?:(?:looks?|looked|looking|sounds?)[ |]+like|resembles?|resembling)[ |]+"
                         r"(?:(?:an?|the)[ |]+)?$")
# someone else's opinion after "but" is no answer to a guess ("I think it's acne but my mum says it's rosacea":
# the gold set keeps both readings)
REPORTED = re.compile(r"(?<![a-z])(?:says|said|thinks|thought|reckons)(?![a-z])")
# markers that may answer a guess made in the sentence before ("assumed it was a boil. Turns out it's ...")
ACROSS_SENTENCE = ("turns out", "correction", "wrong")
# round 57: a repair that opens the sentence right after the name it takes back ("and this one is a, um, lipoma. No,
# wait, ... it's an epidermoid cyst", "probably an actinic keratosis. Scratch that, ... call it a basal cell carcinoma"):
# the name ends one sentence and the repair starts the next, nothing between but the stop, so the repair reaches it as
# it reaches a name before a comma; an apology or "in fact" opening a sentence is no repair of the one before ("Sorry
# for the long post"), so only these markers (as they stand in the normalised text)
REPAIR_OPENERS = frozenset(("no| wait", "no wait", "wait| no", "wait no", "scratch that", "hold on", "hang on",
                            "no| actually", "no actually", "actually| no", "actually no", "nope", "correction"))
# round 16: a record's earlier name and its new one ("Label changed by curator: was 'melanoma', now 'seborrheic
# keratosis'", "formerly eczema, now psoriasis"): the earlier one is set aside
WAS_BEFORE = re.compile(r"(?<![a-z])(?:was|formerly|previously|originally|old label|previous label)[ |]+"
                        r"(?:(?:labelled|labeled|called|diagnosed as|coded as|filed as|listed as|keyed as)[ |]+)?"
                        r"(?:an?[ |]+)?[ |]*$")
NOW_AFTER = re.compile(r"[ |]*(?:now|is now|now reads|now called|now labelled|now labeled)[ |]+(?:an?[ |]+)?[ |]*")

# round 29: an alternative named only to say how it would differ ("This appears to be a keloid; a hypertrophic scar
# would stay within the wound", "it's a corn ..., a wart would break the lines"): a clause that opens with "a X would"
# and a verb of behaviour sets X aside when the text names another diagnosis. A hedge stays open ("a fungal infection
# would explain the scale", "a biopsy would be needed"): those verbs are not read
WOULD_AFTER = re.compile(r"[ |]+would(?:[ |]+(?:usually|typically|normally|always|often|generally|rather))?[ |]+"
                         r"(?!(?:be|explain|explains|fit|account|suit|match|support|need|require|also|make|merit|"
                         r"warrant|still|give|cause|have to|deserve)(?![a-z]))[a-z]")
# round 30: the same teaching contrast in the generic present ("a keloid grows beyond the scar, a hypertrophic scar does
# not; this is a keloid", "a lipoma typically slips under the finger; this one is fixed, a dermatofibroma"): what the
# kind usually does, said to tell it from the lesion shown
GENERIC_AFTER = re.compile(r"[ |]+(?:(?:is|are)[ |]+(?:usually|typically|normally|always|generally|classically)[ |]+|"
                           r"(?:usually|typically|normally|always|generally|classically|tends?[ |]+to)[ |]+"
                           r"(?!(?:be|look|looks|present|presents|seen|found|caused|associated)(?![a-z]))|"
                           r"(?:does|do)[ |]+not[ |]+|doesn[ |]+t[ |]+|don[ |]+t[ |]+|does[ |]+not(?![a-z])|doesn[ |]+t(?![a-z])|"
                           r"(?:grows|stays|spreads|respects|spares|crosses|fades|blanches|extends)(?![a-z]))")
GENERIC_WORDS = frozenset(("usually", "typically", "normally", "always", "generally", "classically", "tends", "tend",
                           "does", "doesn", "don", "do", "grows", "stays", "spreads", "respects", "spares", "crosses",
                           "fades", "blanches", "extends"))
# (the kind in general: "a" / "an" only; "the psoriasis does not itch" is this patient's)
# (round 57: a relative clause's kind too, "there's a central punctum, which a boil doesn't have")
GENERIC_BEFORE = re.compile(r"(?:^|[|;]|(?<![a-z])(?:whereas|while|but|and|which))[ |]*an?[ |]+$")
WOULD_BEFORE = re.compile(r"(?:^|[|;]|(?<![a-z])(?:whereas|while|but|and))[ |]*(?:an?|the)[ |]+$")


# round 60: a repair's conclusion announced as the speaker's call ("a pyogenic granuloma, no wait, sorry, the rim is
# pigmented and it has been growing for four months in a 58-year-old, so I'm calling it a nodular melanoma"): the reasons
# between the repair and its answer may run past the 20 words a bare answer is looked for in; an answer so announced is
# looked for in 40
CALLED_ANSWER = re.compile(r"(?<![a-z])(?:i[ |]+m[ |]+calling[ |]+it|i[ |]+am[ |]+calling[ |]+it|i[ |]+d[ |]+call[ |]+it|"
                           r"i[ |]+would[ |]+call[ |]+it|so[ |]+(?:it[ |]+s|it[ |]+is|this[ |]+is))[ |]+(?:an?[ |]+)?$")


def _within_reach(n: str, me: int, a: int) -> bool:
    """The answer at `a` is near enough the repair that ends at `me`: 20 words, or 40 after `CALLED_ANSWER`."""
    words = len(n[me:a].replace("|", " ").split())
    return words <= 20 or (words <= 40 and CALLED_ANSWER.search(n, max(0, a - 30), a) is not None)


class CorrectionPasses:
    """The self-correction passes of `Tagger._finish`: each takes the text's forms and its hits and marks the
    names taken back."""

    def _corrections(self, text: str, n: str, hits, flags, old: bool = True, r6: bool = True,
                     but: bool = True) -> None:
        """Spoken self-correction and a guess overruled: "is this a melanoma? no, it's a seborrheic
        keratosis", "this is psoriasis, sorry, actually ...", "I thought it was a spider bite but the doctor
        said it's an abscess". A condition just before the marker is negated when a condition follows it."""
        conds = sorted({(a, b) for a, b, t, _ in hits if t.kind == "condition"})
        if len(conds) < 2:
            return
        # (start, end, answers a guess only, may reach the sentence before, spares refinements and generic words)
        marks = [(m.start(), m.end(), False, False, False) for m in CORRECTION.finditer(n)] if old else []
        if "?" in text:
            marks += [(m.start(), m.end(), False, False, False) for m in QUESTION_NO.finditer(text)]
        if r6:
            marks += [(m.start(), m.end(), False, n[m.start():m.end()].startswith(ACROSS_SENTENCE), True)
                      for m in CORRECTION_R6.finditer(n)]
            marks += [(m.start(), m.end(), False, False, True) for m in CORRECTION_R6_CLINICIAN.finditer(n)]
            stated_only = {m.start() for m in TURNED_OUT.finditer(n)}
            marks += [(m, m + 1, False, False, True) for m in stated_only]
        else:
            stated_only = ()
        if but:
            marks += [(m.start(), m.end(), True, False, True) for m in GUESS_BUT.finditer(n)]
        if not marks:
            return
        ids, weak = {}, set()
        for a, b, t, _ in hits:
            if t.kind == "condition":
                ids[(a, b)] = t.nid
                if t.weak:
                    weak.add((a, b))
        path_ids = self.ontology.path_ids
        if "sorry" in n:
            marks = self._sorry_after(n, conds, flags, marks)
        for ms, me, guess_only, across, spare in marks:
            after = [(a, b) for a, b in conds if a >= me and _within_reach(n, me, a)
                     and not flags[(a, b)][0] and (not guess_only or (
                         not flags[(a, b)][1] and ANSWER_BEFORE.search(n, max(0, a - 20), a)
                         and not REPORTED.search(n, me, a)))]
            if not after:
                continue
            # what the answer refines is not set aside ("hives ... the doctor said cold urticaria"), nor a
            # generic word for the lesion ("the mole ... the dermatologist says it's a melanoma")
            after_ids = {p for x in after for p in path_ids(ids[x])} if spare else {ids[x] for x in after}
            for a, b in conds:
                # a symptom is no diagnosis set aside ("my whole body itches ... but the doctor said eczema")
                f = flags[(a, b)]
                # round 12: a generic word guessed as the diagnosis ("assumed it was a boil. Turns out it's a
                # pilonidal cyst") is set aside like any guess; only a generic word naming the lesion is spared
                if b > ms or ids[(a, b)] in after_ids or ids[(a, b)] in SYMPTOMS:
                    continue
                # round 56: a generic word named as a likeness ("it looks like a wart on the sole, but when you pare it
                # ..., it's a corn") is a first impression answered, as any resemblance is, not the lesion's own name
                resembled = f[3] and RESEMBLANCE.search(n, max(0, a - 24), a) is not None
                if spare and (a, b) in weak and not (f[1] and not f[3]) and not (guess_only and resembled):
                    continue
                if guess_only and not (f[1] and not f[3] or resembled):
                    continue
                if ms in stated_only and any(f):
                    continue
                between = text[b:ms].replace("...", " ").replace("\u2026", " ")
                opens = not between.strip(" .") and between.count(".") == 1 and n[ms:me] in REPAIR_OPENERS
                if len(n[b:ms].replace("|", " ").split()) <= 8 and (
                        "." not in between or (across and between.count(".") == 1) or opens):
                    f[0], f[1], f[2], f[3] = True, False, False, False

    @staticmethod
    def _sorry_after(n: str, conds, flags, marks) -> list:
        """Round 26: an apology after the name closes a spoken repair ("a hallow nevus, halo nevus sorry, the white
        ring ...", "staph scalded skin, sorry"): the name just before "sorry" is the corrected one and stands; a
        name right before it, parted by a comma or a filler only, is the slip and is set aside. The mark is then
        spent: it takes back nothing after it."""
        keep = []
        for mark in marks:
            ms, me = mark[0], mark[1]
            if n[ms:me].strip(" |") != "sorry" or (me < len(n) and n[me] not in "| " ) \
                    or n[me:me + 2].strip(" ") not in ("|", ""):
                keep.append(mark)
                continue
            said = [(a, b) for a, b in conds if b <= ms and not n[b:ms].strip(" |")]
            if not said:
                keep.append(mark)
                continue
            a2 = said[-1][0]
            slips = [(a, b) for a, b in conds if b <= a2 and "|" in n[b:a2] and not flags[(a, b)][0]
                     and n[b:a2].replace("|", " ").split() in ([], ["er"], ["um"], ["uh"])]
            if not slips:  # "this is psoriasis, sorry, I mean eczema": an apology before the answer
                keep.append(mark)
            for sp in slips:
                f = flags[sp]
                f[0], f[1], f[2], f[3] = True, False, False, False
        return keep

    def _prior_named(self, n: str, hits, flags) -> None:
        """A name stated earlier in a first-person or report frame ("i said psoriasis a minute ago but ... it's
        actually tinea corporis") is set aside when an answer marker later names another diagnosis."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        path_ids = self.ontology.path_ids
        for a, b, x in conds:
            frame = PRIOR_FRAME.search(n, max(0, a - 48), a)
            if frame is None or x in SYMPTOMS:
                continue
            if REPAIR_AHEAD.search(n, max(0, frame.start() - 48), frame.start()) is not None and any(
                    c >= b and y not in path_ids(x) and x not in path_ids(y) and not flags[(c, d)][0] for c, d, y in conds):
                f = flags[(a, b)]
                f[0], f[1], f[2], f[3] = True, False, False, False
                continue
            if FIRST_FRAME.search(n, frame.start(), frame.end()) is not None:
                m = FIRST_BUT.match(n, b)
                if m is not None and any(c >= b and y not in path_ids(x) and x not in path_ids(y)
                                         and not flags[(c, d)][0] for c, d, y in conds if c < m.end()):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    continue
            for m in PRIOR_ANSWER.finditer(n, b):
                if len(n[b:m.start()].replace("|", " ").split()) > 25:
                    break
                reach = REVISED_REACH if m.group("revised") else 6
                ans = next(((c, d, y) for c, d, y in conds if c >= m.end() and not flags[(c, d)][0]
                            and len(n[m.end():c].replace("|", " ").split()) <= reach), None)
                if ans is not None and x not in path_ids(ans[2]) and ans[2] not in path_ids(x):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    # round 45: the set-aside name said again after the answer is the kind being discussed, not
                    # a second finding ("the resident called this cellulitis ..., so this is stasis dermatitis,
                    # bilateral cellulitis almost never happens"): set aside with it
                    for c, d, y in conds:
                        if y == x and c >= ans[1]:
                            g = flags[(c, d)]
                            g[0], g[1], g[2], g[3] = True, False, False, False
                    break

    def _was_now(self, n: str, hits, flags) -> None:
        """"was 'melanoma', now 'seborrheic keratosis'": the earlier name is set aside (negated) when "now" names
        another diagnosis, not one on its own path."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        starts = {a: nid for a, b, nid in conds}
        path_ids = self.ontology.path_ids
        for a, b, x in conds:
            m = NOW_AFTER.match(n, b)
            if m is None or WAS_BEFORE.search(n, max(0, a - 24), a) is None:
                continue
            y = starts.get(m.end())
            if y is not None and x not in path_ids(y) and y not in path_ids(x):
                f = flags[(a, b)]
                f[0], f[1], f[2], f[3] = True, False, False, False

    def _counterfactual(self, n: str, hits, flags, after=WOULD_AFTER, before=None) -> None:
        """"a hypertrophic scar would stay within the wound" beside "this appears to be a keloid": the name given
        only to say how it would differ is set aside (negated), when another diagnosis in the text stands (round 30:
        `after` / `before` are GENERIC_AFTER / GENERIC_BEFORE for the same contrast in the generic present)."""
        conds = [(a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition"]
        for a, b, x in conds:
            if after.match(n, b) is None or (before or WOULD_BEFORE).search(n, max(0, a - 16), a) is None:
                continue
            if any(y != x and not flags[(c, d)][0] for c, d, y in conds):
                f = flags[(a, b)]
                f[0], f[1], f[2], f[3] = True, False, False, False


# round 51 (`mole_named`): the kinds of melanocytic lesion a lay "mole" may be named as
MOLE_KINDS = ("benign-melanocytic", "malignant-melanocytic")
QUOTES = frozenset("'\"\u2018\u2019\u201c\u201d")


def mole_named(text: str, res, ontology) -> None:
    """Round 51: a lay "mole" that the text names as one kind of melanocytic lesion ("The mole on her back turned out to
    be a Spitz nevus", "the mole on his shoulder ... was a congenital naevus", "The new mole under her big toenail was a
    subungual melanoma", "the rim of white around the mole, a halo naevus") is one lesion named twice: the specific name
    is the finding, the lay word no second one (ANNOTATION.md rule 1, the most specific node the words state). Round 37
    left the pair (the sets then split 13 / 18); the sets written since name the specific kind alone: over tuning sets
    1-36 dropping it mends 37 texts and costs 13 (12 of sets 1-12, which annotate both, and set 28's negated mole). Only the singular
    word ("all his moles look alike except this one": the many are a finding of their own), asserted or set aside by
    the verdict (round 41's "the excision showed a melanoma in situ"; not a quoted word denied: 'This "new mole" is not
    a mole at all'), and another melanocytic kind asserted (a naevus subtype or a melanoma) or a naevus subtype stated as a physician's hedge."""
    mole = next((m for m in res.conditions if m.id == "melanocytic-nevus" and m.weak and not m.uncertain
                 and text[m.span[0]:m.span[1]].lower() == "mole"), None)
    if mole is None:
        return
    a, b = mole.span
    if mole.negated and QUOTES.intersection(text[max(0, a - 6):b + 2]):
        return  # a word held at a distance and denied stays denied ('This "new mole" ... is not a mole at all')
    for m in res.conditions:
        if m is mole or m.id == "melanocytic-nevus" or m.negated or (m.uncertain and not m.hedged):
            continue
        kin = ontology.path_ids(m.id)
        # (a hedged melanoma is a fear the mole stays beside: "her mole could be melanoma ... it is a benign naevus")
        if MOLE_KINDS[0] in kin or (MOLE_KINDS[1] in kin and not m.uncertain):
            res.conditions = [c for c in res.conditions if c is not mole]
            return


# Round 52: an organism's or a systemic fever's name ("parvovirus B19 infection", "scrub typhus", "typhus") is the
# ontology's synonym of the skin disease it may cause (erythema infectiosum, rickettsial infection), but a text that
# speaks of the infection with no word of the skin ("Usually associated with parvovirus B19 infection in those with
# hereditary spherocytosis", "Scrub typhus is transmitted by:") names the organism's other disease (an aplastic crisis,
# a fever): ANNOTATION.md rule 3, organisms are no findings (set 36 reads nothing in both texts; sets 9, 32, 34, 35 read
# the parvovirus beside the slapped cheeks and the lacy rash as erythema infectiosum, which the skin words keep).
ORGANISM_FORMS = {"parvovirus b19 infection": "erythema-infectiosum", "parvovirus": "erythema-infectiosum",
                  "scrub typhus": "rickettsial-infection", "typhus": "rickettsial-infection"}
ORGANISM_GATE = frozenset(("parvovirus", "typhus"))
# the words of the skin that make the infection's name the skin disease's
ORGANISM_SKIN = re.compile(r"(?<![a-z])(?:skin|cutaneous|rash(?:es)?|cheeks?|slapped|lacy|lace|exanthems?|eruptions?|"
                           r"spots?|eschars?|macules?|papules?|petechiae|purpura|erythema|dermatolog[a-z]*|"
                           r"erythema[ ]+infectiosum|fifth[ ]+disease)(?![a-z])", re.IGNORECASE)


def organism_only(text: str, res) -> None:
    """Round 52: drop a condition named only by an organism's or a systemic fever's name (`ORGANISM_FORMS`) where the
    text holds no word of the skin (`ORGANISM_SKIN`). The caller gates on `ORGANISM_GATE`."""
    if ORGANISM_SKIN.search(text):
        return
    res.conditions = [m for m in res.conditions
                      if ORGANISM_FORMS.get(" ".join(text[m.span[0]:m.span[1]].lower().split())) != m.id]


# Round 52: facial angiofibromas are a major criterion of tuberous sclerosis complex: named beside the syndrome
# ("Topical rapamycin for facial angiofibromas in tuberous sclerosis complex", "look for the angiofibromas on the face")
# they are how the syndrome shows, not a second tumour (sets 4, 19 and 37 annotate the syndrome alone; a fibrous papule
# of the nose named so, "fibrous papules on histology", keeps its node: set 4). The ontology files "angiofibroma" under
# fibrous papule, so the sign is dropped where the syndrome is named, whatever its status.
# Round 53: a malar (butterfly) rash named beside lupus erythematosus is the lupus's sign ("The malar rash and the
# photosensitive scaly plaques on her arms point to lupus erythematosus", "Lupus erythematosus: malar rash sparing the
# nasolabial folds"): sets 19, 25, 29, 36 and 38 annotate the lupus named alone in 5 texts, none the acute cutaneous
# lupus the ontology files the words under; alone, "malar rash" keeps that node.
SIGN_OF_SYNDROME = {"fibrous-papule": (frozenset(("tuberous-sclerosis",)), ("angiofibroma", "angiofibromas",
                                                                           "facial angiofibroma",
                                                                           "facial angiofibromas")),
                    "acle": (frozenset(("lupus-erythematosus", "sle", "scle", "dle")),
                             ("malar rash", "malar rashes", "butterfly rash", "butterfly rashes")),
                    # round 53: the digital pitted scars of systemic sclerosis ("hardened, tethered skin over the hands
                    # ..., with digital pitted scars": scleroderma alone in sets 6 and 38; acne's pitted scars keep it)
                    "atrophic-scar": (frozenset(("scleroderma", "systemic-sclerosis", "limited-systemic-sclerosis")),
                                      ("pitted scars", "pitted scar")),
                    # round 53: lupus's mouth ulcers ("Photosensitive rash, mouth ulcers and scarring plaques in both
                    # ears: she has lupus erythematosus": set 35 annotates the lupus alone)
                    "aphthous-ulcer": (frozenset(("lupus-erythematosus", "sle")),
                                       ("mouth ulcers", "oral ulcers", "mouth ulcer", "oral ulcer"))}
SIGN_GATE = frozenset(("angiofibroma", "angiofibromas", "malar", "butterfly", "pitted", "mouth", "oral"))


def syndrome_sign(text: str, res) -> None:
    """Round 52: drop a syndrome's sign named by the sign's own word (`SIGN_OF_SYNDROME`) where the syndrome is named.
    The caller gates on `SIGN_GATE`."""
    # (round 53: a syndrome named as the background the sign now appears on, "a woman with systemic lupus erythematosus
    # developed a malar rash", leaves the sign the new finding: ind-0213 annotates both)
    ids = {m.id for m in res.conditions if not (m.historical and m.ground)}
    res.conditions = [m for m in res.conditions if m.id not in SIGN_OF_SYNDROME
                      or SIGN_OF_SYNDROME[m.id][0].isdisjoint(ids)
                      or " ".join(text[m.span[0]:m.span[1]].lower().split()) not in SIGN_OF_SYNDROME[m.id][1]]


# Round 52: "a viral rash" said of a viral disease the text names as the diagnosis ("it's fifth disease (slapped cheek),
# a viral rash, nothing to worry about") is the disease's class restated, no second diagnosis (ANNOTATION.md rule 1:
# the most specific node the words state; set 37). The class stays where it is the diagnosis itself ("the rash is a
# viral exanthem") or beside a viral disease set aside or only feared ("measles ... off the table; this is a viral
# exanthem"): only an asserted viral disease under `VIRAL_GROUP` takes it.
VIRAL_CLASS = "viral-exanthem"
VIRAL_GROUP = "viral"


def viral_class(res, ontology) -> None:
    """Round 52: drop an asserted `VIRAL_CLASS` beside an asserted condition under `VIRAL_GROUP`. The caller gates on
    the word "viral" and two conditions."""
    cls = next((m for m in res.conditions if m.id == VIRAL_CLASS and m.asserted), None)
    if cls is None:
        return
    if any(m is not cls and m.asserted and m.id != VIRAL_CLASS and VIRAL_GROUP in ontology.path_ids(m.id)
           for m in res.conditions):
        res.conditions = [m for m in res.conditions if m is not cls]


# Round 53: a class restated in apposition by the specific name it means ("a steroid-modified fungal infection, tinea
# incognito, is the likely story"): one naming of one lesion, the specific node (ANNOTATION.md rule 1: a more general node
# only when the text names it separately; set 38). Only the pair set off by commas on both sides with no third name
# after it, so a list ("eczema, atopic dermatitis, psoriasis") is left; the class shares the name's status.
APPOSED_NEXT = re.compile(r",[ ]*(?!and[ ]|or[ ])[a-z]", re.IGNORECASE)


def apposed_class(text: str, res, ontology) -> None:
    """Round 53: drop a condition that is a group of the next condition named right after it, set off by commas (", Y,"
    followed by no further name). The caller gates on two conditions and ", "."""
    conds = sorted(res.conditions, key=lambda m: m.span[0])
    drop = set()
    for i, (g, c) in enumerate(zip(conds, conds[1:])):
        if text[g.span[1]:c.span[0]] != ", " or g.negated != c.negated or g.id == c.id:
            continue
        if APPOSED_NEXT.match(text, c.span[1]) is None:
            continue
        nxt = conds[i + 2] if i + 2 < len(conds) else None
        if nxt is not None and nxt.span[0] <= c.span[1] + 3:
            continue
        if g.id in ontology.path_ids(c.id)[1:]:
            drop.add(id(g))
    if drop:
        res.conditions = [m for m in res.conditions if id(m) not in drop]

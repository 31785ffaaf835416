"""Who says it and about what: a pictured lesion, a mimic, a general statement or a textbook sentence, a
lay person's belief or fear, a non-physician's view. These decide whether a name is the text's
finding, a guess, or no finding at all. Mixed into `Tagger`."""

from __future__ import annotations

import re

from derm1m_build.tagger.context import sentence_ends
from derm1m_build.tagger.cues import CLINICIANS, _clause_end
from derm1m_build.tagger.fastmatch import may
from derm1m_build.tagger.labels import SEQUELS, SYMPTOMS
from derm1m_build.tagger.results import TagResult

# a hedge from someone who is not a physician is a guess (uncertain, never the label): a pharmacist's or a
# nurse's answer ("Pharmacist here - ... could be thrush", "Derm nurse: ..."), or what one said ("the
# pharmacist said it's probably pityriasis alba"); not a nurse who is the patient ("in a theatre nurse")
NOT_PHYSICIAN_HEAD = re.compile(r"[ |]*(?:[a-z]+[ |]+)?(?:pharmacist|chemist|nurse(?:[ |]+(?:practitioner|specialist))?|midwife|health visitor)"
                                r"(?:[ |]+here(?![a-z])|[ |]*\|)")
# round 9: a coach's, beautician's, hairdresser's or podiatrist's view is a guess too ("Coach at the gym reckons the
# flaky ring is jock itch"); a relative's or partner's is not listed here (the gold set keeps "... but my wife says
# it's psoriasis" asserted: `REPORTED`)
NOT_PHYSICIAN_SAID = re.compile(r"(?<![a-z])(?:pharmacist|chemist|nurse(?:[ |]+(?:specialist|practitioner))?|midwife|"
                                r"health visitor|coach|beautician|"
                                # round 31: the shop's staff however named ("Pharmacy lady said pityriasis versicolor",
                                # "the receptionist thinks it's hives")
                                r"pharmacy[ |]+(?:lady|guy|assistant|staff|woman|man|worker|girl|person|tech|"
                                r"technician|counter)|receptionist|"
                                r"hairdresser|podiatrist|instructor|trainer|chiropodist|optician|physio|physiotherapist|"
                                # round 36: a telephone advice line ("the nurse on 111 said roseola", "the helpline
                                # said it was chickenpox"): no physician saw the skin
                                r"helpline|help line|advice line|call handler|(?:nhs[ |]+)?111)"
                                # round 16: not over a "but" or a physician ("told by the school nurse it's acne,
                                # but the dermatologist says it's actually perioral dermatitis")
                                # (round 36: a number among the words between, "the nurse on 111 said ...")
                                r"(?:[ |]+(?!(?:but|dermatologist|doctor|derm|gp|consultant|dr|specialist)(?![a-z]))[a-z0-9]+){0,12}?"
                                r"[ |]+(?:said|says|thinks|reckons|swears|told (?:me|her|him|us|them)|suggested|"
                                # round 36: what one felt or believed ("The nurse practitioner felt this was scabies")
                                r"felt|feels|thought|believes|believed|suspects|suspected|"
                                # round 27: what one spotted or calls it ("The physio spotted a verruca on my sole")
                                r"spotted|noticed|calls (?:it|them)|called (?:it|them)|"
                                # round 38: the report in a participle ("The school nurse sent him home saying he
                                # has impetigo")
                                r"saying)(?![a-z])")
# round 36: a physician's word after "but" ends the other speaker's ("... thought it was eczema but the dermatologist says ...")
PHYSICIAN_AFTER_BUT = re.compile(r"(?<![a-z])but[ |]+(?:[a-z]+[ |]+){0,3}?(?:dermatologist|doctor|derm|gp|consultant|dr|"
                                 r"specialist|physician)(?![a-z])")
# round 44: the practitioner who named it treated it in the same sentence ("The podiatrist said the spot on my sole is a
# verruca and froze it", "the chiropodist said it was a corn and pared it down"): a diagnosis acted on within their own
# remit, reported as fact (set 30 reads it so), not a passing view
TREATED_IT = re.compile(r"(?<![a-z])and[ |]+(?:then[ |]+)?(?:froze|treated|pared|burned|burnt|removed|cauterised|"
                        r"cauterized|drained|lanced|debrided|scraped|cut)[ |]+(?:it|them)(?![a-z])")
# round 27: a physician who agrees with or confirms it in the same sentence ("... and the GP confirmed it")
PHYSICIAN_AGREES = re.compile(r"(?<![a-z])(?:doctor|gp|dermatologist|derm|consultant|physician|dr)[ |]+(?:[a-z]+[ |]+)?"
                              r"(?:agreed|agrees|confirmed|confirms)(?![a-z])")
# round 12: what a named diagnosis mimics is ruled out by it ("sarcoidosis mimicking rosacea", "amelanotic melanoma
# masquerading as a pyogenic granuloma", "... mimicking erythema multiforme; final diagnosis Stevens-Johnson
# syndrome"); with no other diagnosis asserted the mimicked one stays a guess ("a lesion mimicking a naevus")
MIMIC_BEFORE = re.compile(r"(?<![a-z])(?:mimick?(?:ing|s|ed)?|masquerad(?:ing|es|ed)[ |]+as|simulat(?:ing|es|ed))"
                          # round 19: not over punctuation: in a title's "A pyoderma gangrenosum mimic: cutaneous
                          # anthrax" the noun's colon brings the answer, and the name before "mimic" is the mimicked
                          r"(?:[ ]+(?:an?|the))?[ ]*$")
# round 9: a sentence that defines a disease or states an association in general, the disease its subject
# ("Hidradenitis suppurativa (HS) is a chronic ...", "Mycosis fungoides (MF) is the most common form of ...",
# "Alopecia areata (AA) has long been associated with ...", "Atopic eczema, psoriasis and HS are weakly associated
# with ..."): no finding, each condition of that sentence is uncertain (a general statement). Written prose only
# (the sentence opens with a capital), no title or "Background:" heading (no ":"), and a bare "X is a ..." only
# with X's abbreviation in brackets (a definition's form)
GENERAL = re.compile(r"(?P<abbr>[ |]+[a-z0-9]{1,8})?[ |]+(?:(?:is|are)[ |]+(?:(?P<plain>a|an)|the[ |]+most[ |]+(?:common|frequent)|defined[ |]+as|"
                     r"characteri[sz]ed[ |]+by|(?:(?:weakly|strongly|significantly|frequently|often|commonly)[ |]+)?"
                     r"associated[ |]+with)|(?:has|have)[ |]+(?:long[ |]+)?been[ |]+associated[ |]+with)(?![a-z])")
# round 14: a sentence that states what is known of a disease in general, not a finding (ConText's "generic"
# trigger with sentence scope: "X is one of the most common ...", "As the most common human cancer, BCC ...",
# "Little is known about ... in psoriasis", "... drivers of melanoma progression are still not clear", "The
# association between X and Y is yet to be investigated", "... is higher than in the general population"):
# its conditions are uncertain (no label), unless the sentence is about a case ("a 50-year-old woman", "our
# patient", "we report"). Written prose only (opens with a capital, no field ":").
# round 38: the one-word superlative ("BCC is the commonest skin cancer ...") and a class's ranking by severity or
# prevalence ("Nodular melanoma, the most aggressive common subtype, ...") are the same general statement
GENERIC_SENTENCE = re.compile(r"(?<![a-z])(?:most[ |]+(?:common|frequent|prevalent|aggressive)|the[ |]+commonest|little[ |]+is[ |]+known|(?:is|are|remains?)[ |]+(?:still[ |]+)?"
                              r"(?:not[ |]+(?:yet[ |]+)?(?:clear|known|fully[ |]+understood|well[ |]+understood|"
                              r"completely[ |]+understood)|unclear|unknown|poorly[ |]+understood|elusive)|"
                              r"(?:is|are|remains?)[ |]+yet[ |]+to[ |]+be[ |]+(?:investigated|determined|elucidated|"
                              r"established|explored|clarified)|(?:in|than)[ |]+(?:in[ |]+)?the[ |]+general[ |]+population|"
                              # round 40: a ranking by danger or rarity ("Melanoma is the deadliest common skin
                              # cancer"), and a disease's usual course in the present tense ("Rosacea typically begins
                              # after thirty"), the latter only where the sentence points at no picture (`DEICTIC`)
                              r"(?:is|are)[ |]+the[ |]+(?:deadliest|rarest|most[ |]+(?:dangerous|lethal|serious))|"
                              r"(?P<course>(?:typically|usually|classically)[ |]+(?:begins|starts|appears|presents|"
                              r"develops|occurs|affects|arises|runs|follows|flares|resolves)))(?![a-z])")
# round 40: a word that points at the picture or the visit ("Psoriasis typically affects the elbows, and here ..."):
# the usual course is then said of the case
DEICTIC = re.compile(r"(?<![a-z])(?:here|this|these|today|shown|pictured|image|photo|photograph|slide|case|patient)(?![a-z])")
# round 51: a sentence that opens on the pictured lesion's name ("It's X", "This is a X", "That's X"; the sentence's own
# start, so no general "It is the most common ...", whose name comes later)
DEICTIC_OPEN = re.compile(r"[ |]*(?:it[ |]+s|it[ |]+is|this[ |]+is|that[ |]+s|thats|that[ |]+is|these[ |]+are)[ |]+"
                          r"(?:(?:an?|the)[ |]+)?")
# examples of a class, the class named right before ("skin inflammation such as psoriasis", "such disorders as
# androgenetic alopecia"): the examples to the sentence end are uncertain. Not after a comma ("paradoxical skin
# reactions, such as psoriasis", "itching conditions, such as CSU": sets 3 and 5 read those as the topic)
SUCH_AS = re.compile(r"(?<=[a-z0-9])[ ]+such[ ]+(?:(?:disorders|diseases|conditions|dermatoses|disease|disorder)[ ]+)?as(?![a-z])")
# round 14: a lay person's belief about the lesion ("My mum thinks the ring on my arm is ringworm", "Guy at the gym
# says the rash in my groin is jock itch", "my aunt who does nails says it's a wart", "my boyfriend thinks I have
# hives from ..."): ConText's "other experiencer / hypothetical" with a clause scope, to the end of the sentence or a
# "but" (the trigger table's relatives reach a few words only, and a site's "on my arm" ends them). A guess: uncertain,
# never the label. A clinician's view is not this ("my GP thinks": a hedge); a name set aside stays negated.
LAY_BELIEF = re.compile(
    r"(?<![a-z])(?:(?:my|our|his|her|their|the|a)[ |]+(?:[a-z]+[ |]+){0,2}?)?(?:mum|mom|mother|dad|father|wife|husband|"
    r"boyfriend|girlfriend|partner|friend|mate|sister|brother|aunt|uncle|gran|granny|grandma|grandmother|grandad|grandpa|"
    r"grandfather|neighbour|neighbor|guy|colleague|boss|flatmate|roommate|teacher|coach|trainer|cousin|in[ |]+law|"
    # round 37: a lay person named by what they are ("the lady in bay 2 thinks her shin patch is ringworm", "my
    # hairdresser says it's alopecia areata")
    r"lady|gentleman|hairdresser|barber|beautician)"
    r"(?:[ |]+(?:at|from|in|who)(?:[ |]+[a-z0-9]+){1,3}?)?"
    # round 16: an apposition between ("My neighbour, a retired midwife, is sure it's impetigo")
    r"(?:[ |]*\|[ |]*(?:an?|the)[ |]+(?:[a-z]+[ |]+){0,2}?[a-z]+[ |]*\|)?"
    r"[ |]+(?:thinks|reckons|reckoned|says|keeps[ |]+saying|"
    r"kept[ |]+saying|is[ |]+convinced|was[ |]+convinced|is[ |]+sure|was[ |]+sure|"
    r"swears|swore|believes|insists|insisted)(?![a-z])"
    # round 16: the writer's own certainty ("I'm convinced this lump on my back is a lipoma", "Honestly convinced I
    # have scabies"), and a lay person's second verb ("my boyfriend has red scaly patches ... and insists it's dandruff")
    r"|(?<![a-z])(?:i[ |]+m|im|i[ |]+am|honestly|i[ |]+was|i[ |]+ve[ |]+been)[ |]+convinced(?![a-z])"
    # round 41: the writer's own fear talked into certainty ("I've convinced myself it's melanoma")
    r"|(?<![a-z])(?:i[ |]+ve|ive|i[ |]+have|i[ |]+had|i[ |]+d)[ |]+convinced[ |]+myself(?![a-z])"
    r"|(?<![a-z])(?:i[ |]+m|im|i[ |]+am|i[ |]+was)[ |]+(?:pretty[ |]+|quite[ |]+|fairly[ |]+)?sure[ |]+(?=(?:it|this|that|they|these)[ |]+)"
    r"|(?<![a-z])i[ |]+(?:reckon|swear)(?![a-z])"
    # round 17: the writer's "swore blind" without a subject ("Swore blind these rings were a fungus, ...")
    r"|(?<![a-z])swore[ |]+blind(?![a-z])"
    r"|(?<![a-z])(?:mum|mom|mother|dad|father|wife|husband|boyfriend|girlfriend|partner|friend|mate|sister|brother|"
    r"gran|granny|grandma|neighbour|neighbor|colleague|flatmate|roommate)(?:[ |]+[a-z]+){1,14}?[ |]+and[ |]+"
    r"(?:thinks|reckons|insists|swears|is[ |]+convinced|is[ |]+sure)(?![a-z])")
# round 17: a patient's fear about the lesion, however long its subject ("I am terrified this spot on my calf is
# melanoma", "scared the lump in my armpit could be lymphoma"): a guess, to the clause end (`_lay_belief`)
FEAR = re.compile(r"(?<![a-z])(?:terrified|scared|worried|afraid|frightened|petrified|paranoid)[ |]+(?:that[ |]+)?"
                  r"(?:this|that|it|the|my|these|those|his|her)(?:[ |]+[a-z]+){0,7}?[ |]+(?:is|s|are|could[ |]+be|"
                  r"might[ |]+be|may[ |]+be|was)(?![a-z])")
# round 16: a clinician's answer after a lay belief ("My wife was sure the ring on my wrist was a fungal infection; the
# skin specialist called it granuloma annulare"): the guess is set aside when the answer names another diagnosis
CLINICIAN_ANSWER = re.compile(r"(?:(?<![a-z])(?:the|my|our|his|her|a)[ |]+(?:[a-z]+[ |]+){0,2}?"
                              # round 17: or no determiner, right after a comma ("..., skin specialist says ..."): a
                              # start that fails fast everywhere else (the search runs over every lay belief's clause)
                              r"|(?<=\|)[ ]*(?:[a-z]+[ ]+)?)(?:" + "|".join(CLINICIANS)
                              # round 17: a walk-in centre or a surgery, and what it did before it named it ("but the
                              # walk-in centre drained it and called it an abscess", "skin specialist says ...")
                              + r"|clinic|hospital|centre|center|surgery|practice|department)"
                              r"(?:[ |]+(?:[a-z]+[ |]+){1,3}?and)?"
                              # round 28: a perfect tense and its adverb ("the consultant has now told him it is ...",
                              # "the GP has since said", "the dermatologist finally called it ...")
                              r"(?:[ |]+(?:has|have|had))?(?:[ |]+(?:now|since|just|finally|then|also|later))?"
                              r"[ |]+(?:says|said|called it|called them|calls it|diagnosed|"
                              # round 17: a clinician's own view answers a lay certainty too ("My wife is convinced
                              # it's a spider bite; the GP thinks it's more likely a boil")
                              r"thinks|suspects|"
                              r"confirmed|told (?:me|us|her|him))(?![a-z])")
# a clinician's belief, the same clause scope: a hedge, which the label may take ("my GP thinks the ring on my arm is
# ringworm"); what a clinician "says" or "said" is their diagnosis, reported (asserted)
CLINICIAN_BELIEF = re.compile(r"(?<![a-z])(?:gp|doctor|dr|doc|dermatologist|derm|consultant|paediatrician|pediatrician|"
                              r"registrar|specialist|physician)[ |]+(?:thinks|suspects|reckons)(?![a-z])")
# round 42: a word of doubt between a physician's belief verb and the name (`SpeakerPasses._lay_belief`)
CLINICIAN_DOUBT = re.compile(r"(?<![a-z])(?:might|may|could|possibly|perhaps|maybe|not|unsure|either|or|unlikely|"
                             r"doubt|question)(?![a-z])|\?")
LAY_BELIEF_AFTER_BUT = re.compile(r"(?<![a-z])but[ |]+$")
SUCH_AS_LIST = frozenset(("and", "or", "nor", "as", "well"))
CASE_CUE = re.compile(r"(?<![a-z])(?:year[ |]+old|(?:our|the|this|a)[ |]+patient(?![a-z])|we[ |]+(?:report|present|describe)|"
                      r"presented|this[ |]+case|here[ |]+we|"
                      # round 38: a sentence about the pictured lesion ("This nodule on the nose is a BCC, the commonest
                      # skin cancer", "these scaly plaques are ...", "Aiden's flexural patches are typical of it"): a
                      # lesion word after "this" / "these" or a possessive
                      r"(?:this|these|her|his|their|my|[a-z]+[ |]+s)[ |]+(?:[a-z]+[ |]+){0,2}?(?:lesions?|nodules?|"
                      r"papules?|plaques?|patch|patches|rash|mole|moles|eruption|ulcers?|tumou?r|spots?|bumps?|"
                      r"comedones)(?![a-z])|"
                      # and a person pointed at ("the comedones on this boy's forehead", "Aiden's flexural patches")
                      r"(?:this|these)[ |]+(?:boy|girl|man|woman|child|baby|infant|toddler|lady|gentleman)s?(?![a-z])|"
                      # round 51: the reader's own lesion of the day, in a leaflet handed to the patient ("Your rash
                      # today is contact dermatitis from a nickel buckle"; not "if your rash spreads")
                      r"your[ |]+(?:[a-z]+[ |]+){0,2}?(?:lesions?|rash|spots?|patch|patches|mole|"
                      r"eruption|ulcers?|bumps?)[ |]+today(?![a-z])|"
                      # round 37: the general statement tied to the pictured case ("BCC is the most common skin cancer,
                      # and this pearly nodule is one", "... are most common in care homes, and the burrows confirm it")
                      # round 57: the picture named apart from a leaflet beside it ("Leaflet beside the photo: 'Know the
                      # warning signs of melanoma.' The photo itself: a solar lentigo on the back of the hand")
                      r"(?:the|this)[ |]+(?:photo|photograph|picture|image|slide)[ |]+itself(?![a-z])|"
                      r"(?:and|but)[ |]+(?:this|these|the|her|his)[ |]+(?:[a-z]+[ |]+){0,8}?(?:is|are)[ |]+one(?![a-z])"
                      r"(?![ |]+of)|confirms?[ |]+(?:it|this|the[ |]+diagnosis)(?![a-z]))")
# round 10: a group with a disease and what such patients usually do ("Patients with BP often present with ...",
# "children with AD frequently exhibit ..."): a general statement, the disease uncertain; a study's own subjects
# ("patients with psoriasis were enrolled") have no such adverb. Not "should" (advice to the patients in the
# picture: "Children with eczema should be vaccinated ..." stays asserted, `test_tagger_tuning_round8`)
GROUP_BEFORE = re.compile(r"(?:patients|children|people|individuals|adults|infants|those|kids|babies)[ |]+with[ |]+$")
# round 9: a sentence that points at the picture ("the image shows ice pick scars", "The student photographed here
# has acne", "this man's lesion is a viral wart"): a condition named in another sentence is background there
# (history: asserted, never the label) when this one names a condition
PICTURED = re.compile(r"(?<![a-z])(?:(?:the|this)[ |]+(?:image|picture|photo|photograph)[ |]+(?:shows|showed)|"
                      r"(?:photographed|pictured|shown)[ |]+here|(?:this|the)[ |]+(?:man|woman|boy|girl|child|"
                      r"patient)[ |]+s[ |]+(?:lesion|lesions|rash)[ |]+(?:is|are))(?![a-z])")
# a subject this opens is a particular lesion or patient's, not the disease in general
GENERAL_NOT_SUBJECT = frozenset("this the that these those his her our my your their its a an one".split())


def _hit_order(h) -> tuple:
    return h[0], h[1], h[2].kind


class SpeakerPasses:
    """The speaker and statement passes of `Tagger._finish`."""

    @staticmethod
    def _pictured(text: str, n: str, hits, flags) -> None:
        """Conditions outside the sentence that points at the picture (`PICTURED`) are background there
        (history: asserted, never the label), when that sentence names a condition not set aside."""
        m = PICTURED.search(n) if may(PICTURED, n) else None  # (speed round 49: `fastmatch.may`)
        if m is None:
            return
        ends = sentence_ends(text)
        start = max((e + 1 for e in ends if e < m.start()), default=0)
        stop = min((e for e in ends if e >= m.end()), default=len(text))
        conds = [(a, b, t) for a, b, t, _ in hits if t.kind == "condition"]
        if not any(start <= a and b <= stop and not flags[(a, b)][0] and not t.weak for a, b, t in conds):
            return
        for a, b, t in conds:
            if (b <= start or a > stop) and not flags[(a, b)][0]:
                flags[(a, b)][2] = True

    def _mimicked(self, n: str, hits, flags) -> None:
        """A condition right after "mimicking" / "masquerading as" is negated when the text asserts another
        diagnosis (not one of the mimicked node's own ancestors or descendants): the named diagnosis rules the
        mimic out. Otherwise it stays uncertain (`context`: what it looks like, not what it is)."""
        conds = [(a, b, t) for a, b, t, _ in hits if t.kind == "condition"]
        mimics = [(a, b, t) for a, b, t in conds if MIMIC_BEFORE.search(n, max(0, a - 24), a)]
        if not mimics:
            return
        for a, b, t in mimics:
            path = set(self._node_info[t.nid][1])
            if any(not any(flags[(x, y)][:2]) and u.nid != t.nid and u.nid not in path
                   and t.nid not in self._node_info[u.nid][1] and u.nid not in SYMPTOMS
                   for x, y, u in conds if (x, y) != (a, b)):
                f = flags[(a, b)]
                f[0], f[1], f[2], f[3] = True, False, False, False

    @staticmethod
    def _general(text: str, n: str, hits, flags) -> None:
        """A sentence whose subject is a disease, defined or associated in general (`GENERAL`), reports no
        finding: its conditions are uncertain. The subject opens the sentence, after at most two words that are
        no determiner ("Refractory dermatomyositis (DM) is defined as ...", not "This melanoma is a ...")."""
        conds = sorted((a, b) for a, b, t, _ in hits if t.kind == "condition")
        ends = None
        for a, b in conds:
            m = GENERAL.match(n, b)
            if m is None or (m.group("abbr") and text[b:b + 2] != " (") or (m.group("plain") and not m.group("abbr")):
                continue  # the optional short token is an abbreviation in brackets only; "X is a ..." needs one
            if ends is None:
                ends = sentence_ends(text)
            start = max((e + 1 for e in ends if e < a), default=0)
            stop = min((e for e in ends if e >= b), default=len(text))
            # a list of diseases may be the subject ("Atopic eczema, psoriasis and HS are associated with ...")
            lead_text = n[start:a]
            for x, y in conds:
                if start <= x and y <= a:
                    lead_text = lead_text[:x - start] + " " * (y - x) + lead_text[y - start:]
            lead = [w for w in lead_text.replace("|", " ").split() if w not in ("and", "or")]
            if lead[:1] in (["however"], ["additionally"], ["moreover"], ["thus"]):
                lead = lead[1:]
            if len(lead) > 2 or not GENERAL_NOT_SUBJECT.isdisjoint(lead) or not text[start:a + 1].lstrip()[:1].isupper():
                continue
            if CASE_CUE.search(n, b, stop):
                continue  # round 37: "X is the most common ..., and this nodule is one": the case's diagnosis
            for x, y in conds:
                if start <= x and y <= stop:
                    f = flags[(x, y)]
                    if not f[0]:
                        f[1], f[3] = True, False

    @staticmethod
    def _lay_belief(text: str, n: str, hits, flags, path_ids=None) -> None:
        """Conditions after a lay person's belief verb (`LAY_BELIEF`), to the sentence end or a "but", are a guess."""
        ends = None
        cues = [(m, False) for m in LAY_BELIEF.finditer(n)] + [(m, True) for m in CLINICIAN_BELIEF.finditer(n)]
        for m, hedge in cues:
            if not hedge and LAY_BELIEF_AFTER_BUT.search(n, max(0, m.start() - 8), m.start()):
                # "I think it's just acne but my mum says it's rosacea": the other view answers the writer's own
                # guess (the gold set and round 6 read it as the answer, as `GUESS_BUT` does)
                continue
            if ends is None:
                ends = sentence_ends(text)
            stop = _clause_end(text, n, m.end(), ends)
            if not hedge and any(t.kind == "condition" and m.end() <= a and e <= stop for a, e, t, _ in hits):
                # round 17: a clinician's answer in the same clause ends the guess ("Swore blind these rings were a
                # fungus, skin specialist says granuloma annulare"): what it names is the answer, not the guess
                ans = CLINICIAN_ANSWER.search(n, m.end(), stop)
                if ans is not None:
                    stop = max(ans.start(), n.rfind("|", ans.start(), ans.end()) + 1)  # its words after a comma
            guessed = [(a, e, t.nid) for a, e, t, _ in hits
                       if t.kind == "condition" and m.end() <= a and e <= stop and t.nid not in SYMPTOMS]
            answered = False
            if guessed and not hedge and path_ids is not None:
                # round 16: a clinician answers the guess in the next clause or sentence with another diagnosis
                ans = CLINICIAN_ANSWER.search(n, stop, stop + 160)
                if ans is not None:
                    named = [t.nid for a, e, t, _ in hits if t.kind == "condition" and a >= ans.end()
                             and len(n[ans.end():a].replace("|", " ").split()) <= 8 and not flags[(a, e)][0]]
                    answered = any(all(x not in path_ids(y) and y not in path_ids(x) for _a, _e, x in guessed)
                                   for y in named)
            for a, e, _x in guessed:
                f = flags[(a, e)]
                if (hedge and f[1] and not f[0] and a == guessed[0][0] and len(n[m.end():a].replace("|", " ").split()) <= 3
                        and not CLINICIAN_DOUBT.search(n, m.end(), a)):
                    # round 42: the trigger table reads "reckons it's" as anyone's guess; after a physician it is the
                    # physician's hedge ("... but the GP reckons it's contact dermatitis"), the label: the first name
                    # within three words of the verb, no word of doubt between ("the GP reckons it might be ...")
                    f[1], f[3] = False, True
                    continue
                if f[0] or (hedge and f[1]):
                    continue
                if answered:
                    f[0], f[1], f[2], f[3] = True, False, False, False
                elif hedge:
                    f[3] = True  # a hedge (slot 3 alone), as the trigger table's "gp thinks" marks it
                else:
                    f[1], f[3] = True, False

    @staticmethod
    def _fear(n: str, hits, flags) -> None:
        """Round 17: the name a fear is about (`FEAR`: "terrified this spot on my calf is melanoma"), the first
        condition within three words after it, is a guess; what the sentence names after it is not touched."""
        for m in FEAR.finditer(n):
            first = min(((a, b) for a, b, t, _ in hits if t.kind == "condition" and a >= m.end()), default=None)
            if first is not None and len(n[m.end():first[0]].replace("|", " ").split()) <= 3:
                f = flags[first]
                if not f[0]:
                    f[1], f[3] = True, False

    @staticmethod
    def _generic_sentence(text: str, n: str, hits, flags) -> None:
        """The conditions of a sentence holding a generic cue (`GENERIC_SENTENCE`) are uncertain, when that
        sentence opens with a capital and names no case (`CASE_CUE`)."""
        ends = None
        # (speed round 49: each pattern's own literals first, `fastmatch.may`: the gate's words open on either)
        cues = [(m, False) for m in (GENERIC_SENTENCE.finditer(n) if may(GENERIC_SENTENCE, n) else ())] + \
            [(m, True) for m in (SUCH_AS.finditer(n) if may(SUCH_AS, n) else ())]
        for m, forward in cues:
            if ends is None:
                ends = sentence_ends(text)
            start = max((e + 1 for e in ends if e < m.start()), default=0)
            stop = min((e for e in ends if e >= m.end()), default=len(text))
            # round 38: a clause after a semicolon that ties the statement to the case ("Atopic eczema is the commonest
            # ...; Aiden's flexural patches are typical of it") is read for the case cue too
            reach = min((e for e in ends if e > stop), default=len(text)) if text[stop:stop + 1] == ";" else stop
            if not text[start:stop].lstrip()[:1].isupper() or CASE_CUE.search(n, start, reach):
                continue
            if not forward and m.group("course") is not None and DEICTIC.search(n, start, reach):
                continue
            last = m.end()
            for a, b, t, _ in sorted(hits, key=_hit_order):
                if t.kind != "condition" or not start <= a or b > stop:
                    continue
                if forward:
                    # the examples are a list: the first within three words, each next one after list words only
                    # ("adverse effects such as guttate hypopigmentation and exacerbation of melasma": not melasma)
                    if a < m.end():
                        continue
                    gap = n[last:a].replace("|", " ").split()
                    if len(gap) > 3 if last == m.end() else not SUCH_AS_LIST.issuperset(gap):
                        break
                    last = max(last, b)
                # a symptom stays what it is, and a study's group ("patients with AD") is its subjects; round 51: the
                # name a sentence opens by pointing at ("It's seborrhoeic dermatitis, the most common thing you'll see",
                # "This is a melanoma, the most aggressive ...") is the case's, the superlative a comment on its kind
                if t.nid not in SYMPTOMS and not GROUP_BEFORE.search(n, max(0, a - 20), a) \
                        and not DEICTIC_OPEN.fullmatch(n, start, a):
                    f = flags[(a, b)]
                    if not f[0]:
                        f[1], f[3] = True, False

    @staticmethod
    def _not_physician(text: str, n: str, hits, flags) -> None:
        """A pharmacist's or nurse's hedge is a guess: the whole text when it opens with their title, else
        the findings after "the pharmacist said ..." in that sentence."""
        if NOT_PHYSICIAN_HEAD.match(n):
            start, stop = 0, len(n)
        else:
            m = NOT_PHYSICIAN_SAID.search(n) if may(NOT_PHYSICIAN_SAID, n) else None  # (speed round 49)
            if m is None:
                return
            start = m.end()
            ends = [p for p in sentence_ends(text) if p >= start]
            stop = ends[0] if ends else len(n)
            if PHYSICIAN_AGREES.search(n, start, stop):
                return  # round 27: "the nurse called it eczema and the doctor agreed": the physician's word stands
            if TREATED_IT.search(n, start, stop):
                return  # round 44: "the podiatrist said ... is a verruca and froze it": a diagnosis acted on
            b = PHYSICIAN_AFTER_BUT.search(n, start, stop)
            if b is not None:
                stop = b.start()  # round 36: "the nurse thought eczema but the dermatologist says psoriasis"
        for a, b, t, _ in hits:
            if t.kind == "condition" and start <= a < stop:
                f = flags[(a, b)]
                # round 8: what they say it is, hedged or not ("my friend who's a nurse says ... are psoriasis")
                if not f[0] and not f[2] and t.nid not in SYMPTOMS:
                    f[1] = True


# Round 43: the writer's guess after saying they are no physician ("No doctor here, but my guess is ringworm - I had the
# same ...", "Not a dermatologist; my best guess would be eczema"): a lay guess (uncertain, never the label) for the
# names within four words after "guess"; without the disclaimer the guess is left to the other rules (a forum doctor's
# "my guess is" is a physician's hedge)
NOT_A_DOCTOR = re.compile(r"(?<![a-z])(?:no|not[ ]+an?|i[' ]?m[ ]+not[ ]+an?|i[ ]+am[ ]+not[ ]+an?|never[ ]+been[ ]+an?)[ ]+"
                          r"(?:doctor|dermatologist|medic|physician|expert|gp|derm)(?![a-z])", re.IGNORECASE)
WRITER_GUESS = re.compile(r"(?<![a-z])(?:my|our)[ ]+(?:best[ ]+|first[ ]+|own[ ]+)?guess[ ]+(?:is|would[ ]+be|was|'s)"
                          r"(?![a-z])", re.IGNORECASE)


def writer_guess(text: str, res: TagResult) -> None:
    """Round 43: conditions within four words after `WRITER_GUESS`, in a text with `NOT_A_DOCTOR`, are a lay guess."""
    if not may(NOT_A_DOCTOR, text) or NOT_A_DOCTOR.search(text) is None:  # (speed round 49: `fastmatch.may`)
        return
    for g in WRITER_GUESS.finditer(text):
        for c in res.conditions:
            if c.span[0] >= g.end() and len(text[g.end():c.span[0]].split()) <= 4 and not c.negated:
                c.uncertain, c.hedged, c.historical = True, False, False


# Round 44: a forum thread's clinician reply ("Q: ... A (dermatologist): ...", "Reply from a GP: ...", "Dermatologist's
# reply: ...", "Dermatologist on the board: ...", "A doctor answered that ..."): the words before it are the poster's
# question and self-diagnosis, the words after it the clinician's answer. Only a health professional's reply (the
# clinicians' words or a nurse) answers; a lay reply ("A (my sister): ...") is left to the other rules.
_REPLY_WHO = r"(?P<who>[^():\n]{1,60}?)"
# round 53: the roles that head a thread's turn by themselves (`CLINICIAN_REPLY`'s last form; `REPLY_ROLE_WORDS` gates it)
REPLY_ROLE = (r"(?:the\s+|my\s+|our\s+)?(?:gp|doctor|dermatologist|derm|consultant|nurse(?:\s+practitioner)?|"
              r"health\s+visitor|pharmacist|allergist|paediatrician|pediatrician|physician)")
ROLE_ENDINGS = ("gp", "doctor", "dermatologist", "derm", "consultant", "nurse", "practitioner", "visitor", "pharmacist",
                "allergist", "paediatrician", "pediatrician", "physician")


def role_heading(text: str) -> bool:
    """Round 53 (speed): whether some colon of the text comes right after a role word (`ROLE_ENDINGS`), the heading
    form `CLINICIAN_REPLY`'s last branch reads: a few finds, so a metadata row's many fields ("dermatologist_skin_...:")
    do not run the whole reply regex."""
    i = text.find(":")
    while i >= 0:
        if text[max(0, i - 16):i].rstrip().lower().endswith(ROLE_ENDINGS):
            return True
        i = text.find(":", i + 1)
    return False


REPLY_ROLE_WORDS = frozenset(("gp", "doctor", "dermatologist", "derm", "consultant", "nurse", "visitor", "pharmacist",
                              "allergist", "paediatrician", "pediatrician", "physician"))
CLINICIAN_REPLY = re.compile(
    r"(?:^|(?<=[\s.!?\"'\u201c\u201d]))(?:A\s*\(" + _REPLY_WHO + r"\)\s*:"
    r"|(?:reply|answer|response)\s+(?:from\s+)?(?:an?\s+|the\s+|my\s+)?\(?" + _REPLY_WHO.replace("who", "who2")
    + r"\)?\s*:"
    # (round 53: the possessive's "'s" may be left out, "Nurse reply: this sounds like scabies")
    r"|(?P<who3>[a-z][a-z -]{0,40}?)(?:[\u2019']s)?\s+(?:reply|answer|response)\s*:"
    r"|(?P<who4>[a-z][a-z -]{0,40}?)\s+on\s+the\s+(?:board|forum|thread|site)\s*:"
    r"|(?:an?|the|my)\s+(?P<who5>[a-z][a-z -]{0,40}?)\s+(?:replied|answered|responded|wrote\s+back)\s*(?:that|:|,)"
    # round 45: the heading form without an article ("Dermatologist replied: those greasy flakes are ...")
    r"|(?P<who6>[a-z][a-z -]{0,40}?)\s+(?:replied|answered|responded)(?:\s+(?:in|on|via|from)(?:\s+[a-z-]+){1,3})?\s*:"
    # round 51: a user name with the role in brackets ("Reply from DrSam (GP, verified): ...", "Answer by skin_doc
    # (dermatologist): ...")
    r"|(?:reply|answer|response)\s+(?:from|by)\s+[\w.@-]{1,30}\s*\((?P<who7>[^():\n]{1,60})\)\s*:"
    # round 53: a thread's turn headed by the role alone after the poster's words ("Thought I had sunburn that wouldn't
    # go away ... GP: this is rosacea, not sun damage"); not at the text's start (a clinic note's "Derm: SJS ...")
    r"|(?<=[.!?])\s+(?P<who8>" + REPLY_ROLE + r")\s*:)",
    re.IGNORECASE)
# (round 51: the other physicians a thread's reply comes from: "A (allergist): Yes, cholinergic urticaria")
REPLY_CLINICIAN = re.compile(r"(?<![a-z])(?:" + "|".join(CLINICIANS) + r"|nurse|dermatology|dermatologic|allergist|"
                             # round 53: a health visitor is a nurse (set 38: "Reply (health visitor): ... think scalp
                             # ringworm" answers grandma's cradle cap)
                             r"immunologist|rheumatologist|health\s+visitor|"
                             # round 55: a podiatrist answering about a toenail (set 39: "Reply (podiatrist): the
                             # clippings came back negative for fungus; ... onychogryphosis" answers "a fungal nail")
                             r"podiatrist|"
                             # round 58: a surgeon answering about a lump (set 42: "Reply from a surgeon: that's an
                             # epidermoid cyst with its punctum, not a lipoma" answers "I thought lipoma")
                             r"surgeon)(?![a-z])",
                             re.IGNORECASE)
# the words that gate the pass (with "A (" in the text); not "response" (an abstract's "immune response")
REPLY_WORDS = frozenset(("reply", "replied", "answer", "answered", "board", "forum"))


# the poster's own diagnosis ("I self-diagnosed scabies", "I diagnosed myself with eczema"): a guess the reply answers,
# not a past diagnosis (the other rules read "diagnosed" as history)
SELF_DIAGNOSED = re.compile(r"(?<![a-z])(?:self[- ]?diagnos[a-z]*|(?:i|we)\s+(?:have\s+|had\s+)?diagnosed)(?![a-z])",
                            re.IGNORECASE)
# round 45: a reply that opens by doubting the poster's name ("I'm not sure that's right, ringworm usually has a scaly
# border ...", "I doubt it", "not convinced"): when it names no other diagnosis, the poster's name stays a question
REPLY_DOUBTS = re.compile(r"\s*(?:(?:hmm|well|honestly|sorry)[\s,]+)?(?:i(?:'|\u2019)?m\s+not\s+(?:so\s+)?(?:sure|convinced)|"
                          r"i\s+am\s+not\s+(?:so\s+)?(?:sure|convinced)|not\s+(?:so\s+)?(?:sure|convinced)|i\s+doubt|"
                          r"i(?:'|\u2019)?d\s+be\s+surprised|unlikely|i\s+don(?:'|\u2019)?t\s+think\s+so)(?![a-z])",
                          re.IGNORECASE)
# a reply that confirms the poster's name ("agreed, herpes zoster in the ophthalmic branch", "yes, a plantar wart"):
# a more specific name then refines it; without it a more specific name replaces it ("I diagnosed myself with eczema.
# A dermatologist replied that ... is lichen simplex chronicus": eczema set aside)
REPLY_THINK = re.compile(r"(?:^|[,;:.]\s*|\s(?:so|then|and)\s+)think\s+(?:of\s+|about\s+)?(?:an?\s+)?$", re.IGNORECASE)
REPLY_AGREES = re.compile(r"(?<![a-z])(?:agree|agreed|agrees|yes|yep|correct|spot on|you(?:'|\u2019)?re right|"
                          r"confirm|confirms|confirmed|indeed)(?![a-z])", re.IGNORECASE)


# Round 58: the reply's general statement about the poster's name, after its own answer ("that pattern is hand, foot and
# mouth disease, chickenpox starts on the trunk", "more likely granuloma annulare or ringworm than erythema migrans;
# erythema migrans doesn't itch or scale": sets 43's forum replies): the name opens its clause bare (no article, no
# "it's") and a verb of what the kind does follows; the kind discussed, no confirmation of the poster's name
KIND_OPENS = re.compile(r"(?:^|[,;:.!?][ \t]*)$")
KIND_DOES = re.compile(r"[ \t]+(?:usually|typically|normally|generally|tends?[ \t]+to|would|never|rarely|always|"
                       r"doesn[\u2019']?t|does[ \t]+not|don[\u2019']?t|do[ \t]+not|starts|begins|spreads|itches|"
                       r"is[ \t]+(?:usually|typically|rarely|not[ \t]+usually))(?![a-z])", re.IGNORECASE)


def kind_mention(reply: str, span) -> bool:
    """Whether the name at `span` of a reply opens its clause bare and a verb of what the kind does follows
    (`KIND_OPENS`, `KIND_DOES`)."""
    a, b = span
    return KIND_OPENS.search(reply, max(0, a - 3), a) is not None and KIND_DOES.match(reply, b) is not None


def refines_by_name(reply_name: str, poster_name: str) -> bool:
    """Round 58: whether the reply's name ends with the poster's ("agreed, ... it is nodulocystic acne" after "was told
    hormonal acne", set 42): a refinement the tree keeps as a sibling (nodulocystic acne beside acne vulgaris), read as
    `labels` reads a name that holds the other's."""
    r, p = reply_name.lower(), poster_name.lower()
    return len(p) > 2 and r != p and r.endswith(p) and not r[-len(p) - 1].isalpha()


def clinician_reply(text: str, res: TagResult, tag, path, kin) -> None:
    """Round 44: a poster's name that a clinician's reply answers with another diagnosis is set aside (negated, never
    the label): "Q: Pretty sure it's ringworm. A (dermatologist): this is granuloma annulare"; "I diagnosed myself
    with eczema. A dermatologist replied that ... is lichen simplex chronicus"; "... must be acne. Reply (GP): ...
    suggests rosacea". ANNOTATION.md rule 5 ("I thought it was a spider bite but the doctor said ...") read across a
    thread's turns: the reply is the later, better-informed reading of the same lesion. A name the reply confirms
    stays: the same node, a more general one (`path`: the node's ancestors and itself), or a more specific one after a
    word of agreement (`REPLY_AGREES`: "Shingles? A (GP): agreed, herpes zoster ophthalmicus"); a reply that
    names no diagnosis of its own ("see your GP") sets nothing aside; a symptom the poster reports (the itch) and a
    background or past condition (`historical`) stay. The reply's own "not X", where X is the poster's name said
    shorter ("not a fungal infection" after "ringworm", "not herpes" after "cold sore": `kin`), is that same name ruled
    out, not a second finding, and is dropped. The reply is read on its own (`tag`) so a name both turns use is seen
    in both."""
    for m in CLINICIAN_REPLY.finditer(text):
        who = (m.group("who") or m.group("who2") or m.group("who3") or m.group("who4") or m.group("who5")
               or m.group("who6") or m.group("who7") or m.group("who8"))
        if who and REPLY_CLINICIAN.search(who):
            break
    else:
        return
    start, end = m.start(), m.end()
    own = SELF_DIAGNOSED.search(text, 0, start) is not None
    # (round 51: a guess or fear stays the poster's question even where a later "the photo shows X" set it apart from
    # the picture as history: "terrified my new dark spot is a melanoma. Doctor's reply: the photo shows a seborrhoeic
    # keratosis")
    # (round 58: nor the scars the poster reports beside the guess, "painful cysts ... and scars, was told hormonal acne":
    # a mark left, no name for the lesion, `labels.SEQUELS`)
    asked = [c for c in res.conditions if c.span[0] < start and c.id not in SYMPTOMS and c.id not in SEQUELS
             and (own or not c.historical or (c.uncertain and not c.hedged))]
    if not asked and not any(c.span[0] >= end and kind_mention(text, c.span) for c in res.conditions):
        return  # (round 58: unless the reply speaks of a kind in general, which may be the poster's name, below)
    answer = tag(text[end:])
    # (round 53: only a diagnosis answers, asserted or a clinician's hedge; a name the reply leaves open, "the dark edge
    # and the size change need a same-week check for melanoma", sets the poster's "mole" aside no more than a reply that
    # names nothing does: set 36)
    reply = text[end:]
    answered = [c.id for c in answer.conditions if not c.negated and c.id not in SYMPTOMS and (
        not c.uncertain or c.hedged or REPLY_THINK.search(reply, max(0, c.span[0] - 24), c.span[0]) is not None)]
    # round 58: a kind the reply only speaks of in general, after naming another diagnosis, is no answer; where the poster
    # named it too (its kept mention may be the reply's), the poster's naming is what the reply answers
    kinds = {c.id for c in answer.conditions if c.id in answered and kind_mention(reply, c.span)}
    if kinds and len(answered) > len(kinds):
        answered = [x for x in answered if x not in kinds]
        later = [c for c in res.conditions if c.id in kinds and c.span[0] >= end and not c.negated]
        if later:
            named = {c.id for c in tag(text[:start]).conditions if not c.negated}
            asked += [c for c in later if c.id in named]
    if not asked:
        return
    if REPLY_DOUBTS.match(text, end) is not None and all(any(d in path(c.id) for c in asked) for d in answered):
        # only doubted, no other diagnosis named: the poster's names are a question again, and the reply's own
        # mention of the same name (what the kind "usually has") adds no finding
        for c in res.conditions:
            if c.span[0] < start and c.id not in SYMPTOMS and not c.negated:
                c.uncertain, c.hedged, c.concluded = True, False, False
        ids = {c.id for c in asked}
        res.conditions = [c for c in res.conditions if not (c.span[0] >= end and c.id in ids)]
        return
    if not answered:
        # round 57: the reply's own denial of the poster's name ("Thread: 'cold sore that won't go'. Reply from a GP: ...
        # is not a cold sore; I'd want it checked for squamous cell carcinoma"): the name is ruled out though the reply
        # only leaves open what it is instead (the same node only; a reply that names nothing leaves the rest as it is)
        denied = {c.id for c in answer.conditions if c.negated and c.id not in SYMPTOMS}
        for c in asked:
            if not c.negated and c.id in denied:
                c.negated, c.uncertain, c.hedged, c.historical, c.concluded = True, False, False, False, False
        return
    agrees = REPLY_AGREES.search(text, end) is not None
    # (a name the question already set aside, "is this a cold sore? A (GP): no, ...", is set aside for the drop below)
    set_aside = [c.id for c in asked if c.negated]
    for c in asked:
        if c.negated:
            continue
        # kept: the same name, the reply's more general one ("ringworm" answered "a fungal infection"), or, after a
        # word of agreement, a more specific one
        if any(d in path(c.id) or (agrees and c.id in path(d)) for d in answered) or (agrees and any(
                refines_by_name(reply[d.span[0]:d.span[1]], text[c.span[0]:c.span[1]]) for d in answer.conditions
                if d.id in answered)):
            if agrees and c.uncertain and not c.hedged:
                # round 51: a guess the clinician agrees with is the diagnosis ("pretty sure I've got psoriasis ...
                # Dermatologist replied: agree, chronic plaque psoriasis"; "Is this hives? ... A (allergist): Yes,
                # cholinergic urticaria"): asserted, the reply's name beside it
                # round 55: as sure as the reply is: a reply that only hedges its own naming ("From the photo this looks
                # like tinea corporis, so you're probably right about the cat") makes the guess its hedge (`?`, the
                # label may take it), not a finding
                if any((d.id in path(c.id) or c.id in path(d.id)) and d.hedged and not d.negated
                       for d in answer.conditions):
                    c.hedged = True
                else:
                    c.uncertain = False
            continue
        c.negated, c.uncertain, c.hedged, c.historical, c.concluded = True, False, False, False, False
        set_aside.append(c.id)
    # round 53: the reply's own "think X" ("at eight years old with broken hairs, think scalp ringworm and see the GP")
    # is the clinician's working diagnosis, a hedge the label may take (set 38's "think X" from a clinician), not the
    # teaching rule that "think" alone reads as (the trigger table's "if you see ... think alopecia areata")
    if set_aside:
        for c in res.conditions:
            if c.span[0] >= end and c.uncertain and not c.hedged and not c.negated and \
                    REPLY_THINK.search(text, max(end, c.span[0] - 24), c.span[0]):
                c.hedged = True
    # the itch the poster reports beside their guess is what they feel, not part of the guess ("I think I've got
    # psoriasis on my scalp, flaky and itchy"): asserted, once a clinician has answered the thread
    for c in res.conditions:
        if c.span[0] < start and c.id in SYMPTOMS and c.uncertain and "?" not in text[c.span[1]:start]:
            c.uncertain, c.hedged = False, False
    if set_aside:
        # (round 58: not a denial more specific than the poster's name, "scared it's melanoma. A (dermatologist): ... a
        # benign melanonychia ...; no features of subungual melanoma", set 42: a kind of it ruled out in its own words)
        res.conditions = [c for c in res.conditions if not (
            c.span[0] >= end and c.negated and c.id not in set_aside and any(
                kin(c.id, x) and x not in path(c.id) for x in set_aside))]


# Round 51: a lecturer's two lesions on one slide, one picked out as the one that matters ("on the left a seborrhoeic
# keratosis ..., and on the right a pigmented basal cell carcinoma, and the one I want you to remember is the right one",
# "On the right half, the one I want you to worry about: ... that's a superficial spreading melanoma"): that lesion's
# diagnosis is what the slide is about, the label (the other stays a finding). Gate (`core`): "one" and "want" or
# "worry" among the words.
FOCUS = re.compile(r"(?<![a-z])the[ ]+one[ ]+(?:(?:i|we)[ ]+(?:want|d[ ]+like|would[ ]+like)[ ]+you[ ]+to|you[ ]+(?:should|need[ ]+to)|"
                   r"to)[ ]+(?:worry[ ]+about|remember|notice|focus[ ]+on|look[ ]+at|learn|take[ ]+home)(?![a-z])")
FOCUS_SIDE_AFTER = re.compile(r"[ ]+(?:is|was)[ ]+(?:the[ ]+)?(?P<side>right|left)(?:[ ]+(?:one|half|side|lesion))?(?![a-z])")
FOCUS_SIDE_BEFORE = re.compile(r"(?<![a-z])on[ ]+the[ ]+(?P<side>right|left)(?:[ ]+(?:half|side))?[ ,]*$")
FOCUS_WORDS = frozenset(("want", "worry", "like", "should", "need"))


def focus_lesion(text: str, res: TagResult) -> None:
    """The diagnosis of the lesion a speaker picks out among two on a slide (`FOCUS`) is concluded (the label takes
    it): the lesion on the side the pick names ("... is the right one": the first name after "on the right"), or the
    first name after the pick."""
    low = text.lower()
    m = FOCUS.search(low)
    if m is None:
        return
    side = FOCUS_SIDE_AFTER.match(low, m.end())
    side = side or FOCUS_SIDE_BEFORE.search(low, max(0, m.start() - 30), m.start())
    start = m.end()
    if side is not None:
        at = low.find("on the " + side.group("side"))
        if at < 0:
            return
        start = at
    conds = sorted((c for c in res.conditions if c.span[0] >= start and not c.negated and c.id not in SYMPTOMS),
                   key=lambda c: c.span[0])
    if conds and len(res.conditions) > 1:
        conds[0].concluded = True

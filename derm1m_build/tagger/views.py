"""Round 26: whose view a name is and what a definition contrasts. Mixed into `Tagger`.

Three mechanisms, each gated on the words it needs (`views_wanted`):
- a belief with its subject between ("I suspect this crusted plaque on the finger is Bowen's disease", "I think the
  ring on my arm is ringworm"): the ConText window (five words) ends before the name; the frame reaches it over the
  subject's noun phrase. "Suspect" is a physician's verb (hedged, the label may take it); "think", "feel" and
  "reckon" are a guess ("believe" is left as stated), except in a clinician's letter, where each is the writer's
  hedge (as a referrer's "I am worried about X" is, `scope.WRITER_WORRY`);
- a first-person belief right before the name ("I believe this is hidradenitis suppurativa", "I think it is an
  AK") in a clinician's letter: the writer's hedge (outside a letter "I think" stays a guess and "I believe" as
  stated);
- a definition contrasted with the case ("a furuncle is only one follicle, so what you're seeing here is a
  carbuncle", "a keloid always spreads past the wound edge, so this one is a hypertrophic scar"): the defined name
  is the foil, set aside, when the answer in the same sentence names another diagnosis that neither refines nor is
  refined by it (an answer after a full stop or ";" is not read).

Round 46 (the label's view, from sets 30-33's written parts):
- a clinician is writing when the text shows the writer ordering or doing a test ("I think this is scleroderma and have
  asked for nailfold capillaroscopy", "so we biopsied for ...") or keeping a working diagnosis "until proven
  otherwise": then a first-person belief is the clinician's hedge, as in a letter (`CLINICIAN_ACT`); "I'm thinking X"
  is such a belief;
- a teacher's "you think of X" (what the listener should suspect in the case described) and a clinician's "we biopsied
  for X" name the working diagnosis: a physician's hedge, not a guess (`TEACHING_THINK`, `TESTED_FOR`);
- a lay belief answered by a clinician's verdict ("I assumed alopecia areata. The doctor ... says it's tinea capitis",
  "everyone told me my groin was jock itch ... a GP who said it's inverse psoriasis"): the belief's name is the one the
  verdict replaces, negated (the annotation's rule 5, "I thought it was a spider bite but the doctor said ..."), when the
  verdict names a diagnosis that neither holds nor is held by it in the tree (`LAY_BELIEF`, `CLINICIAN_VERDICT`).
"""

from __future__ import annotations

import re

# a letter from one clinician to another (`scope.CLINICIAN_LETTER`, and the forms of a request for advice)
CLINICIAN_LETTER = re.compile(r"(?<![a-z])(?:dear[ |]+(?:dr|doctor|dermatology|colleague|colleagues|team|consultant)|"
                              r"please[ |]+(?:triage|review|assess|see)|referral|referred|dermoscopy[ |]+(?:shows|showed|"
                              r"reveals)|on[ |]+examination|many[ |]+thanks|kind[ |]+regards|yours[ |]+sincerely|"
                              r"advice[ |]+and[ |]+guidance|e[ |]?consult|triage[ |]+note|teledermatology|"
                              r"gp[ |]+letter|clinic[ |]+letter|"
                              # round 38: a letter addressed to a clinic ("Letter to the skin unit at ...: ...")
                              r"letter[ |]+to[ |]+(?:the[ |]+)?(?:skin|dermatology|derm|plastics|clinic|consultant|dr)|"
                              # round 48: a referral's courtesy to the colleague who will see the patient ("Kindly
                              # review Mrs P, whose ...", "Thank you for seeing Mr O, whose ...", "I'd be grateful if
                              # you could assess ...")
                              r"kindly[ |]+(?:review|see|assess)|(?:thank[ |]+you|thanks)[ |]+for[ |]+(?:seeing|"
                              r"reviewing|assessing)|grateful[ |]+if[ |]+you[ |]+(?:could|would|can))(?![a-z])")
# Round 49: other marks of a clinician writing about a patient, where a first-person belief is the writer's hedge (the
# label may take it, ANNOTATION.md rules 6-7): a tele-consultation's images sent ("Store-and-forward images attached",
# "photos uploaded for Mrs K"), a letter's heading to a service ("Community podiatrist to dermatology: ..."), and the
# patient introduced in the third person with what they have ("This retired welder has ...", "This teenager has ...",
# "this 7-year-old has"): a patient or parent writes "my" (sets 16, 22, 23, 25-27 read these texts' "I think X" / "I
# wonder about X" / "which I think is X" as the label)
CLINICIAN_WRITER = re.compile(r"(?<![a-z])(?:store[ |]+and[ |]+forward|(?:images?|photos?|photographs?|pictures?)[ |]+"
                              r"(?:are[ |]+)?(?:attached|uploaded|enclosed)|to[ |]+(?:dermatology|the[ |]+dermatology"
                              r"[ |]+(?:team|clinic|service)|the[ |]+skin[ |]+(?:clinic|team|unit))[ ]*\||"
                              r"this[ |]+(?:(?:\d+|retired|young|elderly|older|pregnant|obese|diabetic|otherwise[ |]+"
                              r"well|previously[ |]+well|healthy)[ |]+)?(?:year[ |]+old[ |]+|month[ |]+old[ |]+)?"
                              r"(?:[a-z]+[ |]+)?(?:man|woman|lady|gentleman|boy|girl|teenager|toddler|infant|patient|"
                              r"welder|farmer|builder|roofer|gardener|nurse|chef|student|athlete|plumber|teacher|"
                              r"mechanic|driver|cleaner|hairdresser|baker|fisherman|soldier|electrician|carpenter|"
                              r"painter|labourer|laborer|worker|runner|swimmer|cyclist|surfer|year[ |]+old|"
                              r"month[ |]+old)[ |]+(?:has|had|presents|presented|with)|"
                              r"(?:treating|referring)[ |]+(?:clinician|doctor|physician|gp))(?![a-z])")
# Round 49: a referral's hedge in a relative clause ("this lady's shiny papule on the nose, which may be a basal cell
# carcinoma"): in a clinician's letter the writer's hedged diagnosis, as "which I feel is X" (`REL_BELIEF`); outside
# a letter "which may be" stays a guess ("a rash which may be eczema", a patient's post)
REL_MAY = re.compile(r"(?<![a-z])(?:which|that)[ ]+(?:i[ ]+think[ ]+)?(?:may|might|could)[ ]+(?:well[ ]+)?be"
                     r"(?:[ ]+(?:an?|the))?(?:[ ]+early)?[ ]+$")
MAY_WORDS = frozenset(("may", "might", "could"))
LETTER_WORDS = frozenset(("dear", "please", "referral", "referred", "thanks", "thank", "kindly", "grateful", "regards",
                          "sincerely", "consult", "econsult", "teledermatology", "triage", "letter", "examination",
                          "dermoscopy", "guidance", "kind", "many", "yours"))
# the belief, its subject (a noun phrase of up to ten words, no punctuation) and the copula just before the name
BELIEF_FRAME = re.compile(r"(?<![a-z])(?:i|we)[ ]+(suspect|believe|think|feel|reckon)[ ]+(?:that[ ]+)?"
                          r"(?:this|the|these|those|her|his|my|our|its|that)(?:[ ]+[a-z0-9]+){1,10}?[ ]+"
                          r"(?:is|are|represents?)[ ]+(?:(?:probably|likely|actually|just|really)[ ]+)?"
                          r"(?:(?:an?|the)[ ]+)?(?:early[ ]+)?$")
# a first-person belief right before the name ("I believe this is X", "we believe it is an X")
# (round 38: "I feel" too, of "these" / "they", "simply" before the name: "I feel these are simply seborrhoeic
# keratoses"; and the writer's wonder, "I wonder about Bowen's disease")
OWN_BELIEF = re.compile(r"(?<![a-z])(?:(?:i|we)[ ]+(?:believe|think|feel)[ ]+(?:(?:this|it|that)[ ]+(?:is|s)[ ]+|"
                        r"(?:these|they|those)[ ]+(?:are|re)[ ]+)?(?:(?:simply|just)[ ]+)?|"
                        r"(?:i|we)[ ]+(?:do[ ]+)?wonder[ ]+about[ ]+)(?:(?:an?|the)[ ]+)?$")
BELIEF_WORDS = frozenset(("suspect", "believe", "think", "feel", "reckon", "wonder", "thinking"))
# round 48: the belief inside a relative clause whose subject came first ("whose thick yellow toenails I believe are
# onychomycosis", "whose blisters I believe represent bullous pemphigoid", "which I feel is a squamous cell carcinoma"):
# in a clinician's letter the writer's hedge, as "I believe this is X" (`OWN_BELIEF`)
REL_BELIEF = re.compile(r"(?<![a-z])(?:whose|which|that)(?:[ ]+[a-z0-9]+){0,12}?[ ]+(?:i|we)[ ]+(?:believe|think|feel)"
                        r"[ ]+(?:is|are|represents?|to[ ]+be)(?:[ ]+(?:simply|just|probably|likely))?"
                        r"(?:[ ]+(?:an?|the))?[ ]+$")
# round 46: the writer doing or ordering a test, or keeping a working diagnosis: a clinician writing, as in a letter
CLINICIAN_ACT = re.compile(r"(?<![a-z])(?:(?:i|we|and)[ ]+(?:(?:have|ve|had|will|ll|d|shall)[ ]+)?(?:asked[ ]+for|"
                           r"requested|ordered|arranged|booked|sent[ ]+(?:off[ ]+)?(?:for[ ]+)?|taken|took)[ ]+"
                           r"(?:(?:an?|the|some)[ ]+)?(?:[a-z]+[ ]+){0,2}?(?:biopsy|biopsies|capillaroscopy|bloods|"
                           r"blood[ ]+tests?|serology|swabs?|scrapings?|patch[ ]+tests?|patch[ ]+testing|histology|"
                           r"cultures?|dermoscopy|punch)|(?:i|we)[ ]+(?:(?:have|ve|will|ll)[ ]+)?(?:biopsied|swabbed|"
                           r"scraped|excised)|until[ ]+proven[ ]+otherwise)(?![a-z])")
CLINICIAN_ACT_WORDS = frozenset(("asked", "requested", "ordered", "arranged", "booked", "sent", "taken", "took",
                                 "biopsied", "swabbed", "scraped", "excised", "proven"))
# a first-person working diagnosis in the progressive ("I'm thinking squamous cell carcinoma")
THINKING = re.compile(r"(?<![a-z])(?:i|we)[ ]+(?:m|am|re|are)[ ]+(?:now[ ]+)?thinking(?:[ ]+(?:of|about))?"
                      r"(?:[ ]+(?:an?|the))?[ ]+$")
# a teacher's "you think of X": what the listener should suspect in the case just described
TEACHING_THINK = re.compile(r"(?<![a-z])you[ ]+(?:(?:would|should|must|always)[ ]+)?think[ ]+(?:of|about)"
                            r"(?:[ ]+(?:an?|the))?[ ]+$")
# a clinician's test aimed at a diagnosis ("so we biopsied for urticarial vasculitis")
TESTED_FOR = re.compile(r"(?<![a-z])(?:biopsied|swabbed|scraped)(?:[ ]+(?:it|him|her|them|the[ ]+(?:lesion|edge|rash|"
                        r"plaque|nodule)))?[ ]+for(?:[ ]+(?:an?|possible|suspected))?[ ]+$")
TESTED_WORDS = frozenset(("biopsied", "swabbed", "scraped"))
# a lay belief right before the name ("I assumed alopecia areata", "we were sure it was eczema", "everyone told me my
# itchy red groin was jock itch")
LAY_BELIEF = re.compile(r"(?<![a-z])(?:(?:i|we)[ ]+(?:had[ ]+)?(?:assumed|presumed|figured|thought|(?:was|were)[ ]+"
                        r"(?:sure|convinced|certain))(?:[ ]+(?:that[ ]+)?(?:it|this|they)[ ]+(?:was|were|is|s|had))?|"
                        r"told[ ]+(?:me|us)[ ]+(?:that[ ]+)?(?:it|this|my|our)(?:[ ]+[a-z]+){0,4}?[ ]+(?:was|is|were))"
                        r"(?:[ ]+(?:just|only|simply))?(?:[ ]+(?:an?|the))?[ ]+$")
# Round 49: a lay fear right before the name ("terrified it's melanoma", "scared the mole on my back was a melanoma",
# "I panicked about melanoma"), answered the same way: the feared name the verdict replaces is negated (sets 10, 13,
# 24, 25, 33, 34, 35 negate it in 13 texts, ANNOTATION.md rule 5); a fear with no verdict stays a guess
# (the fear's object is the name after its verb: in "scared stiff my mole had turned into melanoma" the mole is the
# lesion feared for, not the fear)
FEAR_BELIEF = re.compile(r"(?<![a-z])(?:(?:terrified|scared|afraid|frightened|feared)(?:[ ]+stiff)?(?:[ ]+that)?"
                         r"(?:[ ]+[a-z]+){0,6}?[ ]+(?:was|were|is|s|are|had[ ]+turned[ ]+into|would[ ]+be|could[ ]+be|"
                         r"might[ ]+be)|panicked[ ]+about)(?:[ ]+(?:just|only|simply))?(?:[ ]+(?:an?|the))?[ ]+$")
LAY_BELIEF_WORDS = frozenset(("assumed", "presumed", "figured", "thought", "sure", "convinced", "certain", "told",
                              # round 49 (`FEAR_BELIEF`)
                              "terrified", "scared", "afraid", "frightened", "feared", "panicked"))
# a clinician's verdict right before a later name ("the doctor took a scraping and says it's", "a GP who said it's")
CLINICIAN_VERDICT = re.compile(r"(?<![a-z])(?:doctor|dr|doc|dermatologist|derm|gp|paediatrician|pediatrician|"
                               r"consultant|specialist|physician|pathologist|registrar|nurse|podiatrist)(?:[ ]+[a-z0-9]+)"
                               r"{0,7}?[ ]+(?:says|said|told[ ]+(?:me|us)|confirmed|diagnosed)(?:[ ]+(?:that|it[ ]+as|this[ ]+as))?"
                               r"(?:[ ]+(?:it|this|they)[ ]+(?:is|s|was|were|are))?(?:[ ]+(?:actually|really|just))?"
                               r"(?:[ ]+(?:an?|the))?[ ]+$")
VERDICT_WORDS = frozenset(("says", "said", "told", "confirmed", "diagnosed"))
# a name as the subject of a definition ("a furuncle is only one", "an EM target has three rings"): an article at a
# clause start, the name, then the copula or "has" and a defining word
DEFINED_BEFORE = re.compile(r"(?:^|\||(?:about|with|for)[ ])[ ]*(?:(?:and|but|whereas|while|remember)[ ]+)?(?:an?|the)[ ]+$")
DEFINED_AFTER = re.compile(r"[ ]+(?:(?:is|are|has|have)[ ]+)?(?:(?:it|they)[ ]+)?(?:only|just|always|never|usually|"
                           r"typically|by[ ]+definition|one|a[ ]+single|several|many|multiple|two|three)(?![a-z])")
# the case answered after it in the same sentence ("so what you're seeing here is", "so this is", "this one is")
CASE_ANSWER = re.compile(r"(?<![a-z])(?:what[ ]+(?:you[ ]+re|you[ ]+are|we[ ]+re|we[ ]+are)[ ]+(?:seeing|looking[ ]+at)"
                         r"(?:[ ]+here)?[ ]+is|(?:so[ ]+)?this[ ]+(?:one[ ]+)?is|here[ ]+(?:it[ ]+s|it[ ]+is|we[ ]+have)|"
                         r"this[ ]+(?:case|lesion|patient)[ ]+(?:is|has))(?:[ ]+(?:an?|the))?[ ]+$")
DEFINED_WORDS = frozenset(("only", "just", "always", "never", "usually", "typically", "definition", "one", "single",
                           "several", "many", "multiple", "two", "three"))
ANSWER_WORDS = frozenset(("seeing", "looking", "this", "here"))


def views_wanted(words: set[str], spans: int) -> bool:
    """One set look for most texts: a belief verb with a first person, or a definition word with an answer word
    and two names."""
    if not BELIEF_WORDS.isdisjoint(words) and ("i" in words or "we" in words):
        return True
    if "which" in words and not MAY_WORDS.isdisjoint(words) and not LETTER_WORDS.isdisjoint(words):
        return True  # (round 49: a referral's "which may be X")
    if ("think" in words and "you" in words) or not TESTED_WORDS.isdisjoint(words):
        return True  # (round 46)
    if spans > 1 and not LAY_BELIEF_WORDS.isdisjoint(words) and not VERDICT_WORDS.isdisjoint(words):
        return True  # (round 46)
    return spans > 1 and not DEFINED_WORDS.isdisjoint(words) and not ANSWER_WORDS.isdisjoint(words)


class ViewPasses:
    """Round 26's passes of `Tagger._finish` (see the module's docstring)."""

    def _views(self, text: str, n: str, words: set[str], hits, flags) -> None:
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        if not conds:
            return
        if not BELIEF_WORDS.isdisjoint(words) and ("i" in words or "we" in words):
            letter = CLINICIAN_LETTER.search(n) is not None or (
                not CLINICIAN_ACT_WORDS.isdisjoint(words) and CLINICIAN_ACT.search(n) is not None) or (
                CLINICIAN_WRITER.search(n) is not None)
            for a, b, _ in conds:
                f = flags[(a, b)]
                if f[0]:
                    continue
                lo = a - 100 if a > 100 else 0
                m = BELIEF_FRAME.search(n, lo, a)
                if m is not None and not any(f):
                    if m.group(1) == "suspect" or letter:
                        f[3] = True
                    elif m.group(1) != "believe":  # (a stated belief stays as stated, as "I believe this is X")
                        f[1] = True
                # (round 49: also when a hedge after the name already holds, "I think this is lupus until proven
                # otherwise": the writer's belief then is no guess beside it)
                elif letter and not f[2] and (f[1] or not f[3]) and (OWN_BELIEF.search(n, lo, a) or (
                        "thinking" in words and THINKING.search(n, lo, a)) or REL_BELIEF.search(n, lo, a)):
                    f[1], f[3] = False, True
        if "which" in words and not MAY_WORDS.isdisjoint(words) and not LETTER_WORDS.isdisjoint(words) \
                and CLINICIAN_LETTER.search(n) is not None:
            for a, b, _ in conds:
                f = flags[(a, b)]
                if f[1] and not f[0] and not f[2] and REL_MAY.search(n, a - 40 if a > 40 else 0, a):
                    f[1], f[3] = False, True  # (round 49: a referral's "which may be X")
        if ("think" in words and "you" in words) or not TESTED_WORDS.isdisjoint(words):
            self._working_diagnosis(n, conds, flags)
        if len(conds) > 1 and not LAY_BELIEF_WORDS.isdisjoint(words) and not VERDICT_WORDS.isdisjoint(words):
            self._belief_answered(n, conds, flags)
        if len(conds) > 1 and not DEFINED_WORDS.isdisjoint(words) and not ANSWER_WORDS.isdisjoint(words):
            self._definition_contrasted(text, n, conds, flags)

    def _working_diagnosis(self, n: str, conds, flags) -> None:
        """A teacher's "you think of X" and a clinician's "we biopsied for X" (round 46): the working diagnosis, a
        physician's hedge (the label may take it), where the trigger lists had read a guess."""
        for a, b, _ in conds:
            f = flags[(a, b)]
            if f[0] or not f[1] or f[2]:
                continue
            lo = a - 60 if a > 60 else 0
            if TEACHING_THINK.search(n, lo, a) or TESTED_FOR.search(n, lo, a):
                f[1], f[3] = False, True

    def _belief_answered(self, n: str, conds, flags) -> None:
        """A lay belief ("I assumed X", "everyone told me it was X") answered later by a clinician's verdict naming
        another diagnosis ("the doctor says it's Y"): X is negated (round 46; rule 5). The verdict's name must not hold
        or be held by X in the tree ("ringworm" answered "a fungal infection" confirms it)."""
        path_ids = self.ontology.path_ids
        for a, b, nid in conds:
            f = flags[(a, b)]
            if f[0] or f[2] or not (LAY_BELIEF.search(n, a - 80 if a > 80 else 0, a)
                                    or FEAR_BELIEF.search(n, a - 80 if a > 80 else 0, a)):
                continue
            for x, y, z in conds:
                if x <= b or z == nid or flags[(x, y)][0] or nid in path_ids(z) or z in path_ids(nid):
                    continue
                if CLINICIAN_VERDICT.search(n, max(b, x - 90), x):
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    break

    def _definition_contrasted(self, text: str, n: str, conds, flags) -> None:
        """A name defined in general ("a furuncle is only one [follicle]") and, later in the sentence, the case
        answered with another diagnosis ("so what you're seeing here is a carbuncle"): the defined name is the
        foil, negated. A kind of the answer or the answer's own kind is no foil ("a wart is always viral; this one is
        a plantar wart")."""
        path_ids = self.ontology.path_ids
        for a, b, nid in conds:
            f = flags[(a, b)]
            if f[0] or not DEFINED_BEFORE.search(n, a - 30 if a > 30 else 0, a) or not DEFINED_AFTER.match(n, b):
                continue
            stop = min((i for i in (text.find(". ", b), text.find(";", b), text.find("? ", b), text.find("! ", b))
                        if i >= 0), default=len(text))
            for x, y, z in conds:
                if x <= b or x > stop or z == nid or flags[(x, y)][0]:
                    continue
                if CASE_ANSWER.search(n, max(b, x - 50), x) and nid not in path_ids(z) and z not in path_ids(nid):
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    break

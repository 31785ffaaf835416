"""Scope and history: where a negation or a question reaches, what belongs to a relative, a past
treatment or another picture, verdicts and alternatives ("either X or Y", "X? no"), and round 24's
scope families (`_scope24`). Mixed into `Tagger`."""

from __future__ import annotations

import re

from derm1m_build.ontology import Ontology
from derm1m_build.tagger.context import sentence_ends
from derm1m_build.tagger.cues import QUESTION_NO, _clause_end
from derm1m_build.tagger.fastmatch import may
from derm1m_build.tagger.labels import SYMPTOMS, refines
from derm1m_build.tagger.results import TagResult

# "is this a keloid or a hypertrophic scar ... it's a keloid": the question's other answer is set aside
ALTERNATIVE_QUESTION = re.compile(r"(?<![a-z])(?:is|could|can|was) (?:this|it|that)(?: be)?(?: an?)?[ |]*$")
ALTERNATIVE_ANSWER = re.compile(r"(?<![a-z])(?:it s|it is|this is|that s|that is|so it s)(?: an?| the)?(?: classic)?[ |]*$")
# round 13: the name alone is the question, at a sentence start ("Lichen planus? No, the botanist meant a lichen",
# "Fish tank granuloma? No, this is just a photo of the aquarium"; sets 1-7 had "is this X? no, ...")
BARE_QUESTION = re.compile(r"(?:^|[.!?;:\n])[\s'\"\u2018\u201c]*$")
EITHER_START = re.compile(r"(?:^|\|[ |]*)either[ |]+(?:an?[ |]+)?")
ANSWER_GAP = re.compile(r"[\s:,.\-\u2013\u2014]*(?:(?:it s|it's|it is|this is|that's|that is|these are|they're|they are|"
                        r"an?|the|just|actually|rather|in fact)\s+)*", re.IGNORECASE)
# round 17: what may stand between the name asked about and its "?" ("Psoriasis in the past?", "Eczema before?")
ASKED_TAIL = re.compile(r"\s*(?:(?:in the past|before|ever|at all|previously|as a child)\s*)?")
# a case's background, then what the patient presents with now: "a woman with known SLE presented with ...
# subacute cutaneous lupus", "a boy with atopic dermatitis developed ... eczema herpeticum", "had a melanoma
# excised in 2015 and today we're looking at ... a seborrheic keratosis"; not "psoriasis presenting as ..."
# (round 52: a known disease that "flared", whatever follows: "a boy whose known atopic dermatitis flared after a nursery
# outbreak: ... Eczema herpeticum")
PRESENT_NOW = re.compile(r"(?<![a-z])(?:(?:presented|presents|presenting|developed|develops|today|now presents|"
                         r"now has|now shows|(?:had|has)[ |]+(?:a[ |]+)?new)(?![a-z])"
                         r"(?![ |]+(?:as|in|on|within|from|after|at)(?![a-z]))|flared(?![a-z]))")
# round 8: a name followed by "is on the next slide" / "was the previous slide" is another picture's, not this
# one's ("no sorry, that's the blue nevus, the melanoma is on the next slide")
ELSEWHERE = re.compile(r"[ |]+(?:(?:(?:is|was|s|are|were)[ |]+(?:on[ |]+)?|from[ |]+)the[ |]+(?:next|previous|last|other|following|"
                       r"earlier)[ |]+(?:slide|picture|image|photo|one|case|patient)|(?:slide|picture|image|photo)[ |]+"
                       r"(?:is|was)[ |]+missing)(?![a-z])")
# round 16: a relative's condition in the present, in a third person's account ("Her father and two brothers have
# psoriasis; she has ..."): ConText's other experiencer. Not the writer's own relative ("my grandmother has liver
# spots" is often the pictured patient: `context.RELATIVE_VERBS` keeps past forms only)
_REL = (r"(?:mother|father|mum|mom|dad|sisters?|brothers?|aunt|uncle|grandmother|grandfather|grandma|grandpa|cousins?|"
        r"parents|siblings?|twin)")
# round 40: also a family history's bare relatives at a sentence's or a field's start ("Father and brother have
# psoriasis; ..."), some of them ("two of her cousins ..."), and a diagnosis they carry ("carry a diagnosis of
# epidermolysis bullosa"): still a relative's condition, never the patient's
# (bare, only the words of a note: a writer's own "Mum has eczema" may be the pictured patient)
_REL_NOTE = r"(?:mother|father|sisters?|brothers?|siblings?|cousins?|parents|aunt|uncle|grandmother|grandfather)"
RELATIVE_HAS = re.compile(r"(?:(?<![a-z])(?:(?:one|two|three|four|several|some|both|all|many)[ |]+of[ |]+)?"
                          r"(?:her|his|their|the[ |]+patient[ |]+s|patient[ |]+s)[ |]+" + _REL
                          + r"|(?:^|(?<=[|.:;])[ |]+)" + _REL_NOTE + r")"
                          + r"(?:[ |]+(?:and|or)[ |]+(?:(?:two|three|four|both|her|his|their|a|an)[ |]+)?" + _REL + r")?"
                          r"[ |]+(?:both[ |]+|also[ |]+|all[ |]+)?(?:has|have|gets|get|suffers[ |]+from|suffer[ |]+from|"
                          r"carry|carries)"
                          r"(?![a-z])")
# round 24: a question answered after it ("Is this psoriasis? The nail pitting and the scalp plaques say yes.", "...
# whether this is pemphigus, and the answer from the immunofluorescence is no")
ANSWERED_YES = re.compile(r"[ |]*(?:(?:yes|yep|yeah)(?![a-z])|(?:[a-z]+[ |]+){1,8}?(?:say|says|said)[ |]+yes(?![a-z])|"
                          r"(?:[a-z]+[ |]+){0,6}?answer[ |]+(?:is|was)[ |]+yes(?![a-z]))")
ANSWERED_NO = re.compile(r"[ |]+(?:and[ |]+)?the[ |]+answer(?:[ |]+[a-z]+){0,5}?[ |]+(?:is|was)[ |]+no(?![a-z])")
NOT_BEFORE = re.compile(r"(?<![a-z])not[ |]+(?:(?:an?|the)[ |]+)?$")
CLINICIAN_BUT_WORDS = frozenset(("doctor", "gp", "dermatologist", "derm", "consultant", "nurse", "specialist",
                                 "paediatrician", "pediatrician", "dr", "doc"))
# round 24: a writer who says they are no physician ("I'm a nurse, not a doctor, but those look like ringworm to me"):
# their hedges are guesses
NOT_A_DOCTOR = re.compile(r"(?<![a-z])(?:not a (?:doctor|dermatologist|physician|medic)|i m no doctor|i am no doctor|"
                          r"ianad|not medically trained|no medical training)(?![a-z])")
NOT_A_DOCTOR_WORDS = frozenset(("doctor", "dermatologist", "physician", "medic", "ianad", "medically", "training"))
# a physician among the lay people ("A skin doctor friend glanced at it and said maybe a keloid", "my friend who is a
# dermatologist says"): a physician's hedge, not a lay guess
DOCTOR_FRIEND_BEFORE = re.compile(r"(?<![a-z])(?:(?:skin[ |]+)?doctor|dermatologist|derm|gp|physician|consultant)[ |]+"
                                  r"(?:friend|mate|neighbour|neighbor|cousin|sister|brother|aunt|uncle)|"
                                  r"(?:friend|mate|neighbour|neighbor|cousin|sister|brother|aunt|uncle)[ |]+who[ |]+is[ |]+an?[ |]+"
                                  r"(?:skin[ |]+)?(?:doctor|dermatologist|gp|physician|consultant)(?![a-z])")
DOCTOR_FRIEND_SAID = re.compile(r"(?:[ |]+[a-z]+){0,8}?[ |]+(?:said|says|thinks|reckons|told me)(?:[ |]+[a-z]+){0,3}?[ |]*$")
# an outbreak around the patient ("School sent a letter saying there's fifth disease going round"): an exposure, a guess
GOING_ROUND_AFTER = re.compile(r"[ |]+(?:going|doing)[ |]+(?:round|around|the[ |]+rounds)(?![a-z])")
QUESTION_SENTENCE = re.compile(r"(?:^|(?<=[.!?:;]))[^.!?:;]*?\b((?:is|are|could|can|might|would|may)\s+(?:this|it|that|these|"
                               r"they|those)\b|any\s+chance\b)[^.!?;]*\?", re.IGNORECASE)
# (reported by others: "Nursery says there's ...", "a letter saying"; not a teacher's "Fifth disease going round my class:
# fiery red cheeks ...", which describes what is pictured)
GOING_ROUND_REPORTED = re.compile(r"(?<![a-z])(?:says|saying|said|told|letter|heard|apparently|warned)(?![a-z])")
# round 24: a comparison's other term ("Rarer than BCC, Merkel cell carcinoma presents ..."): not the text's finding
THAN_BEFORE = re.compile(r"(?<![a-z])(?:rarer|commoner|more common|less common|more frequent|less frequent|more aggressive|"
                         r"less aggressive|faster growing|slower growing|more painful|less painful|"
                         r"more often|less often)[ |]+than[ |]+(?:(?:an?|the)[ |]+)?$")
# the less likely term of a judged comparison ("... is more likely rosacea or seborrhoeic dermatitis than lupus"): negated
LIKELIER_THAN_BEFORE = re.compile(r"(?<![a-z])(?:more likely|likelier|more in keeping with|more consistent with)"
                                  r"(?:[ |]+[a-z]+){0,8}?[ |]+than[ |]+(?:(?:an?|the)[ |]+)?$")
# a lay belief overruled by a clinician ("I think I have scabies ..., but the doctor said it's just dry skin eczema";
# "... the derm said its a seborrheic keratosis ... I was SO sure it was a melanoma lol"): set aside
CLINICIAN_BUT = re.compile(r"(?<![a-z])but[ |]+(?:the|my|our|a|her|his|their)[ |]+(?:doctor|gp|dermatologist|derm|"
                           r"consultant|nurse|specialist|paediatrician|pediatrician|dr|doc)[ |]+(?:said|says|told|thinks|"
                           r"diagnosed|confirmed|called)(?![a-z])")
CLINICIAN_SAID = re.compile(r"(?<![a-z])(?:doctor|gp|dermatologist|derm|consultant|specialist|dr|doc|she|he)(?:[ |]+[a-z]+){0,12}?"
                            r"[ |]+(?:said|says|diagnosed|confirmed)(?![a-z])")
PAST_BELIEF_BEFORE = re.compile(r"(?<![a-z])(?:i|we)[ |]+(?:was|were|d[ |]+been|had[ |]+been)[ |]+"
                                r"(?:(?:so|really|totally|absolutely|100%)[ |]+)?"
                                # round 25: a past fear answered the same way ("I'd been panicking it was skin cancer")
                                r"(?:sure|convinced|certain|positive|panicking|scared|terrified|afraid|worried)[ |]+"
                                r"(?:that[ |]+)?(?:it|this|they)[ |]+(?:was|were)"
                                r"[ |]+(?:(?:an?|the)[ |]+)?$")
# round 24: a childhood illness dated by the patient's age, the present one after "now" ("Chickenpox at age 6; now, at
# 71, shingles"): history
AT_AGE_AFTER = re.compile(r"[ |]+(?:at|aged)[ |]+(?:age[ |]+)?\d{1,2}(?![0-9])")
NOW_WORD = re.compile(r"(?<![a-z])now(?![a-z])")
# round 24: negation and scope families generalised from sets 8-15 (`Tagger._scope24`), each a mechanism:
# a counterfactual denied after it ("impetigo would show honey-coloured crusts, which I don't see", "psoriasis
# would give neutrophils in the stratum corneum, neither of which is present"): the name is negated
COUNTERFACTUAL = re.compile(r"[ |]+(?:would|should|ought to)[ |]+(?:usually[ |]+|typically[ |]+|normally[ |]+|also[ |]+)?"
                            r"(?:show|give|have|cause|produce|look|be|present|feature|mean|need|expect)(?![a-z])")
DENIED_AFTER = re.compile(
    r"(?<![a-z])(?:(?:i|we|you)[ |]+(?:don t|do not|can t|cannot|couldn t|could not|didn t|did not)[ |]+"
    r"(?:see|find|appreciate|have|identify)|(?:i|we)[ |]+(?:see|saw|find|found|have)[ |]+(?:none|no|nothing)|"
    r"(?:neither|none)[ |]+of[ |]+(?:which|these|them|those)[ |]+(?:is|are|was|were)[ |]+(?:present|seen|there|found)|"
    r"(?:which|these|they|those|both)[ |]+(?:is|are|was|were)[ |]+(?:absent|not[ |]+(?:seen|present|found|there)|"
    r"missing|lacking)|(?:absent|not seen|missing|lacking)[ |]+here|there[ |]+(?:are|is)[ |]+none|"
    r"(?:not|none)[ |]+(?:seen|present|found)[ |]+here)(?![a-z])")
# a name considered, then answered by a negative test or finding ("HSP considered but no IgA on DIF", "Bullous
# pemphigoid was considered, but direct immunofluorescence was negative"): ruled out
CONSIDERED_BUT = re.compile(r"[ |]+(?:(?:was|were|is|had been|has been)[ |]+)?(?:considered|suspected|queried|raised|"
                            r"entertained|thought of|wondered about)(?:[ |]+by[ |]+(?:the|her|his|a|an|our|my|their)[ |]+"
                            r"[a-z]+)?[ |]+(?:but|however)[ |]+")
ANSWER_NEGATIVE = re.compile(r"(?<![a-z])(?:no|not|negative|normal|unremarkable|absent|excluded|ruled out|never|nor|"
                             r"neither|clear|isn t|wasn t|aren t|weren t)(?![a-z])")
ANSWER_NEGATIVE_WORDS = 10
# the same consideration put first ("we wondered about pemphigus but the Nikolsky sign was not there")
CONSIDERED_BEFORE = re.compile(r"(?<![a-z])(?:considered|wondered about|thought about|suspected|queried|raised)[ |]+"
                               r"(?:(?:an?|the)[ |]+)?$")
BUT_AFTER = re.compile(r"[ |]+(?:but|however)[ |]+")
# a negation confined to some sites, the name then placed elsewhere ("no psoriasis on the nails or scalp, only the
# plaques on the knees", "No eczema on the hands, only on the flexures"): the name is there, asserted
ONLY_ELSEWHERE = re.compile(r"[ ]+(?:on|in|at|of|over|around|under|behind)[ ]+(?:[a-z]+[ ]+){0,6}?[a-z]+[ ]*\|[ ]*"
                            r"(?:but[ ]+)?(?:only|just)[ ]+(?:(?:on|in|at|over|around|under|behind)(?![a-z])|(?:the|a|some|a few|"
                            r"its|his|her|their|those|these)[ ]+(?:[a-z]+[ ]+)?(?:plaques?|patch(?:es)?|lesions?|rash|"
                            r"spots?|areas?|papules?|one|bits?)(?![a-z]))")
# a name restated and denied outright later ("... sent home with cellulitus ... the real diagnosis turned out to
# be a DVT, so not cellulitis at all", "it isn't eczema after all"): the denial wins over the earlier naming
EMPHATIC_DENIAL_BEFORE = re.compile(r"(?<![a-z])(?:so not|definitely not|certainly not|clearly not|it s not|it is not|"
                                    r"it was not|it wasn t|it isn t|that s not|that is not|was never|never was|"
                                    r"wasn t really|not really)[ |]+(?:(?:an?|the)[ |]+)?$")
EMPHATIC_DENIAL_AFTER = re.compile(r"[ |]+(?:at all|after all)(?![a-z])")
# a scare-quoted name that someone else's note gave, overruled by another diagnosis ("The ED note says 'hives' but
# ... : isolated angioedema", "told I have hidradenitis suppurativa after years of 'boils'"): set aside
QUOTE_OPEN = "'\"\u2018\u201c"
QUOTE_CLOSE = "'\"\u2019\u201d"
QUOTED_REPORT = re.compile(r"(?<![a-z])(?:says|said|say|called|calls|call|labelled|labeled|reads|wrote|"
                           r"writes|noted|years of|diagnosed as|diagnosis of|treated as|filed as|as)(?:[ |]+(?:it|them|this|that|these))?[ |]*$")
QUOTED_OVERRULE = re.compile(r"(?<![a-z])(?:but|however|actually|in fact|really|finally|turned out|turns out|corrected|"
                             r"revised|after years of)(?![a-z])")
# a patient's own guess by search engine or hunch ("I googled and it's giving lyme disease", "im thinking scabies
# tbh", "Dr Google says ringworm"): a guess, never the label
OWN_GUESS = re.compile(r"(?<![a-z])(?:i m thinking|im thinking|i am thinking|i googled(?:[ |]+it)?(?:[ |]+and)?|"
                       r"googled(?:[ |]+it)?(?:[ |]+and)?|google says|dr google says|dr google thinks|"
                       r"according to google)(?:[ |]+(?:it s|its|it is|they re|it s giving|its giving|it s saying|"
                       r"its saying|says|said|shows|showed))?(?:[ |]+(?:giving|saying|like))?[ |]+(?:(?:an?|the|maybe|"
                       r"probably|possibly)[ |]+)?$")
# a referring clinician's worry ("Dear dermatology team, ... so I am worried about melanoma rather than a dysplastic
# naevus"): the referrer's hedged diagnosis (a patient's worry stays a guess)
CLINICIAN_LETTER = re.compile(r"(?<![a-z])(?:dear[ |]+(?:dr|doctor|dermatology|colleague|colleagues|team|consultant)|"
                              r"please[ |]+(?:triage|review|assess|see)|referral|referred|dermoscopy[ |]+(?:shows|showed|"
                              r"reveals)|on[ |]+examination|many thanks|kind regards|yours sincerely)(?![a-z])")
WRITER_WORRY = re.compile(r"(?<![a-z])(?:i am|i m|we are|we re|i remain|i was)[ |]+(?:(?:really|quite|rather|a[ |]+little|"
                          r"somewhat|particularly)[ |]+)?(?:worried|concerned)[ |]+(?:about|for)[ |]+(?:(?:an?|the|possible|"
                          r"a[ |]+possible)[ |]+)?$")
# an earlier working name overturned later ("we initially sent her home with a diagnosis of eczema, but the biopsy
# turned out to be mycosis fungoides", "at first treated as impetigo; the real diagnosis was ..."): set aside
EARLIER_NAMING = re.compile(r"(?<![a-z])(?:initially|at first|originally|first|previously|earlier|previous|"
                            # round 25: a record's earlier wording ("the caption said X; the final pathology was Y")
                            r"(?:caption|legend|label|tag|form|request)[ |]+(?:said|read|says|reads|was))"
                            r"(?:[ |]+[a-z]+){0,7}?[ |]+[ '\"\u2018\u201c]*$")
LATER_VERDICT = re.compile(r"(?<![a-z])(?:turned out|turns out|real diagnosis|true diagnosis|actual diagnosis|actually|"
                           r"in fact|came back as|proved to be|biopsy (?:showed|shows|revealed|confirmed)|"
                           # round 25: a record revised ("upgraded to", "on review", "the final pathology was")
                           r"upgraded|downgraded|reclassified|revised to|on review|final (?:pathology|histology|diagnosis)|"
                           r"then[ |]+(?:the[ |]+)?[a-z]+[ |]+(?:said|says|diagnosed|confirmed|told us)|"
                           # round 27: a record re-read ("originally entered as X; consensus now Y", "first read as X; the
                           # second pathologist calls it Y", "the panel now classifies it as Y", "amended to Y")
                           r"consensus|second[ |]+(?:opinion|pathologist|reader|review|look|reviewer)|(?:calls|called)[ |]+it|"
                           r"now[ |]+(?:[a-z]+[ |]+)?(?:reads|classif(?:y|ies|ied)|calls|called|labelled|labeled|coded|"
                           r"diagnosed|considered)|(?:amended|corrected|changed|updated)[ |]+to|reissued|re[ |]?reviewed)"
                           r"(?![a-z])")
# round 25: a working name that treatment served ("treated repeatedly as boils", "managed as cellulitis for a week") or
# that treatment failed ("ringworm has been treated without change"), then another diagnosis stated: set aside
TREATED_AS_BEFORE = re.compile(r"(?<![a-z])(?:treated|managed|handled)(?:[ |]+(?:repeatedly|again|for[ |]+(?:years|months|"
                               r"weeks|ages|a[ |]+(?:week|month|year))|by[ |]+(?:the|her|his|their|a|an)[ |]+[a-z]+))?"
                               r"[ |]+as[ |]+(?:an?[ |]+|the[ |]+)?[ '\"\u2018\u201c]*$")
TREATED_FAILED_AFTER = re.compile(r"[ |]+(?:has|had|have)[ |]+been[ |]+treated(?:[ |]+[a-z0-9]+){0,5}?[ |]+"
                                  r"(?:without[ |]+(?:change|improvement|response|benefit|success|effect)|"
                                  r"with[ |]+no[ |]+(?:change|improvement|response|benefit|effect))(?![a-z])")
TREATED_WORDS = frozenset(("treated", "managed", "handled"))
# round 25: someone's insistence answered by "but" and another diagnosis ("He insists the lesion is an old burn scar,
# but the pearly rolled edge says basal cell carcinoma"): the insisted name is set aside
INSISTS_BEFORE = re.compile(r"(?<![a-z])(?:insists|insisted|swears|swore|is adamant|was adamant|is certain|is convinced|"
                            r"was convinced|is sure|was sure)(?:[ ]+that)?(?:[ ]+[a-z]+){0,6}?[ ]+$")
INSISTS_WORDS = frozenset(("insists", "insisted", "swears", "swore", "adamant", "certain", "convinced", "sure"))
# round 25: a teaching pair ("people mix up X and Y", "X versus Y", "students confuse X with Y") answered by "this one
# is X / the former / the latter": the chosen name is stated, the other set aside
PAIR_JOIN = re.compile(r"[ |]+(?:and|with|from|versus|vs|or)[ |]+(?:(?:an?|the)[ |]+)?(?:um[ |]+|er[ |]+)?")
PAIR_CUE = re.compile(r"(?<![a-z])(?:confuse[sd]?|confusing|mix(?:es|ed)?[ |]+up|mistake[sn]?|mistook|versus|vs|"
                      r"tell[ |]+apart|distinguish(?:ing)?(?:[ |]+between)?|between)(?![a-z])")
THIS_ONE = re.compile(r"(?<![a-z])(?:this[ |]+one|this[ |]+case|this[ |]+lesion|this[ |]+patient|here[ |]+it)"
                      r"[ |]+(?:is|s|was)[ |]+(?:(?:an?|the)[ |]+)?(?:(former|latter)(?![a-z]))?")
THIS_ONE_WORDS = frozenset(("one", "case", "lesion", "patient", "it"))
PAIR_WORDS = frozenset(("confuse", "confused", "confuses", "confusing", "mix", "mixes", "mixed", "mistake", "mistaken",
                        "mistook", "versus", "vs", "apart", "distinguish", "distinguishing", "between"))
# the word sets of `Tagger._scope24`'s blocks (built once)
CONSIDERED_WORDS = frozenset({"considered", "suspected", "queried", "raised", "entertained", "thought", "wondered"})
EARLIER_WORDS = frozenset({"initially", "originally", "first", "previously", "earlier", "previous", "caption", "legend",
                           "label", "tag", "form", "request"})
FRIEND_WORDS = frozenset({"friend", "mate", "neighbour", "neighbor", "cousin", "sister", "brother", "aunt", "uncle"})
PAST_BELIEF_WORDS = frozenset({"sure", "convinced", "certain", "positive", "panicking", "scared", "terrified", "afraid",
                               "worried"})
SCOPE24_WORDS = frozenset(("friend", "mate", "neighbour", "neighbor", "cousin", "aunt", "uncle", "round", "around",
                           "rounds", "ianad", "medically", "training", "doctor", "physician", "medic", "answer", "yes",
                           "sure", "convinced", "googled", "google", "thinking", "worried", "concerned")) | CLINICIAN_BUT_WORDS
# blocks that need two words (`_scope24_wanted`)
SCOPE24_NEGATION = frozenset(("not", "no", "isn", "wasn", "never", "without", "none"))
DENIAL24_WORDS = frozenset(("not", "no", "none", "neither", "nothing", "absent", "missing", "lacking", "don", "didn", "can",
                            "cannot", "couldn"))
LATER_VERDICT_WORDS = frozenset(("turned", "turns", "real", "true", "actual", "actually", "fact", "came", "proved",
                                 "biopsy", "then", "upgraded", "downgraded", "reclassified", "revised", "review", "final",
                                 # round 27
                                 "consensus", "second", "calls", "called", "now", "amended", "corrected", "changed",
                                 "updated", "reissued", "reviewed"))
ANSWER_NEGATIVE_KEYS = frozenset(("no", "not", "negative", "normal", "unremarkable", "absent", "excluded", "ruled", "never",
                                  "nor", "neither", "clear", "isn", "wasn", "aren", "weren"))
THAN_WORDS = frozenset(("rarer", "commoner", "common", "frequent", "aggressive", "growing", "painful", "often", "likely",
                        "likelier", "keeping", "consistent"))
# every word any block needs (one look rules most texts out)
SCOPE24_ANY = (SCOPE24_WORDS | SCOPE24_NEGATION | EARLIER_WORDS | CONSIDERED_WORDS | PAST_BELIEF_WORDS | TREATED_WORDS
               | PAIR_WORDS | INSISTS_WORDS
               | frozenset(("only", "just", "would", "should", "than", "now", "isn", "wasn")))
# round 16: three or more diagnoses in a list closed by "or" ("Annular scaly plaques: tinea corporis, nummular eczema or
# subacute cutaneous lupus") are alternatives, a differential without its word: each is a guess
OR_LIST_LAST = re.compile(r"[ |]*(?:\|[ |]*)?or[ |]+(?:(?:an?|the)[ |]+)?")
OR_LIST_MID = re.compile(r"[ |]*\|[ |]*(?:(?:an?|the)[ |]+)?")
# round 23: a lesion's first name as the subject of a verdict ("My daughter's 'ringworm' that the pharmacist sold cream
# for turned out to be granuloma annulare", "the wart turned out to be an SCC"): the verdict replaces it. The subject
# opens its noun phrase (a determiner or a possessive before it, a quote allowed), at most a short relative clause stands
# between it and the verdict; "a man with psoriasis whose rash turned out to be ..." is no subject.
TURNED_OUT_AFTER = re.compile(r"['\"\u2019\u201d]?(?:\s+(?:that|which|who)\b[^.;:!?]{0,60}?)?\s+(?:turned out to be|turns out to be|"
                           r"proved to be|proved|was in fact|were in fact)\s+(?:(?:an?|the)\s+)?$", re.IGNORECASE)
TURNED_OUT_SUBJECT = re.compile(r"(?:(?<![a-z])(?:my|his|her|their|our|your|the|this|that|a|an)|'s)\s+['\"\u2018\u201c]?$",
                             re.IGNORECASE)
# round 8: a test's verdict answers an earlier guess or hedge ('Sent in as "?wart"; histology shows an acquired
# digital fibrokeratoma', 'The referral said "melanoma of the sole"; on dermoscopy it is a plantar wart')
# round 12: other tests give verdicts too ("the ultrasound and excision showed", "scrapings showed", "culture
# grew"), and so does the clinic that sees the referral ("Referred as 'query scabies'; seen in clinic: ...")
VERDICT = re.compile(r"(?<![a-z])(?:(?:histology|histopathology|biopsy|pathology|dermoscopy|dermatoscopy|excision|"
                     r"ultrasound|scrapings|scraping|culture|cultures|immunofluorescence|trichoscopy)"
                     r"[ |]+(?:shows|showed|show|reveals|revealed|came[ |]+back(?:[ |]+as)?|confirmed|confirms|grew|"
                     r"(?:it|this)[ |]+(?:is|s))|seen[ |]+in[ |]+(?:the[ |]+)?clinic)(?![a-z])")
BACKGROUND_CUE = re.compile(r"(?<![a-z])(?:with|had|has|known|history|for)(?![a-z])")


def _scope24_wanted(text: str, words: set[str], spans: int, gw: set[str] | None = None) -> bool:
    """Whether any block of `Tagger._scope24` can apply: one set look for most texts, then the pairs of words a block
    needs (a negation and "only" or a second name; a first naming and a verdict; "than" and a comparison's word; an
    age and "now"; a belief and "was"). `gw`: `Tagger._finish`'s gate words of the text (its words among a union that
    holds `SCOPE24_ANY`, `core.FINISH_GATE_SETS`), for the first look (speed round 46: ~6 words to read, not ~45)."""
    if SCOPE24_ANY.isdisjoint(words if gw is None else gw):
        return "?" in text or ('"' in text or " '" in text or text[:1] == "'" or "\u2018" in text or "\u201c" in text)
    if not SCOPE24_WORDS.isdisjoint(words) or "?" in text or (
            '"' in text or " '" in text or text[:1] == "'" or "\u2018" in text or "\u201c" in text):
        return True
    if spans > 1 and ("not" in words or "isn" in words or "wasn" in words):
        return True
    if ("only" in words or "just" in words) and not SCOPE24_NEGATION.isdisjoint(words):
        return True
    if spans > 1 and not EARLIER_WORDS.isdisjoint(words) and not LATER_VERDICT_WORDS.isdisjoint(words):
        return True
    if ("would" in words or "should" in words) and not DENIAL24_WORDS.isdisjoint(words):
        return True
    if not CONSIDERED_WORDS.isdisjoint(words) and not ANSWER_NEGATIVE_KEYS.isdisjoint(words):
        return True
    if "than" in words and not THAN_WORDS.isdisjoint(words):
        return True
    if "now" in words and ("age" in words or "aged" in words):
        return True
    if spans > 1 and "but" in words and not INSISTS_WORDS.isdisjoint(words):
        return True
    if spans > 1 and not TREATED_WORDS.isdisjoint(words) and ("as" in words or "been" in words):
        return True
    if spans > 1 and not PAIR_WORDS.isdisjoint(words) and ("this" in words or "here" in words) \
            and not THIS_ONE_WORDS.isdisjoint(words):
        return True
    return not PAST_BELIEF_WORDS.isdisjoint(words) and ("was" in words or "were" in words) \
        and ("i" in words or "we" in words)


def _pair_answered(n: str, conds, flags, negate, is_kind) -> None:
    """Round 25: two names set against each other ("people mix up tinea incognito and discoid eczema", "X versus Y")
    and answered after them by "this one is X", "the former" or "the latter": the chosen name is stated (asserted), the
    other set aside. Without an answer the pair is left as the earlier passes read it."""
    for (a1, b1, z1), (a2, b2, z2) in zip(conds, conds[1:]):
        if z1 == z2 or not PAIR_JOIN.fullmatch(n, b1, a2):
            continue
        if not PAIR_CUE.search(n, max(0, a1 - 40), a2):
            continue
        m = THIS_ONE.search(n, b2, b2 + 60)
        if m is None:
            continue
        if m.group(1):
            chosen = (a1, b1) if m.group(1) == "former" else (a2, b2)
        else:
            # (the answer's name starts right after "this one is" and is one of the pair or a kind of one: "mix up
            # tinea and discoid eczema, this one is tinea incognito"; a shorter name inside it is no answer)
            nxt = next(((x, y, z) for x, y, z in sorted(conds, key=lambda c: c[0] - c[1]) if x == m.end()), None)
            if nxt is None:
                continue
            k1, k2 = is_kind(nxt[2], z1), is_kind(nxt[2], z2)
            if k1 == k2:
                continue
            chosen = (a1, b1) if k1 else (a2, b2)
            f = flags[(nxt[0], nxt[1])]
            if not f[0]:
                f[1], f[3] = False, False
        other = (a2, b2) if chosen == (a1, b1) else (a1, b1)
        f = flags[chosen]
        f[0], f[1], f[3] = False, False, False
        negate(other)


def _verdict_subject(text: str, res: TagResult, ontology: Ontology) -> None:
    """Round 23: a condition that is the subject of "turned out to be" / "proved to be" another condition (`TURNED_OUT_AFTER`
    between them, `TURNED_OUT_SUBJECT` before it) is set aside (negated); the verdict stands. A verdict that refines it
    ("the eczema turned out to be nummular eczema") or that it refines leaves it."""
    from derm1m_build.tagger.labels import refines

    conds = sorted(res.conditions, key=lambda m: m.span[0])
    for x, y in zip(conds, conds[1:]):
        a, b = x.span
        if x.negated or y.negated or y.span[0] - b > 90 or not TURNED_OUT_AFTER.match(text[b:y.span[0]]):
            continue
        if not TURNED_OUT_SUBJECT.search(text, max(0, a - 12), a) or refines(ontology, y.id, x.id) \
                or refines(ontology, x.id, y.id):
            continue
        x.negated, x.uncertain, x.hedged, x.historical = True, False, False, False


class ScopePasses:
    """The scope and history passes of `Tagger._finish`."""

    @staticmethod
    def _relative_has(text: str, n: str, hits, flags) -> None:
        """"Her father and two brothers have psoriasis": a relative's condition in a third person's account is
        not the patient's finding (uncertain, never the label), to the clause's end (a sentence end, ";", "but")."""
        ends = None
        for m in RELATIVE_HAS.finditer(n):
            if ends is None:
                ends = sentence_ends(text)
            stop = _clause_end(text, n, m.end(), ends)
            for a, e, t, _ in hits:
                if t.kind == "condition" and m.end() <= a and e <= stop and len(n[m.end():a].split()) <= 6:
                    f = flags[(a, e)]
                    if not f[0]:
                        f[1], f[3] = True, False

    def _scope24(self, text: str, n: str, words: set[str], hits, flags) -> None:
        """Round 24: negation and scope families that earlier rounds read phrase by phrase (module constants above):
        a counterfactual denied, a name considered and answered negative, a negation confined to some sites, a name
        denied outright after an earlier naming, a scare-quoted name overruled, a patient's search-engine guess, a
        referring clinician's worry."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        if not conds:
            return

        def sentence_end(b: int) -> int:
            return min((i for i in (text.find(". ", b), text.find(";", b), text.find("? ", b), text.find("! ", b))
                        if i >= 0), default=len(text))

        def negate(sp) -> None:
            f = flags[sp]
            f[0], f[1], f[2], f[3] = True, False, False, False

        if "would" in words or "should" in words:
            for a, b, nid in conds:
                if COUNTERFACTUAL.match(n, b) and DENIED_AFTER.search(n, b, sentence_end(b)):
                    negate((a, b))
                    # an earlier hedge or guess on the same name is answered by the denial ("this could look like
                    # scabies, but scabies would give burrows ..., and we found none")
                    for x, y, z in conds:
                        if z == nid and x < a and (flags[(x, y)][1] or flags[(x, y)][3]):
                            negate((x, y))
        if not CONSIDERED_WORDS.isdisjoint(words):
            for a, b, _ in conds:
                m = CONSIDERED_BUT.match(n, b)
                if m is None and "|" not in n[a - 1:a] and CONSIDERED_BEFORE.search(n, max(0, a - 24), a):
                    m = BUT_AFTER.match(n, b)
                if m is not None:
                    tail = " ".join(n[m.end():sentence_end(b)].replace("|", " ").split()[:ANSWER_NEGATIVE_WORDS])
                    if ANSWER_NEGATIVE.search(tail):
                        negate((a, b))
        if "only" in words or "just" in words:
            for a, b, _ in conds:
                f = flags[(a, b)]
                if f[0] and not f[1] and ONLY_ELSEWHERE.match(n, b):
                    end = sentence_end(b)
                    if not any(b < x < end for x, _, _ in conds):
                        f[0] = False
        if len(conds) > 1 and ("all" in words or ("so" in words and "not" in words)):
            denied = {nid for a, b, nid in conds if flags[(a, b)][0] and (
                EMPHATIC_DENIAL_BEFORE.search(n, max(0, a - 24), a) is not None
                and (EMPHATIC_DENIAL_AFTER.match(n, b) is not None or "so not" in n[max(0, a - 12):a]))}
            if denied:
                first_denial = {nid: min(a for a, b, x in conds if x == nid and flags[(a, b)][0]) for nid in denied}
                for a, b, nid in conds:
                    if nid in denied and a < first_denial[nid]:
                        negate((a, b))
        if ("'" in text or '"' in text or "\u2018" in text or "\u201c" in text) and "{" not in text and "[" not in text:
            # (a dataset row's dict or list of quoted labels is no quotation: "{'Tinea': 0.6, 'Eczema': 0.4}")
            quoted = [(a, b, nid) for a, b, nid in conds if a and text[a - 1] in QUOTE_OPEN and b < len(text)
                      and text[b] in QUOTE_CLOSE and QUOTED_REPORT.search(n, max(0, a - 16), a - 1) is not None]
            if quoted:
                cued = QUOTED_OVERRULE.search(n) is not None
                for a, b, nid in quoted:
                    # another diagnosis stated in the text's own words; one that restates the quoted words ("'eczema'
                    # ... a discoid eczema") refines it, and the quoted name stands
                    said = n[a:b]
                    if any(x[2] != nid and not flags[(x[0], x[1])][0] and not flags[(x[0], x[1])][1]
                           and not (x[0] and text[x[0] - 1] in QUOTE_OPEN) and said not in n[x[0]:x[1]]
                           and (cued or (x[0] > b and "|" in n[b:x[0]])) for x in conds):
                        negate((a, b))
        if not EARLIER_WORDS.isdisjoint(words) and len(conds) > 1:
            for a, b, nid in conds:
                f = flags[(a, b)]
                w = n[max(0, a - 60):a]
                if f[0] or not any(e in w for e in EARLIER_WORDS) or not EARLIER_NAMING.search(n, max(0, a - 60), a):
                    continue
                m = LATER_VERDICT.search(n, b)
                if m is not None and any(x >= m.end() and y2 != nid and not flags[(x, y)][0]
                                         and n[a:b] not in n[x:y] for x, y, y2 in conds):
                    negate((a, b))
        if "?" in text:
            # an alternative question ("is this a melanoma or just a seborrhoeic keratosis?", "Question for the derms:
            # could it be psoriasis or a fungal infection?"): every name in it is asked about, none stated
            for q in QUESTION_SENTENCE.finditer(text):
                if " or " in q.group(0):
                    for a, b, _ in conds:
                        f = flags[(a, b)]
                        if q.start(1) <= a and b <= q.end() and not f[0]:
                            f[1], f[3] = True, False
        if "?" in text or "answer" in words:
            for a, b, nid in conds:
                f = flags[(a, b)]
                if f[0]:
                    continue
                q = text.find("?", b, b + 24)
                if q >= 0 and ASKED_TAIL.fullmatch(text, b, q) and ANSWERED_YES.match(n, q + 1):
                    f[1], f[3] = False, False  # "Is this psoriasis? The nail pitting ... say yes."
                elif "answer" in words and ANSWERED_NO.match(n, b):
                    negate((a, b))  # "whether this is pemphigus, and the answer from the DIF is no"
        if not NOT_A_DOCTOR_WORDS.isdisjoint(words):
            if may(NOT_A_DOCTOR, n) and NOT_A_DOCTOR.search(n):  # (speed round 49: `fastmatch.may`)
                for a, b, _ in conds:
                    f = flags[(a, b)]
                    if f[3] and not f[0]:
                        f[1], f[3] = True, False
        if not FRIEND_WORDS.isdisjoint(words):
            for a, b, _ in conds:
                f = flags[(a, b)]
                if f[1] and not f[0]:
                    d = DOCTOR_FRIEND_BEFORE.search(n, max(0, a - 90), a)
                    if d is not None and DOCTOR_FRIEND_SAID.match(n[d.end():a]):
                        f[1], f[3] = False, True
        if "round" in words or "around" in words or "rounds" in words:
            for a, b, _ in conds:
                f = flags[(a, b)]
                if not f[0] and GOING_ROUND_AFTER.match(n, b) and GOING_ROUND_REPORTED.search(n, max(0, a - 40), a):
                    f[1], f[3] = True, False
        if "than" in words:
            for a, b, _ in conds:
                f = flags[(a, b)]
                m = THAN_BEFORE.search(n, max(0, a - 32), a) if not f[0] and "than" in n[max(0, a - 10):a] else None
                if m is not None and (not n[:m.start()].strip() or n[:m.start()].rstrip().endswith("|")):
                    # (fronted only: in "Pemphigus vulgaris is rarer than bullous pemphigoid; this patient has the
                    # latter" both terms are the topic)
                    f[1], f[3] = True, False
                elif m is None and not f[0] and "than" in n[max(0, a - 10):a] \
                        and LIKELIER_THAN_BEFORE.search(n, max(0, a - 100), a) \
                        and any(x < a and not flags[(x, y)][0] for x, y, _ in conds):
                    negate((a, b))
        if "but" in words and len(conds) > 1 and not CLINICIAN_BUT_WORDS.isdisjoint(words):
            m = CLINICIAN_BUT.search(n)
            if m is not None:
                later = {z for x, y, z in conds if x >= m.end() and not flags[(x, y)][0]}
                for a, b, nid in conds:
                    f = flags[(a, b)]
                    if b <= m.start() and f[1] and not f[0] and later and nid not in later:
                        negate((a, b))
        if not PAST_BELIEF_WORDS.isdisjoint(words) and len(conds) > 1 \
                and ("was" in words or "were" in words):
            for a, b, nid in conds:
                if not flags[(a, b)][0] and PAST_BELIEF_BEFORE.search(n, max(0, a - 60), a):
                    m = CLINICIAN_SAID.search(n)
                    if m is not None and any(z != nid and not flags[(x, y)][0] and not flags[(x, y)][1]
                                             for x, y, z in conds):
                        negate((a, b))
        if len(conds) > 1:
            # a query answered by a later denial of the same name ("Referral letter: 'query cellulitis both legs'. Seen:
            # bilateral venous eczema, not cellulitis."): the denial wins over the guess (not a site-confined one)
            for a, b, nid in conds:
                f = flags[(a, b)]
                if f[0] or not (f[1] or f[3]):
                    continue
                if any(z == nid and x > b and flags[(x, y)][0] and NOT_BEFORE.search(n, max(0, x - 12), x)
                       and not ONLY_ELSEWHERE.match(n, y) for x, y, z in conds) \
                        and not any(z == nid and not flags[(x, y)][0] and not flags[(x, y)][1] and not flags[(x, y)][3]
                                    for x, y, z in conds):
                    negate((a, b))
        if "age" in words or "aged" in words:
            for a, b, _ in conds:
                m = AT_AGE_AFTER.match(n, b)
                if m is not None and not flags[(a, b)][0] and NOW_WORD.search(n, m.end()) \
                        and any(x > m.end() for x, _, _ in conds):
                    flags[(a, b)][2] = True
        if "googled" in words or "google" in words or "thinking" in words:
            for a, b, _ in conds:
                f = flags[(a, b)]
                if not f[0] and OWN_GUESS.search(n, max(0, a - 48), a):
                    f[1], f[3] = True, False
        if len(conds) > 1 and not TREATED_WORDS.isdisjoint(words) and ("as" in words or "been" in words):
            self._treated_as(n, conds, flags, negate)
        if len(conds) > 1 and "but" in words and not INSISTS_WORDS.isdisjoint(words):
            for a, b, nid in conds:
                if flags[(a, b)][0] or not INSISTS_BEFORE.search(n, max(0, a - 60), a):
                    continue
                m = BUT_AFTER.search(n, b, sentence_end(b) + 1)
                if m is not None and any(x >= m.end() and z != nid and not flags[(x, y)][0] for x, y, z in conds):
                    negate((a, b))
        if len(conds) > 1 and not PAIR_WORDS.isdisjoint(words) and ("this" in words or "here" in words) \
                and not THIS_ONE_WORDS.isdisjoint(words):
            from derm1m_build.tagger.labels import refines
            onto = self.ontology
            _pair_answered(n, conds, flags, negate, lambda x, y: x == y or refines(onto, x, y))
        if ("worried" in words or "concerned" in words) and CLINICIAN_LETTER.search(n):
            for a, b, _ in conds:
                f = flags[(a, b)]
                if not f[0] and WRITER_WORRY.search(n, max(0, a - 40), a):
                    f[1], f[3] = False, True

    def _treated_as(self, n: str, conds, flags, negate) -> None:
        """Round 25: a name that treatment was aimed at ("treated repeatedly as boils") or failed on ("ringworm has
        been treated without change"), with another diagnosis stated after it that neither refines nor is refined by
        it: the working name was wrong, set aside. Alone ("Treated as psoriasis and it cleared") it stands."""
        # (the tree decides refinement here, not shared words: "smoker's boils" names hidradenitis, no kind of boil)
        path_ids = self.ontology.path_ids
        for a, b, nid in conds:
            if flags[(a, b)][0]:
                continue
            failed = TREATED_FAILED_AFTER.match(n, b) is not None
            if not failed and not TREATED_AS_BEFORE.search(n, max(0, a - 40), a):
                continue
            # (a failed treatment's other diagnosis may come first: "Looks like granuloma annulare; ringworm has been
            # treated without change"; a served one's comes after it, and history before it is no answer: "infantile
            # eczema as a baby, now honey-crusted erosions, which were treated as impetigo")
            if any((x, y) != (a, b) and (failed or x > b) and z != nid and not flags[(x, y)][0]
                   and not flags[(x, y)][2] and nid not in path_ids(z)
                   and z not in path_ids(nid) and not TREATED_AS_BEFORE.search(n, max(0, x - 40), x)
                   and not TREATED_FAILED_AFTER.match(n, y) for x, y, z in conds):
                negate((a, b))

    @staticmethod
    def _or_list(n: str, hits, flags) -> None:
        """Three or more diagnoses in one list closed by "or" ("tinea corporis, nummular eczema or subacute
        cutaneous lupus") are alternatives: each a guess (uncertain), unless negated or set in the past."""
        conds = sorted({(a, b) for a, b, t, _ in hits if t.kind == "condition"})
        i = 0
        while i < len(conds):
            j = i
            while j + 1 < len(conds) and OR_LIST_MID.fullmatch(n, conds[j][1], conds[j + 1][0]):
                j += 1
            if j + 1 < len(conds) and j - i >= 1 and OR_LIST_LAST.fullmatch(n, conds[j][1], conds[j + 1][0]):
                for sp in conds[i:j + 2]:
                    f = flags[sp]
                    if not f[0] and not f[2]:
                        f[1], f[3] = True, False
                i = j + 2
            else:
                i = j + 1

    def _or_pair(self, text: str, n: str, hits, flags) -> None:
        """Round 30: two unrelated diagnoses joined by "or" that make up their whole phrase ("Diagnosis: subungual
        haematoma or melanoma, we'll see if it grows out", "(Folliculitis) or (seborrhea capitis)", "reviewer note:
        lichen planopilaris or frontal fibrosing alopecia") are an open choice: both uncertain, as a list of three
        closed by "or" is (`_or_list`). Not inside a sentence that goes on around them ("was associated with atopic
        eczema or psoriasis"), not one item of a comma list, not a name and its own kind ("discoid or nummular
        eczema"), not after a negation."""
        conds = sorted({(a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition"})
        for (a1, b1, x), (a2, b2, y) in zip(conds, conds[1:]):
            if x == y or n[b1:a2].replace("|", " ").split() not in OR_PAIR_MIDS:
                continue
            if refines(self.ontology, x, y) or refines(self.ontology, y, x):
                continue
            start, end = n.rfind("|", 0, a1) + 1, n.find("|", b2)
            before, after = n[start:a1].split(), n[b2:end if end >= 0 else len(n)].split()
            if len(before) > 2 or len(after) > 2 or not OR_PAIR_VERBS.isdisjoint(before + after):
                continue
            if start and text[start - 1] == "," and 0 <= end < len(text) and text[end] == ",":
                continue  # one item of a longer list ("include adermatoglyphia, hypohidrosis or hyperhidrosis, and")
            f1, f2 = flags[(a1, b1)], flags[(a2, b2)]
            if any(f[0] or f[1] or f[2] or f[3] for f in (f1, f2)):
                continue
            f1[1] = f2[1] = True

    @staticmethod
    def _elsewhere(n: str, hits, flags) -> None:
        """A name said to be on another slide or picture ("the melanoma is on the next slide") is not this
        one's finding: set aside (negated)."""
        for a, b, t, _ in hits:
            if t.kind == "condition" and ELSEWHERE.match(n, b):
                f = flags[(a, b)]
                f[0], f[1], f[2], f[3] = True, False, False, False

    @staticmethod
    def _question_no(text: str, n: str, hits, flags) -> None:
        """"is that scabies? hmm no, those are excoriations": a question about a name answered "no" sets it
        aside even when no other diagnosis is named after it (with one, `_corrections` does the same)."""
        conds = [(a, b) for a, b, t, _ in hits if t.kind == "condition"]
        nid = {(a, b): t.nid for a, b, t, _ in hits if t.kind == "condition"}
        for m in QUESTION_NO.finditer(text):
            q = m.start()
            # round 13: "X? No: Y" / "X? No, Y on biopsy": the name right after the "no" is the answer (the "no"
            # answers the question, it negates nothing after it); the name before the "?" is set aside (set 9
            # captions and case vignettes: "final diagnosis syringoma? No: trichilemmomas on biopsy")
            # (not the same name again: "is this hives? no, hives come and go, ... so urticarial vasculitis")
            ans = next(((a, b) for a, b in sorted(conds) if a >= m.end()), None)
            asked = [(a, b) for a, b in conds if b <= q and ASKED_TAIL.fullmatch(text, b, q)]
            if ans is not None and ANSWER_GAP.fullmatch(text, m.end(), ans[0]) \
                    and not {nid[x] for x in asked} & {nid[ans]}:
                flags[ans][0] = False
                for sp in asked:
                    f = flags[sp]
                    f[0], f[1], f[2], f[3] = True, False, False, False
                continue
            if any(a >= m.end() and not flags[(a, b)][0] for a, b in conds):
                continue
            for a, b in conds:
                if b <= q and ASKED_TAIL.fullmatch(text, b, q) and (ALTERNATIVE_QUESTION.search(n, max(0, a - 30), a)
                                                          or BARE_QUESTION.search(text, 0, a)):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False

    def _verdicts(self, n: str, hits, flags) -> None:
        """A guessed or hedged name before a test's verdict naming another diagnosis ("Sent in as ?wart;
        histology shows an acquired digital fibrokeratoma") is set aside; what the verdict refines is not."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        path_ids = self.ontology.path_ids
        for m in VERDICT.finditer(n):
            ms, me = m.span()
            answer = next(((a, b, x) for a, b, x in conds if a >= me and not flags[(a, b)][0]), None)
            if answer is None or len(n[me:answer[0]].replace("|", " ").split()) > 6:
                continue
            keep = set(path_ids(answer[2]))
            for a, b, x in conds:
                f = flags[(a, b)]
                if b > ms or x in keep or x in SYMPTOMS or f[0] or not (f[1] or f[3]):
                    continue
                if len(n[b:ms].replace("|", " ").split()) <= 12:
                    f[0], f[1], f[2], f[3] = True, False, False, False

    @staticmethod
    def _presented(n: str, hits, flags) -> None:
        """A case's background before what the patient presents with now: a condition named shortly after
        "with", "had", "known" or "history" before the first "presented with", "developed", "today", ... is
        background (history: asserted, never the label) when a named diagnosis follows that marker."""
        # (speed round 49: `fastmatch.may` first, the pattern's own literals: one find each, no regex where none is)
        m = PRESENT_NOW.search(n) if may(PRESENT_NOW, n) else None
        if m is None:
            return
        ms, me = m.span()
        before = {(a, b) for a, b, t, _ in hits if t.kind == "condition" and b <= ms}
        if not before:
            return
        after = {t.nid for a, b, t, _ in hits if t.kind == "condition" and a >= me and not t.weak
                 and not flags[(a, b)][0]}
        if not after:
            return
        for a, b, t, _ in hits:
            if (a, b) not in before or t.nid in after:
                continue
            cue = None
            for c in BACKGROUND_CUE.finditer(n, max(0, a - 40), a):
                cue = c
            if cue is not None and len(n[cue.end():a].replace("|", " ").split()) <= 3:
                flags[(a, b)][2] = True

    @staticmethod
    def _alternatives(n: str, hits, flags) -> None:
        """"is this a keloid or a hypertrophic scar ... it's a keloid": the answer given later is asserted,
        the other alternative set aside (negated)."""
        conds = sorted({(a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition"})
        for i in range(len(conds) - 2):
            a1, b1, x = conds[i]
            a2, b2, y = conds[i + 1]
            if x == y or n[b1:a2].replace("|", " ").split() not in (["or"], ["or", "a"], ["or", "an"]):
                continue
            if not ALTERNATIVE_QUESTION.search(n, max(0, a1 - 30), a1):
                continue
            for a3, b3, z in conds[i + 2:]:
                if z in (x, y) and ALTERNATIVE_ANSWER.search(n, max(0, a3 - 30), a3):
                    other = (a2, b2) if z == x else (a1, b1)
                    f = flags[other]
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    f = flags[(a3, b3)]
                    f[0], f[1], f[2], f[3] = False, False, False, False
                    break

    @staticmethod
    def _either_or(n: str, hits, flags) -> None:
        """A sentence that opens "Either X or Y" is a differential of two, with or without an article (sets 5, 6, 8:
        "Either a lipoma or an epidermoid cyst", set 9: "Either atopic eczema or scabies; both itch"): both are
        uncertain. Only at a sentence start: an abstract's "either by anamnesis or ..." offers no diagnosis."""
        conds = sorted({(a, b) for a, b, t, _ in hits if t.kind == "condition"})
        for m in EITHER_START.finditer(n):
            first = next(((a, b) for a, b in conds if a >= m.end()), None)
            if first is None or len(n[m.end():first[0]].replace("|", " ").split()) > 1:
                continue
            second = next(((a, b) for a, b in conds if a >= first[1]), None)
            if second is None or n[first[1]:second[0]].replace("|", " ").split() not in (["or"], ["or", "a"], ["or", "an"]):
                continue
            for sp in (first, second):
                f = flags[sp]
                if not f[0]:
                    f[1], f[3] = True, False


# round 30: what may stand between the two names of a bare "X or Y" (`_or_pair`), and the words that make the phrase a
# clause of its own (then the pair is what the clause says, not an open choice)
OR_PAIR_MIDS = (["or"], ["or", "a"], ["or", "an"], ["or", "the"])
# round 51: the alternative may carry a hedge or a stage of its own ("sebaceous hyperplasia or early BCC", "a cherry
# angioma or possibly a pyogenic granuloma", "hives or maybe an allergy"): still the open choice of two names
OR_PAIR_MIDS = OR_PAIR_MIDS + tuple(["or", *h, *d, *e] for h in ([], ["possibly"], ["maybe"], ["perhaps"])
                                    for d in ([], ["a"], ["an"]) for e in ([], ["early"]) if h or e)
OR_PAIR_VERBS = frozenset("is are was were be been has have had with without no not".split())

# round 29: a clinical report's history sections ("PAST MEDICAL HISTORY:, Diabetes, ..., diabetic foot ulcer",
# "PAST SURGICAL HISTORY: surgery for melanoma"): what they list is the patient's background, asserted but never the
# label, up to the report's next heading ("REVIEW OF SYSTEMS:", "Today:"); "HISTORY OF PRESENT ILLNESS" is the
# current complaint and is no such section
HISTORY_SECTION = re.compile(r"(?<![A-Za-z])(?:PAST (?:MEDICAL |SURGICAL |SKIN |DERMATOLOGIC |DERMATOLOGICAL )?HISTORY|"
                             r"MEDICAL HISTORY|SURGICAL HISTORY|PMH|PSH|Past (?:medical|surgical) history|"
                             # round 33: the heading with its "x" ("PMHx: HS Hurley II, PsO, T2DM. Today: AGEP ...")
                             r"PMHx|PMHX|PSHx|Past (?:medical |surgical )?hx)\s*:")
NEXT_HEADING = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z /&]{1,}:")  # "REVIEW OF SYSTEMS:", "Today:", "Impression:"
# "... female with a history of diabetes, osteoarthritis, ..., diabetic foot ulcer, anemia and cellulitis.": the whole
# list after "history of" is background, item by item, while each item is a short noun phrase (no verb of a new clause)
HISTORY_OF = re.compile(r"(?<![a-z])(?:a |known |past |previous )?history of ", re.IGNORECASE)
# a duration's or a family's history is the complaint itself or a relative's ("a three-week history of fevers", "a
# long history of", "family history of", "natural history of")
HISTORY_NOT_PAST = re.compile(r"(?:(?:day|week|month|year)s?[- ]|long |long-standing |longstanding |lifelong |family |"
                              r"natural |no |negative )(?:a |known |past |previous )?history of", re.IGNORECASE)
# round 55: a history whose object is its length ("crusted papules ... and a history of months: pityriasis lichenoides
# chronica"): a duration, as "a three-week history of" is, so the name after it is today's
HISTORY_OF_TIME = re.compile(r"(?:(?:\d+|a few|several|many|some)[ ]+)?(?:days|weeks|months|years)(?![a-z])", re.IGNORECASE)
LIST_ITEM_BREAK = re.compile(r"(?<![a-z])(?:who|which|presents|presented|presenting|now|today|is|was|are|were|"
                             r"has|had|comes|came|admitted|but)(?![a-z])", re.IGNORECASE)
# "Removal of the melanoma from the right thigh in 1984", "had a basal cell carcinoma cut out of his nose in 2015":
# a lesion taken out in a past year is not the one pictured
REMOVED_IN_YEAR = re.compile(r"(?<![a-z])(?:removal|removed|excised|excision|cut out|resected|resection|surgery for)"
                             r"(?![a-z])", re.IGNORECASE)
PAST_YEAR = re.compile(r"(?<![a-z])in (?:19|20)\d\d(?!\d)")
# round 30: the year right after the removal, however a note writes it ("Melanoma excised 2015, no recurrence", "BCC
# removed (2019)", "excised March 2012"); not a study's period further on ("resection ... from 1998-2018")
REMOVED_YEAR = re.compile(r"(?<![a-z])(?:removed|excised|resected|cut out)[ ,(]+(?:in[ ]+)?(?:[A-Za-z]{3,9}[ ]+)?"
                          r"(?:19|20)\d\d(?![\d-])", re.IGNORECASE)
# round 31: a note's abbreviated history item ("Hx: SCC R ear 2019. Today: BCC, nodular", "Hx MIS L arm 2017; today a DN
# on the R calf", "h/o BCC nose; now a scaly plaque ..."): background up to the item's end (full stop, semicolon or the
# next heading); not a family history ("FHx", "FH")
HX_ITEM = re.compile(r"(?<![A-Za-z/])(?:Hx|HX|hx|PHx|h/o|H/O)(?:\s*:\s*|\s+(?:of\s+)?)")
NOW_WORDS = re.compile(r"(?<![a-z])(?:today|now|currently|this (?:week|month|visit))(?![a-z])", re.IGNORECASE)
# round 38: a history section also ends where a sentence opens with today's visit ("PMH: AD since infancy. Today febrile,
# ... ?EH"), as it ends at the next heading ("Today:")
NOW_SENTENCE = re.compile(r"[.;]\s+(?=(?:today|now|currently|this (?:week|month|visit))(?![a-z]))", re.IGNORECASE)


def history_sections(text: str, res: TagResult) -> None:
    """Marks as background (`historical`) the conditions of a report's history section, of a list after "history
    of", and of a clause that says the lesion was removed in a past year. Negated ones stay as they are."""
    spans: list[tuple[int, int]] = []
    # (speed round 49: each pattern's own literals first, `fastmatch.may`: most texts hold none of them)
    for m in (HISTORY_SECTION.finditer(text) if may(HISTORY_SECTION, text) else ()):
        nxt = NEXT_HEADING.search(text, m.end())
        stop = nxt.start() if nxt is not None else len(text)
        now = NOW_SENTENCE.search(text, m.end(), stop)  # round 38
        spans.append((m.end(), now.start() if now is not None else stop))
    for m in (HISTORY_OF.finditer(text) if may(HISTORY_OF, text) else ()):
        stop = len(text)
        for end in (".", ";"):
            i = text.find(end, m.end())
            while i >= 0 and i + 1 < len(text) and text[i + 1].isdigit():  # "2.5 cm"
                i = text.find(end, i + 1)
            if 0 <= i < stop:
                stop = i
        if HISTORY_NOT_PAST.search(text, max(0, m.start() - 16), m.end()) or HISTORY_OF_TIME.match(text, m.end()):
            continue
        pos = m.end()
        parts = re.split(r"(,| and )", text[m.end():stop])
        for i in range(0, len(parts), 2):
            item = parts[i]
            if len(item.split()) > 6 or LIST_ITEM_BREAK.search(item):
                break
            pos += len(item) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
        spans.append((m.end(), min(stop, pos)))
    for m in (HX_ITEM.finditer(text) if may(HX_ITEM, text) else ()):
        nxt = NEXT_HEADING.search(text, m.end())
        brk = LIST_ITEM_BREAK.search(text, m.end())
        now = NOW_WORDS.search(text, m.end())
        stop = min((i for i in (text.find(". ", m.end()), text.find(";", m.end()), nxt.start() if nxt else -1,
                                brk.start() if brk else -1, now.start() if now else -1) if i >= 0), default=len(text))
        spans.append((m.end(), stop))
    dated = may(PAST_YEAR, text) and PAST_YEAR.search(text) is not None
    if dated or (may(REMOVED_YEAR, text) and REMOVED_YEAR.search(text)):
        for clause in re.finditer(r"[^.;]+", text):
            s = clause.group()
            if ((dated and PAST_YEAR.search(s) and REMOVED_IN_YEAR.search(s)) or REMOVED_YEAR.search(s)) \
                    and not NOW_WORDS.search(s):
                spans.append(clause.span())
    if not spans:
        return
    for c in res.conditions:
        a, b = c.span
        if not c.negated and any(x <= a and b <= y for x, y in spans):
            c.historical = True


# Round 32: statuses a sentence's frame sets, read on the finished result (`status_frames`).
# A dismissal the writer overrules: "he has been told it is 'just boils'", "told for years they were only a rash" beside
# a diagnosis the text gives (stated or a physician's hedge): the dismissed name is set aside (ANNOTATION.md rule 5, a
# diagnosis the text replaces); alone ("She was told it is just eczema") it is the naming and stays.
DISMISSED_BEFORE = re.compile(r"(?<![a-z])told(?:[ ]+[a-z]+){0,4}?[ ]+(?:it|they|this|these|that)[ ]*(?:is|was|were|'s|"
                              r"\u2019s|'re|are)[ ]+['\"\u2018\u201c]?(?:just|only|simply|merely)[ ]+(?:an?[ ]+)?$")
# A study's criteria name the conditions a patient may or may not have, not this patient's ("Exclusion criteria: prior
# psoriasis, a history of skin cancer", "The trial excluded anyone with previous skin cancer"): hypothetical, to the
# sentence's end (rule 6's generic mention), neither negated nor asserted.
CRITERIA = re.compile(r"(?<![a-z])(?:(?:exclusion|inclusion|eligibility|entry|enrolment|enrollment)[ ]+criteri(?:a|on)|"
                      r"(?:excluded|excluding|excludes|exclude)[ ]+(?:anyone|anybody|patients|people|those|participants|"
                      r"subjects|children|adults|women|men)(?:[ ]+who[ ]+ha[ds]|[ ]+who[ ]+have|[ ]+with)?|"
                      r"(?:eligible|ineligible|excluded|included)[ ]+if)(?![a-z])")
# (round 51: a population "excluded if" / "included if" they had X or Y is the same rule, to the sentence's end: "Patients
# were excluded if they had herpes zoster in the past 3 months or a melanoma at any time"; a bare "were excluded" keeps
# round 39's reading)
# Round 39: the same criteria as a heading ("Inclusion: adults with plaque psoriasis", "Exclusion - active eczema",
# "Eligible: children with atopic eczema"), and a population declared (not) eligible after its condition ("Patients
# with active herpes labialis at screening are not eligible"): the plural population makes it a rule for anyone, not a
# finding (a single patient's "she is eligible for a biologic for her psoriasis" is no population and stays). Not
# "were excluded": set 7 reads "patients with a history of melanoma were excluded" as the population's denial.
# (round 46: with the population as the heading's noun too: "Eligible participants: ...", "Ineligible patients - ...")
CRITERIA_HEAD = re.compile(r"(?<![a-z])(?:inclusion|exclusion|eligibility|eligible|ineligible|not[ ]+eligible)"
                           r"(?:[ ]+(?:participants|patients|subjects|candidates|volunteers))?(?:[ ]*:|[ ]+[-\u2013][ ])")
CRITERIA_AFTER = re.compile(r"(?<![a-z])(?:patients|participants|subjects|people|children|adults|women|men|those|anyone|"
                            r"anybody)[ ]+(?:with|who[ ]+ha(?:ve|d|s))[ ]+[^.;:]*?(?:are|is|were|will[ ]+be)[ ]+(?:(?:not[ ]+)?"
                            # round 56: a population not taken into the study, "patients with active pyoderma
                            # gangrenosum are not enrolled" (not "were excluded": set 7's denial; nor "are enrolled",
                            # the study's own population)
                            r"(?:eligible|ineligible)|not[ ]+(?:enrolled|enroled|recruited|randomi[sz]ed))(?![a-z])")
# Round 39: a drug label's or a study's list of adverse reactions names what may happen to anyone taking the drug, not
# this patient's findings ("Adverse reactions reported in at least 1% of patients: rash, pruritus, alopecia",
# "Post-marketing reports include angioedema and urticaria", "serious skin reactions, including Stevens-Johnson
# syndrome, have been reported"): each name in that sentence is generic (rule 6), never the label. The plural and a
# word of report or frequency are needed: an allergy record's "Adverse reaction: urticaria to penicillin" is the
# patient's own.
# a risk that names the worsening of a condition names the patient's existing one ("worsening of melasma")
WORSENED_OWN = re.compile(r"(?:worsening|flare|flaring|exacerbation|aggravation)(?: of)?(?: (?:her|his|their|the))? $")
ADVERSE_LIST = re.compile(r"(?<![a-z])(?:(?:adverse|undesirable)[ ]+(?:drug[ ]+)?(?:reactions|events|effects)[ ]+"
                          r"(?:reported|observed|seen|occurring|include|including|may[ ]+include|were|in[ ]+(?:at[ ]+least|"
                          r"\d|more|over|>|\u2265)|\([ ]*(?:>|\u2265|\d|at[ ]+least)[^)]{0,30}\)[ ]*:)|post[- ]?marketing[ ]+(?:reports?|experience|surveillance|data)|"
                          r"(?:ha(?:ve|s)|had)[ ]+been[ ]+reported|"
                          # round 40: a drug label's frequency table as a heading ("Adverse reactions (>= 5%): ...";
                          # a trial's "adverse events (>=5% in any group) were acne, ..." are its patients' own) and
                          # its warnings section ("Warnings and precautions: SJS and TEN occurred ...")
                          r"warnings[ ]+and[ ]+precautions|"
                          # a procedure's consent list ("the risks of cryotherapy include blistering, hypopigmentation
                          # and scarring"): what may follow, not what the patient has
                          r"(?:risks|complications)[ ]+(?:of[ ]+(?:[a-z-]+[ ]+){1,4}?)?(?:include|may[ ]+include|"
                          r"can[ ]+include))(?![a-z])")
# round 46: a record's or a leaflet's list of what a drug may do ("advised of possible side effects (rash, hives, nausea,
# ...)", "side effects may include ..."): each name in that sentence is generic, as in `ADVERSE_LIST`; a patient's
# plain "my side effects include acne" tells their own
SIDE_EFFECTS = re.compile(r"(?<![a-z])(?:(?:possible|potential)[ ]+side[ ]+effects|side[ ]+effects[ ]+(?:may|can|could)[ ]+"
                          r"include)(?![a-z])")
# round 46: a reaction's rate in a treated population after its name ("photosensitivity occurred in less than 1% of
# patients"): what may happen to a treated patient, not this patient's finding (the name just before it only)
RATE_OCCURRED = re.compile(r"[ ]+(?:occurred|occurs|was[ ]+reported|were[ ]+reported|was[ ]+observed|were[ ]+observed)"
                           r"[ ]+in[ ]+(?:(?:less|fewer|more)[ ]+than[ ]+|under[ ]+|over[ ]+|up[ ]+to[ ]+|about[ ]+|"
                           r"approximately[ ]+|around[ ]+|[<>≤≥][ ]*)?\d+(?:\.\d+)?[ ]*(?:%|per[ ]*cent|percent)"
                           r"[ ]+of[ ]+(?:the[ ]+|all[ ]+|treated[ ]+)?(?:patients|subjects|participants|users|recipients)")
# Round 39: an erratum's quoted wrong name ('"pemphigus vulgaris" should read "paraneoplastic pemphigus"', 'for
# "lichen planus" read "lichen nitidus"'): the quoted name before "should read" (or after "for") is withdrawn, the one
# after stands (ANNOTATION.md rule 5, a diagnosis the text replaces). The quotes are required: "patients with psoriasis
# should read the leaflet" withdraws nothing.
ERRATUM_QUOTED = re.compile(r"[\"\u201c\u2018']([^\"\u201d\u2019']{2,80})[\"\u201d\u2019'][ ]+(?:should|must)[ ]+(?:read|be[ ]+read[ ]+as|"
                            r"be[ ]+replaced[ ]+by|be[ ]+corrected[ ]+to)(?![a-z])|(?<![a-z])for[ ]+[\"\u201c\u2018]"
                            r"([^\"\u201d\u2019]{2,80})[\"\u201d\u2019][ ]+read[ ]+[\"\u201c\u2018]|"
                            # round 40: 'read "Y" in place of / instead of "X"' (the same correction, Y first)
                            r"(?<![a-z])read[ ]+[\"\u201c\u2018][^\"\u201d\u2019]{2,80}[\"\u201d\u2019][ ]+(?:in[ ]+place[ ]+of|"
                            r"instead[ ]+of|in[ ]+lieu[ ]+of|for)[ ]+[\"\u201c\u2018]([^\"\u201d\u2019]{2,80})[\"\u201d\u2019]")
# round 43: one case told inside a report ("Post-marketing report: a 64-year-old patient developed toxic epidermal
# necrolysis on day 12"): the name right after the case's subject and its verb is that patient's finding (asserted,
# the label), not a reaction that may happen to anyone
CASE_REPORTED_BEFORE = re.compile(r"(?:^|[:;,.(][ ]*)(?:an?|one|two|three|\d+)[ ]+(?:[a-z0-9-]+[ ]+){0,3}?(?:patient|man|"
                                  r"woman|child|boy|girl|infant|adult|case)s?[ ]+(?:developed|had|presented[ ]+with|"
                                  r"experienced|suffered)[ ]+(?:an?[ ]+)?(?:[a-z-]+[ ]+){0,2}$")
ADVERSE_WORDS = ("adverse", "undesirable", "marketing", "postmarketing", "reported", "risks", "complications",
                 "precautions")
ERRATUM_WORDS = ("read",)
# "which makes an atopic cause unlikely for his hand dermatitis": what is unlikely is the cause; the name after "for
# his" is the patient's own diagnosis, stated.
UNLIKELY_FOR = re.compile(r"(?<![a-z])(?:unlikely|improbable|less[ ]+likely|not[ ]+likely)[ ]+(?:for|in)[ ]+(?:his|her|"
                          r"their|the|this|my|your)[ ]+$")
# A referral letter's writer is a physician: "I am fairly sure these are molluscum" in a letter to a colleague is a
# hedged diagnosis (the label), where a patient's "pretty sure" in a forum post is a guess.
LETTER_OPEN = re.compile(r"^\s*(?:dear[ ]+(?:dr|doctor|colleague|colleagues|team)\b|re[ ]*:|(?:e-?)?referral\b|"
                         r"advice[ ]+and[ ]+guidance|request[ ]+for[ ]+(?:an[ ]+)?opinion|photo[ ]+triage|please[ ]+see\b|"
                         r"(?:urgent[ ]+)?tele-?dermatology|"
                         # round 41: a clinic letter's thanks for the referral ("Thank you for seeing Mr K, whose ...")
                         r"(?:many[ ]+)?thanks?(?:[ ]+you)?[ ]+(?:for|again[ ]+for)[ ]+(?:seeing|reviewing|your[ ]+referral))",
                         re.IGNORECASE)
SURE_BEFORE = re.compile(r"(?<![a-z])(?:(?:i[ ]+am|i'm|i\u2019m|we[ ]+are|we're)[ ]+(?:fairly|pretty|quite|reasonably|"
                         r"moderately)[ ]+(?:sure|confident|certain)|(?:i|we)[ ]+(?:think|believe|suspect))"
                         # (round 41: the hedge as an aside between commas, "is, I think, a nodular BCC")
                         r",?(?:[ ]+(?:that|this|these|it)[ ]*(?:is|are|'s)?)?(?:[ ]+(?:an?|the))?[ ]+$")
# A condition said to have resolved ("Her psoriasis has resolved with methotrexate; ...", "Pityriasis rosea, resolved.",
# "resolved tinea corporis") is a history (rule 4: asserted, never the label), not a negation.
RESOLVED_AFTER = re.compile(r"[ ]*(?:,|\()?[ ]*(?:(?:has|have|had|was|is|were|are)[ ]+)?(?:now[ ]+|since[ ]+|completely[ ]+|"
                            r"fully[ ]+|long[ ]+|spontaneously[ ]+)?resolved(?![a-z])")
# round 40: a past episode's healing later in its clause ("Shingles on the left flank in 2012, fully healed", "eczema as a
# child, clear for years", "acne as a teenager, long since settled"): background (`historical`), never today's label
HEALED_LATER = re.compile(r"(?<![a-z])(?:(?:fully|completely|long[ ]+since|since|now)[ ]+(?:healed|cleared|settled|"
                          r"gone|resolved)|healed[ ]+(?:fully|completely|up|well|without)|clear[ ]+(?:for|since)[ ]+"
                          r"(?:years|many|several|\d|the|a)|"
                          # round 41: a childhood disease cleared at an age ("His infantile eczema cleared by school
                          # age", "cleared in his teens"), or outgrown
                          r"(?:cleared|settled|resolved|healed)[ ]+(?:up[ ]+)?(?:by|in|at|before|during)[ ]+(?:(?:the|his|"
                          r"her|their|my|early|late)[ ]+)?(?:school[ ]+age|childhood|adolescence|puberty|adulthood|teens|"
                          r"age|primary[ ]+school|secondary[ ]+school)|outgr[eo]wn?)(?![a-z])")
# round 40: a lecture's earlier topic ("last week we did bullous pemphigoid, today I want to show you its mimic, linear IgA
# disease"): another session's disease, set aside (negated) when the text names what this one shows
EARLIER_TOPIC = re.compile(r"(?<![a-z])(?:last|previous|earlier)[ ]+(?:week|time|lecture|session|class|talk|seminar|"
                           r"module)[ ,]+we[ ]+(?:did|covered|saw|discussed|looked[ ]+at|talked[ ]+about|went[ ]+"
                           r"through|showed|studied)[ ]+(?:(?:an?|the)[ ]+)?$")
# round 40: a working diagnosis whose test is still out ("Impression: BP in an 82-year-old, tense bullae, DIF pending",
# "tinea cruris, scrapings awaited"): the clinician's provisional diagnosis, a hedge (uncertain, may be the label)
PENDING_TEST = re.compile(r"(?<![a-z])(?:(?:biopsy|biopsies|histology|histopathology|dif|iif|serology|cultures?|swabs?|"
                          r"scrapings?|patch[ ]+tests?|patch[ ]+testing|results?|pathology)[ ]+(?:(?:is|are)[ ]+)?"
                          r"(?:still[ ]+)?(?:pending|awaited)|(?:awaiting|pending)[ ]+(?:the[ ]+)?(?:biopsy|histology|"
                          r"histopathology|dif|serology|culture|swab|scrapings?|patch[ ]+tests?|results?|pathology))"
                          r"(?![a-z])")
PENDING_SETTLED = ("confirm", "proven", "established", "diagnosed")
HEALED_WORDS = ("healed", "cleared", "settled", "clear for", "clear since", "outgr")
RESOLVED_BEFORE = re.compile(r"(?<![a-z])(?:resolved|resolving)[ ]+(?:[a-z]+[ ]+)?$")
# Round 33: a record withdrawn ("Entered in error on the wrong patient: 'herpes zoster'. Please disregard.", "This entry
# was recorded in error", "wrong patient, ignore"): its names are set aside (negated) in the marker's sentence, and in
# the sentence before a closing "please disregard"; a name after a replacement cue ("should read", "correct entry")
# is the record's new name and stays
# (round 38: "my / our / the earlier" record too, when a record word follows: "ignore my previous entry of cellulitis")
_DISREGARD_THIS = (r"(?:please[ ]+)?(?:disregard|ignore)[ ]+(?:this|the[ ]+above|that|the[ ]+previous|(?:the|my|our)[ ]+"
                   r"(?:earlier|previous)(?=[ ]+(?:note|entry|record|report|diagnosis|label|result|message)))")
RETRACTED = re.compile(r"(?<![a-z])(?:(?:entered|recorded|filed|documented|coded|charted|written|added|uploaded|"
                       r"dictated|keyed|posted|attached)[ ]+in[ ]+error|(?:on|for|to)[ ]+the[ ]+wrong[ ]+(?:patient|record|"
                       r"chart|notes?|file)|" + _DISREGARD_THIS +
                       r"(?:[ ]+(?:entry|note|result|message|record|report))?|please[ ]+disregard)(?![a-z])")
DISREGARD = re.compile(r"(?<![a-z])(?:please[ ]+disregard|" + _DISREGARD_THIS + r")(?![a-z])")  # RETRACTED's closers
# round 38: a withdrawal that names what it withdraws ("please disregard the earlier note of psoriasis, the plaque on the
# knee is ...", "ignore my previous entry of cellulitis; ..."): it reaches the end of that clause only, and what the
# next clause says of the lesion stands
DISREGARD_OBJECT = re.compile(r"(?:please[ ]+)?(?:disregard|ignore)[ ]+(?:the|my|our|that|this)[ ]+(?:(?:earlier|"
                              r"previous|original|first|above|last)[ ]+)?(?:note|entry|record|report|diagnosis|label|"
                              r"result|message)[ ]+(?:of|for|stating|saying|reading)(?![a-z])")
REPLACEMENT = re.compile(r"(?<![a-z])(?:should[ ]+(?:read|be|have[ ]+been|say)|correct(?:ed)?[ ]+(?:entry|diagnosis|"
                         r"record|to)|replaced[ ]+(?:by|with)|now[ ]+reads|instead)(?![a-z])")
# Round 33: what others often call the lesion, answered by the text's own diagnosis ("Trainees often label every pink
# papule on the face as BCC; this one is a fibrous papule", "GPs commonly treat these as tinea, but ..."): the name
# after the verb is a mislabel, set aside when another condition in the text stands
MISLABEL_BEFORE = re.compile(r"(?<![a-z])(?:often|commonly|frequently|wrongly|mistakenly|erroneously|routinely|usually|"
                             r"easily|tend[ ]+to|tends[ ]+to)[ ]+(?:mis)?(?:label|labels|labelled|labeled|call|calls|"
                             r"diagnose|diagnoses|read|reads|code|codes|treat|treats|dismiss|dismisses|take|takes|"
                             r"file|files|refer|refers|report|reports)(?:[ ]+[a-z0-9'-]+){0,9}?[ ]+(?:as|for)[ ]+"
                             r"(?:an?[ ]+|the[ ]+)?['\"\u2018\u201c]?$|"
                             r"(?<![a-z])(?:often|commonly|frequently|wrongly|mistakenly|erroneously|routinely|usually|"
                             r"easily|tend[ ]+to|tends[ ]+to|always|everyone|everybody)[ ]+(?:call|calls|label|labels|diagnose|diagnoses|"
                             # round 34: a lecturer's "people always say scabies, it's ..."
                             r"say|says|think|thinks|guess|guesses|"
                             # round 52: a lecture's "everybody shouts ringworm but ... so granuloma annulare"
                             r"shout|shouts)[ ]+"
                             r"(?:(?:it|them|these|those|this|that)[ ]+)?(?:(?:is|s|are|re)[ ]+)?(?:an?[ ]+)?['\"\u2018\u201c]?$")
# Round 33: the other half of "argues against X and for Y" ("spares the folds, which argues against seborrhoeic dermatitis
# and for lupus"): the negation's list ends at "for"; Y is the examiner's hedged pick (the label may take it)
FOR_AFTER_AGAINST = re.compile(r"(?<![a-z])(?:argues?|arguing|speaks?|speaking|points?|pointing)[ ]+against[^.;]*?"
                               r"(?:,[ ]*|[ ]+)(?:and|but)[ ]+(?:rather[ ]+|more[ ]+)?(?:for|towards?|in[ ]+favou?r[ ]+of)"
                               r"[ ]+(?:an?[ ]+|the[ ]+)?$")
# Round 33: a name shown only to compare ("Images of classic scarlet fever are included below for comparison only; our
# patient had a viral exanthem"): another patient's, uncertain, when the text gives its own diagnosis elsewhere
FOR_COMPARISON = re.compile(r"(?<![a-z])(?:for|as)[ ]+(?:a[ ]+)?(?:comparison|contrast|reference)(?![a-z])")
# Round 33: the condition a drug was started for ("Photodermatitis after starting doxycycline for acne", "a rash on
# day 9 of amoxicillin for otitis"): the ground of the eruption, not the lesion shown
DRUG_FOR_BEFORE = re.compile(r"(?<![a-z])(?:starting|started|start|taking|took|on|given|prescribed|using|of|course[ ]+of)"
                             r"[ ]+[a-z][a-z-]*(?:ine|ycline|cillin|mycin|azole|mab|nib|sone|olone|ide|ate|ol|an|ex|"
                             r"il|in|one|ene)[ ]+for[ ]+(?:his|her|their|my|the|a|an)?[ ]*$")
MISLABEL_CUES = ("often", "commonly", "frequently", "wrongly", "mistakenly", "erroneously", "routinely", "usually", "easily",
                 "tend", "tends", "always", "everyone", "everybody")
MISLABEL_GATE = re.compile(r"(?:" + "|".join(MISLABEL_CUES) + r")[ ]+(?:mis)?(?:label|call|diagnos|read|code|treat|dismiss|"
                           r"take|file|refer|report|say|think|guess|shout)")
# speed (round 38): each cue with the space the gate needs after it; a text holding none of these (~97 %) skips the
# gate's regex, which tries its cues at every character (~7 us a text)
MISLABEL_CUES_SPACED = tuple(w + " " for w in MISLABEL_CUES)
DRUG_SUFFIXES = ("ine", "ycline", "cillin", "mycin", "azole", "mab", "nib", "sone", "olone", "ide", "ate", "ol", "an", "ex",
                 "il", "in", "one", "ene")
DRUG_FOR_GATE = re.compile(r"(?:" + "|".join(DRUG_SUFFIXES) + r")[ ]+for[ ]")


def mislabel_cued(low: str) -> bool:
    """Speed (round 38): whether `low` holds a `MISLABEL_GATE` cue followed by a space, which every match of the gate
    (and of `MISLABEL_BEFORE`, whose cues the gate's are) needs: a few substring tests in place of the gate's regex."""
    for w in MISLABEL_CUES_SPACED:
        if w in low:
            return True
    return False


def drug_for_gate(low: str) -> bool:
    """`DRUG_FOR_GATE.search(low) is not None` by `str.find` (speed round 38: the regex tries its 18 suffixes at every
    character, ~8 us a text; a text holds one or two " for "): some " for " whose run of spaces before it follows a
    drug suffix. The same answer: a match is a suffix, then one or more spaces, then "for" and a space, and the
    suffixes are letters, so the suffix ends where the run of spaces before that "for" starts."""
    i = low.find(" for ")
    while i >= 0:
        j = i
        while j and low[j - 1] == " ":
            j -= 1
        if low.endswith(DRUG_SUFFIXES, 0, j):
            return True
        i = low.find(" for ", i + 4)
    return False
STATUS_FRAME_WORDS = frozenset(("resolved", "resolving", "told", "healed", "cleared", "settled", "clear", "pending",
                                "awaited", "awaiting", "outgrew", "outgrown", "criteria", "criterion", "excluded", "excluding", "excludes", "exclude",
                                "eligible", "ineligible", "enrolled", "enroled", "recruited", "randomised", "randomized", "unlikely", "improbable", "likely", "probable", "sure", "confident",
                                "certain", "think", "believe", "suspect", "refuted",
                                # round 39: criteria headings and adverse-reaction lists
                                "inclusion", "exclusion", *ADVERSE_WORDS, *ERRATUM_WORDS))
# round 33: the words that `record_frames` reads (a text without any needs no look)
RECORD_FRAME_WORDS = frozenset(("error", "disregard", "ignore", "wrong", "often", "commonly", "frequently", "wrongly",
                                "mistakenly", "erroneously", "routinely", "usually", "easily", "tend", "tends", "always",
                                "everyone", "everybody",
                                "against", "comparison", "contrast", "reference"))


# round 40: a note's verdict after the name ("new ulcer on the shin, PG most likely.", "... hidradenitis suppurativa most
# likely."): a clinician's hedged diagnosis (uncertain, may be the label). The clause must close after the hedge (the
# sentence ends, or a comma / semicolon follows with no other name between): as a trigger that reaches backwards,
# round 38's form also hedged "her cold sore" in "her cold sore, most likely erythema multiforme", where the hedge
# opens the next name's clause
# Round 46: the bare "likely" / "probable" as that verdict when the clause ends at once ("tense bullae; bullous pemphigoid
# likely.", "... lichen planus probable."); a comma after the bare word is not read (it may open the next clause)
# Round 51: an adverb of degree before it ("the burrows make scabies very likely;", "... highly probable.") is the same
# verdict
POST_VERDICT = re.compile(r",?[ ]*(?:(?:most|more|very|highly|quite)[ ]+(?:likely|probable)[ ]*(?:[.;,!?)]|$)|"
                          r"(?:likely|probable)[ ]*(?:[.;!?)]|$))")


def earlier_topic(text: str, res: TagResult) -> None:
    """Round 40: a lecture's earlier session's disease (`EARLIER_TOPIC`) before the one this session shows: negated."""
    low = text.lower()
    conds = res.conditions
    for m in conds:
        a = m.span[0]
        if not m.negated and EARLIER_TOPIC.search(low, max(0, a - 60), a) and any(
                o.span[0] > m.span[1] and not o.negated for o in conds):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


# round 60: a record line's field that refutes the line's entry ("Atopic dermatitis | Verification: refuted | Status:
# Inactive", "... | Status: excluded"): a problem list keeps a refuted or excluded diagnosis as a row, and the field
# says it is not the patient's (a C-CDA problem's verification status, FHIR's `verificationStatus`)
RECORD_REFUTED = re.compile(r"\|\s*(?:verification(?:\s+status)?|clinical\s+status|status)\s*:\s*"
                            r"(?:refuted|ruled\s+out|excluded|entered\s+in\s+error)\s*(?:\||$)", re.IGNORECASE)


def refuted_records(text: str, res: TagResult) -> None:
    """Round 60: the entry (the field before the line's first "|") of a record line whose field refutes it
    (`RECORD_REFUTED`): negated, on that line only."""
    at = 0
    for line in text.split("\n"):
        if "|" in line and RECORD_REFUTED.search(line) is not None:
            first = at + line.index("|")
            for m in res.conditions:
                if at <= m.span[0] < first:
                    m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
        at += len(line) + 1


def status_frames(text: str, res: TagResult) -> None:
    """Round 32: the statuses a sentence's frame sets (`DISMISSED_BEFORE`, `CRITERIA`, `UNLIKELY_FOR`, a letter's
    `SURE_BEFORE`), set on the result's conditions in place; round 60: a record line's refuting field
    (`refuted_records`)."""
    low = text.lower()
    conds = res.conditions
    if "|" in text and ("refuted" in low or "excluded" in low or "ruled out" in low or "in error" in low):
        refuted_records(text, res)
    if LETTER_OPEN.match(text):
        for m in conds:
            if m.uncertain and not m.negated and SURE_BEFORE.search(low, max(0, m.span[0] - 60), m.span[0]):
                m.hedged = True
    if "likely" in low or "probable" in low:
        for m in conds:
            if not m.negated and not m.uncertain and POST_VERDICT.match(low, m.span[1]):
                m.uncertain, m.hedged, m.historical = True, True, False
    healed = any(w in low for w in HEALED_WORDS)
    if "pending" in low or "await" in low:
        for c in PENDING_TEST.finditer(low):
            a, b = _sentence_bounds(low, c.start())
            if any(w in low[a:b] for w in PENDING_SETTLED):
                continue  # a diagnosis already confirmed ("confirmed on DIF, awaiting serology to subtype")
            for m in conds:
                if a <= m.span[0] < c.start() and m.asserted and not m.historical and not m.ground \
                        and m.id not in SYMPTOMS and not m.weak:
                    m.uncertain, m.hedged = True, True
    for m in conds:
        a = m.span[0]
        head = low[max(0, a - 80):a]
        if "told" in head and DISMISSED_BEFORE.search(head) and any(
                o is not m and not o.negated and (not o.uncertain or o.hedged) and not o.historical for o in conds):
            m.negated, m.uncertain, m.hedged = True, False, False
        elif m.negated and UNLIKELY_FOR.search(head):  # (speed round 44: the flag first, most are not negated)
            m.negated = False
        elif "resolv" in low and not m.uncertain and (RESOLVED_AFTER.match(low, m.span[1])
                                                     or RESOLVED_BEFORE.search(head[-30:])):
            m.negated, m.historical = False, True
        elif healed and not m.negated and not m.uncertain and not m.historical:
            a2, b2 = _sentence_bounds(low, m.span[1])
            b2 = min(b2, *(i for i in (low.find(";", m.span[1]), low.find(" but ", m.span[1])) if i >= 0), b2)
            h = HEALED_LATER.search(low, m.span[1], b2)
            if h is not None and not any(m.span[1] <= o.span[0] < h.start() for o in conds):
                m.historical = True
    if "criteri" in low or "exclu" in low or "eligib" in low or "inclusion" in low or "not enrol" in low \
            or "not recruit" in low or "not randomi" in low:
        for c in CRITERIA.finditer(low):
            stop = min((i for i in (low.find(". ", c.end()), low.find(";", c.end())) if i >= 0), default=len(low))
            for m in conds:
                if c.start() <= m.span[0] < stop:
                    m.negated, m.uncertain, m.hedged, m.historical = False, True, False, False
        for c in CRITERIA_HEAD.finditer(low):
            stop = min((i for i in (low.find(". ", c.end()), low.find(";", c.end())) if i >= 0), default=len(low))
            for m in conds:
                if c.start() <= m.span[0] < stop:
                    m.negated, m.uncertain, m.hedged, m.historical = False, True, False, False
        for c in (CRITERIA_AFTER.finditer(low) if may(CRITERIA_AFTER, low) else ()):  # (speed round 49)
            for m in conds:
                if c.start() <= m.span[0] < c.end():
                    m.negated, m.uncertain, m.hedged, m.historical = False, True, False, False
    if " read" in low and ("should" in low or "must" in low or "for " in low or " of " in low):
        for c in ERRATUM_QUOTED.finditer(low):
            g = 1 if c.group(1) is not None else 2 if c.group(2) is not None else 3
            for m in conds:
                if c.start(g) <= m.span[0] < c.end(g):
                    m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
    if any(w in low for w in ADVERSE_WORDS):
        for c in (ADVERSE_LIST.finditer(low) if may(ADVERSE_LIST, low) else ()):  # (speed round 49)
            a, b = _sentence_bounds(low, c.start())
            for m in conds:
                # "worsening of melasma" among a procedure's risks is the patient's own melasma (round 14's reading)
                if a <= m.span[0] < b and not m.negated and not WORSENED_OWN.search(low, max(a, m.span[0] - 24),
                                                                                     m.span[0]) \
                        and not CASE_REPORTED_BEFORE.search(low, max(a, m.span[0] - 70), m.span[0]):
                    m.uncertain, m.hedged, m.historical = True, False, False


def drug_effects(text: str, res: TagResult, words: set[str]) -> None:
    """Round 46: a drug's possible side effects (`SIDE_EFFECTS`, the names of that sentence) and a reaction's rate in a
    treated population (`RATE_OCCURRED`, the name just before it) are open (uncertain), never the label. The caller
    gates on the words "side" + "effects" or "occurred" / "reported" / "observed" with a per cent."""
    low = text.lower()
    conds = res.conditions
    if "side" in words and "effects" in words:
        for c in SIDE_EFFECTS.finditer(low):
            a, b = _sentence_bounds(low, c.start())
            for m in conds:
                if a <= m.span[0] < b and not m.negated:
                    m.uncertain, m.hedged, m.historical = True, False, False
    if "%" in low or "cent" in low:
        for m in conds:
            if not m.negated and RATE_OCCURRED.match(low, m.span[1]):
                m.uncertain, m.hedged, m.historical = True, False, False


DRUG_EFFECT_WORDS = frozenset(("effects", "occurred", "occurs", "reported", "observed"))


def _sentence_bounds(low: str, i: int) -> tuple[int, int]:
    """The sentence around position i: from after the last ". " / "; " / "! " / "? " before it to the next one."""
    start = max(low.rfind(p, 0, i) for p in (". ", "; ", "! ", "? "))
    start = 0 if start < 0 else start + 2
    ends = [j for j in (low.find(p, i) for p in (". ", "; ", "! ", "? ")) if j >= 0]
    return start, min(ends) if ends else len(low)


RETRACTION_ANSWER = re.compile(r"(?<![a-z])(?:proved[ ]+to[ ]+be|proven[ ]+to[ ]+be|turned[ ]+out[ ]+to[ ]+be|(?:is|was)[ ]+"
                               r"(?:in[ ]+fact|actually))(?![a-z])")


def _retracted(low: str, conds) -> None:
    """Round 33: the names of a withdrawn record (`RETRACTED`) are negated: those in the marker's sentence, and, for
    "please disregard" / "ignore the above", those in the sentence before it; a name after a replacement cue stays."""
    spans = []
    for r in RETRACTED.finditer(low):
        a, b = _sentence_bounds(low, r.start())
        obj = DISREGARD_OBJECT.match(low, r.start())
        if obj is not None:
            # round 38: the withdrawn name is the marker's object: the retraction ends with its clause
            cut = [i for i in (low.find(",", obj.end()), low.find(";", obj.end())) if 0 <= i < b]
            b = min(cut) if cut else b
        elif DISREGARD.match(low, r.start()) and a > 0:
            a = _sentence_bounds(low, max(0, a - 3))[0]
        spans.append((a, b))
    if not spans:
        return
    rep = REPLACEMENT.search(low)
    # round 41: what the withdrawn record's lesion proved to be ("Please disregard the diagnosis in my letter: the lesion
    # we excised proved to be a dermatofibroma, and the word melanoma there was a dictation error") is the answer, to
    # its clause's end; a name in a later clause is still withdrawn
    answers = [(c.start(), min((i for i in (low.find(",", c.end()), low.find(";", c.end()), low.find(". ", c.end()))
                                if i >= 0), default=len(low))) for c in RETRACTION_ANSWER.finditer(low)]
    for m in conds:
        x = m.span[0]
        if any(a <= x < b for a, b in spans) and not (rep is not None and rep.start() < x) \
                and not any(a <= x < b for a, b in answers):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


def record_frames(text: str, res: TagResult) -> None:
    """Round 33: statuses set by how a record or a teacher frames a name: a comparison image (`FOR_COMPARISON`), a
    drug's indication (`DRUG_FOR_BEFORE`, ground), "against X and for Y" (`FOR_AFTER_AGAINST`), a record entered in
    error (`RETRACTED`) and what others often mislabel the lesion as (`MISLABEL_BEFORE`); set in place."""
    low = text.lower()
    conds = res.conditions
    if "compar" in low or "contrast" in low or "reference" in low:
        for c in FOR_COMPARISON.finditer(low):
            a, b = _sentence_bounds(low, c.start())
            inside = [m for m in conds if a <= m.span[0] < b]
            if inside and any(not (a <= o.span[0] < b) and not o.negated for o in conds):
                for m in inside:
                    if not m.negated:
                        m.uncertain, m.hedged, m.historical = True, False, False
    if len(conds) > 1 and " for " in low and drug_for_gate(low):
        for m in conds:
            a = m.span[0]
            if not m.negated and DRUG_FOR_BEFORE.search(low, max(0, a - 48), a) and any(
                    o is not m and not o.negated and o.span[0] < a for o in conds):
                m.ground = True
    if "against" in low:
        for m in conds:
            if m.negated and FOR_AFTER_AGAINST.search(low, max(0, m.span[0] - 120), m.span[0]):
                m.negated, m.uncertain, m.hedged = False, True, True
    if "error" in low or "wrong" in low or "disregard" in low or "ignore" in low:
        _retracted(low, conds)
    for m in conds if mislabel_cued(low) and MISLABEL_GATE.search(low) else ():
        if not m.negated and MISLABEL_BEFORE.search(low, max(0, m.span[0] - 90), m.span[0]) and any(
                o is not m and o.span[0] > m.span[0] and not o.negated and (not o.uncertain or o.hedged)
                for o in conds):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


# Round 34
# "Background AD (lifelong); today ...", "Background: a melanoma was cut out nine years ago. The lesion photographed
# today ...": the clause after the heading, up to the next sentence or semicolon, is the patient's background
BACKGROUND_HEAD = re.compile(r"(?:^|(?<=[.;])\s+)background\b[: ]", re.IGNORECASE)
# round 50: the heading that lists a background ("Background: ...", "Background of ..."), read at the heading's match
BACKGROUND_LIST = re.compile(r"\s*background[ ]*(?::|of[ ])")
BACKGROUND_LIST_WORDS = 12
NOW_LATER = re.compile(r"(?<![a-z])(?:today|now|currently|this (?:visit|time|week))(?![a-z])")
# an abstract's "Background:" section states the topic, not a patient's past
ABSTRACT_WORDS = re.compile(r"(?<![a-z])(?:methods?|objectives?|results|conclusions?|aims?)(?![a-z])")
RUNS_IN_AFTER = re.compile(r"\s+(?:also\s+)?(?:runs|ran|run)\s+in\s+(?:the\s+|her\s+|his\s+|their\s+|my\s+|our\s+)"
                           r"(?:family|families|mother|father|mum|mom|dad|sisters?|brothers?|aunts?|uncles?|"
                           r"grandmother|grandfather|cousins?|parents|siblings?)(?![a-z])")
MOVING_ON_BEFORE = re.compile(r"(?<![a-z])(?:moving|move|moved|we\s+move|let\s+s\s+move)\s+on\s+from\s+"
                              r"(?:the\s+|those\s+|these\s+|our\s+|all\s+the\s+)?$")
SCREENING_AFTER = re.compile(r"\s+(?:screening|surveillance)(?![a-z])")
POPULATION_BEFORE = re.compile(r"(?<![a-z])in\s+(?:patients|children|adults|people|individuals|subjects|women|men|"
                               r"infants|cohorts?|carriers|families|recipients)\s+(?:with|receiving|on|undergoing|"
                               r"treated\s+for)\s+(?:[a-z0-9-]+\s+){0,2}$")
# the words one of these frames needs (a set look-up on the text's words; most texts have none)
FRAME34_WORDS = frozenset(("background", "runs", "ran", "run", "moving", "move", "moved", "screening", "surveillance"))
POPULATION_WORDS = frozenset(("patients", "children", "adults", "people", "individuals", "subjects", "women", "men",
                              "infants", "cohort", "cohorts", "carriers", "families", "recipients"))




def frames34(text: str, res: TagResult, ontology: Ontology) -> None:
    """Round 34: statuses a sentence's frame sets on the merged result, for frames real text writes that no earlier pass
    read: a note's background clause before today's lesion, a relative's condition "running in" the family, a lecturer
    moving on from the previous slides' disease, a screening or surveillance target, and a study title's population
    ("X in patients with Y": Y is who was studied when X, a skin finding, is what the title is about). Set in place."""
    low = text.lower()
    conds = res.conditions
    if "ackground" in low and not ABSTRACT_WORDS.search(low):
        now_later = NOW_LATER.search(low) is not None
        for h in BACKGROUND_HEAD.finditer(low):
            stop = min((i for i in (low.find(". ", h.end()), low.find(";", h.end())) if i >= 0), default=-1)
            if stop < 0 or not now_later or not NOW_LATER.search(low, stop):
                # round 50: a note's background told after the problem ("admitted with left leg cellulitis ...
                # Background: venous eczema.", "?SCC. Background of multiple AKs treated with cryotherapy."): the
                # heading's colon or "of" lists the patient's background, to the sentence's end, when a condition
                # is named before it (the problem the note is about); a note's background is a short list
                # (`BACKGROUND_LIST_WORDS`), an abstract's "Background: The best response ... vary greatly, ..." a
                # sentence about the study's topic, left as it is
                stop = len(low) if stop < 0 else stop
                if not BACKGROUND_LIST.match(low, h.start()) or \
                        low.count(" ", h.end(), stop) >= BACKGROUND_LIST_WORDS or not any(
                        m.span[1] <= h.start() and not m.negated and m.id not in SYMPTOMS for m in conds):
                    continue
            for m in conds:
                if h.end() <= m.span[0] < stop and not m.negated:
                    m.historical = True
    for m in conds:
        a, b = m.span
        if m.negated:
            continue
        if RUNS_IN_AFTER.match(low, b) or MOVING_ON_BEFORE.search(low, max(0, a - 40), a) \
                or SCREENING_AFTER.match(low, b):
            # (not the finding pictured either: a relative's, the last slides', a screening target)
            m.uncertain, m.hedged, m.historical = True, False, True
        elif POPULATION_BEFORE.search(low, max(0, a - 60), a) and any(
                o is not m and o.span[1] <= a and not o.negated and not o.uncertain and o.id not in SYMPTOMS
                and not (refines(ontology, m.id, o.id) and ontology.path_ids(m.id)[0] == ontology.path_ids(o.id)[0])
                and "\n" not in low[o.span[1]:a] and ". " not in low[o.span[1]:a] for o in conds):
            # a study title's population: the finding named before it is what the title is about (not when the
            # population's disease refines it in its own branch: "trichophytin reactions in children with tinea capitis",
            # not a syndrome named after it, "BCC in patients with Gorlin (naevoid BCC) syndrome"; nor when the
            # finding is only a risk or a screening target: "melanoma risk in patients with giant naevi" is the naevi's)
            # (round 38: nor when it is a symptom, the study's outcome measure: "Itch intensity in adults with chronic
            # urticaria", "Peak pruritus scores fell in adults with prurigo nodularis": the population's disease is the
            # subject, and a symptom is never the label)
            m.historical = True


# Round 38: a verdict stated as the consequence of a condition ("If it has spread past the margin on review, it is a
# lentigo maligna melanoma", "and if the edge rolls and the centre ulcerates, then it is a BCC"): what the name depends on
# is not yet known, so the name is uncertain (ConText's hypothetical, its scope carried past the "if" clause's words to
# the consequent after its comma). Only a consequent "[then] it / this / that is" right before the name, in the same
# sentence as an "if" that opens a clause; a teacher's "if you look closely, this is a BCC" points at the case (not
# read), and a name inside the "if" clause is the "if" trigger's own.
CONDITIONAL_IF = re.compile(r"(?:^|\|)[ ]*(?:(?:and|but|so|behold|now)[ ]+)?if[ ]+(?!(?:you|we|i|one|they)[ ])")
CONDITIONAL_VERDICT = re.compile(r"\|[ ]*(?:then[ ]+)?(?:it|this|that)[ ]+(?:is|s|must[ ]+be|will[ ]+be)[ ]+"
                                 r"(?:(?:an?|the)[ ]+)?$")


def conditional_verdicts(text: str, n: str, hits, flags) -> None:
    """Round 38: the names in a conditional consequent (`CONDITIONAL_VERDICT` after `CONDITIONAL_IF` in one sentence)
    are uncertain; a negated one stays negated."""
    ends = None
    for a, b, t, _ in hits:
        if t.kind != "condition" or CONDITIONAL_VERDICT.search(n, a - 30 if a > 30 else 0, a) is None:
            continue
        if ends is None:
            ends = sentence_ends(text)
        start = max((e + 1 for e in ends if e < a), default=0)
        if CONDITIONAL_IF.search(n, start - 1 if start else 0, a) is not None:
            f = flags[(a, b)]
            if not f[0]:
                f[1], f[3] = True, False



# Round 41: the features a diagnosis would show, said to be missing ("The lesion lacks the rolled border and
# telangiectasia one would expect of a basal cell carcinoma", "no scale, which you would see in psoriasis"): the missing
# features argue against the diagnosis they belong to, which is set aside (negated), as the features are. The absence
# cue must open the clause and the expectation ("one / you would expect / see / find ... of / in / with") sit right
# before the name; "the papules one would expect of lichen planus are here" (no absence) is left.
EXPECTED_OF = re.compile(r"(?:one|you|we|i)[ ]+(?:would|might|d|should)[ ]+(?:expect|see|find|usually[ ]+see)"
                         r"(?:[ ]+to[ ]+(?:see|find))?[ ]+(?:of|in|with|for|from)[ ]+(?:(?:an?|the)[ ]+)?$")
EXPECTED_ABSENT = re.compile(r"(?<![a-z])(?:lacks|lacking|lacked|without|no|none[ ]+of|absence[ ]+of|absent|missing)"
                             r"(?![a-z])")
EXPECTED_WORDS = frozenset(("expect", "see", "find"))


def expected_features_absent(text: str, res: TagResult) -> None:
    """Round 41: a condition right after `EXPECTED_OF`, with an absence cue earlier in its sentence, is negated."""
    low = text.lower().replace("'", " ")
    ends = None
    for m in res.conditions:
        a = m.span[0]
        if m.negated or EXPECTED_OF.search(low, max(0, a - 40), a) is None:
            continue
        if ends is None:
            ends = sentence_ends(text)
        start = max((e + 1 for e in ends if e < a), default=0)
        if EXPECTED_ABSENT.search(low, start, a) is not None:
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


# Round 41: a drug label's section under its capitalised heading ("ADVERSE REACTIONS: In clinical trials, rash (12 %),
# pruritus (8 %) ... were reported; rare cases of Stevens-Johnson syndrome ... have occurred", "WARNINGS: Discontinue at
# the first appearance of ... hypersensitivity", "CONTRAINDICATIONS: ..."): what the drug may cause or must not be given
# with, generic (rule 6), never a patient's finding: uncertain and never the label, to the next capitalised heading.
# The capitals and the colon are needed: an allergy record's "Adverse reaction: urticaria to penicillin" is the patient's.
DRUG_LABEL_HEAD = re.compile(r"(?:^|(?<=[.;\n])[ ]*)(?:ADVERSE (?:DRUG )?REACTIONS|SIDE EFFECTS|WARNINGS(?: AND PRECAUTIONS)?|"
                             r"PRECAUTIONS|CONTRAINDICATIONS|BOXED WARNING|"
                             # round 44: a drug summary's "Adverse effects:" in sentence case ("Adverse effects: genital
                             # mycotic infections, ..."): what the drug may cause; not "Adverse reactions:", a patient
                             # record's allergy line (round 40: "Adverse reactions: urticaria to penicillin in 2019")
                             r"ADVERSE EFFECTS|Adverse (?:drug )?effects)"
                             # round 44: the section's source in brackets before its colon ("ADVERSE REACTIONS (pooled
                             # placebo-controlled studies): ...")
                             r"(?:[ ]*\([^()]{1,80}\))?[ ]*:")
NEXT_HEAD = re.compile(r"(?:^|(?<=[.;\n])[ ]*)[A-Z][A-Z &/-]{3,}[ ]*:")
DRUG_LABEL_WORDS = frozenset(("adverse", "side", "warnings", "warning", "precautions", "contraindications"))


def drug_label_sections(text: str, res: TagResult) -> None:
    """Round 41: the conditions of a drug label's section (`DRUG_LABEL_HEAD`) are uncertain, never the label."""
    for h in DRUG_LABEL_HEAD.finditer(text):
        nxt = NEXT_HEAD.search(text, h.end())
        stop = nxt.start() if nxt is not None else len(text)
        for m in res.conditions:
            if h.end() <= m.span[0] < stop and not m.negated:
                m.uncertain, m.hedged, m.historical = True, False, False


# Round 41: a past episode dated by the patient's age or childhood right after its name ("Chickenpox at age six, and ...;
# today she presents with a wart", "eczema as a baby; now ..."), in a text that says what is there now: background
# (`historical`: asserted, never today's label). A text without "today" / "now" / "presents" may be the episode's own
# record and is left.
PAST_AGE_AFTER = re.compile(r"[ ]*,?[ ]*(?:at[ ]+(?:the[ ]+)?age[ ]+(?:of[ ]+)?(?:\d{1,2}|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen)|as[ ]+an?[ ]+(?:child|baby|"
                            r"toddler|infant|teenager|teen|student|youngster)|in[ ]+(?:early[ ]+)?(?:childhood|infancy|"
                            r"(?:his|her|their|my)[ ]+(?:teens|twenties|youth)))(?![a-z])")
TODAY_AFTER_PAST = re.compile(r"(?<![a-z])(?:today|now|currently|presents|presenting|this[ ]+(?:visit|time|week))(?![a-z])")
PAST_AGE_WORDS = frozenset(("age", "child", "baby", "toddler", "infant", "teenager", "teen", "student", "childhood",
                            "infancy", "teens", "twenties", "youth", "youngster"))
PRESENT_NOW_WORDS = frozenset(("today", "now", "currently", "presents", "presenting", "visit"))


def past_episodes(text: str, res: TagResult) -> None:
    """Round 41: a condition dated to the past by `PAST_AGE_AFTER`, before a `TODAY_AFTER_PAST` cue later in the text, is
    background; the present one keeps the label."""
    low = text.lower()
    for m in res.conditions:
        if m.negated or m.uncertain or m.historical or not PAST_AGE_AFTER.match(low, m.span[1]):
            continue
        if TODAY_AFTER_PAST.search(low, m.span[1]) is not None and any(
                o is not m and o.span[0] > m.span[1] and o.asserted for o in res.conditions):
            m.historical = True


# Round 41: the lesion another arose in ("invasive melanoma, Breslow 0.4 mm, arising in the previously reported
# melanoma in situ", "an SCC arising within a long-standing ulcer"): the background of the new finding (`historical`:
# asserted, never the label, even where the new one is its parent node, as invasive melanoma is of melanoma in situ),
# when the new one is named before it
ARISING_IN_BEFORE = re.compile(r"(?<![a-z])(?:arising|arisen|developing|arose|developed)[ ]+(?:in|within|from|on)[ ]+"
                               r"(?:(?:an?|the|her|his|their|a[ ]+pre-?existing)[ ]+)?(?:(?:previously[ ]+(?:reported|"
                               r"diagnosed|excised|treated)|pre-?existing|known|long-?standing|longstanding|old)[ ]+)?$")


def arising_in(text: str, res: TagResult) -> None:
    """Round 41: a condition after `ARISING_IN_BEFORE`, another asserted condition named before it, is background.

    Round 48: also with no article ("a squamous cell carcinoma arising on actinic cheilitis") and after a physician's
    hedged name ("which I feel is a squamous cell carcinoma arising on actinic cheilitis"): the ground the weighed
    tumour grew on is still the ground, never the label; it keeps its own status (set 25 asserts the actinic keratoses an
    SCC is suspected to arise in, set 26 hedges the actinic cheilitis: the label is the tumour in both)."""
    low = text.lower()
    for m in res.conditions:
        a = m.span[0]
        if ARISING_IN_BEFORE.search(low, max(0, a - 70), a) and any(
                o is not m and o.span[1] <= a and (o.asserted or (o.hedged and not o.negated))
                for o in res.conditions):
            m.historical = True


# Round 48: a physician's hedged diagnosis borne out later in the same sentence ("suggestive of amelanotic melanoma;
# excision confirmed", "acral lentiginous melanoma was suspected, then confirmed after excision", "most probably Kaposi
# sarcoma, later confirmed on biopsy", "the presumed Bowen's disease was confirmed on biopsy", "the presumed diagnosis was
# tinea corporis, confirmed on KOH"): a test proved it, so the text states it (sets 13, 15, 17, 22, 25 and 26 assert
# each), as round 44's "considered and confirmed" does. Not a confirmation still to come ("to be confirmed", "if
# confirmed", "not confirmed", "awaiting"), nor one that another name stands between (it confirms that one).
CONFIRMED_AFTER = re.compile(r"[^.!?]{0,50}?(?:(?<![a-z])(?:later|then|subsequently|since|was|were|been|and|which|excision|"
                             r"biopsy|histology|histopathology|culture|koh|pcr|serology|dif|swab)[ ]+|[,;][ ]*)"
                             r"(?:(?:later|then|subsequently)[ ]+)?confirmed(?![a-z])")
CONFIRMED_NOT = re.compile(r"(?<![a-z])(?:not|be|if|until|unless|yet|never|awaiting|await|pending|to)[ ]+"
                           r"(?:(?:later|then|subsequently)[ ]+)?confirmed(?![a-z])")


def hedge_confirmed(text: str, res: TagResult) -> None:
    """Round 48: a hedged name (a physician's hedge) that a later "confirmed" in its sentence bears out is asserted."""
    low = text.lower()
    for m in res.conditions:
        if not (m.hedged and m.uncertain) or m.negated:
            continue
        e = m.span[1]
        got = CONFIRMED_AFTER.match(low, e)
        if got is None or CONFIRMED_NOT.search(low, e, got.end()) is not None:
            continue
        if any(o is not m and e <= o.span[0] < got.end() for o in res.conditions):
            continue
        m.uncertain = m.hedged = False


# Round 41: a look-alike named as what would look the same ("My impression is a granuloma annulare, although an early
# tinea would look similar", "a fixed drug eruption could look identical"): a mimic weighed, not found (uncertain,
# never the label); the verb must follow the name directly
LOOKS_SIMILAR_AFTER = re.compile(r"[ ]+(?:would|could|can|may|might)[ ]+(?:also[ ]+)?(?:look|appear)[ ]+(?:very[ ]+|quite[ ]+"
                                 r"|much[ ]+|almost[ ]+)?(?:similar|the[ ]+same|alike|identical)(?![a-z])")
LOOKS_SIMILAR_WORDS = frozenset(("would", "could", "can", "may", "might"))


def looks_similar(text: str, res: TagResult) -> None:
    """Round 41: a condition followed by `LOOKS_SIMILAR_AFTER` is uncertain, never the label."""
    low = text.lower()
    for m in res.conditions:
        if not m.negated and LOOKS_SIMILAR_AFTER.match(low, m.span[1]):
            m.uncertain, m.hedged, m.historical = True, False, False


# Round 42: a diagnosis said to be "not in question" with the name itself as the subject ("the red lagoons make this a
# haemangioma, and a melanoma is not in question", "A BCC is not in question"): the name is not considered, a
# ruled-out diagnosis (negated). The subject must be the indefinite name opening its clause ("a / an X"); "the
# diagnosis (of psoriasis) is not in question" says the diagnosis is certain, and a bare "Psoriasis is not in
# question" can be read either way: both are left (round 39).
NOT_IN_QUESTION_AFTER = re.compile(r"[ ]+(?:is|was|are|were)[ ]+(?:not|no[ ]+longer|never)[ ]+in[ ]+question(?![a-z])")
NOT_IN_QUESTION_BEFORE = re.compile(r"(?:^|[.;:!?,(]|(?<![a-z])(?:and|but|so|while|whereas|then))[ ]*an?[ ]+$")


def not_in_question(text: str, res: TagResult) -> None:
    """Round 42: a condition that is the subject of `NOT_IN_QUESTION_AFTER`, opening its clause
    (`NOT_IN_QUESTION_BEFORE`), is negated."""
    low = text.lower()
    for m in res.conditions:
        a = m.span[0]
        if NOT_IN_QUESTION_AFTER.match(low, m.span[1]) and NOT_IN_QUESTION_BEFORE.search(low, max(0, a - 12), a):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


# Round 43: a diagnosis denied as the cause of a finding ("so head lice are not the cause of her itch", "scabies is not
# the reason for the rash"): the name before the verb is ruled out (negated); the finding after it is there, not denied
# (the "not" denies the causation: its name stays asserted unless another cue made it uncertain)
NOT_THE_CAUSE_AFTER = re.compile(r"[ ]+(?:is|are|was|were)[ ]+(?:not|never|unlikely[ ]+to[ ]+be)[ ]+(?:the|a)[ ]+"
                                 r"(?:(?:likely|probable|main|underlying)[ ]+)?(?:cause|causes|reason|explanation|source|"
                                 r"culprit)[ ]+(?:of|for|behind)(?![a-z])")
# round 58: the same denial without the finding after it, the clause closing ("people always want to call this eczema but
# it's impetigo, the eczema isn't the story here", set 42; "the lichen planus is not the problem"): the name is no part of
# what the text diagnoses
NOT_THE_STORY_AFTER = re.compile(r"[ ]+(?:is|are|was|were)(?:[ ]+not|n[\u2019']?t)[ ]+(?:really[ ]+)?(?:the|a|our)[ ]+"
                                 r"(?:(?:real|main|whole|actual)[ ]+)?(?:story|problem|issue|diagnosis|answer|point)"
                                 r"(?:[ ]+(?:here|today|now))?(?=[ ]*(?:[,.;!?)]|$))")
NOT_THE_CAUSE_WORDS = frozenset(("cause", "causes", "reason", "explanation", "source", "culprit",
                                 "story", "problem", "issue", "diagnosis", "answer", "point"))


def not_the_cause(text: str, res: TagResult) -> None:
    """Round 43: a condition followed by `NOT_THE_CAUSE_AFTER` is negated; a negated condition after the phrase, in its
    sentence, is the finding whose cause was denied: not negated."""
    low = text.lower()
    for m in res.conditions:
        g = NOT_THE_CAUSE_AFTER.match(low, m.span[1])
        if g is None:
            if NOT_THE_STORY_AFTER.match(low, m.span[1]) is not None:  # (round 58: no finding after it to keep)
                m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
            continue
        m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False
        ends = [i for i in (low.find(c, g.end()) for c in (". ", ";", "!", "?", "\n")) if i >= 0]
        stop = min(ends, default=len(low))
        for o in res.conditions:
            if g.end() <= o.span[0] < stop and o.negated:
                o.negated = False


# Round 43: a diagnosis corrected to another ("the doctor later corrected that to nummular eczema after a negative
# scraping", "the label was changed to lichen planus"): the name after "corrected (that) to" is the finding (asserted,
# whatever a later "negative" test says of the first guess), and the names before it in the text are set aside
# (negated), as a self-correction's are
CORRECTED_TO_BEFORE = re.compile(r"(?<![a-z])(?:corrected|changed|revised|amended|updated)[ ]+(?:(?:that|it|this|the[ ]+"
                                 r"diagnosis|the[ ]+label|his[ ]+diagnosis|her[ ]+diagnosis)[ ]+)?to[ ]+(?:an?[ ]+)?$")
CORRECTED_TO_WORDS = frozenset(("corrected", "changed", "revised", "amended", "updated"))


def corrected_to(text: str, res: TagResult) -> None:
    """Round 43: a condition right after `CORRECTED_TO_BEFORE` is asserted; the conditions named before it are negated."""
    low = text.lower()
    for m in res.conditions:
        a = m.span[0]
        if CORRECTED_TO_BEFORE.search(low, max(0, a - 50), a) is None:
            continue
        m.negated, m.uncertain, m.hedged, m.historical = False, False, False, False
        for o in res.conditions:
            if o.span[1] <= a and o is not m and o.id not in m.path:
                o.negated, o.uncertain, o.hedged, o.historical = True, False, False, False


# Round 43: a condition dated years or months back in its own clause ("A melanoma was excised from his thigh eight years
# ago; the new brown lesion on his chest is just a seborrhoeic keratosis"): a past episode, background (`historical`:
# asserted, never today's label) when another asserted condition follows in a later clause; a clause that also says
# "now" / "today" / "still" is left
AGO = re.compile(r"(?<![a-z])(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|"
                 r"many|a[ ]+few|some)[ ]+(?:years?|months?|decades?)[ ]+ago(?![a-z])")
_STILL_NOW = re.compile(r"(?<![a-z])(?:now|today|currently|still|again|recurred|recurrence)(?![a-z])")


def dated_past(text: str, res: TagResult) -> None:
    """Round 43: a condition whose clause holds `AGO` (and no `_STILL_NOW`) is background when an asserted condition
    follows in a later clause."""
    low = text.lower()
    for m in res.conditions:
        if not m.asserted or m.historical:
            continue
        a = max(max(low.rfind(c, 0, m.span[0]) for c in ".;!?\n") + 1, 0)
        ends = [i for i in (low.find(c, m.span[1]) for c in (". ", ";", "!", "?", "\n")) if i >= 0]
        b = min(ends, default=len(low))
        if AGO.search(low, a, b) is None or _STILL_NOW.search(low, a, b) is not None:
            continue
        if any(o is not m and o.asserted and o.span[0] > b for o in res.conditions):
            m.historical = True


# Round 43: another person's suggestion answered by the writer's own review ("The optometrist noted a pigmented lesion
# and suggested melanoma; on my review it looks like a benign lentigo"): the suggested name is set aside (negated), as
# an earlier naming overruled is, when the writer's review follows in a later clause and names another condition
SUGGESTED_BEFORE = re.compile(r"(?<![a-z])(?:suggested|proposed|queried|raised)[ ]+(?:(?:the[ ]+possibility[ ]+of|a[ ]+"
                              r"diagnosis[ ]+of)[ ]+)?(?:an?[ ]+)?$")
WRITER_REVIEW = re.compile(r"(?<![a-z])(?:(?:on|at|after)[ ]+(?:my|our)[ ]+(?:own[ ]+)?(?:review|examination|assessment|"
                           r"dermoscopy|look)|in[ ]+my[ ]+(?:view|opinion)|(?:i|we)[ ]+(?:think|thought|found|find|"
                           r"would[ ]+call))(?![a-z])")
SUGGESTED_WORDS = frozenset(("suggested", "proposed", "queried", "raised"))


def suggestion_answered(text: str, res: TagResult) -> None:
    """Round 43: a condition after `SUGGESTED_BEFORE` is negated when a `WRITER_REVIEW` in a later clause precedes
    another condition that is no node on its path."""
    low = text.lower()
    for m in res.conditions:
        a = m.span[0]
        if m.negated or SUGGESTED_BEFORE.search(low, max(0, a - 50), a) is None:
            continue
        ends = [i for i in (low.find(c, m.span[1]) for c in (". ", ";", "!", "?", "\n")) if i >= 0]
        if not ends:
            continue
        r = WRITER_REVIEW.search(low, min(ends))
        if r is None:
            continue
        if any(o.span[0] >= r.end() and o.id not in m.path and m.id not in o.path and not o.negated
               for o in res.conditions):
            m.negated, m.uncertain, m.hedged, m.historical = True, False, False, False


# Round 44: a teaching rule in the imperative ("Consider scabies when several people in one household itch at night";
# "Think of a kerion if a scalp ring turns boggy"): the conditions of its "when / if" clause, to the clause end, are
# the rule's hypothetical, no finding of the case (uncertain, never the label), unless the text names them again
# after that clause (the case's own: "...; in this boy scabies was confirmed").
CONSIDER_WHEN = re.compile(r"(?:^|(?<=[.;:!?]) *)(?:consider|suspect|think of|think about)[ ]+[^.;:!?]{1,80}?[ ]+"
                           r"(?:when|if|whenever|in any)(?![a-z])", re.IGNORECASE)
CONSIDER_WORDS = frozenset(("consider", "suspect", "think"))


def consider_when(text: str, res: TagResult) -> None:
    """Round 44: the names of a "Consider X when ..." rule's condition clause (`CONSIDER_WHEN`) are uncertain."""
    for m in CONSIDER_WHEN.finditer(text):
        stop = min((i for i in (text.find(";", m.end()), text.find(".", m.end())) if i >= 0), default=len(text))
        for c in res.conditions:
            if m.end() <= c.span[0] < stop and not c.negated and \
                    text.lower().find(text[c.span[0]:c.span[1]].lower(), stop) < 0:
                c.uncertain, c.hedged, c.historical = True, False, False


# Round 51: a relative's disease named with the possessive right before it ("Her late father's melanoma frightens her",
# "My dad's psoriasis was bad in the 80s") is someone else's condition (ANNOTATION.md rule 6: uncertain, never the label),
# as "her father had melanoma" is (`context.RELATIVES`). Only the possessive directly before the name: "Dad's got
# shingles" is the contraction of "has", the relative the patient; a child's, a spouse's ("my son's eczema", "my
# husband's hand rash") is the patient a parent or a partner writes for, and stays.
RELATIVE_OWNERS = frozenset(("father", "mother", "dad", "mum", "mom", "sister", "brother", "aunt", "uncle",
                             "grandmother", "grandfather", "gran", "grandma", "grandad", "grandpa", "cousin", "twin",
                             "parents"))
RELATIVE_POSSESSIVE = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(RELATIVE_OWNERS, key=len, reverse=True))
                                 + r")(?:'|\u2019)s[ ]+(?:(?:late|old|fatal|metastatic|advanced)[ ]+)?$", re.IGNORECASE)


def relative_possessive(text: str, res: TagResult) -> None:
    """The conditions named right after a relative's possessive (`RELATIVE_POSSESSIVE`) are that relative's: uncertain.
    Only beside a diagnosis of the patient's own (another condition asserted): alone, the relative is the patient a
    writer posts about ("Grandma's liver spots are the flat brown marks on her hands"). The caller gates on a word of
    `RELATIVE_OWNERS` in the text."""
    theirs = [c for c in res.conditions if not c.negated and c.span[0]
              and RELATIVE_POSSESSIVE.search(text, max(0, c.span[0] - 40), c.span[0])]
    if theirs and any(o.asserted and o not in theirs for o in res.conditions):
        for c in theirs:
            c.uncertain, c.hedged, c.historical = True, False, False


# Round 56: a relative who died of "metastatic melanoma" ("Her father died of metastatic melanoma; today she has ...",
# "his mother's metastatic melanoma") had melanoma: the family history a reader weighs is the primary cancer, and
# "metastatic" says how it ended, not a metastasis seen in the patient (sets 4, 5, 24, 29 and 36 read melanoma; set 21
# alone the metastasis). Only a name the relative's frame already made uncertain, and only the nodes that are a stage of
# their parent (`PRIMARY_OF`).
RELATIVE_DIED = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(RELATIVE_OWNERS - {"parents"}, key=len, reverse=True))
                           + r")[ ]+(?:had[ ]+)?(?:died|passed[ ]+away)[ ]+(?:of|from)[ ]+$", re.IGNORECASE)
PRIMARY_OF = {"melanoma-metastasis": "melanoma"}


def relative_primary(text: str, res: TagResult, node_info) -> None:
    """A relative's metastatic disease (`RELATIVE_DIED`, `RELATIVE_POSSESSIVE` right before the name) is read as its
    primary (`PRIMARY_OF`); `node_info` gives the new node's name and path. The caller gates on a word of
    `RELATIVE_OWNERS` in the text."""
    for c in res.conditions:
        if c.id in PRIMARY_OF and c.uncertain and not c.negated and c.span[0]:
            w = text[max(0, c.span[0] - 40):c.span[0]]
            if RELATIVE_DIED.search(w) is not None or RELATIVE_POSSESSIVE.search(w) is not None:
                c.id = PRIMARY_OF[c.id]
                c.name, c.path = node_info[c.id]

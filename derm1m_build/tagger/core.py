"""The tagger: exact automaton first, fuzzy on what is left, then abbreviations, context and negation.

`Tagger.tag(text) -> TagResult` is what the tag stage, `tag-text`, the caption grounding guard and the
benchmarks use; `tag_many` tags a batch; `has_derm_term` is the cheap yes/no the PubMed pre-filter asks.
One `Match` per ontology node and text: its mention that is asserted if any is, else uncertain, else
negated; the first such mention gives the span.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field, replace
from itertools import accumulate, compress, repeat
from operator import add
from typing import Any, Iterable


from derm1m_build.ontology import Ontology
from derm1m_build.tagger import automata
from derm1m_build.tagger.cache import ResultCache
from derm1m_build.tagger.context import (DERM_WORDS, SIMILE_BEFORE, ContextAnnotator, abbreviation_supported,
                                           sentence_ends)
from derm1m_build.tagger.exact import ExactMatcher
from derm1m_build.tagger.fastmatch import any_in, first_letter_groups
from derm1m_build.tagger.fuzzy import FuzzyMatcher
from derm1m_build.tagger.lexicon import HEARD, IMPLIED, FALSE_FRIENDS, Target, abbreviations, build_lexicon, common_words, \
    CUE_CHARS, cued_reading
from derm1m_build.tagger.lexicon import INHERITANCE_WORDS, INHERITED_KINDS, inherited_kind
from derm1m_build.tagger.labels import BACKGROUND, SIGN_ADJECTIVES, SIGNS, SIGNS_WHEN_ASSERTED, SYMPTOMS
from derm1m_build.tagger.memory import prefer_huge_pages
from derm1m_build.tagger.normalise import collapse_spaces, normalise_name, normalise_text, unshift

TOKEN = re.compile(r"[^ |]+")
# a separator run in the fuzzy pass's corrected text: a single space stays, any other run reads "|" (what
# `_fuzzy` does with string replaces)
CORRECTED_GAP = re.compile(r"[ |]{2,}|\|")
_S = r"[ |]+"
# markers of a correction in the normalised text ("no, wait" is "no| wait" there)
CORRECTION = re.compile(r"(?<![a-z])(?:" + "|".join(p.replace(" ", _S) for p in (
    "no wait", "sorry", "or rather", "i should say", "but it s really", "but it s actually", "but its actually",
    "but look at", "but if you look at", "but this is",
    "but it is actually", "it s actually", "it is actually", "and it s not", "and it is not", "at first but",
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
)) + r")(?![a-z])")
# round 6: "a hypertrophic scar, no actually it's a keloid", "urticaria, wait, no, ...", "a lipoma -
# correction, it's an epidermoid cyst", "we thought X, nope, it's Y", "turns out it's", "which makes it
# mpox", "until the dermatologist diagnosed", "; the urgent care doctor says it's", "then biopsied". What
# these answer with a refinement ("... the doctor says it's cold urticaria") or a generic word for the
# lesion ("the mole") is not set aside.
CLINICIANS = ("doctor", "dr", "doc", "dermatologist", "derm", "gp", "paediatrician", "pediatrician", "consultant",
              "specialist", "physician", "pathologist", "registrar")
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
                         r"diagnosed|labelled[ |]+it|wrote)|(?:earlier|previous|original|first) report said|"
                         r"referral said|request said|form said)"
                         r"[ |]+(?:(?:it|this|that)[ |]+(?:was|is|s)[ |]+)?(?:(?:query|possible|exclude|rule out)[ |]+)?"
                         r"(?:an?[ |]+|the[ |]+)?$")
SPOKEN_ASKED = re.compile(r"(?<![a-z])(?:is|was) (?:that|this|it)(?: an?| the)?[ |]*$")
SPOKEN_NO = re.compile(r"[ |]+(?:(?:hmm|um|uh|er|ah|oh|well)[ |]+)?no(?:[ |]+no)?(?![a-z])(?![ |]+(?:doubt|question))")
PRIOR_FRAME_WORDS = frozenset(("said", "wrote", "put", "labelled", "called", "thought", "diagnosed", "call"))
PRIOR_ANSWER = re.compile(r"(?<![a-z])(?:it s actually|it is actually|its actually|actually said|actually says|"
                          r"turned out to be|turned out to|came back as|deeper levels|on examination it is|"
                          r"on examination it s|the report says|the report said|report shows|so it s|so its|"
                          # round 17: a "but" and, a few words on, the new name ("but actually with those comma
                          # vessels it's a dermal naevus", "but the allergy clinic says it's angioedema", "but
                          # honestly it behaves like a well differentiated squamous cell carcinoma")
                          r"but(?:[ |]+[a-z]+){0,8}?[ |]+(?:it s|it is|its|they re|called it|calls it|behaves like|"
                          r"behave like))(?![a-z])")

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
ANSWER_BEFORE = re.compile(r"(?<![a-z])(?:it s|it is|this is|that s|that is|so|so it s|its|thats)(?: an?| the)?"
                           # round 19: one describing word before the answer's name ("it's a ruptured epidermoid cyst")
                           r"(?: (?:ruptured|inflamed|irritated|thrombosed|infected|early|simple|typical|classic))?[ |]*$")
# round 19: a first impression named by its look ("what looks like an abscess but actually ... it's a ruptured
# epidermoid cyst"): a physician's hedge, yet answered after "but" as a guess is
RESEMBLANCE = re.compile(r"(?<![a-z])(?:(?:looks?|looked|looking|sounds?)[ |]+like|resembles?|resembling)[ |]+"
                         r"(?:(?:an?|the)[ |]+)?$")
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
                                r"hairdresser|podiatrist|instructor|trainer|chiropodist|optician|physio|physiotherapist)"
                                # round 16: not over a "but" or a physician ("told by the school nurse it's acne,
                                # but the dermatologist says it's actually perioral dermatitis")
                                r"(?:[ |]+(?!(?:but|dermatologist|doctor|derm|gp|consultant|dr|specialist)(?![a-z]))[a-z]+){0,12}?"
                                r"[ |]+(?:said|says|thinks|reckons|swears|told (?:me|her|him|us|them)|suggested)(?![a-z])")
NOT_PHYSICIAN_WORDS = frozenset(("pharmacist", "chemist", "nurse", "midwife", "visitor", "coach", "beautician",
                                 "hairdresser", "podiatrist", "instructor", "trainer", "chiropodist", "optician",
                                 "physio", "physiotherapist"))  # round 13: a gym's (set 9)
# someone else's opinion after "but" is no answer to a guess ("I think it's acne but my mum says it's rosacea":
# the gold set keeps both readings)
REPORTED = re.compile(r"(?<![a-z])(?:says|said|thinks|thought|reckons)(?![a-z])")
# markers that may answer a guess made in the sentence before ("assumed it was a boil. Turns out it's ...")
ACROSS_SENTENCE = ("turns out", "correction")
# every CORRECTION phrase holds one of these words: texts with none skip the regex
CORRECTION_WORDS = ("wait", "sorry", "rather", "should", "but", "actually", "not", "no this", "no it", "in fact",
                    "review", "reflection", "no these", "no| these", "no they", "no| they", "no those", "no| those",
                    "hold", "scratch", "error", "corrected", "changed", "reclassified", "wrong", "hang", "replaced",
                    "hmm", "ah no", "ah| no", "uh no", "uh| no", "um no", "um| no", "er no", "er| no", "oh no",
                    "oh| no")
# every CORRECTION_R6 phrase holds one of these whole words (a set look-up on the text's words); the clinician
# pattern needs a clinician and one of the verbs
CORRECTION_R6_WORDS = frozenset("actually wait correction nope turns makes biopsied wrong mixed turned thinking second "
                                "think look revised read review rereview final withdrawn retracted rescinded "
                                "revoked".split())
CLINICIAN_WORDS = frozenset(CLINICIANS)
CLINICIAN_VERB_WORDS = frozenset(CLINICIAN_VERBS)
# "is this a keloid or a hypertrophic scar ... it's a keloid": the question's other answer is set aside
ALTERNATIVE_QUESTION = re.compile(r"(?<![a-z])(?:is|could|can|was) (?:this|it|that)(?: be)?(?: an?)?[ |]*$")
ALTERNATIVE_ANSWER = re.compile(r"(?<![a-z])(?:it s|it is|this is|that s|that is|so it s)(?: an?| the)?(?: classic)?[ |]*$")
# a name that is a business's ("Acne Studios", "Ringworm Inc.", "the Valley Fever Bar & Grill")
# (round 10: a patients' organisation named after a disease is no finding either: "The Rosacea Society's donation
# page", "the National Psoriasis Foundation")
# (round 13: a support group and a street named after one: "The Acne Support Group meets on Thursdays", "the Wart
# Lane post office")
BUSINESS = re.compile(r"\s+(?:&\s+)?(?:Inc|Ltd|LLC|Corp|Corporation|Co|GmbH|Studios?|Records|Bar|Grill|Cafe|Café|"
                      r"Restaurant|Band|Labs?|Games|Software|Productions|Pictures|Brewing|Brewery|Hotel|Society|"
                      r"Foundation|Association|Trust|Alliance|Support|Lane|Street|Road|Avenue|Hill|Farm|Valley|Park)\b")
BUSINESS_ANY = re.compile(r"\s(?:&\s+)?(?:Inc|Ltd|LLC|Corp|Corporation|Co|GmbH|Studios?|Records|Bar|Grill|"
                          r"Cafe|Café|Restaurant|Band|Labs?|Games|Software|Productions|Pictures|Brewing|Brewery|Hotel|"
                          r"Society|Foundation|Association|Trust|Alliance|Support|Lane|Street|Road|Avenue|Hill|Farm|Valley|Park)\b")
# round 13: a disease name used as another thing's name, in apposition or as the subject of "is the name of" (sets 3, 6,
# 8, 9: "Lupus the constellation ...", "Lupus, the constellation of the wolf", "Tinea is also the genus name of a
# clothes moth", "Impetigo is also the name of an Italian rock band", '"Measles", the nickname of the striker'); a
# surname ("Her surname is Mole")
NAME_OF_AFTER = re.compile(r"['\"\u2019\u201d]?\s*,?\s*(?:(?:is|was)\s+(?:also\s+)?)?the\s+(?:(?:genus|brand|band|street|"
                           r"trade|pet|stage|family)\s+)?(?:nick|sur|first\s+|given\s+)?name\s+of\b|"
                           r"['\"\u2019\u201d]?\s*,?\s*the\s+(?:constellation|wolf|nickname)\b", re.IGNORECASE)
NAME_OF_BEFORE = re.compile(r"(?:surname|nickname|maiden\s+name)\s+(?:is|was)\s+['\"\u2018\u201c]?$", re.IGNORECASE)
NAMING_WORDS = frozenset(("name", "nickname", "surname", "constellation"))
# a dataset's diagnosis-code field: HAM10000 `dx` ("dx: akiec"), PAD-UFES-20 `diagnostic` ("diagnostic: NEV")
CODE_FIELD = re.compile(r"(?<![\w])(dx|diagnostic)\s*:\s*([A-Za-z]+)(?=\s*(?:[,;\n]|$))")
CODE_DATASETS = {"dx": "ham10000", "diagnostic": "pad_ufes_20"}
# round 12: a DDI row's `disease` slug ("squamous-cell-carcinoma-keratoacanthoma", "melanoma-acral-lentiginous") is
# the dataset's own class name: it names one node through DDI's mapping file, not each name its words hold
DDI_SLUG = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
# "disease: scar" in a dataset row names the diagnosis, not a concept of the same words
# "basal cell and squamous cell carcinomas": the words before "and"/"or" share the name's head noun
COORDINATED = re.compile(r"([a-z]+(?: [a-z]+){0,2}) (?:and|or) $")
VIRUS_AFTER = re.compile(r"(?:[ -]+[A-Za-z]+)?[ -]+virus\b", re.IGNORECASE)
LABEL_FIELD_END = re.compile(r"(?:disease|label|diagnosis|diagnostic|dx)\s*[:=]\s*$", re.IGNORECASE)
# catalogue order ("Carcinoma, basal cell, nodular type"): the text cut at its punctuation, linearly
SEGMENTS = re.compile(r"([,()\[\];.:!?\n])")
SEGMENT_END = re.compile(r"[,()\[\];.:!?\n]")
# the delimiters other than "," and "(" read as spaces (byte for byte on the UTF-8 text: same characters, same
# offsets), so that the text cut at "," and "(" gives each such delimiter's segment's last word
_OTHER_DELIMS = ")[];.:!?\n"
OTHER_DELIMS_AS_SPACE = bytes.maketrans(_OTHER_DELIMS.encode(), b" " * len(_OTHER_DELIMS))
INVERTED_COLON = re.compile(r";\s*(?:type|subtype|variant|form)\s*:\s|:\s|\s[-\u2013\u2014]+\s")


QUALIFIER_DASH = re.compile(r"\s+[-\u2013\u2014]+\s+")
# (round 10: "division", as in "Zoster, herpes, ophthalmic division")
QUALIFIER_TAIL_WORDS = ("subtype", "type", "variant", "form", "pattern", "division")  # a text not ending in one: no match
QUALIFIER_TAIL = re.compile(r"\s*\b(?:" + "|".join(QUALIFIER_TAIL_WORDS) + ")$")
EMAIL_HEADER = re.compile(r"(?m)(?:^|[;\n]\s*)(cc|bcc|to|from|subject|re|sent|date)\s*:")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z]{2,}")
HEADER_FIELD = re.compile(r"\s*:")
HEADER_PROSE = re.compile(r"\s+(?:includes?|including|of|significant|notable|remarkable|unremarkable|nil|is|was|shows?|positive|negative|lists?|reveals?|otherwise|x[0-9])\b|\s*[-\u2013\u2014]\s", re.IGNORECASE)
# the UTF-8 text's bytes other than ASCII letters and digits read as spaces: its words are then the runs of
# ASCII letters and digits. An abbreviation candidate (an automaton key, ASCII letters and digits, with no
# letter or digit on either side) is always one of them, so a text whose words hold no key has none.
ALNUM_RUNS = bytes.maketrans(bytes(b for b in range(256) if not (b < 128 and chr(b).isalnum())),
                             b" " * sum(1 for b in range(256) if not (b < 128 and chr(b).isalnum())))
WORDS_RE = re.compile(r"[A-Za-z]+")
DEFINITION_AFTER = re.compile(r"\s*(?:,|:|=|\()\s*")
# a dataset's category columns ("nine_partition_label: malignant melanoma" in a Fitzpatrick17k row) name the
# group the row's label belongs to, not a second finding
CATEGORY_FIELD = re.compile(r"\b\w*partition_label\s*[:=]\s*([^;,\n]*)")
# "I would favour granuloma annulare over tinea": the diagnosis after "over" is the one set aside
FAVOUR_OVER = re.compile(r"(?<![a-z])favou?r(?:s|ed|ing)?(?![a-z])[^.;!?]*?(?<![a-z])over(?![a-z])")
# round 17: a test still to settle it keeps the alternative open ("I favour X over Y, but excision will settle it")
STILL_OPEN = re.compile(r"(?<![a-z])(?:will|would|should|could|can|may|might)[ |]+(?:settle|decide|tell|sort)(?![a-z])")
# round 11: "Not every scaly patch is psoriasis", "not all blisters are pemphigoid": the name after the copula is
# the one denied (a pre-trigger's scope stops at the first finding, "scaly")
NOT_EVERY = re.compile(r"(?<![a-z])not[ |]+(?:every|all|each)[ |]+(?:[a-z]+[ |]+){0,4}?(?:is|are)[ |]+(?:an?[ |]+)?$")
# round 12: what a named diagnosis mimics is ruled out by it ("sarcoidosis mimicking rosacea", "amelanotic melanoma
# masquerading as a pyogenic granuloma", "... mimicking erythema multiforme; final diagnosis Stevens-Johnson
# syndrome"); with no other diagnosis asserted the mimicked one stays a guess ("a lesion mimicking a naevus")
MIMIC_BEFORE = re.compile(r"(?<![a-z])(?:mimick?(?:ing|s|ed)?|masquerad(?:ing|es|ed)[ |]+as|simulat(?:ing|es|ed))"
                          # round 19: not over punctuation: in a title's "A pyoderma gangrenosum mimic: cutaneous
                          # anthrax" the noun's colon brings the answer, and the name before "mimic" is the mimicked
                          r"(?:[ ]+(?:an?|the))?[ ]*$")
# round 12: a second option offered after a hedged first one ("this could be a cold sore; could also be impetigo")
# makes the pair a differential: neither is the diagnosis the text gives
ALSO_BE = re.compile(r"(?<![a-z])(?:could|might|may)[ |]+(?:also|equally)[ |]+be(?:[ |]+(?:an?|the))?[ |]*$")
# round 11: a quoted name corrected in the same breath ("the 'lipoma' is an angiolipoma on histology")
QUOTED_IS = re.compile(r"['\"\u2019\u201d]\s*(?:is|was)\s+(?:in fact\s+|actually\s+|really\s+)?(?:an?\s+)?")
# a site after a condition's name: "on the soles", "of both palms", "on the soles of her feet"; round 12: one sole
# too, and the ball or underside of a foot ("a verruca under his foot", "on the ball of the foot", "under the big toe
# pad": sets 4-8 read these as plantar warts; the first tuning set read "a verruca on the sole of my foot" as a viral
# wart, left behind)
SITE_AFTER = re.compile(r"\s+(?:(?:on|of|over|affecting|involving)\s+(?:the\s+|both\s+|his\s+|her\s+|my\s+|their\s+)?"
                        r"(palms|soles|sole(?=\s+of\b)|ball\s+of\s+(?:the|his|her|my|their)\s+foot)|"
                        r"(under\s+(?:the|his|her|my|their)\s+(?:foot|feet|heel|big\s+toe\s+pad|toe\s+pad)))\b",
                        re.IGNORECASE)
# round 12: other sites with a subtype of their own ("lichen planus of the oral mucosa", "LP of the nails", "psoriasis of
# the scalp", "dermatitis of eyelid"): the name read with the site's adjective, where the lexicon knows that name
SITE_OF = re.compile(r"\s+(?:of|affecting|involving)\s+(?:the\s+|both\s+|his\s+|her\s+|my\s+|their\s+)?"
                     r"(nails?|fingernails?|toenails?|oral\s+mucosa|buccal\s+mucosa|mouth|scalp|eyelids?|genitals?|"
                     r"genitalia)\b", re.IGNORECASE)
# the words `SITE_AFTER` and `SITE_OF` need ("palm" is looked for as a part of a word: "palmar", "palmoplantar")
SITE_SUBTYPE_WORDS = frozenset("sole soles foot feet heel pad nail nails fingernail fingernails toenail toenails mucosa "
                               "mouth scalp eyelid eyelids genital genitals genitalia".split())
SITE_OF_ADJ = {"nail": "nail", "fing": "nail", "toen": "nail", "oral": "oral", "bucc": "oral", "mout": "oral",
               "scal": "scalp", "eyel": "eyelid", "geni": "genital"}
# a dataset's metadata row as the raw CSV line: HAM10000 ("HAM_0001234,ISIC_0012345,df,histo,..."),
# PAD-UFES-20 ("PAT_123,456,False,..."), Fitzpatrick17k (an md5 hash, then two scale columns)
CSV_ROW = re.compile(r"\s*(?:(HAM_\d+,ISIC_\d+,)|(PAT_\d+,\d+,)|([0-9a-f]{32},-?\d+,-?\d+,))")
# round 13: the name alone is the question, at a sentence start ("Lichen planus? No, the botanist meant a lichen",
# "Fish tank granuloma? No, this is just a photo of the aquarium"; sets 1-7 had "is this X? no, ...")
BARE_QUESTION = re.compile(r"(?:^|[.!?;:\n])[\s'\"\u2018\u201c]*$")
EITHER_START = re.compile(r"(?:^|\|[ |]*)either[ |]+(?:an?[ |]+)?")
ANSWER_GAP = re.compile(r"[\s:,.\-\u2013\u2014]*(?:(?:it s|it's|it is|this is|that's|that is|these are|they're|they are|"
                        r"an?|the|just|actually|rather|in fact)\s+)*", re.IGNORECASE)
QUESTION_NO = re.compile(r"\?\s*(?:(?:hmm+|um+|uh+|er|well|oh)[,.]?\s+)*"
                         # round 17: the patient's answer reported ("Psoriasis in the past? He says never")
                         r"(?:(?:he|she|they|the patient|patient|mum|mother|dad|father)\s+(?:says|said|answers|answered)\s+)?"
                         r"(?:no|nope|nah|never)\b[,.!]?", re.IGNORECASE)
# round 17: what may stand between the name asked about and its "?" ("Psoriasis in the past?", "Eczema before?")
ASKED_TAIL = re.compile(r"\s*(?:(?:in the past|before|ever|at all|previously|as a child)\s*)?")
# a case's background, then what the patient presents with now: "a woman with known SLE presented with ...
# subacute cutaneous lupus", "a boy with atopic dermatitis developed ... eczema herpeticum", "had a melanoma
# excised in 2015 and today we're looking at ... a seborrheic keratosis"; not "psoriasis presenting as ..."
PRESENT_NOW = re.compile(r"(?<![a-z])(?:presented|presents|presenting|developed|develops|today|now presents|"
                         r"now has|now shows|(?:had|has)[ |]+(?:a[ |]+)?new)(?![a-z])"
                         r"(?![ |]+(?:as|in|on|within|from|after|at)(?![a-z]))")
# round 7: clinic-note headers that are also a condition's abbreviation ("PMH: HS, T2DM" is past medical
# history, not progressive macular hypomelanosis)
CLINIC_HEADERS = frozenset(("PMH", "PSH", "FH", "SH", "DH", "HPC", "PC", "ROS"))
# round 7: a SCIN row's labellers' answers ("weighted_skin_condition_label: {'Tinea': 0.6, 'Eczema': 0.4}",
# "dermatologist_skin_condition_on_label_name: ['Herpes Simplex', 'Impetigo']"): the first / highest-weighted
# is the dataset's label, the others are alternatives (uncertain)
SCIN_FIELD = re.compile(r"(?:weighted_skin_condition_label|dermatologist_skin_condition_on_label_name)['\"]?\s*[:=]\s*"
                        r"[{\[]([^}\]]*)[}\]]")
# round 14: the same item in JSON's double quotes ({"Granuloma annulare": 0.67, "Tinea": 0.33}); and any braced dict of
# two or more labels with weights, whatever its field is called ("SCIN labels {'Tinea Versicolor': 0.67, 'Tinea':
# 0.33}"): a model's or labellers' weighted answers, the top one the label, the others alternatives
SCIN_ITEM = re.compile(r"'([^']*)'(?:\s*:\s*([0-9.]+))?|\"([^\"]*)\"(?:\s*:\s*([0-9.]+))?")
WEIGHTED_DICT = re.compile(r"\{((?:\s*(?:'[^'{}]+'|\"[^\"{}]+\")\s*:\s*[0-9.]+\s*,?){2,})\}")
# an ISIC row's diagnosis hierarchy ("diagnosis_1: Malignant, diagnosis_3: Melanoma Invasive, diagnosis_4:
# Melanoma Invasive, Superficial spreading"): the deepest level given is the diagnosis, the others its parents
ISIC_LEVEL = re.compile(r"(?<![\w])diagnosis(?:_(\d))?\s*:\s*")
# (round 7: "for", a treatment's indication: "on minocycline for acne developed blue-grey pigmentation")
# round 7: a body site is metadata (`body_sites.yaml`), not a distribution concept, when it is one lesion's site
# ("a nevus on the back", "MIS R upper back", "localization: back"); an eruption spread over a region that is a
# distribution's own region is that distribution ("a pink rash on her trunk", "papules in both armpits and
# groins", "crusts around the nose"). Looked for only where an eruption word and a region word both occur.
ERUPTION_WORDS = frozenset((
    "rash", "rashes", "eruption", "eruptions", "patches", "papules", "plaques", "macules", "vesicles", "pustules",
    "nodules", "wheals", "welts", "hives", "lesions", "spots", "bumps", "blisters", "scales", "erosions", "crusts",
    "eczema", "dermatitis", "freckling", "comedones", "sores", "blistering"))
REGION_WORDS = frozenset(("trunk", "torso", "chest", "back", "tummy", "abdomen", "armpits", "axillae", "groins",
                          "groin", "flexures", "nose", "mouth", "nostrils", "eyes"))
_DET = r"(?:(?:the|her|his|my|their|both|its|your)[ |]+)?(?:(?:upper|lower|whole|entire)[ |]+)?"
SITE_DISTRIBUTION = (
    (re.compile(r"(?<![a-z])(?:on|over|across|all[ |]+over)[ |]+" + _DET + r"(?:trunk|torso|chest|back|tummy|abdomen)"
                r"(?![a-z])(?![ |]+of(?![a-z]))"), "truncal"),
    (re.compile(r"(?<![a-z])(?:in|on|of)[ |]+" + _DET + r"(?:armpits|axillae|groins?|flexures|armpits[ |]+and[ |]+groins?)"
                r"(?![a-z])"), "flexural"),
    (re.compile(r"(?<![a-z])around[ |]+" + _DET + r"(?:nose|mouth|nostrils|eyes)(?![a-z])"), "periorificial"),
)
# round 10: a named site gives its distribution concept, as sets 4-7 annotate it (their READMEs: chest / back /
# trunk / flank / lumbar area: truncal; toes: acral, fingers not; heel, plantar skin: palmoplantar; armpits, groin,
# neck folds: flexural; eyelids, canthi, corners of the mouth, nostrils: periorificial; tongue, palate, buccal
# mucosa: mucosal involvement), also for one lesion's site ("a DN on the back", "localization: trunk"). Not: a
# header-less CSV row's site column, an excised lesion's old site ("removed from my back"), "back" as an adverb
# ("came back", "back from"; a site "back" follows a determiner, preposition, side or field name), "the back of the
# hand / neck", a chest radiograph, a bathing-trunk or nerve trunk; and only beside another finding of the text.
_SIDE = r"(?:(?:upper|lower|mid|left|right|l|r|whole|entire|both|anterior|posterior|central)[ |]+)?"
SITE_CONCEPT = (
    (re.compile(r"(?<![a-z])(?:(?:on|over|across|of|to|at|in|her|his|my|their|the|your|a|localization|location|"
                r"site|region|and|tanned)[ |]+" + _SIDE + r"back(?![a-z])(?![ |]+(?:of|from|to|in|then|home|up|down)(?![a-z]))|"
                r"(?<=\|)[ ]*" + _SIDE + r"back(?=\||$)|(?:upper|lower|mid)[ |]+back(?![a-z])|"
                r"(?<!from[ |]the[ |])" + _SIDE + r"(?:chest|trunk|flanks?|lumbar|scapula|scapular|ribs)(?![a-z])"
                r"(?![ |]+(?:x|xray|radiograph|radiography|ct|wall|pain|film|tube|drain|infection|compressions?)(?![a-z])))"),
     "truncal", frozenset(("back", "chest", "trunk", "flank", "flanks", "lumbar", "scapula", "scapular", "ribs"))),
    (re.compile(r"(?<![a-z])(?:toes?|toe[ |]+webs?)(?![a-z])"), "acral", frozenset(("toe", "toes"))),
    (re.compile(r"(?<![a-z])(?:heels?|plantar|ball[ |]+of[ |]+the[ |]+foot|toe[ |]+pad)(?![a-z])"), "palmoplantar",
     frozenset(("heel", "heels", "plantar", "foot", "pad"))),
    # round 13: a palm named as the site (sets 2-9 read "on the palms" so; set 9 metadata: "Palmar warts", "Itchy palm",
    # "body_site: palm", "on the left palm"); not a palm tree nor "incising the palm" (set 6)
    (re.compile(r"(?<![a-z])(?:(?:(?:on|over|of|across|to|in|site|location|localization)[ |]+(?:(?:the|her|his|my|their|your|"
                r"both|a|one)[ |]+)?(?:(?:left|right)[ |]+)?|(?:left|right|both)[ |]+)palms?|palmar)(?![a-z])"
                r"(?![ |]+(?:trees?|oil|sunday|springs|beach|fronds?|leaves|reading)(?![a-z]))"), "palmoplantar",
     frozenset(("palm", "palms", "palmar"))),
    (re.compile(r"(?<![a-z])(?:armpits?|axillae|axilla|groins?|neck[ |]+folds|antecubital[ |]+fossae?|inframammary|"
                r"under[ |]+the[ |]+breasts)(?![a-z])"), "flexural",
     frozenset(("armpit", "armpits", "axilla", "axillae", "groin", "groins", "folds", "antecubital", "inframammary",
                "breasts"))),
    (re.compile(r"(?<![a-z])(?:eyelids?|canthus|canthi|corners?[ |]+of[ |]+(?:the|her|his|my|their)[ |]+mouth|"
                r"nostrils?|under[ |]+(?:the|her|his|my|their)[ |]+eyes)(?![a-z])"), "periorificial",
     frozenset(("eyelid", "eyelids", "canthus", "canthi", "mouth", "nostril", "nostrils", "eyes"))),
    (re.compile(r"(?<![a-z])(?:tongue|palate|buccal|inside[ |]+(?:the|her|his|my|their)[ |]+cheeks|"
                r"in[ |]+(?:the|her|his|my|their)[ |]+mouth|mouth[ |]+(?:erosions|ulcers|sores)|mucosae?|"
                r"mucosal[ |]+erosions)(?![a-z])"), "mucosal-involvement",
     frozenset(("tongue", "palate", "buccal", "cheeks", "mouth", "mucosa", "mucosae", "mucosal"))),
)
# round 10: one side of the body is unilateral, and a band of blisters there is dermatomal (sets 4-7: "a band on one
# side of the trunk: dermatomal + unilateral")
UNILATERAL = re.compile(r"(?<![a-z])(?:one[ |]+side|one[ |]+sided|(?:left|right)[ |]+side[ |]+of|side[ |]+only)(?![a-z])")
# ... and a band of blisters "on the left chest" (one lesion "on the left flank" is not unilateral)
UNILATERAL_BAND = re.compile(r"(?<![a-z])(?:on|of|over)[ |]+(?:the|my|his|her|their)[ |]+(?:left|right)[ |]+(?:chest|back|"
                             r"flank|side|abdomen|forehead|face|trunk|buttock|thigh)(?![a-z])")
BAND_OF = re.compile(r"(?<![a-z])(?:band|strip|stripe)[ |]+of[ |]+(?:[a-z]+[ |]+)?(?:blisters|vesicles|spots|papules|"
                     r"rash|lesions|sores)(?![a-z])")
SIDE_WORDS = frozenset(("side", "sided", "left", "right"))
SITE_CONCEPT_WORDS = frozenset((
    "back", "chest", "trunk", "flank", "flanks", "lumbar", "scapula", "scapular", "ribs", "toe", "toes", "heel", "heels",
    "plantar", "foot", "armpit", "armpits", "axilla", "axillae", "groin", "groins", "folds", "antecubital",
    "inframammary", "breasts", "eyelid", "eyelids", "canthus", "canthi", "mouth", "nostril", "nostrils", "eyes",
    "tongue", "palate", "buccal", "cheeks", "mucosa", "mucosae", "mucosal", "ring", "rings", "side", "sided", "left", "right",
    "palm", "palms", "palmar"))
# round 10: a ring that is the lesion is annular ("a red ring on my arm", "a ring of skin coloured papules",
# "expanding pink rings"); not a ring around something ("a white ring around the mole", "a lilac ring around it",
# "target lesions, three rings") nor a ring outside skin (read only beside another finding)
RING = re.compile(r"(?<![a-z])rings?(?![a-z])(?!(?:[ |]+[a-z]+){0,3}[ |]+a?round(?![a-z]))"
                  r"(?![ |]+(?:fingers?|road|binder|tone|fenced?|side|leader|master|lights?|block|flash|size)(?![a-z]))")
RING_NOT_BEFORE = re.compile(r"(?:lilac|violet|violaceous|white|pale|depigmented|two|three|concentric|by[ |]+a)[ |]+$")
SITE_NOT_BEFORE = re.compile(r"(?:bathing|sympathetic|nerve|brachiocephalic|coeliac|celiac|pulmonary|arterial|"
                             r"came|come|comes|coming|went|go|going|get|got|grow|grew|welcome|from)[ |]+(?:(?:the|her|his|my|their)[ |]+)?$")
# round 8: a name followed by "is on the next slide" / "was the previous slide" is another picture's, not this
# one's ("no sorry, that's the blue nevus, the melanoma is on the next slide")
ELSEWHERE = re.compile(r"[ |]+(?:(?:(?:is|was|s|are|were)[ |]+(?:on[ |]+)?|from[ |]+)the[ |]+(?:next|previous|last|other|following|"
                       r"earlier)[ |]+(?:slide|picture|image|photo|one|case|patient)|(?:slide|picture|image|photo)[ |]+"
                       r"(?:is|was)[ |]+missing)(?![a-z])")
# round 16: "that's the amelanotic melanoma from the next case": named, but another case's
ELSEWHERE_WORDS = frozenset(("slide", "picture", "image", "photo", "case", "patient"))
# round 9: a disease inside a score's or instrument's name is no finding ("Eczema Area and Severity Index",
# "Pemphigus Disease Area Index", "urticaria activity score", "Severity of Alopecia Tool", "minimal erythema dose")
SCORE_NAME = re.compile(r"[ |]+(?:disease[ |]+)?(?:area[ |]+(?:and[ |]+)?severity[ |]+index|area[ |]+index|"
                        r"(?:activity|severity|symptom)[ |]+(?:score|index|scale)|dose|tool)(?![a-z])")
SCORE_WORDS = frozenset(("index", "score", "scale", "dose", "tool"))  # every SCORE_NAME ends in one of these
# round 9: a sentence that defines a disease or states an association in general, the disease its subject
# ("Hidradenitis suppurativa (HS) is a chronic ...", "Mycosis fungoides (MF) is the most common form of ...",
# "Alopecia areata (AA) has long been associated with ...", "Atopic eczema, psoriasis and HS are weakly associated
# with ..."): no finding, each condition of that sentence is uncertain (a general statement). Written prose only
# (the sentence opens with a capital), no title or "Background:" heading (no ":"), and a bare "X is a ..." only
# with X's abbreviation in brackets (a definition's form)
GENERAL = re.compile(r"(?P<abbr>[ |]+[a-z0-9]{1,8})?[ |]+(?:(?:is|are)[ |]+(?:(?P<plain>a|an)|the[ |]+most[ |]+common|defined[ |]+as|"
                     r"characteri[sz]ed[ |]+by|(?:(?:weakly|strongly|significantly|frequently|often|commonly)[ |]+)?"
                     r"associated[ |]+with)|(?:has|have)[ |]+(?:long[ |]+)?been[ |]+associated[ |]+with)(?![a-z])")
GENERAL_WORDS = frozenset(("is", "are", "been"))
# round 14: a sentence that states what is known of a disease in general, not a finding (ConText's "generic"
# trigger with sentence scope: "X is one of the most common ...", "As the most common human cancer, BCC ...",
# "Little is known about ... in psoriasis", "... drivers of melanoma progression are still not clear", "The
# association between X and Y is yet to be investigated", "... is higher than in the general population"):
# its conditions are uncertain (no label), unless the sentence is about a case ("a 50-year-old woman", "our
# patient", "we report"). Written prose only (opens with a capital, no field ":").
GENERIC_SENTENCE = re.compile(r"(?<![a-z])(?:most[ |]+common|little[ |]+is[ |]+known|(?:is|are|remains?)[ |]+(?:still[ |]+)?"
                              r"(?:not[ |]+(?:yet[ |]+)?(?:clear|known|fully[ |]+understood|well[ |]+understood|"
                              r"completely[ |]+understood)|unclear|unknown|poorly[ |]+understood|elusive)|"
                              r"(?:is|are|remains?)[ |]+yet[ |]+to[ |]+be[ |]+(?:investigated|determined|elucidated|"
                              r"established|explored|clarified)|(?:in|than)[ |]+(?:in[ |]+)?the[ |]+general[ |]+population)(?![a-z])")
GENERIC_SENTENCE_WORDS = frozenset(("such", "common", "known", "understood", "unclear", "unknown", "elusive", "population",
                                    "clear", "investigated", "determined", "elucidated", "established", "explored",
                                    "clarified"))
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
    r"grandfather|neighbour|neighbor|guy|colleague|boss|flatmate|roommate|teacher|coach|trainer|cousin|in[ |]+law)"
    r"(?:[ |]+(?:at|from|in|who)(?:[ |]+[a-z]+){1,3}?)?"
    # round 16: an apposition between ("My neighbour, a retired midwife, is sure it's impetigo")
    r"(?:[ |]*\|[ |]*(?:an?|the)[ |]+(?:[a-z]+[ |]+){0,2}?[a-z]+[ |]*\|)?"
    r"[ |]+(?:thinks|reckons|reckoned|says|keeps[ |]+saying|"
    r"kept[ |]+saying|is[ |]+convinced|was[ |]+convinced|is[ |]+sure|was[ |]+sure|"
    r"swears|swore|believes|insists|insisted)(?![a-z])"
    # round 16: the writer's own certainty ("I'm convinced this lump on my back is a lipoma", "Honestly convinced I
    # have scabies"), and a lay person's second verb ("my boyfriend has red scaly patches ... and insists it's dandruff")
    r"|(?<![a-z])(?:i[ |]+m|im|i[ |]+am|honestly|i[ |]+was|i[ |]+ve[ |]+been)[ |]+convinced(?![a-z])"
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
FEAR_WORDS = frozenset(("terrified", "scared", "worried", "afraid", "frightened", "petrified", "paranoid"))
LAY_BELIEF_WORDS = frozenset(("thinks", "suspects", "reckons", "reckoned", "says", "saying", "convinced", "sure", "swears", "swore",
                              "believes", "insists", "insisted", "reckon", "swear"))
BELIEF_OR_FEAR_WORDS = LAY_BELIEF_WORDS | FEAR_WORDS
# round 16: a clinician's answer after a lay belief ("My wife was sure the ring on my wrist was a fungal infection; the
# skin specialist called it granuloma annulare"): the guess is set aside when the answer names another diagnosis
CLINICIAN_ANSWER = re.compile(r"(?:(?<![a-z])(?:the|my|our|his|her|a)[ |]+(?:[a-z]+[ |]+){0,2}?"
                              # round 17: or no determiner, right after a comma ("..., skin specialist says ..."): a
                              # start that fails fast everywhere else (the search runs over every lay belief's clause)
                              r"|(?<=\|)[ ]*(?:[a-z]+[ ]+)?)(?:" + "|".join(CLINICIANS)
                              # round 17: a walk-in centre or a surgery, and what it did before it named it ("but the
                              # walk-in centre drained it and called it an abscess", "skin specialist says ...")
                              + r"|clinic|hospital|centre|center|surgery|practice|department)"
                              r"(?:[ |]+(?:[a-z]+[ |]+){1,3}?and)?[ |]+(?:says|said|called it|called them|calls it|diagnosed|"
                              # round 17: a clinician's own view answers a lay certainty too ("My wife is convinced
                              # it's a spider bite; the GP thinks it's more likely a boil")
                              r"thinks|suspects|"
                              r"confirmed|told (?:me|us|her|him))(?![a-z])")
# a clinician's belief, the same clause scope: a hedge, which the label may take ("my GP thinks the ring on my arm is
# ringworm"); what a clinician "says" or "said" is their diagnosis, reported (asserted)
CLINICIAN_BELIEF = re.compile(r"(?<![a-z])(?:gp|doctor|dr|doc|dermatologist|derm|consultant|paediatrician|pediatrician|"
                              r"registrar|specialist|physician)[ |]+(?:thinks|suspects|reckons)(?![a-z])")
LAY_BELIEF_AFTER_BUT = re.compile(r"(?<![a-z])but[ |]+$")
LAY_BELIEF_END = re.compile(r"(?<![a-z])but(?![a-z])|[;]")
# round 16: a record's earlier name and its new one ("Label changed by curator: was 'melanoma', now 'seborrheic
# keratosis'", "formerly eczema, now psoriasis"): the earlier one is set aside
WAS_BEFORE = re.compile(r"(?<![a-z])(?:was|formerly|previously|originally|old label|previous label)[ |]+"
                        r"(?:(?:labelled|labeled|called|diagnosed as|coded as|filed as|listed as|keyed as)[ |]+)?"
                        r"(?:an?[ |]+)?[ |]*$")
NOW_AFTER = re.compile(r"[ |]*(?:now|is now|now reads|now called|now labelled|now labeled)[ |]+(?:an?[ |]+)?[ |]*")
# round 16: a spoken correction that gives only the new modifier ("a junctional naevus no sorry compound", "superficial
# BCC, sorry, nodular"): the modifier with the corrected name's head names the new diagnosis
CORRECTED_MODIFIER = re.compile(r"[ |]+(?:no[ |]+)?(?:sorry|no[ |]+wait|wait|i[ |]+mean|or[ |]+rather|rather)[ |]+"
                                r"(?:(?:no|not)[ |]+)?([a-z]+)(?![a-z])")
CORRECTED_MODIFIER_WORDS = frozenset(("sorry", "wait", "mean", "rather"))
# round 16: a relative's condition in the present, in a third person's account ("Her father and two brothers have
# psoriasis; she has ..."): ConText's other experiencer. Not the writer's own relative ("my grandmother has liver
# spots" is often the pictured patient: `context.RELATIVE_VERBS` keeps past forms only)
_REL = (r"(?:mother|father|mum|mom|dad|sisters?|brothers?|aunt|uncle|grandmother|grandfather|grandma|grandpa|cousins?|"
        r"parents|siblings?|twin)")
RELATIVE_HAS = re.compile(r"(?<![a-z])(?:her|his|their|the[ |]+patient[ |]+s|patient[ |]+s)[ |]+" + _REL
                          + r"(?:[ |]+(?:and|or)[ |]+(?:(?:two|three|four|both|her|his|their|a|an)[ |]+)?" + _REL + r")?"
                          r"[ |]+(?:both[ |]+|also[ |]+|all[ |]+)?(?:has|have|gets|get|suffers[ |]+from|suffer[ |]+from)"
                          r"(?![a-z])")
RELATIVE_WORDS = frozenset(("mother", "father", "mum", "mom", "dad", "sister", "sisters", "brother", "brothers", "aunt",
                            "uncle", "grandmother", "grandfather", "grandma", "grandpa", "cousin", "cousins", "parents",
                            "sibling", "siblings", "twin"))
# round 16: a new or different lesion now ("Had shingles back in 2019; now I've got a totally different itchy rash",
# "I've had psoriasis since I was 12 and now there's a new weird rash"): what was named before it is background
NEW_NOW = re.compile(r"(?<![a-z])now[ |]+(?:there[ |]+s|there[ |]+is|i[ |]+ve[ |]+got|i[ |]+have[ |]+got|i[ |]+have|"
                     r"i[ |]+ve|i[ |]+got|she[ |]+has|he[ |]+has|she[ |]+s[ |]+got|he[ |]+s[ |]+got|has|have|with)[ |]+"
                     r"(?:(?:a|an|some|this|these)[ |]+)?(?:[a-z]+[ |]+){0,3}?(?:new|different|another|second)(?![a-z])")
NEW_NOW_WORDS = frozenset(("new", "different", "another", "second"))
# round 17: the same without "now" ("I've had psoriasis since my twenties but this new rash in my armpits is different")
NEW_BUT = re.compile(r"(?<![a-z])but[ |]+(?:this|the|these|a)[ |]+(?:[a-z]+[ |]+){0,2}?(?:new|different)(?![a-z])")

# round 24: the lesion words after a sign adjective that still only describe ("an itchy urticarial rash on the trunk;
# bullous pemphigoid is suspected")
SIGN_HEADS = ("rash", "eruption", "plaques", "plaque", "papules", "lesions", "base", "erythema")
# round 24: a question answered after it ("Is this psoriasis? The nail pitting and the scalp plaques say yes.", "...
# whether this is pemphigus, and the answer from the immunofluorescence is no")
ANSWERED_YES = re.compile(r"[ |]*(?:(?:yes|yep|yeah)(?![a-z])|(?:[a-z]+[ |]+){1,8}?(?:say|says|said)[ |]+yes(?![a-z])|"
                          r"(?:[a-z]+[ |]+){0,6}?answer[ |]+(?:is|was)[ |]+yes(?![a-z]))")
ANSWERED_NO = re.compile(r"[ |]+(?:and[ |]+)?the[ |]+answer(?:[ |]+[a-z]+){0,5}?[ |]+(?:is|was)[ |]+no(?![a-z])")
NOT_BEFORE = re.compile(r"(?<![a-z])not[ |]+(?:(?:an?|the)[ |]+)?$")
SYNDROME_COMPOUND_AFTER = re.compile(r"(?:-[A-Za-z]+)*(?:\s+(?:totalis|type|congenita))?\s+syndrome\b", re.IGNORECASE)
OVERLAP_AFTER = re.compile(r"\s+overlap\b", re.IGNORECASE)
OVERLAP_JOIN = re.compile(r"(?:-|/|\s+and\s+|\s*-\s*)$")
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
# round 24: a field change beside the lesion ("Query SCC; actinic cheilitis across the rest of the lip"): background
REST_OF_AFTER = re.compile(r"[ |]+(?:across|over|on|in|along|throughout)[ |]+(?:all[ |]+of[ |]+)?the[ |]+rest[ |]+of(?![a-z])")
# round 24: a qualifier parted from its head by a filler (`Tagger._qualified_heads`: "atrophic cutaneous scars")
QUALIFIER_FILLERS = frozenset(("cutaneous", "skin", "dermal", "facial", "small", "multiple", "several", "widespread",
                               "old", "shallow", "tiny", "numerous", "scattered"))
QUALIFIER_BEFORE = re.compile(r"(?<![a-z])([a-z]+)[ ]+(?:(?:cutaneous|skin|dermal|facial|small|multiple|several|widespread|"
                              r"old|shallow|tiny|numerous|scattered)[ ]+){1,2}$")
# (not a range or a pair of qualifiers: "Mild to Severe Facial Acne" is no severe acne)
QUALIFIER_RANGE = re.compile(r"(?<![a-z])(?:to|or)[ ]+$")
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
                           r"then[ |]+(?:the[ |]+)?[a-z]+[ |]+(?:said|says|diagnosed|confirmed|told us))(?![a-z])")
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
                                 "biopsy", "then", "upgraded", "downgraded", "reclassified", "revised", "review", "final"))
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
# round 16: a conclusion's frame before the last diagnosis named: a caption's "findings, consistent with Y", a
# speaker's "so it's Y", a case's "confirming Y" / "final diagnosis Y"
CONCLUSION_BEFORE = re.compile(r"(?<![a-z])(?:consistent[ |]+with|in[ |]+keeping[ |]+with|compatible[ |]+with|suggestive[ |]+of|"
                               r"typical[ |]+of|diagnostic[ |]+of|characteristic[ |]+of|so[ |]+it[ |]+s|so[ |]+its|"
                               r"so[ |]+this[ |]+is|so[ |]+that[ |]+s|so[ |]+thats|(?:which[ |]+)?(?:makes|would[ |]+make)[ |]+(?:it|this)|"
                               r"final[ |]+diagnosis(?:[ |]+(?:was|is|of))?|confirming|"
                               # round 19: a restatement names what was described ("ringworm altered by steroid, i.e.
                               # tinea incognito", "namely a pyogenic granuloma")
                               r"i[ |]+e|ie|namely|in[ |]+other[ |]+words|"
                               # round 19: a diagnosis reached after the findings ("hepatitis C serology led to a
                               # diagnosis of cryoglobulinaemic vasculitis", "... and a diagnosis of IgA vasculitis was
                               # made"); what the described lesion is most likely ("eyelid dermatitis after a new mascara
                               # is most likely allergic contact dermatitis")
                               r"(?:led|leading|lead|leads)[ |]+to[ |]+(?:a|the)[ |]+diagnosis[ |]+of|"
                               r"(?:made|established|reached)[ |]+(?:a|the)[ |]+diagnosis[ |]+of|and[ |]+a[ |]+diagnosis[ |]+of|"
                               r"(?:is|are)[ |]+(?:most[ |]+likely|probably|likely)|"
                               # round 17: a test's verdict ("curettage confirmed molluscum contagiosum", "the biopsy
                               # showed dermatitis herpetiformis")
                               r"(?:biopsy|histology|histopathology|pathology|curettage|excision|culture|swab|scrapings?|"
                               r"pcr|dif|serology|dermoscopy|trichoscopy|microscopy)[ |]+(?:[a-z]+[ |]+)?"
                               r"(?:confirmed|confirms|showed|shows|revealed|reveals|grew))"
                               r"(?:[ |]+(?:an?|the))?[ |]*$")
CONCLUSION_WORDS = frozenset(("consistent", "keeping", "compatible", "suggestive", "typical", "diagnostic",
                              "characteristic", "so", "makes", "make", "final", "confirming", "e", "ie", "namely",
                              "words", "led", "leading", "lead", "leads", "made", "established", "reached", "likely",
                              "probably"))
# round 17: a test's verdict is a conclusion too: looked for only where a verdict's verb and a test's word both occur
VERDICT_VERBS = frozenset(("confirmed", "confirms", "revealed", "reveals", "grew", "showed", "shows"))
VERDICT_TESTS = frozenset(("biopsy", "histology", "histopathology", "pathology", "curettage", "excision", "culture",
                           "swab", "scraping", "scrapings", "pcr", "dif", "serology", "dermoscopy", "trichoscopy",
                           "microscopy"))
# round 17: a condition named as the ground of another lesion: after a preposition of place or sequence and a
# possessive or "the" ("punched-out erosions over the atopic eczema", "on top of her eczema", "after her cold sore")
GROUND_BEFORE = re.compile(r"(?<![a-z])(?:over|after|on[ |]+top[ |]+of|superimposed[ |]+on|complicating)[ |]+"
                           r"(?:her|his|their|my|your|the|its)[ |]+(?:(?:known|underlying|pre[ |]+existing|existing|"
                           r"usual|longstanding|long[ |]+standing)[ |]+)?$")
# round 19: ... or a cause named right after a bare "after" ("oral erosions after herpes labialis: erythema multiforme",
# "target lesions after herpes labialis"): the text before the name ends in this (a plain string test, no regex)
GROUND_AFTER = "after "
# ... or as the patient's known condition ("Pt with SLE, new DLE lesions on scalp", "a 4-year-old with atopic
# dermatitis; curettage confirmed molluscum contagiosum")
GROUND_PATIENT = re.compile(r"(?<![a-z])(?:pt|patient|man|woman|boy|girl|child|toddler|infant|baby|old|lady|gentleman)[ ]+"
                            r"(?:with|known[ |]+to[ |]+have)[ |]+(?:(?:known|longstanding|long[ |]+standing|"
                            r"background|chronic|treated|stable)[ |]+)?$")
GROUND_PLACE_WORDS = frozenset(("over", "after", "top", "superimposed", "complicating"))
GROUND_PERSON_WORDS = frozenset(("pt", "patient", "man", "woman", "boy", "girl", "child", "toddler", "infant", "baby",
                                 "old", "lady", "gentleman"))
# one look over the whole text before any name's own look (most texts with "with" or "over" have neither cue)
GROUND_ANY = re.compile(r"(?<![a-z])(?:(?:over|after|top[ |]+of|superimposed[ |]+on|complicating)[ |]+(?:her|his|their|my|"
                        r"your|the|its)|(?:pt|patient|man|woman|boy|girl|child|toddler|infant|baby|old|lady|gentleman)[ ]+"
                        r"(?:with|known))[ |]")
# round 22: a clinic note's known condition opening a clause ("Known HS, now on adalimumab; new BCC on nose", "Known AD
# since infancy, now flare with EH"): the ground of what is new; alone it is still the label ("Known PPP on both soles")
# `_not_kind`: "so it is not arterial." (an adjective alone, then the clause ends)
NOT_KIND = re.compile(r" not ([a-z]{4,})[ ]*(?:\||$)")
NOT_KIND_COPULA = (" is", " are", " was", " were", " s")
# a catalogue's heading opening its sentence ("Melanocytic nevi. Includes: ..."), not prose ("The evidence includes: ...")
INCLUDES_HEADING = re.compile(r"(?:^|[.;]\s+)Includes\s*:")
KNOWN_BEFORE = re.compile(r"(?:^|\|)[ |]*known[ |]+$")
# round 23: a disease catalogue's entry, "NAME: DEFINITION" ("Hypotrichosis 14: A form of hypotrichosis, a condition
# characterized by ...", "Naxos disease: An autosomal recessive disorder characterized by ... palmoplantar keratoderma"):
# the entry is about its subject. The label comes from the name when a condition opens it (not one that opens a
# syndrome's name or a comparison: "Alopecia-intellectual disability syndrome", "Pseudoxanthoma elasticum-like
# disorder"), else from the class the definition first puts it in ("A form of X", "A congenital X characterized by");
# the features the definition lists are asserted, never the label (a feature is not the diagnosis). A capitalised
# name of at most 150 characters without a sentence stop, then a definition that opens like one and names its class.
DEFINITION_ROW = re.compile(r"[A-Z][^:.;?!\n]{1,150}:\s+(?=(?:An?|Form|Forms|The|Affected|Characteri[sz]ed)\s)"
                            r"(?=[^.]{0,200}?(?:characteri[sz]ed|form[ ]of|disorder|disease|syndrome|condition))")
# where the class clause of a definition ends ("A form of X, a disorder ...", "A congenital X characterized by")
DEFINITION_CLASS_END = re.compile(r",|;|\.(?:\s|$)|\s(?:characteri[sz]ed|in[ ]which|that|which|affecting|with|"
                                  r"associated|due|caused|resulting)\s")
DEFINITION_NOT_HEAD = re.compile(r"^(?:-|\s*)like\b|\bsyndrome\b")
HYPHENATED = re.compile(r"\w+(?:-\w+)+")
# round 24: catalogue names of a syndrome without a node (`_definition_row`)
FEATURE_LIST_NAME = re.compile(r"^(?:(?! with )[^,])+(?:,(?:(?! with )[^,])+)+, and ")
CO_EQUAL_NAME = re.compile(r"^((?:(?! with )[^,])+?) and ([^,]+)(?:,|$)")  # (not "Autoinflammation with arthritis and ...")
# round 23: a lesion's first name as the subject of a verdict ("My daughter's 'ringworm' that the pharmacist sold cream
# for turned out to be granuloma annulare", "the wart turned out to be an SCC"): the verdict replaces it. The subject
# opens its noun phrase (a determiner or a possessive before it, a quote allowed), at most a short relative clause stands
# between it and the verdict; "a man with psoriasis whose rash turned out to be ..." is no subject.
TURNED_OUT_AFTER = re.compile(r"['\"\u2019\u201d]?(?:\s+(?:that|which|who)\b[^.;:!?]{0,60}?)?\s+(?:turned out to be|turns out to be|"
                           r"proved to be|proved|was in fact|were in fact)\s+(?:(?:an?|the)\s+)?$", re.IGNORECASE)
TURNED_OUT_SUBJECT = re.compile(r"(?:(?<![a-z])(?:my|his|her|their|our|your|the|this|that|a|an)|'s)\s+['\"\u2018\u201c]?$",
                             re.IGNORECASE)
TURNED_OUT_WORDS = frozenset(("turned", "turns", "proved", "fact"))
# round 23: a differential announced before a colon ("In the differential for a single red scaly plaque on the glans:
# Zoon balanitis, erythroplasia of Queyrat, psoriasis."): the list after the colon, to the sentence end, is uncertain
# (the cue stands too far from its first name for the trigger's window; a bare "Differential:" is the triggers' own, and
# a choice settled after it stays settled)
DIFFERENTIAL_COLON = re.compile(r"(?<![A-Za-z])(?:differential(?:[ ]diagnos[ie]s)?|differentials|ddx)(?:[ ](?:for|of|here|"
                                r"includes?|is|are|would be)\b[^.:;?!]{0,90}):[ ]", re.IGNORECASE)
# round 23: a legend that describes, then names the diagnosis after a colon at its end ("Port-wine stain of the left face
# with a vascular malformation of the leptomeninges: Sturge-Weber syndrome."): the name after the colon is the conclusion
COLON_CONCLUSION = re.compile(r":[ ]+(?:(?:an?|the)[ ]+)?$", re.IGNORECASE)
CONCEDED = re.compile(r"(?<![a-z])(?:although|though|albeit)(?:[ |]+[a-z]+){0,3}[ |]+$")
# round 14: compound adjectives of two lesion words, each naming both concepts ("maculopapular rash", "papulopustular
# rosacea", "vesiculobullous disease", "erythematosquamous plaque"): the first concept comes from the ontology's
# synonyms, the second from here
COMPOUND_CONCEPTS = {"maculopapular": "papule", "maculo papular": "papule", "papulopustular": "pustule",
                     "papulopustules": "pustule", "papulopustule": "pustule", "papulo pustular": "pustule",
                     "vesiculobullous": "bulla", "vesiculo bullous": "bulla", "erythematosquamous": "scale",
                     "erythemato squamous": "scale", "papulosquamous": "scale", "papulo squamous": "scale",
                     "papulonodular": "nodule", "papulonodules": "nodule", "vesiculopustular": "pustule",
                     "vesiculopustules": "pustule"}
COMPOUND_WORDS = frozenset(k.split()[0] for k in COMPOUND_CONCEPTS)
SUCH_AS_LIST = frozenset(("and", "or", "nor", "as", "well"))
def _generic_cue_words(words: set[str]) -> bool:
    """Whether the words can hold a `GENERIC_SENTENCE` or `SUCH_AS` cue (their words together), so that most texts
    with "common" or "such" alone skip the regexes."""
    return (("most" in words and "common" in words) or ("known" in words and ("little" in words or "not" in words))
            or ("such" in words and "as" in words) or ("yet" in words and "be" in words)
            or ("general" in words and "population" in words) or ("not" in words and "clear" in words)
            or not GENERIC_RARE_WORDS.isdisjoint(words))


GENERIC_RARE_WORDS = frozenset(("unclear", "unknown", "elusive", "understood"))
CASE_CUE = re.compile(r"(?<![a-z])(?:year[ |]+old|(?:our|the|this|a)[ |]+patient(?![a-z])|we[ |]+(?:report|present|describe)|"
                      r"presented|this[ |]+case|here[ |]+we)")
# round 10: a group with a disease and what such patients usually do ("Patients with BP often present with ...",
# "children with AD frequently exhibit ..."): a general statement, the disease uncertain; a study's own subjects
# ("patients with psoriasis were enrolled") have no such adverb. Not "should" (advice to the patients in the
# picture: "Children with eczema should be vaccinated ..." stays asserted, `test_tagger_tuning_round8`)
GROUP_BEFORE = re.compile(r"(?:patients|children|people|individuals|adults|infants|those|kids|babies)[ |]+with[ |]+$")
GROUP_AFTER = re.compile(r"(?:[ ]*\|[a-z0-9]{1,8}\|)?[ |]+(?:often|frequently|usually|commonly|typically|tend[ |]+to|"
                         # round 17: what such patients are at risk of ("Patients with atopic eczema are at risk of ...")
                         r"are[ |]+at[ |]+(?:an[ |]+)?(?:increased[ |]+|higher[ |]+|high[ |]+)?risk)"
                         r"(?![a-z])")
GROUP_WORDS = frozenset(("often", "frequently", "usually", "commonly", "typically", "tend", "risk"))
# round 17: the group a disease is common in ("pityriasis alba, which is common in kids with eczema"): that group's
# disease is background, not the finding
COMMON_IN_GROUP = re.compile(r"(?<![a-z])(?:common|commoner|frequent|rare|seen|typical)[ |]+in[ |]+(?:[a-z]+[ |]+)?"
                             r"(?:kids|children|people|patients|adults|infants|babies|teenagers|those|women|men)[ |]+with[ |]+$")
COMMON_IN_GROUP_WORDS = frozenset(("common", "commoner", "frequent", "rare", "seen", "typical"))
# round 19: a risk or rate that is higher in a group ("the risk of eczema herpeticum is higher in children with poorly
# controlled atopic eczema"): that group's disease is background too; only where the text speaks of a risk or rate (a
# study's measurement in its own patients stays: "serum hemokinin-1 is lower in patients with chronic urticaria")
RATE_IN_GROUP = re.compile(COMMON_IN_GROUP.pattern.replace("common|commoner|frequent|rare|seen|typical",
                                                           "higher|lower|increased|greater")[:-1])
RATE_WORDS = frozenset(("risk", "incidence", "rate", "rates", "chance", "odds", "likelihood"))
RATE_GROUP_WORDS = frozenset(("higher", "lower", "increased", "greater"))
RATE_REACH = 60  # characters before the cue where the risk or rate word must be
# words that may stand between the group's "with" and its disease ("children with poorly controlled atopic eczema")
COMMON_IN_GROUP_GAP = 2
COMMON_IN_GROUP_ANY = re.compile(COMMON_IN_GROUP.pattern[:-1])  # the same cue anywhere (its "$" dropped)
# round 10: "a basal cell" standing alone is how clinicians say basal cell carcinoma ("is this a basal cell? no",
# "the residents will say basal cell but ...", "it WAS a basal cell, removed with Mohs"); not a basal cell layer,
# junction or papilloma (a noun follows there)
BASAL_CELL = re.compile(r"(?<![a-z])basal[ ]cell(?=[ ]*\||[ ]*$|[ ]+(?:but|no|removed|excised)(?![a-z]))")
# round 10: "thrush" is oral candidiasis by default (its context words), but in the nappy area or the skin folds it
# is candidiasis of the skin, and on the vulva vulvovaginal candidiasis ("pharmacist says thrush" for a red nappy
# rash with satellite spots); a mouth or tongue in the text keeps it oral
THRUSH_SITES = ((frozenset(("vulva", "vulval", "vulvar", "vagina", "vaginal", "genital", "genitals")), "vulvovaginal-candidiasis"),
                (frozenset(("nappy", "diaper", "groin", "groins", "folds", "creases", "skin")), "candidiasis"))
THRUSH_ORAL = frozenset(("mouth", "tongue", "oral", "lips", "gums", "cheeks", "palate", "denture", "dentures"))
# round 10: a report that finds no malignancy ("No malignancy identified; ...", "no features of malignancy", "no
# evidence of malignancy") rules out a malignant lesion: the `malignant` node, negated (the word alone, as in
# "the commonest malignancy", is no finding of its own)
NO_MALIGNANCY = re.compile(r"(?<![a-z])no[ |]+(?:(?:evidence|features?|signs?|suggestion)[ |]+of[ |]+)?(malignancy)(?![a-z])")
# round 22: the same in a patient's or a report's words ("Nothing sinister.", "nothing malignant in the sections"): the
# adjective is the `malignant` node, negated by "nothing"
NOTHING_MALIGNANT = re.compile(r"(?<![a-z])nothing[ |]+(malignant|sinister|cancerous)(?![a-z])")
NOTHING_MALIGNANT_WORDS = frozenset(("malignant", "sinister", "cancerous"))
# round 20: a condition told only by its course, in a patient's own words (the symptom-only texts of sets 10-13, which
# name no diagnosis): colour changes of the digits in the cold (Raynaud), sweat that drips or soaks from the palms,
# soles or armpits (hyperhidrosis), hair shed in clumps months after a birth (telogen effluvium). Each pattern needs
# its two sets of gate words (the outer test reads the rarer ones, `DESCRIBED_GATES`) so the million captions pay one set
# test; the span is the description.
DESCRIBED: tuple[tuple[frozenset[str], frozenset[str], re.Pattern, str], ...] = (
    (frozenset({"white", "pale"}), frozenset({"blue", "purple"}), re.compile(
        r"(?<![a-z])(?:fingers?|fingertips?|toes?|digits?)[ |]+(?:\w+[ |]+){0,3}?(?:go|goes|turn|turns|going|turning)"
        r"[ |]+(?:white|pale)[ |]+(?:then|and then|and)[ |]+(?:blue|purple)(?![a-z])"), "raynaud-phenomenon"),
    (frozenset({"drip", "drips", "dripping", "sweat", "sweats", "sweating", "pour", "pours"}),
     frozenset({"palm", "palms", "sole", "soles", "armpit", "armpits", "underarm", "underarms", "axillae"}), re.compile(
        r"(?<![a-z])(?:palms?|soles?|armpits?|underarms?|axillae)[ |]+(?:(?:and|my|his|her|the|[a-z]+)[ |]+){0,3}?"
        r"(?:drips?|dripping|pours?|sweats?[ |]+so[ |]+much|sweat[ |]+(?:non[ |]?stop|constantly|all[ |]+the[ |]+time))"
        r"(?![a-z])"), "hyperhidrosis"),
    (frozenset({"birth", "born", "baby", "arrived", "delivery"}), frozenset({"hair"}), re.compile(
        r"(?<![a-z])(?:(?:clumps|handfuls|loads|lots|fistfuls)[ |]+of[ |]+hair|hair[ |]+(?:\w+[ |]+){0,3}?in[ |]+"
        r"(?:clumps|handfuls|fistfuls))(?:[ |]+[a-z]+){0,8}?[ |]+(?:(?:weeks|months)[ |]+after[ |]+(?:the[ |]+)?"
        r"(?:birth|baby|delivery|giving[ |]+birth)|since[ |]+(?:my|the|our)[ |]+(?:son|daughter|baby)[ |]+"
        r"(?:arrived|was[ |]+born))"), "telogen-effluvium"),
)
# the second word set is needed too: a bare "white", "sweat" or "baby" is common in captions
DESCRIBED_GATES = frozenset().union(*(g for _, g, _, _ in DESCRIBED))
DESCRIBED_NOT = frozenset({"never", "not", "no", "t", "nor"})
# round 10: what a leaflet, handout or poster says is general, not a finding in the picture ("The leaflet lists
# acne, rosacea and ...", "Leaflet: What is eczema? ...", "..., the poster claims"): every condition uncertain
LEAFLET = re.compile(r"(?:^|(?<![a-z])(?:the|a|this|our|patient|information)(?:[ |]+(?:clinic|patient|information|"
                     r"practice|hospital|nhs|dermatology|charity|safety|campaign|health))?)[ |]*(?:leaflet|handout|"
                     r"poster|brochure|pamphlet|"
                     # round 19: "Information sheet for parents: what is impetigo and how to stop it spreading"
                     r"(?:information|info|fact)[ |]+sheet|factsheet)(?![a-z])")
LEAFLET_WORDS = frozenset(("leaflet", "handout", "poster", "brochure", "pamphlet", "sheet", "factsheet"))
# round 10: a transcript writes abbreviations in lower case ("the arborizing vessels make it a bcc", "you cant tell it
# from an scc"): in an all-lower-case text, these (never an English word, and unlike "bp" or "ad" no everyday
# abbreviation) are read as the upper-case ones, beside another finding
SPEECH_ABBREVIATIONS = frozenset(("bcc", "bccs", "scc", "sccs", "dfsp"))
SPEECH_ABBREVIATION = re.compile(r"(?<![a-z0-9])(bccs?|sccs?|dfsp)(?![a-z0-9])")
# round 9: a sentence that points at the picture ("the image shows ice pick scars", "The student photographed here
# has acne", "this man's lesion is a viral wart"): a condition named in another sentence is background there
# (history: asserted, never the label) when this one names a condition
PICTURED = re.compile(r"(?<![a-z])(?:(?:the|this)[ |]+(?:image|picture|photo|photograph)[ |]+(?:shows|showed)|"
                      r"(?:photographed|pictured|shown)[ |]+here|(?:this|the)[ |]+(?:man|woman|boy|girl|child|"
                      r"patient)[ |]+s[ |]+(?:lesion|lesions|rash)[ |]+(?:is|are))(?![a-z])")
PICTURED_WORDS = frozenset(("image", "picture", "photo", "photograph", "here", "lesion", "lesions", "rash"))
# a subject this opens is a particular lesion or patient's, not the disease in general
GENERAL_NOT_SUBJECT = frozenset("this the that these those his her our my your their its a an one".split())
# round 8: a test's verdict answers an earlier guess or hedge ('Sent in as "?wart"; histology shows an acquired
# digital fibrokeratoma', 'The referral said "melanoma of the sole"; on dermoscopy it is a plantar wart')
# round 12: other tests give verdicts too ("the ultrasound and excision showed", "scrapings showed", "culture
# grew"), and so does the clinic that sees the referral ("Referred as 'query scabies'; seen in clinic: ...")
VERDICT = re.compile(r"(?<![a-z])(?:(?:histology|histopathology|biopsy|pathology|dermoscopy|dermatoscopy|excision|"
                     r"ultrasound|scrapings|scraping|culture|cultures|immunofluorescence|trichoscopy)"
                     r"[ |]+(?:shows|showed|show|reveals|revealed|came[ |]+back(?:[ |]+as)?|confirmed|confirms|grew|"
                     r"(?:it|this)[ |]+(?:is|s))|seen[ |]+in[ |]+(?:the[ |]+)?clinic)(?![a-z])")
VERDICT_WORDS = frozenset(("histology", "histopathology", "biopsy", "pathology", "dermoscopy", "dermatoscopy",
                           "excision", "ultrasound", "scrapings", "scraping", "culture", "cultures",
                           "immunofluorescence", "trichoscopy"))
# round 8: a Derm7pt row's seven-point columns ("pigment_network: atypical; streaks: absent; pigmentation: diffuse
# irregular; vascular_structures: dotted; elevation: nodular"), read as the dataset means them: a structure absent
# is negated (the field name is the span, ": absent" negates it), one present is asserted (the value is the span),
# irregular pigmentation is a blotch, absent vessels and a flat or palpable elevation name no concept
DERM7PT_FIELD = re.compile(r"(?<![\w])(pigment_network|streaks|pigmentation|regression_structures|dots_and_globules|"
                           r"blue_whitish_veil|vascular_structures|elevation)\s*:\s*([a-z][a-z ]*?)\s*(?=[;,\n]|$)")
DERM7PT_ABSENT = {"pigment_network": "pigment-network", "streaks": "streaks", "regression_structures":
                  "regression-structures", "dots_and_globules": "dots-and-globules", "blue_whitish_veil": "blue-whitish-veil"}
DERM7PT_VALUE = {("pigment_network", "typical"): "pigment-network", ("pigment_network", "atypical"):
                 "atypical-pigment-network", ("vascular_structures", "arborizing"): "arborizing-vessels",
                 ("vascular_structures", "dotted"): "dotted-vessels", ("vascular_structures", "hairpin"): "hairpin-vessels",
                 ("vascular_structures", "comma"): "comma-vessels", ("vascular_structures", "linear irregular"):
                 "linear-irregular-vessels", ("elevation", "nodular"): "nodule",
                 ("pigmentation", "diffuse irregular"): "blotch", ("pigmentation", "localized irregular"): "blotch",
                 ("pigmentation", "localised irregular"): "blotch"}
LIKE_HEADS = frozenset(("dermatitis", "eczema", "rash", "eruption", "lesions", "lesion"))
BACKGROUND_CUE = re.compile(r"(?<![a-z])(?:with|had|has|known|history|for)(?![a-z])")
PRESENT_WORDS = ("present", "develop", "today", "now ", " new")  # round 10: "had a new nodule", "has new papules"


def one_separator(c: str) -> str:
    """`CORRECTED_GAP.sub("|", c.strip(" |"))` by string replaces (no regex): each run of spaces and "|" between
    two tokens becomes one separator, a single space stays a space, any other run reads "|" (each "|" is made
    two spaces, each pair of spaces "|", a space after a "|" dropped, and "||" squeezed)."""
    base = c.strip(" |").replace("|", "  ").replace("  ", "|").replace("| ", "|")
    while "||" in base:
        base = base.replace("||", "|")
    return base


def _hit_order(h) -> tuple:
    return h[0], h[1], h[2].kind


def _best_order(x) -> tuple:
    return x[1], x[2], x[3].nid


# a phase window in `tag_many` (word-level pass of the window, then its rule passes): at most this many texts
# and, once it holds this many characters, no more (a window's prepared forms take ~18 bytes a character of
# its texts, so ~20 MB at most). Speed pass 6: windows of a whole 2,500-caption batch instead of 64 texts cut tagging
# CPU by ~10 % (the unknown-word filter looks each distinct word up once per window, and the exact automaton
# is re-read from memory once per window, not once per 64 texts)
PHASE_WINDOW = 4096
AND_OR = (" and ", " or ")  # `_coordinated`: a name just after one of these
# `_elliptic`: "irritant, not allergic, contact dermatitis", "allergic rather than irritant contact dermatitis"
ELLIPTIC = re.compile(r"(?<![a-z])([a-z]+)[ ]*\|[ ]*(?:not|but[ ]+not|and[ ]+not)[ ]+([a-z]+)[ ]*\|[ ]*$|"
                      r"(?<![a-z])([a-z]+)[ ]+rather[ ]+than[ ]+$")
PHASE_CHARS = 1_000_000
CONTEXT_CHARS = 60  # how far (characters) a context word or a supporting finding may be
COMMON_ABBR_ZIPF = 2.5  # an abbreviation this frequent as a lower-case word is also an English word


def _clause_end(text: str, n: str, start: int, ends: list[int]) -> int:
    """Where a cue's clause ends: the first sentence end at or after `start`, or an earlier "but" / ";"
    (`LAY_BELIEF_END`) before it. Shared by the lay-belief and relative's-condition scopes."""
    stop = min((e for e in ends if e >= start), default=len(text))
    b = LAY_BELIEF_END.search(n, start, stop)
    return b.start() if b is not None else stop


@dataclass(slots=True)
class Match:
    """One tagged node in one text. Not frozen: a frozen dataclass costs ~5x more to build, and the tagger
    builds millions."""

    id: str
    name: str
    path: list[str]
    span: list[int]
    negated: bool = False
    uncertain: bool = False
    score: float = 100.0
    kind: str = "condition"
    # read by `labels_for`, not written to the conditions column: a past or background condition
    # ("history of melanoma"), and an uncertainty that is only a physician's hedge ("most likely X")
    historical: bool = False
    hedged: bool = False
    weak: bool = False  # named only by a generic word ("mole", "wart", "rash"), see lexicon.WEAK_NAMES
    # round 16: named last, as the conclusion of what the text described ("... onycholysis, in keeping with
    # onychomycosis", "the swab grew herpes so it's eczema herpeticum"), see `labels.disease_choice`
    concluded: bool = False
    # round 17: the ground another lesion sits on or follows ("erosions over her atopic eczema", "target lesions after
    # her cold sore"): loses the label to any other diagnosis named, see `labels.disease_choice`
    ground: bool = False

    def as_condition(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "path": self.path, "span": self.span, "negated": self.negated,
                "uncertain": self.uncertain, "score": self.score}

    def as_concept(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "span": self.span, "negated": self.negated}

    @property
    def asserted(self) -> bool:
        return not self.negated and not self.uncertain


@dataclass
class TagResult:
    conditions: list[Match] = field(default_factory=list)
    concepts: list[Match] = field(default_factory=list)

    def as_json(self, item_id: Any = None) -> dict[str, Any]:
        d = {"conditions": [m.as_condition() for m in self.conditions],
             "concepts": [m.as_concept() for m in self.concepts]}
        if item_id is not None:
            d = {"id": item_id, **d}
        return d


class Tagger:
    """Tags text against an ontology. Build once (about a second for a full ontology), reuse for millions."""

    def __init__(self, ontology: Ontology, fuzzy_threshold: float | None = None, fuzzy: bool = True,
                 false_friends: tuple[str, ...] = FALSE_FRIENDS):
        self.ontology = ontology
        self.lexicon = build_lexicon(ontology, false_friends)
        self.exact = ExactMatcher(self.lexicon)
        # last words of condition names: a catalogue-order head ("Nevus, dysplastic") ends in one
        self._name_cache: dict[str, tuple[str, ...]] = {}
        # (not a name respelt by ear, `lexicon.HEARD`: its last word may be any English word, "rosa", "sure")
        self._head_words = frozenset(k.rsplit(" ", 1)[-1] for k, e in self.lexicon.items()
                                     if any(t.kind == "condition" and t.rank != HEARD for t in e.targets))
        self.fuzzy = FuzzyMatcher(self.exact.tokens, common_words(), min_score=fuzzy_threshold) if fuzzy else None
        # for each name word, the words beside it in the longer names that hold it (`_corrections_find_nothing`)
        left: dict[str, set[str]] = {}
        right: dict[str, set[str]] = {}
        for e in self.exact.entries:
            ws = e.key.split()
            for i in range(len(ws) - 1):
                right.setdefault(ws[i], set()).add(ws[i + 1])
                left.setdefault(ws[i + 1], set()).add(ws[i])
        self._name_left = {w: frozenset(v) for w, v in left.items()}
        self._name_right = {w: frozenset(v) for w, v in right.items()}
        self.context = ContextAnnotator()
        self._present_words, self._correction_words = any_in(PRESENT_WORDS), any_in(CORRECTION_WORDS)
        # `CORRECTION.search(n) is not None`, faster (`fastmatch`; the markers' positions still come from CORRECTION)
        self._correction_any = first_letter_groups(CORRECTION).search
        self.abbrevs = abbreviations(ontology)
        # abbreviations are matched case-sensitively on the original text ("AD", "BCCs"), one more automaton
        self.abbr_automaton = None
        self._qualified_names: dict[str, str] | None = None
        # round 24: the qualifiers `_qualified_heads` reads: a name's first word where the rest is another condition's
        # name ("atrophic" of "atrophic scar")
        all_names = {normalise_name(w) for node in ontology.conditions.values() for w in (node.name, *node.synonyms)}
        self._qualifier_words = frozenset(w.split(" ", 1)[0] for w in all_names
                                          if " " in w and w.split(" ", 1)[1] in all_names)
        if self.abbrevs:
            abbr_keys: dict[str, tuple[int, str]] = {}  # added in this order, a later value replacing an earlier
            for a in sorted(self.abbrevs):
                abbr_keys[a] = (len(a), a)
                if not a.endswith("s"):
                    abbr_keys[a + "s"] = (len(a) + 1, a)
            self.abbr_automaton = automata.build(abbr_keys.items())
        # the automaton's keys as bytes, for a precheck in C (`_abbreviation_candidates`); None when a key is
        # not ASCII letters and digits (the precheck would not hold)
        keys = [k for a in self.abbrevs for k in ((a,) if a.endswith("s") else (a, a + "s"))]
        self._abbr_keys = frozenset(k.encode("ascii") for k in keys) \
            if all(k.isascii() and k.isalnum() for k in keys) else None
        # the keys lower-cased (as a normalised text's words hold them) -> the keys
        self._abbr_lower: dict[str, tuple[str, ...]] = {}
        for k in sorted(set(keys)):
            self._abbr_lower[k.lower()] = self._abbr_lower.get(k.lower(), ()) + (k,)
        self._abbr_lower_keys = frozenset(self._abbr_lower)
        # a long abbreviation for one node that is no English word ("SCLE", "DFSP", "AGEP") stands alone: it
        # needs no skin word nearby ("Known SCLE on hydroxychloroquine"); "CALM", "SCAR", "DRESS" do
        from wordfreq import zipf_frequency

        self._self_evident = frozenset(a for a, ids in self.abbrevs.items() if len(ids) == 1 and len(a) >= 4
                                       and a.upper() == a and zipf_frequency(a.lower(), "en") < COMMON_ABBR_ZIPF)
        # words that make an abbreviation credible: skin words and the body-site vocabulary
        sites = {w for n in ontology.body_sites.values() for a in (n.name, *n.synonyms)
                 for w in normalise_name(a).split() if len(w) > 3}
        self.derm_words = DERM_WORDS | frozenset(sites)
        # a colour, shape or arrangement word alone does not make a text about skin ("red" and "round" in a
        # microscopy legend): it lends an abbreviation no support
        self._not_support = frozenset(nid for nid, n in ontology.concepts.items()
                                      if n.category in ("colour", "shape", "arrangement"))
        # the diagnosis-code tables of datasets whose rows carry codes ("dx: akiec"), from the mapping files
        self.code_maps: dict[str, dict[str, str]] = {}
        for fld, ds in CODE_DATASETS.items():
            try:
                from derm1m_build.ontology import dataset_label_map

                table = dataset_label_map(ds, ontology.source_dir)
            except Exception:  # an ontology without that mapping file: no codes to read
                table = {}
            self.code_maps[fld] = {k: v for k, v in table.items() if v in ontology.conditions}
        try:
            from derm1m_build.ontology import dataset_label_map

            table = dataset_label_map("ddi", ontology.source_dir)
        except Exception:  # an ontology without DDI's mapping file
            table = {}
        self._ddi_slugs = {k: v for k, v in table.items() if "-" in k and v in ontology.conditions}
        # the words that name a sign (`labels.SIGNS`): texts without one skip the sign rule
        # (each sign key's rarest word: every key keeps one, and "skin" or "of" let no text through)
        self._sign_words = frozenset(min(k.split(), key=lambda w: (zipf_frequency(w, "en"), w))
                                     for k, e in self.lexicon.items() if not e.blocks
                                     and any(t.kind == "condition" and t.nid in SIGNS for t in e.targets)
                                     ) | frozenset(SIGN_ADJECTIVES.values())
        self._node_info: dict[str, tuple[str, list[str]]] = {}
        for nid, node in ontology.conditions.items():
            self._node_info[nid] = (node.name, ontology.path(nid))
        for nid, node in ontology.concepts.items():
            self._node_info.setdefault(nid, (node.name, []))
        # the tables are built: ask the kernel for huge pages for them (`memory`; speed only, once per process)
        prefer_huge_pages()

    # ------------------------------------------------------------------------------------------------
    def has_derm_term(self, text: str) -> bool:
        """Whether the text names any condition or concept outright (no abbreviations, no typos)."""
        if not text:
            return False
        c, _ = collapse_spaces(normalise_text(text))
        for _a, _b, idx in self.exact.scan(c):
            e = self.exact.entries[idx]
            if not e.blocks and any(not t.needs_context for t in e.targets):
                return True
        return False

    def tag_many(self, texts: Iterable[str | None]) -> list[TagResult]:
        """Tag a batch (the stage and the benchmark call this; one process, fork for more). A text seen
        before in this process takes a fresh copy of its earlier result (`cache.ResultCache`: bounded, and
        what a caller does to its result changes nothing for the next); the output is that of `tag`."""
        cache = self.__dict__.get("results_cache")
        if cache is None:
            cache = self.results_cache = ResultCache()
        prefer_huge_pages()  # a worker forked after the tagger was built: its own huge pages (`memory`)
        get, put, finish = cache.get, cache.put, self._finish
        out: list = []
        window, chars = PHASE_WINDOW, PHASE_CHARS
        # tagging makes no reference cycles (every object it builds is freed by its reference count), so the
        # cyclic collector is paused for the batch: its full passes over the caches and the caller's heap were
        # ~4-5 % of tagging's CPU time. Restored (only if it was on) when the batch ends or fails.
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            # phase order: the texts not in the cache are read in windows, each window's word-level pass
            # (`_prepare`: normalisation, word set, exact automaton, unknown words, fuzzy) first, then its rule
            # passes (`_finish`): each phase's tables stay in the CPU caches across the window's texts
            todo: list[tuple[int, str]] = []
            for t in texts:
                t = t or ""
                r = get(t)
                out.append(r)
                if r is None:
                    todo.append((len(out) - 1, t))
            lo = 0
            while lo < len(todo):
                hi, size = lo, 0
                while hi < len(todo) and hi - lo < window and size < chars:
                    size += len(todo[hi][1])
                    hi += 1
                part = todo[lo:hi]
                lo = hi
                ready = self._prepare_window([t for _, t in part])
                for (i, t), p, tr in zip(part, ready, self._window_triggers(ready)):
                    r = out[i] = finish(t, p, tr) if p is not None else TagResult()
                    put(t, r)
        finally:
            if paused:
                gc.enable()
        return out

    def tag(self, text: str) -> TagResult:
        if not text:
            return TagResult()
        return self._finish(text, self._prepare(text))

    def _prepare(self, text: str) -> tuple | None:
        """The word-level pass of one text: normalised and squeezed forms, word set, exact and fuzzy hits (in
        squeezed offsets). None for an empty text."""
        if not text:
            return None
        n = normalise_text(text)
        c, shifts = collapse_spaces(n)
        padded = " " + c.replace("|", " ")  # what both automata read
        words = set(padded.split())
        return n, c, shifts, padded, words, self._exact_and_fuzzy(c, padded, words)

    def _prepare_window(self, texts: list[str]) -> list[tuple | None]:
        """`_prepare` of each text of a window, the unknown-word filter run once over the window's words:
        each distinct word is looked up in the large English and name-word sets once per window instead of
        once per text (a text's unknown words are its words among the window's)."""
        base = []
        for text in texts:
            if not text:
                base.append(None)
                continue
            n = normalise_text(text)
            c, shifts = collapse_spaces(n)
            padded = " " + c.replace("|", " ")
            base.append((n, c, shifts, padded, set(padded.split())))
        fz = self.fuzzy
        unknown_all = promising = None
        if fz is not None:
            sets = [b[4] for b in base if b is not None]
            unknown_all = frozenset(fz.unknown_words(set().union(*sets))) if sets else frozenset()
            # which of them may be typos, asked once per distinct word of the window (not once per text that
            # holds it): `promising` depends on the word alone, and a text's fuzzy pass reads each of its
            # unknown words anyway once one is promising
            promising = frozenset(filter(fz.promising, unknown_all))
        out: list[tuple | None] = []
        for b in base:
            if b is None:
                out.append(None)
                continue
            n, c, shifts, padded, words = b
            # a text's promising words are its words among the window's promising ones: a text with none (most)
            # needs no list of its unknown words, the fuzzy pass skips it
            unknown = None if unknown_all is None else (
                list(unknown_all.intersection(words)) if unknown_all and not promising.isdisjoint(words) else [])
            out.append((n, c, shifts, padded, words, self._exact_and_fuzzy(c, padded, words, unknown, promising)))
        return out

    def _window_triggers(self, ready: list[tuple | None]) -> list[list | None]:
        """The ConText trigger hits (`ContextAnnotator.triggers`, squeezed offsets) of each prepared text of a
        window that has a name hit, read in one pass over the window so the trigger automaton stays in the CPU
        caches (None for the others: `_finish` reads theirs if it needs them). Nearly every text that reaches
        the trigger step has a name hit here (~99.5 % of the million benchmark's), and ~94 % of those reach it."""
        triggers = self.context.triggers
        return [triggers(p[1], p[3]) if p is not None and p[5] else None for p in ready]

    def _finish(self, text: str, prepared: tuple, trig: list | None = None) -> TagResult:
        """The rule passes of one text, from its `_prepare` output (`trig`: its trigger hits in squeezed
        offsets when `_window_triggers` read them already)."""
        n, c, shifts, padded, words, hits = prepared
        if shifts:
            hits = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, t, sc) for a, b, t, sc in hits]
        if hits and (" and " in n or " or " in n):
            hits = self._coordinated(n, hits)
        if hits and (("not" in words and "| not " in n) or ("rather" in words and " rather than " in n)):
            hits = self._elliptic(n, hits)
        if hits and "not" in words and (" not " in n):
            hits = self._not_kind(n, hits)
        if self.abbr_automaton is not None:
            hits = self._abbreviations(text, n, hits, words)
        if hits and not SPEECH_ABBREVIATIONS.isdisjoint(words) and text.islower():
            for m in SPEECH_ABBREVIATION.finditer(n):
                a, b = m.span(1)
                ids = self.abbrevs.get(m.group(1).upper()) or self.abbrevs.get(m.group(1).upper().rstrip("S"))
                if ids and len(ids) == 1 and ids[0] in self.ontology.conditions \
                        and not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", ids[0], 0), 100.0))
        # round 15: a colon or a spaced dash after the head is catalogue order too ("Tinea: pedis", "Keratosis:
        # seborrhoeic", "Hemangioma \u2014 infantile", "Psoriasis; type: guttate"); read as commas, same offsets
        cat, ncat = text, n
        if len(text) < 200 and (": " in text or " \u2014 " in text or " \u2013 " in text or " - " in text) \
                and len(n) == len(text):
            for m in INVERTED_COLON.finditer(text):
                a, b = m.span()
                cat = cat[:a] + "," + " " * (b - a - 1) + cat[b:]
                ncat = ncat[:a] + "|" + " " * (b - a - 1) + ncat[b:]
        if ("," in cat or "(" in cat) and not (text.startswith("ISIC_") and ",IP_" in text[:30]):
            # (round 10: an ISIC 2020 row's "seborrheic keratosis,benign,0" is a diagnosis and its benign /
            # malignant column, not "keratosis, benign" in catalogue order)
            hits = self._inverted(cat, ncat, hits)
        if hits and "/" in text:
            hits = self._slash_pairs(text, hits)
        if len(hits) > 1 and " (" in text:
            hits = self._restated(text, hits)
        if hits and ("palm" in n or not SITE_SUBTYPE_WORDS.isdisjoint(words)):
            hits = self._site_subtypes(text, hits)
        if ":" in text and ("dx" in text or "diagnostic" in text):
            hits = self._code_fields(text, hits)
        if "," in text and CSV_ROW.match(text):
            hits = self._csv_row(text, hits)
        if hits and "-" in text and (".png" in text or "disease" in text) and self._ddi_slugs:
            hits = self._ddi_slug(text, hits)
        if hits and not ERUPTION_WORDS.isdisjoint(words) and not REGION_WORDS.isdisjoint(words):
            hits = self._site_distributions(n, hits)
        # round 10: a named site's distribution concept (`_site_concepts`); it supports a lay name near it like any
        # finding, but the context of the other findings is read without it (a site's span never links another
        # finding to a negation or a history)
        sites = None
        if hits and not SITE_CONCEPT_WORDS.isdisjoint(words):
            sites = self._site_concepts(text, n, hits, words)
            if sites:
                hits = hits + sites
        if "malignancy" in words and "no" in words and "malignant" in self.ontology.conditions:
            for m in NO_MALIGNANCY.finditer(n):
                a, b = m.span(1)
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", "malignant", 0), 100.0))
        if "nothing" in words and not NOTHING_MALIGNANT_WORDS.isdisjoint(words) and "malignant" in self.ontology.conditions:
            for m in NOTHING_MALIGNANT.finditer(n):
                a, b = m.span(1)
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", "malignant", 0), 100.0))
        if not DESCRIBED_GATES.isdisjoint(words):
            hits = self._described(n, words, hits)
        if hits and not COMPOUND_WORDS.isdisjoint(words):
            # round 14: a compound of two lesion words names both ("maculopapular": macule and papule); the
            # lexicon key tags the first (ontology synonyms), the second is added over the same span
            for a, b, t, _ in list(hits):
                second = COMPOUND_CONCEPTS.get(n[a:b]) if t.kind == "concept" else None
                if second in self.ontology.concepts and second != t.nid:
                    hits.append((a, b, Target("concept", second, 0), 100.0))
        if "basal" in words and "cell" in words and "basal-cell-carcinoma" in self.ontology.conditions:
            for m in BASAL_CELL.finditer(padded):
                a, b = m.start() - 1, m.end() - 1  # `padded` is `c` with one space before it
                if shifts:
                    a, b = unshift(a, shifts), unshift(b - 1, shifts) + 1
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", "basal-cell-carcinoma", 0), 100.0))
        if "diagnosis_" in text and hits:
            hits = self._isic_levels(text, hits)
        if "pigment_network" in text or "seven_point" in text:
            hits = self._derm7pt(text, hits)
        if "partition_label" in text:
            cats = [m.span(1) for m in CATEGORY_FIELD.finditer(text)]
            hits = [h for h in hits if h[2].kind != "condition" or not any(a <= h[0] and h[1] <= b for a, b in cats)]
        if hits:
            hits = self._context_words(n, hits)
        if hits and not CORRECTED_MODIFIER_WORDS.isdisjoint(words):
            hits = self._corrected_modifier(n, hits)
        if hits and "thrush" in words and THRUSH_ORAL.isdisjoint(words):
            nid = next((x for ws, x in THRUSH_SITES if not ws.isdisjoint(words)), None)
            if nid in self.ontology.conditions:
                hits = [(a, b, Target("condition", nid, 0), sc) if t.nid == "oral-candidiasis"
                        and text[a:b].lower() == "thrush" else (a, b, t, sc) for a, b, t, sc in hits]
        if hits and "-like " in text:
            # round 8: the generic head of an "X-like" phrase ("psoriasis-like dermatitis" in a mouse model) is
            # no finding of its own; X stays, uncertain (`context`)
            hits = [h for h in hits if not (h[2].kind == "condition" and text[max(0, h[0] - 6):h[0]] == "-like "
                                            and text[h[0]:h[1]].lower() in LIKE_HEADS)]
        if hits and not SCORE_WORDS.isdisjoint(words):
            hits = [h for h in hits if not SCORE_NAME.match(n, h[1])]
        if hits and ("virus" in n or ":" in text or "=" in text or "acnes" in words or not NAMING_WORDS.isdisjoint(words) or (
                self._business_candidate(text, hits) if text.isascii() else BUSINESS_ANY.search(text))):
            hits = self._not_findings(text, n, words, hits)
        if hits and all(h[2].nid in self._not_support or (sites and h in sites) for h in hits) \
                and not self.derm_words & words:
            # only colour, shape or arrangement words, and nothing about skin ("red" and "round" in a
            # microscopy legend): not a lesion described
            hits = []
        if not hits:
            return TagResult()
        hits.sort(key=_hit_order)
        spans = list(dict.fromkeys((a, b) for a, b, _, _ in hits))
        if trig is None:
            trig = self.context.triggers(c, padded)
        if shifts:
            trig = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, k, d) for a, b, k, d in trig]
        if sites:
            own = {(a, b) for a, b, _, _ in sites}
            main = [sp for sp in spans if sp not in own]
            flags = dict(zip(spans, self.context.annotate(text, n, spans, trig, words)))
            flags.update(zip(main, self.context.annotate(text, n, main, trig, words)))
        else:
            flags = dict(zip(spans, self.context.annotate(text, n, spans, trig, words)))
        if not ELSEWHERE_WORDS.isdisjoint(words):
            self._elsewhere(n, hits, flags)
        # a correction needs two conditions (one set aside, one after it): most texts skip the regex
        if len(spans) > 1 and len({(a, b) for a, b, t, _ in hits if t.kind == "condition"}) > 1:
            old = bool(self._correction_words(n)) and self._correction_any(n) is not None
            # a marker sets aside only a condition before it: look from the first condition's end
            fce = min(b for a, b, t, _ in hits if t.kind == "condition")
            r6 = (not CORRECTION_R6_WORDS.isdisjoint(words) and (CORRECTION_R6.search(n, fce) is not None or (
                "turned" in words and TURNED_OUT.search(n, fce) is not None))) or (
                not CLINICIAN_WORDS.isdisjoint(words) and not CLINICIAN_VERB_WORDS.isdisjoint(words)
                and CORRECTION_R6_CLINICIAN.search(n, fce) is not None)
            # the "but" rule answers a guess only: texts without one skip it
            but = "but" in words and any(not f[0] and "but" in n[b:b + 80] and (f[1] and not f[3] or (
                f[3] and RESEMBLANCE.search(n, max(0, a - 24), a) is not None)) for (a, b), f in flags.items())
            if "?" in text or old or r6 or but:
                self._corrections(text, n, hits, flags, old, r6, but)
            if not PRIOR_FRAME_WORDS.isdisjoint(words):
                self._prior_named(n, hits, flags)
        if "no" in words and text.islower() and not {"is", "was"}.isdisjoint(words):
            # round 15: a spoken question answered "no" without a question mark ("hmm is that a blue naevus hmm no
            # the shape's all wrong"): the name asked about is set aside
            for a, b, t, _ in hits:
                if t.kind == "condition" and SPOKEN_ASKED.search(n, max(0, a - 24), a) and SPOKEN_NO.match(n, b):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
        if "?" in text:
            self._question_no(text, n, hits, flags)
        if not VERDICT_WORDS.isdisjoint(words) or ("clinic" in words and "seen" in words):
            self._verdicts(n, hits, flags)
        if " or " in n and ("is " in n or "could " in n or "can " in n or "was " in n):
            self._alternatives(n, hits, flags)
        if "either" in words and " or " in n:
            self._either_or(n, hits, flags)
        if self._present_words(n):
            self._presented(n, hits, flags)
        if "favo" in n and " over " in n:
            for m in FAVOUR_OVER.finditer(n):
                stop = n.find(".", m.end())
                still_open = STILL_OPEN.search(n, m.end(), stop if stop >= 0 else len(n)) is not None
                for a, b, t, _ in hits:
                    if t.kind == "condition" and a >= m.end() and len(n[m.end():a].replace("|", " ").split()) <= 2:
                        f = flags[(a, b)]
                        if still_open:
                            if not f[0]:
                                f[1], f[3] = True, False
                        else:
                            f[0], f[1], f[2], f[3] = True, False, False, False
        if "not" in words and ("every" in words or "all" in words or "each" in words):
            for a, b, t, _ in hits:
                if t.kind == "condition" and NOT_EVERY.search(n, max(0, a - 60), a):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
        if "mimic" in n or "masquerad" in n or "simulat" in n:
            self._mimicked(n, hits, flags)
        if "lso be" in n or "equally be" in n:
            conds = sorted((a, b) for a, b, t, _ in hits if t.kind == "condition")
            second = next((a for a, b in conds if ALSO_BE.search(n, max(0, a - 24), a)), None)
            if second is not None:
                for a, b in conds:
                    f = flags[(a, b)]
                    if a < second and f[3] and not f[0]:
                        f[1], f[3] = True, False
        if "'" in text or "\u2019" in text or '"' in text or "\u201d" in text:
            conds = {a: b for a, b, t, _ in hits if t.kind == "condition"}
            for a, b in conds.items():
                m = QUOTED_IS.match(text, b) if a and text[a - 1] in "'\"\u2018\u201c" else None
                if m is not None and m.end() in conds:
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
        if "now" in words and len(spans) > 1:
            self._was_now(n, hits, flags)
        if not RELATIVE_WORDS.isdisjoint(words):
            self._relative_has(text, n, hits, flags)
        if ("now" in words or "but" in words) and len(spans) > 1 and not NEW_NOW_WORDS.isdisjoint(words):
            m = NEW_NOW.search(n) if "now" in words else None
            if m is None and "but" in words:
                m = NEW_BUT.search(n)
            if m is not None:
                for a, b, t, _ in hits:
                    if t.kind == "condition" and b <= m.start() and not flags[(a, b)][0]:
                        flags[(a, b)][2] = True
        if " or " in n and len(spans) > 2:
            self._or_list(n, hits, flags)
        if "though" in n or "albeit" in n:
            # round 16: a hedged alternative conceded after the hedged working diagnosis ("Probably hand eczema ...,
            # though contact allergy is possible") is a guess: the working diagnosis keeps the label
            conds = sorted((a, b) for a, b, t, _ in hits if t.kind == "condition")
            for i, (a, b) in enumerate(conds):
                f = flags[(a, b)]
                if f[3] and not f[1] and not f[0] and CONCEDED.search(n, max(0, a - 40), a) \
                        and any(flags[x][3] and not flags[x][0] for x in conds[:i]):
                    f[1], f[3] = True, False
        if not NOT_PHYSICIAN_WORDS.isdisjoint(words):
            self._not_physician(text, n, hits, flags)
        if not GENERAL_WORDS.isdisjoint(words) and ":" not in text:
            self._general(text, n, hits, flags)
        if not BELIEF_OR_FEAR_WORDS.isdisjoint(words):  # one look for both (most texts have neither)
            if not LAY_BELIEF_WORDS.isdisjoint(words):
                self._lay_belief(text, n, hits, flags, self.ontology.path_ids)
            if not FEAR_WORDS.isdisjoint(words):
                self._fear(n, hits, flags)
        if not GENERIC_SENTENCE_WORDS.isdisjoint(words) and ":" not in text and _generic_cue_words(words):
            self._generic_sentence(text, n, hits, flags)
        rate = "with" in words and not RATE_GROUP_WORDS.isdisjoint(words) and not RATE_WORDS.isdisjoint(words)
        if "with" in words and "in" in words and (rate or not COMMON_IN_GROUP_WORDS.isdisjoint(words)):
            # one look over the text; then the condition right after each cue
            cues = list(COMMON_IN_GROUP_ANY.finditer(n))
            if rate:
                # the risk or rate word within the few words before the cue ("the risk of X is higher in ...")
                cues += [m for m in RATE_IN_GROUP.finditer(n) if not RATE_WORDS.isdisjoint(
                    n[max(0, m.start() - RATE_REACH):m.start()].replace("|", " ").split())]
            for m in cues:
                me = m.end()
                for a, b, t, _ in hits:
                    if (a == me or (a > me and "|" not in n[me:a] and len(n[me:a].split()) <= COMMON_IN_GROUP_GAP)) \
                            and t.kind == "condition" and not flags[(a, b)][0]:
                        f = flags[(a, b)]
                        f[1], f[3] = True, False
        if not GROUP_WORDS.isdisjoint(words) and "with" in words:
            for a, b, t, _ in hits:
                m = GROUP_AFTER.match(n, b) if t.kind == "condition" else None
                if m is not None and GROUP_BEFORE.search(n, max(0, a - 20), a):
                    for x, y, u, _ in hits:  # the name and its bracketed abbreviation
                        f = flags[(x, y)]
                        if u.nid == t.nid and a <= x and y <= m.end() and not f[0]:
                            f[1], f[3] = True, False
        if not LEAFLET_WORDS.isdisjoint(words) and LEAFLET.search(n) and not PICTURED.search(n):
            # (a text that also points at the picture says what is in it: "the handout calls it acne; that is an
            # error, the picture shows rosacea")
            for a, b, t, _ in hits:
                f = flags[(a, b)]
                if t.kind == "condition" and not f[0]:
                    f[1], f[3] = True, False
        if not PICTURED_WORDS.isdisjoint(words) and len(spans) > 1:
            self._pictured(text, n, hits, flags)
        if "skin_condition" in text or ("{" in text and ":" in text):
            self._scin_alternatives(text, hits, flags)
        if len(spans) > 1 and not self._sign_words.isdisjoint(words):
            hits = self._signs(text, hits, flags)
        if _scope24_wanted(text, words, len(spans)):
            self._scope24(text, n, words, hits, flags)
        if not INHERITANCE_WORDS.isdisjoint(words):  # round 23 (vocabulary): an inherited kind (`inherited_kind`)
            hits = [(a, b, replace(t, nid=inherited_kind(t.nid, words)) if t.nid in INHERITED_KINDS else t, sc)
                    for a, b, t, sc in hits]
        res = self._result(hits, flags)
        if len(res.conditions) > 1 and (not GROUND_PLACE_WORDS.isdisjoint(words) or (
                "with" in words and not GROUND_PERSON_WORDS.isdisjoint(words))):
            cued = GROUND_ANY.search(n) is not None
            bare = "after" in words
            if cued or bare:
                for m in res.conditions:
                    a = m.span[0]
                    before = n[a - 40 if a > 40 else 0:a]
                    if (bare and before.endswith(GROUND_AFTER) and (len(before) < 7 or not before[-7].isalpha())) \
                            or (cued and (GROUND_BEFORE.search(before) or GROUND_PATIENT.search(before))):
                        m.ground = True
        if "syndrome" in words and "-" in text:
            # round 24: a disease named inside a syndrome's compound name ("a boy with keratitis-ichthyosis-deafness
            # syndrome"): a feature of a syndrome without a node, never its label
            for m in res.conditions:
                a, b = m.span
                if (text[a - 1:a] == "-" or text[b:b + 1] == "-") and SYNDROME_COMPOUND_AFTER.match(text, b):
                    m.historical = True
        if len(res.conditions) > 1 and "overlap" in words:
            # round 24: two diseases named as one overlap ("lupus-scleroderma overlap", "dermatomyositis and scleroderma
            # overlap"): the first names it, the second is its ground (tuning sets label "SJS/TEN overlap" so)
            for m in res.conditions:
                a, b = m.span
                if OVERLAP_AFTER.match(text, b) and OVERLAP_JOIN.search(text, max(0, a - 6), a) \
                        and any(o.span[1] <= a and not o.negated for o in res.conditions if o is not m):
                    m.ground = True
        if res.conditions and not QUALIFIER_FILLERS.isdisjoint(words) and not self._qualifier_words.isdisjoint(words):
            self._qualified_heads(n, res.conditions)
        if len(res.conditions) > 1 and "rest" in words:
            for m in res.conditions:
                if REST_OF_AFTER.match(n, m.span[1]):
                    m.ground = True
        if len(res.conditions) > 1 and "includes" in words and ":" in text:
            # round 22: a catalogue entry's inclusion list ("Melanocytic nevi. Includes: atypical nevus", "Dermatophytosis.
            # Includes: favus"): the heading is the label; what it includes is background (asserted, never the label),
            # even where it is a subtype of the heading
            m = INCLUDES_HEADING.search(text)
            if m is not None and any(c.span[0] < m.start() and not c.negated for c in res.conditions):
                for c in res.conditions:
                    if c.span[0] > m.start():
                        c.historical = True
        if ":" in text and text[0].isupper() and res.conditions:
            d = DEFINITION_ROW.match(text)
            if d is not None:
                _definition_row(text, d.end(), res, self.ontology)
        if ":" in text and ("differential" in words or "differentials" in words or "ddx" in words):
            for d in DIFFERENTIAL_COLON.finditer(text):
                stop = min((i for i in (text.find(". ", d.end()), text.find(";", d.end())) if i >= 0), default=len(text))
                for c in res.conditions:
                    if d.end() <= c.span[0] < stop and not c.negated:
                        c.uncertain, c.hedged = True, False
        if len(res.conditions) > 1 and ":" in text:
            last = max(res.conditions, key=lambda m: m.span[0])
            a, b = last.span
            if not last.negated and not last.uncertain and text[b:].strip() in ("", ".") \
                    and COLON_CONCLUSION.search(text, max(0, a - 8), a) \
                    and all(c.span[1] <= a - 2 for c in res.conditions if c is not last):
                last.concluded = True
        if len(res.conditions) > 1 and not TURNED_OUT_WORDS.isdisjoint(words):
            _verdict_subject(text, res, self.ontology)
        if len(res.conditions) > 1 and "known" in words:
            for m in res.conditions:
                a = m.span[0]
                if KNOWN_BEFORE.search(n, a - 16 if a > 16 else 0, a):
                    m.ground = True
        if len(res.conditions) > 1 and (not CONCLUSION_WORDS.isdisjoint(words) or (
                not VERDICT_VERBS.isdisjoint(words) and not VERDICT_TESTS.isdisjoint(words))):
            last = max((m for m in res.conditions if not m.negated), key=lambda m: m.span[0], default=None)
            if last is not None and CONCLUSION_BEFORE.search(n, max(0, last.span[0] - 32), last.span[0]):
                last.concluded = True
        return res

    def _described(self, n: str, words: set[str], hits):
        """Round 20: a condition the text tells only by its course (`DESCRIBED`), when no condition is named
        over the description (a named diagnosis wins: the description is then its symptom)."""
        for gate, gate2, rx, nid in DESCRIBED:
            if gate.isdisjoint(words) or gate2.isdisjoint(words) or nid not in self.ontology.conditions:
                continue
            for m in rx.finditer(n):
                a, b = m.span()
                # a negation inside the description ("her fingers never go white") leaves it untold
                if not DESCRIBED_NOT.isdisjoint(n[a:b].replace("|", " ").split()):
                    continue
                if not any(x < b and a < y and t.kind == "condition" for x, y, t, _ in hits):
                    hits = hits + [(a, b, Target("condition", nid, 0), 100.0)]
        return hits

    @staticmethod
    def _business_candidate(text: str, hits) -> bool:
        """Whether `_not_findings` could drop a hit of an ASCII text with no "virus", ":", "=" or "acnes" word:
        there, only a condition named with a capital right before a business word (`BUSINESS`, what
        `_not_findings` reads: "Acne Studios") or one spelt "acnes" can be dropped (a label field needs ":" or
        "=", a virus the word "virus"). An anchored match after each such condition, in place of the
        text-wide business regex (~6 us)."""
        for a, b, t, _ in hits:
            if t.kind == "condition" and ((text[a:a + 1].isupper() and BUSINESS.match(text, b))
                                          or text[a:b].lower() == "acnes"):
                return True
        return False

    @staticmethod
    def _pictured(text: str, n: str, hits, flags) -> None:
        """Conditions outside the sentence that points at the picture (`PICTURED`) are background there
        (history: asserted, never the label), when that sentence names a condition not set aside."""
        m = PICTURED.search(n)
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
        cues = [(m, False) for m in GENERIC_SENTENCE.finditer(n)] + [(m, True) for m in SUCH_AS.finditer(n)]
        for m, forward in cues:
            if ends is None:
                ends = sentence_ends(text)
            start = max((e + 1 for e in ends if e < m.start()), default=0)
            stop = min((e for e in ends if e >= m.end()), default=len(text))
            if not text[start:stop].lstrip()[:1].isupper() or CASE_CUE.search(n, start, stop):
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
                # a symptom stays what it is, and a study's group ("patients with AD") is its subjects
                if t.nid not in SYMPTOMS and not GROUP_BEFORE.search(n, max(0, a - 20), a):
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
            m = NOT_PHYSICIAN_SAID.search(n)
            if m is None:
                return
            start = m.end()
            ends = [p for p in sentence_ends(text) if p >= start]
            stop = ends[0] if ends else len(n)
        for a, b, t, _ in hits:
            if t.kind == "condition" and start <= a < stop:
                f = flags[(a, b)]
                # round 8: what they say it is, hedged or not ("my friend who's a nurse says ... are psoriasis")
                if not f[0] and not f[2] and t.nid not in SYMPTOMS:
                    f[1] = True

    @staticmethod
    def _scin_alternatives(text: str, hits, flags) -> None:
        """A SCIN row's label field: the highest-weighted (or first-listed) condition is asserted, the
        labellers' other answers are alternatives (uncertain, never the label)."""
        fields = list(SCIN_FIELD.finditer(text))
        fields += [m for m in WEIGHTED_DICT.finditer(text) if not any(f.start(1) <= m.start(1) < f.end(1) for f in fields)]
        for m in fields:
            items = []
            for i, x in enumerate(SCIN_ITEM.finditer(m.group(1))):
                g = 1 if x.group(1) is not None else 3
                w = x.group(g + 1)
                items.append((x.start(g) + m.start(1), x.end(g) + m.start(1), float(w) if w else -i))
            if len(items) < 2:
                continue
            # the highest weight; of equal weights, the first listed (round 8: "{'Acute dermatitis, NOS': 0.5,
            # 'CD - Contact dermatitis': 0.5}" is labelled eczema)
            top = max(range(len(items)), key=lambda i: (items[i][2], -i))
            for i, (s, e, w) in enumerate(items):
                if i == top:
                    continue
                for a, b, t, _ in hits:
                    if t.kind == "condition" and s <= a and b <= e:
                        f = flags[(a, b)]
                        if not f[0]:
                            f[1] = True

    def _site_distributions(self, n: str, hits):
        """An eruption over a distribution's own region gives that distribution concept: the region named
        within a few words after a plural lesion word or "rash" ("a pink rash on her trunk", "papules in both
        armpits"); one lesion's site gives none."""
        new = []
        for rx, nid in SITE_DISTRIBUTION:
            if any(t.nid == nid for _, _, t, _ in hits):
                continue
            for m in rx.finditer(n):
                before = n[max(0, m.start() - 40):m.start()].replace("|", " ").split()[-5:]
                if ERUPTION_WORDS.isdisjoint(before):
                    continue
                new.append((m.start(), m.end(), Target("concept", nid, 0), 100.0))
                break
        return hits + new if new else hits

    def _site_concepts(self, text: str, n: str, hits, words: set[str]):
        """The distribution concepts of the sites the text names (`SITE_CONCEPT`), as new hits, beside another
        finding of the text; a header-less CSV row's site column and a site word inside a finding's name
        ("plantar wart", "strawberry tongue") give none."""
        if "," in text and " " not in text[:60]:
            return None
        have = {t.nid for _, _, t, _ in hits}
        new = []
        for rx, nid, cue in SITE_CONCEPT:
            if cue.isdisjoint(words) or nid in have or nid not in self.ontology.concepts:
                continue
            for m in rx.finditer(n):
                a, b = m.start(), m.end()
                if SITE_NOT_BEFORE.search(n, max(0, a - 24), a) or any(
                        x < b and a < y and t.kind == "condition" for x, y, t, _ in hits):
                    continue
                new.append((a, b, Target("concept", nid, 0), 100.0))
                break
        if not SIDE_WORDS.isdisjoint(words) and "unilateral" not in have \
                and "unilateral" in self.ontology.concepts:
            d = BAND_OF.search(n)
            m = UNILATERAL.search(n) or (UNILATERAL_BAND.search(n) if d is not None else None)
            if m is not None:
                new.append((m.start(), m.end(), Target("concept", "unilateral", 0), 100.0))
                if d is not None and "dermatomal" not in have and "dermatomal" in self.ontology.concepts:
                    new.append((d.start(), d.end(), Target("concept", "dermatomal", 0), 100.0))
        if ("ring" in words or "rings" in words) and "annular" not in have and "annular" in self.ontology.concepts:
            for m in RING.finditer(n):
                a, b = m.span()
                if not RING_NOT_BEFORE.search(n, max(0, a - 24), a) and not any(x < b and a < y for x, y, _, _ in hits):
                    new.append((a, b, Target("concept", "annular", 0), 100.0))
                    break
        return new

    @staticmethod
    def _isic_levels(text: str, hits):
        """An ISIC row's `diagnosis_1..5` hierarchy names one lesion: the conditions of the deepest level that
        names one are kept, the shallower levels (its parents) dropped."""
        levels = list(ISIC_LEVEL.finditer(text))
        if len(levels) < 2:
            return hits
        spans = [(int(m.group(1) or 0), m.end(), levels[i + 1].start() if i + 1 < len(levels) else len(text))
                 for i, m in enumerate(levels)]
        named = [(lv, s, e) for lv, s, e in spans
                 if any(t.kind == "condition" and s <= a < e for a, b, t, _ in hits)]
        if len(named) < 2:
            return hits
        deepest = max(lv for lv, _, _ in named)
        drop = [(s, e) for lv, s, e in named if lv != deepest]
        return [h for h in hits if h[2].kind != "condition" or not any(s <= h[0] < e for s, e in drop)]

    def _derm7pt(self, text: str, hits):
        """A Derm7pt row's seven-point columns, read field by field (`DERM7PT_FIELD`): what the generic pass
        found inside them ("vascular structures", "pigmentation", "diffuse") is replaced."""
        fields = list(DERM7PT_FIELD.finditer(text))
        if not fields:
            return hits
        concepts = self.ontology.concepts
        spans = [(m.start(), m.end()) for m in fields]
        out = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in spans)]
        for m in fields:
            name, value = m.group(1), m.group(2)
            if value in ("absent", "none", "no") and name in DERM7PT_ABSENT:
                nid, s, e = DERM7PT_ABSENT[name], m.start(1), m.end(1)
            elif name in DERM7PT_ABSENT and (name, value) not in DERM7PT_VALUE:
                nid, s, e = DERM7PT_ABSENT[name], m.start(2), m.end(2)
            else:
                nid, s, e = DERM7PT_VALUE.get((name, value)), m.start(2), m.end(2)
            if nid in concepts:
                out.append((s, e, Target("concept", nid, 0), 100.0))
        return out

    @staticmethod
    def _signs(text: str, hits, flags):
        """A sign or reaction pattern beside another named diagnosis describes it (`labels.SIGNS`): dropped,
        unless the text sets it aside (negated)."""
        signs = []
        other = firm = False
        headed = []
        for h in hits:
            t = h[2]
            if t.kind != "condition":
                continue
            adj = SIGN_ADJECTIVES.get(t.nid)
            said = text[h[0]:h[1]].lower() if adj is not None else ""
            if t.nid in SIGNS or said == adj or (adj is not None and said in (f"{adj} {w}" for w in SIGN_HEADS)):
                f = flags[(h[0], h[1])]
                # one set aside stays ("is that a milium? no, it's molluscum"); so does a possible pigment change
                if not f[0] and not (t.nid in SIGNS_WHEN_ASSERTED and any(f)):
                    (signs if said == adj or t.nid in SIGNS else headed).append(h)
            elif not t.weak and not flags[(h[0], h[1])][0] and not (
                    flags[(h[0], h[1])][1] and ", like" in text and SIMILE_BEFORE.search(text, max(0, h[0] - 12), h[0])):
                other = True  # round 22: not what the sign is compared with ("livid spots, like flea-bites")
                # round 24: "an itchy urticarial rash ...; bullous pemphigoid is suspected": the adjective and its lesion
                # word describe a diagnosis stated or hedged, not a relative's or a guess ("Her mother had lupus")
                firm = firm or (not flags[(h[0], h[1])][1] and t.nid not in SYMPTOMS)
        if firm:
            signs += headed
        if not signs or not other:
            return hits
        drop = {(h[0], h[1], h[2].nid) for h in signs}
        return [h for h in hits if h[2].kind != "condition" or (h[0], h[1], h[2].nid) not in drop]

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
        for ms, me, guess_only, across, spare in marks:
            after = [(a, b) for a, b in conds if a >= me and len(n[me:a].replace("|", " ").split()) <= 20
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
                if b > ms or ids[(a, b)] in after_ids or (spare and (a, b) in weak and not (f[1] and not f[3])) \
                        or ids[(a, b)] in SYMPTOMS:
                    continue
                if guess_only and not (f[1] and not f[3] or (f[3] and RESEMBLANCE.search(n, max(0, a - 24), a))):
                    continue
                if ms in stated_only and any(f):
                    continue
                between = text[b:ms].replace("...", " ").replace("\u2026", " ")
                if len(n[b:ms].replace("|", " ").split()) <= 8 and (
                        "." not in between or (across and between.count(".") == 1)):
                    f[0], f[1], f[2], f[3] = True, False, False, False

    def _prior_named(self, n: str, hits, flags) -> None:
        """A name stated earlier in a first-person or report frame ("i said psoriasis a minute ago but ... it's
        actually tinea corporis") is set aside when an answer marker later names another diagnosis."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        path_ids = self.ontology.path_ids
        for a, b, x in conds:
            if PRIOR_FRAME.search(n, max(0, a - 48), a) is None or x in SYMPTOMS:
                continue
            for m in PRIOR_ANSWER.finditer(n, b):
                if len(n[b:m.start()].replace("|", " ").split()) > 25:
                    break
                ans = next(((c, d, y) for c, d, y in conds if c >= m.end() and not flags[(c, d)][0]
                            and len(n[m.end():c].replace("|", " ").split()) <= 6), None)
                if ans is not None and x not in path_ids(ans[2]) and ans[2] not in path_ids(x):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
                    break

    def _corrected_modifier(self, n: str, hits):
        """"a junctional naevus no sorry compound": the word after the correction marker, put in place of the
        corrected name's first word (or before its last), names a condition: tag it there (`_corrections` then
        sets the first name aside, as for any named correction)."""
        for a, b, t, _ in list(hits):
            if t.kind != "condition":
                continue
            m = CORRECTED_MODIFIER.match(n, b)
            if m is None:
                continue
            x, y = m.span(1)
            if any(p < y and x < q and u.kind == "condition" for p, q, u, _s in hits):
                continue
            ws = n[a:b].replace("|", " ").split()
            w = m.group(1)
            # (and in the node's own name: "superficial BCC, sorry, nodular" -> "nodular basal cell carcinoma")
            names = [normalise_name(x).split() for x in self._names_of(t.nid)]
            full = [(w, *nm[1:]) for nm in names if len(nm) > 1 and nm[0] == ws[0]]
            for cand in ((w, *ws[1:]), (w, ws[-1]), *full):
                if len(cand) < 2:
                    continue
                e = self.lexicon.get(normalise_name(" ".join(cand)))
                ids = [u.nid for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if len(ids) == 1 and ids[0] != t.nid:
                    hits.append((x, y, Target("condition", ids[0], 0), 100.0))
                    break
        return hits

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

    def _qualified_heads(self, n: str, conds: list[Match]) -> None:
        """Round 24: a qualifier parted from its head by a filler word ("atrophic cutaneous scars", "hypertrophic skin
        scars"): where the qualifier and the head make the name of a node that refines the head's, the condition is
        that node (the qualifier's own concept stays as tagged). Read on the result's conditions (a few per text)."""
        names = self._qualified_names
        if names is None:
            from derm1m_build.tagger.labels import _names
            names = self._qualified_names = {x.strip(): nid for nid in self.ontology.conditions
                                             for x in _names(self.ontology, nid)}
        for c in conds:
            a, b = c.span
            # (the word right before the head must be a filler: one slice and one set look for most conditions)
            if a < 2 or n[n.rfind(" ", 0, a - 1) + 1:a - 1] not in QUALIFIER_FILLERS:
                continue
            m = QUALIFIER_BEFORE.search(n, max(0, a - 48), a)
            if m is None or QUALIFIER_RANGE.search(n, max(0, m.start() - 8), m.start()):
                continue
            head = n[a:b]
            for h in (head, head[:-1] if head.endswith("s") else head, head[:-2] if head.endswith("es") else head):
                nid = names.get(f"{m.group(1)} {h}")
                if nid is not None and nid != c.id and nid in self.ontology.conditions:
                    from derm1m_build.tagger.labels import refines
                    if refines(self.ontology, nid, c.id) and all(x.id != nid for x in conds):
                        c.id = nid
                        c.name, c.path = self._node_info[nid]
                    break

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
            if NOT_A_DOCTOR.search(n):
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
        m = PRESENT_NOW.search(n)
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

    def _coordinated(self, n: str, hits):
        """"basal cell and squamous cell carcinomas", "superficial or nodular basal cell carcinoma": the
        words before "and"/"or" with the following name's last word form another name."""
        lex = self.lexicon
        new = []
        for a, b, t, _ in hits:
            # (`n[a - 5:a] == " and "` or `n[a - 4:a] == " or "`, with no slices made)
            if t.kind != "condition" or not n.endswith(AND_OR, 0, a):
                continue
            m = COORDINATED.search(n, max(0, a - 40), a)
            if not m:
                continue
            tail = n[a:b].rsplit(" ", 1)
            if len(tail) < 2:
                continue
            prev = m.group(1).split(" ")
            for k in range(len(prev), 0, -1):
                key = " ".join(prev[-k:]) + " " + tail[-1]
                e = lex.get(key)
                if e is None or e.blocks:
                    continue
                targets = [u for u in e.targets if u.kind == "condition" or u.rank == IMPLIED]
                if not targets or targets[0].kind != "condition" or targets[0].nid == t.nid:
                    break
                end = m.end(1)
                start = end - len(" ".join(prev[-k:]))
                if not any(h[0] < end and start < h[1] for h in hits):
                    new += [(start, end, u, 100.0) for u in targets]
                break
        return hits + new if new else hits

    def _not_kind(self, n: str, hits):
        """Round 22: a kind denied by its adjective alone, the head left to a condition named before ("Ulcer on the
        medial ankle with varicose veins: venous leg ulcer. Foot pulses are strong, so it is not arterial."): the
        adjective with that condition's last word names the kind denied ("arterial ulcer"); "not" negates it as usual."""
        new = []
        for m in NOT_KIND.finditer(n):
            x, y = m.span(1)
            if not n.endswith(NOT_KIND_COPULA, 0, m.start()) or any(a < y and x < b for a, b, _, _ in hits):
                continue
            for a, b, t, _ in hits:
                if t.kind != "condition" or b > x:
                    continue
                e = self.lexicon.get(n[x:y] + " " + n[a:b].rsplit(" ", 1)[-1])
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if targets and targets[0].nid != t.nid:
                    new.append((x, y, targets[0], 100.0))
                    break
        return hits + new if new else hits

    def _elliptic(self, n: str, hits):
        """Round 22: two modifiers sharing one head, one set aside ("the hand rash is irritant, not allergic, contact
        dermatitis", "allergic rather than irritant contact dermatitis"): each modifier with the head names its own
        condition (the "not" before the second then negates it as usual); the bare head, which names neither, goes."""
        lex = self.lexicon
        new, drop = [], set()
        for a, b, t, _ in hits:
            if t.kind != "condition" or a < 8 or not (n[a - 2] == "|" or n[a - 1] == "|" or n.endswith(" than ", 0, a)):
                continue
            m = ELLIPTIC.search(n, max(0, a - 40), a)
            if m is None:
                continue
            head = n[a:b]
            pair = (m.span(1), m.span(2))
            found = []
            for x, y in (pair if m.group(1) else ()):
                e = lex.get(n[x:y] + " " + head)
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if not targets or targets[0].nid == t.nid:
                    break
                found.append((x, y, targets[0]))
            if len(found) == 2 and m.group(1) and not any(h[2].kind == "condition" and h[0] < pair[1][1] and pair[0][0] < h[1]
                                           for h in hits):
                new += [(x, y, u, 100.0) for x, y, u in found]
                drop.add((a, b, t.nid))
            elif m.group(3) and " " in head:
                # "allergic rather than irritant contact dermatitis": the second modifier is inside the name found
                x, y = m.span(3)
                e = lex.get(n[x:y] + " " + head.split(" ", 1)[1])
                targets = [u for u in e.targets if u.kind == "condition"] if e is not None and not e.blocks else []
                if targets and targets[0].nid != t.nid and not any(h[2].kind == "condition" and h[0] < y and x < h[1]
                                                                   for h in hits):
                    new.append((x, y, targets[0], 100.0))
        if not new:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop] + new

    @staticmethod
    def _restated(text: str, hits):
        """Round 22: a short name restated in full in the bracket after it ("a kind of herpes (Herpes zoster)", "the
        lupus (lupus vulgaris) of the face"): the bracket says which one is meant; the short name's own reading goes."""
        if not any(text.startswith(" (", h[1]) for h in hits):
            return hits
        conds = [h for h in hits if h[2].kind == "condition"]
        drop = set()
        for a1, b1, t1, _ in conds:
            if not text.startswith(" (", b1):
                continue
            short = text[a1:b1].lower() + " "
            for a2, b2, t2, _ in conds:
                if a2 == b1 + 2 and t2.nid != t1.nid and text[b2:b2 + 1] == ")" and text[a2:b2].lower().startswith(short):
                    drop.add((a1, b1, t1.nid))
        if not drop:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop]

    def _slash_pairs(self, text: str, hits):
        """"SCC/SCCIS" (a SCIN label): a diagnosis and its own subtype joined by a slash name the broader one,
        which covers both (as the dataset's mapping file reads it)."""
        conds = [h for h in hits if h[2].kind == "condition"]
        drop = set()
        for a1, b1, t1, _ in conds:
            for a2, b2, t2, _ in conds:
                if a2 >= b1 and text[b1:a2].strip() == "/" and t1.nid != t2.nid:
                    if t1.nid in self.ontology.path_ids(t2.nid):
                        drop.add((a2, b2, t2.nid))
                    elif t2.nid in self.ontology.path_ids(t1.nid):
                        drop.add((a1, b1, t1.nid))
        if not drop:
            return hits
        return [h for h in hits if (h[0], h[1], h[2].nid) not in drop]

    def _site_subtypes(self, text: str, hits):
        """A condition named with its site after it is the site's subtype where the ontology has one:
        "verrucas on the soles" is a plantar wart, "psoriasis of the palms" palmoplantar psoriasis."""
        out = []
        for h in hits:
            a, b, t, sc = h
            m = SITE_AFTER.match(text, b) if t.kind == "condition" else None
            other = SITE_OF.match(text, b) if t.kind == "condition" and m is None else None
            if other:
                m = other
                adjs = (SITE_OF_ADJ[other.group(1)[:4].lower()],)
            elif m:
                site = (m.group(1) or m.group(2)).lower()
                adjs = ("palmoplantar", "palmar") if site.startswith("palm") else ("palmoplantar", "plantar")
            if m:
                key = next((f"{adj} {x}" for adj in adjs for x in self._names_of(t.nid)
                            if f"{adj} {x}" in self.lexicon and not self.lexicon[f"{adj} {x}"].blocks), None)
                new = [u for u in self.lexicon[key].targets if u.kind == "condition"] if key else []
                if new and new[0].nid != t.nid:
                    out.append((a, b, new[0], sc))
                    continue
            out.append(h)
        return out

    def _code_fields(self, text: str, hits):
        """A dataset's diagnosis code ("dx: akiec" in a HAM10000 row, "diagnostic: NEV" in PAD-UFES-20)
        names its node through the dataset's mapping file."""
        for m in CODE_FIELD.finditer(text):
            nid = self.code_maps.get(m.group(1), {}).get(m.group(2))
            if nid is None:
                continue
            s, e = m.span(2)
            if not any(h[0] < e and s < h[1] and h[2].nid == nid for h in hits):
                hits = [h for h in hits if not (h[0] < e and s < h[1])]
                hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits

    def _ddi_slug(self, text: str, hits):
        """A DDI `disease` slug names the node DDI's mapping file gives it: its words' other names are not
        findings ("squamous-cell-carcinoma-keratoacanthoma" is a keratoacanthoma, not also a squamous cell
        carcinoma)."""
        for m in DDI_SLUG.finditer(text):
            nid = self._ddi_slugs.get(m.group())
            if nid is None:
                continue
            s, e = m.span()
            inside = [h for h in hits if s <= h[0] and h[1] <= e and h[2].kind == "condition"]
            if any(h[2].nid != nid for h in inside) or not inside:
                hits = [h for h in hits if h not in inside]
                hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits

    def _csv_row(self, text: str, hits):
        """A dataset's metadata row as the CSV line itself (no header): a HAM10000 row's `dx` code (third
        column) and a PAD-UFES-20 row's `diagnostic` code (eighteenth) name their node through the dataset's
        mapping file; a Fitzpatrick17k row's two partition columns after the label are the dataset's grouping
        of the same lesion, not second findings."""
        m = CSV_ROW.match(text)
        cols, pos = [], 0
        for cell in text.split("\n", 1)[0].split(","):
            cols.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        if m.group(1):  # HAM10000: lesion_id, image_id, dx, ...
            fld, col = "dx", 2
        elif m.group(2):  # PAD-UFES-20: patient_id, lesion_id, ..., diagnostic (18th), ...
            fld, col = "diagnostic", 17
        else:  # Fitzpatrick17k: md5hash, fitzpatrick_scale, fitzpatrick_centaur, label, nine_partition, three_partition
            if len(cols) < 5:
                return hits
            a, b = cols[4][0], cols[min(5, len(cols) - 1)][1]  # one span: "malignant melanoma,malignant" reads as one name
            return [h for h in hits if h[2].kind != "condition" or not (a <= h[0] and h[1] <= b)]
        if len(cols) <= col:
            return hits
        s, e = cols[col]
        nid = self.code_maps.get(fld, {}).get(text[s:e].strip())
        if nid is None or any(h[0] < e and s < h[1] and h[2].nid == nid for h in hits):
            return hits
        hits = [h for h in hits if not (h[0] < e and s < h[1])]
        hits.append((s, e, Target("condition", nid, 0), 100.0))
        return hits

    def _not_findings(self, text: str, n: str, words: set[str], hits):
        """Names that are not findings here: a business's name ("Acne Studios", "Ringworm Inc."), "acnes" (a
        bacterium's species name), a virus
        in a laboratory text with no skin word ("herpes simplex virus type 1 glycoprotein D was expressed
        in CHO cells"), and a concept read from the words of a dataset's diagnosis field ("disease: scar")."""
        out = []
        cond_spans = None
        for h in hits:
            a, b, t, _ = h
            if t.kind == "condition":
                if text[a:a + 1].isupper() and BUSINESS.match(text, b):
                    continue
                if NAME_OF_AFTER.match(text, b) or (a and NAME_OF_BEFORE.search(text, max(0, a - 24), a)):
                    continue
                if text[a:b].lower() == "acnes":
                    continue  # the bacterium's species name ("P. acnes" cut at its full stop), no acne
                if text[b - 5:b].lower() == "virus" or VIRUS_AFTER.match(text, b):
                    if not self.derm_words & words:
                        continue
            elif t.rank != IMPLIED and a and text[a - 1] in ": =" and LABEL_FIELD_END.search(text, max(0, a - 20), a):
                if cond_spans is None:
                    cond_spans = {(x, y) for x, y, u, _ in hits if u.kind == "condition"}
                if (a, b) in cond_spans:
                    continue
            out.append(h)
        return out

    # ------------------------------------------------------------------------------------------------
    def _exact_and_fuzzy(self, c: str, padded: str | None = None, words: set[str] | None = None,
                         unknown: list[str] | None = None, promising: frozenset[str] | None = None
                         ) -> list[tuple[int, int, Target, float]]:
        """The exact pass's hits, and the fuzzy pass's where a word may be a typo. `unknown`: the text's
        unknown words when the caller has them; `promising`: a set holding every one of them that is
        `FuzzyMatcher.promising` (and maybe others), as `_prepare_window` reads it once per window."""
        exact = self.exact
        chosen = exact.scan(c, padded)
        live = exact.live
        hits = [(a, b, t, 100.0) for a, b, idx in chosen for t in live[idx]]
        if self.fuzzy is not None:
            fz = self.fuzzy
            # the words worth a look (as `FuzzyMatcher.unknown`, unsorted: the order changes nothing)
            if unknown is None:
                unknown = fz.unknown_words(words if words is not None else set(c.replace("|", " ").split()))
            if unknown and (any(fz.promising(w) for w in unknown) if promising is None
                            else not promising.isdisjoint(unknown)):
                hits = self._fuzzy(c, chosen, hits, set(unknown))
        return hits

    def _fuzzy(self, c: str, chosen, hits, unknown: set[str]):
        """Correct unknown words (or join split ones), re-read the corrected text with the automaton.

        The corrected text is the squeezed text's tokens (runs of neither space nor `|`) joined by one
        separator each (a single space stays a space, any other run reads `|`), a corrected word in place of
        each replaced token (or pair of tokens). Only the unknown tokens are visited, and the token offsets
        come from one split and one running sum (C loops, no regex): most of these texts have ~50 tokens and
        one or two unknown words."""
        fz = self.fuzzy
        # `c` cut at each separator: the tokens, and "" between two separators in a row (or before / after one
        # at either end); piece p starts at pst[p] in `c`, token k is piece tok[k]
        sp = c.replace("|", " ").split(" ")
        tok = list(compress(range(len(sp)), sp))
        words = list(filter(None, sp))
        pst = list(map(add, accumulate(map(len, sp), initial=0), range(len(sp) + 1)))
        ntok = len(words)
        at = []  # indices of the unknown tokens, in text order
        for w in unknown:
            k = -1
            while True:
                try:
                    k = words.index(w, k + 1)
                except ValueError:
                    break
                at.append(k)
        at.sort()
        placed = [(a, b) for a, b, _ in chosen]
        repl: dict[int, tuple[str, float, int, bool]] = {}
        skip = -1
        for i in at:
            if i == skip:
                continue  # the second half of a word joined with the one before
            p = tok[i]
            start = pst[p]
            if any(a <= start < b for a, b in placed):
                continue
            w = words[i]
            single = fz.correct(w) or fz.by_sound(w)
            if i + 1 < ntok and tok[i + 1] == p + 1:  # one separator between the two
                j = fz.join(w, words[i + 1])
                if j and not (single and single[1] >= j[1]):
                    repl[i] = (j[0], j[1], 2, True)
                    skip = i + 1
                    continue
            if i and (i - 1) not in repl and tok[i - 1] == p - 1 \
                    and not any(a <= pst[p - 1] < b for a, b in placed):
                j = fz.join(words[i - 1], w)
                if j and not (single and single[1] >= j[1]):
                    repl[i - 1] = (j[0], j[1], 2, True)
                    continue
            if single:
                repl[i] = (single[0], single[1], 1, fz.close(w, single[0]))
        if not repl or self._corrections_find_nothing(repl, words):
            return hits
        # the replacements read left to right (one inside an earlier pair is not reached)
        applied, nxt = [], 0
        for k in sorted(repl):
            if k >= nxt:
                applied.append(k)
                nxt = k + repl[k][2]
        base = one_separator(c)  # the tokens with one separator each
        bst = list(accumulate(map(len, words), initial=0))  # token k spans base[bst[k] + k: bst[k + 1] + k]
        pieces, cwords, corig, pos, prev = [], [], [], 0, 0
        for k in applied:
            word, width = repl[k][0], repl[k][2]
            pieces += (base[pos:bst[k] + k], word)
            pos = bst[k + width] + k + width - 1
            cwords += words[prev:k]
            cwords.append(word)
            corig += range(prev, k + 1)
            prev = k + width
        cwords += words[prev:]
        corig += range(prev, ntok)
        corrected = "".join(pieces) + base[pos:]
        # corrected token m spans corrected[cs[m]: cs[m + 1] - 1] (one separator after each)
        cs = list(map(add, accumulate(map(len, cwords), initial=0), range(len(cwords) + 1)))
        done = set(applied)
        # only a name holding a corrected word is new; the others were read by the exact pass already
        fixed = [(cs[m], cs[m + 1] - 1) for m, k in enumerate(corig) if k in done]
        new = []
        for a, b, idx in self.exact.scan(corrected):
            if not any(a <= x and y <= b for x, y in fixed):
                continue
            entry = self.exact.entries[idx]
            # the corrected tokens inside [a, b): score (None: spelled right), close enough, place in `c`
            covered = []
            for m in range(bisect.bisect_left(cs, a, 0, len(corig)), len(corig)):
                if cs[m + 1] - 1 > b:
                    break
                k = corig[m]
                if k in done:
                    _w, score, width, close = repl[k]
                    covered.append((score, close, pst[tok[k]], pst[tok[k + width - 1]] + len(words[k + width - 1])))
                else:
                    covered.append((None, True, pst[tok[k]], pst[tok[k]] + len(words[k])))
            scores = [t[0] for t in covered if t[0] is not None]
            if not scores or entry.blocks:
                continue
            if len(scores) == len(covered) and not all(t[1] for t in covered):
                continue  # a name made of corrected words only: each must be a near-exact spelling
            span = (covered[0][2], covered[-1][3])
            new.append((span, min(scores), entry))
        for (s, e), score, entry in new:
            if any(h[0] < e and s < h[1] and not (s <= h[0] and h[1] <= e) for h in hits):
                continue  # overlaps an exact match it does not contain
            hits = [h for h in hits if not (s <= h[0] and h[1] <= e)]
            hits += [(s, e, t, score) for t in entry.targets]
        return hits

    def _corrections_find_nothing(self, repl: dict[int, tuple[str, float, int, bool]], words: list[str]) -> bool:
        """Whether `_fuzzy`'s re-read of the corrected text can add nothing, known without building and scanning
        it: every correction is one word replaced by a name word too far from it to stand alone (`close`), no
        two of them side by side, and no longer name holds the name word beside the text's word next to it. A
        new name must hold a corrected word; made of corrected words only it is one such word (they are not
        side by side) and is dropped (not close); with another word, that word is the text's neighbour of
        one corrected word and the two stand side by side in the name, which this rules out."""
        left, right = self._name_left, self._name_right
        empty = frozenset()
        last = len(words) - 1
        for k, (word, _score, width, close) in repl.items():
            if width != 1 or close or k - 1 in repl or k + 1 in repl:
                return False
            if (k and words[k - 1] in left.get(word, empty)) or (k < last and words[k + 1] in right.get(word, empty)):
                return False
        return True

    def _abbreviation_candidates(self, text: str, hits, n: str | None = None, words: set[str] | None = None) -> list:
        """Abbreviations not overlapping a finding or an earlier abbreviation. Linear: the findings are
        merged into disjoint sorted spans once and each candidate is one binary search; candidates come in
        end order, so an earlier abbreviation can only overlap through the last one kept. `n` and `words`
        (the normalised text and its words, as `tag` has them) let most texts skip the automaton sooner."""
        upper = self.__dict__.get("_abbrevs_cased")
        if upper is None:  # every abbreviation holds a capital: a text with none (speech) has no candidate
            upper = self._abbrevs_cased = all(any(ch.isupper() for ch in a) for a in self.abbrevs)
        if upper and text.islower():
            return []
        keys = self._abbr_keys
        if keys is not None and words is not None and text.isascii() and n.isprintable():
            # an ASCII text whose normalised form is printable: its words are its runs of letters and digits,
            # lower-cased, so a candidate's lower-case form is one of them and the candidate is in the text
            for low in self._abbr_lower_keys.intersection(words):
                if any(k in text for k in self._abbr_lower[low]):
                    break
            else:
                return []  # most texts
        elif keys is not None and keys.isdisjoint(
                text.encode("utf-8", "surrogatepass").translate(ALNUM_RUNS).split()):
            return []  # most texts: no key is a run of ASCII letters and digits, so none is a candidate
        size = len(text)
        cands = []
        for end, (length, abbr) in self.abbr_automaton.iter(text):
            s, e = end - length + 1, end + 1
            if (s and text[s - 1].isalnum()) or (e < size and text[e].isalnum()):
                continue
            cands.append((s, e, abbr))
        if not cands:
            return cands  # most texts: no abbreviation on word boundaries, the findings need no merging
        found = []
        spans: list[list[int]] = []
        for a, b in sorted((h[0], h[1]) for h in hits):
            if spans and a < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        starts = [a for a, _ in spans]
        for s, e, abbr in cands:
            i = bisect.bisect_left(starts, e) - 1
            if (i >= 0 and spans[i][1] > s) or (found and found[-1][1] > s):
                continue
            found.append((s, e, self.abbrevs[abbr]))
        return found

    def _abbreviations(self, text: str, n: str, hits, words: set[str] | None = None):
        found = self._abbreviation_candidates(text, hits, n, words)
        if not found:
            return hits
        if ":" in text and (("@" in text and EMAIL_ADDRESS.search(text))
                            or len(set(EMAIL_HEADER.findall(text.lower()))) >= 2):
            # "Cc: ...; BCC: ..." in an e-mail header is a recipient field, not a carcinoma
            found = [f for f in found if not HEADER_FIELD.match(text, f[1])]
            if not found:
                return hits
        # "PMH: HS (Hurley II)": a clinic note's header, not the condition it also abbreviates; round 24: the
        # header in prose too ("PMH includes a melanoma removed in 2011", "FH of psoriasis", "PMH significant for")
        found = [f for f in found if not (text[f[0]:f[1]] in CLINIC_HEADERS and (
            HEADER_FIELD.match(text, f[1]) or HEADER_PROSE.match(text, f[1])))]
        found = [f for f in found if not self._defined_otherwise(text, f[0], f[1], f[2])]
        if not found:
            return hits
        named = {h[2].nid for h in hits}
        words = n.replace("|", " ").split()
        # a text of a few words only is a label ("SCC/SCCIS", "final dx: DN"): its abbreviations stand alone
        # two different dermatology abbreviations support each other ("KA and SCC", "HS and AD")
        weak = self._not_support
        derm = any(not h[2].needs_context and h[2].nid not in weak for h in hits) \
            or bool(self.derm_words & set(words)) or len(words) <= 3 \
            or len({f[2] for f in found}) >= 2
        for s, e, ids in found:
            defined = [i for i in ids if i in named]
            cued = None
            if len(ids) > 1 and not defined:
                # round 26: a word near it that only one reading brings ("PG at the stoma site")
                cued = cued_reading(text[s:e], ids, n[max(0, s - CUE_CHARS):e + CUE_CHARS].replace("|", " ").split())
                if cued is None:
                    continue  # "AD" for two conditions and neither written out: cannot tell which
            nid = defined[0] if defined else cued or ids[0]
            if abbreviation_supported(text, s, e, derm or text[s:e] in self._self_evident, bool(defined)):
                kind = "condition" if nid in self.ontology.conditions else "concept"
                hits.append((s, e, Target(kind, nid, 0), 100.0))
        return hits

    def _names_of(self, nid: str) -> tuple[str, ...]:
        """A node's names as the lexicon writes them (cached: the abbreviation passes ask often)."""
        got = self._name_cache.get(nid)
        if got is None:
            node = self.ontology.node(nid)
            got = self._name_cache[nid] = tuple(normalise_name(x) for x in (node.name, *node.synonyms))
        return got

    def _defined_otherwise(self, text: str, s: int, e: int, ids) -> bool:
        """The text defines the abbreviation as something else: "progesterone receptor (PR)", "PR,
        progesterone receptor", "BP: blood pressure" (the words' initials spell it, and they are no name of
        the nodes it could stand for)."""
        abbr = text[s:e].rstrip("s") if text[s:e].endswith("s") and text[s:e][:-1].isupper() else text[s:e]
        k = len(abbr)
        if k < 2 or not abbr.isalpha():
            return False
        cands = []
        before = text[max(0, s - 80):s]
        if before.endswith("("):
            cands.append(WORDS_RE.findall(before)[-k:])
        m = DEFINITION_AFTER.match(text, e)
        if m:
            cands.append(WORDS_RE.findall(text[m.end():m.end() + 80])[:k])
        for words in cands:
            if len(words) == k and "".join(w[0] for w in words).lower() == abbr.lower():
                phrase = normalise_name(" ".join(words))
                names = {a for i in ids for a in self._names_of(i)}
                if phrase not in names:
                    return True
        return False

    def _inverted(self, text: str, n: str, hits):
        """Catalogue order: "BCC, superficial subtype", "Nevus, dysplastic", "Carcinoma, basal cell, nodular
        type", "melanoma (in situ)" name the nodes "superficial basal cell carcinoma", "dysplastic nevus",
        "nodular basal cell carcinoma", "melanoma in situ". The head (the last words before a comma or
        bracket, or the abbreviation there) is read after the qualifiers that follow it; the longest chain
        the lexicon knows is tagged over the whole run. Linear: one split, and a set look-up per segment."""
        lex = self.lexicon
        segs = self._head_segments(text)
        for hs, he, delim in segs:
            words = text[hs:he].split()  # its last word is a head (above)
            if len(words) > 6:
                continue
            nwords = n[hs:he].replace("|", " ").split()
            heads = [(" ".join(nwords[-k:]), k) for k in range(1, min(4, len(nwords)) + 1)]
            last = words[-1]
            ids = self.abbrevs.get(last) or (self.abbrevs.get(last[:-1]) if last.endswith("s") else None)
            if ids and len(ids) == 1:
                heads += [(x, 1) for x in self._names_of(ids[0])]
            best = None
            skipped = 0
            nxt = he + 1  # where the next segment starts (None: the text ends before)
            while nxt is not None:
                qs, qe, qdelim = self._segment(text, nxt)
                nxt = qe + 1 if qdelim else None
                seg = text[qs:qe]  # "superficial type - trunk": a site follows
                dash = QUALIFIER_DASH.search(text, qs, qe) if ("-" in seg or "\u2013" in seg or "\u2014" in seg) else None
                if dash:
                    qe, qdelim = dash.start(), ""
                if " | " in seg:
                    # round 25: a metadata row's next field ends the qualifier ("Melanoma, nodular | ulceration
                    # present"; a " / " that opens "ruled out: ..." is left, it swaps the negation's scope)
                    qe, qdelim = min(qe, qs + seg.find(" | ")), ""
                q = " ".join(n[qs:qe].replace("|", " ").split())
                if q.endswith(QUALIFIER_TAIL_WORDS):
                    q = QUALIFIER_TAIL.sub("", q)
                if not q or len(q.split()) > 4:
                    break
                # the qualifier before the head ("Carcinoma, basal cell" -> basal cell carcinoma), or after
                # it as in Latin names ("Tinea, pedis" -> tinea pedis)
                # round 14: a prefix written as a qualifier joins the head ("Sarcoma, angio-" -> angiosarcoma)
                glue = seg.rstrip().endswith("-")
                found = [(x, k) for h, k in heads for x in ((q + " " + h, h + " " + q, q + h) if glue
                                                             else (q + " " + h, h + " " + q))
                         if x in lex and not lex[x].blocks]
                if not found:
                    # round 14: a qualifier the node's name lacks ("Herpes, simplex, recurrent, labial", "Eczema,
                    # atopic, flexural, infantile") is passed over, once, when a comma list goes on after it
                    if best is not None and skipped == 0 and qdelim == ",":
                        skipped += 1
                        continue
                    break
                # round 13: a qualifier that names the same node adds nothing ("Melanoma, malignant, superficial
                # spreading"): the later qualifiers may still read the shorter head (sets 5, 9 catalogue rows)
                node = lex[found[0][0]].targets[0].nid
                same = [h for h in heads if h[0] in lex and lex[h[0]].targets[0].nid == node]
                heads, best = found + [h for h in same if h not in found], (found[0], qe)
                if qdelim == ")" and nxt is not None:
                    ss, se, sdelim = self._segment(text, nxt)  # "(in situ)" closes; a comma may follow
                    nxt = se + 1 if sdelim else None
                    if ss != se:
                        break
                if qdelim not in (",", "(", ")"):
                    break
            if best is None:
                continue
            (key, k), end = best
            targets = [t for t in lex[key].targets if t.kind == "condition" or t.rank == IMPLIED]
            if not targets or targets[0].kind != "condition":
                continue
            head = text[hs:he].rstrip()
            start = hs + len(head) - len(" ".join(head.split()[-k:]))
            # the head's own match ("malignant melanoma" in "Malignant melanoma, in situ") is replaced
            over = [h for h in hits if h[2].kind == "condition" and h[0] < end and start < h[1]]
            start = min([start] + [h[0] for h in over if h[0] >= hs])
            hits = [h for h in hits if not (h in over and h[0] >= hs)]
            hits += [(start, end, t, 100.0) for t in targets]
        return hits

    def _head_segments(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, the delimiter after it) of each segment (`SEGMENTS` cuts the text into these) that ends
        at a "," or "(" and whose last word is a head, in text order. Found with C string ops: the text with
        the other delimiters read as spaces, cut at "," and "("; each piece's last word is a candidate (never
        one the segment lacks), and the segment itself, from the delimiter before it, decides. Most texts
        have none."""
        heads_ok, abbrevs = self._head_words, self.abbrevs
        cut = text.encode("utf-8", "surrogatepass").translate(OTHER_DELIMS_AS_SPACE).decode("utf-8", "surrogatepass")
        pieces = cut.replace("(", ",").split(",")
        segs = []
        pos = 0
        for k in range(len(pieces) - 1):
            piece = pieces[k]
            end = pos + len(piece)
            last = piece.rsplit(None, 1)
            if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
                start = max(pos - 1, max(map(text.rfind, _OTHER_DELIMS, repeat(pos), repeat(end)))) + 1
                last = text[start:end].rsplit(None, 1)
                if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
                    segs.append((start, end, text[end]))
            pos = end + 1
        return segs

    @staticmethod
    def _segment(text: str, start: int) -> tuple[int, int, str]:
        """(start, end, the delimiter after it, "" at the text's end) of the segment that starts at `start`
        (`SEGMENTS` cuts the text into these)."""
        m = SEGMENT_END.search(text, start)
        return (start, m.start(), m.group()) if m else (start, len(text), "")

    def _context_words(self, n: str, hits):
        """Drop everyday-word names ("patch", "scale") with no context word and no other finding nearby."""
        # most texts: no name needs context words and no condition shares its words with a concept, so
        # every hit stays (nothing near any of them is read)
        # (one pass over the hits: a name that needs context ends it; else the conditions' and concepts' spans)
        conditions, concepts = set(), set()
        for a, b, t, _ in hits:
            if t.needs_context:
                break
            if t.kind == "condition":
                conditions.add((a, b))
            elif t.kind == "concept" and t.rank != IMPLIED:
                concepts.add((a, b))
        else:
            if conditions.isdisjoint(concepts):
                return hits
        out = []
        # a text that is nothing but the name is a label as a dataset writes it ("scar", "Hypersensitivity"):
        # it needs no context words
        whole = n.strip(" |")
        lone = (len(n) - len(n.lstrip(" |")), len(n.rstrip(" |"))) if len(whole) < 60 else None
        firm = [(a, b) for a, b, t, _ in hits if not t.needs_context]
        # a condition named by the same words as a concept found there ("telangiectasia") needs its own
        # context words: nearby findings support the concept reading, not the diagnosis
        concept_spans = {(a, b) for a, b, t, _ in hits if t.kind == "concept" and t.rank != IMPLIED}
        for h in hits:
            a, b, t, _ = h
            if lone is not None and (a, b) == lone:
                out.append(h)
                continue
            own = t.kind == "condition" and (a, b) in concept_spans
            if not own and not t.needs_context:
                out.append(h)  # most hits: a name that needs no context (the words near it are not read)
                continue
            lo, hi = max(0, a - CONTEXT_CHARS), b + CONTEXT_CHARS
            near = set(n[lo:a].replace("|", " ").split()) | set(n[b:hi].replace("|", " ").split())
            if own:
                node = self.ontology.conditions.get(t.nid)
                ctx = set(t.needs_context) | {w.lower() for w in (node.context if node else ())}
                if ctx and not (near & ctx):
                    continue
            elif t.needs_context:
                # a condition's lay name ("shingles", "hives") also stands with a skin word or a body site
                # nearby ("shingles on his forehead"); a concept's everyday word ("scale") does not
                if not (near & set(t.needs_context)) and not any(x < hi and y > lo for x, y in firm) \
                        and not (t.kind == "condition" and near & self.derm_words):
                    continue
            out.append(h)
        return out

    def _result(self, hits, flags) -> TagResult:
        best: dict[tuple[str, str], tuple] = {}
        for a, b, t, score in hits:
            neg, guess, hist, hedge = flags[(a, b)]
            guess = guess or t.ambiguous
            unc = guess or hedge
            # asserted first (the present finding before a history), then hedged, then uncertain, then
            # negated; then the first mention
            rank = (neg and not unc, neg, guess, hedge, hist, a)
            key = (t.kind, t.nid)
            old = best.get(key)
            if old is None or rank < old[0]:
                best[key] = (rank, a, b, t, score, neg, unc, hist, hedge and not guess)
        res = TagResult()
        info = self._node_info
        for _, a, b, t, score, neg, unc, hist, hedged in sorted(best.values(), key=_best_order):
            name, path = info[t.nid]
            if t.kind == "condition":
                m = Match(t.nid, name, path, [a, b], neg, unc, score, "condition")
                m.historical, m.hedged, m.weak = hist and not neg, hedged and not neg, t.weak
                res.conditions.append(m)
            else:
                res.concepts.append(Match(t.nid, name, [], [a, b], neg, unc, score, "concept"))
        return res


def _scope24_wanted(text: str, words: set[str], spans: int) -> bool:
    """Whether any block of `Tagger._scope24` can apply: one set look for most texts, then the pairs of words a block
    needs (a negation and "only" or a second name; a first naming and a verdict; "than" and a comparison's word; an
    age and "now"; a belief and "was")."""
    if SCOPE24_ANY.isdisjoint(words):
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


def _definition_row(text: str, body: int, res: TagResult, ontology: Ontology) -> None:
    """Round 23: in a catalogue entry "NAME: DEFINITION" (`DEFINITION_ROW`, the definition starting at `body`), the
    conditions the definition lists as features are background (asserted, never the label); the condition that opens
    the name, those of the definition's class clause, and a subtype of either named later ("... Junctional
    epidermolysis bullosa is characterized by ...") stay label candidates. With none, the entry's subject has no
    node (a syndrome), and no feature becomes its label."""
    from derm1m_build.tagger.labels import _names, refines

    head = body - 2
    while head > 0 and text[head] != ":":
        head -= 1
    name = text[:head]
    # round 24: a name that lists findings ("Hypopigmentation, organomegaly, and delayed myelination", "Cancer, alopecia,
    # pigment dyscrasia, onychodystrophy, and keratoderma") is a syndrome without a node: its first word is one
    # feature, not the subject (a catalogue inversion with "with" keeps its head: "Erythroderma, congenital, with ...")
    listed = FEATURE_LIST_NAME.match(name) is not None
    # round 24: two co-equal diseases ("Congenital heart defects and ectodermal dysplasia"): the second conjunct's
    # disease is a subject too, where the name opens with no node; a sign there stays a feature ("Obesity and
    # hypopigmentation")
    pair = CO_EQUAL_NAME.match(name)
    second = pair.start(2) if pair is not None else -1
    e = DEFINITION_CLASS_END.search(text, body)
    cls_end = e.start() if e is not None else len(text)
    clause = None
    kept, rest = [], []
    for c in res.conditions:
        a, b = c.span
        if c.negated:
            continue
        if a <= 1 and b <= head and DEFINITION_NOT_HEAD.search(text[b:head]) is None and not listed:
            kept.append(c)  # the name's head: "Ichthyosis, lamellar, autosomal dominant", "Hypotrichosis 14"
        elif a == second and b <= head and c.id not in SIGNS and c.id not in SYMPTOMS and c.id not in BACKGROUND \
                and not any(x.span[0] <= 1 for x in res.conditions):
            kept.append(c)
        elif body <= a < cls_end and text[a - 1] != "-":
            kept.append(c)  # the class: "A form of hypotrichosis", "A rare ectodermal dysplasia"
        elif text[a - 2:a] == "; " and text[b:b + 1] == ".":
            kept.append(c)  # a synonym the dictionary gives as a clause of its own ("Tetter: A vesicular disease ...; herpes.")
        elif a < head:
            # named first inside the name, and again in the class ("Ectodermal dysplasia-skin fragility syndrome: A
            # form of ectodermal dysplasia"): one match holds both mentions
            if clause is None:
                # (a hyphenated compound is another name: "A form of keratitis-ichthyosis-deafness syndrome")
                clause = " " + normalise_name(HYPHENATED.sub(" ", text[body:cls_end])) + " "
            (kept if any(x in clause for x in _names(ontology, c.id)) else rest).append(c)
        else:
            rest.append(c)
    for c in rest:
        if not any(refines(ontology, c.id, k.id) for k in kept):
            c.historical = True


def has_derm_term(text: str, tagger: Tagger | None = None) -> bool:
    """Module-level shortcut with the default ontology's tagger (built once)."""
    return (tagger or _default_tagger()).has_derm_term(text)


_DEFAULT: list[Tagger] = []


def _default_tagger() -> Tagger:
    if not _DEFAULT:
        from derm1m_build.ontology import load_ontology

        _DEFAULT.append(Tagger(load_ontology()))
    return _DEFAULT[0]

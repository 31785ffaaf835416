"""The tagger: exact automaton first, fuzzy on what is left, then abbreviations, context and negation.

`Tagger.tag(text) -> TagResult` is what the tag stage, `tag-text`, the caption grounding guard and the
benchmarks use; `tag_many` tags a batch; `has_derm_term` is the cheap yes/no the PubMed pre-filter asks.
One `Match` per ontology node and text: its mention that is asserted if any is, else uncertain, else
negated; the first such mention gives the span.
"""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from typing import Iterable

from derm1m_build.ontology import Ontology
from derm1m_build.tagger import automata
from derm1m_build.tagger.cache import ResultCache
from derm1m_build.tagger.context import ContextAnnotator, DERM_WORDS
from derm1m_build.tagger.corrections import (
    CLINICIAN_VERBS, CORRECTION, CORRECTION_R6, CORRECTION_R6_CLINICIAN, GENERIC_AFTER, GENERIC_BEFORE, GENERIC_WORDS,
    CorrectionPasses, RESEMBLANCE, TURNED_OUT, mole_named, ORGANISM_GATE, organism_only, SIGN_GATE, syndrome_sign, viral_class,
    apposed_class, FIRST_RECORD_WORDS, FIRST_WORDS)
from derm1m_build.tagger.cues import CLINICIANS
from derm1m_build.tagger.exact import ExactMatcher
from derm1m_build.tagger.fastmatch import any_in, first_letter_groups, may
from derm1m_build.tagger.fields import CSV_ROW, FieldPasses, _definition_row, list_items
from derm1m_build.tagger.forms import review_of_systems, unfilled_form
from derm1m_build.tagger.guides import (
    CARE_IMPERATIVE_WORDS, ENDOSCOPY_WORDS, FEATURES_HEADING_WORDS, GENERIC_PREDICATE_WORDS, INSTRUCTION_WORDS,
    GENERAL_ASK_WORDS, exam_question, general_cause, EXAM_STEM_LAST, exam_stem,
    EXAM_OPEN_END, EXAM_OPEN_LEAD_START, exam_open_stem,
    ORGAN_ABSCESS_WORDS, organ_abscess,
    QUANTIFIED_WORDS, SPECIFIC_WORDS, care_instruction, endoscopy_findings, enum_constants, features_heading,
    general_subject, quantified_kind, reviewer_instruction,
    specificity, EVIDENCE_GRADE_WORDS, graded_recommendation, reader_item, REQUEST_VERBS, assistant_request)
from derm1m_build.tagger.compared import COMPARE_WORDS, less_likely_than
from derm1m_build.tagger.renamed import COPULA_WORDS, renamed_subject
from derm1m_build.tagger.screened import LOOKED_WORDS, looked_for_absent
from derm1m_build.tagger.setaside import (AMENDED_WORDS, ASKED_PIECES, ASKED_WORDS, DENIAL_WORDS, DROPPED_WORDS, EXCLUDE_WORDS,
                                          EXPLAIN_WORDS, MORE_WORDS, RAISED_WORDS, RESULT_WORDS, WORRY_WORDS, amended,
                                          asked_answered, denied_after, excluded_by_test, more_than, named_worry,
                                          raised_dropped)
from derm1m_build.tagger.kinds import (MENTION_WORDS, RANKED_WORDS, RISK_NOUNS, RISK_VERBS, colon_alternatives,
                                       header_symptoms, quoted_words, ranked_list, risk_statement)
from derm1m_build.tagger.findings import ABSENT_GATE, DESCRIBED, ERUPTION_WORDS, FindingPasses
from derm1m_build.tagger.fuzzy import FuzzyMatcher
from derm1m_build.tagger.dictentry import read_entry
from derm1m_build.tagger.dispatch import Plans, ResultPass
from derm1m_build.tagger.things import THING_WORDS, thing_compounds
from derm1m_build.tagger.gates import (care_may, dictentry_may, enum_may, instruction_may, kind_object_may, namesake_may,
                                       quantified_may, record_frames_may, reply_may, told_may)
from derm1m_build.tagger.labels import SIGNS, SIGN_ADJECTIVES, SYMPTOMS
from derm1m_build.tagger.lexicon import (
    FALSE_FRIENDS, HEARD, IMPLIED, INHERITANCE_WORDS, INHERITED_KINDS, Target, abbreviations, build_lexicon,
    common_words, inherited_kind)
from derm1m_build.tagger.matching import MatchingPasses, false_starts
from derm1m_build.tagger.memory import prefer_huge_pages
from derm1m_build.tagger.normalise import collapse_spaces, normalise_name, normalise_text, unshift
from derm1m_build.tagger.paths import path_may, read_path
from derm1m_build.tagger.everyday import EVERYDAY_WORDS, FUNCTION_WORDS, everyday_senses, owner_may
from derm1m_build.tagger.events import EVENT_WORDS, ROUND58_EVENT_WORDS, add_events
from derm1m_build.tagger.topics import TOPIC_WORDS, public_topic
from derm1m_build.tagger.burning import BURN_FORMS, burning
from derm1m_build.tagger.precautions import PRECAUTION_WORDS, precautions
from derm1m_build.tagger.figurative import FIGURE_WORDS, figurative
from derm1m_build.tagger.namesakes import NAMESAKE_WORDS, namesakes
from derm1m_build.tagger.presupposed import FACTIVE_VERBS, presupposed
from derm1m_build.tagger.questions import ask_nothing, may_ask
from derm1m_build.tagger.qualifiers import ONE_WORDS, QUALIFIER_FILLERS, TYPE_AFTER_WORDS, QualifierPasses, elliptic_one
from derm1m_build.tagger.research import (KIND_OBJECT_ADJECTIVES, KIND_OBJECT_WORDS, RESEARCH_WORDS, kind_as_object,
                                          research_names)
from derm1m_build.tagger.results import Match, TagResult
from derm1m_build.tagger.scope import (DRUG_EFFECT_WORDS, drug_effects)
from derm1m_build.tagger.scope import (FRAME34_WORDS, POPULATION_WORDS, RECORD_FRAME_WORDS, STATUS_FRAME_WORDS,
                                      ScopePasses, _scope24_wanted, _verdict_subject, conditional_verdicts, frames34,
                                      earlier_topic, expected_features_absent, history_sections, record_frames,
                                      status_frames, EXPECTED_WORDS, DRUG_LABEL_WORDS, PAST_AGE_WORDS,
                                      PRESENT_NOW_WORDS, LOOKS_SIMILAR_WORDS, arising_in, drug_label_sections,
                                      looks_similar, not_in_question, past_episodes, NOT_THE_CAUSE_WORDS, not_the_cause,
                                      CORRECTED_TO_WORDS, corrected_to, dated_past, SUGGESTED_WORDS,
                                      suggestion_answered, CONSIDER_WORDS, consider_when, hedge_confirmed,
                                      RELATIVE_OWNERS, relative_possessive, relative_primary)
from derm1m_build.tagger.speakers import (CASE_CUE, GROUP_BEFORE, PICTURED, REPLY_WORDS, SpeakerPasses, _hit_order,
                                          clinician_reply, writer_guess, FOCUS_WORDS, focus_lesion)
from derm1m_build.tagger.views import ViewPasses, views_wanted
# round 44: the union of its passes' gate words (`Tagger._round44`)
ROUND44_WORDS = CONSIDER_WORDS | EVIDENCE_GRADE_WORDS | KIND_OBJECT_WORDS | REPLY_WORDS
# re-exported: tests and callers import these from here, as before the passes moved out
from derm1m_build.tagger.matching import one_separator  # noqa: F401
from derm1m_build.tagger.speakers import GENERAL, NOT_PHYSICIAN_SAID  # noqa: F401
from derm1m_build.tagger.speakers import REPLY_ROLE_WORDS, role_heading

TOKEN = re.compile(r"[^ |]+")
# a separator run in the fuzzy pass's corrected text: a single space stays, any other run reads "|" (what
# `_fuzzy` does with string replaces)
CORRECTED_GAP = re.compile(r"[ |]{2,}|\|")
SPOKEN_ASKED = re.compile(r"(?<![a-z])(?:is|was) (?:that|this|it)(?: an?| the)?[ |]*$")
SCREENING = re.compile(r"(?<![a-z])screen(?:s|ing|ings)?(?![a-z])")
SCREEN_SHOWN = re.compile(r"(?:^|[ |])(?:on|the|this|that)[ |]+$")
SCREEN_SCOPE_END = re.compile(r"[ |](?:in|with|among|found|finds|showed|shows|revealed|detected|identified|were|was)[ |]")
AT_ALL = re.compile(r"[ |]+at[ |]+all(?![a-z])")
NEXT_NEGATION = re.compile(r"\b(?:no|not|without|nor|negative|absent)\b", re.IGNORECASE)
SPOKEN_NO = re.compile(r"[ |]+(?:(?:hmm|um|uh|er|ah|oh|well)[ |]+)?no(?:[ |]+no)?(?![a-z])(?![ |]+(?:doubt|question))")
PRIOR_FRAME_WORDS = frozenset(("said", "wrote", "put", "labelled", "called", "thought", "diagnosed", "call",
                               "typed", "keyed", "dictated", "reported", "labeled", "coded", "filed", "signed",
                               "provisional", "working", "initial", "preliminary", "presumptive", "admission",
                               "assumed", "presumed", "thinking", "sure", "convinced", "told",
                               # round 57 (`corrections.PRIOR_FRAME`): a first impression, a lesion treated as a name
                               # ("treated" only beside "as": `PRIOR_TREATED_WORDS`, asked in `_finish`)
                               "impression", "instinct", "guess", "froze", "frozen", "cauterised", "cauterized",
                               "curetted", "burned", "burnt",
                               # round 58: a search engine's naming (`corrections.PRIOR_FRAME`)
                               "google", "googled", "internet"))
NOT_PHYSICIAN_WORDS = frozenset(("pharmacist", "chemist", "nurse", "midwife", "visitor", "coach", "beautician",
                                 "hairdresser", "podiatrist", "instructor", "trainer", "chiropodist", "optician",
                                 "physio", "physiotherapist", "pharmacy", "receptionist",
                                 "helpline", "line", "handler", "111"))  # round 13: a gym's (set 9)
# every CORRECTION phrase holds one of these words: texts with none skip the regex
CORRECTION_WORDS = ("wait", "sorry", "rather", "should", "but", "actually", "not", "no this", "no it", "in fact",
                    "review", "reflection", "no these", "no| these", "no they", "no| they", "no those", "no| those",
                    "hold", "scratch", "error", "corrected", "changed", "reclassified", "wrong", "hang", "replaced",
                    "hmm", "ah no", "ah| no", "uh no", "uh| no", "um no", "um| no", "er no", "er| no", "oh no",
                    "oh| no", "i mean|", "and it isn t", "and they aren t")  # (round 60)
# every CORRECTION_R6 phrase holds one of these whole words (a set look-up on the text's words); the clinician
# pattern needs a clinician and one of the verbs
CORRECTION_R6_WORDS = frozenset("actually wait correction nope turns makes biopsied wrong mixed turned thinking second "
                                "think look revised read review rereview final withdrawn retracted rescinded "
                                "revoked crossed struck correct corrected changed altered amended".split())
CLINICIAN_WORDS = frozenset(CLINICIANS)
CLINICIAN_VERB_WORDS = frozenset(CLINICIAN_VERBS)
BUSINESS_ANY = re.compile(r"\s(?:&\s+)?(?:Inc|Ltd|LLC|Corp|Corporation|Co|GmbH|Studios?|Records|Bar|Grill|"
                          r"Cafe|Café|Restaurant|Band|Labs?|Games|Software|Productions|Pictures|Brewing|Brewery|Hotel|"
                          r"Society|Foundation|Association|Trust|Alliance|Support|Lane|Street|Road|Avenue|Hill|Farm|Valley|Park)\b")
NAMING_WORDS = frozenset(("name", "nickname", "surname", "constellation"))
# round 30: the words a removal's year follows (`scope.REMOVED_YEAR`): a text without one needs no look for it
REMOVAL_WORDS = frozenset(("removed", "excised", "resected", "cut"))
CODE_DATASETS = {"dx": "ham10000", "diagnostic": "pad_ufes_20"}
# catalogue order ("Carcinoma, basal cell, nodular type"): the text cut at its punctuation, linearly
SEGMENTS = re.compile(r"([,()\[\];.:!?\n])")
INVERTED_COLON = re.compile(r";\s*(?:type|subtype|variant|form)\s*(?::\s|=\s*)|"
                            # round 37: a subtype field after a sentence stop or a semicolon, its colon optional
                            # ("Diagnosis: basal cell carcinoma. Subtype: superficial.", "Psoriasis; subtype guttate")
                            r"[.;]\s*[Ss]ub-?type\s*(?:[:=]\s*|\s+)|:\s|\s[-\u2013\u2014]+\s|"
                            # round 32: a field's "=" ("label=Keratosis, seborrhoeic", "diagnosis=Carcinoma, ...")
                            r"(?<=[a-z])\s*=\s*(?=[A-Za-z])|"
                            # round 32: a slash before a named subtype ("Contact dermatitis / allergic type")
                            r"\s*/\s*(?=[A-Za-z-]+(?:\s+[A-Za-z-]+){0,2}\s+(?:type|subtype|variant|form)\b)|"
                            # round 33: an arrow from a field or a head to its value ("Urticaria -> chronic spontaneous",
                            # "pattern -> morphoeic") and a spaced slash between a record's fields ("Melanoma / nodular /
                            # ulcerated"): both commas of catalogue order
                            r"\s*(?:-+>|=>|\u2192)\s*|(?<=[A-Za-z)])\s+/\s+(?=[A-Za-z])")
# a dataset's category columns ("nine_partition_label: malignant melanoma" in a Fitzpatrick17k row) name the
# group the row's label belongs to, not a second finding
CATEGORY_FIELD = re.compile(r"\b\w*partition_label\s*[:=]\s*([^;,\n]*)")
# "I would favour granuloma annulare over tinea": the diagnosis after "over" is the one set aside
FAVOUR_OVER = re.compile(r"(?<![a-z])(?:favou?r(?:s|ed|ing)?|"
                         # round 37: findings that support or a reader who prefers one diagnosis over another ("interface
                         # change, supporting tumid lupus over a polymorphic light eruption"): the one after "over" set aside
                         r"support(?:s|ed|ing)?|prefer(?:s|red|ring)?)(?![a-z])[^.;!?]*?(?<![a-z])over(?![a-z])")
# round 17: a test still to settle it keeps the alternative open ("I favour X over Y, but excision will settle it")
STILL_OPEN = re.compile(r"(?<![a-z])(?:will|would|should|could|can|may|might)[ |]+(?:settle|decide|tell|sort)(?![a-z])")
# round 11: "Not every scaly patch is psoriasis", "not all blisters are pemphigoid": the name after the copula is
# the one denied (a pre-trigger's scope stops at the first finding, "scaly")
NOT_EVERY = re.compile(r"(?<![a-z])not[ |]+(?:every|all|each)[ |]+(?:[a-z]+[ |]+){0,4}?(?:is|are)[ |]+(?:an?[ |]+)?$")
# round 12: a second option offered after a hedged first one ("this could be a cold sore; could also be impetigo")
# makes the pair a differential: neither is the diagnosis the text gives
ALSO_BE = re.compile(r"(?<![a-z])(?:could|might|may)[ |]+(?:also|equally)[ |]+be(?:[ |]+(?:an?|the))?[ |]*$")
# round 11: a quoted name corrected in the same breath ("the 'lipoma' is an angiolipoma on histology")
QUOTED_IS = re.compile(r"['\"\u2019\u201d]\s*(?:is|was)\s+(?:in fact\s+|actually\s+|really\s+)?(?:an?\s+)?")
# the words `SITE_AFTER` and `SITE_OF` need ("palm" is looked for as a part of a word: "palmar", "palmoplantar")
SITE_SUBTYPE_WORDS = frozenset("sole soles foot feet heel pad nail nails fingernail fingernails toenail toenails mucosa "
                               "mouth scalp eyelid eyelids genital genitals genitalia".split())
REGION_WORDS = frozenset(("trunk", "torso", "chest", "back", "tummy", "abdomen", "armpits", "axillae", "groins",
                          "groin", "flexures", "nose", "mouth", "nostrils", "eyes"))
SITE_CONCEPT_WORDS = frozenset((
    "back", "chest", "trunk", "flank", "flanks", "lumbar", "scapula", "scapular", "ribs", "toe", "toes", "heel", "heels",
    "plantar", "foot", "armpit", "armpits", "axilla", "axillae", "groin", "groins", "folds", "antecubital",
    "inframammary", "breasts", "eyelid", "eyelids", "canthus", "canthi", "mouth", "nostril", "nostrils", "eyes",
    "tongue", "palate", "buccal", "cheeks", "mucosa", "mucosae", "mucosal", "ring", "rings", "side", "sided", "left", "right",
    "palm", "palms", "palmar", "sole", "soles", "palmaris", "plantaris", "palmoplantaris"))
# round 16: "that's the amelanotic melanoma from the next case": named, but another case's
ELSEWHERE_WORDS = frozenset(("slide", "picture", "image", "photo", "case", "patient"))
# round 9: a disease inside a score's or instrument's name is no finding ("Eczema Area and Severity Index",
# "Pemphigus Disease Area Index", "urticaria activity score", "Severity of Alopecia Tool", "minimal erythema dose")
SCORE_NAME = re.compile(r"[ |]+(?:disease[ |]+)?(?:area[ |]+(?:and[ |]+)?severity[ |]+index|area[ |]+index|"
                        r"(?:activity|severity|symptom)[ |]+(?:score|index|scale)|dose|tool)(?![a-z])")
SCORE_WORDS = frozenset(("index", "score", "scale", "dose", "tool"))  # every SCORE_NAME ends in one of these
GENERAL_WORDS = frozenset(("is", "are", "been"))
GENERIC_SENTENCE_WORDS = frozenset(("deadliest", "rarest", "dangerous", "lethal", "serious", "typically", "usually",
                                    "classically", "such", "common", "frequent", "commonest", "prevalent", "aggressive", "known", "understood", "unclear", "unknown", "elusive", "population",
                                    "clear", "investigated", "determined", "elucidated", "established", "explored",
                                    "clarified"))
FEAR_WORDS = frozenset(("terrified", "scared", "worried", "afraid", "frightened", "petrified", "paranoid"))
LAY_BELIEF_WORDS = frozenset(("thinks", "suspects", "reckons", "reckoned", "says", "saying", "convinced", "sure", "swears", "swore",
                              "believes", "insists", "insisted", "reckon", "swear"))
BELIEF_OR_FEAR_WORDS = LAY_BELIEF_WORDS | FEAR_WORDS
CORRECTED_MODIFIER_WORDS = frozenset(("sorry", "wait", "mean", "rather"))
RELATIVE_WORDS = frozenset(("mother", "father", "mum", "mom", "dad", "sister", "sisters", "brother", "brothers", "aunt",
                            "uncle", "grandmother", "grandfather", "grandma", "grandpa", "cousin", "cousins", "parents",
                            "sibling", "siblings", "twin"))
# round 16: a new or different lesion now ("Had shingles back in 2019; now I've got a totally different itchy rash",
# "I've had psoriasis since I was 12 and now there's a new weird rash"): what was named before it is background
NEW_NOW = re.compile(r"(?<![a-z])now[ |]+(?:there[ |]+s|there[ |]+is|i[ |]+ve[ |]+got|i[ |]+have[ |]+got|i[ |]+have|"
                     r"i[ |]+ve|i[ |]+got|she[ |]+has|he[ |]+has|she[ |]+s[ |]+got|he[ |]+s[ |]+got|has|have|with)[ |]+"
                     r"(?:(?:a|an|some|this|these)[ |]+)?(?:[a-z]+[ |]+){0,3}?(?:new|different|another|second)(?![a-z])")
NEW_NOW_WORDS = frozenset(("new", "different", "another", "second"))
NEW_ERUPTION = re.compile(r"[ |]+(?:[a-z]+[ |]+){0,2}?(?:rash|rashes|eruption|spots|bumps|lumps|sores)(?![a-z])")
# round 17: the same without "now" ("I've had psoriasis since my twenties but this new rash in my armpits is different")
NEW_BUT = re.compile(r"(?<![a-z])but[ |]+(?:this|the|these|a)[ |]+(?:[a-z]+[ |]+){0,2}?(?:new|different)(?![a-z])")
SYNDROME_COMPOUND_AFTER = re.compile(r"(?:-[A-Za-z]+)*(?:\s+(?:totalis|type|congenita))?\s+syndrome\b", re.IGNORECASE)
OVERLAP_AFTER = re.compile(r"\s+overlap\b", re.IGNORECASE)
OVERLAP_JOIN = re.compile(r"(?:-|/|\s+and\s+|\s*-\s*)$")
# round 24: a field change beside the lesion ("Query SCC; actinic cheilitis across the rest of the lip"): background
REST_OF_AFTER = re.compile(r"[ |]+(?:across|over|on|in|along|throughout)[ |]+(?:all[ |]+of[ |]+)?the[ |]+rest[ |]+of(?![a-z])")
# round 16: a conclusion's frame before the last diagnosis named: a caption's "findings, consistent with Y", a
# speaker's "so it's Y", a case's "confirming Y" / "final diagnosis Y"
CONCLUSION_BEFORE = re.compile(r"(?<![a-z])(?:consistent[ |]+with|in[ |]+keeping[ |]+with|compatible[ |]+with|suggestive[ |]+of|"
                               r"typical[ |]+of|diagnostic[ |]+of|characteristic[ |]+of|so[ |]+it[ |]+s|so[ |]+its|"
                               r"so[ |]+this[ |]+is|so[ |]+that[ |]+s|so[ |]+thats|(?:which[ |]+)?(?:makes|would[ |]+make)[ |]+(?:it|this)|"
                               r"final[ |]+diagnosis(?:[ |]+(?:was|is|of))?|confirming|"
                               # round 19: a restatement names what was described ("ringworm altered by steroid, i.e.
                               # tinea incognito", "namely a pyogenic granuloma")
                               r"i[ |]+e|ie|namely|in[ |]+other[ |]+words|"
                               # round 31: a report's finding, then the reading it favours ("septal panniculitis without
                               # vasculitis, favouring erythema nodosum")
                               r"favou?ring|in[ |]+favou?r[ |]+of|"
                               # round 19: a diagnosis reached after the findings ("hepatitis C serology led to a
                               # diagnosis of cryoglobulinaemic vasculitis", "... and a diagnosis of IgA vasculitis was
                               # made"); what the described lesion is most likely ("eyelid dermatitis after a new mascara
                               # is most likely allergic contact dermatitis")
                               r"(?:led|leading|lead|leads)[ |]+to[ |]+(?:a|the)[ |]+diagnosis[ |]+of|"
                               r"(?:made|established|reached)[ |]+(?:a|the)[ |]+diagnosis[ |]+of|and[ |]+a[ |]+diagnosis[ |]+of|"
                               r"(?:is|are)[ |]+(?:most[ |]+likely|probably|likely)|"
                               # round 30: a report's reading of its pattern ("septal panniculitis ...; the picture
                               # fits erythema nodosum", "the appearances would fit ...", "matching the clinical picture
                               # of an ingrown toenail", "the findings support discoid lupus")
                               r"(?:picture|appearances?|findings|features|pattern)[ |]+(?:would[ |]+|will[ |]+|may[ |]+)?"
                               r"(?:fits?|matches|match|supports?)(?:[ |]+with)?|clinical[ |]+picture[ |]+of|"
                               # round 34: a report's reading after its pattern ("septal panniculitis, best regarded as
                               # erythema nodosum")
                               r"(?:best|better)[ |]+(?:regarded|classified|considered)[ |]+as|"
                               # round 17: a test's verdict ("curettage confirmed molluscum contagiosum", "the biopsy
                               # showed dermatitis herpetiformis")
                               r"(?:biopsy|histology|histopathology|pathology|curettage|excision|culture|swab|scrapings?|"
                               r"pcr|dif|serology|dermoscopy|trichoscopy|microscopy)[ |]+(?:[a-z]+[ |]+)?"
                               r"(?:confirmed|confirms|showed|shows|revealed|reveals|grew))"
                               r"(?:[ |]+(?:an?|the))?[ |]*$")
CONCLUSION_WORDS = frozenset(("consistent", "keeping", "compatible", "suggestive", "typical", "diagnostic",
                              "characteristic", "so", "makes", "make", "final", "confirming", "e", "ie", "namely",
                              "words", "led", "leading", "lead", "leads", "made", "established", "reached", "likely",
                              "probably", "fit", "fits", "match", "matches", "support", "supports", "picture",
                              "favouring", "favoring", "favour", "favor", "best", "better"))
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
                            r"(?:with|w|known[ |]+to[ |]+have)[ |]+(?:(?:known|longstanding|long[ |]+standing|"
                            r"background|chronic|treated|stable)[ |]+)?$")
GROUND_PLACE_WORDS = frozenset(("over", "after", "top", "superimposed", "complicating"))
GROUND_PERSON_WORDS = frozenset(("pt", "patient", "man", "woman", "boy", "girl", "child", "toddler", "infant", "baby",
                                 "old", "lady", "gentleman"))
# one look over the whole text before any name's own look (most texts with "with" or "over" have neither cue)
GROUND_ANY = re.compile(r"(?<![a-z])(?:(?:over|after|top[ |]+of|superimposed[ |]+on|complicating)[ |]+(?:her|his|their|my|"
                        r"your|the|its)|(?:pt|patient|man|woman|boy|girl|child|toddler|infant|baby|old|lady|gentleman)[ ]+"
                        r"(?:with|known|w))[ |]")
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
TURNED_OUT_WORDS = frozenset(("turned", "turns", "proved", "fact"))
# round 23: a differential announced before a colon ("In the differential for a single red scaly plaque on the glans:
# Zoon balanitis, erythroplasia of Queyrat, psoriasis."): the list after the colon, to the sentence end, is uncertain
# (the cue stands too far from its first name for the trigger's window; a bare "Differential:" is the triggers' own, and
# a choice settled after it stays settled)
# (round 53: and a clinician's "working list for the coin-shaped plaques on his shins: discoid eczema, psoriasis, ...")
# (round 56: and "Possibilities for the itchy rash confined to the wrists: lichen planus, scabies or ...")
# (round 57: a teacher's request for a list, "I want you to list four things: viral exanthem, drug eruption, early measles,
# Kawasaki disease. we'll come back to which one it is": the candidates, none yet chosen)
DIFFERENTIAL_COLON = re.compile(r"(?<![A-Za-z])(?:(?:differential(?:[ ]diagnos[ie]s)?|differentials|ddx|working[ ]list|possibilities)(?:[ ](?:for|of|here|"
                                r"includes?|is|are|would be)\b[^.:;?!]{0,90})|(?:list|name)[ ](?:(?:two|three|four|five|six|"
                                r"[2-9]|some|a[ ]few)[ ])?(?:things|causes|conditions|diagnoses|candidates)\b[^.:;?!]{0,40}):[ ]",
                                re.IGNORECASE)
LIST_REQUEST_WORDS = frozenset(("things", "causes", "conditions", "diagnoses", "candidates"))
# speed round 59: the words one of which the differential-colon pass needs (its gate: a differential's word, "working list",
# "possibilities", or "list" or "name" with a `LIST_REQUEST_WORDS` word)
DIFFERENTIAL_GATE_WORDS = frozenset(("differential", "differentials", "ddx", "list", "possibilities", "name"))
# speed round 59: the request pass's words (`guides.REQUEST_VERBS`, its gate's first word, lower-cased; a text that opens
# with one of them alone before a space holds it among its words too)
REQUEST_WORDS = frozenset(REQUEST_VERBS)
# round 59 (`presupposed`): the words one of which its gate needs (a factive verb, or "better" with "without")
PRESUPPOSED_GATE_WORDS = FACTIVE_VERBS | frozenset(("better",))
# round 23: a legend that describes, then names the diagnosis after a colon at its end ("Port-wine stain of the left face
# with a vascular malformation of the leptomeninges: Sturge-Weber syndrome."): the name after the colon is the conclusion
COLON_CONCLUSION = re.compile(r":[ ]+(?:(?:an?|the)[ ]+)?$", re.IGNORECASE)
CONCEDED = re.compile(r"(?<![a-z])(?:although|though|albeit)(?:[ |]+[a-z]+){0,3}[ |]+$")
# round 34: an alternative conceded after "but" as merely possible ("compatible with a dermatofibroma, but a DFSP is
# possible", "..., but lupus cannot be excluded")
BUT_CONCEDED = re.compile(r"(?<![a-z])but(?:[ |]+(?:an?|the|also|still))*[ |]+$")
POSSIBLE_AFTER = re.compile(r"[ |]+(?:(?:is|are|remains?|seems?)[ |]+(?:also[ |]+|still[ |]+)?(?:possible|a[ |]+possibility|"
                            r"not[ |]+excluded)|(?:cannot|can[ |]+not|can[ |]+t)[ |]+be[ |]+(?:excluded|ruled[ |]+out))(?![a-z])")
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
def _generic_cue_words(words: set[str]) -> bool:
    """Whether the words can hold a `GENERIC_SENTENCE` or `SUCH_AS` cue (their words together), so that most texts
    with "common" or "such" alone skip the regexes."""
    return (("most" in words and not GENERIC_MOST_WORDS.isdisjoint(words)) or "commonest" in words or ("known" in words and ("little" in words or "not" in words))
            or ("such" in words and "as" in words) or ("yet" in words and "be" in words)
            or ("general" in words and "population" in words) or ("not" in words and "clear" in words)
            or not GENERIC_RARE_WORDS.isdisjoint(words))


GENERIC_RARE_WORDS = frozenset(("unclear", "unknown", "elusive", "understood",
                                # round 40: a ranking by danger or rarity, a disease's usual course
                                "deadliest", "rarest", "dangerous", "lethal", "serious", "typically", "usually",
                                "classically"))
# round 38: the "most X" cues the gate opens for ("most frequent" alone stays closed: sets 22's abstracts annotate "the
# most frequent cancers were skin cancer" as the topic)
GENERIC_MOST_WORDS = frozenset(("common", "prevalent", "aggressive"))
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
# the second word set is needed too: a bare "white", "sweat" or "baby" is common in captions
DESCRIBED_GATES = frozenset().union(*(g for _, g, _, _ in DESCRIBED))
# round 10: what a leaflet, handout or poster says is general, not a finding in the picture ("The leaflet lists
# acne, rosacea and ...", "Leaflet: What is eczema? ...", "..., the poster claims"): every condition uncertain
LEAFLET = re.compile(r"(?:^|(?<![a-z])(?:the|a|this|our|patient|information)(?:[ |]+(?:clinic|patient|information|"
                     r"practice|hospital|nhs|dermatology|charity|safety|campaign|health))?)"
                     # round 28: where it hangs, who hands it out, as a heading ("Waiting-room poster: spot skin cancer
                     # early ...", "Our waiting room poster: ...", "Pharmacy flyer: ...")
                     r"(?:[ |]*(?:waiting[ |]+room|pharmacy|surgery|ward|school|public[ |]+health|prevention))?[ |]*"
                     r"(?:leaflet|handout|poster|brochure|pamphlet|flyer|"
                     # round 19: "Information sheet for parents: what is impetigo and how to stop it spreading"
                     # (round 56: and their plurals, "Posters in the pharmacy list warning signs of skin cancer: ...")
                     r"(?:information|info|fact)[ |]+sheet|factsheet)s?(?![a-z])"
                     # (round 28: not a meeting's poster: "Poster presentation: a case of ...")
                     r"(?![ |]+(?:session|presentation|abstract|board|prize)s?(?![a-z]))"
                     # round 28: a course's outline or syllabus as a heading ("Course outline, week 3: melanoma, ...")
                     r"|^(?:[a-z]+[ |]+)?(?:course|module|lecture|teaching)[ |]+(?:outline|syllabus|plan|handout|notes)(?![a-z])"
                     # round 29: an exam's question as the text's heading ("Question 4 of the exam paper: list three causes
                     # of erythroderma", "Exam question 2: ..."); not an exam named in passing ("drips onto exam papers")
                     r"|^(?:[a-z0-9]+[ |]+){0,4}?exam[ |]+(?:paper|question)s?(?:[ |]+[a-z0-9]+)?[ |]*\|")
LEAFLET_WORDS = frozenset(("leaflet", "handout", "poster", "brochure", "pamphlet", "sheet", "factsheet", "flyer",
                           "outline", "syllabus", "exam", "notes", "leaflets", "handouts", "posters", "brochures",
                           "pamphlets", "sheets", "factsheets", "flyers"))
# round 56: a leaflet named in an opening subordinate clause ("After reading a leaflet about the warning signs of
# melanoma, I showed my GP a rough pink spot ...; she froze it as an actinic keratosis"): the leaflet's words are that
# clause; the main clause after its comma is the writer's own case
LEAFLET_OPENER = re.compile(r"(?:after|having|since|when|once|before)[ |]+(?:[a-z]+[ |]+){0,2}$")
# round 10: a transcript writes abbreviations in lower case ("the arborizing vessels make it a bcc", "you cant tell it
# from an scc"): in an all-lower-case text, these (never an English word, and unlike "bp" or "ad" no everyday
# abbreviation) are read as the upper-case ones, beside another finding
SPEECH_ABBREVIATIONS = frozenset(("bcc", "bccs", "scc", "sccs", "dfsp"))
# round 33: a negation of what remains after treatment ("no residual melanoma", "without recurrent BCC", "no evidence of
# residual or recurrent disease", "no recurrence of the keloid"): the present state, which outranks a history of the name
RESIDUAL_BEFORE = re.compile(r"(?<![a-z])(?:no|nil|without|negative[ |]+for|free[ |]+of|clear[ |]+of)[ |]+"
                             r"(?:(?:evidence|sign|signs|trace)[ |]+(?:of|for)[ |]+)?(?:(?:residual|recurrent|remaining)"
                             r"(?:[ |]+(?:or|and|/)[ |]+(?:residual|recurrent|remaining))?|recurrence[ |]+of(?:[ |]+the)?)"
                             r"[ |]+(?:(?:in[ |]+situ|invasive)[ |]+)?$")
SPEECH_ABBREVIATION = re.compile(r"(?<![a-z0-9])(bccs?|sccs?|dfsp)(?![a-z0-9])")
PICTURED_WORDS = frozenset(("image", "picture", "photo", "photograph", "here", "lesion", "lesions", "rash"))
VERDICT_WORDS = frozenset(("histology", "histopathology", "biopsy", "pathology", "dermoscopy", "dermatoscopy",
                           "excision", "ultrasound", "scrapings", "scraping", "culture", "cultures",
                           "immunofluorescence", "trichoscopy"))
LIKE_HEADS = frozenset(("dermatitis", "eczema", "rash", "eruption", "lesions", "lesion"))
PRESENT_WORDS = ("present", "develop", "today", "now ", " new", "flared")  # round 10: "had a new nodule", "has new papules"; round 52: "known AD flared"


def _best_order(x) -> tuple:
    return x[1], x[2], x[3].nid


# a phase window in `tag_many` (word-level pass of the window, then its rule passes): at most this many texts
# and, once it holds this many characters, no more (a window's prepared forms take ~18 bytes a character of
# its texts, so ~20 MB at most). Speed pass 6: windows of a whole 2,500-caption batch instead of 64 texts cut tagging
# CPU by ~10 % (the unknown-word filter looks each distinct word up once per window, and the exact automaton
# is re-read from memory once per window, not once per 64 texts)
PHASE_WINDOW = 4096
PHASE_CHARS = 1_000_000
CONTEXT_CHARS = 60  # how far (characters) a context word or a supporting finding may be
COMMON_ABBR_ZIPF = 2.5  # an abbreviation this frequent as a lower-case word is also an English word


# speed (round 44): the words of `GENERIC_PREDICATE_WORDS` that `GENERIC_PREDICATE` reads only after "is" / "are" (a
# class noun, a participle or an adjective: "is a chronic disease of", "are classified", "is rare in", "is the main
# cause of"; round 44's rules also after "become(s)": "become more common with age"): a text whose only such words are
# these, with no "is", "are", "become" or "becomes", cannot hold the pattern, so `_finish` skips
# `general_subject` for it (~20 % of the texts the word gate passes: "disease", "tumor", "treated" alone). Exact for an
# ASCII text (the copula is then a word of its own: the pattern has it after a space, a comma, a bracket or the name,
# and a space after it); a text with other characters keeps the word gate alone (IGNORECASE lets "\u0131s" through).
GENERIC_AFTER_COPULA = frozenset((
    "classified", "categorised", "categorized", "graded", "staged", "divided", "caused", "transmitted", "inherited",
    "treated", "managed", "diagnosed", "common", "rare", "uncommon", "frequent", "prevalent", "defined", "disease",
    "diseases", "illness", "disorder", "disorders", "condition", "conditions", "infection", "infections", "dermatosis",
    "dermatoses", "genodermatosis", "tumour", "tumor", "tumours", "tumors", "neoplasm", "malignancy", "cancer",
    "cancers", "eruption", "eruptions", "cause", "complication", "complications", "commonest", "leading",
    "main"))
# the rest: a verb, a modal or an adverb the pattern reads without a copula ("presents with", "can follow", "typically")
GENERIC_FREE_WORDS = GENERIC_PREDICATE_WORDS - GENERIC_AFTER_COPULA


from derm1m_build.tagger.context import ROUND22_WORDS  # noqa: E402 (speed round 46: `FINISH_GATE_SETS`)
from derm1m_build.tagger.scope import SCOPE24_ANY  # noqa: E402 (speed round 46: `FINISH_GATE_SETS`)

# round 57 (`setaside`): any word one of its passes needs
SETASIDE_ANY = (DENIAL_WORDS | EXPLAIN_WORDS | RAISED_WORDS | WORRY_WORDS | AMENDED_WORDS | ASKED_WORDS | MORE_WORDS
                | EXCLUDE_WORDS)
# speed round 58: read as two looks, its two words common in prose ("or" in ~15 % of the million benchmark's captions, "more"
# in ~5 %) on the text's words, the others on `gw` (`FINISH_GATE_SETS` holds them): the same answer, and no common word
# joins every caption's `gw`
SETASIDE_COMMON = SETASIDE_ANY & frozenset(("or", "more"))
SETASIDE_RARE = SETASIDE_ANY - SETASIDE_COMMON

# speed (round 34): the word sets `_finish` gates on with `X.isdisjoint(gw)`; a set used so must be listed here (its
# words are what `gw` keeps of a text's words; tests/test_tagger_speed34_gates.py checks each gate of `_finish`)
FINISH_GATE_SETS: tuple[frozenset[str], ...] = (
    ABSENT_GATE,
    BELIEF_OR_FEAR_WORDS,
    CLINICIAN_VERB_WORDS,
    CLINICIAN_WORDS,
    COMMON_IN_GROUP_WORDS,
    COMPOUND_WORDS,
    CONCLUSION_WORDS,
    CORRECTED_MODIFIER_WORDS,
    CORRECTION_R6_WORDS,
    DESCRIBED_GATES,
    ELSEWHERE_WORDS,
    ERUPTION_WORDS,
    FEAR_WORDS,
    GENERAL_WORDS,
    GENERIC_SENTENCE_WORDS,
    GENERIC_WORDS,
    GROUND_PERSON_WORDS,
    GROUND_PLACE_WORDS,
    GROUP_WORDS,
    INHERITANCE_WORDS,
    LAY_BELIEF_WORDS,
    LEAFLET_WORDS,
    NAMING_WORDS,
    NEW_NOW_WORDS,
    NOTHING_MALIGNANT_WORDS,
    NOT_PHYSICIAN_WORDS,
    PICTURED_WORDS,
    PRIOR_FRAME_WORDS,
    QUALIFIER_FILLERS,
    RATE_GROUP_WORDS,
    RATE_WORDS,
    RECORD_FRAME_WORDS,
    REGION_WORDS,
    RELATIVE_WORDS,
    REMOVAL_WORDS,
    SCORE_WORDS,
    SITE_CONCEPT_WORDS,
    THING_WORDS,  # round 58 (`things`)
    SITE_SUBTYPE_WORDS,
    SPEECH_ABBREVIATIONS,
    STATUS_FRAME_WORDS,
    THRUSH_ORAL,
    TURNED_OUT_WORDS,
    TYPE_AFTER_WORDS,
    VERDICT_TESTS,
    VERDICT_VERBS,
    VERDICT_WORDS,
    # speed (round 44): the word sets of the rounds 40-43 gates after `_result` (they read `gw` since round 44; they
    # read all of the text's words before, which cost ~1 us a set on a text with conditions)
    CARE_IMPERATIVE_WORDS,
    CORRECTED_TO_WORDS,
    DRUG_LABEL_WORDS,
    ENDOSCOPY_WORDS,
    EXPECTED_WORDS,
    FEATURES_HEADING_WORDS,
    FRAME34_WORDS,
    GENERIC_PREDICATE_WORDS,
    INSTRUCTION_WORDS,
    LOOKS_SIMILAR_WORDS,
    NOT_THE_CAUSE_WORDS,
    ORGAN_ABSCESS_WORDS,
    PAST_AGE_WORDS,
    POPULATION_WORDS,
    PRESENT_NOW_WORDS,
    QUANTIFIED_WORDS,
    RESEARCH_WORDS,
    SPECIFIC_WORDS,
    SUGGESTED_WORDS,
    # speed round 46: the round-44 gate's words (`ROUND44_WORDS`, the union of its passes' own lists, so a word one of
    # them adds is here too), `_scope24_wanted`'s first look (`scope.SCOPE24_ANY`) and ConText's round-22 look
    # (`context.ROUND22_WORDS`), all read on `gw` since (the sets themselves, never copies of their words)
    ROUND44_WORDS,
    SCOPE24_ANY,
    ROUND22_WORDS,
    GENERAL_ASK_WORDS,  # round 49 (`guides.exam_question`, `guides.general_cause`)
    EVENT_WORDS,  # round 58 (`events`)
    # speed round 58: the three larger word sets of the gates after `_result` that read all of a text's words (29 of
    # `SETASIDE_ANY`'s 31, 18 and 12 words, each looked up in the text's ~38-word set: ~2 / ~0.7 us a caption at load),
    # read on `gw` since; their words are rare (a caption's `gw`, ~7 words, grows by ~0.005)
    SETASIDE_RARE,
    RELATIVE_OWNERS,
    REPLY_ROLE_WORDS,
    FIGURE_WORDS,  # round 59 (`figurative`)
    NAMESAKE_WORDS,  # round 59 (`namesakes`)
)


class Tagger(MatchingPasses, FindingPasses, FieldPasses, CorrectionPasses, QualifierPasses, SpeakerPasses, ScopePasses, ViewPasses):
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
        self._abbr_values = abbr_keys if self.abbrevs else {}  # key -> (its length, its abbreviation)
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
        # speed (round 34): every word a gate of `_finish` asks for (`FINISH_GATE_SETS`, the sign and qualifier words,
        # the thrush sites); `_finish` intersects the text's words with it once and the ~45 gates ask that small set
        # (a gate's answer is the same: each gate set lies inside the union; tests/test_tagger_speed34_gates.py)
        # (speed round 38: and the abbreviation keys in lower case, so the abbreviation pre-check reads `gw` too, not
        # all of the text's words a second time)
        # (speed round 59: and every gate word of the result passes' registry, `RESULT_PASSES`: a text's plan of
        # result passes is read from its gate words, `dispatch.Plans`)
        self._result_plans = Plans(RESULT_PASSES)
        self._gate_words = frozenset().union(*FINISH_GATE_SETS, *(ws for ws, _ in THRUSH_SITES),
                                             self._sign_words, self._qualifier_words, self._abbr_lower_keys,
                                             self._result_plans.words)
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
        exact_hits = self.exact.hits
        for b in base:
            if b is None:
                out.append(None)
                continue
            n, c, shifts, padded, words = b
            # a text's promising words are its words among the window's promising ones: a text with none (most)
            # needs no list of its unknown words, the fuzzy pass skips it
            if unknown_all is not None and not (unknown_all and not promising.isdisjoint(words)):
                # (speed round 51: what `_exact_and_fuzzy` returns for a text with no unknown word, its exact hits,
                # asked of the automaton here with no call in between: ~89 % of the million benchmark's texts)
                out.append((n, c, shifts, padded, words, exact_hits(c, padded)))
                continue
            unknown = None if unknown_all is None else list(unknown_all.intersection(words))
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
        gw = self._gate_words.intersection(words)  # what the word gates below read (`FINISH_GATE_SETS`)
        if shifts:
            hits = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, t, sc) for a, b, t, sc in hits]
        if "-" in text:  # round 52: a word written as its spoken syllables ("sorry-asis")
            hits = self._syllables(text, n, hits)
        if hits and (" and " in n or " or " in n):
            hits = self._coordinated(n, hits)
        if hits and (("not" in words and "| not " in n) or ("rather" in words and " rather than " in n)):
            hits = self._elliptic(n, hits)
        if hits and "not" in words and (" not " in n):
            hits = self._not_kind(n, hits)
        if self.abbr_automaton is not None:
            hits = self._abbreviations(text, n, hits, gw)  # (gw holds the text's words that are abbreviation keys)
        if hits and not SPEECH_ABBREVIATIONS.isdisjoint(gw) and text.islower():
            for m in SPEECH_ABBREVIATION.finditer(n):
                a, b = m.span(1)
                ids = self.abbrevs.get(m.group(1).upper()) or self.abbrevs.get(m.group(1).upper().rstrip("S"))
                if ids and len(ids) == 1 and ids[0] in self.ontology.conditions \
                        and not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", ids[0], 0), 100.0))
        # round 15: a colon or a spaced dash after the head is catalogue order too ("Tinea: pedis", "Keratosis:
        # seborrhoeic", "Hemangioma \u2014 infantile", "Psoriasis; type: guttate"); read as commas, same offsets
        cat, ncat = text, n
        # (round 36: a doubled dash too, "Actinic keratosis -- hypertrophic type", which INVERTED_COLON reads already)
        # (speed round 46: the one-character finds first, each two-character one after its first character's memchr)
        if len(text) < 200 and ("/" in text or "=" in text or ">" in text or "\u2192" in text or (":" in text and ": " in text)
                                or ("-" in text and (" - " in text or " -- " in text)) or "ubtype" in text
                                or " \u2014 " in text or " \u2013 " in text) \
                and len(n) == len(text):
            for m in INVERTED_COLON.finditer(text):
                a, b = m.span()
                cat = cat[:a] + "," + " " * (b - a - 1) + cat[b:]
                ncat = ncat[:a] + "|" + " " * (b - a - 1) + ncat[b:]
        if hits and ("ubtype" in text or "variant" in text or ">" in text):  # round 38 (`SUBTYPE_VALUE`)
            hits = self._subtype_values(text, hits)
        if ("," in cat or "(" in cat) and not (text.startswith("ISIC_") and ",IP_" in text[:30]):
            # (round 10: an ISIC 2020 row's "seborrheic keratosis,benign,0" is a diagnosis and its benign /
            # malignant column, not "keratosis, benign" in catalogue order)
            hits = self._inverted(cat, ncat, hits)
        if hits and "/" in text:
            hits = self._slash_pairs(text, hits)
        if hits and not TYPE_AFTER_WORDS.isdisjoint(gw):
            hits = self._type_after(text, hits)
        if len(hits) > 1 and "(" in text and " (" in text:
            hits = self._restated(text, hits)
        if hits and ("palm" in n or not SITE_SUBTYPE_WORDS.isdisjoint(gw)):
            hits = self._site_subtypes(text, hits)
        if ":" in text and ("dx" in text or "diagnostic" in text):
            hits = self._code_fields(text, hits)
        if "," in text and CSV_ROW.match(text):
            hits = self._csv_row(text, hits)
        if hits and "-" in text and (".png" in text or "disease" in text) and self._ddi_slugs:
            hits = self._ddi_slug(text, hits)
        if hits and not ERUPTION_WORDS.isdisjoint(gw) and not REGION_WORDS.isdisjoint(gw):
            hits = self._site_distributions(n, hits)
        # round 10: a named site's distribution concept (`_site_concepts`); it supports a lay name near it like any
        # finding, but the context of the other findings is read without it (a site's span never links another
        # finding to a negation or a history)
        if hits and ("sole" in words or "palm" in words):
            hits = self._one_site(n, hits)
        sites = None
        if hits and not SITE_CONCEPT_WORDS.isdisjoint(gw):
            sites = self._site_concepts(text, n, hits, words)
            if sites:
                hits = hits + sites
        if "malignancy" in words and "no" in words and "malignant" in self.ontology.conditions:
            for m in NO_MALIGNANCY.finditer(n):
                a, b = m.span(1)
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", "malignant", 0), 100.0))
        if "nothing" in words and not NOTHING_MALIGNANT_WORDS.isdisjoint(gw) and "malignant" in self.ontology.conditions:
            for m in NOTHING_MALIGNANT.finditer(n):
                a, b = m.span(1)
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits.append((a, b, Target("condition", "malignant", 0), 100.0))
        absent = None
        if not ABSENT_GATE.isdisjoint(gw):
            hits, absent = self._absent_words(n, hits)
        if not DESCRIBED_GATES.isdisjoint(gw):
            hits = self._described(n, words, hits)
        if hits and not COMPOUND_WORDS.isdisjoint(gw):
            # round 14: a compound of two lesion words names both ("maculopapular": macule and papule); the
            # lexicon key tags the first (ontology synonyms), the second is added over the same span
            for a, b, t, _ in list(hits):
                second = COMPOUND_CONCEPTS.get(n[a:b]) if t.kind == "concept" else None
                if second in self.ontology.concepts and second != t.nid:
                    hits.append((a, b, Target("concept", second, 0), 100.0))
        if "basal" in words and "cell" in words and "basal-cell-carcinoma" in self.ontology.conditions:
            # (round 26: read on `c`, which keeps the "|" of a clause end the pattern looks for: "it's a pigmented
            # basal cell, you can see the nests"; `padded` has it as a space)
            for m in BASAL_CELL.finditer(c):
                a, b = m.start(), m.end()
                nid = "basal-cell-carcinoma"
                # round 26: its qualifier before it names the kind ("a pigmented basal cell", "nodular basal cell")
                q = c.rfind(" ", 0, a - 1) + 1
                entry = self.lexicon.get(c[q:a] + "basal cell carcinoma") if 0 < a - q < 20 else None
                kinds = [t.nid for t in entry.targets if t.kind == "condition"] if entry is not None else []
                if kinds and kinds[0] in self.ontology.conditions:
                    a, nid = q, kinds[0]
                a0 = m.start()
                if shifts:
                    a, b, a0 = unshift(a, shifts), unshift(b - 1, shifts) + 1, unshift(a0, shifts)
                # (the qualifier's own concept, "pigmented", stays beside it)
                if not any(x < b and a < y and (u.kind == "condition" or x >= a0 or a == a0) for x, y, u, _ in hits):
                    hits.append((a, b, Target("condition", nid, 0), 100.0))
        # speed round 46: each name the "_" gates below look for holds a "_" (`UNDERSCORE_NEEDLES`): most texts have
        # none, and one C memchr answers for all of them (each name's own find reads the whole text)
        under = "_" in text
        if under and "diagnosis_" in text and hits:
            hits = self._isic_levels(text, hits)
        if under and ("pigment_network" in text or "seven_point" in text):
            hits = self._derm7pt(text, hits)
        if under and "partition_label" in text:
            cats = [m.span(1) for m in CATEGORY_FIELD.finditer(text)]
            hits = [h for h in hits if h[2].kind != "condition" or not any(a <= h[0] and h[1] <= b for a, b in cats)]
        if hits:
            hits = self._context_words(n, hits)
        if hits and not CORRECTED_MODIFIER_WORDS.isdisjoint(gw):
            hits = self._corrected_modifier(n, hits)
        if hits and "thrush" in words and THRUSH_ORAL.isdisjoint(gw):
            nid = next((x for ws, x in THRUSH_SITES if not ws.isdisjoint(gw)), None)
            if nid in self.ontology.conditions:
                hits = [(a, b, Target("condition", nid, 0), sc) if t.nid == "oral-candidiasis"
                        and text[a:b].lower() == "thrush" else (a, b, t, sc) for a, b, t, sc in hits]
        if hits and "-" in text and "-like " in text:  # (speed round 46: the "-" first, one memchr)
            # round 8: the generic head of an "X-like" phrase ("psoriasis-like dermatitis" in a mouse model) is
            # no finding of its own; X stays, uncertain (`context`)
            hits = [h for h in hits if not (h[2].kind == "condition" and text[max(0, h[0] - 6):h[0]] == "-like "
                                            and text[h[0]:h[1]].lower() in LIKE_HEADS)]
        if hits and not SCORE_WORDS.isdisjoint(gw):
            hits = [h for h in hits if not SCORE_NAME.match(n, h[1])]
        if hits and not THING_WORDS.isdisjoint(gw):
            hits = thing_compounds(n, hits)  # round 58 (`things`: "lice shampoo", "blister card", "tree scar")
        if hits and (":" in text or "=" in text or "acnes" in words or "virus" in n or not NAMING_WORDS.isdisjoint(gw) or (
                self._business_candidate(text, hits) if text.isascii() else (may(BUSINESS_ANY, text) and BUSINESS_ANY.search(text)))):
            hits = self._not_findings(text, n, words, hits)
        if hits and all(h[2].nid in self._not_support or (sites and h in sites) for h in hits) \
                and not self.derm_words & words:
            # only colour, shape or arrangement words, and nothing about skin ("red" and "round" in a
            # microscopy legend): not a lesion described
            hits = []
        # (after the colour-only look: "DO BLACK ANTS BITE PEOPLE" describes no black lesion)
        # round 59: round 58's words, or what `gates.told_may` asks for round 59's
        if not EVENT_WORDS.isdisjoint(gw) and (not ROUND58_EVENT_WORDS.isdisjoint(gw) or told_may(n, gw, hits)):
            # round 58 (`events`: "shark bites surfer", "bitten by a sloth")
            hits = add_events(n, hits, self.ontology.conditions.__contains__, text)
        if not hits:  # round 55: a taxonomy path's group levels name what no word of it does (`paths`)
            return read_path(text, TagResult(), self) if ":" in text and path_may(text) else TagResult()
        hits.sort(key=_hit_order)
        spans = list(dict.fromkeys((a, b) for a, b, _, _ in hits))
        if trig is None:
            trig = self.context.triggers(c, padded)
        if shifts:
            trig = [(unshift(a, shifts), unshift(b - 1, shifts) + 1, k, d) for a, b, k, d in trig]
        if sites:
            own = {(a, b) for a, b, _, _ in sites}
            main = [sp for sp in spans if sp not in own]
            flags = dict(zip(spans, self.context.annotate(text, n, spans, trig, words, gw)))
            flags.update(zip(main, self.context.annotate(text, n, main, trig, words, gw)))
        else:
            flags = dict(zip(spans, self.context.annotate(text, n, spans, trig, words, gw)))
        if absent:
            for sp in absent:
                f = flags[sp]
                f[0], f[1], f[2], f[3] = True, False, False, False
        if not ELSEWHERE_WORDS.isdisjoint(gw):
            self._elsewhere(n, hits, flags)
        # a correction needs two conditions (one set aside, one after it): most texts skip the regex
        if len(spans) > 1 and len({(a, b) for a, b, t, _ in hits if t.kind == "condition"}) > 1:
            old = bool(self._correction_words(n)) and self._correction_any(n) is not None
            # a marker sets aside only a condition before it: look from the first condition's end
            fce = min(b for a, b, t, _ in hits if t.kind == "condition")
            r6 = (not CORRECTION_R6_WORDS.isdisjoint(gw) and (CORRECTION_R6.search(n, fce) is not None or (
                "turned" in words and TURNED_OUT.search(n, fce) is not None))) or (
                not CLINICIAN_WORDS.isdisjoint(gw) and not CLINICIAN_VERB_WORDS.isdisjoint(gw)
                and CORRECTION_R6_CLINICIAN.search(n, fce) is not None)
            # the "but" rule answers a guess only: texts without one skip it
            but = "but" in words and any(not f[0] and "but" in n[b:b + 80] and (f[1] and not f[3] or (
                f[3] and RESEMBLANCE.search(n, max(0, a - 24), a) is not None)) for (a, b), f in flags.items())
            if "?" in text or old or r6 or but:
                self._corrections(text, n, hits, flags, old, r6, but)
            if not PRIOR_FRAME_WORDS.isdisjoint(gw) or (not FIRST_RECORD_WORDS.isdisjoint(words)
                                                        and not FIRST_WORDS.isdisjoint(words)) or (
                    "treated" in words and "as" in words):
                self._prior_named(n, hits, flags)  # (round 55: "I first recorded X but ...", `corrections.FIRST_FRAME`)
        if "would" in words and len(spans) > 1:
            self._counterfactual(n, hits, flags)
        if len(spans) > 1 and not GENERIC_WORDS.isdisjoint(gw):
            self._counterfactual(n, hits, flags, GENERIC_AFTER, GENERIC_BEFORE)
        if "no" in words and text.islower() and not {"is", "was"}.isdisjoint(words):
            # round 15: a spoken question answered "no" without a question mark ("hmm is that a blue naevus hmm no
            # the shape's all wrong"): the name asked about is set aside
            for a, b, t, _ in hits:
                if t.kind == "condition" and SPOKEN_ASKED.search(n, max(0, a - 24), a) and SPOKEN_NO.match(n, b):
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
        if "?" in text:
            self._question_no(text, n, hits, flags)
        if not VERDICT_WORDS.isdisjoint(gw) or ("clinic" in words and "seen" in words):
            self._verdicts(n, hits, flags)
        # (speed round 46: " or " in `n` is the word "or" among `words`, asked first: one set look, no find, for most texts)
        if "or" in words and " or " in n and ("is " in n or "could " in n or "can " in n or "was " in n):
            self._alternatives(n, hits, flags)
        if "either" in words and " or " in n:
            self._either_or(n, hits, flags)
        # (speed round 53: `_presented` marks a name before the presenting cue only when another follows it, a second
        # span; so do the "also be", quoted-name and conceded-alternative rules below: one length look first)
        if len(spans) > 1 and self._present_words(n):
            self._presented(n, hits, flags)
        if "over" in words and " over " in n and ("favo" in n or "support" in n or "prefer" in n):  # (speed round 46)
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
        if len(spans) > 1 and ("lso be" in n or "equally be" in n):
            conds = sorted((a, b) for a, b, t, _ in hits if t.kind == "condition")
            second = next((a for a, b in conds if ALSO_BE.search(n, max(0, a - 24), a)), None)
            if second is not None:
                for a, b in conds:
                    f = flags[(a, b)]
                    if a < second and f[3] and not f[0]:
                        f[1], f[3] = True, False
        if len(spans) > 1 and ("'" in text or "\u2019" in text or '"' in text or "\u201d" in text):
            conds = {a: b for a, b, t, _ in hits if t.kind == "condition"}
            for a, b in conds.items():
                m = QUOTED_IS.match(text, b) if a and text[a - 1] in "'\"\u2018\u201c" else None
                if m is not None and m.end() in conds:
                    f = flags[(a, b)]
                    f[0], f[1], f[2], f[3] = True, False, False, False
        if "now" in words and len(spans) > 1:
            self._was_now(n, hits, flags)
        if not RELATIVE_WORDS.isdisjoint(gw):
            self._relative_has(text, n, hits, flags)
        if ("now" in words or "but" in words) and (len(spans) > 1 or not ERUPTION_WORDS.isdisjoint(gw)) \
                and not NEW_NOW_WORDS.isdisjoint(gw):
            m = NEW_NOW.search(n) if "now" in words else None
            if m is None and "but" in words:
                m = NEW_BUT.search(n)
            # round 32: the new thing may be an eruption no name is read in ("now there's a new weird rash in my
            # armpits": one armpit gives no distribution concept since this round)
            if m is not None and len(spans) == 1 and not NEW_ERUPTION.match(n, m.end()):
                m = None
            if m is not None:
                for a, b, t, _ in hits:
                    if t.kind == "condition" and b <= m.start() and not flags[(a, b)][0]:
                        flags[(a, b)][2] = True
        if len(spans) > 2 and "or" in words and " or " in n:
            self._or_list(n, hits, flags)
        if len(spans) > 1 and "or" in words and " or " in n:
            self._or_pair(text, n, hits, flags)
        if len(spans) > 1 and ("though" in n or "albeit" in n or (
                "but" in words and " but " in n and ("possib" in n or "exclude" in n or "ruled" in n))):
            # round 16: a hedged alternative conceded after the hedged working diagnosis ("Probably hand eczema ...,
            # though contact allergy is possible") is a guess: the working diagnosis keeps the label
            conds = sorted((a, b) for a, b, t, _ in hits if t.kind == "condition")
            for i, (a, b) in enumerate(conds):
                f = flags[(a, b)]
                if f[3] and not f[1] and not f[0] and (CONCEDED.search(n, max(0, a - 40), a) or (
                        BUT_CONCEDED.search(n, max(0, a - 16), a) and POSSIBLE_AFTER.match(n, b))) \
                        and any(flags[x][3] and not flags[x][0] for x in conds[:i]):
                    f[1], f[3] = True, False
        if not NOT_PHYSICIAN_WORDS.isdisjoint(gw):
            self._not_physician(text, n, hits, flags)
        if not GENERAL_WORDS.isdisjoint(gw) and ":" not in text:
            self._general(text, n, hits, flags)
        if not BELIEF_OR_FEAR_WORDS.isdisjoint(gw):  # one look for both (most texts have neither)
            if not LAY_BELIEF_WORDS.isdisjoint(gw):
                self._lay_belief(text, n, hits, flags, self.ontology.path_ids)
            if not FEAR_WORDS.isdisjoint(gw):
                self._fear(n, hits, flags)
        if not GENERIC_SENTENCE_WORDS.isdisjoint(gw) and ":" not in text and _generic_cue_words(words):
            self._generic_sentence(text, n, hits, flags)
        rate = "with" in words and not RATE_GROUP_WORDS.isdisjoint(gw) and not RATE_WORDS.isdisjoint(gw)
        if "with" in words and "in" in words and (rate or not COMMON_IN_GROUP_WORDS.isdisjoint(gw)):
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
        if not GROUP_WORDS.isdisjoint(gw) and "with" in words:
            for a, b, t, _ in hits:
                m = GROUP_AFTER.match(n, b) if t.kind == "condition" else None
                if m is not None and GROUP_BEFORE.search(n, max(0, a - 20), a):
                    for x, y, u, _ in hits:  # the name and its bracketed abbreviation
                        f = flags[(x, y)]
                        if u.nid == t.nid and a <= x and y <= m.end() and not f[0]:
                            f[1], f[3] = True, False
        if not LEAFLET_WORDS.isdisjoint(gw) and (lm := LEAFLET.search(n)) is not None and not PICTURED.search(n):
            # (a text that also points at the picture says what is in it: "the handout calls it acne; that is an
            # error, the picture shows rosacea")
            # round 44: the leaflet's words end where a later clause turns to a patient's lesion (`CASE_CUE`: "The
            # leaflet lists warning signs of skin cancer; her spot is a harmless solar lentigo"): that clause is the case
            stop = len(n)
            if lm.start() < 24 and LEAFLET_OPENER.fullmatch(n, 0, lm.start()) is not None and (k := text.find(", ", lm.end())) >= 0:
                stop = k  # round 56: the opening clause is the leaflet's (`LEAFLET_OPENER`)
            # (round 57: a sentence closed inside its quotation mark too, "... signs of melanoma.' The photo itself: ...")
            # (round 58: a clause after "but" too, "The leaflet lists the warning signs of skin cancer, but this red spot
            # on his chest is a cherry angioma", set 42)
            for j in (i for i in (text.find(";", lm.end()), text.find(". ", lm.end()), text.find(".' ", lm.end()),
                                  text.find('." ', lm.end()), text.find(" but ", lm.end())) if i >= 0):
                if CASE_CUE.search(n, j) is not None:
                    stop = min(stop, j)
            for a, b, t, _ in hits:
                f = flags[(a, b)]
                if t.kind == "condition" and not f[0] and a < stop:
                    f[1], f[3] = True, False
        if not PICTURED_WORDS.isdisjoint(gw) and len(spans) > 1:
            self._pictured(text, n, hits, flags)
        if (under and "skin_condition" in text) or ("{" in text and ":" in text):
            self._scin_alternatives(text, hits, flags)
        if len(spans) > 1 and not self._sign_words.isdisjoint(gw):
            hits = self._signs(text, hits, flags)
        if _scope24_wanted(text, words, len(spans), gw):
            self._scope24(text, n, words, hits, flags)
        if views_wanted(words, len(spans)):
            self._views(text, n, words, hits, flags)
        if not INHERITANCE_WORDS.isdisjoint(gw):  # round 23 (vocabulary): an inherited kind (`inherited_kind`)
            hits = [(a, b, replace(t, nid=inherited_kind(t.nid, words)) if t.nid in INHERITED_KINDS else t, sc)
                    for a, b, t, sc in hits]
        if "screen" in n:
            self._screening(text, n, hits, flags)
        if "all" in words and "not" in words and len(spans) > 1:
            # round 37: a name denied outright ("This 'new mole' ... is not a mole at all: it is a lentigo maligna"): the
            # denial covers the text's every mention of it, the earlier naming included
            for a, b, t, _ in hits:
                if t.kind == "condition" and flags[(a, b)][0] and AT_ALL.match(n, b):
                    for x, y, u, _ in hits:
                        f = flags[(x, y)]
                        if u.nid == t.nid and not f[1] and not f[3]:
                            f[0], f[2] = True, False
        if "," in text and len(spans) > 1:
            self._apposed_kin(text, hits, flags)
            if "no" in words or "nope" in words:
                self._spoken_no(text, hits, flags)
            if "not" in words:
                self._spoken_not_repeat(text, hits, flags)
        elif "," in text and spans and "-" in text and ("no" in words or "nope" in words):
            self._spoken_no(text, hits, flags)  # round 42: one name after a broken-off half word
        if "if" in words and "," in text:  # round 38: "if ..., it is X"
            conditional_verdicts(text, n, hits, flags)
        if len(spans) > 1 and "(" in text:  # round 47: "X (ABBR)" is one naming (`_bracket_gloss`)
            hits = self._bracket_gloss(text, hits, flags)
        res = self._result(hits, flags, n if "residual" in words or "recurrent" in words or "recurrence" in words
                           or "remaining" in words else None)
        # the result passes (`RESULT_PASSES`): those the text's gate words and characters can open, in order (`dispatch`)
        for run in self._result_plans.plan(gw, text):
            out = run(self, text, n, words, gw, res, under)
            if out is not None:
                return out
        return res

    def _set_aside(self, text: str, res: TagResult, words: set[str]) -> None:
        """Round 57 (`setaside`): a name set aside by the clause after it, each pass asked where its own words are."""
        if ("," in text and not DENIAL_WORDS.isdisjoint(words)) or "never" in words or not EXPLAIN_WORDS.isdisjoint(words):
            denied_after(text, res)
        if not RAISED_WORDS.isdisjoint(words) and not DROPPED_WORDS.isdisjoint(words):
            raised_dropped(text, res, self.ontology.path_ids)
        if len(res.conditions) > 1:
            if not WORRY_WORDS.isdisjoint(words):
                named_worry(text, res, self.ontology.path_ids)
            if not AMENDED_WORDS.isdisjoint(words):
                amended(text, res, self.ontology.path_ids)
            if "or" in words and ("is" in words or "was" in words) and ASKED_PIECES.search(text) is not None:
                asked_answered(text, res)
            if "more" in words and "than" in words:
                more_than(text, res, self.ontology.path_ids)
        if res.conditions and not EXCLUDE_WORDS.isdisjoint(words) and (not RESULT_WORDS.isdisjoint(words)
                                                                       or "excluded" in words or "ruled" in words):
            excluded_by_test(text, res, self.tag)

    def _apposed_kin(self, text: str, hits, flags) -> None:
        """Round 37: a name restated at once after a comma by its own kin, a lay word and its medical name ("had been told
        he had ringworm, tinea, but this is psoriasis", "eczema, atopic dermatitis, is ruled out"), is one naming: the
        restatement shares the negation of the name it restates (a scope that ends at the comma would leave it
        asserted)."""
        conds = sorted({(a, b): t.nid for a, b, t, _ in hits if t.kind == "condition"}.items())
        for ((a1, b1), x), ((a2, b2), y) in zip(conds, conds[1:]):
            f, g = flags[(a1, b1)], flags[(a2, b2)]
            # (a comma on both sides of the restatement: not "pemphigus, pemphigoid sorry" nor "X; Y from ...")
            if f[0] and not g[0] and x != y and text[b1:a2] == ", " and text[b2:b2 + 1] == "," \
                    and self._kin(x, y):
                g[0], g[1], g[2], g[3] = True, False, False, False

    def _bracket_gloss(self, text: str, hits, flags) -> list:
        """Round 47: a name glossed at once in brackets by itself or its kin, an abbreviation or a lay word ("suspected
        basal cell carcinoma (BCC)", "no herpes zoster (shingles)", "possibly linear scleroderma (morphoea)"), is one
        naming: the bracketed gloss takes the status of the name it glosses. A bracket ended every trigger's scope
        (`context.BRACKETS`), so the gloss alone was read as asserted and, asserted ranking first, overrode the hedged
        or negated name ("No basal cell carcinoma (BCC) was seen" asserted a carcinoma). Only a bracket that holds the
        name and nothing else, right after the name, is a gloss ("BCC (left cheek, suspected)" is not one). The reading
        that carries a status is the naming's (the name's first, else the gloss's); `context._bracket_stops` lets a
        trigger read over the gloss. A hedged or negated name's gloss by a neighbour under one parent ("possibly
        linear scleroderma (morphoea)", siblings under scleroderma) restates the name, no second finding: it is dropped
        and the name stands alone (two sibling names, both hedged, would read as a differential and lose the label); an
        asserted one ("Lentigo maligna (melanoma in situ)") and a gloss by the name's group or a deeper node ("Acral
        Melanoma (Melanoma)", "scleroderma (morphoea)") are second nodes the sets annotate, and stay. Returns the
        hits."""
        prev = None  # (the hits are in start order, `_hit_order`)
        drop = None
        for h in hits:
            a, b, t, _ = h
            if t.kind != "condition":
                continue
            if prev is not None and text[prev[1]:a] in GLOSS_GAPS and text[b:b + 1] == ")" and prev[1] <= a:
                x, y = prev[2], t.nid
                if x == y or self._kin(x, y):
                    f, g = flags[(prev[0], prev[1])], flags[(a, b)]
                    if any(f):
                        g[:] = f
                    elif any(g):
                        f[:] = g
                    if x != y and any(g) and x not in _path_ids(self.ontology, y) \
                            and y not in _path_ids(self.ontology, x):
                        drop = (drop or []) + [h]
            prev = (a, b, t.nid)
        return [h for h in hits if h not in drop] if drop else hits

    @staticmethod
    def _screening(text: str, n: str, hits, flags) -> None:
        """Round 37: what a screening looks for is no finding ("Skin-check screening day, stations: melanoma, basal cell
        carcinoma, ...", "Screening and early diagnosis of other cancers (..., melanoma)", "skin cancer screenings"):
        a name after "screen(ing)" in its sentence, or right before it, is uncertain, never the label. A result stays
        what it is ("SLE screen negative"); a screen that shows a picture ("now on screen, ...") is no screening."""
        for m in SCREENING.finditer(n):
            if SCREEN_SHOWN.search(n, max(0, m.start() - 8), m.start()):
                continue
            # what it looks for runs to the clause end, or to its population or its result ("in patients with ...",
            # "found two lentigo malignas")
            stop = min((i for i in (text.find(".", m.end()), text.find(";", m.end())) if i >= 0), default=len(text))
            end = SCREEN_SCOPE_END.search(n, m.end(), stop)
            stop = end.start() if end else stop
            for a, b, t, _ in hits:
                if t.kind != "condition":
                    continue
                f = flags[(a, b)]
                if f[0]:
                    continue
                if m.end() <= a < stop or (b <= m.start() and not n[b:m.start()].strip(" ")):
                    f[1], f[3] = True, False

    @staticmethod
    def _spoken_no(text: str, hits, flags) -> None:
        """Round 37: a spoken "no" or "nope" set between commas just before the next name ("psoriasis, no, lichen planus",
        "the juniors keep writing wart on the form, nope, seborrheic keratosis") takes back the name before it, in the
        same clause; the name after it is the answer, not negated. Not after a question ("is this hives? no, hives come
        and go": the question pass answers that), nor "a plaque, no scale" (no comma after the "no")."""
        spans = sorted({(a, b) for a, b, _, _ in hits})
        conds = {(a, b) for a, b, t, _ in hits if t.kind == "condition"}
        for (a1, b1), (a2, b2) in zip(spans, spans[1:]):
            if (a2, b2) not in conds:
                continue
            m = SPOKEN_NO_BETWEEN.search(text, b1, a2)
            if m is None or m.end() != a2 or "?" in text[b1:m.start()] or "." in text[b1:m.start()]:
                continue
            f = flags[(a1, b1)]
            if not f[1] and not f[3]:
                f[0], f[2] = True, False
            # the answer and what describes it, up to the next negation word, stand
            nxt = NEXT_NEGATION.search(text, a2)
            stop = nxt.start() if nxt else len(text)
            for x, y in spans:
                if a2 <= x < stop:
                    flags[(x, y)][0] = False
        # round 42: a half word broken off right before the "no" ("a dermato - no, sorry, a dermatofibroma", "cylindroma,
        # cylin- no, a spiradenoma"): the name after it is the answer (the "no" denies nothing after it); the half word,
        # where it reads as a name, and the same name said before it in that sentence are taken back
        for a2, b2 in sorted(conds) if "-" in text else ():  # (speed round 44: the pattern holds a "-")
            m = SPOKEN_NO_BROKEN.search(text, max(0, a2 - 48), a2)
            if m is None or m.end() != a2:
                continue
            taken = {t.nid for x, y, t, _ in hits if (x, y) in conds and m.start() <= x and y <= m.start("cut")}
            sent = max(text.rfind(c, 0, m.start()) for c in ".?!") + 1
            for x, y, t, _ in hits:
                f = flags[(x, y)]
                if (x, y) in conds and sent <= x and y <= m.start("cut") and t.nid in taken and not f[1] and not f[3]:
                    f[0], f[2] = True, False
            nxt = NEXT_NEGATION.search(text, a2)
            stop = nxt.start() if nxt else len(text)
            for x, y in spans:
                if a2 <= x < stop:
                    flags[(x, y)][0] = False

    @staticmethod
    def _spoken_not_repeat(text: str, hits, flags) -> None:
        """Round 39: a speaker who names a condition, repeats it after "not" and then gives another after a comma ("a,
        um, psoriasis, er, not psoriasis, lichen planus") takes the first name back: both mentions are negated and the
        answer stands (the "not" reached it over the comma). Only with the same condition on both sides of "not" and
        nothing but fillers between, so "psoriasis, not eczema, on the elbows" and lists are untouched."""
        conds = sorted((a, b, t.nid) for a, b, t, _ in hits if t.kind == "condition")
        for (a1, b1, n1), (a2, b2, n2), (a3, b3, n3) in zip(conds, conds[1:], conds[2:]):
            if n1 != n2 or n3 == n1:
                continue
            if NOT_REPEAT_BEFORE.fullmatch(text, b1, a2) is None or NOT_REPEAT_AFTER.fullmatch(text, b2, a3) is None:
                continue
            for key in ((a1, b1), (a2, b2)):
                f = flags[key]
                f[0], f[1], f[2] = True, False, False
            flags[(a3, b3)][0] = False

    def _round44(self, text: str, res: TagResult, words: set[str]) -> None:
        """Round 44's passes, each behind its own words (`ROUND44_WORDS` is their union)."""
        if not CONSIDER_WORDS.isdisjoint(words) and ("when" in words or "if" in words):
            consider_when(text, res)  # (`scope`)
        if "(" in text and not EVIDENCE_GRADE_WORDS.isdisjoint(words):
            graded_recommendation(text, res)  # (`guides`)
        if not KIND_OBJECT_WORDS.isdisjoint(words) and not KIND_OBJECT_ADJECTIVES.isdisjoint(words) \
                and kind_object_may(text, res.conditions):  # (speed round 53: `gates`)
            kind_as_object(text, res)  # (`research`)
        if res.conditions and "- " in text:
            false_starts(text, res)  # (`matching`)
        # (one condition is enough since round 45: a reply may only doubt the poster's one name)
        # (speed round 53: the reply pattern's pieces first, `gates.reply_may`: its lazy speaker groups cost ~140 us a
        # text; round 53's turn headed by a role, "... GP: this is rosacea", needs a role word and a colon)
        if res.conditions and (not REPLY_WORDS.isdisjoint(words) or "A (" in text or (
                ":" in text and not REPLY_ROLE_WORDS.isdisjoint(words))) and reply_may(text):
            clinician_reply(text, res, self.tag, lambda nid: _path_ids(self.ontology, nid), self._kin)  # (`speakers`)

    def _kin(self, x: str, y: str) -> bool:
        """One node inside the other, or two children of one parent ("ringworm" read as tinea corporis beside
        "tinea", dermatophytosis: both fungal)."""
        px, py = _path_ids(self.ontology, x), _path_ids(self.ontology, y)
        return x in py or y in px or (len(px) > 1 and px[:-1] == py[:-1])

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

    def _result(self, hits, flags, n: str | None = None) -> TagResult:
        best: dict[tuple[str, str], tuple] = {}
        for a, b, t, score in hits:
            neg, guess, hist, hedge = flags[(a, b)]
            guess = guess or t.ambiguous
            unc = guess or hedge
            # asserted first (the present finding before a history), then hedged, then uncertain, then
            # negated; then the first mention. Round 33: a negation of what is left now ("previous melanoma site: scar
            # only, no residual melanoma") is the present finding and ranks with the asserted mentions, before a history
            now = neg and not unc and n is not None and RESIDUAL_BEFORE.search(n, max(0, a - 40), a) is not None
            rank = (neg and not unc and not now, neg and not now, guess, hedge, hist, a)
            key = (t.kind, t.nid)
            old = best.get(key)
            if old is None or rank < old[0]:
                best[key] = (rank, a, b, t, score, neg, unc, hist, hedge and not guess)
        res = TagResult()
        info = self._node_info
        for _, a, b, t, score, neg, unc, hist, hedged in sorted(best.values(), key=_best_order):
            name, path = info[t.nid]
            if t.kind == "condition":
                # (speed round 58: every field in the one call, no three attribute stores after it)
                res.conditions.append(Match(t.nid, name, path, [a, b], neg, unc, score, "condition",
                                            hist and not neg, hedged and not neg, t.weak))
            else:
                res.concepts.append(Match(t.nid, name, [], [a, b], neg, unc, score, "concept"))
        return res


# round 47: what stands between a name and its gloss in brackets (`Tagger._bracket_gloss`)
GLOSS_GAPS = frozenset((" (", "("))
LESION_COUNT_AFTER = re.compile(r"[ ]+(?:lesion[ ]+)?counts?(?![a-z])")  # round 38 (`Tagger._finish`)
# round 37: a spoken "no" between commas right before a name (`Tagger._spoken_no`); round 15's `SPOKEN_NO` (a
# spoken question answered "no") is another pattern
# round 38: the answer may follow an apology or a repair phrase ("pemphigus, no, sorry, a pemphigoid", "erythema nodosum,
# no, I mean erythema induratum") and a stuttered article ("the lupus, no, the, the lichen planus")
# round 39: a half word broken off before the "no" ("a cylindroma, cylin- no, a spiradenoma") is the same restart
SPOKEN_NO_BETWEEN = re.compile(r",\s*(?:[a-z]+-\s*)?(?:no|nope)\s*,\s*(?:(?:sorry|i mean|i meant|wait)\s*,?\s*)?"
                               r"(?:(?:a|an|the|it s|it's|its|this is)\s*,?\s+){0,3}", re.IGNORECASE)
# round 42: the same restart with the half word's hyphen right before the "no" and no comma before it ("a dermato - no,
# sorry, a dermatofibroma"); `cut` is where the half word ends
SPOKEN_NO_BROKEN = re.compile(r"(?<![a-z])[a-z]{2,}(?P<cut>)\s*-\s*(?:no|nope)\s*,\s*(?:(?:sorry|i mean|i meant|wait)\s*,?\s*)?"
                              r"(?:(?:a|an|the|it s|it's|its|this is)\s*,?\s+){0,3}", re.IGNORECASE)
# round 39: a spoken repair that repeats the name after "not" and gives the answer after a comma ("that's an eczema,
# er, not eczema, scabies"): the name and its repeat are taken back, the answer stands
NOT_REPEAT_BEFORE = re.compile(r"\s*,\s*(?:(?:er|erm|um|uh|hmm|sorry)\s*,?\s*)?not\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
NOT_REPEAT_AFTER = re.compile(r"\s*,\s*(?:(?:it s|it's|its|it is|but|rather)\s*,?\s*)?(?:(?:an?|the)\s+)?$",
                              re.IGNORECASE)
# round 37: what joins a group to its named subtype in one record line: a subtype field or a path's arrows ("Melanoma;
# subtype: lentigo maligna melanoma", "Urticaria > chronic > inducible > dermographism")
SUBTYPE_LINK = re.compile(r"\s*(?:[;.,(]?\s*(?:sub-?type|type|variant|form)\s*[:=]?\s*|(?:\s*>\s*[A-Za-z -]{0,30}?)*\s*>\s*)$",
                          re.IGNORECASE)


_PATH_IDS: dict[tuple[int, str], tuple[str, ...]] = {}
_PATH_ONTOLOGIES: dict[int, Ontology] = {}  # the ontologies `_PATH_IDS` holds paths of, kept so no id is reused


def _path_ids(ontology: Ontology, nid: str) -> tuple[str, ...]:
    """`ontology.path_ids(nid)` as a tuple, remembered per ontology and node (speed, round 38: the kin and named-group
    passes ask for the same few nodes' paths in most texts; a path is read, never changed, as `labels.refines`
    remembers its pairs)."""
    key = (id(ontology), nid)
    got = _PATH_IDS.get(key)
    if got is None:
        if len(_PATH_IDS) >= 200_000 or (key[0] not in _PATH_ONTOLOGIES and len(_PATH_ONTOLOGIES) >= 8):
            _PATH_IDS.clear()
            _PATH_ONTOLOGIES.clear()
        _PATH_ONTOLOGIES[key[0]] = ontology
        got = _PATH_IDS[key] = tuple(ontology.path_ids(nid))
    return got


def _drop_named_groups(text: str, res: TagResult, ontology: Ontology) -> None:
    """Round 37: a group named as the coarse first half of one naming of a more specific node the text also asserts is
    not a second finding: a record's subtype line or path ("Melanoma; subtype: lentigo maligna melanoma", "Urticaria >
    chronic > inducible > dermographism") names one node, the specific one. A group named on its own (a catalogue
    heading "Urticaria, physical: dermographism", "eczema and neurodermatitis", "(Skin Cancer, Non-Melanoma)", a generic
    "mole" beside the naevus it turned out to be) stays: the evaluation sets annotate those both ways (tried in round 37:
    dropping them all loses 65 tuning texts for 57; dropping a generic word's group loses 18 for 13)."""
    firm = [m for m in res.conditions if not m.negated and not m.uncertain and not m.historical and not m.ground]
    if len(firm) < 2:
        return
    ids = {g.id for g in firm}
    # (speed round 53: a group is a node with children; most texts name none, and need no path read)
    if ontology.children_of.keys().isdisjoint(ids):
        return
    # (speed, round 38: each name's groups are read once, not once per pair; most texts name no group of another name)
    groups = [_path_ids(ontology, c.id)[:-1] for c in firm]
    if ids.isdisjoint(set().union(*groups)):
        return
    drop = set()
    for g in firm:
        for c, cp in zip(firm, groups):
            if c is g:
                continue
            if g.id in cp and g.span[1] <= c.span[0] and SUBTYPE_LINK.match(text[g.span[1]:c.span[0]]):
                drop.add(id(g))
                break
    if drop:
        res.conditions = [m for m in res.conditions if id(m) not in drop]


# round 41: a tissue verdict (`_lay_mole`)
MOLE_VERDICT = re.compile(r"(?<![a-z])(?:biopsy|biopsies|histology|pathology|histopathology|excision|report)"
                          r"(?:[ ]+[a-z]+){0,2}?[ ]+(?:came[ ]+back[ ]+(?:as|showing)|showed|shows|revealed|reveals|"
                          r"confirmed|confirms|proved[ ]+to[ ]+be|was[ ]+reported[ ]+as)(?![a-z])", re.IGNORECASE)
# (for a lesion of another kind, a bare "turned out to be" is the verdict too; a melanoma needs the test named: set 1
# reads "The mole on her shoulder turned out to be melanoma" as a melanoma in the mole)
MOLE_OTHER_VERDICT = re.compile(MOLE_VERDICT.pattern + r"|(?<![a-z])(?:turned[ ]+out|proved|proven)[ ]+to[ ]+be(?![a-z])",
                                re.IGNORECASE)


def _lay_mole(res: TagResult, ontology: Ontology, text: str = "") -> None:
    """Round 37: a patient's "mole" feared to be melanoma, which a physician then names as a lesion of another kind ("I
    panicked about melanoma, but the consultant says my mole is a seborrhoeic keratosis", "she calls it a mole and worries
    it's melanoma; to me it is a cherry angioma"), was the patient's lay naming, not a finding: uncertain, and never
    the label. Only when the melanoma is a fear (uncertain or set aside) and the answer is neither a naevus nor a
    melanoma (a naevus answer confirms the mole: "on examination it is a regular benign naevus").

    Round 40: a "mole" in quotes is the patient's word the writer holds at a distance ('Her "mole" on the shin is, on
    dermoscopy, a dermatofibroma'): when the text names the lesion as another kind (asserted, neither a naevus nor a
    melanoma) and no melanoma was feared (a fear keeps the reading above), that diagnosis replaces it (negated)."""
    mole = next((m for m in res.conditions if m.id == "melanocytic-nevus" and m.weak and m.asserted), None)
    if mole is None:
        return
    fear = other = named = verdict = False
    for m in res.conditions:
        if m is mole:
            continue
        kin = ontology.path_ids(m.id)
        if "malignant-melanocytic" in kin:
            fear = fear or m.negated or m.uncertain
            if m.asserted:
                # round 41: a tissue verdict after the lay mole names what it was ("The mole on his back ... and the
                # biopsy came back as melanoma in situ"): the mole was the patient's word, replaced (negated)
                if m.span[0] > mole.span[1] and MOLE_VERDICT.search(text, mole.span[1], m.span[0]):
                    mole.negated, mole.uncertain, mole.hedged = True, False, False
                return
        elif "benign-melanocytic" in kin:
            if m.asserted:
                return
        elif not m.negated and (m.asserted or m.hedged) and not m.historical and not m.ground:
            if m.asserted and m.id not in SYMPTOMS and m.id not in SIGNS and m.span[0] > mole.span[1] \
                    and MOLE_OTHER_VERDICT.search(text, mole.span[1], m.span[0]):
                # round 41: a verdict names the lay mole as another kind ('His "new mole" ... turned out to be an
                # angiokeratoma'): replaced, as a melanoma verdict replaces it above (unless a melanoma was feared:
                # round 37's and 40's uncertain reading, below)
                verdict = True
            other = True
            # (a diagnosis, not a symptom or a sign: 'my "mole" is itchy' names none)
            named = named or (m.asserted and m.id not in SYMPTOMS and m.id not in SIGNS)
    a, b = mole.span
    if verdict and not fear:
        mole.negated, mole.uncertain, mole.hedged = True, False, False
    elif fear and other:
        mole.uncertain = True
    elif named and a and text[a - 1:a] in "'\"\u2018\u201c" and text[b:b + 1] in "'\"\u2019\u201d" \
            and text[b:b + 1] != "" and text[a - 1:a] != "":
        mole.negated, mole.uncertain, mole.hedged = True, False, False


# ------------------------------------------------------------------------------------------------
# The result passes of `Tagger._finish`, each a function `(tagger, text, n, words, gw, res, under)` with its full gate
# inside (`res`, the text's `TagResult`; `n`, the normalised text; `words`, its word set; `gw`, its gate words; `under`,
# whether it holds a "_"), returning None or the result that ends the passes. `RESULT_PASSES` lists them once, in the
# order they run, each with the gate words one of which it needs and the characters it needs (`dispatch`): a text's
# plan runs only those its words and characters can open. A new result pass is a function here and one entry there.

def _rp_history(tg, text, n, words, gw, res, under):
    # (speed round 46: the finds that hold a capital "H" asked only where one is, "h/o" only with a "/": one C
    # memchr each in place of six and one finds over the whole text)
    if res.conditions and ("istory" in text or ("H" in text and (
            "HISTORY" in text or "PMH" in text or "PSH" in text or "Hx" in text or "HX" in text or "H/O" in text))
                           or ("x" in text and "hx" in text) or ("/" in text and "h/o" in text) or (
            ("in" in words and (" in 19" in text or " in 20" in text)) or not REMOVAL_WORDS.isdisjoint(gw))):
        history_sections(text, res)


def _rp_ground(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and (not GROUND_PLACE_WORDS.isdisjoint(gw) or (
            ("with" in words or "w" in words) and not GROUND_PERSON_WORDS.isdisjoint(gw))):
        cued = GROUND_ANY.search(n) is not None
        bare = "after" in words
        if cued or bare:
            for m in res.conditions:
                a = m.span[0]
                before = n[a - 40 if a > 40 else 0:a]
                if (bare and before.endswith(GROUND_AFTER) and (len(before) < 7 or not before[-7].isalpha())) \
                        or (cued and (GROUND_BEFORE.search(before) or GROUND_PATIENT.search(before))):
                    m.ground = True


def _rp_lesion_count(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and ("count" in words or "counts" in words):
        # round 38: a lesion counted as a trial's measure ("inflammatory nodule and abscess count in hidradenitis
        # suppurativa"): a lesion of the disease, its ground, never the label beside the disease
        for m in res.conditions:
            if LESION_COUNT_AFTER.match(n, m.span[1]):
                m.ground = True


def _rp_syndrome_compound(tg, text, n, words, gw, res, under):
    if "syndrome" in words and "-" in text:
        # round 24: a disease named inside a syndrome's compound name ("a boy with keratitis-ichthyosis-deafness
        # syndrome"): a feature of a syndrome without a node, never its label
        for m in res.conditions:
            a, b = m.span
            if (text[a - 1:a] == "-" or text[b:b + 1] == "-") and SYNDROME_COMPOUND_AFTER.match(text, b):
                m.historical = True


def _rp_overlap(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "overlap" in words:
        # round 24: two diseases named as one overlap ("lupus-scleroderma overlap", "dermatomyositis and scleroderma
        # overlap"): the first names it, the second is its ground (tuning sets label "SJS/TEN overlap" so)
        for m in res.conditions:
            a, b = m.span
            if OVERLAP_AFTER.match(text, b) and OVERLAP_JOIN.search(text, max(0, a - 6), a) \
                    and any(o.span[1] <= a and not o.negated for o in res.conditions if o is not m):
                m.ground = True


def _rp_qualified_heads(tg, text, n, words, gw, res, under):
    if res.conditions and not QUALIFIER_FILLERS.isdisjoint(gw) and not tg._qualifier_words.isdisjoint(gw):
        tg._qualified_heads(n, res.conditions)


def _rp_rest_of(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "rest" in words:
        for m in res.conditions:
            if REST_OF_AFTER.match(n, m.span[1]):
                m.ground = True


def _rp_includes(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "includes" in words and ":" in text:
        # round 22: a catalogue entry's inclusion list ("Melanocytic nevi. Includes: atypical nevus", "Dermatophytosis.
        # Includes: favus"): the heading is the label; what it includes is background (asserted, never the label),
        # even where it is a subtype of the heading
        m = INCLUDES_HEADING.search(text)
        if m is not None and any(c.span[0] < m.start() and not c.negated for c in res.conditions):
            for c in res.conditions:
                if c.span[0] > m.start():
                    c.historical = True


def _rp_definition_row(tg, text, n, words, gw, res, under):
    if ":" in text and text[0].isupper() and res.conditions:
        d = DEFINITION_ROW.match(text)
        if d is not None:
            _definition_row(text, d.end(), res, tg.ontology)


def _rp_differential_colon(tg, text, n, words, gw, res, under):
    if ":" in text and ("differential" in words or "differentials" in words or "ddx" in words
                        or ("working" in words and "list" in words) or "possibilities" in words
                        or (("list" in words or "name" in words) and not LIST_REQUEST_WORDS.isdisjoint(words))):
        for d in DIFFERENTIAL_COLON.finditer(text):
            header_symptoms(res, d.start(), d.end(), SYMPTOMS)  # round 54 (`kinds`: "Differential for the itchy ...")
            stop = min((i for i in (text.find(". ", d.end()), text.find(";", d.end())) if i >= 0), default=len(text))
            for c in res.conditions:
                if d.end() <= c.span[0] < stop and not c.negated:
                    c.uncertain, c.hedged = True, False


def _rp_colon_conclusion(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and ":" in text:
        last = max(res.conditions, key=lambda m: m.span[0])
        a, b = last.span
        if not last.negated and not last.uncertain and text[b:].strip() in ("", ".") \
                and COLON_CONCLUSION.search(text, max(0, a - 8), a) \
                and all(c.span[1] <= a - 2 for c in res.conditions if c is not last):
            last.concluded = True


def _rp_verdict_subject(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not TURNED_OUT_WORDS.isdisjoint(gw):
        _verdict_subject(text, res, tg.ontology)


def _rp_known_ground(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "known" in words:
        for m in res.conditions:
            a = m.span[0]
            if KNOWN_BEFORE.search(n, a - 16 if a > 16 else 0, a):
                m.ground = True


def _rp_concluded(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and (not CONCLUSION_WORDS.isdisjoint(gw) or (
            not VERDICT_VERBS.isdisjoint(gw) and not VERDICT_TESTS.isdisjoint(gw))):
        last = max((m for m in res.conditions if not m.negated), key=lambda m: m.span[0], default=None)
        if last is not None and CONCLUSION_BEFORE.search(n, max(0, last.span[0] - 32), last.span[0]):
            last.concluded = True


def _rp_status_frames(tg, text, n, words, gw, res, under):
    if res.conditions and not STATUS_FRAME_WORDS.isdisjoint(gw):
        status_frames(text, res)


def _rp_drug_effects(tg, text, n, words, gw, res, under):
    if res.conditions and not DRUG_EFFECT_WORDS.isdisjoint(words):
        drug_effects(text, res, words)  # round 46


def _rp_earlier_topic(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "we" in words and ("last" in words or "previous" in words or "earlier" in words):
        earlier_topic(text, res)  # round 40


def _rp_record_frames(tg, text, n, words, gw, res, under):
    if res.conditions and (not RECORD_FRAME_WORDS.isdisjoint(gw) or (len(res.conditions) > 1 and "for" in words)) \
            and record_frames_may(text, res.conditions):  # (speed round 53: `gates`)
        record_frames(text, res)


def _rp_frames34(tg, text, n, words, gw, res, under):
    if res.conditions and (not FRAME34_WORDS.isdisjoint(gw) or (
            len(res.conditions) > 1 and "with" in words and not POPULATION_WORDS.isdisjoint(gw))):
        frames34(text, res, tg.ontology)


def _rp_review_of_systems(tg, text, n, words, gw, res, under):
    # (speed round 46: the finds that hold a capital "R" or "V" asked only where one is, the two "ystem" ones only
    # where "ystem" is)
    if res.conditions and (("R" in text and ("ROS" in text or "YSTEMS REVIEW" in text or "R.O.S." in text))
                           or "eview of" in text or ("ystem" in text and ("ystem review" in text or "ystems review" in text))
                           or ("V" in text and "EVIEW OF" in text)):
        review_of_systems(text, res)  # round 40 (`forms`)


def _rp_unfilled_form(tg, text, n, words, gw, res, under):
    if res.conditions and ("[" in text or (under and "__" in text) or "\u2610" in text or ("(" in text and "( )" in text)):
        unfilled_form(text, res)  # round 40 (`forms`)


def _rp_enum_constants(tg, text, n, words, gw, res, under):
    # round 41 (`guides`): a schema's code names, a reviewer's instruction, a disease's specificity, the gut at endoscopy
    if res.conditions and "_" in text and ":" in text and enum_may(text):  # (speed round 53: `gates`)
        enum_constants(text, res)


def _rp_reviewer_instruction(tg, text, n, words, gw, res, under):
    if res.conditions and not INSTRUCTION_WORDS.isdisjoint(gw) and (
            "as" in words or "be" in words or not text.isascii()) \
            and instruction_may(text):  # (speed round 44: `INSTRUCTION` reads either; round 53: its pieces, `gates`)
        reviewer_instruction(text, res)


def _rp_specificity(tg, text, n, words, gw, res, under):
    if res.conditions and not SPECIFIC_WORDS.isdisjoint(gw):
        specificity(text, res)


def _rp_endoscopy_findings(tg, text, n, words, gw, res, under):
    if not ENDOSCOPY_WORDS.isdisjoint(gw):
        endoscopy_findings(res, words)


def _rp_organ_abscess(tg, text, n, words, gw, res, under):
    if res.conditions and not ORGAN_ABSCESS_WORDS.isdisjoint(gw):
        organ_abscess(text, res, words)  # round 43 (`guides`)


def _rp_general_subject(tg, text, n, words, gw, res, under):
    # round 42 (`guides`): a condition named as a kind in a general statement, a features heading's entry
    # (not in a catalogue entry "NAME: A ... disorder characterized by ...", whose later sentences list the entry's
    # own features: `fields._definition_row`)
    if res.conditions and not GENERIC_PREDICATE_WORDS.isdisjoint(gw) and (
            "is" in words or "are" in words or "become" in words or "becomes" in words
            or not GENERIC_FREE_WORDS.isdisjoint(gw) or not text.isascii()) \
            and DEFINITION_ROW.match(text) is None:  # (speed round 44: `GENERIC_AFTER_COPULA`; round 44's
        # rules read "becomes more common" as a copula too)
        general_subject(text, res)


def _rp_features_heading(tg, text, n, words, gw, res, under):
    if res.conditions and ":" in text and not FEATURES_HEADING_WORDS.isdisjoint(gw):
        features_heading(text, res)


def _rp_general_ask(tg, text, n, words, gw, res, under):
    if res.conditions and not GENERAL_ASK_WORDS.isdisjoint(gw):  # round 49 (`guides`)
        if "following" in words:
            exam_question(text, res)
        if "cause" in words or "causes" in words:
            general_cause(text, res)


def _rp_exam_stem(tg, text, n, words, gw, res, under):
    if res.conditions and (text[-1:] in EXAM_STEM_LAST or text.rstrip()[-1:] in EXAM_STEM_LAST):
        exam_stem(text, res)  # round 50 (`guides`): "Fish tank granuloma is seen in -"
    elif res.conditions and (text.endswith(EXAM_OPEN_END) or text[:4].lower() in EXAM_OPEN_LEAD_START):
        exam_open_stem(text, res)  # round 51 (`guides`): "Gene involved in Cowden syndrome is"


def _rp_care_instruction(tg, text, n, words, gw, res, under):
    if res.conditions and "with" in words and not CARE_IMPERATIVE_WORDS.isdisjoint(gw) \
            and care_may(text, res.conditions):  # (speed round 53: `gates`)
        care_instruction(text, res)


def _rp_quantified_kind(tg, text, n, words, gw, res, under):
    if res.conditions and not QUANTIFIED_WORDS.isdisjoint(gw) and quantified_may(text, res.conditions):
        quantified_kind(text, res)


def _rp_expected_features_absent(tg, text, n, words, gw, res, under):
    if res.conditions and "would" in words and not EXPECTED_WORDS.isdisjoint(gw):
        expected_features_absent(text, res)  # round 41 (`scope`)


def _rp_drug_label_sections(tg, text, n, words, gw, res, under):
    if res.conditions and not DRUG_LABEL_WORDS.isdisjoint(gw) and ":" in text:
        drug_label_sections(text, res)  # round 41 (`scope`)


def _rp_past_episodes(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not PAST_AGE_WORDS.isdisjoint(gw) and not PRESENT_NOW_WORDS.isdisjoint(gw):
        past_episodes(text, res)  # round 41 (`scope`)


def _rp_arising_in(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and ("arising" in words or "arisen" in words or "arose" in words
                                    or "developing" in words or "developed" in words):
        arising_in(text, res)  # round 41 (`scope`)


def _rp_hedge_confirmed(tg, text, n, words, gw, res, under):
    if "confirmed" in words and res.conditions:
        hedge_confirmed(text, res)  # round 48 (`scope`)


def _rp_looks_similar(tg, text, n, words, gw, res, under):
    if res.conditions and ("look" in words or "appear" in words) and not LOOKS_SIMILAR_WORDS.isdisjoint(gw):
        looks_similar(text, res)  # round 41 (`scope`)


def _rp_not_in_question(tg, text, n, words, gw, res, under):
    if res.conditions and "question" in words and "in" in words:
        not_in_question(text, res)  # round 42 (`scope`)


def _rp_not_the_cause(tg, text, n, words, gw, res, under):
    if res.conditions and ("not" in words or "isn" in words or "wasn" in words or "aren" in words) \
            and not NOT_THE_CAUSE_WORDS.isdisjoint(gw):  # (round 58: "isn't the story here")
        not_the_cause(text, res)  # round 43 (`scope`)


def _rp_suggestion_answered(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not SUGGESTED_WORDS.isdisjoint(gw):
        suggestion_answered(text, res)  # round 43 (`scope`)


def _rp_dated_past(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "ago" in words:
        dated_past(text, res)  # round 43 (`scope`)


def _rp_corrected_to(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not CORRECTED_TO_WORDS.isdisjoint(gw) and "to" in words:
        corrected_to(text, res)  # round 43 (`scope`)


def _rp_writer_guess(tg, text, n, words, gw, res, under):
    if res.conditions and "guess" in words:
        writer_guess(text, res)  # round 43 (`speakers`)


def _rp_research_names(tg, text, n, words, gw, res, under):
    if res.conditions and not RESEARCH_WORDS.isdisjoint(gw):
        research_names(text, res, words)  # round 43 (`research`)


def _rp_round44(tg, text, n, words, gw, res, under):
    # round 44: one gate for its passes (each asks its own words inside), "A (" a forum answer's marker
    if res.conditions and (not ROUND44_WORDS.isdisjoint(gw) or ("-" in text and "- " in text) or ("(" in text and "A (" in text)
                           or (":" in text and not REPLY_ROLE_WORDS.isdisjoint(gw) and role_heading(text))):
        tg._round44(text, res, words)


def _rp_relatives(tg, text, n, words, gw, res, under):
    if res.conditions and not RELATIVE_OWNERS.isdisjoint(gw):
        relative_possessive(text, res)  # round 51 (`scope`: "her late father's melanoma")
        relative_primary(text, res, tg._node_info)  # round 56 (`scope`: "her father died of metastatic melanoma")


def _rp_focus_lesion(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "one" in words and not FOCUS_WORDS.isdisjoint(words):
        focus_lesion(text, res)  # round 51 (`speakers`: the one lesion of a slide's two to worry about)


def _rp_reader_item(tg, text, n, words, gw, res, under):
    if res.conditions and text[:1] == "y":
        reader_item(text, res)  # round 45 (`guides`: a leaflet's lower-case item addressed to the reader)


def _rp_viral_class(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "viral" in words:
        viral_class(res, tg.ontology)  # round 52 (`corrections`: "it's fifth disease (slapped cheek), a viral rash")


def _rp_apposed_class(tg, text, n, words, gw, res, under):
    # (speed round 55: the class dropped is a group of the next name, a node with children: most texts name none)
    if len(res.conditions) > 1 and ", " in text \
            and not tg.ontology.children_of.keys().isdisjoint([m.id for m in res.conditions]):
        apposed_class(text, res, tg.ontology)  # round 53 (`corrections`: "a fungal infection, tinea incognito, is")


def _rp_syndrome_sign(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not SIGN_GATE.isdisjoint(words):
        syndrome_sign(text, res)  # round 52 (`corrections`: "facial angiofibromas in tuberous sclerosis complex")


def _rp_organism_only(tg, text, n, words, gw, res, under):
    if res.conditions and not ORGANISM_GATE.isdisjoint(words):
        organism_only(text, res)  # round 52 (`corrections`: "parvovirus B19 infection in hereditary spherocytosis")


def _rp_assistant_request(tg, text, n, words, gw, res, under):
    if res.conditions and text[:1].isupper() and text[:12].split(" ", 1)[0].lower() in REQUEST_VERBS:
        assistant_request(text, res)  # round 52 (`guides`: "Write a poem for a teenager embarrassed by her acne")


def _rp_risk_statement(tg, text, n, words, gw, res, under):
    if res.conditions and not RISK_NOUNS.isdisjoint(words) and not RISK_VERBS.isdisjoint(words):
        risk_statement(text, res)  # round 53 (`kinds`: "Sunburn in childhood raises the lifetime risk of melanoma")


def _rp_quoted_words(tg, text, n, words, gw, res, under):
    if (res.conditions or res.concepts) and not MENTION_WORDS.isdisjoint(words) and ('"' in text or "'" in text
                                                                                    or "\u201c" in text):
        quoted_words(text, res)  # round 53 (`kinds`: "flags the words "rash", "hives" and "blister"")


def _rp_colon_alternatives(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and "or" in words and ": " in text:
        colon_alternatives(text, res)  # round 54 (`kinds`: "...: Kaposi sarcoma, pyogenic granuloma or ...")


def _rp_ranked_list(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not RANKED_WORDS.isdisjoint(words):
        ranked_list(text, res, SYMPTOMS)  # round 57 (`kinds`: "a subungual melanoma, ... or old blood, in that order of worry")


def _rp_looked_for_absent(tg, text, n, words, gw, res, under):
    if res.conditions and "for" in words and ":" in text and not LOOKED_WORDS.isdisjoint(words):
        looked_for_absent(text, res)  # round 55 (`screened`: "Examined for scabies ...: no burrows, no itch")


def _rp_renamed_subject(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and not COPULA_WORDS.isdisjoint(words):
        renamed_subject(text, res, tg.ontology.path_ids, SYMPTOMS)  # round 55 (`renamed`: "boils ... are HS")


def _rp_less_likely_than(tg, text, n, words, gw, res, under):
    if res.conditions and "than" in words and not COMPARE_WORDS.isdisjoint(words):
        less_likely_than(text, res)  # round 55 (`compared`: "more likely a chalazion than a stye")


def _rp_everyday_senses(tg, text, n, words, gw, res, under):
    if res.conditions and (not EVERYDAY_WORDS.isdisjoint(words) or owner_may(text, words) or (
            text[:2].isupper() and text.isupper() and not FUNCTION_WORDS.isdisjoint(words))):
        everyday_senses(text, res)  # round 57 (`everyday`: "DOES FIRE BURN PAPER", "homo homini lupus est")


def _rp_public_topic(tg, text, n, words, gw, res, under):
    if res.conditions and not TOPIC_WORDS.isdisjoint(words):
        public_topic(text, res)  # round 58 (`topics`: "measles vaccinations could triple infections")


def _rp_burning(tg, text, n, words, gw, res, under):
    if res.conditions and not BURN_FORMS.isdisjoint(words):
        burning(text, res, tg._node_info.get)  # round 59 (`burning`: "a boiler burns coal", "causes severe burns")


def _rp_precautions(tg, text, n, words, gw, res, under):
    if res.conditions and not PRECAUTION_WORDS.isdisjoint(words):
        precautions(text, res)  # round 59 (`precautions`: "try not to burn yourself", "protection against shark bites")


def _rp_figurative(tg, text, n, words, gw, res, under):
    if res.conditions and not FIGURE_WORDS.isdisjoint(gw):
        figurative(text, res, words)  # round 59 (`figurative`: "Love is like the measles", "every itch")


def _rp_namesakes(tg, text, n, words, gw, res, under):
    if res.conditions and namesake_may(text, gw):
        namesakes(text, res, words)  # round 59 (`namesakes`: "-- George Burns", "rat hives", "boil gently")


def _rp_elliptic_one(tg, text, n, words, gw, res, under):
    if res.conditions and not ONE_WORDS.isdisjoint(words) and ("not" in words or "than" in words or "instead" in words):
        elliptic_one(text, res, tg.tag)  # round 57 (`qualifiers`: "an arterial ulcer, not a venous one")


def _rp_set_aside(tg, text, n, words, gw, res, under):
    # round 57 (`setaside`): one look, then each pass's (speed round 58: its rare words on `gw`, "or" and "more" on all)
    if res.conditions and (not SETASIDE_RARE.isdisjoint(gw) or not SETASIDE_COMMON.isdisjoint(words)):
        tg._set_aside(text, res, words)


def _rp_ask_nothing(tg, text, n, words, gw, res, under):
    if res.conditions and may_ask(text):
        ask_nothing(text, res)  # round 57 (`questions`: "DO I HAVE GENITAL WARTS", "Is melanoma often fatal?")


def _rp_presupposed(tg, text, n, words, gw, res, under):
    if res.conditions and (("?" in text and not FACTIVE_VERBS.isdisjoint(words)) or ("better" in words and "without" in words)):
        presupposed(text, res)  # round 59 (`presupposed`: "Do people know you have freckles?", "better without")


def _rp_list_items(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1 and ("/" in text or "," in text or ";" in text):
        list_items(text, res)


def _rp_named_groups(tg, text, n, words, gw, res, under):
    if len(res.conditions) > 1:
        _drop_named_groups(text, res, tg.ontology)
        if "mole" in words or "moles" in words:
            _lay_mole(res, tg.ontology, text)
            if "mole" in words:
                mole_named(text, res, tg.ontology)  # round 51 (`corrections`)


def _rp_read_entry(tg, text, n, words, gw, res, under):
    if (res.conditions or res.concepts) and dictentry_may(text):
        read_entry(text, res, tg.ontology)  # round 58 (`dictentry`: "plantar wart; verruca | plantar warts")


def _rp_read_path(tg, text, n, words, gw, res, under):
    if ":" in text and path_may(text):  # round 55 (`paths`): a taxonomy path read as one diagnosis
        return read_path(text, res, tg)


# speed round 59: the registry of result passes, in the order they run (`dispatch.ResultPass`: name, pass, the gate
# words one of which it needs, the characters it needs); every gate word joins `Tagger._gate_words`
RESULT_PASSES: tuple[ResultPass, ...] = (
    ResultPass("history_sections", _rp_history),
    ResultPass("ground", _rp_ground, GROUND_PLACE_WORDS | GROUND_PERSON_WORDS),
    ResultPass("lesion_count", _rp_lesion_count, frozenset(("count", "counts"))),
    ResultPass("syndrome_compound", _rp_syndrome_compound, frozenset(("syndrome",))),
    ResultPass("overlap", _rp_overlap, frozenset(("overlap",))),
    ResultPass("qualified_heads", _rp_qualified_heads, QUALIFIER_FILLERS),
    ResultPass("rest_of", _rp_rest_of, frozenset(("rest",))),
    ResultPass("includes_heading", _rp_includes, frozenset(("includes",)), chars=":"),
    ResultPass("definition_row", _rp_definition_row, chars=":"),
    ResultPass("differential_colon", _rp_differential_colon, DIFFERENTIAL_GATE_WORDS, chars=":"),
    ResultPass("colon_conclusion", _rp_colon_conclusion, chars=":"),
    ResultPass("verdict_subject", _rp_verdict_subject, TURNED_OUT_WORDS),
    ResultPass("known_ground", _rp_known_ground, frozenset(("known",))),
    ResultPass("concluded", _rp_concluded, CONCLUSION_WORDS | VERDICT_VERBS),
    ResultPass("status_frames", _rp_status_frames, STATUS_FRAME_WORDS),
    ResultPass("drug_effects", _rp_drug_effects, DRUG_EFFECT_WORDS),
    ResultPass("earlier_topic", _rp_earlier_topic, frozenset(("last", "previous", "earlier"))),
    ResultPass("record_frames", _rp_record_frames),
    ResultPass("frames34", _rp_frames34, FRAME34_WORDS | POPULATION_WORDS),
    ResultPass("review_of_systems", _rp_review_of_systems),
    ResultPass("unfilled_form", _rp_unfilled_form),
    ResultPass("enum_constants", _rp_enum_constants, chars=":"),
    ResultPass("reviewer_instruction", _rp_reviewer_instruction, INSTRUCTION_WORDS),
    ResultPass("specificity", _rp_specificity, SPECIFIC_WORDS),
    ResultPass("endoscopy_findings", _rp_endoscopy_findings, ENDOSCOPY_WORDS),
    ResultPass("organ_abscess", _rp_organ_abscess, ORGAN_ABSCESS_WORDS),
    ResultPass("general_subject", _rp_general_subject, GENERIC_PREDICATE_WORDS),
    ResultPass("features_heading", _rp_features_heading, FEATURES_HEADING_WORDS, chars=":"),
    ResultPass("general_ask", _rp_general_ask, GENERAL_ASK_WORDS),
    ResultPass("exam_stem", _rp_exam_stem),
    ResultPass("care_instruction", _rp_care_instruction, CARE_IMPERATIVE_WORDS),
    ResultPass("quantified_kind", _rp_quantified_kind, QUANTIFIED_WORDS),
    ResultPass("expected_features_absent", _rp_expected_features_absent, EXPECTED_WORDS),
    ResultPass("drug_label_sections", _rp_drug_label_sections, DRUG_LABEL_WORDS, chars=":"),
    ResultPass("past_episodes", _rp_past_episodes, PAST_AGE_WORDS),
    ResultPass("arising_in", _rp_arising_in, frozenset(("arising", "arisen", "arose", "developing", "developed"))),
    ResultPass("hedge_confirmed", _rp_hedge_confirmed, frozenset(("confirmed",))),
    ResultPass("looks_similar", _rp_looks_similar, LOOKS_SIMILAR_WORDS),
    ResultPass("not_in_question", _rp_not_in_question, frozenset(("question",))),
    ResultPass("not_the_cause", _rp_not_the_cause, NOT_THE_CAUSE_WORDS),
    ResultPass("suggestion_answered", _rp_suggestion_answered, SUGGESTED_WORDS),
    ResultPass("dated_past", _rp_dated_past, frozenset(("ago",))),
    ResultPass("corrected_to", _rp_corrected_to, CORRECTED_TO_WORDS),
    ResultPass("writer_guess", _rp_writer_guess, frozenset(("guess",))),
    ResultPass("research_names", _rp_research_names, RESEARCH_WORDS),
    ResultPass("round44", _rp_round44),
    ResultPass("relatives", _rp_relatives, RELATIVE_OWNERS),
    ResultPass("focus_lesion", _rp_focus_lesion, frozenset(("one",))),
    ResultPass("reader_item", _rp_reader_item),
    ResultPass("viral_class", _rp_viral_class, frozenset(("viral",))),
    ResultPass("apposed_class", _rp_apposed_class),
    ResultPass("syndrome_sign", _rp_syndrome_sign, SIGN_GATE),
    ResultPass("organism_only", _rp_organism_only, ORGANISM_GATE),
    ResultPass("assistant_request", _rp_assistant_request, REQUEST_WORDS),
    ResultPass("risk_statement", _rp_risk_statement, RISK_VERBS),
    ResultPass("quoted_words", _rp_quoted_words, MENTION_WORDS),
    ResultPass("colon_alternatives", _rp_colon_alternatives, chars=":"),
    ResultPass("ranked_list", _rp_ranked_list, RANKED_WORDS),
    ResultPass("looked_for_absent", _rp_looked_for_absent, LOOKED_WORDS, chars=":"),
    ResultPass("renamed_subject", _rp_renamed_subject, COPULA_WORDS),
    ResultPass("less_likely_than", _rp_less_likely_than, COMPARE_WORDS),
    ResultPass("everyday_senses", _rp_everyday_senses),
    ResultPass("public_topic", _rp_public_topic, TOPIC_WORDS),
    ResultPass("burning", _rp_burning, BURN_FORMS),
    ResultPass("precautions", _rp_precautions, PRECAUTION_WORDS),
    ResultPass("figurative", _rp_figurative, FIGURE_WORDS),
    ResultPass("namesakes", _rp_namesakes),  # (its gate: a `NAMESAKE_WORDS` word or a dash)
    ResultPass("elliptic_one", _rp_elliptic_one, ONE_WORDS),
    ResultPass("set_aside", _rp_set_aside, SETASIDE_ANY),
    ResultPass("ask_nothing", _rp_ask_nothing),
    ResultPass("presupposed", _rp_presupposed, PRESUPPOSED_GATE_WORDS),
    ResultPass("list_items", _rp_list_items),
    ResultPass("named_groups", _rp_named_groups),
    ResultPass("read_entry", _rp_read_entry),
    ResultPass("read_path", _rp_read_path, chars=":"),
)


def has_derm_term(text: str, tagger: Tagger | None = None) -> bool:
    """Module-level shortcut with the default ontology's tagger (built once)."""
    return (tagger or _default_tagger()).has_derm_term(text)


_DEFAULT: list[Tagger] = []


def _default_tagger() -> Tagger:
    if not _DEFAULT:
        from derm1m_build.ontology import load_ontology

        _DEFAULT.append(Tagger(load_ontology()))
    return _DEFAULT[0]

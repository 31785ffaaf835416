"""Cue patterns and word sets that passes in more than one module read (the clinicians' words, a
business's name, the "?... no" answer, where a cue's clause ends). A cue read by one pass lives beside it."""

from __future__ import annotations

import re


# round 6: "a hypertrophic scar, no actually it's a keloid", "urticaria, wait, no, ...", "a lipoma -
# correction, it's an epidermoid cyst", "we thought X, nope, it's Y", "turns out it's", "which makes it
# mpox", "until the dermatologist diagnosed", "; the urgent care doctor says it's", "then biopsied". What
# these answer with a refinement ("... the doctor says it's cold urticaria") or a generic word for the
# lesion ("the mole") is not set aside.
CLINICIANS = ("doctor", "dr", "doc", "dermatologist", "derm", "gp", "paediatrician", "pediatrician", "consultant",
              "specialist", "physician", "pathologist", "registrar")
# a name that is a business's ("Acne Studios", "Ringworm Inc.", "the Valley Fever Bar & Grill")
# (round 10: a patients' organisation named after a disease is no finding either: "The Rosacea Society's donation
# page", "the National Psoriasis Foundation")
# (round 13: a support group and a street named after one: "The Acne Support Group meets on Thursdays", "the Wart
# Lane post office")
BUSINESS = re.compile(r"\s+(?:&\s+)?(?:Inc|Ltd|LLC|Corp|Corporation|Co|GmbH|Studios?|Records|Bar|Grill|Cafe|Café|"
                      r"Restaurant|Band|Labs?|Games|Software|Productions|Pictures|Brewing|Brewery|Hotel|Society|"
                      r"Foundation|Association|Trust|Alliance|Support|Lane|Street|Road|Avenue|Hill|Farm|Valley|Park)\b")
QUESTION_NO = re.compile(r"\?\s*(?:(?:hmm+|um+|uh+|er|well|oh)[,.]?\s+)*"
                         # round 17: the patient's answer reported ("Psoriasis in the past? He says never")
                         r"(?:(?:he|she|they|the patient|patient|mum|mother|dad|father)\s+(?:says|said|answers|answered)\s+)?"
                         r"(?:no|nope|nah|never|"
                         # round 30: the answer said another way ("Impetigo? I don't think so, ...", "Scabies? Unlikely.")
                         r"i\s+don[\u2019']?t\s+think\s+so|i\s+do\s+not\s+think\s+so|don[\u2019']?t\s+think\s+so|"
                         r"(?:very\s+|highly\s+)?unlikely|probably\s+not|definitely\s+not|certainly\s+not|i\s+doubt\s+it|"
                         r"doubt\s+it|not\s+really|i\s+think\s+not)\b[,.!]?", re.IGNORECASE)
# Round 44: the words that point a sentence at a patient, a case or its picture rather than at a disease in general
# ("this rash", "here", "today", "shown", "the image", "our patient", "her", "a 40-year-old", "my arm"): the
# one definition the passes read that take a general statement or research prose as no finding unless it points at a
# case (`guides`: a teaching statement, a disease's specificity; `research`: a parasite's vector bite). Rounds 42-43
# kept two lists (guides' and research's); they are one here, their union but for research's "itchy / itching" (a
# felt symptom, which `research` reads beside this list: a features heading's "itching" is the kind's). Not "this clinical context / setting /
# population / group" (a guide's setting, not a case).
POINTS_AT_CASE = re.compile(r"(?<![a-z])(?:here|(?:this|these)(?![ ]+(?:clinical[ ]+)?(?:context|setting|population|group))|"
                            r"today|shown|pictured|image|photo|photograph|slide|case|patient|his|her|my|"
                            # (round 56: "our" but for a setting in general, "are common each autumn in our day
                            # nurseries": a place's population, no case)
                            r"our(?![ ]+(?:[a-z-]+[ ]+)?(?:nurseries|schools|region|area|community|communities|country|"
                            r"city|town|population|care[ ]+homes)(?![a-z]))|"
                            r"year[ -]old)(?![a-z])", re.IGNORECASE)
LAY_BELIEF_END = re.compile(r"(?<![a-z])but(?![a-z])|[;]")


def _clause_end(text: str, n: str, start: int, ends: list[int]) -> int:
    """Where a cue's clause ends: the first sentence end at or after `start`, or an earlier "but" / ";"
    (`LAY_BELIEF_END`) before it. Shared by the lay-belief and relative's-condition scopes."""
    stop = min((e for e in ends if e >= start), default=len(text))
    b = LAY_BELIEF_END.search(n, start, stop)
    return b.start() if b is not None else stop

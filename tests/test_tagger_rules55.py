"""Tagger rules of round 55 (tuning sets: gold and independent sets 1-39): negation cues with their scope. A verdict
after the name ("X was not diagnosed", "considered and set aside", "X is not the picture", "considered less likely"),
the findings "all wrong for X", what people would call it or a learner once told the speaker, answered after "but", a
first record overruled in its sentence, a disease examined for and not found ("Examined for X: no ..., no ..."), a name
restated as another diagnosis ("these boils are hidradenitis suppurativa"), the second of "more likely X than Y", a
history's length (no past diagnosis), a poster's "pretty sure it's X", a podiatrist's reply, and a guess agreed with by a
reply that only hedges. Every sentence is new, written for these tests, none taken from any evaluation
set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a verdict after the name
    ("Punch biopsy excluded dermal melanocytosis, so a blue naevus of Ota was not diagnosed.", {"blue-nevus": N}, ""),
    ("Tinea capitis; alopecia areata considered and set aside.", {"tinea-capitis": A, "alopecia-areata": N},
     "tinea capitis"),
    ("Violaceous flat-topped papules on the wrists: lichen planus, and psoriasis is not the picture.",
     {"lichen-planus": A, "psoriasis": N}, "lichen planus"),
    ("Bullous pemphigoid was favoured; pemphigus vulgaris was considered less likely given the tense blisters.",
     {"bullous-pemphigoid": U, "pemphigus-vulgaris": N}, "bullous pemphigoid"),
    # guard: a late diagnosis is no denial
    ("Psoriasis was not diagnosed until she was forty.", {"psoriasis": A}, "psoriasis"),
    # the findings "all wrong for" a name
    ("the blisters are tense and there's no mucosal involvement, it's all wrong for pemphigus vulgaris, this is "
     "bullous pemphigoid", {"pemphigus-vulgaris": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    # what people would call it, answered; unanswered it is the guess "would call this" always was
    ("a lot of people would call it a cold sore but look where it is, on the thigh, it keeps coming back, so this is "
     "recurrent herpes simplex of the thigh", {"herpes-labialis": N, "herpes-simplex": A}, "herpes simplex"),
    ("most people would call it a wart.", {"viral-wart": U}, ""),
    # a learner's naming denied right after "but"; guard: a clinician's "said X, but there's no ..." is no answer
    ("classic acne vulgaris here, and a trainee once told me rosacea because of the redness, but there's no flushing "
     "history", {"acne-vulgaris": A, "rosacea": N}, "acne vulgaris"),
    ("the doctor said eczema, but there's no improvement with the cream", {"eczema": A}, "eczema"),
    # a first record overruled in its sentence; guard: a first record alone stays
    ("I first recorded 'lichen planus' but the papules are shiny with a collarette and the history is weeks: "
     "pityriasis rosea.", {"lichen-planus": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    ("I first recorded lichen planus in 2019.", {"lichen-planus": A}, "lichen planus"),
    # examined for a disease, and only absences after the colon
    ("Examined for head lice at the school: no nits, no itch, no live lice.",
     {"pediculosis-capitis": N, "pruritus": N}, ""),
    # a name restated as another diagnosis; guards: a refinement and a relative clause's definition stay
    ("Reply (GP): the scaly rings you called eczema are tinea corporis.", {"eczema": N, "tinea-corporis": A},
     "tinea corporis"),
    ("Reply (GP): her eczema is atopic dermatitis.", {"eczema": A, "atopic-dermatitis": A}, "atopic dermatitis"),
    ("The itch is scabies.", {"pruritus": A, "scabies": A}, "scabies"),
    # the second of "more likely X than Y", X a word the vocabulary lacks; guard: "less likely" the other way round
    ("Mum says eczema. Reply (GP): an itchy ring like this is more likely a hidrocystoma than eczema.",
     {"eczema": N, "pruritus": A}, ""),
    ("Google says epidermoid cyst. Reply from a nurse: a soft lump on the wrist like that is less likely a ganglion "
     "than an epidermoid cyst.", {"ganglion-cyst": U, "epidermoid-cyst": A}, "epidermoid cyst"),
    # a poster's "pretty sure it's X" is a guess; a podiatrist's reply answers a toenail's guess
    ("pretty sure it's ringworm.", {"tinea-corporis": U}, ""),
    ("Post: my big toenail is thick and crumbly, I'm convinced it's a fungal nail. Reply (podiatrist): no fungus on the "
     "clipping; the thickening is from shoe pressure, onychogryphosis.",
     {"onychomycosis": N, "onychogryphosis": A}, "onychogryphosis"),
    # a guess agreed with by a reply that only hedges its own, more specific name stays a guess; guard: a stated name
    # after the agreement makes it the diagnosis
    ("Post: I think it's a fungal infection on my arm. Reply (dermatologist): yes, this looks like tinea corporis.",
     {"fungal": U, "tinea-corporis": U}, "tinea corporis"),
    ("Post: I think it's a fungal infection on my arm. Reply (dermatologist): yes, tinea corporis.",
     {"fungal": A, "tinea-corporis": A}, "tinea corporis"),
    # a history's length is no past diagnosis; guard: a history of a disease is
    ("Crusted papules and a history of months: pityriasis lichenoides chronica.",
     {"pityriasis-lichenoides-chronica": A}, "pityriasis lichenoides chronica"),
    ("A history of psoriasis and eczema.", {"psoriasis": A, "eczema": A}, ""),
])
def test_round55_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

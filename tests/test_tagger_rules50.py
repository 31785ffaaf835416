"""Tagger rules of round 50 (tuning sets: gold and independent sets 1-36). An abbreviation followed by a vital sign's
reading names that measurement ("BP 80/60" is a blood pressure, "PR 88/min" a pulse rate), not bullous pemphigoid or
pityriasis rosea; an exam's open stem, one short sentence ending in its blank ("Tinea imbricata is caused by -",
"Regarding lichen planus, all are true except: March 2012"), asks about a disease as a kind: uncertain, never the
label; a note's "Background: X" / "Background of X" after the problem it is about is history, never the label.
Every sentence is new, written for these tests, none taken from any evaluation set; the guards (named so) keep
what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a vital sign's reading after the abbreviation: the measurement, no condition
    ("Twenty weeks pregnant, pale and clammy, BP 85/55, no rash or bruising; what is the next step?",
     {"ecchymosis": N}, ""),
    ("After the operation his BP was 150/95 and the wound showed no redness.", {}, ""),
    ("Pulse 104/min, BP: 100/70, temperature 38.5, no rash anywhere.", {}, ""),
    ("Recorded BP of 160/100 mmHg at the skin clinic; the shins are dry but intact.", {}, ""),
    ("PR 92/min and regular, chest clear, abdomen soft.", {}, ""),
    # guards: the same abbreviation naming the disease, beside a reading or not
    ("Elderly man, BP 135/80, tense bullae on the thighs and flexures: BP suspected, DIF pending.",
     {"bullous-pemphigoid": U}, "bullous pemphigoid"),
    ("BP confirmed on direct immunofluorescence; tense blisters settling on doxycycline.",
     {"bullous-pemphigoid": A}, "bullous pemphigoid"),
    ("Tense bullae on both forearms, BP 3 weeks after starting a gliptin.",
     {"bullous-pemphigoid": A}, "bullous pemphigoid"),
    ("Herald patch then a fir-tree rash over the back: PR, fading at six weeks.",
     {"pityriasis-rosea": A}, "pityriasis rosea"),
    # an exam's open stem: the disease is the question's kind
    ("Tinea imbricata is seen in -", {"tinea-imbricata": U}, ""),
    ("All are true about pemphigus vulgaris except -", {"pemphigus-vulgaris": U}, ""),
    ("Regarding lichen planus, all are true except: March 2012", {"lichen-planus": U}, ""),
    ("Drug of choice for scabies in pregnancy is:", {"scabies": U}, ""),
    ("Which is not true of erythema nodosum:", {"erythema-nodosum": U}, ""),
    # guards: a case told in the stem, a row with an empty field, a finding after a colon, a dash joined to a word
    ("A 7-year-old girl has honey-crusted sores around the nose; the organism causing this impetigo is -",
     {"impetigo": A}, "impetigo"),
    ("Plaque psoriasis, left elbow -", {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    ("Biopsy of the pearly nodule showed: basal cell carcinoma.", {"basal-cell-carcinoma": A},
     "basal cell carcinoma"),
    ("Scabies with secondary impetigo, treated May 2019", {"scabies": A, "impetigo": A}, "scabies"),
    # a note's background told after the problem: the background's disease is history, never the label
    ("Please see this 68-year-old farmer with a bleeding crusted nodule on the scalp. ?SCC. Background of several "
     "BCCs excised.", {"squamous-cell-carcinoma": U, "basal-cell-carcinoma": A}, "squamous cell carcinoma"),
    ("Ward note: admitted with facial erysipelas, afebrile after two days of antibiotics. Background: rosacea.",
     {"erysipelas": A, "rosacea": A}, "erysipelas"),
    # guards: a background with nothing named before it, an abstract's "Background:" sentence
    ("Itchy plaques on the shins. Background of lichen planus, which this looks like again.",
     {"pruritus": A, "lichen-planus": A}, "lichen planus"),
    ("Background: atopic dermatitis since childhood, now flaring on the flexures.",
     {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("This study looked at herpes zoster risk under systemic antipsoriatic drugs. Background: the survival of "
     "advanced melanoma patients treated with one checkpoint inhibitor varies greatly, so a risk model is needed.",
     {"herpes-zoster": U, "melanoma": A}, "malignant melanoma"),
])
def test_vital_signs_exam_stems_and_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

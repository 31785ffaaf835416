"""Tagger rules of round 57 (tuning sets: gold and independent sets 1-41): names set aside after they were named (a
repair that opens the next sentence, "let me correct myself", a caption declared wrong, a first impression answered, a
lesion treated as one name before a result's heading, "which a boil doesn't have", a denial closing the name's clause,
a name that does not explain the findings, a candidate raised and dropped, someone's worry beside the diagnosis, a
record amended in place, a question's two alternatives answered, "it's more than X"), a hedge that does not reach over
a stop, a clinician's reply denying the poster's own name, a wager and a presumption as a clinician's hedge, a request to
list candidates and a ranked list. Every sentence is new, written for these tests, none taken from any evaluation set;
the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a repair opening the next sentence; guard: an apology opening it repairs nothing
    ("and here we have a, er, dermatofibroma. No, wait, it has a punctum, it's an epidermoid cyst.",
     {"dermatofibroma": N, "epidermoid-cyst": A}, "epidermoid cyst"),
    ("Probably a seborrhoeic keratosis. Scratch that, the edge is pearly, so a basal cell carcinoma.",
     {"seborrheic-keratosis": N, "basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("I have had eczema for years. Sorry for the long post, the dermatologist says it's psoriasis too.",
     {"eczema": A, "psoriasis": A}, "eczema"),
    # the speaker's repair in words, a caption declared wrong
    ("I said psoriasis, let me correct myself, with that silvery-free edge it's tinea corporis",
     {"psoriasis": N, "tinea-corporis": A}, "tinea corporis"),
    ("The slide reads urticaria. Apologies, wrong caption: this is erythema multiforme.",
     {"urticaria": N, "erythema-multiforme": A}, "erythema multiforme"),
    # a first impression answered; a lesion treated as one name, then a result's heading
    ("my first thought was a wart, but pare it and there are no capillaries, so this is a corn",
     {"viral-wart": N, "corn": A}, "corn"),
    ("her GP froze it three times as a wart. histology: a squamous cell carcinoma.",
     {"viral-wart": N, "squamous-cell-carcinoma": A}, "squamous cell carcinoma"),
    # a relative clause's kind in general
    ("It's a pilar cyst with a central punctum, which a lipoma doesn't have.", {"pilar-cyst": A, "lipoma": N},
     "pilar cyst"),
    # a denial closing the name's clause; guard: a denial of a feature keeps the name
    ("The referral letter said scabies, which it is not; these are flea bites.", {"scabies": N, "flea-bites": A},
     "flea bites"),
    ("Her daughter thought they were warts, they are not; they are molluscum.",
     {"viral-wart": N, "molluscum-contagiosum": A}, "molluscum contagiosum"),
    ("Psoriasis, and they are not itchy plaques at all.", {"psoriasis": A, "pruritus": N}, "psoriasis"),
    ("Cold urticaria since the winter; angioedema never.", {"cold-urticaria": A, "angioedema": N}, "cold urticaria"),
    # a name that does not explain the findings
    ("Rosacea; acne, the first diagnosis, does not explain the flushing.", {"rosacea": A, "acne-vulgaris": N}, "rosacea"),
    # a candidate raised and dropped; guard: a candidate still raised stays open
    ("Bullous pemphigoid. Pemphigus was raised by the ward team and is not supported by the biopsy.",
     {"bullous-pemphigoid": A, "pemphigus": N}, "bullous pemphigoid"),
    ("Guttate psoriasis. Pityriasis rosea considered: no herald patch, so not pursued.",
     {"guttate-psoriasis": A, "pityriasis-rosea": N}, "guttate psoriasis"),
    ("Psoriasis was considered by the GP and a biopsy is booked.", {"psoriasis": U}, ""),
    # someone's worry beside the diagnosis; guard: a worry with no diagnosis stays
    ("Seborrhoeic keratosis; melanoma was the patient's worry.", {"seborrheic-keratosis": A, "melanoma": N},
     "seborrheic keratosis"),
    # a record amended in place; guard: an amendment that refines keeps the first name
    ("Diagnosis: dermatofibroma (revised after excision: dermatofibrosarcoma protuberans).",
     {"dermatofibroma": N, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    ("Diagnosis: basal cell carcinoma (amended after histology: nodular basal cell carcinoma).",
     {"basal-cell-carcinoma": A, "nodular-bcc": A}, "nodular basal cell carcinoma"),
    # a question's two alternatives answered; guard: an unanswered question leaves both open
    ("so is this a keloid or is it a hypertrophic scar? it stays inside the wound, so a hypertrophic scar",
     {"keloid": N, "hypertrophic-scar": A}, "hypertrophic scar"),
    ("Is this a keloid or a hypertrophic scar? Hard to say from the photo.",
     {"keloid": U, "hypertrophic-scar": U}, ""),
    # "it's more than X" before the diagnosis
    ("I thought it was acne. GP: it's more than acne, the flushing and the eyes make it rosacea.",
     {"acne-vulgaris": N, "rosacea": A}, "rosacea"),
    # a hedge before a stop does not own the name after it
    ("Cellulitis suspected; erysipelas/necrotising fasciitis not supported.",
     {"cellulitis": U, "erysipelas": N, "necrotizing-fasciitis": N}, "cellulitis"),
    # a clinician's reply denying the poster's name, though it only hedges the answer
    ("Thread: 'wart on my thumb'. Reply from a dermatologist: this is not a wart; I'd want a biopsy to check for "
     "squamous cell carcinoma.", {"viral-wart": N, "squamous-cell-carcinoma": U}, ""),
    # a wager and a presumption are a clinician's hedge
    ("From the photos my money is on pityriasis versicolor.", {"tinea-versicolor": U}, "tinea versicolor"),
    ("Nummular eczema is my presumption; the scraping is pending.", {"nummular-eczema": U}, "nummular eczema"),
    # a request to list candidates, a ranked list
    ("Name three things on this slide: psoriasis, lichen planus, pityriasis rosea.",
     {"psoriasis": U, "lichen-planus": U, "pityriasis-rosea": U}, ""),
    ("Itchy red plaques on the wrists: lichen planus, eczema from a watch strap, or scabies, in order of likelihood.",
     {"pruritus": A, "lichen-planus": U, "eczema": U, "scabies": U}, ""),
    # a kind set aside by its modifier and "one"; guard: a modifier that names no kind adds nothing
    ("this is a lentigo maligna melanoma, not a nodular one", {"lentigo-maligna-melanoma": A, "nodular-melanoma": N},
     "lentigo maligna melanoma"),
    ("It is a melanoma, not a benign one.", {"melanoma": A}, "malignant melanoma"),
    # a trial title asking which treatment comes first; guard: "the first of" is no treatment
    ("Methotrexate or ciclosporin first for severe atopic eczema? A randomised trial",
     {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("Is this the first of many melanomas?", {"melanoma": U}, ""),
    # a candidate to be excluded stays open until a negative result
    ("Cellulitis must be excluded.", {"cellulitis": U}, ""),
    ("Syphilis is the one you must not miss, so we sent serology and it came back negative; this is pityriasis rosea.",
     {"syphilis": N, "pityriasis-rosea": A}, "pityriasis rosea"),
])
def test_round57_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

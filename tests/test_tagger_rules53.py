"""Tagger rules of round 53 (tuning sets: gold and independent sets 1-38). A candidate "not a consideration" and a test's
result that "rules out" a diagnosis deny it; "don't treat it as X" denies X; a table, a list or a role-play asked of an
assistant names kinds; a statement of risk ("X raises the risk of Y") names kinds; words quoted as words name nothing; a
thread's turn headed by a role alone ("GP: ...") or "Nurse reply:" answers the poster, a health visitor as a nurse, its
"think X" the clinician's hedge, and only a diagnosis answers; "DM / BP well controlled" are diabetes and blood
pressure; an organism's abbreviation sent "for HSV PCR" names the test; a malar rash beside lupus erythematosus is its
sign, as digital pitted scars are systemic sclerosis's and mouth ulcers lupus's; "was favoured" and "is the likely
story / explanation" after the name hedge; a class restated in apposition by its specific name ("a bacterial skin
infection, impetigo,") is one naming; a clinician's "working list" is a differential; a true/false question's numbered statements name kinds. Every
sentence is new,
written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a candidate set aside by name; a test's result; a lecturer's "don't treat it as"
    ("Pustules on the back after gym sessions; pityrosporum folliculitis. Acne vulgaris is not a consideration.",
     {"pityrosporum-folliculitis": A, "acne-vulgaris": N}, "pityrosporum folliculitis"),
    ("Skin scrapings rule out scabies; this is papular urticaria from flea bites.",
     {"scabies": N, "papular-urticaria": A, "flea-bites": A}, "papular urticaria"),
    ("this is a keloid, so please don't treat it as a hypertrophic scar",
     {"keloid": A, "hypertrophic-scar": N}, "keloid"),
    # guard: a bare "rule out" asks for a test
    ("Punch biopsy to rule out lichen planus.", {"lichen-planus": U}, ""),
    # a table, a list, a role-play asked of an assistant
    ("Make a short quiz on scabies for nursing students.", {"scabies": U}, ""),
    ("List five home remedies people try for warts, with a sentence on each.", {"viral-wart": U}, ""),
    ("Act as a nurse tutor and answer: why is impetigo so common in small children? Keep it short.",
     {"impetigo": U}, ""),
    # guards: a role-play that speaks of the writer; "Act" that is no request
    ("Act as a dermatologist. I have had psoriasis on my knees for ten years; what should I ask at my visit?",
     {"psoriasis": A}, "psoriasis"),
    ("Act fast: this spreading red leg is cellulitis and needs antibiotics today.", {"cellulitis": A}, "cellulitis"),
    # a statement of risk; guards: a question, a purpose, a text that points at a case
    ("Hidradenitis suppurativa raises the risk of squamous cell carcinoma in scars.",
     {"hidradenitis-suppurativa": U, "squamous-cell-carcinoma": U}, ""),
    ("Does psoriasis raise the risk of squamous cell carcinoma? A cohort study",
     {"psoriasis": A, "squamous-cell-carcinoma": U}, "psoriasis"),
    ("Keep the wart covered at the pool to reduce the chance of spread.", {"viral-wart": A}, "viral wart"),
    ("wider excision margins may lower the risk of recurrence and that is why over the last two years seventy basal "
     "cell carcinomas of the face were reviewed for the audit", {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("Many moles raise her risk of melanoma; the mole shown today is a benign compound naevus.",
     {"melanocytic-nevus": A, "melanoma": U, "compound-nevus": A}, "compound nevus"),
    # words quoted as words
    ("Count every message holding the terms \"eczema\" or \"psoriasis\" in the clinic inbox.", {}, ""),
    # guards: a quoted name given as the word for the lesion; a quoted diagnosis that is no word's mention
    ("A pink patch on the baby's nape; the health visitor's word for it was 'stork bite'.", {"salmon-patch": A},
     "salmon patch"),
    ("The GP wrote \"impetigo\" on the form and gave fusidic acid.", {"impetigo": A}, "impetigo"),
    # a thread's turn headed by a role alone, a nurse's reply without the possessive, a health visitor's "think X"
    ("Sure it was a spider bite, red and swollen on my calf. GP: this is cellulitis, start the antibiotics today.",
     {"spider-bite": N, "cellulitis": A}, "cellulitis"),
    ("I decided it was nappy rash. Health visitor reply: with the satellite spots, think candida and use an "
     "antifungal cream.", {"diaper-dermatitis": N, "candidiasis": U}, "candidiasis"),
    # guard: a reply that leaves a name open answers nothing
    ("Is this a wart or a corn on my toe? Reply from a podiatrist: I'd need to pare it to check for a verruca.",
     {"viral-wart": U, "corn": U, "plantar-wart": U}, ""),
    # "DM / BP well controlled"; guard: a skin disease's own control
    ("Reviewed today: DM poorly controlled, BP well controlled; a new SK on the temple.",
     {"seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("Derm clinic: HS well controlled on adalimumab, no new nodules.", {"hidradenitis-suppurativa": A},
     "hidradenitis suppurativa"),
    # the organism's test asked for; guard: its result
    ("Grouped vesicles on the buttock, swab for HSV PCR sent.", {}, ""),
    ("Derm review: HSV PCR positive from the lip vesicles.", {"herpes-simplex": A}, "herpes simplex"),
    # a malar rash beside lupus erythematosus; guard: the rash alone, and beside a background lupus
    ("Malar rash and joint pains: lupus erythematosus, antibodies sent.", {"lupus-erythematosus": A},
     "lupus erythematosus"),
    ("A malar rash after a day at the beach.", {"acle": A}, "acute cutaneous lupus erythematosus"),
    # "was favoured" after the name; guard: a hedge borne out
    ("Figure 3. Annular plaques on the dorsal hands; granuloma annulare was favoured over tinea.",
     {"granuloma-annulare": U, "dermatophytosis": N}, "granuloma annulare"),
    ("Figure 5. Pearly papule of the nose; BCC was favoured and confirmed on excision.",
     {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    # a syndrome's sign beside it: systemic sclerosis's pitted scars, lupus's mouth ulcers; guard: acne's pitted scars
    ("Sclerodactyly and pitted scars on the finger pads: systemic sclerosis.", {"systemic-sclerosis": A},
     "systemic sclerosis"),
    ("Painful mouth ulcers and a photosensitive rash: lupus erythematosus.", {"lupus-erythematosus": A},
     "lupus erythematosus"),
    ("Acne in his teens left pitted scars over both cheeks.", {"acne-vulgaris": A, "atrophic-scar": A}, "atrophic scar"),
    # a class restated in apposition by its specific name, the verdict after it; guard: a list
    ("Reply from a GP: a bacterial skin infection, impetigo, is the likely explanation; fusidic acid for a week.",
     {"impetigo": U}, "impetigo"),
    ("Rashes seen this week: eczema, psoriasis, urticaria.", {"eczema": A, "psoriasis": A, "urticaria": A}, "eczema"),
    # a true/false question's numbered statements
    ("Which of the following statements are true? 1. Rosacea is a chronic condition of adults. 2. Scabies mites "
     "burrow in the skin.", {"rosacea": U, "scabies": U}, ""),
    # a clinician's working list
    ("Working list for the papules on her shins: lichen planus, prurigo nodularis, hypertrophic lichen planus.",
     {"lichen-planus": U, "prurigo-nodularis": U, "hypertrophic-lichen-planus": U}, ""),
])
def test_round53_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

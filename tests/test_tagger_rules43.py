"""Tagger rules of round 43 (tuning sets: gold and independent sets 1-30). A teaching statement beside a case in one
sentence is read per clause (the general clause's condition uncertain, the case's asserted and the label); more
generic predicates (an adverb of what the kind usually does, its class, what it does in the simple present); research
prose's cell lines, institutions, mucosal carcinomas, beehives and a parasite's vector bite name no finding; a name
denied as the cause of a finding; a writer's guess after "no doctor"; one case inside an adverse-event report; a
diagnosis corrected to another; another person's suggestion answered by the writer's review; a condition dated years
ago before a later finding; a trial's abscess count; an eyelid or a toe alone is one site; a heart or urinary guide's
bare abscess; a spoken name split by a filler. 31 of the 50 cases fail at the round's start; the other 19 are guards
or forms an earlier round already read. Every sentence is new, written for these tests, none taken from any evaluation set;
the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the general clause before a semicolon, the case after it turns to a patient
    ("Lichen planus typically presents with purple flat-topped papules; this woman, however, has a linear scaly "
     "band on the calf that the biopsy called lichen striatus.",
     {"lichen-planus": U, "lichen-striatus": A}, "lichen striatus"),
    ("Tinea capitis usually begins in school-age children; this grandmother's scaly scalp patch turned out to be "
     "discoid lupus erythematosus.",
     {"tinea-capitis": U, "dle": A}, "discoid lupus erythematosus"),
    # the kind named again in the case part keeps the case's status
    ("Molluscum contagiosum is most common in young children, but this 40-year-old's pearly papules were molluscum "
     "contagiosum as well.", {"molluscum-contagiosum": A}, "molluscum contagiosum"),
    # (a longer name holding the kind's name is no second naming)
    ("Melanoma can arise in an existing mole; this 60-year-old's new lesion was a lentigo maligna melanoma.",
     {"melanoma": U, "melanocytic-nevus": U, "lentigo-maligna-melanoma": A}, "lentigo maligna melanoma"),
])
def test_a_teaching_statement_beside_a_case_is_read_per_clause(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Rosacea is a chronic inflammatory condition of the central face.", {"rosacea": U}, ""),
    ("Vitiligo mainly affects the hands, the face and the skin around the orifices.", {"vitiligo": U}, ""),
    ("Granuloma annulare mostly affects the backs of the hands and feet.", {"granuloma-annulare": U}, ""),
    ("Seborrhoeic dermatitis favours the scalp and the nasolabial folds.", {"seborrheic-dermatitis": U}, ""),
    ("Impetigo accounts for most superficial skin infections in toddlers.", {"impetigo": U, "infectious": U}, ""),
    ("Urticaria is defined by wheals that come and go within a day.", {"urticaria": U}, ""),
    ("Lichen sclerosus is a chronic scarring dermatosis of the anogenital skin.", {"lichen-sclerosus": U}, ""),
    ("Herpes zoster follows a single dermatome on one side.", {"herpes-zoster": U}, ""),
])
def test_more_generic_predicates_name_the_kind(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a comma before the verb: a list or a plan, no generic present ("Dx: X, starts ...")
    ("Diagnosis: erythema multiforme, starts prednisolone today.", {"erythema-multiforme": A}, "erythema multiforme"),
    ("Excision, cheek: basal cell carcinoma, nodular type, extends to the lateral margin.",
     {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    # a spoken lecture over its slide, and a title in title case, keep their subject
    ("so vitiligo typically spares nothing on this slide", {"vitiligo": A}, "vitiligo"),
    ("Lichen Planus Is a Common Mucocutaneous Disease of Middle Age", {"lichen-planus": A}, "lichen planus"),
    # the later clause takes up the kind itself ("this one", "typical of it")
    ("Keratoacanthoma usually grows within weeks; this one doubled in a month on the forearm.",
     {"keratoacanthoma": A}, "keratoacanthoma"),
    ("Psoriasis is the commonest papulosquamous disease of adults; Maria's elbow plaques are typical of it.",
     {"psoriasis": A}, "psoriasis"),
    # a word inside a longer word is no second naming ("nonmelanoma" after the semicolon)
    ("Melanoma can spread early; nonmelanoma types seldom do.", {"melanoma": U}, ""),
])
def test_the_generic_predicates_leave_cases_lists_lectures_and_titles(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The SK-MEL-5 melanoma cell line was grown in serum-free medium for the assay.", {}, ""),
    ("Volunteers were recruited through the vitiligo society's newsletter.", {}, ""),
    ("Tumour samples came from 80 patients with oral squamous cell carcinoma of the tongue.", {}, ""),
    ("Brood cells and honey stores were checked in each hive before winter.", {}, ""),
    ("Sporozoites deposited during an infected mosquito bite reach the liver within an hour.", {}, ""),
    # a title's plural "melanoma cell lines" names nothing either (round 43's vocabulary: a cell line's false friend)
    ("Tyrosinase activity in human melanoma cell lines.", {}, ""),
    # guards: a patient's hives, a skin SCC, a case's mosquito bites
    ("Hives all over her arms an hour after the penicillin.", {"urticaria": A}, "urticaria"),
    ("Squamous cell carcinoma on the scalp of a bald farmer.", {"squamous-cell-carcinoma": A},
     "squamous cell carcinoma"),
    ("Back from Kenya with malaria prophylaxis, she has itchy mosquito bites on both ankles.",
     {"pruritus": A, "mosquito-bite": A}, "mosquito bite"),
])
def test_research_prose_names_no_finding(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("No burrows in the finger webs, so scabies is not the cause of his itch.", {"scabies": N, "pruritus": A}, ""),
    ("Contact dermatitis was not the reason for the rash; the biopsy showed pityriasis rosea.",
     {"contact-dermatitis": N, "pityriasis-rosea": A}, "pityriasis rosea"),
    # a writer's guess after "no doctor": a lay guess; a dermatologist's "my guess" is left to the other rules
    ("Not a doctor, but my guess is impetigo - my son had the same golden crusts last summer.",
     {"impetigo": U}, ""),
    ("Dermatologist here: my guess is impetigo from the photo.", {"impetigo": A}, "impetigo"),
    # one case told inside an adverse-event report; the report's list stays generic
    ("Post-marketing report: a 31-year-old woman developed Stevens-Johnson syndrome on day 10 of carbamazepine.",
     {"stevens-johnson": A}, "Stevens-Johnson syndrome"),
    ("Post-marketing reports include angioedema and urticaria.", {"angioedema": U, "urticaria": U}, ""),
    # a diagnosis corrected to another
    ("Her mother was sure it was impetigo; the GP later corrected that to eczema herpeticum after a negative swab.",
     {"impetigo": N, "eczema-herpeticum": A}, "eczema herpeticum"),
])
def test_denials_guesses_reports_and_corrections(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Paravalvular extension with abscess formation on the transoesophageal echocardiogram.", {}, ""),
    ("Perinephric collection on CT; the abscess needs drainage and six weeks of antibiotics.", {}, ""),
    # guards: a skin abscess beside a heart word
    ("An abscess on the buttock of a man with a prosthetic heart valve.", {"abscess": A}, "abscess"),
])
def test_a_heart_or_urinary_guides_bare_abscess(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("so this is psoria- uh -sis on both elbows", {"psoriasis": A}, "psoriasis"),
    ("and here is vit- um -iligo around the mouth", {"vitiligo": A}, "vitiligo"),
])
def test_a_spoken_name_split_by_a_filler(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want", [
    ("Xanthelasma, yellow plaques on the left upper eyelid.", set()),
    ("Subungual haematoma of the right big toe.", set()),
    # guards: the eyelids beside the lips, the toes beside the fingers are the pattern
    ("Crusted erosions on the eyelids and lips.", {"periorificial"}),
    ("Chilblains on the fingers and toes every winter.", {"acral"}),
])
def test_an_eyelid_or_a_toe_alone_is_one_site(tg, text, want):  # noqa: F811
    t, _ = tg
    got = concepts(t.tag(text)) & {"periorificial", "acral"}
    assert got == want, text


@pytest.mark.parametrize("text,want,label", [
    ("A basal cell carcinoma was removed from her nose six years ago; the pink papule on her cheek today is a "
     "sebaceous hyperplasia.", {"basal-cell-carcinoma": A, "sebaceous-hyperplasia": A}, "sebaceous hyperplasia"),
    # guard: a past episode that is the text's only finding keeps the label
    ("Lichen planus was diagnosed on both wrists three years ago and has recurred at the same sites.",
     {"lichen-planus": A}, "lichen planus"),
])
def test_a_condition_dated_years_ago_is_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The practice nurse suggested ringworm; on my examination the annular plaque with a raised beaded edge is "
     "granuloma annulare.", {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guard: a suggestion the writer agrees with stays
    ("The GP suggested psoriasis; we agree.", {"psoriasis": A}, "psoriasis"),
])
def test_a_suggestion_answered_by_the_writers_review(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Primary endpoint: the change in abscess and draining tunnel count at week 16 in adults with hidradenitis "
     "suppurativa.", {"hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    # guard: an abscess that is a finding
    ("A fluctuant abscess in the left axilla, drained in clinic.", {"abscess": A}, "abscess"),
])
def test_a_trials_abscess_count_is_no_abscess(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

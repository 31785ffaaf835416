"""Vocabulary of round 30: abbreviations that stand alone, in-situ and group forms, lay and misspelt names, and
colour words that describe something other than the lesion's colour.

- "SJS/TEN" (and "SJS-TEN overlap") names both drug reactions; "HZO" alone is herpes zoster ophthalmicus.
- "basiloma" (a misspelt basalioma) is basal cell carcinoma; a "beauty spot" is a melanocytic naevus.
- An in-situ melanoma named with its site ("subungual melanoma in situ") is melanoma in situ, not the invasive site
  subtype.
- "solar hypersensitivity" is a photodermatosis, not a hypersensitivity reaction; patients admitted to or treated at
  a burn centre have thermal burns (a fire drill's "burns unit" and a transfer of a TEN patient do not).
- "lumps" on the skin are nodules (the plural only; "a lump" alone is left unread).
- "white scale" is Scale alone; lichen planus's white lacy lines are no White; "pale pink" is Pink; "white striae"
  are still stretch marks.
- Named groups and catalogue forms: "Stevens-Johnson" alone, "chronic cutaneous lupus erythematosus" (the group until a
  subtype is said), "phymatous rosacea", "adnexal carcinoma", "thickening of the palms and soles", ICD-11's
  "vesicular dermatitis of hands and feet", old names ("melanosis circumscripta precancerosa", "peliosis", "furry
  tongue"), lay and misspelt names ("veruca", "mozzie bites", "ringworm on the scalp"), clipped titles' "Bsl cell ca",
  and "infiltrative" BCC (no node of its own: basal cell carcinoma).
- ICD-10-CM inclusion terms: "pemphigus neonatorum" (bullous impetigo), "primary anal syphilis", "nummular psoriasis",
  "zoster blepharitis", "vascular naevus", "candidid".
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def _status(m) -> str:
    return N if m.negated else U if m.uncertain else A


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text, want", [
    ("Ward round: SJS/TEN overlap on day 4 after carbamazepine, eyes reviewed.",
     {"stevens-johnson": A, "toxic-epidermal-necrolysis": A}),
    ("SJS-TEN overlap syndrome after allopurinol",
     {"stevens-johnson": A, "toxic-epidermal-necrolysis": A}),
    ("Mucosae spared and Nikolsky negative, so SJS/TEN is excluded; this is erythema multiforme.",
     {"stevens-johnson": N, "toxic-epidermal-necrolysis": N, "erythema-multiforme": A}),
])
def test_sjs_ten_names_both(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_hzo_stands_alone(tg):  # noqa: F811
    assert conditions(tg, "Impression: HZO R V1, valaciclovir started, eye clinic tomorrow.") == {
        "herpes-zoster-ophthalmicus": A}


@pytest.mark.parametrize("text, want", [
    ("[A pigmented basiloma of the upper eyelid]", {"basal-cell-carcinoma": A}),
    ("She has a small raised beauty spot above her lip.", {"melanocytic-nevus": A}),
])
def test_misspelt_and_lay_names(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text", [
    "Matrix biopsy of the left index nail: subungual melanoma in situ, no invasion.",
    "Heel shave: acral melanoma in situ with pagetoid spread.",
])
def test_site_named_in_situ_melanoma(tg, text):  # noqa: F811
    assert conditions(tg, text) == {"melanoma-in-situ": A}


def test_solar_hypersensitivity_is_a_photodermatosis(tg):  # noqa: F811
    got = conditions(tg, "A rare genodermatosis with solar hypersensitivity of the skin from infancy.")
    assert got.get("photodermatoses") == A and "hypersensitivity-reaction" not in got


@pytest.mark.parametrize("text, want", [
    ("Children admitted to the regional burns unit after kettle scalds, 2010-2020.", {"thermal-burn": A}),
    ("Mortality of older adults treated at the national burn center.", {"thermal-burn": A}),
    ("Reminder: the burns unit car park closes at eight tonight.", {}),
    ("TEN covering 30% BSA; transferred to the burns unit overnight.", {"toxic-epidermal-necrolysis": A}),
])
def test_burn_centre_patients(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, nodule", [
    ("Tender red lumps on both shins for a fortnight.", True),
    ("Painful lumps in the groin that drain and scar.", True),
    ("There is a lump on his back.", True),  # (round 51: the singular too, as sets 19-36 read it)
    ("Stir until no lumps of flour remain in the sauce.", False),
])
def test_lumps_are_nodules(tg, text, nodule):  # noqa: F811
    assert ("nodule" in concepts(tg, text)) is nodule


@pytest.mark.parametrize("text, want_in, want_out", [
    ("Scalp: thick white scale over well-defined plaques.", {"scale", "plaque"}, {"white-hypopigmentation"}),
    ("Itchy violaceous papules on the wrists with fine white lines on the top.", {"papule", "purple"},
     {"white-hypopigmentation"}),
    ("A lacy white network on the buccal mucosa, no erosions.", set(), {"white-hypopigmentation"}),
    ("Pale pink macules on the trunk.", {"pink", "macule"}, {"white-hypopigmentation"}),
    ("Depigmented white patches on both hands.", {"white-hypopigmentation", "patch"}, set()),
])
def test_colour_words_that_are_no_colour_of_the_lesion(tg, text, want_in, want_out):  # noqa: F811
    got = set(concepts(tg, text))
    assert want_in <= got and not (want_out & got)


@pytest.mark.parametrize("text, want", [
    # "Stevens-Johnson" alone, in a catalogue's overlap name
    ("Stevens-Johnson and toxic epidermal necrolysis overlap, day 2 after phenytoin",
     {"stevens-johnson": A, "toxic-epidermal-necrolysis": A}),
    # a group named with its qualifier is still the group (the subtype is not yet said)
    ("Chronic cutaneous lupus erythematosus of the ears, subtype to follow", {"lupus-erythematosus": A}),
    ("Phymatous rosacea of the chin", {"rosacea": A}),
    # catalogue and old names
    ("Adnexal carcinoma of skin, left temple", {"malignant-non-melanocytic": A}),
    ("Thickening of the palms and soles since his forties", {"keratoderma": A}),
    ("[Melanosis circumscripta precancerosa of the cheek in an elderly woman]", {"lentigo-maligna": A}),
    ("Vesicular dermatitis of hands and feet, recurrent each summer", {"dyshidrotic-eczema": A}),
    ("Peliosis on both shins", {"purpura": A}),
    ("A furry tongue after antibiotics", {"black-hairy-tongue": A}),
])
def test_named_groups_and_catalogue_forms(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_white_striae_stay_stretch_marks(tg):  # noqa: F811
    assert "striae" in conditions(tg, "Broad white striae across the lower abdomen after pregnancy.")


@pytest.mark.parametrize("text", ["Bsl cell ca skn trunk", "Basl cell ca scalp"])
def test_clipped_basal_cell_titles(tg, text):  # noqa: F811
    assert conditions(tg, text) == {"basal-cell-carcinoma": A}


def test_infiltrative_bcc_is_bcc(tg):  # noqa: F811
    assert conditions(tg, "Excision, nasal tip: infiltrative basal cell carcinoma, margins clear.") == {
        "basal-cell-carcinoma": A}


@pytest.mark.parametrize("text, want", [
    ("Got a veruca on my big toe from the swimming pool.", {"plantar-wart": A}),
    ("Mozzie bites all over my ankles after the barbecue.", {"mosquito-bite": A}),
    ("Ringworm on the scalp of a six-year-old, with broken hairs.", {"tinea-capitis": A}),
    ("Veruca Salt played the festival last night.", {}),
])
def test_regional_and_misspelt_lay_names(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # ICD-10-CM's inclusion terms: L01.03 bullous impetigo includes pemphigus neonatorum (Ritter's disease is SSSS)
    ("Pemphigus neonatorum in a 5-day-old, swab taken", {"bullous-impetigo": A}),  # "swab pending" would be a working diagnosis (round 40: uncertain)
    ("Primary anal syphilis", {"primary-syphilis": A}),
    ("Nummular psoriasis of the shins", {"psoriasis-vulgaris": A}),
    ("Zoster blepharitis, left upper lid", {"herpes-zoster-ophthalmicus": A}),
    ("Vascular naevus of the cheek, unchanged since birth", {"vascular-malformations": A}),
    ("Candidid [levurid] on both palms", {"id-reaction": A}),
    ("Dermatitis due to solar radiation", {"photodermatoses": A}),
])
def test_catalogue_inclusion_terms(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want

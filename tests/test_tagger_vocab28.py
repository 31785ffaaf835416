"""Vocabulary of round 28: the concept side by cause over sets 11-17, and a few condition forms.

- "diffuse" is no Generalized distribution ("diffuse palmoplantar keratoderma", "diffuse hair thinning").
- A crust named by its colour ("honey-coloured crusts", "golden crusting", "honey-crusted") states Crust and Yellow.
- Laboratory "tumour" ("tumour initiation", "tumour cells", "tumor-like"), people's colour words ("black patients"),
  plant diseases ("black rot") and another organ's atrophy ("optic atrophy") are no concept.
- Condition forms: catalogue "Ulcer of <site>", "<drug>-induced lupus syndrome", cement burns, "warm weather itch",
  "syphilitic alopecia", the wrist's "ganglion" (never a nerve's), body-cavity haemangiomas.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import KEY_COLOUR_WORDS
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N = "asserted", "negated"


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text", [
    "Diffuse hair shedding in a teenager three months after glandular fever.",
    "Scleroderma of the diffuse cutaneous type with tight fingers.",
    "Thick diffuse keratoderma of both soles.",
])
def test_diffuse_is_no_generalized_distribution(tg, text):  # noqa: F811
    assert "generalized" not in concepts(tg, text)


@pytest.mark.parametrize("text", [
    "Widespread itchy plaques over the trunk and limbs.",
    "A generalised eruption of small pustules after the new tablets.",
])
def test_generalized_still_read_from_its_own_words(tg, text):  # noqa: F811
    assert concepts(tg, text)["generalized"] == A


@pytest.mark.parametrize("text", [
    "A toddler with honey-coloured crusts below the nose for four days.",
    "Golden crusting spread from the chin to the cheek in two days.",
    "Honey-crusted erosions on a boy's upper lip after a graze.",
    "Three honey crusts on the child's cheek, school sores again.",
])
def test_coloured_crusts_state_crust_and_yellow(tg, text):  # noqa: F811
    got = concepts(tg, text)
    assert got["crust"] == A and got["yellow"] == A


def test_coloured_crusts_keep_a_negation(tg):  # noqa: F811
    got = concepts(tg, "Scraped skin over the knee, but no golden crusts and no pus.")
    assert got["crust"] == N and got["yellow"] == N


@pytest.mark.parametrize("text, absent", [
    ("Crusts over the healing graze on his shin.", "yellow"),
    ("She spreads manuka honey on the sore skin each night.", "yellow"),
])
def test_no_yellow_without_a_coloured_crust(tg, text, absent):  # noqa: F811
    assert absent not in concepts(tg, text)


def test_key_colour_words_name_ontology_concepts(tg):  # noqa: F811
    _, onto = tg
    assert KEY_COLOUR_WORDS and all(c in onto.concepts for c in KEY_COLOUR_WORDS.values())


@pytest.mark.parametrize("text, absent", [
    ("Green tea extract delayed skin tumor initiation in hairless mice.", "tumour"),
    ("The lysate showed tumour-inhibitory activity against a mouse line.", "tumour"),
    ("Keratoses of tumour-like size on the shin; tumor cells absent on biopsy.", "tumour"),
    ("Survival of acral melanoma in Black patients of two clinics.", "black"),
    ("Psoriasis in white adults of a northern cohort.", "white-hypopigmentation"),
    ("Black rot and scab ruined the orchard's apples this year.", "black"),
    ("Retinal atrophy and optic atrophy in a syndrome with sparse hair.", "atrophy"),
])
def test_false_friends_give_no_concept(tg, text, absent):  # noqa: F811
    assert absent not in concepts(tg, text)


@pytest.mark.parametrize("text, cid", [
    ("A firm tumour on the skin of the scalp that bleeds when combed.", "tumour"),
    ("Three black papules on the back of a fair-skinned man.", "black"),
    ("Atrophic white patches on the shins of a diabetic woman.", "atrophy"),
])
def test_the_skin_words_stay(tg, text, cid):  # noqa: F811
    assert concepts(tg, text)[cid] == A


@pytest.mark.parametrize("text, want", [
    ("Ulcer of ankle", {"skin-ulcer": A}),
    ("Ulcer of heel and midfoot, left", {"skin-ulcer": A}),
    ("Ulcer of thigh limited to breakdown of skin", {"skin-ulcer": A}),
    ("Joint pains in the hydralazine-induced lupus syndrome of a 70-year-old man.", {"drug-induced-lupus": A}),
    ("Minocycline-induced lupus erythematosus in a young woman.", {"drug-induced-lupus": A}),
    ("A bricklayer with cement burns on both knees.", {"chemical-burn": A}),
    ("Every July the warm weather itch comes back on his shins.", {"pruritus": A}),
    ("Syphilitic alopecia with a moth-eaten pattern on the scalp.", {"secondary-syphilis": A}),
    ("The lump on the back of her wrist is a ganglion, said the hand surgeon.", {"ganglion-cyst": A}),
])
def test_condition_forms(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_catalogue_ulcer_states_the_ulcer_concept(tg):  # noqa: F811
    assert concepts(tg, "Ulcer of calf")["ulcer"] == A


@pytest.mark.parametrize("text", [
    "Gastric ulcer of the antrum seen on endoscopy.",
    "Herpes zoster reactivates from the trigeminal ganglion.",
    "Dorsal root ganglion neurons carry itch signals.",
    "Hemangioma of intra-abdominal structures",
    "An intracranial haemangioma found on a scan for headaches.",
    "UV-induced lupus flares in a mouse model.",
])
def test_no_skin_condition_from_other_organs_or_models(tg, text):  # noqa: F811
    got = conditions(tg, text)
    assert not {"skin-ulcer", "ganglion-cyst", "angioma", "infantile-hemangioma", "drug-induced-lupus"} & set(got)


def test_shingles_with_a_nerve_ganglion_keeps_zoster(tg):  # noqa: F811
    assert conditions(tg, "Shingles: the virus sleeps in a sensory ganglion for decades.") == {"herpes-zoster": A}


@pytest.mark.parametrize("text, want", [
    ("Hurley II hidradenitis with tunnels under both armpits that drain pus.", A),
    ("HS for a decade; the groin lumps leak and tracts join them up.", A),
    ("Hidradenitis in the axillae, nodules only, no tunnels yet.", N),
])
def test_hidradenitis_tunnels_and_tracts_are_sinus_tracts(tg, text, want):  # noqa: F811
    assert concepts(tg, text)["sinus-tract"] == want


@pytest.mark.parametrize("text", [
    "Carpal tunnel release healed with a neat scar on the wrist.",
    "Abscesses of the urinary tract after a catheter.",
    "The train stopped in the tunnel for an hour.",
])
def test_other_tunnels_and_tracts_are_not(tg, text):  # noqa: F811
    assert "sinus-tract" not in concepts(tg, text)


def test_satellite_pustules_state_the_pustule(tg):  # noqa: F811
    got = concepts(tg, "Glazed red skin under the breasts with satellite pustules at its edge.")
    assert got["pustule"] == A and got["satellite-lesions"] == A


def test_key_also_states_never_repeats_the_key_concept():
    from derm1m_build.tagger.lexicon import key_also_states
    assert key_also_states("satellite pustules", "satellite-lesions") == ("pustule",)
    assert key_also_states("golden crusts", "crust") == ("yellow",)
    assert key_also_states("honey coloured crust", "yellow") == ()
    assert key_also_states("dried crusts", "crust") == ()

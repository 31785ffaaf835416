"""Vocabulary of round 32: clipped names with their dot, the bare word for hair loss disease, catalogue "NOS" forms and
the readings settled where evaluation sets disagreed (ANNOTATION.md, "Decisions settled later").

- A clipped name word written with its abbreviation dot ("Seb. keratosis", "seb. derm") is one name, not a sentence
  end; a clipped name takes its subtype's adjective too ("an inflamed seb keratosis").
- "alopecia" alone names the hair-disease group node (the specific alopecias keep their own nodes); "psoriatic
  alopecia" is psoriasis of the scalp, and "alopecic" (a plaque without hair) is an adjective, not a misspelt name.
- "cutaneous small-vessel vasculitis" is the clinical group name (vasculitis), not the histological pattern
  leukocytoclastic vasculitis, which needs its own word.
- "Thrush NOS" / "ringworm NOS" (not otherwise specified) are the unspecified nodes, candidiasis and dermatophytosis;
  "oral thrush" stays oral candidiasis, "ringworm of the scalp" tinea capitis.
- "satellite spots" beside a rash are Satellite lesions; a "dry scalp" is Xerosis.
- Older names: "dermatitis ab igne" (erythema ab igne), "dermatitis gangrenosa" / "gangrenous dermatitis" (a bacterial
  infection, ICD-10 L08.0), "allergic eczema" (allergic contact dermatitis, as round 31 read "allergic dermatitis").
- "the V of the neck" is the Photodistributed pattern.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
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


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    ("Shave biopsy, left shoulder: Seb. keratosis with horn pseudocysts", {"seborrheic-keratosis": A}),
    ("Dx list: Seb. keratoses x3 on the back, reassured", {"seborrheic-keratosis": A}),
    ("flaky brows and nasal folds, seb. derm again this winter", {"seborrheic-dermatitis": A}),
    ("an inflamed seb keratosis under the bra strap", {"irritated-seborrheic-keratosis": A}),
])
def test_clipped_names_with_their_dot(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_a_sentence_end_after_another_word_still_ends_the_sentence(tg):  # noqa: F811
    # the dot after a word that is no clipped name is a sentence end as before: nothing is named here
    assert conditions(tg, "Seen by the registrar. Keratin plug noted on the slide.") == {}


@pytest.mark.parametrize("text, want, lab", [
    ("Alopecia in children: a ten-year review of referrals", {"hair-diseases": A}, "hair diseases"),
    ("Hereditary alopecia with sparse eyebrows in two brothers", {"hair-diseases": A}, "hair diseases"),
    ("Psoriatic alopecia of the vertex in a man on adalimumab", {"psoriasis": A}, "psoriasis"),
    ("round patches of alopecia areata over the occiput", {"alopecia-areata": A}, "alopecia areata"),
])
def test_alopecia_alone_names_the_hair_disease_group(tg, text, want, lab):  # noqa: F811
    assert conditions(tg, text) == want
    assert label(tg, text) == lab


def test_alopecic_is_an_adjective(tg):  # noqa: F811
    text = "an alopecic scaly plaque on the crown of a toddler"
    assert conditions(tg, text) == {}
    assert concepts(tg, text) == {"plaque": A, "scale": A}


@pytest.mark.parametrize("text", [
    "Skin biopsy of the shins: cutaneous small-vessel vasculitis, no IgA deposits",
    "Final diagnosis: cutaneous small vessel vasculitis after the antibiotic course",
])
def test_cutaneous_small_vessel_vasculitis_is_the_group(tg, text):  # noqa: F811
    got = conditions(tg, text)
    assert got.get("vasculitis") == A
    assert "leukocytoclastic-vasculitis" not in got
    assert label(tg, text) == "vasculitis"


def test_leukocytoclastic_vasculitis_keeps_its_node(tg):  # noqa: F811
    assert conditions(tg, "Histology: leukocytoclastic vasculitis in the upper dermis") == \
        {"leukocytoclastic-vasculitis": A}


@pytest.mark.parametrize("text, want", [
    ("Problem list: thrush NOS; hypertension", {"candidiasis": A}),
    ("Problem list: ringworm NOS; asthma", {"dermatophytosis": A}),
    ("Oral thrush in a denture wearer", {"oral-candidiasis": A}),
])
def test_nos_names_the_unspecified_node(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, concept", [
    ("a beefy red groin rash with satellite spots beyond its edge", "satellite-lesions"),
    ("dry scalp and flaking behind the ears", "xerosis"),
])
def test_findings_in_catalogue_and_clinic_words(tg, text, concept):  # noqa: F811
    assert concept in concepts(tg, text)


@pytest.mark.parametrize("text, want", [
    ("Mottled brown net on the lower back from a heating pad: dermatitis ab igne", {"erythema-ab-igne": A}),
    ("Index entry: gangrenous dermatitis, see also pyoderma", {"bacterial": A}),
    ("allergic eczema on both wrists from a new watch strap", {"allergic-contact-dermatitis": A}),
])
def test_older_names_of_named_dermatoses(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, concept", [
    ("a burning rash on the forearms and the V of the neck after every sunny weekend", "photodistributed"),
])
def test_sun_exposed_sites_are_a_distribution(tg, text, concept):  # noqa: F811
    assert concept in concepts(tg, text)

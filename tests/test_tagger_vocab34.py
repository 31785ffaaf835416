"""Vocabulary of round 34: catalogue headings (MeSH writes them inverted: "Skin Diseases, Viral"), false friends that
need a guard, concept phrases, and names as speech transcripts and forum posts write them.

- Group headings: "genetic / infectious / bacterial / viral / metabolic skin diseases" name the ontology's group
  nodes, as "genodermatoses" and "skin infections" already did; "gustatory sweating" is hyperhidrosis,
  "coproporphyria" a porphyria, "lupus erythematosus panniculitis" lupus panniculitis, "compound melanocytic naevus" a
  compound naevus, "congenital ichthyosiform erythroderma" an ichthyosis.
- An inverted heading's qualifier word is a word of the name, as in the name's own order: "Keratoderma,
  Palmoplantar" gives no Palmoplantar concept, as "palmoplantar keratoderma" gives none; a lesion form stays ("BCC,
  pigmented": Pigmented).
- False friends: the eye's erythema ("erythema of the conjunctiva"), a virus's glycoprotein, regained pigment
  ("repigmentation"), eye-only albinism, a clinic named after a disease.
- Concept phrases: "bleeds on touch" Friable, "thickened leathery" Lichenification, "tightening of the skin"
  Sclerosis, "silvery-scaled" Scale, "demarcated edge" Well-demarcated.
- Speech: "herpeti formis", "nodo sum", "pie o genic", "in cog nito" inside their names.
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


@pytest.mark.parametrize("text, nid, name", [
    ("Chapter 12: Viral skin diseases of the tropics", "viral", "viral infections"),
    ("Diseases, Skin, Bacterial", None, None),  # (the heading's own order only: see below)
    ("Skin Diseases, Bacterial -- index terms", "bacterial", "bacterial infections"),
    ("Skin Diseases, Genetic", "genetic", "genetic"),
    ("Inherited skin diseases: a clinical atlas", "genetic", "genetic"),
    ("Skin Diseases, Infectious (subject heading)", "infectious", "infectious"),
    ("Metabolic skin diseases in the elderly", "metabolic-systemic", "metabolic and systemic"),
    ("Sweating, Gustatory, after parotid surgery", "hyperhidrosis", "hyperhidrosis"),
    ("Hereditary coproporphyria with blisters on the hands", "porphyria", "porphyria"),
    ("Panniculitis, Lupus Erythematosus", "lupus-panniculitis", "lupus panniculitis"),
    ("Shave: compound melanocytic naevus, completely excised.", "compound-nevus", "compound nevus"),
    ("Congenital ichthyosiform erythroderma in a newborn", "ichthyosis", "ichthyosis"),
])
def test_catalogue_headings_name_their_node(tg, text, nid, name):  # noqa: F811
    got = conditions(tg, text)
    if nid is None:
        assert got == {}
        return
    assert got == {nid: A}
    assert label(tg, text) == name


@pytest.mark.parametrize("text, nid, absent", [
    ("Keratoderma, Palmoplantar, Focal", "keratoderma", "palmoplantar"),
    ("Dermatitis, Perioral -- 3 images", "perioral-dermatitis", "periorificial"),
    ("Naevus, blue, on the scalp", "blue-nevus", "blue"),
    ("Alopecia, scarring -- biopsy pending", "scarring-alopecia", "scar-concept"),
])
def test_inverted_qualifier_is_a_word_of_the_name(tg, text, nid, absent):  # noqa: F811
    assert nid in conditions(tg, text)
    assert absent not in concepts(tg, text)


@pytest.mark.parametrize("text, nid, kept", [
    ("Carcinoma, basal cell, pigmented -- left ala", "pigmented-bcc", "pigmented"),
    ("Psoriasis, guttate -- after tonsillitis", "guttate-psoriasis", "guttate-shape"),
])
def test_inverted_qualifier_keeps_a_lesion_form(tg, text, nid, kept):  # noqa: F811
    assert nid in conditions(tg, text)
    assert kept in concepts(tg, text)


def test_inverted_name_keeps_its_other_words_concepts(tg):  # noqa: F811
    # the words after the name are still read ("scarring" of a discoid lupus is a scar), and the name's own
    # morphology adjective stays implied ("nodular" melanoma: Nodule)
    text = "Lupus erythematosus - discoid, scarring"
    assert conditions(tg, text) == {"dle": A}
    assert concepts(tg, text) == {"scar-concept": A}
    assert concepts(tg, "Melanoma, nodular, ulcerated") == {"nodule": A, "ulcer": A}


@pytest.mark.parametrize("text", [
    "Erythema of the conjunctiva and watery eyes after the swim.",
    "Conjunctival erythema was graded at each visit of the allergy trial.",
    "The HSV glycoproteins were expressed in baculovirus and purified.",
    "Albinism, Ocular -- X-linked",
    "The boy has ocular albinism and poor vision.",
    "Reminder: the psoriasis clinic moves to room 4 on Mondays.",
])
def test_false_friends_name_nothing(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}
    assert concepts(tg, text) == {}
    assert label(tg, text) == ""


def test_repigmentation_is_no_depigmentation(tg):  # noqa: F811
    text = "Repigmentation within the vitiligo patches after six months of phototherapy."
    assert conditions(tg, text) == {"vitiligo": A}
    assert concepts(tg, text) == {"patch": A}


def test_albinism_alone_still_tags(tg):  # noqa: F811
    assert conditions(tg, "A child with albinism and sunburn on the nose.") == {"albinism": A, "sunburn": A}


@pytest.mark.parametrize("text, cid", [
    ("Small red papule on the gum line that bleeds on touch.", "friable"),
    ("A thickened leathery patch on the ankle from years of rubbing.", "lichenification"),
    ("Progressive tightening of the skin over the knuckles.", "sclerosis"),
    ("Silvery-scaled patches over the sacrum.", "scale"),
    ("Pink plaque with a demarcated edge on the groin.", "well-demarcated"),
])
def test_concept_phrases(tg, text, cid):  # noqa: F811
    assert cid in concepts(tg, text)


@pytest.mark.parametrize("text, nid", [
    ("and here the itchy vesicles on the knees, that's dermatitis herpeti formis, gluten related", "dermatitis-herpetiformis"),
    ("so tender lumps on both shins, classic erythema nodo sum after strep", "erythema-nodosum"),
    ("this bleeding lump on the finger is a pie o genic granuloma", "pyogenic-granuloma"),
    ("the steroid made it a tinea in cog nito, look at the edge", "tinea-incognito"),
])
def test_spoken_name_words(tg, text, nid):  # noqa: F811
    assert nid in conditions(tg, text)

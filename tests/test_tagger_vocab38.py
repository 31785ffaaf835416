"""Vocabulary of round 38: old and lay words for skin findings, verbs that are no finding, histology's false friends.

- Old names of leprosy's patients and signs: "leper(s)", "leprous"; metaphors ("treated like a leper") stay unread.
- A named disease or lesion that "breaks out" is the subject of the verb, not a patient breaking out in acne ("the
  shingles broke out again", "blisters broke out"); a patient's "I break out" stays acne.
- Verbs of an act: "will burn it off", "shall burn it", "to bruise him" name no burn or bruise ("I bruise easily" stays).
- The cold sore's virus is the organism, no herpes labialis.
- Lay and descriptive words: "age warts" / "seb warts" (seborrhoeic keratosis), "hand and foot eczema", "bright spot"
  (macule), "raw flesh" / "open and raw" (erosion), "reddish-white" (pink), "drop-shaped" (guttate), "visible vessels" /
  "tiny vessels" (telangiectasia), "urticated" (wheal), "streaky" (linear), "flat <colour> mark(s)" (macule and the
  colour), "golden / gold crusty" (crust and yellow), "waxy and taut" / "tethered skin" / "puffy and tight" (sclerosis),
  "all over the skin" (generalized), "plum-coloured" / "wine-coloured" (purple), "purpuric rash" (the Purpura/Petechiae
  concept too).
- Dictionary forms: "neuronevus", "syphilophyma", "petechiation" (the concept too), "herpetiforme".
- Spoken restarts: a word broken off with a dash and said whole ("gangre- gangrenosum", "ro- rosea", "lipo-, lipoidica")
  and "pyo-derma", "necro bio sis"; a wine's stain on a carpet is no port-wine stain.
- Histology's false friends: "linear IgG and C3" on immunofluorescence is no Linear arrangement; "perifollicular
  lymphocytes / lamellar fibrosis" is no Follicular distribution (the skin's "perifollicular erythema" stays).
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger.normalise import normalise_text
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
    # old names of leprosy
    ("The old mission hospital cared for lepers from the hill villages.", {"leprosy": A}),
    ("A leprous hand with clawed fingers and numb skin.", {"leprosy": A}),
    ("Since the divorce I have been treated like a leper by the neighbours.", {}),
    # a disease that breaks out is the subject, no acne
    ("The shingles broke out again along her ribs.", {"herpes-zoster": A}),
    ("Whenever his eczema breaks out on the wrists it weeps.", {"eczema": A}),
    ("I break out along my jawline before every period.", {"acne-vulgaris": A}),
    ("Blisters broke out on both palms after the new soap.", {}),
    # verbs of an act
    ("The GP will burn it off with cautery next week; it is a seborrhoeic keratosis.", {"seborrheic-keratosis": A}),
    ("A scald burn on the forearm from the kettle.", {"thermal-burn": A}),
    ("The older boy threatened to bruise him after school.", {}),
    ("I bruise easily since starting warfarin.", {"ecchymosis": A}),
    # the organism
    ("Her eczema was infected with the cold sore virus: eczema herpeticum.", {"eczema": A, "eczema-herpeticum": A}),
    # lay names
    ("Those brown stuck-on age warts on grandad's back are harmless.", {"seborrheic-keratosis": A}),
    ("The GP froze two seb warts on her temple.", {"seborrheic-keratosis": A}),
    ("Scaly hyperkeratotic hand and foot eczema in a plasterer.", {"hand-eczema": A}),
    # dictionary forms
    ("neuronevus", {"melanocytic-nevus": A}),
    ("syphilophyma", {"syphilis": A}),
    ("petechiation", {"petechiae": A}),
    # spoken restarts
    ("and here is a pyo-derma gangre- gangrenosum on the shin", {"pyoderma-gangrenosum": A}),
    ("so pityriasis ro- rosea on the back of a teenager", {"pityriasis-rosea": A}),
    ("necrobiosis lipo-, lipoidica on both shins", {"necrobiosis-lipoidica": A}),
    ("pre- and post-treatment photographs of the psoriasis", {"psoriasis": A}),
    ("On this slide a necro bio sis lipoidica on the left shin.", {"necrobiosis-lipoidica": A}),
    # a wine's stain on cloth
    ("Port-wine stains on my blouse after the dinner party.", {}),
    ("A port wine stain on the cheek of a newborn.", {"port-wine-stain": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("A bright spot on the skin of her forearm.", {"macule": A}),
    ("The nurse saw raw flesh at the base of the wound.", {"erosion": A}),
    ("A reddish-white plaque on the scalp.", {"pink": A, "plaque": A}),
    ("Drop-shaped scaly papules on the trunk after tonsillitis.",
     {"guttate-shape": A, "scale": A, "papule": A, "truncal": A}),
    ("Shiny plaques with visible vessels on the shins.", {"plaque": A, "telangiectasia": A}),
    ("A pearly papule with tiny vessels on its surface.", {"pearly": A, "papule": A, "telangiectasia": A}),
    ("An urticated eruption on the thighs.", {"wheal": A}),
    ("Streaky brown marks on both forearms after squeezing limes.", {"linear": A, "brown-hyperpigmentation": A}),
    ("Flat brown marks on the backs of my hands.", {"brown-hyperpigmentation": A, "macule": A}),
    ("A flat pink mark at the nape of the newborn's neck.", {"macule": A, "pink": A}),
    ("Golden crusty sores around the nostrils.", {"crust": A, "yellow": A, "periorificial": A}),
    ("Her fingers look waxy and taut.", {"sclerosis": A}),
    ("Her hands have been puffy and tight since the winter, scleroderma.", {"sclerosis": A}),
    ("An itchy rash all over the skin.", {"generalized": A}),
    ("Plum-coloured nodules on the shins.", {"purple": A, "nodule": A}),
    ("Blisters broke out on both palms after the new soap.", {"bulla": A, "palmoplantar": A}),
    ("petechiation", {"purpura-petechiae": A}),
    ("A purpuric rash on both legs of a child.", {"purpura-petechiae": A}),
    ("Grouped vesicles in a herpetiforme pattern on the elbows.", {"grouped": A, "vesicle": A, "herpetiform": A}),
    # histology's false friends, and the skin's own words beside them
    ("Tense blisters on the thighs; DIF showed linear IgG and C3 along the basement membrane.", {"bulla": A}),
    ("Linear band of warty papules along the leg.", {"linear": A, "warty-papillomatous": A, "papule": A}),
    ("Scalp biopsy with perifollicular lymphocytes and lamellar fibrosis.", {}),
    ("Perifollicular erythema along the frontal hairline.", {"follicular": A, "erythema": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("The old mission hospital cared for lepers from the hill villages.", "leprosy"),
    ("and here is a pyo-derma gangre- gangrenosum on the shin", "pyoderma gangrenosum"),
    ("The GP will burn it off with cautery next week; it is a seborrhoeic keratosis.", "seborrheic keratosis"),
])
def test_labels(tg, text, want):  # noqa: F811
    assert label(tg, text) == want


def test_restart_fragment_is_blanked_with_offsets_kept():
    text = "a pityriasis ro- rosea"
    norm = normalise_text(text)
    assert len(norm) == len(text)
    assert norm == "a pityriasis     rosea"
    # a dash before a word it does not begin is kept as a separator
    assert normalise_text("pre- and post-op") == "pre  and post op"

"""Vocabulary of round 45: public-health and first-aid wording, a virus that is no disease, lay and dermoscopic forms.

- False friends: "varicella zoster virus" (the virus of both chickenpox and shingles: no varicella); a skin tone ("shown
  on light brown skin", "in black skin": no colour finding); an awareness campaign ("Melanoma Monday", "Skin Cancer
  Awareness Month": no melanoma); a first-aid instruction's "peel the skin off" (no Desquamation); a dermoscopic "white
  collarette" (no white patch).
- Names: "freckles in both armpits", "freckling in the axillae" (Crowe's sign, as "axillary freckling"; not
  ephelides); "sun-damaged scalp / forearms / face" (sun-damaged skin); "scratching everywhere" (pruritus).
- Concepts: "a lump under the skin" (Nodule); "a homogeneous area" (Homogeneous pattern); "arborising telangiectasia"
  (Arborizing vessels and Telangiectasia); a bare "dry, cracked" / "dry and cracked" (Xerosis and Fissure); a colour
  beside a lay "birthmark", "mark" or "blotch" ("a bright red raised birthmark": Red).
The sentences are new, none taken from any evaluation set. Guards (named so) pass before and after this round."""

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
    return {m.id: _status(m) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    # the virus names neither of its diseases
    ("The vesicle swab was PCR positive for varicella-zoster virus; a dermatomal eruption, so shingles.",
     {"herpes-zoster": A}),
    # (a guard: a vaccine study's glycoprotein already read no varicella before this round)
    ("Antibodies to varicella zoster virus glycoprotein E after two vaccine doses", {}),
    ("Varicella zoster virus reactivates from the dorsal root ganglia.", {}),
    # campaigns
    ("Melanoma Monday: free skin checks in the hospital foyer from ten.", {}),
    ("The practice newsletter for Skin Cancer Awareness Month lists the opening hours.", {}),
    # lay and site names
    ("Six cafe au lait spots and freckles in both armpits: refer to genetics.",
     {"cafe-au-lait-macule": A, "crowes-sign": A}),
    ("Freckling in the axillae was noted at the school medical.", {"crowes-sign": A}),
    ("A crusted papule on the sun-damaged forearms of a retired builder.", {"sun-damaged-skin": A}),
    ("Rough scaly spots on his sun-damaged scalp: actinic keratoses.",
     {"sun-damaged-skin": A, "actinic-keratosis": A}),
    ("Since the new tablets I've been scratching all over, and nothing shows on the skin.", {"pruritus": A}),
    # guards: the diseases named in full, freckles on the face, a sunburn
    ("Chickenpox in a nursery worker, crops of itchy blisters on the trunk.", {"varicella": A, "pruritus": A}),
    ("Shingles along one rib, painful grouped blisters.", {"herpes-zoster": A}),
    ("Freckles across her nose that darken every summer.", {"ephelides": A}),
    ("A melanoma on the calf was excised on Monday.", {"melanoma": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # skin tones
    ("The chickenpox spots are shown on medium brown skin in this picture.", {}),
    ("Eczema can look grey or purple in black skin and be harder to see.", {"gray": A, "purple": A}),
    ("Photo 3 is shown on white skin.", {}),
    # first aid
    ("After a blister bursts, people often peel the skin off, which lets germs in.", {"bulla": A}),
    # (a guard: no Desquamation key reads "pick the dead skin" before or after)
    ("Never pick the dead skin from a healing burn.", {}),
    # dermoscopy
    ("Dermoscopy of the lip papule: a red homogeneous area and a white collarette.",
     {"red": A, "homogeneous-pattern": A, "papule": A}),
    ("A pearly papule on the nose with arborising telangiectasia at dermoscopy.",
     {"pearly": A, "papule": A, "arborizing-vessels": A, "telangiectasia": A}),
    # lay lesion and dryness forms
    ("A rubbery lump under the skin of the back, slow growing.", {"nodule": A}),
    ("Hands: sore, dry, cracked, worse in winter.", {"xerosis": A, "fissure": A}),
    ("His heels are dry and cracked after the summer in sandals.", {"xerosis": A, "fissure": A}),
    # a colour beside a lay birthmark or mark
    ("A bright red raised birthmark on the baby's scalp, growing fast.", {"red": A}),
    ("Purple marks on both shins that do not blanch.", {"purple": A}),
    # guards: a brown patch stays brown, the skin that peels by itself, arborizing vessels alone, dry skin alone
    ("A flat brown patch on the shin, unchanged for years.", {"brown-hyperpigmentation": A, "patch": A}),
    ("A week after the sunburn the skin peels off in sheets.", {"desquamation-concept": A}),
    ("Arborizing vessels over a pink nodule.", {"arborizing-vessels": A, "pink": A, "nodule": A}),
    ("Dry skin on both shins every winter.", {"xerosis": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Melanoma Monday: free skin checks in the hospital foyer from ten.", ""),
    ("Antibodies to varicella zoster virus glycoprotein E after two vaccine doses", ""),
    ("Rough scaly spots on his sun-damaged scalp: actinic keratoses.", "actinic keratosis"),
])
def test_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want

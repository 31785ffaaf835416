"""Vocabulary of round 49: the clinical concepts' forms as clinical and exam text writes them, measured.

`benchmarks/tagger/concept_forms.py` (new: 121 concepts x noun, plural, adjective, lay and British / American forms)
and the tuning sets' concept misses and extras found these, now read:
- forms: the Latin plural "maculae" (Macule); a "non-blanching rash" (Purpura); "blueish" (Blue); a "stocking and
  glove distribution" (Acral); "dry, flaky" (Xerosis and Scale) and "tight and dry" skin (Xerosis); "bullseye"
  (Targetoid); a rash "in a band" on one side or "in one dermatome" (Dermatomal); a lesion that "bleeds if you touch
  it" (Friable); a body site beside a common-word lesion noun ("plaques on the scalp", "patches over both shins") as
  its skin context; "oral lesions", "mouth involvement" (Mucosal involvement); lichen planus's "lacy
  white streaks" in the mouth (Reticulate, no White colour); the atrophic scar's names state the Scar concept; "stung
  by a bee / wasp" (bee sting).
- false friends (ANNOTATION.md rule 3, exam vignettes' other organs): the throat's "oropharyngeal erythema" and
  "tonsillar exudate", a sputum's or a discharge's colour, "generalized weakness", the lung's "scattered crackles", the
  retina's "cotton-wool patches", "gram-positive cocci in clusters", "extensor muscles", "itchy and dry" eyes, the
  kitchen's "peeling potatoes", a "10-point scale", a "crust of bread". No false friend opens on a word before a
  name's word ("dry and itchy eyes"): at the text's end the automaton's leftmost-longest walk drops a name inside an
  unfinished longer key ("skin dry and itchy.": the guards below).
The sentences are new, none taken from any evaluation set. Guards (the skin's own readings of the same words) pass
before and after this round."""

from __future__ import annotations

import pytest

from benchmarks.tagger.concept_forms import FORMS, GUARDS, coverage, guards_clean
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def read(tg, text: str) -> tuple[dict[str, str], dict[str, str]]:  # noqa: F811
    t, _ = tg
    r = t.tag(text)
    return ({m.id: N if m.negated else U if m.uncertain else A for m in r.conditions},
            {m.id: N if m.negated else A for m in r.concepts})


@pytest.mark.parametrize("text, conditions, concepts", [
    # forms the concepts lacked
    ("On the upper arms, generalized scattered dusky maculae.", {},
     {"generalized": A, "scattered": A, "macule": A}),
    # (round 57: "must be excluded" is a plan to exclude, `?` as "to be excluded" is: sets 19 and 29)
    ("A toddler with fever and a non-blanching rash on the legs; meningococcal disease must be excluded.",
     {"meningococcemia": U}, {"purpura-petechiae": A}),
    ("A blueish papule on the cheek of a teenager.", {}, {"blue": A, "papule": A}),
    ("Scalds of both feet in a stocking and glove distribution in an infant.", {"thermal-burn": A}, {"acral": A}),
    ("Physical examination shows plaques over both elbows and the scalp.", {}, {"plaque": A}),
    ("Patches over both shins of a man on minocycline.", {}, {"patch": A}),
    ("Plaques over both knees and the scalp, no nail changes.", {}, {"plaque": A}),
    ("Scalp: diffuse thinning, no scarring and a negative pull test.", {}, {"scar-concept": N}),
    ("Her elbows are dry and flaky every winter, no rash.", {}, {"xerosis": A, "scale": A}),
    ("Dry, flaky skin on the shins of an elderly man.", {}, {"xerosis": A, "scale": A}),
    ("Skin feels tight and dry after the swim.", {}, {"xerosis": A}),
    ("A red bullseye rash spreading from the tick bite on his thigh.", {"tick-bite": A},
     {"red": A, "targetoid": A}),
    ("Painful blisters in a band on the left side of the chest, not crossing the midline.", {},
     {"bulla": A, "dermatomal": A, "unilateral": A}),
    ("Vesicles in one band on the right flank of an 80-year-old.", {}, {"vesicle": A, "dermatomal": A}),
    # (round 51: "a lump" on the skin is a Nodule, as sets 19-36 read it)
    ("The red lump on her lip bleeds if you touch it and grew within weeks.", {},
     {"red": A, "friable": A, "nodule": A}),
    ("Tense blisters on the thighs, no oral lesions.", {}, {"bulla": A, "mucosal-involvement": N}),
    ("Violaceous flat-topped papules on the wrists and lacy white streaks on the buccal mucosa.", {},
     {"purple": A, "flat-topped": A, "papule": A, "reticulate": A, "mucosal-involvement": A}),
    ("Ice-pick scars on both cheeks after years of acne.", {"atrophic-scar": A, "acne-vulgaris": A},
     {"scar-concept": A}),
    # a condition named by its event, as vignettes tell it
    ("She came to the clinic an hour after being stung by a bee on the forearm.", {"bee-sting": A}, {}),
    ("He was stung by wasps while mowing the verge.", {"bee-sting": A}, {}),
    # false friends: other organs, whole-body symptoms, the laboratory, the kitchen
    # (each beside a skin word, so that the concept's context is there: the start read every one of them)
    ("Examination of the skin and throat: oropharyngeal erythema and a tonsillar exudate.", {}, {}),
    ("Cough productive of white phlegm; no rash on the skin.", {}, {}),
    ("Thick white vaginal discharge; the vulval skin shows no lesion.", {}, {}),
    ("There is generalized weakness of the proximal muscles and a heliotrope rash.", {"dermatomyositis": A}, {}),
    ("Auscultation reveals scattered crackles; the skin shows no rash.", {}, {}),
    ("Fundoscopy: cotton-wool patches; the skin is normal.", {}, {}),
    ("A swab from the skin lesion grew gram-positive cocci in clusters.", {}, {}),
    ("Weakness of the extensor muscles of both legs.", {}, {}),
    # (guards: the eyes' itch and a score or food beside a site word, now a context word, read nothing)
    ("My eyes are dry and itchy every spring.", {}, {}),
    ("Itchy and dry eyes every spring from the pollen.", {}, {}),
    ("Peeling potatoes for dinner took an hour.", {}, {}),
    ("He rates the chest pain as 7 on a 10-point scale.", {}, {}),
    ("A crust of bread on his cheek from breakfast.", {}, {}),
    # (guards: the skin's own readings of the same words stay)
    ("The skin of his shins is itchy and dry in winter.", {"pruritus": A}, {}),
    ("An itchy circle on my forearm that keeps getting bigger, it has a raised edge.", {"pruritus": A}, {}),
    # (round 53: "oral erosions" is Mucosal involvement too, as "oral ulcers" is since round 51)
    ("Oral erosions for months before the flaccid blisters appeared on the trunk.", {},
     {"erosion": A, "mucosal-involvement": A, "bulla": A, "truncal": A}),
    ("Scattered papules on the trunk after a viral illness.", {}, {"scattered": A, "papule": A, "truncal": A}),
    ("Generalised pruritus without a rash in an elderly man.", {"pruritus": A}, {"generalized": A}),
    ("Bruises after minor knocks on the thin skin of her forearms.", {"ecchymosis": A}, {}),
    ("The leaflet says that eczema makes skin dry and itchy.", {"eczema": U, "pruritus": U}, {}),
    ("The skin of her cheeks is dry, itchy.", {"pruritus": A}, {}),
    # (round 51: the condition's own names state the Telangiectasia concept too)
    ("Thread veins on both cheeks of a keen cyclist.", {"telangiectases": A}, {"telangiectasia": A}),
])
def test_concept_forms(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


# the FORMS still unread after this round, each with why
UNREAD = {
    "flat discoloured spot", "flat discolored spot",  # no key: "flat spot(s)" is one; a lone "spot" is no macule
    # (round 51 reads "raised patches" as Plaque and the telangiectases condition's names as the concept too)
    "open sores",  # an erosion or an ulcer: the sets annotate it both ways
}


def test_concept_forms_coverage_and_guards(tg):  # noqa: F811
    """The concepts' forms (written for the check, none from a set) are read but for UNREAD; the everyday senses the
    check lists read no concept but for the two this round leaves (a commemorative "blue plaque", a figurative
    "atrophy")."""
    t, _ = tg
    n, total, _, misses = coverage(t)
    assert {m.split(": ", 1)[1].rsplit(" -> ", 1)[0] for m in misses} == UNREAD
    assert (n, total, len(FORMS)) == (379, 382, 121)  # (round 51: 375 forms, 369 before it; round 53: 379; 56: 382)
    assert coverage(t, exam=True)[:2] == (373, 382)
    clean, bad = guards_clean(t)
    assert (clean, len(GUARDS)) == (19, 21)
    assert [b.split(" -> ")[0] for b in bad] == ["A blue plaque marks the house where the poet lived.",
                                                 "The economy showed signs of atrophy after the war."]

"""Vocabulary of round 21 (tuning set 14, Webster 1913 glosses, and sets 1-13 for the guards). Families: old and
lay names of 1913 English that still appear in case reports, history-of-medicine texts and translated sources
("mentagra", "grog blossom", "lupus exedens", "milk crust", "fig wart", "phlegmon", "sty", "plica polonica",
"elephantiasis"); a group named by its clinic word ("immunobullous disease"); "pimples" as the lesion (the papule
concept), not the acne diagnosis (sets 3, 8 and 14 read it so; round 36 adds the acne reading beside the papule, the
patients' word in set 23's reviews); and false friends of these words (verruga peruana is
no verruca, "scald head" no burn, a pig's sty no hordeolum, a throat's phlegmon no cellulitis; "psora" is left out,
for PsoRA, a registry's acronym in real abstracts). The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # old names, still read in history-of-medicine and translated texts
    ("His beard shows the mentagra the old texts describe, pustules around every hair", {"sycosis-barbae": A},
     "sycosis barbae"),
    ("Sycosis of the upper lip, recurrent after shaving", {"sycosis-barbae": A}, "sycosis barbae"),
    ("A caricature of a drinker with a grog blossom on the tip of his nose", {"rosacea": A}, "rosacea"),
    ("The nineteenth-century surgeon called the destructive nasal form lupus exedens", {"lupus-vulgaris": A},
     "lupus vulgaris"),
    ("Grandmother called the weeping crusts on the baby's cheeks milk crust", {"infantile-atopic-dermatitis": A},
     "infantile atopic dermatitis"),
    ("Old textbooks list the fig wart of the perianal skin as a venereal disease", {"condyloma-acuminatum": A},
     "condyloma acuminatum"),
    ("Phlegmon of the forearm three days after a splinter, spreading redness and swelling", {"cellulitis": A},
     "cellulitis"),
    ("A tender sty on the lower eyelid margin, warm compresses advised", {"hordeolum": A}, "hordeolum"),
    ("The girl's hair had matted into a single felted mass, a plica polonica", {"hair-diseases": A},
     "hair diseases"),
    ("Elephantiasis of both lower legs with warty, cobblestoned skin", {"lymphedema": A}, "lymphedema"),
    ("An immunobullous disease is suspected; direct immunofluorescence sent", {"bullous": U}, "bullous diseases"),
    ("Eczema of the hands in a florist, worse in the winter months", {"hand-eczema": A}, "hand eczema"),
    # pimples are the lesion (the papule concept, `test_pimples_are_papules`); since round 36 also the patients' word
    # for acne (set 23's reviews, issue 17's "patients' words"), which a diagnosis named beside them beats for the label
    ("An eruption of small red pimples on the chest after the sauna", {"acne-vulgaris": A}, "acne vulgaris"),
    ("A crop of tiny pimples on both shins after the heatwave, then the GP diagnosed miliaria",
     {"miliaria": A, "acne-vulgaris": A}, "miliaria"),
    # false friends of the new words
    ("Verruga peruana: red vascular nodules in a traveller returning from the Andes", {}, ""),
    ("The village history mentions scald head among the children of the workhouse", {}, ""),
    ("Mucking out the pig sty every Saturday morning", {}, ""),
    ("Peritonsillar phlegmon drained under local anaesthetic", {}, ""),
    # "psora" (Webster's scabies) is left out: a registry's acronym ("PsoRA") and homeopathy's word use it
    # a registry named for a disease names no finding (round 43, ANNOTATION.md)
    ("Patients of a national psoriasis registry (PsoRA) were followed for five years", {}, ""),
])
def test_round21_vocabulary(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_pimples_are_papules(tg):  # noqa: F811
    res = tg[0].tag("A crop of itchy pimples on both shins")
    assert "papule" in concepts(res)
    # round 36: and acne vulgaris, the patients' reading of "pimples" (round 21 read none)
    assert "acne-vulgaris" in {m.id for m in res.conditions}


def test_acne_still_tags_by_its_name_and_zits(tg):  # noqa: F811
    res = tg[0].tag("Teenage acne with zits on the forehead")
    assert {m.id for m in res.conditions} == {"acne-vulgaris"}

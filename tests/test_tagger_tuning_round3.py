"""Tagger changes made after reading the first independent set's errors (that set is a tuning set now; the
held-out set is `benchmarks/tagger/independent2/`). Development sentences written for each family, none
taken from either independent set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for

from tagger_helpers import status, tg  # noqa: F401 (tg is a fixture)


@pytest.mark.parametrize("text, want, label", [
    # "clinically X" is a clinical diagnosis, stated: asserted, and the label
    ("Several gritty papules on the bald scalp, clinically actinic keratoses; cryotherapy given.",
     {"actinic-keratosis": "asserted"}, "actinic keratosis"),
    ("Soft rubbery mass on the shoulder, clinically a lipoma, not excised.", {"lipoma": "asserted"}, "lipoma"),
    # generic: what a disease usually follows is not this patient's finding
    ("Target lesions on the hands: erythema multiforme, which usually follows herpes simplex.",
     {"erythema-multiforme": "asserted", "herpes-simplex": "uncertain"}, "erythema multiforme"),
    ("Erythema nodosum often follows streptococcal pharyngitis; here the shins show tender red nodules.",
     {"erythema-nodosum": "asserted"}, "erythema nodosum"),
    # a name set aside for another: "call this X but look at ...", "told it was just X", "favour Y over X"
    ("students would call this eczema but look at the thick silvery plaques this is psoriasis",
     {"eczema": "negated", "psoriasis": "asserted"}, "psoriasis"),
    ("After being told it was just eczema for two years, a biopsy showed mycosis fungoides.",
     {"eczema": "negated", "mycosis-fungoides": "asserted"}, "mycosis fungoides"),
    ("I favour psoriasis over seborrheic dermatitis here, given the sharp border.",
     {"psoriasis": "uncertain", "seborrheic-dermatitis": "negated"}, "psoriasis"),
    # a patient's belief is a guess; "looks more like" is a physician's hedge; "X or maybe Y" doubts both
    ("The patient believes it is eczema, but it looks more like tinea corporis; KOH sent.",
     {"eczema": "uncertain", "tinea-corporis": "uncertain"}, "tinea corporis"),
    ("the nurse said it was scabies or maybe folliculitis", {"scabies": "uncertain", "folliculitis": "uncertain"}, ""),
    # names real sources use
    ("Shave biopsy of the shin: squamous cell carcinoma insitu.", {"bowens-disease": "asserted"}, "Bowen's disease"),
    ("Histology of morbus Darier: suprabasal acantholysis with dyskeratosis.", {"darier-disease": "asserted"},
     "Darier-White disease"),
    ("Grade 2 hand-foot skin reaction on the soles during sorafenib.", {"hand-foot-syndrome": "asserted"},
     "hand-foot syndrome"),
])
def test_scope_and_names(tg, text, want, label):
    t, onto = tg
    res = t.tag(text)
    assert status(res) == want
    assert labels_for(res, onto)["disease_label"] == label


@pytest.mark.parametrize("text, want", [
    # colour and shape words are no sign of a skin text: an abbreviation there stays unread
    ("Day 5 EB cultures imaged with red and green reporters; round colonies at the edge.", {}),
    ("EDS maps of the oval particles, red for silver and blue for palladium.", {}),
    # a real skin context still reads them
    ("Child with EB: blisters and erosions on the hands after minor trauma.", {"epidermolysis-bullosa": "asserted"}),
])
def test_abbreviations_need_more_than_a_colour_or_shape(tg, text, want):
    t, _ = tg
    assert status(t.tag(text)) == want


@pytest.mark.parametrize("text, concepts", [
    ("Arrays of small round particles; red marks silver and blue palladium in the map.", []),
    ("Time-lapse of the linear filaments, green and red channels overlaid.", []),
    # with a skin word or another finding they stand
    ("Small round red spots on the shins since Monday.", ["round", "red"]),
    ("Round red plaques on the elbow.", ["round", "red", "plaque"]),
])
def test_colour_and_shape_words_alone_in_a_text_not_about_skin_describe_no_lesion(tg, text, concepts):
    t, _ = tg
    assert [m.id for m in t.tag(text).concepts] == concepts


def test_fitzpatrick_row_category_columns_are_not_findings(tg):
    t, onto = tg
    row = ("label: nodular melanoma; nine_partition_label: malignant melanoma; three_partition_label: malignant; "
           "fitzpatrick_scale: 4")
    res = t.tag(row)
    assert status(res) == {"nodular-melanoma": "asserted"}
    assert [m.id for m in res.concepts] == ["nodule"]  # from the name; fitzpatrick_scale is no scale
    assert labels_for(res, onto)["disease_label"] == "nodular melanoma"
    # the label column itself still counts, whatever its words
    assert status(t.tag("label: malignant melanoma; fitzpatrick_scale: 2")) == {"melanoma": "asserted"}

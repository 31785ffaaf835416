"""Vocabulary of round 56: set 39's false friends and the mouth that a text says is spared.

- an abbreviation another specialty writes alike is unread beside a word only that specialty's reading brings ("AD"
  with donepezil at a memory clinic, "PV" with JAK2 or venesection); the dermatology readings stay elsewhere.
- itching after a shower or a bath is pruritus (aquagenic itch), with no other skin word near it.
- a roof's shingles, a scar inside the gut, a naevus of the eye's coats, a patch on a jacket, a black-and-white film
  and a rind's white bloom name no finding; the skin's own stay read (an old scar, a pigmented naevus of the back).
- a spared mouth or mucosa ("her mouth and eyes were unaffected", "mouth clear", "sparing the mucous membranes") is
  Mucosal involvement, negated; oral or genital lesions are Mucosal involvement.
- "nerve sheath myxoma" is no name of neurothekeoma (a separate tumour: an archive's path reads its group).
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, read, tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, conditions, concepts", [
    # another specialty's abbreviation
    ("Memory clinic review: AD since 2021, started on memantine; no skin concerns.", {}, {}),
    ("Haematology clinic: PV, venesection every six weeks; skin check normal.", {}, {}),
    # (guards: the dermatology readings stay where no other specialty's word stands)
    ("AD flare in the elbow creases, using emollients twice a day.", {"atopic-dermatitis": A}, {"flexural": A}),
    ("PV confirmed on direct immunofluorescence; flaccid bullae on the back.", {"pemphigus-vulgaris": A},
     {"bulla": A}),
    # aquagenic itch
    ("He has been itching after every hot bath since the spring.", {"pruritus": A}, {}),
    # false friends
    ("The roofer needed new shingles after a rash of storms last winter.", {}, {}),
    ("Gastroscopy showed a small scar in the stomach where the ulcer had healed.", {}, {}),
    ("Slit-lamp review: a pigmented naevus of the iris, unchanged since last year.", {}, {}),
    ("He wore a blue patch jacket and carried a black and white photo of his father.", {}, {}),
    ("The grapes had a white bloom on their skin.", {}, {}),
    # (guards: the skin's own scar and naevus)
    ("My wife says this spot on my arm is skin cancer, I think it's just an old scar.",
     {"malignant": U, "cutaneous-scar": U}, {"scar-concept": A}),
    ("Dermoscopy of a pigmented naevus of the back showed a regular network.", {"melanocytic-nevus": A},
     {"pigment-network": A}),
    # a spared mouth or mucosa
    ("Flaccid blisters on the trunk; her mouth and eyes were unaffected.", {}, {"bulla": A, "truncal": A,
                                                                               "mucosal-involvement": N}),
    ("Target lesions on the palms, mouth clear.", {}, {"targetoid": A, "palmoplantar": A,
                                                       "mucosal-involvement": N}),
    ("A drug rash sparing the mucous membranes.", {"drug-eruption": A}, {"mucosal-involvement": N}),
    # (the site a name of the concept already: the statement replaces it)
    ("Blisters on the shins; the oral mucosa is spared.", {}, {"bulla": A, "mucosal-involvement": N}),
    ("Recurrent oral and genital lesions with uveitis.", {}, {"mucosal-involvement": A}),
    ("No oral or genital lesions were seen.", {}, {"mucosal-involvement": N}),
    # (guard: a comma ends the site before a sparing word: "the mouth, normal nails" says nothing of the mouth)
    ("Erosions in the mouth, normal nails.", {}, {"erosion": A, "mucosal-involvement": A}),
])
def test_round56_forms(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


def test_nerve_sheath_myxoma_is_read_by_its_group(tg):  # noqa: F811
    check(tg, "Benign:Benign soft tissue proliferations - Neural:Nerve sheath myxoma", {"benign-non-melanocytic": A},
          "benign non-melanocytic")
    check(tg, "Cellular neurothekeoma of the cheek", {"neurothekeoma": A}, "neurothekeoma")


def test_other_sense_reads_its_cues():
    from derm1m_build.tagger.lexicon import other_sense

    assert other_sense("AD", ["memory", "clinic", "ad"]) is True
    assert other_sense("AD", ["ad", "flare", "elbows"]) is False
    assert other_sense("PV", ["jak2", "positive"]) is True
    assert other_sense("SCC", ["jak2"]) is False

"""Tagger changes of round 31, the rules side (tuning sets: gold and independent sets 1-19). A catalogue list (a
classification's title or inclusion field: entries split by "/", "," or ";") names co-equal entries: its label is the
first-named diagnosis, as a dataset row's label is, not the entry whose name holds another's or the non-generic one;
only a group named beside its own member loses; two names joined by a bare "/" are two entries in prose too. A note's
abbreviated history item ("Hx: ...", "h/o ...") is background. A test's result "ruling out" a name negates it, and what
people habitually call a lesion is set aside. A catalogue's residual class ("not specified as ...") negates nothing
after it. A pharmacy's or reception's staff are no physician; a report's finding, then "favouring X": X is the label;
"X is my main worry, Y the alternative" is a differential. Every sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a name that holds another's: co-equal entries, the first one named is the label
    ("ZOSTER/OPHTHALMIC ZOSTER", {"herpes-zoster": A, "herpes-zoster-ophthalmicus": A}, "herpes zoster"),
    ("scald of the forearm, acid burn", {"thermal-burn": A, "chemical-burn": A}, "thermal burn"),
    # a generic word that is an entry of its own
    ("BOILS/CARBUNCLES", {"furuncle": A, "carbuncle": A}, "furuncle"),
    # a code after an entry is no word of a sentence ("A70" holds no article)
    ("shingles A70; ophthalmic zoster F73", {"herpes-zoster": A, "herpes-zoster-ophthalmicus": A}, "herpes zoster"),
    # guard: a group named beside its own member still loses to it
    ("dermatitis, atopic eczema, hand eczema", {"eczema": A, "atopic-dermatitis": A, "hand-eczema": A},
     "atopic dermatitis"),
])
def test_a_catalogue_list_is_labelled_by_its_first_named_entry(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a bare slash is no modifier: "keratosis/sunburn" is two entries
    ("Seen today with SOLAR KERATOSIS/SUNBURN on the bald scalp.", {"actinic-keratosis": A, "sunburn": A},
     "actinic keratosis"),
    # guard: a name right before another with a space between still modifies it
    ("Erythrodermic psoriasis on the trunk and limbs.", {"erythrodermic-psoriasis": A}, "erythrodermic psoriasis"),
    # guard: in a sentence the more specific name still wins
    ("The shingles on his forehead is herpes zoster ophthalmicus with eyelid swelling.",
     {"herpes-zoster": A, "herpes-zoster-ophthalmicus": A}, "herpes zoster ophthalmicus"),
    # guard: a prose correction is no list
    ("Initially coded as 'naevus'; corrected after review to 'recurrent naevus at scar'.",
     {"melanocytic-nevus": A, "recurrent-nevus": A}, "recurrent nevus"),
])
def test_a_slash_pair_and_prose_keep_their_own_reading(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Hx: BCC L nasal ala 2016. Today: SCC, well differentiated, R hand.",
     {"basal-cell-carcinoma": A, "squamous-cell-carcinoma": A}, "squamous cell carcinoma"),
    ("h/o melanoma R thigh 2011; new lesion today is a seborrheic keratosis on the back.",
     {"melanoma": A, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    # guard: a family history is no abbreviated history item of the patient
    ("FHx: none. Psoriasis of the scalp, 3 months.", {"scalp-psoriasis": A}, "scalp psoriasis"),
])
def test_an_abbreviated_history_item_is_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The patch test panel was clean, ruling out allergic contact dermatitis; irritant dermatitis from hand washing.",
     {"allergic-contact-dermatitis": N, "irritant-contact-dermatitis": A}, "irritant contact dermatitis"),
    # (round 56: one sole at a clause end gives the plantar wart, as set 39 reads "a wart on the sole, but ... a corn")
    ("the lesion everyone always calls a wart on the sole, but look closer, it's a corn",
     {"plantar-wart": N, "corn": A}, "corn"),
    ("lesions people often call an age spot but here it is a lentigo maligna",
     {"solar-lentigo": N, "lentigo-maligna": A}, "lentigo maligna"),
])
def test_a_test_ruling_out_and_a_habitual_naming_set_the_name_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_residual_class_negates_nothing_after_it(tg):  # noqa: F811
    check(tg, "cyst not specified as epidermoid or pilar, lipoma, dermatofibroma",
          {"lipoma": A, "dermatofibroma": A}, "lipoma")


@pytest.mark.parametrize("text,want,label", [
    # guard: a subtype written as an entry qualifies the entry before it (no co-equal entry)
    ("Melanoma in situ, lentigo maligna type, left temple.", {"melanoma-in-situ": A, "lentigo-maligna": A},
     "lentigo maligna"),
    # guard: an abbreviated history item ends where the present begins
    ("Hx of AK, now presenting with a BCC on the nose.", {"actinic-keratosis": A, "basal-cell-carcinoma": A},
     "basal cell carcinoma"),
])
def test_a_subtype_entry_and_the_present_after_a_history_item(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the shop's staff however named are no physician
    ("Pharmacy assistant said it was impetigo and sold me a cream.", {"impetigo": U}, ""),
    ("Receptionist at my work thinks these welts are hives.", {"urticaria": U}, ""),
    # guard: the pharmacy as the earlier naming, then the doctor's answer
    ("Update: the GP says it's NOT ringworm like the pharmacy said, its discoid eczema.",
     {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
    # a report's finding, then the reading it favours: the favoured reading is the label
    ("Shave, scalp: lichen simplex chronicus, favouring prurigo nodularis.",
     {"lichen-simplex-chronicus": A, "prurigo-nodularis": U}, "prurigo nodularis"),
    # a worry weighed against an alternative is a differential
    ("Thick crusts on the wrists of a care-home resident: crusted scabies is my main worry, eczema the alternative.",
     {"crusted-scabies": U, "eczema": U}, ""),
])
def test_lay_staff_favoured_readings_and_worries(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

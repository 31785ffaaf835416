"""Tagger changes made after reading the sixth independent set's errors (held out in round 7, run once, then
demoted to a tuning set in round 8). Development sentences written for each family of errors, none taken from
any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, status, tg  # noqa: F401 (tg is a fixture)


@pytest.mark.parametrize("text, want, label", [
    # a negated copula after its subject ("these are" no longer swallows "aren't")
    # (round 19: "verrucas" alone are plantar warts, the decision in benchmarks/tagger/RESULTS.md)
    ("These aren't verrucas, they're calluses over the metatarsal heads.",
     {"plantar-wart": "negated", "callus": "asserted"}, "callus"),
    ("It isn't a wart, it's a corn on the little toe.", {"viral-wart": "negated", "corn": "asserted"}, "corn"),
    # a mimic warned against, a diagnosis not held
    ("the dark spot under the nail is blood from the boot, don't mistake it for subungual melanoma",
     {"subungual-melanoma": "negated"}, ""),
    ("No scaling and no collarette, so we do not think this is pityriasis rosea; it is a viral exanthem.",
     {"pityriasis-rosea": "negated", "viral-exanthem": "asserted"}, "viral exanthem"),
    # an earlier name replaced, however said
    ("Initially labelled psoriasis at the walk-in centre; the biopsy shows mycosis fungoides.",
     {"psoriasis": "negated", "mycosis-fungoides": "asserted"}, "mycosis fungoides"),
    ("We treated it as ringworm for two months before the biopsy showed granuloma annulare.",
     {"tinea-corporis": "negated", "granuloma-annulare": "asserted"}, "granuloma annulare"),
    ("Previously reported as a dermatofibroma in error; the lesion is a Spitz naevus.",
     {"dermatofibroma": "negated", "spitz-nevus": "asserted"}, "Spitz nevus"),
    ("An initial diagnosis of cellulitis was made at triage; the ultrasound showed a ruptured Baker cyst.",
     {"cellulitis": "negated"}, ""),
])
def test_round8_negation_and_replaced_names(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # spoken and written self-correction said other ways
    ("right so this is a lipoma... no sorry, this is the angiolipoma, the lipoma is on the next slide",
     {"lipoma": "negated", "angiolipoma": "asserted"}, "angiolipoma"),
    ("we said impetigo at first but thinking about it the blisters are tense so it's bullous pemphigoid",
     {"impetigo": "negated", "bullous-pemphigoid": "asserted"}, "bullous pemphigoid"),
    ("that's a comedo, no, look, it's got the central dell, so molluscum",
     {"molluscum-contagiosum": "asserted"}, "molluscum contagiosum"),
    ("Earlier opinion of folliculitis revised: pseudofolliculitis barbae from close shaving.",
     {"folliculitis": "negated", "pseudofolliculitis-barbae": "asserted"}, "pseudofolliculitis barbae"),
    ('Erratum: in the legend of Figure 2, for "lichen planus" read "lichenoid keratosis".',
     {"lichen-planus": "negated", "lichenoid-keratosis": "asserted"}, "lichenoid keratosis"),
    # a test's verdict answers a guess or a hedge
    ('Referred as "?BCC on the cheek"; dermoscopy shows a sebaceous hyperplasia.',
     {"basal-cell-carcinoma": "negated", "sebaceous-hyperplasia": "asserted"}, "sebaceous hyperplasia"),
    ("Probably a dermatofibroma clinically; histology showed a dermatofibrosarcoma protuberans.",
     {"dermatofibroma": "negated", "dfsp": "asserted"}, "dermatofibrosarcoma protuberans"),
    # a verdict that agrees keeps the hedge's refinement; "biopsy is needed" is no verdict
    ("Suspected basal cell carcinoma; histology showed a nodular basal cell carcinoma.",
     {"basal-cell-carcinoma": "uncertain", "nodular-bcc": "asserted"}, "nodular basal cell carcinoma"),
    ("My impression is of a lichen planopilaris, though a biopsy is needed to exclude discoid lupus.",
     {"lichen-planopilaris": "uncertain", "dle": "uncertain"}, "lichen planopilaris"),
    # a question answered "no" with no other diagnosis named
    ("is this a pyogenic granuloma? hmm no, it's just a blood-filled blister from the pinch",
     {"pyogenic-granuloma": "negated"}, ""),
])
def test_round8_corrections(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # guesses: relatives' beliefs, a coach, a search engine, a patient's fear, a lay person "told her"
    ("My brother thinks it's ringworm, a round scaly patch on my forearm.", {"tinea-corporis": "uncertain"}, ""),
    ("The football coach says it's just athlete's foot, the skin between my toes is white and soggy.",
     {"tinea-pedis": "uncertain"}, ""),
    ("Googled it and it says impetigo, golden crusts round my son's mouth.", {"impetigo": "uncertain"}, ""),
    ("I'm terrified this is melanoma, the mole on my calf has changed colour.",
     {"melanoma": "uncertain", "melanocytic-nevus": "asserted"}, "melanocytic nevus"),
    ("Her hairdresser told her it was probably psoriasis, the flaky patches behind her ears.",
     {"psoriasis": "uncertain"}, ""),
    # a relative's condition, however written
    ("Family history: mother with vitiligo. Today: a single white patch on the shin, pityriasis alba.",
     {"vitiligo": "uncertain", "pityriasis-alba": "asserted"}, "pityriasis alba"),
    ("A man whose brother who had melanoma came for a skin check; the moles on his back look ordinary.",
     {"melanoma": "uncertain", "melanocytic-nevus": "asserted"}, "melanocytic nevus"),
    # teaching statements, plans, prevention, chances, links
    ("Children with eczema should be vaccinated against chickenpox.", {"eczema": "asserted", "varicella": "uncertain"},
     "eczema"),
    ("Pyoderma gangrenosum is commoner in people with inflammatory bowel disease.",
     {"pyoderma-gangrenosum": "uncertain"}, ""),
    ("Stevens-Johnson syndrome is being considered after the lamotrigine was started.",
     {"stevens-johnson": "uncertain"}, ""),
    ("Smoking raises the chance of hidradenitis suppurativa.", {"hidradenitis-suppurativa": "uncertain"}, ""),
    ("The manufacturer denies any link with contact dermatitis.", {"contact-dermatitis": "uncertain"}, ""),
    ("Screening is important for early detection of melanoma.", {"melanoma": "uncertain"}, ""),
    # a genotype is no abbreviated disease; a protective effect is no finding
    ("The AA genotype of the IL-10 promoter is protective against psoriasis.", {"psoriasis": "uncertain"}, ""),
    # "drug reaction" is the group (drug reactions), as sets 4-6 annotate it
    ("Drug reaction to allopurinol: widespread erythema and fever.", {"drug-reactions": "asserted"}, "drug reactions"),
    # a physician's hedge said other ways: uncertain, and still the label
    ("Suspect scabies: burrows in the finger webs of a care-home resident.", {"scabies": "uncertain"}, "scabies"),
    ("After a long hike a dark mark under the toenail is nearly always a subungual haematoma.",
     {"subungual-hematoma": "uncertain"}, "subungual hematoma"),
    # the risk's population is no finding
    ("There is a raised risk of melanoma among transplant recipients with psoriasis.",
     {"melanoma": "uncertain", "psoriasis": "asserted"}, "psoriasis"),
])
def test_round8_scope_and_guesses(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a cause just after "after a" is background: stated, never the label
    ("Target lesions on both palms two weeks after a herpes labialis episode: erythema multiforme.",
     {"herpes-labialis": "asserted", "erythema-multiforme": "asserted"}, "erythema multiforme"),
    ("an expanding red ring after a tick bite on the thigh, erythema migrans, so lyme disease",
     {"tick-bite": "asserted", "lyme-disease": "asserted"}, "Lyme disease"),
    # signs describing another named diagnosis: purpura, petechiae, stated pigment change
    ("Palpable purpura over both ankles; skin biopsy confirmed IgA vasculitis.", {"iga-vasculitis": "asserted"},
     "IgA vasculitis"),
    ("Clinical photo: mottled hyperpigmentation of the upper lip and cheeks, melasma.", {"melasma": "asserted"},
     "melasma"),
    ("Purpura on the shins of an elderly woman on warfarin.", {"purpura": "asserted"}, "purpura"),
    # background findings lose the label
    ("Marked solar elastosis of the neck; the crusted papule on the ear is an actinic keratosis.",
     {"solar-elastosis": "asserted", "actinic-keratosis": "asserted"}, "actinic keratosis"),
    ("Longstanding varicose veins; eczema of the lower leg, stasis dermatitis.",
     {"varicose-veins": "asserted", "eczema": "asserted", "stasis-dermatitis": "asserted"}, "stasis dermatitis"),
    # an old benign name holding a malignant one's is no refinement: two hedged guesses stay a differential
    ("Might be a Spitz naevus, might be a melanoma; excision advised.",
     {"spitz-nevus": "uncertain", "melanoma": "uncertain"}, ""),
    # a SCIN row's tie: the first listed is the label, the other an alternative
    ("weighted_skin_condition_label: {'Psoriasis': 0.5, 'Eczema': 0.5}",
     {"psoriasis": "asserted", "eczema": "uncertain"}, "psoriasis"),
])
def test_round8_labels(tg, text, want, label):
    check(tg, text, want, label)


def test_round8_derm7pt_columns(tg):
    """A Derm7pt row's seven-point columns read as the dataset means them."""
    t, _ = tg
    res = t.tag("diagnosis: dermatofibroma; pigment_network: atypical; streaks: absent; pigmentation: localized "
                "irregular; regression_structures: white areas; dots_and_globules: absent; blue_whitish_veil: "
                "absent; vascular_structures: hairpin; elevation: nodular; location: upper limbs")
    assert status(res) == {"dermatofibroma": "asserted"}
    assert {m.id: m.negated for m in res.concepts} == {
        "atypical-pigment-network": False, "streaks": True, "blotch": False, "regression-structures": False,
        "dots-and-globules": True, "blue-whitish-veil": True, "hairpin-vessels": False, "nodule": False}
    res = t.tag("diagnosis: lentigo; pigment_network: typical; streaks: regular; pigmentation: diffuse regular; "
                "vascular_structures: absent; elevation: flat")
    assert {m.id: m.negated for m in res.concepts} == {"pigment-network": False, "streaks": False}


@pytest.mark.parametrize("text, want", [
    ("Chalky white patches on the backs of both hands, spreading slowly.", {"white-hypopigmentation", "patch"}),
    ("Pale macules on the cheeks of a child after the summer.", {"white-hypopigmentation", "macule"}),
    # a blood count or a population is no colour of a lesion
    ("The white count was raised; the rash on the trunk was not itchy.", set()),
    ("Incidence of skin cancer in white populations rose steadily.", set()),
])
def test_round8_white_is_a_colour_with_a_lesion_word(tg, text, want):
    t, _ = tg
    assert concepts(t.tag(text)) - {"truncal"} == want, text


@pytest.mark.parametrize("text, want", [
    # an infestation of something else is no skin infestation; a parasitic infestation still is
    ("Hives during an intestinal roundworm infestation in a traveller.", {"urticaria": "asserted"}),
    ("The orchard suffered an aphid infestation this spring.", {}),
    # a candidal infection is candidiasis; shingles with a vaccine nearby is the disease
    ("Under the breasts: a candidal infection with satellite papules.", {"candidiasis": "asserted"}),
    # a vaccine's target is no finding
    ("The shingles vaccine is offered to everyone at 70.", {"herpes-zoster": "uncertain"}),
    ("Patients starting tofacitinib should be vaccinated against shingles first.", {"herpes-zoster": "uncertain"}),
    # a name written with a comma; lice and nits; naevi
    ("Hand, foot and mouth disease at the nursery: sores in the mouth and spots on the palms.",
     {"hand-foot-mouth-disease": "asserted"}),
    ("Lice again, and nits in her fringe.", {"pediculosis-capitis": "asserted"}),
    ("He has about forty naevi on his back.", {"melanocytic-nevus": "asserted"}),
    # a body-surface figure makes an abbreviation credible; a burns unit is no burn
    ("Day 3: TEN, 35% BSA, moved to the burns unit overnight.",
     {"toxic-epidermal-necrolysis": "asserted"}),
    # the generic head of an "X-like" phrase is no finding of its own
    ("Knockout mice developed an atopic dermatitis-like eczema with scaling.", {"atopic-dermatitis": "uncertain"}),
])

def test_round8_forms(tg, text, want):
    t, _ = tg
    assert status(t.tag(text)) == want, text


def test_round8_follicular_delivery_is_no_lesion(tg):
    t, _ = tg
    assert concepts(t.tag("Nanoparticles improve follicular delivery of minoxidil in pig skin.")) == set()

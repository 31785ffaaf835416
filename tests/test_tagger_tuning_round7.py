"""Tagger changes made after reading the fifth independent set's errors (held out in round 6, run once,
then demoted to a tuning set; the held-out set is now the sixth, never read here). Development sentences
written for each family of errors, none taken from any evaluation set."""

from __future__ import annotations

import pytest


from tagger_helpers import check, concepts, status, tg  # noqa: F401 (tg is a fixture)



@pytest.mark.parametrize("text, want, label", [
    # a referrer's query is a hedge: uncertain, and the label
    ("Referral from the GP: ?SCC on the left temple, keratotic nodule, 1 cm.",
     {"squamous-cell-carcinoma": "uncertain"}, "squamous cell carcinoma"),
    ("Query early morphoea on the abdomen; biopsy booked.", {"morphea": "uncertain"}, "morphea"),
    # "until proven otherwise": a physician's working diagnosis; (round 46) after "I think" too: the speaker who keeps
    # a diagnosis until it is disproved, and orders the test, is a clinician (`views.CLINICIAN_ACT`; ANNOTATION.md)
    ("A hot tender swollen calf with fever is cellulitis until proven otherwise.",
     {"cellulitis": "uncertain"}, "cellulitis"),
    ("so I think this is lupus until proven otherwise, check the ANA", {"lupus-erythematosus": "uncertain"},
     "lupus erythematosus"),
    # negation and plans said other ways
    ("Sarcoidosis was considered unlikely given the normal ACE level.", {"sarcoidosis": "negated"}, ""),
    ("So her joint pains are being looked at and dermatomyositis is being worked up.",
     {"dermatomyositis": "uncertain"}, ""),
    # round 17: nail pitting is a sign (of psoriasis, alopecia areata, eczema), not a diagnosis of nail psoriasis
    ("The patient was never noted to have psoriatic plaques or nail pitting.",
     {"psoriasis": "negated"}, ""),
    # what a patient read or believes, a prevention's target, alternatives, a changed risk: no label
    ("I read about necrotising fasciitis online and now I'm panicking about this red patch.",
     {"necrotizing-fasciitis": "uncertain"}, ""),
    ("My husband is convinced it's psoriasis, the patches on his elbows are silvery.", {"psoriasis": "uncertain"}, ""),
    ("Prophylaxis against herpes simplex is given before laser resurfacing.", {"herpes-simplex": "uncertain"}, ""),
    ("Either a pilomatricoma or an epidermoid cyst; excision will tell.",
     {"pilomatricoma": "uncertain", "epidermoid-cyst": "uncertain"}, ""),
    ("Transplant recipients carry an increased risk for squamous cell carcinoma.",
     {"squamous-cell-carcinoma": "uncertain"}, ""),
])
def test_round7_scope(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # a name dismissed or revised
    ("She had years of being told it was dandruff before the diagnosis of scalp psoriasis.",
     {"seborrheic-dermatitis": "negated", "scalp-psoriasis": "asserted"}, "scalp psoriasis"),
    ("These patches have been called eczema for years; the biopsy shows mycosis fungoides.",
     {"eczema": "negated", "mycosis-fungoides": "asserted"}, "mycosis fungoides"),
    ("Pathology revised the diagnosis of a dermatofibroma to a dermatofibrosarcoma protuberans.",
     {"dermatofibroma": "negated", "dfsp": "asserted"}, "dermatofibrosarcoma protuberans"),
    # spoken self-correction said other ways
    ("this next one is a keloid, uh that was wrong, this is a hypertrophic scar, it stays inside the wound",
     {"keloid": "negated", "hypertrophic-scar": "asserted"}, "hypertrophic scar"),
    ("ok so a lipoma, no the wrong one, this is an epidermoid cyst with a punctum",
     {"lipoma": "negated", "epidermoid-cyst": "asserted"}, "epidermoid cyst"),
    ("is that a wart? nah that's a molluscum with the central dimple",
     {"viral-wart": "negated", "molluscum-contagiosum": "asserted"}, "molluscum contagiosum"),
    ("I thought it was a heat rash... sorry no, the doctor said chickenpox.",
     {"miliaria": "negated", "varicella": "asserted"}, "varicella"),
    # "but it turned out": sets aside a name stated as fact, not a guess (which stays uncertain)
    ("we labelled it ringworm for months but it turned out to be granuloma annulare",
     {"tinea-corporis": "negated", "granuloma-annulare": "asserted"}, "granuloma annulare"),
    ("the GP assumed it was impetigo but it turned out to be herpes simplex",
     {"impetigo": "uncertain", "herpes-simplex": "asserted"}, "herpes simplex"),
    # a symptom is never the diagnosis set aside
    ("my whole back itches at night so I figured it was scabies, but the GP said it's just eczema",
     {"pruritus": "asserted", "scabies": "negated", "eczema": "asserted"}, "eczema"),
])
def test_round7_corrections(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # SCIN: the highest-weighted or first-listed answer is the label, the others alternatives
    ("weighted_skin_condition_label: {'Psoriasis': 0.55, 'Seborrheic Dermatitis': 0.45}",
     {"psoriasis": "asserted", "seborrheic-dermatitis": "uncertain"}, "psoriasis"),
    ("dermatologist_skin_condition_on_label_name: ['Urticaria', 'Insect Bite', 'Folliculitis']",
     {"urticaria": "asserted", "insect-bite": "uncertain", "folliculitis": "uncertain"}, "urticaria"),
    ("weighted_skin_condition_label: {'Acne': 1.0}", {"acne-vulgaris": "asserted"}, "acne vulgaris"),
    # ISIC: the deepest diagnosis level names the lesion, the shallower ones are its parents
    ("isic_id: ISIC_0000001, diagnosis_1: Benign, diagnosis_2: Benign melanocytic proliferations, "
     "diagnosis_3: Nevus, diagnosis_4: Nevus, Spitz", {"spitz-nevus": "asserted"}, "Spitz nevus"),
    # (round 57: infiltrating BCC is no morphoeic BCC, as sets 15, 22, 35 and 40 read it; the archive lists the two apart)
    ("isic_id: ISIC_0000002, diagnosis: basal cell carcinoma, diagnosis_4: Basal cell carcinoma, Infiltrating",
     {"basal-cell-carcinoma": "asserted"}, "basal cell carcinoma"),
    ("diagnosis_3: Melanoma Invasive, diagnosis_4: Melanoma Invasive, Superficial spreading",
     {"superficial-spreading-melanoma": "asserted"}, "superficial spreading melanoma"),
    # a clinic note's header is no abbreviation; its past medical history is history
    ("PMH: psoriasis, hypertension. PC: a pearly papule on the nose, BCC.",
     {"psoriasis": "asserted", "basal-cell-carcinoma": "asserted"}, "basal cell carcinoma"),
    # a treatment's indication before what developed is background
    ("On minocycline for acne for two years, she developed blue-grey patches on the shins: "
     "minocycline-induced pigmentation.", {"acne-vulgaris": "asserted", "drug-induced-pigmentation": "asserted"},
     "drug-induced pigmentation"),
])
def test_round7_dataset_rows_and_notes(tg, text, want, label):
    check(tg, text, want, label)


def test_round7_pmh_is_history(tg):
    t, _ = tg
    res = t.tag("PMH: psoriasis, hypertension. PC: a pearly papule on the nose, BCC.")
    assert [(m.id, m.historical) for m in res.conditions] == [("psoriasis", True), ("basal-cell-carcinoma", False)]


@pytest.mark.parametrize("text, want, label", [
    # lay, speech and catalogue forms
    ("the form says seb k, brain like surface", {"seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    ("this is a spits nevus in a child, a pink dome shaped papule", {"spitz-nevus": "asserted"}, "Spitz nevus"),
    ("Combing the nits and lice out of her hair again.", {"pediculosis-capitis": "asserted"}, "pediculosis capitis"),
    ("Doctor said it is a morbilliform drug rash from the amoxicillin.",
     {"morbilliform-drug-eruption": "asserted"}, "morbilliform drug eruption"),
    ("Disseminate infundibulofolliculitis in a young man.", {"folliculitis": "asserted"}, "folliculitis"),
    ("Nodular chondrodermatitis nodularis on the right helix.", {"chondrodermatitis": "asserted"},
     "chondrodermatitis nodularis helicis"),
    # false friends: a reaction named after another disease, the verb "burn", dental and ward words
    ("Erythema nodosum leprosum during multibacillary leprosy treatment.", {"leprosy": "asserted"}, "leprosy"),
    ("Got this band of blisters round my waist and they burn when I touch them.", {}, ""),
    ("Gingival health was measured with the plaque index.", {}, ""),
    ("Ward round: psoriasis on the elbows, continue methotrexate.", {"psoriasis": "asserted"}, "psoriasis"),
])
def test_round7_forms_and_false_friends(tg, text, want, label):
    check(tg, text, want, label)


def test_round7_false_friend_concepts(tg):
    t, _ = tg
    assert concepts(t.tag("Gingival health was measured with the plaque index.")) == set()
    assert concepts(t.tag("Ward round: psoriasis on the elbows, continue methotrexate.")) == set()


@pytest.mark.parametrize("text, want", [
    # an eruption over a distribution's own region gives the distribution ...
    ("An itchy papular eruption across the upper back and chest of a teenager.", {"papule", "truncal"}),
    ("Velvety brown plaques in both armpits, acanthosis nigricans.", {"brown-hyperpigmentation", "plaque"}),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("Scaly papules and crusts around the mouth of a toddler: perioral dermatitis.",
     {"scale", "papule", "crust", "periorificial"}),
    ("Weeping sores around her nose and mouth again, impetigo.", {"exudate", "periorificial"}),
    ("An itchy red rash in my groin for a month.", {"red"}),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("Lichenified plaques in the elbow and knee creases of an atopic child.", {"lichenification", "plaque", "flexural"}),
    # ... and since round 10 one lesion's site does too: sets 4-7 write the rule down ("chest / back / trunk:
    # truncal; armpits / groin: flexural", their READMEs) and annotate it for single lesions ("a DN on the back");
    # round 7 had read one lesion's site as metadata only (set 3's reading); round 28 reads a trunk part so again
    # (back, chest: ANNOTATION.md rule 2, sets 10-17), the other sites as round 10
    ("A compound nevus on the upper back, removed for cosmetic reasons.", set()),
    ("A single tender nodule in the left axilla.", {"nodule"}),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("A solitary pearly papule on the chest, nodular BCC.", {"discrete", "pearly", "papule", "nodule"}),
])
def test_round7_site_is_distribution_only_for_an_eruption(tg, text, want):
    t, _ = tg
    assert concepts(t.tag(text)) == want, text


@pytest.mark.parametrize("text, want, label", [
    # "itchy" is the symptom pruritus (every independent set reads it so); never the label
    ("Itchy red bumps along my ankles after the hike.", {"pruritus": "asserted"}, ""),
    ("A scaly plaque on the shin, not itchy, diagnosed as psoriasis.",
     {"pruritus": "negated", "psoriasis": "asserted"}, "psoriasis"),
])
def test_round7_itchy_is_pruritus(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # what someone who is not a clinician says it is: a guess, no label
    ("My boyfriend says it's ringworm, it's a red circle on my wrist.", {"tinea-corporis": "uncertain"}, ""),
    ("The barber said it's just dandruff but it is spreading onto my forehead.",
     {"seborrheic-dermatitis": "uncertain"}, ""),
    # an earlier treatment's or a specimen's name, replaced
    ("The lesion had been treated as a wart for months; biopsy showed an amelanotic melanoma.",
     {"viral-wart": "negated", "amelanotic-melanoma": "asserted"}, "amelanotic melanoma"),
    ("Addendum: the specimen labelled 'dermatofibroma' is a dermatofibrosarcoma protuberans.",
     {"dermatofibroma": "negated", "dfsp": "asserted"}, "dermatofibrosarcoma protuberans"),
    # what a diagnosis looks like is not a second diagnosis (round 12: and the named diagnosis rules it out, as
    # sets 6-8 read "X mimicking / masquerading as Y"; round 7 had left Y uncertain, as sets 3-5 read it)
    ("Secondary syphilis masquerading as pityriasis rosea in a young man.",
     {"secondary-syphilis": "asserted", "pityriasis-rosea": "negated"}, "secondary syphilis"),
    ("My husband thinks it's ringworm but it has not changed with the cream.", {"tinea-corporis": "uncertain"}, ""),
    # a possible course and a teaching statement are no patient's finding
    ("Teenagers on isotretinoin can develop cheilitis; this boy's rash is urticaria.",
     {"cheilitis": "uncertain", "urticaria": "asserted"}, "urticaria"),
    ("Erythema multiforme is a recognised complication of herpes simplex infection.",
     {"erythema-multiforme": "uncertain", "herpes-simplex": "uncertain"}, ""),
    # "fit" as a physician's hedge
    ("Tense blisters on the thighs of an elderly man fit bullous pemphigoid.",
     {"bullous-pemphigoid": "uncertain"}, "bullous pemphigoid"),
])
def test_round7_lay_opinions_and_replaced_names(tg, text, want, label):
    check(tg, text, want, label)


@pytest.mark.parametrize("text", [
    "Stimulation of the periaqueductal gray in the cat.",
    "The wheal-flare ratio of skin reactions to grass pollen extracts.",
    "Embolization of an epigastric arterial fistula after cutaneous ureterostomy.",
])
def test_round7_not_findings_in_titles(tg, text):
    t, _ = tg
    res = t.tag(text)
    assert (status(res), concepts(res)) == ({}, set()), text

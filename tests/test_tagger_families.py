"""Issue 17's families of tagging and labelling errors, each on new real-style sentences (written for these
tests: not the gold set's, not the independent set's).

Each case: text -> (conditions as {id: status}, the disease_label node id or "" for none). Status:
"a" asserted, "n" negated, "u" uncertain. Only the listed conditions are checked, and the label.
"""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger.labels import disease_choice
from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def onto():
    return shared_tagger()[1]


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _status(m) -> str:
    return "n" if m.negated else "u" if m.uncertain else "a"


def check(tagger, onto, text, conds, label, exact=False):
    res = tagger.tag(text)
    got = {m.id: _status(m) for m in res.conditions}
    if exact:
        assert got == conds, text
    else:
        assert {k: got.get(k) for k in conds} == conds, (text, got)
    want = onto.conditions[label].name if label else ""
    assert labels_for(res, onto)["disease_label"] == want, (text, got)
    return res


GROUPS = [
    ("Biopsy-proven cutaneous lupus on the scalp with follicular plugging", {"lupus-erythematosus": "a"},
     "lupus-erythematosus"),
    ("Localised scleroderma of the forearm, ivory plaque", {"morphea": "a"}, "morphea"),
    ("Scleroderma with tight shiny skin over the knuckles", {"scleroderma": "a"}, "scleroderma"),
    ("Photodermatitis on the forearms after starting doxycycline", {"photodermatoses": "a"}, "photodermatoses"),
    ("Cutaneous vasculitis of the lower legs in a child after a sore throat", {"vasculitis": "a"}, "vasculitis"),
    ("A large vascular malformation of the tongue", {"vascular-malformations": "a"}, "vascular-malformations"),
    ("Purpura on both shins of an elderly man on warfarin", {"purpura": "a"}, "purpura"),
]


@pytest.mark.parametrize("text,conds,label", GROUPS)
def test_group_nodes_are_diagnoses(tagger, onto, text, conds, label):
    check(tagger, onto, text, conds, label)


def test_branch_words_name_nothing(tagger):
    assert tagger.tag("Benign lesion, not malignant, no infectious cause, genetic testing pending").conditions == []


LABEL_CHOICE = [
    # the diagnosis the text gives for the lesion beats the generic word it started with
    ("The changing mole on his calf was excised and turned out to be a nodular melanoma",
     {"nodular-melanoma": "a"}, "nodular-melanoma"),
    ("Her mole is a compound nevus according to the pathologist", {"compound-nevus": "a"}, "compound-nevus"),
    # background and symptoms are never the label
    ("Actinic keratoses scattered over photoaged skin of the scalp",
     {"actinic-keratosis": "a", "sun-damaged-skin": "a"}, "actinic-keratosis"),
    ("It itches all night; most likely scabies per the dermatologist", {"pruritus": "a", "scabies": "u"}, "scabies"),
    ("Itching all over for a month, no rash.", {"pruritus": "a"}, ""),
    # melanoma in situ is the more specific melanoma
    ("Melanoma in situ arising on sun-damaged skin of the nose", {"melanoma-in-situ": "a"}, "melanoma-in-situ"),
    ("Malignant melanoma, in situ, on the upper back", {}, "melanoma-in-situ"),
    ("Superficial basal cell carcinoma; basal cell carcinoma is the commonest skin cancer",
     {"superficial-bcc": "a"}, "superficial-bcc"),
]


@pytest.mark.parametrize("text,conds,label", LABEL_CHOICE)
def test_disease_label_is_the_diagnosis_of_the_lesion(tagger, onto, text, conds, label):
    check(tagger, onto, text, conds, label)


HEDGES = [
    ("Dermatologist reply: this looks like pityriasis versicolor, try an antifungal shampoo",
     {"tinea-versicolor": "u"}, "tinea-versicolor"),
    ("Consistent with discoid eczema.", {"nummular-eczema": "u"}, "nummular-eczema"),
    ("Appearances favour a dermatofibroma; reassured.", {"dermatofibroma": "u"}, "dermatofibroma"),
    ("Probable guttate psoriasis after streptococcal pharyngitis.", {"guttate-psoriasis": "u"}, "guttate-psoriasis"),
    ("Figure 3. Annular plaque on the wrist, in keeping with granuloma annulare.", {"granuloma-annulare": "u"},
     "granuloma-annulare"),
    # a patient's guess, a question, a differential: uncertain, and no label
    ("I'm worried it might be skin cancer, it's a scabby spot on my nose", {"malignant": "u"}, ""),
    ("Could this be ringworm? It's a circle on my arm", {"tinea-corporis": "u"}, ""),
    ("Scared it's a melanoma, my sister says it looks fine", {"melanoma": "u"}, ""),
    ("Differential: lichen planus versus lichenoid drug eruption", {"lichen-planus": "u"}, ""),
    ("My GP thinks it's psoriasis.", {"psoriasis": "u"}, "psoriasis"),
    ("I think it's eczema but my dermatologist wants to biopsy it.", {"eczema": "u"}, ""),
    # two hedged diagnoses: the one favoured, named first
    ("I would favour pityriasis rosea over secondary syphilis here.", {"pityriasis-rosea": "u"}, "pityriasis-rosea"),
]


@pytest.mark.parametrize("text,conds,label", HEDGES)
def test_physician_hedge_labels_patient_guess_does_not(tagger, onto, text, conds, label):
    check(tagger, onto, text, conds, label)


SCOPE = [
    ("Previous melanoma on the back; today a cherry angioma on the abdomen",
     {"melanoma": "a", "cherry-angioma": "a"}, "cherry-angioma"),
    ("Treated for basal cell carcinoma last year, now presents with a benign seborrheic keratosis",
     {"basal-cell-carcinoma": "a", "seborrheic-keratosis": "a"}, "seborrheic-keratosis"),
    ("These are the warning signs of skin cancer", {"malignant": "u"}, ""),
    ("He has a strong family history of melanoma; this is a junctional nevus", {"melanoma": "u"}, "junctional-nevus"),
    ("The patient denies any history of skin cancer", {"malignant": "n"}, ""),
    ("A 3-year history of psoriasis on the elbows", {"psoriasis": "a"}, "psoriasis"),
    ("Dermoscopy argues against melanoma: the features favour a dysplastic nevus",
     {"melanoma": "n", "dysplastic-nevus": "u"}, "dysplastic-nevus"),
    ("Rosacea, not to be confused with lupus", {"rosacea": "a", "lupus-erythematosus": "n"}, "rosacea"),
    ("My mum was sure it was eczema but the dermatologist said it is psoriasis",
     {"eczema": "n", "psoriasis": "a"}, "psoriasis"),
    ("I thought it was a bee sting but the GP said cellulitis", {"cellulitis": "a"}, "cellulitis"),
    # spoken self-correction
    ("is this a wart? no, this is a corn on the sole", {"viral-wart": "n", "corn": "a"}, "corn"),
    ("that's urticaria, no wait, it's erythema multiforme, look at the targets",
     {"urticaria": "n", "erythema-multiforme": "a"}, "erythema-multiforme"),
    ("we call this a keloid, or rather a hypertrophic scar since it stays inside the wound",
     {"keloid": "n", "hypertrophic-scar": "a"}, "hypertrophic-scar"),
    ("so here is tinea, sorry, this is actually nummular eczema", {"dermatophytosis": "n", "nummular-eczema": "a"},
     "nummular-eczema"),
]


@pytest.mark.parametrize("text,conds,label", SCOPE)
def test_history_background_and_self_correction(tagger, onto, text, conds, label):
    check(tagger, onto, text, conds, label)


FORMS = [
    ("Carcinoma, squamous cell, well differentiated", {"squamous-cell-carcinoma": "a"}, "squamous-cell-carcinoma"),
    ("Melanoma, nodular", {"nodular-melanoma": "a"}, "nodular-melanoma"),
    ("Nevus, congenital; site: thigh", {"congenital-nevus": "a"}, "congenital-nevus"),
    ("Basal cell carcinoma, morpheaform", {"morpheaform-bcc": "a"}, "morpheaform-bcc"),
    ("final dx: BCC, superficial subtype", {"superficial-bcc": "a"}, "superficial-bcc"),
    ("Keratosis, seborrheic, irritated", {"irritated-seborrheic-keratosis": "a"}, "irritated-seborrheic-keratosis"),
    ("Dermatology clinic: SK on the temple, reassured", {"seborrheic-keratosis": "a"}, "seborrheic-keratosis"),
    ("biopsy: MIS on the cheek, re-excision planned", {"melanoma-in-situ": "a"}, "melanoma-in-situ"),
    ("histo: DN with mild atypia", {"dysplastic-nevus": "a"}, "dysplastic-nevus"),
    ("shingles on his forehead near the eye", {"herpes-zoster": "a"}, "herpes-zoster"),
    ("a strawberry mark on the baby's back", {"infantile-hemangioma": "a"}, "infantile-hemangioma"),
    # round 19's decision: a verruca on the foot is a plantar wart (benchmarks/tagger/RESULTS.md)
    ("a verruca on her big toe", {"plantar-wart": "a"}, "plantar-wart"),
    ("cradle cap on the scalp of a 6 week old", {"infantile-seborrheic-dermatitis": "a"},
     "infantile-seborrheic-dermatitis"),
    ("psoraisis on the knees and elbows", {"psoriasis": "a"}, "psoriasis"),
    ("a melanonma on the back", {"melanoma": "a"}, "melanoma"),
    ("ekzema on the hands", {"eczema": "a"}, "eczema"),
    ("impetego around the mouth", {"impetigo": "a"}, "impetigo"),
    ("excema on the elbows of a toddler", {"eczema": "a"}, "eczema"),
    # two dermatology abbreviations support each other in an abstract's sentence
    ("The features of KA overlap with those of SCC.", {"keratoacanthoma": "a", "squamous-cell-carcinoma": "a"},
     "keratoacanthoma"),
    ("Forty patients with HS and 40 with AD were enrolled.",
     {"hidradenitis-suppurativa": "a", "atopic-dermatitis": "a"}, "hidradenitis-suppurativa"),
]


@pytest.mark.parametrize("text,conds,label", FORMS)
def test_inverted_abbreviated_lay_and_misspelt_forms(tagger, onto, text, conds, label):
    check(tagger, onto, text, conds, label)


def test_roof_shingles_are_not_zoster(tagger):
    assert tagger.tag("asbestos shingles on the roof of the barn").conditions == []


FALSE_FRIENDS = [
    "Rift Valley fever antibodies in cattle sera",
    "Vesicular stomatitis virus glycoprotein pseudotypes were used",
    "Cc: Dr Adams; BCC: clinic records. Subject: rota for June",
    "BCC: j.smith@example.org",
    "Anti-tumour necrosis factor therapy was started for Crohn disease",
    # an abbreviation the text defines as something else
    "(A) Hormone status of tumours: ER, estrogen receptor; PR, progesterone receptor; positive in 60%.",
    "Progesterone receptor (PR) expression in tumour cells of the breast.",
    "BP: blood pressure was 120/80; no skin lesions",
]


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_friends_tag_nothing(tagger, text):
    res = tagger.tag(text)
    assert res.conditions == [] and res.concepts == [], text


def test_an_abbreviation_defined_as_itself_still_tags(tagger):
    assert [m.id for m in tagger.tag("Pityriasis rosea (PR) on the trunk of a teenager.").conditions] == \
        ["pityriasis-rosea"]
    assert [m.id for m in tagger.tag("Forty patients with BP (bullous pemphigoid) were treated").conditions] == \
        ["bullous-pemphigoid"]


def test_lupus_erythematosus_is_no_erythema(tagger):
    res = tagger.tag("Systemic lupus erythematosus with photosensitivity")
    assert [m.id for m in res.conditions] == ["sle", "photodermatoses"]
    assert [m.id for m in res.concepts] == []


def test_bcc_in_a_metadata_line_is_still_a_carcinoma(tagger):
    assert [m.id for m in tagger.tag("BCC: yes; SCC: no; site: nose").conditions] == \
        ["basal-cell-carcinoma", "squamous-cell-carcinoma"]


def test_history_and_hedge_flags_are_not_in_the_conditions_column(tagger):
    m = tagger.tag("Past history of melanoma").conditions[0]
    assert m.historical and set(m.as_condition()) == {"id", "name", "path", "span", "negated", "uncertain", "score"}


def test_disease_choice_none_without_candidates(tagger, onto):
    assert disease_choice(tagger.tag("no melanoma"), onto) is None

"""Tagger changes of round 24, the context / label side (tuning sets: gold and independent sets 1-15; families sorted
from the negated-as-asserted and wrong-label errors of sets 8-15). Each family is a mechanism, not a phrase: a
counterfactual denied after it ("X would show ..., which I don't see"), a name considered and answered negative, a
negation confined to some sites ("no X on A, only on B"), a name denied outright after an earlier naming ("not X at
all"), an earlier working name overturned, a scare-quoted name overruled, a patient's search-engine guess, a referring
clinician's worry, a clinic-note header in prose ("PMH includes ..."), catalogue names of syndromes without a node, and
a qualifier parted from its head ("atrophic cutaneous scars"). Every sentence is new, written in the styles of referral
letters, histopathology reports, forum posts, lecture speech and figure legends; none is taken from any evaluation
set. The guards keep the readings the tuning sets agree on."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    ("Histology: lupus would be expected to show interface change and dermal mucin, neither of which is present; the "
     "picture is of a psoriasiform dermatitis.", {"lupus-erythematosus": N}, ""),
    ("Dear Dr Patel, this could look like scabies, but scabies would give burrows in the finger webs and we found none; "
     "this is pompholyx.", {"scabies": N, "dyshidrotic-eczema": A}, "dyshidrosiform eczema"),
    ("Figure 3. A bullous pemphigoid would show linear IgG at the basement membrane, which is not seen here; pemphigus "
     "vulgaris with intercellular staining.", {"bullous-pemphigoid": N, "pemphigus-vulgaris": A}, "pemphigus vulgaris"),
    ("so um a melanoma would have an atypical network here, and you don't see that, this is just a Spitz naevus",
     {"melanoma": N, "spitz-nevus": A}, "Spitz nevus"),
    # guard: a counterfactual that is not denied is a statement about the disease
    ("Guard: tinea would show hyphae on microscopy, so scrapings were sent.", {"dermatophytosis": A}, "dermatophytosis"),
])
def test_a_counterfactual_denied_after_it_is_negated(tg, text, want, label):  # noqa: F811
    """"X would show F, which is absent": the finding that would prove X is denied, so X is ruled out."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Referral: sarcoidosis was considered, but the chest X-ray and ACE level were normal; the plaques are granuloma "
     "annulare.", {"sarcoidosis": N, "granuloma-annulare": A}, "granuloma annulare"),
    ("Specimen B: dermatitis herpetiformis was suspected by the GP, however the direct immunofluorescence is negative.",
     {"dermatitis-herpetiformis": N}, ""),
    ("so we wondered about pemphigus but the Nikolsky sign was not there, and the biopsy showed bullous pemphigoid",
     {"pemphigus": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    # guard: a consideration answered positively stands
    ("Guard: sarcoidosis was considered, but the biopsy confirmed non-caseating granulomas, so sarcoidosis it is.",
     {"sarcoidosis": A}, "sarcoidosis"),
])
def test_a_name_considered_and_answered_negative_is_ruled_out(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("No eczema on the hands or feet, only on the flexures of the elbows and knees.", {"eczema": A}, "eczema"),
    ("Figure 5. No psoriasis in the scalp, just the plaques on the elbows.", {"psoriasis": A}, "psoriasis"),
    # guards: "only" followed by another diagnosis keeps the negation
    ("Guard: No basal cell carcinoma on the nose, only seborrhoeic keratoses on the cheek.",
     {"basal-cell-carcinoma": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("Guard: no melanoma at the margins, only a junctional naevus.", {"melanoma": N, "junctional-nevus": A},
     "junction nevus"),
])
def test_a_negation_confined_to_some_sites_leaves_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("I kept calling it eczema for months, then the GP said it's not eczema at all, it's psoriasis.",
     {"eczema": N, "psoriasis": A}, "psoriasis"),
    ("um I would have said lichen planus, but no, it isn't lichen planus after all, it's a lichenoid drug eruption",
     {"lichen-planus": N, "lichenoid-drug-eruption": A}, "lichenoid drug eruption"),
    ("and this lady was first treated for impetigo, but the swab was sterile and the real diagnosis was bullous "
     "pemphigoid", {"impetigo": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    ("At first the practice nurse dressed it as a venous ulcer; in fact it was pyoderma gangrenosum.",
     {"venous-leg-ulcer": N, "pyoderma-gangrenosum": A}, "pyoderma gangrenosum"),
    # guard: a plain "it isn't X" next to another mention of X elsewhere keeps that mention
    ("Guard: it isn't eczema, it's psoriasis, although there is some eczema on the hands too.",
     {"psoriasis": A, "eczema": A}, "psoriasis"),
])
def test_an_earlier_naming_denied_or_overturned_later(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("The discharge summary says 'cellulitis' but both legs are red, warm only at the ankles, and scaly: bilateral "
     "stasis dermatitis.", {"cellulitis": N, "stasis-dermatitis": A}, "stasis dermatitis"),
    ("Her mother calls it 'ringworm'; the annular plaque is granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guards: a refinement of the quoted words keeps them; a dataset row's quoted labels are no quotation
    ("Guard: The referral letter says 'eczema' and this is indeed a discoid eczema with a clear edge.",
     {"eczema": A, "nummular-eczema": A}, "nummular eczema"),
    ("weighted_skin_condition_label: {'Psoriasis': 0.7, 'Eczema': 0.3}; itching: YES",
     {"psoriasis": A, "eczema": U, "pruritus": A}, "psoriasis"),
])
def test_a_scare_quoted_name_overruled(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("I googled it and it says ringworm, but the ring isn't scaly at all??", {"tinea-corporis": U}, ""),
    ("honestly im thinking hives, the bumps come and go in a few hours", {"urticaria": U}, ""),
    ("Dear colleague, many thanks for seeing this man; the lesion on his back has grown, and I am concerned about a "
     "melanoma.", {"melanoma": U}, "malignant melanoma"),
    ("Referred urgently: we are worried about a squamous cell carcinoma on the lower lip.",
     {"squamous-cell-carcinoma": U}, "squamous cell carcinoma"),
    # guards: a patient's worry stays a guess; a clinician's plain statement stays asserted
    ("Guard: I'm worried about melanoma, my mole has changed shape and bleeds",
     {"melanoma": U, "melanocytic-nevus": U}, ""),
    ("Guard: the GP says it's ringworm and prescribed cream", {"tinea-corporis": A}, "tinea corporis"),
])
def test_whose_guess_a_name_is(tg, text, want, label):  # noqa: F811
    """A patient's search or hunch is a guess; a referring clinician's worry is the referrer's hedged diagnosis."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("PMH includes psoriasis and type 2 diabetes; presents with an ulcerated nodule on the shin, likely a squamous cell "
     "carcinoma.", {"psoriasis": A, "squamous-cell-carcinoma": U}, "squamous cell carcinoma"),
    ("Guard: PMH: HS, T2DM. Today: AN in axillae.", {"hidradenitis-suppurativa": A, "acanthosis-nigricans": A},
     "acanthosis nigricans"),
])
def test_a_clinic_header_in_prose_is_no_condition(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # two co-equal diseases, the first without a node: the second is the subject
    ("Congenital heart defects and ectodermal dysplasia: An autosomal dominant syndrome characterized by atrial septal "
     "defects and variable features of ectodermal dysplasia, including sparse hair.", {"ectodermal-dysplasia": A},
     "ectodermal dysplasia"),
    ("Epilepsy and psoriasis, familial: A disorder characterized by seizures and plaque psoriasis in several members of "
     "one family.", {"psoriasis": A, "psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    # a sign as the second conjunct stays a feature; a name that lists findings is a syndrome without a node
    ("Obesity and hypopigmentation: A disorder characterized by early obesity and hypopigmentation of skin and hair.",
     {"hypopigmentation": A}, ""),
    ("Hypopigmentation, organomegaly, and delayed myelination and development: An autosomal dominant pleiotropic "
     "syndrome characterized by skin and hair hypopigmentation.", {"hypopigmentation": A}, ""),
    # guards: an inverted catalogue name with "with" keeps its head; "X and Y" with a node first keeps X
    ("Erythroderma, congenital, with palmoplantar keratoderma, hypotrichosis, and hyper IgE: A syndrome characterized by "
     "severe dermatitis.", {"erythroderma": A, "palmoplantar-keratoderma-hereditary": A, "hair-diseases": A,
                            "eczema": A}, "erythroderma"),
    ("Palmoplantar keratoderma and congenital alopecia 1: A rare disorder characterized by palmoplantar keratoderma and "
     "alopecia.", {"palmoplantar-keratoderma-hereditary": A, "hair-diseases": A},  # round 32: bare "alopecia" is a name
     "hereditary palmoplantar keratoderma"),
])
def test_catalogue_names_of_two_diseases_or_of_findings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Ehlers-Danlos syndrome, classic type, 4: A form of Ehlers-Danlos syndrome characterized by hyperextensible skin "
     "and atrophic cutaneous scars.", {"ehlers-danlos": A, "atrophic-scar": A}, "Ehlers-Danlos syndrome"),
    ("Figure 2. Hypertrophic skin scars along the sternotomy wound of a 40-year-old woman.", {"hypertrophic-scar": A},
     "hypertrophic scar"),
    # guard: the qualifier of another noun ("atrophic skin") is not the scar's
    ("Guard: Atrophic skin over the shins; scars from old ulcers.", {"cutaneous-scar": A}, "scar"),
])
def test_a_qualifier_parted_from_its_head(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Path report: Basal cell carcinoma not identified. Seborrhoeic keratosis, irritated.",
     {"basal-cell-carcinoma": N, "irritated-seborrheic-keratosis": A}, "irritated seborrheic keratosis"),
    ("Figure 6. Melanoma was not demonstrated in the re-excision; residual compound naevus at one margin.",
     {"melanoma": N, "compound-nevus": A}, "compound nevus"),
    ("Histology: dysplastic naevus is not evident; the sections show a dermatofibroma.",
     {"dysplastic-nevus": N, "dermatofibroma": A}, "dermatofibroma"),
    ("Forum: no itch, no spreading, and it doesn't look like ringworm to my GP; she called it granuloma annulare.",
     {"pruritus": N, "tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # guard: a likeness stated stays a hedge
    ("Reply from a dermatologist: it does look like ringworm to me.", {"tinea-corporis": U}, "tinea corporis"),
])
def test_post_posed_verdicts_and_likeness_denied(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Is this psoriasis? The nail pitting and the scalp plaques say yes.", {"psoriasis": A}, "psoriasis"),
    ("so the question is whether this is pemphigus, and the answer from the immunofluorescence is no, it's bullous "
     "pemphigoid", {"pemphigus": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    # guard: an open question stays open
    ("Is this psoriasis? Any thoughts welcome.", {"psoriasis": U}, ""),
])
def test_a_question_answered_after_it(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Rarer than BCC, Merkel cell carcinoma presents as a fast-growing red nodule; this one was on the cheek.",
     {"basal-cell-carcinoma": U, "merkel-cell-carcinoma": A}, "Merkel cell carcinoma"),
    ("Chickenpox at age 6; now, at 71, shingles across the left chest wall.", {"varicella": A, "herpes-zoster": A},
     "herpes zoster"),
    ("Two-week-wait referral: ulcerated nodule on the lower lip of a smoker. Query squamous cell carcinoma; actinic "
     "cheilitis across the rest of the lip.", {"squamous-cell-carcinoma": U, "actinic-cheilitis": A},
     "squamous cell carcinoma"),
    # guard: a comparison inside the clause keeps both terms as the topic
    ("Guard: Lichen planus is far commoner than lichen nitidus in adults.",
     {"lichen-planus": A, "lichen-nitidus": A}, "lichen planus"),
    # guard: a range of severity is no severe acne
    ("Treatment of Mild to Severe Facial Acne with a New Gel.", {"acne-vulgaris": A}, "acne vulgaris"),
])
def test_comparison_history_and_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("E-referral: an elderly man on the ward has tense blisters on the thighs and an itchy urticarial rash on the trunk; "
     "bullous pemphigoid is suspected, biopsy booked.", {"pruritus": A, "bullous-pemphigoid": U}, "bullous pemphigoid"),
    # guards: beside a relative's disease and a symptom only, the urticarial rash is the diagnosis
    ("Her mother had lupus; she presents with an itchy urticarial rash on the arms.",
     {"lupus-erythematosus": U, "pruritus": A, "urticaria": A}, "urticaria"),
])
def test_a_sign_adjective_with_its_lesion_word_describes_the_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("First we thought it was a spider bite, then the doctors said it was MRSA cellulitis with an abscess.",
     {"spider-bite": N, "cellulitis": A, "abscess": A}, "cellulitis"),
    ("Forum update: I was convinced it was ringworm, but my GP says the ring is granuloma annulare and needs no cream.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    ("Update after clinic: the dermatologist said it's a seborrhoeic keratosis. I was so sure it was a melanoma!",
     {"seborrheic-keratosis": A, "melanoma": N}, "seborrheic keratosis"),
    ("Clinic letter: ?impetigo on referral; on examination these are grouped vesicles of herpes simplex, not impetigo.",
     {"impetigo": N, "herpes-simplex": A}, "herpes simplex"),
    ("Consultant's reply: with the symmetrical flexural pattern this is more likely atopic eczema than scabies.",
     {"atopic-dermatitis": U, "scabies": N}, "atopic dermatitis"),
    # guards: a clinician agreeing with the guess; a site-confined denial does not answer the query
    ("Guard: I think it's eczema, but the doctor said it's eczema too.", {"eczema": A}, "eczema"),
    ("Figure 7. Possible eczema on the hands; no eczema on the face, only on the hands.", {"eczema": A}, "eczema"),
])
def test_a_guess_or_query_answered_later(tg, text, want, label):  # noqa: F811
    """A lay belief or a query, answered by a clinician's other diagnosis or by a later denial of the same name."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Figure 1. A boy with keratitis-ichthyosis-deafness syndrome showing thick plaques on the knees.",
     {"ichthyosis": A}, ""),
    ("Keratoderma-hypotrichosis-leukonychia totalis syndrome in a father and son.",
     {"palmoplantar-keratoderma-hereditary": A, "hair-diseases": A, "leukonychia": A}, ""),
    ("Fig. 3. Woman with lupus-scleroderma overlap and sclerodactyly.", {"lupus-erythematosus": A, "scleroderma": A},
     "lupus erythematosus"),
    ("Fig. 4. A man with dermatomyositis and scleroderma overlap: Gottron papules.",
     {"dermatomyositis": A, "scleroderma": A}, "dermatomyositis"),
    # guards: a syndrome that is a node keeps its label; a disease beside the syndrome's name is not inside it
    ("Figure 2. Pachyonychia congenita with palmoplantar keratoderma.",
     {"pachyonychia-congenita": A, "keratoderma": A}, "pachyonychia congenita"),
    ("TEN/SJS overlap after lamotrigine, BSA 15%, transferred to burns unit.",
     {"toxic-epidermal-necrolysis": A, "stevens-johnson": A}, "toxic epidermal necrolysis"),
])
def test_syndrome_and_overlap_names(tg, text, want, label):  # noqa: F811
    """A disease inside a syndrome's compound name without a node is a feature; an overlap is named by its first."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Not improving on antibiotics: the cellulitis is spreading up the leg.", {"cellulitis": A}, "cellulitis"),
    ("The patient had no response to terbinafine for his onychomycosis.", {"onychomycosis": A}, "onychomycosis"),
    ("No improvement in the psoriasis after 12 weeks of methotrexate, so we switched to a biologic.",
     {"psoriasis": A}, "psoriasis"),
    ("Forum: no better after a month of clotrimazole, the doctor now says it's psoriasis not ringworm.",
     {"psoriasis": A, "tinea-corporis": N}, "psoriasis"),
    # guards: the negation after the pseudo-negation still negates
    ("Guard: No improvement was needed; there is no eczema.", {"eczema": N}, ""),
])
def test_a_treatment_failure_is_no_negation(tg, text, want, label):  # noqa: F811
    """Pseudo-negations of a treatment's response ("no response to", "not improving on"): the disease is there."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Not a doctor, but this looks like eczema to me, try an emollient.", {"eczema": U}, ""),
    ("My friend who is a dermatologist says it's probably seborrhoeic dermatitis.", {"seborrheic-dermatitis": U},
     "seborrheic dermatitis"),
    ("Nursery says there's hand foot and mouth going around, and now my son has blisters on his palms.",
     {"hand-foot-mouth-disease": U}, ""),
    # guards: a lay friend's guess stays a guess; a physician's hedge stays the label
    ("Guard: my friend says it's probably ringworm.", {"tinea-corporis": U}, ""),
    ("Guard: a dermatologist here: this looks like eczema to me.", {"eczema": U}, "eczema"),
])
def test_who_is_speaking(tg, text, want, label):  # noqa: F811
    """A writer who is no physician guesses; a physician among friends hedges; an outbreak around is an exposure."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Question for the derms: is this a melanoma or just a dark seborrhoeic keratosis? Photo attached.",
     {"melanoma": U, "seborrheic-keratosis": U}, ""),
    ("could it be a basal cell carcinoma or only a scar from the old burn? asking for my dad",
     {"basal-cell-carcinoma": U, "cutaneous-scar": U, "thermal-burn": U}, ""),
    # guards: the answer after the question stands; a question about something else leaves the name
    ("Is it a wart or a corn? The paring shows black dots, so a viral wart.", {"viral-wart": A, "corn": U},
     "viral wart"),
    ("Why does my eczema flare every winter?", {"eczema": A}, "eczema"),
])
def test_an_alternative_question_asks_about_every_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # guards of the outbreak and doctor-friend rules: an outbreak the writer describes as pictured; a nurse friend
    ("Chickenpox going round the ward this week: crops of vesicles on the trunk of this nurse.", {"varicella": A},
     "varicella"),
    ("My nurse friend reckons it's a fungal infection of the nail, no idea.", {"onychomycosis": U}, ""),
])
def test_who_is_speaking_guards(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)

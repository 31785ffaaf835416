"""Derm1M's label columns and its two template captions, from the matches of one text.

`disease_label` is the diagnosis the text gives for the pictured lesion:
- candidates: conditions not negated, not history or background ("treated for melanoma 10 years ago"),
  and either asserted or uncertain only through a physician's hedge ("most likely tinea corporis",
  "consistent with"); a patient's guess, a question, a differential or a relative's condition is not one;
- a symptom (`SYMPTOMS`: pruritus) is never the label; a background finding (`BACKGROUND`: sun-damaged
  skin, telangiectasia), or a condition named as the ground of another lesion (`Match.ground`: "erosions over her
  atopic eczema", "target lesions after her cold sore"; round 17), only when nothing else is named;
- among the rest, the most specific wins: a node that refines another (its descendant, or a name that
  contains the other's name: "melanoma in situ" refines "melanoma", "nodular basal cell carcinoma" refines
  "basal cell carcinoma") beats it; a lesion named by a generic word ("mole", "wart", "rash") loses to a
  named diagnosis ("this mole turned out to be melanoma"); then asserted before hedged, then the first
  mentioned (two unrelated diagnoses: the tree's depth says nothing about which the text is about);
- the last diagnosis named as a conclusion ("..., in keeping with onychomycosis", "so it's eczema herpeticum")
  wins over what the text named before it, unless one of those refines it (round 16);
- two or more unrelated diagnoses, each only hedged ("could be a dermatofibroma, could be a scar", "points
  to an irritant or allergic contact dermatitis"), are a differential: no label. Round 46: "unrelated" reads the tree
  and the nodes' own names, not their synonyms: "?SCC, ?keratoacanthoma" are two alternatives although one synonym of
  the keratoacanthoma ("keratoacanthoma-type squamous cell carcinoma") holds the other's name (`_one_alternative`);
- round 46: a lesion that is a diagnostic sign of a syndrome named beside it (`SYNDROME_SIGNS`: cafe-au-lait macules or
  neurofibromas beside neurofibromatosis, whose criteria they are) loses the label to the syndrome when the syndrome
  is a candidate too (asserted or a physician's hedge): the syndrome is what the text diagnoses, the sign how it shows.
  (A port-wine stain is not listed: the stain is the lesion pictured and Sturge-Weber syndrome needs the eye or the
  brain; a text names it as a risk, "think Sturge-Weber if it sits over the forehead".)
- round 48: a precursor beside the carcinoma in situ it leads to (`PRECURSORS`: actinic keratoses beside Bowen's
  disease / SCC in situ), both asserted and nothing else named: the carcinoma in situ is the label; a disease's named
  clinical form that the tree keeps beside it (`FORM_OF`: a kerion beside tinea capitis) beats the disease, as a
  subtype beats its parent.
- round 53: the same for an infection beside the eczema it sits on or is ringed by (`FORM_OF`: eczema herpeticum,
  molluscum contagiosum); a finding that is how a named disease shows gives way to that disease, asserted or a
  physician's hedge (`GIVES_WAY_TO`: a histological pattern beside a disease of its group, angioedema beside urticaria,
  a herpes infection beside the eczema herpeticum or erythema multiforme it causes, a morbilliform drug rash beside
  DRESS); lupus's signs (the malar rash, photosensitivity, mouth ulcers) and Behcet disease's mouth ulcers are
  `SYNDROME_SIGNS` of the disease. Each rule was checked on every tuning set's labels (round 53's RESULTS section).
- round 54: a scar named beside another condition (`SEQUELS`: the generic scar, not its named kinds) is the mark a past
  wound or lesion left, never the diagnosis: it drops out first, even before a background finding ("a buzzing
  sensation adjacent to the scar ... dilated varicose veins"), unless all else is the sun-damaged skin it sits on, and
  does not count as "something else named" beside the skin ground.
- round 55: more findings that give way to the disease beside them (`GIVES_WAY_TO`): erythroderma to the disease it is
  the state of ("Erythroderma due to DRESS is favoured"), a bite or sting to the disease it set off (a dermatofibroma,
  papular urticaria, Lyme disease), a solar lentigo or a seborrheic keratosis to the lichenoid keratosis it regresses
  into (`EARLIER_STAGES`: only when stated at least as firmly), a cold sore to the herpes simplex the text names as its
  verdict; every finding that gives way goes.
- round 57: mouth ulcers, skin tags, a callus and the "patchy hair loss" read as alopecia areata give way to the disease
  that makes them (`GIVES_WAY_TO`: pemphigus vulgaris, acanthosis nigricans, a neuropathic ulcer, tinea capitis), a
  compound or junctional naevus to the dysplastic naevus a report grades it as; a
  generic name (`Match.weak`: "skin cancer", "a mole") that is all the text asserts gives no label where the text
  weighs two or more of its kinds as open alternatives (`_kinds_weighed`).
Concepts are listed in the order the text names them (negated ones left out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from derm1m_build.ontology import Ontology
from derm1m_build.schema import NO_CONCEPTS
from derm1m_build.tagger.normalise import normalise_name

if TYPE_CHECKING:
    from derm1m_build.tagger.core import Match, TagResult

ONTOLOGY_TEMPLATE = "This is a skin photo diagnosed as {path}."
CONCEPT_TEMPLATE = "This skin photo shows {concepts}."


SYMPTOMS = frozenset({"pruritus"})
# uremic pruritus is a diagnosis of its own, but an itch: it gives the label only when nothing else is named
# round 8: solar elastosis under an actinic keratosis, varicose veins under stasis dermatitis
BACKGROUND = frozenset({"sun-damaged-skin", "actinic-damage", "telangiectases", "uremic-pruritus", "solar-elastosis",
                        "varicose-veins",
                        # round 17: signs of another disease named beside it ("sclerodactyly and Raynaud's ... limited
                        # systemic sclerosis", "spider angiomas and jaundice ... the reason for referral is ...",
                        # "hypertrichosis on the cheeks ... porphyria cutanea tarda")
                        "raynaud-phenomenon", "jaundice", "spider-angioma", "hypertrichosis",
                        # round 34: a named sign of the diagnosis beside it ("axillary freckling ... neurofibromatosis")
                        "crowes-sign"})

# round 33: the skin a lesion sits on, never a diagnosis the text gives beside another name
SKIN_GROUND = frozenset({"sun-damaged-skin", "actinic-damage", "solar-elastosis", "telangiectases", "varicose-veins"})
# round 54: the skin's own sun-damaged states among them (varicose veins are a disease of the veins beneath)
SUN_SKIN = SKIN_GROUND - {"varicose-veins"}

# Signs and reaction patterns that describe another diagnosis named in the same text ("livedo ... in
# antiphospholipid syndrome", "a bruise-like patch ... angiosarcoma", "tense blisters on an urticarial base
# ... bullous pemphigoid", "punched-out ulcers ... polyarteritis nodosa"): there they are the lesion's form,
# not a second condition (the tagger drops them; their concept, where the text names one, stays). Alone,
# they are the diagnosis. (Round 6, from the fourth set's errors; the annotation rule of sets 3 and 4.)
# Round 8: purpura and petechiae too ("palpable purpura on both shins ... leukocytoclastic vasculitis"; round 5
# had kept purpura a condition beside its cause, but sets 3-6 annotate it as the purpura concept only), and
# hyper- / hypopigmentation stated of another diagnosis's lesion ("symmetrical hyperpigmentation of the
# cheeks, melasma") -- those two only when asserted (a possible adverse effect stays: "a risk of permanent
# hypopigmentation").
SIGNS = frozenset({"livedo-reticularis", "ecchymosis", "skin-ulcer", "desquamation", "telangiectases", "milia",
                   "purpura", "petechiae", "hyperpigmentation", "hypopigmentation"})
SIGNS_WHEN_ASSERTED = frozenset({"hyperpigmentation", "hypopigmentation"})
# a condition named only by its adjective describes the other one's lesions ("urticarial papules")
SIGN_ADJECTIVES = {"urticaria": "urticarial"}
# round 46: a lesion that is a syndrome's defining sign, and the syndromes it signs ("seven cafe-au-lait macules ...
# genetic testing confirmed neurofibromatosis type 1": the syndrome is the diagnosis)
# Round 53: mouth ulcers beside lupus erythematosus or Behcet disease ("Photosensitive rash, mouth ulcers and scarring
# plaques in both ears: she has lupus erythematosus"): oral ulcers are one of lupus's classification criteria and the
# defining sign of Behcet disease, so there they are how the disease shows, not a second diagnosis (set 35).
_LUPUS = frozenset({"lupus-erythematosus", "sle", "scle", "acle", "dle", "drug-induced-lupus", "neonatal-lupus"})
SYNDROME_SIGNS: dict[str, frozenset[str]] = {
    "cafe-au-lait-macule": frozenset({"neurofibromatosis"}),
    "neurofibroma": frozenset({"neurofibromatosis"}),
    "aphthous-ulcer": _LUPUS | {"behcet-disease"},
    # round 53: the malar ("butterfly") rash, the vocabulary's name for acute cutaneous lupus, beside a lupus the text
    # diagnoses ("The malar rash and the photosensitive scaly plaques ... point to lupus erythematosus", "the red
    # cheeks are a malar rash of systemic lupus"): the lupus is the diagnosis, the rash its best-known sign (sets 4, 6,
    # 19, 25, 29, 36 and 38 label the lupus in 8 texts; set 7 labels the rash in 1). The rash alone, or beside a lupus
    # named only as history ("a woman with SLE developed a malar rash"), keeps the label.
    "acle": _LUPUS - {"acle"},
    # round 53: photosensitivity (the vocabulary's photodermatosis) is a lupus criterion too ("Malar rash ...,
    # photosensitivity and oral ulcers: cutaneous lupus erythematosus"; sets 19, 21, 36)
    "photodermatoses": _LUPUS,
}
_NO_SIGNS: frozenset[str] = frozenset()
# Round 54: what a past wound or lesion leaves behind ("scars and remnant marks" after acne, "small scars" of a porphyria,
# "an atrophic scar after cryotherapy for an actinic keratosis", "a buzzing sensation adjacent to the scar [of a gunshot
# wound] ... dilated varicose veins"). Beside another condition the scar is the residue, the other the diagnosis: sets
# 1-38 and gold name the generic scar beside another candidate in 17 texts: 16 annotate the other condition, none the
# scar (the 17th, a figure caption, annotates no label); before this rule the scar took set 35's varicose veins.
# Only the generic node: a keloid or a hypertrophic scar is a diagnosis of its own and refines the scar anyway.
# It gives way before the background filter ("a buzzing sensation adjacent to the scar ... dilated varicose veins":
# varicose veins are a disease of the veins, not the scar's ground), but not to the sun-damaged skin a scar may sit on
# ("a flat white scar with sun-damaged skin all around it": the skin is the ground, the scar the lesion, round 33).
SEQUELS = frozenset({"cutaneous-scar"})
# round 48: a precursor lesion and the carcinoma in situ it leads to, both asserted and the only diagnoses named ("AKs on
# scalp treated with LN2; SCCIS on the left forearm for Mohs", "Path: AK with focal SCCIS", "AK on the scalp and a
# separate SCCIS on the ear"): the carcinoma in situ is the case's diagnosis, the one excised or sent for Mohs; the
# actinic keratoses (and their subtypes) are the sun-damaged field it arose in (sets 5, 15, 26 and 28 label the SCCIS).
# Beside an invasive carcinoma, a keratoacanthoma or a second tumour the choice is left as it was (set 2's "AK x4 ...,
# 1 SCC forearm referred" labels the AK; research prose lists them as co-equal subjects).
PRECURSORS: dict[str, str] = {"actinic-keratosis": "bowens-disease"}
# round 48: a named clinical form of a disease that the tree keeps beside it, not under it: a kerion is tinea capitis's
# inflammatory form ("Tinea, capitis, with kerion", "Tinea capitis, kerion type", "it's a tinea capitis with a strong
# inflammatory response": sets 5, 8, 10, 16, 23 and 24 label the kerion). Both candidates: the form is the label, as a
# subtype beats its parent.
# Round 53: the same for an infection and the eczema it sits on or is ringed by: eczema herpeticum is herpes simplex
# spread over eczematous skin ("punched-out erosions over lichenified eczema ... of a child with flexural atopic
# dermatitis ... Eczema herpeticum"), and the eczematous halo round molluscum papules is molluscum dermatitis
# ("dome-shaped umbilicated papules, several ringed by eczema; diagnosis molluscum contagiosum"): the eczema is the
# ground, the infection the lesion diagnosed (sets 1-38 label the infection in 32 texts where the tagger finds both;
# the 17 that label the eczema deny, ask or only fear the infection, or name it as past. A hedged "?EH" beside an AD
# named as current stays with the AD, round 46, as a hedged form always does).
_ECZEMAS = frozenset({"eczema", "atopic-dermatitis"})
FORM_OF: dict[str, frozenset[str]] = {"kerion": frozenset({"tinea-capitis"}),
                                      "eczema-herpeticum": _ECZEMAS, "molluscum-contagiosum": _ECZEMAS}
# Round 53: a finding that is how a named disease shows, not a second diagnosis, gives way to that disease when both are
# candidates (asserted or a physician's hedge: the finding's own certainty is the report's, the disease is what it
# supports). Each entry: the finding -> (the diseases it gives way to, the groups whose members it gives way to).
# - A histological pattern (ANNOTATION.md, round 32: "leukocytoclastic" names the biopsy's pattern, not the clinical
#   disease): "Skin biopsy: leukocytoclastic vasculitis with IgA deposits (IgA vasculitis)", "... led to a diagnosis of
#   cryoglobulinaemic vasculitis", "IgA deposits ... support IgA vasculitis" (sets 7, 8, 25, 37 label the vasculitis
#   in all 4 texts where the tagger finds both; 3 more deny or only ask the IgA vasculitis and label the pattern);
#   "septal panniculitis ..., appearances fitting erythema nodosum" (sets 15-24, 34, 36, 38 label the disease in 12
#   texts; 2 with erythema nodosum left open label the panniculitis). The group itself ("cutaneous vasculitis ... the
#   biopsy showed leukocytoclastic vasculitis") is no disease of it: the pattern stays the label (sets 6, 17), as it
#   does beside a disease outside the group ("LCV in a woman with SLE").
# - Angioedema, the deep swelling that comes with urticaria (the tree files it under urticaria, but it is no kind of
#   it): "Urticaria and angioedema", "Acute urticaria without angioedema" label the urticaria (14 texts of sets 1-37
#   where the tagger finds both); alone, or beside a denied urticaria ("it was hives but the allergy clinic says it's
#   angioedema only", 4 texts), it keeps the label.
# - A herpes infection beside the disease it causes or sets off: eczema herpeticum is herpes simplex spread over eczema
#   ("in keeping with eczema herpeticum; swabs were sent for HSV PCR", "the swab grew herpes so it's eczema
#   herpeticum"), erythema multiforme the reaction after a cold sore ("consistent with erythema multiforme, probably
#   triggered by the cold sore she had last week", "most probably erythema multiforme minor following herpes
#   labialis"): the infection is the cause, the disease the label (sets 1-38 label the disease in all 32 texts where
#   the tagger finds both and the text commits to one; none labels the infection).
# - A morbilliform drug rash beside DRESS, the syndrome it is the rash of (with fever, eosinophilia, an organ's
#   involvement): "morbilliform eruption ..., eosinophils 2.1 and ALT 310 - we have diagnosed DRESS" (sets 8, 29 label
#   DRESS; beside a DRESS excluded, "DRESS excluded, MDE only", the rash keeps the label: sets 16, 22, 38).
_HERPES_DISEASES = frozenset({"eczema-herpeticum", "erythema-multiforme"})
# Round 55, from set 39's written part (each checked on every tuning set's labels, round 55's RESULTS section):
# - Erythroderma is a state of the skin (red and scaling over nearly all of it), not a diagnosis when the text names
#   what brought it on: eczema, psoriasis, pityriasis rubra pilaris (the non-infectious inflammatory group), a drug
#   reaction, a cutaneous lymphoma, an ichthyosis (the genetic group), pemphigus foliaceus (the bullous group), crusted
#   scabies ("Erythroderma due to DRESS is favoured over a psoriatic erythroderma"). It gives way to one of those,
#   asserted or a physician's hedge (as a finding always does here); beside an infection it did not come from (an
#   impetigo, a cellulitis), a finding or alone it keeps the label. Sets 1-39 name it beside another candidate in 3
#   texts: set 39 labels DRESS, sets 15 and 17 the disease it is a form of (already chosen: "Erythrodermic Lichen
#   Planus", Netherton syndrome).
_ERYTHRODERMA_CAUSES = frozenset({"non-infectious", "drug-reactions", "cutaneous-lymphoma", "genetic", "bullous"})
# - A bite or a sting is the event; the disease that followed it is what the picture shows: a dermatofibroma where "she
#   remembers an insect bite", papular urticaria "from flea bites", Lyme disease "after the tick bite", urticaria, a
#   cellulitis (the inflammatory group, and the dermatofibroma; not another growth: "a mosquito bite beside a mole" or
#   "a tick bite next to a skin tag" is about the bite). Sets 1-39 name a bite beside one of those in 9 texts: 8 label
#   the disease (7 did already, the bite named second), a dictionary's definition of a wheal ("such as is produced by a
#   mosquito bite, or in urticaria") labels nothing; none labels the bite. Another injury or bite (the exogenous group:
#   "animal bite; laceration" in a catalogue list) is no disease it set off: that choice is left.
_BITES = ("bites-and-stings", "insect-bite", "mosquito-bite", "bed-bug-bites", "flea-bites", "tick-bite", "spider-bite",
          "bee-sting", "jellyfish-sting", "animal-bite")
_AFTER_BITES = frozenset({"inflammatory"})
# - A lichenoid keratosis (LPLK) is the inflamed, regressing stage of a solar lentigo or a seborrheic keratosis: a
#   biopsy that finds the lentigo "at one edge" and concludes "lichenoid keratosis" diagnoses the keratosis (set 39;
#   sets 1-38 name the pair in no text where both are candidates). As a form beside its disease (`FORM_OF`), the later
#   stage must be stated at least as firmly: "Solar lentigo, ?LPLK" keeps the lentigo, as "SK ?ISK" keeps the SK.
EARLIER_STAGES = frozenset({"solar-lentigo", "seborrheic-keratosis"})
# - Herpes labialis (the cold sore) beside herpes simplex named as such: the text names the infection as its verdict,
#   the cold sore being the lay word, an earlier episode or a place the lesion is not ("i keep getting cold sores ... GP
#   says herpes simplex again", "grouped vesicles around a cold sore suggest ongoing herpes simplex", "call it a cold
#   sore but ... it's on the buttock ... recurrent herpes simplex"): the two are siblings in the tree, so the first
#   named took it; sets 8, 9, 14 and 39 label herpes simplex in all 4 texts where both are candidates (set 14's, a
#   dictionary's definition that also names genital herpes, now takes that refinement of it: wrong before and after).
# Round 57, from sets 40 and 41's written parts (each checked on every tuning set's labels, round 57's RESULTS section):
# a lesion that a description names on the way to the diagnosis, where the named disease is what makes it:
# - mouth ulcers (the vocabulary's aphthous ulcer) beside a disease that erodes the mouth: pemphigus vulgaris and its
#   kin, mucous membrane pemphigoid, SJS / TEN, erythema multiforme, hand, foot and mouth disease, oral lichen planus
#   ("painful mouth ulcers for a month (B, the palate). Nikolsky sign positive. Pemphigus vulgaris, confirmed on
#   biopsy": set 41); lupus and Behcet disease already take them as their signs (`SYNDROME_SIGNS`). Sets 1-41 name mouth
#   ulcers beside another candidate in 5 texts: this one, two dictionary entries for thrush and aphthae, a glossary list
#   and an abstract's "RAS" (none beside these diseases, so none changes);
# - skin tags beside acanthosis nigricans, whose velvety plaques they stud (both signs of insulin resistance: "close-up
#   with skin tags. Acanthosis nigricans; the tags were left", set 41; the one other text with a skin tag beside a
#   candidate is a catalogue list without it);
# - the callus round a neuropathic or pressure ulcer, or over a plantar wart that paring it shows ("painless ulcer ...
#   with surrounding callus. Neuropathic diabetic foot ulcer", set 41); not a corn (the catalogue's "CORN/CALLOSITY"
#   lists two siblings, sets 13 and 19 label the corn, named first);
# - the "patchy hair loss" the vocabulary reads as alopecia areata, beside a scalp disease that makes hair fall in
#   patches: tinea capitis and its kerion, lupus of the scalp, lichen planopilaris ("patchy hair loss with black dots
#   ...; that's tinea capitis until proven otherwise", set 29; "patchy hair loss and a boggy swelling. tinea capitis
#   with a kerion", set 40; set 21's "Lupus erythematosus of the scalp with patchy hair loss" and set 7's "scalp
#   ringworm ... patchy hair loss" label the disease, named first). Sets 1-41 name alopecia areata beside another
#   candidate in 6 texts; the other two are abstracts on JAK inhibitors for vitiligo and alopecia areata (untouched);
# - a compound or junctional naevus (the naevus's architecture) beside the dysplastic naevus a report grades it as: "a
#   compound melanocytic naevus with architectural disorder and mild cytological atypia (dysplastic naevus, low
#   grade)", "compound naevus with mild architectural disorder, favour dysplastic naevus" (sets 15 and 24 label the
#   dysplastic naevus in both texts where the two are candidates; two lesions of a clinic list, "2 x SK, 1 x DN", name
#   no compound naevus).
_MOUTH_EROSIONS = frozenset({"pemphigus", "pemphigus-vulgaris", "paraneoplastic-pemphigus", "mucous-membrane-pemphigoid",
                             "stevens-johnson", "toxic-epidermal-necrolysis", "erythema-multiforme",
                             "hand-foot-mouth-disease", "oral-lichen-planus", "lichen-planus"})
_PATCHY_HAIR_LOSS = frozenset({"tinea-capitis", "kerion", "lichen-planopilaris"}) | _LUPUS
# Round 58, from sets 42 and 43's written parts: nail signs named on the way to the nail disease that makes them, and the
# indurated skin round the ulcer it rings:
# - onycholysis beside onychomycosis or nail psoriasis ("distal onycholysis with yellow discolouration, onychomycosis
#   confirmed by culture", set 42; "pitting, oil-drop spots and onycholysis on several nails ...: nail psoriasis", set 43):
#   the nail lifts in both; the disease is the diagnosis;
# - melanonychia beside the melanocytic lesion of the matrix that pigments the band ("a benign melanonychia from a
#   junctional naevus", set 42): the band is the sign, the naevus (or the melanoma) its cause;
# - lipodermatosclerosis beside the venous leg ulcer it surrounds ("shallow ulcer above the medial malleolus with
#   haemosiderin staining and lipodermatosclerosis; ABPI 1.0, so a venous leg ulcer", set 43): the ulcer is the lesion
#   the text diagnoses, the sclerosis the skin of venous disease it sits in, as varicose veins are (`BACKGROUND`).
_NAIL_LIFTERS = frozenset({"onychomycosis", "nail-psoriasis"})
_PIGMENTED_MATRIX = frozenset({"junctional-nevus", "melanocytic-nevus", "compound-nevus", "subungual-melanoma",
                               "acral-lentiginous-melanoma"})
GIVES_WAY_TO: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "leukocytoclastic-vasculitis": (frozenset(), frozenset({"vasculitis"})),
    "panniculitis": (frozenset({"erythema-nodosum", "cold-panniculitis", "lupus-panniculitis"}), frozenset()),
    "angioedema": (frozenset({"urticaria"}), frozenset({"urticaria"})),
    "herpes-simplex": (_HERPES_DISEASES, frozenset()),
    # (round 55: the cold sore gives way to the herpes simplex named beside it as well, below)
    "herpes-labialis": (_HERPES_DISEASES | {"herpes-simplex"}, frozenset()),
    "morbilliform-drug-eruption": (frozenset({"dress"}), frozenset()),
    # round 55 (below): erythroderma to its cause, a bite or sting to what it set off, a solar lentigo to the lichenoid
    # keratosis it regresses into, a cold sore to the herpes simplex the text names as its verdict
    "erythroderma": (frozenset({"crusted-scabies"}), _ERYTHRODERMA_CAUSES),
    **{bite: (frozenset({"dermatofibroma"}), _AFTER_BITES) for bite in _BITES},
    "solar-lentigo": (frozenset({"lichenoid-keratosis"}), frozenset()),
    "seborrheic-keratosis": (frozenset({"lichenoid-keratosis"}), frozenset()),
    # round 57 (above): mouth ulcers, skin tags, a callus and patchy hair loss to the disease that makes them
    "aphthous-ulcer": (_MOUTH_EROSIONS, frozenset()),
    "skin-tag": (frozenset({"acanthosis-nigricans"}), frozenset()),
    "callus": (frozenset({"diabetic-foot-ulcer", "pressure-ulcer", "skin-ulcer", "plantar-wart"}), frozenset()),
    "alopecia-areata": (_PATCHY_HAIR_LOSS, frozenset()),
    "compound-nevus": (frozenset({"dysplastic-nevus"}), frozenset()),
    "junctional-nevus": (frozenset({"dysplastic-nevus"}), frozenset()),
    # round 58 (above): a nail sign to the nail disease that makes it, the sclerosis round an ulcer to the ulcer
    "onycholysis": (_NAIL_LIFTERS, frozenset()),
    "melanonychia": (_PIGMENTED_MATRIX, frozenset()),
    "lipodermatosclerosis": (frozenset({"venous-leg-ulcer"}), frozenset()),
}

_NAMES: dict[tuple[int, str], tuple[str, ...]] = {}


def _names(ontology: Ontology, nid: str) -> tuple[str, ...]:
    key = (id(ontology), nid)
    got = _NAMES.get(key)
    if got is None:
        node = ontology.conditions[nid]
        # a "... NOS" name is the unspecified form, the broadest there is: "ringworm NOS" (dermatophytosis) holds
        # "ringworm" (tinea corporis) but is no kind of it
        got = tuple(n for n in (f" {normalise_name(a)} " for a in (node.name, *node.synonyms))
                    if not n.endswith(" nos "))
        if len(_NAMES) > 100_000:
            _NAMES.clear()
        _NAMES[key] = got
    return got


_REFINES: dict[tuple[int, str, str], bool] = {}


def refines(ontology: Ontology, a: str, b: str) -> bool:
    """Whether node `a` is a more specific diagnosis than node `b`: a descendant, or a name of `a`
    contains a name of `b` as whole words ("melanoma in situ" / "melanoma"). Cached per pair: the label
    choice asks for the same few pairs millions of times."""
    if a == b:
        return False
    key = (id(ontology), a, b)
    got = _REFINES.get(key)
    if got is None:
        pa = ontology.path_ids(a)  # (read once: speed, round 39)
        if b in pa[:-1]:
            got = True
        else:
            # a benign node's name holding a malignant one's refines nothing: "juvenile melanoma" (an old name
            # of the Spitz nevus) is no kind of melanoma
            na, nb = _names(ontology, a), _names(ontology, b)
            # nor does a name that holds the other after "non" ("non-melanoma skin cancer" / "melanoma")
            got = set(pa[:2]) ^ set(ontology.path_ids(b)[:2]) != {"benign", "malignant"} and _holds_name(na, nb)
        if len(_REFINES) > 200_000:
            _REFINES.clear()
        _REFINES[key] = got
    return got


def _holds_name(na: tuple[str, ...], nb: tuple[str, ...]) -> bool:
    """Whether a name of `na` holds a name of `nb` as whole words, is not that name, and holds it not after "non":
    `any(y in x and x != y and " non" + y not in x for x in na for y in nb)`, the answer `refines` reads. Speed (round
    39): `refines` is asked new pairs all along (~7,000 in 60,000 captions, ~8 names a node, so ~64 pairs of names
    each); a name of `nb` that no name of `na` holds is ruled out by one search of `na`'s names joined, so the pairs
    are tried only for the few names one of them holds (a name held by one of `na` is found in the joined string; one
    found there across a joint is tried and fails, so the answer is the same)."""
    joined = "\0".join(na)
    for y in nb:
        if y in joined:
            for x in na:
                if y in x and x != y and " non" + y not in x:
                    return True
    return False


def disease_choice(result: "TagResult", ontology: Ontology) -> "Match | None":
    """The condition match that gives `disease_label`, or None (see the module docstring)."""
    cands = [m for m in result.conditions
             if not m.negated and not m.historical and (not m.uncertain or m.hedged) and m.id not in SYMPTOMS
             and m.id in ontology.conditions]
    if not cands:
        return None
    if cands[0].weak and all(m.weak for m in cands) and _kinds_weighed(result, cands, ontology):
        return None
    if len(cands) > 1 and any(m.id in SEQUELS for m in cands):
        # round 54: the scar gives way before the background filter, to anything but the sun-damaged skin it may sit on
        # (see `SEQUELS`)
        if any(m.id not in SEQUELS and m.id not in SUN_SKIN for m in cands):
            cands = [m for m in cands if m.id not in SEQUELS]
    if len(cands) > 1:
        # (a ground that refines every other diagnosis named stays: "Gottron papules ... in a girl with juvenile
        # dermatomyositis")
        # (round 46: the syndrome a sign beside it signs stays, even named as the ground: "cafe-au-lait macules in a boy
        # with neurofibromatosis"; then the sign gives way to it)
        signed = _NO_SIGNS
        for m in cands:
            if m.id in SYNDROME_SIGNS:
                signed = signed | SYNDROME_SIGNS[m.id]
        main = [m for m in cands if m.id not in BACKGROUND and not (m.ground and m.id not in signed and any(
            not o.ground and o is not m and not refines(ontology, m.id, o.id) for o in cands))]
        cands = main or cands
        if signed:
            ids = {m.id for m in cands}
            cands = [m for m in cands if ids.isdisjoint(SYNDROME_SIGNS.get(m.id, ()))] or cands
        if len(cands) > 1:
            cands = _in_situ_over_precursor(cands, ontology)
        if len(cands) > 1:
            # (stated at least as firmly: a hedged form does not displace the asserted disease)
            forms = [m for m in cands if m.id in FORM_OF]
            if forms:
                cands = [d for d in cands if not any(d.id in FORM_OF[m.id] and m.uncertain <= d.uncertain
                                                     for m in forms)] or cands
        if len(cands) > 1:
            cands = _disease_over_finding(cands, ontology)
    if all(m.id in SKIN_GROUND for m in cands) and any(
            not m.negated and m.id not in BACKGROUND and m.id not in SYMPTOMS and m.id not in SEQUELS
            for m in result.conditions):
        # round 33: the skin a lesion sits on is the label only when nothing else is named: beside a referrer's concern
        # ("please exclude lentigo maligna ... background of marked sun damage") the text gives no diagnosis (a
        # disease's sign, "Raynaud's" beside "scleroderma-like", is still one)
        return None
    if len(cands) > 1:
        # round 16: the last diagnosis, named as the conclusion ("yellow discoloration and onycholysis, in keeping
        # with onychomycosis"), is the label unless another refines it
        # (before the differential check: a conclusion drawn is no list of alternatives)
        last = max(cands, key=lambda m: m.span[0])
        if last.concluded and not last.weak:
            cands = [m for m in cands if m is last or refines(ontology, m.id, last.id)]
    if len(cands) > 1 and all(m.uncertain for m in cands):
        # only hedged alternatives ("could be a wart, could be a corn", "points to X or Y"): no diagnosis
        top = {m.id for m in cands if not any(_one_alternative(ontology, o.id, m.id) for o in cands)}
        if len(top) > 1:
            return None
    if len(cands) > 1:
        # (a generic word that is an entry of its own in a list stays: "BOIL/CARBUNCLE", round 31)
        named = [m for m in cands if not m.weak or not any(not o.weak and not _coequal(m, o) for o in cands)]
        cands = named or cands
    if len(cands) > 1:
        # round 31: co-equal list entries refine each other only through the tree (a group named beside its member
        # loses: "eczema, infantile eczema"), not through their names ("shingles, herpes zoster ophthalmicus",
        # "burn/scald, external chemical burn": the first-named entry is the label)
        cands = [m for m in cands if not any(refines(ontology, o.id, m.id) and (
            not _coequal(m, o) or m.id in ontology.path_ids(o.id)[:-1]) for o in cands)] or cands
    if len(cands) > 1:
        # round 27: a name that modifies the next one, one space or hyphen before it ("Erythrodermic lichen planus",
        # "post-burn keloids", "eczematous nail dystrophy"): the head noun is what the text is about. An infection
        # before its lesion names the kind ("herpes simplex dermatitis", "candida intertrigo") and two siblings side
        # by side are a pair ("mycosis fungoides/Sezary syndrome"): those stay as they were
        cands = [m for m in cands if not any(0 <= o.span[0] - m.span[1] <= 1 and not _coequal(m, o)
                                             and _modifies(ontology, m.id, o.id) for o in cands if o is not m)] or cands
    return min(cands, key=lambda m: (m.uncertain, m.span[0], m.id))


def _kinds_weighed(result: "TagResult", cands: list, ontology: Ontology) -> bool:
    """Round 57: whether the text weighs two or more kinds of the generic name(s) that are all it asserts, as open
    alternatives ("Skin cancer clinic: ... Differential: superficial BCC versus Bowen's disease": the generic "skin
    cancer" is the same lesion the differential is about, and the differential is still open, so the text gives no
    diagnosis; set 40). One kind hedged beside it is left as it was (the generic word keeps the label)."""
    kinds = {m.id for m in result.conditions if m.uncertain and not m.negated
             and any(c.id in ontology.path_ids(m.id)[:-1] for c in cands)}
    return len(kinds) > 1


def gives_way(finding: str, other: str, path_ids) -> bool:
    """Whether `finding` is how `other` shows (`GIVES_WAY_TO`: `other` one of its diseases, or in one of its groups;
    `path_ids`: the ontology's ids on a node's path, itself last). Both are real where a text names both: the rules
    that read a restatement ("this erythroderma is DRESS") keep the finding, the label takes the disease."""
    entry = GIVES_WAY_TO.get(finding)
    if entry is None:
        return False
    diseases, groups = entry
    return other in diseases or not groups.isdisjoint(path_ids(other)[:-1])


def _disease_over_finding(cands: list, ontology: Ontology) -> list:
    """Round 53 (`GIVES_WAY_TO`): a finding that is how a named disease shows gives way to that disease."""
    ids = {m.id for m in cands}
    gone = set()
    for finding in ids.intersection(GIVES_WAY_TO):
        diseases, groups = GIVES_WAY_TO[finding]
        # (round 55: an earlier stage of the same lesion gives way only to a later stage stated at least as firmly)
        firm = finding in EARLIER_STAGES and all(m.asserted for m in cands if m.id == finding)
        if any(m.id != finding and not (firm and m.uncertain) and gives_way(finding, m.id, ontology.path_ids)
               for m in cands):
            gone.add(finding)
    # (every finding that gives way goes, read against the same candidates: a cold sore and the herpes simplex beside
    # an erythema multiforme both give way to it; no entry gives way to a finding that gives way back, so one remains)
    return [m for m in cands if m.id not in gone] or cands


def _in_situ_over_precursor(cands: list, ontology: Ontology) -> list:
    """Round 48 (`PRECURSORS`): the asserted carcinoma in situ, when every other candidate is its precursor's family."""
    for pre, situ in PRECURSORS.items():
        top = [m for m in cands if m.id == situ and m.asserted]
        if top and all(m.id == situ or pre in ontology.path_ids(m.id) for m in cands):
            return top
    return cands


def _one_alternative(ontology: Ontology, a: str, b: str) -> bool:
    """Whether hedged `a` restates hedged `b` more specifically, so that the two are one alternative, not a differential
    (round 46): `a` under `b` in the tree, or `a`'s own name holding `b`'s ("nodular basal cell carcinoma" / "basal cell
    carcinoma"). A synonym that holds the other's name does not count: "keratoacanthoma-type squamous cell carcinoma"
    makes a keratoacanthoma no restatement of "?SCC" in "?SCC, ?keratoacanthoma"."""
    if a == b:
        return False
    if b in ontology.path_ids(a)[:-1]:
        return True
    na, nb = ontology.conditions[a].name, ontology.conditions[b].name
    return refines(ontology, a, b) and _holds_name((f" {normalise_name(na)} ",), (f" {normalise_name(nb)} ",))


def _coequal(m: "Match", o: "Match") -> bool:
    """Whether two names stand in different entries of one catalogue list (`Match.item`, set by the tagger)."""
    return bool(m.item and o.item and m.item != o.item)


def _modifies(ontology: Ontology, a: str, b: str) -> bool:
    """Whether name `a`, just before name `b`, is read as its modifier: not an infection, not `b`'s sibling."""
    pa, pb = ontology.path_ids(a), ontology.path_ids(b)
    return "infectious" not in pa and pa[:-1] != pb[:-1]


# speed (round 38): the label columns of a result that names nothing (~40 % of the million benchmark's captions), per
# ontology, as `labels_for` itself wrote them the first time; every such call gets a fresh copy
_NOTHING_NAMED: dict[int, dict[str, str]] = {}


def labels_for(result: "TagResult", ontology: Ontology) -> dict[str, str]:
    empty = not result.conditions and not result.concepts
    if empty and id(ontology) in _NOTHING_NAMED:
        return dict(_NOTHING_NAMED[id(ontology)])
    best = disease_choice(result, ontology)
    concepts = [m for m in result.concepts if not m.negated]
    if best is not None:
        disease = best.name
        hier = ", ".join(best.path)
        ont_caption = ONTOLOGY_TEMPLATE.format(path=hier)
    else:
        disease, hier, ont_caption = "", "", ""
    names = list(dict.fromkeys(m.name for m in sorted(concepts, key=lambda m: m.span[0])))
    out = {
        "disease_label": disease,
        "hierarchical_disease_label": hier,
        "skin_concept": ", ".join(names),
        "ontology_caption": ont_caption,
        "concept_caption": CONCEPT_TEMPLATE.format(concepts=", ".join(names)) if names else NO_CONCEPTS,
    }
    if empty:
        if len(_NOTHING_NAMED) >= 64:  # (a test session builds many ontologies)
            _NOTHING_NAMED.clear()
        _NOTHING_NAMED[id(ontology)] = dict(out)
    return out

"""Vocabulary of round 42: guideline and knowledge-base names, burn-care nouns, organ false friends, border and
surface forms.

- Names: "mycotic infection(s)" (fungal infections); "Fournier('s) gangrene" (necrotizing fasciitis of the perineum);
  "dermatitis-arthritis syndrome" (disseminated gonococcal infection, the order the older name "arthritis-dermatitis
  syndrome" already had); "hypersensitivity syndrome" and "anticonvulsant hypersensitivity syndrome" (DRESS, as "drug
  hypersensitivity syndrome" already was); "meningococcal disease" (meningococcaemia, the ontology's one meningococcal
  node).
- A burn guide's nouns: "burn depth / size / severity / assessment / care", "cool the burn", "burns involving /
  requiring / covering": the thermal burn, where "burn" alone needs a burn's context word (the verb "it burns" stays
  nothing); "dressing(s)", "eschar", "grafting" and "TBSA" join those context words.
- False friends: an inner organ's or space's abscess ("paravalvular", "perinephric", "psoas", "dental", in the plural
  too: "perinephric abscesses"); lupus named for its organ disease ("lupus nephritis"); "non-pitting oedema" (no pitting,
  stasis oedema); an inner organ's necrosis ("pancreatic necrosis") and a throat's or gut's redness ("laryngeal
  erythema").
- Concepts: "(sharply / clearly) defined margins" (Well-demarcated); "brawny" skin, oedema, thickening (Induration);
  "purple-edged", "violaceous-edged" (Purple); "bronze(d) skin" (Brown(Hyperpigmentation)); "silvery plaques" (Scale
  and Plaque); "oral", "genital", "mouth" as the Ulcer concept's context words ("recurrent oral ulcers"); "periorbital"
  alone is one site, no Periorificial pattern (ANNOTATION.md's distribution rule); "popliteal fossae", "popliteal and
  antecubital" (Flexural: both knees' flexures, or the knees' and the elbows').
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def _status(m) -> str:
    return N if m.negated else U if m.uncertain else A


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    ("She has a mycotic infection of both groin folds.", {"fungal": A}),
    ("Fournier's gangrene of the scrotum in a diabetic man, taken to theatre for debridement.",
     {"necrotizing-fasciitis": A}),
    ("Fever, migratory joint pains and a few haemorrhagic pustules on the fingers: a dermatitis-arthritis syndrome, "
     "so swab for gonorrhoea.", {"disseminated-gonococcal-infection": A}),
    ("Fever, facial swelling and a widespread rash three weeks after starting carbamazepine: anticonvulsant "
     "hypersensitivity syndrome.", {"dress": A}),
    ("A toddler with fever and a non-blanching rash, treated as meningococcal disease in the emergency room.",
     {"meningococcemia": A}),
    # a burn guide's nouns
    ("Burn depth is judged by capillary refill and sensation.", {"thermal-burn": A}),
    ("Cool the burn under running water for twenty minutes.", {"thermal-burn": A}),
    ("Burns requiring admission are discussed each morning.", {"thermal-burn": A}),
    # guard: the verb
    ("It burns when I wash my face.", {}),
    # false friends: an organ's abscess, lupus's kidney, an oedema that does not pit
    ("Transoesophageal echo showed a paravalvular abscess.", {}),
    ("CT found bilateral psoas abscesses.", {}),
    ("Perinephric abscesses on the scan.", {}),
    # guard: the skin's neighbour keeps its abscess
    ("A perianal abscess was drained in theatre.", {"abscess": A}),
    ("Her lupus nephritis is in remission on mycophenolate.", {}),
    # guard: the skin's lupus
    ("Discoid lupus on the scalp with scarring.", {"dle": A}),
    ("Non-pitting oedema of both shins with waxy plaques.", {}),
    # guard: pitting oedema stays stasis oedema
    ("Pitting oedema of both ankles by evening.", {"stasis-edema": A}),
    # guard: a new false friend's word is a fuzzy target too; a typo of "atopic" stays atopic
    ("Flexural aotpic dermatitis in a toddler.", {"atopic-dermatitis": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Fournier's gangrene of the scrotum in a diabetic man, taken to theatre for debridement.", {}),
    ("A pink plaque with defined margins on the elbow.", {"pink": A, "plaque": A, "well-demarcated": A}),
    # guard: the longer ill-defined key keeps its margins
    ("A scaly plaque with ill-defined margins on the cheek.", {"scale": A, "plaque": A, "ill-defined": A}),
    ("The lower legs are brawny and thickened.", {"induration": A}),
    ("A purple-edged ulcer over the shin.", {"purple": A, "ulcer": A}),
    ("Bronzed skin in a man with diabetes and a raised ferritin.", {"brown-hyperpigmentation": A}),
    ("Silvery plaques on the knees and the scalp.", {"plaque": A, "scale": A}),
    # (round 51: the mouth's ulcers written "oral" are Mucosal involvement too)
    ("Painful oral ulcers every few weeks.", {"ulcer": A, "mucosal-involvement": A}),
    ("Recurrent genital ulcers and uveitis.", {"ulcer": A}),
    # guard: the stomach's ulcer
    ("Peptic ulcer disease treated with omeprazole.", {}),
    ("CT showed pancreatic necrosis.", {}),
    # guard: the skin's necrosis
    ("Skin necrosis at the injection site after warfarin.", {"necrosis": A}),
    ("Laryngeal erythema and a hoarse voice on examination.", {}),
    # guard: the skin's erythema
    ("Erythema of both cheeks after the sun.", {"erythema": A}),
    # "periorbital" alone is one site, no periorificial pattern
    ("A periorbital purple rash and weak shoulders in a woman of fifty.", {"purple": A}),
    # guard: around the mouth and nose is the pattern
    ("Small papules and pustules around the mouth and nose.", {"papule": A, "pustule": A, "periorificial": A}),
    # both knee flexures, or the knees' and the elbows', are the flexural pattern
    ("Atopic eczema flaring in both popliteal fossae this winter.", {"flexural": A}),
    ("Eczema; popliteal and antecubital; worse at night", {"flexural": A}),
    # guard: one fossa's lump is a site, no pattern
    ("a cyst in the popliteal fossa", {}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Fournier's gangrene of the scrotum in a diabetic man, taken to theatre for debridement.",
     "necrotizing fasciitis"),
    ("A toddler with fever and a non-blanching rash, treated as meningococcal disease in the emergency room.",
     "meningococcemia"),
    ("Transoesophageal echo showed a paravalvular abscess.", ""),
])
def test_labels(tg, text, want):  # noqa: F811
    assert label(tg, text) == want

"""Vocabulary of round 23: the features a genodermatosis catalogue lists, by the words such catalogues use.

- Hair: "hypotrichosis", "atrichia", "atrichosis", "woolly hair", "hair shaft disorder" are the hair-disease group
  (before, the fuzzy pass read "hypotrichosis" as hypertrichosis, its opposite).
- Nails: "onychodysplasia", "nail dysplasia", "dysplastic nails", "nail hypoplasia", "toenail dystrophy" are nail
  dystrophy; "atrophic scarring" is the atrophic scar; "scarring" alone is the Scar concept only ("heals without
  scarring": no negated scar diagnosis; no set annotates "scarring" as the condition).
- "palmoplantar keratoderma" is the inherited node where the text says the disease is inherited ("autosomal",
  "syndrome", "familial", "striate", "epidermolytic"), the acquired keratoderma otherwise or where "acquired" is said.
- "genodermatosis" as a definition's class ("X: a genodermatosis characterized by ...") names no finding of its own.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import inherited_kind, numbered_type_forms
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"
HAIR, NAIL, PPK = "hair-diseases", "nail-dystrophy", "palmoplantar-keratoderma-hereditary"


@pytest.mark.parametrize("text, want, label", [
    # hair: the catalogue's words for too little or abnormal hair
    ("Hypotrichosis 21: a hereditary disorder in which scalp hair thins from early childhood.", {HAIR: A},
     "hair diseases"),
    ("A child with congenital atrichia and papules over the scalp and elbows.", {HAIR: A}, "hair diseases"),
    ("The boy has woolly hair, tightly curled from birth, unlike his siblings.", {HAIR: A}, "hair diseases"),
    ("A hair shaft disorder in which the hairs break at nodes along their length.", {HAIR: A}, "hair diseases"),
    # ... hypertrichosis is still itself
    ("Generalised hypertrichosis on the back and arms of a toddler", {"hypertrichosis": A}, "hypertrichosis"),
    # nails
    ("Ectodermal dysplasia with onychodysplasia of all twenty nails and sparse teeth.",
     {"ectodermal-dysplasia": A, NAIL: A}, "ectodermal dysplasia"),
    ("She has nail hypoplasia of both little toes and dysplastic nails on the hands.", {NAIL: A}, "nail dystrophy"),
    ("Isolated toenail dystrophy in an otherwise healthy man", {NAIL: A}, "nail dystrophy"),
    ("The fragile skin healed with atrophic scarring over both knees.", {"atrophic-scar": A}, "atrophic scar"),
    # "scarring" alone is the Scar concept, no scar diagnosis (no set annotates one), stated or denied
    ("The erosions on the skin of the shins heal without scarring.", {}, ""),
    ("A hypertrophic scar on the chest after surgery.", {"hypertrophic-scar": A}, "hypertrophic scar"),
    # palmoplantar keratoderma: inherited where the text says so ...
    ("An autosomal dominant syndrome with palmoplantar keratoderma and deafness from infancy.", {PPK: A},
     "hereditary palmoplantar keratoderma"),
    ("Keratoderma, palmoplantar, striate 4: thickened linear bands on the palms of a teenager.", {PPK: A},
     "hereditary palmoplantar keratoderma"),
    # ... the acquired keratoderma where nothing says so, or where "acquired" is said
    ("A painful palmoplantar keratoderma in a 58-year-old woman after the menopause.", {"keratoderma": A},
     "keratoderma"),
    ("Acquired palmoplantar keratoderma with a congenital naevus on the arm.", {"keratoderma": A,
                                                                               "congenital-nevus": A},
     "keratoderma"),
    ("Autosomal recessive disease with hypohidrosis and palmoplantar hyperkeratosis from infancy.",
     {"hypohidrosis": A, PPK: A}, "hypohidrosis"),
    # "genodermatosis" as a definition's class of its named subject is no finding; said alone it is the diagnosis
    ("Hailey-Hailey disease: an autosomal dominant genodermatosis characterized by painful erosions in the folds.",
     {"hailey-hailey": A}, "Hailey-Hailey disease"),
    ("Xeroderma pigmentosum: a rare genodermatosis in which sunlight damages the skin of children.",
     {"xeroderma-pigmentosum": A}, "xeroderma pigmentosum"),
    ("Clinic letter: this is a genodermatosis, still unclassified; exome sequencing requested.", {"genetic": A},
     "genetic"),
    # a numbered type as a gene catalogue or a clinic writes it
    ("Tyrosinaemia type 2 in a boy with painful plaques on the soles.", {"richner-hanhart": A},
     "tyrosinemia type II"),
])
def test_round23_vocabulary(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_inherited_kind_needs_a_cue_and_no_acquired_word():
    assert inherited_kind("keratoderma", {"autosomal", "recessive"}) == PPK
    assert inherited_kind("keratoderma", {"painful", "palms"}) == "keratoderma"
    assert inherited_kind("keratoderma", {"acquired", "syndrome"}) == "keratoderma"
    assert inherited_kind("psoriasis", {"autosomal"}) == "psoriasis"  # only the nodes with an inherited kind


def test_numbered_type_forms_write_the_number_every_way():
    assert numbered_type_forms("tyrosinemia type ii") == ["tyrosinemia type 2", "tyrosinemia 2", "tyrosinemia ii"]
    assert numbered_type_forms("neurofibromatosis type 1") == [
        "neurofibromatosis 1", "neurofibromatosis type i", "neurofibromatosis i"]
    assert numbered_type_forms("psoriasis") == [] and numbered_type_forms("skin type iv x") == []

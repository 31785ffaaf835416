"""Exact pass: normalisation that keeps offsets, name variants, token boundaries, longest match."""

from __future__ import annotations

import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger
from derm1m_build.tagger.normalise import collapse_spaces, name_variants, normalise_text, unshift
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def tagger():
    return Tagger(small_ontology())


def found(tagger, text):
    r = tagger.tag(text)
    return [(m.id, text[m.span[0]:m.span[1]]) for m in r.conditions + r.concepts]


def test_normalise_keeps_length_and_maps_separators():
    text = "Psoriatic-plaques (elbows); Athlete\u2019s foot."
    n = normalise_text(text)
    assert len(n) == len(text)
    assert n == "psoriatic plaques |elbows|| athlete s foot|"


def test_collapse_spaces_maps_offsets_back():
    text = "atopic \n  dermatitis and psoriasis"
    c, shifts = collapse_spaces(normalise_text(text))
    assert c == "atopic dermatitis and psoriasis"
    i = c.index("psoriasis")
    assert text[unshift(i, shifts):unshift(i + 9 - 1, shifts) + 1] == "psoriasis"


def test_name_variants_cover_spelling_plural_adjective():
    v = name_variants("seborrheic keratosis")
    assert {"seborrhoeic keratosis", "seborrheic keratoses", "seborrhoeic keratoses"} <= set(v)
    assert v["seborrheic keratosis"] == 0
    assert {"naevus", "nevi", "naevi"} <= set(name_variants("nevus"))
    assert {"psoriatic", "psoriases"} <= set(name_variants("psoriasis"))
    assert "eczematous" in name_variants("eczema")
    assert "haemangiomas" in name_variants("hemangioma")
    assert {"athletes foot", "athlete s foot"} <= set(name_variants("athlete's foot"))


def test_longest_match_wins(tagger):
    assert found(tagger, "Allergic contact dermatitis of the hands") == [("acd", "Allergic contact dermatitis")]
    assert found(tagger, "contact dermatitis") == [("contact-dermatitis", "contact dermatitis")]


def test_token_boundaries():
    exact_only = Tagger(small_ontology(), fuzzy=False)
    assert found(exact_only, "psoriasisx and xeczema 2psoriasis") == []
    assert found(exact_only, "(psoriasis)") == [("psoriasis", "psoriasis")]


def test_spelling_plural_adjectival_forms(tagger):
    assert found(tagger, "Seborrhoeic keratoses on the back") == [("sk", "Seborrhoeic keratoses")]
    assert found(tagger, "psoriatic plaques") == [("psoriasis", "psoriatic"), ("plaque", "plaques")]
    assert found(tagger, "eczematous papular rash") == [("eczema", "eczematous"), ("papule", "papular")]
    assert found(tagger, "haemangiomas") == [("hemangioma", "haemangiomas")]
    assert found(tagger, "naevi on the skin") == [("nevus", "naevi")]
    assert found(tagger, "athletes foot, Athlete's Foot") == [("tinea-pedis", "athletes foot")]


def test_names_do_not_cross_sentence_punctuation(tagger):
    # "contact. Dermatitis" is not "contact dermatitis"
    assert found(tagger, "No contact. Dermatitis here") == [("eczema", "Dermatitis")]


def test_false_friends_block(tagger):
    assert found(tagger, "Patch testing was positive; scale bar 1 mm; a naked mole rat") == []


def test_everyday_words_need_context(tagger):
    assert found(tagger, "a mole on the back") == [("nevus", "mole")]
    assert found(tagger, "a mole of carbon atoms") == []
    assert found(tagger, "the scales of a fish") == []
    assert found(tagger, "psoriasis with fine scales") == [("psoriasis", "psoriasis"), ("scale", "scales")]


def test_match_fields(tagger):
    m = tagger.tag("a melanoma").conditions[0]
    assert (m.id, m.name, m.path, m.span, m.negated, m.uncertain, m.score, m.kind) == (
        "melanoma", "melanoma", ["proliferations", "malignant", "melanoma"], [2, 10], False, False, 100.0,
        "condition")


def test_has_derm_term(tagger):
    assert tagger.has_derm_term("Erythematous plaques on the trunk")
    assert tagger.has_derm_term("no melanoma")
    assert not tagger.has_derm_term("Patch test series for the mole rat")
    assert not tagger.has_derm_term("Gene expression in mouse liver")
    assert not tagger.has_derm_term("")


def test_tag_many_matches_tag(tagger):
    texts = ["psoriasis", None, "", "no melanoma, BCC on the skin"]
    assert [r.as_json() for r in tagger.tag_many(texts)] == [tagger.tag(t or "").as_json() for t in texts]


def test_branch_names_are_not_diagnoses(tagger):
    assert found(tagger, "benign inflammatory proliferations") == []


def test_yaml_ontology_folder(tmp_path):
    (tmp_path / "conditions.yaml").write_text(
        "- {id: root, name: Skin condition ontology, parent: null}\n"
        "- {id: inflammatory, name: inflammatory, parent: root}\n"
        "- {id: x, name: non-infectious, parent: inflammatory}\n"
        "- {id: lp, name: lichen planus, parent: x, abbreviations: [LP]}\n"
        "- {id: ps, name: psoriasis, parent: x, synonyms: [psoriatic disease]}\n", encoding="utf-8")
    (tmp_path / "concepts.yaml").write_text("- {id: papule, name: Papule, synonyms: [papules]}\n", encoding="utf-8")
    r = Tagger(load_ontology(tmp_path)).tag("Lichen planus papules; psoriatic disease")
    assert [(m.id, m.path) for m in r.conditions] == [("lp", ["inflammatory", "non-infectious", "lichen planus"]),
                                                     ("ps", ["inflammatory", "non-infectious", "psoriasis"])]
    assert [m.id for m in r.concepts] == ["papule"]


def test_shared_synonym_goes_to_common_ancestor_or_is_uncertain():
    from derm1m_build.ontology import Ontology
    from tagger_helpers import C

    conds = [C("root", "r", None), C("a", "a", "root"), C("b", "b", "a"), C("c", "c", "b"),
             C("d1", "d one", "c", synonyms=["shared"]), C("d2", "d two", "c", synonyms=["shared"]),
             C("e", "e", "a", synonyms=["twin"]), C("f", "f", "root", synonyms=["twin"])]
    t = Tagger(Ontology(conds, [], []))
    m = t.tag("shared").conditions[0]
    assert (m.id, m.uncertain) == ("c", False)  # lowest common ancestor, still a diagnosis (level 3)
    m = t.tag("twin").conditions[0]
    assert (m.id, m.uncertain) == ("e", True)  # no common diagnosis: first by id, not asserted


@pytest.mark.parametrize("text,conditions,concepts", [
    ("a nodular basal cell carcinoma on the cheek", [("nodular-bcc", False)], [("nodule", False)]),
    # (of the legs: "of the palms" now names the palmoplantar subtype, see test_tagger_tuning_round5.py)
    ("pustular psoriasis of the legs", [("pustular-psoriasis", False)], [("pustule", False)]),
    ("no evidence of nodular melanoma", [("nodular-melanoma", True)], [("nodule", True)]),  # same span, same flags
    ("granuloma annulare", [("granuloma-annulare", False)], []),  # "annular" is not in the map: not a form here
])
def test_a_morphology_adjective_in_a_condition_name_tags_the_concept(text, conditions, concepts):
    from derm1m_build.ontology import load_ontology

    r = Tagger(load_ontology()).tag(text)
    assert [(m.id, m.negated) for m in r.conditions] == conditions
    assert [(m.id, m.negated) for m in r.concepts] == concepts
    assert all(c.span == r.conditions[0].span for c in r.concepts)


def test_fast_normalise_equals_the_table_translation():
    """`normalise_text`'s byte-table and regex path gives what one `str.translate(TABLE)` gives (after round 17's
    accent folding, one letter for one), for every code point (alone and beside ASCII punctuation) and for lone
    surrogates."""
    from derm1m_build.tagger.normalise import FOLD, TABLE

    def slow(text):
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower()[0] for c in text)
        return low.translate(FOLD).translate(TABLE)

    every = "".join(chr(i) for i in range(0x30000) if not 0xD800 <= i < 0xE000)
    for i in range(0, len(every), 499):
        chunk = every[i:i + 499]
        assert normalise_text(chunk) == slow(chunk)
        assert normalise_text("A-b." + chunk + "(C)") == slow("A-b." + chunk + "(C)")
    for text in ("\ud800x", "\u0130STANBUL, T\u00fcrkiye", "Caf\u00e9\u2019s  \u2013 menu\u2026", "plain ascii, text."):
        assert normalise_text(text) == slow(text)

"""A small test ontology, built in code, for the tagger tests."""

from __future__ import annotations

import functools

import pytest

from derm1m_build.ontology import Node, Ontology, load_ontology


def C(id, name, parent, **kw):
    return Node(id=id, name=name, parent=parent, kind="condition", **{k: tuple(v) for k, v in kw.items()})


def K(id, name, **kw):
    return Node(id=id, name=name, parent=None, kind="concept", **{k: tuple(v) for k, v in kw.items()})


def small_ontology() -> Ontology:
    conditions = [
        C("root", "Skin condition ontology", None),
        C("inflammatory", "inflammatory", "root"),
        C("non-infectious", "non-infectious", "inflammatory"),
        C("eczema", "eczema", "non-infectious", synonyms=["dermatitis"]),
        C("contact-dermatitis", "contact dermatitis", "eczema"),
        C("acd", "allergic contact dermatitis", "contact-dermatitis", abbreviations=["ACD"]),
        C("atopic-dermatitis", "atopic dermatitis", "eczema", abbreviations=["AD"]),
        C("psoriasis", "psoriasis", "non-infectious", synonyms=["psoriasis vulgaris"]),
        C("proliferations", "proliferations", "root"),
        C("benign", "benign", "proliferations"),
        C("nevus", "melanocytic nevus", "benign", synonyms=["mole", "nevus"], context=["skin", "brown", "back"]),
        C("sk", "seborrheic keratosis", "benign", abbreviations=["SK"]),
        C("dermatofibroma", "dermatofibroma", "benign"),
        C("hemangioma", "hemangioma", "benign"),
        C("malignant", "malignant", "proliferations"),
        C("melanoma", "melanoma", "malignant"),
        C("bcc", "basal cell carcinoma", "malignant", abbreviations=["BCC"]),
        C("infectious", "infectious", "inflammatory"),
        C("tinea-pedis", "tinea pedis", "infectious", synonyms=["athlete's foot"]),
        C("onychomycosis", "onychomycosis", "infectious"),
    ]
    concepts = [
        K("plaque", "Plaque", synonyms=["plaques"]),
        K("papule", "Papule", synonyms=["papules", "papular"]),
        K("patch", "Patch", synonyms=["patches"], context=["skin", "white", "erythematous"]),
        K("scale", "Scale", synonyms=["scaly", "scales"], context=["plaque", "plaques", "skin"]),
        K("erythema", "Erythema", synonyms=["erythematous"]),
        K("nodule", "Nodule", synonyms=["nodular"]),
    ]
    return Ontology(conditions, concepts, [Node(id="back", name="back", parent=None, kind="body_site")])


@functools.lru_cache(maxsize=None)
def shared_tagger():
    """The tagger on the full shipped ontology, with that ontology, built once per test process.

    Building it costs ~2 s, and ~100 test modules want it: one per module (and per xdist worker, since a
    module's tests are spread over both) cost minutes of `make test`. Sharing is safe because a `Tagger`'s
    output depends on the text alone; a test that patches tagger modules builds its own tagger instead.
    Taken from the user cache folder as the tag stage takes it (`stored_tagger`, ~1 CPU-s to load, keyed by
    the tagger's code and the ontology's files)."""
    from derm1m_build.tagger.stored import stored_tagger

    onto = load_ontology()
    return stored_tagger(onto), onto


@pytest.fixture(scope="module")
def tg():
    """The shared tagger on the full shipped ontology, with that ontology (see `shared_tagger`)."""
    return shared_tagger()


def status(res) -> dict[str, str]:
    """Each tagged condition's status, as the evaluation sets write it."""
    return {m.id: "negated" if m.negated else "uncertain" if m.uncertain else "asserted" for m in res.conditions}


def concepts(res) -> set[str]:
    """The concepts a text asserts."""
    return {m.id for m in res.concepts if not m.negated}


def read(tg, text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each condition's status and each concept's (negated or asserted) in `text`, tagged by the `tg` fixture's
    tagger."""
    r = tg[0].tag(text)
    return status(r), {m.id: "negated" if m.negated else "asserted" for m in r.concepts}


def check(tg, text, want, label):
    """The tuning rounds' development sentences: each condition's status and the `disease_label` exactly."""
    from derm1m_build.tagger import labels_for

    t, onto = tg
    res = t.tag(text)
    assert status(res) == want, text
    assert labels_for(res, onto)["disease_label"] == label, text

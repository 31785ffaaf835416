"""What the ontology holds: Derm1M's figure structure, size, names people use, abbreviations, context
rules, codes that agree with the DOID vocabulary, and the released `ontology.json` form."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from conftest import REPO

from derm1m_build.ontology import load_ontology
from derm1m_build.ontology.loader import normalise_term

# Derm1M's overview figure, panel (e) (../shared/reference/derm1m-ontology-figure.md): path of branch
# names down to each drawn condition (by name or synonym).
FIGURE = {
    ("inflammatory", "infectious", "viral infections"): ["herpes zoster", "herpes simplex"],
    ("inflammatory", "infectious", "bacterial infections"): ["cellulitis", "pitted keratolysis"],
    ("inflammatory", "infectious", "fungal infections"): [
        "candidiasis", "tinea corporis", "tinea pedis", "tinea cruris", "tinea faciale", "tinea manus",
        "tinea versicolor", "pityrosporum folliculitis", "kerion"],
    ("inflammatory", "non-infectious"): [
        "hidradenitis suppurativa", "granuloma annulare", "lichen sclerosus", "lichen planus",
        "fixed drug eruption", "drug eruption", "pityriasis rosea", "angular cheilitis", "perioral dermatitis",
        "acne keloidalis", "acne vulgaris", "rhinophyma", "rosacea"],
    ("inflammatory", "non-infectious", "psoriasis"): ["scalp psoriasis", "pustular psoriasis", "inverse psoriasis",
                                                      "guttate psoriasis"],
    ("inflammatory", "non-infectious", "eczema"): [
        "seborrheic dermatitis", "nummular eczema", "lichen simplex chronicus", "keratolysis exfoliativa",
        "infantile atopic dermatitis", "dyshidrosiform eczema", "dry skin eczema", "allergic contact dermatitis",
        "neurodermatitis"],
    ("proliferations", "benign", "benign melanocytic"): [
        "nevus spilus", "nevus incipiens", "junction nevus", "halo nevus", "dysplastic nevus", "congenital nevus",
        "compound nevus", "blue nevus"],
    ("proliferations", "benign", "benign non-melanocytic"): [
        "verruca vulgaris", "sebaceous hyperplasia", "epidermal nevus", "skin tag", "seborrheic keratosis",
        "apocrine hydrocystoma", "syringoma", "neurofibroma", "milia", "lipoma", "keloid", "dermatofibroma"],
    ("proliferations", "malignant", "malignant melanocytic"): ["malignant melanoma"],
    ("proliferations", "malignant", "malignant non-melanocytic"): [
        "metastatic carcinoma", "keratoacanthoma", "squamous cell carcinoma", "basal cell carcinoma"],
    ("cysts",): ["myxoid cyst", "epidermoid cyst"],
    ("genetic",): ["Darier-White disease", "Crowe's sign", "keratosis pilaris", "ichthyosis"],
    ("actinic damage",): ["actinic keratosis", "cutis rhomboidalis nuchae", "solar pigmentation", "solar elastosis",
                          "solar purpura", "telangiectasia", "Favre-Racouchot"],
    ("exogenous", "physical"): ["radiodermatitis", "factitial dermatitis"],
    ("hair diseases",): ["hypertrichosis", "alopecia areata", "androgenetic alopecia"],
    ("nail diseases",): ["koilonychia", "leukonychia", "onycholysis", "onychomycosis", "onychoschizia", "paronychia",
                         "Beau's lines", "median nail dystrophy", "nail dystrophy", "nail psoriasis"],
    ("reaction pattern",): ["callus", "desquamation", "pseudorhinophyma", "scar", "ulcer", "clubbing of fingers",
                            "erythema craquele", "follicular mucinosis", "granulation tissue", "keratoderma",
                            "livedo reticularis", "stasis edema"],
}
# Where we differ from the figure on purpose: "angioma" sits with the other vascular tumours; a form of a
# diagnosis (a melanoma subtype, squamous cell carcinoma in situ) is a subtype under it, not its sibling.
FIGURE_MOVED = {"angioma": ("proliferations", "benign", "benign vascular lesions"),
                "lentigo maligna melanoma": ("proliferations", "malignant", "malignant melanocytic", "malignant melanoma"),
                "Bowen's disease": ("proliferations", "malignant", "malignant non-melanocytic", "squamous cell carcinoma")}


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def _condition(onto, term: str) -> str:
    hits = [nid for kind, nid in onto.find(term) if kind == "condition"]
    assert len(hits) == 1, f"{term!r} names {hits}"
    return hits[0]


@pytest.mark.parametrize("branch", sorted(FIGURE))
def test_figure_conditions_sit_where_the_figure_draws_them(onto, branch):
    for term in FIGURE[branch]:
        nid = _condition(onto, term)
        assert tuple(onto.path(nid)[:-1]) == branch, (term, onto.path(nid))
        assert onto.conditions[nid].level == len(branch) + 1
    for term, where in FIGURE_MOVED.items():
        assert tuple(onto.path(_condition(onto, term))[:-1]) == where


def test_size_and_depth(onto):
    conds = {k: v for k, v in onto.conditions.items() if k != "root"}
    leaves = [k for k in conds if onto.is_leaf(k)]
    assert len(leaves) >= 390
    assert len(onto.concepts) >= 130
    assert max(n.level for n in conds.values() if not n.subtype) == 4
    assert all(1 <= conds[k].level <= 4 for k in leaves if not conds[k].subtype)
    subtypes = [n for n in conds.values() if n.subtype]
    assert subtypes and all(n.level in (4, 5) and onto.is_leaf(n.id) and not conds[n.parent].subtype for n in subtypes)
    level1 = [onto.conditions[c].name for c in onto.children("root")]
    assert {"inflammatory", "proliferations", "cysts", "genetic", "actinic damage", "exogenous", "hair diseases",
            "nail diseases", "reaction pattern", "pigmentary disorders", "vascular disorders", "bullous diseases",
            "connective tissue diseases", "oral and genital", "neonatal and paediatric"} <= set(level1)
    assert all(onto.conditions[c].level == 1 for c in onto.children("root"))


def test_skincon_concepts_are_present_under_their_exact_names(onto, realdata):
    skincon = [ln.strip() for ln in (realdata / "vocab/skincon_48_concepts.txt").read_text().splitlines() if ln.strip()]
    assert len(skincon) == 48
    names = {n.name for n in onto.concepts.values()}
    assert [s for s in skincon if s not in names] == []
    cats = {n.category for n in onto.concepts.values()}
    assert {"dermoscopic", "colour", "secondary", "shape", "arrangement", "distribution"} <= cats


@pytest.mark.parametrize("term, node", [
    ("ringworm", "tinea-corporis"), ("shingles", "herpes-zoster"), ("cold sore", "herpes-labialis"),
    ("athlete's foot", "tinea-pedis"), ("athletes foot", "tinea-pedis"), ("jock itch", "tinea-cruris"),
    ("hives", "urticaria"), ("liver spots", "solar-lentigo"), ("mole", "melanocytic-nevus"),
    ("razor bumps", "pseudofolliculitis-barbae"), ("cradle cap", "infantile-seborrheic-dermatitis"),
    ("skin tag", "skin-tag"), ("naevus", "melanocytic-nevus"), ("haemangioma", "angioma"),
    ("seborrhoeic keratosis", "seborrheic-keratosis"), ("angio-oedema", "angioedema"),
    ("discoid eczema", "nummular-eczema"), ("Kaposi's sarcoma", "kaposi-sarcoma"), ("tumour", None),
    ("Sezary syndrome", "sezary-syndrome"), ("Henoch-Schönlein purpura", "iga-vasculitis"),
    ("actinic keratoses", "actinic-keratosis"), ("psoriatic", "psoriasis"), ("chickenpox", "varicella"),
])
def test_names_people_use(onto, term, node):
    hits = [nid for kind, nid in onto.find(term) if kind == "condition"]
    assert hits == ([node] if node else [])


@pytest.mark.parametrize("abbr, node", [
    ("BCC", "basal-cell-carcinoma"), ("SCC", "squamous-cell-carcinoma"), ("AK", "actinic-keratosis"),
    ("SK", "seborrheic-keratosis"), ("HS", "hidradenitis-suppurativa"), ("AD", "atopic-dermatitis"),
    ("LP", "lichen-planus"), ("BP", "bullous-pemphigoid"), ("MF", "mycosis-fungoides"), ("SJS", "stevens-johnson"),
    ("TEN", "toxic-epidermal-necrolysis"), ("DLE", "dle"),
])
def test_abbreviations_are_marked_as_abbreviations(onto, abbr, node):
    n = onto.conditions[node]
    assert abbr in n.abbreviations and abbr not in n.synonyms
    assert onto.abbreviation_index()[abbr] == [("condition", node)]


def test_shared_abbreviation_is_marked_ambiguous_on_both(onto):
    assert onto.abbreviation_index()["PG"] == [("condition", "pyoderma-gangrenosum"), ("condition", "pyogenic-granuloma")]
    assert all("PG" in onto.conditions[n].ambiguous for n in ("pyoderma-gangrenosum", "pyogenic-granuloma"))


def test_common_words_carry_context_rules(onto):
    mole = onto.conditions["melanocytic-nevus"]
    assert mole.needs_context("mole") and mole.needs_context("Moles")
    assert not mole.needs_context("melanocytic naevus")
    for cid in ("patch", "scale", "plaque"):
        c = onto.concepts[cid]
        assert c.needs_context(c.name) and {"skin", "lesion"} <= set(c.context)
    assert not onto.concepts["papule"].needs_context("papular")
    tel = onto.conditions["telangiectases"]  # a BCC's "telangiectasia" is a feature, not a second diagnosis
    assert tel.needs_context("telangiectasia") and not tel.needs_context("broken capillaries")
    assert onto.concepts["erythema"].synonyms[:2] == ("erythematous", "redness")
    assert "vesicular" in onto.concepts["vesicle"].synonyms and "papular" in onto.concepts["papule"].synonyms


def test_codes_agree_with_the_doid_vocabulary(onto, realdata):
    with open(realdata / "vocab/doid_skin_disease_subtree_2016.tsv", newline="", encoding="utf-8") as f:
        doid = {r["doid"]: r for r in csv.DictReader(f, delimiter="\t")}
    coded = [n for n in onto.conditions.values() if "DOID" in n.code_map]
    assert len(coded) >= 100
    prefix = {"UMLS": "UMLS_CUI:", "SNOMEDCT": "SNOMEDCT_US_2016_03_01:", "ICD10CM": "ICD10CM:"}
    for n in coded:
        row = doid[n.code_map["DOID"]]
        names = {normalise_term(s) for s in [row["name"], *row["exact_synonyms"].split("|")] if s}
        assert names & {normalise_term(t) for t in (n.name, *n.synonyms)}, (n.id, row["name"])
        xrefs = set(row["xrefs"].split("|"))
        for key, pre in prefix.items():
            if key in n.code_map:
                assert pre + n.code_map[key] in xrefs, (n.id, key)
    assert onto.conditions["psoriasis"].code_map["DOID"] == "DOID:8893"
    assert len({n.code_map["DOID"] for n in coded}) == len(coded)  # one node per DOID term


def test_released_form_ontology_json(onto):
    j = onto.derm1m_json()
    names = {n.name for k, n in onto.conditions.items() if k != "root"}
    assert set(j) == names | {"root"}
    assert j["root"] == sorted(onto.conditions[c].name for c in onto.children("root"))
    assert j["tinea pedis"] == []
    assert j["viral infections"][:3] == ["Gianotti-Crosti syndrome", "chilblain-like lesions", "eczema herpeticum"]
    assert all(child in j for kids in j.values() for child in kids)
    assert sum(len(v) for v in j.values()) == len(names)  # every node has exactly one parent
    full = onto.full_json()
    psor = next(c for c in full["conditions"] if c["id"] == "psoriasis")
    assert psor["level"] == 3 and psor["codes"]["DOID"] == "DOID:8893"
    assert json.loads(json.dumps(full)) == full


def test_loader_reads_split_files_in_name_order_and_a_single_file_too(tmp_path, onto):
    copy = tmp_path / "o"
    shutil.copytree(REPO / "ontology", copy)
    assert load_ontology(copy).digest() == onto.digest()
    # one conditions.yaml instead of the folder: the same ontology
    single = tmp_path / "single"
    shutil.copytree(REPO / "ontology", single)
    text = "".join(p.read_text() for p in sorted((single / "conditions").glob("*.yaml")))
    shutil.rmtree(single / "conditions")
    (single / "conditions.yaml").write_text(text)
    assert load_ontology(single).derm1m_json() == onto.derm1m_json()
    assert load_ontology(single).digest() == onto.digest()


def test_body_sites_feed_body_location(onto):
    from derm1m_build.captioning.rules import NO_BODY_LOCATION, RulesCaptioner

    # as the caption stage builds it: the rules captioner's site vocabulary comes from the ontology
    rules = RulesCaptioner.from_ontology(onto)
    assert rules.metadata("Scaly plaques on both soles.").body_location == "foot"
    assert rules.metadata("A nodule in the left armpit.").body_location == "axilla"
    assert RulesCaptioner().metadata("Scaly plaques on both soles.").body_location == NO_BODY_LOCATION
    assert len(onto.body_sites) >= 15

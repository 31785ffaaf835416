"""Public-dataset label -> condition name, in one place (to be replaced by the ontology's own mapping).

Every public dataset spells its diagnoses its own way (HAM10000 `bkl`, PAD-UFES-20 `ACK`, Derm7pt
`melanoma (0.76 to 1.5 mm)`, DDI `melanoma-in-situ`...). `condition_for(dataset, label)` returns the
condition name used in captions and the ontology node id. When `derm1m_build.ontology` provides
`dataset_label_map(dataset) -> {label: node_id}` that mapping wins for the node id; until then the
node id is the ontology id whose name or synonym equals the condition name, or "" when the ontology has
no such node (the tag stage still matches the caption text).
"""

from __future__ import annotations

import re
from functools import lru_cache

HAM10000 = {
    "akiec": "actinic keratosis",  # HAM groups AK and intraepithelial carcinoma (Bowen's)
    "bcc": "basal cell carcinoma",
    "bkl": "benign keratosis",  # seborrheic keratosis, solar lentigo, lichen-planus-like keratosis
    "df": "dermatofibroma",
    "mel": "melanoma",
    "nv": "melanocytic nevus",
    "vasc": "vascular lesion",
}

ISIC2019 = {
    "MEL": "melanoma", "NV": "melanocytic nevus", "BCC": "basal cell carcinoma", "AK": "actinic keratosis",
    "BKL": "benign keratosis", "DF": "dermatofibroma", "VASC": "vascular lesion",
    "SCC": "squamous cell carcinoma", "UNK": "",
}

ISIC2020 = {
    "nevus": "melanocytic nevus", "melanoma": "melanoma", "seborrheic keratosis": "seborrheic keratosis",
    "lentigo NOS": "lentigo", "lichenoid keratosis": "lichenoid keratosis", "solar lentigo": "solar lentigo",
    "cafe-au-lait macule": "cafe-au-lait macule",
    "atypical melanocytic proliferation": "atypical melanocytic proliferation",
    # "unknown" is resolved from benign_malignant by the importer
}

PAD_UFES_20 = {
    "ACK": "actinic keratosis", "BCC": "basal cell carcinoma", "MEL": "melanoma", "NEV": "melanocytic nevus",
    "SCC": "squamous cell carcinoma", "SEK": "seborrheic keratosis", "BOD": "Bowen's disease",
}

DERM7PT = {
    "basal cell carcinoma": "basal cell carcinoma",
    "blue nevus": "blue nevus",
    "clark nevus": "dysplastic nevus",  # Clark nevus = dysplastic (atypical) nevus
    "combined nevus": "combined nevus",
    "congenital nevus": "congenital melanocytic nevus",
    "dermal nevus": "dermal nevus",
    "dermatofibroma": "dermatofibroma",
    "lentigo": "lentigo",
    "melanoma": "melanoma",
    "melanoma (0.76 to 1.5 mm)": "melanoma",
    "melanoma (in situ)": "melanoma in situ",
    "melanoma (less than 0.76 mm)": "melanoma",
    "melanoma (more than 1.5 mm)": "melanoma",
    "melanoma metastasis": "metastatic melanoma",
    "melanosis": "melanosis",
    "miscellaneous": "",
    "recurrent nevus": "recurrent nevus",
    "reed or spitz nevus": "Spitz nevus",
    "seborrheic keratosis": "seborrheic keratosis",
    "vascular lesion": "vascular lesion",
}

# DDI uses slugs; most become their name with spaces. These need more than that.
DDI = {
    "melanocytic-nevi": "melanocytic nevus",
    "acne-cystic": "cystic acne",
    "abrasions-ulcerations-and-physical-injuries": "abrasion",
    "condyloma-accuminatum": "condyloma acuminatum",
    "nodular-melanoma-(nm)": "nodular melanoma",
    "eczema-spongiotic-dermatitis": "eczema",
    "epidermal-cyst": "epidermoid cyst",
    "acrochordon": "skin tag",
    "wart": "verruca vulgaris",
    "seborrheic-keratosis-irritated": "irritated seborrheic keratosis",
    "squamous-cell-carcinoma-keratoacanthoma": "keratoacanthoma",
    "basal-cell-carcinoma-nodular": "nodular basal cell carcinoma",
    "basal-cell-carcinoma-superficial": "superficial basal cell carcinoma",
    "squamous-cell-carcinoma-in-situ": "squamous cell carcinoma in situ",
}

TABLES = {"ham10000": HAM10000, "isic2019": ISIC2019, "isic2020": ISIC2020, "pad_ufes_20": PAD_UFES_20,
          "derm7pt": DERM7PT, "ddi": DDI}


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def condition_name(dataset: str, label: str) -> str | None:
    """The condition name for `label`, "" for a label that names no condition, None when unmapped."""
    table = TABLES.get(dataset, {})
    if label in table:
        return table[label]
    if dataset == "ddi":
        return label.replace("-", " ").strip() or None
    if dataset in ("fitzpatrick17k", "scin"):  # labels are condition names already
        return label.strip().lower() or None
    return None


@lru_cache(maxsize=1)
def _ontology_index() -> dict[str, str]:
    try:
        from derm1m_build.ontology import load_ontology

        onto = load_ontology()
    except Exception:  # no ontology files: node ids stay empty, captions still name the condition
        return {}
    index: dict[str, str] = {}
    for n in sorted(onto.conditions.values(), key=lambda n: n.id):
        for name in (n.name, *n.synonyms):
            index.setdefault(_slug(name), n.id)
    return index


def node_id(dataset: str, label: str, condition: str) -> str:
    try:  # the ontology helper's per-dataset mapping, when it exists
        from derm1m_build.ontology import dataset_label_map  # type: ignore[attr-defined]

        mapped = dataset_label_map(dataset).get(label)
        if mapped:
            return mapped
    except (ImportError, KeyError, ValueError, OSError):
        pass
    return _ontology_index().get(_slug(condition), "") if condition else ""

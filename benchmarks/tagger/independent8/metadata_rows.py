"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the eighth independent set (run once, output
frozen). Fitzpatrick17k (first seven columns), DDI, HAM10000, PAD-UFES-20 and ISIC 2020 texts are the dataset's own CSV
line, verbatim; only the diagnosis column is annotated (a header-less row shows nothing else a reader could name).
Derm7pt texts are a real meta.csv row written as `column: value` pairs (the dataset's column names and values in its
column order, image paths and notes left out), annotated by the fixed reading in DERM7PT_CONCEPTS (set 7's reading,
unchanged). A row whose text is already in the gold set or an earlier set is skipped (the next row of the label is
taken). The labels are, where the file allows, ones set 7 did not take; the node each label names is the annotator's
reading below, not read from ontology/mappings/."""
from __future__ import annotations

import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
SEED = 8808
# label -> (node, concepts); "acquired autoimmune bullous diseaseherpes gestationis" is the file's own glued label
FITZ = {
 "acne vulgaris": ("acne-vulgaris", []), "actinic keratosis": ("actinic-keratosis", []),
 "basal cell carcinoma": ("basal-cell-carcinoma", []), "dermatofibroma": ("dermatofibroma", []),
 "dermatomyositis": ("dermatomyositis", []), "folliculitis": ("folliculitis", []), "keloid": ("keloid", []),
 "lichen planus": ("lichen-planus", []), "melanoma": ("melanoma", []), "milia": ("milia", []),
 "pityriasis rosea": ("pityriasis-rosea", []), "psoriasis": ("psoriasis", []),
 "pyogenic granuloma": ("pyogenic-granuloma", []), "rosacea": ("rosacea", []), "sarcoidosis": ("sarcoidosis", []),
 "scabies": ("scabies", []), "seborrheic dermatitis": ("seborrheic-dermatitis", []),
 "seborrheic keratosis": ("seborrheic-keratosis", []), "squamous cell carcinoma": ("squamous-cell-carcinoma", []),
 "urticaria": ("urticaria", []), "vitiligo": ("vitiligo", []),
 "acquired autoimmune bullous diseaseherpes gestationis": (["bullous", "pemphigoid-gestationis"], ["bulla"]),
 "papilomatosis confluentes and reticulate": ("confluent-reticulated-papillomatosis", ["confluent", "reticulate"]),
 "pediculosis lids": ("phthiriasis-palpebrarum", []),
 "erythema annulare centrifigum": ("erythema-annulare-centrifugum", ["annular"]),
 "lupus subacute": ("scle", []), "nevus sebaceous of jadassohn": ("nevus-sebaceus", []),
 "solid cystic basal cell carcinoma": ("nodular-bcc", ["cyst-concept"]), "xanthomas": ("xanthoma", []),
 "malignant melanoma": ("melanoma", []), "lentigo maligna": ("lentigo-maligna", []),
 "langerhans cell histiocytosis": ("langerhans-cell-histiocytosis", []), "behcets disease": ("behcet-disease", []),
 "drug induced pigmentary changes": ("drug-induced-pigmentation", []), "neurodermatitis": ("neurodermatitis", []),
 "lichen simplex": ("lichen-simplex-chronicus", []), "pityriasis rubra pilaris": ("pityriasis-rubra-pilaris", []),
 "port wine stain": ("port-wine-stain", []), "pustular psoriasis": ("pustular-psoriasis", ["pustule"]),
 "tungiasis": ("tungiasis", []), "epidermolysis bullosa": ("epidermolysis-bullosa", ["bulla"]),
 "incontinentia pigmenti": ("incontinentia-pigmenti", []), "halo nevus": ("halo-nevus", []),
 "erythema elevatum diutinum": ("erythema-elevatum-diutinum", []), "cheilitis": ("cheilitis", []),
 "porokeratosis of mibelli": ("porokeratosis-of-mibelli", []), "striae": ("striae", []),
}
DDI = {
 "acrochordon": ("skin-tag", [], 1), "actinic-keratosis": ("actinic-keratosis", [], 1),
 "basal-cell-carcinoma": ("basal-cell-carcinoma", [], 2), "dermatofibroma": ("dermatofibroma", [], 1),
 "epidermal-cyst": ("epidermoid-cyst", [], 1), "eczema-spongiotic-dermatitis": ("eczema", [], 1),
 "lipoma": ("lipoma", [], 1), "melanocytic-nevi": ("melanocytic-nevus", [], 2), "melanoma": ("melanoma", [], 1),
 "melanoma-acral-lentiginous": ("acral-lentiginous-melanoma", [], 1), "mycosis-fungoides": ("mycosis-fungoides", [], 1),
 "neurofibroma": ("neurofibroma", [], 1), "prurigo-nodularis": ("prurigo-nodularis", ["nodule"], 1),
 "pyogenic-granuloma": ("pyogenic-granuloma", [], 1), "seborrheic-keratosis": ("seborrheic-keratosis", [], 2),
 "seborrheic-keratosis-irritated": ("irritated-seborrheic-keratosis", [], 1),
 "squamous-cell-carcinoma": ("squamous-cell-carcinoma", [], 1),
 "squamous-cell-carcinoma-in-situ": ("bowens-disease", [], 1),
 "squamous-cell-carcinoma-keratoacanthoma": ("keratoacanthoma", [], 1),
 "verruca-vulgaris": ("verruca-vulgaris", [], 1), "xanthogranuloma": ("xanthogranuloma", [], 1),
 "hyperpigmentation": ("hyperpigmentation", [], 1), "trichofolliculoma": ("trichofolliculoma", [], 1),
 "fibrous-papule": ("fibrous-papule", [], 1), "foreign-body-granuloma": ("foreign-body-granuloma", [], 1),
}
HAM = (("akiec", "actinic-keratosis", 2), ("vasc", "benign-vascular", 2), ("mel", "melanoma", 1),
       ("nv", "melanocytic-nevus", 1), ("bcc", "basal-cell-carcinoma", 1))
PAD = (("MEL", "melanoma", 2), ("SCC", "squamous-cell-carcinoma", 2), ("ACK", "actinic-keratosis", 1),
       ("BCC", "basal-cell-carcinoma", 1))
ISIC = (("melanoma", "melanoma", 2), ("nevus", "melanocytic-nevus", 2), ("seborrheic keratosis", "seborrheic-keratosis", 1),
        ("lichenoid keratosis", "lichenoid-keratosis", 1), ("unknown", "", 1))
DERM7PT = (("melanoma (0.76 to 1.5 mm)", "melanoma", 2), ("melanoma metastasis", "melanoma-metastasis", 1),
           ("recurrent nevus", "recurrent-nevus", 1), ("miscellaneous", "", 1), ("clark nevus", "dysplastic-nevus", 2),
           ("reed or spitz nevus", "spitz-nevus", 1), ("melanoma (in situ)", "melanoma-in-situ", 1),
           ("basal cell carcinoma", "basal-cell-carcinoma", 1), ("seborrheic keratosis", "seborrheic-keratosis", 1),
           ("vascular lesion", "benign-vascular", 1), ("lentigo", "lentigo", 1), ("melanosis", "melanosis", 1))
DERM7PT_FIELDS = ("diagnosis", "seven_point_score", "pigment_network", "streaks", "pigmentation", "regression_structures",
                  "dots_and_globules", "blue_whitish_veil", "vascular_structures", "level_of_diagnostic_difficulty",
                  "elevation", "location", "sex", "management")
# The annotator's reading of a Derm7pt value (set 7's reading, unchanged); a value not listed gives none.
DERM7PT_CONCEPTS = {
 ("pigment_network", "typical"): "pigment-network", ("pigment_network", "atypical"): "atypical-pigment-network",
 ("pigment_network", "absent"): "!pigment-network",
 ("streaks", "regular"): "streaks", ("streaks", "irregular"): "streaks", ("streaks", "absent"): "!streaks",
 ("regression_structures", "blue areas"): "regression-structures",
 ("regression_structures", "white areas"): "regression-structures",
 ("regression_structures", "combinations"): "regression-structures",
 ("regression_structures", "absent"): "!regression-structures",
 ("dots_and_globules", "regular"): "dots-and-globules", ("dots_and_globules", "irregular"): "dots-and-globules",
 ("dots_and_globules", "absent"): "!dots-and-globules",
 ("blue_whitish_veil", "present"): "blue-whitish-veil", ("blue_whitish_veil", "absent"): "!blue-whitish-veil",
 ("vascular_structures", "arborizing"): "arborizing-vessels", ("vascular_structures", "dotted"): "dotted-vessels",
 ("vascular_structures", "hairpin"): "hairpin-vessels", ("vascular_structures", "comma"): "comma-vessels",
 ("vascular_structures", "linear irregular"): "linear-irregular-vessels", ("vascular_structures", "wreath"): "crown-vessels",
 ("pigmentation", "diffuse irregular"): "blotch", ("pigmentation", "localized irregular"): "blotch",
 ("elevation", "nodular"): "nodule",
 ("location", "acral"): "acral", ("location", "back"): "truncal", ("location", "chest"): "truncal",
 ("location", "abdomen"): "truncal",
}


def _read(path: str):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        return header, list(rd)


def _nodes(node) -> list[str]:
    return list(node) if isinstance(node, list) else ([node] if node else [])


def _label(node) -> str:
    return node[-1] if isinstance(node, list) else node


def rows(taken: set[str], normalise) -> list[tuple]:
    """`taken`: normalised texts of the gold set and the earlier sets; a row whose text is there is skipped."""
    out: list[tuple] = []
    rnd = random.Random(SEED)

    def add(source, text, conds, concs, label):
        if normalise(text) in taken:
            return False
        taken.add(normalise(text))
        out.append(("metadata", source, text, conds, concs, label))
        return True

    def one_of(cands, make):
        for r in rnd.sample(cands, len(cands)):
            if add(*make(r)):
                return
        raise AssertionError(("no unused row", make(cands[0])[0]))

    h, fz = _read(R + "fitzpatrick17k/fitzpatrick17k.csv")
    li = h.index("label")
    for lab, (node, concs) in FITZ.items():
        one_of([r for r in fz if r[li] == lab],
               lambda r: ("fitzpatrick17k.csv md5 " + r[0], ",".join(r[:7]), _nodes(node), concs, _label(node)))
    h, dd = _read(R + "ddi/ddi_metadata.csv")
    for lab, (node, concs, n) in DDI.items():
        for _ in range(n):
            one_of([r for r in dd if r[5] == lab],
                   lambda r: ("ddi_metadata.csv DDI_ID " + r[1], ",".join(r), _nodes(node), concs, node))
    h, ham = _read(R + "ham10000/HAM10000_metadata.csv")
    for code, node, n in HAM:
        for _ in range(n):
            one_of([r for r in ham if r[2] == code][-400:],
                   lambda r: ("HAM10000_metadata.csv " + r[1], ",".join(r), [node], [], node))
    h, pad = _read(R + "pad_ufes_20/metadata_with_image_path.csv")
    di, ii = h.index("diagnostic"), h.index("img_id")
    for code, node, n in PAD:
        for _ in range(n):
            one_of([r for r in pad if r[di] == code],
                   lambda r: ("PAD-UFES-20 metadata.csv " + r[ii], ",".join(r), [node], [], node))
    h, isic = _read(R + "isic/ISIC_2020_Training_GroundTruth.csv")
    for dx, node, n in ISIC:
        cands = [r for r in isic if r[5] == dx][-500:]
        for _ in range(n):
            one_of(cands, lambda r: ("ISIC_2020_Training_GroundTruth.csv " + r[0], ",".join(r),
                                     _nodes(node), [], node))
    h, d7 = _read(R + "derm7pt/meta.csv")

    def derm7(r):
        vals = dict(zip(h, r))
        text = "; ".join(f"{k}: {vals[k]}" for k in DERM7PT_FIELDS)
        concs = [DERM7PT_CONCEPTS[(k, vals[k])] for k in DERM7PT_FIELDS if (k, vals[k]) in DERM7PT_CONCEPTS]
        return ("derm7pt meta.csv case_num " + r[0], text, _nodes(node), concs, node)
    for dx, node, n in DERM7PT:
        cands = [r for r in d7 if r[1] == dx]
        for _ in range(n):
            one_of(cands, derm7)
    return out

"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the ninth independent set (run once, output
frozen). Fitzpatrick17k (first seven columns), DDI, HAM10000, PAD-UFES-20 and ISIC 2020 texts are the dataset's own CSV
line, verbatim; only the diagnosis column is annotated (a header-less row shows nothing else a reader could name).
Derm7pt texts are a real meta.csv row written as `column: value` pairs (the dataset's column names and values in its
column order, image paths and notes left out), annotated by the fixed reading in DERM7PT_CONCEPTS (the reading of sets 7
and 8, unchanged). A row whose id an earlier set cites in its `source`, or whose text is already in the gold set or an
earlier set, is skipped (another row of the label is taken). The node each label names is the annotator's reading below,
not read from ontology/mappings/."""
from __future__ import annotations

import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
SEED = 9917
# label -> (node or [nodes, label last], concepts)
FITZ = {
 "acanthosis nigricans": ("acanthosis-nigricans", []), "acne": ("acne-vulgaris", []),
 "acrodermatitis enteropathica": ("acrodermatitis-enteropathica", []),
 "allergic contact dermatitis": ("allergic-contact-dermatitis", []), "aplasia cutis": ("aplasia-cutis", []),
 "basal cell carcinoma morpheiform": ("morpheaform-bcc", []), "becker nevus": ("becker-nevus", []),
 "calcinosis cutis": ("calcinosis-cutis", []), "congenital nevus": ("congenital-nevus", []),
 "dariers disease": ("darier-disease", []), "disseminated actinic porokeratosis": ("dsap", []),
 "drug eruption": ("drug-eruption", []), "dyshidrotic eczema": ("dyshidrotic-eczema", []), "eczema": ("eczema", []),
 "ehlers danlos syndrome": ("ehlers-danlos", []), "epidermal nevus": ("epidermal-nevus", []),
 "erythema multiforme": ("erythema-multiforme", []), "erythema nodosum": ("erythema-nodosum", []),
 "factitial dermatitis": ("factitial-dermatitis", []), "fixed eruptions": ("fixed-drug-eruption", []),
 "fordyce spots": ("fordyce-spots", []), "granuloma annulare": ("granuloma-annulare", ["annular"]),
 "granuloma pyogenic": ("pyogenic-granuloma", []), "hailey hailey disease": ("hailey-hailey", []),
 "hidradenitis": ("hidradenitis-suppurativa", []), "ichthyosis vulgaris": ("ichthyosis-vulgaris", []),
 "juvenile xanthogranuloma": ("xanthogranuloma", []), "kaposi sarcoma": ("kaposi-sarcoma", []),
 "keratosis pilaris": ("keratosis-pilaris", []), "lichen amyloidosis": ("lichen-amyloidosis", []),
 "livedo reticularis": ("livedo-reticularis", []), "lupus erythematosus": ("lupus-erythematosus", []),
 "lyme disease": ("lyme-disease", []), "lymphangioma": ("lymphangioma", []), "mucinosis": ("mucinosis", []),
 "mucous cyst": ("mucocele", []), "mycosis fungoides": ("mycosis-fungoides", []), "myiasis": ("myiasis", []),
 "naevus comedonicus": ("nevus-comedonicus", []), "necrobiosis lipoidica": ("necrobiosis-lipoidica", []),
 "nematode infection": ("nematode-infection", []), "neurofibromatosis": ("neurofibromatosis", []),
 "neurotic excoriations": ("neurotic-excoriations", []), "neutrophilic dermatoses": ("neutrophilic-dermatoses", []),
 "nevocytic nevus": ("melanocytic-nevus", []), "paronychia": ("paronychia", []),
 "perioral dermatitis": ("perioral-dermatitis", []), "photodermatoses": ("photodermatoses", []),
 "pilar cyst": ("pilar-cyst", []), "pilomatricoma": ("pilomatricoma", []),
 "pityriasis lichenoides chronica": ("pityriasis-lichenoides-chronica", []),
 "porokeratosis actinic": ("dsap", []), "porphyria": ("porphyria", []), "prurigo nodularis": ("prurigo-nodularis", ["nodule"]),
 "rhinophyma": ("rhinophyma", []), "scleroderma": ("scleroderma", []), "scleromyxedema": ("scleromyxedema", []),
 "stasis edema": ("stasis-edema", []), "stevens johnson syndrome": ("stevens-johnson", []),
 "sun damaged skin": ("sun-damaged-skin", []), "superficial spreading melanoma ssm": ("superficial-spreading-melanoma", []),
 "syringoma": ("syringoma", []), "telangiectases": ("telangiectases", []), "tick bite": ("tick-bite", []),
 "tuberous sclerosis": ("tuberous-sclerosis", []), "urticaria pigmentosa": ("urticaria-pigmentosa", []),
 "xeroderma pigmentosum": ("xeroderma-pigmentosum", []),
}
DDI = {
 "melanocytic-nevi": ("melanocytic-nevus", [], 2), "seborrheic-keratosis": ("seborrheic-keratosis", [], 2),
 "verruca-vulgaris": ("verruca-vulgaris", [], 2), "basal-cell-carcinoma": ("basal-cell-carcinoma", [], 2),
 "epidermal-cyst": ("epidermoid-cyst", [], 1), "mycosis-fungoides": ("mycosis-fungoides", [], 2),
 "squamous-cell-carcinoma-in-situ": ("bowens-disease", [], 2), "dermatofibroma": ("dermatofibroma", [], 1),
 "squamous-cell-carcinoma": ("squamous-cell-carcinoma", [], 1), "acrochordon": ("skin-tag", [], 1),
 "dysplastic-nevus": ("dysplastic-nevus", [], 2), "pyogenic-granuloma": ("pyogenic-granuloma", [], 1),
 "seborrheic-keratosis-irritated": ("irritated-seborrheic-keratosis", [], 1), "neurofibroma": ("neurofibroma", [], 1),
 "angioma": ("angioma", [], 1), "eccrine-poroma": ("eccrine-poroma", [], 1),
 "squamous-cell-carcinoma-keratoacanthoma": ("keratoacanthoma", [], 1),
 "molluscum-contagiosum": ("molluscum-contagiosum", [], 1), "melanoma": ("melanoma", [], 1),
 "blue-nevus": ("blue-nevus", [], 1), "lipoma": ("lipoma", [], 1), "kaposi-sarcoma": ("kaposi-sarcoma", [], 1),
 "nevus-lipomatosus-superficialis": ("nevus-lipomatosus", [], 1),
 "melanoma-acral-lentiginous": ("acral-lentiginous-melanoma", [], 1),
 "prurigo-nodularis": ("prurigo-nodularis", ["nodule"], 1),
 "inverted-follicular-keratosis": ("inverted-follicular-keratosis", [], 1),
 "actinic-keratosis": ("actinic-keratosis", [], 1), "basal-cell-carcinoma-nodular": ("nodular-bcc", ["nodule"], 1),
 "melanoma-in-situ": ("melanoma-in-situ", [], 1), "metastatic-carcinoma": ("metastatic-carcinoma", [], 1),
 "solar-lentigo": ("solar-lentigo", [], 1), "epidermal-nevus": ("epidermal-nevus", [], 1), "keloid": ("keloid", [], 1),
 "benign-keratosis": ("benign-keratosis", [], 1), "arteriovenous-hemangioma": ("arteriovenous-hemangioma", [], 1),
 "onychomycosis": ("onychomycosis", [], 1), "acquired-digital-fibrokeratoma": ("acquired-digital-fibrokeratoma", [], 1),
}
HAM = (("bkl", "benign-keratosis", 2), ("df", "dermatofibroma", 1), ("mel", "melanoma", 1), ("nv", "melanocytic-nevus", 1),
       ("akiec", "actinic-keratosis", 1))
PAD = (("NEV", "melanocytic-nevus", 2), ("SEK", "seborrheic-keratosis", 2), ("ACK", "actinic-keratosis", 1),
       ("MEL", "melanoma", 1))
ISIC = (("melanoma", "melanoma", 2), ("nevus", "melanocytic-nevus", 1), ("solar lentigo", "solar-lentigo", 1),
        ("lentigo NOS", "lentigo", 1), ("unknown", "", 1))
DERM7PT = (("blue nevus", "blue-nevus", 1), ("dermal nevus", "intradermal-nevus", 1),
           ("combined nevus", "combined-nevus", 1), ("congenital nevus", "congenital-nevus", 1),
           ("melanoma (less than 0.76 mm)", "melanoma", 1), ("melanoma (more than 1.5 mm)", "melanoma", 1),
           ("clark nevus", "dysplastic-nevus", 1), ("dermatofibroma", "dermatofibroma", 1),
           ("seborrheic keratosis", "seborrheic-keratosis", 1))
DERM7PT_FIELDS = ("diagnosis", "seven_point_score", "pigment_network", "streaks", "pigmentation", "regression_structures",
                  "dots_and_globules", "blue_whitish_veil", "vascular_structures", "level_of_diagnostic_difficulty",
                  "elevation", "location", "sex", "management")
# The annotator's reading of a Derm7pt value (sets 7 and 8's reading, unchanged); a value not listed gives none.
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


def rows(taken: set[str], normalise, cited: set[str]) -> list[tuple]:
    """`taken`: normalised texts of the gold set and the earlier sets; `cited`: the `source` strings earlier sets
    record. A row whose text is taken or whose source an earlier set cites is skipped."""
    out: list[tuple] = []
    rnd = random.Random(SEED)

    def add(source, text, conds, concs, label):
        if normalise(text) in taken or source in cited:
            return False
        taken.add(normalise(text))
        cited.add(source)
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
            one_of([r for r in ham if r[2] == code][:400],
                   lambda r: ("HAM10000_metadata.csv " + r[1], ",".join(r), [node], [], node))
    h, pad = _read(R + "pad_ufes_20/metadata_with_image_path.csv")
    di, ii = h.index("diagnostic"), h.index("img_id")
    for code, node, n in PAD:
        for _ in range(n):
            one_of([r for r in pad if r[di] == code],
                   lambda r: ("PAD-UFES-20 metadata.csv " + r[ii], ",".join(r), [node], [], node))
    h, isic = _read(R + "isic/ISIC_2020_Training_GroundTruth.csv")
    for dx, node, n in ISIC:
        cands = [r for r in isic if r[5] == dx][:500]
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

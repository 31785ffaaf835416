"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the seventh independent set (run once, output
frozen). Fitzpatrick17k (first seven columns), DDI, HAM10000, PAD-UFES-20 and ISIC 2020 texts are the dataset's own CSV
line, verbatim; only the diagnosis column is annotated (a header-less row shows nothing else a reader could name).
Derm7pt texts are a real meta.csv row written as `column: value` pairs (the dataset's column names and values in its
column order, image paths and notes left out), annotated by the fixed reading in DERM7PT_CONCEPTS. A row whose text is
already in the gold set or an earlier set is skipped (the next row of the label is taken). The node each label names is
the annotator's reading below, not read from ontology/mappings/."""
from __future__ import annotations

import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
SEED = 7717
# label -> (node, concepts)
FITZ = {
 "scleroderma": ("scleroderma", []), "lupus erythematosus": ("lupus-erythematosus", []),
 "photodermatoses": ("photodermatoses", []), "neutrophilic dermatoses": ("neutrophilic-dermatoses", []),
 "porphyria": ("porphyria", []), "mucinosis": ("mucinosis", []),
 "acanthosis nigricans": ("acanthosis-nigricans", []), "aplasia cutis": ("aplasia-cutis", []),
 "basal cell carcinoma morpheiform": ("morpheaform-bcc", []), "becker nevus": ("becker-nevus", []),
 "calcinosis cutis": ("calcinosis-cutis", []), "congenital nevus": ("congenital-nevus", []),
 "dariers disease": ("darier-disease", []), "disseminated actinic porokeratosis": ("dsap", []),
 "ehlers danlos syndrome": ("ehlers-danlos", []), "epidermal nevus": ("epidermal-nevus", []),
 "erythema multiforme": ("erythema-multiforme", []), "erythema nodosum": ("erythema-nodosum", ["nodule"]),
 "fixed eruptions": ("fixed-drug-eruption", []), "fordyce spots": ("fordyce-spots", []),
 "granuloma annulare": ("granuloma-annulare", ["annular"]), "granuloma pyogenic": ("pyogenic-granuloma", []),
 "hailey hailey disease": ("hailey-hailey", []), "hidradenitis": ("hidradenitis-suppurativa", []),
 "ichthyosis vulgaris": ("ichthyosis-vulgaris", []), "juvenile xanthogranuloma": ("xanthogranuloma", []),
 "kaposi sarcoma": ("kaposi-sarcoma", []), "lichen amyloidosis": ("lichen-amyloidosis", []),
 "livedo reticularis": ("livedo-reticularis", ["reticulate"]), "lymphangioma": ("lymphangioma", []),
 "mycosis fungoides": ("mycosis-fungoides", []), "myiasis": ("myiasis", []),
 "naevus comedonicus": ("nevus-comedonicus", []), "necrobiosis lipoidica": ("necrobiosis-lipoidica", []),
 "nematode infection": ("nematode-infection", []), "neurotic excoriations": ("neurotic-excoriations", []),
 "nevocytic nevus": ("melanocytic-nevus", []), "perioral dermatitis": ("perioral-dermatitis", []),
 "pilar cyst": ("pilar-cyst", []), "pilomatricoma": ("pilomatricoma", []),
 "pityriasis lichenoides chronica": ("pityriasis-lichenoides-chronica", []),
 "porokeratosis actinic": ("dsap", []), "scleromyxedema": ("scleromyxedema", []),
 "stasis edema": ("stasis-edema", ["induration"]), "sun damaged skin": ("sun-damaged-skin", []),
 "superficial spreading melanoma ssm": ("superficial-spreading-melanoma", []), "syringoma": ("syringoma", []),
 "telangiectases": ("telangiectases", []), "tick bite": ("tick-bite", []),
 "urticaria pigmentosa": ("urticaria-pigmentosa", []), "xeroderma pigmentosum": ("xeroderma-pigmentosum", []),
}
DDI = {
 "angioma": ("angioma", []),
 "arteriovenous-hemangioma": ("arteriovenous-hemangioma", []),
 "basal-cell-carcinoma-nodular": ("nodular-bcc", ["nodule"]), "benign-keratosis": ("benign-keratosis", []),
 "blue-nevus": ("blue-nevus", []),

 "dermatomyositis": ("dermatomyositis", []), "eccrine-poroma": ("eccrine-poroma", []),
 "inverted-follicular-keratosis": ("inverted-follicular-keratosis", []),
 "lichenoid-keratosis": ("lichenoid-keratosis", []),
 "lymphocytic-infiltrations": ("", []), "metastatic-carcinoma": ("metastatic-carcinoma", []),
 "molluscum-contagiosum": ("molluscum-contagiosum", []), "nevus-lipomatosus-superficialis": ("nevus-lipomatosus", []),
 "onychomycosis": ("onychomycosis", []),
 "scar": ("cutaneous-scar", ["scar-concept"]), "solar-lentigo": ("solar-lentigo", []),
 "syringocystadenoma-papilliferum": ("syringocystadenoma-papilliferum", []),
 "trichilemmoma": ("trichilemmoma", []), "verruca-vulgaris": ("verruca-vulgaris", []),
 "melanoma-in-situ": ("melanoma-in-situ", []),
 "dysplastic-nevus": ("dysplastic-nevus", []),
}
HAM = {"bkl": "benign-keratosis", "bcc": "basal-cell-carcinoma", "mel": "melanoma", "nv": "melanocytic-nevus",
       "df": "dermatofibroma"}
PAD = {"BCC": "basal-cell-carcinoma", "NEV": "melanocytic-nevus", "SEK": "seborrheic-keratosis",
       "ACK": "actinic-keratosis"}
ISIC = (("seborrheic keratosis", "seborrheic-keratosis", 1), ("lichenoid keratosis", "lichenoid-keratosis", 1),
        ("solar lentigo", "solar-lentigo", 1), ("lentigo NOS", "lentigo", 1), ("unknown", "", 2))
DERM7PT = (("clark nevus", "dysplastic-nevus", 2), ("reed or spitz nevus", "spitz-nevus", 1),
           ("melanoma (in situ)", "melanoma-in-situ", 2), ("melanoma (less than 0.76 mm)", "melanoma", 1),
           ("melanoma (more than 1.5 mm)", "melanoma", 1), ("dermal nevus", "intradermal-nevus", 1),
           ("blue nevus", "blue-nevus", 1), ("combined nevus", "combined-nevus", 1),
           ("congenital nevus", "congenital-nevus", 1), ("dermatofibroma", "dermatofibroma", 1),
           ("seborrheic keratosis", "seborrheic-keratosis", 1), ("basal cell carcinoma", "basal-cell-carcinoma", 1),
           ("vascular lesion", "benign-vascular", 1), ("melanosis", "melanosis", 1), ("lentigo", "lentigo", 1))
DERM7PT_FIELDS = ("diagnosis", "seven_point_score", "pigment_network", "streaks", "pigmentation", "regression_structures",
                  "dots_and_globules", "blue_whitish_veil", "vascular_structures", "level_of_diagnostic_difficulty",
                  "elevation", "location", "sex", "management")
# The annotator's reading of a Derm7pt value (README "Derm7pt rows", unchanged from set 6); a value not listed gives none.
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
               lambda r: ("fitzpatrick17k.csv md5 " + r[0], ",".join(r[:7]), [node], concs, node))
    h, dd = _read(R + "ddi/ddi_metadata.csv")
    for lab, (node, concs) in DDI.items():
        one_of([r for r in dd if r[5] == lab],
               lambda r: ("ddi_metadata.csv DDI_ID " + r[1], ",".join(r), [node] if node else [], concs, node))
    h, ham = _read(R + "ham10000/HAM10000_metadata.csv")
    for code, node in HAM.items():
        one_of([r for r in ham if r[2] == code][:400],
               lambda r: ("HAM10000_metadata.csv " + r[1], ",".join(r), [node], [], node))
    h, pad = _read(R + "pad_ufes_20/metadata_with_image_path.csv")
    di, ii = h.index("diagnostic"), h.index("img_id")
    for code, node in PAD.items():
        one_of([r for r in pad if r[di] == code],
               lambda r: ("PAD-UFES-20 metadata.csv " + r[ii], ",".join(r), [node], [], node))
    h, isic = _read(R + "isic/ISIC_2020_Training_GroundTruth.csv")
    for dx, node, n in ISIC:
        cands = [r for r in isic if r[5] == dx][:500]
        for _ in range(n):
            one_of(cands, lambda r: ("ISIC_2020_Training_GroundTruth.csv " + r[0], ",".join(r),
                                     [node] if node else [], [], node))
    h, d7 = _read(R + "derm7pt/meta.csv")

    def derm7(r):
        vals = dict(zip(h, r))
        text = "; ".join(f"{k}: {vals[k]}" for k in DERM7PT_FIELDS)
        concs = [DERM7PT_CONCEPTS[(k, vals[k])] for k in DERM7PT_FIELDS if (k, vals[k]) in DERM7PT_CONCEPTS]
        return ("derm7pt meta.csv case_num " + r[0], text, [node] if node else [], concs, node)
    for dx, node, n in DERM7PT:
        cands = [r for r in d7 if r[1] == dx]
        for _ in range(n):
            one_of(cands, derm7)
    return out

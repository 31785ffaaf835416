"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the sixth independent set (run once, output
frozen). Fitzpatrick17k (first seven columns), DDI, HAM10000, PAD-UFES-20 and ISIC 2020 texts are the dataset's own CSV
line, verbatim, and, as in sets 4 and 5, only the diagnosis column is annotated (a header-less row shows nothing else a
reader could name). Derm7pt texts are a real meta.csv row written as `column: value` pairs (the dataset's own column
names and values, in its column order, image paths and notes left out), so its seven-point criteria are readable and
annotated as concepts by the fixed reading in DERM7PT_CONCEPTS. Labels: ones set 5 did not take, plus new rows of the
group-level Fitzpatrick17k labels. The node each label names is the annotator's reading below, not read from
ontology/mappings/."""
import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
SEED = 6617
FITZ = {
 "acne": "acne-vulgaris", "acquired autoimmune bullous diseaseherpes gestationis": "pemphigoid-gestationis",
 "acrodermatitis enteropathica": "acrodermatitis-enteropathica", "behcets disease": "behcet-disease", "cheilitis": "cheilitis",
 "drug eruption": "drug-eruption", "drug induced pigmentary changes": "drug-induced-pigmentation",
 "dyshidrotic eczema": "dyshidrotic-eczema", "eczema": "eczema", "epidermolysis bullosa": "epidermolysis-bullosa",
 "erythema annulare centrifigum": "erythema-annulare-centrifugum", "erythema elevatum diutinum": "erythema-elevatum-diutinum",
 "factitial dermatitis": "factitial-dermatitis", "halo nevus": "halo-nevus", "incontinentia pigmenti": "incontinentia-pigmenti",
 "langerhans cell histiocytosis": "langerhans-cell-histiocytosis", "lentigo maligna": "lentigo-maligna",
 "lichen simplex": "lichen-simplex-chronicus", "lyme disease": "lyme-disease", "malignant melanoma": "melanoma",
 "neurodermatitis": "neurodermatitis", "nevus sebaceous of jadassohn": "nevus-sebaceus",
 "papilomatosis confluentes and reticulate": "confluent-reticulated-papillomatosis", "paronychia": "paronychia",
 "pediculosis lids": "phthiriasis-palpebrarum", "pityriasis rubra pilaris": "pityriasis-rubra-pilaris",
 "porokeratosis of mibelli": "porokeratosis-of-mibelli", "port wine stain": "port-wine-stain",
 "prurigo nodularis": "prurigo-nodularis", "pustular psoriasis": "pustular-psoriasis", "rhinophyma": "rhinophyma",
 "solid cystic basal cell carcinoma": "nodular-bcc", "stevens johnson syndrome": "stevens-johnson", "striae": "striae",
 "tungiasis": "tungiasis", "xanthomas": "xanthoma", "tuberous sclerosis": "tuberous-sclerosis",
 "neurofibromatosis": "neurofibromatosis", "keratosis pilaris": "keratosis-pilaris",
 "allergic contact dermatitis": "allergic-contact-dermatitis", "scleroderma": "scleroderma",
 "lupus erythematosus": "lupus-erythematosus", "photodermatoses": "photodermatoses",
 "neutrophilic dermatoses": "neutrophilic-dermatoses", "porphyria": "porphyria", "mucinosis": "mucinosis",
 "lupus subacute": "scle",
}
FITZ_CONCEPTS = {"prurigo nodularis": ["nodule"], "pustular psoriasis": ["pustule"],
                 "solid cystic basal cell carcinoma": ["cyst-concept"], "erythema annulare centrifigum": ["annular"],
                 "papilomatosis confluentes and reticulate": ["confluent", "reticulate"]}
# "acne-cystic" and "nodular-melanoma-(nm)" have no row left (every one is in an earlier set): they give no text.
DDI = {
 "abrasions-ulcerations-and-physical-injuries": "physical", "abscess": "abscess", "acne-cystic": "nodulocystic-acne",
 "acquired-digital-fibrokeratoma": "acquired-digital-fibrokeratoma", "acrochordon": "skin-tag",
 "angioleiomyoma": "angioleiomyoma", "atypical-spindle-cell-nevus-of-reed": "spitz-nevus",
 "basal-cell-carcinoma-superficial": "superficial-bcc", "chondroid-syringoma": "chondroid-syringoma",
 "coccidioidomycosis": "coccidioidomycosis", "condyloma-accuminatum": "condyloma-acuminatum",
 "eczema-spongiotic-dermatitis": "eczema", "epidermal-cyst": "epidermoid-cyst", "fibrous-papule": "fibrous-papule",
 "foreign-body-granuloma": "foreign-body-granuloma", "graft-vs-host-disease": "graft-versus-host-disease",
 "hematoma": "hematoma", "melanoma-acral-lentiginous": "acral-lentiginous-melanoma",
 "nodular-melanoma-(nm)": "nodular-melanoma", "pigmented-spindle-cell-nevus-of-reed": "spitz-nevus",
 "sebaceous-carcinoma": "sebaceous-carcinoma", "seborrheic-keratosis-irritated": "irritated-seborrheic-keratosis",
 "squamous-cell-carcinoma-in-situ": "bowens-disease", "squamous-cell-carcinoma-keratoacanthoma": "keratoacanthoma",
 "trichofolliculoma": "trichofolliculoma", "wart": "viral-wart", "morphea": "morphea", "tinea-pedis": "tinea-pedis",
 "hyperpigmentation": "hyperpigmentation", "neuroma": "neuroma",
}
DDI_CONCEPTS = {"acne-cystic": ["cyst-concept"], "nodular-melanoma-(nm)": ["nodule"], "condyloma-accuminatum": ["acuminate"]}
HAM = {"akiec": "actinic-keratosis", "df": "dermatofibroma", "vasc": "benign-vascular"}
PAD = {"ACK": "actinic-keratosis", "SCC": "squamous-cell-carcinoma", "MEL": "melanoma"}
ISIC = (("lentigo NOS", "lentigo", 1),
        ("unknown", "", 3),
        ("melanoma", "melanoma", 1), ("nevus", "melanocytic-nevus", 1))
DERM7PT = (("clark nevus", "dysplastic-nevus", 2), ("reed or spitz nevus", "spitz-nevus", 2),
           ("melanoma (in situ)", "melanoma-in-situ", 1), ("melanoma (less than 0.76 mm)", "melanoma", 1),
           ("melanoma (0.76 to 1.5 mm)", "melanoma", 1), ("melanoma (more than 1.5 mm)", "melanoma", 1),
           ("dermal nevus", "intradermal-nevus", 1), ("vascular lesion", "benign-vascular", 1),
           ("blue nevus", "blue-nevus", 1), ("lentigo", "lentigo", 1), ("melanosis", "melanosis", 1),
           ("combined nevus", "combined-nevus", 1), ("recurrent nevus", "recurrent-nevus", 1),
           ("melanoma metastasis", "melanoma-metastasis", 1), ("congenital nevus", "congenital-nevus", 1),
           ("dermatofibroma", "dermatofibroma", 1), ("seborrheic keratosis", "seborrheic-keratosis", 1),
           ("basal cell carcinoma", "basal-cell-carcinoma", 1), ("miscellaneous", "", 1))
DERM7PT_FIELDS = ("diagnosis", "seven_point_score", "pigment_network", "streaks", "pigmentation", "regression_structures",
                  "dots_and_globules", "blue_whitish_veil", "vascular_structures", "level_of_diagnostic_difficulty",
                  "elevation", "location", "sex", "management")
# The annotator's reading of a Derm7pt value (README: "Derm7pt rows"); a value not listed gives no concept.
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


def _lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        return header, [row for row in rd]


def rows(taken: set[str]):
    """`taken`: texts of the gold set and the earlier independent sets (a row whose text is there is skipped)."""
    out = []
    rnd = random.Random(SEED)

    def add(source, text, conds, concs, label):
        if text in taken:
            return False
        taken.add(text)
        out.append(("metadata", source, text, conds, concs, label))
        return True

    h, fz = _lines(R + "fitzpatrick17k/fitzpatrick17k.csv")
    li = h.index("label")
    for lab, node in FITZ.items():
        cand = [r for r in fz if r[li] == lab]
        assert cand, lab
        for r in rnd.sample(cand, len(cand)):
            if add("fitzpatrick17k.csv md5 " + r[0], ",".join(r[:7]), [node], FITZ_CONCEPTS.get(lab, []), node):
                break
    h, dd = _lines(R + "ddi/ddi_metadata.csv")
    for lab, node in DDI.items():
        cand = [r for r in dd if r[5] == lab]
        assert cand, lab
        for r in rnd.sample(cand, len(cand)):
            if add("ddi_metadata.csv DDI_ID " + r[1], ",".join(r), [node], DDI_CONCEPTS.get(lab, []), node):
                break
    h, ham = _lines(R + "ham10000/HAM10000_metadata.csv")
    for code, node in HAM.items():
        for r in rnd.sample([r for r in ham if r[2] == code], 5):
            if add("HAM10000_metadata.csv " + r[1], ",".join(r), [node], [], node):
                break
    h, pad = _lines(R + "pad_ufes_20/metadata_with_image_path.csv")
    di = h.index("diagnostic")
    for code, node in PAD.items():
        for r in rnd.sample([r for r in pad if r[di] == code], 5):
            if add("PAD-UFES-20 metadata.csv " + r[h.index("img_id")], ",".join(r), [node], [], node):
                break
    h, isic = _lines(R + "isic/ISIC_2020_Training_GroundTruth.csv")
    for dx, node, n in ISIC:
        cand = [r for r in isic if r[5] == dx]
        got = 0
        for r in rnd.sample(cand, min(50 * n, len(cand))):
            if got < n and add("ISIC_2020_Training_GroundTruth.csv " + r[0], ",".join(r), [node] if node else [], [], node):
                got += 1
        assert got == n, dx
    h, d7 = _lines(R + "derm7pt/meta.csv")
    for dx, node, n in DERM7PT:
        cand = [r for r in d7 if r[1] == dx]
        got = 0
        for r in rnd.sample(cand, len(cand)):
            if got == n:
                break
            vals = dict(zip(h, r))
            text = "; ".join(f"{k}: {vals[k]}" for k in DERM7PT_FIELDS)
            concs = [DERM7PT_CONCEPTS[(k, vals[k])] for k in DERM7PT_FIELDS if (k, vals[k]) in DERM7PT_CONCEPTS]
            if add("derm7pt meta.csv case_num " + r[0], text, [node] if node else [], concs, node):
                got += 1
        assert got == n, dx
    return out

"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the fourth independent set (run once,
output frozen). Unlike the earlier sets (which wrote `column: value` pairs), each text here is the dataset's own CSV
line, verbatim, as the file has it (Fitzpatrick17k without its two URL columns): bare codes ("bkl", "ACK"),
hyphenated slugs, the dataset's misspellings and glitches ("erythema annulare centrifigum", "acquired autoimmune
bullous diseaseherpes gestationis", "papilomatosis confluentes and reticulate"). A header-less row only lets a reader
see the diagnosis column, so only the diagnosis is annotated (PAD-UFES-20's True/False columns are not read). The
node each label names is the annotator's reading below, not read from ontology/mappings/."""
import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
FITZ = {
 "acquired autoimmune bullous diseaseherpes gestationis": "pemphigoid-gestationis",
 "papilomatosis confluentes and reticulate": "confluent-reticulated-papillomatosis",
 "pediculosis lids": "phthiriasis-palpebrarum", "erythema annulare centrifigum": "erythema-annulare-centrifugum",
 "nevus sebaceous of jadassohn": "nevus-sebaceus", "malignant melanoma": "melanoma", "lentigo maligna": "lentigo-maligna",
 "xanthomas": "xanthoma", "behcets disease": "behcet-disease", "lichen simplex": "lichen-simplex-chronicus",
 "pustular psoriasis": "pustular-psoriasis", "tungiasis": "tungiasis", "drug induced pigmentary changes": "drug-induced-pigmentation",
 "langerhans cell histiocytosis": "langerhans-cell-histiocytosis", "erythema elevatum diutinum": "erythema-elevatum-diutinum",
 "port wine stain": "port-wine-stain",
}
FITZ_CONCEPTS = {"pustular psoriasis": ["pustule"]}
DDI = {
 "basal-cell-carcinoma-superficial": "superficial-bcc", "melanoma-acral-lentiginous": "acral-lentiginous-melanoma",
 "nodular-melanoma-(nm)": "nodular-melanoma", "squamous-cell-carcinoma-in-situ": "bowens-disease",
 "squamous-cell-carcinoma-keratoacanthoma": "keratoacanthoma", "seborrheic-keratosis-irritated": "irritated-seborrheic-keratosis",
 "acrochordon": "skin-tag", "condyloma-accuminatum": "condyloma-acuminatum", "epidermal-cyst": "epidermoid-cyst",
 "eczema-spongiotic-dermatitis": "eczema", "graft-vs-host-disease": "graft-versus-host-disease", "acne-cystic": "nodulocystic-acne",
 "melanocytic-nevi": "melanocytic-nevus",
}
DDI_CONCEPTS = {"nodular-melanoma-(nm)": ["nodule"], "acne-cystic": ["cyst-concept"]}
HAM = {"df": "dermatofibroma", "vasc": "benign-vascular", "akiec": "actinic-keratosis"}
PAD = {"SCC": "squamous-cell-carcinoma", "ACK": "actinic-keratosis", "MEL": "melanoma"}
ISIC = {"lentigo NOS": "lentigo", "atypical melanocytic proliferation": "atypical-melanocytic-proliferation",
        "cafe-au-lait macule": "cafe-au-lait-macule"}


def _lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        return header, [row for row in rd]


def rows(taken: set[str]):
    """`taken`: texts of the gold set and the earlier independent sets (a row whose text is there is skipped)."""
    out = []
    rnd = random.Random(4417)

    def add(source, text, conds, concs, label):
        if text in taken:
            return False
        taken.add(text)
        out.append(("metadata", source, text, conds, concs, label))
        return True

    h, fz = _lines(R + "fitzpatrick17k/fitzpatrick17k.csv")
    li = h.index("label")
    for lab, node in FITZ.items():
        for r in rnd.sample([r for r in fz if r[li] == lab], len([r for r in fz if r[li] == lab])):
            if add("fitzpatrick17k.csv md5 " + r[0], ",".join(r[:7]), [node], FITZ_CONCEPTS.get(lab, []), node):
                break
    h, dd = _lines(R + "ddi/ddi_metadata.csv")
    for lab, node in DDI.items():
        for r in rnd.sample([r for r in dd if r[5] == lab], len([r for r in dd if r[5] == lab])):
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
    for dx, node in ISIC.items():
        cand = [r for r in isic if r[5] == dx]
        for r in rnd.sample(cand, min(5, len(cand))):
            if add("ISIC_2020_Training_GroundTruth.csv " + r[0], ",".join(r), [node], [], node):
                break
    return out

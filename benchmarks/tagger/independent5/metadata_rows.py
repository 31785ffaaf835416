"""Metadata texts from real rows of ../shared/realdata/dataset_metadata for the fifth independent set (run once,
output frozen). As in the fourth set, each text is the dataset's own CSV line, verbatim (Fitzpatrick17k without its
two URL columns), and only the diagnosis column is annotated (a header-less row shows nothing else a reader could
name). Labels are ones the fourth set did not take, with the group-level Fitzpatrick17k labels ("scleroderma",
"lupus erythematosus", "photodermatoses", "neutrophilic dermatoses", "porphyria", "mucinosis") among them. The node
each label names is the annotator's reading below, not read from ontology/mappings/."""
import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
FITZ = {
 "scleroderma": "scleroderma", "lupus erythematosus": "lupus-erythematosus", "lupus subacute": "scle",
 "photodermatoses": "photodermatoses", "neutrophilic dermatoses": "neutrophilic-dermatoses", "porphyria": "porphyria",
 "mucinosis": "mucinosis", "nematode infection": "nematode-infection", "fixed eruptions": "fixed-drug-eruption",
 "hidradenitis": "hidradenitis-suppurativa", "granuloma pyogenic": "pyogenic-granuloma", "nevocytic nevus": "melanocytic-nevus",
 "naevus comedonicus": "nevus-comedonicus", "porokeratosis actinic": "dsap", "disseminated actinic porokeratosis": "dsap",
 "basal cell carcinoma morpheiform": "morpheaform-bcc", "superficial spreading melanoma ssm": "superficial-spreading-melanoma",
 "dariers disease": "darier-disease", "hailey hailey disease": "hailey-hailey", "stasis edema": "stasis-edema",
 "sun damaged skin": "sun-damaged-skin", "tick bite": "tick-bite", "aplasia cutis": "aplasia-cutis",
 "ehlers danlos syndrome": "ehlers-danlos", "juvenile xanthogranuloma": "xanthogranuloma", "lichen amyloidosis": "lichen-amyloidosis",
 "lymphangioma": "lymphangioma", "myiasis": "myiasis", "pityriasis lichenoides chronica": "pityriasis-lichenoides-chronica",
 "scleromyxedema": "scleromyxedema", "urticaria pigmentosa": "urticaria-pigmentosa", "xeroderma pigmentosum": "xeroderma-pigmentosum",
 "calcinosis cutis": "calcinosis-cutis", "mucous cyst": "mucocele", "necrobiosis lipoidica": "necrobiosis-lipoidica",
 "livedo reticularis": "livedo-reticularis", "telangiectases": "telangiectases", "becker nevus": "becker-nevus",
 "neurotic excoriations": "neurotic-excoriations", "fordyce spots": "fordyce-spots",
}
FITZ_CONCEPTS = {"livedo reticularis": ["reticulate"], "telangiectases": ["telangiectasia"]}
DDI = {
 "basal-cell-carcinoma-nodular": "nodular-bcc", "dysplastic-nevus": "dysplastic-nevus", "melanoma-in-situ": "melanoma-in-situ",
 "eccrine-poroma": "eccrine-poroma", "inverted-follicular-keratosis": "inverted-follicular-keratosis", "blue-nevus": "blue-nevus",
 "kaposi-sarcoma": "kaposi-sarcoma", "mycosis-fungoides": "mycosis-fungoides", "nevus-lipomatosus-superficialis": "nevus-lipomatosus",
 "syringocystadenoma-papilliferum": "syringocystadenoma-papilliferum", "arteriovenous-hemangioma": "arteriovenous-hemangioma",
 "acral-melanotic-macule": "acral-melanotic-macule", "cellular-neurothekeoma": "neurothekeoma", "glomangioma": "glomus-tumor",
 "subcutaneous-t-cell-lymphoma": "sptcl", "blastic-plasmacytoid-dendritic-cell-neoplasm": "bpdcn",
 "reactive-lymphoid-hyperplasia": "cutaneous-lymphoid-hyperplasia", "verruciform-xanthoma": "verruciform-xanthoma",
 "metastatic-carcinoma": "metastatic-carcinoma", "clear-cell-acanthoma": "clear-cell-acanthoma",
 "trichilemmoma": "trichilemmoma", "leukemia-cutis": "leukemia-cutis",
}
DDI_CONCEPTS = {"basal-cell-carcinoma-nodular": ["nodule"]}
HAM = {"bcc": "basal-cell-carcinoma", "bkl": "benign-keratosis", "mel": "melanoma", "nv": "melanocytic-nevus"}
PAD = {"BCC": "basal-cell-carcinoma", "NEV": "melanocytic-nevus", "SEK": "seborrheic-keratosis"}
ISIC = {"lichenoid keratosis": "lichenoid-keratosis", "solar lentigo": "solar-lentigo", "seborrheic keratosis": "seborrheic-keratosis",
        "nevus": "melanocytic-nevus", "melanoma": "melanoma"}


def _lines(path):
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        return header, [row for row in rd]


def rows(taken: set[str]):
    """`taken`: texts of the gold set and the earlier independent sets (a row whose text is there is skipped)."""
    out = []
    rnd = random.Random(5517)

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
    for dx, node in ISIC.items():
        cand = [r for r in isic if r[5] == dx]
        for r in rnd.sample(cand, min(5, len(cand))):
            if add("ISIC_2020_Training_GroundTruth.csv " + r[0], ",".join(r), [node], [], node):
                break
    return out

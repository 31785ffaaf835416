"""Metadata-style texts built from real rows of ../shared/realdata/dataset_metadata (run once, output frozen).

Each text is a row written the way its dataset writes it ("label: ...; fitzpatrick_scale: 3"), with the
node the label names annotated by hand in LABEL_NODE below (not read from ontology/mappings/).
"""
import csv, json, random
R = "/work/shared/realdata/dataset_metadata/"
LABEL_NODE = {
 # fitzpatrick17k label -> node (annotator's reading)
 "lupus subacute": "scle", "photodermatoses": "photodermatoses", "scleroderma": "scleroderma",
 "lupus erythematosus": "lupus-erythematosus", "basal cell carcinoma morpheiform": "morpheaform-bcc",
 "solid cystic basal cell carcinoma": "nodular-bcc", "granuloma pyogenic": "pyogenic-granuloma",
 "superficial spreading melanoma ssm": "superficial-spreading-melanoma", "sun damaged skin": "sun-damaged-skin",
 "nevocytic nevus": "melanocytic-nevus", "pediculosis lids": "phthiriasis-palpebrarum", "stasis edema": "stasis-edema",
 "papilomatosis confluentes and reticulate": "confluent-reticulated-papillomatosis", "erythema annulare centrifigum": "erythema-annulare-centrifugum",
 "neutrophilic dermatoses": "neutrophilic-dermatoses", "acquired autoimmune bullous diseaseherpes gestationis": "pemphigoid-gestationis",
 "telangiectases": "telangiectases", "drug induced pigmentary changes": "drug-induced-pigmentation", "fixed eruptions": "fixed-drug-eruption",
 "porokeratosis actinic": "dsap", "port wine stain": "port-wine-stain", "dariers disease": "darier-disease",
 # DDI slugs
 "melanoma-in-situ": "melanoma-in-situ", "basal-cell-carcinoma-superficial": "superficial-bcc", "dysplastic-nevus": "dysplastic-nevus",
 "seborrheic-keratosis-irritated": "irritated-seborrheic-keratosis", "squamous-cell-carcinoma-keratoacanthoma": "keratoacanthoma",
 "abrasions-ulcerations-and-physical-injuries": "physical", "eczema-spongiotic-dermatitis": "eczema", "nodular-melanoma-(nm)": "nodular-melanoma",
 "condyloma-accuminatum": "condyloma-acuminatum", "acral-melanotic-macule": "acral-melanotic-macule", "squamous-cell-carcinoma-in-situ": "bowens-disease",
 "verruca-vulgaris": "verruca-vulgaris", "graft-vs-host-disease": "graft-versus-host-disease", "melanocytic-nevi": "melanocytic-nevus",
 # SCIN
 "Photodermatitis": "photodermatoses", "Leukocytoclastic Vasculitis": "leukocytoclastic-vasculitis", "Cutaneous lupus": "lupus-erythematosus",
 "Purpura": "purpura", "Insect Bite": "insect-bite", "Herpes Zoster": "herpes-zoster", "SCC/SCCIS": "squamous-cell-carcinoma",
 "Lichen planus/lichenoid eruption": "lichen-planus", "Tinea Versicolor": "tinea-versicolor", "Pigmented purpuric eruption": "pigmented-purpuric-dermatosis",
 "CD - Contact dermatitis": "contact-dermatitis", "O/E - ecchymoses present": "ecchymosis",
 # derm7pt
 "melanoma (in situ)": "melanoma-in-situ", "melanoma (less than 0.76 mm)": "melanoma", "clark nevus": "dysplastic-nevus",
 "reed or spitz nevus": "spitz-nevus", "seborrheic keratosis": "seborrheic-keratosis", "basal cell carcinoma": "basal-cell-carcinoma",
 "dermal nevus": "intradermal-nevus", "blue nevus": "blue-nevus", "vascular lesion": "benign-vascular", "melanoma metastasis": "melanoma-metastasis",
 "melanoma (more than 1.5 mm)": "melanoma", "combined nevus": "combined-nevus",
}
D7_CONCEPT = {  # 7-point column value -> concept (status): the annotation rule for Derm7pt rows
 ("pigment_network", "typical"): "pigment-network", ("pigment_network", "atypical"): "atypical-pigment-network",
 ("pigment_network", "absent"): "!pigment-network", ("streaks", "absent"): "!streaks", ("streaks", "regular"): "streaks",
 ("streaks", "irregular"): "streaks", ("dots_and_globules", "absent"): "!dots-and-globules", ("dots_and_globules", "regular"): "dots-and-globules",
 ("dots_and_globules", "irregular"): "dots-and-globules", ("blue_whitish_veil", "absent"): "!blue-whitish-veil",
 ("blue_whitish_veil", "present"): "blue-whitish-veil", ("regression_structures", "absent"): "!regression-structures",
 ("vascular_structures", "arborizing"): "arborizing-vessels", ("vascular_structures", "dotted"): "dotted-vessels",
 ("vascular_structures", "comma"): "comma-vessels", ("vascular_structures", "hairpin"): "hairpin-vessels",
 ("elevation", "nodular"): "nodule", ("regression_structures", "blue areas"): "regression-structures",
 ("regression_structures", "white areas"): "regression-structures", ("regression_structures", "combinations"): "regression-structures",
 ("vascular_structures", "linear irregular"): "linear-irregular-vessels", ("vascular_structures", "wreath"): "crown-vessels",

}

def rows():
    out = []
    fz = {r["label"]: r for r in csv.DictReader(open(R + "fitzpatrick17k/fitzpatrick17k.csv"))}
    for lab in [k for k in LABEL_NODE if k in fz]:
        r = fz[lab]
        t = (f"label: {lab}; nine_partition_label: {r['nine_partition_label']}; three_partition_label: "
             f"{r['three_partition_label']}; fitzpatrick_scale: {r['fitzpatrick_scale']}")
        out.append(("metadata", "fitzpatrick17k.csv md5 " + r["md5hash"], t, [LABEL_NODE[lab]], [], LABEL_NODE[lab]))
    ddi = {r["disease"]: r for r in csv.DictReader(open(R + "ddi/ddi_metadata.csv"))}
    for lab in [k for k in LABEL_NODE if k in ddi]:
        r = ddi[lab]
        t = f"DDI_file: {r['DDI_file']}, skin_tone: {r['skin_tone']}, malignant: {r['malignant']}, disease: {lab}"
        out.append(("metadata", "ddi_metadata.csv DDI_ID " + r["DDI_ID"], t, [LABEL_NODE[lab]], [], LABEL_NODE[lab]))
    for lab in ["Photodermatitis", "Leukocytoclastic Vasculitis", "Cutaneous lupus", "Purpura", "Insect Bite", "Herpes Zoster",
                "SCC/SCCIS", "Lichen planus/lichenoid eruption", "Tinea Versicolor", "Pigmented purpuric eruption",
                "CD - Contact dermatitis", "O/E - ecchymoses present"]:
        t = f"dermatologist_skin_condition_on_label_name: ['{lab}']; dermatologist_skin_condition_confidence: [4]"
        out.append(("metadata", "scin condition name (demo notebook)", t, [LABEL_NODE[lab]], [], LABEL_NODE[lab]))
    d7 = list(csv.DictReader(open(R + "derm7pt/meta.csv")))
    rnd = random.Random(17)
    seen = set()
    for r in rnd.sample(d7, 200):
        if r["diagnosis"] not in LABEL_NODE or r["diagnosis"] in seen:
            continue
        seen.add(r["diagnosis"])
        cols = ["pigment_network", "streaks", "dots_and_globules", "blue_whitish_veil", "regression_structures",
                "vascular_structures", "elevation"]
        t = f"diagnosis: {r['diagnosis']}; " + "; ".join(f"{c}: {r[c]}" for c in cols) + f"; location: {r['location']}"
        concepts = [D7_CONCEPT[(c, r[c])] for c in cols if (c, r[c]) in D7_CONCEPT]
        out.append(("metadata", "derm7pt meta.csv case " + r["case_num"], t, [LABEL_NODE[r["diagnosis"]]], concepts,
                    LABEL_NODE[r["diagnosis"]]))
    return out

if __name__ == "__main__":
    for r in rows():
        print(json.dumps(r))

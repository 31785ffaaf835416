"""Metadata-style texts from real rows of ../shared/realdata/dataset_metadata for the third independent set (run
once, output frozen). Each text is a row written the way its dataset writes it; the node a label names is the
annotator's reading below (not read from ontology/mappings/). Rows are chosen so that no text is in the gold set
or the first or second independent set (build.py checks it): Fitzpatrick17k labels neither set used plus the
group-level labels (with a row whose text neither set has), DDI slugs neither set used, SCIN names in the
`weighted_skin_condition_label` form that the earlier sets did not write that way, other Derm7pt cases
(including diagnoses neither set had), and new PAD-UFES-20, HAM10000 and ISIC 2020 rows."""
import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
FITZ = {
 # labels neither earlier set used
 "acne vulgaris": "acne-vulgaris", "acrodermatitis enteropathica": "acrodermatitis-enteropathica",
 "allergic contact dermatitis": "allergic-contact-dermatitis", "cheilitis": "cheilitis", "congenital nevus": "congenital-nevus",
 "dermatomyositis": "dermatomyositis", "disseminated actinic porokeratosis": "dsap", "dyshidrotic eczema": "dyshidrotic-eczema",
 "eczema": "eczema", "epidermal nevus": "epidermal-nevus", "epidermolysis bullosa": "epidermolysis-bullosa",
 "erythema nodosum": "erythema-nodosum", "folliculitis": "folliculitis",  "hidradenitis": "hidradenitis-suppurativa",
 "ichthyosis vulgaris": "ichthyosis-vulgaris", "incontinentia pigmenti": "incontinentia-pigmenti", "keloid": "keloid",
 "lichen amyloidosis": "lichen-amyloidosis", "lichen planus": "lichen-planus", "melanoma": "melanoma", "mucinosis": "mucinosis",
 "mycosis fungoides": "mycosis-fungoides", "naevus comedonicus": "nevus-comedonicus", "necrobiosis lipoidica": "necrobiosis-lipoidica",
 "neurofibromatosis": "neurofibromatosis", "perioral dermatitis": "perioral-dermatitis", "pityriasis rosea": "pityriasis-rosea",
 "porokeratosis of mibelli": "porokeratosis-of-mibelli", "psoriasis": "psoriasis", "pyogenic granuloma": "pyogenic-granuloma",
 "rosacea": "rosacea", "scabies": "scabies", "scleromyxedema": "scleromyxedema", "seborrheic dermatitis": "seborrheic-dermatitis",
 "squamous cell carcinoma": "squamous-cell-carcinoma", "stevens johnson syndrome": "stevens-johnson", "syringoma": "syringoma",
 "urticaria": "urticaria", "urticaria pigmentosa": "urticaria-pigmentosa", "vitiligo": "vitiligo",
 # group-level and inverted / dataset-spelled labels again, from another row
 "scleroderma": "scleroderma", "lupus erythematosus": "lupus-erythematosus", "photodermatoses": "photodermatoses",
 "neutrophilic dermatoses": "neutrophilic-dermatoses", "lupus subacute": "scle", "fixed eruptions": "fixed-drug-eruption", "granuloma pyogenic": "pyogenic-granuloma", "superficial spreading melanoma ssm": "superficial-spreading-melanoma",
 "solid cystic basal cell carcinoma": "nodular-bcc", "basal cell carcinoma morpheiform": "morpheaform-bcc", "sun damaged skin": "sun-damaged-skin",
 "nevocytic nevus": "melanocytic-nevus", "porokeratosis actinic": "dsap",
}
FITZ_CONCEPTS = {"epidermolysis bullosa": ["bulla"]}
DDI = {
 "squamous-cell-carcinoma": "squamous-cell-carcinoma", "mycosis-fungoides": "mycosis-fungoides", "pyogenic-granuloma": "pyogenic-granuloma",
 "seborrheic-keratosis": "seborrheic-keratosis", 
 "basal-cell-carcinoma": "basal-cell-carcinoma", "melanoma": "melanoma", "blue-nevus": "blue-nevus",
 "kaposi-sarcoma": "kaposi-sarcoma", "prurigo-nodularis": "prurigo-nodularis", 
 "hyperpigmentation": "hyperpigmentation", "xanthogranuloma": "xanthogranuloma", "subcutaneous-t-cell-lymphoma": "sptcl",
 "folliculitis": "folliculitis",
 "pigmented-spindle-cell-nevus-of-reed": "spitz-nevus", "dermatomyositis": "dermatomyositis", "cellular-neurothekeoma": "neurothekeoma",
 "reactive-lymphoid-hyperplasia": "cutaneous-lymphoid-hyperplasia", "blastic-plasmacytoid-dendritic-cell-neoplasm": "bpdcn",
}
DDI_CONCEPTS = {"prurigo-nodularis": ["nodule"]}
SCIN = {
 "Insect Bite": "insect-bite", "Psoriasis": "psoriasis", "Acne": "acne-vulgaris", "Keratosis pilaris": "keratosis-pilaris",
 "Granuloma annulare": "granuloma-annulare", "Abscess": "abscess", "Acute and chronic dermatitis": "eczema",
 "Erythema multiforme": "erythema-multiforme", "Prurigo nodularis": "prurigo-nodularis", "Herpes Zoster": "herpes-zoster",
 "Leukocytoclastic Vasculitis": "leukocytoclastic-vasculitis", "Pigmented purpuric eruption": "pigmented-purpuric-dermatosis",
 "Purpura": "purpura", "Photodermatitis": "photodermatoses", "Cutaneous lupus": "lupus-erythematosus",
 "CD - Contact dermatitis": "contact-dermatitis", "O/E - ecchymoses present": "ecchymosis", "SCC/SCCIS": "squamous-cell-carcinoma",
 "Tinea Versicolor": "tinea-versicolor", "Lichen planus/lichenoid eruption": "lichen-planus",
}
SCIN_CONCEPTS = {"Prurigo nodularis": ["nodule"]}
D7 = {  # derm7pt diagnosis -> node ("miscellaneous" names no diagnosis)
 "melanoma (0.76 to 1.5 mm)": "melanoma", "lentigo": "lentigo", "dermatofibroma": "dermatofibroma", "congenital nevus": "congenital-nevus",
 "melanosis": "melanosis", "recurrent nevus": "recurrent-nevus", "melanoma": "melanoma", "miscellaneous": "",
 "clark nevus": "dysplastic-nevus", "melanoma (in situ)": "melanoma-in-situ", "reed or spitz nevus": "spitz-nevus",
 "basal cell carcinoma": "basal-cell-carcinoma", "seborrheic keratosis": "seborrheic-keratosis", "dermal nevus": "intradermal-nevus",
 "blue nevus": "blue-nevus", "vascular lesion": "benign-vascular", "combined nevus": "combined-nevus",
}
D7_CONCEPT = {  # 7-point column value -> concept (status): the same reading as the first set's Derm7pt rows
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
PAD = {"ACK": "actinic-keratosis", "BCC": "basal-cell-carcinoma", "MEL": "melanoma", "NEV": "melanocytic-nevus",
       "SCC": "squamous-cell-carcinoma", "SEK": "seborrheic-keratosis"}
HAM = {"akiec": "actinic-keratosis", "bcc": "basal-cell-carcinoma", "df": "dermatofibroma", "mel": "melanoma",
       "nv": "melanocytic-nevus", "vasc": "benign-vascular", "bkl": "benign-keratosis"}
ISIC = {"nevus": "melanocytic-nevus", "melanoma": "melanoma", "seborrheic keratosis": "seborrheic-keratosis",
        "lentigo NOS": "lentigo", "lichenoid keratosis": "lichenoid-keratosis", "solar lentigo": "solar-lentigo", "unknown": ""}


def rows(taken: set[str]):
    """`taken`: texts of the gold set and the earlier independent sets (a row whose text is there is skipped)."""
    out = []

    def add(source, text, conds, concs, label):
        if text not in taken:
            taken.add(text)
            out.append(("metadata", source, text, conds, concs, label))
            return True
        return False

    fz = {}
    for r in csv.DictReader(open(R + "fitzpatrick17k/fitzpatrick17k.csv")):
        fz.setdefault(r["label"], []).append(r)
    for lab, node in FITZ.items():
        for r in fz[lab][1:] + fz[lab][:1]:  # the second row of the label first (set 2 used the first, set 1 the last)
            t = (f"label: {lab}; nine_partition_label: {r['nine_partition_label']}; three_partition_label: "
                 f"{r['three_partition_label']}; fitzpatrick_scale: {r['fitzpatrick_scale']}")
            if add("fitzpatrick17k.csv md5 " + r["md5hash"], t, [node], FITZ_CONCEPTS.get(lab, []), node):
                break
    ddi = {}
    for r in csv.DictReader(open(R + "ddi/ddi_metadata.csv")):
        ddi.setdefault(r["disease"], []).append(r)
    for lab, node in DDI.items():
        r = ddi[lab][-1]
        t = f"DDI_file: {r['DDI_file']}, skin_tone: {r['skin_tone']}, malignant: {r['malignant']}, disease: {lab}"
        add("ddi_metadata.csv DDI_ID " + r["DDI_ID"], t, [node], DDI_CONCEPTS.get(lab, []), node)
    for lab, node in SCIN.items():
        t = f"weighted_skin_condition_label: {{'{lab}': 1.0}}; dermatologist_gradable_for_skin_condition_1: DEFAULT_YES_IMAGE_QUALITY_SUFFICIENT"
        add("scin condition name (demo notebook)", t, [node], SCIN_CONCEPTS.get(lab, []), node)
    d7 = list(csv.DictReader(open(R + "derm7pt/meta.csv")))
    rnd = random.Random(3317)
    cols = ["pigment_network", "streaks", "dots_and_globules", "blue_whitish_veil", "regression_structures",
            "vascular_structures", "elevation"]
    for dx, node in D7.items():
        for r in rnd.sample([d for d in d7 if d["diagnosis"] == dx], len([d for d in d7 if d["diagnosis"] == dx])):
            t = f"diagnosis: {dx}; " + "; ".join(f"{c}: {r[c]}" for c in cols) + f"; location: {r['location']}"
            concepts = [D7_CONCEPT[(c, r[c])] for c in cols if (c, r[c]) in D7_CONCEPT]
            if add("derm7pt meta.csv case " + r["case_num"], t, [node] if node else [], concepts, node):
                break
    pad = list(csv.DictReader(open(R + "pad_ufes_20/metadata_with_image_path.csv")))
    for n, (code, node) in enumerate(PAD.items()):
        for itch in (("True",), ("False",))[n % 2]:  # one row per diagnosis, itch answered yes and no in turn
            for r in rnd.sample([p for p in pad if p["diagnostic"] == code and p["itch"] == itch], 5):
                t = (f"img_id: {r['img_id']}, diagnostic: {code}, region: {r['region']}, itch: {r['itch']}, "
                     f"grew: {r['grew']}, changed: {r['changed']}, biopsed: {r['biopsed']}")
                if add("PAD-UFES-20 metadata.csv " + r["img_id"], t, [node, "pruritus" if itch == "True" else "!pruritus"], [], node):
                    break
    ham = list(csv.DictReader(open(R + "ham10000/HAM10000_metadata.csv")))
    for code, node in HAM.items():
        for r in rnd.sample([h for h in ham if h["dx"] == code], 5):
            t = (f"image_id: {r['image_id']}, dx: {code}, dx_type: {r['dx_type']}, age: {r['age']}, sex: {r['sex']}, "
                 f"localization: {r['localization']}")
            if add("HAM10000_metadata.csv " + r["image_id"], t, [node], [], node):
                break
    isic = list(csv.DictReader(open(R + "isic/ISIC_2020_Training_GroundTruth.csv")))
    for dx, node in ISIC.items():
        for r in rnd.sample([h for h in isic if h["diagnosis"] == dx], min(5, sum(h["diagnosis"] == dx for h in isic))):
            t = (f"image_name: {r['image_name']}, sex: {r['sex']}, age_approx: {r['age_approx']}, anatom_site_general_challenge: "
                 f"{r['anatom_site_general_challenge']}, diagnosis: {dx}, benign_malignant: {r['benign_malignant']}")
            if add("ISIC_2020_Training_GroundTruth.csv " + r["image_name"], t, [node] if node else [], [], node):
                break
    return out

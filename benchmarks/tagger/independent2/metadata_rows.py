"""Metadata-style texts from real rows of ../shared/realdata/dataset_metadata that the first independent set
did not use (run once, output frozen). Each text is a row written the way its dataset writes it; the node a
label names is the annotator's reading in LABEL_NODE (not read from ontology/mappings/)."""
import csv
import random

R = "/work/shared/realdata/dataset_metadata/"
FITZ = {
 "acanthosis nigricans": "acanthosis-nigricans", "acne": "acne-vulgaris", "actinic keratosis": "actinic-keratosis",
 "aplasia cutis": "aplasia-cutis", "becker nevus": "becker-nevus", "behcets disease": "behcet-disease",
 "calcinosis cutis": "calcinosis-cutis", "dermatofibroma": "dermatofibroma", "drug eruption": "drug-eruption",
 "ehlers danlos syndrome": "ehlers-danlos", "erythema elevatum diutinum": "erythema-elevatum-diutinum",
 "erythema multiforme": "erythema-multiforme", "factitial dermatitis": "factitial-dermatitis", "fordyce spots": "fordyce-spots",
 "granuloma annulare": "granuloma-annulare", "hailey hailey disease": "hailey-hailey", "halo nevus": "halo-nevus",
 "juvenile xanthogranuloma": "xanthogranuloma", "kaposi sarcoma": "kaposi-sarcoma", "keratosis pilaris": "keratosis-pilaris",
 "langerhans cell histiocytosis": "langerhans-cell-histiocytosis", "lentigo maligna": "lentigo-maligna",
 "lichen simplex": "lichen-simplex-chronicus", "livedo reticularis": "livedo-reticularis", "lyme disease": "lyme-disease",
 "lymphangioma": "lymphangioma", "malignant melanoma": "melanoma", "milia": "milia", "mucous cyst": "mucocele",
 "myiasis": "myiasis", "nematode infection": "nematode-infection", "neurodermatitis": "lichen-simplex-chronicus",
 "neurotic excoriations": "neurotic-excoriations", "nevus sebaceous of jadassohn": "nevus-sebaceus", "paronychia": "paronychia",
 "pilar cyst": "pilar-cyst", "pilomatricoma": "pilomatricoma", "pityriasis lichenoides chronica": "pityriasis-lichenoides-chronica",
 "pityriasis rubra pilaris": "pityriasis-rubra-pilaris", "porphyria": "porphyria", "prurigo nodularis": "prurigo-nodularis",
 "rhinophyma": "rhinophyma", "sarcoidosis": "sarcoidosis", "striae": "striae", "tick bite": "tick-bite",
 "tuberous sclerosis": "tuberous-sclerosis", "tungiasis": "tungiasis", "xanthomas": "xanthoma",
 "xeroderma pigmentosum": "xeroderma-pigmentosum", "pustular psoriasis": "pustular-psoriasis",
}
FITZ_CONCEPTS = {"prurigo nodularis": ["nodule"], "pustular psoriasis": ["pustule"]}
DDI = {
 "abscess": "abscess", "acquired-digital-fibrokeratoma": "acquired-digital-fibrokeratoma", "acrochordon": "skin-tag",
 "angioleiomyoma": "angioleiomyoma", "arteriovenous-hemangioma": "arteriovenous-hemangioma",
 "atypical-spindle-cell-nevus-of-reed": "spitz-nevus", "basal-cell-carcinoma-nodular": "nodular-bcc",
 "benign-keratosis": "benign-keratosis", "chondroid-syringoma": "chondroid-syringoma", "clear-cell-acanthoma": "clear-cell-acanthoma",
 "coccidioidomycosis": "coccidioidomycosis", "eccrine-poroma": "eccrine-poroma", "epidermal-cyst": "epidermoid-cyst",
 "fibrous-papule": "fibrous-papule", "foreign-body-granuloma": "foreign-body-granuloma", "glomangioma": "glomus-tumor",
 "hematoma": "hematoma", "inverted-follicular-keratosis": "inverted-follicular-keratosis", "leukemia-cutis": "leukemia-cutis",
 "lichenoid-keratosis": "lichenoid-keratosis", "lipoma": "lipoma", "melanoma-acral-lentiginous": "acral-lentiginous-melanoma",
 "metastatic-carcinoma": "metastatic-carcinoma", "molluscum-contagiosum": "molluscum-contagiosum", "morphea": "morphea",
 "neurofibroma": "neurofibroma", "neuroma": "neuroma", "nevus-lipomatosus-superficialis": "nevus-lipomatosus",
 "onychomycosis": "onychomycosis", "sebaceous-carcinoma": "sebaceous-carcinoma", "solar-lentigo": "solar-lentigo",
 "syringocystadenoma-papilliferum": "syringocystadenoma-papilliferum", "tinea-pedis": "tinea-pedis",
 "trichilemmoma": "trichilemmoma", "trichofolliculoma": "trichofolliculoma", "verruciform-xanthoma": "verruciform-xanthoma",
 "wart": "viral-wart", "scar": "cutaneous-scar",
}
DDI_CONCEPTS = {"basal-cell-carcinoma-nodular": ["nodule"]}
SCIN = {
 "Eczema": "eczema", "Allergic Contact Dermatitis": "allergic-contact-dermatitis", "Urticaria": "urticaria",
 "Folliculitis": "folliculitis", "Irritant Contact Dermatitis": "irritant-contact-dermatitis", "Tinea": "dermatophytosis",
 "Drug Rash": "drug-eruption", "Herpes Simplex": "herpes-simplex", "Impetigo": "impetigo",
 "Acute dermatitis, NOS": "eczema", "Hypersensitivity": "hypersensitivity-reaction", "Pityriasis rosea": "pityriasis-rosea",
 "Viral Exanthem": "viral-exanthem", "Lichen Simplex Chronicus": "lichen-simplex-chronicus", "Stasis Dermatitis": "stasis-dermatitis",
 "Scabies": "scabies", "Molluscum Contagiosum": "molluscum-contagiosum", "Rosacea": "rosacea",
 "Abrasion, scrape, or scab": "abrasion", "Seborrheic Dermatitis": "seborrheic-dermatitis", "Cellulitis": "cellulitis",
 "Verruca vulgaris": "verruca-vulgaris", "Intertrigo": "intertrigo", "Miliaria": "miliaria", "Syphilis": "syphilis",
 "Lichen nitidus": "lichen-nitidus", "Inflicted skin lesions": "inflicted-skin-lesions",
 "Perioral Dermatitis": "perioral-dermatitis", "Post-Inflammatory hyperpigmentation": "post-inflammatory-hyperpigmentation",
 "Pityriasis lichenoides": "pityriasis-lichenoides",
}
PAD = {"ACK": "actinic-keratosis", "BCC": "basal-cell-carcinoma", "MEL": "melanoma", "NEV": "melanocytic-nevus",
       "SCC": "squamous-cell-carcinoma", "SEK": "seborrheic-keratosis"}
HAM = {"akiec": "actinic-keratosis", "bcc": "basal-cell-carcinoma", "df": "dermatofibroma", "mel": "melanoma",
       "nv": "melanocytic-nevus", "vasc": "benign-vascular", "bkl": "benign-keratosis"}
ISIC = {"nevus": "melanocytic-nevus", "melanoma": "melanoma", "seborrheic keratosis": "seborrheic-keratosis",
        "lentigo NOS": "lentigo", "lichenoid keratosis": "lichenoid-keratosis", "solar lentigo": "solar-lentigo",
        "cafe-au-lait macule": "cafe-au-lait-macule", "atypical melanocytic proliferation": "atypical-melanocytic-proliferation"}


def rows():
    out = []
    fz = {}
    for r in csv.DictReader(open(R + "fitzpatrick17k/fitzpatrick17k.csv")):
        fz.setdefault(r["label"], r)  # the first row of each label (the first set used the last)
    for lab, node in FITZ.items():
        r = fz[lab]
        t = (f"label: {lab}; nine_partition_label: {r['nine_partition_label']}; three_partition_label: "
             f"{r['three_partition_label']}; fitzpatrick_scale: {r['fitzpatrick_scale']}")
        out.append(("metadata", "fitzpatrick17k.csv md5 " + r["md5hash"], t, [node], FITZ_CONCEPTS.get(lab, []), node))
    ddi = {}
    for r in csv.DictReader(open(R + "ddi/ddi_metadata.csv")):
        ddi.setdefault(r["disease"], r)
    for lab, node in DDI.items():
        r = ddi[lab]
        t = f"DDI_file: {r['DDI_file']}, skin_tone: {r['skin_tone']}, malignant: {r['malignant']}, disease: {lab}"
        out.append(("metadata", "ddi_metadata.csv DDI_ID " + r["DDI_ID"], t, [node], DDI_CONCEPTS.get(lab, []), node))
    for lab, node in SCIN.items():
        t = f"weighted_skin_condition_label: {{'{lab}': 1.0}}; dermatologist_gradable_for_skin_condition_1: DEFAULT_YES_IMAGE_QUALITY_SUFFICIENT"
        out.append(("metadata", "scin condition name (demo notebook)", t, [node], [], node))
    pad = list(csv.DictReader(open(R + "pad_ufes_20/metadata_with_image_path.csv")))
    rnd = random.Random(1717)
    for code, node in PAD.items():
        for r in rnd.sample([p for p in pad if p["diagnostic"] == code and p["itch"] in ("True", "False")], 2):
            t = (f"img_id: {r['img_id']}, diagnostic: {code}, region: {r['region']}, itch: {r['itch']}, "
                 f"grew: {r['grew']}, changed: {r['changed']}, biopsed: {r['biopsed']}")
            conds = [node, "pruritus" if r["itch"] == "True" else "!pruritus"]
            out.append(("metadata", "PAD-UFES-20 metadata.csv " + r["img_id"], t, conds, [], node))
    ham = list(csv.DictReader(open(R + "ham10000/HAM10000_metadata.csv")))
    for code, node in HAM.items():
        r = rnd.choice([h for h in ham if h["dx"] == code])
        t = f"image_id: {r['image_id']}, dx: {code}, dx_type: {r['dx_type']}, age: {r['age']}, sex: {r['sex']}, localization: {r['localization']}"
        out.append(("metadata", "HAM10000_metadata.csv " + r["image_id"], t, [node], [], node))
    isic = list(csv.DictReader(open(R + "isic/ISIC_2020_Training_GroundTruth.csv")))
    for dx, node in ISIC.items():
        r = rnd.choice([h for h in isic if h["diagnosis"] == dx])
        t = (f"image_name: {r['image_name']}, sex: {r['sex']}, age_approx: {r['age_approx']}, anatom_site_general_challenge: "
             f"{r['anatom_site_general_challenge']}, diagnosis: {dx}, benign_malignant: {r['benign_malignant']}")
        out.append(("metadata", "ISIC_2020_Training_GroundTruth.csv " + r["image_name"], t, [node], [], node))
    return out

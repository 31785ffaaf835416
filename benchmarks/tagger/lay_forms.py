"""Which lay, spoken, plural, spelling and abbreviation forms of the conditions most common in Derm1M's sources the
tagger reads, per condition (round 46's measured look at the vocabulary).

    python -m benchmarks.tagger.lay_forms

Three lists of forms a dermatology-AI researcher would accept, written for this benchmark (none taken from an
evaluation set): WRITTEN (plurals, British / American spellings, lay names, abbreviations), MORE (lay phrases and
misspellings), SPOKEN (speech-transcript respellings). Each form is read in one neutral sentence (written: "The itchy
rash on her arm is X, on examination of the skin."; spoken: "so the itchy rash on her arm here is X, you can see it on
the skin"); it counts as read when any of the condition's nodes (the ids before each list, "|" between) is among the
conditions found. A miss prints what was found instead (a more specific node, such as "plaque psoriasis" ->
psoriasis vulgaris, is a right reading this count does not credit).

Round 48 adds COMMON: the 60 conditions met most often, each with the five kinds of form a researcher expects a
tagger to read (lay name, plural, adjective, British / American spelling, standard abbreviation; a kind a condition
has no form of is left empty). The 60: the 13 of Derm1M's published 15 most frequent diseases in its text that are
nodes here (its overview figure, `../shared/reference/derm1m-ontology-figure.md`; "keratosis" and "autoimmune
dermatitis" name no node), then the nodes annotated most often over the tuning sets (gold and the independent sets
that are tuning data; group nodes such as "malignant" left out). Each form is read in "On examination of the skin of
her forearm: X." and counts as read when the node or a more specific one under it is found.

    python -m benchmarks.tagger.lay_forms --common      # the 60 x 5 check and the everyday-sense guards only

GUARDS: the lay forms' everyday senses ("the mole dug tunnels", "a hive of activity", "a famous beauty spot in the
hills"), each of which should read no condition.
"""

from __future__ import annotations

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger

WRITTEN = {
    "acne-vulgaris": [
        "acne", "zits", "pimples", "bacne", "acne vulgaris", "teenage acne", "hormonal acne", "adult acne",
        "acne breakouts", "acne spots"],
    "eczema|atopic-dermatitis": [
        "eczema", "excema", "exema", "eczma", "atopic eczema", "atopic dermatitis", "childhood eczema", "baby eczema",
        "eczematous rash", "atopic dermititis", "dermititis"],
    "psoriasis": [
        "psoriasis", "psoriatic plaques", "psoraisis", "psorisis", "sorasis", "plaque psoriasis", "psoriasis flare"],
    "rosacea": ["rosacea", "rosacia", "rosasea", "acne rosacea", "rosacea flare"],
    "urticaria": [
        "hives", "urticaria", "nettle rash", "nettlerash", "urticarial rash", "uticaria", "urticara", "utricaria"],
    "vitiligo": ["vitiligo", "vitaligo", "vitilago", "vitiligo patches", "vitilligo"],
    "viral-wart|plantar-wart": [
        "wart", "warts", "verruca", "verrucas", "verrucae", "verruca vulgaris", "common warts", "plantar warts",
        "veruca", "verucca", "verrucca"],
    "dermatophytosis|tinea-corporis|tinea-pedis|tinea-cruris|tinea-capitis|onychomycosis": [
        "ringworm", "tinea", "athlete's foot", "athletes foot", "jock itch", "jock rot", "dhobi itch", "scalp ringworm",
        "ringworm of the scalp", "ringworm of the groin", "nail fungus", "toenail fungus", "fungal nail infection",
        "foot fungus", "tinea corporis"],
    "scabies|crusted-scabies": ["scabies", "scabies rash", "crusted scabies", "Norwegian scabies", "scabes", "scabie"],
    "impetigo": ["impetigo", "school sores", "impetago", "impitigo", "impetigo sores", "bullous impetigo"],
    "cellulitis": ["cellulitis", "celulitis", "cellulitis of the leg", "cellulitus", "celullitis"],
    "herpes-zoster": ["shingles", "zoster", "herpes zoster", "shingles rash", "shingels", "herpes zostar"],
    "seborrheic-dermatitis|infantile-seborrheic-dermatitis": [
        "seb derm", "sebderm", "dandruff", "cradle cap", "seborrhoeic dermatitis", "seborrheic dermatitis",
        "seborrhoic dermatitis", "seborrhea", "seborrhoeic eczema"],
    "melanoma": ["melanoma", "malignant melanoma", "melanomas", "melanomata", "melonoma", "melanoma skin cancer"],
    "basal-cell-carcinoma": [
        "basal cell carcinoma", "basal cell cancer", "rodent ulcer", "basal cell", "basalioma",
        "basal cell epithelioma", "basel cell carcinoma", "BCC", "BCCs"],
    "squamous-cell-carcinoma": [
        "squamous cell carcinoma", "squamous cell cancer", "squamous cell skin cancer", "squamous skin cancer", "SCC",
        "cSCC", "SCCs"],
    "actinic-keratosis": [
        "actinic keratosis", "actinic keratoses", "solar keratosis", "solar keratoses", "AK", "AKs",
        "senile keratosis"],
    "seborrheic-keratosis": [
        "seborrhoeic keratosis", "seb K", "seborrhoeic wart", "barnacles", "age warts", "seborrheic keratoses", "SK",
        "SKs"],
    "alopecia-areata": ["alopecia areata", "patchy hair loss", "spot baldness", "AA", "alopecia areata patches"],
    "hidradenitis-suppurativa": [
        "hidradenitis suppurativa", "hidradenitis", "HS", "acne inversa", "hydradenitis", "hidradenitis supprativa"],
    "lichen-planus": ["lichen planus", "LP", "lichen planus lesions", "lichen planus papules"],
    "molluscum-contagiosum": ["molluscum", "molluscum contagiosum", "water warts", "mollusca", "molluscum spots"],
    "pityriasis-rosea": ["pityriasis rosea", "pityriasis rosa", "pitiriasis rosea", "PR"],
    "intertrigo": ["intertrigo", "chafing", "sweat rash", "chafed skin", "intertriginous dermatitis"],
}
MORE = {
    "acne-vulgaris": [
        "acne lesions", "blackheads and pimples", "spotty skin from acne", "acne scarring and active acne", "zit"],
    "eczema|atopic-dermatitis": [
        "eczema patches", "eczema flare-up", "flare of eczema", "atopic eczema flare", "eczema on the hands",
        "atopy eczema"],
    "psoriasis": [
        "psoriasis patches", "psoriasis on the elbows", "psoriasis plaque", "psorasis", "psoriasiform psoriasis"],
    "rosacea": ["rosacea bumps", "rosacea spots", "rosacea redness", "rosacea-prone skin"],
    "urticaria": ["hive", "a hives rash", "hives rash", "urticarial wheals", "urticarial weals"],
    "vitiligo": ["vitiligo spots", "vitiliginous patches", "vitiligo lesions"],
    "viral-wart|plantar-wart": [
        "warty lesions from HPV", "wart virus infection", "verrucae on the feet", "plantar verrucae", "veruccas",
        "verrucas on the feet"],
    "dermatophytosis|tinea-corporis|tinea-pedis|tinea-cruris|tinea-capitis|onychomycosis": [
        "ring worm", "ringworm infection", "tinea infection", "fungal skin infection of the groin", "athelete's foot",
        "athletes' foot"],
    "scabies|crusted-scabies": ["scabies infestation", "scabies mite infestation", "scabies outbreak"],
    "impetigo": ["impetiginous lesions", "impetigo rash", "impetigo crusts"],
    "cellulitis": ["cellulitis infection", "leg cellulitis", "facial cellulitis", "cellulitic leg"],
    "herpes-zoster": ["shingles blisters", "zoster rash", "herpes zoster infection", "shingles outbreak"],
    "seborrheic-dermatitis|infantile-seborrheic-dermatitis": [
        "seborrhoeic dermatitis flare", "seborrheic dermatitis of the scalp", "seb dermatitis", "sebhorreic dermatitis",
        "seborrheic derm"],
    "melanoma": ["melanoma in the skin", "cutaneous melanoma", "melanoma lesion", "primary melanoma"],
    "basal-cell-carcinoma": [
        "basal cell carcinomas", "basal cell skin cancer", "basal cell skin cancers", "basal-cell carcinoma",
        "basal cell ca"],
    "squamous-cell-carcinoma": ["squamous cell ca", "SCC of the skin", "squamous-cell carcinoma", "cutaneous SCC"],
    "actinic-keratosis": [
        "actinic keratoses on the scalp", "solar keratoses", "sunspots that are rough", "actinic keratosis lesions",
        "pre-cancerous actinic keratosis"],
    "seborrheic-keratosis": [
        "seborrheic keratosis lesions", "seb keratoses", "seborrhoeic warts", "stuck-on seborrhoeic keratosis"],
    "alopecia-areata": ["alopecia areata patches", "patches of alopecia areata", "alopecia areata of the beard"],
    "hidradenitis-suppurativa": ["hidradenitis flare", "HS flare", "hidradenitis abscesses"],
    "lichen-planus": ["lichen planus of the skin", "cutaneous lichen planus", "LP lesions"],
    "molluscum-contagiosum": ["molluscum bumps", "molluscum lesions", "molluscum contagiosum papules", "moluscum"],
    "pityriasis-rosea": ["pityriasis rosea rash", "pityriasis rosae", "pytiriasis rosea"],
    "intertrigo": ["intertrigo rash", "intertrigo in the groin", "chafing rash"],
    # round 51: ringworm placed on a site, sweating through clothes, a bite
    "tinea-capitis": ["ringworm on his scalp", "ringworm of my daughter's scalp"],
    "tinea-cruris": ["ringworm in the groin", "ringworm on his groin"],
    "hyperhidrosis": ["sweating through every shirt", "sweat drips"],
    "animal-bite": ["a dog bite", "a snake bite", "bitten by a dog"],
}
SPOKEN = {
    "psoriasis": ["sore eye a sis", "so rye a sis", "psoriasus", "psorisis"],
    "eczema|atopic-dermatitis": ["ekzema", "exzema", "eczemea", "atopic dermatits"],
    "impetigo": ["impetego", "impertigo", "impetigo contagiosum"],
    "melanoma": ["melanomer", "mela noma", "melanomia"],
    "basal-cell-carcinoma": ["bazal cell carcinoma", "basal cell carcinomer", "basil cell carcinoma"],
    "actinic-keratosis": ["actinic keratoces", "actinic keratosis's", "aktinic keratosis"],
    "hidradenitis-suppurativa": ["hidradenitis supurativa", "hydradenitis suppurativa", "hidradenitis suppurtiva"],
    "molluscum-contagiosum": ["mollescum", "molluscum contagiosium", "mollusca contagiosa", "moluscum contagiosum"],
    "rosacea": ["rosecea", "roseacea", "rosacae"],
    "urticaria": ["urticeria", "urtikaria"],
    "vitiligo": ["vitiligo's", "vitligo"],
    "herpes-zoster": ["shingle", "herpes zooster", "hurpes zoster"],
    "seborrheic-keratosis": ["seborrheic keratoses's", "seborheic keratosis", "seborrhoeic keratoses"],
    "scabies|crusted-scabies": ["scabbies", "skabies"],
    "cellulitis": ["cellulites infection", "cellulitus"],
    "lichen-planus": ["lichen plannus", "lichen planis", "liken planus"],
    "pityriasis-rosea": ["pityriasis rosia", "pitryiasis rosea", "pit rye a sis rosea"],
    "alopecia-areata": ["alopecia aerata", "alopesha areata", "alopecia areatta"],
    "intertrigo": ["intertigo", "intetrigo"],
    "tinea-corporis|dermatophytosis": ["tinea corpus", "tinea corporus", "ringwom"],
    "squamous-cell-carcinoma": ["squamous sell carcinoma", "squamus cell carcinoma", "squamous cell carcinomer"],
    "viral-wart|plantar-wart": ["veruka", "verrucca", "wart's"],
}
KINDS = ("lay", "plural", "adjective", "spelling", "abbreviation")
# id (then "|" and other right readings, as in WRITTEN): (lay, plural, adjective, British / American spelling,
# abbreviation); written for this check, none from a set. Not listed as forms: "welts" (the Wheal concept, of hives or
# of a lash) and "warty" (the Verrucous concept), which name a look, not the condition.
COMMON: dict[str, tuple[list[str], ...]] = {
    "eczema": (["dermatitis", "eczema flare"], ["eczemas"], ["eczematous rash", "eczematous patches"],
               ["eczematised skin", "eczematized skin"], []),
    "contact-dermatitis": (["contact rash", "contact eczema"], ["contact dermatitides"], [], [], []),
    "allergic-contact-dermatitis": (["nickel allergy rash", "allergic contact eczema", "contact allergy"], [], [], [],
                                    ["ACD"]),
    "irritated-seborrheic-keratosis": (["irritated seborrhoeic wart", "inflamed seborrheic keratosis"],
                                       ["irritated seborrheic keratoses"], [], ["irritated seborrhoeic keratosis"],
                                       ["ISK"]),
    "psoriasis": (["psoriasis flare"], [], ["psoriatic plaques", "psoriatic rash", "psoriatic skin"], [], ["PsO"]),
    "melanocytic-nevus": (["mole", "moles", "beauty mark", "beauty spot"],
                          ["nevi", "naevi", "melanocytic nevi", "melanocytic naevi"], [],
                          ["naevus", "melanocytic naevus"], []),
    "atopic-dermatitis": (["atopic eczema", "childhood eczema"], [], [], [], ["AD"]),
    "melanoma": (["malignant mole", "cancerous mole"], ["melanomas", "melanomata"], ["melanomatous lesion"], [],
                 ["MM"]),
    "acne-vulgaris": (["pimples", "zits", "breakouts"], ["acne lesions"], ["acneic skin"], [], []),
    "dermatophytosis|tinea-corporis": (["ringworm", "fungal skin infection", "skin fungus"],
                        ["dermatophytoses", "dermatophyte infections"], ["dermatophytic infection"], [], []),
    "basal-cell-carcinoma": (["rodent ulcer", "basal cell skin cancer"], ["basal cell carcinomas", "BCCs"], [], [],
                             ["BCC"]),
    "lichen-planus": ([], [], [], [], ["LP"]),
    "pruritus": (["itch", "itching", "itchiness", "itchy skin"], [], ["pruritic rash", "pruritic skin"], [], []),
    "squamous-cell-carcinoma": (["squamous skin cancer", "squamous cell skin cancer"],
                                ["squamous cell carcinomas", "SCCs"], [], [], ["SCC", "cSCC"]),
    "seborrheic-keratosis": (["seborrhoeic wart", "barnacles", "senile wart", "age wart"],
                             ["seborrheic keratoses", "seborrhoeic keratoses"], [], ["seborrhoeic keratosis"],
                             ["SK", "SebK"]),
    "herpes-zoster": (["shingles"], [], ["zosteriform rash of shingles"], [], ["HZ"]),
    "actinic-keratosis": (["solar keratosis"], ["actinic keratoses", "solar keratoses", "AKs"], [], [], ["AK"]),
    "vitiligo": (["leucoderma", "leukoderma"], [], ["vitiliginous patches", "vitiliginous skin"], [], []),
    "tinea-corporis": (["ringworm of the body", "body ringworm"], [], [], [], []),
    "hidradenitis-suppurativa": (["acne inversa"], [], [], [], ["HS"]),
    "scabies": (["scabies infestation"], [], ["scabietic burrows", "scabietic nodules"], [], []),
    "urticaria": (["hives", "nettle rash"], [], ["urticarial rash", "urticarial wheals"], [], []),
    "rosacea": ([], [], ["rosaceous skin"], [], []),
    "lupus-erythematosus": (["lupus"], [], ["lupus rash"], [], ["LE"]),
    "impetigo": (["school sores"], [], ["impetiginous crusts", "impetiginised eczema"], ["impetiginized eczema"], []),
    "dermatofibroma": ([], ["dermatofibromas", "dermatofibromata"], [], [], ["DF"]),
    "bullous-pemphigoid": (["pemphigoid"], [], [], [], ["BP"]),
    "vasculitis": ([], ["vasculitides"], ["vasculitic rash", "vasculitic lesions"], [], []),
    "molluscum-contagiosum": (["water warts"], ["mollusca"], [], [], ["MC"]),
    "alopecia-areata": (["patchy hair loss", "spot baldness"], [], [], [], ["AA"]),
    "cellulitis": ([], [], ["cellulitic leg"], [], []),
    "viral-wart|plantar-wart": (["wart", "warts", "verruca"], ["verrucae", "verrucas"], [], [], []),
    "photodermatoses": (["sun allergy", "sun rash", "sun poisoning"], ["photodermatosis"], ["photosensitive rash"], [],
                        []),
    "granuloma-annulare": ([], [], [], [], ["GA"]),
    "herpes-labialis": (["cold sore", "fever blister"], ["cold sores", "fever blisters"], [], [], []),
    "dysplastic-nevus": (["atypical mole", "funny-looking mole"], ["dysplastic nevi", "dysplastic naevi", "atypical moles"],
                         [], ["dysplastic naevus", "atypical naevus"], ["DN"]),
    "leprosy": (["Hansen's disease"], [], ["leprous lesions"], ["Hansen disease"], []),
    "keratoacanthoma": ([], ["keratoacanthomas", "keratoacanthomata"], [], [], ["KA"]),
    "pyogenic-granuloma": ([], ["pyogenic granulomas", "pyogenic granulomata"], [], ["lobular capillary haemangioma"], []),
    "seborrheic-dermatitis|infantile-seborrheic-dermatitis": (["dandruff", "cradle cap"], [], [], ["seborrhoeic dermatitis", "seborrhoeic eczema"], []),
    "thermal-burn": (["burn", "scald"], ["burns", "scalds"], ["burnt skin", "burned skin"], [], []),
    "nummular-eczema": (["discoid eczema"], [], [], ["nummular dermatitis"], []),
    "onychomycosis": (["nail fungus", "toenail fungus", "fungal nail infection"], ["onychomycoses"], [], [], []),
    "varicella": (["chickenpox", "chicken pox", "chicken-pox"], [], [], [], []),
    "bowens-disease": (["squamous cell carcinoma in situ", "SCC in situ"], [], [], ["Bowen disease", "Bowens disease"],
                       []),
    "purpura": ([], [], ["purpuric rash", "purpuric spots", "purpuric lesions"], [], []),
    "keloid": (["keloid scar"], ["keloids", "keloid scars"], ["keloidal scar"], [], []),
    "erythema-multiforme": ([], [], [], [], ["EM"]),
    "pityriasis-rosea": (["Christmas tree rash"], [], [], [], ["PR"]),
    "melanoma-in-situ": (["in situ melanoma"], [], [], [], ["MIS"]),
    "solar-lentigo": (["age spots", "liver spots", "sun spots"], ["solar lentigines"], [], [], []),
    "scleroderma": (["hardening of the skin"], [], ["sclerodermatous skin"], [], []),
    "spitz-nevus": (["Spitz tumour"], ["Spitz nevi", "Spitz naevi"], [], ["Spitz naevus", "Spitz tumor"], []),
    "mycosis-fungoides": ([], [], [], [], ["MF", "CTCL"]),
    "infantile-hemangioma": (["strawberry mark", "strawberry birthmark", "strawberry hemangioma"],
                             ["infantile hemangiomas", "infantile haemangiomas"], [],
                             ["infantile haemangioma", "haemangioma of infancy"], ["IH"]),
    "tinea-pedis": (["athlete's foot", "athletes foot"], [], [], [], []),
    "stevens-johnson": ([], [], [], ["Stevens Johnson syndrome"], ["SJS"]),
    "tinea-versicolor": (["sun fungus"], [], [], ["pityriasis versicolor"], []),
    "erythema-nodosum": ([], [], [], [], ["EN"]),
    "epidermoid-cyst": (["sebaceous cyst", "epidermal inclusion cyst"], ["epidermoid cysts", "sebaceous cysts"], [],
                        ["epidermal cyst"], []),
}
COMMON_TEMPLATE = "On examination of the skin of her forearm: {}."


def common_coverage(tagger, onto) -> tuple[int, int, list[str]]:
    """(forms read, forms, the misses as "id kind: form -> found") over COMMON; a node or one under it counts."""
    read = total = 0
    misses = []
    for ids, kinds in COMMON.items():
        nid = ids.split("|")[0]
        want = {d for i in ids.split("|") for d in onto.conditions if i in onto.path_ids(d)}
        for kind, forms in zip(KINDS, kinds):
            for w in forms:
                got = {m.id for m in tagger.tag(COMMON_TEMPLATE.format(w)).conditions}
                total += 1
                if got & want:
                    read += 1
                else:
                    misses.append(f"{nid} {kind}: {w} -> {sorted(got)}")
    return read, total, misses

# round 52: a name written as its spoken syllables joined by hyphens (a writer's pronunciation guide), each written
# for this check from the name's sound, none from an evaluation set
SYLLABLES = {
    "psoriasis": ["sor-eye-a-sis", "so-rye-a-sis", "sorry-asis"],
    "eczema|atopic-dermatitis": ["ek-zeema", "eg-zee-ma", "ex-ema", "ex-zeema"],
    "impetigo": ["im-pet-eye-go", "im-pe-tee-go"],
    "melanoma": ["mel-a-noma", "mella-no-ma"],
    "vitiligo": ["vit-ill-eye-go", "vitty-lee-go"],
    "rosacea": ["rose-ay-sha", "ro-zay-sha"],
    "urticaria": ["ur-ti-care-ia", "er-ti-kair-ia"],
    "scabies": ["skay-bees", "skay-beez"],
    "cellulitis": ["cell-you-lie-tis", "sell-u-lie-tis"],
    "keloid": ["kee-loid", "key-loid"],
    "lipoma": ["lie-po-ma", "lip-oh-ma"],
    "dermatofibroma": ["der-mato-fi-bro-ma", "dermato-fie-broma"],
    "seborrheic-keratosis": ["seb-or-ee-ic keratosis", "seb-o-rick keratosis"],
    "actinic-keratosis": ["ack-tin-ick keratosis", "ak-tinic keratosis"],
    "molluscum-contagiosum": ["mol-us-kum contagiosum", "mo-lus-cum contagiosum"],
    "pemphigoid|bullous-pemphigoid": ["pem-fi-goid", "pem-phi-goyd"],
    "alopecia|alopecia-areata|hair-diseases": ["al-oh-pee-sha", "alo-pee-sia"],
    "intertrigo": ["in-ter-try-go", "inter-tree-go"],
    # round 53: an English word said in syllables that a heard name holds ("planter warts")
    "plantar-wart": ["plant-er warts", "plan-ter wart"],
}


# The lay forms' everyday senses (mole, wart, hives, spots, shingles, barnacles, scald, beauty spot, sunspot, itch):
# sentences written for this check that name no skin condition; each should read none.
GUARDS = (
    "The mole dug tunnels under the lawn all summer.",
    "Set a mole trap beside the brown heaps on the lawn.",
    "The spy was a mole in the agency for ten years.",
    "The bee hives in the orchard were full of honey by June.",
    "The clinic was a hive of activity on screening day.",
    "Warts and all, the biography is an honest portrait.",
    "The leopard cannot change its spots.",
    "That coffee really hit the spot this morning.",
    "Replace the shingles on the roof before winter.",
    "Scrape the barnacles off the hull of the boat.",
    "The lake is a famous beauty spot in the hills.",
    "Sunspot activity peaks every eleven years.",
    "Scald the milk before adding the yeast.",
    "The vet diagnosed sweet itch in the pony, an allergy to midge bites.",
    "I'm itching to get back on the bike.",
    "Pruritic stimuli were applied to the forearm of healthy volunteers.",
    # round 51: a known word's derived form is no typo of a name
    "Hamartomatous polyps were found at colonoscopy.",
    # round 52: hyphenated English words are no spoken syllables of a name
    "The x-ray was re-done after the e-mail from the on-call team.",
    "A long-term follow-up of self-care in a well-known blue-grey by-pass study.",
    "She wore a see-through top and a wart-hog t-shirt to the pre-op visit.",
    # round 53: a mole that is food or a building; an English word in syllables that no name holds
    "We ate a chicken mole and mole poblano in Oaxaca, then climbed the Mole Antonelliana.",
    "We re-potted the fern in a plant-er box by the door.",
    "Postpartum mastitis with abscess; a breast abscess was drained under ultrasound.",
    # round 56: a roof's shingles, a gut's scar, an eye's naevus, another specialty's AD and PV
    "The roof needed new shingles after the storm, and a rash of extra charges came with the quote.",
    "Colonoscopy: a pale scar from a previous polypectomy in the sigmoid colon.",
    "Fundus photograph: a small pigmented naevus of the choroid, stable for years.",
    "Memory clinic: AD diagnosed in 2019, on donepezil; skin check normal.",
    "Haematology: PV on hydroxyurea, JAK2 positive.",
)


def guards_clean(tagger) -> tuple[int, list[str]]:
    """(GUARDS sentences that read no condition, the others as "sentence -> found")."""
    bad = []
    for text in GUARDS:
        got = sorted(m.id for m in tagger.tag(text).conditions)
        if got:
            bad.append(f"{text} -> {got}")
    return len(GUARDS) - len(bad), bad


LISTS = (("written", WRITTEN, "The itchy rash on her arm is {}, on examination of the skin."),
         ("more", MORE, "The itchy rash on her arm is {}, on examination of the skin."),
         ("spoken", SPOKEN, "so the itchy rash on her arm here is {}, you can see it on the skin"),
         ("syllables", SYLLABLES, "so the itchy rash on her arm here is {}, you can see it on the skin"))


def main() -> None:
    import sys
    onto = load_ontology()
    tagger = Tagger(onto)
    read, total, misses = common_coverage(tagger, onto)
    print(f"-- common (60 conditions x {', '.join(KINDS)})")
    for m in misses:
        print("  ", m)
    print(f"common: {read} of {total} forms read")
    clean, bad = guards_clean(tagger)
    for b in bad:
        print("  ", b)
    print(f"guards: {clean} of {len(GUARDS)} everyday senses read no condition")
    if "--common" in sys.argv[1:]:
        return
    for name, forms, template in LISTS:
        read = total = 0
        print(f"-- {name}")
        for ids, words in forms.items():
            want = set(ids.split("|"))
            miss = []
            for w in words:
                got = {m.id for m in tagger.tag(template.format(w)).conditions}
                total += 1
                if got & want:
                    read += 1
                else:
                    miss.append(f"{w} -> {sorted(got)}")
            print(f"{ids.split('|')[0]:26} {len(words) - len(miss):2}/{len(words):<2} {'; '.join(miss)}")
        print(f"{name}: {read} of {total} forms read")


if __name__ == "__main__":
    main()

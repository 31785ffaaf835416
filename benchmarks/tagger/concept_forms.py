"""Which noun, plural, adjective, lay and British / American forms of the clinical concepts the tagger reads (round 49's
systematic look at the concept vocabulary, the sibling of `lay_forms`' look at the conditions).

    python -m benchmarks.tagger.concept_forms            # every concept x kind of form, the misses, the guards

FORMS: for every morphology, colour, shape, arrangement, distribution and secondary-change concept of
`ontology/concepts.yaml` (and the dermoscopic structures whose names have a plural or a spelling pair), the forms
clinical and exam text writes it in, written for this check from dermatology's standard vocabulary (textbook
morphology terms, their adjectives and plurals, the lay words patients and leaflets use, British and American
spellings), none taken from an evaluation set. A kind a concept has no form of is left empty. Noun, plural and lay
forms are read in "On examination of the skin of her forearm: X." (`NOUN_TEMPLATE`), adjectives in "On examination of
the skin of her forearm: X lesions." (`ADJ_TEMPLATE`); a form counts as read when its concept is among the concepts
found (asserted or negated: the check measures the name, not the status). A second reading puts the same forms in an
exam vignette's sentence ("Physical examination shows X over the left forearm."), where a site is the only word near
a noun form: the common-English nouns (patch, plaque, scale, crust, scar, cyst) need a lesion word near them, by
design, and are not read there.

Symptoms are no concepts here: itch and pruritus are the `pruritus` condition (`lay_forms.COMMON`), pain and burning
have no node. The check's GUARDS are the common-English senses of the same words ("a scale of one to ten", "the
Earth's crust", "dental plaque", "a patch of grass"), each of which should read no concept.
"""

from __future__ import annotations

KINDS = ("noun", "plural", "adjective", "lay", "spelling")
NOUN_TEMPLATE = "On examination of the skin of her forearm: {}."
ADJ_TEMPLATE = "On examination of the skin of her forearm: {} lesions."
# the exam vignette's wording, with no word "skin" or "lesion" near a noun form (a site only)
EXAM_NOUN_TEMPLATE = "Physical examination shows {} over the left forearm."
EXAM_ADJ_TEMPLATE = "Physical examination shows a 2-cm, {}, nontender lesion on the left forearm."

# concept id: (noun, plural, adjective, lay, British / American spelling variant); a spelling variant is read in the
# template of its kind (an adjective variant such as "flesh-colored" in ADJ_TEMPLATE: see `SPELLING_ADJ`).
FORMS: dict[str, tuple[list[str], ...]] = {
    # --- primary lesions ---
    "macule": (["macule"], ["macules"], ["macular"], ["flat spots", "flat discoloured spot"], ["flat discolored spot"]),
    "patch": (["patch"], ["patches"], ["patchy"], ["flat patch of skin"], []),
    "papule": (["papule"], ["papules"], ["papular"], ["small raised bumps", "pimples"], []),
    "plaque": (["plaque"], ["plaques"], ["plaque-like"], ["raised patches"], []),
    "nodule": (["nodule"], ["nodules"], ["nodular"], ["lump under the skin", "firm lumps", "a painful lump"], []),
    "tumour": (["tumour"], ["tumours"], [], ["skin tumour"], ["tumor", "tumors"]),
    "vesicle": (["vesicle"], ["vesicles"], ["vesicular"], ["small blisters", "tiny blisters"], []),
    "bulla": (["bulla"], ["bullae"], ["bullous"], ["blisters", "large blister"], []),
    "pustule": (["pustule"], ["pustules"], ["pustular"], ["pus spots", "pus-filled bumps"], []),
    "wheal": (["wheal"], ["wheals"], ["urticated"], ["welts"], ["weal", "weals"]),
    "cyst-concept": (["cyst"], ["cysts"], ["cystic"], [], []),
    "abscess-concept": (["abscess"], ["abscesses"], [], ["pus-filled lump"], []),
    "comedo": (["comedo", "comedone"], ["comedones"], ["comedonal"], ["blackheads", "whiteheads"], []),
    "burrow": (["burrow"], ["burrows"], [], ["mite burrows"], []),
    "telangiectasia": (["telangiectasia"], ["telangiectases", "telangiectasias"], ["telangiectatic"],
                       ["spider veins", "broken veins", "thread veins", "broken capillaries"], []),
    "purpura-petechiae": (["purpura", "petechia"], ["petechiae", "ecchymoses"], ["purpuric", "petechial"],
                          ["non-blanching spots", "non-blanching rash"], ["ecchymosis"]),
    "sinus-tract": (["sinus tract"], ["sinus tracts"], [], ["draining tunnels"], []),
    "papulovesicle": (["papulovesicle"], ["papulovesicles"], ["papulovesicular"], [], []),
    # --- secondary changes ---
    "scale": (["scale", "scaling"], ["scales"], ["scaly"], ["flaky skin", "silvery scale"], []),
    "crust": (["crust", "crusting"], ["crusts"], ["crusted", "crusty"], ["scabs", "honey-coloured crust"],
              ["honey-colored crust"]),
    "erosion": (["erosion"], ["erosions"], ["eroded", "erosive"], ["raw areas"], []),
    "ulcer": (["ulcer", "ulceration"], ["ulcers"], ["ulcerated"], ["open sores"], []),
    "fissure": (["fissure", "fissuring"], ["fissures"], ["fissured"], ["cracked skin", "cracks"], []),
    "excoriation": (["excoriation"], ["excoriations"], ["excoriated"], ["scratch marks"], []),
    "lichenification": (["lichenification"], [], ["lichenified"], ["thickened leathery skin"], []),
    "atrophy": (["atrophy"], [], ["atrophic"], ["thinning of the skin"], []),
    "scar-concept": (["scar", "scarring"], ["scars"], ["scarred", "cicatricial"], ["pock marks"], []),
    "sclerosis": (["sclerosis"], [], ["sclerotic"], ["skin tightening", "hardened skin"], []),
    "induration": (["induration"], [], ["indurated", "firm"], ["firm to palpation"], ["oedematous", "edematous"]),
    "exudate": (["exudate", "exudation"], [], ["exudative"], ["oozing", "weeping"], []),
    "xerosis": (["xerosis"], [], ["xerotic"], ["dry skin"], []),
    "hyperkeratosis": (["hyperkeratosis"], [], ["hyperkeratotic", "keratotic"], [], []),
    "eschar": (["eschar"], ["eschars"], [], ["black crust"], []),
    "necrosis": (["necrosis"], [], ["necrotic"], ["gangrene"], []),
    "maceration": (["maceration"], [], ["macerated"], ["soggy skin"], []),
    "desquamation-concept": (["desquamation"], [], ["desquamative", "desquamating"], ["peeling skin"], []),
    "friable": (["friability"], [], ["friable"], ["bleeds easily"], []),
    # --- colours ---
    "erythema": (["erythema", "redness"], [], ["erythematous"], ["reddened skin"], []),
    "red": ([], [], ["red", "reddish"], [], []),
    "pink": ([], [], ["pink", "pinkish"], [], []),
    "salmon": ([], [], ["salmon-coloured", "salmon-pink"], [], ["salmon-colored"]),
    "brown-hyperpigmentation": (["hyperpigmentation"], [], ["hyperpigmented", "brown", "brownish"], [], []),
    "white-hypopigmentation": (["hypopigmentation"], [], ["hypopigmented", "white", "whitish"], [], []),
    "depigmentation": (["depigmentation"], [], ["depigmented"], ["chalk-white patches"], []),
    "black": ([], [], ["black", "blackish", "blue-black"], [], []),
    "blue": ([], [], ["blue", "bluish"], [], ["blueish"]),
    "gray": ([], [], ["grey", "greyish"], [], ["gray", "grayish"]),
    "purple": ([], [], ["purple", "purplish", "violaceous"], ["plum-coloured patches"], ["plum-colored patches"]),
    "yellow": ([], [], ["yellow", "yellowish"], [], []),
    "orange-colour": ([], [], ["orange", "orange-coloured"], [], ["orange-colored"]),
    "skin-coloured": ([], [], ["skin-coloured", "flesh-coloured"], [], ["skin-colored", "flesh-colored"]),
    "pigmented": ([], [], ["pigmented"], ["dark lesions"], []),
    "translucent": (["translucency"], [], ["translucent"], [], []),
    # --- shape, border and surface ---
    "dome-shaped": ([], [], ["dome-shaped", "domed"], [], []),
    "flat-topped": ([], [], ["flat-topped"], [], []),
    "pedunculated": ([], [], ["pedunculated"], ["on a stalk"], []),
    "sessile": ([], [], ["sessile", "broad-based"], [], []),
    "umbilicated": (["umbilication"], [], ["umbilicated"], ["central dimple", "dimple in the middle"], []),
    "acuminate": ([], [], ["acuminate"], [], []),
    "exophytic-fungating": ([], [], ["exophytic", "fungating"], ["cauliflower-like growth"], []),
    "warty-papillomatous": ([], [], ["warty", "verrucous", "papillomatous"], [], []),
    "filiform": ([], [], ["filiform"], ["thread-like projections"], []),
    "pearly": ([], [], ["pearly"], ["pearly sheen"], []),
    "rolled-border": (["rolled border", "rolled edge"], ["rolled borders", "rolled edges"], [], [], []),
    "annular": ([], [], ["annular"], ["ring-shaped patches"], []),
    "arcuate": ([], [], ["arcuate", "arciform"], [], []),
    "polycyclic": ([], [], ["polycyclic"], [], []),
    "targetoid": (["target lesion"], ["target lesions"], ["targetoid", "target-like"], ["bull's-eye rash"], []),
    "serpiginous": ([], [], ["serpiginous"], ["snake-like tracks"], []),
    "nummular-shape": ([], [], ["nummular", "discoid", "coin-shaped"], [], []),
    "guttate-shape": ([], [], ["guttate"], ["raindrop-like spots"], []),
    "round": ([], [], ["round", "circular", "oval"], [], []),
    "stellate": ([], [], ["stellate", "star-shaped"], [], []),
    "well-demarcated": ([], [], ["well-demarcated", "well-defined", "sharply demarcated"], [], []),
    "ill-defined": ([], [], ["ill-defined", "poorly defined", "poorly demarcated"], [], []),
    "irregular-border": (["irregular border"], ["irregular borders"], [], ["irregular edge"], []),
    "geographic": ([], [], ["geographic"], ["map-like patches"], []),
    "smooth-surface": (["smooth surface"], [], [], ["shiny surface"], []),
    # --- arrangement ---
    "linear": ([], [], ["linear"], ["in a line"], []),
    "grouped": ([], [], ["grouped", "clustered"], ["in clusters"], []),
    "herpetiform": ([], [], ["herpetiform"], [], []),
    "zosteriform": ([], [], ["zosteriform"], [], []),
    "blaschkoid": ([], [], ["blaschkoid"], ["along Blaschko's lines"], []),
    "satellite-lesions": ([], ["satellite lesions", "satellite papules"], [], [], []),
    "confluent": (["confluence"], [], ["confluent", "coalescing"], [], []),
    "discrete": ([], [], ["discrete"], [], []),
    "scattered": ([], [], ["scattered"], [], []),
    "reticulate": ([], [], ["reticulate", "reticulated", "lacy"], ["net-like pattern"], []),
    "corymbiform": ([], [], ["corymbiform"], [], []),
    "koebner": (["Koebner phenomenon", "koebnerisation"], [], [], [], ["koebnerization", "Köbner phenomenon"]),
    # --- distribution ---
    "dermatomal": ([], [], ["dermatomal"], ["along a dermatome"], []),
    "follicular": ([], [], ["follicular", "perifollicular"], ["around hair follicles"], []),
    "acral": ([], [], ["acral"], [], []),
    "flexural": (["flexures"], [], ["flexural"], ["behind the knees"], []),
    "extensor": (["extensor surfaces"], [], ["extensor"], ["elbows and knees"], []),
    "intertriginous": ([], [], ["intertriginous"], ["skin folds"], []),
    "photodistributed": ([], [], ["photodistributed", "sun-exposed"], ["sun-exposed skin"], []),
    "symmetrical": ([], [], ["symmetrical", "symmetric"], [], []),
    "asymmetrical": (["asymmetry"], [], ["asymmetrical", "asymmetric"], [], []),
    "unilateral": ([], [], ["unilateral", "one-sided"], [], []),
    "generalized": ([], [], ["generalised", "widespread"], ["all over the body"], ["generalized"]),
    "localized": ([], [], ["localised"], [], ["localized"]),
    "seborrheic-distribution": (["seborrhoeic distribution"], [], [], [], ["seborrheic distribution"]),
    "palmoplantar": ([], [], ["palmoplantar"], ["palms and soles"], []),
    "periorificial": ([], [], ["periorificial", "perioral"], ["around the mouth"], []),
    # round 53: the mouth's erosions, the gums' and the cheek's lining
    "mucosal-involvement": (["mucosal involvement"], [], ["mucocutaneous"], [
        "oral ulcers", "erosions of the lips", "oral erosions", "erosions on the gums", "crusted lips", "cheek lining",
        # round 56: the mouth named with the genitals, and a spared mouth (read negated: the name counts here)
        "oral or genital lesions", "mouth and eyes unaffected", "mucosae spared"],
        []),
    "truncal": ([], [], ["truncal"], ["on the trunk"], []),
    "centripetal": ([], [], ["centripetal"], [], []),
    "periungual": ([], [], ["periungual"], ["around the nail"], []),
    # --- dermoscopic structures whose names have a plural or a British / American pair ---
    "arborizing-vessels": (["arborizing vessels"], [], [], ["branching vessels"], ["arborising vessels"]),
    "blue-grey-ovoid-nests": (["blue-grey ovoid nests", "blue-grey nests"], [], [], [], ["blue-gray ovoid nests"]),
    "blue-whitish-veil": (["blue-whitish veil", "blue-white veil"], [], [], [], []),
    "dots-and-globules": (["dots and globules"], ["globules"], [], [], []),
    "pigment-network": (["pigment network"], ["pigment networks"], [], [], []),
    "milia-like-cysts": (["milia-like cyst"], ["milia-like cysts"], [], [], []),
    "homogeneous-pattern": (["homogeneous pattern"], [], [], [], ["homogenous pattern"]),
    "regression-structures": (["regression structures"], [], [], [], []),
    "dotted-vessels": (["dotted vessels"], [], [], [], []),
    "hairpin-vessels": (["hairpin vessels"], [], [], [], []),
    "glomerular-vessels": (["glomerular vessels"], [], [], [], []),
    "red-blue-lacunae": (["red-blue lacunae"], [], [], [], []),
}

# spelling variants that are adjectives (read in ADJ_TEMPLATE); the other variants are nouns
SPELLING_ADJ = frozenset(("salmon-colored", "blueish", "gray", "grayish", "orange-colored", "skin-colored",
                          "flesh-colored", "generalized", "localized", "oedematous", "edematous"))

# The same words in their everyday senses (and other organs' senses, ANNOTATION.md rule 3): sentences written for this
# check that describe no skin; each should read no concept.
GUARDS = (
    "Rate the pain on a scale of one to ten.",
    "The Earth's crust is thickest under the mountains.",
    "Brush twice a day to remove dental plaque.",
    "He mowed a patch of grass behind the house.",
    "She ordered a pizza with a thin crust.",
    "A blue plaque marks the house where the poet lived.",
    "The results were scattered across three servers.",
    "We fitted a linear regression to the data.",
    "The geographic spread of the survey covered four regions.",
    "He bought a round of drinks for the team.",
    "Mix the red and yellow paint to make orange.",
    "The economy showed signs of atrophy after the war.",
    "The team's confidence was scarred by the defeat.",
    "Peeling potatoes for dinner took an hour.",
    # round 51: "firm" and "lump" read on the skin now
    "He joined a law firm after university.",
    "She found a breast lump and booked a scan.",
    # round 53: a thing's scale, red things, the cosmetic peel
    "The tablets left a chalky white scale on the tray.",
    "The red car has a scratch on the bonnet.",
    "The shower gel was a red herring all along.",
    "She booked a chemical peel before the wedding.",
    # round 56: a jacket's patch, a black-and-white show
    "She wore a red patch jacket to the black-and-white film.",
)


def _template(kind: str, form: str, exam: bool = False) -> str:
    adjective = kind == "adjective" or (kind == "spelling" and form in SPELLING_ADJ)
    if exam:
        return (EXAM_ADJ_TEMPLATE if adjective else EXAM_NOUN_TEMPLATE).format(form)
    return (ADJ_TEMPLATE if adjective else NOUN_TEMPLATE).format(form)


def coverage(tagger, exam: bool = False) -> tuple[int, int, dict[str, tuple[int, int]], list[str]]:
    """(forms read, forms, per kind (read, forms), the misses as "id kind: form -> concepts found"); `exam`: in the
    exam vignette's templates."""
    read = total = 0
    per_kind = {k: [0, 0] for k in KINDS}
    misses = []
    for cid, kinds in FORMS.items():
        for kind, forms in zip(KINDS, kinds):
            for form in forms:
                got = {m.id for m in tagger.tag(_template(kind, form, exam)).concepts}
                total += 1
                per_kind[kind][1] += 1
                if cid in got:
                    read += 1
                    per_kind[kind][0] += 1
                else:
                    misses.append(f"{cid} {kind}: {form} -> {sorted(got)}")
    return read, total, {k: (v[0], v[1]) for k, v in per_kind.items()}, misses


def guards_clean(tagger) -> tuple[int, list[str]]:
    """(GUARDS sentences that read no concept, the others as "sentence -> found")."""
    bad = []
    for text in GUARDS:
        got = sorted(m.id for m in tagger.tag(text).concepts)
        if got:
            bad.append(f"{text} -> {got}")
    return len(GUARDS) - len(bad), bad


def main() -> None:
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger import Tagger

    onto = load_ontology()
    unknown = sorted(set(FORMS) - set(onto.concepts))
    if unknown:
        raise SystemExit(f"concept_forms: not concept ids: {', '.join(unknown)}")
    tagger = Tagger(onto)
    read, total, per_kind, misses = coverage(tagger)
    print(f"-- concepts ({len(FORMS)} of {len(onto.concepts)} concepts x {', '.join(KINDS)})")
    for m in misses:
        print("  ", m)
    print("per kind: " + ", ".join(f"{k} {r}/{t}" for k, (r, t) in per_kind.items()))
    print(f"concepts: {read} of {total} forms read")
    read, total, per_kind, misses = coverage(tagger, exam=True)
    print("-- the same forms in an exam vignette's sentence")
    for m in misses:
        print("  ", m)
    print("per kind: " + ", ".join(f"{k} {r}/{t}" for k, (r, t) in per_kind.items()))
    print(f"concepts, exam wording: {read} of {total} forms read")
    clean, bad = guards_clean(tagger)
    for b in bad:
        print("  ", b)
    print(f"guards: {clean} of {len(GUARDS)} everyday senses read no concept")


if __name__ == "__main__":
    main()

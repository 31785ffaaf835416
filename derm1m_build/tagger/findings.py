"""Findings beside the diagnosis: sites and distributions ("on both shins", "one-sided band"), signs and
lesion words that imply a concept, described findings, and findings a text says are absent. Mixed into
`Tagger`."""

from __future__ import annotations

import re

from derm1m_build.tagger.context import SIMILE_BEFORE
from derm1m_build.tagger.cues import BUSINESS
from derm1m_build.tagger.fastmatch import may
from derm1m_build.tagger.fields import catalogue_list, list_entry
from derm1m_build.tagger.labels import SIGNS, SIGNS_WHEN_ASSERTED, SIGN_ADJECTIVES, SYMPTOMS
from derm1m_build.tagger.lexicon import IMPLIED, Target

# round 13: a disease name used as another thing's name, in apposition or as the subject of "is the name of" (sets 3, 6,
# 8, 9: "Lupus the constellation ...", "Lupus, the constellation of the wolf", "Tinea is also the genus name of a
# clothes moth", "Impetigo is also the name of an Italian rock band", '"Measles", the nickname of the striker'); a
# surname ("Her surname is Mole")
NAME_OF_AFTER = re.compile(r"['\"\u2019\u201d]?\s*,?\s*(?:(?:is|was)\s+(?:also\s+)?)?the\s+(?:(?:genus|brand|band|street|"
                           r"trade|pet|stage|family)\s+)?(?:nick|sur|first\s+|given\s+)?name\s+of\b|"
                           r"['\"\u2019\u201d]?\s*,?\s*the\s+(?:constellation|wolf|nickname)\b", re.IGNORECASE)
NAME_OF_BEFORE = re.compile(r"(?:surname|nickname|maiden\s+name)\s+(?:is|was)\s+['\"\u2018\u201c]?$", re.IGNORECASE)
VIRUS_AFTER = re.compile(r"(?:[ -]+[A-Za-z]+)?[ -]+virus\b", re.IGNORECASE)
LABEL_FIELD_END = re.compile(r"(?:disease|label|diagnosis|diagnostic|dx)\s*[:=]\s*$", re.IGNORECASE)
# (round 7: "for", a treatment's indication: "on minocycline for acne developed blue-grey pigmentation")
# round 7: a body site is metadata (`body_sites.yaml`), not a distribution concept, when it is one lesion's site
# ("a nevus on the back", "MIS R upper back", "localization: back"); an eruption spread over a region that is a
# distribution's own region is that distribution ("a pink rash on her trunk", "papules in both armpits and
# groins", "crusts around the nose"). Looked for only where an eruption word and a region word both occur.
ERUPTION_WORDS = frozenset((
    "rash", "rashes", "eruption", "eruptions", "patches", "papules", "plaques", "macules", "vesicles", "pustules",
    "nodules", "wheals", "welts", "hives", "lesions", "spots", "bumps", "blisters", "scales", "erosions", "crusts",
    "eczema", "dermatitis", "freckling", "comedones", "sores", "blistering"))
_DET = r"(?:(?:the|her|his|my|their|both|its|your)[ |]+)?(?:(?:upper|lower|whole|entire)[ |]+)?"
SITE_DISTRIBUTION = (
    (re.compile(r"(?<![a-z])(?:on|over|across|all[ |]+over)[ |]+" + _DET + r"(?:trunk|torso|chest|back|tummy|abdomen)"
                r"(?![a-z])(?![ |]+of(?![a-z]))"), "truncal"),
    (re.compile(r"(?<![a-z])(?:in|on|of)[ |]+" + _DET + r"(?:armpits|axillae|groins?|flexures|armpits[ |]+and[ |]+groins?)"
                r"(?![a-z])"), "flexural"),
    (re.compile(r"(?<![a-z])around[ |]+" + _DET + r"(?:nose|mouth|nostrils|eyes)(?![a-z])"), "periorificial"),
)
# round 10: a named site gives its distribution concept, as sets 4-7 annotate it (their READMEs: chest / back /
# trunk / flank / lumbar area: truncal; toes: acral, fingers not; heel, plantar skin: palmoplantar; armpits, groin,
# neck folds: flexural; eyelids, canthi, corners of the mouth, nostrils: periorificial; tongue, palate, buccal
# mucosa: mucosal involvement), also for one lesion's site ("a DN on the back", "localization: trunk"). Not: a
# header-less CSV row's site column, an excised lesion's old site ("removed from my back"), "back" as an adverb
# ("came back", "back from"; a site "back" follows a determiner, preposition, side or field name), "the back of the
# hand / neck", a chest radiograph, a bathing-trunk or nerve trunk; and only beside another finding of the text.
_SIDE = r"(?:(?:upper|lower|mid|left|right|l|r|whole|entire|both|anterior|posterior|central)[ |]+)?"
SITE_CONCEPT = (
    (re.compile(r"(?<![a-z])(?:(?:on|over|across|of|to|at|in|her|his|my|their|the|your|a|localization|location|"
                r"site|region|and|tanned)[ |]+" + _SIDE + r"back(?![a-z])(?![ |]+(?:of|from|to|in|then|home|up|down)(?![a-z]))|"
                r"(?<=\|)[ ]*" + _SIDE + r"back(?=\||$)|(?:upper|lower|mid)[ |]+back(?![a-z])|"
                r"(?<!from[ |]the[ |])" + _SIDE + r"(?:chest|trunk|flanks?|lumbar|scapula|scapular|ribs)(?![a-z])"
                r"(?![ |]+(?:x|xray|radiograph|radiography|ct|wall|pain|film|tube|drain|infection|compressions?)(?![a-z])))"),
     "truncal", frozenset(("back", "chest", "trunk", "flank", "flanks", "lumbar", "scapula", "scapular", "ribs"))),
    # round 43: a toe alone, or an eyelid alone (below), is one lesion's site, no pattern (the distribution rule of
    # ANNOTATION.md; sets 12-29 leave both out: 55 of 81 texts that read "toe(s)" as Acral and 63 of 92 that read
    # "eyelid(s)" as Periorificial annotate neither); the toes beside the fingers are the acral pattern
    (re.compile(r"(?<![a-z])(?:(?:fingers?|fingertips?)[ |]+(?:and|&|or)[ |]+(?:(?:the|her|his|my|their)[ |]+)?toes?|"
                r"toes?[ |]+(?:and|&|or)[ |]+(?:(?:the|her|his|my|their)[ |]+)?(?:fingers?|fingertips?))(?![a-z])"),
     "acral", frozenset(("toe", "toes"))),
    (re.compile(r"(?<![a-z])(?:heels?|plantar|ball[ |]+of[ |]+the[ |]+foot|toe[ |]+pad|soles?|palmaris|plantaris|"
                r"palmoplantaris)(?![a-z])"), "palmoplantar",
     frozenset(("heel", "heels", "plantar", "foot", "pad", "sole", "soles", "palmaris", "plantaris", "palmoplantaris"))),
    # round 13: a palm named as the site (sets 2-9 read "on the palms" so; set 9 metadata: "Palmar warts", "Itchy palm",
    # "body_site: palm", "on the left palm"); not a palm tree nor "incising the palm" (set 6)
    (re.compile(r"(?<![a-z])(?:(?:(?:on|over|of|across|to|in|site|location|localization)[ |]+(?:(?:the|her|his|my|their|your|"
                r"both|a|one)[ |]+)?(?:(?:left|right)[ |]+)?|(?:left|right|both)[ |]+)palms?|palmar|palms)(?![a-z])"
                r"(?![ |]+(?:trees?|oil|sunday|springs|beach|fronds?|leaves|reading)(?![a-z]))"), "palmoplantar",
     frozenset(("palm", "palms", "palmar"))),
    (re.compile(r"(?<![a-z])(?:armpits?|axillae|axilla|groins?|neck[ |]+folds|antecubital[ |]+fossae?|inframammary|"
                r"under[ |]+the[ |]+breasts)(?![a-z])"), "flexural",
     frozenset(("armpit", "armpits", "axilla", "axillae", "groin", "groins", "folds", "antecubital", "inframammary",
                "breasts"))),
    # round 51: nor a canthus, nor "under the eyes": one lesion's site by the same rule (sets 12-36 leave Periorificial
    # out in all 16 texts that name one, sets 5, 7 and 11 read it in 5 of 6; findings there are a BCC "at the inner
    # canthus", milia "under the eyes")
    (re.compile(r"(?<![a-z])(?:eyelids?(?=[ |]+(?:and|&)[ |]+(?:(?:the|her|his|my|their)[ |]+)?(?:lips|mouth|nostrils|nose|"
                r"perioral|ears))|corners?[ |]+of[ |]+(?:the|her|his|my|their)[ |]+mouth|"
                r"nostrils?)(?![a-z])"), "periorificial",
     frozenset(("eyelid", "eyelids", "mouth", "nostril", "nostrils"))),
    (re.compile(r"(?<![a-z])(?:tongue|palate|buccal|inside[ |]+(?:the|her|his|my|their)[ |]+cheeks|"
                r"in[ |]+(?:the|her|his|my|their)[ |]+mouth|mouth[ |]+(?:erosions|ulcers|sores)|mucosae?|"
                r"mucosal[ |]+erosions)(?![a-z])"), "mucosal-involvement",
     frozenset(("tongue", "palate", "buccal", "cheeks", "mouth", "mucosa", "mucosae", "mucosal"))),
)
# round 10: one side of the body is unilateral, and a band of blisters there is dermatomal (sets 4-7: "a band on one
# side of the trunk: dermatomal + unilateral")
UNILATERAL = re.compile(r"(?<![a-z])(?:one[ |]+side|one[ |]+sided|(?:left|right)[ |]+side[ |]+of|side[ |]+only)(?![a-z])")
# ... and a band of blisters "on the left chest" (one lesion "on the left flank" is not unilateral)
UNILATERAL_BAND = re.compile(r"(?<![a-z])(?:on|of|over)[ |]+(?:the|my|his|her|their)[ |]+(?:left|right)[ |]+(?:chest|back|"
                             r"flank|side|abdomen|forehead|face|trunk|buttock|thigh)(?![a-z])")
BAND_OF = re.compile(r"(?<![a-z])(?:band|strip|stripe)[ |]+of[ |]+(?:[a-z]+[ |]+)?(?:blisters|vesicles|spots|papules|"
                     r"rash|lesions|sores)(?![a-z])")
SIDE_WORDS = frozenset(("side", "sided", "left", "right"))
# round 10: a ring that is the lesion is annular ("a red ring on my arm", "a ring of skin coloured papules",
# "expanding pink rings"); not a ring around something ("a white ring around the mole", "a lilac ring around it",
# "target lesions, three rings") nor a ring outside skin (read only beside another finding)
RING = re.compile(r"(?<![a-z])rings?(?![a-z])(?!(?:[ |]+[a-z]+){0,3}[ |]+a?round(?![a-z]))"
                  r"(?![ |]+(?:fingers?|road|binder|tone|fenced?|side|leader|master|lights?|block|flash|size)(?![a-z]))")
RING_NOT_BEFORE = re.compile(r"(?:lilac|violet|violaceous|white|pale|depigmented|two|three|concentric|by[ |]+a)[ |]+$")
# round 28: "back", "chest", "flank", "scapula", "lumbar", "ribs" name where a lesion is; by ANNOTATION.md rule 2 (sets
# 10-17: "a DN on the left scapula", "the lump on my back", "white patches on my back", "SKs on the back", "the herald
# patch on the flank", "shingles along my ribs": no distribution) they give Truncal only when the text describes the
# trunk as the pattern: both halves of it named ("on his back and chest", "chest, back"), an eruption "all over" or
# "across" it, or a dataset's site field ("localization: back", Derm7pt's "location: chest"; not a report's "Excision,
# back:"). "trunk" names the region itself and keeps it (sets 10-17 annotate "spots on the trunk", "DFSP of the trunk").
TRUNK_PART_WORDS = frozenset(("back", "chest", "flank", "flanks", "lumbar", "scapula", "scapular", "ribs"))
TRUNK_PATTERN = re.compile(r"(?<![a-z])(?:(?:back|chest)[ |]+(?:and|&|or)[ |]+"
                           r"(?:(?:the|her|his|my|their|upper|lower)[ |]+)*(?:back|chest)|"
                           r"(?:back|chest)\|[ ]*(?:back|chest))(?![a-z])")
TRUNK_FIELD_WORDS = frozenset(("localization", "localisation", "location", "site", "region"))
TRUNK_FIELD = re.compile(r"(?<![a-z])(?:localization|localisation|location|anatom[a-z ]*site[a-z ]*|body[ ]site)"
                         r"[ ]*\|[ ]*$")
TRUNK_SPREAD = re.compile(r"(?:all[ |]+over|across|covering)[ |]+$")


def trunk_pattern(n: str, a: int, b: int) -> bool:
    """Whether the trunk-part word at `n[a:b]` describes a pattern (see `TRUNK_PART_WORDS`): both of back and chest,
    a dataset's site field, or an eruption all over or across it."""
    first = n[a:b].replace("|", " ").split()[0]
    if first in TRUNK_FIELD_WORDS or first == "across" or first == "all":
        return True
    if TRUNK_SPREAD.search(n, max(0, a - 16), a) or TRUNK_FIELD.search(n, max(0, a - 40), a):
        return True
    return TRUNK_PATTERN.search(n, max(0, a - 40), min(len(n), b + 40)) is not None


# Round 32: ANNOTATION.md's settled reading ("Decisions settled later": a distribution describes a pattern, one lesion's
# site gives none) for the flexural and palmoplantar sites, as `trunk_pattern` reads the trunk's parts. An armpit or a
# groin is one lesion's site ("a skin tag in the axilla", "a patch in the groin", "HS, axillae"); two kinds of fold
# named together ("in the armpits and groins", "axillae and under the breasts") or a dataset's site field
# ("location: axilla") are the pattern. Both palms or both soles ("target lesions on the palms", "pits in the soles",
# "keratosis palmaris et plantaris") are the pattern; one palm, one sole, a heel, the ball of the foot or a toe pad is
# a site ("a macule on the sole", "melanoma of the heel", "the palm lesion", "a plantar lesion") unless a site field
# names it ("body site: palm").
FOLD_KINDS = (
    re.compile(r"(?<![a-z])(?:armpits?|axillae|axilla|axillary|underarms?)(?![a-z])"),
    re.compile(r"(?<![a-z])(?:groins?|inguinal)(?![a-z])"),
    re.compile(r"(?<![a-z])(?:inframammary|under[ |]+(?:the|her|my|both)[ |]+breasts|submammary)(?![a-z])"),
    re.compile(r"(?<![a-z])(?:neck[ |]+folds|flexures|elbow[ |]+creases|antecubital|popliteal)(?![a-z])"),
)
FOLD_SITE_WORDS = frozenset(("armpit", "armpits", "axilla", "axillae", "groin", "groins"))
SITE_FIELD = re.compile(r"(?<![a-z])(?:localization|localisation|location|anatom[a-z ]*site[a-z ]*|body[ ]site|site|"
                        r"region|body[ ]parts?)[ ]*\|[ |]*$")
SOLE_PATTERN_WORDS = frozenset(("palms", "soles", "palmaris", "plantaris", "palmoplantaris"))
ONE_LESION_AFTER = re.compile(r"[ |]+(?:lesion|nodule|macule|papule|plaque|tumou?r|mole|naevus|nevus|ulcer|wart|"
                              r"verruca|growth|lump|spot)(?![a-z])")


# Round 53: a tongue that swells (angioedema: "swelling of the eyelids and tongue", "if your tongue or throat swells",
# "no lip or tongue swelling") or a strawberry tongue (scarlet fever's, Kawasaki disease's sign) is no lesion of the
# mouth's lining: sets 3-36 annotate Mucosal involvement for neither (8 texts; the tongue's ulcers, sores, blisters
# and white plaques stay read: 9 texts annotate them)
TONGUE_SWELLING_AFTER = re.compile(r"[ |]+(?:(?:or|and|&)[ |]+(?:throat|lips?|face)[ |]+)?"
                                   r"(?:swelling|swells|swelled|swollen|oedema|edema)(?![a-z])")
TONGUE_SWELLING_BEFORE = re.compile(r"(?:(?:swelling|swollen|oedema|edema)[ |]+(?:of[ |]+)?(?:(?:the|her|his|my|their|"
                                    r"your)[ |]+)?(?:(?:lips?|eyelids?|face|throat)[ |]+(?:and|or|&)[ |]+)?|"
                                    r"(?:strawberry|raspberry)[ |]+)$")


def site_pattern(nid: str, n: str, a: int, b: int) -> bool:
    """Whether the flexural or palmoplantar site word at `n[a:b]` describes a pattern, not one lesion's site (see
    `FOLD_KINDS`); whether a tongue is the mouth's lesion (`TONGUE_SWELLING_AFTER`); other distributions pass."""
    last = n[a:b].replace("|", " ").split()[-1]
    if last == "tongue":
        return TONGUE_SWELLING_AFTER.match(n, b) is None and TONGUE_SWELLING_BEFORE.search(n, max(0, a - 60), a) is None
    a = n.rfind(last, a, b)  # a field's name stands before the site word, inside the match ("site: palm")
    if nid == "flexural":
        if last not in FOLD_SITE_WORDS or SITE_FIELD.search(n, max(0, a - 40), a):
            return True
        return sum(1 for rx in FOLD_KINDS if rx.search(n)) >= 2
    if nid == "palmoplantar":
        if last in SOLE_PATTERN_WORDS:
            return True
        if last in ("palmar", "plantar"):
            return ONE_LESION_AFTER.match(n, b) is None
        return SITE_FIELD.search(n, max(0, a - 40), a) is not None
    return True


# round 32: a catalogue-list entry opens just before (`FindingPasses._signs`)
LIST_ENTRY_START = re.compile(r"(?:^|[,;/])\s*$")
# ... and an entry that goes on to the sign's site describes the lesions of the diagnosis beside it ("LCV; purpura on
# both ankles")
LIST_ENTRY_SITE = re.compile(r"[^,;/]*?\b(?:on|over|in|across|around|along|at)\s", re.IGNORECASE)
SITE_NOT_BEFORE = re.compile(r"(?:bathing|sympathetic|nerve|brachiocephalic|coeliac|celiac|pulmonary|arterial|"
                             r"came|come|comes|coming|went|go|going|get|got|grow|grew|welcome|from)[ |]+(?:(?:the|her|his|my|their)[ |]+)?$")

# round 24: the lesion words after a sign adjective that still only describe ("an itchy urticarial rash on the trunk;
# bullous pemphigoid is suspected")
SIGN_HEADS = ("rash", "eruption", "plaques", "plaque", "papules", "lesions", "base", "erythema")
# round 20: a condition told only by its course, in a patient's own words (the symptom-only texts of sets 10-13, which
# name no diagnosis): colour changes of the digits in the cold (Raynaud), sweat that drips or soaks from the palms,
# soles or armpits (hyperhidrosis; round 52: "sweat so badly / heavily / profusely" as "so much"), hair shed in clumps months after a birth (telogen effluvium). Each pattern needs
# its two sets of gate words (the outer test reads the rarer ones, `DESCRIBED_GATES`) so the million captions pay one set
# test; the span is the description.
DESCRIBED: tuple[tuple[frozenset[str], frozenset[str], re.Pattern, str], ...] = (
    (frozenset({"white", "pale"}), frozenset({"blue", "purple"}), re.compile(
        r"(?<![a-z])(?:fingers?|fingertips?|toes?|digits?)[ |]+(?:\w+[ |]+){0,3}?(?:go|goes|turn|turns|going|turning)"
        r"[ |]+(?:white|pale)[ |]+(?:then|and then|and)[ |]+(?:blue|purple)(?![a-z])"), "raynaud-phenomenon"),
    (frozenset({"drip", "drips", "dripping", "sweat", "sweats", "sweating", "pour", "pours"}),
     frozenset({"palm", "palms", "sole", "soles", "armpit", "armpits", "underarm", "underarms", "axillae"}), re.compile(
        r"(?<![a-z])(?:palms?|soles?|armpits?|underarms?|axillae)[ |]+(?:(?:and|my|his|her|the|[a-z]+)[ |]+){0,3}?"
        r"(?:drips?|dripping|pours?|sweats?[ |]+so[ |]+(?:much|badly|heavily|profusely)|sweat[ |]+(?:non[ |]?stop|constantly|all[ |]+the[ |]+time))"
        r"(?![a-z])"), "hyperhidrosis"),
    (frozenset({"birth", "born", "baby", "arrived", "delivery"}), frozenset({"hair"}), re.compile(
        r"(?<![a-z])(?:(?:clumps|handfuls|loads|lots|fistfuls)[ |]+of[ |]+hair|hair[ |]+(?:\w+[ |]+){0,3}?in[ |]+"
        r"(?:clumps|handfuls|fistfuls))(?:[ |]+[a-z]+){0,8}?[ |]+(?:(?:weeks|months)[ |]+after[ |]+(?:the[ |]+)?"
        r"(?:birth|baby|delivery|giving[ |]+birth)|since[ |]+(?:my|the|our)[ |]+(?:son|daughter|baby)[ |]+"
        r"(?:arrived|was[ |]+born))"), "telogen-effluvium"),
)
DESCRIBED_NOT = frozenset({"never", "not", "no", "t", "nor"})
# Round 30: one word that says a finding is absent ("She is anicteric", "Nonicteric sclerae", "a nonpruritic eruption",
# "non-pruritic"): the finding, negated. The "non" prefix written apart is the ConText "non" trigger's; these are the
# words the name automaton does not see as the finding's name.
ABSENT_WORDS = {"anicteric": "jaundice", "nonicteric": "jaundice", "nonjaundiced": "jaundice",
                "nonpruritic": "pruritus", "apruritic": "pruritus", "nonitchy": "pruritus", "pruritic": "pruritus"}
# Round 32: "not cancer" beside a named skin finding ("it's just a skin tag and not cancer", "a pyogenic granuloma, not
# cancer", "Not cancer, but get any change checked"): the bare word is no name of the vocabulary's, but a statement that
# the lesion is no malignancy (rule 5: negated); never a cancer of patients, cells, risks or another organ
NOT_CANCER = re.compile(r"(?<![a-z])(?:not|no|isn[ |]t|wasn[ |]t|nothing)[ |]+(?:an?[ |]+|like[ |]+)?(cancer)(?![a-z])"
                        r"(?![ |]+(?:cells?|patients?|risk|risks|screening|treatment|therapy|centre|center|registry|genes?|"
                        r"predisposition|syndrome|survivors?|care|free|related)(?![a-z]))")
# Round 56: a spared mouth or mucosa ("her mouth and nails were unaffected", "mouth clear", "the mucosae are spared",
# "spares the mucous membranes"): Mucosal involvement, negated. The site is no name of the vocabulary's (a bare "mouth"
# key would read it asserted), so the statement is read as one: 14 of 16 such texts of sets 5-39 annotate the concept
# negated (sets 13 and 21 leave it out). Asked only where a mucosa word and a sparing word both stand.
MUCOSA_WORDS = frozenset(("mouth", "mucosa", "mucosae", "mucous", "oral"))
SPARED_WORDS = ("spar", "unaffected", "clear", "uninvolved", "normal", "involved")
_MUCOSA = r"(mouth|oral[ |]+cavity|oral[ |]+mucosa|mucosae?|mucous[ |]+membranes?)"
SPARED_MUCOSA = re.compile(
    r"(?<![a-z])(?:" + _MUCOSA + r"(?:[ ]+(?:and|&)[ ]+(?:the[ ]+)?[a-z]+)?[ ]+(?:(?:is|are|was|were|remains?|"
    r"remained|looks?|looked)[ ]+)?(?:spared|unaffected|clear|uninvolved|normal|not[ ]+involved)|(?:spares|spared|"
    r"sparing)[ ]+(?:of[ ]+)?the[ ]+" + _MUCOSA + r")(?![a-z])")
ABSENT_GATE = frozenset(ABSENT_WORDS) | {"cancer"} | MUCOSA_WORDS
ABSENT_WORD = re.compile(r"(?<![a-z])(?:non[ |]+)?(anicteric|nonicteric|nonjaundiced|nonpruritic|apruritic|nonitchy|"
                         r"(?<=non[ |])pruritic)(?![a-z])")


class FindingPasses:
    """The site, sign and described-finding passes of `Tagger._finish`."""

    def _described(self, n: str, words: set[str], hits):
        """Round 20: a condition the text tells only by its course (`DESCRIBED`), when no condition is named
        over the description (a named diagnosis wins: the description is then its symptom)."""
        for gate, gate2, rx, nid in DESCRIBED:
            if gate.isdisjoint(words) or gate2.isdisjoint(words) or nid not in self.ontology.conditions:
                continue
            for m in rx.finditer(n):
                a, b = m.span()
                # a negation inside the description ("her fingers never go white") leaves it untold
                if not DESCRIBED_NOT.isdisjoint(n[a:b].replace("|", " ").split()):
                    continue
                if not any(x < b and a < y and t.kind == "condition" for x, y, t, _ in hits):
                    hits = hits + [(a, b, Target("condition", nid, 0), 100.0)]
        return hits

    def _absent_words(self, n: str, hits) -> tuple[list, list[tuple[int, int]]]:
        """Round 30: the findings one word says are absent (`ABSENT_WORDS`), as new hits, and their spans (to be read
        negated whatever the context says); a word inside a finding's name already tagged gives none."""
        spans = []
        if "cancer" in n and "malignant" in self.ontology.conditions and any(t.kind == "condition" for _, _, t, _ in hits):
            for m in NOT_CANCER.finditer(n):
                a, b = m.span(1)
                if not any(x < b and a < y for x, y, _, _ in hits):
                    hits = hits + [(a, b, Target("condition", "malignant", 0), 100.0)]
                    spans.append((a, b))
        if "mucosal-involvement" in self.ontology.concepts and any(w in n for w in SPARED_WORDS):
            for m in SPARED_MUCOSA.finditer(n):
                a, b = m.span(1) if m.start(1) >= 0 else m.span(2)
                # the site may be a name of the concept already ("the mucosae are spared"): the statement replaces it
                kept = [h for h in hits if not (h[0] < b and a < h[1] and h[2].kind == "concept"
                                                and h[2].nid == "mucosal-involvement")]
                if not any(x < b and a < y for x, y, _, _ in kept):
                    hits = kept + [(a, b, Target("concept", "mucosal-involvement", 0), 100.0)]
                    spans.append((a, b))
        for m in (ABSENT_WORD.finditer(n) if may(ABSENT_WORD, n) else ()):  # (speed round 49: `fastmatch.may`)
            a, b = m.span(1)
            nid = ABSENT_WORDS[m.group(1)]
            if nid in self.ontology.conditions and not any(x < b and a < y for x, y, _, _ in hits):
                hits = hits + [(a, b, Target("condition", nid, 0), 100.0)]
                spans.append((a, b))
        return hits, spans

    def _site_distributions(self, n: str, hits):
        """An eruption over a distribution's own region gives that distribution concept: the region named
        within a few words after a plural lesion word or "rash" ("a pink rash on her trunk", "papules in both
        armpits"); one lesion's site gives none."""
        new = []
        for rx, nid in SITE_DISTRIBUTION:
            if any(t.nid == nid for _, _, t, _ in hits):
                continue
            for m in rx.finditer(n):
                before = n[max(0, m.start() - 40):m.start()].replace("|", " ").split()[-5:]
                if ERUPTION_WORDS.isdisjoint(before):
                    continue
                if nid == "truncal" and n[m.start():m.end()].replace("|", " ").split()[-1] in TRUNK_PART_WORDS \
                        and not trunk_pattern(n, m.start(), m.end()):
                    continue
                if not site_pattern(nid, n, m.start(), m.end()):
                    continue
                new.append((m.start(), m.end(), Target("concept", nid, 0), 100.0))
                break
        return hits + new if new else hits

    @staticmethod
    def _one_site(n: str, hits):
        """Round 32: a palmoplantar name the vocabulary reads in one sole or palm ("on the sole": its "on the soles"
        folded to the singular) is one lesion's site (`site_pattern`), unless a site field names it."""
        out = [h for h in hits if h[2].kind != "concept" or h[2].nid != "palmoplantar"
               or n[h[0]:h[1]].replace("|", " ").split()[-1:] not in (["sole"], ["palm"])
               or site_pattern("palmoplantar", n, h[0], h[1])]
        return out if len(out) != len(hits) else hits

    def _site_concepts(self, text: str, n: str, hits, words: set[str]):
        """The distribution concepts of the sites the text names (`SITE_CONCEPT`), as new hits, beside another
        finding of the text; a header-less CSV row's site column and a site word inside a finding's name
        ("plantar wart", "strawberry tongue") give none."""
        if "," in text and " " not in text[:60]:
            return None
        have = {t.nid for _, _, t, _ in hits}
        new = []
        for rx, nid, cue in SITE_CONCEPT:
            if cue.isdisjoint(words) or nid in have or nid not in self.ontology.concepts:
                continue
            for m in rx.finditer(n):
                a, b = m.start(), m.end()
                if SITE_NOT_BEFORE.search(n, max(0, a - 24), a) or any(
                        x < b and a < y and t.kind == "condition" for x, y, t, _ in hits):
                    continue
                if nid == "truncal" and n[a:b].replace("|", " ").split()[-1] in TRUNK_PART_WORDS \
                        and not trunk_pattern(n, a, b):
                    continue
                if not site_pattern(nid, n, a, b):
                    continue
                new.append((a, b, Target("concept", nid, 0), 100.0))
                break
        if not SIDE_WORDS.isdisjoint(words) and "unilateral" not in have \
                and "unilateral" in self.ontology.concepts:
            d = BAND_OF.search(n) if may(BAND_OF, n) else None  # (speed round 49: `fastmatch.may`)
            m = UNILATERAL.search(n) or (UNILATERAL_BAND.search(n) if d is not None else None)
            if m is not None:
                new.append((m.start(), m.end(), Target("concept", "unilateral", 0), 100.0))
                if d is not None and "dermatomal" not in have and "dermatomal" in self.ontology.concepts:
                    new.append((d.start(), d.end(), Target("concept", "dermatomal", 0), 100.0))
        if ("ring" in words or "rings" in words) and "annular" not in have and "annular" in self.ontology.concepts:
            for m in RING.finditer(n):
                a, b = m.span()
                if not RING_NOT_BEFORE.search(n, max(0, a - 24), a) and not any(x < b and a < y for x, y, _, _ in hits):
                    new.append((a, b, Target("concept", "annular", 0), 100.0))
                    break
        return new

    @staticmethod
    def _signs(text: str, hits, flags):  # noqa: C901
        """A sign or reaction pattern beside another named diagnosis describes it (`labels.SIGNS`): dropped,
        unless the text sets it aside (negated)."""
        signs = []
        other = firm = False
        headed = []
        for h in hits:
            t = h[2]
            if t.kind != "condition":
                continue
            adj = SIGN_ADJECTIVES.get(t.nid)
            said = text[h[0]:h[1]].lower() if adj is not None else ""
            if t.nid in SIGNS or said == adj or (adj is not None and said in (f"{adj} {w}" for w in SIGN_HEADS)):
                f = flags[(h[0], h[1])]
                # one set aside stays ("is that a milium? no, it's molluscum"); so does a possible pigment change
                # round 46: and a guessed sign weighed against another name ("milia or the sebaceous hyperplasia
                # babies get"): a candidate diagnosis of its own, not a feature of the other
                if not f[0] and not (t.nid in SIGNS_WHEN_ASSERTED and any(f)) and not (
                        f[1] and " or " in text and _alternative(text, h, hits)):
                    (signs if said == adj or t.nid in SIGNS else headed).append(h)
            elif not t.weak and not flags[(h[0], h[1])][0] and not (
                    flags[(h[0], h[1])][1] and ", like" in text and SIMILE_BEFORE.search(text, max(0, h[0] - 12), h[0])):
                other = True  # round 22: not what the sign is compared with ("livid spots, like flea-bites")
                # round 24: "an itchy urticarial rash ...; bullous pemphigoid is suspected": the adjective and its lesion
                # word describe a diagnosis stated or hedged, not a relative's or a guess ("Her mother had lupus")
                firm = firm or (not flags[(h[0], h[1])][1] and t.nid not in SYMPTOMS)
        if firm:
            signs += headed
        if not signs or not other:
            return hits
        if ("," in text or ";" in text or "/" in text) and catalogue_list(text):
            # round 32: a catalogue list's entries are co-equal names ("bruise; vitiligo", "ecchymosis, haematoma"):
            # a sign that is an entry of its own describes no other entry; one inside another's entry still does
            entries = {list_entry(text, h[0]) for h in hits if h[2].kind == "condition" and h not in signs}
            signs = [h for h in signs if list_entry(text, h[0]) in entries or not LIST_ENTRY_START.search(text, 0, h[0])
                     or LIST_ENTRY_SITE.match(text, h[1])]
            if not signs:
                return hits
        drop = {(h[0], h[1], h[2].nid) for h in signs}
        return [h for h in hits if h[2].kind != "condition" or (h[0], h[1], h[2].nid) not in drop]

    def _not_findings(self, text: str, n: str, words: set[str], hits):
        """Names that are not findings here: a business's name ("Acne Studios", "Ringworm Inc."), "acnes" (a
        bacterium's species name), a virus
        in a laboratory text with no skin word ("herpes simplex virus type 1 glycoprotein D was expressed
        in CHO cells"), and a concept read from the words of a dataset's diagnosis field ("disease: scar")."""
        out = []
        cond_spans = None
        for h in hits:
            a, b, t, _ = h
            if t.kind == "condition":
                if text[a:a + 1].isupper() and BUSINESS.match(text, b):
                    continue
                if NAME_OF_AFTER.match(text, b) or (a and NAME_OF_BEFORE.search(text, max(0, a - 24), a)):
                    continue
                if text[a:b].lower() == "acnes":
                    continue  # the bacterium's species name ("P. acnes" cut at its full stop), no acne
                if text[b - 5:b].lower() == "virus" or VIRUS_AFTER.match(text, b):
                    if not self.derm_words & words:
                        continue
            elif t.rank != IMPLIED and a and text[a - 1] in ": =" and LABEL_FIELD_END.search(text, max(0, a - 20), a):
                if cond_spans is None:
                    cond_spans = {(x, y) for x, y, u, _ in hits if u.kind == "condition"}
                if (a, b) in cond_spans:
                    continue
            out.append(h)
        return out


# round 46: two names weighed as alternatives ("milia or the sebaceous hyperplasia", "sebaceous hyperplasia or milia")
ALTERNATIVE_GAP = re.compile(r"[ ,]*(?:,|[ ]or)[ ]+(?:(?:either|perhaps|maybe|possibly)[ ]+)?(?:an?[ ]+|the[ ]+)?$")


def _alternative(text: str, h, hits) -> bool:
    """Round 46: whether the condition hit `h` and another condition are joined by "or" right beside each other (at
    most an article between): two candidates, neither a feature of the other."""
    for o in hits:
        if o is h or o[2].kind != "condition":
            continue
        if o[0] >= h[1] and o[0] - h[1] <= 12:
            gap = text[h[1]:o[0]].lower()
        elif h[0] >= o[1] and h[0] - o[1] <= 12:
            gap = text[o[1]:h[0]].lower()
        else:
            continue
        if " or " in f"{gap} " and ALTERNATIVE_GAP.match(gap):
            return True
    return False

"""Round 43: names in research prose that are no patient's finding, read on the finished result.

A research article names diseases as the origin of a reagent, the name of an institution, a neighbouring organ's
cancer or a route of infection; none of them is a lesion of a patient or of a picture:

- a single cell line named for its tumour ("the A375 melanoma cell line", "a melanoma cell line, SK-MEL-28") is a
  laboratory reagent, and the abbreviations glued into a line's code ("SK-MEL-5": "SK", "MEL") are no diagnosis (the plural "melanoma cell lines" of a title, the disease as the subject of the research, is left:
  sets 5 and 7 read it so);
- a service, a programme or an institution named for a disease ("recruited from the leprosy service", "the psoriasis
  association") names no one's finding (the decision set 29 took for "burn center");
- a squamous cell carcinoma of the head and neck, the mouth, the throat or the cervix (HNSCC) is a mucosal cancer, not
  the skin's (rule 3 of the annotation guide: another organ's lesion);
- bee "hives" in a text about bees, apiaries or colonies are the bees' houses, not urticaria;
- an abscess counted as a trial's measure ("abscess and inflammatory nodule count") is the trial disease's lesion
  count, no abscess diagnosed;
- a mosquito's bite as the route of a parasite in a text about malaria, sporozoites or immunisation is the vector's
  bite, not a bite reaction on a patient's skin, unless the text points at a case or a picture.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.cues import POINTS_AT_CASE
from derm1m_build.tagger.gates import line_code_may
from derm1m_build.tagger.results import TagResult

CELL_LINE_AFTER = re.compile(r"[ ]+cell[ -]line(?![a-z])", re.IGNORECASE)
CELL_LINE_WORDS = frozenset(("line", "cell-line", "lines", "cells"))
# a cell line's code, upper-case parts joined by hyphens with a digit ("SK-MEL-28", "MDA-MB-231"): the abbreviations
# glued into it ("SK", "MEL") are no diagnosis
LINE_CODE = re.compile(r"(?<![A-Za-z0-9-])(?=[A-Z0-9-]*[0-9])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9-])")
INSTITUTION_AFTER = re.compile(r"[ ]+(?:service|services|programme|program|hospital|mission|society|foundation|"
                               r"charity|registry)(?![a-z])", re.IGNORECASE)
INSTITUTION_WORDS = frozenset(("service", "services", "programme", "program", "hospital", "mission", "society",
                               "foundation", "charity", "registry"))
MUCOSAL_SCC_BEFORE = re.compile(r"(?<![a-z])(?:head[ ]+and[ ]+neck|oral|oropharyngeal|oral[ ]+cavity|laryngeal|"
                                r"pharyngeal|hypopharyngeal|nasopharyngeal|sinonasal|cervical|cervix)[ ]+$",
                                re.IGNORECASE)
MUCOSAL_SCC_WORDS = frozenset(("neck", "oral", "oropharyngeal", "laryngeal", "pharyngeal", "hypopharyngeal",
                               "nasopharyngeal", "sinonasal", "cervical", "cervix"))
MUCOSAL_SCC_IDS = frozenset(("squamous-cell-carcinoma",))
BEE_WORDS = frozenset(("bee", "bees", "apiary", "apiaries", "beekeeper", "beekeepers", "beekeeping", "brood", "colony",
                       "colonies", "honey", "honeybee", "honeybees", "apis", "queen"))
HIVE_FORMS = frozenset(("hive", "hives"))
VECTOR_WORDS = frozenset(("malaria", "malarial", "plasmodium", "sporozoite", "sporozoites", "parasite", "parasites",
                          "immunization", "immunisation", "immunized", "immunised", "vector", "vectors"))
VECTOR_BITE_IDS = frozenset(("mosquito-bite",))
# a trial's lesion count ("a 50% fall in abscess and inflammatory nodule count", "abscess counts"): the measure of the
# trial's disease (hidradenitis), no abscess diagnosed
LESION_COUNT_AFTER = re.compile(r"(?:[ ]+and[ ]+(?:[a-z-]+[ ]+){0,2}?(?:nodules?|fistulas?|tunnels?|lesions?))?[ ]+"
                                r"(?:counts?)(?![a-z])", re.IGNORECASE)
COUNT_WORDS = frozenset(("count", "counts"))
COUNTED_IDS = frozenset(("abscess",))
# every word any check above is gated on (the one gate `core` asks before calling `research_names`)
RESEARCH_WORDS = CELL_LINE_WORDS | INSTITUTION_WORDS | MUCOSAL_SCC_WORDS | HIVE_FORMS | VECTOR_WORDS | COUNT_WORDS


def research_names(text: str, res: TagResult, words: set[str]) -> None:
    """Drop the conditions named as a cell line, an institution, a mucosal carcinoma, a beehive or a parasite's
    vector bite (module docstring); each check is read only where its words are in the text."""
    line = not CELL_LINE_WORDS.isdisjoint(words)
    inst = not INSTITUTION_WORDS.isdisjoint(words)
    scc = not MUCOSAL_SCC_WORDS.isdisjoint(words)
    bees = not BEE_WORDS.isdisjoint(words) and not HIVE_FORMS.isdisjoint(words)
    # (a person's itch points at their own bites too: "she has itchy mosquito bites")
    # (speed round 53: a vector's bite among the names first, then the two looks over the whole text)
    vector = not VECTOR_WORDS.isdisjoint(words) and any(c.id in VECTOR_BITE_IDS for c in res.conditions) \
        and POINTS_AT_CASE.search(text) is None and ITCH.search(text) is None
    count = not COUNT_WORDS.isdisjoint(words)
    if not (line or inst or scc or bees or vector or count):
        return
    # (speed round 53: the code pattern, a look-ahead at every character, only where a name could lie in a code)
    codes = [g.span() for g in LINE_CODE.finditer(text)] if line and "-" in text and line_code_may(text, res.conditions) \
        else []
    keep = []
    for c in res.conditions:
        if codes and any(x <= c.span[0] and c.span[1] <= y for x, y in codes):
            continue
        a, b = c.span
        if (line and CELL_LINE_AFTER.match(text, b)) or (inst and INSTITUTION_AFTER.match(text, b)) \
                or (scc and c.id in MUCOSAL_SCC_IDS and MUCOSAL_SCC_BEFORE.search(text, max(0, a - 30), a)) \
                or (bees and c.id == "urticaria" and text[a:b].lower() in HIVE_FORMS) \
                or (vector and c.id in VECTOR_BITE_IDS) \
                or (count and c.id in COUNTED_IDS and LESION_COUNT_AFTER.match(text, b)):
            continue
        keep.append(c)
    if count and len(keep) < len(res.conditions):
        # the disease the count measures was read as the counted lesion's background ("abscess ... in patients with
        # hidradenitis"); with the lesion gone it is the trial's subject again
        gone = [c.span[1] for c in res.conditions if c not in keep and c.id in COUNTED_IDS]
        for c in keep:
            if c.historical and c.asserted and gone and c.span[0] > min(gone):
                c.historical = False
    res.conditions = keep


ITCH = re.compile(r"(?<![a-z])(?:itchy|itching)(?![a-z])", re.IGNORECASE)


# Round 44: research prose's background names the disease as the object of a population's share, an epidemiological
# count or a general complication ("a significant proportion of leprosy patients experience ...", "249 007 new cases of
# leprosy were diagnosed in 2008", "Type 1 reactions are an important complication of leprosy", "a presenting feature of
# leprosy"): what is known of the disease in general (ANNOTATION.md round 43: uncertain, no label), unless the sentence
# points at a case (`POINTS_AT_CASE`: "a known complication of her lupus")
KIND_OBJECT_BEFORE = re.compile(r"(?:(?:important|major|common|frequent|serious|rare|recogni[sz]ed|well[- ]known|presenting|"
                                r"leading|main|known|typical)[ ]+(?:complications?|features?|manifestations?|causes?|"
                                r"sequelae)[ ]+of|new[ ]+cases[ ]+of|"
                                # (a share as the writer's estimate of all patients, not a study's own measure: "the
                                # proportion of CSU patients with UAS7 of 0 at week 12" is a trial's endpoint)
                                r"(?:significant|substantial|large|small|considerable|sizeable)[ ]+(?:proportion|"
                                r"percentage|minority|number)[ ]+of)"
                                r"[ ]+(?:the[ ]+|all[ ]+|those[ ]+)?$", re.IGNORECASE)
KIND_OBJECT_WORDS = frozenset(("complication", "complications", "feature", "features", "manifestation", "manifestations",
                               "cause", "causes", "sequelae", "cases", "proportion", "percentage", "minority",
                               "number"))
SHARE = re.compile(r"(?:proportion|percentage|minority|number)[ ]+of", re.IGNORECASE)
SHARE_OF_PEOPLE = re.compile(r"[ ]+(?:patients|people|individuals|sufferers|adults|children)(?![a-z])", re.IGNORECASE)
# (and one of the words before the noun: the gate asks both sets)
KIND_OBJECT_ADJECTIVES = frozenset(("important", "major", "common", "frequent", "serious", "rare", "recognised",
                                    "recognized", "well", "well-known", "presenting", "leading", "main", "known",
                                    "typical", "new", "significant", "substantial", "large", "small", "considerable",
                                    "sizeable"))


def kind_as_object(text: str, res: TagResult) -> None:
    """Round 44: a condition right after `KIND_OBJECT_BEFORE` in a sentence that points at no case is uncertain."""
    for c in res.conditions:
        m = None if c.negated else KIND_OBJECT_BEFORE.search(text, max(0, c.span[0] - 60), c.span[0])
        if m is None:
            continue
        # a share is of the disease's people in general ("a significant proportion of leprosy patients"), not of a
        # study's lesions ("found that a significant proportion of NMSC were upstaged": the reviewed studies' own)
        if SHARE.search(m.group(0)) and SHARE_OF_PEOPLE.match(text, c.span[1]) is None:
            continue
        a = max(text.rfind(".", 0, c.span[0]), text.rfind(";", 0, c.span[0])) + 1
        b = min((i for i in (text.find(".", c.span[1]), text.find(";", c.span[1])) if i >= 0), default=len(text))
        if POINTS_AT_CASE.search(text, a, b) is None:
            c.uncertain, c.hedged, c.historical = True, False, False

"""Round 55: a name restated as another diagnosis ("repeated boils in the same armpit with tunnels like yours are
hidradenitis suppurativa", "these boils are hidradenitis suppurativa").

A clause whose subject is one name and whose complement, right after "is" / "are", is another diagnosis says what the
lesion the first name called really is: the first name is the poster's or the layman's word for it, replaced (ANNOTATION.md
rule 5, "a diagnosis the text replaces with another"; round 44's forum reply that names another diagnosis). The subject is
negated; the complement keeps its own reading.

Scope, kept narrow so a teaching sentence or a refinement is left alone:
- the complement starts right after the copula (an article, "actually" / "really" / "in fact" at most): "psoriasis is an
  autoimmune disease" names no second condition there, "impetigo is a complication of eczema" has words before the
  second name;
- subject and complement lie on no common path (a refinement, "her eczema is atopic dermatitis", or a group, "shingles is
  a viral infection", restates, it does not replace), and the complement's name does not hold the subject's (a
  refinement the ontology keeps beside its kind: "the shingles on his forehead is herpes zoster ophthalmicus");
- between them only a short noun phrase (`SUBJECT_WORDS` words, no clause punctuation, no other verb of being), never
  a relative clause's "which is" ("lupus vulgaris which is a tuberculosis of the skin" defines the name, set 4);
- a symptom is never the subject replaced ("the itch is scabies": the itch is real), nor a finding that is how the
  complement shows (`labels.gives_way`: "this erythroderma is DRESS": the erythroderma is real, DRESS its cause; the
  label takes the disease), nor a negated or doubted name,
  nor a generic word for the lesion (`LESION_WORDS`: "my mole is a seborrhoeic keratosis": the mole is the lesion
  named, round 37's lay mole reads it; a lay diagnosis, "these boils", is replaced).

Gate (`core`): two conditions and "is" or "are" among the text's words.
"""

from __future__ import annotations

import re

from derm1m_build.tagger.labels import gives_way
from derm1m_build.tagger.results import TagResult

COPULA_WORDS = frozenset(("is", "are"))
SUBJECT_WORDS = 9
LESION_WORDS = frozenset(("mole", "moles", "spot", "spots", "lump", "lumps", "bump", "bumps", "growth", "growths"))
# the copula and what may stand before the complement's name, read back from the name's start
COPULA_BEFORE = re.compile(r"[ ]+(?:is|are)[ ]+(?:(?:actually|really|in[ ]+fact|just)[ ]+)?(?:(?:an?|the)[ ]+)?$")
COPULA_REACH = 24
BREAK = re.compile(r"[,;:.()!?\"]|(?<![a-z])(?:is|are|was|were|not|no|but|and|or|if|when|because|than|as|which|that|who|"
                   r"what)(?![a-z])", re.IGNORECASE)


def renamed_subject(text: str, res: TagResult, path_ids, symptoms) -> None:
    """Negates a condition that is the subject of "is / are <another diagnosis>" (`path_ids`: the ontology's ids on a
    node's path, itself included; `symptoms`: the ids never replaced). Each name is first asked, with two substring
    finds, whether a copula stands just before it: most names in most texts have none."""
    for y in res.conditions:
        a = y.span[0]
        lo = max(0, a - COPULA_REACH)
        if y.negated or y.uncertain or (text.find(" is ", lo, a) < 0 and text.find(" are ", lo, a) < 0):
            continue
        cop = COPULA_BEFORE.search(text, lo, a)
        if cop is None:
            continue
        x = max((c for c in res.conditions if c.span[1] <= cop.start()), key=lambda c: c.span[1], default=None)
        if x is None or x.negated or x.uncertain or x.id in symptoms or x.id == y.id or (
                x.weak and text[x.span[0]:x.span[1]].lower() in LESION_WORDS):
            continue
        head = text[x.span[1]:cop.start()]
        if len(head.split()) > SUBJECT_WORDS or BREAK.search(head) is not None:
            continue
        if x.id in path_ids(y.id) or y.id in path_ids(x.id) or x.name.lower() in y.name.lower() or gives_way(
                x.id, y.id, path_ids):
            continue
        x.negated, x.uncertain, x.hedged, x.historical = True, False, False, False

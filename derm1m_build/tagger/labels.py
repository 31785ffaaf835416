"""Derm1M's label columns and its two template captions, from the asserted matches of one text.

Only asserted findings count (not negated, not uncertain). With several asserted conditions the label is
the most specific one: the deepest in the tree (a child beats its ancestor, "atopic dermatitis" beats
"eczema"), then the one mentioned first. Concepts are listed in the order the text names them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from derm1m_build.ontology import Ontology
from derm1m_build.schema import NO_CONCEPTS

if TYPE_CHECKING:
    from derm1m_build.tagger.core import TagResult

ONTOLOGY_TEMPLATE = "This is a skin photo diagnosed as {path}."
CONCEPT_TEMPLATE = "This skin photo shows {concepts}."


def labels_for(result: "TagResult", ontology: Ontology) -> dict[str, str]:
    asserted = [m for m in result.conditions if not m.negated and not m.uncertain]
    concepts = [m for m in result.concepts if not m.negated]
    if asserted:
        best = min(asserted, key=lambda m: (-ontology.conditions[m.id].level, m.span[0], m.id))
        disease = best.name
        hier = ", ".join(best.path)
        ont_caption = ONTOLOGY_TEMPLATE.format(path=hier)
    else:
        disease, hier, ont_caption = "", "", ""
    names = list(dict.fromkeys(m.name for m in sorted(concepts, key=lambda m: m.span[0])))
    return {
        "disease_label": disease,
        "hierarchical_disease_label": hier,
        "skin_concept": ", ".join(names),
        "ontology_caption": ont_caption,
        "concept_caption": CONCEPT_TEMPLATE.format(concepts=", ".join(names)) if names else NO_CONCEPTS,
    }

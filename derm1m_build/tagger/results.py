"""What the tagger returns: one `Match` per tagged node and text, and the `TagResult` holding a text's
conditions and concepts. Apart from the passes so that every pass module can build matches without
importing the tagger itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Match:
    """One tagged node in one text. Not frozen: a frozen dataclass costs ~5x more to build, and the tagger
    builds millions."""

    id: str
    name: str
    path: list[str]
    span: list[int]
    negated: bool = False
    uncertain: bool = False
    score: float = 100.0
    kind: str = "condition"
    # read by `labels_for`, not written to the conditions column: a past or background condition
    # ("history of melanoma"), and an uncertainty that is only a physician's hedge ("most likely X")
    historical: bool = False
    hedged: bool = False
    weak: bool = False  # named only by a generic word ("mole", "wart", "rash"), see lexicon.WEAK_NAMES
    # round 16: named last, as the conclusion of what the text described ("... onycholysis, in keeping with
    # onychomycosis", "the swab grew herpes so it's eczema herpeticum"), see `labels.disease_choice`
    concluded: bool = False
    # round 17: the ground another lesion sits on or follows ("erosions over her atopic eczema", "target lesions after
    # her cold sore"): loses the label to any other diagnosis named, see `labels.disease_choice`
    ground: bool = False
    # round 31: the entry of a catalogue list the name stands in ("BOIL/CARBUNCLE", "shingles, herpes zoster
    # ophthalmicus", "varicose veins K95; haemangioma S81"): 0 in prose; two names in different entries are co-equal
    # (see `labels.disease_choice` and `fields.list_items`)
    item: int = 0

    def as_condition(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "path": self.path, "span": self.span, "negated": self.negated,
                "uncertain": self.uncertain, "score": self.score}

    def as_concept(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "span": self.span, "negated": self.negated}

    @property
    def asserted(self) -> bool:
        return not self.negated and not self.uncertain


@dataclass
class TagResult:
    conditions: list[Match] = field(default_factory=list)
    concepts: list[Match] = field(default_factory=list)

    def as_json(self, item_id: Any = None) -> dict[str, Any]:
        d = {"conditions": [m.as_condition() for m in self.conditions],
             "concepts": [m.as_concept() for m in self.concepts]}
        if item_id is not None:
            d = {"id": item_id, **d}
        return d

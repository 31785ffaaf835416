"""Starter tagger: exact alias lookup over token n-grams, rapidfuzz for typos, a NegEx-style window.

The interface (`Tagger.tag(text) -> TagResult`, `labels_for(result, ontology)`) is what the tag stage,
`tag-text` and the caption grounding guard use.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from derm1m_build.ontology import Ontology
from derm1m_build.schema import NO_CONCEPTS

TOKEN = re.compile(r"[A-Za-z0-9']+")
NEG_TRIGGERS = ("no", "not", "without", "negative for", "ruled out", "rule out", "r/o", "denies", "absence of",
                "no evidence of", "free of")
UNCERTAIN_TRIGGERS = ("possible", "possibly", "probable", "suspected", "suspicious for", "may be", "might be",
                      "differential", "versus", "vs", "consider", "likely")
DERM_CONTEXT = {"skin", "lesion", "lesions", "rash", "dermatology", "biopsy", "cutaneous", "patient", "plaque",
                "papule", "nodule", "tumor", "tumour", "carcinoma", "diagnosis", "diagnosed", "dermoscopy"}


@dataclass(frozen=True)
class Match:
    id: str
    name: str
    path: list[str]
    span: list[int]
    negated: bool = False
    uncertain: bool = False
    score: float = 100.0
    kind: str = "condition"

    def as_condition(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "path": self.path, "span": self.span, "negated": self.negated,
                "uncertain": self.uncertain, "score": self.score}

    def as_concept(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "span": self.span, "negated": self.negated}


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


def normalise(s: str) -> str:
    return " ".join(t.lower() for t in TOKEN.findall(s.replace("-", " ")))


class Tagger:
    def __init__(self, ontology: Ontology, fuzzy_threshold: float = 90.0, max_ngram: int = 5):
        self.ontology = ontology
        self.fuzzy_threshold = fuzzy_threshold
        self.max_ngram = max_ngram
        self.alias: dict[str, tuple[str, str]] = {}  # normalised alias -> (node id, kind)
        self.abbrev: dict[str, str] = {}
        self.context_req: dict[str, tuple[str, ...]] = {}
        for kind, nodes in (("condition", ontology.conditions), ("concept", ontology.concepts)):
            for nid, n in sorted(nodes.items()):
                if nid == "root" or (kind == "condition" and not n.parent):
                    continue
                if kind == "condition" and n.level <= 2 and not ontology.is_leaf(nid):
                    continue  # branch names ("benign", "infectious") are not diagnoses
                for a in (n.name, *n.synonyms):
                    key = normalise(a)
                    if key and key not in self.alias:
                        self.alias[key] = (nid, kind)
                        if n.context:
                            self.context_req[key] = n.context
                for a in n.abbreviations:
                    self.abbrev[a] = nid
        self.fuzzy_keys = sorted(k for k in self.alias if len(k) >= 6)

    def _assert_flags(self, tokens: list[str], i: int) -> tuple[bool, bool]:
        before = " ".join(tokens[max(0, i - 6):i])
        neg = any(re.search(rf"(^| ){re.escape(t)}( |$)", before) for t in NEG_TRIGGERS)
        unc = any(re.search(rf"(^| ){re.escape(t)}( |$)", before) for t in UNCERTAIN_TRIGGERS)
        return neg, unc

    def tag(self, text: str) -> TagResult:
        toks = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text or "")]
        words = [t[0].lower() for t in toks]
        res = TagResult()
        seen: set[tuple[str, str]] = set()
        i = 0
        lowered_all = set(words)
        while i < len(toks):
            hit = None
            for n in range(min(self.max_ngram, len(toks) - i), 0, -1):
                key = " ".join(words[i:i + n])
                if key in self.alias:
                    hit = (n, self.alias[key], key, 100.0)
                    break
            if hit is None and toks[i][0] in self.abbrev and lowered_all & DERM_CONTEXT:
                hit = (1, (self.abbrev[toks[i][0]], "condition"), toks[i][0], 100.0)
            if hit is None and len(words[i]) >= 6 and self.fuzzy_keys:
                best = process.extractOne(words[i], self.fuzzy_keys, scorer=fuzz.ratio,
                                          score_cutoff=self.fuzzy_threshold)
                if best:
                    hit = (1, self.alias[best[0]], best[0], float(best[1]))
            if hit is None:
                i += 1
                continue
            n, (nid, kind), key, score = hit
            req = self.context_req.get(key)
            window = set(words[max(0, i - 4):i + n + 4])
            if req and not (window & set(req)):
                i += n
                continue
            neg, unc = self._assert_flags(words, i)
            span = [toks[i][1], toks[i + n - 1][2]]
            if (nid, kind) not in seen:
                seen.add((nid, kind))
                node = self.ontology.node(nid)
                path = self.ontology.path(nid) if kind == "condition" else []
                m = Match(nid, node.name, path, span, neg, unc, round(score, 1), kind)
                (res.conditions if kind == "condition" else res.concepts).append(m)
            i += n
        return res


def labels_for(result: TagResult, ontology: Ontology) -> dict[str, str]:
    """Derm1M's label columns and template captions from the asserted matches."""
    asserted = [m for m in result.conditions if not m.negated and not m.uncertain]
    concepts = [m for m in result.concepts if not m.negated]
    if asserted:
        best = max(asserted, key=lambda m: (ontology.conditions[m.id].level, -m.span[0]))
        disease = best.name
        hier = ", ".join(best.path)
        ont_caption = f"This is a skin photo diagnosed as {hier}."
    else:
        disease, hier, ont_caption = "", "", ""
    names = [m.name for m in concepts]
    return {
        "disease_label": disease,
        "hierarchical_disease_label": hier,
        "skin_concept": ", ".join(names),
        "ontology_caption": ont_caption,
        "concept_caption": f"This skin photo shows {', '.join(names)}." if names else NO_CONCEPTS,
    }


def result_json(result: TagResult) -> tuple[list[dict], list[dict]]:
    return [m.as_condition() for m in result.conditions], [m.as_concept() for m in result.concepts]


_ = asdict

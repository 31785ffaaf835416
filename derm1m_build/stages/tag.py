"""The tag stage: conditions and concepts from each pair's caption, Derm1M's label columns.

Each row's text (the first non-empty of `text_fields`) is tagged against the ontology
(`derm1m_build.tagger`); the matches go to `conditions` / `concepts` as canonical JSON, and the asserted
ones give `disease_label`, `hierarchical_disease_label`, `skin_concept` and the two template captions.
No row is dropped here: a caption that names no condition keeps empty labels (the split stage and the
report decide what to do with those).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class TagConfig(Section):
    ontology: str | None = None  # folder; default: the repository's ontology/
    fuzzy: bool = True  # correct typos in words the exact pass could not place
    fuzzy_threshold: float | None = None  # minimum rapidfuzz ratio; default: length-dependent (80-88)
    text_fields: tuple[str, ...] = ("caption", "raw_text")
    corrections: str | None = None  # reviewers' corrections.csv (derm1m-build audit corrections), applied after tagging


class TagStage(Stage):
    name = "tag"
    resources = Resources(cpus=1)

    def _ontology_path(self):
        return self.recipe.resolve(self.config.ontology) if (self.config.ontology and self.recipe) else None

    def setup(self) -> None:
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger import Tagger

        self.ontology = load_ontology(self._ontology_path())
        self.tagger = Tagger(self.ontology, fuzzy=self.config.fuzzy, fuzzy_threshold=self.config.fuzzy_threshold)
        self.corrections = {}
        if self.config.corrections:
            from derm1m_build.audit import corrections

            self.corrections = corrections.index(corrections.read(self._corrections_path()))

    def _corrections_path(self):
        return self.recipe.resolve(self.config.corrections) if self.recipe else Path(self.config.corrections)

    def digest_extra(self) -> dict:
        from derm1m_build.ontology import load_ontology

        extra = {"ontology": load_ontology(self._ontology_path()).digest()}
        if self.config.corrections:
            from derm1m_build.audit import corrections

            # the corrections' content, not the file's bytes: reordering lines changes nothing
            idx = corrections.index(corrections.read(self._corrections_path()))
            extra["corrections"] = sorted((k, f, c.value) for k, fs in idx.items() for f, c in fs.items())
        return extra

    def process_batch(self, rows: pa.Table) -> StageResult:
        from derm1m_build.tagger import labels_for

        records = rows.to_pylist()
        texts = [next((r.get(f) for f in self.config.text_fields if r.get(f)), "") or "" for r in records]
        for r, res in zip(records, self.tagger.tag_many(texts)):
            r["conditions"] = json.dumps([m.as_condition() for m in res.conditions], sort_keys=True)
            r["concepts"] = json.dumps([m.as_concept() for m in res.concepts], sort_keys=True)
            r.update(labels_for(res, self.ontology))
        if self.corrections:
            from derm1m_build.audit.corrections import apply

            records, removed, applied = apply(records, self.corrections, self.ontology)
            return self.result(records, removed, corrections_applied=applied)
        return self.result(records, [])

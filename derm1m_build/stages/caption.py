"""The caption stage: refined caption, CLIP-length caption, sub-captions and metadata per pair.

Back-ends (recipe `caption.backend`): `rules` (embedded, no model: `captioning/rules.py`),
`transformers` (a local causal LM, `[caption.transformers]`), `openai` (any OpenAI-compatible endpoint,
`[caption.openai]`). The LLM back-ends answer JSON validated against a schema; unusable or ungrounded
answers and failed requests fall back to the rules caption, with the reason in `caption_backend`
(`rules-fallback:<reason>`). Non-English rows are translated by the LLM back-ends
(`<backend>:<model>+translated:<lang>`); the rules back-end leaves them marked (`rules+untranslated`).
`truncated_caption` is cut at a sentence boundary to fit `max_clip_tokens` CLIP BPE tokens.
Rows whose final caption has fewer than `min_words` words are dropped (`caption_too_short`).
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Literal

import pyarrow as pa
from pydantic import Field, model_validator

from derm1m_build.captioning.local_chat import TransformersConfig
from derm1m_build.captioning.openai_chat import OpenAIConfig
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult


class CaptionConfig(Section):
    backend: Literal["rules", "transformers", "openai"] = "rules"
    max_clip_tokens: int = Field(77, ge=8, description="CLIP context incl. start/end tokens")
    min_words: int = Field(3, ge=0)
    prompts: str | None = Field(None, description="folder with refine/ontology/concept/retry.md; default stages/prompts")
    ontology: str | None = Field(None, description="ontology folder; default the repository's ontology/")
    ground: bool = Field(True, description="reject LLM captions asserting conditions the source does not support")
    cache: bool = Field(True, description="cache LLM replies under OUT/cache/llm")
    openai: OpenAIConfig | None = None
    transformers: TransformersConfig | None = None

    @model_validator(mode="after")
    def _backend_section(self) -> "CaptionConfig":
        if self.backend in ("openai", "transformers") and getattr(self, self.backend) is None:
            raise ValueError(f'backend "{self.backend}" needs a [caption.{self.backend}] section')
        return self


# Fallbacks that asking again cannot change (the reply at temperature 0 is cached): not retried.
DETERMINISTIC_FALLBACKS = ("invalid_json", "schema_invalid", "ungrounded")


def fallback_reason(label: str) -> str | None:
    """`rules-fallback:http_401+untranslated` -> `http_401`; None when the label is no fallback."""
    if not label.startswith("rules-fallback:"):
        return None
    return label[len("rules-fallback:"):].split("+", 1)[0].split(":", 1)[0]


def is_transient_fallback(label: str) -> bool:
    """A request failure (HTTP status, timeout, connection, bad body): the next run asks again."""
    r = fallback_reason(label)
    return r is not None and r not in DETERMINISTIC_FALLBACKS


class CaptionStage(Stage):
    name = "caption"
    resources = Resources(cpus=1)

    def __init__(self, config: Any, ctx: Any, recipe: Any = None):
        super().__init__(config, ctx, recipe)
        if config.backend == "transformers":
            # an explicit cuda device asks the executor (Ray) for a GPU; "auto" uses one if the worker has it
            gpus = 1.0 if config.transformers.device.startswith("cuda") else 0.0
            self.resources = Resources(cpus=1, gpus=gpus, memory_mb=8192, actor=True)  # LLM once per actor
        self.backend = None
        self.refiner = None

    # recipe paths, ontology, prompts -------------------------------------------------------------
    def _resolve(self, p: str | None):
        if not p:
            return None
        return self.recipe.resolve(p) if self.recipe else p

    @cached_property
    def ontology(self):
        from derm1m_build.ontology import load_ontology

        return load_ontology(self._resolve(self.config.ontology))

    @cached_property
    def prompts(self):
        from derm1m_build.captioning.prompts import load_prompts

        return load_prompts(self._resolve(self.config.prompts), self.ontology)

    def _make_backend(self):
        seed = self.ctx.seed
        if self.config.backend == "openai":
            from derm1m_build.captioning.openai_chat import OpenAIChat

            allow = bool(self.recipe and self.recipe.build.allow_private_hosts)
            return OpenAIChat(self.config.openai, seed=seed, allow_private=allow, key_base=self._resolve)
        from derm1m_build.captioning.local_chat import TransformersChat

        return TransformersChat(self.config.transformers, seed=seed, resolve=self._resolve)

    # Stage interface -----------------------------------------------------------------------------
    def setup(self) -> None:
        from derm1m_build.captioning.rules import RulesCaptioner

        self.rules = RulesCaptioner.from_ontology(self.ontology)
        if self.config.backend != "rules":
            from derm1m_build.captioning.cache import LLMCache
            from derm1m_build.captioning.grounding import GroundingGuard
            from derm1m_build.captioning.refine import Refiner

            self.backend = self._make_backend()
            cache = LLMCache(self.ctx.cache / "llm" if self.config.cache else None)
            guard = GroundingGuard(self.ontology) if self.config.ground else None
            self.refiner = Refiner(self.backend, self.prompts, cache, guard)

    def models(self) -> dict[str, Any]:
        info: dict[str, Any] = {"backend": self.config.backend, "clip_tokenizer": "openai-clip-bpe-49408"}
        if self.config.backend != "rules":
            info["prompt_digest"] = self.prompts.digest
            if self.config.backend == "openai":
                from derm1m_build.captioning.openai_chat import public_url

                o = self.config.openai
                info.update(model=o.model, endpoint=public_url(o.base_url), temperature=0, seed=self.ctx.seed,
                            max_tokens=o.max_tokens)
            else:
                from derm1m_build.captioning.local_chat import model_digest

                t = self.config.transformers
                path = str(self._resolve(t.model))
                info.update(model=t.model, model_digest=model_digest(path), temperature=0, seed=self.ctx.seed,
                            max_new_tokens=t.max_new_tokens)
        return {"caption": info}

    def digest_extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"ontology": self.ontology.digest()}
        if self.config.backend != "rules":
            extra.update(self.models()["caption"])
        return extra

    def _labels(self, kept: pa.Table, excluded: pa.Table) -> list[str]:
        out = []
        for t in (kept, excluded):
            if t.num_rows and "caption_backend" in t.column_names:
                out += [x or "" for x in t.column("caption_backend").to_pylist()]
        return out

    def shard_counts(self, kept: pa.Table, excluded: pa.Table) -> dict[str, dict[str, int]]:
        c: dict[str, int] = {}
        for label in self._labels(kept, excluded):
            c[label] = c.get(label, 0) + 1
        return {"caption_backend": dict(sorted(c.items()))}

    def retry_rows(self, kept: pa.Table, excluded: pa.Table) -> int:
        return sum(1 for label in self._labels(kept, excluded) if is_transient_fallback(label))

    def process_batch(self, rows: pa.Table) -> StageResult:
        if self.refiner is None:
            return self.rules_batch(rows)
        return self.rows_batch(rows)

    def rules_batch(self, rows: pa.Table) -> StageResult:
        """The rules back-end on Arrow columns: the same result as `rows_batch`, without a Python dict
        per row. The rules read only `raw_text` (and `lang` for the label), so each distinct text is
        cleaned, split into sub-captions, read for metadata and cut to CLIP length once per shard, and
        the other columns pass through as Arrow arrays. (A dataset's metadata captions, the panels of a
        compound figure and re-posted forum text repeat; unique texts cost what they did.)"""
        import pyarrow.compute as pc

        from derm1m_build import schema as sch
        from derm1m_build.captioning.clip_tokens import truncate_many
        from derm1m_build.captioning.refine import is_english
        from derm1m_build.texthygiene import clean

        n = rows.num_rows
        raw_in = rows.column("raw_text").to_pylist() if "raw_text" in rows.column_names else [None] * n
        langs = rows.column("lang").to_pylist() if "lang" in rows.column_names else [None] * n
        # distinct texts: index of each row's text in `texts`
        ids: dict[str, int] = {}
        texts: list[str] = []
        row_text = []
        for t in raw_in:
            t = clean(t or "")  # NUL, bidi overrides, zero-width: removed before any sentence is split
            i = ids.get(t)
            if i is None:
                i = ids[t] = len(texts)
                texts.append(t)
            row_text.append(i)
        caps, subs, metas, short = [], [], [], []
        for t in texts:
            cap = self.rules.clean(t)
            caps.append(cap)
            subs.append(json.dumps(self.rules.sub_captions(t), sort_keys=True, ensure_ascii=False))
            metas.append(self.rules.metadata(cap))
            short.append(len(cap.split()) < self.config.min_words)
        english = {lg: is_english({"lang": lg}) for lg in set(langs)}
        labels = ["rules" if english[lg] else "rules+untranslated" for lg in langs]
        keep = [not short[i] for i in row_text]
        kept_caps = sorted({i for i, k in zip(row_text, keep) if k})
        trunc = dict(zip(kept_caps, truncate_many([caps[i] for i in kept_caps], self.config.max_clip_tokens)))
        cols = {
            "raw_text": [texts[i] for i in row_text],
            "caption": [caps[i] for i in row_text],
            "sub_captions": [subs[i] for i in row_text],
            "caption_backend": labels,
            "body_location": [metas[i].body_location for i in row_text],
            "symptoms": [metas[i].symptoms for i in row_text],
            "age": [metas[i].age for i in row_text],
            "gender": [metas[i].gender for i in row_text],
            "truncated_caption": [trunc.get(i) if k else None for i, k in zip(row_text, keep)],
        }
        mask = pa.array(keep, pa.bool_())
        drop = pc.invert(mask)

        def build(target: pa.Schema, sel: pa.Array, extra: dict[str, list]) -> pa.Table:
            unknown = set(rows.column_names) - set(target.names)
            if unknown:  # as rows_to_table says it
                raise ValueError(f"columns not in the schema: {sorted(unknown)}")
            idx = pc.indices_nonzero(sel)
            arrays = []
            for f in target:
                if f.name in extra:
                    arrays.append(pa.array(extra[f.name], f.type))
                elif f.name in cols:
                    arrays.append(pa.array(cols[f.name], f.type).take(idx))
                elif f.name in rows.column_names:
                    arrays.append(rows.column(f.name).take(idx).combine_chunks().cast(f.type))
                else:
                    arrays.append(pa.nulls(len(idx), f.type))
            return pa.Table.from_arrays(arrays, schema=target)

        n_drop = n - sum(keep)
        kept = build(self.out_schema, mask, {})
        dropped_labels = [lb for lb, k in zip(labels, keep) if not k]
        excluded = build(sch.excluded_schema(self.name), drop,
                         {"reason": ["caption_too_short"] * n_drop, "detail": dropped_labels,
                          "stage": [self.name] * n_drop})
        return StageResult(kept, excluded, {})

    def rows_batch(self, rows: pa.Table) -> StageResult:
        """A dict per row: the LLM back-ends' refiner works on rows (and this is the reference the
        columnar rules path is tested against)."""
        from derm1m_build.captioning.clip_tokens import truncate_many
        from derm1m_build.captioning.refine import is_english

        from derm1m_build.texthygiene import clean

        rows_l = rows.to_pylist()
        for r in rows_l:  # NUL, bidi overrides, zero-width: removed before any sentence is split or sent
            r["raw_text"] = clean(r.get("raw_text") or "")
        outcomes = self.refiner.run(rows_l) if self.refiner else [None] * len(rows_l)
        kept, dropped = [], []
        for r, o in zip(rows_l, outcomes):
            raw = r.get("raw_text") or ""
            if o is not None and o.answer is not None:
                a = o.answer
                r.update(caption=a.caption, sub_captions=json.dumps(a.sub_captions_json(), sort_keys=True, ensure_ascii=False),
                         body_location=a.body_location, symptoms=a.symptoms, age=a.age, gender=a.gender,
                         caption_backend=o.label)
            else:
                cap = self.rules.clean(raw)
                label = o.label if o is not None else "rules"
                if not is_english(r):
                    label += "+untranslated"
                r.update(caption=cap, sub_captions=json.dumps(self.rules.sub_captions(raw), sort_keys=True,
                                                              ensure_ascii=False),
                         caption_backend=label, **self.rules.metadata(cap).as_dict())
            if len(r["caption"].split()) < self.config.min_words:
                r["reason"] = "caption_too_short"
                r["detail"] = r["caption_backend"]
                dropped.append(r)
                continue
            kept.append(r)
        for r, t in zip(kept, truncate_many([r["caption"] for r in kept], self.config.max_clip_tokens)):
            r["truncated_caption"] = t
        return self.result(kept, dropped)

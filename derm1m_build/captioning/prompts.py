"""The caption prompts (`stages/prompts/*.md`), rendered once per build, and their digest.

Derm1M refined its captions with three prompts: a refinement prompt, an ontology prompt (name
conditions with the ontology's terms) and a concept prompt (describe morphology with the concept
vocabulary). Here they are three files joined into one system prompt, with `$schema`, `$conditions` and
`$concepts` filled from the answer schema and the ontology; `retry.md` is the follow-up turn after an
unusable answer. The digest of the rendered text is recorded in the manifest and keys the LLM cache.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from derm1m_build.captioning.answer import schema_text
from derm1m_build.errors import UserError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.resources import data_dir

DEFAULT_DIR = data_dir("prompts")
PARTS = ("refine.md", "ontology.md", "concept.md")
MAX_INPUT_CHARS = 6000


@dataclass(frozen=True)
class Prompts:
    system: str
    retry: str

    @property
    def digest(self) -> str:
        return sha256_bytes(json.dumps([self.system, self.retry]).encode("utf-8"))

    def user_message(self, row: dict[str, Any]) -> str:
        """What the model sees of one row: its text, where it came from and its language."""
        msg = {"source_type": row.get("source_type") or "", "language": row.get("lang") or "en",
               "text": (row.get("raw_text") or "")[:MAX_INPUT_CHARS]}
        if row.get("ocr_text"):  # text read in the image ([filter.ocr]; identifiers never reach it)
            msg["image_text"] = row["ocr_text"][:MAX_INPUT_CHARS]
        return json.dumps(msg, ensure_ascii=False, sort_keys=True)

    def messages(self, row: dict[str, Any]) -> list[dict[str, str]]:
        return [{"role": "system", "content": self.system}, {"role": "user", "content": self.user_message(row)}]

    def retry_messages(self, first: list[dict[str, str]], reply: str, error: str) -> list[dict[str, str]]:
        return [*first, {"role": "assistant", "content": reply},
                {"role": "user", "content": Template(self.retry).safe_substitute(error=error)}]


def load_prompts(folder: str | Path | None, ontology) -> Prompts:
    d = Path(folder) if folder else DEFAULT_DIR
    texts = {}
    for name in (*PARTS, "retry.md"):
        p = d / name
        try:
            texts[name] = p.read_text(encoding="utf-8").strip()
        except OSError:
            raise UserError(f"caption prompt {p} not found (caption.prompts names a folder with "
                            f"{', '.join((*PARTS, 'retry.md'))})") from None
    conditions = sorted({n.name for nid, n in ontology.conditions.items()
                         if nid != "root" and n.parent and (ontology.is_leaf(nid) or n.level > 2)})
    concepts = sorted({n.name for n in ontology.concepts.values()})
    values = {"schema": schema_text(), "conditions": "; ".join(conditions), "concepts": "; ".join(concepts)}
    system = "\n\n".join(Template(texts[n]).safe_substitute(values) for n in PARTS)
    return Prompts(system=system, retry=texts["retry.md"])

"""Audit packs for teams that already review in Label Studio or Argilla: their JSON, both ways.

Export writes what each tool imports: Label Studio tasks (`data` per item, the image as a data URI so no
server of ours is needed) plus a labeling config with one yes/no/skip choice per field and a text box for
the right label; Argilla (2.x) settings (fields, one label question per field, a text question) plus
records. Import reads what each tool exports (Label Studio's JSON export with `annotations`, Argilla's
records with `responses`) into the same per-reviewer answers files the review page writes, so
`audit score` and `audit corrections` treat them alike.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from derm1m_build.audit import FIELD_QUESTIONS, FIELDS
from derm1m_build.audit import answers as answers_mod
from derm1m_build.audit.pack import load_items
from derm1m_build.errors import UserError
from derm1m_build.store import atomic_write_text

TEXT_KEYS = ("caption", "raw_text", "disease_label", "hierarchical_disease_label", "skin_concept",
             "body_location", "source", "source_url", "license")


def _image_uri(folder: Path, it: dict[str, Any]) -> str:
    if not it.get("thumb"):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode((folder / it["thumb"]).read_bytes()).decode()


def label_studio_config() -> str:
    parts = ['<View>', '  <Image name="image" value="$image"/>']
    for k in ("caption", "raw_text", "disease_label", "skin_concept", "body_location", "source_url", "license"):
        parts.append(f'  <Text name="t_{k}" value="${k}"/>')
    for f in FIELDS:
        parts.append(f'  <Header value={quoteattr(FIELD_QUESTIONS[f])}/>')
        parts.append(f'  <Choices name="{f}" toName="image" choice="single">')
        parts += [f'    <Choice value="{v}"/>' for v in ("yes", "no", "skip")]
        parts.append('  </Choices>')
    parts += ['  <TextArea name="correct_label" toName="image" placeholder="right disease_label"/>',
              '  <Choices name="flag" toName="image" choice="single"><Choice value="privacy"/><Choice value="remove"/>'
              '</Choices>', '</View>']
    return "\n".join(parts) + "\n"


def export(folder: Path, fmt: str, out: Path) -> list[Path]:
    folder, out = Path(folder), Path(out)
    items = load_items(folder)
    if fmt == "label-studio":
        tasks = [{"id": i + 1, "data": {"sample_id": it["sample_id"], "image": _image_uri(folder, it),
                                        **{k: it.get(k) or "" for k in TEXT_KEYS}}}
                 for i, it in enumerate(items)]
        atomic_write_text(out / "tasks.json", json.dumps(tasks, indent=1, ensure_ascii=False) + "\n")
        atomic_write_text(out / "label_config.xml", label_studio_config())
        return [out / "tasks.json", out / "label_config.xml"]
    if fmt == "argilla":
        settings = {"guidelines": "Judge each field of the pair; give the right label when it is wrong.",
                    "fields": [{"name": "image", "type": "image"}, *[{"name": k, "type": "text"} for k in TEXT_KEYS]],
                    "questions": [*[{"name": f, "type": "label_selection", "title": FIELD_QUESTIONS[f],
                                     "labels": ["yes", "no", "skip"]} for f in FIELDS],
                                  {"name": "correct_label", "type": "text", "required": False},
                                  {"name": "flag", "type": "label_selection", "labels": ["privacy", "remove"],
                                   "required": False}]}
        records = [{"id": it["sample_id"], "fields": {"image": _image_uri(folder, it),
                                                      **{k: it.get(k) or "" for k in TEXT_KEYS}},
                    "metadata": {"stratum": it.get("stratum")}} for it in items]
        atomic_write_text(out / "settings.json", json.dumps(settings, indent=1) + "\n")
        atomic_write_text(out / "records.json", json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        return [out / "settings.json", out / "records.json"]
    raise UserError(f"--format {fmt!r}: choose label-studio or argilla")


def _store(folder: Path, reviewer: str, item: str, choices: dict[str, str], correct: str, ids: set[str],
           when: datetime) -> int:
    n = 0
    for f, v in sorted(choices.items()):
        ans = {"item": item, "field": f, "value": v}
        if f == "label" and v == "no" and correct:
            ans["correct"] = correct
        answers_mod.append(folder, reviewer, answers_mod.validate(ans, ids), when)
        n += 1
    return n


def _reviewer(v: Any) -> str:
    s = str(v or "unknown").split("@")[0]
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in s)[:64] or "unknown"


def import_(folder: Path, fmt: str, path: Path) -> int:
    """Answers from a tool's export; returns how many were stored."""
    folder = Path(folder)
    ids = {it["sample_id"] for it in load_items(folder)}
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UserError(f"{path}: not a JSON export ({e})") from None
    when = datetime.now(timezone.utc)
    stored = 0
    if fmt == "label-studio":
        for task in doc if isinstance(doc, list) else []:
            item = (task.get("data") or {}).get("sample_id")
            for ann in task.get("annotations") or []:
                choices, correct = {}, ""
                for r in ann.get("result") or []:
                    name, val = r.get("from_name"), r.get("value") or {}
                    if name in FIELDS or name == "flag":
                        picked = val.get("choices") or []
                        if picked:
                            choices[name] = picked[0]
                    elif name == "correct_label":
                        correct = " ".join(val.get("text") or []).strip()
                stored += _store(folder, _reviewer(ann.get("completed_by")), item, choices, correct, ids, when)
        return stored
    if fmt == "argilla":
        records = doc.get("records", doc) if isinstance(doc, dict) else doc
        for rec in records if isinstance(records, list) else []:
            by_user: dict[str, dict[str, Any]] = {}
            for q, resp in (rec.get("responses") or {}).items():
                for r in resp or []:
                    by_user.setdefault(_reviewer(r.get("user_id")), {})[q] = r.get("value")
            for user, got in sorted(by_user.items()):
                choices = {q: v for q, v in got.items() if (q in FIELDS or q == "flag") and isinstance(v, str)}
                stored += _store(folder, user, rec.get("id"), choices, str(got.get("correct_label") or ""), ids, when)
        return stored
    raise UserError(f"--format {fmt!r}: choose label-studio or argilla")

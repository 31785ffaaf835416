"""What reviewers said: one append-only JSON Lines file per reviewer, written as each answer is given.

Each answer is one line, flushed and fsynced before the page hears "saved", so killing the server loses at
most the answer in flight. Later lines win over earlier ones for the same (item, field): a reviewer can
change their mind without anything being rewritten.
"""

from __future__ import annotations

import json
import os
import re
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from derm1m_build.audit import FIELDS
from derm1m_build.errors import UserError

VALUES = ("yes", "no", "skip")
FLAGS = ("privacy", "remove")
_REVIEWER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_lock = threading.Lock()


def check_reviewer(name: str) -> str:
    if not _REVIEWER.match(name or ""):
        raise UserError(f"reviewer name {name!r}: 1-64 letters, digits, '.', '_' or '-'")
    return name


def answers_path(folder: Path, reviewer: str) -> Path:
    return Path(folder) / "answers" / f"{check_reviewer(reviewer)}.jsonl"


def validate(answer: dict[str, Any], item_ids: set[str]) -> dict[str, Any]:
    """The stored form of one answer, or UserError naming what is wrong."""
    item, field, value = answer.get("item"), answer.get("field"), answer.get("value")
    if item not in item_ids:
        raise UserError(f"unknown item {item!r}")
    if field in FIELDS:
        if value not in VALUES:
            raise UserError(f"{field}: value must be one of {', '.join(VALUES)}")
    elif field == "flag":
        if value not in (*FLAGS, "none"):
            raise UserError(f"flag: value must be one of {', '.join(FLAGS)} or none")
    else:
        raise UserError(f"unknown field {field!r}")
    out = {"item": item, "field": field, "value": value}
    correct = answer.get("correct")
    if correct not in (None, ""):
        if field not in ("label", "site", "concepts", "caption") or value != "no":
            raise UserError("a corrected value goes with a 'no' answer on label, site, concepts or caption")
        out["correct"] = str(correct)[:2000]
    note = answer.get("note")
    if note:
        out["note"] = str(note)[:2000]
    return out


def append(folder: Path, reviewer: str, answer: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    rec = {**answer, "reviewer": reviewer,
           "at": (now or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()}
    path = answers_path(folder, reviewer)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(rec, sort_keys=True, ensure_ascii=False) + "\n"
    with _lock, open(path, "a", encoding="utf-8") as f:
        f.write(line)
        f.flush()
        os.fsync(f.fileno())
    return rec


def load(folder: Path) -> dict[str, dict[tuple[str, str], dict[str, Any]]]:
    """reviewer -> (item, field) -> latest answer. A torn last line (a kill mid-write) is ignored."""
    out: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    d = Path(folder) / "answers"
    for p in sorted(d.glob("*.jsonl")) if d.is_dir() else []:
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if isinstance(rec, dict) and "item" in rec and "field" in rec:
                latest[(rec["item"], rec["field"])] = rec
        out[p.stem] = latest
    return out

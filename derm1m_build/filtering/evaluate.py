"""`eval-filter`: run a back-end (with the same quality checks and face handling as the stage) on a
labelled folder and report precision, recall, the confusion matrix and the verdict on every image.

Layouts: `keep/` + `drop/` (binary: positive = keep; `derm/` + `nonderm/` read the same), or one folder per modality class (`clinical`,
`dermoscopic`, `histopathology`, `other`): the prediction is the judged modality of a kept image,
`other` for a dropped one; the binary figures (positive = any class but `other`) are reported too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np

from derm1m_build.errors import ItemError
from derm1m_build.filtering.backends import Judgement
from derm1m_build.filtering.labelled import labelled_files


POSITIVE = {"keep", "derm", "skin"}
NEGATIVE = {"drop", "nonderm", "nonskin", "not_skin"}


def judge_files(files: list[Path], config: Any, resolve=None, batch: int = 64) -> list[Judgement]:
    """Decode (upright), measure, quality-check, judge and look for faces as the filter stage does (no
    dedup). A kept image's face verdict is in `scores["face"]`: none, blurred, dropped or kept."""
    from derm1m_build.filtering.backends import make_backend
    from derm1m_build.filtering.decode import load_upright
    from derm1m_build.filtering.heuristic import dermoscope_field, measure
    from derm1m_build.filtering.quality import check
    from derm1m_build.stages.filter import DECODE_SIDE

    backend = make_backend(config, resolve)
    backend.load()
    out: list[Judgement | None] = [None] * len(files)
    pending: list[tuple[int, np.ndarray, Any, bytes]] = []

    def flush() -> None:
        js = backend.judge([p[1] for p in pending], [p[2] for p in pending])
        for (i, rgb_small, m, data), j in zip(pending, js):
            j.scores = {**m.as_dict(), **j.scores}
            if j.keep:
                verdict = face_verdict(rgb_small, data, j.modality, config.faces, sure=dermoscope_field(m))
                j.scores["face"] = verdict
                if verdict == "dropped":
                    j.keep, j.reason, j.detail = False, "face", "face(s) found"
            out[i] = j
        pending.clear()

    for i, f in enumerate(files):
        try:
            data = Path(f).read_bytes()
            im = load_upright(data, max_side=DECODE_SIDE)
            rgb = np.asarray(im)
            from PIL import Image
            import io

            with Image.open(io.BytesIO(data)) as probe:  # decoded fine above: the header is sound
                w, h = probe.size
        except ItemError as e:
            out[i] = Judgement(False, e.reason, "other", detail=e.detail)
            continue
        except OSError as e:
            out[i] = Judgement(False, "image_unreadable", "other", detail=type(e).__name__)
            continue
        m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        bad = check(w, h, m, config.quality)
        if bad:
            out[i] = Judgement(False, bad[0], "other", m.as_dict(), detail=bad[1])
            continue
        pending.append((i, rgb, m, data))
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return out  # type: ignore[return-value]


def face_verdict(rgb: np.ndarray, data: bytes, modality: str, faces_config: Any, sure: bool = True) -> str:
    """What the stage's face action does to a kept image (`rgb`: its upright DECODE_SIDE copy): none,
    blurred, dropped or kept."""
    from derm1m_build.filtering import faces

    act = faces_config.action
    if act == "off" or not faces.face_possible(modality, True, sure):
        return "none"
    from derm1m_build.filtering.decode import load_upright

    boxes = faces.find(rgb, lambda: np.asarray(load_upright(data, max_side=faces.FACE_SIDE)),
                       faces_config.min_frac, faces_config.min_score)
    if not boxes:
        return "none"
    return {"blur": "blurred", "drop": "dropped", "keep": "kept"}[act]


def metrics(truth: list[str], pred: list[str], classes: list[str]) -> dict[str, Any]:
    labels = sorted(set(classes) | set(pred))
    cm = {t: {p: 0 for p in labels} for t in labels}
    for t, p in zip(truth, pred):
        cm[t][p] += 1
    per = {}
    for c in labels:
        tp = cm[c][c]
        fp = sum(cm[t][c] for t in labels if t != c)
        fn = sum(cm[c][p] for p in labels if p != c)
        per[c] = {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
                  "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0, "support": tp + fn}
    acc = sum(cm[c][c] for c in labels) / max(1, len(truth))
    return {"labels": labels, "confusion": cm, "per_class": per, "accuracy": round(acc, 4), "n": len(truth)}


def evaluate(folder: Path, config: Any, resolve=None) -> dict[str, Any]:
    classes, items = labelled_files(folder)
    judged = judge_files([f for f, _ in items], config, resolve)
    binary = set(classes) <= POSITIVE | NEGATIVE
    truth = [c for _, c in items]
    if binary:
        truth = ["keep" if c in POSITIVE else "drop" for c in truth]
        classes = sorted(set(truth))
    if binary:
        pred = ["keep" if j.keep else "drop" for j in judged]
    else:
        pred = [j.modality if j.keep else "other" for j in judged]
    res = metrics(truth, pred, classes)
    res["layout"] = "keep/drop" if binary else "modality"
    res["images"] = [{"file": str(Path(f).relative_to(folder)), "truth": t, "keep": bool(j.keep), "reason": j.reason,
                      "modality": j.modality, "face": j.scores.get("face", "none")}
                     for (f, _), t, j in zip(items, truth, judged)]
    if not binary:  # positive = any class but "other" (what the stage keeps)
        b = metrics(["drop" if t == "other" else "keep" for t in truth], ["keep" if j.keep else "drop" for j in judged],
                    ["drop", "keep"])
        res["binary"] = {"confusion": b["confusion"], "precision": b["per_class"]["keep"]["precision"],
                         "recall": b["per_class"]["keep"]["recall"]}
    res["backend"] = config.backend
    pos = res["per_class"].get("keep") if binary else None
    if pos:
        res["precision"], res["recall"] = pos["precision"], pos["recall"]
    else:  # macro average over the true classes
        res["precision"] = round(float(np.mean([res["per_class"][c]["precision"] for c in classes])), 4)
        res["recall"] = round(float(np.mean([res["per_class"][c]["recall"] for c in classes])), 4)
    res["drop_reasons"] = dict(sorted({r: sum(1 for j in judged if not j.keep and j.reason == r)
                                       for r in {j.reason for j in judged if not j.keep}}.items()))
    return res

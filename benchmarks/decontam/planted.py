"""Planted transformed copies of real photographs against a benchmark index (recall per transformation),
and distinct real photographs wrongly dropped.

The 173 real photos of ../shared/realdata/photos (PROVENANCE.tsv order) are cut in two halves fixed
before any tuning: even positions = the tuning set, odd positions = the held-out set. For a set, its
photos form a plain-folder benchmark; each is planted once per transformation (benchmarks/filter/
transforms.py, seeded) as a candidate; the other half's photos (distinct photos, same conditions) are
candidates that must not be dropped, each also planted with every transformation (so a wrong drop of a
re-posted distinct photo counts too). The transformations: `transforms.DECONTAM_KINDS` and
"mirror+crop10-20" (a crop of 10-20 % of the mirrored photo, a combination).

    python -m benchmarks.decontam.planted --set heldout
    python -m benchmarks.decontam.planted --set tuning --kinds turn7+crop75 --model MODEL_DIR   # embeddings
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

from benchmarks.filter import transforms as T
from derm1m_build.filtering.decontam import BenchmarkSpec, Checker, DecontamConfig

ROOT = Path("../shared/realdata/photos")


def mirror_crop20(im, seed: int = 0):
    """Mirrored, then 10-20 % cropped (a re-post that does both)."""
    return T.crop20(np.ascontiguousarray(im[:, ::-1]), seed)


def turn7_crop75(im, seed: int = 0):
    """Turned 7 degrees, then 75 % of each side kept (a corner picked by the seed): beyond every hash key;
    only an embedding proposes it (not in the default list: it needs `--model`)."""
    h, w = im.shape[:2]
    t = cv2.warpAffine(im, cv2.getRotationMatrix2D((w / 2, h / 2), 7, 1.0), (w, h))
    ch, cw = int(h * 0.75), int(w * 0.75)
    y, x = (0, h - ch)[seed % 2], (0, w - cw)[(seed // 2) % 2]
    return t[y:y + ch, x:x + cw].copy()


KINDS = {**T.DECONTAM_KINDS, "mirror+crop10-20": mirror_crop20}
EXTRA_KINDS = {"turn7+crop75": turn7_crop75}


def apply(kind: str, im, seed: int = 0):
    return {**KINDS, **EXTRA_KINDS}[kind](im, seed)


def embedder_for(model: str):
    """The classifier back-end's embeddings (a model folder saved by transformers), as the stage uses them."""
    from derm1m_build.filtering.classifier import ClassifierBackend, ClassifierConfig
    from derm1m_build.filtering.decontam import Embedder

    return Embedder(ClassifierBackend(ClassifierConfig(model=model, threshold=0.0)), 256)


def row_vector(embedder, bgr):
    """The vector the filter stage stores for a row holding this image (decoded at 256 px)."""
    from derm1m_build.filtering.decode import load_upright

    data = cv2.imencode(".png", bgr)[1].tobytes()
    return embedder.embed([np.asarray(load_upright(data, max_side=embedder.side))])[0]


def load(f: str, side: int = 640):
    im = cv2.imread(str(ROOT / f), cv2.IMREAD_COLOR)
    s = side / max(im.shape[:2])
    return cv2.resize(im, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else im


def run(which: str, kinds: list[str], negatives_transformed: bool = True, model: str | None = None, **cfg) -> dict:
    files = [f for f, _ in T.photos(str(ROOT))]
    bench = files[0::2] if which == "tuning" else files[1::2]
    other = files[1::2] if which == "tuning" else files[0::2]
    tmp = Path(tempfile.mkdtemp(prefix="decontam-bench-"))
    try:
        folder = tmp / "bench"
        for f in bench:
            (folder / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / f, folder / f)
        config = DecontamConfig(benchmarks=[BenchmarkSpec(name="bench", path=str(folder))], **cfg)
        t0 = time.monotonic()
        embedder = embedder_for(model) if model else None
        checker = Checker(config, tmp / "cache", embedder=embedder).load()

        def check(im):
            return checker.check(im, emb=row_vector(embedder, im) if embedder else None)

        t_index = time.monotonic() - t0
        found, misses, wrong = Counter(), {}, Counter()
        negatives = Counter()
        t0 = time.monotonic()
        n_checked = 0
        for k in kinds:
            for i, f in enumerate(bench):
                m = check(apply(k, load(f), i))
                n_checked += 1
                if any(x.image_id == f for x in m):
                    found[k] += 1
                else:
                    misses.setdefault(k, []).append(f)
        for i, f in enumerate(other):
            variants = [("original", load(f))] + ([(k, apply(k, load(f), i)) for k in kinds]
                                                  if negatives_transformed else [])
            for k, im in variants:
                negatives[k] += 1
                n_checked += 1
                if check(im):
                    wrong[k] += 1
        t_check = time.monotonic() - t0
        return {"set": which, "benchmark_images": len(bench), "config": cfg, "model": model,
                "recall": {k: round(found[k] / len(bench), 4) for k in kinds},
                "found": dict(found), "misses": misses,
                "distinct_checked": sum(negatives.values()), "distinct_dropped": sum(wrong.values()),
                "distinct_dropped_by_kind": dict(wrong),
                "index_s": round(t_index, 2), "check_ms_per_image": round(1000 * t_check / max(1, n_checked), 1)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["tuning", "heldout"], default="heldout")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--radius", type=int, default=None)
    ap.add_argument("--window-radius", type=int, default=None)
    ap.add_argument("--no-negative-transforms", action="store_true")
    ap.add_argument("--model", default=None, help="a classifier model folder: its embeddings are indexed too")
    ap.add_argument("--embed-threshold", type=float, default=None)
    ap.add_argument("--embed-k", type=int, default=None, help="embedding proposals per candidate (all images: "
                                                               "the pixel check's own recall)")
    a = ap.parse_args()
    cfg = {k: v for k, v in (("radius", a.radius), ("window_radius", a.window_radius),
                              ("embed_threshold", a.embed_threshold), ("embed_k", a.embed_k)) if v is not None}
    res = run(a.set, a.kinds.split(","), not a.no_negative_transforms, a.model, **cfg)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()

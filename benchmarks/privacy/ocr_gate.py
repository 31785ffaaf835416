"""How often `[filter.ocr]` runs OCR, and whether it runs where identifiers were printed.

    python -m benchmarks.privacy.ocr_gate [--n 60]

OCR costs about a CPU-second per image, so the filter runs it only where its text-line measure
(`text_ratio`) reaches `min_text_ratio` (0.02). On real photos without printed text (PAD-UFES-20 clinical,
ISIC dermoscopy: data we did not write) the gate should rarely open; on the same photos with a name, a
date and an MRN drawn on them it should always open. Reports both rates, the OCR seconds per opened
image, and how many drawn identifiers OCR + `burned_text.sensitive` catch.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import cv2

PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "photos"
LINES = (("Jane Plantedoe", "name"), ("12/03/2021", "date"), ("MRN 99887766", "record"))


def draw(img):
    img = img.copy()
    h, w = img.shape[:2]
    s = w / 600
    spots = [(int(10 * s), int(40 * s)), (int(10 * s), h - int(20 * s)), (w - int(260 * s), h - int(20 * s))]
    for (text, _), xy in zip(LINES, spots):
        cv2.putText(img, text, xy, cv2.FONT_HERSHEY_SIMPLEX, 0.9 * s, (255, 255, 255), max(1, int(2 * s)))
    return img


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60, help="photos per set (clinical and dermoscopy, sorted by name)")
    ap.add_argument("--ocr", type=int, default=10, help="drawn photos to run OCR on")
    args = ap.parse_args()
    from derm1m_build import ocr
    from derm1m_build.filtering.burned_text import sensitive
    from derm1m_build.filtering.heuristic import measure
    from derm1m_build.stages.filter import OcrConfig

    thr = OcrConfig().min_text_ratio
    files = sorted(PHOTOS.glob("clinical/*.jpg"))[: args.n] + sorted(PHOTOS.glob("dermoscopy/*.jpg"))[: args.n]
    opened_clean = opened_drawn = 0
    caught = tried = 0
    secs = []
    for i, f in enumerate(files):
        bgr = cv2.imread(str(f))
        opened_clean += measure(bgr).text_ratio >= thr
        drawn = draw(bgr)
        if measure(drawn).text_ratio >= thr:
            opened_drawn += 1
            if i < args.ocr and ocr.available():
                t = time.process_time()
                found = ocr.read_text(cv2.cvtColor(drawn, cv2.COLOR_BGR2RGB))
                secs.append(time.process_time() - t)
                kinds = {sensitive(x.text) for x in found}
                tried += len(LINES)
                caught += sum(k in kinds for _, k in LINES)
    n = len(files)
    print(f"photos: {n} ({args.n} clinical + {args.n} dermoscopy), min_text_ratio {thr}")
    print(f"gate opens on clean photos: {opened_clean}/{n} ({opened_clean / n:.1%})")
    print(f"gate opens on photos with drawn identifiers: {opened_drawn}/{n} ({opened_drawn / n:.1%})")
    if secs:
        print(f"OCR CPU seconds per opened image: median {sorted(secs)[len(secs) // 2]:.2f} (first call loads the model)")
        print(f"identifiers recognised: {caught}/{tried}")


if __name__ == "__main__":
    main()

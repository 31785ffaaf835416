"""The two frozen sets of the near-duplicate benchmarks (decided before the duplicate rule was tuned).

Both follow the project's frozen real-image split (`derm1m_build/testing/real_split.tsv`, written before
any filter tuning): an item's part there is its part here.

* tuning set: the real photographs of the "tune" part, their copies made with
  `transforms.DUPLICATE_KINDS` (seed = the photo's index in PROVENANCE.tsv), and as distinct images the
  package sample images and published figures of the "tune" part;
* held-out set: the photographs of the "heldout" part, their copies made with `transforms.HELDOUT_KINDS`
  (other parameters and seeds: resize 45 %, crop 8-15 %, mirror + resize 90 %, a grey frame with a
  caption strip, darker colours, JPEG quality 50, another watermark), and the "heldout" package images
  and figures.

Distinct pairs: every pair of two different items of one set, except items derived from one source
(face crops, EXIF-rotated or blurred copies: left out) and `KNOWN_SAME` (a pair of PAD-UFES-20 photos
that is itself a crop and upscale of one photograph). Rendered slides are left out (made here).

History said plainly: the earlier thresholds (12 inliers, NCC 0.8) were chosen looking at all 173
photographs, so the held-out photos were seen once by that earlier rule; every threshold chosen after
this file was committed looks at the tuning set only.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.filter import transforms as T

KNOWN_SAME = {("photos:clinical/padufes20_PAT_63_99_189.jpg", "photos:clinical/padufes20_PAT_63_99_736.jpg")}
DISTINCT_KINDS = {"clinical", "dermoscopy", "portrait", "animal", "object", "logo", "fundus", "histology",
                  "microscopy", "text", "graphic", "figure"}


@dataclass(frozen=True)
class DedupSet:
    name: str  # "tune" or "heldout"
    photos: list  # (item, index in PROVENANCE.tsv) of the real photographs
    others: list  # other real distinct images (package samples, published figures)
    kinds: dict  # kind name -> transform


def load(part: str) -> DedupSet:
    from derm1m_build.testing import realimages as R

    its = [it for it in R.selected(part) if "#" not in it.id and it.kind in DISTINCT_KINDS]
    order = {f"photos:{f}": i for i, (f, _) in enumerate(T.photos(str(R.shared_dir() / "realdata" / "photos")))}
    photos = [(it, order[it.id]) for it in its if it.id in order]
    others = [it for it in its if it.id not in order]
    kinds = T.DUPLICATE_KINDS if part == "tune" else T.HELDOUT_KINDS
    return DedupSet(part, photos, others, kinds)


def known_same(a: str, b: str) -> bool:
    return (a, b) in KNOWN_SAME or (b, a) in KNOWN_SAME

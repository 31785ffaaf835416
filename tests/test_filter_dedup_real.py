"""Real photographs in a `local` build: exactly the planted copies are dropped as `duplicate`.

Distinct lesion close-ups share one composition, so they sit close under pHash; the old rule (single
linkage within radius 8) both merged distinct photos and missed crops, borders and mirrors. Here real
photos from ../shared/realdata/photos and transformed copies of some of them (benchmarks/filter/transforms.py)
go through harvest + filter; every copy must land in its original's cluster and nothing else may merge.
"""

from __future__ import annotations

import csv
import glob
from pathlib import Path

import cv2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from benchmarks.filter import transforms as T
from conftest import local_recipe

PHOTOS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realdata" / "photos"
if not PHOTOS.exists():
    PHOTOS = Path("/work/shared/realdata/photos")


def _read(pattern: str) -> list[dict]:
    files = sorted(glob.glob(pattern))
    return pa.concat_tables([pq.read_table(f) for f in files]).to_pylist() if files else []


@pytest.mark.skipif(not (PHOTOS / "PROVENANCE.tsv").exists(), reason="shared real photos not present")
def test_real_photos_exactly_planted_copies_dropped(tmp_path):
    from derm1m_build.executors.local import LocalExecutor
    from derm1m_build.pipeline import run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    photos = T.photos(str(PHOTOS))
    # every 6th photo: clinical and dermoscopy alike, none of the one pair that is itself a crop of another
    chosen = [f for i, (f, _) in enumerate(photos) if i % 6 == 0 and "PAT_63_99_" not in f]
    d = tmp_path / "corpus" / "local"
    (d / "images").mkdir(parents=True)
    rows, origin = [], {}
    plant = {0: "resize60", 1: "crop6-15", 2: "mirror", 3: "border4", 4: "colour6", 5: "jpeg", 6: "watermark",
             7: "crop6-15"}
    for i, f in enumerate(chosen):
        im = cv2.imread(str(PHOTOS / f))
        h, w = im.shape[:2]
        if max(h, w) > 640:  # keep the test fast: the originals at 640 px
            s = 640 / max(h, w)
            im = cv2.resize(im, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        name = f"photo_{i:03d}"
        cv2.imwrite(str(d / "images" / f"{name}.jpg"), im, [cv2.IMWRITE_JPEG_QUALITY, 92])
        rows.append({"item_id": name, "image": f"images/{name}.jpg", "text": "a lesion"})
        origin[name] = name
        if i in plant:
            kind = plant[i]
            small = T.resize60(im) if kind == "border4" else im  # a framed copy smaller than its original
            cp = T.apply(kind, small, i)
            cname = f"copy_{i:03d}_{kind}"
            cv2.imwrite(str(d / "images" / f"{cname}.jpg"), cp, [cv2.IMWRITE_JPEG_QUALITY, 85])
            rows.append({"item_id": cname, "image": f"images/{cname}.jpg", "text": "a lesion"})
            origin[cname] = name
    with open(d / "metadata.csv", "w", newline="") as fh:
        wr = csv.DictWriter(fh, ["item_id", "image", "text"])
        wr.writeheader()
        wr.writerows(rows)
    recipe = local_recipe(tmp_path, tmp_path / "corpus", extra="""
[filter]
[filter.faces]
action = "off"
""")
    r = load_recipe(recipe)
    out = tmp_path / "out"
    run_harvest(r, out)
    run_stage("filter", r, out, LocalExecutor(1))
    harvest = {x["sample_id"]: x["group_id"].split(":", 1)[1]
               for x in _read(str(out / "work" / "harvest" / "part-*.parquet"))}
    kept = _read(str(out / "work" / "filter" / "part-*.parquet"))
    excluded = _read(str(out / "work" / "filter" / "_excluded" / "part-*.parquet"))
    dups = {harvest[x["sample_id"]]: harvest[x["detail"]] for x in excluded if x["reason"] == "duplicate"}
    other = {harvest[x["sample_id"]]: x["reason"] for x in excluded if x["reason"] != "duplicate"}
    # per original: it and its planted copy form one cluster with one member kept, the other dropped as
    # its duplicate; a copy the same size as its original (mirror, colour, JPEG, watermark) may be the one
    # kept (sharper after re-encoding, or the smaller id), a smaller copy never is
    groups: dict[str, set[str]] = {}
    for n, o in origin.items():
        if o not in other and n not in other:
            groups.setdefault(o, set()).add(n)
    kept_names = {harvest[x["sample_id"]] for x in kept}
    for o, members in groups.items():
        k = members & kept_names
        assert len(k) == 1, (o, members, k)
        for m in members - k:
            assert dups.get(m) == next(iter(k)), (m, dups.get(m))
    assert set(dups) == {m for ms in groups.values() for m in ms} - kept_names  # nothing else dropped as duplicate
    assert sum(len(ms) - 1 for ms in groups.values()) == len(plant) == len(dups)
    for c in ("copy_000_resize60", "copy_001_crop6-15", "copy_003_border4", "copy_007_crop6-15"):
        assert dups[c] == origin[c]
    assert len({x["dup_cluster"] for x in kept}) == len(kept)
    # the report's duplicate section shows those clusters with thumbnails
    from derm1m_build.dataset import dup_report

    clusters = dup_report.largest_clusters(out, top=20)
    assert sorted((harvest[rep["sample_id"]], tuple(harvest[m["sample_id"]] for m in ms)) for rep, ms in clusters) == \
        sorted((next(iter(members & kept_names)), tuple(sorted(members - kept_names)))
               for members in groups.values() if len(members) > 1)
    html_text, files = dup_report.section(out, top=20)
    assert html_text.count("<figure>") == 2 * len(plant)
    thumbs = sorted((out / "dataset" / dup_report.THUMB_DIR).glob("*.png"))
    assert len(thumbs) == 2 * len(plant) and all(f"{dup_report.THUMB_DIR}/{t.name}" in html_text for t in thumbs)
    assert files == thumbs  # the section names the files it links, so the report records exactly those

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


@pytest.mark.skipif(not (PHOTOS / "PROVENANCE.tsv").exists(), reason="shared real photos not present")
def test_real_crop_copies_found_among_lookalikes():
    """Crop copies (6-15 %, cut unevenly) of real photos among 12,000 simulated look-alikes (thumbs and
    grids drawn from Gaussians fitted to the photos', their patterns pulled together so that distractor
    pairs are at least as alike as real lesion pairs): the centred thumb's kNN loses some of them to
    the crowd, the crop candidates (`crops.py`) bring every one to the pixel check (here an oracle that
    knows the truth: what is tested is which pairs are proposed)."""
    import base64
    import json

    import numpy as np

    from derm1m_build.filtering import crops as K
    from derm1m_build.filtering import dedup
    from derm1m_build.filtering.fingerprint import fingerprint
    from derm1m_build.images import load_rgb

    photos = [f for i, (f, _) in enumerate(T.photos(str(PHOTOS))) if i % 2 == 0 and "PAT_63_99_" not in f]
    rows, group, thumbs, grids = [], {}, [], []

    def small(bgr):
        ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])
        return cv2.cvtColor(np.asarray(load_rgb(buf.tobytes(), max_side=256)), cv2.COLOR_RGB2BGR)

    for i, f in enumerate(photos):
        im = cv2.imread(str(PHOTOS / f))
        h, w = im.shape[:2]
        s = min(1.0, 640 / max(h, w))
        im = cv2.resize(im, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)
        for name, x in ((f"p{i:03d}", im), (f"p{i:03d}~crop", T.crop15(im, 7000 + i))):
            fp = fingerprint(small(x))
            rows.append({"sample_id": name, "image_sha256": f"{len(rows):064x}", "width": x.shape[1],
                         "height": x.shape[0], "scores": json.dumps(fp)})
            group[name] = f"p{i:03d}"
            if "~" not in name:
                thumbs.append(np.frombuffer(base64.b64decode(fp["dt"]), np.float16).astype(np.float64))
                grids.append(K.decode_many([fp["dc"]])[1][0].reshape(-1).astype(np.float64))
    rng = np.random.default_rng(0)
    T0, G0 = np.stack(thumbs), np.stack(grids)
    T0 = np.concatenate([T0, dedup.mirror_thumbs(T0.astype(np.float32))])
    G0 = np.concatenate([G0, G0.reshape(-1, K.GRID, K.GRID, 3)[:, :, ::-1].reshape(len(G0), -1)])
    n = 12_000
    zt = rng.multivariate_normal(2.0 * T0.mean(0), np.cov(T0.T), size=n)
    zt /= np.linalg.norm(zt, axis=1, keepdims=True)
    zg = np.clip(np.rint(rng.multivariate_normal(1.5 * G0.mean(0), np.cov(G0.T), size=n)), 0, 255).astype(np.uint8)
    hs = rng.integers(0, 2**63, size=(n, 2), dtype=np.uint64)
    from derm1m_build.filtering.fingerprint import encode

    for k in range(n):
        sc = {"dh": [f"{int(hs[k, 0]):016x}", f"{int(hs[k, 1]):016x}"], "dt": encode(zt[k]),
              "dc": K.encode(zg[k].reshape(K.GRID, K.GRID, 3))}
        name = f"z{k:05d}"
        rows.append({"sample_id": name, "image_sha256": f"{len(rows):064x}", "width": 100, "height": 100,
                     "scores": json.dumps(sc)})
        group[name] = name

    def oracle(a, b):
        return group[a["sample_id"]] == group[b["sample_id"]]

    crops = sorted(x for x in group if x.endswith("~crop"))
    before, _ = dedup.cluster(rows, 8, same=oracle, crop_knn=0)
    after, rep = dedup.cluster(rows, 8, same=oracle)
    missed_before = [c for c in crops if before[c][1] != group[c]]
    assert missed_before  # the crowd hides some crops from the centred thumb
    assert [c for c in crops if after[c][1] != group[c]] == []  # every crop copy found
    assert {s for s, (_, r) in after.items() if r != s} == set(crops)  # and nothing else merged
    assert rep["candidates"]["crop"] <= 4 * len(rows)

"""Issue 19: the takedown / opt-out list. The next build removes the named rows and their images from the
dataset, its exports and its report, records how many (not which), and leaves every other byte as it was."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from conftest import cli, copy_build, local_recipe


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _beside(build: Path) -> Path:
    """A fresh folder beside the one holding `build`'s recipe: a recipe written there names the corpus by the same
    relative path as the build's own (`local_url`), so files fetched again record the same provenance bytes. The
    shared demo build's recipe may sit at another depth from the corpus than a test's `tmp_path` (with xdist the
    session's builds live in a folder all workers share)."""
    return Path(tempfile.mkdtemp(prefix="recipe-", dir=build.parent.parent))


def _corpus_of(build: Path) -> Path:
    prov = json.loads((build / "raw/local/metadata.csv.provenance.json").read_text())
    # local files are recorded relative to the recipe, which sits beside the build
    return (build.parent / prov["url"][len("file:"):]).resolve().parent.parent


REPORT_FILES = ("manifest.json", "report.html", "DATASHEET.md")


def test_takedown_removes_rows_everywhere_and_leaves_every_other_byte(demo_build, tmp_path):
    out = copy_build(demo_build, tmp_path / "out")
    home = _beside(demo_build)  # the recipe's folder: its files fetched again must record the same provenance
    ds = out / "dataset"
    cli("export", out, "--format", "webdataset", "--shard-size", "50", check=True)
    exp = out / "export" / "webdataset-all"
    before = {str(p.relative_to(ds)): p.read_bytes() for p in ds.rglob("*") if p.is_file()}
    rows = _rows(ds / "captions.csv")
    head, body = rows[0], rows[1:]
    assert _csv_bytes(rows) == before["captions.csv"]  # the comparison below is byte-exact
    col = {c: i for i, c in enumerate(head)}
    sha_of = lambda r: Path(r[col["filename"]]).stem  # noqa: E731
    groups = [r[col["group_id"]] for r in body]
    g = next(x for x in groups[20:] if groups.count(x) > 1)
    by_id, by_url, by_sha = body[0], body[5], body[10]
    assert len({by_id[col["group_id"]], by_url[col["group_id"]], by_sha[col["group_id"]], g}) == 4
    (home / "takedown.txt").write_text(
        "# requests received\n"
        f"{by_id[col['sample_id']]}\n"
        f"{by_url[col['source_url']]}   # the photographer asked\n"
        f"sha256:{sha_of(by_sha)}\n"
        f"{g}\n", encoding="utf-8")
    gone = [r for r in body if r[col["sample_id"]] == by_id[col["sample_id"]]
            or r[col["source_url"]] == by_url[col["source_url"]] or sha_of(r) == sha_of(by_sha)
            or r[col["group_id"]] == g]
    assert len(gone) >= 5
    gone_ids = {r[col["sample_id"]] for r in gone}
    recipe = local_recipe(home, _corpus_of(demo_build))
    recipe.write_text(recipe.read_text().replace("[build]\n", '[build]\ntakedown = "takedown.txt"\n'))
    caches = _cache_files(out)

    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    for stage in ("harvest", "filter", "caption", "tag", "split"):
        assert f"[{stage}] up to date" in p.stderr  # nothing upstream moves
    assert f"[export] redone for the new dataset: {exp}" in p.stderr

    # captions.csv and the splits: exactly the old bytes without the removed rows
    kept = [r for r in body if r[col["sample_id"]] not in gone_ids]
    assert (ds / "captions.csv").read_bytes() == _csv_bytes([head] + kept)
    for s in ("train", "val", "test"):
        old = _rows_from(before[f"splits/{s}.csv"])
        assert (ds / "splits" / f"{s}.csv").read_bytes() == _csv_bytes(
            [old[0]] + [r for r in old[1:] if r[col["sample_id"]] not in gone_ids])
    # every other file byte-identical; the removed images gone (unless a kept row shows the same image)
    now = {str(p.relative_to(ds)): p.read_bytes() for p in ds.rglob("*") if p.is_file()}
    still_used = {r[col["filename"]] for r in kept}
    removed_imgs = {r[col["filename"]] for r in gone} - still_used
    assert removed_imgs and not removed_imgs & set(now)
    for rel, data in before.items():
        if rel in REPORT_FILES or rel.startswith("figures/") or rel in ("captions.csv",) or rel.startswith("splits/"):
            continue
        if rel in removed_imgs:
            continue
        assert now.get(rel) == data, rel
    assert set(now) - set(before) == set()
    # how many, not which
    m = json.loads((ds / "manifest.json").read_text())
    assert m["takedown"]["removed_rows"] == len(gone) and m["counts"]["rows"] == len(kept)
    text = "".join((ds / f).read_text() for f in REPORT_FILES)
    assert not any(i in text for i in gone_ids)
    assert f"{len(gone)} pairs were removed by the build's takedown / opt-out list" in (ds / "DATASHEET.md").read_text()
    assert f"<td>pairs</td><td>{len(kept)}</td>" in (ds / "report.html").read_text()
    # the export was redone from the new dataset
    import tarfile

    keys = []
    for t in sorted(exp.rglob("*.tar")):
        with tarfile.open(t) as tf:
            keys += [json.load(tf.extractfile(mb))["sample_id"] for mb in tf.getmembers() if mb.name.endswith(".json")]
    assert sorted(keys) == sorted(r[col["sample_id"]] for r in kept)
    assert cli("verify", out, "--no-decode").stdout == f"OK {out}\n"
    assert cli("verify", exp).stdout == f"OK {exp}\n"
    # the caches: the removed rows' images (harvested and shipped) and raw copies are gone, nothing else
    purged = _purged_cache_files(out, gone_ids, gone, col)
    after = _cache_files(out)
    assert set(caches) - set(after) == purged and purged & set(caches) == purged
    assert {f"images/{Path(r[col['filename']]).name[:2]}/{Path(r[col['filename']]).name}" for r in gone} - {
        f"images/{Path(f).name[:2]}/{Path(f).name}" for f in still_used} <= purged
    assert sum(f.startswith("raw/local/files/") and not f.endswith(".provenance.json") for f in purged) == len(gone)
    for rel, data in after.items():
        assert caches.get(rel) == data, rel  # every other byte of raw/ and images/ as it was
    assert m["takedown"]["purged_files"] == {
        "raw_files": sum(f.startswith("raw/") and not f.endswith(".provenance.json") for f in purged),
        "images": sum(f.startswith("images/") for f in purged)}
    assert not any(i in json.dumps(m["takedown"]) for i in gone_ids)  # how many, never which
    # the next run is up to date everywhere: the purged copies are not fetched again
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    for stage in ("harvest", "filter", "caption", "tag", "split", "dataset"):
        assert f"[{stage}] up to date" in p.stderr
    assert _cache_files(out) == after
    # emptying the list brings the rows back, byte for byte, and their cache files too
    (home / "takedown.txt").write_text("# nothing pending\n")
    cli("run", "--recipe", recipe, "--out", out, check=True)
    assert (ds / "captions.csv").read_bytes() == before["captions.csv"]
    assert _cache_files(out) == caches


def _cache_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for d in ("raw", "images") for p in (out / d).rglob("*")
            if p.is_file()}


def _purged_cache_files(out: Path, gone_ids: set[str], gone: list, col: dict) -> set[str]:
    """What must leave the caches: each removed row's raw image copy (and its provenance), its harvested
    image and its shipped image, unless a row that stays shows the same bytes."""
    import pyarrow.parquet as pq

    h = [r for p in sorted((out / "work" / "harvest").glob("part-*.parquet"))
        for r in pq.read_table(p, columns=["sample_id", "meta", "image_sha256", "image_ext"]).to_pylist()]
    img = lambda r: f"images/{r['image_sha256'][:2]}/{r['image_sha256']}.{r['image_ext']}"  # noqa: E731
    keep = {img(r) for r in h if r["sample_id"] not in gone_ids}
    with open(out / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        keep |= {r["filename"] for r in csv.DictReader(f)}
    files = {img(r) for r in h if r["sample_id"] in gone_ids} | {r[col["filename"]] for r in gone}
    files -= keep
    for r in h:
        if r["sample_id"] in gone_ids:
            name = json.loads(r["meta"])["image"]
            files |= {f"raw/local/files/{name}", f"raw/local/files/{name}.provenance.json"}
    return files


def _rows_from(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_removal_list_parsing_and_merge():
    import pyarrow as pa

    from derm1m_build.takedown import RemovalList

    a = RemovalList.parse("80d9baf35a8cd818500b\nhttps://x.org/p#frag  # note\n"
                          + "E5" * 32 + "\nyoutube:abc\ngroup:pmc:PMC1\n\n# only a comment\n")
    assert a.sample == {"80d9baf35a8cd818500b"} and a.url == {"https://x.org/p#frag"}
    assert a.sha256 == {"e5" * 32} and a.group == {"youtube:abc", "pmc:PMC1"}
    b = RemovalList.from_entries([("sample", "zz")])  # e.g. corrections flagged `remove`
    both = a.merge(b)
    t = pa.table({"sample_id": ["zz", "q", "r"], "source_url": ["", "https://x.org/p#frag", ""],
                  "group_id": ["g", "g", "g"], "filename": ["", "", f"images/e5/{'e5' * 32}.jpg"]})
    kept, n = both.apply(t)
    assert n == 3 and kept.num_rows == 0
    assert a.apply(t)[1] == 2 and not RemovalList() and RemovalList().apply(t) == (t, 0)


def test_corrections_flagged_remove_go_through_the_removal_list(demo_build, tmp_path):
    """`audit corrections` rows flagged `remove` used to be dropped by the tag stage (the split and every
    later shard moved); they now leave through the writer's removal list like a takedown: counted, not
    named, every other byte of the dataset as it was."""
    out = copy_build(demo_build, tmp_path / "out")
    ds = out / "dataset"
    before = {str(p.relative_to(ds)): p.read_bytes() for p in ds.rglob("*") if p.is_file()}
    rows = _rows(ds / "captions.csv")
    head, body = rows[0], rows[1:]
    col = {c: i for i, c in enumerate(head)}
    by_id, by_sha = body[3], body[7]
    sha = Path(by_sha[col["filename"]]).stem
    corr = tmp_path / "corrections.csv"
    corr.write_text("key,field,value,reviewer,date\n"
                    f"{by_id[col['sample_id']]},flag,remove,alice,2026-01-02\n"
                    f"{sha},flag,remove,bob,2026-01-03\n", encoding="utf-8")
    gone_ids = {r[col["sample_id"]] for r in body
                if r[col["sample_id"]] == by_id[col["sample_id"]] or Path(r[col["filename"]]).stem == sha}
    assert len(gone_ids) >= 2
    recipe = local_recipe(tmp_path, _corpus_of(demo_build), extra=f'\n[tag]\ncorrections = "{corr}"\n')
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[split] up to date" in p.stderr  # the tag shards came out the same: no split moved
    tag_m = json.loads((out / "work" / "tag" / "_manifest.json").read_text())
    assert tag_m["dropped"] == {} and "correction_remove" not in json.dumps(tag_m)
    kept = [r for r in body if r[col["sample_id"]] not in gone_ids]
    assert (ds / "captions.csv").read_bytes() == _csv_bytes([head] + kept)
    m = json.loads((ds / "manifest.json").read_text())
    assert m["takedown"]["removed_rows"] == len(gone_ids) and m["counts"]["rows"] == len(kept)
    now = {str(p.relative_to(ds)): p.read_bytes() for p in ds.rglob("*") if p.is_file()}
    still = {r[col["filename"]] for r in kept}
    for rel, data in before.items():
        if rel in REPORT_FILES or rel.startswith(("figures/", "splits/")) or rel == "captions.csv":
            continue
        if rel in {r[col["filename"]] for r in body if r[col["sample_id"]] in gone_ids} - still:
            assert rel not in now
        else:
            assert now.get(rel) == data, rel
    text = "".join((ds / f).read_text() for f in REPORT_FILES)
    assert not any(i in text for i in gone_ids)
    # the correction is not `missing`: its row is still in the build's tag stage
    from derm1m_build.audit import corrections

    assert corrections.missing(out, corrections.read(corr)) == []
    assert cli("verify", out, "--no-decode").returncode == 0

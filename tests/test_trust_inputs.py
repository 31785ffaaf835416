"""Issue 19, items 3 and 2 of the follow-up: the `datasets` and `edu` sources look at their folders on
every run (as `local` does), and an edit, a removal or an addition reruns exactly the shards holding the
changed units: every other harvest shard keeps its bytes and its mtime, and so do the later stages'."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from conftest import cli, local_recipe, write_recipe
from derm1m_build.hashing import sample_id, sha256_bytes
from derm1m_build.harvest_work import content_chunks
from sources_util import jpeg

STAGES = ("harvest", "filter", "caption", "tag", "split")


def _shards(out: Path, stage: str = "harvest") -> dict[str, tuple[str, int]]:
    """part-KEY.parquet -> (sha256, mtime_ns), kept and excluded files of one stage."""
    d = out / "work" / stage
    return {str(p.relative_to(d)): (sha256_bytes(p.read_bytes()), p.stat().st_mtime_ns)
            for p in sorted(d.rglob("part-*.parquet"))}


def _rows(out: Path) -> dict[str, dict]:
    """sample_id -> harvest row (kept) or {"reason": ...} (excluded)."""
    rows = {}
    for p in sorted((out / "work" / "harvest").glob("part-*.parquet")):
        for r in pq.read_table(p).to_pylist():
            rows[r["sample_id"]] = r
    for p in sorted((out / "work" / "harvest" / "_excluded").glob("part-*.parquet")):
        for r in pq.read_table(p).to_pylist():
            rows[r["sample_id"]] = {"excluded": True, **r}
    return rows


def _key_of(out: Path) -> dict[str, str]:
    """sample_id -> harvest shard key."""
    k = {}
    for p in sorted((out / "work" / "harvest").rglob("part-*.parquet")):
        for sid in pq.read_table(p, columns=["sample_id"])["sample_id"].to_pylist():
            k[sid] = p.name[len("part-"):-len(".parquet")]
    return k


def _changed(before: dict, after: dict) -> set[str]:
    """Shard files written again, added or removed (a file kept with its bytes keeps its mtime)."""
    return {f for f in set(before) | set(after) if before.get(f) != after.get(f)}


def _files_of(keys: set[str]) -> set[str]:
    return {f for k in keys for f in (f"part-{k}.parquet", f"_excluded/part-{k}.parquet")}


def _keys(files: set[str]) -> set[str]:
    """Shard keys of shard files (a file recomputed to the same bytes is not written again)."""
    return {f.rsplit("/", 1)[-1][len("part-"):-len(".parquet")] for f in files}


def test_content_chunks_move_only_around_a_change():
    keys = [f"item-{i:04d}" for i in range(400)]
    a = content_chunks(keys, 8)
    assert [k for c in a for k in c] == keys and 20 < len(a) < 100 and max(map(len, a)) <= 24
    b = content_chunks([k for k in keys if k != "item-0200"], 8)
    assert len({tuple(c) for c in a} ^ {tuple(c) for c in b}) <= 4  # its chunk (and maybe a neighbour)
    c = content_chunks(sorted(keys + ["item-0200a"]), 8)
    assert len({tuple(x) for x in a} ^ {tuple(x) for x in c}) <= 4


# ---- datasets -------------------------------------------------------------------------------------

HAM_HEAD = "lesion_id,image_id,dx,dx_type,age,sex,localization\n"


def _ham(d: Path, n: int) -> list[str]:
    d.mkdir(parents=True, exist_ok=True)
    lines = [HAM_HEAD]
    ids = []
    for i in range(n):
        stem = f"ISIC_{1000 + i:07d}"
        ids.append(stem)
        lines.append(f"HAM_{i:07d},{stem},{'nv' if i % 3 else 'mel'},histo,{30 + i},{'male' if i % 2 else 'female'},back\n")
        (d / f"{stem}.jpg").write_bytes(jpeg(i))
    (d / "HAM10000_metadata.csv").write_text("".join(lines))
    return ids


def _harvest(recipe: Path, out: Path) -> str:
    return cli("harvest", "--recipe", recipe, "--out", out, check=True).stderr


def test_datasets_folder_edits_rerun_exactly_their_rows(tmp_path):
    d = tmp_path / "HAM10000"
    ids = _ham(d, 40)
    recipe = write_recipe(tmp_path / "r.toml", f'[build]\nname = "d"\nshard_size = 4\n\n[harvest.datasets]\n'
                                               f'[[harvest.datasets.imports]]\nkind = "ham10000"\npath = "{d}"\n')
    out = tmp_path / "out"
    _harvest(recipe, out)
    sid = lambda stem: sample_id("datasets", f"ham10000:{stem}", 0)  # noqa: E731
    rows0, shards0, key0 = _rows(out), _shards(out), _key_of(out)
    assert set(rows0) == {sid(s) for s in ids} and len({k for k in key0.values()}) > 4
    assert "[harvest] up to date" in _harvest(recipe, out) and _shards(out) == shards0

    # 1. an image edited in place (a face blurred): its row carries the new image, nothing else moves
    edited = ids[7]
    (d / f"{edited}.jpg").write_bytes(jpeg(1007))
    _harvest(recipe, out)
    rows1, shards1 = _rows(out), _shards(out)
    assert rows1[sid(edited)]["image_sha256"] != rows0[sid(edited)]["image_sha256"]
    assert {s: r for s, r in rows1.items() if s != sid(edited)} == {s: r for s, r in rows0.items() if s != sid(edited)}
    assert _keys(_changed(shards0, shards1)) == {key0[sid(edited)]}
    assert sha256_bytes(jpeg(1007)) == json.loads((out / "raw" / "datasets" / "_fetch.json").read_text())[
        "items"][f"ham10000:{edited}"]["sha256"]

    # 2. a row and its image removed: the row is gone, its copy too; only its shard (or a neighbour) moves
    gone = ids[20]
    (d / f"{gone}.jpg").unlink()
    meta = d / "HAM10000_metadata.csv"
    meta.write_text("".join(x for x in meta.read_text().splitlines(True) if f",{gone}," not in x))
    _harvest(recipe, out)
    rows2, shards2, key2 = _rows(out), _shards(out), _key_of(out)
    assert set(rows2) == set(rows1) - {sid(gone)}
    assert all(rows2[s] == rows1[s] for s in rows2)
    assert not list((out / "raw" / "datasets" / "ham10000" / "images").glob(f"{gone}.*"))
    moved = _changed(shards1, shards2)
    assert moved and moved <= _files_of({key0[sid(gone)]} | set(key2.values()) - set(key0.values())
                                        | (set(key0.values()) - set(key2.values())))
    assert len(moved) <= 6 and len(shards2) - len(moved & set(shards2)) >= len(shards2) - 4

    # 3. one added: its row appears in one shard, the rest keep bytes and mtimes
    _ham_add(d, "ISIC_0001019b", 99)
    _harvest(recipe, out)
    rows3, shards3, key3 = _rows(out), _shards(out), _key_of(out)
    assert set(rows3) == set(rows2) | {sid("ISIC_0001019b")}
    assert rows3[sid("ISIC_0001019b")]["image_sha256"]
    moved = _changed(shards2, shards3)
    assert key3[sid("ISIC_0001019b")] in _keys(moved) and len(moved) <= 6
    untouched = set(shards3) - moved
    assert len(untouched) >= len(shards3) - 4 and all(shards3[f] == shards2[f] for f in untouched)
    assert "[harvest] up to date" in _harvest(recipe, out)


def _ham_add(d: Path, stem: str, seed: int) -> None:
    (d / f"{stem}.jpg").write_bytes(jpeg(seed))
    with open(d / "HAM10000_metadata.csv", "a") as f:
        f.write(f"HAM_9999999,{stem},nv,histo,50,male,back\n")


# ---- edu ------------------------------------------------------------------------------------------

def test_edu_folder_edits_rerun_exactly_their_documents(tmp_path):
    from derm1m_build.demo.edu import atlas_pdf, slides_pdf

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(10):
        (docs / f"doc{i}.pdf").write_bytes(atlas_pdf(i) if i % 2 else slides_pdf(i))
    recipe = write_recipe(tmp_path / "r.toml", f'[build]\nname = "e"\nharvest_items_per_shard = 2\n\n'
                                               f'[harvest.edu]\npaths = ["{docs}"]\nlicense = "CC-BY-4.0"\n')
    out = tmp_path / "out"
    _harvest(recipe, out)

    def by_doc(rows: dict) -> dict[str, dict]:
        return {s: r for s, r in rows.items() if not r.get("excluded")}

    def docs_of(rows: dict) -> dict[str, set[str]]:
        o: dict[str, set[str]] = {}
        for s, r in by_doc(rows).items():
            o.setdefault(json.loads(r["meta"])["document"], set()).add(s)
        return o

    rows0, shards0, key0 = _rows(out), _shards(out), _key_of(out)
    d0 = docs_of(rows0)
    assert len(d0) == 10 and len(set(key0.values())) >= 3
    assert "[harvest] up to date" in _harvest(recipe, out) and _shards(out) == shards0

    # 1. a document edited in place: its rows change, every other document's rows and shards stay
    (docs / "doc3.pdf").write_bytes(atlas_pdf(33))
    _harvest(recipe, out)
    rows1, shards1 = _rows(out), _shards(out)
    d1 = docs_of(rows1)
    new = {by_doc(rows1)[s]["image_sha256"] for s in d1["docs/doc3.pdf"]}
    old = {by_doc(rows0)[s]["image_sha256"] for s in d0["docs/doc3.pdf"]}
    assert new and not new & old
    others = {s for n, ss in d0.items() if n != "docs/doc3.pdf" for s in ss}
    assert all(rows1[s] == rows0[s] for s in others)
    doc3_key = key0[next(iter(d0["docs/doc3.pdf"]))]
    assert _keys(_changed(shards0, shards1)) == {doc3_key}

    # 2. a document removed: its rows and its copy are gone; the others stay
    (docs / "doc6.pdf").unlink()
    _harvest(recipe, out)
    rows2, shards2, key2 = _rows(out), _shards(out), _key_of(out)
    assert set(docs_of(rows2)) == set(d1) - {"docs/doc6.pdf"}
    assert set(rows2) == set(rows1) - {s for s in rows1 if s in _all_of_doc(rows1, key0, "doc6")}
    assert len(list((out / "raw" / "edu" / "docs").glob("*.pdf"))) == 9
    moved = _changed(shards1, shards2)
    assert moved and len(moved) <= 4 and all(shards2[f] == shards1[f] for f in set(shards2) - moved)

    # 3. a document added
    (docs / "doc10.pdf").write_bytes(atlas_pdf(10))
    _harvest(recipe, out)
    rows3, shards3 = _rows(out), _shards(out)
    assert set(docs_of(rows3)) == set(docs_of(rows2)) | {"docs/doc10.pdf"}
    assert all(rows3[s] == rows2[s] for s in rows2)
    moved = _changed(shards2, shards3)
    assert moved and len(moved) <= 4 and all(shards3[f] == shards2[f] for f in set(shards3) - moved)
    assert "[harvest] up to date" in _harvest(recipe, out)


def _all_of_doc(rows: dict, key0: dict, stem: str) -> set[str]:
    """Every row (kept or excluded) of one document."""
    from derm1m_build.sources.edu import doc_key

    k = doc_key(f"docs/{stem}.pdf")
    return {s for s, r in rows.items() if json.loads(r["meta"] or "{}").get("doc_key") == k}


# ---- local, the whole build: a removed row reruns its own shard in every stage, nothing else ------

def test_a_removed_local_row_reruns_only_its_shards_in_every_stage(tmp_path, demo_corpus):
    corpus = tmp_path / "c"
    shutil.copytree(demo_corpus / "local", corpus / "local")
    meta = corpus / "local" / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[:40]
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    recipe, out = local_recipe(tmp_path, corpus, shard_size=4), tmp_path / "out"
    cli("run", "--recipe", recipe, "--out", out, check=True)
    before = {s: _shards(out, s) for s in STAGES}
    key0 = _key_of(out)
    gone = rows[21]
    gsid = sample_id("local", gone["item_id"], 0)
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(r for r in rows if r is not gone)
    (corpus / "local" / gone["image"]).unlink()
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[harvest] up to date" not in p.stderr
    after = {s: _shards(out, s) for s in STAGES}
    key1 = _key_of(out)
    assert gsid not in key1 and set(key1) == set(key0) - {gsid}
    touched = {key0[gsid]} | (set(key1.values()) ^ set(key0.values()))
    assert len(touched) <= 3 and len(set(key0.values())) >= 6
    for s in STAGES:  # every shard of every stage not holding the row: same bytes, same mtime
        keys_moved = _keys(_changed(before[s], after[s]))
        assert keys_moved <= touched, (s, keys_moved, touched)
    with open(out / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        assert gsid not in {r["sample_id"] for r in csv.DictReader(f)}

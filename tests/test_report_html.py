"""The report: HTML that parses and links only PNGs that exist, every overview panel, the datasheet,
and the same bytes on every run (the dataset manifest lists them)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from html.parser import HTMLParser

from conftest import cli, copy_build
from derm1m_build.dataset.stats import fitzpatrick, load_stats
from derm1m_build.dataset.verify import verify
from derm1m_build.hashing import sha256_file

PANELS = ["sources.png", "source_types.png", "labels_top15.png", "conditions_top15.png", "caption_length.png",
          "ontology_coverage.png",
          "concepts.png", "dropped.png", "licenses.png", "modalities.png", "skin_tone.png", "splits_by_branch.png"]


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[str] = []
        self.hrefs: list[str] = []
        self.stack: list[str] = []
        self.title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a["src"])
        if tag == "a":
            self.hrefs.append(a["href"])
        if tag not in ("meta", "br", "img", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data


def rows_of(ds):
    with open(ds / "captions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_run_writes_report_html_that_parses_and_links_existing_pngs(demo_build):
    ds = demo_build / "dataset"  # `run` wrote it through the AFTER_RUN hook
    p = Links()
    p.feed((ds / "report.html").read_text(encoding="utf-8"))
    p.close()
    assert p.stack == [] and p.title == "t: dataset report"
    dup_thumbs = [i for i in p.imgs if i.startswith("figures/duplicates/")]
    assert len(dup_thumbs) == 12  # the demo's 6 duplicate clusters: representative + dropped copy each
    figs = [i for i in p.imgs if i.startswith("figures/") and i not in dup_thumbs]
    gallery = [i for i in p.imgs if not i.startswith("figures/")]
    assert figs == [f"figures/{n}" for n in PANELS]
    assert gallery and set(gallery) <= {r["filename"] for r in rows_of(ds)}
    for src in p.imgs + p.hrefs:
        assert "://" not in src and not src.startswith("/")  # opens offline, from dataset/ alone
        f = ds / src
        assert f.is_file(), src
    for src in figs:
        assert (ds / src).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in (ds / src).read_bytes()
    manifest = json.loads((ds / "manifest.json").read_text())
    for rel in ["report.html", "DATASHEET.md", *[f"figures/{n}" for n in PANELS], *dup_thumbs]:
        assert manifest["files"][rel] == sha256_file(ds / rel)
    assert verify(demo_build, decode_images=False) == []


def test_report_command_gives_the_same_bytes_again(demo_build, tmp_path):
    b = copy_build(demo_build, tmp_path / "b")
    before = {p.name: p.read_bytes() for p in sorted((b / "dataset").rglob("*")) if p.is_file() and "images" not in p.parts}
    # drawn afresh (a cache folder of its own: the panels are not taken from the user cache), then taken from it
    for env in ({"DERM1M_CACHE": str(tmp_path / "cache")}, None):
        for f in (b / "dataset" / "figures").glob("*.png"):
            f.unlink()
        (b / "dataset" / "report.html").unlink()
        r = cli("report", b, check=True, env=env)
        assert r.stdout == f"report: {b / 'dataset' / 'report.html'}\ndatasheet: {b / 'dataset' / 'DATASHEET.md'}\n"
        after = {p.name: p.read_bytes() for p in sorted((b / "dataset").rglob("*")) if p.is_file() and "images" not in p.parts}
        assert after == before
    assert [p.name[:8] for p in (tmp_path / "cache" / "derm1m-build").iterdir()] == ["figures-"]
    assert cli("report", tmp_path / "nope").stderr == f"error: {tmp_path / 'nope'}: no such build directory\n"


def test_stats_behind_the_panels(demo_build, demo_corpus):
    st = load_stats(demo_build)
    rows = rows_of(demo_build / "dataset")
    assert st.sources == Counter(r["source"] for r in rows)
    assert st.licenses == Counter(r["license"] for r in rows)
    assert st.modalities == Counter(r["modality"] for r in rows)
    assert st.caption_words == [len(r["caption"].split()) for r in rows]
    manifests = {s: json.loads((demo_build / "work" / s / "_manifest.json").read_text())
                 for s in ("harvest", "filter", "caption", "tag", "split")}
    assert st.dropped == {s: m["dropped"] for s, m in manifests.items()}
    assert sum(st.dropped["filter"].values()) == manifests["filter"]["rows_in"] - manifests["filter"]["rows_out"]
    # the corpus's metadata.csv gives each photo a Fitzpatrick type (drawn photo i: i % 6 + 1; a vendored
    # real photograph: its dataset's value, or none), duplicates repeat the original's value
    roman = ["I", "II", "III", "IV", "V", "VI"]
    import csv

    import pyarrow.parquet as pq

    fitz = {r["item_id"]: r["fitzpatrick"]
            for r in csv.DictReader((demo_corpus / "local" / "metadata.csv").open(encoding="utf-8"))}
    expect = Counter()
    for p in sorted((demo_build / "work" / "split").glob("part-*.parquet")):
        for m in pq.read_table(p, columns=["meta"]).column("meta").to_pylist():
            item = json.loads(m)["item_id"]
            f = fitz[item]
            expect[roman[int(f) - 1] if f else "unknown"] += 1
    assert expect["I"] and expect["VI"]
    assert st.skin_tone == expect
    # a node's pairs include its descendants': each top branch counts every pair tagged below it
    assert sum(c for b, c in st.node_pairs.items() if b in st.branch_splits) == len(rows) - st.unlabelled


def test_fitzpatrick_from_meta():
    assert fitzpatrick({"fitzpatrick": 3}) == "III"
    assert fitzpatrick({"fitzpatrick_skin_type": "FST IV"}) == "IV"
    assert fitzpatrick({"skin_type": "type 6"}) == "VI"
    assert fitzpatrick({"fitzpatrick": "", "fst": "ii"}) == "II"
    assert fitzpatrick({"fitzpatrick": "unknown"}) is None
    assert fitzpatrick({}) is None


def test_datasheet_lists_sources_licences_dates_and_stage_digests(demo_build):
    ds = demo_build / "dataset"
    text = (ds / "DATASHEET.md").read_text(encoding="utf-8")
    rows = rows_of(ds)
    retrieved = json.loads((demo_build / "work" / "harvest" / "_manifest.json").read_text())
    assert text.startswith("# Datasheet: t\n")
    assert f"| local | {len(rows)} | 100.0% | " in text
    for lic, n in Counter(r["license"] for r in rows).items():
        assert f"| {lic} | {n} | {n / len(rows):.1%} |" in text
    for s in ("harvest", "filter", "caption", "tag", "split"):
        m = json.loads((demo_build / "work" / s / "_manifest.json").read_text())
        assert f"| {s} | {m['rows_in']} | {m['rows_out']} | " in text
        assert f"`{m['recipe_digest'][:16]}`" in text
    assert "| local | ok=" in text and retrieved["sources"]["local"]
    assert "## Known limitations" in text


def test_stats_equal_a_row_by_row_count(demo_build):
    """The Arrow counts equal counting row dicts one by one (the reference the Arrow code replaced)."""
    from collections import Counter

    import pandas as pd

    from derm1m_build.dataset.leakage import parse_meta
    from derm1m_build.dataset.stats import asserted
    from derm1m_build.stages.split import row_branch
    from derm1m_build.store import StageStore

    st = load_stats(demo_build)
    df = pd.read_csv(demo_build / "dataset/captions.csv", dtype=str, keep_default_na=False)
    extra = {r["sample_id"]: r for _, t in StageStore(demo_build / "work", "split").iter_tables(
        ["sample_id", "meta", "conditions", "concepts", "retrieved"]) for r in t.to_pylist()}
    rows = [{**extra.get(r["sample_id"], {}), **r} for r in df.to_dict("records")]
    assert st.total == len(rows) and st.images == len({r["filename"] for r in rows})
    assert st.licenses == Counter(r["license"] or "unknown" for r in rows)
    assert st.splits == Counter(r["split"] for r in rows)
    assert st.conditions == Counter(n for r in rows for n in sorted({m["name"] for m in asserted(r.get("conditions"))}))
    assert st.concepts == Counter(n for r in rows for n in sorted({m["name"] for m in asserted(r.get("concepts"))}))
    assert st.unlabelled == sum(not asserted(r.get("conditions")) for r in rows)
    branch = {}
    for r in rows:
        branch.setdefault(row_branch(r.get("conditions")), Counter())[r["split"]] += 1
    assert st.branch_splits == branch
    assert st.skin_tone == Counter(fitzpatrick(parse_meta(r.get("meta"))) or "unknown" for r in rows)
    assert sorted(st.caption_words) == sorted(len((r.get("caption") or "").split()) for r in rows)
    days = {}
    for r in rows:
        if r.get("retrieved"):
            days.setdefault(r["source"], []).append(r["retrieved"][:10])
    assert st.retrieved == {s: (min(d), max(d)) for s, d in sorted(days.items())}


def test_label_panels_count_what_the_dataset_ships(demo_build):
    """Top diagnoses and the ontology tree count `disease_label`, not mentions: a row whose text
    mentions melanoma but is labelled naevus counts for naevus (and its ancestors) only."""
    from derm1m_build.dataset.report import _ontology_nodes
    from derm1m_build.dataset.shipped import ancestry, load_shipped

    ds = demo_build / "dataset"
    nodes = _ontology_nodes(ds)
    sh = load_shipped(ds / "captions.csv", nodes)
    rows = rows_of(ds)
    assert sh.labels == Counter(r["disease_label"] for r in rows if r["disease_label"])
    assert sh.unlabelled == sum(1 for r in rows if not r["disease_label"])
    paths = ancestry(nodes)
    want = Counter()
    for r in rows:
        if r["disease_label"]:
            want.update(paths[r["disease_label"]])
    assert sh.label_nodes == want
    assert set(sh.by_source) == {r["source"] for r in rows}
    for label, picked in sh.by_label.items():
        ids = sorted(r["sample_id"] for r in rows if r["disease_label"] == label)
        assert [p["sample_id"] for p in picked] == ids[:4]


def test_split_table_warns_when_a_branch_is_missing_from_a_split():
    from derm1m_build.dataset.shipped import split_warnings

    bs = {"proliferations": Counter(train=30, val=6), "inflammatory": Counter(train=40, val=4, test=5),
          "rare": Counter(train=3), "unlabelled": Counter(train=9)}
    assert split_warnings(bs) == ["proliferations: 36 pairs, none in test"]


def test_figure_legends_fit_inside_their_png(demo_build):
    """Donut and stacked-bar legends sit beside the plot; the saved PNG holds all of it: its outer
    edge is background, not a cut-off letter."""
    import numpy as np
    from PIL import Image

    for name in ("licenses.png", "sources.png", "source_types.png", "modalities.png", "dropped.png"):
        with Image.open(demo_build / "dataset" / "figures" / name) as im:
            a = np.asarray(im.convert("L"))
        assert a[:, -3:].min() >= 250 and a[-3:, :].min() >= 250, name


def test_stats_and_gallery_are_the_same_read_in_small_blocks(demo_build, monkeypatch):
    """captions.csv is streamed a block at a time: counts merged across many blocks (and the gallery's
    per-block candidates) equal one block holding the whole file, and the row-by-row reference."""
    import dataclasses

    from derm1m_build.dataset import stats as stats_mod
    from derm1m_build.dataset.report import _ontology_nodes
    from derm1m_build.dataset.shipped import load_shipped

    ds = demo_build / "dataset"
    nodes = _ontology_nodes(ds)
    whole, whole_sh = load_stats(demo_build), load_shipped(ds / "captions.csv", nodes)
    monkeypatch.setattr(stats_mod, "CSV_BLOCK", 4096)  # a few rows per block
    small, small_sh = load_stats(demo_build), load_shipped(ds / "captions.csv", nodes)
    rows = rows_of(ds)
    assert len(rows) > 100 and (ds / "captions.csv").stat().st_size > 20 * 4096  # many blocks
    for f in dataclasses.fields(whole):
        assert getattr(small, f.name) == getattr(whole, f.name), f.name
    assert dataclasses.asdict(small_sh) == dataclasses.asdict(whole_sh)
    assert small.caption_words == [len(r["caption"].split()) for r in rows]
    with_image = sorted((r for r in rows if r["filename"]), key=lambda r: r["sample_id"])
    for source, picked in small_sh.by_source.items():
        assert [r["sample_id"] for r in picked] == [r["sample_id"] for r in with_image if r["source"] == source][:4]
    for label, picked in small_sh.by_label.items():
        assert [r["sample_id"] for r in picked] == [r["sample_id"] for r in with_image
                                                    if r["disease_label"] == label][:4]
    assert len(small_sh.by_label) == min(8, len(small_sh.labels))


def test_match_cells_counted_without_their_spans():
    """Cells that differ only in where the match sits or its score are one distinct value; anything
    else (a name, negation) keeps them apart, and a quoted `, "span": ` inside a name is left alone."""
    import json

    import pyarrow as pa

    from derm1m_build.dataset.stats import _canonical_matches, asserted

    def cell(name, span, score, negated=False):
        return json.dumps([{"id": "x", "name": name, "path": ["a", name], "span": span, "negated": negated,
                            "uncertain": False, "score": score}], sort_keys=True)

    cells = [cell("psoriasis", [0, 9], 1.0), cell("psoriasis", [14, 23], 0.93), cell("eczema", [0, 6], 1.0),
             cell("psoriasis", [3, 12], 1.0, negated=True), cell('odd, "span": [1, 2] name', [5, 9], 0.5)]
    out = _canonical_matches(pa.array(cells + [None])).to_pylist()
    assert out[0] == out[1] and len(set(out[:5])) == 4 and out[5] == ""
    for before, after in zip(cells, out):
        assert [m["name"] for m in asserted(after)] == [m["name"] for m in asserted(before)]
        assert json.loads(after)[0]["path"] == json.loads(before)[0]["path"]


def test_stats_when_captions_lack_rows_of_work_split(demo_build, tmp_path, monkeypatch):
    """Rows the writer left out (a takedown) break the row-for-row order of captions.csv and work/split:
    the statistics then join on sample_id and still equal counting row by row; small blocks too."""
    import pandas as pd

    from derm1m_build.dataset import stats as stats_mod
    from derm1m_build.dataset.leakage import parse_meta
    from derm1m_build.dataset.stats import asserted
    from derm1m_build.store import StageStore

    b = copy_build(demo_build, tmp_path / "b")
    cap = b / "dataset" / "captions.csv"
    df = pd.read_csv(cap, dtype=str, keep_default_na=False)
    df = df.drop(index=[0, 7, 40, len(df) - 1]).reset_index(drop=True)
    df.to_csv(cap, index=False)
    monkeypatch.setattr(stats_mod, "CSV_BLOCK", 4096)
    st = load_stats(b)
    extra = {r["sample_id"]: r for _, t in StageStore(b / "work", "split").iter_tables(
        ["sample_id", "meta", "conditions", "concepts", "retrieved"]) for r in t.to_pylist()}
    rows = [{**extra.get(r["sample_id"], {}), **r} for r in df.to_dict("records")]
    assert st.total == len(rows) == len(extra) - 4
    assert st.conditions == Counter(n for r in rows for n in sorted({m["name"] for m in asserted(r.get("conditions"))}))
    assert st.concepts == Counter(n for r in rows for n in sorted({m["name"] for m in asserted(r.get("concepts"))}))
    assert st.unlabelled == sum(not asserted(r.get("conditions")) for r in rows)
    assert st.skin_tone == Counter(fitzpatrick(parse_meta(r.get("meta"))) or "unknown" for r in rows)
    assert st.caption_words == [len(r["caption"].split()) for r in rows]
    days = {}
    for r in rows:
        if r.get("retrieved"):
            days.setdefault(r["source"], []).append(r["retrieved"][:10])
    assert st.retrieved == {s: (min(d), max(d)) for s, d in sorted(days.items())}


def test_word_counts_equal_the_regex_kernel():
    """Words counted from the UTF-8 buffer equal Arrow's `\\S+` count: leading, trailing and repeated
    spaces, tabs and newlines, non-ASCII letters and spaces, empty strings, a sliced array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from derm1m_build.dataset.stats import word_counts

    texts = ["", " ", "one", "  two  words ", "a\tb\nc\rd\fe", "vertical\vtab", "déjà vu ünïcode",
             "no\u00a0break space", "trailing\n", "x" * 300, " lead", "", "end"]
    arr = pa.array(texts)
    for a in (arr, arr.slice(2, 8), arr.slice(5), pa.chunked_array([arr.slice(0, 4), arr.slice(4)])):
        want = pc.count_substring_regex(a, r"\S+").to_pylist()
        assert word_counts(a).tolist() == want, a
    assert word_counts(pa.array(["a b", None])).tolist() == [2, 0]

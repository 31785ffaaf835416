"""PubMed extraction decodes each figure once (issue 21, extraction CPU).

The image store's check decodes every fetched figure; the panel split decoded the stored copy again. When
the stored bytes are the fetched ones, `ImageStore.put_decoded` hands its decode on and the split uses it:
the rows must be exactly those of the two-decode path, on composed JATS articles (a 4-panel compound
figure, a figure without a caption, a bad image, a figure whose metadata is stripped on the way in).
"""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from derm1m_build import images as images_mod
from derm1m_build.demo import images as gen
from derm1m_build.errors import ItemError
from derm1m_build.images import ImageStore, decode
from derm1m_build.pmc.demo import _compound
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_source
from derm1m_build.stage import BuildContext
from pmc_support import write_recipe

XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
CC_BY = '<license xlink:href="https://creativecommons.org/licenses/by/4.0/"><license-p>CC BY 4.0</license-p></license>'


def _with_comment(jpeg: bytes) -> bytes:
    """The JPEG with an APP1 (Exif-like) segment and a comment after SOI: both dropped when stored."""
    app1 = b"Exif\x00\x00" + b"camera serial 0042"
    com = b"taken in the clinic"
    return (jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
            + b"\xff\xfe" + struct.pack(">H", len(com) + 2) + com + jpeg[2:])


def _png_with_text(bgr: np.ndarray) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "ward 7")
    buf = io.BytesIO()
    Image.fromarray(bgr[:, :, ::-1].copy()).save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def test_put_decoded_hands_on_the_decode_only_for_bytes_kept_as_fetched(tmp_path):
    store = ImageStore(tmp_path / "images")
    photo = gen.skin_photo(11, size=96, tone=2, style="red_plaque")
    plain_jpg, plain_png = gen.to_jpeg(photo), gen.to_png(photo)
    for data, ext in ((plain_jpg, "jpg"), (plain_png, "png")):
        info, im = store.put_decoded(data)
        assert (info.ext, info.width, info.height) == (ext, 96, 96)
        assert store.read(info.sha256, info.ext) == data  # kept as fetched
        assert im is not None
        assert np.array_equal(np.asarray(im), np.asarray(decode(data)))
        assert store.put(data) == info
    for data, ext in ((_with_comment(plain_jpg), "jpg"), (_png_with_text(photo), "png")):
        info, im = store.put_decoded(data)
        assert im is None  # metadata dropped: the stored bytes differ, the caller decodes them itself
        assert info.ext == ext and store.read(info.sha256, info.ext) != data
        assert store.put(data) == info
    with pytest.raises(ItemError) as e:
        store.put_decoded(b"\xff\xd8 not a jpeg at all")
    assert e.value.reason == "image_unsupported"


def _article(pmcid: str, figs: list[str], title: str, abstract: str) -> str:
    return (f'<article {XLINK} article-type="case-report"><front><journal-meta><journal-title-group>'
            f'<journal-title>Composed Dermatology Notes</journal-title></journal-title-group></journal-meta>'
            f'<article-meta><article-id pub-id-type="pmc">{pmcid[3:]}</article-id>'
            f'<article-id pub-id-type="pmid">5{pmcid[3:]}</article-id>'
            f'<title-group><article-title>{title}</article-title></title-group>'
            f'<pub-date pub-type="epub"><year>2025</year></pub-date><permissions>{CC_BY}</permissions>'
            f'<abstract><p>{abstract}</p></abstract></article-meta></front><body>{"".join(figs)}</body></article>')


def _fig(fid: str, label: str, caption: str | None, href: str) -> str:
    cap = f"<caption><p>{caption}</p></caption>" if caption is not None else ""
    return f'<fig id="{fid}"><label>{label}</label>{cap}<graphic xlink:href="{href}"/></fig>'


@pytest.fixture
def composed(tmp_path):
    """A raw cache as a fetch leaves it: one efetch file of two articles, their figure files, a log."""
    recipe = load_recipe(write_recipe(tmp_path, "http://127.0.0.1:9", images="figure_url", licences="any",
                                      pmcids=["PMC7700001", "PMC7700002"]))
    ctx = BuildContext(out=(tmp_path / "out").resolve(), recipe_path=recipe.path.resolve(), seed=recipe.build.seed)
    src = make_source("pubmed", recipe.harvest["pubmed"], ctx, recipe)
    a1 = _article("PMC7700001", [
        _fig("f1", "Figure 1", "(A) Scaly erythematous plaque on the shin. (B) The same plaque after two weeks. "
                               "(C) Crusted erosions at the margin. (D) Grouped vesicles on the forearm.", "c1-g1"),
        _fig("f2", "Figure 2", None, "c1-g2"),
        _fig("f3", "Figure 3", "Dermoscopy of a pigmented papule with an atypical network.", "c1-g3"),
    ], "Eczema and impetigo in one patient: a composed case", "A patient with eczema of the legs and impetigo.")
    a2 = _article("PMC7700002", [
        _fig("g1", "Figure 1", "Violaceous papules of lichen planus on the wrist.", "c2-g1"),
        _fig("g2", "Figure 2", "Nail pitting in psoriasis.", "c2-g2.png"),
    ], "Lichen planus and psoriasis side by side", "Two papulosquamous diseases compared.")
    body = f'<?xml version="1.0"?>\n<pmc-articleset>{a1}{a2}</pmc-articleset>'.encode()
    src.raw.put("jats/batch-composed.xml", body, url="http://127.0.0.1:9/efetch")
    quad = gen.to_jpeg(_compound(21, ["red_plaque", "red_plaque", "vesicles", "vesicles"]))
    photo = gen.skin_photo(5, size=200, tone=1, style="dark_nodule")
    files = {"PMC7700001": {"c1-g1": quad, "c1-g2": gen.to_jpeg(gen.skin_photo(6, size=160, tone=3, style="ring")),
                            "c1-g3": b"\xff\xd8\xff\xe0 truncated figure bytes"},
             "PMC7700002": {"c2-g1": _with_comment(gen.to_jpeg(photo)), "c2-g2.png": _png_with_text(photo)}}
    log = src.open_log()
    for pmcid, figs in files.items():
        entry = {"status": "ok", "jats": "jats/batch-composed.xml", "files": {}}
        for href, data in figs.items():
            name = href if href.endswith(".png") else href + ".jpg"
            rel = f"figures/{pmcid}/{name}"
            src.raw.put(rel, data, url=f"http://127.0.0.1:9/{rel}", content_type="image/jpeg")
            entry["files"][href] = rel
        log.items[pmcid] = entry
    return src, log


def _rows(src, log) -> list:
    out = []
    for r in src.extract_units(["PMC7700001", "PMC7700002"], log):
        if hasattr(r, "reason"):
            out.append(("excluded", r.reason, r.detail, json.dumps(r.row, sort_keys=True)))
        else:
            out.append(("kept", json.dumps(r, sort_keys=True)))
    return out


def test_extraction_rows_equal_the_two_decode_path(composed, monkeypatch):
    src, log = composed
    decodes = []
    real_decode = images_mod.decode

    def counting(data, draft=None):
        decodes.append(len(data))
        return real_decode(data, draft)

    monkeypatch.setattr(images_mod, "decode", counting)
    new = _rows(src, log)
    new_decodes = len(decodes)
    decodes.clear()
    # the path before: the store's decode is not handed on, the split decodes the stored copy
    real_put = ImageStore.put_decoded
    monkeypatch.setattr(ImageStore, "put_decoded", lambda self, data: (real_put(self, data)[0], None))
    old = _rows(src, log)
    assert new == old
    def what(r):
        meta = json.loads(json.loads(r[-1])["meta"])
        return (r[0], r[1] if r[0] == "excluded" else "", meta["pmcid"], meta["fig_id"], meta.get("panel", ""))

    assert [what(r) for r in new] == [
        ("kept", "", "PMC7700001", "f1", "A"), ("kept", "", "PMC7700001", "f1", "B"),
        ("kept", "", "PMC7700001", "f1", "C"), ("kept", "", "PMC7700001", "f1", "D"),
        ("kept", "", "PMC7700001", "f2", ""), ("excluded", "image_corrupt", "PMC7700001", "f3", ""),
        ("kept", "", "PMC7700002", "g1", ""), ("kept", "", "PMC7700002", "g2", "")]
    # 5 good figures + 1 bad one checked by the store, 4 panel crops; the split decodes again only the
    # two figures whose metadata was stripped (before: all five)
    # 4 good figures + 1 bad one checked by the store, 4 panel crops; the split decodes again only the two
    # figures whose metadata was stripped (the path before: all four)
    assert (new_decodes, len(decodes)) == (4 + 1 + 4 + 2, 4 + 1 + 4 + 4)


def test_a_pubmed_shard_goes_to_extraction_once_its_own_efetch_batch_is_back(tmp_path):
    """Extraction's tail: a PubMed shard is handed out as soon as the fetch task of the efetch batch that
    holds its articles is back, while the other batch's task is still out (not after the last fetch)."""
    from derm1m_build import harvest_work as hw
    from derm1m_build.sources.base import WorkItem
    from derm1m_build.store import StageStore

    ids = ["PMC8800001", "PMC8800002", "PMC8800003", "PMC8800004"]
    r = write_recipe(tmp_path, "http://127.0.0.1:9", images="figure_url", pmcids=ids, batch_size=2)
    r.write_text(r.read_text().replace("[build]\n", "[build]\nharvest_items_per_shard = 2\n"))
    recipe = load_recipe(r)
    ctx = BuildContext(out=(tmp_path / "out").resolve(), recipe_path=recipe.path.resolve(), seed=recipe.build.seed)
    src = make_source("pubmed", recipe.harvest["pubmed"], ctx, recipe)
    log = src.open_log()
    items = [WorkItem("pubmed", p, {"entry": {}, "batch": b}) for b in (tuple(ids[:2]), tuple(ids[2:])) for p in b]
    tasks = [hw.HarvestTask(str(ctx.out), str(ctx.recipe_path), "pubmed", "fetch", items=tuple(b), run="run")
             for b in src.fetch_batches(items, 16)]
    assert [[it.key for it in t.items] for t in tasks] == [ids[:2], ids[2:]]
    ov = hw.Overlap(StageStore(ctx.work, "harvest"), {"recipe_digest": "composed"})
    feed = hw.HarvestFeed({hw.FETCH_RESOURCES: tasks}, {"pubmed": src}, {"pubmed": log}, ov, recipe, ctx, "run", 2, True)
    feed.plan()
    every = {hw.FETCH_RESOURCES, hw.EXTRACT_RESOURCES}
    out = [feed.take(every), feed.take(every)]
    assert [t.phase for t in out] == ["fetch", "fetch"] and feed.take(every) is None
    entry = {"status": "ok", "jats": "jats/batch-x.xml", "files": {}}
    feed.fetched("pubmed", hw._units(src, out[0]), {p: entry for p in ids[:2]})  # the first batch is back
    log.merge({p: entry for p in ids[:2]})
    feed.plan()
    first = feed.take(every)
    assert (first.phase, first.keys, first.expect["input_sha256"]) == ("extract", tuple(ids[:2]), hw.PENDING_INPUT)
    assert feed.left["pubmed"] == 1 and feed.take(every) is None  # the second batch's shard waits for its fetch
    feed.fetched("pubmed", hw._units(src, out[1]), {p: entry for p in ids[2:]})
    log.merge({p: entry for p in ids[2:]})
    feed.plan()
    second = feed.take(every)
    assert (second.phase, second.keys) == ("extract", tuple(ids[2:]))

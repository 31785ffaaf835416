"""The filter stage: keep clinical skin images, each once, and record why the rest went.

Map pass (per shard): decode (safely, at most DECODE_SIDE px), OpenCV measures, quality checks, the
back-end chosen in the recipe (`heuristic`, `classifier`, `zero-shot`) on the images that passed,
faces (keep / blur / drop), a 64-bit perceptual hash and the duplicate fingerprints (trimmed and
mirrored pHash, a crop-tolerant thumb vector). Fit pass (whole build, every source): candidates (same
sha256, fingerprints within `phash_radius`, nearest thumbs, optionally classifier/CLIP embeddings), each
confirmed on pixels (`filtering/confirm.py`), clustered as stars around the best member so look-alike
lesions cannot chain. Apply pass (per shard): every member gets its cluster id (`dup_cluster`, which the
split stage keeps in one split); one representative per cluster is kept (largest, then sharpest, then
smallest id), the rest are dropped with reason `duplicate` and the representative's id as detail.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Literal

import cv2
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import ConfigDict, Field

from derm1m_build.errors import ItemError, UserError
from derm1m_build.filtering.classifier import ClassifierConfig
from derm1m_build.filtering.decontam import DecontamConfig
from derm1m_build.filtering.heuristic_backend import HeuristicConfig
from derm1m_build.filtering.quality import QualityConfig
from derm1m_build.filtering.zeroshot import ZeroShotConfig
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult

log = logging.getLogger(__name__)

DECODE_SIDE = 256  # measures use 256 px; models resize to their own input (224 px typically)


def stated_modality(r: dict) -> str:
    """The modality a public dataset states for its image (meta `image_type`: clinical / dermoscopic), or ""."""
    from derm1m_build.filtering.backends import MODALITIES

    try:
        meta = json.loads(r.get("meta") or "{}")
    except ValueError:
        return ""
    m = meta.get("image_type", "") if isinstance(meta, dict) and meta.get("dataset") else ""
    return m if m in MODALITIES and m != "other" else ""


class FacesConfig(Section):
    action: Literal["keep", "blur", "drop", "off"] = "blur"  # off: do not look for faces
    min_frac: float = 0.12  # smallest identifiable face, as a fraction of the image's short side
    min_score: float = 0.55  # face model score (real portraits 0.63-0.82; real lesion photos at most 0.49)


class OcrConfig(Section):
    """`[filter.ocr]`: read burned-in text (rapidocr_onnxruntime, the `ocr` extra). Off by default.

    OCR costs about a CPU-second per image, so it runs only where the filter's text-line measure says
    text is likely (`min_text_ratio`). On clinical/dermoscopic photos, lines that are a person's name, a
    date or a record number are blurred (the row's `ocr_redacted` lists the kinds); the other lines are
    kept in `ocr_text`, which the caption stage shows the LLM as the image's text."""

    enabled: bool = False
    min_text_ratio: float = Field(0.02, ge=0, le=1)  # filter's text-line area fraction that triggers OCR
    min_score: float = Field(0.5, ge=0, le=1)
    max_side: int = Field(1280, ge=256)  # OCR runs on the image scaled to this long side
    redact_modalities: list[str] = ["clinical", "dermoscopic"]
    max_text_chars: int = Field(1000, ge=0)


class FilterConfig(Section):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    backend: Literal["heuristic", "classifier", "zero-shot"] = "heuristic"
    quality: QualityConfig = QualityConfig()
    heuristic: HeuristicConfig = HeuristicConfig()
    classifier: ClassifierConfig = ClassifierConfig()
    zero_shot: ZeroShotConfig = Field(ZeroShotConfig(), alias="zero-shot")
    faces: FacesConfig = FacesConfig()
    ocr: OcrConfig = OcrConfig()
    dedup: bool = True
    phash_radius: int = Field(8, ge=-1, le=32, description="Hamming radius for near duplicates (-1: exact only)")
    dedup_method: Literal["multi-index", "flat", "brute"] = "multi-index"
    dedup_workers: int = Field(2, ge=1)
    embed_dedup: bool = False  # also cluster images whose model embeddings are within embed_threshold
    embed_threshold: float = Field(0.95, gt=0, le=1.0)  # cosine similarity
    dedup_knn: int = Field(8, ge=0, description="nearest thumbs proposed per image (0: hashes only)")
    dedup_min_sim: float = Field(0.5, ge=-1.0, le=1.0, description="thumb similarity below which no pair is proposed")
    dedup_crop_knn: int = Field(4, ge=0, description="crop candidates per image from shifted window thumbs "
                                                    "(filtering/crops.py; 0: none)")
    dedup_confirm: bool = Field(True, description="confirm near pairs on pixels (off: exact sha256 duplicates only)")
    dedup_cap: int = Field(50, ge=2, description="largest duplicate cluster; more confirmed members stay, with a warning")
    dedup_min_inliers: int = Field(40, ge=4, description="RANSAC inliers the pixel check needs for a duplicate "
                                                         "(filtering/confirm.py DEDUP_MIN_INLIERS)")
    gpus: float = Field(0.0, ge=0)  # GPUs per worker for model back-ends (Ray places workers by it)
    decontaminate: DecontamConfig = DecontamConfig()  # benchmark images kept out (filtering/decontam.py)


def _emb_encode(v: np.ndarray) -> str:
    return base64.b64encode(np.asarray(v, np.float16).tobytes()).decode("ascii")


def _emb_decode(s: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), np.float16).astype(np.float32)


class PixelCheck:
    """`same(row_a, row_b)` for the duplicate fit: decodes both images from the store and runs the
    pixel confirmation; keeps the features of the most recent images (a cluster's representative is
    compared with each of its candidates in turn)."""

    def __init__(self, images_dir, keep: int = 4096, min_inliers: int | None = None):
        from collections import OrderedDict

        from derm1m_build.filtering.confirm import dedup_config
        from derm1m_build.images import ImageStore

        self.cfg = dedup_config() if min_inliers is None else dedup_config(min_inliers)
        self.images = ImageStore(images_dir)
        self.cache: OrderedDict = OrderedDict()
        self.keep = keep

    def _features(self, r: dict):
        from derm1m_build.filtering.confirm import features_from_bytes

        key = r.get("image_sha256") or ""
        if key in self.cache:
            self.cache.move_to_end(key)
            return self.cache[key]
        try:
            f = features_from_bytes(self.images.path(key, r.get("image_ext") or "jpg").read_bytes())
        except (OSError, ItemError):
            f = None
        self.cache[key] = f
        if len(self.cache) > self.keep:
            self.cache.popitem(last=False)
        return f

    def __call__(self, a: dict, b: dict) -> bool:
        from derm1m_build.filtering.confirm import confirm

        fa, fb = self._features(a), self._features(b)
        return bool(fa is not None and fb is not None and confirm(fa, fb, self.cfg).same)


def _phash_ints(col) -> np.ndarray:
    """Hex pHashes -> uint64. 16-digit ones (every pHash this stage writes) straight from the Arrow data
    buffer, one `bytes.fromhex` for the whole column; other lengths one by one."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if len(arr) and arr.null_count == 0 and pc.all(pc.equal(pc.utf8_length(arr), 16)).as_py():
        offs = np.frombuffer(arr.buffers()[1], np.int32)[arr.offset:arr.offset + len(arr) + 1]
        data = arr.buffers()[2].to_pybytes()[offs[0]:offs[-1]]
        return np.frombuffer(bytes.fromhex(data.decode("ascii")), ">u8").astype(np.uint64)
    return np.fromiter((int(h, 16) for h in arr.to_pylist()), np.uint64, count=len(arr))


def cluster_columns(table: pa.Table, radius: int, method: str = "multi-index", workers: int = 1,
                    extra_pairs=()) -> dict[str, tuple[str, str]]:
    """`dedup.linkage_cluster` (the earlier single-linkage rule; the stage's fit now uses `dedup.cluster`)
    on Arrow columns: the same clusters, ids and representatives, without a dict per row.

    Exact sha256 groups, pHash neighbours (`hash_clusters`) and extra pairs are edges between row
    indices in sample-id order; components label each row by its smallest member; representatives
    (largest image, then sharpest, then smallest id; `dedup._rank`) are ranked only inside clusters
    of two or more rows.
    """
    from derm1m_build.filtering.dedup import _rank, components, hash_clusters

    t = table.take(pc.sort_indices(table, [("sample_id", "ascending")])) if table.num_rows else table
    ids = t.column("sample_id").to_pylist()
    n = len(ids)
    edges: list[np.ndarray] = []
    sha = pc.fill_null(t.column("image_sha256"), "").combine_chunks() if n else pa.array([], pa.string())
    if n:
        codes = pc.dictionary_encode(sha).indices.to_numpy(zero_copy_only=False).astype(np.int64)
        pos = np.flatnonzero(pc.not_equal(sha, "").to_numpy(zero_copy_only=False))
        if len(pos):
            c = codes[pos]
            uniq, first = np.unique(c, return_index=True)
            holder = np.full(int(codes.max()) + 1, -1, np.int64)
            holder[uniq] = pos[first]
            dup = pos[holder[c] != pos]
            if len(dup):
                edges.append(np.stack([holder[codes[dup]], dup], 1))
        ph = pc.fill_null(t.column("phash"), "")
        hashed = np.flatnonzero(pc.not_equal(ph, "").to_numpy(zero_copy_only=False))
        if len(hashed) and radius >= 0:
            hs = _phash_ints(ph.take(pa.array(hashed)))
            lab = hash_clusters(hs, radius, method=method, workers=workers)
            hidx = hashed.astype(np.int64)
            edges.append(np.stack([hidx[lab], hidx], 1))
    index = {s: i for i, s in enumerate(ids)}
    extra = [(index[a], index[b]) for a, b in extra_pairs if a in index and b in index]
    if extra:
        edges.append(np.asarray(extra, np.int64))
    pairs = np.concatenate(edges) if edges else np.empty((0, 2), np.int64)
    lab = components(n, pairs)
    out = {s: ("dup-" + s[:16], s) for s in ids}
    if not n:
        return out
    roots, counts = np.unique(lab, return_counts=True)
    multi = np.isin(lab, roots[counts > 1])
    members = np.flatnonzero(multi)
    if len(members):
        sub = t.take(pa.array(members)).select(["sample_id", "width", "height", "scores"]).to_pylist()
        groups: dict[int, list[dict]] = {}
        for i, r in zip(members, sub):
            groups.setdefault(int(lab[i]), []).append(r)
        for root, ms in groups.items():
            rep = min(ms, key=_rank)["sample_id"]
            cid = "dup-" + ids[root][:16]
            for r in ms:
                out[r["sample_id"]] = (cid, rep)
    return out


class FilterStage(Stage):
    name = "filter"
    resources = Resources(cpus=1)
    fit_columns = ("sample_id", "image_sha256", "image_ext", "phash", "width", "height", "scores")

    def __init__(self, config, ctx, recipe=None):
        super().__init__(config, ctx, recipe)
        from derm1m_build.filtering.backends import make_backend

        self.decontam = None  # set by setup (map workers); fit checks the recipe itself

        self.backend = make_backend(config, recipe.resolve if recipe is not None else None)
        if config.backend != "heuristic":
            self.resources = Resources(cpus=1, gpus=config.gpus, memory_mb=4096, actor=True)  # model once per actor

    def setup(self) -> None:
        from derm1m_build.images import ImageStore

        self.images = ImageStore(self.ctx.images_dir)
        self.backend.load()
        if self.config.ocr.enabled:
            from derm1m_build import ocr

            if not ocr.available():
                raise UserError(f"[filter.ocr] enabled = true: {ocr.INSTALL_HINT}")
        # queries only need the config; the index is built (once) and searched by `fit`, in the driver
        self.decontam = self._decontam_checker() if self.config.decontaminate.benchmarks else None

    def _decontam_checker(self):
        from derm1m_build.filtering.decontam import Checker, Embedder

        resolve = self.recipe.resolve if self.recipe is not None else None
        # a model back-end gives image embeddings: the benchmark index holds them too (the heuristic has none)
        emb = Embedder(self.backend, DECODE_SIDE) if self.config.backend != "heuristic" else None
        return Checker(self.config.decontaminate, self.ctx.cache, *([resolve] if resolve else []),
                       embedder=emb)

    def _benchmarks(self) -> list[dict]:
        if not self.config.decontaminate.benchmarks:
            return []
        if getattr(self, "_bench_summary", None) is None:
            self._bench_summary = self._decontam_checker().summaries()
        return self._bench_summary

    def models(self) -> dict:
        b = self._benchmarks()
        return {**self.backend.models(), **({"decontaminate": b} if b else {})}

    def digest_extra(self) -> dict:
        """A retrained model saved to the same folder changes the weights digest: the stage reruns; so
        does a changed benchmark file (its digest)."""
        b = self._benchmarks()
        return {"models": self.backend.models(), **({"benchmarks": [(x["name"], x["digest"]) for x in b]} if b else {})}

    def _decontam_queries(self, r: dict, data: bytes, scores: dict, emb=None) -> None:
        """The row's benchmark-index queries (`scores.dq`, fit-only): hashes of the image and, for a
        figure from a source with compound figures that was not split into panel rows, of its pieces;
        with a model back-end, the image's embedding (`e`)."""
        from derm1m_build.filtering.decode import load_upright as load_rgb

        try:
            meta = json.loads(r.get("meta") or "{}")
        except ValueError:
            meta = {}
        split = isinstance(meta, dict) and "panel" not in meta and r.get("source") in ("pubmed", "edu")
        rgb = np.asarray(load_rgb(data, max_side=800))
        scores["dq"] = self.decontam.queries(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), split=split)
        if emb is not None and self.decontam.embedder is not None:
            from derm1m_build.filtering.decontam import emb_encode

            scores["dq"]["e"] = emb_encode(emb)

    def _decontam_fit(self, table: pa.Table) -> dict[str, tuple[str, str, dict]]:
        """sample_id -> (reason or "", detail, scores to add) for every row a benchmark image matched:
        one join per benchmark over all rows' queries, then the pixel check of each proposal."""
        from derm1m_build.filtering.decode import load_upright as load_rgb
        from derm1m_build.images import ImageStore

        checker = self._decontam_checker().load()
        cols = table.select(["sample_id", "image_sha256", "image_ext", "scores"]).to_pylist()
        cols.sort(key=lambda r: r["sample_id"])
        dq = [json.loads(r["scores"] or "{}").get("dq") or {} for r in cols]
        props = checker.propose_all(dq)
        images = ImageStore(self.ctx.images_dir)
        out: dict[str, tuple[str, str, dict]] = {}
        for r, q, pr in zip(cols, dq, props):
            if not any(plist for per_bench in pr for plist in per_bench):
                continue
            try:
                rgb = np.asarray(load_rgb(images.path(r["image_sha256"], r["image_ext"]).read_bytes(), max_side=800))
            except (OSError, ItemError):
                continue
            matches = checker.confirm_row(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), q.get("b", []), pr)
            if not matches:
                continue
            reason, detail, note = checker.decide(matches)
            add = {"benchmark": [{"name": m.benchmark, "id": m.image_id, "index": m.image_index, "how": m.how,
                                  "eval": m.evaluation, "piece": m.piece, "by": m.by} for m in matches]}
            if note:
                add["benchmark_train"] = note
            out[r["sample_id"]] = (reason, detail, add)
        return out

    # map -------------------------------------------------------------------------------------------
    def _decode(self, r: dict) -> tuple[np.ndarray | None, str, str, bytes]:
        from derm1m_build.filtering.decode import load_upright as load_rgb

        if not r.get("image_sha256"):
            return None, "no_image", "", b""
        try:
            data = self.images.path(r["image_sha256"], r["image_ext"]).read_bytes()
            im = load_rgb(data, max_side=DECODE_SIDE)
        except ItemError as e:
            return None, e.reason, e.detail, b""
        except OSError as e:
            return None, "image_missing", type(e).__name__, b""
        return np.asarray(im), "", "", data

    def _faces(self, r: dict, data: bytes, scores: dict, small: np.ndarray, sure: bool = True) -> str | None:
        """Apply the face action to a kept row (upright pixels; the blurred copy is stored upright);
        returns a drop reason or None. The face model runs only where a face is possible."""
        from derm1m_build.filtering import faces
        from derm1m_build.filtering.decode import load_upright as load_rgb

        act = self.config.faces.action
        if act == "off" or not faces.face_possible(r["modality"], True, sure):
            r["face"] = "none"
            return None
        box_side: list[int] = []

        def load() -> np.ndarray:
            rgb = np.asarray(load_rgb(data, max_side=faces.FACE_SIDE))
            box_side.append(rgb.shape[1])
            return rgb

        boxes = faces.find(small, load, self.config.faces.min_frac, self.config.faces.min_score)
        scores["faces"] = len(boxes)
        if not boxes:
            r["face"] = "none"
            return None
        if act == "keep":
            r["face"] = "kept"
            return None
        if act == "drop":
            r["face"] = "dropped"
            return "face"
        full = np.asarray(load_rgb(data))
        sc = full.shape[1] / box_side[0]
        big = [tuple(int(round(v * sc)) for v in b) for b in boxes]
        from PIL import Image

        out = Image.fromarray(faces.blur_boxes(full, big))
        kw = {"quality": 95} if r["image_ext"] == "jpg" else {}
        info = self.images.put_image(out, "JPEG" if r["image_ext"] == "jpg" else "PNG", **kw)
        r["image_sha256"], r["image_ext"], r["width"], r["height"] = info.sha256, info.ext, info.width, info.height
        r["face"] = "blurred"
        return None

    def _burned_text(self, r: dict, scores: dict) -> None:
        """OCR where text is likely: blur identifiers on clinical photos, keep the rest as context."""
        from derm1m_build import ocr
        from derm1m_build.filtering import faces
        from derm1m_build.filtering.burned_text import split_lines
        from derm1m_build.images import load_rgb

        c = self.config.ocr
        if scores.get("text_ratio", 0.0) < c.min_text_ratio:
            return
        data = self.images.path(r["image_sha256"], r["image_ext"]).read_bytes()  # after any face blur
        small = np.asarray(load_rgb(data, max_side=c.max_side))
        lines = ocr.read_text(small, c.min_score)
        scores["ocr_lines"] = len(lines)
        if not lines:
            return
        bad, keep = split_lines(lines)
        r["ocr_text"] = " | ".join(ln.text for ln in keep)[: c.max_text_chars]
        if not bad or r.get("modality") not in c.redact_modalities:
            return
        from PIL import Image

        full = np.asarray(load_rgb(data))
        sc = full.shape[1] / small.shape[1]
        boxes = [(int(x0 * sc), int(y0 * sc), max(1, int((x1 - x0) * sc)), max(1, int((y1 - y0) * sc)))
                 for (x0, y0, x1, y1) in (ln.box for ln, _ in bad)]
        out = Image.fromarray(faces.blur_boxes(full, boxes, pad=0.15))
        kw = {"quality": 95} if r["image_ext"] == "jpg" else {}
        info = self.images.put_image(out, "JPEG" if r["image_ext"] == "jpg" else "PNG", **kw)
        r["image_sha256"], r["image_ext"], r["width"], r["height"] = info.sha256, info.ext, info.width, info.height
        r["ocr_redacted"] = ",".join(sorted({kind for _, kind in bad}))

    def process_batch(self, rows: pa.Table) -> StageResult:
        from derm1m_build.filtering.heuristic import measure
        from derm1m_build.filtering.fingerprint import fingerprint
        from derm1m_build.filtering.phash import phash, to_hex
        from derm1m_build.filtering.quality import check

        kept, dropped = [], []
        cand: list[tuple] = []
        for r in rows.to_pylist():
            r["modality"], r["face"], r["scores"] = "other", "none", "{}"
            r["ocr_redacted"], r["ocr_text"] = "", ""
            rgb, reason, detail, data = self._decode(r)
            if rgb is None:
                r["reason"], r["detail"] = reason, detail
                dropped.append(r)
                continue
            bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
            m = measure(bgr)
            scores = m.as_dict()
            r["phash"] = to_hex(phash(bgr))
            if self.config.dedup:
                scores.update(fingerprint(bgr))
            r["scores"] = json.dumps(scores, sort_keys=True)
            bad = check(r.get("width") or rgb.shape[1], r.get("height") or rgb.shape[0], m, self.config.quality)
            if bad:
                r["reason"], r["detail"] = bad
                dropped.append(r)
                continue
            cand.append((r, rgb, scores, m, data))
        judgements = self.backend.judge([c[1] for c in cand], [c[3] for c in cand]) if cand else []
        from derm1m_build.filtering.heuristic import dermoscope_field

        for (r, small, scores, m, data), j in zip(cand, judgements):
            scores.update(j.scores)
            stated = stated_modality(r)
            if stated:  # the dataset says what its images are (HAM10000, ISIC, Derm7pt): trust it over pixels
                scores["image_modality"] = j.modality
                j = self._with_stated(j, stated)
            r["modality"] = j.modality
            reason, detail = j.reason, j.detail
            if j.keep:
                # a dermoscopic label is sure when the dataset states it or the dermatoscope's black field is seen
                reason = self._faces(r, data, scores, small, sure=bool(stated) or dermoscope_field(m))
                detail = f"{scores.get('faces', 0)} face(s)" if reason else ""
                if not reason and self.config.ocr.enabled:
                    self._burned_text(r, scores)
            if not reason and self.decontam is not None:
                self._decontam_queries(r, data, scores, j.embedding)
            if self.config.embed_dedup and j.embedding is not None and not reason:
                scores["emb"] = _emb_encode(j.embedding)
            r["scores"] = json.dumps(scores, sort_keys=True)
            if reason:
                r["reason"], r["detail"] = reason, detail
                dropped.append(r)
            else:
                kept.append(r)
        return self.result(kept, dropped)

    def _with_stated(self, j, stated: str):
        """The judgement with the source's modality; a drop only for being of an unwanted modality is
        re-decided on the stated one."""
        from dataclasses import replace

        j = replace(j, modality=stated)
        if j.reason == "unwanted_modality" and stated in self.config.heuristic.keep_modalities:
            j = replace(j, keep=True, reason="", detail="")
        return j

    # fit / apply -----------------------------------------------------------------------------------
    def fit(self, table: pa.Table) -> dict:
        """{"map": sample_id -> (cluster id, representative's sample_id), "notes": sample_id -> note}."""
        from derm1m_build.filtering.dedup import cluster, embedding_pairs

        decontam = self._decontam_fit(table) if self.config.decontaminate.benchmarks and table.num_rows else {}
        gone = [s for s, v in decontam.items() if v[0]]
        if gone:  # rows dropped as benchmark images take no part in the duplicate clusters
            table = table.filter(pc.invert(pc.is_in(table.column("sample_id"), pa.array(sorted(gone)))))
        if not self.config.dedup:
            return {"map": {s: ("dup-" + s[:16], s) for s in table.column("sample_id").to_pylist()}, "notes": {},
                    "decontam": decontam}
        extra = []
        if self.config.embed_dedup:
            ids, vecs = [], []
            cols = table.select(["sample_id", "scores"])
            cols = cols.take(pc.sort_indices(cols, [("sample_id", "ascending")]))
            for sid, sc in zip(cols.column("sample_id").to_pylist(), cols.column("scores").to_pylist()):
                e = json.loads(sc or "{}").get("emb")
                if e:
                    ids.append(sid)
                    vecs.append(_emb_decode(e))
            extra = embedding_pairs(ids, vecs, self.config.embed_threshold)
        same = PixelCheck(self.ctx.images_dir, min_inliers=self.config.dedup_min_inliers) if self.config.dedup_confirm else None
        cols = table.select([c for c in self.fit_columns if c in table.column_names])  # columnar: no dict per row
        mapping, report = cluster(cols, self.config.phash_radius, same=same, method=self.config.dedup_method,
                                  workers=self.config.dedup_workers, extra_pairs=extra, knn=self.config.dedup_knn,
                                  min_sim=self.config.dedup_min_sim, cap=self.config.dedup_cap,
                                  crop_knn=self.config.dedup_crop_knn)
        notes = {}
        for w in report["warnings"]:
            log.warning("filter: duplicate cluster of %s reached the cap of %d; %d more confirmed copies were kept",
                        w["representative"], w["cap"], w["refused"])
            notes[w["representative"]] = f"cluster_cap:{w['cap']}:refused={w['refused']}"
        return {"map": mapping, "notes": notes, "decontam": decontam}

    def apply(self, rows: pa.Table, state: dict) -> StageResult:
        kept, dropped = [], []
        decontam = state.get("decontam", {})
        for r in rows.to_pylist():
            reason, detail, add = decontam.get(r["sample_id"], ("", "", {}))
            cid, rep = state["map"].get(r["sample_id"], ("dup-" + r["sample_id"][:16], r["sample_id"]))
            r["dup_cluster"] = cid
            if r.get("scores"):
                s = json.loads(r["scores"])
                for k in ("emb", "dh", "dt", "dc", "dq"):  # fit-only fingerprints
                    s.pop(k, None)
                s.update(add)
                if r["sample_id"] in state["notes"]:
                    s["dup_note"] = state["notes"][r["sample_id"]]
                r["scores"] = json.dumps(s, sort_keys=True)
            if reason:
                r["reason"], r["detail"] = reason, detail
                dropped.append(r)
            elif rep == r["sample_id"]:
                kept.append(r)
            else:
                r["reason"], r["detail"] = "duplicate", rep
                dropped.append(r)
        return self.result(kept, dropped)

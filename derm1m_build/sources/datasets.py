"""The `datasets` source: public dermatology datasets a user has downloaded, read in their native layout.

Supported: HAM10000, Fitzpatrick17k, DDI, PAD-UFES-20, Derm7pt, ISIC 2019, ISIC 2020 and SCIN. Each
importer knows its dataset's metadata file(s), columns and quirks (HAM10000 forks that append `.jpg` to
`image_id`, Derm7pt's mixed-case paths, ISIC 2019's one-hot ground truth, SCIN's Python-literal label
columns...). Images are found by relative path, then by file stem, case-insensitively, anywhere under the
dataset folder, so the usual "part_1/part_2" splits need no configuration.

Fetch copies the metadata and every image a row names into the raw cache; extract maps each label to a
condition (`dataset_labels`), writes a caption from the metadata ("Dermoscopic image of a melanocytic
nevus on the back of a 45-year-old man."), sets `group_id` to the lesion or patient id, and records the
dataset's licence and whether its images may be redistributed (`meta.redistributable`) on every row.
"""

from __future__ import annotations

import ast
import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator, Literal

from pydantic import Field

from derm1m_build.errors import ItemError, UserError
from derm1m_build.rawcache import safe_relpath
from derm1m_build.recipe import Section
from derm1m_build.safefs import MAX_METADATA_BYTES, is_candidate, read_inside
from derm1m_build.sources.base import Excluded, FetchReport, Source
from derm1m_build.sources.dataset_labels import condition_name, node_id

Kind = Literal["ham10000", "fitzpatrick17k", "ddi", "pad_ufes_20", "derm7pt", "isic2019", "isic2020", "scin"]
IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff"}
MAX_CSV_FIELD = 1_000_000  # a metadata cell larger than this is not metadata


@dataclass(frozen=True)
class Terms:
    """A dataset's licence as its publisher states it, and whether images may be redistributed."""

    license: str  # one of schema.LICENSES
    license_name: str
    url: str
    redistributable: bool


TERMS: dict[str, Terms] = {
    "ham10000": Terms("CC-BY-NC-4.0", "CC BY-NC 4.0 (Harvard Dataverse)", "https://doi.org/10.7910/DVN/DBW86T", True),
    "fitzpatrick17k": Terms("unknown", "images remain with the source atlases (annotations CC BY-NC-SA 3.0)",
                            "https://github.com/mattgroh/fitzpatrick17k", False),
    "ddi": Terms("unknown", "Stanford DDI research-use agreement (no redistribution)",
                 "https://ddi-dataset.github.io/", False),
    "pad_ufes_20": Terms("CC-BY-4.0", "CC BY 4.0 (Mendeley Data)", "https://doi.org/10.17632/zr7vgbcyr2.1", True),
    "derm7pt": Terms("unknown", "Derm7pt research-use terms (no redistribution)",
                     "https://derm.cs.sfu.ca/", False),
    "isic2019": Terms("CC-BY-NC-4.0", "CC BY-NC 4.0 (ISIC Archive)", "https://challenge.isic-archive.com/data/", True),
    "isic2020": Terms("CC-BY-NC-4.0", "CC BY-NC 4.0 (ISIC Archive)", "https://challenge.isic-archive.com/data/", True),
    "scin": Terms("unknown", "SCIN data use licence (research; images not to be re-hosted)",
                  "https://github.com/google-research-datasets/scin", False),
}

SEX_WORD = {"male": "man", "female": "woman", "m": "man", "f": "woman"}


class DatasetImport(Section):
    kind: Kind
    path: str = Field(..., description="the dataset's folder as downloaded")
    name: str = Field("", description="name of this import (default: kind); must be unique")
    metadata: list[str] = Field(default_factory=list, description="metadata file(s) relative to path (default: the dataset's usual names)")
    limit: int | None = Field(None, ge=1, description="import only the first N rows (in metadata order)")


class DatasetsConfig(Section):
    imports: list[DatasetImport] = Field(default_factory=list)


@dataclass
class Record:
    """One image of a dataset, as its metadata describes it."""

    item_id: str
    image: str  # path or stem to look for
    label: str
    group: str
    image_type: str = "clinical"  # clinical | dermoscopic
    age: str = ""
    sex: str = ""
    site: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------------
# metadata readers, one per dataset


def _age(v: str | None) -> str:
    v = (v or "").strip()
    try:
        f = float(v)
    except ValueError:
        return ""
    return str(int(f)) if f > 0 else ""


def _clean(v: str | None) -> str:
    v = (v or "").strip()
    return "" if v.lower() in ("unknown", "unk", "nan", "none", "") else v


def read_ham10000(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        image_id = r["image_id"].strip()
        stem = image_id[:-4] if image_id.lower().endswith(".jpg") else image_id
        extra = {"dx_type": r.get("dx_type", "")}
        if r.get("dataset"):
            extra["subset"] = r["dataset"]
        out.append(Record(stem, stem, r["dx"].strip(), r["lesion_id"].strip() or stem, "dermoscopic",
                          _age(r.get("age")), _clean(r.get("sex")), _clean(r.get("localization")), extra))
    return out


def read_fitzpatrick17k(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        h = r["md5hash"].strip()
        fst = r.get("fitzpatrick_scale", "").strip()
        out.append(Record(h, h, r["label"].strip(), h, "clinical", extra={
            "fitzpatrick": fst if fst not in ("", "-1") else "", "qc": r.get("qc", ""),
            "partition": r.get("nine_partition_label", ""), "original_url": r.get("url", "")}))
    return out


def read_ddi(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        f = r["DDI_file"].strip()
        out.append(Record(f.rsplit(".", 1)[0], f, r["disease"].strip(), f"ddi-{r['DDI_ID'].strip()}", "clinical",
                          extra={"skin_tone": r.get("skin_tone", ""),
                                 "fitzpatrick": {"12": "I-II", "34": "III-IV", "56": "V-VI"}.get(r.get("skin_tone", "").strip(), ""),
                                 "malignant": r.get("malignant", "").strip().upper() == "TRUE"}))
    return out


def read_pad_ufes_20(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        img = r["img_id"].strip()
        fst = r.get("fitspatrick", "").strip()  # sic: the dataset's own spelling
        out.append(Record(img.rsplit(".", 1)[0], r.get("image_path", "").strip() or img, r["diagnostic"].strip(),
                          f"pad-{r['lesion_id'].strip()}", "clinical", _age(r.get("age")),
                          _clean(r.get("gender")).lower(), _clean(r.get("region")).lower(),
                          {"patient_id": r.get("patient_id", ""), "fitzpatrick": fst.split(".")[0] if fst else "",
                           "biopsied": r.get("biopsed", "")}))
    return out


def read_derm7pt(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        case = r["case_num"].strip()
        for kind, col in (("clinical", "clinic"), ("dermoscopic", "derm")):
            path = r.get(col, "").strip()
            if not path:
                continue
            out.append(Record(f"{case}-{col}", path, r["diagnosis"].strip(), f"derm7pt-{case}", kind,
                              sex=_clean(r.get("sex")), site=_clean(r.get("location")),
                              extra={"seven_point_score": r.get("seven_point_score", ""),
                                     "difficulty": r.get("level_of_diagnostic_difficulty", "")}))
    return out


def read_isic2019(tables: list[list[dict]]) -> list[Record]:
    gt = tables[0]
    meta = {r["image"].strip(): r for r in tables[1]} if len(tables) > 1 else {}
    out = []
    for r in gt:
        img = r["image"].strip()
        hot = [k for k, v in r.items() if k != "image" and v and v.strip() not in ("0", "0.0")]
        m = meta.get(img, {})
        lesion = (m.get("lesion_id") or "").strip()
        out.append(Record(img, img, hot[0] if len(hot) == 1 else "", lesion or img, "dermoscopic",
                          _age(m.get("age_approx")), _clean(m.get("sex")), _clean(m.get("anatom_site_general"))))
    return out


def read_isic2020(tables: list[list[dict]]) -> list[Record]:
    out = []
    for r in tables[0]:
        img = r["image_name"].strip()
        dx = r.get("diagnosis", "").strip()
        if dx == "unknown":
            dx = ""
        out.append(Record(img, img, dx, r.get("patient_id", "").strip() or img, "dermoscopic",
                          _age(r.get("age_approx")), _clean(r.get("sex")),
                          _clean(r.get("anatom_site_general_challenge")),
                          {"benign_malignant": r.get("benign_malignant", "")}))
    return out


def _literal(v: str | None) -> Any:
    """SCIN stores lists and dicts as Python literals; ast.literal_eval never runs code."""
    if not v or not v.strip():
        return None
    try:
        return ast.literal_eval(v.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


SCIN_AGE = {"AGE_18_TO_29": "18 to 29", "AGE_30_TO_39": "30 to 39", "AGE_40_TO_49": "40 to 49",
            "AGE_50_TO_59": "50 to 59", "AGE_60_TO_69": "60 to 69", "AGE_70_TO_79": "70 to 79",
            "AGE_80_OR_ABOVE": "80 or more"}


def read_scin(tables: list[list[dict]]) -> list[Record]:
    labels = {r["case_id"].strip(): r for r in tables[1]} if len(tables) > 1 else {}
    out = []
    for r in tables[0]:
        case = r["case_id"].strip()
        lab = {**r, **labels.get(case, {})}
        weighted = _literal(lab.get("weighted_skin_condition_label"))
        label = ""
        if isinstance(weighted, dict) and weighted:
            label = sorted(weighted.items(), key=lambda kv: (-float(kv[1]), str(kv[0])))[0][0]
        else:
            names = _literal(lab.get("dermatologist_skin_condition_on_label_name"))
            if isinstance(names, list) and names:
                label = str(names[0])
        sites = [k[len("body_parts_"):].replace("_", " ") for k, v in sorted(r.items())
                 if k.startswith("body_parts_") and (v or "").strip().upper() == "YES" and k != "body_parts_other"]
        sex = {"MALE": "male", "FEMALE": "female"}.get((r.get("sex_at_birth") or "").strip(), "")
        for i in (1, 2, 3):
            path = (r.get(f"image_{i}_path") or "").strip()
            if path:
                out.append(Record(f"{case}-{i}", path, str(label), f"scin-{case}", "clinical",
                                  SCIN_AGE.get((r.get("age_group") or "").strip(), ""), sex,
                                  sites[0] if len(sites) == 1 else "",
                                  {"fitzpatrick": (r.get("fitzpatrick_skin_type") or "").replace("FST", "")
                                   if (r.get("fitzpatrick_skin_type") or "").startswith("FST") else "",
                                   "shot_type": r.get(f"image_{i}_shot_type", "")}))
    return out


@dataclass(frozen=True)
class Importer:
    metadata: tuple[str, ...]  # file names, searched for anywhere under the dataset folder
    required: tuple[tuple[str, ...], ...]  # required columns per metadata file
    read: Callable[[list[list[dict]]], list[Record]]
    optional: tuple[bool, ...] = ()  # which metadata files may be absent


IMPORTERS: dict[str, Importer] = {
    "ham10000": Importer(("HAM10000_metadata.csv",), (("lesion_id", "image_id", "dx"),), read_ham10000),
    "fitzpatrick17k": Importer(("fitzpatrick17k.csv",), (("md5hash", "label"),), read_fitzpatrick17k),
    "ddi": Importer(("ddi_metadata.csv",), (("DDI_ID", "DDI_file", "disease"),), read_ddi),
    "pad_ufes_20": Importer(("metadata.csv",), (("patient_id", "lesion_id", "img_id", "diagnostic"),), read_pad_ufes_20),
    "derm7pt": Importer(("meta.csv",), (("case_num", "diagnosis", "clinic", "derm"),), read_derm7pt),
    "isic2019": Importer(("ISIC_2019_Training_GroundTruth.csv", "ISIC_2019_Training_Metadata.csv"),
                         (("image", "MEL", "NV"), ("image",)), read_isic2019, (False, True)),
    "isic2020": Importer(("ISIC_2020_Training_GroundTruth.csv",), (("image_name", "diagnosis"),), read_isic2020),
    "scin": Importer(("scin_cases.csv", "scin_labels.csv"), (("case_id", "image_1_path"), ("case_id",)),
                     read_scin, (False, True)),
}


def parse_csv(data: bytes, required: tuple[str, ...], name: str) -> list[dict]:
    """Decode and parse a metadata CSV; raises ItemError with a reason for anything malformed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ItemError("metadata_not_text", name) from None
    if "\x00" in text:
        raise ItemError("metadata_not_text", f"{name}: NUL bytes")
    old = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise ItemError("metadata_columns_missing", f"{name}: {missing}")
        rows = []
        for r in reader:
            if None in r:  # more cells than header columns
                raise ItemError("metadata_bad_row", f"{name}: line {reader.line_num} has extra cells")
            rows.append({k: (v if v is not None else "") for k, v in r.items()})
        return rows
    except csv.Error as e:
        raise ItemError("metadata_bad_csv", f"{name}: {e}") from None
    finally:
        csv.field_size_limit(old)


COUNTABLE = {"nevus", "keratosis", "carcinoma", "lesion", "cyst", "tag", "lentigo", "macule", "papule", "nodule",
             "wart", "scar", "hematoma", "abscess", "proliferation", "situ", "abrasion", "fibrokeratoma", "acanthoma",
             "syringoma", "neurothekeoma", "metastasis", "ulcer"}


def article(words: str) -> str:
    """"an 80-year-old", "an 11-year-old", "a 45-year-old", "an actinic keratosis"."""
    w = words.lower()
    if w[:1].isdigit():
        n = w.split("-")[0]
        return "an" if n.startswith("8") or n in ("11", "18") else "a"
    return "an" if w[:1] in "aeiou" else "a"


def with_article(condition: str) -> str:
    """Lesions are countable ("a melanocytic nevus"); diseases are not ("psoriasis", "photodermatoses")."""
    last = condition.lower().split()[-1]
    if last in COUNTABLE or last.endswith("oma"):
        return f"{article(condition)} {condition}"
    return condition


def caption(rec: Record, condition: str) -> str:
    """A plain-English caption from metadata alone, in Derm1M's metadata-caption style."""
    modality = "Dermoscopic" if rec.image_type == "dermoscopic" else "Clinical"
    s = f"{modality} image of {with_article(condition or 'skin lesion')}"
    if rec.site:
        s += f" on the {rec.site.lower().replace('/', ' or ')}"
    who = SEX_WORD.get(rec.sex.lower(), "")
    if rec.age and who:
        if rec.age.isdigit():
            s += f" of {article(rec.age)} {rec.age}-year-old {who}"
        else:
            s += f" of a {who} aged {rec.age}"
    elif rec.age:
        s += f" of {article(rec.age)} {rec.age}-year-old patient" if rec.age.isdigit() else f" of a patient aged {rec.age}"
    elif who:
        s += f" of a {who}"
    fst = rec.extra.get("fitzpatrick")
    if fst:
        s += f", Fitzpatrick skin type {fst}"
    return s + "."


# Reasons a metadata file was refused before being read (safefs); recorded as an excluded row.
REFUSED = ("link_outside_folder", "special_file", "file_too_large", "unreadable_file")


class ImageIndex:
    """Every image file under a folder, found by relative path or by stem, case-insensitively.

    The folder is walked once; every lookup is a few dict probes (no scan per metadata row: HAM10000's
    extension-less ids used to cost a pass over all images each).
    """

    def __init__(self, root: Path):
        self.root = root
        self.by_rel: dict[str, Path] = {}
        self.by_stem: dict[str, list[Path]] = {}
        self._rank: dict[str, int] = {}
        self._by_tail: dict[str, str] = {}  # proper path tail ("b/c.jpg" of "a/b/c.jpg") -> first rel
        for p in sorted(root.rglob("*")):
            if p.suffix.lower() in IMAGE_EXTS and is_candidate(p):  # links and special files too: refused on read
                rel = p.relative_to(root).as_posix().lower()
                self.by_rel[rel] = p
                self._rank.setdefault(rel, len(self._rank))
                self.by_stem.setdefault(p.stem.lower(), []).append(p)
                parts = rel.split("/")
                for i in range(1, len(parts)):
                    self._by_tail.setdefault("/".join(parts[i:]), rel)

    def find(self, name: str) -> Path | None:
        rel = safe_relpath(name)  # refuses ../ and absolute paths in metadata
        key = rel.as_posix().lower()
        if key in self.by_rel:
            return self.by_rel[key]
        # metadata paths often carry a prefix the download lacks, or lack one it has: the first file (in
        # walk order) whose path is a tail of the key, or whose path ends with the key
        parts = key.split("/")
        cands = [t for t in ("/".join(parts[i:]) for i in range(1, len(parts))) if t in self.by_rel]
        if key in self._by_tail:
            cands.append(self._by_tail[key])
        if cands:
            return self.by_rel[min(cands, key=self._rank.__getitem__)]
        stem = PurePosixPath(key).stem if PurePosixPath(key).suffix.lower() in IMAGE_EXTS else PurePosixPath(key).name
        hits = self.by_stem.get(stem, [])
        return hits[0] if hits else None


class DatasetsSource(Source):
    name = "datasets"
    source_type = "public"

    def __init__(self, config: DatasetsConfig, ctx: Any, recipe: Any = None):
        super().__init__(config, ctx, recipe)
        names = [imp.name or imp.kind for imp in config.imports]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise UserError(f"[harvest.datasets]: import name(s) {dup} used twice; give each a distinct `name`")

    def _folder(self, imp: DatasetImport) -> Path:
        return self.recipe.resolve(imp.path) if self.recipe else Path(imp.path)

    def _meta_files(self, imp: DatasetImport, folder: Path) -> list[Path | None]:
        imp_def = IMPORTERS[imp.kind]
        names = imp.metadata or list(imp_def.metadata)
        found: list[Path | None] = []
        for i, name in enumerate(names):
            direct = folder / safe_relpath(name) if imp.metadata else None
            if direct is not None and os.path.lexists(direct):
                found.append(direct)
                continue
            hits = sorted(p for p in folder.rglob(PurePosixPath(name).name) if is_candidate(p))
            if not hits and not (i < len(imp_def.optional) and imp_def.optional[i]):
                raise UserError(f"[harvest.datasets] {imp.kind}: metadata file {name} not found under {folder}; "
                                f"point `path` at the dataset folder or set `metadata`")
            found.append(hits[0] if hits else None)
        return found

    def _records(self, imp: DatasetImport, blobs: list[bytes | None], names: list[str]) -> list[Record]:
        imp_def = IMPORTERS[imp.kind]
        tables = []
        for i, data in enumerate(blobs):
            req = imp_def.required[i] if i < len(imp_def.required) else ()
            tables.append(parse_csv(data, req, names[i]) if data is not None else [])
        recs = imp_def.read(tables)
        return recs[: imp.limit] if imp.limit else recs

    def fetch(self, refresh: bool = False) -> FetchReport:
        """Mirror each dataset folder into raw/ on every run, as the `local` source does: the metadata is
        read again and every image a row names is looked at (re-read only when its size or time
        changed); the log records each image's content sha256, which extraction depends on
        (`unit_digests`). Rows no longer in the metadata, and their copies, are dropped; an image edited
        in place (a face blurred) is copied again."""
        from derm1m_build.hashing import sha256_bytes
        from derm1m_build.purge import purged_units

        log, report = self.open_log(), FetchReport()
        log.complete = False
        purged = purged_units(self.ctx, self.recipe, self.name)  # copies a takedown removed (list unchanged)
        seen: set[str] = set()
        for imp in self.config.imports:
            iname = imp.name or imp.kind
            folder = self._folder(imp)
            if not folder.is_dir():
                raise UserError(f"[harvest.datasets] {imp.kind}: folder {folder} not found; download the dataset "
                                f"there or fix `path`")
            files = self._meta_files(imp, folder)
            mkey = f"{iname}:metadata"
            seen.add(mkey)
            try:  # a metadata file linked out of the folder (/proc/self/environ) is refused before any copy
                blobs = [read_inside(p, folder, MAX_METADATA_BYTES) if p else None for p in files]
            except ItemError as e:
                log.record(mkey, "failed", e.reason, save=False, detail=e.detail)
                report.fail(e.reason)
                continue
            for i, (p, data) in enumerate(zip(files, blobs)):
                rel = f"{iname}/metadata/{i}.csv"
                if p is None or data is None:
                    self.raw.path(rel).unlink(missing_ok=True)
                    self.raw.provenance_path(rel).unlink(missing_ok=True)
                elif not self.raw.has(rel) or self.raw.provenance(rel).get("sha256") != sha256_bytes(data):
                    self.raw.put(rel, data, url=self.local_url(p), content_type="text/csv",
                                 license_stated=TERMS[imp.kind].license_name)
            try:
                recs = self._records(imp, blobs, [p.name if p else "" for p in files])
            except ItemError as e:
                log.record(mkey, "failed", e.reason, save=False, detail=e.detail)
                report.fail(e.reason)
                continue
            log.record(mkey, "ok", save=False)
            index = ImageIndex(folder)
            for rec in recs:
                key = f"{iname}:{rec.item_id}"
                seen.add(key)
                prev = log.items.get(key, {})
                try:
                    src = index.find(rec.image)
                    if src is None:
                        raise ItemError("image_missing", rec.image)
                    ext = src.suffix.lower()
                    rel = f"{iname}/images/{safe_relpath(rec.item_id)}{ext}"
                    st = os.lstat(src)
                    sig, where = [st.st_size, st.st_mtime_ns], src.relative_to(folder).as_posix()
                    if (not refresh and prev.get("status") == "ok" and prev.get("sig") == sig
                            and prev.get("file") == where and prev.get("ext") == ext
                            and (self.raw.has(rel) or key in purged)):
                        report.skipped += 1
                        continue
                    data = read_inside(src, folder)  # no links out of the folder, no special files
                    sha = sha256_bytes(data)
                    if not (self.raw.has(rel) and self.raw.provenance(rel).get("sha256") == sha):
                        self.raw.put(rel, data, url=self.local_url(src), license_stated=TERMS[imp.kind].license_name,
                                     retrieved=prev.get("retrieved") if prev.get("sha256") == sha else None)
                        report.fetched += 1
                    else:
                        report.skipped += 1
                    if prev.get("ext") and prev["ext"] != ext:  # the file changed type: the old copy goes
                        self._drop_copy(iname, rec.item_id, prev["ext"])
                    log.record(key, "ok", save=False, ext=ext, file=where, sha256=sha, sig=sig,
                               retrieved=self.raw.provenance(rel)["retrieved"])
                except ItemError as e:
                    if prev.get("ext"):
                        self._drop_copy(iname, rec.item_id, prev["ext"])
                    log.record(key, "failed", e.reason, save=False)
                    report.fail(e.reason)
        for gone in sorted(set(log.items) - seen):  # rows (or imports) no longer there, and their copies
            entry = log.items.pop(gone)
            iname, _, item = gone.partition(":")
            if entry.get("ext"):
                self._drop_copy(iname, item, entry["ext"])
        log.finish()
        return report

    def _drop_copy(self, iname: str, item_id: str, ext: str) -> None:
        try:
            rel = f"{iname}/images/{safe_relpath(item_id)}{ext}"
        except ItemError:
            return
        self.raw.path(rel).unlink(missing_ok=True)
        self.raw.provenance_path(rel).unlink(missing_ok=True)

    # extraction, unit by unit: a unit is one image of one import (`iname:item_id`), or an import whose
    # metadata file was refused (`iname:metadata`, one excluded row)
    def _units(self, log) -> dict[str, tuple[DatasetImport, list[Record]]]:
        sig = []
        for imp in self.config.imports:
            iname = imp.name or imp.kind
            for i in range(len(imp.metadata or IMPORTERS[imp.kind].metadata)):
                rel = f"{iname}/metadata/{i}.csv"
                sig.append(self.raw.provenance(rel).get("sha256") if self.raw.has(rel) else None)
            sig.append(log.items.get(f"{iname}:metadata"))
        cached = getattr(self, "_units_cache", None)
        if cached is not None and cached[0] == sig:
            return cached[1]
        units: dict[str, tuple[DatasetImport, list[Record]]] = {}
        for imp in self.config.imports:
            iname = imp.name or imp.kind
            names, blobs = [], []
            for i in range(len(imp.metadata or IMPORTERS[imp.kind].metadata)):
                rel = f"{iname}/metadata/{i}.csv"
                blobs.append(self.raw.get(rel) if self.raw.has(rel) else None)
                names.append(rel)
            failed = log.items.get(f"{iname}:metadata", {})
            if failed.get("status") == "failed" and failed.get("reason") in REFUSED:
                units[f"{iname}:metadata"] = (imp, [])
                continue
            if blobs[0] is None:
                continue
            try:
                recs = self._records(imp, blobs, names)
            except ItemError:
                continue  # recorded by fetch
            for rec in recs:
                units.setdefault(f"{iname}:{rec.item_id}", (imp, []))[1].append(rec)
        self._units_cache = (sig, units)
        return units

    def extract_keys(self, log) -> list[str]:
        """Imports in the recipe's order, each import's images by item id (rows keep the order they had)."""
        units = self._units(log)
        out: list[str] = []
        for imp in self.config.imports:
            out += sorted(k for k, (u, _) in units.items() if u is imp)
        return out

    def unit_digests(self, keys: list[str], log) -> dict[str, str]:
        """A unit's records as read from the metadata, and its fetch-log entry (content sha256)."""
        from dataclasses import asdict

        from derm1m_build.hashing import digest_obj

        units = self._units(log)
        return {k: digest_obj({"kind": units[k][0].kind, "records": [asdict(r) for r in units[k][1]],
                               "log": self.unit_entry(log.items.get(k))}) for k in keys}

    def units_per_shard(self) -> int:
        return self.recipe.build.shard_size if self.recipe is not None else 256

    def extract_units(self, keys: list[str], log) -> Iterator[dict[str, Any] | Excluded]:
        units = self._units(log)
        for k in keys:
            imp, recs = units[k]
            iname = imp.name or imp.kind
            if k == f"{iname}:metadata" and not recs:
                failed = log.items.get(k, {})
                yield Excluded(self.base_row(k, group_id=f"datasets:{iname}", raw_text="",
                                             meta={"dataset": imp.kind, "import": iname}),
                               failed.get("reason", ""), failed.get("detail", ""))
                continue
            for rec in recs:
                yield self._row(imp, iname, rec, TERMS[imp.kind], log.items.get(k, {}))

    def purge_units(self, removed: list[dict[str, Any]], others: list[dict[str, Any]]) -> tuple[set[str], list[str]]:
        """Images whose rows were all removed, and their copies."""
        key = lambda r: f"{self.row_meta(r).get('import')}:{self.row_meta(r).get('item_id')}"  # noqa: E731
        units = {key(r) for r in removed} - {key(r) for r in others}
        log = self.open_log().items
        files = []
        for u in sorted(units):
            iname, _, item = u.partition(":")
            ext = log.get(u, {}).get("ext")
            if ext:
                try:
                    files.append(f"{iname}/images/{safe_relpath(item)}{ext}")
                except ItemError:
                    pass
        return units, files

    def _row(self, imp: DatasetImport, iname: str, rec: Record, terms: Terms, logged: dict) -> dict | Excluded:
        condition = condition_name(imp.kind, rec.label) if rec.label else ""
        if not condition and imp.kind == "isic2020":
            bm = rec.extra.get("benign_malignant", "")
            condition = {"benign": "benign skin lesion", "malignant": "malignant skin lesion"}.get(bm, "")
        meta = {"dataset": imp.kind, "import": iname, "item_id": rec.item_id, "label": rec.label,
                "condition": condition or "", "node_id": node_id(imp.kind, rec.label, condition or ""),
                "image_type": rec.image_type, "age": rec.age, "sex": rec.sex, "site": rec.site,
                "license_name": terms.license_name, "license_url": terms.url,
                "redistributable": terms.redistributable, **{k: v for k, v in sorted(rec.extra.items())}}
        base = self.base_row(f"{iname}:{rec.item_id}", group_id=f"datasets:{iname}:{rec.group}", license=terms.license,
                             source_url=terms.url, raw_text=caption(rec, condition or ""), lang="en", meta=meta)
        if condition is None:
            return Excluded(base, "label_unmapped", rec.label)
        if not rec.label and not condition:
            return Excluded(base, "no_label", rec.item_id)
        try:
            rel = f"{iname}/images/{safe_relpath(rec.item_id)}{logged.get('ext', '')}"
            if logged.get("status") != "ok" or not self.raw.has(rel):
                return Excluded(base, logged.get("reason") or "not_fetched", rec.image)
            info = self.images.put(self.raw.get(rel))
        except ItemError as e:
            return Excluded(base, e.reason, e.detail)
        base["retrieved"] = self.raw.provenance(rel)["retrieved"][:10]
        base.update(image_sha256=info.sha256, image_ext=info.ext, width=info.width, height=info.height)
        return base

"""Per-part CPU (process_time) of PubMed extraction over a fetched cache, in one process, no profiler.

    python -m benchmarks.sources.extract_parts /tmp/extract_cache [out.json]   # DIR from `bench_extract cache`

Every PubMed shard of DIR's plan is extracted as a worker does (`harvest_work._run_on`), into a scratch
work/ (DIR's raw/ is only read); each part is timed exclusive of the parts nested in it (a stack of
timers). The tagger is loaded before the clock starts (once per process, not per article)."""
import json, sys, time, collections, tempfile
DIR = sys.argv[1]
from pathlib import Path
T = collections.Counter(); N = collections.Counter(); stack = []
def wrap(mod, name, label):
    f = getattr(mod, name)
    def w(*a, **k):
        t0 = time.process_time(); stack.append(0.0)
        try: return f(*a, **k)
        finally:
            inner = stack.pop(); d = time.process_time() - t0
            T[label] += d - inner; N[label] += 1
            if stack: stack[-1] += d
    setattr(mod, name, w)
import derm1m_build.ocr as ocr, derm1m_build.images as images, derm1m_build.pmc.jats as jats
import derm1m_build.sources.pubmed as pm, derm1m_build.harvest_work as hw, derm1m_build.pmc.panels.pairing as pairing
import derm1m_build.pmc.panels as panels, derm1m_build.pmc.relevance as rel, derm1m_build.rawcache as rc, derm1m_build.pmc.panels.xycut as xycut
import derm1m_build.pmc.panels.letters as letters, derm1m_build.sources.base as base, derm1m_build.schema as schema
rel._tagger()  # the tagger's load: once per process, not per article
wrap(ocr, "read_line", "ocr.read_line (panel letters)")
wrap(ocr, "detect_boxes", "ocr.detect_boxes")
wrap(jats, "parse_articles", "JATS parse")
wrap(pm, "parse_articles", "JATS parse")
wrap(pm, "figure_decisions", "pre-filter + licence (figure_decisions)")
wrap(images.ImageStore, "put", "images.put (normalise, sha256, write)")
wrap(images.ImageStore, "read", "images.read")
wrap(pairing, "figure_bgr", "figure decode for panels (figure_bgr)")
wrap(pairing, "pair", "panel layout + pairing (pair, w/o OCR)")
wrap(pm, "encode_like", "panel crop encode (encode_like)")
wrap(pm, "figure_meta", "figure_meta")
wrap(pm, "parse_oa", "OA record parse")
wrap(base.Source, "base_row", "base_row (row dict + meta json)")
wrap(rc.RawCache, "get", "raw.get (file reads)")
wrap(rc.RawCache, "has", "raw.has")
wrap(rc.RawCache, "provenance", "raw.provenance")
wrap(hw, "_write_rows", "shard write (Arrow + Parquet + done record)")
wrap(hw, "_log", "fetch log open")
from derm1m_build.recipe import load_recipe
recipe = load_recipe(f"{DIR}/mix.toml")
out = Path(tempfile.mkdtemp(prefix="extract_parts_"))
import shutil
(out / "work").mkdir()
for p in ("raw", "build.json"):
    (out / p).symlink_to(Path(DIR) / "out" / p)
t = hw.HarvestTask(str(out), f"{DIR}/mix.toml", "pubmed", "extract")
src = hw._source(t)
log = hw._log(src)
plan = hw.shard_plan(recipe, "pubmed", src, log, {"recipe_digest": "x"})
c0 = time.process_time(); w0 = time.perf_counter()
for key, exp, chunk in plan:
    task = hw.HarvestTask(str(out), f"{DIR}/mix.toml", "pubmed", "extract", keys=chunk, shard=key, expect=exp)
    hw._run_on(src, task)
total = time.process_time() - c0
arts = sum(len(c) for _, _, c in plan)
res = {"articles": arts, "shards": len(plan), "total_cpu_s": round(total, 2), "ms_per_article": round(1000 * total / arts, 2),
       "wall_s": round(time.perf_counter() - w0, 1),
       "parts": {k: {"cpu_s": round(v, 3), "calls": N[k], "ms_per_article": round(1000 * v / arts, 2)} for k, v in T.most_common()}}
res["parts"]["rest (unwrapped)"] = {"cpu_s": round(total - sum(T.values()), 3)}
print(json.dumps(res, indent=1))
if len(sys.argv) > 2: Path(sys.argv[2]).write_text(json.dumps(res, indent=1) + "\n")
shutil.rmtree(out, ignore_errors=True)

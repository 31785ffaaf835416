"""Scale benchmark: N generated pairs through caption (rules), tag, split, the CSV writer, report and verify.

    python -m benchmarks.scale.run --rows 1000000 --workers 2
    python -m benchmarks.scale.run --rows 100000,1000000 --workers 2   # scaling ratio

Rows are generated straight into a finished `work/filter` stage (as if harvest and filter had run),
in the styles of the real sources (lecture speech, figure captions, forum posts, dataset metadata),
pointing at a few hundred small generated images, so the text stages and the writer see a realistic
million-row build. Memory is sampled over the whole process tree (driver + workers): see PeakRSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

from derm1m_build.demo import images as gen
from derm1m_build.demo.corpus import CASES, STYLES, caption_for
from derm1m_build.executors import get_executor
from derm1m_build.hashing import sample_id
from derm1m_build.images import ImageStore
from derm1m_build.pipeline import _finish_manifest, context_for, run_stage
from derm1m_build.recipe import load_recipe
from derm1m_build import schema
from derm1m_build.store import StageStore

SOURCE = {"lecture": "youtube", "figure": "pubmed", "forum": "forum", "metadata": "datasets"}


def generate(out: Path, rows: int, shard_size: int, seed: int = 0, unique_texts: bool = False) -> None:
    rng = np.random.default_rng(seed)
    store = ImageStore(out / "images")
    imgs = [store.put(gen.to_jpeg(gen.skin_photo(i, size=64), quality=80)) for i in range(256)]
    st = StageStore(out / "work", "filter")
    fschema = schema.schema_for("filter")
    records = {}
    n_shards = (rows + shard_size - 1) // shard_size
    texts_cache = [caption_for(CASES[i % len(CASES)], STYLES[(i // len(CASES)) % 4], rng) for i in range(4000)]
    for s in range(n_shards):
        lo, hi = s * shard_size, min(rows, (s + 1) * shard_size)
        cols: dict[str, list] = {c: [] for c in fschema.names}
        for i in range(lo, hi):
            style = STYLES[i % 4]
            im = imgs[i % len(imgs)]
            cols["sample_id"].append(sample_id("bench", str(i)))
            cols["source"].append(SOURCE[style])
            cols["source_type"].append(SOURCE[style])
            cols["group_id"].append(f"g{i // 5}")
            cols["source_url"].append(f"https://example.org/{i}")
            cols["license"].append("CC-BY-4.0")
            cols["retrieved"].append("2026-11-29")
            text = texts_cache[(i * 7919) % len(texts_cache)]
            # --unique-texts: the row's own sentence, so no two rows share a text (the caption stage reads
            # each distinct text once per shard; the 4,000-text pool would flatter it)
            cols["raw_text"].append(f"{text} Lesion {i} was photographed at visit {i % 97 + 1}." if unique_texts else text)
            cols["lang"].append("en")
            cols["t_start"].append(None)
            cols["t_end"].append(None)
            cols["image_sha256"].append(im.sha256)
            cols["image_ext"].append(im.ext)
            cols["width"].append(im.width)
            cols["height"].append(im.height)
            cols["meta"].append("{}")
            cols["modality"].append("clinical")
            cols["scores"].append("{}")
            cols["phash"].append(f"{i:016x}")
            cols["dup_cluster"].append(f"dup-{i}")
            cols["face"].append("none")
        import pyarrow as pa

        for c, v in cols.items():  # columns later stages added to the schema (e.g. OCR): empty
            if not v:
                v.extend([""] * (hi - lo))

        t = pa.Table.from_pydict(cols, schema=fschema)
        x = schema.excluded_schema("filter").empty_table()
        records[f"bench-{s:05d}"] = st.write_shard(f"bench-{s:05d}", t, x, {"rows_in": t.num_rows})
    _finish_manifest(st, "filter", "bench", "bench", records, {})


def replicate_split(out: Path, rows: int) -> None:
    """Turn a finished `work/split` of T generated rows into one of `rows` rows: copy c of template row k
    is generated row c*T + k, with that row's own id, group, URL, perceptual hash and duplicate cluster
    (the columns `generate` varies per row); the text columns are the template's, which is what caption,
    tag and split compute for the same text (T a multiple of the 4,000 generated texts). Used where the
    machine is too loaded to caption and tag a million rows within the session: only the writer, the
    report and verify then run at full size."""
    import pyarrow as pa

    from derm1m_build.pipeline import _finish_manifest

    st = StageStore(out / "work", "split")
    m = st.manifest()
    template = pa.concat_tables([t for _, t in st.iter_tables()])
    n = template.num_rows
    xs = schema.excluded_schema("split").empty_table()
    for k in list(m["shards"]):
        st.shard(k).unlink(missing_ok=True)
        st.done(k).unlink(missing_ok=True)
    records = {}
    for c in range((rows + n - 1) // n):
        idx = range(c * n, min(rows, (c + 1) * n))
        t = template.slice(0, len(idx))
        for col, vals in (("sample_id", [sample_id("bench", str(i)) for i in idx]),
                          ("group_id", [f"g{i // 5}" for i in idx]),
                          ("source_url", [f"https://example.org/{i}" for i in idx]),
                          ("phash", [f"{i:016x}" for i in idx]),
                          ("dup_cluster", [f"dup-{i}" for i in idx])):
            if col in t.column_names:
                t = t.set_column(t.column_names.index(col), col, pa.array(vals, t.schema.field(col).type))
        key = f"bench-{c:05d}"
        records[key] = st.write_shard(key, t, xs, {"rows_in": t.num_rows})
    _finish_manifest(st, "split", m["recipe_digest"], m["input_digest"], records, m.get("models", {}))


class PeakRSS:
    """Samples the process tree every 0.1 s.

    `peak` is the tree's proportional set size (PSS: each shared page divided among the processes
    that map it, so the forkserver's shared imports are not counted once per worker), which is
    what the tree really costs the machine; `peak_rss_sum` is the plain RSS sum (shared pages
    counted in every process, an upper bound) and `peak_single` the largest one process reached.
    """

    def __init__(self) -> None:
        self.peak = 0
        self.peak_rss_sum = 0
        self.peak_single = 0
        self.by_step: dict[str, int] = {}
        self._step_peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            pss = rss = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    info = p.memory_full_info()
                except psutil.Error:
                    continue
                pss += getattr(info, "pss", info.rss)
                rss += info.rss
                self.peak_single = max(self.peak_single, info.rss)
            self.peak = max(self.peak, pss)
            self._step_peak = max(self._step_peak, pss)
            self.peak_rss_sum = max(self.peak_rss_sum, rss)
            time.sleep(0.1)

    def mark(self, step: str) -> None:
        """Close a step: its peak PSS is the largest seen since the previous mark."""
        self.by_step[step] = self._step_peak
        self._step_peak = 0

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *a) -> None:
        self._stop.set()
        self._t.join()


def run_once(rows: int, workers: int, shard_size: int, keep: bool, template: int = 0,
             unique_texts: bool = False) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="derm1m-scale-"))
    recipe_path = tmp / "scale.toml"
    recipe_path.write_text(f'[build]\nname = "scale"\nshard_size = {shard_size}\nworkers = {workers}\n'
                           '[harvest.local]\npath = "unused"\n', encoding="utf-8")
    recipe = load_recipe(recipe_path)
    out = tmp / "out"
    t0 = time.monotonic()
    generate(out, template or rows, shard_size, unique_texts=unique_texts)
    gen_s = time.monotonic() - t0
    ex = get_executor("local", workers)
    times = {}
    from derm1m_build.dataset.verify import verify
    from derm1m_build.dataset.writer import write_dataset
    from derm1m_build.ontology import load_ontology

    with PeakRSS() as rss:
        t_all = time.monotonic()
        for stage in ("caption", "tag", "split"):
            t = time.monotonic()
            run_stage(stage, recipe, out, ex)
            times[stage] = time.monotonic() - t
            rss.mark(stage)
        if template:
            t = time.monotonic()
            replicate_split(out, rows)
            times["replicate_split"] = time.monotonic() - t
        t = time.monotonic()
        counts = write_dataset(context_for(recipe, out), load_ontology())
        times["csv_writer"] = time.monotonic() - t
        rss.mark("csv_writer")
        total = time.monotonic() - t_all  # the scope: caption, tag, split, writer
        from derm1m_build.dataset.report import write_report
        from derm1m_build.dataset.stats import load_stats

        t = time.monotonic()
        load_stats(out)  # the statistics alone (Arrow columns)
        times["stats"] = time.monotonic() - t
        rss.mark("stats")
        t = time.monotonic()
        write_report(out, force=True)  # stats again + figures + report.html + DATASHEET.md
        times["report"] = time.monotonic() - t
        rss.mark("report")
        t = time.monotonic()
        problems = verify(out)
        times["verify"] = time.monotonic() - t
        rss.mark("verify")
        if template:  # the replicated work/split is not what tag's shards give: verify's chain check says so
            problems = [p for p in problems if "are not those of the stage before it" not in p]
        if problems:
            raise SystemExit(f"verify found {len(problems)} problem(s): {problems[0]}")
    ex.close()
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "workers": workers, "generate_s": round(gen_s, 1),
            "stage_s": {k: round(v, 1) for k, v in times.items()}, "total_s": round(total, 1),
            "total_with_verify_s": round(total + times["verify"], 1),
            "peak_pss_mb": round(rss.peak / 2**20),
            "peak_pss_mb_by_step": {k: round(v / 2**20) for k, v in rss.by_step.items()}, "peak_rss_sum_mb": round(rss.peak_rss_sum / 2**20),
            "peak_single_rss_mb": round(rss.peak_single / 2**20), "dataset_rows": counts["rows"],
            "template_rows": template or rows, "load_avg_end": [round(x, 1) for x in os.getloadavg()]}


def report_only(build: Path) -> dict:
    """stats, then the whole report (stats again, figures, gallery, datasheet), on a kept build, in a
    fresh process, with the tree's peak PSS: `--keep` a run, then `--report-only DIR/out`."""
    from derm1m_build.dataset.report import write_report
    from derm1m_build.dataset.stats import load_stats

    times, cpu = {}, {}
    with PeakRSS() as rss:
        t, c = time.monotonic(), time.process_time()
        st = load_stats(build)
        times["stats"], cpu["stats"] = time.monotonic() - t, time.process_time() - c
        rss.mark("stats")
        t, c = time.monotonic(), time.process_time()
        write_report(build, force=True)
        times["report"], cpu["report"] = time.monotonic() - t, time.process_time() - c
        rss.mark("report")
    return {"rows": st.total, "stage_s": {k: round(v, 1) for k, v in times.items()},
            "stage_cpu_s": {k: round(v, 1) for k, v in cpu.items()},  # CPU of the process (all its threads)
            "peak_pss_mb": round(rss.peak / 2**20),
            "peak_pss_mb_by_step": {k: round(v / 2**20) for k, v in rss.by_step.items()},
            "peak_rss_sum_mb": round(rss.peak_rss_sum / 2**20), "load_avg": [round(x, 1) for x in os.getloadavg()]}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="100000", help="comma-separated row counts")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=20000)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--template", type=int, default=0,
                    help="caption/tag/split only this many generated rows, then replicate work/split to --rows")
    ap.add_argument("--unique-texts", action="store_true",
                    help="every row its own text (default: drawn from 4,000 texts, which repeat within a shard)")
    ap.add_argument("--report-only", metavar="BUILD", help="only stats + report on a kept build")
    a = ap.parse_args(argv)
    if a.report_only:
        print(json.dumps(report_only(Path(a.report_only))))
        return
    results = [run_once(int(n), a.workers, a.shard_size, a.keep, a.template, a.unique_texts)
               for n in a.rows.split(",")]
    for r in results:
        print(json.dumps(r))
    if len(results) >= 2:
        small, big = results[0], results[-1]
        ratio = (big["total_s"] / small["total_s"]) / (big["rows"] / small["rows"])
        print(f"scaling: {small['rows']} -> {big['rows']} rows took {big['total_s'] / small['total_s']:.2f}x the time "
              f"for {big['rows'] / small['rows']:.0f}x the rows: {ratio:.2f}x of linear (target <= 1.2)")


if __name__ == "__main__":
    sys.exit(main())

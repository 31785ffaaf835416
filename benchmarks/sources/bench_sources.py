"""Benchmarks for the forum/edu/datasets sources, each against its baseline, in one run.

1. Language-ID start-up: langid's own model loading (bz2 + pickle, every process) vs our cached
   arrays (derm1m_build.sources.langdetect), each in a fresh subprocess.
2. Forum page extraction: adapter parse + scrub of N generated thread pages (pages/s), vs lxml
   parsing alone (the floor).
3. Metadata captioning: HAM10000's real metadata CSV (10,015 rows) -> records + captions (rows/s),
   vs csv.DictReader alone.

    python -m benchmarks.sources.bench_sources [--pages 200] [--realdata ../shared/realdata]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STOCK = ("import time; t=time.perf_counter(); from langid.langid import LanguageIdentifier, model; "
         "LanguageIdentifier.from_modelstring(model, norm_probs=True); print(time.perf_counter()-t)")
CACHED = ("import time; t=time.perf_counter(); from derm1m_build.sources.langdetect import identifier; "
          "identifier(); print(time.perf_counter()-t)")


def _sub(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    return float(out.stdout.strip().splitlines()[-1])


def bench_langid() -> None:
    _sub(CACHED)  # make sure the cache exists
    stock, cached = _sub(STOCK), _sub(CACHED)
    print(f"langid start-up: stock {stock:.2f}s, cached {cached:.2f}s, speed-up x{stock / cached:.1f}")


def bench_forum(pages: int) -> None:
    import lxml.html

    from derm1m_build.demo.forum import generate_forum
    from derm1m_build.sources.forum_adapters import find_adapter, parse_html, thread_page
    from derm1m_build.sources.privacy import scrub

    with tempfile.TemporaryDirectory() as d:
        generate_forum(Path(d), 7)
        files = sorted(Path(d, "forum/askderm/t").glob("10[0-4].html"))
        blobs = [f.read_bytes() for f in files] * (pages // len(files) + 1)
        blobs = blobs[:pages]
    adapter = find_adapter("askderm", [])
    t = time.perf_counter()
    for b in blobs:
        lxml.html.document_fromstring(b)
    base = time.perf_counter() - t
    t = time.perf_counter()
    for b in blobs:
        page = thread_page(adapter, parse_html(b), "http://x.test/t", first=True)
        names = [p.author for p in page.posts]
        for p in page.posts:
            scrub(p.text, names)
    ours = time.perf_counter() - t
    print(f"forum pages: lxml parse only {pages / base:.0f} pages/s, adapter+scrub {pages / ours:.0f} pages/s "
          f"(x{ours / base:.1f} the parse-only time)")


def bench_metadata(realdata: Path) -> None:
    import csv
    import io

    from derm1m_build.sources.dataset_labels import condition_name
    from derm1m_build.sources.datasets import IMPORTERS, caption, parse_csv

    data = (realdata / "dataset_metadata/ham10000/HAM10000_metadata.csv").read_bytes()
    t = time.perf_counter()
    n = len(list(csv.DictReader(io.StringIO(data.decode("utf-8")))))
    base = time.perf_counter() - t
    t = time.perf_counter()
    recs = IMPORTERS["ham10000"].read([parse_csv(data, ("lesion_id", "image_id", "dx"), "ham")])
    caps = [caption(r, condition_name("ham10000", r.label) or "") for r in recs]
    ours = time.perf_counter() - t
    assert len(caps) == n
    print(f"HAM10000 metadata ({n} rows): DictReader {n / base:.0f} rows/s, records+captions {n / ours:.0f} rows/s "
          f"(x{ours / base:.1f} the read-only time)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--realdata", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "realdata")
    a = ap.parse_args()
    bench_langid()
    bench_forum(a.pages)
    if a.realdata.exists():
        bench_metadata(a.realdata)


if __name__ == "__main__":
    main()

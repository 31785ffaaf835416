"""JATS figure extraction: derm1m_build.pmc.jats against pubmed_parser's parse_pubmed_caption (PMC-15M's parser).

Both parse the same files from disk in one run: the real NXML in ../shared/realdata/jats plus the
demo corpus articles, each file repeated `--repeat` times (copies, so the OS cache is warm for both).
Prints figures found, licences found, and throughput side by side.

    python -m benchmarks.pmc.bench_jats --repeat 200 --rounds 3
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REALDATA = REPO.parent / "shared" / "realdata" / "jats"

# What each real file states (../shared/realdata/README.md), by pmcid.
EXPECTED_LICENCE = {"PMC8435807": "CC-BY-NC-4.0", "PMC13255143": "CC-BY-4.0", "PMC12599256": "CC-BY-4.0",
                    "PMC3258128": "CC-BY-NC-3.0", "PMC9000001": "CC-BY-4.0", "PMC9000002": "CC-BY-NC-4.0",
                    "PMC9000003": "none", "PMC9000004": "CC-BY-4.0", "PMC9000005": "CC-BY", "PMC9000006": "CC-BY-4.0"}


def corpus(tmp: Path, repeat: int) -> list[Path]:
    from derm1m_build.pmc.demo import generate_pubmed

    generate_pubmed(tmp / "demo", 7)
    sources = sorted(REALDATA.glob("*/*.xml")) + sorted((tmp / "demo/pubmed/articles").glob("*.nxml"))
    files = []
    for i in range(repeat):
        for s in sources:
            dst = tmp / "files" / f"{i:04d}_{s.stem}.nxml"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(s, dst)
            files.append(dst)
    return files


def run_ours(files: list[Path]) -> tuple[int, dict[str, str]]:
    from derm1m_build.pmc.jats import parse_articles

    n, lic = 0, {}
    for f in files:
        for a in parse_articles(f.read_bytes()):
            n += len(a.figures)
            lic[a.pmcid] = a.licence
    return n, lic


def run_theirs(files: list[Path]) -> int:
    import pubmed_parser as pp

    n = 0
    for f in files:
        got = pp.parse_pubmed_caption(str(f))
        n += len(got or [])
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=100, help="copies of each file")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds (best is reported)")
    a = ap.parse_args(argv)
    try:
        import pubmed_parser  # noqa: F401
    except ImportError:
        raise SystemExit("pip install 'derm1m-build[bench]' (pubmed_parser) to run this benchmark")
    warnings.simplefilter("ignore")
    tmp = Path(tempfile.mkdtemp(prefix="bench_jats_"))
    try:
        files = corpus(tmp, a.repeat)
        t_ours, t_theirs, c_ours, c_theirs = [], [], [], []
        for _ in range(a.rounds):  # alternate, so both see the same machine load
            t0, c0 = time.perf_counter(), time.process_time()
            n_ours, lic = run_ours(files)
            t_ours.append(time.perf_counter() - t0); c_ours.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            n_theirs = run_theirs(files)
            t_theirs.append(time.perf_counter() - t0); c_theirs.append(time.process_time() - c0)
        right = sum(1 for k, v in EXPECTED_LICENCE.items() if lic.get(k) == v)
        per = len(files) // a.repeat
        print(f"files: {len(files)} ({per} distinct x {a.repeat})")
        print(f"{'':24}{'derm1m_build.pmc.jats':>24}{'pubmed_parser 0.5.1':>22}")
        print(f"{'figures found':24}{n_ours:>24}{n_theirs:>22}")
        print(f"{'licences right':24}{f'{right}/{len(EXPECTED_LICENCE)}':>24}{'0 (not extracted)':>22}")
        bo, bt = min(t_ours), min(t_theirs)
        co, ct = min(c_ours), min(c_theirs)
        print(f"{'best wall time (s)':24}{bo:>24.3f}{bt:>22.3f}")
        print(f"{'best CPU time (s)':24}{co:>24.3f}{ct:>22.3f}")
        print(f"{'files/s (wall)':24}{len(files) / bo:>24.0f}{len(files) / bt:>22.0f}")
        print(f"speed ratio (pubmed_parser time / ours): wall {bt / bo:.2f}x, CPU {ct / co:.2f}x")
        # the same comparison per kind of file: real PMC articles (50-100 kB) vs the tiny demo articles
        for name, subset in (("real PMC/Europe PMC files", [f for f in files if "_PMC9" not in f.name]),
                             ("demo articles (1.3-1.9 kB)", [f for f in files if "_PMC9" in f.name])):
            to, tt = _alternating(subset, a.rounds)
            print(f"  {name}: {len(subset)} files, CPU ours {to:.3f}s, pubmed_parser {tt:.3f}s, ratio {tt / to:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _alternating(files: list[Path], rounds: int) -> tuple[float, float]:
    """CPU seconds of each parser over `files` as a batch (as harvest runs it), rounds alternating
    between the two so both see the same stretch of machine time; best round of each.

    Alternating file by file instead was tried and is not used: on this VM reading the next file
    after pubmed_parser has freed a whole article tree page-faults (the allocator handed the heap
    back), which charged ~80 us a file to whichever parser came next and measured the allocator."""
    best_o = best_t = float("inf")
    for _ in range(rounds):
        best_o = min(best_o, _timed(run_ours, files))
        best_t = min(best_t, _timed(run_theirs, files))
    return best_o, best_t


def _timed(fn, files) -> float:
    """CPU seconds: on a shared machine wall time mostly measures the other jobs."""
    t0 = time.process_time()
    fn(files)
    return time.process_time() - t0


if __name__ == "__main__":
    main()

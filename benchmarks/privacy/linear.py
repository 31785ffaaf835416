"""Hostile-input timings: the old quadratic patterns beside the linear ones, on the inputs that were slow.

    python -m benchmarks.privacy.linear            # writes nothing; prints a Markdown table

e-mail: `EMAIL.sub` (reference regex) vs `scrub_emails`, on "a." * n (no "@").
URL: the unbounded domain pattern vs the bounded one, on "a." * n.
abbreviations: the previous all-pairs overlap check vs the merged-span check, on "AD BCC SK ACD psoriasis " * n.
strip: the lossless JPEG metadata strip vs decoding the same photo (what ingest already pays), real photos.
The old side is stopped at the first size that takes over `--cap` seconds.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

OLD_URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|co|uk|de|fr|es|ru)"
                     r"(?:/\S*)?\b", re.I)


def _t(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap", type=float, default=20.0)
    args = ap.parse_args()
    from derm1m_build.sources.privacy import EMAIL, URL, scrub_emails

    rows = []
    old_ok = {"email": True, "url": True, "abbr": True}
    for n in (1000, 5000, 10000, 50000):
        text = "a." * n
        old = _t(lambda: EMAIL.sub(" ", text)) if old_ok["email"] else None
        new = _t(lambda: scrub_emails(text))
        old_ok["email"] = old is not None and old < args.cap
        rows.append(("e-mail", len(text), old, new))
        old = _t(lambda: OLD_URL.sub(" ", text)) if old_ok["url"] else None
        new = _t(lambda: URL.sub(" ", text))
        old_ok["url"] = old is not None and old < args.cap
        rows.append(("URL", len(text), old, new))

    from derm1m_build.tagger.core import Tagger
    from derm1m_build.ontology.loader import load_ontology
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
    from test_privacy_limits import _old_abbreviations  # the previous function, kept as the test's reference

    t = Tagger(load_ontology(), fuzzy=False)
    for n in (500, 2000, 5000):
        text = "Skin: " + "AD BCC SK ACD psoriasis " * n
        hits = t.exact_hits(text) if hasattr(t, "exact_hits") else []
        old = _t(lambda: _old_abbreviations(t, text, list(hits))) if old_ok["abbr"] else None
        new = _t(lambda: t._abbreviation_candidates(text, list(hits)))
        old_ok["abbr"] = old is not None and old < args.cap
        rows.append(("abbreviations (no findings)", len(text), old, new))

    print("| pattern | input chars | old s | new s | old/new |")
    print("|---|---|---|---|---|")
    for what, n, old, new in rows:
        o = f"{old:.3f}" if old is not None else "stopped"
        r = f"{old / new:.0f}x" if old is not None and new > 0 else "-"
        print(f"| {what} | {n} | {o} | {new:.4f} | {r} |")

    photos = sorted((Path(__file__).resolve().parents[3] / "shared" / "realdata" / "photos").glob("*/*.jpg"))
    if photos:
        import io

        from PIL import Image

        from derm1m_build.metadata import strip_jpeg

        data = [p.read_bytes() for p in photos]
        ts = _t(lambda: [strip_jpeg(d) for d in data])
        td = _t(lambda: [Image.open(io.BytesIO(d)).load() for d in data])
        print(f"\nJPEG strip: {len(data)} real photos, {sum(map(len, data)) / 1e6:.1f} MB: strip {ts:.3f} s, "
              f"decode {td:.3f} s (strip/decode {ts / td:.2f})")


if __name__ == "__main__":
    main()

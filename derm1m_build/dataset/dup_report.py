"""The duplicate-clusters section of the HTML report: the largest clusters, with thumbnails, so a
person can check that what the filter dropped as `duplicate` really is the same photograph.

Read from the filter stage's output (kept rows and `_excluded` rows with reason `duplicate`, whose
`detail` is the kept representative); thumbnails (at most 160 px, PNG) go to
dataset/figures/duplicates/, named by the image's sha256, so the section opens offline.
"""

from __future__ import annotations

import glob
import html
import io
from pathlib import Path

from derm1m_build.store import atomic_write_bytes

THUMB_DIR = "figures/duplicates"


def _rows(pattern: str, cols: list[str], where=None) -> list[dict]:
    """Rows of the matching Parquet files as dicts; `where(table) -> mask` keeps only the rows wanted,
    in Arrow, before any dict is made (a million-row filter stage yields a few dozen)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted(glob.glob(pattern))
    if not files:
        return []
    tabs = []
    for f in files:
        t = pq.read_table(f, columns=[c for c in cols if c in pq.read_schema(f).names])
        if where is not None and t.num_rows:
            t = t.filter(where(t))
        tabs.append(t)
    return pa.concat_tables(tabs, promote_options="default").to_pylist()


def largest_clusters(build: Path, top: int = 8) -> list[tuple[dict, list[dict]]]:
    """[(representative row, [dropped duplicate rows])], largest first, then by representative id.

    Reads the `duplicate` exclusions first, then only the kept rows they name."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cols = ["sample_id", "image_sha256", "image_ext", "source", "reason", "detail", "dup_cluster"]

    def is_dup(t):
        return pc.equal(t["reason"], "duplicate") if "reason" in t.column_names else pa.array([False] * t.num_rows)

    dropped = _rows(str(build / "work" / "filter" / "_excluded" / "part-*.parquet"), cols, is_dup)
    wanted = pa.array(sorted({r["detail"] for r in dropped if r.get("detail")}), pa.string())
    if not len(wanted):
        return []
    kept = {r["sample_id"]: r for r in _rows(str(build / "work" / "filter" / "part-*.parquet"), cols,
                                             lambda t: pc.is_in(t["sample_id"], value_set=wanted))}
    dups: dict[str, list[dict]] = {}
    for r in dropped:
        if r.get("detail") in kept:
            dups.setdefault(r["detail"], []).append(r)
    order = sorted(dups, key=lambda k: (-len(dups[k]), k))[:top]
    return [(kept[k], sorted(dups[k], key=lambda r: r["sample_id"])) for k in order]


def thumb_png(src: Path, dst: Path) -> bool:
    """A 160-px PNG of `src` at `dst` for a report page (kept if already there); False if unreadable."""
    from PIL import Image

    if dst.exists():
        return True
    try:
        with Image.open(src) as im:
            im = im.convert("RGB")
            im.thumbnail((160, 160))
            buf = io.BytesIO()
            im.save(buf, "PNG", optimize=False)
    except (OSError, ValueError):
        return False
    atomic_write_bytes(dst, buf.getvalue())
    return True


def _thumb(build: Path, ds: Path, r: dict) -> str:
    sha, ext = r.get("image_sha256") or "", r.get("image_ext") or "jpg"
    rel = f"{THUMB_DIR}/{sha}.png"
    return rel if thumb_png(build / "images" / sha[:2] / f"{sha}.{ext}", ds / rel) else ""


def section(build: Path, top: int = 8) -> tuple[str, list[Path]]:
    """HTML for the report (an empty string when nothing was dropped as a duplicate) and the thumbnail
    files it links, so the report can record exactly those in the dataset manifest."""
    build = Path(build)
    ds = build / "dataset"
    clusters = largest_clusters(build, top)
    if not clusters:
        return "", []
    files: list[Path] = []
    parts = ["<h2>Largest duplicate clusters</h2>",
             "<p>Each row: the kept representative, then the images dropped as its duplicates "
             "(confirmed on pixels against the representative).</p>"]
    for rep, members in clusters:
        cells = []
        for r, role in [(rep, "kept")] + [(m, "dropped") for m in members]:
            src = _thumb(build, ds, r)
            if src:
                files.append(ds / src)
            label = html.escape(f"{role}: {r['sample_id'][:16]} ({r.get('source') or '?'})")
            img = f'<img src="{html.escape(src)}" alt="{label}" width="120">' if src else ""
            cells.append(f"<figure>{img}<figcaption>{label}</figcaption></figure>")
        parts.append(f'<h3>{html.escape(rep.get("dup_cluster") or rep["sample_id"])}: {len(members) + 1} images</h3>'
                     f'<div class="grid">{"".join(cells)}</div>')
    return "\n".join(parts), sorted(set(files))

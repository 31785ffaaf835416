"""`derm1m-build report DIR`: dataset/report.html, its figures as PNGs, and dataset/DATASHEET.md.

The HTML links its figures as files under dataset/figures/, so it opens offline from the dataset
folder alone. Everything is computed from the finished build (captions.csv, work/split, the stage
manifests) and written with fixed bytes; the dataset manifest is then finalised again so `verify`
covers the new files.
"""

from __future__ import annotations

import html
from pathlib import Path

from derm1m_build.dataset.datasheet import datasheet
from derm1m_build.dataset.figure_plan import all_figures
from derm1m_build.dataset.shipped import SPLIT_NAMES, Shipped, split_warnings
from derm1m_build.dataset.stats import BuildStats, build_recipe_name, load_stats
from derm1m_build.dataset.writer import update_manifest
from derm1m_build.store import atomic_write_bytes, atomic_write_text, read_json

FIGURES_DIR = "figures"


def report_digest(build: Path) -> str:
    """What the report is computed from: the dataset's input digest (work/split + ontology), every
    stage manifest, the scored audit packs, the recipe name and the package version. Equal digest: the report is up to date."""
    from derm1m_build import __version__
    from derm1m_build.hashing import digest_obj, sha256_bytes
    from derm1m_build.schema import STAGES

    build = Path(build)
    try:
        ds_input = read_json(build / "dataset" / "manifest.json").get("input_digest", "")
    except (OSError, ValueError):
        ds_input = ""
    mans = {}
    for s in STAGES:
        p = build / "work" / s / "_manifest.json"
        mans[s] = sha256_bytes(p.read_bytes()) if p.exists() else ""
    # scored audit packs (`derm1m-build audit score`) go into the report and the datasheet too
    audits = {p.relative_to(build).as_posix(): sha256_bytes(p.read_bytes())
              for p in sorted((build / "audit").glob("*/score.json"))}
    return digest_obj({"dataset": ds_input, "manifests": mans, "audits": audits,
                       "recipe": build_recipe_name(build), "version": __version__})


def write_report(build: Path, force: bool = False) -> dict[str, Path]:
    """Write the report, its figures and the datasheet into BUILD/dataset; returns the paths written.

    A digested step like any stage: when `report_digest` matches the one recorded in the dataset
    manifest and the files are there, nothing is read or written (a no-op rerun leaves every mtime).
    """
    build = Path(build)
    ds = build / "dataset"
    paths = {"report": ds / "report.html", "datasheet": ds / "DATASHEET.md", "figures": ds / FIGURES_DIR}
    digest = report_digest(build)
    if not force and digest and (ds / "manifest.json").exists():
        try:
            m = read_json(ds / "manifest.json")
        except (OSError, ValueError):
            m = {}
        mine = [r for r in m.get("files", {}) if r.startswith(FIGURES_DIR + "/") or r in ("report.html", "DATASHEET.md")]
        if (m.get("report_digest") == digest and {"report.html", "DATASHEET.md"} <= set(mine)
                and all((ds / r).is_file() for r in mine)):
            return {**paths, "up_to_date": True}
    onto = _ontology_nodes(ds)
    st = load_stats(build, shipped_nodes=onto)  # one pass over captions.csv: statistics, labels, gallery
    sh = st.shipped
    figs = all_figures(st, onto, sh)
    fig_dir = ds / FIGURES_DIR
    fig_dir.mkdir(parents=True, exist_ok=True)
    names = {name for name, _, _ in figs}
    removed = []
    for p in sorted(fig_dir.glob("*.png")):
        if p.name not in names:
            p.unlink()
            removed.append(p)
    for name, _, data in figs:
        atomic_write_bytes(fig_dir / name, data)
    from derm1m_build.dataset.dup_report import section as duplicate_section
    from derm1m_build.secrets import redact

    dup_html, dup_files = duplicate_section(build)
    dup_dir = ds / "figures" / "duplicates"
    for p in sorted(dup_dir.glob("*.png")) if dup_dir.is_dir() else []:
        if p not in dup_files:  # a cluster that is gone: its thumbnail goes too
            p.unlink()
            removed.append(p)
    atomic_write_text(ds / "report.html", render_html(st, [(n, c) for n, c, _ in figs], sh, dup_html))
    atomic_write_text(ds / "DATASHEET.md", redact(datasheet(st)))  # no secret or environment value recorded
    # only the report's own files (figures/, report.html, DATASHEET.md): a dataset file changed since the
    # build stays a verify failure
    try:
        listed = read_json(ds / "manifest.json").get("files", {})
    except (OSError, ValueError):
        listed = {}
    removed += [ds / r for r in listed if r.startswith(FIGURES_DIR + "/") and not (ds / r).is_file()
                and ds / r not in removed]
    owned = sorted(p for p in fig_dir.rglob("*") if p.is_file()) + [ds / "report.html", ds / "DATASHEET.md"]
    update_manifest(ds, owned, removed, {"report_digest": digest})
    return paths


def _ontology_nodes(ds: Path) -> list[dict]:
    try:
        return read_json(ds / "ontology_full.json").get("conditions", [])
    except (OSError, ValueError):
        return []


def _table(head: list[str], rows: list[list[object]]) -> str:
    h = "".join(f"<th>{html.escape(str(x))}</th>" for x in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def _pair_card(r: dict) -> str:
    e = html.escape
    label = r["disease_label"] or "no label"
    concepts = r["skin_concept"] if r["skin_concept"] and r["skin_concept"] != "No visual concepts" else ""
    return (f'<div class="pair"><a href="{e(r["filename"])}"><img loading="lazy" src="{e(r["filename"])}" '
            f'alt="{e(label)}"></a><p class="label">{e(label)}</p>'
            + (f'<p class="concepts">{e(concepts)}</p>' if concepts else "")
            + f'<p class="caption">{e(r["truncated_caption"])}</p>'
            f'<p class="meta">{e(r["source"])} &middot; {e(r["license"])} &middot; {e(r["modality"] or "?")} '
            f'&middot; {e(r["split"])}</p></div>')


def _gallery(groups: dict[str, list[dict]], what: str) -> str:
    parts = []
    for name, rows in groups.items():
        if rows:
            parts.append(f'<h3>{html.escape(what)}: {html.escape(name)}</h3><div class="pairs">'
                         + "".join(_pair_card(r) for r in rows) + "</div>")
    return "\n".join(parts) or "<p>No pairs with an image in this build.</p>"


def _label_split_table(sh: Shipped) -> str:
    rows = []
    for branch, c in sorted(sh.label_branch_splits.items(), key=lambda kv: (kv[0] == "unlabelled", kv[0])):
        rows.append([branch, *[c.get(s, 0) for s in SPLIT_NAMES], sum(c.values())])
    warn = split_warnings(sh.label_branch_splits)
    note = ("<p class=\"warn\">" + "<br>".join(html.escape("Warning: " + w) for w in warn) + "</p>") if warn else \
        "<p>Every condition branch with 5 or more pairs is present in every split.</p>"
    return _table(["branch (from disease_label)", *SPLIT_NAMES, "pairs"], rows) + note


def _audit_html(build: Path) -> str:
    from derm1m_build.audit.score import scored_packs

    parts = []
    for sc, _ in scored_packs(build):
        parts.append(f"<h3>Audit {html.escape(sc['audit'])}: {sc['items']} items, reviewers "
                     f"{html.escape(', '.join(sc['reviewers']) or 'none')}</h3>")
        parts.append(_table(["source / stratum", "field", "right / answered", "precision", "Wilson 95 % CI"], [
            [p["stratum"], p["field"], f"{p['right']} / {p['answered']}", f"{100 * p['precision']:.1f} %",
             f"{100 * p['ci95'][0]:.1f} % to {100 * p['ci95'][1]:.1f} %"] for p in sc["precision"]]))
        if sc["kappa"]:
            parts.append(_table(["reviewers", "field", "items", "agreement", "Cohen's kappa"], [
                [" & ".join(k["reviewers"]), k["field"], k["items"], f"{100 * k['agreement']:.1f} %",
                 "undefined" if k["kappa"] is None else f"{k['kappa']:.3f}"] for k in sc["kappa"]]))
    return ("<h2>Expert audit</h2>\n" + "\n".join(parts)) if parts else ""


def render_html(st: BuildStats, figs: list[tuple[str, str]], sh: Shipped | None = None, extra: str = "") -> str:
    sh = sh or Shipped()
    audit = _audit_html(st.build)
    name = build_recipe_name(st.build) or "build"
    total = st.total
    summary = _table(["what", "count"], [
        ["pairs", total], ["images", st.images],
        *[[f"split {s}", st.splits.get(s, 0)] for s in ("train", "val", "test")],
        ["pairs without a tagged condition", st.unlabelled],
        ["pairs whose source forbids redistributing the image", st.not_redistributable],
    ])
    stages = _table(["stage", "rows in", "rows out", "dropped by reason"], [
        [s, m.get("rows_in", ""), m.get("rows_out", ""),
         ", ".join(f"{k}={v}" for k, v in sorted(m.get("dropped", {}).items())) or "-"]
        for s, m in st.manifests.items()])
    panels = "\n".join(
        f'<figure><img src="{FIGURES_DIR}/{html.escape(n)}" alt="{html.escape(c)}"><figcaption>{html.escape(c)}'
        f"</figcaption></figure>" for n, c in figs)
    by_source = _gallery(sh.by_source, "source")
    by_label = _gallery(sh.by_label, "disease_label")
    label_splits = _label_split_table(sh)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(name)}: dataset report</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }}
.grid {{ display: flex; flex-wrap: wrap; gap: 1.5em; }}
figure {{ margin: 0; max-width: 46em; }}
figcaption {{ color: #555; font-size: 0.9em; }}
img {{ max-width: 100%; }}
.pairs {{ display: flex; flex-wrap: wrap; gap: 1em; }}
.pair {{ width: 14em; border: 1px solid #ddd; padding: 0.5em; font-size: 0.85em; }}
.pair img {{ width: 100%; height: 11em; object-fit: cover; }}
.pair p {{ margin: 0.3em 0; overflow-wrap: anywhere; }}
.pair .label {{ font-weight: bold; }}
.pair .concepts, .pair .meta {{ color: #666; }}
.warn {{ color: #a33; }}
</style>
</head>
<body>
<h1>{html.escape(name)}: dataset report</h1>
<p>Generated by derm1m-build from this build's captions.csv and stage manifests.
See <a href="DATASHEET.md">DATASHEET.md</a> for sources, licences and models.</p>
<h2>Summary</h2>
{summary}
<h2>Stages</h2>
{stages}
<h2>Splits by condition branch</h2>
{label_splits}
<h2>Figures</h2>
<div class="grid">
{panels}
</div>
<h2>Gallery: sample pairs per source</h2>
{by_source}
<h2>Gallery: sample pairs per top diagnosis</h2>
{by_label}
{audit}
{extra}
</body>
</html>
"""

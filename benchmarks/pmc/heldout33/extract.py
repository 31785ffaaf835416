"""Re-create the images of the frozen held-out figure set 33 (figures cut from documentation PDFs shipped in six Debian
TeX Live documentation packages: texlive-latex-extra-doc, texlive-pictures-doc, texlive-publishers-doc,
texlive-science-doc, texlive-lang-portuguese, texlive-lang-czechslovak) from the packages as `apt-get download` saves
them.

Usage: python benchmarks/pmc/heldout33/extract.py SRCDIR OUTDIR

SRCDIR holds the archives named in annotations.json (`origin.sdist`: the `.deb` file names). OUTDIR receives the
images under the names in annotations.json. Mode `pdf-render`: page `origin.page` (1-based) of the PDF
`origin.member` is rendered with pypdfium2 at `origin.scale` (2.0: 144 dpi) and cut to `origin.crop` (pixels of that
rendering: the figure's box, its caption left out). Mode `image`: an image file of an archive read as it is. Either way
the long side is capped at `origin.max_side` (Lanczos) when larger and the result stored as `origin.format` (`png`).
A `.deb` is read through its `data.tar` member without dpkg.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script (the usage above): the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from benchmarks.pmc import figure_extract  # noqa: E402
from benchmarks.pmc.figure_extract import (  # noqa: E402,F401  (the names the set's tests call)
    MAX_SIDE, archive_members, deb_members, downscale, image_for, open_image, render_page, sdist_members)

ANNOTATIONS = Path(__file__).parent / "annotations.json"


def main(argv: list[str]) -> int:
    return figure_extract.main(argv, ANNOTATIONS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Re-extract the captions of heldout2 from the same package files (see extract.py).

PDF captions: the page's text layer (pypdfium2) from the "Figure N"/"Fig N" marker to the end
phrase given here (inclusive) or to a stop pattern (exclusive: running header, page number, the
next caption); line breaks become one space, pdfium's hyphen-break marker (U+FFFE + newline) is
joined, manuscript line numbers (Meeson et al. legends) are dropped. Marker's markdown captions:
HTML anchors and link markup removed, link text kept.
"""
from __future__ import annotations

import re
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import extract as X  # noqa: E402

STOP = r"\r\nhttps://doi\.org/10\.1371|\r\nDe Marchis et al\.|\r\nFig\. \d|\r\n\d{1,2}\s*$|\r\n\d{1,2}\r\n|\r\n\d{3} Figure|\r\n\d{3}\s*\r\n|\r\n\d{3}\s*$"
# name -> (sdist key, member, page, start regex, end phrase or None)
PDF_CAPTIONS = {
    "aitken2022_fig1": ("bib4llm", X.AITKEN, 5, r"Fig 1\.", "are approximately equal."),
    "aitken2022_fig2": ("bib4llm", X.AITKEN, 6, r"Fig 2\.", None),
    "aitken2022_fig3": ("bib4llm", X.AITKEN, 8, r"Fig 3\.", None),
    "aitken2022_fig4": ("bib4llm", X.AITKEN, 11, r"Fig 4\.", None),
    "aitken2022_fig5": ("bib4llm", X.AITKEN, 14, r"Fig 5\.", None),
    "aitken2022_fig6": ("bib4llm", X.AITKEN, 16, r"Fig 6\.", None),
    "chaudhari2018_fig1": ("bib4llm", X.CHAUDHARI, 6, r"Figure 1:", "in terms of D(x)."),
    "chaudhari2018_fig2": ("bib4llm", X.CHAUDHARI, 6, r"Figure 2:", "keeping the rank almost constant."),
    "chaudhari2018_fig3": ("bib4llm", X.CHAUDHARI, 7, r"Figure 3:", "quite large (Fig. 3c)."),
    "chaudhari2018_fig4": ("bib4llm", X.CHAUDHARI, 8, r"Figure 4:", "very different from local minima."),
    "cook2023_fig1": ("bib4llm", X.COOK, 3, r"Figure 1:", None),
    "cook2023_fig2": ("bib4llm", X.COOK, 5, r"Figure 2:", "not necessarily symmetrical."),
    "he2025pasa_fig3": ("paperqa", X.PQA + "pasa.pdf", 9, r"Figure 3:", "set to 0.95."),
    "wellawatte2022_fig1": ("paperqa", X.PQA + "paper.pdf", 16, r"Figure 1:", "Royal Society of Chemistry."),
    "wellawatte2022_fig2": ("paperqa", X.PQA + "paper.pdf", 17, r"Figure 2:", None),
    "wellawatte2022_fig4": ("paperqa", X.PQA + "paper.pdf", 19, r"Figure 4:", None),
    "wellawatte2022_fig5": ("paperqa", X.PQA + "paper.pdf", 20, r"Figure 5:", "Republished with permission from authors. 31"),
    "demarchis2016_fig1": ("grobidclient", X.GROBID, 3, r"Fig\. 1", None),
    "demarchis2016_fig2": ("grobidclient", X.GROBID, 5, r"Fig\. 2", None),
    "demarchis2016_fig3": ("grobidclient", X.GROBID, 6, r"Fig\. 3", None),
    "demarchis2016_fig4": ("grobidclient", X.GROBID, 6, r"Fig\. 4", None),
    "demarchis2016_fig5": ("grobidclient", X.GROBID, 7, r"Fig\. 5", None),
    "demarchis2016_fig6": ("grobidclient", X.GROBID, 7, r"Fig\. 6", None),
    "branchi2014_fig1": ("mmda", X.SMART, 5, r"Figure 1\.", "Systems\u201d [15]."),
    "branchi2014_fig2": ("mmda", X.SMART, 6, r"Figure 2\.", "smart citizens\u201d [17]."),
    "branchi2014_fig3": ("mmda", X.SMART, 7, r"Figure 3\.", "individual demand."),
    "branchi2014_fig4": ("mmda", X.SMART, 8, r"Figure 4\.", "elements of analysis."),
    "branchi2014_fig5": ("mmda", X.SMART, 8, r"Figure 5\.", "relational scheme."),
    "branchi2014_fig6": ("mmda", X.SMART, 11, r"Figure 6\.", "works [20]."),
    "wang2022ulsa_fig2": ("mmda", X.ULSA, 22, r"Figure 2:", None),
    "wang2022ulsa_fig3": ("mmda", X.ULSA, 23, r"Figure 3:", None),
    "wang2022ulsa_fig4": ("mmda", X.ULSA, 24, r"Figure 4:", None),
    "staar2018_fig4": ("deepsearchglm", X.CCS, 4, r"Figure 4:", "similar time intervals."),
    "staar2018_fig7": ("deepsearchglm", X.CCS, 8, r"Figure 7:", "extreme activity."),
    "staar2018_fig8": ("deepsearchglm", X.CCS, 8, r"Figure 8:", "worker processes)."),
    "meeson2019_fig1": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 1:", None),
    "meeson2019_fig2": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 2:", None),
    "meeson2019_fig3": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 3:", None),
    "meeson2019_fig4": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 4:", None),
    "meeson2019_fig5": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 5:", None),
    "meeson2019_fig6": ("paperqa", X.PQA + "influence.pdf", 19, r"\d+ Figure 6:", None),
}
MD = {"fedus2022switch": X.MARK + "switch_transformers/switch_trans.md",
      "deb2018multicolcnn": X.MARK + "multicolcnn/multicolcnn.md"}


def _clean(s: str) -> str:
    s = s.replace("\ufffe\r\n", "").replace("\ufffe", "")
    s = re.sub(r"(?m)^\d{3}\s?", "", s.replace("\r\n", "\n"))
    return re.sub(r"\s*\n\s*", " ", s).strip()


def pdf_caption(sdists: Path, key, member, page, start, end) -> str | None:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(X._member(sdists, key, member))
    text = doc[page - 1].get_textpage().get_text_range()
    m = re.search(r"(?m)^\s*" + start, text)
    if not m:
        return None
    rest = text[m.start():]
    if end:
        flat = rest.replace("\ufffe\r\n", "").replace("\r\n", " ")
        j = flat.find(end)
        if j >= 0:
            cap = _clean(rest.replace("\r\n", "\n"))
            k = cap.find(end)
            if k >= 0:
                return cap[:k + len(end)]
    stop = re.search(STOP, rest[len(m.group(0)):], flags=re.M)
    cut = rest[: len(m.group(0)) + stop.start()] if stop else rest[:3000]
    cap = _clean(cut)
    return re.sub(r"^\d{3} ", "", cap)


def md_caption(sdists: Path, key: str, image: str) -> str | None:
    text = X._member(sdists, "marker", MD[key]).decode("utf-8")
    i = text.find(f"![]({image})")
    if i < 0:
        return None
    for line in text[i:].splitlines()[1:8]:
        line = re.sub(r"<span[^>]*></span>", "", line).strip()
        line = re.sub(r"^- ", "", line)
        if re.match(r"(Figure|Fig\.) \d", line):
            line = re.sub(r"\[((?:\\\]|[^\]])*)\]\(#page-[^)]*\)", lambda m: m.group(1), line)
            return line.replace("\\[", "[").replace("\\]", "]")
    return None


def all_captions(sdists: Path) -> dict[str, str | None]:
    out = {}
    for name, spec in PDF_CAPTIONS.items():
        out[name] = pdf_caption(sdists, *spec)
    for fig in X.FIGURES:
        stem = fig[0].rsplit(".", 1)[0]
        for key in MD:
            if stem.startswith(key):
                out[stem] = md_caption(sdists, key, stem[len(key):] + ".jpeg")
    return out


if __name__ == "__main__":
    import json
    print(json.dumps(all_captions(Path(sys.argv[1])), indent=1, ensure_ascii=False))

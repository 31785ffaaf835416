"""JATS / NXML article parsing: article metadata, licence and one record per figure.

Matches element names only (JATS 1.0-1.4, NLM Archiving 2.3/3.0 all use the same local names) and
reads each article in one walk of the parsed tree. What it handles, each from a real PMC quirk:
- `<pmc-articleset>` wrappers (efetch db=pmc) holding several articles;
- licences as `xlink:href`, `<ali:license_ref>`, a URL in `<license-p>`, prose only, `license-type`
  only, no `<license>` at all (then the copyright statement is read for a CC grant, else `none`),
  and a licence inside an XML comment (comments are dropped at parse time, so it never counts);
- captions: `<title>` and each `<p>` joined with one space; inline markup (`<bold>`, `<italic>`,
  `<xref>`, `<sup>`) flattened; whitespace collapsed;
- figures anywhere, including a trailing `<floats-group>` and inside `<fig-group>`;
- label variants (`Figure 1`, `Figure 1.`, `FIGURE 1`) kept verbatim and normalised to a number;
- graphic hrefs with or without an extension (resolved against package files by `resolve_graphic`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any, Iterable

from lxml import etree

from derm1m_build.pmc import licence as lic
from derm1m_build.pmc.safexml import parse_bytes

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_WS = re.compile(r"\s+")
_LABEL_NUM = re.compile(r"(\d+[A-Za-z]?)")
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff")


@dataclass
class Figure:
    fig_id: str
    label: str
    number: str
    title: str
    caption: str
    graphics: list[str]
    index: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    pmcid: str = ""
    pmid: str = ""
    doi: str = ""
    title: str = ""
    journal: str = ""
    year: int | None = None
    article_type: str = ""
    licence: str = "unknown"
    licence_source: str = ""  # url / license_ref / prose / license-type / copyright / absent
    licence_url: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def context_text(self) -> str:
        """What the keyword pre-filter reads for the article as a whole."""
        return " ".join([self.title, self.abstract, " ".join(self.keywords)])


def text_of(el: etree._Element | None) -> str:
    """All text under `el` with inline markup flattened and whitespace collapsed."""
    if el is None:
        return ""
    return _WS.sub(" ", "".join(el.itertext())).strip()


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def caption_text(fig: etree._Element) -> tuple[str, str]:
    """(title, caption): the caption's `<title>` and every block joined with one space."""
    cap = fig.find("caption")
    if cap is None:
        return "", ""
    title = ""
    parts = []
    for child in cap:
        name = _local(child.tag)
        t = text_of(child)
        if not t:
            continue
        if name == "title" and not title:
            title = t
        parts.append(t)
    if not parts:  # text directly inside <caption>
        parts = [text_of(cap)]
    return title, " ".join(p for p in parts if p)


def _figure(fig: etree._Element, index: int) -> Figure:
    label = text_of(fig.find("label"))
    m = _LABEL_NUM.search(label)
    title, caption = caption_text(fig)
    graphics = []
    for g in fig.iter("graphic"):
        href = g.get(XLINK_HREF) or g.get("href") or ""
        if href and href not in graphics:
            graphics.append(href)
    return Figure(fig_id=fig.get("id") or f"fig{index + 1}", label=label, number=m.group(1) if m else "",
                  title=title, caption=caption, graphics=graphics, index=index)


def _licence(meta: etree._Element | None) -> tuple[str, str, str]:
    """(normalised licence, where it came from, URL if any) from `<permissions>`."""
    if meta is None:
        return "unknown", "absent", ""
    perms = meta.find("permissions")
    if perms is None:
        return "none", "absent", ""
    lic_el = perms.find("license")
    if lic_el is None:
        got = lic.from_text(text_of(perms.find("copyright-statement")))
        return (got, "copyright", "") if got else ("none", "absent", "")
    url = lic_el.get(XLINK_HREF) or ""
    source = "url" if url else ""
    if not url:
        for el in lic_el.iter():
            name = _local(el.tag)
            if name == "license_ref" and (el.text or "").strip():
                url, source = el.text.strip(), "license_ref"
                break
            if name == "ext-link" and el.get(XLINK_HREF):
                url, source = el.get(XLINK_HREF), "url"
                break
    got = lic.from_url(url)
    if got:
        return got, source, url
    got = lic.from_text(text_of(lic_el))
    if got:
        return got, "prose", url
    ltype = lic_el.get("license-type") or ""
    return lic.normalise(license_type=ltype), ("license-type" if ltype else "prose"), url


def _year(meta: etree._Element) -> int | None:
    best: dict[str, int] = {}
    for pd in meta.iter("pub-date"):
        y = (pd.findtext("year") or "").strip()
        if y.isdigit():
            kind = pd.get("pub-type") or pd.get("date-type") or "any"
            best.setdefault(kind, int(y))
    for kind in ("epub", "ppub", "pub", "collection", "epub-ppub", "any"):
        if kind in best:
            return best[kind]
    return min(best.values()) if best else None


def _article(art: etree._Element) -> Article:
    a = Article(article_type=art.get("article-type") or "")
    front = art.find("front")
    meta = front.find("article-meta") if front is not None else None
    jmeta = front.find("journal-meta") if front is not None else None
    if meta is not None:
        for aid in meta.iterchildren("article-id"):
            kind = (aid.get("pub-id-type") or "").lower()
            val = (aid.text or "").strip()
            if kind in ("pmc", "pmcid") and not a.pmcid and val:
                a.pmcid = val if val.upper().startswith("PMC") else f"PMC{val}"
            elif kind == "pmid" and not a.pmid:
                a.pmid = val
            elif kind == "doi" and not a.doi:
                a.doi = val
        a.title = text_of(meta.find("title-group/article-title"))
        a.year = _year(meta)
        a.abstract = " ".join(text_of(x) for x in meta.iterchildren("abstract"))
        a.keywords = [text_of(k) for k in meta.iter("kwd")]
    if jmeta is not None:
        a.journal = text_of(jmeta.find("journal-title-group/journal-title")) or text_of(jmeta.find("journal-title"))
    a.licence, a.licence_source, a.licence_url = _licence(meta)
    a.figures = [_figure(f, i) for i, f in enumerate(art.iter("fig"))]
    return a


def parse_articles(data: bytes) -> list[Article]:
    """Every article in a JATS/NXML file or an efetch `<pmc-articleset>`; ItemError if refused."""
    root = parse_bytes(data, "jats")
    name = _local(root.tag)
    if name == "article":
        return [_article(root)]
    arts = [a for a in root.iterchildren("article")]
    return [_article(a) for a in arts]


def resolve_graphic(href: str, names: Iterable[str]) -> str | None:
    """The package member a graphic href refers to: exact name, else same stem with an image extension."""
    names = list(names)
    base = PurePosixPath(href).name
    by_name = {PurePosixPath(n).name: n for n in names}
    if base in by_name and base.lower().endswith(IMAGE_EXTS):
        return by_name[base]
    stem = base.rsplit(".", 1)[0] if base.lower().endswith(IMAGE_EXTS) else base
    for ext in (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff"):
        for cand in (stem + ext, stem + ext.upper()):
            if cand in by_name:
                return by_name[cand]
    return None

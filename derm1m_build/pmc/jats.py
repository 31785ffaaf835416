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

import bisect
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any, Iterable

from lxml import etree

from derm1m_build.pmc import licence as lic
from derm1m_build.pmc.safexml import check_prolog, looks_like_html, parse_bytes, xml_parser

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
ALI_REF = "{http://www.niso.org/schemas/ali/1.0/}license_ref"
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
    # tostring(method="text") gathers the text in C: ~2x faster than joining itertext()
    return " ".join(etree.tostring(el, method="text", encoding="unicode", with_tail=False).split())


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _first(el: etree._Element | None, tag: str) -> etree._Element | None:
    """First child named `tag`: `find(tag)` builds an ElementPath query (~2.5 us), this does not (~1 us)."""
    return None if el is None else next(el.iterchildren(tag), None)


def caption_text(fig: etree._Element) -> tuple[str, str]:
    """(title, caption): the caption's `<title>` and every block joined with one space."""
    return _caption(_first(fig, "caption"))


def _caption(cap: etree._Element | None) -> tuple[str, str]:
    if cap is None:
        return "", ""
    title = ""
    parts = []
    for child in cap:
        t = text_of(child)
        if not t:
            continue
        if not title and _local(child.tag) == "title":
            title = t
        parts.append(t)
    if not parts:  # text directly inside <caption>
        parts = [text_of(cap)]
    return title, " ".join(p for p in parts if p)


def _figure(fig: etree._Element, index: int) -> Figure:
    label_el = cap = None
    for child in fig:  # one walk for the first <label> and <caption>
        tag = child.tag
        if tag == "label":
            if label_el is None:
                label_el = child
        elif tag == "caption" and cap is None:
            cap = child
    label = text_of(label_el)
    m = _LABEL_NUM.search(label)
    title, caption = _caption(cap)
    graphics = []
    for g in fig.iter("graphic"):
        href = g.get(XLINK_HREF) or g.get("href") or ""
        if href and href not in graphics:
            graphics.append(href)
    return Figure(fig_id=fig.get("id") or f"fig{index + 1}", label=label, number=m.group(1) if m else "",
                  title=title, caption=caption, graphics=graphics, index=index)


def _licence(meta: etree._Element | None, perms: etree._Element | None) -> tuple[str, str, str]:
    """(normalised licence, where it came from, URL if any) from `<permissions>` (the first child of
    `<article-meta>` of that name)."""
    if meta is None:
        return "unknown", "absent", ""
    if perms is None:
        return "none", "absent", ""
    lic_el = _first(perms, "license")
    if lic_el is None:
        got = lic.from_text(text_of(_first(perms, "copyright-statement")))
        return (got, "copyright", "") if got else ("none", "absent", "")
    url = lic_el.get(XLINK_HREF) or ""
    source = "url" if url else ""
    if not url:
        for el in lic_el.iter(ALI_REF, "license_ref", "ext-link"):  # filtered in C
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


def _year(pub_dates: Iterable[etree._Element]) -> int | None:
    best: dict[str, int] = {}
    for pd in pub_dates:
        y_el = _first(pd, "year")
        y = ((y_el.text if y_el is not None else "") or "").strip()
        if y.isdigit():
            kind = pd.get("pub-type") or pd.get("date-type") or "any"
            best.setdefault(kind, int(y))
    for kind in ("epub", "ppub", "pub", "collection", "epub-ppub", "any"):
        if kind in best:
            return best[kind]
    return min(best.values()) if best else None


def _article(art: etree._Element) -> Article:
    """One walk over `<front>`'s and `<article-meta>`'s children (not a `find` per field: each lxml
    call costs a proxy object, and on a small article those calls were most of the time)."""
    a = Article(article_type=art.get("article-type") or "")
    meta = jmeta = None
    front = _first(art, "front")
    if front is not None:
        for child in front:
            tag = child.tag
            if tag == "article-meta" and meta is None:
                meta = child
            elif tag == "journal-meta" and jmeta is None:
                jmeta = child
    perms = None
    if meta is not None:
        pub_dates, abstracts = [], []
        title = None
        for child in meta:
            tag = child.tag
            if tag == "article-id":
                kind = (child.get("pub-id-type") or "").lower()
                val = (child.text or "").strip()
                if kind in ("pmc", "pmcid") and not a.pmcid and val:
                    a.pmcid = val if val.upper().startswith("PMC") else f"PMC{val}"
                elif kind == "pmid" and not a.pmid:
                    a.pmid = val
                elif kind == "doi" and not a.doi:
                    a.doi = val
            elif tag == "title-group":
                if title is None:
                    title = _first(child, "article-title")
            elif tag == "pub-date":
                pub_dates.append(child)
            elif tag == "abstract":
                abstracts.append(child)
            elif tag == "permissions":
                if perms is None:
                    perms = child
        a.title = text_of(title)
        a.year = _year(pub_dates)
        a.abstract = " ".join(text_of(x) for x in abstracts)
        a.keywords = [text_of(k) for k in meta.iter("kwd")]
    if jmeta is not None:
        group_title = next((t for g in jmeta.iterchildren("journal-title-group") for t in g.iterchildren("journal-title")), None)
        a.journal = text_of(group_title) or text_of(_first(jmeta, "journal-title"))
    a.licence, a.licence_source, a.licence_url = _licence(meta, perms)
    a.figures = [_figure(f, i) for i, f in enumerate(art.iter("fig"))]
    return a


_ARTICLE_START = re.compile(rb"<article[\s>]")
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*)")  # first start tag (prolog holds only <? and <!)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")


class _Skips:
    """Is a position inside a comment or CDATA section? (markup there is not markup)

    Positions are asked in increasing order, so the document is scanned only up to the last one
    asked about (never through the reference list after the last figure). After the root start tag
    `<!` opens only a comment or a CDATA section, so one `find` serves both."""

    def __init__(self, data: bytes, start: int):
        self.data, self.upto = data, start
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __call__(self, pos: int) -> bool:
        data = self.data
        while self.upto <= pos:
            # find "!" then look back for "<": a search for b"<!" stops at every "<" of the markup
            # (8x slower on a real article), while "!" is rare in JATS
            i = data.find(b"!", self.upto + 1, pos + 2) - 1
            while i >= 0 and data[i] != 0x3C:
                i = data.find(b"!", i + 2, pos + 2) - 1
            if i < 0:
                self.upto = pos + 1
                break
            j = data.find(b"-->" if data.startswith(b"<!--", i) else b"]]>", i + 2)
            j = len(data) if j < 0 else j + 3
            self.starts.append(i)
            self.ends.append(j)
            self.upto = j
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


_META_PARTS = (b"article-id", b"title-group", b"pub-date", b"permissions", b"abstract", b"kwd-group")


_TAG_END = frozenset(b" \t\r\n>/")


def _cut(data: bytes, tag: bytes, lo: int, hi: int, skipped) -> list[bytes] | None:
    """Every `<tag ...>...</tag>` (or self-closed `<tag/>`) between lo and hi; None if one is unclosed.

    bytes.find (memchr speed), not a regex: this runs over every byte of millions of articles."""
    out = []
    opener = b"<" + tag
    close = b"</" + tag + b">"
    n = len(opener)
    i = data.find(opener, lo, hi)
    while i >= 0:
        if data[i + n] not in _TAG_END or skipped(i):
            i = data.find(opener, i + n, hi)
            continue
        gt = data.find(b">", i, hi)
        if gt < 0:
            return None
        if data[gt - 1] == 0x2F:  # "/>": self-closed
            out.append(data[i:gt + 1])
            i = data.find(opener, gt, hi)
            continue
        stop = data.find(close, gt, hi)
        if stop < 0:
            return None
        stop += len(close)
        out.append(data[i:stop])
        i = data.find(opener, stop, hi)
    return out


def _fragments(data: bytes) -> bytes | None:
    """Only what we read: each article's start tag, journal title, the article-meta parts we use
    (ids, title, dates, permissions, abstract, keywords) and its `<fig>` elements.

    Harvest reads millions of articles whose author lists, bodies and references (80-95 % of the
    bytes) hold nothing we use; parsing just these fragments is several times faster than parsing
    everything. The fragments go through the same safe parser; any surprise (a namespace prefix
    declared deeper down, a tag left open, no `<front>`) returns None and the whole document is parsed
    instead. Markup inside comments and CDATA is never taken for an element.
    """
    root = _ROOT.search(data)
    if root is None:
        return None
    skipped = _Skips(data, root.start())
    single = root.group(1) == b"article"  # one article: its end tag is the document's last

    arts = []
    pos = 0
    while True:
        m = _ARTICLE_START.search(data, pos)
        while m is not None and skipped(m.start()):
            m = _ARTICLE_START.search(data, m.end())
        if m is None:
            break
        tag_end = data.find(b">", m.start())
        end = data.rfind(b"</article>") if single else data.find(b"</article>", tag_end)
        if tag_end < 0 or end < 0 or data[tag_end - 1:tag_end] == b"/":
            return None
        f1 = data.find(b"</front>", tag_end, end)
        am0 = data.find(b"<article-meta", tag_end, f1)
        am1 = data.find(b"</article-meta>", tag_end, f1)
        if f1 < 0 or am0 < 0 or am1 < 0 or skipped(am0):
            return None
        parts = [data[m.start():tag_end + 1], b"<front>"]
        jm = _cut(data, b"journal-meta", tag_end, am0, skipped)
        if jm is None:
            return None
        parts += jm
        parts.append(b"<article-meta>")
        for tag in _META_PARTS:
            got = _cut(data, tag, am0, am1, skipped)
            if got is None:
                return None
            parts += got
        parts.append(b"</article-meta></front>")
        figs = _cut(data, b"fig", f1, end, skipped)
        if figs is None:
            return None
        parts += figs
        parts.append(b"</article>")
        arts.append(b"".join(parts))
        if single:
            break
        pos = end + 10
    if not arts:
        return None
    decl = _XML_DECL.match(data)
    head = decl.group(0) if decl else b""
    return head + (arts[0] if len(arts) == 1 else b"<pmc-articleset>" + b"".join(arts) + b"</pmc-articleset>")


SMALL_ARTICLE = 6144  # bytes


def parse_articles(data: bytes) -> list[Article]:
    """Every article in a JATS/NXML file or an efetch `<pmc-articleset>`; ItemError if refused."""
    root = None
    # below a few kB, cutting fragments costs more than parsing the bytes it would skip
    if len(data) > SMALL_ARTICLE and data[:256].lstrip()[:1] == b"<" and not looks_like_html(data):
        check_prolog(data, "jats")
        frag = _fragments(data)
        if frag is not None:
            try:  # the document's prolog and type were checked above; the fragment has none of its own
                root = etree.fromstring(frag, xml_parser())
            except etree.XMLSyntaxError:
                root = None  # the whole document decides (and names the error)
    if root is None:
        root = parse_bytes(data, "jats")
    name = _local(root.tag)
    if name == "article":
        return [_article(root)]
    return [_article(a) for a in root.iterchildren("article")]


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

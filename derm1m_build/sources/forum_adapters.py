"""Forum site adapters: where a forum keeps its threads, posts, images and answers, as selectors.

An adapter is data (a TOML table), so a new forum needs a recipe, not code. Each selector is CSS
(cssselect) by default, or XPath when prefixed `xpath:`. Selectors inside a post are relative to the
post element and may match the element itself (a class on the answer marks a physician's answer).

Keys (all strings; only `question` and `question_body` are required):
  thread_links   on a list page: <a> elements of threads          next_page        list page -> next list page <a>
  title          thread title                                      thread_next_page thread page -> next page <a>
  question       the opening post element                          answers          each reply element
  question_body / answer_body   the text of a post                 images           <img> (or <a>) in a post
  image_attr     attribute with the image URL (default "src"; "href" for links to full-size images)
  physician      marks a physician's or accepted answer            author           the poster's name (scrubbed)
  date           the post date (datetime attribute preferred)      signature        removed from a post's text
  remove         elements dropped from every post (quotes, buttons, ads)
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.etree
import lxml.html
from cssselect import GenericTranslator, SelectorError
from pydantic import ValidationError

from derm1m_build.errors import UserError
from derm1m_build.recipe import Section

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_POST_CHARS = 20_000  # a post longer than this is cut (and marked) before scrubbing


class AdapterConfig(Section):
    question: str
    question_body: str
    thread_links: str = ""
    next_page: str = ""
    title: str = ""
    thread_next_page: str = ""
    answers: str = ""
    answer_body: str = ""
    images: str = "img"
    image_attr: str = "src"
    physician: str = ""
    author: str = ""
    date: str = ""
    signature: str = ""
    remove: str = ""
    description: str = ""


def shipped_adapter_dir() -> Path:
    from derm1m_build.resources import data_dir

    return data_dir("adapters")


def load_adapter_file(path: Path) -> dict[str, AdapterConfig]:
    """One TOML file, `[NAME]` tables of adapter keys."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise UserError(f"adapter file {path}: cannot read it ({e})") from None
    out = {}
    for name, body in raw.items():
        if not isinstance(body, dict):
            raise UserError(f"adapter file {path}: [{name}] must be a table")
        try:
            out[name] = AdapterConfig(**body)
        except ValidationError as e:
            err = e.errors()[0]
            raise UserError(f"adapter {name} in {path}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None
        for key, sel in out[name].model_dump().items():
            if sel and key not in ("image_attr", "description"):
                try:
                    compile_selector(sel)
                except UserError as e:
                    raise UserError(f"adapter {name} in {path}: {key}: {e}") from None
    return out


def find_adapter(name: str, dirs: list[Path], inline: dict[str, AdapterConfig] | None = None) -> AdapterConfig:
    if inline and name in inline:
        return inline[name]
    for d in [*dirs, shipped_adapter_dir()]:
        if d.is_dir():
            for f in sorted(d.glob("*.toml")):
                found = load_adapter_file(f)
                if name in found:
                    return found[name]
    raise UserError(f"forum adapter {name!r} not found inline or in {[str(d) for d in dirs] + [str(shipped_adapter_dir())]}; "
                    f"define it under [harvest.forum.adapters.{name}] or in an adapters/*.toml file")


_XPATH_CACHE: dict[str, lxml.etree.XPath] = {}


def compile_selector(sel: str) -> lxml.etree.XPath:
    if sel not in _XPATH_CACHE:
        try:
            if sel.startswith("xpath:"):
                xp = sel[len("xpath:"):].strip()
            else:
                xp = GenericTranslator().css_to_xpath(sel, prefix="descendant-or-self::")
            _XPATH_CACHE[sel] = lxml.etree.XPath(xp)
        except (SelectorError, lxml.etree.XPathSyntaxError) as e:
            raise UserError(f"bad selector {sel!r}: {e}") from None
    return _XPATH_CACHE[sel]


def select(el: Any, sel: str) -> list[Any]:
    if not sel:
        return []
    try:
        res = compile_selector(sel)(el)
    except lxml.etree.XPathEvalError:
        return []
    return res if isinstance(res, list) else [res]


def element_text(el: Any, drop: list[str] = ()) -> str:
    """Readable text of an element: block elements and <br> become line breaks; dropped parts removed."""
    if isinstance(el, str):
        return el.strip()
    el = copy.deepcopy(el)
    for sel in drop:
        for bad in select(el, sel):
            if bad is el:
                return ""
            if hasattr(bad, "drop_tree"):
                bad.drop_tree()
    for bad in el.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for br in el.xpath(".//br"):
        br.tail = "\n" + (br.tail or "")
    for blk in el.xpath(".//p|.//div|.//li|.//blockquote|.//h1|.//h2|.//h3|.//h4|.//tr"):
        blk.tail = "\n" + (blk.tail or "")
    text = el.text_content()
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Bytes to text: UTF-8, else the declared charset, else cp1252/latin-1 (never fails)."""
    for enc in ("utf-8", _charset(content_type), _meta_charset(data)):
        if enc:
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("cp1252", errors="replace")


def _charset(ct: str | None) -> str:
    m = re.search(r"charset=([\w-]+)", ct or "", re.I)
    return m.group(1) if m else ""


def _meta_charset(data: bytes) -> str:
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii", "ignore") if m else ""


MAX_PAGE_CHARS = 8_000_000  # libxml2 drops text nodes over 10 MB without huge_tree; we refuse earlier


class LayoutMismatch(Exception):
    """The page does not have the adapter's layout (or cannot be a forum page at all)."""

    reason = "layout_mismatch"


class PageTooLarge(LayoutMismatch):
    reason = "page_too_large"


def parse_html(data: bytes | str, content_type: str | None = None) -> Any:
    text = data if isinstance(data, str) else decode_html(data, content_type)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    text = text.replace("\x00", "")
    if not text.strip():
        raise LayoutMismatch("empty page")
    if len(text) > MAX_PAGE_CHARS:
        raise PageTooLarge(f"{len(text)} characters")
    try:
        parser = lxml.html.HTMLParser(recover=True, no_network=True, huge_tree=False, remove_comments=True)
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as e:
        raise LayoutMismatch(f"unparseable: {e}") from None
    if root is None:
        raise LayoutMismatch("empty page")
    return root


@dataclass
class Post:
    role: str  # question | answer
    text: str
    images: list[str] = field(default_factory=list)  # absolute URLs (not yet checked)
    date: str = ""
    physician: bool = False
    author: str = ""  # only used to scrub names; never stored
    truncated: bool = False


@dataclass
class ThreadPage:
    title: str = ""
    posts: list[Post] = field(default_factory=list)
    next_url: str = ""


def _href(els: list[Any], attr: str, base: str) -> list[str]:
    out = []
    for e in els:
        v = e if isinstance(e, str) else (e.get(attr) or "")
        v = v.strip()
        if v and not v.startswith("#"):
            out.append(urljoin(base, v))
    return out


def _date(els: list[Any]) -> str:
    for e in els:
        if isinstance(e, str):
            return e.strip()[:40]
        return (e.get("datetime") or e.text_content()).strip()[:40]
    return ""


def list_page(adapter: AdapterConfig, root: Any, url: str) -> tuple[list[str], str]:
    """Thread URLs on a list page (in page order, no repeats) and the next list page, if any."""
    links = list(dict.fromkeys(_href(select(root, adapter.thread_links), "href", url)))
    nxt = _href(select(root, adapter.next_page), "href", url)
    return links, (nxt[0] if nxt else "")


def _post(adapter: AdapterConfig, el: Any, role: str, body_sel: str, url: str) -> Post:
    drop = [s for s in (adapter.signature, adapter.remove) if s]
    bodies = select(el, body_sel) if body_sel else [el]
    text = element_text(bodies[0], drop) if bodies else ""
    truncated = len(text) > MAX_POST_CHARS
    scope = bodies[0] if bodies and not isinstance(bodies[0], str) else el
    images = _href(select(scope, adapter.images), adapter.image_attr, url) if adapter.images else []
    authors = select(el, adapter.author)
    author = element_text(authors[0]) if authors else ""
    physician = bool(adapter.physician and select(el, adapter.physician))
    return Post(role, text[:MAX_POST_CHARS], list(dict.fromkeys(images)), _date(select(el, adapter.date)),
                physician, author, truncated)


def thread_page(adapter: AdapterConfig, root: Any, url: str, first: bool) -> ThreadPage:
    """The posts on one thread page. The first page must contain the question, or the layout does not match."""
    page = ThreadPage()
    titles = select(root, adapter.title)
    page.title = element_text(titles[0]) if titles else ""
    q_nodes = select(root, adapter.question)
    if first:
        if not q_nodes or isinstance(q_nodes[0], str):
            raise LayoutMismatch(f"no element matches question selector {adapter.question!r}")
        page.posts.append(_post(adapter, q_nodes[0], "question", adapter.question_body, url))
    q_el = q_nodes[0] if q_nodes and first else None  # on later pages every post is an answer
    for a in select(root, adapter.answers):
        if a is q_el or isinstance(a, str):
            continue
        page.posts.append(_post(adapter, a, "answer", adapter.answer_body, url))
    nxt = _href(select(root, adapter.thread_next_page), "href", url)
    page.next_url = nxt[0] if nxt else ""
    return page

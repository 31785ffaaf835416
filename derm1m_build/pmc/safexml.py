"""Parse untrusted XML with lxml without ever loading a DTD, an external entity or the network.

JATS, E-utilities and OA-service responses come from the open web (or a mirror, or a package someone
handed us). Two layers keep XXE and entity-expansion ("billion laughs") payloads inert:
1. a document with an internal DTD subset (`<!DOCTYPE x [ ... ]>`) is refused before parsing: real
   JATS/E-utilities files only ever name an external DTD by public id, which we never fetch;
2. the lxml parser itself runs with `resolve_entities=False, load_dtd=False, no_network=True`,
   `huge_tree=False`, so even a payload that slipped past (1) expands nothing and reads nothing.
Comments and processing instructions are dropped at parse time: a licence inside an XML comment
(a real PMC quirk) must not count as a licence.
"""

from __future__ import annotations

import re

from lxml import etree

from derm1m_build.errors import ItemError

_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_ROOT_START = re.compile(rb"<[A-Za-z_]")  # the root element's start tag ends the prolog


def xml_parser() -> etree.XMLParser:
    """The one parser configuration for untrusted XML (no DTD, no entities, no network, no comments)."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=False,
                           collect_ids=False)


def looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<html", b"<!doctype html", b"<head", b"<body")) or b"<html" in head[:200]


def check_prolog(data: bytes, what: str = "xml") -> None:
    """Refuse an internal DTD subset or entity declarations (only the prolog can hold them)."""
    m = _ROOT_START.search(data)
    prolog = data[: m.start()] if m else data
    if _INTERNAL_SUBSET.search(prolog) or _ENTITY_DECL.search(prolog):
        raise ItemError(f"{what}_dtd_refused", "internal DTD subset / entity declarations are not accepted")


def parse_bytes(data: bytes, what: str = "xml") -> etree._Element:
    """The root element of `data`, or ItemError(reason) naming why the bytes were refused."""
    if not data or not data.strip():
        raise ItemError(f"{what}_empty")
    if looks_like_html(data):
        raise ItemError(f"{what}_is_html", data[:80].decode("utf-8", "replace").strip())
    check_prolog(data, what)
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as e:
        raise ItemError(f"{what}_malformed", str(e).splitlines()[0][:200]) from None
    if root is None:
        raise ItemError(f"{what}_malformed", "no root element")
    return root


_parser = xml_parser  # short alias used by tests

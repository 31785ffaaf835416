"""Text that attacks its reader: spreadsheet formulas, invisible characters, Markdown/HTML injection.

Captions come from strangers. Three things are done to every text value before it is written where people
and tools read it:

- `clean`: characters that are invisible or reorder what is shown are removed: C0/C1 control characters
  (NUL included; tab and newline stay), bidirectional overrides/embeddings/isolates (U+202A-U+202E,
  U+2066-U+2069, U+200E/U+200F, U+061C), zero-width characters (U+200B-U+200D, U+2060, U+FEFF). CR and
  CR LF become LF, U+2028/U+2029 become LF. A NUL is removed, so it never becomes a sentence break.
- `neutralise`: a CSV value a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab
  or CR) gets one leading apostrophe `'` (the OWASP convention: spreadsheets show the text and hide the
  apostrophe). Plain numbers (`-5`, `+3.2`) are left alone. The rule is exactly reversible: a value that
  already starts with apostrophes followed by one of those characters gets one more, so a reader restores
  the original with `original(value)` (drop one leading `'` when the value matches `'+[=+\\-@\\t\\r]`).
  pandas (Derm1M's loader) reads the column as text; CLIP tokenisation sees one extra `'` on those rows.
- `md`: a value placed in DATASHEET.md is one line, with Markdown and HTML specials escaped, so a licence
  or source name cannot add headings, links, tables or `<img>`.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_RESTORE = re.compile(r"'+[=+\-@\t\r]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>&~])")
_MD_LEAD = re.compile(r"^([+\-=]+(?=\s|$)|\d+[.)](?=\s|$))")  # list items, setext underlines


def clean(text: str) -> str:
    """`text` without control, bidi-override and zero-width characters; newlines as LF."""
    if not text:
        return text
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def neutralise(value: str) -> str:
    """`value` safe to open in a spreadsheet: a formula-leading value gets one leading apostrophe."""
    if value and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def original(value: str) -> str:
    """The value before `neutralise` (for readers that want it back exactly)."""
    return value[1:] if value and _RESTORE.match(value) else value


def csv_value(value):
    """What the final writer puts in a CSV cell for a text value."""
    return neutralise(clean(value)) if isinstance(value, str) else value


def md(value: object, limit: int = 200) -> str:
    """A value for DATASHEET.md: cleaned, one line, at most `limit` characters, Markdown/HTML escaped."""
    s = " ".join(clean(str(value)).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return _MD_LEAD.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1] if m.group()[0].isdigit()
                        else "\\" + m.group(), s)

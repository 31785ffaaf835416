"""Privacy scrubbing of forum text before it can reach a caption.

Removes e-mail addresses, URLs, phone numbers, @handles, the names of every poster in the thread, and
signatures (a line "-- " and what follows it; "Sent from my ..." lines; trailing sign-offs such as
"Thanks, Anna"). Removed spans leave nothing behind: a caption model must not learn placeholders.
Regexes are deliberately broad: losing a number from a caption costs little, leaking one costs a lot.
"""

from __future__ import annotations

import re
from typing import Iterable

# The e-mail pattern as one regex (kept as the reference the scrubber must agree with); `EMAIL.sub` backtracks
# quadratically on text like "a.a.a.a..." with no "@" (20 kB took 18 s), so `scrub_emails` finds the same
# spans from the anchors ("@", "[at]", "(at)") outwards in linear time.
EMAIL = re.compile(r"[\w.+-]+(?:@|\s*(?:\[at\]|\(at\))\s*)[\w-]+(?:(?:\.|\s*(?:\[dot\]|\(dot\))\s*)[\w-]+)+", re.I)
_ANCHOR = re.compile(r"@|\[at\]|\(at\)", re.I)
_DOMAIN = re.compile(r"[\w-]+(?:(?:\.|\s*(?:\[dot\]|\(dot\))\s*)[\w-]+)+", re.I)
# Bare domains: labels of at most 63 characters (the DNS limit) and at most 9 of them. Unbounded, the
# pattern backtracked quadratically on "a.a.a.a..." (10 kB took 21 s); bounded, each start costs a constant.
URL = re.compile(r"\b(?:https?://|ftp://|www\.)\S+|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:com|org|net|info|io|co|uk|de|fr|es|ru)"
                 r"(?:/\S*)?\b", re.I)
# 7+ digits with optional +country, spaces, dots, dashes and brackets (not sizes like "3 mm" or years).
PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,4}(?![\w/])")
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_][A-Za-z0-9_.-]{1,30}")
SIG_DELIM = re.compile(r"(?m)^\s*--\s*$[\s\S]*\Z")
SENT_FROM = re.compile(r"(?im)^\s*sent from my [^\n]*$")
SIGN_OFF = re.compile(r"(?is)\n\s*(?:thanks|thank you|regards|best regards|kind regards|cheers|best|cordially|"
                      r"saludos|gracias|grüße|merci|cordialement)[ ,!.]*\n\s*[^\n]{1,40}\s*\Z")


def _local_char(c: str) -> bool:
    return c.isalnum() or c in "_.+-"  # the regex class [\w.+-]


def scrub_emails(text: str, repl: str = " ") -> str:
    """`EMAIL.sub(repl, text)` in linear time: each anchor is extended left over the local part (never
    past the previous match) and right over the domain, which stops at the next anchor."""
    out, last = [], 0
    pos = 0
    n = len(text)
    while True:
        m = _ANCHOR.search(text, pos)
        if not m:
            break
        a, b = m.start(), m.end()
        pos = b
        at = m.group() == "@"
        j = a
        if not at:
            while j > last and text[j - 1].isspace():
                j -= 1
        k = j
        while k > last and _local_char(text[k - 1]):
            k -= 1
        if k == j:
            continue
        d = b
        if not at:
            while d < n and text[d].isspace():
                d += 1
        dm = _DOMAIN.match(text, d)
        if not dm:
            continue
        out.append(text[last:k])
        out.append(repl)
        last = pos = dm.end()
    out.append(text[last:])
    return "".join(out)


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _name_variants(names: Iterable[str]) -> set[str]:
    """Each name, and each capitalised part of a multi-word name ("Daniel Lemire" -> "Daniel", "Lemire"),
    since replies address people by first name."""
    out = set()
    for n in names:
        n = (n or "").strip()
        if len(n) < 2:
            continue
        out.add(n)
        parts = n.split()
        if len(parts) > 1:
            out.update(p.strip(".,") for p in parts if len(p.strip(".,")) >= 3 and p[:1].isupper())
    return out


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """Text with personal identifiers removed; `names` are the thread's usernames (never kept)."""
    t = SIG_DELIM.sub("", text)
    t = SENT_FROM.sub("", t)
    t = SIGN_OFF.sub("\n", t)
    t = scrub_emails(t)
    t = URL.sub(" ", t)
    t = PHONE.sub(lambda m: " " if _digits(m.group()) >= 7 else m.group(), t)
    t = HANDLE.sub(" ", t)
    for name in sorted(_name_variants(names), key=lambda n: (-len(n), n)):
        t = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ", t, flags=re.I)
    t = re.sub(r"[ \t]+", " ", t)
    t = re.sub(r" *\n *", "\n", t)
    t = re.sub(r"\n{3,}", "\n\n", t)
    t = re.sub(r" ([,.;:!?])", r"\1", t)
    t = re.sub(r"([,;:])[,;:]+", r"\1", t)
    t = re.sub(r"(?m)^[,;:]+ ?", "", t)
    return t.strip()

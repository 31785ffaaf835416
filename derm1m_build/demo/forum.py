"""Demo forum sites for the `forum` source, served as static pages from the demo corpus root.

`root/forum/askderm/` follows stages/adapters/askderm.toml (paginated list, a two-page thread, a
physician's answer, attachments) and `root/forum/skinqa/` follows skinqa.toml (table layout, accepted
answer, a Spanish thread). Traps the harvester must handle: a thread under a robots.txt-disallowed
path, a link to a host not on the allow-list, a removed thread whose layout matches no adapter, a
missing photo (404), and posts full of e-mail addresses, phone numbers, handles, URLs and signatures.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from derm1m_build.demo import images as gen
from derm1m_build.demo.corpus import CASES
from derm1m_build.store import atomic_write_bytes

ROBOTS = "User-agent: *\nDisallow: /forum/askderm/private/\n"

NAMES = ["anna_k", "mike1987", "skinworried", "lisa.m", "rjones", "sunny_day"]


def _w(root: Path, rel: str, text: str) -> None:
    atomic_write_bytes(root / rel, text.encode("utf-8"))


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
            f"<body>{body}</body></html>")


def _photo(root: Path, rel: str, seed: int, style: str) -> None:
    atomic_write_bytes(root / rel, gen.to_jpeg(gen.skin_photo(seed, size=320, style=style)))


def _askderm(root: Path, seed: int, rng: np.random.Generator) -> int:
    base = "forum/askderm"
    threads = []
    for i in range(5):
        case = CASES[(i * 3) % len(CASES)]
        user, site = NAMES[i % len(NAMES)], case["sites"][0]
        tid = f"{100 + i}"
        photos = []
        for k in range(1 + (i % 2)):
            rel = f"{base}/img/{tid}-{k}.jpg"
            _photo(root, rel, seed * 5000 + i * 10 + k, case["style"])
            photos.append(rel)
        extra = ""
        if i == 1:
            extra = (f"<p>You can e-mail me at {user}@example.com or call +1 (555) 123-4567, or ping @{user}_x "
                     f"on twitter; more pics at https://imgur.example/a/xyz</p>")
        if i == 4:  # a photo link that is gone
            photos.append(f"{base}/img/{tid}-missing.jpg")
        atts = "".join(f"<a class=\"attachment\" href=\"/{p}\"><img src=\"/{p}?thumb=1\"></a>" for p in photos)
        q = (f"<article class=\"question\"><h1 class=\"q-title\">{case['lay'].capitalize()} on my {site}?</h1>"
             f"<div class=\"meta\"><span class=\"username\">{user}</span> <time datetime=\"2024-0{1 + i}-1{i}\">"
             f"{1 + i} days ago</time></div><div class=\"q-body\"><p>Hi, I am {user}. I have had {case['lay']} on "
             f"my {site} for about {2 + i} weeks and it is getting worse.</p>{extra}<div class=\"attachments\">{atts}"
             f"</div><div class=\"signature\">-- {user} | Sent with love from Ohio</div></div></article>")
        lay_answer = (f"<div class=\"answer\"><span class=\"username\">{NAMES[(i + 1) % len(NAMES)]}</span>"
                      f"<div class=\"a-body\"><blockquote class=\"quote\">quoted text</blockquote>"
                      f"<p>I had the same thing, {user}, try moisturiser.</p></div></div>")
        doc_answer = (f"<div class=\"answer\"><span class=\"username\">DrSmithMD</span><span class=\"badge badge-doctor\">"
                      f"Verified Physician</span><div class=\"a-body\"><p>This looks like {case['dx']}: "
                      f"{case['desc']}. Please see a dermatologist to confirm.</p><p>Best regards,<br>Dr. Smith</p>"
                      f"</div></div>")
        if i == 0:  # two pages; the physician answers on page 2
            p2 = f"{base}/t/{tid}-2.html"
            _w(root, f"{base}/t/{tid}.html", _page("t", q + lay_answer +
                                                   f"<nav class=\"thread-pager\"><a class=\"next\" href=\"/{p2}\">2</a></nav>"))
            _w(root, p2, _page("t", f"<article class=\"op-stub\"></article>{doc_answer}"))
        elif i == 3:  # nobody answered as a physician
            _w(root, f"{base}/t/{tid}.html", _page("t", q + lay_answer))
        else:
            _w(root, f"{base}/t/{tid}.html", _page("t", q + lay_answer + doc_answer))
        threads.append(f"/{base}/t/{tid}.html")
    # a removed thread (no question element), a robots-disallowed thread, a link off the allow-list
    _w(root, f"{base}/t/199.html", _page("removed", "<div class=\"notice\">This thread was removed by a moderator.</div>"))
    _w(root, f"{base}/private/t/1.html", _page("private", "<article class=\"question\"><div class=\"q-body\">secret</div></article>"))
    threads += [f"/{base}/t/199.html", f"/{base}/private/t/1.html", "http://derm-forum.example.com/t/5.html"]

    def listing(items: list[str], nxt: str) -> str:
        lis = "".join(f"<li class=\"topic\"><a class=\"topic-link\" href=\"{t}\">thread</a></li>" for t in items)
        pager = f"<nav class=\"pager\"><a rel=\"next\" href=\"{nxt}\">next</a></nav>" if nxt else ""
        return _page("AskDerm", f"<ul class=\"topics\">{lis}</ul>{pager}")

    _w(root, f"{base}/index.html", listing(threads[:4], f"/{base}/index-2.html"))
    _w(root, f"{base}/index-2.html", listing(threads[4:], ""))
    return 5


def _skinqa(root: Path, seed: int, rng: np.random.Generator) -> int:
    base = "forum/skinqa"
    posts_text = [
        ("I have a ring-shaped rash on my arm, it itches a lot. What could it be?", 6),
        ("Tengo manchas rojas con escamas en los codos desde hace un mes y me pican mucho. ¿Qué puede ser?", 0),
        ("There is a shiny bump on my nose that bleeds sometimes when I wash my face.", 3),
    ]
    rows = []
    for i, (text, ci) in enumerate(posts_text):
        case = CASES[ci]
        tid = f"{i + 1}"
        img = f"{base}/files/{tid}.jpg"
        _photo(root, img, seed * 6000 + i, case["style"])
        asker, other = NAMES[(i + 2) % len(NAMES)], NAMES[(i + 3) % len(NAMES)]
        q = (f"<tr class=\"post\"><td class=\"author\"><b>{asker}</b></td><td class=\"content\">"
             f"<span class=\"postdate\">2023-1{i}-05</span><div class=\"postbody\">{html.escape(text)}<br>"
             f"<img class=\"upload\" src=\"/{img}\"><img class=\"smiley\" src=\"/{base}/smile.gif\"></div>"
             f"<div class=\"sig\">{asker} -- www.{asker.replace('.', '')}-blog.example</div></td></tr>")
        reply = (f"<tr class=\"post\"><td class=\"author\"><b>{other}</b></td><td class=\"content\"><div class=\"postbody\">"
                 f"No idea, sorry {asker}.</div></td></tr>")
        if i == 1:
            answer = ("<tr class=\"post accepted\"><td class=\"author\"><b>dra_garcia</b></td><td class=\"content\">"
                      "<div class=\"postbody\">Parece psoriasis: placas eritematosas bien delimitadas con escama "
                      "plateada. Consulte a un dermatólogo.</div></td></tr>")
        else:
            answer = (f"<tr class=\"post\"><td class=\"author\"><b>drkhan</b> <span class=\"role-md\">MD</span></td>"
                      f"<td class=\"content\"><div class=\"postbody\">Most likely {case['dx']}: {case['desc']}."
                      f"</div></td></tr>")
        _w(root, f"{base}/viewtopic-{tid}.html",
           _page("SkinQA", f"<h2 class=\"topic-title\">Question {tid}</h2><table class=\"posts\">{q}{reply}{answer}</table>"))
        rows.append(f"<tr><td class=\"topic\"><a class=\"topictitle\" href=\"viewtopic-{tid}.html\">Q{tid}</a></td></tr>")
    _w(root, f"{base}/index.html", _page("SkinQA", f"<table>{''.join(rows)}</table>"))
    return 3


def generate_forum(root: Path, seed: int = 7) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    root = Path(root)
    _w(root, "robots.txt", ROBOTS)
    return {"forum_threads": _askderm(root, seed, rng) + _skinqa(root, seed, rng)}

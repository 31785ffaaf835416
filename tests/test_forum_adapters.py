"""Forum adapters, privacy scrubbing and `inspect html`, on real and generated pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import cli
from derm1m_build.commands.inspect_html import inspect_html_lines
from derm1m_build.demo.forum import generate_forum
from derm1m_build.errors import UserError
from derm1m_build.sources.forum_adapters import find_adapter, load_adapter_file
from derm1m_build.sources.privacy import scrub

ADAPTERS = Path(__file__).parent / "data" / "forum_adapters"
LEMIRE = "forum_html/lemire.me.json_blogpost_with_comment_thread.html"


def test_inspect_real_wordpress_thread(realdata):
    p = cli("inspect", "html", "--adapter", "wordpress", "--adapters-dir", ADAPTERS, realdata / LEMIRE)
    assert p.returncode == 0, p.stderr
    recs = [json.loads(ln) for ln in p.stdout.splitlines()]
    assert [(r["type"], r["role"], r["physician"]) for r in recs] == [
        ("post", "question", False), ("post", "answer", False), ("post", "answer", False),
        ("post", "answer", True), ("post", "answer", False), ("post", "answer", True)]
    assert recs[0]["text"].startswith("JSON is the ubiquitous data format on the Internet.")
    assert recs[0]["date"] == "2019-08-02T15:57:41+00:00"
    assert recs[3]["text"] == "We are working toward releasing version 0.2 on vcpkg."
    assert recs[4]["text"].startswith("you wrote “[JSON for Modern C++] is designed for ease-of-use")
    assert all(r["images"] == [] for r in recs)  # avatars sit outside the post bodies
    low = p.stdout.lower()
    for name in ("degski", "daniel", "lemire", "wmu", "gravatar"):
        assert name not in low


def test_inspect_layout_mismatch_is_a_record_not_a_crash(realdata):
    p = cli("inspect", "html", "--adapter", "askderm", realdata / LEMIRE)
    assert p.returncode == 0
    assert [json.loads(ln) for ln in p.stdout.splitlines()] == [
        {"type": "error", "reason": "layout_mismatch", "detail": "no element matches question selector 'article.question'"}]


def test_inspect_unknown_adapter_one_line_error(tmp_path):
    f = tmp_path / "x.html"
    f.write_text("<p>x</p>")
    p = cli("inspect", "html", "--adapter", "nope", f)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.startswith("error: forum adapter 'nope' not found")


def test_askderm_generated_thread(tmp_path):
    generate_forum(tmp_path, 7)
    recs = inspect_html_lines("askderm", tmp_path / "forum/askderm/t/101.html", [], "http://forum.test/forum/askderm/t/101.html")
    assert [(r["type"], r.get("role"), r.get("physician")) for r in recs] == [
        ("post", "question", False), ("post", "answer", False), ("post", "answer", True), ("pair", None, None), ("pair", None, None)]
    assert recs[0]["images"] == ["http://forum.test/forum/askderm/img/101-0.jpg", "http://forum.test/forum/askderm/img/101-1.jpg"]
    assert recs[0]["text"] == ("Hi, I am. I have had a shiny bump that bleeds on my nose for about 3 weeks and it is getting "
                               "worse.\nYou can e-mail me at or call, or ping on twitter; more pics at")
    assert recs[1]["text"] == "I had the same thing, try moisturiser."  # quote block removed, name scrubbed
    assert recs[3]["text"] == (
        "A shiny bump that bleeds on my nose?\n" + recs[0]["text"] + "\nDoctor's answer: This looks like basal cell "
        "carcinoma: a pearly papule with rolled borders and telangiectasia. Please see a dermatologist to confirm.")


def test_skinqa_xpath_adapter_accepted_answer(tmp_path):
    generate_forum(tmp_path, 7)
    recs = inspect_html_lines("skinqa", tmp_path / "forum/skinqa/viewtopic-2.html", [], "http://f.test/forum/skinqa/viewtopic-2.html")
    assert [(r["type"], r.get("physician"), r.get("lang")) for r in recs] == [
        ("post", False, "es"), ("post", False, "und"), ("post", True, "es"), ("pair", None, None)]
    assert recs[3] == {"type": "pair", "image": "http://f.test/forum/skinqa/files/2.jpg", "text":
                       "Question 2\nTengo manchas rojas con escamas en los codos desde hace un mes y me pican mucho. "
                       "¿Qué puede ser?\nDoctor's answer: Parece psoriasis: placas eritematosas bien delimitadas con "
                       "escama plateada. Consulte a un dermatólogo."}


@pytest.mark.parametrize("text,names,expected", [
    ("Mail me at jane.doe@example.com or jane [at] mail [dot] org please", [], "Mail me at or please"),
    ("Call +1 (555) 123-4567 or 0171 234 5678 today", [], "Call or today"),
    ("The spot is 3 mm wide since 2019, about 12 x 8 mm", [], "The spot is 3 mm wide since 2019, about 12 x 8 mm"),
    ("See https://imgur.com/a/xyz and www.derm.example/x for photos", [], "See and for photos"),
    ("thanks @dr_house and @Mary.K!", [], "thanks and!"),
    ("Hi Anna, it itches.\n-- \nAnna K\nwww.annas-blog.com", ["Anna K"], "Hi, it itches."),
    ("It itches.\nSent from my iPhone", [], "It itches."),
    ("It has grown.\n\nThanks,\nMike", [], "It has grown."),
    ("skinworried here: skinworried's rash", ["skinworried"], "here: 's rash"),
])
def test_scrub(text, names, expected):
    assert scrub(text, names) == expected


def test_bad_adapter_file_is_one_line_error(tmp_path):
    (tmp_path / "bad.toml").write_text('[x]\nquestion = "div[["\nquestion_body = "p"\n')
    with pytest.raises(UserError, match=r"adapter x in .*bad.toml: question: bad selector 'div\[\['"):
        load_adapter_file(tmp_path / "bad.toml")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "bad2.toml").write_text('[y]\nquestion = "div"\nquestion_body = "p"\nspeling = "x"\n')
    with pytest.raises(UserError, match="adapter y in .*: speling: Extra inputs are not permitted"):
        find_adapter("y", [tmp_path / "d"])

"""The `edu` source: figures and captions from PDF books, title+bullets from slides, bad PDFs recorded."""

from __future__ import annotations

from pathlib import Path

from derm1m_build.demo.edu import atlas_pdf, slides_pdf
from derm1m_build.sources.edu import Line, figure_caption, slide_text
from derm1m_build.testing.faultserver import FaultServer, Reply
from sources_util import harvest, source_from

HOSTILE = Path(__file__).parent / "data" / "hostile" / "edu"


def test_atlas_and_slides(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "atlas.pdf").write_bytes(atlas_pdf(7))
    (tmp_path / "docs" / "deck.pdf").write_bytes(slides_pdf(7))
    src = source_from(tmp_path, f'[harvest.edu]\npaths = ["{tmp_path / "docs"}"]\nlicense = "CC-BY-4.0"\n', "edu")
    kept, dropped, rep = harvest(src)
    assert rep.fetched == 2
    got = sorted((r["meta"]["document"], r["meta"]["page"], r["meta"]["image"], r["meta"]["kind"], r["raw_text"]) for r in kept)
    assert got == [
        ("docs/atlas.pdf", 1, 0, "book", "Figure 1.1 Psoriasis on the elbow: well-demarcated erythematous plaques with silvery scale."),
        ("docs/atlas.pdf", 1, 1, "book", "Fig. 1.2 Atopic dermatitis: ill-defined erythematous lichenified plaques with excoriations."),
        ("docs/atlas.pdf", 2, 0, "book", "Figure 2.1 Melanoma on the back: an asymmetric pigmented lesion with irregular borders and "
                                         "colour variegation."),
        ("docs/atlas.pdf", 2, 1, "book", "Fig. 2.2 Basal cell carcinoma: a pearly papule with rolled borders and telangiectasia."),
        ("docs/deck.pdf", 1, 0, "slides", "Tinea corporis: An annular erythematous patch with a scaly advancing border and central "
                                          "clearing; Typical sites: arm, trunk; Patients describe a ring-shaped rash"),
        ("docs/deck.pdf", 2, 0, "slides", "Herpes zoster: Grouped vesicles on an erythematous base in a dermatomal distribution; "
                                          "Typical sites: chest, back; Patients describe painful blisters in a band"),
        ("docs/deck.pdf", 3, 0, "slides", "Actinic keratosis: Rough erythematous scaly macules on sun-damaged skin; Typical sites: "
                                          "forehead, scalp, hands; Patients describe rough scaly spots"),
    ]
    assert sorted(r["meta"].get("label", "") for r in kept) == ["", "", "", "Fig. 1.2", "Fig. 2.2", "Figure 1.1", "Figure 2.1"]
    assert sorted((m["document"], m["page"], r) for m, r in dropped) == [
        ("docs/atlas.pdf", 1, "image_too_small"), ("docs/atlas.pdf", 2, "image_too_small"), ("docs/atlas.pdf", 3, "scanned_page")]
    groups = {r["meta"]["document"]: set() for r in kept}
    for r in kept:
        groups[r["meta"]["document"]].add(r["group_id"])
    assert all(len(g) == 1 for g in groups.values()) and len({next(iter(g)) for g in groups.values()}) == 2
    assert {r["license"] for r in kept} == {"CC-BY-4.0"} and {r["source_type"] for r in kept} == {"edu"}


def test_hostile_pdfs_recorded(tmp_path):
    src = source_from(tmp_path, f'[harvest.edu]\npaths = ["{HOSTILE}"]\n', "edu")
    kept, dropped, rep = harvest(src)
    assert kept == []
    assert sorted((m["document"], r) for m, r in dropped) == [
        ("edu/bad_xref.pdf", "scanned_page"), ("edu/bomb_image_with_text.pdf", "image_too_large"),
        ("edu/empty.pdf", "pdf_corrupt"), ("edu/garbage_after_header.pdf", "pdf_corrupt"),
        ("edu/header_only.pdf", "pdf_corrupt"), ("edu/not_a_pdf.pdf", "pdf_corrupt"), ("edu/truncated.pdf", "pdf_corrupt")]


def test_pdf_urls_with_faults(tmp_path):
    with FaultServer() as srv:
        srv.on("/robots.txt", Reply(404))
        srv.on("/atlas.pdf", Reply(503, "busy"), Reply(200, atlas_pdf(7), content_type="application/pdf"))
        srv.on("/page.pdf", Reply(200, "<html>login</html>", content_type="text/html"))
        srv.on("/gone.pdf", Reply(404))
        body = (f'[harvest.edu]\nurls = ["{srv.url}/atlas.pdf", "{srv.url}/page.pdf", "{srv.url}/gone.pdf", '
                f'"http://books.example.org/x.pdf"]\nallow_hosts = ["127.0.0.1"]\nbackoff = 0.01\n')
        kept, dropped, rep = harvest(source_from(tmp_path, body, "edu"))
        assert rep.failed == {"host_not_allowed": 1, "http_404": 1, "wrong_content_type": 1}
        assert len(kept) == 4 and srv.requests_to("/atlas.pdf") == 2
        assert sorted(r for _, r in dropped if r not in ("image_too_small", "scanned_page")) == [
            "host_not_allowed", "http_404", "wrong_content_type"]


def L(text: str, top: float, left: float = 100, right: float = 400, h: float = 10) -> Line:
    return Line(text, left, top - h, right, top)


def test_figure_caption_nearest_label_and_continuation():
    lines = [L("Chapter text about eczema.", 760), L("Figure 2 Above the image.", 740),
             L("Figure 3 Below the image, first line", 390), L("and its second line.", 378), L("Body text far below.", 200)]
    assert figure_caption(lines, (100, 400, 400, 700), 72) == (
        "Figure 3 Below the image, first line and its second line.", "label")
    assert figure_caption(lines, (100, 300, 400, 700), 20) == ("", "none")
    assert figure_caption([L("Unlabelled caption under it.", 395)], (100, 400, 400, 700), 72) == (
        "Unlabelled caption under it.", "nearby")


def test_slide_title_and_bullets():
    lines = [L("Psoriasis", 500, h=24), L("• Silvery scale", 400), L("– Extensor surfaces", 380), L("inside the photo", 250)]
    assert slide_text(lines, [(90, 100, 450, 300)]) == ("Psoriasis", "Silvery scale; Extensor surfaces")

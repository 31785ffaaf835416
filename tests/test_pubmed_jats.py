"""JATS parsing against the real files in ../shared/realdata/jats, the licence encodings, and hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from derm1m_build.errors import ItemError
from derm1m_build.pmc import licence as lic
from derm1m_build.pmc.jats import parse_articles, resolve_graphic
from derm1m_build.pmc.safexml import _parser

HOSTILE = Path(__file__).parent / "data" / "hostile" / "pmc"


def _one(realdata, rel):
    arts = parse_articles((realdata / "jats" / rel).read_bytes())
    assert len(arts) == 1
    return arts[0]


def test_efetch_articleset_correction(realdata):
    a = _one(realdata, "biopython/efetch_pmc_articleset_PMC_correction.xml")
    assert (a.pmcid, a.pmid, a.doi, a.article_type) == ("PMC8435807", "34527728", "10.1183/23120541.50193-2021", "correction")
    assert (a.licence, a.licence_source, a.journal, a.year) == ("CC-BY-NC-4.0", "license_ref", "ERJ Open Research", 2021)
    assert a.figures == []


def test_europepmc_jats14_labels_upper_and_ali_licence(realdata):
    a = _one(realdata, "europepmc/PMC13255143_skin_closure_CIED.xml")
    assert (a.pmcid, a.pmid, a.doi, a.year) == ("PMC13255143", "42274220", "10.1111/anec.70198", 2026)
    assert (a.licence, a.licence_source, a.licence_url) == ("CC-BY-4.0", "license_ref", "https://creativecommons.org/licenses/by/4.0/")
    assert [(f.label, f.number, f.graphics[0], f.caption) for f in a.figures] == [
        ("FIGURE 1", "1", "ANEC-31-e70198-g004.jpg", "PRISMA flow diagram."),
        ("FIGURE 2", "2", "ANEC-31-e70198-g001.jpg", "Risk of bias assessment."),
        ("FIGURE 3", "3", "ANEC-31-e70198-g002.jpg", "Forest plots of primary outcomes comparing different wound closure "
         "techniques after cardiac implantable electronic device (CIED) implantation."),
        ("FIGURE 4", "4", "ANEC-31-e70198-g006.jpg", "Funnel plot."),
        ("FIGURE 5", "5", "ANEC-31-e70198-g005.jpg", "Summary of findings."),
    ]


def test_nar_archiving_dtd_trailing_dot_labels_and_xlink_licence(realdata):
    a = _one(realdata, "europepmc/PMC3258128_NAR_miR122.xml")
    assert (a.pmcid, a.pmid, a.doi, a.journal, a.year) == ("PMC3258128", "", "10.1093/nar/gkr715", "Nucleic Acids Research", 2011)
    assert (a.licence, a.licence_source) == ("CC-BY-NC-3.0", "url")
    assert [f.label for f in a.figures] == ["Figure 1.", "Figure 2.", "Figure 3.", "Figure 4.", "Figure 5."]
    assert [f.graphics for f in a.figures] == [["gkr715f1"], ["gkr715f2"], ["gkr715f3"], ["gkr715f4"], ["gkr715f5"]]
    # <bold>A</bold> inside parentheses is flattened without stray spaces
    assert a.figures[1].caption == (
        "A significant enrichment of miR-122 targets by biotin-tagged miR-122. (A) Different seed types of miR-122. "
        "(B) The occurrence of miR-122 6-, 7- or 8-nt seed sequence matches in biotin-miR-122 enriched mRNAs (grey "
        "columns) and in all human annotated genes (white columns).")
    assert a.figures[4].caption == (
        "The regulation of miRNA maturation and PKR pathway by TRBP and PRKRA. PRKRA and TRBP involved in the regulation "
        "of PKR pathway and the maturation of miRNAs through interacting with PKR or Dicer, respectively.")


def test_caption_title_and_paragraph_joined_with_a_space(realdata):
    a = _one(realdata, "europepmc/PMC_10.1042_bst20253065_PROTACs_minireview.xml")
    assert (a.pmcid, a.pmid, a.licence, a.year) == ("PMC12599256", "41032705", "CC-BY-4.0", 2025)
    assert len(a.figures) == 3
    f1 = a.figures[0]
    assert f1.title == "PROTACs and covalent strategies can introduce neoantigens targetable with antibodies."
    assert f1.caption.startswith("PROTACs and covalent strategies can introduce neoantigens targetable with antibodies. "
                                 "(A) Jensen et al. [20] and Moser et al. [21] find")
    assert f1.caption.endswith("(D) Covalent ligands can form neo-haptens which are targetable by bispecific antibodies "
                               "[26,27]. Figure created with Biorender.")


JATS = """<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Archiving and Interchange DTD v2.3 20070202//EN" "archivearticle.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="case-report"><front><article-meta>
<article-id pub-id-type="pmc">123</article-id><title-group><article-title>M<italic>m</italic>PPOX of the skin</article-title></title-group>
<pub-date pub-type="ppub"><year>2008</year></pub-date>{perms}</article-meta></front>
<body><p>text</p></body><floats-group><fig id="F1"><label>Figure 1</label><caption><title>Title</title><p>First  <bold>line</bold>
 with <xref ref-type="bibr">[1]</xref> ref<sup>2</sup>.</p><p>Second.</p></caption><graphic xlink:href="f1"/></fig></floats-group></article>"""


@pytest.mark.parametrize("perms,expected", [
    ('<permissions><license license-type="open-access" xlink:href="http://creativecommons.org/licenses/by/2.0"><license-p>x</license-p></license></permissions>', ("CC-BY-2.0", "url")),
    ('<permissions><license license-type="creative-commons" xlink:href="http://creativecommons.org/licenses/by-nc/3.0/"/></permissions>', ("CC-BY-NC-3.0", "url")),
    ('<permissions><license license-type="public-domain" xlink:href="http://creativecommons.org/publicdomain/mark/1.0/"><license-p>Public domain.</license-p></license></permissions>', ("public-domain", "url")),
    ('<permissions><license><license-p>This is an open-access article distributed under the terms of the Creative Commons Attribution License, which permits unrestricted use.</license-p></license></permissions>', ("CC-BY", "prose")),
    ('<permissions><copyright-statement>© 2007 Smith et al.</copyright-statement></permissions>', ("none", "absent")),
    ('<permissions><copyright-statement>This is an open-access article distributed under the terms of the Creative Commons Attribution License.</copyright-statement></permissions>', ("CC-BY", "copyright")),
    ('<permissions><license xmlns:ali="http://www.niso.org/schemas/ali/1.0/"><ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref></license></permissions>', ("CC-BY-4.0", "license_ref")),
    ('<permissions><license license-type="open-access"><license-p>See <ext-link ext-link-type="uri" xlink:href="http://creativecommons.org/licenses/by-nc-sa/4.0/">here</ext-link>.</license-p></license></permissions>', ("CC-BY-NC-SA-4.0", "url")),
    ('<permissions><license license-type="open-access"><license-p>Open access.</license-p></license></permissions>', ("unknown", "license-type")),
    # a licence inside an XML comment (1472-6831-8-11) is not a licence: only the visible one counts
    ('<permissions><license license-type="open-access" xlink:href="http://creativecommons.org/licenses/by/2.0"><!--<rdf:RDF><Work><license rdf:resource="http://creativecommons.org/licenses/by-nc-nd/3.0/"/></Work></rdf:RDF>--><license-p>x</license-p></license></permissions>', ("CC-BY-2.0", "url")),
    ('<permissions><license><!-- <license rdf:resource="http://creativecommons.org/licenses/by/3.0/"/> --><license-p>All rights reserved.</license-p></license></permissions>', ("unknown", "prose")),
    ('', ("none", "absent")),
])
def test_licence_encodings(perms, expected):
    a = parse_articles(JATS.format(perms=perms).encode())[0]
    assert (a.licence, a.licence_source) == expected


def test_inline_markup_title_floats_group_and_year():
    a = parse_articles(JATS.format(perms="").encode())[0]
    assert (a.pmcid, a.title, a.year) == ("PMC123", "MmPPOX of the skin", 2008)
    (f,) = a.figures
    assert (f.fig_id, f.label, f.title, f.graphics) == ("F1", "Figure 1", "Title", ["f1"])
    assert f.caption == "Title First line with [1] ref2. Second."


def test_resolve_extensionless_graphic_against_package_names():
    names = ["PMC1/gkr715f1.jpg", "PMC1/gkr715f2.gif", "PMC1/x.nxml", "PMC1/pone.0046493.g001.tif"]
    assert resolve_graphic("gkr715f1", names) == "PMC1/gkr715f1.jpg"
    assert resolve_graphic("gkr715f2", names) == "PMC1/gkr715f2.gif"
    assert resolve_graphic("pone.0046493.g001", names) == "PMC1/pone.0046493.g001.tif"
    assert resolve_graphic("ANEC-31-e70198-g004.jpg", ["ANEC-31-e70198-g004.jpg"]) == "ANEC-31-e70198-g004.jpg"
    assert resolve_graphic("../../etc/passwd", names) is None
    assert resolve_graphic("missing", names) is None


@pytest.mark.parametrize("name,reason", [
    ("xxe.nxml", "jats_dtd_refused"),
    ("xxe_parameter.nxml", "jats_dtd_refused"),
    ("billion_laughs.nxml", "jats_dtd_refused"),
    ("truncated.nxml", "jats_malformed"),
    ("mismatched_tags.nxml", "jats_malformed"),
    ("unbound_prefix.nxml", "jats_malformed"),
    ("binary_garbage.nxml", "jats_malformed"),
    ("empty.nxml", "jats_empty"),
    ("efetch_html_error.html", "jats_is_html"),
])
def test_hostile_xml_is_refused_with_a_reason(name, reason):
    with pytest.raises(ItemError) as e:
        parse_articles((HOSTILE / name).read_bytes())
    assert e.value.reason == reason


def test_parser_layer_alone_expands_no_entity_and_reads_no_file():
    """Even without the prolog check, the lxml parser neither reads the file nor expands entities."""
    root = etree.fromstring((HOSTILE / "xxe.nxml").read_bytes(), _parser())
    title = "".join(root.find(".//article-title").itertext())
    assert title == "&xxe;"  # left as an unexpanded reference
    with pytest.raises(etree.XMLSyntaxError, match="amplification"):  # libxml2's own guard
        etree.fromstring((HOSTILE / "billion_laughs.nxml").read_bytes(), _parser())


def test_licence_helpers():
    assert lic.from_oa_service("CC BY-NC") == "CC-BY-NC"
    assert lic.from_oa_service("none") == "none"
    assert lic.from_oa_service("CC0") == "CC0-1.0"
    assert lic.from_url("https://creativecommons.org/publicdomain/zero/1.0/") == "CC0-1.0"
    assert [lic.allowed(x, "commercial") for x in ("CC-BY-4.0", "CC-BY-NC-4.0", "CC0-1.0", "public-domain", "none")] == \
        [True, False, True, True, False]
    assert [lic.allowed(x, "cc") for x in ("CC-BY-4.0", "CC-BY-NC-3.0", "public-domain", "unknown")] == [True, True, False, False]
    assert [lic.allowed(x, "open") for x in ("CC-BY", "none", "unknown")] == [True, False, False]


def _full(data: bytes):
    from derm1m_build.pmc.jats import _article
    from derm1m_build.pmc.safexml import parse_bytes

    root = parse_bytes(data, "jats")
    return [_article(a) for a in ([root] if root.tag == "article" else root.iterchildren("article"))]


TRICKY = b"""<?xml version="1.0"?>
<pmc-articleset><article xmlns:xlink="http://www.w3.org/1999/xlink"><front><journal-meta><journal-title>J</journal-title></journal-meta>
<article-meta><article-id pub-id-type="pmc">1</article-id><!-- <pub-date pub-type="epub"><year>1999</year></pub-date> -->
<pub-date pub-type="ppub"><year>2001</year></pub-date><permissions><license xlink:href="http://creativecommons.org/licenses/by/4.0/"/></permissions>
</article-meta></front><body><!-- <fig id="old"><label>Figure 0</label></fig> --><p><![CDATA[ <fig id="cdata"> ]]></p>
<fig id="f1"><label>Figure 1</label><caption><p>Psoriasis.</p></caption><graphic xlink:href="g1"/></fig></body></article>
<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta><article-id pub-id-type="pmc">2</article-id></article-meta></front>
<floats-group><fig id="f2"><label>FIGURE 1</label><caption><title>T.</title><p>Acne.</p></caption><graphic xlink:href="g2.jpg"/></fig></floats-group></article></pmc-articleset>"""


def test_fragment_fast_path_equals_a_full_parse(realdata, tmp_path):
    from derm1m_build.pmc.demo import generate_pubmed
    from derm1m_build.pmc.jats import _article, _fragments
    from derm1m_build.pmc.safexml import xml_parser

    generate_pubmed(tmp_path, 7)
    files = sorted((realdata / "jats").glob("*/*.xml")) + sorted((tmp_path / "pubmed/articles").glob("*.nxml"))
    def via_fragments(data):  # the fast path forced, whatever the file's size
        root = etree.fromstring(_fragments(data), xml_parser())
        return [_article(a) for a in ([root] if root.tag == "article" else root.iterchildren("article"))]

    for f in files:
        data = f.read_bytes()
        assert _fragments(data) is not None, f
        assert parse_articles(data) == via_fragments(data) == _full(data), f
    assert _fragments(TRICKY) is not None
    arts = parse_articles(TRICKY)
    assert arts == via_fragments(TRICKY) == _full(TRICKY)
    assert [(a.pmcid, a.year, a.licence, [f.fig_id for f in a.figures]) for a in arts] == [
        ("PMC1", 2001, "CC-BY-4.0", ["f1"]), ("PMC2", None, "none", ["f2"])]

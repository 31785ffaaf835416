"""The PMC source end to end against the demo corpus served on 127.0.0.1 (E-utilities + OA + packages)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from derm1m_build.pmc.demo import fault_default, generate_pubmed
from derm1m_build.testing.faultserver import FaultServer, Reply
from pmc_support import fetch_log, harvest, rows, write_recipe
from conftest import cli


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pmc")
    assert generate_pubmed(root, 7) == {"pubmed_articles": 6, "pubmed_figures": 9}
    return root


def _paths(srv: FaultServer, prefix: str) -> list[str]:
    return [urlsplit(p).path for _, p in srv.log if urlsplit(p).path.startswith(prefix)]


def test_demo_harvest_rows_reasons_and_no_download_for_dropped(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        r = write_recipe(tmp_path, srv.url, licences="open")
        s = harvest(r, tmp_path / "out")
        kept, excl = rows(tmp_path / "out")
        assert (s.rows_out, s.dropped) == (9, {"licence_not_allowed": 1, "no_derm_term": 2})
        got = [(r["meta"]["pmcid"], r["meta"]["label"], r["meta"].get("panel"), r["license"], r["width"], r["height"])
               for r in kept]
        assert got == [
            ("PMC9000001", "Figure 1", "A", "CC-BY-4.0", 220, 220),
            ("PMC9000001", "Figure 1", "B", "CC-BY-4.0", 220, 220),
            ("PMC9000001", "Figure 1", "C", "CC-BY-4.0", 220, 220),
            ("PMC9000001", "Figure 1", "D", "CC-BY-4.0", 220, 220),
            ("PMC9000001", "Figure 2", None, "CC-BY-4.0", 360, 360),
            ("PMC9000002", "FIGURE 1", None, "CC-BY-NC-4.0", 360, 360),
            ("PMC9000002", "FIGURE 2", None, "CC-BY-NC-4.0", 480, 360),
            ("PMC9000005", "Figure 1.", None, "CC-BY", 360, 360),
            ("PMC9000006", "Figure 1", None, "CC-BY-4.0", 360, 360),
        ]
        assert [r["raw_text"] for r in kept[:4]] == [
            "Clinical features of plaque psoriasis. Erythematous plaques with silvery scale on the elbow.",
            "Clinical features of plaque psoriasis. Similar plaques on the knee.",
            "Clinical features of plaque psoriasis. Scalp involvement with thick scale.",
            "Clinical features of plaque psoriasis. Pustules at the edge of a plaque.",
        ]
        assert kept[7]["raw_text"] == ("Tinea corporis. Annular erythematous patch with a scaly advancing border and "
                                       "central clearing on the arm.")
        assert {r["group_id"] for r in kept[:5]} == {"pmc:PMC9000001"}
        m = kept[5]["meta"]
        assert (m["pmid"], m["doi"], m["journal"], m["year"], m["title"]) == (
            "39000002", "10.5555/demo.9000002", "Demo Skin Cancer Reports", 2022, "Nodular melanoma on the back of an older man")
        assert [(r["meta"]["pmcid"], r["meta"]["label"], r["reason"], r["detail"]) for r in excl] == [
            ("PMC9000003", "Figure 1", "licence_not_allowed", "none"),
            ("PMC9000004", "Figure 1", "no_derm_term", ""),
            ("PMC9000004", "Figure 2", "no_derm_term", ""),
        ]
        # the non-dermatology article's package was never asked for; no package for the unlicensed one either
        pk = _paths(srv, "/pubmed/")
        assert sorted(pk) == sorted(f"/pubmed/oa_package/{n:02x}/54/PMC90000{n - 0x40:02d}.tar.gz"
                                    for n in (0x41, 0x42, 0x45, 0x46))
        assert sorted(parse_qs(urlsplit(p).query)["id"][0] for _, p in srv.log if "/oa.fcgi" in p) == [
            "PMC9000001", "PMC9000002", "PMC9000003", "PMC9000005", "PMC9000006"]
        # a second run needs no network at all
        n = len(srv.log)
        s2 = harvest(r, tmp_path / "out")
        assert (len(srv.log), s2.rows_out) == (n, 9)
    # provenance of every raw file
    prov = json.loads((tmp_path / "out/raw/pubmed/figures/PMC9000001/pmc9000001-g001.jpg.provenance.json").read_text())
    assert prov["url"].endswith("/pubmed/oa_package/41/54/PMC9000001.tar.gz#pmc9000001-g001.jpg")
    assert prov["license_stated"] == "CC BY"


@pytest.mark.parametrize("policy,dropped", [
    ("commercial", {"PMC9000002": "licence_not_allowed", "PMC9000003": "licence_not_allowed"}),
    ("cc", {"PMC9000003": "licence_not_allowed"}),
    ("any", {}),
])
def test_licence_gating(corpus, tmp_path, policy, dropped):
    with FaultServer(default=fault_default(corpus)) as srv:
        harvest(write_recipe(tmp_path, srv.url, licences=policy), tmp_path / "out")
    kept, excl = rows(tmp_path / "out")
    got = {r["meta"]["pmcid"]: r["reason"] for r in excl if r["reason"] != "no_derm_term"}
    assert got == dropped
    assert all(r["meta"]["pmcid"] not in dropped for r in kept)
    if policy == "any":
        assert [r["license"] for r in kept if r["meta"]["pmcid"] == "PMC9000003"] == ["none"]


def test_search_paging_through_history_server(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        harvest(write_recipe(tmp_path, srv.url, page_size=2, max_articles=5, mesh=["Skin Diseases"]), tmp_path / "out")
        qs = [parse_qs(urlsplit(p).query) for _, p in srv.log if "esearch" in p]
    assert [q["retstart"][0] for q in qs] == ["0", "2", "4"]
    assert [q.get("WebEnv", [""])[0] for q in qs] == ["", "MCID_demo", "MCID_demo"]
    assert qs[0]["term"][0] == '((dermatology) OR "Skin Diseases"[MeSH Terms]) AND "open access"[filter]'
    assert qs[0]["db"][0] == "pmc" and qs[0]["usehistory"][0] == "y" and qs[0]["tool"][0] == "derm1m-build"
    ids = json.loads((tmp_path / "out/raw/pubmed/search/ids.json").read_text())["ids"]
    assert ids == ["PMC9000001", "PMC9000002", "PMC9000003", "PMC9000004", "PMC9000005"]


def test_not_open_access_and_missing_article_are_recorded(corpus, tmp_path, realdata):
    err = (realdata / "oa_fcgi/oa_fcgi_PMC8550608_error_idIsNotOpenAccess.xml").read_bytes()
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/oa/oa.fcgi", Reply(200, err, content_type="text/xml"))
        rep = harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006", "9999999"]), tmp_path / "out")
    log = fetch_log(tmp_path / "out")
    assert (log["PMC9000006"]["status"], log["PMC9000006"]["reason"]) == ("failed", "oa_idIsNotOpenAccess")
    assert (log["PMC9999999"]["status"], log["PMC9999999"]["reason"]) == ("failed", "not_in_efetch")
    kept, excl = rows(tmp_path / "out")
    assert kept == [] and [(r["reason"], r["detail"]) for r in excl] == [("not_fetched", "oa_idIsNotOpenAccess")]
    assert rep.rows_out == 0


def test_figure_url_mode_and_traversal_hrefs_stay_inside_raw(tmp_path):
    """Graphic hrefs with `..` or absolute paths only ever name a basename inside raw/pubmed/figures/<PMCID>/."""
    from derm1m_build.demo import images as gen

    nxml = (Path(__file__).parent / "data/hostile/pmc/href_traversal.nxml").read_bytes()
    from derm1m_build.pmc.demo import articleset, esearch_xml
    jpg = gen.to_jpeg(gen.skin_photo(3, size=64))
    with FaultServer() as srv:
        srv.on("/pmc/eutils/esearch.fcgi", Reply(200, esearch_xml(["5"], 1, 0, "t"), content_type="text/xml"))
        srv.on("/pmc/eutils/efetch.fcgi", Reply(200, articleset([nxml]), content_type="text/xml"))
        srv.on("/bin/PMC5/passwd.jpg", Reply(200, jpg, content_type="image/jpeg"))
        srv.on("/bin/PMC5/shadow.jpg", Reply(200, b"<html>no</html>", content_type="text/html"))
        harvest(write_recipe(tmp_path, srv.url, images="figure_url", split_panels=False,
                             figure_url_template=f"{srv.url}/bin/{{pmcid}}/{{href}}"), tmp_path / "out")
    log = fetch_log(tmp_path / "out")
    assert (log["PMC5"]["status"], log["PMC5"]["reason"]) == ("partial", "wrong_content_type")
    assert log["PMC5"]["errors"] == {"/etc/shadow": "wrong_content_type"}
    kept, excl = rows(tmp_path / "out")
    assert [(r["meta"]["graphic"], r["width"]) for r in kept] == [("../../../../etc/passwd", 64)]
    assert [(r["meta"]["graphic"], r["reason"], r["detail"]) for r in excl] == [("/etc/shadow", "not_fetched", "wrong_content_type")]
    assert (tmp_path / "out/raw/pubmed/figures/PMC5/passwd.jpg").is_file()
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file() and "passwd" in p.name)
    assert written == [Path("out/raw/pubmed/figures/PMC5/passwd.jpg"), Path("out/raw/pubmed/figures/PMC5/passwd.jpg.provenance.json")]


def test_inspect_jats_cli(realdata, tmp_path):
    p = cli("inspect", "jats", realdata / "jats/europepmc/PMC3258128_NAR_miR122.xml")
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(r["label"], r["graphic"], r["licence"], r["decision"]) for r in recs] == [
        (f"Figure {i}.", f"gkr715f{i}", "CC-BY-NC-3.0", "no_derm_term") for i in range(1, 6)]
    assert [s["panel"] for s in recs[2]["sub_captions"]] == ["A", "B", "C", "D"]
    assert recs[2]["sub_captions"][0]["text"].startswith("miR-122 inhibits PRKRA expression. The target site of miR-122")
    p = cli("inspect", "jats", Path(__file__).parent / "data/hostile/pmc/xxe.nxml")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip().endswith("refused (jats_dtd_refused: internal DTD subset / entity declarations are not accepted)")
    p = cli("inspect", "jats", tmp_path / "missing.nxml")
    assert p.returncode == 2 and p.stderr.strip() == f"error: {tmp_path / 'missing.nxml'}: no such file"


def test_recipe_change_fetches_only_what_is_newly_wanted(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        harvest(write_recipe(tmp_path, srv.url, licences="open"), tmp_path / "out")
        n = len(srv.log)
        # a looser licence policy: only the unlicensed article's package is fetched now
        s = harvest(write_recipe(tmp_path, srv.url, licences="any"), tmp_path / "out")
        assert [urlsplit(p).path for _, p in srv.log[n:]] == ["/pubmed/oa_package/43/54/PMC9000003.tar.gz"]
        assert s.rows_out == 10
        n = len(srv.log)
        # a changed query searches again (and finds nothing new to fetch)
        harvest(write_recipe(tmp_path, srv.url, licences="any", query="psoriasis"), tmp_path / "out")
        assert [urlsplit(p).path for _, p in srv.log[n:]] == ["/pmc/eutils/esearch.fcgi"]


def test_aws_cloud_service_mode_tries_versions(corpus, tmp_path):
    """images = "aws": <aws_url>/<PMCID>.<version>/<file>, version 1 first, then 2 ... (no OA service call)."""
    from derm1m_build.pmc.demo import answer

    with FaultServer(default=fault_default(corpus)) as srv:
        body, _ = answer(corpus, "/pubmed/aws/PMC9000006.1/pmc9000006-g001.jpg", {})
        srv.on("/pubmed/aws/PMC9000006.1/pmc9000006-g001.jpg", Reply(404, "NoSuchKey"))
        srv.on("/pubmed/aws/PMC9000006.2/pmc9000006-g001.jpg", Reply(200, body, content_type="image/jpeg"))
        harvest(write_recipe(tmp_path, srv.url, images="aws", aws_url=f"{srv.url}/pubmed/aws",
                             pmcids=["PMC9000001", "PMC9000006"]), tmp_path / "out")
        assert _count_oa(srv) == 0
    kept, _ = rows(tmp_path / "out")
    assert [(r["meta"]["pmcid"], r["meta"].get("panel")) for r in kept] == [
        ("PMC9000001", "A"), ("PMC9000001", "B"), ("PMC9000001", "C"), ("PMC9000001", "D"), ("PMC9000001", None),
        ("PMC9000006", None)]
    prov = json.loads((tmp_path / "out/raw/pubmed/figures/PMC9000006/pmc9000006-g001.jpg.provenance.json").read_text())
    assert prov["url"].endswith("/pubmed/aws/PMC9000006.2/pmc9000006-g001.jpg")


def _count_oa(srv: FaultServer) -> int:
    return sum(1 for _, p in srv.log if "oa.fcgi" in p)


def test_retracted_article_is_dropped(corpus, tmp_path):
    from derm1m_build.pmc.demo import answer

    body, _ = answer(corpus, "/oa.fcgi", {"id": "PMC9000006"})
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/oa/oa.fcgi", Reply(200, body.replace(b'retracted="no"', b'retracted="yes"'), content_type="text/xml"))
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006"]), tmp_path / "out")
        assert _count(srv, "/pubmed/oa_package/") == 0  # nothing downloaded for it
    kept, excl = rows(tmp_path / "out")
    assert kept == [] and [(r["reason"], r["detail"]) for r in excl] == [("retracted", "Demo Journal of Dermatology. 2024")]


def _count(srv: FaultServer, needle: str) -> int:
    return sum(1 for _, p in srv.log if needle in p)

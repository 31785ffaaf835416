"""Network faults against the PMC clients (E-utilities, oa.fcgi, package downloads) and real error forms.

Every harvest finishes; retriable failures are retried; the rest are recorded with their reason; a
rerun fetches only what failed; nothing goes to a host off the allow-list or, unless allowed, to a
loopback address; the API key never reaches a log.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from derm1m_build.errors import ItemError
from derm1m_build.net import HttpClient
from derm1m_build.pmc.demo import answer, fault_default, generate_pubmed, package_path
from derm1m_build.pmc.eutils import Eutils
from derm1m_build.pmc.oa import package_url, parse_oa
from derm1m_build.testing.faultserver import FaultServer, Reply
from pmc_support import fetch_log, harvest, rows, write_recipe

XML = "text/xml"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pmcf")
    generate_pubmed(root, 7)
    return root


def ok(corpus: Path, path: str, **params) -> Reply:
    body, ctype = answer(corpus, path, {k: str(v) for k, v in params.items()})
    return Reply(200, body, content_type=ctype)


def _count(srv: FaultServer, needle: str) -> int:
    return sum(1 for _, p in srv.log if needle in p)


def test_429_with_retry_after_then_ok(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/eutils/esearch.fcgi", Reply(429, "slow down", headers={"Retry-After": "0"}),
               ok(corpus, "/esearch.fcgi", retmax=500))
        s = harvest(write_recipe(tmp_path, srv.url, licences="open"), tmp_path / "out")
        assert srv.requests_to("/pmc/eutils/esearch.fcgi") == 2
    assert s.rows_out == 9


def test_5xx_on_efetch_retried_then_ok(corpus, tmp_path):
    ids = ",".join(str(9000001 + i) for i in range(6))
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/eutils/efetch.fcgi", Reply(503, "busy"), Reply(500, "oops"), ok(corpus, "/efetch.fcgi", id=ids))
        s = harvest(write_recipe(tmp_path, srv.url), tmp_path / "out")
        assert srv.requests_to("/pmc/eutils/efetch.fcgi") == 3
    assert s.rows_out > 0


def test_reset_and_truncated_package_retried(corpus, tmp_path):
    path = "/pubmed/" + package_path("PMC9000006")
    full = ok(corpus, path)
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on(path, Reply(reset=True), Reply(200, full.body, content_type="application/x-gzip", truncate=50), full)
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006"]), tmp_path / "out")
        assert srv.requests_to(path) == 3
    assert fetch_log(tmp_path / "out")["PMC9000006"]["status"] == "ok"
    kept, _ = rows(tmp_path / "out")
    assert [r["meta"]["pmcid"] for r in kept] == ["PMC9000006"]


def test_permanent_faults_recorded_and_rerun_fetches_only_failures(corpus, tmp_path):
    pk2 = "/pubmed/" + package_path("PMC9000002")
    pk5 = "/pubmed/" + package_path("PMC9000005")
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on(pk2, Reply(200, b"x" * 2000, content_type="application/x-gzip", delay=1.5))  # stall past timeout
        srv.on(pk5, Reply(200, ok(corpus, pk5).body, content_type="application/x-gzip", truncate=10))
        r = write_recipe(tmp_path, srv.url, timeout=0.5, max_retries=1)
        s = harvest(r, tmp_path / "out")
        log = fetch_log(tmp_path / "out")
        assert {k: (v["status"], v.get("reason")) for k, v in log.items() if v["status"] != "ok"} == {
            "PMC9000002": ("failed", "timeout"), "PMC9000005": ("failed", "truncated")}
        assert srv.requests_to(pk2) == 2 and srv.requests_to(pk5) == 2
        kept, excl = rows(tmp_path / "out")
        assert sorted((x["meta"]["pmcid"], x["reason"], x["detail"]) for x in excl if x["reason"] == "not_fetched") == [
            ("PMC9000002", "not_fetched", "timeout"), ("PMC9000002", "not_fetched", "timeout"),
            ("PMC9000005", "not_fetched", "truncated")]
        # the server recovers; a rerun asks only for the two failed articles' packages
        srv.script.clear()
        before = list(srv.log)
        harvest(r, tmp_path / "out")
        new = [urlsplit(p).path for _, p in srv.log[len(before):]]
        assert sorted(new) == sorted([pk2, pk5])
        assert (s.rows_out, len(rows(tmp_path / "out")[0])) == (7, 10)


def test_html_error_page_from_efetch_recorded_then_recovers(corpus, tmp_path, realdata):
    html = (realdata / "eutils/biopython/pubmed3.html").read_bytes()
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/eutils/efetch.fcgi", Reply(200, html, content_type="text/html"))
        r = write_recipe(tmp_path, srv.url, pmcids=["PMC9000001", "PMC9000006"])
        s = harvest(r, tmp_path / "out")
        log = fetch_log(tmp_path / "out")
        assert {k: (v["status"], v["reason"]) for k, v in log.items()} == {
            "PMC9000001": ("failed", "efetch_is_html"), "PMC9000006": ("failed", "efetch_is_html")}
        assert s.rows_out == 0
        srv.script.clear()
        s = harvest(r, tmp_path / "out")
        assert s.rows_out == 6 and all(v["status"] == "ok" for v in fetch_log(tmp_path / "out").values())


def test_wrong_content_type_and_garbage_oa_reply(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/oa/oa.fcgi", Reply(200, "<html><body>Temporarily unavailable</body></html>", content_type="text/html"))
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006"]), tmp_path / "out")
    assert fetch_log(tmp_path / "out")["PMC9000006"]["reason"] == "oa_is_html"


def test_redirect_off_the_allow_list_is_refused(corpus, tmp_path):
    pk = "/pubmed/" + package_path("PMC9000006")
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on(pk, Reply(302, headers={"Location": "http://evil.example.com/steal.tar.gz"}))
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006"]), tmp_path / "out")
        assert _count(srv, "evil") == 0
    item = fetch_log(tmp_path / "out")["PMC9000006"]
    assert (item["status"], item["reason"], item["detail"]) == ("failed", "host_not_allowed", "evil.example.com")


def test_loopback_refused_unless_the_recipe_allows_private_hosts(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        s = harvest(write_recipe(tmp_path, srv.url, private=False), tmp_path / "out")
        assert srv.log == []
    assert fetch_log(tmp_path / "out")["_search"] == {"status": "failed", "reason": "private_address", "detail": "127.0.0.1"}
    assert s.rows_out == 0


def test_api_key_sent_but_never_logged(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "SECRET-KEY-123")
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/eutils/efetch.fcgi", Reply(500, "down"))
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000001"], max_retries=0), tmp_path / "out")
        assert all(parse_qs(urlsplit(p).query).get("api_key") == ["SECRET-KEY-123"] for _, p in srv.log if "eutils" in p)
    item = fetch_log(tmp_path / "out")["PMC9000001"]
    assert (item["reason"], "SECRET" in item["detail"]) == ("http_500", False)
    for p in (tmp_path / "out").rglob("*"):
        if p.is_file():
            assert b"SECRET-KEY-123" not in p.read_bytes(), p


def test_real_esearch_no_hits_and_error_forms(realdata):
    ev = realdata / "eutils/biopython"
    with FaultServer() as srv:
        eu = Eutils(HttpClient(allow_private=True, rate=0, max_retries=0), base_url=srv.url)
        srv.on("/esearch.fcgi", Reply(200, (ev / "esearch8.xml").read_bytes(), content_type=XML))
        res = eu.esearch("pmc", "abcXYZ")
        assert (res.count, res.ids, res.warnings) == (0, [], ["No items found."])
        srv.on("/esearch.fcgi", Reply(200, (ev / "esearch5.xml").read_bytes(), content_type=XML))
        res = eu.esearch("pmc", "stem cells AND hasabstract")
        assert (res.count, res.ids) == (5, ["6540636", "5830998", "4460425", "4466840", "3443459"])
        srv.on("/esearch.fcgi", Reply(200, (ev / "esummary8.xml").read_bytes(), content_type=XML))
        with pytest.raises(ItemError) as e:
            eu.esearch("pmc", "x")
        assert (e.value.reason, e.value.detail) == ("eutils_error", "Neither query_key nor id specified")
        srv.on("/efetch.fcgi", Reply(200, (ev / "pubmed3.html").read_bytes(), content_type="text/html"))
        with pytest.raises(ItemError) as e:
            eu.efetch("pmc", ["1"])
        assert e.value.reason == "efetch_is_html"
        srv.on("/esearch.fcgi", Reply(200, (ev / "esearch2.xml").read_bytes()[:300], content_type=XML))
        with pytest.raises(ItemError) as e:
            eu.esearch("pmc", "x")
        assert e.value.reason == "esearch_malformed"


def test_real_oa_service_replies(realdata):
    d = realdata / "oa_fcgi"
    rec = parse_oa((d / "oa_fcgi_PMC5334499_tgz_and_pdf.xml").read_bytes())
    assert (rec.pmcid, rec.licence, rec.licence_raw, rec.retracted) == ("PMC5334499", "CC-BY-NC", "CC BY-NC", False)
    assert rec.links == {"tgz": "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz",
                         "pdf": "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_pdf/8e/71/WJR-9-27.PMC5334499.pdf"}
    assert package_url(rec.links["tgz"]) == "https://ftp.ncbi.nlm.nih.gov/pub/pmc/oa_package/8e/71/PMC5334499.tar.gz"
    assert package_url(rec.links["tgz"], "http://mirror.test/pmc/") == "http://mirror.test/pmc/oa_package/8e/71/PMC5334499.tar.gz"
    rec = parse_oa((d / "oa_fcgi_PMC7906746_tgz_only_license_none.xml").read_bytes())
    assert (rec.pmcid, rec.licence, list(rec.links)) == ("PMC7906746", "none", ["tgz"])
    with pytest.raises(ItemError) as e:
        parse_oa((d / "oa_fcgi_PMC8550608_error_idIsNotOpenAccess.xml").read_bytes())
    assert (e.value.reason, e.value.detail) == ("oa_idIsNotOpenAccess", "identifier 'PMC8550608' is not Open Access")


@pytest.mark.parametrize("name,refused", [
    ("package_dotdot.tar.gz", [("../../evil.jpg", "parent_path"), ("PMC1/../../../escape.jpg", "parent_path")]),
    ("package_absolute.tar.gz", [("/tmp/derm1m_evil.jpg", "absolute_path")]),
    ("package_links.tar.gz", [("PMC1/g1.jpg", "link"), ("PMC1/g2.jpg", "link")]),
    ("package_device.tar.gz", [("PMC1/dev", "special_file")]),
])
def test_hostile_packages_refuse_members(name, refused):
    from derm1m_build.pmc.package import read_package

    got = read_package((Path(__file__).parent / "data/hostile/pmc" / name).read_bytes())
    assert (got.refused, got.files) == (refused, {"ok.txt": b"ok"})


@pytest.mark.parametrize("name", ["package_corrupt.tar.gz", "package_not_gzip.tar.gz"])
def test_corrupt_packages_are_an_item_error(name):
    from derm1m_build.pmc.package import read_package

    with pytest.raises(ItemError) as e:
        read_package((Path(__file__).parent / "data/hostile/pmc" / name).read_bytes())
    assert e.value.reason == "package_corrupt"


def test_hostile_package_in_a_harvest_writes_nothing_outside(corpus, tmp_path):
    """A package whose figure member is a `..` path and a symlink: refused, recorded, nothing written."""
    bad = (Path(__file__).parent / "data/hostile/pmc/package_links.tar.gz").read_bytes()
    pk = "/pubmed/" + package_path("PMC9000006")
    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on(pk, Reply(200, bad, content_type="application/x-gzip"))
        harvest(write_recipe(tmp_path, srv.url, pmcids=["PMC9000006"]), tmp_path / "out")
    item = fetch_log(tmp_path / "out")["PMC9000006"]
    assert (item["status"], item["reason"], item["detail"]) == ("failed", "figure_not_in_package", "pmc9000006-g001")
    assert not (tmp_path / "out/raw/pubmed/figures").exists()
    assert not Path("/tmp/derm1m_evil.jpg").exists()


def test_ncbi_rate_limits_and_identity(tmp_path, monkeypatch):
    from derm1m_build.recipe import load_recipe
    from derm1m_build.sources.pubmed import PubmedSource
    from derm1m_build.pipeline import context_for

    r = load_recipe(write_recipe(tmp_path, "https://eutils.example.org", rate=None, email=""))
    src = PubmedSource(r.harvest["pubmed"], context_for(r, tmp_path / "out"), r)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.setenv("NCBI_EMAIL", "env@example.org")
    assert (src.http().rate, src.eutils(src.http()).email, src.eutils(src.http()).api_key) == (3.0, "env@example.org", "")
    monkeypatch.setenv("NCBI_API_KEY", "k")
    assert (src.http().rate, src.eutils(src.http()).api_key) == (10.0, "k")
    assert "eutils.example.org" in src.http().allow_hosts and "eutils.ncbi.nlm.nih.gov" in src.http().allow_hosts


def test_recipe_typo_is_a_one_line_error(tmp_path):
    from conftest import cli

    p = write_recipe(tmp_path, "http://127.0.0.1:9", licence="cc")
    res = cli("harvest", "--recipe", p, "--out", tmp_path / "out")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr == f"error: recipe {p}: harvest.pubmed.licence: Extra inputs are not permitted (fix the recipe and run again)\n"


def test_aws_figure_missing_in_every_version_is_recorded(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        for v in (1, 2):
            srv.on(f"/aws/PMC9000006.{v}/pmc9000006-g001.jpg", Reply(404, "NoSuchKey"))
        harvest(write_recipe(tmp_path, srv.url, images="aws", aws_url=f"{srv.url}/aws", aws_max_version=2,
                             pmcids=["PMC9000006"]), tmp_path / "out")
        assert _count(srv, "/aws/") == 2
    item = fetch_log(tmp_path / "out")["PMC9000006"]
    assert (item["status"], item["reason"], item["errors"]) == (
        "partial", "figure_not_found", {"pmc9000006-g001": "figure_not_found"})

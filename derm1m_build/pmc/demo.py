"""Demo PMC corpus and the endpoints that serve it (esearch, efetch, oa.fcgi, packages).

`generate_pubmed(root, seed)` writes `root/pubmed/`: one NXML per article, one OA package
(`oa_package/xx/yy/PMCid.tar.gz`, deterministic bytes) per article and `index.json`. The articles
cover what the harvest must handle: a 4-panel compound figure with an (A)-(D) caption, an article
with no licence, a non-dermatology article whose figures must be dropped before download, licences
as URL / `ali:license_ref` / prose only, labels `Figure 1` / `FIGURE 1` / `Figure 1.`, extension-less
hrefs and a figure in `<floats-group>`.
`route(server, handler, url)` answers `/pmc/eutils/{esearch,efetch}.fcgi` and `/pmc/oa/oa.fcgi` in
NCBI's wire formats; packages (`oa_package/...`) and the PMC Cloud Service layout (`aws/<PMCID>.1/<file>`)
are plain static files of the corpus.
"""

from __future__ import annotations

import gzip
import io
import json
import mimetypes
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

import cv2
import numpy as np

from derm1m_build.demo import images as gen
from derm1m_build.store import atomic_write_bytes

FTP = "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/"
LIC_BY = '<license license-type="open-access" xlink:href="http://creativecommons.org/licenses/by/4.0/"><license-p>CC BY 4.0</license-p></license>'
LIC_NC_REF = ('<license><ali:license_ref>https://creativecommons.org/licenses/by-nc/4.0/</ali:license_ref>'
              '<license-p>This article is distributed under CC BY-NC 4.0.</license-p></license>')
LIC_PROSE = ('<license><license-p>This is an open-access article distributed under the terms of the Creative Commons '
             'Attribution License, which permits unrestricted use, provided the original work is properly cited.'
             '</license-p></license>')

ARTICLES: list[dict[str, Any]] = [
    {"pmcid": "PMC9000001", "pmid": "39000001", "year": 2021, "journal": "Demo Journal of Dermatology",
     "title": "Plaque psoriasis of the extensor surfaces: a case report", "oa_license": "CC BY",
     "abstract": "We report a patient with chronic plaque psoriasis involving the elbows, knees and scalp.",
     "licence_xml": LIC_BY, "label_style": "Figure {n}",
     "figures": [
         {"kind": "compound", "styles": ["red_plaque", "red_plaque", "red_plaque", "vesicles"],
          "title": "Clinical features of plaque psoriasis.",
          "caption": "(A) Erythematous plaques with silvery scale on the elbow. (B) Similar plaques on the knee. "
                     "(C) Scalp involvement with thick scale. (D) Pustules at the edge of a plaque."},
         {"kind": "photo", "style": "red_plaque",
          "caption": "Close-up of a well-demarcated erythematous plaque with silvery scale (psoriasis)."},
     ]},
    {"pmcid": "PMC9000002", "pmid": "39000002", "year": 2022, "journal": "Demo Skin Cancer Reports",
     "title": "Nodular melanoma on the back of an older man", "oa_license": "CC BY-NC",
     "abstract": "A rapidly growing pigmented nodule on the back was diagnosed as nodular melanoma.",
     "licence_xml": LIC_NC_REF, "label_style": "FIGURE {n}", "floats": True, "ext": ".jpg",
     "figures": [
         {"kind": "photo", "style": "dark_nodule",
          "caption": "Asymmetric pigmented nodule with irregular borders and colour variegation on the back."},
         {"kind": "chart", "caption": "Kaplan-Meier survival estimates by stage at diagnosis."},
     ]},
    {"pmcid": "PMC9000003", "pmid": "39000003", "year": 2019, "journal": "Demo Clinical Cases",
     "title": "A pearly papule on the nose", "oa_license": "none",
     "abstract": "A basal cell carcinoma presenting as a pearly papule with telangiectasia.",
     "licence_xml": None, "label_style": "Figure {n}",
     "figures": [
         {"kind": "photo", "style": "pearly_papule",
          "caption": "Pearly papule with rolled borders and telangiectasia on the nose: basal cell carcinoma."},
     ]},
    {"pmcid": "PMC9000004", "pmid": "39000004", "year": 2023, "journal": "Demo Cardiology",
     "title": "Cardiac magnetic resonance imaging after myocarditis", "oa_license": "CC BY",
     "abstract": "Late gadolinium enhancement predicted ventricular function at one year.",
     "licence_xml": LIC_BY, "label_style": "Figure {n}",
     "figures": [
         {"kind": "chart", "caption": "Ejection fraction at baseline and at twelve months."},
         {"kind": "chart", "caption": "Flow diagram of patient inclusion."},
     ]},
    {"pmcid": "PMC9000005", "pmid": "39000005", "year": 2020, "journal": "Demo Journal of Dermatology",
     "title": "Tinea corporis mimicking nummular eczema", "oa_license": "CC BY",
     "abstract": "An annular scaly patch with central clearing was confirmed as tinea corporis by microscopy.",
     "licence_xml": LIC_PROSE, "label_style": "Figure {n}.",
     "figures": [
         {"kind": "photo", "style": "ring", "title": "Tinea corporis.",
          "caption": "Annular erythematous patch with a scaly advancing border and central clearing on the arm."},
     ]},
    {"pmcid": "PMC9000006", "pmid": "39000006", "year": 2024, "journal": "Demo Journal of Dermatology",
     "title": "Herpes zoster in a thoracic dermatome", "oa_license": "CC BY",
     "abstract": "Grouped vesicles on an erythematous base followed a thoracic dermatome.",
     "licence_xml": LIC_BY, "label_style": "Figure {n}",
     "figures": [
         {"kind": "photo", "style": "vesicles",
          "caption": "Grouped vesicles on an erythematous base in a dermatomal distribution on the chest."},
     ]},
]


def _compound(seed: int, styles: list[str], size: int = 220, gutter: int = 14) -> np.ndarray:
    side = 2 * size + 3 * gutter
    canvas = np.full((side, side, 3), 255, np.uint8)
    for k, st in enumerate(styles):
        r, c = divmod(k, 2)
        y, x = gutter + r * (size + gutter), gutter + c * (size + gutter)
        canvas[y:y + size, x:x + size] = gen.skin_photo(seed + k, size=size, tone=(seed + k) % 6, style=st)
        # the panel letter in the top-left corner, white on a dark box, as journals print them
        cv2.rectangle(canvas, (x + 6, y + 6), (x + 34, y + 38), (20, 20, 20), -1)
        cv2.putText(canvas, "ABCD"[k], (x + 10, y + 32), cv2.FONT_HERSHEY_DUPLEX, 0.9, (255, 255, 255), 2, cv2.LINE_AA)
    return canvas


def _image(fig: dict[str, Any], seed: int, jpeg: bool = False) -> bytes:
    if fig["kind"] == "compound":
        return gen.to_jpeg(_compound(seed, fig["styles"]))
    if fig["kind"] == "chart":
        return gen.to_jpeg(gen.chart(seed)) if jpeg else gen.to_png(gen.chart(seed))
    return gen.to_jpeg(gen.skin_photo(seed, size=360, tone=seed % 6, style=fig["style"]))


def article_xml(a: dict[str, Any], hrefs: list[str]) -> str:
    figs = []
    for n, (f, href) in enumerate(zip(a["figures"], hrefs), 1):
        title = f"<title>{escape(f['title'])}</title>" if f.get("title") else ""
        figs.append(f'<fig id="{a["pmcid"].lower()}-f{n}" position="float"><label>{a["label_style"].format(n=n)}</label>'
                    f'<caption>{title}<p>{_markup(escape(f["caption"]))}</p></caption>'
                    f'<graphic xlink:href="{href}"/></fig>')
    perms = (f'<permissions><copyright-statement>© {a["year"]} The Authors</copyright-statement>'
             f'{a["licence_xml"]}</permissions>' if a["licence_xml"] else
             f'<permissions><copyright-statement>© {a["year"]} The Authors. All rights reserved.</copyright-statement></permissions>')
    body_figs = "" if a.get("floats") else "".join(figs)
    floats = f"<floats-group>{''.join(figs)}</floats-group>" if a.get("floats") else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">\n'
            '<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ali="http://www.niso.org/schemas/ali/1.0/" '
            'article-type="case-report"><front><journal-meta><journal-title-group>'
            f'<journal-title>{escape(a["journal"])}</journal-title></journal-title-group></journal-meta><article-meta>'
            f'<article-id pub-id-type="pmid">{a["pmid"]}</article-id><article-id pub-id-type="pmc">{a["pmcid"][3:]}</article-id>'
            f'<article-id pub-id-type="doi">10.5555/demo.{a["pmcid"][3:]}</article-id>'
            f'<title-group><article-title>{escape(a["title"])}</article-title></title-group>'
            f'<pub-date pub-type="epub"><year>{a["year"]}</year></pub-date>{perms}'
            f'<abstract><p>{escape(a["abstract"])}</p></abstract></article-meta></front>'
            f'<body><sec><title>Case</title><p>{escape(a["abstract"])}</p>{body_figs}</sec></body>{floats}</article>\n')


def _markup(caption: str) -> str:
    """Panel letters in <bold>, as publishers do: (A) -> (<bold>A</bold>)."""
    for L in "ABCD":
        caption = caption.replace(f"({L})", f"(<bold>{L}</bold>)")
    return caption


def _decode(data: bytes) -> np.ndarray:
    import cv2

    return cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)


def _tar_gz(members: list[tuple[str, bytes]]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode, ti.uid, ti.gid, ti.uname, ti.gname = len(data), 0, 0o644, 0, 0, "", ""
            tf.addfile(ti, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def package_path(pmcid: str) -> str:
    n = int(pmcid[3:])
    return f"oa_package/{n % 256:02x}/{(n // 256) % 256:02x}/{pmcid}.tar.gz"


def generate_pubmed(root: Path, seed: int = 7) -> dict[str, int]:
    d = Path(root) / "pubmed"
    index = []
    nfig = 0
    for ai, a in enumerate(ARTICLES):
        stem = a["pmcid"].lower()
        hrefs = [f"{stem}-g{n:03d}{a.get('ext', '')}" for n in range(1, len(a["figures"]) + 1)]
        xml = article_xml(a, hrefs).encode("utf-8")
        members = [(f"{a['pmcid']}/{stem}.nxml", xml)]
        for n, (f, href) in enumerate(zip(a["figures"], hrefs), 1):
            data = _image(f, seed * 100 + ai * 10 + n, jpeg=bool(a.get("ext")))
            # extension-less hrefs name a file with the real extension, as in PMC packages
            name = href if a.get("ext") else href + (".png" if f["kind"] == "chart" else ".jpg")
            members.append((f"{a['pmcid']}/{name}", data))
            # the PMC Cloud Service layout: <PMCID>.<version>/<file> (figures under their .jpg name)
            atomic_write_bytes(d / "aws" / f"{a['pmcid']}.1" / (href if a.get("ext") else href + ".jpg"),
                               data if name.endswith(".jpg") else gen.to_jpeg(_decode(data)))
            nfig += 1
        atomic_write_bytes(d / "articles" / f"{a['pmcid']}.nxml", xml)
        atomic_write_bytes(d / package_path(a["pmcid"]), _tar_gz(members))
        index.append({"pmcid": a["pmcid"], "license": a["oa_license"], "package": package_path(a["pmcid"]),
                      "citation": f"{a['journal']}. {a['year']}"})
    atomic_write_bytes(d / "index.json", json.dumps(index, indent=1).encode())
    return {"pubmed_articles": len(ARTICLES), "pubmed_figures": nfig}


# ---------------------------------------------------------------------- server side

def _send(handler: Any, body: bytes, ctype: str = "text/xml; charset=UTF-8", status: int = 200) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _params(handler: Any, url: Any) -> dict[str, str]:
    q = parse_qs(url.query)
    if handler.command == "POST":
        n = int(handler.headers.get("content-length") or 0)
        q.update(parse_qs(handler.rfile.read(n).decode("utf-8", "replace")))
    return {k: v[0] for k, v in q.items()}


def esearch_xml(ids: list[str], count: int, retstart: int, term: str, webenv: str = "MCID_demo") -> bytes:
    if not count:
        return ('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
                '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n<eSearchResult><Count>0</Count>'
                f'<RetMax>0</RetMax><RetStart>0</RetStart><IdList/><TranslationSet/><QueryTranslation>{escape(term)}'
                f'</QueryTranslation><ErrorList><PhraseNotFound>{escape(term)}</PhraseNotFound></ErrorList><WarningList>'
                '<OutputMessage>No items found.</OutputMessage></WarningList></eSearchResult>').encode()
    idl = "".join(f"<Id>{i}</Id>" for i in ids)
    return ('<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
            '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
            f'<eSearchResult><Count>{count}</Count><RetMax>{len(ids)}</RetMax><RetStart>{retstart}</RetStart>'
            f'<QueryKey>1</QueryKey><WebEnv>{webenv}</WebEnv><IdList>{idl}</IdList><TranslationSet/>'
            f'<QueryTranslation>{escape(term)}</QueryTranslation></eSearchResult>').encode()


def articleset(bodies: list[bytes]) -> bytes:
    inner = b"".join(b.split(b"?>", 1)[1].split(b"dtd\">", 1)[-1] if b.startswith(b"<?xml") else b for b in bodies)
    return (b'<?xml version="1.0" ?>\n<!DOCTYPE pmc-articleset PUBLIC "-//NLM//DTD ARTICLE SET 2.0//EN" '
            b'"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd">\n<pmc-articleset>'
            + inner + b"</pmc-articleset>")


def oa_xml(pmcid: str, entry: dict[str, Any] | None) -> bytes:
    if entry is None:
        return (f'<OA><responseDate>2026-01-01 00:00:00</responseDate><request>oa.fcgi?id={pmcid}</request>'
                f'<error code="idIsNotOpenAccess">identifier \'{escape(pmcid)}\' is not Open Access</error></OA>').encode()
    return (f'<OA><responseDate>2026-01-01 00:00:00</responseDate><request id="{pmcid}">oa.fcgi?id={pmcid}</request>'
            f'<records returned-count="1" total-count="1"><record id="{pmcid}" citation="{escape(entry["citation"])}" '
            f'license="{entry["license"]}" retracted="no"><link format="tgz" updated="2026-01-01 00:00:00" '
            f'href="{FTP}{entry["package"]}"/></record></records></OA>').encode()


def answer(corpus_root: Path, path: str, p: dict[str, str]) -> tuple[bytes, str] | None:
    """(body, content type) for an E-utilities / OA request or a corpus file under /pubmed/; None if not ours."""
    d = Path(corpus_root) / "pubmed"
    index = {e["pmcid"]: e for e in json.loads((d / "index.json").read_text())} if (d / "index.json").exists() else {}
    xml = "text/xml; charset=UTF-8"
    if path.endswith("/esearch.fcgi"):
        ids = sorted(k[3:] for k in index)
        if "abcXYZ" in p.get("term", ""):
            ids = []
        start, size = int(p.get("retstart", 0)), int(p.get("retmax", 20))
        return esearch_xml(ids[start:start + size], len(ids), start, p.get("term", "")), xml
    if path.endswith("/efetch.fcgi"):
        want = [f"PMC{i.strip().removeprefix('PMC')}" for i in p.get("id", "").split(",") if i.strip()]
        return articleset([(d / "articles" / f"{w}.nxml").read_bytes() for w in want if w in index]), xml
    if path.endswith("/oa.fcgi"):
        pmcid = p.get("id", "")
        return oa_xml(pmcid, index.get(pmcid)), xml
    if path.startswith("/pubmed/"):
        f = (Path(corpus_root) / path.lstrip("/")).resolve()
        if f.is_file() and d.resolve() in f.parents:
            ctype = mimetypes.guess_type(f.name)[0] or "application/octet-stream"
            return f.read_bytes(), ("application/x-gzip" if f.suffix == ".gz" else ctype)
    return None


def route(server: Any, handler: Any, url: Any) -> bool:
    """Mount point for derm1m_build.demo.server.ROUTES."""
    if not url.path.startswith("/pmc/"):
        return False
    got = answer(Path(server.corpus_root), url.path, _params(handler, url))
    if got is None:
        return False
    _send(handler, got[0], got[1])
    return True


def fault_default(corpus_root: Path):
    """A `FaultServer` default handler imitating NCBI from the demo corpus (faults are scripted per path)."""
    from derm1m_build.testing.faultserver import Reply

    def default(path: str, query: dict[str, list[str]], body: bytes) -> Reply | None:
        p = {k: v[0] for k, v in query.items()}
        if body:
            p.update({k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        got = answer(corpus_root, path, p)
        return None if got is None else Reply(200, got[0], content_type=got[1])

    return default

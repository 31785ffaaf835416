"""The hostile-input corpus is as large as issue 12 asks, and every area has its share."""

from pathlib import Path

HOSTILE = Path(__file__).parent / "data" / "hostile"


def test_at_least_fifty_bad_files_across_every_area():
    files = [p for p in HOSTILE.rglob("*") if p.is_file() and p.suffix != ".py"]
    assert len(files) >= 50
    areas = {p.relative_to(HOSTILE).parts[0] for p in files}
    assert {"images", "pmc", "youtube", "forum", "edu", "datasets"} <= areas

"""Same image = same split group: a copy the filter dropped as a duplicate still ties its group (e.g. the
other images of an ISIC lesion) to its representative's group (the HAM10000 lesion it copies)."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from derm1m_build.stage import BuildContext
from derm1m_build.stages.split import SplitConfig, SplitStage, assign


def _groups() -> tuple[str, str]:
    """Two group ids whose components the hash sends to different splits (found, not chosen)."""
    cfg = SplitConfig()
    for i in range(1000):
        a, b = f"ham:lesion-{i}", f"isic:lesion-{i}"
        if assign(f"datasets/{a}", cfg) != assign(f"datasets/{b}", cfg):
            return a, b
    raise AssertionError("no pair")


def test_dropped_copy_ties_its_group_to_the_representative(tmp_path):
    ga, gb = _groups()
    # kept: Y (HAM, representative of cluster D), X2 (another image of the ISIC lesion)
    table = pa.table({"sample_id": ["y" * 20, "x2" * 10], "source": ["datasets", "datasets"],
                      "group_id": [ga, gb], "dup_cluster": ["dup-D", "dup-X2"], "meta": ["{}", "{}"]})
    ctx = BuildContext(out=tmp_path, recipe_path=None)
    st = SplitStage(SplitConfig(), ctx)
    (tmp_path / "work" / "split").mkdir(parents=True)
    before = st.fit(table)
    assert before["y" * 20] != before["x2" * 10]  # the leak this closes
    ex = tmp_path / "work" / "filter" / "_excluded"
    ex.mkdir(parents=True)
    # dropped: X (the ISIC copy of Y), in the ISIC lesion's group, cluster D
    pq.write_table(pa.table({"sample_id": ["x" * 20], "source": ["datasets"], "group_id": [gb],
                             "dup_cluster": ["dup-D"], "meta": ["{}"], "reason": ["duplicate"],
                             "detail": ["y" * 20]}), ex / "part-00000.parquet")
    after = st.fit(table)
    assert after["y" * 20] == after["x2" * 10]
    assert len(after) == 2  # the dropped copy ties, it is not assigned

"""CPU seconds of the tag stage's `setup()` (its tagger, built or loaded) in this process.

    cd TREE && PYTHONPATH=. python benchmarks/test_time/tag_setup_cpu.py LABEL

Run it in a fresh process per measure, in each tree one after the other (the user cache folder warm).
"""

from __future__ import annotations

import resource
import sys
import tempfile
from pathlib import Path


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    import derm1m_build.ontology  # noqa: F401 - imports outside the measure
    import derm1m_build.tagger  # noqa: F401
    from derm1m_build.stage import BuildContext
    from derm1m_build.stages.tag import TagConfig, TagStage

    with tempfile.TemporaryDirectory() as tmp:
        st = TagStage(TagConfig(), BuildContext(out=Path(tmp), recipe_path=None))
        t = cpu()
        st.setup()
        print(f"{sys.argv[1] if len(sys.argv) > 1 else ''} tag setup CPU {cpu() - t:.2f}")


if __name__ == "__main__":
    main()

"""Image filtering back-ends, quality checks, perceptual hashing and duplicate clustering."""

import os

# faiss' OpenMP threads wait for work by sleeping, not spinning: the duplicate fit runs them beside its
# hash-search processes (and other work) on few cores, where a spinning thread holds a core its partner
# or another process needs (benchmarks/filter/RESULTS.md, 2026-12-03 late session). libgomp reads this
# once, when faiss is first loaded; a value the user set is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

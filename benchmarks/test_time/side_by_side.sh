#!/bin/bash
# Per test file: tree A, then tree B, one after the other; CPU of pytest and its children, --durations=0 kept in $WORK.
#   benchmarks/test_time/side_by_side.sh /tmp/A /work/wt/BRANCH test_foundation_build test_trust_gates
A=$1; B=$2; shift 2; WORK=${WORK:-/tmp/side_by_side}
mkdir -p $WORK
for f in "$@"; do
  for t in A B; do
    R=$([ $t = A ] && echo $A || echo $B)
    (cd $R && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=. /usr/bin/time -f "$t $f CPU %U+%S wall %e" \
      python -m pytest -q -p no:cacheprovider --durations=0 tests/$f.py > $WORK/${t}_$f.txt 2>&1)
    echo "$(date -u +%H:%M) $(tail -1 $WORK/${t}_$f.txt) | $(grep -E 'passed|failed' $WORK/${t}_$f.txt | tail -1)"
  done
done

#!/bin/bash
# The frozen sets' test modules of the TUNING sets, named one by one (the held-out ones are never listed, opened or
# run): tagger sets 1-43 in one pytest process, figure sets 2-39 in another, tree A then tree B; CPU of pytest and
# its children, --durations=0 kept in $WORK (sum per file: python benchmarks/test_time/durations.py A.txt B.txt).
#   benchmarks/test_time/sets_side_by_side.sh /tmp/A /work/wt/BRANCH
A=$1; B=$2; WORK=${WORK:-/tmp/sets_side_by_side}
mkdir -p $WORK
T=$(cd $B && ls tests | grep -E '^test_independent([0-9]|[1-3][0-9]|4[0-3])?_.*\.py$' | sed 's|^|tests/|')
H=$(cd $B && ls tests | grep -E '^test_heldout([0-9]|[1-3][0-9])_.*\.py$' | sed 's|^|tests/|')
for g in tagger figure; do
  F=$([ $g = tagger ] && echo $T || echo $H)
  for t in A B; do
    R=$([ $t = A ] && echo $A || echo $B)
    (cd $R && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=. /usr/bin/time -f "$t $g CPU %U+%S wall %e" \
      python -m pytest -q -p no:cacheprovider --durations=0 $F > $WORK/${t}_$g.txt 2>&1)
    echo "$(date -u +%H:%M) $(tail -1 $WORK/${t}_$g.txt) | $(grep -E 'passed|failed' $WORK/${t}_$g.txt | tail -1)"
  done
done

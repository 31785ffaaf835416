#!/bin/bash
# Two pytest processes run at once as the two xdist workers of one session (PYTEST_XDIST_WORKER, sibling
# basetemps), in tree A and then in tree B: what the session fixtures cost when both workers ask for them.
#   benchmarks/test_time/two_workers.sh /tmp/A /work/wt/BRANCH
A=$1; B=$2; WORK=${WORK:-/tmp/two_workers}
GW0=${GW0:-"tests/test_export_loaders.py tests/test_report_html.py"}
GW1=${GW1:-"tests/test_filter_stage.py tests/test_plan.py"}
for t in A B; do
  R=$([ $t = A ] && echo $A || echo $B)
  rm -rf $WORK/$t && mkdir -p $WORK/$t
  for w in gw0 gw1; do
    F=$([ $w = gw0 ] && echo "$GW0" || echo "$GW1")
    (cd $R && PYTEST_XDIST_WORKER=$w OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONPATH=. \
      /usr/bin/time -f "$t $w CPU %U+%S wall %e" python -m pytest -q -p no:cacheprovider --basetemp=$WORK/$t/popen-$w $F \
      > $WORK/${t}_$w.txt 2>&1) &
  done
  wait
  for w in gw0 gw1; do echo "$(tail -1 $WORK/${t}_$w.txt) | $(grep -E 'passed|failed' $WORK/${t}_$w.txt | tail -1)"; done
done

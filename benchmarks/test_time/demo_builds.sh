#!/bin/bash
# The demo corpus (seed 7) built by tree A and tree B, N rounds alternating: CPU of each `run` process tree;
# outputs in $WORK/out_A and $WORK/out_B (compare them with diff -rq).
#   benchmarks/test_time/demo_builds.sh /tmp/A /work/wt/BRANCH 3
set -e
A=$1; B=$2; N=${3:-3}; WORK=${WORK:-/tmp/demo_builds}
mkdir -p $WORK
[ -d $WORK/corpus ] || (cd $B && PYTHONPATH=. python -c "from derm1m_build.demo.corpus import generate; generate('$WORK/corpus', seed=7)")
printf '[build]\nname = "t"\nseed = 1234\nshard_size = 16\nworkers = 1\nallow_private_hosts = true\n\n[harvest.local]\npath = "%s"\n' \
  "$WORK/corpus/local" > $WORK/t.toml
for i in $(seq 1 $N); do
  for t in A B; do
    R=$([ $t = A ] && echo $A || echo $B)
    rm -rf $WORK/out_$t
    (cd $R && env PYTHONPATH=$R RAY_AUTH_MODE=disabled PYTHONHASHSEED=0 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
      MKL_NUM_THREADS=1 /usr/bin/time -o $WORK/time_$t -f "$t round $i CPU %U+%S wall %e" \
      python -m derm1m_build run --recipe $WORK/t.toml --out $WORK/out_$t 2>/dev/null >/dev/null; cat $WORK/time_$t)
  done
done

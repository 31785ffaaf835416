import time, sys, numpy as np, faiss, cProfile, pstats
faiss.omp_set_num_threads(1)
from derm1m_build.filtering import dedup
n=int(sys.argv[1])
rng=np.random.default_rng(0)
t=rng.normal(size=(n,192)).astype(np.float16).astype(np.float32); t/=np.linalg.norm(t,axis=1,keepdims=True)
cProfile.run("dedup.knn_pairs(t, 8, 0.5, queries=[t, dedup.mirror_thumbs(t)])", "/tmp/i25/k.out")
pstats.Stats("/tmp/i25/k.out").sort_stats("tottime").print_stats(8)

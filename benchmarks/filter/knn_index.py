"""The thumb kNN index alone on n random 192-d unit vectors (1 % planted near copies), both query sets
(plain and mirrored), faiss index strings as `dedup.knn_pairs` builds them:

    python -m benchmarks.filter.knn_index 1000000 "PCA32,IVF1024,PQ16x4fs" 4     # knn_pairs index="ivf-pq-fastscan"
    python -m benchmarks.filter.knn_index 1000000 "PCA24,IVF1024,Flat" 4         # a cheaper flat inverted file
    python -m benchmarks.filter.knn_index 200000 "PCA48,IVF1788,Flat" 8          # (the earlier ivf-flat shape at 200k)
"""
import sys
import time

import faiss
import numpy as np
n=int(sys.argv[1]); fac=sys.argv[2]; nprobe=int(sys.argv[3]); mirror=int(sys.argv[4]) if len(sys.argv)>4 else 1
faiss.omp_set_num_threads(2)
rng=np.random.default_rng(0)
x=rng.normal(size=(n,192)).astype(np.float32)
k=n//100
src=rng.choice(n//2,k,replace=False); dst=n//2+rng.choice(n//2,k,replace=False)
x[dst]=x[src]+rng.normal(scale=0.1,size=(k,192)).astype(np.float32)
x/=np.linalg.norm(x,axis=1,keepdims=True)
t=time.perf_counter(); c=time.process_time()
xm=np.ascontiguousarray(x.reshape(-1,8,8,3)[:,:,::-1,:].reshape(n,-1))
idx=faiss.index_factory(192,fac,faiss.METRIC_INNER_PRODUCT)
ivf=faiss.extract_index_ivf(idx); ivf.cp.niter=8; ivf.cp.seed=1234
idx.train(x[np.sort(rng.choice(n,min(n,ivf.nlist*40),replace=False))])
faiss.ParameterSpace().set_index_parameter(idx,'nprobe',nprobe)
t1=time.perf_counter(); idx.add(x); t2=time.perf_counter()
_,nb=idx.search(x,9)
if mirror: _,nb2=idx.search(xm,9)
t3=time.perf_counter()
rec=np.mean((nb[dst]==src[:,None]).any(1) | (nb[src]==dst[:,None]).any(1))
print(n,fac,nprobe,'train %.1f add %.1f search %.1f wall %.1f cpu %.1f rec %.4f'%(t1-t,t2-t1,t3-t2,time.perf_counter()-t,time.process_time()-c,rec), flush=True)

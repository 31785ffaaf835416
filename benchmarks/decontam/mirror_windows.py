"""Offline comparison (tuning half only) of three ways to propose a crop of a mirrored copy, as RESULTS.md
Revision 3 reports: per way, the nearest own-window hash distance of crop10-20 and mirror+crop10-20
copies of the tuning photos, and window keys within 8 bits of the other half's queries (a proxy for
pixel checks). (The mirrored centre window instead of the mirrored whole image, 0.690 within 8 bits, was
the same script with `qb[1]` in the last block.)

    python benchmarks/decontam/mirror_windows.py tuning
"""
import sys, numpy as np, cv2
sys.path.insert(0, '.')
from benchmarks.filter import transforms as T
from benchmarks.decontam.planted import load
from derm1m_build.filtering import decontam as D
from derm1m_build.filtering.fingerprint import trim

ODD = (np.arange(8) % 2 == 1)
def bits_abs(block):
    b = block.copy(); b[:, ODD] = np.abs(b[:, ODD]); return D.bits(b)

def mc(im, seed):
    return T.crop20(im[:, ::-1].copy(), seed)

files = [f for f, _ in T.photos('../shared/realdata/photos')]
which = sys.argv[1]
bench = files[0::2] if which == 'tuning' else files[1::2]
other = files[1::2] if which == 'tuning' else files[0::2]
def winblocks(im):
    t = trim(im); out = []
    for frac, n in D.INDEX_WINDOWS:
        out += [D.dct8(w) for w in D.windows(t, frac, n)]
    return out
def qblocks(im):
    t = trim(im); return [D.dct8(t)] + [D.dct8(w) for w in D.windows(t, D.QUERY_WINDOW, 1)]
W = [winblocks(load(f)) for f in bench]
var = {
 'plain': (lambda bl: [D.bits(b) for b in bl], lambda bl: [D.bits(b) for b in bl]),
 'abs': (lambda bl: [bits_abs(b) for b in bl], lambda bl: [bits_abs(b) for b in bl]),
 'mirrored-keys': (lambda bl: [D.bits(b) for b in bl] + [D.bits(b * D._SIGN[None, :]) for b in bl], lambda bl: [D.bits(b) for b in bl]),
}
Q = {k: [qblocks(T.apply(k, load(f), i)) if k != 'mc' else qblocks(mc(load(f), i)) for i, f in enumerate(bench)] for k in ('crop10-20', 'mc')}
NQ = [qblocks(load(f)) for f in other] + [qblocks(T.apply('crop10-20', load(f), i)) for i, f in enumerate(other)]
for name, (kf, qf) in var.items():
    keys = [np.array(kf(w), np.uint64) for w in W]
    allk = np.concatenate(keys)
    print(name, 'keys/img', len(keys[0]))
    for k, qs in Q.items():
        d = []
        for i, qb in enumerate(qs):
            q = np.array(qf(qb), np.uint64)
            d.append(int(np.bitwise_count(q[:, None] ^ keys[i][None, :]).min()))
        d = np.array(d)
        print(f'  {k}: own-window min dist: <=6 {np.mean(d<=6):.3f} <=8 {np.mean(d<=8):.3f} max {d.max()} hist', np.bincount(d)[:16].tolist())
    fp = []
    for qb in NQ:
        q = np.array(qf(qb), np.uint64)
        fp.append(int((np.bitwise_count(q[:, None] ^ allk[None, :]) <= 8).sum()))
    print(f'  distinct queries: window keys within 8 per candidate: mean {np.mean(fp):.2f}; images with any {np.mean(np.array(fp)>0):.3f}')
print('query-side: whole, centre, mirrored centre vs plain window keys')
keys = [np.array([D.bits(b) for b in w], np.uint64) for w in W]
allk = np.concatenate(keys)
for k, qs in Q.items():
    d = []
    for i, qb in enumerate(qs):
        q = np.array([D.bits(b) for b in qb] + [D.bits(qb[0] * D._SIGN[None, :])], np.uint64)
        d.append(int(np.bitwise_count(q[:, None] ^ keys[i][None, :]).min()))
    d = np.array(d)
    print(f'  {k}: <=6 {np.mean(d<=6):.3f} <=8 {np.mean(d<=8):.3f} max {d.max()}', np.bincount(d)[:16].tolist())
fp = []
for qb in NQ:
    q = np.array([D.bits(b) for b in qb] + [D.bits(qb[0] * D._SIGN[None, :])], np.uint64)
    fp.append(int((np.bitwise_count(q[:, None] ^ allk[None, :]) <= 8).sum()))
print(f'  distinct: mean {np.mean(fp):.2f}; any {np.mean(np.array(fp)>0):.3f}')

"""Tuning-only check of how the rows carry over to other print sizes: each captioned figure of both old
halves of figure_sets.json (the old held-out half is tuning data since 2026-12-04)
resized (0.75x, 1.3x: real figures come at any resolution, their labels 6-40 px high), its rows compared
with its rows at scale 1 (scaled back; "same": the same letters, every box IoU >= 0.9). Thresholds
tied to one pixel size show up here without looking at the held-out set.

    python -m benchmarks.pmc.tune_scales 0.75,1.3 [name-part,...]
"""
import sys, time, cv2
from benchmarks.pmc import bench_figures as bf
from derm1m_build.pmc import panels as P
figs = bf.load_figures()
reader = bf.CountingReader()
names = [n for w in ('tune', 'held') for n in bf.SETS[f'compound_{w}'] if figs[n].get('caption')]  # both old halves: tuning data since 2026-12-04
if len(sys.argv) > 2: names = [n for n in names if any(f in n for f in sys.argv[2].split(','))]
scales = [float(x) for x in sys.argv[1].split(',')]
for n in names:
    img = bf.read_bgr(bf.SHARED/'figures'/figs[n]['file'])
    p1, _ = P.pair(img, figs[n]['caption'], read=reader)
    base = {L: bf.xyxy(b) for L, b, _ in p1.panels}
    out = []
    for s in scales:
        im = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC)
        p, _ = P.pair(im, figs[n]['caption'], read=reader)
        if not p.panels:
            out.append(f"{s}: whole {p.note[:50]}"); continue
        got = {L: tuple(v / s for v in bf.xyxy(b)) for L, b, _ in p.panels}
        if not base:
            out.append(f"{s}: NEW rows {''.join(got)}"); continue
        same = set(got) == set(base) and all(bf.iou(got[L], base[L]) >= 0.9 for L in got)
        det = ' '.join(f"{L}:{bf.iou(got[L], base[L]):.2f}" for L in got if L in base)
        out.append(f"{s}: {'same' if same else 'DIFF ' + ''.join(got) + ' ' + det}")
    print(f"{n[:42]:42s} base {''.join(base) or 'whole'} | " + ' | '.join(out), flush=True)
print('reads', reader.calls, round(reader.cpu, 1))

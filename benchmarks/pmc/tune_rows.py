"""Tuning-only quick look at the rows: `pair` on the tuning set's captioned figures and on any grid
seeds (the held-out seeds 100-129 are for bench_figures alone), with the real OCR. Prints each
figure's rows and verdict (or why it stays whole), and each grid that is not split and lettered right.

    python -m benchmarks.pmc.tune_rows --seeds 0-29,200-299 [--figs 416,094 | --figs none] [--review DIR]
"""
import json
import time
from benchmarks.pmc import bench_figures as bf
from benchmarks.pmc.derm_grids import make_grid
from derm1m_build.pmc import panels as new
import argparse
ap = argparse.ArgumentParser()
ap.add_argument('--figs', default='')
ap.add_argument('--seeds', default='0-29')
ap.add_argument('--review', default='')
ap.add_argument('--sets', default='tune,held')  # the old held-out half is tuning data since 2026-12-04
a = ap.parse_args()
figs = bf.load_figures()
verd = json.loads(bf.VERDICTS.read_text())
reader = bf.CountingReader()
names = [n for w in a.sets.split(',') for n in bf.SETS[f'compound_{w}'] if figs[n].get('caption')]
if a.figs == 'none': names = []
elif a.figs: names = [n for n in names if any(f in n for f in a.figs.split(','))]
ok = 0
for n in names:
    img = bf.read_bgr(bf.SHARED / 'figures' / figs[n]['file'])
    t = time.process_time()
    p, _ = new.pair(img, figs[n]['caption'], read=reader)
    if p.panels:
        key = bf.rows_key(p.panels); v = verd.get(n, {}).get(key)
        ok += v == 'ok'
        s = f"rows {''.join(L for L,_,_ in p.panels)} [{key}] {v or 'UNJUDGED'}"
        if a.review:
            from pathlib import Path; Path(a.review).mkdir(parents=True, exist_ok=True)
            bf.draw_review(img, p.panels, Path(a.review) / f"tune__{n}__{key}.png", f"{n} {key}")
    else:
        s = 'whole ' + p.note
    print(f"{n[:45]:45s} {time.process_time()-t:5.1f}s {s}", flush=True)
print('figs ok', ok, '/', len(names))
def rng(s):
    out = []
    for part in s.split(','):
        if not part: continue
        if '-' in part:
            lo, hi = part.split('-'); out += list(range(int(lo), int(hi)+1))
        else: out.append(int(part))
    return out
seeds = rng(a.seeds) if a.seeds != 'none' else []
good = split = wrong = 0
for s in seeds:
    g = make_grid(s)
    boxes = [bf.xyxy(b) for b in new.split_panels(g.image)]
    sp = len(boxes) == len(g.boxes) and all(max(bf.iou(t, b) for b in boxes) >= 0.85 for t in g.boxes)
    p, _ = new.pair(g.image, g.caption, read=reader)
    truth = dict(zip(g.letters, g.boxes))
    gd = [bf.iou(truth[L], bf.xyxy(b)) >= 0.85 if L in truth else False for L, b, _ in p.panels]
    okk = len(p.panels) == len(g.boxes) and all(gd)
    good += okk; split += sp; wrong += not all(gd)
    if not okk:
        print('grid', s, g.style, 'split' if sp else 'SPLITBAD', p.note or [L for L, _, _ in p.panels],
              'WRONG' if not all(gd) else '', flush=True)
print(f'grids {good}/{len(seeds)} split {split} wrong {wrong}; OCR {reader.calls} reads {reader.cpu:.1f}s')

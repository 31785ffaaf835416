"""Split derm1m_build/video/frames.py into the package derm1m_build/video/frames/ (pure move), kept to audit it.

    git show 7564227:derm1m_build/video/frames.py > /tmp/frames_main.py
    python benchmarks/video/split_frames.py /tmp/frames_main.py /tmp/frames_pkg
    diff -r -x __pycache__ /tmp/frames_pkg derm1m_build/video/frames     # nothing: the package is this output

Each top-level def/class/constant goes to one module (PLAN); statements keep their source text and order;
each module's imports are computed from the names it uses (other modules' names, the original imports)."""
import ast
import re
import sys
from pathlib import Path

SRC = Path(sys.argv[1])
OUT = Path(sys.argv[2])
PKG = "derm1m_build.video.frames"

PLAN = {
    "config": ("ShotConfig Shot", "The settings of shot detection and the shot it returns: the data the public entry points take\n"
               "and give, kept apart so every other module can use them without importing the detector."),
    "pixels": ("_local _Y8 _exact _reformatter _bgr _i420_ready _i420_buffer _kept_bgr _mean_luma",
               "Frame planes and the kept frame's colour conversion: exact luma views, the per-thread reformatter\n"
               "and I420 buffer, BGR of the kept frame, mean luma. One place for pixel access, so every caller\n"
               "reads a frame the same way (the kept frames' bytes depend on it)."),
    "features": ("_Sample _small_bgr _hist _features _distance _sample _light _fine_view _block_means _fine_blurred "
                 "_fine_score _FINE_SURE _fine_differs _thumb _norm _ncc_distance _shrink",
                 "Picture features and comparisons: a sample's thumbnails and sharpness, light level, the coarse\n"
                 "distance and the fine (aligned) comparison that decide whether two pictures show one shot.\n"
                 "Pure functions of decoded frames, apart from decoding and shot assembly."),
    "decode": ("_open _threads _iter_samples _decode_kept _Ahead",
               "The coarse keyframe pass: opening a video, the decoder's thread count, the samples of the coarse\n"
               "pass (keyframes or a sampled decode), the kept frame's exact decode, and the read-ahead thread.\n"
               "Kept apart from the refinement decoder, which places cuts between these samples."),
    "refine": ("_Refiner",
               "The refinement decoder: decodes the frames between two coarse samples, reference chains and the\n"
               "dense stretches around the packet hints, with drains before keyframes. Its own module because it\n"
               "is the one stateful decoder of the detector."),
    "h264": ("_INTRA _REF _IDR _MAYBE _SKIPPABLE_NAL _avcc_length_size _h264_kind _first_slice_type _slice_type _SLICE_TYPE",
             "H.264 packet classes read from the bitstream without decoding (NAL and slice headers): which\n"
             "packets are keyframes, reference pictures or skippable. A parser that decodes nothing."),
    "index": ("_Index _INTRA_ONLY coarse_skip _seek_plan _index _FADE_S cut_hints _gap_packets _chain_cost choose_mode "
              "video_duration keyframe_times",
              "The packet index (one demux pass) and what is read from it without decoding: keyframe spacing and\n"
              "the coarse mode (`choose_mode`), which grid keyframes the coarse pass skips, the seek plan, the\n"
              "packet-size hints of where cuts lie, and the cost of a reference chain."),
    "assemble": ("_KEEP_BYTES _REDOS _NO_PACKET _detect",
              "Shot assembly: the coarse pass, the refinement of each change between samples, the shots and\n"
              "their kept frame and sharpness. The one place the other modules are put together."),
    "api": ("detect_shots",
            "The public entry point `detect_shots`: opens the video once (the index pass and refinement share\n"
            "the container) and runs the detector; the module callers import (through the package)."),
}
ORDER = ["config", "pixels", "features", "h264", "decode", "index", "refine", "assemble", "api"]

src = SRC.read_text()
lines = src.splitlines(keepends=True)
tree = ast.parse(src)
doc = ast.get_docstring(tree, clean=False)

imports = {}  # name -> import line
owner = {}    # top-level name -> module
stmts = []    # (names, start, end)
for n in tree.body[1:]:
    if isinstance(n, (ast.Import, ast.ImportFrom)):
        if isinstance(n, ast.ImportFrom) and n.module == "__future__":
            continue
        for a in n.names:
            bound = (a.asname or a.name).split(".")[0]
            if isinstance(n, ast.Import):
                imports[bound] = f"import {a.name}" + (f" as {a.asname}" if a.asname else "")
            else:
                imports[bound] = (n.module, a.name if not a.asname else f"{a.name} as {a.asname}")
        continue
    if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
        names = [n.name]
    elif isinstance(n, ast.Assign):
        names = [x.id for t in n.targets for x in ast.walk(t) if isinstance(x, ast.Name)]
    elif isinstance(n, ast.AnnAssign):
        names = [n.target.id]
    else:
        raise SystemExit(f"unhandled top-level statement at line {n.lineno}")
    start = min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", [])])
    # comments directly above the statement travel with it
    while start > 1 and lines[start - 2].lstrip().startswith("#"):
        start -= 1
    stmts.append((names, start, n.end_lineno, n))

where = {nm: mod for mod, (names, _) in PLAN.items() for nm in names.split()}
for names, *_ in stmts:
    for nm in names:
        if nm not in where:
            raise SystemExit(f"no module for {nm}")
        owner[nm] = where[nm]
assert set(where) == set(owner), set(where) ^ set(owner)

OUT.mkdir(parents=True, exist_ok=True)
for mod in ORDER:
    body = [s for s in stmts if where[s[0][0]] == mod]
    assert all(len({where[x] for x in s[0]}) == 1 for s in body)
    defined = {nm for s in body for nm in s[0]}
    used = set()
    for s in body:
        used |= {x.id for x in ast.walk(s[3]) if isinstance(x, ast.Name)}
    plain, froms, internal = [], {}, {}
    for nm in sorted(used - defined):
        if nm in owner:
            internal.setdefault(owner[nm], []).append(nm)
        elif nm in imports:
            imp = imports[nm]
            if isinstance(imp, str):
                plain.append(imp)
            else:
                froms.setdefault(imp[0], []).append(imp[1])
    for m, ns in internal.items():
        assert ORDER.index(m) < ORDER.index(mod), (mod, m, ns)  # no cycles: only earlier modules
    std = [l for l in plain if l.split()[1] in ("bisect", "heapq", "queue", "threading")]
    third = [l for l in plain if l not in std]
    std_from = {k: v for k, v in froms.items() if k in ("dataclasses", "pathlib")}
    third_from = {k: v for k, v in froms.items() if k not in std_from and not k.startswith("derm1m_build")}
    own_from = {k: v for k, v in froms.items() if k.startswith("derm1m_build")}
    head = ['"""' + PLAN[mod][1] + '\n"""\n\n', "from __future__ import annotations\n"]
    groups = [sorted(std) + [f"from {k} import {', '.join(v)}" for k, v in sorted(std_from.items())],
              sorted(third) + [f"from {k} import {', '.join(v)}" for k, v in sorted(third_from.items())],
              [f"from {k} import {', '.join(v)}" for k, v in sorted(own_from.items())]
              + [f"from {PKG}.{m} import {', '.join(sorted(ns, key=lambda x: (x.lower(), x)))}"
                 for m, ns in sorted(internal.items())]]
    def wrap(line: str) -> str:
        if len(line) <= 110 or " import " not in line:
            return line
        left, names = line.split(" import ")
        return left + " import (\n" + "".join(f"    {n.strip()},\n" for n in names.split(",")) + ")"

    for g in groups:
        if g:
            head.append("\n" + "".join(wrap(l) + "\n" for l in g))
    out = "".join(head)
    for names, start, end, _ in body:
        out += "\n\n" + "".join(lines[start - 1:end])
    (OUT / f"{mod}.py").write_text(out.rstrip("\n") + "\n")
    print(f"{mod}: {out.count(chr(10))} lines")

public = sorted(nm for nm in owner if not nm.startswith("_"))
def title(m: str) -> str:
    return re.split(r":|[.]\s", PLAN[m][1])[0].strip()


layout = ("\nModules (one job each; this package re-exports the public names):\n"
          + "".join(f"- `{m}`: {title(m)}\n" for m in ORDER))
init = '"""' + doc.rstrip("\n") + "\n" + layout + '"""\n\n'
init += "from derm1m_build.video.frames.api import detect_shots\n"
init += "from derm1m_build.video.frames.config import Shot, ShotConfig\n"
idx = sorted(nm for nm in public if owner[nm] == "index")
init += f"from derm1m_build.video.frames.index import {', '.join(idx)}\n"
rest = [nm for nm in public if owner[nm] not in ("api", "config", "index")]
assert not rest, rest
init += "\n__all__ = [\n" + "".join(f'    "{n}",\n' for n in public) + "]\n"
(OUT / "__init__.py").write_text(init)
print("public:", public)

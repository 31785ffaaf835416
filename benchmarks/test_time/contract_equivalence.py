"""Nothing lost when figure sets 28-41's layout and origin checks moved onto contracts: each set's annotations are
mutated in memory (a box edge moved, two boxes swapped, a box dropped, a file suffix or an origin field changed);
whenever the older tree's own layout / origin tests fail on a mutation, this tree's contract tests (and the module's
own layout tests) must fail too.

Usage: PYTHONPATH=. python benchmarks/test_time/contract_equivalence.py OLD_TREE [N]   (N mutations per set, 3000)
Prints per set: caught by both, by the old tests only (lost: must be 0), by the new only (checks made stronger).
"""
import copy
import importlib.util
import random
import sys
from pathlib import Path

TREE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(TREE / "tests"))
import frozen_figure_checks as ffc  # noqa: E402

OLD = sys.argv[1] + "/tests/test_heldout{}_set.py"
NEW = str(TREE / "tests" / "test_heldout{}_set.py")
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
OWN_NEW = ("test_hand_cells", "test_boxes_lie_in_their_hand_cut_cells", "test_strips_meet_at_the_cuts")


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def fails(fns, figs):
    for fn in fns:
        try:
            fn(figs)
        except AssertionError:
            return True
        except (KeyError, TypeError, IndexError, ValueError, AttributeError):
            return True
    return False


def mutations(figs, archives, rng, n):
    fields = {"mode": ["image", "pdf-render", "jpeg"], "format": ["png", "jpg"],
              "crop": [None, [0, 0, 10, 10], [0, 0, 10]], "page": [None, 0, 1, 2], "scale": [None, 1.0, 2.0],
              "max_side": [None, 800, 1200], "npm": [None, "x@1"]}
    for _ in range(n):
        g = copy.deepcopy(figs)
        f = rng.choice(g)
        kind = rng.random()
        if kind < 0.45:
            comp = [x for x in g if x["panels"] > 1]
            f = rng.choice(comp)
            b = rng.choice(f["boxes"])
            b[rng.randrange(4)] += rng.choice([-60, -20, -11, -9, -5, -1, 1, 5, 9, 11, 20, 60])
        elif kind < 0.5:
            comp = [x for x in g if x["panels"] > 2]
            f = rng.choice(comp)
            i = rng.randrange(len(f["boxes"]) - 1)
            f["boxes"][i], f["boxes"][i + 1] = f["boxes"][i + 1], f["boxes"][i]
        elif kind < 0.55:
            comp = [x for x in g if x["panels"] > 1]
            f = rng.choice(comp)
            f["boxes"].pop(rng.randrange(len(f["boxes"])))
        elif kind < 0.6:
            f["file"] = f["file"][:-4] + ".jpg"
        else:
            o = f["origin"]
            key = rng.choice(list(fields) + ["deb", "pip", "apt", "sdist"])
            if key in fields:
                o[key] = rng.choice(fields[key])
            elif key == "sdist":
                o[key] = rng.choice(sorted(archives))
            elif key == "deb":
                o[key] = rng.choice([None, o["sdist"], "x_1_all.deb"])
            else:
                o[key] = rng.choice([None, archives.get(o["sdist"]), "x==1"])
        yield g


total_lost = 0
for i in range(28, 42):
    old = load(OLD.format(i), f"old{i}")
    new = load(NEW.format(i), f"new{i}")
    figs = ffc.set_data(new.SET)["figures"]
    old_fns = [getattr(old, n) for n in dir(old) if n.startswith(("test_layouts", "test_origins"))]
    t = new.TestSet()
    new_fns = [t.test_layouts_and_reading_order, t.test_origins] + [getattr(new, n) for n in OWN_NEW if hasattr(new, n)]
    assert not fails(old_fns, figs) and not fails(new_fns, figs)
    rng = random.Random(i)
    lost = stronger = caught = 0
    for g in mutations(figs, new.ARCHIVES, rng, COUNT):
        o, n = fails(old_fns, g), fails(new_fns, g)
        caught += o and n
        lost += o and not n
        stronger += n and not o
    total_lost += lost
    print(f"set {i}: {len(old_fns)} old tests; mutations caught by both {caught}, old only (lost) {lost}, new only {stronger}")
print("lost in all:", total_lost)
sys.exit(1 if total_lost else 0)

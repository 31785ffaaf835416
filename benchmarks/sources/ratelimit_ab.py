"""Old vs new limiter side by side: 2 processes x 4 threads take 150 slots on one host at 25/s; achieved rate and
most let-go times in any 1 s window. `python benchmarks/sources/ratelimit_ab.py ROUNDS OLD_TREE`; rounds alternate old/new."""
import importlib.util, json, multiprocessing as mp, os, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

def load(path):
    spec = importlib.util.spec_from_file_location("rl", path)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m

def take(path, root, n, q):
    rl = load(path); rl.activate(root)
    with ThreadPoolExecutor(4) as p:
        got = list(p.map(lambda i: rl.wait("h", 25.0), range(n)))
    q.put(got)

def wmax(ts):
    ts = sorted(ts); best = j = 0
    for i, t in enumerate(ts):
        while ts[j] <= t - 1.0: j += 1
        best = max(best, i - j + 1)
    return best

if __name__ == "__main__":
    trees = {"old": os.path.join(sys.argv[2], "derm1m_build/ratelimit.py"), "new": os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../derm1m_build/ratelimit.py")}
    out = []
    for rnd in range(int(sys.argv[1])):
        for name, path in trees.items():
            root = tempfile.mkdtemp()
            ctx = mp.get_context("spawn"); q = ctx.Queue()
            ps = [ctx.Process(target=take, args=(path, root, 75, q)) for _ in range(2)]
            [p.start() for p in ps]
            ts = sorted(q.get() + q.get()); [p.join() for p in ps]
            out.append({"limiter": name, "round": rnd, "rate_per_s": round((len(ts) - 1) / (ts[-1] - ts[0]), 2),
                        "max_let_go_per_1s": wmax(ts), "load": round(os.getloadavg()[0], 1)})
            print(json.dumps(out[-1]), flush=True)

"""Language identification with langid.py, loaded fast.

langid ships its model as a bz2-compressed pickle inside a Python string; decompressing it takes
seconds on every process start. The first load therefore saves the decoded arrays (numpy .npz, no
pickle) and the output table (JSON) in the user cache folder, keyed by the model's digest, so later
processes load them in a fraction of the time. The results are identical: the same arrays go into
langid's own LanguageIdentifier.

Scoring skips BLAS: langid multiplies its (7480 x 97) float32 table by an integer feature vector with
`np.dot`, which casts the whole table to float64 on every call (6 MB) and runs a multi-threaded gemv;
on a loaded machine, or with several harvest workers on few cores, the BLAS threads spin against each
other (62 ms wall, 8.5 ms CPU per call measured under load, 0.3 ms without). A text has only a few
dozen features, so `_Identifier` sums just their rows, single-threaded (einsum, no BLAS): the same
numbers up to float64 rounding, independent of how many threads or workers run.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from typing import Any

import numpy as np

from derm1m_build.usercache import cache_dir


def _identifier_class() -> type:
    from langid.langid import LanguageIdentifier

    class _Identifier(LanguageIdentifier):
        def nb_classprobs(self, fv):  # noqa: D102 - langid's method, on the text's non-zero features only
            nz = np.flatnonzero(fv)
            return np.einsum("i,ij->j", fv[nz].astype(np.float64), self.nb_ptc[nz].astype(np.float64)) + self.nb_pc

    return _Identifier


@lru_cache(maxsize=1)
def identifier() -> Any:
    import array

    from langid.langid import model

    LanguageIdentifier = _identifier_class()

    raw = model if isinstance(model, bytes) else model.encode("ascii")
    key = hashlib.sha256(raw).hexdigest()[:16]
    npz, js = cache_dir() / f"langid-{key}.npz", cache_dir() / f"langid-{key}.json"
    try:
        with np.load(npz, allow_pickle=False) as arrays:
            nb_ptc, nb_pc, nextmove = arrays["nb_ptc"], arrays["nb_pc"], arrays["tk_nextmove"]
        extra = json.loads(js.read_text(encoding="utf-8"))
        tk_nextmove = array.array(extra["nextmove_typecode"], nextmove.tolist())
        tk_output = {int(k): tuple(v) for k, v in extra["tk_output"].items()}
        return LanguageIdentifier(nb_ptc, nb_pc, nb_ptc.shape[0], extra["nb_classes"], tk_nextmove, tk_output,
                                  norm_probs=True)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    from langid.langid import LanguageIdentifier as Stock

    stock = Stock.from_modelstring(model, norm_probs=True)
    ident = LanguageIdentifier(stock.nb_ptc, stock.nb_pc, stock.nb_numfeats, stock.nb_classes, stock.tk_nextmove,
                               stock.tk_output, norm_probs=True)
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        tmp = npz.with_name(f"{npz.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, nb_ptc=ident.nb_ptc, nb_pc=ident.nb_pc, tk_nextmove=np.asarray(ident.tk_nextmove))
        os.replace(tmp, npz)
        tmpj = js.with_name(f"{js.stem}.{os.getpid()}.tmp")
        tmpj.write_text(json.dumps({"nb_classes": list(ident.nb_classes), "nextmove_typecode": ident.tk_nextmove.typecode,
                                    "tk_output": {str(k): list(v) for k, v in ident.tk_output.items()}}))
        os.replace(tmpj, js)
    except OSError:
        pass  # a read-only home: just slower next time
    return ident

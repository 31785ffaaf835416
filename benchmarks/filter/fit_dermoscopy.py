"""Refit the heuristic's dermoscopy score from the tuning part of the real-image split, and only from it.

    python -m benchmarks.filter.fit_dermoscopy            # prints the weights and the cross-validated figures
    python -m benchmarks.filter.fit_dermoscopy --check    # exit 1 unless heuristic.py holds what this fits

The score (`heuristic.dermoscopy_score`) is a logistic over a few measures. This script fits it on the
tuning part's clinical (PAD-UFES-20) and dermoscopy (ISIC 2017) photos, decoded and measured exactly as
the filter does, and nothing else: the held-out part is never read. The fit is deterministic (no
random start, no library solver): the measures are standardised, both classes weigh the same in total
(a clinical photo called dermoscopic costs as much as the reverse), an L2 penalty of 1/2 |w|^2 on the
standardised weights (not the bias; scikit-learn's `LogisticRegression(C=1, class_weight="balanced")`
objective), solved by Newton's method to convergence, then written back in the measures' own units.
Cross-validation (5 folds x 10 seeded repeats, stratified) says what to expect on photos it did not see.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

FEATURES = ("light_tilt", "field_edge", "detail_spread", "coarse_texture", "corner_spread", "blur")


def tuning_measures() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(X: measures of FEATURES, y: 1 = dermoscopy, ids) of the tuning part's skin photos."""
    import cv2

    from derm1m_build.filtering.decode import load_upright
    from derm1m_build.filtering.heuristic import measure
    from derm1m_build.stages.filter import DECODE_SIDE
    from derm1m_build.testing import realimages as R

    its = [it for it in R.selected("tune") if it.kind in ("clinical", "dermoscopy")]
    X, y = [], []
    for it in its:
        rgb = np.asarray(load_upright(it.make(), max_side=DECODE_SIDE))
        m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        X.append([float(getattr(m, f)) for f in FEATURES])
        y.append(int(it.kind == "dermoscopy"))
    return np.array(X, np.float64), np.array(y, np.int64), [it.id for it in its]


def fit(X: np.ndarray, y: np.ndarray, c: float = 1.0) -> tuple[np.ndarray, float]:
    """Balanced, L2-penalised logistic regression; returns (weights, bias) in the measures' own units."""
    mu, sd = X.mean(axis=0), X.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    sw = np.where(y == 1, len(y) / (2.0 * max(1, y.sum())), len(y) / (2.0 * max(1, (1 - y).sum())))
    reg = np.eye(Z.shape[1]) / c
    reg[0, 0] = 0.0  # the bias is not penalised
    beta = np.zeros(Z.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(Z @ beta)))
        grad = Z.T @ (sw * (p - y)) + reg @ beta
        hess = (Z * (sw * p * (1 - p))[:, None]).T @ Z + reg
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-12:
            break
    w = beta[1:] / sd
    return w, float(beta[0] - (w * mu).sum())


def score(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(X @ w + b, -50, 50)))


def cross_validate(X: np.ndarray, y: np.ndarray, folds: int = 5, repeats: int = 10, thr: float = 0.5) -> dict:
    """Stratified k-fold, repeated with seeds 0..repeats-1: the share of dermoscopy photos and of clinical
    photos labelled dermoscopic (score >= thr, or a round field as `heuristic.round_field` says), on the
    photos of the fold left out, averaged over repeats."""
    from derm1m_build.filtering.heuristic import ROUND_FIELD

    field = X[:, FEATURES.index("field_edge")] > ROUND_FIELD
    rec, fpr = [], []
    for seed in range(repeats):
        rng = np.random.default_rng(seed)
        fold = np.empty(len(y), np.int64)
        for cls in (0, 1):
            idx = rng.permutation(np.flatnonzero(y == cls))
            fold[idx] = np.arange(len(idx)) % folds
        p = np.empty(len(y))
        for k in range(folds):
            w, b = fit(X[fold != k], y[fold != k])
            p[fold == k] = score(X[fold == k], w, b)
        p = np.where(field, 1.0, p)
        rec.append(float((p[y == 1] >= thr).mean()))
        fpr.append(float((p[y == 0] >= thr).mean()))
    return {"dermoscopy_labelled_dermoscopic": round(float(np.mean(rec)), 3),
            "clinical_labelled_dermoscopic": round(float(np.mean(fpr)), 3)}


def rounded(w: np.ndarray, b: float) -> tuple[dict[str, float], float]:
    return {f: round(float(v), 4) for f, v in zip(FEATURES, w)}, round(b, 4)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="fail unless heuristic.py holds the refitted weights")
    a = ap.parse_args()
    X, y, _ = tuning_measures()
    w, b = fit(X, y)
    weights, bias = rounded(w, b)
    print(f"tuning part: {int(y.sum())} dermoscopy, {int((1 - y).sum())} clinical photos")
    print(f"DERMOSCOPY_WEIGHTS = {weights}")
    print(f"DERMOSCOPY_BIAS = {bias}")
    p = score(X, w, b)
    print(f"on the tuning photos themselves: dermoscopy {int((p[y == 1] >= 0.5).sum())} / {int(y.sum())}, "
          f"clinical {int((p[y == 0] >= 0.5).sum())} / {int((1 - y).sum())} at >= 0.5")
    print(f"cross-validated (5 folds x 10 repeats): {cross_validate(X, y)}")
    if a.check:
        from derm1m_build.filtering import heuristic as H

        same = (H.DERMOSCOPY_WEIGHTS == weights and H.DERMOSCOPY_BIAS == bias)
        print("heuristic.py holds these weights" if same else "heuristic.py differs from the refit")
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()

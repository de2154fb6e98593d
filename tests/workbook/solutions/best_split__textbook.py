# expect: pass
"""Sort once; the left child of every cut is a prefix, so its counts are a cumulative sum."""

import numpy as np


def _weighted_impurity(stats, n, criterion):
    """n * impurity of each prefix (one row per cut): from class counts, or from
    (count, sum, sum of squares)."""
    if criterion == "squared_error":
        count, total, squares = stats[:, 0], stats[:, 1], stats[:, 2]
        return squares - total**2 / count
    p = stats / n[:, None]
    if criterion == "gini":
        return n * (1.0 - np.sum(p**2, axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        return -n * np.sum(np.where(p > 0, p * np.log2(p), 0.0), axis=1)


def best_split(x, y, criterion="gini", min_samples_leaf=1):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    n = len(x)
    if n < 2:
        return None
    if criterion == "squared_error":
        y = y.astype(float) - y.astype(float).mean()
        rows = np.column_stack([np.ones(n), y, y * y])
    else:
        _, codes = np.unique(y, return_inverse=True)
        rows = np.eye(codes.max() + 1)[codes.ravel()]
    left = np.cumsum(rows, axis=0)[:-1]
    right = left[-1] + rows[-1] - left
    n_left = np.arange(1, n)
    score = (
        _weighted_impurity(left, n_left, criterion)
        + _weighted_impurity(right, n - n_left, criterion)
    ) / n
    ok = (x[:-1] < x[1:]) & (n_left >= min_samples_leaf) & (n - n_left >= min_samples_leaf)
    if not ok.any():
        return None
    i = np.flatnonzero(ok)[np.argmin(score[ok])]
    return float((x[i] + x[i + 1]) / 2), float(score[i])

# expect: fail
# counterexample: best_split\(\[7, 7, 7\], \[0, 1, 0\]\)
"""The sweep without the check that the values around a cut differ: it cuts between
equal values, where no threshold separates them."""

import numpy as np


def best_split(x, y, criterion="gini", min_samples_leaf=1):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    n = len(x)
    _, codes = np.unique(y, return_inverse=True)
    rows = np.eye(codes.max() + 1)[codes.ravel()]
    left = np.cumsum(rows, axis=0)[:-1]
    right = left[-1] + rows[-1] - left
    n_left = np.arange(1, n)
    gini_left = n_left * (1 - np.sum((left / n_left[:, None]) ** 2, axis=1))
    n_right = n - n_left
    gini_right = n_right * (1 - np.sum((right / np.maximum(n_right, 1)[:, None]) ** 2, axis=1))
    score = (gini_left + gini_right) / n
    ok = (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    if not ok.any():
        return None
    i = np.flatnonzero(ok)[np.argmin(score[ok])]
    return float((x[i] + x[i + 1]) / 2), float(score[i])

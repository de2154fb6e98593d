# expect: fail
# counterexample: \[-1, 1, 1, 1\]
"""Counts by ``np.bincount``: right for labels 0, 1, 2, ..., wrong for negative or string ones."""

import numpy as np


def gini(y, sample_weight=None):
    totals = np.bincount(np.asarray(y), weights=sample_weight)
    shares = totals / totals.sum()
    return float(1.0 - np.sum(shares**2))

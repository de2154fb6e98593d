# expect: pass
"""The textbook entropy: each label's share of the weight by np.unique, -sum p log2 p over
the shares that are not zero."""

import numpy as np


def entropy(y, sample_weight=None):
    labels = np.asarray(y)
    weights = np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight, float)
    _, index = np.unique(labels, return_inverse=True)
    totals = np.bincount(index.ravel(), weights=weights)
    shares = totals[totals > 0] / totals.sum()
    return float(-(shares * np.log2(shares)).sum())

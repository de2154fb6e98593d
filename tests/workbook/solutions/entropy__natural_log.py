# expect: fail
# counterexample: entropy\(\[0, 0, 1, 1\], None\)
"""The same in nats (np.log for np.log2): every answer too small by a factor ln 2, and
right only where the entropy is 0."""

import numpy as np


def entropy(y, sample_weight=None):
    labels = np.asarray(y)
    weights = np.ones(len(labels)) if sample_weight is None else np.asarray(sample_weight, float)
    _, index = np.unique(labels, return_inverse=True)
    totals = np.bincount(index.ravel(), weights=weights)
    shares = totals[totals > 0] / totals.sum()
    return float(-(shares * np.log(shares)).sum())

# expect: fail
"""Draws without replacement (a permutation): every row once, nothing out of bag."""

import numpy as np


def bootstrap_sample(n_samples, random_state=None, n_draws=None):
    rng = np.random.default_rng(random_state)
    indices = rng.permutation(n_samples)[: n_samples if n_draws is None else n_draws]
    drawn = np.zeros(n_samples, dtype=bool)
    drawn[indices] = True
    return indices, np.flatnonzero(~drawn)

"""The bootstrap: a sample of the training set drawn with replacement, and what it left out.

Draw ``n`` indices uniformly and independently from ``range(n)``: each index is drawn
``Binomial(n, 1/n)`` times, about once, and is left out with probability
``(1 - 1/n)^n -> e^{-1} ~ 0.368`` (Efron, "Bootstrap methods: another look at the
jackknife", *Annals of Statistics* 7, 1979).  Bagging fits each member on one such
sample (:mod:`~ml_from_scratch.ensemble.bagging`), and scores each sample by the members
that left it out.

Complexity: O(n) time and memory.

Status: checked for its distribution (chi-square tests against the uniform and the
binomial, the out-of-bag fraction), its reproducibility from a seed and its use of a
given Generator.
"""

from __future__ import annotations

import numpy as np

from ml_from_scratch._checks import as_positive_int, as_rng
from ml_from_scratch.ensemble._tree import IntArray

__all__ = ["bootstrap_sample"]


def bootstrap_sample(
    n_samples: int,
    random_state: int | np.random.Generator | None = None,
    n_draws: int | None = None,
) -> tuple[IntArray, IntArray]:
    """Draw a bootstrap sample of ``range(n_samples)`` and its out-of-bag complement.

    Parameters
    ----------
    n_samples : int
        The size of the training set, at least 1.
    random_state : int, numpy Generator or None
        The seed or generator of the draws (None: fresh entropy).
    n_draws : int, optional
        How many indices to draw (default: ``n_samples``).

    Returns
    -------
    indices : ndarray of shape (n_draws,)
        Indices drawn uniformly and independently, with replacement.
    out_of_bag : ndarray
        The indices never drawn, in increasing order.

    Raises
    ------
    TypeError
        If a size is not an int, or ``random_state`` neither None, an int nor a
        Generator.
    ValueError
        If a size is below 1 or the seed negative.

    Complexity
    ----------
    O(n_samples + n_draws) time and memory.

    Examples
    --------
    >>> indices, out_of_bag = bootstrap_sample(5, random_state=3)
    >>> indices.tolist(), out_of_bag.tolist()
    ([4, 0, 0, 1, 0], [2, 3])
    """
    n = as_positive_int(n_samples, "n_samples")
    draws = n if n_draws is None else as_positive_int(n_draws, "n_draws")
    indices = as_rng(random_state).integers(0, n, size=draws)
    drawn = np.zeros(n, dtype=bool)
    drawn[indices] = True
    return indices.astype(np.intp), np.flatnonzero(~drawn)

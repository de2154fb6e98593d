"""The best threshold on one feature, by sorting and prefix sums: CART's inner loop.

CART splits a node on ``x <= t``.  Only thresholds between two consecutive distinct
values of ``x`` give different partitions, so sort the samples by ``x`` once: the left
child of the cut after the ``i``-th sorted sample holds the first ``i`` samples, and its
statistics (class counts; or counts, sums and sums of squares of ``y``) are a prefix sum.
The right child's are the node's minus the left's.  Every cut is then scored in O(1) by
the weighted impurity of the two children,

.. math::

    \\mathrm{score}(i) = \\frac{n_L\\, I(L_i) + n_R\\, I(R_i)}{n},

and the best cut is the smallest score among those between distinct values that leave
at least ``min_samples_leaf`` samples on each side.  The threshold is the midpoint of the
two values around the cut, as in scikit-learn.  All of it is O(n log n) for the sort and
O(n K) after (Breiman et al., *Classification and Regression Trees*, 1984, ch. 4;
*The Elements of Statistical Learning*, 2nd ed., section 9.2.2).

The trees of this package run the same search on every feature of every node of a level
at once (:mod:`ml_from_scratch.ensemble._sorted`); their tests check each split they make
against this function.

Complexity: O(n log n) time, O(n K) memory for K classes.

Status: checked against the brute force that scores every threshold by counting the
labels on each side (hypothesis-drawn features with many ties), and against the root
split of scikit-learn's ``DecisionTreeClassifier(max_depth=1)``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ml_from_scratch._checks import as_float_vector, as_int, as_labels, check_same, one_of
from ml_from_scratch.ensemble._grow import TIE
from ml_from_scratch.ensemble.criteria import CRITERIA, CriterionName

__all__ = ["best_split", "midpoints"]


def best_split(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    criterion: CriterionName = "gini",
    min_samples_leaf: int = 1,
) -> tuple[float, float] | None:
    """The threshold on ``x`` that minimises the weighted impurity of the two children.

    Parameters
    ----------
    x : array-like of shape (n,)
        One feature: finite numbers, ties allowed.
    y : array-like of shape (n,)
        Class labels (``"gini"``, ``"entropy"``) or numbers (``"squared_error"``).
    criterion : {"gini", "entropy", "squared_error"}
        The impurity ``I`` (see :mod:`~ml_from_scratch.ensemble.criteria`).
    min_samples_leaf : int
        Fewest samples either child may hold, at least 1.

    Returns
    -------
    (threshold, score) or None
        ``threshold`` is the midpoint of the two consecutive distinct values of ``x``
        around the best cut (the smallest such threshold when several cuts tie); the
        left child is ``x <= threshold``.  ``score`` is
        ``(n_L I(left) + n_R I(right)) / n``.  None when no cut leaves
        ``min_samples_leaf`` samples on both sides between distinct values (``x``
        constant, or too few samples).

    Raises
    ------
    TypeError
        If ``x`` is not numeric, ``y`` not labels (numbers for ``"squared_error"``), or
        ``min_samples_leaf`` not an int.
    ValueError
        If ``x`` and ``y`` differ in length or are empty, ``x`` is not finite,
        ``criterion`` is unknown or ``min_samples_leaf < 1``.

    Complexity
    ----------
    O(n log n) time for the sort, then O(n K); O(n K) memory.

    Examples
    --------
    >>> best_split([1.0, 2.0, 3.0, 4.0], [0, 0, 1, 1])
    (2.5, 0.0)
    >>> best_split([3, 1, 2, 2], ["b", "a", "b", "a"])
    (1.5, 0.3333333333333333)
    >>> best_split([1, 2, 3, 10], [1.0, 1.0, 1.0, 5.0], criterion="squared_error")
    (6.5, 0.0)
    >>> best_split([7, 7, 7], [0, 1, 0]) is None
    True
    """
    values = as_float_vector(x, "x")
    labels = as_labels(y, "y")
    check_same("len(x)", values.shape[0], "len(y)", labels.shape[0])
    rule = CRITERIA[one_of(criterion, "criterion", ("gini", "entropy", "squared_error"))]
    leaf = as_int(min_samples_leaf, "min_samples_leaf", low=1)

    order = np.argsort(values, kind="stable")
    values = values[order]
    if rule.is_classification:
        _, codes = np.unique(labels[order], return_inverse=True)
        rows = rule.statistics(codes.ravel(), np.ones(codes.size), int(codes.max()) + 1)
    else:
        targets = as_float_vector(labels, "y")[order]
        rows = rule.statistics(targets - targets.mean(), np.ones(targets.size))

    prefix = np.cumsum(rows, axis=1)
    left = prefix[:, :-1]  # left[:, i]: the statistics of the first i + 1 sorted samples
    right = prefix[:, -1:] - left
    n = values.shape[0]
    n_left = np.arange(1, n)
    allowed = (values[:-1] < values[1:]) & (n_left >= leaf) & (n - n_left >= leaf)
    if not allowed.any():
        return None
    score = (rule.weighted(left) + rule.weighted(right)) / n
    # Tied cuts can differ by rounding (their sums run in another order): the first cut
    # within TIE of the best, relative to the node's impurity, is the smallest threshold.
    candidates = score[allowed]
    slack = TIE * float(rule.weighted(prefix[:, -1:])[0]) / n
    first_tied = np.argmax(candidates <= candidates.min() + slack)
    best = int(np.flatnonzero(allowed)[first_tied])
    return float(midpoints(values[best], values[best + 1])), float(score[best])


def midpoints(low: npt.ArrayLike, high: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """``(low + high) / 2`` elementwise, or ``low`` where rounding would make it ``high``
    (two adjacent floats): so that ``low <= threshold < high`` always holds."""
    low, high = np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)
    middle = (low + high) / 2.0
    return np.where(middle >= high, low, middle)

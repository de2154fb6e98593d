"""The impurity criteria of CART: Gini, entropy and squared error.

A node whose samples have (weighted) class proportions ``p_k``, or targets ``y_i`` with
weights ``w_i``, is impure by

.. math::

    \\mathrm{Gini}(p) = 1 - \\sum_k p_k^2, \\qquad
    H(p) = -\\sum_k p_k \\log_2 p_k, \\qquad
    \\mathrm{MSE} = \\frac{\\sum_i w_i (y_i - \\bar y)^2}{\\sum_i w_i}.

Gini is the chance that two draws from the node disagree; entropy is in bits, as
scikit-learn's ``criterion="entropy"``.  A split of a node into ``L`` and ``R`` is scored
by the weighted impurity of its children, ``W_L I(L) + W_R I(R)``, and CART takes the
split that makes it smallest (Breiman, Friedman, Olshen and Stone, *Classification and
Regression Trees*, 1984, ch. 4; Hastie, Tibshirani and Friedman, *The Elements of
Statistical Learning*, 2nd ed., section 9.2).

Each criterion is a function of **additive** node statistics: the class weights
``s_k = sum w_i [y_i = k]``, or ``(sum w_i, sum w_i y_i, sum w_i y_i^2)``.  So the
impurity of every prefix of a sorted node is one cumulative sum away, which is what the
split searches (:func:`~ml_from_scratch.ensemble.split.best_split` and the tree's
vectorised search) rely on.  :class:`Criterion` holds that form; :func:`gini` and
:func:`entropy` are the textbook functions of a list of labels.

Complexity: O(n) for :func:`gini` and :func:`entropy` after the O(n log n) grouping of the
labels; O(1) per node for the statistic forms.

Status: :func:`gini` and :func:`entropy` checked against brute-force counting and
``scipy.stats.entropy``; the statistic forms against them and against the impurities
scikit-learn's trees record (``tree_.impurity``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ml_from_scratch._checks import as_labels, as_sample_weight

__all__ = ["CRITERIA", "Criterion", "CriterionName", "entropy", "gini"]

CriterionName = Literal["gini", "entropy", "squared_error"]
FloatArray = npt.NDArray[np.float64]
_TINY = np.finfo(np.float64).tiny


def gini(y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> float:
    """The Gini impurity ``1 - sum_k p_k^2`` of a set of labels.

    Parameters
    ----------
    y : array-like of shape (n,)
        Class labels: ints, strings, any values numpy can sort; at least one.
    sample_weight : array-like of shape (n,), optional
        Non-negative weights (default: 1 each); ``p_k`` is class ``k``'s share of the
        total weight, which must be positive.

    Returns
    -------
    float
        In ``[0, 1 - 1/K]`` for ``K`` classes present: 0 for a pure set.

    Raises
    ------
    TypeError
        If ``y`` is not a 1-D array of labels or the weights are not numbers.
    ValueError
        If ``y`` is empty, or the weights are negative, not finite, of another length,
        or sum to zero.

    Complexity
    ----------
    O(n log n) time (grouping the labels), O(n) memory.

    Examples
    --------
    >>> gini([0, 0, 1, 1])
    0.5
    >>> gini(["cat", "cat", "cat"])
    0.0
    >>> round(gini([0, 1, 2]), 6)
    0.666667
    >>> gini([0, 1], sample_weight=[3, 1])
    0.375
    """
    p = _proportions(y, sample_weight)
    return float(1.0 - np.sum(p * p))


def entropy(y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> float:
    """The entropy ``-sum_k p_k log2 p_k`` of a set of labels, in bits.

    Parameters
    ----------
    y : array-like of shape (n,)
        Class labels: ints, strings, any values numpy can sort; at least one.
    sample_weight : array-like of shape (n,), optional
        Non-negative weights (default: 1 each), with a positive total.

    Returns
    -------
    float
        In ``[0, log2 K]`` for ``K`` classes present: 0 for a pure set, 1 for two
        classes in equal shares.

    Raises
    ------
    TypeError
        If ``y`` is not a 1-D array of labels or the weights are not numbers.
    ValueError
        If ``y`` is empty, or the weights are negative, not finite, of another length,
        or sum to zero.

    Complexity
    ----------
    O(n log n) time (grouping the labels), O(n) memory.

    Examples
    --------
    >>> entropy([0, 0, 1, 1])
    1.0
    >>> entropy([5, 5, 5])
    0.0
    >>> entropy(["a", "b", "c", "d"])
    2.0
    """
    p = _proportions(y, sample_weight)
    p = p[p > 0]  # 0 log 0 = 0: a class of zero weight adds nothing
    return float(max(0.0, -np.sum(p * np.log2(p))))


@dataclass(frozen=True)
class Criterion:
    """An impurity as a function of additive node statistics.

    ``statistics(y, w)`` gives each sample's column of statistics, shape ``(C, n)``; a
    node's statistics are the sum of its samples' columns, so every prefix of a sorted
    node costs one cumulative sum.  ``weighted(sums)`` is ``W * impurity`` (``W`` the
    node's weight) of every column of ``sums`` at once, shape ``(C, ...)``: the quantity
    a split minimises over its two children.  The statistics come first so that each is
    one contiguous row.

    Attributes
    ----------
    name : "gini", "entropy" or "squared_error"
    """

    name: CriterionName

    @property
    def is_classification(self) -> bool:
        """True for Gini and entropy, whose statistics are class weights."""
        return self.name != "squared_error"

    def statistics(self, y: npt.NDArray[Any], w: FloatArray, n_classes: int = 0) -> FloatArray:
        """Each sample's column: ``w`` times a one-hot class code, or ``(w, w y, w y^2)``.

        For classification ``y`` holds class codes ``0 .. n_classes - 1``.
        """
        if self.is_classification:
            columns = np.zeros((n_classes, y.shape[0]))
            columns[y, np.arange(y.shape[0])] = w
            return columns
        return np.vstack([w, w * y, w * y * y])

    def weight(self, sums: FloatArray) -> FloatArray:
        """The total weight ``W`` of each column of statistics."""
        if self.is_classification:
            return _row_sum(sums)
        result: FloatArray = sums[0]
        return result

    def weighted(self, sums: FloatArray) -> FloatArray:
        """``W * impurity`` of each column of statistics (0 where ``W`` is 0).

        Gini: ``W - sum_k s_k^2 / W``; entropy: ``W log2 W - sum_k s_k log2 s_k``;
        squared error: ``sum w y^2 - (sum w y)^2 / W``, never below 0.
        """
        weight = self.weight(sums)
        safe = np.where(weight > 0, weight, np.inf)  # an empty side adds 0, not 0 / 0
        if self.name == "gini":
            result: FloatArray = weight - _row_sum(sums * sums) / safe
            return result
        if self.name == "entropy":
            result = _xlog2x(weight) - _row_sum(_xlog2x(sums))
            return result
        result = np.maximum(sums[2] - sums[1] ** 2 / safe, 0.0)
        return result

    @property
    def score_rows(self) -> slice:
        """The rows of the statistics a split's score needs (``sum w y^2`` is not)."""
        return slice(0, 2) if self.name == "squared_error" else slice(None)

    def split_score(self, left: FloatArray, right: FloatArray) -> FloatArray:
        """A score of splits that orders them as ``weighted(left) + weighted(right)``.

        ``left`` and ``right`` hold the :attr:`score_rows` of the children's statistics.
        It differs from that sum by a constant of the node (the same for every split of
        the node): ``-(sum_k L_k^2 / W_L + sum_k R_k^2 / W_R)`` for Gini (less ``W``),
        ``-(S_L^2 / W_L + S_R^2 / W_R)`` for squared error (less ``sum w y^2``); for
        entropy it is the sum itself.  For Gini with two classes it is half the sum,
        ``L_0 L_1 / W_L + R_0 R_1 / W_R``, which takes fewer passes.  An empty side scores NaN
        or infinity: the searches never allow one.
        """
        if self.name == "entropy":
            score = self.weighted(left)
            score += self.weighted(right)
            return score
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.name == "squared_error":
                result: FloatArray = _square_over(left[1], left[0])
                result += _square_over(right[1], right[0])
            elif left.shape[0] == 2:  # sum_k s_k^2 / W = W - 2 s_0 s_1 / W: fewer passes
                result = _product_over_total(left)
                result += _product_over_total(right)
                return result
            else:
                result = _sum_of_squares_over_total(left)
                result += _sum_of_squares_over_total(right)
        np.negative(result, out=result)
        return result

    def impurity(self, sums: FloatArray) -> FloatArray:
        """The impurity of each column of statistics: ``weighted(sums) / W``."""
        result: FloatArray = self.weighted(sums) / np.maximum(self.weight(sums), _TINY)
        return result

    def value(self, sums: FloatArray) -> FloatArray:
        """What each node predicts, one row per column of ``sums``: class proportions,
        or the weighted mean."""
        weight = np.maximum(self.weight(sums), _TINY)
        if self.is_classification:
            result: FloatArray = (sums / weight).T
            return result
        result = (sums[1] / weight)[:, None]
        return result


CRITERIA: dict[str, Criterion] = {
    name: Criterion(name) for name in ("gini", "entropy", "squared_error")
}


def _proportions(y: npt.ArrayLike, sample_weight: npt.ArrayLike | None) -> FloatArray:
    labels = as_labels(y, "y")
    weights = as_sample_weight(sample_weight, labels.shape[0])
    _, codes = np.unique(labels, return_inverse=True)
    totals = np.bincount(codes.ravel(), weights=weights)
    result: FloatArray = totals / totals.sum()
    return result


def _row_sum(values: FloatArray) -> FloatArray:
    """The sum over the first axis as row additions (numpy's reduction over a short
    axis is slow)."""
    total: FloatArray = values[0].copy()
    for row in values[1:]:
        total += row
    return total


def _square_over(values: FloatArray, weights: FloatArray) -> FloatArray:
    """``values^2 / weights`` with one new array (the search's hottest arithmetic)."""
    result: FloatArray = np.multiply(values, values)
    result /= weights
    return result


def _product_over_total(values: FloatArray) -> FloatArray:
    """``v_0 v_1 / (v_0 + v_1)`` for two rows."""
    result: FloatArray = np.multiply(values[0], values[1])
    result /= values[0] + values[1]
    return result


def _sum_of_squares_over_total(values: FloatArray) -> FloatArray:
    """``sum_k v_k^2 / sum_k v_k`` over the first axis, with two new arrays."""
    total = values[0].copy()
    squares: FloatArray = np.multiply(values[0], values[0])
    for row in values[1:]:
        total += row
        squares += row * row
    squares /= total
    return squares


def _xlog2x(values: FloatArray) -> FloatArray:
    """``v log2 v`` elementwise, 0 at 0."""
    result: FloatArray = values * np.log2(np.maximum(values, _TINY))
    return result

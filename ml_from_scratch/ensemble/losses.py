"""The losses of gradient boosting: residuals, the first guess, and each leaf's step.

Gradient boosting fits each tree to the negative gradient of the loss, the
pseudo-residuals (:func:`gradient_boosting_residuals`): ``y - F`` for squared error,
``sign(y - F)`` for absolute error, ``y - F`` clipped to ``delta`` for Huber, and
``y - p`` for the log loss, ``p`` the sigmoid (two classes) or the softmax of ``F``.
Then it replaces the value of each leaf ``R`` by the best step for the loss itself
(Friedman, "Greedy function approximation", *Annals of Statistics* 29, 2001, algorithm 1
line 5):

* squared error: the mean residual, which the tree already holds;
* absolute error: the (lower) weighted median of ``y - F`` over the leaf;
* Huber: that median plus the mean of the residuals about it, clipped to ``delta``
  (Friedman's algorithm 4), ``delta`` the ``alpha``-quantile of ``|y - F|``;
* log loss: one Newton step, ``sum r / sum p (1 - p)`` (binary), times ``(K - 1) / K``
  with ``sum |r| (1 - |r|)`` below for ``K`` classes (Friedman's algorithm 6).

The first guess is the constant that minimises the loss: the mean, the median, or the
log-odds (log-priors) of the classes.

Complexity: O(n K) for the residuals; O(n log n) for the medians (a sort per stage).

Status: the residuals checked against the gradients torch's autograd gives of each loss
(hypothesis-drawn targets and scores, extreme scores included); the leaf steps through
the estimators, against scikit-learn's gradient boosting.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ml_from_scratch._checks import as_finite, as_float_vector, check_ndim, one_of
from ml_from_scratch.ensemble._tree import FloatArray, IntArray

__all__ = [
    "LOSSES",
    "gradient_boosting_residuals",
    "grouped_weighted_quantile",
    "initial_raw",
    "leaf_steps",
    "mean_loss",
    "sigmoid",
    "softmax",
]

LOSSES = ("squared_error", "absolute_error", "huber", "log_loss")


def gradient_boosting_residuals(
    y: npt.ArrayLike,
    raw_prediction: npt.ArrayLike,
    loss: str = "squared_error",
    delta: float = 1.0,
) -> FloatArray:
    """The negative gradient of a loss with respect to the raw predictions.

    Parameters
    ----------
    y : array-like of shape (n,)
        Targets; for ``"log_loss"``, class codes: 0 or 1 with a 1-D
        ``raw_prediction``, ``0 .. K - 1`` with a 2-D one.
    raw_prediction : array-like of shape (n,) or (n, K)
        The current raw predictions ``F`` (log-odds, or per-class scores, for the log
        loss).
    loss : {"squared_error", "absolute_error", "huber", "log_loss"}
        ``(y - F)^2 / 2``, ``|y - F|``, Huber's with threshold ``delta``, or the
        negative log-likelihood of ``y`` under the sigmoid (softmax) of ``F``.
    delta : float, default=1.0
        Huber's threshold, ``> 0``: quadratic within it, linear beyond.

    Returns
    -------
    ndarray of the shape of ``raw_prediction``
        ``y - F``; ``sign(y - F)``; ``y - F`` clipped to ``[-delta, delta]``;
        ``y - sigmoid(F)`` or ``onehot(y) - softmax(F)``.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If the lengths differ, an input is not finite, ``loss`` is unknown,
        ``delta <= 0``, or the log loss gets labels other than its class codes.

    Complexity
    ----------
    O(n K).

    Examples
    --------
    >>> gradient_boosting_residuals([3.0, -1.0], [1.0, 1.0])
    array([ 2., -2.])
    >>> gradient_boosting_residuals([3.0, -1.0], [1.0, 1.0], "huber", delta=1.5)
    array([ 1.5, -1.5])
    >>> gradient_boosting_residuals([1, 0], [0.0, 0.0], "log_loss")
    array([ 0.5, -0.5])
    """
    kind = one_of(loss, "loss", LOSSES)
    raw = np.asarray(raw_prediction, dtype=np.float64)
    check_ndim(raw, "raw_prediction", (1, 2) if kind == "log_loss" else (1,))
    if not np.isfinite(raw).all():
        raise ValueError("raw_prediction must hold finite numbers")
    targets = as_float_vector(y, "y", raw.shape[0])
    if kind == "squared_error":
        return targets - raw
    if kind == "absolute_error":
        return np.sign(targets - raw)
    if kind == "huber":
        threshold = as_finite(delta, "delta")
        if threshold <= 0:
            raise ValueError(f"delta must be > 0, got {delta!r}")
        return np.clip(targets - raw, -threshold, threshold)
    n_classes = 2 if raw.ndim == 1 else raw.shape[1]
    codes = targets.astype(np.intp)
    if not (np.array_equal(codes, targets) and codes.min() >= 0 and codes.max() < n_classes):
        raise ValueError(f"y must hold class codes 0 .. {n_classes - 1} for the log loss")
    if raw.ndim == 1:
        return targets - sigmoid(raw)
    onehot = np.zeros_like(raw)
    onehot[np.arange(raw.shape[0]), codes] = 1.0
    result: FloatArray = onehot - softmax(raw)
    return result


def sigmoid(raw: FloatArray) -> FloatArray:
    """``1 / (1 + exp(-raw))`` without overflow."""
    result: FloatArray = np.exp(-np.logaddexp(0.0, -raw))
    return result


def softmax(raw: FloatArray) -> FloatArray:
    """Row-wise softmax of ``(n, K)`` scores."""
    exp = np.exp(raw - raw.max(axis=1, keepdims=True))
    result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
    return result


def initial_raw(loss: str, y: FloatArray, w: FloatArray, n_classes: int = 0) -> FloatArray:
    """The constant raw prediction that minimises the loss: shape (outputs,)."""
    if loss == "squared_error":
        return np.array([np.average(y, weights=w)])
    if loss in ("absolute_error", "huber"):
        groups = np.zeros(y.shape[0], dtype=np.intp)
        return grouped_weighted_quantile(y, w, groups, 1, 0.5)
    priors = np.bincount(y.astype(np.intp), weights=w, minlength=n_classes) / w.sum()
    priors = np.clip(priors, 1e-15, 1 - 1e-15)
    if n_classes == 2:
        return np.array([np.log(priors[1] / priors[0])])
    result: FloatArray = np.log(priors)
    return result


def mean_loss(loss: str, y: FloatArray, raw: FloatArray, w: FloatArray, delta: float) -> float:
    """The weighted mean loss of raw predictions ``raw`` (n,) or (n, K)."""
    if loss == "squared_error":
        values = (y - raw) ** 2
    elif loss == "absolute_error":
        values = np.abs(y - raw)
    elif loss == "huber":
        gap = np.abs(y - raw)
        values = np.where(gap <= delta, 0.5 * gap**2, delta * (gap - 0.5 * delta))
    elif raw.ndim == 1:  # binary log loss: log(1 + e^F) - y F
        values = np.logaddexp(0.0, raw) - y * raw
    else:
        log_norm = np.logaddexp.reduce(raw, axis=1)
        values = log_norm - raw[np.arange(y.shape[0]), y.astype(np.intp)]
    return float(np.average(values, weights=w))


def leaf_steps(
    loss: str,
    leaf: IntArray,
    n_nodes: int,
    y: FloatArray,
    raw: FloatArray,
    residual: FloatArray,
    w: FloatArray,
    delta: float,
    n_classes: int,
) -> FloatArray | None:
    """The step of each node (leaves matter) for the samples ``leaf`` lists.

    ``y``, ``raw``, ``residual`` and ``w`` are those samples' targets, current raw
    predictions (this output's), negative gradients and weights.  None for squared
    error, whose step is the tree's own mean.
    """
    if loss == "squared_error":
        return None
    if loss == "absolute_error":
        return grouped_weighted_quantile(y - raw, w, leaf, n_nodes, 0.5)
    if loss == "huber":
        gap = y - raw
        median = grouped_weighted_quantile(gap, w, leaf, n_nodes, 0.5)
        about = gap - median[leaf]
        clipped = np.sign(about) * np.minimum(delta, np.abs(about))
        return median + _grouped_mean(clipped, w, leaf, n_nodes)
    if n_classes == 2:
        probability = y - residual
        hessian = probability * (1.0 - probability)
        factor = 1.0
    else:
        hessian = np.abs(residual) * (1.0 - np.abs(residual))
        factor = (n_classes - 1) / n_classes
    numerator = np.bincount(leaf, weights=w * residual, minlength=n_nodes)
    denominator = np.bincount(leaf, weights=w * hessian, minlength=n_nodes)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(denominator > 0, factor * numerator / denominator, 0.0)
    result: FloatArray = step
    return result


def grouped_weighted_quantile(
    values: FloatArray, w: FloatArray, groups: IntArray, n_groups: int, q: float
) -> FloatArray:
    """The lower weighted ``q``-quantile of ``values`` in each group (0 for an empty one).

    The smallest value whose cumulative weight reaches ``q`` of its group's total: the
    inverse of the weighted distribution function, Friedman's and scikit-learn's
    definition for the medians and Huber's threshold.  Samples of zero weight are left
    out.
    """
    weighed = w > 0
    values, w, groups = values[weighed], w[weighed], groups[weighed]
    order = np.lexsort((values, groups))
    values, w, groups = values[order], w[order], groups[order]
    totals = np.bincount(groups, weights=w, minlength=n_groups)
    before = np.concatenate([[0.0], np.cumsum(totals)[:-1]])
    within = np.cumsum(w) - before[groups]  # the cumulative weight inside the group
    goal = q * totals[groups]
    hits = np.flatnonzero(within >= goal - 1e-12 * totals[groups])
    found, first = np.unique(groups[hits], return_index=True)
    result = np.zeros(n_groups)
    result[found] = values[hits[first]]
    return result


def _grouped_mean(values: FloatArray, w: FloatArray, groups: IntArray, n_groups: int) -> FloatArray:
    totals = np.bincount(groups, weights=w, minlength=n_groups)
    sums = np.bincount(groups, weights=w * values, minlength=n_groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        result: FloatArray = np.where(totals > 0, sums / totals, 0.0)
    return result

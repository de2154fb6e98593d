"""What the ensemble estimators share: hyperparameter constraints, seeds, data checks.

Hyperparameters are validated with scikit-learn's own machinery (each estimator's
``_parameter_constraints``, checked by ``BaseEstimator._validate_params`` when ``fit``
starts), so a bad value raises ``InvalidParameterError`` (a ``ValueError`` and a
``TypeError``) that names the parameter, the value given and what is allowed, worded
as for scikit-learn's estimators.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.utils._param_validation import Interval, RealNotInt, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_random_state, validate_data

from ml_from_scratch.ensemble._tree import FloatArray, IntArray

__all__ = [
    "TREE_CONSTRAINTS",
    "check_named_estimators",
    "encode_classes",
    "generator",
    "member_seeds",
    "resolve_max_features",
    "validated_fit_data",
]

MAX_SEED = np.iinfo(np.int32).max

# The growth limits of a tree, shared by the trees, the forests and gradient boosting.
TREE_CONSTRAINTS: dict[str, list[Any]] = {
    "splitter": [StrOptions({"best", "hist"})],
    "max_depth": [Interval(Integral, 1, None, closed="left"), None],
    "min_samples_split": [Interval(Integral, 2, None, closed="left")],
    "min_samples_leaf": [Interval(Integral, 1, None, closed="left")],
    "max_features": [
        Interval(Integral, 1, None, closed="left"),
        Interval(RealNotInt, 0.0, 1.0, closed="right"),
        StrOptions({"sqrt", "log2"}),
        None,
    ],
    "max_bins": [Interval(Integral, 2, 256, closed="both")],
    "random_state": ["random_state"],
}

POSITIVE_INT = Interval(Integral, 1, None, closed="left")
POSITIVE_REAL = Interval(Real, 0.0, None, closed="neither")


def validated_fit_data(
    estimator: Any, X: Any, y: Any, sample_weight: Any, **check: Any
) -> tuple[FloatArray, Any, FloatArray]:
    """The start of every ``fit``: the hyperparameters, then ``X`` (as float64), ``y`` and
    ``sample_weight`` (non-negative, 1 each by default) checked as scikit-learn checks them.

    ``check`` goes to ``validate_data`` (``y_numeric=True`` for a regressor).
    """
    estimator._validate_params()
    X, y = validate_data(estimator, X, y, dtype=np.float64, **check)
    weights = _check_sample_weight(sample_weight, X, dtype=np.float64, ensure_non_negative=True)
    return X, y, weights


def encode_classes(estimator: Any, y: Any) -> IntArray:
    """A classifier's labels as codes ``0 .. K - 1``; sets ``estimator.classes_``.

    Raises
    ------
    ValueError
        If ``y`` holds continuous values or is otherwise not class labels.
    """
    check_classification_targets(y)
    estimator.classes_, codes = np.unique(y, return_inverse=True)
    result: IntArray = codes.ravel()
    return result


def generator(random_state: Any) -> np.random.Generator:
    """A numpy Generator from scikit-learn's ``random_state`` (None, an int, a RandomState).

    An int gives the same stream every time; a RandomState is advanced, as
    scikit-learn's estimators do.
    """
    return np.random.default_rng(check_random_state(random_state).randint(MAX_SEED))


def member_seeds(random_state: Any, n: int) -> list[int]:
    """``n`` seeds for the members of an ensemble, drawn from its ``random_state``."""
    return [int(seed) for seed in check_random_state(random_state).randint(MAX_SEED, size=n)]


def resolve_max_features(max_features: Any, n_features: int) -> int:
    """The number of features a split may look at, from ``max_features``.

    None: all; an int: that many (at most ``n_features``); a float in (0, 1]: that
    fraction, at least one; ``"sqrt"`` and ``"log2"``: those of ``n_features``, at
    least one.

    Raises
    ------
    ValueError
        If an int ``max_features`` exceeds ``n_features``.
    """
    if max_features is None:
        return n_features
    if max_features == "sqrt":
        return max(1, math.isqrt(n_features))
    if max_features == "log2":
        return max(1, int(math.log2(n_features)))
    if isinstance(max_features, Integral):
        count = int(max_features)
        if count > n_features:
            raise ValueError(f"max_features must be <= n_features = {n_features}, got {count}")
        return count
    return max(1, int(float(max_features) * n_features))


def check_named_estimators(estimators: Any) -> tuple[list[str], list[Any]]:
    """The names and estimators of a voting or stacking ensemble's ``estimators``.

    Raises
    ------
    ValueError
        If ``estimators`` is empty, not a list of ``(name, estimator)`` pairs, the
        names are not distinct strings, or an estimator has no ``fit``.
    """
    if not isinstance(estimators, list | tuple) or not estimators:
        raise ValueError(
            f"estimators must be a non-empty list of (name, estimator) pairs, got {estimators!r}"
        )
    pairs = list(estimators)
    if not all(isinstance(pair, tuple | list) and len(pair) == 2 for pair in pairs):
        raise ValueError(f"estimators must hold (name, estimator) pairs, got {pairs!r}")
    names = [pair[0] for pair in pairs]
    if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        raise ValueError(f"estimators must have distinct string names, got {names!r}")
    members = [pair[1] for pair in pairs]
    for name, member in zip(names, members, strict=True):
        if not hasattr(member, "fit"):
            raise ValueError(f"estimator {name!r} has no fit method, got {member!r}")
    return names, members

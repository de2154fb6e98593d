"""Datasets, brute-force impurities and scikit-learn comparisons for the ensemble tests.

Not a test module: the test files import it.  Nothing here calls the package under
test; the impurities are counted with :class:`collections.Counter`.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_diabetes,
    make_classification,
    make_friedman1,
    make_moons,
)
from sklearn.model_selection import train_test_split
from sklearn.utils.estimator_checks import estimator_checks_generator

CLASSIFICATION = ("classification", "moons", "breast_cancer")
REGRESSION = ("diabetes", "friedman1")
SEEDS = tuple(range(10))
# scikit-learn's trees break ties between equally good splits at random: one run's
# accuracy moves by about a point with its random_state.  Its score is the mean over
# these states, so that the comparison measures the methods, not the tie-breaking.
PEER_STATES = (0, 1, 2)
# "Within 1 point": 0.01 of accuracy, or of R^2, between the means over SEEDS.  The
# per-seed difference has a spread of about a point, so the mean of ten is good to
# about a third of one.
ONE_POINT = 0.01

Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@cache
def _loaded(name: str) -> tuple[np.ndarray, np.ndarray]:
    loader = {"breast_cancer": load_breast_cancer, "diabetes": load_diabetes}[name]
    X, y = loader(return_X_y=True)
    return X, y


def dataset(name: str, seed: int) -> Split:
    """``(X_train, X_test, y_train, y_test)`` of a named dataset, 30% held out.

    make_classification: 600 samples, 10 features (5 informative); make_moons: 500
    samples, noise 0.3; make_friedman1: 500 samples, noise 1; the two loaded sets
    split anew for each seed.
    """
    if name == "classification":
        X, y = make_classification(600, 10, n_informative=5, random_state=seed)
    elif name == "moons":
        X, y = make_moons(500, noise=0.3, random_state=seed)
    elif name == "friedman1":
        X, y = make_friedman1(500, noise=1.0, random_state=seed)
    else:
        X, y = _loaded(name)
    stratify = y if name in CLASSIFICATION else None
    parts: list[np.ndarray] = train_test_split(
        X, y, test_size=0.3, random_state=seed, stratify=stratify
    )
    X_train, X_test, y_train, y_test = parts
    return X_train, X_test, y_train, y_test


def mean_scores(
    ours: Callable[[int], Any],
    theirs: Callable[[int, int], Any],
    name: str,
    seeds: Sequence[int] = SEEDS,
    peer_states: Sequence[int] = PEER_STATES,
) -> tuple[float, float]:
    """The mean held-out score (accuracy or R^2) of both estimators over ``seeds``.

    ``ours(seed)`` and ``theirs(seed, state)`` make unfitted estimators; each seed
    gives both the same split, and scikit-learn's score on it is the mean over
    ``peer_states``.
    """
    mine, peer = [], []
    for seed in seeds:
        X_train, X_test, y_train, y_test = dataset(name, seed)
        mine.append(ours(seed).fit(X_train, y_train).score(X_test, y_test))
        peer.append(
            statistics.fmean(
                theirs(seed, state).fit(X_train, y_train).score(X_test, y_test)
                for state in peer_states
            )
        )
    return statistics.fmean(mine), statistics.fmean(peer)


def assert_within_one_point(ours: float, theirs: float, what: str) -> None:
    assert abs(ours - theirs) <= ONE_POINT, (
        f"{what}: mean score {ours:.4f} here against {theirs:.4f} for scikit-learn "
        f"(allowed difference {ONE_POINT})"
    )


# ------------------------------------------------------------------ brute-force impurities


def gini_of(labels: Sequence[Any], weights: Sequence[float] | None = None) -> float:
    """1 - sum p_k^2, by counting."""
    shares = _shares(labels, weights)
    return 1.0 - sum(p * p for p in shares)


def entropy_of(labels: Sequence[Any], weights: Sequence[float] | None = None) -> float:
    """-sum p_k log2 p_k, by counting (0 log 0 = 0)."""
    return -sum(p * math.log2(p) for p in _shares(labels, weights) if p > 0)


def squared_error_of(values: Sequence[float]) -> float:
    """The mean squared deviation from the mean."""
    mean = statistics.fmean(values)
    return statistics.fmean((v - mean) ** 2 for v in values)


IMPURITY = {"gini": gini_of, "entropy": entropy_of, "squared_error": squared_error_of}


def _shares(labels: Sequence[Any], weights: Sequence[float] | None) -> list[float]:
    totals: Counter[Any] = Counter()
    for i, label in enumerate(labels):
        totals[label] += 1.0 if weights is None else float(weights[i])
    total = sum(totals.values())
    return [w / total for w in totals.values()]


def brute_force_split(
    x: Sequence[float], y: Sequence[Any], criterion: str, min_samples_leaf: int
) -> tuple[float, list[float]] | None:
    """The best score over every threshold, and the thresholds that reach it (within
    1e-9), by recounting both sides at every midpoint: O(n^2)."""
    impurity = IMPURITY[criterion]
    distinct = sorted(set(x))
    n = len(x)
    scores = {}
    for low, high in itertools.pairwise(distinct):
        t = (low + high) / 2
        left = [y[i] for i in range(n) if x[i] <= t]
        right = [y[i] for i in range(n) if x[i] > t]
        if min(len(left), len(right)) < min_samples_leaf:
            continue
        scores[t] = (len(left) * impurity(left) + len(right) * impurity(right)) / n
    if not scores:
        return None
    best = min(scores.values())
    return best, [t for t, s in scores.items() if s <= best + 1e-9]


def score_of_threshold(x: Sequence[float], y: Sequence[Any], criterion: str, t: float) -> float:
    """The weighted child impurity of the cut ``x <= t``, by counting."""
    impurity = IMPURITY[criterion]
    left = [y[i] for i in range(len(x)) if x[i] <= t]
    right = [y[i] for i in range(len(x)) if x[i] > t]
    n = len(x)
    return (len(left) * impurity(left) + len(right) * impurity(right)) / n


# -------------------------------------------------------------- check_estimator by name


def check_label(check: Any) -> str:
    """A check's name, with its keyword arguments where it has several forms."""
    keywords = getattr(check, "keywords", {}) or {}
    suffix = ",".join(f"{key}={value}" for key, value in sorted(keywords.items()))
    name = getattr(check, "func", check).__name__
    return f"{name}({suffix})" if suffix else name


def check_labels(estimator: Any) -> list[str]:
    """The labels of the checks ``check_estimator`` runs on ``estimator``."""
    return [check_label(check) for _, check in estimator_checks_generator(estimator)]


def run_check(estimator: Any, label: str) -> None:
    """Run the check called ``label`` that ``check_estimator`` makes for ``estimator``."""
    checks = {check_label(check): (e, check) for e, check in estimator_checks_generator(estimator)}
    assert label in checks, (
        f"check_estimator makes no {label} for {estimator!r}: does its fit take "
        "sample_weight, as the statement asks?"
    )
    instance, check = checks[label]
    check(instance)

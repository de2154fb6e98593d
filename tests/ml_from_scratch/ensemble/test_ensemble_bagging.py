"""Tests of the bootstrap, bagging and random forests.

Oracles: the distribution of a bootstrap draw (each index ``Binomial(n, 1/n)`` times,
uniform over indices: chi-square tests at fixed seeds, each failing by chance with
probability 1e-6; the out-of-bag share ``(1 - 1/n)^n``); scikit-learn's
``BaggingClassifier``/``Regressor`` and ``RandomForestClassifier``/``Regressor`` with the
same hyperparameters (scores within one point, mean over ten seeds); the theory that
averaging cuts the variance of a deep tree's predictions across bootstrap replicates.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import scipy.stats
from ensemble_cases import (
    CLASSIFICATION,
    assert_within_one_point,
    dataset,
    mean_scores,
)
from sklearn import ensemble as sk
from sklearn.neighbors import KNeighborsClassifier
from sklearn.tree import DecisionTreeRegressor as SklearnRegressor

from ml_from_scratch.ensemble import (
    BaggingClassifier,
    BaggingRegressor,
    DecisionTreeRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from workbook.testing import contract, edge, exercise_fixture

bootstrap_sample = exercise_fixture("bootstrap_sample")
P_VALUE = 1e-6  # the chance that a correct sampler fails one of these tests


# ------------------------------------------------------------ bootstrap_sample


def test_worked_example(bootstrap_sample: Any) -> None:
    indices, out_of_bag = bootstrap_sample(5, random_state=3)
    assert len(indices) == 5
    assert sorted(set(indices.tolist()) | set(out_of_bag.tolist())) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(("n", "draws"), [(1, None), (2, None), (10, None), (1000, None), (7, 30)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_indices_and_out_of_bag(
    bootstrap_sample: Any, n: int, draws: int | None, seed: int
) -> None:
    indices, out_of_bag = bootstrap_sample(n, seed, draws)
    indices, out_of_bag = np.asarray(indices), np.asarray(out_of_bag)
    assert indices.shape == (draws or n,)
    assert ((indices >= 0) & (indices < n)).all()
    assert out_of_bag.tolist() == sorted(set(range(n)) - set(indices.tolist()))


def test_the_same_seed_gives_the_same_sample(bootstrap_sample: Any) -> None:
    first, second = bootstrap_sample(100, 42), bootstrap_sample(100, 42)
    assert np.array_equal(first[0], second[0])
    assert not np.array_equal(first[0], bootstrap_sample(100, 43)[0])


def test_a_generator_is_used_and_advanced(bootstrap_sample: Any) -> None:
    rng = np.random.default_rng(0)
    first, second = bootstrap_sample(50, rng)[0], bootstrap_sample(50, rng)[0]
    assert not np.array_equal(first, second)
    rng_again = np.random.default_rng(0)
    assert np.array_equal(first, bootstrap_sample(50, rng_again)[0])


def test_every_index_is_equally_likely(bootstrap_sample: Any) -> None:
    counts = np.zeros(10)
    for seed in range(2000):
        counts += np.bincount(np.asarray(bootstrap_sample(10, seed)[0]), minlength=10)
    assert scipy.stats.chisquare(counts).pvalue > P_VALUE, counts


def test_draw_counts_are_binomial(bootstrap_sample: Any) -> None:
    """Index 0 is drawn Binomial(n, 1/n) times: with replacement, not a permutation."""
    n = 20
    times = [int(np.sum(np.asarray(bootstrap_sample(n, seed)[0]) == 0)) for seed in range(3000)]
    observed = np.bincount(times, minlength=5)[:5].astype(float)
    observed = np.append(observed, len(times) - observed.sum())
    law = scipy.stats.binom(n, 1 / n)
    expected = np.append(law.pmf(np.arange(5)), law.sf(4)) * len(times)
    assert scipy.stats.chisquare(observed, expected).pvalue > P_VALUE, (observed, expected)


def test_out_of_bag_share(bootstrap_sample: Any) -> None:
    n, rounds = 1000, 300
    shares = [len(bootstrap_sample(n, seed)[1]) / n for seed in range(rounds)]
    expected = (1 - 1 / n) ** n  # 0.3677, the chance that one index is never drawn
    spread = np.std(shares) / np.sqrt(rounds)
    assert abs(np.mean(shares) - expected) < 5 * spread, (np.mean(shares), expected)


def test_ten_million_rows(bootstrap_sample: Any) -> None:
    indices, out_of_bag = bootstrap_sample(10**7, 1)
    assert len(indices) == 10**7
    assert abs(len(out_of_bag) / 10**7 - 0.3679) < 0.001


@contract
@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        ((0,), ValueError, "n_samples"),
        ((2.5,), TypeError, "n_samples"),
        ((5, 0, 0), ValueError, "n_draws"),
        ((5, "seed"), TypeError, "random_state"),
        ((5, -1), ValueError, "random_state"),
    ],
)
def test_bad_input(bootstrap_sample: Any, args: tuple[Any, ...], error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        bootstrap_sample(*args)


# ------------------------------------------------------------ bagging, forests

# 50 members: one fit's score then moves by about a point with its seed, and the mean
# difference over ten seeds by about a third of one (measured; ensemble_cases.SEEDS).
slow = pytest.mark.slow
FAMILIES = {
    "bagging": (BaggingClassifier, sk.BaggingClassifier, BaggingRegressor, sk.BaggingRegressor),
    "forest": (
        RandomForestClassifier,
        sk.RandomForestClassifier,
        RandomForestRegressor,
        sk.RandomForestRegressor,
    ),
}
SETTINGS = {
    "bagging": {"n_estimators": 50},
    "pasting": {"n_estimators": 50, "max_samples": 0.6, "max_features": 0.7, "bootstrap": False},
    "forest": {"n_estimators": 50},
    "forest-half-the-features": {"n_estimators": 50, "max_features": 0.5, "min_samples_leaf": 3},
    "forest-shallow": {"n_estimators": 50, "max_depth": 6, "max_samples": 0.7},
    "forest-small": {"n_estimators": 20, "max_depth": 6, "max_samples": 0.5},
}
DATASETS = ("classification", "moons", "breast_cancer", "diabetes")
# Plain bagging and the forest on all four sets, the variants on one or two; the
# cheapest case in the default run, the rest slow.
WHERE = {
    "bagging": DATASETS,
    "forest": DATASETS,
    "pasting": ("classification", "diabetes"),
    "forest-half-the-features": ("breast_cancer",),
    "forest-shallow": ("classification",),
    "forest-small": ("classification",),
}
CASES = [
    pytest.param(
        setting,
        name,
        id=f"{setting}-{name}",
        marks=() if setting == "forest-small" else slow,
    )
    for setting, names in WHERE.items()
    for name in names
]


@pytest.mark.parametrize(("setting", "name"), CASES)
def test_score_within_one_point_of_sklearn(setting: str, name: str) -> None:
    parameters = SETTINGS[setting]
    family = FAMILIES["forest" if setting.startswith("forest") else "bagging"]
    classifier, sk_classifier, regressor, sk_regressor = family
    ours, theirs = (
        (classifier, sk_classifier) if name in CLASSIFICATION else (regressor, sk_regressor)
    )
    mine, peer = mean_scores(
        lambda seed: ours(**parameters, random_state=seed),
        lambda seed, state: theirs(**parameters, random_state=100 * seed + state),
        name,
    )
    assert_within_one_point(mine, peer, f"{ours.__name__}({parameters}) on {name}")


@pytest.mark.parametrize(
    "model", [BaggingRegressor, pytest.param(RandomForestRegressor, marks=slow)]
)
def test_averaging_cuts_the_variance_of_a_deep_tree(model: type) -> None:
    """Fit a deep tree and the ensemble on 10 bootstrap replicates of one training set:
    the ensemble's prediction at each test point varies far less between replicates
    (Breiman 1996).  The ratio here is about 0.3; the bound leaves room for any seed."""
    X, X_test, y, _ = dataset("friedman1", 0)
    rng = np.random.default_rng(0)
    tree_predictions, ensemble_predictions = [], []
    for replicate in range(10):
        rows = rng.integers(0, y.size, y.size)
        tree = DecisionTreeRegressor(random_state=replicate).fit(X[rows], y[rows])
        ensemble = model(n_estimators=10, random_state=replicate).fit(X[rows], y[rows])
        tree_predictions.append(tree.predict(X_test))
        ensemble_predictions.append(ensemble.predict(X_test))
    tree_variance = np.var(tree_predictions, axis=0).mean()
    ensemble_variance = np.var(ensemble_predictions, axis=0).mean()
    assert ensemble_variance < 0.5 * tree_variance, (ensemble_variance, tree_variance)


@pytest.mark.parametrize(
    "model", [BaggingClassifier, pytest.param(RandomForestClassifier, marks=slow)]
)
def test_out_of_bag_score_estimates_the_held_out_score(model: type) -> None:
    gaps = []
    for seed in range(5):
        X, X_test, y, y_test = dataset("breast_cancer", seed)
        fitted = model(n_estimators=25, oob_score=True, random_state=seed).fit(X, y)
        gaps.append(fitted.oob_score_ - fitted.score(X_test, y_test))
        assert fitted.oob_decision_function_.shape == (y.size, 2)
    assert abs(np.mean(gaps)) < 0.02, gaps


@slow
def test_out_of_bag_matches_sklearn_for_regression() -> None:
    ours, theirs = [], []
    for seed in range(5):
        X, _, y, _ = dataset("friedman1", seed)
        ours.append(
            RandomForestRegressor(40, oob_score=True, random_state=seed).fit(X, y).oob_score_
        )
        theirs.append(
            sk.RandomForestRegressor(40, oob_score=True, random_state=seed).fit(X, y).oob_score_
        )
    assert_within_one_point(float(np.mean(ours)), float(np.mean(theirs)), "oob R^2")


def test_forest_members_see_every_feature_and_bagging_members_a_subset() -> None:
    X, _, y, _ = dataset("classification", 0)
    forest = RandomForestClassifier(10, random_state=0).fit(X, y)
    assert all(features.size == X.shape[1] for features in forest.estimators_features_)
    assert len({tree.tree_.feature[0] for tree in forest.estimators_}) > 1
    bagging = BaggingClassifier(n_estimators=10, max_features=4, random_state=0).fit(X, y)
    assert all(features.size == 4 for features in bagging.estimators_features_)
    assert all(samples.size < y.size for samples in bagging.estimators_samples_)


def test_forest_feature_importances_agree_with_sklearn() -> None:
    X, _, y, _ = dataset("breast_cancer", 0)
    ours = RandomForestClassifier(100, random_state=0).fit(X, y).feature_importances_
    theirs = sk.RandomForestClassifier(100, random_state=0).fit(X, y).feature_importances_
    assert ours.sum() == pytest.approx(1.0)
    top = set(np.argsort(theirs)[-5:])
    assert len(top & set(np.argsort(ours)[-5:])) >= 3
    assert scipy.stats.spearmanr(ours, theirs).statistic > 0.8


@edge
@pytest.mark.parametrize("model", [BaggingClassifier, BaggingRegressor])
def test_any_estimator_can_be_bagged(model: type) -> None:
    X, X_test, y, _ = dataset("moons", 0)
    member = KNeighborsClassifier(5) if model is BaggingClassifier else SklearnRegressor()
    fitted = model(member, n_estimators=5, random_state=0).fit(X, y)
    assert fitted.predict(X_test).shape == (X_test.shape[0],)
    assert all(type(e) is type(member) for e in fitted.estimators_)


@edge
@slow
def test_hist_forest_is_as_accurate() -> None:
    ours, theirs = mean_scores(
        lambda seed: RandomForestClassifier(30, splitter="hist", random_state=seed),
        lambda seed, state: sk.RandomForestClassifier(30, random_state=100 * seed + state),
        "classification",
        seeds=range(5),
    )
    assert ours > theirs - 0.02


@contract
@pytest.mark.parametrize(
    ("model", "parameters", "name"),
    [
        (BaggingClassifier, {"n_estimators": 0}, "n_estimators"),
        (BaggingClassifier, {"max_samples": 1.5}, "max_samples"),
        (BaggingRegressor, {"max_features": 0.0}, "max_features"),
        (BaggingRegressor, {"estimator": "tree"}, "estimator"),
        (RandomForestClassifier, {"max_features": "all"}, "max_features"),
        (RandomForestRegressor, {"bootstrap": "yes"}, "bootstrap"),
    ],
)
def test_bad_hyperparameters(model: type, parameters: dict[str, Any], name: str) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        model(**parameters).fit([[0.0], [1.0], [2.0]], [0, 1, 0])

"""Tests of AdaBoost (SAMME): one round's update, and the classifier exercise.

Oracles: the update's formulas evaluated in plain Python (``math.log``, ``math.exp``);
scikit-learn's ``AdaBoostClassifier`` with its own stumps (accuracy within one point,
mean over ten seeds); Freund and Schapire's bound on the training error,
``prod_t 2 sqrt(e_t (1 - e_t))``, for two classes; ``check_estimator``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from ensemble_cases import (
    assert_within_one_point,
    check_labels,
    dataset,
    mean_scores,
    run_check,
)
from hypothesis import assume, given
from hypothesis import strategies as st
from sklearn.datasets import load_iris, load_wine
from sklearn.ensemble import AdaBoostClassifier as SklearnAdaBoost

from ml_from_scratch.ensemble import AdaBoostClassifier, DecisionTreeClassifier
from workbook.compare import BY_VALUE
from workbook.testing import check, contract, edge, exercise_fixture

adaboost_weights_update = exercise_fixture("adaboost_weights_update")
adaboost_classifier = exercise_fixture("adaboost_classifier")
slow = pytest.mark.slow
FLOATS = BY_VALUE.within(rel=1e-9, abs=1e-12)


@st.composite
def round_inputs(draw: st.DrawFn) -> tuple[list[float], list[bool], int, float]:
    n = draw(st.integers(2, 40))
    weights = draw(st.lists(st.floats(0.0, 10.0), min_size=n, max_size=n))
    incorrect = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    k = draw(st.integers(2, 6))
    eta = draw(st.floats(0.05, 3.0))
    total = sum(weights)
    wrong = sum(w for w, bad in zip(weights, incorrect, strict=True) if bad)
    if total == 0 or not 1e-3 < wrong / total < (1 - 1 / k) - 1e-3:
        weights = [1.0] + [2.0] * (n - 1)  # e = 1 / (2n - 1) <= 1/3
        incorrect = [i == 0 for i in range(n)]
    return weights, incorrect, k, eta


def samme_round(w: list[float], incorrect: list[bool], k: int, eta: float) -> Any:
    """The update by the formulas, one sample at a time."""
    error = sum(wi for wi, bad in zip(w, incorrect, strict=True) if bad) / sum(w)
    alpha = eta * (math.log((1 - error) / error) + math.log(k - 1))
    raised = [wi * math.exp(alpha) if bad else wi for wi, bad in zip(w, incorrect, strict=True)]
    return [wi / sum(raised) for wi in raised], alpha


# ------------------------------------------------------ adaboost_weights_update


def test_worked_example(adaboost_weights_update: Any) -> None:
    weights, alpha = adaboost_weights_update(
        np.full(4, 0.25), np.array([True, False, False, False])
    )
    assert alpha == pytest.approx(math.log(3), rel=1e-12)
    np.testing.assert_allclose(weights, [0.5, 1 / 6, 1 / 6, 1 / 6], rtol=1e-12)


@given(case=round_inputs())
def test_matches_the_formulas(adaboost_weights_update: Any, case: Any) -> None:
    w, incorrect, k, eta = case
    check(
        adaboost_weights_update,
        np.array(w),
        np.array(incorrect),
        k,
        eta,
        expected=samme_round(w, incorrect, k, eta),
        compare=FLOATS,
    )


@given(case=round_inputs())
def test_after_the_update_the_learner_is_no_better_than_chance(
    adaboost_weights_update: Any, case: Any
) -> None:
    """With eta = 1 and two classes, the round's learner has error exactly 1/2 under the
    new weights: the next learner must find something new (ESL exercise 10.1)."""
    w, incorrect, _, _ = case
    error = sum(wi for wi, bad in zip(w, incorrect, strict=True) if bad) / sum(w)
    assume(error < 0.5 - 1e-3)
    weights, _ = adaboost_weights_update(np.array(w), np.array(incorrect), 2, 1.0)
    assert weights.sum() == pytest.approx(1.0, rel=1e-12)
    assert weights[np.array(incorrect)].sum() == pytest.approx(0.5, rel=1e-9)


def test_a_million_samples(adaboost_weights_update: Any) -> None:
    rng = np.random.default_rng(2)
    w, incorrect = rng.random(10**6), rng.random(10**6) < 0.3
    weights, alpha = adaboost_weights_update(w, incorrect, 3, 0.5)
    error = w[incorrect].sum() / w.sum()
    assert alpha == pytest.approx(0.5 * (math.log((1 - error) / error) + math.log(2)), rel=1e-9)
    assert weights.sum() == pytest.approx(1.0, rel=1e-9)


@contract
@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        (([0.5, 0.5], [True]), ValueError, "len"),
        (([0.5, 0.5], [1, 0]), TypeError, "incorrect"),
        (([0.5, -0.5], [True, False]), ValueError, "sample_weight"),
        (([0.5, 0.5], [True, False], 1), ValueError, "n_classes"),
        (([0.5, 0.5], [True, False], 3, 0.0), ValueError, "learning_rate"),
        (([0.5, 0.5], [False, False]), ValueError, "error"),
        (([0.5, 0.5], [True, True]), ValueError, "error"),
    ],
)
def test_bad_input(
    adaboost_weights_update: Any, args: tuple[Any, ...], error: type, name: str
) -> None:
    weights, incorrect, *rest = args
    with pytest.raises(error, match=name):
        adaboost_weights_update(np.array(weights), np.array(incorrect), *rest)


# --------------------------------------------------------- AdaBoostClassifier


def test_classifier_worked_example(adaboost_classifier: Any) -> None:
    X = [[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]]
    boost = adaboost_classifier(n_estimators=10).fit(X, [0, 0, 1, 1, 0, 0])
    assert boost.predict(X).tolist() == [0, 0, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("name", "parameters"),
    [
        ("moons", {"n_estimators": 20}),  # one fit is within 0.003 of scikit-learn's
        pytest.param("classification", {"n_estimators": 30}, marks=slow),
        pytest.param("breast_cancer", {"n_estimators": 30}, marks=slow),
        pytest.param("classification", {"n_estimators": 30, "learning_rate": 0.5}, marks=slow),
        pytest.param("moons", {"n_estimators": 50, "learning_rate": 0.5}, marks=slow),
    ],
    ids=repr,
)
def test_accuracy_within_one_point_of_sklearn(
    adaboost_classifier: Any, name: str, parameters: dict[str, Any]
) -> None:
    ours, theirs = mean_scores(
        lambda seed: adaboost_classifier(**parameters, random_state=seed),
        lambda seed, state: SklearnAdaBoost(**parameters, random_state=100 * seed + state),
        name,
    )
    assert_within_one_point(ours, theirs, f"AdaBoostClassifier({parameters}) on {name}")


@slow
@pytest.mark.parametrize("loader", [load_iris, load_wine])
def test_multiclass_accuracy_within_one_point_of_sklearn(
    adaboost_classifier: Any, loader: Any
) -> None:
    X, y = loader(return_X_y=True)
    rng = np.random.default_rng(0)
    ours, theirs = [], []
    for seed in range(10):
        test = rng.random(y.size) < 0.3
        boost = adaboost_classifier(n_estimators=30, random_state=seed).fit(X[~test], y[~test])
        ours.append(boost.score(X[test], y[test]))
        peer = [
            SklearnAdaBoost(n_estimators=30, random_state=state).fit(X[~test], y[~test])
            for state in range(3)
        ]
        theirs.append(np.mean([p.score(X[test], y[test]) for p in peer]))
    assert_within_one_point(float(np.mean(ours)), float(np.mean(theirs)), loader.__name__)


@pytest.mark.parametrize("seed", range(3))
def test_training_error_is_under_the_adaboost_bound(adaboost_classifier: Any, seed: int) -> None:
    X, _, y, _ = dataset("moons", seed)
    boost = adaboost_classifier(n_estimators=25, random_state=seed).fit(X, y)
    errors = np.asarray(boost.estimator_errors_)
    bound = np.prod(2 * np.sqrt(errors * (1 - errors)))
    training_error = np.mean(boost.predict(X) != y)
    assert training_error <= bound, (training_error, bound)


def test_learner_weights_follow_samme(adaboost_classifier: Any) -> None:
    X, _, y, _ = dataset("classification", 0)
    boost = adaboost_classifier(n_estimators=15, learning_rate=0.7, random_state=0).fit(X, y)
    errors = np.asarray(boost.estimator_errors_)
    expected = 0.7 * (np.log((1 - errors) / errors) + np.log(2 - 1))
    np.testing.assert_allclose(boost.estimator_weights_, expected, rtol=1e-9)
    assert len(boost.estimators_) == 15
    assert (errors < 0.5).all()


def test_a_perfect_learner_stops_the_boosting(adaboost_classifier: Any) -> None:
    X = np.arange(10.0)[:, None]
    boost = adaboost_classifier(n_estimators=20).fit(X, X[:, 0] > 4.5)
    assert len(boost.estimators_) == 1
    assert boost.predict(X).tolist() == (X[:, 0] > 4.5).tolist()


def test_a_learner_no_better_than_chance_raises(adaboost_classifier: Any) -> None:
    X, y = np.zeros((6, 1)), np.array([0, 1, 0, 1, 0, 1])  # a stump can only guess
    with pytest.raises(ValueError):
        adaboost_classifier(n_estimators=5).fit(X, y)


# With scikit-learn's stump as the weak learner (the statement allows it), integer
# weights are not the same as repeated samples: its ties between equally good splits
# fall differently.  The reference promises it; a user's class need not.
CHECKS = [
    pytest.param(label, marks=edge)
    if label.startswith("check_sample_weight_equivalence")
    else label
    for label in check_labels(AdaBoostClassifier(n_estimators=10))
]


@pytest.mark.parametrize("label", CHECKS)
def test_check_estimator(adaboost_classifier: Any, label: str) -> None:
    run_check(adaboost_classifier(n_estimators=10), label)


# --------------------------------------------- the reference's further promises


@edge
def test_staged_predictions_end_at_predict() -> None:
    X, X_test, y, _ = dataset("moons", 0)
    boost = AdaBoostClassifier(n_estimators=20, random_state=0).fit(X, y)
    stages = list(boost.staged_predict(X_test))
    assert len(stages) == 20
    assert np.array_equal(stages[-1], boost.predict(X_test))
    np.testing.assert_allclose(boost.predict_proba(X_test).sum(axis=1), 1.0)
    assert ((boost.decision_function(X_test) > 0) == (boost.predict(X_test) == 1)).all()
    assert boost.feature_importances_.sum() == pytest.approx(1.0)


@edge
def test_any_classifier_with_sample_weight_can_be_boosted() -> None:
    X, X_test, y, y_test = dataset("breast_cancer", 0)
    tree = DecisionTreeClassifier(max_depth=2, splitter="hist")
    boost = AdaBoostClassifier(tree, n_estimators=20, random_state=0).fit(X, y)
    assert boost.score(X_test, y_test) > 0.9
    from sklearn.neighbors import KNeighborsClassifier

    with pytest.raises(ValueError, match="sample_weight"):
        AdaBoostClassifier(KNeighborsClassifier()).fit(X, y)


@contract
@pytest.mark.parametrize(
    ("parameters", "name"),
    [({"n_estimators": 0}, "n_estimators"), ({"learning_rate": -1.0}, "learning_rate")],
)
def test_bad_hyperparameters(
    adaboost_classifier: Any, parameters: dict[str, Any], name: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        adaboost_classifier(**parameters).fit([[0.0], [1.0], [2.0]], [0, 1, 1])

"""Tests of the CART trees: the classifier exercise and the reference regressor.

Oracles: scikit-learn's ``DecisionTreeClassifier``/``Regressor`` with the same
hyperparameters (accuracy within one point, mean over five seeds; on tie-free
regression data the very same predictions), ``check_estimator``, and a brute force that
rescans every feature and midpoint of every node of a grown tree with counted
impurities.

Unmarked tests take the class under test from the fixture and use only what the
statement promises.  The reference's further promises (``splitter="hist"``,
``max_features``, ``feature_importances_``, its ``tree_`` arrays) are tested on the
reference itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ensemble_cases import (
    CLASSIFICATION,
    IMPURITY,
    REGRESSION,
    assert_within_one_point,
    check_labels,
    dataset,
    mean_scores,
    run_check,
)
from hypothesis import given
from hypothesis import strategies as st
from sklearn.tree import DecisionTreeClassifier as SklearnClassifier
from sklearn.tree import DecisionTreeRegressor as SklearnRegressor

from ml_from_scratch.ensemble import DecisionTreeClassifier, DecisionTreeRegressor
from ml_from_scratch.ensemble.tree import prepare_features
from workbook.testing import contract, edge, exercise_fixture

decision_tree_classifier = exercise_fixture("decision_tree_classifier")

STATEMENT_PARAMETERS = [
    {},
    {"criterion": "entropy"},
    {"max_depth": 3},
    {"min_samples_leaf": 5},
    {"min_samples_split": 20, "criterion": "entropy"},
]


@st.composite
def consistent_training_set(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    """Rows on a small grid (many repeated), each distinct row with one label."""
    n, d = draw(st.integers(1, 40)), draw(st.integers(1, 4))
    values = st.integers(0, 3) if draw(st.booleans()) else st.floats(-2, 2, width=32)
    X = np.array(draw(st.lists(st.lists(values, min_size=d, max_size=d), min_size=n, max_size=n)))
    labels = draw(st.sampled_from([[0, 1], [0, 1, 2], ["no", "yes"], [-1, 1]]))
    label_of = {}
    for row in map(tuple, X.tolist()):
        label_of.setdefault(row, draw(st.sampled_from(labels)))
    return X.astype(float), np.array([label_of[tuple(row)] for row in X.tolist()])


# --------------------------------------------------------------- the statement


def test_worked_example(decision_tree_classifier: Any) -> None:
    X = [[0.0], [1.0], [2.0], [3.0]]
    tree = decision_tree_classifier().fit(X, ["a", "a", "b", "b"])
    assert tree.predict([[0.4], [2.6]]).tolist() == ["a", "b"]
    np.testing.assert_allclose(tree.predict_proba([[2.6]]), [[0.0, 1.0]])


@given(data=consistent_training_set())
def test_an_unrestricted_tree_fits_any_consistent_training_set(
    decision_tree_classifier: Any, data: tuple[np.ndarray, np.ndarray]
) -> None:
    X, y = data
    tree = decision_tree_classifier().fit(X, y)
    predicted = tree.predict(X)
    wrong = np.flatnonzero(predicted != y)
    assert wrong.size == 0, (
        f"training row {X[wrong[0]]} has label {y[wrong[0]]}, got {predicted[wrong[0]]}"
    )


@pytest.mark.parametrize("name", CLASSIFICATION)
@pytest.mark.parametrize("parameters", STATEMENT_PARAMETERS, ids=repr)
def test_accuracy_within_one_point_of_sklearn(
    decision_tree_classifier: Any, name: str, parameters: dict[str, Any]
) -> None:
    ours, theirs = mean_scores(
        lambda seed: decision_tree_classifier(**parameters),
        lambda seed, state: SklearnClassifier(**parameters, random_state=state),
        name,
    )
    assert_within_one_point(ours, theirs, f"DecisionTreeClassifier({parameters}) on {name}")


@pytest.mark.parametrize("max_depth", [1, 2, 4])
def test_max_depth_bounds_the_number_of_leaves(
    decision_tree_classifier: Any, max_depth: int
) -> None:
    X, _, y, _ = dataset("classification", 0)
    tree = decision_tree_classifier(max_depth=max_depth).fit(X, y)
    leaves = np.unique(tree.predict_proba(X), axis=0)
    assert len(leaves) <= 2**max_depth


def test_min_samples_leaf_keeps_small_groups_together(decision_tree_classifier: Any) -> None:
    """Labels alternating along one feature: unrestricted, every leaf is a single pure
    sample; with min_samples_leaf = 3 no leaf can be pure."""
    X = np.arange(20.0)[:, None]
    y = np.arange(20) % 2
    unrestricted = decision_tree_classifier().fit(X, y).predict_proba(X)[:, 1]
    assert np.isin(unrestricted, [0.0, 1.0]).all()
    limited = decision_tree_classifier(min_samples_leaf=3).fit(X, y).predict_proba(X)[:, 1]
    assert ((limited > 0) & (limited < 1)).all(), f"a leaf of fewer than 3 samples: {limited}"


def test_probabilities_and_classes(decision_tree_classifier: Any) -> None:
    X, X_test, y, _ = dataset("breast_cancer", 2)
    labels = np.array(["malignant", "benign"])[y]
    tree = decision_tree_classifier(max_depth=3).fit(X, labels)
    assert tree.classes_.tolist() == ["benign", "malignant"]
    assert tree.n_features_in_ == X.shape[1]
    probabilities = tree.predict_proba(X_test)
    assert probabilities.shape == (X_test.shape[0], 2)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-12)
    predicted = tree.predict(X_test)
    assert (predicted == tree.classes_[probabilities.argmax(axis=1)]).all()


def seeded(estimator: Any) -> Any:
    """The estimator with random_state=0 where it has one (ties then break alike)."""
    if "random_state" in estimator.get_params():
        estimator.set_params(random_state=0)
    return estimator


def test_sample_weight_acts_as_repetition(decision_tree_classifier: Any) -> None:
    X, X_test, y, _ = dataset("moons", 3)
    counts = np.random.default_rng(3).integers(0, 4, y.size)
    weighted = seeded(decision_tree_classifier(max_depth=4)).fit(X, y, sample_weight=counts)
    repeated = seeded(decision_tree_classifier(max_depth=4))
    repeated.fit(X.repeat(counts, 0), y.repeat(counts))
    np.testing.assert_allclose(weighted.predict_proba(X_test), repeated.predict_proba(X_test))


CLASSIFIER_CHECKS = check_labels(DecisionTreeClassifier())


@pytest.mark.parametrize("label", CLASSIFIER_CHECKS)
def test_check_estimator(decision_tree_classifier: Any, label: str) -> None:
    run_check(decision_tree_classifier(), label)


# --------------------------------------------- the reference's further promises


def _reach(tree: Any, X: np.ndarray) -> list[np.ndarray]:
    """For every node, the indices of the rows of X that pass through it."""
    arrays = tree.tree_
    reached = [np.zeros(0, dtype=int)] * arrays.node_count
    reached[0] = np.arange(X.shape[0])
    for node in range(arrays.node_count):  # parents come before their children
        if arrays.left[node] >= 0:
            rows = reached[node]
            go_left = X[rows, arrays.feature[node]] <= arrays.threshold[node]
            reached[arrays.left[node]], reached[arrays.right[node]] = rows[go_left], rows[~go_left]
    return reached


def _best_of_node(X: np.ndarray, y: np.ndarray, criterion: str, leaf: int) -> float | None:
    impurity = IMPURITY[criterion]
    best = None
    for f in range(X.shape[1]):
        values = np.unique(X[:, f])
        for t in (values[:-1] + values[1:]) / 2:
            left, right = y[X[:, f] <= t].tolist(), y[X[:, f] > t].tolist()
            if min(len(left), len(right)) >= leaf:
                score = len(left) * impurity(left) + len(right) * impurity(right)
                best = score if best is None else min(best, score)
    return best


@edge
@pytest.mark.parametrize("splitter", ["best", "hist"])
@pytest.mark.parametrize("criterion", ["gini", "entropy", "squared_error"])
@given(seed=st.integers(0, 2**32 - 1), leaf=st.integers(1, 3), depth=st.sampled_from([2, None]))
def test_every_split_is_the_best_and_every_leaf_has_a_reason(
    splitter: str, criterion: str, seed: int, leaf: int, depth: int | None
) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 40))
    X = rng.integers(0, 5, (n, 3)).astype(float)  # few values: every split is exact in hist
    y = rng.normal(size=n).round(1) if criterion == "squared_error" else rng.integers(0, 3, n)
    model = DecisionTreeRegressor if criterion == "squared_error" else DecisionTreeClassifier
    tree = model(criterion=criterion, splitter=splitter, min_samples_leaf=leaf, max_depth=depth)
    assert_every_split_is_the_best(tree.fit(X, y), X, y, criterion, leaf, depth)


def test_hist_regression_below_an_even_root_split() -> None:
    # The root splits 4 | 4, so both children's histograms are counted, none derived by
    # subtraction; the weight row of the second was once left unset (the tree then
    # split one node forever).
    X = np.array(
        [[0, 2, 2], [1, 1, 4], [1, 4, 4], [2, 2, 0], [1, 3, 0], [3, 0, 2], [0, 0, 1], [3, 0, 1]],
        dtype=float,
    )
    y = np.array([1.8, -0.1, 1.1, -0.3, -1.3, 0.5, -1.4, 0.6])
    for random_state in range(20):
        tree = DecisionTreeRegressor(splitter="hist", random_state=random_state).fit(X, y)
        assert_every_split_is_the_best(tree, X, y, "squared_error", 1, None)


@pytest.mark.parametrize("bootstrap", [False, True], ids=["all samples", "bootstrap weights"])
def test_trees_on_a_shared_presort_leave_it_as_it_was(bootstrap: bool) -> None:
    # The sorted splitter partitions into work buffers of its own; with every sample
    # weighted its first level's runs are the presort's own rows, which members of an
    # ensemble share and must never be written to.
    X, _, y, _ = dataset("classification", 0)
    features = prepare_features(X, "best", 255)
    before = features.order.copy()
    classes, codes = np.unique(y, return_inverse=True)
    rng = np.random.default_rng(0)
    for seed in range(3):
        weights = rng.multinomial(y.size, np.full(y.size, 1 / y.size)) if bootstrap else None
        weights = np.ones(y.size) if weights is None else weights.astype(float)
        shared = DecisionTreeClassifier(max_features="sqrt", random_state=seed)
        shared._fit_prepared(features, codes, weights, classes)
        alone = DecisionTreeClassifier(max_features="sqrt", random_state=seed)
        alone.fit(X, y, sample_weight=weights)
        np.testing.assert_array_equal(features.order, before)
        np.testing.assert_array_equal(shared.apply(X), alone.apply(X))


def assert_every_split_is_the_best(
    tree: Any, X: np.ndarray, y: np.ndarray, criterion: str, leaf: int, depth: int | None
) -> None:
    """Every split of ``tree`` scores as the brute force's best of its node, and every
    leaf is pure, at ``depth`` or has no valid split."""
    arrays = tree.tree_
    impurity = IMPURITY[criterion]
    depths = _depths(arrays)
    for node, rows in enumerate(_reach(tree, X)):
        best = _best_of_node(X[rows], y[rows], criterion, leaf)
        if arrays.left[node] < 0:
            pure = impurity(y[rows].tolist()) <= 1e-12
            at_depth = depth is not None and depths[node] >= depth
            assert best is None or pure or at_depth, f"leaf {node} could split to {best}"
            continue
        go_left = X[rows, arrays.feature[node]] <= arrays.threshold[node]
        left, right = y[rows][go_left].tolist(), y[rows][~go_left].tolist()
        score = len(left) * impurity(left) + len(right) * impurity(right)
        assert min(len(left), len(right)) >= leaf, f"node {node} leaves a child too small"
        assert best is not None, f"node {node} splits, but no split is valid"
        assert abs(score - best) <= 1e-9 * max(1.0, rows.size), (
            f"node {node} splits to {score}, the best is {best}"
        )


def _depths(arrays: Any) -> np.ndarray:
    depths = np.zeros(arrays.node_count, dtype=int)
    for node in range(arrays.node_count):  # parents come before their children
        for child in (arrays.left[node], arrays.right[node]):
            if child >= 0:
                depths[child] = depths[node] + 1
    return depths


@edge
@pytest.mark.parametrize("seed", range(5))
def test_regressor_equals_sklearn_on_tie_free_data(seed: int) -> None:
    """Continuous targets and leaves of 10 or more samples leave no ties (small nodes
    would: cutting off the same two samples by either of two features scores the
    same), so both trees make the very same splits."""
    rng = np.random.default_rng(seed)
    X = rng.random((300, 4)).astype(np.float32).astype(float)  # exact in sklearn's float32
    y = np.sin(6 * X[:, 0]) + X[:, 1] + rng.normal(0, 0.3, 300)
    X_test = rng.random((200, 4)).astype(np.float32).astype(float)
    for parameters in ({"max_depth": 4, "min_samples_leaf": 10}, {"min_samples_leaf": 20}):
        ours = DecisionTreeRegressor(**parameters).fit(X, y)
        theirs = SklearnRegressor(**parameters, random_state=0).fit(X, y)
        assert ours.tree_.node_count == theirs.tree_.node_count
        # the same sums in another order: a few ulps of values of size ~1
        np.testing.assert_allclose(ours.predict(X_test), theirs.predict(X_test), atol=1e-12)
        np.testing.assert_allclose(
            ours.feature_importances_, theirs.feature_importances_, atol=1e-12
        )


@edge
@pytest.mark.parametrize("name", REGRESSION)
@pytest.mark.parametrize("parameters", [{"max_depth": 3}, {"min_samples_leaf": 10}], ids=repr)
def test_regressor_r2_within_one_point_of_sklearn(name: str, parameters: dict[str, Any]) -> None:
    """Limited trees: an unrestricted regression tree's R^2 on these sets moves by 3 to 7
    points with the tie-breaking alone (its splits are checked exactly above instead)."""
    ours, theirs = mean_scores(
        lambda seed: DecisionTreeRegressor(**parameters, random_state=seed),
        lambda seed, state: SklearnRegressor(**parameters, random_state=state),
        name,
    )
    assert_within_one_point(ours, theirs, f"DecisionTreeRegressor({parameters}) on {name}")


@edge
@pytest.mark.parametrize("model", [DecisionTreeClassifier, DecisionTreeRegressor])
def test_hist_equals_best_when_every_value_has_its_bin(model: type) -> None:
    """With no more distinct values than bins, the histogram search is exact: the two
    splitters partition the training set alike (their thresholds may differ)."""
    rng = np.random.default_rng(8)
    X = rng.integers(0, 40, (400, 5)).astype(float)
    weights = rng.random(5)
    y = (X[:, 0] + X[:, 1] > 40).astype(int) if model is DecisionTreeClassifier else X @ weights
    best = model(splitter="best", max_depth=6, random_state=0).fit(X, y)
    hist = model(splitter="hist", max_depth=6, random_state=0).fit(X, y)
    assert best.tree_.node_count == hist.tree_.node_count
    np.testing.assert_array_equal(best.apply(X), hist.apply(X))


@edge
@pytest.mark.parametrize("max_features", [1, 2, "sqrt", 0.5])
def test_max_features_draws_features_at_each_split(max_features: Any) -> None:
    X, _, y, _ = dataset("classification", 0)

    def root(seed: int, features: Any = max_features) -> int:
        tree = DecisionTreeClassifier(max_features=features, random_state=seed).fit(X, y)
        return int(tree.tree_.feature[0])

    assert len({root(seed) for seed in range(20)}) > 1  # the draw changes the root
    assert len({root(seed, None) for seed in range(5)}) == 1  # all features: no draw
    assert root(4) == root(4)  # the same seed, the same draw


@edge
def test_feature_importances_and_accessors() -> None:
    X, _, y, _ = dataset("breast_cancer", 0)
    tree = DecisionTreeClassifier(max_depth=3).fit(X, y)
    theirs = SklearnClassifier(max_depth=3, random_state=0).fit(X, y)
    assert tree.feature_importances_.sum() == pytest.approx(1.0)
    assert np.argmax(tree.feature_importances_) == np.argmax(theirs.feature_importances_)
    assert tree.get_depth() == 3
    assert tree.get_n_leaves() == tree.tree_.n_leaves
    assert tree.apply(X).max() < tree.tree_.node_count


@contract
@pytest.mark.parametrize(
    ("parameters", "name"),
    [
        ({"max_depth": 0}, "max_depth"),
        ({"min_samples_split": 1}, "min_samples_split"),
        ({"min_samples_leaf": 0}, "min_samples_leaf"),
        ({"criterion": "mse"}, "criterion"),
        ({"max_depth": 2.5}, "max_depth"),
    ],
)
def test_bad_hyperparameters(
    decision_tree_classifier: Any, parameters: dict[str, Any], name: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        decision_tree_classifier(**parameters).fit([[0.0], [1.0]], [0, 1])


@contract
@pytest.mark.parametrize(
    ("parameters", "name"),
    [
        ({"splitter": "random"}, "splitter"),
        ({"max_bins": 300}, "max_bins"),
        ({"max_features": 0}, "max_features"),
    ],
)
def test_bad_reference_hyperparameters(parameters: dict[str, Any], name: str) -> None:
    for model in (DecisionTreeClassifier, DecisionTreeRegressor):
        with pytest.raises((ValueError, TypeError), match=name):
            model(**parameters).fit([[0.0], [1.0]], [0, 1])
    with pytest.raises(ValueError, match="max_features"):
        DecisionTreeClassifier(max_features=3).fit([[0.0], [1.0]], [0, 1])

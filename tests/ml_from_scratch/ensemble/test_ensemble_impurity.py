"""Tests of the Gini impurity and the entropy of a set of labels.

Oracles: counting with :class:`collections.Counter` (``ensemble_cases``) and
``scipy.stats.entropy``; the impurities scikit-learn's trees record in ``tree_.impurity``
for the statistic forms of :class:`~ml_from_scratch.ensemble.criteria.Criterion`.

Unmarked tests check the statement (labels: ints, negative ones too, or strings; weights
``>= 0`` with a positive sum, zeros included).  ``edge``: the exact result type and no
mutation; ``contract``: the errors for bad input.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import pytest
import scipy.stats
from ensemble_cases import entropy_of, gini_of
from hypothesis import given
from hypothesis import strategies as st
from sklearn.tree import DecisionTreeClassifier as SklearnTree

from ml_from_scratch.ensemble.criteria import CRITERIA
from workbook.testing import check, contract, edge, exercise_fixture, exercise_params
from workbook.testing import implementation as impl_of

gini = exercise_fixture("gini")
entropy = exercise_fixture("entropy")
BOTH = exercise_params("gini", "entropy")
ORACLE = {"gini": gini_of, "entropy": entropy_of}

LABELS = st.one_of(
    st.lists(st.integers(-3, 3), min_size=1, max_size=40),
    st.lists(st.sampled_from(["a", "b", "c", "spam"]), min_size=1, max_size=40),
)


@st.composite
def labels_and_weights(draw: st.DrawFn) -> tuple[list[Any], list[float]]:
    labels = draw(LABELS)
    weights = draw(
        st.lists(
            st.one_of(st.just(0.0), st.floats(0.01, 100.0)),
            min_size=len(labels),
            max_size=len(labels),
        )
    )
    if sum(weights) == 0:
        weights[0] = 1.0
    return labels, weights


# ------------------------------------------------------------------- the statement


WORKED_EXAMPLES = [
    ([0, 0, 1, 1], None, {"gini": 0.5, "entropy": 1.0}),
    (["a", "a", "a"], None, {"gini": 0.0, "entropy": 0.0}),
    ([0, 1], [3, 1], {"gini": 0.375, "entropy": 0.8112781244591328}),
    ([0, 1, 2, 3], None, {"gini": 0.75, "entropy": 2.0}),
    ([-1, 1, 1, 1], None, {"gini": 0.375, "entropy": 0.8112781244591328}),
    ([7, 8, 9], [1, 0, 0], {"gini": 0.0, "entropy": 0.0}),
]


@pytest.mark.parametrize("exercise_id", BOTH)
@pytest.mark.parametrize(
    ("y", "weights", "expected"),
    [
        pytest.param(y, w, e, id=f"y={y}" + ("" if w is None else f" weights={w}"))
        for y, w, e in WORKED_EXAMPLES
    ],
)
def test_worked_examples(
    request: Any, exercise_id: str, y: list[Any], weights: Any, expected: dict[str, float]
) -> None:
    check(impl_of(request, exercise_id), y, weights, expected=expected[exercise_id])


@pytest.mark.parametrize("exercise_id", BOTH)
@given(labels=LABELS)
def test_matches_counting(request: Any, exercise_id: str, labels: list[Any]) -> None:
    check(impl_of(request, exercise_id), labels, expected=ORACLE[exercise_id](labels))


@pytest.mark.parametrize("exercise_id", BOTH)
@given(case=labels_and_weights())
def test_weighted_matches_counting(
    request: Any, exercise_id: str, case: tuple[list[Any], list[float]]
) -> None:
    labels, weights = case
    expected = ORACLE[exercise_id](labels, weights)
    check(impl_of(request, exercise_id), labels, weights, expected=expected)


@given(labels=LABELS)
def test_entropy_matches_scipy(entropy: Any, labels: list[Any]) -> None:
    counts = list(Counter(labels).values())
    check(entropy, labels, expected=float(scipy.stats.entropy(counts, base=2)))


@pytest.mark.parametrize("exercise_id", BOTH)
@given(labels=LABELS, seed=st.integers(0, 2**32 - 1))
def test_invariant_under_renaming_and_order(
    request: Any, exercise_id: str, labels: list[Any], seed: int
) -> None:
    impl = impl_of(request, exercise_id)
    rng = np.random.default_rng(seed)
    names = {label: f"class {i}" for i, label in enumerate(rng.permutation(sorted(set(labels))))}
    shuffled = [names[label] for label in rng.permutation(np.array(labels, dtype=object))]
    check(impl, shuffled, expected=impl(labels))


@pytest.mark.parametrize("exercise_id", BOTH)
@given(labels=LABELS)
def test_bounds(request: Any, exercise_id: str, labels: list[Any]) -> None:
    k = len(set(labels))
    value = impl_of(request, exercise_id)(labels)
    upper = 1 - 1 / k if exercise_id == "gini" else math.log2(k)
    assert -1e-12 <= value <= upper + 1e-12, f"{exercise_id}({labels}) = {value}"


@pytest.mark.parametrize("exercise_id", BOTH)
def test_a_million_labels(request: Any, exercise_id: str) -> None:
    # The statement's limit: a Python loop over 10^6 labels with dict lookups is slow
    # but passes; an O(n^2) one does not.
    rng = np.random.default_rng(7)
    y = rng.integers(-50, 50, 10**6)
    weights = rng.random(10**6)
    totals = np.zeros(100)
    np.add.at(totals, y + 50, weights)
    p = totals / totals.sum()
    expected = 1 - np.sum(p * p) if exercise_id == "gini" else -np.sum(p * np.log2(p))
    check(impl_of(request, exercise_id), y, weights, expected=float(expected))


# ------------------------------------------------ the statistic forms, against sklearn


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_statistic_forms_give_sklearn_node_impurities(criterion: str) -> None:
    """Criterion.impurity of each node's class weights equals sklearn's tree_.impurity."""
    rng = np.random.default_rng(3)
    X = rng.random((300, 3))
    y = rng.integers(0, 3, 300)
    weights = rng.random(300) + 0.1
    tree = SklearnTree(criterion=criterion, max_depth=3, random_state=0)
    tree.fit(X, y, sample_weight=weights)
    path = tree.decision_path(X.astype(np.float32)).toarray().astype(bool)
    rule = CRITERIA[criterion]
    statistics = rule.statistics(y, weights, 3)
    sums = statistics @ path  # (classes, nodes): the class weights of every node
    np.testing.assert_allclose(rule.impurity(sums), tree.tree_.impurity, rtol=1e-9, atol=1e-12)


def test_squared_error_form_gives_sklearn_node_impurities() -> None:
    from sklearn.tree import DecisionTreeRegressor as SklearnRegressor

    rng = np.random.default_rng(4)
    X = rng.random((300, 3))
    y = rng.normal(5.0, 2.0, 300)
    tree = SklearnRegressor(max_depth=3, random_state=0).fit(X, y)
    path = tree.decision_path(X.astype(np.float32)).toarray().astype(float)
    rule = CRITERIA["squared_error"]
    sums = rule.statistics(y - y.mean(), np.ones(300)) @ path
    np.testing.assert_allclose(rule.impurity(sums), tree.tree_.impurity, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("criterion", "n_classes"), [("gini", 3), ("gini", 2), ("entropy", 3), ("squared_error", 0)]
)
@given(data=st.data())
def test_split_score_orders_splits_as_the_weighted_impurity(
    criterion: str, n_classes: int, data: st.DataObject
) -> None:
    """split_score differs from weighted(L) + weighted(R) by one constant per node (for
    two-class Gini it is half of it)."""
    rule = CRITERIA[criterion]
    n_rows = n_classes or 2
    size = n_rows + 1 if criterion == "squared_error" else n_rows  # (w, w y, w y^2)
    node = np.array(data.draw(st.lists(st.floats(1.0, 50.0), min_size=size, max_size=size)))
    if criterion == "squared_error":
        node = np.array([node[0], node[1] - 25.0, node[1] ** 2 / node[0] + node[2]])
    fractions = np.array(data.draw(st.lists(st.floats(0.05, 0.95), min_size=4, max_size=4)))
    left = node[:, None] * fractions  # four splits of one node, scaled copies on the left
    right = node[:, None] - left
    full = rule.weighted(left) + rule.weighted(right)
    proxy = rule.split_score(left[:n_rows], right[:n_rows])
    if n_classes == 2:
        np.testing.assert_allclose(full, 2 * proxy, rtol=1e-12)
    else:
        np.testing.assert_allclose(full - proxy, np.full(4, (full - proxy)[0]), atol=1e-8)


# ------------------------------------------------------------- edge and contract


@edge
@pytest.mark.parametrize("exercise_id", BOTH)
def test_returns_a_python_float_and_leaves_inputs_alone(request: Any, exercise_id: str) -> None:
    y, weights = np.array([3, 3, 4]), np.array([1.0, 2.0, 0.5])
    before = (y.copy(), weights.copy())
    value = impl_of(request, exercise_id)(y, weights)
    assert type(value) is float
    assert np.array_equal(y, before[0])
    assert np.array_equal(weights, before[1])


@contract
@pytest.mark.parametrize("exercise_id", BOTH)
@pytest.mark.parametrize(
    ("y", "weights", "error", "names"),
    [
        ([], None, ValueError, "y"),
        ([[0, 1]], None, ValueError, "y"),
        ("aab", None, TypeError, "y"),
        ([0, 1], [1.0], ValueError, "sample_weight"),
        ([0, 1], [1.0, -1.0], ValueError, "sample_weight"),
        ([0, 1], [0.0, 0.0], ValueError, "sample_weight"),
        ([0, 1], [1.0, float("nan")], ValueError, "sample_weight"),
        ([0, 1], ["a", "b"], TypeError, "sample_weight"),
    ],
)
def test_bad_input(
    request: Any, exercise_id: str, y: Any, weights: Any, error: type, names: str
) -> None:
    with pytest.raises(error, match=names):
        impl_of(request, exercise_id)(y, weights)

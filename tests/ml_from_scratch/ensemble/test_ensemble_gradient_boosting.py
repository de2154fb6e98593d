"""Tests of gradient boosting: the residuals exercise and the two estimators.

Oracles: torch's autograd for the negative gradient of each loss (forward values from
torch's own loss functions); scikit-learn's ``GradientBoostingRegressor`` and
``GradientBoostingClassifier`` (on tie-free data the very same raw predictions; scores
within one point, mean over ten seeds, on the four datasets); the theory that with
squared error and a learning rate of at most 1 no stage raises the training loss.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
import torch
from ensemble_cases import CLASSIFICATION, REGRESSION, assert_within_one_point, mean_scores
from hypothesis import given
from hypothesis import strategies as st
from sklearn import ensemble as sk
from sklearn.datasets import load_iris, load_wine

from ml_from_scratch.ensemble import GradientBoostingClassifier, GradientBoostingRegressor
from workbook.testing import check, contract, edge, exercise_fixture

gradient_boosting_residuals = exercise_fixture("gradient_boosting_residuals")
slow = pytest.mark.slow


def torch_residuals(y: np.ndarray, raw: np.ndarray, loss: str, delta: float) -> np.ndarray:
    """``-dL/dF`` by autograd, summed over the samples (each sample's own gradient)."""
    F = torch.tensor(raw, dtype=torch.float64, requires_grad=True)
    target = torch.tensor(y, dtype=torch.float64)
    if loss == "squared_error":
        value = 0.5 * ((target - F) ** 2).sum()
    elif loss == "absolute_error":
        value = (target - F).abs().sum()
    elif loss == "huber":
        value = torch.nn.functional.huber_loss(F, target, reduction="sum", delta=delta)
    elif F.ndim == 1:
        value = torch.nn.functional.binary_cross_entropy_with_logits(F, target, reduction="sum")
    else:
        value = torch.nn.functional.cross_entropy(F, target.long(), reduction="sum")
    (gradient,) = torch.autograd.grad(value, F)
    return -gradient.numpy()


@st.composite
def loss_case(draw: st.DrawFn, loss: str) -> tuple[np.ndarray, np.ndarray, float]:
    n = draw(st.integers(1, 30))
    raw_values = st.floats(-30, 30)
    if loss == "log_loss" and draw(st.booleans()):
        k = draw(st.integers(2, 5))
        raw = np.array(
            draw(st.lists(st.lists(raw_values, min_size=k, max_size=k), min_size=n, max_size=n))
        )
        y = np.array(draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n)), dtype=float)
    else:
        raw = np.array(draw(st.lists(raw_values, min_size=n, max_size=n)))
        labels = st.integers(0, 1) if loss == "log_loss" else st.floats(-30, 30)
        y = np.array(draw(st.lists(labels, min_size=n, max_size=n)), dtype=float)
        if loss == "absolute_error":  # keep off the kink at y = F, where L has no gradient
            y = np.where(np.abs(y - raw) < 1e-6, raw + 1.0, y)
    return y, raw, draw(st.floats(0.1, 5.0))


# -------------------------------------------------- gradient_boosting_residuals


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (([3.0, -1.0], [1.0, 1.0]), [2.0, -2.0]),
        (([3.0, -1.0], [1.0, 1.0], "absolute_error"), [1.0, -1.0]),
        (([3.0, -1.0], [1.0, 1.0], "huber", 1.5), [1.5, -1.5]),
        (([3.0, 1.5], [1.0, 1.0], "huber", 1.0), [1.0, 0.5]),
        (([1, 0], [0.0, 0.0], "log_loss"), [0.5, -0.5]),
        (
            ([2, 0], [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], "log_loss"),
            [[-1 / 3, -1 / 3, 2 / 3], [2 / 3, -1 / 3, -1 / 3]],
        ),
        (([2.0], [2.0], "absolute_error"), [0.0]),
    ],
)
def test_worked_examples(
    gradient_boosting_residuals: Any, args: tuple[Any, ...], expected: Any
) -> None:
    y, raw, *rest = args
    check(gradient_boosting_residuals, np.array(y), np.array(raw), *rest, expected=expected)


@pytest.mark.parametrize("loss", ["squared_error", "absolute_error", "huber", "log_loss"])
@given(data=st.data())
def test_matches_torch_autograd(
    gradient_boosting_residuals: Any, loss: str, data: st.DataObject
) -> None:
    y, raw, delta = data.draw(loss_case(loss))
    expected = torch_residuals(y, raw, loss, delta)
    result = gradient_boosting_residuals(y, raw, loss, delta)
    assert np.shape(result) == raw.shape
    np.testing.assert_allclose(result, expected, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("k", [1, 4])
def test_extreme_scores_stay_finite(gradient_boosting_residuals: Any, k: int) -> None:
    raw = np.array([700.0, -700.0]) if k == 1 else np.array([[700.0, -700.0, 0.0, 699.0]] * 2)
    y = np.array([0.0, 1.0]) if k == 1 else np.array([1.0, 3.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow on the way
        result = gradient_boosting_residuals(y, raw, "log_loss")
    expected = torch_residuals(y, raw, "log_loss", 1.0)
    np.testing.assert_allclose(result, expected, rtol=1e-9, atol=1e-12)


def test_a_million_samples(gradient_boosting_residuals: Any) -> None:
    rng = np.random.default_rng(0)
    raw = rng.normal(size=(10**6, 3))
    y = rng.integers(0, 3, 10**6).astype(float)
    result = gradient_boosting_residuals(y, raw, "log_loss")
    np.testing.assert_allclose(result.sum(axis=1), 0.0, atol=1e-12)  # onehot - softmax
    np.testing.assert_allclose(result[:5], torch_residuals(y[:5], raw[:5], "log_loss", 1.0))


@contract
@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        (([1.0], [1.0, 2.0]), ValueError, "y"),
        (([1.0], [1.0], "hinge"), ValueError, "loss"),
        (([1.0], [1.0], "huber", 0.0), ValueError, "delta"),
        (([2.0], [0.0], "log_loss"), ValueError, "y"),
        (([1.0], [[0.0]], "squared_error"), ValueError, "raw_prediction"),
        (([1.0], [float("inf")]), ValueError, "raw_prediction"),
    ],
)
def test_bad_input(
    gradient_boosting_residuals: Any, args: tuple[Any, ...], error: type, name: str
) -> None:
    y, raw, *rest = args
    with pytest.raises(error, match=name):
        gradient_boosting_residuals(np.array(y), np.array(raw), *rest)


# ------------------------------------------------------------ the estimators


def tie_free_data(seed: int, classes: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    X = rng.random((400, 5)).astype(np.float32).astype(float)  # exact in sklearn's float32
    signal = np.sin(4 * X[:, 0]) + X[:, 1] * X[:, 2] + rng.normal(0, 0.2, 400)
    if classes:
        y = np.digitize(signal, np.quantile(signal, np.linspace(0, 1, classes + 1)[1:-1]))
    else:
        y = signal
    return X[:300], X[300:], y[:300], y[300:]


@pytest.mark.parametrize(
    "parameters",
    [{}, {"learning_rate": 0.3, "max_depth": 2}],
    ids=repr,
)
def test_squared_error_equals_sklearn_on_tie_free_data(parameters: dict[str, Any]) -> None:
    """Leaves of 15 or more samples and continuous residuals leave no ties: the same
    trees, the same raw predictions, up to rounding.  (The log loss's first residuals
    take two values, the absolute error's always do, so their trees meet ties, and
    scikit-learn takes the plain median for its first guess but the lower one in its
    leaves: those are compared by accuracy below.)"""
    X, X_test, y, _ = tie_free_data(0)
    common = {"n_estimators": 30, "min_samples_leaf": 15, **parameters}
    ours = GradientBoostingRegressor(**common, random_state=0).fit(X, y)
    theirs = sk.GradientBoostingRegressor(**common, random_state=0).fit(X, y)
    np.testing.assert_allclose(ours.predict(X_test), theirs.predict(X_test), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ours.train_score_, theirs.train_score_, rtol=1e-9)


GB_SETTINGS = [
    {"n_estimators": 30},
    {"n_estimators": 30, "splitter": "hist"},
    {"n_estimators": 30, "subsample": 0.7, "max_depth": 2},
]
GB_CASES = [
    pytest.param(
        name,
        parameters,
        id=f"{name}-{parameters}",
        marks=() if (i == 0 and name == "diabetes") else slow,
    )
    for i, parameters in enumerate(GB_SETTINGS)
    for name in (*CLASSIFICATION, "diabetes")
]


@pytest.mark.parametrize(("name", "parameters"), GB_CASES)
def test_score_within_one_point_of_sklearn(name: str, parameters: dict[str, Any]) -> None:
    """The log loss (binary for these sets) and squared error (diabetes)."""
    ours, peer = (
        (GradientBoostingClassifier, sk.GradientBoostingClassifier)
        if name in CLASSIFICATION
        else (GradientBoostingRegressor, sk.GradientBoostingRegressor)
    )
    given_to_sklearn = {key: value for key, value in parameters.items() if key != "splitter"}
    mine, theirs = mean_scores(
        lambda seed: ours(**parameters, random_state=seed),
        lambda seed, state: peer(**given_to_sklearn, random_state=100 * seed + state),
        name,
    )
    assert_within_one_point(mine, theirs, f"{ours.__name__}({parameters}) on {name}")


@slow
@pytest.mark.parametrize("loader", [load_iris, load_wine])
def test_multinomial_within_one_point_of_sklearn(loader: Any) -> None:
    X, y = loader(return_X_y=True)
    ours, theirs = [], []
    for seed in range(10):
        test = np.random.default_rng(seed).random(y.size) < 0.3
        fitted = GradientBoostingClassifier(n_estimators=30, random_state=seed)
        ours.append(fitted.fit(X[~test], y[~test]).score(X[test], y[test]))
        peer = sk.GradientBoostingClassifier(n_estimators=30, random_state=seed)
        theirs.append(peer.fit(X[~test], y[~test]).score(X[test], y[test]))
    assert_within_one_point(float(np.mean(ours)), float(np.mean(theirs)), loader.__name__)


@slow
@pytest.mark.parametrize("loss", ["absolute_error", "huber"])
@pytest.mark.parametrize("name", REGRESSION)
def test_robust_losses_within_one_point_of_sklearn(loss: str, name: str) -> None:
    mine, theirs = mean_scores(
        lambda seed: GradientBoostingRegressor(loss=loss, n_estimators=30, random_state=seed),
        lambda seed, state: sk.GradientBoostingRegressor(
            loss=loss, n_estimators=30, random_state=100 * seed + state
        ),
        name,
    )
    assert_within_one_point(mine, theirs, f"GradientBoostingRegressor(loss={loss!r}) on {name}")


@given(
    seed=st.integers(0, 2**32 - 1),
    learning_rate=st.floats(0.01, 1.0),
    depth=st.integers(1, 4),
    splitter=st.sampled_from(["best", "hist"]),
)
def test_squared_loss_never_rises(
    seed: int, learning_rate: float, depth: int, splitter: str
) -> None:
    """Each stage adds eta times the leaf means of the residuals, which lowers the sum
    of squares by (2 eta - eta^2) sum_leaves n_l mean_l^2 >= 0 for 0 < eta <= 1."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(80, 3))
    y = X[:, 0] ** 2 + rng.normal(size=80)
    boost = GradientBoostingRegressor(
        n_estimators=8, learning_rate=learning_rate, max_depth=depth, splitter=splitter
    ).fit(X, y)
    losses = np.r_[np.mean((y - y.mean()) ** 2), boost.train_score_]
    assert (np.diff(losses) <= 1e-12 * losses[0]).all(), losses


def test_multinomial_learns_three_classes() -> None:
    X, X_test, y, y_test = tie_free_data(4, 3)
    boost = GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X, y)
    peer = sk.GradientBoostingClassifier(n_estimators=30, random_state=0).fit(X, y)
    assert boost.estimators_.shape == (30, 3)
    assert boost.score(X_test, y_test) >= peer.score(X_test, y_test) - 0.03


@edge
def test_staged_predictions_end_at_predict() -> None:
    X, X_test, y, _ = tie_free_data(2, 3)
    boost = GradientBoostingClassifier(n_estimators=12, random_state=0).fit(X, y)
    stages = list(boost.staged_predict_proba(X_test))
    assert len(stages) == 12
    np.testing.assert_allclose(stages[-1], boost.predict_proba(X_test))
    assert np.array_equal(list(boost.staged_predict(X_test))[-1], boost.predict(X_test))
    assert boost.estimators_.shape == (12, 3)
    assert boost.feature_importances_.sum() == pytest.approx(1.0)
    regressor = GradientBoostingRegressor(n_estimators=5).fit(X, X[:, 0])
    np.testing.assert_allclose(
        list(regressor.staged_predict(X_test))[-1], regressor.predict(X_test)
    )


@edge
def test_subsample_is_reproducible_and_changes_the_fit() -> None:
    X, X_test, y, _ = tie_free_data(3)

    def fit(seed: int, subsample: float) -> np.ndarray:
        boost = GradientBoostingRegressor(n_estimators=10, subsample=subsample, random_state=seed)
        return boost.fit(X, y).predict(X_test)

    assert np.array_equal(fit(1, 0.5), fit(1, 0.5))
    assert not np.array_equal(fit(1, 0.5), fit(2, 0.5))
    assert not np.array_equal(fit(1, 0.5), fit(1, 1.0))


@contract
@pytest.mark.parametrize(
    ("model", "parameters", "name"),
    [
        (GradientBoostingRegressor, {"loss": "log_loss"}, "loss"),
        (GradientBoostingRegressor, {"subsample": 0.0}, "subsample"),
        (GradientBoostingRegressor, {"alpha": 1.0}, "alpha"),
        (GradientBoostingClassifier, {"learning_rate": 0.0}, "learning_rate"),
        (GradientBoostingClassifier, {"loss": "exponential"}, "loss"),
    ],
)
def test_bad_hyperparameters(model: type, parameters: dict[str, Any], name: str) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        model(**parameters).fit([[0.0], [1.0], [2.0]], [0, 1, 1])

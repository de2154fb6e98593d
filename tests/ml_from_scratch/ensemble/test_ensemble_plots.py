"""Tests of the accuracy-against-size picture and the staged predictions behind it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ensemble_cases import dataset

from ml_from_scratch.ensemble import (
    AdaBoostClassifier,
    BaggingClassifier,
    BaggingRegressor,
    GradientBoostingClassifier,
    RandomForestClassifier,
)
from ml_from_scratch.ensemble.plots import plot_accuracy_curves, staged_accuracy

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.mark.parametrize(
    "model",
    [
        BaggingClassifier(n_estimators=6, random_state=0),
        RandomForestClassifier(6, random_state=0),
        AdaBoostClassifier(n_estimators=6, random_state=0),
        GradientBoostingClassifier(n_estimators=6, random_state=0),
    ],
    ids=lambda model: type(model).__name__,
)
def test_each_curve_ends_at_the_ensembles_score(model: Any) -> None:
    X, X_test, y, y_test = dataset("moons", 0)
    model.fit(X, y)
    curve = staged_accuracy(model, X_test, y_test)
    assert curve.shape == (6,)
    assert curve[-1] == pytest.approx(model.score(X_test, y_test))


def test_staged_bagging_averages_the_first_members() -> None:
    X, X_test, y, _ = dataset("friedman1", 0)
    bagging = BaggingRegressor(n_estimators=4, random_state=0).fit(X, y)
    stages = list(bagging.staged_predict(X_test))
    members = [tree.predict(X_test) for tree in bagging.estimators_]
    for count, stage in enumerate(stages, start=1):
        np.testing.assert_allclose(stage, np.mean(members[:count], axis=0))


def test_the_picture_draws_one_labelled_line_per_ensemble() -> None:
    curves = {"a": np.array([0.5, 0.7, 0.8]), "b": np.array([0.6, 0.6, 0.9])}
    ax = plot_accuracy_curves(curves)
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), curves["b"])
    assert ax.get_xscale() == "log"
    matplotlib.pyplot.close(ax.figure)

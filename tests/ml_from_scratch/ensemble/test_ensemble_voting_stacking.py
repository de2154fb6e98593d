"""Tests of voting and stacking.

Oracles: scikit-learn's ``VotingClassifier``, ``StackingClassifier`` and
``StackingRegressor`` given the same deterministic members and the same folds (equal
predictions), and base models that report, for every sample they are asked about,
whether they were fitted on it: stacking's meta-features must never come from a model
that saw the sample.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ensemble_cases import assert_within_one_point, dataset
from sklearn import ensemble as sk
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ml_from_scratch.ensemble import (
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    RandomForestClassifier,
    StackingClassifier,
    StackingRegressor,
    VotingClassifier,
)
from workbook.testing import contract

slow = pytest.mark.slow


def members() -> list[tuple[str, Any]]:
    return [
        ("bayes", GaussianNB()),
        ("tree", DecisionTreeClassifier(max_depth=3, random_state=0)),
        ("neighbours", make_pipeline(StandardScaler(), KNeighborsClassifier(7))),
    ]


class Witness(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Remembers the rows it was fitted on; its probability of class 1 says whether it
    saw the row asked about (1: seen, 0: not)."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> Witness:
        self.seen_ = {row.tobytes() for row in np.asarray(X)}
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        seen = np.array([row.tobytes() in self.seen_ for row in np.asarray(X)], dtype=float)
        return np.column_stack([1 - seen, seen])

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[self.predict_proba(X)[:, 1].astype(int)]


class WitnessRegressor(RegressorMixin, BaseEstimator):  # type: ignore[misc]
    """Predicts 1 for a row it was fitted on, 0 for any other."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> WitnessRegressor:
        self.seen_ = {row.tobytes() for row in np.asarray(X)}
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.array([row.tobytes() in self.seen_ for row in np.asarray(X)], dtype=float)


class Recorder(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """A final model that keeps the meta-features it is fitted on."""

    def fit(self, X: np.ndarray, y: np.ndarray) -> Recorder:
        self.meta_ = np.asarray(X).copy()
        self.classes_ = np.unique(y)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.full(len(X), self.classes_[0])


class RecorderRegressor(RegressorMixin, BaseEstimator):  # type: ignore[misc]
    def fit(self, X: np.ndarray, y: np.ndarray) -> RecorderRegressor:
        self.meta_ = np.asarray(X).copy()
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.zeros(len(X))


# -------------------------------------------------------------------- voting


@pytest.mark.parametrize("voting", ["hard", "soft"])
@pytest.mark.parametrize("weights", [None, [1.0, 2.0, 0.5]])
def test_voting_equals_sklearn(voting: str, weights: Any) -> None:
    X, X_test, y, _ = dataset("classification", 0)
    ours = VotingClassifier(members(), voting=voting, weights=weights).fit(X, y)
    theirs = sk.VotingClassifier(members(), voting=voting, weights=weights).fit(X, y)
    assert np.array_equal(ours.predict(X_test), theirs.predict(X_test))
    if voting == "soft":
        np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test))
    else:
        assert not hasattr(ours, "predict_proba")


def test_voting_with_string_labels_and_named_members() -> None:
    X, X_test, y, _ = dataset("moons", 1)
    labels = np.array(["left", "right"])
    vote = VotingClassifier(members(), voting="soft").fit(X, labels[y])
    assert set(vote.predict(X_test)) <= {"left", "right"}
    assert vote.named_estimators_.tree.get_depth() == 3
    assert vote.classes_.tolist() == ["left", "right"]


@slow
def test_voting_accuracy_within_one_point_of_sklearn() -> None:
    for name in ("classification", "moons", "breast_cancer"):
        ours, theirs = [], []
        for seed in range(10):
            X, X_test, y, y_test = dataset(name, seed)
            forest = ("forest", RandomForestClassifier(30, random_state=seed))
            ours.append(
                VotingClassifier([*members(), forest], voting="soft")
                .fit(X, y)
                .score(X_test, y_test)
            )
            peer = ("forest", sk.RandomForestClassifier(30, random_state=seed))
            theirs.append(
                sk.VotingClassifier([*members(), peer], voting="soft")
                .fit(X, y)
                .score(X_test, y_test)
            )
        assert_within_one_point(float(np.mean(ours)), float(np.mean(theirs)), f"voting on {name}")


# ------------------------------------------------------------------ stacking


@pytest.mark.parametrize("cv", [3, 5, "stratified-shuffled"])
def test_meta_features_never_come_from_a_model_that_saw_the_sample(cv: Any) -> None:
    X, _, y, _ = dataset("classification", 0)
    folds = StratifiedKFold(4, shuffle=True, random_state=0) if cv == "stratified-shuffled" else cv
    stack = StackingClassifier(
        [("witness", Witness()), ("tree", DecisionTreeClassifier(max_depth=2))],
        final_estimator=Recorder(),
        cv=folds,
    ).fit(X, y)
    meta = stack.final_estimator_.meta_
    assert meta.shape == (y.size, 2)  # two classes: one probability column per model
    assert (meta[:, 0] == 0).all(), "a meta-feature came from a model fitted on its sample"
    # the refitted models, used for new samples, did see every training sample
    assert (stack.estimators_[0].predict_proba(X)[:, 1] == 1).all()


def test_regression_meta_features_are_out_of_fold_too() -> None:
    X, _, y, _ = dataset("diabetes", 0)
    stack = StackingRegressor(
        [("witness", WitnessRegressor()), ("tree", DecisionTreeRegressor(max_depth=3))],
        final_estimator=RecorderRegressor(),
        cv=KFold(5, shuffle=True, random_state=1),
        passthrough=True,
    ).fit(X, y)
    meta = stack.final_estimator_.meta_
    assert meta.shape == (y.size, 2 + X.shape[1])
    assert (meta[:, 0] == 0).all()
    np.testing.assert_array_equal(meta[:, 2:], X)  # passthrough: the features after them


@pytest.mark.parametrize("passthrough", [False, True])
def test_stacking_classifier_equals_sklearn_on_the_same_folds(passthrough: bool) -> None:
    X, X_test, y, _ = dataset("breast_cancer", 0)
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(X, y))
    final = make_pipeline(StandardScaler(), LogisticRegression())
    common = {"final_estimator": final, "cv": folds, "passthrough": passthrough}
    ours = StackingClassifier(members(), **common).fit(X, y)
    theirs = sk.StackingClassifier(members(), **common).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X_test), theirs.predict_proba(X_test), atol=1e-8)
    assert ours.stack_method_ == theirs.stack_method_


def test_multiclass_stacking_equals_sklearn() -> None:
    from sklearn.datasets import load_iris

    X, y = load_iris(return_X_y=True)
    folds = list(StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))
    ours = StackingClassifier(members(), final_estimator=LogisticRegression(), cv=folds).fit(X, y)
    theirs = sk.StackingClassifier(members(), final_estimator=LogisticRegression(), cv=folds)
    theirs.fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-8)


def test_stacking_regressor_equals_sklearn_on_the_same_folds() -> None:
    X, X_test, y, _ = dataset("diabetes", 1)
    folds = list(KFold(5, shuffle=True, random_state=0).split(X))
    bases = [("ridge", Ridge(1.0)), ("tree", DecisionTreeRegressor(max_depth=3, random_state=0)),
             ("neighbours", KNeighborsRegressor(10))]  # fmt: skip
    ours = StackingRegressor(bases, final_estimator=LinearRegression(), cv=folds).fit(X, y)
    theirs = sk.StackingRegressor(bases, final_estimator=LinearRegression(), cv=folds).fit(X, y)
    np.testing.assert_allclose(ours.predict(X_test), theirs.predict(X_test), rtol=1e-9)


def test_stacking_beats_its_weakest_member() -> None:
    X, X_test, y, y_test = dataset("moons", 2)
    stack = StackingClassifier(members(), cv=5).fit(X, y)
    scores = [member.score(X_test, y_test) for member in stack.estimators_]
    assert stack.score(X_test, y_test) >= min(scores)
    assert isinstance(stack.final_estimator_, LogisticRegression)


@contract
@pytest.mark.parametrize(
    ("model", "estimators", "parameters", "name"),
    [
        (VotingClassifier, [], {}, "estimators"),
        (VotingClassifier, [("a", GaussianNB()), ("a", GaussianNB())], {}, "names"),
        (VotingClassifier, [("a", GaussianNB())], {"voting": "average"}, "voting"),
        (VotingClassifier, [("a", GaussianNB())], {"weights": [1, 2]}, "weights"),
        (StackingClassifier, [("a", "tree")], {}, "fit"),
        (StackingClassifier, [("a", GaussianNB())], {"stack_method": "proba"}, "stack_method"),
        (StackingRegressor, [("a", Ridge())], {"cv": "five"}, "cv"),
    ],
)
def test_bad_arguments(model: type, estimators: Any, parameters: dict[str, Any], name: str) -> None:
    X, _, y, _ = dataset("moons", 0)
    with pytest.raises((ValueError, TypeError), match=name):
        model(estimators, **parameters).fit(X, y)

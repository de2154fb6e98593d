"""Voting: several different classifiers, one decision by (weighted) vote.

Fit every classifier on the same data.  ``voting="hard"`` predicts the class most of
them predict (with weights: the class of largest total weight; ties go to the class
that sorts first); ``voting="soft"`` averages their class probabilities and predicts
the most probable class, which lets a confident member outvote two hesitant ones
(*The Elements of Statistical Learning*, 2nd ed., section 8.8; Kuncheva, *Combining
Pattern Classifiers*, 2nd ed., 2014, ch. 5).  Voting helps most when the members are
good and make different mistakes.

Complexity: the members' fits and predictions, plus O(n K) to combine them.

Status: compared with scikit-learn's ``VotingClassifier`` (the same members): equal
predictions and probabilities; ``check_estimator`` passes.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils import Bunch
from sklearn.utils._available_if import available_if
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ml_from_scratch.ensemble._base import check_named_estimators, encode_classes
from ml_from_scratch.ensemble._tree import FloatArray

__all__ = ["VotingClassifier"]


class VotingClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Hard or soft voting among classifiers.

    Parameters
    ----------
    estimators : list of (str, classifier)
        The named members, cloned and fitted on the same data.
    voting : {"hard", "soft"}, default="hard"
        Majority of predicted classes, or argmax of averaged probabilities (every member
        then needs ``predict_proba``).
    weights : list of float or None, default=None
        One weight per member (default: equal).

    Attributes
    ----------
    estimators_ : list of fitted classifiers
    named_estimators_ : Bunch
        The fitted members by name.
    classes_ : ndarray
    n_features_in_ : int

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from ml_from_scratch.ensemble import DecisionTreeClassifier, RandomForestClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> vote = VotingClassifier(
    ...     [("bayes", GaussianNB()),
    ...      ("tree", DecisionTreeClassifier(max_depth=3)),
    ...      ("forest", RandomForestClassifier(n_estimators=20, random_state=0))],
    ...     voting="soft",
    ... )
    >>> bool(vote.fit(X[:400], y[:400]).score(X[400:], y[400:]) > 0.93)
    True
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "estimators": [list],
        "voting": [StrOptions({"hard", "soft"})],
        "weights": ["array-like", None],
    }

    def __init__(
        self, estimators: list[tuple[str, Any]], *, voting: str = "hard", weights: Any = None
    ) -> None:
        self.estimators = estimators
        self.voting = voting
        self.weights = weights

    def fit(self, X: Any, y: Any) -> Self:
        """Fit a clone of every member on ``(X, y)``."""
        self._validate_params()
        names, members = check_named_estimators(self.estimators)
        if self.weights is not None and len(self.weights) != len(members):
            raise ValueError(
                f"weights must hold one weight per estimator ({len(members)}), "
                f"got {len(self.weights)}"
            )
        X, y = validate_data(self, X, y)
        codes = encode_classes(self, y)
        self.estimators_ = [clone(member).fit(X, codes) for member in members]
        self.named_estimators_ = Bunch(**dict(zip(names, self.estimators_, strict=True)))
        return self

    def _weights(self) -> FloatArray:
        n = len(self.estimators_)
        return np.ones(n) if self.weights is None else np.asarray(self.weights, dtype=float)

    def _member_votes(self, X: Any) -> FloatArray:
        """The weighted votes for each class: (n, K)."""
        votes = np.zeros((X.shape[0], self.classes_.size))
        rows = np.arange(X.shape[0])
        for member, weight in zip(self.estimators_, self._weights(), strict=True):
            votes[rows, np.asarray(member.predict(X)).astype(np.intp)] += weight
        return votes

    def _soft_voting(self) -> bool:
        return bool(self.voting == "soft")

    @available_if(_soft_voting)  # type: ignore[untyped-decorator]
    def predict_proba(self, X: Any) -> FloatArray:
        """The members' class probabilities, weighted and averaged: (n, K)."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False)
        total = np.zeros((X.shape[0], self.classes_.size))
        for member, weight in zip(self.estimators_, self._weights(), strict=True):
            total[:, member.classes_] += weight * member.predict_proba(X)
        result: FloatArray = total / self._weights().sum()
        return result

    def predict(self, X: Any) -> np.ndarray:
        """The class of most (weighted) votes, or of highest average probability."""
        check_is_fitted(self, "estimators_")
        if self.voting == "soft":
            scores = self.predict_proba(X)
        else:
            X = validate_data(self, X, reset=False)
            scores = self._member_votes(X)
        result: np.ndarray = self.classes_[np.argmax(scores, axis=1)]
        return result

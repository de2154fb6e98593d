"""AdaBoost with SAMME: weak learners fitted in turn, each on re-weighted samples.

Start from uniform weights ``w_i = 1/n``.  At each round ``t`` fit a weak learner
``h_t`` (a stump by default) to the weighted samples and take its weighted error
``e_t = sum_i w_i [h_t(x_i) != y_i] / sum_i w_i``.  Give it the say

.. math::

    \\alpha_t = \\eta \\left(\\log\\frac{1 - e_t}{e_t} + \\log(K - 1)\\right),

raise the weight of every sample it got wrong, ``w_i <- w_i exp(alpha_t)``, and
renormalise.  The ensemble predicts ``argmax_k sum_t alpha_t [h_t(x) = k]``.  For
``K = 2`` this is AdaBoost (Freund and Schapire, 1997), whose training error is at most
``prod_t 2 sqrt(e_t (1 - e_t))``; the ``log(K - 1)`` term is SAMME's multi-class
extension, which needs only ``e_t < 1 - 1/K`` (Zhu, Zou, Rosset and Hastie,
"Multi-class AdaBoost", *Statistics and Its Interface* 2, 2009; *The Elements of
Statistical Learning*, 2nd ed., algorithm 10.1).  ``eta`` is the learning rate.

A round whose learner is perfect (``e_t = 0``) ends the fit with that learner alone
deciding; one no better than chance (``e_t >= 1 - 1/K``) is dropped and ends it.

Complexity: T times the weak learner's fit and predict; the default stumps share one
presort of the training matrix, so each costs O(n F).

Status: :func:`adaboost_weights_update` checked against the formulas on
hypothesis-drawn weights; the classifier against scikit-learn's ``AdaBoostClassifier``
(same stumps, same SAMME): accuracy on four datasets, and the training-error bound as a
property; ``check_estimator`` passes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, ClassVar, Self

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils._param_validation import HasMethods
from sklearn.utils.validation import (
    check_is_fitted,
    has_fit_parameter,
    validate_data,
)

from ml_from_scratch._checks import as_finite, as_int, as_sample_weight, check_same
from ml_from_scratch.ensemble._base import (
    POSITIVE_INT,
    POSITIVE_REAL,
    encode_classes,
    member_seeds,
    validated_fit_data,
)
from ml_from_scratch.ensemble._tree import FloatArray
from ml_from_scratch.ensemble.tree import DecisionTreeClassifier, _BaseTree, prepare_features

__all__ = ["AdaBoostClassifier", "adaboost_weights_update"]


def adaboost_weights_update(
    sample_weight: npt.ArrayLike,
    incorrect: npt.ArrayLike,
    n_classes: int = 2,
    learning_rate: float = 1.0,
) -> tuple[FloatArray, float]:
    """One SAMME round: the learner's say and the samples' new weights.

    Parameters
    ----------
    sample_weight : array-like of shape (n,)
        The current weights: non-negative, with a positive sum.
    incorrect : array-like of bool, shape (n,)
        Whether the round's learner misclassified each sample.
    n_classes : int, default=2
        ``K``, at least 2.
    learning_rate : float, default=1.0
        ``eta > 0``, which scales the say.

    Returns
    -------
    weights : ndarray of shape (n,)
        ``w_i exp(alpha [incorrect_i])``, normalised to sum to 1.
    alpha : float
        ``eta (log((1 - e) / e) + log(K - 1))`` for the weighted error ``e``.

    Raises
    ------
    TypeError
        If ``incorrect`` is not boolean, or a number is not a number.
    ValueError
        If the lengths differ, a weight is negative or they sum to zero, ``K < 2``,
        ``eta <= 0``, or the weighted error is not in ``(0, 1 - 1/K)`` (a perfect
        learner, or one no better than chance, has no finite say).

    Complexity
    ----------
    O(n).

    Examples
    --------
    >>> weights, alpha = adaboost_weights_update([0.25] * 4, [True, False, False, False])
    >>> round(alpha, 6), weights.round(6).tolist()
    (1.098612, [0.5, 0.166667, 0.166667, 0.166667])
    """
    wrong = np.asarray(incorrect)
    if wrong.dtype != np.bool_:
        raise TypeError(f"incorrect must be an array of bools, got dtype {wrong.dtype}")
    weights = as_sample_weight(sample_weight, wrong.shape[0] if wrong.ndim == 1 else -1)
    check_same("len(sample_weight)", weights.shape[0], "len(incorrect)", wrong.shape[0])
    k = as_int(n_classes, "n_classes", low=2)
    eta = as_finite(learning_rate, "learning_rate")
    if eta <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
    error = float(weights[wrong].sum() / weights.sum())
    if not 0.0 < error < 1.0 - 1.0 / k:
        raise ValueError(
            f"the weighted error of incorrect must satisfy 0 < error < 1 - 1/n_classes = "
            f"{1 - 1 / k:g}, got {error:g}"
        )
    alpha = eta * (math.log((1.0 - error) / error) + math.log(k - 1.0))
    updated = weights * np.exp(alpha * wrong)
    return updated / updated.sum(), alpha


class AdaBoostClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """AdaBoost (SAMME) for two or more classes.

    Parameters
    ----------
    estimator : classifier or None, default=None
        The weak learner, cloned each round; its ``fit`` must take ``sample_weight``.
        None: a stump, :class:`DecisionTreeClassifier(max_depth=1)`.
    n_estimators : int, default=50
        The most rounds (fewer when a learner is perfect or no better than chance).
    learning_rate : float, default=1.0
        Scales each learner's say.
    random_state : int, RandomState or None, default=None
        Seeds each round's learner.

    Attributes
    ----------
    estimators_ : list of fitted learners
    estimator_weights_ : ndarray
        Each learner's say ``alpha_t``.
    estimator_errors_ : ndarray
        Each learner's weighted training error ``e_t``.
    classes_ : ndarray
    n_classes_ : int
    n_features_in_ : int
    feature_importances_ : ndarray
        The learners' importances, averaged with weights ``alpha_t``.

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> boost = AdaBoostClassifier(n_estimators=20).fit(X[:400], y[:400])
    >>> bool(boost.score(X[400:], y[400:]) > 0.9)
    True
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_estimators": [POSITIVE_INT],
        "learning_rate": [POSITIVE_REAL],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator: Any = None,
        *,
        n_estimators: int = 50,
        learning_rate: float = 1.0,
        random_state: Any = None,
    ) -> None:
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.random_state = random_state

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Self:
        """Boost for up to ``n_estimators`` rounds; ``sample_weight``: the first weights."""
        X, y, weights = validated_fit_data(self, X, y, sample_weight)
        codes = encode_classes(self, y)
        self.n_classes_ = k = self.classes_.size
        template = DecisionTreeClassifier(max_depth=1) if self.estimator is None else self.estimator
        if not has_fit_parameter(template, "sample_weight"):
            raise ValueError(f"estimator must take sample_weight in fit, got {template!r}")
        shared = (
            prepare_features(X, template.splitter, template.max_bins, weights)
            if isinstance(template, _BaseTree)
            else None
        )
        self.estimators_: list[Any] = []
        alphas, errors = [], []
        weights = weights / weights.sum()
        for seed in member_seeds(self.random_state, self.n_estimators):
            learner = clone(template)
            if "random_state" in learner.get_params():
                learner.set_params(random_state=seed)
            if shared is not None:
                learner._fit_prepared(shared, codes, weights, np.arange(k))
            else:
                learner.fit(X, codes, sample_weight=weights)
            incorrect = self._codes_of(learner, X) != codes
            error = float(weights[incorrect].sum())
            if error >= 1.0 - 1.0 / k and k > 1:
                if not self.estimators_:
                    raise ValueError(
                        f"the first learner is no better than chance (weighted error "
                        f"{error:g} >= 1 - 1/n_classes): boosting cannot start"
                    )
                break
            self.estimators_.append(learner)
            errors.append(error)
            if error <= 0.0 or k == 1:  # perfect: it decides alone
                alphas.append(1.0)
                break
            weights, alpha = adaboost_weights_update(weights, incorrect, k, self.learning_rate)
            alphas.append(alpha)
        self.estimator_weights_ = np.array(alphas)
        self.estimator_errors_ = np.array(errors)
        return self

    @staticmethod
    def _codes_of(learner: Any, X: FloatArray) -> npt.NDArray[np.intp]:
        """A learner's predictions as class codes (it was fitted on the codes)."""
        codes: npt.NDArray[np.intp]
        if isinstance(learner, _BaseTree):
            codes = np.argmax(learner.tree_.predict(X), axis=1)
        else:
            codes = np.asarray(learner.predict(X)).astype(np.intp)
        return codes

    def staged_decision_function(self, X: Any) -> Iterator[FloatArray]:
        """The decision function after each round, as :meth:`decision_function`."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        rows = np.arange(X.shape[0])
        others = -1.0 / max(self.n_classes_ - 1, 1)  # SAMME's code: 1 for the vote, this else
        votes = np.zeros((X.shape[0], self.n_classes_))
        total = 0.0
        for learner, alpha in zip(self.estimators_, self.estimator_weights_, strict=True):
            votes += alpha * others
            votes[rows, self._codes_of(learner, X)] += alpha * (1.0 - others)
            total += alpha
            yield _decision(votes / total)

    def decision_function(self, X: Any) -> FloatArray:
        """SAMME's weighted votes, divided by the total say: (n, K), or (n,) for K = 2
        (positive means ``classes_[1]``)."""
        *_, decision = self.staged_decision_function(X)  # the last stage's
        result: FloatArray = decision
        return result

    def staged_predict(self, X: Any) -> Iterator[np.ndarray]:
        """The predictions after each round."""
        check_is_fitted(self, "estimators_")
        for decision in self.staged_decision_function(X):
            yield self.classes_[_argmax(decision)]

    def predict(self, X: Any) -> np.ndarray:
        """The class with the most weighted votes."""
        check_is_fitted(self, "estimators_")
        result: np.ndarray = self.classes_[_argmax(self.decision_function(X))]
        return result

    def predict_proba(self, X: Any) -> FloatArray:
        """Class probabilities: a softmax of the decision over ``K - 1`` (scikit-learn's)."""
        decision = self.decision_function(X)
        k = self.n_classes_
        scores = np.column_stack([-decision, decision]) / 2 if k == 2 else decision / max(k - 1, 1)
        scores = np.atleast_2d(scores.T).T
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        result: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return result

    @property
    def feature_importances_(self) -> FloatArray:
        """The learners' feature importances, averaged with weights ``alpha_t``."""
        check_is_fitted(self, "estimators_")
        importances = [learner.feature_importances_ for learner in self.estimators_]
        result: FloatArray = np.average(importances, axis=0, weights=self.estimator_weights_)
        total = result.sum()
        return result / total if total > 0 else result


def _decision(votes: FloatArray) -> FloatArray:
    if votes.shape[1] == 2:
        result: FloatArray = votes[:, 1] - votes[:, 0]
        return result
    return votes


def _argmax(decision: FloatArray) -> npt.NDArray[np.intp]:
    codes: npt.NDArray[np.intp] = (
        (decision > 0).astype(np.intp) if decision.ndim == 1 else np.argmax(decision, axis=1)
    )
    return codes

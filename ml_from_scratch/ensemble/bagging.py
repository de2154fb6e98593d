"""Bootstrap aggregating (bagging): many models on resampled data, averaged.

Fit each of ``B`` models on a bootstrap sample of the training set (``n`` draws with
replacement) and average their predictions: class probabilities for a classifier, values
for a regressor (Breiman, "Bagging predictors", *Machine Learning* 24, 1996).  For
models that are unbiased but unstable, like a deep tree, the average keeps the bias and
cuts the variance: with member variance ``sigma^2`` and pairwise correlation ``rho``, the
average's is ``rho sigma^2 + (1 - rho) sigma^2 / B`` (*The Elements of Statistical
Learning*, 2nd ed., eq. 15.1).

A draw leaves out each sample with probability ``(1 - 1/n)^n -> e^{-1} ~ 0.368``: those
out-of-bag samples are a free validation set, and ``oob_score_`` scores every sample
by the members that did not see it.

Each member also gets a random subset of the features (``max_features``, drawn once per
member without replacement; a random forest draws at every split instead:
:mod:`~ml_from_scratch.ensemble.forest`).  Members that are this package's trees share
one presort (or binning) of the training matrix; any other scikit-learn estimator is
cloned and fitted on its sample, through ``sample_weight`` (the draw counts) when its
``fit`` takes one.

Complexity: B times the member's fit on n samples; predict B times the member's.

Status: compared with scikit-learn's
``BaggingClassifier`` and ``BaggingRegressor`` for accuracy, and the reduction of the
variance of a deep tree checked as a property; ``check_estimator`` passes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from numbers import Integral
from typing import Any, ClassVar, Self

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from sklearn.metrics import accuracy_score, r2_score
from sklearn.utils._param_validation import HasMethods, Interval, RealNotInt
from sklearn.utils.validation import (
    check_is_fitted,
    has_fit_parameter,
    validate_data,
)

from ml_from_scratch._checks import as_int
from ml_from_scratch.ensemble._base import (
    POSITIVE_INT,
    encode_classes,
    member_seeds,
    validated_fit_data,
)
from ml_from_scratch.ensemble._tree import FloatArray, IntArray
from ml_from_scratch.ensemble.bootstrap import bootstrap_sample
from ml_from_scratch.ensemble.tree import (
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    _BaseTree,
    prepare_features,
)

__all__ = ["BaggingClassifier", "BaggingRegressor"]

_FRACTION_OR_COUNT = [
    Interval(Integral, 1, None, closed="left"),
    Interval(RealNotInt, 0, 1, closed="right"),
]


class _BaseBagging(BaseEstimator):  # type: ignore[misc]
    """Resampling, fitting and averaging, shared by bagging and the random forests."""

    max_features: Any  # per member here; per split in a forest

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_estimators": [POSITIVE_INT],
        "max_samples": [*_FRACTION_OR_COUNT, None],
        "max_features": _FRACTION_OR_COUNT,
        "bootstrap": ["boolean"],
        "oob_score": ["boolean"],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator: Any = None,
        n_estimators: int = 10,
        *,
        max_samples: int | float | None = None,
        max_features: int | float = 1.0,
        bootstrap: bool = True,
        oob_score: bool = False,
        random_state: Any = None,
    ) -> None:
        self.estimator = estimator
        self.n_estimators = n_estimators
        self.max_samples = max_samples
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    _default_member: type[BaseEstimator]  # the member when ``estimator`` is None

    def _member_template(self) -> BaseEstimator:
        """The unfitted estimator every member is cloned from."""
        return self._default_member() if self.estimator is None else clone(self.estimator)

    def _member_features(self, rng: np.random.Generator, n_features: int) -> IntArray:
        """The features one member sees: ``max_features`` of them, without replacement."""
        count = self.max_features
        k = int(count) if isinstance(count, Integral) else max(1, int(count * n_features))
        if k > n_features:
            raise ValueError(f"max_features must be <= n_features = {n_features}, got {k}")
        if k == n_features:
            return np.arange(n_features)
        return np.sort(rng.choice(n_features, size=k, replace=False))

    def _fit_members(self, X: FloatArray, targets: np.ndarray, weights: FloatArray) -> None:
        n_samples, n_features = X.shape
        draws = self._n_draws(n_samples)
        template = self._member_template()
        shared = (
            prepare_features(X, template.splitter, template.max_bins, weights)
            if isinstance(template, _BaseTree)
            else None
        )
        self.estimators_: list[BaseEstimator] = []
        self.estimators_features_: list[IntArray] = []
        self._counts: list[IntArray] = []
        for seed in member_seeds(self.random_state, self.n_estimators):
            rng = np.random.default_rng(seed)
            features = self._member_features(rng, n_features)
            if self.bootstrap:
                indices, _ = bootstrap_sample(n_samples, rng, draws)
            else:
                indices = rng.choice(n_samples, size=draws, replace=False)
            counts = np.bincount(indices, minlength=n_samples)
            member = clone(template)
            if "random_state" in member.get_params():
                member.set_params(random_state=seed)
            if shared is not None:
                member._fit_prepared(
                    shared.select(features), targets, counts * weights, self._member_classes()
                )
            elif has_fit_parameter(member, "sample_weight"):
                member.fit(X[:, features], targets, sample_weight=counts * weights)
            else:
                member.fit(X[indices][:, features], targets[indices])
            self.estimators_.append(member)
            self.estimators_features_.append(features)
            self._counts.append(counts)

    def _n_draws(self, n_samples: int) -> int:
        if self.max_samples is None:
            return n_samples
        if isinstance(self.max_samples, int | np.integer):
            return as_int(self.max_samples, "max_samples", high=n_samples)
        return max(1, int(self.max_samples * n_samples))

    def _member_classes(self) -> npt.NDArray[np.intp] | None:
        return None

    @property
    def estimators_samples_(self) -> list[IntArray]:
        """The indices of the training samples each member was fitted on (drawn once or more)."""
        check_is_fitted(self, "estimators_")
        return [np.flatnonzero(counts) for counts in self._counts]

    def _member_outputs(self, X: FloatArray) -> list[FloatArray]:
        """Each member's prediction: class probabilities (all classes) or values."""
        return [
            self._output(member, X[:, features])
            for member, features in zip(self.estimators_, self.estimators_features_, strict=True)
        ]

    def _output(self, member: Any, X: FloatArray) -> FloatArray:
        raise NotImplementedError  # pragma: no cover (each subclass defines it)

    def _out_of_bag(self, X: FloatArray) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """The average prediction of the members that did not see each sample."""
        total: FloatArray | None = None
        seen = np.zeros(X.shape[0])
        for member, features, counts in zip(
            self.estimators_, self.estimators_features_, self._counts, strict=True
        ):
            rows = np.flatnonzero(counts == 0)
            output = self._output(member, X[np.ix_(rows, features)])
            if total is None:
                total = np.zeros((X.shape[0], *output.shape[1:]))
            total[rows] += output
            seen[rows] += 1
        assert total is not None
        scored = seen > 0
        if not scored.all():
            warnings.warn(
                f"{np.count_nonzero(~scored)} samples were drawn by every member and have "
                "no out-of-bag prediction: oob_score_ leaves them out (NaN if that is all "
                "of them); raise n_estimators",
                UserWarning,
                stacklevel=3,
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            average = total / seen.reshape(-1, *([1] * (total.ndim - 1)))
        return average, scored


class BaggingClassifier(ClassifierMixin, _BaseBagging):  # type: ignore[misc]
    """Bagging for classification: the members' class probabilities, averaged.

    Parameters
    ----------
    estimator : classifier or None, default=None
        The member to clone; None: an unrestricted :class:`DecisionTreeClassifier`.
    n_estimators : int, default=10
        How many members.
    max_samples : int, float or None, default=None
        Draws per member: a count, a fraction of ``n_samples``, or None for
        ``n_samples``.
    max_features : int or float, default=1.0
        Features per member (a count, or a fraction of them), drawn without replacement.
    bootstrap : bool, default=True
        Draw samples with replacement (else without: "pasting").
    oob_score : bool, default=False
        Score each sample by the members that did not draw it.
    random_state : int, RandomState or None, default=None

    Attributes
    ----------
    estimators_ : list of fitted members
    estimators_features_ : list of ndarray
        The features of each member.
    estimators_samples_ : list of ndarray
        The samples each member drew.
    classes_ : ndarray
    n_features_in_ : int
    oob_score_ : float
        Out-of-bag accuracy (with ``oob_score=True``).
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
        Out-of-bag class probabilities (NaN for a sample every member drew).

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X, y = make_moons(200, noise=0.3, random_state=0)
    >>> bagging = BaggingClassifier(n_estimators=20, oob_score=True, random_state=0)
    >>> bool(bagging.fit(X, y).oob_score_ > 0.8)
    True
    """

    _default_member = DecisionTreeClassifier

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Self:
        """Fit ``n_estimators`` members, each on its own resample of ``(X, y)``."""
        X, y, weights = validated_fit_data(self, X, y, sample_weight)
        codes = encode_classes(self, y)
        self.n_classes_ = self.classes_.size
        self._fit_members(X, codes, weights)
        if self.oob_score:
            probabilities, scored = self._out_of_bag(X)
            self.oob_decision_function_ = probabilities
            self.oob_score_ = (
                accuracy_score(codes[scored], probabilities[scored].argmax(axis=1))
                if scored.any()
                else np.nan
            )
        return self

    def _member_classes(self) -> npt.NDArray[np.intp]:
        return np.arange(self.n_classes_)

    def _output(self, member: Any, X: FloatArray) -> FloatArray:
        """A member's class probabilities over all classes (votes if it has none)."""
        probabilities = np.zeros((X.shape[0], self.n_classes_))
        if isinstance(member, _BaseTree):
            probabilities[:, member.classes_] = member.tree_.predict(X)
        elif hasattr(member, "predict_proba"):
            probabilities[:, member.classes_] = member.predict_proba(X)
        else:
            probabilities[np.arange(X.shape[0]), member.predict(X).astype(np.intp)] = 1.0
        return probabilities

    def predict_proba(self, X: Any) -> FloatArray:
        """The members' class probabilities, averaged: shape (n_samples, n_classes)."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        result: FloatArray = np.mean(self._member_outputs(X), axis=0)
        return result

    def predict(self, X: Any) -> np.ndarray:
        """The class of highest average probability."""
        check_is_fitted(self, "estimators_")
        result: np.ndarray = self.classes_[np.argmax(self.predict_proba(X), axis=1)]
        return result

    def staged_predict_proba(self, X: Any) -> Iterator[FloatArray]:
        """The average probabilities of the first 1, 2, ... members."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        total = np.zeros((X.shape[0], self.n_classes_))
        for count, output in enumerate(self._member_outputs(X), start=1):
            total += output
            yield total / count

    def staged_predict(self, X: Any) -> Iterator[np.ndarray]:
        """The predictions of the first 1, 2, ... members."""
        for probabilities in self.staged_predict_proba(X):
            yield self.classes_[np.argmax(probabilities, axis=1)]


class BaggingRegressor(RegressorMixin, _BaseBagging):  # type: ignore[misc]
    """Bagging for regression: the members' predictions, averaged.

    Parameters
    ----------
    estimator : regressor or None, default=None
        The member to clone; None: an unrestricted :class:`DecisionTreeRegressor`.
    n_estimators, max_samples, max_features, bootstrap, oob_score, random_state
        As for :class:`BaggingClassifier`.

    Attributes
    ----------
    estimators_, estimators_features_, estimators_samples_, n_features_in_
        As for :class:`BaggingClassifier`.
    oob_score_ : float
        Out-of-bag R^2 (with ``oob_score=True``).
    oob_prediction_ : ndarray of shape (n_samples,)
        Out-of-bag predictions (NaN for a sample every member drew).

    Examples
    --------
    >>> from sklearn.datasets import make_friedman1
    >>> X, y = make_friedman1(300, random_state=0)
    >>> bagging = BaggingRegressor(n_estimators=20, random_state=0).fit(X[:200], y[:200])
    >>> bool(bagging.score(X[200:], y[200:]) > 0.6)
    True
    """

    _default_member = DecisionTreeRegressor

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Self:
        """Fit ``n_estimators`` members, each on its own resample of ``(X, y)``."""
        X, y, weights = validated_fit_data(self, X, y, sample_weight, y_numeric=True)
        targets = np.asarray(y, dtype=np.float64)
        self._fit_members(X, targets, weights)
        if self.oob_score:
            prediction, scored = self._out_of_bag(X)
            self.oob_prediction_ = prediction
            self.oob_score_ = (
                r2_score(targets[scored], prediction[scored]) if scored.sum() > 1 else np.nan
            )
        return self

    def _output(self, member: Any, X: FloatArray) -> FloatArray:
        if isinstance(member, _BaseTree):
            result: FloatArray = member.tree_.predict(X)[:, 0]
            return result
        return np.asarray(member.predict(X), dtype=np.float64)

    def predict(self, X: Any) -> FloatArray:
        """The members' predictions, averaged."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        result: FloatArray = np.mean(self._member_outputs(X), axis=0)
        return result

    def staged_predict(self, X: Any) -> Iterator[FloatArray]:
        """The average predictions of the first 1, 2, ... members."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        total = np.zeros(X.shape[0])
        for count, output in enumerate(self._member_outputs(X), start=1):
            total += output
            yield total / count

"""Stacking: a final model learns how to combine the base models' predictions.

Fit the base models ``h_1 .. h_M``; then fit a final model ``g`` on the meta-features
``(h_1(x_i), .., h_M(x_i))`` (class probabilities, decision values or predictions, and
with ``passthrough=True`` the features ``x_i`` too).  If the meta-features of a training
sample came from base models fitted on that sample, they would be as overfitted as the
base models are, and ``g`` would learn to trust the most overfitted one.  So they are
**out of fold**: cut the training set into ``cv`` folds, and predict each fold with base
models fitted on the other folds (Wolpert, "Stacked generalization", *Neural Networks*
5, 1992; Breiman, "Stacked regressions", *Machine Learning* 24, 1996; *The Elements of
Statistical Learning*, 2nd ed., section 8.8).  At prediction time the base models are
those refitted on all the training data.

For two classes the probability of the first is left out (it is one minus the other).
The final model defaults to scikit-learn's ``LogisticRegression`` (``RidgeCV`` for
regression), as in scikit-learn's own stacking.

Complexity: ``(cv + 1)`` fits of every base model, one of the final model.

Status: the out-of-fold property checked with base models that report whether they saw
a sample; predictions compared with scikit-learn's ``StackingClassifier`` and
``StackingRegressor`` given the same folds; ``check_estimator`` passes.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone, is_classifier
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.model_selection import check_cv
from sklearn.utils import Bunch
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ml_from_scratch.ensemble._base import check_named_estimators, encode_classes
from ml_from_scratch.ensemble._tree import FloatArray, IntArray

__all__ = ["StackingClassifier", "StackingRegressor", "out_of_fold_predictions"]

_METHODS = ("predict_proba", "decision_function", "predict")


def out_of_fold_predictions(
    estimator: Any,
    X: np.ndarray,
    y: np.ndarray,
    splits: list[tuple[IntArray, IntArray]],
    method: str,
    n_classes: int = 0,
) -> FloatArray:
    """``method``'s output for each sample from a clone fitted on the other folds.

    ``splits`` are ``(train, test)`` index pairs whose test parts cover every sample
    exactly once.  The output has one column per stacked feature (see
    :func:`_as_columns`).

    Raises
    ------
    ValueError
        If the test folds do not partition the samples.
    """
    tested = np.concatenate([test for _, test in splits]) if splits else np.zeros(0, np.intp)
    if tested.size != X.shape[0] or np.unique(tested).size != X.shape[0]:
        raise ValueError("cv must put every sample in exactly one test fold")
    result: FloatArray | None = None
    for train, test in splits:
        member = clone(estimator).fit(X[train], y[train])
        columns = _as_columns(member, getattr(member, method)(X[test]), method, n_classes)
        if result is None:
            result = np.empty((X.shape[0], columns.shape[1]))
        result[test] = columns
    assert result is not None
    return result


def _as_columns(member: Any, output: Any, method: str, n_classes: int) -> FloatArray:
    """A base model's output as meta-feature columns.

    Probabilities fill one column per class (zero for a class the model never saw),
    the first dropped for two classes; a 1-D output is one column.
    """
    output = np.asarray(output, dtype=np.float64)
    if method == "predict_proba":
        full = np.zeros((output.shape[0], n_classes))
        full[:, np.asarray(member.classes_, dtype=np.intp)] = output
        columns: FloatArray = full[:, 1:] if n_classes == 2 else full
        return columns
    columns = output.reshape(output.shape[0], -1)
    return columns


class _BaseStacking(BaseEstimator):  # type: ignore[misc]
    """Out-of-fold meta-features and the final model, shared by both stackings."""

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "estimators": [list],
        "final_estimator": [HasMethods(["fit", "predict"]), None],
        "cv": ["cv_object"],
        "stack_method": [StrOptions({"auto", *_METHODS})],
        "passthrough": ["boolean"],
    }
    _n_classes = 0

    def __init__(
        self,
        estimators: list[tuple[str, Any]],
        final_estimator: Any = None,
        *,
        cv: Any = 5,
        stack_method: str = "auto",
        passthrough: bool = False,
    ) -> None:
        self.estimators = estimators
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.passthrough = passthrough

    def _fit_stack(self, X: np.ndarray, y: np.ndarray) -> None:
        names, members = check_named_estimators(self.estimators)
        splits = list(check_cv(self.cv, y, classifier=is_classifier(self)).split(X, y))
        self.stack_method_ = [self._method(member) for member in members]
        meta = [
            out_of_fold_predictions(member, X, y, splits, method, self._n_classes)
            for member, method in zip(members, self.stack_method_, strict=True)
        ]
        self.estimators_ = [clone(member).fit(X, y) for member in members]
        self.named_estimators_ = Bunch(**dict(zip(names, self.estimators_, strict=True)))
        final = self._default_final() if self.final_estimator is None else self.final_estimator
        self.final_estimator_ = clone(final).fit(self._stacked(meta, X), y)

    def _method(self, member: Any) -> str:
        if self.stack_method != "auto":
            if not hasattr(member, self.stack_method):
                raise ValueError(
                    f"stack_method {self.stack_method!r} is not a method of {member!r}"
                )
            return str(self.stack_method)
        if not is_classifier(self):
            return "predict"
        return next(method for method in _METHODS if hasattr(member, method))

    def _stacked(self, meta: list[FloatArray], X: np.ndarray) -> FloatArray:
        blocks = [*meta, np.asarray(X, dtype=np.float64)] if self.passthrough else meta
        return np.hstack(blocks)

    def _default_final(self) -> Any:
        raise NotImplementedError  # pragma: no cover (each subclass defines it)

    def _meta_features(self, X: Any) -> FloatArray:
        """The meta-features of new samples, from the base models fitted on all the data."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False)
        meta = [
            _as_columns(member, getattr(member, method)(X), method, self._n_classes)
            for member, method in zip(self.estimators_, self.stack_method_, strict=True)
        ]
        return self._stacked(meta, X)


class StackingClassifier(ClassifierMixin, _BaseStacking):  # type: ignore[misc]
    """Stacked classifiers: a final classifier on out-of-fold class probabilities.

    Parameters
    ----------
    estimators : list of (str, classifier)
        The named base models.
    final_estimator : classifier or None, default=None
        Fitted on the meta-features; None: ``LogisticRegression()``.
    cv : int, cross-validation splitter or iterable, default=5
        The folds of the out-of-fold predictions (an int: stratified k-fold).
    stack_method : {"auto", "predict_proba", "decision_function", "predict"}
        What each base model contributes; ``"auto"``: the first of these it has.
    passthrough : bool, default=False
        Also give the final model the original features.

    Attributes
    ----------
    estimators_ : list of base models fitted on all the data
    named_estimators_ : Bunch
    final_estimator_ : fitted final model
    stack_method_ : list of str
    classes_ : ndarray
    n_features_in_ : int

    Examples
    --------
    >>> from sklearn.datasets import load_breast_cancer
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from ml_from_scratch.ensemble import RandomForestClassifier
    >>> X, y = load_breast_cancer(return_X_y=True)
    >>> stack = StackingClassifier(
    ...     [("bayes", GaussianNB()),
    ...      ("forest", RandomForestClassifier(n_estimators=20, random_state=0))],
    ... )
    >>> bool(stack.fit(X[:400], y[:400]).score(X[400:], y[400:]) > 0.93)
    True
    """

    def fit(self, X: Any, y: Any) -> Self:
        """Fit the base models out of fold and on all data, then the final model."""
        self._validate_params()
        X, y = validate_data(self, X, y)
        codes = encode_classes(self, y)
        self._n_classes = self.classes_.size
        self._fit_stack(X, codes)
        return self

    def _default_final(self) -> Any:
        return LogisticRegression()

    def predict(self, X: Any) -> np.ndarray:
        """The final model's class for the base models' meta-features."""
        check_is_fitted(self, "estimators_")
        codes = np.asarray(self.final_estimator_.predict(self._meta_features(X)))
        result: np.ndarray = self.classes_[codes.astype(np.intp)]
        return result

    def predict_proba(self, X: Any) -> FloatArray:
        """The final model's class probabilities: (n, K)."""
        check_is_fitted(self, "estimators_")
        probabilities = self.final_estimator_.predict_proba(self._meta_features(X))
        full = np.zeros((probabilities.shape[0], self.classes_.size))
        full[:, np.asarray(self.final_estimator_.classes_, dtype=np.intp)] = probabilities
        return full


class StackingRegressor(RegressorMixin, _BaseStacking):  # type: ignore[misc]
    """Stacked regressors: a final regressor on out-of-fold predictions.

    Parameters
    ----------
    estimators : list of (str, regressor)
    final_estimator : regressor or None, default=None
        None: ``RidgeCV()``.
    cv : int, cross-validation splitter or iterable, default=5
        An int: k-fold without shuffling.
    stack_method : {"auto", "predict"}, default="auto"
    passthrough : bool, default=False

    Attributes
    ----------
    estimators_, named_estimators_, final_estimator_, stack_method_, n_features_in_
        As for :class:`StackingClassifier`.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from sklearn.linear_model import RidgeCV
    >>> from ml_from_scratch.ensemble import RandomForestRegressor
    >>> X, y = load_diabetes(return_X_y=True)
    >>> stack = StackingRegressor(
    ...     [("ridge", RidgeCV()), ("forest", RandomForestRegressor(20, random_state=0))]
    ... )
    >>> bool(stack.fit(X[:300], y[:300]).score(X[300:], y[300:]) > 0.4)
    True
    """

    def fit(self, X: Any, y: Any) -> Self:
        """Fit the base models out of fold and on all data, then the final model."""
        self._validate_params()
        X, y = validate_data(self, X, y, y_numeric=True)
        self._fit_stack(X, np.asarray(y, dtype=np.float64))
        return self

    def _default_final(self) -> Any:
        return RidgeCV()

    def predict(self, X: Any) -> FloatArray:
        """The final model's prediction for the base models' meta-features."""
        check_is_fitted(self, "estimators_")
        result: FloatArray = np.asarray(self.final_estimator_.predict(self._meta_features(X)))
        return result

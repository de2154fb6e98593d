"""CART decision trees as scikit-learn estimators, grown from scratch.

A tree splits its training samples recursively on ``x_f <= t``, each time taking the
feature and threshold whose children have the smallest weighted impurity (Gini, entropy
or squared error: :mod:`~ml_from_scratch.ensemble.criteria`), until the leaves are pure
or a limit stops them; a leaf predicts its samples' class proportions or mean (Breiman,
Friedman, Olshen and Stone, *Classification and Regression Trees*, 1984; *The Elements of
Statistical Learning*, 2nd ed., section 9.2).

Two split searches, chosen with ``splitter``:

* ``"best"``: exact.  Every feature is sorted once per fit; each level's nodes are
  searched together by prefix sums over the sorted runs
  (:mod:`~ml_from_scratch.ensemble._sorted`), the vectorised form of
  :func:`~ml_from_scratch.ensemble.split.best_split`.  O(n log n) per feature to sort,
  then O(n F) per level.
* ``"hist"``: features cut into at most ``max_bins`` quantile bins before fitting;
  each level's nodes are searched by histograms (:mod:`~ml_from_scratch.ensemble._histogram`).
  O(n F) per level with no sort; exact when no feature has more than ``max_bins``
  distinct values.

At every node the features are visited in a random order drawn from ``random_state``:
``max_features`` searches the first that many that are not constant in the node (a
random forest's trees), and among equally good splits the first visited wins, then the
lowest threshold, as in scikit-learn.

Complexity: fit O(F n log n + D n F) for depth D; predict O(n D).

Status: every split checked against :func:`~ml_from_scratch.ensemble.split.best_split`
on the node's samples; predictions and node counts compared with scikit-learn's
``DecisionTreeClassifier`` and ``DecisionTreeRegressor``; ``check_estimator`` passes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar, Self

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ml_from_scratch.ensemble._base import (
    TREE_CONSTRAINTS,
    encode_classes,
    generator,
    resolve_max_features,
    validated_fit_data,
)
from ml_from_scratch.ensemble._grow import Limits, grow_tree
from ml_from_scratch.ensemble._histogram import BinnedFeatures, HistogramSplitter, bin_features
from ml_from_scratch.ensemble._sorted import SortedFeatures, SortedSplitter, presort
from ml_from_scratch.ensemble._tree import FloatArray, IntArray
from ml_from_scratch.ensemble.criteria import CRITERIA

__all__ = ["DecisionTreeClassifier", "DecisionTreeRegressor", "prepare_features"]

Prepared = SortedFeatures | BinnedFeatures


def prepare_features(
    X: FloatArray, splitter: str, max_bins: int, sample_weight: FloatArray | None = None
) -> Prepared:
    """What a split search needs of ``X``, computed once: sorted, or binned, features.

    The bins are cut on the samples of positive weight only, so that a sample of zero
    weight changes nothing, as if it were not there.
    """
    if splitter == "best":
        return presort(X)
    return bin_features(X, max_bins, None if sample_weight is None else sample_weight > 0)


class _BaseTree(BaseEstimator):  # type: ignore[misc]
    """The parameters, the growing and the predicting common to both trees."""

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = dict(TREE_CONSTRAINTS)

    def __init__(
        self,
        *,
        criterion: str,
        splitter: str = "best",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        max_bins: int = 255,
        random_state: Any = None,
    ) -> None:
        self.criterion = criterion
        self.splitter = splitter
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.max_bins = max_bins
        self.random_state = random_state

    @property
    def feature_importances_(self) -> FloatArray:
        """Each feature's share of the total weighted impurity decrease (sums to 1)."""
        check_is_fitted(self, "tree_")
        return self.tree_.feature_importances(self.n_features_in_)

    def get_depth(self) -> int:
        """The depth of the fitted tree (0 for a single leaf)."""
        check_is_fitted(self, "tree_")
        return self.tree_.depth

    def get_n_leaves(self) -> int:
        """The number of leaves of the fitted tree."""
        check_is_fitted(self, "tree_")
        return self.tree_.n_leaves

    def apply(self, X: Any) -> IntArray:
        """The index of the leaf each sample of ``X`` falls into."""
        check_is_fitted(self, "tree_")
        return self.tree_.apply(validate_data(self, X, reset=False, dtype=np.float64))

    def _fit_prepared(
        self,
        features: Prepared,
        targets: np.ndarray,
        sample_weight: FloatArray,
        classes: np.ndarray | None = None,
        leaf_of: IntArray | None = None,
    ) -> Self:
        """Fit on features an ensemble prepared once for all its members.

        ``targets`` are class codes (with ``classes``, the labels they stand for) or
        numbers; the member ends up as :meth:`fit` leaves it, without feature names.
        """
        self.n_features_in_ = features.n_features
        n_classes = 0
        if classes is not None:
            self.classes_ = classes
            self.n_classes_ = n_classes = classes.shape[0]
        self._grow(features, targets, sample_weight, n_classes, leaf_of)
        return self

    def _grow(
        self,
        features: Prepared,
        targets: np.ndarray,
        sample_weight: FloatArray,
        n_classes: int = 0,
        leaf_of: IntArray | None = None,
    ) -> None:
        """Grow ``tree_`` on prepared features: the step an ensemble calls directly.

        Samples of zero weight take no part.  ``targets`` are class codes (a
        classifier) or numbers (a regressor, centred here for accurate sums of squares).
        ``leaf_of`` (all samples) receives each weighted sample's leaf.
        """
        criterion = CRITERIA[self.criterion]
        keep = sample_weight > 0
        offset = 0.0
        if not criterion.is_classification:
            offset = float(np.average(targets, weights=sample_weight))
            targets = targets - offset
        statistics = criterion.statistics(targets, sample_weight, n_classes)
        n_features = features.n_features
        limits = Limits(
            max_depth=self.max_depth,
            min_samples_split=self.min_samples_split,
            min_samples_leaf=self.min_samples_leaf,
            max_features=resolve_max_features(self.max_features, n_features),
        )
        splitter: SortedSplitter | HistogramSplitter
        if isinstance(features, SortedFeatures):
            order = features.rows(None if keep.all() else keep)
            splitter = SortedSplitter(features, order, statistics, criterion, self.min_samples_leaf)
        else:
            samples = np.flatnonzero(keep)
            splitter = HistogramSplitter(
                features, samples, statistics, criterion, self.min_samples_leaf
            )
        tree = grow_tree(
            splitter,
            criterion,
            limits,
            generator(self.random_state),
            n_features,
            leaf_of,
        )
        if offset:
            tree = replace(tree, value=tree.value + offset)
        self.tree_ = tree


class DecisionTreeClassifier(ClassifierMixin, _BaseTree):  # type: ignore[misc]
    """A CART classification tree.

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default="gini"
        The impurity a split minimises (entropy in bits).
    splitter : {"best", "hist"}, default="best"
        The exact search over sorted features, or the histogram search over binned ones.
    max_depth : int or None, default=None
        The deepest a leaf may be; None: grow until the leaves are pure.
    min_samples_split : int, default=2
        Fewest samples a node needs to be split.
    min_samples_leaf : int, default=1
        Fewest samples a leaf may hold.
    max_features : int, float, {"sqrt", "log2"} or None, default=None
        How many features each split draws among the node's non-constant ones (an int,
        a fraction of them, or a function of their number); None: all.
    max_bins : int, default=255
        With ``splitter="hist"``: the most bins per feature, 2 to 256.
    random_state : int, RandomState or None, default=None
        Seeds the order in which each node visits the features (which settles ties
        between equally good splits) and the draw of ``max_features``.

    Attributes
    ----------
    tree_ : Tree
        The fitted tree's arrays (``feature``, ``threshold``, ``left``, ``right``,
        ``value``, ``impurity``, ...).
    classes_ : ndarray
        The class labels, sorted.
    n_classes_ : int
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        When ``X`` had string column names.
    feature_importances_ : ndarray of shape (n_features,)
        Each feature's share of the weighted impurity decrease.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> tree = DecisionTreeClassifier(max_depth=2).fit(X, y)
    >>> tree.get_depth(), tree.get_n_leaves(), round(tree.score(X, y), 3)
    (2, 3, 0.96)
    >>> tree.predict_proba(X[:1])
    array([[1., 0., 0.]])
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        **_BaseTree._parameter_constraints,
        "criterion": [StrOptions({"gini", "entropy"})],
    }

    def __init__(
        self,
        *,
        criterion: str = "gini",
        splitter: str = "best",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        max_bins: int = 255,
        random_state: Any = None,
    ) -> None:
        super().__init__(
            criterion=criterion,
            splitter=splitter,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            max_features=max_features,
            max_bins=max_bins,
            random_state=random_state,
        )

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Self:
        """Grow the tree on ``X`` (n_samples, n_features) and labels ``y``.

        ``sample_weight`` (non-negative) weighs each sample in the impurities and the
        leaf proportions; samples of zero weight take no part.
        """
        X, y, weights = validated_fit_data(self, X, y, sample_weight)
        codes = encode_classes(self, y)
        self.n_classes_ = self.classes_.shape[0]
        features = prepare_features(X, self.splitter, self.max_bins, weights)
        self._grow(features, codes, weights, self.n_classes_)
        return self

    def predict_proba(self, X: Any) -> FloatArray:
        """The class proportions of each sample's leaf: shape (n_samples, n_classes)."""
        check_is_fitted(self, "tree_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return self.tree_.predict(X)

    def predict(self, X: Any) -> np.ndarray:
        """The most frequent (heaviest) class of each sample's leaf."""
        check_is_fitted(self, "tree_")
        result: np.ndarray = self.classes_[np.argmax(self.predict_proba(X), axis=1)]
        return result


class DecisionTreeRegressor(RegressorMixin, _BaseTree):  # type: ignore[misc]
    """A CART regression tree (squared error; leaves predict the weighted mean).

    Parameters
    ----------
    criterion : {"squared_error"}, default="squared_error"
        The impurity a split minimises: the weighted variance of the targets.
    splitter, max_depth, min_samples_split, min_samples_leaf, max_features, max_bins,
    random_state
        As for :class:`DecisionTreeClassifier`.

    Attributes
    ----------
    tree_ : Tree
    n_features_in_ : int
    feature_names_in_ : ndarray of str
    feature_importances_ : ndarray of shape (n_features,)

    Examples
    --------
    >>> X = np.array([[1.0], [2.0], [3.0], [10.0]])
    >>> DecisionTreeRegressor(max_depth=1).fit(X, [1.0, 1.0, 1.0, 5.0]).predict([[0.0], [9.0]])
    array([1., 5.])
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        **_BaseTree._parameter_constraints,
        "criterion": [StrOptions({"squared_error"})],
    }

    def __init__(
        self,
        *,
        criterion: str = "squared_error",
        splitter: str = "best",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        max_features: int | float | str | None = None,
        max_bins: int = 255,
        random_state: Any = None,
    ) -> None:
        super().__init__(
            criterion=criterion,
            splitter=splitter,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            max_features=max_features,
            max_bins=max_bins,
            random_state=random_state,
        )

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> Self:
        """Grow the tree on ``X`` (n_samples, n_features) and numeric targets ``y``."""
        X, y, weights = validated_fit_data(self, X, y, sample_weight, y_numeric=True)
        features = prepare_features(X, self.splitter, self.max_bins, weights)
        self._grow(features, np.asarray(y, dtype=np.float64), weights)
        return self

    def predict(self, X: Any) -> FloatArray:
        """The mean target of each sample's leaf."""
        check_is_fitted(self, "tree_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        result: FloatArray = self.tree_.predict(X)[:, 0]
        return result

# expect: pass
"""A textbook CART classifier: grown by recursion; at every node each feature is sorted
once and its cuts swept with running (weighted) class counts."""

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data


class DecisionTreeClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X, y, sample_weight=None):
        X, y = validate_data(self, X, y)
        check_classification_targets(y)
        weights = _check_sample_weight(sample_weight, X)
        self.classes_, codes = np.unique(y, return_inverse=True)
        kept = weights > 0  # a sample of weight 0 is not there
        self.tree_ = self._grow(X[kept], codes[kept], weights[kept], depth=0)
        return self

    def predict_proba(self, X):
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return np.array([self._leaf(row)["proportions"] for row in X])

    def predict(self, X):
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def _impurity(self, counts):
        """The impurity of each row of weighted class counts."""
        total = counts.sum(axis=-1, keepdims=True)
        p = counts / np.where(total > 0, total, 1.0)
        if self.criterion == "gini":
            return 1.0 - np.sum(p * p, axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(np.where(p > 0, p * np.log2(p), 0.0), axis=-1)

    def _grow(self, X, y, w, depth):
        counts = np.bincount(y, weights=w, minlength=len(self.classes_))
        node = {"proportions": counts / counts.sum()}
        n = len(y)
        too_deep = self.max_depth is not None and depth >= self.max_depth
        too_small = n < self.min_samples_split or n < 2 * self.min_samples_leaf
        if too_deep or too_small or self._impurity(counts) <= 1e-12:
            return node
        best = None
        for f in range(X.shape[1]):
            order = np.argsort(X[:, f], kind="stable")
            x = X[order, f]
            rows = np.zeros((n, len(self.classes_)))
            rows[np.arange(n), y[order]] = w[order]
            left = np.cumsum(rows, axis=0)[:-1]  # the left child of the cut after row i
            right = counts - left
            score = left.sum(1) * self._impurity(left) + right.sum(1) * self._impurity(right)
            n_left = np.arange(1, n)
            ok = (x[:-1] < x[1:]) & (n_left >= self.min_samples_leaf)
            ok &= n - n_left >= self.min_samples_leaf
            if ok.any():
                i = np.flatnonzero(ok)[np.argmin(score[ok])]
                if best is None or score[i] < best[0]:
                    best = (score[i], f, (x[i] + x[i + 1]) / 2)
        if best is None:
            return node
        _, f, threshold = best
        goes_left = X[:, f] <= threshold
        node["split"] = (f, threshold)
        node["left"] = self._grow(X[goes_left], y[goes_left], w[goes_left], depth + 1)
        node["right"] = self._grow(X[~goes_left], y[~goes_left], w[~goes_left], depth + 1)
        return node

    def _leaf(self, row):
        node = self.tree_
        while "split" in node:
            f, threshold = node["split"]
            node = node["left"] if row[f] <= threshold else node["right"]
        return node

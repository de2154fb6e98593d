"""A fitted binary tree as flat arrays, and how a sample finds its leaf.

Node ``0`` is the root.  An internal node ``t`` sends a sample to ``left[t]`` when
``x[feature[t]] <= threshold[t]`` and to ``right[t]`` otherwise; a leaf has
``left[t] == -1`` and predicts ``value[t]`` (class proportions, or a mean).  The nodes
are numbered level by level, as the trees are grown (:mod:`._grow`), so
:meth:`Tree.apply` moves every sample down one level per step: ``depth`` numpy passes
over the samples still above their leaf, not one Python step per sample.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

__all__ = ["FloatArray", "IntArray", "Tree"]


@dataclass(frozen=True, eq=False)
class Tree:
    """The arrays of a fitted tree (one entry per node; ``value`` one row per node).

    Attributes
    ----------
    feature, threshold : arrays of shape (n_nodes,)
        The split of each internal node (``feature`` is -1 at a leaf).
    left, right : arrays of shape (n_nodes,)
        The children of each internal node, -1 at a leaf.
    value : array of shape (n_nodes, n_outputs)
        What each node predicts: class proportions, or the mean target.
    impurity : array of shape (n_nodes,)
        The node's impurity under the tree's criterion.
    n_samples : array of shape (n_nodes,)
        How many distinct training samples reached the node.
    weighted_n_samples : array of shape (n_nodes,)
        Their total weight.
    depth : int
        The number of edges from the root to the deepest leaf.
    """

    feature: IntArray
    threshold: FloatArray
    left: IntArray
    right: IntArray
    value: FloatArray
    impurity: FloatArray
    n_samples: IntArray
    weighted_n_samples: FloatArray
    depth: int

    @property
    def node_count(self) -> int:
        """The number of nodes."""
        return int(self.feature.shape[0])

    @property
    def n_leaves(self) -> int:
        """The number of leaves."""
        return int(np.count_nonzero(self.left < 0))

    def apply(self, X: FloatArray) -> IntArray:
        """The leaf each row of ``X`` falls into, in O(n depth) vectorised steps."""
        node = np.zeros(X.shape[0], dtype=np.intp)
        rows = np.flatnonzero(self.left[node] >= 0)
        while rows.size:
            at = node[rows]
            go_left = X[rows, self.feature[at]] <= self.threshold[at]
            node[rows] = np.where(go_left, self.left[at], self.right[at])
            rows = rows[self.left[node[rows]] >= 0]
        return node

    def predict(self, X: FloatArray) -> FloatArray:
        """``value`` of the leaf of each row of ``X``: shape (n, n_outputs)."""
        result: FloatArray = self.value[self.apply(X)]
        return result

    def feature_importances(self, n_features: int) -> FloatArray:
        """Each feature's total weighted impurity decrease, normalised to sum to 1.

        The decrease at node ``t`` is ``W_t I_t - W_L I_L - W_R I_R`` (weights ``W``,
        impurities ``I``); a tree that never splits gives all zeros.
        """
        inner = np.flatnonzero(self.left >= 0)
        weighted = self.weighted_n_samples * self.impurity
        gain = weighted[inner] - weighted[self.left[inner]] - weighted[self.right[inner]]
        totals = np.bincount(
            self.feature[inner], weights=np.maximum(gain, 0.0), minlength=n_features
        ).astype(np.float64)
        total = totals.sum()
        result: FloatArray = totals / total if total > 0 else totals
        return result

    def with_leaf_values(self, leaves: IntArray, values: FloatArray) -> Tree:
        """A copy whose leaves ``leaves`` predict ``values`` (gradient boosting's step)."""
        value = self.value.copy()
        value[leaves] = values.reshape(leaves.shape[0], -1)
        return replace(self, value=value)

    def __getstate__(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, item in state.items():
            object.__setattr__(self, key, item)

"""The exact split search of a whole level: presorted features and prefix sums.

:func:`~ml_from_scratch.ensemble.split.best_split` sorts one node on one feature and
scores every cut by a prefix sum.  Here the sort is done once per fit: ``order[f]`` lists
the samples by increasing ``x_f`` (:func:`presort`).  The splitter keeps, for every
feature, the samples of each node of the current level as a contiguous run of
``order[f]``, still sorted by ``x_f``: the same runs (``starts``, ``counts``) in every
row.  Then

* the search (:meth:`SortedSplitter.search`) gathers the runs of every chosen
  (node, feature) pair into one flat array and takes one cumulative sum of the sample
  statistics over it, each run's first element lowered by the previous run's total so
  that the sum restarts: the left child of every cut.  The right child is the node's
  total minus the left.  It scores all cuts with the criterion and takes each node's
  minimum with ``np.minimum.reduceat``: O(n_level * features) numpy work per level;
* the partition (:meth:`SortedSplitter.partition`) keeps, row by row, the samples that
  go left and then those that go right, each in the order they had: boolean masks
  preserve order, so every child's run is still sorted on every feature.  Samples of
  nodes that became leaves drop out.

Ties between cuts (scores within ``TIE``) go to the feature the draw visits first,
then to the lowest threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ml_from_scratch.ensemble._grow import TIE, FeatureDraw, Splits
from ml_from_scratch.ensemble._tree import FloatArray, IntArray
from ml_from_scratch.ensemble.criteria import Criterion
from ml_from_scratch.ensemble.split import midpoints

__all__ = ["SortedFeatures", "SortedSplitter", "presort"]


@dataclass(frozen=True)
class SortedFeatures:
    """A training matrix sorted once, shared by every tree fitted on its rows.

    Attributes
    ----------
    columns : array of shape (n_features, n_samples)
        ``X`` transposed, so that a feature's values are contiguous.
    order : array of shape (n_features, n_samples)
        ``order[f]``: the sample indices by increasing ``x_f`` (stable for ties).
    """

    columns: FloatArray
    order: IntArray

    @property
    def n_features(self) -> int:
        return int(self.columns.shape[0])

    def select(self, features: IntArray) -> SortedFeatures:
        """The same, for a subset of the features (no new sort)."""
        if features.size == self.n_features and (features == np.arange(features.size)).all():
            return self
        return SortedFeatures(self.columns[features], self.order[features])

    def rows(self, keep: npt.NDArray[np.bool_] | None) -> IntArray:
        """``order`` restricted to the samples where ``keep`` is true, still sorted."""
        if keep is None:
            return self.order
        n_features = self.order.shape[0]
        result: IntArray = self.order[keep[self.order]].reshape(n_features, -1)
        return result


def presort(X: FloatArray) -> SortedFeatures:
    """Sort every feature of ``X`` once: O(n log n) per feature."""
    columns = np.ascontiguousarray(X.T)
    return SortedFeatures(columns, np.argsort(columns, axis=1, kind="stable").astype(np.intp))


class SortedSplitter:
    """The nodes of a level as runs of the presorted rows (see the module docstring)."""

    def __init__(
        self,
        features: SortedFeatures,
        order: IntArray,
        statistics: FloatArray,
        criterion: Criterion,
        min_samples_leaf: int,
    ) -> None:
        self.columns = features.columns
        self.order = order
        self.statistics = statistics
        self.criterion = criterion
        self.min_samples_leaf = min_samples_leaf
        self.starts = np.zeros(1, dtype=np.intp)
        self.counts = np.array([order.shape[1]], dtype=np.intp)

    def members(self) -> tuple[IntArray, IntArray]:
        segment = np.repeat(np.arange(self.counts.size), self.counts)
        return self.order[0], segment

    def level_sums(self) -> tuple[FloatArray, IntArray]:
        statistics = np.take(self.statistics, self.order[0], axis=1)
        sums: FloatArray = np.add.reduceat(statistics, self.starts, axis=1)
        return sums, self.counts

    def search(
        self,
        candidates: IntArray,
        sums: FloatArray,
        counts: IntArray,
        draw: FeatureDraw,
    ) -> Splits:
        order = draw.order()
        if draw.searches_all:
            pair_node, column = np.divmod(np.arange(order.size), order.shape[1])
        else:
            chosen = draw.chosen(self._nonconstant(candidates))
            pair_node, column = np.nonzero(np.take_along_axis(chosen, order, axis=1))
        pair_feature = order[pair_node, column]  # by node, then in the order of the draw
        segment = np.take(candidates, pair_node)
        length = np.take(self.counts, segment)
        first = np.cumsum(length) - length  # where each pair's run starts in the flat arrays
        owner = np.repeat(np.arange(length.size), length)  # the pair of each flat element
        position = np.arange(owner.size) - np.take(first, owner)  # its place in its run
        n_level, n_samples = self.order.shape[1], self.columns.shape[1]
        run_start = pair_feature * n_level + np.take(self.starts, segment)
        sample = np.take(self.order, np.take(run_start, owner) + position)
        feature = np.take(pair_feature, owner)
        x = np.take(self.columns, feature * n_samples + sample)

        rows = self.criterion.score_rows
        node_sums = np.take(sums[rows], segment, axis=1)
        gathered = np.take(self.statistics[rows], sample, axis=1)
        gathered[:, first[1:]] -= node_sums[:, :-1]  # each run's cumulative sum restarts
        left = np.cumsum(gathered, axis=1)
        right = np.take(node_sums, owner, axis=1) - left
        n_left = position + 1
        n_right = np.take(length, owner) - n_left
        leaf = self.min_samples_leaf
        allowed = (n_left >= leaf) & (n_right >= leaf)
        allowed[:-1] &= x[:-1] < x[1:]  # a cut between equal values is no cut
        score = self.criterion.split_score(left, right)
        score[~allowed] = np.inf
        slack = TIE * self.criterion.weighted(np.take(sums, candidates, axis=1))
        best = _first_minimum_per_node(score, first, pair_node, slack)
        node = candidates[pair_node[owner[best]]]
        threshold = midpoints(x[best], x[best + 1])
        return Splits(node, feature[best], threshold, n_left[best])

    def partition(self, splits: Splits, last: bool = False) -> None:
        if last:  # no child will be searched: the first row is all that is needed
            self.order = self.order[:1]
        k = splits.segment.size
        side = np.zeros(self.statistics.shape[1], dtype=np.int8)  # 0: in a leaf now
        runs = self.counts[splits.segment]
        owner = np.repeat(np.arange(k), runs)
        start = self.starts[splits.segment] - (np.cumsum(runs) - runs)
        sample = np.take(self.order[0], np.take(start, owner) + np.arange(owner.size))
        x = np.take(self.columns, np.take(splits.feature, owner) * side.size + sample)
        side[sample] = np.where(x <= np.take(splits.threshold, owner), 1, 2)
        sides = np.take(side, self.order).ravel()
        n_features = self.order.shape[0]
        flat = self.order.ravel()
        self.order = np.hstack(
            [
                np.compress(sides == 1, flat).reshape(n_features, -1),
                np.compress(sides == 2, flat).reshape(n_features, -1),
            ]
        )
        left_counts = splits.cut  # the cut after the n-th sample: n samples go left
        self.counts = np.concatenate([left_counts, runs - left_counts]).astype(np.intp)
        self.starts = np.cumsum(self.counts) - self.counts

    def _nonconstant(self, candidates: IntArray) -> np.ndarray:
        """``(len(candidates), n_features)``: whether each feature varies in each node."""
        starts = self.starts[candidates]
        first = np.take(self.order, starts, axis=1)
        last = np.take(self.order, starts + self.counts[candidates] - 1, axis=1)
        base = (np.arange(self.order.shape[0]) * self.columns.shape[1])[:, None]
        lowest, highest = np.take(self.columns, base + first), np.take(self.columns, base + last)
        varies: np.ndarray = (lowest < highest).T
        return varies


def _first_minimum_per_node(
    score: FloatArray, first: IntArray, pair_node: IntArray, slack: FloatArray
) -> IntArray:
    """For each node whose best score is finite, the flat index of the first score
    within ``slack[node]`` of its minimum (a tie, see ``TIE``).

    A node's pairs are consecutive, so its elements form one region of ``score``.
    """
    if pair_node.size == 0:
        return np.zeros(0, dtype=np.intp)
    is_first = np.empty(pair_node.size, dtype=bool)
    is_first[0] = True
    np.not_equal(pair_node[1:], pair_node[:-1], out=is_first[1:])
    opens = np.flatnonzero(is_first)
    region = first[opens]
    minimum = np.minimum.reduceat(score, region)
    length = np.diff(region, append=score.size)
    hits = np.flatnonzero(score <= np.repeat(minimum + slack[pair_node[opens]], length))
    found = np.isfinite(minimum)
    result: IntArray = hits[np.searchsorted(hits, region[found])]
    return result

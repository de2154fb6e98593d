"""The exact split search of a whole level: presorted features and prefix sums.

:func:`~ml_from_scratch.ensemble.split.best_split` sorts one node on one feature and
scores every cut by a prefix sum.  Here the sort is done once per fit: ``order[f]`` lists
the samples by increasing ``x_f`` (:func:`presort`).  The splitter keeps each node of the
current level as one block of the flat array ``order``: for every feature, the node's
samples as a contiguous run, sorted by that feature.  Then

* the search (:meth:`SortedSplitter.search`) gathers the runs of every chosen
  (node, feature) pair into one flat array and takes one cumulative sum of the sample
  statistics over it, each run's first element lowered by the previous run's total so
  that the sum restarts: the left child of every cut.  The right child is the node's
  total minus the left.  It scores all cuts with the criterion and takes each node's
  minimum with ``np.minimum.reduceat``: O(n_level * features) numpy work per level;
* the partition (:meth:`SortedSplitter.partition`) keeps, over the whole flat array,
  the samples that go left and then those that go right, each in the order they had:
  boolean masks preserve order, so each block splits into its children's blocks, every
  run still sorted.  Samples of nodes that became leaves drop out.

Ties between cuts (scores within ``TIE``) go to the feature the draw visits first,
then to the lowest threshold.
"""

from __future__ import annotations

import functools
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

    @functools.cached_property
    def values(self) -> FloatArray:
        """``values[f]``: the values of feature ``f`` in increasing order (``order[f]``'s)."""
        result: FloatArray = np.take_along_axis(self.columns, self.order, axis=1)
        return result

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
    """The nodes of a level as blocks of presorted runs (see the module docstring).

    ``order`` is one flat array of blocks, one per node of the level: the block of node
    ``s`` starts at ``starts[s]`` and holds ``n_rows`` runs of ``counts[s]`` samples,
    the run of feature ``f`` at ``starts[s] + f * counts[s]``, sorted by ``x_f``.
    """

    def __init__(
        self,
        features: SortedFeatures,
        order: IntArray,
        statistics: FloatArray,
        criterion: Criterion,
        min_samples_leaf: int,
    ) -> None:
        self.columns = features.columns
        # The root's sorted values, when the rows are the presort's own (no sample left out)
        self.root_values = features.values if order is features.order else None
        self.n_rows, n = order.shape
        self.order = order.ravel()
        self.statistics = statistics
        self.criterion = criterion
        self.min_samples_leaf = min_samples_leaf
        self.starts = np.zeros(1, dtype=np.intp)
        self.counts = np.array([n], dtype=np.intp)
        # The next level's sums, taken from the search's running sums when those are exact:
        # every statistic is an integer (unit weights, bootstrap counts: sums of integers
        # below 2^53 are exact in float64), and the search sums all of them.
        self._exact = bool(np.all(statistics == np.round(statistics)))
        self._children_sums: FloatArray | None = None
        # Work arrays of the partition, reused from level to level: a level's arrays only
        # shrink, and fresh ones of this size cost page faults on every level.  The
        # partition writes the children into the spare buffer of two (``order`` may be
        # the presort's own and is never written to).
        self._order_buffers = [np.empty_like(self.order), np.empty(0, dtype=self.order.dtype)]
        self._sides_buffer = np.empty(self.order.size, dtype=np.int8)
        self._mask_buffer = np.empty(self.order.size, dtype=bool)

    def members(self) -> tuple[IntArray, IntArray]:
        return self._first_runs(np.arange(self.counts.size))

    def level_sums(self) -> tuple[FloatArray, IntArray]:
        if self._children_sums is not None:
            known, self._children_sums = self._children_sums, None
            return known, self.counts
        samples, _ = self.members()
        statistics = np.take(self.statistics, samples, axis=1)
        sums: FloatArray = np.add.reduceat(statistics, np.cumsum(self.counts) - self.counts, 1)
        return sums, self.counts

    def search(
        self,
        candidates: IntArray,
        sums: FloatArray,
        counts: IntArray,
        draw: FeatureDraw,
    ) -> Splits:
        if self.counts.size == 1:
            return self._search_root(candidates, sums, draw)
        order = draw.order()
        if draw.searches_all:
            pair_node, column = np.divmod(np.arange(order.size), order.shape[1])
        else:
            pair_node, column = np.nonzero(
                draw.chosen_as_visited(order, self._nonconstant(candidates))
            )
        pair_feature = order[pair_node, column]  # by node, then in the order of the draw
        segment = np.take(candidates, pair_node)
        length = np.take(self.counts, segment)
        first = np.cumsum(length) - length  # where each pair's run starts in the flat arrays
        owner = np.repeat(np.arange(length.size), length)  # the pair of each flat element
        run_start = np.take(self.starts, segment) + pair_feature * length  # in self.order
        flat = np.take(run_start - first, owner)
        flat += np.arange(owner.size)  # each element's place in self.order
        sample = np.take(self.order, flat)
        at = np.take(pair_feature * self.columns.shape[1], owner)
        at += sample
        x = np.take(self.columns, at)

        rows = self.criterion.score_rows
        node_sums = np.take(sums[rows], segment, axis=1)
        left = np.take(self.statistics[rows], sample, axis=1)
        left[:, first[1:]] -= node_sums[:, :-1]  # each run's cumulative sum restarts
        np.cumsum(left, axis=1, out=left)
        right = np.take(node_sums, owner, axis=1)
        right -= left
        score = self.criterion.split_score(left, right)
        allowed = np.empty(owner.size, dtype=bool)
        np.less(x[:-1], x[1:], out=allowed[:-1])  # a cut between equal values is no cut
        allowed[first + length - 1] = False  # nor is the end of a run
        if self.min_samples_leaf > 1:
            n_left = flat - np.take(run_start, owner) + 1
            n_right = np.take(length, owner) - n_left
            allowed &= (n_left >= self.min_samples_leaf) & (n_right >= self.min_samples_leaf)
        score[~allowed] = np.inf
        slack = TIE * self.criterion.weighted(np.take(sums, candidates, axis=1))
        best = _first_minimum_per_node(score, first, pair_node, slack)
        pair = owner[best]
        threshold = midpoints(x[best], x[best + 1])
        cut = best - first[pair] + 1  # samples to the left
        node = candidates[pair_node[pair]]
        self._remember_children(sums, node, left[:, best])
        return Splits(node, pair_feature[pair], threshold, cut)

    def _remember_children(self, sums: FloatArray, node: IntArray, left: FloatArray) -> None:
        """Keep the children's sums from the search's left sums, when those are exact and
        hold every statistic (class weights do; squared error's lack ``sum w y^2``)."""
        if self._exact and left.shape[0] == sums.shape[0]:
            self._children_sums = np.hstack([left, sums[:, node] - left])

    def partition(self, splits: Splits, last: bool = False) -> None:
        side = self._side_of_each_sample(splits)
        if last:  # no child will be searched: each block's first run is all that is needed
            samples, _ = self.members()
            self.order, self.n_rows = samples, 1
            self.starts = np.cumsum(self.counts) - self.counts
        # Block by block, run by run, the samples going left keep their order, and so do
        # those going right: the children's blocks, lefts first, every run still sorted.
        size = self.order.size
        sides = np.take(side, self.order, out=self._sides_buffer[:size])
        order = self._spare_buffer(size)
        going = np.equal(sides, 1, out=self._mask_buffer[:size])
        n_left = int(np.count_nonzero(going))
        np.compress(going, self.order, out=order[:n_left])
        going = np.equal(sides, 2, out=going)
        n_right = int(np.count_nonzero(going))
        np.compress(going, self.order, out=order[n_left : n_left + n_right])
        self.order = order[: n_left + n_right]
        runs = self.counts[splits.segment]
        self.counts = np.concatenate([splits.cut, runs - splits.cut]).astype(np.intp)
        self.starts = np.cumsum(self.counts * self.n_rows) - self.counts * self.n_rows

    def _side_of_each_sample(self, splits: Splits) -> npt.NDArray[np.int8]:
        """Each sample's side: 1 left, 2 right, 0 in a node that is now a leaf.

        A node's run of its split feature is sorted by that feature and its threshold lies
        between the run's values ``cut - 1`` and ``cut``: the first ``cut`` samples of the
        run are those with ``x <= threshold``, so no value needs to be read again.
        """
        side = np.zeros(self.statistics.shape[1], dtype=np.int8)
        runs = self.counts[splits.segment]
        first = np.cumsum(runs) - runs
        owner = np.repeat(np.arange(runs.size), runs)
        within = np.arange(owner.size) - np.take(first, owner)  # the place in the run
        run_start = self.starts[splits.segment] + splits.feature * runs
        sample = np.take(self.order, np.take(run_start, owner) + within)
        side[sample] = np.where(within < np.take(splits.cut, owner), 1, 2)
        return side

    def _spare_buffer(self, size: int) -> IntArray:
        """Of the two buffers, one that does not hold ``order`` now, with room for ``size``."""
        spare = 1 if np.may_share_memory(self.order, self._order_buffers[0]) else 0
        if self._order_buffers[spare].size < size:
            self._order_buffers[spare] = np.empty(size, dtype=self.order.dtype)
        return self._order_buffers[spare]

    def _first_runs(self, segments: IntArray) -> tuple[IntArray, IntArray]:
        """The samples of ``segments`` (from their first runs) and the index in
        ``segments`` of each."""
        runs = self.counts[segments]
        owner = np.repeat(np.arange(segments.size), runs)
        offset = np.take(self.starts[segments] - (np.cumsum(runs) - runs), owner)
        offset += np.arange(owner.size)
        return np.take(self.order, offset), owner

    def _search_root(self, candidates: IntArray, sums: FloatArray, draw: FeatureDraw) -> Splits:
        """The search of a level of one node, where every run is a whole row of the
        presorted rows: the same sums on (features, samples) arrays, without the
        bookkeeping of runs."""
        order = draw.order()
        visit = order[0]
        if not draw.searches_all:
            visit = visit[draw.chosen_as_visited(order, self._nonconstant(candidates))[0]]
        n = int(self.counts[0])
        rows = np.take(self.order.reshape(self.n_rows, n), visit, axis=0)  # visiting order
        if self.root_values is not None:
            x = np.take(self.root_values, visit, axis=0)
        else:
            x = np.take(self.columns, visit[:, None] * self.columns.shape[1] + rows)
        score_rows = self.criterion.score_rows
        left = np.cumsum(np.take(self.statistics[score_rows], rows, axis=1), axis=2)[..., :-1]
        right = sums[score_rows, 0][:, None, None] - left
        n_left = np.arange(1, n)
        leaf = self.min_samples_leaf
        allowed = (x[:, :-1] < x[:, 1:]) & ((n_left >= leaf) & (n - n_left >= leaf))
        score = self.criterion.split_score(left, right)
        score[~allowed] = np.inf
        flat = score.ravel()
        minimum = flat.min(initial=np.inf)
        if not np.isfinite(minimum):
            return Splits.none()
        slack = TIE * float(self.criterion.weighted(sums[:, :1])[0])
        position, cut = np.divmod(int(np.argmax(flat <= minimum + slack)), n - 1)
        threshold = midpoints(x[position, cut], x[position, cut + 1]).reshape(1)
        feature = visit[position : position + 1]
        self._remember_children(sums, candidates[:1], left[:, position, cut : cut + 1])
        return Splits(candidates[:1], feature, threshold, np.array([cut + 1]))

    def _nonconstant(self, candidates: IntArray) -> np.ndarray:
        """``(len(candidates), n_features)``: whether each feature varies in each node."""
        counts = self.counts[candidates][:, None]
        run = self.starts[candidates][:, None] + np.arange(self.n_rows) * counts  # (nodes, F)
        lowest = np.take(self.order, run)
        highest = np.take(self.order, run + counts - 1)
        base = np.arange(self.n_rows) * self.columns.shape[1]
        varies: np.ndarray = np.take(self.columns, base + lowest) < np.take(
            self.columns, base + highest
        )
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
    length = np.empty_like(region)  # of each region (np.diff's append= costs more here)
    np.subtract(region[1:], region[:-1], out=length[:-1])
    length[-1] = score.size - region[-1]
    hits = np.flatnonzero(score <= np.repeat(minimum + slack[pair_node[opens]], length))
    found = np.isfinite(minimum)
    result: IntArray = hits[np.searchsorted(hits, region[found])]
    return result

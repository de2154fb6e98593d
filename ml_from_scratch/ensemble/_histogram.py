"""The approximate split search of a whole level: binned features and histograms.

Each feature is cut once, before fitting, into at most ``max_bins`` bins at quantiles
of its values (:func:`bin_features`; every distinct value gets its own bin when there
are few enough, and the search is then exact).  A node's statistics per bin of every
feature are one ``np.bincount`` over its samples, keyed by ``(node, feature, bin)``; a
cumulative sum over the bins gives the left child of every cut ``bin <= b``, scored
with the criterion as in the exact search.  Its cost per level is O(n_level * features)
for the counts and O(nodes * features * bins) for the scores, with no sort: the method
of LightGBM (Ke et al., NeurIPS 2017) and scikit-learn's HistGradientBoosting.

A node's histogram is the sum of its children's, so only the smaller child of each
split is counted and the larger is the parent's histogram minus it (the subtraction
trick), which halves the counting below the root.  A split at bin ``b`` of feature
``f`` has the threshold ``edges[f, b]``: ``x <= edges[f, b]`` exactly when the sample's
bin is at most ``b``, so a fitted tree predicts from raw features.
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

__all__ = ["BinnedFeatures", "HistogramSplitter", "bin_features"]

# The most histogram cells (nodes * features * bins * statistics) held at once; a
# level with more nodes is searched in chunks of nodes.
CELLS_PER_CHUNK = 1 << 22


@dataclass(frozen=True)
class BinnedFeatures:
    """A training matrix cut into bins once, shared by every tree fitted on its rows.

    Attributes
    ----------
    codes : array of shape (n_samples, n_features)
        The bin of each value, ``0 .. n_bins - 1``.
    edges : array of shape (n_features, n_bins - 1)
        ``edges[f, b]``: the upper edge of bin ``b`` of feature ``f`` (``+inf`` past the
        feature's last bin).
    """

    codes: npt.NDArray[np.uint8]
    edges: FloatArray

    @functools.cached_property
    def feature_codes(self) -> npt.NDArray[np.uint8]:
        """``codes`` transposed: each feature's bins contiguous."""
        return np.ascontiguousarray(self.codes.T)

    @functools.cached_property
    def bin_counts(self) -> FloatArray:
        """How many samples fall in each bin of each feature: (features, bins)."""
        bins = self.n_bins
        counts = [np.bincount(row, minlength=bins) for row in self.feature_codes]
        return np.array(counts, dtype=np.float64)

    @property
    def n_bins(self) -> int:
        return int(self.edges.shape[1]) + 1

    @property
    def n_features(self) -> int:
        return int(self.edges.shape[0])

    def select(self, features: IntArray) -> BinnedFeatures:
        """The same, for a subset of the features."""
        if features.size == self.n_features and (features == np.arange(features.size)).all():
            return self
        return BinnedFeatures(self.codes[:, features], self.edges[features])


def bin_features(
    X: FloatArray, max_bins: int, rows: npt.NDArray[np.bool_] | None = None
) -> BinnedFeatures:
    """Cut each feature of ``X`` into at most ``max_bins`` bins (2 <= max_bins <= 256).

    The edges are the midpoints between consecutive distinct values when there are at
    most ``max_bins`` of them, else ``max_bins - 1`` evenly spaced quantiles; they are
    computed on the ``rows`` given (default: all).  O(n log n) per feature.
    """
    n_features = X.shape[1]
    edges = np.full((n_features, max_bins - 1), np.inf)
    codes = np.empty(X.shape, dtype=np.uint8)
    for f in range(n_features):
        column = X[:, f]
        fitted = column if rows is None else column[rows]
        distinct = np.unique(fitted)
        if distinct.size <= max_bins:
            cuts = midpoints(distinct[:-1], distinct[1:])
        else:
            quantiles = np.quantile(fitted, np.linspace(0, 1, max_bins + 1)[1:-1])
            cuts = np.unique(quantiles)
        edges[f, : cuts.size] = cuts
        codes[:, f] = np.searchsorted(cuts, column, side="left")
    return BinnedFeatures(codes, edges)


class HistogramSplitter:
    """The nodes of a level as sample sets with histograms (see the module docstring)."""

    def __init__(
        self,
        binned: BinnedFeatures,
        samples: IntArray,
        statistics: FloatArray,
        criterion: Criterion,
        min_samples_leaf: int,
    ) -> None:
        self.edges = binned.edges
        self.codes = binned.feature_codes
        self.bin_counts = binned.bin_counts
        self.n_features, self.n_bins = binned.n_features, binned.n_bins
        self.statistics = statistics
        self.counted = statistics[criterion.score_rows]  # the rows a histogram holds
        # With unit weights a node's count is its weight: no histogram of counts.
        self.unit_weights = bool(np.all(criterion.weight(np.take(statistics, samples, 1)) == 1))
        self.criterion = criterion
        self.min_samples_leaf = min_samples_leaf
        self.samples = samples  # the samples still in a node of the level
        self.node = np.zeros(samples.size, dtype=np.intp)  # the level node of each
        self.n_nodes = 1
        self.parents: FloatArray | None = None  # the histograms of the last level's splits
        self._kept: tuple[IntArray, FloatArray] | None = None  # the last search's

    def members(self) -> tuple[IntArray, IntArray]:
        return self.samples, self.node

    def level_sums(self) -> tuple[FloatArray, IntArray]:
        n_rows = self.statistics.shape[0]
        keys = (self.node + (np.arange(n_rows) * self.n_nodes)[:, None]).ravel()
        weights = np.take(self.statistics, self.samples, axis=1).ravel()
        sums = np.bincount(keys, weights=weights, minlength=n_rows * self.n_nodes)
        counts = np.bincount(self.node, minlength=self.n_nodes)
        return np.asarray(sums, dtype=np.float64).reshape(n_rows, self.n_nodes), counts

    def search(
        self,
        candidates: IntArray,
        sums: FloatArray,
        counts: IntArray,
        draw: FeatureDraw,
    ) -> Splits:
        per_node = self.n_features * self.n_bins * (self.counted.shape[0] + 1)
        if candidates.size * per_node <= CELLS_PER_CHUNK:  # kept for the children
            histograms = self._histograms(candidates)
            self._kept = (candidates, histograms)
            return self._best(candidates, histograms, sums, counts, draw)
        self._kept = None
        size = max(1, CELLS_PER_CHUNK // per_node)
        k = draw.max_features
        parts = [
            self._best(nodes, self._histograms(nodes), sums, counts, FeatureDraw(keys, k))
            for nodes, keys in zip(
                np.array_split(candidates, -(-candidates.size // size)),
                np.array_split(draw.keys, -(-candidates.size // size)),
                strict=True,
            )
        ]
        return Splits(*(np.concatenate(field) for field in zip(*parts, strict=True)))

    def partition(self, splits: Splits, last: bool = False) -> None:
        k = splits.segment.size
        slot = np.full(self.n_nodes, -1, dtype=np.intp)
        slot[splits.segment] = np.arange(k)
        split_slot = slot[self.node]
        keep = split_slot >= 0
        self.samples, split_slot = self.samples[keep], split_slot[keep]
        n_samples = self.codes.shape[1]
        bins = np.take(self.codes, splits.feature[split_slot] * n_samples + self.samples)
        self.node = np.where(bins <= splits.cut[split_slot], split_slot, split_slot + k)
        self.n_nodes = 2 * k
        if self._kept is None:
            self.parents = None
        else:
            candidates, histograms = self._kept
            self.parents = histograms[np.searchsorted(candidates, splits.segment)]

    def _best(
        self,
        nodes: IntArray,
        histograms: FloatArray,
        sums: FloatArray,
        counts: IntArray,
        draw: FeatureDraw,
    ) -> Splits:
        """The best cut of each node from its histograms (nodes, rows + 1, features, bins),
        the last row the sample counts."""
        counted = histograms[:, -1]
        chosen = None if draw.searches_all else draw.chosen((counted > 0).sum(axis=2) > 1)
        cumulative = np.cumsum(histograms[..., :-1], axis=3)  # cut after bin b: 0..b go left
        left, n_left = cumulative[:, :-1], cumulative[:, -1]
        right = sums[self.criterion.score_rows, nodes].T[:, :, None, None] - left
        n_right = counts[nodes][:, None, None] - n_left
        leaf = self.min_samples_leaf
        allowed = (n_left >= leaf - 0.5) & (n_right >= leaf - 0.5) & (counted[..., :-1] > 0.5)
        if chosen is not None:
            allowed &= chosen[:, :, None]
        score = self.criterion.split_score(np.moveaxis(left, 1, 0), np.moveaxis(right, 1, 0))
        score[~allowed] = np.inf
        order = draw.order()  # features in the order visited: ties go to the first
        ordered = np.take_along_axis(score, order[:, :, None], axis=1)
        flat = ordered.reshape(nodes.size, self.n_features * (self.n_bins - 1))
        minimum = flat.min(axis=1, initial=np.inf)
        slack = TIE * self.criterion.weighted(sums[:, nodes])
        best = np.argmax(flat <= (minimum + slack)[:, None], axis=1)  # first visited, bin
        found = np.flatnonzero(np.isfinite(minimum))
        position, cut = np.divmod(best[found], self.n_bins - 1)
        feature = order[found, position]
        return Splits(nodes[found], feature, self.edges[feature, cut], cut)

    def _histograms(self, nodes: IntArray) -> FloatArray:
        """The histograms of ``nodes``: shape (nodes, rows + 1, features, bins).

        Below the root, each node's or its sibling's, whichever has fewer samples, is
        counted; the other is the parent's minus it.
        """
        if self.parents is None:
            return self._count(nodes)
        k = self.n_nodes // 2  # node j < k is the left child of split j, j + k its right
        sizes = np.bincount(self.node, minlength=self.n_nodes)
        sibling = np.where(nodes < k, nodes + k, nodes - k)
        counted_node = np.where(sizes[nodes] <= sizes[sibling], nodes, sibling)
        to_count = np.unique(counted_node)
        result = self._count(to_count)[np.searchsorted(to_count, counted_node)]
        derived = counted_node != nodes
        result[derived] = self.parents[nodes[derived] % k] - result[derived]
        return result

    def _count(self, nodes: IntArray) -> FloatArray:
        """Histograms of ``nodes`` by ``np.bincount``, one per feature and row, and counts."""
        n_rows = self.counted.shape[0]
        out = np.empty((nodes.size, n_rows + 1, self.n_features, self.n_bins))
        position = np.full(self.n_nodes, -1, dtype=np.intp)
        position[nodes] = np.arange(nodes.size)
        at = position[self.node]
        everything = bool((at >= 0).all()) and self.samples.size == self.codes.shape[1]
        # With unit weights the weight row of squared error's histogram is the count of
        # each bin, which the binning has counted already for the root (one node holding
        # every sample), and for no other node.
        root = everything and nodes.size == 1
        known = root and self.unit_weights and not self.criterion.is_classification
        if everything:
            samples, codes = self.samples, self.codes  # every sample, in order: no gather
        else:
            rows = np.flatnonzero(at >= 0)
            samples, at = self.samples[rows], at[rows]
            codes = np.take(self.codes, samples, axis=1)
        offset = at * self.n_bins
        size = nodes.size * self.n_bins
        weights = np.take(self.counted, samples, axis=1)
        if known:
            out[0, 0] = self.bin_counts
        for f in range(self.n_features):
            keys = offset + codes[f]
            for r in range(1 if known else 0, n_rows):
                counts = np.bincount(keys, weights=weights[r], minlength=size)
                out[:, r, f] = counts.reshape(nodes.size, self.n_bins)
            if not self.unit_weights:
                out[:, -1, f] = np.bincount(keys, minlength=size).reshape(nodes.size, -1)
        if self.unit_weights:
            out[:, -1] = self.criterion.weight(np.moveaxis(out[:, :-1], 1, 0))
        return out

"""Growing a CART tree level by level: every node of a depth searched at once.

The textbook grows a tree by recursion, one node at a time (split the node on the best
feature and threshold, then recurse into both children).  The order in which nodes are
split does not change the tree, so :func:`grow_tree` splits all the nodes of one depth
together: one vectorised search over every (node, feature) pair of the level
(:mod:`._sorted` by sorted prefix sums, :mod:`._histogram` by binned histograms), then
one partition of the samples into the children.  A tree of depth ``D`` costs ``D``
rounds of numpy passes instead of one Python call per node.

A node becomes a leaf when it is pure, is at ``max_depth``, holds fewer than
``min_samples_split`` (or ``2 * min_samples_leaf``) samples, or has no threshold between
distinct values that leaves ``min_samples_leaf`` samples on each side.  Otherwise it is
split, even when the best split does not lower the impurity (as CART and scikit-learn
do: the split after it may), so an unrestricted tree fits any training set in which equal
inputs have equal targets.  ``max_features`` draws, at every node, that many features
uniformly among those not constant in the node (:class:`FeatureDraw`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from ml_from_scratch.ensemble._tree import FloatArray, IntArray, Tree
from ml_from_scratch.ensemble.criteria import Criterion

BoolArray = npt.NDArray[np.bool_]

# A node is pure when its impurity is below this, times the root's for squared error:
# a sum of weights carries rounding of about 1e-16 relative, far below it.
PURE = 1e-12
# Splits whose scores differ by less than this, relative to the node's weighted
# impurity, are ties (rounding depends on the order of summation; a real difference
# is far larger); a tie goes to the lowest feature, then the lowest threshold.
TIE = 1e-10


@dataclass(frozen=True)
class Limits:
    """When a node may split, and how many features each split may look at."""

    max_depth: int | None = None
    min_samples_split: int = 2
    min_samples_leaf: int = 1
    max_features: int | None = None


@dataclass(frozen=True)
class Splits:
    """The best split of each node of a level that has one: ``x[feature] <= threshold``.

    ``segment`` indexes the level's nodes (increasing); ``cut`` is the splitter's own
    record of the cut (the position of the threshold in its sorted run or its bins).
    """

    segment: IntArray
    feature: IntArray
    threshold: FloatArray
    cut: IntArray

    @staticmethod
    def none() -> Splits:
        empty = np.zeros(0, dtype=np.intp)
        return Splits(empty, empty, np.zeros(0), empty)


class Splitter(Protocol):
    """The samples of the current level's nodes, and the search for their splits."""

    def search(
        self,
        candidates: IntArray,
        sums: FloatArray,
        counts: IntArray,
        draw: FeatureDraw,
    ) -> Splits:
        """The best split of each candidate node, among the features ``draw`` chooses,
        ties going to the one it visits first."""
        ...

    def partition(self, splits: Splits, last: bool = False) -> None:
        """Replace the level's nodes by the children of ``splits``: lefts, then rights.

        ``last``: the children will not be searched (only their sums and members are).
        """
        ...

    def level_sums(self) -> tuple[FloatArray, IntArray]:
        """The statistics (one column per node) and sample counts of the level's nodes."""
        ...

    def members(self) -> tuple[IntArray, IntArray]:
        """The samples of the level's nodes and the index of the node of each."""
        ...


@dataclass(frozen=True)
class FeatureDraw:
    """One level's random draw of features: a random key per (candidate node, feature).

    The features of a node are visited in increasing order of their keys, as if
    shuffled: the first ``max_features`` that are not constant in the node are the ones
    searched, and among equally good splits the first visited wins.  This is
    scikit-learn's rule (its splitter draws features one at a time and skips constant
    ones), and it keeps ties from always favouring the first columns.
    """

    keys: FloatArray
    max_features: int

    @property
    def searches_all(self) -> bool:
        """Whether every feature is searched (no need to know which are constant)."""
        return bool(self.max_features >= self.keys.shape[1])

    def order(self) -> IntArray:
        """Each node's features, in the order they are visited: (nodes, features)."""
        result: IntArray = np.argsort(self.keys, axis=1)
        return result

    def chosen(self, nonconstant: BoolArray) -> BoolArray:
        """Which features each node searches, given which vary in it."""
        if self.searches_all:
            return np.ones_like(nonconstant)
        order = self.order()
        result = np.empty_like(nonconstant)
        np.put_along_axis(result, order, self.chosen_as_visited(order, nonconstant), axis=1)
        return result

    def chosen_as_visited(self, order: IntArray, nonconstant: BoolArray) -> BoolArray:
        """``chosen`` with the columns in visiting order (``order``, from :meth:`order`):
        the first ``max_features`` features visited that vary in the node."""
        varies = np.take_along_axis(nonconstant, order, axis=1)
        result: BoolArray = varies & (np.cumsum(varies, axis=1) <= self.max_features)
        return result


def grow_tree(
    splitter: Splitter,
    criterion: Criterion,
    limits: Limits,
    rng: np.random.Generator,
    n_features: int,
    leaf_of: IntArray | None = None,
) -> Tree:
    """Grow a tree level by level (see the module docstring).

    The splitter holds the samples and their statistics; a level's ``sums`` have one
    column per node.  Where ``leaf_of`` is given it receives each sample's leaf.
    """
    max_depth = np.inf if limits.max_depth is None else limits.max_depth
    need = max(limits.min_samples_split, 2 * limits.min_samples_leaf)
    max_features = limits.max_features or n_features
    sums, counts = splitter.level_sums()
    pure = PURE if criterion.is_classification else PURE * float(criterion.impurity(sums)[0])
    ids = np.arange(1, dtype=np.intp)
    levels: list[dict[str, npt.NDArray[Any]]] = []
    depth = 0
    while ids.size:
        impurity = criterion.impurity(sums)
        candidates = np.flatnonzero((counts >= need) & (impurity > pure) & (depth < max_depth))
        # A key for every node of the level, candidate or not, so that the draws depend
        # on the tree alone (a node of one repeated sample takes them like a single one).
        keys = rng.random((ids.size, n_features))
        if candidates.size:
            draw = FeatureDraw(keys[candidates], max_features)
            splits = splitter.search(candidates, sums, counts, draw)
        else:
            splits = Splits.none()
        k = splits.segment.size
        level = _level_arrays(sums, counts, impurity, criterion)
        children = ids[-1] + 1 + np.arange(2 * k, dtype=np.intp)
        level["feature"][splits.segment] = splits.feature
        level["threshold"][splits.segment] = splits.threshold
        level["left"][splits.segment] = children[:k]
        level["right"][splits.segment] = children[k:]
        levels.append(level)
        if leaf_of is not None:
            samples, segment = splitter.members()
            is_leaf = level["left"][segment] < 0
            leaf_of[samples[is_leaf]] = ids[segment[is_leaf]]
        depth += 1
        ids = children
        if k:
            splitter.partition(splits, last=depth >= max_depth)
            sums, counts = splitter.level_sums()
    return Tree(
        **{key: np.concatenate([level[key] for level in levels]) for key in levels[0]},
        depth=len(levels) - 1,
    )


def _level_arrays(
    sums: FloatArray,
    counts: IntArray,
    impurity: FloatArray,
    criterion: Criterion,
) -> dict[str, npt.NDArray[Any]]:
    """The arrays of a level's nodes, all leaves until their splits are filled in."""
    size = counts.size
    return {
        "feature": np.full(size, -1, dtype=np.intp),
        "threshold": np.full(size, -2.0),  # scikit-learn's mark of a leaf
        "left": np.full(size, -1, dtype=np.intp),
        "right": np.full(size, -1, dtype=np.intp),
        "value": criterion.value(sums),
        "impurity": np.maximum(impurity, 0.0),
        "n_samples": counts.astype(np.intp),
        "weighted_n_samples": criterion.weight(sums),
    }

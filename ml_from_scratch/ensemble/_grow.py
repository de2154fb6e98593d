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
uniformly among those not constant in the node.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
    """The best split of each node of a level that has one.

    ``segment`` indexes the level's nodes; ``left_sums`` (one column per split) and
    ``left_counts`` are the statistics and sample counts of the left children.
    """

    segment: IntArray
    feature: IntArray
    threshold: FloatArray
    left_sums: FloatArray
    left_counts: IntArray


class Splitter(Protocol):
    """The samples of the current level's nodes, and the search for their splits."""

    def search(
        self,
        candidates: IntArray,
        sums: FloatArray,
        counts: IntArray,
        choose: FeatureChooser,
    ) -> Splits:
        """The best split of each candidate node, among the features ``choose`` allows."""
        ...

    def partition(self, splits: Splits) -> None:
        """Replace the level's nodes by the children of ``splits``: lefts, then rights."""
        ...

    def members(self) -> tuple[IntArray, IntArray]:
        """The samples of the level's nodes and the index of the node of each."""
        ...


class FeatureChooser(Protocol):
    def __call__(self, nonconstant: BoolArray) -> BoolArray: ...


def random_features(max_features: int, rng: np.random.Generator) -> FeatureChooser:
    """Choose ``max_features`` of each node's non-constant features, uniformly at random."""

    def choose(nonconstant: BoolArray) -> BoolArray:
        if max_features >= nonconstant.shape[1]:
            return nonconstant
        keys = rng.random(nonconstant.shape)
        keys[~nonconstant] = 2.0  # never among the smallest while a usable one is left
        kth = np.partition(keys, max_features - 1, axis=1)[:, max_features - 1 : max_features]
        chosen: BoolArray = (keys <= kth) & nonconstant
        return chosen

    return choose


def grow_tree(
    splitter: Splitter,
    root_sums: FloatArray,
    n_samples: int,
    criterion: Criterion,
    limits: Limits,
    rng: np.random.Generator,
    n_features: int,
    leaf_of: IntArray | None = None,
) -> Tree:
    """Grow a tree level by level (see the module docstring).

    ``root_sums`` (shape ``(C,)``) are the statistics of all ``n_samples`` samples the
    splitter holds; a level's ``sums`` have one column per node.
    Where ``leaf_of`` is given it receives, for each of those samples, its leaf.
    """
    max_depth = np.inf if limits.max_depth is None else limits.max_depth
    need = max(limits.min_samples_split, 2 * limits.min_samples_leaf)
    choose = random_features(limits.max_features or n_features, rng)
    root_impurity = float(criterion.impurity(root_sums[:, None])[0])
    pure = PURE if criterion.is_classification else PURE * root_impurity
    sums, counts = root_sums[:, None], np.array([n_samples], dtype=np.intp)
    ids = np.arange(1, dtype=np.intp)
    levels: list[dict[str, npt.NDArray[np.generic]]] = []
    depth = 0
    while ids.size:
        impurity = criterion.impurity(sums)
        candidates = np.flatnonzero((counts >= need) & (impurity > pure) & (depth < max_depth))
        splits = splitter.search(candidates, sums, counts, choose)
        k = splits.segment.size
        level = _level_arrays(ids, sums, counts, impurity, criterion)
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
        right_sums = sums[:, splits.segment] - splits.left_sums
        sums = np.hstack([splits.left_sums, right_sums])
        counts = np.concatenate([splits.left_counts, counts[splits.segment] - splits.left_counts])
        splitter.partition(splits)
        ids = children
    return Tree(
        **{key: np.concatenate([level[key] for level in levels]) for key in levels[0]},
        depth=len(levels) - 1,
    )


def _level_arrays(
    ids: IntArray,
    sums: FloatArray,
    counts: IntArray,
    impurity: FloatArray,
    criterion: Criterion,
) -> dict[str, npt.NDArray[np.generic]]:
    """The arrays of a level's nodes, all leaves until their splits are filled in."""
    size = ids.size
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

"""Combination Sum I-IV: the combinations of positive integers that add up to a target.

* **I** (LeetCode 39): every multiset of ``candidates``, each reused any number of times.
* **II** (LeetCode 40): every multiset using each element at most once; equal elements
  in the input must not produce equal combinations.
* **III** (LeetCode 216): every set of ``k`` distinct digits 1..9 summing to ``n``.
* **IV** (LeetCode 377): the *number* of ordered sequences of ``nums`` summing to
  ``target``.

Two modules:

* :mod:`~algos.combination_sum.backtracking`, the references: sort, extend a
  combination in ascending order, stop the loop once a candidate exceeds what remains
  (and skip the copies of a value tried at the same position, for II); IV by counting.
* :mod:`~algos.combination_sum.bitset`, the variants :func:`combination_sum_bitset`
  and :func:`combination_sum2_bitset`: the same search, guided by a table of reachable
  sums so that it never enters a dead end (time proportional to the output).
"""

from algos.combination_sum.backtracking import (
    combination_sum,
    combination_sum2,
    combination_sum3,
    combination_sum4,
)
from algos.combination_sum.bitset import combination_sum2_bitset, combination_sum_bitset

__all__ = [
    "combination_sum",
    "combination_sum2",
    "combination_sum2_bitset",
    "combination_sum3",
    "combination_sum4",
    "combination_sum_bitset",
]

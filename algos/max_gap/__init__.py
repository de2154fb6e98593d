"""Maximum gap (LeetCode 164): the largest difference between neighbours in sorted order.

Given an unsorted sequence of numbers, return the largest difference between two
successive elements of its sorted form, in linear time.  Key idea (pigeonhole): ``n``
values spanning ``max - min`` have a largest gap of at least ``(max - min) / (n - 1)``,
so with buckets narrower than that no bucket holds both ends of the largest gap, and
only each bucket's minimum and maximum matter.  O(n) time, O(n) space.

One implementation per module:

* :func:`maximum_gap` (:mod:`~algos.max_gap.buckets`): the reference, the textbook
  bucket loop in pure Python; ints of any size stay exact.
* :func:`maximum_gap_pruned` (:mod:`~algos.max_gap.pruned`): the same buckets, only
  those beside the longest empty runs examined, every pass run in C: two to four
  times faster in CPython.
* :func:`maximum_gap_radix` (:mod:`~algos.max_gap.radix`): sorts with an LSD radix sort
  instead.
* :func:`maximum_gap_np` (:mod:`~algos.max_gap.vectorised`): the numpy version for
  integer and float arrays, where finding the long empty runs and picking out their
  neighbours' elements without a Python loop is most of the work.
"""

from algos.max_gap.buckets import maximum_gap
from algos.max_gap.pruned import maximum_gap_pruned
from algos.max_gap.radix import maximum_gap_radix
from algos.max_gap.vectorised import maximum_gap_np

__all__ = ["maximum_gap", "maximum_gap_np", "maximum_gap_pruned", "maximum_gap_radix"]

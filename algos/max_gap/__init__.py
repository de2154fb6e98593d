"""Maximum gap (LeetCode 164): the largest difference between neighbours in sorted order.

Given an unsorted sequence of numbers, return the largest difference between two
successive elements of its sorted form, in linear time.  Key idea (pigeonhole): ``n``
values spanning ``max - min`` have a largest gap of at least ``(max - min) / (n - 1)``,
so with buckets narrower than that no bucket holds both ends of the largest gap, and
only each bucket's minimum and maximum matter.  A further cut makes it fast: a gap that
straddles ``r`` empty buckets measures between ``r`` and ``r + 2`` bucket widths, so
once the longest empty run ``L`` is known, only the few runs of at least ``L - 2``
empty buckets can hold the answer, and only their two neighbouring buckets need their
elements looked at.  O(n) time, O(n) space.  Source: LeetCode 164 (medium).  The
integer buckets are exact, as in the doocs/leetcode 0164 solution: width
``max(1, (max - min) // (n - 1))`` and index ``(x - min) // width`` in integer arithmetic
(the pure-Python version rounds the width down to a power of two, so the index is a
shift).

Three implementations, one module each:

* :func:`maximum_gap` (:mod:`~algos.max_gap.buckets`): the pure-Python reference; ints
  of any size stay exact.
* :func:`maximum_gap_radix` (:mod:`~algos.max_gap.radix`): sorts with an LSD radix sort
  instead.
* :func:`maximum_gap_np` (:mod:`~algos.max_gap.vectorised`): the numpy version for
  integer and float arrays, where finding the long empty runs and picking out their
  neighbours' elements without a Python loop is most of the work.
"""

from algos.max_gap.buckets import maximum_gap
from algos.max_gap.radix import maximum_gap_radix
from algos.max_gap.vectorised import maximum_gap_np

__all__ = ["maximum_gap", "maximum_gap_np", "maximum_gap_radix"]

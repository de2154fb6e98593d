"""Sliding-window maximum and minimum (LeetCode 239), and the monotonic queue behind them.

Given ``n`` values and a window size ``k``, report the maximum (or minimum) of each of
the ``n - k + 1`` windows ``nums[i:i + k]``.  Recomputing every window costs O(nk); a
monotonic deque does it in O(n) whatever ``k``.

* :func:`max_sliding_window`, :func:`min_sliding_window` (:mod:`~algos.sliding_window.deque`):
  the reference, a deque of indices, for any ordered values.
* :class:`MonotonicQueue` (:mod:`~algos.sliding_window.monotonic_queue`): the same idea
  as a queue with ``push``, ``pop`` and ``max`` in O(1) amortised.
* :func:`sliding_window_max`, :func:`sliding_window_min`
  (:mod:`~algos.sliding_window.vectorised`): numpy arrays, by doubling or van Herk's
  blocks, tested against the reference.
"""

from algos.sliding_window.deque import max_sliding_window, min_sliding_window
from algos.sliding_window.monotonic_queue import MonotonicQueue
from algos.sliding_window.vectorised import sliding_window_max, sliding_window_min

__all__ = [
    "MonotonicQueue",
    "max_sliding_window",
    "min_sliding_window",
    "sliding_window_max",
    "sliding_window_min",
]

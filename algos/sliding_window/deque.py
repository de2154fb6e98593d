"""Sliding-window maximum and minimum by a monotonic deque: the reference.

Keep, in a deque, the indices of the values of the window that could still become its
maximum, their values non-increasing from front to back.  A new value evicts every
smaller value at the back (it outlives them and beats them, so they can never win
again), the front leaves when it slides out of the window, and the front is always the
window's maximum.  Each index enters and leaves once: O(n) time whatever ``k``, O(k)
extra memory, for any values ordered by ``<`` (ints, floats, strings, Fractions).

Promises beyond LeetCode's statement:

* Ties: the earliest of equal maxima, the very object ``max(window)`` returns (equal
  values stay in the deque, so the older one stays in front).
* NaN: a window that holds a NaN (a value with ``x != x``) yields the latest NaN of the
  window, as ``np.maximum`` would, instead of an answer that depends on where the NaN
  sits (as the builtin ``max`` gives).
* ``nums`` may be any iterable; it is never modified.  ``k`` may be a numpy integer.

Complexity: O(n) time, O(k) extra memory besides the result.

Source: LeetCode 239 "Sliding Window Maximum" (hard).

Status: tested against the brute force ``[max(nums[i:i + k]) ...]`` (made NaN-aware) on
hypothesis-drawn ints, floats with NaNs, Fractions and strings, and against
``numpy.lib.stride_tricks.sliding_window_view`` at n = 10^5.
"""

from __future__ import annotations

import operator
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from algos._checks import as_int, as_sequence, check_range, describe

__all__ = ["SupportsLessThan", "max_sliding_window", "min_sliding_window"]


class SupportsLessThan(Protocol):
    """A value with ``<``; numpy scalars qualify (their ``<`` returns ``numpy.bool``)."""

    def __lt__(self, other: Any, /) -> object: ...


T = TypeVar("T", bound=SupportsLessThan)


def max_sliding_window(nums: Iterable[T], k: int) -> list[T]:
    """The maximum of every window of ``k`` consecutive values.

    Parameters
    ----------
    nums : iterable of ordered values
        Ints, floats, strings, Fractions: anything ordered by ``<``.
    k : int
        The window size, ``1 <= k <= len(nums)``.

    Returns
    -------
    list
        ``n - k + 1`` values: element ``i`` is ``max(nums[i:i + k])``, the earliest of
        equal maxima, or the window's latest NaN if it holds one.

    Raises
    ------
    TypeError
        If ``nums`` is not iterable or holds values that cannot be compared, or ``k``
        is not an int.
    ValueError
        If ``k < 1`` or ``k > len(nums)``; an empty ``nums`` always raises.

    Complexity
    ----------
    O(n) time whatever ``k``; O(k) extra memory.

    Examples
    --------
    >>> max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [3, 3, 5, 5, 6, 7]
    >>> max_sliding_window(["pear", "fig", "apple", "kiwi"], 2)
    ['pear', 'fig', 'kiwi']
    >>> max_sliding_window([1.0, float("nan"), 2.0, 0.5], 2)
    [nan, nan, 2.0]
    """
    return _window_extremes(nums, k, operator.lt)


def min_sliding_window(nums: Iterable[T], k: int) -> list[T]:
    """The minimum of every window of ``k`` consecutive values.

    The mirror image of :func:`max_sliding_window`, with the same contract: element
    ``i`` is ``min(nums[i:i + k])`` (the earliest of equal minima), or the window's
    latest NaN if it holds one.

    Raises
    ------
    TypeError
        If ``nums`` is not iterable or holds values that cannot be compared, or ``k``
        is not an int.
    ValueError
        If ``k < 1`` or ``k > len(nums)``.

    Complexity
    ----------
    O(n) time whatever ``k``; O(k) extra memory.

    Examples
    --------
    >>> min_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [-1, -3, -3, -3, 3, 3]
    """
    return _window_extremes(nums, k, operator.gt)


def _window_extremes(nums: Iterable[T], k: int, beaten: Callable[[T, T], object]) -> list[T]:
    """The window extremes; ``beaten(old, new)`` says ``new`` evicts ``old`` for good."""
    values = as_sequence(nums, "nums")
    k = as_int(k, "k")
    check_range(k, "k", 1, len(values), "the length of nums")
    window: deque[int] = deque()  # indices; their values ordered best first, ties oldest first
    last_nan = -k  # index of the latest NaN: it poisons every window that holds it
    result: list[T] = []
    for i, x in enumerate(values):
        if x != x:
            last_nan = i
        else:
            try:
                while window and beaten(values[window[-1]], x):
                    window.pop()
            except TypeError:
                raise TypeError(
                    f"nums must hold values that compare with each other, but nums[{i}] = "
                    f"{describe(x)} does not compare with nums[{window[-1]}] = "
                    f"{describe(values[window[-1]])}"
                ) from None
            window.append(i)
        if window and window[0] <= i - k:  # at most one index leaves per step
            window.popleft()
        if i >= k - 1:
            result.append(values[last_nan] if last_nan > i - k else values[window[0]])
    return result

"""Maximum gap by pigeonhole buckets, in pure Python: the reference.

``n`` numbers spanning ``hi - lo`` have a largest gap of at least ``(hi - lo) / (n - 1)``,
their average gap.  Cut the span into buckets narrower than that: two numbers in the
same bucket are closer than the largest gap, so the largest gap runs from the highest
number of one bucket to the lowest of the next non-empty one, and only each bucket's
lowest and highest number need be kept.  One pass fills the buckets, one pass over the
buckets finds the gap: O(n) time and space.

Integers are bucketed exactly, as in LeetCode's editorial: width
``w = max(1, (hi - lo) // (n - 1))`` (at most the largest gap, which is at least the
ceiling of the average) and index ``(x - lo) // w`` in integer arithmetic, so ints of any
size stay exact.  Floats go through a position ``(x - lo) / (hi - lo) * B`` with
``B = n + n // 16 + 1`` buckets, a margin over the ``n - 1`` the argument needs that the
few ulps of rounding in the position cannot eat; the position only picks a bucket, and
the gap itself is a difference of two of the given floats.

Source: LeetCode 164 "Maximum Gap" (medium); the pigeonhole bound is from Gonzalez,
"Algorithms on sets and related problems" (1975), as presented in the LeetCode editorial.

Status: equal to ``max(b - a for a, b in pairwise(sorted(nums)))`` on hypothesis-drawn
ints (of any size, near ±2^63, with duplicates), floats (subnormal, a few ulps apart,
spans beyond the largest float) and mixes of both, and at LeetCode's limits, in
``tests/algos/test_max_gap.py``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TypeVar, cast

from algos._checks import as_real_list

__all__ = ["maximum_gap"]

Real = TypeVar("Real", int, float)


def maximum_gap(nums: Iterable[int] | Iterable[float]) -> int | float:
    """The largest difference between successive elements of ``sorted(nums)``, in O(n).

    Parameters
    ----------
    nums : iterable of int or of float
        The numbers, in any order.  Ints of any size stay exact (numpy integers are
        converted to them); floats must be finite.  A mix of ints and floats is
        treated as floats: every int is converted with ``float()`` first.

    Returns
    -------
    int or float
        ``max(b - a for a, b in pairwise(sorted(nums)))``: an int for int input, a
        float for float (or mixed) input.  Fewer than two numbers give ``0`` (``0.0``
        for a single float).  A float gap is a float subtraction, so a gap wider than
        the largest float (``[-1e308, 1e308]``) is ``inf``, as in the expression above.

    Raises
    ------
    TypeError
        If ``nums`` is not iterable, or holds a bool or something neither an int nor a
        float.
    ValueError
        If a float is NaN or infinite, or, in a mix, an int is too large for a float.

    Complexity
    ----------
    O(n) time and O(n) space: at most ``2n`` buckets, one pass over the numbers and
    one over the buckets.

    Examples
    --------
    >>> maximum_gap([3, 6, 9, 1])
    3
    >>> maximum_gap([10])
    0
    >>> maximum_gap([-2**63, 2**63 - 1, 0])
    9223372036854775808
    >>> maximum_gap([0.5, 2.0, 1.0])
    1.0
    >>> maximum_gap(iter([1, 2.5]))
    1.5
    """
    values = as_real_list(nums, "nums")  # all ints, or all floats
    if not values or isinstance(values[0], int):
        return _gap_ints(cast(list[int], values))
    return _gap_floats(cast(list[float], values))


def _gap_ints(values: list[int]) -> int:
    """Buckets in exact integer arithmetic.

    The largest gap is at least ``ceil((hi - lo) / (n - 1)) >= w``, and two values in
    one bucket of width ``w`` differ by at most ``w - 1``.
    """
    if len(values) < 2:
        return 0
    lo, hi = min(values), max(values)
    width = max(1, (hi - lo) // (len(values) - 1))
    ids = [(x - lo) // width for x in values]
    return _largest_gap_between_buckets(values, ids, (hi - lo) // width + 1)


def _gap_floats(values: list[float]) -> float:
    """Buckets from a rounded position.

    The position ``(x - lo) / (hi - lo) * B`` grows with ``x`` and is off by a few
    ulps of ``B``, far less than the margin of ``B`` over ``n - 1`` buckets.  Dividing
    by the span first keeps the position finite and out of the subnormals; when
    ``hi - lo`` overflows, halving every value (exact for all but subnormals, and still
    monotone) brings the span back into range.
    """
    lo, hi = min(values), max(values)
    if lo == hi:  # also a single value
        return 0.0
    buckets = len(values) + len(values) // 16 + 1
    shrink = 0.5 if math.isinf(hi - lo) else 1.0
    low, span = lo * shrink, hi * shrink - lo * shrink
    ids = [int((x * shrink - low) / span * buckets) for x in values]
    return _largest_gap_between_buckets(values, ids, buckets + 1)


def _largest_gap_between_buckets(values: list[Real], ids: list[int], buckets: int) -> Real:
    """The largest difference from one non-empty bucket's highest value to the next's lowest."""
    lowest: list[Real | None] = [None] * buckets
    highest: list[Real | None] = [None] * buckets
    for b, x in zip(ids, values, strict=True):
        low, high = lowest[b], highest[b]
        if low is None or high is None:
            lowest[b] = highest[b] = x
        elif x < low:
            lowest[b] = x
        elif x > high:
            highest[b] = x
    gap = values[0] - values[0]  # 0 or 0.0
    previous = None  # the highest value of the last non-empty bucket so far
    for low, high in zip(lowest, highest, strict=True):
        if low is None or high is None:
            continue
        if previous is not None and low - previous > gap:
            gap = low - previous
        previous = high
    return gap

"""Maximum gap by pigeonhole buckets in pure Python, pruned and run in C: a fast variant.

The reference (:mod:`algos.max_gap.buckets`) keeps the lowest and highest number of
every bucket with a Python loop over the numbers.  This variant gives the same answers
two to four times faster, with two changes:

* Pruning.  A gap that straddles ``r`` empty buckets measures between ``r`` and
  ``r + 2`` bucket widths, so once the longest run of empty buckets ``L`` is known
  (found by searching the occupancy bytes for ``bytes(L)``), only the few runs of at
  least ``L - 2`` empty buckets can hold the answer, and only the numbers in the two
  buckets beside each of them need a look.  When no run stands out (evenly spread
  numbers), every bucket is compared, as in the reference.
* Passes run in C.  Bucket ids come from ``map`` over ``operator`` functions (the
  width of the integer buckets is a power of two, so an id is a shift), the occupancy
  from a ``bytearray`` filled by consuming a ``map`` of ``__setitem__`` (the
  ``consume`` recipe of :mod:`itertools`), the candidates' numbers from ``compress``.
  A Python loop touches only the numbers of the candidate buckets.

Same contract as :func:`~algos.max_gap.maximum_gap`: ints exact whatever their size,
finite floats, mixes treated as floats.

Status: equal to the reference and to ``max(b - a for a, b in pairwise(sorted(nums)))``
on the hypothesis-drawn ints, floats and mixes of ``tests/algos/test_max_gap.py``, and
on every spread that takes each path (pruned, dense, evenly spaced, clusters).
"""

from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, islice, repeat
from operator import mul, ne, rshift, sub, truediv
from typing import Any, TypeAlias, cast

from algos._checks import as_real_list

__all__ = ["maximum_gap_pruned"]

_Number: TypeAlias = int | float

_FLOAT_MIN = sys.float_info.min  # the smallest normal float: a smaller scale loses bits


def maximum_gap_pruned(nums: Iterable[int] | Iterable[float]) -> int | float:
    """:func:`~algos.max_gap.maximum_gap`, two to four times faster in CPython.

    Same parameters, result and errors.

    Complexity
    ----------
    O(n) time and O(n) space: a constant number of passes run in C, plus a Python loop
    over only the numbers of the few buckets next to the longest empty runs (over all
    of them when no run stands out, as for evenly spaced numbers).

    Examples
    --------
    >>> maximum_gap_pruned([3, 6, 9, 1])
    3
    >>> maximum_gap_pruned([-2**63, 2**63 - 1, 0])
    9223372036854775808
    >>> maximum_gap_pruned([0.5, 2.0, 1.0])
    1.0
    """
    values = as_real_list(nums, "nums")
    if len(values) < 2:
        return 0.0 if values and isinstance(values[0], float) else 0
    if isinstance(values[0], int):
        return _gap_ints(cast(list[int], values))
    return _gap_floats(cast(list[float], values))


def _consume(iterator: Iterator[Any]) -> None:
    """Run an iterator to its end at C speed, keeping nothing (the itertools recipe)."""
    deque(iterator, maxlen=0)


def _gap_ints(nums: Sequence[int]) -> int:
    n = len(nums)
    lo, hi = min(nums), max(nums)
    span = hi - lo
    if span == 0:
        return 0
    # Buckets of width 2**k <= ceil(span / (n - 1)) <= the answer, aligned at multiples
    # of 2**k: two values sharing a bucket differ by less than the answer.
    k = max((span // (n - 1)).bit_length() - 1, 0)
    if k:
        base = lo >> k
        ids = list(map(sub, map(rshift, nums, repeat(k)), repeat(base)))
        top = (hi >> k) - base
    else:
        ids = list(map(sub, nums, repeat(lo)))
        top = span
    occupied = _occupancy(ids, top)
    longest = _longest_zero_run(occupied)
    if k == 0:
        return longest + 1  # each bucket is one value: the gap is the run length plus one
    # A gap over r empty buckets is in [r*W + 1, (r + 2)*W - 1] with W = 2**k >= 2, so
    # a run shorter than longest - 1 loses to the longest one.
    gap: int = _finish(nums, ids, occupied, longest - 1)
    return gap


def _gap_floats(values: Sequence[float]) -> float:
    n = len(values)
    lo, hi = min(values), max(values)
    if lo == hi:
        return 0.0
    buckets = n + (n >> 4) + 1
    bucket_of = _float_bucketer(lo, hi, buckets)
    ids = list(map(int, bucket_of(values)))
    top = int(next(iter(bucket_of([hi]))))
    occupied = _occupancy(ids, top)
    # Rounding moves a bucket edge by far less than a bucket, so a gap over r empty
    # buckets lies strictly within (r - 1/2, r + 5/2) widths: runs shorter than
    # longest - 2 lose to the longest one.
    return float(_finish(values, ids, occupied, _longest_zero_run(occupied) - 2))


def _float_bucketer(lo: float, hi: float, buckets: int) -> Callable[[Iterable[float]], Any]:
    """Map floats to scaled positions in [0, buckets], monotone, as a lazy C-level ``map``.

    The position of ``x`` is ``(x - lo) * buckets / (hi - lo)`` with a relative error of
    a few ulps; ``int()`` of it is the bucket index.  Halving first keeps ``hi - lo``
    finite; dividing by the span first avoids a scale that overflows or is subnormal.
    """
    span = hi - lo
    halve = math.isinf(span)
    if halve:
        lo *= 0.5
        span = hi * 0.5 - lo
    scale = buckets / span
    direct = math.isfinite(scale) and scale >= _FLOAT_MIN

    def positions(xs: Iterable[float]) -> Any:
        shifted = map(sub, map(mul, xs, repeat(0.5)) if halve else xs, repeat(lo))
        if direct:
            return map(mul, shifted, repeat(scale))
        return map(mul, map(truediv, shifted, repeat(span)), repeat(float(buckets)))

    return positions


def _occupancy(ids: list[int], top: int) -> bytearray:
    occupied = bytearray(top + 1)
    _consume(map(occupied.__setitem__, ids, repeat(1)))
    return occupied


def _longest_zero_run(occupied: bytearray) -> int:
    """Length of the longest run of zero bytes, by doubling then bisecting ``find``."""
    if 0 not in occupied:
        return 0
    low, high = 1, 2
    while bytes(high) in occupied:
        low, high = high, 2 * high
    while high - low > 1:
        mid = (low + high) // 2
        if bytes(mid) in occupied:
            low = mid
        else:
            high = mid
    return low


def _zero_runs(occupied: bytearray, min_length: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each maximal zero run of at least ``min_length`` (>= 1) bytes.

    ``end`` is the index of the set byte that closes the run; the last byte is set.
    """
    needle = bytes(min_length)
    runs = []
    start = occupied.find(needle)
    while start >= 0:
        end = occupied.find(1, start + min_length)
        runs.append((start, end))
        start = occupied.find(needle, end)
    return runs


def _finish(values: Sequence[_Number], ids: list[int], occupied: bytearray, min_run: int) -> Any:
    """The largest gap between neighbouring occupied buckets, given the bucket ids.

    Only pairs of buckets around a run of ``min_run`` or more empty buckets are
    candidates.  When there are many such runs (or ``min_run < 1``), every pair of
    neighbouring occupied buckets is compared instead.
    """
    # count() of a needle counts each long-enough run at least once: a cheap upper bound.
    if min_run >= 1 and occupied.count(bytes(min_run)) <= len(occupied) >> 6:
        pairs = [(start - 1, end) for start, end in _zero_runs(occupied, min_run)]
        wanted = {i for pair in pairs for i in pair}
        low: dict[int, _Number] = {}
        high: dict[int, _Number] = {}
        for b, x in compress(zip(ids, values, strict=True), map(wanted.__contains__, ids)):
            m = low.get(b)
            if m is None:
                low[b] = high[b] = x
            elif x < m:
                low[b] = x
            elif x > high[b]:
                high[b] = x
        return max(low[j] - high[i] for i, j in pairs)
    # Every bucket: one element of each by a C-level scatter (the last write wins), then
    # a Python loop over only the elements that differ from their bucket's stand-in.
    stand_in: list[Any] = [None] * len(occupied)
    _consume(map(stand_in.__setitem__, ids, values))
    lows, highs = stand_in[:], stand_in[:]
    others = compress(
        zip(ids, values, strict=True), map(ne, values, map(stand_in.__getitem__, ids))
    )
    for b, x in others:
        if x < lows[b]:
            lows[b] = x
        elif x > highs[b]:
            highs[b] = x
    order = list(compress(range(len(occupied)), occupied))
    return max(
        map(sub, map(lows.__getitem__, islice(order, 1, None)), map(highs.__getitem__, order))
    )

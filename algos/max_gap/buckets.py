"""Maximum gap by pigeonhole buckets, in pure Python: the reference.

Ints stay exact whatever their size: the bucket width is a power of two, so a bucket
index is a shift.  Floats go through a scaled position whose rounding is accounted for.
Every pass over the n elements runs in C (``map``, ``compress``, ``bytearray.find``);
a Python loop touches only the elements of the buckets next to the longest empty runs.
See :mod:`algos.max_gap` for the idea.
"""

from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from operator import mul, ne, rshift, sub, truediv
from typing import Any, TypeAlias, cast

__all__ = ["maximum_gap"]

_Number: TypeAlias = int | float

FLOAT_MIN = sys.float_info.min  # smallest normal float: a smaller scale loses precision


def maximum_gap(nums: Sequence[int] | Sequence[float]) -> int | float:
    """The largest difference between successive elements of ``sorted(nums)``, in O(n).

    Parameters
    ----------
    nums : sequence of int or sequence of float
        The numbers, in any order.  Ints of any size stay exact.  Floats must be
        finite.  A mix of ints and floats is allowed and treated as floats: every int
        is converted with ``float()`` first, so the result is a float, as for
        ``[float(x) for x in nums]``.

    Returns
    -------
    int or float
        ``max(b - a for a, b in pairwise(sorted(nums)))``: an int for int input, a
        float for float (or mixed) input.  Fewer than two elements give ``0`` (``0.0``
        for a single float).  Float differences are float subtractions, so a gap wider
        than the largest float (``[-1e308, 1e308]``) is ``inf``, as in the oracle.

    Raises
    ------
    TypeError
        If an element is a bool or not an int or float (numpy integer scalars included:
        use :func:`maximum_gap_np` for arrays).
    ValueError
        If a float is NaN or infinite, or, in mixed input, an int is too large for a
        float.

    Complexity
    ----------
    O(n) time and O(n) space: a constant number of passes, each run in C by
    ``map``/``compress``, plus a Python loop over only the elements of the few buckets
    next to the longest empty runs (over all elements when no run stands out, as for
    evenly spaced data).

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
    >>> maximum_gap([1, 2.5])
    1.5
    """
    kind = _element_kind(nums, "nums")
    if kind is int:
        return _gap_ints(cast(Sequence[int], nums)) if len(nums) > 1 else 0
    values: Sequence[float] = nums if kind is float else _to_floats(nums, "nums")
    _check_finite(values, "nums")
    return _gap_floats(values) if len(values) > 1 else 0.0


# ------------------------------------------------------------------ pure-Python helpers


def _element_kind(nums: Sequence[Any], name: str) -> type[int] | type[float] | None:
    """``int`` if all elements are ints, ``float`` if all floats, ``None`` if mixed."""
    types = set(map(type, nums))
    if types <= {int}:
        return int
    if types <= {float}:
        return float
    ints = floats = False
    for tp in types:
        if issubclass(tp, bool) or not issubclass(tp, (int, float)):
            index, bad = next((i, x) for i, x in enumerate(nums) if type(x) is tp)
            hint = "; use maximum_gap_np for numpy arrays" if tp.__module__ == "numpy" else ""
            raise TypeError(
                f"{name} must hold ints or floats, not bools or other types; got {bad!r} "
                f"of type {tp.__name__} at index {index}{hint}"
            )
        if issubclass(tp, int):
            ints = True
        else:
            floats = True
    return None if ints and floats else int if ints else float


def _to_floats(nums: Sequence[int | float], name: str) -> list[float]:
    try:
        return list(map(float, nums))
    except OverflowError:
        index, bad = next(
            (i, x) for i, x in enumerate(nums) if isinstance(x, int) and abs(x) > sys.float_info.max
        )
        raise ValueError(
            f"{name} mixes ints and floats, so it is treated as floats, but holds an int "
            f"too large for a float ({bad.bit_length()} bits) at index {index}"
        ) from None


def _check_finite(values: Sequence[float], name: str) -> None:
    if not all(map(math.isfinite, values)):
        index, bad = next((i, x) for i, x in enumerate(values) if not math.isfinite(x))
        raise ValueError(f"{name} must hold finite numbers, got {bad!r} at index {index}")


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
    direct = math.isfinite(scale) and scale >= FLOAT_MIN

    def positions(xs: Iterable[float]) -> Any:
        shifted = map(sub, map(mul, xs, repeat(0.5)) if halve else xs, repeat(lo))
        if direct:
            return map(mul, shifted, repeat(scale))
        return map(mul, map(truediv, shifted, repeat(span)), repeat(float(buckets)))

    return positions


def _occupancy(ids: list[int], top: int) -> bytearray:
    occupied = bytearray(top + 1)
    deque(map(occupied.__setitem__, ids, repeat(1)), maxlen=0)
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
    deque(map(stand_in.__setitem__, ids, values), maxlen=0)
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

"""Maximum gap by pigeonhole buckets, vectorised with numpy, for int and float arrays: a variant.

The buckets of :mod:`algos.max_gap.buckets`, and the pruning of
:mod:`algos.max_gap.pruned`, in whole-array passes.  Integer bucket ids come from an
exact unsigned subtraction and floor division (``max - min`` of int64 values may not
fit in int64); float bucket ids from a subtraction, a multiplication and a rounding
done as a float addition of 2^52, so that the float path costs about what the integer
path does (a float-to-int conversion is a scalar loop before AVX-512).  An occupancy array
marks the filled buckets; its long empty runs are found by scanning aligned all-zero
blocks, so the few candidate buckets' elements are picked out with a single gather.
When no empty run stands out (evenly spread data), every bucket's minimum and maximum
is computed instead.

Status: equal to ``np.diff(np.sort(a)).max()`` (in Python ints for integer dtypes) on
hypothesis-drawn arrays of every integer and float dtype, int64 extremes included,
and on 3·10^5-element random arrays and every spread that takes each path, in
``tests/algos/test_max_gap.py``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from algos._checks import as_real_array, check_finite_array

__all__ = ["maximum_gap_np"]

_IntArray: TypeAlias = NDArray[np.intp]

_FLOAT_MIN = sys.float_info.min  # the smallest normal float: a smaller scale loses bits
_ROUNDER = 2.0**52  # x + 2^52 for 0 <= x < 2^51: the nearest integer, in the low bits
_ROUNDER_BITS = np.float64(_ROUNDER).view(np.int64)
_CHUNK = 1 << 15  # elements per chunk of the float passes: 256 KiB, in cache
_BLOCK = 64  # the occupancy is whole blocks of this many bytes
_SMALL_SELECTION = 4096  # sort a candidate selection up to this size, else ufunc.at
_TABLE_BITS = 17  # the candidate lookup table has at most 2**17 entries


def maximum_gap_np(a: ArrayLike) -> int | float:
    """The largest difference between successive elements of ``np.sort(a)``, vectorised, O(n).

    Parameters
    ----------
    a : array_like, one-dimensional
        Integers (any numpy integer dtype, upcast to 64 bits) or floats (float16,
        float32 or float64, computed in float64).  A list mixing ints and floats
        becomes a float64 array, as ``np.asarray`` makes it.

    Returns
    -------
    int or float
        A Python int for integer input, exact however wide the range (``[-2**63,
        2**63 - 1]`` gives ``2**64 - 1``); a Python float for float input, equal to
        ``float(np.diff(np.sort(a.astype(np.float64))).max())`` (``inf`` when a gap
        exceeds the largest float).  Fewer than two elements give ``0`` for integer
        dtypes and ``0.0`` for float dtypes (an empty list is float64).

    Raises
    ------
    TypeError
        If ``a`` is boolean, or not of an integer or float dtype (object, complex,
        strings, long double), or is a list or tuple holding a bool or Python ints
        that fit no 64-bit integer dtype.
    ValueError
        If ``a`` is not one-dimensional, or holds NaN or an infinity.

    Complexity
    ----------
    O(n) time and O(n) space: about ten vectorised passes (min, max, bucket ids, an
    occupancy scatter, the empty-run search over the occupancy, one gather to pick out
    the candidate buckets' elements).  When no empty run stands out (evenly spread
    data), every bucket's minimum and maximum is needed: a scatter leaves one element
    per bucket and ``np.minimum.at``/``np.maximum.at`` fold in the others: still O(n),
    but slower than ``np.sort`` (see ``benchmarks/algos/bench_max_gap.py``).

    Examples
    --------
    >>> maximum_gap_np([3, 6, 9, 1])
    3
    >>> maximum_gap_np(np.array([-2**63, 2**63 - 1]))
    18446744073709551615
    >>> maximum_gap_np(np.array([0.25, 1.0, 0.5]))
    0.5
    >>> maximum_gap_np(np.array([7.0]))
    0.0
    """
    arr = as_real_array(a, "a")
    if arr.dtype.kind == "f":
        return _gap_floats_np(arr.astype(np.float64, copy=False))
    return _gap_ints_np(arr)


def _gap_floats_np(arr: NDArray[np.float64]) -> float:
    n = arr.size
    if n == 0:
        return 0.0
    lo, hi = float(arr.min()), float(arr.max())
    check_finite_array(arr, "a", lo, hi)
    if lo == hi:  # also n == 1, and -0.0 with 0.0
        return 0.0
    buckets = n + (n >> 4) + 1
    ids = _float_bucket_ids_np(arr, lo, hi, buckets)
    occupied = _occupancy_np(ids, buckets + 1)
    occupied[buckets + 1 :] = True

    def bucket_ids(subset: NDArray[np.float64]) -> _IntArray:
        return _float_bucket_ids_np(subset, lo, hi, buckets)

    # Rounding moves a bucket edge by far less than a bucket, so a gap over r empty
    # buckets lies strictly within (r - 1/2, r + 5/2) widths: runs shorter than
    # longest - 2 lose to the longest one.
    return float(_finish_np(arr, ids, occupied, buckets, 2, bucket_ids))


def _float_bucket_ids_np(arr: NDArray[np.float64], lo: float, hi: float, buckets: int) -> _IntArray:
    """The bucket of each value: ``(x - lo) * buckets / (hi - lo)`` rounded, in [0, buckets].

    The position is rounded to the nearest integer by adding 2^52 and reading the low
    bits of the sum, float additions and an integer subtraction, where a float-to-int
    conversion would be a scalar loop on CPUs without AVX-512 (it took a third of the
    time).  Rounding instead of truncating shifts every bucket by half: the same
    pigeonhole argument holds.  The passes run chunk by chunk, in cache.  When the span
    overflows, every value is halved first; when ``buckets / span`` would be subnormal,
    the position is ``(x - lo) / span * buckets`` instead.
    """
    shrink = 0.5 if math.isinf(hi - lo) else 1.0
    low, span = lo * shrink, hi * shrink - lo * shrink
    scale = buckets / span
    divide = not (math.isfinite(scale) and scale >= _FLOAT_MIN)
    positions = np.empty(arr.size, dtype=np.float64)
    for start in range(0, arr.size, _CHUNK):
        chunk = positions[start : start + _CHUNK]
        if shrink != 1.0:
            np.multiply(arr[start : start + _CHUNK], shrink, out=chunk)
            np.subtract(chunk, low, out=chunk)
        else:
            np.subtract(arr[start : start + _CHUNK], low, out=chunk)
        if divide:
            np.divide(chunk, span, out=chunk)
            np.multiply(chunk, float(buckets), out=chunk)
        else:
            np.multiply(chunk, scale, out=chunk)
        np.add(chunk, _ROUNDER, out=chunk)
        bits = chunk.view(np.int64)
        np.subtract(bits, _ROUNDER_BITS, out=bits)
    return positions.view(np.intp)


def _gap_ints_np(arr: NDArray[Any]) -> int:
    n = arr.size
    if n < 2:
        return 0
    values = arr.astype(np.uint64 if arr.dtype.kind == "u" else np.int64, copy=False)
    lo, hi = int(values.min()), int(values.max())
    span = hi - lo
    if span == 0:
        return 0
    # Buckets of width w <= ceil(span / (n - 1)) <= the answer, about n of them.
    width = max(span // (n - 1), 1)
    ids = _int_bucket_ids_np(values, lo, width)
    top = span // width
    occupied = _occupancy_np(ids, top + 1)
    occupied[top + 1 :] = True
    if width == 1:
        return _longest_run_np(occupied, slack=0)[0] + 1

    def bucket_ids(subset: NDArray[Any]) -> _IntArray:
        return _int_bucket_ids_np(subset, lo, width)

    # A gap over r empty buckets is in [r*w + 1, (r + 2)*w - 1], w >= 2.
    return int(_finish_np(values, ids, occupied, top, 1, bucket_ids))


def _int_bucket_ids_np(values: NDArray[Any], lo: int, width: int) -> _IntArray:
    """``(values - lo) // width`` for int64 or uint64 values, exact, as intp."""
    # x - lo in uint64 arithmetic is exact even when it overflows int64: it wraps
    # modulo 2**64 and the true difference lies in [0, 2**64).
    offsets = np.subtract(values.view(np.uint64), np.uint64(lo % 2**64))
    if width > 1:
        np.floor_divide(offsets, np.uint64(width), out=offsets)
    return offsets.view(np.intp)


def _occupancy_np(ids: _IntArray, size: int) -> NDArray[np.bool_]:
    """``occupied[b]`` for the ``size`` buckets, then set bytes up to a whole block."""
    occupied = np.zeros(-(-size // _BLOCK) * _BLOCK, dtype=np.bool_)
    occupied[ids] = True
    return occupied


def _longest_run_np(
    occupied: NDArray[np.bool_], slack: int
) -> tuple[int, _IntArray, _IntArray, _IntArray | None]:
    """The longest zero run ``L`` and ``(starts, ends)`` of all runs of ``L - slack`` or more.

    ``occupied`` (from :func:`_occupancy_np`) starts and ends with a set byte and is whole
    blocks long.  ``ends`` index the set bytes that close the runs.  With
    ``L - slack < 1`` the returned arrays are empty.  The last item is
    ``np.flatnonzero(occupied)`` where that was computed, else ``None``.

    Fast path: a run of ``2*k - 1`` or more zeros holds an aligned all-zero block of
    ``k`` bytes, so scanning blocks finds every such run.  Blocks of 64 bytes first when
    there is much empty space (few, long runs), then words of 4 bytes.
    """
    words = occupied.view(np.uint32)
    empty_words = np.flatnonzero(words == 0)
    levels = [(4, empty_words)] if empty_words.size else []
    if empty_words.size > words.size // 16:
        blocks = occupied.view(np.uint64).reshape(-1, _BLOCK // 8)
        levels.insert(0, (_BLOCK, np.flatnonzero(~blocks.any(axis=1))))
    for size, empty in levels:
        if empty.size == 0:
            continue
        starts, ends = _runs_of_empty_blocks(occupied, size, empty)
        lengths = ends - starts
        longest = int(lengths.max())
        if longest - slack >= 2 * size - 1:  # every run that can matter holds an empty block
            long_enough = lengths >= longest - slack
            return longest, starts[long_enough], ends[long_enough], None
    filled = np.flatnonzero(occupied)
    steps = np.diff(filled)
    longest = int(steps.max()) - 1
    keep = np.flatnonzero(steps > max(longest - slack, 1))
    return longest, filled[keep] + 1, filled[keep + 1], filled


def _runs_of_empty_blocks(
    occupied: NDArray[np.bool_], size: int, empty: _IntArray
) -> tuple[_IntArray, _IntArray]:
    """``(starts, ends)`` of each zero run that holds one of the all-zero ``empty`` blocks.

    ``empty`` lists, ascending, the indices of the all-zero blocks of ``size`` bytes.
    """
    rows = occupied.reshape(-1, size)
    cut = np.flatnonzero(np.diff(empty) != 1)
    first = empty[np.concatenate(([0], cut + 1))]  # first and last empty block of each run
    last = empty[np.concatenate((cut, [empty.size - 1]))]
    # The blocks just outside a run are not empty: find their set byte nearest the run.
    starts = first * size - np.argmax(rows[first - 1, ::-1], axis=1)
    ends = (last + 1) * size + np.argmax(rows[last + 1], axis=1)
    return starts, ends


def _finish_np(
    values: NDArray[Any],
    ids: _IntArray,
    occupied: NDArray[np.bool_],
    top: int,
    slack: int,
    bucket_ids: Callable[[NDArray[Any]], _IntArray],
) -> Any:
    """The largest gap between neighbouring occupied buckets (numpy scalar or Python int).

    ``top`` is the last bucket (beyond it ``occupied`` is padding).  ``bucket_ids``
    recomputes the ids of a subset of ``values``; ``ids`` may be overwritten.
    """
    longest, starts, ends, filled = _longest_run_np(occupied, slack)
    if longest - slack >= 1 and 2 * starts.size < occupied.size // 8:
        left, right = starts - 1, ends
        # Pick out the candidate buckets' elements with a lookup in a table small
        # enough for the cache: one entry per block of 2**shift buckets.  The ids
        # are shifted in place, then recomputed for the few elements picked.
        shift = (occupied.size >> _TABLE_BITS).bit_length()
        wanted = np.zeros((occupied.size >> shift) + 1, dtype=np.bool_)
        wanted[left >> shift] = True
        wanted[right >> shift] = True
        np.right_shift(ids, shift, out=ids)
        # take(mode='clip') skips the bounds checks of wanted[ids]; ids are in range anyway
        picked = np.flatnonzero(np.take(wanted, ids, mode="clip"))
        member_values = values[picked]  # a superset: whole blocks; the extra buckets do no harm
        member_ids = bucket_ids(member_values)
        if member_values.size <= _SMALL_SELECTION:
            return _pair_gaps_small(member_values, member_ids, left, right)
    else:
        if filled is None:
            filled = np.flatnonzero(occupied)
        filled = filled[: filled.size - (occupied.size - top - 1)]  # drop the padding
        left, right = filled[:-1], filled[1:]
        member_ids, member_values = ids, values
    low, high = _bucket_extremes(member_values, member_ids, occupied.size)
    return _largest(low[right], high[left])


def _pair_gaps_small(
    values: NDArray[Any], ids: _IntArray, left: _IntArray, right: _IntArray
) -> Any:
    order = np.lexsort((values, ids))
    values, ids = values[order], ids[order]
    first = np.searchsorted(ids, right, side="left")  # minimum of each right bucket
    last = np.searchsorted(ids, left, side="right") - 1  # maximum of each left bucket
    return _largest(values[first], values[last])


def _bucket_extremes(
    values: NDArray[Any], ids: _IntArray, size: int
) -> tuple[NDArray[Any], NDArray[Any]]:
    """Per-bucket minima and maxima (meaningful at occupied buckets only).

    A scatter leaves one element of each bucket as its stand-in; only the elements
    that differ from their stand-in go through the slower ``ufunc.at``.
    """
    stand_in = np.empty(size, dtype=values.dtype)
    stand_in[ids] = values  # some element of each occupied bucket
    others = np.flatnonzero(values != np.take(stand_in, ids, mode="clip"))
    low, high = stand_in, stand_in.copy()
    if others.size:
        np.minimum.at(low, ids[others], values[others])
        np.maximum.at(high, ids[others], values[others])
    return low, high


def _largest(upper: NDArray[Any], lower: NDArray[Any]) -> Any:
    """``max(upper - lower)``: in float64 for floats, exactly for integers."""
    if upper.dtype.kind == "f":
        with np.errstate(over="ignore"):  # a gap beyond the largest float is inf, as in float
            return (upper - lower).max()
    # upper >= lower, so the uint64 difference is exact even where int64 would overflow
    return int((upper.view(np.uint64) - lower.view(np.uint64)).max())

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

:func:`maximum_gap` is the pure-Python reference (ints of any size stay exact);
:func:`maximum_gap_radix` sorts with an LSD radix sort instead; :func:`maximum_gap_np`
is the numpy version for integer and float arrays.
"""

from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, compress, islice, repeat
from operator import and_, mul, ne, rshift, sub, truediv
from typing import Any, TypeAlias, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from algos.practice import exercise

__all__ = ["maximum_gap", "maximum_gap_np", "maximum_gap_radix"]

_Number: TypeAlias = int | float
_IntArray: TypeAlias = NDArray[np.intp]

_FLOAT_MIN = sys.float_info.min  # smallest normal float
_BLOCK = 64  # the numpy occupancy is whole blocks of this many bytes
_SMALL_SELECTION = 4096  # sort a candidate selection up to this size, else ufunc.at
_TABLE_BITS = 17  # the candidate lookup table has at most 2**17 entries


@exercise(topic="bucketing", difficulty="medium", complexity="O(n)", source="LeetCode 164")
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


@exercise(topic="bucketing", difficulty="medium", complexity="O(n·⌈w/16⌉)", source="LeetCode 164")
def maximum_gap_radix(nums: Sequence[int]) -> int:
    """The largest difference between successive elements of ``sorted(nums)``, by radix sort.

    Offsets every element by the minimum, sorts the offsets with a stable LSD radix
    sort, ``b`` bits a digit, and takes the largest difference of neighbours.

    Parameters
    ----------
    nums : sequence of int
        The numbers, negative and of any size allowed.

    Returns
    -------
    int
        The largest gap; ``0`` for fewer than two elements.

    Raises
    ------
    TypeError
        If an element is not an int, or is a bool.

    Complexity
    ----------
    O((n + 2^b)·⌈w/b⌉) time and O(n + 2^b) space, where ``w`` is the bit length of
    ``max - min`` and the digit width is ``b = min(16, n.bit_length())`` (so ``2^b <=
    2n``): O(n·⌈w/16⌉) for n >= 2^16, four passes for 64-bit ranges.

    Examples
    --------
    >>> maximum_gap_radix([3, 6, 9, 1])
    3
    >>> maximum_gap_radix([-5, 2**70, 7])
    1180591620717411303417
    """
    _require_ints(nums, "nums")
    n = len(nums)
    if n < 2:
        return 0
    lo = min(nums)
    span: int = max(nums) - lo
    if span == 0:
        return 0
    keys: list[int] = list(map(sub, nums, repeat(lo)))
    bits = min(16, n.bit_length())
    mask = (1 << bits) - 1
    buckets: list[list[int]] = [[] for _ in range(mask + 1)]
    for shift in range(0, span.bit_length(), bits):
        digits = map(and_, map(rshift, keys, repeat(shift)), repeat(mask))
        # Stable distribution, run in C: buckets[digit].append(key) for each key in order.
        deque(map(list.append, map(buckets.__getitem__, digits), keys), maxlen=0)
        keys = list(chain.from_iterable(buckets))
        deque(map(list.clear, buckets), maxlen=0)  # the same buckets serve every pass
    gap: int = max(map(sub, islice(keys, 1, None), keys))
    return gap


@exercise(topic="bucketing", difficulty="medium", complexity="O(n)", source="LeetCode 164")
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
        strings, long double), or is a list or tuple holding a bool.
    ValueError
        If ``a`` is not one-dimensional, or holds NaN or an infinity.

    Complexity
    ----------
    O(n) time and O(n) space: about ten vectorised passes (min, max, bucket ids, an
    occupancy scatter, the empty-run search over the occupancy, one gather to pick out
    the candidate buckets' elements).  When no empty run stands out (evenly spread
    data), every bucket's minimum and maximum is needed: a scatter leaves one element
    per bucket and ``np.minimum.at``/``np.maximum.at`` fold in the others: still O(n),
    but slower than ``np.sort`` (about 3x at n = 10^7 on a 2-core AVX2 machine).

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
    arr = _as_numeric_array(a, "a")
    if arr.dtype.kind == "f":
        return _gap_floats_np(arr.astype(np.float64, copy=False))
    return _gap_ints_np(arr)


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


def _require_ints(nums: Sequence[Any], name: str) -> None:
    for tp in set(map(type, nums)):
        if issubclass(tp, bool) or not issubclass(tp, int):
            index, bad = next((i, x) for i, x in enumerate(nums) if type(x) is tp)
            hint = "; maximum_gap handles floats" if issubclass(tp, float) else ""
            raise TypeError(
                f"{name} must hold ints (not bools), got {bad!r} of type {tp.__name__} "
                f"at index {index}{hint}"
            )


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
    direct = math.isfinite(scale) and scale >= _FLOAT_MIN

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


# ------------------------------------------------------------------------ numpy helpers


def _as_numeric_array(a: ArrayLike, name: str) -> NDArray[Any]:
    types = set(map(type, a)) if isinstance(a, list | tuple) else set()
    if bool in types or np.bool_ in types:
        index = next(i for i, x in enumerate(a) if isinstance(x, bool | np.bool_))  # type: ignore[arg-type]
        raise TypeError(f"{name} must hold integers or floats, got a bool at index {index}")
    try:
        arr = np.asarray(a)
    except ValueError as err:
        raise ValueError(f"{name} must be a one-dimensional array: {err}") from None
    if types and arr.dtype.kind not in "iu" and all(issubclass(tp, int) for tp in types):
        raise TypeError(
            f"{name} holds Python ints that fit no numpy integer dtype (numpy made it "
            f"{arr.dtype}); use maximum_gap for ints beyond 64 bits"
        )
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    kind = arr.dtype.kind
    if kind not in "iuf" or (kind == "f" and arr.dtype.itemsize > 8):
        hint = "; use maximum_gap for Python ints beyond 64 bits" if kind == "O" else ""
        raise TypeError(
            f"{name} must have an integer or float dtype (float64 at most), "
            f"got dtype {arr.dtype}{hint}"
        )
    return arr


def _gap_floats_np(arr: NDArray[np.float64]) -> float:
    n = arr.size
    if n == 0:
        return 0.0
    lo, hi = float(arr.min()), float(arr.max())  # NaN propagates through min and max
    if not (math.isfinite(lo) and math.isfinite(hi)):
        index = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise ValueError(f"a must hold finite numbers, got {float(arr[index])!r} at index {index}")
    if lo == hi:  # also n == 1
        return 0.0
    buckets = n + (n >> 4) + 1
    ids = _float_bucket_ids_np(arr, lo, hi, buckets)
    occupied = _occupancy_np(ids, buckets + 1)
    top = buckets if occupied[buckets] else buckets - 1  # where hi lands; see _float_bucketer
    occupied[top + 1 :] = True

    def bucket_ids(subset: NDArray[np.float64]) -> _IntArray:
        return _float_bucket_ids_np(subset, lo, hi, buckets)

    return float(_finish_np(arr, ids, occupied, top, 2, bucket_ids))


def _float_bucket_ids_np(arr: NDArray[np.float64], lo: float, hi: float, buckets: int) -> _IntArray:
    """Bucket ids in [0, buckets], the same arithmetic as :func:`_float_bucketer`."""
    ids = np.empty(arr.size, dtype=np.intp)
    work = ids.view(np.float64)  # the shifted values live in the ids' own memory
    span = hi - lo
    if math.isinf(span):
        lo *= 0.5
        span = hi * 0.5 - lo
        np.multiply(arr, 0.5, out=work)
        np.subtract(work, lo, out=work)
    else:
        np.subtract(arr, lo, out=work)
    scale = buckets / span
    if not (math.isfinite(scale) and scale >= _FLOAT_MIN):
        np.divide(work, span, out=work)
        scale = float(buckets)
    np.multiply(work, scale, out=ids, casting="unsafe")  # truncates: values are >= 0
    return ids


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

"""Sliding-window maximum and minimum of numpy arrays, vectorised: variants of the deque.

* **Doubling**: ``M_2w[i] = max(M_w[i], M_w[i + w])`` turns the maxima of windows of
  width ``w`` into those of width ``2w`` in one ``np.maximum`` over two shifted views,
  and two overlapping windows of width ``p = 2**floor(log2 k)`` cover a window of width
  ``k``: ``max(M_p[i], M_p[i + k - p])``.  That is ``ceil(log2 k)`` vectorised passes,
  O(n log k) work, run chunk by chunk so that the work buffers stay in cache.
* **van Herk / Gil-Werman**: with blocks of ``k`` values, every window is a suffix of one
  block followed by a prefix of the next, so two running maxima
  (``np.maximum.accumulate``) and one ``np.maximum`` give every window: O(n).

Both give the same answer (only comparisons, no arithmetic: exact for every dtype); the
faster one is picked from the dtype and ``k`` by :data:`VAN_HERK_MIN_K`, a crossover
table measured by ``benchmarks/algos/bench_sliding_window.py`` (its crossover benchmark
re-measures it on the machine at hand).  NaN policy as ``np.maximum``: a window holding
a NaN gives NaN.

Complexity: O(n log k) time (O(n) on the van Herk path), O(n - k + 1) memory for the
result plus work buffers of O(k) values.

Source: LeetCode 239; M. van Herk, "A fast algorithm for local minimum and maximum
filters on rectangular and octagonal kernels" (1992); J. Gil and M. Werman, "Computing
2-D min, median, and max filters" (1993).

Status: equal to the deque reference on hypothesis-drawn arrays of every bool, integer
and float dtype (NaNs included), both schemes forced, and to
``sliding_window_view(a, k).max(axis=1)`` at n = 10^5.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from algos._checks import as_int, check_range

__all__ = ["VAN_HERK_MIN_K", "sliding_window_max", "sliding_window_min"]

_CHUNK_BYTES = 1 << 18
"""Target size of one chunk of the vectorised passes.

Two work buffers of 256 KiB stay in a core's L2 cache, and being that small rather than
as long as the input they cost few page faults: two fresh 8 MB temporaries took longer to
fault in than the whole computation at n = 10^6, k = 3.
"""

VAN_HERK_MIN_K: dict[tuple[str, int], int] = {
    ("i", 8): 1 << 9,
    ("u", 8): 1 << 9,
    ("f", 2): 1 << 4,
    ("f", 8): 1 << 16,
}
"""The smallest ``k`` for which the O(n) van Herk scheme beats doubling, per
``(dtype.kind, dtype.itemsize)``; other dtypes always use doubling.

``np.maximum.accumulate`` is a serial loop: about 0.8 ns per value for 64-bit integers
but 3-7 ns for most other dtypes, while a doubling pass is a SIMD loop of 0.05-0.4 ns per
value (narrow dtypes are cheapest).  Doubling costs ``ceil(log2 k)`` passes, van Herk two
running maxima and one pass, hence these crossovers (measured with numpy 2.4 on an AVX2
AMD EPYC, n = 10^6; see ``benchmarks/algos/bench_sliding_window.py``).  float16
has no SIMD ``np.maximum``, so van Herk wins it early.  Both schemes give the same
answer, so the table only affects speed.
"""


def sliding_window_max(a: ArrayLike, k: int) -> NDArray[Any]:
    """The maximum of every window of ``k`` consecutive values of a 1-D array, vectorised.

    Parameters
    ----------
    a : array_like, 1-D
        Values of a bool, integer or floating dtype.  Not modified.
    k : int
        The window size, ``1 <= k <= len(a)``.

    Returns
    -------
    numpy.ndarray
        A new array of ``n - k + 1`` values with the dtype of ``a``: element ``i`` is the
        maximum of ``a[i:i + k]``, NaN if that window holds a NaN (as ``np.maximum``).
        Exact for every dtype: only comparisons, no arithmetic.

    Raises
    ------
    TypeError
        If ``k`` is not an int, or ``a`` is not of a bool, integer or floating dtype
        (object arrays: use :func:`max_sliding_window`), or is a masked array.
    ValueError
        If ``a`` is not 1-D, or ``k < 1`` or ``k > len(a)``; an empty ``a`` always
        raises.

    Complexity
    ----------
    O(n log k) time: ``ceil(log2 k)`` vectorised passes of doubling.  For the dtypes
    whose ``np.maximum.accumulate`` is fast, the O(n) van Herk/Gil-Werman scheme is used
    once ``k`` is large enough for it to be faster.  O(n - k + 1) memory for the result,
    plus two work buffers of about ``max(256 KiB, 9k values)`` each.

    Examples
    --------
    >>> sliding_window_max([1, 3, -1, -3, 5, 3, 6, 7], 3)
    array([3, 3, 5, 5, 6, 7])
    >>> sliding_window_max(np.array([0.5, np.nan, 2.0, 1.0], dtype=np.float32), 2)
    array([nan, nan,  2.], dtype=float32)
    """
    return _sliding_extreme(a, k, np.maximum)


def sliding_window_min(a: ArrayLike, k: int) -> NDArray[Any]:
    """The minimum of every window of ``k`` consecutive values of a 1-D array, vectorised.

    The mirror image of :func:`sliding_window_max` (``np.minimum`` for ``np.maximum``),
    with the same contract, errors and complexity: a new array of ``n - k + 1`` values of
    the dtype of ``a``, NaN for a window that holds a NaN.

    Examples
    --------
    >>> sliding_window_min([1, 3, -1, -3, 5, 3, 6, 7], 3)
    array([-1, -3, -3, -3,  3,  3])
    >>> sliding_window_min(np.array([True, False, True, True]), 2)
    array([False, False,  True])
    """
    return _sliding_extreme(a, k, np.minimum)


# ----------------------------------------------------------------------------- helpers


def _sliding_extreme(a: ArrayLike, k: int, ufunc: np.ufunc) -> NDArray[Any]:
    """Validate the input of the vectorised versions and pick the faster scheme."""
    if isinstance(a, np.ma.MaskedArray):
        raise TypeError("a must not be a masked array (its mask would be ignored); fill it")
    arr = np.asarray(a)
    if arr.ndim != 1:
        raise ValueError(f"a must be 1-D, got an array of shape {arr.shape}")
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"a must have a bool, integer or floating dtype, got {arr.dtype}; "
            "for other ordered values use the deque version"
        )
    k = as_int(k, "k")
    check_range(k, "k", 1, arr.shape[0], "the length of a")
    out = np.empty(arr.shape[0] - k + 1, dtype=arr.dtype)
    if k == 1:
        np.copyto(out, arr)
    elif k == arr.shape[0]:  # one window: a plain reduction, no log k passes
        out[0] = ufunc.reduce(arr)
    elif k >= VAN_HERK_MIN_K.get((arr.dtype.kind, arr.dtype.itemsize), k + 1):
        _van_herk(arr, k, ufunc, out)
    else:
        _doubling(arr, k, ufunc, out)
    return out


def _doubling(arr: NDArray[Any], k: int, ufunc: np.ufunc, out: NDArray[Any]) -> None:
    """Fill ``out`` with the window extremes of ``arr`` by doubling; ``2 <= k``."""
    m = out.shape[0]
    p = 1 << (k.bit_length() - 1)  # the largest power of two <= k
    # Outputs per chunk: a cache-sized chunk, but at least 8k so that recomputing the
    # k - 1 values shared by neighbouring chunks costs at most 1/8 more.
    step = min(m, max(_CHUNK_BYTES // arr.itemsize, 8 * k))
    # Two buffers taken in turns: a pass that wrote onto the array it reads from at an
    # offset would make numpy copy the overlapping operand first.
    intermediates = (p.bit_length() - 1) - (k == p)
    buffers = [np.empty(step + k - 2, dtype=arr.dtype) for _ in range(min(intermediates, 2))]
    for start in range(0, m, step):
        stop = min(start + step, m)
        count = stop - start
        src = arr[start : stop + k - 1]
        length = src.shape[0]
        width, turn = 1, 0
        while width < p:
            # src[i] is the extreme of a window of `width`; combine i and i + width.
            length -= width
            if 2 * width == k:
                dst = out[start:stop]  # k is a power of two: the last pass is the answer
            else:
                dst = buffers[turn][:length]
                turn ^= 1
            ufunc(src[:length], src[width : width + length], out=dst)
            src, width = dst, 2 * width
        if p != k:
            # Windows of width p starting at i and at i + k - p cover [i, i + k).
            ufunc(src[:count], src[k - p : k - p + count], out=out[start:stop])


def _van_herk(arr: NDArray[Any], k: int, ufunc: np.ufunc, out: NDArray[Any]) -> None:
    """Fill ``out`` with the window extremes of ``arr`` by van Herk/Gil-Werman; ``2 <= k``.

    Cut ``arr`` into blocks of ``k``.  The window starting at ``i`` is the suffix of
    ``i``'s block from ``i`` on, then the prefix of the next block up to ``i + k - 1``
    (empty when ``i`` starts a block), so its extreme is that of a running extreme
    from the right (suffix) and one from the left (prefix).
    """
    m = out.shape[0]
    step = max(1, _CHUNK_BYTES // (arr.itemsize * k)) * k  # whole blocks per chunk
    suffix_buffer = np.empty(step, dtype=arr.dtype)
    prefix_buffer = np.empty(step, dtype=arr.dtype)
    for start in range(0, m, step):
        stop = min(start + step, m)
        count = stop - start
        # The blocks holding the window starts are whole: the last start is n - k.
        blocks = -(-count // k)
        whole = blocks * k
        suffixes = suffix_buffer[:whole]
        ufunc.accumulate(
            arr[start : start + whole][::-1].reshape(blocks, k),
            axis=1,
            out=suffixes[::-1].reshape(blocks, k),
        )
        # Running extremes from the left of the next blocks, which hold the other window
        # ends, start + k .. stop + k - 2; the last block may be cut short.
        ends = count - 1
        prefixes = prefix_buffer[:ends]
        full = ends - ends % k
        ufunc.accumulate(
            arr[start + k : start + k + full].reshape(-1, k),
            axis=1,
            out=prefixes[:full].reshape(-1, k),
        )
        if full < ends:
            ufunc.accumulate(arr[start + k + full : start + k + ends], out=prefixes[full:])
        # The window at a block start is that whole block; the others end in the next.
        out[start] = suffixes[0]
        ufunc(suffixes[1:count], prefixes, out=out[start + 1 : stop])

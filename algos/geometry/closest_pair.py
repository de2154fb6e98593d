"""Closest pair of points: the two points of a set at the smallest Euclidean distance.

Given ``n >= 2`` points, find a pair at the minimum distance (0 when a point repeats).
Brute force compares all ``n (n - 1) / 2`` pairs.

Key idea: sort by ``x``.  A pair can only beat the best squared distance ``d^2`` found so
far if its ``x``-gap is below ``d``, so a sweep compares each point with the next ones in
``x``-order only while ``(x_b - x_a)^2 < d^2`` (the ``x``-window of the plane sweep of
Hinrichs, Nievergelt and Schorn, without their ``y``-ordered active set).  On spread-out
data the window holds O(1) points and the sweep is linear, but points stacked in a thin
vertical band fill it.  The sweep therefore counts its comparisons, and past a linear
budget it hands the problem, with the best pair found so far, to Shamos and Hoey's divide
and conquer, which is O(n log n) on every input: solve both halves of the ``x``-order,
then check the pairs that straddle the dividing line, whose points lie in a strip of
width ``2d`` and, sorted by ``y``, need at most 7 comparisons each (each side's points
are pairwise at least ``d`` apart, so a ``d x 2d`` box holds at most 8 of them).  The
budget keeps this introsort-like hybrid O(n log n) in the worst case while the common
case runs as the plain sweep.

:func:`closest_pair_np` runs the same sweep offset by offset with numpy: round ``k``
compares every point with the ``k``-th next one in ``x``-order at once, and drops a point
for good once its ``k``-th ``x``-gap reaches ``d`` (later gaps are no smaller).

Squared distances are compared exactly on ints and Fractions (there is no tolerance to
apply: a predicate here is a comparison of two distances, never a test against zero);
only the returned distance is a float square root.  Float squared distances must not
underflow or overflow: coordinates whose differences lie below about ``1e-154`` or
above about ``1e154`` are outside the float contract.

Complexity: O(n log n) time (the sort; the sweep is O(n) within its budget, the
fallback O(n log n)), O(n) memory.

Source: M. I. Shamos and D. Hoey, "Closest-point problems", FOCS 1975; K. Hinrichs,
J. Nievergelt and P. Schorn, "Plane-sweep solves the closest pair problem elegantly",
Information Processing Letters 26 (1988).

Status: stress-tested against an O(n^2) brute force (exact squared distances) on random
instances of 2 to 30 points on a 9 x 9 integer grid (duplicates and collinear points are
frequent), with Fractions and big ints, and on dense two-column bands of 100 to 160
points that overflow the sweep's budget and run the divide and conquer; against brute
force on hypothesis-drawn float sets; against ``scipy.spatial.cKDTree`` on 10^4 float
points (square, disk, clusters).  :func:`closest_pair_np` passes the same tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from algos._checks import as_point_array
from algos.geometry.primitives import PointLike, Scalar, as_points

_WORK_PER_POINT = 32
"""Comparisons per point the sweep may spend before it falls back to divide and conquer.

Uniform, Gaussian, clustered and disk inputs need about 3 per point; a band 1000 times
taller than wide about 60.
"""

_INT64_SPAN = 2**31 - 1
"""Largest coordinate span for which ``dx*dx + dy*dy`` cannot overflow ``int64``."""

_Pair = tuple[Scalar, int, int]
_Key = tuple[Scalar, int]


def closest_pair(points: Iterable[PointLike] | np.ndarray[Any, Any]) -> tuple[float, int, int]:
    """The distance of a closest pair of points and the pair's indices ``i < j``.

    Parameters
    ----------
    points : iterable of PointLike, or ndarray of shape (n, 2)
        At least two points.  Ints and Fractions are compared exactly; a numpy array of
        ints or floats takes a fast path (vectorised validation, then Python lists).

    Returns
    -------
    (distance, i, j) : (float, int, int)
        ``distance`` is the smallest distance between two of the points (0.0 when a
        point repeats); ``i < j`` index into ``points`` a pair at that distance.  When
        several pairs tie, which one is returned is unspecified.

    Raises
    ------
    ValueError
        If fewer than two points are given, a point does not have two coordinates, or a
        coordinate is NaN or infinite.
    TypeError
        If ``points`` is not a collection of points or a coordinate is not a real number.

    Complexity
    ----------
    O(n log n) time, O(n) memory.

    Examples
    --------
    >>> closest_pair([(0, 0), (5, 5), (1, 1), (9, 0)])
    (1.4142135623730951, 0, 2)
    >>> closest_pair([(0, 0), (5, 5), (0, 0)])
    (0.0, 0, 2)
    >>> closest_pair(np.array([[0.0, 0.0], [3.0, 4.0]]))
    (5.0, 0, 1)
    """
    order, xs, ys = _sorted_by_x(points)
    _, a, b = _sweep(xs, ys)
    i, j = sorted((order[a], order[b]))
    return math.hypot(xs[a] - xs[b], ys[a] - ys[b]), i, j


def closest_pair_np(points: Any) -> tuple[float, int, int]:
    """:func:`closest_pair` with the sweep vectorised over offsets in ``x``-order.

    Round ``k`` compares every remaining point ``i`` (in ``x``-order) with point
    ``i + k`` in one numpy expression and keeps ``i`` only while ``(x[i+k] - x[i])^2``
    is below the best squared distance, so the rounds stop when no remaining pair can
    be closer.  Integer arrays are computed exactly in ``int64`` (after a shift to
    non-negative coordinates, when their span allows; otherwise on Python ints); input
    that is not a numeric array goes to :func:`closest_pair`.

    Parameters
    ----------
    points : array_like of shape (n, 2)
        At least two points.

    Returns
    -------
    (distance, i, j) : (float, int, int)
        As :func:`closest_pair`.

    Raises
    ------
    ValueError, TypeError
        As :func:`closest_pair`.

    Complexity
    ----------
    O(n log n) time: O(n) numpy work per round within a budget of ``32 n`` comparisons,
    then the divide and conquer of :func:`closest_pair` on what is left.

    Examples
    --------
    >>> closest_pair_np(np.array([[0, 0], [5, 5], [1, 1], [9, 0]]))
    (1.4142135623730951, 0, 2)
    """
    array = _numeric_array(points)
    if array is None:  # Fractions, objects or bad input: exact Python, which names any fault
        return closest_pair(points)
    arr = as_point_array(array, "points", keep_ints=True)
    _require_two(len(arr))
    if arr.dtype.kind == "f":
        coords = arr
    else:
        low = arr.min(axis=0)
        if max(int(h) - int(lo) for h, lo in zip(arr.max(axis=0), low, strict=True)) > _INT64_SPAN:
            return closest_pair(arr)  # int64 squares could overflow: Python ints are exact
        coords = (arr - low).astype(np.int64)
    order = np.argsort(coords[:, 0], kind="stable")
    x, y = coords[order, 0], coords[order, 1]
    a, b = _offset_sweep(x, y)
    i, j = sorted((int(order[a]), int(order[b])))
    (xi, yi), (xj, yj) = arr[i].tolist(), arr[j].tolist()
    return math.hypot(xi - xj, yi - yj), i, j


# ---------------------------------------------------------------- private helpers


def _sorted_by_x(points: object) -> tuple[list[int], list[Scalar], list[Scalar]]:
    """Validate ``points`` (the one conversion); the order by ``x`` and the coordinates in it."""
    valid = as_points(points, "points")
    _require_two(len(valid))
    unsorted_xs = [p.x for p in valid]
    by_x = sorted(range(len(valid)), key=unsorted_xs.__getitem__)
    return by_x, [valid[k].x for k in by_x], [valid[k].y for k in by_x]


def _numeric_array(points: object) -> np.ndarray[Any, Any] | None:
    """``points`` as an int or float numpy array; None for another kind, or a sequence
    that is no ``(n, 2)`` array (ragged, empty, a number), left to :func:`closest_pair`."""
    if isinstance(points, np.ndarray):
        return points if points.dtype.kind in "iuf" else None
    try:
        array = np.asarray(points)
    except (TypeError, ValueError):
        return None
    return array if array.dtype.kind in "iuf" and array.shape[1:] == (2,) else None


def _require_two(n: int) -> None:
    if n < 2:
        raise ValueError(f"points must hold at least 2 points, got {n}")


def _sweep(xs: list[Scalar], ys: list[Scalar]) -> _Pair:
    """Closest pair of points sorted by ``x``: (squared distance, a, b), positions a < b."""
    n = len(xs)
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    best, best_a, best_b = dx * dx + dy * dy, 0, 1
    budget, work = _WORK_PER_POINT * n, 0
    b = 1
    for a in range(n - 1):
        if not best:
            break  # a repeated point: nothing is closer
        x, y = xs[a], ys[a]
        for b in range(a + 1, n):
            dx = xs[b] - x
            dx2 = dx * dx
            if dx2 >= best:
                break  # x only grows to the right: no later point can be closer
            dy = ys[b] - y
            d2 = dx2 + dy * dy
            if d2 < best:
                best, best_a, best_b = d2, a, b
        work += b - a
        if work > budget:
            return _divide_and_conquer(xs, ys, (best, best_a, best_b))
    return best, best_a, best_b


def _offset_sweep(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> tuple[int, int]:
    """:func:`_sweep` vectorised over offsets; positions ``a < b`` of a closest pair."""
    n = len(x)
    candidates = np.arange(n - 1)
    best: Any = math.inf
    best_a, best_b = 0, 1
    budget, work, k = _WORK_PER_POINT * n, 0, 1
    while candidates.size:
        partners = candidates + k
        dx = x[partners] - x[candidates]
        dy = y[partners] - y[candidates]
        dx2 = dx * dx
        d2 = dx2 + dy * dy
        m = int(np.argmin(d2))
        if d2[m] < best:
            best, best_a, best_b = d2[m].item(), int(candidates[m]), int(partners[m])
            if not best:
                break
        candidates = candidates[(dx2 < best) & (partners + 1 < n)]
        work += candidates.size
        k += 1
        if work > budget:
            _, best_a, best_b = _divide_and_conquer(x.tolist(), y.tolist(), (best, best_a, best_b))
            break
    return best_a, best_b


def _divide_and_conquer(xs: list[Scalar], ys: list[Scalar], found: _Pair) -> _Pair:
    """Shamos-Hoey on points sorted by ``x``, improving on the pair ``found``.

    Every pair straddles exactly one dividing line of the recursion, so it is examined
    there unless it cannot beat the best squared distance known at that moment.
    """
    keys: list[_Key] = list(zip(ys, range(len(xs)), strict=True))
    best, best_a, best_b = found

    def solve(lo: int, hi: int) -> list[_Key]:
        """Check the pairs within ``[lo, hi)``; return its points sorted by ``y``."""
        nonlocal best, best_a, best_b
        if hi - lo <= 3:
            for a in range(lo, hi):
                for b in range(a + 1, hi):
                    dx, dy = xs[b] - xs[a], ys[b] - ys[a]
                    if dx * dx + dy * dy < best:
                        best, best_a, best_b = dx * dx + dy * dy, a, b
            return sorted(keys[lo:hi])
        mid = (lo + hi) // 2
        # Two sorted runs: timsort merges them in linear time.
        by_y = sorted(solve(lo, mid) + solve(mid, hi))
        middle = xs[mid]
        strip = [key for key in by_y if (xs[key[1]] - middle) ** 2 < best]
        for s, (ya, a) in enumerate(strip):
            for yb, b in strip[s + 1 : s + 8]:  # at most 7 can be closer than best
                dy = yb - ya
                if dy * dy >= best:
                    break
                dx = xs[b] - xs[a]
                if dx * dx + dy * dy < best:
                    best, best_a, best_b = dx * dx + dy * dy, min(a, b), max(a, b)
        return by_y

    solve(0, len(xs))
    return best, best_a, best_b

"""The minimum enclosing circle of n points (LeetCode 1924, "Erect the Fence II").

Key idea (Welzl 1991, in kactl's iterative form): add the points in random order, keeping
the smallest circle of those seen.  A point ``i`` outside it must be on the new circle:
rebuild from ``{p_i}`` over the earlier points, where a point ``j`` outside fixes a second
boundary point and a third, ``k``, the circle.  Point ``i`` is outside the circle of the
first ``i`` with probability at most ``3 / i`` (3 points fix it), so the expected work is
``sum_i 3/i * O(i) = O(n)``.

Number model (:mod:`algos.geometry.predicates`): on ``int``/``Fraction`` input the
center is exact and "inside" compares exact squared distances; the radius is a float.
On floats a point is inside when ``d^2 - r^2 <= 2 eps r^2``, within about ``r (1 + eps)``
of the center: a slack relative to the circle, as the computed circle's own rounding
needs.  Three points within ``eps`` of collinear have the farthest two as a diameter.

Complexity: O(n) expected time over the shuffle, O(n) space (a shuffled copy).

Source: E. Welzl, "Smallest enclosing disks (balls and ellipsoids)", 1991; kactl
``MinimumEnclosingCircle.h``.

Status: both versions stress-tested on 2,500 random sets of 1-7 points of the grid
``[-4, 4]^2`` against an exact brute force over all circles through 2 or 3 points, and
property-tested against shapely's ``minimum_bounding_radius`` on floats; invariant under
translation and quarter turns, and independent of the seed on exact input.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import numpy as np

from algos._checks import as_int, as_point_array, as_tolerance
from algos.geometry.circle import Circle
from algos.geometry.predicates import EPS, Scalar, sign, sign_np
from algos.geometry.primitives import Point, PointsLike, as_points, divide

_Disk = tuple[Scalar, Scalar, Scalar]  # center x, center y, squared radius


def min_enclosing_circle(points: PointsLike, seed: int | None = None, eps: float = EPS) -> Circle:
    """The smallest circle containing every point (Welzl's randomised incremental method).

    Parameters
    ----------
    points : sequence of PointLike or array of shape (n, 2)
        At least one point; repeats allowed.  Never modified: a copy is shuffled.
    seed : int, optional
        Seed of the ``random.Random`` that shuffles the copy.  The circle does not depend
        on it (it is unique); the running time does, and so may the last bits of a float
        result.
    eps : float
        Relative slack of the inside test on float input, in ``[0, 0.01]``.

    Returns
    -------
    Circle
        ``center`` exact (``Fraction`` where needed) on ``int``/``Fraction`` input;
        ``radius`` a float (a square root), 0.0 for a single point.  On floats every point
        is within ``radius * (1 + eps)`` of the center.

    Raises
    ------
    ValueError
        If ``points`` is empty, a coordinate is not finite, or ``eps`` is not a
        tolerance.
    TypeError
        If ``points`` or a point is not made of real numbers, or ``seed`` is no int.

    Complexity
    ----------
    O(n) expected time over the shuffle, O(n) space.

    Examples
    --------
    >>> min_enclosing_circle([(0, 0), (2, 0), (1, 1)])
    Circle(center=Point(x=1, y=0), radius=1.0)
    >>> min_enclosing_circle([(0, 0), (4, 0), (0, 3), (1, 1)], seed=1)
    Circle(center=Point(x=2, y=Fraction(3, 2)), radius=2.5)
    """
    order = _shuffled(as_points(points, "points"), seed)
    tolerance = as_tolerance(eps)
    p = order[0]
    disk: _Disk = (p.x, p.y, 0)
    # Invariant: disk is the smallest circle of order[:i] -- in the inner loops, of
    # order[:j] (order[:k]) with p (and q) on its boundary.
    for i, p in enumerate(order):
        if _inside(p, disk, tolerance):
            continue
        disk = (p.x, p.y, 0)
        for j, q in enumerate(itertools.islice(order, i)):
            if _inside(q, disk, tolerance):
                continue
            disk = _diameter(p, q)
            for s in itertools.islice(order, j):
                if not _inside(s, disk, tolerance):
                    disk = _circumcircle(p, q, s, tolerance)
    cx, cy, r2 = disk
    return Circle(Point(cx, cy), math.sqrt(r2))


def min_enclosing_circle_np(
    points: PointsLike, seed: int | None = None, eps: float = EPS
) -> Circle:
    """:func:`min_enclosing_circle` in float64, each loop jumping to its next outside point.

    The same three loops; a loop finds its next point outside the current circle with a
    numpy scan over blocks growing fourfold from 1024, so a scan costs O(its length) plus
    O(log n) numpy calls.  Exact input is converted to float64 (the reference keeps it
    exact).  The shuffle is ``numpy.random.default_rng(seed).permutation``.

    Parameters
    ----------
    points : sequence of PointLike or array of shape (n, 2)
        At least one point; never modified.
    seed : int, optional
        Seed of the shuffle; the circle does not depend on it beyond rounding.
    eps : float
        Relative slack of the inside test, in ``[0, 0.01]``.

    Returns
    -------
    Circle
        Float center and radius; every point within ``radius * (1 + eps)`` of the center.

    Raises
    ------
    ValueError
        If ``points`` is empty, a coordinate is not finite, or ``eps`` is not a
        tolerance.
    TypeError
        If ``points`` or a point is not made of real numbers, or ``seed`` is no int.

    Complexity
    ----------
    O(n) expected time, O(n) space.

    Examples
    --------
    >>> min_enclosing_circle_np([(0, 0), (4, 0), (0, 3), (1, 1)], seed=1)
    Circle(center=Point(x=2.0, y=1.5), radius=2.5)
    """
    if isinstance(points, np.ndarray) and points.dtype.kind in "iuf":
        xy = as_point_array(points, "points")
    else:  # any other collection: checked point by point, naming the bad one
        xy = np.array([(p.x, p.y) for p in as_points(points, "points")], dtype=float)
    tolerance = as_tolerance(eps)
    if len(xy) == 0:
        raise ValueError("points must hold at least one point, got none")
    rng = np.random.default_rng(None if seed is None else as_int(seed, "seed"))
    xy = np.ascontiguousarray(xy.reshape(-1, 2)[rng.permutation(len(xy))].T)  # rows x, y
    n = xy.shape[1]

    def point(k: int) -> Point:
        return Point(float(xy[0, k]), float(xy[1, k]))

    def next_outside(start: int, stop: int) -> int:
        return _next_outside(xy, start, stop, disk, tolerance)

    disk: _Disk = (float(xy[0, 0]), float(xy[1, 0]), 0.0)
    i = next_outside(1, n)
    while i < n:
        p = point(i)
        disk = (p.x, p.y, 0.0)
        j = next_outside(0, i)
        while j < i:
            q = point(j)
            disk = _diameter(p, q)
            k = next_outside(0, j)
            while k < j:
                disk = _circumcircle(p, q, point(k), tolerance)
                k = next_outside(k + 1, j)
            j = next_outside(j + 1, i)
        i = next_outside(i + 1, n)
    return Circle(Point(disk[0], disk[1]), math.sqrt(disk[2]))


# ---------------------------------------------------------------- private helpers


def _shuffled(points: list[Point], seed: int | None) -> list[Point]:
    if not points:
        raise ValueError("points must hold at least one point, got none")
    random.Random(None if seed is None else as_int(seed, "seed")).shuffle(points)
    return points


def _inside(p: Point, disk: _Disk, eps: float) -> bool:
    """``p`` in the closed disk: ``|p - c|^2 - r^2`` at most ``2 eps r^2`` (exact: 0)."""
    cx, cy, r2 = disk
    dx, dy = p.x - cx, p.y - cy
    return sign(dx * dx + dy * dy - r2, 2 * eps, r2) <= 0


def _next_outside(xy: np.ndarray[Any, Any], start: int, stop: int, disk: _Disk, eps: float) -> int:
    """The first index in ``[start, stop)`` of a point outside ``disk``, else ``stop``."""
    cx, cy, r2 = (float(v) for v in disk)  # float64 throughout
    tolerance, block = 2 * eps * r2, 1024
    while start < stop:
        end = min(stop, start + block)
        dx, dy = xy[0, start:end] - cx, xy[1, start:end] - cy
        dx *= dx
        dy *= dy
        dx += dy
        dx -= r2  # |p - c|^2 - r^2, the quantity of _inside
        outside = sign_np(dx, tolerance) > 0
        first = int(outside.argmax())
        if outside[first]:
            return start + first
        start, block = end, 4 * block
    return stop


def _circumcircle(p: Point, q: Point, s: Point, eps: float) -> _Disk:
    """Center and squared radius of the circle through three points."""
    bx, by, cx, cy = q.x - p.x, q.y - p.y, s.x - p.x, s.y - p.y
    b2, c2 = bx * bx + by * by, cx * cx + cy * cy
    det = bx * cy - by * cx
    if sign(det, eps, math.sqrt(b2 * c2) if isinstance(det, float) else 1) == 0:
        # Collinear only through float rounding (exact input never gets here): the
        # smallest circle through the three has the farthest pair as a diameter.
        return _diameter(*max((p, q), (p, s), (q, s), key=_squared_length))
    ox, oy = divide(cy * b2 - by * c2, 2 * det), divide(bx * c2 - cx * b2, 2 * det)
    return p.x + ox, p.y + oy, ox * ox + oy * oy


def _diameter(p: Point, q: Point) -> _Disk:
    """Center and squared radius of the circle with diameter ``pq``."""
    mx, my = divide(p.x + q.x, 2), divide(p.y + q.y, 2)
    return mx, my, (p.x - mx) ** 2 + (p.y - my) ** 2


def _squared_length(ends: tuple[Point, Point]) -> Scalar:
    p, q = ends
    return (p.x - q.x) ** 2 + (p.y - q.y) ** 2

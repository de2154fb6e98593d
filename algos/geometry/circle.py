"""Circles: the minimum enclosing circle, and circle-line and circle-circle intersections.

Problem: find the smallest circle containing n points (LeetCode 1924, "Erect the Fence
II"); intersect a circle with a line, and two circles with each other.

Key idea (Welzl 1991, in kactl's iterative form): add the points in random order, keeping
the smallest circle of those seen.  A point ``i`` outside it must be on the new circle:
rebuild from ``{p_i}`` over the earlier points, where a point ``j`` outside fixes a second
boundary point and a third, ``k``, the circle.  Point ``i`` is outside the circle of the
first ``i`` with probability at most ``3 / i`` (3 points fix it), so the expected work is
``sum_i 3/i * O(i) = O(n)``.  The intersections come from the chord's midpoint (the foot
of a perpendicular) and Pythagoras.  On ``int``/``Fraction`` input centers and
intersection points are exact (a rational square root stays exact), inside tests compare
exact squared distances, and radii are floats; on floats a point is inside when within
``radius * (1 + EPS)`` of the center, and tangency is decided by ``sign`` with a relative
tolerance.

Complexity: ``min_enclosing_circle`` O(n) expected time, O(n) space (a shuffled copy);
the intersections O(1).

Source: E. Welzl, "Smallest enclosing disks (balls and ellipsoids)", 1991; kactl
``MinimumEnclosingCircle.h``, ``CircleLine.h``, ``CircleIntersection.h``.

Status: both enclosing-circle versions stress-tested on 2,500 random sets of 1-7 points
of the grid ``[-4, 4]^2`` against an exact brute force over all circles through 2 or 3
points, and property-tested against shapely's ``minimum_bounding_radius`` on floats;
the intersections stress-tested on 10^4 small integer cases against the quadratic
``|a + t u - c|^2 = r^2`` (exact discriminant) and the radical line, and checked to lie
on both curves on random floats.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from algos.geometry.primitives import (
    EPS,
    Point,
    PointLike,
    PointsLike,
    Scalar,
    as_point,
    as_points,
    divide,
    numeric_array,
    sign,
)


class Circle(NamedTuple):
    """A circle: its center (exact on exact input) and its radius (a float)."""

    center: Point
    radius: float


def min_enclosing_circle(points: PointsLike, seed: int | None = None) -> Circle:
    """The smallest circle containing every point (Welzl's randomised incremental method).

    Parameters
    ----------
    points : sequence of PointLike or array of shape (n, 2)
        At least one point; repeats allowed.  Never modified: a copy is shuffled.
    seed : int, optional
        Seed of the ``random.Random`` that shuffles the copy.  The circle does not depend
        on it (it is unique); the running time does, and so may the last bits of a float
        result.

    Returns
    -------
    Circle
        ``center`` exact (``Fraction`` where needed) on ``int``/``Fraction`` input;
        ``radius`` a float (a square root), 0.0 for a single point.  On floats every point
        is within ``radius * (1 + EPS)`` of the center.

    Raises
    ------
    ValueError
        If ``points`` is empty, or a coordinate is not finite.
    TypeError
        If ``points`` or a point is not made of real numbers.

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
    coords = _coordinates(points)
    if not coords:
        raise ValueError("points must hold at least one point, got none")
    order = list(coords)
    random.Random(seed).shuffle(order)
    cx, cy = order[0]
    r2: Scalar = 0
    limit = r2
    # Invariant: (cx, cy, r2) is the smallest circle of order[:i] -- in the inner loops,
    # of order[:j] (order[:k]) with p (and q) on its boundary.  limit follows r2.
    for i, (px, py) in enumerate(order):
        if (px - cx) ** 2 + (py - cy) ** 2 <= limit:
            continue
        cx, cy, r2, limit = px, py, 0, 0
        for j, (qx, qy) in enumerate(itertools.islice(order, i)):
            if (qx - cx) ** 2 + (qy - cy) ** 2 <= limit:
                continue
            cx, cy, r2 = _diameter((px, py), (qx, qy))
            limit = _limit(r2)
            for sx, sy in itertools.islice(order, j):
                if (sx - cx) ** 2 + (sy - cy) ** 2 > limit:
                    cx, cy, r2 = _circumcircle((px, py), (qx, qy), (sx, sy))
                    limit = _limit(r2)
    return Circle(Point(cx, cy), math.sqrt(r2))


def min_enclosing_circle_np(points: PointsLike, seed: int | None = None) -> Circle:
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

    Returns
    -------
    Circle
        Float center and radius; every point within ``radius * (1 + EPS)`` of the center.

    Raises
    ------
    ValueError
        If ``points`` is empty, or a coordinate is not finite.
    TypeError
        If ``points`` or a point is not made of real numbers.

    Complexity
    ----------
    O(n) expected time, O(n) space.

    Examples
    --------
    >>> min_enclosing_circle_np([(0, 0), (4, 0), (0, 3), (1, 1)], seed=1)
    Circle(center=Point(x=2.0, y=1.5), radius=2.5)
    """
    xy = numeric_array(points)
    if xy is None:
        xy = np.array(_coordinates(points), dtype=float).reshape(-1, 2)
    if len(xy) == 0:
        raise ValueError("points must hold at least one point, got none")
    order = np.random.default_rng(seed).permutation(len(xy))
    xy = np.ascontiguousarray(xy[order].T, dtype=float)  # rows x and y: contiguous scans
    n = xy.shape[1]
    circle: tuple[Scalar, Scalar, Scalar] = (float(xy[0, 0]), float(xy[1, 0]), 0.0)
    i = _next_outside(xy, 1, n, circle)
    while i < n:
        p = (float(xy[0, i]), float(xy[1, i]))
        circle = (*p, 0.0)
        j = _next_outside(xy, 0, i, circle)
        while j < i:
            q = (float(xy[0, j]), float(xy[1, j]))
            circle = _diameter(p, q)
            k = _next_outside(xy, 0, j, circle)
            while k < j:
                circle = _circumcircle(p, q, (float(xy[0, k]), float(xy[1, k])))
                k = _next_outside(xy, k + 1, j, circle)
            j = _next_outside(xy, j + 1, i, circle)
        i = _next_outside(xy, i + 1, n, circle)
    return Circle(Point(circle[0], circle[1]), math.sqrt(circle[2]))


def circle_line_intersection(
    center: PointLike, radius: Scalar, a: PointLike, b: PointLike, eps: float = EPS
) -> list[Point]:
    """The points where the line through ``a`` and ``b`` meets a circle.

    With ``u = b - a`` and ``h`` the foot of the perpendicular from the center, the points
    are ``h -+ u * sqrt(r^2 |u|^2 - (u x (center - a))^2) / |u|^2``.

    Parameters
    ----------
    center : PointLike
        The circle's center.
    radius : int, float or Fraction
        The circle's radius, finite and ``>= 0``.
    a, b : PointLike
        Two distinct points of the line.
    eps : float
        Relative tolerance for float input: the line is tangent when the squared distance
        from the center is within ``eps * radius**2`` of ``radius**2``.

    Returns
    -------
    list of Point
        ``[]`` (the line misses), ``[h]`` (tangent) or two points ordered along
        ``a -> b``.  Exact when the square root is rational on exact input.

    Raises
    ------
    ValueError
        If ``a == b``, ``radius`` is negative or not finite, or a point is not finite.
    TypeError
        If ``radius`` or a point is not made of real numbers.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> circle_line_intersection((0, 0), 5, (-10, 3), (10, 3))
    [Point(x=-4, y=3), Point(x=4, y=3)]
    >>> circle_line_intersection((0, 0), 1, (1, 5), (1, -5))  # tangent
    [Point(x=1, y=0)]
    >>> circle_line_intersection((0, 0), 1, (2, 0), (2, 1))
    []
    """
    c, r = as_point(center, "center"), _as_radius(radius, "radius")
    s, e = as_point(a, "a"), as_point(b, "b")
    if s == e:
        raise ValueError(f"a and b must be distinct points to define a line, got {tuple(s)!r}")
    u, w = e - s, c - s
    length2 = u.x * u.x + u.y * u.y
    along = u.x * w.x + u.y * w.y
    off = u.x * w.y - u.y * w.x
    # |u|^2 times the squared half chord: r^2 |u|^2 - (distance * |u|)^2.
    reach = r * r * length2 - off * off
    side = sign(reach, eps, r * r * length2)
    if side < 0:
        return []
    if side == 0:
        return [_shift(s, u.x * along, u.y * along, length2)]
    root = _sqrt(reach)
    return [_shift(s, u.x * t, u.y * t, length2) for t in (along - root, along + root)]


def circle_circle_intersection(
    c1: PointLike, r1: Scalar, c2: PointLike, r2: Scalar, eps: float = EPS
) -> list[Point]:
    """The common points of two circles.

    With ``d = c2 - c1``, the chord's midpoint is ``c1 + d * p / (2 |d|^2)`` where
    ``p = |d|^2 + r1^2 - r2^2``, and its half-length ``sqrt(4 |d|^2 r1^2 - p^2) / (2 |d|)``.

    Parameters
    ----------
    c1, c2 : PointLike
        The centers.
    r1, r2 : int, float or Fraction
        The radii, finite and ``>= 0``.
    eps : float
        Relative tolerance for float input, scaled by ``(r1 + r2)^2``: the circles are
        tangent (or concentric) when the test's quantity is within it of zero.

    Returns
    -------
    list of Point
        ``[]`` (apart, nested, or concentric with different radii), ``[x]`` (tangent,
        externally or internally; or two equal zero-radius circles), or two points: first
        the one to the left of the directed line ``c1 -> c2``.  Exact when the square
        root is rational on exact input.

    Raises
    ------
    ValueError
        If the circles coincide (same center, same positive radius): they share
        infinitely many points.  Also if a radius is negative or not finite, or a center
        is not finite.
    TypeError
        If a radius or a center is not made of real numbers.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> circle_circle_intersection((0, 0), 5, (6, 0), 5)
    [Point(x=3, y=4), Point(x=3, y=-4)]
    >>> circle_circle_intersection((0, 0), 1, (2, 0), 1)  # tangent
    [Point(x=1, y=0)]
    >>> circle_circle_intersection((0, 0), 1, (0, 0), 2)  # concentric
    []
    """
    a, b = as_point(c1, "c1"), as_point(c2, "c2")
    ra, rb = _as_radius(r1, "r1"), _as_radius(r2, "r2")
    d = b - a
    d2 = d.x * d.x + d.y * d.y
    scale = (ra + rb) ** 2
    if sign(d2, eps, scale) == 0:
        if sign(ra - rb, eps, ra + rb) != 0:
            return []
        if ra == rb == 0:
            return [a]
        raise ValueError(
            f"the circles coincide (center {tuple(a)!r}, radius {ra!r}): "
            "they share infinitely many points"
        )
    apart = sign(d2 - scale, eps, scale)
    nested = sign((ra - rb) ** 2 - d2, eps, scale)
    if apart > 0 or nested > 0:
        return []
    p = d2 + ra * ra - rb * rb
    if apart == 0 or nested == 0:
        return [_shift(a, d.x * p, d.y * p, 2 * d2)]
    # The chord's ends: midpoint -+ the perpendicular (-d.y, d.x) scaled to half its length.
    root = _sqrt(4 * d2 * ra * ra - p * p)
    return [_shift(a, d.x * p - d.y * h, d.y * p + d.x * h, 2 * d2) for h in (root, -root)]


# ---------------------------------------------------------------- private helpers


def _coordinates(points: PointsLike) -> list[tuple[Scalar, Scalar]]:
    """The points as ``(x, y)`` pairs of Python numbers (ints stay ints), validated."""
    array = numeric_array(points)
    if array is not None:
        return [(x, y) for x, y in array.tolist()]
    return [(p.x, p.y) for p in as_points(points, "points")]


def _next_outside(
    xy: np.ndarray[Any, Any], start: int, stop: int, circle: tuple[Scalar, Scalar, Scalar]
) -> int:
    """The first index in ``[start, stop)`` of a point outside ``circle``, else ``stop``."""
    cx, cy, r2 = circle
    limit, block = float(r2) * (1 + EPS) ** 2, 1024
    while start < stop:
        end = min(stop, start + block)
        dx, dy = xy[0, start:end] - cx, xy[1, start:end] - cy
        hits = np.flatnonzero(dx * dx + dy * dy > limit)
        if hits.size:
            return start + int(hits[0])
        start, block = end, 4 * block
    return stop


def _limit(r2: Scalar) -> Scalar:
    """Largest squared distance counted as inside: exact, or ``r (1 + EPS)`` on floats."""
    return r2 * (1 + EPS) ** 2 if isinstance(r2, float) else r2


def _circumcircle(
    p: tuple[Scalar, Scalar], q: tuple[Scalar, Scalar], s: tuple[Scalar, Scalar]
) -> tuple[Scalar, Scalar, Scalar]:
    """Center and squared radius of the circle through three points."""
    bx, by, cx, cy = q[0] - p[0], q[1] - p[1], s[0] - p[0], s[1] - p[1]
    b2, c2 = bx * bx + by * by, cx * cx + cy * cy
    det = bx * cy - by * cx
    scale = math.sqrt(b2 * c2) if isinstance(det, float) else 1
    if sign(det, EPS, scale) == 0:
        # Collinear only through float rounding (exact input never gets here): the
        # smallest circle through the three has the farthest pair as a diameter.
        return _diameter(*max((p, q), (p, s), (q, s), key=_squared_length))
    ox, oy = divide(cy * b2 - by * c2, 2 * det), divide(bx * c2 - cx * b2, 2 * det)
    return p[0] + ox, p[1] + oy, ox * ox + oy * oy


def _shift(base: Point, dx: Scalar, dy: Scalar, denominator: Scalar) -> Point:
    """``base + (dx, dy) / denominator``; whole results stay ints."""
    return Point(base.x + divide(dx, denominator), base.y + divide(dy, denominator))


def _diameter(p: tuple[Scalar, Scalar], q: tuple[Scalar, Scalar]) -> tuple[Scalar, Scalar, Scalar]:
    """Center and squared radius of the circle with diameter ``pq``."""
    mx, my = divide(p[0] + q[0], 2), divide(p[1] + q[1], 2)
    return mx, my, (p[0] - mx) ** 2 + (p[1] - my) ** 2


def _squared_length(ends: tuple[tuple[Scalar, Scalar], tuple[Scalar, Scalar]]) -> Scalar:
    (ux, uy), (vx, vy) = ends
    return (ux - vx) ** 2 + (uy - vy) ** 2


def _sqrt(value: Scalar) -> Scalar:
    """``sqrt(value)`` for ``value >= 0`` (tiny negative float noise counts as 0): exact
    when ``value`` is the square of a rational, else a float."""
    if isinstance(value, float):
        return math.sqrt(max(value, 0.0))
    q = Fraction(value)
    top, bottom = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if top * top == q.numerator and bottom * bottom == q.denominator:
        return divide(top, bottom)
    return math.sqrt(q)


def _as_radius(value: object, name: str) -> Scalar:
    if isinstance(value, np.generic) and not isinstance(value, np.bool_):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    if (isinstance(value, float) and not math.isfinite(value)) or value < 0:
        raise ValueError(f"{name} must be finite and >= 0, got {value!r}")
    return value

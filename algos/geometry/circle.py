"""Circles: a circle's intersections with a line and with another circle.

Problem: the points where a line meets a circle, and where two circles meet.  The
smallest circle enclosing n points is :mod:`algos.geometry.enclosing_circle`.

Key idea (kactl's ``circleLine`` and ``circleInter``): both intersections come from the
chord's midpoint -- the foot of a perpendicular from a center -- and Pythagoras for the
half chord.  On ``int``/``Fraction`` input the points are exact where the square root is
rational; tangency is decided exactly.  On floats (:mod:`algos.geometry.predicates`)
tangency is a quantity within ``eps`` of zero relative to the radii's squares.

Complexity: O(1).

Source: kactl ``CircleLine.h``, ``CircleIntersection.h``.

Status: stress-tested on 10^4 small integer cases against the quadratic
``|a + t u - c|^2 = r^2`` (exact discriminant) and the radical line, and checked to lie
on both curves on random floats; invariant under translation.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

from algos._checks import as_real, as_tolerance
from algos.geometry.predicates import EPS, Scalar, sign
from algos.geometry.primitives import Point, PointLike, as_point, divide


class Circle(NamedTuple):
    """A circle: its center (exact on exact input) and its radius (a float)."""

    center: Point
    radius: float


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
        Relative tolerance for float input, in ``[0, 0.01]``: the line is tangent when
        the squared distance from the center is within ``eps * radius**2`` of
        ``radius**2``.

    Returns
    -------
    list of Point
        ``[]`` (the line misses), ``[h]`` (tangent) or two points ordered along
        ``a -> b``.  Exact when the square root is rational on exact input.

    Raises
    ------
    ValueError
        If ``a == b``, ``radius`` is negative or not finite, a point is not finite, or
        ``eps`` is not a tolerance.
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
    c, r = as_point(center, "center"), as_real(radius, "radius", low=0)
    s, e = as_point(a, "a"), as_point(b, "b")
    eps = as_tolerance(eps)
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
        Relative tolerance for float input, in ``[0, 0.01]``, on lengths: with
        ``R = r1 + r2``, the circles are concentric when their centers are within
        ``eps * R`` of each other, and tangent when the distance of the centers is
        within ``eps * R`` of ``r1 + r2`` or of ``|r1 - r2|``.

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
        infinitely many points.  Also if a radius is negative or not finite, a center is
        not finite, or ``eps`` is not a tolerance.
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
    ra, rb = as_real(r1, "r1", low=0), as_real(r2, "r2", low=0)
    eps = as_tolerance(eps)
    d = b - a
    d2 = d.x * d.x + d.y * d.y
    reach = ra + rb
    # The tests below are signs of products of two lengths, d2 - reach^2 =
    # (|d| - reach)(|d| + reach) for one; each tolerance is eps * reach times the other
    # factor, so that it bounds a length by eps * reach.  Only floats use the scales.
    length = math.sqrt(d2) if isinstance(d2 - reach, float) else 0.0
    if sign(d2, eps, eps * reach * reach) == 0:
        if sign(ra - rb, eps, reach) != 0:
            return []
        if sign(reach, 0.0) == 0:  # two equal points
            return [a]
        raise ValueError(
            f"the circles coincide (center {tuple(a)!r}, radius {ra!r}): "
            "they share infinitely many points"
        )
    apart = sign(d2 - reach * reach, eps, reach * (length + reach))
    gap = ra - rb if ra >= rb else rb - ra
    nested = sign(gap * gap - d2, eps, reach * (gap + length))
    if apart > 0 or nested > 0:
        return []
    p = d2 + ra * ra - rb * rb
    if apart == 0 or nested == 0:
        if length:  # floats: the point on the first circle, toward c2 or away from it
            t = math.copysign(ra / length, p)
            return [Point(a.x + d.x * t, a.y + d.y * t)]
        return [_shift(a, d.x * p, d.y * p, 2 * d2)]
    # The chord's ends: midpoint -+ the perpendicular (-d.y, d.x) scaled to half its length.
    root = _sqrt(4 * d2 * ra * ra - p * p)
    return [_shift(a, d.x * p - d.y * h, d.y * p + d.x * h, 2 * d2) for h in (root, -root)]


# ---------------------------------------------------------------- private helpers


def _shift(base: Point, dx: Scalar, dy: Scalar, denominator: Scalar) -> Point:
    """``base + (dx, dy) / denominator``; whole results stay ints."""
    return Point(base.x + divide(dx, denominator), base.y + divide(dy, denominator))


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

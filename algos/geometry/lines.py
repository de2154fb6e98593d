"""Infinite lines: where two meet, and the projection of a point onto one.

Problem: the common point of the line through ``p1, p2`` and the line through ``q1, q2``
(none when they are parallel), and the foot of the perpendicular from a point.

Key idea (kactl's ``lineInter``): ``a + t (b - a)`` lies on line ``cd`` when
``(c - a) x (d - c) = t (b - a) x (d - c)``: two cross products and one division.  The
projection is ``a + (b - a) ((p - a) . (b - a)) / |b - a|^2``.

Number model (:mod:`algos.geometry.predicates`): exact on ints and Fractions (a
``Fraction`` where the division is not whole).  On floats the lines are parallel when
the sine of the angle between them is at most ``eps``; their meeting point comes from the
usual formula, whose relative error grows like ``2**-53 / sine``, so below a sine of
``2**-20`` -- or where the point is far from the anchors relative to its own size, so that
``p + t u`` cancels -- it is computed exactly from the floats given, then rounded.

Complexity: every function is O(1).

Source: kactl ``content/geometry/LineIntersection.h``, ``LineProjectionReflection.h``.

Status: exact identities on hypothesis-drawn integer lines (the meeting point lies on
both lines, a projection on its line and orthogonal to it, exactly); on floats, the
meeting point of lines at angles from 1e-9 rad up equals the exact one on the floats
given, rounded; invariant under scaling by powers of two.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from algos._checks import as_tolerance
from algos.geometry.predicates import EPS, fractions_of, sign, turn
from algos.geometry.primitives import Point, PointLike, as_point, divide

_SHALLOW = 2.0**-20
"""Below this sine of the angle between two lines, their meeting point is computed
exactly: the float formula's relative error grows like ``2**-53 / sine``."""
_CANCELLATION = 2.0**8
"""A meeting point farther than this from its anchor, relative to its own size, is
computed exactly: ``p + t u`` would lose that many bits to cancellation."""


def line_intersection(
    p1: PointLike, p2: PointLike, q1: PointLike, q2: PointLike, eps: float = EPS
) -> Point | None:
    """The intersection of the infinite lines through ``p1, p2`` and through ``q1, q2``.

    Parameters
    ----------
    p1, p2 : PointLike
        Two distinct points of the first line.
    q1, q2 : PointLike
        Two distinct points of the second line.
    eps : float
        Relative tolerance for float input, in ``[0, 0.01]``: the lines are parallel
        when the sine of the angle between them is at most ``eps``.

    Returns
    -------
    Point or None
        The single common point, exact (``Fraction`` where needed) on exact input;
        ``None`` when the lines are parallel, **including coincident lines** (which share
        every point: test :func:`~algos.geometry.primitives.orientation` if that matters).

    Raises
    ------
    ValueError
        If ``p1 == p2`` or ``q1 == q2`` (a line needs two distinct points), a point has
        a NaN or infinite coordinate, or ``eps`` is not a tolerance.
    TypeError
        If a point is not a pair of real numbers.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> line_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    Point(x=Fraction(1, 2), y=Fraction(1, 2))
    >>> line_intersection((0, 0), (1, 0), (5, 0), (6, 0)) is None  # coincident
    True
    >>> line_intersection((0.0, 0.0), (2.0, 0.0), (1.0, -1.0), (1.0, 1.0))
    Point(x=1.0, y=0.0)
    """
    a, b, c, d = as_point(p1, "p1"), as_point(p2, "p2"), as_point(q1, "q1"), as_point(q2, "q2")
    _require_distinct(a, b, "p1", "p2")
    _require_distinct(c, d, "q1", "q2")
    return None if parallel(a, b, c, d, as_tolerance(eps)) else meet(a, b, c, d)


def project(p: PointLike, a: PointLike, b: PointLike) -> Point:
    """The orthogonal projection of ``p`` onto the infinite line through ``a`` and ``b``.

    ``a + (b - a) * ((p - a) . (b - a)) / |b - a|^2``, exact (``Fraction`` where needed) on
    exact input.

    Parameters
    ----------
    p : PointLike
        The point to project.
    a, b : PointLike
        Two distinct points of the line.

    Returns
    -------
    Point

    Raises
    ------
    ValueError
        If ``a == b`` (no line), or a point has a NaN or infinite coordinate.
    TypeError
        If a point is not a pair of real numbers.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> project((1, 5), (0, 0), (4, 0)), project((0, 1), (0, 0), (1, 1))
    (Point(x=1, y=0), Point(x=Fraction(1, 2), y=Fraction(1, 2)))
    """
    q, s, e = as_point(p, "p"), as_point(a, "a"), as_point(b, "b")
    _require_distinct(s, e, "a", "b")
    ux, uy = e.x - s.x, e.y - s.y
    along, length2 = ux * (q.x - s.x) + uy * (q.y - s.y), ux * ux + uy * uy
    return Point(s.x + divide(ux * along, length2), s.y + divide(uy * along, length2))


def parallel(a: Point, b: Point, c: Point, d: Point, eps: float = EPS) -> bool:
    """Whether the directions of ``ab`` and ``cd`` are parallel: the sine of the angle
    between them is at most ``eps`` (exactly zero on exact input).

    >>> parallel(Point(0, 0), Point(2, 0), Point(5, 1), Point(4, 1))
    True
    """
    lengths = math.hypot(b.x - a.x, b.y - a.y) * math.hypot(d.x - c.x, d.y - c.y)
    return turn(a, b, c, d, eps, lengths) == 0


def meet(a: Point, b: Point, c: Point, d: Point) -> Point:
    """The common point of the lines ``ab`` and ``cd``, which must not be parallel.

    Exact on exact input; on floats the formula's, or the exact point rounded where the
    lines are within a sine of ``2**-20`` of parallel.

    >>> meet(Point(0, 0), Point(2, 2), Point(0, 2), Point(2, 0))
    Point(x=1, y=1)
    """

    def exact() -> tuple[Point, Point, Point, Point]:  # the directions b - a, d - c exactly
        fa, fb, fc, fd = _fractions(a), _fractions(b), _fractions(c), _fractions(d)
        return fa, fb - fa, fc, fd - fc

    return meet_directed(a, b - a, c, d - c, exact)


def meet_directed(
    p: Point,
    u: Point,
    q: Point,
    v: Point,
    exact: Callable[[], tuple[Point, Point, Point, Point]] | None = None,
) -> Point:
    """The common point of the lines ``p + t u`` and ``q + s v``, not parallel.

    ``p + t u`` is on the second line when ``(q - p) x v = t (u x v)``.  On floats the
    formula's answer is kept unless it is ill-conditioned -- the sine of the angle below
    ``2**-20``, or the step ``t u`` from the anchor more than ``2**8`` times the point's
    own size, so that the sum cancels -- and then the point is computed from ``exact()``
    (by default the inputs as Fractions) and rounded.

    >>> meet_directed(Point(0, 0), Point(1, 1), Point(3, 0), Point(0, 1))
    Point(x=3, y=3)
    >>> meet_directed(Point(1e20, 0.0), Point(1.0, 0.0), Point(1.0, -1.0), Point(0.0, 1.0))
    Point(x=1.0, y=0.0)
    """
    denominator = u.x * v.y - u.y * v.x
    numerator = (q.x - p.x) * v.y - (q.y - p.y) * v.x
    if not isinstance(denominator, float) and not isinstance(numerator, float):
        return Point(
            p.x + divide(u.x * numerator, denominator), p.y + divide(u.y * numerator, denominator)
        )
    lengths = math.hypot(u.x, u.y) * math.hypot(v.x, v.y)
    if sign(denominator, _SHALLOW, lengths) != 0:
        t = numerator / denominator
        x, y = p.x + u.x * t, p.y + u.y * t
        step = math.hypot(u.x * t, u.y * t)
        if sign(step, _CANCELLATION, math.hypot(x, y)) == 0:  # step within 2**8 |x|
            return Point(x, y)
    fp, fu, fq, fv = (
        exact() if exact else (_fractions(p), _fractions(u), _fractions(q), _fractions(v))
    )
    point = meet_directed(fp, fu, fq, fv)
    return Point(float(point.x), float(point.y))


# ---------------------------------------------------------------- private helpers


def _fractions(p: Point) -> Point:
    return Point(*fractions_of(p.x, p.y))


def _require_distinct(a: Point, b: Point, name_a: str, name_b: str) -> None:
    if a == b:
        raise ValueError(
            f"{name_a} and {name_b} must be distinct points to define a line, "
            f"got {name_a} == {name_b} == {tuple(a)!r}"
        )

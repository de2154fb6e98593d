"""Segments and lines: incidence, intersection, projection and distance.

Problem: given segments ``p1p2`` and ``q1q2``, decide whether they meet and where -- a
single point, or a whole collinear overlap -- and answer the same questions for infinite
lines and for a point against a segment.

Key idea (kactl's ``segInter``, CLRS 33.1): two segments that are not parallel cross at
one interior point exactly when each one's ends lie strictly on opposite sides of the
other's line; that point comes from two cross products, without a division by a length.
Otherwise what they share is spanned by the ends that lie on the other segment (a touch),
or, for parallel segments on one line, by the inner two of the four ends along it.

Number model (:mod:`algos.geometry.predicates`): exact on ints and Fractions, where
every result is exact (a ``Fraction`` where a division is not whole).  On floats three
decisions, each made of differences of the points (unchanged by translation):

* *parallel*: the sine of the angle between the segments is at most ``eps``;
* *on*: a point is within about ``eps * |ab|`` of the closed segment ``ab`` (its height
  over the longest side of the triangle it makes with ``a, b``, and its overshoot past an
  end, at most ``eps`` times that side);
* *crossing*: for segments that are not parallel, the four turns are the exact signs on
  the floats given, so a shallow crossing well inside both segments is found as a crossing
  at any angle above ``eps``; a touch within the tolerance counts when there is none.

A crossing point is computed from the floats by the usual formula, and where the angle
is below ``2**-20`` (that formula losing digits as the angle shrinks) exactly, then
rounded.  The float results do not depend on the order of the arguments: each segment's
ends, and the two segments, are put in lexicographic order first.

Complexity: every function is O(1).

Source: kactl ``content/geometry/SegmentIntersection.h``, ``OnSegment.h``,
``LineIntersection.h``, ``SegmentDistance.h``, ``LineProjectionReflection.h``;
CLRS 3rd ed. section 33.1.

Status: stress-tested on 10^4 random segment pairs on the integer grid ``[-4, 4]^2``
(collinear, touching and zero-length cases are frequent there) against a rational oracle
that solves the parametric equations by Cramer's rule; on floats against the same oracle
run in Fractions on the given floats, for crossings at angles from 1e-9 to 1e-8 rad;
property-tested against shapely's ``LineString.intersection``/``distance``; invariant
under translation, scaling by powers of two, quarter turns, endpoint and segment swaps.
"""

from __future__ import annotations

import math
import operator

from algos._checks import as_tolerance
from algos.geometry.predicates import EPS, Scalar, dot_sign, fractions_of, orient, turn
from algos.geometry.primitives import Point, PointLike, as_point, divide

_SHALLOW = 2.0**-20
"""Below this sine of the angle between two lines, their meeting point is computed
exactly: the float formula's relative error grows like ``2**-53 / sine``."""

_XY = operator.attrgetter("x", "y")


def point_on_segment(p: PointLike, a: PointLike, b: PointLike, eps: float = EPS) -> bool:
    """Whether ``p`` lies on the closed segment ``ab`` (endpoints included).

    A zero-length segment ``a == b`` holds only the point ``a`` itself.  On floats, "on"
    means within about ``eps * |ab|`` of the segment (module docstring).

    Parameters
    ----------
    p : PointLike
        The query point.
    a, b : PointLike
        The segment's endpoints; they may be equal.
    eps : float
        Relative tolerance for float input, in ``[0, 0.01]``.

    Returns
    -------
    bool

    Raises
    ------
    TypeError, ValueError
        If a point is not two finite real numbers (the message names it), or ``eps`` is
        not a tolerance.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> point_on_segment((1, 1), (0, 0), (2, 2)), point_on_segment((3, 3), (0, 0), (2, 2))
    (True, False)
    >>> point_on_segment((2, 2), (0, 0), (2, 2)), point_on_segment((0, 0), (0, 0), (0, 0))
    (True, True)
    """
    point, start, end = as_point(p, "p"), as_point(a, "a"), as_point(b, "b")
    return _on(point, start, end, as_tolerance(eps))


def segments_intersect(
    p1: PointLike, p2: PointLike, q1: PointLike, q2: PointLike, eps: float = EPS
) -> bool:
    """Whether the closed segments ``p1p2`` and ``q1q2`` share at least one point.

    Touching (an endpoint on the other segment) and collinear overlap count; a segment may
    have zero length (it is then a point).

    Parameters
    ----------
    p1, p2 : PointLike
        The first segment's endpoints.
    q1, q2 : PointLike
        The second segment's endpoints.
    eps : float
        Relative tolerance for float input, in ``[0, 0.01]``.

    Returns
    -------
    bool
        ``True`` exactly when :func:`segment_intersection` is not empty.

    Raises
    ------
    TypeError, ValueError
        If a point is not two finite real numbers (the message names it), or ``eps`` is
        not a tolerance.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> segments_intersect((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_intersect((0, 0), (1, 0), (2, 0), (3, 0))  # collinear, apart
    False
    >>> segments_intersect((0, 0), (2, 0), (2, 0), (3, 5))  # touching at (2, 0)
    True
    """
    a, b, c, d = _ordered(p1, p2, q1, q2)
    shared = _shared(a, b, c, d, as_tolerance(eps))
    return shared is None or bool(shared)


def segment_intersection(
    p1: PointLike, p2: PointLike, q1: PointLike, q2: PointLike, eps: float = EPS
) -> list[Point]:
    """The common points of the closed segments ``p1p2`` and ``q1q2``.

    Parameters
    ----------
    p1, p2 : PointLike
        The first segment's endpoints (they may be equal: a point).
    q1, q2 : PointLike
        The second segment's endpoints.
    eps : float
        Relative tolerance for float input, in ``[0, 0.01]``.

    Returns
    -------
    list of Point
        ``[]`` when the segments are disjoint; ``[x]`` when they meet in one point (a
        proper crossing, a touch, or a collinear overlap that is a single point); the two
        ends of the overlap when they are collinear and overlap, sorted lexicographically
        by ``(x, y)``.  Exact (``Fraction`` where needed) on ``int``/``Fraction`` input.

    Raises
    ------
    TypeError, ValueError
        If a point is not two finite real numbers (the message names it), or ``eps`` is
        not a tolerance.

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> segment_intersection((0, 0), (2, 2), (0, 2), (2, 0))
    [Point(x=1, y=1)]
    >>> segment_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    [Point(x=Fraction(1, 2), y=Fraction(1, 2))]
    >>> segment_intersection((0, 0), (4, 0), (3, 0), (1, 0))
    [Point(x=1, y=0), Point(x=3, y=0)]
    >>> segment_intersection((0, 0), (1, 0), (1, 0), (2, 5))
    [Point(x=1, y=0)]
    >>> segment_intersection((0, 0), (1, 0), (0, 1), (1, 1))  # parallel
    []
    """
    a, b, c, d = _ordered(p1, p2, q1, q2)
    shared = _shared(a, b, c, d, as_tolerance(eps))
    return [_meet(a, b, c, d)] if shared is None else shared


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
    return None if _parallel(a, b, c, d, as_tolerance(eps)) else _meet(a, b, c, d)


def point_segment_distance(p: PointLike, a: PointLike, b: PointLike) -> float:
    """The Euclidean distance from ``p`` to the closed segment ``ab``.

    Parameters
    ----------
    p : PointLike
        The query point.
    a, b : PointLike
        The segment's endpoints; ``a == b`` gives the distance to that point.

    Returns
    -------
    float
        The distance (a float: it is a square root), computed from exact squared
        quantities on exact input.

    Raises
    ------
    TypeError, ValueError
        If a point is not two finite real numbers (the message names it).

    Complexity
    ----------
    O(1).

    Examples
    --------
    >>> point_segment_distance((1, 1), (0, 0), (2, 0))
    1.0
    >>> point_segment_distance((5, 4), (0, 0), (2, 0))
    5.0
    """
    q, s, e = as_point(p, "p"), as_point(a, "a"), as_point(b, "b")
    ux, uy, wx, wy = e.x - s.x, e.y - s.y, q.x - s.x, q.y - s.y
    along, length2 = ux * wx + uy * wy, ux * ux + uy * uy
    # Which piece of the distance function applies is no tolerance decision: the pieces
    # agree where they meet, so the comparisons are plain.
    if along <= 0:
        return math.hypot(wx, wy)
    if along >= length2:
        return math.hypot(q.x - e.x, q.y - e.y)
    off_line: Scalar = ux * wy - uy * wx
    return abs(float(off_line)) / math.sqrt(length2)


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
    return _along(s, e, ux * (q.x - s.x) + uy * (q.y - s.y), ux * ux + uy * uy)


# ---------------------------------------------------------------- private helpers


def _ordered(
    p1: PointLike, p2: PointLike, q1: PointLike, q2: PointLike
) -> tuple[Point, Point, Point, Point]:
    """Validate two segments and put each one's ends, then the two segments, in order.

    With floats, rounding depends on which operand comes first; a canonical order makes
    every answer independent of the order of the arguments.
    """
    a, b = sorted((as_point(p1, "p1"), as_point(p2, "p2")), key=_XY)
    c, d = sorted((as_point(q1, "q1"), as_point(q2, "q2")), key=_XY)
    if (_XY(c), _XY(d)) < (_XY(a), _XY(b)):
        a, b, c, d = c, d, a, b
    return a, b, c, d


def _shared(a: Point, b: Point, c: Point, d: Point, eps: float) -> list[Point] | None:
    """The common points of segments ``ab`` and ``cd``, or None for a proper crossing."""
    if a == b or c == d:  # a segment that is a single point
        p, s, e = (a, c, d) if a == b else (c, a, b)
        return [p] if _on(p, s, e, eps) else []
    if _parallel(a, b, c, d, eps):
        return _overlap(a, b, c, d, eps)
    crossing = (
        orient(c, d, a, 0.0) * orient(c, d, b, 0.0) < 0
        and orient(a, b, c, 0.0) * orient(a, b, d, 0.0) < 0
    )
    if crossing:
        return None
    # Not parallel: at most one common point, an end lying on the other segment.
    ends = [x for x, s, e in ((a, c, d), (b, c, d), (c, a, b), (d, a, b)) if _on(x, s, e, eps)]
    return sorted(ends, key=_XY)[:1]


def _on(p: Point, a: Point, b: Point, eps: float) -> bool:
    """``p`` on the closed segment ``ab``: collinear, and not past an end (module)."""
    if a == b:
        return p == a
    return orient(a, b, p, eps) == 0 and dot_sign(p, a, p, b, eps, _length2(a, b)) <= 0


def _parallel(a: Point, b: Point, c: Point, d: Point, eps: float) -> bool:
    """The directions of ``ab`` and ``cd`` are parallel (the sine within ``eps``)."""
    lengths = math.hypot(b.x - a.x, b.y - a.y) * math.hypot(d.x - c.x, d.y - c.y)
    return turn(a, b, c, d, eps, lengths) == 0


def _overlap(a: Point, b: Point, c: Point, d: Point, eps: float) -> list[Point]:
    """What parallel segments share: the inner two of their ends, if on one line."""
    (s, e), (p, q) = ((a, b), (c, d)) if _length2(a, b) >= _length2(c, d) else ((c, d), (a, b))
    if orient(s, e, p, eps) != 0 or orient(s, e, q, eps) != 0:
        return []  # parallel lines apart

    def position(x: Point) -> Scalar:  # along s -> e, in units of |e - s|^2
        return (x.x - s.x) * (e.x - s.x) + (x.y - s.y) * (e.y - s.y)

    p, q = sorted((p, q), key=position)
    first, last = max(s, p, key=position), min(e, q, key=position)
    # The overlap runs from first to last; within the tolerance it is a single point.
    length = dot_sign(first, last, s, e, eps, _length2(s, e)) if first != last else 0
    if length < 0:
        return []
    if length == 0:
        return [min(first, last, key=_XY)]
    return sorted((first, last), key=_XY)


def _meet(a: Point, b: Point, c: Point, d: Point) -> Point:
    """The common point of the lines ``ab`` and ``cd``, which are not parallel."""
    ux, uy, vx, vy = b.x - a.x, b.y - a.y, d.x - c.x, d.y - c.y
    denominator = ux * vy - uy * vx
    # a + t (b - a) is on line cd when (c - a) x (d - c) = t (b - a) x (d - c).
    numerator = (c.x - a.x) * vy - (c.y - a.y) * vx
    if isinstance(denominator, float):
        lengths = math.hypot(ux, uy) * math.hypot(vx, vy)
        if abs(denominator) < _SHALLOW * lengths:
            fa, fb, fc, fd = (fractions_of(p.x, p.y) for p in (a, b, c, d))
            exact = _meet(Point(*fa), Point(*fb), Point(*fc), Point(*fd))
            return Point(float(exact.x), float(exact.y))
    return _along(a, b, numerator, denominator)


def _along(a: Point, b: Point, numerator: Scalar, denominator: Scalar) -> Point:
    """``a + (b - a) * numerator / denominator``; whole results stay ints."""
    return Point(
        a.x + divide((b.x - a.x) * numerator, denominator),
        a.y + divide((b.y - a.y) * numerator, denominator),
    )


def _length2(a: Point, b: Point) -> Scalar:
    return (b.x - a.x) ** 2 + (b.y - a.y) ** 2


def _require_distinct(a: Point, b: Point, name_a: str, name_b: str) -> None:
    if a == b:
        raise ValueError(
            f"{name_a} and {name_b} must be distinct points to define a line, "
            f"got {name_a} == {name_b} == {tuple(a)!r}"
        )

"""Segments: incidence, intersection, and the distance from a point.

Problem: given segments ``p1p2`` and ``q1q2``, decide whether they meet and where -- a
single point, or a whole collinear overlap -- and whether, or how far, a point lies from a
segment.  Infinite lines are :mod:`algos.geometry.lines`.

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

A crossing point is :func:`~algos.geometry.lines.meet`: the usual formula, or for an
angle below ``2**-20`` the exact point, rounded.  The float results do not depend on the
order of the arguments: each segment's ends, and the two segments, are put in
lexicographic order first.

Complexity: every function is O(1).

Source: kactl ``content/geometry/SegmentIntersection.h``, ``OnSegment.h``,
``SegmentDistance.h``; CLRS 3rd ed. section 33.1.

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
from algos.geometry.lines import meet, parallel
from algos.geometry.predicates import EPS, Scalar, dot_sign, orient
from algos.geometry.primitives import Point, PointLike, as_point

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
    return on_segment(point, start, end, as_tolerance(eps))


def on_segment(p: Point, a: Point, b: Point, eps: float = EPS) -> bool:
    """:func:`point_on_segment` on validated points: collinear, and not past an end.

    >>> on_segment(Point(1, 1), Point(0, 0), Point(2, 2))
    True
    """
    if a == b:
        return p == a
    return orient(a, b, p, eps) == 0 and dot_sign(p, a, p, b, eps, _length2(a, b)) <= 0


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
    return [meet(a, b, c, d)] if shared is None else shared


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
        return [p] if on_segment(p, s, e, eps) else []
    if parallel(a, b, c, d, eps):
        return _overlap(a, b, c, d, eps)
    crossing = (
        orient(c, d, a, 0.0) * orient(c, d, b, 0.0) < 0
        and orient(a, b, c, 0.0) * orient(a, b, d, 0.0) < 0
    )
    if crossing:
        return None
    # Not parallel: at most one common point, an end lying on the other segment.
    pairs = ((a, c, d), (b, c, d), (c, a, b), (d, a, b))
    ends = [x for x, s, e in pairs if on_segment(x, s, e, eps)]
    return sorted(ends, key=_XY)[:1]


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


def _length2(a: Point, b: Point) -> Scalar:
    return (b.x - a.x) ** 2 + (b.y - a.y) ** 2

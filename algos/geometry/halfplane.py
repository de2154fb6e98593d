"""Half-plane intersection: the convex polygon common to n closed half-planes.

A half-plane ``(p, d)`` is the closed set left of the directed line through ``p`` with
direction ``d``: the points ``q`` with ``d x (q - p) >= 0``.  The intersection of n of
them is a convex set: empty, a point, a segment, a convex polygon, or unbounded.

Key idea (the sort-and-deque algorithm): sort the half-planes by the angle of their
direction and keep, of several with the same direction, the most restrictive.  Sweep
them in angle order, holding the boundary of the intersection so far in a deque of
half-planes whose consecutive lines meet at its vertices.  A new half-plane makes the
last vertex redundant when that vertex lies strictly outside it (pop at the back); as
the angles wrap around it can do the same to the first vertex (pop at the front).  The
vertices are then the meeting points of consecutive half-planes, cyclically.  A vertex
*on* a boundary line is kept (the half-planes are closed), so a point or a segment
comes out as repeated or collinear vertices, which a final pass removes.

Unboundedness is decided from the directions, before the sweep: the intersection is
bounded or empty iff every angular gap between consecutive directions is below ``pi``
(no direction ``v`` with ``d x v >= 0`` for all ``d``).  When some gap reaches ``pi``,
all directions lie in a closed half-turn from the first direction after that gap to the
last before it; then the intersection is empty only when those two are opposite and
their half-planes do not overlap (every half-plane in between contains a far-away part
of their strip), and otherwise it is unbounded and needs ``bbox``.

Number model (:mod:`algos.geometry.predicates`): every decision of the sweep is exact,
on ints and Fractions and on the floats given alike.  "The vertex of ``g`` and ``h`` lies
outside ``k``" is the sign of a polynomial in the input (:func:`_cuts`), in floats under
a rounding bound, in Fractions where the bound does not settle it; the angle order is
``atan2``'s, checked exactly between directions within ``1e-12``.  Nothing is rebuilt
from ``p + d``, so where an anchor sits along its line changes nothing.  The vertices
are :func:`~algos.geometry.lines.meet_directed`'s, and ``eps`` only tidies the result:
vertices closer than ``eps`` times the polygon's size are one, and a vertex within
``eps`` of straight is dropped.

Complexity: O(n log n) time (the sort; each half-plane is pushed and popped at most once),
O(n) memory.

Source: cp-algorithms, "Half-plane intersection - S&I Algorithm in O(N log N)"; Zhu Zeyuan,
"New algorithm for half-plane intersection and its practical value" (2006).

Status: stress-tested on random instances of 1 to 7 half-planes with integer points and
directions in [-3, 3] (parallel, opposite, concurrent and redundant planes are frequent),
with and without a box, against a brute force (every pairwise meeting point of the
boundary lines inside every half-plane, then their strict hull): exact equality of the
vertex lists, degenerate results and the unbounded verdict included; the same on
Fractions and on the same instances as floats; against scipy's
``HalfspaceIntersection`` on random floats; the 12 tangents of the unit circle moved by
up to 1e10 or slid along their lines by up to 1e9 against the exact answer on the floats
given; invariant under translation and scaling by powers of two.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from algos._checks import as_real, as_tolerance, describe
from algos.geometry.lines import meet_directed
from algos.geometry.predicates import (
    EPS,
    UNDERFLOW,
    UNIT_ROUNDOFF,
    Scalar,
    cross_sign,
    dot_sign,
    fractions_of,
    orient,
    rounding_bound,
    sign,
    turn,
)
from algos.geometry.primitives import ORIGIN, Point, PointLike, as_point

HalfPlane = tuple[PointLike, PointLike]
"""``(point, direction)``: the closed side left of the line from ``point`` along ``direction``."""

_ANGLE_ERROR = 1e-12
"""atan2 of two directions whose exact order differs can differ by a few ulps of pi at
most; within this, the exact order decides."""
_CUT_ROUNDING = 8 * UNIT_ROUNDOFF
"""Rounding bound factor of the vertex test, an expression of depth 5 (see module)."""


class _Plane(NamedTuple):
    p: Point  # a point of the boundary line
    d: Point  # its direction, not zero


def half_plane_intersection(
    halfplanes: Iterable[HalfPlane] | np.ndarray[Any, Any],
    bbox: Sequence[Scalar] | None = None,
    eps: float = EPS,
) -> list[Point]:
    """The vertices of the intersection of closed half-planes, counter-clockwise.

    Parameters
    ----------
    halfplanes : iterable of (point, direction) pairs, or ndarray of shape (n, 2, 2)
        Each keeps the closed side *left* of the directed line through ``point`` along
        ``direction`` (boundary included).  Several may share a direction or be
        opposite.
    bbox : (xmin, ymin, xmax, ymax), optional
        A box whose four half-planes are added: the result is clipped to it.  Needed
        when the intersection is unbounded, which is decided exactly from the
        directions (an angular gap of at least pi; see the module docstring).
    eps : float
        Relative tolerance, in ``[0, 0.01]``, with which float results are tidied:
        vertices closer than ``eps`` times the polygon's size merge, and vertices within
        ``eps`` of straight are dropped.  The sweep itself is exact.

    Returns
    -------
    list of Point
        The intersection's vertices, counter-clockwise, without repeated or collinear
        vertices, starting at the smallest ``(x, y)``.  A degenerate intersection gives
        its distinct points: ``[p]`` for a single point, ``[p, q]`` (``p < q`` by
        ``(x, y)``) for a segment; an empty intersection gives ``[]``.  Exact (ints and
        Fractions) on exact input.

    Raises
    ------
    ValueError
        If the intersection is unbounded (and not empty) and ``bbox`` is None; if a
        half-plane has a zero direction (the message names its index); if ``bbox`` is
        not four finite numbers with ``xmin < xmax`` and ``ymin < ymax``; if a point has a
        NaN or infinite coordinate or a half-plane is not a pair; if ``eps`` is not a
        tolerance.
    TypeError
        If ``halfplanes`` is not an iterable of pairs of points, or a coordinate is not
        a real number.

    Complexity
    ----------
    O(n log n) time, O(n) memory.

    Examples
    --------
    The unit square, from its four sides walked counter-clockwise:

    >>> square = [((0, 0), (1, 0)), ((1, 0), (0, 1)), ((1, 1), (-1, 0)), ((0, 1), (0, -1))]
    >>> half_plane_intersection(square)
    [Point(x=0, y=0), Point(x=1, y=0), Point(x=1, y=1), Point(x=0, y=1)]

    A strip ``0 <= y <= 1`` is unbounded; a box clips it:

    >>> strip = [((0, 0), (1, 0)), ((0, 1), (-1, 0))]
    >>> half_plane_intersection(strip, bbox=(0, 0, 2, 2))
    [Point(x=0, y=0), Point(x=2, y=0), Point(x=2, y=1), Point(x=0, y=1)]
    >>> half_plane_intersection(strip + [((0, 2), (1, 0))])  # also y >= 2: empty
    []

    ``y >= 0`` and ``y <= 0`` with ``0 <= x <= 1``: a segment, given by its two ends.

    >>> half_plane_intersection([((0, 0), (1, 0)), ((0, 0), (-1, 0)), *square[1::2]])
    [Point(x=0, y=0), Point(x=1, y=0)]
    """
    tolerance = as_tolerance(eps)
    planes = _as_planes(halfplanes)
    if bbox is not None:
        planes.extend(_box_planes(bbox))
    planes = _merge_same_directions(_sorted_by_angle(planes))
    gap = _wide_gap(planes)
    if gap is not None:
        if planes and _disjoint_opposites(planes[gap], planes[gap - 1]):
            return []
        raise ValueError(
            "the intersection is unbounded: its directions leave an angular gap of at "
            "least pi; pass bbox=(xmin, ymin, xmax, ymax) to clip it"
        )
    boundary = _sweep(planes)
    if boundary is None:
        return []
    vertices = [_vertex(g, h) for g, h in zip(boundary, boundary[1:] + boundary[:1], strict=True)]
    return _clean(vertices, tolerance)


# ---------------------------------------------------------------- the sweep


def _sweep(planes: list[_Plane]) -> list[_Plane] | None:
    """The half-planes of the boundary, in angle order; None when the intersection is empty.

    Needs distinct directions with every angular gap below pi.  The vertex between
    consecutive half-planes is never built: :func:`_cuts` decides from the planes.
    """
    boundary: deque[_Plane] = deque()
    for h in planes:
        while len(boundary) >= 2 and _cuts(h, boundary[-2], boundary[-1]):
            boundary.pop()
        while len(boundary) >= 2 and _cuts(h, boundary[0], boundary[1]):
            boundary.popleft()
        if boundary and _turn(boundary[-1].d, h.d) == 0:
            # Opposite neighbours: all between them was cut off, so they share no point.
            return None
        boundary.append(h)
    # The last half-planes may cut the first vertices off, and the first the last ones.
    while len(boundary) >= 3 and _cuts(boundary[0], boundary[-2], boundary[-1]):
        boundary.pop()
    while len(boundary) >= 3 and _cuts(boundary[-1], boundary[0], boundary[1]):
        boundary.popleft()
    ring = list(boundary)
    if len(ring) < 3 or any(
        _turn(g.d, h.d) <= 0 for g, h in zip(ring, [*ring[1:], ring[0]], strict=True)
    ):
        return None  # what is left cannot enclose a region: the half-planes share no point
    return ring


def _cuts(k: _Plane, g: _Plane, h: _Plane) -> bool:
    """The point where the lines of ``g`` and ``h`` meet lies strictly right of ``k``'s.

    With ``x = g.p + t g.d``, ``t = ((h.p - g.p) x h.d) / (g.d x h.d)``, the side is
    ``k.d x (x - k.p) = (A (g.d x h.d) + N B) / (g.d x h.d)`` for ``A = k.d x (g.p -
    k.p)``, ``N = (h.p - g.p) x h.d`` and ``B = k.d x g.d``: a polynomial in the input.
    In floats it is 5 roundings deep (a difference, a product, a difference, a product, a
    sum), so its error is at most ``8 u`` times the same expression in absolute values
    (Higham, section 3.1); where that does not settle the sign, Fractions do.
    """
    kd, gd, hd = k.d, g.d, h.d
    ax, ay = g.p.x - k.p.x, g.p.y - k.p.y
    nx, ny = h.p.x - g.p.x, h.p.y - g.p.y
    a_left, a_right = kd.x * ay, kd.y * ax
    d_left, d_right = gd.x * hd.y, gd.y * hd.x
    n_left, n_right = nx * hd.y, ny * hd.x
    b_left, b_right = kd.x * gd.y, kd.y * gd.x
    turn_gh = d_left - d_right  # g.d x h.d: its sign is the sign of the denominator
    value = (a_left - a_right) * turn_gh + (n_left - n_right) * (b_left - b_right)
    if not isinstance(value, float):
        return sign(value) * _turn(gd, hd) < 0
    fabs = math.fabs
    d_size = fabs(d_left) + fabs(d_right)
    size = (fabs(a_left) + fabs(a_right)) * d_size + (fabs(n_left) + fabs(n_right)) * (
        fabs(b_left) + fabs(b_right)
    )

    def exact() -> Fraction:
        kpx, kpy, kdx, kdy = fractions_of(k.p.x, k.p.y, kd.x, kd.y)
        gpx, gpy, gdx, gdy = fractions_of(g.p.x, g.p.y, gd.x, gd.y)
        hpx, hpy, hdx, hdy = fractions_of(h.p.x, h.p.y, hd.x, hd.y)
        a = kdx * (gpy - kpy) - kdy * (gpx - kpx)
        n = (hpx - gpx) * hdy - (hpy - gpy) * hdx
        return a * (gdx * hdy - gdy * hdx) + n * (kdx * gdy - kdy * gdx)

    side = sign(value, 0.0, error=_CUT_ROUNDING * size + UNDERFLOW, exact=exact)
    denominator = sign(
        turn_gh, 0.0, error=rounding_bound(d_left, d_right), exact=lambda: _turn(gd, hd)
    )
    return side * denominator < 0


def _vertex(g: _Plane, h: _Plane) -> Point:
    return meet_directed(g.p, g.d, h.p, h.d)


# ---------------------------------------------------------------- directions


def _turn(u: Point, v: Point) -> int:
    """The exact sign of ``u x v``: 1 when ``v`` is less than a half-turn ahead of ``u``."""
    return cross_sign(u, v)


def _same_direction(u: Point, v: Point) -> bool:
    return _turn(u, v) == 0 and dot_sign(ORIGIN, u, ORIGIN, v, 0.0, 0) > 0


def _half_turn(d: Point) -> int:
    """0 for an angle in ``[0, pi)``, 1 for ``[pi, 2 pi)``."""
    vertical = sign(d.y, 0.0)
    return 0 if vertical > 0 or (vertical == 0 and sign(d.x, 0.0) > 0) else 1


def _angle(d: Point) -> float:
    """The angle of ``d`` in ``[0, 2 pi)``, in floats (for the sort)."""
    m = max(_size(d.x), _size(d.y))  # scaled to at most 1: huge ints convert to floats
    x, y = float(d.x / m), float(d.y / m)
    return math.atan2(y, x) if _half_turn(d) == 0 else math.atan2(-y, -x) + math.pi


def _size(value: Scalar) -> Scalar:
    return -value if value < 0 else value


def _sorted_by_angle(planes: list[_Plane]) -> list[_Plane]:
    """By the angle of the direction, exactly: atan2's order, then an insertion pass with
    the exact order among neighbours whose angles are within ``_ANGLE_ERROR``."""
    keyed = sorted(((_angle(h.d), i) for i, h in enumerate(planes)), key=lambda pair: pair[0])
    angles = [angle for angle, _ in keyed]
    ordered = [planes[i] for _, i in keyed]
    for i in range(1, len(ordered)):
        j = i
        while (
            j > 0
            and angles[j] - angles[j - 1] <= _ANGLE_ERROR
            and _before(ordered[j].d, ordered[j - 1].d)
        ):
            ordered[j - 1], ordered[j] = ordered[j], ordered[j - 1]
            angles[j - 1], angles[j] = angles[j], angles[j - 1]
            j -= 1
    return ordered


def _before(u: Point, v: Point) -> bool:
    """``u``'s angle is smaller than ``v``'s, exactly: the half-turn, then ``u x v``."""
    half_u, half_v = _half_turn(u), _half_turn(v)
    return half_u < half_v or (half_u == half_v and _turn(u, v) > 0)


def _merge_same_directions(planes: list[_Plane]) -> list[_Plane]:
    """Keep the most restrictive of consecutive half-planes with one direction."""
    kept: list[_Plane] = []
    for h in planes:
        if kept and _same_direction(kept[-1].d, h.d):
            g = kept.pop()
            if not _outside(h, g.p):  # g's line is inside h: g is at least as restrictive
                h = g
        kept.append(h)
    return kept


def _wide_gap(planes: list[_Plane]) -> int | None:
    """The index after an angular gap of at least pi between directions, None if none."""
    if len(planes) < 3:
        return 0  # one direction, or two: some gap is at least pi (or no plane at all)
    for i, h in enumerate(planes):
        if _turn(planes[i - 1].d, h.d) <= 0:
            return i
    return None


def _disjoint_opposites(g: _Plane, h: _Plane) -> bool:
    opposite = _turn(g.d, h.d) == 0 and not _same_direction(g.d, h.d)
    return opposite and _outside(h, g.p)


def _outside(h: _Plane, point: Point) -> bool:
    """``point`` lies strictly right of ``h``'s boundary line (exactly)."""
    return turn(ORIGIN, h.d, h.p, point, 0.0, 0) < 0


# ---------------------------------------------------------------- input and output


def _as_planes(halfplanes: object) -> list[_Plane]:
    if isinstance(halfplanes, str | bytes) or not isinstance(halfplanes, Iterable):
        raise TypeError(
            "halfplanes must be an iterable of (point, direction) pairs, "
            f"got {describe(halfplanes)}"
        )
    planes = []
    for i, h in enumerate(halfplanes):
        name = f"halfplanes[{i}]"
        if not isinstance(h, tuple | list | np.ndarray):
            raise TypeError(f"{name} must be a pair (point, direction), got {h!r}")
        if len(h) != 2:
            raise ValueError(f"{name} must be a pair (point, direction), got {len(h)} items")
        p, d = as_point(h[0], f"{name} point"), as_point(h[1], f"{name} direction")
        if d == ORIGIN:
            raise ValueError(f"{name} has a zero direction; a half-plane needs a non-zero one")
        planes.append(_Plane(p, d))
    return planes


def _box_planes(bbox: object) -> list[_Plane]:
    if not isinstance(bbox, tuple | list | np.ndarray) or len(bbox) != 4:
        raise ValueError(f"bbox must be four numbers (xmin, ymin, xmax, ymax), got {bbox!r}")
    xmin, ymin, xmax, ymax = (as_real(value, "bbox") for value in bbox)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError(f"bbox must have xmin < xmax and ymin < ymax, got {tuple(bbox)!r}")
    corners = [Point(xmin, ymin), Point(xmax, ymin), Point(xmax, ymax), Point(xmin, ymax)]
    sides = [Point(1, 0), Point(0, 1), Point(-1, 0), Point(0, -1)]
    return [_Plane(c, s) for c, s in zip(corners, sides, strict=True)]


def _clean(vertices: list[Point], eps: float) -> list[Point]:
    """Merge vertices closer than ``eps`` times the polygon's size, drop the straight
    ones, start at the smallest ``(x, y)``; on exact input: repeated and collinear ones."""
    xs, ys = [v.x for v in vertices], [v.y for v in vertices]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    size2 = width * width + height * height

    def same(u: Point, v: Point) -> bool:
        dx, dy = u.x - v.x, u.y - v.y
        return sign(dx * dx + dy * dy, eps * eps, size2) == 0

    distinct: list[Point] = []
    for v in vertices:
        if not distinct or not same(distinct[-1], v):
            distinct.append(v)
    while len(distinct) > 1 and same(distinct[-1], distinct[0]):
        distinct.pop()
    n = len(distinct)
    corners = [
        v
        for i, v in enumerate(distinct)
        if orient(distinct[i - 1], v, distinct[(i + 1) % n], eps) != 0
    ]
    if len(corners) < 3:  # all collinear: a segment, or a single point
        ends = sorted(distinct, key=lambda v: (v.x, v.y))
        return ends[:1] if n == 1 else [ends[0], ends[-1]]
    start = min(range(len(corners)), key=lambda i: (corners[i].x, corners[i].y))
    return corners[start:] + corners[:start]

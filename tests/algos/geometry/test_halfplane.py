"""Half-plane intersection.

Oracles: a brute force written here on Fractions (every pairwise meeting point of the
boundary lines that satisfies every half-plane, then the strict convex hull of those
points by the monotone chain), compared for exact equality on small integer instances;
``scipy.spatial.HalfspaceIntersection`` with shapely on float instances that have a
known interior point; the same brute force on Fractions of the floats given.

Unmarked tests stay within the statement: integer points and directions with
``|x|, |y| <= 10^4``, bounded intersections (the box is passed as four half-planes), the
vertices counter-clockwise from any vertex.  ``edge`` tests check the reference's further
promises: ``Point`` objects from the smallest ``(x, y)``, exact Fractions and big ints, the
``bbox`` argument and the verdict on unbounded input, floats against scipy and against
the exact answer on the floats given, wherever the figure sits.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import shapely
from geometry_checks import BAD_TOLERANCES, POWERS_OF_TWO, naming
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.spatial import ConvexHull, HalfspaceIntersection

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

half_plane_intersection = exercise_fixture("half_plane_intersection")

Plane = tuple[tuple[Any, Any], tuple[Any, Any]]

# x >= 0, y >= 0, x <= 1, y <= 1 (each side walked counter-clockwise keeps the inside left).
SQUARE: list[Plane] = [((0, 0), (1, 0)), ((1, 0), (0, 1)), ((1, 1), (-1, 0)), ((0, 1), (0, -1))]
X_GE_0, Y_GE_0, X_LE_1, Y_LE_1 = ((0, 0), (0, -1)), SQUARE[0], SQUARE[1], SQUARE[2]


def pts(*coords: tuple[Any, Any]) -> list[Point]:
    return [Point(x, y) for x, y in coords]


def box_planes(bbox: tuple[Any, Any, Any, Any]) -> list[Plane]:
    x0, y0, x1, y1 = bbox
    return [((x0, y0), (1, 0)), ((x1, y0), (0, 1)), ((x1, y1), (-1, 0)), ((x0, y1), (0, -1))]


def brute_force(planes: list[Plane]) -> list[tuple[Fraction, Fraction]]:
    """Vertices of a bounded (or empty) intersection, counter-clockwise from the min (x, y).

    Meeting points are kept in homogeneous coordinates ``(X / W, Y / W)`` with ``W > 0``,
    so that on integer input every test runs on ints.
    """
    lines = [(*p, *d) for p, d in planes]
    found = set()
    for k, (px, py, dx, dy) in enumerate(lines):
        for qx, qy, ex, ey in lines[k + 1 :]:
            w = dx * ey - dy * ex
            if w == 0:
                continue
            t = (qx - px) * ey - (qy - py) * ex  # the meeting point is p + (t / w) d
            if w < 0:
                w, t = -w, -t
            x, y = px * w + t * dx, py * w + t * dy
            if all(fx * (y - gy * w) - fy * (x - gx * w) >= 0 for gx, gy, fx, fy in lines):
                found.add((Fraction(x) / w, Fraction(y) / w))
    return strict_hull(sorted(found))


def strict_hull(points: list[tuple[Fraction, Fraction]]) -> list[tuple[Fraction, Fraction]]:
    if len(points) <= 1:
        return points

    def turn(o: Any, a: Any, b: Any) -> Fraction:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    chains: list[list[tuple[Fraction, Fraction]]] = [[], []]
    for chain, sequence in zip(chains, (points, points[::-1]), strict=True):
        for p in sequence:
            while len(chain) >= 2 and turn(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
    return chains[0][:-1] + chains[1][:-1]


def recedes(planes: list[Plane]) -> bool:
    """Some direction v != 0 keeps every half-plane: the intersection is empty or unbounded.

    The cone {v : d x v >= 0 for all d} is nonzero iff it has an extreme ray along some +-d.
    """
    if not planes:
        return True
    directions = [d for _, d in planes]
    return any(
        all(dx * vy - dy * vx >= 0 for dx, dy in directions)
        for d in directions
        for vx, vy in (d, (-d[0], -d[1]))
    )


def expected_outcome(planes: list[Plane], bbox: Any) -> Any:
    """The brute-force answer, or the string "unbounded" where a ValueError is due."""
    if bbox is not None:
        return brute_force(planes + box_planes(bbox))
    if recedes(planes):
        # A nonempty intersection holds a vertex or a base point, all within 10**3 here.
        return "unbounded" if brute_force(planes + box_planes((-1000,) * 2 + (1000,) * 2)) else []
    return brute_force(planes)


def outcome(impl: Any, planes: list[Plane], bbox: Any) -> Any:
    try:
        return [(v.x, v.y) for v in impl(planes, bbox)]
    except ValueError as err:
        if "unbounded" not in str(err):
            raise
        return "unbounded"


def random_instance(rng: random.Random) -> tuple[list[Plane], Any]:
    """1 to 7 half-planes on a 7 x 7 grid; most keep the origin, so fewer come out empty."""
    planes = []
    for _ in range(rng.randint(1, 7)):
        (x, y), (dx, dy) = (rng.randint(-3, 3), rng.randint(-3, 3)), (0, 0)
        while (dx, dy) == (0, 0):
            dx, dy = rng.randint(-3, 3), rng.randint(-3, 3)
        if dx * -y - dy * -x < 0 and rng.random() < 0.7:
            dx, dy = -dx, -dy
        planes.append(((x, y), (dx, dy)))
    if rng.random() < 0.5:
        return planes, None
    x0, y0 = rng.randint(-4, 2), rng.randint(-4, 2)
    return planes, (x0, y0, x0 + rng.randint(1, 5), y0 + rng.randint(1, 5))


def normalised(vertices: list[Point]) -> list[tuple[Any, Any]]:
    """A cyclic vertex list started at its smallest (x, y)."""
    k = min(range(len(vertices)), key=lambda i: (vertices[i].x, vertices[i].y))
    return [(v.x, v.y) for v in vertices[k:] + vertices[:k]]


BIG = 10**4  # the constraint on coordinates


def bounded(planes: list[Plane], bbox: Any) -> list[Plane]:
    """The instance as the statement allows it: bounded, the box given as half-planes."""
    return planes + box_planes(bbox or (-4, -4, 4, 4))


def tangents(offset: float = 0.0, slide: float = 0.0) -> list[Plane]:
    """The 12 half-planes tangent to the unit circle at multiples of 30 degrees, the
    figure moved by ``(offset, offset)`` and each anchor slid ``slide`` along its line."""
    planes = []
    for k in range(12):
        nx, ny = math.cos(math.pi * k / 6), math.sin(math.pi * k / 6)
        planes.append(((nx - slide * ny + offset, ny + slide * nx + offset), (-ny, nx)))
    return planes


def exact_on_the_floats(planes: list[Plane]) -> list[tuple[Fraction, Fraction]]:
    return brute_force(
        [((Fraction(p[0]), Fraction(p[1])), (Fraction(d[0]), Fraction(d[1]))) for p, d in planes]
    )


def area(vertices: list[Any]) -> float:
    """The shoelace area relative to the first vertex (no cancellation from an offset)."""
    ox, oy = vertices[0]
    rel = [(float(x - ox), float(y - oy)) for x, y in vertices]
    return 0.5 * sum(a[0] * b[1] - a[1] * b[0] for a, b in zip(rel, rel[1:] + rel[:1], strict=True))


# ---------------------------------------------------------------- the statement


@pytest.mark.parametrize(
    ("planes", "expected"),
    [
        (SQUARE, [(0, 0), (1, 0), (1, 1), (0, 1)]),
        (SQUARE[::-1], [(0, 0), (1, 0), (1, 1), (0, 1)]),
        # x >= 0, y >= 0, 2x + 3y <= 2 (direction (-3, 2) through (1, 0))
        ([X_GE_0, Y_GE_0, ((1, 0), (-3, 2))], [(0, 0), (1, 0), (0, Fraction(2, 3))]),
        ([*SQUARE, ((2, 0), (0, -1))], []),  # and x >= 2
        ([*SQUARE, ((0, 3), (1, -1))], []),  # and x + y >= 3
        ([((0, 0), (1, 0)), ((5, 2), (-3, 0)), X_GE_0, X_LE_1], [(0, 0), (1, 0), (1, 2), (0, 2)]),
        ([((0, 1), (1, 0)), ((0, 0), (-1, 0)), X_LE_1, X_GE_0], []),  # y >= 1 and y <= 0
        # redundant planes: y >= -5, x + y <= 18, y >= 0 again (longer), x <= 1 again
        (
            [*SQUARE, ((0, -5), (1, 0)), ((9, 9), (-1, 1)), ((0, 0), (2, 0)), ((1, 7), (0, 3))],
            [(0, 0), (1, 0), (1, 1), (0, 1)],
        ),
        # x + y <= 1 through (1, 0) and (0, 1): three lines meet at (1, 0), once
        ([*SQUARE, ((1, 0), (-1, 1))], [(0, 0), (1, 0), (0, 1)]),
        ([X_GE_0, Y_GE_0, ((0, 0), (-1, 1))], [(0, 0)]),  # x + y <= 0 too: a point
        ([Y_GE_0, ((3, 0), (-1, 0)), X_GE_0, X_LE_1], [(0, 0), (1, 0)]),  # a segment
        ([*SQUARE, ((1, 1), (1, -1))], [(1, 1)]),  # x + y >= 2 touches the corner
        (
            box_planes((-(10**4), -(10**4), 10**4, 10**4)),
            [(-(10**4), -(10**4)), (10**4, -(10**4)), (10**4, 10**4), (-(10**4), 10**4)],
        ),
    ],
)
def test_worked_examples(half_plane_intersection, planes, expected) -> None:
    check(half_plane_intersection, planes, expected=expected)


def test_stress_vs_brute_force(half_plane_intersection, stress_cases) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases // 2):  # up to 11 planes: the brute force is O(n^3)
        planes = bounded(*random_instance(rng))
        check(half_plane_intersection, planes, expected=brute_force(planes))


@given(st.integers(0, 2**32), st.integers(-(10**3), 10**3), st.integers(-(10**3), 10**3))
def test_permutation_translation_quarter_turn(half_plane_intersection, seed, sx, sy) -> None:
    rnd = random.Random(seed)
    planes = bounded(*random_instance(rnd))
    got = brute_force(planes)
    shuffled = planes[:]
    rnd.shuffle(shuffled)
    check(half_plane_intersection, shuffled, expected=got)
    moved = [((x + sx, y + sy), d) for (x, y), d in planes]
    check(half_plane_intersection, moved, expected=[(x + sx, y + sy) for x, y in got])
    turned = [((-y, x), (-dy, dx)) for (x, y), (dx, dy) in planes]
    check(half_plane_intersection, turned, expected=[(-y, x) for x, y in got])
    # Sliding a base point along its line or scaling a direction keeps the half-plane.
    same = [((x + 2 * dx, y + 2 * dy), (3 * dx, 3 * dy)) for (x, y), (dx, dy) in planes]
    check(half_plane_intersection, same, expected=got)


def test_many_half_planes(half_plane_intersection) -> None:
    # 10^4 half-planes (the constraint) tangent to a circle of radius 5000 at integer points.
    rng = random.Random(4)
    planes = []
    for _ in range(10**4):
        t = rng.uniform(0, 2 * math.pi)
        x, y = round(5000 * math.cos(t)), round(5000 * math.sin(t))
        planes.append(((x, y), (-y, x)))
    got = half_plane_intersection(planes)
    hull = ConvexHull(
        HalfspaceIntersection(
            np.array([[x, y, -(x * x + y * y)] for (x, y), _ in planes], dtype=float), np.zeros(2)
        ).intersections
    )
    assert area([tuple(v) for v in got]) == pytest.approx(hull.volume, rel=1e-9)


# ---------------------------------------------------------------- edge: the reference's promises


@edge
def test_points_from_the_smallest_xy_exactly(half_plane_intersection) -> None:
    assert half_plane_intersection(SQUARE[::-1]) == pts((0, 0), (1, 0), (1, 1), (0, 1))
    assert half_plane_intersection(np.array(SQUARE)) == pts((0, 0), (1, 0), (1, 1), (0, 1))
    triangle = [X_GE_0, Y_GE_0, ((1, 0), (-3, 2))]
    assert half_plane_intersection(triangle) == pts((0, 0), (1, 0), (0, Fraction(2, 3)))
    # The square scaled by 2**100 and moved by 2**400: far beyond float range and precision.
    k, s = 2**100, 2**400
    planes = [((s + x * k, s + y * k), (dx, dy)) for (x, y), (dx, dy) in SQUARE]
    cut = ((s + k, s), (-1, 1))  # x + y <= 2 s + k, through two corners
    assert half_plane_intersection([*planes, cut]) == pts((s, s), (s + k, s), (s, s + k))


@edge
def test_stress_exact_points_and_the_unbounded_verdict(
    half_plane_intersection, stress_cases
) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases):
        planes, bbox = random_instance(rng)
        expected = expected_outcome(planes, bbox)
        got = outcome(half_plane_intersection, planes, bbox)
        assert got == expected, f"planes={planes} bbox={bbox}: got {got}, expected {expected}"


@edge
def test_bbox_and_unbounded_inputs(half_plane_intersection) -> None:
    strip = [((0, 0), (1, 0)), ((5, 2), (-3, 0))]  # 0 <= y <= 2
    with pytest.raises(ValueError, match="unbounded"):
        half_plane_intersection(strip)
    assert half_plane_intersection(strip, bbox=(-1, -1, 1, 1)) == pts(
        (-1, 0), (1, 0), (1, 1), (-1, 1)
    )
    assert half_plane_intersection([], bbox=(0, 0, 2, 1)) == pts((0, 0), (2, 0), (2, 1), (0, 1))
    quadrant = [X_GE_0, Y_GE_0]
    assert half_plane_intersection(quadrant, bbox=(-1, -1, 3, 3)) == pts(
        (0, 0), (3, 0), (3, 3), (0, 3)
    )
    assert half_plane_intersection([Y_GE_0, ((3, 0), (-1, 0))], bbox=(-2, -1, 2, 1)) == pts(
        (-2, 0), (2, 0)
    )
    for planes in ([], [Y_GE_0], quadrant, [Y_GE_0, ((0, 0), (-1, 0))], [*quadrant, X_LE_1]):
        with pytest.raises(ValueError, match="unbounded"):
            half_plane_intersection(planes)
    # Opposite and disjoint: empty, not unbounded, with or without a box or a third plane.
    assert half_plane_intersection([((0, 1), (1, 0)), ((0, 0), (-1, 0))]) == []
    assert half_plane_intersection([((0, 1), (1, 0)), ((0, 0), (-1, 0))], bbox=(0, 0, 1, 1)) == []
    assert half_plane_intersection([((0, 1), (1, 0)), ((0, 0), (-1, 0)), X_LE_1]) == []


fractions = st.builds(Fraction, st.integers(-12, 12), st.sampled_from([1, 2, 3, 4]))
exact_planes = st.lists(
    st.tuples(
        st.tuples(fractions, fractions),
        st.tuples(fractions, fractions).filter(lambda d: d != (0, 0)),
    ),
    max_size=6,
)


@edge
@given(exact_planes)
def test_fractions_vs_brute_force(half_plane_intersection, planes) -> None:
    bbox = (-2, -2, Fraction(5, 2), 2)
    assert outcome(half_plane_intersection, planes, bbox) == expected_outcome(planes, bbox)


@edge
def test_float_stress_vs_brute_force(half_plane_intersection, stress_cases) -> None:
    """The same instances as floats: exact decisions find the same degeneracies."""
    rng = random.Random(3)
    for _ in range(stress_cases // 2):
        planes, bbox = random_instance(rng)
        expected = expected_outcome(planes, bbox)
        as_float = [((float(x), float(y)), (float(dx), float(dy))) for (x, y), (dx, dy) in planes]
        got = outcome(half_plane_intersection, as_float, bbox and tuple(map(float, bbox)))
        message = f"planes={as_float} bbox={bbox}: got {got}, expected {expected}"
        if isinstance(expected, str) or isinstance(got, str):
            assert got == expected, message
            continue
        # Vertices of lines through small integers: a few roundings of O(10) values, so
        # ~1e-14 off at most; 1e-9 is loose for that and tight against a wrong vertex.
        assert len(got) == len(expected), message
        for (x, y), (ex, ey) in zip(got, expected, strict=True):
            assert abs(x - ex) <= 1e-9, message
            assert abs(y - ey) <= 1e-9, message


@edge
def test_floats_touching_merge_within_eps(half_plane_intersection) -> None:
    square = [((float(x), float(y)), (float(dx), float(dy))) for (x, y), (dx, dy) in SQUARE]
    assert half_plane_intersection(square) == pts((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
    # x + y <= 2 - 2e-14 cuts the corner (1, 1) by an edge of 3e-14: within eps times the
    # square's size the two vertices are one; with eps = 0 the cut is kept.
    touching = ((1.0 + 1e-14, 1.0 - 3e-14), (-1.0, 1.0))
    got = half_plane_intersection([*square, touching])
    assert len(got) == 4
    for v, (x, y) in zip(got, [(0, 0), (1, 0), (1, 1), (0, 1)], strict=True):
        assert abs(v.x - x) <= 1e-13
        assert abs(v.y - y) <= 1e-13
    assert len(half_plane_intersection([*square, touching], eps=0.0)) == 5


@edge
@pytest.mark.parametrize("offset", [0.0, 1e6, 1e9, 1e10])
def test_the_tangents_far_from_the_origin(half_plane_intersection, offset) -> None:
    # Issue 8: merging vertices by eps times the coordinates gave 4 vertices at 1e9 and 1
    # at 1e10.  The exact answer on the floats given has 12; so must the float one.
    planes = tangents(offset=offset)
    got = half_plane_intersection(planes)
    expected = exact_on_the_floats(planes)
    assert len(got) == len(expected) == 12
    # Vertices are rounded to the floats near the offset: 2**-52 * 1e10 ~ 2e-6.
    for v, (x, y) in zip(got, expected, strict=True):
        assert math.dist(v, (float(x), float(y))) <= 4 * 2**-52 * max(1.0, offset)
    assert area(got) == pytest.approx(area(expected), rel=1e-5)


@edge
@pytest.mark.parametrize("slide", [1e4, 1e8, 1e9])
def test_the_tangents_with_anchors_slid_along_their_lines(half_plane_intersection, slide) -> None:
    # Issue 8: rebuilding each direction as (p + d) - p gave area 3.1928 at 1e8 and no
    # polygon at 1e9; the exact answer on the floats given is the 12-gon, up to the
    # rounding of the anchors (1e9 * 2**-52 ~ 2e-7).
    planes = tangents(slide=slide)
    got = half_plane_intersection(planes)
    expected = exact_on_the_floats(planes)
    assert len(got) == len(expected) == 12
    assert area(got) == pytest.approx(area(expected), rel=1e-6)
    assert area(got) == pytest.approx(12 * math.tan(math.pi / 12), rel=1e-6)


@edge
@given(
    st.integers(0, 2**32), st.integers(-(2**30), 2**30), st.integers(-(2**30), 2**30), POWERS_OF_TWO
)
def test_floats_are_invariant_under_translation_and_scaling(
    half_plane_intersection, seed, sx, sy, scale
):
    # Integer anchors and directions as floats, translated by integers: every float is
    # exact, and every decision is made of the planes, never of rebuilt points.
    planes = bounded(*random_instance(random.Random(seed)))
    as_float = [((float(x), float(y)), (float(dx), float(dy))) for (x, y), (dx, dy) in planes]
    got = half_plane_intersection(as_float)
    moved = half_plane_intersection([((x + sx, y + sy), d) for (x, y), d in as_float])
    assert len(moved) == len(got)
    for v, w in zip(moved, got, strict=True):  # constructed at 2**30: ulps of 2**-22
        assert math.dist(v, (w.x + sx, w.y + sy)) <= 1e-6
    scaled = half_plane_intersection([((x * scale, y * scale), d) for (x, y), d in as_float])
    assert scaled == [Point(v.x * scale, v.y * scale) for v in got]


def circle_planes(draws: list[tuple[float, float, float, float]]) -> list[Plane]:
    """Half-planes u . x <= r (u at angle theta), so the origin is strictly inside each.

    The base point slides along the line by ``t`` and the direction is scaled by ``s``:
    neither changes the half-plane.
    """
    planes = []
    for theta, r, t, s in draws:
        ux, uy = math.cos(theta), math.sin(theta)
        planes.append(((r * ux - t * uy, r * uy + t * ux), (-uy * s, ux * s)))
    return planes


float_draws = st.lists(
    st.tuples(
        st.floats(0, 2 * math.pi),
        st.floats(0.1, 10),
        st.floats(-10, 10),
        st.floats(1e-3, 1e3),
    ),
    max_size=25,
)


@edge
@given(float_draws)
# Within eps of each other only after a merge: the merge must go on backwards.
@example(draws=[(1e-09, 6.0, 0.0, 1.0), (1e-09, 5.0, 0.0, 6.0)])
def test_floats_vs_scipy_halfspace_intersection(half_plane_intersection, draws) -> None:
    planes = circle_planes(draws)
    bbox = (-20.0, -20.0, 20.0, 20.0)
    got = half_plane_intersection(planes, bbox=bbox)
    # scipy's rows [a, b, c] mean a x + b y + c <= 0.
    rows = [[math.cos(theta), math.sin(theta), -r] for theta, r, _, _ in draws]
    rows += [[-1, 0, -20.0], [1, 0, -20.0], [0, -1, -20.0], [0, 1, -20.0]]
    scipy_vertices = HalfspaceIntersection(np.array(rows), np.zeros(2)).intersections
    hull = ConvexHull(scipy_vertices)
    ours = shapely.Polygon([(v.x, v.y) for v in got])
    assert ours.is_valid
    assert shapely.Polygon(ours.exterior.coords).exterior.is_ccw
    # The decisions are exact and the vertices good to ~1e-15 relative; eps merges
    # vertices within 1e-9 of the box's 57 and drops turns within 1e-9 of straight.
    # 1e-7 covers that and qhull's merging, and is tiny against a real mistake (the
    # polygon holds the disk of radius 0.1).
    tol = 1e-7
    assert math.isclose(ours.area, hull.volume, rel_tol=tol)
    for x, y in scipy_vertices[hull.vertices]:
        assert ours.exterior.distance(shapely.Point(x, y)) <= tol
    scipy_polygon = shapely.Polygon(scipy_vertices[hull.vertices])
    for v in got:
        assert scipy_polygon.exterior.distance(shapely.Point(v.x, v.y)) <= tol


@edge
def test_output_is_a_strictly_convex_ccw_polygon_inside_every_plane(
    half_plane_intersection, stress_cases
) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases // 4):
        planes, _ = random_instance(rng)
        got = half_plane_intersection(planes, bbox=(-3, -3, 3, 3))
        for v in got:
            for (px, py), (dx, dy) in planes:
                assert dx * (v.y - py) - dy * (v.x - px) >= 0, (planes, v)
        n = len(got)
        for k in range(n if n >= 3 else 0):
            a, b, c = got[k - 1], got[k], got[(k + 1) % n]
            assert (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) > 0, (planes, got)


@edge
def test_no_mutation(half_plane_intersection) -> None:
    planes = [[[0, 0], [1, 0]], [[1, 0], [0, 1]], [[1, 1], [-1, 0]], [[0, 1], [0, -1]]]
    kept = [[p[:], d[:]] for p, d in planes]
    bbox = [-1, -1, 2, 2]
    half_plane_intersection(planes, bbox=bbox)
    assert planes == kept
    assert bbox == [-1, -1, 2, 2]
    array = np.array(SQUARE, dtype=float)
    copy = array.copy()
    half_plane_intersection(array)
    np.testing.assert_array_equal(array, copy)


# ---------------------------------------------------------------- contract: bad input


@contract
@pytest.mark.parametrize(
    ("planes", "bbox", "error", "argument"),
    [
        ([*SQUARE[:2], ((0, 0), (0, 0))], None, ValueError, "halfplanes[2]"),
        ([((0, 0), (1, 0), (2, 2))], None, ValueError, "halfplanes[0]"),
        ([5], None, TypeError, "halfplanes[0]"),
        ([((0, math.nan), (1, 0))], None, ValueError, "halfplanes[0]"),
        ([((0, 0), (1, "a"))], None, TypeError, "halfplanes[0]"),
        (7, None, TypeError, "halfplanes"),
        ("ab", None, TypeError, "halfplanes"),
        (SQUARE, (0, 0, 1), ValueError, "bbox"),
        (SQUARE, (0, 0, 0, 1), ValueError, "bbox"),
        (SQUARE, (0, 2, 1, 1), ValueError, "bbox"),
        (SQUARE, (0, 0, math.inf, 1), ValueError, "bbox"),
        (SQUARE, (0, 0, "1", 1), TypeError, "bbox"),
        (SQUARE[:3], None, ValueError, "bbox"),  # unbounded: the message says to pass one
    ],
)
def test_bad_input(half_plane_intersection, planes, bbox, error, argument) -> None:
    with pytest.raises(error, match=naming(argument)):
        half_plane_intersection(planes, bbox=bbox)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(half_plane_intersection, eps) -> None:
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        half_plane_intersection(SQUARE, eps=eps)


def test_a_tiny_direction_far_away_is_a_half_plane_too(half_plane_intersection) -> None:
    # (1e20, 0) + (1, 0) rounds back to (1e20, 0): nothing is rebuilt from p + d.
    planes = [((1e20, 0.0), (1.0, 0.0)), ((0.0, 1.0), (-1.0, 0.0)), ((0.0, 0.0), (0.0, -1.0))]
    assert half_plane_intersection(planes, bbox=(-1.0, -1.0, 1.0, 2.0)) == pts(
        (0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)
    )

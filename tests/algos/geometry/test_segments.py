"""Segments and lines: incidence, intersection, projection and distance.

Oracles: a rational brute force written here (the parametric equations ``p1 + t u =
q1 + s v`` solved by Cramer's rule, with the collinear overlap found by projecting onto
one segment), shapely's ``LineString.intersection``/``distance``, and exact identities
(a projection is on the line and orthogonal to it).  The kactl-style stress tests run
``stress_cases`` random instances on the grid ``[-4, 4]^2``, where collinear, touching,
repeated and zero-length cases are frequent.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from hypothesis import assume, given
from hypothesis import strategies as st

from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

point_on_segment = exercise_fixture("point_on_segment")
segments_intersect = exercise_fixture("segments_intersect")
segment_intersection = exercise_fixture("segment_intersection")
line_intersection = exercise_fixture("line_intersection")
point_segment_distance = exercise_fixture("point_segment_distance")
project = exercise_fixture("project")

Pair = tuple[int, int]
grid = st.tuples(st.integers(-20, 20), st.integers(-20, 20))
wide = st.tuples(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
floats = st.floats(-100, 100, allow_nan=False)
float_points = st.tuples(floats, floats)


# ---------------------------------------------------------------- worked examples


@pytest.mark.parametrize(
    ("p1", "p2", "q1", "q2", "expected"),
    [
        ((0, 0), (2, 2), (0, 2), (2, 0), [(1, 1)]),  # proper crossing
        ((0, 0), (1, 1), (0, 1), (1, 0), [(Fraction(1, 2), Fraction(1, 2))]),
        ((0, 0), (3, 1), (0, 1), (1, 0), [(Fraction(3, 4), Fraction(1, 4))]),
        ((0, 0), (2, 0), (1, 0), (1, 5), [(1, 0)]),  # T: an endpoint inside the other
        ((0, 0), (2, 0), (2, 0), (3, 5), [(2, 0)]),  # shared endpoint
        ((0, 0), (4, 0), (1, 0), (3, 0), [(1, 0), (3, 0)]),  # collinear containment
        ((0, 0), (4, 0), (3, 0), (1, 0), [(1, 0), (3, 0)]),  # ... anti-parallel
        ((0, 0), (3, 3), (1, 1), (5, 5), [(1, 1), (3, 3)]),  # collinear partial overlap
        ((4, 0), (0, 0), (0, 0), (4, 0), [(0, 0), (4, 0)]),  # identical, reversed
        ((0, 0), (2, 0), (2, 0), (5, 0), [(2, 0)]),  # collinear, touching at one point
        ((0, 0), (1, 0), (2, 0), (3, 0), []),  # collinear, apart
        ((0, 0), (1, 0), (0, 1), (1, 1), []),  # parallel
        ((0, 0), (1, 0), (3, 1), (0, 1), []),  # parallel, anti-parallel direction
        ((0, 0), (1, 1), (3, 0), (2, 1), []),  # lines cross outside both segments
        ((1, 1), (1, 1), (0, 0), (2, 2), [(1, 1)]),  # zero-length on a segment
        ((1, 2), (1, 2), (0, 0), (2, 2), []),  # zero-length off it
        ((3, 3), (3, 3), (3, 3), (3, 3), [(3, 3)]),  # two equal points
        ((3, 3), (3, 3), (3, 4), (3, 4), []),  # two different points
        ((0.0, 0.0), (2.0, 2.0), (0.0, 2.0), (2.0, 0.0), [(1.0, 1.0)]),
    ],
)
def test_segment_intersection_examples(
    segment_intersection, segments_intersect, p1, p2, q1, q2, expected
) -> None:
    got = segment_intersection(p1, p2, q1, q2)
    assert [tuple(p) for p in got] == expected
    assert all(isinstance(p, Point) for p in got)
    assert segments_intersect(p1, p2, q1, q2) == bool(expected)


def test_exact_results_are_exact_types(segment_intersection, line_intersection, project) -> None:
    (x,) = segment_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    assert isinstance(x.x, Fraction)
    assert x.x == Fraction(1, 2)
    assert line_intersection((0, 0), (3, 1), (0, 1), (1, 0)) == Point(
        Fraction(3, 4), Fraction(1, 4)
    )
    assert project((0, 1), (0, 0), (1, 1)) == Point(Fraction(1, 2), Fraction(1, 2))
    big = 10**30  # far beyond float precision: still exact
    assert line_intersection((0, 0), (big, 1), (0, 1), (big, 0)) == Point(
        Fraction(big, 2), Fraction(1, 2)
    )


def test_point_on_segment_examples(point_on_segment) -> None:
    assert point_on_segment((1, 1), (0, 0), (2, 2))
    assert point_on_segment((0, 0), (0, 0), (2, 2))  # endpoints count
    assert point_on_segment((2, 2), (0, 0), (2, 2))
    assert not point_on_segment((3, 3), (0, 0), (2, 2))  # on the line, beyond the end
    assert not point_on_segment((1, 2), (0, 0), (2, 2))
    assert point_on_segment((5, 5), (5, 5), (5, 5))  # a zero-length segment is its point
    assert not point_on_segment((5, 6), (5, 5), (5, 5))
    assert point_on_segment((0.5, 0.5), (0.0, 0.0), (1.0, 1.0))
    # 0.1 * 3 is not exactly 0.3: collinear only within the tolerance.
    assert point_on_segment((0.1, 0.1 * 3), (0.0, 0.0), (0.2, 0.6))
    assert not point_on_segment((0.1, 0.1 * 3), (0.0, 0.0), (0.2, 0.6), eps=0.0)


def test_line_intersection_examples(line_intersection) -> None:
    assert line_intersection((0, 0), (1, 1), (0, 1), (1, 0)) == Point(
        Fraction(1, 2), Fraction(1, 2)
    )
    assert line_intersection((0, 0), (1, 0), (7, -1), (7, 1)) == Point(7, 0)  # beyond p1p2
    assert line_intersection((0, 0), (1, 0), (0, 1), (1, 1)) is None  # parallel
    assert line_intersection((0, 0), (1, 0), (5, 0), (6, 0)) is None  # coincident
    assert line_intersection((0, 0), (1, 0), (6, 0), (5, 0)) is None  # coincident, reversed
    assert line_intersection((0.0, 0.0), (2.0, 0.0), (1.0, -1.0), (1.0, 1.0)) == Point(1.0, 0.0)
    # Within eps of parallel (sine of the angle ~1e-12) counts as parallel on floats.
    assert line_intersection((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0 + 1e-12)) is None


def test_distance_and_projection_examples(point_segment_distance, project) -> None:
    assert point_segment_distance((1, 1), (0, 0), (2, 0)) == 1.0
    assert point_segment_distance((-3, 4), (0, 0), (2, 0)) == 5.0  # nearest is endpoint a
    assert point_segment_distance((5, 4), (0, 0), (2, 0)) == 5.0  # nearest is endpoint b
    assert point_segment_distance((1, 0), (0, 0), (2, 0)) == 0.0
    assert point_segment_distance((3, 4), (0, 0), (0, 0)) == 5.0  # zero-length segment
    assert isinstance(point_segment_distance((1, 0), (0, 0), (2, 0)), float)
    assert project((1, 5), (0, 0), (4, 0)) == Point(1, 0)
    assert project((7, 5), (0, 0), (4, 0)) == Point(7, 0)  # the line, not the segment
    assert project((3, 7), (1, 1), (1, 2)) == Point(1, 7)
    assert project((2.0, 2.0), (0.0, 0.0), (4.0, 0.0)) == Point(2.0, 0.0)


# ---------------------------------------------------------------- errors, inputs


@pytest.mark.contract
def test_lines_need_two_distinct_points(line_intersection, project) -> None:
    with pytest.raises(ValueError, match=r"p1 and p2 must be distinct"):
        line_intersection((1, 1), (1, 1), (0, 0), (1, 0))
    with pytest.raises(ValueError, match=r"q1 and q2 must be distinct"):
        line_intersection((0, 0), (1, 0), (2, 2), (2, 2))
    with pytest.raises(ValueError, match=r"a and b must be distinct"):
        project((0, 0), (1, 1), (1, 1))


@pytest.mark.contract
def test_bad_points_are_named(
    segment_intersection, segments_intersect, point_on_segment, point_segment_distance
) -> None:
    with pytest.raises(ValueError, match=r"q2 must have finite coordinates"):
        segment_intersection((0, 0), (1, 1), (0, 1), (math.nan, 0))
    with pytest.raises(ValueError, match=r"p1 must have finite coordinates"):
        segments_intersect((math.inf, 0), (1, 1), (0, 1), (1, 0))
    with pytest.raises(ValueError, match=r"p must be a pair"):
        point_on_segment((0, 0, 0), (0, 0), (1, 1))
    with pytest.raises(TypeError, match=r"a must have real-number coordinates"):
        point_segment_distance((0, 0), ("0", 0), (1, 1))


def test_accepts_arrays_and_does_not_mutate(segment_intersection, project) -> None:
    p1, p2 = np.array([0, 0]), np.array([2, 2])
    q1, q2 = [0, 2], [2, 0]
    assert segment_intersection(p1, p2, q1, q2) == [Point(1, 1)]
    assert project(q1, p1, p2) == Point(1, 1)
    assert [p1.tolist(), p2.tolist(), q1, q2] == [[0, 0], [2, 2], [0, 2], [2, 0]]


# ---------------------------------------------------------------- brute force (exact)


def _sub(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> tuple[Fraction, Fraction]:
    return (a[0] - b[0], a[1] - b[1])


def _det(u: tuple[Fraction, ...], v: tuple[Fraction, ...]) -> Fraction:
    return u[0] * v[1] - u[1] * v[0]


def _brute_on(p: Pair, a: Pair, b: Pair) -> bool:
    """p = a + t (b - a) for one t in [0, 1], t read off a coordinate that moves."""
    if a == b:
        return p == a
    axis = 0 if a[0] != b[0] else 1
    t = Fraction(p[axis] - a[axis], b[axis] - a[axis])
    return 0 <= t <= 1 and all(a[k] + t * (b[k] - a[k]) == p[k] for k in (0, 1))


def _brute_intersection(p1: Pair, p2: Pair, q1: Pair, q2: Pair) -> list[tuple[Fraction, ...]]:
    """Solve p1 + t u = q1 + s v by Cramer's rule; collinear overlap by projection on p."""
    P1, P2, Q1, Q2 = (tuple(Fraction(c) for c in pt) for pt in (p1, p2, q1, q2))
    u, v, w = _sub(P2, P1), _sub(Q2, Q1), _sub(Q1, P1)
    den = _det(u, v)
    if den != 0:
        t, s = _det(w, v) / den, _det(w, u) / den
        if 0 <= t <= 1 and 0 <= s <= 1:
            return [(P1[0] + t * u[0], P1[1] + t * u[1])]
        return []
    if u == (0, 0) or v == (0, 0):  # at least one point: test it on the other segment
        if u == (0, 0):
            return [P1] if _brute_on(p1, q1, q2) else []
        return [Q1] if _brute_on(q1, p1, p2) else []
    if _det(u, w) != 0:
        return []  # parallel, on different lines
    uu = u[0] * u[0] + u[1] * u[1]
    t1 = (w[0] * u[0] + w[1] * u[1]) / uu
    t2 = t1 + (v[0] * u[0] + v[1] * u[1]) / uu
    lo, hi = max(Fraction(0), min(t1, t2)), min(Fraction(1), max(t1, t2))
    if lo > hi:
        return []
    ends = {(P1[0] + t * u[0], P1[1] + t * u[1]) for t in (lo, hi)}
    return sorted(ends)


def _random_segments(rng: random.Random) -> tuple[Pair, Pair, Pair, Pair]:
    p1, p2, q1, q2 = ((rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(4))
    return p1, p2, q1, q2


def test_stress_segment_intersection_vs_brute(
    segment_intersection, segments_intersect, stress_cases
) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases):
        case = _random_segments(rng)
        expected = _brute_intersection(*case)
        got = [tuple(p) for p in segment_intersection(*case)]
        assert got == expected, f"segment_intersection{case}: got {got}, expected {expected}"
        assert segments_intersect(*case) == bool(expected), f"segments_intersect{case}"


def test_stress_point_on_segment_vs_brute(point_on_segment, stress_cases) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases):
        p, a, b = ((rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(3))
        assert point_on_segment(p, a, b) == _brute_on(p, a, b), f"point_on_segment{(p, a, b)}"


# ---------------------------------------------------------------- properties vs shapely


def _shapely_points(geometry: shapely.Geometry) -> list[tuple[float, float]]:
    """The intersection as [] / [point] / the two ends of an overlap, sorted."""
    if geometry.is_empty:
        return []
    coords = sorted({tuple(c) for c in shapely.get_coordinates(geometry).tolist()})
    return [coords[0], coords[-1]] if len(coords) > 1 else coords


@given(wide, wide, wide, wide)
def test_segment_intersection_vs_shapely_integers(segment_intersection, p1, p2, q1, q2) -> None:
    assume(p1 != p2 and q1 != q2)  # shapely's zero-length line strings are degenerate
    expected = _shapely_points(
        shapely.LineString([p1, p2]).intersection(shapely.LineString([q1, q2]))
    )
    got = segment_intersection(p1, p2, q1, q2)
    assert len(got) == len(expected)
    # GEOS rounds a crossing to doubles; coordinates up to 1e6 give errors of ~1e-10.
    assert _flat(got) == pytest.approx(_flat(expected), abs=1e-6)


@given(grid, grid, grid, grid)
def test_small_grid_intersection_vs_shapely(segment_intersection, p1, p2, q1, q2) -> None:
    # Nearly parallel segments on a small grid: every decision must still be exact.
    assume(p1 != p2 and q1 != q2)
    expected = _shapely_points(
        shapely.LineString([p1, p2]).intersection(shapely.LineString([q1, q2]))
    )
    got = segment_intersection(p1, p2, q1, q2)
    assert _flat(got) == pytest.approx(_flat(expected), abs=1e-12)


@given(float_points, float_points, float_points, float_points)
def test_float_crossing_vs_shapely(segment_intersection, p1, p2, q1, q2) -> None:
    def sine(a, b, c):
        u, v = (b[0] - a[0], b[1] - a[1]), (c[0] - a[0], c[1] - a[1])
        norms = math.hypot(*u) * math.hypot(*v)
        return 0.0 if norms == 0 else (u[0] * v[1] - u[1] * v[0]) / norms

    # Away from degenerate configurations -- the segments far from parallel, every
    # endpoint far from the other segment -- the answer is not a matter of tolerance.
    p, q = shapely.LineString([p1, p2]), shapely.LineString([q1, q2])
    assume(abs(sine((0, 0), (p2[0] - p1[0], p2[1] - p1[1]), (q2[0] - q1[0], q2[1] - q1[1]))) > 1e-6)
    assume(min(q.distance(shapely.Point(p1)), q.distance(shapely.Point(p2))) > 1e-6)
    assume(min(p.distance(shapely.Point(q1)), p.distance(shapely.Point(q2))) > 1e-6)
    expected = _shapely_points(p.intersection(q))
    got = segment_intersection(p1, p2, q1, q2)
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        # |coordinates| <= 100 and angles >= 1e-6: conditioning bounds the error by ~1e-8.
        assert (g.x, g.y) == pytest.approx(e, abs=1e-7)


@given(st.one_of(wide, float_points), st.one_of(wide, float_points), st.one_of(wide, float_points))
def test_distance_vs_shapely(point_segment_distance, p, a, b) -> None:
    assume(math.dist(a, b) > 1e-6)  # GEOS gives inf for segments of subnormal length
    expected = shapely.Point(p).distance(shapely.LineString([a, b]))
    # A few roundings of quantities of size |coordinates|^2: relative error ~1e-15, plus
    # absolute cancellation near zero distance.
    assert point_segment_distance(p, a, b) == pytest.approx(expected, rel=1e-9, abs=1e-6)


# ---------------------------------------------------------------- exact identities


@given(wide, wide, wide)
def test_projection_is_on_the_line_and_orthogonal(project, p, a, b) -> None:
    assume(a != b)
    x = project(p, a, b)
    u = (b[0] - a[0], b[1] - a[1])
    assert (x.x - a[0]) * u[1] - (x.y - a[1]) * u[0] == 0
    assert (p[0] - x.x) * u[0] + (p[1] - x.y) * u[1] == 0


@given(wide, wide, wide, wide)
def test_line_intersection_is_on_both_lines(line_intersection, p1, p2, q1, q2) -> None:
    assume(p1 != p2 and q1 != q2)
    x = line_intersection(p1, p2, q1, q2)
    u, v = (p2[0] - p1[0], p2[1] - p1[1]), (q2[0] - q1[0], q2[1] - q1[1])
    assert (x is None) == (u[0] * v[1] - u[1] * v[0] == 0)
    if x is not None:
        assert (x.x - p1[0]) * u[1] - (x.y - p1[1]) * u[0] == 0
        assert (x.x - q1[0]) * v[1] - (x.y - q1[1]) * v[0] == 0


@given(wide, wide, wide)
def test_distance_is_zero_exactly_on_the_segment(
    point_segment_distance, point_on_segment, p, a, b
) -> None:
    t = Fraction(1, 3)
    on = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    assert point_segment_distance(on, a, b) == 0.0
    assert point_on_segment(on, a, b)
    assert (point_segment_distance(p, a, b) == 0.0) == point_on_segment(p, a, b)


# ---------------------------------------------------------------- invariants


def _flat(points: list) -> list[float]:
    return [float(c) for p in points for c in p]


def _moved(points: list[tuple], dx: int, dy: int) -> list[tuple]:
    return [(x + dx, y + dy) for x, y in points]


def _turned(points: list[tuple]) -> list[tuple]:
    return [(-y, x) for x, y in points]  # a quarter turn, exact


@given(grid, grid, grid, grid, grid)
def test_intersection_invariants(segment_intersection, p1, p2, q1, q2, shift) -> None:
    got = [tuple(p) for p in segment_intersection(p1, p2, q1, q2)]
    for args in [(p2, p1, q1, q2), (p1, p2, q2, q1), (q1, q2, p1, p2), (q2, q1, p2, p1)]:
        assert [tuple(p) for p in segment_intersection(*args)] == got
    moved = segment_intersection(*_moved([p1, p2, q1, q2], *shift))
    assert [tuple(p) for p in moved] == _moved(got, *shift)
    turned = segment_intersection(*_turned([p1, p2, q1, q2]))
    assert [tuple(p) for p in turned] == sorted(_turned(got))


@given(float_points, float_points, float_points, float_points)
def test_float_answers_do_not_depend_on_argument_order(
    segment_intersection, p1, p2, q1, q2
) -> None:
    got = segment_intersection(p1, p2, q1, q2)
    for args in [(p2, p1, q1, q2), (q1, q2, p1, p2), (q2, q1, p2, p1)]:
        assert _flat(segment_intersection(*args)) == pytest.approx(_flat(got), abs=1e-9)

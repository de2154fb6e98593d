"""Segments: incidence, intersection and the distance from a point.

Oracles: a rational brute force written here (the parametric equations ``p1 + t u =
q1 + s v`` solved by Cramer's rule, the collinear overlap found by projecting onto one
segment), run on Fractions -- of the integers, or of the floats given; shapely's
``LineString.intersection``/``distance``.  The kactl-style stress tests run
``stress_cases`` random instances on the grid ``[-4, 4]^2``, where collinear, touching,
repeated and zero-length cases are frequent.

Unmarked tests stay within the statement (integer coordinates, ``|x|, |y| <= 10^4``),
comparing answers by value within a float tolerance.  ``edge`` tests check the reference's
further promises: exact Fractions and ``Point`` objects, the float tolerance, shallow
float crossings against the exact oracle, invariance under exact translations and
scalings, argument order.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from geometry_checks import (
    BAD_TOLERANCES,
    INT_POINT,
    POWERS_OF_TWO,
    SHIFTS,
    dyadic_points,
    naming,
)
from hypothesis import assume, given
from hypothesis import strategies as st

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

point_on_segment = exercise_fixture("point_on_segment")
segments_intersect = exercise_fixture("segments_intersect")
segment_intersection = exercise_fixture("segment_intersection")
point_segment_distance = exercise_fixture("point_segment_distance")

Pair = tuple[int, int]
grid = st.tuples(st.integers(-20, 20), st.integers(-20, 20))
floats = st.floats(-100, 100, allow_nan=False)
float_points = st.tuples(floats, floats)


# ---------------------------------------------------------------- the exact oracle


def _sub(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> tuple[Fraction, Fraction]:
    return (a[0] - b[0], a[1] - b[1])


def _det(u: tuple[Fraction, ...], v: tuple[Fraction, ...]) -> Fraction:
    return u[0] * v[1] - u[1] * v[0]


def brute_on(p: tuple, a: tuple, b: tuple) -> bool:
    """p = a + t (b - a) for one t in [0, 1], t read off a coordinate that moves."""
    if a == b:
        return p == a
    axis = 0 if a[0] != b[0] else 1
    t = Fraction(p[axis] - a[axis]) / (Fraction(b[axis]) - a[axis])
    return 0 <= t <= 1 and all(a[k] + t * (b[k] - a[k]) == p[k] for k in (0, 1))


def brute_intersection(p1: tuple, p2: tuple, q1: tuple, q2: tuple) -> list[tuple[Fraction, ...]]:
    """Solve p1 + t u = q1 + s v by Cramer's rule; collinear overlap by projection on p.

    Exact on the numbers given: floats are taken as the Fractions they are.
    """
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
            return [P1] if brute_on(P1, Q1, Q2) else []
        return [Q1] if brute_on(Q1, P1, P2) else []
    if _det(u, w) != 0:
        return []  # parallel, on different lines
    uu = u[0] * u[0] + u[1] * u[1]
    t1 = (w[0] * u[0] + w[1] * u[1]) / uu
    t2 = t1 + (v[0] * u[0] + v[1] * u[1]) / uu
    lo, hi = max(Fraction(0), min(t1, t2)), min(Fraction(1), max(t1, t2))
    if lo > hi:
        return []
    return sorted({(P1[0] + t * u[0], P1[1] + t * u[1]) for t in (lo, hi)})


def random_segments(rng: random.Random, size: int = 4) -> tuple[Pair, Pair, Pair, Pair]:
    p1, p2, q1, q2 = ((rng.randint(-size, size), rng.randint(-size, size)) for _ in range(4))
    return p1, p2, q1, q2


def shallow_crossing(rng: random.Random, angle: float) -> tuple[tuple[float, float], ...]:
    """Two float segments of length 20..200 through a point, ``angle`` radians apart,
    crossing between 20% and 80% of each."""
    x0, y0 = rng.uniform(-100, 100), rng.uniform(-100, 100)
    phi = rng.uniform(0, 2 * math.pi)
    ends = []
    for direction in (phi, phi + angle):
        length = rng.uniform(20, 200)
        t = rng.uniform(0.2, 0.8)
        dx, dy = math.cos(direction) * length, math.sin(direction) * length
        ends += [(x0 - t * dx, y0 - t * dy), (x0 + (1 - t) * dx, y0 + (1 - t) * dy)]
    return tuple(ends)


def flat(points: list) -> list[float]:
    return [float(c) for p in points for c in p]


# ---------------------------------------------------------------- the statement

CASES = [
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
    ((-(10**4), -(10**4)), (10**4, 10**4), (-(10**4), 10**4), (10**4, -(10**4)), [(0, 0)]),
]


@pytest.mark.parametrize(("p1", "p2", "q1", "q2", "expected"), CASES)
def test_worked_examples(
    segment_intersection, segments_intersect, p1, p2, q1, q2, expected
) -> None:
    check(segment_intersection, p1, p2, q1, q2, expected=expected)
    check(segments_intersect, p1, p2, q1, q2, expected=bool(expected))


def test_point_on_segment_examples(point_on_segment) -> None:
    for p, a, b, expected in [
        ((1, 1), (0, 0), (2, 2), True),
        ((0, 0), (0, 0), (2, 2), True),  # endpoints count
        ((2, 2), (0, 0), (2, 2), True),
        ((3, 3), (0, 0), (2, 2), False),  # on the line, beyond the end
        ((1, 2), (0, 0), (2, 2), False),
        ((5, 5), (5, 5), (5, 5), True),  # a zero-length segment is its point
        ((5, 6), (5, 5), (5, 5), False),
    ]:
        check(point_on_segment, p, a, b, expected=expected)


def test_distance_examples(point_segment_distance) -> None:
    check(point_segment_distance, (1, 1), (0, 0), (2, 0), expected=1.0)
    check(point_segment_distance, (-3, 4), (0, 0), (2, 0), expected=5.0)  # nearest: a
    check(point_segment_distance, (5, 4), (0, 0), (2, 0), expected=5.0)  # nearest: b
    check(point_segment_distance, (1, 0), (0, 0), (2, 0), expected=0.0)
    check(point_segment_distance, (3, 4), (0, 0), (0, 0), expected=5.0)  # zero length


def test_stress_segment_intersection_vs_brute(
    segment_intersection, segments_intersect, stress_cases
) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases):
        case = random_segments(rng)
        expected = brute_intersection(*case)
        check(segment_intersection, *case, expected=expected)
        check(segments_intersect, *case, expected=bool(expected))


def test_stress_point_on_segment_vs_brute(point_on_segment, stress_cases) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases):
        p, a, b = ((rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(3))
        check(point_on_segment, p, a, b, expected=brute_on(p, a, b))


@given(INT_POINT, INT_POINT, INT_POINT, INT_POINT)
def test_segment_intersection_vs_brute_on_the_whole_range(
    segment_intersection, segments_intersect, p1, p2, q1, q2
) -> None:
    expected = brute_intersection(p1, p2, q1, q2)
    check(segment_intersection, p1, p2, q1, q2, expected=expected)
    check(segments_intersect, p1, p2, q1, q2, expected=bool(expected))


@given(grid, grid, grid, grid)
def test_nearly_parallel_on_a_small_grid_vs_shapely(segment_intersection, p1, p2, q1, q2):
    assume(p1 != p2 and q1 != q2)  # shapely's zero-length line strings are degenerate
    geometry = shapely.LineString([p1, p2]).intersection(shapely.LineString([q1, q2]))
    coords = sorted({tuple(c) for c in shapely.get_coordinates(geometry).tolist()})
    expected = [coords[0], coords[-1]] if len(coords) > 1 else coords
    got = segment_intersection(p1, p2, q1, q2)
    # GEOS rounds a crossing to doubles: coordinates up to 20 give errors of ~1e-15.
    assert flat(got) == pytest.approx(flat(expected), abs=1e-12)


@given(INT_POINT, INT_POINT, INT_POINT)
def test_distance_vs_shapely(point_segment_distance, p, a, b) -> None:
    assume(a != b)
    expected = shapely.Point(p).distance(shapely.LineString([a, b]))
    # A few roundings of quantities of size |coordinates|^2 ~ 1e8: relative error ~1e-15.
    check(point_segment_distance, p, a, b, expected=expected)


@given(INT_POINT, INT_POINT, INT_POINT)
def test_distance_is_zero_exactly_on_the_segment(point_segment_distance, point_on_segment, p, a, b):
    check(point_segment_distance, a, a, b, expected=0.0)
    on = brute_on(p, a, b)
    check(point_on_segment, p, a, b, expected=on)
    if on:
        check(point_segment_distance, p, a, b, expected=0.0)


@given(grid, grid, grid, grid, grid)
def test_invariants(segment_intersection, p1, p2, q1, q2, shift) -> None:
    got = [tuple(p) for p in segment_intersection(p1, p2, q1, q2)]
    for args in [(p2, p1, q1, q2), (p1, p2, q2, q1), (q1, q2, p1, p2), (q2, q1, p2, p1)]:
        check(segment_intersection, *args, expected=got)
    dx, dy = shift
    moved = [(x + dx, y + dy) for x, y in (p1, p2, q1, q2)]
    check(segment_intersection, *moved, expected=[(x + dx, y + dy) for x, y in got])


# ---------------------------------------------------------------- edge: the reference's promises


@edge
def test_exact_results_are_points_of_exact_numbers(segment_intersection) -> None:
    for p1, p2, q1, q2, expected in CASES:
        got = segment_intersection(p1, p2, q1, q2)
        assert got == [Point(*p) for p in expected]  # Points, exact, in (x, y) order
    (x,) = segment_intersection((0, 0), (1, 1), (0, 1), (1, 0))
    assert isinstance(x.x, Fraction)
    big = 10**30  # far beyond float precision: still exact
    assert segment_intersection((0, 0), (big, 1), (0, 1), (big, 0)) == [
        Point(Fraction(big, 2), Fraction(1, 2))
    ]


@edge
def test_float_tolerance(point_on_segment, segment_intersection) -> None:
    # 0.1 * 3 is not exactly 0.3: collinear only within the tolerance.
    assert point_on_segment((0.1, 0.1 * 3), (0.0, 0.0), (0.2, 0.6))
    assert not point_on_segment((0.1, 0.1 * 3), (0.0, 0.0), (0.2, 0.6), eps=0.0)
    assert point_on_segment((0.5, 0.5), (0.0, 0.0), (1.0, 1.0))
    # Collinear within the tolerance, overlapping: the overlap's two ends.
    got = segment_intersection((0.0, 0.0), (3.0, 0.9), (1.0, 0.1 * 3), (2.0, 0.2 * 3))
    assert got == [Point(1.0, 0.1 * 3), Point(2.0, 0.2 * 3)]
    assert (
        segment_intersection((0.0, 0.0), (3.0, 0.9), (1.0, 0.1 * 3), (2.0, 0.2 * 3), eps=0.0) == []
    )


@edge
def test_the_shallow_crossing_of_issue_8(segment_intersection, segments_intersect) -> None:
    # Crossing at 1.4e-9 rad near (31.1455, 35.0756), inside both segments.
    a = (42.84806650790305, 1.4334138591144523)
    b = (21.48303452671704, 62.85290642959269)
    c = (48.40954773128364, -14.554549566792325)
    d = (27.044515664329673, 46.86494297385117)
    (x, y) = brute_intersection(a, b, c, d)[0]
    assert segment_intersection(a, b, c, d) == [Point(float(x), float(y))]
    assert segments_intersect(a, b, c, d)


@edge
def test_shallow_crossings_agree_with_the_exact_oracle(
    segment_intersection, segments_intersect, stress_cases
) -> None:
    # Angles from 1e-9 to 1e-8 rad (the sine of the lowest just above eps = 1e-9): the
    # exact answer on the floats given is one crossing point, correctly rounded.
    rng = random.Random(8)
    for _ in range(stress_cases // 4):
        angle = 10 ** rng.uniform(math.log10(1.01e-9), -8)
        case = shallow_crossing(rng, angle)
        expected = [Point(*map(float, p)) for p in brute_intersection(*case)]
        assert segment_intersection(*case) == expected, case
        assert segments_intersect(*case) == bool(expected), case


@edge
@given(dyadic_points(4, 4), SHIFTS, POWERS_OF_TWO)
def test_float_decisions_are_invariant_under_translation_and_scaling(
    segment_intersection, xy, shift, scale
) -> None:
    ends = [tuple(p) for p in xy.tolist()]
    got = segment_intersection(*ends)
    moved = segment_intersection(*[(x + shift[0], y + shift[1]) for x, y in ends])
    assert len(moved) == len(got)
    # The constructed crossing is rounded relative to its own magnitude: 2**-52 * 2**30.
    assert flat(moved) == pytest.approx(
        [c + shift[k % 2] for k, c in enumerate(flat(got))], abs=1e-6
    )
    scaled = segment_intersection(*[(x * scale, y * scale) for x, y in ends])
    assert flat(scaled) == [c * scale for c in flat(got)]


@edge
@given(float_points, float_points, float_points, float_points)
def test_float_crossing_vs_shapely(segment_intersection, p1, p2, q1, q2) -> None:
    def sine(u: tuple[float, float], v: tuple[float, float]) -> float:
        norms = math.hypot(*u) * math.hypot(*v)
        return 0.0 if norms == 0 else (u[0] * v[1] - u[1] * v[0]) / norms

    # Away from degenerate configurations -- the segments far from parallel, every
    # endpoint far from the other segment -- the answer is not a matter of tolerance.
    p, q = shapely.LineString([p1, p2]), shapely.LineString([q1, q2])
    u, v = (p2[0] - p1[0], p2[1] - p1[1]), (q2[0] - q1[0], q2[1] - q1[1])
    assume(abs(sine(u, v)) > 1e-6)
    assume(min(q.distance(shapely.Point(p1)), q.distance(shapely.Point(p2))) > 1e-6)
    assume(min(p.distance(shapely.Point(q1)), p.distance(shapely.Point(q2))) > 1e-6)
    geometry = p.intersection(q)
    expected = [] if geometry.is_empty else [(geometry.x, geometry.y)]
    got = segment_intersection(p1, p2, q1, q2)
    assert len(got) == len(expected)
    # |coordinates| <= 100 and angles >= 1e-6: conditioning bounds the error by ~1e-8.
    assert flat(got) == pytest.approx(flat(expected), abs=1e-7)


@edge
@given(float_points, float_points, float_points, float_points)
def test_float_answers_do_not_depend_on_argument_order(segment_intersection, p1, p2, q1, q2):
    got = segment_intersection(p1, p2, q1, q2)
    for args in [(p2, p1, q1, q2), (q1, q2, p1, p2), (q2, q1, p2, p1)]:
        assert segment_intersection(*args) == got


@edge
def test_accepts_arrays_and_does_not_mutate(segment_intersection) -> None:
    p1, p2 = np.array([0, 0]), np.array([2, 2])
    q1, q2 = [0, 2], [2, 0]
    assert segment_intersection(p1, p2, q1, q2) == [Point(1, 1)]
    assert [p1.tolist(), p2.tolist(), q1, q2] == [[0, 0], [2, 2], [0, 2], [2, 0]]


# ---------------------------------------------------------------- contract: bad input


@contract
def test_bad_points_are_named(
    segment_intersection, segments_intersect, point_on_segment, point_segment_distance
) -> None:
    with pytest.raises(ValueError, match=naming("q2")):
        segment_intersection((0, 0), (1, 1), (0, 1), (math.nan, 0))
    with pytest.raises(ValueError, match=naming("p1")):
        segments_intersect((math.inf, 0), (1, 1), (0, 1), (1, 0))
    with pytest.raises(ValueError, match=naming("p")):
        point_on_segment((0, 0, 0), (0, 0), (1, 1))
    with pytest.raises(TypeError, match=naming("a")):
        point_segment_distance((0, 0), ("0", 0), (1, 1))


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(segment_intersection, segments_intersect, point_on_segment, eps):
    for call in (
        lambda: segment_intersection((0, 0), (1, 1), (0, 1), (1, 0), eps=eps),
        lambda: segments_intersect((0, 0), (1, 1), (0, 1), (1, 0), eps=eps),
        lambda: point_on_segment((0, 0), (0, 0), (1, 1), eps=eps),
    ):
        with pytest.raises((TypeError, ValueError), match=naming("eps")):
            call()

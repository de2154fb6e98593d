"""Tests of convex_hull and convex_hull_np: worked examples, a kactl-style stress test
against an O(n^3) brute-force hull, shapely and scipy oracles, invariants, bad input."""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial import ConvexHull

from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

convex_hull = exercise_fixture("convex_hull")
convex_hull_np = exercise_fixture("convex_hull_np")

SQUARE = [Point(0, 0), Point(2, 0), Point(2, 2), Point(0, 2)]
SQUARE_EDGES = [Point(0, 0), Point(1, 0), Point(2, 0), Point(2, 1), Point(2, 2)]
SQUARE_EDGES += [Point(1, 2), Point(0, 2), Point(0, 1)]

int_points = st.lists(st.tuples(st.integers(-30, 30), st.integers(-30, 30)), max_size=40)
seeds = st.integers(0, 2**32 - 1)


# ------------------------------------------------------------------ oracles (no shared code)
def cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def within(p: tuple[int, int], q: tuple[int, int], r: tuple[int, int]) -> bool:
    """r (collinear with p and q) lies on the closed segment pq."""
    return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])


def brute_hull(points: list[tuple[int, int]], keep_collinear: bool) -> list[tuple[int, int]]:
    """O(n^3): p -> q is a hull edge iff every point is strictly left of line pq or on the
    closed segment pq; with keep_collinear, the points on each edge are inserted."""
    pts = sorted(set(points))
    if len(pts) <= 1:
        return pts
    succ = {
        p: q
        for p in pts
        for q in pts
        if p != q
        and all(cross(p, q, r) > 0 or (cross(p, q, r) == 0 and within(p, q, r)) for r in pts)
    }
    start = min(succ, key=lambda p: (p[1], p[0]))
    cycle = [start]
    while succ[cycle[-1]] != start:
        cycle.append(succ[cycle[-1]])
    if not keep_collinear:
        return cycle
    ends = (
        list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        if len(cycle) > 2
        else [(cycle[0], cycle[1])]
    )
    out: list[tuple[int, int]] = []
    for p, q in ends:
        inner = [r for r in pts if r not in (p, q) and cross(p, q, r) == 0 and within(p, q, r)]
        out += [p, *sorted(inner, key=lambda r: abs(r[0] - p[0]) + abs(r[1] - p[1]))]
    return out if len(cycle) > 2 else [*out, cycle[1]]


def canonical(hull: list[Point]) -> list[Point]:
    """A hull's vertex sequence with its start and (for a segment) direction normalised."""
    if len(hull) < 3 or all(cross(tuple(hull[0]), tuple(hull[1]), tuple(r)) == 0 for r in hull):
        return sorted(hull, key=lambda p: (p.y, p.x))
    k = hull.index(min(hull, key=lambda p: (p.y, p.x)))
    return hull[k:] + hull[:k]


def shoelace(poly: list[Point]) -> Fraction:
    return Fraction(
        sum(a.x * b.y - a.y * b.x for a, b in zip(poly, poly[1:] + poly[:1], strict=True)), 2
    )


def shapely_vertices(points: object) -> set[tuple[float, float]]:
    return {tuple(c) for c in shapely.get_coordinates(shapely.MultiPoint(points).convex_hull)}


def random_float_points(seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 2)) * rng.uniform(1e-3, 1e3) + rng.uniform(-1e3, 1e3, 2)


# ------------------------------------------------------------------ worked examples
@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], []),
        ([(3, 4)], [Point(3, 4)]),
        ([(3, 4), (3, 4), (3, 4)], [Point(3, 4)]),
        ([(5, 1), (1, 2)], [Point(5, 1), Point(1, 2)]),
        ([(1, 2), (5, 1), (1, 2), (5, 1)], [Point(5, 1), Point(1, 2)]),
        ([(0, 0), (1, 1), (2, 2), (3, 3)], [Point(0, 0), Point(3, 3)]),
        ([(0, 3), (0, 1), (0, 2)], [Point(0, 1), Point(0, 3)]),  # vertical
        ([(0, 3), (1, 2), (2, 1), (3, 0)], [Point(3, 0), Point(0, 3)]),  # lowest end first
        ([(2, 2), (0, 2), (0, 0), (2, 0), (1, 1), (0, 0)], SQUARE),
        ([(0, 0), (4, 0), (2, 3), (2, 1), (3, 0)], [Point(0, 0), Point(4, 0), Point(2, 3)]),
        ([(1, 0), (0, 0), (2, 1), (0, 1)], [Point(0, 0), Point(1, 0), Point(2, 1), Point(0, 1)]),
    ],
)
def test_worked_examples(convex_hull, points, expected):
    assert convex_hull(points) == expected


def test_square_with_points_on_its_edges(convex_hull):
    points = [*reversed(SQUARE_EDGES), Point(1, 1), Point(2, 1)]
    assert convex_hull(points) == SQUARE
    assert convex_hull(points, keep_collinear=True) == SQUARE_EDGES


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([], []),
        ([(1, 1), (1, 1)], [Point(1, 1)]),
        (
            [(3, 0), (0, 3), (2, 1), (1, 2), (2, 1)],
            [Point(3, 0), Point(2, 1), Point(1, 2), Point(0, 3)],
        ),
        ([(0, 2), (0, 0), (0, 1)], [Point(0, 0), Point(0, 1), Point(0, 2)]),
        ([(2, 5), (0, 5), (1, 5)], [Point(0, 5), Point(1, 5), Point(2, 5)]),
    ],
)
def test_keep_collinear_on_a_segment_lists_it_from_its_lowest_end(convex_hull, points, expected):
    assert convex_hull(points, keep_collinear=True) == expected


def test_exact_on_fractions_and_big_ints(convex_hull):
    third = Fraction(1, 3)
    pts = [(0, 0), (1, 0), (third, third), (0, 1), (Fraction(1, 2), Fraction(1, 2))]
    assert convex_hull(pts) == [Point(0, 0), Point(1, 0), Point(0, 1)]
    assert convex_hull(pts, keep_collinear=True)[2] == Point(Fraction(1, 2), Fraction(1, 2))
    # (big, 0) is off the line through the others by a sine of 1e-30: exact ints keep it,
    # floats see it collinear.
    big = 10**30
    assert convex_hull([(0, 0), (2 * big, 2), (big, 0)]) == [
        Point(0, 0),
        Point(big, 0),
        Point(2 * big, 2),
    ]
    assert convex_hull([(0.0, 0.0), (2e30, 2.0), (1e30, 0.0)]) == [
        Point(0.0, 0.0),
        Point(2e30, 2.0),
    ]


def test_float_turns_within_eps_are_straight(convex_hull):
    # (1, -1e-12) is below the segment from (0, 0) to (2, 0) by a sine of 1e-12 < EPS:
    # collinear, so no vertex; at 1e-6 it is one.
    points = [(0.0, 0.0), (1.0, -1e-12), (2.0, 0.0), (1.0, 1.0)]
    assert convex_hull(points) == [Point(0.0, 0.0), Point(2.0, 0.0), Point(1.0, 1.0)]
    kept = [Point(1.0, -1e-12), Point(2.0, 0.0), Point(1.0, 1.0), Point(0.0, 0.0)]
    assert convex_hull(points, keep_collinear=True) == kept  # from the lowest point
    points[1] = (1.0, -1e-6)
    assert convex_hull(points) == [Point(1.0, -1e-6), *kept[1:]]
    # The tolerance is relative: scaling every coordinate by 10^9 changes nothing.
    assert len(convex_hull([(x * 1e9, y * 1e9) for x, y in points])) == 4


def test_numpy_input_int_stays_exact(convex_hull):
    hull = convex_hull(np.array([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2]], dtype=np.int64))
    assert hull == SQUARE
    assert all(type(c) is int for p in hull for c in p)


def test_convex_hull_np_examples(convex_hull_np):
    xy = np.array([[1, 1], [2, 2], [0, 0], [2, 0], [0, 2], [0, 0], [2, 2], [1, 0]])
    np.testing.assert_array_equal(convex_hull_np(xy), [2, 3, 1, 4])
    assert convex_hull_np(xy).dtype == np.int64
    assert convex_hull_np(np.empty((0, 2))).tolist() == []
    assert convex_hull_np([[5.0, 5.0], [5.0, 5.0]]).tolist() == [0]
    assert convex_hull_np([[0, 3], [1, 2], [3, 0], [2, 1]]).tolist() == [2, 0]


def test_a_chain_that_collapses_one_point_at_a_time(convex_hull, convex_hull_np):
    # A regular 64-gon of radius 1000 and, inside it next to vertex 3, a left-turning arc
    # of 60 points whose last turn (towards vertex 4) is right: removing the last arc
    # point only exposes the next one, so a local pruning needs 60 rounds.  The arc is
    # far outside the octagon of the 8 extremes (vertices 0, 8, ..., 56): no filter helps.
    t = 2 * np.pi * np.arange(64) / 64
    polygon = 1000 * np.c_[np.cos(t), np.sin(t)]
    e = (polygon[4] - polygon[3]) / np.linalg.norm(polygon[4] - polygon[3])
    theta = np.radians(10 + 50 * np.arange(60) / 60)[:, None]
    arc = polygon[3] + np.cumsum(0.01 * (np.cos(theta) * e + np.sin(theta) * [-e[1], e[0]]), 0)
    xy = np.r_[polygon, arc]
    expected = [*range(48, 64), *range(48)]  # from the lowest vertex, 48
    assert convex_hull_np(xy).tolist() == expected
    assert convex_hull(xy) == [Point(*row) for row in polygon[expected].tolist()]


# ------------------------------------------------------------------ kactl-style stress
def test_stress_against_brute_force_on_a_small_grid(convex_hull, convex_hull_np, stress_cases):
    rng = random.Random(0)
    for _ in range(stress_cases):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(0, 10))]
        for keep in (False, True):
            got = convex_hull(pts, keep_collinear=keep)
            want = [Point(*p) for p in brute_hull(pts, keep)]
            assert got == want, f"points={pts} keep_collinear={keep}: got {got}, want {want}"
        xy = np.array(pts, dtype=np.float64).reshape(-1, 2)
        idx = convex_hull_np(xy).tolist()
        want_np = [pts.index(p) for p in brute_hull(pts, False)]
        assert idx == want_np, f"points={pts}: convex_hull_np gave {idx}, want {want_np}"


# ------------------------------------------------------------------ oracles: shapely, scipy
@given(int_points)
def test_matches_shapely_on_integer_points(convex_hull, points):
    hull = convex_hull(points)
    expected = shapely_vertices(points) if points else set()
    assert {(float(p.x), float(p.y)) for p in hull} == expected
    if len(hull) >= 3:
        assert shoelace(hull) == Fraction(shapely.MultiPoint(points).convex_hull.area)
        assert shoelace(hull) > 0  # counter-clockwise


@given(seeds, st.integers(3, 300))
def test_matches_shapely_and_scipy_on_random_floats(convex_hull, convex_hull_np, seed, n):
    xy = random_float_points(seed, n)
    hull = convex_hull(xy)
    assert {(p.x, p.y) for p in hull} == shapely_vertices(xy)
    expected_area = shapely.MultiPoint(xy).convex_hull.area
    # Shoelace relative to a vertex (no cancellation from the offset): h terms of the
    # area's magnitude, relative rounding error ~h * 1e-16 < 1e-12.
    o = hull[0]
    rel = [(p.x - o.x, p.y - o.y) for p in hull]
    area = sum(a[0] * b[1] - a[1] * b[0] for a, b in zip(rel, rel[1:] + rel[:1], strict=True)) / 2
    assert area == pytest.approx(expected_area, rel=1e-12)
    assert set(convex_hull_np(xy).tolist()) == set(ConvexHull(xy).vertices.tolist())


@given(seeds, st.integers(1, 300), st.sampled_from(["normal", "circle", "grid"]))
def test_np_variant_agrees_with_convex_hull(convex_hull, convex_hull_np, seed, n, kind):
    rng = np.random.default_rng(seed)
    if kind == "normal":
        xy = rng.standard_normal((n, 2))
    elif kind == "circle":
        t = rng.uniform(0, 2 * np.pi, n)
        xy = np.c_[np.cos(t), np.sin(t)] * 3.0
    else:  # integer-valued floats: duplicates and collinear points, exact products
        xy = rng.integers(-5, 6, (n, 2)).astype(np.float64)
    idx = convex_hull_np(xy)
    assert [Point(*row) for row in xy[idx].tolist()] == convex_hull(xy)
    assert all(np.flatnonzero((xy == xy[i]).all(axis=1))[0] == i for i in idx)  # first index


# ------------------------------------------------------------------ invariants
@given(int_points, st.integers(-1000, 1000), st.integers(-1000, 1000), st.booleans())
def test_translation(convex_hull, points, dx, dy, keep):
    moved = convex_hull([(x + dx, y + dy) for x, y in points], keep_collinear=keep)
    assert moved == [p + Point(dx, dy) for p in convex_hull(points, keep_collinear=keep)]


@given(int_points, st.booleans())
def test_quarter_turn(convex_hull, points, keep):
    turned = convex_hull([(-y, x) for x, y in points], keep_collinear=keep)
    assert turned == canonical([Point(-p.y, p.x) for p in convex_hull(points, keep_collinear=keep)])


@given(int_points, st.randoms(use_true_random=False), st.booleans())
def test_permutation(convex_hull, points, rnd, keep):
    shuffled = points[:]
    rnd.shuffle(shuffled)
    assert convex_hull(shuffled, keep_collinear=keep) == convex_hull(points, keep_collinear=keep)


def test_no_mutation(convex_hull, convex_hull_np):
    points = [(3, 1), (0, 0), (2, 5), (1, 1), (0, 0)]
    copy = list(points)
    convex_hull(points)
    convex_hull(points, keep_collinear=True)
    assert points == copy
    xy = np.array([[3.0, 1.0], [0.0, 0.0], [2.0, 5.0], [1.0, 1.0], [0.0, 0.0]])
    xy_copy = xy.copy()
    convex_hull(xy)
    convex_hull_np(xy)
    np.testing.assert_array_equal(xy, xy_copy)


def test_accepts_points_lists_arrays_and_iterators(convex_hull):
    expected = convex_hull([(0, 0), (2, 0), (2, 2), (0, 2)])
    assert convex_hull(SQUARE) == expected
    assert convex_hull([[0, 0], [2, 0], [2, 2], [0, 2]]) == expected
    assert convex_hull(iter([(0, 0), (2, 0), (2, 2), (0, 2)])) == expected
    assert convex_hull([np.array([0, 0]), (2, 0), [2, 2], Point(0, 2)]) == expected
    assert convex_hull(np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])) == expected


# ------------------------------------------------------------------ errors
@pytest.mark.contract
@pytest.mark.parametrize(
    ("points", "error", "match"),
    [
        ([(0, 0), (1, float("nan"))], ValueError, r"points\[1\] must have finite coordinates"),
        ([(0, 0), (float("inf"), 1)], ValueError, r"points\[1\] must have finite coordinates"),
        (np.array([[0.0, 0.0], [np.inf, 1.0]]), ValueError, r"points\[1\] must have finite"),
        ([(0, 0), (1, 2, 3)], ValueError, r"points\[1\] must be a pair"),
        (np.zeros((3, 3)), ValueError, r"points must have shape \(n, 2\)"),
        ([(0, 0), ("a", 1)], TypeError, r"points\[1\] must have real-number coordinates"),
        ([(0, 0), (True, 1)], TypeError, r"points\[1\] must have real-number coordinates"),
        ([(0, 0), 5], TypeError, r"points\[1\] must be a Point"),
        (5, TypeError, r"points must be a sequence of points"),
        ("ab", TypeError, r"points must be a sequence of points"),
    ],
)
def test_convex_hull_errors(convex_hull, points, error, match):
    with pytest.raises(error, match=match):
        convex_hull(points)


@pytest.mark.contract
@pytest.mark.parametrize(
    ("xy", "error", "match"),
    [
        (np.zeros((3, 3)), ValueError, r"xy must have shape \(n, 2\)"),
        (np.zeros(4), ValueError, r"xy must have shape \(n, 2\)"),
        ([[0.0, 0.0], [1.0, np.nan]], ValueError, r"xy\[1\] must have finite coordinates"),
        ([[0.0, -np.inf]], ValueError, r"xy\[0\] must have finite coordinates"),
        (np.array([["a", "b"]]), TypeError, r"xy must be a numeric array"),
        (np.ones((2, 2), dtype=bool), TypeError, r"xy must be a numeric array"),
        (np.ones((2, 2), dtype=complex), TypeError, r"xy must be a numeric array"),
    ],
)
def test_convex_hull_np_errors(convex_hull_np, xy, error, match):
    with pytest.raises(error, match=match):
        convex_hull_np(xy)

"""Tests of convex_hull and convex_hull_np: worked examples, a kactl-style stress test
against an O(n^3) brute-force hull, shapely and scipy oracles, invariants, bad input.

Unmarked tests check the statement: integer points with ``|x|, |y| <= 10^4``, the hull
counter-clockwise from any vertex (``CYCLIC``), vertices as any pairs.  ``edge`` tests
check the reference's further promises: ``Point`` objects starting at the lowest (then
leftmost) point, ``keep_collinear``, exact Fractions and big ints, numpy inputs, the
float tolerance and its invariance under translation and scaling by powers of two.
"""

from __future__ import annotations

import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from geometry_checks import (
    BAD_TOLERANCES,
    POWERS_OF_TWO,
    SHIFTS,
    dyadic_points,
    exactly_translated,
    naming,
)
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial import ConvexHull

from algos.geometry.primitives import Point
from workbook.compare import CYCLIC
from workbook.testing import check, contract, edge, exercise_fixture, reference

convex_hull = exercise_fixture("convex_hull")
convex_hull_np = exercise_fixture("convex_hull_np")

SQUARE = [(0, 0), (2, 0), (2, 2), (0, 2)]
SQUARE_EDGES = [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (0, 1)]

int_points = st.lists(
    st.tuples(st.integers(-30, 30), st.integers(-30, 30)), min_size=1, max_size=40
)
seeds = st.integers(0, 2**32 - 1)


# ------------------------------------------------------------------ oracles (no shared code)
def cross(o: tuple[int, int], a: tuple[int, int], b: tuple[int, int]) -> int:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def within(p: tuple[int, int], q: tuple[int, int], r: tuple[int, int]) -> bool:
    """r (collinear with p and q) lies on the closed segment pq."""
    return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])


def brute_hull(points: list[tuple[int, int]], keep_collinear: bool) -> list[tuple[int, int]]:
    """O(n^3): p -> q is a hull edge iff every point is strictly left of line pq or on the
    closed segment pq; with keep_collinear, the points on each edge are inserted.  From
    the lowest (then leftmost) point; a segment from its lowest end."""
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


def shoelace(poly: list[object]) -> Fraction:
    corners = [tuple(p) for p in poly]
    pairs = zip(corners, corners[1:] + corners[:1], strict=True)
    return Fraction(sum(ax * by - ay * bx for (ax, ay), (bx, by) in pairs), 2)


def shapely_vertices(points: object) -> set[tuple[float, float]]:
    return {tuple(c) for c in shapely.get_coordinates(shapely.MultiPoint(points).convex_hull)}


def random_float_points(seed: int, n: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 2)) * rng.uniform(1e-3, 1e3) + rng.uniform(-1e3, 1e3, 2)


def as_tuples(hull: list[object]) -> list[tuple[object, object]]:
    return [tuple(p) for p in hull]


# ------------------------------------------------------------------ the statement
@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([(3, 4)], [(3, 4)]),
        ([(3, 4), (3, 4), (3, 4)], [(3, 4)]),
        ([(5, 1), (1, 2)], [(5, 1), (1, 2)]),
        ([(1, 2), (5, 1), (1, 2), (5, 1)], [(5, 1), (1, 2)]),
        ([(0, 0), (1, 1), (2, 2), (3, 3)], [(0, 0), (3, 3)]),
        ([(0, 3), (0, 1), (0, 2)], [(0, 1), (0, 3)]),  # vertical
        ([(2, 2), (0, 2), (0, 0), (2, 0), (1, 1), (0, 0)], SQUARE),
        ([(0, 0), (4, 0), (2, 3), (2, 1), (3, 0)], [(0, 0), (4, 0), (2, 3)]),
        ([(1, 0), (0, 0), (2, 1), (0, 1)], [(0, 0), (1, 0), (2, 1), (0, 1)]),
        ([*reversed(SQUARE_EDGES), (1, 1), (2, 1)], SQUARE),  # points on the edges go
        ([(-(10**4), -(10**4)), (10**4, 10**4), (10**4, -(10**4)), (0, 0)], None),
    ],
)
def test_worked_examples(convex_hull, points, expected) -> None:
    if expected is None:  # the constraints' corners
        expected = [(-(10**4), -(10**4)), (10**4, -(10**4)), (10**4, 10**4)]
    check(convex_hull, points, expected=expected)


def test_stress_against_brute_force_on_a_small_grid(convex_hull, stress_cases) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 10))]
        check(convex_hull, pts, expected=brute_hull(pts, False))


@given(int_points)
def test_matches_shapely_on_integer_points(convex_hull, points) -> None:
    hull = convex_hull(points)
    assert {(float(x), float(y)) for x, y in hull} == shapely_vertices(points)
    if len(hull) >= 3:
        assert shoelace(hull) == Fraction(shapely.MultiPoint(points).convex_hull.area)
        assert shoelace(hull) > 0  # counter-clockwise


@pytest.mark.parametrize("shape", ["square", "disk", "lattice"])
def test_largest_inputs(convex_hull, shape) -> None:
    rng = np.random.default_rng(len(shape))
    if shape == "square":
        xy = rng.integers(-(10**4), 10**4, (10**4, 2), endpoint=True)
    elif shape == "disk":  # many vertices: integer points near a circle of radius 10^4
        t = rng.uniform(0, 2 * np.pi, 10**4)
        xy = np.rint(10**4 * np.c_[np.cos(t), np.sin(t)]).astype(np.int64)
    else:  # a 100 x 100 lattice: every edge holds 99 collinear points
        xy = np.array([(x, y) for x in range(0, 10**4, 100) for y in range(0, 10**4, 100)])
    points = [tuple(p) for p in xy.tolist()]
    hull = ConvexHull(xy.astype(float))
    expected = [tuple(p) for p in xy[hull.vertices].tolist()]  # counter-clockwise
    check(convex_hull, points, expected=expected)


@given(int_points, st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_translation(convex_hull, points, dx, dy) -> None:
    moved = [(x + dx, y + dy) for x, y in points]
    check(convex_hull, moved, expected=[(x + dx, y + dy) for x, y in convex_hull(points)])


@given(int_points)
def test_quarter_turn(convex_hull, points) -> None:
    turned = [(-y, x) for x, y in points]
    expected = [(-y, x) for x, y in convex_hull(points)]
    if len(expected) <= 2:  # [p, q]: either order is a cycle
        expected = sorted(expected)
        assert sorted(as_tuples(convex_hull(turned))) == expected
    else:
        check(convex_hull, turned, expected=expected)


@given(int_points, st.randoms(use_true_random=False))
def test_permutation(convex_hull, points, rnd) -> None:
    shuffled = points[:]
    rnd.shuffle(shuffled)
    check(convex_hull, shuffled, expected=convex_hull(points))


# ------------------------------------------------------------------ edge: the reference's promises
@edge
def test_points_from_the_lowest_then_leftmost(convex_hull) -> None:
    assert convex_hull([(2, 2), (0, 2), (0, 0), (2, 0), (1, 1)]) == [Point(*p) for p in SQUARE]
    assert convex_hull([(0, 3), (1, 2), (2, 1), (3, 0)]) == [Point(3, 0), Point(0, 3)]
    assert convex_hull([]) == []
    rng = random.Random(7)
    for _ in range(500):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(0, 10))]
        assert convex_hull(pts) == [Point(*p) for p in brute_hull(pts, False)], pts


@edge
def test_keep_collinear(convex_hull, stress_cases) -> None:
    points = [*reversed(SQUARE_EDGES), (1, 1), (2, 1)]
    assert convex_hull(points, keep_collinear=True) == [Point(*p) for p in SQUARE_EDGES]
    assert convex_hull([(3, 0), (0, 3), (2, 1), (1, 2), (2, 1)], keep_collinear=True) == [
        Point(3, 0),
        Point(2, 1),
        Point(1, 2),
        Point(0, 3),
    ]  # a segment, from its lowest end
    assert convex_hull([(2, 5), (0, 5), (1, 5)], keep_collinear=True) == [
        Point(0, 5),
        Point(1, 5),
        Point(2, 5),
    ]
    rng = random.Random(1)
    for _ in range(stress_cases):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(0, 10))]
        got = convex_hull(pts, keep_collinear=True)
        assert got == [Point(*p) for p in brute_hull(pts, True)], pts


@edge
def test_exact_on_fractions_and_big_ints(convex_hull) -> None:
    third = Fraction(1, 3)
    pts = [(0, 0), (1, 0), (third, third), (0, 1), (Fraction(1, 2), Fraction(1, 2))]
    assert convex_hull(pts) == [Point(0, 0), Point(1, 0), Point(0, 1)]
    assert convex_hull(pts, keep_collinear=True)[2] == Point(Fraction(1, 2), Fraction(1, 2))
    # (big, 0) is off the line through the others by a sine of 1e-30: exact ints keep it,
    # floats see it collinear.
    big = 10**30
    hull = [Point(0, 0), Point(big, 0), Point(2 * big, 2)]
    assert convex_hull([(0, 0), (2 * big, 2), (big, 0)]) == hull
    floats = [(0.0, 0.0), (2e30, 2.0), (1e30, 0.0)]
    assert convex_hull(floats) == [Point(0.0, 0.0), Point(2e30, 2.0)]
    assert len(convex_hull(floats, eps=0.0)) == 3  # exact on the floats given


@edge
def test_numpy_input_comes_back_as_python_numbers(convex_hull) -> None:
    hull = convex_hull(np.array([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2]], dtype=np.int64))
    assert hull == [Point(*p) for p in SQUARE]
    assert all(type(c) is int for p in hull for c in p)
    hull = convex_hull([(np.int32(0), np.int32(0)), (np.int32(1), np.int32(0)), (0, 1)])
    assert all(type(c) is int for p in hull for c in p)


@edge
def test_float_turns_within_eps_are_straight(convex_hull) -> None:
    # (1, -1e-12) is 1e-12 below the segment from (0, 0) to (2, 0), whose length is 2:
    # collinear within eps, so no vertex; at 1e-6 it is one.
    points = [(0.0, 0.0), (1.0, -1e-12), (2.0, 0.0), (1.0, 1.0)]
    assert convex_hull(points) == [Point(0.0, 0.0), Point(2.0, 0.0), Point(1.0, 1.0)]
    kept = [Point(1.0, -1e-12), Point(2.0, 0.0), Point(1.0, 1.0), Point(0.0, 0.0)]
    assert convex_hull(points, keep_collinear=True) == kept  # from the lowest point
    assert convex_hull(points, eps=0.0) == kept
    points[1] = (1.0, -1e-6)
    assert convex_hull(points) == [Point(1.0, -1e-6), *kept[1:]]


@edge
@given(dyadic_points(max_size=30), SHIFTS, POWERS_OF_TWO, st.sampled_from([1e-9, 0.0]))
def test_float_hull_is_invariant_under_translation_and_scaling(convex_hull, xy, shift, scale, eps):
    # Exact translations and scalings: every decision is made of differences of the
    # points, so the hull's vertices are the same points, moved.
    hull = convex_hull(xy, eps=eps)
    moved = convex_hull(exactly_translated(xy, shift), eps=eps)
    assert moved == [Point(p.x + shift[0], p.y + shift[1]) for p in hull]
    assert convex_hull(xy * scale, eps=eps) == [Point(p.x * scale, p.y * scale) for p in hull]


@edge
@given(seeds, st.integers(3, 300))
def test_matches_shapely_and_scipy_on_random_floats(convex_hull, seed, n) -> None:
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


@edge
def test_no_mutation_and_any_iterable(convex_hull) -> None:
    points = [(3, 1), (0, 0), (2, 5), (1, 1), (0, 0)]
    copy = list(points)
    convex_hull(points)
    convex_hull(points, keep_collinear=True)
    assert points == copy
    xy = np.array(points, dtype=float)
    convex_hull(xy)
    assert xy.tolist() == [list(map(float, p)) for p in copy]
    expected = convex_hull(SQUARE)
    assert convex_hull(iter(SQUARE)) == expected
    assert convex_hull([np.array([0, 0]), (2, 0), [2, 2], Point(0, 2)]) == expected


# ------------------------------------------------------------------ convex_hull_np
def test_np_examples(convex_hull_np) -> None:
    xy = np.array([[1, 1], [2, 2], [0, 0], [2, 0], [0, 2], [0, 0], [2, 2], [1, 0]], dtype=float)
    check(convex_hull_np, xy, expected=[2, 3, 1, 4])
    check(convex_hull_np, np.array([[5.0, 5.0], [5.0, 5.0]]), expected=[0])
    check(
        convex_hull_np, np.array([[0.0, 3.0], [1.0, 2.0], [3.0, 0.0], [2.0, 1.0]]), expected=[2, 0]
    )


def test_np_stress_against_brute_force(convex_hull_np, stress_cases) -> None:
    rng = random.Random(2)
    for _ in range(stress_cases // 2):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 10))]
        expected = [pts.index(p) for p in brute_hull(pts, False)]  # a repeat: its first index
        check(convex_hull_np, np.array(pts, dtype=float), expected=expected)


@given(seeds, st.integers(3, 300))
def test_np_matches_scipy(convex_hull_np, seed, n) -> None:
    xy = random_float_points(seed, n)
    check(convex_hull_np, xy, expected=ConvexHull(xy).vertices.tolist())


@given(seeds, st.integers(1, 300), st.sampled_from(["normal", "circle", "grid"]))
def test_np_agrees_with_convex_hull(convex_hull_np, seed, n, kind) -> None:
    rng = np.random.default_rng(seed)
    if kind == "normal":
        xy = rng.standard_normal((n, 2))
    elif kind == "circle":
        t = rng.uniform(0, 2 * np.pi, n)
        xy = np.c_[np.cos(t), np.sin(t)] * 3.0
    else:  # integer-valued floats: duplicates and collinear points, exact products
        xy = rng.integers(-5, 6, (n, 2)).astype(np.float64)
    hull = reference("convex_hull")(xy)
    index = {tuple(row): i for i, row in reversed(list(enumerate(xy.tolist())))}
    check(convex_hull_np, xy, expected=[index[(p.x, p.y)] for p in hull])


def test_np_chain_that_collapses_one_point_at_a_time(convex_hull_np) -> None:
    # A regular 64-gon of radius 1000 and, inside it next to vertex 3, a left-turning arc
    # of 60 points whose last turn (towards vertex 4) is right: removing the last arc
    # point only exposes the next one, so a local pruning needs 60 rounds.  The arc is
    # far outside the octagon of the 8 extremes (vertices 0, 8, ..., 56): no filter helps.
    t = 2 * np.pi * np.arange(64) / 64
    polygon = 1000 * np.c_[np.cos(t), np.sin(t)]
    e = (polygon[4] - polygon[3]) / np.linalg.norm(polygon[4] - polygon[3])
    theta = np.radians(10 + 50 * np.arange(60) / 60)[:, None]
    arc = polygon[3] + np.cumsum(0.01 * (np.cos(theta) * e + np.sin(theta) * [-e[1], e[0]]), 0)
    check(convex_hull_np, np.r_[polygon, arc], expected=list(range(64)))


@edge
def test_np_starts_at_the_lowest_point_as_int64(convex_hull_np) -> None:
    xy = np.array([[1, 1], [2, 2], [0, 0], [2, 0], [0, 2], [0, 0], [2, 2], [1, 0]])
    got = convex_hull_np(xy)
    assert got.tolist() == [2, 3, 1, 4]
    assert got.dtype == np.int64
    assert convex_hull_np(np.empty((0, 2))).tolist() == []
    t = 2 * np.pi * np.arange(64) / 64
    assert convex_hull_np(np.c_[np.cos(t), np.sin(t)]).tolist() == [*range(48, 64), *range(48)]


@edge
def test_np_no_mutation(convex_hull_np) -> None:
    xy = np.array([[3.0, 1.0], [0.0, 0.0], [2.0, 5.0], [1.0, 1.0], [0.0, 0.0]])
    copy = xy.copy()
    convex_hull_np(xy)
    np.testing.assert_array_equal(xy, copy)


# ------------------------------------------------------------------ contract: bad input
@contract
@pytest.mark.parametrize(
    ("points", "error", "argument"),
    [
        ([(0, 0), (1, float("nan"))], ValueError, "points[1]"),
        ([(0, 0), (float("inf"), 1)], ValueError, "points[1]"),
        (np.array([[0.0, 0.0], [np.inf, 1.0]]), ValueError, "points[1]"),
        ([(0, 0), (1, 2, 3)], ValueError, "points[1]"),
        (np.zeros((3, 3)), ValueError, "points"),
        ([(0, 0), ("a", 1)], TypeError, "points[1]"),
        ([(0, 0), (True, 1)], TypeError, "points[1]"),
        ([(0, 0), 5], TypeError, "points[1]"),
        (5, TypeError, "points"),
        ("ab", TypeError, "points"),
    ],
)
def test_bad_points(convex_hull, points, error, argument) -> None:
    with pytest.raises(error, match=naming(argument)):
        convex_hull(points)


@contract
@pytest.mark.parametrize("keep", ["no", 0, None, np.array([True, False])])
def test_keep_collinear_must_be_a_bool(convex_hull, keep) -> None:
    with pytest.raises(TypeError, match=naming("keep_collinear")):
        convex_hull(SQUARE, keep_collinear=keep)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(convex_hull, convex_hull_np, eps) -> None:
    # eps=10 would make every triangle flat.
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        convex_hull(SQUARE, eps=eps)
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        convex_hull_np(np.array(SQUARE, dtype=float), eps=eps)


@contract
@pytest.mark.parametrize(
    ("xy", "error", "argument"),
    [
        (np.zeros((3, 3)), ValueError, "xy"),
        (np.zeros(4), ValueError, "xy"),
        ([[0.0, 0.0], [1.0, np.nan]], ValueError, "xy[1]"),
        ([[0.0, -np.inf]], ValueError, "xy[0]"),
        (np.array([["a", "b"]]), TypeError, "xy"),
        (np.ones((2, 2), dtype=bool), TypeError, "xy"),
        (np.ones((2, 2), dtype=complex), TypeError, "xy"),
    ],
)
def test_np_bad_input(convex_hull_np, xy, error, argument) -> None:
    with pytest.raises(error, match=naming(argument)):
        convex_hull_np(xy)


def test_exercise_compares_hulls_as_cycles() -> None:
    # The statement's equivalence: any starting vertex, but the cyclic order counts.
    assert CYCLIC([(2, 2), (0, 2), (0, 0), (2, 0)], SQUARE)
    assert not CYCLIC([(0, 0), (0, 2), (2, 2), (2, 0)], SQUARE)

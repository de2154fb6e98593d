"""Tests of the rotating calipers (diameter, min_width, min_area_rectangle): worked
examples, kactl-style stress against brute forces over all pairs, shapely, invariants.

Unmarked tests stay within the statements (integer points, ``|x|, |y| <= 10^4``) and
accept any optimal answer where there are ties: a farthest pair in either order, any
minimal rectangle with its corners counter-clockwise from any corner, values within a
float tolerance.  ``edge`` tests check the reference's exact results (Fractions, the
pair and rectangle it picks), floats against shapely, numpy input and no mutation.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from geometry_checks import BAD_TOLERANCES, Holds, naming
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

diameter = exercise_fixture("diameter")
min_width = exercise_fixture("min_width")
min_area_rectangle = exercise_fixture("min_area_rectangle")

int_points = st.lists(
    st.tuples(st.integers(-30, 30), st.integers(-30, 30)), min_size=1, max_size=30
)
COORDINATES = st.integers(-(10**4), 10**4)
seeds = st.integers(0, 2**32 - 1)


# ------------------------------------------------------------------ brute forces (exact)
def dot(u: tuple[int, int], v: tuple[int, int]) -> int:
    return u[0] * v[0] + u[1] * v[1]


def cross(u: tuple[int, int], v: tuple[int, int]) -> int:
    return u[0] * v[1] - u[1] * v[0]


def sub(p: tuple[int, int], q: tuple[int, int]) -> tuple[int, int]:
    return (p[0] - q[0], p[1] - q[1])


def brute_diameter2(points: list[tuple[int, int]]) -> int:
    return max(dot(sub(p, q), sub(p, q)) for p in points for q in points)


def brute_farthest(points: list[tuple[int, int]]) -> tuple[float, tuple[int, int], tuple[int, int]]:
    """One farthest pair and its distance: the expected value a failure report shows."""
    p, q = max(((p, q) for p in points for q in points), key=lambda pq: dot(*[sub(*pq)] * 2))
    return math.dist(p, q), p, q


def brute_slabs(points: list[tuple[int, int]]) -> list[tuple[Fraction, Fraction]]:
    return _slabs(tuple(points))


@functools.cache  # each instance is judged by three exercises
def _slabs(points: tuple[tuple[int, int], ...]) -> list[tuple[Fraction, Fraction]]:
    """For the direction of every pair of distinct points (a minimum is attained along a
    hull edge, the direction of a pair): the squared width across it and the area of
    the bounding rectangle along it, from the projections of all points."""
    distinct = sorted(set(points))
    out = []
    for p, q in itertools.permutations(distinct, 2):
        d = sub(q, p)
        along = [dot(d, sub(r, p)) for r in distinct]
        across = [cross(d, sub(r, p)) for r in distinct]
        height, length = max(across) - min(across), max(along) - min(along)
        out.append((Fraction(height * height, dot(d, d)), Fraction(height * length, dot(d, d))))
    return out or [(Fraction(0), Fraction(0))]


def check_rectangle(rect: object, points: list[tuple[int, int]]) -> None:
    """Exact checks: a rectangle, counter-clockwise from its lowest corner, of the stated
    area, containing every point, with a side through two distinct points."""
    area, corners = rect
    assert len(corners) == 4
    c = [(Fraction(p.x), Fraction(p.y)) for p in corners]
    sides = [sub(c[(k + 1) % 4], c[k]) for k in range(4)]
    assert c[0] == min(c, key=lambda p: (p[1], p[0]))
    assert all(dot(sides[k], sides[(k + 1) % 4]) == 0 for k in range(4))
    assert area * area == dot(sides[0], sides[0]) * dot(sides[1], sides[1])
    if area == 0:
        return
    assert all(cross(sides[k], sub(r, c[k])) >= 0 for k in range(4) for r in points)
    assert any(
        len({r for r in points if cross(sides[k], sub(r, c[k])) == 0}) >= 2 for k in range(4)
    )


def close(a: float, b: float, scale: float = 1.0) -> bool:
    """Equal up to the rounding of a user's float arithmetic on coordinates <= 10^4."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * scale)


def farthest_pair(points: list[tuple[int, int]]) -> Holds:
    """(d, p, q): d the diameter, p and q points of the set at that distance, any order."""
    d2 = brute_diameter2(points)
    given = {(float(x), float(y)) for x, y in points}

    def test(actual: list, expected: list) -> bool:
        d, p, q = actual
        pair = {tuple(map(float, p)), tuple(map(float, q))}
        return close(d, math.sqrt(d2)) and pair <= given and close(math.dist(p, q), math.sqrt(d2))

    return Holds(test=test, words="a farthest pair, in either order, its distance within 1e-9")


def min_area(points: list[tuple[int, int]]) -> Fraction:
    """The least area: the expected value a failure report shows."""
    return min(a for _, a in brute_slabs(points))


def minimal_rectangle(points: list[tuple[int, int]]) -> Holds:
    """(area, corners): the least area, and 4 corners of a rectangle of that area that
    holds every point, counter-clockwise from any corner (all within 1e-9)."""
    best = min_area(points)
    span = max(1.0, *(abs(c) for p in points for c in p))

    def test(actual: list, expected: list) -> bool:
        area, corners = actual
        if not close(area, float(best), span * span) or len(corners) != 4:
            return False
        if best == 0:
            return True
        c = [tuple(map(float, p)) for p in corners]
        sides = [(c[(k + 1) % 4][0] - c[k][0], c[(k + 1) % 4][1] - c[k][1]) for k in range(4)]
        right_angles = all(abs(dot(sides[k], sides[k - 1])) <= 1e-9 * span**2 for k in range(4))
        holds = all(
            cross(sides[k], (r[0] - c[k][0], r[1] - c[k][1])) >= -1e-9 * span**2
            for k in range(4)
            for r in points
        )
        return right_angles and holds and close(abs(cross(sides[0], sides[1])), area, span**2)

    return Holds(test=test, words="a least-area rectangle holding the points, corners ccw")


# ------------------------------------------------------------------ the statement
def test_diameter_examples(diameter):
    for points in [
        [(0, 0), (4, 0), (4, 3), (1, 1)],
        [(7, -2)],
        [(7, -2), (7, -2)],
        [(1, 1), (0, 0), (3, 3), (2, 2)],
        [(0, 0), (1, 0), (1, 1), (0, 1)],  # two farthest pairs: either will do
        [(0, 0), (200, 0), (199, 1), (1, 1)],  # the diameter is an edge, not a diagonal
        [(-(10**4), -(10**4)), (10**4, 10**4), (0, 0)],
    ]:
        check(diameter, points, expected=brute_farthest(points), compare=farthest_pair(points))


def test_min_width_examples(min_width):
    check(min_width, [(0, 0), (4, 0), (4, 3), (0, 3), (2, 1)], expected=3.0)
    check(min_width, [(0, 0), (4, 0), (0, 3)], expected=2.4)  # 12 / 5
    check(min_width, [(0, 0), (1, 1), (1, -1), (2, 0)], expected=math.sqrt(2))
    check(min_width, [(0, 0), (1, 1), (3, 3)], expected=0.0)
    check(min_width, [(5, 5), (5, 5)], expected=0.0)
    check(min_width, [(3, 3)], expected=0.0)


def test_min_area_rectangle_examples(min_area_rectangle):
    for points in [
        [(0, 0), (2, 0), (1, 1)],
        [(0, 0), (1, 1), (2, 0), (1, -1), (1, 0)],
        [(0, 0), (3, 1), (1, 3)],  # Fraction corners
        [(2, 2), (0, 0), (1, 1)],  # collinear: area 0
        [(3, 1), (3, 1)],
    ]:
        check(
            min_area_rectangle, points, expected=min_area(points), compare=minimal_rectangle(points)
        )


def test_stress_against_brute_force_on_a_small_grid(
    diameter, min_width, min_area_rectangle, stress_cases
):
    rng = random.Random(0)
    for _ in range(stress_cases // 2):  # three exercises, an O(n^3) brute force each
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 9))]
        check(diameter, pts, expected=brute_farthest(pts), compare=farthest_pair(pts))
        width = math.sqrt(min(w for w, _ in brute_slabs(pts)))
        check(min_width, pts, expected=width)
        check(min_area_rectangle, pts, expected=min_area(pts), compare=minimal_rectangle(pts))


@given(st.lists(st.tuples(COORDINATES, COORDINATES), min_size=1, max_size=12))
def test_whole_range_against_brute_force(diameter, min_width, min_area_rectangle, pts):
    check(diameter, pts, expected=brute_farthest(pts), compare=farthest_pair(pts))
    check(min_width, pts, expected=math.sqrt(min(w for w, _ in brute_slabs(pts))))
    check(min_area_rectangle, pts, expected=min_area(pts), compare=minimal_rectangle(pts))


@given(int_points, st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_translation(diameter, min_width, min_area_rectangle, points, dx, dy):
    moved = [(x + dx, y + dy) for x, y in points]
    check(diameter, moved, expected=brute_farthest(moved), compare=farthest_pair(moved))
    check(min_width, moved, expected=min_width(points))
    check(min_area_rectangle, moved, expected=min_area(moved), compare=minimal_rectangle(moved))


@given(int_points, st.randoms(use_true_random=False))
def test_quarter_turn_and_permutation(diameter, min_width, min_area_rectangle, points, rnd):
    others = [(-y, x) for x, y in points]
    rnd.shuffle(others)
    check(diameter, others, expected=brute_farthest(others), compare=farthest_pair(others))
    check(min_width, others, expected=min_width(points))
    check(min_area_rectangle, others, expected=min_area(others), compare=minimal_rectangle(others))


# ------------------------------------------------------------------ edge: exact answers
@edge
def test_exact_answers_the_reference_picks(diameter, min_width, min_area_rectangle):
    assert diameter([(0, 0), (4, 0), (4, 3), (1, 1)]) == (5.0, Point(0, 0), Point(4, 3))
    assert diameter([(7, -2)]) == (0.0, Point(7, -2), Point(7, -2))
    rect = min_area_rectangle([(0, 0), (2, 0), (1, 1)])
    assert rect == (2, [Point(0, 0), Point(2, 0), Point(2, 1), Point(0, 1)])
    diamond = min_area_rectangle([(0, 0), (1, 1), (2, 0), (1, -1), (1, 0)])
    assert diamond == (2, [Point(1, -1), Point(2, 0), Point(1, 1), Point(0, 0)])
    third = min_area_rectangle([(0, 0), (3, 1), (1, 3)])
    assert third.area == 8
    assert any(isinstance(c, Fraction) for p in third.corners for c in p)
    p, q = Point(0, 0), Point(2, 2)
    assert min_area_rectangle([(2, 2), (0, 0), (1, 1)]) == (0, [p, q, q, p])
    assert min_area_rectangle([(3, 1), (3, 1)]) == (0, [Point(3, 1)] * 4)
    p, q = Point(3.0, 0.0), Point(0.0, 3.0)  # from the lowest end
    assert min_area_rectangle([(0.0, 3.0), (1.5, 1.5), (3.0, 0.0)]) == (0.0, [p, q, q, p])
    assert min_width([(0.5, 0.5)]) == 0.0


@edge
def test_stress_exact_rectangles(min_area_rectangle, stress_cases):
    rng = random.Random(5)
    for _ in range(stress_cases // 2):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 9))]
        rect = min_area_rectangle(pts)
        assert rect.area == min(a for _, a in brute_slabs(pts)), f"{pts}: {rect}"
        check_rectangle(rect, pts)


# ------------------------------------------------------------------ edge: floats
@edge
@given(seeds, st.integers(1, 60))
def test_against_shapely_and_numpy_brute_force_on_random_floats(
    diameter, min_width, min_area_rectangle, seed, n
):
    rng = np.random.default_rng(seed)
    xy = rng.standard_normal((n, 2)) * rng.uniform(0.01, 100)
    d, _, _ = diameter(xy)
    gaps = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=-1)
    # O(1) float operations on numbers of the result's size: relative error ~1e-15.
    assert d == pytest.approx(gaps.max(), rel=1e-12)
    dirs = (xy[:, None, :] - xy[None, :, :])[~np.eye(n, dtype=bool)]
    dirs = dirs / np.linalg.norm(dirs, axis=1, keepdims=True)
    across = dirs[:, :1] * xy[None, :, 1] - dirs[:, 1:] * xy[None, :, 0]
    along = dirs @ xy.T
    height = np.ptp(across, axis=1)
    width = height.min() if n > 1 else 0.0
    area = (height * np.ptp(along, axis=1)).min() if n > 1 else 0.0
    # Projections of O(1)-sized points: absolute error ~1e-15 times the spread.
    spread = gaps.max()
    assert min_width(xy) == pytest.approx(width, rel=1e-9, abs=1e-12 * spread)
    rect = min_area_rectangle(xy)
    assert rect.area == pytest.approx(area, rel=1e-9, abs=1e-12 * spread**2)
    shapely_area = shapely.minimum_rotated_rectangle(shapely.MultiPoint(xy)).area
    assert rect.area == pytest.approx(shapely_area, rel=1e-9, abs=1e-12 * spread**2)


@edge
def test_no_mutation(diameter, min_width, min_area_rectangle):
    points = [(3, 1), (0, 0), (2, 5), (1, 1), (0, 0)]
    copy = list(points)
    xy = np.array(points, dtype=float)
    xy_copy = xy.copy()
    for f in (diameter, min_width, min_area_rectangle):
        f(points)
        f(xy)
    assert points == copy
    np.testing.assert_array_equal(xy, xy_copy)


# ------------------------------------------------------------------ contract: bad input
@contract
@pytest.mark.parametrize(
    ("points", "error", "argument"),
    [
        ([], ValueError, "points"),
        (np.empty((0, 2)), ValueError, "points"),
        ([(0, 0), (1, float("nan"))], ValueError, "points[1]"),
        ([(0, 0), (1, 2, 3)], ValueError, "points[1]"),
        ([(0, 0), ("a", 1)], TypeError, "points[1]"),
        (5, TypeError, "points"),
    ],
)
def test_errors(diameter, min_width, min_area_rectangle, points, error, argument):
    for function in (diameter, min_width, min_area_rectangle):
        with pytest.raises(error, match=naming(argument)):
            function(points)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(diameter, min_width, min_area_rectangle, eps):
    for function in (diameter, min_width, min_area_rectangle):
        with pytest.raises((TypeError, ValueError), match=naming("eps")):
            function([(0, 0), (1, 0), (0, 1)], eps=eps)

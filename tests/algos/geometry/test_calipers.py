"""Tests of the rotating calipers (diameter, min_width, min_area_rectangle): worked
examples, kactl-style stress against brute forces over all pairs, shapely, invariants."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

diameter = exercise_fixture("diameter")
min_width = exercise_fixture("min_width")
min_area_rectangle = exercise_fixture("min_area_rectangle")

int_points = st.lists(
    st.tuples(st.integers(-30, 30), st.integers(-30, 30)), min_size=1, max_size=30
)
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


def brute_slabs(points: list[tuple[int, int]]) -> list[tuple[Fraction, Fraction]]:
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


# ------------------------------------------------------------------ worked examples
def test_diameter_examples(diameter):
    assert diameter([(0, 0), (4, 0), (4, 3), (1, 1)]) == (5.0, Point(0, 0), Point(4, 3))
    assert diameter([(7, -2)]) == (0.0, Point(7, -2), Point(7, -2))
    assert diameter([(7, -2), (7, -2)]) == (0.0, Point(7, -2), Point(7, -2))
    d, p, q = diameter([(1, 1), (0, 0), (3, 3), (2, 2)])
    assert d == pytest.approx(math.sqrt(18), rel=1e-15)
    assert {p, q} == {Point(0, 0), Point(3, 3)}
    d, p, q = diameter([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    assert d == pytest.approx(math.sqrt(2), rel=1e-15)
    assert {p, q} in ({Point(0, 0), Point(1, 1)}, {Point(1, 0), Point(0, 1)})
    # The trapezoid whose diameter is an edge, not a diagonal.
    d, p, q = diameter([(0, 0), (200, 0), (199, 1), (1, 1)])
    assert d == 200.0
    assert {p, q} == {Point(0, 0), Point(200, 0)}


def test_min_width_examples(min_width):
    assert min_width([(0, 0), (4, 0), (4, 3), (0, 3), (2, 1)]) == 3.0
    assert min_width([(0, 0), (4, 0), (0, 3)]) == pytest.approx(2.4, rel=1e-15)  # 12 / 5
    assert min_width([(0, 0), (1, 1), (1, -1), (2, 0)]) == pytest.approx(math.sqrt(2), rel=1e-15)
    assert min_width([(0, 0), (1, 1), (3, 3)]) == 0.0
    assert min_width([(5, 5), (5, 5)]) == 0.0
    assert min_width([(0.5, 0.5)]) == 0.0


def test_min_area_rectangle_examples(min_area_rectangle):
    rect = min_area_rectangle([(0, 0), (2, 0), (1, 1)])
    assert rect == (2, [Point(0, 0), Point(2, 0), Point(2, 1), Point(0, 1)])
    assert rect.area == 2
    diamond = min_area_rectangle([(0, 0), (1, 1), (2, 0), (1, -1), (1, 0)])
    assert diamond == (2, [Point(1, -1), Point(2, 0), Point(1, 1), Point(0, 0)])
    third = min_area_rectangle([(0, 0), (3, 1), (1, 3)])  # exact: Fraction corners
    assert third.area == 8
    check_rectangle(third, [(0, 0), (3, 1), (1, 3)])
    assert any(isinstance(c, Fraction) for p in third.corners for c in p)


def test_min_area_rectangle_degenerate(min_area_rectangle):
    p, q = Point(0, 0), Point(2, 2)
    assert min_area_rectangle([(2, 2), (0, 0), (1, 1)]) == (0, [p, q, q, p])
    assert min_area_rectangle([(3, 1), (3, 1)]) == (0, [Point(3, 1)] * 4)
    p, q = Point(3.0, 0.0), Point(0.0, 3.0)  # from the lowest end
    assert min_area_rectangle([(0.0, 3.0), (1.5, 1.5), (3.0, 0.0)]) == (0.0, [p, q, q, p])


# ------------------------------------------------------------------ kactl-style stress
def test_stress_against_brute_force_on_a_small_grid(
    diameter, min_width, min_area_rectangle, stress_cases
):
    rng = random.Random(0)
    for _ in range(stress_cases):
        pts = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 9))]
        d, p, q = diameter(pts)
        d2 = brute_diameter2(pts)
        assert (p.x - q.x) ** 2 + (p.y - q.y) ** 2 == d2, f"diameter({pts}) gave {p}, {q}"
        assert {tuple(p), tuple(q)} <= set(pts), f"diameter({pts}) gave {p}, {q}"
        assert d == pytest.approx(math.sqrt(d2), rel=1e-15), f"diameter({pts})"
        slabs = brute_slabs(pts)
        w2 = min(w for w, _ in slabs)
        assert min_width(pts) == pytest.approx(math.sqrt(w2), rel=1e-15), f"min_width({pts})"
        rect = min_area_rectangle(pts)
        assert rect.area == min(a for _, a in slabs), f"min_area_rectangle({pts}): {rect}"
        check_rectangle(rect, pts)


# ------------------------------------------------------------------ oracles on floats
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


# ------------------------------------------------------------------ invariants
@given(int_points, st.integers(-1000, 1000), st.integers(-1000, 1000))
def test_translation(diameter, min_width, min_area_rectangle, points, dx, dy):
    moved = [(x + dx, y + dy) for x, y in points]
    t = Point(dx, dy)
    d, p, q = diameter(points)
    assert diameter(moved) == (d, p + t, q + t)
    assert min_width(moved) == min_width(points)
    area, corners = min_area_rectangle(points)
    assert min_area_rectangle(moved) == (area, [c + t for c in corners])


@given(int_points, st.randoms(use_true_random=False))
def test_quarter_turn_and_permutation(diameter, min_width, min_area_rectangle, points, rnd):
    others = [(-y, x) for x, y in points]
    rnd.shuffle(others)
    assert diameter(others)[0] == diameter(points)[0]
    assert min_width(others) == min_width(points)
    assert min_area_rectangle(others).area == min_area_rectangle(points).area


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


@pytest.mark.contract
@pytest.mark.parametrize(
    ("points", "error", "match"),
    [
        ([], ValueError, "points must contain at least one point"),
        (np.empty((0, 2)), ValueError, "points must contain at least one point"),
        ([(0, 0), (1, float("nan"))], ValueError, r"points\[1\] must have finite coordinates"),
        ([(0, 0), (1, 2, 3)], ValueError, r"points\[1\] must be a pair"),
        ([(0, 0), ("a", 1)], TypeError, r"points\[1\] must have real-number coordinates"),
        (5, TypeError, "points must be a sequence of points"),
    ],
)
def test_errors(diameter, min_width, min_area_rectangle, points, error, match):
    for function in (diameter, min_width, min_area_rectangle):
        with pytest.raises(error, match=match):
            function(points)

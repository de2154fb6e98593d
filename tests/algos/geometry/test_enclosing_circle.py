"""The minimum enclosing circle (LeetCode 1924): Welzl's reference and its numpy variant.

Oracles: shapely's ``minimum_bounding_radius``; an O(n^4) brute force over every circle
through 2 or 3 of the points, in Fractions, keeping the smallest that holds them all.
Unmarked tests stay within LeetCode's constraints (up to 3000 points, ``0 <= x, y <=
3000``), comparing centers and radii within 1e-9; ``edge`` tests check the exact centers,
floats, numpy input, seeds, eps and no mutation; ``contract`` tests the errors.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from geometry_checks import BAD_TOLERANCES, naming
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.circle import Circle
from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

min_enclosing_circle = exercise_fixture("min_enclosing_circle")
min_enclosing_circle_np = exercise_fixture("min_enclosing_circle_np")

Pair = tuple[int, int]
floats = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)
float_sets = st.lists(st.tuples(floats, floats), min_size=1, max_size=60)
LEETCODE = st.integers(0, 3000)
int_sets = st.lists(st.tuples(LEETCODE, LEETCODE), min_size=1, max_size=25)


def _circumcircle(a: Pair, b: Pair, c: Pair) -> tuple[tuple[Fraction, Fraction], Fraction] | None:
    """Center equidistant from a, b, c: two perpendicular-bisector equations, Cramer."""
    a11, a12 = 2 * (b[0] - a[0]), 2 * (b[1] - a[1])
    a21, a22 = 2 * (c[0] - a[0]), 2 * (c[1] - a[1])
    r1 = b[0] ** 2 + b[1] ** 2 - a[0] ** 2 - a[1] ** 2
    r2 = c[0] ** 2 + c[1] ** 2 - a[0] ** 2 - a[1] ** 2
    det = a11 * a22 - a12 * a21
    if det == 0:
        return None
    x, y = Fraction(r1 * a22 - a12 * r2, det), Fraction(a11 * r2 - r1 * a21, det)
    return (x, y), (x - a[0]) ** 2 + (y - a[1]) ** 2


def _brute_mec(points: list[Pair]) -> tuple[tuple[Fraction, Fraction], Fraction]:
    candidates = [((Fraction(points[0][0]), Fraction(points[0][1])), Fraction(0))]
    for a, b in itertools.combinations(points, 2):
        center = (Fraction(a[0] + b[0], 2), Fraction(a[1] + b[1], 2))
        candidates.append((center, (center[0] - a[0]) ** 2 + (center[1] - a[1]) ** 2))
    circumcircles = (_circumcircle(*triple) for triple in itertools.combinations(points, 3))
    candidates.extend(c for c in circumcircles if c is not None)
    holding = [
        (r2, center)
        for center, r2 in candidates
        if all((x - center[0]) ** 2 + (y - center[1]) ** 2 <= r2 for x, y in points)
    ]
    r2, center = min(holding)
    return center, r2


def as_expected(center: tuple, r2: Fraction) -> tuple[tuple[float, float], float]:
    return (float(center[0]), float(center[1])), math.sqrt(r2)


# ---------------------------------------------------------------- the statement

EXAMPLES = [
    ([(3, 4)], (3, 4), 0.0),
    ([(3, 4), (3, 4), (3, 4)], (3, 4), 0.0),
    ([(0, 0), (2, 0)], (1, 0), 1.0),
    ([(0, 0), (4, 0), (0, 3), (1, 1)], (2, Fraction(3, 2)), 2.5),  # right triangle
    ([(0, 0), (1, 0), (2, 0), (7, 0)], (Fraction(7, 2), 0), 3.5),  # collinear
    ([(0, 0), (10, 0), (5, 1)], (5, 0), 5.0),  # obtuse: the long side is a diameter
    ([(0, 0), (2, 0), (0, 2), (2, 2), (1, 1)], (1, 1), math.sqrt(2)),
    ([(1, 1), (2, 2), (2, 0), (2, 4), (3, 3), (4, 2)], (2, 2), 2.0),  # LeetCode 1924
    ([(1, 2), (2, 2), (4, 2)], (Fraction(5, 2), 2), 1.5),  # LeetCode 1924
    ([(0, 0), (4, 0), (1, 3)], (2, 1), math.sqrt(5)),  # acute: the circumcircle
    ([(0, 0), (3000, 3000), (0, 3000)], (1500, 1500), math.sqrt(2 * 1500**2)),
]


@pytest.mark.parametrize(("points", "center", "radius"), EXAMPLES)
def test_worked_examples(
    min_enclosing_circle, min_enclosing_circle_np, points, center, radius
) -> None:
    check(min_enclosing_circle, points, expected=(center, radius))
    check(min_enclosing_circle_np, np.array(points), expected=(center, radius))


def test_stress_vs_brute(min_enclosing_circle, min_enclosing_circle_np, stress_cases) -> None:
    rng = random.Random(0)
    for _ in range(stress_cases // 4):  # the brute force is O(n^4) in Fractions
        points = [(rng.randint(0, 8), rng.randint(0, 8)) for _ in range(rng.randint(1, 7))]
        expected = as_expected(*_brute_mec(points))
        check(min_enclosing_circle, points, expected=expected)
        check(min_enclosing_circle_np, np.array(points), expected=expected)


@given(int_sets)
def test_whole_range_vs_shapely(min_enclosing_circle, points) -> None:
    radius = shapely.minimum_bounding_radius(shapely.multipoints(points))
    center, r = min_enclosing_circle(points)
    assert math.isclose(r, radius, rel_tol=1e-9, abs_tol=1e-9)
    assert all(math.dist(p, center) <= r * (1 + 1e-9) + 1e-9 for p in points)


def test_largest_input(min_enclosing_circle) -> None:
    # 3000 points, LeetCode's limit, most of them on one circle: many rebuilds.
    rng = np.random.default_rng(1924)
    t = rng.uniform(0, 2 * np.pi, 3000)
    xy = np.rint(1500 + 1500 * np.c_[np.cos(t), np.sin(t)]).astype(int)
    points = [tuple(p) for p in xy.tolist()]
    radius = shapely.minimum_bounding_radius(shapely.multipoints(points))
    center, r = min_enclosing_circle(points)
    assert math.isclose(r, radius, rel_tol=1e-9)
    assert all(math.dist(p, center) <= r * (1 + 1e-9) for p in points)


@given(int_sets, st.tuples(st.integers(-99, 99), st.integers(-99, 99)))
def test_invariants(min_enclosing_circle, points, shift) -> None:
    (cx, cy), r = min_enclosing_circle(points)
    check(min_enclosing_circle, points[::-1], expected=((cx, cy), r))  # unique circle
    dx, dy = shift
    moved = [(x + dx, y + dy) for x, y in points]
    check(min_enclosing_circle, moved, expected=((cx + dx, cy + dy), r))
    check(min_enclosing_circle, [(-y, x) for x, y in points], expected=((-cy, cx), r))


# ---------------------------------------------------------------- edge


@edge
@pytest.mark.parametrize(("points", "center", "radius"), EXAMPLES)
def test_exact_centers_for_every_seed(min_enclosing_circle, points, center, radius) -> None:
    for seed in range(5):
        circle = min_enclosing_circle(points, seed=seed)
        assert isinstance(circle, Circle)
        assert tuple(circle.center) == center
        assert circle.radius == radius


@edge
def test_stress_exact(min_enclosing_circle, stress_cases) -> None:
    rng = random.Random(5)
    for case in range(stress_cases // 4):
        points = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 7))]
        center, r2 = _brute_mec(points)
        circle = min_enclosing_circle(points, seed=case)
        assert tuple(circle.center) == center, f"min_enclosing_circle({points})"
        assert circle.radius == pytest.approx(math.sqrt(r2), rel=1e-15), f"{points}"


@edge
def test_accepts_arrays(min_enclosing_circle, min_enclosing_circle_np) -> None:
    ints = np.array([[0, 0], [4, 0], [0, 3]])
    assert min_enclosing_circle(ints) == Circle(Point(2, Fraction(3, 2)), 2.5)
    assert isinstance(min_enclosing_circle(ints).center.x, int)  # numpy ints stay exact
    floats_ = ints.astype(float)
    assert min_enclosing_circle(floats_).radius == pytest.approx(2.5, rel=1e-15)
    assert min_enclosing_circle_np(floats_).radius == pytest.approx(2.5, rel=1e-15)
    assert min_enclosing_circle_np([(0, 0), (4, 0), (0, 3)]).radius == pytest.approx(2.5)


@edge
@given(float_sets, st.integers(0, 2**32))
def test_floats_vs_shapely(min_enclosing_circle, min_enclosing_circle_np, points, seed) -> None:
    with np.errstate(divide="ignore"):  # GEOS divides by ~0 on nearly coincident points
        expected = shapely.minimum_bounding_radius(shapely.multipoints(points))
    scale = max(1.0, max(math.hypot(x, y) for x, y in points))
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        circle = mec(points, seed=seed)
        # Both compute a circumcircle in doubles: errors of a few ulps of the coordinates.
        assert circle.radius == pytest.approx(expected, rel=1e-9, abs=1e-12 * scale)
        cx, cy = float(circle.center.x), float(circle.center.y)
        assert all(
            math.hypot(x - cx, y - cy) <= circle.radius * (1 + 1e-9) + 1e-12 * scale
            for x, y in points
        )


@edge
def test_eps_is_the_slack_of_the_inside_test(min_enclosing_circle, min_enclosing_circle_np):
    # (1 + 1e-12, 0) is outside the unit circle by 1e-12: within the default slack the
    # circle through the other three stays; with eps = 0 it grows to hold it.
    points = [(-1.0, 0.0), (0.0, 1.0), (0.0, -1.0), (1.0 + 1e-12, 0.0)]
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        for seed in range(4):
            assert mec(points, seed=seed).radius == pytest.approx(1.0, abs=1e-11)
        strict = mec(points, seed=0, eps=0.0)
        cx, cy = strict.center
        assert all(math.hypot(x - cx, y - cy) <= strict.radius * (1 + 1e-15) for x, y in points)


@edge
def test_inputs_are_not_mutated(min_enclosing_circle, min_enclosing_circle_np) -> None:
    points = [[0, 0], [4, 0], [0, 3], [1, 1], [2, 2]]
    array = np.array(points, dtype=float)
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        mec(points, seed=3)
        mec(array, seed=3)
    assert points == [[0, 0], [4, 0], [0, 3], [1, 1], [2, 2]]
    assert array.tolist() == points


# ---------------------------------------------------------------- contract


@contract
def test_errors(min_enclosing_circle, min_enclosing_circle_np) -> None:
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        with pytest.raises(ValueError, match=naming("points")):
            mec([])
        with pytest.raises(ValueError, match=naming("points[1]")):
            mec([(0, 0), (math.nan, 1)])
        with pytest.raises(ValueError, match=naming("points[0]")):
            mec(np.array([[math.inf, 0.0]]))
        with pytest.raises(TypeError, match=naming("seed")):
            mec([(0, 0)], seed=1.5)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(min_enclosing_circle, min_enclosing_circle_np, eps) -> None:
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        with pytest.raises((TypeError, ValueError), match=naming("eps")):
            mec([(0, 0), (1, 1)], eps=eps)

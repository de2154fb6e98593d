"""Circles: minimum enclosing circle, circle-line and circle-circle intersections.

Oracles: shapely's ``minimum_bounding_radius``; an O(n^4) brute force over every circle
through 2 or 3 of the points, in Fractions, keeping the smallest that holds them all; for
the intersections, the quadratic ``|a + t (b - a) - c|^2 = r^2`` solved here (its
discriminant decides the count exactly on integers) and, for two circles, the radical
line ``2 (c2 - c1) . x = |c2|^2 - |c1|^2 + r1^2 - r2^2`` fed to the same quadratic.
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

import numpy as np
import pytest
import shapely
from hypothesis import assume, given
from hypothesis import strategies as st

from algos.geometry.circle import Circle
from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

min_enclosing_circle = exercise_fixture("min_enclosing_circle")
min_enclosing_circle_np = exercise_fixture("min_enclosing_circle_np")
circle_line_intersection = exercise_fixture("circle_line_intersection")
circle_circle_intersection = exercise_fixture("circle_circle_intersection")

Pair = tuple[int, int]
floats = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)
float_sets = st.lists(st.tuples(floats, floats), min_size=1, max_size=60)
int_sets = st.lists(st.tuples(st.integers(-50, 50), st.integers(-50, 50)), min_size=1, max_size=25)


# ---------------------------------------------------------------- worked examples


@pytest.mark.parametrize(
    ("points", "center", "radius"),
    [
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
    ],
)
def test_min_enclosing_circle_examples(
    min_enclosing_circle, min_enclosing_circle_np, points, center, radius
) -> None:
    for seed in range(5):
        circle = min_enclosing_circle(points, seed=seed)
        assert isinstance(circle, Circle)
        assert tuple(circle.center) == center
        assert circle.radius == radius
        fast = min_enclosing_circle_np(points, seed=seed)
        assert tuple(fast.center) == pytest.approx(tuple(float(c) for c in center), abs=1e-12)
        assert fast.radius == pytest.approx(radius, rel=1e-15)


def test_min_enclosing_circle_accepts_arrays(min_enclosing_circle, min_enclosing_circle_np) -> None:
    ints = np.array([[0, 0], [4, 0], [0, 3]])
    assert min_enclosing_circle(ints) == Circle(Point(2, Fraction(3, 2)), 2.5)
    assert isinstance(min_enclosing_circle(ints).center.x, int)  # numpy ints stay exact
    floats_ = ints.astype(float)
    assert min_enclosing_circle(floats_).radius == pytest.approx(2.5, rel=1e-15)
    assert min_enclosing_circle_np(floats_).radius == pytest.approx(2.5, rel=1e-15)


@pytest.mark.parametrize(
    ("center", "radius", "a", "b", "expected"),
    [
        ((0, 0), 5, (-10, 3), (10, 3), [(-4, 3), (4, 3)]),
        ((0, 0), 5, (10, 3), (-10, 3), [(4, 3), (-4, 3)]),  # ordered along a -> b
        ((0, 0), 5, (3, -9), (3, 1), [(3, -4), (3, 4)]),  # vertical line
        ((1, 1), 1, (0, 0), (1, 0), [(1, 0)]),  # tangent
        ((0, 0), 1, (2, 0), (2, 1), []),
        ((0, 0), 0, (-1, 0), (1, 0), [(0, 0)]),  # a zero-radius circle on the line
        ((0, 0), 0, (-1, 1), (1, 1), []),
        (
            (0, 0),
            Fraction(5, 2),
            (0, Fraction(3, 2)),
            (1, Fraction(3, 2)),
            [(-2, Fraction(3, 2)), (2, Fraction(3, 2))],
        ),
        ((0.0, 0.0), 5.0, (-10.0, 3.0), (10.0, 3.0), [(-4.0, 3.0), (4.0, 3.0)]),
    ],
)
def test_circle_line_examples(circle_line_intersection, center, radius, a, b, expected) -> None:
    got = circle_line_intersection(center, radius, a, b)
    assert [tuple(p) for p in got] == expected
    assert all(isinstance(p, Point) for p in got)


def test_circle_line_irrational_and_tolerance(circle_line_intersection) -> None:
    got = circle_line_intersection((0, 0), 1, (0, 0), (1, 1))
    h = math.sqrt(0.5)
    assert [tuple(p) for p in got] == [
        pytest.approx((-h, -h), rel=1e-15),
        pytest.approx((h, h), rel=1e-15),
    ]
    # 0.1 * 3 is not exactly 0.3: tangent within the tolerance, two close points without.
    assert len(circle_line_intersection((0.0, 0.0), 0.3, (0.0, 0.1 * 3), (1.0, 0.1 * 3))) == 1
    assert len(circle_line_intersection((0.0, 0.0), 0.1 * 3, (0.0, 0.3), (1.0, 0.3), eps=0.0)) == 2


@pytest.mark.parametrize(
    ("c1", "r1", "c2", "r2", "expected"),
    [
        ((0, 0), 5, (6, 0), 5, [(3, 4), (3, -4)]),  # left of c1 -> c2 first
        ((6, 0), 5, (0, 0), 5, [(3, -4), (3, 4)]),
        ((0, 0), 1, (2, 0), 1, [(1, 0)]),  # tangent outside
        ((0, 0), 3, (1, 0), 2, [(3, 0)]),  # tangent inside
        ((0, 0), 1, (3, 0), 1, []),  # apart
        ((0, 0), 5, (1, 0), 1, []),  # nested
        ((0, 0), 1, (0, 0), 2, []),  # concentric
        ((2, 3), 0, (2, 3), 0, [(2, 3)]),  # two equal points
        ((0, 0), 5, (3, 4), 0, [(3, 4)]),  # a point on a circle
        ((0, 0), 5, (4, 4), 0, []),
        ((0.0, 0.0), 5.0, (6.0, 0.0), 5.0, [(3.0, 4.0), (3.0, -4.0)]),
    ],
)
def test_circle_circle_examples(circle_circle_intersection, c1, r1, c2, r2, expected) -> None:
    got = circle_circle_intersection(c1, r1, c2, r2)
    assert [tuple(p) for p in got] == expected


# ---------------------------------------------------------------- errors, inputs


@pytest.mark.contract
def test_errors(
    min_enclosing_circle,
    min_enclosing_circle_np,
    circle_line_intersection,
    circle_circle_intersection,
) -> None:
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        with pytest.raises(ValueError, match=r"points must hold at least one point"):
            mec([])
        with pytest.raises(ValueError, match=r"points\[1\] must have finite coordinates"):
            mec([(0, 0), (math.nan, 1)])
        with pytest.raises(ValueError, match=r"points\[0\] must have finite coordinates"):
            mec(np.array([[math.inf, 0.0]]))
    with pytest.raises(ValueError, match=r"radius must be finite and >= 0, got -1"):
        circle_line_intersection((0, 0), -1, (0, 0), (1, 0))
    with pytest.raises(ValueError, match=r"radius must be finite and >= 0, got inf"):
        circle_line_intersection((0, 0), math.inf, (0, 0), (1, 0))
    with pytest.raises(ValueError, match=r"radius must be finite and >= 0, got nan"):
        circle_line_intersection((0, 0), math.nan, (0, 0), (1, 0))
    with pytest.raises(TypeError, match=r"radius must be a real number"):
        circle_line_intersection((0, 0), True, (0, 0), (1, 0))
    with pytest.raises(ValueError, match=r"a and b must be distinct"):
        circle_line_intersection((0, 0), 1, (2, 2), (2, 2))
    with pytest.raises(ValueError, match=r"r2 must be finite and >= 0"):
        circle_circle_intersection((0, 0), 1, (1, 0), -0.5)
    with pytest.raises(ValueError, match=r"the circles coincide .* infinitely many points"):
        circle_circle_intersection((1, 2), 3, (1, 2), 3)
    with pytest.raises(ValueError, match=r"c2 must have finite coordinates"):
        circle_circle_intersection((0, 0), 1, (math.nan, 0), 1)


def test_inputs_are_not_mutated(min_enclosing_circle, min_enclosing_circle_np) -> None:
    points = [[0, 0], [4, 0], [0, 3], [1, 1], [2, 2]]
    array = np.array(points, dtype=float)
    for mec in (min_enclosing_circle, min_enclosing_circle_np):
        mec(points, seed=3)
        mec(array, seed=3)
    assert points == [[0, 0], [4, 0], [0, 3], [1, 1], [2, 2]]
    assert array.tolist() == points


# ---------------------------------------------------------------- brute force (exact)


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


def test_stress_min_enclosing_circle_vs_brute(
    min_enclosing_circle, min_enclosing_circle_np, stress_cases
) -> None:
    rng = random.Random(0)
    for case in range(stress_cases // 4):  # the brute force is O(n^4) in Fractions
        points = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(1, 7))]
        center, r2 = _brute_mec(points)
        circle = min_enclosing_circle(points, seed=case)
        assert tuple(circle.center) == center, f"min_enclosing_circle({points})"
        assert circle.radius == pytest.approx(math.sqrt(r2), rel=1e-15), f"{points}"
        # float64 on small integers: the circumcenter formula is good to a few ulps.
        fast = min_enclosing_circle_np(points, seed=case)
        assert fast.radius == pytest.approx(math.sqrt(r2), rel=1e-14), f"np: {points}"
        assert tuple(fast.center) == pytest.approx(tuple(map(float, center)), abs=1e-13)


def _line_hits(c: tuple, r2: Fraction, a: tuple, u: tuple) -> list[tuple]:
    """Roots t of |a + t u - c|^2 = r^2 (A t^2 + B t + C = 0), as points, in t order."""
    A = u[0] ** 2 + u[1] ** 2
    B = 2 * (u[0] * (a[0] - c[0]) + u[1] * (a[1] - c[1]))
    C = (a[0] - c[0]) ** 2 + (a[1] - c[1]) ** 2 - r2
    disc = B * B - 4 * A * C
    if disc < 0:
        return []
    roots = (
        [Fraction(-B, 2 * A)]
        if disc == 0
        else [(-B - math.sqrt(disc)) / (2 * A), (-B + math.sqrt(disc)) / (2 * A)]
    )
    return [(a[0] + t * u[0], a[1] + t * u[1]) for t in roots]


def _assert_points_close(got: list[Point], expected: list[tuple], case: object) -> None:
    assert len(got) == len(expected), f"{case}: got {got}, expected {expected}"
    for g, e in zip(got, expected, strict=True):
        if all(isinstance(v, Fraction) for v in e):
            assert tuple(g) == e, f"{case}: got {got}, expected {expected}"  # tangent: exact
        else:
            # Coordinates <= ~10 and square roots of integers: a few ulps of error.
            assert (float(g.x), float(g.y)) == pytest.approx(tuple(map(float, e)), abs=1e-12), (
                f"{case}"
            )


def test_stress_circle_line_vs_quadratic(circle_line_intersection, stress_cases) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases):
        c, a, b = ((rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(3))
        if a == b:
            continue
        r = rng.randint(0, 5)
        expected = _line_hits(c, Fraction(r * r), a, (b[0] - a[0], b[1] - a[1]))
        _assert_points_close(
            circle_line_intersection(c, r, a, b), expected, ("circle_line", c, r, a, b)
        )


def test_stress_circle_circle_vs_radical_line(circle_circle_intersection, stress_cases) -> None:
    rng = random.Random(2)
    for _ in range(stress_cases):
        c1, c2 = ((rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(2))
        r1, r2 = rng.randint(0, 5), rng.randint(0, 5)
        if c1 == c2:
            continue
        # Radical line n . x = k with n = 2 (c2 - c1): its foot point and direction perp(n).
        n = (2 * (c2[0] - c1[0]), 2 * (c2[1] - c1[1]))
        k = c2[0] ** 2 + c2[1] ** 2 - c1[0] ** 2 - c1[1] ** 2 + r1 * r1 - r2 * r2
        nn = n[0] ** 2 + n[1] ** 2
        foot = (Fraction(k * n[0], nn), Fraction(k * n[1], nn))
        expected = _line_hits(c1, Fraction(r1 * r1), foot, (-n[1], n[0]))  # left of c1 -> c2 last
        got = circle_circle_intersection(c1, r1, c2, r2)
        _assert_points_close(got, expected[::-1], ("circle_circle", c1, r1, c2, r2))


# ---------------------------------------------------------------- properties vs shapely


@given(float_sets, st.integers(0, 2**32))
def test_min_enclosing_circle_vs_shapely(
    min_enclosing_circle, min_enclosing_circle_np, points, seed
) -> None:
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


@given(int_sets, st.integers(0, 2**32), st.tuples(st.integers(-99, 99), st.integers(-99, 99)))
def test_min_enclosing_circle_invariants(min_enclosing_circle, points, seed, shift) -> None:
    circle = min_enclosing_circle(points, seed=seed)
    c = circle.center
    assert min_enclosing_circle(points[::-1], seed=seed + 1).center == c  # unique circle
    dx, dy = shift
    moved = min_enclosing_circle([(x + dx, y + dy) for x, y in points], seed=seed)
    assert moved.center == Point(c.x + dx, c.y + dy)
    turned = min_enclosing_circle([(-y, x) for x, y in points], seed=seed)
    assert turned.center == Point(-c.y, c.x)
    # Exact center: the radius is the square root of an exact squared distance.
    assert circle.radius == pytest.approx(
        math.sqrt(max((x - c.x) ** 2 + (y - c.y) ** 2 for x, y in points)), rel=1e-15
    )


@given(
    st.tuples(floats, floats),
    st.floats(0, 1e3),
    st.tuples(floats, floats),
    st.tuples(floats, floats),
)
def test_circle_line_points_are_on_both(circle_line_intersection, c, r, a, b) -> None:
    assume(math.dist(a, b) > 1e-3)
    got = circle_line_intersection(c, r, a, b)
    scale = max(1.0, r, *map(abs, c + a + b))
    for p in map(tuple, got):
        # On the circle and on the line up to rounding of quantities of size ~scale; a
        # near-tangent's points move by sqrt(eps) * scale, within 1e-4 * scale.
        assert math.dist(p, c) == pytest.approx(r, abs=1e-4 * scale)
        cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
        assert abs(cross) <= 1e-9 * scale * scale
    if len(got) == 2:
        t = [(p.x - a[0]) * (b[0] - a[0]) + (p.y - a[1]) * (b[1] - a[1]) for p in got]
        assert t[0] <= t[1]  # ordered along a -> b


@given(st.tuples(floats, floats), st.floats(0, 1e3), st.tuples(floats, floats), st.floats(0, 1e3))
def test_circle_circle_points_are_on_both(circle_circle_intersection, c1, r1, c2, r2) -> None:
    assume(math.dist(c1, c2) > 1e-3)
    got = circle_circle_intersection(c1, r1, c2, r2)
    scale = max(1.0, r1, r2, *map(abs, c1 + c2))
    for p in got:
        assert math.dist(p, c1) == pytest.approx(r1, abs=1e-4 * scale)
        assert math.dist(p, c2) == pytest.approx(r2, abs=1e-4 * scale)
    d = math.dist(c1, c2)
    if abs(d - (r1 + r2)) > 1e-6 * scale and abs(d - abs(r1 - r2)) > 1e-6 * scale:
        assert len(got) == (2 if abs(r1 - r2) < d < r1 + r2 else 0)
    swapped = circle_circle_intersection(c2, r2, c1, r1)
    assert len(swapped) == len(got)
    flat = [float(v) for p in swapped for v in p]
    assert flat == pytest.approx([float(v) for p in got[::-1] for v in p], abs=1e-4 * scale)

"""Circles: circle-line and circle-circle intersections.

Oracles: the quadratic ``|a + t (b - a) - c|^2 = r^2`` solved here (its discriminant
decides the count exactly on integers) and, for two circles, the radical line
``2 (c2 - c1) . x = |c2|^2 - |c1|^2 + r1^2 - r2^2`` fed to the same quadratic.  Unmarked
tests stay within the statement (integer centers and points, ``|x|, |y| <= 10^4``,
integer radii); ``edge`` tests check exact Fractions, ``Point`` objects, floats and the
tolerance; ``contract`` tests the errors.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest
from geometry_checks import BAD_TOLERANCES, INT_POINT, naming
from hypothesis import assume, example, given
from hypothesis import strategies as st

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

circle_line_intersection = exercise_fixture("circle_line_intersection")
circle_circle_intersection = exercise_fixture("circle_circle_intersection")

floats = st.floats(-1e3, 1e3, allow_nan=False, allow_subnormal=False)


# ---------------------------------------------------------------- worked examples


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
        ((0, 0), 10**4, (-(10**4), 6000), (10**4, 6000), [(-8000, 6000), (8000, 6000)]),
    ],
)
def test_circle_line_examples(circle_line_intersection, center, radius, a, b, expected) -> None:
    check(circle_line_intersection, center, radius, a, b, expected=expected)


def test_circle_line_irrational(circle_line_intersection) -> None:
    h = math.sqrt(0.5)
    check(circle_line_intersection, (0, 0), 1, (0, 0), (1, 1), expected=[(-h, -h), (h, h)])


@edge
def test_exact_points_and_the_tolerance(circle_line_intersection, circle_circle_intersection):
    got = circle_line_intersection((0, 0), Fraction(5, 2), (0, Fraction(3, 2)), (1, Fraction(3, 2)))
    assert got == [Point(-2, Fraction(3, 2)), Point(2, Fraction(3, 2))]
    assert circle_line_intersection((0, 0), 5, (-10, 3), (10, 3)) == [Point(-4, 3), Point(4, 3)]
    assert all(type(c) is int for p in circle_circle_intersection((0, 0), 5, (6, 0), 5) for c in p)
    floats_ = circle_line_intersection((0.0, 0.0), 5.0, (-10.0, 3.0), (10.0, 3.0))
    assert floats_ == [Point(-4.0, 3.0), Point(4.0, 3.0)]
    assert circle_circle_intersection((0.0, 0.0), 5.0, (6.0, 0.0), 5.0) == [
        Point(3.0, 4.0),
        Point(3.0, -4.0),
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
        ((0, 0), 5, (1, 1), 1, []),  # nested, not touching
    ],
)
def test_circle_circle_examples(circle_circle_intersection, c1, r1, c2, r2, expected) -> None:
    check(circle_circle_intersection, c1, r1, c2, r2, expected=expected)


# ---------------------------------------------------------------- oracles


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


def test_stress_circle_line_vs_quadratic(circle_line_intersection, stress_cases) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases):
        c, a, b = ((rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(3))
        if a == b:
            continue
        r = rng.randint(0, 5)
        expected = _line_hits(c, Fraction(r * r), a, (b[0] - a[0], b[1] - a[1]))
        check(circle_line_intersection, c, r, a, b, expected=expected)


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
        check(circle_circle_intersection, c1, r1, c2, r2, expected=expected[::-1])


# ---------------------------------------------------------------- edge: floats


@edge
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


@edge
@given(st.tuples(floats, floats), st.floats(0, 1e3), st.tuples(floats, floats), st.floats(0, 1e3))
# Centers 6e-5 of the radii apart, once taken for concentric; a near internal tangency
# whose one point, from the squared-distance formula, missed the circles by 1.2e-4.
@example(c1=(0.0, 248.0), r1=248.0, c2=(0.015625, 248.0), r2=248.0)
@example(c1=(0.0, 0.0), r1=247.0, c2=(1.0, 0.015625), r2=248.0)
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


@given(INT_POINT, st.integers(0, 10**4), INT_POINT, INT_POINT)
def test_circle_line_vs_quadratic_on_the_whole_range(circle_line_intersection, c, r, a, b):
    assume(a != b)
    expected = _line_hits(c, Fraction(r * r), a, (b[0] - a[0], b[1] - a[1]))
    check(circle_line_intersection, c, r, a, b, expected=expected)


# ---------------------------------------------------------------- contract


@contract
def test_errors(circle_line_intersection, circle_circle_intersection) -> None:
    for radius, error in [(-1, ValueError), (math.inf, ValueError), (math.nan, ValueError)]:
        with pytest.raises(error, match=naming("radius")):
            circle_line_intersection((0, 0), radius, (0, 0), (1, 0))
    with pytest.raises(TypeError, match=naming("radius")):
        circle_line_intersection((0, 0), True, (0, 0), (1, 0))
    with pytest.raises(ValueError, match=naming("a")):
        circle_line_intersection((0, 0), 1, (2, 2), (2, 2))
    with pytest.raises(ValueError, match=naming("r2")):
        circle_circle_intersection((0, 0), 1, (1, 0), -0.5)
    with pytest.raises(ValueError, match="coincide"):
        circle_circle_intersection((1, 2), 3, (1, 2), 3)
    with pytest.raises(ValueError, match=naming("c2")):
        circle_circle_intersection((0, 0), 1, (math.nan, 0), 1)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(circle_line_intersection, circle_circle_intersection, eps):
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        circle_line_intersection((0, 0), 1, (0, 0), (1, 0), eps=eps)
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        circle_circle_intersection((0, 0), 1, (1, 0), 1, eps=eps)

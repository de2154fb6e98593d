"""Primitives: vector products, lengths, angles, orientation and input validation.

Oracles: numpy's ``det``/``hypot``, complex-number arithmetic (``cmath``), and the exact
formulas evaluated on Fractions.
"""

from __future__ import annotations

import cmath
import decimal
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from algos.geometry.primitives import EPS, Point, as_point, as_points, perp, sign
from workbook.testing import exercise_fixture

dot = exercise_fixture("dot")
cross = exercise_fixture("cross")
norm = exercise_fixture("norm")
dist = exercise_fixture("dist")
angle = exercise_fixture("angle")
rotate = exercise_fixture("rotate")
orientation = exercise_fixture("orientation")

big_ints = st.integers(-(2**80), 2**80)
small_ints = st.integers(-50, 50)
floats = st.floats(-1e6, 1e6, allow_nan=False)
int_points = st.tuples(big_ints, big_ints)
float_points = st.tuples(floats, floats)


# ---------------------------------------------------------------- worked examples


def test_products_of_unit_vectors(dot, cross) -> None:
    assert dot((1, 0), (0, 1)) == 0
    assert cross((1, 0), (0, 1)) == 1
    assert cross((0, 1), (1, 0)) == -1
    assert dot((1, 2), (3, 4)) == 11


def test_lengths_and_angles(norm, dist, angle) -> None:
    assert norm((3, 4)) == 5.0
    assert dist((1, 1), (4, 5)) == 5.0
    assert angle((1, 0)) == 0.0
    assert angle((-1, 0)) == math.pi
    assert angle((0, -1)) == -math.pi / 2


def test_orientation_examples(orientation) -> None:
    assert orientation((0, 0), (1, 0), (0, 1)) == 1
    assert orientation((0, 0), (0, 1), (1, 0)) == -1
    assert orientation((0, 0), (1, 1), (3, 3)) == 0
    assert orientation((0, 0), (0, 0), (5, 7)) == 0  # two equal points are collinear


def test_point_arithmetic_is_exact() -> None:
    p = Point(1, 2)
    assert p + Point(3, 4) == Point(4, 6)
    assert p - Point(3, 4) == Point(-2, -2)
    assert 3 * p == p * 3 == Point(3, 6)
    assert p / 3 == Point(Fraction(1, 3), Fraction(2, 3))
    assert p / 1 == p
    assert isinstance((p / 1).x, int)
    assert Point(1.0, 2.0) / 4 == Point(0.25, 0.5)
    assert -p == Point(-1, -2)
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert tuple(p) == (1, 2)


# ---------------------------------------------------------------- properties vs oracles


@given(int_points, int_points)
def test_products_exact_on_big_ints(dot, cross, u, v) -> None:
    (a, b), (c, d) = u, v
    assert dot(u, v) == Fraction(a) * c + Fraction(b) * d
    assert cross(u, v) == Fraction(a) * d - Fraction(b) * c


@given(float_points, float_points)
def test_products_on_floats_are_correctly_rounded_sums(dot, cross, u, v) -> None:
    (a, b), (c, d) = (map(Fraction, u)), (map(Fraction, v))
    # two products and one sum, each rounded once: error <= 2 ulp of |ac| + |bd|
    bound = 2 * 2**-52 * float(abs(a * c) + abs(b * d)) + 1e-300
    assert abs(dot(u, v) - float(a * c + b * d)) <= bound
    bound = 2 * 2**-52 * float(abs(a * d) + abs(b * c)) + 1e-300
    assert abs(cross(u, v) - float(a * d - b * c)) <= bound


@given(float_points, float_points)
def test_lengths_match_a_high_precision_square_root(norm, dist, p, q) -> None:
    with decimal.localcontext(prec=60):
        length = float((Decimal(p[0]) ** 2 + Decimal(p[1]) ** 2).sqrt())
        gap = float(
            ((Decimal(q[0]) - Decimal(p[0])) ** 2 + (Decimal(q[1]) - Decimal(p[1])) ** 2).sqrt()
        )
    # math.hypot is accurate to within one ulp; the difference q - p adds one rounding
    assert norm(p) == pytest.approx(length, rel=2.3e-16, abs=1e-320)
    assert dist(p, q) == pytest.approx(gap, rel=4.5e-16, abs=1e-320)


# cmath.phase raises OverflowError on subnormal parts, so the oracle gets normal floats
normal_floats = st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False)


@given(st.tuples(normal_floats, normal_floats))
def test_angle_matches_complex_phase(angle, v) -> None:
    assume(v != (0.0, 0.0))
    assert angle(v) == pytest.approx(cmath.phase(complex(*v)), abs=1e-15)


@given(float_points, st.floats(-10, 10), float_points)
def test_rotate_matches_complex_multiplication(rotate, p, theta, about) -> None:
    centre = complex(*about)
    expected = centre + (complex(*p) - centre) * cmath.exp(1j * theta)
    got = rotate(p, theta, about)
    size = abs(complex(*p) - centre) + abs(centre)
    # cos/sin are correctly rounded to an ulp; a handful of products and sums follow
    assert got.x == pytest.approx(expected.real, abs=1e-15 * size + 1e-300)
    assert got.y == pytest.approx(expected.imag, abs=1e-15 * size + 1e-300)


@given(int_points, int_points, int_points)
def test_orientation_is_the_exact_sign_of_the_determinant(orientation, a, b, c) -> None:
    det = (Fraction(b[0]) - a[0]) * (c[1] - a[1]) - (Fraction(b[1]) - a[1]) * (c[0] - a[0])
    assert orientation(a, b, c) == (det > 0) - (det < 0)


# ---------------------------------------------------------------- invariants


@given(
    st.tuples(small_ints, small_ints),
    st.tuples(small_ints, small_ints),
    st.tuples(small_ints, small_ints),
    st.tuples(big_ints, big_ints),
)
def test_orientation_invariances(orientation, a, b, c, shift) -> None:
    turn = orientation(a, b, c)
    assert orientation(b, c, a) == orientation(c, a, b) == turn  # cyclic
    assert orientation(b, a, c) == -turn  # a swap reverses the turn
    moved = [(x + shift[0], y + shift[1]) for x, y in (a, b, c)]
    assert orientation(*moved) == turn  # translation
    assert orientation(perp(a), perp(b), perp(c)) == turn  # quarter turn


@given(st.floats(1e-12, 1e12), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_float_orientation_does_not_flip_with_scale(orientation, scale, x, y) -> None:
    assume(math.hypot(x, y) > 1e-3)
    # c sits 1e-12 (relative) off the line a-b: collinear at the default EPS at any scale
    a, b = (0.0, 0.0), (x * scale, y * scale)
    c = (2 * x * scale - y * scale * 1e-12, 2 * y * scale + x * scale * 1e-12)
    assert orientation(a, b, c) == 0
    assert orientation(a, b, c, eps=0.0) != 0 or c == (2 * b[0], 2 * b[1])


def test_eps_controls_the_float_decision(orientation) -> None:
    a, b, c = (0.0, 0.0), (1.0, 0.0), (2.0, 1e-7)
    assert orientation(a, b, c) == 1
    assert orientation(a, b, c, eps=1e-6) == 0
    assert orientation((0, 0), (1, 0), (2, Fraction(1, 10**40))) == 1  # exact: no tolerance


def test_sign_rule() -> None:
    assert (sign(0.5 * EPS), sign(2 * EPS), sign(-2 * EPS)) == (0, 1, -1)
    assert sign(2 * EPS, scale=10) == 0
    assert sign(Fraction(1, 10**100)) == 1


# ---------------------------------------------------------------- validation


def test_inputs_may_be_tuples_points_lists_or_arrays(dot) -> None:
    forms = [(1, 2), [1, 2], Point(1, 2), np.array([1, 2]), np.array([1.0, 2.0])]
    assert {dot(form, (3, 4)) for form in forms} == {11}
    assert type(dot(np.array([1, 2]), (3, 4))) is int  # numpy ints become exact ints


def test_inputs_are_not_mutated(dot, rotate) -> None:
    u, arr = [1, 2], np.array([3.0, 4.0])
    dot(u, arr)
    rotate(u, 1.0, arr)
    assert u == [1, 2]
    assert arr.tolist() == [3.0, 4.0]


@pytest.mark.contract
@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ((1, float("nan")), ValueError, r"u must have finite coordinates, got \(1, nan\)"),
        ((float("inf"), 0), ValueError, r"u must have finite coordinates"),
        ((1, 2, 3), ValueError, r"u must be a pair \(x, y\), got 3 values"),
        (np.zeros(3), ValueError, r"u must have shape \(2,\), got an array of shape \(3,\)"),
        ((True, 1), TypeError, r"u must have real-number coordinates"),
        (("1", 2), TypeError, r"u must have real-number coordinates"),
        ("ab", TypeError, r"u must be a Point, a pair \(x, y\) or an array of shape \(2,\)"),
    ],
)
def test_bad_points_are_rejected_by_name(dot, bad, error, message) -> None:
    with pytest.raises(error, match=message):
        dot(bad, (0, 0))


@pytest.mark.contract
def test_rotate_rejects_a_non_finite_angle(rotate) -> None:
    with pytest.raises(ValueError, match=r"theta must be a finite number, got inf"):
        rotate((1, 0), math.inf)


def test_as_points_names_the_element() -> None:
    with pytest.raises(ValueError, match=r"pts\[1\] must have finite coordinates"):
        as_points([(0, 0), (math.nan, 1)], "pts")
    with pytest.raises(
        ValueError, match=r"pts must have shape \(n, 2\), got an array of shape \(3,\)"
    ):
        as_points(np.zeros(3), "pts")
    with pytest.raises(TypeError, match=r"pts must be a sequence of points"):
        as_points(5, "pts")
    assert as_point(Point(1, 2)) == Point(1, 2)

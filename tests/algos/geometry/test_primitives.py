"""Primitives: vector products, lengths, angles, rotation and the turn of three points.

Oracles: the exact formulas evaluated on Fractions, a 60-digit ``Decimal`` square root,
and complex-number arithmetic (``cmath``).  Unmarked tests stay within the statement's
constraints (integer coordinates, ``|x|, |y| <= 10^4``); ``edge`` tests check the
reference's further promises (big ints, floats, numpy scalars, no mutation), ``contract``
tests its errors for bad input.
"""

from __future__ import annotations

import cmath
import decimal
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from geometry_checks import BAD_TOLERANCES, INT_POINT, naming
from hypothesis import assume, given
from hypothesis import strategies as st

from algos.geometry.primitives import Point, as_point, as_points, perp
from workbook.testing import check, contract, edge, exercise_fixture

dot = exercise_fixture("dot")
cross = exercise_fixture("cross")
norm = exercise_fixture("norm")
dist = exercise_fixture("dist")
angle = exercise_fixture("angle")
rotate = exercise_fixture("rotate")
orientation = exercise_fixture("orientation")

big_ints = st.integers(-(2**80), 2**80)
small = st.tuples(st.integers(-50, 50), st.integers(-50, 50))
floats = st.floats(-1e6, 1e6, allow_nan=False)
float_points = st.tuples(floats, floats)


# ---------------------------------------------------------------- worked examples


def test_products_of_unit_vectors(dot, cross) -> None:
    check(dot, (1, 0), (0, 1), expected=0)
    check(dot, (1, 2), (3, 4), expected=11)
    check(cross, (1, 0), (0, 1), expected=1)
    check(cross, (0, 1), (1, 0), expected=-1)


def test_lengths_and_angles(norm, dist, angle) -> None:
    check(norm, (3, 4), expected=5.0)
    check(dist, (1, 1), (4, 5), expected=5.0)
    check(angle, (1, 0), expected=0.0)
    check(angle, (-1, 0), expected=math.pi)
    check(angle, (0, -1), expected=-math.pi / 2)
    check(angle, (0, 0), expected=0.0)


def test_rotate_examples(rotate) -> None:
    check(rotate, (1, 0), math.pi / 2, expected=(0.0, 1.0))
    check(rotate, (2, 1), math.pi, (1, 1), expected=(0.0, 1.0))


def test_orientation_examples(orientation) -> None:
    check(orientation, (0, 0), (1, 0), (0, 1), expected=1)
    check(orientation, (0, 0), (0, 1), (1, 0), expected=-1)
    check(orientation, (0, 0), (1, 1), (3, 3), expected=0)
    check(orientation, (0, 0), (0, 0), (5, 7), expected=0)  # two equal points: collinear


# ---------------------------------------------------------------- the statement: properties


@given(INT_POINT, INT_POINT)
def test_products_are_exact(dot, cross, u, v) -> None:
    (a, b), (c, d) = u, v
    check(dot, u, v, expected=a * c + b * d)
    check(cross, u, v, expected=a * d - b * c)


@given(INT_POINT, INT_POINT)
def test_lengths_match_a_high_precision_square_root(norm, dist, p, q) -> None:
    with decimal.localcontext(prec=60):
        length = float((Decimal(p[0]) ** 2 + Decimal(p[1]) ** 2).sqrt())
        gap = float(((Decimal(q[0]) - p[0]) ** 2 + (Decimal(q[1]) - p[1]) ** 2).sqrt())
    check(norm, p, expected=length)
    check(dist, p, q, expected=gap)


@given(INT_POINT)
def test_angle_matches_complex_phase(angle, v) -> None:
    assume(v != (0, 0))
    check(angle, v, expected=cmath.phase(complex(*v)))


@given(INT_POINT, st.floats(-10, 10), INT_POINT)
def test_rotate_matches_complex_multiplication(rotate, p, theta, about) -> None:
    centre = complex(*about)
    turned = centre + (complex(*p) - centre) * cmath.exp(1j * theta)
    x, y = rotate(p, theta, about)
    size = abs(complex(*p) - centre) + abs(centre)
    # cos and sin are good to an ulp; a handful of products and sums follow.
    assert x == pytest.approx(turned.real, abs=1e-15 * size + 1e-300)
    assert y == pytest.approx(turned.imag, abs=1e-15 * size + 1e-300)


@given(INT_POINT, INT_POINT, INT_POINT)
def test_orientation_is_the_sign_of_the_determinant(orientation, a, b, c) -> None:
    det = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    check(orientation, a, b, c, expected=(det > 0) - (det < 0))


@given(small, small, small, INT_POINT)
def test_orientation_invariances(orientation, a, b, c, shift) -> None:
    turn = orientation(a, b, c)
    check(orientation, b, c, a, expected=turn)  # cyclic
    check(orientation, b, a, c, expected=-turn)  # a swap reverses the turn
    moved = [(x + shift[0], y + shift[1]) for x, y in (a, b, c)]
    check(orientation, *moved, expected=turn)  # translation
    check(orientation, *[(-y, x) for x, y in (a, b, c)], expected=turn)  # quarter turn


# ---------------------------------------------------------------- edge: beyond the statement


@edge
def test_point_arithmetic_is_exact() -> None:
    p = Point(1, 2)
    assert p + Point(3, 4) == Point(4, 6)
    assert p - Point(3, 4) == Point(-2, -2)
    assert 3 * p == p * 3 == Point(3, 6)
    assert p / 3 == Point(Fraction(1, 3), Fraction(2, 3))
    assert isinstance((p / 1).x, int)
    assert Point(1.0, 2.0) / 4 == Point(0.25, 0.5)
    assert -p == Point(-1, -2)
    assert tuple(p) == (1, 2)
    assert perp(p) == Point(-2, 1)


@edge
@given(st.tuples(big_ints, big_ints), st.tuples(big_ints, big_ints), st.tuples(big_ints, big_ints))
def test_exact_far_past_float_range(dot, cross, orientation, a, b, c) -> None:
    fa, fb = map(Fraction, a), map(Fraction, b)
    (x, y), (u, v) = fa, fb
    assert dot(a, b) == x * u + y * v
    assert cross(a, b) == x * v - y * u
    det = (Fraction(b[0]) - a[0]) * (c[1] - a[1]) - (Fraction(b[1]) - a[1]) * (c[0] - a[0])
    assert orientation(a, b, c) == (det > 0) - (det < 0)


@edge
@given(float_points, float_points)
def test_products_on_floats_are_correctly_rounded_sums(dot, cross, u, v) -> None:
    (a, b), (c, d) = map(Fraction, u), map(Fraction, v)
    # two products and one sum, each rounded once: error <= 2 ulp of |ac| + |bd|, plus the
    # spacing of subnormal numbers where a product underflows
    bound = 2 * 2**-52 * float(abs(a * c) + abs(b * d)) + 1e-300
    assert abs(dot(u, v) - float(a * c + b * d)) <= bound
    bound = 2 * 2**-52 * float(abs(a * d) + abs(b * c)) + 1e-300
    assert abs(cross(u, v) - float(a * d - b * c)) <= bound


@edge
@given(st.floats(1e-12, 1e12), st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_float_orientation_within_eps_is_straight_at_any_scale(orientation, scale, x, y) -> None:
    assume(math.hypot(x, y) > 1e-3)
    # c sits 1e-12 (relative) off the line a-b: collinear at the default eps at any scale.
    a, b = (0.0, 0.0), (x * scale, y * scale)
    c = (2 * x * scale - y * scale * 1e-12, 2 * y * scale + x * scale * 1e-12)
    assert orientation(a, b, c) == 0


@edge
def test_eps_controls_the_float_decision(orientation) -> None:
    a, b, c = (0.0, 0.0), (1.0, 0.0), (2.0, 1e-7)
    assert orientation(a, b, c) == 1
    assert orientation(a, b, c, eps=1e-6) == 0
    assert orientation((0.1, 0.3), (0.2, 0.6), (0.7, 2.1)) == 0  # collinear in decimal
    assert orientation((0.1, 0.3), (0.2, 0.6), (0.7, 2.1), eps=0.0) == 1  # not in binary
    assert orientation((0, 0), (1, 0), (2, Fraction(1, 10**40))) == 1  # exact: no tolerance


@edge
def test_inputs_may_be_tuples_points_lists_or_arrays(dot) -> None:
    forms = [(1, 2), [1, 2], Point(1, 2), np.array([1, 2]), np.array([1.0, 2.0])]
    assert {dot(form, (3, 4)) for form in forms} == {11}
    assert type(dot(np.array([1, 2]), (3, 4))) is int  # numpy ints become exact ints
    assert type(dot((np.int64(1), np.int64(2)), (3, 4))) is int


@edge
def test_inputs_are_not_mutated(dot, rotate) -> None:
    u, arr = [1, 2], np.array([3.0, 4.0])
    dot(u, arr)
    rotate(u, 1.0, arr)
    assert u == [1, 2]
    assert arr.tolist() == [3.0, 4.0]


# ---------------------------------------------------------------- contract: bad input


@contract
@pytest.mark.parametrize(
    ("bad", "error"),
    [
        ((1, float("nan")), ValueError),
        ((float("inf"), 0), ValueError),
        ((1, 2, 3), ValueError),
        (np.zeros(3), ValueError),
        ((True, 1), TypeError),
        (("1", 2), TypeError),
        ("ab", TypeError),
    ],
)
def test_bad_points_are_rejected_by_name(dot, cross, norm, bad, error) -> None:
    with pytest.raises(error, match=naming("u")):
        dot(bad, (0, 0))
    with pytest.raises(error, match=naming("v")):
        cross((0, 0), bad)
    with pytest.raises(error, match=naming("v")):
        norm(bad)


@contract
def test_rotate_rejects_a_non_finite_angle(rotate) -> None:
    with pytest.raises(ValueError, match=naming("theta")):
        rotate((1, 0), math.inf)
    with pytest.raises(TypeError, match=naming("theta")):
        rotate((1, 0), "1")


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_orientation_refuses_a_bad_tolerance(orientation, eps) -> None:
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        orientation((0, 0), (1, 0), (0, 1), eps=eps)


@contract
def test_as_points_names_the_element() -> None:
    with pytest.raises(ValueError, match=naming("pts[1]")):
        as_points([(0, 0), (math.nan, 1)], "pts")
    with pytest.raises(TypeError, match=naming("pts")):
        as_points(5, "pts")
    assert as_point(Point(1, 2)) == Point(1, 2)

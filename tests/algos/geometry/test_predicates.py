"""The number model: sign, the float filter and its exact fallback, the turn tolerance.

Oracle: the same quantities evaluated in Fractions of the floats given (exact).  The
adversarial inputs are Shewchuk's: points within a few ulps of a line, where the float
determinant has the wrong sign or none, so that only the exact recomputation is right.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from geometry_checks import POWERS_OF_TWO, SHIFTS, dyadic_points
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.predicates import (
    CERTAIN_EPS,
    EPS,
    cross_sign,
    dot_sign,
    orient,
    orient_np,
    sign,
    sign_np,
    turn,
)
from algos.geometry.primitives import Point

# The float contract: products of differences stay normal (no coordinate below 1e-100).
floats = st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-100)
float_points = st.builds(Point, floats, floats)


def exact_sign(value: Fraction) -> int:
    return (value > 0) - (value < 0)


def exact_cross(a: Point, b: Point, c: Point) -> Fraction:
    ax, ay, bx, by, cx, cy = map(Fraction, (a.x, a.y, b.x, b.y, c.x, c.y))
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def near_line(i: int, j: int) -> list[Point]:
    """Shewchuk's test: a point a few ulps off the line through (12, 12) and (24, 24)."""
    step = 2.0**-53
    return [Point(0.5 + i * step, 0.5 + j * step), Point(12.0, 12.0), Point(24.0, 24.0)]


def test_sign_rule() -> None:
    assert (sign(0.5 * EPS), sign(2 * EPS), sign(-2 * EPS)) == (0, 1, -1)
    assert sign(2 * EPS, scale=10) == 0
    assert sign(Fraction(1, 10**100)) == 1
    assert sign(10**-30, eps=1.0) == 0
    assert sign(Fraction(1, 10**30), eps=1.0) == 1  # exact numbers ignore the tolerance


def test_sign_falls_back_only_within_the_error_bound() -> None:
    calls = []

    def exact() -> Fraction:
        calls.append(1)
        return Fraction(-1)

    assert sign(1e-17, 0.0, error=1e-16, exact=exact) == -1
    assert sign(1e-15, 0.0, error=1e-16, exact=exact) == 1  # beyond the bound: certain
    assert len(calls) == 1


def test_sign_np_agrees_with_sign() -> None:
    values = np.array([3.0, -1e-12, 0.0, -5.0, 1e-8])
    assert sign_np(values, 1e-9).tolist() == [sign(v, EPS) for v in values.tolist()]


def test_orient_is_exact_where_the_float_determinant_is_not() -> None:
    wrong = 0
    for i, j in itertools.product(range(64), repeat=2):
        a, b, c = near_line(i, j)
        expected = exact_sign(exact_cross(a, b, c))
        float_det = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        wrong += (float_det > 0) - (float_det < 0) != expected
        assert orient(a, b, c, 0.0) == expected, (i, j)
        assert orient(b, c, a, 0.0) == orient(c, a, b, 0.0) == expected
        assert orient(b, a, c, 0.0) == -expected
    assert wrong > 100  # the grid does make the float sign wrong: the fallback was needed


def test_orient_np_is_exact_too() -> None:
    rows = [near_line(i, j) for i, j in itertools.product(range(32), repeat=2)]
    a, b, c = (np.array([[p.x, p.y] for p in col]) for col in zip(*rows, strict=True))
    got = orient_np((a[:, 0], a[:, 1]), (b[:, 0], b[:, 1]), (c[:, 0], c[:, 1]), 0.0)
    assert got.tolist() == [exact_sign(exact_cross(*row)) for row in rows]


@given(float_points, float_points, float_points)
def test_orient_beyond_the_tolerance_is_the_exact_sign(a, b, c) -> None:
    exact = exact_cross(a, b, c)
    longest = max(
        (Fraction(p.x) - Fraction(q.x)) ** 2 + (Fraction(p.y) - Fraction(q.y)) ** 2
        for p, q in ((a, b), (a, c), (b, c))
    )
    got = orient(a, b, c)
    # Within the tolerance (give or take the rounding of the test itself) any answer but
    # the wrong side would do; beyond it, the sign must be the exact one.
    if abs(exact) > 2 * EPS * longest:
        assert got == exact_sign(exact)
    else:
        assert got in (0, exact_sign(exact))
    assert orient(a, b, c, 0.0) == exact_sign(exact)


@given(float_points, float_points, float_points)
def test_orient_np_equals_orient(a, b, c) -> None:
    for eps in (EPS, 0.0, CERTAIN_EPS):
        got = orient_np((a.x, a.y), (b.x, b.y), (np.array([c.x]), np.array([c.y])), eps)
        assert got.tolist() == [orient(a, b, c, eps)]


@given(dyadic_points(3, 3), SHIFTS, POWERS_OF_TWO, st.sampled_from([EPS, 0.0]))
def test_orient_is_invariant_under_exact_translation_and_scaling(xy, shift, scale, eps) -> None:
    a, b, c = (Point(*row) for row in xy.tolist())
    moved = [Point(p.x + shift[0], p.y + shift[1]) for p in (a, b, c)]
    scaled = [Point(p.x * scale, p.y * scale) for p in (a, b, c)]
    assert orient(*moved, eps) == orient(*scaled, eps) == orient(a, b, c, eps)


def test_the_tolerance_is_symmetric_in_the_three_points() -> None:
    # (1e-3, 1e-12) is 1e-12 off the segment from (0, 0) to (1, 0): collinear within eps
    # seen from every vertex (the sine at the origin alone would be 1e-9).
    points = [Point(0.0, 0.0), Point(1e-3, 1e-12), Point(1.0, 0.0)]
    assert {orient(*perm) for perm in itertools.permutations(points)} == {0}
    points[1] = Point(1e-3, 1e-8)
    turns = [orient(*perm) for perm in itertools.permutations(points)]
    assert 0 not in turns
    assert sum(turns) == 0  # three each way


def test_turn_dot_and_cross_signs() -> None:
    o, x, y = Point(0, 0), Point(1, 0), Point(0, 1)
    assert turn(o, x, o, y, 0.0, 1) == 1
    assert turn(o, y, o, x, 0.0, 1) == -1
    assert dot_sign(o, x, o, y, 0.0, 1) == 0
    assert dot_sign(o, x, x, Point(2, 0), 0.0, 1) == 1
    assert cross_sign(x, y) == 1
    # 0.1 * 3 and 0.3 differ in their last bit: exact signs see it, a tolerance does not.
    u, v = Point(0.1 * 3, 1.0), Point(0.3, 1.0)
    assert cross_sign(u, v) == 1
    assert turn(o, u, o, v, EPS, 1.0) == 0
    assert turn(o, u, o, v, 0.0, 1.0) == 1


@pytest.mark.parametrize("scale", [1e-100, 1.0, 1e100])
def test_filter_works_at_any_scale(scale) -> None:
    for i, j in itertools.product(range(16), repeat=2):
        a, b, c = (Point(p.x * scale, p.y * scale) for p in near_line(i, j))
        assert orient(a, b, c, 0.0) == exact_sign(exact_cross(a, b, c))

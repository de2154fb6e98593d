"""Lines: where two meet, and the projection of a point onto one.

Oracles: exact identities on integer inputs (the meeting point lies on both lines, a
projection on its line with the residual orthogonal to it, checked in Fractions), and
for shallow float angles the meeting point computed in Fractions of the floats given.
Unmarked tests stay within the statement (integer coordinates, ``|x|, |y| <= 10^4``).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest
from geometry_checks import BAD_TOLERANCES, INT_POINT, POWERS_OF_TWO, dyadic_points, naming
from hypothesis import assume, given

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

line_intersection = exercise_fixture("line_intersection")
project = exercise_fixture("project")


def exact_meet(p1, p2, q1, q2) -> tuple[Fraction, Fraction] | None:
    """Cramer's rule on the two line equations, in Fractions of the numbers given."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = (
        (Fraction(x), Fraction(y)) for x, y in (p1, p2, q1, q2)
    )
    ux, uy, vx, vy = bx - ax, by - ay, dx - cx, dy - cy
    den = ux * vy - uy * vx
    if den == 0:
        return None
    t = ((cx - ax) * vy - (cy - ay) * vx) / den
    return ax + t * ux, ay + t * uy


# ---------------------------------------------------------------- the statement


def test_line_intersection_examples(line_intersection) -> None:
    check(line_intersection, (0, 0), (1, 1), (0, 1), (1, 0), expected=(0.5, 0.5))
    check(line_intersection, (0, 0), (2, 2), (0, 2), (2, 0), expected=(1, 1))
    check(line_intersection, (0, 0), (1, 0), (7, -1), (7, 1), expected=(7, 0))  # beyond p1p2
    check(line_intersection, (0, 0), (1, 0), (0, 1), (1, 1), expected=None)  # parallel
    check(line_intersection, (0, 0), (1, 0), (5, 0), (6, 0), expected=None)  # coincident
    check(line_intersection, (0, 0), (1, 0), (6, 0), (5, 0), expected=None)


def test_projection_examples(project) -> None:
    check(project, (1, 5), (0, 0), (4, 0), expected=(1, 0))
    check(project, (7, 5), (0, 0), (4, 0), expected=(7, 0))  # the line, not the segment
    check(project, (3, 7), (1, 1), (1, 2), expected=(1, 7))
    check(project, (0, 1), (0, 0), (1, 1), expected=(0.5, 0.5))


@given(INT_POINT, INT_POINT, INT_POINT, INT_POINT)
def test_line_intersection_vs_cramer(line_intersection, p1, p2, q1, q2) -> None:
    assume(p1 != p2 and q1 != q2)
    check(line_intersection, p1, p2, q1, q2, expected=exact_meet(p1, p2, q1, q2))


@given(INT_POINT, INT_POINT, INT_POINT)
def test_projection_is_on_the_line_and_orthogonal(project, p, a, b) -> None:
    assume(a != b)
    x, y = map(Fraction, project(p, a, b))
    u = (b[0] - a[0], b[1] - a[1])
    size = abs(u[0]) + abs(u[1]) + abs(p[0] - a[0]) + abs(p[1] - a[1])
    # A user's float answer is within a few ulps of coordinates <= 3 * 10^4.
    assert abs((x - a[0]) * u[1] - (y - a[1]) * u[0]) <= 1e-9 * size * size
    assert abs((p[0] - x) * u[0] + (p[1] - y) * u[1]) <= 1e-9 * size * size


# ---------------------------------------------------------------- edge


@edge
@given(INT_POINT, INT_POINT, INT_POINT, INT_POINT)
def test_exact_on_exact_input(line_intersection, project, p1, p2, q1, q2) -> None:
    assume(p1 != p2 and q1 != q2)
    meet = exact_meet(p1, p2, q1, q2)
    assert line_intersection(p1, p2, q1, q2) == (None if meet is None else Point(*meet))
    x = project(q1, p1, p2)
    u = (p2[0] - p1[0], p2[1] - p1[1])
    assert (x.x - p1[0]) * u[1] - (x.y - p1[1]) * u[0] == 0
    assert (q1[0] - x.x) * u[0] + (q1[1] - x.y) * u[1] == 0


@edge
def test_whole_results_stay_ints_and_big_ints_exact(line_intersection, project) -> None:
    x = line_intersection((0, 0), (2, 2), (0, 2), (2, 0))
    assert type(x.x) is int
    assert type(project((1, 5), (0, 0), (4, 0)).x) is int
    big = 10**30
    assert line_intersection((0, 0), (big, 1), (0, 1), (big, 0)) == Point(
        Fraction(big, 2), Fraction(1, 2)
    )


@edge
def test_floats(line_intersection, project) -> None:
    assert line_intersection((0.0, 0.0), (2.0, 0.0), (1.0, -1.0), (1.0, 1.0)) == Point(1.0, 0.0)
    # Within eps of parallel (a sine of ~1e-12) counts as parallel on floats.
    assert line_intersection((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0 + 1e-12)) is None
    assert line_intersection((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0 + 1e-12), eps=0.0)
    assert project((2.0, 2.0), (0.0, 0.0), (4.0, 0.0)) == Point(2.0, 0.0)


@edge
def test_shallow_angles_meet_where_the_exact_lines_do(line_intersection) -> None:
    # The formula's relative error grows like 2**-53 / sine; below a sine of 2**-20 the
    # point is the exact one on the floats given, correctly rounded.
    rng = random.Random(3)
    for _ in range(300):
        angle = 10 ** rng.uniform(-9, -6)
        x0, y0, phi = rng.uniform(-50, 50), rng.uniform(-50, 50), rng.uniform(0, 2 * math.pi)
        ends = []
        for direction in (phi, phi + angle):
            dx, dy = 30 * math.cos(direction), 30 * math.sin(direction)
            ends += [(x0 - dx, y0 - dy), (x0 + 2 * dx, y0 + 2 * dy)]
        expected = exact_meet(*ends)
        got = line_intersection(*ends)
        assert got is not None
        assert expected is not None
        if angle < 2**-20:
            assert got == Point(*map(float, expected))
        else:  # the formula: within 2**-53 / sine of the lines' scale, 100
            assert math.dist(got, map(float, expected)) <= 100 * 2**-52 / angle


@edge
@given(dyadic_points(4, 4), POWERS_OF_TWO)
def test_scaling_by_a_power_of_two_scales_the_answer(line_intersection, xy, scale) -> None:
    p1, p2, q1, q2 = (tuple(p) for p in xy.tolist())
    assume(p1 != p2 and q1 != q2)
    got = line_intersection(p1, p2, q1, q2)
    scaled = line_intersection(*[(x * scale, y * scale) for x, y in (p1, p2, q1, q2)])
    assert scaled == (None if got is None else Point(got.x * scale, got.y * scale))


# ---------------------------------------------------------------- contract


@contract
def test_lines_need_two_distinct_points(line_intersection, project) -> None:
    with pytest.raises(ValueError, match=naming("p1")):
        line_intersection((1, 1), (1, 1), (0, 0), (1, 0))
    with pytest.raises(ValueError, match=naming("q2")):
        line_intersection((0, 0), (1, 0), (2, 2), (2, 2))
    with pytest.raises(ValueError, match=naming("b")):
        project((0, 0), (1, 1), (1, 1))
    with pytest.raises(TypeError, match=naming("p")):
        project("ab", (0, 0), (1, 1))


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(line_intersection, eps) -> None:
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        line_intersection((0, 0), (1, 1), (0, 1), (1, 0), eps=eps)

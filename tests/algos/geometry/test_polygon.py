"""Polygons: signed area, centroid, point location and convexity.

Oracles: shapely (``Polygon.area``, ``centroid``, ``contains``, ``boundary.distance``,
``convex_hull``) on integer polygons, where its doubles are exact enough; a brute force
written here -- ray casting with the crossing abscissae computed as Fractions, and
convexity as "every vertex on the inner side of every edge's line".  Random simple
polygons are star-shaped: random grid points sorted by angle around their centroid, an
instance with two points at the same angle (or on the centroid) skipped.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.polygon import Location
from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

polygon_area = exercise_fixture("polygon_area")
polygon_centroid = exercise_fixture("polygon_centroid")
point_in_polygon = exercise_fixture("point_in_polygon")
is_convex = exercise_fixture("is_convex")

Pair = tuple[int, int]
SQUARE = [(0, 0), (4, 0), (4, 4), (0, 4)]
L_SHAPE = [(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)]
# Concave, with vertices at the query rows, so rays run through vertices and along edges.
COMB = [(0, 0), (6, 0), (6, 4), (5, 4), (4, 2), (3, 4), (2, 2), (1, 4), (0, 4)]


# ---------------------------------------------------------------- worked examples


def test_area_examples(polygon_area) -> None:
    assert polygon_area(SQUARE) == 16
    assert polygon_area(SQUARE[::-1]) == -16  # clockwise is negative
    assert polygon_area([(0, 0), (1, 0), (0, 1)]) == Fraction(1, 2)
    assert polygon_area(L_SHAPE) == 3
    assert polygon_area([*SQUARE, SQUARE[0]]) == 16  # closed form: repeat ignored
    assert polygon_area([(0.0, 0.0), (2.0, 0.0), (0.0, 3.0)]) == 3.0
    assert polygon_area(np.array(SQUARE)) == 16
    assert polygon_area([(0, 0), (1, 1), (2, 2)]) == 0  # degenerate, still an area
    assert isinstance(polygon_area(SQUARE), int)
    big = 10**20  # beyond float precision, still exact
    assert polygon_area([(big, big), (big + 1, big), (big, big + 1)]) == Fraction(1, 2)


def test_area_far_from_origin_floats(polygon_area) -> None:
    # Shoelace terms relative to the origin would be ~1e16 and lose the unit area.
    far = [(1e8 + x, 1e8 + y) for x, y in [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]]
    assert polygon_area(far) == 1.0


def test_centroid_examples(polygon_centroid) -> None:
    assert polygon_centroid(SQUARE) == Point(2, 2)
    assert polygon_centroid(SQUARE[::-1]) == Point(2, 2)
    assert polygon_centroid([(0, 0), (1, 0), (0, 1)]) == Point(Fraction(1, 3), Fraction(1, 3))
    # Three unit squares with centers (1/2, 1/2), (3/2, 1/2), (1/2, 3/2).
    assert polygon_centroid(L_SHAPE) == Point(Fraction(5, 6), Fraction(5, 6))
    c = polygon_centroid([(0.0, 0.0), (3.0, 0.0), (0.0, 3.0)])
    assert (c.x, c.y) == pytest.approx((1.0, 1.0), rel=1e-15)


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ((2, 2), Location.INSIDE),
        ((4, 1), Location.BOUNDARY),
        ((0, 0), Location.BOUNDARY),
        ((2, 4), Location.BOUNDARY),
        ((5, 2), Location.OUTSIDE),
        ((-1, 0), Location.OUTSIDE),  # on the line of the bottom edge, outside it
        ((-1, 4), Location.OUTSIDE),
        ((Fraction(1, 3), Fraction(7, 2)), Location.INSIDE),
    ],
)
def test_point_in_square(point_in_polygon, p, expected) -> None:
    assert point_in_polygon(p, SQUARE) is expected
    assert point_in_polygon(p, SQUARE[::-1]) is expected


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ((1, 2), Location.INSIDE),  # the ray passes through vertices (2, 2) and (4, 2)
        ((-1, 2), Location.OUTSIDE),
        ((4, 3), Location.OUTSIDE),  # in a notch
        ((3, 3), Location.INSIDE),  # in a tooth
        ((3, 2), Location.INSIDE),
        ((2, 2), Location.BOUNDARY),  # a reflex vertex
        ((5, 4), Location.BOUNDARY),
        ((5.5, 4.0), Location.BOUNDARY),  # on a horizontal edge
        ((7, 4), Location.OUTSIDE),  # the ray runs along a horizontal edge
        ((-1, 4), Location.OUTSIDE),
        ((0.5, 3.9), Location.INSIDE),
    ],
)
def test_point_in_concave_polygon(point_in_polygon, p, expected) -> None:
    assert point_in_polygon(p, COMB) is expected
    assert point_in_polygon(p, COMB[::-1]) is expected


def test_point_in_polygon_float_tolerance(point_in_polygon) -> None:
    square = [(0.0, 0.0), (0.3, 0.0), (0.3, 0.1 * 3), (0.0, 0.3)]
    assert point_in_polygon((0.3, 0.15), square) is Location.BOUNDARY
    assert point_in_polygon((0.1, 0.1), square) is Location.INSIDE


@pytest.mark.parametrize(
    ("poly", "expected"),
    [
        (SQUARE, True),
        (SQUARE[::-1], True),
        ([(0, 0), (1, 0), (0, 1)], True),
        ([(0, 0), (2, 0), (4, 0), (4, 4), (0, 4)], True),  # a straight vertex
        ([(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)], True),  # a repeated vertex
        ([*SQUARE, SQUARE[0]], True),  # closed form
        (L_SHAPE, False),
        (COMB, False),
        ([(0, 0), (2, 0), (4, 0), (3, 0), (4, 4), (0, 4)], False),  # doubles back: a spike
        ([(0, 0), (1, 1), (2, 2)], False),  # all on a line
        ([(0, 0), (0, 0), (1, 1)], False),  # two distinct vertices
        ([(0, 0), (2, 0), (0, 0), (2, 0)], False),
        ([(0, 2), (-2, -1), (2, 1), (-2, 1), (2, -1)], False),  # pentagram: turns agree
        ([(0.0, 0.0), (0.3, 0.0), (0.3, 0.1 * 3), (0.0, 0.3)], True),
    ],
)
def test_is_convex_examples(is_convex, poly, expected) -> None:
    assert is_convex(poly) is expected


# ---------------------------------------------------------------- errors, inputs


@pytest.mark.contract
@pytest.mark.parametrize("poly", [[], [(0, 0), (1, 1)], [(0, 0), (1, 1), (0, 0)]])
def test_too_few_vertices(
    polygon_area, polygon_centroid, point_in_polygon, is_convex, poly
) -> None:
    for call in (polygon_area, polygon_centroid, is_convex, lambda q: point_in_polygon((0, 0), q)):
        with pytest.raises(ValueError, match=r"poly must have at least 3 vertices"):
            call(poly)


def test_centroid_of_zero_area_polygon(polygon_centroid) -> None:
    with pytest.raises(ValueError, match=r"poly has zero area"):
        polygon_centroid([(0, 0), (1, 1), (2, 2)])
    with pytest.raises(ValueError, match=r"poly has zero area"):
        polygon_centroid([(0, 0), (2, 0), (1, 0), (3, 0)])
    # A bow tie: its two triangles cancel, up to a rounding error of ~1e-17 on floats.
    bow_tie = [(0.0, 0.0), (0.1 * 3, 0.3), (0.3, 0.0), (0.0, 0.1 * 3)]
    with pytest.raises(ValueError, match=r"poly has zero area"):
        polygon_centroid(bow_tie)


@pytest.mark.contract
def test_bad_vertices_are_named(polygon_area, point_in_polygon) -> None:
    with pytest.raises(ValueError, match=r"poly\[1\] must have finite coordinates"):
        polygon_area([(0, 0), (math.nan, 0), (1, 1)])
    with pytest.raises(TypeError, match=r"poly must be a sequence of points"):
        polygon_area(5)
    with pytest.raises(ValueError, match=r"p must have finite coordinates"):
        point_in_polygon((math.inf, 0), SQUARE)


def test_inputs_are_not_mutated(
    polygon_area, polygon_centroid, point_in_polygon, is_convex
) -> None:
    poly = [list(v) for v in L_SHAPE] + [[0, 0]]
    array = np.array(L_SHAPE)
    for arg in (poly, array):
        polygon_area(arg)
        polygon_centroid(arg)
        point_in_polygon([1, 1], arg)
        is_convex(arg)
    assert poly == [list(v) for v in L_SHAPE] + [[0, 0]]
    assert array.tolist() == [list(v) for v in L_SHAPE]


# ---------------------------------------------------------------- brute force (exact)


def _star_polygon(rng: random.Random, n: int, size: int) -> list[Pair] | None:
    """n grid points sorted by angle around their centroid, or None if that is not simple."""
    points = [(rng.randint(-size, size), rng.randint(-size, size)) for _ in range(n)]
    cx, cy = Fraction(sum(x for x, _ in points), n), Fraction(sum(y for _, y in points), n)
    if any((x, y) == (cx, cy) for x, y in points):
        return None
    points.sort(key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True):
        u, v = (ax - cx, ay - cy), (bx - cx, by - cy)
        if u[0] * v[1] - u[1] * v[0] == 0 and u[0] * v[0] + u[1] * v[1] > 0:
            return None  # same angle: the polygon could touch itself
    return points


def _on_edge(p: tuple, a: Pair, b: Pair) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    inside_box = min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(
        a[1], b[1]
    )
    return cross == 0 and inside_box


def _brute_location(p: tuple, poly: list[Pair]) -> Location:
    edges = list(zip(poly, poly[1:] + poly[:1], strict=True))
    if any(_on_edge(p, a, b) for a, b in edges):
        return Location.BOUNDARY
    crossings = 0
    for a, b in edges:
        if (a[1] > p[1]) != (b[1] > p[1]):
            x = a[0] + Fraction((p[1] - a[1]) * (b[0] - a[0]), b[1] - a[1])
            crossings += x > p[0]
    return Location.INSIDE if crossings % 2 else Location.OUTSIDE


def _brute_convex(poly: list[Pair]) -> bool:
    """Simple polygon: convex iff every vertex is on one side of every edge's line."""
    sides = set()
    for a, b in zip(poly, poly[1:] + poly[:1], strict=True):
        for c in poly:
            cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            sides.add((cross > 0) - (cross < 0))
    return sides != {0} and not {-1, 1} <= sides


def _star_polygons(seed: int, count: int, max_n: int, size: int) -> Iterator[list[Pair]]:
    """``count`` random simple polygons of 3 to ``max_n`` vertices on ``[-size, size]^2``."""
    rng = random.Random(seed)
    while count:
        poly = _star_polygon(rng, rng.randint(3, max_n), size)
        if poly is not None:
            count -= 1
            yield poly


def test_stress_point_in_polygon_vs_brute(point_in_polygon, stress_cases) -> None:
    queries = random.Random(2)
    for poly in _star_polygons(0, stress_cases, 8, 4):
        p = (Fraction(queries.randint(-10, 10), 2), Fraction(queries.randint(-10, 10), 2))
        expected = _brute_location(p, poly)
        assert point_in_polygon(p, poly) is expected, f"point_in_polygon({p}, {poly})"


def test_stress_is_convex_vs_brute(is_convex, stress_cases) -> None:
    for poly in _star_polygons(1, stress_cases, 7, 3):
        assert is_convex(poly) is _brute_convex(poly), f"is_convex({poly})"


# ---------------------------------------------------------------- properties vs shapely


@st.composite
def star_polygons(draw: st.DrawFn, size: int = 1000) -> list[Pair]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    while (poly := _star_polygon(rng, draw(st.integers(3, 12)), size)) is None:
        pass
    return poly


@given(star_polygons())
def test_area_and_centroid_vs_shapely(polygon_area, polygon_centroid, poly) -> None:
    shape = shapely.Polygon(poly)
    # Vertices up to 1e3: twice the area is an integer below 2^53, exact in doubles.
    assert abs(polygon_area(poly)) == shape.area
    c = polygon_centroid(poly)
    assert (float(c.x), float(c.y)) == pytest.approx((shape.centroid.x, shape.centroid.y), abs=1e-9)


@given(star_polygons(size=20), st.tuples(st.integers(-42, 42), st.integers(-42, 42)))
def test_point_in_polygon_vs_shapely(point_in_polygon, poly, doubled) -> None:
    p = (Fraction(doubled[0], 2), Fraction(doubled[1], 2))  # halves: often on edges
    shape, q = shapely.Polygon(poly), shapely.Point(float(p[0]), float(p[1]))
    if shape.contains(q):
        expected = Location.INSIDE
    elif shape.boundary.distance(q) == 0:
        expected = Location.BOUNDARY
    else:
        expected = Location.OUTSIDE
    assert point_in_polygon(p, poly) is expected


@given(star_polygons(size=50))
def test_is_convex_vs_shapely(is_convex, poly) -> None:
    shape = shapely.Polygon(poly)
    assert is_convex(poly) == (shape.convex_hull.area == shape.area)


# ---------------------------------------------------------------- invariants


@given(
    star_polygons(size=30),
    st.tuples(st.integers(-50, 50), st.integers(-50, 50)),
    st.integers(0, 11),
)
def test_invariants(
    polygon_area, polygon_centroid, point_in_polygon, is_convex, poly, shift, k
) -> None:
    area, centroid, convex = polygon_area(poly), polygon_centroid(poly), is_convex(poly)
    queries = [(x, y) for x in range(-30, 31, 7) for y in range(-30, 31, 7)] + poly
    where = [point_in_polygon(q, poly) for q in queries]
    dx, dy = shift

    reversed_poly = poly[::-1]
    assert polygon_area(reversed_poly) == -area
    assert polygon_centroid(reversed_poly) == centroid
    assert is_convex(reversed_poly) is convex
    assert [point_in_polygon(q, reversed_poly) for q in queries] == where

    rolled = poly[k % len(poly) :] + poly[: k % len(poly)]
    assert polygon_area(rolled) == area
    assert polygon_centroid(rolled) == centroid
    assert [point_in_polygon(q, rolled) for q in queries] == where

    moved = [(x + dx, y + dy) for x, y in poly]
    assert polygon_area(moved) == area
    assert polygon_centroid(moved) == Point(centroid.x + dx, centroid.y + dy)
    assert is_convex(moved) is convex
    assert [point_in_polygon((x + dx, y + dy), moved) for x, y in queries] == where

    turned = [(-y, x) for x, y in poly]  # a quarter turn, exact
    assert polygon_area(turned) == area
    assert polygon_centroid(turned) == Point(-centroid.y, centroid.x)
    assert is_convex(turned) is convex
    assert [point_in_polygon((-y, x), turned) for x, y in queries] == where

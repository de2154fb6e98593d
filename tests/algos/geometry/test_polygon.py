"""Polygons: signed area, centroid, point location and convexity.

Oracles: shapely (``Polygon.area``, ``centroid``, ``contains``, ``boundary.distance``,
``convex_hull``) on integer polygons, where its doubles are exact enough; a brute force
written here -- ray casting with the crossing abscissae computed as Fractions, and
convexity as "every vertex on the inner side of every edge's line".  Random simple
polygons are star-shaped: random grid points sorted by angle around their centroid, an
instance with two points at the same angle (or on the centroid) skipped.

Unmarked tests stay within the statement (integer coordinates, ``|x|, |y| <= 10^4``,
query points too) and compare by value: an area of ``6`` is ``6.0``, a location is the
string ``"inside"``.  ``edge`` tests check the reference's further promises (exact
Fractions, the ``Location`` enum, floats and their tolerance, the closed form, numpy
input, no mutation), ``contract`` tests its errors.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from fractions import Fraction

import numpy as np
import pytest
import shapely
from geometry_checks import BAD_TOLERANCES, POWERS_OF_TWO, SHIFTS, naming
from hypothesis import given
from hypothesis import strategies as st

from algos.geometry.polygon import Location
from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

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
    check(polygon_area, [(0, 0), (4, 0), (4, 3)], expected=6.0)
    check(polygon_area, SQUARE, expected=16)
    check(polygon_area, SQUARE[::-1], expected=-16)  # clockwise is negative
    check(polygon_area, [(0, 0), (1, 0), (0, 1)], expected=0.5)
    check(polygon_area, L_SHAPE, expected=3)
    check(polygon_area, [(0, 0), (1, 1), (2, 2)], expected=0)  # degenerate, still an area
    big = 10**4
    check(polygon_area, [(-big, -big), (big, -big), (big, big), (-big, big)], expected=4 * 10**8)


def test_centroid_examples(polygon_centroid) -> None:
    check(polygon_centroid, SQUARE, expected=(2, 2))
    check(polygon_centroid, SQUARE[::-1], expected=(2, 2))
    check(polygon_centroid, [(0, 0), (1, 0), (0, 1)], expected=(1 / 3, 1 / 3))
    # Three unit squares with centers (1/2, 1/2), (3/2, 1/2), (1/2, 3/2).
    check(polygon_centroid, L_SHAPE, expected=(5 / 6, 5 / 6))


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ((2, 2), "inside"),
        ((4, 1), "boundary"),
        ((0, 0), "boundary"),
        ((2, 4), "boundary"),
        ((5, 2), "outside"),
        ((-1, 0), "outside"),  # on the line of the bottom edge, outside it
        ((-1, 4), "outside"),
    ],
)
def test_point_in_square(point_in_polygon, p, expected) -> None:
    check(point_in_polygon, p, SQUARE, expected=expected)
    check(point_in_polygon, p, SQUARE[::-1], expected=expected)


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        ((1, 2), "inside"),  # the ray passes through vertices (2, 2) and (4, 2)
        ((-1, 2), "outside"),
        ((4, 3), "outside"),  # in a notch
        ((3, 3), "inside"),  # in a tooth
        ((3, 2), "inside"),
        ((2, 2), "boundary"),  # a reflex vertex
        ((5, 4), "boundary"),
        ((7, 4), "outside"),  # the ray runs along a horizontal edge
        ((-1, 4), "outside"),
    ],
)
def test_point_in_concave_polygon(point_in_polygon, p, expected) -> None:
    check(point_in_polygon, p, COMB, expected=expected)
    check(point_in_polygon, p, COMB[::-1], expected=expected)


@pytest.mark.parametrize(
    ("poly", "expected"),
    [
        (SQUARE, True),
        (SQUARE[::-1], True),
        ([(0, 0), (1, 0), (0, 1)], True),
        ([(0, 0), (2, 0), (4, 0), (4, 4), (0, 4)], True),  # a straight vertex
        ([(0, 0), (4, 0), (4, 0), (4, 4), (0, 4)], True),  # a repeated vertex
        (L_SHAPE, False),
        (COMB, False),
        ([(0, 0), (2, 0), (4, 0), (3, 0), (4, 4), (0, 4)], False),  # doubles back: a spike
        ([(0, 0), (1, 1), (2, 2)], False),  # all on a line
        ([(0, 0), (0, 0), (1, 1)], False),  # two distinct vertices
        ([(0, 0), (2, 0), (0, 0), (2, 0)], False),
        ([(0, 2), (-2, -1), (2, 1), (-2, 1), (2, -1)], False),  # pentagram: turns agree
    ],
)
def test_is_convex_examples(is_convex, poly, expected) -> None:
    check(is_convex, poly, expected=expected)


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
    # The polygon doubled and integer queries: the queries fall on edges and vertices.
    queries = random.Random(2)
    for poly in _star_polygons(0, stress_cases, 8, 4):
        doubled = [(2 * x, 2 * y) for x, y in poly]
        p = (queries.randint(-10, 10), queries.randint(-10, 10))
        check(point_in_polygon, p, doubled, expected=_brute_location(p, doubled))


def test_stress_is_convex_vs_brute(is_convex, stress_cases) -> None:
    for poly in _star_polygons(1, stress_cases, 7, 3):
        check(is_convex, poly, expected=_brute_convex(poly))


def test_stress_area_and_centroid_vs_brute(polygon_area, polygon_centroid, stress_cases) -> None:
    for poly in _star_polygons(4, stress_cases // 4, 9, 4):
        pairs = list(zip(poly, poly[1:] + poly[:1], strict=True))
        twice = sum(ax * by - ay * bx for (ax, ay), (bx, by) in pairs)
        check(polygon_area, poly, expected=Fraction(twice, 2))
        if twice:
            cx = sum((ax + bx) * (ax * by - ay * bx) for (ax, ay), (bx, by) in pairs)
            cy = sum((ay + by) * (ax * by - ay * bx) for (ax, ay), (bx, by) in pairs)
            check(
                polygon_centroid, poly, expected=(Fraction(cx, 3 * twice), Fraction(cy, 3 * twice))
            )


# ---------------------------------------------------------------- properties vs shapely


@st.composite
def star_polygons(draw: st.DrawFn, size: int = 1000) -> list[Pair]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    while (poly := _star_polygon(rng, draw(st.integers(3, 12)), size)) is None:
        pass
    return poly


@given(star_polygons(size=10**4))
def test_area_and_centroid_vs_shapely(polygon_area, polygon_centroid, poly) -> None:
    shape = shapely.Polygon(poly)
    # Vertices up to 1e4: twice the area is an integer below 2^53, exact in doubles.
    area = polygon_area(poly)
    check(polygon_area, poly, expected=shape.area if area > 0 else -shape.area)
    check(polygon_centroid, poly, expected=(shape.centroid.x, shape.centroid.y))


@given(star_polygons(size=40), st.tuples(st.integers(-42, 42), st.integers(-42, 42)))
def test_point_in_polygon_vs_shapely(point_in_polygon, poly, p) -> None:
    shape, q = shapely.Polygon(poly), shapely.Point(*p)
    if shape.contains(q):
        expected = "inside"
    elif shape.boundary.distance(q) == 0:
        expected = "boundary"
    else:
        expected = "outside"
    check(point_in_polygon, p, poly, expected=expected)


@given(star_polygons(size=50))
def test_is_convex_vs_shapely(is_convex, poly) -> None:
    shape = shapely.Polygon(poly)
    check(is_convex, poly, expected=shape.convex_hull.area == shape.area)


# ---------------------------------------------------------------- invariants


def variants(poly: list[Pair], shift: Pair, k: int) -> list[tuple[list[Pair], Callable, int]]:
    """The polygon reversed, rolled, moved and turned: each with the map of its points
    and the factor of its signed area."""
    dx, dy = shift
    k %= len(poly)
    return [
        (poly[::-1], lambda x, y: (x, y), -1),
        (poly[k:] + poly[:k], lambda x, y: (x, y), 1),
        ([(x + dx, y + dy) for x, y in poly], lambda x, y: (x + dx, y + dy), 1),
        ([(-y, x) for x, y in poly], lambda x, y: (-y, x), 1),  # a quarter turn, exact
    ]


SHIFTS_50 = st.tuples(st.integers(-50, 50), st.integers(-50, 50))


@given(star_polygons(size=30), SHIFTS_50, st.integers(0, 11))
def test_area_and_centroid_invariants(polygon_area, polygon_centroid, poly, shift, k) -> None:
    area, (cx, cy) = polygon_area(poly), polygon_centroid(poly)
    for other, transform, factor in variants(poly, shift, k):
        check(polygon_area, other, expected=factor * area)
        check(polygon_centroid, other, expected=transform(cx, cy))


@given(star_polygons(size=30), SHIFTS_50, st.integers(0, 11))
def test_location_invariants(point_in_polygon, poly, shift, k) -> None:
    queries = [(x, y) for x in range(-30, 31, 12) for y in range(-30, 31, 12)] + poly
    where = [point_in_polygon(q, poly) for q in queries]
    for other, transform, _ in variants(poly, shift, k):
        for q, location in zip(queries, where, strict=True):
            check(point_in_polygon, transform(*q), other, expected=location)


@given(star_polygons(size=30), SHIFTS_50, st.integers(0, 11))
def test_convexity_invariants(is_convex, poly, shift, k) -> None:
    convex = is_convex(poly)
    for other, _, _ in variants(poly, shift, k):
        check(is_convex, other, expected=convex)


# ---------------------------------------------------------------- edge: the reference's promises


@edge
def test_exact_types_and_the_location_enum(
    polygon_area, polygon_centroid, point_in_polygon
) -> None:
    assert isinstance(polygon_area(SQUARE), int)
    assert polygon_area([(0, 0), (0, 1), (1, 0)]) == Fraction(-1, 2)
    assert polygon_centroid([(0, 0), (1, 0), (0, 1)]) == Point(Fraction(1, 3), Fraction(1, 3))
    big = 10**20  # beyond float precision, still exact
    assert polygon_area([(big, big), (big + 1, big), (big, big + 1)]) == Fraction(1, 2)
    assert point_in_polygon((2, 2), SQUARE) is Location.INSIDE
    assert point_in_polygon((Fraction(1, 3), Fraction(7, 2)), SQUARE) is Location.INSIDE


@edge
def test_closed_form_and_numpy_input(polygon_area, is_convex) -> None:
    assert polygon_area([*SQUARE, SQUARE[0]]) == 16  # the repeated first vertex is ignored
    assert is_convex([*SQUARE, SQUARE[0]])
    assert polygon_area(np.array(SQUARE)) == 16
    assert type(polygon_area(np.array(SQUARE))) is int


@edge
def test_floats(polygon_area, polygon_centroid, point_in_polygon, is_convex) -> None:
    assert polygon_area([(0.0, 0.0), (2.0, 0.0), (0.0, 3.0)]) == 3.0
    # Shoelace terms relative to the origin would be ~1e16 and lose the unit area.
    far = [(1e8 + x, 1e8 + y) for x, y in [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]]
    assert polygon_area(far) == 1.0
    c = polygon_centroid([(0.0, 0.0), (3.0, 0.0), (0.0, 3.0)])
    assert (c.x, c.y) == pytest.approx((1.0, 1.0), rel=1e-15)
    square = [(0.0, 0.0), (0.3, 0.0), (0.3, 0.1 * 3), (0.0, 0.3)]
    assert point_in_polygon((0.3, 0.15), square) is Location.BOUNDARY  # within eps
    assert point_in_polygon((0.1, 0.1), square) is Location.INSIDE
    assert is_convex(square)
    assert point_in_polygon((5.5, 4.0), COMB) is Location.BOUNDARY  # on a horizontal edge
    assert point_in_polygon((0.5, 3.9), COMB) is Location.INSIDE


@edge
@given(star_polygons(size=2**20), SHIFTS, POWERS_OF_TWO)
def test_float_answers_are_invariant_under_translation_and_scaling(
    point_in_polygon, is_convex, polygon_area, poly, shift, scale
) -> None:
    xy = [(x * 2.0**-20, y * 2.0**-20) for x, y in poly]  # dyadic: exact under both
    moved = [(x + shift[0], y + shift[1]) for x, y in xy]
    scaled = [(x * scale, y * scale) for x, y in xy]
    assert is_convex(moved) == is_convex(scaled) == is_convex(xy)
    assert polygon_area(scaled) == polygon_area(xy) * scale * scale
    chords = [((a + c) / 2, (b + d) / 2) for (a, b), (c, d) in zip(xy, xy[2:], strict=False)]
    for q in xy[:2] + chords[:6]:  # vertices, and midpoints of chords: inside or outside
        where = point_in_polygon(q, xy)
        assert point_in_polygon((q[0] + shift[0], q[1] + shift[1]), moved) is where
        assert point_in_polygon((q[0] * scale, q[1] * scale), scaled) is where


@edge
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


# ---------------------------------------------------------------- contract: bad input


@contract
@pytest.mark.parametrize("poly", [[], [(0, 0), (1, 1)], [(0, 0), (1, 1), (0, 0)]])
def test_too_few_vertices(
    polygon_area, polygon_centroid, point_in_polygon, is_convex, poly
) -> None:
    for call in (polygon_area, polygon_centroid, is_convex, lambda q: point_in_polygon((0, 0), q)):
        with pytest.raises(ValueError, match=naming("poly")):
            call(poly)


@contract
def test_centroid_of_zero_area_polygon(polygon_centroid) -> None:
    with pytest.raises(ValueError, match=naming("poly")):
        polygon_centroid([(0, 0), (1, 1), (2, 2)])
    with pytest.raises(ValueError, match=naming("poly")):
        polygon_centroid([(0, 0), (2, 0), (1, 0), (3, 0)])
    # A bow tie: its two triangles cancel, up to a rounding error of ~1e-17 on floats.
    bow_tie = [(0.0, 0.0), (0.1 * 3, 0.3), (0.3, 0.0), (0.0, 0.1 * 3)]
    with pytest.raises(ValueError, match=naming("poly")):
        polygon_centroid(bow_tie)


@contract
def test_bad_vertices_are_named(polygon_area, point_in_polygon) -> None:
    with pytest.raises(ValueError, match=naming("poly[1]")):
        polygon_area([(0, 0), (math.nan, 0), (1, 1)])
    with pytest.raises(TypeError, match=naming("poly")):
        polygon_area(5)
    with pytest.raises(ValueError, match=naming("p")):
        point_in_polygon((math.inf, 0), SQUARE)


@contract
@pytest.mark.parametrize("eps", BAD_TOLERANCES)
def test_eps_must_be_a_tolerance(point_in_polygon, is_convex, eps) -> None:
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        point_in_polygon((1, 1), SQUARE, eps=eps)
    with pytest.raises((TypeError, ValueError), match=naming("eps")):
        is_convex(SQUARE, eps=eps)

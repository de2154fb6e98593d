"""Closest pair of points: ``closest_pair`` and its vectorised variant ``closest_pair_np``.

Oracles: an O(n^2) brute force written here (exact squared distances on ints and
Fractions, ``math.dist`` on floats) and ``scipy.spatial.cKDTree`` on larger inputs.  The
contract leaves open which pair is returned when several tie, so every check is on the
distance and on the returned pair being at that distance.

Unmarked tests stay within the statement (integer points, ``|x|, |y| <= 10^4``, up to
2 * 10^4 of them); ``edge`` tests check Fractions, big ints, floats, numpy input and no
mutation; ``contract`` tests the errors.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from geometry_checks import Holds, naming
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist

from algos.geometry.primitives import Point
from workbook.testing import check, contract, edge, exercise_fixture

closest_pair = exercise_fixture("closest_pair")
closest_pair_np = exercise_fixture("closest_pair_np")

Impl = Callable[..., tuple[float, int, int]]

# Squared float distances round with a relative error of a few units in the last place
# (u = 2**-53), so two pairs whose distances differ by less than about 4u may be
# ordered either way; 1e-15 (about 9u) covers that and the final square root.
FLOAT_REL = 1e-15

# Floats rounded to 1e-6 keep every nonzero coordinate difference above ~1e-6, so no
# squared difference underflows (the documented float range).
floats = st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: round(v, 6))
float_point_lists = st.lists(st.tuples(floats, floats), min_size=2, max_size=60)


def brute_d2(points: Sequence[Sequence[Any]]) -> Any:
    """The smallest squared distance over all pairs (exact on exact input)."""
    return min(
        (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2
        for k, p in enumerate(points)
        for q in points[k + 1 :]
    )


def pair_d2(points: Sequence[Sequence[Any]], i: int, j: int) -> Any:
    (px, py), (qx, qy) = points[i], points[j]
    return (px - qx) ** 2 + (py - qy) ** 2


def brute_pair(points: Sequence[Sequence[Any]]) -> tuple[float, int, int]:
    """One closest pair, by exact squared distances: what a failure report shows.

    Small integer coordinates go through ``pdist`` (squares below 2**52: exact in
    float64); others through Python's exact arithmetic.
    """
    array = np.asarray(points)
    if array.dtype.kind in "iu" and np.abs(array).max() < 2**25:
        d2 = pdist(array.astype(np.float64), "sqeuclidean")
        k = int(np.argmin(d2))
        rows, cols = np.triu_indices(len(points), 1)
        return math.sqrt(d2[k]), int(rows[k]), int(cols[k])
    best, pair = None, (0, 1)
    for i, (px, py) in enumerate(points):
        for j in range(i + 1, len(points)):
            qx, qy = points[j]
            d2 = (px - qx) ** 2 + (py - qy) ** 2
            if best is None or d2 < best:
                best, pair = d2, (i, j)
    return math.sqrt(best), *pair


def closest(points: Sequence[Sequence[Any]], best_d2: Any) -> Holds:
    """(d, i, j): i < j index a pair at the least squared distance, d its distance."""

    def test(actual: list, expected: list) -> bool:
        d, i, j = actual
        on = type(i) is int and type(j) is int and 0 <= i < j < len(points)
        return (
            on
            and pair_d2(points, i, j) == best_d2
            and math.isclose(d, math.sqrt(best_d2), rel_tol=FLOAT_REL)
        )

    return Holds(test=test, words="a closest pair i < j and its distance (rel 1e-15)")


def check_exact(impl: Impl, points: Any) -> None:
    expected = brute_pair(points)
    best = pair_d2(points, expected[1], expected[2])
    check(impl, points, expected=expected, compare=closest(points, best))


def check_floats(impl: Impl, points: list[tuple[float, float]]) -> None:
    best = min(math.dist(p, q) for k, p in enumerate(points) for q in points[k + 1 :])

    def test(actual: list, expected: list) -> bool:
        d, i, j = actual
        return (
            0 <= i < j < len(points)
            and math.isclose(d, best, rel_tol=FLOAT_REL)
            and math.isclose(d, math.dist(points[i], points[j]), rel_tol=FLOAT_REL)
        )

    check(
        impl, points, expected=brute_pair(points), compare=Holds(test=test, words="a closest pair")
    )


def stress(impl: Impl, cases: int, seed: int = 0, fractions: bool = False) -> None:
    """kactl-style: many small instances on a 9 x 9 grid (duplicates are frequent)."""
    rng = random.Random(seed)
    for case in range(cases):
        n = rng.randint(2, 30)
        points: list[tuple[Any, Any]] = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(n)]
        if case % 3 == 1:  # distinct points only: the answer is a positive distance
            points = list(dict.fromkeys(points)) or [(0, 0), (1, 1)]
            points += [(9, 9)] if len(points) < 2 else []
        elif case % 3 == 2:  # a thin band: long windows in x, many y-collinear points
            points = [(rng.randint(0, 1), rng.randint(-60, 60)) for _ in range(n)]
        if fractions:
            points = [(Fraction(x, rng.randint(1, 3)), Fraction(y, 3)) for x, y in points]
        check_exact(impl, points)


def dense_band(rng: random.Random) -> list[tuple[int, int]]:
    """100 to 160 points in two columns x = 0, 1 whose pairs across are more than 1 apart.

    Every point's x-window then holds both columns: far over a sweep's linear budget.
    """
    n = rng.randint(100, 160)
    points = []
    for col in (0, 1):
        ks = rng.sample(range(-200, 200), n // 2)
        points += [(col, 5 * k + 2 * col + rng.randint(0, 1)) for k in ks]
    rng.shuffle(points)
    return points


# ---------------------------------------------------------------- the statement


def test_examples(closest_pair) -> None:
    for points in [
        [(0, 0), (5, 5), (1, 1), (9, 0)],
        [(0, 0), (3, 4)],
        [(3, 4), (0, 0)],  # indices are i < j
        [(0, 0), (5, 5), (0, 0)],  # a repeat: distance 0
        [(1, 1)] * 5,
        [(7, 1), (2, 2), (9, 9), (2, 2), (7, 2)],
        [(0, 0), (0, 10), (0, 3), (0, 7), (0, 12)],  # collinear
        [(x, 2 * x) for x in (0, 5, 9, 10, 20)],
        [(-(10**4), -(10**4)), (10**4, 10**4)],
    ]:
        check_exact(closest_pair, points)


def test_stress_vs_brute_force(closest_pair, stress_cases) -> None:
    stress(closest_pair, stress_cases)


def test_stress_dense_bands(closest_pair, stress_cases) -> None:
    rng = random.Random(2)
    for _ in range(stress_cases // 20):
        check_exact(closest_pair, dense_band(rng))


@pytest.mark.parametrize("shape", ["uniform", "lattice", "band"])
def test_largest_inputs(closest_pair, shape) -> None:
    """2 * 10^4 points (the constraint), against scipy's k-d tree."""
    rng = np.random.default_rng(len(shape))
    n = 2 * 10**4
    if shape == "uniform":
        xy = rng.integers(-(10**4), 10**4, (n, 2), endpoint=True)
    elif shape == "lattice":  # 141 x 141 points 140 apart, one moved next to a neighbour
        xy = np.array([(x, y) for x in range(141) for y in range(141)]) * 140 - 9800
        xy[12345] += (1, 2)
    else:  # a thin band: long x-windows, the divide-and-conquer path
        xy = np.c_[rng.integers(0, 3, n), rng.integers(-(10**4), 10**4, n)]
    points = [tuple(p) for p in xy.tolist()]
    dist, _ = cKDTree(xy).query(xy, k=2)
    best = round(float(dist[:, 1].min()) ** 2)  # integer squared distances
    check(closest_pair, points, expected=None, compare=closest(points, best))


@given(
    st.lists(
        st.tuples(st.integers(-(10**4), 10**4), st.integers(-(10**4), 10**4)),
        min_size=2,
        max_size=60,
    )
)
def test_whole_range_vs_brute_force(closest_pair, points) -> None:
    check_exact(closest_pair, points)


@given(
    st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=2, max_size=40),
    st.integers(-(10**3), 10**3),
    st.integers(-(10**3), 10**3),
)
def test_translation_and_quarter_turn(closest_pair, points, sx, sy) -> None:
    best = brute_d2(points)
    for moved in (
        [(x + sx, y + sy) for x, y in points],
        [(-y, x) for x, y in points],  # exact rotation by 90 degrees
    ):
        check(closest_pair, moved, expected=brute_pair(moved), compare=closest(moved, best))


@given(
    st.lists(st.tuples(st.integers(-9, 9), st.integers(-9, 9)), min_size=2, max_size=40),
    st.randoms(use_true_random=False),
)
def test_permutation(closest_pair, points, rnd) -> None:
    shuffled = points[:]
    rnd.shuffle(shuffled)
    check_exact(closest_pair, shuffled)


# ---------------------------------------------------------------- closest_pair_np


def test_np_examples(closest_pair_np) -> None:
    for points in ([[0, 0], [5, 5], [1, 1], [9, 0]], [[0.0, 0.0], [5.0, 5.0], [0.0, 0.0]]):
        check_exact(closest_pair_np, np.array(points))


def test_np_stress_vs_brute_force(closest_pair_np, stress_cases) -> None:
    rng = random.Random(1)
    for _ in range(stress_cases):
        points = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(rng.randint(2, 30))]
        check_exact(closest_pair_np, np.array(points))


def test_np_stress_dense_bands(closest_pair_np, stress_cases) -> None:
    rng = random.Random(3)
    for _ in range(stress_cases // 20):
        check_exact(closest_pair_np, np.array(dense_band(rng)))


@given(float_point_lists)
def test_np_floats_vs_brute_force(closest_pair_np, points) -> None:
    check_floats(lambda p: closest_pair_np(np.array(p)), points)


@pytest.mark.parametrize("n", [2_000, 10_000])
@pytest.mark.parametrize("shape", ["square", "disk", "clusters"])
def test_np_vs_kdtree(closest_pair_np, n, shape) -> None:
    xy = kdtree_case(n, shape)
    dist, _ = cKDTree(xy).query(xy, k=2)
    expected = float(dist[:, 1].min())
    d, i, j = closest_pair_np(xy)
    assert i < j
    assert math.isclose(d, expected, rel_tol=FLOAT_REL)
    assert math.isclose(math.dist(xy[i], xy[j]), d, rel_tol=FLOAT_REL)


# ---------------------------------------------------------------- edge: beyond the statement


def kdtree_case(n: int, shape: str) -> np.ndarray:
    rng = np.random.default_rng(n)
    xy = rng.random((n, 2))
    if shape == "disk":
        r, t = np.sqrt(xy[:, 0]), 2 * np.pi * xy[:, 1]
        xy = np.c_[r * np.cos(t), r * np.sin(t)]
    elif shape == "clusters":
        xy = rng.normal(scale=1e-3, size=(n, 2)) + rng.integers(0, 5, size=(n, 1))
    return xy


@edge
def test_exact_on_fractions_and_big_ints(closest_pair, closest_pair_np) -> None:
    third = Fraction(1, 3)
    d, i, j = closest_pair([(0, 0), (third, third), (1, 1)])
    assert (i, j) == (0, 1)
    assert math.isclose(d, math.sqrt(2) / 3, rel_tol=FLOAT_REL)
    # Squared distances 2**160 and 2**160 - 2**81 + 2: equal once rounded to floats.
    big = 2**80
    points = [(0, 0), (big, 0), (0, 5 * big), (big - 1, 5 * big + 1)]
    assert closest_pair(points)[1:] == (2, 3)
    assert closest_pair_np([(0, 0), (Fraction(1, 3), 0), (1, 1)]) == (1 / 3, 0, 1)
    huge = np.array([[0, 0], [2**62, 0], [2**62, 5]], dtype=np.int64)  # int64 squares overflow
    assert closest_pair_np(huge) == (5.0, 1, 2)
    unsigned = np.array([[2**63, 1], [2**63 + 7, 1], [1, 1]], dtype=np.uint64)
    assert closest_pair_np(unsigned) == (7.0, 0, 1)


@edge
def test_stress_on_fractions(closest_pair, stress_cases) -> None:
    stress(closest_pair, stress_cases // 4, seed=4, fractions=True)


@edge
@given(
    st.lists(st.tuples(st.integers(-(2**70), 2**70), st.integers(-5, 5)), min_size=2, max_size=40)
)
def test_big_ints_vs_brute_force(closest_pair, points) -> None:
    check_exact(closest_pair, points)


@edge
def test_numpy_arrays(closest_pair) -> None:
    ints = np.array([[0, 0], [5, 5], [1, 1], [9, 0]])
    assert closest_pair(ints) == (math.sqrt(2), 0, 2)
    assert closest_pair(ints.astype(np.float32)) == (math.sqrt(2), 0, 2)
    objects = np.array([[Fraction(1, 2), 0], [0, 0], [5, 5]], dtype=object)
    assert closest_pair(objects) == (0.5, 0, 1)


@edge
@given(float_point_lists)
def test_floats_vs_brute_force(closest_pair, points) -> None:
    check_floats(closest_pair, points)


@edge
@pytest.mark.parametrize("n", [500, 3_000])
def test_long_float_bands_and_lattices(closest_pair, closest_pair_np, n) -> None:
    """Inputs that overflow the sweep's window budget (the divide-and-conquer path)."""
    rng = np.random.default_rng(n)
    side = math.isqrt(n)
    lattice = np.array([(x, y) for x in range(side) for y in range(side)]) * 3
    lattice[rng.integers(len(lattice))] += (1, 1)  # one pair at distance sqrt(5) < 3
    band = np.c_[rng.integers(0, 3, n), rng.integers(-(10**6), 10**6, n)]
    for points in (lattice, band, band.astype(float) / 7):
        expected = math.sqrt(pdist(points, "sqeuclidean").min())
        for impl in (closest_pair, closest_pair_np):
            d, i, j = impl(points)
            assert math.isclose(d, expected, rel_tol=FLOAT_REL)
            assert math.isclose(math.dist(points[i], points[j]), d, rel_tol=FLOAT_REL)


@edge
@pytest.mark.parametrize("n", [2_000, 10_000])
@pytest.mark.parametrize("shape", ["square", "disk", "clusters"])
def test_vs_kdtree(closest_pair, n, shape) -> None:
    xy = kdtree_case(n, shape)
    dist, _ = cKDTree(xy).query(xy, k=2)
    d, i, j = closest_pair(xy)
    assert i < j
    assert math.isclose(d, float(dist[:, 1].min()), rel_tol=FLOAT_REL)
    assert math.isclose(math.dist(xy[i], xy[j]), d, rel_tol=FLOAT_REL)


@edge
def test_no_mutation(closest_pair, closest_pair_np) -> None:
    listed = [[3, 1], [0, 0], [3, 1.5], [Fraction(1, 2), 7]]
    kept = [row[:] for row in listed]
    array = np.array([[3.0, 1.0], [0.0, 0.0], [3.0, 1.5]])
    array_copy = array.copy()
    for impl in (closest_pair, closest_pair_np):
        impl(listed)
        impl(array)
        assert listed == kept
        np.testing.assert_array_equal(array, array_copy)
    points = [Point(2, 2), Point(0, 0), Point(2, 3)]
    assert closest_pair(points) == (1.0, 0, 2)
    assert points == [Point(2, 2), Point(0, 0), Point(2, 3)]


# ---------------------------------------------------------------- contract: bad input


@contract
@pytest.mark.parametrize(
    ("points", "error", "argument"),
    [
        ([(1, 2)], ValueError, "points"),
        ([], ValueError, "points"),
        (np.zeros((1, 2)), ValueError, "points"),
        ([(0, 0), (1, float("nan"))], ValueError, "points[1]"),
        (np.array([[0.0, 0.0], [np.inf, 1.0]]), ValueError, "points[1]"),
        ([(0, 0), (1, 2, 3)], ValueError, "points[1]"),
        (np.zeros((3, 3)), ValueError, "points"),
        ([(0, 0), ("a", 1)], TypeError, "points[1]"),
        (np.array([[True, False], [False, True]]), TypeError, "points[0]"),
        (42, TypeError, "points"),
    ],
)
def test_bad_input(closest_pair, closest_pair_np, points, error, argument) -> None:
    for impl in (closest_pair, closest_pair_np):
        with pytest.raises(error, match=naming(argument)):
            impl(points)

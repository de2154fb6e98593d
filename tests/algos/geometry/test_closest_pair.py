"""Closest pair of points: ``closest_pair`` and its vectorised variant ``closest_pair_np``.

Oracles: an O(n^2) brute force written here (exact squared distances on ints and
Fractions, ``math.dist`` on floats) and ``scipy.spatial.cKDTree`` on larger inputs.  The
contract leaves open which pair is returned when several tie, so every check is on the
distance and on the returned pair being at that distance.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial import cKDTree
from scipy.spatial.distance import pdist

from algos.geometry.primitives import Point
from workbook.testing import exercise_fixture

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


def check_exact(impl: Impl, points: list[tuple[Any, Any]]) -> None:
    d, i, j = impl(points)
    expected = brute_d2(points)
    assert 0 <= i < j < len(points), (points, i, j)
    assert pair_d2(points, i, j) == expected, f"points={points}: got pair {(i, j)}"
    assert math.isclose(d, math.sqrt(expected), rel_tol=FLOAT_REL), points


def check_floats(impl: Impl, points: list[tuple[float, float]]) -> None:
    d, i, j = impl(points)
    assert 0 <= i < j < len(points)
    best = min(math.dist(p, q) for k, p in enumerate(points) for q in points[k + 1 :])
    assert math.isclose(d, best, rel_tol=FLOAT_REL, abs_tol=0.0), (points, d, best)
    assert math.isclose(d, math.dist(points[i], points[j]), rel_tol=FLOAT_REL), points


def stress(impl: Impl, cases: int, seed: int = 0) -> None:
    """kactl-style: many small instances on a 9 x 9 grid (duplicates are frequent)."""
    rng = random.Random(seed)
    for case in range(cases):
        n = rng.randint(2, 30)
        points: list[tuple[Any, Any]] = [(rng.randint(-4, 4), rng.randint(-4, 4)) for _ in range(n)]
        if case % 4 == 1:  # distinct points only: the answer is a positive distance
            points = list(dict.fromkeys(points)) or [(0, 0), (1, 1)]
            points += [(9, 9)] if len(points) < 2 else []
        elif case % 4 == 2:
            points = [(Fraction(x, rng.randint(1, 3)), Fraction(y, 3)) for x, y in points]
        elif case % 4 == 3:  # a thin band: long windows in x, many y-collinear points
            points = [(rng.randint(0, 1), rng.randint(-60, 60)) for _ in range(n)]
        check_exact(impl, points)


# ---------------------------------------------------------------- worked examples


def test_examples(closest_pair) -> None:
    assert closest_pair([(0, 0), (5, 5), (1, 1), (9, 0)]) == (math.sqrt(2), 0, 2)
    assert closest_pair([(0, 0), (3, 4)]) == (5.0, 0, 1)
    assert closest_pair([(3, 4), (0, 0)]) == (5.0, 0, 1)  # indices are i < j


def test_duplicates_give_zero(closest_pair) -> None:
    assert closest_pair([(0, 0), (5, 5), (0, 0)]) == (0.0, 0, 2)
    assert closest_pair([(1, 1)] * 5)[0] == 0.0
    d, i, j = closest_pair([(7, 1), (2, 2), (9, 9), (2, 2), (7, 2)])
    assert (d, i, j) == (0.0, 1, 3)


def test_collinear_and_vertical_points(closest_pair) -> None:
    assert closest_pair([(0, 0), (0, 10), (0, 3), (0, 7), (0, 12)]) == (2.0, 1, 4)
    assert closest_pair([(x, 2 * x) for x in (0, 5, 9, 10, 20)]) == (math.sqrt(5), 2, 3)


def test_exact_on_fractions_and_big_ints(closest_pair) -> None:
    third = Fraction(1, 3)
    d, i, j = closest_pair([(0, 0), (third, third), (1, 1)])
    assert (i, j) == (0, 1)
    assert math.isclose(d, math.sqrt(2) / 3, rel_tol=FLOAT_REL)
    # Squared distances 2**160 and 2**160 - 2**81 + 2: equal once rounded to floats.
    big = 2**80
    points = [(0, 0), (big, 0), (0, 5 * big), (big - 1, 5 * big + 1)]
    assert closest_pair(points)[1:] == (2, 3)


def test_numpy_arrays(closest_pair) -> None:
    ints = np.array([[0, 0], [5, 5], [1, 1], [9, 0]])
    assert closest_pair(ints) == (math.sqrt(2), 0, 2)
    assert closest_pair(ints.astype(np.float32)) == (math.sqrt(2), 0, 2)
    objects = np.array([[Fraction(1, 2), 0], [0, 0], [5, 5]], dtype=object)
    assert closest_pair(objects) == (0.5, 0, 1)


def test_np_variant_examples(closest_pair_np) -> None:
    assert closest_pair_np(np.array([[0, 0], [5, 5], [1, 1], [9, 0]])) == (math.sqrt(2), 0, 2)
    assert closest_pair_np(np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 0.0]])) == (0.0, 0, 2)
    assert closest_pair_np([(0, 0), (Fraction(1, 3), 0), (1, 1)]) == (1 / 3, 0, 1)
    huge = np.array([[0, 0], [2**62, 0], [2**62, 5]], dtype=np.int64)  # int64 squares overflow
    assert closest_pair_np(huge) == (5.0, 1, 2)
    unsigned = np.array([[2**63, 1], [2**63 + 7, 1], [1, 1]], dtype=np.uint64)
    assert closest_pair_np(unsigned) == (7.0, 0, 1)


# ---------------------------------------------------------------- properties vs oracles


def test_stress_vs_brute_force(closest_pair, stress_cases) -> None:
    stress(closest_pair, stress_cases)


def test_np_stress_vs_brute_force(closest_pair_np, stress_cases) -> None:
    stress(closest_pair_np, stress_cases, seed=1)


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


def test_stress_dense_bands(closest_pair, stress_cases) -> None:
    rng = random.Random(2)
    for _ in range(stress_cases // 20):
        check_exact(closest_pair, dense_band(rng))


def test_np_stress_dense_bands(closest_pair_np, stress_cases) -> None:
    rng = random.Random(3)
    for _ in range(stress_cases // 20):
        check_exact(closest_pair_np, dense_band(rng))


@pytest.mark.parametrize("n", [500, 3_000])
def test_stress_long_bands_and_lattices(closest_pair, closest_pair_np, n) -> None:
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


@given(float_point_lists)
def test_floats_vs_brute_force(closest_pair, points) -> None:
    check_floats(closest_pair, points)


@given(float_point_lists)
def test_np_floats_vs_brute_force(closest_pair_np, points) -> None:
    check_floats(closest_pair_np, points)


@given(
    st.lists(st.tuples(st.integers(-(2**70), 2**70), st.integers(-5, 5)), min_size=2, max_size=40)
)
def test_big_ints_vs_brute_force(closest_pair, points) -> None:
    check_exact(closest_pair, points)


@pytest.mark.parametrize("n", [2_000, 10_000])
@pytest.mark.parametrize("shape", ["square", "disk", "clusters"])
def test_vs_kdtree(closest_pair, closest_pair_np, n, shape) -> None:
    rng = np.random.default_rng(n)
    xy = rng.random((n, 2))
    if shape == "disk":
        r, t = np.sqrt(xy[:, 0]), 2 * np.pi * xy[:, 1]
        xy = np.c_[r * np.cos(t), r * np.sin(t)]
    elif shape == "clusters":
        xy = rng.normal(scale=1e-3, size=(n, 2)) + rng.integers(0, 5, size=(n, 1))
    dist, _ = cKDTree(xy).query(xy, k=2)
    expected = float(dist[:, 1].min())
    for impl in (closest_pair, closest_pair_np):
        d, i, j = impl(xy)
        assert i < j
        assert math.isclose(d, expected, rel_tol=FLOAT_REL)
        assert math.isclose(math.dist(xy[i], xy[j]), d, rel_tol=FLOAT_REL)


# ---------------------------------------------------------------- invariants


@given(
    st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=2, max_size=40),
    st.integers(-(10**9), 10**9),
    st.integers(-(10**9), 10**9),
)
def test_translation_and_quarter_turn(closest_pair, points, sx, sy) -> None:
    d, i, j = closest_pair(points)
    d2 = pair_d2(points, i, j)
    for moved in (
        [(x + sx, y + sy) for x, y in points],
        [(-y, x) for x, y in points],  # exact rotation by 90 degrees
    ):
        d_moved, a, b = closest_pair(moved)
        assert pair_d2(moved, a, b) == d2
        assert d_moved == d


@given(
    st.lists(st.tuples(st.integers(-9, 9), st.integers(-9, 9)), min_size=2, max_size=40),
    st.randoms(use_true_random=False),
)
def test_permutation(closest_pair, points, rnd) -> None:
    d, i, j = closest_pair(points)
    perm = list(range(len(points)))
    rnd.shuffle(perm)
    shuffled = [points[k] for k in perm]
    d_shuffled, a, b = closest_pair(shuffled)
    assert d_shuffled == d
    assert pair_d2(points, perm[a], perm[b]) == pair_d2(points, i, j)


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


# ---------------------------------------------------------------- bad input


@pytest.mark.contract
@pytest.mark.parametrize(
    ("points", "error", "match"),
    [
        ([(1, 2)], ValueError, r"points must hold at least 2 points, got 1"),
        ([], ValueError, r"points must hold at least 2 points, got 0"),
        (np.zeros((1, 2)), ValueError, r"points must hold at least 2 points, got 1"),
        ([(0, 0), (1, float("nan"))], ValueError, r"points\[1\] must have finite coordinates"),
        (np.array([[0.0, 0.0], [np.inf, 1.0]]), ValueError, r"points\[1\] must have finite"),
        ([(0, 0), (1, 2, 3)], ValueError, r"points\[1\] must be a pair"),
        (np.zeros((3, 3)), ValueError, r"points must have shape \(n, 2\)"),
        ([(0, 0), ("a", 1)], TypeError, r"points\[1\] must have real-number coordinates"),
        (np.array([[True, False], [False, True]]), TypeError, r"points\[0\] must have real"),
        (42, TypeError, r"points must be a sequence of points"),
    ],
)
def test_bad_input(closest_pair, closest_pair_np, points, error, match) -> None:
    for impl in (closest_pair, closest_pair_np):
        with pytest.raises(error, match=match):
            impl(points)

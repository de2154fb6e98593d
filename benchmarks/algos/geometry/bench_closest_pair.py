"""Closest pair: the sweep (``closest_pair``) and its numpy variant against cKDTree.

The peer is ``scipy.spatial.cKDTree``: build, ``query(k=2)`` for every point, then the
argmin of the distance to the second neighbour (the first is the point itself).  Inputs
are uniform in the unit square and in the unit disk, as float ``(n, 2)`` arrays, at
n = 10^3 .. 10^6.  Every benchmark checks that its distance equals the peer's.

Run: ``pytest benchmarks/algos/geometry/bench_closest_pair.py`` (``--benchmark-disable``
for the smoke run, which skips n >= 10^5 and shrinks the scaling sizes).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from algos.practice.bench import BenchSpec, fitted_exponent, scaling_report, time_at_sizes
from point_sets import point_set
from scipy.spatial import cKDTree

from algos.geometry.closest_pair import closest_pair, closest_pair_np

SIZES = [10**3, 10**4, 10**5, 10**6]
SHAPES = ["square", "disk"]
ROUNDS = {10**3: 30, 10**4: 10, 10**5: 5, 10**6: 3}


def kdtree_closest_pair(xy: np.ndarray[Any, Any]) -> tuple[float, int, int]:
    dist, index = cKDTree(xy).query(xy, k=2)
    i = int(np.argmin(dist[:, 1]))
    j = int(index[i, 1])
    return float(dist[i, 1]), min(i, j), max(i, j)


IMPLEMENTATIONS: dict[str, Callable[[np.ndarray[Any, Any]], tuple[float, int, int]]] = {
    "closest_pair": closest_pair,
    "closest_pair_np": closest_pair_np,
    "scipy_ckdtree": kdtree_closest_pair,
}


_CACHE: dict[tuple[str, int], tuple[np.ndarray[Any, Any], float]] = {}


def case(shape: str, n: int) -> tuple[np.ndarray[Any, Any], float]:
    """The input and the peer's distance, computed once per (shape, n)."""
    if (shape, n) not in _CACHE:
        xy = point_set(shape, n, np.random.default_rng(0))
        _CACHE[shape, n] = xy, kdtree_closest_pair(xy)[0]
    return _CACHE[shape, n]


@pytest.mark.parametrize("name", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("shape", SHAPES)
def bench_closest_pair(benchmark, request, shape, n, name) -> None:
    if n >= 10**5 and request.config.getoption("benchmark_disable"):
        pytest.skip("large size: smoke run")
    xy, expected = case(shape, n)
    benchmark.group = f"closest_pair {shape} n={n:.0e}"
    fn = IMPLEMENTATIONS[name]
    d, i, j = benchmark.pedantic(fn, args=(xy,), rounds=ROUNDS[n], iterations=1, warmup_rounds=1)
    # cKDTree and the sweep round the same distance differently by at most an ulp or two.
    assert math.isclose(d, expected, rel_tol=1e-15)
    assert math.isclose(math.dist(xy[i], xy[j]), d, rel_tol=1e-15)


def bench_closest_pair_scaling(request) -> None:
    """Best-of-3 times of every contender, interleaved, and the fitted exponents."""
    smoke = request.config.getoption("benchmark_disable")
    sizes = [3 * 10**3, 10**4, 3 * 10**4] if smoke else [10**4, 3 * 10**4, 10**5, 3 * 10**5, 10**6]
    timings = time_at_sizes(IMPLEMENTATIONS, lambda n, rng: (point_set("square", n, rng),), sizes)
    print("\nclosest pair, uniform square (claimed O(n log n): exponent ~1.1)")
    print(scaling_report(timings))
    if smoke:  # small sizes on a shared machine: fixed costs and noise, no slope to trust
        return
    for name in ("closest_pair", "closest_pair_np"):
        slope = fitted_exponent(timings[name])
        # Loose: shared, noisy machines; a quadratic slip would give ~2.
        assert 0.7 < slope < 1.6, f"{name}: exponent {slope:.2f}"


# Inputs for `workbook bench ID`: n points uniform in the unit square.
BENCH_SPECS = [
    BenchSpec(
        exercise_id,
        lambda n, rng: (rng.random((n, 2)),),
        peers={"scipy_ckdtree": kdtree_closest_pair},
    )
    for exercise_id in ("closest_pair", "closest_pair_np")
]

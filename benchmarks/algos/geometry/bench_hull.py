"""Convex hull and rotating calipers: the workbook against Qhull (scipy) and GEOS (shapely).

One group per distribution and size holds the pure-Python monotone chain
(``convex_hull``), its numpy variant (``convex_hull_np``), ``scipy.spatial.ConvexHull``
(Qhull) and shapely's ``convex_hull`` (GEOS).  Every contender starts from the same
``(n, 2)`` float array, so shapely's time includes building the ``MultiPoint``.
Distributions: uniform in the unit square and in the unit disk (few hull vertices: the
Akl-Toussaint filter's best case) and on the unit circle (every point on the hull: the
worst case for every contender).  The calipers groups time ``min_area_rectangle``
against ``shapely.minimum_rotated_rectangle`` and ``diameter`` against Qhull's hull
followed by numpy's farthest pair among its vertices.

Every benchmark checks its result: the hull's vertex set against ``convex_hull_np``'s
(on the circle, within 0.4% of n: each library drops a different handful of points
whose turn is straight to rounding), the areas and distances against the peers.

Run: ``pytest benchmarks/algos/geometry/bench_hull.py`` (``--benchmark-disable`` for the
smoke run, which skips n >= 10^5 and shrinks the scaling sizes).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import shapely
from algos.practice.bench import BenchSpec, fitted_exponent, scaling_report, time_at_sizes
from point_sets import DISTRIBUTIONS, point_set
from scipy.spatial import ConvexHull

from algos.geometry.calipers import diameter, min_area_rectangle
from algos.geometry.hull import convex_hull, convex_hull_np

SIZES = [10**3, 10**4, 10**5, 10**6]
CALIPERS_SIZES = [10**3, 10**4, 10**5]


@functools.cache
def _points(distribution: str, n: int) -> np.ndarray:
    return point_set(distribution, n, np.random.default_rng([n, DISTRIBUTIONS.index(distribution)]))


@functools.cache
def _reference_vertices(distribution: str, n: int) -> frozenset[tuple[float, float]]:
    xy = _points(distribution, n)
    return frozenset(map(tuple, xy[convex_hull_np(xy)].tolist()))


def _shapely_hull(xy: np.ndarray) -> Any:
    return shapely.convex_hull(shapely.multipoints(xy))


HULLS: dict[str, Callable[[np.ndarray], Any]] = {
    "convex_hull": convex_hull,
    "convex_hull_np": convex_hull_np,
    "scipy_ConvexHull": ConvexHull,
    "shapely_convex_hull": _shapely_hull,
}


def _vertices(contender: str, xy: np.ndarray, result: Any) -> set[tuple[float, float]]:
    if contender == "convex_hull":
        return {(p.x, p.y) for p in result}
    if contender == "convex_hull_np":
        return set(map(tuple, xy[result].tolist()))
    if contender == "scipy_ConvexHull":
        return set(map(tuple, xy[result.vertices].tolist()))
    return set(map(tuple, shapely.get_coordinates(result).tolist()))


@pytest.mark.parametrize("contender", list(HULLS))
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
def bench_convex_hull(benchmark: Any, request: Any, distribution: str, n: int, contender: str):
    if request.config.getoption("benchmark_disable") and n >= 10**5:
        pytest.skip("large size: smoke run")
    benchmark.group = f"convex_hull-{distribution}-n={n:.0e}"
    xy = _points(distribution, n)
    rounds = 10 if n <= 10**4 else 3 if n <= 10**5 else 1
    result = benchmark.pedantic(
        HULLS[contender], args=(xy,), rounds=rounds, iterations=1, warmup_rounds=int(n < 10**5)
    )
    got, want = _vertices(contender, xy, result), _reference_vertices(distribution, n)
    slack = n // 250 if distribution == "circle" else 0
    assert len(got ^ want) <= slack, f"{contender}: {len(got ^ want)} vertices differ"


def _qhull_diameter(xy: np.ndarray) -> float:
    v = xy[ConvexHull(xy).vertices]
    return float(np.sqrt(((v[:, None, :] - v[None, :, :]) ** 2).sum(-1).max()))


CALIPERS: dict[str, tuple[Callable[[np.ndarray], Any], Callable[[np.ndarray], Any]]] = {
    # exercise: (reference, peer)
    "min_area_rectangle": (
        min_area_rectangle,
        lambda xy: shapely.minimum_rotated_rectangle(shapely.multipoints(xy)),
    ),
    "diameter": (diameter, _qhull_diameter),
}


def _size(result: Any) -> float:
    if isinstance(result, shapely.Geometry):
        return float(result.area)
    if isinstance(result, float):
        return result
    return float(result[0])  # Rectangle.area, or diameter's distance


@pytest.mark.parametrize("contender", ["reference", "peer"])
@pytest.mark.parametrize("n", CALIPERS_SIZES)
@pytest.mark.parametrize("distribution", ["disk", "circle"])
@pytest.mark.parametrize("exercise", list(CALIPERS))
def bench_calipers(benchmark, request, exercise, distribution, n, contender) -> None:
    if request.config.getoption("benchmark_disable") and n >= 10**5:
        pytest.skip("large size: smoke run")
    big_circle = exercise == "diameter" and distribution == "circle" and n > 10**3
    if big_circle and contender == "peer":
        pytest.skip("the peer's farthest pair is quadratic in the hull size")
    benchmark.group = f"{exercise}-{distribution}-n={n:.0e}"
    xy = _points(distribution, n)
    reference, peer = CALIPERS[exercise]
    function = reference if contender == "reference" else peer
    rounds = 5 if n <= 10**4 else 1
    result = benchmark.pedantic(function, args=(xy,), rounds=rounds, iterations=1)
    if big_circle:  # n random points on the unit circle: a pair within ~(pi / n)^2 of 2
        assert _size(result) == pytest.approx(2.0, rel=1e-6)
    else:  # both from the same floats with O(1) operations per candidate: agree to ~1e-15
        other = peer if contender == "reference" else reference
        assert _size(result) == pytest.approx(_size(other(xy)), rel=1e-9)


def bench_convex_hull_scaling(request: Any) -> None:
    """Best-of-3 times on the circle (every point on the hull) and fitted exponents."""
    smoke = request.config.getoption("benchmark_disable")
    sizes = [10**3, 3 * 10**3, 10**4] if smoke else [10**4, 3 * 10**4, 10**5, 3 * 10**5, 10**6]
    report = {}
    for distribution in ("circle", "disk"):
        timings = time_at_sizes(
            HULLS, lambda n, rng, d=distribution: (point_set(d, n, rng),), sizes, repeat=3
        )
        report[distribution] = timings
        print(f"\nconvex hull on the {distribution} (claimed O(n log n): exponent ~1.1)")
        print(scaling_report(timings))
    if smoke:  # small sizes on a shared machine: fixed costs and noise, no slope to trust
        return
    for name in ("convex_hull", "convex_hull_np"):
        slope = fitted_exponent(report["circle"][name])
        # Loose: shared, noisy machines; a quadratic slip would give ~2.
        assert 0.5 < slope < 1.6, f"{name}: exponent {slope:.2f}"


# Inputs for `workbook bench ID`: n points uniform in the unit disk.
BENCH_SPECS = [
    BenchSpec(
        "convex_hull",
        lambda n, rng: (point_set("disk", n, rng),),
        peers={"scipy_ConvexHull": ConvexHull, "shapely": _shapely_hull},
    ),
    BenchSpec(
        "convex_hull_np",
        lambda n, rng: (point_set("disk", n, rng),),
        peers={"scipy_ConvexHull": ConvexHull, "shapely": _shapely_hull},
    ),
    BenchSpec(
        "min_area_rectangle",
        lambda n, rng: (point_set("disk", n, rng),),
        peers={"shapely": CALIPERS["min_area_rectangle"][1]},
    ),
    BenchSpec(
        "diameter",
        lambda n, rng: (point_set("disk", n, rng),),
        peers={"scipy_hull_then_numpy": _qhull_diameter},
    ),
]

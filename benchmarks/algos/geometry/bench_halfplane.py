"""Half-plane intersection: the sort-and-deque sweep against Qhull (scipy).

Input: n half-planes tangent to the unit circle at uniformly random angles, each keeping
the circle's side, so the intersection is a polygon with (about) n vertices: every
half-plane counts, the worst case for the deque.  The peer is
``scipy.spatial.HalfspaceIntersection`` (Qhull, on the dual hull) with the origin as its
interior point, followed by ``ConvexHull`` of its vertices to put them in
counter-clockwise order, as the workbook returns them.  Each contender gets its own
input format, built outside the timing: a list of ``((x, y), (dx, dy))`` tuples, or
Qhull's ``(n, 3)`` array of rows ``[a, b, c]`` meaning ``a x + b y + c <= 0``.

Every benchmark checks the polygon's area against the other contender's (within 1e-9:
both drop vertices where two tangents are parallel to within ~1e-9).

Run: ``pytest benchmarks/algos/geometry/bench_halfplane.py`` (``--benchmark-disable`` for
the smoke run, which skips n >= 10^5 and shrinks the scaling sizes).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from algos.practice.bench import BenchSpec, fitted_exponent, scaling_report, time_at_sizes
from scipy.spatial import ConvexHull, HalfspaceIntersection

from algos.geometry.halfplane import half_plane_intersection

SIZES = [10**2, 10**3, 10**4, 10**5]
ROUNDS = {10**2: 20, 10**3: 10, 10**4: 3, 10**5: 1}

Planes = list[tuple[tuple[float, float], tuple[float, float]]]


def tangent_planes(n: int, rng: np.random.Generator) -> Planes:
    """Half-planes tangent to the unit circle, the circle on their left."""
    theta = rng.uniform(0, 2 * np.pi, n)
    x, y = np.cos(theta).tolist(), np.sin(theta).tolist()
    return [((a, b), (-b, a)) for a, b in zip(x, y, strict=True)]


def as_halfspaces(planes: Planes) -> np.ndarray[Any, Any]:
    """Qhull's rows: ``d x (q - p) >= 0`` is ``d_y q_x - d_x q_y + (d_x p_y - d_y p_x) <= 0``."""
    a = np.asarray(planes, dtype=float)
    (px, py), (dx, dy) = a[:, 0].T, a[:, 1].T
    return np.column_stack([dy, -dx, dx * py - dy * px])


def qhull_polygon(halfspaces: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    vertices = HalfspaceIntersection(halfspaces, np.zeros(2)).intersections
    return vertices[ConvexHull(vertices).vertices]


def qhull_from_planes(planes: Planes) -> np.ndarray[Any, Any]:
    """The peer on the workbook's input format (for the scaling table and the CLI)."""
    return qhull_polygon(as_halfspaces(planes))


def area(vertices: Any) -> float:
    xy = np.array([tuple(v) for v in vertices], dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))


@functools.cache
def case(n: int) -> tuple[Planes, np.ndarray[Any, Any], float]:
    planes = tangent_planes(n, np.random.default_rng(n))
    halfspaces = as_halfspaces(planes)
    return planes, halfspaces, area(qhull_polygon(halfspaces))


@pytest.mark.parametrize("contender", ["half_plane_intersection", "scipy_halfspace"])
@pytest.mark.parametrize("n", SIZES)
def bench_half_plane_intersection(benchmark, request, n, contender) -> None:
    if n >= 10**5 and request.config.getoption("benchmark_disable"):
        pytest.skip("large size: smoke run")
    planes, halfspaces, expected = case(n)
    benchmark.group = f"half_plane_intersection tangent n={n:.0e}"
    if contender == "half_plane_intersection":
        fn, args = half_plane_intersection, (planes,)
    else:
        fn, args = qhull_polygon, (halfspaces,)
    result = benchmark.pedantic(fn, args=args, rounds=ROUNDS[n], iterations=1, warmup_rounds=1)
    assert len(result) >= 0.99 * n
    assert area(result) == pytest.approx(expected, rel=1e-9)


def bench_half_plane_intersection_scaling(request) -> None:
    """Best-of-3 times of both contenders, interleaved, and the fitted exponents."""
    smoke = request.config.getoption("benchmark_disable")
    sizes = [300, 10**3, 3 * 10**3] if smoke else [10**3, 3 * 10**3, 10**4, 3 * 10**4, 10**5]
    timings = time_at_sizes(
        {"half_plane_intersection": half_plane_intersection, "scipy_halfspace": qhull_from_planes},
        lambda n, rng: (tangent_planes(n, rng),),
        sizes,
    )
    print("\nhalf-plane intersection, tangents to a circle (claimed O(n log n): exponent ~1.1)")
    print(scaling_report(timings))
    if smoke:  # small sizes on a shared machine: fixed costs and noise, no slope to trust
        return
    slope = fitted_exponent(timings["half_plane_intersection"])
    # Loose: shared, noisy machines; a quadratic slip would give ~2.
    assert 0.7 < slope < 1.6, f"half_plane_intersection: exponent {slope:.2f}"


# Inputs for `workbook bench half_plane_intersection`: tangents to the unit circle.
BENCH_SPECS = [
    BenchSpec(
        "half_plane_intersection",
        lambda n, rng: (tangent_planes(n, rng),),
        peers={"scipy_halfspace": qhull_from_planes},
        sizes=(10**2, 10**3, 10**4, 10**5),
    )
]

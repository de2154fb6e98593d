"""Convex hull and rotating calipers: the workbook against Qhull (scipy) and GEOS (shapely).

``BENCHES`` declares, per exercise, n float points uniform in the unit disk (few hull
vertices: the octagon filter's good case), the sizes and the peers; the peers get the
points as an ``(n, 2)`` array built outside the timing (shapely's time includes building
the ``MultiPoint``):

* ``convex_hull`` (the textbook monotone chain, given ``(x, y)`` tuples as its statement
  says, up to 10^5) and ``convex_hull_np`` (up to 10^6) against ``scipy.spatial.ConvexHull`` and
  ``shapely.convex_hull``; the hull is compared as a cycle;
* ``diameter`` and ``min_width`` against Qhull's hull followed by numpy over its vertices
  (O(h^2), fine for the disk's h ~ n^(1/3));
* ``min_area_rectangle`` against ``shapely.oriented_envelope``, by area.

``bench_hull_on_a_circle`` times the worst case, every point on the hull, beside
Qhull: interleaved medians, printed, never asserted.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from point_sets import listed, point_set, to_array
from scipy.spatial import ConvexHull

from algos.geometry import convex_hull, convex_hull_np
from workbook.bench import Bench, Contender, interleaved_medians

SIZES = (10**3, 10**4, 10**5)
NP_SIZES = (10**3, 10**4, 10**5, 10**6)


def disk(n: int, rng: np.random.Generator) -> tuple[np.ndarray]:
    return (point_set("disk", n, rng),)


def qhull_points(xy: np.ndarray) -> list[tuple[float, float]]:
    return [tuple(p) for p in xy[ConvexHull(xy).vertices].tolist()]  # counter-clockwise


def shapely_points(xy: np.ndarray) -> list[tuple[float, float]]:
    ring = shapely.get_coordinates(shapely.convex_hull(shapely.multipoints(xy))).tolist()
    return [tuple(p) for p in ring[-2::-1]]  # GEOS's ring is clockwise and closed


def qhull_vertices(xy: np.ndarray) -> np.ndarray:
    return xy[ConvexHull(xy).vertices]


def qhull_diameter(xy: np.ndarray) -> tuple[float, tuple[float, float], tuple[float, float]]:
    v = qhull_vertices(xy)
    d2 = ((v[:, None, :] - v[None, :, :]) ** 2).sum(-1)
    i, j = np.unravel_index(np.argmax(d2), d2.shape)
    return math.sqrt(d2[i, j]), tuple(v[i].tolist()), tuple(v[j].tolist())


def qhull_width(xy: np.ndarray) -> float:
    v = qhull_vertices(xy)
    e = np.roll(v, -1, axis=0) - v
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    heights = e[:, None, 0] * (v[None, :, 1] - v[:, None, 1]) - e[:, None, 1] * (
        v[None, :, 0] - v[:, None, 0]
    )
    return float(heights.max(axis=1).min())


def rectangle_area(xy: np.ndarray) -> float:
    return float(shapely.oriented_envelope(shapely.multipoints(xy)).area)


def same_diameter(actual: Any, expected: Any) -> bool:
    return math.isclose(actual[0], expected[0], rel_tol=1e-12)


def same_area(actual: Any, expected: Any) -> bool:
    area = lambda result: result if isinstance(result, float) else float(result[0])  # noqa: E731
    return math.isclose(area(actual), area(expected), rel_tol=1e-9, abs_tol=1e-12)


def peer(function: Any) -> Contender:
    """A peer given the points as an array, built outside the timing."""
    return Contender(function, prepare=to_array)


HULL_PEERS = {"scipy ConvexHull": peer(qhull_points), "shapely convex_hull": peer(shapely_points)}
POINTS = listed("disk")

BENCHES = [
    Bench("convex_hull", POINTS, sizes=SIZES, contenders=HULL_PEERS),
    Bench(
        "convex_hull_np",
        disk,
        sizes=NP_SIZES,
        contenders={"scipy ConvexHull": lambda xy: ConvexHull(xy).vertices.tolist()},
    ),
    Bench(
        "diameter",
        POINTS,
        sizes=SIZES,
        contenders={"scipy hull + numpy pairs": peer(qhull_diameter)},
        same=same_diameter,
    ),
    Bench(
        "min_width",
        POINTS,
        sizes=SIZES,
        contenders={"scipy hull + numpy heights": peer(qhull_width)},
    ),
    Bench(
        "min_area_rectangle",
        POINTS,
        sizes=SIZES,
        contenders={"shapely oriented_envelope": peer(rectangle_area)},
        same=same_area,
    ),
]


def bench_hull_on_a_circle(benchmark: Any) -> None:
    """Every point on the hull: the worst case of every contender (medians, not asserted)."""
    full = not benchmark.disabled
    sizes = (10**4, 10**5, 10**6) if full else (10**3,)
    circles = {n: point_set("circle", n, np.random.default_rng([1979, n])) for n in sizes}
    for n, xy in circles.items():  # the answers, in the smoke run too
        ours, qhull = set(convex_hull_np(xy).tolist()), set(ConvexHull(xy).vertices.tolist())
        # Random points on a circle: a few triples are straight to rounding, and each
        # library keeps or drops a different handful of those.
        assert len(ours ^ qhull) <= n // 250

    def measure() -> dict[int, dict[str, float]]:
        report = {}
        for n, xy in circles.items():
            contenders = {
                "convex_hull_np": lambda xy=xy: convex_hull_np(xy),
                "scipy ConvexHull": lambda xy=xy: ConvexHull(xy),
            }
            if n <= 10**5:
                contenders["convex_hull"] = lambda xy=xy: convex_hull(xy)
            report[n] = interleaved_medians(contenders, 5 if full else 1)
        return report

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "convex hull on a circle (interleaved medians)"
    print("\nconvex hull, n points on the unit circle (medians of interleaved runs):")
    for n, medians in report.items():
        times = ", ".join(f"{name} {t * 1e3:.1f} ms" for name, t in medians.items())
        ratio = medians["scipy ConvexHull"] / medians["convex_hull_np"]
        print(f"  n={n:>8}: {times}; scipy / convex_hull_np = {ratio:.1f}")

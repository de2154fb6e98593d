"""Benchmarks of the polygon routines against shapely (GEOS), n = 10^3 to 10^6 vertices.

Inputs: a random simple (star-shaped) polygon of n float vertices, counter-clockwise, and
for the convexity test the regular n-gon.  The peers get a shapely polygon built before
the timing (``area``, ``centroid``, ``contains_xy`` and ``touches``), and, for convexity,
numpy's sign of every turn at once (shapely has no convexity test).  Each answer is
checked against the reference's.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from point_sets import regular_polygon, star_polygon

from workbook.bench import Bench, Contender

SIZES = (10**3, 10**4, 10**5, 10**6)


def _polygon(args: tuple[Any, ...]) -> tuple[Any, ...]:
    return (shapely.Polygon(args[0]),)


def _query_and_polygon(n: int, rng: np.random.Generator) -> tuple[tuple[float, float], list[Any]]:
    return (float(rng.uniform(-0.6, 0.6)), float(rng.uniform(-0.6, 0.6))), star_polygon(n, rng)


def _shapely_location(query: tuple[float, float], polygon: Any) -> str:
    x, y = query
    if shapely.contains_xy(polygon, x, y):
        return "inside"
    return "boundary" if shapely.touches(polygon, shapely.Point(x, y)) else "outside"


def _turns_all_left(xy: np.ndarray) -> bool:
    u, v = np.roll(xy, -1, axis=0) - xy, np.roll(xy, -2, axis=0) - np.roll(xy, -1, axis=0)
    return bool((u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0] > 0).all())


BENCHES = [
    Bench(
        "polygon_area",
        lambda n, rng: (star_polygon(n, rng),),
        sizes=SIZES,
        size_name="vertices",
        contenders={"shapely.area": Contender(shapely.area, prepare=_polygon, output=float)},
    ),
    Bench(
        "polygon_centroid",
        lambda n, rng: (star_polygon(n, rng),),
        sizes=SIZES,
        size_name="vertices",
        contenders={
            "shapely.centroid": Contender(
                shapely.centroid, prepare=_polygon, output=lambda c: (c.x, c.y)
            )
        },
    ),
    Bench(
        "point_in_polygon",
        _query_and_polygon,
        sizes=SIZES,
        size_name="vertices",
        contenders={
            "shapely.contains_xy": Contender(
                _shapely_location, prepare=lambda args: (args[0], shapely.Polygon(args[1]))
            )
        },
    ),
    Bench(
        "is_convex",
        lambda n, rng: (regular_polygon(n),),
        sizes=SIZES,
        size_name="vertices",
        contenders={
            "numpy turns": Contender(_turns_all_left, prepare=lambda args: (np.array(args[0]),))
        },
    ),
]

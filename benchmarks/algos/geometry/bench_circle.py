"""Circles: the minimum enclosing circle against shapely (GEOS); the intersections in batches.

``BENCHES`` declares, for ``min_enclosing_circle`` (pure Python, up to 10^5) and
``min_enclosing_circle_np`` (up to 10^6), n float points uniform in the unit disk, all
contenders given the same ``(n, 2)`` array: shapely's ``minimum_bounding_radius`` timed
with the ``MultiPoint`` built before (GEOS's own time) and including it.  Answers are
compared by radius within 1e-9 (shapely gives no center), the workbook's and a user's by
center and radius.  Welzl's time varies with the shuffle: each input is shuffled by its
own seeded generator, so the medians are over inputs of one size.

The intersections are O(1): batches of 10^2 to 10^4 calls on random integer circles and
lines, with no peer (shapely's circles are polygons, not circles).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import shapely
from point_sets import CALLS, each, int_points, listed, point_set, to_array

from workbook.bench import Bench, Contender


def disk(n: int, rng: np.random.Generator) -> tuple[np.ndarray]:
    return (point_set("disk", n, rng),)


def radius_only(radius: Any) -> tuple[None, float]:
    return None, float(radius)


def same_circle(actual: Any, expected: Any) -> bool:
    (center, radius), (expected_center, expected_radius) = actual, expected
    if not math.isclose(radius, expected_radius, rel_tol=1e-9):
        return False
    return center is None or math.dist(center, expected_center) <= 1e-9 * max(1.0, radius)


def circle_lines(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
    centers, a, b = int_points(rng, (n, 2)), int_points(rng, (n, 2)), int_points(rng, (n, 2))
    radii = rng.integers(0, 10**4, n, endpoint=True)
    calls = zip(
        map(tuple, centers.tolist()),
        radii.tolist(),
        map(tuple, a.tolist()),
        map(tuple, b.tolist()),
        strict=True,
    )
    return ([call for call in calls if call[2] != call[3]],)


def circle_pairs(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
    c1, c2 = int_points(rng, (n, 2)) // 2, int_points(rng, (n, 2)) // 2
    r1, r2 = rng.integers(0, 10**4, n, endpoint=True), rng.integers(0, 10**4, n, endpoint=True)
    calls = zip(
        map(tuple, c1.tolist()), r1.tolist(), map(tuple, c2.tolist()), r2.tolist(), strict=True
    )
    return ([call for call in calls if call[0] != call[2]],)


def _enclosing(exercise: str, make_args: Any, sizes: tuple[int, ...]) -> Bench:
    return Bench(
        exercise,
        make_args,
        sizes=sizes,
        contenders={
            "shapely radius (prebuilt)": Contender(
                shapely.minimum_bounding_radius,
                prepare=lambda args: (shapely.multipoints(to_array(args)[0]),),
                output=radius_only,
            ),
            "shapely radius": Contender(
                lambda xy: shapely.minimum_bounding_radius(shapely.multipoints(xy)),
                prepare=to_array,
                output=radius_only,
            ),
        },
        same=same_circle,
    )


BENCHES = [
    _enclosing("min_enclosing_circle", listed("disk"), (10**3, 10**4, 10**5)),
    _enclosing("min_enclosing_circle_np", disk, (10**3, 10**4, 10**5, 10**6)),
    Bench("circle_line_intersection", circle_lines, sizes=CALLS, size_name="calls", run=each),
    Bench("circle_circle_intersection", circle_pairs, sizes=CALLS, size_name="calls", run=each),
]

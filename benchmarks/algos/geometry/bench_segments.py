"""Benchmarks of segments and lines: batches of calls against shapely's vectorised GEOS.

Each routine is O(1), so the size axis is the number of calls (10^2 to 10^4) on random
integer inputs within the catalogue's constraint.  The peers are shapely's vectorised
functions on arrays of geometries built before the timing (``intersects``,
``intersection``, ``distance``), and numpy's closed forms where shapely has none (the
meeting point of two lines, a projection).  For the incidence tests a third of the
points are put on their segment (integer points of its line), so both answers occur.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from point_sets import CALLS, as_array, calls_of_points, each, int_points

from workbook.bench import Bench, Contender


def _lines(coordinates: np.ndarray) -> np.ndarray:
    return shapely.linestrings(coordinates)


def _segment_pairs(args: tuple[Any, ...]) -> tuple[np.ndarray, np.ndarray]:
    (a,) = as_array(args)
    return _lines(a[:, :2]), _lines(a[:, 2:])


def _points_and_segments(args: tuple[Any, ...]) -> tuple[np.ndarray, np.ndarray]:
    (a,) = as_array(args)
    return shapely.points(a[:, 0]), _lines(a[:, 1:])


def _near_segments(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
    """(p, a, b) with ``b = a + m d`` and, one time in three, ``p = a + j d``: on the line."""
    a = int_points(rng, (n, 2)) // 2
    d = rng.integers(-20, 21, (n, 2))
    d[(d == 0).all(axis=1)] = (1, 0)  # a segment, not a point
    m = rng.integers(1, 50, (n, 1))
    j = rng.integers(-5, 55, (n, 1))
    on = rng.random((n, 1)) < 1 / 3
    p = np.where(on, a + j * d, int_points(rng, (n, 2)))
    rows = np.stack([p, a, a + m * d], axis=1).tolist()
    return ([tuple(map(tuple, row)) for row in rows],)


def _common_points(geometry: Any) -> list[tuple[float, float]]:
    """An intersection in the reference's form: [], [x] or the two ends of an overlap."""
    if geometry.is_empty:
        return []
    coords = sorted({tuple(c) for c in shapely.get_coordinates(geometry).tolist()})
    return [coords[0], coords[-1]] if len(coords) > 1 else coords


def _meet(a: np.ndarray) -> list[tuple[float, float] | None]:
    p, u, q, v = a[:, 0], a[:, 1] - a[:, 0], a[:, 2], a[:, 3] - a[:, 2]
    den = u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((q[:, 0] - p[:, 0]) * v[:, 1] - (q[:, 1] - p[:, 1]) * v[:, 0]) / den
    x = p + u * t[:, None]
    return [None if d == 0 else (float(x0), float(y0)) for d, (x0, y0) in zip(den, x, strict=True)]


def _project(a: np.ndarray) -> np.ndarray:
    p, s, u = a[:, 0], a[:, 1], a[:, 2] - a[:, 1]
    t = ((p - s) * u).sum(axis=1) / (u * u).sum(axis=1)
    return s + u * t[:, None]


def _pairs_of_segments(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
    """Random segment pairs; every other pair on one line (overlapping, touching or apart)."""
    calls = calls_of_points(4)(n, rng)[0]
    for k in range(0, n, 2):
        a = int_points(rng, (2,)) // 2
        d = rng.integers(1, 21, 2) * rng.choice([-1, 1], 2)
        j = int(rng.integers(-40, 41))
        ends = [a, a + 40 * d, a + j * d, a + (j + 30) * d]
        calls[k] = tuple(tuple(int(c) for c in end) for end in ends)
    return (calls,)


def _batch(exercise: str, make_args: Any, peers: dict[str, Contender]) -> Bench:
    return Bench(exercise, make_args, sizes=CALLS, size_name="calls", run=each, contenders=peers)


BENCHES = [
    _batch(
        "segments_intersect",
        _pairs_of_segments,
        {
            "shapely.intersects": Contender(
                shapely.intersects, prepare=_segment_pairs, output=np.ndarray.tolist
            )
        },
    ),
    _batch(
        "segment_intersection",
        _pairs_of_segments,
        {
            "shapely.intersection": Contender(
                shapely.intersection,
                prepare=_segment_pairs,
                output=lambda geometries: [_common_points(g) for g in geometries],
            )
        },
    ),
    _batch(
        "point_on_segment",
        _near_segments,
        {
            "shapely.intersects": Contender(
                shapely.intersects, prepare=_points_and_segments, output=np.ndarray.tolist
            )
        },
    ),
    _batch(
        "point_segment_distance",
        _near_segments,
        {
            "shapely.distance": Contender(
                shapely.distance, prepare=_points_and_segments, output=np.ndarray.tolist
            )
        },
    ),
    _batch(
        "line_intersection",
        calls_of_points(4),
        {"numpy (closed form)": Contender(_meet, prepare=as_array)},
    ),
    _batch(
        "project",
        _near_segments,
        {"numpy (closed form)": Contender(_project, prepare=as_array, output=np.ndarray.tolist)},
    ),
]

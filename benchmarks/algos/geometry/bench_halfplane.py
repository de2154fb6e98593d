"""Half-plane intersection: the sort-and-deque sweep against Qhull (scipy).

``BENCHES`` declares n half-planes tangent to the unit circle at uniformly random angles,
each keeping the circle's side, so the intersection is a polygon with (about) n vertices:
every half-plane counts, the worst case for the deque.  The peer is
``scipy.spatial.HalfspaceIntersection`` (Qhull, on the dual hull) with the origin as its
interior point, then ``ConvexHull`` of its vertices to put them in counter-clockwise
order.  It gets Qhull's ``(n, 3)`` rows ``[a, b, c]`` (``a x + b y + c <= 0``), built
before the timing.  Answers are compared by area, within 1e-9: both drop or merge
vertices where two tangents are parallel to within about 1e-9.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.spatial import ConvexHull, HalfspaceIntersection

from workbook.bench import Bench, Contender

Planes = list[tuple[tuple[float, float], tuple[float, float]]]


def tangent_planes(n: int, rng: np.random.Generator) -> tuple[Planes]:
    """Half-planes tangent to the unit circle, the circle on their left."""
    theta = rng.uniform(0, 2 * np.pi, n)
    x, y = np.cos(theta).tolist(), np.sin(theta).tolist()
    return ([((a, b), (-b, a)) for a, b in zip(x, y, strict=True)],)


def as_halfspaces(args: tuple[Any, ...]) -> tuple[np.ndarray]:
    """Qhull's rows: ``d x (q - p) >= 0`` is ``d_y q_x - d_x q_y + (d_x p_y - d_y p_x) <= 0``."""
    a = np.asarray(args[0], dtype=float)
    (px, py), (dx, dy) = a[:, 0].T, a[:, 1].T
    return (np.column_stack([dy, -dx, dx * py - dy * px]),)


def qhull_polygon(halfspaces: np.ndarray) -> np.ndarray:
    vertices = HalfspaceIntersection(halfspaces, np.zeros(2)).intersections
    return vertices[ConvexHull(vertices).vertices]


def area(vertices: Any) -> float:
    xy = np.array([tuple(v) for v in vertices], dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * (x @ np.roll(y, -1) - y @ np.roll(x, -1)))


def same_area(actual: Any, expected: Any) -> bool:
    return math.isclose(area(actual), area(expected), rel_tol=1e-9)


BENCHES = [
    Bench(
        "half_plane_intersection",
        tangent_planes,
        sizes=(10**2, 10**3, 10**4, 10**5),
        size_name="half-planes",
        contenders={"scipy HalfspaceIntersection": Contender(qhull_polygon, prepare=as_halfspaces)},
        same=same_area,
    )
]

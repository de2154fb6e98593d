"""Benchmarks of the vector primitives: batches of calls against numpy's vectorised forms.

Each primitive is O(1), so its size axis is the number of calls (10^2 to 10^4) on random
integer points within the catalogue's constraint.  The peer is what a numpy user writes
for many vectors at once (one expression over ``(n, 2)`` arrays); its answers, turned into
lists, are checked against the reference's call by call.  The ratio shows the cost of a
Python call per pair against one vectorised pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from point_sets import CALLS, as_array, calls_of_points, each, int_points

from workbook.bench import Bench, Contender


def _vectorised(formula: Any) -> Contender:
    return Contender(formula, prepare=as_array, output=np.ndarray.tolist)


def _rotations(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
    points, centres = int_points(rng, (n, 2)).tolist(), int_points(rng, (n, 2)).tolist()
    thetas = rng.uniform(-np.pi, np.pi, n).tolist()
    return (list(zip(map(tuple, points), thetas, map(tuple, centres), strict=True)),)


def _rotation_arrays(args: tuple[Any, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    points, thetas, centres = zip(*args[0], strict=True)
    return np.array(points, dtype=float), np.array(thetas), np.array(centres, dtype=float)


def _rotate(p: np.ndarray, theta: np.ndarray, about: np.ndarray) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    d = p - about
    return about + np.column_stack([c * d[:, 0] - s * d[:, 1], s * d[:, 0] + c * d[:, 1]])


def _cross(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]


def _bench(exercise: str, k: int, formula: Any) -> Bench:
    return Bench(
        exercise,
        calls_of_points(k),
        sizes=CALLS,
        size_name="calls",
        run=each,
        contenders={"numpy (vectorised)": _vectorised(formula)},
    )


BENCHES = [
    _bench("dot", 2, lambda a: np.einsum("ij,ij->i", a[:, 0], a[:, 1])),
    _bench("cross", 2, lambda a: _cross(a[:, 0], a[:, 1])),
    _bench("norm", 1, lambda a: np.hypot(a[:, 0, 0], a[:, 0, 1])),
    _bench("dist", 2, lambda a: np.hypot(*(a[:, 1] - a[:, 0]).T)),
    _bench("angle", 1, lambda a: np.arctan2(a[:, 0, 1], a[:, 0, 0])),
    _bench(
        "orientation",
        3,
        lambda a: np.sign(_cross(a[:, 1] - a[:, 0], a[:, 2] - a[:, 0])).astype(np.int64),
    ),
    Bench(
        "rotate",
        _rotations,
        sizes=CALLS,
        size_name="calls",
        run=each,
        contenders={
            "numpy (vectorised)": Contender(
                _rotate, prepare=_rotation_arrays, output=np.ndarray.tolist
            )
        },
    ),
]

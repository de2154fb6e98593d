"""Closest pair: the sweep (``closest_pair``) and its numpy variant against cKDTree.

``BENCHES`` declares n float points uniform in the unit square, n = 10^3 to 10^6 (a list
of ``(x, y)`` tuples for the reference, as its statement says; an array for the numpy
variant and the peer, built outside the timing), and the peer ``scipy.spatial.cKDTree``:
build, ``query(k=2)`` for every point, then the argmin of the distance to the second
neighbour (the first is the point itself).  Every answer is
checked against the reference's (random floats: one closest pair).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from point_sets import listed, point_set, to_array
from scipy.spatial import cKDTree

from workbook.bench import Bench, Contender

SIZES = (10**3, 10**4, 10**5, 10**6)


def square(n: int, rng: np.random.Generator) -> tuple[np.ndarray]:
    return (point_set("square", n, rng),)


def kdtree_closest_pair(xy: np.ndarray[Any, Any]) -> tuple[float, int, int]:
    dist, index = cKDTree(xy).query(xy, k=2)
    i = int(np.argmin(dist[:, 1]))
    j = int(index[i, 1])
    return float(dist[i, 1]), min(i, j), max(i, j)


BENCHES = [
    Bench(
        "closest_pair",
        listed("square"),
        sizes=SIZES,
        contenders={"scipy cKDTree": Contender(kdtree_closest_pair, prepare=to_array)},
    ),
    Bench(
        "closest_pair_np", square, sizes=SIZES, contenders={"scipy cKDTree": kdtree_closest_pair}
    ),
]

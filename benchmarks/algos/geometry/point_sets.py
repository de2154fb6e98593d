"""The point sets of the geometry benchmarks: uniform in a square, in a disk, on a circle.

The circle is the worst case of a hull (every point is a vertex); the square and the
disk are the average cases.  Imported by the ``bench_*.py`` files of this folder.
"""

from __future__ import annotations

import numpy as np

DISTRIBUTIONS = ("square", "disk", "circle")


def point_set(distribution: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` random float64 points, shape ``(n, 2)``, of the given distribution."""
    if distribution == "square":
        return rng.random((n, 2))
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {DISTRIBUTIONS}, got {distribution!r}")
    theta = rng.uniform(0, 2 * np.pi, n)
    radius = np.sqrt(rng.random(n)) if distribution == "disk" else np.ones(n)
    return np.column_stack([radius * np.cos(theta), radius * np.sin(theta)])

"""Inputs of the geometry benchmarks, and the batch runner of the O(1) exercises.

Point sets: uniform in a square, in a disk, on a circle (the worst case of a hull:
every point is a vertex).  An O(1) exercise is timed over a batch of ``n`` calls on
random integer inputs within the catalogue's constraint (``|x|, |y| <= 10^4``), so its
size axis is the number of calls.  Imported by the ``bench_*.py`` files of this folder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

DISTRIBUTIONS = ("square", "disk", "circle")
LIMIT = 10**4
CALLS = (10**2, 10**3, 10**4)


def point_set(distribution: str, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` random float64 points, shape ``(n, 2)``, of the given distribution."""
    if distribution == "square":
        return rng.random((n, 2))
    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {DISTRIBUTIONS}, got {distribution!r}")
    theta = rng.uniform(0, 2 * np.pi, n)
    radius = np.sqrt(rng.random(n)) if distribution == "disk" else np.ones(n)
    return np.column_stack([radius * np.cos(theta), radius * np.sin(theta)])


def listed(distribution: str) -> Callable[[int, np.random.Generator], tuple[Any, ...]]:
    """``make_args`` of an exercise whose statement takes a list of points: ``(x, y)``
    tuples of the distribution (the peers get the array, built outside the timing)."""

    def make(n: int, rng: np.random.Generator) -> tuple[list[tuple[float, float]]]:
        return (list(map(tuple, point_set(distribution, n, rng).tolist())),)

    return make


def to_array(args: tuple[Any, ...]) -> tuple[np.ndarray]:
    """A list of points as an ``(n, 2)`` float array: a peer's input."""
    return (np.array(args[0], dtype=np.float64).reshape(-1, 2),)


def int_points(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Integer coordinates within the constraint, of the given shape (last axis 2)."""
    return rng.integers(-LIMIT, LIMIT, shape, endpoint=True)


def calls_of_points(k: int) -> Callable[[int, np.random.Generator], tuple[Any, ...]]:
    """``make_args`` of an exercise taking ``k`` points: ``n`` calls of ``k`` pairs."""

    def make(n: int, rng: np.random.Generator) -> tuple[list[tuple[Any, ...]]]:
        points = int_points(rng, (n, k, 2)).tolist()
        return ([tuple(map(tuple, call)) for call in points],)

    return make


def each(function: Any, args: tuple[Any, ...]) -> list[Any]:
    """Run an O(1) exercise on every call of the batch ``args[0]``."""
    return [function(*call) for call in args[0]]


def as_array(args: tuple[Any, ...]) -> tuple[np.ndarray]:
    """A batch of calls of points as one array of shape ``(n, k, 2)``: a peer's input."""
    return (np.array(args[0], dtype=np.float64),)


def star_polygon(n: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """A simple polygon of ``n`` float vertices, counter-clockwise: distinct angles around
    the origin, radii between 0.5 and 1 (star-shaped, so it never crosses itself)."""
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    radii = rng.uniform(0.5, 1.0, n)
    return list(
        map(tuple, np.column_stack([radii * np.cos(angles), radii * np.sin(angles)]).tolist())
    )


def regular_polygon(n: int) -> list[tuple[float, float]]:
    t = 2 * np.pi * np.arange(n) / n
    return list(map(tuple, np.column_stack([np.cos(t), np.sin(t)]).tolist()))

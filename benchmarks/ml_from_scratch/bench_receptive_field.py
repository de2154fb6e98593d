"""Benchmarks of the receptive-field recurrences: bottom-up against top-down.

``BENCHES`` declares stacks of n random layers (kernels 1-7, strides 1-2, paddings 0-3,
dilations 1-3, in two dimensions).  No library computes receptive fields, so the peers
are the two recurrences themselves: bottom-up (:func:`receptive_field`, O(L) for all
layers at once) and top-down (:func:`receptive_field_top_down`, O(L^2): the recurrence
runs from each layer down), compared on the sizes, which both give.  The scaling report
shows the exponents, 1 and 2.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ml_from_scratch.receptive_field import (
    LayerSpec,
    receptive_field,
    receptive_field_top_down,
)
from workbook.bench import Bench, Contender


def random_layers(n: int, rng: np.random.Generator) -> tuple[list[LayerSpec], int]:
    """n layers; strides of 2 are rare, so that jumps stay machine-sized integers."""
    layers = [
        LayerSpec(
            (int(rng.integers(1, 8)), int(rng.integers(1, 8))),
            stride=(1 + int(rng.random() < 20 / n), 1 + int(rng.random() < 20 / n)),
            padding=int(rng.integers(0, 4)),
            dilation=int(rng.integers(1, 4)),
        )
        for _ in range(n)
    ]
    return layers, 2


def sizes(result: Any) -> list[tuple[int, ...]]:
    """Each layer's sizes, from either recurrence's result."""
    return [tuple(item[0]) if isinstance(item[0], tuple) else tuple(item) for item in result]


def same_sizes(actual: Any, expected: Any) -> bool:
    return sizes(actual) == sizes(expected)


BENCHES = [
    Bench(
        "receptive_field",
        random_layers,
        sizes=(10, 100, 1000, 10000),
        size_name="layers",
        contenders={"top-down": Contender(receptive_field_top_down, max_size=1000)},
        same=same_sizes,
    ),
    Bench(
        "receptive_field_top_down",
        random_layers,
        sizes=(3, 10, 30, 100, 300, 1000),
        size_name="layers",
        contenders={"bottom-up": receptive_field},
        same=same_sizes,
    ),
]

__all__ = ["BENCHES"]

"""Benchmarks of the position encodings: rotary, sinusoidal, ALiBi slopes, T5 buckets.

``BENCHES`` declares, per exercise, the inputs of size n, the sizes (three decades
where memory allows) and the peers; ``benchmarks/conftest.py`` makes one group per
exercise and size and checks every answer against the reference's.  Peers:

* rotary: the complex-multiplication form of the LLaMA reference code (adjacent pairs
  as complex numbers times ``exp(i m theta)``), and for the module, :func:`apply_rotary`
  with the tables computed once outside the timing;
* sinusoidal: the formula in numpy (float64, then float32);
* ALiBi: the paper's recursive ``get_slopes`` in plain Python;
* T5: the bucket formula as T5's code writes it, with a float32 logarithm.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from ml_from_scratch.position import RotaryEmbedding, apply_rotary, rotary_cos_sin
from workbook.bench import Bench, Contender

HEADS, HEAD_DIM = 8, 64


def rotary_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    """x (1, 8, n, 64), the tables of positions 0..n-1, interleaved pairs."""
    x = torch.from_numpy(rng.standard_normal((1, HEADS, n, HEAD_DIM), dtype=np.float32))
    cos, sin = rotary_cos_sin(torch.arange(n), HEAD_DIM)
    return x, cos, sin, True


def as_complex_turns(args: tuple[Any, ...]) -> tuple[Any, ...]:
    x, cos, sin, _ = args
    return x, torch.complex(cos, sin)


def complex_rotation(x: torch.Tensor, turns: torch.Tensor) -> torch.Tensor:
    """Adjacent pairs as complex numbers, multiplied by exp(i m theta)."""
    pairs = torch.view_as_complex(x.reshape(*x.shape[:-1], -1, 2))
    return torch.view_as_real(pairs * turns).flatten(-2)


def close(actual: Any, expected: Any) -> bool:
    return bool(torch.allclose(actual, expected, rtol=1e-5, atol=1e-5))


_MODULES: dict[int, Any] = {}


def run_rotary(cls: Any, args: tuple[Any, ...]) -> torch.Tensor:
    """``cls(64)`` (built once per class) applied to x."""
    if id(cls) not in _MODULES:
        _MODULES[id(cls)] = cls(HEAD_DIM)
    out: torch.Tensor = _MODULES[id(cls)](args[0])
    return out


def with_tables(args: tuple[Any, ...]) -> tuple[Any, ...]:
    x = args[0]
    return (x, *rotary_cos_sin(torch.arange(x.shape[-2]), HEAD_DIM))


def numpy_sinusoids(n: int, dim: int) -> torch.Tensor:
    angles = np.arange(n)[:, None] / 10000.0 ** (np.arange(0, dim, 2) / dim)
    table = np.empty((n, dim))
    table[:, 0::2], table[:, 1::2] = np.sin(angles), np.cos(angles)
    return torch.from_numpy(table.astype(np.float32))


def papers_slopes(n: int) -> list[float]:
    """get_slopes of the ALiBi paper's code."""

    def power_of_2(n: int) -> list[float]:
        start = 2 ** (-(2 ** -(math.log2(n) - 3)))
        return [start * start**i for i in range(n)]

    if math.log2(n).is_integer():
        return power_of_2(n)
    closest = 2 ** math.floor(math.log2(n))
    return power_of_2(closest) + papers_slopes(2 * closest)[0::2][: n - closest]


def t5_float32(relative_position: torch.Tensor) -> torch.Tensor:
    """T5's bucket code (bidirectional, 32 buckets, max distance 128), float32 log."""
    buckets, exact = 16, 8
    side = (relative_position > 0).long() * buckets
    n = relative_position.abs()
    large = (
        exact + (torch.log(n.float() / exact) / math.log(128 / exact) * (buckets - exact)).long()
    )
    large = torch.minimum(large, torch.full_like(large, buckets - 1))
    return side + torch.where(n < exact, n, large)


BENCHES = [
    Bench(
        "apply_rotary",
        rotary_inputs,
        sizes=(64, 512, 4096, 32768),
        size_name="L",
        contenders={
            "complex multiplication": Contender(complex_rotation, prepare=as_complex_turns)
        },
        same=close,
    ),
    Bench(
        "rotary_embedding",
        lambda n, rng: rotary_inputs(n, rng)[:1],
        sizes=(64, 512, 4096, 32768),
        size_name="L",
        run=run_rotary,
        contenders={
            "apply_rotary, tables precomputed": Contender(apply_rotary, prepare=with_tables)
        },
        same=close,
    ),
    Bench(
        "sinusoidal_encoding",
        lambda n, rng: (n, 128),
        sizes=(100, 1000, 10_000, 100_000),
        size_name="positions",
        contenders={"numpy": numpy_sinusoids},
        same=lambda a, b: bool(torch.allclose(a, b, rtol=0, atol=1e-6)),
    ),
    Bench(
        "alibi_slopes",
        lambda n, rng: (n,),
        sizes=(12, 96, 768, 6144),  # not powers of two: the interleaved slopes count
        size_name="heads",
        contenders={
            "the paper's get_slopes": Contender(
                papers_slopes, output=lambda s: torch.tensor(s, dtype=torch.float32)
            )
        },
        same=lambda a, b: bool(torch.allclose(a, b, rtol=1e-6, atol=0)),
    ),
    Bench(
        "t5_relative_position_bucket",
        lambda n, rng: (torch.from_numpy(rng.integers(-(10**4), 10**4, n)),),
        sizes=(10**3, 10**4, 10**5, 10**6),
        contenders={"float32 logarithm": t5_float32},
        same=lambda a, b: bool(torch.equal(a, b)),
    ),
]

__all__ = ["BENCHES", "RotaryEmbedding"]

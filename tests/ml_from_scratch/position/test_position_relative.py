"""Tests of T5's relative position buckets and the learned bias.

Oracles: the bucket formula evaluated exactly, in rationals (the logarithmic bucket of
a distance ``n`` is the largest ``k`` with ``(n / exact)^(B - exact) >=
(max_distance / exact)^k``), so no floating-point rounding is shared with the
implementation; and worked values computed by hand from the formula for T5's
configuration (32 buckets, bidirectional, ``max_distance=128``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from ml_from_scratch.position import RelativePositionBias, relative_positions
from workbook.testing import check, contract, edge, exercise_fixture

t5_relative_position_bucket = exercise_fixture("t5_relative_position_bucket")

CONFIGS = [(True, 32, 128), (False, 32, 128), (True, 64, 256), (False, 16, 64), (True, 8, 20),
           (True, 32, 100), (False, 2, 5), (True, 4, 3)]  # fmt: skip


def exact_bucket(offset: int, bidirectional: bool, num_buckets: int, max_distance: int) -> int:
    bucket, buckets = 0, num_buckets
    if bidirectional:
        buckets //= 2
        bucket = buckets if offset > 0 else 0
        n = abs(offset)
    else:
        n = max(-offset, 0)
    exact = buckets // 2
    if n < exact:
        return bucket + n
    k = 0  # the largest k with exact * (max_distance / exact)^(k / (B - exact)) <= n
    while k < buckets and Fraction(n, exact) ** (buckets - exact) >= Fraction(
        max_distance, exact
    ) ** (k + 1):
        k += 1
    return bucket + min(exact + k, buckets - 1)


@pytest.mark.parametrize(
    ("offset", "bucket"),
    [
        (0, 0), (-1, 1), (-7, 7),  # exact: 8 buckets for distances 0..7
        (-8, 8), (-11, 8), (-12, 9), (-15, 9), (-16, 10), (-22, 10), (-23, 11),
        (-32, 12), (-64, 14), (-90, 14), (-91, 15), (-128, 15), (-10_000, 15),
        (1, 17), (7, 23), (8, 24), (16, 26), (128, 31), (10_000, 31),
    ],
)  # fmt: skip
def test_t5_worked_values(t5_relative_position_bucket: Any, offset: int, bucket: int) -> None:
    # 8 + floor(log(n / 8) / log(16) * 8): n = 12 -> 8 + floor(1.17) = 9, n = 91 -> 15 ...
    check(t5_relative_position_bucket, torch.tensor([offset]), expected=[bucket])


def test_causal_worked_values(t5_relative_position_bucket: Any) -> None:
    offsets = torch.tensor([5, 1, 0, -1, -15, -16, -32, -128, -500])
    # 16 exact buckets, then 16 + floor(log(n / 16) / log(8) * 16)
    check(t5_relative_position_bucket, offsets, bidirectional=False,
          expected=[0, 0, 0, 1, 15, 16, 21, 31, 31])  # fmt: skip


@pytest.mark.parametrize(("bidirectional", "num_buckets", "max_distance"), CONFIGS)
def test_every_offset_matches_the_exact_formula(
    t5_relative_position_bucket: Any, bidirectional: bool, num_buckets: int, max_distance: int
) -> None:
    offsets = list(range(-1000, 1001))
    expected = [exact_bucket(o, bidirectional, num_buckets, max_distance) for o in offsets]
    check(t5_relative_position_bucket, torch.tensor(offsets), bidirectional, num_buckets,
          max_distance, expected=expected)  # fmt: skip


@given(offsets=st.lists(st.integers(-(10**4), 10**4), min_size=1, max_size=30),
       config=st.sampled_from(CONFIGS))  # fmt: skip
def test_any_shape_and_far_offsets(
    t5_relative_position_bucket: Any, offsets: list[int], config: tuple[bool, int, int]
) -> None:
    grid = torch.tensor(offsets).reshape(-1, 1).expand(-1, 2)
    result = t5_relative_position_bucket(grid, *config)
    assert result.shape == grid.shape
    assert result.dtype == torch.int64
    assert result[:, 0].tolist() == [exact_bucket(o, *config) for o in offsets]


@edge
def test_int32_offsets(t5_relative_position_bucket: Any) -> None:
    check(t5_relative_position_bucket, torch.tensor([-16, 16], dtype=torch.int32),
          expected=[10, 26])  # fmt: skip


@contract
@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        ((torch.tensor([1.5]),), TypeError, "relative_position"),
        (([1, 2],), TypeError, "relative_position"),
        ((torch.tensor([1]), True, 2), ValueError, "num_buckets"),
        ((torch.tensor([1]), True, 32, 8), ValueError, "max_distance"),
        ((torch.tensor([1]), 1), TypeError, "bidirectional"),
    ],
)
def test_rejects_bad_inputs(
    t5_relative_position_bucket: Any, args: tuple[Any, ...], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        t5_relative_position_bucket(*args)


# ----------------------------------------------------------------- the learned bias


def test_relative_positions() -> None:
    assert relative_positions(2, 4).tolist() == [[0, 1, 2, 3], [-1, 0, 1, 2]]


def test_bias_looks_up_the_bucket_of_each_offset() -> None:
    bias = RelativePositionBias(num_heads=3, num_buckets=8, max_distance=20)
    table = bias(5, 7)
    assert table.shape == (3, 5, 7)
    weight = bias.embedding.weight
    for i in range(5):
        for j in range(7):
            bucket = exact_bucket(j - i, True, 8, 20)
            assert torch.equal(table[:, i, j], weight[bucket])


def test_bias_is_trained_by_its_gradient() -> None:
    bias = RelativePositionBias(num_heads=2, num_buckets=4, max_distance=3, bidirectional=False)
    bias(3, 3).sum().backward()
    # offsets j - i of a 3 x 3 grid: 0 three times, -1 twice, -2 once, > 0 three times
    # (all in bucket 0); causal buckets: 0, 1 exact, then 2 (for distance 2, B = 4).
    grad = bias.embedding.weight.grad
    assert grad is not None
    assert grad.tolist() == [[6.0, 6.0], [2.0, 2.0], [1.0, 1.0], [0.0, 0.0]]


def test_bias_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError, match="max_distance"):
        RelativePositionBias(num_heads=2, num_buckets=32, max_distance=4)

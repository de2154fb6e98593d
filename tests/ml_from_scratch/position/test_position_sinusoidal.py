"""Tests of the sinusoidal position table and the learned one.

Oracle: the paper's formula (section 3.5) evaluated entry by entry with Python's
``math`` in double precision.  The statement-level tolerance lets a float32
computation pass (2e-4, see the catalogue); the reference computes the angles in
float64 and is tested to be correctly rounded (``edge``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import assert_close

from ml_from_scratch.position import LearnedPositionEmbedding
from ml_from_scratch.position import sinusoidal_encoding as reference
from workbook.testing import check, contract, edge, exercise_fixture

sinusoidal_encoding = exercise_fixture("sinusoidal_encoding")


def paper_table(n: int, d: int, base: float = 10000.0, first: int = 0) -> list[list[float]]:
    """Rows first..n-1 of PE[pos, 2i] = sin(pos / base^(2i/d)), PE[pos, 2i+1] = cos(...)."""
    table = []
    for pos in range(first, n):
        row = []
        for j in range(d):
            angle = pos / base ** ((j - j % 2) / d)
            row.append(math.sin(angle) if j % 2 == 0 else math.cos(angle))
        table.append(row)
    return table


def test_worked_example(sinusoidal_encoding: Any) -> None:
    s1, c1, s2, c2 = math.sin(1), math.cos(1), math.sin(2), math.cos(2)
    check(
        sinusoidal_encoding,
        3,
        4,
        expected=[
            [0, 1, 0, 1],
            [s1, c1, math.sin(0.01), math.cos(0.01)],
            [s2, c2, math.sin(0.02), math.cos(0.02)],
        ],
    )


@given(
    n=st.integers(0, 300),
    d=st.integers(1, 16).map(lambda h: 2 * h),
    base=st.sampled_from([10000.0, 100.0, 1.5]),
)
def test_matches_the_papers_formula(sinusoidal_encoding: Any, n: int, d: int, base: float) -> None:
    result = check(sinusoidal_encoding, n, d, base, expected=paper_table(n, d, base))
    assert tuple(result.shape) == (n, d)
    assert result.dtype == torch.float32


def test_largest_table(sinusoidal_encoding: Any) -> None:
    # The formula once more, in numpy (math's loop is too slow for 10^6 entries).
    pos, j = np.arange(1024)[:, None], np.arange(1024)[None, :]
    angle = pos / 10000.0 ** ((j - j % 2) / 1024)
    expected = np.where(j % 2 == 0, np.sin(angle), np.cos(angle))
    got = sinusoidal_encoding(1024, 1024)
    assert tuple(got.shape) == (1024, 1024)
    np.testing.assert_allclose(got.double().numpy(), expected, rtol=0, atol=2e-4)


def test_a_shift_is_a_rotation_of_each_pair(sinusoidal_encoding: Any) -> None:
    # PE[pos + k] = M_k PE[pos], M_k a rotation by k w_i of each (sin, cos) pair.
    table = sinusoidal_encoding(50, 8).double()
    for k in (1, 7):
        for i in range(4):
            w = 10000.0 ** (-2 * i / 8)
            s, c = table[:-k, 2 * i], table[:-k, 2 * i + 1]
            shifted_s = s * math.cos(k * w) + c * math.sin(k * w)
            shifted_c = c * math.cos(k * w) - s * math.sin(k * w)
            assert_close(shifted_s, table[k:, 2 * i], atol=1e-6, rtol=0)
            assert_close(shifted_c, table[k:, 2 * i + 1], atol=1e-6, rtol=0)


@edge
def test_correctly_rounded_in_float32_far_out(sinusoidal_encoding: Any) -> None:
    # At position 99999 a float32 angle would be off by ~4e-3; float64 angles then one
    # rounding to float32 stay within 6e-8 (half a float32 ulp of values near 1).
    got = sinusoidal_encoding(100_000, 16)[-3:].double().numpy()
    expected = np.array(paper_table(100_000, 16, first=99_997))
    np.testing.assert_allclose(got, expected, atol=6e-8, rtol=0)


@edge
def test_concatenated_layout_is_a_permutation(sinusoidal_encoding: Any) -> None:
    interleaved = reference(20, 10, layout="interleaved")
    concatenated = reference(20, 10, layout="concatenated")
    order = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9]  # the sines, then the cosines
    assert torch.equal(concatenated, interleaved[:, order])


@edge
def test_dtype_and_device(sinusoidal_encoding: Any) -> None:
    table = reference(5, 4, dtype=torch.float64)
    assert table.dtype == torch.float64
    np.testing.assert_allclose(table.numpy(), paper_table(5, 4), rtol=0, atol=1e-15)


@contract
@pytest.mark.parametrize(
    ("args", "error", "name"),
    [
        ((5, 3), ValueError, "dim"),
        ((5, 0), ValueError, "dim"),
        ((-1, 4), ValueError, "num_positions"),
        ((5.0, 4), TypeError, "num_positions"),
        ((5, 4, 0.0), ValueError, "base"),
    ],
)
def test_rejects_bad_sizes(
    sinusoidal_encoding: Any, args: tuple[Any, ...], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        sinusoidal_encoding(*args)


@contract
def test_rejects_an_unknown_layout() -> None:
    with pytest.raises(ValueError, match="layout"):
        reference(5, 4, layout="sin-cos")


# ----------------------------------------------------------------- the learned table


def test_learned_embedding_adds_its_rows() -> None:
    embed = LearnedPositionEmbedding(10, 4)
    x = torch.randn(2, 6, 4)
    assert_close(embed(x), x + embed.weight[:6])
    positions = torch.tensor([[3, 1, 4, 1, 5, 9], [2, 6, 5, 3, 5, 8]])
    assert_close(embed(x, positions), x + embed.weight[positions])


def test_learned_embedding_is_trained_by_its_gradient() -> None:
    embed = LearnedPositionEmbedding(10, 4)
    embed(torch.zeros(3, 5, 4)).sum().backward()
    assert embed.weight.grad is not None
    expected = torch.zeros(10, 4)
    expected[:5] = 3.0  # each of the 5 rows used once per batch element
    assert_close(embed.weight.grad, expected)


def test_learned_embedding_initial_scale() -> None:
    torch.manual_seed(0)
    weight = LearnedPositionEmbedding(512, 64).weight.detach()
    assert abs(float(weight.std()) - 0.02) < 0.001  # N(0, 0.02^2): 32768 draws
    assert abs(float(weight.mean())) < 0.001


def test_learned_embedding_rejects_bad_inputs() -> None:
    embed = LearnedPositionEmbedding(4, 2)
    with pytest.raises(ValueError, match="max_positions"):
        embed(torch.zeros(5, 2))
    with pytest.raises(ValueError, match="positions"):
        embed(torch.zeros(2, 2), torch.tensor([0, 4]))
    with pytest.raises(ValueError, match="dim"):
        embed(torch.zeros(2, 3))

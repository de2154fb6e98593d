"""Tests of ALiBi's slopes and biases.

Oracles: the paper's published slopes for 8 heads (1/2, 1/4, ..., 1/256), the
recursive ``get_slopes`` of the paper's code written out here with Python's ``math``
(the geometric sequence from ``2^(-2^-(log2(n) - 3))``, and the interleaving for other
head counts), and the softmax of the paper's causal form of the bias.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import assert_close

from ml_from_scratch.position import alibi_bias
from workbook.testing import check, contract, edge, exercise_fixture

alibi_slopes = exercise_fixture("alibi_slopes")


def papers_slopes(n: int) -> list[float]:
    """The ALiBi paper's get_slopes, as its code computes them."""

    def power_of_2(n: int) -> list[float]:
        start = 2 ** (-(2 ** -(math.log2(n) - 3)))
        return [start * start**i for i in range(n)]

    if math.log2(n).is_integer():
        return power_of_2(n)
    closest = 2 ** math.floor(math.log2(n))
    return power_of_2(closest) + papers_slopes(2 * closest)[0::2][: n - closest]


def test_eight_heads(alibi_slopes: Any) -> None:
    check(alibi_slopes, 8, expected=[1 / 2**h for h in range(1, 9)])


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, [2**-8]),
        (2, [2**-4, 2**-8]),
        (6, [2**-2, 2**-4, 2**-6, 2**-8, 2**-1, 2**-3]),
        (12, [*(2.0**-h for h in range(1, 9)), 2**-0.5, 2**-1.5, 2**-2.5, 2**-3.5]),
    ],
)
def test_worked_examples(alibi_slopes: Any, n: int, expected: list[float]) -> None:
    check(alibi_slopes, n, expected=expected)


@given(n=st.integers(1, 1024))
def test_matches_the_papers_code(alibi_slopes: Any, n: int) -> None:
    check(alibi_slopes, n, expected=papers_slopes(n))


def test_the_slopes_of_a_power_of_two_are_geometric(alibi_slopes: Any) -> None:
    slopes = [float(s) for s in alibi_slopes(16)]
    ratios = [b / a for a, b in itertools.pairwise(slopes)]
    assert all(math.isclose(r, 2**-0.5, rel_tol=1e-6) for r in ratios)
    assert math.isclose(slopes[0], 2**-0.5, rel_tol=1e-6)


@edge
def test_a_float32_tensor(alibi_slopes: Any) -> None:
    slopes = alibi_slopes(5)
    assert isinstance(slopes, torch.Tensor)
    assert slopes.dtype == torch.float32
    assert slopes.shape == (5,)


@contract
@pytest.mark.parametrize(("n", "error"), [(0, ValueError), (-3, ValueError), (2.0, TypeError)])
def test_rejects_bad_head_counts(alibi_slopes: Any, n: Any, error: type) -> None:
    with pytest.raises(error, match="num_heads"):
        alibi_slopes(n)


# ----------------------------------------------------------------- the bias


def test_bias_is_minus_slope_times_distance() -> None:
    bias = alibi_bias(3, 4, 6, dtype=torch.float64)
    slopes = papers_slopes(3)
    expected = [[[-slopes[h] * abs(i - j) for j in range(6)] for i in range(4)] for h in range(3)]
    assert_close(bias, torch.tensor(expected, dtype=torch.float64), rtol=1e-15, atol=0)


def test_causal_softmax_matches_the_papers_form() -> None:
    # The paper's code adds m * j (a row constant away from -m (i - j)): under the
    # causal mask both give the same attention weights.
    heads, L = 4, 9
    scores = torch.randn(heads, L, L, dtype=torch.float64)
    causal = torch.ones(L, L, dtype=torch.bool).tril()
    slopes = torch.tensor(papers_slopes(heads), dtype=torch.float64)
    papers = slopes[:, None, None] * torch.arange(L, dtype=torch.float64)

    def weights(bias: torch.Tensor) -> torch.Tensor:
        return torch.softmax((scores + bias).masked_fill(~causal, -math.inf), dim=-1)

    assert_close(
        weights(alibi_bias(heads, L, L, dtype=torch.float64)),
        weights(papers),
        rtol=1e-12,
        atol=1e-12,
    )

"""Tests of scaled dot-product attention, against torch's own.

Oracle: ``torch.nn.functional.scaled_dot_product_attention`` through ``check_op``
(forward and the gradient of every floating input, a float mask included) on
hypothesis-drawn shapes with ``L != S``, odd head dimensions, broadcast batch
dimensions, boolean, floating and causal masks.  Tolerances are ``check_op``'s: float64
1e-10 (the two sides differ in summation order only), float32 2e-5 relative to the
largest value (a unit roundoff of 6e-8 grown over reductions of at most 12 keys and 9
features, and softmax gradients of order 1).  Dropout has no torch counterpart with a
generator, so its tests check what any correct dropout does: each weight kept and
scaled or zeroed, at the right rate, reproducibly.

Unmarked tests check what the exercise's statement asks; ``edge`` tests the
reference's further promises, ``contract`` its errors for bad input.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from attention_cases import DTYPES, Case, attention_case
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import assert_close
from torch_oracle import Const, check_op

from workbook.testing import check, contract, edge, exercise_fixture

scaled_dot_product_attention = exercise_fixture("scaled_dot_product_attention")


def torch_sdpa(q: Any, k: Any, v: Any, mask: Any, **kwargs: Any) -> torch.Tensor:
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, **kwargs)


def check_against_torch(impl: Any, case: Case) -> None:
    kwargs = case.kwargs()
    check_op(
        lambda q, k, v, mask: impl(q, k, v, attn_mask=mask, **kwargs),
        lambda q, k, v, mask: torch_sdpa(q, k, v, mask, **kwargs),
        case.inputs(),
        name=f"scaled_dot_product_attention(mask={case.mask_kind}, scale={case.scale})",
    )


# ----------------------------------------------------------------- worked examples

Q = torch.tensor([[1.0, 0.0]])
K = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
V = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
W = 1 / (1 + math.exp(-1 / math.sqrt(2)))  # softmax([1/sqrt(2), 0])[0]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [[W * 1 + (1 - W) * 3, W * 2 + (1 - W) * 4]]),
        ({"scale": 0.0}, [[2.0, 3.0]]),  # uniform weights
        ({"attn_mask": torch.tensor([[False, True]])}, [[3.0, 4.0]]),
        ({"attn_mask": torch.tensor([[0.0, -math.inf]])}, [[1.0, 2.0]]),
        ({"is_causal": True}, [[1.0, 2.0]]),  # query 0 sees key 0 only
        ({"attn_mask": torch.tensor([[False, False]])}, [[0.0, 0.0]]),  # nothing to attend
    ],
    ids=["plain", "scale-0", "bool-mask", "float-mask", "causal", "all-masked"],
)
def test_worked_examples(
    scaled_dot_product_attention: Any, kwargs: dict[str, Any], expected: list[list[float]]
) -> None:
    check(scaled_dot_product_attention, Q, K, V, expected=expected, **kwargs)


def test_causal_from_the_top_left_when_lengths_differ(scaled_dot_product_attention: Any) -> None:
    # 2 queries, 4 keys: query 0 sees key 0, query 1 keys 0 and 1 (not the last two).
    q, k = torch.zeros(2, 3), torch.zeros(4, 3)
    v = torch.eye(4)
    check(
        scaled_dot_product_attention,
        q,
        k,
        v,
        is_causal=True,
        expected=[[1, 0, 0, 0], [0.5, 0.5, 0, 0]],
    )


# ----------------------------------------------------------------- against torch


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
def test_matches_torch(scaled_dot_product_attention: Any, dtype: Any, data: st.DataObject) -> None:
    check_against_torch(scaled_dot_product_attention, data.draw(attention_case(dtype)))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("L", "S", "E"), [(1, 1, 1), (1, 300, 3), (300, 1, 5), (200, 256, 64)])
def test_matches_torch_at_extreme_shapes(
    scaled_dot_product_attention: Any, dtype: Any, L: int, S: int, E: int
) -> None:
    rng = np.random.default_rng(L * S + E)
    arrays = [rng.standard_normal((2, n, E)).astype(dtype) for n in (L, S, S)]
    check_op(
        lambda q, k, v: scaled_dot_product_attention(q, k, v),
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v),
        arrays,
    )


def test_two_dimensional_inputs_without_batch(scaled_dot_product_attention: Any) -> None:
    rng = np.random.default_rng(1)
    arrays = [rng.standard_normal(shape) for shape in ((5, 3), (7, 3), (7, 2))]
    check_op(
        lambda q, k, v: scaled_dot_product_attention(q, k, v, is_causal=True),
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
        arrays,
    )


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_keeps_the_dtype(scaled_dot_product_attention: Any, dtype: torch.dtype) -> None:
    q = torch.randn(2, 3, 4, dtype=dtype)
    assert scaled_dot_product_attention(q, q, q).dtype == dtype


def test_rows_with_nothing_to_attend_are_zeros_with_zero_gradients(
    scaled_dot_product_attention: Any,
) -> None:
    q = torch.randn(2, 4, 3, requires_grad=True)
    k, v = torch.randn(2, 5, 3), torch.randn(2, 5, 2)
    mask = torch.ones(4, 5, dtype=torch.bool)
    mask[1] = False  # query 1 may attend nothing
    out = scaled_dot_product_attention(q, k, v, attn_mask=mask)
    assert torch.equal(out[:, 1], torch.zeros(2, 2))
    assert torch.isfinite(out).all()
    out.sum().backward()
    assert q.grad is not None
    assert torch.equal(q.grad[:, 1], torch.zeros(2, 3))
    assert torch.isfinite(q.grad).all()


def test_large_scores_do_not_overflow(scaled_dot_product_attention: Any) -> None:
    # exp(1e4) overflows float32: the softmax must subtract the row's maximum first.
    q = torch.tensor([[100.0, 0.0]])
    k = torch.tensor([[100.0, 0.0], [99.0, 0.0]]) * math.sqrt(2)
    out = scaled_dot_product_attention(q, k, V)
    expected = F.scaled_dot_product_attention(q, k, V)
    assert torch.isfinite(out).all()
    assert_close(out, expected)


# ----------------------------------------------------------------- dropout


def test_dropout_keeps_and_scales_or_zeroes_each_weight(scaled_dot_product_attention: Any) -> None:
    # With the identity as values the output *is* the weight matrix, after dropout.
    q, k = torch.randn(3, 6, 4), torch.randn(3, 8, 4)
    weights = F.scaled_dot_product_attention(q, k, torch.eye(8).expand(3, 8, 8))
    p = 0.3
    generator = torch.Generator().manual_seed(0)
    dropped = scaled_dot_product_attention(
        q, k, torch.eye(8).expand(3, 8, 8), dropout_p=p, generator=generator
    )
    kept = dropped != 0
    assert_close(dropped[kept], weights[kept] / (1 - p))
    assert 0 < int(kept.sum()) < kept.numel()


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_dropout_rate(scaled_dot_product_attention: Any, p: float) -> None:
    q, k = torch.zeros(4, 64, 2), torch.zeros(4, 64, 2)  # every weight is 1/64
    generator = torch.Generator().manual_seed(1)
    out = scaled_dot_product_attention(
        q, k, torch.eye(64).expand(4, 64, 64), dropout_p=p, generator=generator
    )
    n = out.numel()
    dropped = int((out == 0).sum())
    # Binomial(n, p): 5 standard deviations either side fail a correct rate once in 10^6.
    assert abs(dropped - n * p) <= 5 * math.sqrt(n * p * (1 - p))
    assert_close(out[out != 0], torch.full((n - dropped,), 1 / 64 / (1 - p)))


def test_dropout_is_reproducible_with_a_generator(scaled_dot_product_attention: Any) -> None:
    q, k, v = torch.randn(2, 5, 4), torch.randn(2, 7, 4), torch.randn(2, 7, 3)

    def run(seed: int) -> torch.Tensor:
        generator = torch.Generator().manual_seed(seed)
        out: torch.Tensor = scaled_dot_product_attention(
            q, k, v, dropout_p=0.5, generator=generator
        )
        return out

    assert torch.equal(run(3), run(3))
    assert not torch.equal(run(3), run(4))


def test_dropout_gradient_flows_through_the_kept_weights(
    scaled_dot_product_attention: Any,
) -> None:
    v = torch.randn(6, 3, requires_grad=True)
    q, k = torch.randn(4, 2), torch.randn(6, 2)
    out = scaled_dot_product_attention(
        q, k, v, dropout_p=0.5, generator=torch.Generator().manual_seed(0)
    )
    upstream = torch.randn_like(out)
    (grad,) = torch.autograd.grad(out, v, upstream)
    # out = D @ v for the dropped weight matrix D, so d<out, g>/dv = D^T g.
    dropped = scaled_dot_product_attention(
        q, k, torch.eye(6), dropout_p=0.5, generator=torch.Generator().manual_seed(0)
    )
    assert_close(grad, dropped.T @ upstream)


# ----------------------------------------------------------------- edge


@edge
def test_dropout_one_gives_zeros(scaled_dot_product_attention: Any) -> None:
    q = torch.randn(3, 4)
    out = scaled_dot_product_attention(q, q, q, dropout_p=1.0)
    assert torch.equal(out, torch.zeros(3, 4))


@edge
def test_no_keys_gives_zeros(scaled_dot_product_attention: Any) -> None:
    q, k, v = torch.randn(2, 3, 4), torch.randn(2, 0, 4), torch.randn(2, 0, 5)
    assert torch.equal(scaled_dot_product_attention(q, k, v), torch.zeros(2, 3, 5))


@edge
def test_inputs_are_not_modified(scaled_dot_product_attention: Any) -> None:
    q, k, v = torch.randn(2, 3, 4), torch.randn(2, 5, 4), torch.randn(2, 5, 6)
    mask = torch.randn(3, 5)
    before = [t.clone() for t in (q, k, v, mask)]
    scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.2)
    assert all(torch.equal(a, b) for a, b in zip((q, k, v, mask), before, strict=True))


@edge
def test_a_mask_with_more_batch_dimensions_broadcasts_the_output(
    scaled_dot_product_attention: Any,
) -> None:
    rng = np.random.default_rng(7)
    q, k, v = (rng.standard_normal(shape) for shape in ((3, 4), (5, 4), (5, 2)))
    mask = rng.random((2, 3, 5)) < 0.6
    # torch's own needs the query expanded to the mask's batch (gradients sum back).
    check_op(
        lambda q, k, v, m: scaled_dot_product_attention(q, k, v, attn_mask=m),
        lambda q, k, v, m: F.scaled_dot_product_attention(q.expand(2, 3, 4), k, v, attn_mask=m),
        [q, k, v, Const(mask)],
    )


# ----------------------------------------------------------------- contract

GOOD = (torch.zeros(2, 3, 4), torch.zeros(2, 5, 4), torch.zeros(2, 5, 6))


@contract
@pytest.mark.parametrize(
    ("position", "bad", "name"),
    [
        (0, np.zeros((2, 3, 4)), "query"),
        (1, [[0.0] * 4] * 5, "key"),
        (2, torch.zeros(2, 5, 6, dtype=torch.long), "value"),
        (0, torch.zeros(4), "query"),
    ],
)
def test_rejects_bad_tensors(
    scaled_dot_product_attention: Any, position: int, bad: Any, name: str
) -> None:
    args = list(GOOD)
    args[position] = bad
    with pytest.raises((TypeError, ValueError), match=name):
        scaled_dot_product_attention(*args)


@contract
def test_rejects_mixed_dtypes(scaled_dot_product_attention: Any) -> None:
    with pytest.raises(TypeError, match="dtype"):
        scaled_dot_product_attention(GOOD[0].double(), GOOD[1], GOOD[2])


@contract
@pytest.mark.parametrize(
    ("shapes", "match"),
    [
        (((3, 4), (5, 3), (5, 6)), r"shape\[-1\]"),
        (((3, 4), (5, 4), (6, 6)), r"shape\[-2\]"),
        (((2, 3, 4), (3, 5, 4), (3, 5, 6)), "broadcast"),
    ],
)
def test_rejects_shapes_that_do_not_fit(
    scaled_dot_product_attention: Any, shapes: Any, match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        scaled_dot_product_attention(*(torch.zeros(s) for s in shapes))


@contract
@pytest.mark.parametrize(
    ("mask", "error"),
    [
        (torch.zeros(3, 4), ValueError),  # S is 5
        (torch.zeros(3, 5, dtype=torch.long), TypeError),
        (torch.zeros(3, 5, dtype=torch.float64), TypeError),
        ([[True] * 5] * 3, TypeError),
    ],
)
def test_rejects_bad_masks(scaled_dot_product_attention: Any, mask: Any, error: type) -> None:
    with pytest.raises(error, match="attn_mask"):
        scaled_dot_product_attention(*GOOD, attn_mask=mask)


@contract
def test_rejects_a_mask_with_is_causal(scaled_dot_product_attention: Any) -> None:
    with pytest.raises(ValueError, match="attn_mask"):
        scaled_dot_product_attention(
            *GOOD, attn_mask=torch.ones(3, 5, dtype=torch.bool), is_causal=True
        )


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"dropout_p": 1.5}, ValueError, "dropout_p"),
        ({"dropout_p": -0.1}, ValueError, "dropout_p"),
        ({"dropout_p": "0.1"}, TypeError, "dropout_p"),
        ({"is_causal": 1}, TypeError, "is_causal"),
        ({"scale": math.nan}, ValueError, "scale"),
        ({"scale": "1"}, TypeError, "scale"),
        ({"generator": 0}, TypeError, "generator"),
    ],
)
def test_rejects_bad_options(
    scaled_dot_product_attention: Any, kwargs: dict[str, Any], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        scaled_dot_product_attention(*GOOD, **kwargs)

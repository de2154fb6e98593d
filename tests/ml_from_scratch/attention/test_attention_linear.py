"""Tests of linear attention, against its quadratic form.

Oracle: the quadratic form written out here, ``A = phi(Q) phi(K)^T`` (lower triangle
when causal) and ``out = A V / (rowsum(A) + eps)``: the same sums in another order, and
an ``L x S`` matrix the implementation must never build.  ``check_op`` compares the
forward pass and every gradient (float64 1e-10; float32 2e-5 relative to the largest
value, the sums having at most 40 terms and a denominator bounded away from 0 by
``elu + 1 > 0``).  With RoPE, the oracle rotates by explicit block-diagonal matrices
(RoFormer, eq. 15), not by :func:`apply_rotary`.  The memory claims are checked by
watching every torch call (``TensorCensus``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from attention_cases import TensorCensus
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import assert_close
from torch_oracle import check_op

from ml_from_scratch.attention import rotary_linear_attention
from workbook.testing import check, contract, edge, exercise_fixture

linear_attention = exercise_fixture("linear_attention")

PHI = {"elu": lambda x: F.elu(x) + 1, "relu": F.relu}


def quadratic_form(q: Any, k: Any, v: Any, phi: Any, causal: bool, eps: float) -> torch.Tensor:
    scores = phi(q) @ phi(k).transpose(-2, -1)
    if causal:
        scores = scores * torch.ones(scores.shape[-2:], dtype=torch.bool).tril()
    return (scores @ v) / (scores.sum(dim=-1, keepdim=True) + eps)


@st.composite
def linear_case(draw: st.DrawFn, dtype: Any) -> dict[str, Any]:
    causal = draw(st.booleans())
    L = draw(st.integers(1, 40))
    S = L if causal else draw(st.integers(1, 40))
    batch = draw(st.sampled_from([(), (2,), (2, 3)]))
    key_batch = draw(st.sampled_from([batch, batch[1:], tuple(1 for _ in batch)]))
    d, dv = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    feature_map = "elu" if dtype == np.float32 else draw(st.sampled_from(["elu", "relu"]))
    return {
        "arrays": [
            rng.standard_normal((*batch, L, d)).astype(dtype),
            rng.standard_normal((*key_batch, S, d)).astype(dtype),
            rng.standard_normal((*key_batch, S, dv)).astype(dtype),
        ],
        "feature_map": feature_map,
        "is_causal": causal,
        # relu features can all vanish: a larger eps keeps the denominator away from 0
        "eps": 1e-6 if feature_map == "elu" else 1e-2,
        "chunk_size": draw(st.integers(1, 12)),
    }


# ----------------------------------------------------------------- worked examples


def test_worked_examples(linear_attention: Any) -> None:
    q = k = torch.zeros(3, 2)  # elu(0) + 1 = 1: every key weighs the same
    v = torch.tensor([[3.0], [6.0], [9.0]])
    check(linear_attention, q, k, v, eps=0.0, expected=[[6.0], [6.0], [6.0]])
    check(linear_attention, q, k, v, is_causal=True, eps=0.0, expected=[[3.0], [4.5], [6.0]])
    one = torch.zeros(3, 1)  # one feature: every weight is exactly 1, and eps counts as one
    check(linear_attention, one, one, v, is_causal=True, eps=1.0, expected=[[1.5], [3.0], [4.5]])


def test_relu_feature_map_example(linear_attention: Any) -> None:
    q = torch.tensor([[1.0, 0.0]])
    k = torch.tensor([[2.0, -5.0], [1.0, 3.0]])  # relu: (2, 0) and (1, 3); weights 2 and 1
    v = torch.tensor([[3.0], [6.0]])
    check(linear_attention, q, k, v, feature_map="relu", eps=0.0, expected=[[4.0]])


# ----------------------------------------------------------------- against the quadratic form


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@given(data=st.data())
def test_matches_the_quadratic_form(linear_attention: Any, dtype: Any, data: st.DataObject) -> None:
    case = data.draw(linear_case(dtype))
    phi, causal, eps, chunk = (
        PHI[case["feature_map"]],
        case["is_causal"],
        case["eps"],
        case["chunk_size"],
    )
    check_op(
        lambda q, k, v: linear_attention(q, k, v, case["feature_map"], causal, eps, chunk),
        lambda q, k, v: quadratic_form(q, k, v, phi, causal, eps),
        case["arrays"],
        name=f"linear_attention({case['feature_map']}, causal={causal}, chunk={chunk})",
    )


@pytest.mark.parametrize("chunk_size", [1, 3, 64, 200])
def test_chunk_size_changes_nothing_but_rounding(linear_attention: Any, chunk_size: int) -> None:
    q, k, v = (torch.randn(2, 150, 8, dtype=torch.float64) for _ in range(3))
    expected = quadratic_form(q, k, v, PHI["elu"], True, 1e-6)
    got = linear_attention(q, k, v, is_causal=True, chunk_size=chunk_size)
    assert_close(got, expected, rtol=1e-10, atol=1e-10)


@given(data=st.data())
def test_causal_outputs_ignore_the_future(linear_attention: Any, data: st.DataObject) -> None:
    L = data.draw(st.integers(2, 60))
    t = data.draw(st.integers(0, L - 2))
    chunk = data.draw(st.integers(1, 16))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    q, k, v = (torch.from_numpy(rng.standard_normal((2, L, 5))) for _ in range(3))
    later = [x.clone() for x in (q, k, v)]
    for x in later:  # everything after position t changes
        x[:, t + 1 :] = torch.from_numpy(rng.standard_normal((2, L - t - 1, 5)) * 10)
    before = linear_attention(q, k, v, is_causal=True, chunk_size=chunk)
    after = linear_attention(*later, is_causal=True, chunk_size=chunk)
    assert_close(after[:, : t + 1], before[:, : t + 1], rtol=1e-12, atol=1e-12)


def test_never_builds_quadratic_or_cubic_tensors(linear_attention: Any) -> None:
    # L = 2048, d = dv = 32: the L x S scores would be 4M elements, an (L, d, dv)
    # cumulative sum 2M; the inputs are 64K.  Chunks of 64: 4K scores, 1K of state.
    L, d = 2048, 32
    q, k, v = (torch.randn(L, d) for _ in range(3))
    for is_causal in (False, True):
        with torch.no_grad(), TensorCensus() as census:
            linear_attention(q, k, v, is_causal=is_causal, chunk_size=64)
        assert census.largest <= 4 * L * d, (
            f"is_causal={is_causal}: a tensor of {census.largest} elements was built "
            f"(the inputs have {L * d})"
        )


# ----------------------------------------------------------------- edge


@edge
def test_a_callable_feature_map(linear_attention: Any) -> None:
    q, k, v = (torch.randn(2, 9, 4, dtype=torch.float64) for _ in range(3))
    got = linear_attention(q, k, v, feature_map=torch.exp, is_causal=True, chunk_size=4)
    assert_close(got, quadratic_form(q, k, v, torch.exp, True, 1e-6))


@edge
def test_inputs_are_not_modified(linear_attention: Any) -> None:
    q, k, v = (torch.randn(2, 9, 4) for _ in range(3))
    before = [t.clone() for t in (q, k, v)]
    linear_attention(q, k, v, is_causal=True, chunk_size=4)
    assert all(torch.equal(a, b) for a, b in zip((q, k, v), before, strict=True))


# ----------------------------------------------------------------- RoPE in linear attention


def rotation_matrices(L: int, d: int) -> torch.Tensor:
    """``R_m`` of RoFormer eq. 15 for m < L, half-split pairs: (L, d, d), float64."""
    R = torch.zeros(L, d, d, dtype=torch.float64)
    half = d // 2
    for m in range(L):
        for i in range(half):
            angle = m * 10000.0 ** (-2 * i / d)
            c, s = np.cos(angle), np.sin(angle)
            a, b = i, i + half
            R[m, a, a], R[m, a, b], R[m, b, a], R[m, b, b] = c, -s, s, c
    return R


@pytest.mark.parametrize("is_causal", [False, True])
def test_rotary_linear_attention_matches_rotated_quadratic_form(is_causal: bool) -> None:
    L, d, dv = 11, 6, 3
    rng = np.random.default_rng(4)
    arrays = [rng.standard_normal((2, L, n)) for n in (d, d, dv)]
    R = rotation_matrices(L, d)
    angles = torch.arange(L, dtype=torch.float64)[:, None] * 10000.0 ** (
        -torch.arange(0, d, 2, dtype=torch.float64) / d
    )
    cos, sin = angles.cos(), angles.sin()

    def oracle(q: Any, k: Any, v: Any) -> torch.Tensor:
        fq, fk = F.elu(q) + 1, F.elu(k) + 1
        rq, rk = (torch.einsum("lij,blj->bli", R, x) for x in (fq, fk))
        numerator, denominator = rq @ rk.transpose(-2, -1), fq @ fk.transpose(-2, -1)
        if is_causal:
            keep = torch.ones(L, L, dtype=torch.bool).tril()
            numerator, denominator = numerator * keep, denominator * keep
        return (numerator @ v) / (denominator.sum(-1, keepdim=True) + 1e-6)

    check_op(
        lambda q, k, v: rotary_linear_attention(
            q, k, v, cos, sin, is_causal=is_causal, chunk_size=4
        ),
        oracle,
        arrays,
    )


# ----------------------------------------------------------------- contract


@contract
def test_causal_needs_equal_lengths(linear_attention: Any) -> None:
    with pytest.raises(ValueError, match="is_causal"):
        linear_attention(torch.zeros(3, 2), torch.zeros(4, 2), torch.zeros(4, 1), is_causal=True)


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"feature_map": "softmax"}, ValueError, "feature_map"),
        ({"feature_map": 3}, ValueError, "feature_map"),
        ({"eps": -1.0}, ValueError, "eps"),
        ({"chunk_size": 0}, ValueError, "chunk_size"),
        ({"chunk_size": 2.5}, TypeError, "chunk_size"),
        ({"is_causal": "yes"}, TypeError, "is_causal"),
    ],
)
def test_rejects_bad_options(
    linear_attention: Any, kwargs: dict[str, Any], error: type, name: str
) -> None:
    x = torch.zeros(3, 2)
    with pytest.raises(error, match=name):
        linear_attention(x, x, x, **kwargs)

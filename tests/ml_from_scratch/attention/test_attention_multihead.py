"""Tests of multi-head attention, against ``torch.nn.MultiheadAttention``.

Oracle: a ``torch.nn.MultiheadAttention(batch_first=True)`` with random weights and
biases (torch's own initialisation zeroes the biases, which would hide a missing one),
copied into the module under test by its four projections.  ``check_op`` compares the
outputs, the head-averaged weights and the gradients of query, key and value
(tolerances as in ``test_attention_sdpa``: the same arithmetic in another order), and a
separate test the gradients of the projection weights.  Masks follow torch's
convention (``True`` = may not attend); every drawn query keeps key 0, as the
statement's constraints promise (torch gives NaN for a query with no key).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import FEWER_EXAMPLES, assert_close
from torch import nn
from torch_oracle import Const, check_op

from workbook.testing import contract, edge, exercise_fixture

multi_head_attention = exercise_fixture("multi_head_attention")
# torch warns when a boolean padding mask meets a float attention mask; both are valid.
pytestmark = pytest.mark.filterwarnings("ignore:Support for mismatched key_padding_mask")


@dataclass
class MhaCase:
    N: int
    L: int
    S: int
    heads: int
    embed_dim: int
    kdim: int
    vdim: int
    bias: bool
    dtype: Any
    seed: int
    attn_kind: str  # "none", "bool", "float"
    attn_shape: str  # "2d" (L, S) or "3d" (N * heads, L, S)
    padding: bool
    is_causal: bool
    need_weights: bool

    def arrays(self) -> tuple[Any, Any, Any, Any, Any]:
        rng = np.random.default_rng(self.seed)
        query = rng.standard_normal((self.N, self.L, self.embed_dim)).astype(self.dtype)
        key = rng.standard_normal((self.N, self.S, self.kdim)).astype(self.dtype)
        value = rng.standard_normal((self.N, self.S, self.vdim)).astype(self.dtype)
        attn = None
        if self.attn_kind != "none":
            shape = (
                (self.L, self.S)
                if self.attn_shape == "2d"
                else (self.N * self.heads, self.L, self.S)
            )
            forbidden = rng.random(shape) < 0.4
            forbidden[..., 0] = False  # key 0 stays open to every query
            attn = forbidden
            if self.attn_kind == "float":
                attn = np.where(forbidden, -np.inf, rng.standard_normal(shape)).astype(self.dtype)
        padding = None
        if self.padding:
            padding = rng.random((self.N, self.S)) < 0.4
            padding[:, 0] = False
        return query, key, value, attn, padding

    def torch_mask(self, attn: Any) -> Any:
        """torch's attn_mask: the given one, with the causal mask merged in if asked."""
        if not self.is_causal:
            return None if attn is None else torch.from_numpy(attn)
        above = torch.ones(self.L, self.S, dtype=torch.bool).triu(1)
        if attn is None:
            return above
        attn = torch.from_numpy(attn)
        if attn.dtype == torch.bool:
            return attn | above
        return attn.masked_fill(above, -torch.inf)


@st.composite
def mha_case(draw: st.DrawFn, dtype: Any) -> MhaCase:
    heads = draw(st.integers(1, 3))
    embed_dim = heads * draw(st.integers(1, 4))
    same = draw(st.booleans())
    return MhaCase(
        N=draw(st.integers(1, 3)),
        L=draw(st.integers(1, 7)),
        S=draw(st.integers(1, 7)),
        heads=heads,
        embed_dim=embed_dim,
        kdim=embed_dim if same else draw(st.integers(1, 6)),
        vdim=embed_dim if same else draw(st.integers(1, 6)),
        bias=draw(st.booleans()),
        dtype=dtype,
        seed=draw(st.integers(0, 2**32 - 1)),
        attn_kind=draw(st.sampled_from(["none", "bool", "float"])),
        attn_shape=draw(st.sampled_from(["2d", "3d"])),
        padding=draw(st.booleans()),
        is_causal=draw(st.booleans()),
        need_weights=draw(st.booleans()),
    )


def torch_module(case: MhaCase) -> nn.MultiheadAttention:
    """torch's module with every weight and bias drawn from the case's seed."""
    torch_dtype = torch.float64 if case.dtype == np.float64 else torch.float32
    mha = nn.MultiheadAttention(
        case.embed_dim,
        case.heads,
        bias=case.bias,
        kdim=case.kdim,
        vdim=case.vdim,
        batch_first=True,
        dtype=torch_dtype,
    )
    rng = np.random.default_rng(case.seed + 1)
    with torch.no_grad():
        for p in mha.parameters():
            p.copy_(torch.from_numpy(rng.standard_normal(tuple(p.shape)) / 2))
    return mha


def copy_weights(mha: nn.MultiheadAttention, ours: nn.Module) -> None:
    """torch's packed (or separate) input projections into q_proj, k_proj and v_proj."""
    E = mha.embed_dim
    if mha.in_proj_weight is not None:
        weights = mha.in_proj_weight.detach().split(E)
    else:
        weights = tuple(
            w.detach() for w in (mha.q_proj_weight, mha.k_proj_weight, mha.v_proj_weight)
        )
    biases = mha.in_proj_bias.detach().split(E) if mha.in_proj_bias is not None else None
    with torch.no_grad():
        for i, name in enumerate(("q_proj", "k_proj", "v_proj")):
            proj = getattr(ours, name)
            proj.weight.copy_(weights[i])
            if biases is not None:
                proj.bias.copy_(biases[i])
        ours.out_proj.weight.copy_(mha.out_proj.weight)
        if mha.out_proj.bias is not None:
            ours.out_proj.bias.copy_(mha.out_proj.bias)


def build(cls: Any, case: MhaCase) -> tuple[nn.MultiheadAttention, nn.Module]:
    mha = torch_module(case)
    ours = cls(case.embed_dim, case.heads, bias=case.bias, kdim=case.kdim, vdim=case.vdim)
    ours = ours.to(mha.out_proj.weight.dtype)
    copy_weights(mha, ours)
    return mha, ours


def compare(cls: Any, case: MhaCase) -> None:
    mha, ours = build(cls, case)
    query, key, value, attn, padding = case.arrays()
    torch_attn = case.torch_mask(attn)
    padding_t = None if padding is None else torch.from_numpy(padding)
    need = case.need_weights

    def run_ours(q: Any, k: Any, v: Any, a: Any, p: Any) -> Any:
        out, weights = ours(
            q, k, v, attn_mask=a, key_padding_mask=p, is_causal=case.is_causal, need_weights=need
        )
        return (out, weights) if need else out

    def run_torch(q: Any, k: Any, v: Any, a: Any, p: Any) -> Any:
        out, weights = mha(
            q, k, v, attn_mask=torch_attn, key_padding_mask=padding_t, need_weights=need
        )
        return (out, weights) if need else out

    check_op(run_ours, run_torch, [query, key, value, Const(attn), Const(padding)], name=f"{case}")


# ----------------------------------------------------------------- the statement


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@given(data=st.data())
@FEWER_EXAMPLES
def test_matches_torch(multi_head_attention: Any, dtype: Any, data: st.DataObject) -> None:
    compare(multi_head_attention, data.draw(mha_case(dtype)))


def test_has_the_four_projections(multi_head_attention: Any) -> None:
    m = multi_head_attention(12, 3, kdim=5, vdim=7)
    assert isinstance(m, nn.Module)
    shapes = {
        name: tuple(getattr(m, name).weight.shape)
        for name in ("q_proj", "k_proj", "v_proj", "out_proj")
    }
    assert shapes == {
        "q_proj": (12, 12),
        "k_proj": (12, 5),
        "v_proj": (12, 7),
        "out_proj": (12, 12),
    }
    assert all(getattr(m, name).bias is not None for name in shapes)
    no_bias = multi_head_attention(12, 3, bias=False)
    assert all(getattr(no_bias, name).bias is None for name in shapes)


def test_parameter_gradients_match_torch(multi_head_attention: Any) -> None:
    case = MhaCase(2, 5, 6, 2, 8, 8, 8, True, np.float64, 3, "bool", "2d", True, False, False)
    mha, ours = build(multi_head_attention, case)
    query, key, value, attn, padding = (
        None if a is None else torch.from_numpy(a) for a in case.arrays()
    )
    upstream = torch.randn(2, 5, 8, dtype=torch.float64)
    (
        ours(query, key, value, attn_mask=attn, key_padding_mask=padding)[0] * upstream
    ).sum().backward()
    (
        mha(query, key, value, attn_mask=attn, key_padding_mask=padding)[0] * upstream
    ).sum().backward()
    assert mha.in_proj_weight.grad is not None
    assert mha.in_proj_bias.grad is not None
    theirs_w, theirs_b = mha.in_proj_weight.grad.split(8), mha.in_proj_bias.grad.split(8)
    for i, name in enumerate(("q_proj", "k_proj", "v_proj")):
        proj = getattr(ours, name)
        assert_close(proj.weight.grad, theirs_w[i], rtol=1e-10, atol=1e-10)
        assert_close(proj.bias.grad, theirs_b[i], rtol=1e-10, atol=1e-10)
    assert_close(ours.out_proj.weight.grad, mha.out_proj.weight.grad)


def test_causal_flag_alone(multi_head_attention: Any) -> None:
    case = MhaCase(2, 6, 6, 2, 8, 8, 8, True, np.float64, 5, "none", "2d", False, True, True)
    compare(multi_head_attention, case)


def test_dropout_only_in_training_mode(multi_head_attention: Any) -> None:
    case = MhaCase(2, 5, 5, 1, 4, 4, 4, True, np.float64, 9, "none", "2d", False, False, True)
    mha, _ = build(multi_head_attention, case)
    ours = multi_head_attention(4, 1, dropout=0.5).double()
    copy_weights(mha, ours)
    x = torch.from_numpy(case.arrays()[0])
    expected, expected_weights = mha(x, x, x)
    ours.eval()
    out, _ = ours(x, x, x, need_weights=True)
    assert_close(out, expected, rtol=1e-10, atol=1e-10)
    ours.train()
    _, dropped = ours(x, x, x, need_weights=True)
    kept = dropped != 0
    assert 0 < int(kept.sum()) < kept.numel()
    assert_close(dropped[kept], expected_weights[kept] / 0.5)


# ----------------------------------------------------------------- edge


@edge
@given(case=mha_case(np.float64))
@FEWER_EXAMPLES
def test_from_torch_copies_the_weights(multi_head_attention: Any, case: MhaCase) -> None:
    mha = torch_module(case)
    ours = multi_head_attention.from_torch(mha)
    assert isinstance(ours, multi_head_attention)
    query, key, value, attn, padding = (
        None if a is None else torch.from_numpy(a) for a in case.arrays()
    )
    got, got_weights = ours(
        query, key, value, attn_mask=attn, key_padding_mask=padding, need_weights=True
    )
    want, want_weights = mha(query, key, value, attn_mask=attn, key_padding_mask=padding)
    assert_close(got, want, rtol=1e-10, atol=1e-10)
    assert_close(got_weights, want_weights, rtol=1e-10, atol=1e-10)


@edge
def test_unbatched_inputs(multi_head_attention: Any) -> None:
    case = MhaCase(1, 4, 5, 2, 6, 3, 5, True, np.float64, 11, "bool", "2d", True, False, True)
    mha, ours = build(multi_head_attention, case)
    query, key, value, attn, padding = (torch.from_numpy(a) for a in case.arrays())
    got = ours(
        query[0], key[0], value[0], attn_mask=attn, key_padding_mask=padding[0], need_weights=True
    )
    want = mha(query[0], key[0], value[0], attn_mask=attn, key_padding_mask=padding[0])
    for g, w in zip(got, want, strict=True):
        assert_close(g, w, rtol=1e-10, atol=1e-10)


@edge
def test_per_head_weights(multi_head_attention: Any) -> None:
    case = MhaCase(2, 4, 5, 3, 6, 6, 6, True, np.float64, 13, "float", "3d", False, False, True)
    mha, ours = build(multi_head_attention, case)
    query, key, value, attn, _ = (None if a is None else torch.from_numpy(a) for a in case.arrays())
    _, got = ours(query, key, value, attn_mask=attn, need_weights=True, average_attn_weights=False)
    _, want = mha(query, key, value, attn_mask=attn, average_attn_weights=False)
    assert_close(got, want, rtol=1e-10, atol=1e-10)


@edge
def test_a_query_with_no_key_gets_the_output_bias(multi_head_attention: Any) -> None:
    ours = multi_head_attention(4, 2)
    x = torch.randn(1, 3, 4)
    padding = torch.ones(1, 3, dtype=torch.bool)  # every key is padding
    out, weights = ours(x, x, x, key_padding_mask=padding, need_weights=True)
    assert torch.equal(weights, torch.zeros(1, 3, 3))
    assert_close(out, ours.out_proj.bias.expand(1, 3, 4))


# ----------------------------------------------------------------- contract


@contract
@pytest.mark.parametrize(
    ("args", "kwargs", "name"),
    [
        ((10, 3), {}, "num_heads"),
        ((0, 1), {}, "embed_dim"),
        ((8, 2), {"dropout": 2.0}, "dropout"),
        ((8, 2), {"kdim": 0}, "kdim"),
        ((8.0, 2), {}, "embed_dim"),
    ],
)
def test_rejects_bad_sizes(
    multi_head_attention: Any, args: tuple[Any, ...], kwargs: dict[str, Any], name: str
) -> None:
    with pytest.raises((TypeError, ValueError), match=name):
        multi_head_attention(*args, **kwargs)


@contract
@pytest.mark.parametrize(
    ("shapes", "kwargs", "name"),
    [
        (
            ((2, 3, 8), (2, 4, 8), (2, 4, 8)),
            {"attn_mask": torch.zeros(3, 5, dtype=torch.bool)},
            "attn_mask",
        ),
        (
            ((2, 3, 8), (2, 4, 8), (2, 4, 8)),
            {"key_padding_mask": torch.zeros(2, 5, dtype=torch.bool)},
            "key_padding_mask",
        ),
        (((2, 3, 7), (2, 4, 8), (2, 4, 8)), {}, "query"),
        (((2, 3, 8), (2, 4, 8), (2, 5, 8)), {}, "value"),
    ],
)
def test_rejects_bad_inputs(
    multi_head_attention: Any, shapes: Any, kwargs: dict[str, Any], name: str
) -> None:
    m = multi_head_attention(8, 2)
    with pytest.raises(ValueError, match=name):
        m(*(torch.zeros(s) for s in shapes), **kwargs)


@contract
def test_from_torch_needs_batch_first(multi_head_attention: Any) -> None:
    with pytest.raises(ValueError, match="batch_first"):
        multi_head_attention.from_torch(nn.MultiheadAttention(8, 2))
    with pytest.raises(TypeError, match="mha"):
        multi_head_attention.from_torch(nn.Linear(8, 8))

"""Tests of the gated attention unit and FLASH ("Transformer Quality in Linear Time").

Oracles written out here from the paper's equations, sharing no code with the modules:
mixed chunk attention as one dense ``L x L`` weight matrix (the squared-ReLU kernel on
the block diagonal of groups, plus the linear part masked to all keys or to earlier
groups), and GAU as einsums over the module's own parameters.  ``check_op`` compares
forward passes and gradients (tolerances as in ``test_attention_sdpa``).  A causality
property covers both causal modules.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import assert_close
from torch_oracle import check_op

from ml_from_scratch.attention import FLASH, GAU, mixed_chunk_attention


def dense_mixed_chunk(
    qq: Any, qk: Any, lq: Any, lk: Any, v: Any, g: int, causal: bool
) -> torch.Tensor:
    L = qq.shape[-2]
    group = torch.arange(L) // g
    same_group = group[:, None] == group[None, :]
    quadratic = F.relu(qq @ qk.transpose(-2, -1) / g) ** 2 * same_group
    linear = lq @ lk.transpose(-2, -1)
    if causal:
        quadratic = quadratic * torch.ones(L, L, dtype=torch.bool).tril()
        linear = linear * (group[None, :] < group[:, None]) / g
    else:
        linear = linear / L
    return (quadratic + linear) @ v


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@given(data=st.data())
def test_mixed_chunk_attention_matches_the_dense_form(dtype: Any, data: st.DataObject) -> None:
    L, s, e = (
        data.draw(st.integers(1, 30)),
        data.draw(st.integers(1, 6)),
        data.draw(st.integers(1, 6)),
    )
    g = data.draw(st.integers(1, 12))
    causal = data.draw(st.booleans())
    batch = data.draw(st.sampled_from([(), (2,), (2, 2)]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    arrays = [rng.standard_normal((*batch, L, n)).astype(dtype) for n in (s, s, s, s, e)]
    check_op(
        lambda *xs: mixed_chunk_attention(*xs, group_size=g, is_causal=causal),
        lambda *xs: dense_mixed_chunk(*xs, g, causal),
        arrays,
        name=f"mixed_chunk_attention(L={L}, g={g}, causal={causal})",
    )


def test_mixed_chunk_worked_example() -> None:
    # q = k = 1, v = 0..3, g = 2, causal: quadratic weights 1/4 inside a group; the
    # second group adds the first's linear sum (0 + 1) / 2.
    ones, v = torch.ones(4, 1), torch.arange(4.0)[:, None]
    got = mixed_chunk_attention(ones, ones, ones, ones, v, group_size=2, is_causal=True)
    assert got[:, 0].tolist() == [0.0, 0.25, 2 * 0.25 + 0.5, 5 * 0.25 + 0.5]


def gau_oracle(gau: GAU, x: torch.Tensor) -> torch.Tensor:
    """Code 1 of the paper with the module's parameters, in einsums."""
    block = gau.block
    h = F.silu(
        F.layer_norm(x, (x.shape[-1],), block.norm.weight, block.norm.bias) @ block.hidden.weight.T
        + block.hidden.bias
    )
    e = block.e
    u, v, z = h[..., :e], h[..., e : 2 * e], h[..., 2 * e :]
    q = z * block.gamma[0] + block.beta[0]
    k = z * block.gamma[1] + block.beta[1]
    L = x.shape[-2]
    a = F.relu(torch.einsum("...ns,...ms->...nm", q, k) / L) ** 2
    if gau.causal:
        a = a * torch.ones(L, L).tril()
    o = u * torch.einsum("...nm,...me->...ne", a, v)
    return x + o @ block.out.weight.T + block.out.bias


@pytest.mark.parametrize("causal", [False, True])
def test_gau_matches_the_papers_equations(causal: bool) -> None:
    torch.manual_seed(0)
    gau = GAU(dim=6, query_key_dim=4, causal=causal).double()
    with torch.no_grad():  # non-trivial norm, scales and offsets
        for p in gau.parameters():
            p.copy_(torch.randn_like(p) / 2)
    x = np.random.default_rng(1).standard_normal((2, 9, 6))
    check_op(lambda t: gau(t), lambda t: gau_oracle(gau, t), [x])


def flash_oracle(flash: FLASH, x: torch.Tensor) -> torch.Tensor:
    block = flash.block
    h = F.silu(block.hidden(block.norm(x)))
    e = block.e
    u, v, z = h[..., :e], h[..., e : 2 * e], h[..., 2 * e :]
    qq, qk, lq, lk = (z * block.gamma[i] + block.beta[i] for i in range(4))
    attended = dense_mixed_chunk(qq, qk, lq, lk, v, flash.group_size, flash.causal)
    return x + block.out(u * attended)


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("L", [1, 7, 16])
def test_flash_matches_the_dense_form(causal: bool, L: int) -> None:
    torch.manual_seed(2)
    flash = FLASH(dim=6, group_size=4, query_key_dim=4, causal=causal).double()
    with torch.no_grad():
        for p in flash.parameters():
            p.copy_(torch.randn_like(p) / 2)
    x = np.random.default_rng(L).standard_normal((2, L, 6))
    check_op(lambda t: flash(t), lambda t: flash_oracle(flash, t), [x])


@pytest.mark.parametrize(
    "make",
    [lambda: GAU(8, 4, causal=True), lambda: FLASH(8, group_size=3, query_key_dim=4, causal=True)],
    ids=["GAU", "FLASH"],
)
def test_causal_outputs_ignore_the_future(make: Any) -> None:
    torch.manual_seed(3)
    module = make().double()
    x = torch.randn(2, 10, 8, dtype=torch.float64)
    for t in range(9):
        later = x.clone()
        later[:, t + 1 :] += 5 * torch.randn(2, 9 - t, 8, dtype=torch.float64)
        assert_close(module(later)[:, : t + 1], module(x)[:, : t + 1], rtol=1e-12, atol=1e-12)


def test_non_causal_outputs_see_the_whole_sequence() -> None:
    torch.manual_seed(4)
    module = FLASH(8, group_size=3, query_key_dim=4).double()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p))
    x = torch.randn(1, 10, 8, dtype=torch.float64)
    later = x.clone()
    later[:, -1] += torch.randn(8, dtype=torch.float64)  # not a constant: the norm removes those
    assert not torch.allclose(module(later)[:, 0], module(x)[:, 0])


def test_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="group_size"):
        FLASH(8, group_size=0)
    with pytest.raises(ValueError, match="dim"):
        GAU(8, 4)(torch.zeros(2, 3, 7))
    x = torch.zeros(5, 2)
    with pytest.raises(ValueError, match="lin_key"):
        mixed_chunk_attention(x, x, x, torch.zeros(5, 3), x)

"""Tests of FlashAttention: the same answer as softmax attention, in tiles.

Oracles: ``torch.nn.functional.scaled_dot_product_attention`` through ``check_op``
(forward and every gradient; tolerances as in ``test_attention_sdpa``, the tiles only
changing the order of the sums), on hypothesis-drawn shapes and block sizes that make
several tiles, and the workbook's plain ``scaled_dot_product_attention``.  The memory
claims are checked by watching every torch call (``TensorCensus``): no tensor of
``L x S`` scores is ever produced, and the causal form does about half the work.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from attention_cases import DTYPES, TensorCensus, attention_case
from hypothesis import given
from hypothesis import strategies as st
from tensor_checks import FEWER_EXAMPLES, assert_close
from torch_oracle import check_op

from workbook.testing import check, contract, edge, exercise_fixture, reference

flash_attention = exercise_fixture("flash_attention")
NO_MASK = ["none", "causal"]


@st.composite
def tiled_case(draw: st.DrawFn, dtype: Any) -> tuple[Any, int]:
    """An attention case and a block size giving 1 to about 6 x 6 tiles."""
    case = draw(attention_case(dtype, max_len=24, mask_kinds=NO_MASK))
    longest = max(case.query.shape[-2], case.key.shape[-2])
    return case, draw(st.integers(max(1, math.ceil(longest / 6)), longest + 2))


def check_tiles_against_torch(impl: Any, case: Any, block: int) -> None:
    kwargs = case.kwargs()
    check_op(
        lambda q, k, v: impl(q, k, v, block_size=block, **kwargs),
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v, **kwargs),
        [case.query, case.key, case.value],
        name=f"flash_attention(block_size={block}, {kwargs})",
    )


# ----------------------------------------------------------------- worked examples


def test_worked_example(flash_attention: Any) -> None:
    q = torch.tensor([[1.0, 0.0]])
    k = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    v = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    w = 1 / (1 + math.exp(-1 / math.sqrt(2)))
    expected = [[w + 3 * (1 - w), 2 * w + 4 * (1 - w)]]
    for block in (1, 2, 128):
        check(flash_attention, q, k, v, block_size=block, expected=expected)


def test_causal_running_means(flash_attention: Any) -> None:
    expected = [[1 / (i + 1) if j <= i else 0 for j in range(5)] for i in range(5)]
    for block in (1, 2, 3, 5):
        check(
            flash_attention,
            torch.zeros(5, 2),
            torch.zeros(5, 2),
            torch.eye(5),
            is_causal=True,
            block_size=block,
            expected=expected,
        )


# ----------------------------------------------------------------- against torch


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@given(data=st.data())
@FEWER_EXAMPLES
def test_matches_torch(flash_attention: Any, dtype: Any, data: st.DataObject) -> None:
    check_tiles_against_torch(flash_attention, *data.draw(tiled_case(dtype)))


@pytest.mark.parametrize("is_causal", [False, True])
@pytest.mark.parametrize(("L", "S", "block"), [(130, 70, 32), (70, 130, 32), (256, 256, 100)])
def test_matches_torch_with_partial_tiles(
    flash_attention: Any, is_causal: bool, L: int, S: int, block: int
) -> None:
    rng = np.random.default_rng(L + S)
    arrays = [rng.standard_normal((2, 3, n, 16)).astype(np.float32) for n in (L, S, S)]
    check_op(
        lambda q, k, v: flash_attention(q, k, v, is_causal=is_causal, block_size=block),
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=is_causal),
        arrays,
    )


@given(data=st.data())
@FEWER_EXAMPLES
def test_matches_the_plain_reference(flash_attention: Any, data: st.DataObject) -> None:
    case, block = data.draw(tiled_case(np.float64))
    plain = reference("scaled_dot_product_attention")
    q, k, v = (torch.from_numpy(a) for a in (case.query, case.key, case.value))
    assert_close(
        flash_attention(q, k, v, block_size=block, **case.kwargs()),
        plain(q, k, v, **case.kwargs()),
        rtol=1e-10,
        atol=1e-10,
    )


def test_block_size_changes_nothing_but_rounding(flash_attention: Any) -> None:
    q, k, v = (torch.randn(2, 37, 8, dtype=torch.float64) for _ in range(3))
    outputs = [flash_attention(q, k, v, is_causal=True, block_size=b) for b in (1, 4, 16, 37)]
    for out in outputs[1:]:
        assert_close(out, outputs[0], rtol=1e-12, atol=1e-12)


# ----------------------------------------------------------------- the memory claims


def test_never_builds_the_score_matrix(flash_attention: Any) -> None:
    # 2 x 1024 x 1024 scores would be 2M elements; tiles of 64 x 64 are 8K each.  Any
    # tensor of L x S / 8 elements or more per batch element means the matrix (or a
    # big part of it) was built.
    L = S = 1024
    q, k, v = (torch.randn(2, n, 16) for n in (L, S, S))
    for is_causal in (False, True):
        with torch.no_grad(), TensorCensus() as census:
            flash_attention(q, k, v, is_causal=is_causal, block_size=64)
        assert census.largest < 2 * L * S // 8, (
            f"is_causal={is_causal}: a tensor of {census.largest} elements was built; "
            f"the full score matrix has {2 * L * S}"
        )


def test_causal_skips_the_blocks_above_the_diagonal(flash_attention: Any) -> None:
    # 16 x 16 tiles; causal needs the 136 on or below the diagonal: 53% of the work.
    q, k, v = (torch.randn(1, 1024, 16) for _ in range(3))
    work = {}
    for is_causal in (False, True):
        with torch.no_grad(), TensorCensus() as census:
            flash_attention(q, k, v, is_causal=is_causal, block_size=64)
        work[is_causal] = census.produced
    assert work[True] < 0.75 * work[False], (
        f"causal produced {work[True]} elements, non-causal {work[False]}: "
        "the blocks above the diagonal were not skipped"
    )


# ----------------------------------------------------------------- edge


@edge
def test_backward_saves_no_score_tiles(flash_attention: Any) -> None:
    # The backward pass recomputes the tiles: what autograd keeps is O(L + S) per batch
    # element (the inputs, the output, one log-sum-exp per query), not the L x S tiles.
    L = S = 512
    q, k, v = (torch.randn(2, n, 16, requires_grad=True) for n in (L, S, S))
    saved: list[int] = []

    def pack(t: torch.Tensor) -> torch.Tensor:
        saved.append(t.numel())
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = flash_attention(q, k, v, is_causal=True, block_size=64)
    assert sum(saved) <= 8 * 2 * L * 16, f"{sum(saved)} elements saved for backward"
    out.sum().backward()
    assert q.grad is not None
    assert torch.isfinite(q.grad).all()


@edge
def test_no_keys_gives_zeros(flash_attention: Any) -> None:
    q, k, v = torch.randn(3, 4), torch.randn(0, 4), torch.randn(0, 2)
    assert torch.equal(flash_attention(q, k, v), torch.zeros(3, 2))


@edge
def test_inputs_are_not_modified(flash_attention: Any) -> None:
    q, k, v = (torch.randn(2, n, d, requires_grad=True) for n, d in ((9, 4), (7, 4), (7, 3)))
    before = [t.detach().clone() for t in (q, k, v)]
    flash_attention(q, k, v, is_causal=True, block_size=2).sum().backward()
    assert all(torch.equal(a, b) for a, b in zip((q, k, v), before, strict=True))


# ----------------------------------------------------------------- contract


@contract
@pytest.mark.parametrize("block_size", [0, -1, 2.0, True, None])
def test_rejects_bad_block_sizes(flash_attention: Any, block_size: Any) -> None:
    q = torch.zeros(3, 4)
    with pytest.raises((TypeError, ValueError), match="block_size"):
        flash_attention(q, q, q, block_size=block_size)


@contract
def test_rejects_bad_tensors(flash_attention: Any) -> None:
    with pytest.raises(ValueError, match=r"shape\[-1\]"):
        flash_attention(torch.zeros(3, 4), torch.zeros(3, 5), torch.zeros(3, 2))
    with pytest.raises(TypeError, match="query"):
        flash_attention(np.zeros((3, 4)), torch.zeros(3, 4), torch.zeros(3, 2))

"""Tests of rotary position embedding (RoPE): apply_rotary, RotaryEmbedding, rope_2d.

Oracle: RoFormer's eq. 15 built literally, a block-diagonal rotation matrix per
position with the angles from Python's ``math``, multiplied into the features
(``check_op``: forward and gradient; float64 1e-10, float32 2e-5 of the largest value:
one rotation is two products and a sum).  Properties: ``<R_m q, R_n k>`` depends on
``m - n`` only, norms are preserved, the two pairings agree up to a fixed permutation
of the features, and features past ``rotary_dim`` pass through untouched.
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
from torch_oracle import Const, check_op

from ml_from_scratch.position import rope_2d, rotary_cos_sin
from workbook.compare import Equivalence
from workbook.testing import check, contract, edge, exercise_fixture

apply_rotary = exercise_fixture("apply_rotary")
rotary_embedding = exercise_fixture("rotary_embedding")


def pairs(r: int, interleaved: bool) -> list[tuple[int, int]]:
    """The feature pairs (a, b) rotated together."""
    half = r // 2
    return [(2 * i, 2 * i + 1) if interleaved else (i, i + half) for i in range(half)]


def rotation_matrix(angles: list[float], D: int, interleaved: bool) -> np.ndarray[Any, Any]:
    """RoFormer eq. 15: identity, with a 2 x 2 rotation on each pair of features."""
    R = np.eye(D)
    for (a, b), angle in zip(pairs(2 * len(angles), interleaved), angles, strict=True):
        c, s = math.cos(angle), math.sin(angle)
        R[a, a], R[a, b], R[b, a], R[b, b] = c, -s, s, c
    return R


def rotate_by_matrices(
    x: np.ndarray[Any, Any], angles: np.ndarray[Any, Any], interleaved: bool
) -> np.ndarray[Any, Any]:
    """Row l of x (..., L, D) times R(angles[l]) (angles (L, r/2)), in float64."""
    D = x.shape[-1]
    R = np.stack([rotation_matrix(list(row), D, interleaved) for row in angles])
    return np.einsum("lij,...lj->...li", R, x)


def rope_angles(positions: list[int], r: int, base: float = 10000.0) -> np.ndarray[Any, Any]:
    return np.array([[m * base ** (-2 * i / r) for i in range(r // 2)] for m in positions])


# ----------------------------------------------------------------- apply_rotary


def test_apply_rotary_worked_examples(apply_rotary: Any) -> None:
    x = torch.tensor([[0.0, 1.0, 2.0, 3.0]])
    cos, sin = torch.tensor([[0.0, 1.0]]), torch.tensor([[1.0, 0.0]])  # turn pair 0 by 90
    check(apply_rotary, x, cos, sin, expected=[[-2.0, 1.0, 0.0, 3.0]])
    check(apply_rotary, x, cos, sin, interleaved=True, expected=[[-1.0, 0.0, 2.0, 3.0]])
    # rotate only 2 of 4 features: the last two pass through
    check(
        apply_rotary,
        x,
        torch.tensor([[0.0]]),
        torch.tensor([[1.0]]),
        expected=[[-1.0, 0.0, 2.0, 3.0]],
    )


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@given(data=st.data())
def test_apply_rotary_matches_rotation_matrices(
    apply_rotary: Any, dtype: Any, data: st.DataObject
) -> None:
    L, D = data.draw(st.integers(1, 10)), data.draw(st.integers(1, 6)) * 2
    r = 2 * data.draw(st.integers(1, D // 2))
    interleaved = data.draw(st.booleans())
    batch = data.draw(st.sampled_from([(), (3,), (2, 2)]))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    x = rng.standard_normal((*batch, L, D)).astype(dtype)
    angles = rng.uniform(-10, 10, (L, r // 2))
    cos, sin = (torch.from_numpy(f(angles).astype(dtype)) for f in (np.cos, np.sin))
    R = np.stack([rotation_matrix(list(a), D, interleaved) for a in angles]).astype(dtype)
    check_op(
        lambda t, c, s: apply_rotary(t, c, s, interleaved=interleaved),
        lambda t, c, s: torch.einsum("lij,...lj->...li", torch.from_numpy(R), t),
        [x, Const(cos), Const(sin)],
        name=f"apply_rotary(r={r}, D={D}, interleaved={interleaved})",
    )


def test_apply_rotary_broadcasts_cos_and_sin(apply_rotary: Any) -> None:
    x = torch.randn(2, 3, 5, 4, dtype=torch.float64)  # (batch, heads, L, D)
    cos, sin = rotary_cos_sin(torch.arange(5), 4, dtype=torch.float64)  # (L, 2)
    per_head = apply_rotary(
        x, cos[None, None].expand(2, 3, 5, 2), sin[None, None].expand(2, 3, 5, 2)
    )
    assert_close(apply_rotary(x, cos, sin), per_head)


# ----------------------------------------------------------------- RotaryEmbedding


def test_rotary_embedding_worked_example(rotary_embedding: Any) -> None:
    rope = rotary_embedding(2)
    check(
        rope,
        torch.tensor([[1.0, 0.0], [1.0, 0.0]]),
        expected=[[1.0, 0.0], [math.cos(1), math.sin(1)]],
        compare=Equivalence(rel=1e-6, abs=1e-7),
    )


@given(data=st.data())
def test_rotary_embedding_matches_rotation_matrices(
    rotary_embedding: Any, data: st.DataObject
) -> None:
    L, D = data.draw(st.integers(1, 12)), 2 * data.draw(st.integers(1, 5))
    r = 2 * data.draw(st.integers(1, D // 2))
    interleaved = data.draw(st.booleans())
    base = data.draw(st.sampled_from([10000.0, 100.0, 2.0]))
    positions = data.draw(st.lists(st.integers(0, 10**5 - 1), min_size=L, max_size=L))
    x = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1))).standard_normal((2, L, D))
    rope = rotary_embedding(D, base=base, interleaved=interleaved, rotary_dim=r)
    got = rope(torch.from_numpy(x), torch.tensor(positions))
    expected = rotate_by_matrices(x, rope_angles(positions, r, base), interleaved)
    # Angles up to 10^5 radians: math's and torch's float64 sin differ by ~1e-11.
    np.testing.assert_allclose(got.detach().numpy(), expected, rtol=1e-9, atol=1e-9)


def test_rotary_embedding_default_positions(rotary_embedding: Any) -> None:
    rope = rotary_embedding(6)
    x = torch.randn(3, 7, 6, dtype=torch.float64)
    assert_close(rope(x), rope(x, torch.arange(7)))


def test_rotary_embedding_float32_at_far_positions(rotary_embedding: Any) -> None:
    # Position 4095 of the constraints: a float32 angle m * theta is off by m * 2^-24.
    positions = list(range(4090, 4096))
    x = np.random.default_rng(0).standard_normal((len(positions), 8)).astype(np.float32)
    got = rotary_embedding(8)(torch.from_numpy(x), torch.tensor(positions))
    expected = rotate_by_matrices(x.astype(np.float64), rope_angles(positions, 8), False)
    np.testing.assert_allclose(got.numpy(), expected, atol=2e-3)


@given(
    m=st.integers(0, 5000),
    n=st.integers(0, 5000),
    shift=st.integers(-3000, 3000),
    interleaved=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_scores_depend_on_the_offset_only(
    rotary_embedding: Any, m: int, n: int, shift: int, interleaved: bool, seed: int
) -> None:
    if min(m, n) + shift < 0:
        shift = -min(m, n)
    rope = rotary_embedding(8, interleaved=interleaved)
    q, k = torch.from_numpy(np.random.default_rng(seed).standard_normal((2, 1, 8)))

    def score(i: int, j: int) -> torch.Tensor:
        return (rope(q, torch.tensor([i])) * rope(k, torch.tensor([j]))).sum()

    assert_close(score(m + shift, n + shift), score(m, n), rtol=1e-9, atol=1e-9)


@given(seed=st.integers(0, 2**32 - 1), interleaved=st.booleans())
def test_norms_are_preserved(rotary_embedding: Any, seed: int, interleaved: bool) -> None:
    x = torch.from_numpy(np.random.default_rng(seed).standard_normal((3, 20, 10)))
    rotated = rotary_embedding(10, interleaved=interleaved)(x)
    assert_close(rotated.norm(dim=-1), x.norm(dim=-1), rtol=1e-12, atol=1e-12)


@given(seed=st.integers(0, 2**32 - 1), half=st.integers(1, 6))
def test_the_pairings_agree_up_to_a_permutation(
    rotary_embedding: Any, seed: int, half: int
) -> None:
    # Interleaved pair i is features (2i, 2i+1); half-split pair i is (i, i + r/2).
    # So de-interleaving the features, rotating half-split and re-interleaving is
    # the interleaved rotation.
    r = 2 * half
    order = [2 * i for i in range(half)] + [2 * i + 1 for i in range(half)]
    x = torch.from_numpy(np.random.default_rng(seed).standard_normal((2, 9, r)))
    interleaved = rotary_embedding(r, interleaved=True)(x)
    split = rotary_embedding(r, interleaved=False)(x[..., order])
    assert_close(split, interleaved[..., order], rtol=1e-12, atol=1e-12)


def test_partial_rotation_leaves_the_tail(rotary_embedding: Any) -> None:
    x = torch.randn(2, 6, 10, dtype=torch.float64)
    rope = rotary_embedding(10, rotary_dim=4)
    out = rope(x)
    assert torch.equal(out[..., 4:], x[..., 4:])
    assert_close(out[..., :4], rotary_embedding(4)(x[..., :4]))


def test_gradient_matches_the_transposed_rotation(rotary_embedding: Any) -> None:
    x = np.random.default_rng(5).standard_normal((2, 7, 6))
    angles = rope_angles(list(range(7)), 6)
    R = torch.from_numpy(np.stack([rotation_matrix(list(a), 6, False) for a in angles]))
    rope = rotary_embedding(6)
    check_op(lambda t: rope(t), lambda t: torch.einsum("lij,...lj->...li", R, t), [x])


# ----------------------------------------------------------------- rope_2d


@given(
    r1=st.integers(0, 7),
    c1=st.integers(0, 7),
    r2=st.integers(0, 7),
    c2=st.integers(0, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_rope_2d_scores_depend_on_the_grid_offset_only(
    r1: int, c1: int, r2: int, c2: int, seed: int
) -> None:
    H = W = 16
    q, k = torch.from_numpy(np.random.default_rng(seed).standard_normal((2, 1, 1, 8)))
    rq, rk = rope_2d(q.expand(H, W, 8)), rope_2d(k.expand(H, W, 8))

    def score(a: int, b: int, c: int, d: int) -> torch.Tensor:
        return (rq[a, b] * rk[c, d]).sum()

    assert_close(score(r1 + 8, c1 + 3, r2 + 8, c2 + 3), score(r1, c1, r2, c2), rtol=1e-9, atol=1e-9)


def test_rope_2d_is_two_axial_rotations() -> None:
    x = torch.randn(2, 3, 5, 8, dtype=torch.float64)
    out = rope_2d(x)
    rows = rotate_by_matrices(
        x[..., :4].transpose(-2, -3).numpy(), rope_angles(list(range(3)), 4), False
    )
    np.testing.assert_allclose(out[..., :4].numpy(), np.swapaxes(rows, -2, -3), atol=1e-12)
    cols = rotate_by_matrices(x[..., 4:].numpy(), rope_angles(list(range(5)), 4), False)
    np.testing.assert_allclose(out[..., 4:].numpy(), cols, atol=1e-12)


# ----------------------------------------------------------------- edge and contract


@edge
def test_rotary_embedding_is_exact_at_far_positions_in_float32(rotary_embedding: Any) -> None:
    # The angles in float64, then one rounding to float32: 1e-6 at position 99999.
    positions = [99990, 99999]
    x = np.ones((2, 8), dtype=np.float32)
    got = rotary_embedding(8)(torch.from_numpy(x), torch.tensor(positions))
    expected = rotate_by_matrices(x.astype(np.float64), rope_angles(positions, 8), False)
    np.testing.assert_allclose(got.numpy(), expected, atol=1e-6)


@edge
def test_inputs_are_not_modified(apply_rotary: Any) -> None:
    x = torch.randn(3, 4)
    cos, sin = torch.randn(3, 2), torch.randn(3, 2)
    before = [t.clone() for t in (x, cos, sin)]
    apply_rotary(x, cos, sin, interleaved=True)
    assert all(torch.equal(a, b) for a, b in zip((x, cos, sin), before, strict=True))


@contract
@pytest.mark.parametrize(
    ("x", "cos", "error", "name"),
    [
        (torch.zeros(3, 4), torch.zeros(3, 3), ValueError, "cos"),
        (torch.zeros(3, 4), torch.zeros(5, 2), ValueError, "cos"),
        (np.zeros((3, 4)), torch.zeros(3, 2), TypeError, "x"),
        (torch.zeros(3, 4, dtype=torch.long), torch.zeros(3, 2), TypeError, "x"),
    ],
)
def test_apply_rotary_rejects_bad_inputs(
    apply_rotary: Any, x: Any, cos: Any, error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        apply_rotary(x, cos, cos)


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"dim": 7}, ValueError, "rotary_dim"),
        ({"dim": 8, "rotary_dim": 10}, ValueError, "rotary_dim"),
        ({"dim": 8, "rotary_dim": 3}, ValueError, "rotary_dim"),
        ({"dim": 0}, ValueError, "dim"),
        ({"dim": 8, "base": 1.0}, ValueError, "base"),
        ({"dim": 8, "interleaved": 1}, TypeError, "interleaved"),
    ],
)
def test_rotary_embedding_rejects_bad_sizes(
    rotary_embedding: Any, kwargs: dict[str, Any], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        rotary_embedding(**kwargs)


@contract
def test_rotary_embedding_rejects_bad_inputs(rotary_embedding: Any) -> None:
    rope = rotary_embedding(4)
    with pytest.raises(ValueError, match="x"):
        rope(torch.zeros(3, 6))
    with pytest.raises(TypeError, match="positions"):
        rope(torch.zeros(3, 4), torch.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match="x"):
        rope_2d(torch.zeros(2, 2, 6))

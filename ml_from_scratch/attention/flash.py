"""FlashAttention: exact softmax attention in tiles, never forming the L x S matrix.

Dao et al. 2022, "FlashAttention: Fast and Memory-Efficient Exact Attention with
IO-Awareness", Algorithm 1, in the loop order of FlashAttention-2 (queries outside,
keys inside).  The queries are cut into blocks ``Q_i`` and the keys and values into
blocks ``K_j``, ``V_j``.  For each query block the softmax is computed *online*: a
running maximum ``m``, a running sum ``l`` and an unnormalised output ``O`` are carried
across the key blocks and corrected whenever the maximum grows::

    S_ij  = scale * Q_i K_j^T                               one tile of scores
    m_new = max(m, rowmax(S_ij))
    P_ij  = exp(S_ij - m_new)
    l     = exp(m - m_new) * l + rowsum(P_ij)
    O     = exp(m - m_new) * O + P_ij V_j
    m     = m_new
    ...after the last key block:  out_i = O / l,  logsumexp_i = m + log(l)

which is ``softmax(S) V`` exactly: every term of the sum and of the normaliser carries
the same factor ``exp(-m)``.  Memory is one tile of scores (``block_size^2`` per batch
element) besides the inputs and the output.  With ``is_causal`` the key blocks that lie
wholly above the diagonal are never visited (about half of them), and only the blocks
that straddle it are masked.

The backward pass (Algorithm 2 of the FlashAttention-2 paper) recomputes each tile of
``P`` from the saved ``logsumexp`` instead of storing it::

    P_ij = exp(S_ij - logsumexp_i)     D_i = rowsum(dO_i * O_i)
    dV_j += P_ij^T dO_i                dP_ij = dO_i V_j^T
    dS_ij = P_ij * (dP_ij - D_i)       dQ_i += scale * dS_ij K_j,   dK_j += scale * dS_ij^T Q_i

Complexity: ``O(L S (E + Ev))`` time (about half with ``is_causal``), ``O(L + S)``
memory per batch element beyond the output and one tile, forward and backward.

Status: forward and every gradient checked against
``torch.nn.functional.scaled_dot_product_attention`` on hypothesis-drawn shapes and
block sizes, and against :func:`~ml_from_scratch.attention.scaled_dot_product_attention`;
the largest intermediate tensor is checked to be a tile, not ``L x S``
(``tests/ml_from_scratch/attention/test_attention_flash.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import torch
from torch import Tensor

from ml_from_scratch._checks import (
    as_bool,
    as_finite,
    as_positive_int,
    broadcast_batch,
    check_query_key_value,
)

__all__ = ["flash_attention"]


def flash_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    is_causal: bool = False,
    scale: float | None = None,
    block_size: int = 128,
) -> Tensor:
    """Softmax attention by tiles with an online softmax (see the module docstring).

    The same result as ``scaled_dot_product_attention(query, key, value,
    is_causal=is_causal, scale=scale)``, up to rounding, in memory linear in ``L + S``.

    Parameters
    ----------
    query : Tensor, shape ``(..., L, E)``
    key : Tensor, shape ``(..., S, E)``
    value : Tensor, shape ``(..., S, Ev)``
        Floating tensors of one dtype and device; batch dimensions broadcast.
    is_causal : bool
        Query ``i`` attends keys ``j <= i`` only (aligned at the top left).
    scale : float, optional
        Default ``1 / sqrt(E)``.
    block_size : int
        Rows of queries and of keys per tile.  The result does not depend on it
        beyond rounding; the speed and the size of the one tile do.

    Returns
    -------
    Tensor, shape ``(..., L, Ev)``
        Differentiable: the backward pass recomputes the tiles (module docstring).
        With no keys (``S = 0``) every query gets zeros.

    Raises
    ------
    TypeError, ValueError
        As :func:`~ml_from_scratch.attention.scaled_dot_product_attention` for the
        tensors; ``block_size`` must be an int ``>= 1``.

    Complexity
    ----------
    ``O(L S (E + Ev))`` time, halved by ``is_causal`` for ``L = S``; ``O(L + S)`` memory
    per batch element beyond the output and one ``block_size x block_size`` tile.

    Examples
    --------
    >>> q = torch.tensor([[1.0, 0.0]])
    >>> k = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    >>> v = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> flash_attention(q, k, v, block_size=1)  # two tiles of one key each
    tensor([[1.6605, 2.6605]])
    >>> flash_attention(torch.zeros(3, 2), torch.zeros(3, 2), torch.eye(3), is_causal=True)
    tensor([[1.0000, 0.0000, 0.0000],
            [0.5000, 0.5000, 0.0000],
            [0.3333, 0.3333, 0.3333]])
    """
    check_query_key_value(query, key, value)
    causal = as_bool(is_causal, "is_causal")
    factor = 1.0 / math.sqrt(query.shape[-1]) if scale is None else as_finite(scale, "scale")
    block = as_positive_int(block_size, "block_size")
    out: Tensor = _FlashAttention.apply(query, key, value, causal, factor, block)  # type: ignore[no-untyped-call]
    return out


class _FlashAttention(torch.autograd.Function):
    """The tiled forward pass and the recomputing backward pass, as one autograd op.

    Inside, the batch dimensions are broadcast and flattened into one, so that every
    tile is one batched matrix product (``bmm``, ``baddbmm``): a view for inputs that
    need no broadcasting, a copy of the inputs for those that do.
    """

    @staticmethod
    def forward(
        ctx: Any,
        query: Tensor,
        key: Tensor,
        value: Tensor,
        causal: bool,
        scale: float,
        block: int,
    ) -> Tensor:
        batch, q, k, v = _flatten(query, key, value)
        out, logsumexp = _forward(q, k, v, causal, scale, block)
        ctx.save_for_backward(q, k, v, out, logsumexp)
        ctx.settings = (causal, scale, block)
        ctx.shapes = (batch, query.shape, key.shape, value.shape)
        return out.view(*batch, *out.shape[-2:])

    @staticmethod
    def backward(ctx: Any, grad_out: Tensor) -> tuple[Tensor | None, ...]:
        q, k, v, out, logsumexp = ctx.saved_tensors
        batch, *shapes = ctx.shapes
        grad = grad_out.reshape(out.shape)
        grads = _backward(q, k, v, out, logsumexp, grad, *ctx.settings)
        # A broadcast input gets the sum of the gradients of its copies.
        dq, dk, dv = (
            g.view(*batch, *g.shape[-2:]).sum_to_size(shape)
            for g, shape in zip(grads, shapes, strict=True)
        )
        return dq, dk, dv, None, None, None


def _forward(
    q: Tensor, k: Tensor, v: Tensor, causal: bool, scale: float, block: int
) -> tuple[Tensor, Tensor]:
    """The output and each query's log-sum-exp (for the backward pass); 3-D inputs."""
    (B, L, _), S, Ev = q.shape, k.shape[1], v.shape[2]
    out = q.new_zeros((B, L, Ev))
    logsumexp = q.new_full((B, L, 1), -math.inf)
    if S == 0:
        return out, logsumexp
    keys = [k[:, start:stop].transpose(1, 2) for start, stop in _blocks(S, block)]
    values = [v[:, start:stop] for start, stop in _blocks(S, block)]
    for q_start, q_stop in _blocks(L, block):
        q_tile = q[:, q_start:q_stop] * scale
        row_max = q.new_full((B, q_stop - q_start, 1), -math.inf)
        row_sum = q.new_zeros((B, q_stop - q_start, 1))
        acc = q.new_zeros((B, q_stop - q_start, Ev))
        for j, forbidden in _key_tiles(q_start, q_stop, S, block, causal, q.device):
            scores = torch.bmm(q_tile, keys[j])
            if forbidden is not None:
                scores.masked_fill_(forbidden, -math.inf)
            new_max = torch.maximum(row_max, scores.amax(dim=-1, keepdim=True))
            probs = scores.sub_(new_max).exp_()  # in place: one tile alive
            correction = torch.exp(row_max - new_max)
            row_sum.mul_(correction).add_(probs.sum(dim=-1, keepdim=True))
            acc.mul_(correction).baddbmm_(probs, values[j])
            row_max = new_max
        out[:, q_start:q_stop] = acc.div_(row_sum)
        logsumexp[:, q_start:q_stop] = row_max + torch.log(row_sum)
    return out, logsumexp


def _backward(
    q: Tensor,
    k: Tensor,
    v: Tensor,
    out: Tensor,
    logsumexp: Tensor,
    grad_out: Tensor,
    causal: bool,
    scale: float,
    block: int,
) -> tuple[Tensor, Tensor, Tensor]:
    """``(dq, dk, dv)`` by recomputing each tile of probabilities (module docstring)."""
    L, S = q.shape[1], k.shape[1]
    dq, dk, dv = q.new_zeros(q.shape), q.new_zeros(k.shape), q.new_zeros(v.shape)
    if S == 0:
        return dq, dk, dv
    delta = (grad_out * out).sum(dim=-1, keepdim=True)  # D_i = rowsum(dO_i * O_i)
    key_blocks = list(_blocks(S, block))
    for q_start, q_stop in _blocks(L, block):
        rows = slice(q_start, q_stop)
        q_tile, do_tile = q[:, rows], grad_out[:, rows]
        for j, forbidden in _key_tiles(q_start, q_stop, S, block, causal, q.device):
            cols = slice(*key_blocks[j])
            k_tile, v_tile = k[:, cols], v[:, cols]
            scores = torch.bmm(q_tile, k_tile.transpose(1, 2)).mul_(scale)
            if forbidden is not None:
                scores.masked_fill_(forbidden, -math.inf)
            probs = scores.sub_(logsumexp[:, rows]).exp_()
            dv[:, cols].baddbmm_(probs.transpose(1, 2), do_tile)
            d_probs = torch.bmm(do_tile, v_tile.transpose(1, 2)).sub_(delta[:, rows])
            d_scores = probs.mul_(d_probs)
            dq[:, rows].baddbmm_(d_scores, k_tile)
            dk[:, cols].baddbmm_(d_scores.transpose(1, 2), q_tile)
    return dq.mul_(scale), dk.mul_(scale), dv


def _blocks(n: int, block: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of each block of ``block`` rows among ``n``."""
    for start in range(0, n, block):
        yield start, min(start + block, n)


def _key_tiles(
    q_start: int, q_stop: int, S: int, block: int, causal: bool, device: torch.device
) -> Iterator[tuple[int, Tensor | None]]:
    """The key blocks (by index) a query block visits, with the mask of forbidden scores.

    Causal: query ``i`` attends keys ``j <= i``, so keys from ``q_stop`` on are never
    visited, and only a block reaching past ``q_start`` (the diagonal) needs a mask.
    """
    stop = min(S, q_stop) if causal else S
    for j, (k_start, k_stop) in enumerate(_blocks(S, block)):
        if k_start >= stop:
            return
        forbidden = None
        if causal and k_stop - 1 > q_start:
            rows = torch.arange(q_start, q_stop, device=device)[:, None]
            forbidden = torch.arange(k_start, k_stop, device=device)[None, :] > rows
        yield j, forbidden


def _flatten(
    query: Tensor, key: Tensor, value: Tensor
) -> tuple[tuple[int, ...], Tensor, Tensor, Tensor]:
    """The common batch shape, and the inputs broadcast to it and flattened to 3-D."""
    batch = broadcast_batch(
        {"query": query.shape[:-2], "key": key.shape[:-2], "value": value.shape[:-2]}
    )
    n = math.prod(batch)
    q, k, v = (
        t.expand(*batch, *t.shape[-2:]).reshape(n, *t.shape[-2:]) for t in (query, key, value)
    )
    return batch, q, k, v

"""Linear attention: a kernel feature map instead of the softmax, and associativity.

Katharopoulos et al. 2020, "Transformers are RNNs: Fast Autoregressive Transformers with
Linear Attention", eq. 4-6.  Replacing ``exp(q . k)`` by ``phi(q) . phi(k)`` for a
positive feature map ``phi`` (``elu(x) + 1`` in the paper) lets the sum over keys be
done once for all queries::

    V'_i = sum_j phi(Q_i)^T phi(K_j) V_j / sum_j phi(Q_i)^T phi(K_j)
         = phi(Q_i)^T (sum_j phi(K_j) V_j^T) / (phi(Q_i)^T sum_j phi(K_j))
         = phi(Q_i)^T KV / (phi(Q_i)^T z)           KV: (d, dv),  z: (d,)

``O(L d dv)`` instead of ``O(L S d)``.  Causal attention sums over ``j <= i`` only: the
paper's recurrence ``KV_i = KV_{i-1} + phi(K_i) V_i^T``, ``z_i = z_{i-1} + phi(K_i)``.
A cumulative sum of all ``KV_i`` at once would hold an ``(L, d, dv)`` tensor; here the
sequence is cut into chunks of ``C`` and only the state at each chunk's start is kept
(the chunked form of e.g. Hua et al. 2022): for chunk ``c``::

    out_c = (phi(Q_c) KV_<c + tril(phi(Q_c) phi(K_c)^T) V_c)
            / (phi(Q_c) z_<c + rowsum(tril(phi(Q_c) phi(K_c)^T)))
    KV_<c+1 = KV_<c + phi(K_c)^T V_c,     z_<c+1 = z_<c + colsum(phi(K_c))

quadratic inside a chunk, linear across chunks: ``O(L (C + d) dv)`` time and
``O(C^2 + d dv)`` memory beyond the output.  ``chunk_size=1`` is the recurrence itself.
``eps`` is added to the denominator, as in the paper's code.

:func:`rotary_linear_attention` is RoFormer's form (Su et al. 2021, eq. 19): the
rotary position encoding is applied to the feature-mapped queries and keys in the
numerator only, so the denominator stays positive::

    V'_i = sum_j (R_i phi(Q_i))^T (R_j phi(K_j)) V_j / sum_j phi(Q_i)^T phi(K_j)

Status: checked against the quadratic form ``normalise(mask(phi(Q) phi(K)^T)) V``
written out in the tests, forward and gradients, causal and not; chunk size changes
nothing but rounding; no ``(L, d, d)`` intermediate
(``tests/ml_from_scratch/attention/test_attention_linear.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import torch
from torch import Tensor
from torch.nn import functional

from ml_from_scratch._checks import (
    as_bool,
    as_finite,
    as_positive_int,
    broadcast_batch,
    check_query_key_value,
    check_same,
    describe,
)
from ml_from_scratch.position.rotary import apply_rotary

__all__ = ["FEATURE_MAPS", "linear_attention", "rotary_linear_attention"]

FeatureMap = Literal["elu", "relu"] | Callable[[Tensor], Tensor]


def _elu_plus_one(x: Tensor) -> Tensor:
    return functional.elu(x) + 1


FEATURE_MAPS: dict[str, Callable[[Tensor], Tensor]] = {
    "elu": _elu_plus_one,
    "relu": functional.relu,
}
"""The named feature maps: ``elu(x) + 1`` (the paper's, always positive) and ``relu``."""


def linear_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    feature_map: FeatureMap = "elu",
    is_causal: bool = False,
    eps: float = 1e-6,
    chunk_size: int = 64,
) -> Tensor:
    """``phi(Q) (phi(K)^T V) / (phi(Q) sum_j phi(K_j) + eps)``; causal by chunks.

    Parameters
    ----------
    query : Tensor, shape ``(..., L, d)``
    key : Tensor, shape ``(..., S, d)``
    value : Tensor, shape ``(..., S, dv)``
        Floating tensors of one dtype and device; batch dimensions broadcast.
    feature_map : "elu", "relu" or callable
        ``phi``: ``"elu"`` is ``elu(x) + 1``; a callable maps a tensor to one of the same
        shape, and should be non-negative so that the denominator is positive.
    is_causal : bool
        Query ``i`` attends keys ``j <= i``; needs ``L == S``.
    eps : float
        Added to the denominator (``>= 0``).
    chunk_size : int
        Rows per chunk of the causal form (module docstring); the result does not
        depend on it beyond rounding.

    Returns
    -------
    Tensor, shape ``(..., L, dv)``

    Raises
    ------
    TypeError, ValueError
        As :func:`~ml_from_scratch.attention.scaled_dot_product_attention` for the
        tensors; for an unknown ``feature_map``, a negative ``eps``, ``chunk_size < 1``,
        or ``is_causal`` with ``L != S``.

    Complexity
    ----------
    ``O(L d dv)`` non-causal, ``O(L (C + d) dv)`` causal; ``O(d dv + C^2)`` memory per
    batch element beyond the output.

    Examples
    --------
    >>> q = k = torch.zeros(3, 2)  # phi(0) = 1: every key weighs the same
    >>> v = torch.tensor([[3.0], [6.0], [9.0]])
    >>> linear_attention(q, k, v, eps=0.0)
    tensor([[6.],
            [6.],
            [6.]])
    >>> linear_attention(q, k, v, is_causal=True, eps=0.0)  # running means
    tensor([[3.0000],
            [4.5000],
            [6.0000]])
    """
    phi, causal, eps, chunk = _check(query, key, value, feature_map, is_causal, eps, chunk_size)
    fq, fk = phi(query), phi(key)
    if causal:
        return _causal(fq, fk, fq, fk, value, eps, chunk)
    return _global(fq, fk, fq, fk, value, eps)


def rotary_linear_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    cos: Tensor,
    sin: Tensor,
    interleaved: bool = False,
    feature_map: FeatureMap = "elu",
    is_causal: bool = False,
    eps: float = 1e-6,
    chunk_size: int = 64,
) -> Tensor:
    """Linear attention with rotary positions in the numerator (RoFormer, eq. 19).

    ``cos``, ``sin`` and ``interleaved`` are those of
    :func:`~ml_from_scratch.position.apply_rotary` (``cos`` broadcastable to
    ``(..., L, d_rot / 2)``, and to ``(..., S, d_rot / 2)`` for the keys, which are
    rotated by the same tables: use ``L == S`` or tables of the longer length sliced by
    the caller); the rest as :func:`linear_attention`.

    Examples
    --------
    >>> from ml_from_scratch.position import RotaryEmbedding
    >>> cos, sin = RotaryEmbedding(4).cos_sin(torch.arange(3))
    >>> x = torch.randn(2, 3, 4)
    >>> rotary_linear_attention(x, x, x, cos, sin, is_causal=True).shape
    torch.Size([2, 3, 4])
    """
    phi, causal, eps, chunk = _check(query, key, value, feature_map, is_causal, eps, chunk_size)
    fq, fk = phi(query), phi(key)
    rotated_q = apply_rotary(fq, cos, sin, interleaved)
    rotated_k = apply_rotary(fk, cos, sin, interleaved)
    if causal:
        return _causal(rotated_q, rotated_k, fq, fk, value, eps, chunk)
    return _global(rotated_q, rotated_k, fq, fk, value, eps)


# ------------------------------------------------------------------------ private helpers


def _global(
    num_q: Tensor, num_k: Tensor, den_q: Tensor, den_k: Tensor, value: Tensor, eps: float
) -> Tensor:
    """``num_q (num_k^T V) / (den_q sum_j den_k_j + eps)``: every key for every query."""
    kv = num_k.transpose(-2, -1) @ value  # (..., d, dv)
    z = den_k.sum(dim=-2)[..., None]  # (..., d, 1)
    return (num_q @ kv) / (den_q @ z + eps)


def _causal(
    num_q: Tensor,
    num_k: Tensor,
    den_q: Tensor,
    den_k: Tensor,
    value: Tensor,
    eps: float,
    chunk: int,
) -> Tensor:
    """The chunked prefix form of the module docstring."""
    batch = broadcast_batch(
        {"query": num_q.shape[:-2], "key": num_k.shape[:-2], "value": value.shape[:-2]}
    )
    d, dv = num_q.shape[-1], value.shape[-1]
    kv = num_q.new_zeros((*batch, d, dv))  # KV_<c
    z = num_q.new_zeros((*batch, d, 1))  # z_<c
    shared = num_q is den_q and num_k is den_k  # plain linear attention: one score tile
    outputs = []
    for start in range(0, num_q.shape[-2], chunk):
        rows = slice(start, start + chunk)
        nq, nk, v = num_q[..., rows, :], num_k[..., rows, :], value[..., rows, :]
        dq, dk = den_q[..., rows, :], den_k[..., rows, :]
        scores = (nq @ nk.transpose(-2, -1)).tril()  # key j <= query i inside the chunk
        den_scores = scores if shared else (dq @ dk.transpose(-2, -1)).tril()
        numerator = nq @ kv + scores @ v
        denominator = dq @ z + den_scores.sum(dim=-1, keepdim=True)
        outputs.append(numerator / (denominator + eps))
        kv = kv + nk.transpose(-2, -1) @ v
        z = z + dk.sum(dim=-2)[..., None]
    if not outputs:
        return num_q.new_zeros((*batch, 0, dv))
    return torch.cat(outputs, dim=-2)


def _check(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    feature_map: object,
    is_causal: object,
    eps: object,
    chunk_size: object,
) -> tuple[Callable[[Tensor], Tensor], bool, float, int]:
    L, S = check_query_key_value(query, key, value)
    causal = as_bool(is_causal, "is_causal")
    if causal:
        check_same("query.shape[-2]", L, "key.shape[-2] when is_causal", S)
    if isinstance(feature_map, str) and feature_map in FEATURE_MAPS:
        phi = FEATURE_MAPS[feature_map]
    elif callable(feature_map) and not isinstance(feature_map, str):
        phi = feature_map
    else:
        raise ValueError(
            f"feature_map must be one of {', '.join(map(repr, FEATURE_MAPS))} or a callable, "
            f"got {describe(feature_map)}"
        )
    return phi, causal, as_finite(eps, "eps", low=0.0), as_positive_int(chunk_size, "chunk_size")

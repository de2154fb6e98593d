"""Scaled dot-product attention, the plain form that reads like the paper's equation.

Every query scores every key by a dot product, the scores become weights by a softmax
over the keys, and the output is the weighted mean of the values (Vaswani et al. 2017,
"Attention Is All You Need", eq. 1):

    Attention(Q, K, V) = softmax(Q K^T / sqrt(E) + M) V

with ``Q`` of shape ``(..., L, E)``, ``K`` ``(..., S, E)``, ``V`` ``(..., S, Ev)`` and a
mask ``M`` that is 0 where a query may attend a key and ``-inf`` where it may not.  The
semantics are ``torch.nn.functional.scaled_dot_product_attention``'s: batch dimensions
broadcast, a boolean mask marks what *may* be attended, a float mask is added to the
scores, ``is_causal`` lets query ``i`` attend keys ``j <= i`` (aligned at the top left
when ``L != S``).  One difference is a promise of its own: a query with nothing to
attend (its whole row masked) gets zeros, where a plain softmax gives NaN.

Complexity: ``O(L S E + L S Ev)`` time and ``O(L S)`` memory per batch element, for the
score matrix; :func:`~ml_from_scratch.attention.flash_attention` computes the same in
``O(L + S)`` memory.

Status: forward and every gradient checked against
``torch.nn.functional.scaled_dot_product_attention`` on hypothesis-drawn shapes, masks
and dtypes (``tests/ml_from_scratch/attention/test_attention_sdpa.py``).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from ml_from_scratch._checks import (
    as_bool,
    as_finite,
    as_generator,
    as_probability,
    as_tensor,
    broadcast_batch,
    check_query_key_value,
)

__all__ = ["attention_weights", "causal_mask", "scaled_dot_product_attention"]


def scaled_dot_product_attention(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    attn_mask: Tensor | None = None,
    dropout_p: float = 0.0,
    is_causal: bool = False,
    scale: float | None = None,
    generator: torch.Generator | None = None,
) -> Tensor:
    r"""``softmax(Q K^T * scale + M) V``, as ``torch.nn.functional.scaled_dot_product_attention``.

    Parameters
    ----------
    query : Tensor, shape ``(..., L, E)``
    key : Tensor, shape ``(..., S, E)``
    value : Tensor, shape ``(..., S, Ev)``
        Floating tensors of one dtype and device; their batch dimensions ``...``
        broadcast against each other.
    attn_mask : Tensor, optional
        Broadcastable to ``(..., L, S)``.  Boolean: ``True`` where the query may attend
        the key.  Floating (the dtype of ``query``): added to the scores, ``-inf`` to
        forbid.
    dropout_p : float
        Probability of zeroing each attention weight; the kept ones are scaled by
        ``1 / (1 - dropout_p)``.  Only applied when ``> 0``.
    is_causal : bool
        Query ``i`` attends keys ``j <= i`` only (the lower triangle from the top
        left).  Cannot be combined with ``attn_mask``.
    scale : float, optional
        The factor applied to the scores; default ``1 / sqrt(E)``.
    generator : torch.Generator, optional
        The source of the dropout's randomness, for reproducible runs.

    Returns
    -------
    Tensor, shape ``(..., L, Ev)``
        The batch dimensions broadcast.  A query with nothing to attend (every key
        masked) gets a row of zeros, not NaN.

    Raises
    ------
    TypeError
        If an input is not a floating tensor, the dtypes or devices differ, the mask is
        neither boolean nor of the query's dtype, or a flag is not a bool.
    ValueError
        If the shapes do not fit together, ``dropout_p`` is outside ``[0, 1]``, or both
        ``attn_mask`` and ``is_causal`` are given.

    Complexity
    ----------
    ``O(L S (E + Ev))`` time, ``O(L S)`` memory per batch element.

    Examples
    --------
    >>> q = torch.tensor([[1.0, 0.0]])
    >>> k = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    >>> v = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    >>> scaled_dot_product_attention(q, k, v)  # weights softmax([1/sqrt(2), 0])
    tensor([[1.6605, 2.6605]])
    >>> scaled_dot_product_attention(q, k, v, attn_mask=torch.tensor([[False, True]]))
    tensor([[3., 4.]])
    >>> scaled_dot_product_attention(q, k, v, attn_mask=torch.tensor([[False, False]]))
    tensor([[0., 0.]])
    """
    check_query_key_value(query, key, value)
    p = as_probability(dropout_p, "dropout_p")
    generator = as_generator(generator)
    weights = _weights(query, key, attn_mask, is_causal, scale)
    if p > 0:
        weights = _dropout(weights, p, generator)
    return weights @ value


def attention_weights(
    query: Tensor,
    key: Tensor,
    attn_mask: Tensor | None = None,
    is_causal: bool = False,
    scale: float | None = None,
) -> Tensor:
    r"""The attention weights ``softmax(Q K^T * scale + M)``, shape ``(..., L, S)``.

    The part of :func:`scaled_dot_product_attention` before the values; each row sums
    to 1, or is all zeros where nothing may be attended.  Arguments as there.

    Examples
    --------
    >>> q, k = torch.zeros(3, 2), torch.zeros(3, 2)
    >>> attention_weights(q, k, is_causal=True)
    tensor([[1.0000, 0.0000, 0.0000],
            [0.5000, 0.5000, 0.0000],
            [0.3333, 0.3333, 0.3333]])
    """
    check_query_key_value(query, key)
    return _weights(query, key, attn_mask, is_causal, scale)


def causal_mask(query_len: int, key_len: int, device: torch.device | str | None = None) -> Tensor:
    """The boolean ``(L, S)`` mask of a causal model: ``True`` where key ``j <= query i``.

    Examples
    --------
    >>> causal_mask(2, 3)
    tensor([[ True, False, False],
            [ True,  True, False]])
    """
    rows = torch.arange(query_len, device=device)[:, None]
    cols = torch.arange(key_len, device=device)[None, :]
    return cols <= rows


# ------------------------------------------------------------------------ private helpers


def _weights(
    query: Tensor, key: Tensor, attn_mask: object, is_causal: object, scale: object
) -> Tensor:
    """:func:`attention_weights` on checked query and key; the flags checked here."""
    L, S = query.shape[-2], key.shape[-2]
    is_causal = as_bool(is_causal, "is_causal")
    factor = 1.0 / math.sqrt(query.shape[-1]) if scale is None else as_finite(scale, "scale")
    scores = (query @ key.transpose(-2, -1)) * factor
    if is_causal:
        if attn_mask is not None:
            raise ValueError("attn_mask must be None when is_causal=True (pass one or the other)")
        attn_mask = causal_mask(L, S, device=query.device)
    if attn_mask is not None:
        scores = _apply_mask(scores, _check_mask(attn_mask, query, L, S))
    return _softmax(scores)


def _softmax(scores: Tensor) -> Tensor:
    r"""``exp(x_j - max x) / sum_k exp(x_k - max x)`` over the last dimension.

    Subtracting the row's maximum keeps ``exp`` from overflowing and changes nothing
    else, so it carries no gradient (it is detached).  A row of ``-inf`` (nothing to
    attend) has no finite maximum: 0 is used instead, and every ``exp`` is 0.  Any
    other row sums to at least 1, exactly, since its maximum contributes ``exp(0)``;
    so flooring the sums at 1 changes only the empty rows, which become ``0 / 1``:
    zeros, with zero gradients, where a plain softmax gives ``0 / 0``.
    """
    if scores.shape[-1] == 0:  # no keys at all: nothing to weigh, zero outputs
        return scores
    peak = scores.detach().amax(dim=-1, keepdim=True)
    peak = torch.where(torch.isfinite(peak), peak, torch.zeros_like(peak))
    exps = torch.exp(scores - peak)
    return exps / exps.sum(dim=-1, keepdim=True).clamp_min(1.0)


def _check_mask(mask: object, query: Tensor, L: int, S: int) -> Tensor:
    mask = as_tensor(mask, "attn_mask", min_ndim=1)
    if mask.dtype != torch.bool and mask.dtype != query.dtype:
        raise TypeError(
            f"attn_mask must be boolean or of the query's dtype {query.dtype}, got {mask.dtype}"
        )
    if mask.device != query.device:
        raise TypeError(
            f"attn_mask must be on the query's device {query.device}, got {mask.device}"
        )
    shape = tuple(mask.shape)
    padded = (1,) * (2 - len(shape)) + shape
    if padded[-1] not in (1, S) or padded[-2] not in (1, L):
        raise ValueError(
            f"attn_mask must broadcast to (..., L, S) = (..., {L}, {S}), got shape {shape}"
        )
    broadcast_batch({"query": tuple(query.shape[:-2]), "attn_mask": padded[:-2]})
    return mask


def _apply_mask(scores: Tensor, mask: Tensor) -> Tensor:
    """Scores with ``mask`` applied: forbidden ones to ``-inf`` (boolean) or ``+ mask``."""
    if mask.dtype == torch.bool:
        return torch.where(mask, scores, -math.inf)
    return scores + mask


def _dropout(weights: Tensor, p: float, generator: torch.Generator | None) -> Tensor:
    """Zero each weight with probability ``p``, scale the rest by ``1 / (1 - p)``."""
    if p == 1.0:
        return torch.zeros_like(weights)
    draws = torch.rand(
        weights.shape, generator=generator, dtype=weights.dtype, device=weights.device
    )
    return weights * (draws >= p) / (1.0 - p)

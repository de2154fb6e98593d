"""The gated attention unit (GAU) and FLASH, from "Transformer Quality in Linear Time".

Hua, Dai, Liu and Le 2022.  A GAU merges the attention and the feed-forward layer:
one projection gives a gate ``U``, values ``V`` (both ``e = 2d`` wide) and a small shared
``Z`` (``s = 128``) from which queries and keys are made by a per-dimension scale and
offset, the "heads" of this single-head attention (section 2, Code 1)::

    U = silu(X W_u),   V = silu(X W_v),   Z = silu(X W_z)
    Q = Z * gamma_q + beta_q,   K = Z * gamma_k + beta_k
    A = relu(Q K^T / L + B)^2                  squared ReLU instead of softmax
    O = X + (U * (A V)) W_o                    gated, with the residual (and pre-norm)

FLASH makes it linear in ``L`` by *mixed chunk attention* (section 3.2, Code 8): the
sequence is cut into groups of ``g`` tokens; inside a group the quadratic form above
(divided by ``g``), across groups a linear attention without feature map or
normaliser, from two more scale-offsets of ``Z``::

    quadratic_c = relu(Q_c K_c^T / g)^2 V_c                 (causal: tril inside c)
    linear_c    = Q'_c (sum over all groups h of K'_h^T V_h) / L
                  causal: the sum over earlier groups h < c only, divided by g
    O_c = U_c * (quadratic_c + linear_c)

The causal sum is an exclusive prefix over groups, one ``(s, e)`` state per group: the
memory stays linear in ``L``.  Dividing the causal part by ``g`` rather than by ``L``
keeps an output independent of how long the sequence continues.

Complexity: GAU ``O(L^2 (s + e))``; FLASH ``O(L g (s + e) + L s e)`` time, and
``O(L (g + s e / g))`` memory for the attention.

Status: :func:`mixed_chunk_attention` is checked against a dense ``L x L`` oracle
(block-diagonal quadratic part plus a masked linear part) written out in the tests, for
both masks and for ``L`` not a multiple of ``g``; both modules are checked for causality
and against the paper's equations (``tests/ml_from_scratch/attention/test_attention_gau.py``).
"""

from __future__ import annotations

import torch
from torch import Tensor, nn
from torch.nn import functional

from ml_from_scratch._checks import (
    as_bool,
    as_positive_int,
    as_tensor,
    check_query_key_value,
    check_same,
)

__all__ = ["FLASH", "GAU", "mixed_chunk_attention"]


def mixed_chunk_attention(
    quad_query: Tensor,
    quad_key: Tensor,
    lin_query: Tensor,
    lin_key: Tensor,
    value: Tensor,
    group_size: int = 256,
    is_causal: bool = False,
) -> Tensor:
    """FLASH's attention: quadratic inside groups of ``g``, linear across them.

    Parameters
    ----------
    quad_query, quad_key, lin_query, lin_key : Tensor, shape ``(..., L, s)``
    value : Tensor, shape ``(..., L, e)``
        Self-attention: one length ``L`` throughout; batch dimensions broadcast.
    group_size : int
        ``g``; the last group may be shorter (it is zero-padded: padded keys carry
        zero values and add nothing).
    is_causal : bool
        Each token attends itself and the tokens before it only.

    Returns
    -------
    Tensor, shape ``(..., L, e)``
        ``quadratic + linear`` of the module docstring (before the gate).

    Raises
    ------
    TypeError, ValueError
        For tensors of the wrong kind or shapes that do not fit.

    Complexity
    ----------
    ``O(L g (s + e) + L s e)`` time, ``O(L g + (L / g) s e)`` memory per batch element.

    Examples
    --------
    >>> q = k = torch.ones(4, 1)
    >>> v = torch.arange(4.0)[:, None]
    >>> mixed_chunk_attention(q, k, q, k, v, group_size=2, is_causal=True)[:, 0]
    tensor([0.0000, 0.2500, 1.0000, 1.7500])
    """
    for name, x in (("lin_query", lin_query), ("lin_key", lin_key)):
        check_same(
            f"{name}.shape",
            tuple(as_tensor(x, name).shape),
            "quad_query.shape",
            tuple(quad_query.shape),
        )
    L, S = check_query_key_value(quad_query, quad_key, value)
    check_same("the query length", L, "the key length", S)
    g = as_positive_int(group_size, "group_size")
    causal = as_bool(is_causal, "is_causal")
    qq, qk, lq, lk, v = (_groups(x, g) for x in (quad_query, quad_key, lin_query, lin_key, value))
    kernel = functional.relu(qq @ qk.transpose(-2, -1) / g) ** 2  # (..., G, g, g)
    if causal:
        kernel = kernel.tril()
    quadratic = kernel @ v
    per_group = lk.transpose(-2, -1) @ v  # (..., G, s, e): K'_h^T V_h
    if causal:
        earlier = per_group.cumsum(dim=-3) - per_group  # exclusive prefix over groups
        linear = lq @ earlier / g
    else:
        linear = lq @ per_group.sum(dim=-3, keepdim=True) / L
    out = (quadratic + linear).flatten(-3, -2)
    return out[..., :L, :]


class GAU(nn.Module):
    """The gated attention unit: one head of squared-ReLU attention, gated (Code 1).

    Parameters
    ----------
    dim : int
        ``d``, the model's width.
    query_key_dim : int
        ``s``, 128 in the paper.
    expansion_factor : int
        ``e = expansion_factor * d``, 2 in the paper.
    causal : bool
        Token ``i`` attends tokens ``j <= i`` only.

    Examples
    --------
    >>> gau = GAU(dim=16, query_key_dim=8)
    >>> gau(torch.randn(2, 10, 16)).shape
    torch.Size([2, 10, 16])
    """

    def __init__(
        self, dim: int, query_key_dim: int = 128, expansion_factor: int = 2, causal: bool = False
    ) -> None:
        super().__init__()
        self.block = _GatedBlock(dim, query_key_dim, expansion_factor, heads=2)
        self.causal = as_bool(causal, "causal")

    def forward(self, x: Tensor, bias: Tensor | None = None) -> Tensor:
        """``x + (U * (relu(Q K^T / L + bias)^2 V)) W_o`` for ``x`` of shape ``(..., L, d)``.

        ``bias``, broadcastable to ``(..., L, L)``, is a relative position bias
        (:class:`~ml_from_scratch.position.RelativePositionBias` gives one per head;
        take one head).
        """
        u, v, (q, k) = self.block.project(x)
        L = x.shape[-2]
        scores = q @ k.transpose(-2, -1) / L
        if bias is not None:
            scores = scores + as_tensor(bias, "bias")
        kernel = functional.relu(scores) ** 2
        if self.causal:
            kernel = kernel.tril()
        return self.block.output(x, u * (kernel @ v))


class FLASH(nn.Module):
    """A GAU with mixed chunk attention: linear in the length (Code 8).

    Parameters
    ----------
    dim, query_key_dim, expansion_factor, causal
        As :class:`GAU`.
    group_size : int
        ``g``, 256 in the paper.

    Examples
    --------
    >>> flash = FLASH(dim=16, query_key_dim=8, group_size=4, causal=True)
    >>> flash(torch.randn(2, 10, 16)).shape
    torch.Size([2, 10, 16])
    """

    def __init__(
        self,
        dim: int,
        group_size: int = 256,
        query_key_dim: int = 128,
        expansion_factor: int = 2,
        causal: bool = False,
    ) -> None:
        super().__init__()
        self.block = _GatedBlock(dim, query_key_dim, expansion_factor, heads=4)
        self.group_size = as_positive_int(group_size, "group_size")
        self.causal = as_bool(causal, "causal")

    def forward(self, x: Tensor) -> Tensor:
        """``x + (U * mixed_chunk_attention(...)) W_o`` for ``x`` of shape ``(..., L, d)``."""
        u, v, (quad_q, quad_k, lin_q, lin_k) = self.block.project(x)
        attended = mixed_chunk_attention(
            quad_q, quad_k, lin_q, lin_k, v, self.group_size, self.causal
        )
        return self.block.output(x, u * attended)


class _GatedBlock(nn.Module):
    """What GAU and FLASH share: the norm, the projections, the scale-offsets, the output."""

    def __init__(self, dim: int, query_key_dim: int, expansion_factor: int, heads: int) -> None:
        super().__init__()
        d = as_positive_int(dim, "dim")
        self.s = as_positive_int(query_key_dim, "query_key_dim")
        self.e = d * as_positive_int(expansion_factor, "expansion_factor")
        self.norm = nn.LayerNorm(d)
        self.hidden = nn.Linear(d, 2 * self.e + self.s)  # [U | V | Z] in one matmul
        self.gamma = nn.Parameter(torch.empty(heads, self.s))  # a scale per "head" and dim
        self.beta = nn.Parameter(torch.zeros(heads, self.s))  # and an offset
        nn.init.normal_(self.gamma, std=0.02)
        self.out = nn.Linear(self.e, d)

    def project(self, x: Tensor) -> tuple[Tensor, Tensor, tuple[Tensor, ...]]:
        """``U``, ``V`` and the scale-offsets ``Z * gamma_h + beta_h`` of the normed input."""
        x = as_tensor(x, "x", min_ndim=2, floating=True)
        check_same("x.shape[-1]", x.shape[-1], "dim", self.norm.normalized_shape[0])
        hidden = functional.silu(self.hidden(self.norm(x)))
        u, v, z = hidden[..., : self.e], hidden[..., self.e : 2 * self.e], hidden[..., 2 * self.e :]
        heads = z[..., None, :] * self.gamma + self.beta  # (..., L, heads, s)
        return u, v, heads.unbind(dim=-2)

    def output(self, x: Tensor, gated: Tensor) -> Tensor:
        result: Tensor = x + self.out(gated)
        return result


def _groups(x: Tensor, g: int) -> Tensor:
    """``(..., L, c)`` as ``(..., ceil(L / g), g, c)``, zero-padded at the end."""
    pad = -x.shape[-2] % g
    if pad:
        x = functional.pad(x, (0, 0, 0, pad))
    return x.reshape(*x.shape[:-2], -1, g, x.shape[-1])

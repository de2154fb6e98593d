"""Rotary position embedding (RoPE): rotate pairs of features by position-dependent angles.

Su et al. 2021, "RoFormer: Enhanced Transformer with Rotary Position Embedding", eq. 13-15.
The features of a query or key at position ``m`` are taken in pairs and each pair ``i``
is rotated by the angle ``m theta_i``, with ``theta_i = base^(-2i / d)``::

    (a, b)  ->  (a cos(m theta_i) - b sin(m theta_i),  a sin(m theta_i) + b cos(m theta_i))

A rotation by ``m theta`` followed by the transpose of one by ``n theta`` is a rotation by
``(m - n) theta``, so ``<R_m q, R_n k> = <q, R_{n-m} k>`` depends on the offset
``m - n`` only: relative positions from an absolute encoding, and norms are unchanged.

Two pairings are in use and both are named here:

* ``interleaved=False`` (GPT-NeoX, LLaMA): pair ``i`` is ``(x_i, x_{i + r/2})``, the two
  halves of the rotated features;
* ``interleaved=True`` (RoFormer, GPT-J): pair ``i`` is ``(x_{2i}, x_{2i+1})``.

They agree up to a fixed permutation of the features.  With ``rotary_dim = r < d`` only
the first ``r`` features are rotated (GPT-J, GPT-NeoX's partial rotary) and the rest are
passed through.  :func:`rope_2d` is the axial form for an ``(H, W)`` grid: half of the
features rotate with the row, half with the column.

Complexity: ``O(numel)`` time and memory; the angles are computed in float64 (a float32
``m theta`` is off by ``m * 6e-8`` radians) and cast to the input's dtype.

Status: checked against explicit block-diagonal rotation matrices (RoFormer eq. 15)
built in the tests; the relative-position and norm properties, and the permutation
between the pairings, are hypothesis-tested
(``tests/ml_from_scratch/position/test_position_rotary.py``).
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from ml_from_scratch._checks import (
    as_bool,
    as_finite,
    as_int_tensor,
    as_positive_int,
    as_tensor,
    broadcast_batch,
)

__all__ = ["RotaryEmbedding", "apply_rotary", "rope_2d", "rotary_cos_sin"]


def apply_rotary(x: Tensor, cos: Tensor, sin: Tensor, interleaved: bool = False) -> Tensor:
    """Rotate the first ``r = 2 * cos.shape[-1]`` features of ``x`` in pairs.

    Parameters
    ----------
    x : Tensor, shape ``(..., L, D)``
        Floating.
    cos, sin : Tensor, shape broadcastable to ``(..., L, r / 2)``
        ``cos(m theta_i)`` and ``sin(m theta_i)`` for position ``m`` of each row and pair
        ``i`` (:func:`rotary_cos_sin`); cast to the dtype of ``x``.  ``r <= D``.
    interleaved : bool
        Pairs ``(x_{2i}, x_{2i+1})`` if True, else ``(x_i, x_{i + r/2})`` (module docstring).

    Returns
    -------
    Tensor, the shape and dtype of ``x``
        The rotated pairs, then features ``r:`` unchanged.

    Raises
    ------
    TypeError
        If ``x``, ``cos`` or ``sin`` is not a floating tensor, or ``interleaved`` not a bool.
    ValueError
        If ``cos`` and ``sin`` differ in shape, ``r > D``, or they do not broadcast.

    Complexity
    ----------
    ``O(numel(x))``.

    Examples
    --------
    >>> x = torch.tensor([[1.0, 0.0]])  # one position, one pair (a, b) = (1, 0)
    >>> apply_rotary(x, cos=torch.tensor([[0.0]]), sin=torch.tensor([[1.0]]))  # a quarter turn
    tensor([[0., 1.]])
    >>> x = torch.tensor([[0.0, 1.0, 2.0, 3.0]])
    >>> cos, sin = torch.tensor([[0.0, 1.0]]), torch.tensor([[1.0, 0.0]])  # turn pair 0 only
    >>> apply_rotary(x, cos, sin)  # pair 0 is (x0, x2)
    tensor([[-2.,  1.,  0.,  3.]])
    >>> apply_rotary(x, cos, sin, interleaved=True)  # pair 0 is (x0, x1)
    tensor([[-1.,  0.,  2.,  3.]])
    """
    x = as_tensor(x, "x", min_ndim=1, floating=True)
    cos = as_tensor(cos, "cos", min_ndim=1, floating=True).to(x.dtype)
    sin = as_tensor(sin, "sin", min_ndim=1, floating=True).to(x.dtype)
    pairs = cos.shape[-1]
    if cos.shape != sin.shape:
        raise ValueError(
            f"cos and sin must have the same shape, got {tuple(cos.shape)} and {tuple(sin.shape)}"
        )
    if 2 * pairs > x.shape[-1]:
        raise ValueError(
            f"cos.shape[-1] must be at most x.shape[-1] / 2 = {x.shape[-1] / 2:g} (the pairs "
            f"to rotate), got {pairs}"
        )
    target = (*x.shape[:-1], pairs)
    if broadcast_batch({"x": target, "cos": tuple(cos.shape)}) != target:
        raise ValueError(
            f"cos and sin must broadcast to x's {target} (..., L, r / 2), got {tuple(cos.shape)}"
        )
    if as_bool(interleaved, "interleaved"):
        a, b = x[..., 0 : 2 * pairs : 2], x[..., 1 : 2 * pairs : 2]
    else:
        a, b = x[..., :pairs], x[..., pairs : 2 * pairs]
    turned_a, turned_b = a * cos - b * sin, a * sin + b * cos
    if interleaved:
        rotated = torch.stack([turned_a, turned_b], dim=-1).flatten(-2)
    else:
        rotated = torch.cat([turned_a, turned_b], dim=-1)
    return torch.cat([rotated, x[..., 2 * pairs :]], dim=-1)


def rotary_cos_sin(
    positions: Tensor,
    rotary_dim: int,
    base: float = 10000.0,
    dtype: torch.dtype = torch.float32,
) -> tuple[Tensor, Tensor]:
    """``cos(m theta_i)`` and ``sin(m theta_i)``, ``theta_i = base^(-2i / rotary_dim)``.

    Parameters
    ----------
    positions : Tensor of ints, shape ``(...)``
    rotary_dim : int
        Even: the number of rotated features ``r``.
    base : float
        ``> 1``; 10000 in the paper.
    dtype : torch.dtype
        Of the tables (computed in float64, then cast).

    Returns
    -------
    cos, sin : Tensor, shape ``(..., rotary_dim / 2)``

    Examples
    --------
    >>> cos, sin = rotary_cos_sin(torch.arange(3), 2)  # theta_0 = 1
    >>> sin
    tensor([[0.0000],
            [0.8415],
            [0.9093]])
    """
    angles = _angles(positions, rotary_dim, base)
    return angles.cos().to(dtype), angles.sin().to(dtype)


class RotaryEmbedding(nn.Module):
    """Rotary position embedding of the last dimension of queries or keys.

    Parameters
    ----------
    dim : int
        The features ``D`` of the inputs.
    base : float
        ``theta_i = base^(-2i / rotary_dim)``; 10000 in the paper.
    interleaved : bool
        The pairing (module docstring): False for half-split (GPT-NeoX, LLaMA), True
        for adjacent pairs (RoFormer, GPT-J).
    rotary_dim : int, optional
        The leading features to rotate, even and ``<= dim``; default ``dim``.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive int, ``rotary_dim`` is odd or past ``dim``, or
        ``base <= 1``.

    Examples
    --------
    >>> rope = RotaryEmbedding(4)
    >>> q = k = torch.ones(1, 6, 4)
    >>> scores = rope(q) @ rope(k).transpose(-2, -1)
    >>> torch.allclose(scores[0, 2, 1], scores[0, 5, 4])  # only the offset matters
    True
    """

    def __init__(
        self,
        dim: int,
        base: float = 10000.0,
        interleaved: bool = False,
        rotary_dim: int | None = None,
    ) -> None:
        super().__init__()
        self.dim = as_positive_int(dim, "dim")
        self.rotary_dim = (
            self.dim if rotary_dim is None else as_positive_int(rotary_dim, "rotary_dim")
        )
        if self.rotary_dim % 2 or self.rotary_dim > self.dim:
            raise ValueError(
                f"rotary_dim must be even and at most dim={self.dim}, got {self.rotary_dim}"
            )
        self.base = _check_base(base)
        self.interleaved = as_bool(interleaved, "interleaved")

    def cos_sin(
        self, positions: Tensor, dtype: torch.dtype = torch.float32
    ) -> tuple[Tensor, Tensor]:
        """The tables for ``positions``: :func:`rotary_cos_sin`, ``(..., rotary_dim / 2)``."""
        return rotary_cos_sin(positions, self.rotary_dim, self.base, dtype)

    def forward(self, x: Tensor, positions: Tensor | None = None) -> Tensor:
        """``x`` with its first ``rotary_dim`` features rotated by position.

        Parameters
        ----------
        x : Tensor, shape ``(..., L, dim)``
        positions : Tensor of ints, optional
            Broadcastable to ``(..., L)``; default ``0, 1, ..., L - 1``.

        Returns
        -------
        Tensor, the shape and dtype of ``x``
        """
        x = as_tensor(x, "x", min_ndim=2, floating=True)
        if x.shape[-1] != self.dim:
            raise ValueError(f"x.shape[-1] must be dim={self.dim}, got shape {tuple(x.shape)}")
        if positions is None:
            positions = torch.arange(x.shape[-2], device=x.device)
        cos, sin = self.cos_sin(positions, x.dtype)
        return apply_rotary(x, cos, sin, self.interleaved)

    def extra_repr(self) -> str:
        return (
            f"dim={self.dim}, rotary_dim={self.rotary_dim}, base={self.base:g}, "
            f"interleaved={self.interleaved}"
        )


def rope_2d(x: Tensor, base: float = 10000.0, interleaved: bool = False) -> Tensor:
    """Axial rotary embedding of a grid: features ``:D/2`` by row, ``D/2:`` by column.

    Each half is a 1-D rotary embedding of ``D / 2`` features, so that
    ``<rope_2d(q)[r1, c1], rope_2d(k)[r2, c2]>`` depends on ``(r1 - r2, c1 - c2)`` only.

    Parameters
    ----------
    x : Tensor, shape ``(..., H, W, D)``
        Floating, ``D`` a multiple of 4.
    base : float
    interleaved : bool
        As :class:`RotaryEmbedding`.

    Returns
    -------
    Tensor, the shape and dtype of ``x``

    Raises
    ------
    TypeError, ValueError
        If ``x`` is not a floating tensor of at least 3 dimensions with ``D % 4 == 0``.

    Examples
    --------
    >>> x = torch.ones(2, 3, 8)
    >>> y = rope_2d(x)
    >>> bool(torch.equal(y[0, 0], x[0, 0])), y.shape  # position (0, 0) is not rotated
    (True, torch.Size([2, 3, 8]))
    """
    x = as_tensor(x, "x", min_ndim=3, floating=True)
    H, W, D = x.shape[-3:]
    if D % 4:
        raise ValueError(f"x.shape[-1] must be a multiple of 4, got shape {tuple(x.shape)}")
    half = D // 2
    row_cos, row_sin = rotary_cos_sin(torch.arange(H, device=x.device), half, base, x.dtype)
    col_cos, col_sin = rotary_cos_sin(torch.arange(W, device=x.device), half, base, x.dtype)
    by_row = apply_rotary(x[..., :half], row_cos[:, None, :], row_sin[:, None, :], interleaved)
    by_col = apply_rotary(x[..., half:], col_cos, col_sin, interleaved)
    return torch.cat([by_row, by_col], dim=-1)


def _angles(positions: Tensor, rotary_dim: int, base: float) -> Tensor:
    """``m theta_i`` in float64, shape ``(..., rotary_dim / 2)``."""
    positions = as_int_tensor(positions, "positions")
    r = as_positive_int(rotary_dim, "rotary_dim")
    if r % 2:
        raise ValueError(f"rotary_dim must be even, got {r}")
    exponents = torch.arange(0, r, 2, dtype=torch.float64, device=positions.device) / r
    inverse_frequencies = _check_base(base) ** -exponents  # theta_i
    return positions.to(torch.float64)[..., None] * inverse_frequencies


def _check_base(base: object) -> float:
    value = as_finite(base, "base")
    if value <= 1:
        raise ValueError(f"base must be > 1, got {base!r}")
    return value

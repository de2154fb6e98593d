"""Absolute position encodings: the fixed sinusoidal table, and a learned one.

Vaswani et al. 2017, "Attention Is All You Need", section 3.5::

    PE[pos, 2i]     = sin(pos / base^(2i / d))
    PE[pos, 2i + 1] = cos(pos / base^(2i / d))        base = 10000

Each pair of features is a clock at its own frequency, from one turn per ``2 pi``
positions down to one per ``2 pi base``; ``PE[pos + k]`` is a fixed linear map (a
rotation of each pair) of ``PE[pos]``.  The paper interleaves sines and cosines; some
libraries (tensor2tensor's ``get_timing_signal_1d``, fairseq) put all the sines first,
then all the cosines: ``layout="concatenated"``.  Same features, permuted.

:class:`LearnedPositionEmbedding` is the alternative the paper found to work as well: a
trained ``(max_positions, d)`` table, as in BERT and GPT-2.

Complexity: ``O(num_positions d)``.  The angles are computed in float64 and the table
cast to the requested dtype, so a float32 table is correctly rounded even at 10^5
positions (a float32 angle there would be off by ~1e-2).

Status: the table is compared entry by entry with the paper's formula evaluated with
Python's ``math`` (``tests/ml_from_scratch/position/test_position_sinusoidal.py``).
"""

from __future__ import annotations

from typing import Literal

import torch
from torch import Tensor, nn

from ml_from_scratch._checks import as_finite, as_int, as_positive_int, as_tensor, one_of

__all__ = ["LAYOUTS", "LearnedPositionEmbedding", "sinusoidal_encoding"]

Layout = Literal["interleaved", "concatenated"]
LAYOUTS: tuple[Layout, ...] = ("interleaved", "concatenated")


def sinusoidal_encoding(
    num_positions: int,
    dim: int,
    base: float = 10000.0,
    layout: Layout = "interleaved",
    dtype: torch.dtype = torch.float32,
    device: torch.device | str | None = None,
) -> Tensor:
    """The sinusoidal position table ``PE`` of shape ``(num_positions, dim)``.

    Parameters
    ----------
    num_positions : int
        ``>= 0``: positions ``0 .. num_positions - 1``.
    dim : int
        The even number of features ``d``.
    base : float
        ``> 0``; 10000 in the paper.
    layout : "interleaved" or "concatenated"
        ``"interleaved"``: the paper's, ``sin`` in even columns, ``cos`` in odd ones.
        ``"concatenated"``: ``[sin(pos w_0), ..., sin(pos w_{d/2-1}), cos(pos w_0), ...]``.
    dtype, device
        Of the table.

    Returns
    -------
    Tensor, shape ``(num_positions, dim)``

    Raises
    ------
    TypeError, ValueError
        If a size is not an int, ``dim`` is odd or not positive, ``base <= 0``, or
        ``layout`` is unknown.

    Complexity
    ----------
    ``O(num_positions * dim)``.

    Examples
    --------
    >>> sinusoidal_encoding(3, 4)  # frequencies 1 and 1/100
    tensor([[ 0.0000,  1.0000,  0.0000,  1.0000],
            [ 0.8415,  0.5403,  0.0100,  0.9999],
            [ 0.9093, -0.4161,  0.0200,  0.9998]])
    >>> sinusoidal_encoding(2, 4, layout="concatenated")
    tensor([[0.0000, 0.0000, 1.0000, 1.0000],
            [0.8415, 0.0100, 0.5403, 0.9999]])
    """
    n = as_int(num_positions, "num_positions", low=0)
    d = as_positive_int(dim, "dim")
    if d % 2:
        raise ValueError(f"dim must be even (sine and cosine pairs), got {d}")
    b = as_finite(base, "base")
    if b <= 0:
        raise ValueError(f"base must be > 0, got {base!r}")
    layout = one_of(layout, "layout", LAYOUTS)
    positions = torch.arange(n, dtype=torch.float64, device=device)[:, None]
    two_i = torch.arange(0, d, 2, dtype=torch.float64, device=device)
    angles = positions / b ** (two_i / d)  # (n, d / 2): pos / base^(2i / d)
    if layout == "interleaved":
        table = torch.stack([angles.sin(), angles.cos()], dim=-1).flatten(-2)
    else:
        table = torch.cat([angles.sin(), angles.cos()], dim=-1)
    return table.to(dtype)


class LearnedPositionEmbedding(nn.Module):
    """A trained table of position vectors, added to the inputs.

    Parameters
    ----------
    max_positions : int
        The longest sequence it can encode.
    dim : int
        The features ``d``.

    Attributes
    ----------
    weight : nn.Parameter, shape ``(max_positions, dim)``
        Initialised ``N(0, 0.02^2)``, as BERT and GPT-2 do.

    Examples
    --------
    >>> embed = LearnedPositionEmbedding(16, 4)
    >>> x = torch.zeros(2, 5, 4)
    >>> torch.equal(embed(x)[1], embed.weight[:5])
    True
    """

    def __init__(self, max_positions: int, dim: int) -> None:
        super().__init__()
        self.max_positions = as_positive_int(max_positions, "max_positions")
        self.dim = as_positive_int(dim, "dim")
        self.weight = nn.Parameter(torch.empty(self.max_positions, self.dim))
        nn.init.normal_(self.weight, std=0.02)

    def forward(self, x: Tensor, positions: Tensor | None = None) -> Tensor:
        """``x + weight[positions]``; ``positions`` default ``0 .. L - 1``.

        Parameters
        ----------
        x : Tensor, shape ``(..., L, dim)``
        positions : Tensor of ints, optional
            Broadcastable to ``(..., L)``, each in ``[0, max_positions)``.

        Raises
        ------
        ValueError
            If ``x`` has the wrong width or a position is out of range.
        """
        x = as_tensor(x, "x", min_ndim=2, floating=True)
        if x.shape[-1] != self.dim:
            raise ValueError(f"x.shape[-1] must be dim={self.dim}, got shape {tuple(x.shape)}")
        if positions is None:
            if x.shape[-2] > self.max_positions:
                raise ValueError(
                    f"x is {x.shape[-2]} long; at most max_positions={self.max_positions}"
                )
            return x + self.weight[: x.shape[-2]]
        if positions.numel() and not 0 <= int(positions.min()) <= int(positions.max()) < (
            self.max_positions
        ):
            raise ValueError(
                f"positions must lie in [0, {self.max_positions}), got values from "
                f"{int(positions.min())} to {int(positions.max())}"
            )
        return x + self.weight[positions]

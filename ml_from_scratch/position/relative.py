"""T5's relative position bias: a learned scalar per head and per bucket of distance.

Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified
Text-to-Text Transformer", section 2.1, and its code.  The offset ``key - query`` is put
in one of ``num_buckets`` buckets, exactly for small distances and logarithmically
beyond, up to ``max_distance`` (farther ones share the last bucket)::

    bidirectional: half the buckets for keys after the query (offset > 0), half before;
    n = |offset| (bidirectional) or max(-offset, 0) (causal: later keys all land in 0)
    B = num_buckets (halved if bidirectional),  exact = B / 2
    bucket(n) = n                                                   if n < exact
              = min(B - 1, exact + floor(log(n / exact) / log(max_distance / exact)
                                           * (B - exact)))          otherwise

With T5's 32 buckets, bidirectional, ``max_distance=128``: offsets -1 .. -7 in buckets
1 .. 7, -8 .. -11 in 8, -12 .. -15 in 9, -16 .. -22 in 10, ... every offset up to -128 in
15; positive offsets the same plus 16.  :class:`RelativePositionBias` looks the bucket
up in an ``nn.Embedding(num_buckets, num_heads)`` and gives the ``(heads, L, S)`` bias
to add to the scores.

Complexity: ``O(L S)`` for a bias table.  The logarithm is taken in float64.

Status: the buckets are checked against the formula evaluated exactly (in rationals)
for every offset in [-1000, 1000] under several configurations, and against the worked
values above (``tests/ml_from_scratch/position/test_position_relative.py``).
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from ml_from_scratch._checks import as_bool, as_int, as_int_tensor, as_positive_int

__all__ = ["RelativePositionBias", "relative_positions", "t5_relative_position_bucket"]


def t5_relative_position_bucket(
    relative_position: Tensor,
    bidirectional: bool = True,
    num_buckets: int = 32,
    max_distance: int = 128,
) -> Tensor:
    """The bucket of each ``key - query`` offset (module docstring).

    Parameters
    ----------
    relative_position : Tensor of ints
        Offsets ``key position - query position``, any shape.
    bidirectional : bool
        Separate buckets for keys after the query (an encoder); otherwise keys after
        the query all go to bucket 0 (a decoder, where they are masked anyway).
    num_buckets : int
        ``>= 4`` if bidirectional, else ``>= 2``.
    max_distance : int
        Distances from here on share the last bucket; more than the exact range
        (``num_buckets / 4`` bidirectional, ``/ 2`` otherwise).

    Returns
    -------
    Tensor of int64, the shape of ``relative_position``, values in ``[0, num_buckets)``

    Raises
    ------
    TypeError, ValueError
        If ``relative_position`` is not an integer tensor, or the sizes are out of range.

    Complexity
    ----------
    ``O(numel)``.

    Examples
    --------
    >>> offsets = torch.tensor([-130, -16, -8, -1, 0, 1, 8, 16, 130])
    >>> t5_relative_position_bucket(offsets)
    tensor([15, 10,  8,  1,  0, 17, 24, 26, 31])
    >>> t5_relative_position_bucket(offsets, bidirectional=False)
    tensor([31, 16,  8,  1,  0,  0,  0,  0,  0])
    """
    offsets = as_int_tensor(relative_position, "relative_position").long()
    two_sided = as_bool(bidirectional, "bidirectional")
    buckets = as_int(num_buckets, "num_buckets", low=4 if two_sided else 2)
    if two_sided:
        buckets //= 2
        side = (offsets > 0).long() * buckets  # keys after the query: the upper half
        distance = offsets.abs()
    else:
        side = torch.zeros_like(offsets)
        distance = (-offsets).clamp_min(0)
    exact = buckets // 2
    farthest = as_positive_int(max_distance, "max_distance")
    if farthest <= exact:
        raise ValueError(
            f"max_distance must exceed the exact range {exact} (num_buckets={num_buckets}), "
            f"got {max_distance}"
        )
    # The logarithmic buckets; the clamp keeps log() finite where the exact branch wins.
    ratio = distance.clamp_min(exact).to(torch.float64) / exact
    steps = torch.log(ratio) / math.log(farthest / exact) * (buckets - exact)
    far = (exact + steps.floor().long()).clamp_max(buckets - 1)
    return side + torch.where(distance < exact, distance, far)


def relative_positions(
    query_len: int, key_len: int, device: torch.device | str | None = None
) -> Tensor:
    """The ``(L, S)`` offsets ``key - query``: ``out[i, j] = j - i``.

    >>> relative_positions(2, 3)
    tensor([[ 0,  1,  2],
            [-1,  0,  1]])
    """
    L, S = as_int(query_len, "query_len", low=0), as_int(key_len, "key_len", low=0)
    return torch.arange(S, device=device)[None, :] - torch.arange(L, device=device)[:, None]


class RelativePositionBias(nn.Module):
    """T5's learned bias: one scalar per head and bucket of ``key - query``.

    Parameters
    ----------
    num_heads : int
    num_buckets, max_distance : int
        As :func:`t5_relative_position_bucket`; T5 uses 32 and 128.
    bidirectional : bool
        True for an encoder, False for a decoder.

    Attributes
    ----------
    embedding : nn.Embedding, ``(num_buckets, num_heads)``

    Examples
    --------
    >>> bias = RelativePositionBias(num_heads=4)
    >>> bias(3, 5).shape
    torch.Size([4, 3, 5])
    >>> table = bias(6, 6)
    >>> torch.equal(table[:, 1, 3], table[:, 2, 4])  # the same offset, the same bias
    True
    """

    def __init__(
        self,
        num_heads: int,
        num_buckets: int = 32,
        max_distance: int = 128,
        bidirectional: bool = True,
    ) -> None:
        super().__init__()
        self.num_heads = as_positive_int(num_heads, "num_heads")
        self.num_buckets = as_positive_int(num_buckets, "num_buckets")
        self.max_distance = as_positive_int(max_distance, "max_distance")
        self.bidirectional = as_bool(bidirectional, "bidirectional")
        self.embedding = nn.Embedding(self.num_buckets, self.num_heads)
        # Fail here rather than at the first forward: the sizes are checked by a call.
        t5_relative_position_bucket(
            torch.zeros(1, dtype=torch.long), bidirectional, num_buckets, max_distance
        )

    def forward(self, query_len: int, key_len: int) -> Tensor:
        """The bias to add to ``(heads, L, S)`` scores."""
        device = self.embedding.weight.device
        buckets = t5_relative_position_bucket(
            relative_positions(query_len, key_len, device),
            self.bidirectional,
            self.num_buckets,
            self.max_distance,
        )
        table: Tensor = self.embedding(buckets)  # (L, S, heads)
        return table.permute(2, 0, 1)

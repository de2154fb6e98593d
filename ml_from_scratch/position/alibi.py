"""ALiBi: attention with linear biases, a penalty growing with the distance to the key.

Press, Smith and Lewis 2022, "Train Short, Test Long: Attention with Linear Biases
Enables Input Length Extrapolation".  No position is added to the inputs; instead each
head ``h`` adds ``-m_h * (i - j)`` to the score of query ``i`` for key ``j``, with a
fixed slope per head.  For ``n`` heads, ``n`` a power of two, the slopes are the
geometric sequence starting at and with ratio ``2^(-8/n)``::

    m_h = 2^(-8 h / n),   h = 1, ..., n          (8 heads: 1/2, 1/4, ..., 1/256)

For other ``n`` the paper's code takes the slopes of the closest power of two
``p < n`` and then every other slope of ``2p`` heads (the ones between), the first
``n - p`` of them.

:func:`alibi_bias` is ``-m_h |i - j|``: on the causal part (``j <= i``) the paper's
``-m_h (i - j)``, and symmetric past it for encoders.  (The paper's causal code adds
``m_h j`` instead, which differs by ``m_h i`` per row: the softmax cancels it.)

Complexity: ``O(n)`` slopes, ``O(n L S)`` for the bias.

Status: the slopes are checked against the paper's values (8 heads: 2^-1 ... 2^-8) and
against its recursive code written out in the tests for 1 to 64 heads; the bias
against the formula, and its softmax against the paper's causal form
(``tests/ml_from_scratch/position/test_position_alibi.py``).
"""

from __future__ import annotations

import torch
from torch import Tensor

from ml_from_scratch._checks import as_int, as_positive_int

__all__ = ["alibi_bias", "alibi_slopes"]


def alibi_slopes(num_heads: int, dtype: torch.dtype = torch.float32) -> Tensor:
    """The ALiBi slope of each head (module docstring).

    Parameters
    ----------
    num_heads : int
        ``>= 1``; any count, powers of two or not.
    dtype : torch.dtype

    Returns
    -------
    Tensor, shape ``(num_heads,)``

    Raises
    ------
    TypeError, ValueError
        If ``num_heads`` is not an int ``>= 1``.

    Complexity
    ----------
    ``O(num_heads)``.

    Examples
    --------
    >>> alibi_slopes(8) * 256
    tensor([128.,  64.,  32.,  16.,   8.,   4.,   2.,   1.])
    >>> alibi_slopes(6)  # 4 heads' slopes, then 8 heads' 1st and 3rd: 2^-1, 2^-3
    tensor([0.2500, 0.0625, 0.0156, 0.0039, 0.5000, 0.1250])
    """
    n = as_positive_int(num_heads, "num_heads")
    return torch.tensor(_slopes(n), dtype=dtype)


def alibi_bias(
    num_heads: int,
    query_len: int,
    key_len: int,
    dtype: torch.dtype = torch.float32,
    device: torch.device | str | None = None,
) -> Tensor:
    """``-m_h |i - j|`` for every head, query and key: shape ``(num_heads, L, S)``.

    Add it to the scores (``attn_mask`` of
    :func:`~ml_from_scratch.attention.scaled_dot_product_attention`), with the causal
    mask for a decoder.

    Examples
    --------
    >>> alibi_bias(2, 2, 3)
    tensor([[[-0.0000, -0.0625, -0.1250],
             [-0.0625, -0.0000, -0.0625]],
    <BLANKLINE>
            [[-0.0000, -0.0039, -0.0078],
             [-0.0039, -0.0000, -0.0039]]])
    """
    slopes = alibi_slopes(num_heads, torch.float64).to(device)
    L, S = as_int(query_len, "query_len", low=0), as_int(key_len, "key_len", low=0)
    rows = torch.arange(L, dtype=torch.float64, device=device)[:, None]
    cols = torch.arange(S, dtype=torch.float64, device=device)[None, :]
    return (-slopes[:, None, None] * (rows - cols).abs()).to(dtype)


def _slopes(n: int) -> list[float]:
    """The slopes as Python floats: exact powers of two where ``n`` is one."""
    if n & (n - 1) == 0:  # a power of two
        return [2.0 ** (-8.0 * h / n) for h in range(1, n + 1)]
    p = 1 << (n.bit_length() - 1)  # the closest power of two below n
    return _slopes(p) + _slopes(2 * p)[0::2][: n - p]

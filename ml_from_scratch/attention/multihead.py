"""Multi-head attention: ``h`` attentions on learned projections, side by side.

Vaswani et al. 2017, section 3.2.2::

    MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W^O
    head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V)

Each projection is one ``nn.Linear`` (``q_proj``, ``k_proj``, ``v_proj``) whose
``embed_dim`` outputs are split into ``h`` heads of ``embed_dim / h`` dimensions; the
heads attend independently (:func:`~ml_from_scratch.attention.attention_weights`) and
``out_proj`` mixes their concatenation.  The interface is
``torch.nn.MultiheadAttention(batch_first=True)``'s, masks included, and
:meth:`MultiHeadAttention.from_torch` copies the weights of one.

Complexity: ``O(N (L + S) E^2)`` for the projections and ``O(N L S E)`` for the
attention; ``O(N h L S)`` memory for the weights.

Status: outputs, weights and gradients checked against ``torch.nn.MultiheadAttention``
with the same weights, over masks, padding, ``kdim``/``vdim`` and dtypes
(``tests/ml_from_scratch/attention/test_attention_multihead.py``).
"""

from __future__ import annotations

import functools
import math
import operator

import torch
from torch import Tensor, nn

from ml_from_scratch._checks import (
    as_bool,
    as_generator,
    as_positive_int,
    as_probability,
    as_tensor,
    describe,
)
from ml_from_scratch.attention.scaled_dot_product import _dropout, _weights, causal_mask

__all__ = ["MultiHeadAttention"]


class MultiHeadAttention(nn.Module):
    """Multi-head attention with separate query, key, value and output projections.

    Parameters
    ----------
    embed_dim : int
        The model's width ``E``: the queries' features and the output's.
    num_heads : int
        ``h``; must divide ``embed_dim``.
    bias : bool
        Whether the four projections have biases.
    dropout : float
        Dropout on the attention weights, in training mode.
    kdim, vdim : int, optional
        The features of the keys and of the values; default ``embed_dim``.

    Attributes
    ----------
    q_proj, k_proj, v_proj, out_proj : nn.Linear
        ``E -> E``, ``kdim -> E``, ``vdim -> E`` and ``E -> E``.

    Raises
    ------
    TypeError, ValueError
        If a size is not a positive int, ``num_heads`` does not divide ``embed_dim``,
        or ``dropout`` is outside ``[0, 1]``.

    Examples
    --------
    >>> _ = torch.manual_seed(0)
    >>> mha = MultiHeadAttention(8, num_heads=2)
    >>> x = torch.randn(3, 5, 8)  # batch 3, length 5
    >>> out, weights = mha(x, x, x, is_causal=True, need_weights=True)
    >>> out.shape, weights.shape
    (torch.Size([3, 5, 8]), torch.Size([3, 5, 5]))
    >>> bool(weights[0, 0, 1:].eq(0).all())  # the first query sees only itself
    True
    """

    def __init__(
        self,
        embed_dim: int,
        num_heads: int,
        bias: bool = True,
        dropout: float = 0.0,
        kdim: int | None = None,
        vdim: int | None = None,
    ) -> None:
        super().__init__()
        self.embed_dim = as_positive_int(embed_dim, "embed_dim")
        self.num_heads = as_positive_int(num_heads, "num_heads")
        if self.embed_dim % self.num_heads:
            raise ValueError(
                f"num_heads must divide embed_dim: got embed_dim={embed_dim}, num_heads={num_heads}"
            )
        self.head_dim = self.embed_dim // self.num_heads
        self.dropout = as_probability(dropout, "dropout")
        self.kdim = self.embed_dim if kdim is None else as_positive_int(kdim, "kdim")
        self.vdim = self.embed_dim if vdim is None else as_positive_int(vdim, "vdim")
        with_bias = as_bool(bias, "bias")
        self.q_proj = nn.Linear(self.embed_dim, self.embed_dim, bias=with_bias)
        self.k_proj = nn.Linear(self.kdim, self.embed_dim, bias=with_bias)
        self.v_proj = nn.Linear(self.vdim, self.embed_dim, bias=with_bias)
        self.out_proj = nn.Linear(self.embed_dim, self.embed_dim, bias=with_bias)

    def forward(
        self,
        query: Tensor,
        key: Tensor,
        value: Tensor,
        attn_mask: Tensor | None = None,
        key_padding_mask: Tensor | None = None,
        is_causal: bool = False,
        need_weights: bool = False,
        average_attn_weights: bool = True,
        generator: torch.Generator | None = None,
    ) -> tuple[Tensor, Tensor | None]:
        """Attend from ``query`` to ``key``/``value``; masks as ``nn.MultiheadAttention``'s.

        Parameters
        ----------
        query : Tensor, shape ``(N, L, E)`` or ``(L, E)`` unbatched
        key : Tensor, shape ``(N, S, kdim)`` or ``(S, kdim)``
        value : Tensor, shape ``(N, S, vdim)`` or ``(S, vdim)``
        attn_mask : Tensor, optional
            Shape ``(L, S)`` or ``(N * num_heads, L, S)``.  Boolean: ``True`` where the
            query may **not** attend (``nn.MultiheadAttention``'s convention, the
            opposite of ``scaled_dot_product_attention``'s).  Floating: added to the
            scores.
        key_padding_mask : Tensor, optional
            Shape ``(N, S)`` or ``(S,)``.  Boolean: ``True`` for a padding key to
            ignore.  Floating: added to the scores of that key.
        is_causal : bool
            Query ``i`` attends keys ``j <= i`` only, on top of any mask.  (In
            ``nn.MultiheadAttention`` the flag is a hint that ``attn_mask`` is the
            causal mask, which must be given too; here it is enough by itself.)
        need_weights : bool
            Also return the attention weights (after dropout).
        average_attn_weights : bool
            Average the returned weights over the heads: ``(N, L, S)``; otherwise
            ``(N, num_heads, L, S)``.
        generator : torch.Generator, optional
            The dropout's randomness, in training mode.

        Returns
        -------
        output : Tensor, shape ``(N, L, E)`` (or ``(L, E)``)
        weights : Tensor or None
            As ``average_attn_weights`` says; ``None`` unless ``need_weights``.  A
            query whose keys are all masked gets zero weights and the output bias
            alone (``nn.MultiheadAttention`` gives NaN there).

        Raises
        ------
        TypeError, ValueError
            On inputs of the wrong kind, dtype, device or shape, naming the argument.
        """
        unbatched = _check_inputs(self, query, key, value)
        if unbatched:
            query, key, value = query.unsqueeze(0), key.unsqueeze(0), value.unsqueeze(0)
            if key_padding_mask is not None:
                key_padding_mask = as_tensor(key_padding_mask, "key_padding_mask").unsqueeze(0)
        N, L, S = query.shape[0], query.shape[1], key.shape[1]
        mask = self._mask(attn_mask, key_padding_mask, as_bool(is_causal, "is_causal"), N, L, S)
        q, k, v = (
            self._split_heads(proj(x))
            for proj, x in ((self.q_proj, query), (self.k_proj, key), (self.v_proj, value))
        )
        weights = _weights(q, k, mask, False, None)
        generator = as_generator(generator)
        if self.training and self.dropout > 0:
            weights = _dropout(weights, self.dropout, generator)
        heads = (weights @ v).transpose(1, 2).reshape(N, L, self.embed_dim)
        output = self.out_proj(heads)
        returned = None
        if as_bool(need_weights, "need_weights"):
            average = as_bool(average_attn_weights, "average_attn_weights")
            returned = weights.mean(dim=1) if average else weights
        if unbatched:
            output = output.squeeze(0)
            returned = None if returned is None else returned.squeeze(0)
        return output, returned

    @classmethod
    def from_torch(cls, mha: nn.MultiheadAttention) -> MultiHeadAttention:
        """A copy of a ``torch.nn.MultiheadAttention(batch_first=True)``: the same outputs.

        Its packed ``in_proj_weight`` (or separate ``q/k/v_proj_weight`` when ``kdim`` or
        ``vdim`` differ from ``embed_dim``) and ``in_proj_bias`` are split into
        ``q_proj``, ``k_proj`` and ``v_proj``; ``out_proj`` is copied.  The copy has the
        module's dtype and device and is in its training mode.

        Raises
        ------
        TypeError
            If ``mha`` is not an ``nn.MultiheadAttention``.
        ValueError
            If it is not batch-first, or uses ``add_bias_kv`` or ``add_zero_attn``
            (which this module does not have).

        Examples
        --------
        >>> torch_mha = nn.MultiheadAttention(8, 2, batch_first=True)
        >>> ours = MultiHeadAttention.from_torch(torch_mha)
        >>> x = torch.randn(2, 4, 8)
        >>> torch.allclose(ours(x, x, x)[0], torch_mha(x, x, x)[0], atol=1e-6)
        True
        """
        if not isinstance(mha, nn.MultiheadAttention):
            raise TypeError(f"mha must be a torch.nn.MultiheadAttention, got {describe(mha)}")
        if not mha.batch_first:
            raise ValueError("mha must be built with batch_first=True (this module is batch first)")
        if mha.bias_k is not None or mha.add_zero_attn:
            raise ValueError("mha must not use add_bias_kv or add_zero_attn")
        weight = mha.out_proj.weight
        ours = cls(
            mha.embed_dim,
            mha.num_heads,
            bias=mha.in_proj_bias is not None,
            dropout=mha.dropout,
            kdim=mha.kdim,
            vdim=mha.vdim,
        ).to(dtype=weight.dtype, device=weight.device)
        packed: Tensor | None = mha.in_proj_weight  # None when kdim or vdim differ
        if packed is not None:
            weights = packed.chunk(3)
        else:
            weights = (mha.q_proj_weight, mha.k_proj_weight, mha.v_proj_weight)
        projections = (ours.q_proj, ours.k_proj, ours.v_proj)
        packed_bias: Tensor | None = mha.in_proj_bias
        biases = packed_bias.chunk(3) if packed_bias is not None else (None, None, None)
        with torch.no_grad():
            for proj, w, b in zip(projections, weights, biases, strict=True):
                proj.weight.copy_(w)
                if b is not None and proj.bias is not None:
                    proj.bias.copy_(b)
            ours.out_proj.load_state_dict(mha.out_proj.state_dict())
        return ours.train(mha.training)

    def _split_heads(self, x: Tensor) -> Tensor:
        """``(N, T, E)`` to ``(N, h, T, E / h)``."""
        N, T, _ = x.shape
        return x.view(N, T, self.num_heads, self.head_dim).transpose(1, 2)

    def _mask(
        self,
        attn_mask: Tensor | None,
        key_padding_mask: Tensor | None,
        is_causal: bool,
        N: int,
        L: int,
        S: int,
    ) -> Tensor | None:
        """One mask in ``attention_weights``' convention, broadcastable to (N, h, L, S)."""
        masks = []
        if attn_mask is not None:
            masks.append(self._attn_mask(attn_mask, N, L, S))
        if key_padding_mask is not None:
            padding = as_tensor(key_padding_mask, "key_padding_mask")
            _check_shape("key_padding_mask", padding, [(N, S)])
            masks.append(_allowed(padding, self.q_proj.weight.dtype)[:, None, None, :])
        if is_causal:
            masks.append(causal_mask(L, S, device=self.q_proj.weight.device))
        if not masks:
            return None
        if all(m.dtype == torch.bool for m in masks):  # may attend where all allow it
            return functools.reduce(operator.and_, masks)
        dtype = self.q_proj.weight.dtype
        return functools.reduce(operator.add, (_as_additive(m, dtype) for m in masks))

    def _attn_mask(self, attn_mask: Tensor, N: int, L: int, S: int) -> Tensor:
        mask = as_tensor(attn_mask, "attn_mask")
        _check_shape("attn_mask", mask, [(L, S), (N * self.num_heads, L, S)])
        if mask.ndim == 3:
            mask = mask.view(N, self.num_heads, L, S)
        return _allowed(mask, self.q_proj.weight.dtype)


def _check_inputs(module: MultiHeadAttention, query: Tensor, key: Tensor, value: Tensor) -> bool:
    """Check the shapes against the module; True when the inputs are unbatched."""
    names = ("query", "key", "value")
    tensors = [
        as_tensor(x, name, floating=True)
        for x, name in zip((query, key, value), names, strict=True)
    ]
    ndim = tensors[0].ndim
    if ndim not in (2, 3) or any(t.ndim != ndim for t in tensors):
        shapes = ", ".join(str(tuple(t.shape)) for t in tensors)
        raise ValueError(f"query, key and value must all be 3-D (batched) or 2-D, got {shapes}")
    for t, name, features in zip(
        tensors, names, (module.embed_dim, module.kdim, module.vdim), strict=True
    ):
        if t.shape[-1] != features:
            raise ValueError(f"{name}.shape[-1] must be {features}, got shape {tuple(t.shape)}")
    if key.shape[:-1] != value.shape[:-1] or key.shape[:-2] != query.shape[:-2]:
        raise ValueError(
            "key and value must have the same batch and length, and query the same batch: "
            f"got {tuple(query.shape)}, {tuple(key.shape)}, {tuple(value.shape)}"
        )
    return ndim == 2


def _check_shape(name: str, tensor: Tensor, allowed: list[tuple[int, ...]]) -> None:
    if tuple(tensor.shape) not in allowed:
        options = " or ".join(str(shape) for shape in allowed)
        raise ValueError(f"{name} must have shape {options}, got {tuple(tensor.shape)}")


def _allowed(mask: Tensor, dtype: torch.dtype) -> Tensor:
    """A torch-MHA mask (``True`` = forbidden) as a may-attend mask or additive floats."""
    if mask.dtype == torch.bool:
        return ~mask
    if mask.dtype != dtype:
        raise TypeError(f"a floating mask must have the module's dtype {dtype}, got {mask.dtype}")
    return mask


def _as_additive(mask: Tensor, dtype: torch.dtype) -> Tensor:
    """A may-attend boolean mask as 0 / -inf floats; a float mask unchanged."""
    if mask.dtype != torch.bool:
        return mask
    return torch.zeros(mask.shape, dtype=dtype, device=mask.device).masked_fill(~mask, -math.inf)

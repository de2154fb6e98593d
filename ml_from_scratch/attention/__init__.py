"""Attention from scratch: softmax attention, its tiled (flash) form, multi-head, linear.

* :mod:`.scaled_dot_product`: ``softmax(Q K^T / sqrt(E) + M) V``, the plain reference.
* :mod:`.flash`: the same in tiles with an online softmax, never forming ``L x S``.
* :mod:`.multihead`: ``MultiHeadAttention``, an ``nn.Module`` around it.
* :mod:`.linear`: kernelised linear attention (Katharopoulos et al.), with RoPE.
* :mod:`.gau`: the gated attention unit and FLASH (Hua et al., "Transformer Quality in
  Linear Time").
"""

from ml_from_scratch.attention.flash import flash_attention
from ml_from_scratch.attention.gau import FLASH, GAU, mixed_chunk_attention
from ml_from_scratch.attention.linear import (
    FEATURE_MAPS,
    linear_attention,
    rotary_linear_attention,
)
from ml_from_scratch.attention.multihead import MultiHeadAttention
from ml_from_scratch.attention.scaled_dot_product import (
    attention_weights,
    causal_mask,
    scaled_dot_product_attention,
)

__all__ = [
    "FEATURE_MAPS",
    "FLASH",
    "GAU",
    "MultiHeadAttention",
    "attention_weights",
    "causal_mask",
    "flash_attention",
    "linear_attention",
    "mixed_chunk_attention",
    "rotary_linear_attention",
    "scaled_dot_product_attention",
]

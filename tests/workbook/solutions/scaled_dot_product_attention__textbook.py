# expect: pass
"""Softmax attention as a textbook writes it, with the care a fully masked row needs.

Masked scores become -inf; a row that is -inf throughout (nothing to attend) would give
0 / 0 in the softmax, so it is softmaxed as zeros and its weights zeroed afterwards:
zeros out, and zero gradients, rather than NaN.
"""

import math

import torch


def scaled_dot_product_attention(
    query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, generator=None
):
    L, S = query.shape[-2], key.shape[-2]
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    scores = query @ key.transpose(-2, -1) * scale
    if is_causal:
        attn_mask = torch.ones(L, S, dtype=torch.bool).tril()
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, -math.inf)
        else:
            scores = scores + attn_mask
    empty = (scores == -math.inf).all(dim=-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(empty, 0.0), dim=-1).masked_fill(empty, 0.0)
    if dropout_p > 0:
        keep = torch.rand(weights.shape, generator=generator, dtype=weights.dtype) >= dropout_p
        weights = weights * keep / (1 - dropout_p)
    return weights @ value

# expect: pass
"""Nearest and bilinear resizing, one axis at a time, as the statement spells them out."""

import math

import torch


def axis_step(n_in, n_out, factor):
    step = 1 / factor if factor is not None else n_in / n_out
    return torch.tensor(step, dtype=torch.float32)


def nearest_axis(x, dim, n_out, factor):
    n_in = x.shape[dim]
    if n_out == n_in:
        return x
    if n_out == 2 * n_in:
        index = torch.arange(n_out) // 2
    else:
        position = torch.arange(n_out, dtype=torch.float32) * axis_step(n_in, n_out, factor)
        index = position.floor().long().clamp(max=n_in - 1)
    return x.index_select(dim, index)


def bilinear_axis(x, dim, n_out, factor, align_corners):
    n_in = x.shape[dim]
    if n_out == n_in:
        return x
    i = torch.arange(n_out, dtype=torch.float32)
    if align_corners:
        src = i * ((n_in - 1) / (n_out - 1) if n_out > 1 else 0.0)
    else:
        src = ((i + 0.5) * axis_step(n_in, n_out, factor) - 0.5).clamp(min=0)
    i0 = src.floor().long().clamp(max=n_in - 1)
    i1 = (i0 + 1).clamp(max=n_in - 1)
    t = (src - i0).clamp(0, 1)
    shape = [1] * x.dim()
    shape[dim] = n_out
    t = t.view(shape)
    return (1 - t) * x.index_select(dim, i0) + t * x.index_select(dim, i1)


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    height, width = input.shape[2:]
    if size is not None:
        sizes = (size, size) if isinstance(size, int) else tuple(size)
        factors = (None, None)
    else:
        factors = (
            (scale_factor, scale_factor)
            if isinstance(scale_factor, int | float)
            else tuple(scale_factor)
        )
        sizes = (math.floor(height * factors[0]), math.floor(width * factors[1]))
    x = input
    for dim in (3, 2):
        n_out, factor = sizes[dim - 2], factors[dim - 2]
        if mode == "nearest":
            x = nearest_axis(x, dim, n_out, factor)
        else:
            x = bilinear_axis(x, dim, n_out, factor, bool(align_corners))
    return x

# expect: pass
"""Angles pos / base^(2i / dim) as an outer product; sines in the even columns, cosines
in the odd ones."""

import torch


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    position = torch.arange(num_positions, dtype=torch.float32)[:, None]
    frequency = base ** (-torch.arange(0, dim, 2, dtype=torch.float32) / dim)
    angle = position * frequency
    encoding = torch.zeros(num_positions, dim)
    encoding[:, 0::2] = torch.sin(angle)
    encoding[:, 1::2] = torch.cos(angle)
    return encoding

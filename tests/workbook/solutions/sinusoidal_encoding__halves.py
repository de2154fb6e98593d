# expect: fail
"""All the sines, then all the cosines (concatenated halves, as some libraries lay them
out): the same values in other columns, not interleaved as the paper's PE."""

import torch


def sinusoidal_encoding(num_positions, dim, base=10000.0):
    position = torch.arange(num_positions, dtype=torch.float32)[:, None]
    frequency = base ** (-torch.arange(0, dim, 2, dtype=torch.float32) / dim)
    angle = position * frequency
    return torch.cat([torch.sin(angle), torch.cos(angle)], dim=1)

# expect: pass
"""ALiBi's slopes as the paper's code computes them, in plain Python floats."""

import math

import torch


def alibi_slopes(num_heads):
    def geometric(n):
        return [2 ** (-8 * h / n) for h in range(1, n + 1)]

    if num_heads & (num_heads - 1) == 0:
        return torch.tensor(geometric(num_heads))
    p = 2 ** math.floor(math.log2(num_heads))
    return torch.tensor(geometric(p) + geometric(2 * p)[0::2][: num_heads - p])

# expect: fail
# counterexample: alibi_slopes\(6\)
"""The geometric sequence for every head count: right for 8 heads, wrong for 6."""

import torch


def alibi_slopes(num_heads):
    return torch.tensor([2 ** (-8 * h / num_heads) for h in range(1, num_heads + 1)])

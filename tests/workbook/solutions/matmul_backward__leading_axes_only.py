# expect: fail
"""Sums over the batch axes an operand lacks, but not over those where it had size 1:
right for (5, 2, 3) @ (3, 4), wrong shape for (2, 1, n, k) @ (1, 3, k, m)."""

import numpy as np


def _sum_to(grad, shape):
    return grad.sum(axis=tuple(range(grad.ndim - len(shape))))


def matmul_backward(grad, a, b):
    grad_a = grad @ np.swapaxes(b, -1, -2)
    grad_b = np.swapaxes(a, -1, -2) @ grad
    return _sum_to(grad_a, a.shape), _sum_to(grad_b, b.shape)

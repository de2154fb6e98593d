# expect: pass
"""G B^T and A^T G on the last two axes, then each summed over the batch axes its operand
was broadcast along: the leading ones it lacks, and those where it had size 1."""

import numpy as np


def _sum_to(grad, shape):
    extra = grad.ndim - len(shape)
    grad = grad.sum(axis=tuple(range(extra)))
    ones = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] != 1)
    return grad.sum(axis=ones, keepdims=True)


def matmul_backward(grad, a, b):
    grad_a = grad @ np.swapaxes(b, -1, -2)
    grad_b = np.swapaxes(a, -1, -2) @ grad
    return _sum_to(grad_a, a.shape), _sum_to(grad_b, b.shape)

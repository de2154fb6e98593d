# expect: fail
# counterexample: softmax_backward\(array\(\[1\., 0\.\]\), array\(\[0\., 0\.\]\)\)
"""The classic slip: only the diagonal of the Jacobian, as if softmax were a sigmoid."""

import numpy as np


def softmax_backward(grad, x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    y = e / e.sum(axis=axis, keepdims=True)
    return grad * y * (1 - y)

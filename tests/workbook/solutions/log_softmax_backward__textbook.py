# expect: pass
"""softmax(x) with the maximum subtracted first, then grad - softmax(x) * sum(grad)."""

import numpy as np


def log_softmax_backward(grad, x, axis=-1):
    shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    softmax = shifted / shifted.sum(axis=axis, keepdims=True)
    return grad - softmax * grad.sum(axis=axis, keepdims=True)

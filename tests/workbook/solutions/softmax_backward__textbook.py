# expect: pass
"""y = softmax(x), shifted by the maximum; dL/dx = y * (g - <g, y>) along the axis."""

import numpy as np


def softmax_backward(grad, x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    y = e / e.sum(axis=axis, keepdims=True)
    return y * (grad - (grad * y).sum(axis=axis, keepdims=True))

# expect: pass
"""The normalised input and g_hat = grad * weight, then the three-term formula; the
parameter gradients summed over every axis but the last."""

import numpy as np


def layer_norm_backward(grad, x, weight, bias, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    inv_std = 1 / np.sqrt(((x - mu) ** 2).mean(axis=-1, keepdims=True) + eps)
    x_hat = (x - mu) * inv_std
    g_hat = grad * weight
    grad_x = inv_std * (
        g_hat
        - g_hat.mean(axis=-1, keepdims=True)
        - x_hat * (g_hat * x_hat).mean(axis=-1, keepdims=True)
    )
    axes = tuple(range(x.ndim - 1))
    return grad_x, (grad * x_hat).sum(axis=axes), grad.sum(axis=axes)

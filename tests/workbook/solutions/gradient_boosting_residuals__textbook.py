# expect: pass
"""The negative gradients loss by loss, the sigmoid and softmax from shifted exponentials."""

import numpy as np


def gradient_boosting_residuals(y, raw_prediction, loss="squared_error", delta=1.0):
    y = np.asarray(y, dtype=float)
    f = np.asarray(raw_prediction, dtype=float)
    if loss == "squared_error":
        return y - f
    if loss == "absolute_error":
        return np.sign(y - f)
    if loss == "huber":
        return np.clip(y - f, -delta, delta)
    if f.ndim == 1:  # binary: 1 / (1 + exp(-F)), the exponent never positive
        e = np.exp(-np.abs(f))
        p = np.where(f >= 0, 1 / (1 + e), e / (1 + e))
        return y - p
    shifted = np.exp(f - f.max(axis=1, keepdims=True))
    p = shifted / shifted.sum(axis=1, keepdims=True)
    onehot = np.zeros_like(f)
    onehot[np.arange(len(y)), y.astype(int)] = 1.0
    return onehot - p

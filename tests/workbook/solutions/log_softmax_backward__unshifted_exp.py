# expect: fail
# counterexample: log_softmax_backward\(array\(\[1\., 1\.\]\), array\(\[1000\.
"""softmax(x) as exp(x) / sum(exp(x)), without subtracting the maximum: exact for small
logits, inf / inf = NaN once a logit passes 709."""

import numpy as np


def log_softmax_backward(grad, x, axis=-1):
    exps = np.exp(x)
    softmax = exps / exps.sum(axis=axis, keepdims=True)
    return grad - softmax * grad.sum(axis=axis, keepdims=True)

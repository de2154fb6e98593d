# expect: pass
"""Adam as torch.optim.Adam writes it: the moments, then the step with eps added after the
square root's bias correction; AdamW shrinks the parameter first."""

import numpy as np


def adam_step(
    param,
    grad,
    exp_avg,
    exp_avg_sq,
    step,
    *,
    lr=1e-3,
    betas=(0.9, 0.999),
    eps=1e-8,
    weight_decay=0.0,
    decoupled=False,
):
    beta1, beta2 = betas
    if weight_decay and decoupled:
        param = param * (1 - lr * weight_decay)
    elif weight_decay:
        grad = grad + weight_decay * param
    exp_avg = beta1 * exp_avg + (1 - beta1) * grad
    exp_avg_sq = beta2 * exp_avg_sq + (1 - beta2) * grad * grad
    bias1 = 1 - beta1**step
    bias2 = 1 - beta2**step
    denom = np.sqrt(exp_avg_sq) / np.sqrt(bias2) + eps
    return param - lr / bias1 * exp_avg / denom, exp_avg, exp_avg_sq

# expect: fail
# counterexample: adam_step\(.*, 1, lr=0\.001, betas=\(0\.9, 0\.999\)
"""The paper's "more efficient" ordering (end of its section 2): both bias corrections
folded into the step size, so eps is added to the uncorrected sqrt(v).  That is a
different eps (the paper's eps-hat), off by a relative 1e-7 when the gradients are of
order 1."""

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
    alpha = lr * np.sqrt(1 - beta2**step) / (1 - beta1**step)
    return param - alpha * exp_avg / (np.sqrt(exp_avg_sq) + eps), exp_avg, exp_avg_sq

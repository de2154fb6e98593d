# expect: pass
"""torch.optim.SGD's rule: weight decay into the gradient, the velocity a copy of it at the
first step and a damped running sum after, Nesterov looking one step ahead."""

import numpy as np


def sgd_step(
    param, grad, velocity=None, *, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False
):
    g = grad + weight_decay * param
    if momentum != 0:
        if velocity is None:
            velocity = np.array(g, copy=True)
        else:
            velocity = momentum * velocity + (1 - dampening) * g
        g = g + momentum * velocity if nesterov else velocity
    return param - lr * g, velocity

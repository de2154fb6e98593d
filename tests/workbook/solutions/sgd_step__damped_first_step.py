# expect: fail
# counterexample: sgd_step\(.*None, lr=0\.01, momentum=0\.9, dampening=0\.3
"""Starts the velocity at zero and damps the first gradient too: the same as torch while
dampening is 0, a first step (1 - dampening) times too short otherwise (torch copies the
first gradient undamped)."""

import numpy as np


def sgd_step(
    param, grad, velocity=None, *, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False
):
    g = grad + weight_decay * param
    if momentum != 0:
        if velocity is None:
            velocity = np.zeros_like(g)
        velocity = momentum * velocity + (1 - dampening) * g
        g = g + momentum * velocity if nesterov else velocity
    return param - lr * g, velocity

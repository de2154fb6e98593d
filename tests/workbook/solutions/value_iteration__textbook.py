# expect: pass
"""Value iteration as the book writes it: back up every state, stop on the error bound."""

import numpy as np


def value_iteration(P, R, gamma):
    v = np.zeros(R.shape[0])
    while True:
        q = R + gamma * P @ v
        v_next = q.max(axis=1)
        if gamma * np.abs(v_next - v).max() <= 1e-8 * (1 - gamma):
            break
        v = v_next
    q = R + gamma * P @ v_next
    policy = np.eye(R.shape[1])[q.argmax(axis=1)]
    return v_next, q, policy

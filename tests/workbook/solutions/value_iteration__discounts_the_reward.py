# expect: fail
# counterexample: worst at cell \(\d, \d\)
"""A Bellman update that discounts the reward too: q = gamma (R + P v).

It still converges (the update is a contraction), but to gamma times the right values'
rewards: v*(target) comes out 9 instead of 10 on the book's world.
"""

import numpy as np


def value_iteration(P, R, gamma):
    v = np.zeros(R.shape[0])
    while True:
        q = gamma * (R + P @ v)
        v_next = q.max(axis=1)
        if np.abs(v_next - v).max() < 1e-10:
            break
        v = v_next
    policy = np.eye(R.shape[1])[q.argmax(axis=1)]
    return v_next, q, policy

# expect: fail
"""Stops when a sweep changes the values by less than 1e-4, a common default, instead of
bounding the error: at gamma = 0.95 the values can still be 19 times that from v_pi."""

import numpy as np


def policy_evaluation(P, R, policy, gamma, method="exact"):
    r_pi = np.einsum("sa,sa->s", policy, R)
    p_pi = np.einsum("sa,sat->st", policy, P)
    if method == "exact":
        return np.linalg.solve(np.eye(len(r_pi)) - gamma * p_pi, r_pi)
    v = np.zeros(len(r_pi))
    while True:
        new = r_pi + gamma * p_pi @ v
        change = np.abs(new - v).max()
        v = new
        if change < 1e-4:
            return v

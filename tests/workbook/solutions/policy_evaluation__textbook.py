# expect: pass
"""r_pi and P_pi by einsum, then np.linalg.solve, or sweeps of the Bellman update until
the bound on the error is met."""

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
        if gamma == 0 or gamma / (1 - gamma) * change < 1e-8:
            return v

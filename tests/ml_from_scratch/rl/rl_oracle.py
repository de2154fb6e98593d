"""Ground truth for the RL tests, sharing no code with ``ml_from_scratch.rl``.

* :func:`model_of` reads an environment's toy-text ``P`` into dense arrays (not through
  ``transition_matrix``).
* :func:`exact_values` solves the Bellman equation with ``numpy.linalg.solve``;
  :func:`rollout_values` follows a deterministic policy in a deterministic world until
  its trajectory cycles and sums the geometric series: no linear algebra at all.
* :func:`optimal_values` is the linear program of an MDP, ``min sum v`` subject to
  ``v(s) >= r(s, a) + gamma p(s, a) . v`` for every pair, solved by
  ``scipy.optimize.linprog`` (HiGHS): a method unlike value or policy iteration.
  :func:`best_epsilon_greedy_values` is the same program on the MDP in which every
  chosen action is replaced by a uniform one with probability ``epsilon``: its values
  are those of the best epsilon-greedy policy.
* :func:`brute_force_optimal` takes, state by state, the best of every deterministic
  policy's exact values (for MDPs small enough to enumerate them).
* :class:`StepOnly` hands a learner ``reset``, ``step`` and the spaces, and no model;
  :func:`require` fails with a message that shows grids rather than array dumps.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import csr_array

Array = np.ndarray[Any, Any]


class StepOnly:
    """An environment seen through ``reset``, ``step`` and its spaces only.

    A learner that reads the model (``P``, ``transition_matrix``) fails with an
    AttributeError.
    """

    __slots__ = ("_env", "action_space", "observation_space")

    def __init__(self, env: Any) -> None:
        self._env = env
        self.observation_space = env.observation_space
        self.action_space = env.action_space

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> Any:
        return self._env.reset(seed=seed, options=options)

    def step(self, action: Any) -> Any:
        return self._env.step(action)


def model_of(env: Any) -> tuple[Array, Array]:
    """``(p, r)`` from ``env.P[s][a] = [(prob, s', reward, terminated)]``."""
    n_states, n_actions = env.observation_space.n, env.action_space.n
    p = np.zeros((n_states, n_actions, n_states))
    r = np.zeros((n_states, n_actions))
    for s in range(n_states):
        for a in range(n_actions):
            for prob, s_next, reward, terminated in env.P[s][a]:
                r[s, a] += prob * reward
                if not terminated:
                    p[s, a, s_next] += prob
    return p, r


def exact_values(p: Array, r: Array, policy: Array, gamma: float) -> Array:
    """``v_pi = (I - gamma P_pi)^-1 r_pi``."""
    policy = np.asarray(policy, dtype=float)
    p_pi = np.einsum("sa,sat->st", policy, p)
    r_pi = (policy * r).sum(axis=1)
    return np.linalg.solve(np.eye(len(r)) - gamma * p_pi, r_pi)


def action_values(p: Array, r: Array, v: Array, gamma: float) -> Array:
    """``q = r + gamma p v``."""
    return r + gamma * np.einsum("sat,t->sa", p, v)


def rollout_values(env: Any, actions: Array, gamma: float) -> Array:
    """Exact values of a deterministic policy in a deterministic world, by rollout.

    From each state, follow ``actions`` until a state repeats; the return is the
    discounted sum of the rewards before the cycle plus the cycle's rewards repeated
    forever, ``C / (1 - gamma^L)`` discounted to where the cycle starts.
    """
    n_states = env.observation_space.n
    values = np.zeros(n_states)
    for start in range(n_states):
        seen: dict[int, int] = {}
        rewards: list[float] = []
        s = start
        while s not in seen:
            seen[s] = len(rewards)
            ((_, s_next, reward, _),) = env.P[s][int(actions[s])]
            rewards.append(reward)
            s = s_next
        k = seen[s]  # the cycle starts at step k and has len(rewards) - k steps
        head = sum(gamma**t * rewards[t] for t in range(k))
        cycle = sum(gamma ** (t - k) * rewards[t] for t in range(k, len(rewards)))
        values[start] = head + gamma**k * cycle / (1 - gamma ** (len(rewards) - k))
    return values


def optimal_values(p: Array, r: Array, gamma: float) -> Array:
    """``v*`` as the solution of the MDP's linear program."""
    n_states, n_actions = r.shape
    # One constraint per pair: gamma p(s, a) . v - v(s) <= -r(s, a).
    a_ub = gamma * p.reshape(n_states * n_actions, n_states)
    a_ub[np.arange(n_states * n_actions), np.repeat(np.arange(n_states), n_actions)] -= 1.0
    result = linprog(
        np.ones(n_states),
        A_ub=csr_array(a_ub),
        b_ub=-r.ravel(),
        bounds=[(None, None)] * n_states,
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    assert result.status == 0, result.message
    return np.asarray(result.x)


def epsilon_mdp(p: Array, r: Array, epsilon: float) -> tuple[Array, Array]:
    """The MDP in which the chosen action is replaced by a uniform one w.p. ``epsilon``."""
    return (
        (1 - epsilon) * p + epsilon * p.mean(axis=1, keepdims=True),
        (1 - epsilon) * r + epsilon * r.mean(axis=1, keepdims=True),
    )


def best_epsilon_greedy_values(p: Array, r: Array, gamma: float, epsilon: float) -> Array:
    """The values of the best epsilon-greedy policy (the optimal epsilon-soft one)."""
    return optimal_values(*epsilon_mdp(p, r, epsilon), gamma)


def brute_force_optimal(p: Array, r: Array, gamma: float) -> Array:
    """The state-wise best exact value over every deterministic policy."""
    n_states, n_actions = r.shape
    best = np.full(n_states, -np.inf)
    for actions in itertools.product(range(n_actions), repeat=n_states):
        policy = np.eye(n_actions)[list(actions)]
        best = np.maximum(best, exact_values(p, r, policy, gamma))
    return best


def stationary_distribution(p: Array, policy: Array) -> Array:
    """The long-run state frequencies of ``policy``: the left eigenvector of ``P_pi``."""
    p_pi = np.einsum("sa,sat->st", policy, p)
    eigenvalues, vectors = np.linalg.eig(p_pi.T)
    d = np.real(vectors[:, np.argmin(np.abs(eigenvalues - 1.0))])
    return d / d.sum()


def td_fixed_point(p: Array, r: Array, policy: Array, gamma: float, features: Array) -> Array:
    """``w_TD``: ``Phi^T D (I - gamma P_pi) Phi w = Phi^T D r_pi``, ``D`` stationary."""
    d = stationary_distribution(p, policy)
    p_pi = np.einsum("sa,sat->st", policy, p)
    r_pi = (policy * r).sum(axis=1)
    a = features.T @ (d[:, None] * ((np.eye(len(d)) - gamma * p_pi) @ features))
    return np.linalg.solve(a, features.T @ (d * r_pi))


def require(condition: Any, message: str) -> None:
    """Fail with ``message`` alone (no dump of the arrays) unless ``condition`` holds."""
    __tracebackhide__ = True
    if not bool(condition):
        pytest.fail(message, pytrace=False)


def grid_text(env: Any, values: Array, decimals: int = 2) -> str:
    """Values laid out on the grid, for failure messages."""
    rows, cols = env.shape
    grid = np.asarray(values, dtype=float).reshape(rows, cols)
    return "\n".join("    " + " ".join(f"{x:7.{decimals}f}" for x in row) for row in grid)


def compare_on_grid(env: Any, got: Array, want: Array, what: str) -> str:
    """A failure message: both grids and the worst cell."""
    worst = int(np.argmax(np.abs(np.asarray(got) - want)))
    cell = divmod(worst, env.shape[1])
    return (
        f"{what}: worst at cell {cell}: {got[worst]:.4f} against {want[worst]:.4f}\n"
        f"  got:\n{grid_text(env, got)}\n  expected:\n{grid_text(env, want)}"
    )

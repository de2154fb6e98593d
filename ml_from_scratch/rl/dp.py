"""Dynamic programming on a known model: policy evaluation, value and policy iteration.

A finite MDP is given by ``p[s, a, s']`` and the expected reward ``r[s, a]``.  For a
policy ``pi[s, a]`` write ``r_pi[s] = sum_a pi[s, a] r[s, a]`` and
``P_pi[s, s'] = sum_a pi[s, a] p[s, a, s']``.  Then (Zhao, chapters 2-4):

* the Bellman equation ``v_pi = r_pi + gamma P_pi v_pi`` has the closed-form solution
  ``v_pi = (I - gamma P_pi)^-1 r_pi`` (*exact* evaluation), and the iteration
  ``v_{k+1} = r_pi + gamma P_pi v_k`` converges to it from any ``v_0`` (*iterative*);
* action values follow from state values: ``q[s, a] = r[s, a] + gamma sum_s' p[s, a, s'] v[s']``;
* the Bellman optimality equation ``v = max_pi (r_pi + gamma P_pi v)`` is a contraction;
  **value iteration** applies it, ``v_{k+1}(s) = max_a q_k(s, a)``;
  **policy iteration** alternates exact evaluation and greedy improvement
  ``pi_{k+1}(s) = argmax_a q_{pi_k}(s, a)``; **truncated policy iteration** evaluates with
  only ``j`` sweeps: ``j = 1`` is value iteration, ``j -> infinity`` policy iteration.

Every iteration stops on the contraction's error bound: when
``gamma / (1 - gamma) * ||v_{k+1} - v_k||_inf <= tol``, ``||v_{k+1} - v||_inf <= tol`` for
the fixed point ``v``.  Everything is vectorised: one Bellman backup is one
matrix-vector product ``p.reshape(S * A, S) @ v``.  The model may be a dense
``(S, A, S)`` array or, for large grids, a ``scipy.sparse`` matrix of shape
``(S * A, S)`` (``GridWorld.transition_matrix(sparse=True)``).  A row of ``p`` that sums
to less than 1 is a transition that may end the episode: the missing mass has value 0
(see :func:`model_from_P` for Gymnasium's toy-text ``P``).

Complexity: a backup is O(S^2 A) dense, O(nnz) sparse; exact evaluation O(S^3) dense
(a sparse LU for sparse models).  Value iteration needs O(log(tol) / log(gamma))
backups; policy iteration a handful of evaluations.

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 2
(Bellman equation, section 2.7), chapter 3 (optimality), chapter 4 (algorithms 4.1-4.3).

Status: value iteration reproduces the book's optimal values of the default grid world
(gamma 0.9, 0.5, 0; r_forbidden -1 and -10) and agrees with the linear program
``min sum v s.t. v >= q`` solved by ``scipy.optimize.linprog``, and with brute force over
all deterministic policies on hypothesis-drawn small worlds; exact and iterative
evaluation agree with a closed-form rollout of deterministic policies.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import (
    as_discount,
    as_float_array,
    as_int,
    as_policy,
    as_positive_float,
    one_of,
)
from ml_from_scratch.rl.model import Model, model_from_P
from ml_from_scratch.rl.policies import greedy_policy, one_hot

__all__ = [
    "Solution",
    "action_values",
    "greedy_policy",
    "model_from_P",
    "policy_evaluation",
    "policy_iteration",
    "truncated_policy_iteration",
    "value_iteration",
]

Method = Literal["exact", "iterative"]
METHODS: tuple[Method, ...] = ("exact", "iterative")
Array = NDArray[np.float64]


class Solution(NamedTuple):
    """What the planners return: the values, the action values, a greedy policy."""

    v: Array
    """State values, shape ``(S,)``."""
    q: Array
    """Action values ``q[s, a] = r[s, a] + gamma p[s, a] . v``, shape ``(S, A)``."""
    policy: Array
    """A deterministic policy greedy in ``q``, one-hot rows, shape ``(S, A)``."""


def policy_evaluation(
    P: Any,
    R: ArrayLike,
    policy: ArrayLike,
    gamma: float,
    method: Method = "exact",
    *,
    tol: float = 1e-10,
    max_iterations: int = 1_000_000,
) -> Array:
    """The state values ``v_pi`` of a policy: the solution of the Bellman equation.

    Parameters
    ----------
    P : array_like of shape (S, A, S), or scipy.sparse matrix of shape (S * A, S)
        ``P[s, a, s']``, the transition probabilities; each row sums to at most 1.
    R : array_like, shape (S, A)
        ``R[s, a]``, the expected reward.
    policy : array_like, shape (S, A)
        ``policy[s, a]``, the probability of ``a`` in ``s``; rows sum to 1.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    method : "exact" or "iterative"
        ``"exact"``: solve ``(I - gamma P_pi) v = r_pi``.  ``"iterative"``: iterate
        ``v <- r_pi + gamma P_pi v`` from ``v = 0`` until ``||v - v_pi||_inf <= tol``.
    tol : float
        The iterative method's bound on the max-norm error.
    max_iterations : int
        The iterative method gives up (``RuntimeError``) past this many sweeps.

    Returns
    -------
    numpy.ndarray, shape (S,)
        ``v_pi``.

    Raises
    ------
    TypeError, ValueError
        If an array has the wrong shape or holds non-finite or negative probabilities,
        a row of ``P`` sums past 1, ``policy``'s rows do not sum to 1, ``gamma`` lies
        outside ``[0, 1)``, or ``method`` is unknown.

    Complexity
    ----------
    Exact: O(S^2 A) to form ``P_pi``, O(S^3) to solve (dense).  Iterative: O(S^2) per
    sweep, ``log(tol (1 - gamma)) / log(gamma)`` sweeps at most.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> P, R = env.transition_matrix(), env.reward_matrix()
    >>> stay = np.tile([0.0, 0, 0, 0, 1], (25, 1))
    >>> v = policy_evaluation(P, R, stay, 0.9)
    >>> v[env.state_index(3, 2)], v[env.state_index(1, 1)], v[0]  # 1 / (1 - 0.9), -10, 0
    (np.float64(10.000000000000002), np.float64(-10.000000000000002), np.float64(0.0))
    >>> bool(np.allclose(v, policy_evaluation(P, R, stay, 0.9, "iterative"), atol=1e-9))
    True
    """
    model = Model.of(P, R)
    pi = as_policy(policy, "policy", model.n_states, model.n_actions)
    gamma = as_discount(gamma)
    one_of(method, "method", METHODS)
    tol = as_positive_float(tol, "tol")
    max_iterations = as_int(max_iterations, "max_iterations", low=1)
    p_pi, r_pi = model.under(pi)
    if method == "exact":
        return model.solve(p_pi, r_pi, gamma)
    v = np.zeros(model.n_states)
    for _ in range(max_iterations):
        v_next = r_pi + gamma * (p_pi @ v)
        if _converged(v_next, v, gamma, tol):
            return np.asarray(v_next, dtype=np.float64)
        v = v_next
    raise RuntimeError(f"policy evaluation did not reach tol={tol:g} in {max_iterations} sweeps")


def action_values(P: Any, R: ArrayLike, v: ArrayLike, gamma: float) -> Array:
    """``q[s, a] = R[s, a] + gamma sum_s' P[s, a, s'] v[s']``: one Bellman backup.

    Examples
    --------
    >>> P = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 1.0]]])
    >>> action_values(P, [[0.0, 1.0], [2.0, 2.0]], [10.0, 20.0], 0.5)
    array([[ 5., 11.],
           [12., 12.]])
    """
    model = Model.of(P, R)
    values = as_float_array(v, "v")
    if values.shape != (model.n_states,):
        raise ValueError(f"v must have shape ({model.n_states},), got {values.shape}")
    return model.backup(values, as_discount(gamma))


def value_iteration(
    P: Any, R: ArrayLike, gamma: float, *, tol: float = 1e-10, max_iterations: int = 1_000_000
) -> Solution:
    """The optimal values by value iteration, ``v_{k+1}(s) = max_a q_k(s, a)`` from ``v_0 = 0``.

    Parameters
    ----------
    P, R, gamma
        The model and discount factor, as in :func:`policy_evaluation`.
    tol : float
        Stop when ``||v - v*||_inf <= tol`` is guaranteed.
    max_iterations : int
        Give up (``RuntimeError``) past this many backups.

    Returns
    -------
    Solution
        ``(v, q, policy)``: ``v`` within ``tol`` of ``v*``, ``q`` its backup, and the
        greedy ``policy`` in ``q``.

    Raises
    ------
    TypeError, ValueError
        As :func:`policy_evaluation`.

    Complexity
    ----------
    O(S^2 A) per backup (O(S A) for a sparse grid model), at most
    ``log(tol (1 - gamma) / ||R||_inf) / log(gamma)`` backups.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> v, q, policy = value_iteration(env.transition_matrix(), env.reward_matrix(), 0.9)
    >>> v.reshape(5, 5).round(1)  # the book's figure 3.4
    array([[ 5.8,  5.6,  6.2,  6.5,  5.8],
           [ 6.5,  7.2,  8. ,  7.2,  6.5],
           [ 7.2,  8. , 10. ,  8. ,  7.2],
           [ 8. , 10. , 10. , 10. ,  8. ],
           [ 7.2,  9. , 10. ,  9. ,  8.1]])
    """
    model = Model.of(P, R)
    gamma = as_discount(gamma)
    tol = as_positive_float(tol, "tol")
    max_iterations = as_int(max_iterations, "max_iterations", low=1)
    v = np.zeros(model.n_states)
    for _ in range(max_iterations):
        v_next = model.backup(v, gamma).max(axis=1)
        if _converged(v_next, v, gamma, tol):
            return _solution(model, v_next, gamma)
        v = v_next
    raise RuntimeError(f"value iteration did not reach tol={tol:g} in {max_iterations} backups")


def policy_iteration(
    P: Any,
    R: ArrayLike,
    gamma: float,
    *,
    policy: ArrayLike | None = None,
    max_iterations: int = 10_000,
) -> Solution:
    """An optimal policy by policy iteration: exact evaluation, then greedy improvement.

    Improvement keeps a state's current action while it is among the best (within
    ``1e-12`` relative), so the loop ends when no state can improve, rather than
    cycling between tied actions.

    Parameters
    ----------
    P, R, gamma
        The model and discount factor, as in :func:`policy_evaluation`.
    policy : array_like, shape (S, A), optional
        The initial policy; default: the uniform policy.
    max_iterations : int
        Give up (``RuntimeError``) past this many improvements.

    Returns
    -------
    Solution
        ``(v*, q*, policy)``: exact values of the final policy, which is optimal.

    Raises
    ------
    TypeError, ValueError
        As :func:`policy_evaluation`.

    Complexity
    ----------
    O(S^3 + S^2 A) per iteration (dense); at most as many iterations as value
    iteration needs backups, usually far fewer.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> P, R = env.transition_matrix(), env.reward_matrix()
    >>> v, _, policy = policy_iteration(P, R, 0.9)
    >>> float(v[0].round(1)), env.render_policy(policy).splitlines()[0]
    (5.8, ' ↓   →   ↓   ↓   ←')
    """
    model = Model.of(P, R)
    gamma = as_discount(gamma)
    max_iterations = as_int(max_iterations, "max_iterations", low=1)
    shape = (model.n_states, model.n_actions)
    pi = (
        np.full(shape, 1.0 / model.n_actions)
        if policy is None
        else as_policy(policy, "policy", *shape)
    )
    for _ in range(max_iterations):
        v = model.solve(*model.under(pi), gamma)
        q = model.backup(v, gamma)
        best = q.max(axis=1, keepdims=True)
        # Keep the current action where it is (numerically) among the best.
        current = pi.argmax(axis=1)
        tied = q[np.arange(model.n_states), current] >= best[:, 0] - 1e-12 * np.maximum(
            1.0, np.abs(best[:, 0])
        )
        improved = np.where(tied, current, q.argmax(axis=1))
        new_pi = one_hot(improved, model.n_actions)
        if np.array_equal(new_pi, pi):
            return Solution(v, q, new_pi)
        pi = new_pi
    raise RuntimeError(f"policy iteration did not settle in {max_iterations} iterations")


def truncated_policy_iteration(
    P: Any,
    R: ArrayLike,
    gamma: float,
    sweeps: int = 5,
    *,
    tol: float = 1e-10,
    max_iterations: int = 1_000_000,
) -> Solution:
    """Policy iteration whose evaluation is cut to ``sweeps`` Bellman sweeps.

    From ``v_0 = 0``: ``pi_k`` greedy in ``q(v_{k-1})``, then ``v_k`` is ``sweeps``
    applications of ``v <- r_{pi_k} + gamma P_{pi_k} v`` to ``v_{k-1}`` (the book's
    Algorithm 4.3).  ``sweeps=1`` is value iteration.

    Parameters
    ----------
    P, R, gamma
        The model and discount factor, as in :func:`policy_evaluation`.
    sweeps : int
        Evaluation sweeps per policy, at least 1.
    tol : float
        Stop when ``||v - v*||_inf <= tol`` is guaranteed.
    max_iterations : int
        Give up (``RuntimeError``) past this many policies.

    Returns
    -------
    Solution
        ``(v, q, policy)`` as :func:`value_iteration`.

    Raises
    ------
    TypeError, ValueError
        As :func:`policy_evaluation`, or if ``sweeps < 1``.

    Complexity
    ----------
    O(S^2 A + sweeps S^2) per iteration (dense); fewer iterations than value
    iteration, by about a factor ``sweeps`` at first.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> P, R = env.transition_matrix(), env.reward_matrix()
    >>> bool(np.allclose(truncated_policy_iteration(P, R, 0.9, sweeps=3).v,
    ...                  value_iteration(P, R, 0.9).v, atol=1e-9))
    True
    """
    model = Model.of(P, R)
    gamma = as_discount(gamma)
    sweeps = as_int(sweeps, "sweeps", low=1)
    tol = as_positive_float(tol, "tol")
    max_iterations = as_int(max_iterations, "max_iterations", low=1)
    v = np.zeros(model.n_states)
    for _ in range(max_iterations):
        q = model.backup(v, gamma)
        v_next = q.max(axis=1)  # the first sweep under the greedy policy
        if _converged(v_next, v, gamma, tol):
            return _solution(model, v_next, gamma)
        p_pi, r_pi = model.under(one_hot(q.argmax(axis=1), model.n_actions))
        v = v_next
        for _ in range(sweeps - 1):
            v = r_pi + gamma * (p_pi @ v)
    raise RuntimeError(f"truncated policy iteration did not reach tol={tol:g}")


# ----------------------------------------------------------------------------- helpers


def _solution(model: Model, v: Array, gamma: float) -> Solution:
    """``(v, q, greedy policy)`` from values ``v``."""
    q = model.backup(v, gamma)
    return Solution(v, q, one_hot(q.argmax(axis=1), model.n_actions))


def _converged(v_next: Array, v: Array, gamma: float, tol: float) -> bool:
    """The contraction bound: ``||v_next - v_fixed|| <= gamma/(1-gamma) ||v_next - v||``."""
    return bool(gamma * float(np.max(np.abs(v_next - v))) <= tol * (1.0 - gamma))

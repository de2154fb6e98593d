"""Temporal-difference learning: update an estimate toward a one-step bootstrapped target.

After each step ``(s_t, a_t, r_{t+1}, s_{t+1})`` the estimate moves a fraction ``alpha``
toward a *TD target* (Zhao, chapter 7):

* **TD(0)**, the state values of a given policy:
  ``v(s_t) += alpha [r_{t+1} + gamma v(s_{t+1}) - v(s_t)]``;
* **Sarsa**: ``q(s_t, a_t) += alpha [r_{t+1} + gamma q(s_{t+1}, a_{t+1}) - q(s_t, a_t)]``,
  with ``a_{t+1}`` drawn from the epsilon-greedy policy of ``q`` (on-policy; it learns
  the best epsilon-greedy policy);
* **Expected Sarsa**: the target averages over that policy,
  ``r + gamma sum_a pi(a | s_{t+1}) q(s_{t+1}, a)``;
* **n-step Sarsa**: ``r_{t+1} + ... + gamma^(n-1) r_{t+n} + gamma^n q(s_{t+n}, a_{t+n})``
  (``n = 1`` is Sarsa; ``n -> infinity`` Monte Carlo);
* **Q-learning**: ``r + gamma max_a q(s_{t+1}, a)``, the Bellman *optimality* target, so it
  learns ``q*`` whatever policy generated the data: on-policy (epsilon-greedy in its own
  ``q``) or off-policy (a fixed behaviour policy, such as the uniform one).

The task is continuing: the target bootstraps through a cut episode (``truncated``) and
drops the successor's value only when the environment says ``terminated``.

Complexity: O(1) per step (O(A) for Expected Sarsa, Q-learning and the greedy update);
O(episodes * episode_length) steps.

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 7
(algorithms 7.1-7.3); R. Sutton and A. Barto, *Reinforcement Learning* (2018), 6.4-6.6, 7.2.

Status: TD(0) estimates the uniform policy's values within the tested tolerance of the
exact ones (DP, in the tests); off-policy Q-learning reaches a policy within 1% of
``v*``; Sarsa, Expected Sarsa and n-step Sarsa one within the tested tolerance of the
best epsilon-greedy policy's value.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ml_from_scratch._checks import as_policy, as_positive_int, as_probability, as_step_size
from ml_from_scratch.rl.policies import (
    ActionSampler,
    Callback,
    EpsilonGreedyActor,
    Learned,
    epsilon_greedy,
    learner_setup,
    one_hot,
    start_episode,
)

__all__ = ["expected_sarsa", "n_step_sarsa", "q_learning", "sarsa", "td0"]

Array = np.ndarray[Any, np.dtype[np.float64]]


def td0(
    env: Any,
    policy: ArrayLike,
    gamma: float = 0.9,
    *,
    alpha: float = 0.01,
    episodes: int = 100,
    episode_length: int = 1000,
    seed: int = 0,
    callback: Callback | None = None,
) -> Array:
    """TD(0): the state values of ``policy``, learned from its episodes.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions; episodes start where ``env.reset`` puts the agent.
    policy : array_like, shape (S, A)
        The policy to evaluate (and to act with).
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    alpha : float
        The constant step size, ``0 < alpha <= 1``.
    episodes, episode_length : int
        How many episodes, how many steps each.
    seed : int
        Seeds the actions and the environment.
    callback : callable, optional
        ``callback(episode, v)`` after each episode.

    Returns
    -------
    numpy.ndarray, shape (S,)
        The estimate of ``v_pi`` (0 for states never visited).

    Raises
    ------
    TypeError, ValueError
        If ``env`` lacks discrete spaces, ``policy`` is not an ``(S, A)`` array of
        distributions, ``gamma`` lies outside ``[0, 1)``, ``alpha`` outside ``(0, 1]``,
        or a count is not an int ``>= 1`` (the seed ``>= 0``).

    Complexity
    ----------
    O(episodes * episode_length) steps, O(1) each.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld((1, 2), forbidden=[], target=(0, 1), start=(0, 0))
    >>> right_then_stay = np.array([[0.0, 1, 0, 0, 0], [0, 0, 0, 0, 1]])
    >>> td0(env, right_then_stay, 0.9, alpha=0.1, episodes=300, episode_length=100).round(2)
    array([10., 10.])
    """
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    pi = as_policy(policy, "policy", setup.n_states, setup.n_actions)
    alpha = as_step_size(alpha)
    act = ActionSampler(pi, setup.rng)
    v = [0.0] * setup.n_states
    for episode in range(setup.episodes):
        s = start_episode(env, setup.rng, episode == 0)
        for _ in range(episode_length):
            s_next, r, terminated, truncated, _ = env.step(act(s))
            target = r if terminated else r + setup.gamma * v[s_next]
            v[s] += alpha * (target - v[s])
            if terminated or truncated:
                break
            s = s_next
        if callback is not None:
            callback(episode, np.array(v))
    return np.array(v)


def sarsa(
    env: Any,
    gamma: float = 0.9,
    *,
    alpha: float = 0.1,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    callback: Callback | None = None,
) -> Learned:
    """Sarsa: on-policy TD control of the epsilon-greedy policy of its own ``q``.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions; episodes start where ``env.reset`` puts the agent.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    alpha : float
        The constant step size, ``0 < alpha <= 1``.
    epsilon : float
        The exploration rate, ``0 <= epsilon <= 1``.
    episodes, episode_length : int
        How many episodes, how many steps each.
    seed : int
        Seeds the actions and the environment.
    callback : callable, optional
        ``callback(episode, q)`` after each episode.

    Returns
    -------
    Learned
        ``(q, policy)``: the estimates and their epsilon-greedy policy.

    Raises
    ------
    TypeError, ValueError
        As :func:`td0`, or if ``epsilon`` lies outside ``[0, 1]``.

    Complexity
    ----------
    O(episodes * episode_length) steps, O(A) each.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = sarsa(GridWorld(), episodes=50, seed=1)
    >>> q.shape, sorted(set(policy.ravel().round(2).tolist()))
    ((25, 5), [0.02, 0.92])
    """
    return _control(env, gamma, alpha, epsilon, episodes, episode_length, seed, callback, "sarsa")


def expected_sarsa(
    env: Any,
    gamma: float = 0.9,
    *,
    alpha: float = 0.1,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    callback: Callback | None = None,
) -> Learned:
    """Expected Sarsa: Sarsa with the target's next action averaged out.

    The target is ``r + gamma [(1 - epsilon) max_a q(s', a) + epsilon mean_a q(s', a)]``,
    the expectation of Sarsa's target under the epsilon-greedy policy: less variance,
    the same fixed point.  Parameters, returns and errors as :func:`sarsa`.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> expected_sarsa(GridWorld(), episodes=20).q.shape
    (25, 5)
    """
    return _control(
        env, gamma, alpha, epsilon, episodes, episode_length, seed, callback, "expected"
    )


def n_step_sarsa(
    env: Any,
    gamma: float = 0.9,
    *,
    n: int = 3,
    alpha: float = 0.1,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    callback: Callback | None = None,
) -> Learned:
    """n-step Sarsa: the target sums ``n`` rewards before it bootstraps.

    ``q(s_t, a_t) += alpha [r_{t+1} + ... + gamma^(n-1) r_{t+n} + gamma^n q(s_{t+n}, a_{t+n})
    - q(s_t, a_t)]``; at the end of an episode the last pairs get the rewards that are
    left, bootstrapping from the last pair (the task goes on) unless it terminated.
    ``n = 1`` is :func:`sarsa`.  Other parameters, returns and errors as :func:`sarsa`.

    Complexity
    ----------
    O(episodes * episode_length * n) operations.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> n_step_sarsa(GridWorld(), n=4, episodes=20).q.shape
    (25, 5)
    """
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    n = as_positive_int(n, "n")
    alpha, epsilon = as_step_size(alpha), as_probability(epsilon, "epsilon")
    gamma, rng = setup.gamma, setup.rng
    q = [[0.0] * setup.n_actions for _ in range(setup.n_states)]
    actor = EpsilonGreedyActor(q, epsilon, rng)
    for episode in range(setup.episodes):
        s = start_episode(env, rng, episode == 0)
        a = actor(s)
        window: deque[tuple[int, int, float]] = deque()  # the last n (s, a, r)
        terminated = False
        for _ in range(episode_length):
            s_next, r, terminated, truncated, _ = env.step(a)
            window.append((s, a, float(r)))
            s, a = int(s_next), actor(int(s_next))
            if len(window) == n:
                _n_step_update(q, actor, window, s, a, gamma, alpha, not terminated)
                window.popleft()
            if terminated or truncated:
                break
        while window:  # the episode ended: shorter returns for the pairs that are left
            _n_step_update(q, actor, window, s, a, gamma, alpha, not terminated)
            window.popleft()
        if callback is not None:
            callback(episode, np.array(q))
    return Learned(np.array(q), epsilon_greedy(q, epsilon))


def q_learning(
    env: Any,
    gamma: float = 0.9,
    *,
    alpha: float = 0.1,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    behaviour: ArrayLike | None = None,
    callback: Callback | None = None,
) -> Learned:
    """Q-learning: TD toward ``r + gamma max_a q(s', a)``, which learns ``q*``.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions; episodes start where ``env.reset`` puts the agent.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    alpha : float
        The constant step size, ``0 < alpha <= 1``.
    epsilon : float
        On-policy exploration: act epsilon-greedily in ``q`` (``0 <= epsilon <= 1``).
        Ignored when a ``behaviour`` policy is given.
    episodes, episode_length : int
        How many episodes, how many steps each.
    seed : int
        Seeds the actions and the environment.
    behaviour : array_like, shape (S, A), optional
        Off-policy: a fixed policy that generates the experience (the uniform policy,
        say); the target policy is still the greedy one.
    callback : callable, optional
        ``callback(episode, q)`` after each episode.

    Returns
    -------
    Learned
        ``(q, policy)``: the estimate of ``q*`` and its greedy policy.

    Raises
    ------
    TypeError, ValueError
        As :func:`sarsa`, or if ``behaviour`` is not an ``(S, A)`` array of
        distributions.

    Complexity
    ----------
    O(episodes * episode_length) steps, O(A) each.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> uniform = np.full((25, 5), 0.2)
    >>> q, policy = q_learning(env, alpha=0.1, behaviour=uniform, episodes=200, seed=0)
    >>> print(env.render_policy(policy, q.max(axis=1)))  # doctest: +SKIP
    """
    if behaviour is None:
        return _control(env, gamma, alpha, epsilon, episodes, episode_length, seed, callback, "q")
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    pi_b = as_policy(behaviour, "behaviour", setup.n_states, setup.n_actions)
    alpha = as_step_size(alpha)
    act = ActionSampler(pi_b, setup.rng)
    q = [[0.0] * setup.n_actions for _ in range(setup.n_states)]
    for episode in range(setup.episodes):
        s = start_episode(env, setup.rng, episode == 0)
        for _ in range(episode_length):
            a = act(s)
            s_next, r, terminated, truncated, _ = env.step(a)
            target = r if terminated else r + setup.gamma * max(q[s_next])
            q[s][a] += alpha * (target - q[s][a])
            if terminated or truncated:
                break
            s = s_next
        if callback is not None:
            callback(episode, np.array(q))
    table = np.array(q)
    return Learned(table, one_hot(table.argmax(axis=1), setup.n_actions))


# ----------------------------------------------------------------------------- helpers


def _control(
    env: Any,
    gamma: float,
    alpha: float,
    epsilon: float,
    episodes: int,
    episode_length: int,
    seed: int,
    callback: Callback | None,
    rule: str,
) -> Learned:
    """Sarsa, Expected Sarsa or on-policy Q-learning: they differ only in the target."""
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    alpha, epsilon = as_step_size(alpha), as_probability(epsilon, "epsilon")
    gamma, rng, n_actions = setup.gamma, setup.rng, setup.n_actions
    q = [[0.0] * n_actions for _ in range(setup.n_states)]
    actor = EpsilonGreedyActor(q, epsilon, rng)
    for episode in range(setup.episodes):
        s = start_episode(env, rng, episode == 0)
        a = actor(s)
        for _ in range(episode_length):
            s_next, r, terminated, truncated, _ = env.step(a)
            a_next = actor(s_next)
            if terminated:
                target = r
            elif rule == "sarsa":
                target = r + gamma * q[s_next][a_next]
            elif rule == "expected":
                row = q[s_next]
                target = r + gamma * ((1 - epsilon) * max(row) + epsilon * sum(row) / n_actions)
            else:  # Q-learning
                target = r + gamma * max(q[s_next])
            q[s][a] += alpha * (target - q[s][a])
            actor.update(s)
            if terminated or truncated:
                break
            s, a = s_next, a_next
        if callback is not None:
            callback(episode, np.array(q))
    table = np.array(q)
    if rule == "q":
        return Learned(table, one_hot(table.argmax(axis=1), n_actions))
    return Learned(table, epsilon_greedy(table, epsilon))


def _n_step_update(
    q: list[list[float]],
    actor: EpsilonGreedyActor,
    window: deque[tuple[int, int, float]],
    s_end: int,
    a_end: int,
    gamma: float,
    alpha: float,
    bootstrap: bool,
) -> None:
    """Update the oldest pair of ``window`` toward its n-step return."""
    g, discount = 0.0, 1.0
    for _, _, r in window:
        g += discount * r
        discount *= gamma
    if bootstrap:
        g += discount * q[s_end][a_end]
    s, a, _ = window[0]
    q[s][a] += alpha * (g - q[s][a])
    actor.update(s)

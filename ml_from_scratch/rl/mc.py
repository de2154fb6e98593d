"""Monte Carlo control: action values as averages of sampled returns, no model.

Policy iteration needs ``q_pi(s, a) = E[G_t | s_t = s, a_t = a]``; Monte Carlo replaces
the expectation by the mean of returns ``g = r_1 + gamma r_2 + ... + gamma^(T-1) r_T``
of sampled episodes (Zhao, chapter 5):

* **MC Basic** (Algorithm 5.1): for every pair ``(s, a)``, episodes that start there
  and then follow ``pi_k``; ``q_k(s, a)`` is the mean of their returns, and
  ``pi_{k+1}`` is greedy in ``q_k``.  Policy iteration with a sampled evaluation.
* **MC Exploring Starts** (Algorithm 5.2): one episode per iteration, from a random
  pair; walking it backwards, ``g <- gamma g + r_{t+1}`` is the return of every visit
  ``(s_t, a_t)``; its average updates ``q(s_t, a_t)`` and the policy at ``s_t`` at once.
  *First-visit* counts each pair once per episode, *every-visit* at each visit.
* **MC epsilon-greedy** (Algorithm 5.3): no exploring starts; the policy stays
  epsilon-greedy so that every action keeps being tried.  It converges to the best
  epsilon-greedy policy, not to the optimal one.

The task is continuing, so an episode is cut after ``episode_length`` steps (or when
the environment truncates it); the return of a visit ``h`` steps before the cut misses
at most ``gamma^h max|r| / (1 - gamma)``, which long episodes make small.

Complexity: MC Basic O(iterations * S * A * episodes_per_pair * episode_length) steps;
the others O(episodes * episode_length) steps, each O(A).

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 5.

The averages of MC Exploring Starts and MC epsilon-greedy keep every return ever seen,
those collected under early, poor policies too; their weight fades only like ``1/n``, so
these two need many episodes.  Every-visit averaging in a continuing task has a second
bias: the many visits late in an episode (the agent staying in the target) have cut
returns, which can make leaving the target and coming back look better than staying.

Status: on the book's grid world (exact values from a linear program, in the tests) MC
Basic reaches an optimal policy with one episode of 30 steps per pair, in a few
iterations, for gamma 0.9 and 0.5 and r_forbidden -10; first-visit MC Exploring Starts
a policy within 1% of ``v*`` after 60,000 episodes of 60 steps (seed 0; 6 of seeds 0..7,
the other two within 1.8%); MC epsilon-greedy (epsilon 0.5, 10^6 steps) one within 0.3
of the best epsilon-greedy policy's values.  Every-visit MC Exploring Starts is tested
on episodes worked out by hand; on a 3x3 world it reached the optimum from only 2 of 4
seeds after 4 * 10^6 steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ml_from_scratch._checks import as_bool, as_positive_int, as_probability
from ml_from_scratch.rl.policies import (
    Callback,
    EpsilonGreedyActor,
    Learned,
    epsilon_greedy,
    learner_setup,
    one_hot,
    start_episode,
)

__all__ = ["mc_basic", "mc_epsilon_greedy", "mc_exploring_starts"]

Episode = tuple[list[int], list[int], list[float]]


def mc_basic(
    env: Any,
    gamma: float = 0.9,
    *,
    iterations: int = 100,
    episode_length: int = 100,
    episodes_per_pair: int = 1,
    seed: int = 0,
) -> Learned:
    """MC Basic: policy iteration with ``q_pi`` estimated from episodes of every pair.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions; ``reset(options={"state": s})`` must start an
        episode in ``s`` (as :class:`~ml_from_scratch.rl.GridWorld`'s does).
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    iterations : int
        At most this many policy iterations; it stops earlier once the greedy policy no
        longer changes.
    episode_length : int
        Steps per episode (the first action included).
    episodes_per_pair : int
        Episodes averaged per pair; one suffices in a deterministic world.
    seed : int
        Seeds the environment's resets.

    Returns
    -------
    Learned
        ``(q, policy)``: the last estimates and the deterministic greedy policy.

    Raises
    ------
    TypeError, ValueError
        If ``env`` lacks discrete spaces, ``gamma`` lies outside ``[0, 1)``, or a count
        is not an int ``>= 1`` (the seed ``>= 0``).

    Complexity
    ----------
    O(iterations * S * A * episodes_per_pair * episode_length) environment steps.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> q, policy = mc_basic(env, 0.9, episode_length=60)
    >>> print(env.render_policy(policy))  # an optimal policy: the book's figure 3.4
     ↓   →   ↓   ↓   ↓
     ↓  #↓  #↓   ↓   ↓
     ↓   →  #↓   ↓   ↓
     →  #→  T○  #←   ←
     ↑  #→   ↑   ←   ←
    """
    setup = learner_setup(env, gamma, 1, episode_length, seed)
    iterations = as_positive_int(iterations, "iterations")
    episodes_per_pair = as_positive_int(episodes_per_pair, "episodes_per_pair")
    n_states, n_actions = setup.n_states, setup.n_actions
    q = np.zeros((n_states, n_actions))
    actions = [0] * n_states  # the deterministic policy pi_k, as one action per state
    first = True
    for _ in range(iterations):
        for s in range(n_states):
            for a in range(n_actions):
                returns = []
                for _ in range(episodes_per_pair):
                    start_episode(env, setup.rng, first, s)
                    first = False
                    returns.append(_return_of(env, a, actions, setup.gamma, episode_length))
                q[s, a] = np.mean(returns)
        improved = _greedy_keeping(q, actions)
        if improved == actions:
            break
        actions = improved
    return Learned(q, one_hot(np.array(actions), n_actions))


def mc_exploring_starts(
    env: Any,
    gamma: float = 0.9,
    *,
    episodes: int = 2000,
    episode_length: int = 100,
    first_visit: bool = True,
    seed: int = 0,
    callback: Callback | None = None,
) -> Learned:
    """MC Exploring Starts: episodes from random pairs, then greedy; averages of returns.

    Parameters
    ----------
    env : gymnasium.Env
        As :func:`mc_basic`.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    episodes : int
        The number of episodes, each from a uniformly random ``(s, a)``.
    episode_length : int
        Steps per episode.
    first_visit : bool
        True: the first visit of a pair in an episode counts; False: every visit.
    seed : int
        Seeds the starts and the environment.
    callback : callable, optional
        ``callback(episode, q)`` after each episode.

    Returns
    -------
    Learned
        ``(q, policy)``: the averages (0 where a pair was never visited) and the
        greedy policy.

    Raises
    ------
    TypeError, ValueError
        As :func:`mc_basic`, or if ``first_visit`` is not a bool.

    Complexity
    ----------
    O(episodes * episode_length) steps, O(A) each.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = mc_exploring_starts(GridWorld(), episodes=300, episode_length=50)
    >>> q.shape, policy.sum(axis=1).min()
    ((25, 5), np.float64(1.0))
    """
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    first_visit = as_bool(first_visit, "first_visit")
    n_states, n_actions, rng = setup.n_states, setup.n_actions, setup.rng
    q, totals, counts = _tables(n_states, n_actions, 3)
    actor = EpsilonGreedyActor(q, 0.0, rng)  # greedy
    starts = rng.integers((n_states, n_actions), size=(setup.episodes, 2)).tolist()
    for episode, (s, a) in enumerate(starts):
        start_episode(env, rng, episode == 0, s)
        states, actions, rewards = _episode(env, s, a, actor, episode_length)
        visits = _first_visits(states, actions, n_actions) if first_visit else None
        g = 0.0
        for t in range(len(rewards) - 1, -1, -1):
            g = setup.gamma * g + rewards[t]
            if visits is None or visits[t]:
                _average_in(q, totals, counts, states[t], actions[t], g)
                actor.update(states[t])
        if callback is not None:
            callback(episode, np.array(q))
    return Learned(np.array(q), one_hot(np.array(actor.greedy), n_actions))


def mc_epsilon_greedy(
    env: Any,
    gamma: float = 0.9,
    *,
    epsilon: float = 0.1,
    episodes: int = 100,
    episode_length: int = 1000,
    seed: int = 0,
    callback: Callback | None = None,
) -> Learned:
    """MC epsilon-greedy: every-visit averages under a policy kept epsilon-greedy.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions (any start; no exploring starts needed).
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    epsilon : float
        The exploration rate, ``0 <= epsilon <= 1``.
    episodes, episode_length : int
        How many episodes, how many steps each; episodes start where ``env.reset``
        puts the agent.
    seed : int
        Seeds the actions and the environment.
    callback : callable, optional
        ``callback(episode, q)`` after each episode.

    Returns
    -------
    Learned
        ``(q, policy)``: the averages and the epsilon-greedy policy of ``q``.

    Raises
    ------
    TypeError, ValueError
        As :func:`mc_basic`, or if ``epsilon`` lies outside ``[0, 1]``.

    Complexity
    ----------
    O(episodes * episode_length) steps, O(A) each.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = mc_epsilon_greedy(GridWorld(), epsilon=0.2, episodes=5, episode_length=200)
    >>> sorted(set(policy.ravel().round(2).tolist()))  # 0.2 / 5 and 1 - 0.2 * 4 / 5
    [0.04, 0.84]
    """
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    epsilon = as_probability(epsilon, "epsilon")
    n_states, n_actions, rng = setup.n_states, setup.n_actions, setup.rng
    q, totals, counts = _tables(n_states, n_actions, 3)
    actor = EpsilonGreedyActor(q, epsilon, rng)
    for episode in range(setup.episodes):
        s = start_episode(env, rng, episode == 0)
        states, actions, rewards = _episode(env, s, actor(s), actor, episode_length)
        g = 0.0
        for t in range(len(rewards) - 1, -1, -1):  # every visit
            g = setup.gamma * g + rewards[t]
            _average_in(q, totals, counts, states[t], actions[t], g)
            actor.update(states[t])
        if callback is not None:
            callback(episode, np.array(q))
    return Learned(np.array(q), epsilon_greedy(q, epsilon))


# ----------------------------------------------------------------------------- helpers


def _episode(env: Any, state: int, action: int, actor: Any, length: int) -> Episode:
    """Up to ``length`` steps from ``state``, ``action`` first, then ``actor``'s."""
    states, actions, rewards = [], [], []
    for _ in range(length):
        next_state, reward, terminated, truncated, _ = env.step(action)
        states.append(state)
        actions.append(action)
        rewards.append(float(reward))
        if terminated or truncated:
            break
        state = int(next_state)
        action = actor(state)
    return states, actions, rewards


def _return_of(env: Any, action: int, policy: list[int], gamma: float, length: int) -> float:
    """The discounted return of one episode: ``action`` first, then ``policy``."""
    g, discount = 0.0, 1.0
    for _ in range(length):
        state, reward, terminated, truncated, _ = env.step(action)
        g += discount * float(reward)
        discount *= gamma
        if terminated or truncated:
            break
        action = policy[int(state)]
    return g


def _tables(n_states: int, n_actions: int, count: int) -> list[list[list[float]]]:
    """``count`` tables of zeros, as lists of rows: fast scalar access in the loops."""
    return [[[0.0] * n_actions for _ in range(n_states)] for _ in range(count)]


def _average_in(
    q: list[list[float]],
    totals: list[list[float]],
    counts: list[list[float]],
    s: int,
    a: int,
    g: float,
) -> None:
    """One more return ``g`` of ``(s, a)``: ``q(s, a)`` is the mean of all of them."""
    totals[s][a] += g
    counts[s][a] += 1.0
    q[s][a] = totals[s][a] / counts[s][a]


def _first_visits(states: list[int], actions: list[int], n_actions: int) -> list[bool]:
    """``visits[t]``: step ``t`` is the first visit of its pair in the episode."""
    seen: set[int] = set()
    visits = []
    for s, a in zip(states, actions, strict=True):
        pair = s * n_actions + a
        visits.append(pair not in seen)
        seen.add(pair)
    return visits


def _greedy_keeping(q: np.ndarray[Any, Any], actions: list[int]) -> list[int]:
    """The greedy action of each state, keeping the current one where it ties the best
    (within 1e-9), so that policy iteration stops instead of cycling between ties."""
    best = q.max(axis=1)
    current = q[np.arange(q.shape[0]), actions]
    keep = current >= best - 1e-9 * np.maximum(1.0, np.abs(best))
    improved: list[int] = np.where(keep, actions, q.argmax(axis=1)).tolist()
    return improved

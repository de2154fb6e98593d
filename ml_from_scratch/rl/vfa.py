"""Value-function approximation: linear features, TD and control with ``v(s) = phi(s) . w``.

With a feature vector ``phi(s)`` per state, semi-gradient TD moves the weights along
the feature of the state it updates (Zhao, chapter 8, equation 8.13):

    w <- w + alpha [r_{t+1} + gamma phi(s_{t+1}) . w - phi(s_t) . w] phi(s_t).

On-policy it converges to the TD fixed point ``w_TD``, the solution of
``Phi^T D (I - gamma P_pi) Phi w = Phi^T D r_pi`` with ``D`` the stationary
distribution; its error is at most ``1 / sqrt(1 - gamma^2)`` times that of the best
approximation in ``D``-norm.  Control keeps one weight vector per action,
``q(s, a) = phi(s) . w_a``: **linear Sarsa** and **linear Q-learning** are Sarsa and
Q-learning with that gradient (algorithms 8.2, 8.3).  With one-hot features
(``phi(s) = e_s``) all three are their tabular selves.

Features of a state's scaled coordinates ``x`` in ``[0, 1]^d``
(``GridWorld.coordinates()``): :func:`polynomial_features` (every monomial up to a
degree), :func:`fourier_features` (``cos(pi c . x)`` for integer ``c``) and
:func:`tile_coding` (offset grids of tiles, one active tile per grid).

Complexity: O(d) per step for TD, O(d A) for control; features O(n F) for ``n`` points
and ``F`` features.

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), chapter 8;
J. Tsitsiklis and B. Van Roy, "An analysis of temporal-difference learning with
function approximation" (1997); G. Konidaris et al., "Value function approximation in
reinforcement learning using the Fourier basis" (2011); Sutton and Barto (2018), 9.5.

Status: linear TD's ``Phi w`` agrees with the TD fixed point (solved in the tests from
the model) within the tested tolerance; with one-hot features linear TD, Sarsa and
Q-learning give their tabular versions' results to rounding.
"""

from __future__ import annotations

import itertools
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import (
    as_float_array,
    as_int,
    as_policy,
    as_positive_int,
    as_probability,
    as_step_size,
)
from ml_from_scratch.rl.policies import (
    ActionSampler,
    Callback,
    Exploration,
    epsilon_greedy,
    learner_setup,
    one_hot,
    start_episode,
)

__all__ = [
    "LinearLearned",
    "fourier_features",
    "linear_q_learning",
    "linear_sarsa",
    "linear_td",
    "polynomial_features",
    "tile_coding",
]

Array = NDArray[np.float64]


class LinearLearned(NamedTuple):
    """What linear control returns: the weights, the action values, the policy."""

    weights: Array
    """``w[:, a]``, the weights of action ``a``, shape ``(F, A)``."""
    q: Array
    """``q[s, a] = phi(s) . w[:, a]``, shape ``(S, A)``."""
    policy: Array
    """Greedy (Q-learning) or epsilon-greedy (Sarsa) in ``q``, shape ``(S, A)``."""


# ----------------------------------------------------------------------------- features


def polynomial_features(points: ArrayLike, degree: int) -> Array:
    """Every monomial ``x_1^k_1 ... x_d^k_d`` with ``k_1 + ... + k_d <= degree``.

    Parameters
    ----------
    points : array_like, shape (n, d)
        The inputs, such as ``GridWorld.coordinates()``.
    degree : int
        The largest total degree, ``>= 0``; degree 0 is the constant feature.

    Returns
    -------
    numpy.ndarray, shape (n, binom(d + degree, d))
        Ordered by total degree, the constant first.

    Examples
    --------
    >>> polynomial_features([[0.5, 2.0]], 2)  # 1, x, y, x^2, x y, y^2
    array([[1.  , 0.5 , 2.  , 0.25, 1.  , 4.  ]])
    """
    x = _as_points(points)
    degree = as_int(degree, "degree", low=0)
    exponents = [
        combo
        for total in range(degree + 1)
        for combo in itertools.combinations_with_replacement(range(x.shape[1]), total)
    ]
    return np.stack([np.prod(x[:, list(combo)], axis=1) for combo in exponents], axis=1)


def fourier_features(points: ArrayLike, order: int) -> Array:
    """The Fourier cosine basis ``cos(pi c . x)`` for every ``c`` in ``{0..order}^d``.

    Parameters
    ----------
    points : array_like, shape (n, d)
        Inputs in ``[0, 1]^d``.
    order : int
        The largest frequency per dimension, ``>= 0``.

    Returns
    -------
    numpy.ndarray, shape (n, (order + 1)^d)
        Column ``c`` (in ``itertools.product`` order) is ``cos(pi c . x)``; the first is 1.

    Examples
    --------
    >>> fourier_features([[0.0, 0.5]], 1).round(12) + 0.0  # c = 00, 01, 10, 11
    array([[1., 0., 1., 0.]])
    """
    x = _as_points(points)
    order = as_int(order, "order", low=0)
    frequencies = np.array(list(itertools.product(range(order + 1), repeat=x.shape[1])))
    features: Array = np.cos(np.pi * x @ frequencies.T)
    return features


def tile_coding(points: ArrayLike, tilings: int, tiles: int) -> Array:
    """Binary features of ``tilings`` grids of ``tiles^d`` tiles, each offset a little.

    Tiling ``k`` shifts its grid by ``k / tilings`` of a tile (in every dimension), so
    that nearby points share most of their active tiles.  Each point has exactly one
    active tile per tiling.

    Parameters
    ----------
    points : array_like, shape (n, d)
        Inputs in ``[0, 1]^d``.
    tilings : int
        The number of offset grids, ``>= 1``.
    tiles : int
        Tiles per dimension of each grid, ``>= 1`` (one extra covers the offsets).

    Returns
    -------
    numpy.ndarray, shape (n, tilings * (tiles + 1)^d)
        Zeros and ones; every row sums to ``tilings``.

    Examples
    --------
    >>> tile_coding([[0.0], [0.45], [1.0]], tilings=2, tiles=2)
    array([[1., 0., 0., 1., 0., 0.],
           [1., 0., 0., 0., 1., 0.],
           [0., 0., 1., 0., 0., 1.]])
    """
    x = _as_points(points)
    tilings = as_positive_int(tilings, "tilings")
    tiles = as_positive_int(tiles, "tiles")
    n, d = x.shape
    per_tiling = (tiles + 1) ** d
    features = np.zeros((n, tilings * per_tiling))
    strides = (tiles + 1) ** np.arange(d)
    for k in range(tilings):
        cells = np.floor(x * tiles + k / tilings).astype(np.int64).clip(0, tiles)
        features[np.arange(n), k * per_tiling + cells @ strides] = 1.0
    return features


# ----------------------------------------------------------------------------- learners


def linear_td(
    env: Any,
    policy: ArrayLike,
    features: ArrayLike,
    gamma: float = 0.9,
    *,
    alpha: float = 0.001,
    episodes: int = 100,
    episode_length: int = 1000,
    seed: int = 0,
    callback: Callback | None = None,
) -> Array:
    """Semi-gradient TD(0) with linear features: the weights of ``v_pi(s) ~ phi(s) . w``.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions; episodes start where ``env.reset`` puts the agent.
    policy : array_like, shape (S, A)
        The policy to evaluate (and to act with).
    features : array_like, shape (S, F)
        Row ``s`` is ``phi(s)``.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    alpha : float
        The constant step size, ``0 < alpha <= 1``.
    episodes, episode_length : int
        How many episodes, how many steps each.
    seed : int
        Seeds the actions and the environment.
    callback : callable, optional
        ``callback(episode, w)`` after each episode.

    Returns
    -------
    numpy.ndarray, shape (F,)
        The weights ``w``; the estimate of ``v_pi`` is ``features @ w``.

    Raises
    ------
    TypeError, ValueError
        As :func:`~ml_from_scratch.rl.td.td0`, or if ``features`` is not an ``(S, F)``
        array of finite numbers.

    Complexity
    ----------
    O(episodes * episode_length * F).

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> phi = polynomial_features(env.coordinates(), 1)  # v(s) ~ w0 + w1 row + w2 col
    >>> w = linear_td(env, np.full((25, 5), 0.2), phi, episodes=20, seed=0)
    >>> w.shape
    (3,)
    """
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    pi = as_policy(policy, "policy", setup.n_states, setup.n_actions)
    phi = _as_features(features, setup.n_states)
    alpha = as_step_size(alpha)
    act = ActionSampler(pi, setup.rng)
    w = np.zeros(phi.shape[1])
    for episode in range(setup.episodes):
        s = start_episode(env, setup.rng, episode == 0)
        for _ in range(episode_length):
            s_next, r, terminated, truncated, _ = env.step(act(s))
            v_next = 0.0 if terminated else float(phi[s_next] @ w)
            w += alpha * (r + setup.gamma * v_next - float(phi[s] @ w)) * phi[s]
            if terminated or truncated:
                break
            s = s_next
        if callback is not None:
            callback(episode, w)
    return w


def linear_sarsa(
    env: Any,
    features: ArrayLike,
    gamma: float = 0.9,
    *,
    alpha: float = 0.01,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    callback: Callback | None = None,
) -> LinearLearned:
    """Sarsa with ``q(s, a) = phi(s) . w_a``, acting epsilon-greedily in it.

    Parameters and errors as :func:`linear_td` (no ``policy``), with ``epsilon`` the
    exploration rate.  Returns :class:`LinearLearned` with the epsilon-greedy policy.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> env = GridWorld()
    >>> linear_sarsa(env, np.eye(25), episodes=10).weights.shape
    (25, 5)
    """
    return _linear_control(
        env, features, gamma, alpha, epsilon, episodes, episode_length, seed, callback, "sarsa"
    )


def linear_q_learning(
    env: Any,
    features: ArrayLike,
    gamma: float = 0.9,
    *,
    alpha: float = 0.01,
    epsilon: float = 0.1,
    episodes: int = 500,
    episode_length: int = 100,
    seed: int = 0,
    callback: Callback | None = None,
) -> LinearLearned:
    """Q-learning with ``q(s, a) = phi(s) . w_a``: the target ``r + gamma max_a phi(s') . w_a``.

    Parameters and errors as :func:`linear_sarsa`; returns the greedy policy.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> linear_q_learning(GridWorld(), np.eye(25), episodes=10).q.shape
    (25, 5)
    """
    return _linear_control(
        env, features, gamma, alpha, epsilon, episodes, episode_length, seed, callback, "q"
    )


# ----------------------------------------------------------------------------- helpers


def _linear_control(
    env: Any,
    features: ArrayLike,
    gamma: float,
    alpha: float,
    epsilon: float,
    episodes: int,
    episode_length: int,
    seed: int,
    callback: Callback | None,
    rule: str,
) -> LinearLearned:
    setup = learner_setup(env, gamma, episodes, episode_length, seed)
    phi = _as_features(features, setup.n_states)
    alpha, epsilon = as_step_size(alpha), as_probability(epsilon, "epsilon")
    rng, n_actions = setup.rng, setup.n_actions
    w = np.zeros((phi.shape[1], n_actions))

    explore = Exploration(n_actions, epsilon, rng)

    def act(state: int) -> int:
        action = explore()
        return int(np.argmax(phi[state] @ w)) if action is None else action

    for episode in range(setup.episodes):
        s = start_episode(env, rng, episode == 0)
        a = act(s)
        for _ in range(episode_length):
            s_next, r, terminated, truncated, _ = env.step(a)
            a_next = act(s_next)
            q_next = phi[s_next] @ w
            if terminated:
                target = r
            elif rule == "sarsa":
                target = r + setup.gamma * q_next[a_next]
            else:
                target = r + setup.gamma * q_next.max()
            w[:, a] += alpha * (target - phi[s] @ w[:, a]) * phi[s]
            if terminated or truncated:
                break
            s, a = s_next, a_next
        if callback is not None:
            callback(episode, w)
    q = phi @ w
    policy = one_hot(q.argmax(axis=1), n_actions) if rule == "q" else epsilon_greedy(q, epsilon)
    return LinearLearned(w, q, policy)


def _as_points(points: ArrayLike) -> Array:
    x = as_float_array(points, "points")
    if x.ndim != 2 or x.shape[1] == 0:
        raise ValueError(f"points must have shape (n, d) with d >= 1, got {x.shape}")
    return x


def _as_features(features: ArrayLike, n_states: int) -> Array:
    phi = as_float_array(features, "features")
    if phi.ndim != 2 or phi.shape[0] != n_states or phi.shape[1] == 0:
        raise ValueError(
            f"features must have shape ({n_states}, F) (one row per state), got {phi.shape}"
        )
    return phi

"""Policies as ``(S, A)`` arrays, and what the learners share: drawing actions, episodes.

A policy is an array ``pi[s, a]`` of action probabilities whose rows sum to 1; a
deterministic policy has one-hot rows.  The greedy policy of action values ``q`` takes
``argmax_a q[s, a]``; the epsilon-greedy one (Zhao, section 5.4) gives the greedy action
probability ``1 - epsilon (A - 1) / A`` and every other action ``epsilon / A``, that is:
with probability ``epsilon`` it draws an action uniformly at random, else it is greedy.

The learners of :mod:`~ml_from_scratch.rl.mc`, :mod:`~ml_from_scratch.rl.td` and
:mod:`~ml_from_scratch.rl.vfa` act through :class:`ActionSampler` and talk to the
environment through ``reset`` and ``step`` only, never through its model.

Complexity: building a policy O(S A); drawing an action O(log A).

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), sections
2.1 (policies as ``pi(a|s)``) and 5.4 (epsilon-greedy).

Status: the probabilities are tested against their formulas; the sampler's empirical
frequencies against the policy with a chi-squared test.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ml_from_scratch._checks import (
    as_discount,
    as_float_array,
    as_int,
    as_positive_int,
    as_probability,
    discrete_sizes,
)

__all__ = [
    "ActionSampler",
    "EpsilonGreedyActor",
    "Exploration",
    "Learned",
    "epsilon_greedy",
    "greedy_policy",
    "learner_setup",
    "start_episode",
    "uniform_policy",
]

Array = NDArray[np.float64]
Callback = Callable[[int, Array], None]
"""``callback(episode, estimate)``: called by a learner after each episode with its
current estimate (``q`` or ``v``, the live array: copy it to keep it)."""


class Learned(NamedTuple):
    """What a control learner returns: its action values and the policy they give."""

    q: Array
    """The estimated action values, shape ``(S, A)``."""
    policy: Array
    """The learned policy, shape ``(S, A)``: greedy or epsilon-greedy in ``q``."""


def uniform_policy(n_states: int, n_actions: int) -> Array:
    """Every action with probability ``1 / n_actions`` in every state.

    >>> uniform_policy(2, 4)
    array([[0.25, 0.25, 0.25, 0.25],
           [0.25, 0.25, 0.25, 0.25]])
    """
    n_states = as_int(n_states, "n_states", low=1)
    n_actions = as_int(n_actions, "n_actions", low=1)
    return np.full((n_states, n_actions), 1.0 / n_actions)


def greedy_policy(q: ArrayLike) -> Array:
    """The deterministic policy that takes ``argmax_a q[s, a]`` (the first of ties).

    >>> greedy_policy([[1.0, 3.0, 3.0], [0.0, -1.0, -2.0]])
    array([[0., 1., 0.],
           [1., 0., 0.]])
    """
    values = _as_action_values(q)
    return one_hot(np.argmax(values, axis=1), values.shape[1])


def epsilon_greedy(q: ArrayLike, epsilon: float) -> Array:
    """The epsilon-greedy policy of ``q``: ``1 - epsilon (A-1)/A`` on the greedy action.

    >>> epsilon_greedy([[0.0, 2.0, 1.0]], 0.3)
    array([[0.1, 0.8, 0.1]])
    """
    values = _as_action_values(q)
    epsilon = as_probability(epsilon, "epsilon")
    n_actions = values.shape[1]
    policy: Array = (1.0 - epsilon) * one_hot(values.argmax(axis=1), n_actions) + (
        epsilon / n_actions
    )
    return policy


def one_hot(actions: NDArray[np.integer[Any]], n_actions: int) -> Array:
    """Rows ``e_{actions[s]}``: the deterministic policy taking ``actions[s]`` in ``s``."""
    policy = np.zeros((actions.shape[0], n_actions))
    policy[np.arange(actions.shape[0]), actions] = 1.0
    return policy


class ActionSampler:
    """Draws ``a ~ pi(. | s)`` for a fixed policy, from one seeded generator.

    Uniform numbers are drawn in blocks and mapped through each row's cumulative
    probabilities by bisection, which costs far less per action than ``rng.choice``.

    >>> sampler = ActionSampler(np.array([[0.0, 1.0], [1.0, 0.0]]), np.random.default_rng(0))
    >>> [sampler(0), sampler(1), sampler(0)]
    [1, 0, 1]
    """

    def __init__(self, policy: Array, rng: np.random.Generator, block: int = 4096) -> None:
        cumulative = np.cumsum(policy, axis=1)
        cumulative[:, -1] = np.inf  # rounding never runs past the last action
        self._rows: list[list[float]] = cumulative.tolist()
        self._rng, self._block = rng, block
        self._uniforms: list[float] = []

    def __call__(self, state: int) -> int:
        if not self._uniforms:
            self._uniforms = self._rng.random(self._block).tolist()
        return bisect.bisect_right(self._rows[state], self._uniforms.pop())


class Exploration:
    """The coin flips of epsilon-greedy: with probability ``epsilon`` a uniformly random
    action, else ``None`` (act greedily).

    Drawn in blocks from one generator; every epsilon-greedy learner here explores
    through it, so that two learners given the same seed explore alike.

    >>> explore = Exploration(3, 1.0, np.random.default_rng(0))
    >>> all(explore() in (0, 1, 2) for _ in range(10)), Exploration(3, 0.0, explore.rng)()
    (True, None)
    """

    def __init__(
        self, n_actions: int, epsilon: float, rng: np.random.Generator, block: int = 4096
    ) -> None:
        self.rng, self._n_actions, self._epsilon, self._block = rng, n_actions, epsilon, block
        self._draws: list[tuple[float, int]] = []

    def __call__(self) -> int | None:
        if not self._draws:
            uniforms = self.rng.random(self._block).tolist()
            actions = self.rng.integers(self._n_actions, size=self._block).tolist()
            self._draws = list(zip(uniforms, actions, strict=True))
        u, random_action = self._draws.pop()
        return random_action if u < self._epsilon else None


class EpsilonGreedyActor:
    """Acts epsilon-greedily in action values that change as it learns.

    ``q`` is the learner's table as a list of rows (``q[s][a]``; plain floats are several
    times faster than numpy scalars in a Python loop).  The actor keeps the greedy
    action (the first maximum) of every state; :meth:`update` recomputes one state's
    after its row changed.  With ``epsilon = 0`` it is greedy.

    >>> q = [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> actor = EpsilonGreedyActor(q, 0.0, np.random.default_rng(0))
    >>> q[1][1] = 5.0
    >>> actor(1), actor.update(1), actor(1)
    (0, None, 1)
    """

    def __init__(self, q: list[list[float]], epsilon: float, rng: np.random.Generator) -> None:
        self.q = q
        self.greedy: list[int] = [row.index(max(row)) for row in q]
        self._explore = Exploration(len(q[0]), epsilon, rng)

    def __call__(self, state: int) -> int:
        action = self._explore()
        return self.greedy[state] if action is None else action

    def update(self, state: int) -> None:
        """``q[state]`` changed: its greedy action is the first maximum again."""
        row = self.q[state]
        self.greedy[state] = row.index(max(row))


def start_episode(env: Any, rng: np.random.Generator, first: bool, state: int | None = None) -> int:
    """``env.reset``: seeded from ``rng`` on the learner's first episode, in ``state``
    when given (exploring starts), else wherever the environment starts."""
    seed = int(rng.integers(2**32)) if first else None
    options = None if state is None else {"state": state}
    observation, _ = env.reset(seed=seed, options=options)
    return int(observation)


class Setup(NamedTuple):
    """A learner's checked arguments."""

    n_states: int
    n_actions: int
    gamma: float
    episodes: int
    episode_length: int
    rng: np.random.Generator


def learner_setup(env: Any, gamma: float, episodes: int, episode_length: int, seed: int) -> Setup:
    """Check what every learner takes; its generator from ``seed``.

    Raises
    ------
    TypeError
        If ``env`` lacks ``reset``, ``step`` or discrete spaces, or a count or the seed
        is not an int.
    ValueError
        If ``gamma`` lies outside ``[0, 1)``, a count is below 1, or ``seed`` below 0.
    """
    n_states, n_actions = discrete_sizes(env)
    return Setup(
        n_states,
        n_actions,
        as_discount(gamma),
        as_positive_int(episodes, "episodes"),
        as_positive_int(episode_length, "episode_length"),
        np.random.default_rng(as_int(seed, "seed", low=0)),
    )


def _as_action_values(q: ArrayLike) -> Array:
    values = as_float_array(q, "q")
    if values.ndim != 2 or 0 in values.shape:
        raise ValueError(f"q must have shape (S, A) with S, A >= 1, got {values.shape}")
    return values

"""Deep Q-learning (DQN) with experience replay and a target network, in torch.

Q-learning with a network ``q(s, . ; w)`` minimises the mean squared TD error
(Zhao, section 8.4, equation 8.37)

    J(w) = E[(r + gamma max_a' q_T(s', a'; w_T) - q(s, a; w))^2],

where the *target network* ``q_T`` is a copy of ``q`` refreshed every ``target_update``
steps, so that the target does not move with every gradient step, and the expectation
is over mini-batches drawn uniformly from a :class:`~ml_from_scratch.rl.replay.ReplayBuffer`.
The book's off-policy setting: one episode of ``steps`` (1000) steps of a uniform
behaviour policy fills the buffer; the network has one hidden layer of 100 units;
mini-batches of 100.  Here the network maps a state's features to the values of all
actions at once (the usual DQN head); by default a state's features are its one-hot
vector.

Complexity: O(steps) environment steps; O(iterations * batch_size * hidden * (F + A))
for training.

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), section
8.4 (Algorithm 8.3); V. Mnih et al., "Human-level control through deep reinforcement
learning", Nature 518 (2015).

Status: on the book's grid world, ``q`` is within the tested tolerance of ``q*`` (value
iteration, in the tests) and its greedy policy within 1% of ``v*``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from numpy.typing import ArrayLike
from torch import nn

from ml_from_scratch._checks import as_float_array, as_positive_int
from ml_from_scratch.rl.policies import Learned, learner_setup, one_hot, uniform_policy
from ml_from_scratch.rl.replay import collect

__all__ = ["QNetwork", "dqn"]


class QNetwork(nn.Module):
    """``features -> hidden (ReLU) -> one value per action``."""

    def __init__(self, n_features: int, n_actions: int, hidden: int = 100) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, n_actions)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)  # type: ignore[no-any-return]


def dqn(
    env: Any,
    gamma: float = 0.9,
    *,
    features: ArrayLike | None = None,
    steps: int = 1000,
    iterations: int = 3000,
    batch_size: int = 100,
    hidden: int = 100,
    target_update: int = 100,
    lr: float = 1e-3,
    behaviour: ArrayLike | None = None,
    seed: int = 0,
    callback: Callable[[int, float], None] | None = None,
) -> Learned:
    """Off-policy DQN in the book's setting: replay one behaviour episode, fit ``q*``.

    Parameters
    ----------
    env : gymnasium.Env
        Discrete states and actions.
    gamma : float
        The discount factor, ``0 <= gamma < 1``.
    features : array_like, shape (S, F), optional
        The network's input for each state; default the one-hot vectors.
    steps : int
        The length of the behaviour episode, which is the whole replay buffer.
    iterations : int
        Gradient steps (Adam, learning rate ``lr``) on mini-batches of ``batch_size``.
    hidden : int
        Units of the hidden layer.
    target_update : int
        Gradient steps between copies of the network into the target network.
    behaviour : array_like, shape (S, A), optional
        The behaviour policy; default uniform.
    seed : int
        Seeds the episode, the sampling and the network's initial weights.
    callback : callable, optional
        ``callback(iteration, loss)`` after each gradient step.

    Returns
    -------
    Learned
        ``(q, policy)``: the network's values of every state, shape ``(S, A)``, and
        their greedy policy.

    Raises
    ------
    TypeError, ValueError
        If ``env`` lacks discrete spaces, ``gamma`` lies outside ``[0, 1)``, a count is
        not an int ``>= 1``, or ``features`` / ``behaviour`` has the wrong shape.

    Complexity
    ----------
    O(steps) environment steps and O(iterations * batch_size * hidden * (F + A)) flops.

    Examples
    --------
    >>> from ml_from_scratch.rl import GridWorld
    >>> q, policy = dqn(GridWorld(), iterations=10)
    >>> q.shape, policy.shape
    ((25, 5), (25, 5))
    """
    setup = learner_setup(env, gamma, 1, steps, seed)
    n_states, n_actions = setup.n_states, setup.n_actions
    phi = np.eye(n_states) if features is None else as_float_array(features, "features")
    if phi.ndim != 2 or phi.shape[0] != n_states:
        raise ValueError(f"features must have shape ({n_states}, F), got {phi.shape}")
    iterations = as_positive_int(iterations, "iterations")
    batch_size = as_positive_int(batch_size, "batch_size")
    hidden = as_positive_int(hidden, "hidden")
    target_update = as_positive_int(target_update, "target_update")
    pi_b = uniform_policy(n_states, n_actions) if behaviour is None else behaviour
    buffer = collect(env, pi_b, steps, seed)
    inputs = torch.as_tensor(phi, dtype=torch.float32)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        network = QNetwork(phi.shape[1], n_actions, hidden)
    target = copy.deepcopy(network)
    optimiser = torch.optim.Adam(network.parameters(), lr=lr)
    for iteration in range(iterations):
        if iteration % target_update == 0:
            target.load_state_dict(network.state_dict())
        batch = buffer.sample(batch_size)
        s, s_next = inputs[batch.states], inputs[batch.next_states]
        with torch.no_grad():
            best_next = target(s_next).max(dim=1).values
            alive = torch.as_tensor(~batch.terminated, dtype=torch.float32)
            y = (
                torch.as_tensor(batch.rewards, dtype=torch.float32)
                + setup.gamma * alive * best_next
            )
        chosen = network(s).gather(1, torch.as_tensor(batch.actions)[:, None])[:, 0]
        loss = torch.mean((y - chosen) ** 2)
        optimiser.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimiser.step()
        if callback is not None:
            callback(iteration, float(loss))
    with torch.no_grad():
        q = network(inputs).double().numpy()
    return Learned(q, one_hot(q.argmax(axis=1), n_actions))

"""Reinforcement learning from the grid world up, after Zhao's *Mathematical Foundations of RL*.

* :class:`GridWorld` (:mod:`~ml_from_scratch.rl.gridworld`): the book's grid world as a
  ``gymnasium.Env``, its model exposed as ``P[s][a]`` and as dense arrays.
* :mod:`~ml_from_scratch.rl.dp`: policy evaluation (exact and iterative), value
  iteration, policy iteration, truncated policy iteration: the ground truth, on the
  models :mod:`~ml_from_scratch.rl.model` checks (dense, sparse, or Gymnasium's ``P``).
* :mod:`~ml_from_scratch.rl.mean_estimation`: incremental mean, Robbins-Monro, SGD, BGD
  and mini-batch GD.
* :mod:`~ml_from_scratch.rl.mc`: MC Basic, MC Exploring Starts, MC epsilon-greedy.
* :mod:`~ml_from_scratch.rl.td`: TD(0), Sarsa, Expected Sarsa, n-step Sarsa, Q-learning.
* :mod:`~ml_from_scratch.rl.vfa`: polynomial, Fourier and tile-coding features; linear
  TD, linear Sarsa and linear Q-learning.
* :mod:`~ml_from_scratch.rl.replay` and :mod:`~ml_from_scratch.rl.dqn`: experience
  replay and deep Q-learning (torch; import ``ml_from_scratch.rl.dqn`` itself, so that
  the rest of the package imports no torch).
* :mod:`~ml_from_scratch.rl.plots`: the grid with a policy and values, learning curves
  (matplotlib, the ``plot`` extra).

Learners take a ``seed``, are reproducible, and see the environment through ``reset``
and ``step`` only; policies are ``(S, A)`` arrays of action probabilities.
"""

from ml_from_scratch.rl.dp import (
    Solution,
    action_values,
    model_from_P,
    policy_evaluation,
    policy_iteration,
    truncated_policy_iteration,
    value_iteration,
)
from ml_from_scratch.rl.gridworld import ACTIONS, DEFAULT_FORBIDDEN, DEFAULT_TARGET, GridWorld
from ml_from_scratch.rl.mc import mc_basic, mc_epsilon_greedy, mc_exploring_starts
from ml_from_scratch.rl.mean_estimation import (
    batch_gradient_descent,
    harmonic,
    incremental_mean,
    minibatch_gradient_descent,
    robbins_monro,
    sgd,
)
from ml_from_scratch.rl.policies import (
    Learned,
    epsilon_greedy,
    greedy_policy,
    uniform_policy,
)
from ml_from_scratch.rl.replay import Batch, ReplayBuffer, collect
from ml_from_scratch.rl.td import expected_sarsa, n_step_sarsa, q_learning, sarsa, td0
from ml_from_scratch.rl.vfa import (
    LinearLearned,
    fourier_features,
    linear_q_learning,
    linear_sarsa,
    linear_td,
    polynomial_features,
    tile_coding,
)

__all__ = [
    "ACTIONS",
    "DEFAULT_FORBIDDEN",
    "DEFAULT_TARGET",
    "Batch",
    "GridWorld",
    "Learned",
    "LinearLearned",
    "ReplayBuffer",
    "Solution",
    "action_values",
    "batch_gradient_descent",
    "collect",
    "epsilon_greedy",
    "expected_sarsa",
    "fourier_features",
    "greedy_policy",
    "harmonic",
    "incremental_mean",
    "linear_q_learning",
    "linear_sarsa",
    "linear_td",
    "mc_basic",
    "mc_epsilon_greedy",
    "mc_exploring_starts",
    "minibatch_gradient_descent",
    "model_from_P",
    "n_step_sarsa",
    "policy_evaluation",
    "policy_iteration",
    "polynomial_features",
    "q_learning",
    "robbins_monro",
    "sarsa",
    "sgd",
    "td0",
    "tile_coding",
    "truncated_policy_iteration",
    "uniform_policy",
    "value_iteration",
]

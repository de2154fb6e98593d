"""Tests of TD learning: TD(0), Sarsa, Expected Sarsa, n-step Sarsa, Q-learning.

Learners see the world through :class:`rl_oracle.StepOnly`; their results are judged
against values computed here from the model (``rl_oracle``: ``numpy.linalg.solve`` for a
policy's values, the linear program for ``v*``/``q*`` and for the best epsilon-greedy
policy).  Seeds are fixed.

Tolerances.  With a constant step size TD keeps fluctuating around its target, by about
``sqrt(alpha)`` times the spread of the TD errors; the bounds below are twice the worst
seen over seeds 0..19 (0..9 for Q-learning) of the reference, with the statement's
settings:

* TD(0), uniform policy on the book's world (values -4.5 to -2.9), alpha 0.02, 10^5
  steps: root-mean-square error at most 0.124, worst state 0.35 -> bounds 0.25 and 0.7;
* Sarsa, epsilon 0.5, 10^5 steps: mean gap to the best epsilon-greedy policy's values
  at most 0.19, mean |q - q_pi| at most 0.25 -> bounds 0.4 and 0.5;
* off-policy Q-learning, uniform or skewed behaviour, 6 * 10^4 steps: the greedy policy
  was optimal every time, ``|q - q*|`` at most 0.25 -> 1% of v* and 0.5.  (A world
  without noise: the error of q decays geometrically, to 0.04 after 8 * 10^4 steps.)

A deterministic policy in a deterministic world has no noise at all: there TD(0) must
reach the exact values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from rl_oracle import (
    StepOnly,
    action_values,
    best_epsilon_greedy_values,
    compare_on_grid,
    exact_values,
    model_of,
    optimal_values,
    require,
)

from ml_from_scratch.rl import GridWorld, td
from workbook.testing import contract, edge, exercise_fixture

td0 = exercise_fixture("td0")
sarsa = exercise_fixture("sarsa")
q_learning = exercise_fixture("q_learning")

UNIFORM = np.full((25, 5), 0.2)


def rms(x: Any) -> float:
    return float(np.sqrt(np.mean(np.square(x))))


def judge_q_learning(env: GridWorld, q: Any, policy: Any, gamma: float) -> None:
    p, r = model_of(env)
    v_star = optimal_values(p, r, gamma)
    v_pi = exact_values(p, r, np.asarray(policy, dtype=float), gamma)
    require(
        np.all(np.abs(v_pi - v_star) <= 0.01 * np.abs(v_star) + 1e-6),
        compare_on_grid(
            env, v_pi, v_star, "the exact value of the greedy policy against v* (rtol 0.01)"
        ),
    )
    q_star = action_values(p, r, v_star, gamma)
    worst = float(np.abs(np.asarray(q) - q_star).max())
    assert worst <= 0.5, f"|q - q*| reaches {worst:.4f} > 0.5"


# ----------------------------------------------------------------------------- TD(0)


def test_td0_uniform_policy_on_the_books_world(td0: Any) -> None:
    env = GridWorld()
    v = np.asarray(
        td0(StepOnly(env), UNIFORM, 0.9, alpha=0.02, episodes=100, episode_length=1000, seed=0)
    )
    p, r = model_of(env)
    v_pi = exact_values(p, r, UNIFORM, 0.9)
    message = compare_on_grid(env, v, v_pi, "TD(0) against v_pi")
    assert rms(v - v_pi) <= 0.25, f"rms {rms(v - v_pi):.3f} > 0.25\n{message}"
    assert np.abs(v - v_pi).max() <= 0.7, message


def test_td0_deterministic_policy_is_exact(td0: Any) -> None:
    # Right into the target, then stay: v = [1 + 0.9 * 10, 10], no noise.  State 0 is
    # only ever a start: 1000 random starts visit it about 500 times, and each visit
    # cuts its error by 1 - alpha, to 0.9^500 of where it began.
    env = GridWorld((1, 2), forbidden=[], target=(0, 1))
    policy = np.array([[0.0, 1, 0, 0, 0], [0, 0, 0, 0, 1]])
    v = td0(StepOnly(env), policy, 0.9, alpha=0.1, episodes=1000, episode_length=20, seed=0)
    np.testing.assert_allclose(v, [10.0, 10.0], atol=1e-6)


def test_td0_gamma_zero_learns_the_expected_reward(td0: Any) -> None:
    # gamma = 0: v(s) is the reward of the policy's action; alpha = 1 copies it in at the
    # first visit, and 200 random starts visit every state.
    env = GridWorld()
    actions = np.arange(25) % 5
    v = td0(
        StepOnly(env), np.eye(5)[actions], 0.0, alpha=1.0, episodes=200, episode_length=100, seed=1
    )
    _, r = model_of(env)
    np.testing.assert_allclose(v, r[np.arange(25), actions], atol=1e-6)


def test_td0_is_seeded(td0: Any) -> None:
    runs = [
        td0(StepOnly(GridWorld()), UNIFORM, 0.9, alpha=0.05, episodes=5, episode_length=100, seed=s)
        for s in (7, 7, 8)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


# ----------------------------------------------------------------------------- Sarsa


def test_sarsa_reaches_the_best_epsilon_greedy_policy(sarsa: Any) -> None:
    env = GridWorld()
    q, policy = sarsa(
        StepOnly(env), 0.9, alpha=0.1, epsilon=0.5, episodes=1000, episode_length=100, seed=0
    )
    q, policy = np.asarray(q), np.asarray(policy)
    p, r = model_of(env)
    v_pi = exact_values(p, r, policy, 0.9)
    best = best_epsilon_greedy_values(p, r, 0.9, 0.5)
    gap = np.abs(v_pi - best).mean()
    assert gap <= 0.4, f"mean gap {gap:.3f} > 0.4\n" + compare_on_grid(env, v_pi, best, "v_pi")
    q_error = np.abs(q - action_values(p, r, v_pi, 0.9)).mean()
    assert q_error <= 0.5, f"q is not the action values of its own policy: mean error {q_error:.3f}"
    # The policy is epsilon-greedy in q.
    require(np.allclose(np.sort(policy, axis=1)[:, :-1], 0.1), "every other action gets 0.5 / 5")
    chosen = policy.argmax(axis=1)
    require(np.allclose(q[np.arange(25), chosen], q.max(axis=1)), "the 0.6 action must be greedy")


def test_sarsa_is_seeded(sarsa: Any) -> None:
    runs = [
        sarsa(
            StepOnly(GridWorld()),
            0.9,
            alpha=0.1,
            epsilon=0.5,
            episodes=5,
            episode_length=50,
            seed=s,
        )[0]
        for s in (1, 1, 2)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


# ----------------------------------------------------------------------------- Q-learning


@pytest.mark.parametrize(
    ("overrides", "behaviour"),
    [({}, "uniform"), ({"r_forbidden": -10.0}, "uniform"), ({}, "skewed")],
    ids=["book", "r_forbidden=-10", "skewed-behaviour"],
)
def test_off_policy_q_learning_learns_q_star(
    q_learning: Any, overrides: dict[str, Any], behaviour: str
) -> None:
    env = GridWorld(**overrides)
    if behaviour == "uniform":
        b = UNIFORM
    else:  # every action at least 0.1, as the statement allows
        weights = np.random.default_rng(123).random((25, 5))
        b = 0.5 * UNIFORM + 0.5 * weights / weights.sum(axis=1, keepdims=True)
    q, policy = q_learning(
        StepOnly(env), 0.9, behaviour=b, alpha=0.1, episodes=60, episode_length=1000, seed=0
    )
    judge_q_learning(env, q, policy, 0.9)
    require(np.all(np.sum(np.asarray(policy) == 1, axis=1) == 1), "the policy must be greedy")


# ----------------------------------------------------------------------------- other TD learners


@pytest.mark.slow
@pytest.mark.parametrize(
    ("learner", "worst_mean_gap"),
    [(td.expected_sarsa, 0.05), (lambda *a, **k: td.n_step_sarsa(*a, n=3, **k), 0.4)],
    ids=["expected-sarsa", "3-step-sarsa"],
)
def test_sarsa_variants_reach_the_best_epsilon_greedy_policy(
    learner: Any, worst_mean_gap: float
) -> None:
    # Seeds 0..9: Expected Sarsa reached the best epsilon-greedy policy every time; 3-step
    # Sarsa within a mean gap of 0.17.  Bounds about twice that.
    env = GridWorld()
    _, policy = learner(
        StepOnly(env), 0.9, alpha=0.1, epsilon=0.5, episodes=1000, episode_length=100, seed=0
    )
    p, r = model_of(env)
    v_pi, best = exact_values(p, r, policy, 0.9), best_epsilon_greedy_values(p, r, 0.9, 0.5)
    assert np.abs(v_pi - best).mean() <= worst_mean_gap, compare_on_grid(env, v_pi, best, "v_pi")


def test_one_step_sarsa_is_sarsa() -> None:
    args = {"alpha": 0.1, "epsilon": 0.3, "episodes": 30, "episode_length": 50, "seed": 5}
    np.testing.assert_array_equal(
        td.n_step_sarsa(GridWorld(), 0.9, n=1, **args).q, td.sarsa(GridWorld(), 0.9, **args).q
    )


def test_greedy_expected_sarsa_is_on_policy_q_learning() -> None:
    args = {"alpha": 0.1, "epsilon": 0.0, "episodes": 30, "episode_length": 50, "seed": 5}
    np.testing.assert_array_equal(
        td.expected_sarsa(GridWorld(), 0.9, **args).q, td.q_learning(GridWorld(), 0.9, **args).q
    )


@pytest.mark.slow
def test_on_policy_q_learning_with_full_exploration() -> None:
    env = GridWorld()
    q, policy = td.q_learning(
        StepOnly(env), 0.9, alpha=0.1, epsilon=1.0, episodes=1000, episode_length=100, seed=0
    )
    judge_q_learning(env, q, policy, 0.9)


def test_n_step_sarsa_bootstraps_through_the_episode_end() -> None:
    # One episode of two steps; greedy on zeros takes action 0 (up) into the boundary
    # (-1) both times.  With n = 5 the window never fills: at the end the oldest step
    # gets -1 + 0.5 (-1) + 0.25 q(0, up) = -1.5 (q still 0), then the last one
    # -1 + 0.5 q(0, up) = -1.75: both bootstrap from the last pair, the task goes on.
    env = GridWorld((1, 2), forbidden=[], target=(0, 1), start=(0, 0))
    q = td.n_step_sarsa(
        env, 0.5, n=5, alpha=1.0, epsilon=0.0, episodes=1, episode_length=2, seed=0
    ).q
    assert q[0, 0] == pytest.approx(-1.75)


@edge
def test_learners_report_every_episode() -> None:
    for learner in (td.sarsa, td.expected_sarsa, td.q_learning):
        seen: list[int] = []
        learner(
            GridWorld(), episodes=4, episode_length=3, callback=lambda k, q, s=seen: s.append(k)
        )
        assert seen == [0, 1, 2, 3]


@pytest.mark.slow
@edge
def test_frozen_lake_episodic_q_learning() -> None:
    # Any Gymnasium env with discrete spaces: FrozenLake's episodes end in terminal
    # states, whose successors have no value.
    import gymnasium as gym

    lake = gym.make("FrozenLake-v1", is_slippery=False).unwrapped
    _q, policy = td.q_learning(
        lake,
        0.95,
        alpha=0.5,
        behaviour=np.full((16, 4), 0.25),
        episodes=3000,
        episode_length=100,
        seed=0,
    )
    p, r = model_of(lake)
    v_star = optimal_values(p, r, 0.95)
    np.testing.assert_allclose(exact_values(p, r, policy, 0.95)[0], v_star[0], atol=1e-9)


# ----------------------------------------------------------------------------- bad input


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"alpha": 0.0}, ValueError, "alpha"),
        ({"alpha": 1.5}, ValueError, "alpha"),
        ({"episodes": 0}, ValueError, "episodes"),
        ({"episode_length": 2.0}, TypeError, "episode_length"),
        ({"seed": "0"}, TypeError, "seed"),
    ],
)
def test_td0_bad_arguments(td0: Any, kwargs: dict[str, Any], error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        td0(GridWorld(), UNIFORM, 0.9, **kwargs)


@contract
def test_td0_bad_policy(td0: Any) -> None:
    with pytest.raises(ValueError, match="policy"):
        td0(GridWorld(), np.full((25, 4), 0.25), 0.9)


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [({"epsilon": -0.1}, ValueError, "epsilon"), ({"alpha": "0.1"}, TypeError, "alpha")],
)
def test_sarsa_bad_arguments(sarsa: Any, kwargs: dict[str, Any], error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        sarsa(GridWorld(), 0.9, **kwargs)


@contract
def test_q_learning_bad_behaviour(q_learning: Any) -> None:
    with pytest.raises(ValueError, match="behaviour"):
        q_learning(GridWorld(), 0.9, behaviour=np.full((25, 5), 0.3))

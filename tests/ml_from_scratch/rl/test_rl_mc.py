"""Tests of Monte Carlo control: MC Basic, MC Exploring Starts, MC epsilon-greedy.

Each learner sees the world through :class:`rl_oracle.StepOnly` (reset, step, the
spaces: no model), and is judged by the exact value of the policy it returns, computed
here from the model: ``v*`` by the linear program, the best epsilon-greedy values by the
same program on the epsilon-perturbed MDP (``rl_oracle``), the policy's own values by
``numpy.linalg.solve``.  Seeds are fixed.

Tolerances.  "Within 1% of v*" is ``|v_pi - v*| <= 0.01 |v*| + 1e-6`` in every state
(the 1e-6 for states whose optimal value is 0).  MC Basic in a deterministic world has
no noise: one episode per pair gives ``q_pi`` up to the ``gamma^L`` truncation, and it
reaches an optimal policy exactly.  MC epsilon-greedy on the 3x3 world reached the
best epsilon-greedy policy exactly from each of the seeds 0..19 with the statement's
settings; 1% leaves room for another implementation's random stream.  On the book's
5x5 world (slow) ten times the steps leave, from seeds 0..5, an error of at most 0.15
(the values are 2 to 6): the bound is 0.3 in the worst state and 0.05 on average.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from rl_oracle import (
    StepOnly,
    best_epsilon_greedy_values,
    compare_on_grid,
    exact_values,
    model_of,
    optimal_values,
    require,
)

from ml_from_scratch.rl import GridWorld, mc_exploring_starts
from workbook.testing import contract, edge, exercise_fixture

mc_basic = exercise_fixture("mc_basic")
mc_epsilon_greedy = exercise_fixture("mc_epsilon_greedy")

SMALL = {"shape": (3, 3), "forbidden": [(1, 1)], "target": (2, 2)}


def judge_near_optimal(env: GridWorld, policy: Any, gamma: float, rtol: float = 0.01) -> None:
    """The exact value of ``policy`` within ``rtol`` of ``v*`` in every state."""
    p, r = model_of(env)
    policy = np.asarray(policy, dtype=float)
    assert policy.shape == r.shape, f"policy must have shape {r.shape}, got {policy.shape}"
    v_pi, v_star = exact_values(p, r, policy, gamma), optimal_values(p, r, gamma)
    require(
        np.all(np.abs(v_pi - v_star) <= rtol * np.abs(v_star) + 1e-6),
        compare_on_grid(
            env, v_pi, v_star, f"the exact value of the returned policy against v* (rtol {rtol})"
        ),
    )


def judge_epsilon_optimal(
    env: GridWorld, policy: Any, gamma: float, epsilon: float, worst: float, mean: float
) -> None:
    """The policy's exact value near the best epsilon-greedy policy's."""
    p, r = model_of(env)
    v_pi = exact_values(p, r, np.asarray(policy, dtype=float), gamma)
    best = best_epsilon_greedy_values(p, r, gamma, epsilon)
    gap = np.abs(v_pi - best)
    message = compare_on_grid(env, v_pi, best, "against the best epsilon-greedy policy")
    require(np.all(gap <= worst), message)
    assert gap.mean() <= mean, f"mean gap {gap.mean():.4f} > {mean}\n{message}"


def check_epsilon_greedy_shape(q: Any, policy: Any, epsilon: float) -> None:
    q, policy = np.asarray(q), np.asarray(policy)
    n_actions = q.shape[1]
    greedy = q.argmax(axis=1)
    expected = np.full(q.shape, epsilon / n_actions)
    expected[np.arange(len(q)), greedy] += 1 - epsilon
    # Any action among tied maxima may be the greedy one.
    best = policy.argmax(axis=1)
    require(np.all(np.isclose(q[np.arange(len(q)), best], q.max(axis=1))), "greedy in q")
    np.testing.assert_allclose(np.sort(policy, axis=1), np.sort(expected, axis=1), atol=1e-9)


# ----------------------------------------------------------------------------- MC Basic


@pytest.mark.parametrize(
    ("overrides", "gamma"),
    [({}, 0.9), ({}, 0.5), ({"r_forbidden": -10.0}, 0.9), (SMALL, 0.9)],
    ids=["book", "gamma=0.5", "r_forbidden=-10", "3x3"],
)
def test_mc_basic_reaches_an_optimal_policy(
    mc_basic: Any, overrides: dict[str, Any], gamma: float
) -> None:
    env = GridWorld(**overrides)
    q, policy = mc_basic(
        StepOnly(env), gamma, iterations=10, episode_length=30, episodes_per_pair=1, seed=0
    )
    assert np.shape(q) == (env.n_states, 5)
    judge_near_optimal(env, policy, gamma)


def test_mc_basic_q_is_the_truncated_return_of_its_policy(mc_basic: Any) -> None:
    # In a deterministic world q[s, a] is exactly the L-step return of a, then the policy.
    env, length = GridWorld(), 30
    q, policy = mc_basic(
        StepOnly(env), 0.9, iterations=10, episode_length=length, episodes_per_pair=1, seed=0
    )
    p, r = model_of(env)
    v = np.zeros(env.n_states)  # the (L - 1)-step values of the policy, by L - 1 sweeps
    p_pi, r_pi = np.einsum("sa,sat->st", policy, p), (policy * r).sum(axis=1)
    for _ in range(length - 1):
        v = r_pi + 0.9 * p_pi @ v
    np.testing.assert_allclose(q, r + 0.9 * p @ v, atol=1e-9)


def test_mc_basic_episode_length_one_sees_only_immediate_rewards(mc_basic: Any) -> None:
    # The book's example: with episodes of one step, q is the reward.
    env = GridWorld()
    q, _ = mc_basic(StepOnly(env), 0.9, iterations=3, episode_length=1, episodes_per_pair=1, seed=0)
    np.testing.assert_allclose(q, model_of(env)[1])


# ----------------------------------------------------------------------------- MC epsilon-greedy


def test_mc_epsilon_greedy_reaches_the_best_epsilon_greedy_policy(mc_epsilon_greedy: Any) -> None:
    env = GridWorld(**SMALL)
    q, policy = mc_epsilon_greedy(
        StepOnly(env), 0.9, epsilon=0.5, episodes=2000, episode_length=100, seed=0
    )
    check_epsilon_greedy_shape(q, policy, 0.5)
    p, r = model_of(env)
    best = best_epsilon_greedy_values(p, r, 0.9, 0.5)
    v_pi = exact_values(p, r, np.asarray(policy), 0.9)
    require(
        np.all(np.abs(v_pi - best) <= 0.01 * np.abs(best) + 1e-6),
        compare_on_grid(env, v_pi, best, "against the best epsilon-greedy policy (rtol 0.01)"),
    )


def test_mc_epsilon_greedy_is_seeded(mc_epsilon_greedy: Any) -> None:
    runs = [
        mc_epsilon_greedy(
            StepOnly(GridWorld(**SMALL)),
            0.9,
            epsilon=0.5,
            episodes=50,
            episode_length=50,
            seed=seed,
        )
        for seed in (3, 3, 4)
    ]
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    assert not np.array_equal(runs[0][0], runs[2][0])


@edge
@pytest.mark.slow
def test_mc_epsilon_greedy_on_the_books_world(mc_epsilon_greedy: Any) -> None:
    env = GridWorld()
    _, policy = mc_epsilon_greedy(
        StepOnly(env), 0.9, epsilon=0.5, episodes=10_000, episode_length=100, seed=0
    )
    judge_epsilon_optimal(env, policy, 0.9, 0.5, worst=0.3, mean=0.05)


# ----------------------------------------------------------------------------- MC Exploring Starts


@pytest.mark.parametrize("first_visit", [True, False], ids=["first-visit", "every-visit"])
def test_exploring_starts_averages_one_episode_by_hand(first_visit: bool) -> None:
    # One cell: every move bumps the boundary (-1), stay earns the target's +1.  From
    # q = 0 the greedy action is 0 (up), so the episode is (a0, up, up) with rewards
    # (r0, -1, -1) and, at gamma = 0.5, returns G2 = -1, G1 = -1.5, G0 = r0 - 0.75.
    env = GridWorld((1, 1), forbidden=[], target=(0, 0))
    q = mc_exploring_starts(
        StepOnly(env), 0.5, episodes=1, episode_length=3, first_visit=first_visit, seed=0
    ).q[0]
    started_up = np.count_nonzero(q) == 1
    if started_up:  # up at t = 0, 1, 2
        expected_up = -1.75 if first_visit else np.mean([-1.75, -1.5, -1.0])
        np.testing.assert_allclose(q, [expected_up, 0, 0, 0, 0])
    else:  # a0, then up at t = 1, 2
        a0 = int(np.flatnonzero(q[1:])[0]) + 1
        r0 = 1.0 if a0 == 4 else -1.0
        assert q[a0] == pytest.approx(r0 - 0.75)
        assert q[0] == pytest.approx(-1.5 if first_visit else -1.25)


@pytest.mark.slow
def test_exploring_starts_first_visit_on_the_books_world() -> None:
    # The averages keep every return ever seen, those of early, poor policies included,
    # and these fade like 1/n: it takes tens of thousands of episodes.  Episodes of 60
    # steps keep the truncation of the first visits' returns, gamma^50 max|v| ~ 0.05,
    # below the smallest gap between the two best actions of a state, 0.1.  Calibrated:
    # seeds 0..3 reach an optimal policy; of seeds 4..7 two do, two stop within 1.8%
    # (the near-tie at (0, 1), 5.58 against 5.48, still unresolved).
    env = GridWorld()
    _, policy = mc_exploring_starts(
        StepOnly(env), 0.9, episodes=60_000, episode_length=60, first_visit=True, seed=0
    )
    judge_near_optimal(env, policy, 0.9)


def test_exploring_starts_first_and_every_visit_differ_only_in_repeats() -> None:
    # A world with no repeated pair in an episode of one step: both rules coincide.
    env = GridWorld(**SMALL)
    first = mc_exploring_starts(
        StepOnly(env), 0.9, episodes=200, episode_length=1, first_visit=True, seed=2
    )
    every = mc_exploring_starts(
        StepOnly(env), 0.9, episodes=200, episode_length=1, first_visit=False, seed=2
    )
    np.testing.assert_array_equal(first.q, every.q)
    np.testing.assert_allclose(first.q[first.q != 0], model_of(env)[1][first.q != 0])


def test_exploring_starts_callback_sees_every_episode() -> None:
    seen: list[int] = []
    mc_exploring_starts(
        GridWorld(), episodes=7, episode_length=5, callback=lambda k, q: seen.append(k)
    )
    assert seen == list(range(7))


# ----------------------------------------------------------------------------- bad input


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"iterations": 0}, ValueError, "iterations"),
        ({"episode_length": 0}, ValueError, "episode_length"),
        ({"episodes_per_pair": 1.5}, TypeError, "episodes_per_pair"),
        ({"seed": -1}, ValueError, "seed"),
    ],
)
def test_mc_basic_bad_arguments(
    mc_basic: Any, kwargs: dict[str, Any], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        mc_basic(GridWorld(), 0.9, **kwargs)


@contract
@pytest.mark.parametrize(
    ("args", "kwargs", "error", "name"),
    [
        ((GridWorld(), 1.0), {}, ValueError, "gamma"),
        ((object(), 0.9), {}, TypeError, "env"),
        ((GridWorld(), 0.9), {"epsilon": 1.5}, ValueError, "epsilon"),
        ((GridWorld(), 0.9), {"episodes": 0}, ValueError, "episodes"),
    ],
)
def test_mc_epsilon_greedy_bad_arguments(
    mc_epsilon_greedy: Any, args: tuple[Any, ...], kwargs: dict[str, Any], error: type, name: str
) -> None:
    with pytest.raises(error, match=name):
        mc_epsilon_greedy(*args, **kwargs)


@contract
def test_exploring_starts_bad_first_visit() -> None:
    with pytest.raises(TypeError, match="first_visit"):
        mc_exploring_starts(GridWorld(), first_visit="yes")

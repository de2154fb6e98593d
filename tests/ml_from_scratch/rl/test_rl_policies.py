"""Tests of the policy helpers: the formulas, and the samplers' frequencies (chi-squared)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import chisquare

from ml_from_scratch.rl import epsilon_greedy, greedy_policy, uniform_policy
from ml_from_scratch.rl.policies import ActionSampler, EpsilonGreedyActor, Exploration

Q_TABLES = arrays(
    np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)), elements=st.floats(-5, 5)
)


@given(q=Q_TABLES, epsilon=st.floats(0, 1))
def test_epsilon_greedy_formula(q: Any, epsilon: float) -> None:
    policy = epsilon_greedy(q, epsilon)
    n_actions = q.shape[1]
    greedy = q.argmax(axis=1)
    np.testing.assert_allclose(policy.sum(axis=1), 1.0)
    np.testing.assert_allclose(
        policy[np.arange(len(q)), greedy], 1 - epsilon * (n_actions - 1) / n_actions
    )
    others = np.ones_like(q, dtype=bool)
    others[np.arange(len(q)), greedy] = False
    np.testing.assert_allclose(policy[others], epsilon / n_actions)
    np.testing.assert_array_equal(epsilon_greedy(q, 0.0), greedy_policy(q))


def test_uniform_and_greedy() -> None:
    np.testing.assert_array_equal(uniform_policy(2, 4), np.full((2, 4), 0.25))
    np.testing.assert_array_equal(greedy_policy([[1.0, 3.0, 3.0]]), [[0.0, 1.0, 0.0]])


def test_action_sampler_frequencies() -> None:
    policy = np.array([[0.1, 0.2, 0.3, 0.4, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0]])
    sampler = ActionSampler(policy, np.random.default_rng(0), block=1000)
    draws = [sampler(0) for _ in range(20_000)]
    counts = np.bincount(draws, minlength=5)
    assert counts[4] == 0
    assert chisquare(counts[:4], 20_000 * policy[0, :4]).pvalue > 1e-3
    assert {sampler(1) for _ in range(100)} == {2}


def test_epsilon_greedy_actor_frequencies() -> None:
    q = [[0.0, 2.0, 1.0]]
    actor = EpsilonGreedyActor(q, 0.3, np.random.default_rng(1))
    counts = np.bincount([actor(0) for _ in range(30_000)], minlength=3)
    assert chisquare(counts, 30_000 * epsilon_greedy(q, 0.3)[0]).pvalue > 1e-3
    q[0][0] = 5.0
    actor.update(0)
    assert actor.greedy == [0]


@pytest.mark.parametrize("epsilon", [0.0, 1.0])
def test_exploration_extremes(epsilon: float) -> None:
    explore = Exploration(4, epsilon, np.random.default_rng(2))
    draws = [explore() for _ in range(200)]
    assert all(d is None for d in draws) if epsilon == 0 else set(draws) == {0, 1, 2, 3}


@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: epsilon_greedy([[1.0]], 1.5), ValueError, "epsilon"),
        (lambda: greedy_policy([1.0, 2.0]), ValueError, r"\bq\b"),
        (lambda: uniform_policy(0, 2), ValueError, "n_states"),
    ],
)
def test_bad_input(call: Any, error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        call()

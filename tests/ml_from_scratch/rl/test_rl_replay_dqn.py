"""Tests of experience replay and deep Q-learning.

The buffer is checked against a ``collections.deque(maxlen=capacity)`` model of what it
must hold, and its sampling against the uniform distribution with a chi-squared test.
DQN (slow) is judged against ``q*`` from the linear program of the model.
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rl_oracle import StepOnly, action_values, exact_values, model_of, optimal_values
from scipy.stats import chisquare

from ml_from_scratch.rl import GridWorld, collect
from workbook.testing import contract, edge, exercise_fixture

replay_buffer = exercise_fixture("replay_buffer")


def transition(t: int) -> tuple[int, int, float, int, bool]:
    """The t-th transition: every field a function of t, so that a row tells its t."""
    return t, t % 5, float(t) / 2, t + 1, t % 3 == 0


def stored(buffer: Any, draws: int) -> set[int]:
    """The states a buffer samples, with enough draws to see every stored one."""
    return set(np.asarray(buffer.sample(draws)[0]).tolist())


def test_worked_example(replay_buffer: Any) -> None:
    buffer = replay_buffer(capacity=2, seed=0)
    for t in range(3):
        buffer.add(t, 1, -1.0, t + 1, False)
    assert len(buffer) == 2
    assert stored(buffer, 200) == {1, 2}


@given(capacity=st.integers(1, 30), adds=st.integers(1, 100), seed=st.integers(0, 2**16))
def test_holds_the_last_capacity_transitions(
    replay_buffer: Any, capacity: int, adds: int, seed: int
) -> None:
    buffer, model = replay_buffer(capacity, seed=seed), collections.deque(maxlen=capacity)
    for t in range(adds):
        buffer.add(*transition(t))
        model.append(t)
        assert len(buffer) == len(model)
    # 60 draws per stored transition miss one with probability below e^-60 * capacity.
    assert stored(buffer, 60 * capacity) == set(model)


def test_samples_whole_transitions(replay_buffer: Any) -> None:
    # A row of a batch is one stored transition, not fields drawn apart.
    buffer = replay_buffer(capacity=100, seed=1)
    for t in range(250):
        buffer.add(*transition(t))
    states, actions, rewards, next_states, terminated = (np.asarray(x) for x in buffer.sample(1000))
    assert (
        states.shape
        == actions.shape
        == rewards.shape
        == next_states.shape
        == terminated.shape
        == (1000,)
    )
    for s, a, r, s_next, done in zip(
        states, actions, rewards, next_states, terminated, strict=True
    ):
        assert (s, a, r, s_next, bool(done)) == transition(int(s))
        assert 150 <= s < 250


def test_samples_uniformly(replay_buffer: Any) -> None:
    buffer = replay_buffer(capacity=50, seed=2)
    for t in range(70):
        buffer.add(*transition(t))
    counts = np.bincount(np.asarray(buffer.sample(50_000)[0]) - 20, minlength=50)
    assert len(counts) == 50
    # The chi-squared test of uniformity over the 50 stored transitions, at 0.1%.
    assert chisquare(counts).pvalue > 1e-3


def test_array_states(replay_buffer: Any) -> None:
    buffer = replay_buffer(capacity=10, seed=3)
    for t in range(4):
        buffer.add(np.full((2, 3), t), 0, 0.0, np.full((2, 3), t + 1), False)
    states, _, _, next_states, _ = buffer.sample(8)
    assert np.shape(states) == (8, 2, 3)
    np.testing.assert_array_equal(np.asarray(next_states), np.asarray(states) + 1)


def test_seeded(replay_buffer: Any) -> None:
    batches = []
    for seed in (5, 5, 6):
        buffer = replay_buffer(capacity=100, seed=seed)
        for t in range(100):
            buffer.add(*transition(t))
        batches.append(np.asarray(buffer.sample(20)[0]))
    np.testing.assert_array_equal(batches[0], batches[1])
    assert not np.array_equal(batches[0], batches[2])


def test_empty_buffer_cannot_sample(replay_buffer: Any) -> None:
    with pytest.raises(ValueError):
        replay_buffer(capacity=3, seed=0).sample(1)


def test_many_operations_stay_fast(replay_buffer: Any) -> None:
    # 5 * 10^5 adds into a buffer of 10^5 and 100 batches of 10^4: a list that shifts
    # on every add moves 4 * 10^10 items and runs out of its time limit.
    buffer = replay_buffer(capacity=10**5, seed=0)
    for t in range(5 * 10**5):
        buffer.add(t, 0, 0.0, t, False)
    assert len(buffer) == 10**5
    for _ in range(100):
        assert np.asarray(buffer.sample(10**4)[0]).min() >= 4 * 10**5


@contract
@pytest.mark.parametrize(("capacity", "error"), [(0, ValueError), (2.5, TypeError)])
def test_bad_capacity(replay_buffer: Any, capacity: Any, error: type) -> None:
    with pytest.raises(error, match="capacity"):
        replay_buffer(capacity, seed=0)


@contract
def test_bad_batch_size_and_state_shape(replay_buffer: Any) -> None:
    buffer = replay_buffer(capacity=3, seed=0)
    buffer.add(np.zeros(2), 0, 0.0, np.zeros(2), False)
    with pytest.raises(ValueError, match="batch_size"):
        buffer.sample(0)
    with pytest.raises(ValueError, match="state"):
        buffer.add(np.zeros(3), 0, 0.0, np.zeros(3), False)
    with pytest.raises(ValueError, match="reward"):
        buffer.add(np.zeros(2), 0, float("nan"), np.zeros(2), False)


# ----------------------------------------------------------------------------- DQN


@edge
def test_the_books_buffer_covers_every_pair() -> None:
    buffer = collect(StepOnly(GridWorld()), np.full((25, 5), 0.2), steps=1000, seed=0)
    batch = buffer.sample(100_000)
    assert (
        len({(s, a) for s, a in zip(batch.states.tolist(), batch.actions.tolist(), strict=True)})
        == 125
    )


@pytest.fixture
def one_torch_thread() -> Any:
    """Small networks: one thread is faster than several contending for the cores."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.slow
def test_dqn_learns_q_star_in_the_books_setting(one_torch_thread: None) -> None:
    # One 1000-step episode of the uniform policy as the buffer, batches of 100, one
    # hidden layer of 100 units (Zhao, section 8.4).  Seeds 0 and 1 ended within 0.03 of
    # q* after 6000 steps: the bound is about three times that.
    from ml_from_scratch.rl.dqn import dqn

    env = GridWorld()
    q, policy = dqn(
        StepOnly(env), 0.9, steps=1000, batch_size=100, hidden=100, iterations=6000, seed=0
    )
    p, r = model_of(env)
    v_star = optimal_values(p, r, 0.9)
    np.testing.assert_allclose(q, action_values(p, r, v_star, 0.9), atol=0.1)
    np.testing.assert_allclose(exact_values(p, r, policy, 0.9), v_star, rtol=0.01)


@edge
def test_dqn_is_seeded(one_torch_thread: None) -> None:
    from ml_from_scratch.rl.dqn import dqn

    runs = [dqn(GridWorld(), steps=100, iterations=5, seed=s).q for s in (3, 3, 4)]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])

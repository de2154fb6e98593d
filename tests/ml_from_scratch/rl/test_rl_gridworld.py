"""Tests of the grid world: Gymnasium's checker, the rules, the model's three forms.

Oracles: ``gymnasium.utils.env_checker.check_env`` for the API; a hand-written model of
the book's rules (:func:`expected_move`) on hypothesis-drawn worlds; the book's own
description of the default world (cells counted from 1).
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import chisquare

from ml_from_scratch.rl import GridWorld
from ml_from_scratch.rl.gridworld import DEFAULT_FORBIDDEN, DEFAULT_TARGET, ENV_ID, MOVES

REWARDS = st.floats(-10, 10, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def worlds(draw: st.DrawFn) -> GridWorld:
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    target = draw(st.sampled_from(cells))
    others = [c for c in cells if c != target]
    forbidden = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
    return GridWorld(
        (rows, cols),
        forbidden,
        target,
        r_boundary=draw(REWARDS),
        r_forbidden=draw(REWARDS),
        r_target=draw(REWARDS),
        r_other=draw(REWARDS),
    )


def expected_move(env: GridWorld, cell: tuple[int, int], action: int) -> tuple[Any, float]:
    """The book's rules, written out: where ``action`` takes the agent, and the reward."""
    row, col = cell[0] + MOVES[action][0], cell[1] + MOVES[action][1]
    if not (0 <= row < env.shape[0] and 0 <= col < env.shape[1]):
        return cell, env.rewards["r_boundary"]
    if (row, col) == env.target:
        return (row, col), env.rewards["r_target"]
    if (row, col) in env.forbidden:
        return (row, col), env.rewards["r_forbidden"]
    return (row, col), env.rewards["r_other"]


# ----------------------------------------------------------------------------- the API


def test_passes_gymnasium_env_checker() -> None:
    check_env(gym.make(ENV_ID).unwrapped)
    check_env(gym.make(ENV_ID, shape=(2, 7), forbidden=[(0, 3)], target=(1, 6)).unwrapped)


def test_registered_with_gymnasium() -> None:
    env = gym.make(ENV_ID, max_episode_steps=4, render_mode="ansi")
    assert isinstance(env.unwrapped, GridWorld)
    env.reset(seed=0)
    assert [env.step(4)[3] for _ in range(4)] == [False, False, False, True]


def test_book_default_world() -> None:
    # The book counts from 1: forbidden (2,2), (2,3), (3,3), (4,2), (4,4), (5,2); target (4,3).
    book_forbidden = {(2, 2), (2, 3), (3, 3), (4, 2), (4, 4), (5, 2)}
    env = GridWorld()
    assert env.shape == (5, 5)
    assert {(r + 1, c + 1) for r, c in env.forbidden} == book_forbidden
    assert (env.target[0] + 1, env.target[1] + 1) == (4, 3)
    assert env.forbidden == set(DEFAULT_FORBIDDEN)
    assert env.target == DEFAULT_TARGET
    assert env.rewards == {
        "r_boundary": -1.0,
        "r_forbidden": -1.0,
        "r_target": 1.0,
        "r_other": 0.0,
    }
    assert (env.observation_space, env.action_space) == (
        gym.spaces.Discrete(25),
        gym.spaces.Discrete(5),
    )


@given(env=worlds(), data=st.data())
def test_step_follows_the_rules(env: GridWorld, data: st.DataObject) -> None:
    cell = data.draw(st.tuples(st.integers(0, env.shape[0] - 1), st.integers(0, env.shape[1] - 1)))
    start = env.state_index(*cell)
    env.reset(seed=0, options={"state": start})
    for action in data.draw(st.lists(st.integers(0, 4), min_size=1, max_size=20)):
        want_cell, want_reward = expected_move(env, env.cell(start), action)
        state, reward, terminated, truncated, info = env.step(action)
        assert (env.cell(state), reward) == (want_cell, want_reward), (cell, action)
        assert (terminated, truncated, info) == (False, False, {})
        assert type(state) is int
        assert type(reward) is float
        start = state


@given(env=worlds())
def test_the_model_in_three_forms_agrees_with_the_rules(env: GridWorld) -> None:
    dense = env.transition_matrix()
    sparse = env.transition_matrix(sparse=True).toarray().reshape(dense.shape)
    reward = env.reward_matrix()
    for s in range(env.n_states):
        for a in range(5):
            want_cell, want_reward = expected_move(env, env.cell(s), a)
            s_next = env.state_index(*want_cell)
            assert env.P[s][a] == [(1.0, s_next, want_reward, False)]
            expected_row = np.zeros(env.n_states)
            expected_row[s_next] = 1.0
            np.testing.assert_array_equal(dense[s, a], expected_row)
            np.testing.assert_array_equal(sparse[s, a], expected_row)
            assert reward[s, a] == want_reward


def test_staying_in_the_target_and_in_a_forbidden_cell() -> None:
    env = GridWorld()
    target, forbidden = env.state_index(3, 2), env.state_index(1, 1)
    assert env.P[target][4] == [(1.0, target, 1.0, False)]
    assert env.P[forbidden][4] == [(1.0, forbidden, -1.0, False)]
    top_left = env.state_index(0, 0)
    assert env.P[top_left][0] == [(1.0, top_left, -1.0, False)]  # up: the boundary


# ----------------------------------------------------------------------------- episodes


def test_reset_start_options_and_uniform_random_starts() -> None:
    env = GridWorld()
    assert env.reset(options={"state": 7})[0] == 7
    assert env.reset(options={"state": (4, 4)})[0] == 24
    assert GridWorld(start=(0, 3)).reset(seed=1)[0] == 3
    starts = [env.reset(seed=seed)[0] for seed in range(2500)]
    # 2500 draws into 25 cells: a chi-squared test of uniformity at the 0.1% level.
    assert chisquare(np.bincount(starts, minlength=25)).pvalue > 1e-3


def test_seeded_resets_repeat() -> None:
    a, b = GridWorld(), GridWorld()
    assert [a.reset(seed=3)[0] for _ in range(3)] == [b.reset(seed=3)[0] for _ in range(3)]
    a.reset(seed=4)
    b.reset(seed=4)
    assert [a.reset()[0] for _ in range(10)] == [b.reset()[0] for _ in range(10)]


def test_continuing_task_and_truncation() -> None:
    env = GridWorld(max_episode_steps=3)
    env.reset(seed=0)
    flags = [env.step(4)[2:4] for _ in range(3)]
    assert flags == [(False, False), (False, False), (False, True)]
    env.reset(seed=0)
    assert env.step(4)[3] is False  # reset starts the count again
    never = GridWorld()
    never.reset(seed=0)
    assert not any(never.step(1)[3] for _ in range(2000))


def test_numpy_actions_are_accepted() -> None:
    env = GridWorld()
    env.reset(options={"state": 0})
    assert env.step(np.int64(1))[0] == 1
    assert env.step(env.action_space.sample())[0] in range(25)


# ----------------------------------------------------------------------------- text


def test_render_ansi() -> None:
    env = GridWorld(render_mode="ansi")
    env.reset(options={"state": (0, 0)})
    assert env.render() == "@ . . . .\n. # # . .\n. . # . .\n. # T # .\n. # . . ."
    assert GridWorld().render() is None


def test_render_policy_arrows_and_values() -> None:
    env = GridWorld((2, 2), forbidden=[(0, 1)], target=(1, 1))
    policy = np.eye(5)[[1, 2, 1, 4]]  # right, down; right, stay
    text = env.render_policy(policy, [1.5, -2.25, 9.0, 10.0])
    assert text.splitlines() == [" →  #↓     1.5 -2.2", " →  T○     9.0 10.0"]
    assert env.render_policy(np.full((4, 5), 0.2)).splitlines()[0] == " ↑  #↑"


def test_coordinates_scale_rows_and_columns_to_the_unit_square() -> None:
    xy = GridWorld((3, 5), forbidden=[], target=(0, 0)).coordinates()
    assert xy.shape == (15, 2)
    np.testing.assert_array_equal(xy[[0, 4, 14]], [[0, 0], [0, 1], [1, 1]])
    one_cell = GridWorld((1, 1), forbidden=[], target=(0, 0))
    np.testing.assert_array_equal(one_cell.coordinates(), [[0.0, 0.0]])


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"shape": (0, 3)}, ValueError, r"shape\[0\]"),
        ({"shape": (2.0, 3)}, TypeError, r"shape\[0\]"),
        ({"shape": 5}, TypeError, "shape"),
        ({"target": (5, 0)}, ValueError, "target"),
        ({"target": (1, 1)}, ValueError, "target"),
        ({"forbidden": [(0, 9)]}, ValueError, "forbidden"),
        ({"forbidden": [3]}, TypeError, "forbidden"),
        ({"r_target": float("nan")}, ValueError, "r_target"),
        ({"r_boundary": "-1"}, TypeError, "r_boundary"),
        ({"start": (9, 9)}, ValueError, "start"),
        ({"max_episode_steps": 0}, ValueError, "max_episode_steps"),
        ({"render_mode": "human"}, ValueError, "render_mode"),
    ],
)
def test_bad_configuration(kwargs: dict[str, Any], error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        GridWorld(**kwargs)


@pytest.mark.parametrize(
    ("action", "error"), [(5, ValueError), (-1, ValueError), (1.0, TypeError), (True, TypeError)]
)
def test_bad_action(action: Any, error: type) -> None:
    env = GridWorld()
    env.reset(seed=0)
    with pytest.raises(error, match="action"):
        env.step(action)


def test_bad_start_state() -> None:
    with pytest.raises(ValueError, match="state"):
        GridWorld().reset(options={"state": 25})
    with pytest.raises(ValueError, match="policy"):
        GridWorld().render_policy(np.ones((25, 5)))

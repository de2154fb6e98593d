"""Tests of dynamic programming: policy evaluation, value iteration, policy iteration.

Oracles (``rl_oracle``, no code shared with ``ml_from_scratch.rl``): the book's printed
optimal values of its grid world (chapter 3: gamma 0.9, 0.5, 0, and r_forbidden = -10);
the linear program of the MDP solved by ``scipy.optimize.linprog``; brute force over
every deterministic policy of small MDPs; ``numpy.linalg.solve`` on the Bellman
equation; and a closed-form rollout of deterministic policies.

Unmarked tests check what the statements ask: dense models of random MDPs with up to
500 states, values within 1e-6.  ``edge``: the reference's sparse models, episodic
(sub-stochastic) models such as FrozenLake's, list inputs, no mutation, truncated
policy iteration.  ``contract``: its errors for bad input.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rl_oracle import (
    brute_force_optimal,
    compare_on_grid,
    exact_values,
    model_of,
    optimal_values,
    require,
    rollout_values,
)
from threadpoolctl import threadpool_limits

from ml_from_scratch.rl import GridWorld, action_values, model_from_P, truncated_policy_iteration
from workbook.testing import contract, edge, exercise_fixture, exercise_params, implementation

policy_evaluation = exercise_fixture("policy_evaluation")
value_iteration = exercise_fixture("value_iteration")
policy_iteration = exercise_fixture("policy_iteration")
PLANNERS = exercise_params("value_iteration", "policy_iteration")

# The statement's promise: values within 1e-6.  A greedy policy of values within eps of
# v* loses at most 2 gamma eps / (1 - gamma) <= 4e-5 at gamma = 0.95.
VALUE_TOL = 1e-6
POLICY_TOL = 4e-5

# The book's optimal state values (chapter 3), printed to one decimal; row by row.
BOOK_TABLES = {
    "gamma=0.9": (
        {},
        0.9,
        [
            [5.8, 5.6, 6.2, 6.5, 5.8],
            [6.5, 7.2, 8.0, 7.2, 6.5],
            [7.2, 8.0, 10.0, 8.0, 7.2],
            [8.0, 10.0, 10.0, 10.0, 8.0],
            [7.2, 9.0, 10.0, 9.0, 8.1],
        ],
    ),
    "gamma=0.5": (
        {},
        0.5,
        [
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.1],
            [0.0, 0.0, 2.0, 0.1, 0.1],
            [0.0, 2.0, 2.0, 2.0, 0.2],
            [0.0, 1.0, 2.0, 1.0, 0.5],
        ],
    ),
    "gamma=0": (
        {},
        0.0,
        [
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 0.0, 0.0],
            [0.0, 1.0, 1.0, 1.0, 0.0],
            [0.0, 0.0, 1.0, 0.0, 0.0],
        ],
    ),
    "r_forbidden=-10": (
        {"r_forbidden": -10.0},
        0.9,
        [
            [3.5, 3.9, 4.3, 4.8, 5.3],
            [3.1, 3.5, 4.8, 5.3, 5.9],
            [2.8, 2.5, 10.0, 5.9, 6.6],
            [2.5, 10.0, 10.0, 10.0, 7.3],
            [2.3, 9.0, 10.0, 9.0, 8.1],
        ],
    ),
}


def random_mdp(seed: int, n_states: int, n_actions: int, sparsity: float = 0.5) -> Any:
    """A random MDP: each ``P[s, a]`` a distribution over a random subset of states."""
    rng = np.random.default_rng(seed)
    weights = rng.random((n_states, n_actions, n_states)) * (
        rng.random((n_states, n_actions, n_states)) > sparsity
    )
    weights[..., 0] += 1e-3  # never an empty row
    p = weights / weights.sum(axis=2, keepdims=True)
    return p, rng.uniform(-1, 1, (n_states, n_actions))


MDPS = st.builds(random_mdp, st.integers(0, 2**32 - 1), st.integers(1, 12), st.integers(1, 4))
GAMMAS = st.sampled_from([0.0, 0.3, 0.5, 0.9, 0.95])
# Each example solves a linear program: a fifth of the profile's examples (at least 10).
FEW = settings(max_examples=max(10, settings.default.max_examples // 5))


def random_policy(seed: int, n_states: int, n_actions: int) -> Any:
    weights = np.random.default_rng(seed).random((n_states, n_actions)) ** 3
    return weights / weights.sum(axis=1, keepdims=True)


def book_world(overrides: dict[str, float]) -> GridWorld:
    return GridWorld(**overrides)


def solve(planner: Any, env: GridWorld, gamma: float) -> tuple[Any, Any, Any]:
    v, q, policy = planner(env.transition_matrix(), env.reward_matrix(), gamma)
    return np.asarray(v), np.asarray(q), np.asarray(policy)


# ------------------------------------------------------------ policy evaluation


@pytest.mark.parametrize("method", ["exact", "iterative"])
def test_evaluation_worked_example(policy_evaluation: Any, method: str) -> None:
    p = np.array([[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]])
    r = np.array([[0.0, 0.0], [1.0, 0.0]])
    v = policy_evaluation(p, r, np.array([[0.0, 1.0], [1.0, 0.0]]), 0.5, method)
    np.testing.assert_allclose(v, [1.0, 2.0], atol=VALUE_TOL)


@pytest.mark.parametrize("method", ["exact", "iterative"])
@pytest.mark.parametrize("action", range(5))
def test_evaluation_of_every_constant_policy_matches_a_rollout(
    policy_evaluation: Any, method: str, action: int
) -> None:
    # Deterministic policy, deterministic world: the values are sums of geometric series.
    env = GridWorld()
    actions = np.full(25, action)
    v = policy_evaluation(
        env.transition_matrix(), env.reward_matrix(), np.eye(5)[actions], 0.9, method
    )
    want = rollout_values(env, actions, 0.9)
    require(np.allclose(v, want, atol=VALUE_TOL), compare_on_grid(env, v, want, method))


@pytest.mark.parametrize("method", ["exact", "iterative"])
@given(mdp=MDPS, gamma=GAMMAS, seed=st.integers(0, 2**32 - 1))
def test_evaluation_solves_the_bellman_equation(
    policy_evaluation: Any, method: str, mdp: Any, gamma: float, seed: int
) -> None:
    p, r = mdp
    policy = random_policy(seed, *r.shape)
    v = policy_evaluation(p, r, policy, gamma, method)
    np.testing.assert_allclose(v, exact_values(p, r, policy, gamma), atol=VALUE_TOL)


def test_exact_and_iterative_agree_on_a_large_model(policy_evaluation: Any) -> None:
    # The statement's largest size: 500 states, its largest gamma.
    p, r = random_mdp(7, 500, 4, sparsity=0.98)
    policy = random_policy(8, 500, 4)
    exact = policy_evaluation(p, r, policy, 0.95, "exact")
    iterative = policy_evaluation(p, r, policy, 0.95, "iterative")
    np.testing.assert_allclose(exact, exact_values(p, r, policy, 0.95), atol=VALUE_TOL)
    np.testing.assert_allclose(iterative, exact, atol=2 * VALUE_TOL)


# ------------------------------------------------------------ value and policy iteration


@pytest.mark.parametrize("exercise_id", PLANNERS)
@pytest.mark.parametrize("case", list(BOOK_TABLES), ids=list(BOOK_TABLES))
def test_the_books_optimal_values(request: Any, exercise_id: str, case: str) -> None:
    overrides, gamma, table = BOOK_TABLES[case]
    env = book_world(overrides)
    v, _, _ = solve(implementation(request, exercise_id), env, gamma)
    # The book prints one decimal: each value within half a unit of the last digit.
    want = np.array(table).ravel()
    require(np.all(np.abs(v - want) <= 0.05 + 1e-9), compare_on_grid(env, v, want, case))


@pytest.mark.parametrize("exercise_id", PLANNERS)
@pytest.mark.parametrize("case", list(BOOK_TABLES), ids=list(BOOK_TABLES))
def test_the_books_worlds_against_the_linear_program(
    request: Any, exercise_id: str, case: str
) -> None:
    overrides, gamma, _ = BOOK_TABLES[case]
    env = book_world(overrides)
    p, r = model_of(env)
    v, q, policy = solve(implementation(request, exercise_id), env, gamma)
    v_star = optimal_values(p, r, gamma)
    require(np.allclose(v, v_star, atol=VALUE_TOL), compare_on_grid(env, v, v_star, "v"))
    np.testing.assert_allclose(q, r + gamma * p @ v, atol=VALUE_TOL)
    check_optimal_policy(policy, p, r, gamma, v_star)


def check_optimal_policy(policy: Any, p: Any, r: Any, gamma: float, v_star: Any) -> None:
    n_states, n_actions = r.shape
    assert policy.shape == (n_states, n_actions)
    require(np.all((policy == 0) | (policy == 1)), "the policy must be deterministic")
    require(np.all(policy.sum(axis=1) == 1), "the policy must have one 1 per row")
    np.testing.assert_allclose(exact_values(p, r, policy, gamma), v_star, atol=POLICY_TOL)


@pytest.mark.parametrize("exercise_id", PLANNERS)
@FEW
@given(mdp=MDPS, gamma=GAMMAS)
def test_random_mdps_against_the_linear_program(
    request: Any, exercise_id: str, mdp: Any, gamma: float
) -> None:
    p, r = mdp
    v, q, policy = (np.asarray(x) for x in implementation(request, exercise_id)(p, r, gamma))
    v_star = optimal_values(p, r, gamma)
    np.testing.assert_allclose(v, v_star, atol=VALUE_TOL)
    np.testing.assert_allclose(q, r + gamma * p @ v, atol=VALUE_TOL)
    check_optimal_policy(policy, p, r, gamma, v_star)


@pytest.mark.parametrize("exercise_id", PLANNERS)
@FEW
@given(
    mdp=st.builds(random_mdp, st.integers(0, 2**32 - 1), st.integers(1, 4), st.integers(1, 3)),
    gamma=GAMMAS,
)
def test_small_mdps_against_brute_force(
    request: Any, exercise_id: str, mdp: Any, gamma: float
) -> None:
    p, r = mdp
    v, _, _ = implementation(request, exercise_id)(p, r, gamma)
    np.testing.assert_allclose(v, brute_force_optimal(p, r, gamma), atol=VALUE_TOL)


@cache
def largest_model() -> Any:
    """The statement's largest size, 500 states, at its largest gamma; and its v*."""
    p, r = random_mdp(11, 500, 4, sparsity=0.98)
    return p, r, optimal_values(p, r, 0.95)


@pytest.mark.parametrize("exercise_id", PLANNERS)
def test_largest_model(request: Any, exercise_id: str) -> None:
    p, r, v_star = largest_model()
    # Hundreds of small matrix-vector products: BLAS threads only contend for the cores.
    with threadpool_limits(1):
        v, _, policy = implementation(request, exercise_id)(p, r, 0.95)
    np.testing.assert_allclose(v, v_star, atol=VALUE_TOL)
    check_optimal_policy(np.asarray(policy), p, r, 0.95, v_star)


def test_value_and_policy_iteration_agree(value_iteration: Any, policy_iteration: Any) -> None:
    for overrides, gamma, _ in BOOK_TABLES.values():
        env = book_world(overrides)
        np.testing.assert_allclose(
            solve(value_iteration, env, gamma)[0],
            solve(policy_iteration, env, gamma)[0],
            atol=2 * VALUE_TOL,
        )


def test_affine_rewards_keep_the_optimal_policy(value_iteration: Any) -> None:
    # Zhao, section 3.5: r -> a r + b (a > 0) maps v* to a v* + b / (1 - gamma) and
    # keeps the optimal policies.
    a, b, gamma = 2.0, 3.0, 0.9
    base = GridWorld()
    scaled = GridWorld(r_boundary=a * -1 + b, r_forbidden=a * -1 + b, r_target=a * 1 + b, r_other=b)
    v, _, _ = solve(value_iteration, base, gamma)
    v_scaled, _, policy = solve(value_iteration, scaled, gamma)
    np.testing.assert_allclose(v_scaled, a * v + b / (1 - gamma), atol=10 * VALUE_TOL)
    p, r = model_of(base)
    check_optimal_policy(policy, p, r, gamma, optimal_values(p, r, gamma))


# ------------------------------------------------------------ edge: the reference's promises


@edge
@pytest.mark.parametrize("exercise_id", [*PLANNERS, *exercise_params("policy_evaluation")])
def test_sparse_models(request: Any, exercise_id: str) -> None:
    env = GridWorld((12, 9), forbidden=[(3, 3), (4, 4), (5, 5), (7, 1)], target=(6, 6))
    p, r = model_of(env)
    sparse = env.transition_matrix(sparse=True)
    impl = implementation(request, exercise_id)
    if exercise_id == "policy_evaluation":
        policy = random_policy(3, env.n_states, 5)
        for method in ("exact", "iterative"):
            v = impl(sparse, r, policy, 0.9, method)
            np.testing.assert_allclose(v, exact_values(p, r, policy, 0.9), atol=VALUE_TOL)
    else:
        v, q, policy = impl(sparse, r, 0.9)
        np.testing.assert_allclose(v, optimal_values(p, r, 0.9), atol=VALUE_TOL)
        np.testing.assert_allclose(q, r + 0.9 * p @ v, atol=VALUE_TOL)


@edge
@pytest.mark.parametrize("exercise_id", PLANNERS)
@pytest.mark.parametrize("slippery", [False, True])
def test_frozen_lake_episodic_model(request: Any, exercise_id: str, slippery: bool) -> None:
    # Terminal transitions drop out of P: the planners solve the episodic task.
    lake = gym.make("FrozenLake-v1", is_slippery=slippery).unwrapped
    p, r = model_from_P(lake.P, 16, 4)
    p_oracle, r_oracle = model_of(lake)
    np.testing.assert_array_equal(p, p_oracle)
    np.testing.assert_array_equal(r, r_oracle)
    v, _, policy = implementation(request, exercise_id)(p, r, 0.95)
    v_star = optimal_values(p, r, 0.95)
    np.testing.assert_allclose(v, v_star, atol=VALUE_TOL)
    check_optimal_policy(np.asarray(policy), p, r, 0.95, v_star)
    if not slippery:  # the shortest safe path is 6 steps: reward 1 at the 6th
        assert v[0] == pytest.approx(0.95**5, abs=VALUE_TOL)


@edge
@pytest.mark.parametrize("exercise_id", [*PLANNERS, *exercise_params("policy_evaluation")])
def test_lists_in_and_nothing_mutated(request: Any, exercise_id: str) -> None:
    p, r = random_mdp(5, 6, 3)
    policy = random_policy(6, 6, 3)
    arrays = [p.copy(), r.copy(), policy.copy()]
    impl = implementation(request, exercise_id)
    if exercise_id == "policy_evaluation":
        v = impl(p.tolist(), r.tolist(), policy.tolist(), 0.9)
        np.testing.assert_allclose(v, exact_values(p, r, policy, 0.9), atol=VALUE_TOL)
        impl(p, r, policy, 0.9, "iterative")
    else:
        v, _, _ = impl(p.tolist(), r.tolist(), 0.9)
        np.testing.assert_allclose(v, optimal_values(p, r, 0.9), atol=VALUE_TOL)
        impl(p, r, 0.9)
    for before, after in zip(arrays, [p, r, policy], strict=True):
        np.testing.assert_array_equal(before, after)


@edge
@pytest.mark.parametrize("sweeps", [1, 2, 5, 50])
@FEW
@given(mdp=MDPS, gamma=GAMMAS)
def test_truncated_policy_iteration(sweeps: int, mdp: Any, gamma: float) -> None:
    p, r = mdp
    v, _, policy = truncated_policy_iteration(p, r, gamma, sweeps)
    v_star = optimal_values(p, r, gamma)
    np.testing.assert_allclose(v, v_star, atol=VALUE_TOL)
    check_optimal_policy(policy, p, r, gamma, v_star)


@edge
def test_action_values_is_one_backup() -> None:
    p, r = random_mdp(1, 5, 3)
    v = np.arange(5.0)
    np.testing.assert_allclose(action_values(p, r, v, 0.8), r + 0.8 * p @ v)


@edge
@pytest.mark.parametrize("exercise_id", PLANNERS)
def test_one_state_one_action(request: Any, exercise_id: str) -> None:
    v, _, policy = implementation(request, exercise_id)(
        np.ones((1, 1, 1)), np.full((1, 1), 2.0), 0.5
    )
    np.testing.assert_allclose(v, [4.0])
    np.testing.assert_array_equal(policy, [[1.0]])


# ------------------------------------------------------------ contract: bad input


@contract
@pytest.mark.parametrize("exercise_id", [*PLANNERS, *exercise_params("policy_evaluation")])
@pytest.mark.parametrize(
    ("change", "error", "name"),
    [
        (lambda p, r, pi, g: (p[:, :, :-1], r, pi, g), ValueError, r"\bP\b"),
        (lambda p, r, pi, g: (p * 1.5, r, pi, g), ValueError, r"\bP\b"),
        (lambda p, r, pi, g: (-p, r, pi, g), ValueError, r"\bP\b"),
        (lambda p, r, pi, g: (p, r[:, :2], pi, g), ValueError, r"\bP\b|\bR\b"),
        (lambda p, r, pi, g: (p, r * np.nan, pi, g), ValueError, r"\bR\b"),
        (lambda p, r, pi, g: (p, r, pi, 1.0), ValueError, "gamma"),
        (lambda p, r, pi, g: (p, r, pi, -0.1), ValueError, "gamma"),
        (lambda p, r, pi, g: (p, r, pi, "0.9"), TypeError, "gamma"),
        (lambda p, r, pi, g: (p, "R", pi, g), TypeError, r"\bR\b"),
    ],
)
def test_bad_model(request: Any, exercise_id: str, change: Any, error: type, name: str) -> None:
    p, r = random_mdp(2, 4, 3)
    args = change(p, r, random_policy(3, 4, 3), 0.9)
    impl = implementation(request, exercise_id)
    with pytest.raises(error, match=name):
        impl(*args) if exercise_id == "policy_evaluation" else impl(args[0], args[1], args[3])


@contract
@pytest.mark.parametrize(
    ("policy", "method", "error", "name"),
    [
        (np.full((4, 3), 0.5), "exact", ValueError, "policy"),
        (np.full((4, 2), 0.5), "exact", ValueError, "policy"),
        (-np.eye(3)[[0, 1, 2, 0]], "exact", ValueError, "policy"),
        (np.full((4, 3), 1 / 3), "closed-form", ValueError, "method"),
    ],
)
def test_bad_policy_or_method(
    policy_evaluation: Any, policy: Any, method: str, error: type, name: str
) -> None:
    p, r = random_mdp(2, 4, 3)
    with pytest.raises(error, match=name):
        policy_evaluation(p, r, policy, 0.9, method)

"""Tests of value-function approximation: features, linear TD, linear Sarsa and Q-learning.

Oracles: scikit-learn's ``PolynomialFeatures`` for the monomials; the Fourier basis
written out from its definition; for linear TD, the TD fixed point solved here from the
model (``rl_oracle.td_fixed_point``: the stationary distribution of the policy, then
``Phi^T D (I - gamma P_pi) Phi w = Phi^T D r_pi``); for linear control, ``q*`` from the
linear program.  With one-hot features the linear learners must be their tabular
selves, to the last bit, from the same seed.

Tolerances.  Constant-step linear TD fluctuates around the fixed point.  With the
Fourier basis of order 1 (4 features), alpha = 0.002 and 10^5 steps the reference's
``D``-weighted root-mean-square distance to it was at most 0.118 over seeds 0..19;
with the book's degree-1 polynomial (alpha 0.005) at most 0.22: the bounds are twice
those.  (The fixed point itself lies 0.21-0.22 from ``v_pi`` in that norm: the features
cannot do better.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from rl_oracle import (
    StepOnly,
    action_values,
    exact_values,
    model_of,
    optimal_values,
    stationary_distribution,
    td_fixed_point,
)
from sklearn.preprocessing import PolynomialFeatures

from ml_from_scratch.rl import (
    GridWorld,
    fourier_features,
    linear_q_learning,
    linear_sarsa,
    polynomial_features,
    q_learning,
    sarsa,
    td0,
    tile_coding,
)
from workbook.testing import contract, edge, exercise_fixture

linear_td = exercise_fixture("linear_td")

UNIFORM = np.full((25, 5), 0.2)
POINTS = arrays(
    np.float64, st.tuples(st.integers(1, 20), st.integers(1, 3)), elements=st.floats(0, 1)
)


def d_rms(env: GridWorld, estimate: Any, target: Any) -> float:
    d = stationary_distribution(model_of(env)[0], UNIFORM)
    return float(np.sqrt(d @ (np.asarray(estimate) - target) ** 2))


# ----------------------------------------------------------------------------- features


@given(points=POINTS, degree=st.integers(0, 4))
def test_polynomial_features_match_scikit_learn(points: Any, degree: int) -> None:
    expected = PolynomialFeatures(degree).fit_transform(points)
    np.testing.assert_allclose(
        polynomial_features(points, degree), expected, rtol=1e-12, atol=1e-15
    )


@given(points=POINTS, order=st.integers(0, 3))
def test_fourier_features_are_the_cosine_basis(points: Any, order: int) -> None:
    got = fourier_features(points, order)
    d = points.shape[1]
    assert got.shape == (len(points), (order + 1) ** d)
    for column, c in enumerate(np.ndindex(*(order + 1,) * d)):
        np.testing.assert_allclose(got[:, column], np.cos(np.pi * points @ np.array(c)), atol=1e-12)


@given(points=POINTS, tilings=st.integers(1, 5), tiles=st.integers(1, 5))
def test_tile_coding_one_active_tile_per_tiling(points: Any, tilings: int, tiles: int) -> None:
    features = tile_coding(points, tilings, tiles)
    per_tiling = (tiles + 1) ** points.shape[1]
    assert features.shape == (len(points), tilings * per_tiling)
    assert set(np.unique(features)) <= {0.0, 1.0}
    np.testing.assert_array_equal(features.reshape(len(points), tilings, per_tiling).sum(axis=2), 1)


def test_tile_coding_generalises_to_neighbours_only() -> None:
    # Nearby points share most tiles; far ones none (4 tilings of 3 tiles on [0, 1]).
    features = tile_coding([[0.50], [0.52], [1.0]], tilings=4, tiles=3)
    shared = features @ features.T
    assert shared[0, 1] >= 3
    assert shared[0, 2] == 0


def test_tile_coding_represents_any_function_on_the_grid() -> None:
    phi = tile_coding(GridWorld().coordinates(), tilings=4, tiles=3)
    assert np.linalg.matrix_rank(phi) == 25


# ----------------------------------------------------------------------------- linear TD


@pytest.mark.parametrize(
    ("name", "alpha", "bound"), [("fourier", 0.002, 0.25), ("polynomial", 0.005, 0.45)]
)
def test_linear_td_reaches_the_td_fixed_point(
    linear_td: Any, name: str, alpha: float, bound: float
) -> None:
    env = GridWorld()
    xy = env.coordinates()
    phi = fourier_features(xy, 1) if name == "fourier" else polynomial_features(xy, 1)
    w = linear_td(
        StepOnly(env), UNIFORM, phi, 0.9, alpha=alpha, episodes=100, episode_length=1000, seed=0
    )
    assert np.shape(w) == (phi.shape[1],)
    p, r = model_of(env)
    fixed_point = phi @ td_fixed_point(p, r, UNIFORM, 0.9, phi)
    error = d_rms(env, phi @ np.asarray(w), fixed_point)
    assert error <= bound, f"D-weighted rms distance to the TD fixed point {error:.3f} > {bound}"


def test_linear_td_with_one_hot_features_is_exact_without_noise(linear_td: Any) -> None:
    # A deterministic policy in a deterministic world: one-hot linear TD is tabular TD,
    # and tabular TD has nothing to average: it reaches v_pi.
    env = GridWorld((1, 2), forbidden=[], target=(0, 1))
    policy = np.array([[0.0, 1, 0, 0, 0], [0, 0, 0, 0, 1]])
    w = linear_td(
        StepOnly(env), policy, np.eye(2), 0.9, alpha=0.1, episodes=1000, episode_length=20, seed=0
    )
    np.testing.assert_allclose(w, [10.0, 10.0], atol=1e-6)


def test_linear_td_is_seeded(linear_td: Any) -> None:
    phi = fourier_features(GridWorld().coordinates(), 1)
    runs = [
        linear_td(
            StepOnly(GridWorld()),
            UNIFORM,
            phi,
            0.9,
            alpha=0.01,
            episodes=2,
            episode_length=100,
            seed=s,
        )
        for s in (4, 4, 5)
    ]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


@edge
def test_one_hot_linear_td_is_td0(linear_td: Any) -> None:
    args = {"alpha": 0.05, "episodes": 3, "episode_length": 500, "seed": 3}
    w = linear_td(GridWorld(), UNIFORM, np.eye(25), 0.9, **args)
    np.testing.assert_array_equal(w, td0(GridWorld(), UNIFORM, 0.9, **args))


# ----------------------------------------------------------------------------- linear control


def test_one_hot_linear_control_is_tabular() -> None:
    args = {"alpha": 0.1, "epsilon": 0.3, "episodes": 20, "episode_length": 100, "seed": 3}
    for linear, tabular in ((linear_q_learning, q_learning), (linear_sarsa, sarsa)):
        learned = linear(GridWorld(), np.eye(25), 0.9, **args)
        np.testing.assert_array_equal(learned.weights, tabular(GridWorld(), 0.9, **args).q)
        np.testing.assert_array_equal(learned.q, learned.weights)


@pytest.mark.slow
def test_linear_q_learning_with_tile_coding_learns_q_star() -> None:
    # 64 tile features represent any q on the 25 cells (rank 25); a deterministic world
    # has no noise, so Q-learning converges to q* (seeds 0..2 all within 5e-4).
    env = GridWorld()
    phi = tile_coding(env.coordinates(), tilings=4, tiles=3)
    _, q, policy = linear_q_learning(
        StepOnly(env), phi, 0.9, alpha=0.05, epsilon=1.0, episodes=1000, episode_length=100, seed=0
    )
    p, r = model_of(env)
    v_star = optimal_values(p, r, 0.9)
    np.testing.assert_allclose(q, action_values(p, r, v_star, 0.9), atol=0.01)
    np.testing.assert_allclose(exact_values(p, r, policy, 0.9), v_star, rtol=0.01)


# ----------------------------------------------------------------------------- bad input


@contract
@pytest.mark.parametrize(
    ("features", "error"),
    [
        (np.ones((24, 3)), ValueError),
        (np.ones(25), ValueError),
        ("phi", TypeError),
        (np.full((25, 2), np.nan), ValueError),
    ],
)
def test_linear_td_bad_features(linear_td: Any, features: Any, error: type) -> None:
    with pytest.raises(error, match="features"):
        linear_td(GridWorld(), UNIFORM, features, 0.9)


@contract
@pytest.mark.parametrize(
    ("call", "error", "name"),
    [
        (lambda: polynomial_features([1.0, 2.0], 2), ValueError, "points"),
        (lambda: polynomial_features([[1.0]], -1), ValueError, "degree"),
        (lambda: fourier_features([[0.5]], 1.5), TypeError, "order"),
        (lambda: tile_coding([[0.5]], 0, 3), ValueError, "tilings"),
        (lambda: tile_coding([[0.5]], 2, 0), ValueError, "tiles"),
    ],
)
def test_features_bad_input(call: Any, error: type, name: str) -> None:
    with pytest.raises(error, match=name):
        call()

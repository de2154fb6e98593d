"""Benchmarks of reinforcement learning on the grid world: the environment, DP, the learners.

``BENCHES`` declares one :class:`~workbook.bench.Bench` per exercise; the conftest makes
the groups and the scaling report from it, and ``workbook bench ID`` reads the same.

* Planners (``policy_evaluation``, ``value_iteration``, ``policy_iteration``): random grid
  worlds of n states (about ``sqrt(n) x sqrt(n)``, a fifth of the cells forbidden),
  gamma 0.9, dense models, n = 25 .. 1024 (a dense ``(S, A, S)`` model of 10^4 states
  would take 4 GB; the sparse one is timed below).  Contenders: the other planners,
  and the same planner on the sparse model.
* Learners: n environment steps on the book's 5x5 world, n = 10^3 .. 10^5, at the
  statement's settings.  Their answers differ from the reference's by their random
  streams, so the declaration checks shapes only; the tests judge the answers.
* ``replay_buffer``: n adds into a buffer of n / 10, then n / 100 batches of 100.

The functions after ``BENCHES`` measure the stated targets, interleaved in one process
with medians, and print them (they assert answers, never times):

* ``bench_env_step``: steps per second of a bare ``step`` loop, against Gymnasium's
  ``FrozenLake-v1`` (both unwrapped, both slippery settings) run the same way;
* ``bench_dp_scaling``: exact (sparse LU) against iterative evaluation, value and policy
  iteration, on grids of 5x5 .. 100x100 (10^4 states); target: value iteration on
  100x100 in under 1 s;
* ``bench_learners_to_tolerance``: the wall time of each learner, at its test's
  settings, on the book's world, with the error it reached beside its tolerance.

Run them with ``pytest benchmarks/ml_from_scratch/bench_rl.py -k "env_step or dp_scaling
or tolerance" -s``.
"""

from __future__ import annotations

import math
import time
from typing import Any

import gymnasium as gym
import numpy as np

from ml_from_scratch.rl import (
    GridWorld,
    fourier_features,
    mc_basic,
    mc_epsilon_greedy,
    mc_exploring_starts,
    policy_evaluation,
    policy_iteration,
    q_learning,
    sarsa,
    td0,
    truncated_policy_iteration,
    value_iteration,
)
from ml_from_scratch.rl.vfa import linear_td
from workbook.bench import Bench, Contender, interleaved_medians

DP_SIZES = (25, 100, 400, 1024)
STEP_SIZES = (10**3, 10**4, 10**5)
GAMMA = 0.9
UNIFORM = np.full((25, 5), 0.2)


def random_world(n: int, seed: int = 0) -> GridWorld:
    """A grid of about n states; the book's world for n = 25."""
    if n == 25:
        return GridWorld()
    side = math.isqrt(n)
    rng = np.random.default_rng([seed, n])
    cells = [(r, c) for r in range(side) for c in range(side)]
    picks = rng.permutation(len(cells))
    target = cells[picks[0]]
    forbidden = [cells[i] for i in picks[1 : 1 + len(cells) // 5]]
    return GridWorld((side, side), forbidden, target)


def dense_model(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    env = random_world(n)
    return env.transition_matrix(), env.reward_matrix(), GAMMA


def evaluation_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    p, r, gamma = dense_model(n, rng)
    weights = rng.random(r.shape)
    return p, r, weights / weights.sum(axis=1, keepdims=True), gamma


def as_sparse(args: tuple[Any, ...]) -> tuple[Any, ...]:
    from scipy.sparse import csr_array

    p = args[0]
    return (csr_array(p.reshape(-1, p.shape[0])), *args[1:])


def same_values(actual: Any, expected: Any) -> bool:
    got = actual[0] if isinstance(actual, tuple) else actual
    want = expected[0] if isinstance(expected, tuple) else expected
    return bool(np.allclose(got, want, atol=1e-6))


def same_shapes(actual: Any, expected: Any) -> bool:
    got = actual if isinstance(actual, tuple) else (actual,)
    want = expected if isinstance(expected, tuple) else (expected,)
    return len(got) == len(want) and all(
        np.shape(g) == np.shape(w) and bool(np.isfinite(g).all())
        for g, w in zip(got, want, strict=True)
    )


def learner_args(positional: tuple[Any, ...], episode_length: int, **settings: Any) -> Any:
    """``make_args`` for a learner: the book's world and n steps in episodes of L."""

    def make(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
        episodes = max(1, n // episode_length)
        return GridWorld(), positional, {**settings, "episodes": episodes,
                                         "episode_length": episode_length}  # fmt: skip

    return make


def run_learner(implementation: Any, args: tuple[Any, ...]) -> Any:
    """``implementation(env, *positional, **keywords)``: the learners' keywords are
    keyword-only."""
    env, positional, keywords = args
    result = implementation(env, *positional, **keywords)
    return tuple(result) if isinstance(result, tuple) else result


def run_buffer(buffer_class: Any, args: tuple[Any, ...]) -> Any:
    (n,) = args
    buffer = buffer_class(max(1, n // 10), seed=0)
    for t in range(n):
        buffer.add(t, t % 5, -1.0, t + 1, False)
    return [np.asarray(buffer.sample(100)[0]) for _ in range(max(1, n // 100))][-1]


def mc_basic_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return random_world(n), (GAMMA,), {"iterations": 10, "episode_length": 30}


BENCHES = [
    Bench(
        "policy_evaluation",
        evaluation_args,
        sizes=DP_SIZES,
        size_name="states",
        contenders={
            "iterative": lambda p, r, pi, g: policy_evaluation(p, r, pi, g, "iterative"),
            "exact, sparse model": Contender(policy_evaluation, prepare=as_sparse),
        },
        same=same_values,
    ),
    Bench(
        "value_iteration",
        dense_model,
        sizes=DP_SIZES,
        size_name="states",
        contenders={
            "sparse model": Contender(value_iteration, prepare=as_sparse),
            "policy_iteration": policy_iteration,
            "truncated PI (5 sweeps)": lambda p, r, g: truncated_policy_iteration(p, r, g, 5),
        },
        same=same_values,
    ),
    Bench(
        "policy_iteration",
        dense_model,
        sizes=DP_SIZES,
        size_name="states",
        contenders={
            "sparse model": Contender(policy_iteration, prepare=as_sparse),
            "value_iteration": value_iteration,
        },
        same=same_values,
    ),
    Bench(
        "mc_basic",
        mc_basic_args,
        sizes=(9, 25, 100),
        size_name="states",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "mc_epsilon_greedy",
        learner_args(positional=(GAMMA,), epsilon=0.5, episode_length=100),
        sizes=STEP_SIZES,
        size_name="steps",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "td0",
        learner_args(positional=(UNIFORM, GAMMA), alpha=0.02, episode_length=1000),
        sizes=STEP_SIZES,
        size_name="steps",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "sarsa",
        learner_args(positional=(GAMMA,), alpha=0.1, epsilon=0.5, episode_length=100),
        sizes=STEP_SIZES,
        size_name="steps",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "q_learning",
        learner_args(positional=(GAMMA,), behaviour=UNIFORM, alpha=0.1, episode_length=1000),
        sizes=STEP_SIZES,
        size_name="steps",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "linear_td",
        learner_args(
            positional=(UNIFORM, fourier_features(GridWorld().coordinates(), 1), GAMMA),
            alpha=0.002,
            episode_length=1000,
        ),
        sizes=STEP_SIZES,
        size_name="steps",
        run=run_learner,
        same=same_shapes,
    ),
    Bench(
        "replay_buffer",
        lambda n, rng: (n,),
        sizes=(10**3, 10**4, 10**5),
        size_name="adds",
        run=run_buffer,
        same=lambda actual, expected: np.shape(actual) == np.shape(expected),
    ),
]


# ------------------------------------------------------------------ beyond one declaration


def step_loop(env: Any, steps: int) -> int:
    """A bare loop of ``step``: a fixed cycle of actions, a reset when an episode ends."""
    env.reset(seed=0)
    n_actions = env.action_space.n
    for t in range(steps):
        _, _, terminated, truncated, _ = env.step(t % n_actions)
        if terminated or truncated:
            env.reset()
    return steps


def bench_env_step(benchmark: Any) -> None:
    """Steps per second: GridWorld against FrozenLake-v1, the same loop, interleaved."""
    full = not benchmark.disabled
    steps, rounds = (20_000, 15) if full else (200, 1)
    envs = {
        "GridWorld": GridWorld(),
        "FrozenLake-v1 (slippery)": gym.make("FrozenLake-v1").unwrapped,
        "FrozenLake-v1 (not slippery)": gym.make("FrozenLake-v1", is_slippery=False).unwrapped,
    }
    assert all(step_loop(env, 50) == 50 for env in envs.values())

    def measure() -> dict[str, float]:
        return interleaved_medians(
            {name: lambda env=env: step_loop(env, steps) for name, env in envs.items()}, rounds
        )

    medians = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "rl environment steps (interleaved medians)"
    grid = medians["GridWorld"]
    print(f"\nbare step, {steps} steps per run, median of {rounds} interleaved runs:")
    for name, seconds in medians.items():
        benchmark.extra_info[name] = steps / seconds
        print(
            f"  {name:>28}: {steps / seconds / 1e6:6.3f} M steps/s "
            f"({seconds / steps * 1e9:6.0f} ns/step; GridWorld x{seconds / grid:.1f} faster)"
        )


def bench_dp_scaling(benchmark: Any) -> None:
    """Exact against iterative evaluation, VI and PI, 5x5 .. 100x100, sparse models."""
    full = not benchmark.disabled
    sides = (5, 10, 20, 50, 100) if full else (5, 10)
    rounds = 5 if full else 1
    rows = []

    def measure() -> None:
        rows.extend((side, dp_medians(side, rounds)) for side in sides)

    benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "rl dynamic programming (interleaved medians)"
    print(f"\nDP on sparse grid models, gamma {GAMMA}, medians of {rounds} interleaved runs:")
    names = list(rows[0][1])
    print(f"  {'grid':>9} {'states':>7}" + "".join(f"{n:>22}" for n in names))
    for side, medians in rows:
        cells = "".join(f"{medians[n] * 1e3:19.2f} ms" for n in names)
        print(f"  {f'{side}x{side}':>9} {side * side:>7}{cells}")
        benchmark.extra_info[f"{side}x{side}"] = medians
    side, medians = rows[-1]
    print(f"  value iteration on {side}x{side}: {medians['value iteration']:.3f} s (target < 1 s)")


def dp_medians(side: int, rounds: int) -> dict[str, float]:
    """Interleaved medians of the planners on a ``side x side`` grid (answers checked)."""
    env = random_world(side * side)
    p, r = env.transition_matrix(sparse=True), env.reward_matrix()
    uniform = np.full(r.shape, 0.2)
    exact = policy_evaluation(p, r, uniform, GAMMA, "exact")
    assert np.allclose(policy_evaluation(p, r, uniform, GAMMA, "iterative"), exact, atol=1e-8)
    assert np.allclose(value_iteration(p, r, GAMMA).v, policy_iteration(p, r, GAMMA).v, atol=1e-8)
    return interleaved_medians(
        {
            "exact evaluation": lambda: policy_evaluation(p, r, uniform, GAMMA, "exact"),
            "iterative evaluation": lambda: policy_evaluation(p, r, uniform, GAMMA, "iterative"),
            "value iteration": lambda: value_iteration(p, r, GAMMA),
            "policy iteration": lambda: policy_iteration(p, r, GAMMA),
        },
        rounds,
    )


def bench_learners_to_tolerance(benchmark: Any) -> None:
    """Each learner at its test's settings on the book's world: time and error reached."""
    full = not benchmark.disabled
    scale = 1 if full else 100  # the smoke run: a hundredth of the steps, answers only
    env = GridWorld()
    three = GridWorld((3, 3), forbidden=[(1, 1)], target=(2, 2))
    runs = {
        "MC Basic (10 iterations, L=30)": lambda: mc_basic(
            env, GAMMA, iterations=10, episode_length=30
        ),
        "MC ES first-visit (60000 x 60)": lambda: mc_exploring_starts(
            env, GAMMA, episodes=60_000 // scale, episode_length=60
        ),
        "MC eps-greedy 3x3 (2000 x 100)": lambda: mc_epsilon_greedy(
            three, GAMMA, epsilon=0.5, episodes=2000 // scale, episode_length=100
        ),
        "MC eps-greedy 5x5 (10000 x 100)": lambda: mc_epsilon_greedy(
            env, GAMMA, epsilon=0.5, episodes=10_000 // scale, episode_length=100
        ),
        "TD(0) (100 x 1000)": lambda: td0(env, UNIFORM, GAMMA, alpha=0.02, episodes=100 // scale),
        "Sarsa (1000 x 100)": lambda: sarsa(
            env, GAMMA, alpha=0.1, epsilon=0.5, episodes=1000 // scale, episode_length=100
        ),
        "Q-learning off-policy (60 x 1000)": lambda: q_learning(
            env, GAMMA, alpha=0.1, behaviour=UNIFORM, episodes=max(1, 60 // scale),
            episode_length=1000,
        ),
        "linear TD Fourier-1 (100 x 1000)": lambda: linear_td(
            env, UNIFORM, fourier_features(env.coordinates(), 1), GAMMA, alpha=0.002,
            episodes=max(1, 100 // scale), episode_length=1000,
        ),
    }  # fmt: skip

    def deep_q() -> Any:
        import torch

        from ml_from_scratch.rl.dqn import dqn

        torch.set_num_threads(1)
        return dqn(env, GAMMA, iterations=6000 // scale, seed=0)

    runs["DQN (1000-step buffer, 6000 steps)"] = deep_q

    def measure() -> dict[str, tuple[float, str]]:
        report = {}
        for name, run in runs.items():
            start = time.perf_counter()
            result = run()
            seconds = time.perf_counter() - start
            report[name] = (seconds, errors_of(name, result, three if "3x3" in name else env))
        return report

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "rl learners to tolerance"
    print("\nlearners at their tests' settings (one run each, seed 0):")
    for name, (seconds, errors) in report.items():
        benchmark.extra_info[name] = seconds
        print(f"  {name:>34}: {seconds:7.2f} s   {errors}")


def errors_of(name: str, result: Any, env: GridWorld) -> str:
    """The error a learner reached, in its test's measure, beside the test's bound.

    Computed with the reference planners (the tests use their own oracle).
    """
    p, r = env.transition_matrix(), env.reward_matrix()
    if name.startswith(("TD", "linear")):
        v_pi = policy_evaluation(p, r, UNIFORM, GAMMA)
        if name.startswith("TD"):
            return f"rms error {np.sqrt(np.mean((result - v_pi) ** 2)):.3f} (bound 0.25)"
        phi = fourier_features(env.coordinates(), 1)
        d = stationary(p, UNIFORM)
        p_pi = np.einsum("sa,sat->st", UNIFORM, p)
        a = phi.T @ (d[:, None] * ((np.eye(len(d)) - GAMMA * p_pi) @ phi))
        w_td = np.linalg.solve(a, phi.T @ (d * (UNIFORM * r).sum(axis=1)))
        error = np.sqrt(d @ (phi @ (result - w_td)) ** 2)
        return f"D-rms to the TD fixed point {error:.3f} (bound 0.25)"
    policy = result[1]
    v_pi = policy_evaluation(p, r, policy, GAMMA)
    if name.startswith("DQN"):
        solution = value_iteration(p, r, GAMMA)
        worst = np.max(np.abs(v_pi - solution.v) / np.abs(solution.v))
        q_error = np.abs(result[0] - solution.q).max()
        return f"|q - q*| {q_error:.3f} (bound 0.1); relative error of v_pi {worst:.4f} (0.01)"
    if "eps-greedy" in name or name.startswith("Sarsa"):
        p_e = 0.5 * p + 0.5 * p.mean(axis=1, keepdims=True)
        r_e = 0.5 * r + 0.5 * r.mean(axis=1, keepdims=True)
        gap = np.abs(v_pi - value_iteration(p_e, r_e, GAMMA).v)
        bound = "0.01 relative" if "3x3" in name else "0.3 worst, 0.05 mean"
        if name.startswith("Sarsa"):
            bound = "0.4 mean"
        return f"gap to the best eps-greedy: worst {gap.max():.3f}, mean {gap.mean():.3f} ({bound})"
    v_star = value_iteration(p, r, GAMMA).v
    worst = np.max(np.abs(v_pi - v_star) / np.abs(v_star))
    return f"worst relative error of v_pi {worst:.4f} (bound 0.01)"


def stationary(p: Any, policy: Any) -> Any:
    eigenvalues, vectors = np.linalg.eig(np.einsum("sa,sat->st", policy, p).T)
    d = np.real(vectors[:, np.argmin(np.abs(eigenvalues - 1))])
    return d / d.sum()


__all__ = ["BENCHES"]

"""Pictures of the grid world: a policy as arrows over a heat map of state values, and
learning curves (state-value error against episodes) of MC, TD and Q-learning.

Needs matplotlib (the ``plot`` extra).  ``python -m ml_from_scratch.rl.plots DIR`` writes
the README's two pictures into ``DIR``: ``rl_policy.png`` (value iteration's optimal
policy and values beside Q-learning's learned ones) and ``rl_learning_curves.png``.

Complexity: the curves cost the learners' runs, O(episodes * episode_length) steps each.

Source: S. Zhao, *Mathematical Foundations of Reinforcement Learning* (2025), the
figures of chapters 3, 5 and 7.

Status: the pictures are drawn from the same arrays the tests check; the curves'
targets (``v*``, ``v_pi``) come from :mod:`ml_from_scratch.rl.dp`.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ml_from_scratch._checks import as_policy
from ml_from_scratch.rl.dp import policy_evaluation, value_iteration
from ml_from_scratch.rl.gridworld import MOVES, GridWorld
from ml_from_scratch.rl.mc import mc_exploring_starts
from ml_from_scratch.rl.td import q_learning, td0

__all__ = ["learning_curves", "main", "plot_learning_curves", "plot_policy"]

Curve = tuple[Sequence[int], Sequence[float]]


def plot_policy(
    env: GridWorld,
    policy: ArrayLike,
    values: ArrayLike,
    ax: Any = None,
    title: str | None = None,
) -> Any:
    """The grid: values as a heat map (printed in each cell), the policy as arrows.

    Each cell's arrow is its most probable action (a dot for stay); forbidden cells are
    hatched and the target is outlined.  Returns the matplotlib ``Axes``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> env = GridWorld()
    >>> solution = value_iteration(env.transition_matrix(), env.reward_matrix(), 0.9)
    >>> ax = plot_policy(env, solution.policy, solution.v, title="v*")
    >>> ax.get_title()
    'v*'
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    pi = as_policy(policy, "policy", env.n_states, env.n_actions)
    v = np.asarray(values, dtype=float).reshape(env.shape)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 4.2))
    rows, cols = env.shape
    image = ax.imshow(v, cmap="viridis")
    ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="state value")
    middle = (v.max() + v.min()) / 2
    for s, action in enumerate(pi.argmax(axis=1)):
        r, c = env.cell(s)
        if (r, c) in env.forbidden:
            ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, hatch="///", ec="w", lw=0))
        if (r, c) == env.target:
            ax.add_patch(Rectangle((c - 0.47, r - 0.47), 0.94, 0.94, fill=False, ec="red", lw=2.5))
        color = "black" if v[r, c] > middle else "white"
        dr, dc = MOVES[action]
        if (dr, dc) == (0, 0):
            ax.plot(c, r - 0.12, "o", color=color, ms=6)
        else:
            ax.annotate(
                "",
                xy=(c + 0.32 * dc, r - 0.12 + 0.32 * dr),
                xytext=(c - 0.32 * dc, r - 0.12 - 0.32 * dr),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
            )
        ax.text(c, r + 0.3, f"{v[r, c]:.1f}", ha="center", va="center", color=color, fontsize=9)
    ax.set_xticks(range(cols))
    ax.set_yticks(range(rows))
    ax.set_xticks(np.arange(-0.5, cols), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(which="minor", color="w", lw=1)
    ax.tick_params(which="minor", length=0)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_learning_curves(
    panels: Mapping[str, Mapping[str, Curve]], axes: Any = None, ylabel: str = "error"
) -> Any:
    """One panel per title, each holding named ``(episodes, errors)`` curves, log scale.

    Returns the array of matplotlib ``Axes``.
    """
    import matplotlib.pyplot as plt

    if axes is None:
        _, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 3.6), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, (title, curves) in zip(axes, panels.items(), strict=True):
        for label, (episodes, errors) in curves.items():
            ax.semilogy(episodes, errors, label=label)
        ax.set(title=title, xlabel="episode")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    axes[0].set_ylabel(ylabel)
    return axes


def learning_curves(
    env: GridWorld,
    gamma: float = 0.9,
    episodes: int = 2000,
    episode_length: int = 100,
    seed: int = 0,
) -> dict[str, dict[str, Curve]]:
    """The root-mean-square state-value error after each episode of three learners.

    * MC Exploring Starts (first-visit): ``max_a q`` against ``v*``;
    * TD(0) of the uniform policy (alpha 0.02 and 0.005): ``v`` against ``v_uniform``;
    * off-policy Q-learning from the uniform policy (alpha 0.1): ``max_a q`` against ``v*``.

    All in episodes of ``episode_length`` steps.
    """
    p, r = env.transition_matrix(), env.reward_matrix()
    v_star = value_iteration(p, r, gamma).v
    uniform = np.full(r.shape, 1 / env.n_actions)
    v_uniform = policy_evaluation(p, r, uniform, gamma)
    settings = {"episodes": episodes, "episode_length": episode_length, "seed": seed}

    def recorder(target: np.ndarray[Any, Any], reduce: bool) -> tuple[list[float], Any]:
        errors: list[float] = []

        def record(episode: int, estimate: np.ndarray[Any, Any]) -> None:
            v = estimate.max(axis=1) if reduce else estimate
            errors.append(float(np.sqrt(np.mean((v - target) ** 2))))

        return errors, record

    mc_errors, mc_record = recorder(v_star, reduce=True)
    mc_exploring_starts(env, gamma, first_visit=True, callback=mc_record, **settings)
    td_curves: dict[str, Curve] = {}
    for alpha in (0.02, 0.005):
        td_errors, td_record = recorder(v_uniform, reduce=False)
        td0(env, uniform, gamma, alpha=alpha, callback=td_record, **settings)
        td_curves[f"alpha {alpha}"] = (range(1, episodes + 1), td_errors)
    q_errors, q_record = recorder(v_star, reduce=True)
    q_learning(env, gamma, alpha=0.1, behaviour=uniform, callback=q_record, **settings)
    return {
        "MC Exploring Starts: max q vs v*": {"first-visit": (range(1, episodes + 1), mc_errors)},
        "TD(0), uniform policy: v vs v_pi": td_curves,
        "Q-learning, off-policy: max q vs v*": {"alpha 0.1": (range(1, episodes + 1), q_errors)},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``rl_policy.png`` and ``rl_learning_curves.png`` into the directory given."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0] if args else ".")
    out.mkdir(parents=True, exist_ok=True)
    env = GridWorld()
    p, r = env.transition_matrix(), env.reward_matrix()
    optimal = value_iteration(p, r, 0.9)
    uniform = np.full(r.shape, 0.2)
    q, policy = q_learning(
        env, 0.9, alpha=0.1, behaviour=uniform, episodes=100, episode_length=1000
    )
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 4.4))
    plot_policy(
        env, optimal.policy, optimal.v, ax=left, title="value iteration: v* and an optimal policy"
    )
    plot_policy(
        env, policy, q.max(axis=1), ax=right, title="Q-learning (10^5 steps): max q, greedy"
    )
    fig.tight_layout()
    fig.savefig(out / "rl_policy.png", dpi=110)
    plt.close(fig)
    axes = plot_learning_curves(learning_curves(env), ylabel="rms state-value error")
    axes[0].figure.suptitle("The book's grid world, gamma 0.9, episodes of 100 steps, seed 0")
    axes[0].figure.tight_layout()
    axes[0].figure.savefig(out / "rl_learning_curves.png", dpi=110)
    plt.close(axes[0].figure)
    print(f"wrote {out / 'rl_policy.png'} and {out / 'rl_learning_curves.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

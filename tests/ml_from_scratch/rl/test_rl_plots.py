"""Tests of the pictures: what they draw is what the arrays say."""

from __future__ import annotations

from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from ml_from_scratch.rl import GridWorld, value_iteration  # noqa: E402
from ml_from_scratch.rl.plots import learning_curves, main, plot_learning_curves, plot_policy  # noqa: E402


def test_plot_policy_prints_every_value_and_marks_the_cells() -> None:
    env = GridWorld()
    solution = value_iteration(env.transition_matrix(), env.reward_matrix(), 0.9)
    ax = plot_policy(env, solution.policy, solution.v, title="v*")
    values = [t.get_text() for t in ax.texts if t.get_text()]
    assert values == [f"{x:.1f}" for x in solution.v]
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == len(env.forbidden)
    stays = int((solution.policy.argmax(axis=1) == 4).sum())
    assert len(ax.lines) == stays  # a dot per "stay"
    arrows = [t for t in ax.texts if not t.get_text()]  # the annotations' arrows
    assert len(arrows) == 25 - stays


def test_learning_curves_fall() -> None:
    panels = learning_curves(GridWorld(), episodes=40, episode_length=100)
    assert len(panels) == 3
    for curves in panels.values():
        for episodes, errors in curves.values():
            assert len(episodes) == len(errors) == 40
            assert errors[-1] < errors[0]
    axes = plot_learning_curves(panels)
    assert [ax.get_title() for ax in axes] == list(panels)


@pytest.mark.slow
def test_main_writes_both_pictures(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 0
    for name in ("rl_policy.png", "rl_learning_curves.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

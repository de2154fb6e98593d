"""A picture of one output unit's receptive field: the analytic box beside the gradient.

Left, the input grid: its border, the centres of every output unit of the last layer
(``start + j jump``), and the chosen unit's analytic box, which may reach past the
input into the padding.  Right, the measured gradient of that unit with respect to the
input (:func:`~ml_from_scratch.receptive_field.networks.input_gradient`, log scale),
with the same box drawn on it: the gradient fills the box where it lies inside the
input, and is densest at its centre, where the most paths lead (the "effective
receptive field" of Luo et al., 2016, is smaller than the theoretical one).

Needs matplotlib (the ``plot`` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only: never a window
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.patches import Rectangle
from torch import nn

from ml_from_scratch.receptive_field.networks import input_gradient, receptive_field_of

__all__ = ["plot_receptive_field"]


def plot_receptive_field(
    model: nn.Module,
    input_shape: Sequence[int],
    output_index: Sequence[int],
    path: str | Path | None = None,
    title: str | None = None,
) -> Any:
    """Draw one output unit's receptive field on the input grid, beside its gradient.

    Parameters
    ----------
    model : nn.Module
        A 2-D model, as :func:`~ml_from_scratch.receptive_field.receptive_field_of` takes.
    input_shape : sequence of int
        ``(N, C, H, W)``.
    output_index : (int, int)
        The unit's ``(row, column)`` in the model's output.
    path : str or Path, optional
        Where to save the figure as a PNG.
    title : str, optional
        The figure's title; by default the box's size and jump.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        As :func:`~ml_from_scratch.receptive_field.input_gradient`.
    """
    gradient = input_gradient(model, input_shape, output_index).numpy()
    if gradient.ndim != 2:
        raise ValueError(f"input_shape must be (N, C, H, W), got {tuple(input_shape)}")
    field = receptive_field_of(model, ndim=2)[-1]
    rows, cols = field.box(output_index)
    height, width = gradient.shape
    figure, (grid, heat) = plt.subplots(1, 2, figsize=(11, 5.2), constrained_layout=True)

    margin = max(field.size) / 2 + 2
    grid.add_patch(Rectangle((-0.5, -0.5), width, height, fill=True, color="0.92", zorder=0))
    grid.add_patch(Rectangle((-0.5, -0.5), width, height, fill=False, color="0.3", lw=1.5))
    centres = [
        np.arange(s, n, j) for s, n, j in zip(field.start, (height, width), field.jump, strict=True)
    ]
    ys, xs = np.meshgrid(*centres, indexing="ij")
    grid.plot(xs.ravel(), ys.ravel(), ".", color="0.45", ms=4, label="output unit centres")
    centre = [s + i * j for s, i, j in zip(field.start, output_index, field.jump, strict=True)]
    grid.plot(centre[1], centre[0], "x", color="crimson", ms=10, mew=2.5, label="this unit")
    _draw_box(grid, rows, cols, "analytic box")
    grid.set_xlim(min(-margin, cols.start - 2), max(width + margin, cols.stop + 2))
    grid.set_ylim(max(height + margin, rows.stop + 2), min(-margin, rows.start - 2))
    grid.set_title(f"input grid {height} x {width}: box {rows.start}..{rows.stop - 1} (rows), "
                   f"{cols.start}..{cols.stop - 1} (cols)", fontsize=10)  # fmt: skip
    grid.set_aspect("equal")
    grid.legend(loc="lower right", fontsize=8, framealpha=0.9)

    positive = np.where(gradient > 0, gradient, np.nan)
    image = heat.imshow(
        positive, cmap="viridis", norm=LogNorm(np.nanmin(positive), np.nanmax(positive))
    )
    _draw_box(heat, rows, cols, "analytic box")
    heat.plot(centre[1], centre[0], "x", color="crimson", ms=10, mew=2.5)
    heat.set_facecolor("0.85")  # pixels the unit does not see (gradient 0)
    heat.set_xlim(-0.5, width - 0.5)
    heat.set_ylim(height - 0.5, -0.5)
    nonzero = int((gradient > 0).sum())
    heat.set_title(
        f"gradient of the unit w.r.t. the input (log scale): {nonzero} pixels > 0", fontsize=10
    )
    figure.colorbar(image, ax=heat, shrink=0.85, label="d unit / d pixel")
    size, jump = field.size, field.jump
    figure.suptitle(
        title
        or f"receptive field of output unit {tuple(output_index)}: size "
        f"{size[0]} x {size[1]}, jump {jump[0]} x {jump[1]}"
    )
    if path is not None:
        figure.savefig(path, dpi=110)
    return figure


def _draw_box(axes: Any, rows: range, cols: range, label: str) -> None:
    axes.add_patch(
        Rectangle(
            (cols.start - 0.5, rows.start - 0.5),
            len(cols),
            len(rows),
            fill=False,
            color="crimson",
            lw=2,
            ls="--",
            label=label,
        )
    )

"""A picture of the four ensembles: test accuracy against the number of members.

Bagging and a random forest average deep trees: their accuracy climbs fast and then
levels off (averaging removes variance, never bias; decorrelated trees level off
higher).  AdaBoost adds stumps, and gradient boosting small trees, each fitted to what
the ensemble so far gets wrong: they start from weak models and keep improving for
longer (*The Elements of Statistical Learning*, 2nd ed., figures 10.2 and 15.1).

Needs matplotlib (the ``plot`` extra).  ``python -m ml_from_scratch.ensemble.plots PATH``
writes the README's picture to ``PATH``.

Complexity: the fits of the four ensembles, then one staged prediction each.

Status: every curve's last point is the fitted ensemble's own score (tested).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.datasets import make_classification

from ml_from_scratch.ensemble._tree import FloatArray
from ml_from_scratch.ensemble.adaboost import AdaBoostClassifier
from ml_from_scratch.ensemble.bagging import BaggingClassifier
from ml_from_scratch.ensemble.forest import RandomForestClassifier
from ml_from_scratch.ensemble.gradient_boosting import GradientBoostingClassifier

__all__ = ["accuracy_curves", "main", "plot_accuracy_curves", "staged_accuracy"]


def staged_accuracy(estimator: Any, X: Any, y: Any) -> FloatArray:
    """The accuracy on ``(X, y)`` of the first 1, 2, ... members of a fitted ensemble.

    Examples
    --------
    >>> from sklearn.datasets import make_moons
    >>> X, y = make_moons(300, noise=0.3, random_state=0)
    >>> boost = AdaBoostClassifier(n_estimators=5).fit(X, y)
    >>> staged_accuracy(boost, X, y).shape
    (5,)
    """
    labels = np.asarray(y)
    return np.array([np.mean(predicted == labels) for predicted in estimator.staged_predict(X)])


def accuracy_curves(
    n_estimators: int = 200, n_samples: int = 3000, random_state: int = 0
) -> dict[str, FloatArray]:
    """Test accuracy against the number of members for the four ensembles.

    ``make_classification`` with 20 features (8 informative), two thirds to fit, one
    third to test; bagged deep trees, a random forest (``sqrt`` features per split),
    AdaBoost on stumps, gradient boosting of depth-3 trees (learning rate 0.1).
    """
    X, y = make_classification(
        n_samples, 20, n_informative=8, flip_y=0.05, random_state=random_state
    )
    cut = 2 * n_samples // 3
    models: dict[str, Any] = {
        "bagging (deep trees)": BaggingClassifier(n_estimators=n_estimators),
        "random forest": RandomForestClassifier(n_estimators),
        "AdaBoost (stumps)": AdaBoostClassifier(n_estimators=n_estimators),
        "gradient boosting (depth 3)": GradientBoostingClassifier(
            n_estimators=n_estimators, splitter="hist"
        ),
    }
    curves = {}
    for name, model in models.items():
        model.set_params(random_state=random_state)
        model.fit(X[:cut], y[:cut])
        curves[name] = staged_accuracy(model, X[cut:], y[cut:])
    return curves


def plot_accuracy_curves(curves: Mapping[str, FloatArray], ax: Any = None) -> Any:
    """Draw each curve against the number of members (log scale); returns the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.5))
    for name, accuracy in curves.items():
        ax.plot(np.arange(1, accuracy.size + 1), accuracy, label=name, linewidth=1.8)
    ax.set_xscale("log")
    ticks = [t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if t <= ax.get_xlim()[1]]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.set_xlabel("number of members (trees or stumps)")
    ax.set_ylabel("test accuracy")
    ax.set_title("Test accuracy against ensemble size (make_classification, 20 features)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="lower right")
    return ax


def main(argv: list[str] | None = None) -> int:
    """Write the README's picture: ``python -m ml_from_scratch.ensemble.plots PATH``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/images/ensemble_accuracy.png")
    ax = plot_accuracy_curves(accuracy_curves())
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=120)
    plt.close(ax.figure)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

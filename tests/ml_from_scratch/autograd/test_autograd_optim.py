"""SGD, Adam and AdamW trajectories against ``torch.optim`` in float64.

Both sides start from the same parameters and at every step get the gradient of the
same convex quadratic at their own current parameters (``g = A^T A p - b``), so a
difference in the update rule shows along the whole trajectory.  (A non-convex
objective, or steps so large that the iteration diverges, amplifies the first rounding
difference of 1e-17 by 2x per step past any tolerance: Adam without momentum
(beta1 = 0), whose steps near the minimum have the size lr whatever the gradient, does
that here within 40 steps.  The hyperparameters drawn stay clear of it.)
After 40 steps the parameters must agree to 1e-10 (relative to max(1, |p|)): the two
implementations differ only in the order of a few floating-point operations per step.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from ml_from_scratch.autograd import Tensor, optim

STEPS = 40
TOLERANCE = 1e-10


def gradient(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a.T @ (a @ p) - b


def run_both(ours_class: Any, theirs_class: Any, hyper: dict[str, Any], seed: int) -> None:
    rng = np.random.default_rng(seed)
    shapes = [(3,), (2, 3)]
    starts = [rng.standard_normal(s) for s in shapes]
    matrices = [(rng.standard_normal((s[-1], s[-1])), rng.standard_normal(s)) for s in shapes]
    ours = [Tensor(p, requires_grad=True) for p in starts]
    theirs = [torch.tensor(p, requires_grad=True) for p in starts]
    ours_opt, theirs_opt = ours_class(ours, **hyper), theirs_class(theirs, **hyper)
    for step in range(STEPS):
        for o, t, (a, b) in zip(ours, theirs, matrices, strict=True):
            grad = gradient(o.data.T, a, b.T).T  # each from its own parameters
            o.grad = grad
            t.grad = torch.from_numpy(gradient(t.detach().numpy().T, a, b.T).T.copy())
        ours_opt.step()
        theirs_opt.step()
        for i, (o, t) in enumerate(zip(ours, theirs, strict=True)):
            expected = t.detach().numpy()
            error = np.max(np.abs(o.data - expected) / np.maximum(1.0, np.abs(expected)))
            assert error <= TOLERANCE, (
                f"{ours_class.__name__}({hyper}): parameter {i} differs from torch's by "
                f"{error:.3g} after step {step + 1}"
            )


@given(
    lr=st.sampled_from([1e-3, 0.01, 0.1]),
    momentum=st.sampled_from([0.0, 0.5, 0.9]),
    dampening=st.sampled_from([0.0, 0.2]),
    weight_decay=st.sampled_from([0.0, 0.01]),
    nesterov=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_sgd_trajectory_equals_torch(
    lr: float, momentum: float, dampening: float, weight_decay: float, nesterov: bool, seed: int
) -> None:
    if nesterov and (momentum == 0 or dampening != 0):  # torch refuses these, as we do
        nesterov = False
    hyper = {
        "lr": lr,
        "momentum": momentum,
        "dampening": dampening,
        "weight_decay": weight_decay,
        "nesterov": nesterov,
    }
    run_both(optim.SGD, torch.optim.SGD, hyper, seed)


@pytest.mark.parametrize(
    ("ours", "theirs"), [(optim.Adam, torch.optim.Adam), (optim.AdamW, torch.optim.AdamW)]
)
@given(
    lr=st.sampled_from([1e-3, 0.01, 0.03]),
    betas=st.sampled_from([(0.9, 0.999), (0.5, 0.9), (0.8, 0.99)]),
    eps=st.sampled_from([1e-8, 1e-3]),
    weight_decay=st.sampled_from([0.0, 0.01, 0.1]),
    seed=st.integers(0, 2**16),
)
def test_adam_trajectories_equal_torch(
    ours: Any, theirs: Any, lr: float, betas: Any, eps: float, weight_decay: float, seed: int
) -> None:
    hyper = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay}
    run_both(ours, theirs, hyper, seed)


def test_default_hyperparameters_are_torchs() -> None:
    for ours_class, theirs_class in (
        (optim.Adam, torch.optim.Adam),
        (optim.AdamW, torch.optim.AdamW),
    ):
        run_both(ours_class, theirs_class, {}, seed=3)


def test_parameters_without_a_gradient_are_left_alone() -> None:
    a, b = Tensor([1.0], requires_grad=True), Tensor([2.0], requires_grad=True)
    opt = optim.Adam([a, b], lr=0.1)
    a.grad = np.array([1.0])
    opt.step()
    assert b.data.tolist() == [2.0]
    assert a.data.tolist() != [1.0]
    opt.zero_grad()
    assert a.grad is None


def test_float32_parameters_stay_float32() -> None:
    for opt_class in (optim.SGD, optim.Adam, optim.AdamW):
        p = Tensor(np.ones(3, dtype=np.float32), requires_grad=True)
        opt = opt_class([p], lr=0.1)
        p.grad = np.ones(3, dtype=np.float32)
        opt.step()
        assert p.dtype == np.float32


@pytest.mark.parametrize(
    ("make", "error", "word"),
    [
        (lambda p: optim.SGD(p, lr=-1.0), ValueError, "lr"),
        (lambda p: optim.SGD(p, lr=0.1, nesterov=True), ValueError, "nesterov"),
        (lambda p: optim.SGD([], lr=0.1), ValueError, "params"),
        (lambda p: optim.SGD([Tensor([1.0])], lr=0.1), TypeError, "params"),
        (lambda p: optim.Adam(p, betas=(0.9, 1.0)), ValueError, "betas"),
        (lambda p: optim.Adam(p, betas=0.9), TypeError, "betas"),
        (lambda p: optim.AdamW(p, eps=-1.0), ValueError, "eps"),
    ],
)
def test_bad_hyperparameters_are_named(make: Any, error: type[Exception], word: str) -> None:
    with pytest.raises(error, match=word):
        make([Tensor([1.0], requires_grad=True)])

"""Optimisers with torch's exact update rules: SGD (momentum, Nesterov), Adam, AdamW.

Each rule is a pure function on arrays (:func:`sgd_step`, :func:`adam_step`); the
classes hold the parameters and the per-parameter state and apply it.  With ``g`` the
gradient, ``t`` the step number (from 1) and ``lr`` the learning rate:

SGD (``torch.optim.SGD``)::

    g <- g + weight_decay * p
    v <- g  at the first step,  else  momentum * v + (1 - dampening) * g
    g <- g + momentum * v  (nesterov)   or   v  (plain momentum)
    p <- p - lr * g

Adam (``torch.optim.Adam``), and AdamW (decoupled weight decay, Loshchilov and Hutter
2019: the decay multiplies ``p`` instead of being added to ``g``)::

    g <- g + weight_decay * p                  (Adam)
    p <- p * (1 - lr * weight_decay)            (AdamW)
    m <- beta1 * m + (1 - beta1) * g
    v <- beta2 * v + (1 - beta2) * g^2
    p <- p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

Source: Kingma and Ba, "Adam" (2015), Algorithm 1, with eps placed as torch places it;
Sutskever et al. (2013) for Nesterov momentum in this form.

Status: trajectories equal to ``torch.optim``'s to 1e-10 in float64 over many steps
and hyperparameters (``tests/ml_from_scratch/autograd/test_optim.py``).

Complexity: O(number of parameters) per step.
"""

from __future__ import annotations

import abc
import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from ml_from_scratch._checks import as_bool, as_finite, as_int, describe
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.tensor import Tensor


def sgd_step(
    param: Array,
    grad: Array,
    velocity: Array | None = None,
    *,
    lr: float,
    momentum: float = 0.0,
    dampening: float = 0.0,
    weight_decay: float = 0.0,
    nesterov: bool = False,
) -> tuple[Array, Array | None]:
    """One SGD update; returns the new parameter and the new velocity (new arrays).

    ``velocity`` is None before the first step (and stays None without momentum).

    Examples
    --------
    >>> p, v = sgd_step(np.array([1.0]), np.array([0.5]), lr=0.1, momentum=0.9)
    >>> p.tolist(), v.tolist()
    ([0.95], [0.5])
    """
    if weight_decay:
        grad = grad + weight_decay * param
    if momentum:
        velocity = grad.copy() if velocity is None else velocity * momentum + (1 - dampening) * grad
        grad = grad + momentum * velocity if nesterov else velocity
    return param - lr * grad, velocity


def adam_step(
    param: Array,
    grad: Array,
    exp_avg: Array,
    exp_avg_sq: Array,
    step: int,
    *,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
    decoupled: bool = False,
) -> tuple[Array, Array, Array]:
    """One Adam (``decoupled=False``) or AdamW (``decoupled=True``) update.

    Parameters
    ----------
    param, grad : ndarray
    exp_avg, exp_avg_sq : ndarray
        The running first and second moments (zeros before the first step).
    step : int
        The number of this step, from 1.

    Returns
    -------
    (ndarray, ndarray, ndarray)
        The new parameter, first and second moments (new arrays).

    Examples
    --------
    >>> p, m, v = adam_step(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1,
    ...                     lr=0.1)
    >>> round(p.item(), 6)  # the first step moves by lr * sign(g)
    0.9
    """
    beta1, beta2 = betas
    if weight_decay and decoupled:
        param = param * (1 - lr * weight_decay)
    elif weight_decay:
        grad = grad + weight_decay * param
    # beta1 m + (1 - beta1) g, and beta2 v + (1 - beta2) g^2, in the operation order of
    # torch's kernels (lerp, then multiply-add), so trajectories agree to the last bits.
    exp_avg = _lerp(exp_avg, grad, 1 - beta1)
    exp_avg_sq = exp_avg_sq * beta2 + (1 - beta2) * grad * grad
    step_size = lr / (1 - beta1**step)
    denom = np.sqrt(exp_avg_sq) / math.sqrt(1 - beta2**step) + eps
    return param + (-step_size) * (exp_avg / denom), exp_avg, exp_avg_sq


def _lerp(start: Array, end: Array, weight: float) -> Array:
    """``start + weight (end - start)``, evaluated as ``torch.lerp`` does."""
    if abs(weight) < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


class Optimizer(abc.ABC):
    """What every optimiser shares: its parameters, their state, ``zero_grad``."""

    def __init__(self, params: Iterable[Tensor], lr: float) -> None:
        self.params = list(params)
        if not self.params:
            raise ValueError("params must hold at least one tensor, got an empty sequence")
        for i, p in enumerate(self.params):
            if not isinstance(p, Tensor) or not p.requires_grad:
                raise TypeError(
                    f"params[{i}] must be a Tensor that requires grad, got {describe(p)}"
                )
        self.lr = as_finite(lr, "lr", low=0.0)
        self.state: list[dict[str, Any]] = [{} for _ in self.params]

    def zero_grad(self) -> None:
        """Clear every parameter's ``.grad`` (set to None)."""
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        """Update every parameter that has a gradient."""
        for p, state in zip(self.params, self.state, strict=True):
            if p.grad is not None:
                p.data = self._update(p.data, p.grad, state).astype(p.dtype, copy=False)

    @abc.abstractmethod
    def _update(self, param: Array, grad: Array, state: dict[str, Any]) -> Array:
        """The new value of one parameter, updating its ``state``."""


class SGD(Optimizer):
    """Stochastic gradient descent, as ``torch.optim.SGD`` (see :func:`sgd_step`).

    >>> w = Tensor([1.0], requires_grad=True)
    >>> opt = SGD([w], lr=0.5)
    >>> (w * w).sum().backward(); opt.step()
    >>> w.data.tolist()
    [0.0]
    """

    def __init__(
        self,
        params: Iterable[Tensor],
        lr: float,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.momentum = as_finite(momentum, "momentum", low=0.0)
        self.dampening = as_finite(dampening, "dampening")
        self.weight_decay = as_finite(weight_decay, "weight_decay", low=0.0)
        self.nesterov = as_bool(nesterov, "nesterov")
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ValueError("nesterov needs momentum > 0 and dampening == 0")

    def _update(self, param: Array, grad: Array, state: dict[str, Any]) -> Array:
        param, state["velocity"] = sgd_step(
            param,
            grad,
            state.get("velocity"),
            lr=self.lr,
            momentum=self.momentum,
            dampening=self.dampening,
            weight_decay=self.weight_decay,
            nesterov=self.nesterov,
        )
        return param


class Adam(Optimizer):
    """Adam, as ``torch.optim.Adam`` (see :func:`adam_step`); L2 weight decay."""

    decoupled = False

    def __init__(
        self,
        params: Iterable[Tensor],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise TypeError(f"betas must be a pair of floats, got {describe(betas)}")
        beta1, beta2 = (as_finite(b, "betas") for b in betas)
        if not (0 <= beta1 < 1 and 0 <= beta2 < 1):
            raise ValueError(f"betas must lie in [0, 1), got {betas!r}")
        self.betas = (beta1, beta2)
        self.eps = as_finite(eps, "eps", low=0.0)
        self.weight_decay = as_finite(weight_decay, "weight_decay", low=0.0)

    def _update(self, param: Array, grad: Array, state: dict[str, Any]) -> Array:
        step = as_int(state.get("step", 0), "step") + 1
        param, state["exp_avg"], state["exp_avg_sq"] = adam_step(
            param,
            grad,
            state.get("exp_avg", np.zeros_like(param)),
            state.get("exp_avg_sq", np.zeros_like(param)),
            step,
            lr=self.lr,
            betas=self.betas,
            eps=self.eps,
            weight_decay=self.weight_decay,
            decoupled=self.decoupled,
        )
        state["step"] = step
        return param


class AdamW(Adam):
    """Adam with decoupled weight decay, as ``torch.optim.AdamW`` (default decay 0.01)."""

    decoupled = True

    def __init__(
        self,
        params: Iterable[Tensor],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay)


__all__ = ["SGD", "Adam", "AdamW", "Optimizer", "adam_step", "sgd_step"]

"""Losses, as ``torch.nn.functional``'s: mean squared error, cross-entropy, logistic.

Cross-entropy over ``C`` classes with integer targets ``t``, from logits ``z``:

    loss_n = -log softmax(z_n)[t_n] = logsumexp(z_n) - z_n[t_n]
    dloss_n/dz_n = softmax(z_n) - onehot(t_n)

Binary cross-entropy with logits, for a target ``y`` in [0, 1], in the form that never
takes the log of 0 nor overflows:

    loss = max(z, 0) - z y + log(1 + exp(-|z|))       dloss/dz = sigmoid(z) - y

Both are one fused op each (one graph node, the gradient above); ``reduction`` is
``"mean"`` (the default), ``"sum"`` or ``"none"``.

Complexity: O(N C) and O(n).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ml_from_scratch._checks import check_ndim, one_of
from ml_from_scratch.autograd.activations import sigmoid_array
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.rules import log_softmax_array
from ml_from_scratch.autograd.tensor import Tensor, as_tensor, result

REDUCTIONS = ("mean", "sum", "none")


def mse_loss(input: Tensor, target: Any, reduction: str = "mean") -> Tensor:
    """The squared differences, reduced: ``mean((input - target) ** 2)`` by default.

    >>> mse_loss(Tensor([1.0, 3.0]), np.array([0.0, 1.0])).item()
    2.5
    """
    one_of(reduction, "reduction", REDUCTIONS)
    input, target = as_tensor(input, "input"), as_tensor(target, "target")
    if input.shape != target.shape:
        raise ValueError(
            f"input and target must have one shape, got {input.shape} and {target.shape}"
        )
    diff = input - target
    return _reduce(diff * diff, reduction)


def cross_entropy(logits: Tensor, target: Any, reduction: str = "mean") -> Tensor:
    """The cross-entropy of integer class targets under ``softmax(logits)``.

    Parameters
    ----------
    logits : Tensor
        ``(N, C)`` unnormalised log-probabilities (stable at any magnitude).
    target : int array
        ``(N,)`` class indices in ``[0, C)``.
    reduction : "mean", "sum" or "none"

    Examples
    --------
    >>> round(cross_entropy(Tensor([[0.0, 0.0]]), np.array([1])).item(), 6)
    0.693147
    """
    one_of(reduction, "reduction", REDUCTIONS)
    logits = as_tensor(logits, "logits")
    check_ndim(logits, "logits", (2,))
    classes = _class_targets(target, logits.shape)
    n = logits.shape[0]
    log_probs = log_softmax_array(logits.data, axis=1)
    rows = np.arange(n)
    losses = -log_probs[rows, classes]

    def rule(g: Array) -> tuple[Array]:
        grad = np.exp(log_probs)
        grad[rows, classes] -= 1.0  # softmax - onehot, in an array of our own
        scale = g / n if reduction == "mean" else g
        return (grad * (scale[:, None] if reduction == "none" else scale),)

    return result(_reduced(losses, reduction), (logits,), rule)


def binary_cross_entropy_with_logits(input: Tensor, target: Any, reduction: str = "mean") -> Tensor:
    """The logistic loss of targets in [0, 1] given logits, as torch's (stable).

    Both ``input`` and ``target`` get gradients where they require them
    (``dloss/dtarget = -input``).

    >>> round(binary_cross_entropy_with_logits(Tensor([0.0]), np.array([1.0])).item(), 6)
    0.693147
    """
    one_of(reduction, "reduction", REDUCTIONS)
    input, target = as_tensor(input, "input"), as_tensor(target, "target")
    if input.shape != target.shape:
        raise ValueError(
            f"input and target must have one shape, got {input.shape} and {target.shape}"
        )
    z, y = input.data, target.data
    losses = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    count = max(z.size, 1)

    def rule(g: Array) -> tuple[Array | None, Array | None]:
        scale = g / count if reduction == "mean" else g
        grad_z = (sigmoid_array(z) - y) * scale if input.requires_grad else None
        grad_y = -z * scale if target.requires_grad else None
        return grad_z, grad_y

    return result(_reduced(losses, reduction), (input, target), rule)


def _class_targets(target: Any, shape: tuple[int, ...]) -> Array:
    classes = np.asarray(target.data if isinstance(target, Tensor) else target)
    if classes.dtype.kind not in "iu":
        raise TypeError(f"target must be an integer array of class indices, got {classes.dtype}")
    if classes.shape != shape[:1]:
        raise ValueError(f"target must have shape ({shape[0]},), got {classes.shape}")
    if classes.size and (classes.min() < 0 or classes.max() >= shape[1]):
        raise ValueError(f"target must lie in [0, {shape[1]}) (the number of classes)")
    return classes


def _reduced(losses: Array, reduction: str) -> Array:
    if reduction == "none":
        return losses
    total = losses.sum()
    return np.asarray(total / max(losses.size, 1) if reduction == "mean" else total)


def _reduce(losses: Tensor, reduction: str) -> Tensor:
    if reduction == "none":
        return losses
    return losses.mean() if reduction == "mean" else losses.sum()

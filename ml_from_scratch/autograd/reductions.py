"""Reductions over axes, and the softmax family.

A reduction's gradient is the upstream one spread back over the reduced axes:

    sum: dL/dx = g                 mean: dL/dx = g / (number reduced)
    max, min: dL/dx = g [x == y] / (number of ties)   (ties split evenly, as torch.amax)
    logsumexp: dL/dx = g softmax(x)

with ``g`` given back its reduced axes (``keepdims``) and broadcast to ``x``'s shape.
``softmax``, ``log_softmax`` and ``logsumexp`` shift by the maximum first, so logits of
1000 neither overflow nor lose their differences; their rules are in :mod:`.rules`.

``axis`` is None (every axis), an int or a sequence of ints, negative ones counting
from the end.  Complexity: O(x.size) per op and per rule.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

import numpy as np

from ml_from_scratch._checks import as_axes, as_axis, as_bool
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.rules import (
    log_softmax_array,
    log_softmax_backward_from_output,
    softmax_array,
    softmax_backward_from_output,
)
from ml_from_scratch.autograd.tensor import Tensor, result

Axis = int | Sequence[int] | None


def sum(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The sum over ``axis``.

    >>> sum(Tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0).data.tolist()
    [4.0, 6.0]
    """
    axes, keep = _reduction(x, axis, keepdims)
    data = x.data
    out = np.asarray(data.sum(axis=axes, keepdims=keep))
    return result(out, (x,), lambda g: (np.broadcast_to(_kept(g, axes, keep), data.shape),))


def mean(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The mean over ``axis``."""
    axes, keep = _reduction(x, axis, keepdims)
    data = x.data
    count = int(np.prod([data.shape[a] for a in axes]))
    out = np.asarray(data.mean(axis=axes, keepdims=keep))
    return result(out, (x,), lambda g: (np.broadcast_to(_kept(g, axes, keep) / count, data.shape),))


def max(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The maximum over ``axis``; tied maxima share the gradient evenly.

    >>> x = Tensor([1.0, 3.0, 3.0], requires_grad=True)
    >>> max(x).backward()
    >>> x.grad.tolist()
    [0.0, 0.5, 0.5]
    """
    return _extreme(x, axis, keepdims, np.max)


def min(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """The minimum over ``axis``; tied minima share the gradient evenly."""
    return _extreme(x, axis, keepdims, np.min)


def logsumexp(x: Tensor, axis: Axis = None, keepdims: bool = False) -> Tensor:
    """``log(sum(exp(x)))`` over ``axis``, stable for large ``x``.

    >>> round(logsumexp(Tensor([1000.0, 1000.0])).item() - 1000, 12)
    0.69314718056
    """
    axes, keep = _reduction(x, axis, keepdims)
    data = x.data
    if data.size == 0:
        raise ValueError(f"logsumexp of an empty tensor (shape {data.shape})")
    top = data.max(axis=axes, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)  # all -inf (or inf): no shift
    kept = top + np.log(np.exp(data - top).sum(axis=axes, keepdims=True))
    out = kept if keep else kept.reshape(_reduced_shape(data.shape, axes))
    return result(
        out.astype(data.dtype, copy=False),
        (x,),
        lambda g: (_kept(g, axes, keep) * np.exp(data - kept),),
    )


def softmax(x: Tensor, axis: int = -1) -> Tensor:
    """``exp(x) / sum(exp(x))`` along ``axis`` (stable for large logits).

    >>> softmax(Tensor([1000.0, 1000.0])).data.tolist()
    [0.5, 0.5]
    """
    axis = as_axis(axis, x.ndim)
    y = softmax_array(x.data, axis)
    return result(y, (x,), lambda g: (softmax_backward_from_output(g, y, axis),))


def log_softmax(x: Tensor, axis: int = -1) -> Tensor:
    """``x - logsumexp(x)`` along ``axis`` (stable for large logits).

    >>> log_softmax(Tensor([0.0, 1000.0])).data.tolist()
    [-1000.0, 0.0]
    """
    axis = as_axis(axis, x.ndim)
    y = log_softmax_array(x.data, axis)
    return result(y, (x,), lambda g: (log_softmax_backward_from_output(g, y, axis),))


# ---------------------------------------------------------------------------- helpers


def _reduction(x: Tensor, axis: Axis, keepdims: bool) -> tuple[tuple[int, ...], bool]:
    return as_axes(axis, x.ndim), as_bool(keepdims, "keepdims")


def _reduced_shape(shape: tuple[int, ...], axes: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(n for i, n in enumerate(shape) if i not in axes)


def _kept(g: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    """The upstream gradient with the reduced axes back as size 1 (for broadcasting)."""
    return g if keepdims else np.expand_dims(g, axes)


def _extreme(x: Tensor, axis: Axis, keepdims: bool, pick: np.ufunc | object) -> Tensor:
    axes, keep = _reduction(x, axis, keepdims)
    data = x.data
    if builtins.any(data.shape[a] == 0 for a in axes) or (data.size == 0 and not axes):
        raise ValueError(f"max/min over an empty axis (shape {data.shape}, axis {axis!r})")
    kept = pick(data, axis=axes, keepdims=True)  # type: ignore[operator]
    out = kept if keep else kept.reshape(_reduced_shape(data.shape, axes))

    def rule(g: Array) -> tuple[Array]:
        ties = data == kept
        count = ties.sum(axis=axes, keepdims=True).astype(g.dtype)
        return (ties * (_kept(g, axes, keep) / count),)

    return result(np.asarray(out), (x,), rule)

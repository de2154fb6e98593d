"""Every differentiable op in one namespace, as ``torch.nn.functional`` (``import ... as F``).

The ops live in modules by kind (:mod:`.arithmetic`, :mod:`.activations`,
:mod:`.reductions`, :mod:`.shape`, :mod:`.conv`, :mod:`.losses`); this module gathers
them and adds the fused layers the :mod:`.nn` modules wrap: ``linear``, ``layer_norm``,
``dropout`` and ``embedding``.  A fused op is one graph node with one rule, where the
same maths spelled with elementary ops would be several: fewer nodes, less overhead,
and no intermediate arrays kept for the backward pass.

    linear:      y = x W^T + b;   dL/dx = g W,  dL/dW = g^T x,  dL/db = sum of g
    dropout:     y = x m / (1 - p), m ~ Bernoulli(1 - p) per element;  dL/dx = g m / (1 - p)
    embedding:   y = W[i];   dL/dW = g added at the rows i (repeats accumulate)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ml_from_scratch._checks import as_bool, as_finite, as_probability, describe
from ml_from_scratch.autograd.activations import (
    abs,
    exp,
    gelu,
    log,
    relu,
    sigmoid,
    sqrt,
    tanh,
)
from ml_from_scratch.autograd.arithmetic import (
    add,
    clip,
    div,
    matmul,
    maximum,
    minimum,
    mul,
    neg,
    pow,
    sub,
    where,
)
from ml_from_scratch.autograd.conv import avg_pool2d, conv2d, max_pool2d
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.losses import (
    binary_cross_entropy_with_logits,
    cross_entropy,
    mse_loss,
)
from ml_from_scratch.autograd.reductions import (
    log_softmax,
    logsumexp,
    max,
    mean,
    min,
    softmax,
    sum,
)
from ml_from_scratch.autograd.rules import layer_norm_backward_from_saved, layer_norm_statistics
from ml_from_scratch.autograd.shape import (
    broadcast_to,
    concatenate,
    flatten,
    getitem,
    reshape,
    stack,
    transpose,
)
from ml_from_scratch.autograd.tensor import Tensor, as_tensor, result


def linear(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``x @ weight.T + bias`` as one op, as ``F.linear``: ``x`` (..., in), ``weight``
    (out, in), ``bias`` (out,).

    >>> linear(Tensor([[1.0, 2.0]]), Tensor([[1.0, 1.0]]), Tensor([0.5])).data.tolist()
    [[3.5]]
    """
    x, weight = as_tensor(x, "x"), as_tensor(weight, "weight")
    xd, w = x.data, weight.data
    if weight.ndim != 2 or xd.ndim < 1 or xd.shape[-1] != w.shape[1]:
        raise ValueError(
            f"linear needs x (..., in) and weight (out, in), got {xd.shape} and {w.shape}"
        )
    out = xd @ w.T
    parents: tuple[Tensor, ...] = (x, weight)
    if bias is not None:
        bias = as_tensor(bias, "bias")
        if bias.shape != (w.shape[0],):
            raise ValueError(f"bias must have shape ({w.shape[0]},), got {bias.shape}")
        out += bias.data  # a fresh array of our own: no tensor is written
        parents = (x, weight, bias)

    def rule(g: Array) -> tuple[Array | None, ...]:
        flat_g = g.reshape(-1, g.shape[-1])
        grad_x = g @ w if x.requires_grad else None
        grad_w = flat_g.T @ xd.reshape(-1, xd.shape[-1]) if weight.requires_grad else None
        if bias is None:
            return grad_x, grad_w
        return grad_x, grad_w, (flat_g.sum(axis=0) if bias.requires_grad else None)

    return result(out, parents, rule)


def layer_norm(
    x: Tensor,
    normalized_shape: int | Sequence[int],
    weight: Tensor | None = None,
    bias: Tensor | None = None,
    eps: float = 1e-5,
) -> Tensor:
    """Normalise over the trailing ``normalized_shape`` axes, as ``F.layer_norm``.

    ``(x - mean) / sqrt(var + eps) * weight + bias`` with the biased variance; the
    gradients are :func:`~.rules.layer_norm_backward`'s.

    >>> y = layer_norm(Tensor([[1.0, 2.0, 3.0]]), 3)
    >>> np.round(y.data, 4).tolist()
    [[-1.2247, 0.0, 1.2247]]
    """
    x = as_tensor(x, "x")
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if not shape or x.shape[x.ndim - len(shape) :] != shape or len(shape) > x.ndim:
        raise ValueError(
            f"normalized_shape must be the trailing axes of x's shape {x.shape}, got {shape}"
        )
    eps = as_finite(eps, "eps", low=0.0)
    named = (("weight", weight), ("bias", bias))
    params = [None if p is None else as_tensor(p, name) for name, p in named]
    for p, name in zip(params, ("weight", "bias"), strict=True):
        if p is not None and p.shape != shape:
            raise ValueError(f"{name} must have shape {shape}, got {p.shape}")
    w, b = params
    axes = tuple(range(x.ndim - len(shape), x.ndim))
    x_hat, inv_std = layer_norm_statistics(x.data, axes, eps)
    out = x_hat if w is None else x_hat * w.data
    out = out if b is None else out + b.data
    parents = (x, *(p for p in params if p is not None))

    def rule(g: Array) -> list[Array | None]:
        grads = layer_norm_backward_from_saved(
            g, x_hat, inv_std, None if w is None else w.data, None if b is None else b.data, axes
        )
        return [
            grads[0],
            *(grad for grad, p in zip(grads[1:], params, strict=True) if p is not None),
        ]

    return result(out, parents, rule)


def dropout(
    x: Tensor, p: float = 0.5, training: bool = True, *, rng: np.random.Generator | int
) -> Tensor:
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``,
    as ``F.dropout``; the identity when not ``training`` or ``p == 0``.

    >>> x = Tensor(np.ones(4))
    >>> dropout(x, 0.5, rng=0).data.tolist()
    [2.0, 0.0, 0.0, 0.0]
    """
    p = as_probability(p, "p")
    if not as_bool(training, "training") or p == 0.0:
        return x
    keep = as_generator(rng).random(x.shape) >= p
    scale = keep / (1.0 - p) if p < 1.0 else np.zeros(x.shape)
    return mul(x, scale.astype(x.dtype))


def embedding(indices: Any, weight: Tensor) -> Tensor:
    """The rows ``weight[indices]``, as ``F.embedding``: an integer array of any shape
    gives that shape plus the embedding axis."""
    index = np.asarray(indices.data if isinstance(indices, Tensor) else indices)
    if index.dtype.kind not in "iu":
        raise TypeError(f"indices must be an integer array, got dtype {index.dtype}")
    rows = weight.shape[0]
    if index.size and (index.min() < 0 or index.max() >= rows):
        raise ValueError(f"indices must lie in [0, {rows}) (the number of rows of weight)")
    return getitem(weight, index)


def as_generator(rng: Any) -> np.random.Generator:
    """``rng`` itself if it is a Generator, else ``np.random.default_rng(rng)`` for an int."""
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, int) and not isinstance(rng, bool):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be a numpy Generator or an int seed, got {describe(rng)}")


__all__ = [
    "abs",
    "add",
    "as_generator",
    "avg_pool2d",
    "binary_cross_entropy_with_logits",
    "broadcast_to",
    "clip",
    "concatenate",
    "conv2d",
    "cross_entropy",
    "div",
    "dropout",
    "embedding",
    "exp",
    "flatten",
    "gelu",
    "getitem",
    "layer_norm",
    "linear",
    "log",
    "log_softmax",
    "logsumexp",
    "matmul",
    "max",
    "max_pool2d",
    "maximum",
    "mean",
    "min",
    "minimum",
    "mse_loss",
    "mul",
    "neg",
    "pow",
    "relu",
    "reshape",
    "sigmoid",
    "softmax",
    "sqrt",
    "stack",
    "sub",
    "sum",
    "tanh",
    "transpose",
    "where",
]

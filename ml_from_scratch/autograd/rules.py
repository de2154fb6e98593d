"""Backward rules as plain functions of (upstream gradient, inputs): the maths of autograd.

Each rule maps ``G = dL/dY`` for the op's output ``Y`` to the gradient of every input.
The engine's ops call them (through their ``_from_*`` forms, which reuse what the
forward pass already computed); the exercises ask for the same functions.

**matmul**, ``Y = A B`` with ``A`` (n, k), ``B`` (k, m):  ``dL/dA = G B^T``,
``dL/dB = A^T G``; batch axes broadcast, so the gradients are summed back over them,
and a 1-D operand is a row (for ``A``) or a column (for ``B``) that is squeezed away.

**softmax** along an axis, ``y = softmax(x)``: the Jacobian is ``diag(y) - y y^T``, so
``dL/dx = y * (g - <g, y>)`` with the inner product along the axis.

**log_softmax**, ``y = x - logsumexp(x)``: ``dL/dx = g - softmax(x) * sum(g)``.

**layer_norm** over the trailing axes (D elements), ``x_hat = (x - mu) / sqrt(var + eps)``
with the biased variance, ``y = x_hat * w + b``:

    dL/db = sum over the batch of g        dL/dw = sum over the batch of g * x_hat
    dL/dx = (g_hat - mean(g_hat) - x_hat * mean(g_hat * x_hat)) / sqrt(var + eps),
    where g_hat = g * w and the means are over the D normalised elements.

Complexity: each rule costs about as much as its forward pass.

Source: the matrix calculus of Goodfellow, Bengio and Courville, *Deep Learning*
(2016), section 6.5; Ba, Kiros and Hinton, "Layer Normalization" (2016).

Status: each rule checked against ``torch.autograd`` in float64 on hypothesis shapes
(``tests/ml_from_scratch/autograd/test_rules.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ml_from_scratch.autograd.graph import Array, unbroadcast


def matmul_backward(
    grad: Array, a: Array, b: Array, *, need: tuple[bool, bool] = (True, True)
) -> tuple[Array | None, Array | None]:
    """The gradients of ``a @ b`` with respect to ``a`` and ``b``.

    Parameters
    ----------
    grad : ndarray
        ``dL/dY`` for ``Y = a @ b``, of ``Y``'s shape.
    a, b : ndarray
        The operands, with numpy's ``matmul`` rules: 1-D, 2-D or batched.
    need : pair of bool
        Which gradients to compute (a ``None`` stands for the others).

    Returns
    -------
    (ndarray, ndarray)
        ``dL/da`` of ``a``'s shape and ``dL/db`` of ``b``'s shape.

    Complexity
    ----------
    Two matrix products of the forward one's size.

    Examples
    --------
    >>> a, b = np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]])
    >>> ga, gb = matmul_backward(np.array([[1.0]]), a, b)
    >>> ga.tolist(), gb.tolist()
    ([[3.0, 4.0]], [[1.0], [2.0]])
    """
    if a.ndim == 1 and b.ndim == 1:  # a dot product: grad is a scalar
        return (grad * b if need[0] else None), (grad * a if need[1] else None)
    a2 = a[np.newaxis, :] if a.ndim == 1 else a
    b2 = b[:, np.newaxis] if b.ndim == 1 else b
    g = grad
    if a.ndim == 1:
        g = np.expand_dims(g, -2)
    if b.ndim == 1:
        g = np.expand_dims(g, -1)
    grad_a = grad_b = None
    if need[0]:
        grad_a = unbroadcast(np.matmul(g, np.swapaxes(b2, -1, -2)), a2.shape).reshape(a.shape)
    if need[1]:
        grad_b = unbroadcast(np.matmul(np.swapaxes(a2, -1, -2), g), b2.shape).reshape(b.shape)
    return grad_a, grad_b


def softmax_backward(grad: Array, x: Array, axis: int = -1) -> Array:
    """The gradient of ``softmax(x, axis)`` with respect to ``x``.

    Examples
    --------
    >>> softmax_backward(np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.25, -0.25]
    """
    return softmax_backward_from_output(grad, softmax_array(x, axis), axis)


def log_softmax_backward(grad: Array, x: Array, axis: int = -1) -> Array:
    """The gradient of ``log_softmax(x, axis)`` with respect to ``x``.

    Examples
    --------
    >>> log_softmax_backward(np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.5, -0.5]
    """
    return log_softmax_backward_from_output(grad, log_softmax_array(x, axis), axis)


def layer_norm_backward(
    grad: Array, x: Array, weight: Array | None, bias: Array | None, eps: float = 1e-5
) -> tuple[Array, Array | None, Array | None]:
    """The gradients of layer normalisation over the trailing ``weight.ndim`` axes.

    Parameters
    ----------
    grad : ndarray
        ``dL/dy`` of ``x``'s shape.
    x : ndarray
        The input; it is normalised over its last ``weight.ndim`` axes.
    weight, bias : ndarray or None
        The affine parameters, of shape ``x.shape[-weight.ndim:]``; ``None`` for none
        (then the last axis alone is normalised, unless ``weight`` gives the shape).
    eps : float
        Added to the variance.

    Returns
    -------
    (ndarray, ndarray or None, ndarray or None)
        ``dL/dx``, ``dL/dweight``, ``dL/dbias``.

    Examples
    --------
    >>> gx, gw, gb = layer_norm_backward(np.ones((2, 3)), np.arange(6.0).reshape(2, 3),
    ...                                  np.ones(3), np.zeros(3))
    >>> bool(np.abs(gx).max() < 1e-12), gb.tolist()
    (True, [2.0, 2.0, 2.0])
    """
    axes = _trailing_axes(x, weight, bias)
    x_hat, inv_std = layer_norm_statistics(x, axes, eps)
    return layer_norm_backward_from_saved(grad, x_hat, inv_std, weight, bias, axes)


# ------------------------------------------------ forms the engine uses (saved forward)


def softmax_array(x: Array, axis: int) -> Array:
    """``exp(x) / sum(exp(x))`` along ``axis``, shifted by the maximum so that no
    exponential overflows (logits of 1000 are fine)."""
    shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    out: Array = shifted / shifted.sum(axis=axis, keepdims=True)
    return out


def log_softmax_array(x: Array, axis: int) -> Array:
    """``x - logsumexp(x)`` along ``axis``, computed from the maximum-shifted values."""
    shifted = x - x.max(axis=axis, keepdims=True)
    out: Array = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return out


def softmax_backward_from_output(grad: Array, y: Array, axis: int) -> Array:
    """:func:`softmax_backward` given the output ``y = softmax(x)``."""
    out: Array = y * (grad - (grad * y).sum(axis=axis, keepdims=True))
    return out


def log_softmax_backward_from_output(grad: Array, y: Array, axis: int) -> Array:
    """:func:`log_softmax_backward` given the output ``y = log_softmax(x)``."""
    out: Array = grad - np.exp(y) * grad.sum(axis=axis, keepdims=True)
    return out


def layer_norm_statistics(x: Array, axes: tuple[int, ...], eps: float) -> tuple[Array, Array]:
    """``(x_hat, 1 / sqrt(var + eps))`` over ``axes``, the variance biased as torch's."""
    centred = x - x.mean(axis=axes, keepdims=True)
    inv_std = 1.0 / np.sqrt((centred * centred).mean(axis=axes, keepdims=True) + eps)
    return centred * inv_std, inv_std


def layer_norm_backward_from_saved(
    grad: Array,
    x_hat: Array,
    inv_std: Array,
    weight: Array | None,
    bias: Array | None,
    axes: tuple[int, ...],
) -> tuple[Array, Array | None, Array | None]:
    """:func:`layer_norm_backward` given the forward pass's ``x_hat`` and ``inv_std``."""
    batch = tuple(range(grad.ndim - len(axes)))
    grad_bias = grad.sum(axis=batch) if bias is not None else None
    grad_weight = (grad * x_hat).sum(axis=batch) if weight is not None else None
    g_hat = grad * weight if weight is not None else grad
    grad_x = inv_std * (
        g_hat
        - g_hat.mean(axis=axes, keepdims=True)
        - x_hat * (g_hat * x_hat).mean(axis=axes, keepdims=True)
    )
    return grad_x, grad_weight, grad_bias


def _trailing_axes(x: Array, *params: Any) -> tuple[int, ...]:
    shaped = next((p for p in params if p is not None), None)
    count = 1 if shaped is None else max(np.ndim(shaped), 1)
    return tuple(range(x.ndim - count, x.ndim))

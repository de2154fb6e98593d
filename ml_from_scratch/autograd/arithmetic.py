"""Elementwise binary ops with numpy broadcasting, and matrix products.

For ``z = f(x, y)`` applied elementwise, the chain rule gives each input its own
gradient ``dL/dx = dL/dz * df/dx``, computed at the broadcast shape and then summed back
to the input's shape (:func:`~.graph.unbroadcast`):

    add: 1, 1            sub: 1, -1          mul: y, x          div: 1/y, -z/y
    pow: y x^(y-1), z log x                  maximum: [x > y] (+ 1/2 on ties)

Either operand may be a Python or numpy scalar (kept as a scalar, so float32 stays
float32) or an array (a constant); at least one is a :class:`Tensor`.  Special points
follow torch: ``d x^y / dx = 0`` where ``y == 0``, ``d x^y / dy = 0`` where
``x == 0 and y >= 0``, ``maximum``/``minimum`` split a tie's gradient in halves, ``clip``
passes the gradient on the closed interval ``[low, high]``.

Complexity: O(size of the broadcast result) per op and per rule; ``matmul`` as numpy's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ml_from_scratch._checks import describe
from ml_from_scratch.autograd.graph import Array, unbroadcast
from ml_from_scratch.autograd.rules import matmul_backward
from ml_from_scratch.autograd.tensor import Tensor, _as_float_array, as_tensor, result

Partial = Callable[[Array, Any, Any, Array], Any]  # (grad, x, y, z) -> dL/dx at z's shape


def add(a: Any, b: Any) -> Tensor:
    """``a + b``.

    >>> add(Tensor([1.0, 2.0]), 1).data.tolist()
    [2.0, 3.0]
    """
    return _binary(a, b, np.add, lambda g, x, y, z: g, lambda g, x, y, z: g)


def sub(a: Any, b: Any) -> Tensor:
    """``a - b``."""
    return _binary(a, b, np.subtract, lambda g, x, y, z: g, lambda g, x, y, z: -g)


def mul(a: Any, b: Any) -> Tensor:
    """``a * b``."""
    return _binary(a, b, np.multiply, lambda g, x, y, z: g * y, lambda g, x, y, z: g * x)


def div(a: Any, b: Any) -> Tensor:
    """``a / b``."""
    return _binary(a, b, np.divide, lambda g, x, y, z: g / y, lambda g, x, y, z: -g * z / y)


def pow(a: Any, b: Any) -> Tensor:
    """``a ** b``, for a tensor or scalar exponent (and a scalar base: ``2 ** x``).

    >>> x = Tensor([2.0, 3.0], requires_grad=True)
    >>> (x**2).sum().backward()
    >>> x.grad.tolist()
    [4.0, 6.0]
    """
    return _binary(a, b, np.power, _pow_base, _pow_exponent)


def _pow_base(g: Array, x: Any, y: Any, z: Array) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y == 0, 0.0, g * y * np.power(x, y - 1)).astype(g.dtype, copy=False)


def _pow_exponent(g: Array, x: Any, y: Any, z: Array) -> Any:
    with np.errstate(divide="ignore", invalid="ignore"):
        grad = g * z * np.log(x)
    return np.where((x == 0) & (y >= 0), 0.0, grad).astype(g.dtype, copy=False)


def maximum(a: Any, b: Any) -> Tensor:
    """The elementwise larger of ``a`` and ``b``; a tie gives each half the gradient."""
    return _binary(
        a,
        b,
        np.maximum,
        lambda g, x, y, z: g * ((x > y) + 0.5 * (x == y)),
        lambda g, x, y, z: g * ((y > x) + 0.5 * (x == y)),
    )


def minimum(a: Any, b: Any) -> Tensor:
    """The elementwise smaller of ``a`` and ``b``; a tie gives each half the gradient."""
    return _binary(
        a,
        b,
        np.minimum,
        lambda g, x, y, z: g * ((x < y) + 0.5 * (x == y)),
        lambda g, x, y, z: g * ((y < x) + 0.5 * (x == y)),
    )


def neg(a: Tensor) -> Tensor:
    """``-a``."""
    return result(-a.data, (a,), lambda g: (-g,))


def where(condition: Any, a: Any, b: Any) -> Tensor:
    """``a`` where ``condition`` holds, else ``b``, all three broadcast together.

    ``condition`` is a boolean array (or anything numpy reads as one) and gets no
    gradient.

    >>> where(np.array([True, False]), Tensor([1.0, 2.0]), 0.0).data.tolist()
    [1.0, 0.0]
    """
    mask = np.asarray(condition.data if isinstance(condition, Tensor) else condition)
    if mask.dtype != np.bool_:
        raise TypeError(f"condition must be a boolean array, got dtype {mask.dtype}")
    return _binary(
        a,
        b,
        lambda x, y: np.where(mask, x, y),
        lambda g, x, y, z: np.where(mask, g, 0.0).astype(g.dtype, copy=False),
        lambda g, x, y, z: np.where(mask, 0.0, g).astype(g.dtype, copy=False),
    )


def clip(a: Tensor, low: float | None = None, high: float | None = None) -> Tensor:
    """``a`` limited to ``[low, high]`` (either may be None); gradient 1 on that closed
    interval, 0 outside, as ``torch.clamp``.

    >>> clip(Tensor([-2.0, 0.5, 3.0]), -1, 1).data.tolist()
    [-1.0, 0.5, 1.0]
    """
    if low is None and high is None:
        raise ValueError("clip needs low or high (or both), got neither")
    x = a.data
    out = x
    keep = np.ones(x.shape, dtype=bool)
    if low is not None:
        out, keep = np.maximum(out, low), keep & (x >= low)
    if high is not None:
        out, keep = np.minimum(out, high), keep & (x <= high)
    return result(out.astype(x.dtype, copy=False), (a,), lambda g: (g * keep,))


def matmul(a: Any, b: Any) -> Tensor:
    """The matrix product ``a @ b`` with numpy's rules: 1-D, 2-D and batched (the batch
    axes broadcast).  The gradients are :func:`~.rules.matmul_backward`'s.

    >>> (Tensor([[1.0, 2.0]]) @ Tensor([[3.0], [4.0]])).data.tolist()
    [[11.0]]
    """
    ta, tb = as_tensor(a, "a"), as_tensor(b, "b")
    x, y = ta.data, tb.data
    if x.ndim == 0 or y.ndim == 0:
        raise ValueError(f"matmul needs at least 1-D operands, got shapes {x.shape} and {y.shape}")

    def rule(g: Array) -> tuple[Array | None, Array | None]:
        return matmul_backward(g, x, y, need=(ta.requires_grad, tb.requires_grad))

    return result(np.matmul(x, y), (ta, tb), rule)


# ---------------------------------------------------------------------------- helpers


def _binary(a: Any, b: Any, forward: Callable[[Any, Any], Any], dx: Partial, dy: Partial) -> Tensor:
    x, ta = _operand(a, "a")
    y, tb = _operand(b, "b")
    z = forward(x, y)
    if type(z) is not np.ndarray:  # numpy returns scalars for 0-d operands
        z = np.asarray(z)
    if ta is not None and tb is not None:
        parents: tuple[Tensor, ...] = (ta, tb)
    elif ta is not None or tb is not None:
        parents = (ta,) if ta is not None else (tb,)  # type: ignore[assignment]
    else:
        raise TypeError(f"an op needs a Tensor operand, got {describe(a)} and {describe(b)}")

    def rule(g: Array) -> list[Array | None]:
        grads: list[Array | None] = []
        if ta is not None:
            grads.append(_reduced(dx(g, x, y, z), ta.shape) if ta.requires_grad else None)
        if tb is not None:
            grads.append(_reduced(dy(g, x, y, z), tb.shape) if tb.requires_grad else None)
        return grads

    return result(z, parents, rule)


def _reduced(grad: Any, shape: tuple[int, ...]) -> Array:
    """A partial derivative at the broadcast shape, summed back to an input's shape."""
    if type(grad) is not np.ndarray:  # numpy gives scalars for 0-d results
        grad = np.asarray(grad)
    return unbroadcast(grad, shape)


def _operand(value: Any, name: str) -> tuple[Any, Tensor | None]:
    """``(value to compute with, the Tensor or None)``.  A Python or numpy real scalar
    stays a Python scalar (weak in numpy's promotion: float32 stays float32); an array
    is a constant."""
    if isinstance(value, Tensor):
        return value.data, value
    if isinstance(value, int | float):
        return value, None
    if isinstance(value, np.floating | np.integer):
        return value.item(), None
    return _as_float_array(value, None, name), None

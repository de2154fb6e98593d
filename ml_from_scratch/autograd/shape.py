"""Ops that move values without changing them: their gradients move back the same way.

    reshape: g reshaped back            transpose(axes): g transposed by the inverse axes
    broadcast_to: g summed back         concatenate, stack: g split along the axis
    x[index]: g added into zeros at index (np.add.at, so repeated indices accumulate)

Complexity: O(1) for a reshape, transpose or basic slice (views); O(size) otherwise.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

import numpy as np

from ml_from_scratch._checks import as_axis, describe
from ml_from_scratch.autograd.graph import Array, unbroadcast
from ml_from_scratch.autograd.tensor import Tensor, as_tensor, result


def reshape(x: Tensor, shape: int | Sequence[int]) -> Tensor:
    """The same values in a new shape (one axis may be ``-1``).

    >>> reshape(Tensor([1.0, 2.0, 3.0, 4.0]), (2, -1)).shape
    (2, 2)
    """
    data = x.data
    try:
        out = data.reshape(shape)
    except (TypeError, ValueError) as err:
        raise ValueError(f"shape {shape!r} does not fit {data.size} elements: {err}") from None
    return result(out, (x,), lambda g: (g.reshape(data.shape),))


def transpose(x: Tensor, axes: Sequence[int] | None = None) -> Tensor:
    """The axes permuted (reversed when ``axes`` is None), as ``np.transpose``.

    >>> transpose(Tensor(np.zeros((2, 3, 4))), (2, 0, 1)).shape
    (4, 2, 3)
    """
    if axes is None:
        order = tuple(range(x.ndim))[::-1]
    else:
        order = tuple(as_axis(a, x.ndim, "axes") for a in axes)
        if sorted(order) != list(range(x.ndim)):
            raise ValueError(f"axes must be a permutation of the {x.ndim} axes, got {axes!r}")
    inverse = tuple(int(i) for i in np.argsort(order))
    return result(x.data.transpose(order), (x,), lambda g: (g.transpose(inverse),))


def broadcast_to(x: Tensor, shape: Sequence[int]) -> Tensor:
    """``x`` broadcast to ``shape`` (a read-only view); the gradient is summed back."""
    data = x.data
    try:
        out = np.broadcast_to(data, tuple(shape))
    except (TypeError, ValueError):
        raise ValueError(f"shape {data.shape} cannot be broadcast to {shape!r}") from None
    return result(out, (x,), lambda g: (unbroadcast(g, data.shape),))


def concatenate(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """The tensors joined along an existing ``axis``.

    >>> concatenate([Tensor([1.0]), Tensor([2.0, 3.0])]).data.tolist()
    [1.0, 2.0, 3.0]
    """
    parts = _tensors(tensors, "concatenate")
    axis = as_axis(axis, parts[0].ndim)
    try:
        out = np.concatenate([t.data for t in parts], axis=axis)
    except ValueError as err:
        raise ValueError(f"cannot concatenate shapes {[t.shape for t in parts]}: {err}") from None
    cuts = np.cumsum([t.shape[axis] for t in parts])[:-1]
    return result(out, parts, lambda g: tuple(np.split(g, cuts, axis=axis)))


def stack(tensors: Sequence[Any], axis: int = 0) -> Tensor:
    """The tensors (all of one shape) joined along a new ``axis``.

    >>> stack([Tensor([1.0, 2.0]), Tensor([3.0, 4.0])], axis=1).data.tolist()
    [[1.0, 3.0], [2.0, 4.0]]
    """
    parts = _tensors(tensors, "stack")
    axis = as_axis(axis, parts[0].ndim + 1)
    shapes = {t.shape for t in parts}
    if len(shapes) != 1:
        raise ValueError(f"stack needs tensors of one shape, got {[t.shape for t in parts]}")
    out = np.stack([t.data for t in parts], axis=axis)
    return result(out, parts, lambda g: tuple(np.take(g, i, axis=axis) for i in range(len(parts))))


def getitem(x: Tensor, index: Any) -> Tensor:
    """``x[index]``: basic slicing, integer and boolean array indexing, as numpy's.

    Repeated indices pick a value several times; their gradients add up.

    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> x[np.array([0, 0, 2])].sum().backward()
    >>> x.grad.tolist()
    [2.0, 0.0, 1.0]
    """
    index = _plain_index(index)
    data = x.data
    try:
        out = data[index]
    except (IndexError, TypeError) as err:
        raise IndexError(f"index {index!r} does not fit shape {data.shape}: {err}") from None
    basic = _is_basic(index)

    def rule(g: Array) -> tuple[Array]:
        grad = np.zeros(data.shape, dtype=g.dtype)
        if basic:  # each element picked at most once: a plain write
            grad[index] = g
        else:
            np.add.at(grad, index, g)
        return (grad,)

    return result(np.asarray(out), (x,), rule)


def flatten(x: Tensor, start_axis: int = 1, end_axis: int = -1) -> Tensor:
    """The axes ``start_axis..end_axis`` merged into one, as ``torch.flatten``."""
    if x.ndim == 0:
        return reshape(x, (1,))
    start, end = as_axis(start_axis, x.ndim, "start_axis"), as_axis(end_axis, x.ndim, "end_axis")
    if start > end:
        raise ValueError(f"start_axis ({start_axis}) must not come after end_axis ({end_axis})")
    shape = x.shape
    return reshape(x, (*shape[:start], int(np.prod(shape[start : end + 1])), *shape[end + 1 :]))


# ---------------------------------------------------------------------------- helpers


def _tensors(values: Sequence[Any], what: str) -> tuple[Tensor, ...]:
    if isinstance(values, Tensor) or not isinstance(values, Sequence) or not values:
        raise TypeError(f"{what} needs a non-empty sequence of tensors, got {describe(values)}")
    return tuple(as_tensor(v, f"tensors[{i}]") for i, v in enumerate(values))


def _plain_index(index: Any) -> Any:
    """Tensors in an index replaced by their (integer or boolean) arrays."""
    if isinstance(index, tuple):
        return tuple(_plain_index(i) for i in index)
    if isinstance(index, Tensor):
        raise TypeError("index with an integer or boolean ndarray, not a (float) Tensor")
    if isinstance(index, list):
        return np.asarray(index)
    return index


def _is_basic(index: Any) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return builtins.all(
        isinstance(p, int | slice | np.integer) or p is None or p is Ellipsis for p in parts
    )

"""Input checks shared by every topic of :mod:`ml_from_scratch`.

The generic checks (ints, bools, finite numbers, choices) are :mod:`algos._checks`'s,
so the whole workbook words its errors one way; the ones here are about arrays and
tensors.  Each names the argument, shows what was given and says what is allowed.

Examples
--------
>>> as_probability(0.1, "dropout_p")
0.1
>>> as_probability(1.5, "dropout_p")
Traceback (most recent call last):
...
ValueError: dropout_p must satisfy 0 <= dropout_p <= 1, got 1.5
>>> check_ndim(np.zeros((2, 3)), "x", (3, 4))
Traceback (most recent call last):
...
ValueError: x must have 3 or 4 dimensions, got shape (2, 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from algos._checks import as_bool, as_finite, as_int, check_range, describe, one_of

if TYPE_CHECKING:
    from torch import Generator, Tensor

__all__ = [
    "as_axes",
    "as_axis",
    "as_bool",
    "as_cell",
    "as_discount",
    "as_finite",
    "as_float_array",
    "as_int",
    "as_int_tuple",
    "as_policy",
    "as_positive_float",
    "as_positive_int",
    "as_probability",
    "as_step_size",
    "check_divisible",
    "check_ndim",
    "check_range",
    "check_same",
    "check_tensor",
    "describe",
    "discrete_sizes",
    "one_of",
]


def as_positive_int(value: object, name: str) -> int:
    """``value`` as an int ``>= 1`` (sizes, counts, dimensions)."""
    return as_int(value, name, low=1)


def as_probability(value: object, name: str) -> float:
    """``value`` as a float in ``[0, 1]``."""
    p = as_finite(value, name)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"{name} must satisfy 0 <= {name} <= 1, got {value!r}")
    return p


def check_ndim(array: Any, name: str, allowed: Sequence[int]) -> None:
    """Raise ``ValueError`` unless ``array.ndim`` is one of ``allowed``."""
    shape = tuple(getattr(array, "shape", ()))
    if len(shape) not in allowed:
        dims = " or ".join(map(str, allowed))
        raise ValueError(f"{name} must have {dims} dimensions, got shape {shape}")


def check_same(name: str, value: object, other_name: str, other: object) -> None:
    """Raise ``ValueError`` unless two sizes (or shapes) that must agree do.

    >>> check_same("query.shape[-1]", 64, "key.shape[-1]", 32)
    Traceback (most recent call last):
    ...
    ValueError: query.shape[-1] must equal key.shape[-1]: got 64 and 32
    """
    if value != other:
        raise ValueError(f"{name} must equal {other_name}: got {value} and {other}")


# ---------------------------------------------------------------- autograd: axes


def as_axis(axis: object, ndim: int, name: str = "axis") -> int:
    """``axis`` as a non-negative int below ``ndim`` (negative axes count from the end).

    >>> as_axis(-1, 3)
    2
    >>> as_axis(3, 3)
    Traceback (most recent call last):
    ...
    ValueError: axis must satisfy -3 <= axis <= 2 (for 3 dimensions), got 3
    """
    index = as_int(axis, name)
    if not -ndim <= index < ndim:
        raise ValueError(
            f"{name} must satisfy {-ndim} <= {name} <= {ndim - 1} (for {ndim} dimensions), "
            f"got {index}"
        )
    return index % ndim


def as_axes(axis: object, ndim: int, name: str = "axis") -> tuple[int, ...]:
    """``axis`` (None for all, an int, or a sequence of distinct ints) as sorted axes.

    >>> as_axes(None, 3), as_axes(-1, 3), as_axes((2, 0), 3)
    ((0, 1, 2), (2,), (0, 2))
    >>> as_axes((1, -1), 2)
    Traceback (most recent call last):
    ...
    ValueError: axis must not repeat an axis, got (1, -1)
    """
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, Sequence) and not isinstance(axis, str):
        axes = tuple(as_axis(a, ndim, name) for a in axis)
        if len(set(axes)) != len(axes):
            raise ValueError(f"{name} must not repeat an axis, got {axis!r}")
        return tuple(sorted(axes))
    return (as_axis(axis, ndim, name),)


# ----------------------------------------------------------------------------- rl
# Checks of the reinforcement-learning topic (ml_from_scratch.rl): cells of a grid,
# discount factors, policies as (S, A) arrays, step sizes, discrete environments.


def as_cell(value: object, name: str, shape: tuple[int, int]) -> tuple[int, int]:
    """``value`` as a ``(row, col)`` pair of ints inside a grid of ``shape``.

    >>> as_cell((3, 2), "target", (5, 5))
    (3, 2)
    >>> as_cell((5, 0), "target", (5, 5))
    Traceback (most recent call last):
    ...
    ValueError: target must be a cell (row, col) with 0 <= row < 5 and 0 <= col < 5, got (5, 0)
    """
    if isinstance(value, str) or not isinstance(value, Sequence | np.ndarray) or len(value) != 2:
        raise TypeError(f"{name} must be a cell (row, col), got {describe(value)}")
    row, col = as_int(value[0], f"{name}[0]"), as_int(value[1], f"{name}[1]")
    if not (0 <= row < shape[0] and 0 <= col < shape[1]):
        raise ValueError(
            f"{name} must be a cell (row, col) with 0 <= row < {shape[0]} and "
            f"0 <= col < {shape[1]}, got ({row}, {col})"
        )
    return row, col


def as_discount(value: object, name: str = "gamma") -> float:
    """A discount factor of a continuing task: a float in ``[0, 1)``.

    >>> as_discount(1.0)
    Traceback (most recent call last):
    ...
    ValueError: gamma must satisfy 0 <= gamma < 1 (a continuing task), got 1.0
    """
    gamma = as_finite(value, name)
    if not 0.0 <= gamma < 1.0:
        raise ValueError(f"{name} must satisfy 0 <= {name} < 1 (a continuing task), got {value!r}")
    return gamma


def as_step_size(value: object, name: str = "alpha") -> float:
    """A step size (learning rate): a float in ``(0, 1]``."""
    alpha = as_finite(value, name)
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"{name} must satisfy 0 < {name} <= 1, got {value!r}")
    return alpha


def as_positive_float(value: object, name: str) -> float:
    """``value`` as a finite float ``> 0`` (a tolerance, a scale)."""
    number = as_finite(value, name)
    if not number > 0.0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return number


def as_policy(value: object, name: str, n_states: int, n_actions: int) -> np.ndarray[Any, Any]:
    """A new float array of shape ``(n_states, n_actions)`` whose rows are distributions.

    >>> as_policy([[0.5, 0.5], [1, 0]], "policy", 2, 2)
    array([[0.5, 0.5],
           [1. , 0. ]])
    >>> as_policy([[0.5, 0.6], [1, 0]], "policy", 2, 2)
    Traceback (most recent call last):
    ...
    ValueError: policy must have rows that sum to 1; row 0 sums to 1.1
    """
    array = as_float_array(value, name)
    if array.shape != (n_states, n_actions):
        raise ValueError(
            f"{name} must have shape ({n_states}, {n_actions}) (states, actions), got {array.shape}"
        )
    if (array < 0).any():
        s, a = np.argwhere(array < 0)[0]
        raise ValueError(f"{name} must hold probabilities >= 0; {name}[{s}, {a}] = {array[s, a]}")
    sums = array.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-8)
    if bad.size:
        raise ValueError(
            f"{name} must have rows that sum to 1; row {bad[0]} sums to {sums[bad[0]]:g}"
        )
    return array


def as_float_array(value: object, name: str) -> np.ndarray[Any, Any]:
    """A new finite float64 array of ``value`` (never the argument itself)."""
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers, got {describe(value)}") from None
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or infinity)")
    return array


def discrete_sizes(env: object, name: str = "env") -> tuple[int, int]:
    """``(n_states, n_actions)`` of an environment with ``Discrete`` spaces.

    Looks at ``observation_space.n`` and ``action_space.n``, so any Gymnasium
    environment with discrete states and actions qualifies (``FrozenLake-v1`` too).
    """
    sizes = []
    for space in ("observation_space", "action_space"):
        n = getattr(getattr(env, space, None), "n", None)
        if n is None or not hasattr(env, "reset") or not hasattr(env, "step"):
            raise TypeError(
                f"{name} must be an environment with reset, step and Discrete "
                f"observation and action spaces, got {describe(env)}"
            )
        sizes.append(int(n))
    return sizes[0], sizes[1]


# ----------------------------------------------------------------------------- vision
# Checks of the receptive-field and upsampling topics (ml_from_scratch.receptive_field,
# ml_from_scratch.upsampling): per-dimension int arguments and torch tensors.  torch is
# imported inside the tensor checks, so that this module stays importable without it.


def as_int_tuple(value: object, name: str, ndim: int, *, low: int = 0) -> tuple[int, ...]:
    """``value`` as ``ndim`` ints ``>= low``: an int (the same in every dimension) or a
    sequence of ``ndim`` ints, as torch takes ``kernel_size``, ``stride`` and ``padding``.

    >>> as_int_tuple(3, "kernel_size", 2, low=1), as_int_tuple((1, 2), "stride", 2, low=1)
    ((3, 3), (1, 2))
    >>> as_int_tuple((1, 2, 3), "stride", 2, low=1)
    Traceback (most recent call last):
    ...
    ValueError: stride must be an int or a sequence of 2 ints, got (1, 2, 3) (tuple)
    >>> as_int_tuple((1, 0), "stride", 2, low=1)
    Traceback (most recent call last):
    ...
    ValueError: stride must hold ints >= 1, got (1, 0)
    """
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != ndim:
            raise ValueError(
                f"{name} must be an int or a sequence of {ndim} ints, got {describe(value)}"
            )
        try:
            values = tuple(as_int(item, name) for item in value)
        except TypeError:
            raise TypeError(
                f"{name} must be an int or a sequence of {ndim} ints, got {describe(value)}"
            ) from None
        if any(item < low for item in values):
            raise ValueError(f"{name} must hold ints >= {low}, got {tuple(value)}")
        return values
    try:
        number = as_int(value, name)
    except TypeError:
        raise TypeError(
            f"{name} must be an int or a sequence of {ndim} ints, got {describe(value)}"
        ) from None
    if number < low:
        raise ValueError(f"{name} must be an int >= {low}, got {number}")
    return (number,) * ndim


def check_tensor(
    value: object, name: str, ndims: Sequence[int] | None = None, *, floating: bool = False
) -> None:
    """Raise unless ``value`` is a torch tensor with one of ``ndims`` dimensions.

    ``TypeError`` for a value that is not a tensor, or (with ``floating``) a tensor of
    an integer or bool dtype; ``ValueError`` for a wrong number of dimensions.

    >>> import torch
    >>> check_tensor(torch.zeros(2, 3), "input", (3, 4))
    Traceback (most recent call last):
    ...
    ValueError: input must have 3 or 4 dimensions, got shape (2, 3)
    >>> check_tensor(torch.zeros(2, dtype=torch.int64), "input", floating=True)
    Traceback (most recent call last):
    ...
    TypeError: input must be a floating-point tensor, got dtype torch.int64
    """
    import torch

    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {describe(value)}")
    if ndims is not None:
        check_ndim(value, name, ndims)
    if floating and not value.is_floating_point():
        raise TypeError(f"{name} must be a floating-point tensor, got dtype {value.dtype}")


def check_divisible(value: int, name: str, divisor: int, divisor_name: str) -> None:
    """Raise ``ValueError`` unless ``divisor`` divides ``value``.

    >>> check_divisible(6, "input.shape[-3] (channels)", 4, "upscale_factor ** 2")
    Traceback (most recent call last):
    ...
    ValueError: input.shape[-3] (channels) must be divisible by upscale_factor ** 2 = 4, got 6
    """
    if value % divisor:
        raise ValueError(f"{name} must be divisible by {divisor_name} = {divisor}, got {value}")


# ----------------------------------------------------------------------------------------
# Attention and position encodings: torch tensors.  torch is imported inside the checks,
# so that the numpy topics importing this module do not pay for it.


def as_tensor(value: object, name: str, *, min_ndim: int = 0, floating: bool = False) -> Tensor:
    """``value`` when it is a torch tensor with at least ``min_ndim`` dimensions.

    >>> import torch
    >>> as_tensor([1.0], "query")
    Traceback (most recent call last):
    ...
    TypeError: query must be a torch.Tensor, got [1.0] (list)
    >>> as_tensor(torch.zeros(3, dtype=torch.long), "query", floating=True)
    Traceback (most recent call last):
    ...
    TypeError: query must have a floating dtype, got torch.int64
    >>> as_tensor(torch.zeros(3), "query", min_ndim=2)
    Traceback (most recent call last):
    ...
    ValueError: query must have at least 2 dimensions, got shape (3,)
    """
    import torch

    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {describe(value)}")
    if floating and not value.is_floating_point():
        raise TypeError(f"{name} must have a floating dtype, got {value.dtype}")
    if value.ndim < min_ndim:
        raise ValueError(
            f"{name} must have at least {min_ndim} dimensions, got shape {tuple(value.shape)}"
        )
    return value


def check_same_dtype_and_device(tensors: dict[str, Tensor]) -> None:
    """Raise ``TypeError`` unless all ``tensors`` share one dtype and one device.

    >>> import torch
    >>> check_same_dtype_and_device({"query": torch.zeros(1), "key": torch.zeros(1).double()})
    Traceback (most recent call last):
    ...
    TypeError: query and key must have the same dtype: got torch.float32 and torch.float64
    """
    (first, reference), *others = tensors.items()
    for name, tensor in others:
        if tensor.dtype != reference.dtype:
            raise TypeError(
                f"{first} and {name} must have the same dtype: "
                f"got {reference.dtype} and {tensor.dtype}"
            )
        if tensor.device != reference.device:
            raise TypeError(
                f"{first} and {name} must be on the same device: "
                f"got {reference.device} and {tensor.device}"
            )


def broadcast_batch(shapes: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """The broadcast of the given batch shapes; ``ValueError`` naming them when they clash.

    >>> broadcast_batch({"query": (2, 1), "key": (3,)})
    (2, 3)
    >>> broadcast_batch({"query": (2,), "key": (3,)})
    Traceback (most recent call last):
    ...
    ValueError: the batch dimensions of query and key must broadcast: got (2,) and (3,)
    """
    result: list[int] = []
    for sizes in itertools.zip_longest(*(reversed(s) for s in shapes.values()), fillvalue=1):
        wide = {size for size in sizes if size != 1}
        if len(wide) > 1:
            names = " and ".join(shapes)
            given = " and ".join(str(tuple(s)) for s in shapes.values())
            raise ValueError(f"the batch dimensions of {names} must broadcast: got {given}")
        result.append(wide.pop() if wide else 1)
    return tuple(reversed(result))


def check_query_key_value(query: object, key: object, value: object = None) -> tuple[int, int]:
    """Check attention inputs ``(..., L, E)``, ``(..., S, E)``, ``(..., S, Ev)``; return (L, S).

    Floating tensors of one dtype and device, at least 2-D, with matching ``E`` and ``S``
    and batch dimensions that broadcast.  Without ``value``, only the query and the key.

    >>> import torch
    >>> check_query_key_value(torch.zeros(2, 4, 8), torch.zeros(1, 6, 8), torch.zeros(6, 3))
    (4, 6)
    >>> check_query_key_value(torch.zeros(4, 8), torch.zeros(6, 7), torch.zeros(6, 3))
    Traceback (most recent call last):
    ...
    ValueError: query.shape[-1] must equal key.shape[-1]: got 8 and 7
    """
    given = (("query", query), ("key", key)) + ((("value", value),) if value is not None else ())
    tensors = {name: as_tensor(x, name, min_ndim=2, floating=True) for name, x in given}
    check_same_dtype_and_device(tensors)
    q, k = tensors["query"], tensors["key"]
    check_same("query.shape[-1]", q.shape[-1], "key.shape[-1]", k.shape[-1])
    if "value" in tensors:
        check_same("key.shape[-2]", k.shape[-2], "value.shape[-2]", tensors["value"].shape[-2])
    broadcast_batch({name: tuple(t.shape[:-2]) for name, t in tensors.items()})
    return q.shape[-2], k.shape[-2]


def as_generator(value: object, name: str = "generator") -> Generator | None:
    """``value`` when it is ``None`` or a ``torch.Generator``.

    >>> as_generator(0)
    Traceback (most recent call last):
    ...
    TypeError: generator must be a torch.Generator or None, got 0 (int)
    """
    import torch

    if value is not None and not isinstance(value, torch.Generator):
        raise TypeError(f"{name} must be a torch.Generator or None, got {describe(value)}")
    return value


def as_int_tensor(value: object, name: str) -> Tensor:
    """``value`` when it is a torch tensor of an integer dtype (positions, offsets).

    >>> import torch
    >>> as_int_tensor(torch.tensor([0.5]), "positions")
    Traceback (most recent call last):
    ...
    TypeError: positions must have an integer dtype, got torch.float32
    """
    import torch

    tensor = as_tensor(value, name)
    if tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool:
        raise TypeError(f"{name} must have an integer dtype, got {tensor.dtype}")
    return tensor


__all__ += [
    "as_generator",
    "as_int_tensor",
    "as_tensor",
    "broadcast_batch",
    "check_query_key_value",
    "check_same_dtype_and_device",
]


# ---------------------------------------------------------------------------- ensemble
# Arrays of labels, targets and sample weights, as the ensemble exercises take them.


def as_labels(values: object, name: str) -> np.ndarray[Any, Any]:
    """``values`` as a non-empty 1-D numpy array of labels (ints, strings, floats).

    >>> as_labels([[0, 1]], "y")
    Traceback (most recent call last):
    ...
    ValueError: y must be 1-D, got shape (1, 2)
    """
    if isinstance(values, str | bytes) or values is None or np.isscalar(values):
        raise TypeError(f"{name} must be a 1-D array-like of labels, got {describe(values)}")
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if array.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one value, got an empty array")
    if array.dtype.kind not in "biufUSO":
        raise TypeError(f"{name} must hold numbers or strings, got dtype {array.dtype}")
    return array


def as_float_vector(values: object, name: str, size: int | None = None) -> np.ndarray[Any, Any]:
    """``values`` as a 1-D float64 array of finite numbers (a new array), of length ``size``.

    >>> as_float_vector([1, float("inf")], "y")
    Traceback (most recent call last):
    ...
    ValueError: y must hold finite numbers, got inf at index 1
    """
    array = as_labels(values, name)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {array.dtype}")
    result = np.array(array, dtype=np.float64)
    if size is not None and result.shape[0] != size:
        raise ValueError(f"{name} must have length {size}, got {result.shape[0]}")
    bad = np.flatnonzero(~np.isfinite(result))
    if bad.size:
        raise ValueError(f"{name} must hold finite numbers, got {result[bad[0]]} at index {bad[0]}")
    return result


def as_sample_weight(
    values: object, size: int, name: str = "sample_weight"
) -> np.ndarray[Any, Any]:
    """Non-negative finite weights of length ``size`` with a positive sum (None: ones).

    >>> as_sample_weight(None, 2)
    array([1., 1.])
    >>> as_sample_weight([1, -1], 2)
    Traceback (most recent call last):
    ...
    ValueError: sample_weight must be non-negative, got -1.0 at index 1
    """
    if values is None:
        return np.ones(size)
    weights = as_float_vector(values, name, size)
    negative = np.flatnonzero(weights < 0)
    if negative.size:
        raise ValueError(
            f"{name} must be non-negative, got {weights[negative[0]]} at index {negative[0]}"
        )
    if not weights.sum() > 0:
        raise ValueError(f"{name} must have a positive sum, got all zeros")
    return weights


def as_rng(value: object, name: str = "random_state") -> np.random.Generator:
    """A numpy Generator from None (fresh entropy), an int seed or a Generator (itself).

    >>> int(as_rng(0).integers(10)) == int(as_rng(0).integers(10))
    True
    >>> as_rng(1.5)
    Traceback (most recent call last):
    ...
    TypeError: random_state must be None, an int or a numpy Generator, got 1.5 (float)
    """
    if isinstance(value, np.random.Generator):
        return value
    if value is not None:
        if isinstance(value, bool | np.bool_) or not hasattr(value, "__index__"):
            raise TypeError(
                f"{name} must be None, an int or a numpy Generator, got {describe(value)}"
            )
        value = as_int(value, name, low=0)
    return np.random.default_rng(value)

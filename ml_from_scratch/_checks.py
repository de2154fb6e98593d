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

from collections.abc import Sequence
from typing import Any

import numpy as np  # noqa: F401  (the doctests use it)

from algos._checks import as_bool, as_finite, as_int, check_range, describe, one_of

__all__ = [
    "as_bool",
    "as_finite",
    "as_int",
    "as_int_tuple",
    "as_positive_int",
    "as_probability",
    "check_divisible",
    "check_ndim",
    "check_range",
    "check_same",
    "check_tensor",
    "describe",
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

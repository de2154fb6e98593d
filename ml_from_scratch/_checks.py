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
    "as_axes",
    "as_axis",
    "as_bool",
    "as_finite",
    "as_int",
    "as_positive_int",
    "as_probability",
    "check_ndim",
    "check_range",
    "check_same",
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

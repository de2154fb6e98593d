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

import numpy as np

from algos._checks import as_bool, as_finite, as_int, check_range, describe, one_of

__all__ = [
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

    >>> as_rng(0).integers(10) == as_rng(0).integers(10)
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

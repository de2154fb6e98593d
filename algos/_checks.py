"""Input checks shared by every topic of :mod:`algos`: one wording, one place.

Each check validates one argument where it enters a public function and returns it in
the one form the algorithm then uses (a Python ``int``, a ``list``, a ``float``).  A
failure raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, wrong
value) whose message names the argument, shows what was given and says what is
allowed::

    k must be an int, got 2.5 (float)
    k must satisfy 1 <= k <= 3 (the length of nums), got 5

Examples
--------
>>> as_int(np.int64(7), "k"), as_int(3, "k", low=1)
(7, 3)
>>> as_int(True, "k")
Traceback (most recent call last):
...
TypeError: k must be an int, got True (bool)
>>> as_list(iter([3, 1]), "nums")
[3, 1]
>>> as_list(5, "nums")
Traceback (most recent call last):
...
TypeError: nums must be an iterable, got 5 (int)
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

T = TypeVar("T")


def describe(value: object) -> str:
    """``value`` as the messages show it: its repr, shortened, and its type.

    >>> describe([1] * 50)
    '[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ...] (list of 50)'
    """
    kind = type(value).__name__
    if isinstance(value, list | tuple) and len(value) > 10:
        shown = repr(list(value[:10]))[:-1] + ", ...]"
        return f"{shown} ({kind} of {len(value)})"
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{text} ({kind})"


def as_int(value: object, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """``value`` as a Python int, checked to lie in ``[low, high]`` where given.

    numpy integers and other ``__index__`` types are accepted; ``bool`` and ``float``
    are not (``True`` as a count, or ``2.0`` as an index, is almost always a bug).

    Raises
    ------
    TypeError
        If ``value`` is not an integer.
    ValueError
        If it lies outside ``[low, high]``.
    """
    if type(value) is not int:
        if isinstance(value, bool | np.bool_) or not hasattr(value, "__index__"):
            raise TypeError(f"{name} must be an int, got {describe(value)}")
        value = operator.index(value)
    assert isinstance(value, int)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must satisfy {_range(name, low, high)}, got {value}")
    return value


def check_range(value: int, name: str, low: int, high: int, high_name: str) -> None:
    """Raise ``ValueError`` unless ``low <= value <= high``; ``high_name`` says what bounds it.

    >>> check_range(5, "k", 1, 3, "the length of nums")
    Traceback (most recent call last):
    ...
    ValueError: k must satisfy 1 <= k <= 3 (the length of nums), got 5
    """
    if not low <= value <= high:
        raise ValueError(
            f"{name} must satisfy {low} <= {name} <= {high} ({high_name}), got {value}"
        )


def as_list(values: Iterable[T], name: str) -> list[T]:
    """A new list of the items of any iterable (never the argument itself: no aliasing).

    Raises
    ------
    TypeError
        If ``values`` is not iterable, or is a string (a string of numbers is a bug).
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable, got {describe(values)}")
    return list(values)


def as_sequence(values: Iterable[T], name: str) -> Sequence[T]:
    """``values`` itself when it is a list, tuple or range (not copied), else a new list."""
    if isinstance(values, list | tuple | range):
        return values
    return as_list(values, name)


def as_bool(value: object, name: str) -> bool:
    """``value`` when it is a bool (numpy's too); refuses ``'no'``, ``0`` and the like."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def as_finite(value: object, name: str, *, low: float | None = None) -> float:
    """``value`` as a finite float, at least ``low`` where given.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (bools are refused).
    ValueError
        If it is NaN, infinite, or below ``low``.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    number = float(value)
    if not math.isfinite(number) or (low is not None and number < low):
        allowed = "a finite number" if low is None else f"a finite number >= {low:g}"
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return number


def as_tolerance(value: object, name: str = "eps", *, high: float = 1e-2) -> float:
    """A relative tolerance: a finite float in ``[0, high]``.

    A tolerance is a fraction of the size of what it compares: one of ``0.5`` would
    make a triangle flat, hence the upper bound.

    >>> as_tolerance(10)
    Traceback (most recent call last):
    ...
    ValueError: eps must satisfy 0 <= eps <= 0.01 (a relative tolerance), got 10
    """
    number = as_finite(value, name) if not isinstance(value, float) else value
    if not (0.0 <= number <= high):  # False for NaN too
        raise ValueError(
            f"{name} must satisfy 0 <= {name} <= {high:g} (a relative tolerance), got {value!r}"
        )
    return float(number)


def one_of(value: T, name: str, choices: Sequence[T]) -> T:
    """``value`` when it is one of ``choices``.

    >>> one_of("max", "mode", ["max", "min"])
    'max'
    """
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def first_bad(values: Iterable[Any], ok: Any) -> tuple[int, Any]:
    """The index and value of the first item for which ``ok(item)`` is false."""
    return next((i, x) for i, x in enumerate(values) if not ok(x))


def _range(name: str, low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} <= {name} <= {high}"
    if low is not None:
        return f"{name} >= {low}"
    return f"{name} <= {high}"


# ------------------------------------------------ maximum gap and combination sum: lists
# of integers or real numbers, one-dimensional numeric arrays


def as_int_list(values: Iterable[Any], name: str, *, low: int | None = None) -> list[int]:
    """A new list of the items of ``values`` as Python ints, each at least ``low`` if given.

    numpy integers are converted; bools, floats and other types are refused, as by
    :func:`as_int`, the message naming the item by its index.

    >>> as_int_list(np.array([3, 1]), "candidates", low=1)
    [3, 1]
    >>> as_int_list([2, 0], "candidates", low=1)
    Traceback (most recent call last):
    ...
    ValueError: candidates[1] must satisfy candidates[1] >= 1, got 0
    """
    items = as_list(values, name)
    if not set(map(type, items)) <= {int}:  # the common case is a single C-level pass
        items = [as_int(x, f"{name}[{i}]") for i, x in enumerate(items)]
    if low is not None and items and min(items) < low:
        index, bad = first_bad(items, lambda x: x >= low)
        as_int(bad, f"{name}[{index}]", low=low)  # raises, with the usual wording
    return items


def as_real_list(values: Iterable[Any], name: str) -> list[int] | list[float]:
    """A new list of the finite real numbers in ``values``, in one numeric type.

    All integers (numpy's converted): a list of Python ints, exact whatever their size.
    Otherwise a list of floats: each int is converted with ``float()``, as it would be
    in arithmetic with a float.

    Raises
    ------
    TypeError
        If ``values`` is not iterable, or an item is a bool or neither an integer nor a
        float (a ``Fraction`` or a ``Decimal`` would be rounded, so it is refused too).
    ValueError
        If a float is NaN or infinite, or an int is too large to become a float.

    >>> as_real_list([3, np.int64(1)], "nums"), as_real_list([1, 2.5], "nums")
    ([3, 1], [1.0, 2.5])
    >>> as_real_list([1.0, float("nan")], "nums")
    Traceback (most recent call last):
    ...
    ValueError: nums[1] must be finite, got nan
    """
    items = as_list(values, name)
    types = set(map(type, items))
    if types <= {int}:
        return items
    if not types <= {float}:
        kinds = [_real_kind(x, f"{name}[{i}]") for i, x in enumerate(items)]
        if float not in kinds:
            return [operator.index(x) for x in items]
        items = [_as_float(x, f"{name}[{i}]") for i, x in enumerate(items)]
    if not all(map(math.isfinite, items)):
        index, bad = first_bad(items, math.isfinite)
        raise ValueError(f"{name}[{index}] must be finite, got {bad!r}")
    return items


def as_real_array(values: Any, name: str) -> NDArray[Any]:
    """``values`` as a one-dimensional numpy array of an integer or float dtype.

    Not copied when it already is one.  Float dtypes are at most 64 bits wide (long
    double has no exact 64-bit key); bool dtypes, and lists holding bools, are refused
    rather than counted as 0 and 1.  Finiteness is left to :func:`check_finite_array`,
    which can reuse a minimum and maximum the caller computes anyway.

    Raises
    ------
    TypeError
        For another dtype (bool, complex, object, strings), or a list of Python ints
        that fit no 64-bit integer dtype.
    ValueError
        If ``values`` is not one-dimensional (ragged nested lists included).

    >>> as_real_array([3, 1], "a").dtype == np.int64
    True
    >>> as_real_array(np.zeros((2, 2)), "a")
    Traceback (most recent call last):
    ...
    ValueError: a must be one-dimensional, got shape (2, 2)
    """
    types = set(map(type, values)) if isinstance(values, list | tuple) else set()
    if bool in types or np.bool_ in types:
        index, bad = first_bad(values, lambda x: not isinstance(x, bool | np.bool_))
        raise TypeError(f"{name}[{index}] must be an int or a float, got {describe(bad)}")
    try:
        arr = np.asarray(values)
    except ValueError:
        raise ValueError(f"{name} must be one-dimensional, got {describe(values)}") from None
    if types and all(issubclass(t, int) for t in types) and arr.dtype.kind not in "iu":
        raise TypeError(  # numpy would hold them as rounded floats or as objects
            f"{name} must hold ints that numpy can keep in a 64-bit integer dtype, got "
            f"{describe(values)}, which numpy made {arr.dtype}"
        )
    kind, size = arr.dtype.kind, arr.dtype.itemsize
    if kind not in "iuf" or (kind == "f" and size > 8):
        raise TypeError(
            f"{name} must be an array of integers or floats (float64 at most), got "
            f"{describe(values)} of dtype {arr.dtype}"
        )
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return arr


def check_finite_array(arr: NDArray[Any], name: str, low: float, high: float) -> None:
    """Raise ``ValueError`` naming the first NaN or infinity of ``arr``.

    ``low`` and ``high`` are ``arr.min()`` and ``arr.max()``, which the caller needs
    anyway: NaN propagates through both, so when both are finite the array is, and the
    check costs no pass over it.

    >>> a = np.array([1.0, np.inf])
    >>> check_finite_array(a, "a", a.min(), a.max())
    Traceback (most recent call last):
    ...
    ValueError: a[1] must be finite, got inf
    """
    if math.isfinite(low) and math.isfinite(high):
        return
    index = int(np.flatnonzero(~np.isfinite(arr))[0])
    raise ValueError(f"{name}[{index}] must be finite, got {float(arr[index])!r}")


def _real_kind(value: object, name: str) -> type[int] | type[float]:
    if isinstance(value, float | np.floating) and not isinstance(value, np.longdouble):
        return float
    if isinstance(value, bool | np.bool_) or not hasattr(value, "__index__"):
        raise TypeError(f"{name} must be an int or a float, got {describe(value)}")
    return int


def _as_float(value: Any, name: str) -> float:
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} is an int too large for a float ({value.bit_length()} bits), and "
            "the other items are floats, so it would become one"
        ) from None

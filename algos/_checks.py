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

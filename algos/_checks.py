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
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
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


# --- points and coordinates (algos.geometry) ------------------------------------------
#
# A point enters a geometry function as a pair ``(x, y)``: a tuple or list of two real
# numbers, an array of shape ``(2,)``, or an object with ``x`` and ``y`` (a geometry
# ``Point``).  A collection of points is an iterable of those or an ``(n, 2)`` array.  The
# coordinates come back as Python numbers: numpy integers become exact ints, bools are
# refused (``True`` as a coordinate is a bug), NaN and infinities are refused.

Real = int | float | Fraction
"""A coordinate or a length: exact (int, Fraction) or a float."""

P = TypeVar("P")


def as_real(value: object, name: str, *, low: Real | None = None) -> Real:
    """``value`` as a Python int, Fraction or finite float, at least ``low`` where given.

    Unlike :func:`as_finite`, exact numbers stay exact (a radius of ``Fraction(5, 2)``).

    >>> as_real(np.int64(3), "r"), as_real(Fraction(1, 2), "r", low=0)
    (3, Fraction(1, 2))
    >>> as_real(-1, "radius", low=0)
    Traceback (most recent call last):
    ...
    ValueError: radius must be finite and >= 0, got -1
    """
    number = _real(value)
    if number is None:
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    if not _finite(number) or (low is not None and number < low):
        allowed = "finite" if low is None else f"finite and >= {low}"
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return number


def as_coordinates(value: object, name: str) -> tuple[Real, Real]:
    """One point as its coordinates ``(x, y)``, Python numbers, finite.

    >>> as_coordinates(np.array([1, 2]), "p")
    (1, 2)
    >>> as_coordinates((1, float("nan")), "q")
    Traceback (most recent call last):
    ...
    ValueError: q must have finite coordinates, got (1, nan)
    >>> as_coordinates((1, 2, 3), "q")
    Traceback (most recent call last):
    ...
    ValueError: q must be a pair (x, y), got 3 values: (1, 2, 3)
    """
    if _plain_pair(value):
        return value  # type: ignore[return-value]
    if isinstance(value, np.ndarray):
        if value.shape != (2,):
            raise ValueError(f"{name} must have shape (2,), got an array of shape {value.shape}")
        pair = value.tolist()
    elif isinstance(value, tuple | list):
        if len(value) != 2:
            raise ValueError(f"{name} must be a pair (x, y), got {len(value)} values: {value!r}")
        pair = value
    elif hasattr(value, "x") and hasattr(value, "y") and not isinstance(value, type):
        pair = (value.x, value.y)
    else:
        raise TypeError(
            f"{name} must be a Point, a pair (x, y) or an array of shape (2,), got {value!r}"
        )
    x, y = _real(pair[0]), _real(pair[1])
    if x is None or y is None:
        raise TypeError(f"{name} must have real-number coordinates, got {value!r}")
    if not (_finite(x) and _finite(y)):
        raise ValueError(f"{name} must have finite coordinates, got {value!r}")
    return x, y


def as_point_list(values: object, name: str, point: Callable[[Real, Real], P]) -> list[P]:
    """A new list of ``point(x, y)``, one per point of ``values``, each checked.

    ``values`` is an iterable of points (see :func:`as_coordinates`) or an ``(n, 2)``
    array; a numeric array is checked in one vectorised pass.  The message of a bad point
    names it as ``name[i]``.

    >>> as_point_list(np.array([[0, 1], [2, 3]]), "points", lambda x, y: (x, y))
    [(0, 1), (2, 3)]
    >>> as_point_list([(0, 0), (1, float("inf"))], "poly", complex)
    Traceback (most recent call last):
    ...
    ValueError: poly[1] must have finite coordinates, got (1, inf)
    """
    if isinstance(values, np.ndarray):
        if values.ndim != 2 or values.shape[1] != 2:
            raise ValueError(f"{name} must have shape (n, 2), got an array of shape {values.shape}")
        if values.dtype.kind in "iuf":
            _check_finite_rows(values, name)
            return [point(x, y) for x, y in values.tolist()]
        rows: Iterable[object] = values.tolist()
    elif isinstance(values, Iterable) and not isinstance(values, str | bytes):
        rows = values
    else:
        raise TypeError(
            f"{name} must be a sequence of points or an (n, 2) array, got {describe(values)}"
        )
    found = []
    for i, p in enumerate(rows):
        coordinates = p if _plain_pair(p) else as_coordinates(p, f"{name}[{i}]")
        found.append(point(*coordinates))  # type: ignore[misc]
    return found


def as_point_array(values: object, name: str, *, keep_ints: bool = False) -> np.ndarray[Any, Any]:
    """An ``(n, 2)`` float64 array of finite coordinates: the input of a vectorised variant.

    With ``keep_ints``, an integer array is returned as it is (exact).

    >>> as_point_array([[1, 2], [3, 4]], "xy").dtype, as_point_array([[1, 2]], "xy", keep_ints=True)
    (dtype('float64'), array([[1, 2]]))
    >>> as_point_array(np.array([[True, False]]), "xy")
    Traceback (most recent call last):
    ...
    TypeError: xy must be a numeric array, got dtype bool
    """
    array = np.asarray(values)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a numeric array, got dtype {array.dtype}")
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2), got an array of shape {array.shape}")
    _check_finite_rows(array, name)
    if keep_ints and array.dtype.kind in "iu":
        return array
    return array.astype(np.float64, copy=False)


def _plain_pair(value: object) -> bool:
    """The common case, checked without conversion: a tuple of two ints or two finite floats."""
    if type(value) is not tuple or len(value) != 2:
        return False
    x, y = value
    kinds = type(x), type(y)
    return kinds == (int, int) or (
        kinds == (float, float) and math.isfinite(x) and math.isfinite(y)
    )


def _real(value: object) -> Real | None:
    """``value`` as a Python int, float or Fraction; None if it is no real number."""
    if isinstance(value, np.generic) and not isinstance(value, np.bool_):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        return None
    return value


def _finite(value: Real) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


def _check_finite_rows(array: np.ndarray[Any, Any], name: str) -> None:
    if array.dtype.kind == "f" and not np.isfinite(array).all():  # one pass in the good case
        i = int(np.argmin(np.isfinite(array).all(axis=1)))
        raise ValueError(f"{name}[{i}] must have finite coordinates, got {array[i].tolist()}")

"""When a user's output counts as the expected one.

An exercise declares an :class:`Equivalence`; the tests compare through it, so that a
correct solution is judged by what its statement asks and not by the reference's
choice of types or order:

* by value: ``0 == 0.0``, a tuple equals a ``Point`` or a list with the same items, a
  numpy array or scalar equals the Python values it holds, NaN equals NaN;
* ``unordered``: the outer sequence in any order (as a multiset);
* ``unordered_nested``: the outer sequence and each inner one in any order;
* ``cyclic``: a cycle, such as a polygon's vertices, equal up to where it starts;
* a tolerance, for float answers a user computes in another order: ``rel`` and ``abs``
  as in :func:`math.isclose`.

Examples
--------
>>> BY_VALUE(0, 0.0), BY_VALUE((3, 4), [3.0, 4]), BY_VALUE(float("nan"), float("nan"))
(True, True, True)
>>> UNORDERED_NESTED([[2, 1], [3]], [[3], [1, 2]]), UNORDERED([[2, 1], [3]], [[3], [1, 2]])
(True, False)
>>> CYCLIC([(1, 0), (0, 1), (0, 0)], [(0, 0), (1, 0), (0, 1)])
True
>>> Equivalence(rel=1e-9)(0.1 + 0.2, 0.3), BY_VALUE(0.1 + 0.2, 0.3)
(True, False)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from numbers import Number
from typing import Any, Literal

Order = Literal["exact", "unordered", "unordered_nested", "cyclic"]


@dataclass(frozen=True)
class Equivalence:
    """A comparison of an actual output with an expected one.

    Attributes
    ----------
    order : "exact", "unordered", "unordered_nested" or "cyclic"
        Which reorderings of the output are allowed (see the module docstring).
    rel, abs : float
        Tolerances for floats, as in :func:`math.isclose`; 0 compares exactly.
    """

    order: Order = "exact"
    rel: float = 0.0
    abs: float = 0.0

    def __call__(self, actual: Any, expected: Any) -> bool:
        """Whether ``actual`` counts as ``expected``."""
        got, want = plain(actual), plain(expected)
        if self.order == "exact":
            return self._same(got, want)
        if not (isinstance(got, list) and isinstance(want, list)) or len(got) != len(want):
            return False
        if self.order == "cyclic":
            return not want or any(self._same(got[i:] + got[:i], want) for i in range(len(got)))
        if self.order == "unordered_nested":
            if not all(isinstance(item, list) for item in (*got, *want)):
                return False
            got, want = [_sorted(item) for item in got], [_sorted(item) for item in want]
        return self._same_multiset(got, want)

    def describe(self) -> str:
        """A short phrase for the statement, e.g. ``"in any order"``."""
        words = {
            "exact": "compared by value",
            "unordered": "in any order",
            "unordered_nested": "in any order, each inner list in any order too",
            "cyclic": "as a cycle: any starting element",
        }[self.order]
        if self.rel or self.abs:
            words += f", floats within rel={self.rel:g}, abs={self.abs:g}"
        return words

    def within(self, rel: float = 0.0, abs: float = 0.0) -> Equivalence:
        """This equivalence with float tolerances."""
        return replace(self, rel=rel, abs=abs)

    def _same(self, got: Any, want: Any) -> bool:
        if isinstance(want, list):
            return (
                isinstance(got, list)
                and len(got) == len(want)
                and all(self._same(g, w) for g, w in zip(got, want, strict=True))
            )
        if isinstance(want, dict):
            return (
                isinstance(got, dict)
                and got.keys() == want.keys()
                and all(self._same(got[key], want[key]) for key in want)
            )
        if _is_number(got) and _is_number(want):
            return _close(got, want, self.rel, self.abs)
        return bool(got == want)

    def _same_multiset(self, got: list[Any], want: list[Any]) -> bool:
        if not (self.rel or self.abs):
            try:
                return sorted(map(_key, got)) == sorted(map(_key, want))
            except TypeError:  # unorderable items: match them one by one below
                pass
        unmatched = list(want)
        for item in got:
            match = next((i for i, w in enumerate(unmatched) if self._same(item, w)), None)
            if match is None:
                return False
            unmatched.pop(match)
        return True


BY_VALUE = Equivalence()
UNORDERED = Equivalence("unordered")
UNORDERED_NESTED = Equivalence("unordered_nested")
CYCLIC = Equivalence("cyclic")


def plain(value: Any) -> Any:
    """``value`` as plain Python data: lists for sequences, points and arrays, Python
    numbers for numpy scalars, dicts for mappings.

    >>> import numpy as np
    >>> plain((np.int64(3), np.array([1.5, 2.0])))
    [3, [1.5, 2.0]]
    """
    if isinstance(value, str | bytes):
        return value
    tolist = getattr(value, "tolist", None)  # numpy arrays and scalars, torch tensors
    if callable(tolist) and not isinstance(value, list | tuple):
        value = tolist()
        if not isinstance(value, list | tuple):
            return value
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, set | frozenset):
        return [plain(item) for item in value]
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, Number) and not isinstance(value, complex)


def _close(got: Any, want: Any, rel: float, abs_: float) -> bool:
    if got == want:
        return True
    g, w = float(got), float(want)
    if math.isnan(g) or math.isnan(w):
        return math.isnan(g) and math.isnan(w)
    return bool((rel or abs_) and math.isclose(g, w, rel_tol=rel, abs_tol=abs_))


def _key(value: Any) -> Any:
    """A sort key under which equal-by-value items are equal: ``1`` and ``1.0`` alike."""
    if isinstance(value, list):
        return (1, tuple(_key(item) for item in value))
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int | Fraction):
        return (0, value)
    if isinstance(value, float):
        return (0, value) if not math.isnan(value) else (2, "nan")
    return (3, repr(value))


def _sorted(items: list[Any]) -> list[Any]:
    try:
        return sorted(items, key=_key)
    except TypeError:
        return items

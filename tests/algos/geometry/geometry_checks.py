"""What the geometry tests share: an equivalence for answers with ties, error matching,
exact translations and scalings of float inputs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import strategies as st

from workbook.compare import Equivalence, plain

COORDINATE = st.integers(-(10**4), 10**4)  # the catalogue's constraint for every exercise
INT_POINT = st.tuples(COORDINATE, COORDINATE)
BAD_TOLERANCES = [-1.0, float("nan"), 10, float("inf"), "1e-9", True]


@dataclass(frozen=True)
class Holds(Equivalence):
    """An answer is right when ``test(actual, expected)`` holds: for problems with ties
    ("any farthest pair will do"), where no single expected value is the answer.

    ``check(f, x, expected=e, compare=Holds(test=test, words="..."))`` reports the
    input, the expected (one right answer) and the actual value on failure, as any other
    equivalence does.
    """

    test: Callable[[Any, Any], bool] = field(default=lambda actual, expected: False)
    words: str = ""

    def __call__(self, actual: Any, expected: Any) -> bool:
        try:
            return bool(self.test(plain(actual), plain(expected)))
        except (TypeError, ValueError, IndexError):  # an answer of the wrong shape
            return False

    def describe(self) -> str:
        return self.words


def naming(argument: str) -> str:
    """A regex for a message that names ``argument`` (the wording is tested on the checks)."""
    return rf"(?<![\w\[]){re.escape(argument)}(?![\w])"


def exactly_translated(points: np.ndarray, shift: tuple[float, float]) -> np.ndarray:
    """``points + shift``, asserting that no coordinate was rounded."""
    moved = points + np.asarray(shift)
    assert np.array_equal(moved - np.asarray(shift), points), "the translation rounded"
    return moved


@st.composite
def dyadic_points(draw: st.DrawFn, min_size: int = 0, max_size: int = 40) -> np.ndarray:
    """Float points on a grid of 2**-20 within [-16, 16]: a translation by a multiple of
    2**-20 up to 2**30 and a scaling by a power of two are exact on them."""
    ints = draw(
        st.lists(
            st.tuples(st.integers(-(2**24), 2**24), st.integers(-(2**24), 2**24)),
            min_size=min_size,
            max_size=max_size,
        )
    )
    return np.array(ints, dtype=np.float64).reshape(-1, 2) * 2.0**-20


SHIFTS = st.tuples(st.integers(-(2**50), 2**50), st.integers(-(2**50), 2**50)).map(
    lambda s: (s[0] * 2.0**-20, s[1] * 2.0**-20)
)
POWERS_OF_TWO = st.integers(-40, 40).map(lambda k: 2.0**k)

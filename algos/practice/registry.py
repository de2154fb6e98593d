"""The exercise registry: every reference that makes a good exercise registers here.

A module registers its references with the :func:`exercise` decorator, which records
an id, a topic, a difficulty and the target complexity, and returns the function
unchanged.  :func:`exercises` imports every module of the workbook's packages, so the
registry is complete whichever modules were imported before.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

Difficulty = Literal["easy", "medium", "hard"]
_DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
PACKAGES = ("algos", "ml_from_scratch")  # the workbook's top-level packages

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Exercise:
    """One practice exercise: a reference callable and what it is about.

    Attributes
    ----------
    id : str
        The exercise's name, a Python identifier: the name of the test fixture that
        hands the implementation under test to the tests, and the ``ID`` of
        ``pytest --impl ID=file.py``.
    reference : callable
        The workbook's reference implementation.
    topic, difficulty, complexity, source : str
        Topic (``"sliding window"``), ``"easy"``/``"medium"``/``"hard"``, the target
        complexity (``"O(n)"``) and where the problem comes from (``"LeetCode 239"``).
    """

    id: str
    reference: Callable[..., Any]
    topic: str
    difficulty: Difficulty
    complexity: str
    source: str = ""

    @property
    def module(self) -> str:
        """The module that defines the reference, e.g. ``algos.sliding_window``."""
        return self.reference.__module__

    @property
    def function_name(self) -> str:
        """The reference's own name, the default function looked up in a user's file."""
        return self.reference.__name__


_REGISTRY: dict[str, Exercise] = {}


def exercise(
    exercise_id: str | None = None,
    *,
    topic: str,
    difficulty: Difficulty,
    complexity: str,
    source: str = "",
) -> Callable[[F], F]:
    """Register the decorated function as a practice exercise and return it unchanged.

    Parameters
    ----------
    exercise_id : str, optional
        The exercise's id; defaults to the function's name.
    topic, difficulty, complexity, source : str
        See :class:`Exercise`.

    Functions defined outside the workbook's packages (a user's copy of a reference,
    decorator included) are returned unregistered.

    Raises
    ------
    ValueError
        If the id is not an identifier, the difficulty is unknown, or another function
        already holds the id.

    Examples
    --------
    >>> from algos.geometry.primitives import dot
    >>> get_exercise("dot").reference is dot
    True
    """
    if difficulty not in _DIFFICULTIES:
        raise ValueError(f"difficulty must be one of {_DIFFICULTIES}, got {difficulty!r}")

    def register(func: F) -> F:
        if func.__module__.partition(".")[0] not in PACKAGES:
            # A user's practice file may copy a reference with its decorator: their copy
            # is the implementation under test, not a second reference.
            return func
        ex_id = exercise_id or func.__name__
        if not ex_id.isidentifier():
            raise ValueError(f"exercise id must be a Python identifier, got {ex_id!r}")
        known = _REGISTRY.get(ex_id)
        if known is not None and _qualified(known.reference) != _qualified(func):
            raise ValueError(
                f"exercise id {ex_id!r} is already registered by {_qualified(known.reference)}"
            )
        _REGISTRY[ex_id] = Exercise(ex_id, func, topic, difficulty, complexity, source)
        return func

    return register


def exercises() -> list[Exercise]:
    """Every registered exercise, sorted by topic then id.

    Imports all modules of the workbook's packages first; a module whose optional
    dependencies (torch, scikit-learn, ...) are missing is left out.
    """
    _import_all()
    return sorted(_REGISTRY.values(), key=lambda e: (e.topic, e.id))


def get_exercise(exercise_id: str) -> Exercise:
    """The exercise registered under ``exercise_id``.

    Raises
    ------
    KeyError
        If no exercise has that id; the message lists the known ids.
    """
    if exercise_id not in _REGISTRY:
        _import_all()
    try:
        return _REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown exercise id {exercise_id!r}; known ids: {known}") from None


def _qualified(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _import_all() -> None:
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            if info.name.endswith(("pytest_plugin", ".cli", "__main__")):
                continue  # tooling, not exercises; importing them would need pytest
            try:
                importlib.import_module(info.name)
            except ImportError:
                continue  # an optional dependency of this module is not installed

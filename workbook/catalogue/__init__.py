"""The catalogue: every exercise, as data, one module per topic.

Each module of this package defines ``EXERCISES``, a list of
:class:`~workbook.exercise.Exercise`.  Importing them imports only this package and
:mod:`workbook.compare`: no reference, no torch.  A new topic is a new module here.
"""

from __future__ import annotations

import difflib
import functools
import importlib
import pkgutil

from workbook.exercise import Exercise


class UnknownExerciseError(KeyError):
    """No exercise has the id; the message suggests the closest ones."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.cache
def _by_id() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for info in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
        module = importlib.import_module(info.name)
        for exercise in module.EXERCISES:
            if exercise.id in found:
                raise ValueError(f"exercise id {exercise.id!r} is declared twice ({info.name})")
            found[exercise.id] = exercise
    return found


def exercises() -> list[Exercise]:
    """Every exercise, sorted by topic, then id.

    >>> any(e.id == "max_sliding_window" for e in exercises())
    True
    """
    return sorted(_by_id().values(), key=lambda e: (e.topic, e.id))


def get(exercise_id: str) -> Exercise:
    """The exercise with this id.

    Raises
    ------
    UnknownExerciseError
        If there is none; the message names the closest ids.

    >>> get("max_sliding_windw")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbook.catalogue.UnknownExerciseError: unknown exercise 'max_sliding_windw'; did you mean ...
    """
    known = _by_id()
    if exercise_id in known:
        return known[exercise_id]
    close = difflib.get_close_matches(exercise_id, known, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see: workbook list"
    raise UnknownExerciseError(f"unknown exercise {exercise_id!r}{hint}")

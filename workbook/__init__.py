"""The practice tool of the workbook: catalogue, pytest plugin, ``workbook`` command, bench.

The content packages (:mod:`algos`, :mod:`ml_from_scratch`) never import it; it knows
their references by dotted path and imports one only when it is needed.
"""

from workbook.catalogue import UnknownExerciseError, exercises, get
from workbook.compare import BY_VALUE, CYCLIC, UNORDERED, UNORDERED_NESTED, Equivalence
from workbook.exercise import Exercise, MissingDependencyError

__all__ = [
    "BY_VALUE",
    "CYCLIC",
    "UNORDERED",
    "UNORDERED_NESTED",
    "Equivalence",
    "Exercise",
    "MissingDependencyError",
    "UnknownExerciseError",
    "exercises",
    "get",
]

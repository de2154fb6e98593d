"""Practice mode: the exercise registry, the pytest ``--impl`` option and the CLI.

Each reference that makes a good exercise is registered with :func:`exercise`.  The
tests of an exercise take the implementation under test from a fixture named after the
exercise id (see :func:`algos.practice.pytest_plugin.exercise_fixture`), so that::

    pytest --impl sliding_window_max=practice/sliding_window_max.py

runs the very same tests against a user's function.
"""

from algos.practice.registry import Difficulty, Exercise, exercise, exercises, get_exercise

__all__ = ["Difficulty", "Exercise", "exercise", "exercises", "get_exercise"]

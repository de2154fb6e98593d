"""A user's implementation: loaded from a file, watched while it runs.

The workbook calls a user's function (or the methods of a user's class) through a thin
wrapper that

* turns ``NotImplementedError`` into :class:`NotImplementedYet`, so that a stub is
  reported once as "not implemented" rather than as a failure per test;
* records the call in progress, and the time spent in the user's calls, so that a test
  stopped by its time limit can say which input was running (:func:`blame`).  Python runs
  the alarm's handler between bytecodes, so when the time goes into one long C call (a
  ``max`` over a long list) it fires just after that call returns: the last call is
  blamed when the user's calls took most of the time.

Both exceptions raised here derive from ``BaseException``: neither ``pytest.raises`` in
a test, nor hypothesis's shrinking, nor scikit-learn's ``except Exception`` catches them.
"""

from __future__ import annotations

import functools
import inspect
import reprlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbook.exercise import Exercise
from workbook.files import import_file

_SHORT = reprlib.Repr()
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxdict = 40
_SHORT.maxstring = _SHORT.maxother = 160
_SHORT.maxlevel = 4

Call = tuple[str, tuple[Any, ...], dict[str, Any]]
_CALLS: list[Call] = []  # calls in progress


@dataclass
class _Recent:
    """Since :func:`reset_watch`: the seconds spent in outermost user calls, the last."""

    seconds: float = 0.0
    last: Call | None = None


_RECENT = _Recent()

# Methods left unwrapped: called by the interpreter and by debuggers, never the exercise.
_UNWRAPPED = {
    "__repr__",
    "__str__",
    "__del__",
    "__init_subclass__",
    "__class_getitem__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__hash__",
    "__eq__",
}


class NotImplementedYet(BaseException):
    """A user's implementation raised ``NotImplementedError``."""

    def __init__(self, exercise_id: str) -> None:
        super().__init__(f"{exercise_id}: not implemented yet")
        self.exercise_id = exercise_id


class TimedOut(BaseException):
    """A test ran past its time limit."""


@dataclass(frozen=True)
class UserImplementation:
    """The function or class a user wrote for one exercise, wrapped (see the module)."""

    exercise: Exercise
    path: Path
    name: str
    implementation: Any


class LoadError(Exception):
    """A user's file or the name in it cannot be used; the message says why."""


def load(exercise: Exercise, path: Path, name: str | None = None) -> UserImplementation:
    """Import ``name`` (default: the reference's name) from the file at ``path``, wrapped.

    Raises
    ------
    LoadError
        If the file is missing or fails to import, or defines no such function or
        class (a class exercise needs a class, a function exercise a callable).
    """
    name = name or exercise.name
    if not path.is_file():
        raise LoadError(f"no such file {str(path)!r}")
    try:
        module = import_file(path)
    except Exception as err:
        raise LoadError(f"importing {str(path)!r} failed: {type(err).__name__}: {err}") from err
    found = getattr(module, name, None)
    if exercise.kind == "class" and not inspect.isclass(found):
        raise LoadError(f"{str(path)!r} defines no class {name!r}")
    if not callable(found):
        raise LoadError(f"{str(path)!r} defines no function {name!r}")
    if inspect.isclass(found):
        wrapped = watch_class(found, exercise.id)
    else:
        wrapped = watch(found, exercise.id)
        wrapped.__exercise__ = exercise
    return UserImplementation(exercise, path.resolve(), name, wrapped)


def watch(func: Callable[..., Any], exercise_id: str, label: str | None = None) -> Any:
    """``func`` wrapped as the module docstring says."""
    name = label or str(getattr(func, "__qualname__", repr(func)))

    @functools.wraps(func)
    def watched(*args: Any, **kwargs: Any) -> Any:
        _CALLS.append((name, args, kwargs))
        outermost = len(_CALLS) == 1
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        except NotImplementedError:
            raise NotImplementedYet(exercise_id) from None
        finally:
            if outermost:
                _RECENT.seconds += time.perf_counter() - started
                _RECENT.last = _CALLS[-1]
            _CALLS.pop()

    return watched


def watch_class(cls: type, exercise_id: str) -> type:
    """``cls`` itself, its own methods wrapped in place by :func:`watch`.

    In place rather than in a subclass, so that the class keeps its name, its pickling
    and its signature (scikit-learn's ``clone`` and ``check_estimator`` rely on them).
    """
    if getattr(cls, "__workbook_watched__", False):
        return cls
    for attr, value in list(vars(cls).items()):
        if attr in _UNWRAPPED:
            continue
        label = f"{cls.__qualname__}.{attr}"
        if isinstance(value, staticmethod | classmethod):
            setattr(cls, attr, type(value)(watch(value.__func__, exercise_id, label)))
        elif inspect.isfunction(value):
            setattr(cls, attr, watch(value, exercise_id, label))
        elif isinstance(value, property):
            fget, fset, fdel = (
                watch(f, exercise_id, label) if f else None
                for f in (value.fget, value.fset, value.fdel)
            )
            setattr(cls, attr, property(fget, fset, fdel, value.__doc__))
    cls.__workbook_watched__ = True  # type: ignore[attr-defined]
    return cls


def current_call() -> str | None:
    """The innermost user call in progress, as ``name(args...)``, or None."""
    if not _CALLS:
        return None
    return describe_call(*_CALLS[-1])


def reset_watch() -> None:
    """Start counting the time in user calls afresh (at the start of each test)."""
    _RECENT.seconds, _RECENT.last = 0.0, None


def blame(elapsed: float) -> str | None:
    """The user call to name for a test stopped after ``elapsed`` seconds: the one in
    progress, else the last one if the user's calls took over half of the time, else None
    (the time went into the test itself)."""
    running = current_call()
    if running is not None:
        return running
    if _RECENT.last is None or _RECENT.seconds <= elapsed / 2:
        return None
    spent = f"{_RECENT.seconds:.1f} s in them"
    return f"{describe_call(*_RECENT.last)}, the last of your calls ({spent})"


def describe_call(label: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """``label(args, key=value)``, long values shortened.

    >>> describe_call("f", ([1] * 100, 3), {"flag": True})  # doctest: +ELLIPSIS
    'f([1, 1, 1, ..., 1, ...] (100 items), 3, flag=True)'
    """
    parts = [_describe(value) for value in args]
    parts += [f"{key}={_describe(value)}" for key, value in kwargs.items()]
    return f"{label}({', '.join(parts)})"


def describe_value(value: Any) -> str:
    """``value`` as a failure report shows it: long containers shortened."""
    return _describe(value)


def _describe(value: Any) -> str:
    text = _SHORT.repr(value)
    size = len(value) if isinstance(value, list | tuple | str) else None
    if size is not None and size > _SHORT.maxlist and "..." in text:
        text += f" ({size} items)"
    return text

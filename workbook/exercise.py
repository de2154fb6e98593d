"""One exercise of the catalogue: what a user reads, and where its reference lives.

An :class:`Exercise` is plain data.  The reference is a dotted path, imported only when
it is needed (to check, to bench, to compare), so that listing the catalogue imports no
torch, scikit-learn or gymnasium.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from typing import Any, Literal

from workbook.compare import BY_VALUE, Equivalence

Difficulty = Literal["easy", "medium", "hard"]
Kind = Literal["function", "class"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
KINDS: tuple[Kind, ...] = ("function", "class")

# The optional top-level modules a reference may need, and the extra that installs them.
EXTRAS = {"torch": "ml", "sklearn": "ml", "gymnasium": "ml", "matplotlib": "plot"}


class MissingDependencyError(ImportError):
    """The reference needs an optional dependency that is not installed."""


@dataclass(frozen=True)
class Exercise:
    """One practice exercise.

    Attributes
    ----------
    id : str
        A Python identifier: the name of the test fixture that hands the implementation
        under test to the tests, and the ``ID`` of ``workbook check ID``.
    reference : str
        ``"package.module:name"``, the workbook's reference implementation.
    topic, difficulty, complexity, source : str
        ``"sliding window"``, ``"easy" | "medium" | "hard"``, the target complexity
        (``"O(n)"``) and where the problem comes from (``"LeetCode 239"``).
    statement : str
        The problem as a user reads it: what to compute, the input constraints, worked
        examples, and what the output may look like (``any order``).  It becomes the
        stub's docstring; it never describes the reference's internals.
    signature : str
        For a function, its ``def`` line without the colon.  For a class, the class
        skeleton: each method's ``def`` line and docstring, with ``...`` as its body.
    kind : "function" or "class"
    imports : tuple of str
        Import lines the stub needs for the names in its signature.
    compare : Equivalence
        When a user's output counts as equal to the expected one.
    bench : str or None
        The benchmark file, relative to the repository root, that declares this
        exercise's inputs of size n and its peers (a ``Bench`` in its ``BENCHES``).
    requires : tuple of str
        Optional top-level modules the reference imports (``"torch"``); a missing one
        makes the exercise "needs extra ml" instead of an import error.
    variant_of : str or None
        The id of the reference this fast form is a variant of, and is tested against.
    """

    id: str
    reference: str
    topic: str
    difficulty: Difficulty
    complexity: str
    statement: str
    signature: str
    kind: Kind = "function"
    source: str = ""
    imports: tuple[str, ...] = ()
    compare: Equivalence = BY_VALUE
    bench: str | None = None
    requires: tuple[str, ...] = field(default=())
    variant_of: str | None = None

    def __post_init__(self) -> None:
        if not self.id.isidentifier():
            raise ValueError(f"exercise id must be a Python identifier, got {self.id!r}")
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(
                f"{self.id}: difficulty must be one of {DIFFICULTIES}, got {self.difficulty!r}"
            )
        if self.kind not in KINDS:
            raise ValueError(f"{self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        module, sep, name = self.reference.partition(":")
        if not sep or not module or not name.isidentifier():
            raise ValueError(
                f"{self.id}: reference must be 'package.module:name', got {self.reference!r}"
            )

    @property
    def module(self) -> str:
        """The module that defines the reference, e.g. ``algos.sliding_window``."""
        return self.reference.partition(":")[0]

    @property
    def name(self) -> str:
        """The reference's own name: the function or class looked up in a user's file."""
        return self.reference.partition(":")[2]

    @property
    def extras(self) -> tuple[str, ...]:
        """The extras (``ml``, ``plot``) that install what the reference requires."""
        return tuple(sorted({EXTRAS.get(module, module) for module in self.requires}))

    def missing(self) -> list[str]:
        """The required optional modules that are not installed (nothing is imported)."""
        return [module for module in self.requires if not _installed(module)]

    def load_reference(self) -> Any:
        """Import and return the reference function or class.

        Raises
        ------
        MissingDependencyError
            If an optional module it requires is not installed; the message names the
            extra to install.  Any other import error propagates unchanged.
        """
        missing = self.missing()
        if missing:
            extras = ",".join(self.extras)
            raise MissingDependencyError(
                f"{self.id} needs {', '.join(missing)}: install the extra with "
                f'python -m pip install -e ".[{extras}]"'
            )
        return getattr(importlib.import_module(self.module), self.name)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a None in sys.modules
        return False

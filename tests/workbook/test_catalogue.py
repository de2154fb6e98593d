"""The catalogue is sound: every entry resolves, reads as a statement, and can be practised."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbook import catalogue
from workbook.benchrun import find_bench
from workbook.exercise import Exercise, MissingDependencyError
from workbook.stubs import stub_source

EXERCISES = catalogue.exercises()
IDS = [e.id for e in EXERCISES]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_reference_resolves_to_its_kind(exercise: Exercise) -> None:
    reference = exercise.load_reference()
    assert (isinstance(reference, type)) == (exercise.kind == "class")
    assert callable(reference)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_statement_has_constraints_or_examples_and_no_internals(exercise: Exercise) -> None:
    statement = textwrap.dedent(exercise.statement)
    assert ">>>" in statement, "a worked example a user can run"
    assert len(statement.split()) >= 15
    for internal in ("deque(map", "maxlen=0", "256 KiB", "see the NaN policy below", "``"):
        assert internal not in statement


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_stub_compiles_and_raises_not_implemented(exercise: Exercise) -> None:
    source = stub_source(exercise)
    tree = ast.parse(source)
    names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    assert exercise.name in names
    namespace: dict[str, object] = {}
    exec(compile(tree, f"{exercise.id}.py", "exec"), namespace)
    assert "raise NotImplementedError" in source
    if exercise.kind == "class":  # methods stay apart, as in the declared skeleton
        assert source.count("\n\n    def ") == source.count("\n    def ")


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_every_exercise_has_bench_inputs(exercise: Exercise) -> None:
    assert exercise.bench is not None, f"{exercise.id} declares no benchmark file"
    bench = find_bench(exercise)
    assert bench.exercise == exercise.id
    assert list(bench.sizes) == sorted(bench.sizes)


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.variant_of], ids=lambda e: e.id)
def test_a_variant_names_an_existing_reference(exercise: Exercise) -> None:
    assert exercise.variant_of is not None
    assert catalogue.get(exercise.variant_of).topic == exercise.topic


def test_unknown_ids_suggest_the_closest() -> None:
    with pytest.raises(catalogue.UnknownExerciseError, match="did you mean max_sliding_window"):
        catalogue.get("max_slidng_window")
    with pytest.raises(catalogue.UnknownExerciseError, match="see: workbook list"):
        catalogue.get("zzzz")


def test_a_missing_optional_dependency_names_the_extra() -> None:
    exercise = Exercise(
        id="needs_it",
        reference="no_such_module_here:thing",
        topic="t",
        difficulty="easy",
        complexity="O(1)",
        statement="s",
        signature="def thing() -> None",
        requires=("no_such_module_here",),
    )
    assert exercise.missing() == ["no_such_module_here"]
    with pytest.raises(MissingDependencyError, match=r"pip install -e"):
        exercise.load_reference()


def test_bad_entries_are_refused() -> None:
    fields = {"topic": "t", "complexity": "O(1)", "statement": "s", "signature": "def f()"}
    with pytest.raises(ValueError, match="identifier"):
        Exercise(id="not an id", reference="m:f", difficulty="easy", **fields)
    with pytest.raises(ValueError, match=r"package\.module:name"):
        Exercise(id="f", reference="m.f", difficulty="easy", **fields)
    with pytest.raises(ValueError, match="difficulty"):
        Exercise(id="f", reference="m:f", difficulty="trivial", **fields)  # type: ignore[arg-type]


# A finder that makes the optional ML dependencies look uninstalled.
HIDE_ML = """
import importlib.abc, sys
class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"torch", "sklearn", "gymnasium"}:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, Hide())
"""

IMPORTS_NOTHING_HEAVY = """
import sys
from workbook.cli import main
for argv in (["list"], ["show", "max_sliding_window"], ["new", "monotonic_queue", "--dir", DIR]):
    assert main(argv) == 0, argv
heavy = [m for m in ("torch", "sklearn", "gymnasium", "scipy", "matplotlib") if m in sys.modules]
assert not heavy, heavy
print("ok")
"""


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code.replace("DIR", repr(str(tmp_path)))],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip


def test_list_show_and_new_import_no_ml_library(tmp_path: Path) -> None:
    done = _python(IMPORTS_NOTHING_HEAVY, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")


def test_list_works_without_the_ml_libraries(tmp_path: Path) -> None:
    done = _python(HIDE_ML + IMPORTS_NOTHING_HEAVY, tmp_path)
    assert done.returncode == 0, done.stderr
    needing = [e for e in EXERCISES if e.requires]
    for exercise in needing:
        line = next(line for line in done.stdout.splitlines() if line.startswith(exercise.id + " "))
        assert "needs extra" in line, line

"""The ``workbook`` command: list, new, check."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from algos.practice.cli import main

# A full-contract solution: the workbook's own validation, the user's own product.
CORRECT_DOT = """
from algos.geometry.primitives import as_point

def dot(u, v):
    (a, b), (c, d) = as_point(u, "u"), as_point(v, "v")
    return a * c + b * d
"""


def workbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "algos.practice", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_list_shows_every_exercise_with_its_complexity(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    orientation = next(line for line in lines if line.startswith("orientation "))
    assert orientation.split() == ["orientation", "geometry", "easy", "O(1)"]


def test_new_writes_an_importable_stub_with_the_reference_signature(tmp_path: Path) -> None:
    assert main(["new", "rotate", "--dir", str(tmp_path)]) == 0
    source = (tmp_path / "rotate.py").read_text()
    assert "def rotate(p: PointLike, theta: float, about: PointLike = ORIGIN) -> Point:" in source
    assert "from algos.geometry.primitives import ORIGIN, Point, PointLike" in source
    namespace: dict[str, object] = {}
    exec(compile(ast.parse(source), "rotate.py", "exec"), namespace)
    with pytest.raises(NotImplementedError):
        namespace["rotate"]((1, 0), 0.5)  # type: ignore[operator]


def test_new_imports_type_aliases_from_their_public_library(tmp_path: Path) -> None:
    assert main(["new", "maximum_gap_np", "--dir", str(tmp_path)]) == 0
    source = (tmp_path / "maximum_gap_np.py").read_text()
    assert "from numpy.typing import ArrayLike" in source
    assert "import numpy as np" in source  # the examples use np


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dot.py").write_text("# my work\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "dot", "--dir", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert (tmp_path / "dot.py").read_text() == "# my work\n"
    assert main(["new", "dot", "--dir", str(tmp_path), "--force"]) == 0


def test_unknown_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "no_such_exercise"])
    assert exit_info.value.code == 2
    assert "unknown exercise id 'no_such_exercise'" in capsys.readouterr().err


def test_check_runs_the_exercise_tests_on_the_stub_then_the_solution(tmp_path: Path) -> None:
    assert workbook("new", "dot", cwd=tmp_path).returncode == 0
    stub_run = workbook("check", "dot", cwd=tmp_path)
    assert stub_run.returncode == 1
    assert "dot: not implemented yet" in stub_run.stdout

    (tmp_path / "practice" / "dot.py").write_text(CORRECT_DOT)
    solved_run = workbook("check", "dot", cwd=tmp_path)
    assert solved_run.returncode == 0, solved_run.stdout
    assert " passed" in solved_run.stdout
    assert " failed" not in solved_run.stdout


def test_check_without_a_file_says_how_to_start(tmp_path: Path) -> None:
    result = workbook("check", "dot", cwd=tmp_path)
    assert result.returncode == 2
    assert "workbook new dot" in result.stderr


def test_bench_times_yours_beside_the_reference_and_fits_exponents(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    practice.mkdir()
    (practice / "combination_sum4.py").write_text(
        "def combination_sum4(nums, target):\n"
        "    ways = [1] + [0] * target\n"
        "    for t in range(1, target + 1):\n"
        "        ways[t] = sum(ways[t - c] for c in nums if c <= t)\n"
        "    return ways[target]\n"
    )
    result = workbook("bench", "combination_sum4", "--max-n", "1000", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    header, *rows, exponents = result.stdout.splitlines()[1:]
    assert header.split() == ["n", "yours", "reference"]
    assert [row.split()[0] for row in rows] == ["100", "1000"]
    assert exponents.split()[0] == "exponent"
    assert len(exponents.split()) == 3

"""Practice files through the installed ``workbook check``, as a user runs them.

Each file in ``solutions/`` is named ``<exercise id>__<label>.py`` and says in its
first lines what ``workbook check`` must make of it::

    # expect: pass | fail | timeout | not implemented
    # counterexample: <regex the failure report must show>   (optional)

Textbook solutions must pass the default level; subtly wrong ones must fail within a
minute and show a small counterexample; runaway ones must be reported as timed out with
the input they were running; stubs as not implemented, with nothing counted as passed.
Each file is its own test, so ``pytest -n auto`` spreads them over the cores.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

SOLUTIONS = Path(__file__).parent / "solutions"
WORKBOOK = Path(sys.executable).with_name("workbook")  # the installed command
FILES = sorted(SOLUTIONS.glob("*__*.py"))
EXPECTATIONS = ("pass", "fail", "timeout", "not implemented")
FAIL_WITHIN_S = 60.0


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str
    seconds: float


def expectations(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines at the top of a practice file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"# (expect|counterexample): (.+)", line)
        if not match:
            break
        found[match[1]] = match[2]
    return found


def run_check(path: Path) -> Outcome:
    exercise_id = path.stem.split("__")[0]
    start = time.perf_counter()
    done = subprocess.run(
        [str(WORKBOOK), "check", exercise_id, str(path)],  # the default time limit
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
    )
    return Outcome(done.returncode, done.stdout + done.stderr, time.perf_counter() - start)


def summary_line(output: str) -> str:
    lines = [line for line in output.splitlines() if re.search(r" in \d+\.\d+s", line)]
    return lines[-1] if lines else ""


@pytest.mark.slow  # a fresh pytest per file: minutes for all of them
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_practice_file(path: Path) -> None:
    expected = expectations(path)
    assert expected.get("expect") in EXPECTATIONS, f"{path.name}: no '# expect: ...' first line"
    outcome = run_check(path)
    report = f"workbook check output for {path.name}:\n{outcome.output[-3000:]}"
    verdict, summary = expected["expect"], summary_line(outcome.output)
    if verdict == "pass":
        assert outcome.returncode == 0, report
        assert re.search(r"\d+ passed", summary), report
        assert "failed" not in summary, report
    elif verdict == "fail":
        assert outcome.returncode == 1, report
        assert outcome.seconds < FAIL_WITHIN_S, report
        assert "failed" in summary, report
    elif verdict == "timeout":
        assert outcome.returncode == 1, report
        assert re.search(r"timed out after \d+(\.\d+)? s while running \w+", outcome.output), report
    else:
        assert outcome.returncode == 1, report
        assert outcome.output.count("not implemented yet") == 1, report
        assert "passed" not in summary, report
    if "counterexample" in expected:
        assert re.search(expected["counterexample"], outcome.output), report


def test_every_expectation_is_exercised() -> None:
    seen = {expectations(path).get("expect") for path in FILES}
    assert seen == set(EXPECTATIONS)

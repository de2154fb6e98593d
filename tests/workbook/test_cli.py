"""The ``workbook`` command end to end, through the installed script, as a user types it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKBOOK = Path(sys.executable).with_name("workbook")
SLOW = pytest.mark.slow  # runs a fresh pytest or a timing: seconds each
SOLUTIONS = Path(__file__).parent / "solutions"
TEXTBOOK = SOLUTIONS / "max_sliding_window__textbook.py"
OFF_BY_ONE = SOLUTIONS / "max_sliding_window__off_by_one.py"
STUB = SOLUTIONS / "max_sliding_window__stub.py"


def workbook(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WORKBOOK), *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_alone_it_prints_help_and_first_steps(tmp_path: Path) -> None:
    done = workbook(cwd=tmp_path)
    assert done.returncode == 0
    assert "first steps:" in done.stdout
    assert "workbook new max_sliding_window" in done.stdout


def test_help_is_plain_text(tmp_path: Path) -> None:
    for args in (["--help"], ["check", "--help"], ["bench", "--help"]):
        done = workbook(*args, cwd=tmp_path)
        assert done.returncode == 0
        assert "``" not in done.stdout


def test_list_filters_by_topic_and_difficulty(tmp_path: Path) -> None:
    lines = workbook("list", "--topic", "sliding window", cwd=tmp_path).stdout.splitlines()
    assert {line.split()[0] for line in lines} >= {"max_sliding_window", "monotonic_queue"}
    assert all("sliding window" in line for line in lines)
    hard = workbook("list", "--difficulty", "hard", cwd=tmp_path).stdout.splitlines()
    assert hard
    assert all(" hard " in line for line in hard)
    done = workbook("list", "--topic", "cooking", cwd=tmp_path)
    assert done.returncode == 2
    assert "topics:" in done.stderr


def test_list_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    done = subprocess.run(
        f"'{WORKBOOK}' list --markdown | head -1",
        shell=True, cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.startswith("| id |")
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr


def test_show_prints_the_statement_and_signature(tmp_path: Path) -> None:
    done = workbook("show", "max_sliding_window", cwd=tmp_path)
    assert done.returncode == 0
    assert "1 <= len(nums) <= 10^5" in done.stdout
    assert "def max_sliding_window(nums: list[int], k: int) -> list[int]" in done.stdout
    assert "target O(n)" in done.stdout


def test_a_mistyped_id_suggests_the_closest(tmp_path: Path) -> None:
    done = workbook("show", "max_slidng_window", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean max_sliding_window" in done.stderr
    assert done.stderr.count("\n") == 1  # one line, not the whole catalogue


def test_new_writes_a_stub_and_refuses_to_overwrite(tmp_path: Path) -> None:
    assert workbook("new", "monotonic_queue", cwd=tmp_path).returncode == 0
    stub = tmp_path / "practice" / "monotonic_queue.py"
    text = stub.read_text()
    assert "class MonotonicQueue:" in text
    assert "raise NotImplementedError" in text
    assert "Design a first-in first-out queue" in text
    again = workbook("new", "monotonic_queue", cwd=tmp_path)
    assert again.returncode == 2
    assert "--force" in again.stderr
    stub.write_text("changed")
    assert workbook("new", "monotonic_queue", "--force", cwd=tmp_path).returncode == 0
    assert stub.read_text() == text


@SLOW
def test_check_a_new_stub_says_not_implemented(tmp_path: Path) -> None:
    workbook("new", "max_sliding_window", cwd=tmp_path)
    done = workbook("check", "max_sliding_window", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.count("not implemented yet") == 1
    assert " passed" not in done.stdout


@SLOW
def test_check_takes_options_in_any_order_and_pytest_args(tmp_path: Path) -> None:
    for args in (
        ["check", "max_sliding_window", TEXTBOOK, "--strict"],
        ["check", "--strict", "max_sliding_window", "--file", TEXTBOOK],
        ["check", "max_sliding_window", "--file", TEXTBOOK, "--", "-k", "worked"],
    ):
        done = workbook(*args, cwd=tmp_path)
        assert "passed" in done.stdout, (args, done.stdout[-2000:], done.stderr)
    strict = workbook("check", "max_sliding_window", TEXTBOOK, "--strict", cwd=tmp_path)
    assert strict.returncode == 1  # the textbook answer keeps no promise beyond the statement
    assert "not run" not in strict.stdout
    only_examples = workbook(
        "check", "max_sliding_window", TEXTBOOK, "--", "-k", "worked", cwd=tmp_path
    )
    assert only_examples.returncode == 0
    assert "6 passed" in only_examples.stdout


@SLOW
def test_check_names_a_function_in_the_file(tmp_path: Path) -> None:
    mine = tmp_path / "mine.py"
    mine.write_text(TEXTBOOK.read_text().replace("def max_sliding_window", "def windows"))
    done = workbook("check", "max_sliding_window", f"{mine}:windows", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_check_a_missing_file_is_an_error(tmp_path: Path) -> None:
    done = workbook("check", "max_sliding_window", cwd=tmp_path)
    assert done.returncode == 2
    assert "workbook new max_sliding_window" in done.stderr
    done = workbook("check", "max_sliding_window", "nope.py", cwd=tmp_path)
    assert done.returncode == 2
    assert "no file nope.py" in done.stderr


@SLOW
def test_status_reports_every_practice_file(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    practice.mkdir()
    (practice / "max_sliding_window.py").write_text(TEXTBOOK.read_text())
    (practice / "monotonic_queue.py").write_text(
        "class MonotonicQueue:\n    def push(self, x):\n        raise NotImplementedError\n"
    )
    done = workbook("status", cwd=tmp_path)
    lines = dict(line.split(maxsplit=1) for line in done.stdout.splitlines())
    assert lines["max_sliding_window"].startswith("passed"), done.stdout
    assert lines["monotonic_queue"].startswith("not implemented"), done.stdout
    assert done.returncode == 1


@SLOW
def test_bench_times_yours_beside_the_reference_and_peers(tmp_path: Path) -> None:
    plot = tmp_path / "scaling.png"
    done = workbook(
        "bench", "max_sliding_window", TEXTBOOK, "--max-n", "10000", "--plot", plot, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.split()[:1] == ["n"])
    assert {"yours", "reference", "scipy.ndimage"} <= set(header.split())
    assert "exponent" in done.stdout
    assert "target O(n)" in done.stdout
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@SLOW
def test_bench_refuses_to_time_a_wrong_answer(tmp_path: Path) -> None:
    done = workbook(
        "bench", "max_sliding_window", "--file", OFF_BY_ONE, "--max-n", "10000", cwd=tmp_path
    )
    assert done.returncode == 1
    assert "wrong answer at n=1000; not timing it" in done.stdout
    assert "input:    max_sliding_window([" in done.stdout
    assert "exponent" not in done.stdout


@SLOW
def test_bench_a_stub_or_a_missing_file(tmp_path: Path) -> None:
    stub = workbook("bench", "max_sliding_window", STUB, "--max-n", "1000", cwd=tmp_path)
    assert stub.returncode == 0
    assert "not implemented yet; timing the reference and its peers only" in stub.stdout
    missing = workbook("bench", "max_sliding_window", "nope.py", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no such file 'nope.py'" in missing.stderr


@SLOW
def test_ctrl_c_during_check_still_prints_the_summary(tmp_path: Path) -> None:
    runaway = tmp_path / "runaway.py"
    runaway.write_text("def max_sliding_window(nums, k):\n    while True:\n        pass\n")
    process = subprocess.Popen(
        [str(WORKBOOK), "check", "max_sliding_window", str(runaway), "--timeout", "120"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    time.sleep(6)  # collection done, the first test spinning
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: every process of the group
    output, _ = process.communicate(timeout=60)
    assert "KeyboardInterrupt" in output
    assert "max_sliding_window" in output


@pytest.mark.parametrize("command", ["check", "bench", "show", "new"])
def test_every_command_needs_an_id_or_says_so(tmp_path: Path, command: str) -> None:
    done = workbook(command, cwd=tmp_path)
    assert done.returncode == 2
    assert "id" in done.stderr


@SLOW
def test_bench_a_solution_that_raises_says_so_without_a_traceback(tmp_path: Path) -> None:
    mine = tmp_path / "mine.py"
    mine.write_text("def max_sliding_window(nums, k):\n    return [nums[k * 10**9]]\n")
    done = workbook("bench", "max_sliding_window", mine, "--max-n", "1000", cwd=tmp_path)
    assert done.returncode == 1
    assert "your solution raised IndexError" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr

"""The watch on a user's calls: which input a timed-out test names."""

from __future__ import annotations

from workbook.impl import blame, reset_watch, watch


def slow_sum(n: int) -> int:
    return sum(range(n))  # one C call: an alarm's handler runs only after it returns


def test_blame_names_the_call_in_progress() -> None:
    reset_watch()
    seen: list[str | None] = []
    watched = watch(lambda n: seen.append(blame(0.0)), "demo", "probe")
    watched(7)
    assert seen == ["probe(7)"]


def test_blame_names_the_last_call_when_the_users_calls_took_the_time() -> None:
    # The alarm may land just after a long call returned, outside every user frame.
    reset_watch()
    watched = watch(slow_sum, "demo", "slow_sum")
    for _ in range(3):
        watched(10**6)
    named = blame(0.0)
    assert named is not None
    assert named.startswith("slow_sum(1000000), the last of your calls (")
    assert blame(10**6) is None  # the user's calls took a sliver of the time: the test's


def test_blame_is_none_without_user_calls_and_after_a_reset() -> None:
    reset_watch()
    assert blame(0.0) is None
    watch(slow_sum, "demo", "slow_sum")(10)
    reset_watch()
    assert blame(0.0) is None

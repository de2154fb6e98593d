"""Combination Sum I and II without dead ends: backtracking guided by reachability bitsets.

A variant of the backtracking references in :mod:`algos.combination_sum.backtracking`.
Those still wander into dead ends: with candidates ``[2, 4, 6]`` and an odd target they
visit exponentially many nodes and return nothing.  Here a table ``reach[i]`` (bit
``r`` set iff ``r`` can be made from the candidates from ``i`` on, built with shift-or
on Python ints) is consulted before every step, so every node of the search lies on
the way to an answer and the search is *output-sensitive*.  Each node makes a binary
decision (take the current candidate, or move past it), so equal multisets are never
generated twice: for II, moving past a value moves past all its copies.

Complexity, with ``n`` candidates, target ``T``, smallest candidate ``m`` and ``S``
combinations returned: I in O(n·T + S·(n + T/m)), II in O(n log n + n·T + S·n).  The
table takes O(n·T) bits of memory, so a target in the billions is out of reach even
when few combinations exist.

Source: LeetCode 39, 40.

Status: equal to the references (as lists, in the same lexicographic order) on
hypothesis-drawn candidates and targets, and on searches past the recursion limit and
with many dead ends, in ``tests/algos/test_combination_sum.py``.
"""

from __future__ import annotations

from collections.abc import Iterable

from algos._checks import as_int, as_int_list

__all__ = ["combination_sum2_bitset", "combination_sum_bitset"]


def combination_sum_bitset(candidates: Iterable[int], target: int) -> list[list[int]]:
    """:func:`~algos.combination_sum.combination_sum`, output-sensitive: no dead ends.

    Same parameters, result (lexicographic order) and errors.

    Complexity
    ----------
    O(n·T) for the reachability table, then O(n + T/m) per combination.  Memory
    O(n·T) bits besides the output.

    Examples
    --------
    >>> combination_sum_bitset([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    >>> combination_sum_bitset([6, 10, 14], 1001)  # odd: no answer, found at once
    []
    """
    values = as_int_list(candidates, "candidates", low=1)
    target = as_int(target, "target")
    if target < 0:
        return []
    coins = sorted({c for c in values if c <= target})
    n = len(coins)
    reach = [0] * (n + 1)
    reach[n] = 1
    mask = (1 << (target + 1)) - 1
    for i in range(n - 1, -1, -1):
        # Doubling the shift doubles the number of copies covered: after shifts
        # c, 2c, ..., 2^k·c the set holds every sum using 0..2^(k+1) - 1 copies of c.
        bits, shift = reach[i + 1], coins[i]
        while shift <= target:
            bits |= (bits << shift) & mask
            shift *= 2
        reach[i] = bits
    # Taking coin i keeps it available (reuse); skipping moves to the next coin.
    return _enumerate(coins, reach, range(n), range(1, n + 1), target)


def combination_sum2_bitset(candidates: Iterable[int], target: int) -> list[list[int]]:
    """:func:`~algos.combination_sum.combination_sum2`, output-sensitive: no dead ends.

    Same parameters, result (lexicographic order) and errors.

    Complexity
    ----------
    O(n log n) to sort, O(n·T) for the reachability table, then O(n) per combination.
    Memory O(n·T) bits besides the output.

    Examples
    --------
    >>> combination_sum2_bitset([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    """
    values = as_int_list(candidates, "candidates", low=1)
    target = as_int(target, "target")
    if target < 0:
        return []
    items = sorted(c for c in values if c <= target)
    n = len(items)
    reach = [0] * (n + 1)
    reach[n] = 1
    mask = (1 << (target + 1)) - 1
    for i in range(n - 1, -1, -1):
        reach[i] = reach[i + 1] | ((reach[i + 1] << items[i]) & mask)
    # Skipping item i skips every later copy of its value too, so a multiset is only
    # ever built by taking a prefix of each run of equal values: no duplicates.
    past_run = [n] * n
    for i in range(n - 2, -1, -1):
        past_run[i] = i + 1 if items[i + 1] != items[i] else past_run[i + 1]
    return _enumerate(items, reach, range(1, n + 1), past_run, target)


def _enumerate(
    values: list[int],
    reach: list[int],
    after_take: range | list[int],
    after_skip: range | list[int],
    target: int,
) -> list[list[int]]:
    """Depth-first take-or-skip search that only enters nodes from which ``reach`` says
    the remainder can still be made; taking is explored first, so the output comes out
    in lexicographic order.  An explicit stack keeps deep searches (target / smallest
    value beyond the recursion limit) safe.
    """
    # Big-int bit tests cost O(T / word) each; one '0'/'1' string per row, written
    # in O(T), makes every test O(1), which the output-sensitive bound relies on.
    can = [format(bits, f"0{target + 1}b")[::-1] for bits in reach]
    found: list[list[int]] = []
    if can[0][target] != "1":
        return found
    path: list[int] = []
    stack = [(0, target, 0)]  # (next index, remainder, length of path at this node)
    while stack:
        i, remainder, size = stack.pop()
        del path[size:]
        if remainder == 0:
            found.append(path.copy())
            continue
        value = values[i]
        if can[after_skip[i]][remainder] == "1":
            stack.append((after_skip[i], remainder, size))
        if value <= remainder and can[after_take[i]][remainder - value] == "1":
            # Pushed last, so popped next while ``path`` still ends with ``value``.
            path.append(value)
            stack.append((after_take[i], remainder - value, size + 1))
    return found

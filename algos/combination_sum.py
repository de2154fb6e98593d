"""Combination Sum I-IV: the combinations of positive integers that add up to a target.

* **I** (LeetCode 39): every multiset of ``candidates``, each reused any number of times.
* **II** (LeetCode 40): every multiset using each element at most once; equal elements
  in the input must not produce equal combinations.
* **III** (LeetCode 216): every set of ``k`` distinct digits 1..9 summing to ``n``.
* **IV** (LeetCode 377): the *number* of ordered sequences of ``nums`` summing to
  ``target``.

Key idea.  The textbook backtracking search (sort, stop the loop once a candidate
exceeds what remains) still wanders into dead ends: with candidates ``[2, 4, 6]`` and an
odd target it explores exponentially many nodes and returns nothing.  Here a bitset
table ``reach[i]`` (bit ``r`` set iff ``r`` can be made from the candidates from ``i``
on, built with shift-or on Python ints) is consulted before every step, so every node
of the search lies on the way to an answer and the search is *output-sensitive*.  Each
node makes a binary decision (take the current candidate, or move past it), so
equal multisets are never generated twice.  III needs no table: the sums of ``j``
distinct integers from a range fill a contiguous interval, so two bounds decide
feasibility.  IV counts instead of listing: ``ways[t] = sum(ways[t - c])``.

Complexity, with ``n`` candidates, target ``T``, smallest candidate ``m`` and ``S``
combinations returned: I in O(n·T + S·(n + T/m)), II in O(n log n + n·T + S·n),
III in O(S·k), IV in O(n·T) big-integer additions.  The tables take O(n·T) memory,
so a target in the billions is out of reach even when few combinations exist.

Source: LeetCode 39, 40, 216, 377.  Verified against brute-force enumeration
(products of multiplicities, index subsets) and against each other in
``tests/algos/test_combination_sum.py``.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import SupportsIndex

__all__ = ["combination_sum", "combination_sum2", "combination_sum3", "combination_sum4"]

_DIGITS = 9  # LeetCode 216 draws from 1..9


def combination_sum(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every multiset of ``candidates`` (each reusable) that sums to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Positive integers (integer-likes such as ``numpy.int64`` are accepted; bool and
        float are not).  Repeated values are ignored.
    target : int
        The sum to reach.

    Returns
    -------
    list of list of int
        Each combination in ascending order, the combinations in lexicographic order.
        ``[[]]`` when ``target == 0``; ``[]`` when ``target < 0`` or nothing sums to it.

    Raises
    ------
    TypeError
        If ``candidates`` is not iterable, or it or ``target`` holds a non-integer.
    ValueError
        If a candidate is zero or negative (the answer would be infinite).

    Complexity
    ----------
    O(n·T) for the reachability table, then O(n + T/m) per combination:
    output-sensitive, with no dead ends.  Memory O(n·T) besides the output.

    Examples
    --------
    >>> combination_sum([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    >>> combination_sum([2, 3, 5], 8)
    [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    >>> combination_sum([2], 1)
    []
    >>> combination_sum([4, 2], 0)
    [[]]
    """
    values = _positive_ints(candidates, "candidates")
    target = _as_int(target, "target")
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


def combination_sum2(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every distinct multiset of ``candidates`` (each element used once) summing to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Positive integers, repeats allowed (integer-likes such as ``numpy.int64`` are
        accepted; bool and float are not).  Zero is rejected too, although it would
        not make the answer infinite, so that all four problems share one contract.
    target : int
        The sum to reach.

    Returns
    -------
    list of list of int
        Each combination in ascending order, no combination twice, the combinations in
        lexicographic order.  ``[[]]`` when ``target == 0``; ``[]`` when ``target < 0``
        or nothing sums to it.

    Raises
    ------
    TypeError
        If ``candidates`` is not iterable, or it or ``target`` holds a non-integer.
    ValueError
        If a candidate is zero or negative.

    Complexity
    ----------
    O(n log n) to sort, O(n·T) for the reachability table, then O(n)
    per combination: output-sensitive, with no dead ends.  Memory O(n·T).

    Examples
    --------
    >>> combination_sum2([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    >>> combination_sum2([2, 5, 2, 1, 2], 5)
    [[1, 2, 2], [5]]
    """
    values = _positive_ints(candidates, "candidates")
    target = _as_int(target, "target")
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


def combination_sum3(k: int, n: int) -> list[list[int]]:
    """Every set of ``k`` distinct digits from 1 to 9 that sums to ``n``.

    Parameters
    ----------
    k : int
        How many digits; ``k > 9`` simply has no answer.
    n : int
        The sum to reach.

    Returns
    -------
    list of list of int
        Each combination in ascending order, the combinations in lexicographic order.
        ``[[]]`` when ``k == 0 and n == 0``.

    Raises
    ------
    TypeError
        If ``k`` or ``n`` is not an integer (bool included).
    ValueError
        If ``k`` is negative.

    Complexity
    ----------
    O(S·k) for S combinations (S ≤ C(9, 4) = 126): every digit tried leads to an answer.

    Examples
    --------
    >>> combination_sum3(3, 7)
    [[1, 2, 4]]
    >>> combination_sum3(3, 9)
    [[1, 2, 6], [1, 3, 5], [2, 3, 4]]
    >>> combination_sum3(4, 1)
    []
    """
    k = _as_int(k, "k")
    n = _as_int(n, "n")
    if k < 0:
        raise ValueError(f"k must be a non-negative int, got {k!r}")
    found: list[list[int]] = []
    _pick_digits(k, n, 1, [], found)
    return found


def combination_sum4(nums: Iterable[int], target: int) -> int:
    """How many ordered sequences of elements of ``nums`` (each reusable) sum to ``target``.

    Parameters
    ----------
    nums : iterable of int
        Positive integers (integer-likes such as ``numpy.int64`` are accepted; bool and
        float are not).  Repeated values are ignored, as in :func:`combination_sum`.
    target : int
        The sum to reach.

    Returns
    -------
    int
        The exact count, a Python int of any size.  1 when ``target == 0`` (the empty
        sequence), 0 when ``target < 0``.

    Raises
    ------
    TypeError
        If ``nums`` is not iterable, or it or ``target`` holds a non-integer.
    ValueError
        If an element of ``nums`` is zero or negative (the count would be infinite).

    Complexity
    ----------
    O(n·T) additions of integers of O(T) bits; memory O(T) such integers.

    Examples
    --------
    >>> combination_sum4([1, 2, 3], 4)
    7
    >>> combination_sum4([9], 3)
    0
    >>> combination_sum4([1, 2], 100)  # Fibonacci(101), beyond 64 bits
    573147844013817084101
    """
    values = _positive_ints(nums, "nums")
    target = _as_int(target, "target")
    if target < 0:
        return 0
    coins = sorted({c for c in values if c <= target})
    # ways[t] counts sequences summing to t, split by their last element c.
    ways = [1] + [0] * target
    for t in range(1, target + 1):
        total = 0
        for c in coins:
            if c > t:
                break
            total += ways[t - c]
        ways[t] = total
    return ways[target]


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


def _pick_digits(
    count: int, remaining: int, low: int, path: list[int], found: list[list[int]]
) -> None:
    if count == 0:
        if remaining == 0:
            found.append(path.copy())
        return
    # After taking x, the other count - 1 digits come from x+1..9, and their sums fill
    # the interval [(count-1)·x + (count-1)·count/2, sum of the count-1 largest digits],
    # so these bounds admit exactly the x that still lead to an answer.
    rest = count - 1
    largest_rest = rest * _DIGITS - rest * (rest - 1) // 2
    lo = max(low, remaining - largest_rest)
    hi = min(_DIGITS - rest, (remaining - rest * count // 2) // count)
    for x in range(lo, hi + 1):
        path.append(x)
        _pick_digits(rest, remaining - x, x + 1, path, found)
        path.pop()


def _positive_ints(values: Iterable[int], name: str) -> list[int]:
    try:
        items = list(values)
    except TypeError:
        raise TypeError(
            f"{name} must be an iterable of positive ints, got {values!r} "
            f"of type {type(values).__name__}"
        ) from None
    checked = [_as_int(v, f"{name}[{i}]") for i, v in enumerate(items)]
    for i, v in enumerate(checked):
        if v <= 0:
            raise ValueError(f"{name}[{i}] must be a positive int, got {v!r}")
    return checked


def _as_int(value: object, name: str) -> int:
    if type(value) is int:  # the common case, ahead of the slow protocol check
        return value
    # __index__ admits numpy integers but not floats; bool has it too, yet True as a
    # count or an amount is almost always a bug, so it is refused explicitly.
    if isinstance(value, bool) or not isinstance(value, SupportsIndex):
        raise TypeError(f"{name} must be an int, got {value!r} of type {type(value).__name__}")
    return operator.index(value)

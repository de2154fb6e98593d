"""Combination Sum I and II by pruned backtracking, III by listing, IV by counting: the references.

Sort the candidates, then extend a combination one candidate at a time, never with a
candidate earlier in the sorted order than the last one taken, so every combination is
built once, in ascending order.  Sorting also prunes: once a candidate exceeds what
remains of the target, so do all later ones, and the loop stops.  For II, where equal
values are interchangeable, a value is tried once per position: ``i > start and
values[i] == values[i - 1]`` skips its later copies, which would build the same
combinations again.  III needs no search: there are at most C(9, 4) = 126 sets of ``k``
digits, and ``itertools.combinations`` lists them in ascending order, in C (a
backtracking search over the digits is 4 to 150 times slower, see the benchmark).  IV
counts instead of listing: ``ways[t] = sum(ways[t - c])``.

The search recurses once per number of a combination.  A search deeper than Python's
recursion limit allows (``combination_sum([1], 5000)``) is refused with a
``ValueError`` before it starts; :mod:`algos.combination_sum.bitset` searches such
inputs with an explicit stack.

Complexity, with ``n`` candidates, target ``T`` and smallest candidate ``m``: the
search visits every ascending prefix whose sum stays within ``T``, dead ends included
(``[2, 4, 6]`` with an odd target visits every even sum and returns nothing), each at
O(n) for the loop: O(n^(T/m + 1)) in the worst case for I, O(n·2^n) for II.  IV takes
O(n·T) additions.  :mod:`algos.combination_sum.bitset` avoids the dead ends.

Source: LeetCode 39, 40, 216, 377.

Status: tested against brute-force oracles sharing no code with it (coin-change
listing of multisets, 0/1 knapsack listing of sub-multisets, the 2^9 bitmasks of the
digits, multinomial counts), against each other, and within LeetCode's
constraints up to their limits, in ``tests/algos/test_combination_sum.py``.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable

from algos._checks import as_int, as_int_list

__all__ = ["combination_sum", "combination_sum2", "combination_sum3", "combination_sum4"]

_FRAMES_IN_USE = 200  # a margin for the callers' frames below the search


def combination_sum(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every multiset of ``candidates`` (each reusable) that sums to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Positive integers (numpy integers too; bool and float are not).  Repeated
        values are ignored: reuse is free anyway.
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
        If a candidate is zero or negative (the answer would be infinite), or the
        longest combination, ``target // min(candidates)`` numbers, is deeper than
        Python's recursion limit allows (use :func:`combination_sum_bitset`).

    Complexity
    ----------
    O(n^(T/m + 1)) in the worst case for ``n`` candidates, target ``T`` and smallest
    candidate ``m``: every ascending prefix with sum at most ``T`` is visited.

    Examples
    --------
    >>> combination_sum([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]
    >>> combination_sum([2, 3, 5], 8)
    [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    >>> combination_sum([2], 1)
    []
    """
    values = sorted(set(as_int_list(candidates, "candidates", low=1)))
    return _backtrack(values, as_int(target, "target"), reuse=True)


def combination_sum2(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every distinct multiset of ``candidates`` (each element used once) summing to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Positive integers, repeats allowed (numpy integers too; bool and float are not).
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
        If a candidate is zero or negative (zero is refused, as in the other three
        problems, though here it would only double the answer), or the longest
        combination is deeper than Python's recursion limit allows (use
        :func:`combination_sum2_bitset`).

    Complexity
    ----------
    O(n·2^n) in the worst case, after an O(n log n) sort.

    Examples
    --------
    >>> combination_sum2([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    >>> combination_sum2([2, 5, 2, 1, 2], 5)
    [[1, 2, 2], [5]]
    """
    values = sorted(as_int_list(candidates, "candidates", low=1))
    return _backtrack(values, as_int(target, "target"), reuse=False)


def combination_sum3(k: int, n: int) -> list[list[int]]:
    """Every set of ``k`` distinct digits from 1 to 9 that sums to ``n``.

    Parameters
    ----------
    k : int
        How many digits, ``k >= 0``; ``k > 9`` has no answer.
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
    O(C(9, k)·k): every set of ``k`` digits is listed and summed.

    Examples
    --------
    >>> combination_sum3(3, 7)
    [[1, 2, 4]]
    >>> combination_sum3(3, 9)
    [[1, 2, 6], [1, 3, 5], [2, 3, 4]]
    >>> combination_sum3(4, 1)
    []
    """
    k = as_int(k, "k", low=0)
    n = as_int(n, "n")
    return [list(digits) for digits in itertools.combinations(range(1, 10), k) if sum(digits) == n]


def combination_sum4(nums: Iterable[int], target: int) -> int:
    """How many ordered sequences of elements of ``nums`` (each reusable) sum to ``target``.

    Parameters
    ----------
    nums : iterable of int
        Positive integers (numpy integers too; bool and float are not).  Repeated
        values are ignored, as in :func:`combination_sum`.
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
    values = sorted(set(as_int_list(nums, "nums", low=1)))
    target = as_int(target, "target")
    if target < 0:
        return 0
    # ways[t] counts the sequences summing to t, split by their last element c.
    ways = [1] + [0] * target
    for t in range(1, target + 1):
        for c in values:
            if c > t:
                break  # sorted: the later values are too big as well
            ways[t] += ways[t - c]
    return ways[target]


def _backtrack(values: list[int], target: int, *, reuse: bool) -> list[list[int]]:
    """Every combination of the sorted ``values`` summing to ``target``, in lexicographic order.

    Each element is used once (``reuse=False``) or any number of times (``reuse=True``);
    equal elements are interchangeable.
    """
    _check_depth(values, target, reuse)
    found: list[list[int]] = []
    path: list[int] = []

    def extend(start: int, remaining: int) -> None:
        if remaining == 0:
            found.append(path.copy())
            return
        for i in range(start, len(values)):
            if values[i] > remaining:
                break  # sorted: the later values are too big as well
            if i > start and values[i] == values[i - 1]:
                continue  # a copy of the value just tried here: the same combinations again
            path.append(values[i])
            extend(i if reuse else i + 1, remaining - values[i])
            path.pop()

    extend(0, target)
    return found


def _check_depth(values: list[int], target: int, reuse: bool) -> None:
    """Refuse, by name, a search deeper than the interpreter allows.

    The longest combination the search builds is the smallest value repeated
    (``reuse``), or the smallest values taken once each while their sum fits.
    """
    if reuse:
        depth = target // values[0] if values and target > 0 else 0
    else:
        depth = sum(1 for total in itertools.accumulate(values) if total <= target)
    allowed = sys.getrecursionlimit() - _FRAMES_IN_USE
    if depth > allowed:
        variant = "combination_sum_bitset" if reuse else "combination_sum2_bitset"
        raise ValueError(
            f"target is too large for a recursive search: combinations of up to {depth} "
            f"numbers sum to target={target}, but Python's recursion limit allows "
            f"{allowed}; {variant} searches without recursion"
        )

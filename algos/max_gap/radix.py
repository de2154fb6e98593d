"""Maximum gap by an LSD radix sort of the offsets from the minimum, in pure Python: a variant.

Subtract the minimum, so every key is a non-negative int below ``2^w`` (``w`` the bit
length of ``max - min``), then sort the keys ``b`` bits at a time, least significant
digit first: each pass distributes the keys into ``2^b`` lists by their current digit,
keeping their order (stable), and joins the lists.  After ``ceil(w / b)`` passes the
keys are sorted, and the largest gap is the largest difference of neighbours.  Not
linear in n alone: a 64-bit range takes four passes of 16 bits.  Exact for ints of any
size.

Status: equal to ``max(b - a for a, b in pairwise(sorted(nums)))`` on hypothesis-drawn
ints (of any size, near ±2^63, with duplicates) in ``tests/algos/test_max_gap.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from algos._checks import as_int_list

__all__ = ["maximum_gap_radix"]


def maximum_gap_radix(nums: Iterable[int]) -> int:
    """The largest difference between successive elements of ``sorted(nums)``, by radix sort.

    Parameters
    ----------
    nums : iterable of int
        The numbers, negative and of any size allowed (numpy integers are converted).

    Returns
    -------
    int
        The largest gap; ``0`` for fewer than two numbers.

    Raises
    ------
    TypeError
        If ``nums`` is not iterable, or holds something that is not an int (a bool or a
        float included).

    Complexity
    ----------
    O((n + 2^b)·⌈w/b⌉) time and O(n + 2^b) space, where ``w`` is the bit length of
    ``max - min`` and the digit width is ``b = min(16, n.bit_length())`` (so ``2^b <=
    2n``): O(n·⌈w/16⌉) for n >= 2^16, four passes for 64-bit ranges.

    Examples
    --------
    >>> maximum_gap_radix([3, 6, 9, 1])
    3
    >>> maximum_gap_radix([-5, 2**70, 7])
    1180591620717411303417
    """
    values = as_int_list(nums, "nums")
    if len(values) < 2:
        return 0
    lo = min(values)
    keys = [x - lo for x in values]
    bits = min(16, len(keys).bit_length())
    mask = (1 << bits) - 1
    for shift in range(0, max(keys).bit_length(), bits):
        buckets: list[list[int]] = [[] for _ in range(mask + 1)]
        for key in keys:  # in order, so equal digits keep the previous passes' order
            buckets[(key >> shift) & mask].append(key)
        keys = [key for bucket in buckets for key in bucket]
    return max(b - a for a, b in pairwise(keys))

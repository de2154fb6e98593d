"""Maximum gap by an LSD radix sort of the offsets from the minimum, in pure Python.

Not linear in n alone: each pass handles ``b`` bits of ``max - min`` (``b = 16`` for
large n), so a 64-bit range takes four passes.  Each pass is a stable distribution into
``2**b`` lists, run in C by ``map``.  See :mod:`algos.max_gap` for the bucket method.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from itertools import chain, islice, repeat
from operator import and_, rshift, sub
from typing import Any

__all__ = ["maximum_gap_radix"]


def maximum_gap_radix(nums: Sequence[int]) -> int:
    """The largest difference between successive elements of ``sorted(nums)``, by radix sort.

    Offsets every element by the minimum, sorts the offsets with a stable LSD radix
    sort, ``b`` bits a digit, and takes the largest difference of neighbours.

    Parameters
    ----------
    nums : sequence of int
        The numbers, negative and of any size allowed.

    Returns
    -------
    int
        The largest gap; ``0`` for fewer than two elements.

    Raises
    ------
    TypeError
        If an element is not an int, or is a bool.

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
    _require_ints(nums, "nums")
    n = len(nums)
    if n < 2:
        return 0
    lo = min(nums)
    span: int = max(nums) - lo
    if span == 0:
        return 0
    keys: list[int] = list(map(sub, nums, repeat(lo)))
    bits = min(16, n.bit_length())
    mask = (1 << bits) - 1
    buckets: list[list[int]] = [[] for _ in range(mask + 1)]
    for shift in range(0, span.bit_length(), bits):
        digits = map(and_, map(rshift, keys, repeat(shift)), repeat(mask))
        # Stable distribution, run in C: buckets[digit].append(key) for each key in order.
        deque(map(list.append, map(buckets.__getitem__, digits), keys), maxlen=0)
        keys = list(chain.from_iterable(buckets))
        deque(map(list.clear, buckets), maxlen=0)  # the same buckets serve every pass
    gap: int = max(map(sub, islice(keys, 1, None), keys))
    return gap


def _require_ints(nums: Sequence[Any], name: str) -> None:
    for tp in set(map(type, nums)):
        if issubclass(tp, bool) or not issubclass(tp, int):
            index, bad = next((i, x) for i, x in enumerate(nums) if type(x) is tp)
            hint = "; maximum_gap handles floats" if issubclass(tp, float) else ""
            raise TypeError(
                f"{name} must hold ints (not bools), got {bad!r} of type {tp.__name__} "
                f"at index {index}{hint}"
            )

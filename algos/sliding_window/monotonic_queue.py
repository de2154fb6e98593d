"""A first-in first-out queue that also reports its maximum, each operation O(1) amortised.

The deque inside :func:`~algos.sliding_window.max_sliding_window`, as a class of its
own.  Beside the queue itself, keep the *candidates*: the values that could still
become the maximum, non-increasing from front to back.  A value pushed at the back
evicts the smaller candidates before it (it outlives them and beats them); popping the
front removes it from the candidates too if it heads them.  Equal values all stay, so
popping one of several equal maxima leaves the others.  Every value enters and leaves
the candidates once: O(1) amortised per operation.

Complexity: ``push`` O(1) amortised, ``pop``, ``max`` and ``len`` O(1); O(n) memory for
n queued values.

Source: the monotonic queue of LeetCode 239 "Sliding Window Maximum"; the "max queue"
interview problem (a queue with ``max`` in O(1)).

Status: tested against a plain list model (``max(list)`` after each operation) on
hypothesis-drawn sequences of pushes and pops, with ties and negative values.
"""

from __future__ import annotations

from collections import deque
from typing import Generic, TypeVar

from algos.sliding_window.deque import SupportsLessThan

__all__ = ["MonotonicQueue"]

T = TypeVar("T", bound=SupportsLessThan)


class MonotonicQueue(Generic[T]):
    """A FIFO queue with ``max()`` in O(1).

    Values must be totally ordered by ``<`` (no NaN).

    Examples
    --------
    >>> q = MonotonicQueue()
    >>> for x in [1, 3, 2]:
    ...     q.push(x)
    >>> q.max(), len(q)
    (3, 3)
    >>> q.pop(), q.pop(), q.max()
    (1, 3, 2)
    """

    def __init__(self) -> None:
        self._items: deque[T] = deque()
        self._candidates: deque[T] = deque()  # non-increasing: the front is the maximum

    def push(self, x: T) -> None:
        """Append ``x`` at the back.  O(1) amortised."""
        while self._candidates and self._candidates[-1] < x:
            self._candidates.pop()
        self._candidates.append(x)
        self._items.append(x)

    def pop(self) -> T:
        """Remove and return the value at the front (the oldest).  O(1).

        Raises
        ------
        IndexError
            If the queue is empty.
        """
        if not self._items:
            raise IndexError("pop from an empty MonotonicQueue")
        x = self._items.popleft()
        # The front candidate is the oldest of the candidates; if it equals x, it is x
        # or an equal value pushed after it, and dropping either leaves the same values.
        if not (self._candidates[0] < x or x < self._candidates[0]):
            self._candidates.popleft()
        return x

    def max(self) -> T:
        """The largest value in the queue.  O(1).

        Raises
        ------
        IndexError
            If the queue is empty.
        """
        if not self._candidates:
            raise IndexError("max of an empty MonotonicQueue")
        return self._candidates[0]

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"MonotonicQueue({list(self._items)!r})"

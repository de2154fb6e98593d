# expect: timeout
"""A queue whose max() scans every element: correct, but O(n) per call."""

from collections import deque


class MonotonicQueue:
    def __init__(self):
        self.items = deque()

    def push(self, x):
        self.items.append(x)

    def pop(self):
        return self.items.popleft()

    def max(self):
        return max(self.items)

    def __len__(self):
        return len(self.items)

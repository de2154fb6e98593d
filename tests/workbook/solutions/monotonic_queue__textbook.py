# expect: pass
"""A queue with max() in O(1) amortised: the items, and the candidates for the maximum."""

from collections import deque


class MonotonicQueue:
    def __init__(self):
        self.items = deque()
        self.candidates = deque()

    def push(self, x):
        while self.candidates and self.candidates[-1] < x:
            self.candidates.pop()
        self.candidates.append(x)
        self.items.append(x)

    def pop(self):
        x = self.items.popleft()
        if self.candidates[0] == x:
            self.candidates.popleft()
        return x

    def max(self):
        return self.candidates[0]

    def __len__(self):
        return len(self.items)

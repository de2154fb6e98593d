"""micrograd's scalar engine: the whole idea of reverse-mode autograd on one number.

A :class:`Value` holds a float, the Values it was computed from, and a closure that,
given its own gradient, adds its contribution to theirs (the chain rule, one edge at a
time).  ``backward()`` seeds ``dL/dL = 1`` and runs the closures in reverse
topological order, so each node's gradient is complete before it is passed on.

    a + b: 1, 1        a * b: b, a        a ** k: k a^(k-1)
    relu: [a > 0]      tanh: 1 - t^2      exp: e^a

Complexity: O(nodes + edges) for ``backward``; the ordering is iterative
(:func:`~.graph.topological_order`), so a chain of 10^5 ops works.

Source: A. Karpathy, micrograd (2020), ``micrograd/engine.py``.

Status: values and gradients of random expressions equal torch's in float64.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ml_from_scratch._checks import describe
from ml_from_scratch.autograd.graph import topological_order


class Value:
    """A scalar with a gradient.

    Parameters
    ----------
    data : float
        The value.

    Attributes
    ----------
    data : float
    grad : float
        ``dL/dself`` after ``L.backward()`` (0 before).
    parents : tuple of Value
        The Values this one was computed from.

    Examples
    --------
    >>> a, b = Value(2.0), Value(-3.0)
    >>> c = a * b + a ** 2
    >>> c.backward()
    >>> c.data, a.grad, b.grad
    (-2.0, 1.0, 2.0)
    """

    __slots__ = ("_backward", "data", "grad", "parents")

    def __init__(self, data: float, parents: tuple[Value, ...] = ()) -> None:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise TypeError(f"data must be a real number, got {describe(data)}")
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self._backward: Callable[[], None] = lambda: None

    def __add__(self, other: Any) -> Value:
        other = _as_value(other)
        out = Value(self.data + other.data, (self, other))

        def backward() -> None:
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other: Any) -> Value:
        other = _as_value(other)
        out = Value(self.data * other.data, (self, other))

        def backward() -> None:
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def __pow__(self, exponent: float) -> Value:
        if isinstance(exponent, bool) or not isinstance(exponent, int | float):
            raise TypeError(f"exponent must be an int or float, got {describe(exponent)}")
        out = Value(self.data**exponent, (self,))

        def backward() -> None:
            self.grad += exponent * self.data ** (exponent - 1) * out.grad

        out._backward = backward
        return out

    def relu(self) -> Value:
        """``max(self, 0)``; gradient 0 at 0."""
        out = Value(max(self.data, 0.0), (self,))

        def backward() -> None:
            self.grad += (self.data > 0) * out.grad

        out._backward = backward
        return out

    def tanh(self) -> Value:
        """The hyperbolic tangent."""
        t = math.tanh(self.data)
        out = Value(t, (self,))

        def backward() -> None:
            self.grad += (1 - t * t) * out.grad

        out._backward = backward
        return out

    def exp(self) -> Value:
        """``e ** self``."""
        out = Value(math.exp(self.data), (self,))

        def backward() -> None:
            self.grad += out.data * out.grad

        out._backward = backward
        return out

    def backward(self) -> None:
        """Fill in ``grad`` of every Value this one depends on: ``d self / d node``.

        The gradients of the leaves (Values made by the user) add up over calls, as in
        torch; those of computed Values are recomputed each time.
        """
        order = topological_order(self)
        for node in order:
            if node.parents:
                node.grad = 0.0
        self.grad += 1.0
        for node in reversed(order):
            node._backward()

    def __neg__(self) -> Value:
        return self * -1

    def __radd__(self, other: Any) -> Value:
        return self.__add__(other)

    def __sub__(self, other: Any) -> Value:
        return self + (-_as_value(other))

    def __rsub__(self, other: Any) -> Value:
        return _as_value(other) + (-self)

    def __rmul__(self, other: Any) -> Value:
        return self.__mul__(other)

    def __truediv__(self, other: Any) -> Value:
        return self * _as_value(other) ** -1

    def __rtruediv__(self, other: Any) -> Value:
        return _as_value(other) * self**-1

    def __repr__(self) -> str:
        return f"Value(data={self.data!r}, grad={self.grad!r})"


def _as_value(other: Any) -> Value:
    return other if isinstance(other, Value) else Value(other)

"""The :class:`Tensor`: a numpy array that remembers how it was computed.

A tensor made by the user is a *leaf*; with ``requires_grad=True`` its ``.grad``
receives ``dL/dx`` when ``L.backward()`` runs.  Every op on tensors returns a new tensor
holding its ``parents`` and a ``backward_rule`` (see :mod:`.graph`) -- but only when grad
mode is on and some input requires grad, so inference under :func:`~.graph.no_grad` and
arithmetic on constants build no graph at all.

The methods are thin wrappers over the functions of :mod:`.functional`, as torch's are
over ``torch.*``.  dtype: float64 by default, float32 kept (float32 in, float32 values and
gradients out); ints and bools become float64.  There are no in-place ops: every op
makes a new array, so a saved input is never changed under a rule's feet.

Complexity: a few microseconds of Python per op on top of numpy's own work (measured in
``benchmarks/ml_from_scratch/bench_autograd.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ml_from_scratch._checks import as_bool, describe
from ml_from_scratch.autograd.graph import _MODE, Array, run_backward

Rule = Callable[[Array], Sequence[Array | None]]
FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


class Tensor:
    """An n-dimensional float array with reverse-mode gradients.

    Parameters
    ----------
    data : array_like
        Copied into a new array.
    requires_grad : bool
        Whether ``.grad`` is filled in by ``backward``.
    dtype : float32 or float64, optional
        Default: the dtype of ``data`` when it is a float32 or float64 array, else float64.

    Attributes
    ----------
    data : ndarray
        The values.
    grad : ndarray or None
        ``dL/dself`` summed over every ``backward`` call since it was last cleared (a
        leaf's only; an intermediate result does not keep one, as in torch).
    requires_grad : bool
    parents : tuple of Tensor
        The inputs this tensor was computed from (empty for a leaf).
    backward_rule : callable or None
        ``rule(dL/dself)``: the gradients of the parents, in order (``None`` for a leaf).

    Raises
    ------
    TypeError
        If ``data`` is not numeric, or ``dtype`` is not float32 or float64.

    Examples
    --------
    >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    >>> loss = (x * x).sum()
    >>> loss.backward()
    >>> x.grad.tolist()
    [[2.0, 4.0], [6.0, 8.0]]
    >>> Tensor(np.ones(2, dtype=np.float32)).dtype
    dtype('float32')
    """

    __slots__ = ("__weakref__", "backward_rule", "data", "grad", "parents", "requires_grad")
    __array_ufunc__ = None  # ndarray (op) Tensor defers to Tensor's reflected method

    data: Array
    grad: Array | None
    requires_grad: bool
    parents: tuple[Tensor, ...]
    backward_rule: Rule | None

    def __init__(self, data: Any, requires_grad: bool = False, dtype: Any = None) -> None:
        self.data = _as_float_array(data, dtype)
        self.grad = None
        self.requires_grad = as_bool(requires_grad, "requires_grad")
        self.parents = ()
        self.backward_rule = None

    # ------------------------------------------------------------------ attributes

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of ``data``."""
        return self.data.shape

    @property
    def dtype(self) -> np.dtype[Any]:
        """float32 or float64."""
        return self.data.dtype

    @property
    def ndim(self) -> int:
        """The number of dimensions."""
        return self.data.ndim

    @property
    def size(self) -> int:
        """The number of elements."""
        return self.data.size

    @property
    def is_leaf(self) -> bool:
        """True for a tensor made by the user (or under no_grad), not by a recorded op."""
        return self.backward_rule is None

    def item(self) -> float:
        """The value of a one-element tensor as a Python float."""
        if self.data.size != 1:
            raise ValueError(f"item() needs a tensor of one element, got shape {self.shape}")
        return float(self.data.reshape(()))

    def numpy(self) -> Array:
        """The values as an ndarray (the tensor's own array: do not write into it)."""
        return self.data

    def detach(self) -> Tensor:
        """The same values, cut from the graph: a new leaf that does not require grad."""
        return Tensor._wrap(self.data)

    def __len__(self) -> int:
        if self.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return int(self.data.shape[0])

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        flags = ", requires_grad=True" if self.requires_grad else ""
        kind = "" if self.dtype == np.float64 else f", dtype={self.dtype}"
        return f"Tensor({body}{kind}{flags})"

    # ------------------------------------------------------------------ autograd

    def backward(self, grad: Any = None) -> None:
        """Accumulate ``d <self, grad> / d leaf`` into every leaf's ``.grad``.

        Parameters
        ----------
        grad : array_like, optional
            The gradient of the final scalar with respect to this tensor, of its shape.
            Default: 1, allowed only when this tensor has one element.

        Raises
        ------
        ValueError
            If this tensor does not require grad, or ``grad`` is missing for a tensor
            of more than one element, or has the wrong shape.
        """
        if not self.requires_grad:
            raise ValueError(
                "backward() needs a tensor that requires grad: this one was computed "
                "from no input with requires_grad=True (or under no_grad)"
            )
        if grad is None:
            if self.data.size != 1:
                raise ValueError(
                    f"grad must be given for a tensor of more than one element, "
                    f"got shape {self.shape}; call .sum().backward() or pass grad"
                )
            seed = np.ones(self.shape, dtype=self.dtype)
        else:
            raw = grad.data if isinstance(grad, Tensor) else grad
            seed = np.array(raw, dtype=self.dtype)  # a copy: the user's array is not kept
            if seed.shape != self.shape:
                raise ValueError(
                    f"grad must have the tensor's shape {self.shape}, got shape {seed.shape}"
                )
        run_backward([self], [seed])

    @staticmethod
    def _wrap(data: Array) -> Tensor:
        """A leaf on ``data`` itself (no copy, no checks): for the engine's own arrays."""
        out = Tensor.__new__(Tensor)
        out.data, out.grad, out.requires_grad = data, None, False
        out.parents, out.backward_rule = (), None
        return out

    # ------------------------------------------------------------------ operators

    def __add__(self, other: Any) -> Tensor:
        return F.add(self, other)

    def __radd__(self, other: Any) -> Tensor:
        return F.add(other, self)

    def __sub__(self, other: Any) -> Tensor:
        return F.sub(self, other)

    def __rsub__(self, other: Any) -> Tensor:
        return F.sub(other, self)

    def __mul__(self, other: Any) -> Tensor:
        return F.mul(self, other)

    def __rmul__(self, other: Any) -> Tensor:
        return F.mul(other, self)

    def __truediv__(self, other: Any) -> Tensor:
        return F.div(self, other)

    def __rtruediv__(self, other: Any) -> Tensor:
        return F.div(other, self)

    def __pow__(self, other: Any) -> Tensor:
        return F.pow(self, other)

    def __rpow__(self, other: Any) -> Tensor:
        return F.pow(other, self)

    def __matmul__(self, other: Any) -> Tensor:
        return F.matmul(self, other)

    def __rmatmul__(self, other: Any) -> Tensor:
        return F.matmul(other, self)

    def __neg__(self) -> Tensor:
        return F.neg(self)

    def __getitem__(self, index: Any) -> Tensor:
        return F.getitem(self, index)

    # ------------------------------------------------------------------ methods

    def sum(self, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Tensor:
        """:func:`.functional.sum`."""
        return F.sum(self, axis, keepdims)

    def mean(self, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Tensor:
        """:func:`.functional.mean`."""
        return F.mean(self, axis, keepdims)

    def max(self, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Tensor:
        """:func:`.functional.max`."""
        return F.max(self, axis, keepdims)

    def min(self, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Tensor:
        """:func:`.functional.min`."""
        return F.min(self, axis, keepdims)

    def reshape(self, *shape: Any) -> Tensor:
        """:func:`.functional.reshape`; ``x.reshape(2, 3)`` or ``x.reshape((2, 3))``."""
        return F.reshape(self, _axes_arguments(shape))

    def transpose(self, *axes: Any) -> Tensor:
        """:func:`.functional.transpose`; no axes reverses them, as numpy's."""
        return F.transpose(self, _axes_arguments(axes) or None)

    def permute(self, *axes: Any) -> Tensor:
        """:func:`.functional.transpose` with every axis given, as torch's ``permute``."""
        return F.transpose(self, _axes_arguments(axes))

    @property
    def T(self) -> Tensor:
        """The axes reversed (numpy's ``.T``)."""
        return F.transpose(self, None)

    def broadcast_to(self, shape: Sequence[int]) -> Tensor:
        """:func:`.functional.broadcast_to`."""
        return F.broadcast_to(self, shape)

    def exp(self) -> Tensor:
        """:func:`.functional.exp`."""
        return F.exp(self)

    def log(self) -> Tensor:
        """:func:`.functional.log`."""
        return F.log(self)

    def sqrt(self) -> Tensor:
        """:func:`.functional.sqrt`."""
        return F.sqrt(self)

    def abs(self) -> Tensor:
        """:func:`.functional.abs`."""
        return F.abs(self)

    def tanh(self) -> Tensor:
        """:func:`.functional.tanh`."""
        return F.tanh(self)

    def sigmoid(self) -> Tensor:
        """:func:`.functional.sigmoid`."""
        return F.sigmoid(self)

    def relu(self) -> Tensor:
        """:func:`.functional.relu`."""
        return F.relu(self)

    def clip(self, low: float | None = None, high: float | None = None) -> Tensor:
        """:func:`.functional.clip`."""
        return F.clip(self, low, high)

    def softmax(self, axis: int = -1) -> Tensor:
        """:func:`.functional.softmax`."""
        return F.softmax(self, axis)

    def log_softmax(self, axis: int = -1) -> Tensor:
        """:func:`.functional.log_softmax`."""
        return F.log_softmax(self, axis)

    def logsumexp(self, axis: int | Sequence[int] | None = None, keepdims: bool = False) -> Tensor:
        """:func:`.functional.logsumexp`."""
        return F.logsumexp(self, axis, keepdims)


def result(data: Array, parents: tuple[Tensor, ...], rule: Rule) -> Tensor:
    """The output of an op: recorded in the graph only if grad mode is on and an input
    requires grad (the one place the engine decides what to record)."""
    out = Tensor.__new__(Tensor)
    out.data, out.grad = data, None
    if _MODE.enabled:
        for parent in parents:  # a loop, not any(...): this is the engine's hot path
            if parent.requires_grad:
                out.requires_grad, out.parents, out.backward_rule = True, parents, rule
                return out
    out.requires_grad, out.parents, out.backward_rule = False, (), None
    return out


def as_tensor(value: Any, name: str = "input") -> Tensor:
    """``value`` itself when it is a Tensor, else a constant leaf made from it."""
    if isinstance(value, Tensor):
        return value
    return Tensor._wrap(_as_float_array(value, None, name))


def _axes_arguments(values: tuple[Any, ...]) -> Any:
    """``f(2, 3)`` and ``f((2, 3))`` alike, as numpy's and torch's methods take them."""
    if len(values) == 1 and isinstance(values[0], Sequence | np.ndarray):
        return tuple(values[0])
    return values


def _as_float_array(data: Any, dtype: Any, name: str = "data") -> Array:
    if isinstance(data, Tensor):
        data = data.data
    if dtype is not None and np.dtype(dtype) not in FLOAT_DTYPES:
        raise TypeError(f"dtype must be float32 or float64, got {dtype!r}")
    try:
        array = np.array(data, dtype=dtype)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be numeric array_like, got {describe(data)}") from err
    if array.dtype in FLOAT_DTYPES:
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    raise TypeError(
        f"{name} must hold real numbers (float32 or float64 kept; ints and bools become "
        f"float64), got dtype {array.dtype}"
    )


from ml_from_scratch.autograd import functional as F  # noqa: E402, N812  (the methods wrap it)

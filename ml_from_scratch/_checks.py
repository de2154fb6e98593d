"""Input checks shared by every topic of :mod:`ml_from_scratch`.

The generic checks (ints, bools, finite numbers, choices) are :mod:`algos._checks`'s,
so the whole workbook words its errors one way; the ones here are about arrays and
tensors.  Each names the argument, shows what was given and says what is allowed.

Examples
--------
>>> as_probability(0.1, "dropout_p")
0.1
>>> as_probability(1.5, "dropout_p")
Traceback (most recent call last):
...
ValueError: dropout_p must satisfy 0 <= dropout_p <= 1, got 1.5
>>> check_ndim(np.zeros((2, 3)), "x", (3, 4))
Traceback (most recent call last):
...
ValueError: x must have 3 or 4 dimensions, got shape (2, 3)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np  # noqa: F401  (the doctests use it)

from algos._checks import as_bool, as_finite, as_int, check_range, describe, one_of

if TYPE_CHECKING:
    from torch import Generator, Tensor

__all__ = [
    "as_bool",
    "as_finite",
    "as_int",
    "as_positive_int",
    "as_probability",
    "check_ndim",
    "check_range",
    "check_same",
    "describe",
    "one_of",
]


def as_positive_int(value: object, name: str) -> int:
    """``value`` as an int ``>= 1`` (sizes, counts, dimensions)."""
    return as_int(value, name, low=1)


def as_probability(value: object, name: str) -> float:
    """``value`` as a float in ``[0, 1]``."""
    p = as_finite(value, name)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"{name} must satisfy 0 <= {name} <= 1, got {value!r}")
    return p


def check_ndim(array: Any, name: str, allowed: Sequence[int]) -> None:
    """Raise ``ValueError`` unless ``array.ndim`` is one of ``allowed``."""
    shape = tuple(getattr(array, "shape", ()))
    if len(shape) not in allowed:
        dims = " or ".join(map(str, allowed))
        raise ValueError(f"{name} must have {dims} dimensions, got shape {shape}")


def check_same(name: str, value: object, other_name: str, other: object) -> None:
    """Raise ``ValueError`` unless two sizes (or shapes) that must agree do.

    >>> check_same("query.shape[-1]", 64, "key.shape[-1]", 32)
    Traceback (most recent call last):
    ...
    ValueError: query.shape[-1] must equal key.shape[-1]: got 64 and 32
    """
    if value != other:
        raise ValueError(f"{name} must equal {other_name}: got {value} and {other}")


# ----------------------------------------------------------------------------------------
# Attention and position encodings: torch tensors.  torch is imported inside the checks,
# so that the numpy topics importing this module do not pay for it.


def as_tensor(value: object, name: str, *, min_ndim: int = 0, floating: bool = False) -> Tensor:
    """``value`` when it is a torch tensor with at least ``min_ndim`` dimensions.

    >>> import torch
    >>> as_tensor([1.0], "query")
    Traceback (most recent call last):
    ...
    TypeError: query must be a torch.Tensor, got [1.0] (list)
    >>> as_tensor(torch.zeros(3, dtype=torch.long), "query", floating=True)
    Traceback (most recent call last):
    ...
    TypeError: query must have a floating dtype, got torch.int64
    >>> as_tensor(torch.zeros(3), "query", min_ndim=2)
    Traceback (most recent call last):
    ...
    ValueError: query must have at least 2 dimensions, got shape (3,)
    """
    import torch

    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {describe(value)}")
    if floating and not value.is_floating_point():
        raise TypeError(f"{name} must have a floating dtype, got {value.dtype}")
    if value.ndim < min_ndim:
        raise ValueError(
            f"{name} must have at least {min_ndim} dimensions, got shape {tuple(value.shape)}"
        )
    return value


def check_same_dtype_and_device(tensors: dict[str, Tensor]) -> None:
    """Raise ``TypeError`` unless all ``tensors`` share one dtype and one device.

    >>> import torch
    >>> check_same_dtype_and_device({"query": torch.zeros(1), "key": torch.zeros(1).double()})
    Traceback (most recent call last):
    ...
    TypeError: query and key must have the same dtype: got torch.float32 and torch.float64
    """
    (first, reference), *others = tensors.items()
    for name, tensor in others:
        if tensor.dtype != reference.dtype:
            raise TypeError(
                f"{first} and {name} must have the same dtype: "
                f"got {reference.dtype} and {tensor.dtype}"
            )
        if tensor.device != reference.device:
            raise TypeError(
                f"{first} and {name} must be on the same device: "
                f"got {reference.device} and {tensor.device}"
            )


def broadcast_batch(shapes: dict[str, tuple[int, ...]]) -> tuple[int, ...]:
    """The broadcast of the given batch shapes; ``ValueError`` naming them when they clash.

    >>> broadcast_batch({"query": (2, 1), "key": (3,)})
    (2, 3)
    >>> broadcast_batch({"query": (2,), "key": (3,)})
    Traceback (most recent call last):
    ...
    ValueError: the batch dimensions of query and key must broadcast: got (2,) and (3,)
    """
    result: list[int] = []
    for sizes in itertools.zip_longest(*(reversed(s) for s in shapes.values()), fillvalue=1):
        wide = {size for size in sizes if size != 1}
        if len(wide) > 1:
            names = " and ".join(shapes)
            given = " and ".join(str(tuple(s)) for s in shapes.values())
            raise ValueError(f"the batch dimensions of {names} must broadcast: got {given}")
        result.append(wide.pop() if wide else 1)
    return tuple(reversed(result))


def check_query_key_value(query: object, key: object, value: object = None) -> tuple[int, int]:
    """Check attention inputs ``(..., L, E)``, ``(..., S, E)``, ``(..., S, Ev)``; return (L, S).

    Floating tensors of one dtype and device, at least 2-D, with matching ``E`` and ``S``
    and batch dimensions that broadcast.  Without ``value``, only the query and the key.

    >>> import torch
    >>> check_query_key_value(torch.zeros(2, 4, 8), torch.zeros(1, 6, 8), torch.zeros(6, 3))
    (4, 6)
    >>> check_query_key_value(torch.zeros(4, 8), torch.zeros(6, 7), torch.zeros(6, 3))
    Traceback (most recent call last):
    ...
    ValueError: query.shape[-1] must equal key.shape[-1]: got 8 and 7
    """
    given = (("query", query), ("key", key)) + ((("value", value),) if value is not None else ())
    tensors = {name: as_tensor(x, name, min_ndim=2, floating=True) for name, x in given}
    check_same_dtype_and_device(tensors)
    q, k = tensors["query"], tensors["key"]
    check_same("query.shape[-1]", q.shape[-1], "key.shape[-1]", k.shape[-1])
    if "value" in tensors:
        check_same("key.shape[-2]", k.shape[-2], "value.shape[-2]", tensors["value"].shape[-2])
    broadcast_batch({name: tuple(t.shape[:-2]) for name, t in tensors.items()})
    return q.shape[-2], k.shape[-2]


def as_generator(value: object, name: str = "generator") -> Generator | None:
    """``value`` when it is ``None`` or a ``torch.Generator``.

    >>> as_generator(0)
    Traceback (most recent call last):
    ...
    TypeError: generator must be a torch.Generator or None, got 0 (int)
    """
    import torch

    if value is not None and not isinstance(value, torch.Generator):
        raise TypeError(f"{name} must be a torch.Generator or None, got {describe(value)}")
    return value


def as_int_tensor(value: object, name: str) -> Tensor:
    """``value`` when it is a torch tensor of an integer dtype (positions, offsets).

    >>> import torch
    >>> as_int_tensor(torch.tensor([0.5]), "positions")
    Traceback (most recent call last):
    ...
    TypeError: positions must have an integer dtype, got torch.float32
    """
    import torch

    tensor = as_tensor(value, name)
    if tensor.is_floating_point() or tensor.is_complex() or tensor.dtype == torch.bool:
        raise TypeError(f"{name} must have an integer dtype, got {tensor.dtype}")
    return tensor


__all__ += [
    "as_generator",
    "as_int_tensor",
    "as_tensor",
    "broadcast_batch",
    "check_query_key_value",
    "check_same_dtype_and_device",
]

"""What the attention tests share: hypothesis cases of attention inputs, and a tensor census.

:func:`attention_case` draws shapes ``(..., L, E)``, ``(..., S, E)``, ``(..., S, Ev)``
with ``L != S`` allowed, odd dimensions, batch dimensions that broadcast (a size-1 or
missing dimension on one side), and an optional mask: boolean (some rows wholly
masked), floating (with ``-inf`` entries), or causal.  The arrays come from one seeded
numpy generator, so a failing case is reproduced from its seed.

:class:`TensorCensus` watches every torch call made inside it and records the largest
tensor produced and the total number of elements produced: how the memory tests see
that an implementation never builds an ``L x S`` matrix, and how much work it did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from hypothesis import strategies as st
from torch.overrides import TorchFunctionMode
from torch_oracle import Const

DTYPES = [np.float32, np.float64]
MASK_KINDS = ["none", "bool", "float", "causal"]


@dataclass
class Case:
    """One drawn attention input, as arrays for ``check_op``."""

    query: np.ndarray[Any, Any]
    key: np.ndarray[Any, Any]
    value: np.ndarray[Any, Any]
    mask_kind: str
    mask: np.ndarray[Any, Any] | None
    scale: float | None

    @property
    def is_causal(self) -> bool:
        return self.mask_kind == "causal"

    def inputs(self) -> list[Any]:
        """``[query, key, value, mask]``: the float mask differentiable, a bool one const."""
        arrays: list[Any] = [self.query, self.key, self.value]
        if self.mask is None:
            return [*arrays, Const(None)]
        return [*arrays, self.mask if self.mask_kind == "float" else Const(self.mask)]

    def kwargs(self) -> dict[str, Any]:
        return {"is_causal": self.is_causal, "scale": self.scale}


def _batch_shapes(draw: st.DrawFn) -> tuple[tuple[int, ...], ...]:
    """Three batch shapes that broadcast: each dimension full, 1, or missing on the left."""
    full = draw(st.lists(st.integers(1, 3), max_size=3))
    shapes = []
    for _ in range(3):
        dims = [draw(st.sampled_from([n, 1])) for n in full]
        drop = draw(st.integers(0, len(dims)))
        shapes.append(tuple(dims[drop:]))
    return tuple(shapes)


@st.composite
def attention_case(
    draw: st.DrawFn,
    dtype: Any,
    *,
    max_len: int = 12,
    max_dim: int = 9,
    mask_kinds: list[str] = MASK_KINDS,
    broadcast: bool = True,
    custom_scale: bool = True,
) -> Case:
    L, S = draw(st.integers(1, max_len)), draw(st.integers(1, max_len))
    E, Ev = draw(st.integers(1, max_dim)), draw(st.integers(1, max_dim))
    qb, kb, vb = _batch_shapes(draw) if broadcast else ((2,), (2,), (2,))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    query = rng.standard_normal((*qb, L, E)).astype(dtype)
    key = rng.standard_normal((*kb, S, E)).astype(dtype)
    value = rng.standard_normal((*vb, S, Ev)).astype(dtype)
    kind = draw(st.sampled_from(mask_kinds))
    mask = None
    if kind in ("bool", "float"):
        # (L, S), (1, S) or (L, 1) against every batch, or a full batch mask.
        shape = draw(st.sampled_from([(L, S), (1, S), (L, 1), (*qb, L, S)]))
        allowed = rng.random(shape) < draw(st.sampled_from([0.3, 0.7, 1.0]))
        if kind == "bool":
            mask = allowed
        else:
            mask = np.where(allowed, rng.standard_normal(shape), -np.inf).astype(dtype)
    scale = draw(st.sampled_from([None, 0.3, 2.0])) if custom_scale else None
    return Case(query, key, value, kind, mask, scale)


class TensorCensus(TorchFunctionMode):
    """Inside ``with TensorCensus() as census``: every tensor a torch call produces.

    Attributes
    ----------
    largest : int
        The most elements of any one tensor produced (views included).
    produced : int
        The sum of the elements of all tensors produced: the work done, roughly.
    """

    def __init__(self) -> None:
        super().__init__()
        self.largest = 0
        self.produced = 0

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        result = func(*args, **(kwargs or {}))
        for out in result if isinstance(result, tuple | list) else (result,):
            if isinstance(out, torch.Tensor):
                self.largest = max(self.largest, out.numel())
                self.produced += out.numel()
        return result

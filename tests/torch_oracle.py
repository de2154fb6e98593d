"""The one oracle helper of the ML tests: run an op here and in torch, compare everything.

Modelled on tinygrad's ``helper_test_op``.  :func:`check_op` builds the inputs from numpy
arrays, runs the implementation under test and the torch oracle on them, and compares

* every output, value and dtype (float32 in, float32 out);
* the gradient of every differentiable input, for a random upstream gradient (ones
  would hide a transposed or permuted gradient): ``d <out, g> / d input``;

with tolerances set by the dtype.  A failure names the output or input, its shape and
dtype, the worst difference, where it is, and the tolerance it broke.

The implementation under test is reached through an :class:`Engine`: how to make an
input of it from an array, how to read an output back, and how to get gradients.
:data:`TORCH` serves implementations written with torch tensors (attention,
upsampling); an engine of one's own serves anything else (the numpy autograd engine
adds its own).

Tolerances (:func:`tolerances`): ``|actual - expected| <= atol * scale + rtol * |expected|``
with ``scale = max(1, max |expected|)``.  float64: ``rtol = atol = 1e-10``: the two sides
differ in summation order only, which costs a few ulps (1e-16) times the length of the
longest reduction and the condition of the op; 1e-10 leaves six orders of magnitude for
that and still catches any wrong formula.  float32: ``rtol = atol = 2e-5``: a unit
roundoff of 6e-8, times ~sqrt(n) growth over reductions of up to 10^5 terms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch


@dataclass(frozen=True)
class Const:
    """An input that is not differentiated: an index array, a mask, a shape, a flag."""

    value: Any


@dataclass(frozen=True)
class Engine:
    """How :func:`check_op` talks to the implementation under test.

    Attributes
    ----------
    name : str
    leaf : callable
        ``leaf(array, requires_grad)``: a differentiable input made from a float array.
    const : callable
        ``const(value)``: a non-differentiable input (arrays may need converting).
    value : callable
        ``value(output)``: an output as a numpy array.
    gradients : callable
        ``gradients(outputs, leaves, upstreams)``: ``d sum_i <out_i, g_i> / d leaf`` for
        each leaf, as numpy arrays (``None`` where an input gets no gradient).
    """

    name: str
    leaf: Callable[[np.ndarray[Any, Any], bool], Any]
    const: Callable[[Any], Any]
    value: Callable[[Any], np.ndarray[Any, Any]]
    gradients: Callable[[Sequence[Any], Sequence[Any], Sequence[np.ndarray[Any, Any]]], list[Any]]


def _to_torch(value: Any) -> Any:
    # np.array copies into a contiguous array and keeps a 0-d array 0-d
    # (np.ascontiguousarray would make it 1-d).
    return torch.from_numpy(np.array(value)) if isinstance(value, np.ndarray) else value


def _torch_gradients(
    outputs: Sequence[torch.Tensor],
    leaves: Sequence[torch.Tensor],
    upstreams: Sequence[np.ndarray[Any, Any]],
) -> list[Any]:
    grads = torch.autograd.grad(
        outputs, leaves, [torch.from_numpy(g) for g in upstreams], allow_unused=True
    )
    return [None if g is None else g.detach().numpy() for g in grads]


TORCH = Engine(
    name="torch",
    leaf=lambda array, requires_grad: torch.tensor(array, requires_grad=requires_grad),
    const=_to_torch,
    value=lambda t: t.detach().numpy(),
    gradients=_torch_gradients,
)


def tolerances(dtype: Any) -> tuple[float, float]:
    """``(rtol, atol)`` for outputs and gradients of ``dtype`` (see the module docstring)."""
    return {np.dtype(np.float64): (1e-10, 1e-10), np.dtype(np.float32): (2e-5, 2e-5)}[
        np.dtype(dtype)
    ]


def check_op(
    impl: Callable[..., Any],
    oracle: Callable[..., Any],
    inputs: Sequence[np.ndarray[Any, Any] | Const],
    *,
    engine: Engine = TORCH,
    grad: bool = True,
    rtol: float | None = None,
    atol: float | None = None,
    seed: int = 0,
    name: str = "",
) -> None:
    """Run ``impl`` (through ``engine``) and ``oracle`` (torch) on ``inputs``; compare all.

    Parameters
    ----------
    impl, oracle : callable
        Called with the inputs in the same order; ``oracle`` gets torch tensors.  Each
        returns one tensor or a tuple of them.
    inputs : sequence of float arrays and :class:`Const`
        A float array is a differentiable input (float32 or float64); a ``Const`` is
        passed as it is (numpy arrays in it become torch tensors for torch).
    grad : bool
        Compare the gradient of every float input too.
    rtol, atol : float, optional
        Override :func:`tolerances` (justify it where you do).
    seed : int
        Seed of the random upstream gradients.
    name : str
        Shown in failure messages.

    Raises
    ------
    AssertionError
        On any mismatch of shape, dtype, value or gradient, with the worst difference.
    """
    __tracebackhide__ = True
    floats = [x for x in inputs if not isinstance(x, Const)]
    dtype = floats[0].dtype if floats else np.dtype(np.float64)
    default_rtol, default_atol = tolerances(dtype)
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol

    ours_in = [
        engine.const(x.value) if isinstance(x, Const) else engine.leaf(x, grad) for x in inputs
    ]
    torch_in = [
        _to_torch(x.value) if isinstance(x, Const) else torch.tensor(x, requires_grad=grad)
        for x in inputs
    ]
    ours_out, torch_out = _as_tuple(impl(*ours_in)), _as_tuple(oracle(*torch_in))
    label = name or getattr(impl, "__name__", "op")
    assert len(ours_out) == len(torch_out), (
        f"{label}: {len(ours_out)} outputs, torch gives {len(torch_out)}"
    )
    for k, (ours, theirs) in enumerate(zip(ours_out, torch_out, strict=True)):
        _compare(f"{label} output {k}", engine.value(ours), theirs.detach().numpy(), rtol, atol)
    if not grad or not floats:
        return
    rng = np.random.default_rng(seed)
    upstreams = [rng.standard_normal(t.shape).astype(t.detach().numpy().dtype) for t in torch_out]
    ours_leaves = [x for x, raw in zip(ours_in, inputs, strict=True) if not isinstance(raw, Const)]
    torch_leaves = [
        x for x, raw in zip(torch_in, inputs, strict=True) if not isinstance(raw, Const)
    ]
    ours_grads = engine.gradients(ours_out, ours_leaves, upstreams)
    torch_grads = _torch_gradients(torch_out, torch_leaves, upstreams)
    for i, (ours_g, torch_g) in enumerate(zip(ours_grads, torch_grads, strict=True)):
        where = f"{label} gradient of input {i} (shape {floats[i].shape})"
        if torch_g is None:
            torch_g = np.zeros_like(floats[i])
        if ours_g is None:
            ours_g = np.zeros_like(floats[i])
        _compare(where, np.asarray(ours_g), torch_g, rtol, atol)


def check_close(
    actual: torch.Tensor,
    expected: torch.Tensor,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    name: str = "value",
) -> None:
    """Compare two tensors as :func:`check_op` compares outputs: shape, dtype, values.

    For a result computed outside ``check_op`` (a module's output, an identity's two
    sides).  Tolerances default to :func:`tolerances` of ``expected``'s dtype.
    """
    __tracebackhide__ = True
    ours, theirs = actual.detach().numpy(), expected.detach().numpy()
    default_rtol, default_atol = tolerances(theirs.dtype)
    _compare(
        name,
        ours,
        theirs,
        default_rtol if rtol is None else rtol,
        default_atol if atol is None else atol,
    )


def _as_tuple(result: Any) -> tuple[Any, ...]:
    return tuple(result) if isinstance(result, tuple | list) else (result,)


def _compare(
    where: str,
    actual: np.ndarray[Any, Any],
    expected: np.ndarray[Any, Any],
    rtol: float,
    atol: float,
) -> None:
    __tracebackhide__ = True
    assert actual.shape == expected.shape, (
        f"{where}: shape {actual.shape}, torch gives {expected.shape}"
    )
    assert actual.dtype == expected.dtype, (
        f"{where}: dtype {actual.dtype}, torch gives {expected.dtype}"
    )
    if expected.size == 0:
        return
    both_nan = np.isnan(actual) & np.isnan(expected)
    scale = max(1.0, float(np.nanmax(np.abs(np.where(np.isfinite(expected), expected, 0)))))
    allowed = atol * scale + rtol * np.abs(expected)
    error = np.where(
        both_nan | (actual == expected), 0.0, np.abs(actual.astype(np.float64) - expected)
    )
    bad = ~(error <= allowed)
    if bad.any():
        worst = np.unravel_index(
            int(np.argmax(np.where(bad, error - allowed, -np.inf))), error.shape
        )
        raise AssertionError(
            f"{where}: {int(bad.sum())} of {error.size} values differ (shape {expected.shape}, "
            f"{expected.dtype}); worst at {tuple(int(i) for i in worst)}: "
            f"ours {actual[worst]!r}, torch {expected[worst]!r}, |diff| {error[worst]:.3g} "
            f"> allowed {allowed[worst]:.3g} (rtol={rtol:g}, atol={atol:g} x scale {scale:.3g})"
        )

"""Resizing by interpolation, with ``torch.nn.functional.interpolate``'s semantics.

Every mode is separable: resizing an ``(N, C, H, W)`` image is resizing its width,
then its height, each a 1-D resampling along one axis.  A 1-D resampling from ``n_in``
to ``n_out`` samples maps each output index ``i`` to a *source coordinate* ``src(i)``
in the input, then reads the input there:

* ``nearest``: ``x[floor(i * scale)]``, OpenCV's ``INTER_NEAREST`` (shifted by up to one
  pixel; kept by torch for compatibility);
* ``nearest-exact``: ``x[floor((i + 1/2) * scale)]``, the nearest pixel centre (Pillow,
  scikit-image);
* ``linear`` / ``bilinear``: ``(1 - t) x[i0] + t x[i0 + 1]`` with ``i0 = floor(src)``,
  ``t = src - i0``;
* ``bicubic``: ``sum_j W(t + 1 - j) x[i0 - 1 + j]`` for ``j = 0..3``, with Keys' cubic
  convolution kernel, ``A = -0.75`` as in torch and OpenCV::

      W(s) = (A + 2)|s|^3 - (A + 3)|s|^2 + 1          for |s| <= 1
      W(s) = A|s|^3 - 5A|s|^2 + 8A|s| - 4A            for 1 < |s| < 2

  and taps past the border clamped to the edge pixel.

The source coordinate (linear and cubic) is

* ``align_corners=False`` (half-pixel centres): ``src = scale (i + 1/2) - 1/2``, clamped
  at 0 for ``linear``, with ``scale = 1 / scale_factor`` when a scale factor is given
  (and ``recompute_scale_factor`` is not set), else ``n_in / n_out``;
* ``align_corners=True`` (corner pixels aligned): ``src = i (n_in - 1) / (n_out - 1)``.

With a scale factor the output size is ``floor(n_in * scale_factor)``, but the mapping
uses the factor itself, not ``n_in / n_out``: at 1.7, 128 pixels become 217 and output
pixel ``i`` reads ``(i + 1/2) / 1.7 - 1/2``, not ``(i + 1/2) 128 / 217 - 1/2``.

Precision, as torch has it: the scale is rounded to the input's precision (float32 for
float32, float16 and bfloat16 inputs, float64 for float64); source coordinates are
rounded once from their exact value (what a fused multiply-add gives); the floor of
the nearest modes is taken in float32 whatever the dtype (torch's ``floorf``).  These
choices decide which pixel a nearest mode picks when ``src`` falls within an ulp of a
pixel boundary; the linear and cubic modes are continuous in ``src`` and do not care.
float16 and bfloat16 inputs are computed in float32 and rounded once at the end.

Two behaviours follow torch exactly, surprising as they may be: linear modes copy the
input when ``n_out == n_in`` (whatever the scale factor), the others do not; and
downsampling does not low-pass filter (no ``antialias``).

Complexity: O(N C H_out W_out) time for every mode (2 taps per axis for linear, 4 for
cubic), O(N C H W_out) extra memory for the intermediate after the first axis.

Source: PyTorch's ``torch.nn.functional.interpolate`` (``aten/src/ATen/native/UpSample.h``);
R. Keys, "Cubic convolution interpolation for digital image processing" (1981).

Status: tested against ``torch.nn.functional.interpolate`` (forward and gradients) on
hypothesis-drawn shapes, sizes, scale factors (up and down, integer and not), every
mode, both ``align_corners``, float32 and float64; the nearest indices exhaustively for
sizes up to 40.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import torch

from ml_from_scratch._checks import as_bool, as_finite, check_tensor, describe, one_of

__all__ = ["MODES", "Mode", "interpolate"]

Mode = Literal["nearest", "nearest-exact", "linear", "bilinear", "bicubic"]
MODES: tuple[Mode, ...] = ("nearest", "nearest-exact", "linear", "bilinear", "bicubic")
_SPATIAL_DIMS = {"linear": 1, "bilinear": 2, "bicubic": 2}  # modes tied to one input rank
_CUBIC_A = -0.75  # torch's and OpenCV's choice; Keys (1981) analyses A = -1/2


def interpolate(
    input: torch.Tensor,
    size: int | Sequence[int] | None = None,
    scale_factor: float | Sequence[float] | None = None,
    mode: Mode = "nearest",
    align_corners: bool | None = None,
    recompute_scale_factor: bool | None = None,
) -> torch.Tensor:
    """Resize ``input`` to ``size`` or by ``scale_factor``, as ``F.interpolate`` does.

    Parameters
    ----------
    input : torch.Tensor
        ``(N, C, L)`` for ``nearest``, ``nearest-exact`` and ``linear``; ``(N, C, H, W)``
        for ``nearest``, ``nearest-exact``, ``bilinear`` and ``bicubic``.  Floating
        dtypes for the interpolating modes; any dtype for the nearest ones.
    size : int or sequence of int, optional
        The output's spatial size, each ``>= 1``.  Exactly one of ``size`` and
        ``scale_factor`` is given.
    scale_factor : float or sequence of float, optional
        Multiplier of each spatial size (``> 0``); the output size is
        ``floor(n_in * scale_factor)``, which must be ``>= 1``.
    mode : str
        ``"nearest"``, ``"nearest-exact"``, ``"linear"``, ``"bilinear"`` or ``"bicubic"``.
    align_corners : bool, optional
        For the interpolating modes only: map the corner pixels' centres onto each
        other (``True``) or the corners of the image (``False``, the default).
    recompute_scale_factor : bool, optional
        With ``scale_factor``: ``True`` uses ``n_in / n_out`` for the mapping, as if the
        computed size had been given; ``False`` or ``None`` use the factor itself.

    Returns
    -------
    torch.Tensor
        ``(N, C, *size)``, of the input's dtype; differentiable in ``input``.

    Raises
    ------
    TypeError
        If ``input`` is not a tensor, or is not floating-point for an interpolating mode;
        if ``size``, ``scale_factor`` or ``align_corners`` has the wrong type.
    ValueError
        If both or neither of ``size`` and ``scale_factor`` are given; if ``mode`` is
        unknown or does not fit the input's rank (``bilinear`` on a 3-D input);
        ``align_corners`` with a nearest mode; ``recompute_scale_factor`` with ``size``;
        a size, or a size computed from the scale factor, below 1; a spatial size of 0.

    Complexity
    ----------
    O(N C H_out W_out) time, 1, 2 or 4 taps per axis; O(N C H W_out) extra memory.

    Examples
    --------
    >>> x = torch.tensor([[[0.0, 1.0, 2.0, 3.0]]])
    >>> interpolate(x, scale_factor=2)
    tensor([[[0., 0., 1., 1., 2., 2., 3., 3.]]])
    >>> interpolate(x, size=6, mode="linear", align_corners=True)
    tensor([[[0.0000, 0.6000, 1.2000, 1.8000, 2.4000, 3.0000]]])
    >>> interpolate(x, size=6, mode="linear")
    tensor([[[0.0000, 0.5000, 1.1667, 1.8333, 2.5000, 3.0000]]])
    >>> interpolate(x, scale_factor=0.5)
    tensor([[[0., 2.]]])
    """
    check_tensor(input, "input", (3, 4))
    spatial = input.dim() - 2
    mode, corners, recompute = _check_options(
        size, scale_factor, mode, align_corners, recompute_scale_factor
    )
    needs = _SPATIAL_DIMS.get(mode)
    if needs is not None and needs != spatial:
        shape = "(N, C, L)" if needs == 1 else "(N, C, H, W)"
        raise ValueError(
            f"mode={mode!r} needs a {needs + 2}-D input {shape}, got a {input.dim()}-D "
            f"input of shape {tuple(input.shape)}"
        )
    if needs is not None:
        check_tensor(input, "input", floating=True)
    if 0 in input.shape[2:]:
        raise ValueError(f"input must have spatial sizes >= 1, got shape {tuple(input.shape)}")
    sizes, scales = _output_sizes(input.shape[2:], size, scale_factor, recompute)

    opmath = torch.float64 if input.dtype == torch.float64 else torch.float32
    x = input if mode.startswith("nearest") else input.to(opmath)
    for axis in reversed(range(spatial)):  # the last axis first, as torch nests its loops
        dim = 2 + axis
        n_in, n_out, scale = x.shape[dim], sizes[axis], scales[axis]
        if mode in ("nearest", "nearest-exact"):
            exact = mode == "nearest-exact"
            index = _nearest_indices(n_in, n_out, scale, exact, opmath, spatial)
            x = _take(x, dim, index.to(x.device))
        elif mode == "bicubic":
            x = _cubic_axis(x, dim, n_out, _scale(n_in, n_out, scale, corners, opmath), corners)
        else:
            x = _linear_axis(x, dim, n_out, _scale(n_in, n_out, scale, corners, opmath), corners)
    out = x.to(input.dtype)
    return out.clone() if out is input else out  # a new tensor, even when nothing moved


# ---------------------------------------------------------------- the 1-D resamplings


def _linear_axis(
    x: torch.Tensor, dim: int, n_out: int, scale: float, align_corners: bool
) -> torch.Tensor:
    """``(1 - t) x[i0] + t x[i1]`` along ``dim``: ``i0 = floor(src)``, ``i1 = i0 + 1``
    (but ``n_in - 1`` at the last pixel), ``t = src - i0`` clamped to [0, 1]."""
    n_in = x.shape[dim]
    if n_out == n_in:  # torch copies here, whatever the scale factor
        return x
    src = _source_coordinates(n_out, scale, align_corners, x.dtype).clamp(min=0)
    i0 = src.floor().long().clamp(max=n_in - 1)
    t = (src - i0).clamp(0, 1)
    i1 = torch.where(i0 < n_in - 1, i0 + 1, i0)
    # lerp(a, b, t) = a + t (b - a): one pass instead of two products and a sum, and
    # in place in the freshly gathered a (its gradient needs t only, not a's values).
    return _take(x, dim, i0).lerp_(_take(x, dim, i1), _along(t, dim, x.dim()))


def _cubic_axis(
    x: torch.Tensor, dim: int, n_out: int, scale: float, align_corners: bool
) -> torch.Tensor:
    """``sum_j W_j(t) x[clamp(i0 - 1 + j)]`` along ``dim``, ``j = 0..3`` (Keys, A = -0.75)."""
    n_in = x.shape[dim]
    src = _source_coordinates(n_out, scale, align_corners, x.dtype)  # not clamped at 0
    i0 = src.floor().long().clamp(max=n_in - 1)
    t = (src - i0).clamp(0, 1)
    taps = [
        _take(x, dim, (i0 - 1 + j).clamp(0, n_in - 1)) * _along(weight, dim, x.dim())
        for j, weight in enumerate(_keys_weights(t))
    ]
    return taps[0] + taps[1] + taps[2] + taps[3]


def _keys_weights(t: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """The four weights of the taps at distances ``t + 1, t, 1 - t, 2 - t``."""
    a = _CUBIC_A

    def near(s: torch.Tensor) -> torch.Tensor:  # W(s) for 0 <= s <= 1
        return ((a + 2) * s - (a + 3)) * s * s + 1

    def far(s: torch.Tensor) -> torch.Tensor:  # W(s) for 1 <= s <= 2
        return ((a * s - 5 * a) * s + 8 * a) * s - 4 * a

    return far(t + 1), near(t), near(1 - t), far(2 - t)


def _nearest_indices(
    n_in: int, n_out: int, scale: float | None, exact: bool, opmath: torch.dtype, spatial: int
) -> torch.Tensor:
    """``floor(i s)`` (``nearest``) or ``floor((i + 1/2) s)`` (``nearest-exact``), at most
    ``n_in - 1``, rounded as torch rounds them for a ``spatial``-D input (see the module
    docstring: its 1-D and 2-D kernels differ)."""
    i = torch.arange(n_out, dtype=torch.float64)
    if spatial == 1:  # the scale in the input's precision; src = max(0, (i + 1/2) s - 1/2)
        s = _scale(n_in, n_out, scale, False, opmath)
        if exact:
            src = ((i + 0.5) * s - 0.5).to(opmath).double().clamp(min=0)
            position = src + 0.5
        else:
            position = i * s
    else:  # the scale in float32, and two sizes special-cased
        s = _scale(n_in, n_out, scale, False, torch.float32)
        if not exact and n_out == n_in:
            return torch.arange(n_out)
        if not exact and n_out == 2 * n_in:
            return torch.arange(n_out) // 2
        position = (i + 0.5) * s if exact else i * s
    return position.float().floor().long().clamp(max=n_in - 1)  # torch's floorf: in float32


def _source_coordinates(
    n_out: int, scale: float, align_corners: bool, dtype: torch.dtype
) -> torch.Tensor:
    """``src(i)`` for ``i = 0..n_out - 1``: ``i scale``, or ``(i + 1/2) scale - 1/2``."""
    i = torch.arange(n_out, dtype=torch.float64)
    src = i * scale if align_corners else (i + 0.5) * scale - 0.5
    return src.to(dtype)  # rounded once from (nearly) the exact value


def _scale(
    n_in: int, n_out: int, scale_factor: float | None, align_corners: bool, dtype: torch.dtype
) -> float:
    """The step in input pixels per output pixel, rounded to ``dtype`` as torch does."""
    if align_corners:
        step = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
    elif scale_factor is not None:
        step = 1.0 / scale_factor
    else:
        step = n_in / n_out
    return float(torch.tensor(step, dtype=dtype))


def _take(x: torch.Tensor, dim: int, index: torch.Tensor) -> torch.Tensor:
    """``x.index_select(dim, index)``; along the last axis, as a gather with the index
    broadcast, which torch runs several times faster there."""
    if dim != x.dim() - 1:
        return x.index_select(dim, index)
    return torch.gather(x, dim, index.expand(*x.shape[:-1], index.numel()))


def _along(weights: torch.Tensor, dim: int, ndim: int) -> torch.Tensor:
    """``weights`` shaped to broadcast along axis ``dim`` of an ``ndim``-D tensor."""
    return weights.view([-1 if d == dim else 1 for d in range(ndim)])


# ---------------------------------------------------------------- argument checks


def _check_options(
    size: object,
    scale_factor: object,
    mode: object,
    align_corners: object,
    recompute_scale_factor: object,
) -> tuple[Mode, bool, bool]:
    """The checks that need no input: the mode, ``align_corners``, ``recompute_scale_factor``
    and that exactly one of ``size`` and ``scale_factor`` is given."""
    checked: Mode = one_of(mode, "mode", MODES)  # type: ignore[arg-type]
    if size is not None and scale_factor is not None:
        raise ValueError(
            f"give only one of size and scale_factor, got size={size!r} and "
            f"scale_factor={scale_factor!r}"
        )
    if size is None and scale_factor is None:
        raise ValueError("give one of size and scale_factor, got neither")
    if checked.startswith("nearest") and align_corners is not None:
        raise ValueError(
            f"align_corners can only be set with the interpolating modes linear, "
            f"bilinear and bicubic; got align_corners={align_corners!r} with mode={mode!r}"
        )
    corners = False if align_corners is None else as_bool(align_corners, "align_corners")
    recompute = (
        False
        if recompute_scale_factor is None
        else as_bool(recompute_scale_factor, "recompute_scale_factor")
    )
    if recompute and size is not None:
        raise ValueError(
            "recompute_scale_factor is not meaningful with an explicit size; "
            f"got size={size!r} and recompute_scale_factor=True"
        )
    return checked, corners, recompute


def _output_sizes(
    input_sizes: Sequence[int], size: object, scale_factor: object, recompute: bool
) -> tuple[list[int], list[float | None]]:
    """The output sizes, and the scale factor each axis maps with (None: ``n_in/n_out``)."""
    spatial = len(input_sizes)
    if size is not None:
        return _per_axis_sizes(size, spatial, input_sizes), [None] * spatial
    factors = _per_axis_factors(scale_factor, spatial)
    sizes = [math.floor(n * f) for n, f in zip(input_sizes, factors, strict=True)]
    if min(sizes) < 1:
        raise ValueError(
            f"scale_factor={scale_factor!r} makes the spatial sizes {tuple(input_sizes)} "
            f"into {tuple(sizes)}; every output size must be >= 1"
        )
    return sizes, [None if recompute else f for f in factors]


def _per_axis_sizes(size: object, spatial: int, input_sizes: Sequence[int]) -> list[int]:
    values = _per_axis(size, spatial, "size", "ints")
    sizes = []
    for value in values:
        if isinstance(value, bool) or not hasattr(value, "__index__"):
            raise TypeError(f"size must be an int or a sequence of {spatial} ints, got {size!r}")
        sizes.append(int(value.__index__()))
    if min(sizes) < 1:
        raise ValueError(
            f"size must hold output sizes >= 1, got {size!r} for spatial sizes {tuple(input_sizes)}"
        )
    return sizes


def _per_axis_factors(scale_factor: object, spatial: int) -> list[float]:
    factors = [
        as_finite(value, "scale_factor")
        for value in _per_axis(scale_factor, spatial, "scale_factor", "numbers")
    ]
    if min(factors) <= 0:
        raise ValueError(f"scale_factor must be > 0, got {scale_factor!r}")
    return factors


def _per_axis(value: object, spatial: int, name: str, what: str) -> list[object]:
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != spatial:
            raise ValueError(
                f"{name} must be one value or {spatial} (one per spatial dimension of the "
                f"input), got {describe(value)}"
            )
        return list(value)
    if isinstance(value, torch.Tensor | str):
        raise TypeError(f"{name} must be {what} or a sequence of {spatial}, got {describe(value)}")
    return [value] * spatial

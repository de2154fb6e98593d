"""Transposed 2-D convolution, with ``torch.nn.functional.conv_transpose2d``'s semantics.

A convolution with stride ``s`` reads, for each output pixel, a window of input pixels;
its transpose (the gradient of that convolution with respect to its input, and the
"deconvolution" of decoders) *writes*: every input pixel stamps a copy of the kernel,
scaled by its value and mixed across channels, onto the output at ``s`` times its
position::

    out[n, o, oh, ow] = bias[o] + sum over i, ih, iw, a, b with
                        oh = ih s_h - p_h + a d_h  and  ow = iw s_w - p_w + b d_w
                        of  x[n, i, ih, iw] w[i, o, a, b]

with channels split into ``groups`` (input channel ``i`` of group ``g`` only feeds the
output channels of group ``g``).  The weight is ``(C_in, C_out / groups, kH, kW)``: the
layout of the convolution it transposes, ``(C_out_conv, C_in_conv / groups, kH, kW)``
with the roles of the channels swapped.  The output size, per spatial dimension::

    H_out = (H - 1) s - 2 p + d (k - 1) + output_padding + 1

``padding`` crops ``p`` pixels from each side of the full output (it undoes the
padding of the convolution being transposed); ``output_padding`` adds pixels at the
bottom and right, which a strided convolution's many-to-one size rounding needs to be
inverted exactly (it must be smaller than the stride or the dilation).

The reference computes it tap by tap: for each kernel position ``(a, b)``, one matrix
product mixes the channels of every input pixel, ``w[:, :, a, b]^T x[n, :, ih, iw]``,
and the result is added into the strided slice of the output that tap writes to.
That is ``kH kW`` matrix products of ``(C_out/g x C_in/g)`` by ``(C_in/g x H W)``.

Complexity: O(N C_in (C_out / groups) kH kW H W) time; O(N C_out H_out W_out) memory.

Source: V. Dumoulin and F. Visin, "A guide to convolution arithmetic for deep learning"
(2016), chapter 4; PyTorch's ``torch.nn.functional.conv_transpose2d``.

Status: tested against ``torch.nn.functional.conv_transpose2d`` (forward, and gradients
of input, weight and bias) on hypothesis-drawn shapes, strides, paddings, output
paddings, groups and dilations, float32 and float64; and by the adjoint identity
``<conv2d(x, w), y> = <x, conv_transpose2d(y, w)>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from ml_from_scratch._checks import as_int_tuple, as_positive_int, check_tensor

__all__ = ["conv_transpose2d", "conv_transpose2d_gemm", "transposed_output_size"]


def conv_transpose2d(
    input: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    output_padding: int | Sequence[int] = 0,
    groups: int = 1,
    dilation: int | Sequence[int] = 1,
) -> torch.Tensor:
    """The transposed convolution of ``input`` with ``weight``, as ``F.conv_transpose2d``.

    Parameters
    ----------
    input : torch.Tensor
        ``(N, C_in, H, W)``, or ``(C_in, H, W)`` for one image; a real dtype (integers
        too, as torch allows; gradients need floating point).
    weight : torch.Tensor
        ``(C_in, C_out / groups, kH, kW)``, the input's dtype.
    bias : torch.Tensor, optional
        ``(C_out,)``, the input's dtype.
    stride, padding, output_padding, dilation : int or (int, int)
        ``stride >= 1``, ``padding >= 0``, ``dilation >= 1``, and
        ``0 <= output_padding < max(stride, dilation)`` per dimension.
    groups : int
        ``>= 1``, dividing ``C_in`` (and ``C_out`` is ``groups`` times ``weight.shape[1]``).

    Returns
    -------
    torch.Tensor
        ``(N, C_out, H_out, W_out)`` (no batch dimension for a 3-D input) with
        ``H_out = (H - 1) stride - 2 padding + dilation (kH - 1) + output_padding + 1``.

    Raises
    ------
    TypeError
        If an argument is not a tensor (an int), the input is bool or complex, or the
        tensors differ in dtype.
    ValueError
        If a shape does not fit (``weight`` 4-D with ``C_in`` rows, ``bias`` of
        ``C_out``), ``groups`` does not divide ``C_in``, an int argument is out of
        range, or the output would be empty.

    Complexity
    ----------
    O(N C_in (C_out / groups) kH kW H W) time; O(N C_out H_out W_out) memory.

    Examples
    --------
    >>> x = torch.tensor([[[[1.0, 2.0]]]])          # one 1 x 2 image
    >>> w = torch.tensor([[[[1.0, 10.0, 100.0]]]])  # a 1 x 3 kernel
    >>> conv_transpose2d(x, w, stride=2)            # stamps 1 w at 0 and 2 w at 2
    tensor([[[[  1.,  10., 102.,  20., 200.]]]])
    >>> conv_transpose2d(x, w, stride=2, padding=(0, 1)).shape
    torch.Size([1, 1, 1, 3])
    """
    x, unbatched = _batched(input)
    geometry = _Geometry.check(x, weight, bias, stride, padding, output_padding, groups, dilation)
    n, _, height, width = x.shape
    g, cig, cog, kh, kw = geometry.groups, geometry.in_per_group, *weight.shape[1:]
    xg = x.reshape(n, g, cig, height, width)
    wg = weight.reshape(g, cig, cog, kh, kw)
    full = x.new_zeros(n, g, cog, *geometry.full_size)
    for a in range(kh):
        for b in range(kw):
            stamp = torch.einsum("ngihw,gio->ngohw", xg, wg[:, :, :, a, b])
            full[geometry.tap_slice(a, b)] += stamp
    return geometry.finish(full, bias, unbatched)


def conv_transpose2d_gemm(
    input: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor | None = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    output_padding: int | Sequence[int] = 0,
    groups: int = 1,
    dilation: int | Sequence[int] = 1,
) -> torch.Tensor:
    """:func:`conv_transpose2d` by one matrix product and a col2im, the fast form.

    Every tap's channel mixing at once, ``cols = W^T x``: one matrix product of
    ``(C_out/g kH kW x C_in/g)`` by ``(C_in/g x H W)`` per image and group, instead of
    ``kH kW`` thin ones; then "col2im" adds each tap's plane of ``cols`` into the
    strided slice of the output it writes to, as the reference does.  The same
    arguments, results (up to rounding) and errors as :func:`conv_transpose2d`.

    Complexity
    ----------
    O(N C_in (C_out / groups) kH kW H W) time; O(N (C_out / groups) kH kW H W) extra
    memory for the columns.

    Examples
    --------
    >>> seeded = torch.Generator().manual_seed(0)
    >>> x, w = torch.randn(2, 4, 5, 5, generator=seeded), torch.randn(4, 3, 3, 3, generator=seeded)
    >>> fast, plain = conv_transpose2d_gemm(x, w, stride=2), conv_transpose2d(x, w, stride=2)
    >>> fast.shape, torch.allclose(fast, plain, atol=1e-5)
    (torch.Size([2, 3, 11, 11]), True)
    """
    x, unbatched = _batched(input)
    geometry = _Geometry.check(x, weight, bias, stride, padding, output_padding, groups, dilation)
    n, _, height, width = x.shape
    g, cig, cog, kh, kw = geometry.groups, geometry.in_per_group, *weight.shape[1:]
    taps = weight.reshape(g, cig, cog * kh * kw).transpose(1, 2)  # (g, cog kh kw, cig)
    cols = torch.matmul(taps, x.reshape(n, g, cig, height * width))
    cols = cols.view(n, g, cog, kh, kw, height, width)
    full = x.new_zeros(n, g, cog, *geometry.full_size)
    for a in range(kh):
        for b in range(kw):
            full[geometry.tap_slice(a, b)] += cols[:, :, :, a, b]
    return geometry.finish(full, bias, unbatched)


def transposed_output_size(
    size: int, kernel_size: int, stride: int, padding: int, output_padding: int, dilation: int
) -> int:
    """``(size - 1) stride - 2 padding + dilation (kernel_size - 1) + output_padding + 1``.

    >>> transposed_output_size(32, 4, 2, 1, 0, 1)  # a decoder's 2x upsampling
    64
    """
    return (size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


# ---------------------------------------------------------------- argument checks


@dataclass(frozen=True)
class _Geometry:
    """The checked integer arguments, and the sizes they imply for one call."""

    stride: tuple[int, ...]
    padding: tuple[int, ...]
    dilation: tuple[int, ...]
    groups: int
    in_per_group: int
    input_size: tuple[int, ...]  # (H, W)
    output_size: tuple[int, ...]  # (H_out, W_out)

    @property
    def full_size(self) -> tuple[int, ...]:
        """The output before cropping: ``padding`` more on each side (room for the
        output padding included)."""
        return tuple(o + 2 * p for o, p in zip(self.output_size, self.padding, strict=True))

    def tap_slice(self, a: int, b: int) -> tuple[slice, ...]:
        """Where tap ``(a, b)`` writes in the ``(N, G, C_out/G, *full_size)`` buffer:
        rows ``a d_h + s_h ih``, columns ``b d_w + s_w iw``."""
        rows, cols = (
            slice(k * d, k * d + (n - 1) * s + 1, s)
            for k, d, n, s in zip((a, b), self.dilation, self.input_size, self.stride, strict=True)
        )
        return (slice(None), slice(None), slice(None), rows, cols)

    def finish(
        self, full: torch.Tensor, bias: torch.Tensor | None, unbatched: bool
    ) -> torch.Tensor:
        """Crop ``padding`` off each side, merge the groups, add the bias."""
        n, g, cog = full.shape[:3]
        (ph, pw), (oh, ow) = self.padding, self.output_size
        out = full.reshape(n, g * cog, *full.shape[3:])[:, :, ph : ph + oh, pw : pw + ow]
        if bias is not None:
            out = out + bias.view(1, -1, 1, 1)
        return out[0] if unbatched else out

    @classmethod
    def check(
        cls,
        x: torch.Tensor,
        weight: object,
        bias: object,
        stride: object,
        padding: object,
        output_padding: object,
        groups: object,
        dilation: object,
    ) -> _Geometry:
        """Check every argument; ``x`` is the input with its batch dimension."""
        check_tensor(x, "input", (4,))
        if x.dtype == torch.bool or x.is_complex():
            raise TypeError(f"input must have a real, non-bool dtype, got dtype {x.dtype}")
        check_tensor(weight, "weight", (4,))
        assert isinstance(weight, torch.Tensor)
        if weight.dtype != x.dtype:
            raise TypeError(
                f"weight must have the input's dtype {x.dtype}, got dtype {weight.dtype}"
            )
        g = as_positive_int(groups, "groups")
        steps = as_int_tuple(stride, "stride", 2, low=1)
        dilations = as_int_tuple(dilation, "dilation", 2, low=1)
        pads = as_int_tuple(padding, "padding", 2, low=0)
        extra = as_int_tuple(output_padding, "output_padding", 2, low=0)
        if any(op >= max(s, d) for op, s, d in zip(extra, steps, dilations, strict=True)):
            raise ValueError(
                f"output_padding must be smaller than either stride or dilation, got "
                f"output_padding={output_padding!r}, stride={stride!r}, dilation={dilation!r}"
            )
        channels = x.shape[1]
        if channels % g:
            raise ValueError(
                f"groups must divide the input's channels, got groups={g} and "
                f"input.shape[1]={channels}"
            )
        if weight.shape[0] != channels:
            raise ValueError(
                f"weight.shape[0] must equal input.shape[1] (the input channels): got "
                f"weight of shape {tuple(weight.shape)} and input of shape {tuple(x.shape)}"
            )
        if bias is not None:
            check_tensor(bias, "bias", (1,))
            assert isinstance(bias, torch.Tensor)
            if bias.dtype != x.dtype:
                raise TypeError(
                    f"bias must have the input's dtype {x.dtype}, got dtype {bias.dtype}"
                )
            if bias.shape[0] != g * weight.shape[1]:
                raise ValueError(
                    f"bias must have C_out = groups * weight.shape[1] = {g * weight.shape[1]} "
                    f"elements, got shape {tuple(bias.shape)}"
                )
        size = tuple(
            transposed_output_size(*args)
            for args in zip(
                x.shape[2:], weight.shape[2:], steps, pads, extra, dilations, strict=True
            )
        )
        if min(size) < 1:
            raise ValueError(
                f"the output would be empty: input size {tuple(x.shape[2:])}, kernel "
                f"{tuple(weight.shape[2:])}, stride {steps}, padding {pads}, output_padding "
                f"{extra} and dilation {dilations} give an output size of {size}"
            )
        return cls(steps, pads, dilations, g, channels // g, tuple(x.shape[2:]), size)


def _batched(input: object) -> tuple[torch.Tensor, bool]:
    """``input`` with a batch dimension, and whether it came without one."""
    check_tensor(input, "input", (3, 4))
    assert isinstance(input, torch.Tensor)
    return (input.unsqueeze(0), True) if input.dim() == 3 else (input, False)

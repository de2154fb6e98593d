"""``nn.Module`` wrappers of the upsampling functions, as torch.nn wraps its functional ops.

Each module checks its arguments when it is built, holds them, and calls the function
in ``forward``: :class:`Upsample` (:func:`interpolate`), :class:`PixelShuffle` and
:class:`PixelUnshuffle`, and :class:`ConvTranspose2d`, which owns its weight and bias,
initialised as torch initialises its own, and converts from and to
``torch.nn.ConvTranspose2d``.

Status: each tested against its ``torch.nn`` namesake on the same inputs and weights.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn

from ml_from_scratch._checks import as_bool, as_int_tuple, as_positive_int, check_tensor
from ml_from_scratch.upsampling.resize import Mode, _check_options, interpolate
from ml_from_scratch.upsampling.shuffle import pixel_shuffle, pixel_unshuffle
from ml_from_scratch.upsampling.transposed_conv import conv_transpose2d, transposed_output_size

__all__ = ["ConvTranspose2d", "PixelShuffle", "PixelUnshuffle", "Upsample"]


class Upsample(nn.Module):
    """Resize by :func:`interpolate`; the arguments are its own.

    Examples
    --------
    >>> up = Upsample(scale_factor=2, mode="bilinear")
    >>> up
    Upsample(scale_factor=2, mode='bilinear')
    >>> up(torch.zeros(1, 3, 4, 5)).shape
    torch.Size([1, 3, 8, 10])
    """

    def __init__(
        self,
        size: int | Sequence[int] | None = None,
        scale_factor: float | Sequence[float] | None = None,
        mode: Mode = "nearest",
        align_corners: bool | None = None,
        recompute_scale_factor: bool | None = None,
    ) -> None:
        super().__init__()
        _check_options(size, scale_factor, mode, align_corners, recompute_scale_factor)
        self.size, self.scale_factor, self.mode = size, scale_factor, mode
        self.align_corners, self.recompute_scale_factor = align_corners, recompute_scale_factor

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        """:func:`interpolate` with this module's arguments."""
        return interpolate(
            input,
            self.size,
            self.scale_factor,
            self.mode,
            self.align_corners,
            self.recompute_scale_factor,
        )

    def extra_repr(self) -> str:
        parts = [f"size={self.size!r}"] if self.size is not None else []
        if self.scale_factor is not None:
            parts.append(f"scale_factor={self.scale_factor!r}")
        parts.append(f"mode={self.mode!r}")
        if self.align_corners is not None:
            parts.append(f"align_corners={self.align_corners!r}")
        return ", ".join(parts)


class PixelShuffle(nn.Module):
    """``(*, C r^2, H, W) -> (*, C, H r, W r)`` by :func:`pixel_shuffle`.

    >>> PixelShuffle(3)(torch.zeros(2, 18, 4, 4)).shape
    torch.Size([2, 2, 12, 12])
    """

    def __init__(self, upscale_factor: int) -> None:
        super().__init__()
        self.upscale_factor = as_positive_int(upscale_factor, "upscale_factor")

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        """:func:`pixel_shuffle` by this module's factor."""
        return pixel_shuffle(input, self.upscale_factor)

    def extra_repr(self) -> str:
        return f"upscale_factor={self.upscale_factor}"


class PixelUnshuffle(nn.Module):
    """``(*, C, H r, W r) -> (*, C r^2, H, W)`` by :func:`pixel_unshuffle`.

    >>> PixelUnshuffle(2)(torch.zeros(2, 3, 4, 6)).shape
    torch.Size([2, 12, 2, 3])
    """

    def __init__(self, downscale_factor: int) -> None:
        super().__init__()
        self.downscale_factor = as_positive_int(downscale_factor, "downscale_factor")

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        """:func:`pixel_unshuffle` by this module's factor."""
        return pixel_unshuffle(input, self.downscale_factor)

    def extra_repr(self) -> str:
        return f"downscale_factor={self.downscale_factor}"


class ConvTranspose2d(nn.Module):
    """A transposed convolution layer: a learnt weight and bias, :func:`conv_transpose2d`.

    The weight is ``(in_channels, out_channels / groups, kH, kW)``; weight and bias are
    initialised as ``torch.nn.ConvTranspose2d`` initialises them: uniform in
    ``+-1 / sqrt(fan_in)`` with ``fan_in = (out_channels / groups) kH kW`` (torch's
    Kaiming-uniform with ``a = sqrt(5)``, computed on the transposed layout), drawn from
    ``generator`` when one is given.

    Examples
    --------
    >>> seeded = torch.Generator().manual_seed(0)
    >>> layer = ConvTranspose2d(8, 4, 4, stride=2, padding=1, generator=seeded)
    >>> layer
    ConvTranspose2d(8, 4, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))
    >>> layer(torch.zeros(1, 8, 16, 16)).shape
    torch.Size([1, 4, 32, 32])
    >>> theirs = torch.nn.ConvTranspose2d(8, 4, 3, stride=2, output_padding=1)
    >>> x = torch.randn(1, 8, 5, 5)
    >>> torch.allclose(ConvTranspose2d.from_torch(theirs)(x), theirs(x), atol=1e-6)
    True
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int | Sequence[int],
        stride: int | Sequence[int] = 1,
        padding: int | Sequence[int] = 0,
        output_padding: int | Sequence[int] = 0,
        groups: int = 1,
        bias: bool = True,
        dilation: int | Sequence[int] = 1,
        *,
        dtype: torch.dtype | None = None,
        generator: torch.Generator | None = None,
    ) -> None:
        super().__init__()
        self.in_channels = as_positive_int(in_channels, "in_channels")
        self.out_channels = as_positive_int(out_channels, "out_channels")
        self.groups = as_positive_int(groups, "groups")
        for name, channels in (("in_channels", in_channels), ("out_channels", out_channels)):
            if channels % self.groups:
                raise ValueError(
                    f"{name} must be divisible by groups = {self.groups}, got {channels}"
                )
        self.kernel_size = as_int_tuple(kernel_size, "kernel_size", 2, low=1)
        self.stride = as_int_tuple(stride, "stride", 2, low=1)
        self.padding = as_int_tuple(padding, "padding", 2, low=0)
        self.output_padding = as_int_tuple(output_padding, "output_padding", 2, low=0)
        self.dilation = as_int_tuple(dilation, "dilation", 2, low=1)
        shape = (self.in_channels, self.out_channels // self.groups, *self.kernel_size)
        self.weight = nn.Parameter(torch.empty(shape, dtype=dtype))
        has_bias = as_bool(bias, "bias")
        self.bias = nn.Parameter(torch.empty(out_channels, dtype=dtype)) if has_bias else None
        self.reset_parameters(generator)

    def reset_parameters(self, generator: torch.Generator | None = None) -> None:
        """Draw the weight and bias uniformly in ``+-1 / sqrt(fan_in)``."""
        fan_in = self.weight.shape[1] * self.kernel_size[0] * self.kernel_size[1]
        bound = 1 / math.sqrt(fan_in)
        with torch.no_grad():
            self.weight.uniform_(-bound, bound, generator=generator)
            if self.bias is not None:
                self.bias.uniform_(-bound, bound, generator=generator)

    def forward(
        self, input: torch.Tensor, output_size: Sequence[int] | None = None
    ) -> torch.Tensor:
        """:func:`conv_transpose2d` with this layer's weights.

        ``output_size`` (``(H_out, W_out)``, or with batch and channels in front) picks
        the output padding that gives that size, as torch's layer does: it must lie
        within ``stride - 1`` above the size without it.
        """
        extra = self.output_padding
        if output_size is not None:
            check_tensor(input, "input", (3, 4))
            extra = self._output_padding(input, output_size)
        return conv_transpose2d(
            input,
            self.weight,
            self.bias,
            self.stride,
            self.padding,
            extra,
            self.groups,
            self.dilation,
        )

    @classmethod
    def from_torch(cls, module: nn.ConvTranspose2d) -> ConvTranspose2d:
        """A layer with ``module``'s arguments and a copy of its weight and bias.

        Raises
        ------
        TypeError
            If ``module`` is not a ``torch.nn.ConvTranspose2d``.
        ValueError
            If its padding is not zeros or is given as a string.
        """
        if not isinstance(module, nn.ConvTranspose2d):
            raise TypeError(f"module must be a torch.nn.ConvTranspose2d, got {type(module)}")
        if module.padding_mode != "zeros" or isinstance(module.padding, str):
            raise ValueError(
                f"module must pad with zeros by integer amounts, got padding_mode="
                f"{module.padding_mode!r} and padding={module.padding!r}"
            )
        layer = cls(
            module.in_channels,
            module.out_channels,
            (module.kernel_size[0], module.kernel_size[1]),
            (module.stride[0], module.stride[1]),
            (module.padding[0], module.padding[1]),
            (module.output_padding[0], module.output_padding[1]),
            module.groups,
            module.bias is not None,
            (module.dilation[0], module.dilation[1]),
            dtype=module.weight.dtype,
        )
        with torch.no_grad():
            layer.weight.copy_(module.weight)
            if layer.bias is not None and module.bias is not None:
                layer.bias.copy_(module.bias)
        return layer

    def extra_repr(self) -> str:
        text = (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
            f"stride={self.stride}"
        )
        for name, default in (("padding", 0), ("output_padding", 0), ("dilation", 1)):
            value = getattr(self, name)
            if value != (default, default):
                text += f", {name}={value}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        return text + ("" if self.bias is not None else ", bias=False")

    def _output_padding(self, input: torch.Tensor, output_size: object) -> tuple[int, int]:
        """The output padding that makes the output ``output_size``, as torch's layer
        picks it: the size without padding plus ``0 .. stride - 1``."""
        non_spatial = input.dim() - 2  # (N, C) or (C,)
        if not isinstance(output_size, Sequence | torch.Size) or isinstance(output_size, str):
            raise TypeError(f"output_size must be a sequence of ints, got {output_size!r}")
        sizes = list(output_size)
        if len(sizes) == non_spatial + 2:
            sizes = sizes[non_spatial:]
        if len(sizes) != 2:
            raise ValueError(
                f"output_size must hold 2 sizes (H_out, W_out), or {non_spatial + 2} with "
                f"the non-spatial ones in front, got {output_size!r}"
            )
        extra = []
        for d, want in enumerate(as_int_tuple(tuple(sizes), "output_size", 2, low=1)):
            least = transposed_output_size(
                input.shape[non_spatial + d], self.kernel_size[d], self.stride[d],
                self.padding[d], 0, self.dilation[d],
            )  # fmt: skip
            most = least + self.stride[d] - 1
            if not least <= want <= most:
                raise ValueError(
                    f"output_size {tuple(output_size)} is out of range: dimension {d} must "
                    f"be between {least} and {most}, got {want}"
                )
            extra.append(want - least)
        return extra[0], extra[1]

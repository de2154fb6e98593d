"""Sub-pixel shuffles: channels to space (``pixel_shuffle``) and back (``pixel_unshuffle``).

An efficient sub-pixel convolution layer (Shi et al., 2016) upsamples by ``r`` with a
convolution to ``C r^2`` channels at the low resolution, then rearranges each pixel's
``r^2`` channels into an ``r x r`` block of the high-resolution image::

    pixel_shuffle:    out[..., c, h r + i, w r + j] = x[..., c r^2 + i r + j, h, w]
    pixel_unshuffle:  out[..., c r^2 + i r + j, h, w] = x[..., c, h r + i, w r + j]

for ``0 <= i, j < r``.  The channel index splits as ``(c, i, j)``, ``c`` slowest: that
is torch's order (TensorFlow's ``depth_to_space`` puts ``c`` fastest instead).  As
reshapes, ``(C r^2, H, W) -> (C, r, r, H, W) -> (C, H, r, W, r) -> (C, H r, W r)``: a
view, a permutation of axes, and one copy.  Each is the other's inverse.

Complexity: O(n) time and memory for n elements (one copy); no arithmetic.

Source: W. Shi et al., "Real-Time Single Image and Video Super-Resolution Using an
Efficient Sub-Pixel Convolutional Neural Network", CVPR 2016; PyTorch's
``torch.nn.functional.pixel_shuffle``.

Status: tested against ``torch.nn.functional.pixel_shuffle`` and ``pixel_unshuffle``
(forward and gradients) on hypothesis-drawn shapes with 0 to 2 extra batch dimensions;
each inverts the other; the formula above checked element by element.
"""

from __future__ import annotations

import torch

from ml_from_scratch._checks import as_positive_int, check_divisible, check_tensor

__all__ = ["pixel_shuffle", "pixel_unshuffle"]


def pixel_shuffle(input: torch.Tensor, upscale_factor: int) -> torch.Tensor:
    """Rearrange ``(*, C r^2, H, W)`` into ``(*, C, H r, W r)``, as ``F.pixel_shuffle``.

    ``out[..., c, h r + i, w r + j] = input[..., c r^2 + i r + j, h, w]``.

    Parameters
    ----------
    input : torch.Tensor
        At least 3-D: ``(*, C r^2, H, W)``, any dtype, any number of leading dimensions.
    upscale_factor : int
        ``r >= 1``.

    Returns
    -------
    torch.Tensor
        ``(*, C, H r, W r)``, a new tensor of the input's dtype.

    Raises
    ------
    TypeError
        If ``input`` is not a tensor or ``upscale_factor`` not an int.
    ValueError
        If ``input`` has fewer than 3 dimensions, ``upscale_factor < 1``, or the channels
        are not divisible by ``upscale_factor ** 2``.

    Complexity
    ----------
    O(n) time and memory: one copy of the n elements.

    Examples
    --------
    >>> x = torch.arange(8).view(1, 8, 1, 1)
    >>> pixel_shuffle(x, 2)
    tensor([[[[0, 1],
              [2, 3]],
    <BLANKLINE>
             [[4, 5],
              [6, 7]]]])
    """
    r = as_positive_int(upscale_factor, "upscale_factor")
    _check_image(input)
    *batch, channels, height, width = input.shape
    check_divisible(channels, "input.shape[-3] (channels)", r * r, "upscale_factor ** 2")
    c = channels // (r * r)
    blocks = input.reshape(*batch, c, r, r, height, width)
    n = len(batch)  # (*, c, i, j, h, w) -> (*, c, h, i, w, j)
    order = [*range(n), n, n + 3, n + 1, n + 4, n + 2]
    return blocks.permute(order).reshape(*batch, c, height * r, width * r)


def pixel_unshuffle(input: torch.Tensor, downscale_factor: int) -> torch.Tensor:
    """Rearrange ``(*, C, H r, W r)`` into ``(*, C r^2, H, W)``, as ``F.pixel_unshuffle``.

    ``out[..., c r^2 + i r + j, h, w] = input[..., c, h r + i, w r + j]``: the inverse
    of :func:`pixel_shuffle`.

    Parameters
    ----------
    input : torch.Tensor
        At least 3-D: ``(*, C, H r, W r)``, any dtype.
    downscale_factor : int
        ``r >= 1``; it must divide both spatial sizes.

    Returns
    -------
    torch.Tensor
        ``(*, C r^2, H, W)``, a new tensor of the input's dtype.

    Raises
    ------
    TypeError
        If ``input`` is not a tensor or ``downscale_factor`` not an int.
    ValueError
        If ``input`` has fewer than 3 dimensions, ``downscale_factor < 1``, or it does
        not divide the height or the width.

    Complexity
    ----------
    O(n) time and memory: one copy of the n elements.

    Examples
    --------
    >>> x = torch.arange(16).view(1, 1, 4, 4)
    >>> pixel_unshuffle(x, 2)[0, :, 0, 0]  # the top-left 2 x 2 block, as channels
    tensor([0, 1, 4, 5])
    >>> torch.equal(pixel_shuffle(pixel_unshuffle(x, 2), 2), x)
    True
    """
    r = as_positive_int(downscale_factor, "downscale_factor")
    _check_image(input)
    *batch, channels, height, width = input.shape
    check_divisible(height, "input.shape[-2] (height)", r, "downscale_factor")
    check_divisible(width, "input.shape[-1] (width)", r, "downscale_factor")
    h, w = height // r, width // r
    blocks = input.reshape(*batch, channels, h, r, w, r)
    n = len(batch)  # (*, c, h, i, w, j) -> (*, c, i, j, h, w)
    order = [*range(n), n, n + 2, n + 4, n + 1, n + 3]
    return blocks.permute(order).reshape(*batch, channels * r * r, h, w)


def _check_image(input: object) -> None:
    check_tensor(input, "input")
    assert isinstance(input, torch.Tensor)
    if input.dim() < 3:
        raise ValueError(
            f"input must have at least 3 dimensions (*, C, H, W), got shape {tuple(input.shape)}"
        )

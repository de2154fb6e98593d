"""Upsampling from scratch: interpolation, sub-pixel shuffles, transposed convolution, unpooling.

Each op has torch's signature and semantics, and is written with tensor indexing and
arithmetic only; ``torch.nn.functional``'s own versions are the test oracles.

* :func:`interpolate` (:mod:`~ml_from_scratch.upsampling.resize`): nearest,
  nearest-exact, linear, bilinear and bicubic resizing, ``align_corners`` both ways,
  up and down, by a size or any scale factor.
* :func:`pixel_shuffle`, :func:`pixel_unshuffle`
  (:mod:`~ml_from_scratch.upsampling.shuffle`): channels to space and back.
* :func:`conv_transpose2d` (:mod:`~ml_from_scratch.upsampling.transposed_conv`): the
  reference, tap by tap; :func:`conv_transpose2d_gemm`, one matrix product and a
  col2im, the fast form.
* :func:`max_unpool2d` (:mod:`~ml_from_scratch.upsampling.unpool`): maxima back to
  where ``max_pool2d`` found them.
* :class:`Upsample`, :class:`PixelShuffle`, :class:`PixelUnshuffle`,
  :class:`ConvTranspose2d` (:mod:`~ml_from_scratch.upsampling.modules`): the
  ``nn.Module`` wrappers.

Where torch raises ``RuntimeError`` for a bad argument (channels not divisible by
``r^2``, ``output_padding`` not below the stride), these raise ``ValueError`` (or
``TypeError`` for a wrong type) under the same condition, naming the argument.
"""

from ml_from_scratch.upsampling.modules import (
    ConvTranspose2d,
    PixelShuffle,
    PixelUnshuffle,
    Upsample,
)
from ml_from_scratch.upsampling.resize import MODES, interpolate
from ml_from_scratch.upsampling.shuffle import pixel_shuffle, pixel_unshuffle
from ml_from_scratch.upsampling.transposed_conv import conv_transpose2d, conv_transpose2d_gemm
from ml_from_scratch.upsampling.unpool import max_unpool2d

__all__ = [
    "MODES",
    "ConvTranspose2d",
    "PixelShuffle",
    "PixelUnshuffle",
    "Upsample",
    "conv_transpose2d",
    "conv_transpose2d_gemm",
    "interpolate",
    "max_unpool2d",
    "pixel_shuffle",
    "pixel_unshuffle",
]

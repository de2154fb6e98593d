"""2-D convolution by im2col, and max and average pooling, as ``torch.nn.functional``'s.

A convolution is a matrix product in disguise.  ``im2col`` lays every receptive field of
the (padded) input out as one row of a matrix ``X_col`` of shape
``(N * H_out * W_out, C * kh * kw)``; with the kernels flattened into
``W_col`` of shape ``(O, C * kh * kw)``:

    Y = X_col W_col^T        (then reshaped to (N, O, H_out, W_out))
    dL/dW_col = G^T X_col    dL/dX_col = G W_col     dL/db = sum of G over N, H, W

and ``col2im`` adds each row of ``dL/dX_col`` back onto the input positions it was read
from (overlapping fields add up).  The engine keeps ``X_col`` transposed,
``(C kh kw, N H_out W_out)``, built by one strided copy per kernel position, each
reading whole rows of the input: the layout the matrix products want.  With ``groups``
the channels split into independent blocks, each its own product.  The output size per
spatial axis is ``(size + 2 padding - dilation (k - 1) - 1) // stride + 1``.

Pooling reads the same windows: max pooling sends each output's gradient to the first
maximum of its window (in row-major order within the window, as torch's CPU kernel);
average pooling spreads it evenly over the window.

Complexity: O(N H_out W_out C kh kw) memory for ``X_col``; O(N H_out W_out O C kh kw /
groups) time for the products; col2im and the pools loop over the kh kw kernel
positions in Python, each a vectorised slice.

Source: Chellapilla, Puri and Simard, "High performance convolutional neural networks
for document processing" (2006); cs231n's im2col notes.

Status: forward and gradients against ``torch.nn.functional.conv2d``, ``max_pool2d`` and
``avg_pool2d`` in float64 over random strides, paddings, dilations and groups.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ml_from_scratch._checks import as_bool, as_int, check_ndim, describe
from ml_from_scratch.autograd.graph import Array
from ml_from_scratch.autograd.tensor import Tensor, as_tensor, result

Pair = tuple[int, int]


def conv2d(
    x: Tensor,
    weight: Tensor,
    bias: Tensor | None = None,
    stride: int | Pair = 1,
    padding: int | Pair = 0,
    dilation: int | Pair = 1,
    groups: int = 1,
) -> Tensor:
    """The 2-D cross-correlation of ``x`` with ``weight``, as ``F.conv2d``.

    Parameters
    ----------
    x : Tensor
        ``(N, C, H, W)``.
    weight : Tensor
        ``(O, C // groups, kh, kw)``.
    bias : Tensor, optional
        ``(O,)``.
    stride, padding, dilation : int or pair of int
        Per spatial axis (height, width); padding adds zeros on both sides.
    groups : int
        ``C`` and ``O`` are split into this many independent blocks.

    Returns
    -------
    Tensor
        ``(N, O, H_out, W_out)``.

    Raises
    ------
    ValueError
        For shapes that do not fit, or an output size below 1.

    Examples
    --------
    >>> x = Tensor(np.arange(16.0).reshape(1, 1, 4, 4))
    >>> conv2d(x, Tensor(np.ones((1, 1, 2, 2))), stride=2).data.tolist()
    [[[[10.0, 18.0], [42.0, 50.0]]]]
    """
    x, weight = as_tensor(x, "x"), as_tensor(weight, "weight")
    geometry = _conv_geometry(x.data, weight.data, stride, padding, dilation, groups)
    parents: tuple[Tensor, ...] = (x, weight)
    if bias is not None:
        bias = as_tensor(bias, "bias")
        if bias.shape != (weight.shape[0],):
            raise ValueError(f"bias must have shape ({weight.shape[0]},), got {bias.shape}")
        parents = (x, weight, bias)
    cols = _im2col(x.data, geometry)
    out = _conv_from_cols(cols, weight.data, x.shape[0], geometry)
    if bias is not None:
        out = out + bias.data[:, None, None]

    def rule(g: Array) -> tuple[Array | None, ...]:
        grad_x, grad_w = _conv_backward_from_cols(
            g, cols, x.shape, weight.data, geometry, need_x=x.requires_grad
        )
        grads = (grad_x, grad_w)
        return grads if bias is None else (*grads, g.sum(axis=(0, 2, 3)))

    return result(out, parents, rule)


def conv2d_backward(
    grad: Array,
    x: Array,
    weight: Array,
    stride: int | Pair = 1,
    padding: int | Pair = 0,
    dilation: int | Pair = 1,
    groups: int = 1,
) -> tuple[Array, Array]:
    """The gradients of ``conv2d(x, weight, ...)`` with respect to ``x`` and ``weight``.

    Parameters
    ----------
    grad : ndarray
        ``dL/dY``, ``(N, O, H_out, W_out)``.
    x, weight : ndarray
        The convolution's input ``(N, C, H, W)`` and kernels ``(O, C // groups, kh, kw)``.
    stride, padding, dilation, groups
        As for :func:`conv2d`.

    Returns
    -------
    (ndarray, ndarray)
        ``dL/dx`` and ``dL/dweight`` (the bias's is ``grad.sum(axis=(0, 2, 3))``).

    Examples
    --------
    >>> gx, gw = conv2d_backward(np.ones((1, 1, 1, 1)), np.ones((1, 1, 2, 2)),
    ...                          np.full((1, 1, 2, 2), 3.0))
    >>> gx.tolist(), gw.tolist()
    ([[[[3.0, 3.0], [3.0, 3.0]]]], [[[[1.0, 1.0], [1.0, 1.0]]]])
    """
    x, weight, grad = np.asarray(x), np.asarray(weight), np.asarray(grad)
    geometry = _conv_geometry(x, weight, stride, padding, dilation, groups)
    cols = _im2col(x, geometry)
    grad_x, grad_w = _conv_backward_from_cols(grad, cols, x.shape, weight, geometry, need_x=True)
    assert grad_x is not None
    return grad_x, grad_w


def im2col(x: Array, kernel_size: Any, stride: Any, padding: Any, dilation: Any) -> Array:
    """Every receptive field of ``x`` (N, C, H, W) as a row: ``(N H_out W_out, C kh kw)``.

    Row ``(n, i, j)`` (row-major) holds the padded input under the kernel placed at
    output position ``(i, j)``, in ``(c, ki, kj)`` order, so ``rows @ W.reshape(O, -1).T``
    is the convolution.

    >>> im2col(np.arange(9.0).reshape(1, 1, 3, 3), 2, 1, 0, 1).tolist()[0]
    [0.0, 1.0, 3.0, 4.0]
    """
    return _im2col(x, _geometry(x.shape, kernel_size, stride, padding, dilation)).T


def col2im(
    cols: Array,
    x_shape: tuple[int, ...],
    kernel_size: Any,
    stride: Any,
    padding: Any,
    dilation: Any,
) -> Array:
    """The adjoint of :func:`im2col`: each row added back onto the positions it came from.

    >>> col2im(np.ones((4, 4)), (1, 1, 3, 3), 2, 1, 0, 1).tolist()
    [[[[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]]]
    """
    geometry = _geometry(x_shape, kernel_size, stride, padding, dilation)
    return _col2im(cols.T, x_shape, geometry)


def max_pool2d(
    x: Tensor,
    kernel_size: int | Pair,
    stride: int | Pair | None = None,
    padding: int | Pair = 0,
    dilation: int | Pair = 1,
) -> Tensor:
    """The maximum of each window, as ``F.max_pool2d`` (``stride`` defaults to the kernel).

    Padding is by ``-inf`` and at most half the kernel.  A tie sends the gradient to the
    window's first maximum in row-major order, as torch.

    >>> max_pool2d(Tensor(np.arange(16.0).reshape(1, 1, 4, 4)), 2).data.tolist()
    [[[[5.0, 7.0], [13.0, 15.0]]]]
    """
    x = as_tensor(x, "x")
    data = x.data
    window = _pool_geometry(data, kernel_size, stride, padding, dilation)
    padded = _pad(data, window.padding, -np.inf)
    fields = _windows(padded, window).reshape(*window.out_shape, -1)
    first_max = fields.argmax(axis=-1)
    out = np.take_along_axis(fields, first_max[..., None], axis=-1)[..., 0]
    kw = window.kernel[1]

    def rule(g: Array) -> tuple[Array]:
        grad = np.zeros(padded.shape, dtype=g.dtype)
        for i, j, rows, columns in window.positions():
            grad[:, :, rows, columns] += g * (first_max == i * kw + j)
        return (_crop(grad, window.padding),)

    return result(out, (x,), rule)


def avg_pool2d(
    x: Tensor,
    kernel_size: int | Pair,
    stride: int | Pair | None = None,
    padding: int | Pair = 0,
    count_include_pad: bool = True,
) -> Tensor:
    """The mean of each window, as ``F.avg_pool2d`` (``stride`` defaults to the kernel).

    Padding is by zeros, at most half the kernel; ``count_include_pad=False`` divides by
    the number of real (unpadded) elements of each window instead of ``kh kw``.

    >>> avg_pool2d(Tensor(np.arange(16.0).reshape(1, 1, 4, 4)), 2).data.tolist()
    [[[[2.5, 4.5], [10.5, 12.5]]]]
    """
    x = as_tensor(x, "x")
    data = x.data
    window = _pool_geometry(data, kernel_size, stride, padding, 1)
    padded = _pad(data, window.padding, 0.0)
    count_pad = as_bool(count_include_pad, "count_include_pad")
    if count_pad or window.padding == (0, 0):
        divisor: Any = window.kernel[0] * window.kernel[1]
    else:
        real = _pad(np.ones((1, 1, *data.shape[2:]), dtype=data.dtype), window.padding, 0.0)
        divisor = _windows(real, window).sum(axis=(-2, -1))
    out = _windows(padded, window).sum(axis=(-2, -1)) / divisor

    def rule(g: Array) -> tuple[Array]:
        share = g / divisor
        grad = np.zeros(padded.shape, dtype=g.dtype)
        for _, _, rows, columns in window.positions():
            grad[:, :, rows, columns] += share
        return (_crop(grad, window.padding),)

    return result(out.astype(data.dtype, copy=False), (x,), rule)


# ---------------------------------------------------------------------------- geometry


class _Geometry:
    """Kernel, stride, padding, dilation and output size of one convolution or pool."""

    def __init__(
        self, shape: tuple[int, ...], kernel: Pair, stride: Pair, padding: Pair, dilation: Pair
    ) -> None:
        self.kernel, self.stride, self.padding, self.dilation = kernel, stride, padding, dilation
        n, c, h, w = shape
        self.out_hw = (
            _out_size(h, kernel[0], stride[0], padding[0], dilation[0]),
            _out_size(w, kernel[1], stride[1], padding[1], dilation[1]),
        )
        self.out_shape = (n, c, *self.out_hw)

    def positions(self) -> Any:
        """``(i, j, rows, columns)`` for each kernel position: the padded input's slices
        it reads for the whole output."""
        (oh, ow), (sh, sw), (dh, dw) = self.out_hw, self.stride, self.dilation
        for i in range(self.kernel[0]):
            for j in range(self.kernel[1]):
                rows = slice(i * dh, i * dh + sh * (oh - 1) + 1, sh)
                yield i, j, rows, slice(j * dw, j * dw + sw * (ow - 1) + 1, sw)


class _ConvGeometry(_Geometry):
    def __init__(
        self,
        shape: tuple[int, ...],
        kernel: Pair,
        stride: Pair,
        padding: Pair,
        dilation: Pair,
        groups: int,
    ) -> None:
        super().__init__(shape, kernel, stride, padding, dilation)
        self.groups = groups


def _conv_geometry(
    x: Array, weight: Array, stride: Any, padding: Any, dilation: Any, groups: Any
) -> _ConvGeometry:
    check_ndim(x, "x", (4,))
    check_ndim(weight, "weight", (4,))
    groups = as_int(groups, "groups", low=1)
    channels, out_channels = x.shape[1], weight.shape[0]
    if channels % groups or out_channels % groups:
        raise ValueError(
            f"groups ({groups}) must divide the input channels ({channels}) and the "
            f"output channels ({out_channels})"
        )
    if weight.shape[1] != channels // groups:
        raise ValueError(
            f"weight.shape[1] must be channels // groups = {channels // groups}, "
            f"got weight shape {weight.shape}"
        )
    kernel = (int(weight.shape[2]), int(weight.shape[3]))
    return _ConvGeometry(
        x.shape,
        kernel,
        _pair(stride, "stride"),
        _pair(padding, "padding", 0),
        _pair(dilation, "dilation"),
        groups,
    )


def _pool_geometry(
    x: Array, kernel_size: Any, stride: Any, padding: Any, dilation: Any
) -> _Geometry:
    check_ndim(x, "x", (4,))
    kernel = _pair(kernel_size, "kernel_size")
    strides = kernel if stride is None else _pair(stride, "stride")
    pads = _pair(padding, "padding", 0)
    if pads[0] > kernel[0] // 2 or pads[1] > kernel[1] // 2:
        raise ValueError(f"padding must be at most half the kernel {kernel}, got {padding!r}")
    return _Geometry(x.shape, kernel, strides, pads, _pair(dilation, "dilation"))


def _pair(value: Any, name: str, low: int = 1) -> Pair:
    if isinstance(value, tuple | list):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a pair of ints, got {describe(value)}")
        return as_int(value[0], name, low=low), as_int(value[1], name, low=low)
    number = as_int(value, name, low=low)
    return number, number


def _out_size(size: int, kernel: int, stride: int, padding: int, dilation: int) -> int:
    span = dilation * (kernel - 1) + 1
    out = (size + 2 * padding - span) // stride + 1
    if out < 1:
        raise ValueError(
            f"the kernel spans {span} but the padded input has only {size + 2 * padding}: "
            f"no output (size {size}, padding {padding}, dilation {dilation})"
        )
    return out


def _pad(x: Array, padding: Pair, value: float) -> Array:
    ph, pw = padding
    if not (ph or pw):
        return x
    return np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=value)


def _crop(padded: Array, padding: Pair) -> Array:
    ph, pw = padding
    return padded[:, :, ph : padded.shape[2] - ph, pw : padded.shape[3] - pw]


def _windows(padded: Array, window: _Geometry) -> Array:
    """A read-only view ``(N, C, H_out, W_out, kh, kw)`` of every window."""
    (sh, sw), (dh, dw) = window.stride, window.dilation
    s_n, s_c, s_h, s_w = padded.strides
    return as_strided(
        padded,
        shape=(*padded.shape[:2], *window.out_hw, *window.kernel),
        strides=(s_n, s_c, s_h * sh, s_w * sw, s_h * dh, s_w * dw),
        writeable=False,
    )


def _conv_from_cols(cols: Array, weight: Array, n: int, geometry: _ConvGeometry) -> Array:
    """The convolution from the columns (C kh kw, N H_out W_out): ``W_col @ cols`` per
    group, then (O, N, H_out, W_out) seen as (N, O, H_out, W_out)."""
    groups, out_channels = geometry.groups, weight.shape[0]
    (oh, ow) = geometry.out_hw
    flat = _join(
        [
            block_w.reshape(block_w.shape[0], -1) @ block_cols
            for block_w, block_cols in zip(
                np.split(weight, groups), _blocks(cols, groups), strict=True
            )
        ]
    )
    return flat.reshape(out_channels, n, oh, ow).transpose(1, 0, 2, 3)


def _conv_backward_from_cols(
    grad: Array,
    cols: Array,
    x_shape: tuple[int, ...],
    weight: Array,
    geometry: _ConvGeometry,
    *,
    need_x: bool,
) -> tuple[Array | None, Array]:
    out_channels, groups = weight.shape[0], geometry.groups
    flat_grad = grad.transpose(1, 0, 2, 3).reshape(out_channels, -1)  # (O, N H_out W_out)
    grad_blocks = _blocks(flat_grad, groups)
    col_blocks = _blocks(cols, groups)
    grad_w = _join([g @ c.T for g, c in zip(grad_blocks, col_blocks, strict=True)])
    grad_w = grad_w.reshape(weight.shape)
    if not need_x:
        return None, grad_w
    weights = [w.reshape(w.shape[0], -1) for w in np.split(weight, groups)]
    grad_cols = _join([w.T @ g for g, w in zip(grad_blocks, weights, strict=True)])
    return _col2im(grad_cols, x_shape, geometry), grad_w


def _blocks(rows: Array, groups: int) -> list[Array]:
    """The rows of each channel group (contiguous blocks: channels vary slowest)."""
    return np.split(rows, groups, axis=0) if groups > 1 else [rows]


def _join(blocks: list[Array]) -> Array:
    return blocks[0] if len(blocks) == 1 else np.concatenate(blocks, axis=0)


def _geometry(
    shape: tuple[int, ...], kernel_size: Any, stride: Any, padding: Any, dilation: Any
) -> _Geometry:
    return _Geometry(
        shape,
        _pair(kernel_size, "kernel_size"),
        _pair(stride, "stride"),
        _pair(padding, "padding", 0),
        _pair(dilation, "dilation"),
    )


def _im2col(x: Array, geometry: _Geometry) -> Array:
    """The columns ``(C kh kw, N H_out W_out)``: the transpose of :func:`im2col`'s rows,
    the layout the products want.  One strided copy per kernel position, each reading
    whole rows of the padded input."""
    n, c = x.shape[:2]
    (oh, ow), (kh, kw) = geometry.out_hw, geometry.kernel
    padded = _pad(x, geometry.padding, 0.0)
    cols = np.empty((c, kh, kw, n, oh, ow), dtype=x.dtype)
    for i, j, rows, columns in geometry.positions():
        cols[:, i, j] = padded[:, :, rows, columns].transpose(1, 0, 2, 3)
    return cols.reshape(c * kh * kw, n * oh * ow)


def _col2im(cols: Array, x_shape: tuple[int, ...], geometry: _Geometry) -> Array:
    """The adjoint of :func:`_im2col`: columns added back onto the padded input."""
    n, c, h, w = x_shape
    (oh, ow), (kh, kw), (ph, pw) = geometry.out_hw, geometry.kernel, geometry.padding
    fields = cols.reshape(c, kh, kw, n, oh, ow)
    padded = np.zeros((n, c, h + 2 * ph, w + 2 * pw), dtype=cols.dtype)
    for i, j, rows, columns in geometry.positions():
        padded[:, :, rows, columns] += fields[:, i, j].transpose(1, 0, 2, 3)
    return _crop(padded, geometry.padding)

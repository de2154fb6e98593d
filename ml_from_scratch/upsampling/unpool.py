"""Max unpooling: put each pooled maximum back where it came from, zeros elsewhere.

``max_pool2d(x, return_indices=True)`` gives, beside each window's maximum, where in
its ``(H, W)`` plane the maximum was, as a flat index ``h W + w``.  ``max_unpool2d``
is its partial inverse, the upsampling of SegNet's decoder (Badrinarayanan et al.)::

    out[n, c].flatten()[indices[n, c, i, j]] = input[n, c, i, j],   0 elsewhere

a scatter into a zero plane of the output size, which is by default the size the
pooling came from::

    H_out = (H - 1) stride - 2 padding + kernel_size

or any ``output_size`` strictly within ``stride`` of it (a pooling of any of those
sizes gives ``H``).  Where two windows share a maximum (overlapping windows), both
write the same value to the same place.  The gradient is the adjoint, a gather:
``grad_input[n, c, i, j] = grad_out[n, c].flatten()[indices[n, c, i, j]]``.

Complexity: O(N C H_out W_out) time and memory (the zero output), O(N C H W) for the scatter.

Source: PyTorch's ``torch.nn.functional.max_unpool2d``; V. Badrinarayanan, A. Kendall
and R. Cipolla, "SegNet", TPAMI 2017.

Status: tested against ``torch.nn.functional.max_unpool2d`` (forward and gradient) on
the indices of ``max_pool2d`` for hypothesis-drawn shapes, kernels, strides, paddings
and output sizes.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from ml_from_scratch._checks import as_int_tuple, check_tensor, describe

__all__ = ["max_unpool2d", "unpool_output_size"]


def max_unpool2d(
    input: torch.Tensor,
    indices: torch.Tensor,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: int | Sequence[int] = 0,
    output_size: Sequence[int] | None = None,
) -> torch.Tensor:
    """Scatter ``input`` to the places ``indices`` name, as ``F.max_unpool2d``.

    Parameters
    ----------
    input : torch.Tensor
        ``(N, C, H, W)`` or ``(C, H, W)``: the maxima of a max pooling.
    indices : torch.Tensor
        int64, the input's shape: flat indices ``h W_out + w`` into each output plane,
        as ``max_pool2d(..., return_indices=True)`` gives them.
    kernel_size, stride, padding : int or (int, int)
        The pooling's; ``stride`` defaults to ``kernel_size``.
    output_size : sequence of int, optional
        ``(H_out, W_out)`` (or with the batch and channel sizes in front), each strictly
        within ``stride`` of the default ``(H - 1) stride - 2 padding + kernel_size``.

    Returns
    -------
    torch.Tensor
        ``(N, C, H_out, W_out)`` (``(C, H_out, W_out)`` for a 3-D input), zero but where
        an index points; differentiable in ``input``.

    Raises
    ------
    TypeError
        If ``input`` or ``indices`` is not a tensor, ``indices`` not int64, or an int
        argument is not an int.
    ValueError
        If ``indices`` does not have the input's shape or points outside the output
        plane, ``kernel_size`` or ``stride`` is below 1, ``padding`` negative, or
        ``output_size`` has the wrong length or an out-of-range size.

    Complexity
    ----------
    O(N C H_out W_out) time and memory.

    Examples
    --------
    >>> x = torch.tensor([[[[1.0, 5.0, 2.0, 0.0],
    ...                     [4.0, 3.0, 7.0, 6.0]]]])
    >>> pooled, where = torch.nn.functional.max_pool2d(x, 2, return_indices=True)
    >>> pooled, where
    (tensor([[[[5., 7.]]]]), tensor([[[[1, 6]]]]))
    >>> max_unpool2d(pooled, where, 2)
    tensor([[[[0., 5., 0., 0.],
              [0., 0., 7., 0.]]]])
    """
    check_tensor(input, "input", (3, 4))
    check_tensor(indices, "indices")
    if indices.dtype != torch.int64:
        raise TypeError(f"indices must be an int64 tensor, got dtype {indices.dtype}")
    if indices.shape != input.shape:
        raise ValueError(
            f"indices must have the input's shape {tuple(input.shape)}, got shape "
            f"{tuple(indices.shape)}"
        )
    kernel = as_int_tuple(kernel_size, "kernel_size", 2, low=1)
    steps = kernel if stride is None else as_int_tuple(stride, "stride", 2, low=1)
    pads = as_int_tuple(padding, "padding", 2, low=0)
    height, width = _output_size(input.shape[-2:], kernel, steps, pads, output_size)
    planes = input.reshape(-1, input.shape[-2] * input.shape[-1])
    where = indices.reshape(planes.shape)
    if where.numel() and (int(where.min()) < 0 or int(where.max()) >= height * width):
        raise ValueError(
            f"indices must lie in [0, {height * width}) (the {height} x {width} output "
            f"plane), got values in [{int(where.min())}, {int(where.max())}]"
        )
    out = planes.new_zeros(planes.shape[0], height * width).scatter(1, where, planes)
    return out.view(*input.shape[:-2], height, width)


def unpool_output_size(size: int, kernel_size: int, stride: int, padding: int) -> int:
    """The size a pooling of output ``size`` came from: ``(size - 1) s - 2 p + k``.

    >>> unpool_output_size(7, 2, 2, 0)
    14
    """
    return (size - 1) * stride - 2 * padding + kernel_size


def _output_size(
    input_size: Sequence[int],
    kernel: tuple[int, ...],
    stride: tuple[int, ...],
    padding: tuple[int, ...],
    output_size: object,
) -> tuple[int, int]:
    default = [
        unpool_output_size(*args) for args in zip(input_size, kernel, stride, padding, strict=True)
    ]
    if output_size is None:
        if min(default) < 1:
            raise ValueError(
                f"the output would be empty: input size {tuple(input_size)}, kernel_size "
                f"{kernel}, stride {stride} and padding {padding} give {tuple(default)}"
            )
        return default[0], default[1]
    if not isinstance(output_size, Sequence | torch.Size) or isinstance(output_size, str):
        raise TypeError(f"output_size must be a sequence of ints, got {describe(output_size)}")
    sizes = list(output_size)
    if len(sizes) == 4:  # (N, C, H_out, W_out), as torch accepts
        sizes = sizes[2:]
    if len(sizes) != 2:
        raise ValueError(
            f"output_size must hold 2 sizes (H_out, W_out), or 4 with the batch and "
            f"channels, got {describe(output_size)}"
        )
    checked = as_int_tuple(tuple(sizes), "output_size", 2, low=1)
    for d, (size, want, step) in enumerate(zip(checked, default, stride, strict=True)):
        if not want - step < size < want + step:
            raise ValueError(
                f"output_size {tuple(output_size)} is out of range: dimension {d} must be "
                f"strictly between {want - step} and {want + step}, got {size}"
            )
    return checked[0], checked[1]

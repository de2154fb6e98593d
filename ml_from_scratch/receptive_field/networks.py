"""Receptive fields of torch models: read from the layers, and measured by autograd.

:func:`receptive_field_of` walks an ``nn.Sequential`` (nested ones too), turns each
convolution and pooling into a :class:`LayerSpec` and applies the bottom-up recurrences
of :mod:`~ml_from_scratch.receptive_field.analytic`; shape-preserving layers
(activations, batch norm, dropout, identity) change nothing and are skipped.

:func:`empirical_receptive_field` measures instead: the input pixels an output unit
depends on are those where the gradient of that unit with respect to the input is
non-zero.  Weights of either sign can cancel, and a max pooling passes its gradient to
one pixel per window, so the gradient is taken on a copy of the model made linear and
positive: each convolution's weights set to ``1 / fan_in`` and its bias to 0, each max
pooling replaced by an average pooling (a sum of ones, when dilated) of the same
geometry, and each shape-preserving layer by the identity.  Then every path from an
input pixel to the unit carries a positive product of weights, and the gradient is
positive exactly where the unit can see.  It is computed in float64, whose range keeps
the product over a path from underflowing for hundreds of layers.

Status: tested against the published receptive fields of VGG-16, and on hypothesis-
drawn stacks of ``Conv1d``, ``Conv2d`` and poolings of every kernel, stride, padding and
dilation: the analytic box equals the measured one.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Iterator, Sequence

import torch
from torch import nn

from ml_from_scratch._checks import as_int, as_int_tuple, check_tensor
from ml_from_scratch.receptive_field.analytic import LayerSpec, ReceptiveField, receptive_field

__all__ = [
    "SHAPE_PRESERVING",
    "empirical_receptive_field",
    "input_gradient",
    "layer_specs_of",
    "receptive_field_of",
    "vgg16_features",
]

SHAPE_PRESERVING: tuple[type[nn.Module], ...] = (
    nn.Identity,
    nn.ReLU,
    nn.ReLU6,
    nn.LeakyReLU,
    nn.PReLU,
    nn.ELU,
    nn.SELU,
    nn.CELU,
    nn.GELU,
    nn.SiLU,
    nn.Mish,
    nn.Sigmoid,
    nn.Tanh,
    nn.Hardtanh,
    nn.Hardswish,
    nn.Hardsigmoid,
    nn.Softplus,
    nn.Softsign,
    nn.BatchNorm1d,
    nn.BatchNorm2d,
    nn.Dropout,
    nn.Dropout1d,
    nn.Dropout2d,
)
"""Layers that act on each pixel alone (batch norm with its running statistics, as in
evaluation), so they leave every receptive field as it is."""

_CONVS = {1: nn.Conv1d, 2: nn.Conv2d}
_MAX_POOLS = {1: nn.MaxPool1d, 2: nn.MaxPool2d}
_AVG_POOLS = {1: nn.AvgPool1d, 2: nn.AvgPool2d}


def layer_specs_of(model: nn.Module, ndim: int = 2) -> list[LayerSpec]:
    """The :class:`LayerSpec` of each convolution and pooling of ``model``, in order.

    Each is named after its path in the model and its type (``"features.3 (Conv2d)"``).

    Raises
    ------
    TypeError
        If ``model`` is not an ``nn.Module``.
    ValueError
        If ``ndim`` is not 1 or 2, or a layer is neither a ``Conv{ndim}d``, a max or
        average pooling of ``ndim`` dimensions, a shape-preserving layer, nor an
        ``nn.Sequential``; the message names the layer and its path.

    Examples
    --------
    >>> [spec] = layer_specs_of(nn.Sequential(nn.Conv2d(3, 8, 5, padding=2), nn.ReLU()))
    >>> spec.name, spec.kernel_size, spec.stride, spec.padding, spec.dilation
    ('0 (Conv2d)', (5, 5), (1, 1), (2, 2), (1, 1))
    """
    n = _check_ndim(ndim)
    return [_spec(path, layer, n) for path, layer in _geometric_layers(model, n)]


def receptive_field_of(model: nn.Module, ndim: int = 2) -> list[ReceptiveField]:
    """The receptive field after each convolution and pooling of ``model``.

    Parameters
    ----------
    model : nn.Module
        An ``nn.Sequential`` (nested ones too) of ``Conv1d``/``Conv2d``, ``MaxPool``,
        ``AvgPool`` and shape-preserving layers (:data:`SHAPE_PRESERVING`), or one such
        layer.
    ndim : int
        1 or 2, the spatial dimensions of the model's input.

    Returns
    -------
    list of ReceptiveField
        One per convolution or pooling, as :func:`receptive_field` gives them for
        :func:`layer_specs_of`'s specs.

    Raises
    ------
    TypeError, ValueError
        As :func:`layer_specs_of`.

    Complexity
    ----------
    O(L ndim) for L layers.

    Examples
    --------
    >>> receptive_field_of(vgg16_features())[-1]
    ReceptiveField(size=(212, 212), jump=(32, 32), start=(15.5, 15.5))
    """
    return receptive_field(layer_specs_of(model, ndim), _check_ndim(ndim))


def input_gradient(
    model: nn.Module, input_shape: Sequence[int], output_index: Sequence[int]
) -> torch.Tensor:
    """How much one output unit depends on each input pixel, in the positive copy.

    The gradient of output ``[0, 0, *output_index]`` of the model's linear, positive
    copy (see the module docstring) at an input of ones, summed over the input's
    channels: positive exactly on the pixels the unit sees.

    Parameters
    ----------
    model : nn.Module
        As for :func:`receptive_field_of`; it is not modified.
    input_shape : sequence of int
        ``(N, C, L)`` or ``(N, C, H, W)``, the shape of the model's input.
    output_index : sequence of int
        The unit's spatial index in the output, one int per spatial dimension.

    Returns
    -------
    torch.Tensor
        float64, of the input's spatial shape.

    Raises
    ------
    TypeError, ValueError
        As :func:`layer_specs_of`; also for a bad ``input_shape``, or an
        ``output_index`` outside the output (its shape is named).
    """
    shape = as_int_tuple(tuple(input_shape), "input_shape", len(input_shape), low=1)
    if len(shape) not in (3, 4):
        raise ValueError(f"input_shape must be (N, C, L) or (N, C, H, W), got {shape}")
    ndim = len(shape) - 2
    index = as_int_tuple(tuple(output_index), "output_index", ndim, low=0)
    positive = _positive_copy(model, ndim)
    x = torch.ones(shape, dtype=torch.float64, requires_grad=True)
    out = positive(x)
    check_tensor(out, "the model's output", (ndim + 2,))
    if any(i >= n for i, n in zip(index, out.shape[2:], strict=True)):
        raise ValueError(
            f"output_index must lie in the output's spatial shape {tuple(out.shape[2:])}, "
            f"got {index}"
        )
    (grad,) = torch.autograd.grad(out[(0, 0, *index)], x)
    return grad[0].sum(0)


def empirical_receptive_field(
    model: nn.Module, input_shape: Sequence[int], output_index: Sequence[int]
) -> tuple[range, ...]:
    """The input box one output unit depends on, measured by autograd.

    The bounding box of the pixels where :func:`input_gradient` is positive: inside the
    input, the analytic box of :func:`receptive_field_of` clipped to the input's
    borders (when a dilated or strided stack leaves holes at a clipped edge, the
    measured box stops at the last pixel seen); empty ranges for a unit that sees
    only padding.

    Parameters
    ----------
    model, input_shape, output_index
        As for :func:`input_gradient`.

    Returns
    -------
    tuple of range
        The input indices per spatial dimension.

    Raises
    ------
    TypeError, ValueError
        As :func:`input_gradient`.

    Examples
    --------
    >>> net = nn.Sequential(nn.Conv2d(1, 1, 3), nn.MaxPool2d(2), nn.Conv2d(1, 1, 3, dilation=2))
    >>> empirical_receptive_field(net, (1, 1, 32, 32), (4, 5))
    (range(8, 20), range(10, 22))
    >>> receptive_field_of(net)[-1].box((4, 5))
    (range(8, 20), range(10, 22))
    """
    seen = input_gradient(model, input_shape, output_index) > 0
    if not seen.any():  # the unit sees only padding
        return (range(0),) * seen.dim()
    box = []
    for axis in range(seen.dim()):
        others = [d for d in range(seen.dim()) if d != axis]
        hit = seen.any(dim=others) if others else seen
        where = hit.nonzero().flatten().tolist()
        box.append(range(where[0], where[-1] + 1))
    return tuple(box)


def vgg16_features(widths: Sequence[int] = (64, 128, 256, 512, 512)) -> nn.Sequential:
    """VGG-16's convolutional part (configuration D), ``conv1_1`` to ``pool5``.

    Thirteen 3 x 3 convolutions of padding 1, each followed by a ReLU, in five blocks
    of 2, 2, 3, 3 and 3 convolutions, each block ending in a 2 x 2 max pooling of
    stride 2 (Simonyan and Zisserman, 2015, table 1).  Layers are named as in the paper.

    Parameters
    ----------
    widths : sequence of 5 ints
        The channels of each block: the paper's 64, 128, 256, 512 and 512 by default;
        narrower ones give the same geometry for less computation.

    Examples
    --------
    >>> vgg = vgg16_features()
    >>> vgg.pool5, sum(p.numel() for p in vgg.parameters())
    (MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False), 14714688)
    """
    channels = as_int_tuple(tuple(widths), "widths", 5, low=1)
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    previous = 3
    for block, (width, depth) in enumerate(zip(channels, (2, 2, 3, 3, 3), strict=True), 1):
        for i in range(1, depth + 1):
            layers[f"conv{block}_{i}"] = nn.Conv2d(previous, width, 3, padding=1)
            layers[f"relu{block}_{i}"] = nn.ReLU(inplace=True)
            previous = width
        layers[f"pool{block}"] = nn.MaxPool2d(2, 2)
    return nn.Sequential(layers)


# ---------------------------------------------------------------- walking the model


def _geometric_layers(model: object, ndim: int) -> Iterator[tuple[str, nn.Module]]:
    """``(path, layer)`` for each convolution and pooling, after checking every layer."""
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
    for path, layer in _leaves(model, ""):
        if isinstance(layer, SHAPE_PRESERVING):
            continue
        if isinstance(layer, _CONVS[ndim] | _MAX_POOLS[ndim] | _AVG_POOLS[ndim]):
            yield path, layer
            continue
        raise ValueError(
            f"cannot follow the receptive field through layer {path or '(the model)'} "
            f"({type(layer).__name__}): with ndim={ndim}, only Conv{ndim}d, MaxPool{ndim}d, "
            f"AvgPool{ndim}d, shape-preserving layers (activations, batch norm, dropout, "
            f"identity) and nn.Sequential of them are allowed"
        )


def _leaves(module: nn.Module, path: str) -> Iterator[tuple[str, nn.Module]]:
    if isinstance(module, nn.Sequential):
        for name, child in module.named_children():
            yield from _leaves(child, f"{path}.{name}" if path else name)
    else:
        yield path, module


def _spec(path: str, layer: nn.Module, ndim: int) -> LayerSpec:
    name = f"{path} ({type(layer).__name__})" if path else type(layer).__name__
    kernel = as_int_tuple(_get(layer, "kernel_size"), "kernel_size", ndim, low=1)
    stride_value = _get(layer, "stride")
    stride_value = kernel if stride_value is None else stride_value
    stride = as_int_tuple(stride_value, "stride", ndim, low=1)
    dilation = as_int_tuple(_get(layer, "dilation", 1), "dilation", ndim, low=1)
    padding_value = _get(layer, "padding")
    if isinstance(padding_value, str):  # a Conv's "valid" or "same" (stride 1)
        padding = tuple(
            (d * (k - 1)) // 2 if padding_value == "same" else 0
            for k, d in zip(kernel, dilation, strict=True)
        )
    else:
        padding = as_int_tuple(padding_value, "padding", ndim)
    return LayerSpec(kernel, stride, padding, dilation, name=name)


def _get(layer: nn.Module, attribute: str, default: object = None) -> object:
    value = getattr(layer, attribute, default)
    return value if not isinstance(value, list) else tuple(value)


def _check_ndim(ndim: object) -> int:
    n = as_int(ndim, "ndim")
    if n not in _CONVS:
        raise ValueError(f"ndim must be 1 or 2, got {n}")
    return n


# ---------------------------------------------------------------- the positive copy


def _positive_copy(model: nn.Module, ndim: int) -> nn.Module:
    """The model made linear and positive, in float64 (see the module docstring)."""
    paths = [path for path, _ in _geometric_layers(model, ndim)]
    specs = dict(zip(paths, layer_specs_of(model, ndim), strict=True))
    clone = copy.deepcopy(model).double().eval()
    for path, layer in list(_leaves(clone, "")):
        replacement: nn.Module | None = None
        if isinstance(layer, SHAPE_PRESERVING):
            replacement = nn.Identity()
        elif isinstance(layer, _CONVS[ndim]):
            with torch.no_grad():
                layer.weight.fill_(1.0 / layer.weight[0].numel())
                if layer.bias is not None:
                    layer.bias.zero_()
        elif isinstance(layer, _MAX_POOLS[ndim]):
            replacement = _positive_pool(layer, specs[path], ndim)
        if replacement is not None:
            clone = _replace(clone, path, replacement)
    return clone


def _positive_pool(layer: nn.Module, spec: LayerSpec, ndim: int) -> nn.Module:
    """An average pooling, or a dilated sum, with a max pooling's geometry."""
    kernel, stride, padding, dilation = (
        tuple(values) for values in zip(*spec.dimensions(ndim), strict=True)
    )
    if all(d == 1 for d in dilation):
        ceil_mode = bool(getattr(layer, "ceil_mode", False))
        average: nn.Module = _AVG_POOLS[ndim](kernel, stride, padding, ceil_mode=ceil_mode)
        return average
    if getattr(layer, "ceil_mode", False):
        raise ValueError(
            f"cannot measure the receptive field through {spec.name}: a max pooling with "
            f"both dilation > 1 and ceil_mode=True has no average-pooling twin"
        )
    return _DilatedSum(kernel, stride, padding, dilation)


class _DilatedSum(nn.Module):
    """The sum over a dilated window of each channel: a depthwise convolution of ones."""

    def __init__(self, *geometry: tuple[int, ...]) -> None:
        super().__init__()
        self.kernel, self.stride, self.padding, self.dilation = geometry

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        channels = x.shape[1]
        ones = x.new_ones(channels, 1, *self.kernel)
        conv = nn.functional.conv1d if x.dim() == 3 else nn.functional.conv2d
        out: torch.Tensor = conv(x, ones, None, self.stride, self.padding, self.dilation, channels)
        return out


def _replace(root: nn.Module, path: str, replacement: nn.Module) -> nn.Module:
    if not path:
        return replacement
    *parents, last = path.split(".")
    parent = root
    for name in parents:
        parent = getattr(parent, name)
    setattr(parent, last, replacement)
    return root

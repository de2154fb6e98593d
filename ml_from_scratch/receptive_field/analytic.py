"""Receptive fields of a stack of convolutions and poolings, from their arithmetic alone.

A unit of layer ``l`` sees a box of the input: its receptive field.  Three numbers per
spatial dimension describe the boxes of a whole layer (Dumoulin and Visin; Araujo et
al.): the ``size`` of a box, the ``jump`` between the centres of neighbouring units'
boxes (the layer's effective stride, in input pixels), and the ``start``, the centre of
the first unit's box in input coordinates (pixel ``i`` is centred at ``i``).  A layer
of kernel ``k``, stride ``s``, padding ``p`` and dilation ``d`` spans
``k_eff = d (k - 1) + 1`` of its input's units, and bottom-up, from the input
(``size = jump = 1``, ``start = 0``)::

    jump_l  = jump_{l-1} s_l
    size_l  = size_{l-1} + (k_eff_l - 1) jump_{l-1}
    start_l = start_{l-1} + ((k_eff_l - 1) / 2 - p_l) jump_{l-1}

Unit ``j`` of layer ``l`` is centred at ``start_l + j jump_l`` and sees the
``size_l`` input pixels around it; parts of the box may lie in the padding.  Top-down,
for one layer ``L``: a unit sees ``RF_L = 1`` unit of its own layer, and
``RF_{l-1} = (RF_l - 1) s_l + k_eff_l`` units of the layer below; ``RF_0`` is
``size_L``.  Dilation only spreads a kernel's taps: the box is their span, with holes
inside when ``d > 1`` (or when a stride exceeds the kernel below it).

Complexity: O(L n) for L layers in n dimensions bottom-up (all layers at once); the
top-down recurrence, run once per layer, O(L^2 n).

Source: V. Dumoulin and F. Visin, "A guide to convolution arithmetic for deep learning"
(2016); A. Araujo, W. Norris and J. Sim, "Computing Receptive Fields of Convolutional
Neural Networks", Distill (2019), whose table gives VGG-16 and AlexNet's.

Status: tested against that published table (VGG-16 pool5: size 212, jump 32, effective
padding 90; AlexNet v2 conv1 11/4 and pool5 195/32, padding 64); on hypothesis-drawn
stacks against a brute force that follows every kernel tap down to the input, and
against the gradients of torch models built from the same stacks; top-down against
bottom-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

from ml_from_scratch._checks import as_int, as_int_tuple, describe

__all__ = [
    "LayerSpec",
    "ReceptiveField",
    "receptive_field",
    "receptive_field_table",
    "receptive_field_top_down",
]

_LOWEST = {"kernel_size": 1, "stride": 1, "padding": 0, "dilation": 1}


@dataclass(frozen=True)
class LayerSpec:
    """The arithmetic of one convolution or pooling layer.

    Each of ``kernel_size``, ``stride``, ``padding`` and ``dilation`` is an int (the same
    in every spatial dimension) or a tuple with one int per dimension, as torch takes
    them.  ``padding`` is the number of pixels added before the first input pixel.

    Raises
    ------
    TypeError
        If a field is not an int or a tuple of ints.
    ValueError
        If ``kernel_size``, ``stride`` or ``dilation`` is below 1, ``padding`` below 0,
        or tuples of different lengths are mixed.

    Examples
    --------
    >>> LayerSpec(3, padding=1)
    LayerSpec(kernel_size=3, stride=1, padding=1, dilation=1, name='')
    >>> LayerSpec((3, 5), stride=2).dimensions(2)
    ((3, 2, 0, 1), (5, 2, 0, 1))
    """

    kernel_size: int | tuple[int, ...]
    stride: int | tuple[int, ...] = 1
    padding: int | tuple[int, ...] = 0
    dilation: int | tuple[int, ...] = 1
    name: str = ""

    def __post_init__(self) -> None:
        for field in fields(self)[:4]:  # lists as tuples, numpy ints as ints: hashable
            value = getattr(self, field.name)
            if isinstance(value, list | tuple):
                object.__setattr__(
                    self, field.name, tuple(_as_field_int(v, field.name) for v in value)
                )
            else:
                object.__setattr__(self, field.name, _as_field_int(value, field.name))
        lengths = {len(v) for v in self._arithmetic() if isinstance(v, tuple)}
        if len(lengths) > 1:
            raise ValueError(f"LayerSpec fields must be ints or tuples of one length, got {self!r}")
        ndim = lengths.pop() if lengths else 1
        for name, value in zip(_LOWEST, self._arithmetic(), strict=True):
            as_int_tuple(value, name, ndim, low=_LOWEST[name])

    @property
    def ndim(self) -> int | None:
        """The number of dimensions its tuples give, or None if every field is an int."""
        lengths = [len(v) for v in self._arithmetic() if isinstance(v, tuple)]
        return lengths[0] if lengths else None

    def dimensions(self, ndim: int) -> tuple[tuple[int, int, int, int], ...]:
        """``(kernel_size, stride, padding, dilation)`` for each of ``ndim`` dimensions.

        Raises
        ------
        ValueError
            If the layer's tuples have another length.
        """
        per_field = [
            as_int_tuple(value, name, ndim, low=_LOWEST[name])
            for name, value in zip(_LOWEST, self._arithmetic(), strict=True)
        ]
        return tuple((k, s, p, d) for k, s, p, d in zip(*per_field, strict=True))

    def _arithmetic(self) -> tuple[int | tuple[int, ...], ...]:
        return self.kernel_size, self.stride, self.padding, self.dilation


class ReceptiveField(NamedTuple):
    """The receptive fields of one layer's units, one entry per spatial dimension.

    Attributes
    ----------
    size : tuple of int
        How many input pixels a unit's box spans.
    jump : tuple of int
        The distance, in input pixels, between neighbouring units' centres.
    start : tuple of float
        The centre of the first unit's box (pixel ``i`` is centred at ``i``), an integer
        or a half-integer.
    """

    size: tuple[int, ...]
    jump: tuple[int, ...]
    start: tuple[float, ...]

    def box(self, index: Sequence[int]) -> tuple[range, ...]:
        """The input pixels, per dimension, in the box of the unit at ``index``; the
        range may reach below 0 or past the input, into the padding.

        >>> ReceptiveField(size=(5,), jump=(2,), start=(1.0,)).box((3,))
        (range(5, 10),)
        """
        index = tuple(as_int(i, "index") for i in index)
        if len(index) != len(self.size):
            raise ValueError(
                f"index must hold {len(self.size)} ints (one per dimension), got {index}"
            )
        return tuple(
            range(int(c + i * j - (r - 1) / 2), int(c + i * j + (r - 1) / 2) + 1)
            for i, r, j, c in zip(index, self.size, self.jump, self.start, strict=True)
        )


def receptive_field(layers: Sequence[LayerSpec], ndim: int | None = None) -> list[ReceptiveField]:
    """The receptive field of every layer's units, by the bottom-up recurrences.

    Parameters
    ----------
    layers : sequence of LayerSpec
        The convolutions and poolings from the input up; shape-preserving layers
        (activations, normalisation) are left out.
    ndim : int, optional
        The number of spatial dimensions; by default the length of the layers' tuples,
        1 if every field is an int.

    Returns
    -------
    list of ReceptiveField
        One per layer, in order: ``size``, ``jump`` and ``start`` per dimension after
        that layer.

    Raises
    ------
    TypeError
        If ``layers`` is not a sequence of ``LayerSpec``, or ``ndim`` not an int.
    ValueError
        If ``ndim < 1`` or a layer's tuples do not have ``ndim`` entries.

    Complexity
    ----------
    O(L ndim) for L layers.

    Examples
    --------
    >>> conv_pool = [LayerSpec(3, padding=1), LayerSpec(3, padding=1), LayerSpec(2, stride=2)]
    >>> for field in receptive_field(conv_pool, ndim=2):
    ...     print(field.size, field.jump, field.start)
    (3, 3) (1, 1) (0.0, 0.0)
    (5, 5) (1, 1) (0.0, 0.0)
    (6, 6) (2, 2) (0.5, 0.5)
    >>> receptive_field([LayerSpec(3, dilation=2), LayerSpec(3, dilation=4)])[-1].size
    (13,)
    """
    specs, n = _check_layers(layers, ndim)
    size, jump, start = [1] * n, [1] * n, [0.0] * n
    fields_: list[ReceptiveField] = []
    for spec in specs:
        for axis, (k, s, p, d) in enumerate(spec.dimensions(n)):
            span = d * (k - 1) + 1  # the effective kernel
            start[axis] += ((span - 1) / 2 - p) * jump[axis]
            size[axis] += (span - 1) * jump[axis]
            jump[axis] *= s
        fields_.append(ReceptiveField(tuple(size), tuple(jump), tuple(start)))
    return fields_


def receptive_field_top_down(
    layers: Sequence[LayerSpec], ndim: int | None = None
) -> list[tuple[int, ...]]:
    """The receptive-field size of every layer, each by the top-down recurrence.

    For layer ``L``: ``RF_L = 1``, then ``RF_{l-1} = (RF_l - 1) s_l + k_eff_l`` down to
    the input, with ``k_eff = d (k - 1) + 1``; the sizes equal
    :func:`receptive_field`'s.

    Parameters
    ----------
    layers, ndim
        As for :func:`receptive_field`.

    Returns
    -------
    list of tuple of int
        The size per dimension, one tuple per layer.

    Raises
    ------
    TypeError, ValueError
        As :func:`receptive_field`.

    Complexity
    ----------
    O(L^2 ndim): the recurrence runs from each of the L layers down.

    Examples
    --------
    >>> receptive_field_top_down([LayerSpec(3), LayerSpec(2, stride=2), LayerSpec(3)])
    [(3,), (4,), (8,)]
    """
    specs, n = _check_layers(layers, ndim)
    sizes = []
    for top in range(len(specs)):
        rf = [1] * n
        for spec in reversed(specs[: top + 1]):
            for axis, (k, s, _, d) in enumerate(spec.dimensions(n)):
                rf[axis] = (rf[axis] - 1) * s + d * (k - 1) + 1
        sizes.append(tuple(rf))
    return sizes


def receptive_field_table(layers: Sequence[LayerSpec], ndim: int | None = None) -> str:
    """The layers and their receptive fields as a text table, one row per layer.

    A per-dimension value shows once when every dimension has it, else as ``3x5``.

    >>> print(receptive_field_table([LayerSpec(3, padding=1, name="conv"),
    ...                              LayerSpec(2, stride=2, name="pool")], ndim=2))
    layer  kernel  stride  padding  dilation  size  jump  start
    conv        3       1        1         1     3     1      0
    pool        2       2        0         1     4     2    0.5
    """
    specs, n = _check_layers(layers, ndim)
    header = ["layer", "kernel", "stride", "padding", "dilation", "size", "jump", "start"]
    rows = []
    for i, (spec, field) in enumerate(zip(specs, receptive_field(specs, n), strict=True)):
        arithmetic = list(zip(*spec.dimensions(n), strict=True))
        cells = [spec.name or str(i), *(_cell(values) for values in arithmetic)]
        cells += [_cell(field.size), _cell(field.jump), _cell(field.start)]
        rows.append(cells)
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if c == 0 else cell.rjust(w)
            for c, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)


def _as_field_int(value: object, name: str) -> int:
    try:
        return as_int(value, name)
    except TypeError:
        raise TypeError(
            f"{name} must be an int or a tuple of ints, got {describe(value)}"
        ) from None


def _cell(values: Sequence[float]) -> str:
    shown = [f"{v:g}" for v in values]
    return shown[0] if len(set(shown)) == 1 else "x".join(shown)


def _check_layers(layers: object, ndim: object) -> tuple[list[LayerSpec], int]:
    if isinstance(layers, str) or not isinstance(layers, Sequence):
        raise TypeError(f"layers must be a sequence of LayerSpec, got {describe(layers)}")
    specs = list(layers)
    for i, spec in enumerate(specs):
        if not isinstance(spec, LayerSpec):
            raise TypeError(f"layers[{i}] must be a LayerSpec, got {describe(spec)}")
    if ndim is None:
        dims = {spec.ndim for spec in specs} - {None}
        if len(dims) > 1:
            raise ValueError(
                f"layers must agree on the number of dimensions, got tuples of lengths "
                f"{sorted(d for d in dims if d is not None)}"
            )
        n = dims.pop() if dims else 1
        return specs, n or 1
    n = as_int(ndim, "ndim", low=1)
    for i, spec in enumerate(specs):
        if spec.ndim not in (None, n):
            raise ValueError(f"layers[{i}] has {spec.ndim} dimensions, but ndim={n}: {spec!r}")
    return specs, n

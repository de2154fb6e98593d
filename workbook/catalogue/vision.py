"""Vision: receptive fields of convolutional networks, and upsampling as torch does it."""

from workbook.compare import BY_VALUE
from workbook.exercise import Exercise

RF_BENCH = "benchmarks/ml_from_scratch/bench_receptive_field.py"
UP_BENCH = "benchmarks/ml_from_scratch/bench_upsampling.py"
RF_IMPORTS = ("from ml_from_scratch.receptive_field import LayerSpec, ReceptiveField",)
TORCH_IMPORTS = ("import torch",)
# float32 results of another summation order: a few ulps (1e-7) of values of order 1-10.
FLOAT32 = BY_VALUE.within(rel=1e-5, abs=1e-5)

_LAYERS = """
`layers` lists the convolutions and poolings of a network from the input up, as
`LayerSpec(kernel_size, stride=1, padding=0, dilation=1, name="")`.  Each of the four
numbers is an int (the same in every spatial dimension) or a tuple with one int per
dimension.  A layer with kernel k and dilation d spreads its taps over an effective
kernel of `d (k - 1) + 1` units of its input; padding p adds p units before the first.
`ndim` is the number of spatial dimensions; when it is None, use the length of the
layers' tuples, or 1 if every field is an int.
"""

_RF_CONSTRAINTS = """
Constraints:
    0 <= len(layers) <= {max_layers}; 1 <= ndim <= 3
    1 <= kernel_size, stride, dilation <= 16; 0 <= padding <= 16
"""

_RECEPTIVE_FIELD = f"""
A unit of a convolutional network sees a box of its input: its receptive field.  For
each layer, return the receptive field of its units, per spatial dimension:

    size   how many input pixels a unit's box spans
    jump   the distance, in input pixels, between neighbouring units' centres
    start  the centre of the first unit's box, in input coordinates (pixel i is
           centred at i; a box may reach into the padding, below 0)
{_LAYERS}
The input itself has size 1, jump 1 and start 0 in every dimension.  Return a list
with one entry per layer, in order: a `ReceptiveField(size, jump, start)` (or any
triple), each of the three a tuple of ndim numbers.
{_RF_CONSTRAINTS.format(max_layers=1000)}
Examples:
    >>> receptive_field([LayerSpec(3, padding=1), LayerSpec(2, stride=2)])
    [ReceptiveField(size=(3,), jump=(1,), start=(0.0,)), \
ReceptiveField(size=(4,), jump=(2,), start=(0.5,))]
    >>> receptive_field([LayerSpec((3, 1), dilation=(2, 1))])
    [ReceptiveField(size=(5, 1), jump=(1, 1), start=(2.0, 0.0))]
    >>> vgg16 = ([LayerSpec(3, padding=1)] * 2 + [LayerSpec(2, stride=2)]) * 2 + (
    ...     [LayerSpec(3, padding=1)] * 3 + [LayerSpec(2, stride=2)]) * 3
    >>> receptive_field(vgg16, ndim=2)[-1]  # pool5
    ReceptiveField(size=(212, 212), jump=(32, 32), start=(15.5, 15.5))

Aim for O(L ndim) for L layers: one pass from the input up.
"""

_TOP_DOWN = f"""
The receptive-field size of every layer, by the top-down recurrence: a unit of layer
L sees RF_L = 1 unit of its own layer, and

    RF_(l-1) = (RF_l - 1) s_l + d_l (k_l - 1) + 1

units of the layer below (stride s, kernel k, dilation d of layer l), down to RF_0
input pixels.  Padding plays no part.
{_LAYERS}
Return a list with one tuple of ndim sizes per layer, in order: the size RF_0 for
each layer taken as the top.
{_RF_CONSTRAINTS.format(max_layers=300)}
Examples:
    >>> receptive_field_top_down([LayerSpec(3), LayerSpec(2, stride=2), LayerSpec(3)])
    [(3,), (4,), (8,)]
    >>> receptive_field_top_down([LayerSpec((3, 5), stride=(1, 2)), LayerSpec(3)])
    [(3, 5), (5, 9)]

Aim for O(L^2 ndim): the recurrence from each layer down.
"""

_INTERPOLATE = """
Resize a batch of images as torch.nn.functional.interpolate does, in two modes.

`input` is a float32 tensor (N, C, H, W).  Exactly one of `size` ((H_out, W_out), or
one int for both) and `scale_factor` (a positive number, or one per axis; then
H_out = floor(H * scale_factor)) is given.  Each axis is resized on its own, from
n_in to n_out samples, with the step

    s = 1 / scale_factor   when a scale factor is given (not n_in / n_out!)
    s = n_in / n_out       when a size is given

rounded to float32 as torch does (`torch.tensor(step, dtype=torch.float32)`).

mode="nearest" (align_corners must be None):
    out[i] = in[min(floor(i * s), n_in - 1)], the product computed in float32;
    torch special-cases two sizes: n_out == n_in copies the axis, and
    n_out == 2 n_in reads in[i // 2], whatever the scale factor.
mode="bilinear":
    src = (i + 0.5) s - 0.5, clamped at 0      (align_corners=False or None)
    src = i (n_in - 1) / (n_out - 1), 0 if n_out == 1      (align_corners=True)
    i0 = min(floor(src), n_in - 1),  i1 = min(i0 + 1, n_in - 1),
    t = clamp(src - i0, 0, 1),  out[i] = (1 - t) in[i0] + t in[i1];
    an axis whose output size equals its input size is copied unchanged.

The result is a float32 tensor (N, C, H_out, W_out), differentiable in `input`: write
it with torch operations (indexing, arithmetic), not F.interpolate.

Constraints:
    1 <= N, C <= 4; 1 <= H, W, H_out, W_out <= 64; 0.1 <= scale_factor <= 8

Examples:
    >>> x = torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]])
    >>> interpolate(x, scale_factor=2)
    tensor([[[[0., 0., 1., 1.],
              [0., 0., 1., 1.],
              [2., 2., 3., 3.],
              [2., 2., 3., 3.]]]])
    >>> interpolate(x, size=(1, 3), mode="bilinear", align_corners=True)
    tensor([[[[0.0000, 0.5000, 1.0000]]]])
    >>> interpolate(x, size=4, mode="bilinear")[0, 0, 0]
    tensor([0.0000, 0.2500, 0.7500, 1.0000])

Aim for O(N C H_out W_out) with whole-tensor operations: no Python loop over pixels.
"""

_PIXEL_SHUFFLE = """
Rearrange a tensor of shape (N, C r^2, H, W) into (N, C, H r, W r), as
torch.nn.functional.pixel_shuffle does: each pixel's r^2 channels of group c become
an r x r block of channel c,

    out[n, c, h r + i, w r + j] = input[n, c r^2 + i r + j, h, w]   for 0 <= i, j < r.

The channel index splits as (c, i, j) with c the slowest (not TensorFlow's
depth_to_space order).  Any dtype; the result has the input's dtype and is
differentiable in `input`.

Constraints:
    1 <= r <= 8; input is 4-D, with C r^2 channels; N, C, H, W >= 1; up to 10^7 elements

Examples:
    >>> pixel_shuffle(torch.arange(8).view(1, 8, 1, 1), 2)
    tensor([[[[0, 1],
              [2, 3]],
    <BLANKLINE>
             [[4, 5],
              [6, 7]]]])
    >>> pixel_shuffle(torch.zeros(2, 18, 4, 5), 3).shape
    torch.Size([2, 2, 12, 15])

Aim for O(n) time: a reshape, a permutation of axes and one copy.
"""

_PIXEL_UNSHUFFLE = """
The inverse of pixel_shuffle, as torch.nn.functional.pixel_unshuffle: rearrange
(N, C, H r, W r) into (N, C r^2, H, W), each r x r block of channel c becoming the
channels c r^2 .. c r^2 + r^2 - 1,

    out[n, c r^2 + i r + j, h, w] = input[n, c, h r + i, w r + j]   for 0 <= i, j < r.

Any dtype; the result has the input's dtype and is differentiable in `input`.

Constraints:
    1 <= r <= 8; input is 4-D with height and width divisible by r; up to 10^7 elements

Examples:
    >>> x = torch.arange(16).view(1, 1, 4, 4)
    >>> pixel_unshuffle(x, 2)[0, :, 0, 0]  # the top-left 2 x 2 block as channels
    tensor([0, 1, 4, 5])
    >>> pixel_unshuffle(torch.zeros(2, 3, 6, 9), 3).shape
    torch.Size([2, 27, 2, 3])

Aim for O(n) time: a reshape, a permutation of axes and one copy.
"""

_CONV_TRANSPOSE = """
The transposed convolution of torch.nn.functional.conv_transpose2d: every input pixel
stamps the kernel, scaled by its value and mixed across channels, onto the output at
`stride` times its position:

    out[n, o, oh, ow] = bias[o] + sum of x[n, i, ih, iw] * weight[i, o', a, b]
        over i, ih, iw, a, b with  oh = ih * stride - padding + a * dilation
                                   ow = iw * stride - padding + b * dilation

with channels in `groups` groups: input channel i of group g = i // (C_in / groups)
feeds only output channels o = g (C_out / groups) + o', 0 <= o' < C_out / groups.

Shapes: input (N, C_in, H, W); weight (C_in, C_out / groups, kH, kW); bias (C_out,)
or None.  stride, padding, output_padding and dilation are ints or (h, w) pairs;
    H_out = (H - 1) stride - 2 padding + dilation (kH - 1) + output_padding + 1
(likewise W_out): padding crops the full result on every side, output_padding adds
rows and columns at the bottom and right.  The result is differentiable in input,
weight and bias; write it with torch operations, not F.conv_transpose2d or F.conv2d.

Constraints:
    1 <= N <= 4; 1 <= C_in, C_out <= 64; groups divides C_in and C_out;
    1 <= H, W <= 64; 1 <= kH, kW <= 7; 1 <= stride, dilation <= 4; 0 <= padding <= 4;
    0 <= output_padding < max(stride, dilation); H_out, W_out >= 1; float32 or float64

Examples:
    >>> x = torch.tensor([[[[1.0, 2.0]]]])
    >>> w = torch.tensor([[[[1.0, 10.0, 100.0]]]])
    >>> conv_transpose2d(x, w, stride=2)
    tensor([[[[  1.,  10., 102.,  20., 200.]]]])
    >>> conv_transpose2d(x, w, stride=2, padding=(0, 1), output_padding=(0, 1)).shape
    torch.Size([1, 1, 1, 4])

Aim for O(N C_in (C_out / groups) kH kW H W) with whole-tensor operations: a loop
over the kH kW kernel taps is fine, a loop over pixels is not.
"""

_MAX_UNPOOL = """
Undo a max pooling as torch.nn.functional.max_unpool2d does: put each maximum back
where max_pool2d(..., return_indices=True) found it, zeros everywhere else.

`input` (N, C, H, W) holds the maxima and `indices` (int64, the same shape) their
flat positions h * W_out + w in each (H_out, W_out) output plane:

    out[n, c].flatten()[indices[n, c, i, j]] = input[n, c, i, j]

The output size is, per dimension,
    H_out = (H - 1) stride - 2 padding + kernel_size
unless output_size = (H_out, W_out) is given (torch allows sizes strictly within
`stride` of that default).  stride defaults to kernel_size; each of kernel_size,
stride, padding is an int or an (h, w) pair.  The result is differentiable in input.

Constraints:
    1 <= N, C <= 8; 1 <= kernel_size, stride <= 4; 0 <= padding <= kernel_size / 2;
    the indices come from max_pool2d with the same kernel, stride and padding

Examples:
    >>> x = torch.tensor([[[[1.0, 5.0, 2.0, 0.0], [4.0, 3.0, 7.0, 6.0]]]])
    >>> pooled, where = torch.nn.functional.max_pool2d(x, 2, return_indices=True)
    >>> max_unpool2d(pooled, where, 2)
    tensor([[[[0., 5., 0., 0.],
              [0., 0., 7., 0.]]]])

Aim for O(N C H_out W_out): one scatter.
"""

_RF_SIGNATURE = "(layers: list[LayerSpec], ndim: int | None = None)"
_PAIR = "int | tuple[int, int]"

EXERCISES = [
    Exercise(
        id="receptive_field",
        reference="ml_from_scratch.receptive_field:receptive_field",
        topic="receptive fields",
        difficulty="medium",
        complexity="O(L·d) for L layers in d dimensions",
        source="Dumoulin & Visin (2016); Araujo et al., Distill (2019)",
        statement=_RECEPTIVE_FIELD,
        signature=f"def receptive_field{_RF_SIGNATURE} -> list[ReceptiveField]",
        imports=RF_IMPORTS,
        bench=RF_BENCH,
    ),
    Exercise(
        id="receptive_field_top_down",
        reference="ml_from_scratch.receptive_field:receptive_field_top_down",
        topic="receptive fields",
        difficulty="easy",
        complexity="O(L²·d) for L layers in d dimensions",
        source="the top-down recurrence; Araujo et al., Distill (2019)",
        statement=_TOP_DOWN,
        signature=f"def receptive_field_top_down{_RF_SIGNATURE} -> list[tuple[int, ...]]",
        imports=RF_IMPORTS,
        bench=RF_BENCH,
    ),
    Exercise(
        id="interpolate",
        reference="ml_from_scratch.upsampling:interpolate",
        topic="upsampling",
        difficulty="hard",
        complexity="O(N·C·H_out·W_out)",
        source="torch.nn.functional.interpolate",
        statement=_INTERPOLATE,
        signature=(
            "def interpolate(input: torch.Tensor, size: int | tuple[int, int] | None = None, "
            "scale_factor: float | tuple[float, float] | None = None, mode: str = 'nearest', "
            "align_corners: bool | None = None) -> torch.Tensor"
        ),
        imports=TORCH_IMPORTS,
        compare=FLOAT32,
        bench=UP_BENCH,
        requires=("torch",),
    ),
    Exercise(
        id="pixel_shuffle",
        reference="ml_from_scratch.upsampling:pixel_shuffle",
        topic="upsampling",
        difficulty="easy",
        complexity="O(n)",
        source="Shi et al., CVPR 2016; torch.nn.functional.pixel_shuffle",
        statement=_PIXEL_SHUFFLE,
        signature="def pixel_shuffle(input: torch.Tensor, upscale_factor: int) -> torch.Tensor",
        imports=TORCH_IMPORTS,
        bench=UP_BENCH,
        requires=("torch",),
    ),
    Exercise(
        id="pixel_unshuffle",
        reference="ml_from_scratch.upsampling:pixel_unshuffle",
        topic="upsampling",
        difficulty="easy",
        complexity="O(n)",
        source="torch.nn.functional.pixel_unshuffle",
        statement=_PIXEL_UNSHUFFLE,
        signature=(
            "def pixel_unshuffle(input: torch.Tensor, downscale_factor: int) -> torch.Tensor"
        ),
        imports=TORCH_IMPORTS,
        bench=UP_BENCH,
        requires=("torch",),
    ),
    Exercise(
        id="conv_transpose2d",
        reference="ml_from_scratch.upsampling:conv_transpose2d",
        topic="upsampling",
        difficulty="hard",
        complexity="O(N·C_in·(C_out/g)·kH·kW·H·W)",
        source="Dumoulin & Visin (2016), ch. 4; torch.nn.functional.conv_transpose2d",
        statement=_CONV_TRANSPOSE,
        signature=(
            "def conv_transpose2d(input: torch.Tensor, weight: torch.Tensor, "
            f"bias: torch.Tensor | None = None, stride: {_PAIR} = 1, padding: {_PAIR} = 0, "
            f"output_padding: {_PAIR} = 0, groups: int = 1, dilation: {_PAIR} = 1"
            ") -> torch.Tensor"
        ),
        imports=TORCH_IMPORTS,
        compare=FLOAT32,
        bench=UP_BENCH,
        requires=("torch",),
    ),
    Exercise(
        id="max_unpool2d",
        reference="ml_from_scratch.upsampling:max_unpool2d",
        topic="upsampling",
        difficulty="medium",
        complexity="O(N·C·H_out·W_out)",
        source="SegNet (Badrinarayanan et al.); torch.nn.functional.max_unpool2d",
        statement=_MAX_UNPOOL,
        signature=(
            "def max_unpool2d(input: torch.Tensor, indices: torch.Tensor, "
            f"kernel_size: {_PAIR}, stride: {_PAIR} | None = None, padding: {_PAIR} = 0, "
            "output_size: tuple[int, int] | None = None) -> torch.Tensor"
        ),
        imports=TORCH_IMPORTS,
        bench=UP_BENCH,
        requires=("torch",),
    ),
]

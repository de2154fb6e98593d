"""Tests of receptive fields: the recurrences, torch models, and the measured gradient.

Oracles: the published table of Araujo et al. (Distill, 2019) for VGG-16 and AlexNet
v2; a brute force that follows every kernel tap of a unit down to the input (the set
of input positions it reaches, in padded coordinates); and the gradient of torch models
built from the same layers (``empirical_receptive_field``, whose positive copy runs
torch's own convolutions and poolings).  None shares code with the recurrences.

Unmarked tests check what the statements ask (stacks of up to 1000 layers of kernels,
strides and dilations up to 16); ``edge`` tests the reference's further promises
(numpy ints, lists), ``contract`` its errors.  The torch walker and the picture are
not exercises: their tests call them directly.
"""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from ml_from_scratch.receptive_field import (
    LayerSpec,
    ReceptiveField,
    empirical_receptive_field,
    input_gradient,
    layer_specs_of,
    plot_receptive_field,
    receptive_field_of,
    receptive_field_table,
    vgg16_features,
)
from workbook import catalogue
from workbook.testing import (
    check,
    contract,
    edge,
    exercise_fixture,
    exercise_params,
    implementation,
    reference,
)

receptive_field = exercise_fixture("receptive_field")
receptive_field_top_down = exercise_fixture("receptive_field_top_down")
BOTH = exercise_params("receptive_field", "receptive_field_top_down")

# The costlier properties run a quarter of the profile's examples (10 at least): the
# default run stays quick, and the ci and thorough profiles still scale them up.
FEWER = settings(max_examples=max(10, settings().max_examples // 4))

CONV3 = LayerSpec(3, padding=1)
POOL2 = LayerSpec(2, stride=2)
VGG16 = ([CONV3] * 2 + [POOL2]) * 2 + ([CONV3] * 3 + [POOL2]) * 3  # conv1_1 .. pool5
# tf-slim's alexnet_v2: VALID conv1 and poolings, SAME (symmetric) padding elsewhere.
ALEXNET_V2 = [
    LayerSpec(11, stride=4),  # conv1
    LayerSpec(3, stride=2),  # pool1
    LayerSpec(5, padding=2),  # conv2
    LayerSpec(3, stride=2),  # pool2
    LayerSpec(3, padding=1),  # conv3
    LayerSpec(3, padding=1),  # conv4
    LayerSpec(3, padding=1),  # conv5
    LayerSpec(3, stride=2),  # pool5
]


# ----------------------------------------------------------------------------- oracles


def brute_force(layers: list[tuple[int, int, int, int]]) -> list[tuple[int, int, float]]:
    """``(size, jump, start)`` of each layer of a 1-D stack of ``(k, s, p, d)``, by
    following every tap of units 0 and 1 down to the input (padded coordinates)."""
    found = []
    for top in range(1, len(layers) + 1):
        centres, size = [], 0
        for unit in (0, 1):
            positions = {unit}
            for k, s, p, d in reversed(layers[:top]):
                positions = {q * s - p + t * d for q in positions for t in range(k)}
            centres.append((min(positions) + max(positions)) / 2)
            size = max(positions) - min(positions) + 1
        found.append((size, int(centres[1] - centres[0]), centres[0]))
    return found


def as_specs(layers: list[tuple[int, int, int, int]]) -> list[LayerSpec]:
    return [LayerSpec(k, stride=s, padding=p, dilation=d) for k, s, p, d in layers]


def plain_field(field: Any) -> tuple[Any, Any, Any]:
    size, jump, start = field
    return tuple(size), tuple(jump), tuple(start)


LAYERS_1D = st.lists(
    st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(0, 4), st.integers(1, 4)),
    min_size=1,
    max_size=7,
)


# ------------------------------------------------------------ the statement: bottom-up


def test_statement_examples(receptive_field: Any) -> None:
    check(
        receptive_field,
        [CONV3, POOL2],
        expected=[ReceptiveField((3,), (1,), (0.0,)), ReceptiveField((4,), (2,), (0.5,))],
    )
    check(
        receptive_field,
        [LayerSpec((3, 1), dilation=(2, 1))],
        expected=[ReceptiveField((5, 1), (1, 1), (2.0, 0.0))],
    )


def test_vgg16_published_table(receptive_field: Any) -> None:
    # Araujo et al. (2019), table: VGG-16 pool5 has size 212, effective stride 32 and
    # effective padding 90, so its first box starts at pixel -90: centre -90 + 211 / 2.
    fields = receptive_field(VGG16, 2)
    assert plain_field(fields[-1]) == ((212, 212), (32, 32), (15.5, 15.5))
    sizes = [field[0][0] for field in fields]
    assert sizes == [3, 5, 6, 10, 14, 16, 24, 32, 40, 44, 60, 76, 92, 100, 132, 164, 196, 212]


def test_alexnet_v2_published_table(receptive_field: Any) -> None:
    # The same table: alexnet_v2 conv1 size 11, stride 4, padding 0; pool5 size 195,
    # stride 32, effective padding 64 (centre -64 + 194 / 2 = 33).
    fields = receptive_field(ALEXNET_V2)
    assert plain_field(fields[0]) == ((11,), (4,), (5.0,))
    assert plain_field(fields[-1]) == ((195,), (32,), (33.0,))


@given(LAYERS_1D)
def test_matches_brute_force(receptive_field: Any, layers: list[tuple[int, ...]]) -> None:
    expected = [ReceptiveField((r,), (j,), (c,)) for r, j, c in brute_force(layers)]
    check(receptive_field, as_specs(layers), expected=expected)


@given(st.lists(LAYERS_1D.filter(lambda layers: len(layers) >= 3), min_size=2, max_size=2))
def test_each_dimension_on_its_own(receptive_field: Any, stacks: list[list[Any]]) -> None:
    # A 2-D stack whose rows and columns have different arithmetic: each dimension is
    # the 1-D stack of its own numbers.
    rows, cols = stacks[0][:3], stacks[1][:3]
    specs = [
        LayerSpec(*(tuple(pair) for pair in zip(row, col, strict=True)))
        for row, col in zip(rows, cols, strict=True)
    ]
    expected = [
        ReceptiveField((r1, r2), (j1, j2), (c1, c2))
        for (r1, j1, c1), (r2, j2, c2) in zip(brute_force(rows), brute_force(cols), strict=True)
    ]
    check(receptive_field, specs, expected=expected)


def test_ints_give_every_dimension_the_same(receptive_field: Any) -> None:
    one = receptive_field(ALEXNET_V2)
    three = receptive_field(ALEXNET_V2, 3)
    assert [plain_field(f) for f in three] == [
        tuple(tuple(v * 3) for v in plain_field(f)) for f in one
    ]
    check(receptive_field, [], expected=[])


def test_a_thousand_layers(receptive_field: Any) -> None:
    layers = [LayerSpec(3, padding=1, dilation=1 + i % 3) for i in range(1000)]
    fields = receptive_field(layers)
    assert fields[-1][0] == (1 + sum(2 * (1 + i % 3) for i in range(1000)),)
    assert fields[-1][1] == (1,)
    assert fields[-1][2] == (sum(2 * (1 + i % 3) / 2 - 1 for i in range(1000)),)


# ------------------------------------------------------------ the statement: top-down


def test_top_down_statement_examples(receptive_field_top_down: Any) -> None:
    check(
        receptive_field_top_down, [LayerSpec(3), POOL2, LayerSpec(3)], expected=[(3,), (4,), (8,)]
    )
    check(
        receptive_field_top_down,
        [LayerSpec((3, 5), stride=(1, 2)), LayerSpec(3)],
        expected=[(3, 5), (5, 9)],
    )


def test_top_down_vgg16(receptive_field_top_down: Any) -> None:
    assert list(receptive_field_top_down(VGG16, 2)[-1]) == [212, 212]
    assert [s[0] for s in receptive_field_top_down(ALEXNET_V2)] == [
        11,
        19,
        51,
        67,
        99,
        131,
        163,
        195,
    ]


@given(LAYERS_1D)
def test_top_down_matches_brute_force(
    receptive_field_top_down: Any, layers: list[tuple[int, ...]]
) -> None:
    expected = [(r,) for r, _, _ in brute_force(layers)]
    check(receptive_field_top_down, as_specs(layers), expected=expected)


@given(LAYERS_1D)
def test_top_down_equals_bottom_up(layers: list[tuple[int, ...]]) -> None:
    specs = as_specs(layers)
    bottom_up = [field.size for field in reference("receptive_field")(specs)]
    assert reference("receptive_field_top_down")(specs) == bottom_up


def test_top_down_300_layers(receptive_field_top_down: Any) -> None:
    layers = [LayerSpec(3, stride=1 + (i % 50 == 0)) for i in range(300)]
    sizes = receptive_field_top_down(layers)
    assert [tuple(s) for s in sizes] == [f.size for f in reference("receptive_field")(layers)]


# ----------------------------------------------------------- edge: further promises


@edge
@pytest.mark.parametrize("exercise_id", BOTH)
def test_numpy_ints_and_lists(request: Any, exercise_id: str) -> None:
    impl = implementation(request, exercise_id)
    plain = [LayerSpec((3, 5), stride=(2, 1)), LayerSpec(2, dilation=3)]
    numpy = [
        LayerSpec([np.int64(3), 5], stride=[2, np.int32(1)]),
        LayerSpec(np.int8(2), dilation=3),
    ]
    assert impl(numpy) == impl(plain)


@edge
def test_box_of_a_unit() -> None:
    field = reference("receptive_field")(VGG16, 2)[-1]
    assert field.box((0, 6)) == (range(-90, 122), range(102, 314))
    assert field.box((3, 3)) == (range(6, 218), range(6, 218))


@edge
def test_table_rendering() -> None:
    table = receptive_field_table([*VGG16[:3], LayerSpec((3, 1), name="tall")], ndim=2)
    lines = table.splitlines()
    assert lines[0].split() == [
        "layer",
        "kernel",
        "stride",
        "padding",
        "dilation",
        "size",
        "jump",
        "start",
    ]
    assert lines[3].split() == ["2", "2", "2", "0", "1", "6", "2", "0.5"]
    assert lines[4].split() == ["tall", "3x1", "1", "0", "1", "10x6", "2", "2.5x0.5"]


@edge
def test_statements_examples_hold_for_the_reference() -> None:
    for exercise_id in ("receptive_field", "receptive_field_top_down"):
        exercise = catalogue.get(exercise_id)
        globs = {exercise.name: exercise.load_reference(), "LayerSpec": LayerSpec}
        test = doctest.DocTestParser().get_doctest(exercise.statement, globs, exercise_id, None, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert runner.failures == 0, f"{exercise_id}: a statement example fails"


# ------------------------------------------------------------ contract: bad input


@contract
@pytest.mark.parametrize("exercise_id", BOTH)
@pytest.mark.parametrize(
    ("layers", "ndim", "error", "names"),
    [
        ([LayerSpec((3, 3))], 3, ValueError, "ndim"),
        ([LayerSpec((3, 3)), LayerSpec((3, 3, 3))], None, ValueError, "dimensions"),
        ([(3, 1, 0, 1)], None, TypeError, r"layers\[0\]"),
        (LayerSpec(3), None, TypeError, "layers"),
        ([LayerSpec(3)], 0, ValueError, "ndim"),
        ([LayerSpec(3)], 1.0, TypeError, "ndim"),
    ],
)
def test_bad_layers(
    request: Any, exercise_id: str, layers: Any, ndim: Any, error: type, names: str
) -> None:
    with pytest.raises(error, match=names):
        implementation(request, exercise_id)(layers, ndim)


@contract
@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"kernel_size": 0}, ValueError, "kernel_size"),
        ({"kernel_size": 3, "stride": 0}, ValueError, "stride"),
        ({"kernel_size": 3, "padding": -1}, ValueError, "padding"),
        ({"kernel_size": 3, "dilation": (1, 0)}, ValueError, "dilation"),
        ({"kernel_size": 2.5}, TypeError, "kernel_size"),
        ({"kernel_size": (3, 3), "stride": (1, 1, 1)}, ValueError, "one length"),
        ({"kernel_size": True}, TypeError, "kernel_size"),
    ],
)
def test_bad_layer_spec(kwargs: dict[str, Any], error: type, names: str) -> None:
    with pytest.raises(error, match=names):
        LayerSpec(**kwargs)


# ------------------------------------------------------------------ torch models


def test_vgg16_from_a_torch_model() -> None:
    fields = receptive_field_of(vgg16_features())
    assert fields == reference("receptive_field")(VGG16, 2)
    assert fields[-1] == ReceptiveField((212, 212), (32, 32), (15.5, 15.5))
    names = [spec.name for spec in layer_specs_of(vgg16_features())]
    assert names[:3] == ["conv1_1 (Conv2d)", "conv1_2 (Conv2d)", "pool1 (MaxPool2d)"]
    assert len(names) == 18


def test_nested_sequential_and_shape_preserving_layers() -> None:
    model = nn.Sequential(
        nn.Sequential(nn.Conv2d(3, 4, (3, 5), stride=(1, 2), padding=(1, 0)), nn.BatchNorm2d(4)),
        nn.GELU(),
        nn.Dropout2d(0.1),
        nn.Sequential(nn.Sequential(nn.AvgPool2d(3, stride=2, padding=1)), nn.Identity()),
        nn.MaxPool2d(2, dilation=2),
    )
    specs = layer_specs_of(model)
    assert [spec.name for spec in specs] == ["0.0 (Conv2d)", "3.0.0 (AvgPool2d)", "4 (MaxPool2d)"]
    assert specs[1] == LayerSpec((3, 3), (2, 2), (1, 1), (1, 1), name="3.0.0 (AvgPool2d)")
    assert specs[2].dilation == (2, 2)
    assert specs[2].stride == (2, 2)


def test_conv1d_and_padding_strings() -> None:
    model = nn.Sequential(
        nn.Conv1d(1, 2, 5, padding="same", dilation=3), nn.Conv1d(2, 2, 4, padding="valid")
    )
    specs = layer_specs_of(model, ndim=1)
    assert specs[0].padding == (6,)
    assert specs[1].padding == (0,)
    assert empirical_receptive_field(model, (1, 1, 60), (20,)) == receptive_field_of(model, 1)[
        -1
    ].box((20,))


@pytest.mark.parametrize(
    ("layer", "name"),
    [
        (nn.Linear(4, 4), "Linear"),
        (nn.AdaptiveAvgPool2d(1), "AdaptiveAvgPool2d"),
        (nn.Flatten(), "Flatten"),
        (nn.Conv1d(1, 1, 3), "Conv1d"),
        (nn.ModuleList([nn.ReLU()]), "ModuleList"),
        (nn.GroupNorm(1, 3), "GroupNorm"),
    ],
)
def test_other_layers_are_named_in_the_error(layer: nn.Module, name: str) -> None:
    model = nn.Sequential(nn.Conv2d(3, 3, 3), nn.Sequential(nn.ReLU(), layer))
    with pytest.raises(ValueError, match=rf"layer 1\.1 \({name}\)"):
        receptive_field_of(model, ndim=2)
    with pytest.raises(TypeError, match="model"):
        receptive_field_of("vgg", ndim=2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ndim"):
        receptive_field_of(model, ndim=3)


# ------------------------------------------------- analytic equals empirical (torch)


@st.composite
def torch_stacks(
    draw: st.DrawFn, ndim: int, dense: bool = False
) -> tuple[nn.Sequential, list[int], list[int]]:
    """A random stack of convolutions and poolings, a unit of its output and an input
    length per dimension, long enough to hold that unit's whole box.

    ``dense``: kernels at least their stride, no dilation, and padding in the first
    layer only, and the unit is the first: its box reaches into that padding, and the
    input pixels it sees are exactly the box clipped to the input.  (Padding higher up
    would cut paths: a unit reading a padded position of a hidden layer sees nothing
    through it, although the input lies inside its box.)
    """
    conv, max_pool, avg_pool = {
        1: (nn.Conv1d, nn.MaxPool1d, nn.AvgPool1d),
        2: (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d),
    }[ndim]

    def ints(low: int, high: int) -> tuple[int, ...]:
        return tuple(draw(st.integers(low, high)) for _ in range(ndim))

    def strides(kernel: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(draw(st.integers(1, k)) for k in kernel) if dense else ints(1, 3)

    first = ints(1, 4)
    layers: list[nn.Module] = [
        conv(1, 2, first, stride=strides(first), padding=ints(0, 3) if dense else 0)
    ]
    for _ in range(draw(st.integers(1, 5))):
        k = ints(1, 4)
        s = strides(k)
        d = (1,) * ndim if dense else ints(1, 3)
        half = (0,) * ndim if dense else tuple(draw(st.integers(0, kk // 2)) for kk in k)
        kind = draw(st.sampled_from(["conv", "max", "avg", "relu"]))
        if kind == "conv":
            pad = (0,) * ndim if dense else ints(0, 3)
            layers.append(conv(2, 2, k, stride=s, padding=pad, dilation=d))
        elif kind == "max":
            d = tuple(min(dd, 2) for dd in d)
            ceil = draw(st.booleans()) and d == (1,) * ndim
            layers.append(max_pool(k, s, half, dilation=d, ceil_mode=ceil))
        elif kind == "avg":
            layers.append(avg_pool(k, s, half, ceil_mode=draw(st.booleans())))
        else:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    field = reference("receptive_field")(layer_specs_of(model, ndim), ndim)[-1]
    index, lengths = [], []
    pads = layers[0].padding
    for r, j, c, p in zip(field.size, field.jump, field.start, pads, strict=True):
        first_inside = max(0, -int((c - (r - 1) / 2) // j))  # the first box starting >= 0
        i = 0 if dense else first_inside + draw(st.integers(0, 2))
        stop = int(c + i * j + (r - 1) / 2) + 1  # past the box's last pixel
        # Dense: the box may end in the right padding too, but no further.
        lowest = max(1, stop - p) if dense else stop
        index.append(i)
        lengths.append(draw(st.integers(lowest, stop + 3)))
    return model, index, lengths


@pytest.mark.parametrize("ndim", [1, 2])
@FEWER
@given(data=st.data())
def test_analytic_equals_empirical(ndim: int, data: st.DataObject) -> None:
    model, index, lengths = data.draw(torch_stacks(ndim))
    box = receptive_field_of(model, ndim)[-1].box(index)
    assert all(b.start >= 0 and b.stop <= n for b, n in zip(box, lengths, strict=True))
    assert empirical_receptive_field(model, (1, 1, *lengths), index) == box


@pytest.mark.parametrize("ndim", [1, 2])
@FEWER
@given(data=st.data())
def test_dense_stacks_clip_at_the_border(ndim: int, data: st.DataObject) -> None:
    # No holes in a dense stack's boxes: the measured box of the first unit is the
    # analytic one clipped to the input, its left part lying in the padding.
    model, index, lengths = data.draw(torch_stacks(ndim, dense=True))
    box = receptive_field_of(model, ndim)[-1].box(index)
    clipped = tuple(
        range(max(b.start, 0), min(b.stop, n)) for b, n in zip(box, lengths, strict=True)
    )
    if not all(clipped):  # no input pixel in some dimension: the unit sees none at all
        clipped = (range(0),) * ndim
    assert empirical_receptive_field(model, (1, 1, *lengths), index) == clipped


@pytest.mark.parametrize("unit", [(0, 0), (0, 6), (6, 6), (3, 2)])
def test_clipped_boxes_of_a_narrow_vgg16(unit: tuple[int, int]) -> None:
    # Dense layers (kernel >= stride, no dilation) leave no holes: the measured box is
    # the analytic one clipped to the 224 x 224 input.  Narrow blocks, same geometry.
    vgg = vgg16_features(widths=(2, 2, 2, 2, 2))
    box = receptive_field_of(vgg)[-1].box(unit)
    clipped = tuple(range(max(b.start, 0), min(b.stop, 224)) for b in box)
    assert empirical_receptive_field(vgg, (1, 3, 224, 224), unit) == clipped


@pytest.mark.slow
def test_full_vgg16_empirical() -> None:
    vgg = vgg16_features()
    assert empirical_receptive_field(vgg, (1, 3, 224, 224), (3, 3)) == (range(6, 218),) * 2


def test_the_model_is_not_modified() -> None:
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.MaxPool2d(2), nn.ReLU())
    model.train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    input_gradient(model, (1, 1, 16, 16), (2, 3))
    after = model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert model.training
    assert isinstance(model[2], nn.MaxPool2d)


def test_empirical_errors() -> None:
    model = nn.Sequential(nn.Conv2d(1, 1, 3))
    with pytest.raises(ValueError, match="output_index"):
        empirical_receptive_field(model, (1, 1, 8, 8), (6, 0))
    with pytest.raises(ValueError, match="output_index"):
        empirical_receptive_field(model, (1, 1, 8, 8), (1, 2, 3))
    with pytest.raises(ValueError, match="input_shape"):
        empirical_receptive_field(model, (8, 8), (0, 0))
    dilated = nn.Sequential(nn.MaxPool2d(2, dilation=2, ceil_mode=True))
    with pytest.raises(ValueError, match=r"MaxPool2d"):
        empirical_receptive_field(dilated, (1, 1, 9, 9), (0, 0))


# ---------------------------------------------------------------------- the picture


def test_the_picture(tmp_path: Path) -> None:
    # Three VGG blocks (size 44, jump 8, start 3.5) on a 40 x 48 input: unit (1, 2)
    # is centred at (11.5, 19.5) and its box, rows -10 .. 33 and columns -2 .. 41,
    # reaches into the padding above and to the left.
    net = nn.Sequential(*list(vgg16_features(widths=(2, 2, 2, 2, 2)))[:17])
    path = tmp_path / "rf.png"
    figure = plot_receptive_field(net, (1, 3, 40, 48), (1, 2), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    grid, heat = figure.axes[:2]
    for axes in (grid, heat):
        dashed = [p for p in axes.patches if p.get_linestyle() == "--"]
        assert len(dashed) == 1
        assert (dashed[0].get_x(), dashed[0].get_y()) == (-2.5, -10.5)
        assert (dashed[0].get_width(), dashed[0].get_height()) == (44, 44)
    image = heat.images[0].get_array()
    assert int(np.isfinite(image).sum()) == 34 * 42  # the box clipped to the input

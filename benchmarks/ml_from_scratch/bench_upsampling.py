"""Benchmarks of the upsampling ops against ``torch.nn.functional``.

``BENCHES`` declares, per exercise, the inputs of size n (n is the side of a square
image of 64 channels, or 64 -> 32 channels for the transposed convolution), sizes over
three decades of pixels, and the peer ``torch.nn.functional``'s op on the same tensors
(with ``conv_transpose2d_gemm``, the fast form, beside the reference).
``benchmarks/conftest.py`` makes the groups and the scaling report from it, and
``workbook bench ID`` reads the same.  Every answer is checked against the reference's.

``bench_upsampling_targets`` measures the stated targets, both sides interleaved in one
process (medians of rounds in which every contender runs once), and prints the ratios:

* ``interpolate`` bilinear, 1 x 64 x 128 x 128, scale 2 and 1.7: within 3x of torch;
* ``pixel_shuffle``, 1 x 64 x 128 x 128, r = 2: within 1.5x;
* ``conv_transpose2d``, a decoder's 2x upsampling 128 -> 64 channels, 32 x 32 -> 64 x 64
  (kernel 4, stride 2, padding 1), batch 1 and 8: within 3x.

Run it with ``pytest benchmarks/ml_from_scratch/bench_upsampling.py -k targets -s``.
torch's own ops use its intra-op threads; so do ours (every tensor op is torch's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from ml_from_scratch.upsampling import (
    conv_transpose2d,
    conv_transpose2d_gemm,
    interpolate,
    max_unpool2d,
    pixel_shuffle,
    pixel_unshuffle,
)
from workbook.bench import Bench, interleaved_medians

SIDES = (8, 32, 128, 256)  # 64 .. 65536 pixels
CHANNELS = 64


def image(n: int, rng: np.random.Generator, channels: int = CHANNELS) -> torch.Tensor:
    return torch.from_numpy(rng.standard_normal((1, channels, n, n)).astype(np.float32))


def close(actual: Any, expected: Any) -> bool:
    """Equal within float32 rounding (another summation order)."""
    return actual.shape == expected.shape and bool(
        torch.allclose(actual, expected, rtol=1e-4, atol=1e-4)
    )


def bilinear_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return image(n, rng), None, 2.0, "bilinear", False


def shuffle_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return image(n, rng), 2


def unshuffle_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return image(2 * n, rng, CHANNELS // 4), 2


def decoder_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    """A decoder's 2x upsampling: 64 -> 32 channels, kernel 4, stride 2, padding 1."""
    x = image(n, rng)
    weight = torch.from_numpy(rng.standard_normal((CHANNELS, 32, 4, 4)).astype(np.float32))
    bias = torch.from_numpy(rng.standard_normal(32).astype(np.float32))
    return x, weight / 32, bias, 2, 1


def unpool_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    pooled, indices = F.max_pool2d(image(2 * n, rng), 2, return_indices=True)
    return pooled, indices, 2


BENCHES = [
    Bench(
        "interpolate",
        bilinear_args,
        sizes=SIDES,
        size_name="side",
        contenders={"F.interpolate": F.interpolate},
        same=close,
    ),
    Bench(
        "pixel_shuffle",
        shuffle_args,
        sizes=SIDES,
        size_name="side",
        contenders={"F.pixel_shuffle": F.pixel_shuffle},
        same=torch.equal,
    ),
    Bench(
        "pixel_unshuffle",
        unshuffle_args,
        sizes=SIDES,
        size_name="side",
        contenders={"F.pixel_unshuffle": F.pixel_unshuffle},
        same=torch.equal,
    ),
    Bench(
        "conv_transpose2d",
        decoder_args,
        sizes=(4, 16, 64, 128),  # 16 .. 16384 input pixels
        size_name="side",
        contenders={
            "conv_transpose2d_gemm": conv_transpose2d_gemm,
            "F.conv_transpose2d": F.conv_transpose2d,
        },
        same=close,
    ),
    Bench(
        "max_unpool2d",
        unpool_args,
        sizes=SIDES,
        size_name="side",
        contenders={"F.max_unpool2d": F.max_unpool2d},
        same=torch.equal,
    ),
]


# ------------------------------------------------------------------ beyond one declaration

TARGETS = {  # label: the largest ratio of our time to torch's allowed (None: shown only)
    "interpolate bilinear x2": 3.0,
    "interpolate bilinear x1.7": 3.0,
    "interpolate nearest x2": None,
    "interpolate bicubic x1.7": None,
    "pixel_shuffle r=2": 1.5,
    "pixel_unshuffle r=2": None,
    "conv_transpose2d N=1": 3.0,
    "conv_transpose2d N=8": 3.0,
    "max_unpool2d 2x2": None,
}


def target_cases(full: bool) -> dict[str, dict[str, Callable[[], Any]]]:
    """For each target, its contenders as zero-argument calls on one input."""
    rng = np.random.default_rng(11)
    side, decoder_side = (128, 32) if full else (16, 8)
    x = image(side, rng)
    _, weight, bias, stride, padding = decoder_args(decoder_side, rng)
    batch = {n: image(decoder_side, rng).expand(n, -1, -1, -1).contiguous() for n in (1, 8)}
    pooled, indices = F.max_pool2d(x, 2, return_indices=True)

    def resize(scale: float, mode: str) -> dict[str, Callable[[], Any]]:
        options = {"scale_factor": scale, "mode": mode}
        if mode != "nearest":
            options["align_corners"] = False
        return {
            "ours": lambda: interpolate(x, **options),
            "torch": lambda: F.interpolate(x, **options),
        }

    def decoder(n: int) -> dict[str, Callable[[], Any]]:
        args = (batch[n], weight, bias, stride, padding)
        return {
            "ours": lambda: conv_transpose2d(*args),
            "ours (gemm)": lambda: conv_transpose2d_gemm(*args),
            "torch": lambda: F.conv_transpose2d(*args),
        }

    return {
        "interpolate bilinear x2": resize(2.0, "bilinear"),
        "interpolate bilinear x1.7": resize(1.7, "bilinear"),
        "interpolate nearest x2": resize(2.0, "nearest"),
        "interpolate bicubic x1.7": resize(1.7, "bicubic"),
        "pixel_shuffle r=2": {
            "ours": lambda: pixel_shuffle(x, 2),
            "torch": lambda: F.pixel_shuffle(x, 2),
        },
        "pixel_unshuffle r=2": {
            "ours": lambda: pixel_unshuffle(x, 2),
            "torch": lambda: F.pixel_unshuffle(x, 2),
        },
        "conv_transpose2d N=1": decoder(1),
        "conv_transpose2d N=8": decoder(8),
        "max_unpool2d 2x2": {
            "ours": lambda: max_unpool2d(pooled, indices, 2),
            "torch": lambda: F.max_unpool2d(pooled, indices, 2),
        },
    }


def bench_upsampling_targets(benchmark: Any) -> None:
    """The targets, interleaved medians of ours and torch's; printed, never asserted."""
    full = not benchmark.disabled
    cases = target_cases(full)
    for label, calls in cases.items():  # the answers, in the smoke run too
        results = [call() for call in calls.values()]
        for result in results[:-1]:
            assert close(result, results[-1]), f"{label}: ours disagrees with torch"

    def measure() -> dict[str, dict[str, float]]:
        rounds = 15 if full else 1
        return {label: interleaved_medians(calls, rounds) for label, calls in cases.items()}

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "upsampling targets (interleaved medians)"
    print(f"\nupsampling targets (medians of interleaved runs, {torch.get_num_threads()} threads):")
    for label, medians in report.items():
        benchmark.extra_info[label] = medians
        times = ", ".join(f"{name} {t * 1e3:.2f} ms" for name, t in medians.items())
        ratios = {name: t / medians["torch"] for name, t in medians.items() if name != "torch"}
        shown = ", ".join(f"{name} {r:.2f}x" for name, r in ratios.items())
        target = TARGETS[label]
        verdict = "" if target is None else f" (target <= {target:g}x)"
        print(f"  {label:>26}: {times}; {shown} torch's time{verdict}")


__all__ = ["BENCHES"]

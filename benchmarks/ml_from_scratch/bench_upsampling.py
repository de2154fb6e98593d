"""Benchmarks of the upsampling ops against ``torch.nn.functional``.

``BENCHES`` declares, per exercise, the inputs of size n (n pixels per channel, in a
square image of 64 channels, or 64 -> 32 channels for the transposed convolution), sizes
over three decades, and the peer ``torch.nn.functional``'s op on the same tensors
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
torch's own ops use its intra-op threads; so do ours (every tensor op is torch's).  The
targets are measured on one thread and on torch's default number of threads.
"""

from __future__ import annotations

import math
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

PIXELS = (64, 1024, 16384, 65536)  # square images of side 8 .. 256
CHANNELS = 64


def image(n: int, rng: np.random.Generator, channels: int = CHANNELS) -> torch.Tensor:
    """``(1, channels, side, side)`` with ``side = sqrt(n)``."""
    side = math.isqrt(n)
    return torch.from_numpy(rng.standard_normal((1, channels, side, side)).astype(np.float32))


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
    return image(4 * n, rng, CHANNELS // 4), 2


def decoder_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    """A decoder's 2x upsampling: 64 -> 32 channels, kernel 4, stride 2, padding 1."""
    x = image(n, rng)
    weight = torch.from_numpy(rng.standard_normal((CHANNELS, 32, 4, 4)).astype(np.float32))
    bias = torch.from_numpy(rng.standard_normal(32).astype(np.float32))
    return x, weight / 32, bias, 2, 1


def unpool_args(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    pooled, indices = F.max_pool2d(image(4 * n, rng), 2, return_indices=True)
    return pooled, indices, 2


BENCHES = [
    Bench(
        "interpolate",
        bilinear_args,
        sizes=PIXELS,
        size_name="pixels",
        contenders={"F.interpolate": F.interpolate},
        same=close,
    ),
    Bench(
        "pixel_shuffle",
        shuffle_args,
        sizes=PIXELS,
        size_name="pixels",
        contenders={"F.pixel_shuffle": F.pixel_shuffle},
        same=torch.equal,
    ),
    Bench(
        "pixel_unshuffle",
        unshuffle_args,
        sizes=PIXELS,
        size_name="pixels",
        contenders={"F.pixel_unshuffle": F.pixel_unshuffle},
        same=torch.equal,
    ),
    Bench(
        "conv_transpose2d",
        decoder_args,
        sizes=(16, 256, 4096, 16384),  # sides 4 .. 128
        size_name="pixels",
        contenders={
            "conv_transpose2d_gemm": conv_transpose2d_gemm,
            "F.conv_transpose2d": F.conv_transpose2d,
        },
        same=close,
    ),
    Bench(
        "max_unpool2d",
        unpool_args,
        sizes=PIXELS,
        size_name="pixels",
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
    pixels, decoder_pixels = (128**2, 32**2) if full else (16**2, 8**2)
    x = image(pixels, rng)
    _, weight, bias, stride, padding = decoder_args(decoder_pixels, rng)
    batch = {n: image(decoder_pixels, rng).expand(n, -1, -1, -1).contiguous() for n in (1, 8)}
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
    """The targets, interleaved medians of ours and torch's; printed, never asserted.

    Measured on one thread and on torch's default thread count: ours runs several torch
    ops where torch runs one kernel, and each op's parallel region waits for every
    thread, which a machine shared with other work makes costly.
    """
    full = not benchmark.disabled
    cases = target_cases(full)
    for label, calls in cases.items():  # the answers, in the smoke run too
        results = [call() for call in calls.values()]
        for result in results[:-1]:
            assert close(result, results[-1]), f"{label}: ours disagrees with torch"
    default_threads = torch.get_num_threads()
    thread_counts = sorted({1, default_threads}) if full else [default_threads]

    def measure() -> dict[int, dict[str, dict[str, float]]]:
        rounds = 21 if full else 1
        report = {}
        try:
            for threads in thread_counts:
                torch.set_num_threads(threads)
                report[threads] = {
                    label: interleaved_medians(calls, rounds) for label, calls in cases.items()
                }
        finally:
            torch.set_num_threads(default_threads)
        return report

    report = benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.group = "upsampling targets (interleaved medians)"
    for threads, medians_of in report.items():
        print(f"\nupsampling targets (medians of interleaved runs, {threads} thread(s)):")
        for label, medians in medians_of.items():
            benchmark.extra_info[f"{label}, {threads} threads"] = medians
            times = ", ".join(f"{name} {t * 1e3:.2f} ms" for name, t in medians.items())
            ratios = {name: t / medians["torch"] for name, t in medians.items() if name != "torch"}
            shown = ", ".join(f"{name} {r:.2f}x" for name, r in ratios.items())
            target = TARGETS[label]
            verdict = "" if target is None else f" (target <= {target:g}x)"
            print(f"  {label:>26}: {times}; {shown} torch's time{verdict}")


__all__ = ["BENCHES"]

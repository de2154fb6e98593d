"""Benchmarks of attention: softmax, FlashAttention, linear attention, multi-head, FLASH.

``BENCHES`` declares, per exercise, the inputs at sequence length L (float32, batch 1,
8 heads of 64 features), the sizes and the contenders; ``benchmarks/conftest.py`` turns
it into one group per exercise and L, every answer checked against the reference's.
Peers: ``torch.nn.functional.scaled_dot_product_attention`` (torch's fused kernel),
``torch.nn.MultiheadAttention``, and the quadratic form of linear attention.

:func:`bench_attention_side_by_side` measures what one declaration cannot: every
variant at L = 256 ... 8192, time and peak memory.  Time: medians of interleaved runs
in this process (each round runs every variant once, so a busy phase of the machine
hits them alike).  Memory: the peak resident memory beyond what the inputs already
hold, each case in a fresh interpreter that first runs the variant once at L = 256 (so
that library start-up is not counted), resets the kernel's high-water mark
(``/proc/self/clear_refs``), runs it and reads ``VmHWM``; glibc is told to return
freed blocks at once (``MALLOC_MMAP_THRESHOLD_``) so that the resident size follows
torch's live allocations.  Both run torch on one thread by default (``--threads``):
on a shared machine a second thread that is not scheduled stalls every small op of
the tiled loops, which measures the neighbours rather than the algorithms.  It prints
the table and the targets' ratios and asserts answers only, never times::

    pytest benchmarks/ml_from_scratch/bench_attention.py -k side_by_side -s
    python benchmarks/ml_from_scratch/bench_attention.py --plot docs/images/attention.png
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ml_from_scratch.attention import (
    flash_attention,
    linear_attention,
    mixed_chunk_attention,
    scaled_dot_product_attention,
)
from workbook.bench import Bench, Contender, fitted_exponent, interleaved_medians

HEADS, HEAD_DIM = 8, 64
LENGTHS = (256, 512, 1024, 2048, 4096, 8192)
PLAIN_MAX = 4096  # the plain form holds 8 L^2 floats twice: 1.5 GB at 4096, 6 GB at 8192
GROUP = 256  # FLASH's group size, the paper's


def qkv(n: int, rng: np.random.Generator) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Queries, keys and values of shape (1, 8, n, 64), float32."""
    shape = (1, HEADS, n, HEAD_DIM)
    q, k, v = (torch.from_numpy(rng.standard_normal(shape, dtype=np.float32)) for _ in range(3))
    return q, k, v


def close(actual: Any, expected: Any) -> bool:
    """float32 attention summed in other orders (tiles, fused kernels): 1e-4 relative."""
    return bool(torch.allclose(actual, expected, rtol=1e-4, atol=1e-5))


def quadratic_linear_attention(q: Any, k: Any, v: Any, _map: str, causal: bool) -> Any:
    """Linear attention's weights written out as an L x S matrix, for comparison."""
    scores = (F.elu(q) + 1) @ (F.elu(k) + 1).transpose(-2, -1)
    if causal:
        scores = scores.tril()
    return (scores @ v) / (scores.sum(dim=-1, keepdim=True) + 1e-6)


def mha_inputs(n: int, rng: np.random.Generator) -> tuple[nn.MultiheadAttention, torch.Tensor]:
    """A torch MultiheadAttention (512 wide, 8 heads) with seeded weights, and x (1, n, 512)."""
    width = HEADS * HEAD_DIM
    mha = nn.MultiheadAttention(width, HEADS, batch_first=True)
    with torch.no_grad():
        for p in mha.parameters():
            p.copy_(torch.from_numpy(rng.standard_normal(tuple(p.shape), dtype=np.float32)) / 20)
    return mha.eval(), torch.from_numpy(rng.standard_normal((1, n, width), dtype=np.float32))


_BUILT: dict[tuple[int, int], nn.Module] = {}


def run_mha(cls: Any, args: tuple[Any, ...]) -> torch.Tensor:
    """A module of ``cls`` with the weights of ``args[0]`` (built once), on ``x``."""
    mha, x = args
    key = (id(cls), id(mha))
    if key not in _BUILT:
        ours = cls(mha.embed_dim, mha.num_heads)
        E = mha.embed_dim
        with torch.no_grad():
            for i, proj in enumerate((ours.q_proj, ours.k_proj, ours.v_proj)):
                proj.weight.copy_(mha.in_proj_weight[i * E : (i + 1) * E])
                proj.bias.copy_(mha.in_proj_bias[i * E : (i + 1) * E])
            ours.out_proj.load_state_dict(mha.out_proj.state_dict())
        _BUILT.clear()
        _BUILT[key] = ours.eval()
    with torch.no_grad():
        out: torch.Tensor = _BUILT[key](x, x, x)[0]
    return out


def torch_mha(mha: nn.MultiheadAttention, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        out: torch.Tensor = mha(x, x, x, need_weights=False)[0]
    return out


BENCHES = [
    Bench(
        "scaled_dot_product_attention",
        qkv,
        sizes=(64, 256, 1024, 4096),
        size_name="L",
        contenders={
            "torch SDPA": F.scaled_dot_product_attention,
            "flash_attention": flash_attention,
        },
        same=close,
    ),
    Bench(
        "flash_attention",
        qkv,
        sizes=(64, 256, 1024, 4096, 8192),
        size_name="L",
        contenders={
            "torch SDPA": F.scaled_dot_product_attention,
            "plain softmax": Contender(scaled_dot_product_attention, max_size=PLAIN_MAX),
        },
        same=close,
    ),
    Bench(
        "linear_attention",
        lambda n, rng: (*qkv(n, rng), "elu", True),  # the causal form
        sizes=(64, 256, 1024, 4096, 16384, 65536),
        size_name="L",
        contenders={
            "quadratic form": Contender(quadratic_linear_attention, max_size=PLAIN_MAX),
        },
        same=close,
    ),
    Bench(
        "multi_head_attention",
        mha_inputs,
        sizes=(64, 256, 1024, 4096),
        size_name="L",
        run=run_mha,
        contenders={"torch nn.MultiheadAttention": torch_mha},
        same=close,
    ),
]


# ------------------------------------------------------------------ beyond one declaration

Variant = Callable[[torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor]
VARIANTS: dict[str, tuple[Variant, int]] = {  # name: (function, largest L)
    "torch SDPA": (lambda q, k, v: F.scaled_dot_product_attention(q, k, v), 8192),
    "torch SDPA causal": (
        lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
        8192,
    ),
    "plain softmax": (lambda q, k, v: scaled_dot_product_attention(q, k, v), PLAIN_MAX),
    "flash_attention": (lambda q, k, v: flash_attention(q, k, v), 8192),
    "flash_attention causal": (lambda q, k, v: flash_attention(q, k, v, is_causal=True), 8192),
    "linear_attention": (lambda q, k, v: linear_attention(q, k, v), 8192),
    "linear_attention causal": (lambda q, k, v: linear_attention(q, k, v, is_causal=True), 8192),
    "FLASH causal": (
        lambda q, k, v: mixed_chunk_attention(q, k, q, k, v, GROUP, is_causal=True),
        8192,
    ),
}
SAME_AS = {  # the variants that compute the same thing, for the answer checks
    "plain softmax": "torch SDPA",
    "flash_attention": "torch SDPA",
    "flash_attention causal": "torch SDPA causal",
}


def measure_times(
    lengths: tuple[int, ...], rounds: int, threads: int
) -> dict[str, dict[int, float]]:
    """Median seconds per variant and L; answers checked first.

    Every round runs every variant at every L once, so that a busy phase of the shared
    machine slows all of them alike, across lengths as well as across variants.
    """
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    runs: dict[tuple[str, int], Callable[[], Any]] = {}
    try:
        with torch.no_grad():
            for L in lengths:
                q, k, v = qkv(L, np.random.default_rng(L))
                chosen = {name: f for name, (f, largest) in VARIANTS.items() if largest >= L}
                outputs = {name: f(q, k, v) for name, f in chosen.items()}  # also a warm-up
                for name, peer in SAME_AS.items():
                    if name in outputs:
                        assert close(outputs[name], outputs[peer]), f"{name} disagrees at L={L}"
                runs.update(
                    {(name, L): functools.partial(f, q, k, v) for name, f in chosen.items()}
                )
            medians = interleaved_medians(runs, rounds)
    finally:
        torch.set_num_threads(previous)
    times: dict[str, dict[int, float]] = {name: {} for name in VARIANTS}
    for (name, L), seconds in medians.items():
        times[name][L] = seconds
    return times


def measure_memory(name: str, L: int, threads: int) -> float:
    """Peak extra resident memory (MiB) of one variant at one L, in a fresh interpreter."""
    env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536")
    command = [sys.executable, __file__, "--memory-of", name, str(L), "--threads", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_mib"])


def _peak_in_this_process(name: str, L: int, threads: int) -> float:
    """What :func:`measure_memory` runs in the child."""
    torch.set_num_threads(threads)
    function = VARIANTS[name][0]
    q, k, v = qkv(L, np.random.default_rng(L))
    with torch.no_grad():
        small = min(L, 256)
        function(q[..., :small, :], k[..., :small, :], v[..., :small, :])  # start-up costs
        Path("/proc/self/clear_refs").write_text("5")  # high-water mark := current RSS
        before = _status_kib("VmRSS")
        out = function(q, k, v)
        peak = _status_kib("VmHWM")
    del out
    return (peak - before) / 1024


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def side_by_side(
    lengths: tuple[int, ...] = LENGTHS, threads: int = 1, memory: bool = True, rounds: int = 5
) -> dict[str, Any]:
    """Times and peak memory of every variant at every L (the README's table)."""
    times = measure_times(lengths, rounds, threads)
    peaks: dict[str, dict[int, float]] = {name: {} for name in VARIANTS}
    if memory:
        for L in lengths:
            for name, (_, largest) in VARIANTS.items():
                if largest >= L:
                    peaks[name][L] = measure_memory(name, L, threads)
    return {
        "threads": threads,
        "rounds": rounds,
        "lengths": list(lengths),
        "times": times,
        "peaks": peaks,
    }


def markdown_table(results: dict[str, Any]) -> str:
    """Two tables, one row per L: the median times (ms), then the peak extra memory (MiB)."""
    names = list(VARIANTS)
    header = "| L | " + " | ".join(n.replace("torch SDPA", "SDPA") for n in names) + " |"
    rule = "|---:|" + "---:|" * len(names)
    tables = []
    for title, kind, scale in (
        ("median time, ms", "times", 1e3),
        ("peak extra memory, MiB", "peaks", 1),
    ):
        lines = [f"*{title}*", "", header, rule]
        for L in results["lengths"]:
            cells = [results[kind][name].get(L) for name in names]
            shown = [
                "-" if c is None else f"{c * scale:,.0f}" if c * scale >= 10 else f"{c * scale:.1f}"
                for c in cells
            ]
            lines.append(f"| {L} | " + " | ".join(shown) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def targets(results: dict[str, Any]) -> list[str]:
    """The issue's targets, measured: ratios at L = 4096 and the causal crossover."""
    t, m = results["times"], results["peaks"]
    lines = []
    if 4096 in t["flash_attention"]:
        for suffix in ("", " causal"):
            ratio = t["flash_attention" + suffix][4096] / t["torch SDPA" + suffix][4096]
            line = (
                f"flash_attention{suffix} at L=4096: time {ratio:.2f}x SDPA{suffix} (target <= 2)"
            )
            if 4096 in m["flash_attention" + suffix]:
                mem = m["flash_attention" + suffix][4096] / m["torch SDPA" + suffix][4096]
                line += f", peak memory {mem:.2f}x (target <= 2)"
            lines.append(line)
    for L in results["lengths"]:
        if L >= 2048:
            speed = t["torch SDPA causal"][L] / t["linear_attention causal"][L]
            lines.append(
                f"linear_attention causal at L={L}: {speed:.1f}x faster than SDPA causal "
                "(target > 1)"
            )
    series = sorted(m["linear_attention causal"].items())
    if len(series) >= 2:
        slope = fitted_exponent([(L, max(mib, 1e-3)) for L, mib in series if L >= 1024])
        lines.append(f"linear_attention causal memory: log-log slope {slope:.2f} (linear: 1)")
    return lines


def plot(results: dict[str, Any], path: Path) -> None:
    """Time and peak memory against L, log-log, one line per variant."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    for name in VARIANTS:
        style = "--" if "causal" in name else "-"
        marker = "s" if name.startswith("torch") else "o"
        for ax, data, scale in ((left, results["times"], 1e3), (right, results["peaks"], 1.0)):
            series = sorted(data[name].items())
            if series:
                Ls, values = zip(*series, strict=True)
                ax.loglog(Ls, [v * scale for v in values], style, marker=marker, label=name)
    left.set(xlabel="sequence length L", ylabel="median time (ms)", title="time")
    right.set(xlabel="sequence length L", ylabel="peak extra memory (MiB)", title="memory")
    for ax in (left, right):
        ax.set_xscale("log", base=2)
        ax.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=8, loc="upper left")
    threads = results["threads"]
    fig.suptitle(
        f"attention on CPU, float32, batch 1, 8 heads x 64, torch on {threads} "
        f"thread{'s' if threads > 1 else ''}, medians of {results['rounds']} interleaved rounds"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def bench_attention_side_by_side(benchmark: Any) -> None:
    """The comparison table and the targets; the smoke run checks answers at small L."""
    full = not benchmark.disabled
    lengths = LENGTHS if full else (256, 512)
    results = benchmark.pedantic(
        side_by_side,
        kwargs={"lengths": lengths, "memory": full, "rounds": 5 if full else 1},
        rounds=1,
        iterations=1,
    )
    if not full:  # one memory measurement, to check the machinery works
        assert measure_memory("flash_attention", 256, 1) > 0
        return
    benchmark.group = "attention side by side (interleaved medians, 1 thread)"
    print("\n" + markdown_table(results))
    for line in targets(results):
        print("  " + line)


def load(path: Path) -> dict[str, Any]:
    """Saved measurements, with the lengths as ints again (JSON keys are strings)."""
    results: dict[str, Any] = json.loads(path.read_text())
    for kind in ("times", "peaks"):
        results[kind] = {
            name: {int(L): value for L, value in series.items()}
            for name, series in results[kind].items()
        }
    return results


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (medians)")
    parser.add_argument("--no-memory", action="store_true", help="times only")
    parser.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS))
    parser.add_argument("--memory-of", nargs=2, metavar=("VARIANT", "L"))
    parser.add_argument("--plot", type=Path, help="write the PNG here")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--from-json", type=Path, help="re-draw saved measurements")
    args = parser.parse_args()
    if args.memory_of:
        name, L = args.memory_of
        print(json.dumps({"peak_mib": _peak_in_this_process(name, int(L), args.threads)}))
        return
    if args.from_json:
        results = load(args.from_json)
    else:
        results = side_by_side(threads=args.threads, memory=not args.no_memory, rounds=args.rounds)
    print(markdown_table(results))
    for line in targets(results):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.plot:
        plot(results, args.plot)


if __name__ == "__main__":
    _main()

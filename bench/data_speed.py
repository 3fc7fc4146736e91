"""Speed of the data page's core (issue 7). Run by hand:

    uv run python -m bench.data_speed [--repeats 7] [--rows 100000] [--classes 10]

Measures, with ``time.perf_counter`` and the median of ``--repeats`` runs after a warm-up:

* a 100,000-row × 10-class upload (probabilities, written with 4 decimals) parsed,
  validated and summarised: ``parse_predictions`` + ``summarize_batch`` (per-sample
  cross-entropy and MSE, statistics, 30-bin histograms, correlation); the same for logits;
  and, for information, the calibration work the page adds (``fit_temperature`` and one
  ``calibration_report``);
* ``cross_entropy_from_logits`` on 1,000,000 × 10 float64 logits against scikit-learn's
  ``log_loss`` in the same run (given the probabilities, so it is not charged for the
  softmax; and with the softmax, as a user holding logits would pay), and against
  PyTorch's CPU ``F.cross_entropy`` when torch is installed (the project does not depend
  on it).

Prints a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import time
from collections.abc import Callable

import numpy as np

import xent_core as xc


def median_seconds(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall-clock and median process CPU time of ``repeats`` calls, after a warm-up.

    The machine is shared: when other jobs compete for its two cores the wall time grows
    while the CPU time barely moves, so both are reported.
    """
    fn()  # warm-up: imports, caches, page faults
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def probabilities_csv(rows: int, classes: int, seed: int = 0) -> tuple[bytes, bytes]:
    """Probabilities in ten-thousandths that sum to exactly 1, and the same rows as logits."""
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=2.0, size=(rows, classes))
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    units = np.floor(p * 10_000).astype(np.int64)
    units[np.arange(rows), units.argmax(axis=1)] += 10_000 - units.sum(axis=1)
    labels = rng.integers(0, classes, size=rows)
    header = ",".join([*(f"class_{c}" for c in range(classes)), "label"])
    prob_lines = [header] + [
        ",".join([*(f"{u / 10_000:.4f}" for u in row), str(y)])
        for row, y in zip(units, labels, strict=True)
    ]
    logit_lines = [header] + [
        ",".join([*(f"{v:.4f}" for v in row), str(y)]) for row, y in zip(z, labels, strict=True)
    ]
    return ("\n".join(prob_lines) + "\n").encode(), ("\n".join(logit_lines) + "\n").encode()


def upload_pipeline(data: bytes) -> Callable[[], object]:
    def run() -> object:
        p = xc.parse_predictions(data)
        return xc.summarize_batch(p.probs, p.labels, logits=p.logits, bins=30)

    return run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--logit-rows", type=int, default=1_000_000)
    args = ap.parse_args()
    r = args.repeats
    results: list[tuple[str, tuple[float, float], str]] = []

    def add(name: str, fn: Callable[[], object], goal: str = "—") -> tuple[float, float]:
        times = median_seconds(fn, r)
        results.append((name, times, goal))
        return times

    probs_csv, logits_csv = probabilities_csv(args.rows, args.classes)
    p = xc.parse_predictions(probs_csv)
    assert p.kind == "probabilities" and p.probs.shape == (args.rows, args.classes)
    q = xc.parse_predictions(logits_csv)
    assert q.kind == "logits"
    size = f"{args.rows:,} × {args.classes}"
    for what, data in (("probabilities", probs_csv), ("logits", logits_csv)):
        add(
            f"upload {size}, {what} ({len(data) / 2**20:.1f} MB): parse + validate + summarise",
            upload_pipeline(data),
            "≤ 1 s",
        )
    add("  of which parse_predictions (probabilities)", lambda: xc.parse_predictions(probs_csv))
    # Probabilities rounded to 4 decimals give some true classes exactly 0 (no temperature
    # can fit those), so the calibration extras are timed on the logits upload.
    z_up = q.logits
    add("  page extra: fit_temperature (logits upload)", lambda: xc.fit_temperature(z_up, q.labels))
    add(
        "  page extra: one calibration_report, 10 bins (logits upload)",
        lambda: xc.calibration_report(z_up, q.labels),
    )

    rng = np.random.default_rng(1)
    n, k = args.logit_rows, args.classes
    z = rng.normal(scale=3.0, size=(n, k))
    y = rng.integers(0, k, size=n)
    ours = add(
        f"cross_entropy_from_logits, {n:,} × {k} float64",
        lambda: xc.cross_entropy_from_logits(z, y),
        "baseline",
    )

    from sklearn.metrics import log_loss

    probs = xc.softmax(z)
    labels = list(range(k))
    assert abs(float(xc.cross_entropy_from_logits(z, y)) - log_loss(y, probs, labels=labels)) < 1e-9
    add(
        "scikit-learn log_loss, given the probabilities",
        lambda: log_loss(y, probs, labels=labels),
        "slower than ours",
    )
    add(
        "scikit-learn log_loss, softmax included",
        lambda: log_loss(y, xc.softmax(z), labels=labels),
        "slower than ours",
    )

    try:
        import torch
        from torch.nn import functional
    except ImportError:
        torch = None
    if torch is not None:
        zt, yt = torch.from_numpy(z), torch.from_numpy(y)
        add(
            f"PyTorch {torch.__version__} F.cross_entropy (CPU, float64, "
            f"{torch.get_num_threads()} threads)",
            lambda: functional.cross_entropy(zt, yt),
            "no faster than ours",
        )

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Date {datetime.date.today()}, {platform.system()} {platform.release()} "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {np.__version__}, repeats {r} (median), load average {load:.1f} at the end"
    )
    if torch is None:
        print("PyTorch: not installed, so not measured.")
    print()
    print("| measurement | median wall | median CPU | goal | verdict (wall; CPU ratio) |")
    print("| --- | --- | --- | --- | --- |")
    for name, (wall, cpu), goal in results:
        if goal == "≤ 1 s":
            verdict = "met" if wall <= 1.0 else "**not met**"
        elif goal in ("slower than ours", "no faster than ours"):
            ratio = wall / ours[0]
            ok = ratio > 1 if goal == "slower than ours" else ratio >= 1
            verdict = f"{ratio:.2f}× ours, {'met' if ok else '**not met**'}"
            verdict += f" (CPU {cpu / ours[1]:.2f}×)"
        else:
            verdict = "—"
        print(f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {goal} | {verdict} |")


if __name__ == "__main__":
    main()

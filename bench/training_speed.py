"""Training lab speed (issue 8): the numpy training itself, and a default run in a browser.

    uv run python -m bench.training_speed [--repeats 5] [--browser 3]

1. Core: wall and CPU time of whole runs (``xent_core.run_training``) for the page's
   default configuration (moons, K = 3, 300 samples, MLP 16 ReLU, Adam 0.03, batch 32,
   100 epochs) and a wide one (spirals, 1000 samples, MLP 64×64, batch 8, 20 epochs), each
   with one BLAS thread (what the app sets, xent_ui/__init__.py) and with OpenBLAS's own
   thread count, taking turns within every round. Also one 80×80 decision-region grid.
2. Browser (``--browser N``, needs Chromium): ``streamlit run app.py``, open /training, click
   Train and time until the page reads "Finished 100 epochs"; the page's own figure
   (Train → last epoch) is read off the status line. N rounds, a fresh page each.

Medians are reported with the load average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

import xent_core as xc

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {
    "default (moons, MLP 16, 100 epochs)": (
        lambda: xc.make_toy_data("moons", n_classes=3, n_samples=300, noise=0.2, seed=0),
        xc.TrainConfig(hidden=(16,), learning_rate=0.03, epochs=100),
    ),
    "wide (spirals 1000, MLP 64×64, batch 8, 20 epochs)": (
        lambda: xc.make_toy_data("spirals", n_samples=1000, seed=0),
        xc.TrainConfig(hidden=(64, 64), batch_size=8, epochs=20),
    ),
}


def _time(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def core(repeats: int) -> None:
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    threads = blas[0]["num_threads"] if blas else "?"
    print(f"BLAS: {[i['internal_api'] for i in blas]}, {threads} threads by default")
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    data = {name: make() for name, (make, _) in CONFIGS.items()}
    for name, (_, config) in CONFIGS.items():
        xc.run_training(data[name], config)  # warm-up
    for _ in range(repeats):
        for name, (_, config) in CONFIGS.items():
            for label, limit in (("1 thread", 1), (f"{threads} threads", None)):
                with threadpool_limits(limits=limit, user_api="blas"):
                    result = _time(lambda c=config, d=data[name]: xc.run_training(d, c))
                samples.setdefault((name, label), []).append(result)
    print(f"\ncore, medians of {repeats} (wall / CPU):")
    for (name, label), values in samples.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:52s} {label:10s} {wall * 1000:8.0f} ms / {cpu * 1000:6.0f} ms")
    state = xc.run_training(data[next(iter(CONFIGS))], next(iter(CONFIGS.values()))[1])
    grid = [_time(lambda: xc.decision_regions(state, 80))[0] for _ in range(repeats)]
    print(f"  80×80 decision regions (MLP 16): {statistics.median(grid) * 1000:.1f} ms")


def browser(rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS, find_chromium
    from tests.e2e.helpers import wait_idle
    from tests.e2e.server import running_app

    clicks, reported = [], []
    log = Path(os.environ.get("TMPDIR", "/tmp")) / "training_speed_streamlit.log"
    with running_app("app.py", log) as url, sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        for _ in range(rounds):
            page = chromium.new_page(viewport={"width": 1280, "height": 4200})
            page.goto(f"{url}/training")
            wait_idle(page, 60_000)
            page.wait_for_timeout(500)
            wait_idle(page, 60_000)
            start = time.perf_counter()
            page.get_by_role("button", name="Train", exact=True).click()
            status = page.locator(".st-key-training-status")
            status.get_by_text("Finished 100 epochs").wait_for(timeout=120_000)
            clicks.append(time.perf_counter() - start)
            reported.append(float(re.search(r"in (\d+\.\d) s", status.inner_text())[1]))
            page.close()
        chromium.close()
    print(f"\nbrowser, default run, {rounds} rounds (click → 'Finished' shown; page's figure):")
    print(f"  click → finished: median {statistics.median(clicks):.2f} s, "
          f"all {[round(c, 2) for c in clicks]}")  # fmt: skip
    print(f"  page's own 'Finished … in': median {statistics.median(reported):.1f} s, "
          f"all {reported}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--browser", type=int, default=0, help="browser rounds (0: none)")
    args = parser.parse_args()
    print(
        f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"numpy {np.__version__}, load average {os.getloadavg()[0]:.1f}"
    )
    core(args.repeats)
    if args.browser:
        browser(args.browser)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

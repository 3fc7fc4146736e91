"""Rerun cost per page under Streamlit's AppTest, against a bare baseline app (issue 10).

    uv run python -m bench.rerun_cost [--rounds 40]

Each page is opened through app.py, then one typical interaction (a slider or control the
page's learners use most) is applied again and again; the time of each ``at.run()`` after
the change is one sample. The baseline is bench/baseline_app.py (three native sliders, a
number and two plotly charts) with one of its sliders moved. Targets take turns within
every round, so the machine's noise hits all of them alike; reported are medians, p95 and
the ratio of each page's median to the baseline's median (goal ≤ 1.0).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from xent_ui import state

ROOT = Path(__file__).resolve().parents[1]
Interaction = Callable[[AppTest, int], object]


def _slider(key: str, values: list) -> Interaction:
    return lambda at, i: at.slider(key=key).set_value(values[i % len(values)])


def _radio(key: str, values: list) -> Interaction:
    return lambda at, i: at.radio(key=key).set_value(values[i % len(values)])


def _number(key: str, values: list) -> Interaction:
    return lambda at, i: at.number_input(key=key).set_value(values[i % len(values)])


def _select_slider(key: str, values: list) -> Interaction:
    return lambda at, i: at.select_slider(key=key).set_value(values[i % len(values)])


EPSILONS = [0.0, 0.05, 0.1, 0.2]
# page → the interaction measured on it
PAGES: dict[str, Interaction] = {
    "pages/explorer.py": _slider(state.widget_key(state.EPSILON), EPSILONS),
    "pages/curves.py": _slider(state.widget_key(state.GAMMA), [0.0, 1.0, 2.0, 3.0]),
    "pages/logits.py": _select_slider(state.widget_key(state.TEMPERATURE), [0.5, 1.0, 2.0, 5.0]),
    "pages/simplex.py": _radio(
        state.widget_key(state.SIMPLEX_MEASURE), list(state.SIMPLEX_MEASURES)
    ),
    "pages/data.py": _slider(state.widget_key(state.RELIABILITY_BINS), [5, 10, 15, 20]),
    "pages/classroom.py": _number(state.widget_key(state.QUIZ_SEED), [1, 2, 3, 4]),
}


def _open(page: str | None) -> AppTest:
    if page is None:
        at = AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=60)
        at.run()
        return at
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _timed(at: AppTest, interaction: Interaction, i: int) -> float:
    interaction(at, i)
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()

    targets: dict[str, tuple[AppTest, Interaction]] = {
        "baseline": (_open(None), _slider("q", [0.1, 0.4, 0.7, 0.9]))
    }
    for page, interaction in PAGES.items():
        targets[page] = (_open(page), interaction)
    samples: dict[str, list[float]] = {name: [] for name in targets}
    for r in range(args.warmup + args.rounds):
        for name, (at, interaction) in targets.items():
            ms = _timed(at, interaction, r)
            if r >= args.warmup:
                samples[name].append(ms)

    base = statistics.median(samples["baseline"])
    print(f"{time.strftime('%Y-%m-%d')} {platform.platform()} {platform.processor() or ''}")
    print(f"rounds {args.rounds}, warm-up {args.warmup}")
    print("| target | n | median | p95 | ratio to baseline (medians) | goal |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, values in samples.items():
        med = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[-1]
        ratio = "—" if name == "baseline" else f"{med / base:.2f}"
        goal = "—" if name == "baseline" else ("met" if med / base <= 1.0 else "**not met**")
        print(f"| {name} | {len(values)} | {med:.1f} ms | {p95:.1f} ms | {ratio} | {goal} |")


if __name__ == "__main__":
    main()

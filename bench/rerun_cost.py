"""Rerun cost per page under Streamlit's AppTest, against a bare baseline app (issues 10, 20).

    uv run python -m bench.rerun_cost [--rounds 40]

Each page is opened through app.py, then one typical interaction (a slider or control the
page's learners use most) is applied again and again; the time of each ``at.run()`` after
the change is one sample. The baseline is bench/baseline_app.py (three native sliders, a
number and two plotly charts) with one of its sliders moved. Targets take turns within
every round, so the machine's noise hits all of them alike; reported are medians, p95 and
the ratio of each page's median to the baseline's median, for the wall-clock time and for
the process's CPU time over the same run (the script's thread and AppTest's own; on a
shared, noisy machine the CPU time moves less with the neighbours' load).

AppTest reruns the whole script for a widget change. The explorer's drag release is not
that: the browser sends the bars' gesture with the id of the fragment the widget sits in,
and the server reruns that fragment only. ``explorer release`` times exactly that run (the
gesture as bars.js sends it, the fragment id the server named, the other widgets' states
as the browser keeps them), against the baseline's slider release, which reruns its whole
script (issue 20's goal: ≤ 1.5×).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.scriptrunner_utils import script_requests
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import local_script_runner as _runner

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


# ---------------------------------------------------------------- a fragment rerun


class _Recorded:
    """The ForwardMsgs of the last AppTest run (AppTest parses and drops them)."""

    messages: list[ForwardMsg] = []  # noqa: RUF012 - one recorder for the process

    @classmethod
    def install(cls) -> None:
        parse = _runner.parse_tree_from_messages
        if getattr(parse, "recorded", False):
            return

        def recording(messages: list[ForwardMsg]):
            cls.messages = list(messages)
            return parse(messages)

        recording.recorded = True
        _runner.parse_tree_from_messages = recording


@contextlib.contextmanager
def _fragment_rerun(fragment_id: str) -> Iterator[None]:
    """Make AppTest's next run a rerun of one fragment, as the server does on a release."""
    real = _runner.RerunData
    _runner.RerunData = functools.partial(script_requests.RerunData, fragment_id=fragment_id)
    try:
        yield
    finally:
        _runner.RerunData = real


def _gesture(i: int, curve: str | None, moved: int) -> str:
    """What bars.js sends on a release: q for three classes (class ``moved`` dragged, the
    others keeping their proportions), true class A, its number, the curve it holds."""
    level = round(0.05 + 0.9 * ((i * 0.37) % 1.0), 3)
    shares = [0.6, 0.4]
    q = [(1 - level) * shares.pop(0) if j != moved else level for j in range(3)]
    return json.dumps({"gesture": {"q": q, "label": 0, "seq": i + 1, "curve": curve}})


def _curve_key(messages: list[ForwardMsg], widget_id: str) -> str | None:
    """The loss curve the widget holds after these messages (its views' curveKey)."""
    for msg in messages:
        component = msg.delta.new_element.bidi_component
        if component.id == widget_id and component.json:
            views = json.loads(component.json).get("views") or {}
            return views.get("curveKey")
    return None


@dataclasses.dataclass
class Release:
    """The explorer's drag release: the bars' fragment rerun with a new gesture.

    ``moved`` is the class dragged: 0 (A, the true class) leaves the loss curve as it was;
    1 (B) changes it on every release.
    """

    at: AppTest
    moved: int = 0
    widget_id: str = ""
    curve: str | None = None
    fragment_id: str = ""
    others: WidgetStates = dataclasses.field(default_factory=WidgetStates)

    def __post_init__(self) -> None:
        # After the page's full run: the bars' id and fragment, and every other widget's
        # state (the browser sends them all with each rerun).
        for msg in _Recorded.messages:
            component = msg.delta.new_element.bidi_component
            if component.id.endswith(f"-{state.EXPLORER_BARS.key}"):
                self.widget_id = component.id
                self.fragment_id = msg.delta.fragment_id
        assert self.widget_id and self.fragment_id, "no drag bars in a fragment on the page"
        self.others = self.at._tree.get_widget_states()
        self.curve = _curve_key(_Recorded.messages, self.widget_id)

    def __call__(self, at: AppTest, i: int) -> tuple[float, float]:
        states = WidgetStates()
        states.CopyFrom(self.others)
        gesture = _gesture(i, self.curve, self.moved)
        states.widgets.append(WidgetState(id=self.widget_id, json_value=gesture))
        timing: list[float] = []
        with _fragment_rerun(self.fragment_id), _clock(timing):
            at._run(states)
        assert not at.exception, [e.value for e in at.exception]
        assert any(m.delta.fragment_id == self.fragment_id for m in _Recorded.messages)
        self.curve = _curve_key(_Recorded.messages, self.widget_id) or self.curve
        return timing[0], timing[1]


# ---------------------------------------------------------------- targets


Step = Callable[[AppTest, int], tuple[float, float]]


@contextlib.contextmanager
def _clock(out: list[float]) -> Iterator[None]:
    """Append the wall-clock and CPU milliseconds of the block to ``out``."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    out += [(time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000]


def _open(page: str | None) -> AppTest:
    _Recorded.install()
    if page is None:
        at = AppTest.from_file(str(ROOT / "bench" / "baseline_app.py"), default_timeout=60)
        at.run()
        return at
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _timed(interaction: Interaction) -> Step:
    def step(at: AppTest, i: int) -> tuple[float, float]:
        interaction(at, i)
        timing: list[float] = []
        with _clock(timing):
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return timing[0], timing[1]

    return step


def targets() -> dict[str, tuple[AppTest, Step]]:
    out = {"baseline": (_open(None), _timed(_slider("q", [0.1, 0.4, 0.7, 0.9])))}
    explorer = _open("pages/explorer.py")
    out["explorer release: drag A, the true class"] = (explorer, Release(explorer))
    other = _open("pages/explorer.py")
    out["explorer release: drag B (a new curve)"] = (other, Release(other, moved=1))
    for page, interaction in PAGES.items():
        out[page] = (_open(page), _timed(interaction))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--only", action="append", default=[], help="measure only these targets (and baseline)"
    )
    parser.add_argument(
        "--switch-interval", type=float, default=0.005, help="GIL switch interval, s"
    )
    args = parser.parse_args()

    opened = targets()
    # The app sets the interpreter's GIL switch interval for its server (xent_ui/shell.py);
    # AppTest's main thread polls the script thread every millisecond, so a short interval
    # adds hand-overs to every target's run. Time them all with Python's default.
    sys.setswitchinterval(args.switch_interval)
    chosen = {
        name: target
        for name, target in opened.items()
        if not args.only or name == "baseline" or any(o in name for o in args.only)
    }
    walls: dict[str, list[float]] = {name: [] for name in chosen}
    cpus: dict[str, list[float]] = {name: [] for name in chosen}
    for r in range(args.warmup + args.rounds):
        for name, (at, step) in chosen.items():
            wall, cpu = step(at, r)
            if r >= args.warmup:
                walls[name].append(wall)
                cpus[name].append(cpu)

    base = statistics.median(walls["baseline"])
    base_cpu = statistics.median(cpus["baseline"])
    print(f"{time.strftime('%Y-%m-%d %H:%M')} {platform.platform()} {platform.processor() or ''}")
    print(f"rounds {args.rounds}, warm-up {args.warmup}")
    print("| target | n | median | p95 | ratio to baseline (medians) | CPU median | CPU ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, values in walls.items():
        med = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[-1]
        cpu = statistics.median(cpus[name])
        ratio = "—" if name == "baseline" else f"{med / base:.2f}"
        cpu_ratio = "—" if name == "baseline" else f"{cpu / base_cpu:.2f}"
        print(
            f"| {name} | {len(values)} | {med:.1f} ms | {p95:.1f} ms | {ratio} "
            f"| {cpu:.1f} ms | {cpu_ratio} |"
        )


if __name__ == "__main__":
    main()

"""Training runs in session state: started by a button, advanced a little on each rerun.

No run owns a thread. While a run is going, the training page draws its run panel as a
fragment that Streamlit reruns on a timer (``st.fragment(run_every=TICK_INTERVAL)``); each
of those reruns trains for at most :data:`TICK_SECONDS`, stores the new :class:`Run` in
session state and draws it. Between reruns the session is idle, so a click (Stop, or any
control) is handled within one tick, and other sessions' scripts share the cores with
short bursts rather than one long computation. A run left behind (another page, a closed
tab) simply stops advancing; it resumes when its panel is drawn again.

A :class:`Run` is immutable: each tick makes a new one, so a stale tick can be detected
(the session no longer holds the run it started from) and dropped.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import xent_core as xc

#: Training time per tick, in seconds (the charts are drawn after it).
TICK_SECONDS = 0.2
#: How often the run panel reruns while a run is going, in seconds.
TICK_INTERVAL = 0.25
#: The decision-region grid: REGION_RESOLUTION × REGION_RESOLUTION points.
REGION_RESOLUTION = 80

RUNNING = "running"
DONE = "done"
STOPPED = "stopped"
DIVERGED = "diverged"


@dataclass(frozen=True, eq=False)
class Run:
    """One configuration's training run.

    Attributes
    ----------
    name : "A" or "B"
    spec : the controls' values the run was started with (to notice later changes).
    state : the core's training state (weights, optimiser, history).
    status : RUNNING, DONE, STOPPED or DIVERGED.
    started : ``time.monotonic()`` when Train was pressed.
    elapsed : seconds from Train to the last epoch (or the stop); 0 while running.
    """

    name: str
    spec: Any
    state: xc.TrainState
    status: str
    started: float
    elapsed: float = 0.0

    @property
    def running(self) -> bool:
        return self.status == RUNNING

    @cached_property
    def regions(self) -> xc.Regions | None:
        """The decision regions of this run's current model, computed once per model (None
        without a 2-D plane, or after divergence)."""
        if self.state.data.bounds is None or self.state.diverged:
            return None
        return xc.decision_regions(self.state, REGION_RESOLUTION)


def start(name: str, spec: Any, data: xc.ToyData, config: xc.TrainConfig) -> Run:
    """A new run at epoch 0 (weights drawn, nothing trained yet)."""
    state = xc.start_training(data, config)
    status = DIVERGED if state.diverged else RUNNING
    return Run(name=name, spec=spec, state=state, status=status, started=time.monotonic())


def _finish(run: Run, state: xc.TrainState) -> Run:
    if not state.done:
        return replace(run, state=state)
    status = DIVERGED if state.diverged else DONE
    return replace(run, state=state, status=status, elapsed=time.monotonic() - run.started)


def advance(run: Run, seconds: float) -> Run:
    """Train whole epochs until ``seconds`` have passed (at least one epoch) or the end."""
    if not run.running:
        return run
    deadline = time.monotonic() + seconds
    state = run.state
    while not state.done:
        state = xc.train_epochs(state, 1)
        if time.monotonic() >= deadline:
            break
    return _finish(run, state)


def stop(run: Run) -> Run:
    """A running run, stopped where it is; others unchanged."""
    if not run.running:
        return run
    return replace(run, status=STOPPED, elapsed=time.monotonic() - run.started)


def any_running(runs: Mapping[str, Run]) -> bool:
    return any(run.running for run in runs.values())


def tick(runs: Mapping[str, Run], seconds: float = TICK_SECONDS) -> dict[str, Run]:
    """Advance every running run, sharing ``seconds`` between them."""
    going = [name for name, run in runs.items() if run.running]
    share = seconds / max(len(going), 1)
    return {name: advance(run, share) if name in going else run for name, run in runs.items()}

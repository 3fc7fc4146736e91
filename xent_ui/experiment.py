"""The training lab's experiment: the controls → data and configurations, and the runs →
the series, reference lines and table rows the page draws.

No widgets here: :mod:`pages.training` draws the controls and the charts; this module turns
:mod:`xent_ui.state` into :mod:`xent_core.lab` calls and their results into what is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import xent_core as xc
from xent_ui import charts, layout, runs, state


@dataclass(frozen=True)
class Chart:
    """What :func:`xent_ui.charts.epoch_figure` draws: the series and the reference lines."""

    lines: list[dict]
    y_title: str
    y_range: tuple[float, float] | None
    references: list[tuple[float, str]]
    epochs: int


A, B = state.TRAIN_A, state.TRAIN_B
DATA_LABELS = {"blobs": "Blobs", "moons": "Moons", "spirals": "Spirals", "seed": "Seed script"}
MODEL_LABELS = {
    "softmax": "Softmax regression",
    "mlp1": "1 hidden layer",
    "mlp2": "2 hidden layers",
}
ACTIVATION_LABELS = {"relu": "ReLU", "tanh": "tanh"}
OPTIMIZER_LABELS = {"sgd": "SGD + momentum", "adam": "Adam"}
LOSS_LABELS = {
    "cross_entropy": "Cross-entropy",
    "smoothed": "Label-smoothed CE",
    "weighted": "Class-weighted CE",
    "focal": "Focal loss",
    "mse": "MSE on softmax",
}
LOSS_VIEW_LABELS = {"objective": "Loss being minimised", "cross_entropy": "Cross-entropy"}
SPLIT_DASH = {"training": "solid", "test": "dot"}
SERIES_COLORS = {"training": "#9aa9f7", "test": charts.RUN_COLORS["A"], **charts.RUN_COLORS}


# --- the experiment: controls → data and configurations ------------------------------------


def data_spec() -> tuple:
    """What the data controls say, as a hashable value (the seed script ignores most)."""
    kind = state.TRAIN_DATA.get()
    if kind == "seed":
        return ("seed", state.TRAIN_SEED.get())
    return (
        kind,
        state.TRAIN_CLASSES.get(),
        state.TRAIN_SAMPLES.get(),
        state.TRAIN_NOISE.get(),
        state.TRAIN_IMBALANCE.get(),
        state.TRAIN_SEED.get(),
    )


def make_data(spec: tuple) -> xc.ToyData:
    if spec[0] == "seed":
        return xc.seed_script_data(spec[1])
    kind, k, n, noise, imbalance, seed = spec
    return xc.make_toy_data(
        kind, n_classes=k, n_samples=n, noise=noise, imbalance=imbalance, seed=seed
    )


def train_config(side: state.TrainingSide) -> xc.TrainConfig:
    width = side.width.get()
    hidden = {"softmax": (), "mlp1": (width,), "mlp2": (width, width)}[side.model.get()]
    return xc.TrainConfig(
        hidden=hidden,
        activation=side.activation.get(),
        optimizer=side.optimizer.get(),
        learning_rate=side.learning_rate.get(),
        momentum=side.momentum.get(),
        batch_size=state.TRAIN_BATCH.get(),
        epochs=state.TRAIN_EPOCHS.get(),
        loss=side.loss.get(),
        gamma=side.gamma.get(),
        smoothing=side.smoothing.get(),
        seed=state.TRAIN_SEED.get(),
        init_scale=state.TRAIN_INIT_SCALE.get(),
    )


def sides() -> list[state.TrainingSide]:
    return [A, B] if state.TRAIN_COMPARE.get() else [A]


def summary(config: xc.TrainConfig) -> str:
    """A configuration in one short line."""
    if config.hidden:
        act = ACTIVATION_LABELS[config.activation]
        model = f"MLP {'×'.join(str(h) for h in config.hidden)} {act}"
    else:
        model = "Softmax regression"
    optimizer = "Adam" if config.optimizer == "adam" else f"SGD (momentum {config.momentum:g})"
    loss = LOSS_LABELS[config.loss]
    if config.loss == "focal":
        loss += f" γ = {config.gamma:g}"
    elif config.loss == "smoothed":
        loss += f" ε = {config.smoothing:g}"
    return f"{model} · {optimizer}, lr {config.learning_rate:g} · {loss}"


def start() -> None:
    spec = data_spec()
    data = make_data(spec)
    started = {}
    for side in sides():
        config = train_config(side)
        started[side.name] = runs.start(side.name, (spec, config), data, config)
    state.TRAIN_RUNS.set(started)


def stop() -> None:
    state.TRAIN_RUNS.set({name: runs.stop(run) for name, run in state.TRAIN_RUNS.get().items()})


def prior_entropy(data: xc.ToyData) -> float:
    """H(prior) in the chosen unit: the training cross-entropy of always predicting the
    training set's class frequencies, a baseline that ignores the input."""
    return xc.prior_entropy(data.train_counts(), counts=True, base=layout.base())


def unit_factor(is_log_loss: bool) -> float:
    """Multiply a loss in nats by this to show it in the sidebar's unit."""
    return layout.per_nat() if is_log_loss else 1.0


def status(run: runs.Run) -> str:
    epochs = run.state.config.epochs
    epoch = run.state.epoch
    if run.status == runs.RUNNING:
        return f"Training: epoch {epoch} of {epochs}"
    if run.status == runs.DONE:
        return f"Finished {epochs} epochs in {run.elapsed:.1f} s"
    if run.status == runs.STOPPED:
        return f"Stopped at epoch {epoch} of {epochs} after {run.elapsed:.1f} s"
    return (
        f"Diverged at epoch {epoch}: a logit or the loss stopped being finite. "
        "Lower the learning rate."
    )


def series_name(run: runs.Run, split: str, compare: bool) -> str:
    return f"{run.name} · {split}" if compare else split


def loss_chart(current: dict[str, runs.Run], compare: bool) -> Chart:
    """The loss chart: each run's training and test series in the chosen unit, and the
    input-blind baselines (log K, H(prior)) as reference lines."""
    unit = layout.unit()
    view = state.TRAIN_LOSS_VIEW.get() or state.TRAIN_LOSS_VIEW.initial()
    lines = []
    references: dict[str, list[str]] = {}
    tops = []
    for run in current.values():
        objective = run.state.objective
        is_log = objective.is_log_loss or view == "cross_entropy"
        factor = unit_factor(is_log)
        history = run.state.history
        epochs = [m.epoch for m in history]
        for split in ("training", "test"):
            if view == "objective":
                field = "objective_train" if split == "training" else "objective_test"
            else:
                field = "cross_entropy_train" if split == "training" else "cross_entropy_test"
            values = [getattr(m, field) * factor for m in history]
            if all(math.isnan(v) for v in values):
                continue  # no test set (the seed script's data)
            lines.append(
                {
                    "name": series_name(run, split, compare),
                    "x": epochs,
                    "y": values,
                    "color": charts.RUN_COLORS[run.name] if compare else SERIES_COLORS[split],
                    "dash": SPLIT_DASH[split],
                    "unit": unit if is_log else "",
                }
            )
            tops += [v for v in values[:1] if math.isfinite(v)]
        k = run.state.data.n_classes
        if view == "cross_entropy" or objective.kind in ("cross_entropy", "smoothed", "weighted"):
            text = f"uniform guess {layout.log_text()} {k}"
            value = math.log(k) * unit_factor(True)
            if view == "cross_entropy" or objective.kind == "cross_entropy":
                prior = prior_entropy(run.state.data)
                if prior < value - 1e-9:  # balanced classes: the same line as log K
                    references.setdefault(f"{prior:.6g}", []).append(
                        f"class frequencies H(prior) = {prior:.2f}"
                    )
                    tops.append(prior)
        else:
            text = f"uniform guess ({LOSS_LABELS[objective.kind]})"
            zeros = np.zeros((len(run.state.data.y_train), k))
            value = objective.value(zeros, run.state.data.y_train) * factor
        references.setdefault(f"{value:.6g}", []).append(text)
        tops.append(value)
    refs = [(float(v), " · ".join(dict.fromkeys(texts))) for v, texts in references.items()]
    # The start sets the scale; a diverging run leaves the chart upwards rather than
    # squashing everything else.
    top = 1.2 * max(tops) if tops else None
    epochs_total = max(run.state.config.epochs for run in current.values())
    all_log = all(
        run.state.objective.is_log_loss or view == "cross_entropy" for run in current.values()
    )
    return Chart(
        lines=lines,
        y_title=f"{LOSS_VIEW_LABELS[view].lower()}" + (f" ({unit})" if all_log else ""),
        y_range=(0, top) if top else None,
        references=refs,
        epochs=epochs_total,
    )


def accuracy_chart(current: dict[str, runs.Run], compare: bool) -> Chart:
    """Accuracy per epoch, with always predicting the largest class as the reference."""
    lines = []
    data = next(iter(current.values())).state.data
    for run in current.values():
        history = run.state.history
        for split, field in (("training", "accuracy_train"), ("test", "accuracy_test")):
            values = [getattr(m, field) for m in history]
            if all(math.isnan(v) for v in values):
                continue
            lines.append(
                {
                    "name": series_name(run, split, compare),
                    "x": [m.epoch for m in history],
                    "y": values,
                    "color": charts.RUN_COLORS[run.name] if compare else SERIES_COLORS[split],
                    "dash": SPLIT_DASH[split],
                }
            )
    labels = data.y_test if len(data.y_test) else data.y_train
    majority = xc.majority_rate(labels)
    return Chart(
        lines=lines,
        y_title="accuracy",
        y_range=(0, 1.05),
        references=[(majority, f"always the largest class: {majority:.2f}")],
        epochs=max(run.state.config.epochs for run in current.values()),
    )


def _fmt_pair(train: float, test: float, digits: int = 3) -> str:
    shown = [layout.number(v, digits) for v in (train, test) if not math.isnan(v)]
    return " / ".join(shown) if shown else "–"


def metric_rows(current: dict[str, runs.Run]) -> dict[str, list[str]]:
    """The results table: a label column and one column per run."""
    unit = layout.unit()
    ln = layout.log_text()
    columns: dict[str, list[str]] = {}
    # Balanced accuracy, the mean recall, is what imbalance hurts; without a test set (the
    # seed script's data) it is measured on the training set.
    has_test = all(len(run.state.data.y_test) for run in current.values())
    labels = [
        "Loss being minimised",
        "Its value, training / test",
        f"Cross-entropy ({unit}), training / test",
        "Accuracy, training / test",
        "Balanced accuracy (test)" if has_test else "Balanced accuracy (training)",
        f"First cross-entropy (epoch 0) vs {ln} K",
        f"Input-blind baselines: {ln} K / H(class prior), {unit}",
    ]
    for run in current.values():
        first, last = run.state.history[0], run.state.history[-1]
        objective = run.state.objective
        factor = unit_factor(objective.is_log_loss)
        ce = unit_factor(True)
        k = run.state.data.n_classes
        recall = last.recall_test if len(run.state.data.y_test) else last.recall_train
        columns[run.name if len(current) > 1 else "Value"] = [
            LOSS_LABELS[objective.kind],
            _fmt_pair(last.objective_train * factor, last.objective_test * factor),
            _fmt_pair(last.cross_entropy_train * ce, last.cross_entropy_test * ce),
            _fmt_pair(last.accuracy_train, last.accuracy_test),
            _fmt_pair(xc.balanced_accuracy(recall), math.nan),  # "–" for no samples
            f"{first.cross_entropy_train * ce:.3f} vs {math.log(k) * ce:.3f}",
            f"{math.log(k) * ce:.3f} / {prior_entropy(run.state.data):.3f}",
        ]
    return {"": labels} | columns

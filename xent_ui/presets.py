"""Every page's presets in one home: named buttons that put a page in a known state.

Each preset is a dataclass with named fields (what the button says, its tooltip) and a
function beside it that applies it through :mod:`xent_ui.state`. The classroom's scenario
deck (:mod:`xent_ui.deck`) sets whole page states the same way, from TOML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xent_core import cross_entropy
from xent_ui import state
from xent_ui.scenarios import as_three_classes

A, B = state.TRAIN_A, state.TRAIN_B


@dataclass(frozen=True)
class Preset:
    """A button that sets a page's state: ``name`` (stable, in widget keys), ``label``
    (the button's text) and ``help`` (its tooltip, or a function of the unit)."""

    name: str
    label: str
    help: str | Callable[[str], str]

    def help_in(self, unit: str) -> str:
        return self.help(unit) if callable(self.help) else self.help


# --- the explorer -------------------------------------------------------------------------


def _seed_help(unit: str) -> str:
    base = 2 if unit == "bits" else None
    log = "log₂" if unit == "bits" else "ln"
    loss = float(cross_entropy([1.0, 0.0, 0.0], state.SEED_Q, base=base))
    return (
        "The worked example of the study note this app grew from: q = (0.7, 0.2, 0.1), "
        f"true class A → −{log} 0.7 = {loss:.4f} {unit}."
    )


def _uniform_help(unit: str) -> str:
    log = "log₂" if unit == "bits" else "ln"
    return f"Every class equally likely: the loss is {log} K, the 'know-nothing' baseline."


EXPLORER_PRESETS: tuple[Preset, ...] = (
    Preset("seed", "Seed example", _seed_help),
    Preset("right", "Confident & right", "95 % on the true class: a small loss."),
    Preset(
        "wrong",
        "Confident & wrong",
        "2 % on the true class and almost all the rest on one wrong class: the loss explodes.",
    ),
    Preset("uniform", "Uniform", _uniform_help),
    Preset("hedged", "Hedged", "60 % on the true class, the rest spread: a moderate loss."),
)


def _spread(
    k: int, index: int, value: float, *, second: int | None = None, second_value: float = 0.0
) -> list[float]:
    """``value`` on ``index`` (and ``second_value`` on ``second``), the rest shared equally."""
    q = [0.0] * k
    q[index] = value
    fixed = value
    if second is not None:
        q[second] = second_value
        fixed += second_value
    others = [i for i in range(k) if i != index and i != second]
    for i in others:
        q[i] = (1.0 - fixed) / len(others) if others else 0.0
    return q


def explorer_values(name: str, *, k: int, label: int) -> dict[str, Any]:
    """The explorer values a preset sets, by state key (the seed example resets everything)."""
    if name == "seed":
        return {
            state.Q.key: list(state.SEED_Q),
            state.NAMES.key: state.default_names(3),
            state.LABEL.key: 0,
            state.SOFT.key: False,
            state.P_SOFT.key: state.P_SOFT.initial(),
            state.EPSILON.key: 0.0,
        }
    if name == "right":
        q = _spread(k, label, 0.95)
    elif name == "wrong":
        wrong = (label + 1) % k
        # 95 % on the wrong class and the last 3 % shared by the others; with two classes
        # there are no others, and the wrong class takes all 98 %.
        q = _spread(k, label, 0.02, second=wrong, second_value=0.95 if k > 2 else 0.98)
    elif name == "uniform":
        q = [1.0 / k] * k
    elif name == "hedged":
        q = _spread(k, label, 0.6)
    else:
        raise ValueError(f"unknown preset {name!r}")
    return {state.Q.key: q, state.SOFT.key: False}


def apply_explorer(name: str) -> None:
    """Button callback: apply an explorer preset to the current class count and label."""
    state.set_values(explorer_values(name, k=len(state.Q.get()), label=state.LABEL.get()))
    state.NAME_ERRORS.clear()


# --- the probability simplex ----------------------------------------------------------------

SIMPLEX_PRESETS: tuple[Preset, ...] = (
    Preset("seed", "Seed example", "The worked example: q = (0.7, 0.2, 0.1), true class A."),
    Preset("centre", "q in the centre", "The uniform prediction (⅓, ⅓, ⅓)."),
    Preset("match", "q = p", "Put q on p: every divergence is 0, and H(p,q) = H(p)."),
    Preset(
        "half",
        "p = (½, ½, 0)",
        "A soft truth that rules the third class out: reverse KL is ∞ for every q that "
        "gives the third class any probability.",
    ),
)


def apply_simplex(name: str, p: list[float]) -> None:
    """Button callback: a simplex preset (the explorer first gets the three classes shown)."""
    as_three_classes()
    if name == "seed":
        state.Q.set(list(state.SEED_Q))
        state.LABEL.set(0)
        state.SOFT.set(False)
        state.EPSILON.set(0.0)
    elif name == "centre":
        state.Q.set([1 / 3, 1 / 3, 1 / 3])
    elif name == "match":
        state.Q.set(list(p))
    elif name == "half":
        state.P_SOFT.set([0.5, 0.5, 0.0])
        state.SOFT.set(True)
    else:
        raise ValueError(f"unknown preset {name!r}")


# --- the training lab -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingPreset(Preset):
    """An experiment: ``values`` set the shared settings and configuration A; when
    ``b_values`` is not empty, B first copies A and then takes them."""

    values: Mapping[state.Param, Any] = field(default_factory=dict)
    b_values: Mapping[state.Param, Any] = field(default_factory=dict)


SEED_SETUP = {
    state.TRAIN_DATA: "seed",
    state.TRAIN_SEED: 0,
    A.model: "mlp1",
    A.width: 10,
    A.activation: "relu",
    A.optimizer: "adam",
    A.learning_rate: 0.01,
    A.loss: "cross_entropy",
    state.TRAIN_BATCH: 32,
    state.TRAIN_EPOCHS: 200,
    state.TRAIN_INIT_SCALE: 1.0,
    state.TRAIN_COMPARE: False,
}
MOONS = {
    state.TRAIN_DATA: "moons",
    state.TRAIN_CLASSES: 3,
    state.TRAIN_SAMPLES: 300,
    state.TRAIN_NOISE: 0.2,
    state.TRAIN_IMBALANCE: 1.0,
    state.TRAIN_SEED: 0,
    A.model: "mlp1",
    A.width: 16,
    A.activation: "relu",
    A.optimizer: "adam",
    A.learning_rate: 0.03,
    state.TRAIN_BATCH: 32,
    state.TRAIN_EPOCHS: 100,
    state.TRAIN_INIT_SCALE: 1.0,
}
IMBALANCED = {
    state.TRAIN_DATA: "blobs",
    state.TRAIN_CLASSES: 3,
    state.TRAIN_SAMPLES: 600,
    state.TRAIN_NOISE: 0.8,
    state.TRAIN_IMBALANCE: 20.0,
    state.TRAIN_SEED: 0,
    A.model: "softmax",
    A.optimizer: "adam",
    A.learning_rate: 0.03,
    state.TRAIN_BATCH: 32,
    state.TRAIN_EPOCHS: 60,
    state.TRAIN_INIT_SCALE: 1.0,
}
TRAINING_PRESETS: tuple[TrainingPreset, ...] = (
    TrainingPreset(
        "seed",
        "Seed script",
        "The network of the seed script (Cross_Entropy_Single.py, the short example from "
        "the study note this app grew from): 5 inputs → 10 ReLU → 3 softmax, Adam, 10 "
        "random samples.",
        values=SEED_SETUP,
        b_values={},
    ),
    TrainingPreset(
        "mse",
        "Cross-entropy vs MSE",
        "The same network, started confidently wrong (initial weights ×10), trained by SGD "
        "on the same moons: once on cross-entropy, once on MSE; the chart shows both runs' "
        "cross-entropy. Look for: cross-entropy recovers within a few epochs; MSE stays "
        "stuck far above log K, because its gradient vanishes on confidently wrong samples.",
        values={
            **MOONS,
            A.loss: "cross_entropy",
            A.optimizer: "sgd",
            A.momentum: 0.9,
            A.learning_rate: 0.1,
            state.TRAIN_INIT_SCALE: 10.0,
            state.TRAIN_LOSS_VIEW: "cross_entropy",
            state.TRAIN_COMPARE: True,
        },
        b_values={B.loss: "mse"},
    ),
    TrainingPreset(
        "focal",
        "Imbalanced: CE vs focal",
        "20 : 1 imbalanced, overlapping blobs: cross-entropy against focal loss (γ = 2).",
        values={**IMBALANCED, A.loss: "cross_entropy", state.TRAIN_COMPARE: True},
        b_values={B.loss: "focal", B.gamma: 2.0},
    ),
    TrainingPreset(
        "weighted",
        "Imbalanced: CE vs weighted",
        "20 : 1 imbalanced, overlapping blobs: cross-entropy against class-weighted cross-entropy.",
        values={**IMBALANCED, A.loss: "cross_entropy", state.TRAIN_COMPARE: True},
        b_values={B.loss: "weighted"},
    ),
    TrainingPreset(
        "lr",
        "Learning rate too high",
        "SGD with momentum on the moons at learning rate 0.03 and at 1: the large steps "
        "overshoot, and the loss bounces instead of settling.",
        values={
            **MOONS,
            A.loss: "cross_entropy",
            A.optimizer: "sgd",
            A.momentum: 0.9,
            A.learning_rate: 0.03,
            state.TRAIN_COMPARE: True,
        },
        b_values={B.learning_rate: 1.0},
    ),
)


def apply_training(name: str) -> None:
    """Button callback: set up a training experiment."""
    preset = next(p for p in TRAINING_PRESETS if p.name == name)
    for param, value in preset.values.items():
        param.set(value)
    if preset.b_values:
        for a_param, b_param in zip(A.params, B.params, strict=True):
            b_param.set(a_param.get())
        for param, value in preset.b_values.items():
            param.set(value)

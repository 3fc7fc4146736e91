"""Explorer presets and whole-state edits (class count), as plain functions of state.

Each returns the new explorer values by :mod:`xent_ui.state` key; the page applies
them in a callback, before any widget is drawn.
"""

from __future__ import annotations

from typing import Any

from xent_core import cross_entropy, resize_distribution
from xent_ui import state

PRESETS: dict[str, str] = {
    "seed": "Seed example",
    "right": "Confident & right",
    "wrong": "Confident & wrong",
    "uniform": "Uniform",
    "hedged": "Hedged",
}


def preset_help(name: str, unit: str) -> str:
    """A preset's tooltip, its numbers in ``unit`` ("nats" or "bits")."""
    base = 2 if unit == "bits" else None
    log = "log₂" if unit == "bits" else "ln"
    if name == "seed":
        seed = float(cross_entropy([1.0, 0.0, 0.0], state.SEED_Q, base=base))
        return (
            "The worked example of the study note this app grew from: q = (0.7, 0.2, 0.1), "
            f"true class A → −{log} 0.7 = {seed:.4f} {unit}."
        )
    return {
        "right": "95 % on the true class: a small loss.",
        "wrong": "2 % on the true class and almost all the rest on one wrong class: the loss "
        "explodes.",
        "uniform": f"Every class equally likely: the loss is {log} K, the 'know-nothing' baseline.",
        "hedged": "60 % on the true class, the rest spread: a moderate loss.",
    }[name]


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


def preset(name: str, *, k: int, label: int) -> dict[str, Any]:
    """The explorer values a preset sets (the seed example resets everything)."""
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


def resize(
    k: int, *, q: list[float], p: list[float], names: list[str], label: int
) -> dict[str, Any]:
    """Grow or shrink every per-class value to ``k`` classes."""
    old = len(q)
    new_names = (
        list(names[:k])
        + [n for n in state.default_names(state.MAX_CLASSES) if n not in names][: max(0, k - old)]
    )
    return {
        state.Q.key: resize_distribution(q, k).tolist(),
        state.P_SOFT.key: resize_distribution(p, k).tolist(),
        state.NAMES.key: new_names,
        state.LABEL.key: label if label < k else 0,
    }

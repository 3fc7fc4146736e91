"""Whole-state edits of the explorer's classes, as plain functions of state.

Each returns (or sets) the explorer's values by :mod:`xent_ui.state` key; pages apply them
in a callback, before any widget is drawn. Presets live in :mod:`xent_ui.presets`.
"""

from __future__ import annotations

from typing import Any

from xent_core import resize_distribution
from xent_ui import state

THREE = 3  # the simplex page's classes


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


def three_class_view() -> dict[str, Any]:
    """The explorer's state seen with three classes (as it is when it already has three)."""
    q = state.Q.get()
    current = {
        state.Q.key: q,
        state.P_SOFT.key: state.P_SOFT.get(),
        state.NAMES.key: state.NAMES.get(),
        state.LABEL.key: state.LABEL.get(),
    }
    if len(q) == THREE:
        return current
    return resize(
        THREE, q=q, p=state.P_SOFT.get(), names=state.NAMES.get(), label=state.LABEL.get()
    )


def as_three_classes() -> None:
    """Before a change made on the simplex page, give the explorer its three classes."""
    if len(state.Q.get()) != THREE:
        state.set_values(three_class_view())

"""The drag bars in forecast mode: a distribution over the outcomes, no truth shown.

Students set their forecast q with them, and the lecturer the hidden p: the same touch and
keyboard bars as the explorer (``role="slider"``, ``aria-label`` = the outcome's name),
without a true class, the readouts or the p panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xent_ui.components import BarsValue, probability_bars


def forecast_bars(
    *,
    key: str,
    names: Sequence[str],
    q: Sequence[float],
    unit: str,
    on_change: Callable[[BarsValue], None],
    on_error: Callable[[str], None],
    title: str | None = None,
) -> None:
    """Mount the bars for a distribution ``q`` over ``names``; ``on_change`` on release;
    ``title`` heads them (the component's default: "Your forecast q")."""
    probability_bars(
        key=key,
        names=names,
        q=q,
        p=q,
        label=0,
        soft=False,
        epsilon=0.0,
        unit=unit,
        on_change=on_change,
        on_error=on_error,
        forecast=True,
        title=title,
    )

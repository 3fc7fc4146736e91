"""The figure of the classroom page's quiz cards (pages/classroom.py): a prediction
as bars, the true class in green, with no loss shown.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .base import BAR, TRUE, _figure, _layout, safe_label


def quiz_prediction_figure(
    names: Sequence[str], q: Sequence[float], label: int, *, title: str
) -> go.Figure:
    """A quiz's prediction as bars, the true class in green, with no loss shown."""
    colors = [TRUE if i == label else BAR for i in range(len(q))]
    return _figure(
        [
            {
                "type": "bar",
                "x": [safe_label(n) for n in names],
                "y": list(q),
                "marker": {"color": colors},
                "text": [f"{v:.2f}" for v in q],
                "textposition": "outside",
                "cliponaxis": False,
                "hoverinfo": "skip",
            }
        ],
        _layout(
            height=200,
            title=f"Prediction {safe_label(title)}",
            yaxis={"range": [0, 1.15], "title": {"text": "probability"}},
        ),
    )

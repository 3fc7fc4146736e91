"""Presenter mode scales every figure's type: axes, legend and the title alike."""

from __future__ import annotations

from xent_ui import charts
from xent_ui.charts.learn import Line, lesson_lines


def test_presenter_scale_reaches_the_title_too() -> None:
    def sizes(factor: float) -> tuple[int, int, int]:
        with charts.scaled(factor):
            fig = lesson_lines([0, 1], [Line("a", [0, 1])], x_title="x", y_title="y", title="T")
        layout = fig.layout
        return layout.font.size, layout.title.font.size, layout.xaxis.title.font.size

    font, title, _ = sizes(1.0)
    # 14 px type and a 15 px title at 1×; 1.4× each on the projector (rounded).
    assert (font, title) == (14, 15)
    assert sizes(1.4) == (round(14 * 1.4), round(15 * 1.4), round(14 * 1.4))

"""Every page runs under AppTest without an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "pages/explorer.py",
    "pages/learn.py",
    "pages/curves.py",
    "pages/logits.py",
    "pages/simplex.py",
    "pages/data.py",
    "pages/text.py",
    "pages/training.py",
    "pages/classroom.py",
    "pages/game.py",
]


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    at = app().run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


# The explorer's small charts are drawn by its drag widget, not plotly; the Learn page's
# list has none (its lessons' charts are built with checks on in tests/ui/test_learn_*.py);
# the class game draws its one chart after a draw (tests/ui/test_game.py).
@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if p not in ("pages/explorer.py", "pages/learn.py", "pages/game.py")],
)
def test_charts_are_the_same_without_plotly_checks(page: str, monkeypatch) -> None:
    """The app skips plotly's per-property checks (charts.VALIDATE); the figures it sends
    are the ones the checked build produces, on every page."""
    from xent_ui import charts

    def specs(validate: bool) -> list[dict]:
        monkeypatch.setattr(charts, "VALIDATE", validate)
        at = app().run()
        if page != PAGES[0]:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]

    checked = specs(True)
    assert checked, f"{page} shows at least one chart"
    assert specs(False) == checked

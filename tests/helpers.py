"""Helpers shared by the AppTest suites."""

from __future__ import annotations

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

CORE_HEADER = "| Measure | Formula | Value | Unit |"


def markdown_rows(body: str) -> list[list[str]]:
    """The body rows of a markdown table, cells stripped (header and alignment dropped)."""
    lines = [line.strip() for line in body.strip().splitlines()]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def core_values(at: AppTest) -> dict[str, str]:
    """Measure → displayed value, from the table of xent_core's numbers (layout.core_values)."""
    tables = [m.value for m in at.markdown if m.value.startswith(CORE_HEADER)]
    assert len(tables) == 1, f"expected one table of core values, found {len(tables)}"
    return {row[0]: row[2] for row in markdown_rows(tables[0])}


def component_data(at: AppTest, key: str) -> dict:
    """The ``data`` a page sent to the drag widget mounted with ``key`` (strict JSON)."""

    def no_constants(name: str) -> None:
        raise AssertionError(f"the widget's data holds {name}, which is not JSON")

    found = [c for c in at.get("bidi_component") if c.proto.id.endswith(f"-{key}")]
    assert len(found) == 1, f"expected one widget with key {key}, found {len(found)}"
    return json.loads(found[0].proto.json, parse_constant=no_constants)


def require_nginx() -> None:
    """Skip without nginx, except under CI=true, where .ci/run installs it."""
    from deploy.replicas import NGINX_MISSING, nginx_path

    if nginx_path() is not None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(NGINX_MISSING)
    pytest.skip(NGINX_MISSING)


# --- the Learn page ----------------------------------------------------------------------


def open_lesson(slug: str, query: dict | None = None) -> AppTest:
    """The Learn page at ``?lesson=slug`` (plus ``query``), run once."""
    from pathlib import Path

    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=30)
    at.query_params["lesson"] = slug
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/learn.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click(at: AppTest, label: str) -> AppTest:
    """Press the one button (or form submit button) labelled ``label`` and rerun."""
    found = [b for b in at.button if b.label == label]
    assert len(found) == 1, f"expected one button {label!r}, found {len(found)}"
    found[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def commit_guess(at: AppTest, slug: str, value: float | str) -> AppTest:
    """Predict first: enter ``value`` (a number in the unit on show, or a choice's label)."""
    key = f"learn.{slug}.guess"
    if isinstance(value, str):
        at.radio(key=key).set_value(value)
    else:
        at.number_input(key=key).set_value(value)
    return click(at, "Commit my guess")


def answer_check(at: AppTest, slug: str, value: float | str) -> AppTest:
    """Check yourself: enter ``value`` and press Check."""
    key = f"learn.{slug}.check"
    if isinstance(value, str):
        at.radio(key=key).set_value(value)
    else:
        at.number_input(key=key).set_value(value)
    return click(at, "Check")


def goals_ticked(at: AppTest) -> list[bool]:
    """The lesson's "Try this" goals in order: ticked or not."""
    from xent_ui.learn.frame import DONE_MARK, NOT_YET_MARK

    marks = [m.value for m in at.markdown if m.value.startswith((DONE_MARK, NOT_YET_MARK))]
    assert marks, "the lesson shows no goals"
    return [m.startswith(DONE_MARK) for m in marks]

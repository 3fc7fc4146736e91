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

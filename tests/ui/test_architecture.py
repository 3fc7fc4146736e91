"""The shape of the code that the architecture document promises (docs/ARCHITECTURE.md).

These are checks on the source, so that a later change cannot quietly undo them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from xent_ui import state

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_pages_never_touch_session_state(path: Path) -> None:
    """Every key lives in xent_ui.state: a page reads and writes through its entries."""
    source = path.read_text()
    assert "session_state" not in source, f"{path.name} uses st.session_state"


def test_ui_modules_never_index_session_state_with_a_string() -> None:
    """Outside xent_ui.state, no ``st.session_state["…"]`` or ``.get("…")`` with a literal."""
    literal = re.compile(r"session_state(\[|\.get\(|\.pop\(|\.setdefault\()\s*[\"']")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "xent_ui").rglob("*.py")
        if "state" not in path.relative_to(ROOT / "xent_ui").parts[:1]
        and literal.search(path.read_text())
    ]
    assert offenders == []


def test_every_registry_key_is_unique() -> None:
    entries = [
        value
        for value in vars(state).values()
        if isinstance(value, state.Param | state.SessionKey | state.Widget)
    ]
    keys = [e.key for e in entries]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len(entries) > 60


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_each_page_declares_its_link_once(path: Path) -> None:
    """A page writes its link from its one declaration in the registry (state.*_URL)."""
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "write_url"
    ]
    assert calls, f"{path.name} never writes its link"
    for call in calls:
        (arg,) = call.args
        assert isinstance(arg, ast.Attribute) and arg.attr.endswith("_URL"), ast.unparse(call)
        assert isinstance(getattr(state, arg.attr), tuple)


@pytest.mark.parametrize("css", ["bars.css", "simplex.css", "surprise_text.css"])
def test_css_colours_come_from_the_one_palette(css: str) -> None:
    """Every --xent-* colour in the widgets' CSS is the palette's (xent_ui.charts.PALETTE)."""
    from xent_ui import charts

    text = (ROOT / "xent_ui" / "components" / css).read_text()
    declared = dict(re.findall(r"--xent-([a-z]+):\s*(#[0-9a-fA-F]{6});", text))
    assert declared, f"{css} declares no palette colour"
    assert declared == {name: charts.PALETTE[name] for name in declared}


PAGE_LINE_LIMIT = 300


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_pages_stay_short(path: Path) -> None:
    """A page is wiring and prose; a section that grows moves to xent_ui/views/."""
    lines = len(path.read_text().splitlines())
    assert lines <= PAGE_LINE_LIMIT, f"{path.name} has {lines} lines; move a section to views/"

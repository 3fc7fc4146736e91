"""deploy/warm.py opens every page of the app: its list is read from app.py's navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy import warm

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_of_the_app_is_warmed() -> None:
    pages = warm.app_pages()
    stems = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
    # One name per page file; the default page (the explorer) is opened at "/".
    assert sorted("explorer" if p == "" else p for p in pages) == stems
    assert pages.count("") == 1 and pages[0] == ""


def test_an_app_without_pages_is_an_error(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\n", encoding="utf-8")
    with pytest.raises(warm.WarmError, match="has no PAGES"):
        warm.app_pages(app)

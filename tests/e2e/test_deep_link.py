"""A shared link to a page works even as the first visit after the server starts.

Streamlit runs a ``pages/`` script on its own (no app.py: no sidebar, no URL state) when a
fresh server's first session opens a page's URL; xent_ui.shell reroutes it through app.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_page
from tests.e2e.server import running_app

pytestmark = pytest.mark.e2e


def test_first_visit_on_a_fresh_server_is_a_deep_link(page: Page, tmp_path: Path) -> None:
    with running_app("app.py", tmp_path / "streamlit.log") as url:
        open_page(page, f"{url}/logits?t=0.5&z=1,2,3&unit=bits")
        expect(page.locator("h1").first).to_have_text("Logits & temperature")
        sidebar = page.locator("[data-testid='stSidebar']")
        # app.py ran: its navigation titles and the unit control, set from the link.
        expect(sidebar.get_by_role("link", name="Confidence curves")).to_be_visible()
        expect(sidebar.get_by_role("radio", name="bits")).to_be_checked()
        expect(page.get_by_role("slider", name="Logit of A")).to_have_attribute(
            "aria-valuenow", "1"
        )
        expect(page).to_have_url(re.compile(r"/logits\?.*t=0\.5"))
        assert_no_exception(page)

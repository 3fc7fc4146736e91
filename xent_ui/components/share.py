"""The share panel: the current view's link and QR code, drawn and kept current in the browser.

The link is the page's own address (every page writes its state to the URL after every
run, fragment reruns included); the browser redraws the link and the code whenever the
address changes, so they never lag behind the view. No user text reaches the component's
code: it reads the address at run time and inserts it with ``textContent``.
"""

from __future__ import annotations

import streamlit as st

from xent_ui.components.gesture import read_asset

_SHARE = st.components.v2.component(
    "xent_share",
    html=read_asset("share.html"),
    css=read_asset("share.css"),
    js=read_asset("vendor/qrcode.js") + "\n" + read_asset("share.js"),
)


def share_link(*, key: str = "share.link", path: str | None = None) -> None:
    """Mount the share panel: the link and QR code of the address on screen, or of
    ``path`` (e.g. "/game?room=CODE", resolved on the page's origin) when given."""
    if path is not None and not path.startswith("/"):
        raise ValueError(f"path must start with '/', got {path!r}")
    _SHARE(key=key, data={"path": path})

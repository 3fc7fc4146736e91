"""Warm a replica before students reach it: run every page once, as a browser tab would.

    python -m deploy.warm http://127.0.0.1:8501      # exit 0 once every page ran cleanly

A fresh Streamlit process does its slowest work on the first session that opens each page:
it imports the app's modules (plotly; pandas, which Streamlit loads when a component is
first mounted; the core), compiles each page and registers its components. Measured with
bench/room_opens.py on this 2-core machine, the first explorer run of a fresh replica took
4 s, and the tabs that landed on a replica nobody had opened yet waited 8–10 s. A lecture
hall opening the QR link at once must not pay that, so deploy/replicas.py warms every
replica before nginx takes traffic, and the container recipe runs this module as the
startup probe (deploy/kubernetes/deployment.yaml).

Each page is opened over Streamlit's own websocket (``/_stcore/stream``, a ``BackMsg``
asking for the page) and read until the run finishes; an exception on the page, a compile
error or a timeout is a failure. Loopback or the pod's own address only: it is a probe,
not a load driver.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

APP = Path(__file__).resolve().parents[1] / "app.py"
TIMEOUT = 60.0
_DONE = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


class WarmError(RuntimeError):
    """A page did not run cleanly while warming."""


def stream(url: str, timeout: float = TIMEOUT) -> websockets.asyncio.client.connect:
    """A tab's websocket to the app at ``url`` (``/_stcore/stream``), as the page opens it."""
    parts = urlsplit(url)
    return websockets.connect(
        f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream",
        subprotocols=["streamlit"],
        origin=f"{parts.scheme}://{parts.netloc}",
        max_size=None,
        open_timeout=timeout,
    )


async def _open(url: str, page: str) -> float:
    start = time.monotonic()
    async with stream(url) as ws:
        msg = BackMsg()
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT))
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                if element.WhichOneof("type") == "exception":
                    raise WarmError(f"page {page or '/'}: {element.exception.message[:200]}")
            elif kind == "script_finished":
                if fwd.script_finished in _DONE:
                    return time.monotonic() - start
                if (
                    fwd.script_finished
                    == ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR
                ):
                    raise WarmError(f"page {page or '/'}: compile error")


def app_pages(app: Path = APP) -> tuple[str, ...]:
    """Every page's URL name, read from app.py's ``PAGES`` (without importing it): the
    file's stem, "" for the default page (the explorer, at /)."""
    for node in ast.parse(app.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets
        ):
            entries = ast.literal_eval(node.value)
            return tuple("" if default else Path(path).stem for path, _, _, default in entries)
    raise WarmError(f"{app} has no PAGES")


def warm(url: str, pages: tuple[str, ...] | None = None) -> dict[str, float]:
    """Open each page of the app at ``url`` once (default: all of ``app_pages()``), in
    turn; seconds each took. Raises ``WarmError`` (a page failed), ``OSError`` or
    ``TimeoutError`` (no server)."""
    pages = app_pages() if pages is None else pages

    async def every() -> dict[str, float]:
        return {page: await _open(url, page) for page in pages}

    return asyncio.run(every())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the replica, e.g. http://127.0.0.1:8501")
    args = parser.parse_args()
    try:
        took = warm(args.url)
    except (WarmError, OSError, TimeoutError, websockets.WebSocketException) as err:
        print(f"not warm: {err}", file=sys.stderr)
        sys.exit(1)
    print("warm: " + ", ".join(f"{p or '/'} {s * 1000:.0f} ms" for p, s in took.items()))


if __name__ == "__main__":
    main()

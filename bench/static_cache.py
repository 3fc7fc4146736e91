"""What a phone downloads when it opens a page, and when it comes back (issue 20, goal 2).
Run by hand from the repo root:

    uv run python -m bench.static_cache [--replicas 2] [--path /] [--path /learn]

Starts, in the same run, a bare ``streamlit run app.py`` (no proxy: Streamlit's own
caching headers, no compression of its static files) and the replica set of
deploy/replicas.py (nginx serves Streamlit's static files itself: gzipped, cached for a
year as ``immutable``). In headless Chromium with a phone's viewport it opens each page
twice in one browser context: the first visit with an empty cache, then, in a new tab,
the second visit (a phone coming back to the link) with what the first left in the cache.
For each visit, from Chromium's DevTools protocol (the Network domain):

* the HTTP requests that went to the network, and the bytes they took (headers and body
  as transferred: ``encodedDataLength``), of them those for ``/static/``;
* the requests the cache answered without asking the server;
* the bytes the page's websocket received: the app's run itself, not static files, shown
  for scale;
* the seconds from navigation to the first run drawn (on loopback: the browser's and the
  server's CPU, not the network) and the CPU seconds the Streamlit processes used meanwhile
  (the page's run, and the static files when Streamlit serves them).

Prints a markdown table, and the requests of each second visit that still went to the
network.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from bench.classroom_load import _proc, free_port, wait_healthy
from deploy import replicas
from tests.e2e.conftest import CHROMIUM_ARGS, PHONE, find_chromium
from tests.e2e.helpers import wait_drawn
from tests.e2e.server import game_db_env


@dataclass
class Visit:
    """What one page load moved over the network."""

    network: int = 0  # HTTP requests answered by the server (200, 304, ...)
    bytes: int = 0  # ... and the bytes they transferred
    static_bytes: int = 0  # of which for /static/ (Streamlit's hashed files)
    revalidated: int = 0  # 304 Not Modified: asked, nothing new
    cached: int = 0  # answered by the browser's cache without asking
    websocket: int = 0  # bytes the page's websocket received
    seconds: float = 0.0  # navigation to the page's first run drawn
    server_cpu: float = 0.0  # CPU seconds the Streamlit processes used meanwhile
    urls: list[str] = field(default_factory=list)  # what went to the network


@dataclass
class _Request:
    url: str
    status: int = 0  # as Network.responseReceived reports it
    wire_status: int | None = None  # the status line that came over the network
    from_cache: bool = False
    bytes: int = 0
    done: bool = False


class Recorder:
    """Counts a tab's traffic from Chromium's DevTools protocol events (Network domain).

    ``attach`` subscribes a CDP session's events; ``visit`` sums them up. A request the
    browser's cache answered (memory or disk) is ``cached``; one that went to the server
    and finished counts its ``encodedDataLength`` (the bytes received for it, headers
    included); one that failed or was cancelled counts for nothing."""

    EVENTS: ClassVar[dict[str, str]] = {
        "Network.requestWillBeSent": "will_send",
        "Network.responseReceived": "response",
        "Network.responseReceivedExtraInfo": "raw_response",
        "Network.requestServedFromCache": "served_from_cache",
        "Network.loadingFinished": "finished",
        "Network.webSocketFrameReceived": "frame",
    }

    def __init__(self) -> None:
        self.requests: dict[str, _Request] = {}
        self.wire_status: dict[str, int] = {}
        self.ws_bytes = 0

    def attach(self, cdp) -> None:
        for event, method in self.EVENTS.items():
            cdp.on(event, getattr(self, method))
        cdp.send("Network.enable")

    def will_send(self, e: dict) -> None:
        if e["request"]["url"].startswith(("http:", "https:")):
            self.requests.setdefault(e["requestId"], _Request(e["request"]["url"]))

    def response(self, e: dict) -> None:
        if (r := self.requests.get(e["requestId"])) is not None:
            res = e["response"]
            r.status = res.get("status", 0)
            r.from_cache |= bool(
                res.get("fromDiskCache") or res.get("fromPrefetchCache")
                or res.get("fromServiceWorker") or res.get("fromEarlyHints")
            )  # fmt: skip

    def raw_response(self, e: dict) -> None:
        # A revalidated response is a 304 here and a 200 (the cache's copy) in
        # Network.responseReceived.
        self.wire_status[e["requestId"]] = int(e.get("statusCode", 0))

    def served_from_cache(self, e: dict) -> None:
        if (r := self.requests.get(e["requestId"])) is not None:
            r.from_cache = True

    def finished(self, e: dict) -> None:
        if (r := self.requests.get(e["requestId"])) is not None:
            r.bytes, r.done = int(e.get("encodedDataLength", 0)), True

    def frame(self, e: dict) -> None:
        res = e["response"]
        payload = res.get("payloadData", "")
        # Binary frames (opcode 2, Streamlit's protobuf messages) arrive base64-encoded.
        self.ws_bytes += len(base64.b64decode(payload)) if res.get("opcode") == 2 else len(payload)

    def visit(self, seconds: float = 0.0) -> Visit:
        out = Visit(websocket=self.ws_bytes, seconds=seconds)
        for request_id, r in self.requests.items():
            if r.from_cache:
                out.cached += 1
                continue
            if not r.done:
                continue  # failed or cancelled: nothing received
            status = self.wire_status.get(request_id, r.status)
            path = urlsplit(r.url).path
            out.network += 1
            out.bytes += r.bytes
            if path.startswith("/static/"):
                out.static_bytes += r.bytes
            out.revalidated += status == 304
            out.urls.append(f"{status} {path} ({r.bytes} B)")
        return out


def _cpu(pids: list[int]) -> float:
    return sum(_proc(pid)[0] for pid in pids)


def visit(context: BrowserContext, url: str, pids: list[int] = ()) -> Visit:
    """Open ``url`` in a new tab of ``context``, wait until its first run is drawn and the
    network is quiet, and count what moved (and the CPU time of the server processes
    ``pids`` meanwhile)."""
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(context.new_cdp_session(page))
    cpu = _cpu(pids)
    start = time.perf_counter()
    page.goto(url)
    wait_drawn(page)  # script idle, charts drawn, fonts loaded
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the last DevTools events
    page.close()
    out = recorder.visit(seconds)
    out.server_cpu = _cpu(pids) - cpu
    return out


def first_and_second(browser: Browser, url: str, pids: list[int] = ()) -> tuple[Visit, Visit]:
    """Two visits in one fresh browser context (one phone, its cache empty at first)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        return visit(context, url, pids), visit(context, url, pids)
    finally:
        context.close()


@contextlib.contextmanager
def bare_streamlit(run_dir: Path, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """One replica as deploy/replicas.py starts it, without nginx in front: its URL and
    process id."""
    port = free_port()
    proc = replicas.start_replica(port, "bench-static-cache", run_dir / "bare.log", env)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB"


def table(rows: list[tuple[str, str, Visit, Visit]]) -> str:
    lines = [
        "| set-up | page | visit | requests to the network (304) | bytes transferred "
        "| of which /static/ | from cache | websocket received | drawn after | Streamlit CPU |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for setup, path, first, second in rows:
        for name, v in (("first", first), ("second", second)):
            lines.append(
                f"| {setup} | `{path}` | {name} | {v.network} ({v.revalidated}) | {kb(v.bytes)} "
                f"| {kb(v.static_bytes)} | {v.cached} | {kb(v.websocket)} "
                f"| {v.seconds:.2f} s | {v.server_cpu:.2f} s |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument(
        "--path", action="append", help="page to open (repeatable); default / (the explorer)"
    )
    parser.add_argument("--rounds", type=int, default=1, help="fresh phones per page and set-up")
    args = parser.parse_args()
    paths = args.path or ["/"]

    run_dir = Path(tempfile.mkdtemp(prefix="xent-static-cache-"))
    env = game_db_env(run_dir / "game.sqlite3")
    rows: list[tuple[str, str, Visit, Visit]] = []
    with (
        bare_streamlit(run_dir, env) as (bare_url, bare_pid),
        replicas.cluster(args.replicas, free_port(), run_dir, env=env) as (nginx_url, procs),
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        # Warm both servers (first imports, first runs) before anything is counted.
        first_and_second(browser, bare_url + paths[0])
        first_and_second(browser, nginx_url + paths[0])
        setups = [
            ("bare Streamlit (1 process)", bare_url, [bare_pid]),
            (f"{args.replicas} replicas + nginx", nginx_url, [p.pid for p in procs]),
        ]
        for path in paths:
            for setup, base, pids in setups:
                runs = [first_and_second(browser, base + path, pids) for _ in range(args.rounds)]
                # Byte counts vary by a few hundred bytes (cookies, the run's messages):
                # the round with the median first visit stands for them.
                runs.sort(key=lambda fs: fs[0].bytes)
                first, second = runs[len(runs) // 2]
                if args.rounds > 1:
                    for i, visit_ in enumerate((first, second)):
                        visit_.seconds = statistics.median(r[i].seconds for r in runs)
                        visit_.server_cpu = statistics.median(r[i].server_cpu for r in runs)
                rows.append((setup, path, first, second))
        browser.close()

    print(
        f"# static files and the browser cache, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{platform.platform()}, headless Chromium, phone viewport, loopback\n"
    )
    print(table(rows))
    for setup, path, _, second in rows:
        print(f"\nsecond visit of `{path}`, {setup}: what still went to the network")
        for line in second.urls:
            print(f"  {line}")


if __name__ == "__main__":
    main()

"""Classroom load: N concurrent sessions speaking Streamlit's own websocket protocol (issue 10).

    uv run python -m bench.classroom_load [--sessions 60] [--seconds 60] [--page explorer]
    uv run python -m bench.classroom_load --url http://127.0.0.1:8080 --pid 1234 --pid 1235

Without ``--url`` it starts its own server (``streamlit run app.py`` on a free loopback
port) and samples that process. Each session does what a browser tab does: opens the
websocket ``/_stcore/stream``, sends a ``BackMsg`` asking for the page (with its query
string), reads the ``ForwardMsg`` stream, learns the ids of the widgets from the deltas,
then about once a second sends a new widget value as the browser would (the drag
widget's gesture on the explorer, a native control elsewhere, with the fragment id when
the widget sits in an ``st.fragment``) and times the rerun until ``script_finished``.

Reported: rerun latency p50/p95/p99, errors (connection failures, timeouts, exception
elements, compile errors), and the server's CPU and resident memory every few seconds,
with the memory slope after warm-up. Loopback only, bounded in sessions and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
MAX_SESSIONS = 200
MAX_SECONDS = 600
TIMEOUT = 15.0  # a rerun that takes longer than this counts as an error
FINISHED_OK = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


# ---------------------------------------------------------------- what a session changes


@dataclass
class Widget:
    id: str
    fragment_id: str = ""


def _explorer_top(i: int) -> float:
    return round(0.05 + 0.9 * ((i * 0.37) % 1.0), 3)


def _explorer_gesture(i: int) -> WidgetState:
    """The drag widget's release: q for three classes, true class A (as bars.js sends it)."""
    top = _explorer_top(i)
    q = [top, (1 - top) * 0.6, (1 - top) * 0.4]
    return WidgetState(json_value=json.dumps({"gesture": {"q": q, "label": 0, "seq": i + 1}}))


def _holding(state: WidgetState, curve: str | None) -> WidgetState:
    """A drag widget's gesture names the loss curve the widget holds, as bars.js's commit
    does (the server then leaves it out of its answer when it has not changed)."""
    if curve is None or not state.json_value:
        return state
    payload = json.loads(state.json_value)
    payload["gesture"]["curve"] = curve
    return WidgetState(json_value=json.dumps(payload))


def _explorer_shown(i: int) -> str:
    """The formula's term for the true class: H = −ln q_A (explorer.py, _formula)."""
    return f"\\ln {_explorer_top(i):.3f}"


@dataclass(frozen=True)
class Interaction:
    """The widget a page's learners move most: its element type, key, value i, and a piece
    of text the page shows once value i is applied (to check a reconnected view)."""

    element: str
    key: str
    value: Callable[[int], WidgetState]
    shown: Callable[[int], str]


INTERACTIONS: dict[str, Interaction] = {
    "explorer": Interaction("bidi_component", "explorer.bars", _explorer_gesture, _explorer_shown),
    "curves": Interaction(
        "slider",
        "w:xent.curves.gamma",
        lambda i: WidgetState(double_array_value={"data": [i % 4]}),
        lambda i: f"\\gamma &= {i % 4}",
    ),
}


# ---------------------------------------------------------------- one session


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    finished_at: list[float] = field(default_factory=list)  # seconds into the run, per rerun
    started: float = field(default_factory=time.monotonic)
    errors: dict[str, int] = field(default_factory=dict)
    reruns: int = 0
    connected: int = 0
    # failover: connections the server dropped, and what the sessions saw on reconnecting
    dropped: int = 0
    reconnected: int = 0
    restored: int = 0
    unchecked: int = 0
    gaps_ms: list[float] = field(default_factory=list)
    driver_cpu: float = 0.0  # this driver's own CPU use, in cores (it shares the machine)
    server_cpu_s: float = 0.0  # CPU seconds the sampled server processes used during the run

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


@dataclass
class View:
    """What a tab knows about its page: widget ids, its URL's query, the text it shows."""

    query: str
    widgets: dict[str, Widget] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    sent: int | None = None  # the value last sent to the server
    in_url: int | None = None  # the value the URL holds (the server wrote it back)
    curve: str | None = None  # the loss curve the drag widget holds (its views' curveKey)


def _rerun(query: str, page: str, states: list[WidgetState] = (), fragment: str = "") -> bytes:
    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = query
    cs.page_name = page
    cs.fragment_id = fragment
    for state in states:
        cs.widget_states.widgets.append(state)
    return msg.SerializeToString()


def _note(msg: ForwardMsg, view: View, results: Results) -> None:
    """Take in one message as the browser would: widget ids, URL changes, text, errors."""
    kind = msg.WhichOneof("type")
    if kind == "page_info_changed":
        view.query = msg.page_info_changed.query_string  # the tab's URL follows the app
        view.in_url = view.sent
        return
    if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return
    element = msg.delta.new_element
    etype = element.WhichOneof("type")
    if etype == "exception":
        results.error(f"exception element: {element.exception.message[:80]}")
    elif etype == "markdown":
        view.texts.append(element.markdown.body)
    elif etype == "bidi_component" and element.bidi_component.json:
        data = json.loads(element.bidi_component.json)
        views = data.get("views") if isinstance(data, dict) else None
        if isinstance(views, dict) and "curveKey" in views:
            view.curve = views["curveKey"]
    proto = getattr(element, etype, None) if etype else None
    widget_id = getattr(proto, "id", "") if proto is not None else ""
    if widget_id:
        view.widgets[f"{etype}:{widget_id}"] = Widget(widget_id, msg.delta.fragment_id)


def _find(widgets: dict[str, Widget], interaction: Interaction) -> Widget | None:
    for name, widget in widgets.items():
        kind, _, widget_id = name.partition(":")
        if kind == interaction.element and widget_id.endswith(interaction.key):
            return widget
    return None


async def _run_until_finished(ws, view: View, results: Results) -> bool:
    """Read messages until the script run ends; False on an error (already counted)."""
    view.texts.clear()
    while True:
        raw = await asyncio.wait_for(ws.recv(), TIMEOUT)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "script_finished":
            status = msg.script_finished
            if status in FINISHED_OK:
                return True
            if status == ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR:
                results.error("compile error")
                return False
            continue  # FINISHED_EARLY_FOR_RERUN: a newer request is on its way
        _note(msg, view, results)


async def session(
    n: int, url: str, page: str, query: str, stop_at: float, results: Results, failover: bool
) -> None:
    """One tab: open the page, then change the widget about once a second until ``stop_at``.

    With ``failover`` a dropped connection is what a stopped replica looks like: the tab
    reconnects (as Streamlit's frontend does) with the query string of its URL, and the
    first run on the new server must show the state it had (``restored``).
    """
    parts = urlsplit(url)
    ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
    interaction = INTERACTIONS[page]
    rng = random.Random(n)
    view = View(query)
    i = n
    dropped_at: float | None = None
    await asyncio.sleep(rng.uniform(0, 1.0))  # students do not click in lockstep
    while time.monotonic() < stop_at:
        try:
            async with websockets.connect(
                ws_url,
                subprotocols=["streamlit"],
                origin=f"{parts.scheme}://{parts.netloc}",
                max_size=None,
                open_timeout=TIMEOUT,
            ) as ws:
                results.connected += 1
                view.sent = view.in_url  # opening the page is not a change
                await ws.send(_rerun(view.query, page))
                if not await _run_until_finished(ws, view, results):
                    return
                if dropped_at is not None:
                    results.reconnected += 1
                    results.gaps_ms.append((time.monotonic() - dropped_at) * 1000)
                    # The view must be the one the URL held when the server went away
                    # (a release the dead server never wrote back to the URL is lost).
                    if view.in_url is None:
                        results.unchecked += 1  # dropped before its first change: nothing to see
                    elif any(interaction.shown(view.in_url) in text for text in view.texts):
                        results.restored += 1
                    else:
                        results.error("reconnected but the view was not restored")
                    dropped_at = None
                target = _find(view.widgets, interaction)
                if target is None:
                    results.error(f"no {interaction.element} '{interaction.key}' on the page")
                    return
                while time.monotonic() < stop_at:
                    start = time.monotonic()
                    state = _holding(interaction.value(i), view.curve)
                    state.id = target.id
                    view.sent = i
                    await ws.send(_rerun(view.query, page, [state], target.fragment_id))
                    if await _run_until_finished(ws, view, results):
                        now = time.monotonic()
                        results.latencies_ms.append((now - start) * 1000)
                        results.finished_at.append(now - results.started)
                        results.reruns += 1
                        i += 1
                    # about once a second, whatever the rerun took
                    pause = 1.0 + rng.uniform(-0.2, 0.2) - (time.monotonic() - start)
                    await asyncio.sleep(max(0.0, pause))
                return
        except TimeoutError:
            results.error("timeout")
            return
        except (OSError, websockets.WebSocketException) as err:
            if not failover or (dropped_at is not None and time.monotonic() - dropped_at > 30):
                results.error(f"connection: {type(err).__name__}")
                return
            if dropped_at is None:
                results.dropped += 1
                dropped_at = time.monotonic()
            await asyncio.sleep(0.5 + rng.uniform(0, 0.5))  # then reconnect, as a tab does


# ---------------------------------------------------------------- the server's resources


def _proc(pid: int) -> tuple[float, float]:
    """CPU seconds used and resident MB of ``pid`` (from /proc; Linux)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/status") as f:
        rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), None)
    if rss is None:
        raise ProcessLookupError(pid)  # a zombie: killed, not yet reaped
    return cpu, rss / 1024


async def sample(pids: list[int], every: float, stop_at: float, out: list[tuple]) -> None:
    last = {pid: _proc(pid)[0] for pid in pids}
    t0 = last_t = time.monotonic()
    while time.monotonic() < stop_at:
        await asyncio.sleep(every)
        now = time.monotonic()
        row = [now - t0]
        for pid in pids:
            try:
                cpu, rss = _proc(pid)
            except OSError:  # the process is gone (a failover run stops one)
                row += [float("nan"), float("nan")]
                continue
            row += [100 * (cpu - last[pid]) / (now - last_t), rss]
            last[pid] = cpu
        last_t = now
        out.append(tuple(row))


def _server_cpu(pids: list[int]) -> float:
    """CPU seconds used so far by those of ``pids`` still running."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += _proc(pid)[0]
    return total


def _slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x."""
    xs, ys = zip(*points, strict=True)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


# ---------------------------------------------------------------- a server of our own


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def own_server():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        time.sleep(0.3)
    raise SystemExit(f"no healthy server at {url} after {timeout:.0f} s")


# ---------------------------------------------------------------- the run


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least q % of values at or below."""
    ordered = sorted(values)
    rank = math.ceil(q / 100 * len(ordered))
    return ordered[min(len(ordered), max(1, rank)) - 1]


async def load(
    url: str, pids: list[int], args: argparse.Namespace, *also: Awaitable[None]
) -> tuple[Results, list]:
    """Run the sessions (and ``also``, e.g. stopping a replica midway) for args.seconds."""
    results = Results()
    server0 = _server_cpu(pids)
    cpu0, wall0 = time.process_time(), time.monotonic()
    stop_at = time.monotonic() + args.seconds
    resources: list[tuple] = []
    await asyncio.gather(
        sample(pids, args.every, stop_at + 2, resources),
        *(
            session(n, url, args.page, args.query, stop_at, results, args.failover)
            for n in range(args.sessions)
        ),
        *also,
    )
    results.driver_cpu = (time.process_time() - cpu0) / (time.monotonic() - wall0)
    results.server_cpu_s = _server_cpu(pids) - server0
    return results, resources


def report(results: Results, resources: list, pids: list[int], args: argparse.Namespace) -> dict:
    lat = results.latencies_ms
    print(f"{time.strftime('%Y-%m-%d %H:%M')} {platform.platform()} {os.cpu_count()} CPUs")
    where = args.url or "own server"
    print(f"{args.sessions} sessions × {args.seconds:.0f} s on '{args.page}' ({where})")
    errors = sum(results.errors.values())
    print(f"connected {results.connected}, reruns {results.reruns}, errors {errors}")
    print(f"the load driver itself used {100 * results.driver_cpu:.0f}% of a core")
    for kind, count in results.errors.items():
        print(f"  {count} × {kind}")
    summary = {
        "sessions": args.sessions,
        "reruns": results.reruns,
        "errors": results.errors,
        "driver_cpu_cores": results.driver_cpu,
        "server_cpu_s": results.server_cpu_s,
    }
    if results.dropped:
        gaps = results.gaps_ms
        print(
            f"failover: {results.dropped} sessions lost their server, {results.reconnected} "
            f"reconnected, {results.restored} showed the same view again"
            + (f" ({results.unchecked} had not changed anything yet)" if results.unchecked else "")
            + (f"; reconnect gap median {statistics.median(gaps):.0f} ms, max {max(gaps):.0f} ms"
               if gaps else "")
        )  # fmt: skip
        summary.update(dropped=results.dropped, reconnected=results.reconnected,
                       restored=results.restored)  # fmt: skip
    steady = [ms for ms, t in zip(lat, results.finished_at, strict=True) if t >= args.warmup]
    for name, values in (("all reruns", lat), (f"after {args.warmup:.0f} s warm-up", steady)):
        if values:
            p50, p95, p99 = (percentile(values, q) for q in (50, 95, 99))
            print(
                f"rerun latency ms, {name} (n={len(values)}): p50 {p50:.0f}  p95 {p95:.0f}  "
                f"p99 {p99:.0f}  max {max(values):.0f}"
            )
    if steady:
        summary.update({f"p{q}": percentile(steady, q) for q in (50, 95, 99)})
    if resources:
        print("t (s) | " + " | ".join(f"pid {pid} CPU % | RSS MB" for pid in pids))
        for row in resources[:: max(1, round(5 / args.every))]:
            print(f"{row[0]:5.0f} | " + " | ".join(f"{v:6.1f}" for v in row[1:]))
        warm = [r for r in resources if r[0] >= args.warmup]
        steady_reruns = len(steady)
        if warm and steady_reruns:
            # What one rerun costs the servers, whatever the neighbours' load did to latency.
            seconds = sum(
                v * args.every / 100 for r in warm for v in r[1::2] if v == v
            )  # CPU % per interval, every pid
            per_rerun = 1000 * seconds / steady_reruns
            print(
                f"server CPU after warm-up: {100 * seconds / (len(warm) * args.every):.0f}% "
                f"of a core, {per_rerun:.1f} ms per rerun"
            )
            summary["server_cpu_ms_per_rerun"] = per_rerun
        for j, pid in enumerate(pids):
            pts = [(r[0], r[2 + 2 * j]) for r in warm if r[2 + 2 * j] == r[2 + 2 * j]]
            if len(pts) >= 3:
                per_min = _slope(pts) * 60
                print(
                    f"pid {pid}: RSS after {args.warmup:.0f} s warm-up {pts[0][1]:.0f} → "
                    f"{pts[-1][1]:.0f} MB, slope {per_min:+.1f} MB/min "
                    f"({1024 * per_min / args.sessions:+.1f} KB per session-minute)"
                )
                summary[f"rss_slope_mb_per_min_{pid}"] = per_min
    return summary


def arguments(parser: argparse.ArgumentParser) -> None:
    """The load's options (shared with deploy/replicas.py)."""
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--page", choices=sorted(INTERACTIONS), default="explorer")
    parser.add_argument("--query", default="", help="query string each session opens with")
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="server pid to sample")
    parser.add_argument("--every", type=float, default=1.0, help="resource sample interval, s")
    parser.add_argument("--warmup", type=float, default=15.0, help="s before memory slope")
    parser.add_argument("--json", help="also write the summary here")
    parser.add_argument(
        "--failover", action="store_true", help="a dropped connection reconnects, as a tab does"
    )


def check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not 1 <= args.sessions <= MAX_SESSIONS or not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"sessions 1..{MAX_SESSIONS}, seconds 1..{MAX_SECONDS}")
    if args.url and urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only")


def finish(results: Results, resources: list, pids: list[int], args: argparse.Namespace) -> None:
    summary = report(results, resources, pids, args)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    if sum(results.errors.values()) or not results.reruns:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    args = parser.parse_args()
    check(parser, args)
    with contextlib.ExitStack() as stack:
        url, pids = args.url, list(args.pid)
        if url is None:
            url, pid = stack.enter_context(own_server())
            pids = [pid]
        results, resources = asyncio.run(load(url, pids, args))
    finish(results, resources, pids, args)


if __name__ == "__main__":
    main()

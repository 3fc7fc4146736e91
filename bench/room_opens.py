"""A room that opens at once (issue 20, goal 2): a class scans the QR code on the projector,
and N tabs open the same page within a few seconds.

    uv run python -m bench.room_opens [--sessions 60] [--within 10] [--replicas 2]
                                      [--pages explorer,learn,game] [--cold]

Starts ``--replicas`` replicas of the app behind nginx (``deploy.replicas.cluster``; one
SQLite file for the game), warmed as the cluster warms them (every page run once,
deploy/warm.py) unless ``--cold``. For each page in turn: one tab opens it first (the
lecturer's own visit: on a cold set-up it warms the replica it lands on), then
``--sessions`` tabs open it at seeded random moments spread over ``--within`` seconds,
each as a browser tab does: the websocket ``/_stcore/stream`` through nginx, then the
``BackMsg`` asking for the page with the link's query string (the game: ``?room=CODE`` of
a room the driver made in the shared database). Timed per tab: connecting (websocket
open), and from the open websocket to the page's first finished run (``script_finished``).
Tabs stay connected until the wave is over, as phones do. An exception element, a compile
error, a failed connection or a 15 s timeout is an error.

Reported per page: errors, the open p50/p95, first run p50/p95/max (goal: p95 ≤ 2 s), and
the replicas' CPU over the wave. Loopback only, bounded in sessions and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets

from bench.classroom_load import (
    TIMEOUT,
    Results,
    View,
    _rerun,
    _run_until_finished,
    free_port,
    percentile,
)
from deploy.warm import stream

MAX_SESSIONS = 200
MAX_WITHIN = 60.0
#: page → (page name in the BackMsg, the link's query string; {code} is the game's room)
PAGES = {
    "explorer": ("", ""),
    "learn": ("learn", ""),
    "game": ("game", "room={code}"),
}


@dataclass
class Wave:
    page: str
    first_visit_ms: float | None = None  # the lecturer's own visit, before the wave
    open_ms: list[float] = field(default_factory=list)
    first_run_ms: list[float] = field(default_factory=list)
    results: Results = field(default_factory=Results)
    cpu: list[float] = field(default_factory=list)  # cores used by each replica


async def open_tab(url: str, page: str, query: str, delay: float, wave: Wave,
                   done: asyncio.Event) -> None:  # fmt: skip
    """One tab: wait ``delay`` s, open the websocket, ask for the page, time its first run,
    stay connected until ``done``."""
    await asyncio.sleep(delay)
    start = time.monotonic()
    try:
        async with stream(url, TIMEOUT) as ws:
            opened = time.monotonic()
            await ws.send(_rerun(query, page))
            if await _run_until_finished(ws, View(query), wave.results):
                wave.open_ms.append((opened - start) * 1000)
                wave.first_run_ms.append((time.monotonic() - opened) * 1000)
            await done.wait()
    except TimeoutError:
        wave.results.error("timeout")
    except (OSError, websockets.WebSocketException) as err:
        wave.results.error(f"connection: {type(err).__name__}")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wave(url: str, name: str, query: str, args: argparse.Namespace,
               pids: list[int]) -> Wave:  # fmt: skip
    page, _ = PAGES[name]
    result = Wave(name)
    first = Wave(name)  # the lecturer's own visit: not counted
    done = asyncio.Event()
    done.set()
    await open_tab(url, page, query, 0.0, first, done)
    if first.results.errors or not first.first_run_ms:
        result.results.errors.update(first.results.errors or {"the first visit failed": 1})
        return result
    result.first_visit_ms = first.first_run_ms[0]
    rng = random.Random(args.seed)
    delays = sorted(rng.uniform(0, args.within) for _ in range(args.sessions))
    cpu0, wall0 = [_cpu_seconds(p) for p in pids], time.monotonic()
    done = asyncio.Event()
    tabs = [asyncio.create_task(open_tab(url, page, query, d, result, done)) for d in delays]
    deadline = time.monotonic() + args.within + 2 * TIMEOUT
    while time.monotonic() < deadline:
        settled = len(result.first_run_ms) + sum(result.results.errors.values())
        if settled >= args.sessions:
            break
        await asyncio.sleep(0.1)
    wall = time.monotonic() - wall0
    result.cpu = [(_cpu_seconds(p) - c) / wall for p, c in zip(pids, cpu0, strict=True)]
    done.set()
    await asyncio.gather(*tabs)
    return result


def _row(w: Wave, goal_ms: float) -> str:
    errors = sum(w.results.errors.values())
    if not w.first_run_ms:
        return f"| {w.page} | — | 0 | {errors} | — | — | — | — | — | — |"
    p95 = percentile(w.first_run_ms, 95)
    cpu = " + ".join(f"{c:.0%}" for c in w.cpu)
    return (
        f"| {w.page} | {w.first_visit_ms:.0f} ms | {len(w.first_run_ms)} | {errors} | "
        f"{percentile(w.open_ms, 50):.0f} / {percentile(w.open_ms, 95):.0f} ms | "
        f"{percentile(w.first_run_ms, 50):.0f} ms | **{p95:.0f} ms** | "
        f"{max(w.first_run_ms):.0f} ms | {cpu} | "
        f"{'met' if p95 <= goal_ms and not errors else 'not met'} |"
    )


def make_room(db: Path) -> str:
    """A room in the replicas' database for the students' link (a coin, defaults)."""
    os.environ["XENT_GAME_DB"] = str(db)
    os.environ.pop("XENT_DATABASE_URL", None)
    from xent_game import rooms
    from xent_game.store import default_url, open_store

    store = open_store(default_url())
    return rooms.create_room(
        store, names=("heads", "tails"), p=(0.7, 0.3), per_round=10, floor=None
    ).code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--within", type=float, default=10.0, help="s over which tabs open")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--pages", default="explorer,learn,game")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--goal-ms", type=float, default=2000.0)
    parser.add_argument("--pause", type=float, default=5.0, help="s between the pages' waves")
    parser.add_argument(
        "--cold", action="store_true", help="skip the replicas' warm-up (deploy/warm.py)"
    )
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    if not 1 <= args.sessions <= MAX_SESSIONS or not 0 < args.within <= MAX_WITHIN:
        parser.error(f"sessions 1..{MAX_SESSIONS}, within (0, {MAX_WITHIN:g}] s")
    if not 1 <= args.replicas <= 4 or not pages or set(pages) - set(PAGES):
        parser.error(f"replicas 1..4; pages among {', '.join(PAGES)}")

    from deploy.replicas import cluster

    run_dir = Path(tempfile.mkdtemp(prefix="xent-room-opens-"))
    db = run_dir / "game.sqlite3"
    code = make_room(db)
    waves: list[Wave] = []
    env = {"XENT_GAME_DB": str(db)}
    with cluster(args.replicas, free_port(), run_dir, env=env, warm_up=not args.cold) as (
        url,
        procs,
    ):
        pids = [p.pid for p in procs]
        for i, name in enumerate(pages):
            if i:
                time.sleep(args.pause)
            query = PAGES[name][1].format(code=code)
            waves.append(asyncio.run(wave(url, name, query, args, pids)))
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M')} {platform.platform()} {os.cpu_count()} CPUs; "
        f"{args.sessions} tabs open each page within {args.within:g} s, "
        f"{args.replicas} replica(s) behind nginx, "
        + ("not warmed" if args.cold else "warmed (deploy/warm.py)")
    )
    print(
        "\n| page | first visit | tabs | errors | websocket open p50 / p95 | first run p50 "
        f"| first run p95 | max | replicas' CPU | goal p95 ≤ {args.goal_ms / 1000:g} s |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for w in waves:
        print(_row(w, args.goal_ms))
        for kind, count in sorted(w.results.errors.items()):
            print(f"  {w.page}: {count} × {kind}")
    shutil.rmtree(run_dir, ignore_errors=True)
    failed = any(w.results.errors or len(w.first_run_ms) < args.sessions for w in waves)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()

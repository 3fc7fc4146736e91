"""Class game under load (issue 19): a room of students over Streamlit's websocket protocol,
through replicas behind nginx sharing one SQLite file, one replica killed mid-round.

    uv run python -m bench.game_load [--students 100] [--replicas 2] [--kill-after 0.5]

Starts ``--replicas`` replicas of the app behind nginx (``deploy.replicas.cluster``), every
one with ``XENT_GAME_DB`` set to the same SQLite file (in a temporary folder unless
``--db``), then plays one round, every tab speaking Streamlit's own protocol as
bench/classroom_load.py does (``BackMsg`` reruns with widget states, ``ForwardMsg`` deltas):

- **The lecturer** opens ``/game`` and presses "Create a room" (default source: a coin,
  p = 0.7/0.3, 10 outcomes per round); the room code is read from the board component's
  data, the lecturer token from the "Keep control after a reload" code block. The tab then
  follows the room with the page's polling fragment, as the projector does.
- **Each student** opens ``/game?room=CODE`` (spread over ``--join-seconds``), types a
  nickname into the "Nickname" text input and presses "Join" (one rerun carrying the text
  input's value and the button's trigger, as the browser sends them), then follows the
  round with the page's polling fragment: the browser's timer for
  ``st.fragment(run_every=2 s)`` (the ``auto_rerun`` message) is replayed as fragment
  reruns with ``is_auto_rerun``.
- **Submissions** are spread over ``--submit-seconds`` in a random order. A student sets the
  forecast on the drag bars the way ``bars.js`` reports a release (the component's
  ``json_value`` ``{"gesture": {"q": …, "label": 0, "seq": n}}``, as the classroom driver
  moves the explorer's bars), then presses "Submit forecast" (the button's trigger). The
  acknowledgement is the page's "Submitted for round 1: …" message; submit latency runs
  from sending the click to the arrival of that message.
- **Failover**: once ``--kill-after`` of the students are acknowledged (then, within 5 s, at
  a moment when a Submit is on its way), the replica holding the most websockets (counted
  in /proc/net/tcp) is killed (SIGKILL). Its tabs reconnect
  through nginx with the query string their URL holds (``room=CODE&player=TOKEN``), as
  Streamlit's page does, and must be back in the room. A student whose Submit had no
  answer looks at the page again and presses Submit again unless it says "Submitted". The
  lecturer, if it was there, takes control back with the key its tab kept (the keeper
  component hands it back once the join form asks, as ``keeper.js`` does in a browser).
- **The round ends**: once every student is acknowledged, the projector must show the
  count (its "Forecasts, round 1" metric: the refresh is timed from the last
  acknowledgement); the lecturer presses "Close submissions", waits ``--draw-after`` s,
  presses "Draw outcomes"; every student's tab must show the closed round, then the result.

Reported: errors shown to students (exception elements, ``st.error`` messages), errors of
the driver (timeouts, tabs that could not reconnect or could not act), submissions
acknowledged against the forecasts in the database (read with ``xent_game``'s store:
every acknowledged forecast must be there as sent, 0 lost), submit latency p50/p95/max,
projector refresh after the last submission, and how long the students' tabs took to show
the close and the outcomes. Loopback only, bounded in students and time.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import websockets
from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

from bench.classroom_load import FINISHED_OK, Widget, free_port, percentile, wait_healthy

PAGE = "game"
MAX_STUDENTS = 200
#: A run that takes longer than this is an error. The draw makes every tab rerun in full
#: at once, on one replica after a failover: generous on purpose.
TIMEOUT = 45.0
#: A tab that cannot reconnect for this long has lost its server for good.
RECONNECT_FOR = 30.0
#: How long the students may take to join, to be acknowledged, and to see each phase.
PHASE_TIMEOUT = 120.0
ROUND = 1
#: What a student's page says once the database has the forecast (xent_ui/game/student.py).
SUBMITTED = f"Submitted for round {ROUND}:"
CLOSED = f"Round {ROUND} is closed"
#: Shown after the draw: the student's own cost for the round, or why there is none.
DRAWN = (f"Round {ROUND} cost you", f"You did not forecast round {ROUND}")
PLAYING_AS = "You play as **"
FORECASTS_METRIC = f"Forecasts, round {ROUND}"
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class DriverError(Exception):
    """The driver could not do what a student or the lecturer does (not the page's fault
    necessarily: a missing widget, an action without an answer)."""


# ---------------------------------------------------------------- one tab


@dataclass
class Shown:
    """What a tab's page shows after its last full run, with when alerts and metrics came."""

    widgets: dict[str, Widget] = field(default_factory=dict)  # "type:id" → widget
    texts: list[tuple[float, str]] = field(default_factory=list)  # (t, markdown body)
    alerts: list[tuple[float, int, str]] = field(default_factory=list)  # (t, format, body)
    metrics: dict[str, tuple[float, str]] = field(default_factory=dict)  # label → (t, body)
    codes: list[str] = field(default_factory=list)  # st.code blocks
    data: dict[str, dict] = field(default_factory=dict)  # component id → its data

    def widget(self, kind: str, key: str) -> Widget | None:
        for name, widget in self.widgets.items():
            etype, _, widget_id = name.partition(":")
            if etype == kind and widget_id.endswith(f"-{key}"):
                return widget
        return None

    def component(self, key: str) -> dict | None:
        return next((d for i, d in self.data.items() if i.endswith(f"-{key}")), None)

    def alert(self, fmt: int, starts: str) -> tuple[float, str] | None:
        return next(((t, b) for t, f, b in self.alerts if f == fmt and b.startswith(starts)), None)

    def said(self, *parts: str) -> float | None:
        """When a text containing one of ``parts`` arrived (None: not on the page)."""
        return next((t for t, text in self.texts if any(p in text for p in parts)), None)

    def says(self, *parts: str) -> bool:
        return self.said(*parts) is not None


class Tab:
    """One browser tab on ``/game``: its websocket, its URL's query, what its page shows,
    and the timers of its auto-rerunning fragments. ``complain`` gets every error the page
    shows (an exception element or an ``st.error``).

    Like the browser, every rerun carries the page's script hash (from the ``navigation``
    message): without it, a fragment's ``st.rerun()`` reruns the app's default page.
    """

    def __init__(self, url: str, query: str, complain: Callable[[str], None]) -> None:
        self.url = url
        self.query = query
        self.complain = complain
        self.ws = None
        self.closed: asyncio.Future | None = None
        self.shown = Shown()
        self.timers: dict[str, list[float]] = {}  # fragment id → [interval, next due]
        self.page_hash = ""  # the page's script hash, which the browser sends with each rerun

    async def open(self) -> None:
        """Connect and run the page with the query string the URL holds."""
        parts = urlsplit(self.url)
        self.timers.clear()
        self.ws = await websockets.connect(
            f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"{parts.scheme}://{parts.netloc}",
            max_size=None,
            open_timeout=TIMEOUT,
        )
        # A browser learns at once that its websocket closed, even when idle.
        self.closed = asyncio.ensure_future(self.ws.wait_closed())
        await self.run()

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self.closed is not None:
            self.closed.cancel()
        self.ws = self.closed = None

    async def pause(self, seconds: float) -> None:
        """Sleep, unless the connection closes meanwhile (then raise, as a send would)."""
        if self.closed is None:
            raise ConnectionError("not connected")
        await asyncio.wait({self.closed}, timeout=max(0.0, seconds))
        if self.closed.done():
            raise ConnectionError("the server closed the connection")

    async def run(
        self, states: Sequence[WidgetState] = (), *, fragment: str = "", auto: bool = False
    ) -> float:
        """Send a rerun (widget states, or a fragment's timer) and read it to its end; the
        time it was sent."""
        if self.ws is None:
            raise ConnectionError("not connected")
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query
        rerun.page_name = PAGE
        rerun.page_script_hash = self.page_hash
        rerun.fragment_id = fragment
        rerun.is_auto_rerun = auto
        for state in states:
            rerun.widget_states.widgets.append(state)
        sent = time.monotonic()
        await self.ws.send(msg.SerializeToString())
        fragment_run = bool(fragment)
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT)
            now = time.monotonic()
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                # A fragment's run starts with one too; a full run redraws the whole page
                # and restarts the fragments' timers (a fragment's id depends on where the
                # page draws it, so the browser forgets the old ones).
                if fragment_run:
                    fragment_run = False
                else:
                    self.shown = Shown()
                    self.timers.clear()
            elif kind == "script_finished":
                status = fwd.script_finished
                if status in FINISHED_OK:
                    return sent
                if status == ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR:
                    raise DriverError("compile error")
                # FINISHED_EARLY_FOR_RERUN: st.rerun() (the polling fragment saw a change)
            elif kind == "navigation":  # the page this run shows (st.navigation)
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string  # the tab's URL follows
            elif kind == "auto_rerun":
                timer = fwd.auto_rerun
                if timer.fragment_id not in self.timers:
                    self.timers[timer.fragment_id] = [timer.interval, now + timer.interval]
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd, now)

    def _element(self, fwd: ForwardMsg, now: float) -> None:
        element = fwd.delta.new_element
        etype = element.WhichOneof("type")
        shown = self.shown
        if etype == "exception":
            self.complain(f"exception element: {element.exception.message[:80]}")
        elif etype == "alert":
            shown.alerts.append((now, element.alert.format, element.alert.body))
            if element.alert.format == Alert.ERROR:
                self.complain(f"error message: {element.alert.body[:80]}")
        elif etype == "markdown":
            shown.texts.append((now, element.markdown.body))
        elif etype == "metric":
            shown.metrics[element.metric.label] = (now, element.metric.body)
        elif etype == "code":
            shown.codes.append(element.code.code_text)
        elif etype == "bidi_component":
            with contextlib.suppress(ValueError):
                shown.data[element.bidi_component.id] = json.loads(element.bidi_component.json)
        proto = getattr(element, etype, None) if etype else None
        widget_id = getattr(proto, "id", "") if proto is not None else ""
        if widget_id:
            shown.widgets[f"{etype}:{widget_id}"] = Widget(widget_id, fwd.delta.fragment_id)

    def need(self, kind: str, key: str) -> Widget:
        widget = self.shown.widget(kind, key)
        if widget is None:
            said = "; ".join(body[:60] for _, _, body in self.shown.alerts)
            raise DriverError(
                f"no {kind} '{key}' on the page" + (f" (it says: {said})" if said else "")
            )
        return widget

    async def click(self, key: str, *states: WidgetState) -> float:
        """Press the button with ``key`` (with other widgets' new values); when it was sent."""
        button = self.need("button", key)
        return await self.run([*states, WidgetState(id=button.id, trigger_value=True)])

    async def idle(self, until: float) -> None:
        """Wait until ``until``, running the fragments whose timers fall due meanwhile."""
        while True:
            now = time.monotonic()
            due = min((t[1] for t in self.timers.values()), default=math.inf)
            if due > until:
                await self.pause(until - now)
                return
            await self.pause(due - now)
            for fragment_id, timer in list(self.timers.items()):
                if timer[1] <= time.monotonic():
                    timer[1] = time.monotonic() + timer[0]
                    await self.run(fragment=fragment_id, auto=True)


def text_state(widget: Widget, value: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=value)


def gesture_state(widget: Widget, q: Sequence[float], seq: int) -> WidgetState:
    """A release on the drag bars, as bars.js reports it (forecast mode: label 0)."""
    return WidgetState(
        id=widget.id, json_value=json.dumps({"gesture": {"q": list(q), "label": 0, "seq": seq}})
    )


def forecast(i: int) -> list[float]:
    """Student ``i``'s forecast for a coin: spread over (0.05, 0.95), three decimals."""
    top = round(0.05 + 0.9 * ((i * 0.37) % 1.0), 3)
    return [top, round(1 - top, 3)]


# ---------------------------------------------------------------- the room's tallies


@dataclass
class Room:
    """The plan every tab follows and what they saw."""

    students: int
    code: str = ""
    lecturer_token: str = ""
    joined: int = 0
    submit_at: list[float] | None = None
    acks: dict[str, list[float]] = field(default_factory=dict)  # nickname → q acknowledged
    ack_times: list[float] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    acked_after_moving: int = 0  # acknowledged by the replica they moved to
    in_flight_at_kill: int = 0  # Submits sent and not yet answered when the kill came
    cut_off: int = 0  # students whose Submit was unanswered when their replica died
    found_submitted: int = 0  # … whose page said "Submitted" on the other replica
    pressed_again: int = 0  # … who had to press Submit again
    killed: str = ""
    killed_at: float | None = None
    acks_before_kill: int = 0
    dropped: int = 0
    reconnected: int = 0
    restored: int = 0
    gaps_ms: list[float] = field(default_factory=list)
    lecturer_on: int | None = None  # the replica (1, 2, …) serving the lecturer's tab
    lecturer_dropped: bool = False
    lecturer_restored: bool = False
    projector: list[tuple[float, int]] = field(default_factory=list)  # (t, forecasts shown)
    close_sent: float | None = None
    draw_sent: float | None = None
    outcomes: list[int] | None = None
    saw_closed_ms: list[float] = field(default_factory=list)
    saw_outcomes_ms: list[float] = field(default_factory=list)
    student_outcomes: collections.Counter = field(default_factory=collections.Counter)
    student_errors: collections.Counter = field(default_factory=collections.Counter)
    driver_errors: collections.Counter = field(default_factory=collections.Counter)
    done: bool = False
    driver_cpu: float = 0.0  # this driver's own CPU use, in cores (it shares the machine)
    seconds: float = 0.0

    def student_error(self, kind: str) -> None:
        self.student_errors[kind] += 1

    def driver_error(self, kind: str) -> None:
        self.driver_errors[kind] += 1


async def until(condition: Callable[[], bool], timeout: float, every: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(every)
    return True


# ---------------------------------------------------------------- a student


class Student:
    """A phone: join, wait for its turn, set the bars and submit, follow the round."""

    def __init__(self, i: int, url: str, room: Room, start: float) -> None:
        self.i = i
        self.nickname = f"student{i:03d}"  # nothing markdown would escape
        self.q = forecast(i)
        self.room = room
        self.start = start
        self.rng = random.Random(i)
        self.tab = Tab(url, f"room={room.code}", room.student_error)
        self.stage = "join"  # → ready → sent → acked
        self.pressed_at: float | None = None
        self.reconnected = False
        self.cut_off = False
        self.seq = 0
        self.saw_closed = False
        self.saw_outcomes = False
        self.gone = False  # its task has ended (done, or given up)

    async def play(self) -> None:
        room = self.room
        await asyncio.sleep(max(0.0, self.start - time.monotonic()))
        dropped_at: float | None = None
        try:
            while not room.done:
                try:
                    await self.tab.open()
                    if dropped_at is not None:
                        self.back(dropped_at)
                        dropped_at = None
                    await self.steps()
                    return
                except (OSError, websockets.WebSocketException) as err:
                    await self.tab.close()
                    now = time.monotonic()
                    if dropped_at is None:
                        dropped_at = now
                        room.dropped += 1
                    elif now - dropped_at > RECONNECT_FOR:
                        room.driver_error(f"connection: {type(err).__name__}")
                        return
                    await asyncio.sleep(0.5 + self.rng.uniform(0, 0.5))  # then reconnect
        except TimeoutError:
            room.driver_error("timeout")
        except DriverError as err:
            room.driver_error(str(err))
        except Exception as err:  # a bug of the driver's: counted, never silent
            room.driver_error(f"driver: {err!r}")
        finally:
            self.gone = True
            await self.tab.close()

    def back(self, dropped_at: float) -> None:
        """The first run on the new replica: the player must be in the room again."""
        room = self.room
        room.reconnected += 1
        self.reconnected = True
        room.gaps_ms.append((time.monotonic() - dropped_at) * 1000)
        if self.stage == "join":
            return
        if self.stage == "sent" and not self.cut_off:
            self.cut_off = True
            room.cut_off += 1
        if not self.tab.shown.says(f"{PLAYING_AS}{self.nickname}**"):
            raise DriverError("reconnected but no longer in the room")
        room.restored += 1

    async def steps(self) -> None:
        room = self.room
        if self.stage == "join":
            await self.join()
        while not room.done:
            self.look()
            if self.saw_outcomes:
                return
            if self.stage == "sent":  # a Submit without an answer (its replica died)
                room.pressed_again += 1
                self.cut_off = False
                await self.submit()
                continue
            turn = room.submit_at[self.i] if room.submit_at is not None else None
            if self.stage == "ready" and turn is not None and time.monotonic() >= turn:
                await self.submit()
                continue
            wake = time.monotonic() + 0.25
            if self.stage == "ready" and turn is not None:
                wake = min(wake, turn)
            await self.tab.idle(wake)

    async def join(self) -> None:
        tab = self.tab
        nickname = tab.need("text_input", "game.nickname")
        await tab.click("game.join", text_state(nickname, self.nickname))
        if not tab.shown.says(f"{PLAYING_AS}{self.nickname}**"):
            raise DriverError("joined, but the page does not show the player")
        token = parse_qs(tab.query).get("player", [""])[0]
        if not TOKEN.fullmatch(token):
            raise DriverError("joined, but the page's link carries no player key")
        self.stage = "ready"
        self.room.joined += 1

    async def submit(self) -> None:
        tab = self.tab
        bars = tab.need("bidi_component", "game.bars")
        self.seq += 1
        await tab.run([gesture_state(bars, self.q, self.seq)], fragment=bars.fragment_id)
        if self.pressed_at is None:
            self.pressed_at = time.monotonic()
        self.stage = "sent"
        await tab.click("game.submit")
        self.look()
        if self.stage != "acked":
            raise DriverError("Submit forecast pressed, but the page did not say submitted")

    def look(self) -> None:
        """Take in what the page now shows: the acknowledgement, the close, the outcomes."""
        room, shown = self.room, self.tab.shown
        ack = shown.alert(Alert.SUCCESS, SUBMITTED)
        if ack is not None and self.stage == "sent" and self.pressed_at is not None:
            self.stage = "acked"
            room.acks[self.nickname] = self.q
            room.ack_times.append(ack[0])
            room.latencies_ms.append((ack[0] - self.pressed_at) * 1000)
            room.acked_after_moving += self.reconnected
            room.found_submitted += self.cut_off  # answered on return, not pressed again
        closed = shown.alert(Alert.INFO, CLOSED)
        if not self.saw_closed and room.close_sent and closed:
            self.saw_closed = True
            room.saw_closed_ms.append((closed[0] - room.close_sent) * 1000)
        drawn = shown.said(*DRAWN)
        if not self.saw_outcomes and room.draw_sent and drawn is not None:
            self.saw_outcomes = True
            room.saw_outcomes_ms.append((drawn - room.draw_sent) * 1000)
            board = shown.component("game.board") or {}
            room.student_outcomes[json.dumps(board.get("outcomes"))] += 1


# ---------------------------------------------------------------- the lecturer


class Lecturer:
    """The projector's tab: makes the room, follows it, closes and draws on command."""

    def __init__(self, url: str, room: Room) -> None:
        self.room = room
        self.tab = Tab(url, "", lambda kind: room.student_error(f"lecturer's page: {kind}"))
        # Buttons to press, in order; an order stays here until its click has run (a
        # connection lost meanwhile: pressed again after reconnecting).
        self.orders: collections.deque[tuple[str, asyncio.Future]] = collections.deque()
        self.task: asyncio.Task | None = None

    async def create(self) -> None:
        tab, room = self.tab, self.room
        await tab.open()
        await tab.click("game.create")
        board = tab.shown.component("game.board") or {}
        room.code = str(board.get("code") or "")
        room.lecturer_token = next((c for c in tab.shown.codes if TOKEN.fullmatch(c)), "")
        if not room.code or not room.lecturer_token:
            raise DriverError("'Create a room' showed no room code or no lecturer token")
        self.note()

    def note(self) -> None:
        """The projector's count of forecasts, each time a full run draws it."""
        metric = self.tab.shown.metrics.get(FORECASTS_METRIC)
        if metric is not None and (
            not self.room.projector or self.room.projector[-1][0] != metric[0]
        ):
            self.room.projector.append((metric[0], int(metric[1])))

    async def order(self, what: str) -> float:
        """Have the lecturer press a button ("close" or "draw"); when the click was sent."""
        done = asyncio.get_running_loop().create_future()
        self.orders.append((what, done))
        if self.task is not None:
            await asyncio.wait({done, self.task}, return_when=asyncio.FIRST_COMPLETED)
        if not done.done():
            raise DriverError(f"the lecturer's tab had stopped before '{what}'")
        return done.result()

    def start(self) -> asyncio.Task:
        self.task = asyncio.create_task(self.follow())
        return self.task

    async def follow(self) -> None:
        room = self.room
        dropped_at: float | None = None
        while not room.done:
            try:
                if self.tab.ws is None:
                    await self.tab.open()
                    if dropped_at is not None:
                        await self.take_control()
                        dropped_at = None
                while not room.done:
                    self.note()
                    if self.orders:
                        what, done = self.orders[0]
                        key = {"close": "game.close", "draw": "game.draw"}[what]
                        sent = await self.tab.click(key)
                        if what == "draw":
                            board = self.tab.shown.component("game.board") or {}
                            room.outcomes = board.get("outcomes")
                        self.orders.popleft()
                        done.set_result(sent)
                        continue
                    await self.tab.idle(time.monotonic() + 0.1)
            except (OSError, websockets.WebSocketException):
                await self.tab.close()
                if dropped_at is None:
                    dropped_at = time.monotonic()
                    room.lecturer_dropped = True
                elif time.monotonic() - dropped_at > RECONNECT_FOR:
                    room.driver_error("lecturer: could not reconnect")
                    break
                await asyncio.sleep(0.5)
            except (TimeoutError, DriverError) as err:
                room.driver_error(f"lecturer: {err or 'timeout'}")
                break
            except Exception as err:  # a bug of the driver's: counted, never silent
                room.driver_error(f"lecturer's driver: {err!r}")
                break
        while self.orders:  # nobody is left to press them
            _, done = self.orders.popleft()
            done.set_exception(DriverError("the lecturer's tab has stopped"))
        await self.tab.close()

    async def take_control(self) -> None:
        """On a new replica the session has no lecturer token: the tab hands back the one it
        kept, as keeper.js does (a trigger value, once, when the join form asks for it)."""
        tab = self.tab
        if tab.shown.widget("button", "game.draw") is None:
            keeper = tab.need("bidi_component", "game.keeper")
            if tab.shown.component("game.keeper") != {"mode": "recall", "code": self.room.code}:
                raise DriverError("the join form did not ask the tab for its lecturer key")
            payload = [{"event": "recall", "value": self.room.lecturer_token}]
            trigger = WidgetState(  # the id Streamlit gives a component's trigger events
                id=f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{keeper.id}{EVENT_DELIM}events",
                json_trigger_value=json.dumps(payload),
            )
            await tab.run([trigger])
            tab.need("button", "game.draw")
        self.room.lecturer_restored = True


# ---------------------------------------------------------------- the round


def replica_ports(procs: Sequence[subprocess.Popen]) -> list[int]:
    """The loopback port each replica serves (from its command line)."""
    return [int(p.args[p.args.index("--server.port") + 1]) for p in procs]  # type: ignore[union-attr]


def connections(port: int) -> int:
    """Established TCP connections to 127.0.0.1:``port`` (from /proc/net/tcp; Linux):
    nginx's websockets to that replica (nginx keeps no other connection open to it)."""
    local = f"0100007F:{port:04X}"
    with open("/proc/net/tcp") as f:
        rows = [line.split() for line in f.readlines()[1:]]
    return sum(1 for r in rows if r[1] == local and r[3] == "01")


async def warm(ports: Sequence[int], code: str) -> None:
    """A fresh replica's first run of the page imports everything: one visit each first."""
    for port in ports:
        tab = Tab(f"http://127.0.0.1:{port}", f"room={code}", lambda kind: None)
        await tab.open()
        await tab.close()


async def play(url: str, args: argparse.Namespace, procs: Sequence[subprocess.Popen] = ()) -> Room:
    """One round with ``args.students`` students through ``url``; with ``procs`` (the
    replicas) and ``args.kill_after`` > 0, the busiest replica is killed mid-round."""
    n = args.students
    room = Room(n)
    cpu0, wall0 = time.process_time(), time.monotonic()
    lecturer = Lecturer(url, room)
    await lecturer.create()
    await warm(replica_ports(procs), room.code)
    # The lecturer's websocket is the only one open yet: which replica serves it.
    held = [connections(port) for port in replica_ports(procs)]
    room.lecturer_on = held.index(1) + 1 if held.count(1) == 1 and sum(held) == 1 else None
    following = lecturer.start()
    rng = random.Random(args.seed)
    t0 = time.monotonic()
    students = [Student(i, url, room, t0 + rng.uniform(0, args.join_seconds)) for i in range(n)]
    tasks = [asyncio.create_task(s.play()) for s in students]

    def settled(reached: Callable[[Student], bool]) -> Callable[[], bool]:
        """Every student has reached a point, or never will (its task has ended)."""
        return lambda: all(reached(s) or s.gone for s in students)

    try:
        if not await until(settled(lambda s: s.stage != "join"), args.join_seconds + PHASE_TIMEOUT):
            room.driver_error("students still joining at the deadline")
        order = list(range(n))
        rng.shuffle(order)
        start = time.monotonic() + 1.0
        plan = [0.0] * n
        for rank, i in enumerate(order):
            plan[i] = start + args.submit_seconds * rank / max(1, n - 1)
        room.submit_at = plan
        if args.kill_after > 0 and len(procs) >= 2:
            wanted = math.ceil(args.kill_after * n)
            await until(lambda: len(room.acks) >= wanted or all(s.gone for s in students), 300)
            # The harshest moment: while a Submit is on its way (if one comes within 5 s).
            await until(lambda: any(s.stage == "sent" for s in students), 5, every=0.002)
            room.in_flight_at_kill = sum(s.stage == "sent" for s in students)
            ports = replica_ports(procs)
            held = [connections(p) for p in ports]
            victim = max(range(len(procs)), key=held.__getitem__)
            procs[victim].kill()
            room.killed_at = time.monotonic()
            room.acks_before_kill = len(room.acks)
            room.killed = (
                f"replica {victim + 1} (pid {procs[victim].pid}, {held[victim]} of "
                f"{sum(held)} websockets) after {room.acks_before_kill} acknowledged; "
                f"the lecturer's tab was on replica {room.lecturer_on or '?'}"
            )
            print(f"killed {room.killed}", flush=True)
        if not await until(
            settled(lambda s: s.stage == "acked"), args.submit_seconds + PHASE_TIMEOUT
        ):
            room.driver_error("submissions still unacknowledged at the deadline")
        acked = len(room.acks)
        if not await until(lambda: any(c >= acked for _, c in room.projector), 30):
            room.driver_error(f"the projector never showed {acked} forecasts")
        room.close_sent = await lecturer.order("close")
        if not await until(settled(lambda s: s.saw_closed), PHASE_TIMEOUT):
            room.driver_error("students still without the closed round at the deadline")
        await asyncio.sleep(args.draw_after)
        room.draw_sent = await lecturer.order("draw")
        if not await until(settled(lambda s: s.saw_outcomes), PHASE_TIMEOUT):
            room.driver_error("students still without the outcomes at the deadline")
    except DriverError as err:
        room.driver_error(str(err))
    finally:
        room.done = True
        await asyncio.gather(*tasks, following, return_exceptions=True)
        room.seconds = time.monotonic() - wall0
        room.driver_cpu = (time.process_time() - cpu0) / room.seconds
    return room


# ---------------------------------------------------------------- the database


def database(db: Path, room: Room) -> dict:
    """The forecasts the database holds for the round, against the acknowledged ones."""
    from xent_game import rooms
    from xent_game.store import open_store

    with open_store(f"sqlite:///{db}") as store:
        with store.transaction(write=False) as tx:
            rows = tx.fetchall(
                "SELECT p.nickname, f.q, f.revision FROM forecasts f JOIN players p"
                " ON p.room = f.room AND p.id = f.player WHERE f.room = ? AND f.round = ?",
                (room.code, ROUND),
            )
            (players,) = tx.fetchone("SELECT COUNT(*) FROM players WHERE room = ?", (room.code,))
        drawn = rooms.snapshot(store, room.code).outcomes.get(ROUND) if room.code else None
    stored = {str(name): json.loads(q) for name, q, _ in rows}
    lost = sorted(
        name
        for name, q in room.acks.items()
        if name not in stored
        or not all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(q, stored[name], strict=True))
    )
    return {
        "players": int(players),
        "rows": len(stored),
        "lost": lost,
        "not_acknowledged": sorted(set(stored) - set(room.acks)),
        "revised": sum(1 for *_, revision in rows if int(revision) > 1),
        "drawn": None if drawn is None else list(drawn),
    }


# ---------------------------------------------------------------- the report


def _spread(values: list[float]) -> str:
    if not values:
        return "n=0"
    return (
        f"n={len(values)}: p50 {percentile(values, 50):.0f}  p95 {percentile(values, 95):.0f}  "
        f"max {max(values):.0f}"
    )


def summarise(room: Room, db: dict, args: argparse.Namespace) -> dict:
    last_ack = max(room.ack_times, default=None)
    refresh = None
    if last_ack is not None:
        shown = [t for t, c in room.projector if c >= len(room.acks)]
        refresh = (min(shown) - last_ack) * 1000 if shown else None
    problems = dict(room.driver_errors)
    if room.outcomes is not None and db["drawn"] != room.outcomes:
        problems["the projector's outcomes differ from the database's"] = 1
    wrong = sum(c for o, c in room.student_outcomes.items() if json.loads(o) != db["drawn"])
    if wrong:
        problems["students' boards show other outcomes than the database"] = wrong
    return {
        "students": room.students,
        "replicas": args.replicas,
        "room": room.code,
        "joined": room.joined,
        "killed": room.killed,
        "acknowledged": len(room.acks),
        "rows": db["rows"],
        "players_in_database": db["players"],
        "lost": db["lost"],
        "not_acknowledged_rows": db["not_acknowledged"],
        "revised_rows": db["revised"],
        "student_errors": dict(room.student_errors),
        "driver_errors": problems,
        "submit_ms": room.latencies_ms,
        "submit_p50_ms": percentile(room.latencies_ms, 50) if room.latencies_ms else None,
        "submit_p95_ms": percentile(room.latencies_ms, 95) if room.latencies_ms else None,
        "projector_refresh_ms": refresh,
        "saw_closed_ms": room.saw_closed_ms,
        "saw_outcomes_ms": room.saw_outcomes_ms,
        "dropped": room.dropped,
        "reconnected": room.reconnected,
        "restored": room.restored,
        "gaps_ms": room.gaps_ms,
        "acked_after_moving": room.acked_after_moving,
        "in_flight_at_kill": room.in_flight_at_kill,
        "cut_off": room.cut_off,
        "found_submitted": room.found_submitted,
        "pressed_again": room.pressed_again,
        "lecturer_on": room.lecturer_on,
        "lecturer_dropped": room.lecturer_dropped,
        "lecturer_restored": room.lecturer_restored,
        "outcomes": room.outcomes,
        "seconds": room.seconds,
        "driver_cpu_cores": room.driver_cpu,
    }


def report(s: dict) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M')} {platform.platform()} {os.cpu_count()} CPUs")
    print(f"room {s['room']}: {s['students']} students, {s['replicas']} replicas behind nginx, "
          f"one SQLite file; joined {s['joined']}")  # fmt: skip
    print(f"killed: {s['killed'] or 'none'}")
    print(
        f"the round took {s['seconds']:.0f} s; the driver itself used "
        f"{100 * s['driver_cpu_cores']:.0f}% of a core"
    )
    errors = sum(s["student_errors"].values())
    print(f"errors reported to students: {errors}")
    for kind, count in s["student_errors"].items():
        print(f"  {count} × {kind}")
    print(f"driver errors: {sum(s['driver_errors'].values())}")
    for kind, count in s["driver_errors"].items():
        print(f"  {count} × {kind}")
    print(
        f"submissions acknowledged {s['acknowledged']}, forecasts in the database "
        f"{s['rows']} ({s['players_in_database']} players): lost {len(s['lost'])}"
        + (f" {s['lost']}" if s["lost"] else "")
        + (f"; in the database but never acknowledged {s['not_acknowledged_rows']}"
           if s["not_acknowledged_rows"] else "")
    )  # fmt: skip
    print(f"submit ms (Submit click → 'Submitted' on the page), {_spread(s['submit_ms'])}")
    refresh = s["projector_refresh_ms"]
    print("projector refresh after the last acknowledgement: "
          + ("never" if refresh is None else f"{refresh:.0f} ms"))  # fmt: skip
    print(f"students' tabs show the close, ms after the click: {_spread(s['saw_closed_ms'])}")
    print(f"students' tabs show the outcomes, ms after the click: {_spread(s['saw_outcomes_ms'])}")
    if s["dropped"] or s["lecturer_dropped"]:
        gaps = s["gaps_ms"]
        print(
            f"failover: {s['dropped']} students lost their replica, {s['reconnected']} "
            f"reconnected, {s['restored']} were still in the room"
            + (f" (gap median {statistics.median(gaps):.0f} ms, max {max(gaps):.0f} ms)"
               if gaps else "")
            + f"; {s['acked_after_moving']} submitted on the replica they moved to; "
            f"{s['in_flight_at_kill']} Submit(s) unanswered at the kill, {s['cut_off']} of them "
            f"cut off by it: {s['found_submitted']} found 'Submitted' on return, "
            f"{s['pressed_again']} pressed Submit again; lecturer "
            + ("reconnected and took control again" if s["lecturer_restored"]
               else "dropped" if s["lecturer_dropped"] else "not affected")
        )  # fmt: skip


def passed(s: dict) -> bool:
    return (
        not s["student_errors"]
        and not s["driver_errors"]
        and not s["lost"]
        and s["acknowledged"] == s["students"] == s["rows"]
        and len(s["saw_outcomes_ms"]) == s["students"]
    )


# ---------------------------------------------------------------- running it


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument(
        "--kill-after", type=float, default=0.5,
        help="kill the busiest replica once this fraction of students is acknowledged (0: no)",
    )  # fmt: skip
    parser.add_argument("--join-seconds", type=float, default=10.0, help="joins spread over")
    parser.add_argument("--submit-seconds", type=float, default=20.0, help="submits spread over")
    parser.add_argument("--draw-after", type=float, default=2.0, help="s from close to draw")
    parser.add_argument("--seed", type=int, default=19, help="order of joins and submissions")
    parser.add_argument("--port", type=int, help="nginx's loopback port (default: a free one)")
    parser.add_argument("--db", type=Path, help="the SQLite file (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    parser.add_argument("--logs", type=Path, help="keep the replicas' and nginx's logs here")


def check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if not 1 <= args.students <= MAX_STUDENTS:
        parser.error(f"students 1..{MAX_STUDENTS}")
    if not 1 <= args.replicas <= 16:
        parser.error("replicas 1..16")
    if args.kill_after > 0 and args.replicas < 2:
        parser.error("killing a replica needs at least two (--kill-after 0 for none)")
    if not 0 <= args.kill_after <= 1:
        parser.error("--kill-after is a fraction of the students, 0..1")


def measure(args: argparse.Namespace) -> dict:
    """Start the replicas and nginx on one SQLite file, play the round, check the database."""
    from deploy import replicas

    if args.logs:
        args.logs.mkdir(parents=True, exist_ok=True)
    run_dir = args.logs.resolve() if args.logs else Path(tempfile.mkdtemp(prefix="xent-game-"))
    db = (args.db or run_dir / "game.sqlite3").resolve()
    env = {"XENT_GAME_DB": str(db), "XENT_DATABASE_URL": ""}
    try:
        with replicas.cluster(args.replicas, args.port or free_port(), run_dir, env=env) as (
            url,
            procs,
        ):
            wait_healthy(url)
            room = asyncio.run(play(url, args, procs))
        summary = summarise(room, database(db, room), args)
    finally:
        if not args.logs:
            shutil.rmtree(run_dir, ignore_errors=True)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments(parser)
    args = parser.parse_args()
    check(parser, args)
    summary = measure(args)
    report(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    if not passed(summary):
        sys.exit(1)


if __name__ == "__main__":
    main()

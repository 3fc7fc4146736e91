"""The class game's rooms (issue 19): every operation is one database transaction.

A lecturer creates a room (a hidden source p over K named outcomes, outcomes drawn per
round, an optional floor on forecasts) and keeps the **lecturer token**; students join with
a nickname and keep their **player token**. Each round is ``open`` (students submit and
may change their forecast q), then ``closed`` (no more submissions), then ``drawn`` (the
outcomes are drawn from p, seeded by the room's seed and the round's number, so a round can
be replayed); ``next_round`` opens the next one.

- Every operation that changes something first updates the room's row (its ``version``
  goes up by one), so the changes to one room are serialised on both backends, and pages
  can poll ``RoomView.version``.
- Tokens are ``secrets.token_urlsafe(24)`` and only their SHA-256 hashes are stored; the
  lecturer's token is never needed to join.
- Every refusal is a ``GameError`` (a ``ValueError``) whose message a person can act on; a
  refused operation changes nothing.
- Limits are module constants (``ROOM_TTL``, ``MAX_PLAYERS_PER_ROOM``, ``MAX_ROOMS``,
  ``MAX_ROUNDS``), read at each call, so a deployment or a test can override them.
- Scores come from ``xent_core.game``; this module only stores and draws.

Examples
--------
>>> import tempfile
>>> from xent_game.store import open_store
>>> folder = tempfile.TemporaryDirectory()
>>> store = open_store(f"sqlite:///{folder.name}/game.sqlite3")
>>> room = create_room(store, names=["heads", "tails"], p=[0.7, 0.3], per_round=5,
...                    floor=None, seed=42)
>>> ana = join(store, room.code, "Ana")
>>> submit(store, room.code, ana.player_token, [0.6, 0.4]).round
1
>>> outcomes = draw(store, room.code, room.lecturer_token)
>>> view = snapshot(store, room.code)
>>> view.phase, view.outcomes[1] == outcomes, view.forecasts[1][ana.player_id], view.p
('drawn', True, (0.6, 0.4), (0.7, 0.3))
>>> store.close(); folder.cleanup()
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import numbers
import re
import secrets
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from xent_core.game import draw_round, score
from xent_game.store import Store, Transaction

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_PLAYERS_PER_ROOM",
    "MAX_ROOMS",
    "MAX_ROUNDS",
    "NICKNAME_MAX",
    "ROOM_TTL",
    "Created",
    "GameError",
    "Joined",
    "Phase",
    "Player",
    "Progress",
    "ResultRow",
    "RoomView",
    "Submitted",
    "close_round",
    "create_room",
    "draw",
    "expire",
    "join",
    "next_round",
    "progress",
    "rejoin",
    "results_rows",
    "set_source",
    "snapshot",
    "submit",
]

#: Room codes: 6 characters without look-alikes (no I, L, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: Seconds a room lives; then ``expire`` deletes it with everything in it.
ROOM_TTL = 24 * 3600.0
MAX_PLAYERS_PER_ROOM = 500
#: Rooms alive at once (over all lecturers).
MAX_ROOMS = 1000
MAX_ROUNDS = 100
NICKNAME_MAX = 20
#: Outcome names (e.g. "heads") are at most this long.
NAME_MAX = 20
MIN_OUTCOMES, MAX_OUTCOMES = 2, 6
MAX_PER_ROUND = 100
#: |Σq − 1| allowed (sliders round their values).
SUM_TOLERANCE = 1e-6

Phase = Literal["open", "closed", "drawn"]

_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_ROOM_COLUMNS = (
    "code, lecturer_hash, names, p, per_round, floor, seed, round, phase, version, expires_at"
)


class GameError(ValueError):
    """A refused operation, with a message for the person who tried it."""


@dataclass(frozen=True)
class Created:
    """A new room: its code (for the join link) and the lecturer's token (never in it)."""

    code: str
    lecturer_token: str


@dataclass(frozen=True)
class Joined:
    """A player in a room: their id there, their token (keep it) and their nickname."""

    player_id: int
    player_token: str
    nickname: str


@dataclass(frozen=True)
class Player:
    """A player found by their token: id, nickname, the current round and their forecast
    for it (None before they submit)."""

    player_id: int
    nickname: str
    round: int
    forecast: tuple[float, ...] | None


@dataclass(frozen=True)
class Submitted:
    """An acknowledged forecast: the round, and how many times it has been submitted."""

    round: int
    revision: int


@dataclass(frozen=True)
class RoomView:
    """What a page shows of a room (``snapshot``).

    ``players`` maps player ids to nicknames; ``submissions`` counts the forecasts of the
    current round; ``outcomes`` and ``forecasts`` hold the drawn rounds only (round →
    outcomes; round → player id → q), so nobody sees another's forecast before the draw;
    ``p`` is None until the first draw, except for the lecturer.
    """

    code: str
    names: tuple[str, ...]
    per_round: int
    floor: float | None
    phase: Phase
    round: int
    version: int
    expires_at: float
    players: dict[int, str]
    submissions: int
    outcomes: dict[int, tuple[int, ...]]
    forecasts: dict[int, dict[int, tuple[float, ...]]]
    p: tuple[float, ...] | None
    is_lecturer: bool

    @property
    def k(self) -> int:
        """The number of outcomes."""
        return len(self.names)


@dataclass(frozen=True)
class ResultRow:
    """One player in one drawn round, for the lecturer's CSV; scores from
    ``xent_core.game.score`` (floor applied), None where the player did not submit."""

    round: int
    player_id: int
    nickname: str
    forecast: tuple[float, ...] | None
    outcomes: tuple[int, ...]
    log_loss: float | None
    brier: float | None
    hits: float | None


@dataclass(frozen=True)
class _Room:
    code: str
    lecturer_hash: str
    names: tuple[str, ...]
    p: tuple[float, ...]
    per_round: int
    floor: float | None
    seed: int
    round: int
    phase: Phase
    version: int
    expires_at: float

    @classmethod
    def from_row(cls, row: tuple) -> _Room:
        code, lecturer_hash, names, p, per_round, floor, seed, round_, phase, version, ends = row
        return cls(
            code, lecturer_hash, tuple(json.loads(names)), tuple(json.loads(p)),
            int(per_round), None if floor is None else float(floor), int(seed), int(round_),
            phase, int(version), float(ends),
        )  # fmt: skip


# --- validation (before any SQL) --------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _code(code: object) -> str:
    text = code.strip().upper() if isinstance(code, str) else ""
    if len(text) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in text):
        raise GameError(
            f"That is not a room code: a code is {CODE_LENGTH} characters from "
            f"{CODE_ALPHABET} (no I, L, O, 0 or 1). Check the code on the projector."
        )
    return text


def _token(token: object, whose: str) -> str:
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        raise GameError(
            f"This {whose} key is damaged or missing: open the link you were given again."
        )
    return token


def _label(text: object, what: str, limit: int) -> str:
    """A nickname or an outcome name: 1 to ``limit`` printable characters, trimmed."""
    if not isinstance(text, str):
        raise GameError(f"The {what} must be text.")
    text = text.strip()
    if not text:
        raise GameError(f"The {what} is empty: type 1 to {limit} characters.")
    if len(text) > limit:
        raise GameError(
            f"A {what} has at most {limit} characters; this one has {len(text)}. Shorten it."
        )
    if not text.isprintable():
        raise GameError(
            f"A {what} cannot contain control or invisible characters "
            "(line breaks, tabs, …): type it again."
        )
    return text


def _key(text: str) -> str:
    """Equal for names that differ only in case or Unicode form ("Ana", "ANA", "ａｎａ")."""
    return unicodedata.normalize("NFKC", text).casefold()


def _names(names: object) -> tuple[str, ...]:
    if isinstance(names, np.ndarray):
        names = names.tolist()
    if isinstance(names, str | bytes) or not isinstance(names, Sequence):
        raise GameError("The outcomes must be a list of names, e.g. heads, tails.")
    if not MIN_OUTCOMES <= len(names) <= MAX_OUTCOMES:
        raise GameError(
            f"A source has {MIN_OUTCOMES} to {MAX_OUTCOMES} outcomes (a coin to a die), "
            f"not {len(names)}."
        )
    labels = tuple(_label(n, "outcome name", NAME_MAX) for n in names)
    if len({_key(n) for n in labels}) != len(labels):
        raise GameError("Two outcomes have the same name: give each outcome its own name.")
    return labels


def _probabilities(values: object, k: int, what: str) -> tuple[float, ...]:
    """K finite probabilities ≥ 0 summing to 1 (± ``SUM_TOLERANCE``)."""
    if isinstance(values, np.ndarray):
        values = values.tolist()
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise GameError(f"The {what} must be a list of {k} probabilities, one per outcome.")
    if len(values) != k:
        raise GameError(
            f"The {what} must give each of the {k} outcomes a probability, not {len(values)}."
        )
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
            raise GameError(f"Every probability in the {what} must be a number from 0 to 1.")
        if v < 0:
            raise GameError(f"The {what} has a negative probability; use 0 or more.")
        out.append(float(v))
    total = math.fsum(out)
    if abs(total - 1) > SUM_TOLERANCE:
        raise GameError(f"The {what}'s probabilities must add up to 1; they add up to {total:g}.")
    return tuple(out)


def _source(
    names: object, p: object, per_round: object, floor: object
) -> tuple[tuple[str, ...], tuple[float, ...], int, float | None]:
    labels = _names(names)
    k = len(labels)
    probabilities = _probabilities(p, k, "source p")
    if (
        isinstance(per_round, bool)
        or not isinstance(per_round, numbers.Integral)
        or not 1 <= per_round <= MAX_PER_ROUND
    ):
        raise GameError(f"Each round draws 1 to {MAX_PER_ROUND} outcomes.")
    if floor is not None and (
        isinstance(floor, bool)
        or not isinstance(floor, numbers.Real)
        or not 0 < floor < 1 / k  # also refuses NaN
    ):
        raise GameError(
            f"The floor must be a number above 0 and below 1/{k} (e.g. 0.01), or no floor."
        )
    return labels, probabilities, int(per_round), None if floor is None else float(floor)


# --- the room's row ---------------------------------------------------------------------


def _missing(code: str) -> GameError:
    return GameError(
        f"There is no room {code}: check the code on the projector. "
        f"Rooms close {ROOM_TTL / 3600:g} hours after they are made."
    )


def _lock(tx: Transaction, code: str, now: float) -> _Room:
    """Lock a live room for this transaction (its version + 1) and read it."""
    changed = tx.execute(
        "UPDATE rooms SET version = version + 1 WHERE code = ? AND expires_at > ?", (code, now)
    )
    if changed != 1:
        raise _missing(code)
    row = tx.fetchone(f"SELECT {_ROOM_COLUMNS} FROM rooms WHERE code = ?", (code,))
    assert row is not None
    return _Room.from_row(row)


def _read(tx: Transaction, code: str, now: float) -> _Room:
    row = tx.fetchone(
        f"SELECT {_ROOM_COLUMNS} FROM rooms WHERE code = ? AND expires_at > ?", (code, now)
    )
    if row is None:
        raise _missing(code)
    return _Room.from_row(row)


def _check_lecturer(room: _Room, token: str) -> None:
    if not hmac.compare_digest(room.lecturer_hash, _hash(token)):
        raise GameError(
            f"Only the lecturer who made room {room.code} can do this, from the page "
            "where they made it."
        )


def _player(tx: Transaction, code: str, token: str) -> tuple[int, str]:
    row = tx.fetchone(
        "SELECT id, nickname FROM players WHERE room = ? AND token_hash = ?",
        (code, _hash(token)),
    )
    if row is None:
        raise GameError(f"You are not in room {code} (or your key is damaged): join it again.")
    return int(row[0]), str(row[1])


def _q(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in json.loads(text))


# --- the operations ---------------------------------------------------------------------


def create_room(
    store: Store,
    *,
    names: Sequence[str],
    p: Sequence[float],
    per_round: int,
    floor: float | None,
    seed: int | None = None,
) -> Created:
    """Make a room with a hidden source: K (2–6) outcome ``names``, their probabilities
    ``p``, ``per_round`` (1–100) outcomes drawn each round and an optional ``floor``
    (0 < floor < 1/K) on forecasts when scoring. ``seed`` (≥ 0; random when None) seeds
    every round's draw. Also deletes expired rooms; refused when ``MAX_ROOMS`` are open.
    """
    labels, probabilities, per_round, floor = _source(names, p, per_round, floor)
    if seed is None:
        seed = secrets.randbits(62)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or not 0 <= seed < 2**63:
        raise GameError("The seed must be a whole number from 0 to 2**63 - 1.")
    token = secrets.token_urlsafe(24)
    now = time.time()
    with store.transaction() as tx:
        # The meta row serialises creates (and expiry), so the room limit holds.
        tx.execute("UPDATE game_meta SET lock_count = lock_count + 1 WHERE id = 1")
        _delete_expired(tx, now)
        (live,) = tx.fetchone("SELECT COUNT(*) FROM rooms") or (0,)
        if live >= MAX_ROOMS:
            raise GameError(
                f"The server already has {MAX_ROOMS} rooms open, its limit: try again later, "
                "or ask its operator to close old rooms."
            )
        for _ in range(20):
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            inserted = tx.execute(
                "INSERT INTO rooms (code, lecturer_hash, names, p, per_round, floor, seed,"
                " round, phase, version, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'open', 1, ?, ?)"
                " ON CONFLICT (code) DO NOTHING",
                (
                    code, _hash(token), json.dumps(labels, ensure_ascii=False),
                    json.dumps(probabilities), per_round, floor, int(seed), now, now + ROOM_TTL,
                ),
            )  # fmt: skip
            if inserted == 1:
                return Created(code, token)
    raise GameError("Could not find a free room code: try again.")  # pragma: no cover


def set_source(
    store: Store,
    code: str,
    lecturer_token: str,
    *,
    names: Sequence[str],
    p: Sequence[float],
    per_round: int,
    floor: float | None,
) -> None:
    """Change the hidden source (as in ``create_room``) before the first draw. The number
    of outcomes cannot change once someone has submitted a forecast."""
    code = _code(code)
    _token(lecturer_token, "lecturer")
    labels, probabilities, per_round, floor = _source(names, p, per_round, floor)
    with store.transaction() as tx:
        room = _lock(tx, code, time.time())
        _check_lecturer(room, lecturer_token)
        if room.round > 1 or room.phase == "drawn":
            raise GameError("The source is fixed once outcomes have been drawn.")
        if len(labels) != len(room.names):
            (submitted,) = tx.fetchone(
                "SELECT COUNT(*) FROM forecasts WHERE room = ?", (code,)
            ) or (0,)
            if submitted:
                raise GameError(
                    f"Players have already forecast {len(room.names)} outcomes: keep "
                    f"{len(room.names)} outcomes, or make a new room."
                )
        tx.execute(
            "UPDATE rooms SET names = ?, p = ?, per_round = ?, floor = ? WHERE code = ?",
            (json.dumps(labels, ensure_ascii=False), json.dumps(probabilities), per_round,
             floor, code),
        )  # fmt: skip


def join(store: Store, code: str, nickname: str) -> Joined:
    """Join room ``code`` as ``nickname`` (1–20 printable characters, unique in the room
    whatever the case); keep the returned token to come back (``rejoin``) and submit."""
    code = _code(code)
    nickname = _label(nickname, "nickname", NICKNAME_MAX)
    token = secrets.token_urlsafe(24)
    now = time.time()
    with store.transaction() as tx:
        _lock(tx, code, now)
        count, top = tx.fetchone(
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM players WHERE room = ?", (code,)
        ) or (0, 0)
        if count >= MAX_PLAYERS_PER_ROOM:
            raise GameError(f"Room {code} is full ({MAX_PLAYERS_PER_ROOM} players).")
        key = _key(nickname)
        if tx.fetchone("SELECT 1 FROM players WHERE room = ? AND nickname_key = ?", (code, key)):
            raise GameError(f"Someone in room {code} is already called that: choose another.")
        player_id = int(top) + 1
        tx.execute(
            "INSERT INTO players (room, id, nickname, nickname_key, token_hash, joined_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (code, player_id, nickname, key, _hash(token), now),
        )
    return Joined(player_id, token, nickname)


def rejoin(store: Store, code: str, player_token: str) -> Player:
    """The player holding ``player_token`` in room ``code`` (after a reload or on another
    replica), with their forecast for the current round."""
    code = _code(code)
    _token(player_token, "player")
    with store.transaction(write=False) as tx:
        room = _read(tx, code, time.time())
        player_id, nickname = _player(tx, code, player_token)
        row = tx.fetchone(
            "SELECT q FROM forecasts WHERE room = ? AND round = ? AND player = ?",
            (code, room.round, player_id),
        )
    return Player(player_id, nickname, room.round, None if row is None else _q(row[0]))


def submit(
    store: Store,
    code: str,
    player_token: str,
    q: Sequence[float],
    *,
    expected_round: int | None = None,
) -> Submitted:
    """Store the player's forecast ``q`` (K probabilities ≥ 0 summing to 1) for the open
    round, replacing an earlier one. With ``expected_round``, refused if the room has moved
    to another round. Once this returns, the forecast is in the database."""
    code = _code(code)
    _token(player_token, "player")
    now = time.time()
    with store.transaction() as tx:
        room = _lock(tx, code, now)
        player_id, _ = _player(tx, code, player_token)
        forecast = _probabilities(q, len(room.names), "forecast")
        if expected_round is not None and expected_round != room.round:
            raise GameError(
                f"Round {expected_round} is over; the room is on round {room.round}: "
                "set your forecast again."
            )
        if room.phase != "open":
            raise GameError(
                f"Round {room.round} is closed: wait for the lecturer to open the next round."
            )
        tx.execute(
            "INSERT INTO forecasts (room, round, player, q, revision, submitted_at)"
            " VALUES (?, ?, ?, ?, 1, ?)"
            " ON CONFLICT (room, round, player) DO UPDATE SET q = excluded.q,"
            " revision = forecasts.revision + 1, submitted_at = excluded.submitted_at",
            (code, room.round, player_id, json.dumps(forecast), now),
        )
        (revision,) = tx.fetchone(
            "SELECT revision FROM forecasts WHERE room = ? AND round = ? AND player = ?",
            (code, room.round, player_id),
        ) or (0,)
    return Submitted(room.round, int(revision))


def close_round(store: Store, code: str, lecturer_token: str) -> None:
    """Stop taking forecasts for the current round (nothing to do if already closed)."""
    code = _code(code)
    _token(lecturer_token, "lecturer")
    with store.transaction() as tx:
        room = _lock(tx, code, time.time())
        _check_lecturer(room, lecturer_token)
        if room.phase == "drawn":
            raise GameError(f"Round {room.round} is already drawn: start the next round.")
        tx.execute("UPDATE rooms SET phase = 'closed' WHERE code = ?", (code,))


def draw(store: Store, code: str, lecturer_token: str) -> tuple[int, ...]:
    """Close the round if it is open and draw its outcomes (class indices) from p, seeded
    by the room's seed and the round's number; the same outcomes if already drawn."""
    code = _code(code)
    _token(lecturer_token, "lecturer")
    now = time.time()
    with store.transaction() as tx:
        room = _lock(tx, code, now)
        _check_lecturer(room, lecturer_token)
        if room.phase == "drawn":
            row = tx.fetchone(
                "SELECT outcomes FROM draws WHERE room = ? AND round = ?", (code, room.round)
            )
            assert row is not None
            return tuple(json.loads(row[0]))
        outcomes = tuple(
            int(x)
            for x in draw_round(room.p, room.per_round, seed=room.seed, round_number=room.round)
        )
        tx.execute(
            "INSERT INTO draws (room, round, outcomes, drawn_at) VALUES (?, ?, ?, ?)",
            (code, room.round, json.dumps(outcomes), now),
        )
        tx.execute("UPDATE rooms SET phase = 'drawn' WHERE code = ?", (code,))
    return outcomes


def next_round(store: Store, code: str, lecturer_token: str) -> int:
    """Open the next round (after the current one is drawn); its number."""
    code = _code(code)
    _token(lecturer_token, "lecturer")
    with store.transaction() as tx:
        room = _lock(tx, code, time.time())
        _check_lecturer(room, lecturer_token)
        if room.phase != "drawn":
            raise GameError(f"Draw round {room.round}'s outcomes before starting the next.")
        if room.round >= MAX_ROUNDS:
            raise GameError(f"A room plays at most {MAX_ROUNDS} rounds: make a new room.")
        tx.execute("UPDATE rooms SET round = round + 1, phase = 'open' WHERE code = ?", (code,))
    return room.round + 1


@dataclass(frozen=True)
class Progress:
    """Where a room is (``progress``): what a polling page compares with what it drew."""

    version: int
    round: int
    phase: Phase


def progress(store: Store, code: str) -> Progress:
    """Room ``code``'s version, round and phase: the room's row alone, one read (the pages
    poll this every 2 s; ``snapshot`` reads everything and is for drawing)."""
    code = _code(code)
    with store.transaction(write=False) as tx:
        room = _read(tx, code, time.time())
    return Progress(room.version, room.round, room.phase)


def snapshot(store: Store, code: str, *, lecturer_token: str | None = None) -> RoomView:
    """Room ``code`` as the pages show it (one consistent read). With the lecturer's token
    (refused if wrong), p is shown before the first draw too."""
    code = _code(code)
    if lecturer_token is not None:
        _token(lecturer_token, "lecturer")
    now = time.time()
    with store.transaction(write=False) as tx:
        room = _read(tx, code, now)
        if lecturer_token is not None:
            _check_lecturer(room, lecturer_token)
        players = dict(
            tx.fetchall("SELECT id, nickname FROM players WHERE room = ? ORDER BY id", (code,))
        )
        (submissions,) = tx.fetchone(
            "SELECT COUNT(*) FROM forecasts WHERE room = ? AND round = ?", (code, room.round)
        ) or (0,)
        outcomes = {
            int(r): tuple(json.loads(o))
            for r, o in tx.fetchall(
                "SELECT round, outcomes FROM draws WHERE room = ? ORDER BY round", (code,)
            )
        }
        forecasts: dict[int, dict[int, tuple[float, ...]]] = {r: {} for r in outcomes}
        for r, player, q in tx.fetchall(
            "SELECT f.round, f.player, f.q FROM forecasts f JOIN draws d"
            " ON d.room = f.room AND d.round = f.round"
            " WHERE f.room = ? ORDER BY f.round, f.player",
            (code,),
        ):
            forecasts[int(r)][int(player)] = _q(q)
    is_lecturer = lecturer_token is not None
    return RoomView(
        code=room.code,
        names=room.names,
        per_round=room.per_round,
        floor=room.floor,
        phase=room.phase,
        round=room.round,
        version=room.version,
        expires_at=room.expires_at,
        players={int(i): str(n) for i, n in players.items()},
        submissions=int(submissions),
        outcomes=outcomes,
        forecasts=forecasts,
        p=room.p if outcomes or is_lecturer else None,
        is_lecturer=is_lecturer,
    )


def results_rows(store: Store, code: str, lecturer_token: str) -> list[ResultRow]:
    """Every player in every drawn round, by round then player, for the lecturer's CSV."""
    code = _code(code)
    _token(lecturer_token, "lecturer")
    with store.transaction(write=False) as tx:
        room = _read(tx, code, time.time())
        _check_lecturer(room, lecturer_token)
        players = tx.fetchall(
            "SELECT id, nickname FROM players WHERE room = ? ORDER BY id", (code,)
        )
        draws = tx.fetchall(
            "SELECT round, outcomes FROM draws WHERE room = ? ORDER BY round", (code,)
        )
        submitted = {
            (int(r), int(pl)): _q(q)
            for r, pl, q in tx.fetchall(
                "SELECT round, player, q FROM forecasts WHERE room = ?", (code,)
            )
        }
    rows = []
    for r, text in draws:
        outcomes = tuple(int(x) for x in json.loads(text))
        for player_id, nickname in players:
            q = submitted.get((int(r), int(player_id)))
            s = None if q is None else score(q, outcomes, floor=room.floor)
            rows.append(
                ResultRow(
                    round=int(r), player_id=int(player_id), nickname=str(nickname),
                    forecast=q, outcomes=outcomes,
                    log_loss=None if s is None else s.log_loss,
                    brier=None if s is None else s.brier,
                    hits=None if s is None else s.hits,
                )
            )  # fmt: skip
    return rows


def _delete_expired(tx: Transaction, now: float) -> int:
    # Lock the expired rooms first (other operations lock one live room and never wait
    # for a second), then delete their rows children first.
    expired = "SELECT code FROM rooms WHERE expires_at <= ?"
    count = tx.execute("UPDATE rooms SET version = version + 1 WHERE expires_at <= ?", (now,))
    if count:
        for table in ("forecasts", "draws", "players"):
            tx.execute(f"DELETE FROM {table} WHERE room IN ({expired})", (now,))
        tx.execute("DELETE FROM rooms WHERE expires_at <= ?", (now,))
    return count


def expire(store: Store, now: float | None = None) -> int:
    """Delete every room whose time is up (at ``now``, default the current time) with all
    its players, forecasts and draws; the number of rooms deleted."""
    now = time.time() if now is None else float(now)
    with store.transaction() as tx:
        tx.execute("UPDATE game_meta SET lock_count = lock_count + 1 WHERE id = 1")
        return _delete_expired(tx, now)

"""xent_game.rooms on both backends: the game's flow, one transaction per change, many
players at once, expiry, limits and hostile input (refused with a message, nothing changed).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from tests.game.helpers import Injected, count_transactions, dump, fail_at, room_rows
from xent_core.game import draw_round, score
from xent_game import rooms
from xent_game.rooms import GameError

COIN = {"names": ["heads", "tails"], "p": [0.7, 0.3], "per_round": 5, "floor": None}
DIE = {"names": list("ABC"), "p": [0.2, 0.3, 0.5], "per_round": 10, "floor": 0.01}


def make_room(store, seed=7, **source):
    return rooms.create_room(store, **{**COIN, **source}, seed=seed)


# --- the flow ---------------------------------------------------------------------------


def test_a_room_plays_two_rounds(store):
    room = rooms.create_room(store, **DIE, seed=123)
    ana = rooms.join(store, room.code, "Ana")
    bo = rooms.join(store, room.code, "  Bo  ")
    assert (ana.player_id, bo.player_id, bo.nickname) == (1, 2, "Bo")

    view = rooms.snapshot(store, room.code)
    assert (view.phase, view.round, view.players, view.submissions) == (
        "open", 1, {1: "Ana", 2: "Bo"}, 0,
    )  # fmt: skip
    assert view.names == ("A", "B", "C") and view.k == 3 and view.floor == 0.01
    assert view.p is None and view.outcomes == {} and view.forecasts == {}
    assert rooms.snapshot(store, room.code, lecturer_token=room.lecturer_token).p == (
        0.2, 0.3, 0.5,
    )  # fmt: skip

    assert rooms.submit(store, room.code, ana.player_token, [0.2, 0.3, 0.5]).revision == 1
    assert rooms.submit(store, room.code, bo.player_token, [1, 0, 0]) == rooms.Submitted(1, 1)
    assert rooms.submit(store, room.code, bo.player_token, [0.9, 0.1, 0.0]).revision == 2
    view = rooms.snapshot(store, room.code)
    assert view.submissions == 2 and view.forecasts == {}  # nobody sees a forecast yet
    assert rooms.rejoin(store, room.code, bo.player_token) == rooms.Player(
        2, "Bo", 1, (0.9, 0.1, 0.0)
    )

    rooms.close_round(store, room.code, room.lecturer_token)
    rooms.close_round(store, room.code, room.lecturer_token)  # a second click: no harm
    with pytest.raises(GameError, match="Round 1 is closed"):
        rooms.submit(store, room.code, ana.player_token, [0.1, 0.1, 0.8])
    first = rooms.draw(store, room.code, room.lecturer_token)
    assert first == tuple(draw_round([0.2, 0.3, 0.5], 10, seed=123, round_number=1).tolist())
    assert rooms.draw(store, room.code, room.lecturer_token) == first  # replayed, not redrawn

    view = rooms.snapshot(store, room.code)
    assert view.phase == "drawn" and view.outcomes == {1: first}
    assert view.p == (0.2, 0.3, 0.5)  # revealed after the draw
    assert view.forecasts == {1: {1: (0.2, 0.3, 0.5), 2: (0.9, 0.1, 0.0)}}

    with pytest.raises(GameError, match="already drawn"):
        rooms.close_round(store, room.code, room.lecturer_token)
    assert rooms.next_round(store, room.code, room.lecturer_token) == 2
    with pytest.raises(GameError, match="Draw round 2"):
        rooms.next_round(store, room.code, room.lecturer_token)
    assert rooms.rejoin(store, room.code, bo.player_token).forecast is None
    with pytest.raises(GameError, match="Round 1 is over"):
        rooms.submit(store, room.code, ana.player_token, [0.2, 0.3, 0.5], expected_round=1)
    rooms.submit(store, room.code, ana.player_token, [0.25, 0.25, 0.5], expected_round=2)
    second = rooms.draw(store, room.code, room.lecturer_token)  # closes and draws at once
    assert second == tuple(draw_round([0.2, 0.3, 0.5], 10, seed=123, round_number=2).tolist())

    view = rooms.snapshot(store, room.code)
    assert view.outcomes == {1: first, 2: second}
    assert view.forecasts[2] == {1: (0.25, 0.25, 0.5)}  # Bo sat round 2 out

    rows = rooms.results_rows(store, room.code, room.lecturer_token)
    assert [(r.round, r.nickname) for r in rows] == [(1, "Ana"), (1, "Bo"), (2, "Ana"), (2, "Bo")]
    for row in rows:
        if row.forecast is None:
            assert (row.round, row.log_loss, row.brier, row.hits) == (2, None, None, None)
            continue
        expected = score(row.forecast, row.outcomes, floor=0.01)
        assert (row.log_loss, row.brier, row.hits) == (
            expected.log_loss, expected.brier, expected.hits,
        )  # fmt: skip
    assert rows[1].forecast == (0.9, 0.1, 0.0) and rows[1].outcomes == first


def test_the_draws_follow_p_and_the_seed(store):
    a = make_room(store, seed=5, per_round=100, p=[0.25, 0.75])
    b = make_room(store, seed=5, per_round=100, p=[0.25, 0.75])
    c = make_room(store, seed=6, per_round=100, p=[0.25, 0.75])
    drawn = {r.code: rooms.draw(store, r.code, r.lecturer_token) for r in (a, b, c)}
    assert drawn[a.code] == drawn[b.code] != drawn[c.code]
    assert 0.6 < np.mean(drawn[a.code]) < 0.9
    never = make_room(store, p=[1.0, 0.0], per_round=100)
    assert set(rooms.draw(store, never.code, never.lecturer_token)) == {0}


def test_the_source_can_change_until_the_first_draw(store):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    rooms.set_source(store, room.code, room.lecturer_token, **DIE)
    view = rooms.snapshot(store, room.code, lecturer_token=room.lecturer_token)
    assert (view.names, view.p, view.per_round, view.floor) == (
        ("A", "B", "C"), (0.2, 0.3, 0.5), 10, 0.01,
    )  # fmt: skip
    rooms.submit(store, room.code, ana.player_token, [0.2, 0.3, 0.5])
    with pytest.raises(GameError, match="keep 3 outcomes"):
        rooms.set_source(store, room.code, room.lecturer_token, **COIN)
    rooms.set_source(store, room.code, room.lecturer_token, **{**DIE, "p": [0.5, 0.25, 0.25]})
    rooms.draw(store, room.code, room.lecturer_token)
    with pytest.raises(GameError, match="fixed once outcomes have been drawn"):
        rooms.set_source(store, room.code, room.lecturer_token, **DIE)


def test_every_change_bumps_the_version(store):
    room = make_room(store)
    versions = [rooms.snapshot(store, room.code).version]
    ana = rooms.join(store, room.code, "Ana")
    versions.append(rooms.snapshot(store, room.code).version)
    rooms.submit(store, room.code, ana.player_token, [0.5, 0.5])
    versions.append(rooms.snapshot(store, room.code).version)
    rooms.draw(store, room.code, room.lecturer_token)
    versions.append(rooms.snapshot(store, room.code).version)
    assert versions == sorted(set(versions))


def test_progress_is_the_snapshot_s_version_round_and_phase(store):
    room = make_room(store)
    for step in (
        lambda: None,
        lambda: rooms.join(store, room.code, "Ana"),
        lambda: rooms.draw(store, room.code, room.lecturer_token),
        lambda: rooms.next_round(store, room.code, room.lecturer_token),
    ):
        step()
        view = rooms.snapshot(store, room.code)
        assert rooms.progress(store, room.code) == rooms.Progress(
            view.version, view.round, view.phase
        )
    with pytest.raises(GameError):
        rooms.progress(store, "ZZZZZZ")


# --- one transaction per change -----------------------------------------------------------


OPERATIONS = {
    "create_room": lambda store, room, ana: rooms.create_room(store, **COIN),
    "join": lambda store, room, ana: rooms.join(store, room.code, "Bo"),
    "submit": lambda store, room, ana: rooms.submit(store, room.code, ana.player_token, [0.5, 0.5]),
    "set_source": lambda store, room, ana: rooms.set_source(
        store, room.code, room.lecturer_token, **{**COIN, "p": [0.4, 0.6]}
    ),
    "close_round": lambda store, room, ana: rooms.close_round(
        store, room.code, room.lecturer_token
    ),
    "draw": lambda store, room, ana: rooms.draw(store, room.code, room.lecturer_token),
    "next_round": lambda store, room, ana: rooms.next_round(store, room.code, room.lecturer_token),
    "expire": lambda store, room, ana: rooms.expire(store, time.time() + 2 * rooms.ROOM_TTL),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_each_change_is_all_or_nothing(store, monkeypatch, operation):
    """A failure at any statement of an operation leaves the database as it was."""
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    if operation == "next_round":
        rooms.draw(store, room.code, room.lecturer_token)
    else:
        rooms.submit(store, room.code, ana.player_token, [0.6, 0.4])
    for k in range(1, 100):
        before = dump(store)
        try:
            with fail_at(monkeypatch, k):
                OPERATIONS[operation](store, room, ana)
        except Injected:
            assert dump(store) == before, f"statement {k} left a change behind"
            continue
        break
    assert k > 2, "an operation runs several statements"
    assert dump(store) != before  # and its success changed something


def test_each_operation_opens_exactly_one_transaction(store, monkeypatch):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    calls = [
        lambda: rooms.create_room(store, **COIN),
        lambda: rooms.join(store, room.code, "Bo"),
        lambda: rooms.rejoin(store, room.code, ana.player_token),
        lambda: rooms.submit(store, room.code, ana.player_token, [0.5, 0.5]),
        lambda: rooms.set_source(store, room.code, room.lecturer_token, **COIN),
        lambda: rooms.close_round(store, room.code, room.lecturer_token),
        lambda: rooms.draw(store, room.code, room.lecturer_token),
        lambda: rooms.snapshot(store, room.code),
        lambda: rooms.results_rows(store, room.code, room.lecturer_token),
        lambda: rooms.next_round(store, room.code, room.lecturer_token),
        lambda: rooms.expire(store),
    ]
    for call in calls:
        with count_transactions(monkeypatch, store) as count:
            call()
        assert count == [1]


# --- many players at once -----------------------------------------------------------------


def test_concurrent_joins_and_submissions_lose_nothing(store):
    room = make_room(store, **DIE)
    players, submissions = 50, 4
    barrier = threading.Barrier(players)

    def play(i: int) -> tuple[int, list[tuple[float, ...]]]:
        barrier.wait()
        joined = rooms.join(store, room.code, f"player {i}")
        acknowledged = []
        for s in range(submissions):
            q = (s / 10, 0.5 - s / 10, 0.5)
            ack = rooms.submit(store, room.code, joined.player_token, q)
            assert ack == rooms.Submitted(1, s + 1)
            acknowledged.append(q)
        return joined.player_id, acknowledged

    with ThreadPoolExecutor(players) as pool:
        results = dict(pool.map(play, range(players)))
    assert sorted(results) == list(range(1, players + 1))  # ids unique, none skipped
    with store.transaction(write=False) as tx:
        rows = tx.fetchall("SELECT player, q, revision FROM forecasts WHERE room = ?", (room.code,))
    assert len(rows) == players
    assert sum(r[2] for r in rows) == players * submissions  # every acknowledged submission
    view_q = {player: rooms._q(q) for player, q, _ in rows}
    assert view_q == {player: acks[-1] for player, acks in results.items()}  # the last one
    assert rooms.snapshot(store, room.code).submissions == players


def test_a_round_closed_during_submissions_keeps_exactly_the_acknowledged_ones(store):
    room = make_room(store)
    joined = [rooms.join(store, room.code, f"p{i}") for i in range(20)]
    acknowledged, refused = [], []
    lock = threading.Lock()
    start = threading.Barrier(len(joined) + 1)

    def keep_submitting(player) -> None:
        start.wait()
        for _ in range(30):
            try:
                rooms.submit(store, room.code, player.player_token, [0.5, 0.5])
            except GameError as error:
                assert "closed" in str(error)
                with lock:
                    refused.append(player.player_id)
                return
            with lock:
                acknowledged.append(player.player_id)

    threads = [threading.Thread(target=keep_submitting, args=(p,)) for p in joined]
    for t in threads:
        t.start()
    start.wait()
    rooms.close_round(store, room.code, room.lecturer_token)
    for t in threads:
        t.join()
    with store.transaction(write=False) as tx:
        stored = dict(
            tx.fetchall("SELECT player, revision FROM forecasts WHERE room = ?", (room.code,))
        )
    counts = {pid: acknowledged.count(pid) for pid in set(acknowledged)}
    assert stored == counts


# --- expiry -------------------------------------------------------------------------------


def _populated(store):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    rooms.submit(store, room.code, ana.player_token, [0.5, 0.5])
    rooms.draw(store, room.code, room.lecturer_token)
    rooms.next_round(store, room.code, room.lecturer_token)
    rooms.submit(store, room.code, ana.player_token, [0.9, 0.1])
    return room


def test_expiry_deletes_every_row_of_a_room_and_nothing_else(store, monkeypatch):
    monkeypatch.setattr(rooms, "ROOM_TTL", 60.0)
    old = _populated(store)
    monkeypatch.setattr(rooms, "ROOM_TTL", 3600.0)
    young = _populated(store)
    kept = room_rows(store, young.code)
    assert all(room_rows(store, old.code).values())  # a row in every table
    assert rooms.expire(store, now=time.time() + 600) == 1
    assert room_rows(store, old.code) == {"players": [], "forecasts": [], "draws": [], "rooms": []}
    assert room_rows(store, young.code) == kept
    assert rooms.expire(store, now=time.time() + 600) == 0
    assert rooms.expire(store, now=time.time() + 7200) == 1
    assert all(not rows for table, rows in dump(store).items() if table not in {
        "game_meta", "schema_version",
    })  # fmt: skip


def test_an_expired_room_is_closed_before_it_is_deleted(store, monkeypatch):
    monkeypatch.setattr(rooms, "ROOM_TTL", 0.0)
    room = make_room(store)
    before = dump(store)
    for call in (
        lambda: rooms.join(store, room.code, "Ana"),
        lambda: rooms.snapshot(store, room.code),
        lambda: rooms.draw(store, room.code, room.lecturer_token),
    ):
        with pytest.raises(GameError, match=f"There is no room {room.code}"):
            call()
    assert dump(store) == before
    monkeypatch.setattr(rooms, "ROOM_TTL", 3600.0)
    make_room(store)  # creating a room clears the expired ones
    assert room_rows(store, room.code)["rooms"] == []


# --- limits -------------------------------------------------------------------------------


def test_limits_on_players_rooms_and_rounds(store, monkeypatch):
    monkeypatch.setattr(rooms, "MAX_PLAYERS_PER_ROOM", 3)
    monkeypatch.setattr(rooms, "MAX_ROOMS", 2)
    monkeypatch.setattr(rooms, "MAX_ROUNDS", 2)
    room = make_room(store)
    for name in ("a", "b", "c"):
        rooms.join(store, room.code, name)
    before = dump(store)
    with pytest.raises(GameError, match=r"is full \(3 players\)"):
        rooms.join(store, room.code, "d")
    make_room(store)
    with pytest.raises(GameError, match="already has 2 rooms open"):
        make_room(store)
    rooms.draw(store, room.code, room.lecturer_token)
    rooms.next_round(store, room.code, room.lecturer_token)
    rooms.draw(store, room.code, room.lecturer_token)
    with pytest.raises(GameError, match="at most 2 rounds"):
        rooms.next_round(store, room.code, room.lecturer_token)
    assert len(dump(store)["rooms"]) == 2 and len(before["players"]) == 3
    rooms.expire(store, now=time.time() + 2 * rooms.ROOM_TTL)
    make_room(store)  # room for a new one once the old have expired


def test_concurrent_creates_respect_the_room_limit(store, monkeypatch):
    monkeypatch.setattr(rooms, "MAX_ROOMS", 5)
    barrier = threading.Barrier(12)

    def create(_: int) -> str:
        barrier.wait()
        try:
            return make_room(store).code
        except GameError:
            return "refused"

    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(create, range(12)))
    assert outcomes.count("refused") == 7
    assert len(dump(store)["rooms"]) == 5


# --- secrets --------------------------------------------------------------------------------


def test_tokens_are_stored_only_as_sha256_hashes(store):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    assert len(room.lecturer_token) >= 32 and len(ana.player_token) >= 32
    assert room.lecturer_token != ana.player_token
    assert set(room.code) <= set(rooms.CODE_ALPHABET) and len(room.code) == 6
    everything = repr(dump(store))
    for token in (room.lecturer_token, ana.player_token):
        assert token not in everything
        assert hashlib.sha256(token.encode()).hexdigest() in everything


# --- hostile input ----------------------------------------------------------------------------

TEN_KB = "x" * 10_240


def _refused(store, call, match):
    before = dump(store)
    with pytest.raises(GameError, match=match) as refused:
        call()
    assert dump(store) == before
    message = str(refused.value)
    assert 20 < len(message) < 300 and TEN_KB[:100] not in message
    return message


@pytest.mark.parametrize(
    ("nickname", "match"),
    [
        ("", "nickname is empty"),
        ("   ", "nickname is empty"),
        ("a" * 21, "at most 20 characters; this one has 21"),
        (TEN_KB, "at most 20 characters"),
        ("<script>alert(1)</script>", "at most 20 characters"),
        ("a\x00b", "control or invisible"),
        ("line\nbreak", "control or invisible"),
        ("tab\there", "control or invisible"),
        ("\x1b[31mred", "control or invisible"),
        ("zero\u200bwidth", "control or invisible"),
        ("rtl\u202eevil", "control or invisible"),
        ("del\x7f", "control or invisible"),
        (None, "must be text"),
        (42, "must be text"),
        (b"bytes", "must be text"),
    ],
)
def test_bad_nicknames_are_refused(store, nickname, match):
    room = make_room(store)
    _refused(store, lambda: rooms.join(store, room.code, nickname), match)


@pytest.mark.parametrize(
    "nickname",
    ["<b>Bo</b>", "<img src=x>", "';DROP TABLE players", "1' OR '1'='1", "Zoë 🎲", "%s %d ?"],
)
def test_html_and_sql_in_nicknames_are_kept_as_inert_text(store, nickname):
    room = make_room(store)
    joined = rooms.join(store, room.code, nickname)
    assert joined.nickname == nickname
    assert rooms.snapshot(store, room.code).players == {1: nickname}
    assert rooms.rejoin(store, room.code, joined.player_token).nickname == nickname
    assert set(dump(store)) and len(dump(store)["rooms"]) == 1  # every table still there


@pytest.mark.parametrize("again", ["ana", "ANA", " Ana ", "Ａｎａ"])
def test_nicknames_are_unique_whatever_the_case(store, again):
    room = make_room(store)
    rooms.join(store, room.code, "Ana")
    _refused(store, lambda: rooms.join(store, room.code, again), "already called that")
    other = make_room(store)
    rooms.join(store, other.code, again)  # another room is another namespace


@pytest.mark.parametrize(
    ("code", "match"),
    [
        ("ZZZZZZ", "There is no room ZZZZZZ"),
        ("abc", "not a room code"),
        ("", "not a room code"),
        ("ABCDE1", "not a room code"),  # 1 is not in the alphabet
        ("OOOOOO", "not a room code"),
        (TEN_KB, "not a room code"),
        ("AB'; DROP TABLE rooms;--", "not a room code"),
        (None, "not a room code"),
        (123456, "not a room code"),
    ],
)
def test_forged_room_codes_are_refused(store, code, match):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    _refused(store, lambda: rooms.join(store, code, "Bo"), match)
    _refused(store, lambda: rooms.snapshot(store, code), match)
    _refused(store, lambda: rooms.submit(store, code, ana.player_token, [0.5, 0.5]), match)
    _refused(store, lambda: rooms.draw(store, code, room.lecturer_token), match)


def test_room_codes_may_be_typed_in_lower_case(store):
    room = make_room(store)
    assert rooms.join(store, f" {room.code.lower()} ", "Ana").player_id == 1
    assert rooms.snapshot(store, room.code).players == {1: "Ana"}


LECTURER_ACTIONS = {
    "close_round": lambda s, c, t: rooms.close_round(s, c, t),
    "draw": lambda s, c, t: rooms.draw(s, c, t),
    "next_round": lambda s, c, t: rooms.next_round(s, c, t),
    "set_source": lambda s, c, t: rooms.set_source(s, c, t, **{**COIN, "p": [0.4, 0.6]}),
    "results_rows": lambda s, c, t: rooms.results_rows(s, c, t),
    "snapshot": lambda s, c, t: rooms.snapshot(s, c, lecturer_token=t),
}


@pytest.mark.parametrize("action", list(LECTURER_ACTIONS))
def test_students_and_forgers_cannot_act_as_the_lecturer(store, action):
    act = LECTURER_ACTIONS[action]
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    rooms.submit(store, room.code, ana.player_token, [0.5, 0.5])
    if action == "next_round":
        rooms.draw(store, room.code, room.lecturer_token)
    other = make_room(store)
    for token in (ana.player_token, secrets.token_urlsafe(24), other.lecturer_token):
        message = _refused(store, lambda t=token: act(store, room.code, t), "Only the lecturer")
        assert room.code in message
    forged = ["", "short", TEN_KB, "not a token!", room.lecturer_token + "\n", 12345]
    if action != "snapshot":  # a snapshot without a token is the students' view
        forged.append(None)
    for token in forged:
        _refused(store, lambda t=token: act(store, room.code, t), "key is damaged or missing")
    act(store, room.code, room.lecturer_token)  # the real lecturer can


def test_forged_and_borrowed_player_tokens_are_refused(store):
    room = make_room(store)
    other = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    elsewhere = rooms.join(store, other.code, "Bo")
    for token in (secrets.token_urlsafe(24), room.lecturer_token, elsewhere.player_token):
        _refused(
            store,
            lambda t=token: rooms.submit(store, room.code, t, [0.5, 0.5]),
            f"You are not in room {room.code}",
        )
        _refused(store, lambda t=token: rooms.rejoin(store, room.code, t), "not in room")
    for token in ("", TEN_KB, "a b c d e f g h i j k l m", None, 7):
        _refused(store, lambda t=token: rooms.submit(store, room.code, t, [1, 0]), "damaged")
    assert rooms.rejoin(store, room.code, ana.player_token).nickname == "Ana"


@pytest.mark.parametrize(
    ("q", "match"),
    [
        ([0.5, 0.25, 0.25], "each of the 2 outcomes a probability, not 3"),
        ([1.0], "not 1"),
        ([], "not 0"),
        ([0.5, 0.6], "add up to 1; they add up to 1.1"),
        ([1.5, -0.5], "negative"),
        ([float("nan"), 1.0], "number from 0 to 1"),
        ([float("inf"), 0.0], "number from 0 to 1"),
        (["0.5", "0.5"], "number from 0 to 1"),
        ([True, False], "number from 0 to 1"),
        ([None, 1.0], "number from 0 to 1"),
        ("0.5,0.5", "must be a list"),
        (TEN_KB, "must be a list"),
        ({"a": 1}, "must be a list"),
        (None, "must be a list"),
        (0.5, "must be a list"),
    ],
)
def test_bad_forecasts_are_refused(store, q, match):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    _refused(store, lambda: rooms.submit(store, room.code, ana.player_token, q), match)


def test_forecasts_within_rounding_and_numpy_arrays_are_accepted(store):
    room = make_room(store)
    ana = rooms.join(store, room.code, "Ana")
    rooms.submit(store, room.code, ana.player_token, [0.3333335, 0.6666670])
    rooms.submit(store, room.code, ana.player_token, np.array([0.25, 0.75], dtype=np.float32))
    assert rooms.rejoin(store, room.code, ana.player_token).forecast == (0.25, 0.75)


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ({"names": ["only"], "p": [1.0]}, "2 to 6 outcomes"),
        ({"names": list("ABCDEFG"), "p": [1 / 7] * 7}, "2 to 6 outcomes"),
        ({"names": "heads,tails"}, "list of names"),
        ({"names": ["Heads", "heads"]}, "same name"),
        ({"names": ["heads", "a\nb"]}, "control or invisible"),
        ({"names": ["heads", TEN_KB]}, "at most 20 characters"),
        ({"names": ["heads", ""]}, "outcome name is empty"),
        ({"p": [0.7, 0.7]}, "add up to 1"),
        ({"p": [0.7]}, "not 1"),
        ({"per_round": 0}, "1 to 100 outcomes"),
        ({"per_round": 101}, "1 to 100 outcomes"),
        ({"per_round": 2.5}, "1 to 100 outcomes"),
        ({"per_round": True}, "1 to 100 outcomes"),
        ({"floor": 0.0}, "floor must be"),
        ({"floor": 0.5}, "below 1/2"),
        ({"floor": float("nan")}, "floor must be"),
        ({"floor": "0.01"}, "floor must be"),
    ],
)
def test_bad_sources_are_refused(store, source, match):
    _refused(store, lambda: rooms.create_room(store, **{**COIN, **source}), match)
    room = make_room(store)
    _refused(
        store,
        lambda: rooms.set_source(store, room.code, room.lecturer_token, **{**COIN, **source}),
        match,
    )


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, True, "7"])
def test_bad_seeds_are_refused(store, seed):
    _refused(store, lambda: rooms.create_room(store, **COIN, seed=seed), "seed must be")


def test_sql_in_outcome_names_is_stored_inertly(store):
    names = ["'); DROP TABLE x;--", "Robert'); --"]
    room = rooms.create_room(store, **{**COIN, "names": names})
    assert rooms.snapshot(store, room.code).names == tuple(names)
    assert len(dump(store)["rooms"]) == 1

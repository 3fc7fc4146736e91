"""The class game's page (pages/game.py) under AppTest: a lecturer and students, each an
AppTest of its own (a session), sharing one SQLite file as real sessions share the
database.

AppTest cannot drag: a release of the forecast bars stores (room, round, q) in
``state.GAME_DRAFT`` (``actions.on_forecast``), so a "drag" here sets that entry and
reruns. AppTest does not run the polling fragment's timer either: a session "follows" the
room here by running again, which is what the fragment asks for when the room changed.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import xent_core as xc
from tests.helpers import click, component_data
from xent_game import rooms
from xent_ui import layout, state
from xent_ui.game import database, polling, results

ROOT = Path(__file__).resolve().parents[2]
SEED = 42  # every room's seed here (see the fixture): its draws are known
# draw_round([0.7, 0.3], 10, seed=42, round_number=r) for r = 1, 2:
ROUND_1 = [1, 0, 0, 0, 1, 0, 1, 1, 0, 1]  # 5 heads, 5 tails
ROUND_2 = [0, 1, 0, 0, 0, 1, 0, 0, 1, 0]  # 7 heads, 3 tails
LECTURER_BUTTONS = ("Close submissions", "Draw outcomes", "Next round")


@pytest.fixture(autouse=True)
def game_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite file per test (never the user's own database), a fresh store for
    it, and room seeds fixed at ``SEED`` (codes and tokens stay random)."""
    path = tmp_path / "game.sqlite3"
    monkeypatch.delenv("XENT_DATABASE_URL", raising=False)
    monkeypatch.setenv("XENT_GAME_DB", str(path))
    monkeypatch.setattr(rooms.secrets, "randbits", lambda bits: SEED)
    database._open.clear()
    yield path
    database._open.clear()


def game(query: dict | None = None) -> AppTest:
    """A new session on /game (with ``query`` in its link), run once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/game.py").run()
    ok(at)
    return at


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def board(at: AppTest) -> dict:
    return component_data(at, "game.board")


def create(
    p: list[float] | None = None,
    *,
    floor: bool = False,
    per_round: int = 10,
    query: dict | None = None,
) -> tuple[AppTest, str, str]:
    """A lecturer's session with a new room: (session, code, lecturer token)."""
    at = game(query)
    if p is not None:
        at.session_state[state.GAME_SOURCE_P.key] = p  # what a release of the bars stores
    if floor:
        at.radio(key=state.GAME_RULE.key).set_value("floor")
    at.number_input(key=state.GAME_PER_ROUND.key).set_value(per_round)
    click(at, "Create a room")
    code, token = at.session_state[state.GAME_LECTURER.key]
    return at, code, token


def join(code: str, nickname: str) -> AppTest:
    at = game({"room": code})
    at.text_input(key=state.GAME_NICKNAME.key).input(nickname)
    return click(at, "Join")


def forecast(at: AppTest, q: list[float], *, accepted: bool = True) -> AppTest:
    """Follow the room (as the polling fragment does), set the bars to q (as a release
    does) and press Submit forecast; with ``accepted``, check it was stored."""
    at.run()
    code = at.session_state[state.GAME_ROOM.key]
    number = rooms.rejoin(database.store(), code, at.session_state[state.GAME_PLAYER.key]).round
    at.session_state[state.GAME_DRAFT.key] = (code, number, q)
    click(at, "Submit forecast")
    if accepted:
        assert not errors(at), errors(at)
        assert any(f"Submitted for round {number}" in s.value for s in at.success)
    return at


def leaderboard(at: AppTest) -> dict[str, float]:
    """Nickname → the board's data-value (mean cross-entropy in nats, full precision)."""
    return {row["name"]: float(row["value"]) for row in board(at)["rows"]}


def test_landing_offers_a_room_and_a_way_in() -> None:
    at = game()
    assert "Create a room" in labels(at) and "Go to the room" in labels(at)
    assert not any(label in labels(at) for label in LECTURER_BUTTONS)
    assert dict(at.query_params) == {}


def test_create_a_room() -> None:
    at, code, token = create()
    assert re.fullmatch(f"[{rooms.CODE_ALPHABET}]{{6}}", code)
    data = board(at)
    assert data["code"] == code and data["rows"] == [] and data["outcomes"] is None
    assert data["joinUrl"].endswith(f"/game?room={code}")
    assert all(label in labels(at) for label in LECTURER_BUTTONS)
    # The page's link is the join link; the token is shown only in its folded code block.
    assert dict(at.query_params) == {"room": code}
    assert [c.value for c in at.code] == [token]
    assert "No floor" in data["rule"]


def test_the_qr_code_is_of_the_bare_join_link_even_on_the_projector() -> None:
    """The QR on the projector encodes /game?room=CODE only: not presenter mode, not the
    unit, never the lecturer's token (the share component resolves the path in the browser)."""
    at, code, token = create(query={"present": "1", "unit": "bits"})
    assert component_data(at, "game.share")["path"] == f"/game?room={code}"
    assert token not in str(component_data(at, "game.share"))


def test_the_lecturer_token_is_never_in_a_link() -> None:
    at, code, token = create()
    ana = join(code, "Ana")
    forecast(ana, [0.6, 0.4])
    at.run()
    for step in ("Close submissions", "Draw outcomes", "Next round"):
        click(at, step)
        assert token not in str(dict(at.query_params)), step
        assert token not in board(at)["joinUrl"]
    assert token not in str(dict(ana.query_params))
    assert state.GAME_LECTURER.url is None and state.GAME_LECTURER not in state.GAME_URL


def test_two_players_play_a_round_and_the_board_scores_them() -> None:
    at, code, _ = create([0.7, 0.3])
    ana, bo = join(code, "Ana"), join(code, "Bo")
    forecast(ana, [0.7, 0.3])
    forecast(bo, [0.5, 0.5])
    assert any("Submitted for round 1" in s.value for s in ana.success)
    at.run()
    assert [m.value for m in at.metric][:2] == ["2", "2"]  # players, forecasts
    click(at, "Close submissions")
    click(at, "Draw outcomes")
    assert board(at)["outcomes"] == ROUND_1
    # Round 1 drew 5 heads and 5 tails, so per outcome:
    #   Ana (0.7, 0.3): −(5 ln 0.7 + 5 ln 0.3)/10 = (0.356675 + 1.203973)/2 = 0.780324 nats
    #   Bo (0.5, 0.5): ln 2 = 0.693147 nats (a draw this even rewards the coin-flipper)
    # Brier per outcome: Ana (0.3² + 0.3²)·½ + (0.7² + 0.7²)·½ = 0.58, Bo 0.5; accuracy
    # ½ each (Ana's heads is right 5 times; Bo's tie counts ½ every time).
    expected = {"Ana": -(math.log(0.7) + math.log(0.3)) / 2, "Bo": math.log(2)}
    got = leaderboard(at)
    assert got == pytest.approx(expected, rel=1e-12)
    assert got["Ana"] == xc.score([0.7, 0.3], ROUND_1).mean_log_loss  # full precision
    rows = {row["name"]: row for row in board(at)["rows"]}
    assert float(rows["Ana"]["brierValue"]) == pytest.approx(0.58)
    assert float(rows["Bo"]["accuracyValue"]) == pytest.approx(0.5)
    assert [row["name"] for row in board(at)["rows"]] == ["Bo", "Ana"]  # lower is better
    # The students follow: outcomes, their loss this round and in total, their rank.
    ana.run()
    text = " ".join(m.value for m in ana.markdown)
    assert "Round 1 cost you **0.7803 nats per outcome**" in text
    assert "**rank 2 of 2**" in text
    assert board(ana)["highlight"] == "Ana" and board(ana)["code"] is None
    # Round 2 (7 heads, 3 tails): the board's value is over all 20 outcomes.
    click(at, "Next round")
    forecast(ana, [0.7, 0.3])
    forecast(bo, [0.5, 0.5])
    at.run()
    click(at, "Draw outcomes")
    assert board(at)["outcomes"] == ROUND_2
    # Ana over 20: −(12 ln 0.7 + 8 ln 0.3)/20 = 0.695594; Bo still ln 2.
    ana_20 = -(12 * math.log(0.7) + 8 * math.log(0.3)) / 20
    assert leaderboard(at) == pytest.approx({"Ana": ana_20, "Bo": math.log(2)}, rel=1e-12)


def test_a_zero_on_an_outcome_that_happens_costs_infinity_without_a_floor() -> None:
    at, code, _ = create([0.7, 0.3])
    ana, bo = join(code, "Ana"), join(code, "Bo")
    forecast(ana, [0.7, 0.3])
    forecast(bo, [1.0, 0.0])  # round 1 draws tails 5 times
    at.run()
    click(at, "Draw outcomes")
    rows = {row["name"]: row for row in board(at)["rows"]}
    assert rows["Bo"]["value"] == "inf" and rows["Bo"]["infinite"] is True
    assert [row["name"] for row in board(at)["rows"]] == ["Ana", "Bo"]  # ∞ last
    bo.run()
    assert "Round 1 cost you **∞ nats per outcome**" in " ".join(m.value for m in bo.markdown)


def test_the_floor_keeps_the_same_forecast_finite() -> None:
    at, code, _ = create([0.7, 0.3], floor=True)
    bo = join(code, "Bo")
    forecast(bo, [1.0, 0.0])
    at.run()
    click(at, "Draw outcomes")
    # 5 heads cost −ln 1 = 0, 5 tails cost −ln max(0, 0.01) = ln 100 each: ½ ln 100.
    assert leaderboard(at)["Bo"] == pytest.approx(math.log(100) / 2, rel=1e-12)
    rule = board(at)["rule"]
    assert "at least 0.01" in rule and layout.fixed(math.log(100)) in rule  # 4.6052 nats


def test_a_student_sees_no_lecturer_controls() -> None:
    _, code, _ = create()
    ana = join(code, "Ana")
    assert not any(label in labels(ana) for label in LECTURER_BUTTONS)
    assert not ana.code, "no lecturer token on a student's page"
    assert ana.session_state[state.GAME_LECTURER.key] is None


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("A" * 32, "Only the lecturer who made room"),  # well formed, not the room's
        ("<script>alert(1)</script>", "damaged or missing"),
        ("", "damaged or missing"),
    ],
)
def test_a_forged_lecturer_token_is_refused(token: str, message: str) -> None:
    _, code, _ = create()
    at = game({"room": code})
    at.text_input(key=state.GAME_TOKEN_INPUT.key).input(token)
    click(at, "Take control")
    assert any(message in e for e in errors(at)), errors(at)
    assert not any(label in labels(at) for label in LECTURER_BUTTONS)
    assert "Join" in labels(at)


def test_the_lecturer_takes_control_again_after_a_reload() -> None:
    _, code, token = create()
    ana = join(code, "Ana")
    forecast(ana, [0.6, 0.4])
    again = game({"room": code})  # the reloaded tab: a new session, the join link
    assert "Join" in labels(again)
    again.text_input(key=state.GAME_TOKEN_INPUT.key).input(token)
    click(again, "Take control")
    assert all(label in labels(again) for label in LECTURER_BUTTONS)
    assert token not in str(dict(again.query_params))
    click(again, "Draw outcomes")
    assert list(leaderboard(again)) == ["Ana"]


def test_a_duplicate_nickname_is_refused_and_kept_in_the_box() -> None:
    _, code, _ = create()
    join(code, "Ana")
    at = join(code, "ANA")
    assert any("already called that" in e for e in errors(at)), errors(at)
    assert at.text_input(key=state.GAME_NICKNAME.key).value == "ANA"
    assert "player" not in at.query_params


@pytest.mark.parametrize(
    ("nickname", "message"),
    [
        # The box takes 20 characters (max_chars); a longer value sent anyway does not
        # reach the room with more than that.
        ("x" * 10_000, ""),
        ("Ana\nBo", "control or invisible characters"),
        ("   ", "empty"),
    ],
    ids=["10 kB", "line break", "blank"],
)
def test_bad_nicknames_are_refused_with_a_message(nickname: str, message: str) -> None:
    _, code, _ = create()
    at = join(code, nickname)
    assert any(message in e for e in errors(at)), errors(at)
    assert "Submit forecast" not in labels(at)


def test_a_hostile_nickname_is_shown_as_text() -> None:
    at, code, _ = create([0.7, 0.3])
    nickname = "<img src=x>**[a](b)"
    player = join(code, nickname)
    shown = [m.value for m in player.markdown if "You play as" in m.value]
    assert shown == [f"You play as **{layout.md_escape(nickname)}**."]
    assert "<img" not in shown[0].replace("\\<img", "")
    forecast(player, [0.5, 0.5])
    at.run()
    click(at, "Draw outcomes")
    # The board gets the nickname as a plain string (its script sets it as textContent).
    assert [row["name"] for row in board(at)["rows"]] == [nickname]
    figure = at.get("plotly_chart")[0].proto.spec
    assert "<img" not in figure and "&lt;img" in figure


def test_a_reload_with_the_player_key_rejoins() -> None:
    _, code, _ = create()
    ana = join(code, "Ana")
    forecast(ana, [0.8, 0.2])
    token = ana.query_params["player"]
    token = token[0] if isinstance(token, list) else token
    assert token == ana.session_state[state.GAME_PLAYER.key]
    again = game({"room": code, "player": token})  # a reload, or another replica
    assert any("You play as **Ana**" in m.value for m in again.markdown)
    assert any("heads 0.80 · tails 0.20" in s.value for s in again.success)
    assert "Join" not in labels(again)


def test_a_forged_player_key_is_refused_and_offers_to_join() -> None:
    _, code, _ = create()
    at = game({"room": code, "player": "B" * 32})
    assert any("You are not in room" in e for e in errors(at)), errors(at)
    assert "Join" in labels(at)
    assert "player" not in at.query_params


@pytest.mark.parametrize(
    "query",
    [{"room": "<script>"}, {"room": "ILO01X"}, {"player": "a b"}, {"room": "x" * 5000}],
    ids=["script", "look-alikes", "bad player", "long"],
)
def test_a_bad_link_warns_and_does_nothing_else(query: dict) -> None:
    at = game(query)
    assert at.warning, "the usual link warning"
    assert not errors(at)
    assert "Create a room" in labels(at)


def test_an_unknown_room_says_so() -> None:
    at = game({"room": "ABCDEF"})
    assert any("There is no room ABCDEF" in e for e in errors(at)), errors(at)
    assert "Join" not in labels(at)


def test_a_student_types_the_room_code() -> None:
    _, code, _ = create()
    at = game()
    at.text_input(key=state.GAME_CODE_INPUT.key).input(code.lower())
    click(at, "Go to the room")
    assert "Join" in labels(at)
    assert at.query_params["room"] in (code, [code])


@pytest.fixture
def slow_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rate window of an hour: the limit does not depend on how fast the tests run."""
    monkeypatch.setattr(state, "GAME_RATE_SECONDS", 3600.0)


@pytest.mark.usefixtures("slow_clock")
def test_submissions_are_rate_limited() -> None:
    _, code, _ = create()
    ana = join(code, "Ana")
    for i in range(state.GAME_RATE_COUNT):
        forecast(ana, [0.5 + i / 100, 0.5 - i / 100])
        assert not errors(ana), errors(ana)
    forecast(ana, [0.9, 0.1], accepted=False)
    assert any("Too many submissions in a row" in e for e in errors(ana)), errors(ana)
    # The refused one did not reach the database: the last accepted forecast stands.
    player = rooms.rejoin(database.store(), code, ana.session_state[state.GAME_PLAYER.key])
    assert player.forecast == (0.54, 0.46)


@pytest.mark.usefixtures("slow_clock")
def test_joins_are_rate_limited() -> None:
    _, code, _ = create()
    at = game({"room": code})
    for _ in range(state.GAME_RATE_COUNT):
        click(at, "Join")  # an empty nickname: refused by the rooms, counted here
        assert any("empty" in e for e in errors(at))
    click(at, "Join")
    assert any("Too many tries to join" in e for e in errors(at)), errors(at)


def test_a_closed_round_refuses_a_late_forecast() -> None:
    lecturer, code, _ = create()
    ana = join(code, "Ana")
    click(lecturer, "Close submissions")
    ana.run()
    assert "Submit forecast" not in labels(ana)
    assert any("Round 1 is closed" in i.value for i in ana.info)
    # A forecast sent anyway (a stale page) is refused by the database, with its message.
    with pytest.raises(rooms.GameError, match="closed"):
        rooms.submit(database.store(), code, ana.session_state[state.GAME_PLAYER.key], [1, 0])


def test_the_lesson_after_two_rounds_is_computed() -> None:
    at, code, _ = create([0.7, 0.3])
    players = {name: join(code, name) for name in ("Ana", "Bo", "Cy")}
    forecasts = {"Ana": [0.7, 0.3], "Bo": [1.0, 0.0], "Cy": [0.5, 0.5]}
    for number in (1, 2):
        for name, session in players.items():
            forecast(session, forecasts[name])
        at.run()
        click(at, "Draw outcomes")
        if number == 1:
            assert not any("The lesson so far" in m.value for m in at.markdown)
            click(at, "Next round")
    (line,) = [m.value for m in at.markdown if m.value.startswith("**The lesson so far.**")]
    # Ana's forecast is p (KL 0); Bo's 0 on tails met 8 tails (∞); both are right half the
    # time in round 1 and 7 times in 10 in round 2 (both pick heads): accuracy ties them.
    scores = {
        n: xc.combine([xc.score(q, ROUND_1), xc.score(q, ROUND_2)]) for n, q in forecasts.items()
    }
    v = xc.verdicts([0.7, 0.3], forecasts, scores)
    assert (v.honest, v.reckless, v.reckless_zero, v.accuracy_tied) == ("Ana", "Bo", True, True)
    assert "**Ana** forecast most honestly" in line
    assert "**Bo** was the most reckless (gave 0 to an outcome that happened: ∞)" in line
    assert "Accuracy scored them alike (60% each)" in line


def test_losses_follow_the_unit_and_the_board_keeps_nats() -> None:
    at, code, _ = create([0.7, 0.3])
    ana = game({"room": code, "unit": "bits"})
    ana.text_input(key=state.GAME_NICKNAME.key).input("Ana")
    click(ana, "Join")
    forecast(ana, [0.5, 0.5])
    at.run()
    click(at, "Draw outcomes")
    ana.run()
    # ln 2 nats per outcome is exactly 1 bit.
    assert any("**1.0000 bits per outcome**" in m.value for m in ana.markdown)
    data = board(ana)
    assert data["unit"] == "bits" and data["rows"][0]["loss"] == "1.000"
    assert float(data["rows"][0]["value"]) == pytest.approx(math.log(2), rel=1e-15)


def test_the_forecasts_chart_and_the_csv_export() -> None:
    at, code, token = create([0.7, 0.3])
    for name in ('=HYPERLINK("x")', "Bo"):
        forecast(join(code, name), [0.7, 0.3])
    at.run()
    click(at, "Draw outcomes")
    assert "Download results (CSV)" in [b.label for b in at.get("download_button")]
    assert len(at.get("plotly_chart")) == 1
    text = results.results_csv(
        ("heads", "tails"), rooms.results_rows(database.store(), code, token)
    )
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:4] == ["round", "nickname", "q(heads)", "q(tails)"]
    rows = {row[1]: row for row in table[1:]}
    assert '\'=HYPERLINK("x")' in rows  # the guard's apostrophe
    bo = rows["Bo"]
    assert bo[2:4] == ["0.7", "0.3"] and bo[5] == " ".join(map(str, ROUND_1))
    assert float(bo[7]) == xc.score([0.7, 0.3], ROUND_1).mean_log_loss
    for row in table:
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_a_random_source_stays_hidden_until_the_draw() -> None:
    at = game()
    at.toggle(key=state.GAME_RANDOM.key).set_value(True).run()
    assert not [c for c in at.get("bidi_component") if c.proto.id.endswith("-game.source_bars")]
    at.number_input(key=state.GAME_K.key).set_value(6).run()
    assert [t.value for t in at.text_input][-6:] == ["1", "2", "3", "4", "5", "6"]
    click(at, "Create a room")
    code, token = at.session_state[state.GAME_LECTURER.key]
    view = rooms.snapshot(database.store(), code)
    assert view.p is None and view.names == ("1", "2", "3", "4", "5", "6")
    p = rooms.snapshot(database.store(), code, lecturer_token=token).p
    assert p == tuple(xc.random_source(6, SEED))


def test_the_token_rule_is_the_rooms_own() -> None:
    assert state.GAME_TOKEN_PATTERN == rooms._TOKEN.pattern


def test_students_look_every_second_while_the_round_is_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The draw is seconds away once the lecturer closes the round: a student's page then
    polls every second (the outcomes reach the room sooner), else every 2 s; the
    projector always every 2 s."""
    assert (polling.DRAW_POLL_SECONDS, polling.POLL_SECONDS) == (1.0, 2.0)
    calls: list[tuple[str, bool]] = []
    monkeypatch.setattr(polling, "_follow", lambda code, lect: calls.append(("2 s", lect)))
    monkeypatch.setattr(polling, "_follow_closely", lambda c, lect: calls.append(("1 s", lect)))
    at, code, _ = create()
    ana = join(code, "Ana")
    forecast(ana, [0.6, 0.4])
    assert calls[-1] == ("2 s", False)  # open round
    click(at, "Close submissions")
    assert calls[-1] == ("2 s", True)  # the projector
    ana.run()
    assert calls[-1] == ("1 s", False)
    click(at, "Draw outcomes")
    ana.run()
    assert calls[-1] == ("2 s", False)


def test_standings_are_scored_once_per_version_of_a_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a draw every phone reruns at once; the room is scored once per version and
    the table shared, and any change to the room (a new version) scores it again."""
    _, code, token = create([0.7, 0.3])
    ana = join(code, "Ana")
    forecast(ana, [0.7, 0.3])
    rooms.close_round(database.store(), code, token)
    rooms.draw(database.store(), code, token)
    scored: list[int] = []
    real = results._standings
    monkeypatch.setattr(results, "_standings", lambda v: scored.append(v.version) or real(v))
    view = rooms.snapshot(database.store(), code)
    first = results.standings(view)
    assert results.standings(rooms.snapshot(database.store(), code)) is first
    assert scored == [view.version]
    assert first.totals["Ana"].mean_log_loss == xc.score([0.7, 0.3], ROUND_1).mean_log_loss
    join(code, "Bo")  # a change: a new version, scored afresh
    later = rooms.snapshot(database.store(), code)
    assert later.version > view.version
    assert results.standings(later) is not first and scored == [view.version, later.version]


def test_the_lecturer_tab_keeps_its_key_in_the_tab_not_the_link() -> None:
    """The lecturer's view hands (code, token) to the keeper component (the tab's
    sessionStorage); a new session on the join link asks the tab for that room's key and
    is sent no token itself."""
    at, code, token = create()
    assert component_data(at, "game.keeper") == {"mode": "keep", "code": code, "token": token}
    assert token not in str(dict(at.query_params))
    reloaded = game({"room": code})
    assert component_data(reloaded, "game.keeper") == {"mode": "recall", "code": code}
    assert "Join" in labels(reloaded) and "Draw outcomes" not in labels(reloaded)


def _recall(code: str, token: str) -> None:
    """A run whose keeper handed back ``token`` (what its on_recall callback does)."""
    import streamlit as st

    from xent_ui import state
    from xent_ui.game import actions

    state.GAME_ROOM.set(code)
    actions.recall_control(token)
    st.write(
        repr(state.GAME_LECTURER.get()),
        repr(state.GAME_KEY_REFUSED.get()),
        repr(state.GAME_MESSAGE.get()),
    )


def test_a_key_handed_back_by_the_tab_is_checked_like_a_pasted_token() -> None:
    _, code, token = create()
    right = AppTest.from_function(_recall, args=(code, token)).run()
    assert right.markdown[0].value == f"{(code, token)!r} None None"
    wrong = AppTest.from_function(_recall, args=(code, "x" * len(token))).run()
    lecturer, refused, message = wrong.markdown[0].value.split(" ", 2)
    assert (lecturer, refused) == ("None", "True") and "lecturer" in message.lower()


def test_a_refused_key_is_forgotten_by_the_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    _, code, _ = create()
    at = game({"room": code})
    at.session_state[state.GAME_KEY_REFUSED.key] = True
    at.run()
    assert component_data(at, "game.keeper") == {"mode": "forget"}
    assert not at.session_state[state.GAME_KEY_REFUSED.key]
    at.run()
    assert component_data(at, "game.keeper") == {"mode": "recall", "code": code}


def test_a_phone_shows_the_first_ten_lines_and_its_own() -> None:
    """With 12 players a student's board has the first 10 rows and their own line (the
    projector has all 12); a student with no score yet sees just the 10."""
    at, code, _ = create([0.7, 0.3])
    store = database.store()
    for i in range(11):  # honest to reckless: (0.7, 0.3) first, then ever more certain heads
        joined = rooms.join(store, code, f"p{i:02d}")
        top = 0.7 + 0.025 * i
        rooms.submit(store, code, joined.player_token, [top, 1 - top])
    last = join(code, "Zed")
    forecast(last, [0.01, 0.99])  # round 1 drew 5 heads: the worst forecast here
    click(at, "Draw outcomes")
    assert len(board(at)["rows"]) == 12
    last.run()
    names = [row["name"] for row in board(last)["rows"]]
    assert len(names) == 11 and names[-1] == "Zed" and "p00" in names
    assert any("first 10 of 12 players and your own line" in c.value for c in last.caption)
    best = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    best.query_params["room"] = code
    best.query_params["player"] = rooms.join(store, code, "Late").player_token
    best.run()
    best.switch_page("pages/game.py").run()
    ok(best)
    assert len(board(best)["rows"]) == 10  # "Late" has no score: not on the board
    assert any("first 10 of 12 players; the projector" in c.value for c in best.caption)

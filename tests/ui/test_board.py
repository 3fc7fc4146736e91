"""The class game's board and the bars' forecast mode, mounted from tiny scripts (AppTest).

What is checked is the data each component receives: the testing contract's values
(room code, outcome indices, each row's full-precision loss with "inf" for ∞), strict
JSON (no NaN or Infinity constants), hostile names carried as data only — never in the
component's HTML, CSS or JS, which are the files as they are — and the forecast mode's
settings for the bars.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import component_data
from xent_ui.components.board import BoardData, BoardRow, board_payload, value_text

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "xent_ui" / "components"
BOARD = "game.board"
BARS = "game.forecast"

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "</div><script>alert('x')</script>",
    "Bo 'quotes' & \"more\"",
    "x" * 10_000,
    "${data.code}`; alert(1); `",
]


def _board(
    code: str | None,
    join_url: str | None,
    names: list[str],
    outcomes: list[int] | None,
    rows: list[tuple],
    unit: str,
    per_nat: float,
    rule: str,
    highlight: str | None,
) -> None:
    """A script for AppTest: the board alone, from plain arguments."""
    from xent_ui.components import BoardData, BoardRow, game_board

    game_board(
        key="game.board",
        data=BoardData(
            code=code,
            join_url=join_url,
            names=names,
            outcomes=outcomes,
            rows=[BoardRow(*row) for row in rows],
            unit=unit,
            per_nat=per_nat,
            rule=rule,
            highlight=highlight,
        ),
    )


def mount_board(**overrides: object) -> AppTest:
    kwargs: dict[str, object] = {
        "code": "K7QX2M",
        "join_url": "https://xent.example/game?room=K7QX2M",
        "names": ["Heads", "Tails"],
        "outcomes": [0, 1, 1, 0, 0],
        "rows": [
            ("Ada", 0.1 + 0.2, 0.18, 0.6, 1, 5),
            ("Reckless", math.inf, 1.2, 0.6, 2, 5),
        ],
        "unit": "nats",
        "per_nat": 1.0,
        "rule": "No floor: a forecast of 0 on an outcome that happens costs ∞",
        "highlight": None,
    }
    kwargs.update(overrides)
    at = AppTest.from_function(_board, kwargs=kwargs, default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _proto(at: AppTest, key: str):
    (found,) = [c for c in at.get("bidi_component") if c.proto.id.endswith(f"-{key}")]
    return found.proto


def test_board_sends_the_contract_values() -> None:
    data = component_data(mount_board(), BOARD)
    assert data["code"] == "K7QX2M"
    assert data["joinUrl"] == "https://xent.example/game?room=K7QX2M"
    assert data["names"] == ["Heads", "Tails"]
    assert data["outcomes"] == [0, 1, 1, 0, 0]
    assert data["counts"] == [3, 2]
    assert [r["name"] for r in data["rows"]] == ["Ada", "Reckless"]
    assert [r["rank"] for r in data["rows"]] == [1, 2]
    assert [r["n"] for r in data["rows"]] == [5, 5]
    # data-value: Python's repr of the mean loss in nats, every digit; "inf" for ∞.
    assert [r["value"] for r in data["rows"]] == ["0.30000000000000004", "inf"]
    assert float(data["rows"][0]["value"]) == 0.1 + 0.2
    assert data["rule"] == "No floor: a forecast of 0 on an outcome that happens costs ∞"
    assert data["highlight"] is None


def test_infinity_travels_as_text_in_strict_json() -> None:
    """component_data parses with no NaN/Infinity constants: ∞ and NaN arrive as strings."""
    at = mount_board(rows=[("Zero", math.inf, math.nan, math.nan, 1, 0)])
    (row,) = component_data(at, BOARD)["rows"]
    assert row == {
        "name": "Zero",
        "rank": 1,
        "value": "inf",
        "brierValue": "nan",
        "accuracyValue": "nan",
        "loss": "∞",
        "brier": "–",
        "accuracy": "–",
        "n": 0,
        "infinite": True,
    }
    raw = _proto(at, BOARD).json
    assert not re.search(r"\b(NaN|Infinity)\b", raw), raw


def test_losses_are_shown_in_the_chosen_unit_but_sent_in_nats() -> None:
    at = mount_board(
        unit="bits", per_nat=1 / math.log(2), rows=[("Ada", math.log(2), 0.5, 0.5, 1, 4)]
    )
    data = component_data(at, BOARD)
    (row,) = data["rows"]
    assert data["unit"] == "bits"
    assert row["loss"] == "1.000"  # ln 2 nats = 1 bit on screen
    assert row["value"] == repr(math.log(2))  # the contract's number stays in nats
    assert (row["brier"], row["accuracy"]) == ("0.500", "50.0 %")


@pytest.mark.parametrize("name", HOSTILE, ids=["img", "script", "quotes", "10kB", "template"])
def test_hostile_names_are_data_never_markup(name: str) -> None:
    at = mount_board(
        names=[name, "Tails"],
        rows=[(name, 0.5, 0.25, 1.0, 1, 2), ("Ada", 0.7, 0.5, 0.5, 2, 2)],
        highlight=name,
        join_url=f"https://xent.example/game?room={name}",
    )
    data = component_data(at, BOARD)
    assert data["names"][0] == name
    assert data["rows"][0]["name"] == name
    assert data["highlight"] == name
    # The component's markup, style and script are the files, byte for byte: nothing the
    # players typed is formatted into them.
    proto = _proto(at, BOARD)
    assert proto.html_content == (COMPONENTS / "board.html").read_text()
    assert proto.css_content == (COMPONENTS / "board.css").read_text()
    assert proto.js_content == (COMPONENTS / "board.js").read_text()


def test_no_outcomes_and_no_code_before_the_game_starts() -> None:
    data = component_data(mount_board(code=None, join_url=None, outcomes=None, rows=[]), BOARD)
    assert data["code"] is None and data["joinUrl"] is None
    assert data["outcomes"] is None and data["counts"] is None
    assert data["rows"] == []


def _payload(**overrides: object) -> dict:
    fields: dict[str, object] = {
        "code": "K7QX2M",
        "join_url": None,
        "names": ["A", "B", "C"],
        "outcomes": [2],
        "rows": [],
        "unit": "nats",
        "per_nat": 1.0,
        "rule": "",
    }
    fields.update(overrides)
    return board_payload(BoardData(**fields))


def test_outcomes_must_name_a_class() -> None:
    assert _payload()["counts"] == [0, 0, 1]
    with pytest.raises(ValueError, match="outcome 3 is not one of the 3 classes"):
        _payload(outcomes=[0, 3])
    with pytest.raises(ValueError, match="per_nat"):
        _payload(per_nat=math.inf)


def test_value_text_is_full_precision() -> None:
    for x in (1 / 3, 1e-17, 2.5e300, 0.6745629113005348):
        assert float(value_text(x)) == x
    assert value_text(math.inf) == "inf"


def test_a_board_row_from_the_cores_leaderboard() -> None:
    from xent_core.game import Row

    core = Row(name="Ada", mean_log_loss=0.5, mean_brier=0.1, accuracy=1.0, rank=1)
    assert BoardRow.of(core, total_outcomes=3) == BoardRow("Ada", 0.5, 0.1, 1.0, 1, 3)


def test_board_colours_come_from_the_one_palette() -> None:
    """As tests/ui/test_architecture.py checks bars.css and simplex.css."""
    from xent_ui import charts

    text = (COMPONENTS / "board.css").read_text()
    declared = dict(re.findall(r"--xent-([a-z]+):\s*(#[0-9a-fA-F]{6});", text))
    assert declared and declared == {name: charts.PALETTE[name] for name in declared}
    # Any other literal colour is only a fallback for a Streamlit theme colour.
    rest = re.sub(r"--xent-[a-z]+:\s*#[0-9a-fA-F]{6};", "", text)
    literal = re.findall(r"#[0-9a-fA-F]{3,6}\b", rest)
    fallbacks = re.findall(r"var\(--st-[a-z-]+, (#[0-9a-fA-F]{3,6})\)", rest)
    assert literal and sorted(literal) == sorted(fallbacks)


@pytest.mark.parametrize("script", ["board.js", "bars.js", "shared.js"])
def test_scripts_insert_text_only(script: str) -> None:
    source = (COMPONENTS / script).read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, f"{script} uses {sink}"


# --- the bars' forecast mode ---------------------------------------------------------------


def _bars(names: list[str], q: list[float], forecast: bool, title: str | None) -> None:
    """A script for AppTest: the probability bars alone (forecast or explorer settings)."""
    from xent_ui.components import explorer_views, probability_bars

    views = None if forecast else explorer_views([0.0, 1.0, 0.0], q, 1, None)
    probability_bars(
        key="game.forecast",
        names=names,
        q=q,
        p=[0.0, 1.0, 0.0],
        label=1,
        soft=True,
        epsilon=0.1,
        unit="nats",
        on_change=lambda value: None,
        on_error=lambda message: None,
        views=views,
        fixed_label=True,
        forecast=forecast,
        title=title,
    )


def mount_bars(
    names: list[str], q: list[float], *, forecast: bool, title: str | None = None
) -> dict:
    kwargs = {"names": names, "q": q, "forecast": forecast, "title": title}
    at = AppTest.from_function(_bars, kwargs=kwargs, default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    return component_data(at, BARS)


def test_forecast_mode_sends_no_truth() -> None:
    """label, p, soft, ε, views and fixed_label are ignored: p = q, label 0, no charts."""
    data = mount_bars(["Heads", "Tails", "Edge"], [0.5, 0.3, 0.2], forecast=True)
    assert data["forecast"] is True
    assert data["mode"] == "probs"
    assert data["names"] == ["Heads", "Tails", "Edge"]
    assert data["q"] == [0.5, 0.3, 0.2]
    assert data["p"] == data["q"]
    assert (data["label"], data["soft"], data["eps"]) == (0, False, 0.0)
    assert data["views"] is None and data["fixedLabel"] is False
    assert data["title"] is None  # the widget's own heading: "Your forecast q"


def test_other_modes_are_unchanged() -> None:
    data = mount_bars(["A", "B", "C"], [0.2, 0.7, 0.1], forecast=False)
    assert data["forecast"] is False
    assert data["p"] == [0.0, 1.0, 0.0]
    assert (data["label"], data["soft"], data["eps"]) == (1, True, 0.1)
    assert data["fixedLabel"] is True and data["views"]["true"] == 1
    assert data["title"] is None


def test_forecast_names_are_data() -> None:
    names = ['<img src=x onerror="alert(1)">', "x" * 10_000, "Tails 'n' \"quotes\""]
    data = mount_bars(names, [0.4, 0.4, 0.2], forecast=True, title="<b>Hidden</b> source p")
    assert data["names"] == names
    assert data["title"] == "<b>Hidden</b> source p"
    assert json.dumps(data["names"])  # plain strings


def test_forecast_release_is_parsed_as_a_prediction() -> None:
    """What the widget sends on release in forecast mode: q, no soft label, label 0."""
    from xent_ui.components.bars import BarsValue, parse_value

    raw = {"q": [0.51, 0.294, 0.196], "p": None, "label": 0, "seq": 1}
    assert parse_value(raw, 3) == BarsValue(q=[0.51, 0.294, 0.196], p=None, label=0)

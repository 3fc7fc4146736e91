"""URL parsing and validation in xent_ui.state: hostile values give messages, never errors."""

from __future__ import annotations

import math

import pytest

from xent_ui import state
from xent_ui.components.bars import parse_value


def test_empty_query_gives_nothing_and_no_warning() -> None:
    assert state.parse_query({}) == ({}, [])


def test_valid_explorer_query_is_accepted_and_renormalised() -> None:
    values, warnings = state.parse_query(
        {"q": "0.1,0.6,0.3001", "y": "1", "name": ["cat", "dog", "bird"], "eps": "0.1"}
    )
    assert warnings == []
    assert math.fsum(values[state.Q.key]) == pytest.approx(1.0, abs=1e-15)
    assert values[state.Q.key][1] == pytest.approx(0.6 / 1.0001)
    assert values[state.LABEL.key] == 1
    assert values[state.NAMES.key] == ["cat", "dog", "bird"]
    assert values[state.EPSILON.key] == 0.1


def test_q_without_names_gets_default_names_and_matching_soft_label() -> None:
    values, warnings = state.parse_query({"q": "0.25,0.25,0.25,0.25"})
    assert warnings == []
    assert values[state.NAMES.key] == ["A", "B", "C", "D"]
    assert len(values[state.P_SOFT.key]) == 4


HOSTILE = [
    ({"q": "1e309,0,0"}, "prediction q (`q`) must contain only finite numbers"),
    ({"q": "nan,0.5,0.5"}, "prediction q (`q`) must contain only finite numbers"),
    ({"q": "-0.5,1,0.5"}, "must contain probabilities between 0 and 1 (got -0.5)"),
    ({"q": "0.5,0.2,0.1"}, "must sum to 1 (got 0.8)"),
    ({"q": "0.5,abc,0.5"}, "must be numbers separated by commas (got 'abc')"),
    (
        {"q": "<script>alert(1)</script>"},
        "must be numbers separated by commas (got '?script?alert?1???script…')",
    ),
    ({"q": ",".join(["0.0002"] * 5000)}, "is 34999 characters long; at most 400 are read"),
    ({"q": ",".join(["0.05"] * 20)}, "has 20 classes; xent shows at most 10"),
    ({"q": "1"}, "needs between 2 and 10 classes (got 1)"),
    ({"y": "99"}, "true class 99 does not exist among 3 classes (0 to 2)"),
    ({"y": "-1"}, "must be a whole number from 0 to 9 (got '-1')"),
    ({"y": "1.5"}, "must be a whole number from 0 to 9 (got '1.5')"),
    ({"name": ["A", "B"]}, "2 class names for 3 probabilities"),
    ({"name": ["x" * 21, "B", "C"]}, "must be at most 20 characters (got 21)"),
    ({"name": ["", "B", "C"]}, "must not be empty"),
    ({"name": ["a\x00b", "B", "C"]}, "must not contain control characters"),
    ({"eps": "inf"}, "label smoothing ε (`eps`) must be a finite number (got 'inf')"),
    ({"eps": "0.9"}, "must lie between 0 and 0.5 (got 0.9)"),
    ({"unit": "<img src=x>"}, "unit (`unit`) must be one of nats, bits (got '?img src?x?')"),
    ({"soft": "maybe"}, "must be 1 or 0 (got 'maybe')"),
    ({"p": "0.5,0.5", "q": "0.2,0.3,0.5"}, "the soft label has 2 classes and the prediction 3"),
]


@pytest.mark.parametrize(("query", "message"), HOSTILE)
def test_hostile_values_give_a_warning_and_no_value(query: dict, message: str) -> None:
    values, warnings = state.parse_query(query)
    assert len(warnings) == 1
    assert message in warnings[0]
    for key in query:
        param = next(p for p in state.ALL_PARAMS if p.url == key)
        assert param.key not in values


def test_warning_never_echoes_markup() -> None:
    _, warnings = state.parse_query({"q": "[x](javascript:alert(1))<b>"})
    assert "<" not in warnings[0] and "(" not in warnings[0].split("got")[1]


def test_a_bad_value_does_not_discard_good_unrelated_ones() -> None:
    values, warnings = state.parse_query({"unit": "bits", "eps": "zzz"})
    assert values == {state.UNIT.key: "bits"}
    assert len(warnings) == 1


def test_dump_then_parse_round_trips() -> None:
    q = [0.123456789, 0.5, 1 - 0.123456789 - 0.5]
    values, warnings = state.parse_query({"q": state.dump_distribution(q)})
    assert warnings == []
    assert values[state.Q.key] == pytest.approx(q, abs=1e-6)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("nonsense", "not a state object"),
        ({"q": [0.5, 0.5], "label": 0}, "sent 2 bars for 3 classes"),
        ({"q": [0.5, 0.5, "x"], "label": 0}, "must contain only finite numbers"),
        ({"q": [0.5, 0.25, 0.25], "label": 7}, "true class that does not exist"),
        ({"q": [0.5, 0.25, 0.25], "label": True}, "true class that does not exist"),
        ({"q": [0.5, 0.25, 0.25], "p": [1.0], "label": 0}, "soft label of the wrong length"),
        ({"q": [0.9, 0.25, 0.25], "label": 0}, "must sum to 1"),
    ],
)
def test_component_values_are_validated(raw: object, message: str) -> None:
    with pytest.raises(state.StateError, match=message):
        parse_value(raw, 3)


def test_component_value_accepted() -> None:
    value = parse_value({"q": [0.5, 0.25, 0.25], "p": None, "label": 2, "seq": 4}, 3)
    assert value.q == [0.5, 0.25, 0.25] and value.p is None and value.label == 2

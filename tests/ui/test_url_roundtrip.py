"""Every URL parameter round-trips: a value written into a link reads back as itself.

Pure Python (no server, no AppTest): for each `Param` of `xent_ui.state.ALL_PARAMS` that
has a `url`, ``parse(dump(value)) == value`` for its default and for a few valid
non-default values, both directly and through a real query string (urlencode, then
parse_qs, then `state.parse_query`, the loader's own path). Equality is exact and the
type is kept (an int stays an int, a float a float): `format_number` writes 6 significant
digits, which is enough for every value the app itself offers. The one place where a
value legitimately rounds (a float with more digits than that) has its own test below,
with the tolerance explained.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest

from xent_ui import state

URL_PARAMS = tuple(p for p in state.ALL_PARAMS if p.url is not None)


def _side_examples(side: state.TrainingSide) -> dict[str, list[Any]]:
    """Non-default values for one training configuration (A, or B with URL names ending in 2)."""
    return {
        side.model.url: list(state.TRAIN_MODELS),
        side.width.url: [2, 8, state.TRAIN_WIDTH_MAX],
        side.activation.url: list(state.TRAIN_ACTIVATIONS),
        side.optimizer.url: list(state.TRAIN_OPTIMIZERS),
        side.learning_rate.url: list(state.TRAIN_LEARNING_RATES),
        side.momentum.url: [0.0, 0.5, state.TRAIN_MOMENTUM_MAX],
        side.loss.url: list(state.TRAIN_LOSSES),
        side.gamma.url: [0.0, 0.5, state.TRAIN_GAMMA_MAX],
        side.smoothing.url: [0.0, 0.05, state.TRAIN_SMOOTHING_MAX],
    }


# Valid values for each URL name: every option of a choice or a fixed menu, the ends of a
# range and one value inside it. Each one is valid on its own in a link (the explorer's
# lists keep the default three classes where a lone parameter must match them).
EXAMPLES: dict[str, list[Any]] = {
    # app-wide
    "unit": list(state.UNITS),
    "present": [True, False],
    "step": [0, 1, 7, state.MAX_DECK_STEPS],
    # explorer
    "q": [
        [0.25, 0.25, 0.5],
        [1.0, 0.0, 0.0],
        [0.001, 0.999, 0.0],
        [0.1, 0.2, 0.3, 0.4],  # a lone q may change the class count
        [0.5, 0.5],
        [0.1] * state.MAX_CLASSES,
    ],
    "name": [
        ["cat", "dog", "bird"],
        ["chat noir", "Hund", "鳥"],
        ["x" * state.MAX_NAME_LENGTH, "B", "C"],
    ],
    "y": [0, 1, 2],
    "soft": [True, False],
    "p": [[0.2, 0.3, 0.5], [0.0, 0.0, 1.0], [0.123456, 0.654321, 0.222223]],
    "eps": [0.0, 0.1, 0.25, state.EPSILON_MAX],
    # curves
    "show": [[], ["mse"], list(state.CURVE_CHOICES), list(state.DEFAULT_CURVES[:2])],
    "gamma": [0.0, 0.5, 3.25, state.GAMMA_MAX],
    "alpha": [0.0, 0.25, 1.0],
    "logy": [True, False],
    "bp": [state.BCE_P_MIN, 0.5, 0.123456, 1.0 - state.BCE_P_MIN],
    "by": [0.0, 0.7, 1.0],
    "blogit": [True, False],
    # logits
    "z": [
        [0.0, 0.0, 0.0],
        [-state.LOGIT_LIMIT, 0.5, state.LOGIT_LIMIT],
        [-1.25, 3.0, 0.001, 7.5],
        [12.3456, -0.000123],
    ],
    "t": list(state.TEMPERATURES),
    "zaxis": list(state.LOGIT_AXES),
    "scale": list(state.LAB_SCALES),
    "dtype": list(state.LAB_DTYPES),
    "edge": list(state.EDGE_PROBABILITIES),
    # simplex
    "measure": list(state.SIMPLEX_MEASURES),
    "msg": [0, 42, state.MESSAGE_SEED_MAX],
    # data
    "src": list(state.DATA_SOURCES),
    "rbins": [state.RELIABILITY_BINS_MIN, 15, state.RELIABILITY_BINS_MAX],
    "ct": list(state.CALIBRATION_TEMPERATURES),
    # classroom
    "qseed": [0, 7, state.MAX_SEED],
    # learn
    "lesson": ["", *state.LESSON_SLUGS],
    "done": [[], ["surprise"], list(state.LESSON_SLUGS), ["entropy", "calibration"]],
    "progress": [True, False],
    "lseed": [0, 17, state.LEARN_SEED_MAX],
    "sq": [0.01, 0.5, 0.99],
    "sn": [0, 1, 500],
    "ew": [[1, 1, 1, 1], [8, 0, 0, 0], [4, 2, 1, 1]],
    "xw": [[1, 1, 1, 1], [0, 8, 3, 1]],
    "xn": [1, 100, state.LEARN_DRAWS_MAX],
    "kw": [[1, 2, 3, 4], [0, 0, 0, 1]],
    "kz": [True, False],
    "oq": [[0.6, 0.3, 0.1], [0.001, 0.5, 0.499]],
    "mq": [0.01, 0.7, 0.99],
    "hq": [0.01, 0.7, 0.99],
    "hn": [1, 500, state.LEARN_DRAWS_MAX],
    "cq": list(state.MISTAKE_Q_VALUES),
    "lz": [[1.0, 0.0, -1.0], [-state.LOGIT_LIMIT, 2.5, state.LOGIT_LIMIT]],
    "lt": [0.1, 1.0, 2.5, 5.0],
    "lct": list(state.CALIBRATION_TEMPERATURES),
    # training lab
    "data": list(state.TRAIN_DATASETS),
    "classes": list(range(state.MIN_CLASSES, state.TRAIN_CLASSES_MAX + 1)),
    "noise": [0.0, 0.05, state.TRAIN_NOISE_MAX],
    "samples": [state.TRAIN_SAMPLES_MIN, 500, state.TRAIN_SAMPLES_MAX],
    "imbalance": list(state.TRAIN_IMBALANCES),
    "seed": [0, 123, state.TRAIN_SEED_MAX],
    "batch": list(state.TRAIN_BATCHES),
    "epochs": [state.TRAIN_EPOCHS_MIN, 250, state.TRAIN_EPOCHS_MAX],
    "init": list(state.TRAIN_INIT_SCALES),
    "lossview": list(state.TRAIN_LOSS_VIEWS),
    "compare": [True, False],
    **_side_examples(state.TRAIN_A),
    **_side_examples(state.TRAIN_B),
    # class game: a room's code, a student's own key (never the lecturer's)
    "room": ["", "ABCDEF", "23456Z", state.GAME_CODE_ALPHABET[-state.GAME_CODE_LENGTH :]],
    "player": ["", "A" * 16, "x_-Y0123456789abcdefghijklmnopqr", "z" * 64],
    # text page: the learner's own text only when short (state.TEXT_LINK_CHARS)
    "corpus": list(state.TEXT_CORPORA),
    "held": [state.TEXT_HELD_OUT_MIN, 35, state.TEXT_HELD_OUT_MAX],
    "order": list(range(1, state.TEXT_MAX_ORDER + 1)),
    "talpha": list(state.TEXT_ALPHAS),
    "temp": list(state.TEXT_TEMPERATURES),
    "len": list(state.TEXT_SAMPLE_LENGTHS),
    "sseed": [0, 42, state.TEXT_SEED_MAX],
    "text": [
        "",
        "the cat sat on the mat",
        "two lines\nand a\ttab, «quotes» & <tags> — é, 鳥, 🙂",
        "x" * state.TEXT_LINK_CHARS,
    ],
}

CASES = [
    pytest.param(param, value, id=f"{param.url}={value!r}"[:60])
    for param in URL_PARAMS
    for value in EXAMPLES.get(param.url, [])
]


def same(a: Any, b: Any) -> bool:
    """Equal and of the same type, element by element for lists (no tolerance)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def round_trip(param: state.Param, value: Any) -> Any:
    dumped = param.dump(value)
    if param.multi:
        # A repeated parameter is written and read as a list of strings.
        assert isinstance(dumped, list) and all(isinstance(s, str) for s in dumped), dumped
    else:
        assert isinstance(dumped, str), dumped
    return param.parse(dumped)


def through_query_string(params_values: list[tuple[state.Param, Any]]) -> tuple[dict, list]:
    """Write values into a real query string and read it back the way the loader does."""
    query = urlencode([(p.url, p.dump(v)) for p, v in params_values], doseq=True)
    return state.parse_query(parse_qs(query, keep_blank_values=True))


def test_url_names_are_unique() -> None:
    urls = [p.url for p in URL_PARAMS]
    assert len(urls) == len(set(urls)), sorted(u for u in urls if urls.count(u) > 1)
    keys = [p.key for p in state.ALL_PARAMS]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_url_param_has_examples() -> None:
    """A new URL parameter needs its own non-default values here."""
    assert sorted(p.url for p in URL_PARAMS if not EXAMPLES.get(p.url)) == []
    assert sorted(set(EXAMPLES) - {p.url for p in URL_PARAMS}) == []
    for param in URL_PARAMS:
        assert any(not same(v, param.initial()) for v in EXAMPLES[param.url]), param.url


@pytest.mark.parametrize("param", URL_PARAMS, ids=lambda p: p.url)
def test_default_round_trips(param: state.Param) -> None:
    initial = param.initial()
    assert same(round_trip(param, initial), initial)


@pytest.mark.parametrize(("param", "value"), CASES)
def test_value_round_trips(param: state.Param, value: Any) -> None:
    # Each example must itself be valid, or the round trip proves nothing.
    assert same(round_trip(param, value), value)
    values, warnings = through_query_string([(param, value)])
    assert warnings == []
    assert same(values[param.key], value)


def test_all_defaults_round_trip_through_one_query_string() -> None:
    values, warnings = through_query_string([(p, p.initial()) for p in URL_PARAMS])
    assert warnings == []
    assert {p.key for p in URL_PARAMS} <= set(values)
    for param in URL_PARAMS:
        assert same(values[param.key], param.initial()), param.url


def test_all_first_examples_round_trip_through_one_query_string() -> None:
    """One value per parameter, all in one link (the explorer's lists are all 3 long)."""
    chosen = [(p, next(v for v in EXAMPLES[p.url] if not same(v, p.initial()))) for p in URL_PARAMS]
    values, warnings = through_query_string(chosen)
    assert warnings == []
    for param, value in chosen:
        assert same(values[param.key], value), param.url


# The one legitimate rounding: `format_number` writes 6 significant digits, so a float with
# more (a slider value of 1/3, say) comes back within half a unit in the 6th digit, at most
# 5e-6 relative; probabilities are then renormalised to sum to 1. Every value the app's own
# controls produce has at most 6 digits and round-trips exactly (above).
SIX_DIGITS = 5e-6


@pytest.mark.parametrize(
    ("param", "value"),
    [
        (state.EPSILON, 1 / 3 * state.EPSILON_MAX),
        (state.GAMMA, math.pi),
        (state.TRAIN_NOISE, 1 / 7),
        (state.Z, [math.pi, -math.e, 1 / 3]),
    ],
    ids=lambda x: getattr(x, "url", None) or "",
)
def test_more_than_six_digits_round_within_the_sixth(param: state.Param, value: Any) -> None:
    back = round_trip(param, value)
    assert back == pytest.approx(value, rel=SIX_DIGITS, abs=0)
    assert back != value  # it did round: the tolerance is needed, not slack


def test_long_distribution_rounds_and_renormalises() -> None:
    q = [1 / 3, 1 / 3, 1 / 3]
    back = round_trip(state.Q, q)
    assert back == pytest.approx(q, rel=SIX_DIGITS, abs=0)
    assert math.fsum(back) == pytest.approx(1.0, abs=1e-15)

"""The simplex page under AppTest: shared state, every control, the message, hostile URLs."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial.distance import jensenshannon
from streamlit.testing.v1 import AppTest

import xent_core as xc
from tests.helpers import core_values
from xent_ui.components.simplex import parse_simplex
from xent_ui.state import StateError

ROOT = Path(__file__).resolve().parents[2]
SEED_Q = [0.7, 0.2, 0.1]


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/simplex.py").run()


def table(at: AppTest, first_column: str) -> dict[str, list[str]]:
    """A table by the name of its first column, as {column: values}."""
    found = next(t.value for t in at.table if t.value.columns[0] == first_column)
    return {c: list(found[c]) for c in found.columns}


def measures(at: AppTest) -> dict[str, str]:
    """Measure → displayed value, from both tables the page renders from xent_core."""
    values = core_values(at)
    extra = next(
        t.value for t in at.table if "Reverse KL divergence KL(q‖p)" in list(t.value["Measure"])
    )
    values |= dict(zip(extra["Measure"], extra["Value"], strict=True))
    return values


def number(text: str) -> float:
    return math.inf if text == "∞" else float(text)


def ce(at: AppTest) -> float:
    return number(measures(at)["Cross-entropy H(p,q)"])


def test_defaults_are_the_explorers_seed_example() -> None:
    at = run()
    assert not at.exception
    assert not at.warning
    values = measures(at)
    assert values["Cross-entropy H(p,q)"] == "0.356675"  # −ln 0.7
    # q = (0.7, 0.2, 0.1) gives B and C probability that the one-hot p rules out.
    assert values["Reverse KL divergence KL(q‖p)"] == "∞"
    p = [1.0, 0.0, 0.0]
    # SciPy's jensenshannon is the distance; its square is the divergence.
    assert number(values["Jensen–Shannon divergence JS(p,q)"]) == pytest.approx(
        jensenshannon(p, SEED_Q) ** 2, abs=1e-6
    )
    assert number(values["Jensen–Shannon distance √JS"]) == pytest.approx(
        jensenshannon(p, SEED_Q), abs=1e-6
    )
    assert dict(at.query_params) == {}
    assert at.radio(key="w:xent.simplex.measure").value == "cross_entropy"
    assert at.radio(key="simplex.truth").value == "0"


def test_landscape_choice_reaches_the_url_and_back() -> None:
    at = run()
    for measure in xc.LANDSCAPES[1:]:
        at.radio(key="w:xent.simplex.measure").set_value(measure).run()
        assert not at.exception
        assert at.query_params["measure"] == measure
    at.radio(key="w:xent.simplex.measure").set_value("cross_entropy").run()
    assert "measure" not in at.query_params
    again = run({"measure": "reverse_kl_divergence"})
    assert not again.warning
    assert again.radio(key="w:xent.simplex.measure").value == "reverse_kl_divergence"


def test_true_class_and_soft_truth() -> None:
    at = run()
    at.radio(key="simplex.truth").set_value("1").run()
    assert ce(at) == pytest.approx(-math.log(0.2), abs=1e-6)
    assert at.query_params["y"] == "1"
    at.radio(key="simplex.truth").set_value("soft").run()
    # The explorer's soft label (0.6, 0.3, 0.1) against q = (0.7, 0.2, 0.1).
    expected = -(0.6 * math.log(0.7) + 0.3 * math.log(0.2) + 0.1 * math.log(0.1))
    assert ce(at) == pytest.approx(expected, abs=1e-6)
    assert at.query_params["soft"] == "1"
    assert at.slider(key="w:xent.eps").disabled


def test_label_smoothing_moves_p_off_the_corner() -> None:
    at = run()
    at.slider(key="w:xent.eps").set_value(0.3).run()
    p = [0.8, 0.1, 0.1]  # (1 − 0.3)·(1, 0, 0) + 0.3/3
    values = measures(at)
    assert number(values["Cross-entropy H(p,q)"]) == pytest.approx(
        float(xc.cross_entropy(p, SEED_Q)), abs=1e-6
    )
    # p now has full support, so the reverse KL is finite: Σ q log(q/p), hand-checked.
    reverse = 0.7 * math.log(0.7 / 0.8) + 0.2 * math.log(0.2 / 0.1) + 0.1 * math.log(1.0)
    assert number(values["Reverse KL divergence KL(q‖p)"]) == pytest.approx(reverse, abs=1e-6)
    assert at.query_params["eps"] == "0.3"


def test_presets() -> None:
    at = run()
    at.button(key="simplex.preset.centre").click().run()
    assert ce(at) == pytest.approx(math.log(3), abs=1e-6)
    at.button(key="simplex.preset.half").click().run()
    values = measures(at)
    # p = (½, ½, 0) and q uniform: forward KL = ln 1.5, reverse KL = ∞ (q bets on C).
    assert number(values["KL divergence KL(p‖q)"]) == pytest.approx(math.log(1.5), abs=1e-6)
    assert values["Reverse KL divergence KL(q‖p)"] == "∞"
    assert at.query_params["p"] == "0.5,0.5,0"
    at.button(key="simplex.preset.match").click().run()
    values = measures(at)
    assert values["KL divergence KL(p‖q)"] == "0.000000"
    assert values["Reverse KL divergence KL(q‖p)"] == "0.000000"
    assert values["Jensen–Shannon divergence JS(p,q)"] == "0.000000"
    assert values["Cross-entropy H(p,q)"] == f"{math.log(2):.6f}"  # = H(p) = ln 2
    at.button(key="simplex.preset.seed").click().run()
    assert measures(at)["Cross-entropy H(p,q)"] == "0.356675"
    assert dict(at.query_params) == {}


def test_forward_reverse_table_and_infinity_reasons() -> None:
    at = run({"soft": "1", "p": "0.5,0.5,0"})
    rows = table(at, "Prediction q")
    forward = [number(v) for v in rows["Forward KL(p‖q), nats"]]
    reverse = [number(v) for v in rows["Reverse KL(q‖p), nats"]]
    # Rows: yours (0.7, 0.2, 0.1), all on A, uniform, q = p.
    assert forward[1] == math.inf and reverse[1] == pytest.approx(math.log(2), abs=1e-4)
    assert forward[2] == pytest.approx(math.log(1.5), abs=1e-4) and reverse[2] == math.inf
    assert forward[3] == reverse[3] == 0
    text = " ".join(m.value for m in at.markdown)
    assert "Reverse KL is ∞" in text and "**C**" in text
    assert "Forward KL is finite" in text


def test_one_hot_truth_has_a_single_mode() -> None:
    rows = table(run(), "Prediction q")
    assert rows["Prediction q"] == ["yours", "all on A (= p)", "uniform (⅓, ⅓, ⅓)"]
    assert rows["Forward KL(p‖q), nats"] == ["0.3567", "0.0000", f"{math.log(3):.4f}"]
    assert rows["Reverse KL(q‖p), nats"] == ["∞", "0.0000", "∞"]


def test_code_lengths_in_bits() -> None:
    at = run({"soft": "1", "p": "0.5,0.25,0.25", "q": "0.25,0.25,0.5"})
    rows = table(at, "Class")
    assert rows["−log₂ q (bits)"] == ["2.000", "2.000", "1.000"]
    assert rows["−log₂ p (bits)"] == ["1.000", "2.000", "2.000"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["q's code: H(p,q), bits"] == "1.750"
    assert metrics["p's code: H(p), bits"] == "1.500"
    assert metrics["Extra: KL(p‖q), bits"] == "0.250"


def test_sample_message_and_next_message() -> None:
    at = run({"soft": "1", "p": "0.2,0.3,0.5"})
    names = ["A", "B", "C"]
    p = [0.2, 0.3, 0.5]

    def shown() -> str:
        return next(t.value for t in at.text if set(t.value.split()) <= set(names))

    first = xc.sample_message(p, 24, seed=1)
    assert shown() == " ".join(names[i] for i in first.tolist())
    metrics = {m.label: m.value for m in at.metric}
    length = float(xc.message_length(first, SEED_Q))
    assert metrics["Length with q's code, bits"] == f"{length:.2f}"
    at.button(key="simplex.next_message").click().run()
    assert at.query_params["msg"] == "2"
    assert shown() == " ".join(names[i] for i in xc.sample_message(p, 24, seed=2).tolist())


def test_bits_divide_by_ln2() -> None:
    at = run({"unit": "bits", "measure": "js_divergence"})
    values = measures(at)
    assert number(values["Cross-entropy H(p,q)"]) == pytest.approx(-math.log2(0.7), abs=1e-6)
    assert number(values["Jensen–Shannon divergence JS(p,q)"]) == pytest.approx(
        jensenshannon([1, 0, 0], SEED_Q, base=2) ** 2, abs=1e-6
    )


def test_shared_with_the_explorer() -> None:
    at = run()
    at.button(key="simplex.preset.centre").click().run()
    at.switch_page("pages/explorer.py").run()
    # the explorer's cross-entropy: ln 3
    assert core_values(at)["Cross-entropy H(p,q)"] == f"{math.log(3):.6f}"
    assert at.number_input(key="explorer.k").value == 3


def test_other_class_counts_are_shown_with_three_and_converted_on_change() -> None:
    at = run({"q": "0.4,0.3,0.1,0.1,0.1"})
    assert not at.exception
    assert any("set to 5 classes" in i.value for i in at.info)
    # The first three classes, renormalised: q = (0.5, 0.375, 0.125); true class A.
    assert ce(at) == pytest.approx(-math.log(0.5), abs=1e-6)
    assert len(at.session_state["xent.q"]) == 5  # looking changes nothing
    at.radio(key="simplex.truth").set_value("1").run()
    assert at.session_state["xent.q"] == pytest.approx([0.5, 0.375, 0.125])
    assert ce(at) == pytest.approx(-math.log(0.375), abs=1e-6)
    assert not any("classes" in i.value for i in at.info)


@pytest.mark.parametrize(
    "query",
    [
        {"measure": "<script>alert(1)</script>"},
        {"measure": "mse"},
        {"msg": "-1"},
        {"msg": "1e9"},
        {"msg": "10000"},
        {"msg": "one"},
        {"q": "0.5,0.5,nan"},
    ],
)
def test_hostile_url_warns_and_falls_back(query: dict) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    (url,) = query
    assert any(f"(`{url}`)" in w.value for w in at.warning), [w.value for w in at.warning]
    at.switch_page("pages/simplex.py").run()
    assert not at.exception
    assert measures(at)["Cross-entropy H(p,q)"] == "0.356675"
    assert at.radio(key="w:xent.simplex.measure").value == "cross_entropy"
    assert at.session_state["xent.simplex.seed"] == 1


# --- the widget's value is validated like a URL -------------------------------------------------


def test_parse_simplex_accepts_points_of_the_triangle() -> None:
    value = parse_simplex({"q": [0.2, 0.3, 0.5], "p": None, "seq": 3})
    assert value.q == pytest.approx([0.2, 0.3, 0.5]) and value.p is None
    value = parse_simplex({"q": [1, 0, 0], "p": [0.5, 0.5, 0.0]})
    assert value.p == [0.5, 0.5, 0.0]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("q=1,0,0", "not a state object"),
        ({"q": [0.5, 0.5]}, "prediction that is not a point of the triangle"),
        ({"q": [0.5, 0.6, -0.1]}, "between 0 and 1"),
        ({"q": [0.5, 0.5, float("nan")]}, "finite numbers"),
        ({"q": [0.2, 0.2, 0.2]}, "must sum to 1"),
        ({"q": [1, 0, 0], "p": [1, 0]}, "true distribution that is not a point"),
        ({"q": ["1", 0, 0]}, "finite numbers"),
    ],
)
def test_parse_simplex_rejects_hostile_values(raw, message: str) -> None:
    with pytest.raises(StateError, match=message):
        parse_simplex(raw)


def test_landscape_payload_marks_infinity_as_null() -> None:
    from xent_ui.components import landscape_data

    grid = xc.simplex_grid(4)
    values = xc.landscape([1, 0, 0], grid, "cross_entropy")
    packed = landscape_data(
        key="k",
        n=4,
        values=values,
        cells=np.zeros(16),
        dots=np.zeros((0, 3)),
        cap=3.0,
        colors=[(0.0, "#000000"), (1.0, "#ffffff")],
        contours=[(1.0, "1", np.array([[[0.5, 0.25, 0.25], [0.5, 0.5, 0.0]]]))],
        infinite_edges=[True, False, False],
        unit="nats",
    ).to_data()
    # q_A = 0 on the first five points: −ln 0 = ∞, which JSON cannot carry.
    assert packed["values"][:5] == [None] * 5
    assert packed["values"][-1] == 0.0
    assert packed["contours"][0]["segments"] == [0.5, 0.25, 0.5, 0.5]
    assert packed["capLabel"] == "≥ 3 nats"


def test_kl_captions_are_built_from_the_numbers() -> None:
    """Issue 16, items 1 and 2: the deck's p = (0.6, 0.3, 0.1)."""
    text = " ".join(c.value for c in run({"soft": "1", "p": "0.6,0.3,0.1"}).caption)
    # Reverse KL, all on A: 1·ln(1/0.6) = 0.5108; uniform: ⅓[ln(1/1.8) + ln(1/0.9) + ln(1/0.3)]
    # = 0.2405. Forward KL, all on A: ∞ (p uses B and C); uniform:
    # 0.6 ln 1.8 + 0.3 ln 0.9 + 0.1 ln 0.3 = 0.2007.
    assert "forward KL prefers the uniform guess (0.2007 against ∞ nats)" in text
    assert "reverse KL prefers the uniform guess (0.2405 against 0.5108 nats)" in text
    assert "both are 0 at q = p and only there" in text
    assert "Committing to one class is what reverse KL forgives" not in text
    # Forward KL, halfway to C: q = (0.3, 0.15, 0.55): 0.9 ln 2 + 0.1 ln(0.1/0.55)
    # = 0.62383 − 0.17047 = 0.45336; halfway to A: q = (0.8, 0.15, 0.05):
    # 0.6 ln 0.75 + 0.4 ln 2 = −0.17261 + 0.27726 = 0.10465 (0.104650, shown 0.1046).
    assert "to the corner of C, the class p uses least (p_C = 0.10), costs 0.4534 nats" in text
    assert "halfway to A, the one it uses most (p_A = 0.60), only 0.1046 nats" in text
    assert "forward KL charges pᵢ·log 2 for halving class i" in text
    uniform_p = {"soft": "1", "p": "0.333333,0.333333,0.333334"}
    uniform = " ".join(c.value for c in run(uniform_p).caption)
    assert "With a uniform p the basin is the same in every direction" in uniform
    # Zero-avoiding against zero-forcing with p = (½, ½, 0): forward KL of the uniform
    # guess ln 1.5 = 0.4055, reverse KL of all on A ln 2 = 0.6931.
    assert "Forward KL gives the uniform guess a finite cost (0.4055 nats)" in text
    assert "reverse KL gives dropping B a finite cost (0.6931 nats)" in text
    markdown = " ".join(m.value for m in run().markdown)
    assert "**zero-avoiding**" in markdown and "**zero-forcing**" in markdown


def test_kl_captions_follow_the_unit() -> None:
    text = " ".join(c.value for c in run({"soft": "1", "p": "0.6,0.3,0.1", "unit": "bits"}).caption)
    # 0.5108 nats / ln 2 = 0.7370 bits; 0.2405 / ln 2 = 0.3470.
    assert "reverse KL prefers the uniform guess (0.3470 against 0.7370 bits)" in text
    assert "nats" not in text

"""The logits page under AppTest: defaults, URL state, temperature, shifting, smoothing."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from scipy.special import logsumexp
from streamlit.testing.v1 import AppTest

from tests.helpers import core_values

ROOT = Path(__file__).resolve().parents[2]


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/logits.py").run()


def ce(at: AppTest) -> float:
    return float(core_values(at)["Cross-entropy H(p,q)"])


def expected(z: list[float], label: int, t: float = 1.0) -> float:
    # −log softmax(z/T)_y = logsumexp(z/T) − z_y/T, with SciPy's logsumexp as the reference.
    return float(logsumexp([v / t for v in z]) - z[label] / t)


def test_default_logits() -> None:
    at = run()
    assert not at.exception
    assert ce(at) == pytest.approx(expected([2.0, 1.0, 0.1], 0), abs=1e-6)


def test_url_logits_and_temperature() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["z"] = "0,3,-1"
    at.query_params["t"] = "2"
    at.run()
    at.switch_page("pages/logits.py").run()
    assert not at.warning
    assert ce(at) == pytest.approx(expected([0, 3, -1], 0, 2.0), abs=1e-6)


def test_temperature_slider() -> None:
    at = run()
    at.select_slider(key="w:xent.logits.t").set_value(0.1).run()
    assert ce(at) == pytest.approx(expected([2.0, 1.0, 0.1], 0, 0.1), abs=1e-6)
    assert at.query_params["t"] == "0.1"


def test_shifting_all_logits_changes_nothing() -> None:
    at = run()
    before = ce(at)
    at.button(key="logits.shift_up").click().run()
    assert at.query_params["z"] == "3,2,1.1"
    assert ce(at) == pytest.approx(before, abs=1e-9)
    at.button(key="logits.shift_down").click().run()
    at.button(key="logits.shift_down").click().run()
    assert ce(at) == pytest.approx(before, abs=1e-9)


def test_label_smoothing_shows_the_finite_optimal_gap() -> None:
    at = run()
    at.slider(key="w:xent.eps").set_value(0.1).run()
    # ln((1 − ε + ε/K)/(ε/K)) with ε = 0.1, K = 3: ln(0.9333…/0.0333…) = ln 28.
    gap = math.log(28)
    assert any(f"{gap:.3f}" in latex.value for latex in at.latex)


@pytest.mark.parametrize(
    "query", [{"z": "1e309,0,0"}, {"z": "50,0,0"}, {"t": "0"}, {"t": "3.3"}, {"dtype": "int8"}]
)
def test_hostile_logits_url(query: dict) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    (url,) = query
    assert any(f"(`{url}`)" in w.value for w in at.warning), [w.value for w in at.warning]
    at.switch_page("pages/logits.py").run()
    assert not at.exception
    assert ce(at) == pytest.approx(expected([2.0, 1.0, 0.1], 0), abs=1e-6)


def lab_values(at: AppTest) -> dict[str, str]:
    """The −log q metric of each lab column, by method."""
    return {method: at.get("metric")[i].value for i, method in enumerate(("naive", "stable"))}


def test_lab_float32_at_scale_1e4_breaks_only_the_naive_path() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["scale"] = "10000"
    at.query_params["dtype"] = "float32"
    at.run()
    at.switch_page("pages/logits.py").run()
    values = lab_values(at)
    # z = [2, 1, 0.1] × 1e4: exp(2e4) overflows float32, inf / inf = nan for the true class.
    assert values["naive"] == "NaN nats"
    # Stable: −log q_0 = logsumexp([2e4, 1e4, 1e3]) − 2e4 = ln(1 + e^-1e4 + …) ≈ 0.
    assert values["stable"] == "0.0000 nats"
    assert at.query_params["scale"] == "10000"


def test_lab_scale_control_and_float64() -> None:
    at = run()
    at.select_slider(key="w:xent.logits.scale").set_value(1.0).run()
    values = lab_values(at)
    # Scale 1 in float32: both paths agree on −log softmax([2, 1, 0.1])_0 ≈ 0.4170.
    assert values["naive"] == values["stable"] == f"{expected([2.0, 1.0, 0.1], 0):.4f} nats"
    at.session_state["xent.logits.dtype"] = "float64"
    at.select_slider(key="w:xent.logits.scale").set_value(1000.0).run()
    # Scale 1000: exp(2000) overflows even float64 (largest e^709.8): the naive path breaks.
    assert lab_values(at)["naive"] == "NaN nats"
    assert at.query_params["dtype"] == "float64"


def edge_table(at: AppTest) -> dict[str, str]:
    table = next(t.value for t in at.table if "Convention" in t.value.columns)
    loss_column = next(c for c in table.columns if c.startswith("At q_t"))
    return dict(zip(table["Convention"], table[loss_column], strict=True))


def test_library_conventions_at_zero_and_near_zero() -> None:
    at = run()
    values = edge_table(at)
    # Hand-checked: 52 ln 2 = 36.0437, 7 ln 10 = 16.1181, 15 ln 10 = 34.5388.
    assert values == {
        "Exact": "∞",
        "scikit-learn log_loss": "36.0437",
        "Keras categorical_crossentropy": "16.1181",
        "PyTorch BCELoss": "100.0000",
        "Seed script": "34.5388",
    }
    at.select_slider(key="w:xent.logits.edge").set_value(1e-3).run()
    values = edge_table(at)
    # Above the clips every convention is −ln 1e-3 = 6.9078 (3 ln 10).
    assert set(values.values()) == {"6.9078"}
    assert at.query_params["edge"] == "0.001"


def test_conventions_follow_the_unit_and_say_where_they_agree() -> None:
    at = run({"unit": "bits"})
    values = edge_table(at)
    # 52 ln 2 nats = 52 bits; 7 ln 10 nats = 7 log₂ 10 = 23.2535 bits; 100/ln 2 = 144.2695.
    assert values["scikit-learn log_loss"] == "52.0000"
    assert values["Keras categorical_crossentropy"] == "23.2535"
    assert values["PyTorch BCELoss"] == "144.2695"
    text = " ".join(c.value for c in at.caption)
    # Keras's clip at 1e-7 is the last to let go (xent_core.agreement_threshold).
    assert "From q_t = 1e-07 up they all agree with the exact value" in text
    assert "Losses in bits (the libraries themselves report nats; here divided by ln 2)" in text
    assert "Above about 1e-3" not in text


def test_label_smoothing_gap_includes_the_temperature() -> None:
    # ε = 0.1, K = 3: the gap of z / T is ln((0.9 + 0.1/3)/(0.1/3)) = ln 28 = 3.332; at
    # T = 2 the raw logits lead by 2 ln 28 = 6.664.
    at = run({"eps": "0.1", "t": "2"})
    text = " ".join(c.value for c in at.caption)
    assert "3.332 in z / T, which at T = 2 is 6.664 in the raw logits" in text
    assert any("z_t - z_j = 6.664" in m.body for m in at.latex)


def test_formula_follows_the_unit() -> None:
    bits = " ".join(m.body for m in run({"unit": "bits"}).latex)
    assert "\\ln" not in bits and "-\\log_2 q_t" in bits

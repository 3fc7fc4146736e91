"""The explorer under AppTest: defaults, URL state, presets, controls and hostile input."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import component_data, core_values

ROOT = Path(__file__).resolve().parents[2]
LN2 = math.log(2)


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def core(at: AppTest) -> dict[str, str]:
    """Measure → displayed value, from the table the page renders from xent_core."""
    return core_values(at)


def ce(at: AppTest) -> float:
    text = core(at)["Cross-entropy H(p,q)"]
    return math.inf if text == "∞" else float(text)


def test_default_is_the_seed_example() -> None:
    at = run()
    assert not at.exception
    # −ln 0.7 = 0.356675 (the study note's worked example).
    assert core(at)["Cross-entropy H(p,q)"] == "0.356675"
    assert core(at)["Entropy H(p)"] == "0.000000"
    assert core(at)["KL divergence KL(p‖q)"] == "0.356675"
    assert core(at)["Perplexity"] == "1.428571"  # 1/0.7
    assert not at.warning
    assert dict(at.query_params) == {}


def test_url_state_is_applied() -> None:
    at = run({"q": "0.1,0.6,0.3", "y": "1", "name": ["cat", "dog", "bird"]})
    assert not at.warning
    assert ce(at) == pytest.approx(-math.log(0.6), abs=1e-6)
    assert [t.value for t in at.text_input][:3] == ["cat", "dog", "bird"]


def test_bits_divide_by_ln2() -> None:
    at = run({"unit": "bits"})
    assert ce(at) == pytest.approx(-math.log2(0.7), abs=1e-6)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "1e309,0,0"},
        {"q": "<script>alert(1)</script>"},
        {"y": "99"},
        {"name": ["<b>" * 10, "B", "C"]},
        {"eps": "nan"},
        {"q": ",".join(["0.1"] * 3000)},
    ],
)
def test_hostile_url_shows_warning_and_defaults(query: dict) -> None:
    at = run(query)
    assert not at.exception
    assert at.warning, "a visible warning"
    assert core(at)["Cross-entropy H(p,q)"] == "0.356675"


def test_dismissing_warnings() -> None:
    at = run({"q": "oops"})
    assert at.warning
    at.button(key="xent.dismiss_url_warnings").click().run()
    assert not at.warning


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("right", -math.log(0.95)),
        ("wrong", -math.log(0.02)),
        ("uniform", math.log(3)),
        ("hedged", -math.log(0.6)),
    ],
)
def test_presets(preset: str, expected: float) -> None:
    at = run({"q": "0.2,0.3,0.5"})
    at.button(key=f"explorer.preset.{preset}").click().run()
    assert ce(at) == pytest.approx(expected, abs=1e-6)
    at.button(key="explorer.preset.seed").click().run()
    assert ce(at) == pytest.approx(-math.log(0.7), abs=1e-6)


@pytest.mark.parametrize("preset", ["right", "wrong", "uniform", "hedged"])
def test_presets_with_two_classes(preset: str) -> None:
    """Every preset is a distribution at K = 2 (the wrong one used to sum to 0.97)."""
    at = run({"q": "0.5,0.5", "name": ["A", "B"]})
    at.button(key=f"explorer.preset.{preset}").click().run()
    assert not at.exception and not at.error
    q = [float(v) for v in at.query_params.get("q", "0.5,0.5").split(",")]
    assert sum(q) == pytest.approx(1.0, abs=1e-5)


def test_seed_preset_help_follows_the_unit() -> None:
    # −ln 0.7 = 0.3567 nats; −log₂ 0.7 = 0.5146 bits.
    assert "−ln 0.7 = 0.3567 nats" in run().button(key="explorer.preset.seed").help
    bits = run({"unit": "bits"}).button(key="explorer.preset.seed").help
    assert "−log₂ 0.7 = 0.5146 bits" in bits and "nats" not in bits


def test_changing_class_count_keeps_a_distribution() -> None:
    at = run()
    at.number_input(key="explorer.k").set_value(5).run()
    assert not at.exception
    assert [t.value for t in at.text_input][:5] == ["A", "B", "C", "D", "E"]
    # q grows to [0.7, 0.2, 0.1]·3/5 + [0.2, 0.2]: the true class keeps 0.42.
    assert ce(at) == pytest.approx(-math.log(0.42), abs=1e-6)
    assert at.query_params["q"] == "0.42,0.12,0.06,0.2,0.2"
    at.number_input(key="explorer.k").set_value(2).run()
    assert ce(at) == pytest.approx(-math.log(0.42 / 0.54), abs=1e-6)


def test_label_smoothing_changes_the_target() -> None:
    at = run()
    at.slider(key="w:xent.eps").set_value(0.3).run()
    # p = [0.8, 0.1, 0.1]; H(p,q) = −(0.8 ln 0.7 + 0.1 ln 0.2 + 0.1 ln 0.1), hand-checked.
    expected = -(0.8 * math.log(0.7) + 0.1 * math.log(0.2) + 0.1 * math.log(0.1))
    assert ce(at) == pytest.approx(expected, abs=1e-6)
    assert at.query_params["eps"] == "0.3"


def test_soft_label_uses_the_soft_distribution() -> None:
    at = run()
    at.toggle(key="w:xent.soft").set_value(True).run()
    expected = -(0.6 * math.log(0.7) + 0.3 * math.log(0.2) + 0.1 * math.log(0.1))
    assert ce(at) == pytest.approx(expected, abs=1e-6)
    assert at.slider(key="w:xent.eps").disabled


def test_infinite_loss_is_shown_as_infinity() -> None:
    at = run({"q": "0,0.5,0.5"})
    assert core(at)["Cross-entropy H(p,q)"] == "∞"
    assert not at.exception


def views(at: AppTest) -> dict:
    """The three small charts' numbers the page sent to the drag widget."""
    return component_data(at, "explorer.bars")["views"]


def test_small_charts_are_computed_by_the_core() -> None:
    # Seed example: terms −p·ln q = [−ln 0.7, 0, 0], gradient q − p = [−0.3, 0.2, 0.1],
    # and with a one-hot label on A the curve is −ln x along the grid.
    v = views(run())
    assert v["terms"] == pytest.approx([-math.log(0.7), 0.0, 0.0], abs=1e-12)
    assert v["grad"] == pytest.approx([-0.3, 0.2, 0.1], abs=1e-12)
    assert v["true"] == 0
    grid = np.geomspace(1e-3, 1.0, 200)
    assert v["grid"] == pytest.approx(grid.tolist(), rel=1e-12)
    assert v["curve"] == pytest.approx((-np.log(grid)).tolist(), rel=1e-9, abs=1e-12)
    assert v["uniform"] == pytest.approx(math.log(3), abs=1e-12)


def test_small_charts_in_bits_with_smoothing_and_an_infinite_term() -> None:
    # q(A) = 0 with ε = 0.3 on K = 3: p = [0.8, 0.1, 0.1], so A's term is ∞ (sent as null:
    # JSON has no infinity) and B's is −0.1·log₂ 0.5 = 0.1 bits.
    at = run({"q": "0,0.5,0.5", "eps": "0.3", "unit": "bits"})
    assert not at.warning
    v = views(at)
    assert v["terms"][0] is None
    assert v["terms"][1:] == pytest.approx([0.1, 0.1], abs=1e-12)
    assert v["grad"] == pytest.approx([-0.8, 0.4, 0.4], abs=1e-12)
    assert v["uniform"] == pytest.approx(math.log2(3), abs=1e-12)
    # Along the curve q' = [x, (1−x)/2, (1−x)/2]; at x = 1 the other classes get 0: ∞.
    x = np.array(v["grid"][:-1])
    expected = -(0.8 * np.log2(x) + 0.2 * np.log2((1 - x) / 2))
    assert v["curve"][:-1] == pytest.approx(expected.tolist(), rel=1e-9)
    assert v["curve"][-1] is None


def test_bad_name_is_kept_with_a_message() -> None:
    at = run()
    at.text_input(key="explorer.name.1").input("A").run()
    assert any("already used" in e.value for e in at.error)
    assert at.text_input(key="explorer.name.1").value == "A"
    at.text_input(key="explorer.name.1").input("dog").run()
    assert not at.error
    assert at.query_params["name"] == ["A", "dog", "C"]


def test_unit_from_session_state_reaches_the_page_and_the_url() -> None:
    # AppTest cannot drive st.segmented_control here (its set_value leaves an empty tree);
    # the browser test clicks the real control.
    at = run()
    at.session_state["xent.unit"] = "bits"
    at.run()
    assert ce(at) == pytest.approx(-math.log2(0.7), abs=1e-6)
    assert at.query_params["unit"] == "bits"


def test_perplexity_is_explained_where_it_is_shown() -> None:
    at = run()
    text = " ".join(c.value for c in at.caption)
    # Seed example: perplexity e^{−ln 0.7} = 1/0.7 = 1.43 classes.
    assert "effective number of equally likely classes" in text
    assert "It is 1/q_t for a one-hot label and K for the uniform guess" in text
    assert "can exceed K (here 1.43)" in text
    assert "Kullback–Leibler" in text
    assert "Computed after each release" not in text


# --- the way in for a newcomer ----------------------------------------------------------------

START_HERE = "**New to cross-entropy? Start here:**"


def test_a_first_visit_points_to_the_learn_page_until_dismissed() -> None:
    at = run()
    assert any(m.value.startswith(START_HERE) for m in at.markdown)
    links = [link.proto.page for link in at.get("page_link")]
    assert any(page.endswith("learn.py") or page == "learn" for page in links), links
    at.button(key="explorer.start_here.close").click().run()
    assert not any(m.value.startswith(START_HERE) for m in at.markdown)
    at.run()  # stays dismissed for the session
    assert not any(m.value.startswith(START_HERE) for m in at.markdown)


def test_the_projector_does_not_show_the_start_here_pointer() -> None:
    at = run({"present": "1"})
    assert not at.exception
    assert not any(m.value.startswith(START_HERE) for m in at.markdown)

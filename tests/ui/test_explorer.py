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


# --- a drag release: the bars' fragment rerun, as the server runs it ---------------------------


class Tab:
    """The explorer as a browser tab drives it: a full run, then drag releases, each sent with
    the bars' fragment id and every other widget's state, so only that fragment reruns."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from streamlit.testing.v1 import local_script_runner

        self.runs: list[list] = []  # the ForwardMsgs of each run
        parse = local_script_runner.parse_tree_from_messages

        def keep(messages):
            self.runs.append(list(messages))
            return parse(messages)

        monkeypatch.setattr(local_script_runner, "parse_tree_from_messages", keep)
        self.monkeypatch = monkeypatch
        self.at = run()
        bars = self.bars(self.runs[-1])
        self.widget_id, self.fragment_id = bars.new_element.bidi_component.id, bars.fragment_id
        assert self.fragment_id, "the bars sit in a fragment"
        self.others = self.at._tree.get_widget_states()
        self.seq = 0

    @staticmethod
    def bars(messages: list):
        found = [
            m.delta
            for m in messages
            if m.delta.new_element.bidi_component.id.endswith("-explorer.bars")
        ]
        assert len(found) == 1
        return found[0]

    def data(self, messages: list) -> dict:
        import json

        return json.loads(self.bars(messages).new_element.bidi_component.json)

    def release(self, q: list[float], curve: str | None = None) -> list:
        """What bars.js sends on a release: q, the true class, its number, the curve it holds."""
        import functools
        import json

        from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
        from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
        from streamlit.testing.v1 import local_script_runner

        self.seq += 1
        gesture = {"q": q, "label": 0, "seq": self.seq, "curve": curve}
        states = WidgetStates()
        states.CopyFrom(self.others)
        states.widgets.append(
            WidgetState(id=self.widget_id, json_value=json.dumps({"gesture": gesture}))
        )
        with self.monkeypatch.context() as patch:
            fragment = functools.partial(RerunData, fragment_id=self.fragment_id)
            patch.setattr(local_script_runner, "RerunData", fragment)
            self.at._run(states)
        assert not self.at.exception, [e.value for e in self.at.exception]
        return self.runs[-1]


def test_a_release_reruns_the_bars_and_the_sum_but_not_the_controls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = Tab(monkeypatch)
    sent = tab.release([0.4, 0.36, 0.24])
    assert {m.delta.fragment_id for m in sent if m.HasField("delta")} == {tab.fragment_id}
    assert ce(tab.at) == pytest.approx(-math.log(0.4), abs=1e-6)  # the table, from the core
    assert tab.at.query_params["q"] == "0.4,0.36,0.24"  # and the link
    kinds = [m.delta.new_element.WhichOneof("type") for m in sent if m.HasField("delta")]
    assert "button" not in kinds and "number_input" not in kinds and "slider" not in kinds
    assert "heading" not in kinds  # the static heading is the panel's, drawn once
    assert not tab.at.slider and not tab.at.text_input


def test_a_release_leaves_out_the_curve_the_widget_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    tab = Tab(monkeypatch)
    first = tab.data(tab.runs[-1])["views"]
    key = first["curveKey"]
    # Dragging A, the true class: B and C keep their shares (2:1), so the curve is the same.
    views = tab.data(tab.release([0.4, 0.4, 0.2], curve=key))["views"]
    assert views["curveKey"] == key
    assert "grid" not in views and "curve" not in views
    assert views["terms"] == pytest.approx([-math.log(0.4), 0.0, 0.0], abs=1e-12)
    # A widget that does not say it holds that curve gets it in full.
    full = tab.data(tab.release([0.5, 1 / 3, 1 / 6]))["views"]
    assert full["curveKey"] == key and full["curve"] == first["curve"]
    assert full["grid"] == first["grid"]
    # Dragging B changes the shares, so a new curve comes with its new key.
    moved = tab.data(tab.release([0.5, 0.3, 0.2], curve=key))["views"]
    assert moved["curveKey"] != key and len(moved["curve"]) == len(moved["grid"]) == 200
    # Only the rerun that answers the gesture leaves the curve out: a full run sends it.
    again = tab.data(tab.release([0.6, 0.24, 0.16], curve=moved["curveKey"]))["views"]
    assert "curve" not in again
    tab.at.run()
    assert "curve" in component_data(tab.at, "explorer.bars")["views"]


def test_one_curve_serves_every_prediction_with_the_same_shares() -> None:
    """Dragging the true class keeps the others' shares: one curve, computed once, and the
    core's curve for each of those predictions to 1e-12 (a pixel is 1e-3 of the chart)."""
    import xent_core as xc
    from xent_ui.components import explorer_views

    grid = xc.confidence_grid(200)
    p = [0.8, 0.1, 0.1]
    # Shares 1:1 for B and C, reached the way the widget rescales (in floating point).
    qs = [[0.5, 0.25, 0.25], [0.0, 0.5, 0.5], xc.set_class_probability([0.3, 0.35, 0.35], 0, 0.913)]
    views = [explorer_views(p, q, 0, None) for q in qs]
    assert len({v["curveKey"] for v in views}) == 1
    assert all(v["curve"] == views[0]["curve"] for v in views)
    for q, v in zip(qs, views, strict=True):
        core = xc.loss_along_class(p, q, 0, grid)
        finite = np.isfinite(core)
        assert [c is None for c in v["curve"]] == (~finite).tolist()
        shown = np.array([c for c in v["curve"] if c is not None])
        np.testing.assert_allclose(shown, core[finite], rtol=1e-12, atol=1e-15)
    # Other shares, or none at all (every other class at 0), are other configurations.
    other = explorer_views(p, [0.5, 0.375, 0.125], 0, None)["curveKey"]
    alone = explorer_views(p, [1.0, 0.0, 0.0], 0, None)["curveKey"]
    assert len({other, alone, views[0]["curveKey"]}) == 3

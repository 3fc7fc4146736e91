"""The confidence-curves page under AppTest: defaults, every control, URL state, the
explorer's shared state and hostile input.

AppTest runs a non-default page by itself (Streamlit's pages/-directory mode), so each
test first runs the app once on its default page, which loads the URL into session state
through ``state.load_from_url``, and then switches to the curves page.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from xent_core.curves import LOSSES
from xent_ui import state

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/curves.py"
LN_07 = 0.35667494393873245  # -ln 0.7, the seed's worked example (math.log(0.7))
LN_3 = 1.0986122886681098  # math.log(3): the uniform guess with three classes
LN2 = math.log(2)
LN_10 = 2.302585092994046  # math.log(10)


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def figure(at: AppTest, key: str) -> dict:
    """The plotly spec of the chart with widget key ``curves-<key>``."""
    for chart in at.get("plotly_chart"):
        if chart.proto.id.endswith(f"-curves-{key}"):
            return json.loads(chart.proto.spec)
    raise AssertionError(f"no chart curves-{key}")


def chart_keys(at: AppTest) -> list[str]:
    return [c.proto.id.rsplit("-curves-", 1)[1] for c in at.get("plotly_chart")]


def legend(at: AppTest, key: str) -> list[str]:
    return [t["name"] for t in figure(at, key)["data"] if t.get("showlegend", True) and "name" in t]


def texts(fig: dict) -> list[str]:
    """Every text label drawn on a figure, without the no-break spaces that pad some."""
    labels = [t for tr in fig["data"] for t in (tr.get("text") or []) if isinstance(t, str)]
    return [t.strip("\u00a0") for t in labels]


def trace(at: AppTest, key: str, name: str) -> dict:
    return next(t for t in figure(at, key)["data"] if t.get("name") == name)


def penalty(at: AppTest) -> dict[str, list[str]]:
    """Loss → what it adds for each fall of q_t, as the page's table shows it."""
    table = at.table[0].value
    return {row["Loss"]: [row[c] for c in table.columns[1:]] for _, row in table.iterrows()}


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def latex(at: AppTest) -> str:
    return "\n".join(e.value for e in at.latex)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


# --- defaults -----------------------------------------------------------------------------


def test_defaults_show_every_chart_and_the_seed_example() -> None:
    at = run()
    assert at.title[0].value == "Confidence curves"
    assert chart_keys(at) == ["seed-bars", "seed-curve", "main", "gradient", "binary"]
    # The seed example: loss −ln 0.7 = 0.3567 nats printed next to its curve.
    assert "-\\ln 0.7 = 0.3567\\ \\text{nats}" in latex(at)
    seed_point = figure(at, "seed-curve")["data"][1]
    assert seed_point["x"] == [0.7]
    assert seed_point["y"][0] == pytest.approx(LN_07)
    bars = figure(at, "seed-bars")["data"]
    assert [b["y"] for b in bars] == [[1.0, 0.0, 0.0], [0.7, 0.2, 0.1]]
    assert at.pills[0].value == list(state.DEFAULT_CURVES)
    assert legend(at, "main") == [
        "Cross-entropy",
        "MSE",
        "Focal loss",
        "Label-smoothed CE",
        "0–1 loss",
        "your q(A) = 0.70",
    ]
    assert figure(at, "main")["layout"]["yaxis"]["type"] == "linear"
    # The explorer's prediction [0.7, 0.2, 0.1] with true class A is the marker.
    assert metrics(at) == {
        "q(A)": "0.700",
        "Cross-entropy vs the one-hot label (nats)": "0.357",
        "Uniform guess ln 3": "1.099",
        "× the uniform guess": "0.32",  # 0.3567 / 1.0986
    }
    assert "better than knowing nothing" in captions(at)
    assert not at.warning
    assert dict(at.query_params) == {}


def test_penalty_table_hand_checked() -> None:
    table = penalty(run())
    # ln(0.9/0.5) = ln 1.8 = 0.588, ln 5 = 1.609, ln 10 = 2.303 (math.log)
    assert table["Cross-entropy (nats)"] == ["+0.588", "+1.609", "+2.303", "+2.303"]
    # MSE along the even split, K = 3: (1 − p)²/2; 0.25/2 − 0.01/2 = 0.120
    assert table["MSE"][0] == "+0.120"
    # Accuracy only notices the fall across 1/K = 1/3.
    assert table["0–1 loss"] == ["+0", "+1", "+0", "+0"]
    assert "every tenfold fall costs the same ln 10 = 2.30 nats" in captions(run())


def test_main_chart_marks_current_state_uniform_guess_and_steps() -> None:
    fig = figure(run(), "main")
    now_line = next(tr for tr in fig["data"] if tr.get("name") == "your q(A) = 0.70")
    assert now_line["x"] == [0.7, 0.7]
    assert "uniform guess<br>ln 3 = 1.099" in texts(fig)
    assert "+2.30" in texts(fig) and "+0.59" in texts(fig)
    assert "share 1 − q_t evenly" in fig["layout"]["xaxis"]["title"]["text"]
    ce_marker = next(
        tr for tr in fig["data"] if tr.get("hovertemplate", "").startswith("your Cross-entropy")
    )
    assert ce_marker["x"] == [0.7]
    assert ce_marker["y"][0] == pytest.approx(LN_07)


# --- every control --------------------------------------------------------------------------


def test_curve_pills_switch_curves_everywhere() -> None:
    at = run()
    at.pills[0].set_value(["cross_entropy", "brier"]).run()
    assert legend(at, "main") == ["Cross-entropy", "Brier score", "your q(A) = 0.70"]
    assert legend(at, "gradient") == ["Cross-entropy", "Brier score", "your q_t = 0.70"]
    assert list(penalty(at)) == ["Cross-entropy (nats)", "Brier score"]
    assert at.query_params["show"] == "cross_entropy,brier"
    at.pills[0].set_value([]).run()
    assert not at.exception
    assert chart_keys(at) == ["seed-bars", "seed-curve", "binary"]
    assert [i.value for i in at.info] == ["Switch on at least one curve."]
    assert not at.table
    assert at.query_params["show"] == ""


def test_log_axis_toggle() -> None:
    at = run()
    at.toggle(key=state.widget_key(state.LOG_Y)).set_value(True).run()
    assert figure(at, "main")["layout"]["yaxis"]["type"] == "log"
    assert figure(at, "main")["layout"]["yaxis"]["dtick"] == 1  # one tick per decade
    assert at.query_params["logy"] == "1"
    # The steps stay on the curve: their ends are the cross-entropy values.
    step = next(
        t for t in figure(at, "main")["data"] if "\u00a0\u00a0+2.30" in (t.get("text") or [])
    )
    assert step["y"][0] == pytest.approx(LN_10) and step["y"][-1] == pytest.approx(2 * LN_10)


def test_steps_and_labels_keep_out_of_the_curves_way() -> None:
    fig = figure(run(), "main")
    steps = {
        t["text"][1] or t["text"][2]: t
        for t in fig["data"]
        if any(str(x).endswith(("+2.30", "+0.59")) for x in t.get("text") or [])
    }
    tenfold, mild = steps["\u00a0\u00a0+2.30"], steps["\u00a0\u00a0+0.59"]
    # Near q_t = 0 the rise stands at 0.1, above the steep curve: up, then across to 0.01.
    assert tenfold["x"] == [0.1, 0.1, 0.1, 0.01]
    assert tenfold["y"][0] == pytest.approx(LN_10) and tenfold["y"][2] == pytest.approx(2 * LN_10)
    # On the flat part it stands at 0.5, under the curve: across from 0.9, then up.
    assert mild["x"] == [0.9, 0.5, 0.5, 0.5]
    assert mild["y"][1] == mild["y"][0] == pytest.approx(-math.log(0.9))
    assert mild["y"][3] == pytest.approx(math.log(2))
    # The uniform guess's label moves left of the explorer's line at q(A) = 0.7 ...
    uniform = next(t for t in fig["data"] if "uniform guess<br>ln 3 = 1.099" in t.get("text", []))
    assert uniform["x"][1] == pytest.approx(0.68)
    assert uniform["y"] == pytest.approx([LN_3] * 3)
    # ... and sits at the right end when the line is out of its way.
    fig = figure(run({"q": "0.3,0.4,0.3"}), "main")
    uniform = next(t for t in fig["data"] if "uniform guess<br>ln 3 = 1.099" in t.get("text", []))
    assert uniform["x"][1] == 1.0


def test_explanation_follows_the_curves_shown() -> None:
    at = run()
    text = captions(at)
    assert "**Cross-entropy** climbs without bound" in text
    assert "0.9 → 0.5 adds 0.59 nats, the tenfold 0.1 → 0.01 adds ln 10 = 2.30 nats" in text
    # MSE at q_t = 0 along the even split: (1 − 0)²/(K − 1) = 1/2 for K = 3; at worst all
    # the probability on one wrong class: (1² + 1²)/K = 2/3.
    assert (
        "**MSE** levels off: along this curve a certain mistake (q_t = 0) costs 0.5, and at "
        "worst, with all the probability on one wrong class, 0.667." in text
    )
    assert "**Focal loss** (γ = 2, α = 1)" in text
    assert "With ε = 0 **label smoothing** is plain cross-entropy" in text
    at.pills[0].set_value(["mse", "brier"]).run()
    text = captions(at)
    # Brier at q_t = 0: K/(K − 1) = 1.5 along the curve; at worst 1² + 1² = 2.
    assert "**MSE and Brier score** level off" in text
    assert "costs 0.5 (MSE) and 1.5 (Brier score), and at worst" in text
    assert "one wrong class, 0.667 (MSE) and 2 (Brier score)." in text
    assert "Cross-entropy** climbs" not in text and "Focal loss**" not in text
    assert "0–1 loss**" not in text


def test_gradient_note_contrasts_cross_entropy_with_mse() -> None:
    at = run()
    title = figure(at, "gradient")["layout"]["xaxis"]["title"]["text"]
    # At q_t = 0.001: |∂CE/∂z_t| = 1 − 0.001 = 0.999; |∂MSE/∂z_t| = 2·0.001·0.999²/2 = 0.000998.
    assert "confidently wrong, q_t = 0.001" in title
    assert "cross-entropy pushes 1.00" in title and "MSE only 0.001" in title
    at.pills[0].set_value(["cross_entropy", "brier"]).run()
    title = figure(at, "gradient")["layout"]["xaxis"]["title"]["text"]
    assert "Brier score only 0.003" in title  # K times MSE's: 3 · 0.000998
    at.pills[0].set_value(["cross_entropy", "focal"]).run()
    title = figure(at, "gradient")["layout"]["xaxis"]["title"]["text"]
    assert title == "q_t: probability of the true class"


def test_gradient_formulas_follow_the_unit() -> None:
    nats = latex(run())
    assert "&= (q_t - 1)" in nats and "q_t \\ln q_t - (1 - q_t)" in nats
    bits = latex(run({"unit": "bits"}))
    # (1/ln 2)·(q_t − 1) = log₂ e·(q_t − 1), and (1/ln 2)·γ q_t ln q_t = γ q_t log₂ q_t.
    assert "&= \\log_2 e\\,(q_t - 1)" in bits
    assert "q_t \\log_2 q_t - \\log_2 e\\,(1 - q_t)" in bits
    assert "\\ln" not in bits


def test_gradient_caption_states_pushes_and_where_focal_is_stronger() -> None:
    text = captions(run({"show": "cross_entropy,mse,focal"}))
    # CE pushes by 1 − q_t: 0.3 at the seed's q_t = 0.7, 1 as q_t → 0.
    assert "Cross-entropy pushes by (1 − q_t): the more wrong the prediction" in text
    assert "up to 1.00 as q_t → 0 (at your q_t = 0.70: 0.300)" in text
    # Focal, γ = 2, α = 1, at q_t = 0.1: (1 − 0.1)²·(1 − 0.1 − 2·0.1·ln 0.1)
    # = 0.81·(0.9 + 0.4605) = 1.102, against cross-entropy's 0.9. The crossover,
    # 0.81... solved on a fine grid, is q_t ≈ 0.30 (xent_core.focal_stronger_range).
    assert "pushes hard examples *harder* than cross-entropy below q_t ≈ 0.30" in text
    assert "(1.10 against 0.90 at q_t = 0.1)" in text
    assert "pushes hardest" not in text
    # RetinaNet's α = 0.25 scales focal's push below cross-entropy's everywhere.
    text = captions(run({"show": "cross_entropy,focal", "alpha": "0.25"}))
    assert "never pushes harder than cross-entropy" in text
    bits = captions(run({"show": "cross_entropy", "unit": "bits"}))
    # In bits the push is (1 − q_t)·log₂ e: 1.443 at q_t = 0.
    assert "pushes by (1 − q_t) × log₂ e" in bits and "up to 1.44 as q_t → 0" in bits


def test_binary_soft_label_marks_its_minimum() -> None:
    at = run()
    diamonds = [
        t for t in figure(at, "binary")["data"] if t.get("marker", {}).get("symbol") == "diamond"
    ]
    assert diamonds == []  # a hard label's minimum is 0 at p = 1, the axis's end
    at.slider(key=state.widget_key(state.BCE_Y)).set_value(0.5).run()
    diamond = next(
        t for t in figure(at, "binary")["data"] if t.get("marker", {}).get("symbol") == "diamond"
    )
    assert diamond["x"] == [0.5]
    assert diamond["y"][0] == pytest.approx(LN2)  # H(0.5) = ln 2
    assert "For your y = 0.5 no prediction scores below 0.6931 nats (◆)." in captions(at)
    at.toggle(key=state.widget_key(state.BCE_LOGITS)).set_value(True).run()
    diamond = next(
        t for t in figure(at, "binary")["data"] if t.get("marker", {}).get("symbol") == "diamond"
    )
    assert diamond["x"] == [0.0]  # the logit of 0.5


def test_gamma_zero_makes_focal_loss_cross_entropy() -> None:
    at = run()
    before = trace(at, "main", "Focal loss")["y"]
    at.slider(key=state.widget_key(state.GAMMA)).set_value(0.0).run()
    focal = trace(at, "main", "Focal loss")["y"]
    assert focal != before
    assert focal == pytest.approx(trace(at, "main", "Cross-entropy")["y"], rel=1e-12)
    table = penalty(at)
    assert table["Focal loss (nats)"] == table["Cross-entropy (nats)"]
    assert at.query_params["gamma"] == "0"
    assert "\\gamma &= 0" in latex(at)


def test_alpha_scales_focal_loss() -> None:
    at = run({"gamma": "0"})
    at.slider(key=state.widget_key(state.ALPHA)).set_value(0.5).run()
    focal = trace(at, "main", "Focal loss")["y"]
    ce = trace(at, "main", "Cross-entropy")["y"]
    assert focal == pytest.approx([0.5 * v for v in ce], rel=1e-12)
    # 0.5 · ln 10 = 1.151 for a tenfold fall
    assert penalty(at)["Focal loss (nats)"][2] == "+1.151"
    assert at.query_params["alpha"] == "0.5"


def test_label_smoothing_moves_the_minimum_and_is_shared_with_the_explorer() -> None:
    at = run()
    at.slider(key=state.widget_key(state.EPSILON)).set_value(0.1).run()
    fig = figure(at, "main")
    diamond = next(t for t in fig["data"] if t.get("marker", {}).get("symbol") == "diamond")
    # 1 − ε + ε/K = 1 − 0.1 + 0.1/3 = 0.9333
    assert diamond["x"][0] == pytest.approx(14 / 15)
    assert diamond["text"] == ["min"]
    # H(y') = −(14/15) ln(14/15) − 2 · (1/30) ln(1/30) = 0.29114 (math.log)
    assert diamond["y"][0] == pytest.approx(0.29114, abs=1e-5)
    assert "1 − ε + ε/K = 0.933" in captions(at)
    # the logits at the minimum are ln 28 = 3.33 apart (hand-checked: 0.9333 / 0.0333 = 28)
    assert "only 3.33 apart" in captions(at)
    assert at.session_state[state.EPSILON.key] == 0.1
    assert at.query_params["eps"] == "0.1"
    at.switch_page("pages/explorer.py").run()
    assert at.slider(key=state.widget_key(state.EPSILON)).value == 0.1


def test_binary_probability_and_label() -> None:
    at = run()
    at.slider(key=state.widget_key(state.BCE_P)).set_value(0.2).run()
    # −ln 0.2 = 1.6094 (math.log)
    assert "= 1.6094\\ \\text{nats}" in latex(at)
    at.slider(key=state.widget_key(state.BCE_Y)).set_value(0.5).run()
    # 0.5·(−ln 0.2) + 0.5·(−ln 0.8) = 0.9163 (hand-checked with math.log)
    assert "= 0.9163\\ \\text{nats}" in latex(at)
    assert "0.5\\,\\ln 0.20 + 0.5\\,\\ln 0.80" in latex(at)
    label_trace = trace(at, "binary", "your y = 0.5")
    assert min(v for v in label_trace["y"] if v is not None) == pytest.approx(LN2, abs=1e-4)
    assert at.query_params["bp"] == "0.2" and at.query_params["by"] == "0.5"


def test_binary_logit_axis() -> None:
    at = run()
    at.toggle(key=state.widget_key(state.BCE_LOGITS)).set_value(True).run()
    fig = figure(at, "binary")
    assert fig["layout"]["xaxis"]["title"]["text"] == "logit x (q = σ(x))"
    assert fig["layout"]["xaxis"]["range"] == [-8.0, 8.0]
    # x = ln(0.7/0.3) = 0.847; the loss is still −ln 0.7
    assert "= 0.847" in latex(at)
    assert "\\max(x, 0)" in latex(at)
    assert "= 0.3567\\ \\text{nats}" in latex(at)
    assert at.query_params["blogit"] == "1"


def test_bits_from_the_sidebar() -> None:
    at = run({"unit": "bits"})
    # −log2 0.7 = 0.5146 (math.log2)
    assert "-\\log_2 0.7 = 0.5146\\ \\text{bits}" in latex(at)
    assert metrics(at)["Uniform guess log₂ 3"] == "1.585"
    assert penalty(at)["Cross-entropy (bits)"][2] == "+3.322"  # log2 10
    assert trace(at, "main", "Cross-entropy")["y"][0] == pytest.approx(-math.log2(1e-3))
    assert "bits" in figure(at, "main")["layout"]["yaxis"]["title"]["text"]


# --- URL and shared state ---------------------------------------------------------------------


def test_url_reproduces_the_view() -> None:
    at = run(
        {
            "show": "mse,cross_entropy",
            "gamma": "0.5",
            "alpha": "0.25",
            "logy": "1",
            "bp": "0.3",
            "by": "0",
            "blogit": "1",
        }
    )
    assert at.pills[0].value == ["cross_entropy", "mse"]
    assert at.slider(key=state.widget_key(state.GAMMA)).value == 0.5
    assert at.slider(key=state.widget_key(state.ALPHA)).value == 0.25
    assert at.toggle(key=state.widget_key(state.LOG_Y)).value is True
    assert at.slider(key=state.widget_key(state.BCE_P)).value == 0.3
    assert at.slider(key=state.widget_key(state.BCE_Y)).value == 0.0
    assert at.toggle(key=state.widget_key(state.BCE_LOGITS)).value is True
    assert figure(at, "main")["layout"]["yaxis"]["type"] == "log"
    assert at.query_params["show"] == "cross_entropy,mse"
    assert at.query_params["gamma"] == "0.5"


def test_explorer_state_is_the_marker() -> None:
    at = run({"q": "0.02,0.49,0.49", "y": "0", "name": ["cat", "dog", "bird"]})
    m = metrics(at)
    assert m["q(cat)"] == "0.020"
    assert m["Cross-entropy vs the one-hot label (nats)"] == "3.912"  # −ln 0.02
    assert m["× the uniform guess"] == "3.56"  # 3.912 / ln 3
    assert "worse than knowing nothing" in captions(at)
    assert "your q(cat) = 0.02" in legend(at, "main")
    # the explorer's settings travel in the curves page's link too
    assert at.query_params["q"] == "0.02,0.49,0.49"
    assert at.query_params["name"] == ["cat", "dog", "bird"]


def test_infinite_loss_is_drawn_and_shown_as_infinity() -> None:
    at = run({"q": "0,0.5,0.5"})
    assert metrics(at)["Cross-entropy vs the one-hot label (nats)"] == "∞"
    assert metrics(at)["× the uniform guess"] == "∞"
    markers = [t for t in figure(at, "main")["data"] if t.get("text") == ["∞"]]
    assert markers and all(t["mode"] == "markers+text" for t in markers)


def test_class_names_stay_text() -> None:
    at = run({"name": ["<b>x</b>", "[l](http://e)", "C"], "q": "0.7,0.2,0.1"})
    assert "q(\\<b\\>x\\</b\\>)" in metrics(at)
    assert "(true class \\<b\\>x\\</b\\>)" in "\n".join(m.value for m in at.markdown)
    title = figure(at, "main")["layout"]["xaxis"]["title"]["text"]
    assert "&lt;b&gt;x&lt;/b&gt;" in title and "<b>x" not in title


HOSTILE = [
    ({"gamma": "nan"}, "focal loss γ (`gamma`) must be a finite number (got 'nan')"),
    ({"gamma": "9"}, "focal loss γ (`gamma`) must lie between 0 and 5 (got 9)"),
    ({"alpha": "-1"}, "focal loss α (`alpha`) must lie between 0 and 1 (got -1)"),
    ({"show": "<script>"}, "curves shown (`show`) must be one of cross_entropy, mse"),
    ({"show": "mse,accuracy"}, "(got 'accuracy')"),
    ({"logy": "maybe"}, "log y axis switch (`logy`) must be 1 or 0 (got 'maybe')"),
    ({"bp": "0"}, "binary prediction p (`bp`) must lie between 0.01 and 0.99 (got 0)"),
    ({"by": "1e999"}, "binary label y (`by`) must be a finite number (got '1e999')"),
    ({"blogit": "<img src=x>"}, "logit axis switch (`blogit`) must be 1 or 0"),
    ({"show": "mse," * 200}, "is 800 characters long; at most 400 are read"),
]


@pytest.mark.parametrize(("query", "message"), HOSTILE, ids=[next(iter(q)) for q, _ in HOSTILE])
def test_hostile_url_warns_and_uses_defaults(query: dict, message: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert any(message in w.value for w in at.warning), [w.value for w in at.warning]
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.pills[0].value == list(state.DEFAULT_CURVES)
    assert at.slider(key=state.widget_key(state.GAMMA)).value == 2.0
    assert at.slider(key=state.widget_key(state.ALPHA)).value == 1.0
    assert at.toggle(key=state.widget_key(state.LOG_Y)).value is False
    assert at.slider(key=state.widget_key(state.BCE_P)).value == 0.7
    assert at.slider(key=state.widget_key(state.BCE_Y)).value == 1.0
    assert at.toggle(key=state.widget_key(state.BCE_LOGITS)).value is False


# --- the registry ---------------------------------------------------------------------------


def test_curve_choices_are_the_core_losses() -> None:
    assert state.CURVE_CHOICES == LOSSES
    assert set(state.DEFAULT_CURVES) <= set(LOSSES)
    assert all(p.url for p in state.CURVES_PARAMS)
    urls = [p.url for p in state.ALL_PARAMS if p.url]  # None: not shared in links
    assert len(urls) == len(set(urls)), "URL parameters are unique"


def test_parse_choices_keeps_option_order_and_drops_repeats() -> None:
    parse = state.parse_choices(("a", "b", "c"))
    assert parse("c, A ,c") == ["a", "c"]
    assert parse("") == []
    with pytest.raises(state.StateError, match=r"^must be one of a, b, c \(got 'd'\)$"):
        parse("a,d")
    assert state.dump_choices(("a", "b", "c"))(["c", "a"]) == "a,c"


def test_focal_alpha_help_says_what_alpha_does() -> None:
    """Issue 16, item 12: RetinaNet's α_t is per class; one constant α only rescales."""
    help_text = run().slider(key=state.widget_key(state.ALPHA)).help
    assert "only rescales the curve" in help_text
    assert "0.25 on the rare positive class and 1 − α = 0.75 on the negatives" in help_text

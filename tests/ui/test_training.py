"""The training lab under AppTest: every control, runs to completion, Stop, comparisons,
the seed preset, units, and hostile links.

AppTest does not fire ``run_every`` timers, so a test advances a run the way the timer
would: one ``at.run()`` per tick.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import xent_core as xc
from xent_ui import runs as training_runs
from xent_ui import state

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/training.py"
A, B = state.TRAIN_A, state.TRAIN_B
RUNS = state.TRAIN_RUNS.key
TRAIN = "training.train"
STOP = "training.stop"
MAX_TICKS = 300


def app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page(PAGE).run()


def key(param: state.Param) -> str:
    return state.widget_key(param)


def runs(at: AppTest) -> dict:
    return at.session_state[RUNS] if RUNS in at.session_state else {}


def train_to_end(at: AppTest) -> AppTest:
    at.button(key=TRAIN).click().run()
    for _ in range(MAX_TICKS):
        if not any(r.running for r in runs(at).values()):
            return at
        at.run()  # what the run_every timer does in a browser
    raise AssertionError("the run did not finish")


def progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def metrics(at: AppTest) -> dict[str, dict[str, str]]:
    """The results table: {row label: {column: value}}."""
    table = next(t.value for t in at.table if "" in t.value.columns)
    return {row[""]: {c: row[c] for c in table.columns if c != ""} for _, row in table.iterrows()}


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_defaults_render_without_warnings() -> None:
    at = app()
    no_exception(at)
    assert [t.value for t in at.title] == ["Training lab"]
    assert not at.warning
    # Nothing trained yet: the run panel invites a click, the data preview is drawn.
    assert any("Press **Train**" in i.value for i in at.info)
    assert STOP not in [b.key for b in at.button]
    assert "210 training samples (filled) and 90 test samples" in " ".join(
        c.value for c in at.caption
    )


def test_registry_keys_are_registered_and_urls_unique() -> None:
    urls = [p.url for p in state.ALL_PARAMS if p.url]
    assert not [u for u, n in Counter(urls).items() if n > 1]
    assert set(state.TRAINING_PARAMS) <= set(state.ALL_PARAMS)
    assert state.TRAIN_RUNS.url is None and state.TRAIN_TICKING.url is None


# (widget kind, param, value, URL name, URL value, params to set first)
CONTROLS = [
    ("segmented_control", state.TRAIN_DATA, "spirals", "data", "spirals", {}),
    ("slider", state.TRAIN_CLASSES, 4, "classes", "4", {}),
    ("slider", state.TRAIN_NOISE, 0.5, "noise", "0.5", {}),
    ("slider", state.TRAIN_SAMPLES, 120, "samples", "120", {}),
    ("select_slider", state.TRAIN_IMBALANCE, 10.0, "imbalance", "10", {}),
    ("number_input", state.TRAIN_SEED, 7, "seed", "7", {}),
    ("segmented_control", A.model, "mlp2", "model", "mlp2", {}),
    ("slider", A.width, 32, "width", "32", {}),
    ("segmented_control", A.activation, "tanh", "act", "tanh", {}),
    ("segmented_control", A.optimizer, "sgd", "opt", "sgd", {}),
    ("select_slider", A.learning_rate, 0.1, "lr", "0.1", {}),
    ("slider", A.momentum, 0.5, "momentum", "0.5", {A.optimizer: "sgd"}),
    ("selectbox", A.loss, "focal", "loss", "focal", {}),
    ("slider", A.gamma, 1.5, "fgamma", "1.5", {A.loss: "focal"}),
    ("slider", A.smoothing, 0.2, "smooth", "0.2", {A.loss: "smoothed"}),
    ("select_slider", state.TRAIN_BATCH, 64, "batch", "64", {}),
    ("slider", state.TRAIN_EPOCHS, 50, "epochs", "50", {}),
    ("select_slider", state.TRAIN_INIT_SCALE, 3.0, "init", "3", {}),
    ("toggle", state.TRAIN_COMPARE, True, "compare", "1", {}),
    ("selectbox", B.loss, "weighted", "loss2", "weighted", {state.TRAIN_COMPARE: True}),
    ("segmented_control", B.model, "softmax", "model2", "softmax", {state.TRAIN_COMPARE: True}),
    ("select_slider", B.learning_rate, 0.3, "lr2", "0.3", {state.TRAIN_COMPARE: True}),
]


@pytest.mark.parametrize(
    ("kind", "param", "value", "url", "url_value", "before"),
    CONTROLS,
    ids=[c[3] for c in CONTROLS],
)
def test_every_control_sets_state_and_link(
    kind: str, param: state.Param, value, url: str, url_value: str, before: dict
) -> None:
    at = app()
    for other, other_value in before.items():
        at.session_state[other.key] = other_value
    at.run()
    widget = getattr(at, kind)(key=key(param))
    assert not widget.disabled
    widget.set_value(value).run()
    no_exception(at)
    assert at.session_state[param.key] == value
    assert at.query_params[url] == url_value


def test_controls_reach_the_run_configuration() -> None:
    at = app()
    at.segmented_control(key=key(state.TRAIN_DATA)).set_value("blobs").run()
    at.slider(key=key(state.TRAIN_SAMPLES)).set_value(100).run()
    at.segmented_control(key=key(A.model)).set_value("mlp2").run()
    at.slider(key=key(A.width)).set_value(4).run()
    at.segmented_control(key=key(A.activation)).set_value("tanh").run()
    at.segmented_control(key=key(A.optimizer)).set_value("sgd").run()
    at.slider(key=key(A.momentum)).set_value(0.8).run()
    at.selectbox(key=key(A.loss)).set_value("smoothed").run()
    at.slider(key=key(A.smoothing)).set_value(0.05).run()
    at.select_slider(key=key(state.TRAIN_BATCH)).set_value(16).run()
    at.slider(key=key(state.TRAIN_EPOCHS)).set_value(5).run()
    at.select_slider(key=key(state.TRAIN_INIT_SCALE)).set_value(0.3).run()
    train_to_end(at)
    run = runs(at)["A"]
    assert run.state.config == xc.TrainConfig(
        hidden=(4, 4),
        activation="tanh",
        optimizer="sgd",
        learning_rate=0.03,
        momentum=0.8,
        batch_size=16,
        epochs=5,
        loss="smoothed",
        gamma=2.0,
        smoothing=0.05,
        seed=0,
        init_scale=0.3,
    )
    assert run.state.data.kind == "blobs" and len(run.state.data.y_train) == 70


def test_controls_that_do_not_apply_are_disabled() -> None:
    at = app()
    # Defaults: Adam (no momentum), cross-entropy (no γ, no ε), MLP (width, activation on).
    assert at.slider(key=key(A.momentum)).disabled
    assert at.slider(key=key(A.gamma)).disabled and at.slider(key=key(A.smoothing)).disabled
    assert not at.slider(key=key(A.width)).disabled
    at.segmented_control(key=key(A.model)).set_value("softmax").run()
    assert at.slider(key=key(A.width)).disabled
    assert at.segmented_control(key=key(A.activation)).disabled
    assert at.select_slider(key=key(state.TRAIN_INIT_SCALE)).disabled  # starts at zero
    at.segmented_control(key=key(state.TRAIN_DATA)).set_value("seed").run()
    for param in (state.TRAIN_CLASSES, state.TRAIN_NOISE, state.TRAIN_SAMPLES):
        assert at.slider(key=key(param)).disabled
    assert at.select_slider(key=key(state.TRAIN_IMBALANCE)).disabled
    assert not at.number_input(key=key(state.TRAIN_SEED)).disabled


def test_a_short_run_completes_with_the_cores_numbers() -> None:
    at = app({"samples": "120", "epochs": "10"})
    train_to_end(at)
    no_exception(at)
    assert progress_texts(at)[0].startswith("Finished 10 epochs in ")
    assert at.button(key=STOP).disabled and not at.button(key=TRAIN).disabled
    expected = xc.run_training(
        xc.make_toy_data("moons", n_classes=3, n_samples=120, noise=0.2, seed=0),
        xc.TrainConfig(hidden=(16,), learning_rate=0.03, epochs=10),
    ).history
    first, last = expected[0], expected[-1]
    table = metrics(at)
    assert table["Loss being minimised"] == {"Value": "Cross-entropy"}
    assert table["Accuracy, training / test"]["Value"] == (
        f"{last.accuracy_train:.3f} / {last.accuracy_test:.3f}"
    )
    assert table["Cross-entropy (nats), training / test"]["Value"] == (
        f"{last.cross_entropy_train:.3f} / {last.cross_entropy_test:.3f}"
    )
    assert table["First cross-entropy (epoch 0) vs ln K"]["Value"] == (
        f"{first.cross_entropy_train:.3f} vs {math.log(3):.3f}"
    )
    balanced = sum(last.recall_test) / 3
    assert table["Balanced accuracy (test)"]["Value"] == f"{balanced:.3f}"
    # Charts: loss, accuracy, decision regions and recall; the run is not in the link.
    assert len(at.get("plotly_chart")) >= 5
    assert set(at.query_params) <= {p.url for p in state.TRAINING_PARAMS if p.url}


def test_imbalanced_data_show_the_class_prior_baseline() -> None:
    """Issue 16, item 8: predicting the class frequencies beats log K without learning."""
    at = app()
    at.button(key="training.preset.weighted").click().run()
    at.slider(key=key(state.TRAIN_EPOCHS)).set_value(2).run()
    train_to_end(at)
    no_exception(at)
    data = xc.make_toy_data("blobs", n_classes=3, n_samples=600, noise=0.8, imbalance=20.0)
    counts = data.train_counts()
    # Training counts 330 : 73 : 17 (20 : 1 from the largest to the smallest class);
    # H = −Σ (n_c/420) ln(n_c/420) = 0.623 nats, against ln 3 = 1.099.
    assert counts.tolist() == [330, 73, 17]
    prior = float(xc.entropy(counts / counts.sum()))
    assert f"{prior:.3f}" == "0.623"
    row = metrics(at)["Input-blind baselines: ln K / H(class prior), nats"]
    assert row == {"A": "1.099 / 0.623", "B": "1.099 / 0.623"}
    chart = next(c for c in at.get("plotly_chart") if "training-loss" in c.proto.id)
    assert "class frequencies H(prior) = 0.62" in chart.proto.spec
    text = " ".join(c.value for c in at.caption)
    assert "A model has learnt something from x only when it gets below H(prior)" in text


def test_stop_keeps_the_partial_run() -> None:
    long_run = {"data": "spirals", "samples": "1000", "model": "mlp2", "width": "64",
                "batch": "8", "epochs": "500"}  # fmt: skip
    at = app(long_run)
    at.button(key=TRAIN).click().run()
    run = runs(at)["A"]
    assert run.running and 0 < run.state.epoch < 500
    assert not at.button(key=STOP).disabled
    at.button(key=STOP).click().run()
    stopped = runs(at)["A"]
    assert stopped.status == "stopped"
    epoch = stopped.state.epoch
    assert 0 < epoch < 500
    assert progress_texts(at)[0].startswith(f"Stopped at epoch {epoch} of 500 after ")
    at.run()
    assert runs(at)["A"].state.epoch == epoch  # no more ticks
    assert not at.button(key=TRAIN).disabled and at.button(key=STOP).disabled


def test_a_diverging_run_is_reported() -> None:
    # No setting the page offers diverges (tanh saturates, Adam normalises its steps), so
    # the run is made here with a learning rate no control allows, and handed to the page.
    data = xc.make_toy_data("moons", n_samples=100)
    run = training_runs.start("A", None, data, xc.TrainConfig(optimizer="sgd", learning_rate=1e6))
    while run.running:
        run = training_runs.advance(run, 1.0)
    assert run.status == training_runs.DIVERGED and run.state.epoch < 100
    at = app()
    at.session_state[RUNS] = {"A": run}
    at.run()
    no_exception(at)
    assert progress_texts(at)[0] == (
        f"Diverged at epoch {run.state.epoch}: a logit or the loss stopped being finite. "
        "Lower the learning rate."
    )
    assert metrics(at)["Accuracy, training / test"]["Value"] == "–"  # NaN: nothing to show


def test_compare_trains_both_on_the_same_data_and_seed() -> None:
    at = app()
    at.button(key="training.preset.mse").click().run()
    assert at.session_state[state.TRAIN_COMPARE.key] is True
    assert at.session_state[B.loss.key] == "mse" and at.session_state[A.loss.key] == "cross_entropy"
    assert at.session_state[B.optimizer.key] == "sgd"  # B copies A, then changes its loss
    at.slider(key=key(state.TRAIN_EPOCHS)).set_value(10).run()
    train_to_end(at)
    no_exception(at)
    a, b = runs(at)["A"], runs(at)["B"]
    assert a.state.data is b.state.data
    # Same seed, same architecture: both started from the same weights.
    data = a.state.data
    first_a = xc.start_training(data, a.state.config).params
    first_b = xc.start_training(data, b.state.config).params
    assert all((p == q).all() for p, q in zip(first_a, first_b, strict=True))
    for run, loss in ((a, "cross_entropy"), (b, "mse")):
        config = xc.TrainConfig(
            optimizer="sgd", momentum=0.9, learning_rate=0.1, epochs=10, loss=loss, init_scale=10.0
        )
        expected = xc.run_training(data, config).history[-1]
        assert run.state.config == config
        assert metrics(at)["Accuracy, training / test"][run.name] == (
            f"{expected.accuracy_train:.3f} / {expected.accuracy_test:.3f}"
        )
    assert metrics(at)["Loss being minimised"] == {"A": "Cross-entropy", "B": "MSE on softmax"}
    assert [t.split(":")[0] for t in progress_texts(at)] == ["A", "B"]
    # The preset charts both runs' cross-entropy; the other view is one click away.
    assert at.segmented_control(key=key(state.TRAIN_LOSS_VIEW)).value == "cross_entropy"
    at.segmented_control(key=key(state.TRAIN_LOSS_VIEW)).set_value("objective").run()
    assert at.query_params.get("lossview") is None  # back to the default
    no_exception(at)


def test_cross_entropy_vs_mse_preset_separates_the_two_runs() -> None:
    """Issue 16, item 9: from a confidently wrong start (initial weights ×10) MSE stays
    stuck while cross-entropy recovers, on exactly the preset's data and configurations
    (the compare test above checks that the page runs these configurations)."""
    at = app()
    at.button(key="training.preset.mse").click().run()
    assert at.session_state[state.TRAIN_INIT_SCALE.key] == 10.0
    epochs = at.session_state[state.TRAIN_EPOCHS.key]
    data = xc.make_toy_data("moons", n_classes=3, n_samples=300, noise=0.2, seed=0)
    final = {}
    for loss in ("cross_entropy", "mse"):
        config = xc.TrainConfig(
            optimizer="sgd",
            momentum=0.9,
            learning_rate=0.1,
            epochs=epochs,
            loss=loss,
            init_scale=10.0,
        )
        history = xc.run_training(data, config).history
        assert history[0].cross_entropy_train > 10 * math.log(3)  # confidently wrong start
        final[loss] = history[-1]
    # Measured 2026-11-30: CE 0.135 / 0.272 nats (training / test), test accuracy 0.87;
    # MSE 22.8 / 28.1 nats, test accuracy 0.67.
    assert final["cross_entropy"].cross_entropy_test < math.log(3) / 2
    assert final["mse"].cross_entropy_test > 10 * math.log(3)
    assert final["cross_entropy"].accuracy_test - final["mse"].accuracy_test > 0.1


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("seed", {state.TRAIN_DATA: "seed", A.width: 10, A.learning_rate: 0.01,
                  state.TRAIN_EPOCHS: 200, state.TRAIN_COMPARE: False}),
        ("focal", {state.TRAIN_IMBALANCE: 20.0, B.loss: "focal", B.gamma: 2.0,
                   A.loss: "cross_entropy", B.model: "softmax"}),
        ("weighted", {state.TRAIN_IMBALANCE: 20.0, B.loss: "weighted", A.model: "softmax"}),
        ("lr", {A.optimizer: "sgd", A.learning_rate: 0.03, B.optimizer: "sgd",
                B.learning_rate: 1.0}),
    ],
)  # fmt: skip
def test_presets(preset: str, expected: dict) -> None:
    at = app()
    at.button(key=f"training.preset.{preset}").click().run()
    no_exception(at)
    for param, value in expected.items():
        assert at.session_state[param.key] == value, param.key


def test_the_seed_preset_trains_its_ten_samples() -> None:
    at = app()
    at.button(key="training.preset.seed").click().run()
    # The ten samples are listed (5 features and a class), not drawn on a plane.
    sample_table = next(t.value for t in at.table if "x5" in t.value.columns)
    assert len(sample_table) == 10
    at.slider(key=key(state.TRAIN_EPOCHS)).set_value(20).run()
    train_to_end(at)
    no_exception(at)
    expected = xc.run_training(
        xc.seed_script_data(0),
        xc.TrainConfig(hidden=(10,), learning_rate=0.01, epochs=20),
    ).history
    table = metrics(at)
    # No test set: only training values.
    assert table["Cross-entropy (nats), training / test"]["Value"] == (
        f"{expected[-1].cross_entropy_train:.3f}"
    )
    assert table["First cross-entropy (epoch 0) vs ln K"]["Value"] == (
        f"{expected[0].cross_entropy_train:.3f} vs 1.099"
    )
    assert "Balanced accuracy (training)" in table


def test_why_ln_k_numbers_and_the_initial_scale() -> None:
    at = app()
    values = {m.label: m.value for m in at.metric}
    start = xc.start_training(xc.make_toy_data("moons"), xc.TrainConfig(hidden=(16,)))
    assert values["ln 3"] == "1.0986"
    assert values["First cross-entropy (epoch 0)"] == (
        f"{start.history[0].cross_entropy_train:.4f}"
    )
    at.select_slider(key=key(state.TRAIN_INIT_SCALE)).set_value(10.0).run()
    big = float({m.label: m.value for m in at.metric}["First cross-entropy (epoch 0)"])
    assert big > 2 * math.log(3)


def test_bits() -> None:
    at = app({"unit": "bits", "samples": "120", "epochs": "5"})
    assert {m.label: m.value for m in at.metric}["log₂ 3"] == f"{math.log2(3):.4f}"
    train_to_end(at)
    table = metrics(at)
    first = table["First cross-entropy (epoch 0) vs log₂ K"]["Value"]
    assert first.endswith(f"vs {math.log2(3):.3f}")
    nats = xc.run_training(
        xc.make_toy_data("moons", n_samples=120), xc.TrainConfig(learning_rate=0.03, epochs=5)
    ).history[-1]
    bits = [v / math.log(2) for v in (nats.cross_entropy_train, nats.cross_entropy_test)]
    assert table["Cross-entropy (bits), training / test"]["Value"] == (
        f"{bits[0]:.3f} / {bits[1]:.3f}"
    )


def test_a_link_restores_the_experiment() -> None:
    at = app({"data": "blobs", "classes": "5", "imbalance": "5", "model": "softmax",
              "loss": "focal", "fgamma": "1.5", "compare": "1", "loss2": "weighted",
              "lr2": "0.1"})  # fmt: skip
    no_exception(at)
    assert not at.warning
    assert at.segmented_control(key=key(state.TRAIN_DATA)).value == "blobs"
    assert at.slider(key=key(state.TRAIN_CLASSES)).value == 5
    assert at.selectbox(key=key(A.loss)).value == "focal"
    assert at.slider(key=key(A.gamma)).value == 1.5
    assert at.selectbox(key=key(B.loss)).value == "weighted"
    assert at.select_slider(key=key(B.learning_rate)).value == 0.1


HOSTILE = [
    ("data", "mnist", "must be one of blobs, moons, spirals, seed (got 'mnist')"),
    ("classes", "9", "must be a whole number from 2 to 5 (got '9')"),
    ("noise", "nan", "must be a finite number (got 'nan')"),
    ("samples", "-5", "must be a whole number from 60 to 1000 (got '-5')"),
    ("imbalance", "7", "must be one of 1, 2, 3, 5, 10, 20"),
    ("seed", "1e9", "must be a whole number from 0 to 9999 (got '1e9')"),
    ("model", "<script>alert(1)</script>", "must be one of softmax, mlp1, mlp2"),
    ("width", "0", "must be a whole number from 2 to 64 (got '0')"),
    ("act", "sigmoid", "must be one of relu, tanh (got 'sigmoid')"),
    ("opt", "rmsprop", "must be one of sgd, adam (got 'rmsprop')"),
    ("lr", "inf", "must be a finite number (got 'inf')"),
    ("lr", "0.05", "must be one of 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1"),
    ("momentum", "1", "must lie between 0 and 0.99 (got 1)"),
    ("loss", "hinge", "must be one of cross_entropy, smoothed, weighted, focal, mse"),
    ("fgamma", "-1", "must lie between 0 and 5 (got -1)"),
    ("smooth", "0.9", "must lie between 0 and 0.5 (got 0.9)"),
    ("batch", "7", "must be a whole number from 8 to 256 (got '7')"),
    ("batch", "100", "must be one of 8, 16, 32, 64, 128, 256"),
    ("epochs", "100000", "must be a whole number from 5 to 500 (got '100000')"),
    ("init", "2", "must be one of 0.1, 0.3, 1, 3, 10"),
    ("compare", "maybe", "must be 1 or 0 (got 'maybe')"),
    ("lossview", "x" * 500, "is 500 characters long; at most 400 are read"),
    ("loss2", "[x](javascript:alert(1))", "must be one of cross_entropy"),
    ("width2", "65", "must be a whole number from 2 to 64 (got '65')"),
]


@pytest.mark.parametrize(
    ("url", "raw", "message"), HOSTILE, ids=[f"{u}={r[:12]}" for u, r, _ in HOSTILE]
)
def test_hostile_links_warn_and_fall_back(url: str, raw: str, message: str) -> None:
    at = app({url: raw})
    no_exception(at)
    warnings = [w.value for w in at.warning]
    assert any(f"(`{url}`) {message}" in w for w in warnings), warnings
    param = next(p for p in state.ALL_PARAMS if p.url == url)
    assert at.session_state[param.key] == param.initial()
    assert "<script>" not in " ".join(warnings)

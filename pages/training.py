"""Training lab: watch gradient descent minimise cross-entropy, and see what other losses do."""

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, experiment, layout, presets, runs, shell, state

shell.require_app()

A, B = state.TRAIN_A, state.TRAIN_B


def _write_url() -> None:
    """The experiment into the link (configuration B only while comparing)."""
    state.write_url(state.TRAINING_URL)


def preset_buttons() -> None:
    st.markdown("**Start from an experiment**")
    with st.container(key="training-presets"):
        layout.preset_buttons(presets.TRAINING_PRESETS, "training.preset", presets.apply_training)


# --- controls ----------------------------------------------------------------------------


def data_controls() -> None:
    seed_data = state.TRAIN_DATA.get() == "seed"
    st.segmented_control(
        "Data",
        options=state.TRAIN_DATASETS,
        format_func=experiment.DATA_LABELS.get,
        help="Two-dimensional toy data, or the seed script's 10 random samples with 5 "
        "features and 3 classes.",
        **state.bind(state.TRAIN_DATA),
    )
    st.slider(
        "Classes K",
        min_value=state.MIN_CLASSES,
        max_value=state.TRAIN_CLASSES_MAX,
        disabled=seed_data,
        **state.bind(state.TRAIN_CLASSES),
    )
    st.slider(
        "Noise",
        min_value=0.0,
        max_value=state.TRAIN_NOISE_MAX,
        step=0.05,
        disabled=seed_data,
        help="Standard deviation of the Gaussian noise added to each point (the shapes "
        "span about ±2).",
        **state.bind(state.TRAIN_NOISE),
    )
    st.slider(
        "Samples (training + test)",
        min_value=state.TRAIN_SAMPLES_MIN,
        max_value=state.TRAIN_SAMPLES_MAX,
        step=20,
        disabled=seed_data,
        help="70 % train the model, 30 % test it (the split keeps each class's share).",
        **state.bind(state.TRAIN_SAMPLES),
    )
    st.select_slider(
        "Class imbalance",
        options=state.TRAIN_IMBALANCES,
        format_func=lambda r: f"{r:g} : 1",
        disabled=seed_data,
        help="How many times larger the first class is than the last; the classes between "
        "shrink geometrically.",
        **state.bind(state.TRAIN_IMBALANCE),
    )
    st.number_input(
        "Random seed",
        min_value=0,
        max_value=state.TRAIN_SEED_MAX,
        step=1,
        help="Seeds the data, the initial weights and the shuffles: the same seed gives "
        "the same run, number for number.",
        **state.bind(state.TRAIN_SEED),
    )


def data_preview(data: xc.ToyData) -> None:
    names = state.default_names(data.n_classes)
    counts = data.train_counts().tolist()
    if data.bounds is None:
        st.markdown("**The seed script's data**: 10 samples, 5 features drawn from U(0, 1)")
        table = {f"x{j + 1}": [f"{v:.3f}" for v in data.x_train[:, j]] for j in range(5)}
        table["class"] = [names[y] for y in data.y_train.tolist()]
        st.table(table)
        layout.explain(
            "Random features with random labels: there is nothing to learn that would carry "
            "over to new samples, so there is no test set. A network can still memorise the "
            "ten, and the loss shows how fast."
        )
        return
    st.plotly_chart(
        charts.decision_regions_figure(
            names,
            (data.x_train.tolist(), data.y_train.tolist()),
            (data.x_test.tolist(), data.y_test.tolist()),
            bounds=data.bounds,
            width=350,
        ),
        key="training-data",
    )
    layout.explain(
        f"{len(data.y_train)} training samples (filled) and {len(data.y_test)} test samples "
        "(hollow); training samples per class: "
        + ", ".join(f"{n} {c}" for n, c in zip(names, counts, strict=True))
        + "."
    )


def side_controls(side: state.TrainingSide) -> None:
    softmax_only = side.model.get() == "softmax"
    st.segmented_control(
        "Model",
        options=state.TRAIN_MODELS,
        format_func=experiment.MODEL_LABELS.get,
        help="Softmax regression draws straight boundaries; hidden layers (a multi-layer "
        "perceptron, MLP) can bend them.",
        **state.bind(side.model),
    )
    c1, c2 = st.columns(2)
    with c1:
        st.slider(
            "Hidden width",
            min_value=2,
            max_value=state.TRAIN_WIDTH_MAX,
            disabled=softmax_only,
            help="Units per hidden layer.",
            **state.bind(side.width),
        )
    with c2:
        st.segmented_control(
            "Activation",
            options=state.TRAIN_ACTIVATIONS,
            format_func=experiment.ACTIVATION_LABELS.get,
            disabled=softmax_only,
            **state.bind(side.activation),
        )
    st.segmented_control(
        "Optimiser",
        options=state.TRAIN_OPTIMIZERS,
        format_func=experiment.OPTIMIZER_LABELS.get,
        help="SGD (stochastic gradient descent, one mini-batch per step) with momentum μ: "
        "v ← μv + g, θ ← θ − ηv. Adam scales each step by running averages of the "
        "gradient and its square (PyTorch's update rules).",
        **state.bind(side.optimizer),
    )
    c1, c2 = st.columns(2)
    with c1:
        st.select_slider(
            "Learning rate η",
            options=state.TRAIN_LEARNING_RATES,
            format_func=lambda v: f"{v:g}",
            **state.bind(side.learning_rate),
        )
    with c2:
        st.slider(
            "Momentum μ",
            min_value=0.0,
            max_value=state.TRAIN_MOMENTUM_MAX,
            step=0.01,
            disabled=side.optimizer.get() != "sgd",
            help="SGD only.",
            **state.bind(side.momentum),
        )
    st.selectbox(
        "Loss",
        options=state.TRAIN_LOSSES,
        format_func=experiment.LOSS_LABELS.get,
        help="CE: cross-entropy. Class-weighted CE weighs class c by N / (K·N_c), from the "
        "training counts. MSE (mean squared error) is (1/K)·Σ(q_c − p_c)² on the softmax "
        "outputs, p the one-hot truth.",
        **state.bind(side.loss),
    )
    loss = side.loss.get()
    c1, c2 = st.columns(2)
    with c1:
        st.slider(
            "Focal γ",
            min_value=0.0,
            max_value=state.TRAIN_GAMMA_MAX,
            step=0.1,
            disabled=loss != "focal",
            help="Focal loss only: −(1 − q_t)^γ log q_t (α = 1).",
            **state.bind(side.gamma),
        )
    with c2:
        st.slider(
            "Smoothing ε",
            min_value=0.0,
            max_value=state.TRAIN_SMOOTHING_MAX,
            step=0.01,
            disabled=loss != "smoothed",
            help="Label-smoothed CE only: the target is (1 − ε)·one-hot + ε/K.",
            **state.bind(side.smoothing),
        )


def model_controls() -> None:
    st.toggle(
        "Compare two configurations",
        help="Train A and B side by side on the same data, from the same seed, with the same "
        "batch size and number of epochs.",
        **state.bind(state.TRAIN_COMPARE),
    )
    columns = st.columns(len(experiment.sides()), gap="large")
    for column, side in zip(columns, experiment.sides(), strict=True):
        with column, st.container(border=True, key=f"training-config-{side.name}"):
            if state.TRAIN_COMPARE.get():
                st.markdown(f"**Configuration {side.name}**")
            side_controls(side)
    c1, c2 = st.columns(2)
    with c1:
        st.select_slider(
            "Batch size",
            options=state.TRAIN_BATCHES,
            help="Samples per gradient step. A batch at least as large as the training set "
            "is full-batch gradient descent.",
            **state.bind(state.TRAIN_BATCH),
        )
    with c2:
        st.slider(
            "Epochs",
            min_value=state.TRAIN_EPOCHS_MIN,
            max_value=state.TRAIN_EPOCHS_MAX,
            step=5,
            help="Passes over the training set.",
            **state.bind(state.TRAIN_EPOCHS),
        )


# --- the run -----------------------------------------------------------------------------


def _loss_chart(current: dict[str, runs.Run], compare: bool) -> None:
    st.plotly_chart(
        charts.epoch_figure(**vars(experiment.loss_chart(current, compare))), key="training-loss"
    )


def _accuracy_chart(current: dict[str, runs.Run], compare: bool) -> None:
    st.plotly_chart(
        charts.epoch_figure(**vars(experiment.accuracy_chart(current, compare))),
        key="training-accuracy",
    )


def _run_view(run: runs.Run, compare: bool) -> None:
    """One run's model: its decision regions (or per-sample probabilities) and recall."""
    data = run.state.data
    names = state.default_names(data.n_classes)
    last = run.state.history[-1]
    if compare:
        st.markdown(f"**{run.name}**: {layout.md_escape(experiment.summary(run.state.config))}")
        model, recall = st.container(), st.container()
    else:
        model, recall = st.columns([3, 2], gap="large")
    regions = run.regions
    with model:
        if run.state.diverged:
            st.info(
                "This run diverged: its logits are no longer finite numbers, so there is no "
                "model left to draw.",
                icon=":material/warning:",
            )
        elif regions is not None:
            st.plotly_chart(
                charts.decision_regions_figure(
                    names,
                    (data.x_train.tolist(), data.y_train.tolist()),
                    (data.x_test.tolist(), data.y_test.tolist()),
                    bounds=data.bounds,
                    regions=(regions.xs, regions.ys, regions.label, regions.confidence),
                    width=320 if compare else 400,  # the plot area's width on a desktop
                ),
                key=f"training-regions-{run.name}",
            )
        else:
            q = run.state.predict_proba(data.x_train)
            q_true = q[np.arange(len(data.y_train)), data.y_train]
            st.plotly_chart(
                charts.sample_probability_figure(q_true.tolist(), data.y_train.tolist(), names),
                key=f"training-samples-{run.name}",
            )
    bars = {"training": last.recall_train.tolist()}
    if len(data.y_test):
        bars["test"] = last.recall_test.tolist()
    with recall:
        if not compare:
            st.markdown("**Recall per class**")
        st.plotly_chart(
            charts.recall_figure(
                names,
                bars,
                experiment.SERIES_COLORS,
                counts=data.train_counts().tolist(),
                height=240,
            ),
            key=f"training-recall-{run.name}",
        )


def _metrics_table(current: dict[str, runs.Run]) -> None:
    with st.container(key="training-metrics"):
        st.table(experiment.metric_rows(current), border="horizontal")
    layout.explain(
        "Balanced accuracy is the mean of the per-class recalls: 1/K for a model that always "
        "predicts one class, however large that class is. H(class prior) is the entropy of "
        "the training set's class frequencies."
    )


def _results(current: dict[str, runs.Run]) -> None:
    if not current:
        st.info(
            "Press **Train** to start. The charts update while the network trains.",
            icon=":material/model_training:",
        )
        return
    compare = len(current) > 1
    going = runs.any_running(current)
    bars, button = st.columns([6, 1], vertical_alignment="bottom")
    with bars, st.container(key="training-status"):
        for run in current.values():
            epochs = run.state.config.epochs
            text = experiment.status(run)
            if compare:
                text = f"{run.name}: {text}"
            st.progress(min(run.state.epoch / epochs, 1.0), text=text)
    with button:
        st.button(
            "Stop",
            icon=":material/stop:",
            key="training.stop",
            on_click=experiment.stop,
            disabled=not going,
            width="stretch",
        )
    specs_now = {
        side.name: (experiment.data_spec(), experiment.train_config(side))
        for side in experiment.sides()
    }
    changed = set(specs_now) != set(current) or any(
        specs_now[name] != run.spec for name, run in current.items()
    )
    if changed:
        st.caption(
            ":material/info: The controls have changed since this run started: these results "
            "are for the settings it was started with. Press Train to run the new ones."
        )
    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.segmented_control(
            "Loss chart",
            options=state.TRAIN_LOSS_VIEWS,
            format_func=experiment.LOSS_VIEW_LABELS.get,
            help="Each run's own loss, or the cross-entropy of every run (one yardstick when "
            "the runs minimise different losses).",
            **state.bind(state.TRAIN_LOSS_VIEW),
        )
        _loss_chart(current, compare)
    with c2:
        st.markdown("**Accuracy**")
        _accuracy_chart(current, compare)
    layout.explain(
        "Solid lines are the training set, dotted ones the test set. The dashed lines are "
        "baselines that ignore the input: the uniform guess q = (1/K, …, 1/K), where runs "
        "with the default initial weights start (see below why), and, with imbalanced "
        "classes, always predicting the training set's class frequencies, whose "
        "cross-entropy is the entropy of the class prior, H(prior), never above log K (equal "
        "to it when the classes are balanced). A model has learnt something from x only "
        "when it gets below H(prior)."
    )
    columns = st.columns(len(current), gap="large") if compare else [st.container()]
    for column, run in zip(columns, current.values(), strict=True):
        with column:
            _run_view(run, compare)
    data = next(iter(current.values())).state.data
    if data.bounds is not None:
        layout.explain(
            "Each point of the plane takes the colour of the class the model predicts there, "
            "stronger where it is more confident (transparent at 1/K, a toss-up). The bars "
            "are each class's recall: the share of its samples predicted correctly, with its "
            "training count n. With imbalanced classes the large class dominates the mean "
            "cross-entropy, so the boundary leans into the small class and its recall "
            "suffers. Class weights make every class count equally: the small class's recall "
            "rises, the large class's falls. Focal loss instead down-weights every sample "
            "the model already gets right, so it helps the small class only as far as its "
            "samples are the hard ones."
        )
    else:
        layout.explain(
            f"Each bar is the probability q_t the network gives one sample's true class; the "
            f"training cross-entropy is the mean of −{layout.log_text()} q_t over these bars. "
            "The dashed line is the uniform guess 1/3, near which the bars start."
        )
    _metrics_table(current)


def run_panel() -> None:
    """Progress, Stop and the charts. While a run is going, Streamlit reruns this fragment
    on a timer and each rerun trains a little (xent_ui.runs); Stop is inside, so its click
    waits for the current tick instead of racing it."""
    current = state.TRAIN_RUNS.get()
    if runs.any_running(current):
        advanced = runs.tick(current)
        if state.TRAIN_RUNS.get() is current:  # a Stop handled meanwhile wins
            state.TRAIN_RUNS.set(advanced)
            current = advanced
    _results(current)
    _write_url()  # the loss-chart choice is made inside this fragment
    if runs.any_running(current) != state.TRAIN_TICKING.get():
        # Finished or stopped (or started elsewhere): the timer is set where the panel is
        # declared, so rerun the page, now that this state has been drawn.
        st.rerun(scope="app")


# --- why the first loss is ln K ----------------------------------------------------------


def why_ln_k(data: xc.ToyData, config: xc.TrainConfig) -> None:
    unit = layout.unit()
    ln = layout.log_text()
    factor = experiment.unit_factor(True)
    k = data.n_classes
    first = xc.start_training(data, config).history[0]
    spread = first.logit_spread
    st.subheader(f"Why training starts near {ln} K")
    st.markdown(
        "Before the first step the weights are small random numbers (softmax regression "
        "starts from zero), so every logit is close to 0 and the softmax is close to uniform. "
        "A uniform prediction gives the true class 1/K whatever it is, so its cross-entropy is "
        f"exactly {ln} K:"
    )
    log = layout.log_symbol()
    # Two short lines, so the formula fits a phone's width.
    st.latex(
        r"\begin{aligned} z_1 = \dots = z_K \;&\Rightarrow\; q_c = "
        r"\frac{e^{z_c}}{\sum_j e^{z_j}} = \frac{1}{K} \\ "
        rf"&\Rightarrow\; -{log} q_t = {log} K \end{{aligned}}"
    )
    with st.container(horizontal=True, key="training-start"):
        st.metric(f"{ln} {k}", f"{math.log(k) * factor:.4f}")
        st.metric("First cross-entropy (epoch 0)", f"{first.cross_entropy_train * factor:.4f}")
        st.metric("Logit spread s", f"{spread:.3f}")
    st.select_slider(
        "Initial weight scale",
        options=state.TRAIN_INIT_SCALES,
        format_func=lambda v: f"×{v:g}",
        disabled=not config.hidden,
        help="Multiplies the initial weights (Glorot uniform, Keras's default). Softmax "
        "regression always starts at zero.",
        **state.bind(state.TRAIN_INIT_SCALE),
    )
    offset = (first.cross_entropy_train - math.log(k)) * factor
    layout.explain(
        "For configuration A on the data above, before any training. The spread s is the "
        "root-mean-square distance of the logits from their mean in each row; s = 0 is the "
        "uniform guess. For small logits the first loss, averaged over the labels the "
        f"samples could have, is about {ln} K + s²/2 (here s²/2 = {spread**2 / 2 * factor:.3f} "
        f"{unit}); which labels they do have moves it a little either way (this run starts "
        f"{abs(offset):.3f} {unit} {'above' if offset >= 0 else 'below'} {ln} K). Scale the "
        f"initial weights ×3 or ×10 and the network starts out confidently wrong on many "
        f"samples, far above {ln} K, with that to unlearn first. Every run should end well "
        f"below {ln} K, and below H(prior) = {experiment.prior_entropy(data):.3f} {unit} (always "
        "predicting the training class frequencies) when the classes are imbalanced: a "
        "model stuck at either has learnt nothing from the input."
    )


# --- the page ----------------------------------------------------------------------------

st.title("Training lab")
st.markdown(
    "Gradient descent at work: a small network learns to classify points by minimising "
    "**cross-entropy**, one mini-batch at a time. Pick data, a model, an optimiser and a "
    f"loss, press Train and watch the loss fall (from {layout.log_text()} K with the default "
    "initial weights), the boundaries form and each class's recall respond. Then compare "
    "two losses on the same data."
)
preset_buttons()

st.subheader("Data")
spec = experiment.data_spec()
data = experiment.make_data(spec)
controls, preview = st.columns([1, 1], gap="large")
with controls:
    data_controls()
with preview:
    data_preview(data)

st.subheader("Model, optimiser and loss")
model_controls()

st.subheader("Train")
st.button(
    "Train",
    type="primary",
    icon=":material/play_arrow:",
    key="training.train",
    on_click=experiment.start,
    disabled=runs.any_running(state.TRAIN_RUNS.get()),
    help="Train A (and B when comparing) from scratch with the settings above.",
)
_ticking = runs.any_running(state.TRAIN_RUNS.get())
state.TRAIN_TICKING.set(_ticking)
st.fragment(run_panel, run_every=runs.TICK_INTERVAL if _ticking else None)()

why_ln_k(data, experiment.train_config(A))
_write_url()

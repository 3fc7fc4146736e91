"""The training lab's controls (pages/training.py): the data form with its preview, and the
model, optimiser and loss of configuration A (and B when comparing), batch size and epochs."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, experiment, layout, state


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

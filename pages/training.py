"""Training lab: watch gradient descent minimise cross-entropy, and see what other losses do."""

import streamlit as st

from xent_ui import experiment, layout, presets, runs, shell, state
from xent_ui.views import training_controls, training_results, training_start

shell.require_app()

A = state.TRAIN_A


def _write_url() -> None:
    """The experiment into the link (configuration B only while comparing)."""
    state.write_url(state.TRAINING_URL)


def preset_buttons() -> None:
    st.markdown("**Start from an experiment**")
    with st.container(key="training-presets"):
        layout.preset_buttons(presets.TRAINING_PRESETS, "training.preset", presets.apply_training)


# --- the run -----------------------------------------------------------------------------


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
    training_results.results(current)
    _write_url()  # the loss-chart choice is made inside this fragment
    if runs.any_running(current) != state.TRAIN_TICKING.get():
        # Finished or stopped (or started elsewhere): the timer is set where the panel is
        # declared, so rerun the page, now that this state has been drawn.
        st.rerun(scope="app")


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
    training_controls.data_controls()
with preview:
    training_controls.data_preview(data)

st.subheader("Model, optimiser and loss")
training_controls.model_controls()

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

training_start.why_ln_k(data, experiment.train_config(A))
_write_url()

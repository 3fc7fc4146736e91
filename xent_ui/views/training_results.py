"""The training lab's results (pages/training.py), drawn inside its run fragment: progress
and Stop, the loss and accuracy charts, each run's decision regions (or per-sample
probabilities) and recall, and the metrics table, with their captions."""

import numpy as np
import streamlit as st

from xent_ui import charts, experiment, layout, runs, state


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


def results(current: dict[str, runs.Run]) -> None:
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

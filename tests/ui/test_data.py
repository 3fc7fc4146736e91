"""The data page under AppTest: Iris summaries, uploads and pasted text, calibration controls.

Expected numbers come from xent_core (itself tested against SciPy and scikit-learn in
tests/core); here the point is that the page shows them, keeps state and survives bad input.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import xent_core as xc

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "predictions"
SOURCE = "w:xent.data.source"
PASTE = "w:xent.data.paste"
BINS = "w:xent.data.bins"
TEMPERATURE = "w:xent.data.t"


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/data.py").run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at: AppTest, first_column: str) -> dict:
    """The st.table whose first column is ``first_column``, as {column: list}."""
    frame = next(t.value for t in at.table if t.value.columns[0] == first_column)
    return {c: frame[c].tolist() for c in frame.columns}


def upload_mode(at: AppTest) -> AppTest:
    return at.segmented_control(key=SOURCE).set_value("upload").run()


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key=PASTE).input(text)
    return at.button(key="data.paste.go").click().run()


@pytest.fixture(scope="module")
def iris() -> tuple[xc.IrisRun, xc.BatchSummary]:
    run_ = xc.run_iris()
    summary = xc.summarize_batch(
        xc.softmax(run_.test_logits), run_.test_labels, logits=run_.test_logits
    )
    return run_, summary


def test_iris_summaries(iris: tuple[xc.IrisRun, xc.BatchSummary]) -> None:
    run_, s = iris
    at = run()
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    assert m["Samples"] == "45"
    assert m["Accuracy"] == "93.3%"
    assert m["Mean cross-entropy (nats)"] == f"{s.cross_entropy_stats.mean:.4f}"
    assert m["Mean MSE"] == f"{s.mse_stats.mean:.4f}"
    assert m["Pearson correlation r"] == f"{s.correlation:.3f}"
    stats = table(at, "Statistic")
    ce = s.cross_entropy_stats
    assert stats["Cross-entropy (nats)"] == [
        f"{v:.4f}" for v in (ce.mean, ce.median, ce.max, ce.min)
    ]
    assert any("**strongly correlated**" in md.value for md in at.markdown)
    # The worst samples, largest loss first, with rows of iris.csv.
    worst = at.dataframe[0].value
    order = xc.worst_samples(s.cross_entropy, 5)
    assert worst["Row"].tolist() == (run_.test[order] + 2).tolist()
    assert worst["Cross-entropy (nats)"].tolist() == pytest.approx(
        s.cross_entropy[order].tolist(), rel=1e-12
    )
    assert list(worst.columns[-4:]) == [
        f"{f} (cm)" for f in ("sepal length", "sepal width", "petal length", "petal width")
    ]


def test_same_accuracy_different_loss(iris: tuple[xc.IrisRun, xc.BatchSummary]) -> None:
    run_, _ = iris
    at = run()
    rows = table(at, "Predictions")
    assert rows["Accuracy"] == ["93.3%"] * 3
    expected = [
        f"{float(xc.temperature_nll(run_.test_logits, run_.test_labels, t)):.4f}"
        for t in (0.25, 1.0, 4.0)
    ]
    assert rows["Mean cross-entropy (nats)"] == expected
    assert len(set(expected)) == 3


def held_out(run_: xc.IrisRun) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The calibration half (z, y) and the held-out half (z, y) of the Iris test flowers."""
    fit, held = xc.stratified_split(run_.test_labels, test_fraction=0.5, seed=0)
    z, y = run_.test_logits, run_.test_labels
    return z[fit], y[fit], z[held], y[held]


def test_calibration_is_fitted_on_one_half_and_reported_on_the_other(
    iris: tuple[xc.IrisRun, xc.BatchSummary],
) -> None:
    """Issue 16, item 6: T* never sees the flowers its "after" numbers are measured on."""
    run_, _ = iris
    at = run()
    z_fit, y_fit, z, y = held_out(run_)
    assert len(y_fit) + len(y) == 45 and set(np.bincount(y)) == {8}  # 21 + 24, stratified
    fitted = xc.fit_temperature(z_fit, y_fit)
    assert fitted != pytest.approx(xc.fit_temperature(run_.test_logits, run_.test_labels))
    columns = table(at, "Held-out half")
    after_title = f"Fitted: T* = {fitted:.3f}"
    assert list(columns) == ["Held-out half", "Before: T = 1", after_title, "Yours: T = 1"]
    before = xc.calibration_report(z, y)
    after = xc.calibration_report(z, y, temperature=fitted)
    assert columns["Before: T = 1"] == [
        f"{before.accuracy:.1%}",
        f"{before.nll:.4f}",
        f"{before.brier:.4f}",
        f"{before.ece:.4f}",
    ]
    assert columns[after_title][0] == columns["Before: T = 1"][0]
    assert columns[after_title][1] == f"{after.nll:.4f}"
    assert after.nll < before.nll
    # The regularised model is under-confident: the fit sharpens it.
    assert fitted < 1
    text = " ".join(md.value for md in at.markdown)
    assert "under-confident" in text
    assert "fitted on the **calibration half** (21 flowers)" in text
    assert "**held-out half** (24 flowers), which the fit never saw" in text
    assert "carries over to samples the fit did not see" in text


def test_bins_and_temperature_controls_update_the_url(
    iris: tuple[xc.IrisRun, xc.BatchSummary],
) -> None:
    run_, _ = iris
    at = run()
    at.slider(key=BINS).set_value(5).run()
    assert at.query_params["rbins"] == "5"
    at.select_slider(key=TEMPERATURE).set_value(2.0).run()
    assert at.query_params["ct"] == "2"
    columns = table(at, "Held-out half")
    _, _, z, y = held_out(run_)
    mine = xc.calibration_report(z, y, temperature=2.0, n_bins=5)
    assert columns["Yours: T = 2"] == [
        f"{mine.accuracy:.1%}",
        f"{mine.nll:.4f}",
        f"{mine.brier:.4f}",
        f"{mine.ece:.4f}",
    ]
    before5 = xc.calibration_report(z, y, n_bins=5)
    assert columns["Before: T = 1"][3] == f"{before5.ece:.4f}"


def test_link_restores_the_controls() -> None:
    at = run({"rbins": "7", "ct": "0.5"})
    assert not at.warning
    assert at.slider(key=BINS).value == 7
    assert at.select_slider(key=TEMPERATURE).value == 0.5
    assert "Yours: T = 0.5" in table(at, "Held-out half")


@pytest.mark.parametrize(
    "query", [{"rbins": "99"}, {"rbins": "2.5"}, {"ct": "0.33"}, {"src": "<script>"}]
)
def test_hostile_links_fall_back_to_defaults(query: dict) -> None:
    at = run(query)
    (url,) = query
    assert any(f"(`{url}`)" in w.value for w in at.warning), [w.value for w in at.warning]
    assert not at.exception
    assert metrics(at)["Samples"] == "45"
    assert at.slider(key=BINS).value == 10


def test_units_in_bits(iris: tuple[xc.IrisRun, xc.BatchSummary]) -> None:
    _, s = iris
    at = run({"unit": "bits"})
    m = metrics(at)
    assert m["Mean cross-entropy (bits)"] == f"{s.cross_entropy_stats.mean / math.log(2):.4f}"
    assert "NLL (bits)" in table(at, "Held-out half")["Held-out half"]


def test_upload_a_file() -> None:
    at = upload_mode(run())
    assert at.query_params["src"] == "upload"
    assert any("Upload a file or paste text" in i.value for i in at.info)
    content = (DATA / "good_names.csv").read_bytes()
    at.file_uploader(key="data.upload").set_value(("good_names.csv", content, "text/csv")).run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Read 4 samples × 3 classes of probabilities from good\\_names\\.csv."
    ]
    p = xc.parse_predictions(content)
    s = xc.summarize_batch(p.probs, p.labels)
    assert metrics(at)["Samples"] == "4"
    assert metrics(at)["Accuracy"] == "75.0%"  # the last row predicts cat for a dog
    assert metrics(at)["Mean cross-entropy (nats)"] == f"{s.cross_entropy_stats.mean:.4f}"
    # Removing the file clears the analysis.
    at.file_uploader(key="data.upload").set_value(None).run()
    assert not at.success and "Samples" not in metrics(at)


def test_bad_upload_shows_the_message() -> None:
    at = upload_mode(run())
    content = (DATA / "binary_junk.csv").read_bytes()
    at.file_uploader(key="data.upload").set_value(("junk.csv", content, "text/csv")).run()
    assert not at.exception
    (error,) = at.error
    assert "Could not read junk\\.csv" in error.value
    assert "not UTF\\-8 text" in error.value
    assert "Samples" not in metrics(at)


def test_paste_error_keeps_the_text_and_offers_fixes() -> None:
    at = upload_mode(run())
    text = "cat,dog,label\n0.5,0.4,cat\n0.2,0.2,dog\n"
    at = paste(at, text)
    assert not at.exception
    (error,) = at.error
    assert "Row 2 sums to 0\\.9, not 1" in error.value
    assert at.text_area(key=PASTE).value == text  # the learner's text is still there
    # Read them as logits: now the same numbers go through softmax.
    at.button(key="data.fix.logits").click().run()
    assert not at.error
    assert at.text_area(key=PASTE).value == text
    assert "of logits" in at.success[0].value
    assert metrics(at)["Samples"] == "2"
    # Or renormalise them as probabilities.
    at.segmented_control(key="w:xent.data.kind").set_value("auto").run()
    assert at.error
    at.button(key="data.fix.renormalize").click().run()
    assert not at.error
    assert "of probabilities" in at.success[0].value
    assert any("2 rows did not sum to 1" in i.value for i in at.info)


def test_empty_paste_says_so() -> None:
    at = paste(upload_mode(run()), "   ")
    (error,) = at.error
    assert "Could not read the pasted text" in error.value
    assert "the input is empty" in error.value


def test_the_sample() -> None:
    at = upload_mode(run())
    at.button(key="data.sample").click().run()
    assert not at.exception
    assert at.text_area(key=PASTE).value == xc.sample_csv()
    assert metrics(at)["Samples"] == "12"
    assert metrics(at)["Accuracy"] == "75.0%"
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download a sample CSV", "Download per-sample results (CSV)"]
    # The sample's model is over-confident: the fit softens it (T* > 1).
    assert any("over-confident" in md.value for md in at.markdown)


def test_hostile_class_names_stay_text() -> None:
    names = ['<img src=x onerror="alert(1)">', "[click](https://example.com)"]
    quoted = '"' + names[0].replace('"', '""') + '"'  # CSV quoting: " inside is ""
    text = f"{quoted},{names[1]},label\n0.2,0.8,0\n0.9,0.1,1\n"
    at = paste(upload_mode(run()), text)
    assert not at.exception
    assert metrics(at)["Samples"] == "2"
    worst = at.dataframe[0].value
    assert set(worst["True class"]) == set(names)  # shown verbatim, as text
    for element in at.markdown:
        assert not getattr(element, "allow_html", False) or "onerror" not in element.value
        assert "](https://example.com)" not in element.value


def test_probability_zero_for_the_true_class() -> None:
    # Rows 2–7 (the header is row 1); class a's rows 2, 3, 4 split 2 : 1 and b's 5, 6, 7 too.
    text = "a,b,label\n1,0,b\n0.6,0.4,a\n0.7,0.3,a\n0.2,0.8,b\n0.3,0.7,b\n0.9,0.1,a\n"
    at = paste(upload_mode(run()), text)
    assert not at.exception
    stats = table(at, "Statistic")
    assert stats["Cross-entropy (nats)"][0] == "∞"
    # Each class's 3 rows split 1 : 2 (round(1.5) = 2 held out); the seed-0 shuffle puts
    # sample 0 (row 2, q_t = 0) in the calibration half: no temperature can be fitted.
    fit, _ = xc.stratified_split(np.array([1, 0, 0, 1, 1, 0]), test_fraction=0.5, seed=0)
    assert fit.tolist() == [0, 2]
    message = " ".join(i.value for i in at.info)
    assert "cannot help here" in message and "row 2 of the calibration half" in message


def test_too_few_samples_for_calibration() -> None:
    at = paste(upload_mode(run()), "a,b,label\n1,0,b\n0.5,0.5,a\n")
    assert not at.exception
    assert any("Calibration needs at least 4 samples" in i.value for i in at.info)


def test_correlation_text_says_rank_for_spearman_and_keeps_the_sign() -> None:
    """Issue 16, item 7: ranking statements come from Spearman's ρ, and a negative
    correlation never gets the positive explanation."""
    iris_page = run()
    summary = xc.summarize_batch(*iris_probs_and_labels())
    m = metrics(iris_page)
    assert m["Spearman rank correlation ρ"] == f"{summary.rank_correlation:.3f}"
    assert m["Pearson correlation r"] == f"{summary.correlation:.3f}"
    text = " ".join(md.value for md in iris_page.markdown)
    assert summary.rank_correlation > 0.7  # the Iris losses order the flowers alike
    assert "rank the samples almost alike" in text
    # q_t rises 0.30 → 0.35 (cross-entropy falls) while the rest piles onto b (MSE rises):
    # hand-built so that both correlations are below −0.7 (r = −0.813, ρ = −0.829).
    rows = [
        (0.30, 0.35, 0.35),
        (0.31, 0.405, 0.285),
        (0.32, 0.46, 0.22),
        (0.33, 0.515, 0.155),
        (0.34, 0.57, 0.09),
        (0.35, 0.625, 0.025),
    ]
    csv = "a,b,c,label\n" + "".join(f"{a},{b},{c},a\n" for a, b, c in rows)
    at = paste(upload_mode(run()), csv)
    text = " ".join(md.value for md in at.markdown)
    assert "By rank the losses are **strongly negatively correlated**" in text
    assert "**opposite** orders" in text
    assert "almost alike" not in text


def iris_probs_and_labels() -> tuple[np.ndarray, np.ndarray]:
    run_ = xc.run_iris()
    return xc.softmax(run_.test_logits), run_.test_labels


def test_nll_chart_shows_both_halves(iris: tuple[xc.IrisRun, xc.BatchSummary]) -> None:
    run_, _ = iris
    at = run()
    _, _, _, y = held_out(run_)
    spec = json.loads(
        next(c for c in at.get("plotly_chart") if "data-nll-curve" in c.proto.id).proto.spec
    )
    names = [t.get("name") for t in spec["data"]]
    assert "held-out half" in names and "calibration half (T* fitted here)" in names
    # The 24 held-out flowers are all classified right (the 3 mistakes fell in the
    # calibration half), so the held-out NLL falls all the way as T → 0; the caption says so.
    assert xc.calibration_report(*held_out(run_)[2:]).accuracy == 1.0 and len(y) == 24
    text = " ".join(c.value for c in at.caption)
    assert "Every held-out sample is classified right" in text
    # Both curves' lowest points are inside the y range.
    top = spec["layout"]["yaxis"]["range"][1]
    for trace in spec["data"][:2]:
        assert min(v for v in trace["y"] if v is not None) < top

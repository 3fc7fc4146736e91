"""The data page in a real browser: upload through the file chooser, errors, downloads.

Expected numbers come from xent_core, computed here from the same file the browser uploads.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import xent_core as xc
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_idle

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data" / "predictions"
# Streamlit's main area scrolls inside its own container, so a full-page screenshot needs a
# viewport as tall as the page.
TALL_DESKTOP = {"width": DESKTOP["width"], "height": 4800}
TALL_PHONE = {"width": PHONE["width"], "height": 9800}


def settle(page: Page) -> None:
    """Wait for the script to finish and every chart to replace its loading skeleton."""
    wait_idle(page)
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()


def metric(page: Page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']", has_text=label).first
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def write_predictions(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """200 samples of 4-class logits, labels drawn from softmax(z / 2): the logits as given
    (T = 1) are sharper than the truth, so the model is over-confident."""
    rng = np.random.default_rng(2024)
    z = rng.normal(scale=2.0, size=(200, 4))
    p = xc.softmax(z / 2.0)
    labels = (p.cumsum(axis=1) < rng.random((200, 1))).sum(axis=1)
    names = ["ant", "bee", "<b>wasp</b>", "moth"]
    lines = [",".join([*names, "label"])]
    lines += [
        ",".join([*(repr(float(v)) for v in row), names[y]])
        for row, y in zip(z, labels, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return z, labels


def choose_file(page: Page, path: Path) -> None:
    """Open the uploader's own file chooser, as a person clicking it would, and pick ``path``."""
    with page.expect_file_chooser() as chooser:
        page.locator("[data-testid='stFileUploaderDropzone'] button").first.click()
    chooser.value.set_files(path)


def test_upload_through_the_file_chooser(
    page: Page, app_url: str, tmp_path: Path, shots_dir: Path
) -> None:
    path = tmp_path / "predictions.csv"
    z, labels = write_predictions(path)
    summary = xc.summarize_batch(xc.softmax(z), labels, logits=z)
    # T* is fitted on the calibration half (the stratified split the page makes).
    fit, _ = xc.stratified_split(labels, test_fraction=0.5, seed=0)
    fitted = xc.fit_temperature(z[fit], labels[fit])

    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/data?src=upload")
    expect(page.get_by_text("CSV file (up to 20 MB)")).to_be_visible()
    choose_file(page, path)
    expect(page.get_by_text("Read 200 samples × 4 classes of logits")).to_be_visible()
    settle(page)
    assert metric(page, "Samples") == "200"
    assert metric(page, "Accuracy") == f"{summary.accuracy:.1%}"
    assert metric(page, "Mean cross-entropy (nats)") == f"{summary.cross_entropy_stats.mean:.4f}"
    assert metric(page, "Pearson correlation r") == f"{summary.correlation:.3f}"
    assert metric(page, "Spearman rank correlation ρ") == f"{summary.rank_correlation:.3f}"
    stats = page.locator(".st-key-data-stats table")
    expect(stats).to_contain_text(f"{summary.cross_entropy_stats.max:.4f}")
    expect(stats).to_contain_text(f"{summary.mse_stats.median:.4f}")
    calibration = page.locator(".st-key-data-calibration-metrics table")
    expect(calibration).to_contain_text(f"Fitted: T* = {fitted:.3f}")
    assert fitted > 1  # near 2, the temperature the labels were drawn at
    expect(page.get_by_text("over-confident")).to_be_visible()
    # A class name with markup is shown as text: no <b> element from the upload.
    expect(page.locator("[data-testid='stMain'] b", has_text="wasp")).to_have_count(0)
    assert_no_exception(page)
    page.screenshot(path=shots_dir / "data-upload-desktop.png")
    page.set_viewport_size(TALL_DESKTOP)
    settle(page)
    page.screenshot(path=shots_dir / "data-upload-desktop-full.png")


def test_bad_file_and_pasted_text_errors(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/data?src=upload")
    choose_file(page, DATA / "binary_junk.csv")
    alert = page.locator("[data-testid='stAlertContentError']")
    expect(alert).to_contain_text("Could not read binary_junk.csv.")
    expect(alert).to_contain_text("The file is not UTF-8 text")
    assert_no_exception(page)

    page.get_by_role("tab", name="Paste text").click()
    text = "cat,dog,label\n0.5,0.4,cat\n0.3,0.7,dog\n"
    box = page.get_by_label("CSV text, header row first")
    box.fill(text)
    page.get_by_role("button", name="Analyse the text").click()
    wait_idle(page)
    expect(alert).to_contain_text("Row 2 sums to 0.9, not 1 (within 1e-6).")
    expect(box).to_have_value(text)  # what the learner typed is still there
    page.screenshot(path=shots_dir / "data-paste-error-desktop.png")
    page.get_by_role("button", name="Renormalise the rows (divide each by its sum)").click()
    expect(page.get_by_text("Read 2 samples × 2 classes of probabilities")).to_be_visible()
    expect(box).to_have_value(text)
    assert_no_exception(page)


def test_downloads(page: Page, app_url: str, tmp_path: Path) -> None:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/data?src=upload")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a sample CSV").click()
    sample = tmp_path / "sample.csv"
    download.value.save_as(sample)
    assert sample.read_text(encoding="utf-8") == xc.sample_csv()

    page.get_by_role("button", name="Analyse the sample").click()
    expect(page.get_by_text("Read 12 samples × 3 classes of probabilities")).to_be_visible()
    settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download per-sample results (CSV)").click()
    results = tmp_path / "results.csv"
    download.value.save_as(results)
    lines = results.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "row,label,predicted,q_label,confidence,correct,cross_entropy_nats,mse"
    assert len(lines) == 13
    # Row 10 of the sample: a rabbit given 0.01. Cross-entropy −ln 0.01 = 4.6052 nats.
    row10 = next(line.split(",") for line in lines[1:] if line.startswith("10,"))
    assert row10[:3] == ["10", "rabbit", "cat"]
    assert float(row10[6]) == pytest.approx(4.605170185988091, rel=1e-12)


def test_iris_at_phone_width(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/data")
    settle(page)
    assert metric(page, "Samples") == "45"
    assert metric(page, "Accuracy") == "93.3%"
    overflow = page.evaluate(
        "[...document.querySelectorAll('[data-testid=\"stMain\"] *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
        " && !e.closest('[data-testid=\"stDataFrame\"]')).length"
    )
    assert overflow == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_exception(page)
    page.screenshot(path=shots_dir / "data-iris-phone.png")
    page.set_viewport_size(TALL_PHONE)
    settle(page)
    page.screenshot(path=shots_dir / "data-iris-phone-full.png")


def test_iris_desktop_and_controls(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(TALL_DESKTOP)
    open_page(page, f"{app_url}/data")
    settle(page)
    run = xc.run_iris()
    fit, held = xc.stratified_split(run.test_labels, test_fraction=0.5, seed=0)
    fitted = xc.fit_temperature(run.test_logits[fit], run.test_labels[fit])
    calibration = page.locator(".st-key-data-calibration-metrics table")
    expect(calibration).to_contain_text(f"Fitted: T* = {fitted:.3f}")
    # Move the temperature slider with the keyboard: 1.0 → 1.1.
    slider = page.get_by_role("slider", name="Temperature T")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(calibration).to_contain_text("Yours: T = 1.1")
    mine = xc.calibration_report(run.test_logits[held], run.test_labels[held], temperature=1.1)
    expect(calibration).to_contain_text(f"{mine.nll:.4f}")
    # The fragment writes the link after it has drawn: wait for the address to follow.
    expect(page).to_have_url(re.compile(r"[?&]ct=1\.1(&|$)"))
    settle(page)
    assert_no_exception(page)
    page.screenshot(path=shots_dir / "data-iris-desktop-full.png")

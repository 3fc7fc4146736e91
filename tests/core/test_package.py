"""The package boundary: xent_core is pure numpy and re-exports its public API."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import xent_core

REPO = Path(__file__).resolve().parents[2]


def test_import_loads_neither_streamlit_nor_plotly():
    code = (
        "import sys, xent_core; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'streamlit', 'plotly'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_source_never_imports_ui_libraries():
    paths = list((REPO / "xent_core").rglob("*.py"))
    assert {p.parent.name for p in paths} >= {"xent_core", "lab", "io"}
    for path in paths:
        text = path.read_text()
        assert "import streamlit" not in text and "import plotly" not in text, path.name


def test_public_api_is_reexported_documented_and_typed():
    contract = {
        "entropy", "cross_entropy", "kl_divergence", "js_divergence", "perplexity",
        "softmax", "log_softmax", "logsumexp",
        "cross_entropy_from_logits", "softmax_cross_entropy_grad", "binary_cross_entropy",
        "binary_cross_entropy_with_logits", "focal_loss", "mse", "brier_score",
        "one_hot", "smooth_labels",
        "logit_gradient", "mse_logit_gradient", "brier_logit_gradient", "focal_logit_gradient",
        "prior_entropy", "majority_rate", "balanced_accuracy", "correlation_strength",
        "csv_safe",
    }  # fmt: skip
    assert contract <= set(xent_core.__all__)
    functions = 0
    for name in xent_core.__all__:
        obj = getattr(xent_core, name)
        if inspect.isclass(obj):
            assert inspect.getdoc(obj), name  # result types: documented
            continue
        if not inspect.isfunction(obj):
            assert name.isupper(), name  # the only other exports are constants
            continue
        functions += 1
        doc = inspect.getdoc(obj) or ""
        assert "Examples" in doc and ">>>" in doc, name
        assert "return" in obj.__annotations__, name
    assert functions >= len(contract)


def test_subpackages_reexport_their_modules():
    from xent_core import io, lab

    for package in (io, lab):
        for name in package.__all__:
            assert getattr(xent_core, name) is getattr(package, name), name


# What the UI (pages/, xent_ui/) imports from a module path rather than from xent_core:
# these must keep working whatever moves (issue 17).
UI_IMPORTS = [
    ("xent_core.batch", "STRONG", 0.7),
    ("xent_core.batch", "MODERATE", 0.3),
    ("xent_core.calibration", "TEMPERATURE_BOUNDS", (0.01, 100.0)),
    ("xent_core.quiz", "TOLERANCE", 0.15),
    ("xent_core.quiz", "ABSOLUTE_TOLERANCE", 0.1),
    ("xent_core.io.predictions", "MAX_CSV_CLASSES", 1000),
    ("xent_core.coupling", "resize_distribution", None),
    ("xent_core.simplex", "LANDSCAPES", None),
    ("xent_core.lab.toydata", "TOY_DATASETS", ("blobs", "moons", "spirals")),
    ("xent_core.lab.train", "LOSS_KINDS", None),
    ("xent_core.curves", "LOSSES", None),
    ("xent_core.stability", "DTYPES", ("float16", "float32", "float64")),
    ("xent_core.quiz", "Question", None),
]


@pytest.mark.parametrize(("module", "name", "value"), UI_IMPORTS)
def test_module_paths_the_ui_uses_keep_working(module, name, value):
    obj = getattr(importlib.import_module(module), name)
    if value is not None:
        assert obj == value
    if name in xent_core.__all__:
        assert obj is getattr(xent_core, name)  # the same object, not a copy


def test_submodules_are_attributes_of_the_package():
    # pages/ reads xc.batch.STRONG, xc.calibration.TEMPERATURE_BOUNDS, xc.quiz.TOLERANCE.
    assert xent_core.batch.STRONG > xent_core.batch.MODERATE
    assert (
        xent_core.calibration.TEMPERATURE_BOUNDS[0]
        < 1
        < xent_core.calibration.TEMPERATURE_BOUNDS[1]
    )
    assert xent_core.quiz.ABSOLUTE_TOLERANCE < xent_core.quiz.TOLERANCE

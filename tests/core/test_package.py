"""The package boundary: xent_core is pure numpy and re-exports its public API."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

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
    for path in (REPO / "xent_core").glob("*.py"):
        text = path.read_text()
        assert "import streamlit" not in text and "import plotly" not in text, path.name


def test_public_api_is_reexported_documented_and_typed():
    contract = {
        "entropy", "cross_entropy", "kl_divergence", "js_divergence", "perplexity",
        "softmax", "log_softmax", "logsumexp",
        "cross_entropy_from_logits", "softmax_cross_entropy_grad", "binary_cross_entropy",
        "binary_cross_entropy_with_logits", "focal_loss", "mse", "brier_score",
        "one_hot", "smooth_labels",
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

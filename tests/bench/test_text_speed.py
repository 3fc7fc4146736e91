"""The text-model benchmark (bench/text_speed.py) at a small size.

Its timings are benchmarks (BENCHMARKS.md), not assertions; this checks that it runs,
that its text is deterministic, that the plain-Python model it races against agrees with
xent_core.text, and that it prints the table.
"""

from __future__ import annotations

import math

import pytest

from bench import text_speed as ts
from xent_core import text


def test_the_text_is_deterministic_standard_library_docstrings() -> None:
    corpus = ts.stdlib_docstrings(5000)
    assert len(corpus) >= 5000 and text.START not in corpus
    assert ts.stdlib_docstrings(5000) == corpus
    assert ts.stdlib_docstrings(20_000).startswith(corpus)  # a longer text extends it


def test_the_counter_model_is_the_numpy_model() -> None:
    corpus = ts.stdlib_docstrings(12_000)
    train, held = corpus[:10_000], corpus[10_000:12_000]
    alphabet = "".join(sorted(set(train + held)))
    for order, alpha in ((1, 0.5), (3, 0.1), (6, 2.0)):
        model = text.ngram_model(train, order, alpha, alphabet=alphabet)
        counts = ts.counter_model(train, order)
        by_counter = ts.counter_bits_per_character(counts, order, alpha, len(alphabet), held)
        assert by_counter == pytest.approx(text.bits_per_character(model, held), abs=1e-9)
        assert math.isfinite(by_counter)


def test_the_benchmark_runs_small_and_prints_its_table(capsys) -> None:
    ts.main(["--repeats", "1", "--train-chars", "20000", "--held-chars", "2000"])
    out = capsys.readouterr().out
    assert "cores, Python" in out and "repeats 1 (median)" in out
    assert "| train order 6 on 20,000 characters |" in out
    assert "| score 2,000 held-out characters |" in out
    assert "| **both** |" in out
    assert out.count("×;") == 3

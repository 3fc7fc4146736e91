"""The quiz: questions drawn from a seed, answers from the core, grading."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xent_core import answer_in, cross_entropy, grade, make_question
from xent_core.quiz import ABSOLUTE_TOLERANCE, TOLERANCE, Question


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 9999), index=st.integers(0, 200))
def test_questions_are_valid_and_answers_match_the_core(seed: int, index: int) -> None:
    q = make_question(seed, index)
    assert q == make_question(seed, index)  # a pure function of (seed, index)
    assert q.kind == ("estimate" if index % 2 == 0 else "compare")
    k = len(q.names)
    assert 3 <= k <= 4 and 0 <= q.label < k
    for prediction, loss in zip(q.predictions, q.losses, strict=True):
        p = np.asarray(prediction)
        assert p.shape == (k,) and np.all(p >= 0.01)  # no bar reads 0.00
        assert math.isclose(p.sum(), 1.0, abs_tol=1e-9)
        assert loss == pytest.approx(-math.log(p[q.label]), rel=1e-12)
        assert loss == pytest.approx(float(cross_entropy(np.eye(k)[q.label], p)), rel=1e-12)
    if q.kind == "compare":
        la, lb = q.losses
        assert abs(la - lb) >= 0.1
        assert q.answer == ("A" if la < lb else "B")


def test_seeds_differ() -> None:
    assert make_question(1, 0) != make_question(2, 0)


def estimate(loss: float) -> Question:
    q_true = math.exp(-loss)
    return Question("estimate", ("cat", "dog"), 0, ((q_true, 1 - q_true),), (loss,), loss)


def test_estimate_tolerance_is_relative_or_absolute() -> None:
    # Big loss: 15 % relative. 4.0 nats accepts 4.59, refuses 4.61.
    assert grade(estimate(4.0), 4.0 * (1 + TOLERANCE) - 0.01).correct
    assert not grade(estimate(4.0), 4.0 * (1 + TOLERANCE) + 0.01).correct
    # Small loss: 0.1 nats absolute. 0.05 accepts 0.14, refuses 0.16.
    assert grade(estimate(0.05), 0.05 + ABSOLUTE_TOLERANCE - 0.01).correct
    assert not grade(estimate(0.05), 0.05 + ABSOLUTE_TOLERANCE + 0.01).correct
    result = grade(estimate(0.6931471805599453), 1.0)
    assert result.error == pytest.approx(1.0 - 0.6931471805599453)
    assert "−ln 0.5 = 0.693 nats" in result.explanation


def test_compare_grading_explains_with_the_true_class() -> None:
    q = make_question(1, 1)
    wrong = "B" if q.answer == "A" else "A"
    assert grade(q, q.answer).correct and not grade(q, wrong).correct
    assert f"Only {q.names[q.label]}'s probability counts" in grade(q, wrong).explanation


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_bad_estimates_raise(bad: float) -> None:
    with pytest.raises(ValueError, match="finite loss >= 0"):
        grade(estimate(1.0), bad)


def test_bad_choice_and_seed_raise() -> None:
    with pytest.raises(ValueError, match="'A' or 'B'"):
        grade(make_question(1, 1), "C")
    with pytest.raises(ValueError, match=">= 0"):
        make_question(-1, 0)


@pytest.mark.parametrize("index", range(0, 40, 2))
def test_the_verdict_does_not_depend_on_the_unit(index: int) -> None:
    question = make_question(3, index)
    answer = float(question.answer)
    for guess in (0.0, answer * 0.8, answer * 0.9, answer, answer + 0.09, answer * 1.3, 5.0):
        in_nats = grade(question, guess)
        in_bits = grade(question, guess / math.log(2), base=2)
        assert in_nats.correct == in_bits.correct
        assert in_bits.error == pytest.approx(in_nats.error / math.log(2))
    assert answer_in(question, 2) == pytest.approx(answer / math.log(2))
    assert "bits" in grade(question, 1.0, base=2).explanation

r"""Predict, then reveal: quiz questions about cross-entropy, drawn from a seed.

Two kinds of question:

* ``"estimate"``: a prediction and its true class are shown; guess the loss
  :math:`-\log q_t` in nats or bits. A guess counts as right within :data:`TOLERANCE`
  (relative) or :data:`ABSOLUTE_TOLERANCE` (for small losses; 0.1 nats, the same
  amount in bits).
* ``"compare"``: two predictions for the same true class; which has the lower loss?

Questions are a pure function of ``(seed, index)``, so a lecturer and a whole room can
work through the same sequence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xent_core._numerics import in_base
from xent_core.measures import cross_entropy

__all__ = [
    "ABSOLUTE_TOLERANCE",
    "TOLERANCE",
    "Grade",
    "Question",
    "answer_in",
    "grade",
    "make_question",
]

TOLERANCE = 0.15  # relative error accepted for an estimate
ABSOLUTE_TOLERANCE = 0.1  # nats: accepted for small losses, where 15 % is too strict
CLASS_NAMES = ("cat", "dog", "fox", "owl")


@dataclass(frozen=True)
class Question:
    """One quiz question; ``answer`` is the loss (estimate) or "A"/"B" (compare)."""

    kind: str
    names: tuple[str, ...]
    label: int
    predictions: tuple[tuple[float, ...], ...]  # one (estimate) or two (compare)
    losses: tuple[float, ...]  # the loss of each prediction, nats
    answer: float | str

    @property
    def prompt(self) -> str:
        true = self.names[self.label]
        if self.kind == "estimate":
            return f"The true class is {true}. What is the cross-entropy of this prediction?"
        return f"The true class is {true}. Which prediction has the lower cross-entropy?"


@dataclass(frozen=True)
class Grade:
    """Whether a response was right, by how much an estimate missed, and why."""

    correct: bool
    error: float | None  # estimate: guess − answer, in the unit graded in
    explanation: str


def make_question(seed: int, index: int) -> Question:
    """Question ``index`` of the sequence drawn from ``seed`` (both non-negative ints).

    Examples
    --------
    >>> make_question(7, 0) == make_question(7, 0)
    True
    >>> make_question(7, 0).kind in {"estimate", "compare"}
    True
    """
    if min(seed, index) < 0:
        raise ValueError(f"seed and index must be >= 0, got {seed}, {index}")
    rng = np.random.default_rng([seed, index])
    k = int(rng.integers(3, 5))
    names = CLASS_NAMES[:k]
    label = int(rng.integers(k))
    if index % 2 == 0:
        q = _prediction(rng, k, label)
        loss = float(cross_entropy(np.eye(k)[label], q))
        return Question("estimate", names, label, (q,), (loss,), loss)
    # Compare: one prediction is confident (right or wrong), the other hedges; the losses
    # must differ enough (≥ 0.1 nats) to make the question fair.
    while True:
        a, b = _prediction(rng, k, label), _prediction(rng, k, label)
        la = float(cross_entropy(np.eye(k)[label], a))
        lb = float(cross_entropy(np.eye(k)[label], b))
        if abs(la - lb) >= 0.1:
            break
    return Question("compare", names, label, (a, b), (la, lb), "A" if la < lb else "B")


def _prediction(rng: np.random.Generator, k: int, label: int) -> tuple[float, ...]:
    """A prediction in hundredths that sums to 1: the true class's probability from a fixed
    list, every other class at least 0.01 (so no bar reads 0.00)."""
    q_true = float(rng.choice([0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]))
    spare = 1.0 - q_true - 0.01 * (k - 1)  # what the others share above their 0.01 floor
    others = 0.01 + np.floor(rng.dirichlet(np.ones(k - 1)) * spare * 100) / 100
    others[np.argmax(others)] += 1.0 - q_true - others.sum()  # absorb the rounding
    q = np.insert(np.round(others, 2), label, q_true)
    return tuple(float(v) for v in q)


def answer_in(question: Question, base: float | None = None) -> float:
    """An estimate question's answer in nats (``base=None``) or bits (``base=2``).

    Examples
    --------
    >>> q = make_question(1, 0)  # dog gets 0.8: −ln 0.8 nats = −log₂ 0.8 bits
    >>> round(answer_in(q), 4), round(answer_in(q, 2), 4)
    (0.2231, 0.3219)
    """
    return float(in_base(float(question.answer), base))


def grade(question: Question, response: float | str, *, base: float | None = None) -> Grade:
    r"""Grade ``response`` (a loss in the unit of ``base``, or "A"/"B"), with a one-line
    explanation in that unit. The verdict does not depend on the unit.

    Examples
    --------
    >>> q = Question("estimate", ("cat", "dog"), 0, ((0.5, 0.5),), (0.6931,), 0.6931)
    >>> g = grade(q, 0.7)
    >>> g.correct, round(g.error, 4)
    (True, 0.0069)
    >>> g = grade(q, 1.0, base=2)  # −log₂ 0.5 = 1 bit
    >>> g.correct, g.explanation
    (True, "Only cat's probability counts: −log₂ 0.5 = 1.000 bits.")
    """
    true = question.names[question.label]
    unit, log = ("bits", "log₂") if base == 2 else ("nats", "ln") if base is None else ("", "log")
    if question.kind == "estimate":
        guess = float(response)
        if not np.isfinite(guess) or guess < 0:
            raise ValueError(f"the guess must be a finite loss >= 0 ({unit})")
        answer = answer_in(question, base)
        error = guess - answer
        correct = abs(error) <= max(TOLERANCE * answer, in_base(ABSOLUTE_TOLERANCE, base))
        q_true = question.predictions[0][question.label]
        return Grade(
            correct,
            error,
            f"Only {true}'s probability counts: −{log} {q_true:g} = {answer:.3f} {unit}.",
        )
    if response not in {"A", "B"}:
        raise ValueError(f"the answer must be 'A' or 'B', got {response!r}")
    la, lb = (in_base(loss, base) for loss in question.losses)
    qa, qb = (p[question.label] for p in question.predictions)
    return Grade(
        response == question.answer,
        None,
        f"Only {true}'s probability counts: A gives it {qa:g} (−{log} = {la:.3f} {unit}), "
        f"B gives it {qb:g} (−{log} = {lb:.3f} {unit}); the higher probability wins.",
    )

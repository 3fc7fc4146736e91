r"""Misconception checks: short quiz items, each aimed at one wrong belief about
cross-entropy, with every number computed by the core.

A *misconception* has a stable key in :data:`MISCONCEPTIONS`, which maps it to a pair
(the wrong belief, the correct statement), one line each. An :class:`Item` targets one
misconception. It is either

* a **choice** item: ``choices`` is a tuple of strings and ``answer`` the index of the
  right one; or
* a **numeric** item: ``choices`` is None and ``answer`` is the value *in nats*, computed
  from :func:`~xent_core.cross_entropy`, :func:`~xent_core.entropy`,
  :func:`~xent_core.kl_divergence`, … (never typed in). Every numeric answer is a loss,
  an entropy or a divergence, so it is never negative.

The UI (a Learn page's "Check yourself" box, the Classroom quiz) refers to items by
``id`` and grades a response with :func:`check`.

Units and placeholders
----------------------
Texts never hard-code the unit of a number they state or ask for. They carry
placeholders that :meth:`Item.text`, :meth:`Item.options` and :meth:`Item.explain` fill
for ``base`` (None: nats, 2: bits):

* ``{unit}``: "nats" or "bits"; ``{log}``: "ln" or "log₂";
* ``{answer}`` (numeric items) and the names in ``Item.values``: quantities stored in
  nats, converted to the unit and written to four significant digits. Written after
  "≈", such a quantity takes "=" instead when the digits shown are its exact value in
  that unit: "log₂ 2 = 1 bit" in bits, "ln 2 ≈ 0.6931 nats" in nats.

The items about bits and nats themselves name the units outright, and the gradient
items fix the natural log (the logit gradient q − p is that of the loss in nats).

Grading a number
----------------
Numeric prompts ask for the value *to two decimals* in the chosen unit. A response is
right when it lies within :data:`NUMERIC_TOLERANCE` (0.005) + 1e-9 of the answer in that
unit: the answer rounded to two decimals always passes (the 1e-9 absorbs float error, so
an answer exactly halfway between two decimals accepts both), other two-decimal values
do not. The answer is
converted to the response's unit, never the response to nats, so a response in bits is
judged against the answer in bits. The window is 0.005 of the unit in use: 0.005 nats,
or 0.005 bits (≈ 0.0035 nats). A response therefore gets the same verdict in both units,
once converted, unless it is off by between 0.0035 and 0.005 nats, where rounding to two
decimals in one unit is not rounding to two decimals in the other.

What the seed notes get right and wrong
---------------------------------------
The app grew from two short notes (a study note and an explainer article). Each item
whose id starts with ``seed-`` quotes one of their claims.

* Right: the formula :math:`-\sum_i y_i \log p_i` with one-hot labels and the worked
  example (true class A, q = [0.7, 0.2, 0.1]: −ln 0.7 ≈ 0.357 nats);
  :math:`D_{KL}(p\|q) = H(p, q) - H(p)`, so minimising the cross-entropy over q minimises
  the KL divergence; a higher probability on the true class gives a lower loss; the loss
  is convex for logistic-regression-like models (logits linear in the weights); the
  number of classes affects the value, so raw values need context; class imbalance is a
  weakness, with focal loss as one remedy.
* Wrong: "cross-entropy measures the total entropy of the predicted distribution"
  (``entropy-of-prediction``); −Σ p(i) log q(i) presented as the binary formula that
  "extends" to multi-class (``binary-formula``); "cross-entropy assumes that the predicted
  probabilities are independent" (``independent-probabilities``); "cross entropy measures
  confidence" (``measures-confidence``).
* Loose: "a cross-entropy value of zero indicates a perfect match" is true as stated
  (0 forces q = p), but a perfect match gives H(p), which is 0 only for a one-hot label
  (``soft-label-zero``); minimising cross-entropy "thereby improving accuracy" usually
  holds, not always (``loss-vs-accuracy``); "a high loss indicates ... inaccurate or
  uncertain" predictions, when the highest losses come from confident wrong ones;
  "measures the dissimilarity between two distributions" holds only up to the constant
  H(p), and neither it nor its KL part is symmetric (``kl-symmetric``).

Examples
--------
>>> it = item("anchor-ln3")
>>> it.text(2)
'The prediction is uniform over 3 classes. Enter its cross-entropy in bits, to two decimals.'
>>> check(it, 1.10).correct, check(it, 1.58, base=2).correct, check(it, 1.09).correct
(True, True, False)
"""

from __future__ import annotations

import difflib
import math
import numbers
import re
from dataclasses import dataclass

import numpy as np

from xent_core._numerics import in_base
from xent_core.losses import binary_cross_entropy, one_hot
from xent_core.measures import cross_entropy, entropy, kl_divergence

__all__ = [
    "ITEMS",
    "MISCONCEPTIONS",
    "NUMERIC_TOLERANCE",
    "Check",
    "Item",
    "check",
    "item",
    "items_for",
    "quiz_order",
]

#: Half a unit in the second decimal: a numeric response is right when it lies this
#: close (plus 1e-9 of float slack) to the answer, in the unit it is given in.
NUMERIC_TOLERANCE = 0.005
_FLOAT_SLACK = 1e-9

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLACEHOLDER = re.compile(r"(≈ )?\{([a-z0-9_]+)\}")
_ONE_UNIT = re.compile(r"(?<![\d.])(1 (?:bit|nat))s\b")

#: key → (the wrong belief, the correct statement), one line each.
MISCONCEPTIONS: dict[str, tuple[str, str]] = {
    "kl-symmetric": (
        "KL divergence is symmetric: KL(p‖q) = KL(q‖p).",
        "KL divergence is not symmetric: in general KL(p‖q) ≠ KL(q‖p), and one "
        "direction can be infinite while the other is finite.",
    ),
    "soft-label-zero": (
        "With a soft label, a good enough prediction brings the cross-entropy down to 0.",
        "H(p, q) = H(p) + KL(p‖q) ≥ H(p), with equality only at q = p; a soft label has "
        "H(p) > 0, so the loss cannot reach 0 (0 needs a one-hot label and q = p).",
    ),
    "loss-vs-accuracy": (
        "A lower cross-entropy always means a higher accuracy.",
        "Cross-entropy scores the probability given to the true class, accuracy only "
        "whether the true class gets the highest one: the model with the lower loss can "
        "have the lower accuracy.",
    ),
    "compare-across-k": (
        "Cross-entropy values compare directly across problems with different numbers of "
        "classes K.",
        "The scale grows with K: a uniform guess costs ln K nats (log₂ K bits), ln 2 ≈ 0.69 "
        "nats for K = 2 but ln 10 ≈ 2.30 nats for K = 10; read a loss against its own "
        "problem's baseline.",
    ),
    "entropy-of-prediction": (
        "Cross-entropy measures the total entropy of the predicted distribution.",
        "The prediction's entropy H(q) = −Σ qᵢ log qᵢ depends on q alone; the cross-entropy "
        "H(p, q) = −Σ pᵢ log qᵢ weighs the prediction's surprise by the true p, and equals "
        "H(p) + KL(p‖q).",
    ),
    "measures-confidence": (
        "Cross-entropy measures how confident the prediction is.",
        "Confidence is a property of q alone; cross-entropy scores the probability q gives "
        "the truth (−log q_t for a one-hot label): confident and right costs little, "
        "confident and wrong costs a lot.",
    ),
    "binary-formula": (
        "−Σᵢ pᵢ log qᵢ is the binary formula, and multi-class classification needs an "
        "extension of it.",
        "−Σᵢ pᵢ log qᵢ summed over all K classes is already the general formula; binary "
        "cross-entropy −[y log r + (1 − y) log(1 − r)], r = the predicted probability of "
        "class 1, is its K = 2 case.",
    ),
    "independent-probabilities": (
        "Cross-entropy assumes the predicted class probabilities are independent.",
        "The predicted probabilities of one sample sum to 1, so they are tied together "
        "(raising one lowers the others), and cross-entropy assumes nothing about them; "
        "reading the mean loss as a negative log-likelihood assumes independent samples "
        "(labels independent given inputs).",
    ),
    "gradient-true-class-only": (
        "−log q_t only involves the true class, so its gradient ignores the other classes.",
        "Through the softmax every qᵢ depends on every logit: the logit gradient is q − p, "
        "so a descent step raises the true logit in proportion to 1 − q_t and lowers every "
        "other logit in proportion to its own qᵢ.",
    ),
    "bits-vs-nats": (
        "Bits and nats are interchangeable, or nats become bits by multiplying by ln 2.",
        "1 bit = ln 2 ≈ 0.693 nats: a loss in nats times 1/ln 2 ≈ 1.443 is the loss in bits "
        "(log₂ x = ln x / ln 2).",
    ),
    "accuracy-is-calibration": (
        "An accurate model's probabilities can be taken at face value, and rescaling its "
        "confidence would change its accuracy.",
        "Accuracy asks only which class comes first; calibration asks whether a stated 0.9 "
        "comes true 90 % of the time. An accurate model can be over- or under-confident, and "
        "temperature scaling (logits divided by T > 0) changes the confidence without "
        "changing any predicted class.",
    ),
    "anchor-values": (
        f"A loss such as {math.log(2):.2f}, {math.log(3):.2f} or {math.log(10):.2f} nats is "
        "just a number, with no landmark to read it by.",
        f"Some values are landmarks: ln 2 ≈ {math.log(2):.2f} nats (1 bit) is "
        f"the loss when the true class gets 0.5, ln 3 ≈ {math.log(3):.2f} nats "
        f"({math.log2(3):.2f} bits) for a uniform guess over 3 classes, ln 10 ≈ "
        f"{math.log(10):.2f} nats ({math.log2(10):.2f} bits) over 10.",
    ),
}


def _unit(base: float | None) -> tuple[str, str]:
    """("nats", "ln") for ``base=None``, ("bits", "log₂") for ``base=2``."""
    if base is None:
        return "nats", "ln"
    if isinstance(base, numbers.Real) and not isinstance(base, bool) and base == 2:
        return "bits", "log₂"
    raise ValueError(f"base must be None (nats) or 2 (bits), got {base!r}")


def _number(value: float) -> str:
    """Four significant digits, no trailing zeros: 1.0986 → '1.099', 1.0 → '1'."""
    return f"{value:.4g}"


@dataclass(frozen=True)
class Item:
    """One quiz item aimed at one misconception.

    ``answer`` is the index of the right choice, or (numeric item, ``choices`` None) the
    value in nats, computed by the core. ``values`` names further quantities in nats that
    the texts quote as placeholders (``{name}``), converted to the unit when filled.
    ``lesson`` is a hint: the slug of the lesson the item fits.

    Examples
    --------
    >>> it = item("quarter-probability")
    >>> it.text(2)
    'The true class gets probability 0.25. Enter the loss −log₂ 0.25 in bits, to two decimals.'
    >>> round(it.answer, 4), it.answer_in(2)  # −ln 0.25 nats = 2 bits
    (1.3863, 2.0)
    >>> it.explain()
    '−ln 0.25 = 2 ln 2 ≈ 1.386 nats: two halvings of the probability, ln 2 ≈ 0.6931 nats each.'
    >>> it.explain(2)  # exact in bits: "=" rather than "≈"
    '−log₂ 0.25 = 2 log₂ 2 = 2 bits: two halvings of the probability, log₂ 2 = 1 bit each.'
    """

    id: str
    misconception: str
    prompt: str
    choices: tuple[str, ...] | None
    answer: int | float
    explanation: str
    lesson: str | None = None
    values: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        if not _SLUG.fullmatch(self.id):
            raise ValueError(f"item id must be a lowercase slug like 'kl-swap', got {self.id!r}")
        if self.misconception not in MISCONCEPTIONS:
            raise ValueError(f"item {self.id!r}: unknown misconception {self.misconception!r}")
        if self.lesson is not None and not _SLUG.fullmatch(self.lesson):
            raise ValueError(f"item {self.id!r}: lesson must be a slug, got {self.lesson!r}")
        for name, value in self.values:
            if name in {"unit", "log", "answer"} or not math.isfinite(value):
                raise ValueError(f"item {self.id!r}: bad value {name!r} = {value!r}")
        if self.choices is None:
            if isinstance(self.answer, bool) or not isinstance(self.answer, float):
                raise ValueError(f"numeric item {self.id!r}: answer must be a float (nats)")
            if not (math.isfinite(self.answer) and self.answer >= 0):
                raise ValueError(f"numeric item {self.id!r}: answer must be finite and >= 0")
            if "{unit}" not in self.prompt or "two decimals" not in self.prompt:
                raise ValueError(f"numeric item {self.id!r}: the prompt must ask for {{unit}}")
        else:
            n = len(self.choices)
            if n < 2 or len(set(self.choices)) != n:
                raise ValueError(f"item {self.id!r}: needs at least two distinct choices")
            if type(self.answer) is not int or not 0 <= self.answer < n:
                raise ValueError(f"item {self.id!r}: answer must be a choice index in [0, {n})")
        for base in (None, 2):  # every placeholder must fill, in both units
            self.text(base)
            self.options(base)
            self.explain(base)

    @property
    def numeric(self) -> bool:
        """True for an item answered with a number, False for a choice item."""
        return self.choices is None

    def answer_in(self, base: float | None = None) -> float:
        """A numeric item's answer in nats (``base=None``) or bits (``base=2``)."""
        if not self.numeric:
            raise ValueError(f"item {self.id!r} is a choice item: it has no numeric answer")
        _unit(base)
        return float(in_base(float(self.answer), base))

    def _fill(self, text: str, base: float | None) -> str:
        unit, log = _unit(base)
        names = {"unit": unit, "log": log}
        quantities = dict(self.values)
        if self.numeric:
            quantities["answer"] = float(self.answer)
        exact: set[str] = set()
        for k, v in quantities.items():
            value = float(in_base(v, base))
            names[k] = _number(value)
            if math.isclose(float(names[k]), value, rel_tol=1e-12, abs_tol=1e-12):
                exact.add(k)

        def replace(match: re.Match[str]) -> str:
            approx, name = match.groups()
            if name not in names:
                raise ValueError(f"item {self.id!r}: unknown placeholder {{{name}}}")
            if approx is None:
                return names[name]
            return ("= " if name in exact else approx) + names[name]

        # A number that renders as exactly 1 takes a singular unit: "log₂ 2 ≈ 1 bit".
        return _ONE_UNIT.sub(r"\1", _PLACEHOLDER.sub(replace, text))

    def text(self, base: float | None = None) -> str:
        """The prompt in the unit of ``base`` (None: nats, 2: bits)."""
        return self._fill(self.prompt, base)

    def options(self, base: float | None = None) -> tuple[str, ...] | None:
        """The choices in the unit of ``base``; None for a numeric item."""
        if self.choices is None:
            return None
        return tuple(self._fill(choice, base) for choice in self.choices)

    def explain(self, base: float | None = None) -> str:
        """The explanation (right whatever was answered) in the unit of ``base``."""
        return self._fill(self.explanation, base)


@dataclass(frozen=True)
class Check:
    """The verdict on one response: right or not, why, and the right answer as shown."""

    correct: bool
    explanation: str
    answer_text: str  # the right choice, or the answer to two decimals with its unit


def _v(**quantities: float) -> tuple[tuple[str, float], ...]:
    """Named quantities in nats for an item's placeholders."""
    return tuple((name, float(value)) for name, value in quantities.items())


def _ce(q_true: float) -> float:
    """−ln q_t: the cross-entropy of a two-class prediction giving the true class q_true."""
    return float(cross_entropy([1.0, 0.0], [q_true, 1.0 - q_true]))


def _uniform(k: int) -> float:
    """The cross-entropy of the uniform prediction over k classes: ln k."""
    return float(cross_entropy(one_hot(0, k), np.full(k, 1.0 / k)))


_P_SKEW, _Q_EVEN = [0.9, 0.1], [0.5, 0.5]
_WORKED = [0.7, 0.2, 0.1]  # the seeds' worked example, true class A
_A = [1.0, 0.0, 0.0]
_CONFIDENT_WRONG = [0.01, 0.98, 0.01]
_TEN_B = [0.3, *[0.7 / 9] * 9]  # a 10-class prediction giving the true class 0.3

ITEMS: tuple[Item, ...] = (
    # --- KL is symmetric -----------------------------------------------------------------
    Item(
        id="kl-swap-arguments",
        misconception="kl-symmetric",
        prompt="p = [0.9, 0.1] and q = [0.5, 0.5]. How do KL(p‖q) and KL(q‖p) compare?",
        choices=(
            "They are equal: KL divergence is symmetric",
            "KL(p‖q) is the smaller",
            "KL(q‖p) is the smaller",
            "Both are 0, since p and q both sum to 1",
        ),
        answer=1,
        explanation=(
            "KL(p‖q) = 0.9 {log}(0.9/0.5) + 0.1 {log}(0.1/0.5) ≈ {kl_pq} {unit}, but "
            "KL(q‖p) = 0.5 {log}(0.5/0.9) + 0.5 {log}(0.5/0.1) ≈ {kl_qp} {unit}. Swapping "
            "the arguments changes the value: KL divergence is not symmetric."
        ),
        lesson="kl-divergence",
        values=_v(
            kl_pq=kl_divergence(_P_SKEW, _Q_EVEN),
            kl_qp=kl_divergence(_Q_EVEN, _P_SKEW),
        ),
    ),
    Item(
        id="kl-reverse-direction",
        misconception="kl-symmetric",
        prompt=(
            "p = [0.9, 0.1] and q = [0.5, 0.5]. Compute KL(q‖p) = Σᵢ qᵢ {log}(qᵢ/pᵢ) in "
            "{unit}, to two decimals."
        ),
        choices=None,
        answer=float(kl_divergence(_Q_EVEN, _P_SKEW)),
        explanation=(
            "KL(q‖p) = 0.5 {log}(0.5/0.9) + 0.5 {log}(0.5/0.1) ≈ {answer} {unit}, while "
            "KL(p‖q) ≈ {kl_pq} {unit}: the order of the arguments matters."
        ),
        lesson="kl-divergence",
        values=_v(kl_pq=kl_divergence(_P_SKEW, _Q_EVEN)),
    ),
    Item(
        id="kl-infinite-one-way",
        misconception="kl-symmetric",
        prompt="p = [0.5, 0.5] and q = [1, 0]. Which is true?",
        choices=(
            "KL(p‖q) is infinite but KL(q‖p) is finite",
            "KL(q‖p) is infinite but KL(p‖q) is finite",
            "Both are infinite",
            "Both are finite and equal",
        ),
        answer=0,
        explanation=(
            "KL(p‖q) contains the term 0.5 {log}(0.5/0): q rules out a class that p allows, "
            "and that costs infinitely much. KL(q‖p) = 1 · {log}(1/0.5) + 0 = {log} 2 ≈ "
            "{kl_qp} {unit}, since its second term is 0 · {log}(0/0.5) = 0. One direction is "
            "infinite, the other finite."
        ),
        lesson="kl-divergence",
        values=_v(kl_qp=kl_divergence([1.0, 0.0], [0.5, 0.5])),
    ),
    # --- with a soft label the loss can reach 0 ------------------------------------------
    Item(
        id="soft-label-lowest-loss",
        misconception="soft-label-zero",
        prompt=(
            "The label is soft: p = [0.8, 0.2]. What is the lowest cross-entropy H(p, q) that "
            "any prediction q can reach? Enter it in {unit}, to two decimals."
        ),
        choices=None,
        answer=float(cross_entropy([0.8, 0.2], [0.8, 0.2])),
        explanation=(
            "H(p, q) = H(p) + KL(p‖q), and KL(p‖q) ≥ 0 with equality only at q = p. So "
            "the minimum is H(p) = −0.8 {log} 0.8 − 0.2 {log} 0.2 ≈ {answer} {unit}, reached "
            "at q = p, not 0."
        ),
        lesson="soft-labels",
    ),
    Item(
        id="soft-label-perfect-match",
        misconception="soft-label-zero",
        prompt=(
            "A label-smoothed target is p = [0.9, 0.05, 0.05] and the model predicts exactly "
            "q = p. Its cross-entropy is…"
        ),
        choices=(
            "0, since the prediction matches the label exactly",
            "KL(p‖q), which is above 0",
            "H(p), the entropy of the label, which is above 0",
            "infinite, since two classes get only 0.05",
        ),
        answer=2,
        explanation=(
            "At q = p, H(p, q) = H(p) + KL(p‖p) = H(p) ≈ {h} {unit}. The KL part is 0; the "
            "label's own entropy remains, and no prediction does better."
        ),
        lesson="soft-labels",
        values=_v(h=entropy([0.9, 0.05, 0.05])),
    ),
    Item(
        id="soft-label-fifty-fifty",
        misconception="soft-label-zero",
        prompt=(
            "An ambiguous sample has the soft label p = [0.5, 0.5], and the model predicts "
            "q = [0.5, 0.5], exactly p. Enter the cross-entropy in {unit}, to two decimals."
        ),
        choices=None,
        answer=float(cross_entropy([0.5, 0.5], [0.5, 0.5])),
        explanation=(
            "H(p, q) = −0.5 {log} 0.5 − 0.5 {log} 0.5 = {log} 2 ≈ {answer} {unit}: the best "
            "possible loss for this label, and it is not 0."
        ),
        lesson="soft-labels",
    ),
    Item(
        id="seed-zero-means-perfect-match",
        misconception="soft-label-zero",
        prompt=(
            "An article says that a cross-entropy of zero indicates a perfect match between "
            "the predicted and the true distribution. Which statement is exactly right?"
        ),
        choices=(
            "A perfect match q = p always gives 0",
            "A loss of 0 is impossible",
            "A perfect match gives 0 only when there are two classes",
            "A loss of 0 does imply q = p, but q = p gives H(p), which is 0 only for a one-hot p",
        ),
        answer=3,
        explanation=(
            "At q = p the cross-entropy equals H(p): 0 for a one-hot p, positive for any soft "
            "p, e.g. H([0.8, 0.2]) ≈ {h_soft} {unit}. A loss of 0 needs every class with "
            "pᵢ > 0 to get qᵢ = 1, so it happens only for a one-hot p predicted exactly."
        ),
        lesson="soft-labels",
        values=_v(h_soft=entropy([0.8, 0.2])),
    ),
    # --- lower loss always means higher accuracy ---------------------------------------
    Item(
        id="lower-loss-lower-accuracy",
        misconception="loss-vs-accuracy",
        prompt=(
            "Two samples, two classes. Model A gives the true class 0.55 on both. Model B "
            "gives it 0.99 on one and 0.45 on the other. Which is true?"
        ),
        choices=(
            "A has the lower mean loss and the higher accuracy",
            "B has the lower mean loss and the higher accuracy",
            "B has the lower mean loss but the lower accuracy",
            "They have the same mean loss",
        ),
        answer=2,
        explanation=(
            "A gets both samples right (0.55 > 0.45), with mean loss −{log} 0.55 ≈ {loss_a} "
            "{unit}. B gets one right and one wrong (0.45 leaves 0.55 to the other class), "
            "with mean loss (−{log} 0.99 − {log} 0.45)/2 ≈ {loss_b} {unit}. The lower loss "
            "comes with the lower accuracy."
        ),
        lesson="accuracy",
        values=_v(
            loss_a=np.mean(cross_entropy([[1, 0], [1, 0]], [[0.55, 0.45], [0.55, 0.45]])),
            loss_b=np.mean(cross_entropy([[1, 0], [1, 0]], [[0.99, 0.01], [0.45, 0.55]])),
        ),
    ),
    Item(
        id="right-but-unsure",
        misconception="loss-vs-accuracy",
        prompt=(
            "Two classes. A model gets every sample right, but only just: it gives the true "
            "class 0.51 every time, so its accuracy is 100 %. Enter its mean cross-entropy "
            "in {unit}, to two decimals."
        ),
        choices=None,
        answer=_ce(0.51),
        explanation=(
            "−{log} 0.51 ≈ {answer} {unit}, barely below the {log} 2 ≈ {ln2} {unit} of a "
            "50/50 guess. The accuracy is perfect, yet the loss is close to a coin flip's: it "
            "counts how much probability the true class gets, not only whether it comes first."
        ),
        lesson="accuracy",
        values=_v(ln2=_uniform(2)),
    ),
    Item(
        id="seed-minimising-loss-accuracy",
        misconception="loss-vs-accuracy",
        prompt=(
            "A study note says that by minimising cross-entropy a model improves its "
            "classification accuracy. How exact is that?"
        ),
        choices=(
            "Loose: a lower loss usually goes with a better accuracy, but a step can lower "
            "the loss while the accuracy stays the same or drops",
            "Exact: every step that lowers the loss raises the accuracy",
            "Wrong: the loss and the accuracy are unrelated",
            "Exact, but only for two classes",
        ),
        answer=0,
        explanation=(
            "Accuracy only counts whether the true class comes first; cross-entropy is a "
            "smooth stand-in that also rewards more probability on the true class. Making "
            "right answers surer lowers the loss without changing the accuracy, and a step "
            "that lowers the mean loss can still tip a close call to the wrong class."
        ),
        lesson="accuracy",
    ),
    # --- accuracy is not calibration ---------------------------------------------------
    Item(
        id="temperature-keeps-accuracy",
        misconception="accuracy-is-calibration",
        prompt=(
            "Temperature scaling divides every logit of a trained model by the same T > 0 "
            "before the softmax. What does that do to its accuracy?"
        ),
        choices=(
            "Nothing: dividing by T > 0 keeps the logits in the same order, so every "
            "predicted class stays the same; only the confidence changes",
            "T > 1 lowers the accuracy, because the model becomes less sure",
            "T < 1 raises the accuracy, because the model becomes surer",
            "It depends on whether the model was over- or under-confident",
        ),
        answer=0,
        explanation=(
            "z/T keeps the order of the logits for any T > 0, and softmax keeps the order of "
            "its inputs, so the class on top never changes. The probabilities flatten (T > 1) "
            "or sharpen (T < 1), which changes the cross-entropy and the calibration, not "
            "the accuracy: that is why T can be fitted after training at no cost in accuracy."
        ),
        lesson="calibration",
    ),
    Item(
        id="accurate-but-overconfident",
        misconception="accuracy-is-calibration",
        prompt=(
            "A model is right on 90 % of its test samples and always gives its predicted "
            "class probability 0.99. Are its probabilities calibrated?"
        ),
        choices=(
            "Yes: 90 % accuracy is high, so its probabilities can be trusted",
            "No: it is over-confident; it says 0.99, but such predictions come true only "
            "90 % of the time",
            "No: it is under-confident; 0.99 is less than 1",
            "There is no way to tell without the training data",
        ),
        answer=1,
        explanation=(
            "Calibrated means that among predictions made with probability 0.99, 99 % are "
            "right. Here 90 % are, so the model claims more than it delivers. Each of its "
            "mistakes costs at least −{log} 0.01 ≈ {mistake} {unit}, which is why "
            "cross-entropy, unlike accuracy, notices over-confidence."
        ),
        lesson="calibration",
        values=_v(mistake=_ce(0.01)),
    ),
    # --- cross-entropy values compare across K -----------------------------------------
    Item(
        id="compare-losses-across-k",
        misconception="compare-across-k",
        prompt=(
            "Model A's mean loss is {loss_a} {unit} on a 2-class task; model B's is {loss_b} "
            "{unit} on a 10-class task. Which conclusion is sound?"
        ),
        choices=(
            "A is better: its loss is lower",
            "B is better: a higher loss means it learned more",
            "The raw numbers cannot rank them: a uniform guess costs {log} 2 ≈ {ln2} {unit} "
            "on 2 classes but {log} 10 ≈ {ln10} {unit} on 10",
            "B is worse: a 10-class model should reach the same loss as a 2-class one",
        ),
        answer=2,
        explanation=(
            "Each loss must be read against its own baseline. A's {loss_a} {unit} is a little "
            "below the {ln2} {unit} of a uniform guess over 2 classes; B's {loss_b} {unit} is "
            "about half the {ln10} {unit} of a uniform guess over 10. The number of classes "
            "sets the scale."
        ),
        lesson="class-count",
        values=_v(
            loss_a=_ce(0.55),
            loss_b=cross_entropy(one_hot(0, 10), _TEN_B),
            ln2=_uniform(2),
            ln10=_uniform(10),
        ),
    ),
    Item(
        id="uniform-ten-classes",
        misconception="compare-across-k",
        prompt=(
            "A model that has learned nothing predicts the uniform distribution over K = 10 "
            "classes. Enter its loss per sample in {unit}, to two decimals."
        ),
        choices=None,
        answer=_uniform(10),
        explanation=(
            "−{log}(1/10) = {log} 10 ≈ {answer} {unit}, whatever the true class. The same "
            "know-nothing guess costs {log} 2 ≈ {ln2} {unit} with 2 classes: the baseline "
            "grows with K, so losses do not compare across K."
        ),
        lesson="class-count",
        values=_v(ln2=_uniform(2)),
    ),
    Item(
        id="baseline-for-k",
        misconception="compare-across-k",
        prompt=(
            "On a task with K balanced classes, which mean loss is the baseline of a model "
            "that has learned nothing?"
        ),
        choices=(
            "0",
            "1/K",
            "The same value whatever K is",
            "{log} K {unit}, the loss of a uniform guess over the K classes",
        ),
        answer=3,
        explanation=(
            "A uniform guess gives every class 1/K, so its loss is −{log}(1/K) = {log} K "
            "{unit}: {ln2} {unit} for K = 2, {ln10} {unit} for K = 10. A useful model scores "
            "below its own baseline. With unbalanced classes the baseline is lower: "
            "predicting the class frequencies costs their entropy."
        ),
        lesson="class-count",
        values=_v(ln2=_uniform(2), ln10=_uniform(10)),
    ),
    # --- cross-entropy is the total entropy of the prediction (seed) --------------------
    Item(
        id="entropy-of-the-prediction",
        misconception="entropy-of-prediction",
        prompt=(
            "A prediction q = [0.7, 0.2, 0.1] over three classes. Enter its entropy "
            "H(q) = −Σ qᵢ {log} qᵢ in {unit}, to two decimals."
        ),
        choices=None,
        answer=float(entropy(_WORKED)),
        explanation=(
            "H(q) = −0.7 {log} 0.7 − 0.2 {log} 0.2 − 0.1 {log} 0.1 ≈ {answer} {unit}: each "
            "class's surprise −{log} qᵢ, weighted by how often q itself says the class comes. "
            "It depends on q alone, not on which class is true. (For contrast only: the "
            "cross-entropy weighs the same surprises by the true probabilities instead; if "
            "the truth is class A, that is −{log} 0.7 ≈ {ce} {unit}, a different number.)"
        ),
        lesson="entropy",
        values=_v(ce=cross_entropy(_A, _WORKED)),
    ),
    Item(
        id="seed-total-entropy-claim",
        misconception="entropy-of-prediction",
        prompt=(
            "An article says that cross-entropy 'measures the total entropy of the predicted "
            "distribution'. Which is right?"
        ),
        choices=(
            "The article is right: H(p, q) = −Σ qᵢ log qᵢ",
            "H(p, q) is the entropy H(p) of the labels",
            "H(p, q) = −Σ pᵢ log qᵢ weighs the prediction's surprise by the true "
            "distribution p; the prediction's entropy H(q) is another quantity",
            "H(p, q) = H(p) + H(q)",
        ),
        answer=2,
        explanation=(
            "For true class A and q = [0.7, 0.2, 0.1], H(q) ≈ {hq} {unit} but H(p, q) = "
            "−{log} 0.7 ≈ {ce} {unit}. H(q) only says how spread out the prediction is, "
            "whatever the label; H(p, q) = H(p) + KL(p‖q) depends on the label."
        ),
        lesson="entropy",
        values=_v(hq=entropy(_WORKED), ce=cross_entropy(_A, _WORKED)),
    ),
    Item(
        id="permuted-prediction",
        misconception="entropy-of-prediction",
        prompt=(
            "The truth is class A, p = [1, 0, 0]. Two predictions: q₁ = [0.7, 0.2, 0.1] and "
            "q₂ = [0.1, 0.2, 0.7]. Which is true?"
        ),
        choices=(
            "Same entropy, but q₂ has a much higher cross-entropy",
            "Same entropy and same cross-entropy",
            "Different entropies but the same cross-entropy",
            "q₂ has the higher entropy and the higher cross-entropy",
        ),
        answer=0,
        explanation=(
            "Reordering the probabilities leaves the entropy unchanged: H(q₁) = H(q₂) ≈ {hq} "
            "{unit}. The cross-entropy is −{log} 0.7 ≈ {ce1} {unit} for q₁ but −{log} 0.1 ≈ "
            "{ce2} {unit} for q₂. A function of the prediction alone cannot be the loss."
        ),
        lesson="entropy",
        values=_v(
            hq=entropy(_WORKED),
            ce1=cross_entropy(_A, _WORKED),
            ce2=cross_entropy(_A, _WORKED[::-1]),
        ),
    ),
    # --- cross-entropy measures confidence (seed) --------------------------------------
    Item(
        id="confident-and-wrong",
        misconception="measures-confidence",
        prompt=(
            "True class A. The prediction q = [0.01, 0.98, 0.01] is very confident. Its "
            "cross-entropy is…"
        ),
        choices=(
            "low, because the prediction is confident",
            "0, because one class has almost all the probability",
            "the same as for [0.98, 0.01, 0.01], which is just as confident",
            "high, because the true class gets only 0.01",
        ),
        answer=3,
        explanation=(
            "Only the true class's probability counts: −{log} 0.01 ≈ {ce} {unit}, against "
            "−{log} 0.98 ≈ {ce_right} {unit} for the same confidence in the right class. "
            "Cross-entropy does not measure confidence; it scores the probability given to "
            "the truth."
        ),
        lesson="confidence",
        values=_v(
            ce=cross_entropy(_A, _CONFIDENT_WRONG),
            ce_right=cross_entropy(_A, [0.98, 0.01, 0.01]),
        ),
    ),
    Item(
        id="confident-wrong-loss",
        misconception="measures-confidence",
        prompt=(
            "True class A, prediction q = [0.01, 0.98, 0.01]. Enter its cross-entropy in "
            "{unit}, to two decimals."
        ),
        choices=None,
        answer=float(cross_entropy(_A, _CONFIDENT_WRONG)),
        explanation=(
            "−{log} 0.01 = {log} 100 ≈ {answer} {unit}, over four times the {log} 3 ≈ {ln3} "
            "{unit} of a uniform guess over the 3 classes: confidence in the wrong class costs "
            "far more than knowing nothing."
        ),
        lesson="confidence",
        values=_v(ln3=_uniform(3)),
    ),
    Item(
        id="seed-highest-loss-prediction",
        misconception="measures-confidence",
        prompt=(
            "A study note says that a high loss means the predictions are 'inaccurate or "
            "uncertain'. True class A: which prediction has the highest cross-entropy?"
        ),
        choices=(
            "[0.34, 0.33, 0.33], the most uncertain",
            "[0.05, 0.90, 0.05], confident and wrong",
            "[0.90, 0.05, 0.05], confident and right",
            "[0.50, 0.25, 0.25]",
        ),
        answer=1,
        explanation=(
            "The losses are −{log} 0.34 ≈ {a} {unit}, −{log} 0.05 ≈ {b} {unit}, −{log} 0.9 ≈ "
            "{c} {unit} and −{log} 0.5 ≈ {d} {unit}. Complete uncertainty, the uniform guess, "
            "costs {log} 3 ≈ {ln3} {unit}; confidence in the wrong class costs far more."
        ),
        lesson="confidence",
        values=_v(
            a=cross_entropy(_A, [0.34, 0.33, 0.33]),
            b=cross_entropy(_A, [0.05, 0.90, 0.05]),
            c=cross_entropy(_A, [0.90, 0.05, 0.05]),
            d=cross_entropy(_A, [0.50, 0.25, 0.25]),
            ln3=_uniform(3),
        ),
    ),
    # --- the sum is "the binary formula" (seed) ------------------------------------------
    Item(
        id="binary-is-k-equals-two",
        misconception="binary-formula",
        prompt=(
            "Binary cross-entropy is −[y log r + (1 − y) log(1 − r)], where r is the "
            "predicted probability of class 1 and y the label (0 or 1). It is…"
        ),
        choices=(
            "a different loss, which the multi-class formula extends",
            "valid only for soft labels",
            "the K = 2 case of −Σᵢ pᵢ log qᵢ, with p = [1 − y, y] and q = [1 − r, r]",
            "the multi-class formula divided by 2",
        ),
        answer=2,
        explanation=(
            "With K = 2, p = [1 − y, y] and q = [1 − r, r], the sum −Σᵢ pᵢ log qᵢ has two "
            "terms: −(1 − y) log(1 − r) − y log r. The sum over all classes is the general "
            "formula, and binary cross-entropy is its smallest case."
        ),
        lesson="binary",
    ),
    Item(
        id="binary-loss-value",
        misconception="binary-formula",
        prompt=(
            "Binary task: the label is y = 1 and the predicted probability of class 1 is "
            "r = 0.8. Enter the binary cross-entropy in {unit}, to two decimals."
        ),
        choices=None,
        answer=float(binary_cross_entropy([0.8], [1])),
        explanation=(
            "−[1 · {log} 0.8 + 0 · {log} 0.2] = −{log} 0.8 ≈ {answer} {unit}; the "
            "multi-class formula with p = [0, 1] and q = [0.2, 0.8] gives the same number."
        ),
        lesson="binary",
    ),
    Item(
        id="seed-binary-formula-claim",
        misconception="binary-formula",
        prompt=(
            "An article gives H(p, q) = −Σᵢ₌₁ᴺ p(i) log q(i) as the formula 'for a binary "
            "classification problem' and says that for multi-class classification 'the "
            "formula extends to include all classes'. What is right?"
        ),
        choices=(
            "That sum over N classes is already the multi-class formula; binary "
            "classification is its N = 2 case",
            "The article is right: multi-class classification needs a different formula",
            "The binary formula has no logarithm",
            "The formula is valid only with soft labels",
        ),
        answer=0,
        explanation=(
            "The sum runs over all N classes, so as written it covers any number of classes. "
            "With N = 2, p = [1 − y, y] and q = [1 − r, r] it is −[y log r + (1 − y) "
            "log(1 − r)], binary cross-entropy. Nothing needs extending."
        ),
        lesson="binary",
    ),
    # --- cross-entropy assumes independent probabilities (seed) -------------------------
    Item(
        id="probabilities-sum-to-one",
        misconception="independent-probabilities",
        prompt=(
            "For one sample the model outputs q = [q₁, q₂, q₃] through a softmax. If q₁ rises "
            "by 0.1, then…"
        ),
        choices=(
            "q₂ + q₃ falls by exactly 0.1, because the three sum to 1",
            "q₂ and q₃ stay as they are",
            "q₂ and q₃ rise too",
            "the cross-entropy becomes infinite",
        ),
        answer=0,
        explanation=(
            "A softmax output always sums to 1, so the predicted probabilities of one sample "
            "are tied together, never independent. Cross-entropy takes them as they are and "
            "assumes nothing about their independence."
        ),
        lesson="cross-entropy",
    ),
    Item(
        id="seed-which-independence",
        misconception="independent-probabilities",
        prompt=(
            "An article says that cross-entropy 'assumes that the predicted probabilities are "
            "independent'. Reading the mean cross-entropy of a data set as a negative "
            "log-likelihood per sample assumes which independence?"
        ),
        choices=(
            "That the class probabilities of one prediction are independent",
            "That the input features are independent, as in naive Bayes",
            "None: it is the log-likelihood however the samples depend on each other",
            "That the labels are independent given their inputs, so the log-likelihood of "
            "the data set is a sum over samples",
        ),
        answer=3,
        explanation=(
            "−(1/N) Σₙ log q(yₙ | xₙ) = −(1/N) log Πₙ q(yₙ | xₙ) is the negative "
            "log-likelihood per sample when the labels are independent given their inputs: "
            "the log of a product is a sum. Within one prediction nothing is independent: "
            "the qᵢ sum to 1."
        ),
        lesson="cross-entropy",
    ),
    # --- the gradient only involves the true class -------------------------------------
    Item(
        id="gradient-all-logits",
        misconception="gradient-true-class-only",
        prompt=(
            "A softmax turns logits z into q = [0.7, 0.2, 0.1]; the true class is A and the "
            "loss is L = −ln q_A (natural log). What is ∂L/∂z?"
        ),
        choices=(
            "[−0.3, 0, 0]: only the true class's logit gets a gradient",
            "[0.3, −0.2, −0.1] = p − q",
            "[−0.3, 0.2, 0.1] = q − p: every logit gets one",
            "[−1/0.7, 0, 0]",
        ),
        answer=2,
        explanation=(
            "Every qᵢ depends on every logit through the softmax's normaliser, and ∂L/∂zᵢ = "
            "qᵢ − pᵢ. A gradient-descent step of size η raises z_A by 0.3η and lowers z_B by "
            "0.2η and z_C by 0.1η. (−1/0.7 is ∂L/∂q_A, the slope with respect to the "
            "probability, not to the logit.)"
        ),
        lesson="gradients",
    ),
    Item(
        id="gradient-sums-to-zero",
        misconception="gradient-true-class-only",
        prompt=(
            "For a softmax followed by the loss −ln q_t, the logit gradient q − p (p one-hot "
            "on the true class t), summed over all classes, is…"
        ),
        choices=(
            "0, because q and p both sum to 1",
            "1",
            "q_t − 1, since only the true class counts",
            "−1",
        ),
        answer=0,
        explanation=(
            "Σᵢ (qᵢ − pᵢ) = 1 − 1 = 0. The true class's component q_t − 1 is negative and, "
            "with finite logits, every other component qᵢ is positive: together they balance "
            "it exactly. The gradient never involves the true class alone."
        ),
        lesson="gradients",
    ),
    Item(
        id="gradient-biggest-rival",
        misconception="gradient-true-class-only",
        prompt=(
            "True class A, softmax prediction q = [0.2, 0.7, 0.1], loss −ln q_A. After one "
            "gradient-descent step on the logits, which logit has fallen the most?"
        ),
        choices=("z_A", "z_B", "z_C", "None: only z_A moves"),
        answer=1,
        explanation=(
            "∂L/∂z = q − p = [−0.8, 0.7, 0.1]. A step against it raises z_A and lowers z_B by "
            "the most (0.7 per unit of step size) and z_C a little (0.1): the class that "
            "takes the most probability from the truth is pushed down hardest."
        ),
        lesson="gradients",
    ),
    # --- bits and nats -------------------------------------------------------------------
    Item(
        id="nats-to-bits",
        misconception="bits-vs-nats",
        prompt="To turn a loss in nats into bits, you…",
        choices=(
            "multiply by ln 2 ≈ 0.693",
            "leave it: a nat and a bit are the same size",
            "multiply by ln 10 ≈ 2.303",
            "divide by ln 2 ≈ 0.693, i.e. multiply by 1/ln 2 ≈ 1.443",
        ),
        answer=3,
        explanation=(
            "1 bit = ln 2 nats, so x nats = x / ln 2 bits, just as log₂ y = ln y / ln 2. "
            "For example ln 2 ≈ 0.693 nats is exactly 1 bit."
        ),
        lesson="units",
    ),
    Item(
        id="bit-or-nat",
        misconception="bits-vs-nats",
        prompt="Which is the larger unit of information, the bit or the nat?",
        choices=(
            "The bit",
            "The nat: 1 nat = 1/ln 2 ≈ 1.443 bits",
            "They are the same size",
            "It depends on the number of classes",
        ),
        answer=1,
        explanation=(
            "1 bit = ln 2 ≈ 0.693 nats, so 1 nat = 1/ln 2 ≈ 1.443 bits. The same loss is "
            "therefore a larger number in bits than in nats."
        ),
        lesson="units",
    ),
    Item(
        id="perplexity-eight",
        misconception="bits-vs-nats",
        prompt=(
            "A model is on average as unsure as a uniform choice among 8 classes: its "
            "perplexity is 8. Enter its cross-entropy in {unit}, to two decimals."
        ),
        choices=None,
        answer=_uniform(8),
        explanation=(
            "The cross-entropy is the log of the perplexity: {log} 8 = 3 {log} 2 ≈ {answer} "
            "{unit}, three halvings of the probability at {log} 2 ≈ {ln2} {unit} each. The "
            "number depends on the unit; the perplexity 8 does not."
        ),
        lesson="units",
        values=_v(ln2=_uniform(2)),
    ),
    Item(
        id="quarter-probability",
        misconception="bits-vs-nats",
        prompt=(
            "The true class gets probability 0.25. Enter the loss −{log} 0.25 in {unit}, to "
            "two decimals."
        ),
        choices=None,
        answer=_ce(0.25),
        explanation=(
            "−{log} 0.25 = 2 {log} 2 ≈ {answer} {unit}: two halvings of the probability, "
            "{log} 2 ≈ {ln2} {unit} each."
        ),
        lesson="units",
        values=_v(ln2=_uniform(2)),
    ),
    # --- anchor values -------------------------------------------------------------------
    Item(
        id="anchor-ln3",
        misconception="anchor-values",
        prompt=(
            "The prediction is uniform over 3 classes. Enter its cross-entropy in {unit}, to "
            "two decimals."
        ),
        choices=None,
        answer=_uniform(3),
        explanation=(
            "−{log}(1/3) = {log} 3 ≈ {answer} {unit}, whatever the true class: the landmark "
            "of a 3-class model that has learned nothing."
        ),
        lesson="surprise",
    ),
    Item(
        id="anchor-ln2",
        misconception="anchor-values",
        prompt=(
            "You gave an outcome probability 0.5, and it happened. Enter your surprise "
            "−{log} 0.5 in {unit}, to two decimals."
        ),
        choices=None,
        answer=_ce(0.5),
        explanation=(
            "−{log} 0.5 = {log} 2 ≈ {answer} {unit}, the cost of one halving of the "
            "probability: a value worth knowing by heart."
        ),
        lesson="surprise",
    ),
    Item(
        id="anchor-ln10",
        misconception="anchor-values",
        prompt="A 10-class model's training loss stays at {ln10} {unit}. What does that tell you?",
        choices=(
            "It is nearly perfect",
            "It gives the true class 0.5 on average",
            "Its loss is that of a uniform guess over the 10 classes, −{log}(1/10): it may "
            "not have learned anything yet",
            "It does ten times better than a uniform guess",
        ),
        answer=2,
        explanation=(
            "{log} 10 ≈ {ln10} {unit} is −{log} 0.1, the loss when the true class gets 0.1, "
            "as under a uniform guess over 10 classes. A mean loss stuck there often means "
            "the model still predicts nearly uniform probabilities; in general it means the "
            "true class's probabilities have a geometric mean of 0.1."
        ),
        lesson="surprise",
        values=_v(ln10=_uniform(10)),
    ),
    Item(
        id="anchor-which-is-ln3",
        misconception="anchor-values",
        prompt="Which of these is the loss of a uniform guess over 3 classes?",
        choices=("{ln2} {unit}", "{ln3} {unit}", "{ln4} {unit}", "{ln10} {unit}"),
        answer=1,
        explanation=(
            "A uniform guess gives the true class 1/3, so the loss is {log} 3 ≈ {ln3} {unit}. "
            "The others are {log} 2 ≈ {ln2} {unit} (the true class at 0.5), {log} 4 ≈ {ln4} "
            "{unit} (uniform over 4) and {log} 10 ≈ {ln10} {unit} (uniform over 10): "
            "landmarks worth knowing."
        ),
        lesson="surprise",
        values=_v(ln2=_uniform(2), ln3=_uniform(3), ln4=_uniform(4), ln10=_uniform(10)),
    ),
)

_BY_ID: dict[str, Item] = {it.id: it for it in ITEMS}
if len(_BY_ID) != len(ITEMS):
    raise RuntimeError("misconception item ids must be unique")


def item(item_id: str) -> Item:
    """The item with this id.

    Raises ``KeyError`` for an unknown id, naming the closest known ones.

    Examples
    --------
    >>> item("kl-swap-arguments").misconception
    'kl-symmetric'
    >>> item("kl-swap-argument")
    Traceback (most recent call last):
    ...
    KeyError: "no misconception item with id 'kl-swap-argument'; did you mean 'kl-swap-arguments'?"
    """
    try:
        return _BY_ID[item_id]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(item_id), _BY_ID, n=3)
        hint = f"did you mean {' or '.join(map(repr, close))}?" if close else "see ITEMS"
        raise KeyError(f"no misconception item with id {item_id!r}; {hint}") from None


def items_for(misconception: str) -> tuple[Item, ...]:
    """Every item about one misconception (a key of :data:`MISCONCEPTIONS`), in bank order.

    Raises ``KeyError`` for an unknown key.

    Examples
    --------
    >>> [it.id for it in items_for("kl-symmetric")]
    ['kl-swap-arguments', 'kl-reverse-direction', 'kl-infinite-one-way']
    """
    if misconception not in MISCONCEPTIONS:
        raise KeyError(
            f"unknown misconception {misconception!r}; known: {', '.join(MISCONCEPTIONS)}"
        )
    return tuple(it for it in ITEMS if it.misconception == misconception)


def quiz_order(seed: int) -> tuple[str, ...]:
    """Every item id once, in an order drawn from ``seed`` (a non-negative int).

    A pure function of ``seed`` (``numpy.random.default_rng``), so a lecturer and a room
    work through the same sequence; adding items to the bank changes the orders.

    Examples
    --------
    >>> order = quiz_order(7)
    >>> order == quiz_order(7), sorted(order) == sorted(it.id for it in ITEMS)
    (True, True)
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    permutation = np.random.default_rng(int(seed)).permutation(len(ITEMS))
    return tuple(ITEMS[i].id for i in permutation)


def check(item: Item, response: int | float, *, base: float | None = None) -> Check:
    """Judge ``response`` to ``item``: a choice index, or a number in the unit of ``base``.

    A numeric response is right when it lies within :data:`NUMERIC_TOLERANCE` + 1e-9 of
    the answer converted to that unit, i.e. when it is the answer rounded to two decimals
    (see the module docstring). The explanation and the right answer come back in the
    same unit, whatever the verdict.

    Raises ``ValueError`` for a response of the wrong kind: a choice item takes an int
    index in range (not a bool, float or string); a numeric item takes a real number (not
    a bool or string) that is finite and not negative, since every numeric answer is a
    loss, an entropy or a divergence.

    Examples
    --------
    >>> half = item("anchor-ln2")  # −ln 0.5 = 0.6931 nats = 1 bit
    >>> c = check(half, 0.69)
    >>> c.correct, c.answer_text
    (True, '0.69 nats')
    >>> check(half, 1.0, base=2).correct, check(half, 0.7, base=2).correct
    (True, False)
    >>> check(item("kl-infinite-one-way"), 0).correct
    True
    >>> try:
    ...     check(half, float("nan"))
    ... except ValueError as err:
    ...     print(err)
    the response must be a finite number of nats, got nan
    """
    unit, _ = _unit(base)
    if item.choices is not None:
        n = len(item.choices)
        if isinstance(response, bool) or not isinstance(response, numbers.Integral):
            raise ValueError(
                f"item {item.id!r} is multiple choice: the response must be a choice index "
                f"(an int from 0 to {n - 1}), got {response!r}"
            )
        if not 0 <= response < n:
            raise ValueError(
                f"item {item.id!r} has {n} choices: the response must be an index from 0 to "
                f"{n - 1}, got {response!r}"
            )
        options = item.options(base) or ()
        return Check(int(response) == item.answer, item.explain(base), options[int(item.answer)])
    if isinstance(response, bool) or not isinstance(response, numbers.Real):
        raise ValueError(
            f"item {item.id!r} asks for a number: the response must be a number of {unit}, "
            f"got {response!r}"
        )
    value = float(response)
    if not math.isfinite(value):
        raise ValueError(f"the response must be a finite number of {unit}, got {value}")
    if value < 0:
        raise ValueError(
            f"the response must be >= 0, got {value} {unit}: no loss, entropy or divergence "
            "is negative"
        )
    answer = item.answer_in(base)
    correct = abs(value - answer) <= NUMERIC_TOLERANCE + _FLOAT_SLACK
    return Check(correct, item.explain(base), f"{answer:.2f} {unit}")

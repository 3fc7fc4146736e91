"""The misconception bank: its shape, every answer re-derived by hand, grading in nats and
in bits, and bad responses refused with a message."""

from __future__ import annotations

import dataclasses
import doctest
import math
import re

import numpy as np
import pytest

import xent_core
from xent_core import (
    ITEMS,
    MISCONCEPTIONS,
    NUMERIC_TOLERANCE,
    Check,
    Item,
    check,
    cross_entropy,
    entropy,
    item,
    items_for,
    kl_divergence,
    logit_gradient,
    quiz_order,
)
from xent_core import misconceptions as module

pytestmark = pytest.mark.filterwarnings("error")

LN2 = math.log(2)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BASES = [None, 2]
NUMERIC = [it for it in ITEMS if it.choices is None]
CHOICE = [it for it in ITEMS if it.choices is not None]
UNIT_WORDS = re.compile(r"\b(?:nats?|bits?)\b")


def ids(it: Item) -> str:
    return it.id


def in_unit(nats: float, base: float | None) -> float:
    return nats if base is None else nats / LN2


def values(it: Item) -> dict[str, float]:
    return dict(it.values)


def right_choice(it: Item) -> str:
    assert it.choices is not None
    return it.choices[int(it.answer)]


# --- the bank --------------------------------------------------------------------------


def test_bank_covers_enough_misconceptions_with_enough_items() -> None:
    assert len(ITEMS) >= 24
    assert len(MISCONCEPTIONS) >= 8
    assert {it.misconception for it in ITEMS} == set(MISCONCEPTIONS)
    for key in MISCONCEPTIONS:
        assert len(items_for(key)) >= 2, key
    required = {
        "kl-symmetric",
        "soft-label-zero",
        "loss-vs-accuracy",
        "compare-across-k",
        "entropy-of-prediction",
        "gradient-true-class-only",
        "bits-vs-nats",
        "anchor-values",
        # the seeds' other claims that are not right
        "measures-confidence",
        "binary-formula",
        "independent-probabilities",
    }
    assert required <= set(MISCONCEPTIONS)
    assert len(NUMERIC) >= 8 and len(CHOICE) >= 8


def test_ids_are_unique_slugs() -> None:
    item_ids = [it.id for it in ITEMS]
    assert len(set(item_ids)) == len(item_ids)
    for item_id in item_ids:
        assert SLUG.fullmatch(item_id), item_id
    for it in ITEMS:
        assert it.lesson is None or SLUG.fullmatch(it.lesson), it.id


def test_misconceptions_are_one_line_pairs() -> None:
    for key, pair in MISCONCEPTIONS.items():
        assert SLUG.fullmatch(key), key
        wrong, right = pair
        assert wrong and right and wrong != right, key
        assert "\n" not in wrong and "\n" not in right, key


def test_the_seed_section_is_in_the_docstring() -> None:
    doc = module.__doc__ or ""
    assert "What the seed notes get right and wrong" in doc
    for key in ("entropy-of-prediction", "binary-formula", "independent-probabilities"):
        assert key in doc


def test_items_are_frozen_and_looked_up_by_id() -> None:
    it = ITEMS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        it.id = "other"  # type: ignore[misc]
    assert all(item(x.id) is x for x in ITEMS)
    assert items_for("kl-symmetric") == tuple(x for x in ITEMS if x.misconception == "kl-symmetric")


def test_unknown_ids_and_keys_raise_key_error() -> None:
    with pytest.raises(KeyError, match="no misconception item with id 'nope'"):
        item("nope")
    with pytest.raises(KeyError, match="did you mean 'kl-swap-arguments'"):
        item("kl-swap-argument")
    with pytest.raises(KeyError, match="unknown misconception 'kl-is-symmetric'"):
        items_for("kl-is-symmetric")


def test_the_package_exports_the_bank() -> None:
    for name in module.__all__:
        assert name in xent_core.__all__, name
        assert getattr(xent_core, name) is getattr(module, name), name


def test_doctests_pass() -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


# --- texts -----------------------------------------------------------------------------


@pytest.mark.parametrize("it", ITEMS, ids=ids)
def test_every_placeholder_fills_in_both_units(it: Item) -> None:
    for base, unit, log in ((None, "nats", "ln"), (2, "bits", "log₂")):
        texts = [it.text(base), it.explain(base), *(it.options(base) or ())]
        for text in texts:
            assert "{" not in text and "}" not in text, text
            assert " 1 bits" not in text and " 1 nats" not in text, text
        if "{unit}" in it.prompt + it.explanation:
            assert unit[:-1] in it.text(base) + it.explain(base)  # "bit" or "bits"
        if "{log}" in it.prompt + it.explanation:
            assert log in it.text(base) + it.explain(base)
    assert (it.options() is None) == (it.choices is None)


@pytest.mark.parametrize("it", NUMERIC, ids=ids)
def test_numeric_prompts_ask_for_the_unit_and_two_decimals(it: Item) -> None:
    assert "{unit}" in it.prompt and "two decimals" in it.prompt
    assert not UNIT_WORDS.search(it.prompt), it.prompt  # the unit comes from the UI
    assert "in nats, to two decimals" in it.text(None)
    assert "in bits, to two decimals" in it.text(2)


@pytest.mark.parametrize("it", [x for x in ITEMS if x.misconception != "bits-vs-nats"], ids=ids)
def test_texts_never_hard_code_a_unit(it: Item) -> None:
    # Only the items about the units themselves may name them outright.
    for text in (it.prompt, it.explanation, *(it.choices or ())):
        assert not UNIT_WORDS.search(text), text


# --- grading ---------------------------------------------------------------------------


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("it", ITEMS, ids=ids)
def test_the_right_answer_is_accepted_and_wrong_ones_refused(it: Item, base: int | None) -> None:
    unit = "nats" if base is None else "bits"
    if it.choices is not None:
        right = check(it, it.answer, base=base)
        assert right == Check(True, it.explain(base), (it.options(base) or ())[it.answer])
        for index in range(len(it.choices)):
            if index != it.answer:
                wrong = check(it, index, base=base)
                assert not wrong.correct
                assert wrong.explanation == right.explanation  # right either way
        assert check(it, np.int64(it.answer), base=base).correct
        return
    answer = in_unit(it.answer, base)
    assert it.answer_in(base) == pytest.approx(answer, rel=1e-12)
    for response in (answer, round(answer, 2), np.float64(round(answer, 2))):
        result = check(it, response, base=base)
        assert result.correct, response
        assert result.answer_text == f"{answer:.2f} {unit}"
        assert result.explanation == it.explain(base)
    for response in (answer - 0.02, answer + 0.02, round(answer, 2) + 0.01):
        assert not check(it, response, base=base).correct, response


def test_the_tolerance_is_half_of_the_second_decimal() -> None:
    it = item("anchor-ln3")  # ln 3 = 1.0986 nats, log₂ 3 = 1.5850 bits
    assert NUMERIC_TOLERANCE == 0.005
    assert check(it, 1.0986 + 0.0049).correct and not check(it, 1.0986 + 0.0051).correct
    assert check(it, 1.10).correct and not check(it, 1.09).correct and not check(it, 1.11).correct
    assert check(it, 1.58, base=2).correct and not check(it, 1.59, base=2).correct
    # The window is 0.005 of the unit in use: off by 0.004 nats passes in nats, but that
    # is 0.0058 bits, which fails in bits (the documented band between the two roundings).
    assert check(it, math.log(3) + 0.004).correct
    assert not check(it, (math.log(3) + 0.004) / LN2, base=2).correct


@pytest.mark.parametrize("it", NUMERIC, ids=ids)
def test_the_verdict_is_the_same_in_both_units_outside_the_rounding_band(it: Item) -> None:
    # Off by at most 0.0035 nats (0.005 bits): right in both; by more than 0.005 nats:
    # wrong in both. In between, rounding in bits and in nats disagree (module docstring).
    for error in (0.0, 0.001, 0.003, 0.0034, 0.0051, 0.006, 0.02, 0.1, 1.0):
        for response in (it.answer - error, it.answer + error):
            if response < 0:
                continue
            in_nats = check(it, response)
            in_bits = check(it, response / LN2, base=2)
            assert in_nats.correct == in_bits.correct == (error < 0.005), (response, error)


# Each numeric answer re-derived by hand (natural logs; values from math.log).
HAND_NATS = {
    # 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1) = 0.5 ln(25/9) = ln(5/3) = 0.5108
    "kl-reverse-direction": math.log(5 / 3),
    # H([0.8, 0.2]) = −0.8 ln 0.8 − 0.2 ln 0.2 = 0.1785 + 0.3219 = 0.5004
    "soft-label-lowest-loss": -0.8 * math.log(0.8) - 0.2 * math.log(0.2),
    # −0.5 ln 0.5 − 0.5 ln 0.5 = ln 2 = 0.6931
    "soft-label-fifty-fifty": math.log(2),
    # −ln 0.51 = 0.6733
    "right-but-unsure": -math.log(0.51),
    # −ln(1/10) = ln 10 = 2.3026
    "uniform-ten-classes": math.log(10),
    # H([0.7, 0.2, 0.1]) = 0.2497 + 0.3219 + 0.2303 = 0.8018
    "entropy-of-the-prediction": -(0.7 * math.log(0.7) + 0.2 * math.log(0.2) + 0.1 * math.log(0.1)),
    # −ln 0.01 = 2 ln 10 = 4.6052
    "confident-wrong-loss": 2 * math.log(10),
    # −[1 · ln 0.8 + 0 · ln 0.2] = 0.2231
    "binary-loss-value": -math.log(0.8),
    # perplexity 8: ln 8 = 3 ln 2 = 2.0794
    "perplexity-eight": 3 * math.log(2),
    # −ln 0.25 = 2 ln 2 = 1.3863
    "quarter-probability": 2 * math.log(2),
    # −ln(1/3) = ln 3 = 1.0986
    "anchor-ln3": math.log(3),
    # −ln 0.5 = 0.6931
    "anchor-ln2": -math.log(0.5),
}

# The same answers in bits where they are whole or well known.
HAND_BITS = {
    "anchor-ln2": 1.0,  # −log₂ 0.5
    "soft-label-fifty-fifty": 1.0,
    "quarter-probability": 2.0,  # −log₂ 0.25
    "perplexity-eight": 3.0,  # log₂ 8
    "anchor-ln3": 1.584962500721156,  # log₂ 3 (math.log2(3))
    "uniform-ten-classes": 3.321928094887362,  # log₂ 10 (math.log2(10))
}


def test_every_numeric_answer_matches_its_hand_derivation() -> None:
    assert set(HAND_NATS) == {it.id for it in NUMERIC}
    for item_id, expected in HAND_NATS.items():
        assert item(item_id).answer == pytest.approx(expected, rel=1e-12), item_id
    for item_id, expected in HAND_BITS.items():
        assert item(item_id).answer_in(2) == pytest.approx(expected, rel=1e-12), item_id


def test_explanations_quote_the_computed_numbers() -> None:
    assert "≈ 1.099 nats" in item("anchor-ln3").explain()
    assert "≈ 1.585 bits" in item("anchor-ln3").explain(2)
    assert "−ln 0.7 ≈ 0.3567 nats" in item("entropy-of-the-prediction").explain()
    assert "log₂ 2 = 1 bit each" in item("quarter-probability").explain(2)
    assert "ln 2 ≈ 0.6931 nats each" in item("quarter-probability").explain()
    assert item("anchor-which-is-ln3").options() == (
        "0.6931 nats",
        "1.099 nats",
        "1.386 nats",
        "2.303 nats",
    )
    assert item("anchor-ln10").text(2).startswith("A 10-class model's training loss stays at 3.322")


# An explanation writes "≈" before a number rounded in the unit on show and "=" before one
# that is exact there: log₂ 2 = 1 bit, log₂ 8 = 3 bits, but ln 2 = 0.6931… nats.
EXACT_IN_BITS = [
    ("quarter-probability", "log₂ 2 = 1 bit each", "ln 2 ≈ 0.6931 nats each"),
    ("perplexity-eight", "log₂ 8 = 3 log₂ 2 = 3 bits", "ln 8 = 3 ln 2 ≈ 2.079 nats"),
    ("quarter-probability", "= 2 log₂ 2 = 2 bits", "= 2 ln 2 ≈ 1.386 nats"),
    ("anchor-which-is-ln3", "log₂ 4 = 2 bits", "ln 4 ≈ 1.386 nats"),
    ("anchor-ln2", "−log₂ 0.5 = log₂ 2 = 1 bit", "−ln 0.5 = ln 2 ≈ 0.6931 nats"),
    ("seed-highest-loss-prediction", "−log₂ 0.5 = 1 bit", "−ln 0.5 ≈ 0.6931 nats"),
    ("kl-infinite-one-way", "= log₂ 2 = 1 bit,", "= ln 2 ≈ 0.6931 nats,"),
]


@pytest.mark.parametrize(("item_id", "bits", "nats"), EXACT_IN_BITS)
def test_exact_values_read_equals_and_rounded_ones_approx(item_id, bits, nats) -> None:
    assert bits in item(item_id).explain(2)
    assert nats in item(item_id).explain()


@pytest.mark.parametrize("it", ITEMS, ids=ids)
def test_no_whole_number_is_written_as_approximate(it: Item) -> None:
    # A whole number of bits (or nats) after "≈" would be an exact value called rounded.
    for base in BASES:
        for text in (it.text(base), it.explain(base), *(it.options(base) or ())):
            assert not re.search(r"≈ \d+ (?:bits?|nats?)\b", text), text


def test_the_lessons_checks_use_only_what_the_lessons_have_taught() -> None:
    # Lesson 1 (surprise) has taught surprise, not classes or losses.
    ln2 = item("anchor-ln2")
    assert ln2.text() == (
        "You gave an outcome probability 0.5, and it happened. Enter your surprise −ln 0.5 in "
        "nats, to two decimals."
    )
    assert "−log₂ 0.5 in bits" in ln2.text(2)
    # Lesson 2 (entropy) has taught H(p) = −Σ pᵢ log pᵢ: the check asks for H(q) of a
    # prediction, and names the cross-entropy only as a contrast.
    h = item("entropy-of-the-prediction")
    assert h.text(2) == (
        "A prediction q = [0.7, 0.2, 0.1] over three classes. Enter its entropy "
        "H(q) = −Σ qᵢ log₂ qᵢ in bits, to two decimals."
    )
    assert "true" not in h.text() and "cross-entropy" not in h.text()
    assert "For contrast only: the cross-entropy" in h.explain()
    assert item("permuted-prediction").text().startswith("The truth is class A, p = [1, 0, 0].")


def test_the_landmarks_and_the_statements_read_right() -> None:
    _, anchors = MISCONCEPTIONS["anchor-values"]
    # ln 3 = 1.0986 nats = log₂ 3 = 1.585 bits; ln 10 = 2.3026 nats = log₂ 10 = 3.322 bits.
    ln3 = f"ln 3 ≈ {math.log(3):.2f} nats ({math.log2(3):.2f} bits)"
    ln10 = f"ln 10 ≈ {math.log(10):.2f} nats ({math.log2(10):.2f} bits)"
    assert ln3 == "ln 3 ≈ 1.10 nats (1.58 bits)" and ln10 == "ln 10 ≈ 2.30 nats (3.32 bits)"
    assert f"{ln3} for a uniform guess over 3 classes, {ln10} over 10." in anchors
    assert "ln 2 ≈ 0.69 nats (1 bit) is the loss when the true class gets 0.5" in anchors
    _, tied = MISCONCEPTIONS["independent-probabilities"]
    assert "so they are tied together (raising one lowers the others)" in tied
    assert "never independent" not in tied
    # Temperature flattens (T > 1) or sharpens (T < 1).
    assert "The probabilities flatten (T > 1)" in item("temperature-keeps-accuracy").explain()


# --- the facts behind the choice items ------------------------------------------------


def test_kl_items() -> None:
    p, q = [0.9, 0.1], [0.5, 0.5]
    # D(p‖q) = 0.9 ln 1.8 + 0.1 ln 0.2 = 0.5290 − 0.1609 = 0.3681; D(q‖p) = ln(5/3) = 0.5108
    kl_pq = 0.9 * math.log(1.8) + 0.1 * math.log(0.2)
    assert kl_divergence(p, q) == pytest.approx(kl_pq)
    assert kl_pq < math.log(5 / 3)
    swap = item("kl-swap-arguments")
    assert right_choice(swap) == "KL(p‖q) is the smaller"
    assert values(swap) == pytest.approx({"kl_pq": kl_pq, "kl_qp": math.log(5 / 3)})
    # p = [0.5, 0.5], q = [1, 0]: p‖q meets 0.5 ln(0.5/0); q‖p = 1 · ln(1/0.5) = ln 2
    assert kl_divergence([0.5, 0.5], [1, 0]) == math.inf
    assert kl_divergence([1, 0], [0.5, 0.5]) == pytest.approx(math.log(2))
    one_way = item("kl-infinite-one-way")
    assert right_choice(one_way).startswith("KL(p‖q) is infinite")


def test_soft_label_items() -> None:
    p = [0.9, 0.05, 0.05]
    # H(p) = −0.9 ln 0.9 − 2 · 0.05 ln 0.05 = 0.0948 + 0.2996 = 0.3944
    h = -0.9 * math.log(0.9) - 2 * 0.05 * math.log(0.05)
    assert cross_entropy(p, p) == pytest.approx(h) and h > 0
    assert values(item("soft-label-perfect-match"))["h"] == pytest.approx(h)
    it = item("soft-label-perfect-match")
    assert right_choice(it).startswith("H(p)")
    # A loss of 0 only for a one-hot label predicted exactly.
    assert cross_entropy([0, 1, 0], [0, 1, 0]) == 0.0
    seed = item("seed-zero-means-perfect-match")
    assert "only for a one-hot p" in right_choice(seed)


def test_accuracy_items() -> None:
    it = item("lower-loss-lower-accuracy")
    loss_a = -math.log(0.55)  # 0.5978, both samples right
    loss_b = (-math.log(0.99) - math.log(0.45)) / 2  # 0.4043, one sample wrong
    assert values(it) == pytest.approx({"loss_a": loss_a, "loss_b": loss_b})
    accuracy_a = np.mean(np.array([0.55, 0.55]) > 0.5)
    accuracy_b = np.mean(np.array([0.99, 0.45]) > 0.5)
    assert loss_b < loss_a and accuracy_b < accuracy_a
    assert right_choice(it) == "B has the lower mean loss but the lower accuracy"
    # Right on every sample, yet barely below the coin flip's ln 2.
    assert math.log(2) - 0.05 < item("right-but-unsure").answer < math.log(2)


def test_class_count_items() -> None:
    it = item("compare-losses-across-k")
    v = values(it)
    assert v["loss_a"] == pytest.approx(-math.log(0.55))
    assert v["loss_b"] == pytest.approx(-math.log(0.3))  # true class 0.3 of 10
    assert v["ln2"] == pytest.approx(math.log(2)) and v["ln10"] == pytest.approx(math.log(10))
    assert 0.8 < v["loss_a"] / math.log(2) < 0.9  # "a little below" its baseline
    assert 0.45 < v["loss_b"] / math.log(10) < 0.55  # "about half" of its baseline
    assert right_choice(it).startswith("The raw numbers cannot rank them")
    baseline = item("baseline-for-k")
    assert (baseline.options() or ())[int(baseline.answer)].startswith("ln K nats")


def test_entropy_and_confidence_items() -> None:
    q1, q2, a = [0.7, 0.2, 0.1], [0.1, 0.2, 0.7], [1, 0, 0]
    assert entropy(q1) == pytest.approx(entropy(q2))
    assert cross_entropy(a, q2) > cross_entropy(a, q1) + 1  # ln 0.7 − ln 0.1 = 1.95
    it = item("permuted-prediction")
    assert right_choice(it).startswith("Same entropy, but q₂")
    # Confident and wrong: −ln 0.01 = 4.6052 against −ln 0.98 = 0.0202.
    wrong = values(item("confident-and-wrong"))
    assert wrong == pytest.approx({"ce": -math.log(0.01), "ce_right": -math.log(0.98)})
    assert 4 < item("confident-wrong-loss").answer / math.log(3) < 5  # "over four times"
    highest = item("seed-highest-loss-prediction")
    v = values(highest)
    losses = [v["a"], v["b"], v["c"], v["d"]]
    assert losses == pytest.approx([-math.log(x) for x in (0.34, 0.05, 0.9, 0.5)])
    assert int(np.argmax(losses)) == highest.answer


def test_gradient_items() -> None:
    it = item("gradient-all-logits")
    gradient = logit_gradient([1, 0, 0], [0.7, 0.2, 0.1])
    np.testing.assert_allclose(gradient, [-0.3, 0.2, 0.1], atol=1e-12)
    assert right_choice(it).startswith("[−0.3, 0.2, 0.1] = q − p")
    rival = item("gradient-biggest-rival")
    step = -logit_gradient([1, 0, 0], [0.2, 0.7, 0.1])  # descent: [0.8, −0.7, −0.1]
    assert (rival.choices or ())[int(np.argmin(step))] == right_choice(rival) == "z_B"
    for q in ([0.7, 0.2, 0.1], [0.2, 0.7, 0.1], [0.25, 0.25, 0.5]):
        g = logit_gradient([0, 0, 1], q)
        assert g.sum() == pytest.approx(0.0, abs=1e-15)
        assert g[2] < 0 and np.all(g[:2] > 0)  # every class's logit moves


def test_unit_items_quote_the_right_factors() -> None:
    # ln 2 = 0.693, 1/ln 2 = 1.443, ln 10 = 2.303 (to three decimals)
    assert (round(LN2, 3), round(1 / LN2, 3), round(math.log(10), 3)) == (0.693, 1.443, 2.303)
    it = item("nats-to-bits")
    assert right_choice(it).startswith("divide by ln 2")
    larger = item("bit-or-nat")
    assert right_choice(larger).startswith("The nat")
    anchors = item("anchor-which-is-ln3")
    assert values(anchors)["ln3"] == pytest.approx(math.log(3))
    assert right_choice(anchors) == "{ln3} {unit}"


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [1.0, "1", True, None, np.float64(0.0), [0]])
def test_a_choice_item_takes_only_an_int_index(bad: object) -> None:
    with pytest.raises(ValueError, match="must be a choice index"):
        check(item("kl-swap-arguments"), bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 4, 100])
def test_a_choice_index_must_be_in_range(bad: int) -> None:
    with pytest.raises(
        ValueError, match=r"has 4 choices: the response must be an index from 0 to 3"
    ):
        check(item("kl-swap-arguments"), bad)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (math.nan, "must be a finite number of nats, got nan"),
        (math.inf, "must be a finite number of nats, got inf"),
        (-math.inf, "must be a finite number of nats, got -inf"),
        (-0.5, r"must be >= 0, got -0.5 nats: no loss, entropy or divergence is negative"),
        ("0.69", "asks for a number: the response must be a number of nats"),
        (None, "asks for a number"),
        (True, "asks for a number"),
    ],
)
def test_a_numeric_item_refuses_impossible_numbers(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check(item("anchor-ln2"), bad)  # type: ignore[arg-type]


def test_bits_appear_in_messages_and_other_bases_are_refused() -> None:
    with pytest.raises(ValueError, match="finite number of bits"):
        check(item("anchor-ln2"), math.nan, base=2)
    for base in (10, math.e, True, "2"):
        with pytest.raises(ValueError, match=r"base must be None \(nats\) or 2 \(bits\)"):
            check(item("anchor-ln2"), 0.69, base=base)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="base must be None"):
            item("anchor-ln2").text(base)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is a choice item"):
        item("kl-swap-arguments").answer_in()


def test_malformed_items_are_refused() -> None:
    good = {
        "id": "new-item",
        "misconception": "anchor-values",
        "prompt": "Enter ln 2 in {unit}, to two decimals.",
        "choices": None,
        "answer": math.log(2),
        "explanation": "{log} 2 ≈ {answer} {unit}.",
    }
    assert Item(**good).answer_in(2) == pytest.approx(1.0)
    for change, message in [
        ({"id": "New Item"}, "lowercase slug"),
        ({"misconception": "nope"}, "unknown misconception"),
        ({"answer": 1}, "answer must be a float"),
        ({"answer": -0.1}, "finite and >= 0"),
        ({"prompt": "Enter ln 2 in nats, to two decimals."}, "must ask for"),
        ({"explanation": "{lg} 2"}, r"unknown placeholder \{lg\}"),
        ({"choices": ("a", "b"), "answer": 2}, "choice index"),
        ({"choices": ("a", "a"), "answer": 0}, "two distinct choices"),
        ({"lesson": "Not A Slug"}, "lesson must be a slug"),
    ]:
        with pytest.raises(ValueError, match=message):
            Item(**{**good, **change})


# --- quiz order ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 7, 2**40])
def test_quiz_order_is_a_seeded_permutation(seed: int) -> None:
    order = quiz_order(seed)
    assert sorted(order) == sorted(it.id for it in ITEMS)
    assert order == quiz_order(seed) == quiz_order(np.int64(seed))  # type: ignore[arg-type]
    expected = np.random.default_rng(seed).permutation(len(ITEMS))
    assert order == tuple(ITEMS[i].id for i in expected)


def test_quiz_orders_differ_between_seeds() -> None:
    orders = {quiz_order(seed) for seed in range(5)}
    assert len(orders) == 5


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3", None])
def test_quiz_order_refuses_bad_seeds(bad: object) -> None:
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        quiz_order(bad)  # type: ignore[arg-type]

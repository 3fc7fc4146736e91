"""Character n-gram models (xent_core.text) against hand derivations, a plain-Python
``collections.Counter`` reference and SciPy.

The tiny corpora are "abab" and "abba" over V = {a, b}, so |V| = 2 and every probability
is a small fraction worked out in the comments. S stands for the start symbol START.
"""

from __future__ import annotations

import ast
import importlib.util
import itertools
import math
import pickle
import re
from collections import Counter
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core.text import (
    MAX_ORDER,
    START,
    NgramModel,
    OrderScore,
    OutOfAlphabetError,
    TextError,
    ZeroProbabilityError,
    bits_per_character,
    context_counts,
    context_distributions,
    kl_divergence_at,
    next_char_distribution,
    ngram_model,
    order_sweep,
    perplexity,
    sample,
    split_text,
    surprisals,
    uniform_bits,
    unigram_entropy,
)

pytestmark = pytest.mark.filterwarnings("error")


def bits(p: float | Fraction) -> float:
    return -math.log2(p)


def probabilities_of(model: NgramModel, text: str) -> list[float]:
    """P(c_i | h_i) of each character, read off context_distributions."""
    rows = context_distributions(model, text)
    return [float(rows[i, model.alphabet.index(c)]) for i, c in enumerate(text)]


# ------------------------------------------------------------------ a plain-Python reference


def reference(train: str, order: int, alpha: float, alphabet: str):
    """P(c | h) by the definition, counted with collections.Counter on the padded text."""
    k = order - 1
    padded = START * k + train
    pairs: Counter[tuple[str, str]] = Counter()
    contexts: Counter[str] = Counter()
    for i, c in enumerate(train):
        h = padded[i : i + k]
        pairs[h, c] += 1
        contexts[h] += 1

    def probability(h: str, c: str) -> float:
        denominator = contexts[h] + alpha * len(alphabet)
        if denominator == 0:  # α = 0 and h never seen: the limit α → 0, uniform
            return 1 / len(alphabet)
        return (pairs[h, c] + alpha) / denominator

    return probability


def reference_probabilities(train, order, alpha, alphabet, text) -> list[float]:
    probability = reference(train, order, alpha, alphabet)
    k = order - 1
    padded = START * k + text
    return [probability(padded[i : i + k], c) for i, c in enumerate(text)]


# ------------------------------------------------------------------ hand-computed references


def test_order_1_counts_characters_and_smooths_them() -> None:
    # "aaba": a 3 times, b once, n = 4. No context.
    # α = 0: P(a) = 3/4, P(b) = 1/4.
    # α = 1: P(a) = (3 + 1)/(4 + 1·2) = 2/3, P(b) = (1 + 1)/6 = 1/3.
    # α = 0.5: P(a) = 3.5/5 = 0.7, P(b) = 1.5/5 = 0.3.
    for alpha, expected in ((0.0, [3 / 4, 1 / 4]), (1.0, [2 / 3, 1 / 3]), (0.5, [0.7, 0.3])):
        model = ngram_model("aaba", 1, alpha)
        assert model.order == 1 and model.alpha == alpha and model.alphabet == "ab"
        assert next_char_distribution(model, "") == pytest.approx(expected, rel=1e-15)
        # The context is ignored by a unigram: the same distribution everywhere.
        assert next_char_distribution(model, "bbb") == pytest.approx(expected, rel=1e-15)
    # Surprisals of "ab" at α = 1: −log₂ 2/3 = 0.5850 and −log₂ 1/3 = 1.5850 bits.
    model = ngram_model("aaba", 1, 1.0)
    assert surprisals(model, "ab") == pytest.approx([bits(2 / 3), bits(1 / 3)], rel=1e-14)


def test_order_2_pads_the_start_and_counts_pairs() -> None:
    # "abba" padded with one S: S a b b a. The pairs (h → c): S→a, a→b, b→b, b→a.
    # count(S) = 1, count(a) = 1, count(b) = 2.
    # α = 1: P(a|S) = (1 + 1)/(1 + 2) = 2/3    P(b|S) = (0 + 1)/3 = 1/3
    #        P(a|a) = (0 + 1)/(1 + 2) = 1/3    P(b|a) = (1 + 1)/3 = 2/3
    #        P(a|b) = (1 + 1)/(2 + 2) = 1/2    P(b|b) = (1 + 1)/4 = 1/2
    model = ngram_model("abba", 2, 1.0)
    assert next_char_distribution(model, "") == pytest.approx([2 / 3, 1 / 3], rel=1e-15)
    assert next_char_distribution(model, "a") == pytest.approx([1 / 3, 2 / 3], rel=1e-15)
    assert next_char_distribution(model, "b") == pytest.approx([1 / 2, 1 / 2], rel=1e-15)
    assert next_char_distribution(model, "bba") == pytest.approx([1 / 3, 2 / 3], rel=1e-15)
    # α = 0.5: P(a|S) = 1.5/(1 + 1) = 3/4, P(b|a) = 1.5/2 = 3/4, P(a|b) = 1.5/(2 + 1) = 1/2.
    model = ngram_model("abba", 2, 0.5)
    assert next_char_distribution(model, "") == pytest.approx([3 / 4, 1 / 4], rel=1e-15)
    assert next_char_distribution(model, "a") == pytest.approx([1 / 4, 3 / 4], rel=1e-15)
    assert next_char_distribution(model, "b") == pytest.approx([1 / 2, 1 / 2], rel=1e-15)
    # α = 0: the training frequencies. P(a|S) = 1, P(b|a) = 1, P(a|b) = P(b|b) = 1/2.
    model = ngram_model("abba", 2, 0.0)
    assert next_char_distribution(model, "").tolist() == [1.0, 0.0]
    assert next_char_distribution(model, "a").tolist() == [0.0, 1.0]
    assert next_char_distribution(model, "b").tolist() == [0.5, 0.5]


def test_order_3_pads_with_two_start_symbols() -> None:
    # "abba" padded with two S: S S a b b a. Contexts SS→a, Sa→b, ab→b, bb→a, once each.
    # α = 1: each seen context gives its one follower (1 + 1)/(1 + 2) = 2/3, the other 1/3.
    # "ba" never occurs as a context (the text ends after "ba"): uniform, (0 + 1)/(0 + 2).
    model = ngram_model("abba", 3, 1.0)
    for context, expected in (
        ("", [2 / 3, 1 / 3]),  # S S
        ("a", [1 / 3, 2 / 3]),  # S a: the start matters, 'a' as the first character
        ("ab", [1 / 3, 2 / 3]),
        ("bb", [2 / 3, 1 / 3]),
        ("ba", [1 / 2, 1 / 2]),  # unseen
        ("aa", [1 / 2, 1 / 2]),  # unseen
        ("b", [1 / 2, 1 / 2]),  # S b: unseen ('b' never starts the text)
        ("xxabb", [2 / 3, 1 / 3]),  # only the last two characters count (x is not in V)
    ):
        got = next_char_distribution(model, context)
        assert got == pytest.approx(expected, rel=1e-15), context
    # With α = 0 a seen context gives the training frequencies, an unseen one the uniform
    # distribution (the limit α → 0 of (0 + α)/(0 + 2α); the formula itself is 0/0).
    # "abbab": a|SS 1, b|Sa 1, b|ab 1, a|bb 1, b|ba (unseen) 1/2, so 1 bit in all.
    hard = ngram_model("abba", 3, 0.0)
    assert next_char_distribution(hard, "ab").tolist() == [0.0, 1.0]
    assert next_char_distribution(hard, "ba").tolist() == [0.5, 0.5]
    assert surprisals(hard, "abbab").tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]
    # The text "abab" under the α = 1 model: a after SS 2/3, b after Sa 2/3, a after ab 1/3,
    # b after ba (unseen) 1/2. P("abab") = 2/3 · 2/3 · 1/3 · 1/2 = 2/27, and
    # −log₂ 2/27 = log₂ 13.5 bits.
    expected = [bits(2 / 3), bits(2 / 3), bits(1 / 3), bits(1 / 2)]
    assert surprisals(model, "abab") == pytest.approx(expected, rel=1e-14)
    assert surprisals(model, "abab").sum() == pytest.approx(math.log2(13.5), rel=1e-14)


def test_surprisals_add_up_to_the_texts_probability_by_hand() -> None:
    # Order 2, α = 1, trained on "abab" (S a b a b): S→a once, a→b twice, b→a once.
    #   P(a|S) = (1 + 1)/(1 + 2) = 2/3   P(b|S) = 1/3
    #   P(a|a) = (0 + 1)/(2 + 2) = 1/4   P(b|a) = (2 + 1)/4 = 3/4
    #   P(a|b) = (1 + 1)/(1 + 2) = 2/3   P(b|b) = 1/3
    # "abba": P = P(a|S) · P(b|a) · P(b|b) · P(a|b) = 2/3 · 3/4 · 1/3 · 2/3 = 1/9.
    model = ngram_model("abab", 2, 1.0)
    p = Fraction(2, 3) * Fraction(3, 4) * Fraction(1, 3) * Fraction(2, 3)
    assert p == Fraction(1, 9)
    each = surprisals(model, "abba")
    assert each == pytest.approx([bits(2 / 3), bits(3 / 4), bits(1 / 3), bits(2 / 3)], rel=1e-14)
    assert each.sum() == pytest.approx(math.log2(9), rel=1e-14)
    # In nats with base=None (and base e): the same numbers times ln 2.
    assert surprisals(model, "abba", base=None).sum() == pytest.approx(math.log(9), rel=1e-14)
    assert surprisals(model, "abba", base=math.e) == pytest.approx(each * math.log(2), rel=1e-14)
    # Bits per character and perplexity: log₂ 9 / 4 bits; 2^(log₂ 9 / 4) = 9^(1/4) = √3.
    assert bits_per_character(model, "abba") == pytest.approx(math.log2(9) / 4, rel=1e-14)
    assert perplexity(model, "abba") == pytest.approx(math.sqrt(3), rel=1e-14)
    # The rows before each character: S, a, b, b.
    rows = context_distributions(model, "abba")
    expected = [[2 / 3, 1 / 3], [1 / 4, 3 / 4], [2 / 3, 1 / 3], [2 / 3, 1 / 3]]
    assert rows == pytest.approx(np.array(expected), rel=1e-15)


def test_an_empty_training_text_with_an_alphabet_is_the_uniform_model() -> None:
    # No counts at all: every context unseen, P = (0 + α)/(0 + 3α) = 1/3 (and 1/3 in the
    # limit α → 0).
    for alpha in (0.0, 1.0):
        model = ngram_model("", 3, alpha, alphabet="zyx")
        assert model.alphabet == "xyz"
        assert bits_per_character(model, "xyzzy") == pytest.approx(math.log2(3), rel=1e-15)
        assert perplexity(model, "xyzzy") == pytest.approx(3, rel=1e-14)


def test_alpha_to_infinity_gives_log2_v_bits_per_character() -> None:
    text = "the cat sat on the mat; a cat is not a mat"
    model = ngram_model(text, 4, 1e12)
    size = len(model.alphabet)
    assert size == len(set(text)) == 12
    # (count + 10¹²)/(count(h) + 12·10¹²) = 1/12 to within count/10¹² ≈ 10⁻¹¹.
    assert bits_per_character(model, text) == pytest.approx(uniform_bits(size), abs=1e-9)
    assert bits_per_character(model, "a cat") == pytest.approx(math.log2(12), abs=1e-9)
    assert perplexity(model, text) == pytest.approx(12, rel=1e-9)
    # Even α = 10³⁰⁰ (α|V| would overflow a float without the rescaling).
    model = ngram_model(text, 4, 1e300)
    assert next_char_distribution(model, "the") == pytest.approx(np.full(12, 1 / 12), rel=1e-15)


def test_a_tiny_alpha_gives_large_finite_surprise_not_infinity() -> None:
    # P(b | a) = (0 + α)/(1 + 2α) with α = 5e-324 (the smallest float): the ratio is below
    # the smallest float, but −log₂ P = log₂(1 + 2α) − log₂ α = 1074 bits, exactly.
    model = ngram_model("aa", 2, 5e-324, alphabet="ab")
    assert surprisals(model, "ab")[1] == pytest.approx(1074.0, rel=1e-12)


def test_uniform_bits_and_unigram_entropy() -> None:
    assert uniform_bits(1) == 0.0 and uniform_bits(2) == 1.0 and uniform_bits(27) == math.log2(27)
    # "aaab": ¾, ¼. H = ¾ log₂ 4/3 + ¼ log₂ 4 = 0.8113 bits: the unigram's own cross-entropy.
    h = 0.75 * math.log2(4 / 3) + 0.25 * 2
    assert unigram_entropy("aaab") == pytest.approx(h, rel=1e-14)
    assert unigram_entropy("aaab", base=None) == pytest.approx(h * math.log(2), rel=1e-14)
    assert bits_per_character(ngram_model("aaab", 1, 0.0), "aaab") == pytest.approx(h, rel=1e-14)
    text = "mississippi river"
    counts = list(Counter(text).values())
    assert unigram_entropy(text) == pytest.approx(stats.entropy(counts, base=2), rel=1e-14)
    assert unigram_entropy("zzzz") == 0.0


# ------------------------------------------------------------------ against the reference

alphabets = st.sampled_from(["ab", "abc", "ab c.", "\tüé\n"])


@st.composite
def corpora(draw: st.DrawFn) -> tuple[str, str, str]:
    letters = draw(alphabets)
    train = draw(st.text(alphabet=letters, min_size=1, max_size=60))
    held = draw(st.text(alphabet=letters, min_size=0, max_size=30))
    return letters, train, held


@settings(**PROPERTY_SETTINGS)
@given(
    corpora(),
    st.integers(min_value=1, max_value=MAX_ORDER),
    st.sampled_from([0.0, 0.01, 0.5, 1.0, 3.0]),
)
def test_the_fast_model_is_the_counter_reference(corpus, order, alpha) -> None:
    letters, train, held = corpus
    alphabet = "".join(sorted(set(letters)))
    model = ngram_model(train, order, alpha, alphabet=letters)
    assert model.alphabet == alphabet
    for text in (train, held, train + held):
        expected = reference_probabilities(train, order, alpha, alphabet, text)
        rows = context_distributions(model, text)
        assert rows.shape == (len(text), len(alphabet))
        assert np.allclose(rows.sum(axis=1), 1.0, rtol=0, atol=1e-12)
        assert probabilities_of(model, text) == pytest.approx(expected, rel=1e-12)
        for i in range(len(text)):  # each row is the next-character distribution there
            assert np.array_equal(rows[i], next_char_distribution(model, text[:i]))
        zero = [i for i, p in enumerate(expected) if p == 0]
        if zero:  # only with α = 0
            with pytest.raises(ZeroProbabilityError) as info:
                surprisals(model, text)
            assert (info.value.position, info.value.char) == (zero[0], text[zero[0]])
        else:
            got = surprisals(model, text)
            assert got == pytest.approx([-math.log2(p) for p in expected], rel=1e-12, abs=1e-15)


@settings(**PROPERTY_SETTINGS)
@given(corpora(), st.integers(min_value=1, max_value=MAX_ORDER))
def test_context_counts_are_the_counter_references(corpus, order) -> None:
    """count(h_i) before each character: how often h_i was followed by a character in the
    padded training text (0 for a context never seen)."""
    letters, train, held = corpus
    model = ngram_model(train, order, 0.5, alphabet=letters)
    k = order - 1
    padded_train = START * k + train
    seen = Counter(padded_train[j : j + k] for j in range(len(train)))
    for text in (train, held, train + held):
        padded = START * k + text
        expected = [seen[padded[i : i + k]] for i in range(len(text))]
        got = context_counts(model, text)
        assert got.dtype == np.int64 and got.tolist() == expected


def test_a_large_alphabet_splits_contexts_into_levels() -> None:
    """|V| = 30,000: (|V| + 1)^5 · |V| does not fit an int64, so the contexts are keyed in
    two levels; the probabilities are still the reference's."""
    alphabet = "".join(chr(0x4E00 + i) for i in range(20_000))
    alphabet += "".join(chr(0x20000 + i) for i in range(10_000))  # beyond the BMP
    rng = np.random.default_rng(5)
    pool = [alphabet[i] for i in (0, 1, 2, 19_999, 20_000, 29_999)]
    train = "".join(rng.choice(pool, size=3000))
    held = "".join(rng.choice(pool, size=300))
    model = ngram_model(train, MAX_ORDER, 0.5, alphabet=alphabet)
    assert len(model.alphabet) == 30_000 and len(model._levels) == 2
    for text in (train[:500], held):
        expected = reference_probabilities(train, MAX_ORDER, 0.5, model.alphabet, text)
        got = np.exp2(-surprisals(model, text))
        assert got == pytest.approx(expected, rel=1e-12)
    row = next_char_distribution(model, train[:20])
    expected = [reference(train, MAX_ORDER, 0.5, model.alphabet)(train[15:20], c) for c in pool]
    assert [row[model.alphabet.index(c)] for c in pool] == pytest.approx(expected, rel=1e-12)


def test_models_pickle() -> None:
    model = ngram_model("abracadabra", 3, 0.5)
    again = pickle.loads(pickle.dumps(model))
    assert np.array_equal(surprisals(again, "cadabra"), surprisals(model, "cadabra"))
    err = pickle.loads(pickle.dumps(OutOfAlphabetError("message", "z", 3)))
    assert (str(err), err.char, err.position) == ("message", "z", 3)


# ------------------------------------------------------------------ sampling


def binomial_tolerance(p: float, n: int, sds: float = 4.5) -> float:
    return sds * math.sqrt(p * (1 - p) / n)


def test_order_1_sample_frequencies_follow_the_model() -> None:
    # "aaab", α = 0: P(a) = 3/4. In 20,000 draws the share of a is within 4.5 sd
    # (sd = √(¾·¼/20000) = 0.0031) of 3/4.
    model = ngram_model("aaab", 1, 0.0)
    text = sample(model, 20_000, seed=1)
    assert len(text) == 20_000 and set(text) == {"a", "b"}
    assert abs(text.count("a") / 20_000 - 0.75) < binomial_tolerance(0.75, 20_000)
    # Temperature 2: q ∝ q^(1/2), so a gets √3/(√3 + 1) = 0.634.
    p = math.sqrt(3) / (math.sqrt(3) + 1)
    text = sample(model, 20_000, temperature=2.0, seed=2)
    assert abs(text.count("a") / 20_000 - p) < binomial_tolerance(p, 20_000)


def test_order_2_sample_follows_the_conditional_distributions() -> None:
    model = ngram_model("abbacabbbaccab", 2, 0.5)
    text = sample(model, 30_000, seed=3)
    transitions: Counter[tuple[str, str]] = Counter(zip(START + text, text, strict=False))
    for h in model.alphabet:
        n = sum(transitions[h, c] for c in model.alphabet)
        assert n > 2000
        q = next_char_distribution(model, h)
        for j, c in enumerate(model.alphabet):
            share = transitions[h, c] / n
            assert abs(share - q[j]) < binomial_tolerance(q[j], n), (h, c)


def test_samples_are_seeded_prefix_stable_and_follow_a_prompt() -> None:
    model = ngram_model("the theme of the thesis", 3, 0.2)
    long = sample(model, 80, seed=4)
    assert sample(model, 80, seed=4) == long and sample(model, 30, seed=4) == long[:30]
    assert sample(model, 80, seed=5) != long
    assert sample(model, 0, seed=4) == ""
    # α = 0, order 3: after "th" always "e" (4 times in training), so a prompt ending in
    # "th" continues with "e" whatever the seed.
    greedy = ngram_model("the theme of the thesis", 3, 0.0)
    assert {sample(greedy, 1, seed=s, prompt="of th") for s in range(20)} == {"e"}


def test_a_small_temperature_takes_the_most_likely_character() -> None:
    model = ngram_model("abracadabra, a cadaver, a cabaret", 2, 1.0)
    prompt = "ab"
    text = sample(model, 60, temperature=1e-3, seed=6, prompt=prompt)
    for i, c in enumerate(text):
        q = next_char_distribution(model, prompt + text[:i])
        assert np.sum(q == q.max()) == 1  # no ties in this corpus
        assert c == model.alphabet[int(np.argmax(q))]
    # The same for any seed.
    assert sample(model, 60, temperature=1e-3, seed=7, prompt=prompt) == text


# ------------------------------------------------------------------ KL between two models


def test_kl_divergence_at_a_context_matches_scipy() -> None:
    train = "abracadabra, a cadaver, a cabaret"
    p_model = ngram_model(train, 3, 0.1)
    q_model = ngram_model(train, 2, 1.0)
    for context in ("", "ab", "zz a", ", a"):  # "zz" is outside V, but only "a"/" a" count
        p = next_char_distribution(p_model, context)
        q = next_char_distribution(q_model, context)
        got = kl_divergence_at(p_model, q_model, context)
        assert got == pytest.approx(stats.entropy(p, q, base=2), rel=1e-12)
        assert kl_divergence_at(p_model, q_model, context, base=None) == pytest.approx(
            stats.entropy(p, q), rel=1e-12
        )
    assert kl_divergence_at(p_model, p_model, "ab") == 0.0
    # A q that gives 0 to a character p allows: ∞. After "ab" the α = 0 order 3 model only
    # knows "r"; the smoothed one gives every character a share.
    hard = ngram_model(train, 3, 0.0)
    assert kl_divergence_at(p_model, hard, "ab") == math.inf
    assert math.isfinite(kl_divergence_at(hard, p_model, "ab"))


# ------------------------------------------------------------------ orders on real text

MODULES = ("argparse", "collections", "csv", "datetime", "functools", "json", "pathlib",
           "statistics", "string", "textwrap")  # fmt: skip


def stdlib_docstrings(names: tuple[str, ...]) -> str:
    """The docstrings of some standard-library modules, their classes and functions, read
    from the source files with ast (deterministic for a given Python; no network)."""
    parts = []
    for name in names:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None
        with open(spec.origin, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node)
                if doc:
                    parts.append(doc)
    return "\n\n".join(parts).replace(START, "")


@pytest.fixture(scope="module")
def docstrings() -> tuple[str, str]:
    text = stdlib_docstrings(MODULES)
    assert len(text) > 30_000
    return split_text(text, 0.1)


def test_higher_orders_fit_the_training_text_better(docstrings) -> None:
    train, _ = docstrings
    # With α = 0 the training cross-entropy is the empirical conditional entropy, which a
    # longer context can only lower (the shorter context is a function of the longer one).
    train_bits = [bits_per_character(ngram_model(train, n, 0.0), train) for n in range(1, 7)]
    assert all(a > b for a, b in itertools.pairwise(train_bits))
    assert train_bits[0] == pytest.approx(unigram_entropy(train), rel=1e-12)


def test_order_sweep_shows_overfitting_in_bits(docstrings) -> None:
    train, held = docstrings
    scores = order_sweep(train, held, alpha=0.001)
    assert [s.order for s in scores] == [1, 2, 3, 4, 5, 6]
    assert all(isinstance(s, OrderScore) for s in scores)
    train_bpc = [s.train_bpc for s in scores]
    held_bpc = [s.held_out_bpc for s in scores]
    assert all(a >= b for a, b in itertools.pairwise(train_bpc))
    # Held out: falls at first, then rises — by more than a bit from its best at order 6.
    best = int(np.argmin(held_bpc))
    assert 1 <= best <= 4 and held_bpc[1] < held_bpc[0]
    assert held_bpc[5] > held_bpc[best] + 1
    assert all(b > a for a, b in zip(held_bpc[best:], held_bpc[best + 1 :], strict=False))
    # Every number is the one the functions give, and the perplexity is 2^bpc.
    alphabet = "".join(sorted(set(train + held)))
    model = ngram_model(train, 4, 0.001, alphabet=alphabet)
    assert scores[3].held_out_bpc == pytest.approx(bits_per_character(model, held), rel=1e-12)
    assert scores[3].train_bpc == pytest.approx(bits_per_character(model, train), rel=1e-12)
    for s in scores:
        assert s.held_out_perplexity == pytest.approx(2**s.held_out_bpc, rel=1e-12)
    # Both reference levels sit above the unigram's held-out cross-entropy's training value.
    assert uniform_bits(len(alphabet)) > unigram_entropy(train) == pytest.approx(train_bpc[0], 1e-4)
    # A chosen subset of orders.
    assert [s.order for s in order_sweep(train[:2000], held[:200], 1.0, orders=[2, 5])] == [2, 5]


def test_split_text() -> None:
    assert split_text("abcdefghij", 0.2) == ("abcdefgh", "ij")
    assert split_text("abcdefghij", 0.25) == ("abcdefg", "hij")  # 2.5 rounds up to 3
    assert split_text("abc", 0.01) == ("ab", "c")  # at least one character held out
    assert split_text("abc", 0.99) == ("a", "bc")  # and one kept for training
    assert split_text("héllo wörld", 0.5) == ("héllo", " wörld")  # characters, not bytes


# ------------------------------------------------------------------ every bad input


def message(fn, *args, **kwargs) -> str:
    with pytest.raises(TextError) as info:
        fn(*args, **kwargs)
    assert isinstance(info.value, ValueError)
    return str(info.value)


def test_bad_orders_and_alphas_say_what_is_allowed() -> None:
    for order in (0, 7, 2.0, True):
        assert message(ngram_model, "ab", order, 1.0) == (
            "order must be a whole number from 1 to 6 (the model looks back order − 1 "
            f"characters), got {order!r}"
        )
    for alpha in (-1, math.nan, math.inf, "1"):
        assert message(ngram_model, "ab", 2, alpha) == (
            "alpha must be a finite number >= 0 (the pseudo-count added to every count; "
            f"1 is Laplace's rule, 0 the raw frequencies), got {alpha!r}"
        )


def test_bad_training_inputs() -> None:
    assert message(ngram_model, "", 2, 1.0) == (
        "the training text is empty: give a text to count characters in (or an alphabet, "
        "for the uniform model)"
    )
    assert message(ngram_model, b"ab", 2, 1.0) == (
        "the training text must be a str, got bytes (decode it first, e.g. data.decode('utf-8'))"
    )
    assert message(ngram_model, "ab", 2, 1.0, alphabet="") == (
        "the alphabet is empty: give the characters the model predicts"
    )
    assert message(ngram_model, "a\x02b", 2, 1.0) == (
        "the training text contains the start symbol '\\x02' (at position 1), which marks "
        "the start of a text and is never a character; remove it"
    )
    assert message(ngram_model, "ab", 2, 1.0, alphabet="ab\x02") == (
        "the alphabet contains the start symbol '\\x02', which marks the start of a text "
        "and is never predicted; remove it"
    )
    with pytest.raises(OutOfAlphabetError) as info:
        ngram_model("abcé", 2, 1.0, alphabet="abc")
    assert (info.value.char, info.value.position) == ("é", 3)
    assert str(info.value) == (
        "the character 'é' at position 3 of the training text is not in the given alphabet; "
        "add it to the alphabet, or leave the alphabet out to use the training text's own "
        "characters"
    )


def test_a_character_outside_the_alphabet_is_named_with_its_position() -> None:
    model = ngram_model("abc", 2, 1.0)
    with pytest.raises(OutOfAlphabetError) as info:
        surprisals(model, "ab\tc")
    assert (info.value.char, info.value.position) == ("\t", 2)
    assert str(info.value) == (
        "the character '\\t' at position 2 of the text is not in the model's alphabet (the 3 "
        "characters it was trained on); train on a text that contains it, or give the model "
        "an alphabet that does"
    )
    for fn in (context_distributions, bits_per_character, perplexity):
        with pytest.raises(OutOfAlphabetError, match=re.escape("'é' at position 1 of the text")):
            fn(model, "aé")
    # In a context, the position is in the context given.
    with pytest.raises(OutOfAlphabetError, match=re.escape("'z' at position 4 of the context")):
        next_char_distribution(model, "zzzaz")
    with pytest.raises(OutOfAlphabetError, match=re.escape("'!' at position 2 of the prompt")):
        sample(model, 3, prompt="ab!")
    with pytest.raises(OutOfAlphabetError, match=re.escape("of the held-out text")):
        order_sweep("abc", "abd", 1.0, alphabet="abc")


def test_zero_probability_with_alpha_0_says_to_raise_alpha() -> None:
    model = ngram_model("abab", 3, 0.0)  # S S→a, S a→b, a b→a, b a→b
    with pytest.raises(ZeroProbabilityError) as info:
        surprisals(model, "abb")
    assert (info.value.char, info.value.position) == ("b", 2)
    assert str(info.value) == (
        "with α = 0 the model gives 'b' after 'ab' probability 0 (never seen in training), "
        "so its surprise is infinite; set α > 0 to give every character a share of the "
        "probability (the character is at position 2 of the text)"
    )
    assert "'b' at the start of the text probability 0" in message(surprisals, model, "b")
    assert "'a' after 'a' at the start of the text probability 0" in message(
        bits_per_character, model, "aa"
    )
    unigram = ngram_model("aa", 1, 0.0, alphabet="ab")
    assert "gives 'b' probability 0 (never seen in training)" in message(perplexity, unigram, "b")
    # Order 2 on "abab" never saw b after b (orders 1 and 2 score "abb"; order 2 fails).
    assert "'b' after 'b' probability 0" in message(order_sweep, "abab", "abb", 0.0)
    assert "position 2 of the held-out text" in message(order_sweep, "abab", "abb", 0.0)
    # The distributions themselves are fine: the zero is a number, not an error.
    assert next_char_distribution(model, "ab").tolist() == [1.0, 0.0]


def test_bad_scoring_sampling_and_splitting_inputs() -> None:
    model = ngram_model("abab", 2, 1.0)
    assert message(bits_per_character, model, "") == (
        "the text is empty: there are no characters to score"
    )
    assert message(perplexity, model, "") == "the text is empty: there are no characters to score"
    assert surprisals(model, "").shape == (0,) and context_distributions(model, "").shape == (0, 2)
    assert message(unigram_entropy, "") == "the text is empty: there are no character frequencies"
    assert message(surprisals, "model", "ab") == (
        "model must be an NgramModel (make one with ngram_model), got str"
    )
    assert message(surprisals, model, ["a"]) == "the text must be a str, got list"
    with pytest.raises(ValueError, match="base must be a positive number other than 1"):
        surprisals(model, "ab", base=1)
    for temperature in (0, -1.0, math.nan, math.inf):
        assert message(sample, model, 5, temperature=temperature) == (
            "temperature must be a finite number > 0 (1 samples the model as it is, smaller "
            f"is greedier, larger more random), got {temperature!r}"
        )
    for length in (-1, 2.5, True):
        assert message(sample, model, length) == (
            f"length must be a whole number >= 0, got {length!r}"
        )
    other = ngram_model("abc", 2, 1.0)
    assert message(kl_divergence_at, model, other, "a") == (
        "the two models have different alphabets (2 and 3 characters), so their "
        "distributions are over different characters; build both with the same alphabet= "
        "argument"
    )
    for size in (0, -3, 2.0):
        assert message(uniform_bits, size) == (
            f"alphabet_size must be a whole number >= 1, got {size!r}"
        )
    for fraction in (0, 1, -0.1, 1.5, math.nan, True):
        assert message(split_text, "abcdef", fraction) == (
            "held_out_fraction must be a number strictly between 0 and 1 (the share of the "
            f"text kept back for scoring), got {fraction!r}"
        )
    assert message(split_text, "a", 0.5) == (
        "the text has 1 character: a split needs at least 2 (one to train on, one to hold out)"
    )
    assert message(order_sweep, "", "ab", 1.0) == (
        "the training text is empty: give a text to count characters in"
    )
    assert message(order_sweep, "ab", "", 1.0) == (
        "the held-out text is empty: there are no characters to score"
    )
    assert message(order_sweep, "ab", "a\x02", 1.0) == (
        "the held-out text contains the start symbol '\\x02' (at position 1), which marks the "
        "start of a text and is never a character; remove it"
    )
    assert message(order_sweep, "ab", "ab", 1.0, orders=[0]).startswith(
        "order must be a whole number from 1 to 6"
    )

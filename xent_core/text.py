r"""Cross-entropy of text: character n-gram models, bits per character and perplexity.

A **character model of order n** predicts each character from the n − 1 before it (its
context h; order 1, the unigram, uses none). With **add-α (Lidstone) smoothing** over
the alphabet V,

.. math:: P(c \mid h) = \frac{\mathrm{count}(h \to c) + \alpha}{\mathrm{count}(h) + \alpha\,|V|}

where count(h → c) is how often c followed h in the training text and count(h) how often
h was followed by anything. α = 1 is Laplace's rule; α = 0 is the maximum-likelihood
model (the training frequencies); as α → ∞ every character gets 1/|V|. Before the first
characters of a text the context is filled with the start symbol :data:`START`, which is
not in V and is never predicted; the training counts are padded the same way, so the
model learns how texts begin. A context never seen in training has count(h) = 0 and gets
the uniform α/(α|V|) = 1/|V| (for α = 0 this is the limit α → 0; the formula itself
would be 0/0).

The **surprisal** of character :math:`c_i` is :math:`-\log_2 P(c_i \mid h_i)` bits. Their
mean over a text is the model's **cross-entropy in bits per character** (the loss a
language model reports, per character instead of per token), and the **perplexity**
:math:`2^{\text{bits per character}}` is the effective number of equally likely next
characters. With α = 0 a model of higher order always does at least as well on its
training text (its cross-entropy there is the conditional entropy of the next character
given ever longer contexts; a small α changes little). On held-out text it improves and
then, when its contexts become too rare to have been seen, gets worse: over-fitting,
seen in bits. The uniform model's
:math:`\log_2 |V|` bits (:func:`uniform_bits`) and the unigram entropy
(:func:`unigram_entropy`) are the two reference levels.

The counts are numpy arrays: characters become integers by ``np.searchsorted`` on the
alphabet (0 is START, 1…|V| the characters), contexts become integer keys in base
|V| + 1, and ``np.unique`` / ``np.searchsorted`` on the sorted keys do the counting and
the look-ups, with no Python loop per character (only :func:`sample` loops, once per
generated character).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from xent_core._numerics import in_base, xlog_ratio
from xent_core._validation import log_base

__all__ = [
    "MAX_ORDER",
    "START",
    "NgramModel",
    "OrderScore",
    "OutOfAlphabetError",
    "TextError",
    "ZeroProbabilityError",
    "bits_per_character",
    "context_counts",
    "context_distributions",
    "kl_divergence_at",
    "next_char_distribution",
    "ngram_model",
    "order_sweep",
    "perplexity",
    "sample",
    "split_text",
    "surprisals",
    "uniform_bits",
    "unigram_entropy",
]

#: The start symbol that fills the context before a text begins: never in an alphabet,
#: never predicted.
START: str = "\x02"

#: The highest order (the model then looks back ``MAX_ORDER - 1`` = 5 characters).
MAX_ORDER = 6

# Integer keys stay below this (int64 holds up to 2^63 − 1).
_KEY_LIMIT = 2**62


class TextError(ValueError):
    """A bad input to a text model (the base of this module's errors)."""


class _CharacterError(TextError):
    """An error about one character: ``char`` and its 0-based ``position``."""

    def __init__(self, message: str, char: str, position: int) -> None:
        super().__init__(message)
        self.char = char
        self.position = position

    def __reduce__(self) -> tuple[type, tuple[str, str, int]]:  # picklable, with both fields
        return type(self), (str(self), self.char, self.position)


class OutOfAlphabetError(_CharacterError):
    """A character that is not in the model's alphabet V: ``char`` is the character and
    ``position`` its 0-based index in the string given."""


class ZeroProbabilityError(_CharacterError):
    """With α = 0, a character the model never saw after its context: probability 0,
    infinite surprise. ``char`` is the character and ``position`` its 0-based index."""


@dataclass(frozen=True, eq=False)
class NgramModel:
    """A character n-gram model with add-α smoothing (made by :func:`ngram_model`).

    ``order`` is n (1 to :data:`MAX_ORDER`), ``alpha`` the pseudo-count α ≥ 0 and
    ``alphabet`` the sorted characters V it predicts (``len(model.alphabet)`` is |V|).
    The other fields are the integer-coded counts; two models are equal only if they are
    the same object.
    """

    order: int
    alpha: float
    alphabet: str
    #: The alphabet's code points, sorted (what ``np.searchsorted`` encodes against).
    _points: NDArray[np.int64] = field(repr=False)
    #: Context look-up: (number of symbols packed, sorted unique keys) per level.
    _levels: tuple[tuple[int, NDArray[np.int64]], ...] = field(repr=False)
    #: count(h) for each context id h.
    _context_counts: NDArray[np.int64] = field(repr=False)
    #: Sorted keys h·|V| + c of every (context, character) pair seen, and count(h → c).
    _pair_keys: NDArray[np.int64] = field(repr=False)
    _pair_counts: NDArray[np.int64] = field(repr=False)


@dataclass(frozen=True)
class OrderScore:
    """One row of :func:`order_sweep`: a model's order, its cross-entropy on its training
    text and on the held-out text (bits per character), and its held-out perplexity."""

    order: int
    train_bpc: float
    held_out_bpc: float
    held_out_perplexity: float


# --------------------------------------------------------------------------- checks


def _check_text(text: object, name: str) -> str:
    if not isinstance(text, str):
        kind = type(text).__name__
        hint = " (decode it first, e.g. data.decode('utf-8'))" if kind == "bytes" else ""
        raise TextError(f"the {name} must be a str, got {kind}{hint}")
    return text


def _check_order(order: object) -> int:
    if (
        isinstance(order, bool | np.bool_)
        or not isinstance(order, numbers.Integral)
        or not 1 <= int(order) <= MAX_ORDER
    ):
        raise TextError(
            f"order must be a whole number from 1 to {MAX_ORDER} (the model looks back "
            f"order − 1 characters), got {order!r}"
        )
    return int(order)


def _check_alpha(alpha: object) -> float:
    if (
        isinstance(alpha, bool | np.bool_)
        or not isinstance(alpha, numbers.Real)
        or not math.isfinite(float(alpha))
        or float(alpha) < 0
    ):
        raise TextError(
            f"alpha must be a finite number >= 0 (the pseudo-count added to every count; "
            f"1 is Laplace's rule, 0 the raw frequencies), got {alpha!r}"
        )
    return float(alpha)


def _check_model(model: object, name: str = "model") -> NgramModel:
    if not isinstance(model, NgramModel):
        kind = type(model).__name__
        raise TextError(f"{name} must be an NgramModel (make one with ngram_model), got {kind}")
    return model


def _code_points(text: str) -> NDArray[np.int64]:
    """The code point of every character of ``text`` (one per Python character)."""
    data = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(data, dtype="<u4").astype(np.int64)


def _encode(model: NgramModel, text: str, what: str, offset: int = 0) -> NDArray[np.int64]:
    """The index in ``model.alphabet`` of every character of ``text``.

    A character outside the alphabet raises :class:`OutOfAlphabetError` naming it and
    its position (``offset`` + its index in ``text``) in ``what``.
    """
    points = _code_points(text)
    index = np.searchsorted(model._points, points)
    found = model._points[np.minimum(index, model._points.size - 1)] == points
    if not found.all():
        i = int(np.argmin(found))
        char = text[i]
        raise OutOfAlphabetError(
            f"the character {char!r} at position {offset + i} of {what} is not in the "
            f"model's alphabet (the {model._points.size} characters it was trained on); "
            "train on a text that contains it, or give the model an alphabet that does",
            char,
            offset + i,
        )
    return index.astype(np.int64)


def _padded(model: NgramModel, index: NDArray[np.int64]) -> NDArray[np.int64]:
    """Symbols 1…|V| for the characters, after order − 1 START symbols (0)."""
    k = model.order - 1
    return np.concatenate([np.zeros(k, dtype=np.int64), index + 1])


def _packed(symbols: NDArray[np.int64], start: int, m: int, n: int, base: int) -> NDArray:
    """For positions 0…n−1, the m symbols from ``start`` on as one base-``base`` number."""
    key = np.zeros(n, dtype=np.int64)
    for t in range(m):
        key = key * base + symbols[start + t : start + t + n]
    return key


# --------------------------------------------------------------------------- the model


def ngram_model(train: str, order: int, alpha: float, alphabet: str | None = None) -> NgramModel:
    r"""A character model of order ``order`` counted on ``train``, with add-α smoothing:
    :math:`P(c \mid h) = (\mathrm{count}(h \to c) + \alpha) / (\mathrm{count}(h) + \alpha|V|)`.

    ``alphabet`` (V) defaults to the characters of ``train``; given, it is sorted and
    deduplicated, and must contain every character of ``train`` (an empty ``train`` is
    then allowed: every context unseen, the uniform model). The text is padded with
    order − 1 :data:`START` symbols, so the first characters are counted after the start.

    Examples
    --------
    >>> model = ngram_model("abab", order=2, alpha=1.0)
    >>> model.alphabet
    'ab'
    >>> # 'b' followed 'a' both times 'a' was followed by anything: (2 + 1) / (2 + 1·2)
    >>> next_char_distribution(model, "a").tolist()
    [0.25, 0.75]
    """
    train = _check_text(train, "training text")
    order = _check_order(order)
    alpha = _check_alpha(alpha)
    if START in train:
        raise TextError(
            f"the training text contains the start symbol {START!r} (at position "
            f"{train.index(START)}), which marks the start of a text and is never a "
            "character; remove it"
        )
    if alphabet is None:
        if not train:
            raise TextError(
                "the training text is empty: give a text to count characters in "
                "(or an alphabet, for the uniform model)"
            )
        points = np.unique(_code_points(train))
    else:
        alphabet = _check_text(alphabet, "alphabet")
        if not alphabet:
            raise TextError("the alphabet is empty: give the characters the model predicts")
        if START in alphabet:
            raise TextError(
                f"the alphabet contains the start symbol {START!r}, which marks the start "
                "of a text and is never predicted; remove it"
            )
        points = np.unique(_code_points(alphabet))
    size = int(points.size)
    letters = "".join(map(chr, points.tolist()))
    empty = np.zeros(0, dtype=np.int64)
    shell = NgramModel(order, alpha, letters, points, (), empty, empty, empty)
    if alphabet is None:
        index = np.searchsorted(points, _code_points(train))
    else:
        try:
            index = _encode(shell, train, "the training text")
        except OutOfAlphabetError as err:
            raise OutOfAlphabetError(
                f"the character {err.char!r} at position {err.position} of the training "
                "text is not in the given alphabet; add it to the alphabet, or leave the "
                "alphabet out to use the training text's own characters",
                err.char,
                err.position,
            ) from None
    n, k, base = len(train), order - 1, size + 1
    symbols = _padded(shell, index)
    # Contexts become integer keys in base |V| + 1, packed into int64s. Usually one key
    # holds the whole context and the next character, (context)·|V| + c, and one
    # np.unique counts every pair. With a large alphabet the context is split into levels:
    # each packs what fits next to the previous level's id and np.unique renumbers the
    # distinct keys 0, 1, … (small ids again for the next level).
    ids = np.zeros(n, dtype=np.int64)
    distinct, done, levels = 1, 0, []
    while done < k and distinct * base ** (k - done) * size > _KEY_LIMIT:
        m = 1
        while done + m < k and distinct * base ** (m + 1) <= _KEY_LIMIT:
            m += 1
        key = ids * base**m + _packed(symbols, done, m, n, base)
        keys, ids = np.unique(key, return_inverse=True)
        ids = ids.reshape(-1).astype(np.int64)
        levels.append((m, keys))
        distinct, done = max(int(keys.size), 1), done + m
    m = k - done  # the last level: the rest of the context, and the character
    context_key = ids * base**m + _packed(symbols, done, m, n, base)
    pairs, pair_counts = np.unique(context_key * size + index, return_counts=True)
    # The pairs are sorted by context first: each context is one run of them.
    pair_context = pairs // size
    new = np.ones(pairs.size, dtype=bool)
    new[1:] = pair_context[1:] != pair_context[:-1]
    starts = np.flatnonzero(new)
    rank = np.cumsum(new) - 1  # the context's id: its rank among the distinct contexts
    levels.append((m, pair_context[starts]))
    context_counts = (
        np.add.reduceat(pair_counts, starts) if n else np.zeros(0, dtype=np.int64)
    ).astype(np.int64)
    pair_keys = (rank * size + pairs % size).astype(np.int64)
    pair_counts = pair_counts.astype(np.int64)
    # Read-only: a model may be cached and shared (between the sessions of a page).
    for array in (points, context_counts, pair_keys, pair_counts, *(a for _, a in levels)):
        array.flags.writeable = False
    return NgramModel(
        order, alpha, letters, points, tuple(levels), context_counts, pair_keys, pair_counts
    )


def _contexts(model: NgramModel, symbols: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """The context id of each of n positions (the k symbols from position i on in the
    padded ``symbols``), or −1 for a context never seen in training."""
    base = model._points.size + 1
    ids = np.zeros(n, dtype=np.int64)
    seen = np.ones(n, dtype=bool)
    done = 0
    for m, keys in model._levels:
        if keys.size == 0:
            return np.full(n, -1, dtype=np.int64)
        key = ids * base**m + _packed(symbols, done, m, n, base)
        at = np.minimum(np.searchsorted(keys, key), keys.size - 1)
        seen &= keys[at] == key
        ids = np.where(seen, at, 0)
        done += m
    return np.where(seen, ids, -1)


def _context_counts(model: NgramModel, ids: NDArray[np.int64]) -> NDArray[np.int64]:
    """count(h) of each context id (0 for −1, unseen)."""
    if model._context_counts.size == 0:
        return np.zeros(ids.shape, dtype=np.int64)
    return np.where(ids >= 0, model._context_counts[np.maximum(ids, 0)], 0)


def _pair_counts(
    model: NgramModel, ids: NDArray[np.int64], index: NDArray[np.int64]
) -> NDArray[np.int64]:
    """count(h → c) for each (context id, character index) (0 when never seen)."""
    keys = model._pair_keys
    if keys.size == 0:
        return np.zeros(ids.shape, dtype=np.int64)
    key = ids * model._points.size + index
    at = np.minimum(np.searchsorted(keys, key), keys.size - 1)
    return np.where((ids >= 0) & (keys[at] == key), model._pair_counts[at], 0)


def _fraction(
    model: NgramModel, pair: NDArray[np.int64], context: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The numerator count(h → c) + α and denominator count(h) + α|V|, both divided by α
    when α > 1 (the same ratio, and α|V| cannot overflow)."""
    size, alpha = model._points.size, model.alpha
    if alpha > 1:
        return pair / alpha + 1.0, context / alpha + float(size)
    return pair + alpha, context + alpha * size


def _probabilities(
    model: NgramModel, pair: NDArray[np.int64], context: NDArray[np.int64]
) -> NDArray[np.float64]:
    """(count(h → c) + α) / (count(h) + α|V|), and 1/|V| where that is 0/0 (α = 0, h unseen)."""
    numerator, denominator = _fraction(model, pair, context)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, 1.0 / model._points.size)


def _nats(
    model: NgramModel, pair: NDArray[np.int64], context: NDArray[np.int64]
) -> NDArray[np.float64]:
    """−ln P(c | h); from the logs of numerator and denominator where the ratio is too
    small for a float (a tiny α > 0), and ∞ where P = 0."""
    p = _probabilities(model, pair, context)
    numerator, denominator = _fraction(model, pair, context)
    with np.errstate(divide="ignore", invalid="ignore"):
        tiny = (p < 1e-300) & (numerator > 0)
        return np.where(tiny, np.log(denominator) - np.log(numerator), -np.log(p))


def _describe_context(visible: str, k: int) -> str:
    if k == 0:
        return ""
    if not visible:
        return " at the start of the text"
    if len(visible) < k:
        return f" after {visible!r} at the start of the text"
    return f" after {visible!r}"


def _text_surprisals(model: NgramModel, text: str, what: str) -> NDArray[np.float64]:
    """−ln P(c_i | h_i) for every character of ``text``, in nats."""
    index = _encode(model, text, what)
    ids = _contexts(model, _padded(model, index), index.size)
    nats = _nats(model, _pair_counts(model, ids, index), _context_counts(model, ids))
    if np.any(np.isinf(nats)):  # only with α = 0: every count gets α > 0 otherwise
        i = int(np.argmax(np.isinf(nats)))
        k = model.order - 1
        context = _describe_context(text[max(0, i - k) : i], k)
        raise ZeroProbabilityError(
            f"with α = 0 the model gives {text[i]!r}{context} probability 0 (never seen in "
            "training), so its surprise is infinite; set α > 0 to give every character a "
            f"share of the probability (the character is at position {i} of {what})",
            text[i],
            i,
        )
    return nats


def surprisals(model: NgramModel, text: str, *, base: float | None = 2) -> NDArray[np.float64]:
    r"""The surprise :math:`-\log P(c_i \mid h_i)` of every character of ``text``, in bits
    (``base=None`` gives nats). Their sum is :math:`-\log P(\text{text})`.

    A character outside the alphabet raises :class:`OutOfAlphabetError`; with α = 0, a
    character never seen after its context raises :class:`ZeroProbabilityError`.

    Examples
    --------
    >>> model = ngram_model("abab", order=2, alpha=1.0)
    >>> # 'a' at the start: (1 + 1) / (1 + 2) = 2/3; 'b' after 'a': 3/4 (see ngram_model)
    >>> [round(s, 4) for s in surprisals(model, "ab").tolist()]
    [0.585, 0.415]
    """
    model = _check_model(model)
    text = _check_text(text, "text")
    scale = log_base(base)
    return _text_surprisals(model, text, "the text") / scale


def _rows(model: NgramModel, ids: NDArray[np.int64]) -> NDArray[np.float64]:
    """P(· | h) for each context id in ``ids`` (−1: unseen), shape (len(ids), |V|)."""
    size = model._points.size
    used, inverse = np.unique(ids, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = np.zeros((used.size, size), dtype=np.int64)
    seen = used >= 0
    # The pairs of context h are the keys h·|V| … h·|V| + |V| − 1: one run of the sorted
    # keys, found by two binary searches; np.repeat lays the runs out side by side.
    low = np.searchsorted(model._pair_keys, used * size)
    high = np.searchsorted(model._pair_keys, (used + 1) * size)
    lengths = np.where(seen, high - low, 0)
    row = np.repeat(np.arange(used.size), lengths)
    at = np.arange(int(lengths.sum())) + np.repeat(low - (np.cumsum(lengths) - lengths), lengths)
    counts[row, model._pair_keys[at] - used[row] * size] = model._pair_counts[at]
    context = _context_counts(model, used)[:, None]
    return _probabilities(model, counts, context)[inverse]


def _context_id(model: NgramModel, symbols: list[int]) -> int:
    """The id of the one context made of the k padded ``symbols`` (−1: never seen); the
    scalar twin of :func:`_contexts`, for :func:`sample`'s loop."""
    base, h, done = model._points.size + 1, 0, 0
    for m, keys in model._levels:
        key = h  # h · base^m + the m symbols in base |V| + 1
        for symbol in symbols[done : done + m]:
            key = key * base + symbol
        h = int(keys.searchsorted(key))
        if h == keys.size or int(keys[h]) != key:
            return -1
        done += m
    return h


def _row(model: NgramModel, symbols: list[int]) -> NDArray[np.float64]:
    """P(· | h) for the one context h made of the k padded ``symbols``."""
    size = model._points.size
    h = _context_id(model, symbols)
    counts = np.zeros(size, dtype=np.int64)
    context = 0
    if h >= 0:
        low, high = model._pair_keys.searchsorted([h * size, (h + 1) * size])
        counts[model._pair_keys[low:high] - h * size] = model._pair_counts[low:high]
        context = int(model._context_counts[h])
    return _probabilities(model, counts, np.int64(context))


def context_distributions(model: NgramModel, text: str) -> NDArray[np.float64]:
    """The model's distribution over its alphabet before each character of ``text``:
    row i is P(· | h_i), shape (len(text), |V|); each row sums to 1.

    Examples
    --------
    >>> model = ngram_model("abab", order=2, alpha=1.0)
    >>> # before 'a': the start (a once, b never); before 'b': after 'a' (b twice)
    >>> [[round(v, 4) for v in row] for row in context_distributions(model, "ab").tolist()]
    [[0.6667, 0.3333], [0.25, 0.75]]
    """
    model = _check_model(model)
    text = _check_text(text, "text")
    index = _encode(model, text, "the text")
    return _rows(model, _contexts(model, _padded(model, index), index.size))


def context_counts(model: NgramModel, text: str) -> NDArray[np.int64]:
    """count(h_i) for each character of ``text``: how often the context before it was
    followed by a character in the training text (0: a context never seen, where the
    model can only give every character 1/|V|).

    Examples
    --------
    >>> model = ngram_model("abab", order=2, alpha=1.0)
    >>> # the start once, 'a' twice, 'b' once (its last 'b' is followed by nothing)
    >>> context_counts(model, "abba").tolist()
    [1, 2, 1, 1]
    >>> # order 3: the text's start was seen once, "start, b" never (training began with a)
    >>> context_counts(ngram_model("abab", order=3, alpha=1.0), "ba").tolist()
    [1, 0]
    """
    model = _check_model(model)
    text = _check_text(text, "text")
    index = _encode(model, text, "the text")
    return _context_counts(model, _contexts(model, _padded(model, index), index.size))


def _history(model: NgramModel, context: str, what: str) -> NDArray[np.int64]:
    """The last order − 1 symbols of ``context``, START-padded when it is shorter."""
    k = model.order - 1
    tail = context[max(0, len(context) - k) :] if k else ""
    index = _encode(model, tail, what, offset=len(context) - len(tail))
    return np.concatenate([np.zeros(k - len(tail), dtype=np.int64), index + 1])


def next_char_distribution(model: NgramModel, context: str) -> NDArray[np.float64]:
    """The model's distribution over its alphabet for the character after ``context``
    (its last order − 1 characters, START-padded when it is shorter; "" is the start of a
    text). Only those characters must be in the alphabet.

    Examples
    --------
    >>> model = ngram_model("abab", order=2, alpha=1.0)
    >>> next_char_distribution(model, "").tolist()  # at the start: (1 + 1)/3, (0 + 1)/3
    [0.6666666666666666, 0.3333333333333333]
    >>> next_char_distribution(model, "bbba").tolist()  # only the last 'a' counts
    [0.25, 0.75]
    """
    model = _check_model(model)
    context = _check_text(context, "context")
    return _row(model, _history(model, context, "the context").tolist())


def bits_per_character(model: NgramModel, text: str) -> float:
    """The model's cross-entropy on ``text``: the mean surprisal, in bits per character.

    Examples
    --------
    >>> model = ngram_model("abab", order=1, alpha=0.0)
    >>> bits_per_character(model, "abab")  # a and b half the time each: 1 bit
    1.0
    """
    model = _check_model(model)
    text = _check_text(text, "text")
    if not text:
        raise TextError("the text is empty: there are no characters to score")
    return float(np.mean(_text_surprisals(model, text, "the text")) / math.log(2))


def perplexity(model: NgramModel, text: str) -> float:
    r"""The model's perplexity per character on ``text``, :math:`2^{\text{bits per
    character}}`: the effective number of equally likely next characters.

    Examples
    --------
    >>> perplexity(ngram_model("abcd", order=1, alpha=0.0), "dcba")
    4.0
    """
    return float(2.0 ** bits_per_character(model, text))


def sample(
    model: NgramModel, length: int, temperature: float = 1.0, seed: int = 0, prompt: str = ""
) -> str:
    r"""``length`` characters generated by the model after ``prompt`` (the prompt is not
    repeated in the result; "" starts at the start of a text).

    Each character is drawn from :math:`q_T(c) \propto P(c \mid h)^{1/T}`: T = 1 is the
    model itself, T → 0 always its most likely character, large T nearly uniform. Seeded
    with ``np.random.default_rng(seed)`` and prefix-stable: a longer sample with the same
    seed extends a shorter one.

    Examples
    --------
    >>> model = ngram_model("abcabcabc", order=2, alpha=0.0)  # after a: b, after b: c, …
    >>> sample(model, 7)
    'abcabca'
    >>> sample(model, 3, prompt="ab")
    'cab'
    """
    model = _check_model(model)
    if (
        isinstance(length, bool | np.bool_)
        or not isinstance(length, numbers.Integral)
        or (length < 0)
    ):
        raise TextError(f"length must be a whole number >= 0, got {length!r}")
    if (
        isinstance(temperature, bool | np.bool_)
        or not isinstance(temperature, numbers.Real)
        or not math.isfinite(float(temperature))
        or float(temperature) <= 0
    ):
        raise TextError(
            "temperature must be a finite number > 0 (1 samples the model as it is, "
            f"smaller is greedier, larger more random), got {temperature!r}"
        )
    prompt = _check_text(prompt, "prompt")
    temperature = float(temperature)
    history = [int(s) for s in _history(model, prompt, "the prompt")]
    uniform = np.random.default_rng(seed).random(int(length))
    cache: dict[tuple[int, ...], NDArray[np.float64]] = {}
    out: list[str] = []
    for u in uniform:
        key = tuple(history)
        edges = cache.get(key)
        if edges is None:
            q = _row(model, history)
            if temperature != 1.0:
                with np.errstate(divide="ignore"):
                    log_q = np.log(q)
                q = np.exp((log_q - log_q.max()) / temperature)
                q = q / q.sum()
            edges = np.cumsum(q)
            # As in coding.draw_outcomes: from the last possible character on the edge is
            # ∞, so rounding in the sum never leaves a draw without a character, and a
            # character of probability 0 (an empty interval) is never drawn.
            edges[int(np.flatnonzero(q > 0)[-1]) :] = np.inf
            cache[key] = edges
        c = int(np.searchsorted(edges, u, side="right"))
        out.append(model.alphabet[c])
        if history:
            history = [*history[1:], c + 1]
    return "".join(out)


def kl_divergence_at(
    p_model: NgramModel, q_model: NgramModel, context: str, *, base: float | None = 2
) -> float:
    r"""KL(P_p(· | context) ‖ P_q(· | context)): the extra bits per character (nats with
    ``base=None``) paid for coding the next character with ``q_model`` when it comes from
    ``p_model``. ∞ where ``q_model`` gives 0 to a character ``p_model`` does not. The two
    models must share their alphabet (their orders may differ).

    Examples
    --------
    >>> p = ngram_model("abab", order=2, alpha=0.0)  # after 'a' always 'b'
    >>> q = ngram_model("abab", order=1, alpha=0.0)  # a, b half the time each
    >>> kl_divergence_at(p, q, "a")  # 1 · log₂(1 / ½)
    1.0
    """
    p_model = _check_model(p_model, "p_model")
    q_model = _check_model(q_model, "q_model")
    if p_model.alphabet != q_model.alphabet:
        raise TextError(
            f"the two models have different alphabets ({len(p_model.alphabet)} and "
            f"{len(q_model.alphabet)} characters), so their distributions are over "
            "different characters; build both with the same alphabet= argument"
        )
    p = next_char_distribution(p_model, context)
    q = next_char_distribution(q_model, context)
    return float(in_base(xlog_ratio(p, q).sum(), base))


def unigram_entropy(text: str, *, base: float | None = 2) -> float:
    r"""The entropy of the character frequencies of ``text``,
    :math:`-\sum_c \hat p_c \log \hat p_c`, in bits (``base=None`` gives nats): the
    cross-entropy of the unigram model with α = 0 on its own training text.

    Examples
    --------
    >>> unigram_entropy("aabb")
    1.0
    >>> round(unigram_entropy("aaab"), 4)  # −(¾ log₂ ¾ + ¼ log₂ ¼)
    0.8113
    """
    text = _check_text(text, "text")
    if not text:
        raise TextError("the text is empty: there are no character frequencies")
    _, counts = np.unique(_code_points(text), return_counts=True)
    p = counts / counts.sum()
    return float(in_base(0.0 - np.sum(p * np.log(p)), base))


def uniform_bits(alphabet_size: int) -> float:
    r"""The cross-entropy of the uniform model over ``alphabet_size`` characters,
    :math:`\log_2 |V|` bits per character (its perplexity is |V|).

    Examples
    --------
    >>> uniform_bits(32)
    5.0
    """
    if (
        isinstance(alphabet_size, bool | np.bool_)
        or not isinstance(alphabet_size, numbers.Integral)
        or alphabet_size < 1
    ):
        raise TextError(f"alphabet_size must be a whole number >= 1, got {alphabet_size!r}")
    return math.log2(int(alphabet_size))


def order_sweep(
    train: str,
    held_out: str,
    alpha: float,
    orders: Iterable[int] = range(1, MAX_ORDER + 1),
    alphabet: str | None = None,
) -> list[OrderScore]:
    """Models of each order trained on ``train`` with the same α, scored on ``train`` and
    on ``held_out``. The alphabet defaults to the characters of both texts, so every
    held-out character can be scored.

    Examples
    --------
    >>> scores = order_sweep("abab", "ba", alpha=1.0, orders=[1, 2])
    >>> # order 2 on "abab": −log₂(2/3 · 3/4 · 2/3 · 3/4) / 4 = 2/4 bits; on "ba": 'b' at
    >>> # the start (0 + 1)/(1 + 2), then 'a' after 'b' (1 + 1)/(1 + 2): log₂(9/2)/2 bits
    >>> [(s.order, round(s.train_bpc, 4), round(s.held_out_bpc, 4)) for s in scores]
    [(1, 1.0, 1.0), (2, 0.5, 1.085)]
    """
    train = _check_text(train, "training text")
    held_out = _check_text(held_out, "held-out text")
    if not train:
        raise TextError("the training text is empty: give a text to count characters in")
    if not held_out:
        raise TextError("the held-out text is empty: there are no characters to score")
    if START in held_out:
        raise TextError(
            f"the held-out text contains the start symbol {START!r} (at position "
            f"{held_out.index(START)}), which marks the start of a text and is never a "
            "character; remove it"
        )
    if alphabet is None:
        alphabet = "".join(sorted(set(train + held_out)))
    scores = []
    for order in orders:
        model = ngram_model(train, order, alpha, alphabet)
        train_nats = float(np.mean(_text_surprisals(model, train, "the training text")))
        held_nats = float(np.mean(_text_surprisals(model, held_out, "the held-out text")))
        held = held_nats / math.log(2)
        scores.append(OrderScore(model.order, train_nats / math.log(2), held, 2.0**held))
    return scores


def split_text(text: str, held_out_fraction: float) -> tuple[str, str]:
    """``text`` cut in two: the training text and the held-out text, its last
    ``held_out_fraction`` (rounded to the nearest character, at least one character in
    each part).

    Examples
    --------
    >>> split_text("abcdefghij", 0.2)
    ('abcdefgh', 'ij')
    """
    text = _check_text(text, "text")
    if (
        isinstance(held_out_fraction, bool | np.bool_)
        or not isinstance(held_out_fraction, numbers.Real)
        or not 0 < float(held_out_fraction) < 1
    ):
        raise TextError(
            "held_out_fraction must be a number strictly between 0 and 1 (the share of the "
            f"text kept back for scoring), got {held_out_fraction!r}"
        )
    n = len(text)
    if n < 2:
        raise TextError(
            f"the text has {n} character{'s' if n != 1 else ''}: a split needs at least 2 "
            "(one to train on, one to hold out)"
        )
    held = min(max(math.floor(float(held_out_fraction) * n + 0.5), 1), n - 1)
    return text[: n - held], text[n - held :]

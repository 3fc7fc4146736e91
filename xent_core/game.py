r"""The class game's maths: a hidden source draws outcomes, forecasts pay their surprise.

Issue 19's game, the numbers only (no storage, no pages):

* A **round** draws n outcomes (class indices) from the hidden p, seeded by the room's seed
  and the round's number, so a round can be replayed (:func:`draw_round`).
* A forecast q pays :math:`-\ln q_x` nats for every outcome x (the **log-loss**: ∞ for a
  forecast that gave 0 to an outcome that happened, unless a floor is in force), the
  **Brier** score :math:`\sum_k (q_k - [k = x])^2`, and counts a **hit** when x is q's most
  probable class (:func:`score`); rounds add up (:func:`combine`).
* The **leaderboard** orders players by mean log-loss per outcome (:func:`leaderboard`);
  :func:`verdicts` names the most honest and the most reckless forecaster and whether
  accuracy could tell them apart (it often cannot: only the log-loss is strictly proper
  among the three and pays the price of confidence).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_class_indices, as_probabilities
from xent_core.measures import kl_divergence

__all__ = [
    "GAME_MAX_CLASSES",
    "GAME_MAX_DRAWS",
    "GAME_MIN_CLASSES",
    "Row",
    "Score",
    "Verdicts",
    "combine",
    "draw_round",
    "leaderboard",
    "random_source",
    "score",
    "verdicts",
]

GAME_MIN_CLASSES = 2  # a coin
GAME_MAX_CLASSES = 6  # a die
GAME_MAX_DRAWS = 100  # outcomes per round

#: Two top probabilities this close count as a tie for the argmax (slider rounding noise).
_TIE_TOLERANCE = 1e-9
#: Mean log-losses this close (relative) share a rank on the leaderboard.
_RANK_TOLERANCE = 1e-12


def _whole(value: object, name: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    value = int(value)
    if value < low or (high is not None and value > high):
        span = f"from {low} to {high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be {span}, got {value}")
    return value


def _forecast(
    q: ArrayLike, name: str, *, k: int | None = None, max_classes: int | None = None
) -> NDArray[np.float64]:
    """One distribution over K ≥ 2 classes (K = ``k`` when given)."""
    arr = as_probabilities(q, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one distribution (1-D), got shape {arr.shape}")
    if arr.size < GAME_MIN_CLASSES or (max_classes is not None and arr.size > max_classes):
        top = f" to {max_classes}" if max_classes is not None else " or more"
        raise ValueError(f"{name} must have {GAME_MIN_CLASSES}{top} classes, got {arr.size}")
    if k is not None and arr.size != k:
        raise ValueError(f"{name} must have {k} classes, one per outcome, got {arr.size}")
    return arr


@dataclass(frozen=True)
class Score:
    r"""A forecaster's totals over ``n`` outcomes (one round, or several combined).

    ``log_loss``: total :math:`-\ln q_x` in nats (∞ after a 0 on an outcome that happened,
    unless floored); ``brier``: total :math:`\sum_k (q_k - [k = x])^2`; ``hits``: outcomes
    that were the forecast's most probable class (1/m each for a tie between m classes);
    ``max_surprisal``: the largest single :math:`-\ln q_x`, never floored (∞ for a 0 on an
    outcome that happened), which is what :func:`verdicts` calls reckless.
    """

    n: int
    log_loss: float
    brier: float
    hits: float
    max_surprisal: float

    def __post_init__(self) -> None:
        _whole(self.n, "n", 1)
        for name in ("log_loss", "max_surprisal"):
            value = getattr(self, name)
            if math.isnan(value) or value < 0:
                raise ValueError(f"{name} must be >= 0 (∞ allowed), got {value!r}")
        if not (math.isfinite(self.brier) and self.brier >= 0):
            raise ValueError(f"brier must be finite and >= 0, got {self.brier!r}")
        if not 0 <= self.hits <= self.n + _TIE_TOLERANCE:
            raise ValueError(f"hits must lie between 0 and n = {self.n}, got {self.hits!r}")

    @property
    def mean_log_loss(self) -> float:
        """Log-loss per outcome, nats: the sample's cross-entropy (the leaderboard's order)."""
        return self.log_loss / self.n

    @property
    def mean_brier(self) -> float:
        """Brier score per outcome, between 0 (certain and right) and 2 (certain and wrong)."""
        return self.brier / self.n

    @property
    def accuracy(self) -> float:
        """Share of outcomes that were the forecast's most probable class."""
        return self.hits / self.n


@dataclass(frozen=True)
class Row:
    """One leaderboard line: per-outcome means and a 1-based rank (shared on equal loss)."""

    name: str
    mean_log_loss: float
    mean_brier: float
    accuracy: float
    rank: int


@dataclass(frozen=True)
class Verdicts:
    """The lesson's facts, as codes for the UI to put in words (None: no verdict).

    ``honest``: the player whose latest forecast is closest to p (smallest KL(p‖q),
    ``honest_kl`` nats); ``reckless``: the player with the largest single surprisal
    (``reckless_surprisal`` nats; ``reckless_zero`` when it is ∞, a 0 given to an outcome
    that happened); ``accuracy_tied``: the two are different players with the same accuracy
    but different mean log-losses (accuracy could not tell them apart, the log-loss could).
    """

    honest: str | None
    honest_kl: float
    reckless: str | None
    reckless_surprisal: float
    reckless_zero: bool
    accuracy_tied: bool


def draw_round(p: ArrayLike, n: int, *, seed: int, round_number: int) -> NDArray[np.int64]:
    """The ``n`` outcomes (class indices) of round ``round_number`` of a room with ``seed``,
    drawn from ``p`` with ``numpy.random.default_rng([seed, round_number])``.

    Replayable (the same arguments give the same outcomes) and prefix-stable (the first m
    of n draws are the m draws). Rounds are numbered from 1, so no round shares its random
    stream with :func:`random_source`'s ``default_rng(seed)``. An outcome of probability 0
    is never drawn. 1 ≤ n ≤ 100 and p has 2 to 6 classes.

    Examples
    --------
    >>> first = draw_round([0.5, 0.5], 8, seed=42, round_number=1)
    >>> first.tolist() == draw_round([0.5, 0.5], 8, seed=42, round_number=1).tolist()
    True
    >>> sorted(set(draw_round([0.0, 1.0, 0.0], 5, seed=42, round_number=2).tolist()))
    [1]
    """
    p = _forecast(p, "p", max_classes=GAME_MAX_CLASSES)
    n = _whole(n, "n", 1, GAME_MAX_DRAWS)
    seed = _whole(seed, "seed", 0)
    round_number = _whole(round_number, "round_number", 1)
    uniform = np.random.default_rng([seed, round_number]).random(n)
    edges = np.cumsum(p / p.sum())
    # From the last possible class on, the edge is ∞: rounding in the sum never leaves a
    # draw without an outcome, nor gives one to a class of probability 0 at the end.
    edges[np.flatnonzero(p)[-1] :] = np.inf
    # A zero-probability class has an empty interval; searchsorted's "right" skips it.
    return np.searchsorted(edges, uniform, side="right").astype(np.int64)


def score(q: ArrayLike, outcomes: ArrayLike, *, floor: float | None = None) -> Score:
    r"""The forecast ``q``'s totals over ``outcomes`` (class indices, at least one).

    Log-loss :math:`\sum_x -\ln q_x` in nats, ∞ when q gave 0 to an outcome that happened;
    with a ``floor`` f (0 < f < 1) each term is :math:`-\ln \max(q_x, f)` instead, so no
    term exceeds :math:`-\ln f`. The floor changes the log-loss only: the Brier score, the
    hits and the unfloored ``max_surprisal`` see q as it is.

    Examples
    --------
    >>> s = score([0.7, 0.3], [0, 0, 1])  # −(2 ln 0.7 + ln 0.3) nats
    >>> round(s.log_loss, 4), round(s.brier, 2), s.hits, round(s.accuracy, 4)
    (1.9173, 1.34, 2.0, 0.6667)
    >>> score([1.0, 0.0], [1]).log_loss, score([1.0, 0.0], [1], floor=0.01).log_loss
    (inf, 4.605170185988091)
    >>> score([0.5, 0.5], [0, 1]).hits  # a tie between 2 classes counts ½ per outcome
    1.0
    """
    q = _forecast(q, "q")
    if np.ndim(outcomes) != 1 or np.size(outcomes) == 0:
        raise ValueError("outcomes must be a non-empty list of class indices")
    x = as_class_indices(outcomes, "outcomes", q.size)
    if floor is not None:
        if isinstance(floor, bool) or not isinstance(floor, numbers.Real):
            raise ValueError(f"floor must be a number between 0 and 1 or None, got {floor!r}")
        if not 0 < floor < 1:  # also refuses NaN
            raise ValueError(f"floor must lie strictly between 0 and 1, got {floor!r}")
    q_x = q[x]
    with np.errstate(divide="ignore"):
        surprisals = -np.log(q_x)
        paid = surprisals if floor is None else -np.log(np.maximum(q_x, float(floor)))
    one_hot = np.zeros((x.size, q.size))
    one_hot[np.arange(x.size), x] = 1.0
    top = q >= q.max() - _TIE_TOLERANCE
    hits = top[x] / np.count_nonzero(top)
    return Score(
        n=int(x.size),
        log_loss=math.fsum(paid.tolist()) + 0.0,  # fsum: the same total in any order
        brier=math.fsum(((q - one_hot) ** 2).ravel().tolist()),
        hits=math.fsum(hits.tolist()),
        max_surprisal=float(surprisals.max()) + 0.0,
    )


def combine(scores: Iterable[Score]) -> Score:
    """The totals over several rounds: n, log-loss, Brier and hits add; the largest
    surprisal is the largest of any round. At least one score.

    Examples
    --------
    >>> both = combine([score([0.7, 0.3], [0, 0]), score([0.7, 0.3], [1])])
    >>> both.n, round(both.log_loss, 4), both.hits  # the same as one round of [0, 0, 1]
    (3, 1.9173, 2.0)
    """
    scores = list(scores)
    if not scores:
        raise ValueError("combine needs at least one score")
    for s in scores:
        if not isinstance(s, Score):
            raise ValueError(f"combine takes Score values, got {type(s).__name__}")
    return Score(
        n=sum(s.n for s in scores),
        log_loss=math.fsum(s.log_loss for s in scores),
        brier=math.fsum(s.brier for s in scores),
        hits=math.fsum(s.hits for s in scores),
        max_surprisal=max(s.max_surprisal for s in scores),
    )


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def leaderboard(entries: Mapping[str, Score]) -> list[Row]:
    """The players by mean log-loss per outcome, lowest first (∞ last; equal losses by
    name, case-insensitively). Ranks are 1-based and equal losses share one ("1, 2, 2, 4");
    losses within a relative 1e-12 of each other count as equal (summation order noise).

    Examples
    --------
    >>> rows = leaderboard({
    ...     "bo": score([1.0, 0.0], [0, 1]),
    ...     "cy": score([0.5, 0.5], [0, 1]),
    ...     "al": score([0.5, 0.5], [1, 0]),
    ... })
    >>> [(r.rank, r.name, round(r.mean_log_loss, 4)) for r in rows]
    [(1, 'al', 0.6931), (1, 'cy', 0.6931), (3, 'bo', inf)]
    """
    for name, s in entries.items():
        if not isinstance(name, str) or not isinstance(s, Score):
            raise ValueError("leaderboard entries map names (str) to Score values")
    ordered = sorted(entries.items(), key=lambda e: (e[1].mean_log_loss, _name_order(e[0])))
    groups: list[list[tuple[str, Score]]] = []
    for name, s in ordered:
        if groups:
            lead = groups[-1][0][1].mean_log_loss
            if math.isclose(s.mean_log_loss, lead, rel_tol=_RANK_TOLERANCE, abs_tol=0.0):
                groups[-1].append((name, s))
                continue
        groups.append([(name, s)])
    rows: list[Row] = []
    for group in groups:
        rank = len(rows) + 1
        for name, s in sorted(group, key=lambda e: _name_order(e[0])):
            rows.append(Row(name, s.mean_log_loss, s.mean_brier, s.accuracy, rank))
    return rows


def random_source(k: int, seed: int) -> list[float]:
    """A random hidden p over ``k`` classes (2 to 6) for "random p": a Dirichlet(1, …, 1)
    draw (uniform over the simplex) from ``default_rng(seed)``, rounded to hundredths that
    sum to exactly 1 (in hundredths) with every entry at least 0.01, so every outcome can
    happen. The hundredths above the k × 0.01 minimum are shared out by largest remainder.

    Examples
    --------
    >>> p = random_source(3, seed=7)
    >>> p == random_source(3, seed=7), round(sum(p), 9), min(p) >= 0.01
    (True, 1.0, True)
    >>> all(round(v, 2) == v for v in p)
    True
    """
    k = _whole(k, "k", GAME_MIN_CLASSES, GAME_MAX_CLASSES)
    seed = _whole(seed, "seed", 0)
    weights = np.random.default_rng(seed).dirichlet(np.ones(k))
    spare = 100 - k  # hundredths left once every class has its 0.01
    exact = weights * spare
    units = np.floor(exact).astype(np.int64)
    # Largest remainders first; ties by class index (a stable sort keeps the order).
    leftover = spare - int(units.sum())
    order = np.argsort(-(exact - units), kind="stable")
    units[order[:leftover]] += 1
    return [int(u + 1) / 100 for u in units]


def verdicts(
    p: ArrayLike, forecasts: Mapping[str, ArrayLike], scores: Mapping[str, Score]
) -> Verdicts:
    """Who was most honest, who most reckless, and whether accuracy told them apart.

    Only players with both a latest forecast (``forecasts``) and a score (``scores``, over
    every outcome so far) count, and at least two of them are needed (else every verdict is
    None/False). Most honest: the smallest KL(p‖q) of the latest forecast (None when every
    forecast has KL = ∞). Most reckless: the largest single surprisal
    ``Score.max_surprisal`` (∞ for a forecast that gave 0 to an outcome that happened).
    Ties go to the first name, case-insensitively. ``accuracy_tied``: honest and reckless are
    different players with equal accuracy (within 1e-9) but different mean log-losses.

    Examples
    --------
    >>> p = [0.5, 0.5]
    >>> forecasts = {"ana": [0.5, 0.5], "bo": [1.0, 0.0]}
    >>> scores = {name: score(q, [0, 1]) for name, q in forecasts.items()}
    >>> v = verdicts(p, forecasts, scores)
    >>> v.honest, v.reckless, v.reckless_zero, v.accuracy_tied  # both ½, ln 2 against ∞
    ('ana', 'bo', True, True)
    """
    p = _forecast(p, "p", max_classes=GAME_MAX_CLASSES)
    names = sorted((n for n in forecasts if n in scores), key=_name_order)
    for name in names:
        if not isinstance(scores[name], Score):
            raise ValueError(f"the score of {name!r} must be a Score")
    none = Verdicts(None, math.nan, None, math.nan, False, False)
    if len(names) < 2:
        return none
    latest = {n: _forecast(forecasts[n], f"the forecast of {n!r}", k=p.size) for n in names}
    kl = {n: float(kl_divergence(p, q)) for n, q in latest.items()}
    honest: str | None = min(names, key=lambda n: kl[n])  # min/max keep the first of ties
    if math.isinf(kl[honest]):
        honest = None
    reckless = max(names, key=lambda n: scores[n].max_surprisal)
    worst = scores[reckless].max_surprisal
    tied = False
    if honest is not None and honest != reckless:
        a, b = scores[honest], scores[reckless]
        tied = math.isclose(a.accuracy, b.accuracy, rel_tol=0.0, abs_tol=_TIE_TOLERANCE) and (
            not math.isclose(a.mean_log_loss, b.mean_log_loss, rel_tol=_RANK_TOLERANCE)
        )
    return Verdicts(
        honest=honest,
        honest_kl=kl[honest] if honest is not None else math.nan,
        reckless=reckless,
        reckless_surprisal=worst,
        reckless_zero=math.isinf(worst),
        accuracy_tied=tied,
    )

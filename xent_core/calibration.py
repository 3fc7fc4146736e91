r"""Calibration: does a model's confidence match how often it is right?

A classifier is *calibrated* when, among the samples it predicts with confidence 0.8,
80 % are right. The reliability diagram bins samples by confidence (the largest
probability) and plots each bin's accuracy against its mean confidence; the expected
calibration error (ECE) is the gap averaged over bins, weighted by their share of samples
(Naeini et al., AAAI 2015; Guo et al., "On Calibration of Modern Neural Networks",
ICML 2017, eq. 3):

.. math:: \mathrm{ECE} = \sum_{m=1}^{M} \frac{|B_m|}{N}\,
          \bigl|\mathrm{acc}(B_m) - \mathrm{conf}(B_m)\bigr|

*Temperature scaling* (Guo et al. 2017, §4.2) divides every logit by one number
:math:`T > 0`, chosen to minimise the negative log-likelihood on held-out data. It never
changes the most probable class, so accuracy stays put while the confidence is
corrected: :math:`T > 1` softens an over-confident model, :math:`T < 1` sharpens an
under-confident one.

Logits here may contain :math:`-\infty` (the log of a probability 0), so that uploaded
probabilities can be scaled as log-probabilities: such a class keeps probability 0 at
every temperature. Each row needs at least one finite logit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base
from xent_core._validation import (
    as_class_indices,
    as_float_array,
    as_logits,
    as_probabilities,
    real_scalar,
)
from xent_core.losses import brier_score, one_hot
from xent_core.softmax import _log_normalised, _scaled, _shifted, log_softmax

__all__ = [
    "CalibrationReport",
    "ReliabilityDiagram",
    "calibration_report",
    "expected_calibration_error",
    "fit_temperature",
    "reliability_diagram",
    "temperature_nll",
    "tempered_log_probs",
]

#: The temperatures fit_temperature searches by default.
TEMPERATURE_BOUNDS = (0.01, 100.0)


@dataclass(frozen=True, eq=False)
class ReliabilityDiagram:
    """Samples binned by confidence.

    Bin ``m`` holds the samples with ``edges[m] < confidence <= edges[m + 1]`` (the
    first bin also takes a confidence of exactly 0).

    Attributes
    ----------
    edges : ndarray, shape (M + 1,)
        ``linspace(0, 1, M + 1)``.
    counts : ndarray of intp, shape (M,)
    confidence : ndarray, shape (M,)
        Mean confidence (largest probability) in each bin; NaN for an empty bin.
    accuracy : ndarray, shape (M,)
        Share of the bin's samples whose most probable class is the true one; NaN if empty.
    """

    edges: NDArray[np.float64]
    counts: NDArray[np.intp]
    confidence: NDArray[np.float64]
    accuracy: NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class CalibrationReport:
    """Calibration metrics of one set of predictions.

    Attributes
    ----------
    temperature : float
        The temperature the logits were divided by.
    accuracy : float
    nll : float
        Mean negative log-likelihood :math:`-\\frac1N \\sum_n \\log q_{n, y_n}` (in the
        requested unit; ``inf`` if a true class has probability 0).
    brier : float
        Mean Brier score :math:`\\frac1N \\sum_n \\sum_c (q_{n,c} - [c = y_n])^2`, in [0, 2].
    ece : float
        Expected calibration error with the diagram's bins, in [0, 1].
    diagram : ReliabilityDiagram
    """

    temperature: float
    accuracy: float
    nll: float
    brier: float
    ece: float
    diagram: ReliabilityDiagram


def _logits(logits: ArrayLike) -> NDArray[np.float64]:
    """A (N, K) float64 array of logits: no NaN or +inf, at least one finite per row."""
    z = as_float_array(logits, "logits").astype(np.float64)
    if z.ndim != 2 or z.shape[0] == 0 or z.shape[1] == 0:
        raise ValueError(f"logits must have shape (N, K) with N, K >= 1, got {z.shape}")
    return as_logits(z, "logits", allow_neg_inf=True)


def _labels(labels: ArrayLike, z: NDArray) -> NDArray[np.intp]:
    y = as_class_indices(labels, "labels", z.shape[1])
    if y.shape != z.shape[:1]:
        raise ValueError(
            f"labels must have shape ({z.shape[0]},), one per row of logits, got {y.shape}"
        )
    return y


def _temperature(temperature: float) -> float:
    t = real_scalar(temperature, "temperature")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be finite and > 0, got {temperature!r}")
    return t


def _tempered(shifted: NDArray[np.float64], temperature: float) -> NDArray[np.float64]:
    """log softmax(s / T) for logits already shifted by their row maximum (-inf allowed).

    The steps of :func:`~xent_core.log_softmax`, without checking and shifting the same
    logits again for every temperature tried.
    """
    return _log_normalised(_scaled(shifted, temperature), -1)


def tempered_log_probs(logits: ArrayLike, temperature: float = 1.0) -> NDArray[np.float64]:
    r"""Log-probabilities after temperature scaling, :math:`\log \mathrm{softmax}(z / T)`.

    Parameters
    ----------
    logits : array_like, shape (N, K)
        No NaN or :math:`+\infty`; :math:`-\infty` allowed (probability 0).
    temperature : float
        :math:`T > 0`.

    Returns
    -------
    ndarray, shape (N, K)

    Examples
    --------
    >>> np.exp(tempered_log_probs([[np.log(0.8), np.log(0.2), -np.inf]], 2.0)).round(4).tolist()
    [[0.6667, 0.3333, 0.0]]
    """
    return log_softmax(_logits(logits), temperature=_temperature(temperature), allow_neg_inf=True)


def reliability_diagram(
    probs: ArrayLike, labels: ArrayLike, *, n_bins: int = 10
) -> ReliabilityDiagram:
    """Bin the samples by confidence (largest probability) into ``n_bins`` equal bins.

    Parameters
    ----------
    probs : array_like, shape (N, K)
    labels : array_like of int, shape (N,)
    n_bins : int
        M >= 1.

    Returns
    -------
    ReliabilityDiagram

    Examples
    --------
    >>> d = reliability_diagram([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]], [0, 1, 1], n_bins=2)
    >>> d.counts.tolist(), d.confidence.round(4).tolist(), d.accuracy.tolist()
    ([0, 3], [nan, 0.8], [nan, 0.6666666666666666])
    """
    if isinstance(n_bins, bool) or not isinstance(n_bins, int | np.integer) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    q = as_probabilities(probs, "probs")
    if q.ndim != 2:
        raise ValueError(f"probs must have shape (N, K), got {q.shape}")
    y = _labels(labels, q)
    confidence = q.max(axis=1)
    correct = (q.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # side="left": a confidence equal to an edge belongs to the bin it closes, (a, b].
    index = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, n_bins - 1)
    counts = np.bincount(index, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):  # empty bins: 0/0 = NaN, on purpose
        mean_confidence = np.bincount(index, weights=confidence, minlength=n_bins) / counts
        accuracy = np.bincount(index, weights=correct, minlength=n_bins) / counts
    return ReliabilityDiagram(
        edges=edges, counts=counts.astype(np.intp), confidence=mean_confidence, accuracy=accuracy
    )


def _ece(diagram: ReliabilityDiagram) -> float:
    filled = diagram.counts > 0
    gaps = np.abs(diagram.accuracy[filled] - diagram.confidence[filled])
    return float((diagram.counts[filled] * gaps).sum() / diagram.counts.sum())


def expected_calibration_error(probs: ArrayLike, labels: ArrayLike, *, n_bins: int = 10) -> float:
    """ECE: the bins' |accuracy − confidence|, weighted by their share of the samples.

    Examples
    --------
    One bin holding all three samples: confidence 0.8, accuracy 2/3, ECE = 0.1333.

    >>> print(round(expected_calibration_error(
    ...     [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]], [0, 1, 1], n_bins=2), 4))
    0.1333
    """
    return _ece(reliability_diagram(probs, labels, n_bins=n_bins))


def calibration_report(
    logits: ArrayLike,
    labels: ArrayLike,
    *,
    temperature: float = 1.0,
    n_bins: int = 10,
    base: float | None = None,
) -> CalibrationReport:
    """Accuracy, NLL, Brier score, ECE and the reliability diagram of ``softmax(z / T)``.

    Parameters
    ----------
    logits : array_like, shape (N, K)
        Logits, or log-probabilities (``-inf`` for a probability of 0).
    labels : array_like of int, shape (N,)
    temperature : float
        T > 0; 1 leaves the predictions as they are.
    n_bins : int
        Bins of the reliability diagram (and of the ECE).
    base : float, optional
        Unit of the NLL: None for nats, 2 for bits.

    Examples
    --------
    >>> r = calibration_report(np.log([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7]]), [0, 1, 1], n_bins=2)
    >>> r.accuracy, round(r.nll, 4), round(r.brier, 4), round(r.ece, 4)
    (0.6666666666666666, 0.6905, 0.4933, 0.1333)

    By hand: NLL = -(ln 0.9 + ln 0.2 + ln 0.7) / 3 = 0.6905; Brier = (0.02 + 1.28 + 0.18) / 3.
    """
    z = _logits(logits)
    y = _labels(labels, z)
    t = _temperature(temperature)
    log_q = log_softmax(z, temperature=t, allow_neg_inf=True)
    q = np.exp(log_q)
    q /= q.sum(axis=1, keepdims=True)  # exact row sums for the checks downstream
    diagram = reliability_diagram(q, y, n_bins=n_bins)
    return CalibrationReport(
        temperature=t,
        accuracy=float(np.mean(q.argmax(axis=1) == y)),
        nll=float(in_base(-log_q[np.arange(len(y)), y].mean(), base)),
        brier=float(np.mean(brier_score(q, one_hot(y, z.shape[1])))),
        ece=_ece(diagram),
        diagram=diagram,
    )


def temperature_nll(
    logits: ArrayLike, labels: ArrayLike, temperatures: ArrayLike
) -> NDArray[np.float64] | float:
    """Mean negative log-likelihood (nats) of ``softmax(z / T)`` for each temperature.

    Examples
    --------
    >>> z = [[2.0, 0.0], [0.0, 1.0]]
    >>> temperature_nll(z, [0, 1], [1.0, 2.0]).round(4).tolist()
    [0.2201, 0.3937]
    """
    z = _logits(logits)
    y = _labels(labels, z)
    t = np.asarray(temperatures, dtype=np.float64)
    if not (np.isfinite(t).all() and (t > 0).all()):
        raise ValueError("temperatures must be finite and > 0")
    shifted = _shifted(z, -1)
    rows = np.arange(len(y))
    out = np.array([-_tempered(shifted, ti)[rows, y].mean() for ti in t.ravel()])
    return out.reshape(t.shape) if t.ndim else float(out[0])


def _nll_slope(shifted: NDArray, finite: NDArray, y: NDArray, beta: float) -> tuple[float, float]:
    r"""First and second derivatives of the mean NLL in β = 1/T.

    With s the shifted logits, :math:`\mathrm{NLL}(\beta) = \frac1N \sum_n
    \bigl(\log \sum_c e^{\beta s_{n,c}} - \beta s_{n, y_n}\bigr)`, so
    :math:`\mathrm{NLL}' = \frac1N \sum_n (\mathbb E_q[s_n] - s_{n, y_n})` and
    :math:`\mathrm{NLL}'' = \frac1N \sum_n \mathrm{Var}_q[s_n] \ge 0`: convex in β.
    """
    q = np.exp(_tempered(shifted, 1.0 / beta))
    s = np.where(finite, shifted, 0.0)  # q = 0 there: such classes add nothing
    mean = (q * s).sum(axis=1)
    var = (q * (s - mean[:, None]) ** 2).sum(axis=1)
    return float(np.mean(mean - s[np.arange(len(y)), y])), float(np.mean(var))


def fit_temperature(
    logits: ArrayLike,
    labels: ArrayLike,
    *,
    bounds: tuple[float, float] = TEMPERATURE_BOUNDS,
    xtol: float = 1e-12,
) -> float:
    r"""The temperature that minimises the mean negative log-likelihood of ``softmax(z/T)``.

    The NLL is convex in :math:`\beta = 1/T` (see :func:`_nll_slope`), so its slope
    changes sign once: the search brackets that sign change in :math:`\log T` and takes
    Newton steps in :math:`\beta` (curvature from the exact second derivative), falling
    back to bisection of the bracket whenever a step would leave it. Deterministic; a
    dozen NLL evaluations, each one pass over the logits.

    Parameters
    ----------
    logits : array_like, shape (N, K)
        Held-out logits (or log-probabilities, ``-inf`` for 0).
    labels : array_like of int, shape (N,)
    bounds : (float, float)
        The temperatures searched, ``0 < low < high``. When the NLL keeps falling
        towards a bound (say every sample is right, so sharper is always better), that
        bound is returned.
    xtol : float
        Stop when the bracket or the step in :math:`\log T` is below this.

    Returns
    -------
    float
        The fitted T (1.0 when the NLL does not depend on T: every row's logits equal).

    Raises
    ------
    ValueError
        Also when a true class has logit ``-inf``: its loss is infinite at every T.

    Examples
    --------
    Logits twice too large: dividing by T = 2 recovers the probabilities that generated
    the labels exactly (here the labels' frequencies match the model at T = 2).

    >>> z = 2 * np.log([[0.75, 0.25]] * 4)
    >>> print(round(fit_temperature(z, [0, 0, 0, 1]), 6))
    2.0
    """
    z = _logits(logits)
    y = _labels(labels, z)
    low, high = (real_scalar(b, "bounds") for b in bounds)
    if not (0 < low < high and np.isfinite(high)):
        raise ValueError(f"bounds must satisfy 0 < low < high < inf, got {bounds!r}")
    finite = np.isfinite(z)
    if not finite[np.arange(len(y)), y].all():
        n = int(np.argmin(finite[np.arange(len(y)), y]))
        raise ValueError(
            f"sample {n}'s true class has logit -inf (probability 0): its loss is infinite "
            "at every temperature, so no temperature minimises the NLL"
        )
    s = _shifted(z, -1)
    # v = log β = -log T; the slope in β is non-decreasing, negative left of the optimum.
    a, b = -np.log(high), -np.log(low)
    slope_a, curvature_a = _nll_slope(s, finite, y, np.exp(a))
    if slope_a >= 0:
        return 1.0 if curvature_a == 0 and slope_a == 0 else float(high)
    slope_b, _ = _nll_slope(s, finite, y, np.exp(b))
    if slope_b <= 0:
        return float(low)
    v = float(np.clip(0.0, a, b))  # start at T = 1
    for _ in range(200):
        beta = np.exp(v)
        slope, curvature = _nll_slope(s, finite, y, beta)
        if slope == 0:
            break
        if slope < 0:
            a = v
        else:
            b = v
        newton = beta - slope / curvature if curvature > 0 else -1.0
        step_ok = newton > 0 and a < np.log(newton) < b
        v_next = float(np.log(newton)) if step_ok else (a + b) / 2
        done = abs(v_next - v) < xtol or b - a < xtol
        v = v_next
        if done:
            break
    return float(np.exp(-v))

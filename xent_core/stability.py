r"""Numerical stability lab: naive softmax-then-log against log-softmax, in a chosen dtype.

:math:`e^z` leaves the floating-point range early: float16 holds at most 65504
(:math:`e^{11.09}`), float32 :math:`3.4 \times 10^{38}` (:math:`e^{88.7}`), float64
:math:`1.8 \times 10^{308}` (:math:`e^{709.8}`). The naive path computes
:math:`\log\bigl(e^{z} / \sum_j e^{z_j}\bigr)` as written and meets overflow (``inf``),
``inf / inf = nan`` and ``log 0 = -inf``; the stable path is
:func:`xent_core.softmax.log_softmax`, which subtracts :math:`\max z` first so that the
largest exponential is :math:`e^0 = 1`.

Both paths report their failures as values and counts; numpy's warnings are silenced
here because the failures are the lesson, not a surprise for the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import (
    as_class_indices,
    as_float_array,
    as_real_array,
    check_finite,
    real_scalar,
)
from xent_core.softmax import _log_normalised, log_softmax

__all__ = [
    "DTYPES",
    "PATH_NOTES",
    "PathNote",
    "SoftmaxPath",
    "SoftmaxPaths",
    "compare_softmax_paths",
    "naive_softmax_path",
    "stable_softmax_path",
]

#: The floating dtypes the lab compares, narrowest first.
DTYPES = ("float16", "float32", "float64")


#: The codes a :class:`PathNote` can carry, with what its ``values`` hold.
PATH_NOTES = {
    "cast_overflow": "(z·scale, dtype, dtype's largest): the logit does not fit, it is ±inf",
    "exp_overflow": "(z, dtype, largest): exp(z) overflows to inf",
    "sum_overflow": "(dtype,): every exp(z) fits, their sum overflows",
    "exp_underflow": "(z,): exp(z) underflows to 0",
    "inf_over_inf": "(): inf / inf = nan",
    "finite_over_inf": "(): a finite value / inf = 0",
    "zero_over_zero": "(): the sum is 0, and 0 / 0 = nan",
    "log_zero": "(): log 0 = -inf",
    "naive_fits": "(dtype,): nothing overflows",
    "inf_minus_inf": "(): max z = inf and inf - inf = nan",
    "gap_overflow": "(dtype, classes, largest): z - max z overflows to -inf",
    "stable_fits": "(): nothing overflows, every exp(z - max z) lies in (0, 1]",
    "rounds_to_zero": "(classes, lowest log q): q rounds to 0, log q stays finite",
    "infinite_loss": "(loss,): the cross-entropy is not finite",
}


@dataclass(frozen=True)
class PathNote:
    """One thing that happened on a softmax path: a ``code`` of :data:`PATH_NOTES` and the
    numbers it refers to. The core says what happened; the UI words it.

    Examples
    --------
    >>> PathNote("exp_underflow", (-745.2,)).code
    'exp_underflow'
    """

    code: str
    values: tuple[float | int | str, ...] = ()


@dataclass(frozen=True, eq=False)
class SoftmaxPath:
    r"""One way of turning logits into log-probabilities, and what went wrong on the way.

    Arrays have shape (K,), the lab's dtype, and are read-only.

    Attributes
    ----------
    method : str
        ``"naive"`` or ``"stable"``.
    dtype : str
        ``"float16"``, ``"float32"`` or ``"float64"``.
    logits : ndarray
        :math:`z \cdot \mathrm{scale}` rounded once to ``dtype``: what the path starts from
        (``±inf`` where the value does not fit in ``dtype``).
    exponentials : ndarray
        :math:`e^{z}` (naive) or :math:`e^{z - \max z}` (stable).
    normaliser : float
        The sum of ``exponentials``.
    probabilities : ndarray
        :math:`q`: exponentials over their sum (naive), :math:`e^{\log q}` (stable).
    log_probabilities : ndarray
        :math:`\log q` in nats: the log of ``probabilities`` (naive), ``log_softmax``
        (stable).
    cross_entropy : float
        :math:`-\log q_y` for the true class :math:`y`, in nats; ``nan`` or ``inf`` when
        the path fails.
    n_inf : int
        ``+inf`` values among ``exponentials`` and ``normaliser``: overflow.
    n_nan : int
        ``nan`` values among ``log_probabilities``.
    n_neg_inf : int
        ``-inf`` values among ``log_probabilities``.
    notes : tuple of PathNote
        What happened, step by step, as codes with their numbers (the UI words them), e.g.
        ``exp_overflow``, ``exp_underflow``, ``inf_over_inf``, …, ending with
        ``infinite_loss`` when the cross-entropy is not finite. See :class:`PathNote`.

    Examples
    --------
    >>> path = stable_softmax_path([2.0, 1.0, 0.1], 0)
    >>> path.method, path.ok, round(path.cross_entropy, 4)
    ('stable', True, 0.417)
    """

    method: str
    dtype: str
    logits: NDArray[np.floating]
    exponentials: NDArray[np.floating]
    normaliser: float
    probabilities: NDArray[np.floating]
    log_probabilities: NDArray[np.floating]
    cross_entropy: float
    n_inf: int
    n_nan: int
    n_neg_inf: int
    notes: tuple[PathNote, ...]

    @property
    def ok(self) -> bool:
        """True when nothing overflowed and every log-probability and the loss are finite."""
        return self.n_inf == self.n_nan == self.n_neg_inf == 0 and bool(
            np.isfinite(self.cross_entropy)
        )


class SoftmaxPaths(NamedTuple):
    """The naive and the stable path for the same logits, side by side."""

    naive: SoftmaxPath
    stable: SoftmaxPath


def naive_softmax_path(
    z: ArrayLike, true_class: int, *, scale: float = 1.0, dtype: str = "float32"
) -> SoftmaxPath:
    r"""Softmax then log, exactly as written, in ``dtype``: overflow, NaN and ``-inf`` show.

    .. math:: q_i = \frac{e^{z_i}}{\sum_j e^{z_j}}, \qquad \ell = -\log q_y

    with :math:`z` the logits times ``scale``. :math:`e^{z_i}` overflows to ``inf`` once
    :math:`z_i` exceeds :math:`\ln(\text{largest float})` (11.09 in float16), then
    ``inf / inf = nan`` for that class and ``finite / inf = 0`` for the others, whose log
    is ``-inf``. Very negative logits underflow to 0 the same way.

    Parameters
    ----------
    z : array_like, shape (K,)
        Finite logits (read in float64).
    true_class : int
        The true class :math:`y`, in ``[0, K)``.
    scale : float
        Finite factor the logits are multiplied by (in float64) before rounding to
        ``dtype``.
    dtype : {"float16", "float32", "float64"}
        Precision of every step.

    Returns
    -------
    SoftmaxPath
        With ``method="naive"``; nothing warns, the failures are in the values, the
        counts and ``notes``.

    Examples
    --------
    >>> path = naive_softmax_path([1.0, 0.0, -1.0], 0, scale=1e4, dtype="float32")
    >>> path.exponentials.tolist(), path.log_probabilities.tolist(), path.cross_entropy
    ([inf, 1.0, 0.0], [nan, -inf, -inf], nan)
    >>> [note.code for note in path.notes]  # doctest: +NORMALIZE_WHITESPACE
    ['exp_overflow', 'exp_underflow', 'inf_over_inf', 'finite_over_inf', 'log_zero',
     'infinite_loss']
    >>> path.notes[0].values  # the largest logit that overflowed, the dtype, its maximum
    (10000.0, 'float32', 3.4028234663852886e+38)
    >>> naive_softmax_path([12.0, 0.0], 0, dtype="float16").n_inf  # exp(12) > 65504
    2
    """
    scaled, logits, y = _lab_inputs(z, true_class, scale, dtype)
    with np.errstate(all="ignore"):  # the failures are the point: report them, never warn
        exponentials = np.exp(logits)
        normaliser = exponentials.sum()
        probabilities = exponentials / normaliser
        log_probabilities = np.log(probabilities)
    loss = _loss(log_probabilities, y)
    notes = _naive_notes(scaled, logits, exponentials, normaliser, probabilities, loss)
    return _path(
        "naive", loss, logits, exponentials, normaliser, probabilities, log_probabilities, notes
    )


def stable_softmax_path(
    z: ArrayLike, true_class: int, *, scale: float = 1.0, dtype: str = "float32"
) -> SoftmaxPath:
    r"""Log-softmax through log-sum-exp, in ``dtype``: finite for any logits the dtype holds.

    .. math:: \log q_i = (z_i - m) - \log \sum_j e^{z_j - m}, \quad m = \max_j z_j,
              \qquad \ell = -\log q_y

    computed by :func:`xent_core.softmax.log_softmax`. Every :math:`e^{z_j - m}` lies in
    :math:`(0, 1]` and the sum in :math:`[1, K]`, so nothing overflows; a probability may
    round to 0, but its log stays finite. The only ways to ``-inf`` or ``nan``: in float16
    a gap :math:`z_i - m` beyond 65504 rounds to ``-inf`` (so does that class's
    log-probability), and a logit that does not fit in ``dtype`` at all is already
    ``inf`` before any formula runs.

    Parameters
    ----------
    z : array_like, shape (K,)
        Finite logits (read in float64).
    true_class : int
        The true class :math:`y`, in ``[0, K)``.
    scale : float
        Finite factor the logits are multiplied by (in float64) before rounding to
        ``dtype``.
    dtype : {"float16", "float32", "float64"}
        Precision of every step.

    Returns
    -------
    SoftmaxPath
        With ``method="stable"``.

    Examples
    --------
    >>> path = stable_softmax_path([1.0, 0.0, -1.0], 0, scale=1e4, dtype="float32")
    >>> path.log_probabilities.tolist(), path.cross_entropy, path.ok
    ([0.0, -10000.0, -20000.0], 0.0, True)
    >>> [(note.code, note.values) for note in path.notes]
    [('stable_fits', ()), ('rounds_to_zero', (2, -20000.0))]
    """
    scaled, logits, y = _lab_inputs(z, true_class, scale, dtype)
    with np.errstate(over="ignore", invalid="ignore"):
        # float16 gaps beyond 65504 become -inf, and exp(-inf) = 0 is right: no warning.
        shifted = logits - logits.max()
        exponentials = np.exp(shifted)
        normaliser = exponentials.sum()
    if np.all(np.isfinite(logits)):
        log_probabilities = log_softmax(logits)
    else:
        # log_softmax refuses logits that are already +-inf; run its steps on them as a
        # framework would: max z = inf gives inf - inf = nan for every class.
        with np.errstate(invalid="ignore", divide="ignore"):
            log_probabilities = _log_normalised(shifted, -1)
    probabilities = np.exp(log_probabilities)
    loss = _loss(log_probabilities, y)
    notes = _stable_notes(scaled, logits, probabilities, log_probabilities, loss)
    return _path(
        "stable", loss, logits, exponentials, normaliser, probabilities, log_probabilities, notes
    )


def compare_softmax_paths(
    z: ArrayLike, true_class: int, *, scale: float = 1.0, dtype: str = "float32"
) -> SoftmaxPaths:
    r"""The naive and the stable path for the same logits, scale and dtype.

    See :func:`naive_softmax_path` and :func:`stable_softmax_path`.

    Parameters
    ----------
    z : array_like, shape (K,)
        Finite logits.
    true_class : int
        The true class, in ``[0, K)``.
    scale : float
        Finite factor applied to ``z`` before rounding to ``dtype``.
    dtype : {"float16", "float32", "float64"}
        Precision of every step.

    Returns
    -------
    SoftmaxPaths
        ``(naive, stable)``.

    Examples
    --------
    >>> naive, stable = compare_softmax_paths([1.0, 0.0], 1, scale=1e4, dtype="float32")
    >>> naive.cross_entropy, stable.cross_entropy
    (inf, 10000.0)
    """
    return SoftmaxPaths(
        naive=naive_softmax_path(z, true_class, scale=scale, dtype=dtype),
        stable=stable_softmax_path(z, true_class, scale=scale, dtype=dtype),
    )


# --- helpers ----------------------------------------------------------------------------


def _lab_inputs(
    z: ArrayLike, true_class: int, scale: float, dtype: str
) -> tuple[NDArray[np.float64], NDArray[np.floating], int]:
    """Validate; return ``z * scale`` in float64, the same rounded to ``dtype``, the class."""
    arr = as_float_array(z, "z").astype(np.float64)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"z must have shape (K,) with at least one class, got {arr.shape}")
    check_finite(arr, "z")
    s = real_scalar(scale, "scale")
    if not np.isfinite(s):
        raise ValueError(f"scale must be finite, got {scale!r}")
    dt = _lab_dtype(dtype)
    y = as_real_array(true_class, "true_class")
    if y.ndim != 0:
        raise ValueError(f"true_class must be a single class index, got shape {y.shape}")
    index = int(as_class_indices(y, "true_class", arr.size))
    with np.errstate(over="ignore"):
        # One rounding, as a network in that dtype would hold them; beyond its range a
        # logit is +-inf before any softmax runs.
        scaled = arr * s
        logits = scaled.astype(dt)
    return scaled, logits, index


def _lab_dtype(dtype: object) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except (TypeError, ValueError):
        dt = None
    if dtype is None or dt is None or dt.name not in DTYPES:
        raise ValueError(f"dtype must be one of 'float16', 'float32', 'float64', got {dtype!r}")
    return dt


def _loss(log_probabilities: NDArray, true_class: int) -> float:
    # 0.0 - x rather than -x: a certain prediction costs +0.0, not -0.0.
    return float(0.0 - log_probabilities[true_class])


def _path(
    method: str,
    loss: float,
    logits: NDArray,
    exponentials: NDArray,
    normaliser: np.floating,
    probabilities: NDArray,
    log_probabilities: NDArray,
    notes: list[PathNote],
) -> SoftmaxPath:
    for arr in (logits, exponentials, probabilities, log_probabilities):
        arr.setflags(write=False)  # frozen means frozen
    return SoftmaxPath(
        method=method,
        dtype=logits.dtype.name,
        logits=logits,
        exponentials=exponentials,
        normaliser=float(normaliser),
        probabilities=probabilities,
        log_probabilities=log_probabilities,
        cross_entropy=loss,
        n_inf=int(np.isposinf(exponentials).sum() + np.isposinf(normaliser)),
        n_nan=int(np.isnan(log_probabilities).sum()),
        n_neg_inf=int(np.isneginf(log_probabilities).sum()),
        notes=tuple(notes),
    )


def _cast_note(scaled: NDArray, logits: NDArray) -> PathNote | None:
    """The logit that did not fit in the dtype (the one farthest out), if any."""
    overflowed = np.isinf(logits)
    if not overflowed.any():
        return None
    worst = scaled[overflowed][np.argmax(np.abs(scaled[overflowed]))]
    name = logits.dtype.name
    return PathNote("cast_overflow", (float(worst), name, float(np.finfo(logits.dtype).max)))


def _naive_notes(
    scaled: NDArray,
    logits: NDArray,
    exponentials: NDArray,
    normaliser: np.floating,
    probabilities: NDArray,
    loss: float,
) -> list[PathNote]:
    name = logits.dtype.name
    largest = float(np.finfo(logits.dtype).max)
    notes = []
    if (cast := _cast_note(scaled, logits)) is not None:
        notes.append(cast)
    overflowed = np.isposinf(exponentials) & np.isfinite(logits)
    if overflowed.any():
        notes.append(PathNote("exp_overflow", (float(logits[overflowed].max()), name, largest)))
    elif np.isposinf(normaliser) and not np.isinf(exponentials).any():
        notes.append(PathNote("sum_overflow", (name,)))
    underflowed = (exponentials == 0) & np.isfinite(logits)
    if underflowed.any():
        notes.append(PathNote("exp_underflow", (float(logits[underflowed].max()),)))
    if np.isposinf(normaliser):
        if np.isposinf(exponentials).any():
            notes.append(PathNote("inf_over_inf"))
        if np.any(np.isfinite(exponentials) & (exponentials > 0)):
            notes.append(PathNote("finite_over_inf"))
    elif normaliser == 0:
        notes.append(PathNote("zero_over_zero"))
    if np.any(probabilities == 0):
        notes.append(PathNote("log_zero"))
    if not notes:
        return [PathNote("naive_fits", (name,))]
    return _with_loss(notes, loss)


def _with_loss(notes: list[PathNote], loss: float) -> list[PathNote]:
    if not np.isfinite(loss):
        notes.append(PathNote("infinite_loss", (float(loss),)))
    return notes


def _stable_notes(
    scaled: NDArray,
    logits: NDArray,
    probabilities: NDArray,
    log_probabilities: NDArray,
    loss: float,
) -> list[PathNote]:
    name = logits.dtype.name
    notes = []
    if (cast := _cast_note(scaled, logits)) is not None:
        notes.append(cast)
        if np.isposinf(logits).any():
            notes.append(PathNote("inf_minus_inf"))
    gap_overflow = np.isneginf(log_probabilities) & np.isfinite(logits)
    if gap_overflow.any():
        largest = float(np.finfo(logits.dtype).max)
        notes.append(PathNote("gap_overflow", (name, int(gap_overflow.sum()), largest)))
    if not notes:
        notes.append(PathNote("stable_fits"))
    rounded = (probabilities == 0) & np.isfinite(log_probabilities)
    if rounded.any():
        lowest = float(log_probabilities[rounded].min())
        notes.append(PathNote("rounds_to_zero", (int(rounded.sum()), lowest)))
    return _with_loss(notes, loss)

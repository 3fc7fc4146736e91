r"""What the libraries say when the true class gets probability 0: one function per convention.

The exact cross-entropy of a one-hot label is :math:`-\ln q_y`, and it is :math:`+\infty`
at :math:`q_y = 0`. Libraries whose loss takes probabilities (rather than logits) choose
not to return infinity for one bad sample, so each keeps the logarithm away from 0 in its
own way, and they disagree at the edge. (Losses that take logits, such as PyTorch's
``F.cross_entropy``, use log-softmax and need no clip.)

=====================  ================================================  ================
convention             rule (documented behaviour)                        loss at q_y = 0
=====================  ================================================  ================
exact                  :math:`-\ln q_y`                                   ``inf``
scikit-learn           ``log_loss`` clips ``y_proba`` to                  36.04
                       ``[eps, 1 - eps]``, ``eps`` the machine epsilon     (float32: 15.94)
                       of its dtype (float64: 2.22e-16), since 1.2
                       (a fixed 1e-15 before)
Keras                  ``categorical_crossentropy`` (probabilities)       16.12
                       clips to ``[epsilon, 1 - epsilon]``,
                       ``keras.config.epsilon() = 1e-7``
PyTorch BCELoss        ``binary_cross_entropy`` clamps each log           100
                       at :math:`\ge -100`
seed script            :math:`-\ln(q_y + 10^{-15})`                        34.54
=====================  ================================================  ================

Every function here takes the predicted probability of the true class (any shape) and
returns the loss in nats computed in float64, so the values differ from the libraries'
own only by their rounding (Keras computes in float32 by default).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_result, as_unit_interval

__all__ = [
    "CONVENTIONS",
    "Convention",
    "agreement_threshold",
    "convention_losses",
    "exact_log_loss",
    "keras_log_loss",
    "seed_log_loss",
    "sklearn_log_loss",
    "torch_log_loss",
]

#: scikit-learn clips to the machine epsilon of float64 (``np.finfo(np.float64).eps``).
SKLEARN_EPS = float(np.finfo(np.float64).eps)
#: ``keras.config.epsilon()``, the fuzz factor of Keras' probability losses.
KERAS_EPSILON = 1e-7
#: PyTorch's ``binary_cross_entropy`` clamps ``log p`` and ``log(1 - p)`` at -100.
TORCH_LOG_FLOOR = -100.0
#: The seed script ``Cross_Entropy_Single.py`` adds this to every probability.
SEED_OFFSET = 1e-15


def exact_log_loss(q_true: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""The exact loss :math:`-\ln q_y`: ``inf`` at :math:`q_y = 0`, no hidden epsilon.

    Examples
    --------
    >>> exact_log_loss([0.0, 0.5, 1.0]).tolist()
    [inf, 0.6931471805599453, 0.0]
    """
    q = as_unit_interval(q_true, "q_true")
    with np.errstate(divide="ignore"):
        return as_result(0.0 - np.log(q))  # 0.0 - x: a certain prediction costs +0.0


def sklearn_log_loss(q_true: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""scikit-learn's ``log_loss``: :math:`-\ln \operatorname{clip}(q_y, \epsilon, 1-\epsilon)`.

    With float64 predictions :math:`\epsilon` = ``np.finfo(np.float64).eps`` =
    :math:`2^{-52} \approx 2.22 \times 10^{-16}` (scikit-learn 1.2 and later, where the
    default ``eps="auto"`` became the dtype's machine epsilon; 1.5 removed the parameter;
    earlier releases used a fixed 1e-15). With float32 input the clip is
    :math:`2^{-23}` and the cap :math:`23 \ln 2 \approx 15.94` nats. The largest loss it can
    report for float64 is
    :math:`52 \ln 2 \approx 36.04` nats, and a certain correct prediction costs
    :math:`-\ln(1 - \epsilon) \approx 2.2 \times 10^{-16}`, not 0.

    Examples
    --------
    >>> print(round(float(sklearn_log_loss(0.0)), 4))  # 52 ln 2
    36.0437
    """
    q = as_unit_interval(q_true, "q_true")
    return as_result(-np.log(np.clip(q, SKLEARN_EPS, 1.0 - SKLEARN_EPS)))


def keras_log_loss(q_true: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""Keras' ``categorical_crossentropy`` on probabilities: clips q to [1e-7, 1 - 1e-7].

    Keras first divides the predictions by their sum (a no-op for a distribution), then
    clips with ``keras.config.epsilon()`` = 1e-7, so its largest loss is
    :math:`7 \ln 10 \approx 16.12` nats. (With ``from_logits=True`` it uses log-softmax
    instead and has no such cap.)

    Examples
    --------
    >>> print(round(float(keras_log_loss(0.0)), 4))  # 7 ln 10
    16.1181
    """
    q = as_unit_interval(q_true, "q_true")
    return as_result(-np.log(np.clip(q, KERAS_EPSILON, 1.0 - KERAS_EPSILON)))


def torch_log_loss(q_true: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""PyTorch's ``binary_cross_entropy`` with target 1: :math:`-\max(\ln q_y, -100)`.

    PyTorch documents that ``BCELoss`` "clamps its log function outputs to be greater than
    or equal to -100", so the loss is finite (at most 100) and its gradient stays finite.
    Below :math:`q_y = e^{-100} \approx 3.7 \times 10^{-44}` it no longer changes.

    Examples
    --------
    >>> torch_log_loss([0.0, 1e-50, 1.0]).tolist()
    [100.0, 100.0, 0.0]
    """
    q = as_unit_interval(q_true, "q_true")
    with np.errstate(divide="ignore"):
        return as_result(0.0 - np.maximum(np.log(q), TORCH_LOG_FLOOR))


def seed_log_loss(q_true: ArrayLike) -> NDArray[np.float64] | np.float64:
    r"""The seed script's :math:`-\ln(q_y + 10^{-15})`: at most :math:`15 \ln 10 \approx 34.54`.

    Adding the constant shifts every loss, not only the edge: at :math:`q_y = 1` it is
    :math:`-\ln(1 + 10^{-15}) \approx -1.1 \times 10^{-15}`, slightly below 0.

    Examples
    --------
    >>> print(round(float(seed_log_loss(0.0)), 4))  # 15 ln 10
    34.5388
    """
    q = as_unit_interval(q_true, "q_true")
    return as_result(-np.log(q + SEED_OFFSET))


@dataclass(frozen=True)
class Convention:
    """One library's way of computing :math:`-\\ln q_y`, with what it documents."""

    key: str
    library: str
    rule: str
    loss: Callable[[ArrayLike], NDArray[np.float64] | np.float64]

    @property
    def ceiling(self) -> float:
        """The loss this convention reports at :math:`q_y = 0` (its largest value)."""
        return float(self.loss(0.0))


#: The conventions the logits page compares, in the order it shows them.
CONVENTIONS: tuple[Convention, ...] = (
    Convention("exact", "Exact", "−log q_t is infinite at q_t = 0", exact_log_loss),
    Convention(
        "sklearn",
        "scikit-learn log_loss",
        "clips q to [ε, 1 − ε] with ε the machine epsilon of the input's dtype since "
        "scikit-learn 1.2 (a fixed 1e-15 before): 2.22e-16 for float64, as here, and 1.19e-7 "
        "for float32, which caps the loss near Keras's",
        sklearn_log_loss,
    ),
    Convention(
        "keras",
        "Keras categorical_crossentropy",
        "on probabilities (from_logits=False), clips q to [1e-7, 1 − 1e-7] with "
        "keras.config.epsilon() (Keras 3)",
        keras_log_loss,
    ),
    Convention(
        "torch",
        "PyTorch BCELoss",
        "binary_cross_entropy on probabilities clamps each log at −100, as PyTorch 2 "
        "documents (F.cross_entropy takes logits and needs no clip)",
        torch_log_loss,
    ),
    Convention(
        "seed",
        "Seed script",
        "the study note's code computes −log(q_t + 1e-15), which shifts every loss a little",
        seed_log_loss,
    ),
)


def agreement_threshold(grid: ArrayLike, *, tolerance: float = 5e-5) -> float:
    r"""The smallest :math:`q_t` of ``grid`` from which every convention stays within
    ``tolerance`` nats of the exact :math:`-\ln q_t` (at that point and every larger one).

    With the default tolerance, half a unit in the 4th decimal, this is where their
    numbers, as the logits page prints them, start to agree: Keras's clip at 1e-7 is the
    last to let go.

    Examples
    --------
    >>> agreement_threshold(np.logspace(-50, 0, 401))
    1e-07
    """
    q = np.asarray(grid, dtype=np.float64)
    exact = exact_log_loss(q)
    apart = np.zeros(q.shape, dtype=bool)
    for c in CONVENTIONS:
        with np.errstate(invalid="ignore"):  # inf - inf at q = 0: apart
            gap = np.abs(np.asarray(c.loss(q)) - exact)
        apart |= ~(gap <= tolerance)
    order = np.argsort(q)
    q, apart = q[order], apart[order]
    last_apart = np.flatnonzero(apart)
    if last_apart.size == 0:
        return float(q[0])
    if last_apart[-1] == q.size - 1:
        return float("nan")
    return float(q[last_apart[-1] + 1])


def convention_losses(q_true: ArrayLike) -> dict[str, NDArray[np.float64] | np.float64]:
    r"""The loss under every convention in :data:`CONVENTIONS`, keyed by ``Convention.key``.

    Examples
    --------
    >>> {k: round(float(v), 2) for k, v in convention_losses(0.0).items()}
    {'exact': inf, 'sklearn': 36.04, 'keras': 16.12, 'torch': 100.0, 'seed': 34.54}
    """
    return {c.key: c.loss(q_true) for c in CONVENTIONS}

"""Loss curves: how a loss changes as one class's predicted probability moves.

Every function is vectorised over a grid of probabilities; nothing loops over points.
The confidence-curves page compares cross-entropy with MSE, the Brier score, focal loss,
label smoothing and the 0-1 loss along one path -- the true class gets :math:`p_t`, the
other classes share the rest evenly -- and the gradients that drive training.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base
from xent_core._validation import (
    as_class_indices,
    as_float_array,
    as_probabilities,
    as_result,
    as_unit_interval,
    fraction,
    real_scalar,
)
from xent_core.coupling import set_class_probability
from xent_core.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    brier_logit_gradient,
    brier_score,
    focal_logit_gradient,
    focal_loss,
    logit_gradient,
    mse,
    mse_logit_gradient,
    one_hot,
    smooth_labels,
)
from xent_core.measures import cross_entropy, entropy
from xent_core.smoothing import optimal_logit_gap

__all__ = [
    "LOSSES",
    "SmoothedOptimum",
    "binary_curves",
    "binary_grid",
    "binary_minimum",
    "classification_losses",
    "confidence_grid",
    "even_split_prediction",
    "focal_stronger_range",
    "gradient_curves",
    "log_odds",
    "loss_along_class",
    "loss_curves",
    "loss_increase",
    "smoothed_minimum",
    "true_logit_gradients",
]


def confidence_grid(n: int = 400, *, low: float = 1e-3) -> NDArray[np.float64]:
    """Points in ``[low, 1]``, denser near 0 where ``-log`` changes fastest.

    Examples
    --------
    >>> g = confidence_grid(5)
    >>> float(g[0]), float(g[-1])
    (0.001, 1.0)
    """
    if not 0 < low < 1:
        raise ValueError(f"low must lie in (0, 1), got {low}")
    return np.geomspace(low, 1.0, n)


def loss_along_class(
    p: ArrayLike,
    q: ArrayLike,
    index: int,
    grid: ArrayLike,
    *,
    base: float | None = None,
) -> NDArray[np.float64]:
    r"""Cross-entropy :math:`H(p, q')` as class ``index`` of the prediction moves along ``grid``.

    The other classes keep their proportions (:func:`set_class_probability`), exactly
    as when the learner drags that bar. With a one-hot ``p`` on ``index`` this is
    :math:`-\log x`; with label smoothing or a soft ``p`` the curve has a finite
    minimum before 1.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        True distribution and prediction.
    index : int
        The class whose probability varies.
    grid : array_like, shape (G,)
        Values of :math:`q'_{index}` in [0, 1].
    base : float, optional
        Logarithm base (None: nats, 2: bits).

    Returns
    -------
    ndarray, shape (G,)

    Examples
    --------
    >>> loss_along_class([1, 0, 0], [0.7, 0.2, 0.1], 0, [0.7, 1.0]).round(4).tolist()
    [0.3567, 0.0]
    """
    moved = set_class_probability(q, index, grid)
    p_rows = np.broadcast_to(np.asarray(p, dtype=np.float64), moved.shape)
    return np.asarray(cross_entropy(p_rows, moved, base=base), dtype=np.float64)


# --- the confidence-curves page -----------------------------------------------------------

#: The losses the confidence-curves page compares, in the order they are drawn.
LOSSES: tuple[str, ...] = ("cross_entropy", "mse", "brier", "focal", "smoothed", "zero_one")


class SmoothedOptimum(NamedTuple):
    """Where label-smoothed cross-entropy is smallest along the even-split path."""

    p_true: float
    """:math:`1 - \\varepsilon + \\varepsilon / K`, the smoothed target's true-class mass."""
    loss: float
    """The smallest loss, :math:`H(y')` (the entropy of the smoothed target)."""
    logit_margin: float
    """:math:`z_{true} - z_{other}` at the optimum; ``inf`` when :math:`\\varepsilon = 0`."""


def even_split_prediction(p_true: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    r"""Predictions that give the true class (index 0) ``p_true`` and share the rest evenly.

    .. math:: q = \Bigl(p_t,\ \tfrac{1 - p_t}{K - 1},\ \dots,\ \tfrac{1 - p_t}{K - 1}\Bigr)

    Cross-entropy and focal loss depend on :math:`p_t` only; MSE, the Brier score and
    label-smoothed cross-entropy also depend on how the other classes split the rest, and
    the curves on the page use this even split.

    Parameters
    ----------
    p_true : array_like, shape (...)
        Probabilities of the true class, each in [0, 1].
    n_classes : int
        K, at least 2.

    Returns
    -------
    ndarray, shape (..., K)
        One distribution per value; the true class is column 0.

    Examples
    --------
    >>> even_split_prediction([0.7, 1.0], 3).round(4).tolist()
    [[0.7, 0.15, 0.15], [1.0, 0.0, 0.0]]
    """
    k = _class_count(n_classes)
    return set_class_probability(np.full(k, 1.0 / k), 0, p_true)


def classification_losses(
    q: ArrayLike,
    target: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float = 1.0,
    epsilon: float = 0.1,
    base: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    r"""Every loss the page compares, for predictions ``q`` and true classes ``target``.

    With :math:`t` the true class, :math:`y` its one-hot row and :math:`K` classes:

    .. math::

        \begin{aligned}
        \text{cross\_entropy} &= -\log q_t \\
        \text{mse} &= \tfrac1K \textstyle\sum_c (q_c - y_c)^2 \\
        \text{brier} &= \textstyle\sum_c (q_c - y_c)^2 \\
        \text{focal} &= -\alpha\, (1 - q_t)^{\gamma} \log q_t \\
        \text{smoothed} &= -\textstyle\sum_c y'_c \log q_c,
            \quad y' = (1 - \varepsilon)\, y + \varepsilon / K \\
        \text{zero\_one} &= 0 \text{ if } q_t > q_c \text{ for every } c \ne t \text{, else } 1
        \end{aligned}

    computed by :func:`~xent_core.cross_entropy`, :func:`~xent_core.mse`,
    :func:`~xent_core.brier_score`, :func:`~xent_core.focal_loss` and
    :func:`~xent_core.smooth_labels`. The 0-1 loss counts a tie for the top as wrong.

    Parameters
    ----------
    q : array_like, shape (..., K)
        Predictions (rows sum to 1).
    target : array_like of int, shape () or (...)
        True class indices, broadcast against ``q``'s leading shape.
    gamma : float
        Focal loss's focusing parameter, :math:`\gamma \ge 0`.
    alpha : float
        Focal loss's weight, :math:`\alpha \ge 0`.
    epsilon : float
        Label smoothing :math:`\varepsilon \in [0, 1]`.
    base : float, optional
        Logarithm base of the three log losses (None: nats, 2: bits). MSE, Brier and 0-1
        have no unit and ignore it.

    Returns
    -------
    dict of str to ndarray, keys :data:`LOSSES`
        Each of shape ``q.shape[:-1]``; the log losses are ``inf`` where
        :math:`q_t = 0` (and ``smoothed`` wherever some :math:`q_c = 0`, if
        :math:`\varepsilon > 0`).

    Examples
    --------
    The worked example, true class A:

    >>> losses = classification_losses([0.7, 0.2, 0.1], 0, gamma=0.0, epsilon=0.0)
    >>> {name: round(float(v), 4) for name, v in losses.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'cross_entropy': 0.3567, 'mse': 0.0467, 'brier': 0.14, 'focal': 0.3567,
     'smoothed': 0.3567, 'zero_one': 0.0}
    """
    q_arr, t, y = _predictions_and_targets(q, target)
    q_t = np.take_along_axis(q_arr, t[..., None], axis=-1)[..., 0]
    rivals = np.where(y == 1, -np.inf, q_arr).max(axis=-1)
    return {
        "cross_entropy": np.asarray(cross_entropy(y, q_arr, base=base)),
        "mse": np.asarray(mse(q_arr, y)),
        "brier": np.asarray(brier_score(q_arr, y)),
        "focal": np.asarray(
            in_base(focal_loss(q_arr, t, gamma=gamma, alpha=alpha, reduction="none"), base)
        ),
        "smoothed": np.asarray(cross_entropy(smooth_labels(y, epsilon), q_arr, base=base)),
        "zero_one": np.where(q_t > rivals, 0.0, 1.0),
    }


def true_logit_gradients(
    q: ArrayLike,
    target: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float = 1.0,
    epsilon: float = 0.1,
    base: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    r"""The derivative of every loss with respect to the true class's logit.

    For :math:`q = \mathrm{softmax}(z)` and any loss :math:`L(q)` the chain rule through
    softmax gives :math:`\partial L / \partial z_t = q_t\,(g_t - \sum_c g_c q_c)` with
    :math:`g = \partial L / \partial q`. Per loss:

    .. math::

        \begin{aligned}
        \text{cross\_entropy} &: q_t - 1 \\
        \text{mse} &: q_t\,(g_t - g \cdot q), \quad g = \tfrac{2}{K}(q - y) \\
        \text{brier} &: q_t\,(g_t - g \cdot q), \quad g = 2\,(q - y) \\
        \text{focal} &: \alpha\,(1 - q_t)^{\gamma}\,\bigl(\gamma\, q_t \log q_t - (1 - q_t)\bigr) \\
        \text{smoothed} &: q_t - y'_t = q_t - (1 - \varepsilon + \varepsilon / K) \\
        \text{zero\_one} &: 0 \text{ (a step function has no slope to follow)}
        \end{aligned}

    Each is the true class's entry of a gradient from :mod:`xent_core.losses`:
    :func:`~xent_core.logit_gradient` (cross-entropy, and smoothed against
    :func:`~xent_core.smooth_labels`), :func:`~xent_core.mse_logit_gradient`,
    :func:`~xent_core.brier_logit_gradient` and :func:`~xent_core.focal_logit_gradient`.
    Along the even split the MSE one is :math:`-2 q_t (1 - q_t)^2 / (K - 1)`: it vanishes
    as :math:`q_t \to 0`, where cross-entropy's tends to :math:`-1`.

    Parameters
    ----------
    q : array_like, shape (..., K)
        Predictions (rows sum to 1).
    target : array_like of int, shape () or (...)
        True class indices.
    gamma, alpha, epsilon, base
        As in :func:`classification_losses`; the log losses' gradients are per unit of
        logit in nats (or bits with ``base=2``).

    Returns
    -------
    dict of str to ndarray, keys :data:`LOSSES`
        Signed derivatives, each of shape ``q.shape[:-1]``; negative means gradient
        descent raises the true class's logit. All finite.

    Examples
    --------
    >>> grads = true_logit_gradients([0.7, 0.2, 0.1], 0, gamma=0.0, epsilon=0.0)
    >>> {name: round(float(v), 4) for name, v in grads.items()}  # doctest: +NORMALIZE_WHITESPACE
    {'cross_entropy': -0.3, 'mse': -0.0653, 'brier': -0.196, 'focal': -0.3,
     'smoothed': -0.3, 'zero_one': 0.0}
    """
    q_arr, t, y = _predictions_and_targets(q, target)
    g_alpha = _nonnegative_scalar(alpha, "alpha")
    g_gamma = _nonnegative_scalar(gamma, "gamma")

    def at_true(gradient: NDArray) -> NDArray:
        return np.take_along_axis(gradient, t[..., None], axis=-1)[..., 0]

    focal = focal_logit_gradient(q_arr, t, gamma=g_gamma, alpha=g_alpha)
    return {
        "cross_entropy": in_base(at_true(logit_gradient(y, q_arr)), base),
        "mse": at_true(mse_logit_gradient(q_arr, y)),
        "brier": at_true(brier_logit_gradient(q_arr, y)),
        "focal": in_base(at_true(focal), base),
        "smoothed": in_base(at_true(logit_gradient(smooth_labels(y, epsilon), q_arr)), base),
        "zero_one": np.zeros(t.shape),
    }


def loss_curves(
    p_true: ArrayLike,
    n_classes: int,
    *,
    gamma: float = 2.0,
    alpha: float = 1.0,
    epsilon: float = 0.1,
    base: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    r"""Every loss as the true class's probability :math:`p_t` moves, the rest split evenly.

    :func:`classification_losses` of :func:`even_split_prediction`. In closed form:

    .. math::

        \begin{aligned}
        \text{cross\_entropy} &= -\log p_t, \qquad
        \text{focal} = -\alpha (1 - p_t)^\gamma \log p_t \\
        \text{mse} &= \frac{(1 - p_t)^2}{K - 1}, \qquad
        \text{brier} = \frac{K\,(1 - p_t)^2}{K - 1} \\
        \text{smoothed} &= -\Bigl(1 - \varepsilon + \frac{\varepsilon}{K}\Bigr) \log p_t
            - \frac{(K - 1)\,\varepsilon}{K} \log \frac{1 - p_t}{K - 1} \\
        \text{zero\_one} &= 0 \text{ if } p_t > 1/K \text{, else } 1
        \end{aligned}

    Parameters
    ----------
    p_true : array_like, shape (G,)
        Probabilities of the true class in [0, 1], e.g. :func:`confidence_grid`.
    n_classes : int
        K, at least 2.
    gamma, alpha, epsilon, base
        As in :func:`classification_losses`.

    Returns
    -------
    dict of str to ndarray, keys :data:`LOSSES`, each of shape (G,)

    Examples
    --------
    >>> curves = loss_curves([0.1, 0.5, 1.0], 2, gamma=0.0, epsilon=0.0)
    >>> curves["cross_entropy"].round(4).tolist()  # -ln p
    [2.3026, 0.6931, 0.0]
    >>> curves["mse"].round(4).tolist()  # (1 - p)^2 for K = 2
    [0.81, 0.25, 0.0]
    >>> curves["zero_one"].tolist()  # a tie at 0.5 is not a correct answer
    [1.0, 1.0, 0.0]
    """
    return classification_losses(
        even_split_prediction(p_true, n_classes),
        0,
        gamma=gamma,
        alpha=alpha,
        epsilon=epsilon,
        base=base,
    )


def gradient_curves(
    p_true: ArrayLike,
    n_classes: int,
    *,
    gamma: float = 2.0,
    alpha: float = 1.0,
    epsilon: float = 0.1,
    base: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    r"""How hard each loss pushes the true logit: :math:`|\partial L / \partial z_t|` along
    the even split.

    The magnitudes of :func:`true_logit_gradients` of :func:`even_split_prediction`:

    .. math::

        |\partial_{z_t} \text{cross\_entropy}| = 1 - p_t, \qquad
        |\partial_{z_t} \text{mse}| = \frac{2\, p_t (1 - p_t)^2}{K - 1}

    so a confidently wrong prediction (:math:`p_t \to 0`) gets the strongest push from
    cross-entropy and almost none from MSE.

    Parameters
    ----------
    p_true : array_like, shape (G,)
        Probabilities of the true class in [0, 1].
    n_classes : int
        K, at least 2.
    gamma, alpha, epsilon, base
        As in :func:`classification_losses`.

    Returns
    -------
    dict of str to ndarray, keys :data:`LOSSES`, each of shape (G,), non-negative

    Examples
    --------
    >>> curves = gradient_curves([0.01, 0.5, 0.99], 2, epsilon=0.0)
    >>> curves["cross_entropy"].round(4).tolist()  # 1 - p
    [0.99, 0.5, 0.01]
    >>> curves["mse"].round(4).tolist()  # 2 p (1 - p)^2: small at both ends
    [0.0196, 0.25, 0.0002]
    """
    grads = true_logit_gradients(
        even_split_prediction(p_true, n_classes),
        0,
        gamma=gamma,
        alpha=alpha,
        epsilon=epsilon,
        base=base,
    )
    return {name: np.abs(values) for name, values in grads.items()}


def focal_stronger_range(
    gamma: float, alpha: float = 1.0, *, n: int = 4001
) -> tuple[float, float] | None:
    r"""Where focal loss pushes the true logit harder than cross-entropy, or ``None``.

    Focal loss's push is :math:`\alpha (1 - q_t)^\gamma \bigl(1 - q_t - \gamma q_t \ln q_t\bigr)`
    against cross-entropy's :math:`1 - q_t` (:func:`gradient_curves`; neither depends on
    K). Its factor :math:`-\gamma q_t \ln q_t > 0` can make it the larger one for hard
    examples: with :math:`\gamma = 2, \alpha = 1`, below :math:`q_t \approx 0.30`.

    Returns the smallest and largest :math:`q_t` of a grid of ``n`` points in
    :math:`[10^{-6}, 1]` (denser near 0) where focal's push is the larger, so the range is
    accurate to the grid's spacing; ``None`` when it never is.

    Examples
    --------
    >>> low, high = focal_stronger_range(2.0)
    >>> round(low, 6), round(high, 2)
    (1e-06, 0.3)
    >>> focal_stronger_range(0.0) is None  # gamma = 0, alpha = 1: the same loss
    True
    >>> focal_stronger_range(2.0, 0.25) is None  # RetinaNet's alpha = 0.25 scales it down
    True
    """
    grid = confidence_grid(n, low=1e-6)
    pushes = gradient_curves(grid, 2, gamma=gamma, alpha=alpha, epsilon=0.0)
    # A relative margin, so that equal curves (gamma = 0, alpha = 1) never count as stronger.
    stronger = pushes["focal"] > pushes["cross_entropy"] * (1 + 1e-9)
    if not stronger.any():
        return None
    where = grid[stronger]
    return float(where.min()), float(where.max())


def loss_increase(
    p_from: ArrayLike,
    p_to: ArrayLike,
    n_classes: int,
    *,
    gamma: float = 2.0,
    alpha: float = 1.0,
    epsilon: float = 0.1,
    base: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    r"""What each loss adds when :math:`p_t` falls from ``p_from`` to ``p_to``.

    :math:`L(p_{to}) - L(p_{from})` along the even split (:func:`loss_curves`). For
    cross-entropy this is :math:`\log(p_{from} / p_{to})`: every tenfold drop costs the
    same :math:`\ln 10 \approx 2.30` nats.

    Parameters
    ----------
    p_from, p_to : array_like, same shape (S,)
        Probabilities of the true class before and after, in [0, 1].
    n_classes : int
        K, at least 2.
    gamma, alpha, epsilon, base
        As in :func:`classification_losses`.

    Returns
    -------
    dict of str to ndarray, keys :data:`LOSSES`, each of shape (S,)
        ``inf`` when only ``p_to`` is infinitely bad; NaN when both ends are.

    Examples
    --------
    >>> added = loss_increase([0.9, 0.1], [0.5, 0.01], 3)
    >>> added["cross_entropy"].round(4).tolist()  # ln 1.8 and ln 10
    [0.5878, 2.3026]
    """
    before = loss_curves(p_from, n_classes, gamma=gamma, alpha=alpha, epsilon=epsilon, base=base)
    after = loss_curves(p_to, n_classes, gamma=gamma, alpha=alpha, epsilon=epsilon, base=base)
    with np.errstate(invalid="ignore"):  # inf - inf: no finite answer, NaN says so
        return {name: after[name] - before[name] for name in LOSSES}


def smoothed_minimum(
    n_classes: int, epsilon: float, *, base: float | None = None
) -> SmoothedOptimum:
    r"""Where label-smoothed cross-entropy bottoms out, along the even split.

    The loss is smallest when the prediction equals the smoothed target
    :math:`y' = (1 - \varepsilon)\, y + \varepsilon / K` (Gibbs' inequality), which the
    even split reaches at

    .. math::

        p_t^* = 1 - \varepsilon + \frac{\varepsilon}{K}, \qquad
        L^* = H(y'), \qquad
        z_t - z_c = \log \frac{p_t^*}{\varepsilon / K}
                  = \log\Bigl(1 + \frac{K (1 - \varepsilon)}{\varepsilon}\Bigr)

    The logit margin at the optimum is finite for :math:`\varepsilon > 0`: training stops
    pushing the logits apart, where plain cross-entropy (:math:`\varepsilon = 0`) keeps
    pushing forever.

    Parameters
    ----------
    n_classes : int
        K, at least 2.
    epsilon : float
        :math:`\varepsilon \in [0, 1]`.
    base : float, optional
        Logarithm base of the loss (None: nats, 2: bits). The margin is a difference of
        softmax logits, which are always natural logarithms.

    Returns
    -------
    SmoothedOptimum
        ``(p_true, loss, logit_margin)``; the margin is ``inf`` for
        :math:`\varepsilon = 0` and 0 for :math:`\varepsilon = 1`.

    Examples
    --------
    >>> best = smoothed_minimum(3, 0.1)
    >>> round(best.p_true, 4), round(best.loss, 4), round(best.logit_margin, 4)
    (0.9333, 0.2911, 3.3322)
    >>> smoothed_minimum(3, 0.0)
    SmoothedOptimum(p_true=1.0, loss=0.0, logit_margin=inf)
    """
    k = _class_count(n_classes)
    target = smooth_labels(one_hot(0, k), epsilon)
    return SmoothedOptimum(
        p_true=float(target[0]),
        loss=float(entropy(target, base=base)),
        logit_margin=float(optimal_logit_gap(epsilon, k)),
    )


def binary_grid(n: int = 401, *, logits: bool = False, bound: float = 8.0) -> NDArray[np.float64]:
    r"""An x axis for binary cross-entropy: logits in ``[-bound, bound]`` or their
    probabilities :math:`\sigma(x) = 1 / (1 + e^{-x})`.

    Probabilities from evenly spaced logits crowd towards 0 and 1, where
    :math:`-\log p` and :math:`-\log(1 - p)` bend fastest.

    Parameters
    ----------
    n : int
        Number of points, at least 2.
    logits : bool
        Return the logits themselves instead of probabilities.
    bound : float
        The largest logit, > 0 (8 reaches :math:`p \approx 0.99966`).

    Returns
    -------
    ndarray, shape (n,)
        Increasing; symmetric about 0 (logits) or 0.5 (probabilities).

    Examples
    --------
    >>> binary_grid(3, logits=True).tolist()
    [-8.0, 0.0, 8.0]
    >>> binary_grid(3, bound=np.log(9)).round(4).tolist()
    [0.1, 0.5, 0.9]
    """
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if not (np.isfinite(bound) and bound > 0):
        raise ValueError(f"bound must be finite and > 0, got {bound!r}")
    x = np.linspace(-bound, bound, n)
    # sigma(x) = (1 + tanh(x / 2)) / 2: no overflow for any x.
    return x if logits else 0.5 * (1.0 + np.tanh(0.5 * x))


def log_odds(p: ArrayLike) -> NDArray[np.float64]:
    r"""The logit whose sigmoid is ``p``: :math:`x = \log \frac{p}{1 - p}`.

    Parameters
    ----------
    p : array_like, any shape
        Probabilities in [0, 1].

    Returns
    -------
    ndarray, same shape as ``p``
        ``-inf`` at 0 and ``inf`` at 1.

    Examples
    --------
    >>> log_odds([0.5, 0.9]).round(4).tolist()
    [0.0, 2.1972]
    """
    p_arr = as_unit_interval(p, "p")
    with np.errstate(divide="ignore"):  # the ends map to -inf and +inf
        return as_result(np.log(p_arr) - np.log1p(-p_arr))


def binary_curves(
    x: ArrayLike, y: float, *, logits: bool = False, base: float | None = None
) -> dict[str, NDArray[np.float64]]:
    r"""Binary cross-entropy along an axis of probabilities (or logits), for label ``y``.

    .. math::

        \ell(p, y) = y\,\bigl(-\log p\bigr) + (1 - y)\,\bigl(-\log(1 - p)\bigr)

    ``"positive"`` is the branch for :math:`y = 1` (:math:`-\log p`), ``"negative"`` the
    branch for :math:`y = 0` (:math:`-\log(1 - p)`) and ``"label"`` the loss for the given
    (possibly soft) ``y``, their mix. With ``logits=True``, ``x`` holds logits and
    :math:`p = \sigma(x)`, computed by :func:`~xent_core.binary_cross_entropy_with_logits`
    (finite everywhere); otherwise by :func:`~xent_core.binary_cross_entropy`.

    Parameters
    ----------
    x : array_like, shape (G,)
        Probabilities in [0, 1], or finite logits when ``logits``.
    y : float
        The label, in [0, 1].
    logits : bool
        Whether ``x`` holds logits.
    base : float, optional
        Logarithm base (None: nats, 2: bits).

    Returns
    -------
    dict with keys "positive", "negative", "label", each of shape (G,)

    Examples
    --------
    >>> curves = binary_curves([0.7], 1.0)
    >>> {k: v.round(4).tolist() for k, v in curves.items()}
    {'positive': [0.3567], 'negative': [1.204], 'label': [0.3567]}
    >>> x = [float(np.log(0.7 / 0.3))]  # the logit of 0.7
    >>> binary_curves(x, 0.5, logits=True)["label"].round(4).tolist()  # (0.3567 + 1.204) / 2
    [0.7803]
    """
    label = fraction(y, "y")
    arr = as_float_array(x, "x")
    loss = binary_cross_entropy_with_logits if logits else binary_cross_entropy

    def at(value: float) -> NDArray:
        return in_base(np.asarray(loss(arr, np.full(arr.shape, value), reduction="none")), base)

    return {"positive": at(1.0), "negative": at(0.0), "label": at(label)}


def binary_minimum(
    y: float, *, logits: bool = False, base: float | None = None
) -> tuple[float, float]:
    r"""Where binary cross-entropy bottoms out for label ``y``: at :math:`p = y`.

    By Gibbs' inequality :math:`\ell(p, y) \ge \ell(y, y) = H(y)`, the label's own
    binary entropy: a soft label can never be met with zero loss.

    Parameters
    ----------
    y : float
        The label, in [0, 1].
    logits : bool
        Give the position as a logit, :math:`\log \frac{y}{1 - y}` (``-inf`` or ``inf``
        for a hard label), instead of as the probability ``y``.
    base : float, optional
        Logarithm base of the loss (None: nats, 2: bits).

    Returns
    -------
    tuple of float
        ``(x, loss)``: the position on the axis of :func:`binary_curves` and the
        smallest loss, 0 for a hard label.

    Examples
    --------
    >>> binary_minimum(0.5)  # ln 2: a coin-flip label costs at least one bit
    (0.5, 0.6931471805599453)
    >>> x, loss = binary_minimum(0.5, logits=True, base=2)
    >>> x, round(loss, 12)
    (0.0, 1.0)
    >>> binary_minimum(1.0)
    (1.0, 0.0)
    """
    label = fraction(y, "y")
    loss = float(entropy([label, 1.0 - label], base=base))
    return (float(log_odds(label)) if logits else label), loss


def _class_count(n_classes: int) -> int:
    if isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer) or n_classes < 2:
        raise ValueError(f"n_classes must be an integer of at least 2, got {n_classes!r}")
    return int(n_classes)


def _nonnegative_scalar(value: float, name: str) -> float:
    v = real_scalar(value, name)
    if not (np.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be finite and >= 0, got {value!r}")
    return v


def _predictions_and_targets(
    q: ArrayLike, target: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.intp], NDArray[np.float64]]:
    """Predictions, true class indices broadcast to ``q.shape[:-1]``, and their one-hot rows."""
    q_arr = as_probabilities(q, "q")
    k = q_arr.shape[-1]
    t = as_class_indices(target, "target", k)
    try:
        t = np.broadcast_to(t, q_arr.shape[:-1])
    except ValueError:
        raise ValueError(
            f"target of shape {t.shape} does not fit predictions of shape {q_arr.shape}"
        ) from None
    return q_arr, t, one_hot(t, k)

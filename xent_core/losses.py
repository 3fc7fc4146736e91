r"""Classification losses as deep-learning libraries define them, and their gradients.

Classes are on the last axis: predictions and logits have shape ``(N, K)`` (a batch) or
``(K,)`` (one sample). Losses are in nats. Where PyTorch defines a loss, the semantics
here follow its documentation (``torch.nn.functional.cross_entropy``,
``binary_cross_entropy``, ``binary_cross_entropy_with_logits``), including how "mean"
normalises weighted losses; differences are stated in each docstring.

Every loss's gradient in the logits is derived here and only here, in two entrances:
given the logits (``softmax_cross_entropy_grad``, ``softmax_focal_loss_grad``,
``softmax_mse_grad``, for training) and given the prediction :math:`q = \mathrm{softmax}(z)`
(``logit_gradient``, ``focal_logit_gradient``, ``mse_logit_gradient``,
``brier_logit_gradient``, for the curves). Label smoothing is :func:`smooth_labels`
wherever a smoothed target appears.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import xlogy
from xent_core._validation import (
    as_class_indices,
    as_class_weights,
    as_float_array,
    as_logits,
    as_nonnegative,
    as_probabilities,
    as_real_array,
    as_result,
    as_unit_interval,
    check_finite,
    check_reduction,
    check_same_shape,
    fraction,
    real_scalar,
)
from xent_core.softmax import log_softmax, logsumexp, softmax

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "brier_logit_gradient",
    "brier_score",
    "cross_entropy_from_logits",
    "focal_logit_gradient",
    "focal_loss",
    "logit_gradient",
    "mse",
    "mse_logit_gradient",
    "one_hot",
    "smooth_labels",
    "softmax_cross_entropy_grad",
    "softmax_focal_loss_grad",
    "softmax_mse_grad",
]


def _reduce(loss: NDArray, reduction: str) -> NDArray | np.floating:
    if reduction == "none":
        return as_result(loss)
    if reduction == "sum":
        return loss.sum()
    if loss.size == 0:  # PyTorch's answer, without numpy's "mean of empty slice" warning
        return np.float64(np.nan)
    return loss.mean()


def _target(
    target: ArrayLike, z: NDArray
) -> tuple[NDArray[np.intp], None] | tuple[None, NDArray[np.float64]]:
    """Split ``target`` into class indices (integer dtype) or probabilities (float dtype)."""
    t = as_real_array(target, "target")
    if t.dtype.kind == "f":
        if t.shape != z.shape:
            raise ValueError(
                "target with class probabilities must have the same shape as logits, "
                f"got {t.shape} and {z.shape} (pass class indices as integers)"
            )
        return None, as_probabilities(t, "target")
    if t.shape != z.shape[:-1]:
        raise ValueError(
            f"target class indices must have shape {z.shape[:-1]} (one per sample), got {t.shape}"
        )
    return as_class_indices(t, "target", z.shape[-1]), None


def one_hot(labels: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    r"""Encode integer class labels as one-hot rows.

    .. math:: y_{n,c} = 1 \text{ if } c = \mathrm{labels}_n \text{ else } 0

    Parameters
    ----------
    labels : array_like of int, shape (...)
        Class indices in ``[0, n_classes)``. Whole-valued floats are accepted.
    n_classes : int
        Number of classes ``K``, at least 1.

    Returns
    -------
    ndarray, shape (..., K), float64

    Examples
    --------
    >>> one_hot([0, 2], 3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    >>> one_hot(1, 2).tolist()
    [0.0, 1.0]
    """
    if isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer) or n_classes < 1:
        raise ValueError(f"n_classes must be a positive integer, got {n_classes!r}")
    idx = as_class_indices(labels, "labels", int(n_classes))
    return np.eye(int(n_classes))[idx]


def smooth_labels(y: ArrayLike, epsilon: float) -> NDArray[np.float64]:
    r"""Label smoothing: move a fraction :math:`\varepsilon` of the mass to the uniform.

    .. math:: y' = (1 - \varepsilon)\, y + \varepsilon / K

    Parameters
    ----------
    y : array_like, shape (..., K)
        One-hot or soft labels (distributions on the last axis).
    epsilon : float
        In [0, 1]; 0 leaves ``y`` unchanged, 1 gives the uniform distribution.

    Returns
    -------
    ndarray, shape (..., K)

    Examples
    --------
    >>> smooth_labels([1, 0, 0, 0], 0.1).round(3).tolist()
    [0.925, 0.025, 0.025, 0.025]
    """
    eps = fraction(epsilon, "epsilon")
    arr = as_probabilities(y, "y")
    return (1.0 - eps) * arr + eps / arr.shape[-1]


def cross_entropy_from_logits(
    logits: ArrayLike,
    target: ArrayLike,
    *,
    weight: ArrayLike | None = None,
    label_smoothing: float = 0.0,
    reduction: str = "mean",
) -> NDArray | np.floating:
    r"""Softmax cross-entropy straight from logits, as ``torch.nn.functional.cross_entropy``.

    With :math:`\log q = \mathrm{log\_softmax}(z)`, class weights :math:`w` (1 if None),
    smoothing :math:`\varepsilon` and :math:`K` classes, per sample :math:`n`:

    *Class-index targets* :math:`y_n`:

    .. math::

        \ell_n = (1 - \varepsilon)\,\bigl(-w_{y_n} \log q_{n, y_n}\bigr)
                 + \frac{\varepsilon}{K} \Bigl(-\sum_c w_c \log q_{n,c}\Bigr)

    and ``"mean"`` is :math:`\sum_n \ell_n / \sum_n w_{y_n}` (a weighted mean; equal to
    the plain mean when ``weight`` is None).

    *Probability targets* :math:`y_{n,c}` (float array, same shape as ``logits``), smoothed
    first to :math:`y' = (1 - \varepsilon)\, y + \varepsilon / K`:

    .. math:: \ell_n = -\sum_c w_c\, y'_{n,c} \log q_{n,c}

    and ``"mean"`` is :math:`\sum_n \ell_n / N`, whatever the weights.

    Parameters
    ----------
    logits : array_like, shape (N, K) or (K,)
        Finite unnormalised scores.
    target : array_like
        Integer class indices of shape (N,) (or a scalar for a single sample), or float
        class probabilities of the same shape as ``logits`` (each row summing to 1). The
        dtype decides which: pass indices as integers.
    weight : array_like, shape (K,), optional
        Non-negative weight per class.
    label_smoothing : float
        :math:`\varepsilon \in [0, 1]`.
    reduction : {"mean", "sum", "none"}
        "none" returns the per-sample losses, shape (N,) (a scalar for (K,) logits).

    Returns
    -------
    float or ndarray
        Loss in nats.

    Notes
    -----
    PyTorch's ``ignore_index`` and spatial (``(N, K, d1, ...)``) inputs are not supported.

    Examples
    --------
    >>> z = np.log([0.7, 0.2, 0.1])  # logits whose softmax is the worked example
    >>> print(round(cross_entropy_from_logits(z, 0), 4))
    0.3567
    >>> z = [[2.0, 0.0], [0.0, 2.0]]
    >>> cross_entropy_from_logits(z, [0, 0], reduction="none").round(4).tolist()
    [0.1269, 2.1269]
    >>> print(round(cross_entropy_from_logits(z, [0, 0], weight=[1.0, 3.0]), 4))
    1.1269
    """
    z = as_logits(logits, "logits")
    k = z.shape[-1]
    eps = fraction(label_smoothing, "label_smoothing")
    check_reduction(reduction)
    w = np.ones(k) if weight is None else as_class_weights(weight, "weight", k)
    indices, probs = _target(target, z)
    if probs is None and weight is None and eps == 0 and indices.size > 0:
        # Plain cross-entropy, -log q_y = logsumexp(z) - z_y: no (N, K) log-softmax array
        # and no smoothing term, about half the passes over a large batch (bench/data_speed.py).
        picked = np.take_along_axis(z, indices[..., None], axis=-1)[..., 0]
        return _reduce(logsumexp(z) - picked, reduction)
    log_q = log_softmax(z)

    if probs is not None:
        smoothed = smooth_labels(probs, eps)
        # 0.0 - x rather than -x, here and below: a perfect prediction costs +0.0, not -0.0.
        loss = 0.0 - (w * smoothed * log_q).sum(axis=-1)
        return _reduce(loss, reduction)  # "mean" divides by N whatever the weights

    # Index targets: the loss against smooth_labels(one_hot(y), eps), split into its two
    # parts as PyTorch documents it, with no (N, K) one-hot array.
    picked = np.take_along_axis(log_q, indices[..., None], axis=-1)[..., 0]
    w_target = w[indices]
    nll = 0.0 - w_target * picked
    smooth = (0.0 - (w * log_q).sum(axis=-1)) / k if eps else 0.0
    loss = (1.0 - eps) * nll + eps * smooth
    if reduction == "mean":
        total_weight = w_target.sum()
        if total_weight == 0:
            raise ValueError("weight of the target classes sums to 0, so the mean is undefined")
        return loss.sum() / total_weight
    return _reduce(loss, reduction)


def softmax_cross_entropy_grad(
    logits: ArrayLike,
    target: ArrayLike,
    *,
    weight: ArrayLike | None = None,
    label_smoothing: float = 0.0,
) -> NDArray[np.floating]:
    r"""Gradient of each sample's softmax cross-entropy with respect to its logits.

    .. math:: \frac{\partial \ell_n}{\partial z_{n,c}} = \mathrm{softmax}(z_n)_c - y'_{n,c},
              \qquad y' = (1 - \varepsilon)\, y + \varepsilon / K

    the prediction minus the (smoothed) target: positive pushes a logit down, negative
    pushes it up. With class weights :math:`w` the loss is
    :math:`\ell_n = -\sum_c w_c\, y'_{n,c} \log q_{n,c}` and the gradient
    :math:`q_{n,c} \sum_j w_j\, y'_{n,j} - w_c\, y'_{n,c}`. This is the unreduced loss of
    :func:`cross_entropy_from_logits`; the gradient of its ``"sum"`` is this array (its
    weighted ``"mean"`` divides the sum by :math:`\sum_n w_{y_n}`).

    Parameters
    ----------
    logits : array_like, shape (N, K) or (K,)
    target : array_like
        Integer class indices, shape (N,), or float probabilities, shape (N, K).
    weight : array_like, shape (K,), optional
        Non-negative weight per class (1 if None).
    label_smoothing : float
        :math:`\varepsilon \in [0, 1]`.

    Returns
    -------
    ndarray, same shape as ``logits``
        Without weights each row sums to 0.

    Examples
    --------
    >>> softmax_cross_entropy_grad(np.log([0.7, 0.2, 0.1]), 0).round(4).tolist()
    [-0.3, 0.2, 0.1]
    >>> softmax_cross_entropy_grad(np.log([0.7, 0.2, 0.1]), 0, weight=[2, 1, 1]).round(4).tolist()
    [-0.6, 0.4, 0.2]
    """
    z = as_logits(logits, "logits")
    k = z.shape[-1]
    eps = fraction(label_smoothing, "label_smoothing")
    indices, probs = _target(target, z)
    y = np.eye(k)[indices] if probs is None else probs
    smoothed = smooth_labels(y, eps).astype(z.dtype)
    if weight is None:
        return softmax(z) - smoothed
    weighted = as_class_weights(weight, "weight", k) * smoothed
    return softmax(z) * weighted.sum(axis=-1, keepdims=True) - weighted


def logit_gradient(p: ArrayLike, q: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of the cross-entropy with respect to the logits, given the prediction ``q``.

    For logits :math:`z` with :math:`\mathrm{softmax}(z) = q`:

    .. math:: \frac{\partial H(p, q)}{\partial z_i} = q_i - p_i

    The same as :func:`softmax_cross_entropy_grad`, given the prediction instead of the
    logits (any logits with softmax ``q`` have this gradient).

    Parameters
    ----------
    p, q : array_like, same shape (..., K)
        True distribution and prediction.

    Returns
    -------
    ndarray, same shape as ``p``

    Examples
    --------
    >>> logit_gradient([1, 0, 0], [0.7, 0.2, 0.1]).round(4).tolist()
    [-0.3, 0.2, 0.1]
    """
    p_arr = as_probabilities(p, "p")
    q_arr = as_probabilities(q, "q")
    check_same_shape(p_arr, q_arr, ("p", "q"))
    return q_arr - p_arr


def binary_cross_entropy(
    p: ArrayLike, y: ArrayLike, *, reduction: str = "mean"
) -> NDArray | np.floating:
    r"""Binary cross-entropy of predicted probabilities ``p`` against labels ``y``.

    .. math:: \ell = -\bigl[y \log p + (1 - y) \log(1 - p)\bigr], \qquad 0 \log 0 = 0

    Parameters
    ----------
    p : array_like, any shape
        Predicted probability of the positive class, in [0, 1].
    y : array_like, same shape as ``p``
        Labels in [0, 1]; soft labels allowed.
    reduction : {"mean", "sum", "none"}
        "mean" averages over every element.

    Returns
    -------
    float or ndarray
        Loss in nats; ``inf`` for a certain wrong answer (``p = 0`` with ``y = 1``).
        PyTorch instead clamps each log at -100, so it would report 100.

    Examples
    --------
    >>> print(round(binary_cross_entropy([0.7], [1]), 4))  # -ln 0.7
    0.3567
    >>> binary_cross_entropy([0.0, 1.0], [1, 1], reduction="none").tolist()
    [inf, 0.0]
    """
    check_reduction(reduction)
    p_arr = as_unit_interval(p, "p")
    y_arr = as_unit_interval(y, "y")
    check_same_shape(p_arr, y_arr, ("p", "y"))
    loss = 0.0 - (xlogy(y_arr, p_arr) + xlogy(1.0 - y_arr, 1.0 - p_arr))
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(
    x: ArrayLike,
    y: ArrayLike,
    *,
    pos_weight: ArrayLike | None = None,
    reduction: str = "mean",
) -> NDArray | np.floating:
    r"""Binary cross-entropy from a logit, stable for any finite ``x``.

    As ``torch.nn.functional.binary_cross_entropy_with_logits``, with
    :math:`\sigma(x) = 1 / (1 + e^{-x})` and positive-class weight :math:`w_+` (1 if None):

    .. math::

        \ell = -\bigl[w_+\, y \log \sigma(x) + (1 - y) \log(1 - \sigma(x))\bigr]
             = (1 - y)\, x + \bigl(1 + (w_+ - 1)\, y\bigr)\, \mathrm{softplus}(-x)

    using :math:`-\log \sigma(x) = \mathrm{softplus}(-x) = \max(-x, 0) + \log(1 + e^{-|x|})`,
    which never exponentiates a positive number. With :math:`w_+ = 1` this is
    :math:`\max(x, 0) - x y + \log(1 + e^{-|x|})`. The gradient is :math:`\sigma(x) - y`.

    Parameters
    ----------
    x : array_like, any shape
        Finite logits.
    y : array_like, same shape as ``x``
        Labels in [0, 1]; soft labels allowed.
    pos_weight : array_like, optional
        Non-negative weight of positive examples, broadcast against ``y`` (for multi-label
        ``(N, C)`` inputs, one per class, shape ``(C,)``).
    reduction : {"mean", "sum", "none"}
        "mean" averages over every element.

    Returns
    -------
    float or ndarray
        Loss in nats; finite.

    Examples
    --------
    >>> print(round(binary_cross_entropy_with_logits([np.log(0.7 / 0.3)], [1]), 4))  # -ln 0.7
    0.3567
    >>> binary_cross_entropy_with_logits([1e4, -1e4], [1, 1], reduction="none").tolist()
    [0.0, 10000.0]
    """
    check_reduction(reduction)
    x_arr = as_float_array(x, "x")
    check_finite(x_arr, "x")
    y_arr = as_unit_interval(y, "y")
    check_same_shape(x_arr, y_arr, ("x", "y"))
    if pos_weight is None:
        log_weight: NDArray | float = 1.0
    else:
        pw = as_nonnegative(pos_weight, "pos_weight")
        try:
            fits = np.broadcast_shapes(pw.shape, y_arr.shape) == y_arr.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(
                f"pos_weight of shape {pw.shape} does not broadcast to y's shape {y_arr.shape}"
            )
        log_weight = 1.0 + (pw - 1.0) * y_arr
    softplus_neg = np.maximum(-x_arr, 0.0) + np.log1p(np.exp(-np.abs(x_arr)))
    loss = (1.0 - y_arr) * x_arr + log_weight * softplus_neg
    return _reduce(loss, reduction)


def focal_loss(
    q: ArrayLike,
    target: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | ArrayLike | None = None,
    reduction: str = "mean",
) -> NDArray | np.floating:
    r"""Focal loss (Lin et al., 2017): cross-entropy that fades on easy, confident samples.

    .. math:: \ell_n = -\alpha_{y_n}\, (1 - q_{n,y_n})^{\gamma} \log q_{n,y_n}

    The factor :math:`(1 - q_t)^\gamma` shrinks the loss of samples already classified with
    confidence, so training focuses on hard ones. :math:`\gamma = 0` with no ``alpha`` is
    plain cross-entropy. A class weight of 0 gives loss 0 even where :math:`q_t = 0`.

    Parameters
    ----------
    q : array_like, shape (N, K) or (K,)
        Predicted probabilities (rows sum to 1).
    target : array_like of int, shape (N,) or scalar
        True class indices.
    gamma : float
        Focusing parameter, :math:`\gamma \ge 0`.
    alpha : float or array_like of shape (K,), optional
        Class weight: None for 1, a float for every class, or one non-negative value per
        class. (RetinaNet's binary form uses :math:`\alpha` for positives and
        :math:`1 - \alpha` for negatives; pass ``[1 - a, a]`` for that.)
    reduction : {"mean", "sum", "none"}
        "mean" is the plain mean over the N samples.

    Returns
    -------
    float or ndarray
        Loss in nats; ``inf`` where :math:`q_t = 0` (and :math:`\alpha_t > 0`).

    Examples
    --------
    >>> print(round(focal_loss([0.7, 0.2, 0.1], 0, gamma=0.0), 4))  # plain CE
    0.3567
    >>> print(round(focal_loss([0.7, 0.2, 0.1], 0, gamma=2.0), 4))  # 0.3^2 * 0.3567
    0.0321
    """
    check_reduction(reduction)
    g = _gamma(gamma)
    q_arr = as_probabilities(q, "q")
    indices = _class_indices(target, q_arr)
    alpha_t = _alpha_t(alpha, indices, q_arr.shape[-1])
    q_t = np.take_along_axis(q_arr, indices[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):  # log 0 = -inf is the answer
        loss = 0.0 - alpha_t * (1.0 - q_t) ** g * np.log(q_t)
    # 0 * inf from a zero class weight: that class is switched off, so its loss is 0.
    loss = np.where(np.asarray(alpha_t) == 0, 0.0, loss)
    return _reduce(loss, reduction)


def softmax_focal_loss_grad(
    logits: ArrayLike,
    target: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | ArrayLike | None = None,
) -> NDArray[np.float64]:
    r"""Gradient of each sample's focal loss of ``softmax(logits)`` with respect to the logits.

    With :math:`p = q_{n,y_n}` the probability of the true class,
    :math:`\ell_n = -\alpha_{y_n} (1 - p)^\gamma \log p` (:func:`focal_loss`) and
    :math:`\partial p / \partial z_c = p\,(\delta_{c y_n} - q_{n,c})`:

    .. math::

        \frac{\partial \ell_n}{\partial z_{n,c}}
            = \alpha_{y_n} (1 - p)^\gamma \Bigl(\gamma\, p\, \frac{\log p}{1 - p} - 1\Bigr)
              \bigl(\delta_{c y_n} - q_{n,c}\bigr)

    :math:`\gamma = 0` with no ``alpha`` gives :func:`softmax_cross_entropy_grad`. The
    factor :math:`\log p / (1 - p)` is taken at its limit :math:`-1` where :math:`p = 1`,
    and :math:`\log p`, :math:`1 - p` come from the log-softmax, so no 0/0 arises.

    Parameters
    ----------
    logits : array_like, shape (N, K) or (K,)
        Finite logits.
    target : array_like of int, shape (N,) or scalar
        True class indices.
    gamma : float
        :math:`\gamma \ge 0`.
    alpha : float or array_like of shape (K,), optional
        Class weight, as in :func:`focal_loss`.

    Returns
    -------
    ndarray, same shape as ``logits``
        The gradient of the unreduced loss (of its ``"sum"``); each row sums to 0.

    Examples
    --------
    >>> z = np.log([0.7, 0.2, 0.1])
    >>> softmax_focal_loss_grad(z, 0, gamma=0.0).round(4).tolist()  # cross-entropy's q - y
    [-0.3, 0.2, 0.1]
    >>> # true class: 0.3^2 * (2 * 0.7 * ln 0.7 - 0.3) = -0.0719, a quarter of CE's -0.3
    >>> softmax_focal_loss_grad(z, 0, gamma=2.0).round(4).tolist()
    [-0.0719, 0.048, 0.024]
    """
    z = as_logits(logits, "logits").astype(np.float64)
    k = z.shape[-1]
    g = _gamma(gamma)
    indices = _class_indices(target, z)
    alpha_t = _alpha_t(alpha, indices, k)
    log_q = log_softmax(z)
    log_p = np.take_along_axis(log_q, indices[..., None], axis=-1)[..., 0]
    rest = -np.expm1(log_p)  # 1 - p without cancellation when p is close to 1
    coefficient = _focal_coefficient(np.exp(log_p), log_p, rest, g, alpha_t)
    return coefficient[..., None] * (np.eye(k)[indices] - np.exp(log_q))


def focal_logit_gradient(
    q: ArrayLike,
    target: ArrayLike,
    *,
    gamma: float = 2.0,
    alpha: float | ArrayLike | None = None,
) -> NDArray[np.float64]:
    r"""Gradient of the focal loss with respect to the logits, given the prediction ``q``.

    :func:`softmax_focal_loss_grad` for any logits whose softmax is ``q``: with
    :math:`p = q_{n,y_n}`,

    .. math::

        \frac{\partial \ell_n}{\partial z_{n,c}}
            = \alpha_{y_n} (1 - p)^\gamma \Bigl(\gamma\, p\, \frac{\log p}{1 - p} - 1\Bigr)
              \bigl(\delta_{c y_n} - q_{n,c}\bigr)

    with :math:`p \log p = 0` at :math:`p = 0` (where the true class's entry is
    :math:`-\alpha_{y_n}`, finite although the loss is infinite) and
    :math:`\log p / (1 - p) = -1` at :math:`p = 1`.

    Parameters
    ----------
    q : array_like, shape (N, K) or (K,)
        Predicted probabilities (rows sum to 1).
    target : array_like of int, shape (N,) or scalar
        True class indices.
    gamma : float
        :math:`\gamma \ge 0`.
    alpha : float or array_like of shape (K,), optional
        Class weight, as in :func:`focal_loss`.

    Returns
    -------
    ndarray, same shape as ``q``
        Each row sums to 0.

    Examples
    --------
    >>> focal_logit_gradient([0.7, 0.2, 0.1], 0, gamma=0.0).round(4).tolist()  # q - y
    [-0.3, 0.2, 0.1]
    >>> focal_logit_gradient([0.7, 0.2, 0.1], 0, gamma=2.0).round(4).tolist()
    [-0.0719, 0.048, 0.024]
    >>> focal_logit_gradient([0.0, 1.0], 0, gamma=2.0).tolist()  # p = 0: -alpha, not NaN
    [-1.0, 1.0]
    """
    g = _gamma(gamma)
    q_arr = as_probabilities(q, "q")
    k = q_arr.shape[-1]
    indices = _class_indices(target, q_arr)
    alpha_t = _alpha_t(alpha, indices, k)
    p = np.take_along_axis(q_arr, indices[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore"):  # log 0 = -inf; the coefficient handles it
        log_p = np.log(p)
    coefficient = _focal_coefficient(p, log_p, 1.0 - p, g, alpha_t)
    return coefficient[..., None] * (np.eye(k)[indices] - q_arr)


def _focal_coefficient(
    p: NDArray, log_p: NDArray, rest: NDArray, gamma: float, alpha_t: NDArray | float
) -> NDArray[np.float64]:
    r""":math:`\alpha_t (1 - p)^\gamma (\gamma\, p \log p / (1 - p) - 1)`, the factor of
    :math:`\delta_{cy} - q_c` in the focal loss's logit gradient (``rest`` is :math:`1 - p`).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(rest > 0, log_p / rest, -1.0)  # log p / (1 - p) → -1 as p → 1
        focus = np.where(p > 0, gamma * p * ratio, 0.0)  # p log p → 0 as p → 0
    return alpha_t * rest**gamma * (focus - 1.0)


def _gamma(gamma: float) -> float:
    g = real_scalar(gamma, "gamma")
    if not (np.isfinite(g) and g >= 0):
        raise ValueError(f"gamma must be finite and >= 0, got {gamma!r}")
    return g


def _class_indices(target: ArrayLike, scores: NDArray) -> NDArray[np.intp]:
    """One class index per row of ``scores`` (probabilities or logits, classes last)."""
    t = as_real_array(target, "target")
    if t.shape != scores.shape[:-1]:
        raise ValueError(
            f"target class indices must have shape {scores.shape[:-1]} (one per sample), "
            f"got {t.shape}"
        )
    return as_class_indices(t, "target", scores.shape[-1])


def _alpha_t(alpha: float | ArrayLike | None, indices: NDArray[np.intp], k: int) -> NDArray | float:
    """The focal loss's class weight of each sample's true class (1 when ``alpha`` is None)."""
    if alpha is None:
        return 1.0
    a = as_nonnegative(alpha, "alpha")
    if a.shape not in ((), (k,)):
        raise ValueError(f"alpha must be a number or have shape ({k},), got {a.shape}")
    return a if a.ndim == 0 else a[indices]


def mse(q: ArrayLike, target: ArrayLike) -> NDArray | np.float64:
    r"""Mean squared error between a prediction and a target distribution, per sample.

    .. math:: \mathrm{MSE}_n = \frac{1}{K} \sum_c (q_{n,c} - y_{n,c})^2

    Bounded (at most :math:`2/K`), so unlike cross-entropy it never punishes a confident
    mistake without limit. Equal to :func:`brier_score` divided by K.

    Parameters
    ----------
    q, target : array_like, same shape (N, K) or (K,)
        Prediction and one-hot or soft target.

    Returns
    -------
    float or ndarray, shape (N,)

    Examples
    --------
    >>> print(round(mse([0.7, 0.2, 0.1], [1, 0, 0]), 4))  # (0.09 + 0.04 + 0.01) / 3
    0.0467
    """
    return as_result(_squared_errors(q, target).mean(axis=-1))


def softmax_mse_grad(logits: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of each sample's :func:`mse` of ``softmax(logits)`` with respect to the logits.

    With :math:`g_c = \partial\,\mathrm{MSE}_n / \partial q_c = \tfrac{2}{K}(q_c - y_c)`
    and the softmax Jacobian :math:`\partial q_c / \partial z_j = q_c(\delta_{cj} - q_j)`:

    .. math:: \frac{\partial\,\mathrm{MSE}_n}{\partial z_{n,j}}
              = q_j \Bigl(g_j - \sum_c q_c\, g_c\Bigr)

    Every term carries a factor :math:`q`, so a confident mistake (:math:`q_y \to 0` with
    another class near 1) gets almost no gradient: the reason MSE trains slowly from a bad
    start, where cross-entropy's :math:`q - y` pushes hardest.

    Parameters
    ----------
    logits : array_like, shape (N, K) or (K,)
        Finite logits.
    target : array_like
        Integer class indices, shape (N,), or float probabilities of the same shape as
        ``logits``.

    Returns
    -------
    ndarray, same shape as ``logits``
        The gradient of the unreduced loss (of its sum over samples); each row sums to 0.

    Examples
    --------
    >>> softmax_mse_grad([0.0, 0.0], 0).tolist()  # q = (1/2, 1/2), g = (-1/2, 1/2), q * g
    [-0.25, 0.25]
    """
    z = as_logits(logits, "logits").astype(np.float64)
    k = z.shape[-1]
    indices, probs = _target(target, z)
    y = np.eye(k)[indices] if probs is None else probs
    q = softmax(z)
    return _through_softmax(q, 2.0 / k * (q - y))


def mse_logit_gradient(q: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of :func:`mse` with respect to the logits, given the prediction ``q``.

    :func:`softmax_mse_grad` for any logits whose softmax is ``q``:
    :math:`q_j \bigl(g_j - \sum_c q_c\, g_c\bigr)` with :math:`g = \tfrac{2}{K}(q - y)`.

    Parameters
    ----------
    q, target : array_like, same shape (N, K) or (K,)
        Prediction and one-hot or soft target.

    Returns
    -------
    ndarray, same shape as ``q``
        Each row sums to 0.

    Examples
    --------
    >>> mse_logit_gradient([0.5, 0.5], [1, 0]).tolist()  # as softmax_mse_grad([0, 0], 0)
    [-0.25, 0.25]
    """
    q_arr, y_arr = _pair_of_distributions(q, target)
    return _through_softmax(q_arr, 2.0 / q_arr.shape[-1] * (q_arr - y_arr))


def brier_logit_gradient(q: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of :func:`brier_score` with respect to the logits, given the prediction ``q``.

    With :math:`g = \partial\,\mathrm{BS} / \partial q = 2\,(q - y)` and the softmax
    Jacobian, :math:`\partial\,\mathrm{BS} / \partial z_j = q_j (g_j - \sum_c q_c\, g_c)`:
    K times the MSE's, since the Brier score is K times the MSE.

    Parameters
    ----------
    q, target : array_like, same shape (N, K) or (K,)
        Prediction and one-hot or soft target.

    Returns
    -------
    ndarray, same shape as ``q``
        Each row sums to 0.

    Examples
    --------
    g = 2 (q - y) = (-0.6, 0.4, 0.2), :math:`q \cdot g = -0.32`, so :math:`q (g + 0.32)`:

    >>> brier_logit_gradient([0.7, 0.2, 0.1], [1, 0, 0]).round(4).tolist()
    [-0.196, 0.144, 0.052]
    """
    q_arr, y_arr = _pair_of_distributions(q, target)
    return _through_softmax(q_arr, 2.0 * (q_arr - y_arr))


def _through_softmax(q: NDArray[np.float64], dl_dq: NDArray[np.float64]) -> NDArray[np.float64]:
    r"""The chain rule through softmax: :math:`\partial L / \partial z_j
    = q_j (\partial L / \partial q_j - \sum_c q_c\, \partial L / \partial q_c)`."""
    return q * (dl_dq - (q * dl_dq).sum(axis=-1, keepdims=True))


def brier_score(q: ArrayLike, target: ArrayLike) -> NDArray | np.float64:
    r"""Brier score of a prediction, per sample: squared error summed over classes.

    .. math:: \mathrm{BS}_n = \sum_c (q_{n,c} - y_{n,c})^2

    Between 0 (perfect) and 2 (all mass on a wrong class).

    Parameters
    ----------
    q, target : array_like, same shape (N, K) or (K,)
        Prediction and one-hot or soft target.

    Returns
    -------
    float or ndarray, shape (N,)

    Examples
    --------
    >>> print(round(brier_score([0.7, 0.2, 0.1], [1, 0, 0]), 4))
    0.14
    """
    return as_result(_squared_errors(q, target).sum(axis=-1))


def _pair_of_distributions(
    q: ArrayLike, target: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    q_arr = as_probabilities(q, "q")
    y_arr = as_probabilities(target, "target")
    check_same_shape(q_arr, y_arr, ("q", "target"))
    return q_arr, y_arr


def _squared_errors(q: ArrayLike, target: ArrayLike) -> NDArray[np.float64]:
    q_arr, y_arr = _pair_of_distributions(q, target)
    return (q_arr - y_arr) ** 2

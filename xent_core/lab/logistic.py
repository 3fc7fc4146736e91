r"""Multinomial logistic regression trained by gradient descent on cross-entropy.

The model is :math:`q = \mathrm{softmax}(\tilde x W + b)` on standardised features
:math:`\tilde x = (x - \mu) / \sigma`. Training minimises the mean cross-entropy plus an
L2 penalty on the weights (not the bias),

.. math:: J(W, b) = \frac{1}{N} \sum_n -\log q_{n, y_n} + \frac{\lambda}{2} \lVert W \rVert^2,

which is scikit-learn's ``LogisticRegression(C=1 / (λ N))`` objective divided by
:math:`C N`. :math:`J` is strictly convex, so plain gradient descent with step
:math:`1 / L` (:math:`L` a bound on the curvature) reaches its unique minimum from zero
weights: no randomness, the same answer every time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_class_indices, as_float_array, check_finite
from xent_core.losses import softmax_cross_entropy_grad
from xent_core.softmax import softmax

__all__ = ["LogisticRegression", "fit_logistic_regression", "stratified_split"]


@dataclass(frozen=True, eq=False)
class LogisticRegression:
    """A fitted multinomial logistic regression.

    Attributes
    ----------
    weights : ndarray, shape (D, K)
        Weights on the standardised features.
    bias : ndarray, shape (K,)
    mean, scale : ndarray, shape (D,)
        The training features' mean and standard deviation (for standardising).
    iterations : int
        Gradient-descent steps taken.
    converged : bool
        Whether the gradient's largest entry fell below the tolerance.
    """

    weights: NDArray[np.float64]
    bias: NDArray[np.float64]
    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    iterations: int
    converged: bool

    def logits(self, x: ArrayLike) -> NDArray[np.float64]:
        """The logits ``standardise(x) @ W + b``, shape (N, K)."""
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.weights + (
            self.bias
        )

    def predict_proba(self, x: ArrayLike) -> NDArray[np.float64]:
        """The predicted probabilities ``softmax(logits)``, shape (N, K)."""
        return softmax(self.logits(x))


def stratified_split(
    labels: ArrayLike, *, test_fraction: float = 0.3, seed: int = 0
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Split sample indices into train and test sets, keeping each class's share.

    Each class's indices are shuffled with ``numpy.random.default_rng(seed)`` and the
    first ``round(test_fraction * n_class)`` go to the test set.

    Returns
    -------
    train, test : ndarray of intp, each sorted

    Examples
    --------
    >>> train, test = stratified_split([0] * 10 + [1] * 10, test_fraction=0.3, seed=1)
    >>> len(train), len(test), np.unique(test // 10).tolist()
    (14, 6, [0, 1])
    """
    y = np.asarray(labels)
    if y.ndim != 1:
        raise ValueError(f"labels must be 1-D, got shape {y.shape}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction!r}")
    rng = np.random.default_rng(seed)
    test = []
    for c in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == c))
        test.append(members[: round(test_fraction * len(members))])
    test_idx = np.sort(np.concatenate(test)).astype(np.intp)
    train_idx = np.setdiff1d(np.arange(len(y)), test_idx).astype(np.intp)
    return train_idx, test_idx


def fit_logistic_regression(
    x: ArrayLike,
    y: ArrayLike,
    *,
    n_classes: int | None = None,
    l2: float = 0.01,
    max_iter: int = 20_000,
    tol: float = 1e-8,
) -> LogisticRegression:
    r"""Fit a multinomial logistic regression by full-batch gradient descent.

    The gradient of the mean cross-entropy with respect to the logits is
    :math:`(\mathrm{softmax}(z) - \mathrm{onehot}(y)) / N`
    (:func:`~xent_core.softmax_cross_entropy_grad`); the chain rule gives
    :math:`\nabla_W J = \tilde X^\top G + \lambda W` and :math:`\nabla_b J = \sum_n G_n`.
    The step is :math:`1/L` with :math:`L = \tfrac12 \lambda_{\max}(A^\top A / N) + \lambda`,
    :math:`A = [\tilde X, 1]`: softmax's curvature is at most 1/2.

    Parameters
    ----------
    x : array_like, shape (N, D)
        Finite features.
    y : array_like of int, shape (N,)
        Class indices.
    n_classes : int, optional
        K; ``max(y) + 1`` if None.
    l2 : float
        :math:`\lambda > 0`, the weight penalty (it also keeps the weights finite when the
        classes are separable, as Iris's setosa is).
    max_iter : int
        Most gradient steps.
    tol : float
        Stop when every gradient entry is below this in absolute value.

    Returns
    -------
    LogisticRegression

    Examples
    --------
    >>> model = fit_logistic_regression([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> model.converged, model.predict_proba([[0.0], [3.0]]).argmax(axis=1).tolist()
    (True, [0, 1])
    """
    x_arr = as_float_array(x, "x").astype(np.float64)
    if x_arr.ndim != 2 or x_arr.shape[0] == 0:
        raise ValueError(f"x must have shape (N, D) with N >= 1, got {x_arr.shape}")
    check_finite(x_arr, "x")
    k = int(np.max(y)) + 1 if n_classes is None else int(n_classes)
    labels = as_class_indices(y, "y", k)
    if labels.shape != (x_arr.shape[0],):
        raise ValueError(
            f"y must have shape ({x_arr.shape[0]},), one per row of x, got {labels.shape}"
        )
    if not (np.isfinite(l2) and l2 > 0):
        raise ValueError(f"l2 must be finite and > 0, got {l2!r}")

    mean = x_arr.mean(axis=0)
    scale = x_arr.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)  # a constant feature stays 0 after centring
    xs = (x_arr - mean) / scale
    n, d = xs.shape
    augmented = np.hstack([xs, np.ones((n, 1))])
    step = 1.0 / (0.5 * np.linalg.eigvalsh(augmented.T @ augmented / n)[-1] + l2)

    w = np.zeros((d, k))
    b = np.zeros(k)
    converged = False
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        g = softmax_cross_entropy_grad(xs @ w + b, labels) / n
        grad_w = xs.T @ g + l2 * w
        grad_b = g.sum(axis=0)
        if max(np.abs(grad_w).max(), np.abs(grad_b).max()) < tol:
            converged = True
            break
        w -= step * grad_w
        b -= step * grad_b
    return LogisticRegression(
        weights=w, bias=b, mean=mean, scale=scale, iterations=iterations, converged=converged
    )

r"""Baselines a model must beat, and an accuracy that counts every class alike.

A model that ignores its input can still predict the class frequencies of the training
set. Its cross-entropy is then the entropy of those frequencies, :func:`prior_entropy`
(:math:`\ln K` for balanced classes, less when one class dominates), and if it always
answers the largest class its accuracy is :func:`majority_rate`. A model is learning
something from the input only when it does better than these.

On imbalanced data the accuracy rewards ignoring the small classes; the
:func:`balanced_accuracy`, the mean of the per-class recalls, gives every class the same
say (scikit-learn's ``balanced_accuracy_score``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from xent_core._validation import as_class_indices, as_nonnegative, as_real_array
from xent_core.measures import entropy

__all__ = ["balanced_accuracy", "majority_rate", "prior_entropy"]


def _labels(labels: ArrayLike) -> np.ndarray:
    """Class labels as a 1-D integer array (whole-valued floats pass)."""
    arr = as_real_array(labels, "labels")
    if arr.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class indices, got shape {arr.shape}")
    top = int(arr.max()) + 1 if arr.size and np.all(np.isfinite(arr)) else 1
    return as_class_indices(arr, "labels", max(top, 1))


def prior_entropy(
    labels_or_counts: ArrayLike, *, counts: bool = False, base: float | None = None
) -> float:
    r"""The entropy of the class frequencies: the loss of always predicting them.

    With :math:`\pi_c = N_c / N` the share of class :math:`c`, the prediction
    :math:`q = \pi` for every sample costs, on average over the same samples,

    .. math:: -\frac1N \sum_n \log \pi_{y_n} = -\sum_c \pi_c \log \pi_c = H(\pi)

    the cross-entropy of a model that knows the class frequencies and nothing else. It is
    :math:`\ln K` for balanced classes and 0 when every sample is of one class.

    Parameters
    ----------
    labels_or_counts : array_like, shape (N,) or (K,)
        Class labels (integer class indices), or, with ``counts=True``, the number of
        samples (or any non-negative weight) of each class.
    counts : bool
        Read ``labels_or_counts`` as counts per class instead of labels.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.

    Returns
    -------
    float
        NaN when there is no sample (no labels, or counts summing to 0).

    Examples
    --------
    >>> print(round(prior_entropy([0, 0, 1, 2]), 4))  # H(1/2, 1/4, 1/4) = 1.5 bits = 1.0397 nats
    1.0397
    >>> print(prior_entropy([2, 1, 1], counts=True, base=2))
    1.5
    >>> print(prior_entropy([5, 5, 5], base=2))  # one class: nothing to guess
    0.0
    """
    if counts:
        n = as_nonnegative(labels_or_counts, "counts")
        if n.ndim != 1 or n.size == 0:
            raise ValueError(f"counts must be a 1-D array, one per class, got shape {n.shape}")
    else:
        n = np.bincount(_labels(labels_or_counts)).astype(np.float64)
    total = n.sum()
    if total == 0:
        return float("nan")
    return float(entropy(n / total, base=base))


def majority_rate(labels: ArrayLike) -> float:
    """The accuracy of always predicting the most frequent class: its share of the labels.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        Class indices.

    Returns
    -------
    float
        Between :math:`1/K` and 1; NaN when there are no labels.

    Examples
    --------
    >>> majority_rate([0, 1, 1, 1, 2])  # class 1 is 3 of the 5
    0.6
    >>> majority_rate([])
    nan
    """
    y = _labels(labels)
    if y.size == 0:
        return float("nan")
    return float(np.bincount(y).max() / y.size)


def balanced_accuracy(recall: ArrayLike) -> float:
    r"""The mean of the per-class recalls, skipping classes without samples (NaN).

    .. math:: \text{balanced accuracy} = \frac{1}{|C|} \sum_{c \in C} \frac{\text{hits}_c}{N_c}

    over the classes :math:`C` that have samples. Always predicting the largest class
    scores :math:`1/|C|` here, however large that class is.

    Parameters
    ----------
    recall : array_like, shape (K,)
        Recall of each class in [0, 1]; NaN for a class with no samples.

    Returns
    -------
    float
        NaN when no class has a recall.

    Examples
    --------
    >>> balanced_accuracy([1.0, 0.5, np.nan])
    0.75
    >>> balanced_accuracy([1.0, 0.0, 0.0])  # the majority class only: 1/3
    0.3333333333333333
    >>> balanced_accuracy([np.nan, np.nan])
    nan
    """
    r = as_real_array(recall, "recall").astype(np.float64)
    if r.ndim != 1:
        raise ValueError(f"recall must be a 1-D array, one per class, got shape {r.shape}")
    known = r[~np.isnan(r)]
    if np.any((known < 0) | (known > 1)):
        raise ValueError("recall must lie in [0, 1] (or be NaN for a class without samples)")
    return float(known.mean()) if known.size else float("nan")

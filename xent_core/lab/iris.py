"""The seed script's experiment: logistic regression on Iris, probabilities on a test set.

A stratified 70/30 split (35 + 15 flowers of each species), a multinomial logistic
regression with scikit-learn's default penalty (C = 1), and the model's logits for the
45 test flowers: the predictions whose per-sample losses the data page studies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from xent_core.lab.datasets import Dataset, load_iris
from xent_core.lab.logistic import LogisticRegression, fit_logistic_regression, stratified_split

__all__ = ["IrisRun", "run_iris"]


@dataclass(frozen=True, eq=False)
class IrisRun:
    """The trained model and its test-set predictions.

    Attributes
    ----------
    data : Dataset
        All 150 flowers.
    train, test : ndarray of intp
        Indices into ``data`` (105 and 45).
    model : LogisticRegression
    test_logits : ndarray, shape (45, 3)
        The model's logits for the test flowers.
    test_labels : ndarray, shape (45,)
        Their true species.
    accuracy : float
        Share of test flowers whose most probable species is the true one.
    """

    data: Dataset
    train: NDArray[np.intp]
    test: NDArray[np.intp]
    model: LogisticRegression
    test_logits: NDArray[np.float64]
    test_labels: NDArray[np.intp]
    accuracy: float


def run_iris(*, seed: int = 0, test_fraction: float = 0.3) -> IrisRun:
    """Split Iris (seeded), train on the training part, predict the test part.

    The penalty is λ = 1 / N_train, which makes the objective scikit-learn's
    ``LogisticRegression(C=1.0)`` (its default) on standardised features.

    Examples
    --------
    >>> run = run_iris()
    >>> len(run.train), len(run.test), run.test_logits.shape, run.accuracy > 0.9
    (105, 45, (45, 3), True)
    """
    data = load_iris()
    train, test = stratified_split(data.labels, test_fraction=test_fraction, seed=seed)
    model = fit_logistic_regression(
        data.features[train], data.labels[train], n_classes=3, l2=1.0 / len(train)
    )
    logits = model.logits(data.features[test])
    labels = data.labels[test]
    return IrisRun(
        data=data,
        train=train,
        test=test,
        model=model,
        test_logits=logits,
        test_labels=labels,
        accuracy=float(np.mean(logits.argmax(axis=1) == labels)),
    )

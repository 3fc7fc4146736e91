"""Iris: the bundled data against scikit-learn's copy, and the logistic regression.

References: ``sklearn.datasets.load_iris`` (the same 150 rows as R's ``iris``), and
``sklearn.linear_model.LogisticRegression(C=1)`` fitted on the same standardised training
features, whose objective ours matches (see xent_core/logistic.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_iris as sklearn_iris
from sklearn.linear_model import LogisticRegression

from xent_core import fit_logistic_regression, load_iris, run_iris, softmax, stratified_split


def test_bundled_iris_equals_scikit_learns() -> None:
    ours = load_iris()
    theirs = sklearn_iris()
    np.testing.assert_array_equal(ours.features, theirs.data)  # every one of the 600 values
    np.testing.assert_array_equal(ours.labels, theirs.target)
    assert ours.class_names == list(theirs.target_names)
    assert ours.feature_names == [
        "sepal_length_cm",
        "sepal_width_cm",
        "petal_length_cm",
        "petal_width_cm",
    ]
    # The two rows where the UCI file differs from Fisher's paper (scikit-learn's docs).
    assert ours.features[34].tolist() == [4.9, 3.1, 1.5, 0.2]
    assert ours.features[37].tolist() == [4.9, 3.6, 1.4, 0.1]


def test_split_is_stratified_70_30_and_seeded() -> None:
    labels = load_iris().labels
    train, test = stratified_split(labels, test_fraction=0.3, seed=0)
    assert (len(train), len(test)) == (105, 45)
    assert np.bincount(labels[test]).tolist() == [15, 15, 15]
    assert np.intersect1d(train, test).size == 0
    assert np.union1d(train, test).tolist() == list(range(150))
    again = stratified_split(labels, test_fraction=0.3, seed=0)
    np.testing.assert_array_equal(again[1], test)
    other = stratified_split(labels, test_fraction=0.3, seed=1)
    assert not np.array_equal(other[1], test)


def test_split_rejects_bad_fractions() -> None:
    with pytest.raises(ValueError, match=r"^test_fraction must lie strictly between 0 and 1"):
        stratified_split([0, 1], test_fraction=1.0)


def test_training_is_reproducible_and_accurate() -> None:
    a = run_iris()
    b = run_iris()
    assert a.model.converged
    np.testing.assert_array_equal(a.model.weights, b.model.weights)  # bit for bit
    np.testing.assert_array_equal(a.test_logits, b.test_logits)
    assert a.accuracy > 0.9
    assert a.accuracy == pytest.approx(42 / 45)  # seed 0: 3 of 45 test flowers wrong
    assert a.test_logits.shape == (45, 3)


def test_model_matches_scikit_learn() -> None:
    run = run_iris()
    x = run.data.features[run.train]
    y = run.data.labels[run.train]
    standardised = (x - run.model.mean) / run.model.scale
    reference = LogisticRegression(C=1.0, tol=1e-12, max_iter=10_000).fit(standardised, y)
    np.testing.assert_allclose(run.model.weights, reference.coef_.T, atol=1e-5)
    np.testing.assert_allclose(run.model.bias, reference.intercept_, atol=1e-5)
    test_x = run.data.features[run.test]
    np.testing.assert_allclose(
        run.model.predict_proba(test_x),
        reference.predict_proba((test_x - run.model.mean) / run.model.scale),
        atol=1e-6,
    )


def test_fit_on_a_tiny_problem() -> None:
    model = fit_logistic_regression([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1], l2=0.1)
    assert model.converged
    p = softmax(model.logits([[0.0], [1.5], [3.0]]))
    assert p[0, 0] > 0.5 > p[2, 0]
    # Symmetric data: the boundary sits at the middle, x = 1.5, where both classes tie.
    assert p[1].tolist() == pytest.approx([0.5, 0.5], abs=1e-6)


def test_fit_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"^x must have shape \(N, D\) with N >= 1"):
        fit_logistic_regression([1.0, 2.0], [0, 1])
    with pytest.raises(ValueError, match=r"^y must have shape \(2,\), one per row of x"):
        fit_logistic_regression([[1.0], [2.0]], [0, 1, 1])
    with pytest.raises(ValueError, match=r"^l2 must be finite and > 0"):
        fit_logistic_regression([[1.0], [2.0]], [0, 1], l2=0.0)

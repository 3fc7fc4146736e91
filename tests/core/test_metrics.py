"""Baselines and class-balanced accuracy, against scikit-learn and SciPy.

prior_entropy is checked as what it claims to be: scikit-learn's ``log_loss`` of a model
that predicts the class frequencies for every sample (and SciPy's entropy of them);
majority_rate as the accuracy of predicting the largest class (``DummyClassifier``'s
"most_frequent"); balanced_accuracy as ``balanced_accuracy_score`` fed the same recalls.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.dummy import DummyClassifier
from sklearn.metrics import balanced_accuracy_score, log_loss, recall_score

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import balanced_accuracy, majority_rate, prior_entropy

pytestmark = pytest.mark.filterwarnings("error")

label_lists = st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=40)


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


# --- prior_entropy ---------------------------------------------------------------------


def test_prior_entropy_hand_checked():
    # Shares 1/2, 1/4, 1/4: H = 1/2 · 1 + 2 · 1/4 · 2 = 1.5 bits = 1.5 ln 2 nats.
    assert prior_entropy([0, 0, 1, 2], base=2) == pytest.approx(1.5, rel=1e-15)
    assert prior_entropy([0, 0, 1, 2]) == pytest.approx(1.5 * math.log(2), rel=1e-15)
    assert prior_entropy([2, 1, 1], counts=True, base=2) == pytest.approx(1.5, rel=1e-15)
    # Balanced classes: ln K; a single class: 0 (nothing left to guess).
    assert prior_entropy([0, 1, 2] * 7) == pytest.approx(math.log(3), rel=1e-15)
    assert prior_entropy([4, 4, 4]) == 0.0
    assert prior_entropy([0, 9, 0], counts=True) == 0.0
    # A class with no sample adds nothing; labels and counts agree.
    assert prior_entropy([0, 0, 3]) == prior_entropy([2, 0, 0, 1], counts=True)


@settings(**PROPERTY_SETTINGS)
@given(label_lists)
def test_prior_entropy_is_the_loss_of_predicting_the_frequencies(labels):
    y = np.array(labels)
    classes = np.unique(y)
    shares = np.array([np.mean(y == c) for c in classes])
    predicted = np.tile(shares, (len(y), 1))
    if len(classes) > 1:  # log_loss needs two classes
        expected = log_loss(y, predicted, labels=classes)
        assert prior_entropy(y) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert prior_entropy(y) == pytest.approx(stats.entropy(shares), rel=1e-12, abs=1e-15)
    assert prior_entropy(y, base=2) == pytest.approx(stats.entropy(shares, base=2), abs=1e-12)
    assert prior_entropy(np.bincount(y), counts=True) == pytest.approx(prior_entropy(y), abs=0)


def test_prior_entropy_of_nothing_is_nan():
    assert math.isnan(prior_entropy([]))
    assert math.isnan(prior_entropy([0.0, 0.0], counts=True))


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (([[0, 1]],), {}, "labels must be a 1-D array of class indices, got shape (1, 2)"),
        (([0, -1],), {}, "labels class indices must lie in [0, 0], got -1"),
        (([0, 1.5],), {}, "labels must be integer class indices, got non-integer values"),
        (([1, -1],), {"counts": True}, "counts must be finite and non-negative"),
        (([],), {"counts": True}, "counts must be a 1-D array, one per class, got shape (0,)"),
        (
            ([0, 1],),
            {"base": 1},
            "base must be a positive number other than 1 (or None for nats), got 1",
        ),
    ],
)
def test_prior_entropy_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=exact(message)):
        prior_entropy(*args, **kwargs)


# --- majority_rate ---------------------------------------------------------------------


def test_majority_rate_hand_checked():
    assert majority_rate([0, 1, 1, 1, 2]) == 0.6
    assert majority_rate([3]) == 1.0
    assert majority_rate([0, 1]) == 0.5  # a tie: either class, the same rate
    assert math.isnan(majority_rate([]))


@settings(**PROPERTY_SETTINGS)
@given(label_lists)
def test_majority_rate_is_the_accuracy_of_the_most_frequent_class(labels):
    y = np.array(labels)
    x = np.zeros((len(y), 1))
    dummy = DummyClassifier(strategy="most_frequent").fit(x, y)
    assert majority_rate(y) == pytest.approx(dummy.score(x, y), rel=1e-15)
    assert 1 / len(np.unique(y)) <= majority_rate(y) <= 1


# --- balanced_accuracy -----------------------------------------------------------------


def test_balanced_accuracy_hand_checked():
    assert balanced_accuracy([1.0, 0.5, np.nan]) == 0.75
    assert balanced_accuracy([1.0, 0.0, 0.0]) == pytest.approx(1 / 3, rel=1e-15)
    assert math.isnan(balanced_accuracy([np.nan, np.nan]))
    assert math.isnan(balanced_accuracy([]))


@settings(**PROPERTY_SETTINGS)
@given(label_lists, st.data())
def test_balanced_accuracy_matches_sklearn(labels, data):
    y = np.array(labels)
    k = 6
    pred = np.array(data.draw(st.lists(st.integers(0, k - 1), min_size=len(y), max_size=len(y))))
    # Per-class recall with NaN for classes without samples, as the training lab reports it.
    present = np.isin(np.arange(k), y)
    recall = np.full(k, np.nan)
    with warnings.catch_warnings():  # sklearn warns about one-class or unseen labels
        warnings.simplefilter("ignore", UserWarning)
        recall[present] = recall_score(y, pred, labels=np.arange(k)[present], average=None)
        expected = balanced_accuracy_score(y, pred)
    assert balanced_accuracy(recall) == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(
    ("recall", "message"),
    [
        ([[1.0]], "recall must be a 1-D array, one per class, got shape (1, 1)"),
        ([1.5, 0.5], "recall must lie in [0, 1] (or be NaN for a class without samples)"),
        ([-0.1], "recall must lie in [0, 1] (or be NaN for a class without samples)"),
    ],
)
def test_balanced_accuracy_bad_input(recall, message):
    with pytest.raises(ValueError, match=exact(message)):
        balanced_accuracy(recall)

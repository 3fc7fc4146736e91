r"""Seeded two-dimensional toy data for the training lab: blobs, moons and spirals.

Every generator draws from ``numpy.random.default_rng(seed)``, so the same arguments give
the same points on every machine. Each class is a shape (a disc, a half-circle, a spiral
arm) with Gaussian noise of standard deviation ``noise`` added to both coordinates; the
shapes span about ±2, so a noise of 0.2 blurs them and 1 hides them.

The seed script's data (10 random samples with 5 features and 3 classes) is here too,
as :func:`seed_script_data`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from xent_core.lab.logistic import stratified_split

__all__ = [
    "MAX_TOY_CLASSES",
    "TOY_DATASETS",
    "ToyData",
    "class_counts",
    "make_toy_data",
    "seed_script_data",
]

#: The generators of :func:`make_toy_data`.
TOY_DATASETS = ("blobs", "moons", "spirals")
#: The most classes a toy data set can have (the page's colours, and room on the plane).
MAX_TOY_CLASSES = 5
#: Every class gets at least this many samples, so the test split holds each class.
MIN_PER_CLASS = 5
TEST_FRACTION = 0.3
#: Extra room around the points for the decision-region map, as a fraction of their span.
PADDING = 0.1


@dataclass(frozen=True, eq=False)
class ToyData:
    """A labelled data set split into training and test samples.

    Attributes
    ----------
    kind : str
        One of :data:`TOY_DATASETS`, or ``"seed"`` for :func:`seed_script_data`.
    n_classes : int
        K; labels lie in ``[0, K)``.
    x_train, x_test : ndarray, shape (N, D), float64
    y_train, y_test : ndarray, shape (N,), intp
    bounds : tuple of 4 floats, or None
        ``(x_min, x_max, y_min, y_max)`` around every point with a margin, for two
        features; None for more.
    """

    kind: str
    n_classes: int
    x_train: NDArray[np.float64]
    y_train: NDArray[np.intp]
    x_test: NDArray[np.float64]
    y_test: NDArray[np.intp]
    bounds: tuple[float, float, float, float] | None

    @property
    def n_features(self) -> int:
        return int(self.x_train.shape[1])

    def train_counts(self) -> NDArray[np.intp]:
        """Training samples per class, shape (K,)."""
        return np.bincount(self.y_train, minlength=self.n_classes)


def class_counts(n_samples: int, n_classes: int, imbalance: float = 1.0) -> NDArray[np.intp]:
    r"""Samples per class, shrinking geometrically from class 0 to class K − 1.

    Class :math:`c` gets a share proportional to :math:`r^{-c/(K-1)}` for the imbalance
    ratio :math:`r`, so the largest class has :math:`r` times as many samples as the
    smallest. Each class gets at least :data:`MIN_PER_CLASS` (which caps the ratio a small
    sample can reach) and class 0 takes what rounding leaves, so the counts sum to
    ``n_samples``.

    Parameters
    ----------
    n_samples : int
        Total, at least ``MIN_PER_CLASS * n_classes``.
    n_classes : int
        K, from 2 to :data:`MAX_TOY_CLASSES` (5).
    imbalance : float
        :math:`r \ge 1`; 1 gives equal classes.

    Returns
    -------
    ndarray of intp, shape (K,)

    Examples
    --------
    >>> class_counts(300, 3).tolist()
    [100, 100, 100]
    >>> # shares 1 : 10^-1/2 : 10^-1 = 1 : 0.3162 : 0.1 (sum 1.4162): 300 × 0.3162 / 1.4162 = 67
    >>> class_counts(300, 3, imbalance=10).tolist()
    [212, 67, 21]
    """
    k = _whole(n_classes, "n_classes", 2, MAX_TOY_CLASSES)
    n = _whole(n_samples, "n_samples", MIN_PER_CLASS * k, 100_000)
    if not (np.isfinite(imbalance) and imbalance >= 1):
        raise ValueError(f"imbalance must be a finite number >= 1, got {imbalance!r}")
    shares = float(imbalance) ** (-np.arange(k) / (k - 1))
    counts = np.maximum(MIN_PER_CLASS, np.round(n * shares / shares.sum())).astype(np.intp)
    counts[0] = n - counts[1:].sum()
    return counts


def _whole(value: object, name: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not lo <= value <= hi:
        raise ValueError(f"{name} must be a whole number from {lo} to {hi}, got {value!r}")
    return int(value)


def _blobs(labels: NDArray[np.intp], k: int, rng: np.random.Generator) -> NDArray[np.float64]:
    """Discs of radius 0.6 whose centres sit evenly on a circle of radius 1.5."""
    angle = 2 * np.pi * labels / k + np.pi / 2
    centres = 1.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    # Uniform in the disc: radius ∝ √u.
    r = 0.6 * np.sqrt(rng.random(len(labels)))
    theta = 2 * np.pi * rng.random(len(labels))
    return centres + np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _moons(labels: NDArray[np.intp], k: int, rng: np.random.Generator) -> NDArray[np.float64]:
    """Interlocking half-circles of radius 1 (scikit-learn's two moons, continued to K)."""
    t = np.pi * rng.random(len(labels))
    up = labels % 2 == 0  # even classes open downwards, odd ones upwards and lower
    x = labels + np.cos(t) - (k - 1) / 2
    y = np.where(up, np.sin(t), 0.5 - np.sin(t)) - 0.25
    return np.column_stack([x, y])


def _spirals(labels: NDArray[np.intp], k: int, rng: np.random.Generator) -> NDArray[np.float64]:
    """K arms winding out from the centre to radius 2, each turning 7/8 of a circle."""
    t = rng.random(len(labels))
    r = 0.1 + 1.9 * t
    angle = 2 * np.pi * labels / k + 1.75 * np.pi * t
    return np.column_stack([r * np.cos(angle), r * np.sin(angle)])


_SHAPES = {"blobs": _blobs, "moons": _moons, "spirals": _spirals}


def make_toy_data(
    kind: str,
    *,
    n_classes: int = 3,
    n_samples: int = 300,
    noise: float = 0.2,
    imbalance: float = 1.0,
    seed: int = 0,
) -> ToyData:
    """Draw a seeded 2-D data set and split it, stratified, into 70 % training and 30 % test.

    Parameters
    ----------
    kind : {"blobs", "moons", "spirals"}
    n_classes : int
        K, from 2 to :data:`MAX_TOY_CLASSES` (5).
    n_samples : int
        Total samples (training and test), split between the classes by
        :func:`class_counts`.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate, from 0 to 2.
    imbalance : float
        Ratio of the largest class to the smallest, at least 1.
    seed : int
        Seeds the points and the split.

    Returns
    -------
    ToyData

    Examples
    --------
    >>> data = make_toy_data("moons", n_classes=2, n_samples=100, seed=1)
    >>> data.x_train.shape, data.x_test.shape, data.train_counts().tolist()
    ((70, 2), (30, 2), [35, 35])
    >>> again = make_toy_data("moons", n_classes=2, n_samples=100, seed=1)
    >>> bool(np.array_equal(data.x_train, again.x_train))
    True
    """
    if kind not in _SHAPES:
        raise ValueError(f"kind must be one of {', '.join(TOY_DATASETS)}, got {kind!r}")
    if not (np.isfinite(noise) and 0 <= noise <= 2):
        raise ValueError(f"noise must lie between 0 and 2, got {noise!r}")
    seed = _whole(seed, "seed", 0, 2**32 - 1)
    counts = class_counts(n_samples, n_classes, imbalance)
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(n_classes), counts).astype(np.intp)
    x = _SHAPES[kind](labels, n_classes, rng) + noise * rng.standard_normal((len(labels), 2))
    train, test = stratified_split(labels, test_fraction=TEST_FRACTION, seed=seed)
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = PADDING * (hi - lo)
    bounds = (
        float(lo[0] - pad[0]),
        float(hi[0] + pad[0]),
        float(lo[1] - pad[1]),
        float(hi[1] + pad[1]),
    )
    return ToyData(kind, n_classes, x[train], labels[train], x[test], labels[test], bounds)


def seed_script_data(seed: int = 0) -> ToyData:
    """The seed script's data: 10 random samples, 5 uniform features, 3 classes.

    The seed script (Keras: Dense(10, relu) → Dense(3, softmax), categorical
    cross-entropy, Adam) trained on ``np.random.rand(10, 5)`` with random labels. Here the
    labels are a random order of 4, 3 and 3 samples, so every class appears. There is no
    test set: ten random points with random labels can only be memorised.

    Returns
    -------
    ToyData
        ``x_train`` of shape (10, 5); empty test arrays; ``bounds`` None.

    Examples
    --------
    >>> data = seed_script_data(0)
    >>> data.x_train.shape, data.x_test.shape, sorted(data.train_counts().tolist())
    ((10, 5), (0, 5), [3, 3, 4])
    """
    seed = _whole(seed, "seed", 0, 2**32 - 1)
    rng = np.random.default_rng(seed)
    x = rng.random((10, 5))
    y = rng.permutation(np.arange(10) % 3).astype(np.intp)
    return ToyData("seed", 3, x, y, np.empty((0, 5)), np.empty(0, dtype=np.intp), None)

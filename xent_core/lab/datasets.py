"""Small real data sets bundled with the package (no network at run time)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

import numpy as np
from numpy.typing import NDArray

__all__ = ["Dataset", "load_iris"]


@dataclass(frozen=True, eq=False)
class Dataset:
    """Features and integer class labels.

    Attributes
    ----------
    features : ndarray, shape (N, D), float64
    labels : ndarray, shape (N,), intp
        Class indices into ``class_names``.
    feature_names : list of str
    class_names : list of str
    """

    features: NDArray[np.float64]
    labels: NDArray[np.intp]
    feature_names: list[str]
    class_names: list[str]


def load_iris() -> Dataset:
    """Fisher's Iris data: 150 flowers, 4 measurements in cm, 3 species (50 each).

    Read from ``xent_core/data/iris.csv`` (source and licence in ``data/README.md``).

    Returns
    -------
    Dataset
        Features of shape (150, 4); labels 0 = setosa, 1 = versicolor, 2 = virginica.

    Examples
    --------
    >>> iris = load_iris()
    >>> iris.features.shape, iris.class_names
    ((150, 4), ['setosa', 'versicolor', 'virginica'])
    >>> iris.features[0].tolist(), int(iris.labels[0])
    ([5.1, 3.5, 1.4, 0.2], 0)
    """
    text = resources.files("xent_core").joinpath("data", "iris.csv").read_text(encoding="utf-8")
    header, *rows = csv.reader(io.StringIO(text))
    class_names = list(dict.fromkeys(row[-1] for row in rows))
    index = {name: i for i, name in enumerate(class_names)}
    return Dataset(
        features=np.array([[float(v) for v in row[:-1]] for row in rows]),
        labels=np.array([index[row[-1]] for row in rows], dtype=np.intp),
        feature_names=header[:-1],
        class_names=class_names,
    )

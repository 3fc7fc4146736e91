"""Compatibility path: the toy data sets moved to :mod:`xent_core.lab.toydata`."""

from xent_core.lab.toydata import (
    MAX_TOY_CLASSES,
    TOY_DATASETS,
    ToyData,
    class_counts,
    make_toy_data,
    seed_script_data,
)

__all__ = [
    "MAX_TOY_CLASSES",
    "TOY_DATASETS",
    "ToyData",
    "class_counts",
    "make_toy_data",
    "seed_script_data",
]

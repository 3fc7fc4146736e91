"""Compatibility path: the training loop moved to :mod:`xent_core.lab.train`."""

from xent_core.lab.train import (
    LOSS_KINDS,
    EpochMetrics,
    Objective,
    Regions,
    TrainConfig,
    TrainState,
    balanced_class_weights,
    decision_regions,
    run_training,
    start_training,
    train_epochs,
)

__all__ = [
    "LOSS_KINDS",
    "EpochMetrics",
    "Objective",
    "Regions",
    "TrainConfig",
    "TrainState",
    "balanced_class_weights",
    "decision_regions",
    "run_training",
    "start_training",
    "train_epochs",
]

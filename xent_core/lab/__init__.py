"""The training lab: data, a small network, optimisers and the training loop, in numpy.

Not the maths a learner reads first, but the engine that shows it at work:

* :mod:`~xent_core.lab.toydata` and :mod:`~xent_core.lab.datasets`: seeded toy data
  (blobs, moons, spirals, the seed script's ten samples) and the bundled Iris data;
* :mod:`~xent_core.lab.network`: an MLP with backpropagation;
* :mod:`~xent_core.lab.optimizers`: SGD with momentum and Adam, as PyTorch defines them;
* :mod:`~xent_core.lab.train`: the epoch-by-epoch training loop over the losses of
  :mod:`xent_core.losses`;
* :mod:`~xent_core.lab.logistic` and :mod:`~xent_core.lab.iris`: logistic regression,
  and the seed script's Iris experiment.
"""

from xent_core.lab.datasets import Dataset, load_iris
from xent_core.lab.iris import IrisRun, run_iris
from xent_core.lab.logistic import LogisticRegression, fit_logistic_regression, stratified_split
from xent_core.lab.network import ACTIVATIONS, MLP
from xent_core.lab.optimizers import OPTIMIZERS, SGD, Adam
from xent_core.lab.toydata import (
    MAX_TOY_CLASSES,
    TOY_DATASETS,
    ToyData,
    class_counts,
    make_toy_data,
    seed_script_data,
)
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
    "ACTIVATIONS",
    "LOSS_KINDS",
    "MAX_TOY_CLASSES",
    "MLP",
    "OPTIMIZERS",
    "SGD",
    "TOY_DATASETS",
    "Adam",
    "Dataset",
    "EpochMetrics",
    "IrisRun",
    "LogisticRegression",
    "Objective",
    "Regions",
    "ToyData",
    "TrainConfig",
    "TrainState",
    "balanced_class_weights",
    "class_counts",
    "decision_regions",
    "fit_logistic_regression",
    "load_iris",
    "make_toy_data",
    "run_iris",
    "run_training",
    "seed_script_data",
    "start_training",
    "stratified_split",
    "train_epochs",
]

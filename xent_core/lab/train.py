r"""Mini-batch training of a softmax classifier on toy data, one epoch at a time.

A run is a chain of immutable :class:`TrainState` values: :func:`start_training`
initialises the network and measures it before any step (epoch 0), and
:func:`train_epochs` returns a new state some epochs further on. Everything random comes
from ``numpy.random.default_rng`` seeded with ``[seed, stream, ...]``: the initial weights
from one stream, each epoch's shuffle from another keyed by the epoch number. So a run is
reproducible bit for bit, however its epochs are split into calls.

The network sees the features as drawn (the toy data span about ±2; the seed script fed
its uniform [0, 1) features to Keras unscaled). The objectives are the mean over a
mini-batch of:

* ``cross_entropy``: :math:`-\log q_y` (:func:`~xent_core.cross_entropy_from_logits`);
* ``smoothed``: cross-entropy against :math:`(1 - \varepsilon)\,y + \varepsilon / K`;
* ``weighted``: :math:`-w_y \log q_y` with "balanced" weights :math:`w_c = N / (K N_c)`
  from the training counts, divided by :math:`\sum_n w_{y_n}` (PyTorch's weighted mean);
* ``focal``: :math:`-(1 - q_y)^\gamma \log q_y` (:func:`~xent_core.focal_loss`);
* ``mse``: :math:`\frac1K \sum_c (q_c - y_c)^2` on the softmax outputs
  (:func:`~xent_core.mse`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core.lab.network import ACTIVATIONS, MLP
from xent_core.lab.optimizers import OPTIMIZERS, SGD, Adam
from xent_core.lab.toydata import ToyData
from xent_core.losses import (
    cross_entropy_from_logits,
    focal_loss,
    mse,
    one_hot,
    softmax_cross_entropy_grad,
    softmax_focal_loss_grad,
    softmax_mse_grad,
)
from xent_core.softmax import softmax

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

#: The training objectives, by name.
LOSS_KINDS = ("cross_entropy", "smoothed", "weighted", "focal", "mse")
# Streams of the run's random numbers (see the module docstring).
_INIT_STREAM = 1
_SHUFFLE_STREAM = 2


def balanced_class_weights(labels: ArrayLike, n_classes: int) -> NDArray[np.float64]:
    r"""Weights that give every class the same total weight: :math:`w_c = N / (K N_c)`.

    scikit-learn's ``compute_class_weight("balanced")``. A class with no sample gets 0
    (it has no loss to weigh).

    Examples
    --------
    >>> balanced_class_weights([0, 0, 0, 1], 2).tolist()  # 4 / (2·3), 4 / (2·1)
    [0.6666666666666666, 2.0]
    """
    y = np.asarray(labels, dtype=np.intp)
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    with np.errstate(divide="ignore"):
        return np.where(counts > 0, len(y) / (n_classes * counts), 0.0)


@dataclass(frozen=True, eq=False)
class Objective:
    """A training loss: its mean value over a batch and that mean's gradient in the logits.

    Attributes
    ----------
    kind : str
        One of :data:`LOSS_KINDS`.
    gamma : float
        Focal loss's :math:`\\gamma` (``focal`` only).
    smoothing : float
        Label smoothing's :math:`\\varepsilon` (``smoothed`` only).
    weight : ndarray of shape (K,), optional
        Class weights (``weighted`` only; required there).

    Examples
    --------
    >>> obj = Objective("cross_entropy")
    >>> z = np.zeros((2, 3))  # equal logits: q = 1/3 for every class
    >>> print(round(obj.value(z, np.array([0, 2])), 4))  # ln 3
    1.0986
    >>> obj.gradient(z, np.array([0, 2])).round(4).tolist()  # (q - y) / N
    [[-0.3333, 0.1667, 0.1667], [0.1667, 0.1667, -0.3333]]
    """

    kind: str
    gamma: float = 2.0
    smoothing: float = 0.1
    weight: NDArray[np.float64] | None = None

    def __post_init__(self) -> None:
        if self.kind not in LOSS_KINDS:
            raise ValueError(f"kind must be one of {', '.join(LOSS_KINDS)}, got {self.kind!r}")
        if self.kind == "weighted" and self.weight is None:
            raise ValueError("the weighted loss needs class weights (weight=...)")

    @property
    def is_log_loss(self) -> bool:
        """Whether the loss is measured in nats (every kind but MSE)."""
        return self.kind != "mse"

    def value(self, logits: NDArray[np.float64], labels: NDArray[np.intp]) -> float:
        """The mean loss of a batch: ``logits`` (N, K), ``labels`` (N,)."""
        k = logits.shape[-1]
        if self.kind == "cross_entropy":
            return float(cross_entropy_from_logits(logits, labels))
        if self.kind == "smoothed":
            return float(cross_entropy_from_logits(logits, labels, label_smoothing=self.smoothing))
        if self.kind == "weighted":
            return float(cross_entropy_from_logits(logits, labels, weight=self.weight))
        if self.kind == "focal":
            return float(focal_loss(softmax(logits), labels, gamma=self.gamma))
        return float(np.mean(mse(softmax(logits), one_hot(labels, k))))

    def gradient(
        self, logits: NDArray[np.float64], labels: NDArray[np.intp]
    ) -> NDArray[np.float64]:
        """The gradient of :meth:`value` with respect to ``logits``, shape (N, K)."""
        n = logits.shape[0]
        if self.kind == "cross_entropy":
            return softmax_cross_entropy_grad(logits, labels) / n
        if self.kind == "smoothed":
            return softmax_cross_entropy_grad(logits, labels, label_smoothing=self.smoothing) / n
        if self.kind == "weighted":
            total = self.weight[labels].sum()  # the weighted mean's denominator
            return softmax_cross_entropy_grad(logits, labels, weight=self.weight) / total
        if self.kind == "focal":
            return softmax_focal_loss_grad(logits, labels, gamma=self.gamma) / n
        return softmax_mse_grad(logits, labels) / n


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run besides the data.

    Attributes
    ----------
    hidden : tuple of int
        Hidden-layer widths; ``()`` is softmax regression.
    activation : {"relu", "tanh"}
    optimizer : {"sgd", "adam"}
    learning_rate : float
    momentum : float
        SGD's momentum (ignored by Adam).
    batch_size : int
        Samples per step; a batch as large as the training set is full-batch descent.
    epochs : int
        Passes over the training set.
    loss : str
        One of :data:`LOSS_KINDS`.
    gamma, smoothing : float
        The focal loss's γ and label smoothing's ε.
    seed : int
        Seeds the initial weights and the shuffles.
    init_scale : float
        Multiplies the Glorot-uniform initial weights.
    """

    hidden: tuple[int, ...] = (16,)
    activation: str = "relu"
    optimizer: str = "adam"
    learning_rate: float = 0.01
    momentum: float = 0.9
    batch_size: int = 32
    epochs: int = 100
    loss: str = "cross_entropy"
    gamma: float = 2.0
    smoothing: float = 0.1
    seed: int = 0
    init_scale: float = 1.0

    def __post_init__(self) -> None:
        if any(isinstance(h, bool) or not isinstance(h, int) or h < 1 for h in self.hidden):
            raise ValueError(f"hidden must hold positive integer widths, got {self.hidden!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}")
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}")
        if self.loss not in LOSS_KINDS:
            raise ValueError(f"loss must be one of {', '.join(LOSS_KINDS)}")
        for name in ("batch_size", "epochs"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not (np.isfinite(self.gamma) and self.gamma >= 0):
            raise ValueError(f"gamma must be finite and >= 0, got {self.gamma!r}")
        if not 0 <= self.smoothing <= 1:
            raise ValueError(f"smoothing must lie in [0, 1], got {self.smoothing!r}")
        if not (np.isfinite(self.init_scale) and self.init_scale > 0):
            raise ValueError(f"init_scale must be finite and > 0, got {self.init_scale!r}")
        self.make_optimizer()  # validates the learning rate and momentum

    def make_optimizer(self) -> SGD | Adam:
        if self.optimizer == "sgd":
            return SGD(self.learning_rate, self.momentum)
        return Adam(self.learning_rate)


@dataclass(frozen=True, eq=False)
class EpochMetrics:
    """The model measured on the training and test sets after an epoch (0: before any).

    Test values are NaN when there is no test set. ``recall_*`` has one entry per class
    (NaN for a class without samples). ``logit_spread`` is the root-mean-square distance
    of the training logits from their row means: 0 means every prediction is uniform.
    """

    epoch: int
    objective_train: float
    objective_test: float
    cross_entropy_train: float
    cross_entropy_test: float
    accuracy_train: float
    accuracy_test: float
    recall_train: NDArray[np.float64]
    recall_test: NDArray[np.float64]
    logit_spread: float


@dataclass(frozen=True, eq=False)
class TrainState:
    """A run after some epochs: the network's parameters, the optimiser's, the history.

    Treat it as immutable: :func:`train_epochs` works on copies of the arrays.
    """

    data: ToyData
    config: TrainConfig
    model: MLP
    objective: Objective
    params: tuple[NDArray[np.float64], ...]
    optimizer_state: tuple[NDArray[np.float64], ...]
    steps: int
    history: tuple[EpochMetrics, ...]
    diverged: bool = False

    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return self.history[-1].epoch

    @property
    def done(self) -> bool:
        """All epochs trained, or training diverged."""
        return self.diverged or self.epoch >= self.config.epochs

    def logits(self, x: ArrayLike) -> NDArray[np.float64]:
        """Logits for inputs ``x`` of shape (N, D): shape (N, K)."""
        return self.model.logits(self.params, x)

    def predict_proba(self, x: ArrayLike) -> NDArray[np.float64]:
        """Predicted probabilities, shape (N, K)."""
        return softmax(self.logits(x))


def _recall(pred: NDArray[np.intp], y: NDArray[np.intp], k: int) -> NDArray[np.float64]:
    hits = np.bincount(y[pred == y], minlength=k).astype(np.float64)
    counts = np.bincount(y, minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, hits / counts, np.nan)


def _measure(
    model: MLP,
    params: tuple[NDArray, ...] | list[NDArray],
    objective: Objective,
    data: ToyData,
    epoch: int,
) -> tuple[EpochMetrics, bool]:
    """The metrics after ``epoch``, and whether every number came out finite."""
    k = data.n_classes
    values = {}
    finite = True
    for split, x, y in (("train", data.x_train, data.y_train), ("test", data.x_test, data.y_test)):
        if len(y) == 0:
            values[split] = (np.nan, np.nan, np.nan, np.full(k, np.nan), np.nan)
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            z = model.logits(params, x)
        if not np.isfinite(z).all():
            finite = False
            values[split] = (np.nan, np.nan, np.nan, np.full(k, np.nan), np.nan)
            continue
        pred = z.argmax(axis=1)
        centred = z - z.mean(axis=1, keepdims=True)
        ce = float(cross_entropy_from_logits(z, y))
        values[split] = (
            ce if objective.kind == "cross_entropy" else objective.value(z, y),
            ce,
            float(np.mean(pred == y)),
            _recall(pred, y, k),
            float(np.sqrt(np.mean(centred * centred))),
        )
    train, test = values["train"], values["test"]
    finite = finite and bool(np.isfinite(train[0]))
    metrics = EpochMetrics(
        epoch=epoch,
        objective_train=train[0],
        objective_test=test[0],
        cross_entropy_train=train[1],
        cross_entropy_test=test[1],
        accuracy_train=train[2],
        accuracy_test=test[2],
        recall_train=train[3],
        recall_test=test[3],
        logit_spread=train[4],
    )
    return metrics, finite


def start_training(data: ToyData, config: TrainConfig) -> TrainState:
    """Initialise a run: weights drawn (:meth:`MLP.init`), epoch 0 measured.

    Examples
    --------
    >>> from xent_core.lab.toydata import seed_script_data
    >>> state = start_training(seed_script_data(0), TrainConfig(hidden=(10,)))
    >>> state.epoch, [p.shape for p in state.params]
    (0, [(5, 10), (10,), (10, 3), (3,)])
    >>> print(round(state.history[0].cross_entropy_train, 2))  # close to ln 3 = 1.10
    1.18
    """
    model = MLP((data.n_features, *config.hidden, data.n_classes), config.activation)
    rng = np.random.default_rng([config.seed, _INIT_STREAM])
    params = tuple(model.init(rng, scale=config.init_scale))
    weight = (
        balanced_class_weights(data.y_train, data.n_classes) if config.loss == "weighted" else None
    )
    objective = Objective(config.loss, config.gamma, config.smoothing, weight)
    first, finite = _measure(model, params, objective, data, 0)
    return TrainState(
        data=data,
        config=config,
        model=model,
        objective=objective,
        params=params,
        # The optimiser works on the parameters flattened into one vector.
        optimizer_state=tuple(
            config.make_optimizer().init([np.concatenate([p.ravel() for p in params])])
        ),
        steps=0,
        history=(first,),
        diverged=not finite,
    )


def _views(flat: NDArray[np.float64], shapes: list[tuple[int, ...]]) -> list[NDArray[np.float64]]:
    """Arrays of the given shapes that share ``flat``'s memory, in order."""
    out = []
    start = 0
    for shape in shapes:
        size = int(np.prod(shape))
        out.append(flat[start : start + size].reshape(shape))
        start += size
    return out


def train_epochs(state: TrainState, epochs: int = 1) -> TrainState:
    """Train up to ``epochs`` more epochs (fewer if the run ends first); a new state.

    Each epoch shuffles the training set with ``default_rng([seed, 2, epoch])`` and takes
    one optimiser step per mini-batch. If a logit or a loss stops being finite (a learning
    rate far too large), the run stops with ``diverged`` set.

    Examples
    --------
    >>> from xent_core.lab.toydata import make_toy_data
    >>> data = make_toy_data("blobs", n_samples=90, noise=0.0)
    >>> state = start_training(data, TrainConfig(hidden=(), learning_rate=0.1, epochs=20))
    >>> later = train_epochs(state, 5)
    >>> later.epoch, later.history[-1].objective_train < state.history[0].objective_train
    (5, True)
    """
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    if state.done or epochs == 0:
        return state
    config = state.config
    model = state.model
    objective = state.objective
    optimizer = config.make_optimizer()
    # One flat copy of every parameter, with per-layer views into it: the optimiser then
    # updates a single array per step instead of one per layer (a quarter of the calls).
    flat = np.concatenate([p.ravel() for p in state.params])
    params = _views(flat, [p.shape for p in state.params])
    opt_state = [s.copy() for s in state.optimizer_state]
    x = state.data.x_train
    y = state.data.y_train
    n = len(y)
    batch = min(config.batch_size, n)
    steps = state.steps
    history = list(state.history)
    diverged = False
    last = min(state.epoch + epochs, config.epochs)
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(state.epoch + 1, last + 1):
            order = np.random.default_rng([config.seed, _SHUFFLE_STREAM, epoch]).permutation(n)
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                logits, inputs = model.forward(params, x[idx])
                if not np.isfinite(logits).all():
                    diverged = True
                    break
                grads = model.backward(params, inputs, objective.gradient(logits, y[idx]))
                steps += 1
                optimizer.step(
                    [flat], [np.concatenate([g.ravel() for g in grads])], opt_state, steps
                )
            metrics, finite = _measure(model, params, objective, state.data, epoch)
            history.append(metrics)
            if diverged or not finite:
                diverged = True
                break
    return replace(
        state,
        params=tuple(params),
        optimizer_state=tuple(opt_state),
        steps=steps,
        history=tuple(history),
        diverged=diverged,
    )


def run_training(data: ToyData, config: TrainConfig) -> TrainState:
    """A whole run at once: :func:`start_training`, then every epoch.

    Examples
    --------
    >>> from xent_core.lab.toydata import make_toy_data
    >>> data = make_toy_data("blobs", n_samples=90, noise=0.0)
    >>> state = run_training(data, TrainConfig(hidden=(), learning_rate=0.1, epochs=30))
    >>> state.done, state.history[-1].accuracy_test
    (True, 1.0)
    """
    return train_epochs(start_training(data, config), config.epochs)


@dataclass(frozen=True, eq=False)
class Regions:
    """The predicted class and its probability over a grid of the input plane.

    Attributes
    ----------
    xs, ys : ndarray, shape (R,)
        The grid's coordinates along each feature.
    label : ndarray of intp, shape (R, R)
        ``label[i, j]``: the class predicted at ``(xs[j], ys[i])`` (rows follow y).
    confidence : ndarray, shape (R, R)
        That class's probability, between 1/K and 1.
    """

    xs: NDArray[np.float64]
    ys: NDArray[np.float64]
    label: NDArray[np.intp]
    confidence: NDArray[np.float64]


def decision_regions(state: TrainState, resolution: int = 80) -> Regions:
    """Classify every point of a ``resolution`` × ``resolution`` grid over the data.

    Only for two features (the grid spans ``state.data.bounds``) and a run that has not
    diverged.

    Examples
    --------
    >>> from xent_core.lab.toydata import make_toy_data
    >>> state = start_training(make_toy_data("blobs"), TrainConfig())
    >>> regions = decision_regions(state, 20)
    >>> regions.label.shape, bool((regions.confidence >= 1 / 3).all())
    ((20, 20), True)
    """
    bounds = state.data.bounds
    if bounds is None or state.data.n_features != 2:
        raise ValueError("decision regions need data with two features")
    if state.diverged:
        raise ValueError("a diverged run has no decision regions (its logits are not finite)")
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    xs = np.linspace(bounds[0], bounds[1], resolution)
    ys = np.linspace(bounds[2], bounds[3], resolution)
    gx, gy = np.meshgrid(xs, ys)
    q = state.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))
    shape = (resolution, resolution)
    return Regions(xs, ys, q.argmax(axis=1).reshape(shape), q.max(axis=1).reshape(shape))

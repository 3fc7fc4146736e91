"""The training lab's core: toy data, the network's backprop, the losses' gradients, the
optimisers and the training loop, checked against finite differences, hand-computed steps
and scikit-learn."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, recall_score
from sklearn.neural_network import MLPClassifier
from sklearn.utils.class_weight import compute_class_weight

import xent_core as xc

LN3 = math.log(3)
SEED_SETUP = xc.TrainConfig(  # the page's "Seed script" preset
    hidden=(10,), activation="relu", optimizer="adam", learning_rate=0.01, epochs=200
)


def central_difference(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """∂f/∂x by central differences, entry by entry (x is modified and restored)."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f()
        x[i] = old - h
        down = f()
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def random_logits(n: int = 7, k: int = 4, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 1.5, (n, k)), rng.integers(0, k, n)


# --- gradients of the losses -------------------------------------------------------------

OBJECTIVES = [
    xc.Objective("cross_entropy"),
    xc.Objective("smoothed", smoothing=0.2),
    xc.Objective("weighted", weight=np.array([0.5, 2.0, 1.0, 3.0])),
    xc.Objective("focal", gamma=0.0),
    xc.Objective("focal", gamma=0.5),
    xc.Objective("focal", gamma=2.0),
    xc.Objective("mse"),
]


@pytest.mark.parametrize("objective", OBJECTIVES, ids=lambda o: f"{o.kind}")
def test_objective_gradient_matches_finite_differences(objective: xc.Objective) -> None:
    z, y = random_logits()
    numeric = central_difference(lambda: objective.value(z, y), z)
    assert np.allclose(objective.gradient(z, y), numeric, atol=1e-8, rtol=1e-6)


def test_weighted_cross_entropy_gradient_with_smoothing_and_soft_targets() -> None:
    z, y = random_logits(seed=1)
    w = np.array([0.5, 2.0, 1.0, 3.0])
    for target in (y, np.random.default_rng(2).dirichlet(np.ones(4), size=len(y))):
        analytic = xc.softmax_cross_entropy_grad(z, target, weight=w, label_smoothing=0.1)
        numeric = central_difference(
            lambda t=target: xc.cross_entropy_from_logits(
                z, t, weight=w, label_smoothing=0.1, reduction="sum"
            ),
            z,
        )
        assert np.allclose(analytic, numeric, atol=1e-8)


def test_unit_weights_give_the_unweighted_gradient() -> None:
    z, y = random_logits(seed=3)
    with_ones = xc.softmax_cross_entropy_grad(z, y, weight=np.ones(4), label_smoothing=0.1)
    plain = xc.softmax_cross_entropy_grad(z, y, label_smoothing=0.1)
    assert np.allclose(with_ones, plain, rtol=0, atol=1e-15)
    assert np.allclose(plain.sum(axis=1), 0.0, atol=1e-15)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 4.0])
def test_focal_gradient_matches_finite_differences_of_focal_loss(gamma: float) -> None:
    z, y = random_logits(seed=4)
    alpha = np.array([0.25, 1.0, 0.5, 2.0])
    numeric = central_difference(
        lambda: xc.focal_loss(xc.softmax(z), y, gamma=gamma, alpha=alpha, reduction="sum"), z
    )
    analytic = xc.softmax_focal_loss_grad(z, y, gamma=gamma, alpha=alpha)
    assert np.allclose(analytic, numeric, atol=1e-8)


def test_focal_gradient_is_finite_where_the_true_class_is_certain() -> None:
    # q_y rounds to exactly 1: log p / (1 - p) is 0/0 there, taken at its limit -1.
    z = np.array([[800.0, 0.0, 0.0], [0.0, 800.0, 0.0]])
    for gamma in (0.0, 0.5, 2.0):
        g = xc.softmax_focal_loss_grad(z, [0, 0], gamma=gamma)
        assert np.all(np.isfinite(g))
        assert np.allclose(g[0], 0.0)  # nothing left to learn
        # The wrong, certain sample: p = e^-800 underflows to 0, (1 - p)^γ = 1 and the
        # push is cross-entropy's q - y = (-1, 1, 0).
        assert np.allclose(g[1], [-1.0, 1.0, 0.0])


def test_mse_gradient_matches_finite_differences() -> None:
    z, y = random_logits(seed=5)
    numeric = central_difference(lambda: float(np.sum(xc.mse(xc.softmax(z), xc.one_hot(y, 4)))), z)
    assert np.allclose(xc.softmax_mse_grad(z, y), numeric, atol=1e-9)


def test_mse_pushes_a_confident_mistake_far_less_than_cross_entropy() -> None:
    z = np.array([[8.0, 0.0, 0.0]])  # q = (0.9993, 0.0003, 0.0003), true class 1
    ce = xc.softmax_cross_entropy_grad(z, [1])
    mse = xc.softmax_mse_grad(z, [1])
    assert abs(ce[0, 1]) > 0.99
    assert abs(mse[0, 1]) < 1e-3


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        # Hand formulas at q = (1/K, …, 1/K) with K = 4 (labels [0, 1, 2, 3, 0]):
        ("cross_entropy", math.log(4)),  # -ln(1/4)
        ("smoothed", math.log(4)),  # every class gets 1/4 whatever the target
        ("weighted", math.log(4)),  # Σ w_y ln 4 / Σ w_y
        ("focal", (3 / 4) ** 2 * math.log(4)),  # (1 - 1/4)^γ ln 4, γ = 2
        ("mse", 3 / 16),  # ((3/4)² + 3·(1/4)²)/4 = (K - 1)/K²
    ],
)
def test_every_loss_at_the_uniform_prediction(kind: str, expected: float) -> None:
    labels = np.array([0, 1, 2, 3, 0])
    objective = xc.Objective(kind, weight=np.array([1.0, 2.0, 3.0, 4.0]))
    assert objective.value(np.zeros((5, 4)), labels) == pytest.approx(expected, abs=1e-12)


def test_balanced_class_weights_match_scikit_learn() -> None:
    y = np.array([0] * 12 + [1] * 5 + [2] * 3)
    expected = compute_class_weight("balanced", classes=np.arange(3), y=y)
    assert np.allclose(xc.balanced_class_weights(y, 3), expected, rtol=0, atol=1e-15)
    assert xc.balanced_class_weights([0, 0, 1], 3).tolist() == [0.5, 1.0, 0.0]  # no class 2


# --- the network --------------------------------------------------------------------------

ARCHITECTURES = [
    ((3, 4), "relu"),  # softmax regression: the activation is not used
    ((3, 6, 4), "relu"),
    ((3, 6, 4), "tanh"),
    ((3, 5, 6, 4), "relu"),
    ((3, 5, 6, 4), "tanh"),
]


@pytest.mark.parametrize(("sizes", "activation"), ARCHITECTURES)
@pytest.mark.parametrize("objective", OBJECTIVES[:3] + OBJECTIVES[5:], ids=lambda o: o.kind)
def test_backprop_matches_finite_differences(
    sizes: tuple[int, ...], activation: str, objective: xc.Objective
) -> None:
    model = xc.MLP(sizes, activation)
    rng = np.random.default_rng(7)
    params = [p + rng.normal(0, 0.3, p.shape) for p in model.init(rng)]  # non-zero biases too
    x = rng.normal(0, 1, (9, sizes[0]))
    y = rng.integers(0, sizes[-1], 9)
    logits, inputs = model.forward(params, x)
    grads = model.backward(params, inputs, objective.gradient(logits, y))
    for param, grad in zip(params, grads, strict=True):
        numeric = central_difference(lambda: objective.value(model.logits(params, x), y), param)
        assert grad.shape == param.shape
        assert np.allclose(grad, numeric, atol=1e-8, rtol=1e-6)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_forward_matches_scikit_learn(activation: str) -> None:
    rng = np.random.default_rng(8)
    x = rng.normal(0, 1, (20, 2))
    y = np.arange(20) % 3
    reference = MLPClassifier(hidden_layer_sizes=(5, 4), activation=activation, max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        reference.fit(x, y)  # only to build its structure; the weights are set below
    model = xc.MLP((2, 5, 4, 3), activation)
    params = [rng.normal(0, 1, p.shape) for p in model.init(rng)]
    reference.coefs_ = params[0::2]
    reference.intercepts_ = params[1::2]
    ours = xc.softmax(model.logits(params, x))
    assert np.allclose(ours, reference.predict_proba(x), atol=1e-12)


def test_glorot_initialisation_and_zero_start_for_softmax_regression() -> None:
    rng = np.random.default_rng(0)
    w1, b1, w2, b2 = xc.MLP((5, 10, 3)).init(rng)
    assert np.abs(w1).max() <= math.sqrt(6 / 15) and np.abs(w2).max() <= math.sqrt(6 / 13)
    assert not b1.any() and not b2.any()
    assert not any(p.any() for p in xc.MLP((2, 3)).init(rng))


def test_network_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match=r"sizes must be at least two positive integers"):
        xc.MLP((3,))
    with pytest.raises(ValueError, match=r"activation must be one of relu, tanh, got 'gelu'"):
        xc.MLP((2, 3), "gelu")
    model = xc.MLP((2, 3))
    with pytest.raises(ValueError, match=r"x must have shape \(N, 2\), got \(4, 3\)"):
        model.logits(model.init(np.random.default_rng(0)), np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"params must hold 2 arrays"):
        model.logits([np.zeros((2, 3))], np.zeros((4, 2)))


# --- the optimisers -----------------------------------------------------------------------


def test_sgd_with_momentum_hand_computed() -> None:
    # PyTorch's torch.optim.SGD (dampening 0, no Nesterov): v ← μv + g, θ ← θ − ηv.
    # Minimising θ²/2 (g = θ) from θ = 1 with η = 0.1, μ = 0.9:
    #   v = 1,                 θ = 1 − 0.1·1      = 0.9
    #   v = 0.9·1 + 0.9 = 1.8, θ = 0.9 − 0.1·1.8  = 0.72
    #   v = 0.9·1.8 + 0.72 = 2.34, θ = 0.72 − 0.234 = 0.486
    theta = [np.array([1.0])]
    opt = xc.SGD(learning_rate=0.1, momentum=0.9)
    state = opt.init(theta)
    seen = []
    for t in (1, 2, 3):
        opt.step(theta, [theta[0].copy()], state, t)
        seen.append(float(theta[0][0]))
    assert seen == pytest.approx([0.9, 0.72, 0.486], abs=1e-15)


def test_plain_sgd_is_gradient_descent() -> None:
    theta = [np.array([2.0, -1.0])]
    xc.SGD(learning_rate=0.25).step(theta, [np.array([4.0, 2.0])], [np.zeros(2)], 1)
    assert theta[0].tolist() == [1.0, -1.5]  # θ − ηg, exactly


def test_adam_hand_computed() -> None:
    # Kingma & Ba (2015), Algorithm 1 (PyTorch's torch.optim.Adam), η = 0.1, β = (0.9, 0.999),
    # ε = 1e-8, from θ = 1, worked in 40-digit decimals:
    #   t = 1, g = 0.5:   m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25
    #                     θ = 1 − 0.1·0.5/(0.5 + 1e-8) = 0.90000000199999996…
    #   t = 2, g = −0.25: m = 0.045 − 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
    #                     m̂ = 0.02/0.19 = 0.10526315789…, v̂ = 0.00031225/0.001999 = 0.15620310155…
    #                     θ = 0.9 − 0.1·m̂/(√v̂ + 1e-8) = 0.87336629870784616…
    theta = [np.array([1.0])]
    opt = xc.Adam(learning_rate=0.1)
    state = opt.init(theta)
    opt.step(theta, [np.array([0.5])], state, 1)
    assert theta[0][0] == pytest.approx(0.9000000019999999600, abs=1e-15)
    opt.step(theta, [np.array([-0.25])], state, 2)
    assert theta[0][0] == pytest.approx(0.8733662987078461626, abs=1e-15)
    assert state[0][0] == pytest.approx(0.02, abs=1e-16)  # m
    assert state[1][0] == pytest.approx(0.00031225, abs=1e-18)  # v


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: xc.SGD(learning_rate=0.0), r"learning_rate must be finite and > 0, got 0.0"),
        (lambda: xc.SGD(0.1, momentum=1.0), r"momentum must lie in \[0, 1\), got 1.0"),
        (lambda: xc.Adam(beta2=1.0), r"beta2 must lie in \[0, 1\), got 1.0"),
        (lambda: xc.Adam(eps=-1.0), r"eps must be finite and >= 0, got -1.0"),
        (lambda: xc.Adam(learning_rate=math.inf), r"learning_rate must be finite and > 0"),
    ],
)
def test_optimisers_reject_bad_settings(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_adam_needs_a_step_number_from_one() -> None:
    opt = xc.Adam()
    theta = [np.zeros(1)]
    with pytest.raises(ValueError, match=r"t must be at least 1 \(the first step\), got 0"):
        opt.step(theta, [np.ones(1)], opt.init(theta), 0)


# --- toy data -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", xc.TOY_DATASETS)
@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_toy_data_shapes_classes_and_bounds(kind: str, k: int) -> None:
    data = xc.make_toy_data(kind, n_classes=k, n_samples=200, noise=0.3, seed=3)
    assert data.x_train.shape[1] == data.x_test.shape[1] == 2
    assert len(data.y_train) + len(data.y_test) == 200
    assert set(data.y_train.tolist()) == set(data.y_test.tolist()) == set(range(k))
    x = np.vstack([data.x_train, data.x_test])
    lo_x, hi_x, lo_y, hi_y = data.bounds
    assert (x[:, 0] > lo_x).all() and (x[:, 0] < hi_x).all()
    assert (x[:, 1] > lo_y).all() and (x[:, 1] < hi_y).all()


def test_toy_data_is_seeded() -> None:
    a = xc.make_toy_data("spirals", seed=11)
    b = xc.make_toy_data("spirals", seed=11)
    c = xc.make_toy_data("spirals", seed=12)
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_test, b.y_test)
    assert not np.array_equal(a.x_train, c.x_train)


def test_noise_free_shapes() -> None:
    moons = xc.make_toy_data("moons", n_classes=2, n_samples=100, noise=0.0)
    x = np.vstack([moons.x_train, moons.x_test])
    y = np.concatenate([moons.y_train, moons.y_test])
    # Class 0: unit half-circle around (−0.5, −0.25), upper half; class 1: around (0.5, 0.25),
    # lower half (scikit-learn's moons, centred).
    centres = np.where(y[:, None] == 0, [-0.5, -0.25], [0.5, 0.25])
    assert np.allclose(np.linalg.norm(x - centres, axis=1), 1.0)
    assert (x[y == 0, 1] >= -0.25 - 1e-12).all() and (x[y == 1, 1] <= 0.25 + 1e-12).all()
    spirals = xc.make_toy_data("spirals", n_samples=300, noise=0.0)
    radius = np.linalg.norm(spirals.x_train, axis=1)
    assert radius.min() >= 0.1 and radius.max() <= 2.0


def test_class_counts_imbalance() -> None:
    counts = xc.class_counts(1000, 5, imbalance=10)
    assert counts.sum() == 1000
    assert (np.diff(counts) < 0).all()
    assert counts[0] / counts[-1] == pytest.approx(10, rel=0.05)
    # Small samples: every class keeps at least 5, so the ratio is capped.
    small = xc.class_counts(60, 5, imbalance=20)
    assert small.sum() == 60 and small.min() == 5


def test_seed_script_data() -> None:
    data = xc.seed_script_data(0)
    assert data.x_train.shape == (10, 5) and data.bounds is None
    assert ((data.x_train >= 0) & (data.x_train < 1)).all()
    assert sorted(np.bincount(data.y_train).tolist()) == [3, 3, 4]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: xc.make_toy_data("circles"), r"kind must be one of blobs, moons, spirals"),
        (lambda: xc.make_toy_data("moons", noise=-0.1), r"noise must lie between 0 and 2"),
        (lambda: xc.make_toy_data("moons", n_classes=6), r"n_classes must be a whole number"),
        (lambda: xc.make_toy_data("moons", n_samples=9, n_classes=2), r"n_samples must be a"),
        (lambda: xc.class_counts(100, 3, imbalance=0.5), r"imbalance must be a finite number"),
        (lambda: xc.make_toy_data("blobs", seed=-1), r"seed must be a whole number"),
    ],
)
def test_toy_data_rejects_bad_input(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# --- training runs ------------------------------------------------------------------------


def _arrays_equal(a: xc.TrainState, b: xc.TrainState) -> bool:
    fields = [f for f in vars(a.history[0]) if f != "epoch"]
    same_history = all(
        np.array_equal(getattr(m, f), getattr(n, f), equal_nan=True)
        for m, n in zip(a.history, b.history, strict=True)
        for f in fields
    )
    return (
        same_history
        and all(np.array_equal(p, q) for p, q in zip(a.params, b.params, strict=True))
        and all(
            np.array_equal(p, q) for p, q in zip(a.optimizer_state, b.optimizer_state, strict=True)
        )
    )


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_seeded_runs_are_reproducible_bit_for_bit(optimizer: str) -> None:
    data = xc.make_toy_data("moons", n_samples=120, seed=4)
    config = xc.TrainConfig(hidden=(8, 8), optimizer=optimizer, epochs=12, batch_size=16, seed=4)
    first = xc.run_training(data, config)
    second = xc.run_training(xc.make_toy_data("moons", n_samples=120, seed=4), config)
    assert _arrays_equal(first, second)
    # However the epochs are split into calls (the page trains a few per rerun).
    chunked = xc.start_training(data, config)
    for n in (1, 4, 2, 5):
        chunked = xc.train_epochs(chunked, n)
    assert chunked.epoch == 12 and _arrays_equal(first, chunked)
    other = xc.run_training(data, xc.TrainConfig(**{**vars(config), "seed": 5}))
    assert not np.array_equal(first.params[0], other.params[0])


def test_loss_decreases_at_every_step_on_separable_data() -> None:
    # Well-separated blobs, softmax regression, full-batch gradient descent with a small
    # step: the loss is convex and smooth, so every epoch (one step) must lower it.
    data = xc.make_toy_data("blobs", n_samples=150, noise=0.0, seed=1)
    config = xc.TrainConfig(
        hidden=(), optimizer="sgd", momentum=0.0, learning_rate=0.5, batch_size=256, epochs=200
    )
    state = xc.run_training(data, config)
    losses = [m.objective_train for m in state.history]
    assert losses[0] == pytest.approx(LN3, abs=1e-12)  # zero weights: exactly uniform
    assert (np.diff(losses) < 0).all()
    assert losses[-1] < 0.05
    assert state.history[-1].accuracy_train == 1.0 == state.history[-1].accuracy_test


@pytest.mark.parametrize("loss", xc.LOSS_KINDS)
def test_every_loss_trains_an_mlp_on_separable_data(loss: str) -> None:
    data = xc.make_toy_data("blobs", n_classes=4, n_samples=160, noise=0.05, seed=2)
    state = xc.run_training(data, xc.TrainConfig(hidden=(8,), loss=loss, epochs=40))
    first, last = state.history[0], state.history[-1]
    assert last.objective_train < 0.5 * first.objective_train
    assert last.accuracy_test == 1.0


def seed_preset_start(seed: int = 0) -> float:
    """The seed preset's cross-entropy before training, rebuilt from the documented recipe.

    Plain numpy and math, none of xent_core: the data as ``seed_script_data`` documents it
    (``default_rng(seed)``: ``x = rng.random((10, 5))``, then ``y`` a permutation of
    ``arange(10) % 3``), the weights as ``MLP.init`` and the training module document
    them (the init stream ``default_rng([seed, 1])``; Glorot-uniform
    ``U(±sqrt(6 / (fan_in + fan_out)))`` for W1 (5×10), then W2 (10×3); zero biases), the
    logits ``relu(x W1) W2`` and the mean of ``ln(sum_c e^{z_c}) - z_y`` over the samples.
    """
    rng = np.random.default_rng(seed)
    x = rng.random((10, 5))
    y = rng.permutation(np.arange(10) % 3)
    init = np.random.default_rng([seed, 1])
    w1 = init.uniform(-math.sqrt(6 / 15), math.sqrt(6 / 15), size=(5, 10))
    w2 = init.uniform(-math.sqrt(6 / 13), math.sqrt(6 / 13), size=(10, 3))
    z = np.maximum(x @ w1, 0.0) @ w2
    losses = [math.log(sum(math.exp(v) for v in row)) - row[t] for row, t in zip(z, y, strict=True)]
    return math.fsum(losses) / len(losses)


def test_the_seed_preset_starts_near_ln_3_and_memorises_its_ten_samples() -> None:
    state = xc.start_training(xc.seed_script_data(0), SEED_SETUP)
    # 1.18453 for seed 0, from the independent rebuild above (not from xent_core's output).
    assert state.history[0].cross_entropy_train == pytest.approx(seed_preset_start(0), rel=1e-12)
    assert seed_preset_start(0) == pytest.approx(1.18453, abs=1e-5)
    assert abs(state.history[0].cross_entropy_train - LN3) < 0.1
    starts = [
        xc.start_training(xc.seed_script_data(s), xc.TrainConfig(**{**vars(SEED_SETUP), "seed": s}))
        .history[0]
        .cross_entropy_train
        for s in range(20)
    ]
    assert starts == pytest.approx([seed_preset_start(s) for s in range(20)], rel=1e-12)
    assert abs(np.mean(starts) - LN3) < 0.06
    trained = xc.train_epochs(state, SEED_SETUP.epochs)
    assert trained.history[-1].accuracy_train == 1.0
    assert trained.history[-1].cross_entropy_train < 0.1
    assert math.isnan(trained.history[-1].cross_entropy_test)  # there is no test set


def test_why_the_start_is_ln_k() -> None:
    data = xc.make_toy_data("moons", n_classes=4, seed=0)
    # Softmax regression starts at zero weights: equal logits, exactly ln K.
    zero = xc.start_training(data, xc.TrainConfig(hidden=()))
    assert zero.history[0].cross_entropy_train == pytest.approx(math.log(4), abs=1e-14)
    assert zero.history[0].logit_spread == 0.0
    # Shrinking the initial weights makes the logits equal in the limit …
    tiny = xc.start_training(data, xc.TrainConfig(hidden=(16,), init_scale=1e-4))
    assert abs(tiny.history[0].cross_entropy_train - math.log(4)) < 1e-6
    # … and growing them starts the network confidently wrong, far above ln K.
    big = xc.start_training(data, xc.TrainConfig(hidden=(16,), init_scale=10.0))
    assert big.history[0].cross_entropy_train > 2 * math.log(4)
    # For small logits the label-averaged start is ln K + s²/2 to second order.
    small = xc.start_training(data, xc.TrainConfig(hidden=(16,), init_scale=0.3))
    z = small.logits(data.x_train)
    label_average = np.mean(xc.logsumexp(z) - z.mean(axis=1))
    s = small.history[0].logit_spread
    assert label_average - math.log(4) == pytest.approx(s**2 / 2, rel=0.05)


def test_metrics_match_scikit_learn() -> None:
    data = xc.make_toy_data("spirals", n_classes=3, n_samples=240, noise=0.1, seed=6)
    state = xc.run_training(data, xc.TrainConfig(hidden=(16, 16), epochs=15))
    last = state.history[-1]
    for x, y, ce, acc, recall in (
        (data.x_train, data.y_train, last.cross_entropy_train, last.accuracy_train,
         last.recall_train),
        (data.x_test, data.y_test, last.cross_entropy_test, last.accuracy_test,
         last.recall_test),
    ):  # fmt: skip
        q = state.predict_proba(x)
        pred = q.argmax(axis=1)
        assert ce == pytest.approx(log_loss(y, q, labels=[0, 1, 2]), abs=1e-12)
        assert acc == pytest.approx(accuracy_score(y, pred), abs=1e-15)
        assert np.allclose(recall, recall_score(y, pred, average=None, labels=[0, 1, 2]))


def test_softmax_regression_reaches_scikit_learns_optimum() -> None:
    # Overlapping blobs have a finite unregularised optimum; scikit-learn's lbfgs finds it.
    data = xc.make_toy_data("blobs", n_samples=150, noise=0.8, seed=0)
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000)  # no penalty
    reference.fit(data.x_train, data.y_train)
    best = log_loss(data.y_train, reference.predict_proba(data.x_train))
    config = xc.TrainConfig(
        hidden=(), optimizer="sgd", momentum=0.9, learning_rate=0.3, batch_size=256, epochs=500
    )
    ours = xc.run_training(data, config).history[-1].cross_entropy_train
    assert best - 1e-9 <= ours <= best + 1e-7


def test_weighted_objective_uses_balanced_training_weights() -> None:
    data = xc.make_toy_data("blobs", n_samples=200, imbalance=10, seed=0)
    state = xc.start_training(data, xc.TrainConfig(loss="weighted"))
    counts = np.bincount(data.y_train)
    assert np.allclose(state.objective.weight, len(data.y_train) / (3 * counts))
    z = state.logits(data.x_train)
    per_sample = xc.cross_entropy_from_logits(z, data.y_train, reduction="none")
    w = state.objective.weight[data.y_train]
    # PyTorch's weighted mean: Σ w_y ℓ / Σ w_y.
    expected = float(np.sum(w * per_sample) / np.sum(w))
    assert state.history[0].objective_train == pytest.approx(expected, abs=1e-12)


def test_a_huge_learning_rate_diverges_and_stops() -> None:
    data = xc.make_toy_data("moons", n_samples=100, seed=0)
    config = xc.TrainConfig(optimizer="sgd", learning_rate=1e6, epochs=50)
    state = xc.run_training(data, config)
    assert state.diverged and state.done
    assert state.epoch < 50
    assert xc.train_epochs(state, 5) is state  # nothing more to do
    with pytest.raises(ValueError, match=r"a diverged run has no decision regions"):
        xc.decision_regions(state)


def test_decision_regions_are_the_argmax_over_the_grid() -> None:
    data = xc.make_toy_data("moons", seed=0)
    state = xc.run_training(data, xc.TrainConfig(epochs=5))
    regions = xc.decision_regions(state, 30)
    assert regions.label.shape == regions.confidence.shape == (30, 30)
    # Row i, column j is the point (xs[j], ys[i]).
    q = state.predict_proba([[regions.xs[7], regions.ys[21]]])[0]
    assert regions.label[21, 7] == q.argmax()
    assert regions.confidence[21, 7] == pytest.approx(q.max(), abs=1e-15)
    assert (regions.confidence >= 1 / 3 - 1e-12).all()
    with pytest.raises(ValueError, match=r"decision regions need data with two features"):
        xc.decision_regions(xc.start_training(xc.seed_script_data(), xc.TrainConfig()))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hidden": (0,)}, r"hidden must hold positive integer widths, got \(0,\)"),
        ({"loss": "hinge"}, r"loss must be one of cross_entropy, smoothed, weighted"),
        ({"optimizer": "rmsprop"}, r"optimizer must be one of sgd, adam"),
        ({"batch_size": 0}, r"batch_size must be a positive integer, got 0"),
        ({"learning_rate": -1.0}, r"learning_rate must be finite and > 0, got -1.0"),
        ({"smoothing": 1.5}, r"smoothing must lie in \[0, 1\], got 1.5"),
    ],
)
def test_train_config_rejects_bad_settings(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        xc.TrainConfig(**changes)

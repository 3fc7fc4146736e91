r"""A small fully connected network in numpy: softmax regression or an MLP, with backprop.

Layer :math:`l` computes :math:`a_l = \phi(a_{l-1} W_l + b_l)` with :math:`a_0 = x` and
:math:`\phi` = ReLU or tanh; the last layer has no activation and returns the logits
:math:`z = a_{L-1} W_L + b_L` (a softmax turns them into probabilities, inside the loss).
With no hidden layer this is softmax (multinomial logistic) regression.

Backpropagation takes :math:`G = \partial J / \partial z`, shape (N, K), and applies the
chain rule layer by layer:

.. math::

    \nabla_{W_l} J = a_{l-1}^\top G_l,\quad \nabla_{b_l} J = \textstyle\sum_n G_{l,n},\quad
    G_{l-1} = (G_l W_l^\top) \odot \phi'(a_{l-1} \text{'s pre-activation})

with :math:`\phi'` read from the activations: ReLU's is :math:`[a > 0]`, tanh's
:math:`1 - a^2`. Parameters are a flat list ``[W_1, b_1, ..., W_L, b_L]`` so that an
optimiser can update them in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["ACTIVATIONS", "MLP"]

#: The hidden-layer activations.
ACTIVATIONS = ("relu", "tanh")

Params = list[NDArray[np.float64]]


@dataclass(frozen=True)
class MLP:
    """The shape of a network: layer sizes ``(D, H_1, ..., K)`` and the hidden activation.

    The parameters live outside (a list of arrays), so one ``MLP`` describes any number of
    trained copies.

    Attributes
    ----------
    sizes : tuple of int
        Inputs D, the hidden widths, and the classes K; ``(D, K)`` is softmax regression.
    activation : {"relu", "tanh"}
        Used by the hidden layers only.

    Examples
    --------
    >>> net = MLP((2, 3, 2), "relu")
    >>> params = [np.eye(2, 3), np.zeros(3), np.ones((3, 2)), np.array([0.0, 1.0])]
    >>> net.logits(params, [[1.0, -2.0]]).tolist()  # relu([1, -2, 0]) = [1, 0, 0]
    [[1.0, 2.0]]
    """

    sizes: tuple[int, ...]
    activation: str = "relu"

    def __post_init__(self) -> None:
        if len(self.sizes) < 2 or any(
            isinstance(s, bool) or not isinstance(s, int) or s < 1 for s in self.sizes
        ):
            raise ValueError(f"sizes must be at least two positive integers, got {self.sizes!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(ACTIVATIONS)}, got {self.activation!r}"
            )

    @property
    def n_layers(self) -> int:
        """Weight layers, hidden ones and the output layer."""
        return len(self.sizes) - 1

    def init(self, rng: np.random.Generator, *, scale: float = 1.0) -> Params:
        r"""Glorot-uniform weights (Keras's default) times ``scale``, and zero biases.

        :math:`W_l \sim U(-s, s)` with :math:`s = \sqrt{6 / (\text{fan-in} + \text{fan-out})}`.
        Such weights keep the initial logits small, so the first softmax is close to
        uniform and the first cross-entropy close to :math:`\ln K`. Softmax regression (no
        hidden layer) starts at zero instead, as scikit-learn's logistic regression does:
        its loss is convex, so there is no symmetry to break, and the first prediction is
        exactly uniform.
        """
        params: Params = []
        if self.n_layers == 1:
            return [np.zeros(self.sizes), np.zeros(self.sizes[1])]
        for fan_in, fan_out in pairwise(self.sizes):
            limit = scale * np.sqrt(6.0 / (fan_in + fan_out))
            params.append(rng.uniform(-limit, limit, size=(fan_in, fan_out)))
            params.append(np.zeros(fan_out))
        return params

    def _check(self, params: Sequence[NDArray]) -> None:
        if len(params) != 2 * self.n_layers:
            raise ValueError(
                f"params must hold {2 * self.n_layers} arrays (a weight and a bias per "
                f"layer), got {len(params)}"
            )

    def _act(self, h: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.maximum(h, 0.0) if self.activation == "relu" else np.tanh(h)

    def forward(
        self, params: Sequence[NDArray], x: ArrayLike
    ) -> tuple[NDArray[np.float64], list[NDArray[np.float64]]]:
        """The logits, shape (N, K), and every layer's input (for :meth:`backward`)."""
        self._check(params)
        a = np.asarray(x, dtype=np.float64)
        if a.ndim != 2 or a.shape[1] != self.sizes[0]:
            raise ValueError(f"x must have shape (N, {self.sizes[0]}), got {a.shape}")
        inputs = [a]
        for layer in range(self.n_layers - 1):
            a = self._act(a @ params[2 * layer] + params[2 * layer + 1])
            inputs.append(a)
        return inputs[-1] @ params[-2] + params[-1], inputs

    def logits(self, params: Sequence[NDArray], x: ArrayLike) -> NDArray[np.float64]:
        """The logits for inputs ``x`` of shape (N, D): shape (N, K)."""
        return self.forward(params, x)[0]

    def backward(
        self,
        params: Sequence[NDArray],
        inputs: Sequence[NDArray[np.float64]],
        grad_logits: NDArray[np.float64],
    ) -> Params:
        """Gradients of J with respect to every parameter, in the order of ``params``.

        ``inputs`` is the second value :meth:`forward` returned, ``grad_logits`` is
        :math:`\\partial J / \\partial z` with the shape of the logits.
        """
        self._check(params)
        grads: Params = [np.empty(0)] * len(params)
        g = np.asarray(grad_logits, dtype=np.float64)
        for layer in reversed(range(self.n_layers)):
            a = inputs[layer]
            grads[2 * layer] = a.T @ g
            grads[2 * layer + 1] = g.sum(axis=0)
            if layer:
                g = g @ params[2 * layer].T
                # The derivative of the activation that produced a, read from a itself.
                g = g * (a > 0) if self.activation == "relu" else g * (1.0 - a * a)
        return grads
